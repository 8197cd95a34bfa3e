/* metrics.c: the one aggregation core: every figure the pages and exports show. */
#define _GNU_SOURCE
#include "metrics.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "gcube.h"

struct ratio ratio_div(double num, double den)
{
	struct ratio r = { 0, 0 };
	if (den != 0) {
		r.v = num / den;
		r.ok = 1;
	}
	return r;
}

static int resolve(const struct dataset *ds, const struct fvalues *fv, struct arena *a, struct idset *out)
{
	out->n = fv->n;
	out->id = arena_calloc(a, fv->n ? fv->n : 1, sizeof(uint32_t));
	if (!out->id)
		return -1;
	for (size_t i = 0; i < fv->n; i++)
		out->id[i] = strpool_find(&ds->pool, fv->v[i], strlen(fv->v[i]));
	return 0;
}

/* An empty set means "all". */
static int in_set(const struct idset *s, uint32_t id)
{
	if (s->n == 0)
		return 1;
	for (size_t i = 0; i < s->n; i++)
		if (s->id[i] == id)
			return 1;
	return 0;
}

static int in_range(const struct filter *f, int32_t d)
{
	return (!f->has_from || d >= f->from) && (!f->has_to || d <= f->to);
}

/* Builds rowof[i] = row index of influencer i when it is in I, else -1. */
static int select_influencers(const struct dataset *ds, const struct filter *f, const struct idset *set,
			      struct arena *a, struct metrics *m, int32_t **rowof_out)
{
	int32_t *rowof = arena_calloc(a, ds->ninfl ? ds->ninfl : 1, sizeof(*rowof));
	if (!rowof)
		return -1;
	int32_t only = f->influencer ? dataset_find_influencer(ds, f->influencer) : -2;
	size_t n = 0;
	for (size_t i = 0; i < ds->ninfl; i++) {
		const struct ds_influencer *x = &ds->infl[i];
		int keep = in_set(&set[FP_PLATFORM], x->platform) && in_set(&set[FP_GENDER], x->gender) &&
			   in_set(&set[FP_CATEGORY], x->category) && (only == -2 || only == (int32_t)i);
		rowof[i] = keep ? (int32_t)n++ : -1;
	}
	m->row = arena_calloc(a, n ? n : 1, sizeof(*m->row));
	if (!m->row)
		return -1;
	m->nrow = n;
	for (size_t i = 0; i < ds->ninfl; i++)
		if (rowof[i] >= 0) {
			m->row[rowof[i]].idx = (int32_t)i;
			m->row[rowof[i]].pay_last = DS_NO_DATE;
		}
	*rowof_out = rowof;
	return 0;
}

/* Revenue and orders of T; all_orders gets orders without the
 * brand/product/campaign filters, the denominator of the allocation. */
static void scan_tracking(const struct dataset *ds, const struct filter *f, const int32_t *rowof, int64_t *all_orders,
			  struct metrics *m)
{
	for (size_t k = 0; k < ds->ntrack; k++) {
		const struct ds_track *t = &ds->track[k];
		if (!in_range(f, t->date))
			continue;
		int bpc = metrics_bpc(m, t);
		if (bpc)
			m->tracked_revenue += t->revenue;
		if (t->infl < 0 || rowof[t->infl] < 0)
			continue;
		struct infl_row *r = &m->row[rowof[t->infl]];
		all_orders[rowof[t->infl]] += t->orders;
		if (bpc) {
			r->orders += t->orders;
			r->revenue += t->revenue;
		}
	}
}

/* Where a row keeps its value of each column (enum cube_column), so a loop
 * over rows reads one with a load. */
static const size_t value_at[CUBE__COLUMNS] = { offsetof(struct ds_track, brand), offsetof(struct ds_track, product),
						offsetof(struct ds_track, campaign) };

static inline uint32_t row_value(const struct ds_track *x, size_t at)
{
	uint32_t v;
	memcpy(&v, (const char *)x + at, sizeof(v));
	return v;
}

/* Adds a row of T to its influencer's sum for its value of the tpair
 * column. slot[key] is the index of the value's latest sum: the
 * influencer's own when it is at or after start (its first sum). */
