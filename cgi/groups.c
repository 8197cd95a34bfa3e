/* groups.c: the campaign, brand and product tables: one row per value of T's column, spend allocated by orders share. */
#define _GNU_SOURCE
#include "groups.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"

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

/* First day index in [lo, hi) dated on or after d. */
static size_t lower_day(const struct cube_day *day, size_t lo, size_t hi, int32_t d)
{
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (day[mid].date < d)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* One influencer from the group cube: two binary searches per value. */
static void from_cube(struct work *w, const struct cube_group *cg, const uint64_t *bits, int32_t from, int32_t to,
		      int32_t i)
{
	for (uint32_t p = cg->pair_start[i]; p < cg->pair_start[i + 1]; p++) {
		uint32_t key = cg->pair[p].key;
		if (!metrics_bit(bits, key))
			continue;
		size_t lo = cg->pair[p].day_start, hi = cg->pair[p + 1].day_start;
		size_t a = from == INT32_MIN ? lo : lower_day(cg->day, lo, hi, from);
		size_t b = to == INT32_MAX ? hi : lower_day(cg->day, a, hi, to + 1);
		if (a == b)
			continue;
		const struct cube_day *e = &cg->day[b - 1], *s = a > lo ? &cg->day[a - 1] : NULL;
		add(w, key, e->orders - (s ? s->orders : 0), e->revenue - (s ? s->revenue : 0), cg->day[a].date, e->date);
	}
}

/* One influencer from its rows of the range (other columns filtered). */
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
	struct ratio ra = grow_roas(a), rb = grow_roas(b);
	if (ra.ok != rb.ok)
		return ra.ok ? -1 : 1;
	if (ra.ok && ra.v != rb.v)
		return ra.v > rb.v ? -1 : 1;
	if (a->revenue != b->revenue)
		return a->revenue > b->revenue ? -1 : 1;
	return strcmp(strpool_get(ctx, a->key), strpool_get(ctx, b->key));
}

int groups_compute(const struct metrics *m, enum groups_by by, struct arena *a, struct groups *out)
{
	const struct dataset *ds = m->ds;
	enum cube_column col = column_of[by];
	memset(out, 0, sizeof(*out));
	out->by = by;
	if (!ds->cube.row_start)
		return -1; /* needs cube_build */
	int others = 0;
	for (int c = 0; c < CUBE__COLUMNS; c++)
		others |= c != (int)col && m->bpc_bits[c];
	const struct cube_group *cg = &ds->cube.group[col];
	int cube = !others && cg->pair_start;
	struct work w = { .m = m };
	w.map = calloc(ds->pool.count ? ds->pool.count : 1, sizeof(*w.map));
	if (!w.map)
		return -1;
	const struct filter *f = m->filter;
	int32_t from = f->has_from ? f->from : INT32_MIN, to = f->has_to ? f->to : INT32_MAX;
	long double without = 0;
	for (size_t k = 0; k < m->nrow && !w.failed; k++) {
		const struct infl_row *r = &m->row[k];
		if (!r->all_orders)
			without += r->base_spend;
		if (cube)
			from_cube(&w, cg, m->bpc_bits[col], from, to, r->idx);
		else
			from_rows(&w, col, from, to, r->idx);
		flush(&w, r);
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
