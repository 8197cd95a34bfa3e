/* upmap.c: the column-mapping step of an upload: the mapping form on the 422 page and POST /upload/map. */
#include "upmap.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filter.h"
#include "import.h"
#include "pages.h"

#define MAP_BODY_MAX (64 << 10)

int upmap_offer(const struct importlog *rep, const struct form *form)
{
	for (int f = 0; f < DSF__MAX; f++)
		if (rep->file[f].missing && form->file[f].present)
			return 1;
	return 0;
}

/* The form field of a column: "tracking_data.date". */
static void field_name(enum ds_file f, int c, char *out, size_t outsz)
{
	snprintf(out, outsz, "%.*s.%s", (int)(strlen(ds_file_name[f]) - 4), ds_file_name[f], schema[f].col[c].name);
}

void upmap_fill(struct tpl_dict *d, const struct held *h, const struct importlog *rep)
{
	char (*names)[COLMAP_HEADER_MAX] = malloc(HELD_MAX_HEADERS * sizeof(*names));
	if (!names)
		return;
	struct tpl_dict *m = tpl_section(d, "MAPPING");
	tpl_set(m, "TOKEN", h->token);
	if (h->month_first)
		tpl_show(m, "MONTH_FIRST");
	for (int f = 0; f < DSF__MAX; f++) {
		unsigned missing = rep ? rep->file[f].missing : 0;
		if (!missing || !h->path[f][0])
			continue;
		size_t n = held_headers(h->path[f], names, HELD_MAX_HEADERS);
		for (int c = 0; c < schema[f].ncols; c++) {
			if (!(missing & (1u << c)))
				continue;
			struct tpl_dict *x = tpl_section(m, "MAP_COLUMN");
			char field[64];
			field_name((enum ds_file)f, c, field, sizeof(field));
			tpl_set(x, "FILE", ds_file_name[f]);
			tpl_set(x, "COLUMN", schema[f].col[c].name);
			tpl_set(x, "FIELD", field);
			for (size_t i = 0; i < n; i++)
				tpl_set(tpl_section(x, "OPTION"), "NAME", names[i]);
		}
	}
	free(names);
}

/* The choices of the mapping form into how; -1 with a reason in err. */
static int read_choices(struct request *r, const char *body, const struct held *h, struct colmap *how, char *err,
			size_t errsz)
{
	memset(how, 0, sizeof(*how));
	for (int f = 0; f < DSF__MAX; f++) {
		how->month_first[f] = (unsigned char)h->month_first;
		for (int c = 0; h->path[f][0] && c < schema[f].ncols; c++) {
			char field[64];
			field_name((enum ds_file)f, c, field, sizeof(field));
			const char *v = filter_form_value(r->arena, body, field);
			if (v && *v && colmap_set(how, (enum ds_file)f, schema[f].col[c].name, v, err, errsz) < 0)
				return -1;
		}
	}
	return 0;
}

enum app_status page_upload_map(struct request *r)
{
	enum app_status st = page_upload_editor(r);
	if (st != APP_OK)
		return st;
	held_sweep(r->cfg->uploads, 0);
	char *body = app_read_body(r, MAP_BODY_MAX);
	const char *token = body ? filter_form_value(r->arena, body, "token") : NULL;
	struct held h;
	switch (held_open(r->cfg->uploads, token, r->user, &h)) {
	case HELD_OK:
		break;
	case HELD_NOT_YOURS:
		app_log(r, "WARN", "column mapping refused: the upload is %s's", h.user);
		app_set_reason(r, "These files were sent by another editor; only they can finish that upload.");
		return APP_FORBIDDEN;
	default:
		return page_upload_answer(r, 410, NULL, NULL, "The files of that upload are no longer kept (they are kept "
					  "for one hour, and only until they are used). Nothing was changed; upload them "
					  "again.", NULL);
	}
	struct colmap how;
	struct form form;
	char err[512], version[STORE_VERSION_MAX];
	const char *src[DSF__MAX];
	memset(&form, 0, sizeof(form));
	for (int f = 0; f < DSF__MAX; f++) {
		src[f] = h.path[f][0] ? h.path[f] : NULL;
		form.file[f].present = src[f] != NULL;
		snprintf(form.file[f].filename, sizeof(form.file[f].filename), "%s", h.filename[f]);
	}
	if (read_choices(r, body, &h, &how, err, sizeof(err)) < 0) {
		held_release(&h);
		app_set_reason(r, arena_strndup(r->arena, err, strlen(err)));
		return APP_BAD_REQUEST;
	}
	struct importlog rep;
	importlog_init(&rep);
	int rc = import_run_with(r->cfg->uploads, src, &how, r->user, &rep, version, err, sizeof(err));
	int why = errno;
	int again = rc == -1 && upmap_offer(&rep, &form); /* still a column to choose: keep the files */
	if (again)
		held_release(&h);
	else
		held_drop(&h);
	page_upload_result(r, rc, why, version, err, &rep, &form, again ? &h : NULL);
	importlog_free(&rep);
	return APP_OK;
}
