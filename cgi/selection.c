/* selection.c: what every page and download starts from: the query parsed, the current dataset, the ETag check, the figures. */
#include "selection.h"

#include <string.h>

#include "role.h"

enum app_status selection_load(struct request *r, struct filter *f, const struct dsview **v)
{
	char err[256];
	if (filter_parse_with(r->query, r->cfg, r->arena, f, err, sizeof(err)) < 0) {
		app_set_reason(r, arena_strndup(r->arena, err, strlen(err)));
		return APP_BAD_REQUEST;
	}
	*v = dscache_get(r->cfg->uploads, err, sizeof(err));
	if (!*v) {
		app_set_reason(r, arena_strndup(r->arena, err, strlen(err)));
		return APP_UNAVAILABLE;
	}
	/* The notice after an upload names the uploader to editors only, so
	 * their page is another page: another ETag, another cache entry. */
	const char *q = r->query;
	if ((strstr(q, "uploaded=") || strstr(q, "activated=")) && role_is_editor(r->role)) {
		size_t n = strlen(q);
		char *qe = arena_alloc(r->arena, n + sizeof("&editor"));
		if (!qe)
			return APP_INTERNAL;
		memcpy(qe, q, n);
		memcpy(qe + n, "&editor", sizeof("&editor"));
		q = qe;
	}
	if (app_not_modified(r, (*v)->version, q))
		return APP_DONE;
	return APP_OK;
}

enum app_status selection_prepare(struct request *r, struct filter *f, const struct dsview **v, struct metrics *m)
{
	return selection_prepare_groups(r, f, v, m, NULL);
}

enum app_status selection_prepare_groups(struct request *r, struct filter *f, const struct dsview **v, struct metrics *m,
					 const char *by)
{
	enum app_status st = selection_load(r, f, v);
	if (st != APP_OK)
		return st;
	f->group_by = by && !*by ? (f->by ? f->by : "campaign") : by;
	if (metrics_compute((*v)->ds, f, r->arena, m) < 0) {
		app_set_reason(r, "out of memory computing the figures");
		return APP_INTERNAL;
	}
	return APP_OK;
}

const struct metrics *selection_previous(struct request *r, const struct dsview *v, const struct filter *f,
					 struct metrics *prev)
{
	const struct dataset *ds = v->ds;
	if ((!f->has_from && !f->has_to) || ds->first_date == DS_NO_DATE)
		return NULL;
	struct filter *pf = arena_alloc(r->arena, sizeof(*pf));
	if (!pf)
		return NULL;
	*pf = *f;
	pf->group_by = NULL; /* the previous period shows no group table */
	int32_t from = f->has_from ? f->from : ds->first_date, to = f->has_to ? f->to : ds->last_date;
	int32_t len = to - from + 1;
	pf->has_from = pf->has_to = 1;
	pf->from = from - len;
	pf->to = from - 1;
	if (len <= 0 || metrics_compute(ds, pf, r->arena, prev) < 0)
		return NULL;
	return prev;
}
