/* page_export.c: /export/summary.csv, influencers.csv, trend.csv, personas.csv, payouts.csv and the group tables from the same aggregation as the pages. */
#include <stdlib.h>
#include <string.h>

#include "exportkit.h"
#include "fmt.h"
#include "grouptab.h"
#include "pages.h"
#include "panels.h"
#include "table.h"
#include "trend.h"
#include "val.h"
#include "view.h"

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
	enum app_status st = view_prepare(r, &q.f, &q.v, &q.m);
	if (st != APP_OK)
		return st;
	static const char *const cols[] = { "metric", "value", NULL };
	struct csvout c;
	start(r, &c, "summary", cols, &q.f);
	csvout_text(&c, "revenue"), money_cell(&c, (double)q.m.revenue), csvout_end_row(&c);
	csvout_text(&c, "spend"), money_cell(&c, q.m.spend), csvout_end_row(&c);
	csvout_text(&c, "roas"), ratio_cell(&c, metrics_roas(&q.m)), csvout_end_row(&c);
	csvout_text(&c, "roi"), ratio_cell(&c, metrics_roi(&q.m)), csvout_end_row(&c);
	csvout_text(&c, "incremental_revenue"), money_cell(&c, metrics_incremental_revenue(&q.m)), csvout_end_row(&c);
	csvout_text(&c, "incremental_roas"), ratio_cell(&c, metrics_incremental_roas(&q.m)), csvout_end_row(&c);
	csvout_text(&c, "orders"), csvout_int(&c, q.m.orders), csvout_end_row(&c);
	csvout_text(&c, "cost_per_order"), money_ratio_cell(&c, metrics_cost_per_order(&q.m)), csvout_end_row(&c);
	csvout_text(&c, "aov"), money_ratio_cell(&c, metrics_aov(&q.m)), csvout_end_row(&c);
	csvout_text(&c, "influencers"), csvout_int(&c, (int64_t)q.m.nrow), csvout_end_row(&c);
	csvout_text(&c, "posts"), csvout_int(&c, q.m.posts), csvout_end_row(&c);
	csvout_text(&c, "reach"), csvout_int(&c, q.m.reach), csvout_end_row(&c);
	csvout_text(&c, "engagement_rate"), ratio_cell(&c, metrics_engagement_rate(&q.m)), csvout_end_row(&c);
	csvout_text(&c, "unallocated_spend"), money_cell(&c, q.m.unallocated), csvout_end_row(&c);
	finish(r, &c);
	return APP_OK;
}

static const char *const influencer_columns[] = {
	"id", "name", "platform", "category", "gender", "follower_count", "posts", "reach", "engagement",
	"engagement_rate", "orders", "revenue", "spend", "roas", "incremental_roas", "cost_per_order", NULL,
};

/* Text cells from pool ids, in order. */
static void pool_cells(struct csvout *c, const struct strpool *p, const uint32_t *id, size_t n)
{
	for (size_t i = 0; i < n; i++)
		csvout_text(c, strpool_get(p, id[i]));
}

static void influencer_line(struct csvout *c, const struct metrics *m, const struct infl_row *row)
{
	const struct dataset *ds = m->ds;
	const struct ds_influencer *in = &ds->infl[row->idx];
	const uint32_t text[] = { in->id, in->name, in->platform, in->category, in->gender };
	pool_cells(c, &ds->pool, text, sizeof(text) / sizeof(text[0]));
	csvout_int(c, in->followers);
	csvout_int(c, row->posts);
	csvout_int(c, row->reach);
	csvout_int(c, row->engagement);
	ratio_cell(c, row_engagement_rate(row));
	csvout_int(c, row->orders);
	money_cell(c, (double)row->revenue);
	money_cell(c, row->spend);
	struct ratio roas = row_roas(row), incr = roas;
	incr.v -= m->baseline;
	ratio_cell(c, roas);
	ratio_cell(c, incr);
	money_ratio_cell(c, row_cost_per_order(row));
	csvout_end_row(c);
}

