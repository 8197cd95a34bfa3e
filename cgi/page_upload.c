/* page_upload.c: GET /upload (form and version history), POST /upload (new version), POST /upload/activate (rollback). */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "colmap.h"
#include "filter.h"
#include "held.h"
#include "import.h"
#include "multipart.h"
#include "pages.h"
#include "role.h"
#include "upmap.h"
#include "view.h"

#define HISTORY_MAX 200

static enum app_status need_editor(struct request *r)
{
	if (role_is_editor(r->role))
		return APP_OK;
	app_set_reason(r, "Only editors may upload data or switch versions. Ask an administrator to make you an editor.");
	return APP_FORBIDDEN;
}

/* "2026-11-26T14:10:28Z" as the server's local time. */
static void local_time(const char *utc, char *out, size_t outsz)
{
	struct tm tm;
	memset(&tm, 0, sizeof(tm));
	snprintf(out, outsz, "%s", utc);
	if (!strptime(utc, "%Y-%m-%dT%H:%M:%SZ", &tm))
		return;
	time_t t = timegm(&tm);
	struct tm lt;
	localtime_r(&t, &lt);
	strftime(out, outsz, "%Y-%m-%d %H:%M %Z", &lt);
}

/* The dataset history; -1 when the arena cannot hold the version names. */
static int history(struct tpl_dict *d, const struct request *r, int editor)
{
	char (*names)[STORE_VERSION_MAX] = arena_alloc(r->arena, HISTORY_MAX * sizeof(*names));
	if (!names)
		return -1;
	char cur[STORE_VERSION_MAX] = "";
	store_current(r->cfg->uploads, cur);
	size_t n = store_versions(r->cfg->uploads, names, HISTORY_MAX);
	for (size_t i = 0; i < n; i++) {
		struct store_info info;
		if (store_info(r->cfg->uploads, names[i], &info) < 0)
			continue;
		struct tpl_dict *v = tpl_section(d, "VERSION_ROW");
		char local[64];
		local_time(info.created, local, sizeof(local));
		tpl_set(v, "NAME", info.version);
		tpl_set(v, "CREATED", info.created);
		tpl_set(v, "LOCAL", local);
		tpl_set(v, "USER", info.user);
		for (int f = 0; f < DSF__MAX; f++) {
			static const char *const key[DSF__MAX] = { "ROWS_I", "ROWS_P", "ROWS_T", "ROWS_Y" };
			tpl_setf(v, key[f], "%ld", info.rows[f]);
		}
		for (char *w = info.warnings, *nl; *w; w = nl + 1) {
			nl = strchr(w, '\n');
			if (!nl)
				break;
			*nl = '\0';
			tpl_set(tpl_section(v, "WARNING"), "TEXT", w);
		}
		if (strcmp(info.version, cur) == 0)
			tpl_show(v, "CURRENT");
		else if (editor)
			tpl_show(v, "ACTIVATE");
	}
	return 0;
}

/* The form page, with errors when a POST failed (status 422). */
static enum app_status form_page(struct request *r, int status, const struct importlog *rep, const struct form *form,
				 const char *message)
{
	return page_upload_answer(r, status, rep, form, message, NULL);
}

