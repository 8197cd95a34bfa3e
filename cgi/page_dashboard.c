/* page_dashboard.c: GET / (KPIs, top and bottom influencers), /influencers and /influencers/ID. */
#include <stdlib.h>
#include <string.h>

#include "pages.h"
#include "view.h"

#define TOP_N 10

/* One influencer table (table.tpl) at the include point name. */
static void table(struct tpl_dict *d, const char *name, const char *caption, const struct metrics *m,
		  const struct infl_row *const *rows, size_t n, const struct filter *f)
{
	struct tpl_dict *t = tpl_include(d, name, "table.tpl");
	tpl_set(t, "CAPTION", caption);
	for (size_t i = 0; i < n; i++)
		view_influencer_row(t, "ROW", m, rows[i], f);
	if (n == 0)
		tpl_show(t, "NO_ROWS");
}

static void top_lists(struct tpl_dict *d, struct request *r, const struct metrics *m, const struct filter *f)
{
	const struct infl_row **rows = arena_calloc(r->arena, TOP_N, sizeof(*rows));
	if (!rows)
		return;
	size_t n = metrics_top(m, 0, rows, TOP_N);
	table(d, "TOP", "Top 10 influencers by ROAS (spend > 0)", m, rows, n, f);
	n = metrics_top(m, 1, rows, TOP_N);
	table(d, "BOTTOM", "Bottom 10 influencers by ROAS (spend > 0)", m, rows, n, f);
}

enum app_status page_dashboard(struct request *r)
{
	struct filter f;
	const struct dsview *v;
	struct metrics m;
	enum app_status st = view_prepare(r, &f, &v, &m);
	if (st != APP_OK)
		return st;
	struct tpl_dict *d = tpl_new();
	if (!d)
		return APP_INTERNAL;
	view_layout(d, r, v, &f, "Influencer ROI");
	view_filter_form(tpl_include(d, "FILTERS", "filters.tpl"), v, &f);
	view_kpis(tpl_include(d, "KPIS", "kpis.tpl"), &m, &f);
	top_lists(d, r, &m, &f);
	if (m.nrow == 0)
		tpl_show(d, "EMPTY");
	st = view_send(r, d, "dashboard.tpl");
	tpl_free(d);
	return st;
}

enum app_status page_influencers(struct request *r)
{
	struct filter f;
	const struct dsview *v;
	struct metrics m;
	enum app_status st = view_prepare(r, &f, &v, &m);
	if (st != APP_OK)
		return st;
	const struct infl_row **rows = metrics_by_roas(&m, r->arena);
	struct tpl_dict *d = rows ? tpl_new() : NULL;
	if (!d)
		return APP_INTERNAL;
	view_layout(d, r, v, &f, "Influencers");
	view_filter_form(tpl_include(d, "FILTERS", "filters.tpl"), v, &f);
	table(d, "TABLE", "Every influencer of the selection, by ROAS", &m, rows, m.nrow, &f);
	st = view_send(r, d, "influencers.tpl");
	tpl_free(d);
	return st;
}

enum app_status page_influencer(struct request *r)
{
	const char *id = r->path + strlen("/influencers/");
	struct filter f;
	const struct dsview *v;
	struct metrics m;
	enum app_status st = view_load(r, &f, &v);
	if (st != APP_OK)
		return st;
	if (!*id || dataset_find_influencer(v->ds, id) < 0) {
		app_set_reason(r, "No influencer has that id in the current dataset.");
		return APP_NOT_FOUND;
	}
	f.influencer = id;
	if (metrics_compute(v->ds, &f, r->arena, &m) < 0 || m.nrow != 1)
		return APP_INTERNAL;
	struct tpl_dict *d = tpl_new();
	if (!d)
		return APP_INTERNAL;
	view_layout(d, r, v, &f, strpool_get(&v->ds->pool, v->ds->infl[m.row[0].idx].name));
	view_filter_form(tpl_include(d, "FILTERS", "filters.tpl"), v, &f);
	view_kpis(tpl_include(d, "KPIS", "kpis.tpl"), &m, &f);
	const struct infl_row *one = &m.row[0];
	table(d, "TABLE", "Influencer", &m, &one, 1, &f);
	st = view_send(r, d, "influencer.tpl");
	tpl_free(d);
	return st;
}
