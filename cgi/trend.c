/* trend.c: revenue and spend per day, week or month of the selection, with cumulative ROAS. */
#include "trend.h"

#include <stdio.h>
#include <string.h>

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

/* Buckets the cube's entries of each influencer in I, walking its dates in
 * order with a moving period index: daily running totals without a
 * brand/product/campaign filter, the date-ordered rows with one. */
static void bucket_cube(const struct metrics *m, struct trend *t, int32_t first, int32_t last)
{
	const struct cube *c = &m->ds->cube;
	for (size_t i = 0; i < m->nrow; i++) {
		int32_t idx = m->row[i].idx;
		size_t p = 0;
		if (!m->allocates) {
			size_t k = cube_first_day(c, idx, first);
			for (; k < c->day_start[idx + 1] && c->day[k].date <= last; k++) {
				const struct cube_day *d = &c->day[k], *prev = k > c->day_start[idx] ? d - 1 : NULL;
				while (p + 1 < t->n && t->p[p + 1].start <= d->date)
					p++;
				t->p[p].orders += d->orders - (prev ? prev->orders : 0);
				t->p[p].revenue += d->revenue - (prev ? prev->revenue : 0);
			}
			continue;
		}
		const struct dataset *ds = m->ds;
		for (size_t k = cube_first_row(ds, idx, first); k < c->row_start[idx + 1] && ds->track[k].date <= last; k++) {
			const struct ds_track *x = &ds->track[k];
			if (!metrics_bpc(m, x))
				continue;
			while (p + 1 < t->n && t->p[p + 1].start <= x->date)
				p++;
			t->p[p].orders += x->orders;
			t->p[p].revenue += x->revenue;
		}
	}
}

/* Adds the spread pieces over orders of each influencer of I with undated
 * payouts spread that way: one piece per period from the orders of its days
 * in the period (the cube's running totals), or per row without a cube. */
static void spread_orders(const struct metrics *m, const struct trend *t, long double *acc, int32_t first, int32_t last)
{
	const struct dataset *ds = m->ds;
	const struct cube *c = &ds->cube;
	if (!c->row_start) {
		for (size_t k = 0; k < ds->ntrack; k++) {
			const struct ds_track *x = &ds->track[k];
			const struct infl_row *r = metrics_row_of(m, x->infl);
			if (!r || x->date < first || x->date > last || !metrics_in_range(m, x->date))
				continue;
			const struct spread_infl *sp = &ds->spread[x->infl];
			acc[period_index(t, x->date)] +=
				spread_piece(sp->undated[SPREAD_ORDERS], x->orders, sp->orders) * r->share;
		}
		return;
	}
	for (size_t i = 0; i < m->nrow; i++) {
		const struct infl_row *r = &m->row[i];
		const struct spread_infl *sp = &ds->spread[r->idx];
		if (!sp->undated[SPREAD_ORDERS] || !(r->share > 0))
			continue;
		size_t p = 0, k = cube_first_day(c, r->idx, first), end = c->day_start[r->idx + 1];
		int64_t before = k > c->day_start[r->idx] ? c->day[k - 1].orders : 0, in = 0;
		for (; k < end && c->day[k].date <= last; k++) {
			size_t q = p;
			while (q + 1 < t->n && t->p[q + 1].start <= c->day[k].date)
				q++;
			if (q != p && in) {
				acc[p] += spread_piece(sp->undated[SPREAD_ORDERS], in, sp->orders) * r->share;
				in = 0;
			}
			p = q;
			in += c->day[k].orders - before;
			before = c->day[k].orders;
		}
		if (in)
			acc[p] += spread_piece(sp->undated[SPREAD_ORDERS], in, sp->orders) * r->share;
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
 * allocated like its KPI spend. Sums are kept in long double. */
static int bucket_spend(const struct metrics *m, struct arena *a, struct trend *t, int32_t first, int32_t last)
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
	if (ds->spread && m->spreads & 1u << SPREAD_ORDERS)
		spread_orders(m, t, acc, first, last);
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
	if (n && ds->cube.row_start)
		bucket_cube(m, t, first, last);
	else
		for (size_t k = 0; n && k < ds->ntrack; k++) {
			const struct ds_track *tr = &ds->track[k];
			if (!metrics_in_t(m, tr))
				continue;
			struct trend_point *p = &t->p[period_index(t, tr->date)];
			p->revenue += tr->revenue;
			p->orders += tr->orders;
		}
	if (n && bucket_spend(m, a, t, first, last) < 0) {
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
