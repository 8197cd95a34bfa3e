/* view_groups.c: the campaign, brand and product tables on the pages: the dashboard's panel, /campaigns, the drill-down. */
#include "view_groups.h"

#include <string.h>

#include "fmt.h"
#include "grouptab.h"
#include "svg.h"
#include "table.h"
#include "view.h"

static const enum fparam param_of[GROUPS__MAX] = { FP_CAMPAIGN, FP_BRAND, FP_PRODUCT };

/* The canonical query of f, page, sort and direction left out, with one
 * parameter's values replaced by value (when p < FP_MULTI_MAX) and by set. */
static const char *query_with(struct request *r, const struct filter *f, int p, const char *value, const char *by)
{
	struct filter g = *f;
	const char *one[1] = { value };
	if (p >= 0 && p < FP_MULTI_MAX) {
		g.multi[p].n = 1;
		g.multi[p].v = one;
	}
	g.by = by;
	struct buf q;
	buf_init(&q, 1 << 20);
	filter_query(&g, 1u << FP_SORT | 1u << FP_DIR | 1u << FP_PAGE | (by ? 0 : 1u << FP_BY), &q);
	const char *s = arena_strndup(r->arena, q.data ? q.data : "", q.len);
	buf_free(&q);
	return s ? s : "";
}

/* The header: labels from the declaration (a brand column after the name
 * for campaigns); on /campaigns each links to sort by it. */
static void head(struct tpl_dict *d, const struct filter *f, const struct group_view *how,
		 const char *key, int dir)
{
	const struct table *t = grouptab_table(how->by);
	for (size_t i = 0; i < t->ncol; i++) {
		const struct table_column *c = &t->col[i];
		struct tpl_dict *h = tpl_section(d, "HEAD");
		tpl_set(h, "LABEL", c->label);
		if (c->kind != TABLE_TEXT && c->kind != TABLE_DATE)
			tpl_show(h, "NUM");
		if (!how->sortable) {
			tpl_show(h, "PLAIN");
		} else {
			struct filter g = *f;
			int on = strcmp(c->key, key) == 0;
			g.sort = c->key;
			g.dir = on ? -dir : grouptab_default_dir(how->by, c->key);
			g.by = f->by;
			struct buf q;
			buf_init(&q, 1 << 20);
			buf_puts(&q, "/campaigns?");
			filter_query(&g, 1u << FP_PAGE, &q);
			struct tpl_dict *s = tpl_section(h, "SORT");
			tpl_set(s, "HREF", buf_str(&q));
			buf_free(&q);
			struct tpl_dict *sorted = tpl_section(h, "SORTED");
			tpl_set(sorted, "ARIA", on ? (dir > 0 ? "ascending" : "descending") : "none");
			if (on)
				tpl_set(s, "ARROW", dir > 0 ? " \xe2\x96\xb2" : " \xe2\x96\xbc");
		}
		if (i == 0 && how->by == GROUPS_CAMPAIGN) {
			struct tpl_dict *b = tpl_section(d, "HEAD");
			tpl_set(b, "LABEL", "Brand");
			tpl_show(b, "PLAIN");
		}
	}
}

static void rows(struct request *r, struct tpl_dict *d, const struct metrics *m, const struct filter *f,
		 const struct group_view *how, const struct groups *g, size_t n)
{
	const struct table *t = grouptab_table(how->by);
	const struct table_ctx x = { m, NULL };
	for (size_t i = 0; i < n; i++) {
		const struct grow *row = &g->row[i];
		struct tpl_dict *rd = tpl_section(d, "ROW");
		table_html_slots(rd, t, &x, row);
		const char *name = strpool_get(&m->ds->pool, row->key);
		if (*name)
			tpl_set(tpl_section(rd, "LINK"), "ROW_QUERY", query_with(r, f, param_of[how->by], name, NULL));
		else
			tpl_show(rd, "NOLINK");
		if (how->by == GROUPS_CAMPAIGN)
			tpl_set(tpl_section(rd, "BRAND_CELL"), "BRANDS", groups_brands(m, row->key, r->arena));
		struct ratio roas = grow_roas(row);
		if (roas.ok && roas.v < m->baseline)
			tpl_show(rd, "BELOW");
	}
}

