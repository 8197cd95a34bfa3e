/* upload_main.c: the upload FastCGI program: GET and POST /upload, POST /upload/activate, nginx's role check. */
#include <stdlib.h>

#include "held.h"
#include "pages.h"
#include "store.h"

static const struct app_page pages[] = {
	{ "/upload", "GET", page_upload_form },
	{ "/upload", "POST", page_upload_post },
	{ "/upload/activate", "POST", page_upload_activate },
	{ "/upload/role", "GET", page_upload_role },
	{ "/upload/map", "POST", page_upload_map },
};

int main(void)
{
	const char *uploads = getenv("UPLOADS_DIR");
	if (uploads) {
		store_clean_staging(uploads); /* what a killed writer left behind */
		held_sweep(uploads, 1);       /* uploads waiting for a column mapping */
	}
	return app_main("upload", pages, sizeof(pages) / sizeof(pages[0]));
}