static inline void tpair_add(struct metrics *m, int32_t row, const struct ds_track *x, uint32_t *slot, size_t start)
{
	uint32_t key = row_value(x, value_at[m->tpair_col]);
	size_t j = slot[key];
	if (j < start || j >= m->ntpair || m->tpair[j].key != key) {
		j = m->ntpair++;
		slot[key] = (uint32_t)j;
		m->tpair[j] = (struct metrics_tpair){ row, key, x->date, x->date, 0, 0 };
	}
	struct metrics_tpair *p = &m->tpair[j];
	p->orders += x->orders;
	p->revenue += x->revenue;
	p->last = x->date;
}

/* Which columns decide T by their values alone (m->tcols, m->tbits): the
 * one column filtered, and any column each of whose values has either all
 * or none of its combinations (brand, product, campaign) of influencers'
 * rows matching the filters, say campaigns under a brand filter when every
 * campaign sells one brand. */
static int t_columns(struct metrics *m, struct arena *a)
{
	const struct cube *c = &m->ds->cube;
	int one = -1;
	for (int k = 0; k < CUBE__COLUMNS; k++)
		if (m->bpc_bits[k])
			one = one < 0 ? k : CUBE__COLUMNS;
	if (one >= 0 && one < CUBE__COLUMNS) {
		m->tcols |= 1u << one;
		m->tbits[one] = m->bpc_bits[one];
	}
	size_t words = (m->ds->pool.count + 63) / 64;
	for (int g = 0; c->triple && g < CUBE__COLUMNS; g++) {
		if (m->tcols & 1u << g)
			continue;
		uint64_t *in = arena_calloc(a, words ? words : 1, sizeof(*in)), *out = arena_calloc(a, words ? words : 1, sizeof(*out));
		if (!in || !out)
			return -1;
		for (size_t k = 0; k < c->ntriple; k++) {
			const uint32_t *v = c->triple[k].v;
			int match = metrics_bit(m->bpc_bits[0], v[0]) && metrics_bit(m->bpc_bits[1], v[1]) &&
				    metrics_bit(m->bpc_bits[2], v[2]);
			(match ? in : out)[v[g] >> 6] |= (uint64_t)1 << (v[g] & 63);
		}
		size_t w = 0;
		while (w < words && !(in[w] & out[w]))
			w++;
		if (w == words) {
			m->tcols |= 1u << g;
			m->tbits[g] = in;
		}
	}
	return 0;
}

int metrics_t_column(const struct metrics *m)
{
	int best = -1;
	for (int k = 0; k < CUBE__COLUMNS; k++)
		if (m->tcols & 1u << k && m->ds->cube.group[k].pair_start &&
		    (best < 0 || m->ds->cube.group[k].npair < m->ds->cube.group[best].npair))
			best = k;
	return best;
}

/* T's figures from the group cube of a column that decides T: each
 * influencer's values in tbits summed over the range from their running
 * totals; organic rows from the rows of the range. */
static void group_tracking(struct metrics *m, const struct cube_group *cg, const uint64_t *bits, int32_t from, int32_t to,
			   int64_t *all_orders)
{
	const struct dataset *ds = m->ds;
	const struct cube *c = &ds->cube;
	for (size_t i = 0; i < ds->ninfl; i++) {
		int32_t row = m->rowof[i];
		int64_t orders = 0, revenue = 0;
		for (uint32_t p = cg->pair_start[i]; p < cg->pair_start[i + 1]; p++) {
			const struct cube_pair *x = &cg->pair[p];
			size_t a, b;
			int64_t o, r;
			if (!metrics_bit(bits, x->key) || !cube_pair_days(cg, x, from, to, &a, &b))
				continue;
			cube_pair_sums(cg, x, a, b, &o, &r);
			orders += o;
			revenue += r;
		}
		m->tracked_revenue += revenue;
		if (row < 0)
			continue;
		m->row[row].orders = orders;
		m->row[row].revenue = revenue;
		int64_t all_revenue;
		cube_span(c, (int32_t)i, from, to, &all_orders[row], &all_revenue);
	}
	for (size_t k = cube_first_row(ds, (int32_t)ds->ninfl, from); k < c->row_start[ds->ninfl + 1] && ds->track[k].date <= to; k++)
		if (metrics_bpc(m, &ds->track[k]))
			m->tracked_revenue += ds->track[k].revenue;
}

/* The same figures from the pre-aggregated cube: running totals per day
 * without brand/product/campaign filters, per-cell scans of the date range
 * with them. Equal to scan_tracking by construction (tested). */
