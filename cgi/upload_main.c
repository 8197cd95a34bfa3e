/* upload_main.c: the upload FastCGI program: GET and POST /upload, POST /upload/activate, nginx's role check, /users. */
#include <stdlib.h>

#include "held.h"
#include "pages.h"
#include "store.h"

static const struct app_page pages[] = {
	{ "/upload", "GET", page_upload_form, 0 },
	{ "/upload", "POST", page_upload_post, 0 },
	{ "/upload/activate", "POST", page_upload_activate, 0 },
	{ "/upload/role", "GET", page_upload_role, APP_OPEN },
	{ "/upload/map", "POST", page_upload_map, 0 },
	{ "/users", "GET", page_users, 0 },
	{ "/users", "POST", page_users_post, 0 },
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
