/* view_panels.c: the dashboard's panels as template values: trend, influencer chart, personas, posts, payouts. */
#include "view_panels.h"

#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "panels.h"
#include "svg.h"
#include "tables.h"
#include "trend.h"
#include "val.h"

static const char *str(const struct metrics *m, uint32_t id)
{
	return strpool_get(&m->ds->pool, id);
}

/* Sets the chart markup and frees the buffer. */
static void set_chart(struct tpl_dict *d, const char *key, struct buf *svg)
{
	tpl_set_markup(d, key, buf_str(svg));
	buf_free(svg);
}

/* The note under the trend: how the spend of the view was timed. */
static void timing_note(struct tpl_dict *d, const struct metrics *m)
{
	static const char *const what[SPREAD__MAX + 1] = {
		"spread over orders", "spread over posts",
		"unscheduled (undated payouts of influencers without orders or posts: in the totals, in no period)",
		"by payout date",
	};
	static const int order[] = { SPREAD__MAX, SPREAD_ORDERS, SPREAD_POSTS, SPREAD_UNSCHEDULED };
	struct tpl_dict *note = NULL;
	for (size_t k = 0; k < sizeof(order) / sizeof(order[0]); k++) {
		if (!(m->timed[order[k]] >= 0.5)) /* shows as at least a paisa */
			continue;
		if (!note)
			note = tpl_section(d, "TIMING");
		struct tpl_dict *part = tpl_section(note, "PART");
		view_set_money(part, "AMOUNT", m->timed[order[k]], m->filter->grouping);
		tpl_set(part, "WHAT", what[order[k]]);
	}
	if (m->unscheduled_out >= 0.5) {
		if (!note)
			note = tpl_section(d, "TIMING");
		struct tpl_dict *out = tpl_section(note, "LEFT_OUT");
		view_set_money(out, "AMOUNT", m->unscheduled_out, m->filter->grouping);
	}
}

enum app_status view_panels_trend(struct request *r, struct tpl_dict *d, const struct metrics *m)
{
	struct trend t;
	char err[256];
	if (trend_compute(m, r->arena, &t, err, sizeof(err)) < 0) {
		app_set_reason(r, arena_strndup(r->arena, err, strlen(err)));
		return APP_BAD_REQUEST;
	}
	if (t.n == 0) {
		tpl_show(d, "NO_TREND");
		return APP_OK;
	}
	struct buf svg;
	buf_init(&svg, 8 << 20);
	svg_trend(&svg, &t, m->baseline, m->filter->grouping);
	set_chart(d, "TREND_CHART", &svg);
	tpl_set(d, "GRAIN", grain_name[t.grain]);
	struct table_ctx x = { m, &t };
	for (size_t i = 0; i < t.n; i++) {
		struct tpl_dict *row = tpl_section(d, "PERIOD");
		table_html_slots(row, &tables_trend, &x, &t.p[i]);
		view_set_count(row, "ORDERS", t.p[i].orders, m->filter->grouping);
	}
	timing_note(d, m);
	return APP_OK;
}

/* Label of an influencer for charts: "Name (id)". */
static const char *who(struct request *r, const struct metrics *m, const struct infl_row *row)
{
	const struct ds_influencer *in = &m->ds->infl[row->idx];
	char s[320];
	snprintf(s, sizeof(s), "%.120s (%.60s)", str(m, in->name), str(m, in->id));
	return arena_strndup(r->arena, s, strlen(s));
}

static void bars_for(struct request *r, struct tpl_dict *d, const char *key, const char *title,
		     const struct metrics *m, int bottom)
{
	const struct infl_row *rows[10];
	struct svg_bar bar[10];
	size_t n = metrics_top(m, bottom, rows, 10);
	for (size_t i = 0; i < n; i++) {
		struct ratio roas = row_roas(rows[i]);
		bar[i] = (struct svg_bar){ who(r, m, rows[i]), roas.v, roas.ok };
	}
	if (n == 0)
		return;
	struct buf svg;
	buf_init(&svg, 1 << 20);
	svg_bars(&svg, title, bar, n, m->baseline);
	set_chart(d, key, &svg);
}