static void chart(struct request *r, struct tpl_dict *d, const struct metrics *m, const struct groups *g, size_t n)
{
	struct svg_bar *bar = arena_calloc(r->arena, n ? n : 1, sizeof(*bar));
	if (!bar || !n)
		return;
	for (size_t i = 0; i < n; i++) {
		struct ratio roas = grow_roas(&g->row[i]);
		bar[i] = (struct svg_bar){ groups_label(m, g->row[i].key), roas.v, roas.ok };
	}
	struct buf svg;
	buf_init(&svg, 1 << 20);
	svg_bars(&svg, "ROAS per campaign, baseline marked", bar, n, m->baseline);
	struct tpl_dict *box = tpl_section(d, "CHART_BOX");
	tpl_set_markup(box, "CHART", buf_str(&svg));
	buf_free(&svg);
	if (n < g->n)
		tpl_setf(tpl_section(box, "CHART_SHOWN"), "CHART_SHOWN_N", "%zu", n);
}

/* Spend without orders, and how the rows add up to the key figures. */
static void note(struct tpl_dict *d, const struct metrics *m, const struct groups *g)
{
	char v[FMT_MAX];
	fmt_money(g->without_orders, v);
	tpl_set(d, "WITHOUT_VALUE", v);
	view_set_money(d, "WITHOUT", g->without_orders, m->filter->grouping);
	struct tpl_dict *s = tpl_section(d, m->allocates ? "FILTERED" : "ADDS_UP");
	view_set_money(s, "SPEND_TOTAL", m->spend, m->filter->grouping);
	if (m->allocates)
		view_set_money(s, "UNALLOCATED", m->unallocated, m->filter->grouping);
}

enum app_status view_groups(struct request *r, struct tpl_dict *d, const struct metrics *m, const struct filter *f,
			    const struct group_view *how)
{
	struct groups g;
	if (!d || groups_compute(m, how->by, r->arena, &g) < 0)
		return APP_INTERNAL;
	const char *key = how->sortable && f->sort ? f->sort : "roas";
	int dir = how->sortable && f->dir ? f->dir : grouptab_default_dir(how->by, key);
	if (how->sortable && (f->sort || f->dir) && grouptab_sort(m, &g, key, dir) < 0) {
		app_set_reason(r, "parameter \"sort\": expected one of the table's columns, such as roas or revenue");
		return APP_BAD_REQUEST;
	}
	size_t n = how->max && g.n > how->max ? how->max : g.n;
	tpl_set(d, "ID", how->id);
	tpl_set(d, "HEADING", how->heading);
	tpl_set(d, "TABLE", groups_plural[how->by]);
	tpl_set(d, "PLURAL", groups_plural[how->by]);
	tpl_set(d, "NAME_WORD", groups_name[how->by]);
	tpl_setf(d, "TOTAL", "%zu", g.n);
	if (g.n == 0) {
		tpl_show(d, "NO_ROWS");
	} else {
		struct tpl_dict *box = tpl_section(d, "TABLE_BOX");
		if (n < g.n)
			tpl_setf(box, "CAPTION", "The %zu best %s of %zu by ROAS; rows below the baseline are flagged", n,
				 groups_plural[how->by], g.n);
		else
			tpl_setf(box, "CAPTION", "%zu %s%s; rows below the baseline are flagged", g.n,
				 g.n == 1 ? groups_name[how->by] : groups_plural[how->by],
				 how->sortable ? "; select a column header to sort by it" : ", by ROAS");
		head(box, f, how, key, dir);
		rows(r, box, m, f, how, &g, n);
		if (how->chart)
			chart(r, d, m, &g, n);
	}
	note(d, m, &g);
	if (n < g.n)
		tpl_set(tpl_section(d, "MORE"), "MORE_QUERY", query_with(r, f, -1, NULL, how->by == GROUPS_CAMPAIGN ? NULL : groups_name[how->by]));
	if (how->links) {
		struct tpl_dict *l = tpl_section(d, "LINKS");
		tpl_set(l, "BRAND_QUERY", query_with(r, f, -1, NULL, "brand"));
		tpl_set(l, "PRODUCT_QUERY", query_with(r, f, -1, NULL, "product"));
	}
	return APP_OK;
}