enum app_status page_upload_answer(struct request *r, int status, const struct importlog *rep, const struct form *form,
				   const char *message, const struct held *held)
{
	struct tpl_dict *d = tpl_new();
	if (!d)
		return APP_INTERNAL;
	view_layout(d, r, NULL, NULL, "Upload");
	if (history(d, r, 1) < 0) {
		tpl_free(d);
		app_set_reason(r, "out of memory listing the versions");
		return APP_INTERNAL;
	}
	if (message)
		tpl_set(tpl_section(d, "FAILED"), "MESSAGE", message);
	for (int f = 0; rep && f < DSF__MAX; f++) {
		const struct importlog_file *rf = &rep->file[f];
		if (!rf->nerrors)
			continue;
		struct tpl_dict *x = tpl_section(d, "FILE_ERRORS");
		tpl_set(x, "FILE", ds_file_name[f]);
		tpl_set(x, "SENT_AS", form && form->file[f].present ? form->file[f].filename : "(carried over)");
		tpl_setf(x, "TOTAL", "%ld", rf->nerrors);
		if (rf->nerrors > rf->nkept)
			tpl_setf(tpl_section(x, "MORE"), "HIDDEN", "%ld", rf->nerrors - rf->nkept);
		for (int i = 0; i < rf->nkept; i++) {
			struct tpl_dict *e = tpl_section(x, "ERROR");
			if (rf->kept[i].line)
				tpl_setf(e, "LINE", "%ld", rf->kept[i].line);
			tpl_set(e, "COLUMN", rf->kept[i].column);
			tpl_set(e, "VALUE", rf->kept[i].value);
			tpl_set(e, "REASON", rf->kept[i].reason);
		}
	}
	if (held)
		upmap_fill(d, held, rep);
	struct buf out;
	buf_init(&out, 16 << 20);
	int rc = tpl_expand("upload.tpl", d, &out);
	tpl_free(d);
	if (rc < 0) {
		buf_free(&out);
		return APP_INTERNAL;
	}
	app_send(r, status, "text/html; charset=utf-8", &out);
	buf_free(&out);
	return APP_OK;
}

/* nginx's auth_request before it reads an upload's body: 204 for an editor,
 * 401 without a sign-in, 403 for anyone else (nginx then shows the refusal
 * of the page asked for). A GET has no body: the page itself decides, and
 * sends a signed-out browser to the sign-in page. */
enum app_status page_upload_role(struct request *r)
{
	const char *method = app_param(r, "ORIGINAL_METHOD");
	if (method && (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0)) {
		app_begin(r, 204, "text/plain; charset=utf-8", NULL);
		return APP_OK;
	}
	if (!r->role) {
		app_error_page(r, 401, "Sign-in needed", "Sign in as an editor to upload.");
		return APP_OK;
	}
	enum app_status st = need_editor(r);
	if (st == APP_OK)
		app_begin(r, 204, "text/plain; charset=utf-8", NULL);
	return st;
}

enum app_status page_upload_form(struct request *r)
{
	enum app_status st = need_editor(r);
	return st != APP_OK ? st : form_page(r, 200, NULL, NULL, NULL);
}

static void redirect(struct request *r, const char *what, const char *version)
{
	char h[128];
	snprintf(h, sizeof(h), "Location: /?%s=%s\r\n", what, version);
	app_begin(r, 303, "text/plain; charset=utf-8", h);
	app_write(r, "See Other\n", 10);
}

/* Removes the files written from the form and their directory. */
static void drop_incoming(const char *dir, const struct form *form)
{
	for (int f = 0; f < DSF__MAX; f++)
		if (form->file[f].path[0])
			unlink(form->file[f].path);
	rmdir(dir);
}

/* The answer when the server could not write an upload (e is the cause):
 * a full disk and a read-only store are named, since only an administrator
 * can mend them; the current version is untouched either way. */
static enum app_status storage_failure(struct request *r, int e, const char *detail)
{
	app_log(r, "ERROR", "storing an upload failed: %s", detail);
	if (e == ENOSPC || e == EDQUOT)
		return form_page(r, 507, NULL, NULL, "The server's disk is full, so the upload could not be stored. "
				 "Nothing was changed; ask the administrator to free space.");
	if (e == EROFS || e == EACCES || e == EPERM)
		return form_page(r, 503, NULL, NULL, "The server cannot write to its uploads directory (read-only or "
				 "not permitted). Nothing was changed; ask the administrator.");
	return form_page(r, 500, NULL, NULL, "The files could not be stored (the error is logged). Nothing was changed.");
}