static void cube_tracking(const struct dataset *ds, const struct filter *f, const int32_t *rowof, int64_t *all_orders,
			  uint32_t *slot, struct metrics *m)
{
	const struct cube *c = &ds->cube;
	int32_t from = f->has_from ? f->from : INT32_MIN, to = f->has_to ? f->to : INT32_MAX;
	if (!m->allocates) {
		m->tracked_revenue = cube_tracked(c, from, to);
		for (size_t i = 0; i < m->nrow; i++) {
			struct infl_row *r = &m->row[i];
			cube_span(c, r->idx, from, to, &r->orders, &r->revenue);
			all_orders[i] = r->orders;
		}
		return;
	}
	int col = metrics_t_column(m);
	if (col >= 0) {
		group_tracking(m, &c->group[col], m->tbits[col], from, to, all_orders);
		/* the sums by the tpair column need the rows: those whose value
		 * of the deciding column is in its set are T's */
		const uint64_t *bits = m->tbits[col];
		size_t at = value_at[col];
		for (size_t i = 0; m->tpair && i < m->nrow; i++) {
			size_t start = m->ntpair;
			int32_t idx = m->row[i].idx;
			for (size_t k = cube_first_row(ds, idx, from); k < c->row_start[idx + 1] && ds->track[k].date <= to; k++)
				if (metrics_bit(bits, row_value(&ds->track[k], at)))
					tpair_add(m, (int32_t)i, &ds->track[k], slot, start);
		}
		return;
	}
	for (size_t i = 0; i <= ds->ninfl; i++) { /* i == ninfl: organic rows */
		int32_t row = i < ds->ninfl ? rowof[i] : -1;
		size_t start = m->ntpair;
		for (size_t k = cube_first_row(ds, (int32_t)i, from); k < c->row_start[i + 1] && ds->track[k].date <= to; k++) {
			const struct ds_track *x = &ds->track[k];
			int bpc = metrics_bpc(m, x);
			if (bpc)
				m->tracked_revenue += x->revenue;
			if (row < 0)
				continue;
			all_orders[row] += x->orders;
			if (!bpc)
				continue;
			m->row[row].orders += x->orders;
			m->row[row].revenue += x->revenue;
			if (m->tpair)
				tpair_add(m, row, x, slot, start);
		}
	}
}

/* The spread piece of an undated payout of influencer r with this total,
 * before allocation: its share of the activity of the range (all of it
 * without a date bound, none when unscheduled and a bound is set). */
static double undated_piece(const struct metrics *m, const struct infl_row *r, int basis, int64_t total)
{
	const struct spread_infl *sp = m->ds->spread ? &m->ds->spread[r->idx] : NULL;
	if (!m->bounded)
		return (double)total;
	if (!sp)
		return 0.0;
	switch (spread_method_of(basis, sp)) {
	case SPREAD_ORDERS:
		return spread_piece(total, r->all_orders, sp->orders);
	case SPREAD_POSTS:
		return spread_piece(total, r->posts, sp->posts);
	default:
		return 0.0;
	}
}

/* Index of a status value in m->status. */
static size_t status_slot(const struct metrics *m, uint32_t status)
{
	for (size_t i = 0; i < m->nstatus; i++)
		if (m->status[i].status == status)
			return i;
	return m->nstatus - 1; /* METRICS_STATUS_OTHER */
}

/* The status values of the payouts (the first METRICS_STATUS_MAX - 1 seen,
 * then "(other)") and the per-row table, when payouts.csv has the column. */
static int collect_statuses(const struct dataset *ds, struct arena *a, struct metrics *m)
{
	if (!ds->has_status_column)
		return 0;
	m->status = arena_calloc(a, METRICS_STATUS_MAX, sizeof(*m->status));
	if (!m->status)
		return -1;
	int other = 0;
	for (size_t k = 0; k < ds->npayout; k++) {
		uint32_t s = ds->payout[k].status;
		size_t i = 0;
		while (i < m->nstatus && m->status[i].status != s)
			i++;
		if (i < m->nstatus)
			continue;
		if (m->nstatus < METRICS_STATUS_MAX - 1)
			m->status[m->nstatus++].status = s;
		else
			other = 1;
	}
	if (other)
		m->status[m->nstatus++].status = METRICS_STATUS_OTHER;
	size_t cells = m->nrow * m->nstatus;
	m->status_paid = arena_calloc(a, cells ? cells : 1, sizeof(*m->status_paid));
	return m->status_paid ? 0 : -1;
}

