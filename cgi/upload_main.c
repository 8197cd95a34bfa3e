/* upload_main.c: the upload FastCGI program: GET /upload. */
#include "pages.h"

static const struct app_page pages[] = {
	{ "/upload", "GET", page_upload_form },
};

int main(void)
{
	return app_main("upload", pages, sizeof(pages) / sizeof(pages[0]));
}
