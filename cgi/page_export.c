/* page_export.c: /export/summary.csv and /export/influencers.csv from the same aggregation as the pages. */
#include <stdio.h>
#include <string.h>

#include "csvout.h"
#include "escape.h"
#include "fmt.h"
#include "pages.h"
#include "val.h"
#include "view.h"

/* A download name that says what the file holds: what_param-value_from_to.csv. */
static const char *export_name(struct request *r, const char *what, const struct filter *f)
{
	struct buf b;
	buf_init(&b, 4096);
	buf_puts(&b, what);
	for (int p = 0; p < FP_MULTI_MAX; p++) {
		if (!f->multi[p].n)
			continue;
		buf_printf(&b, "_%s", fparam_name[p]);
		for (size_t i = 0; i < f->multi[p].n; i++) {
			buf_putc(&b, '-');
			esc_filename(&b, f->multi[p].v[i], 40);
		}
	}
	if (f->influencer) {
		buf_puts(&b, "_influencer-");
		esc_filename(&b, f->influencer, 40);
	}
	char d[11];
	if (f->has_from || f->has_to) {
		val_format_date(f->has_from ? f->from : 0, d);
		buf_printf(&b, "_%s", f->has_from ? d : "start");
		val_format_date(f->has_to ? f->to : 0, d);
		buf_printf(&b, "_%s", f->has_to ? d : "end");
	}
	if (b.len > 180)
		b.len = 180;
	b.data[b.len] = '\0';
	buf_puts(&b, ".csv");
	const char *name = arena_strndup(r->arena, buf_str(&b), b.len);
	buf_free(&b);
	return name ? name : "export.csv";
}

static void money_cell(struct csvout *c, double paise)
{
	char s[FMT_MAX];
	fmt_money(paise, s);
	csvout_number(c, s);
}

static void ratio_cell(struct csvout *c, struct ratio r)
{
	char s[FMT_MAX];
	fmt_ratio4(r.v, r.ok, s);
	csvout_number(c, s);
}

/* Money from a ratio such as cost per order: 2 decimals, or "" when undefined. */
static void money_ratio_cell(struct csvout *c, struct ratio r)
{
	if (r.ok)
		money_cell(c, r.v);
	else
		csvout_number(c, "");
}

enum app_status page_export_summary(struct request *r)
{
	struct filter f;
	const struct dsview *v;
	struct metrics m;
	enum app_status st = view_prepare(r, &f, &v, &m);
	if (st != APP_OK)
		return st;
	struct csvout c;
	csvout_begin(&c, r, export_name(r, "summary", &f));
	csvout_text(&c, "metric"), csvout_text(&c, "value"), csvout_end_row(&c);
	csvout_text(&c, "revenue"), money_cell(&c, (double)m.revenue), csvout_end_row(&c);
	csvout_text(&c, "spend"), money_cell(&c, m.spend), csvout_end_row(&c);
	csvout_text(&c, "roas"), ratio_cell(&c, metrics_roas(&m)), csvout_end_row(&c);
	csvout_text(&c, "roi"), ratio_cell(&c, metrics_roi(&m)), csvout_end_row(&c);
	csvout_text(&c, "incremental_revenue"), money_cell(&c, metrics_incremental_revenue(&m)), csvout_end_row(&c);
	csvout_text(&c, "incremental_roas"), ratio_cell(&c, metrics_incremental_roas(&m)), csvout_end_row(&c);
	csvout_text(&c, "orders"), csvout_int(&c, m.orders), csvout_end_row(&c);
	csvout_text(&c, "cost_per_order"), money_ratio_cell(&c, metrics_cost_per_order(&m)), csvout_end_row(&c);
	csvout_text(&c, "aov"), money_ratio_cell(&c, metrics_aov(&m)), csvout_end_row(&c);
	csvout_text(&c, "influencers"), csvout_int(&c, (int64_t)m.nrow), csvout_end_row(&c);
	csvout_text(&c, "posts"), csvout_int(&c, m.posts), csvout_end_row(&c);
	csvout_text(&c, "reach"), csvout_int(&c, m.reach), csvout_end_row(&c);
	csvout_text(&c, "engagement_rate"), ratio_cell(&c, metrics_engagement_rate(&m)), csvout_end_row(&c);
	csvout_text(&c, "unallocated_spend"), money_cell(&c, m.unallocated), csvout_end_row(&c);
	if (csvout_finish(&c) < 0)
		app_log(r, "WARN", "client went away during %s", r->path);
	return APP_OK;
}

static const char *const influencer_columns[] = {
	"id", "name", "platform", "category", "gender", "follower_count", "posts", "reach", "engagement",
	"engagement_rate", "orders", "revenue", "spend", "roas", "incremental_roas", "cost_per_order",
};

static void influencer_line(struct csvout *c, const struct metrics *m, const struct infl_row *row)
{
	const struct dataset *ds = m->ds;
	const struct ds_influencer *in = &ds->infl[row->idx];
	csvout_text(c, strpool_get(&ds->pool, in->id));
	csvout_text(c, strpool_get(&ds->pool, in->name));
	csvout_text(c, strpool_get(&ds->pool, in->platform));
	csvout_text(c, strpool_get(&ds->pool, in->category));
	csvout_text(c, strpool_get(&ds->pool, in->gender));
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
	struct filter f;
	const struct dsview *v;
	struct metrics m;
	enum app_status st = view_prepare(r, &f, &v, &m);
	if (st != APP_OK)
		return st;
	const struct infl_row **rows = metrics_by_roas(&m, r->arena);
	if (!rows)
		return APP_INTERNAL;
	struct csvout c;
	csvout_begin(&c, r, export_name(r, "influencers", &f));
	for (size_t i = 0; i < sizeof(influencer_columns) / sizeof(influencer_columns[0]); i++)
		csvout_text(&c, influencer_columns[i]);
	csvout_end_row(&c);
	for (size_t i = 0; i < m.nrow; i++)
		influencer_line(&c, &m, rows[i]);
	if (csvout_finish(&c) < 0)
		app_log(r, "WARN", "client went away during %s", r->path);
	return APP_OK;
}