/* Payouts of the range: dated ones by date, undated ones by the piece that
 * falls in the range (needs each row's orders and posts of the range). */
static void scan_payouts(const struct dataset *ds, const struct filter *f, const int32_t *rowof, struct metrics *m)
{
	for (size_t k = 0; k < ds->npayout; k++) {
		const struct ds_payout *p = &ds->payout[k];
		if (rowof[p->infl] < 0 || (p->date != DS_NO_DATE && !in_range(f, p->date)))
			continue;
		struct infl_row *r = &m->row[rowof[p->infl]];
		double piece = (double)p->total;
		if (p->date == DS_NO_DATE) {
			piece = undated_piece(m, r, p->basis, p->total);
			if (m->bounded && !(piece > 0))
				continue; /* nothing of it falls in the range */
		} else {
			r->dated += p->total;
		}
		r->pay_count++;
		r->pay_orders += p->orders;
		r->pay_basis |= 1u << p->basis;
		if (r->pay_count == 1 || (p->date != DS_NO_DATE && (r->pay_last == DS_NO_DATE || p->date >= r->pay_last))) {
			r->pay_rate = p->rate;
			if (p->date != DS_NO_DATE)
				r->pay_last = p->date;
		}
		m->basis_total[p->basis] += piece;
		m->basis_count[p->basis]++;
		if (m->nstatus) {
			size_t st = status_slot(m, p->status);
			m->status[st].count++;
			m->status[st].paid += piece;
			m->status_paid[(size_t)rowof[p->infl] * m->nstatus + st] += piece;
		}
	}
}

/* Dated paise allocated by part / whole. */
static double dated_part(double base, int64_t part, int64_t whole)
{
	return !whole ? 0.0 : part == whole ? base : base * (double)part / (double)whole;
}

static int has_undated(const struct spread_infl *sp)
{
	return sp && (sp->undated[SPREAD_ORDERS] | sp->undated[SPREAD_POSTS] | sp->undated[SPREAD_UNSCHEDULED]);
}

double metrics_allocate(const struct metrics *m, const struct infl_row *r, int64_t part)
{
	const struct spread_infl *sp = m->ds->spread ? &m->ds->spread[r->idx] : NULL;
	if (!has_undated(sp))
		return dated_part(r->base_spend, part, r->all_orders);
	double base, spend;
	spread_base(r->dated, sp, r->all_orders, r->posts, !m->bounded, part, r->all_orders, &base, &spend);
	return spend;
}

/* S_i and the allocated spend of each row, exactly from its parts, and the
 * spend of the view by how it was timed. */
static void row_spend(struct metrics *m, struct infl_row *r)
{
	const struct spread_infl *sp = m->ds->spread ? &m->ds->spread[r->idx] : NULL;
	int64_t part = m->allocates ? r->orders : 1, whole = m->allocates ? r->all_orders : 1;
	int undated = has_undated(sp);
	r->share = !m->allocates ? 1.0 : whole ? (double)part / (double)whole : 0.0;
	if (undated) {
		spread_base(r->dated, sp, r->all_orders, r->posts, !m->bounded, part, whole, &r->base_spend, &r->spend);
	} else { /* dated payouts only: whole paise */
		r->base_spend = (double)r->dated;
		r->spend = dated_part(r->base_spend, part, whole);
	}
	m->timed[SPREAD__MAX] += (double)r->dated * r->share;
	if (!sp)
		return;
	r->expected = (double)sp->rate * (double)(sp->rate_basis == BASIS_POST ? r->posts : r->all_orders);
	m->basis_expected[sp->rate_basis] += r->expected;
	if (!undated)
		return;
	m->spreads |= (sp->undated[SPREAD_ORDERS] ? 1u << SPREAD_ORDERS : 0) | (sp->undated[SPREAD_POSTS] ? 1u << SPREAD_POSTS : 0);
	if (!m->bounded) {
		for (int k = 0; k < SPREAD__MAX; k++)
			m->timed[k] += (double)sp->undated[k] * r->share;
		return;
	}
	m->unscheduled_out += (double)sp->undated[SPREAD_UNSCHEDULED] * r->share;
	/* the note's amounts: display only, one division each */
	if (sp->orders)
		m->timed[SPREAD_ORDERS] += (double)sp->undated[SPREAD_ORDERS] * (double)r->all_orders / (double)sp->orders * r->share;
	if (sp->posts)
		m->timed[SPREAD_POSTS] += (double)sp->undated[SPREAD_POSTS] * (double)r->posts / (double)sp->posts * r->share;
}

