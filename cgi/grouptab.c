/* grouptab.c: the campaign, brand and product tables declared once (table.h): CSV, pages, PDF and sorting walk them. */
#define _GNU_SOURCE
#include "grouptab.h"

#include <stdlib.h>
#include <string.h>

#include "table.h"
#include "tables.h"

#define ROW(row) ((const struct grow *)(row))

static void rd_name(const struct table_ctx *x, const void *row, int arg, struct table_cell *out)
{
	(void)arg;
	out->s = groups_label(x->m, ROW(row)->key);
}

static void rd_revenue(const struct table_ctx *x, const void *row, int arg, struct table_cell *out)
{
	(void)x, (void)arg;
	out->v = (double)ROW(row)->revenue;
}

static void rd_orders(const struct table_ctx *x, const void *row, int arg, struct table_cell *out)
{
	(void)x, (void)arg;
	out->v = (double)ROW(row)->orders;
}

static void rd_spend(const struct table_ctx *x, const void *row, int arg, struct table_cell *out)
{
	(void)x, (void)arg;
	out->v = ROW(row)->spend;
}

static void rd_roas(const struct table_ctx *x, const void *row, int arg, struct table_cell *out)
{
	struct ratio r = grow_roas(ROW(row));
	if (arg)
		r.v -= x->m->baseline;
	out->v = r.v;
	out->ok = r.ok;
}

static void rd_influencers(const struct table_ctx *x, const void *row, int arg, struct table_cell *out)
{
	(void)x, (void)arg;
	out->v = (double)ROW(row)->influencers;
}

static void rd_date(const struct table_ctx *x, const void *row, int arg, struct table_cell *out)
{
	(void)x;
	out->v = arg ? ROW(row)->last : ROW(row)->first;
}

#define FIGURES                                                                                      \
	{ "revenue", "Revenue", TABLE_MONEY, rd_revenue, 1, "REVENUE", 0 },                          \
	{ "orders", "Orders", TABLE_COUNT, rd_orders, 1, "ORDERS", 0 },                              \
	{ "spend", "Spend", TABLE_MONEY, rd_spend, 1, "SPEND", 0 },                                  \
	{ "roas", "ROAS", TABLE_RATIO, rd_roas, 1, "ROAS", 0 },                                      \
	{ "incremental_roas", "Incr. ROAS", TABLE_RATIO, rd_roas, 1, "INCR_ROAS", 1 },               \
	{ "influencers", "Influencers with orders", TABLE_COUNT, rd_influencers, 1, "INFLUENCERS", 0 }, \
	{ "first_date", "First date", TABLE_DATE, rd_date, 1, "FIRST", 0 },                          \
	{ "last_date", "Last date", TABLE_DATE, rd_date, 1, "LAST", 1 }

static const struct table_column campaign_cols[] = { { "campaign", "Campaign", TABLE_TEXT, rd_name, 1, "NAME", 0 }, FIGURES };
static const struct table_column brand_cols[] = { { "brand", "Brand", TABLE_TEXT, rd_name, 1, "NAME", 0 }, FIGURES };
static const struct table_column product_cols[] = { { "product", "Product", TABLE_TEXT, rd_name, 1, "NAME", 0 }, FIGURES };

static const struct table tables[GROUPS__MAX] = {
	[GROUPS_CAMPAIGN] = { "campaigns", "Campaigns", campaign_cols, TABLE_NCOL(campaign_cols) },
	[GROUPS_BRAND] = { "brands", "Brands", brand_cols, TABLE_NCOL(brand_cols) },
	[GROUPS_PRODUCT] = { "products", "Products", product_cols, TABLE_NCOL(product_cols) },
};

const struct table *grouptab_table(enum groups_by by)
{
	return &tables[by];
}

struct sort_ctx {
	const struct table_column *col;
	struct table_ctx x;
	int dir;
};

static int cmp_rows(const void *a, const void *b, void *ctx)
{
	const struct sort_ctx *s = ctx;
	int c = table_compare(s->col, &s->x, a, b, s->dir);
	return c ? c : strcmp(groups_label(s->x.m, ROW(a)->key), groups_label(s->x.m, ROW(b)->key));
}

int grouptab_default_dir(enum groups_by by, const char *key)
{
	const struct table_column *c = table_find(&tables[by], key ? key : "roas");
	return c && (c->kind == TABLE_TEXT || c->kind == TABLE_DATE) ? 1 : -1;
}

int grouptab_sort(const struct metrics *m, struct groups *g, const char *key, int dir)
{
	const struct table_column *c = table_find(&tables[g->by], key ? key : "roas");
	if (!c)
		return -1;
	struct sort_ctx s = { c, { m, NULL }, dir ? dir : grouptab_default_dir(g->by, key) };
	qsort_r(g->row, g->n, sizeof(*g->row), cmp_rows, &s);
	return 0;
}

int grouptab_rows(const struct metrics *m, enum groups_by by, struct arena *a, struct table_rows *out)
{
	struct groups g;
	if (groups_compute(m, by, a, &g) < 0 || !(out->p = arena_calloc(a, g.n ? g.n : 1, sizeof(*out->p))))
		return -1;
	for (size_t i = 0; i < g.n; i++)
		out->p[i] = &g.row[i];
	out->n = g.n;
	return 0;
}
