/* page_users.c: GET and POST /users: admins list users (role, last sign-in) and add, remove, reset a password, change a role. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "auth.h"
#include "filter.h"
#include "pages.h"
#include "role.h"
#include "tpl.h"
#include "view.h"

#define FORM_MAX 8192

static enum app_status need_admin(struct request *r)
{
	if (r->role == ROLE_ADMIN)
		return APP_OK;
	app_set_reason(r, "Only admins may manage users.");
	return APP_FORBIDDEN;
}

static enum app_status page(struct request *r, int status, const char *failed, const char *done)
{
	struct users all;
	if (users_read(auth_dir(), &all) < 0)
		return APP_INTERNAL;
	struct tpl_dict *d = tpl_new();
	if (!d) {
		users_free(&all);
		return APP_INTERNAL;
	}
	view_layout(d, r, NULL, NULL, "Users");
	if (failed)
		tpl_set(tpl_section(d, "FAILED"), "MESSAGE", failed);
	if (done)
		tpl_set(tpl_section(d, "DONE"), "MESSAGE", done);
	for (size_t i = 0; i < all.n; i++) {
		const struct user_rec *u = &all.u[i];
		struct tpl_dict *row = tpl_section(d, "USER_ROW");
		char when[32] = "never";
		if (u->last_login) {
			time_t t = (time_t)u->last_login;
			struct tm tm;
			gmtime_r(&t, &tm);
			strftime(when, sizeof(when), "%Y-%m-%d %H:%M", &tm);
		}
		tpl_set(row, "NAME", u->name);
		tpl_set(row, "ROLE", role_name(u->role));
		tpl_set(row, "LAST", when);
		static const char *const sel[] = { "", "IS_VIEWER", "IS_EDITOR", "IS_ADMIN" };
		tpl_section(row, sel[u->role]);
	}
	users_free(&all);
	struct buf out;
	buf_init(&out, 4 << 20);
	int rc = tpl_expand("users.tpl", d, &out);
	tpl_free(d);
	if (rc == 0)
		app_send(r, status, "text/html; charset=utf-8", &out);
	buf_free(&out);
	return rc == 0 ? APP_OK : APP_INTERNAL;
}

enum app_status page_users(struct request *r)
{
	enum app_status st = need_admin(r);
	if (st != APP_OK)
		return st;
	const char *done = filter_form_value(r->arena, r->query, "done");
	static const char *const said[][2] = { { "added", "The user was added." }, { "removed", "The user was removed." },
					       { "password", "The password was reset; that user's sessions ended." },
					       { "role", "The role was changed; that user's sessions ended." } };
	const char *msg = NULL;
	for (size_t i = 0; done && i < sizeof(said) / sizeof(said[0]); i++)
		if (strcmp(done, said[i][0]) == 0)
			msg = said[i][1];
	return page(r, 200, NULL, msg);
}

/* Applies one change to the list; NULL, or why it was refused. */
static const char *change(struct users *all, const char *me, const char *action, const char *name, const char *pw,
			  int role)
{
	struct user_rec *u = users_find(all, name);
	if (strcmp(action, "add") == 0) {
		if (!users_name_ok(name))
			return "A user name has 1 to 64 letters, digits or . _ @ - and nothing else.";
		if (u)
			return "There is such a user already: reset the password or change the role instead.";
		if (!role || !pw || !*pw)
			return "A new user needs a password and a role.";
		struct user_rec fresh = { .role = role };
		snprintf(fresh.name, sizeof(fresh.name), "%s", name);
		if (pwhash_make(pw, fresh.hash, sizeof(fresh.hash)) < 0 || users_put(all, &fresh) < 0)
			return "The password could not be stored.";
		return NULL;
	}
	if (!u)
		return "There is no such user.";
	int last_admin = u->role == ROLE_ADMIN && users_count_role(all, ROLE_ADMIN) == 1;
	if (strcmp(action, "remove") == 0) {
		if (strcmp(u->name, me) == 0 || last_admin)
			return "You cannot remove yourself or the last admin.";
		users_remove(all, name);
	} else if (strcmp(action, "password") == 0) {
		if (!pw || !*pw)
			return "The new password is empty.";
		if (pwhash_make(pw, u->hash, sizeof(u->hash)) < 0)
			return "The password could not be stored.";
		u->fails = 0;
		u->lock_until = 0;
		auth_end_sessions(u);
	} else if (strcmp(action, "role") == 0) {
		if (!role)
			return "Choose viewer, editor or admin.";
		if (last_admin && role != ROLE_ADMIN)
			return "The last admin stays an admin: make another user admin first.";
		u->role = role;
		auth_end_sessions(u);
	} else {
		return "Unknown action.";
	}
	return NULL;
}

enum app_status page_users_post(struct request *r)
{
	enum app_status st = need_admin(r);
	if (st != APP_OK)
		return st;
	const char *body = app_read_body(r, FORM_MAX);
	if (!body) {
		app_set_reason(r, "The form is too large.");
		return APP_BAD_REQUEST;
	}
	const char *action = filter_form_value(r->arena, body, "action");
	const char *name = filter_form_value(r->arena, body, "name");
	const char *pw = filter_form_value(r->arena, body, "password");
	const char *role = filter_form_value(r->arena, body, "role");
	if (!action || !name) {
		app_set_reason(r, "The form lacks the action or the user name.");
		return APP_BAD_REQUEST;
	}
	const char *why = "The users file could not be changed; the error is logged.";
	int lock = users_lock(auth_dir());
	struct users all;
	if (lock >= 0 && users_read(auth_dir(), &all) == 0) {
		why = change(&all, r->user, action, name, pw, role_parse(role));
		if (!why && users_write(auth_dir(), &all) < 0)
			why = "The users file could not be written; nothing changed.";
		users_free(&all);
	}
	users_unlock(lock);
	char fields[160];
	snprintf(fields, sizeof(fields), "action=%s%s", strcmp(action, "add") && strcmp(action, "remove") &&
		 strcmp(action, "password") && strcmp(action, "role") ? "other" : action, why ? " result=refused" : "");
	struct buf target;
	buf_init(&target, 256);
	buf_puts(&target, "target=\"");
	for (const char *p = name; *p && target.len < 200; p++) /* the target's name, escaped like the user's */
		buf_printf(&target, (unsigned char)*p < 0x20 || *p == 0x7f || *p == '"' || *p == '\\' ? "\\x%02X" : "%c",
			   (unsigned char)*p);
	buf_printf(&target, "\" %s", fields);
	app_log_event(r, "user_change", r->user, buf_str(&target));
	buf_free(&target);
	if (why)
		return page(r, 422, why, NULL);
	char loc[64];
	snprintf(loc, sizeof(loc), "Location: /users?done=%s\r\n", action);
	app_begin(r, 303, "text/plain; charset=utf-8", loc);
	return APP_OK;
}