static void scan_posts(const struct dataset *ds, const struct filter *f, const int32_t *rowof, struct metrics *m)
{
	for (size_t k = 0; k < ds->npost; k++) {
		const struct ds_post *p = &ds->post[k];
		if (rowof[p->infl] < 0 || !in_range(f, p->date))
			continue;
		struct infl_row *r = &m->row[rowof[p->infl]];
		r->posts++;
		r->reach += p->reach;
		r->engagement += p->likes + p->comments;
	}
}

int metrics_compute(const struct dataset *ds, const struct filter *f, struct arena *a, struct metrics *m)
{
	memset(m, 0, sizeof(*m));
	m->ds = ds;
	m->baseline = f->baseline;
	m->allocates = filter_allocates(f);
	m->bounded = f->has_from || f->has_to;
	struct idset *set = m->set;
	int32_t *rowof;
	m->filter = f;
	for (int p = 0; p < FP_MULTI_MAX; p++)
		if (resolve(ds, &f->multi[p], a, &set[p]) < 0)
			return -1;
	if (select_influencers(ds, f, set, a, m, &rowof) < 0)
		return -1;
	m->rowof = rowof;
	const enum fparam bpc[3] = { FP_BRAND, FP_PRODUCT, FP_CAMPAIGN };
	size_t words = (ds->pool.count + 63) / 64;
	for (int k = 0; k < 3; k++) {
		const struct idset *s = &set[bpc[k]];
		if (!s->n)
			continue;
		m->bpc_bits[k] = arena_calloc(a, words ? words : 1, sizeof(uint64_t));
		if (!m->bpc_bits[k])
			return -1;
		for (size_t i = 0; i < s->n; i++)
			if (s->id[i] < ds->pool.count)
				m->bpc_bits[k][s->id[i] >> 6] |= (uint64_t)1 << (s->id[i] & 63);
	}
	int64_t *all_orders = arena_calloc(a, m->nrow ? m->nrow : 1, sizeof(*all_orders));
	if (!all_orders)
		return -1;
	const char *g = f->group_by;
	m->tpair_col = g && !strcmp(g, "brand") ? CUBE_BRAND : g && !strcmp(g, "product") ? CUBE_PRODUCT : CUBE_CAMPAIGN;
	size_t npair = ds->cube.group[m->tpair_col].npair;
	uint32_t *slot = NULL;
	if (m->allocates && t_columns(m, a) < 0)
		return -1;
	/* groups_compute reads a column that decides T from its group cube */
	int group_cube = m->tcols & 1u << m->tpair_col && ds->cube.group[m->tpair_col].pair_start;
	if (m->allocates && g && ds->cube.row_start && !group_cube &&
	    (!(m->tpair = arena_alloc(a, (npair ? npair : 1) * sizeof(*m->tpair))) ||
	     !(slot = arena_calloc(a, ds->pool.count ? ds->pool.count : 1, sizeof(*slot)))))
		return -1;
	if (ds->cube.row_start)
		cube_tracking(ds, f, rowof, all_orders, slot, m);
	else
		scan_tracking(ds, f, rowof, all_orders, m);
	scan_posts(ds, f, rowof, m);
	for (size_t i = 0; i < m->nrow; i++)
		m->row[i].all_orders = all_orders[i];
	if (collect_statuses(ds, a, m) < 0)
		return -1;
	scan_payouts(ds, f, rowof, m);
	long double spend = 0, base = 0;
	for (size_t i = 0; i < m->nrow; i++) {
		struct infl_row *r = &m->row[i];
		row_spend(m, r);
		m->revenue += r->revenue;
		m->orders += r->orders;
		spend += r->spend;
		base += r->base_spend;
		m->posts += r->posts;
		m->reach += r->reach;
		m->engagement += r->engagement;
	}
	m->spend = (double)spend;
	m->base_spend = (double)base;
	if (m->allocates)
		m->unallocated = (double)(base - spend);
	return 0;
}

int metrics_in_t(const struct metrics *m, const struct ds_track *t)
{
	return metrics_row_of(m, t->infl) && in_range(m->filter, t->date) && metrics_bpc(m, t);
}

struct ratio metrics_roas(const struct metrics *m)
{
	return ratio_div((double)m->revenue, m->spend);
}

struct ratio metrics_roi(const struct metrics *m)
{
	return ratio_div((double)m->revenue - m->spend, m->spend);
}