enum app_status page_export_influencers(struct request *r)
{
	struct export_req q;
	enum app_status st = view_prepare(r, &q.f, &q.v, &q.m);
	if (st != APP_OK)
		return st;
	const struct infl_row **rows = metrics_by_roas(&q.m, r->arena);
	if (!rows)
		return APP_INTERNAL;
	struct csvout c;
	start(r, &c, "influencers", influencer_columns, &q.f);
	for (size_t i = 0; i < q.m.nrow; i++)
		influencer_line(&c, &q.m, rows[i]);
	finish(r, &c);
	return APP_OK;
}

enum app_status page_export_trend(struct request *r)
{
	struct export_req q;
	enum app_status st = view_prepare(r, &q.f, &q.v, &q.m);
	if (st != APP_OK)
		return st;
	struct trend t;
	char err[256];
	if (trend_compute(&q.m, r->arena, &t, err, sizeof(err)) < 0) {
		app_set_reason(r, arena_strndup(r->arena, err, strlen(err)));
		return APP_BAD_REQUEST;
	}
	static const char *const cols[] = { "period", "revenue", "spend", "roas", "cumulative_roas", NULL };
	struct csvout c;
	start(r, &c, "trend", cols, &q.f);
	long double crev = 0, cspend = 0;
	for (size_t i = 0; i < t.n; i++) {
		const struct trend_point *p = &t.p[i];
		char label[11];
		trend_label(t.grain, p->start, label);
		crev += (long double)p->revenue;
		cspend += p->spend;
		csvout_text(&c, label);
		money_cell(&c, (double)p->revenue);
		money_cell(&c, p->spend);
		ratio_cell(&c, ratio_div((double)p->revenue, p->spend));
		ratio_cell(&c, ratio_div((double)crev, (double)cspend));
		csvout_end_row(&c);
	}
	finish(r, &c);
	return APP_OK;
}

enum app_status page_export_personas(struct request *r)
{
	static const char *const cols[] = { "category", "gender", "influencers", "orders", "revenue", "spend", "roas",
					     "incremental_roas", NULL };
	struct export_req q;
	struct group *g;
	enum app_status st = view_prepare(r, &q.f, &q.v, &q.m);
	if (st != APP_OK)
		return st;
	long n = panels_group(&q.m, BY_PERSONA, r->arena, &g);
	if (n < 0)
		return APP_INTERNAL;
	struct csvout c;
	start(r, &c, "personas", cols, &q.f);
	for (long i = 0; i < n; i++) {
		struct ratio roas = ratio_div((double)g[i].revenue, g[i].spend), incr = roas;
		incr.v -= q.m.baseline;
		csvout_text(&c, strpool_get(&q.v->ds->pool, g[i].key1));
		csvout_text(&c, strpool_get(&q.v->ds->pool, g[i].key2));
		csvout_int(&c, g[i].count);
		csvout_int(&c, g[i].orders);
		money_cell(&c, (double)g[i].revenue);
		money_cell(&c, g[i].spend);
		ratio_cell(&c, roas);
		ratio_cell(&c, incr);
		csvout_end_row(&c);
	}
	finish(r, &c);
	return APP_OK;
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
	enum app_status st = by < 0 ? APP_NOT_FOUND : view_prepare_groups(r, &q.f, &q.v, &q.m, groups_name[by]);
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
	static const char *const cols[] = { "influencer_id", "name", "basis", "rate", "orders_paid", "payouts",
					     "total_payout", "last_payout_date", "expected", "difference", NULL };
	struct export_req q;
	enum app_status st = view_prepare(r, &q.f, &q.v, &q.m);
	if (st != APP_OK)
		return st;
	size_t n;
	const struct infl_row **rows = panels_paid(&q.m, r->arena, &n);
	if (!rows)
		return APP_INTERNAL;
	struct csvout c;
	csvout_begin(&c, r, export_name(r, "payouts", ".csv", &q.f));
	for (const char *const *col = cols; *col; col++)
		csvout_text(&c, *col);
	for (size_t s = 0; s < q.m.nstatus; s++) { /* paid_<status> per status value */
		const char *name = payout_status_text(&q.m, q.m.status[s].status);
		char *h = arena_alloc(r->arena, strlen(name) + 6);
		if (!h)
			return APP_INTERNAL;
		strcpy(h, "paid_");
		strcat(h, name);
		csvout_text(&c, h);
	}
	csvout_end_row(&c);
	for (size_t i = 0; i < n; i++) {
		const struct infl_row *x = rows[i];
		const struct ds_influencer *in = &q.v->ds->infl[x->idx];
		char date[11] = "";
		if (x->pay_last != DS_NO_DATE)
			val_format_date(x->pay_last, date);
		const uint32_t text[] = { in->id, in->name };
		pool_cells(&c, &q.v->ds->pool, text, 2);
		csvout_text(&c, payout_basis_text(x->pay_basis));
		money_cell(&c, (double)x->pay_rate);
		csvout_int(&c, x->pay_orders);
		csvout_int(&c, x->pay_count);
		money_cell(&c, x->base_spend);
		csvout_number(&c, date);
		money_cell(&c, x->expected);
		money_cell(&c, x->expected - x->base_spend);
		for (size_t s = 0; s < q.m.nstatus; s++)
			money_cell(&c, q.m.status_paid[(size_t)(x - q.m.row) * q.m.nstatus + s]);
		csvout_end_row(&c);
	}
	finish(r, &c);
	return APP_OK;
}

