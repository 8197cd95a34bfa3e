/* upload_main.c: the upload FastCGI program: GET and POST /upload, POST /upload/activate, nginx's role check, /users. */
#include <stdlib.h>

#include "pages.h"
#include "store.h"

static const struct app_page pages[] = {
	{ "/upload", "GET", page_upload_form, 0 },
	{ "/upload", "POST", page_upload_post, 0 },
	{ "/upload/activate", "POST", page_upload_activate, 0 },
	{ "/upload/role", "GET", page_upload_role, APP_OPEN },
	{ "/users", "GET", page_users, 0 },
	{ "/users", "POST", page_users_post, 0 },
};

int main(void)
{
	const char *uploads = getenv("UPLOADS_DIR");
	if (uploads)
		store_clean_staging(uploads); /* what a killed writer left behind */
	return app_main("upload", pages, sizeof(pages) / sizeof(pages[0]));
}
