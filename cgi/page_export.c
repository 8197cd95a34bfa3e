/* page_export.c: /export/summary.csv, influencers.csv, trend.csv, personas.csv, payouts.csv and the group tables from the same aggregation as the pages. */
#include <stdlib.h>
#include <string.h>

#include "exportkit.h"
#include "fmt.h"
#include "grouptab.h"
#include "pages.h"
#include "panels.h"
#include "selection.h"
#include "table.h"
#include "tables.h"
#include "trend.h"
#include "val.h"

/* What every export works from: the request's filters, dataset and figures. */
struct export_req {
	struct filter f;
	const struct dsview *v;
	struct metrics m;
};

/* Writes a header row from a NULL-terminated list of column names. */
static void header(struct csvout *c, const char *const *col)
{
	for (; *col; col++)
		csvout_text(c, *col);
	csvout_end_row(c);
}

/* Starts the download named after what it holds and the filters, with its header row. */
static void start(struct request *r, struct csvout *c, const char *what, const char *const *cols, const struct filter *f)
{
	csvout_begin(c, r, export_name(r, what, ".csv", f));
	header(c, cols);
}

/* Up to this many rows (some 7 MB) nginx takes the whole export at once
 * (it buffers 16 MB), so the worker is free again at once. */
#define LONG_EXPORT_ROWS 50000

/* Before an export of the given number of rows (counted up to just past
 * LONG_EXPORT_ROWS): a larger one may take long to be read, so it needs a
 * slot for long responses, or gets a 503 that says so (a worker always stays
 * free for everything else). */
static enum app_status long_export(struct request *r, size_t rows)
{
	if (rows <= LONG_EXPORT_ROWS || app_long_response(r) == 0)
		return APP_OK;
	app_error_page(r, 503, "Busy", "Every worker that serves large downloads is busy; try again in a minute. "
		       "Pages and the smaller downloads are still served.");
	return APP_DONE;
}

static void finish(struct request *r, struct csvout *c)
{
	if (csvout_finish(c) < 0)
		app_log(r, "WARN", "client went away during %s", r->path);
}

enum app_status page_export_summary(struct request *r)
{
	struct export_req q;
	enum app_status st = selection_prepare(r, &q.f, &q.v, &q.m);
	if (st != APP_OK)
		return st;
	static const char *const cols[] = { "metric", "value", NULL };
	struct csvout c;
	struct table_ctx x = { &q.m, NULL };
	start(r, &c, "summary", cols, &q.f);
	table_csv_pairs(&c, &tables_kpis, &x, &q.m);
	finish(r, &c);
	return APP_OK;
}

/* Sends a declared table's rows as CSV, named after the table and the filters. */
static enum app_status send_table(struct request *r, const struct export_req *q, const struct table *t,
				  const void *aux, const struct table_rows *rows)
{
	struct csvout c;
	struct table_ctx x = { &q->m, aux };
	csvout_begin(&c, r, export_name(r, t->name, ".csv", &q->f));
	table_csv_header(&c, t);
	for (size_t i = 0; i < rows->n && csvout_more(&c); i++)
		table_csv_row(&c, t, &x, rows->p[i]);
	finish(r, &c);
	return APP_OK;
}

/* Text cells from pool ids, in order. */
static void pool_cells(struct csvout *c, const struct strpool *p, const uint32_t *id, size_t n)
{
	for (size_t i = 0; i < n; i++)
		csvout_text(c, strpool_get(p, id[i]));
}

enum app_status page_export_influencers(struct request *r)
{
	struct export_req q;
	struct table_rows rows;
	enum app_status st = selection_prepare(r, &q.f, &q.v, &q.m);
	if (st != APP_OK)
		return st;
	if (tables_influencer_rows(&q.m, r->arena, &rows) < 0)
		return APP_INTERNAL;
	return send_table(r, &q, &tables_influencers, NULL, &rows);
}

enum app_status page_export_trend(struct request *r)
{
	struct export_req q;
	struct table_rows rows;
	struct trend t;
	char err[256];
	enum app_status st = selection_prepare(r, &q.f, &q.v, &q.m);
	if (st != APP_OK)
		return st;
	if (trend_compute(&q.m, r->arena, &t, err, sizeof(err)) < 0) {
		app_set_reason(r, arena_strndup(r->arena, err, strlen(err)));
		return APP_BAD_REQUEST;
	}
	if (tables_trend_rows(&t, r->arena, &rows) < 0)
		return APP_INTERNAL;
	return send_table(r, &q, &tables_trend, &t, &rows);
}

