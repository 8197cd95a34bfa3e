/* page_influencers.c: GET /influencers (sortable, paged) and /influencers/ID (one influencer's drill-down). */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "pages.h"
#include "selection.h"
#include "tables.h"
#include "view.h"
#include "view_groups.h"
#include "view_panels.h"

#define PAGE_SIZE 50

struct sort_ctx {
	struct table_ctx x;
	const struct table_column *col;
	int dir; /* 1 asc, -1 desc */
};

static int is_text(const struct table_column *c)
{
	return c->kind == TABLE_TEXT || c->kind == TABLE_ID;
}

/* The chosen column in the chosen direction; undefined values last either
 * way; ties by id. */
static int cmp_rows(const void *pa, const void *pb, void *vctx)
{
	const struct sort_ctx *c = vctx;
	const struct infl_row *a = *(const struct infl_row *const *)pa, *b = *(const struct infl_row *const *)pb;
	int r = table_compare(c->col, &c->x, a, b, c->dir);
	if (r)
		return r;
	const struct metrics *m = c->x.m;
	const struct strpool *p = &m->ds->pool;
	return strcmp(strpool_get(p, m->ds->infl[a->idx].id), strpool_get(p, m->ds->infl[b->idx].id));
}

/* The sortable column named by the sort parameter ("followers" is the name
 * links used before the columns were declared with their CSV keys). */
static const struct table_column *sort_column(const char *key)
{
	if (strcmp(key, "followers") == 0)
		key = "follower_count";
	const struct table_column *c = table_find(&tables_influencers, key);
	return c && c->sortable ? c : NULL;
}

/* Header cells: a link per column that sorts by it (toggling the direction
 * of the current one), filters kept, page reset. */
static void headers(struct tpl_dict *d, const struct filter *f, const struct table_column *col, int dir)
{
	for (size_t i = 0; i < tables_influencers.ncol; i++) {
		const struct table_column *c = &tables_influencers.col[i];
		if (!c->sortable)
			continue;
		struct tpl_dict *h = tpl_section(d, "HEAD");
		struct filter g = *f;
		struct buf q;
		g.sort = c->key;
		g.dir = c == col ? -dir : (is_text(c) ? 1 : -1);
		g.page = 1;
		buf_init(&q, 1 << 20);
		buf_puts(&q, "/influencers?");
		filter_query(&g, 0, &q);
		tpl_set(h, "HREF", buf_str(&q));
		buf_free(&q);
		tpl_set(h, "LABEL", c->label);
		tpl_set(h, "ARIA", c == col ? (dir > 0 ? "ascending" : "descending") : "none");
		if (c == col)
			tpl_set(h, "ARROW", dir > 0 ? " \xe2\x96\xb2" : " \xe2\x96\xbc");
		if (!is_text(c))
			tpl_show(h, "NUM");
	}
}

static void pager(struct tpl_dict *d, const struct filter *f, long page, long pages)
{
	tpl_setf(d, "PAGE", "%ld", page);
	tpl_setf(d, "PAGES", "%ld", pages);
	for (int k = -1; k <= 1; k += 2) {
		long to = page + k;
		if (to < 1 || to > pages)
			continue;
		struct filter g = *f;
		struct buf q;
		g.page = to;
		buf_init(&q, 1 << 20);
		buf_puts(&q, "/influencers?");
		filter_query(&g, 0, &q);
		struct tpl_dict *x = tpl_section(d, k < 0 ? "PREV" : "NEXT");
		tpl_set(x, "HREF", buf_str(&q));
		buf_free(&q);
	}
}

