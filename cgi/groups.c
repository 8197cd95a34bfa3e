/* groups.c: the campaign, brand and product tables: one row per value of T's column, spend allocated by orders share. */
#define _GNU_SOURCE
#include "groups.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "gcube.h"

const char *const groups_name[GROUPS__MAX] = { "campaign", "brand", "product" };
const char *const groups_plural[GROUPS__MAX] = { "campaigns", "brands", "products" };
static const enum cube_column column_of[GROUPS__MAX] = { CUBE_CAMPAIGN, CUBE_BRAND, CUBE_PRODUCT };

/* A row being summed: spend in long double like the KPIs sum it, and the
 * orders of the influencer at hand (allocated when it is done). */
struct acc {
	struct grow g;
	long double spend;
	int64_t cur;
	int touched;
};

struct work {
	const struct metrics *m;
	int32_t *map;              /* pool id -> 1 + index in acc, 0 when none yet */
	struct acc *acc;
	size_t n, cap;
	uint32_t *touched;         /* acc indexes the current influencer reached */
	size_t ntouched;
	int failed;
};

static struct acc *acc_of(struct work *w, uint32_t key)
{
	if (w->map[key])
		return &w->acc[w->map[key] - 1];
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 64;
		struct acc *bigger = realloc(w->acc, cap * sizeof(*bigger));
		uint32_t *t = realloc(w->touched, cap * sizeof(*t));
		if (t)
			w->touched = t;
		if (!bigger || !t) {
			if (bigger)
				w->acc = bigger;
			w->failed = 1;
			return NULL;
		}
		w->acc = bigger;
		w->cap = cap;
	}
	struct acc *x = &w->acc[w->n];
	memset(x, 0, sizeof(*x));
	x->g.key = key;
	x->g.first = INT32_MAX;
	x->g.last = INT32_MIN;
	w->map[key] = (int32_t)++w->n;
	return x;
}

/* Adds rows of the current influencer with this value. */
static void add(struct work *w, uint32_t key, int64_t orders, int64_t revenue, int32_t first, int32_t last)
{
	struct acc *x = acc_of(w, key);
	if (!x)
		return;
	if (!x->touched) {
		x->touched = 1;
		x->cur = 0;
		w->touched[w->ntouched++] = (uint32_t)(x - w->acc);
	}
	x->cur += orders;
	x->g.orders += orders;
	x->g.revenue += revenue;
	if (first < x->g.first)
		x->g.first = first;
	if (last > x->g.last)
		x->g.last = last;
}

/* The influencer is done: each value it reached gets its share of S_i. */
static void flush(struct work *w, const struct infl_row *r)
{
	for (size_t k = 0; k < w->ntouched; k++) {
		struct acc *x = &w->acc[w->touched[k]];
		x->spend += metrics_allocate(w->m, r, x->cur);
		x->g.influencers += x->cur > 0;
		x->touched = 0;
	}
	w->ntouched = 0;
}

/* The part of pair x in the range, day indexes [a, b), of row r. */
struct span {
	const struct cube_pair *x;
	const struct infl_row *r;
	size_t a, b;
};

#define BATCH 64

/* Adds a batch of spans, each influencer's share of S_i once its last span is in. */
static void add_spans(struct work *w, const struct cube_group *cg, const struct span *sp, size_t n,
		      const struct infl_row **cur)
{
	for (size_t k = 0; k < n; k++) {
		const struct cube_pair *x = sp[k].x;
		size_t a = sp[k].a, b = sp[k].b, lo = x->day_start, hi = x[1].day_start;
		if (sp[k].r != *cur) {
			if (*cur)
				flush(w, *cur);
			*cur = sp[k].r;
		}
		int64_t orders, revenue;
		cube_pair_sums(cg, x, a, b, &orders, &revenue);
		add(w, x->key, orders, revenue, a == lo ? x->first : cg->date[a], b == hi ? x->last : cg->date[b - 1]);
	}
}

/* Every influencer of I from the group cube: a value wholly inside the
 * range reads its totals, one wholly outside is skipped, one across a bound
 * costs a binary search per bound it crosses. The running totals those need
 * sit far apart: they are fetched for a batch of values at once. */
static void from_cube(struct work *w, const struct cube_group *cg, const uint64_t *bits, int32_t from, int32_t to)
{
	const struct metrics *m = w->m;
	struct span sp[BATCH];
	const struct infl_row *cur = NULL;
	size_t n = 0;
	for (size_t k = 0; k < m->nrow; k++) {
		const struct infl_row *r = &m->row[k];
		for (uint32_t p = cg->pair_start[r->idx]; p < cg->pair_start[r->idx + 1]; p++) {
			const struct cube_pair *x = &cg->pair[p];
			size_t a, b;
			if (!metrics_bit(bits, x->key) || !cube_pair_days(cg, x, from, to, &a, &b))
				continue;
			if (a > x->day_start)
				__builtin_prefetch(&cg->sum[a - 1]);
			if (b < x[1].day_start)
				__builtin_prefetch(&cg->sum[b - 1]);
			sp[n++] = (struct span){ x, r, a, b };
			if (n == BATCH) {
				add_spans(w, cg, sp, n, &cur);
				n = 0;
			}
		}
	}
	add_spans(w, cg, sp, n, &cur);
	if (cur)
		flush(w, cur);
}