struct ratio metrics_incremental_roas(const struct metrics *m)
{
	struct ratio r = metrics_roas(m);
	r.v -= m->baseline;
	return r;
}

double metrics_incremental_revenue(const struct metrics *m)
{
	return (double)m->revenue - m->baseline * m->spend;
}

struct ratio metrics_cost_per_order(const struct metrics *m)
{
	return ratio_div(m->spend, (double)m->orders);
}

struct ratio metrics_aov(const struct metrics *m)
{
	return ratio_div((double)m->revenue, (double)m->orders);
}

struct ratio metrics_engagement_rate(const struct metrics *m)
{
	return ratio_div((double)m->engagement, (double)m->reach);
}

struct ratio metrics_influencer_share(const struct metrics *m)
{
	return ratio_div((double)m->revenue, (double)m->tracked_revenue);
}

struct ratio row_roas(const struct infl_row *r)
{
	return ratio_div((double)r->revenue, r->spend);
}

struct ratio row_incremental_roas(const struct metrics *m, const struct infl_row *r)
{
	struct ratio x = row_roas(r);
	x.v -= m->baseline;
	return x;
}

double row_payout_gap(const struct infl_row *r)
{
	return r->expected - r->base_spend;
}

struct ratio row_cost_per_order(const struct infl_row *r)
{
	return ratio_div(r->spend, (double)r->orders);
}

struct ratio row_engagement_rate(const struct infl_row *r)
{
	return ratio_div((double)r->engagement, (double)r->reach);
}

static int cmp_id(const struct dataset *ds, const struct infl_row *a, const struct infl_row *b)
{
	return strcmp(strpool_get(&ds->pool, ds->infl[a->idx].id), strpool_get(&ds->pool, ds->infl[b->idx].id));
}

static int cmp3(double a, double b)
{
	return (a > b) - (a < b);
}

int metrics_cmp_roas_revenue(struct ratio ra, int64_t revenue_a, struct ratio rb, int64_t revenue_b)
{
	if (ra.ok != rb.ok)
		return ra.ok ? -1 : 1;
	int c = ra.ok ? cmp3(rb.v, ra.v) : 0;
	return c ? c : (revenue_b > revenue_a) - (revenue_b < revenue_a);
}

/* ROAS desc (undefined last), revenue desc, id asc. */
static int cmp_best(const void *pa, const void *pb, void *ctx)
{
	const struct infl_row *a = *(const struct infl_row *const *)pa, *b = *(const struct infl_row *const *)pb;
	int c = metrics_cmp_roas_revenue(row_roas(a), a->revenue, row_roas(b), b->revenue);
	return c ? c : cmp_id(ctx, a, b);
}

/* ROAS asc, spend desc, id asc. */
static int cmp_worst(const void *pa, const void *pb, void *ctx)
{
	const struct infl_row *a = *(const struct infl_row *const *)pa, *b = *(const struct infl_row *const *)pb;
	int c = cmp3(row_roas(a).v, row_roas(b).v);
	if (!c)
		c = cmp3(b->spend, a->spend);
	return c ? c : cmp_id(ctx, a, b);
}

const struct infl_row **metrics_by_roas(const struct metrics *m, struct arena *a)
{
	const struct infl_row **rows = arena_calloc(a, m->nrow ? m->nrow : 1, sizeof(*rows));
	if (!rows)
		return NULL;
	for (size_t i = 0; i < m->nrow; i++)
		rows[i] = &m->row[i];
	qsort_r(rows, m->nrow, sizeof(*rows), cmp_best, (void *)m->ds);
	return rows;
}

size_t metrics_top(const struct metrics *m, int bottom, const struct infl_row **out, size_t max)
{
	/* Keep the best max by insertion: O(n * max), no sort of every row. */
	int (*cmp)(const void *, const void *, void *) = bottom ? cmp_worst : cmp_best;
	size_t k = 0;
	for (size_t i = 0; i < m->nrow && max; i++) {
		const struct infl_row *r = &m->row[i];
		if (!(r->spend > 0) || (k == max && cmp(&r, &out[k - 1], (void *)m->ds) >= 0))
			continue;
		size_t j = k < max ? k++ : max - 1;
		while (j > 0 && cmp(&r, &out[j - 1], (void *)m->ds) < 0) {
			out[j] = out[j - 1];
			j--;
		}
		out[j] = r;
	}
	return k;
}