enum app_status page_influencers(struct request *r)
{
	struct filter f;
	const struct dsview *v;
	struct metrics m;
	enum app_status st = selection_prepare(r, &f, &v, &m);
	if (st != APP_OK)
		return st;
	const struct table_column *col = sort_column(f.sort ? f.sort : "roas");
	if (!col) {
		app_set_reason(r, "parameter \"sort\": expected one of the table's columns, such as roas or revenue");
		return APP_BAD_REQUEST;
	}
	int dir = f.dir ? f.dir : (is_text(col) ? 1 : -1);
	const struct infl_row **rows = arena_calloc(r->arena, m.nrow ? m.nrow : 1, sizeof(*rows));
	struct tpl_dict *d = rows ? tpl_new() : NULL;
	if (!d)
		return APP_INTERNAL;
	for (size_t i = 0; i < m.nrow; i++)
		rows[i] = &m.row[i];
	struct sort_ctx ctx = { { &m, NULL }, col, dir };
	qsort_r(rows, m.nrow, sizeof(*rows), cmp_rows, &ctx);
	long pages = ((long)m.nrow + PAGE_SIZE - 1) / PAGE_SIZE, page = f.page;
	if (pages < 1)
		pages = 1;
	if (page > pages)
		page = pages;
	size_t first = (size_t)(page - 1) * PAGE_SIZE, n = m.nrow - first < PAGE_SIZE ? m.nrow - first : PAGE_SIZE;
	view_layout(d, r, v, &f, "Influencers");
	view_filter_form(tpl_include(d, "FILTERS", "filters.tpl"), v, &f);
	headers(d, &f, col, dir);
	for (size_t i = 0; i < n; i++)
		view_influencer_row(d, "ROW", &m, rows[first + i], &f);
	tpl_setf(d, "TOTAL", "%zu", m.nrow);
	pager(d, &f, page, pages);
	if (m.nrow == 0)
		tpl_show(d, "EMPTY");
	st = view_send(r, d, "influencers.tpl");
	tpl_free(d);
	return st;
}

enum app_status page_influencer(struct request *r)
{
	/* nginx decoded the path once; the link encoded the id twice (view.c) */
	const char *id = filter_segment_decode(r->arena, r->path + strlen("/influencers/"));
	struct filter f;
	const struct dsview *v;
	struct metrics m, prev;
	enum app_status st = selection_load(r, &f, &v);
	if (st != APP_OK)
		return st;
	if (!id || !*id || dataset_find_influencer(v->ds, id) < 0) {
		app_set_reason(r, "No influencer has that id in the current dataset.");
		return APP_NOT_FOUND;
	}
	f.influencer = id;
	f.group_by = "campaign";
	if (metrics_compute(v->ds, &f, r->arena, &m) < 0 || m.nrow != 1)
		return APP_INTERNAL;
	struct tpl_dict *d = tpl_new();
	if (!d)
		return APP_INTERNAL;
	const struct infl_row *one = &m.row[0];
	view_layout(d, r, v, &f, strpool_get(&v->ds->pool, v->ds->infl[one->idx].name));
	view_set_influencer_href(d, "PATH", id, 1); /* the page's own links: the way back to it */
	view_filter_form(tpl_include(d, "FILTERS", "filters.tpl"), v, &f);
	view_kpis(tpl_include(d, "KPIS", "kpis.tpl"), &m, &f, selection_previous(r, v, &f, &prev));
	view_table(d, "TABLE", "Influencer", &m, &one, 1, &f);
	st = view_panels_trend(r, tpl_include(d, "TREND", "trend.tpl"), &m);
	static const struct group_view groups[] = {
		{ GROUPS_CAMPAIGN, "campaigns", "Campaigns", 0, 0, 0, 0 },
		{ GROUPS_BRAND, "brands", "Brands", 0, 0, 0, 0 },
		{ GROUPS_PRODUCT, "products", "Products", 0, 0, 0, 0 },
	};
	static const char *const include[] = { "CAMPAIGNS", "BRANDS", "PRODUCTS" };
	for (size_t k = 0; k < 3 && st == APP_OK; k++)
		st = view_groups(r, tpl_include(d, include[k], "groups.tpl"), &m, &f, &groups[k]);
	if (st == APP_OK) {
		view_panels_posts(r, tpl_include(d, "POSTS", "posts.tpl"), &m, 50);
		view_panels_payouts(r, tpl_include(d, "PAYOUTS", "payouts.tpl"), &m, 1);
		st = view_send(r, d, "influencer.tpl");
	}
	tpl_free(d);
	return st;
}