enum app_status page_export_personas(struct request *r)
{
	struct export_req q;
	struct table_rows rows;
	enum app_status st = selection_prepare(r, &q.f, &q.v, &q.m);
	if (st != APP_OK)
		return st;
	if (tables_persona_rows(&q.m, r->arena, &rows) < 0)
		return APP_INTERNAL;
	return send_table(r, &q, &tables_personas, NULL, &rows);
}

/* /export/campaigns.csv, brands.csv, products.csv: every row of the table,
 * ROAS descending (undefined last), then revenue, then name. */
enum app_status page_export_groups(struct request *r)
{
	const char *file = strrchr(r->path, '/') + 1;
	int by = GROUPS__MAX;
	while (--by >= 0 && strncmp(file, groups_plural[by], strlen(groups_plural[by])) != 0)
		;
	struct export_req q;
	struct groups g;
	enum app_status st = by < 0 ? APP_NOT_FOUND : selection_prepare_groups(r, &q.f, &q.v, &q.m, groups_name[by]);
	if (st != APP_OK)
		return st;
	if (groups_compute(&q.m, (enum groups_by)by, r->arena, &g) < 0)
		return APP_INTERNAL;
	const struct table *t = grouptab_table((enum groups_by)by);
	const struct table_ctx x = { &q.m, NULL };
	struct csvout c;
	csvout_begin(&c, r, export_name(r, groups_plural[by], ".csv", &q.f));
	table_csv_header(&c, t);
	for (size_t i = 0; i < g.n && csvout_more(&c); i++)
		table_csv_row(&c, t, &x, &g.row[i]);
	finish(r, &c);
	return APP_OK;
}

enum app_status page_export_payouts(struct request *r)
{
	struct export_req q;
	struct table_rows rows;
	struct table t;
	enum app_status st = selection_prepare(r, &q.f, &q.v, &q.m);
	if (st != APP_OK)
		return st;
	if (tables_payout_rows(&q.m, r->arena, &rows) < 0 || tables_payouts(&q.m, r->arena, &t) < 0)
		return APP_INTERNAL;
	return send_table(r, &q, &t, NULL, &rows);
}

enum app_status page_export_tracking(struct request *r)
{
	static const char *const cols[] = { "date", "influencer_id", "influencer_name", "platform", "category", "gender",
					     "source", "brand", "campaign", "product", "user_id", "orders", "revenue", NULL };
	struct export_req q;
	enum app_status st = selection_prepare(r, &q.f, &q.v, &q.m);
	if (st != APP_OK)
		return st;
	const struct dataset *ds = q.v->ds;
	size_t rows = 0;
	for (size_t k = 0; k < ds->ntrack && rows <= LONG_EXPORT_ROWS; k++)
		rows += (size_t)metrics_in_t(&q.m, &ds->track[k]);
	if ((st = long_export(r, rows)) != APP_OK)
		return st;
	const struct strpool *p = &ds->pool;
	struct csvout c;
	start(r, &c, "tracking", cols, &q.f);
	for (size_t k = 0; k < ds->ntrack && csvout_more(&c); k++) {
		const struct ds_track *t = &ds->track[k];
		if (!metrics_in_t(&q.m, t))
			continue;
		const struct ds_influencer *in = &ds->infl[t->infl];
		char date[11], money[FMT_MAX];
		val_format_date(t->date, date);
		fmt_paise(t->revenue, money);
		const uint32_t text[] = { in->id, in->name, in->platform, in->category, in->gender,
					  t->source, t->brand, t->campaign, t->product };
		csvout_number(&c, date);
		pool_cells(&c, p, text, sizeof(text) / sizeof(text[0]));
		pool_cells(&c, &ds->texts, &t->user, 1);
		csvout_int(&c, t->orders);
		csvout_number(&c, money);
		csvout_end_row(&c);
	}
	finish(r, &c);
	return APP_OK;
}

enum app_status page_export_posts(struct request *r)
{
	struct export_req q;
	struct table_rows rows;
	enum app_status st = selection_prepare(r, &q.f, &q.v, &q.m);
	if (st != APP_OK)
		return st;
	if (tables_post_rows(&q.m, r->arena, &rows) < 0)
		return APP_INTERNAL;
	if ((st = long_export(r, rows.n)) != APP_OK)
		return st;
	return send_table(r, &q, &tables_posts, NULL, &rows);
}