void view_panels_influencer_chart(struct request *r, struct tpl_dict *d, const struct metrics *m)
{
	bars_for(r, d, "TOP_CHART", "ROAS of the top 10 influencers, baseline marked", m, 0);
	bars_for(r, d, "BOTTOM_CHART", "ROAS of the bottom 10 influencers, baseline marked", m, 1);
}

/* Distinct keys of the groups in first-seen order of their sorted names. */
static size_t distinct(const struct metrics *m, const struct group *g, long n, int second, const char **out, size_t max)
{
	size_t k = 0;
	for (long i = 0; i < n; i++) {
		const char *s = str(m, second ? g[i].key2 : g[i].key1);
		size_t j = 0;
		while (j < k && strcmp(out[j], s) != 0)
			j++;
		if (j == k && k < max)
			out[k++] = s;
	}
	for (size_t i = 1; i < k; i++) /* insertion sort: a handful of names */
		for (size_t j = i; j > 0 && strcmp(out[j - 1], out[j]) > 0; j--) {
			const char *t = out[j];
			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	return k;
}

static void heatmap(struct request *r, struct tpl_dict *d, const struct metrics *m, const struct group *g, long n)
{
	const char *rows[32], *cols[16];
	size_t nr = distinct(m, g, n, 0, rows, 32), nc = distinct(m, g, n, 1, cols, 16);
	struct svg_cell *cell = arena_calloc(r->arena, nr * nc + 1, sizeof(*cell));
	if (!cell || nr == 0)
		return;
	for (long i = 0; i < n; i++) {
		size_t a = 0, b = 0;
		while (a < nr && strcmp(rows[a], str(m, g[i].key1)) != 0)
			a++;
		while (b < nc && strcmp(cols[b], str(m, g[i].key2)) != 0)
			b++;
		if (a == nr || b == nc)
			continue;
		struct ratio roas = group_roas(&g[i]);
		char tip[400], money[FMT_MAX], spend[FMT_MAX];
		fmt_inr((double)g[i].revenue, m->filter->grouping, money);
		fmt_inr(g[i].spend, m->filter->grouping, spend);
		snprintf(tip, sizeof(tip), "%.100s, %.60s: ROAS %.2f, revenue %s, spend %s, %lld influencers", rows[a],
			 cols[b], roas.v, money, spend, (long long)g[i].count);
		cell[a * nc + b] = (struct svg_cell){ roas.v, roas.ok, arena_strndup(r->arena, tip, strlen(tip)) };
	}
	struct buf svg;
	buf_init(&svg, 1 << 20);
	svg_heatmap(&svg, "ROAS by category and gender, coloured against the baseline", rows, nr, cols, nc, cell,
		    m->baseline);
	set_chart(d, "HEATMAP", &svg);
}

/* Rows of groups through the persona declaration's slots (every grouping
 * has its columns: count, orders, revenue, spend, ROAS); empty keys show
 * as "(none)". */
static void group_rows(struct tpl_dict *d, const char *section, const struct metrics *m, const struct group *g, long n)
{
	struct table_ctx c = { m, NULL };
	for (long i = 0; i < n; i++) {
		struct tpl_dict *x = tpl_section(d, section);
		struct ratio roas = group_roas(&g[i]);
		tpl_set(x, "KEY1", str(m, g[i].key1)[0] ? str(m, g[i].key1) : "(none)");
		tpl_set(x, "KEY2", str(m, g[i].key2)[0] ? str(m, g[i].key2) : "(none)");
		table_html_slots(x, &tables_personas, &c, &g[i]);
		if (roas.ok && roas.v < m->baseline)
			tpl_show(x, "BELOW");
	}
}

void view_panels_personas(struct request *r, struct tpl_dict *d, const struct metrics *m)
{
	struct group *g;
	long n = panels_group(m, BY_PERSONA, r->arena, &g);
	if (n <= 0) {
		tpl_show(d, "NO_PERSONAS");
		return;
	}
	group_rows(d, "PERSONA", m, g, n);
	heatmap(r, d, m, g, n);
	n = panels_group(m, BY_PLATFORM, r->arena, &g);
	group_rows(d, "PLATFORM", m, g, n > 0 ? n : 0);
}

static void post_rows(struct tpl_dict *d, const char *section, const struct metrics *m, const struct post_ref *p, size_t n)
{
	struct table_ctx c = { m, NULL };
	for (size_t i = 0; i < n; i++) {
		const struct ds_post *x = p[i].post;
		struct tpl_dict *row = tpl_section(d, section);
		table_html_slots(row, &tables_posts, &c, x);
		if (str(m, x->url)[0]) {
			struct tpl_dict *link = tpl_section(row, "LINK");
			tpl_set(link, "URL", str(m, x->url));
		}
	}
}

void view_panels_posts(struct request *r, struct tpl_dict *d, const struct metrics *m, size_t max)
{
	struct post_stats s;
	if (panels_posts(m, max, r->arena, &s) < 0)
		return;
	if (s.posts == 0) {
		tpl_show(d, "NO_POSTS");
		return;
	}
	view_set_count(d, "POSTS", s.posts, m->filter->grouping);
	view_set_count(d, "REACH", s.reach, m->filter->grouping);
	view_set_count(d, "LIKES", s.likes, m->filter->grouping);
	view_set_count(d, "COMMENTS", s.comments, m->filter->grouping);
	view_set_percent(d, "RATE", ratio_div((double)(s.likes + s.comments), (double)s.reach));
	post_rows(d, "BY_REACH", m, s.by_reach, s.nby_reach);
	post_rows(d, "BY_RATE", m, s.by_rate, s.nby_rate);
	for (size_t i = 0; i < s.nplatform; i++) {
		struct tpl_dict *x = tpl_section(d, "POST_PLATFORM");
		const struct post_platform *g = &s.platform[i];
		tpl_set(x, "PLATFORM", str(m, g->platform)[0] ? str(m, g->platform) : "(none)");
		view_set_count(x, "POSTS", g->posts, m->filter->grouping);
		view_set_count(x, "REACH", g->reach, m->filter->grouping);
		view_set_count(x, "ENGAGEMENT", g->engagement, m->filter->grouping);
		view_set_percent(x, "RATE", ratio_div((double)g->engagement, (double)g->reach));
	}
}

void view_panels_payouts(struct request *r, struct tpl_dict *d, const struct metrics *m, size_t max)
{
	size_t n, all;
	const struct infl_row **rows = panels_paid(m, r->arena, max, &n, &all);
	if (!rows)
		return;
	tpl_setf(d, "PAID_COUNT", "%zu", all);
	if (all > max) {
		tpl_setf(d, "SHOWN", "%zu", max);
		tpl_show(d, "TRUNCATED");
	}
	struct table_ctx c = { m, NULL };
	for (size_t i = 0; i < n; i++) {
		const struct infl_row *x = rows[i];
		struct tpl_dict *row = tpl_section(d, "PAYOUT");
		char date[11] = "undated";
		if (!x->pay_count)
			strcpy(date, "none");
		else if (x->pay_last != DS_NO_DATE)
			val_format_date(x->pay_last, date);
		table_html_slots(row, &tables_payouts_fixed, &c, x);
		tpl_set(row, "LAST", date);
	}
	if (n == 0)
		tpl_show(d, "NO_PAYOUTS");
	for (int b = 0; b < BASIS__MAX; b++) {
		if (!m->basis_count[b] && !(m->basis_expected[b] > 0))
			continue;
		struct tpl_dict *x = tpl_section(d, "BASIS_TOTAL");
		tpl_set(x, "BASIS", b == BASIS_NONE ? "unspecified" : ds_basis_name[b]);
		view_set_money(x, "TOTAL", m->basis_total[b], m->filter->grouping);
		view_set_money(x, "EXPECTED", m->basis_expected[b], m->filter->grouping);
		view_set_money(x, "DIFFERENCE", m->basis_expected[b] - m->basis_total[b], m->filter->grouping);
		view_set_count(x, "COUNT", m->basis_count[b], m->filter->grouping);
	}
	if (!m->nstatus)
		return;
	struct tpl_dict *st = tpl_section(d, "STATUSES");
	for (size_t i = 0; i < m->nstatus; i++) {
		struct tpl_dict *x = tpl_section(st, "STATUS_TOTAL");
		tpl_set(x, "STATUS", payout_status_text(m, m->status[i].status));
		view_set_count(x, "COUNT", m->status[i].count, m->filter->grouping);
		view_set_money(x, "TOTAL", m->status[i].paid, m->filter->grouping);
	}
}