enum app_status page_export_tracking(struct request *r)
{
	static const char *const cols[] = { "date", "influencer_id", "influencer_name", "platform", "category", "gender",
					     "source", "brand", "campaign", "product", "user_id", "orders", "revenue", NULL };
	struct export_req q;
	enum app_status st = view_prepare(r, &q.f, &q.v, &q.m);
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

/* True when a post is in the selection: its influencer in I, its date in the range. */
static int post_in(const struct metrics *m, const struct ds_post *x)
{
	return metrics_row_of(m, x->infl) && metrics_in_range(m, x->date);
}

enum app_status page_export_posts(struct request *r)
{
	static const char *const cols[] = { "date", "influencer_id", "influencer_name", "platform", "url", "caption",
					     "reach", "likes", "comments", "engagement", "engagement_rate", NULL };
	struct export_req q;
	enum app_status st = view_prepare(r, &q.f, &q.v, &q.m);
	if (st != APP_OK)
		return st;
	const struct dataset *ds = q.v->ds;
	size_t rows = 0;
	for (size_t k = 0; k < ds->npost && rows <= LONG_EXPORT_ROWS; k++)
		rows += (size_t)post_in(&q.m, &ds->post[k]);
	if ((st = long_export(r, rows)) != APP_OK)
		return st;
	const struct strpool *p = &ds->pool;
	struct csvout c;
	start(r, &c, "posts", cols, &q.f);
	for (size_t k = 0; k < ds->npost && csvout_more(&c); k++) {
		const struct ds_post *x = &ds->post[k];
		if (!post_in(&q.m, x))
			continue;
		const struct ds_influencer *in = &ds->infl[x->infl];
		char date[11];
		val_format_date(x->date, date);
		const uint32_t text[] = { in->id, in->name, x->platform, x->url, x->caption };
		csvout_number(&c, date);
		pool_cells(&c, p, text, sizeof(text) / sizeof(text[0]));
		csvout_int(&c, x->reach);
		csvout_int(&c, x->likes);
		csvout_int(&c, x->comments);
		csvout_int(&c, x->likes + x->comments);
		ratio_cell(&c, ratio_div((double)(x->likes + x->comments), (double)x->reach));
		csvout_end_row(&c);
	}
	finish(r, &c);
	return APP_OK;
}