/* Every influencer from the sums metrics took while it scanned T. */
static void from_tpairs(struct work *w)
{
	const struct metrics *m = w->m;
	const struct infl_row *cur = NULL;
	for (size_t k = 0; k < m->ntpair; k++) {
		const struct metrics_tpair *p = &m->tpair[k];
		if (&m->row[p->row] != cur) {
			if (cur)
				flush(w, cur);
			cur = &m->row[p->row];
		}
		add(w, p->key, p->orders, p->revenue, p->first, p->last);
	}
	if (cur)
		flush(w, cur);
}

/* One influencer from its rows of the range in T (another column
 * filtered, and metrics did not sum them by this one). */
static void from_rows(struct work *w, enum cube_column col, int32_t from, int32_t to, int32_t i)
{
	const struct dataset *ds = w->m->ds;
	for (size_t k = cube_first_row(ds, i, from); k < ds->cube.row_start[i + 1] && ds->track[k].date <= to; k++) {
		const struct ds_track *t = &ds->track[k];
		if (metrics_bpc(w->m, t))
			add(w, cube_key(t, col), t->orders, t->revenue, t->date, t->date);
	}
}

static int cmp_default(const void *pa, const void *pb, void *ctx)
{
	const struct grow *a = pa, *b = pb;
	int c = metrics_cmp_roas_revenue(grow_roas(a), a->revenue, grow_roas(b), b->revenue);
	return c ? c : strcmp(strpool_get(ctx, a->key), strpool_get(ctx, b->key));
}

int groups_compute(const struct metrics *m, enum groups_by by, struct arena *a, struct groups *out)
{
	const struct dataset *ds = m->ds;
	enum cube_column col = column_of[by];
	memset(out, 0, sizeof(*out));
	out->by = by;
	if (!ds->cube.row_start)
		return -1; /* needs cube_build */
	const struct cube_group *cg = &ds->cube.group[col];
	int cube = (!m->allocates || m->tcols & 1u << col) && cg->pair_start; /* the column decides T */
	struct work w = { .m = m };
	w.map = calloc(ds->pool.count ? ds->pool.count : 1, sizeof(*w.map));
	if (!w.map)
		return -1;
	const struct filter *f = m->filter;
	int32_t from = f->has_from ? f->from : INT32_MIN, to = f->has_to ? f->to : INT32_MAX;
	long double without = 0;
	for (size_t k = 0; k < m->nrow; k++)
		if (!m->row[k].all_orders)
			without += m->row[k].base_spend;
	if (cube) {
		from_cube(&w, cg, m->allocates ? m->tbits[col] : NULL, from, to);
	} else if (m->tpair && m->tpair_col == (int)col) {
		from_tpairs(&w);
	} else {
		for (size_t k = 0; k < m->nrow && !w.failed; k++) {
			from_rows(&w, col, from, to, m->row[k].idx);
			flush(&w, &m->row[k]);
		}
	}
	free(w.map);
	free(w.touched);
	out->row = w.failed ? NULL : arena_calloc(a, w.n ? w.n : 1, sizeof(*out->row));
	if (out->row) {
		for (size_t k = 0; k < w.n; k++) {
			out->row[k] = w.acc[k].g;
			out->row[k].spend = (double)w.acc[k].spend;
		}
		out->n = w.n;
		out->without_orders = (double)without;
		qsort_r(out->row, out->n, sizeof(*out->row), cmp_default, (void *)&ds->pool);
	}
	free(w.acc);
	return out->row ? 0 : -1;
}

int groups_by_name(const char *name)
{
	for (int k = 0; name && k < GROUPS__MAX; k++)
		if (strcmp(name, groups_name[k]) == 0)
			return k;
	return -1;
}

struct ratio grow_roas(const struct grow *g)
{
	return ratio_div((double)g->revenue, g->spend);
}

struct ratio grow_incremental_roas(const struct grow *g, double baseline)
{
	struct ratio r = grow_roas(g);
	r.v -= baseline;
	return r;
}

const char *groups_label(const struct metrics *m, uint32_t key)
{
	const char *s = strpool_get(&m->ds->pool, key);
	return *s ? s : "(none)";
}

const char *groups_brands(const struct metrics *m, uint32_t campaign, struct arena *a)
{
	const struct cube_brand *b;
	size_t n = cube_campaign_brands(&m->ds->cube, campaign, &b);
	struct buf out;
	buf_init(&out, 4096);
	for (size_t k = 0; k < n && k < 3; k++)
		buf_printf(&out, "%s%s", k ? ", " : "", groups_label(m, b[k].brand));
	if (n > 3)
		buf_printf(&out, " and %zu more", n - 3);
	const char *s = arena_strndup(a, buf_str(&out), out.len);
	buf_free(&out);
	return s ? s : "";
}
