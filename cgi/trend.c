/* trend.c: revenue and spend per day, week or month of the selection, with cumulative ROAS. */
#include "trend.h"

#include <stdio.h>
#include <string.h>

#include "gcube.h"
#include "val.h"

enum grain trend_default_grain(int32_t first, int32_t last)
{
	int32_t days = last - first + 1;
	if (days <= 31)
		return GRAIN_DAY;
	if (days <= 26 * 7)
		return GRAIN_WEEK;
	return GRAIN_MONTH;
}

int32_t trend_period_start(enum grain g, int32_t day)
{
	int y, mo, d;
	switch (g) {
	case GRAIN_WEEK: {
		int dow = ((day % 7) + 7 + 3) % 7; /* 1970-01-01 was a Thursday; Monday = 0 */
		return day - dow;
	}
	case GRAIN_MONTH:
		val_civil_from_days(day, &y, &mo, &d);
		return val_days_from_civil(y, mo, 1);
	default:
		return day;
	}
}

void trend_label(enum grain g, int32_t start, char out[11])
{
	val_format_date(start, out);
	if (g == GRAIN_MONTH)
		out[7] = '\0';
}

/* The next period's first day. */
static int32_t next_start(enum grain g, int32_t start)
{
	int y, mo, d;
	switch (g) {
	case GRAIN_WEEK:
		return start + 7;
	case GRAIN_MONTH:
		val_civil_from_days(start, &y, &mo, &d);
		return mo == 12 ? val_days_from_civil(y + 1, 1, 1) : val_days_from_civil(y, mo + 1, 1);
	default:
		return start + 1;
	}
}

