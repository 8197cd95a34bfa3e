/* page_login.c: GET and POST /login (the sign-in form), POST /logout. */
#include <string.h>

#include "auth.h"
#include "filter.h"
#include "pages.h"
#include "tpl.h"

#define FORM_MAX 8192

static enum app_status form(struct request *r, int failed, const char *user, const char *next)
{
	struct tpl_dict *d = tpl_new();
	struct buf out;
	if (!d)
		return APP_INTERNAL;
	buf_init(&out, 1 << 20);
	tpl_set(d, "NEXT", auth_safe_next(next));
	tpl_set(d, "USER", user ? user : "");
	if (failed)
		tpl_set(tpl_section(d, "FAILED"), "MESSAGE",
			"Wrong user name or password, or too many failed attempts for a while. Try again.");
	int rc = tpl_expand("login.tpl", d, &out);
	tpl_free(d);
	if (rc == 0)
		app_send(r, 200, "text/html; charset=utf-8", &out);
	buf_free(&out);
	return rc == 0 ? APP_OK : APP_INTERNAL;
}

static void see_other(struct request *r, const char *where)
{
	struct buf h;
	buf_init(&h, 8192);
	buf_printf(&h, "Location: %s\r\n", where);
	app_begin(r, 303, "text/plain; charset=utf-8", buf_str(&h));
	buf_free(&h);
}

enum app_status page_login_form(struct request *r)
{
	const char *next = filter_form_value(r->arena, r->query, "next");
	if (r->role) { /* signed in already */
		see_other(r, auth_safe_next(next));
		return APP_OK;
	}
	return form(r, 0, NULL, next);
}

enum app_status page_login_post(struct request *r)
{
	const char *body = app_read_body(r, FORM_MAX);
	if (!body) {
		app_set_reason(r, "The sign-in form is too large.");
		return APP_BAD_REQUEST;
	}
	const char *user = filter_form_value(r->arena, body, "user");
	const char *pw = filter_form_value(r->arena, body, "password");
	const char *next = filter_form_value(r->arena, body, "next");
	r->user = NULL;
	r->role = 0;
	r->session_headers = NULL; /* a new session replaces any other */
	if (!user || !pw || auth_sign_in(r, user, pw, 1) < 0)
		return form(r, 1, user, next);
	see_other(r, auth_safe_next(next));
	return APP_OK;
}

enum app_status page_logout(struct request *r)
{
	if (r->role)
		auth_sign_out(r);
	see_other(r, "/login");
	return APP_OK;
}
