/* page_upload.c: GET /upload: the upload page (web upload arrives with the next release). */
#include "pages.h"
#include "view.h"

enum app_status page_upload_form(struct request *r)
{
	struct tpl_dict *d = tpl_new();
	if (!d)
		return APP_INTERNAL;
	view_layout(d, r, NULL, NULL, "Upload");
	enum app_status st = view_send(r, d, "upload.tpl");
	tpl_free(d);
	return st;
}