enum app_status page_upload_post(struct request *r)
{
	enum app_status st = need_editor(r);
	if (st != APP_OK)
		return st;
	store_clean_staging(r->cfg->uploads); /* what a killed upload left behind */
	held_sweep(r->cfg->uploads, 0);
	const char *body = app_param(r, "REQUEST_BODY_FILE");
	char dir[4096], err[512], version[STORE_VERSION_MAX];
	struct form form;
	memset(&form, 0, sizeof(form));
	if (!body || !*body)
		return form_page(r, 422, NULL, NULL, "The upload arrived without a body. Choose at least one file.");
	int n = snprintf(dir, sizeof(dir) - 7, "%s/.incoming-%ld-", r->cfg->uploads, (long)getpid());
	if (n > 0 && (size_t)n < sizeof(dir) - 7) {
		memset(dir + n, 'X', 6); /* the six characters mkdtemp replaces */
		dir[n + 6] = '\0';
	}
	if (n <= 0 || (size_t)n >= sizeof(dir) - 7 || !mkdtemp(dir)) {
		int e = errno;
		snprintf(err, sizeof(err), "cannot create an incoming directory in %s: %s", r->cfg->uploads, strerror(e));
		return storage_failure(r, e, err);
	}
	int mp = multipart_read(app_param(r, "CONTENT_TYPE"), body, dir, &form, err, sizeof(err));
	if (mp < 0) {
		drop_incoming(dir, &form);
		if (mp == -2)
			return storage_failure(r, form.store_errno, err);
		return form_page(r, mp == -3 ? 413 : 422, NULL, NULL, err);
	}
	if (form.nfiles == 0) {
		drop_incoming(dir, &form);
		return form_page(r, 422, NULL, NULL, "No file was chosen. Choose at least one of the four files.");
	}
	const char *src[DSF__MAX];
	for (int f = 0; f < DSF__MAX; f++)
		src[f] = form.file[f].present ? form.file[f].path : NULL;
	struct importlog rep;
	importlog_init(&rep);
	struct colmap how;
	memset(&how, 0, sizeof(how));
	for (int f = 0; f < DSF__MAX; f++)
		how.month_first[f] = (unsigned char)form.month_first;
	int rc = import_run_with(r->cfg->uploads, src, &how, r->user, &rep, version, err, sizeof(err));
	int why = errno;
	struct held held, *keep = NULL; /* files lacking a column: kept for the mapping step */
	if (rc == -1 && upmap_offer(&rep, &form) &&
	    held_keep(r->cfg->uploads, r->user, form.month_first, &form, &held) == 0)
		keep = &held;
	drop_incoming(dir, &form);
	page_upload_result(r, rc, why, version, err, &rep, &form, keep);
	importlog_free(&rep);
	return APP_OK;
}

void page_upload_result(struct request *r, int rc, int why, const char *version, const char *err,
			const struct importlog *rep, const struct form *form, const struct held *keep)
{
	if (rc == 0) {
		app_log(r, "INFO", "version %s activated by %s", version, r->user ? r->user : "-");
		int removed = import_retain(r->cfg->uploads);
		if (removed > 0)
			app_log(r, "INFO", "removed %d old versions (KEEP_VERSIONS)", removed);
		redirect(r, "uploaded", version);
	} else if (rc == -1 && keep) {
		page_upload_answer(r, 422, rep, form, "Nothing was changed: some files lack a required column. Choose below "
				   "which of their columns holds it, or fix the files and upload again.", keep);
	} else if (rc == -1) {
		form_page(r, 422, rep, form, "Nothing was changed: the files have errors. Fix them and upload again.");
	} else {
		storage_failure(r, why, err);
	}
}

enum app_status page_upload_editor(struct request *r)
{
	return need_editor(r);
}

enum app_status page_upload_activate(struct request *r)
{
	enum app_status st = need_editor(r);
	if (st != APP_OK)
		return st;
	char *body = app_read_body(r, 1024), err[256];
	const char *version = body ? filter_form_value(r->arena, body, "version") : NULL;
	if (!version || !store_valid_name(version)) {
		app_set_reason(r, "parameter \"version\": expected a version number such as 000002");
		return APP_BAD_REQUEST;
	}
	if (store_activate(r->cfg->uploads, version, err, sizeof(err)) < 0) {
		app_set_reason(r, arena_strndup(r->arena, err, strlen(err)));
		return APP_NOT_FOUND;
	}
	app_log(r, "INFO", "version %s activated again by %s", version, r->user ? r->user : "-");
	redirect(r, "activated", version);
	return APP_OK;
}