/* Index of the period holding day by binary search over the starts. */
static size_t period_index(const struct trend *t, int32_t day)
{
	size_t lo = 0, hi = t->n;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (t->p[mid].start <= day)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Period index of each day of [first, last], so a walk over dates maps a
 * date with one load. */
struct periods {
	const uint16_t *of;          /* of[day - first] */
	int32_t first, last;
};

static int period_table(const struct trend *t, struct arena *a, int32_t first, int32_t last, struct periods *pt)
{
	uint16_t *of = arena_alloc(a, ((size_t)(last - first) + 1) * sizeof(*of));
	if (!of)
		return -1;
	for (size_t p = 0; p < t->n; p++) {
		int32_t lo = t->p[p].start < first ? first : t->p[p].start;
		int32_t hi = p + 1 < t->n ? t->p[p + 1].start - 1 : last;
		for (int32_t d = lo; d <= hi && d <= last; d++)
			of[d - first] = (uint16_t)p;
	}
	pt->of = of;
	pt->first = first;
	pt->last = last;
	return 0;
}

/* The first day after period p (one past the last day of the walk for the last period). */
static inline int32_t next_period(const struct trend *t, const struct periods *pt, size_t p)
{
	return p + 1 < t->n && t->p[p + 1].start <= pt->last ? t->p[p + 1].start : pt->last + 1;
}

/* One influencer's spread piece over the orders of one period. */
static void add_piece(long double *acc, size_t p, const struct spread_infl *sp, int64_t in, double share)
{
	if (in)
		acc[p] += spread_piece(sp->undated[SPREAD_ORDERS], in, sp->orders) * share;
}

/* Ends period p at day d (a running total): adds what the period took
 * since the last close to its bucket and its spread piece over orders,
 * then moves the last totals to d. */
static void close_period(struct trend *t, size_t p, const struct cube_day *d, int64_t *orders, int64_t *revenue,
			 int bucket, long double *acc, const struct spread_infl *sp, double share)
{
	if (bucket) {
		t->p[p].orders += d->orders - *orders;
		t->p[p].revenue += d->revenue - *revenue;
	}
	if (sp)
		add_piece(acc, p, sp, d->orders - *orders, share);
	*orders = d->orders;
	*revenue = d->revenue;
}

/* Walks the cube's days of influencer row r in the range a period at a
 * time: the period's orders and revenue are differences of running
 * totals. Adds them to the buckets when bucket is set, and its spread
 * piece over orders when acc is. */
static void walk_days(const struct metrics *m, const struct infl_row *r, struct trend *t, const struct periods *pt,
		      int bucket, long double *acc)
{
	const struct cube *c = &m->ds->cube;
	const struct spread_infl *sp = acc ? &m->ds->spread[r->idx] : NULL;
	size_t k = cube_first_day(c, r->idx, pt->first), end = c->day_start[r->idx + 1];
	if (k == end || c->day[k].date > pt->last)
		return;
	int64_t orders = k > c->day_start[r->idx] ? c->day[k - 1].orders : 0;
	int64_t revenue = k > c->day_start[r->idx] ? c->day[k - 1].revenue : 0;
	size_t p = pt->of[c->day[k].date - pt->first];
	int32_t stop = next_period(t, pt, p); /* the days before it are p's: one compare a day */
	for (; k < end && c->day[k].date <= pt->last; k++) {
		if (c->day[k].date < stop)
			continue;
		size_t q = pt->of[c->day[k].date - pt->first];
		stop = next_period(t, pt, q);
		close_period(t, p, &c->day[k - 1], &orders, &revenue, bucket, acc, sp, r->share);
		p = q;
	}
	close_period(t, p, &c->day[k - 1], &orders, &revenue, bucket, acc, sp, r->share);
}

/* Buckets T of influencer row r from the group cube of a column that
 * decides T: each value in the filter, a period at a time. */
static void walk_pairs(const struct infl_row *r, const struct cube_group *cg, const uint64_t *bits, struct trend *t,
		       const struct periods *pt)
{
	for (uint32_t i = cg->pair_start[r->idx]; i < cg->pair_start[r->idx + 1]; i++) {
		const struct cube_pair *x = &cg->pair[i];
		size_t a, b;
		if (!metrics_bit(bits, x->key) || !cube_pair_days(cg, x, pt->first, pt->last, &a, &b))
			continue;
		int64_t orders = a > x->day_start ? cg->sum[a - 1].orders : 0;
		int64_t revenue = a > x->day_start ? cg->sum[a - 1].revenue : 0;
		size_t p = pt->of[cg->date[a] - pt->first];
		for (size_t k = a + 1; k < b; k++) {
			size_t q = pt->of[cg->date[k] - pt->first];
			if (q == p)
				continue;
			t->p[p].orders += cg->sum[k - 1].orders - orders;
			t->p[p].revenue += cg->sum[k - 1].revenue - revenue;
			orders = cg->sum[k - 1].orders;
			revenue = cg->sum[k - 1].revenue;
			p = q;
		}
		t->p[p].orders += cg->sum[b - 1].orders - orders;
		t->p[p].revenue += cg->sum[b - 1].revenue - revenue;
	}
}

/* Buckets T of influencer row r from its date-ordered rows. */
static void walk_rows(const struct metrics *m, const struct infl_row *r, struct trend *t, const struct periods *pt)
{
	const struct dataset *ds = m->ds;
	const struct cube *c = &ds->cube;
	for (size_t k = cube_first_row(ds, r->idx, pt->first); k < c->row_start[r->idx + 1] && ds->track[k].date <= pt->last;
	     k++) {
		const struct ds_track *x = &ds->track[k];
		if (!metrics_bpc(m, x))
			continue;
		struct trend_point *p = &t->p[pt->of[x->date - pt->first]];
		p->orders += x->orders;
		p->revenue += x->revenue;
	}
}

/* Revenue and orders per period, and the spread pieces over orders, from
 * the cube, each influencer of I in turn: without a brand/product/campaign
 * filter one walk over its days does both; with one, T comes from the
 * group cube of a column that decides it, else from the rows. */
static void bucket_cube(const struct metrics *m, struct trend *t, const struct periods *pt, long double *acc)
{
	int col = m->allocates ? metrics_t_column(m) : -1;
	int spreads = m->ds->spread && m->spreads & 1u << SPREAD_ORDERS;
	for (size_t i = 0; i < m->nrow; i++) {
		const struct infl_row *r = &m->row[i];
		const struct spread_infl *sp = spreads ? &m->ds->spread[r->idx] : NULL;
		long double *pieces = sp && sp->undated[SPREAD_ORDERS] && r->share > 0 ? acc : NULL;
		if (!m->allocates) {
			walk_days(m, r, t, pt, 1, pieces);
			continue;
		}
		if (col >= 0)
			walk_pairs(r, &m->ds->cube.group[col], m->tbits[col], t, pt);
		else
			walk_rows(m, r, t, pt);
		if (pieces)
			walk_days(m, r, t, pt, 0, pieces);
	}
}

/* Adds the spread pieces over orders without a cube: per row. */
static void spread_orders(const struct metrics *m, const struct trend *t, long double *acc, int32_t first, int32_t last)
{
	const struct dataset *ds = m->ds;
	for (size_t k = 0; k < ds->ntrack; k++) {
		const struct ds_track *x = &ds->track[k];
		const struct infl_row *r = metrics_row_of(m, x->infl);
		if (!r || x->date < first || x->date > last || !metrics_in_range(m, x->date))
			continue;
		const struct spread_infl *sp = &ds->spread[x->infl];
		acc[period_index(t, x->date)] += spread_piece(sp->undated[SPREAD_ORDERS], x->orders, sp->orders) * r->share;
	}
}

/* Adds the spread pieces over posts: each influencer's posts of a period
 * make one piece. */
static void spread_posts(const struct metrics *m, const struct trend *t, long double *acc, int32_t first, int32_t last)
{
	const struct dataset *ds = m->ds;
	int32_t lo = first, hi = last;
	if (m->filter->has_from && m->filter->from > lo)
		lo = m->filter->from;
	if (m->filter->has_to && m->filter->to < hi)
		hi = m->filter->to;
	for (size_t i = 0; i < m->nrow; i++) {
		const struct infl_row *r = &m->row[i];
		const struct spread_infl *sp = &ds->spread[r->idx];
		if (!sp->undated[SPREAD_POSTS] || !sp->post_n || !(r->share > 0))
			continue;
		const int32_t *day = ds->post_day + sp->post_at, *end = day + sp->post_n;
		while (day < end && *day < lo)
			day++;
		size_t p = 0;
		int64_t in = 0;
		for (; day < end && *day <= hi; day++) {
			size_t q = p;
			while (q + 1 < t->n && t->p[q + 1].start <= *day)
				q++;
			if (q != p && in) {
				acc[p] += spread_piece(sp->undated[SPREAD_POSTS], in, sp->posts) * r->share;
				in = 0;
			}
			p = q;
			in++;
		}
		if (in)
			acc[p] += spread_piece(sp->undated[SPREAD_POSTS], in, sp->posts) * r->share;
	}
}

/* Spend per period: dated payouts by payout date, the spread pieces of
 * undated ones by the date of their orders or posts, each influencer's
 * allocated like its KPI spend; with the cube, revenue and orders in the
 * same walk. Sums are kept in long double, added in the order: dated
 * payouts, pieces over orders, pieces over posts. */
static int bucket_all(const struct metrics *m, struct arena *a, struct trend *t, int32_t first, int32_t last)
{
	const struct dataset *ds = m->ds;
	long double *acc = arena_calloc(a, t->n, sizeof(*acc));
	if (!acc)
		return -1;
	for (size_t k = 0; k < ds->npayout; k++) {
		const struct ds_payout *py = &ds->payout[k];
		const struct infl_row *r = metrics_row_of(m, py->infl);
		if (r && py->date != DS_NO_DATE && metrics_in_range(m, py->date) && py->date >= first && py->date <= last)
			acc[period_index(t, py->date)] += (double)py->total * r->share;
	}
	if (ds->cube.row_start) {
		struct periods pt;
		if (period_table(t, a, first, last, &pt) < 0)
			return -1;
		bucket_cube(m, t, &pt, acc);
	} else {
		for (size_t k = 0; k < ds->ntrack; k++) {
			const struct ds_track *tr = &ds->track[k];
			if (!metrics_in_t(m, tr))
				continue;
			struct trend_point *p = &t->p[period_index(t, tr->date)];
			p->revenue += tr->revenue;
			p->orders += tr->orders;
		}
		if (ds->spread && m->spreads & 1u << SPREAD_ORDERS)
			spread_orders(m, t, acc, first, last);
	}
	if (ds->spread && m->spreads & 1u << SPREAD_POSTS)
		spread_posts(m, t, acc, first, last);
	for (size_t i = 0; i < t->n; i++)
		t->p[i].spend = (double)acc[i];
	return 0;
}

int trend_compute(const struct metrics *m, struct arena *a, struct trend *t, char *err, size_t errsz)
{
	const struct dataset *ds = m->ds;
	const struct filter *f = m->filter;
	memset(t, 0, sizeof(*t));
	if (ds->first_date == DS_NO_DATE && !f->has_from)
		return 0;
	int32_t first = f->has_from ? f->from : ds->first_date;
	if (f->has_to && f->to < first)
		first = f->to; /* a range before all the data: one empty period */
	int32_t last = f->has_to ? f->to : ds->last_date;
	if (last < first)
		last = first;
	t->grain = f->grain != GRAIN_AUTO ? f->grain : trend_default_grain(first, last);
	size_t n = 0;
	for (int32_t s = trend_period_start(t->grain, first); s <= last; s = next_start(t->grain, s))
		if (++n > TREND_MAX_PERIODS) {
			snprintf(err, errsz, "parameter \"grain\": %s over this range gives more than %d periods; "
				 "choose a coarser grain or a shorter range", grain_name[t->grain], TREND_MAX_PERIODS);
			return -1;
		}
	t->p = arena_calloc(a, n ? n : 1, sizeof(*t->p));
	if (!t->p) {
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	int32_t s = trend_period_start(t->grain, first);
	for (size_t i = 0; i < n; i++, s = next_start(t->grain, s))
		t->p[i].start = s;
	t->n = n;
	if (n && bucket_all(m, a, t, first, last) < 0) {
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	long double crev = 0, cspend = 0;
	for (size_t i = 0; i < n; i++) {
		struct trend_point *p = &t->p[i];
		crev += (long double)p->revenue;
		cspend += p->spend;
		p->roas = ratio_div((double)p->revenue, p->spend);
		p->cumulative_roas = ratio_div((double)crev, (double)cspend);
	}
	return 0;
}
