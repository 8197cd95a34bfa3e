/* cube.c: tracking rows ordered and summed for fast pages: rows grouped by influencer and date, running totals per influencer and day. */
#define _GNU_SOURCE
#include "cube.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "dataset.h"
#include "gcube.h"

/* Tracking dates as offsets from the earliest, when the span is small
 * enough to count by day (it is unless dates are centuries apart). */
struct day_span {
	int32_t first;
	size_t ndays;
};

static int day_span(const struct dataset *ds, struct day_span *sp)
{
	int32_t lo = INT32_MAX, hi = INT32_MIN;
	for (size_t k = 0; k < ds->ntrack; k++) {
		if (ds->track[k].date < lo)
			lo = ds->track[k].date;
		if (ds->track[k].date > hi)
			hi = ds->track[k].date;
	}
	if (!ds->ntrack)
		lo = hi = 0;
	sp->first = lo;
	sp->ndays = (size_t)((int64_t)hi - lo) + 1;
	return sp->ndays <= 4 * ds->ntrack + 4096 ? 0 : -1;
}

static int cmp_row(const void *pa, const void *pb, void *ctx)
{
	const struct ds_track *t = ctx;
	const struct ds_track *a = &t[*(const uint32_t *)pa], *b = &t[*(const uint32_t *)pb];
	uint32_t ia = (uint32_t)a->infl, ib = (uint32_t)b->infl; /* organic (-1) sorts last */
	if (ia != ib)
		return ia < ib ? -1 : 1;
	return (a->date > b->date) - (a->date < b->date);
}

/* Turns counts (at[k + 1] rows of key k) into each key's first place. */
static void count_starts(uint32_t *at, size_t nkeys)
{
	for (size_t i = 1; i <= nkeys; i++)
		at[i] += at[i - 1];
}

/* Row order by influencer (organic last), then date: two stable counting
 * sorts (date, then influencer) when dates span few days, else qsort. The
 * rows are read once, for both keys; the sorts read the keys only. Each
 * influencer's first row in the order goes to row_start (ninfl + 2). */
static int row_order(const struct dataset *ds, uint32_t *order, uint32_t *row_start)
{
	size_t n = ds->ntrack, ninfl = ds->ninfl;
	uint32_t *dkey = malloc((n ? n : 1) * sizeof(*dkey)), *ikey = malloc((n ? n : 1) * sizeof(*ikey));
	uint32_t *tmp = malloc((n ? n : 1) * sizeof(*tmp)), *at_i = calloc(ninfl + 2, sizeof(*at_i)), *at_d = NULL;
	int32_t lo = INT32_MAX, hi = INT32_MIN;
	int rc = dkey && ikey && tmp && at_i ? 0 : -1;
	for (size_t k = 0; rc == 0 && k < n; k++) {
		const struct ds_track *t = &ds->track[k];
		uint32_t i = t->infl < 0 ? (uint32_t)ninfl : (uint32_t)t->infl;
		lo = t->date < lo ? t->date : lo;
		hi = t->date > hi ? t->date : hi;
		dkey[k] = (uint32_t)t->date;
		ikey[k] = i;
		at_i[i + 1]++;
	}
	size_t ndays = n ? (size_t)((int64_t)hi - lo) + 1 : 1;
	if (rc == 0) {
		count_starts(at_i, ninfl + 1);
		memcpy(row_start, at_i, (ninfl + 2) * sizeof(*row_start));
	}
	if (rc == 0 && ndays > 4 * n + 4096) { /* as day_span: dates centuries apart */
		for (size_t k = 0; k < n; k++)
			order[k] = (uint32_t)k;
		qsort_r(order, n, sizeof(*order), cmp_row, ds->track);
	} else if (rc == 0 && (at_d = calloc(ndays + 1, sizeof(*at_d)))) {
		for (size_t k = 0; k < n; k++)
			at_d[(dkey[k] -= (uint32_t)lo) + 1]++;
		count_starts(at_d, ndays);
		for (size_t k = 0; k < n; k++)
			tmp[at_d[dkey[k]]++] = (uint32_t)k;
		for (size_t k = 0; k < n; k++)
			order[at_i[ikey[tmp[k]]]++] = tmp[k];
	} else {
		rc = -1;
	}
	free(dkey);
	free(ikey);
	free(tmp);
	free(at_i);
	free(at_d);
	return rc;
}

/* The texts in the order of the (now ordered) rows, so exports read them
 * front to back: the new pool, and each row's new text id in user[]. */
struct texts_job {
	const struct dataset *ds;
	struct strpool t;
	uint32_t *user;
	int rc;
};

static void *reorder_texts(void *arg)
{
	struct texts_job *j = arg;
	const struct dataset *ds = j->ds;
	const struct strpool *from = &ds->texts;
	j->rc = -1;
	if (strpool_init(&j->t) < 0)
		return NULL;
	if (strpool_reserve(&j->t, from->count, from->nbytes) < 0)
		return NULL;
	uint32_t old = 0, now = 0; /* a run of rows sharing a text shares it still */
	for (size_t k = 0; k < ds->ntrack; k++) {
		uint32_t u = ds->track[k].user;
		/* the texts are read in random order: ask for them early */
		if (k + 32 < ds->ntrack) {
			__builtin_prefetch(&from->off[ds->track[k + 32].user]);
			__builtin_prefetch(&from->len[ds->track[k + 32].user]);
		}
		if (k + 16 < ds->ntrack)
			__builtin_prefetch(from->bytes + from->off[ds->track[k + 16].user]);
		if (u && u != old) {
			old = u;
			now = strpool_append(&j->t, strpool_get(from, old), from->len[old]);
			if (now == UINT32_MAX)
				return NULL;
		}
		j->user[k] = u ? now : 0;
	}
	j->rc = 0;
	return NULL;
}

/* Rows lo to hi of the order copied from one array into another. */
struct gather {
	const struct ds_track *from;
	struct ds_track *to;
	const uint32_t *order;
	size_t lo, hi;
};

static void *gather_rows(void *arg)
{
	const struct gather *g = arg;
	for (size_t k = g->lo; k < g->hi; k++) {
		if (k + 16 < g->hi) /* rows are read in random order: ask for them early */
			__builtin_prefetch(&g->from[g->order[k + 16]]);
		g->to[k] = g->from[g->order[k]];
	}
	return NULL;
}

/* Groups the rows by influencer (organic last), each influencer's rows by
 * date: the rows copied in their new order, each half on its own thread. */
static int order_rows(struct dataset *ds, struct cube *c)
{
	size_t ninfl = ds->ninfl, n = ds->ntrack;
	c->row_start = calloc(ninfl + 2, sizeof(*c->row_start));
	uint32_t *order = malloc((n ? n : 1) * sizeof(*order));
	struct ds_track *sorted = malloc((n ? n : 1) * sizeof(*sorted));
	if (!c->row_start || !order || !sorted || row_order(ds, order, c->row_start) < 0) {
		free(order);
		free(sorted);
		return -1;
	}
	struct gather first = { ds->track, sorted, order, 0, n / 2 }, second = { ds->track, sorted, order, n / 2, n };
	pthread_t th;
	int threaded = pthread_create(&th, NULL, gather_rows, &second) == 0;
	gather_rows(&first);
	if (threaded)
		pthread_join(th, NULL);
	else
		gather_rows(&second);
	free(ds->track);
	ds->track = sorted;
	free(order);
	return 0;
}

/* Running totals per influencer and day from the ordered rows. */
static int build_days(const struct dataset *ds, struct cube *c)
{
	size_t ninfl = ds->ninfl;
	c->day = malloc((ds->ntrack ? ds->ntrack : 1) * sizeof(*c->day));
	c->day_start = calloc(ninfl + 1, sizeof(*c->day_start));
	if (!c->day || !c->day_start)
		return -1;
	size_t k = 0;
	for (size_t i = 0; i < ninfl; i++) {
		int64_t orders = 0, revenue = 0;
		c->day_start[i] = (uint32_t)k;
		for (size_t j = c->row_start[i]; j < c->row_start[i + 1]; j++) {
			const struct ds_track *t = &ds->track[j];
			orders += t->orders;
			revenue += t->revenue;
			if (k > c->day_start[i] && c->day[k - 1].date == t->date)
				k--;
			c->day[k++] = (struct cube_day){ t->date, 0, orders, revenue };
		}
	}
	c->day_start[ninfl] = (uint32_t)k;
	c->nday = k;
	return 0;
}

static int cmp_total(const void *pa, const void *pb)
{
	const struct cube_total *a = pa, *b = pb;
	return (a->date > b->date) - (a->date < b->date);
}

/* Revenue per day of all tracking rows, in date order: summed by day
 * offset when dates span few days, else sorted. Leaves c->ntotal entries. */
static int day_sums(const struct dataset *ds, struct cube *c)
{
	struct day_span sp;
	size_t k = 0;
	if (day_span(ds, &sp) == 0) {
		int64_t *sum = calloc(sp.ndays, sizeof(*sum));
		uint8_t *seen = calloc(sp.ndays, 1);
		if (!sum || !seen) {
			free(sum);
			free(seen);
			return -1;
		}
		for (size_t j = 0; j < ds->ntrack; j++) {
			size_t d = (size_t)(ds->track[j].date - sp.first);
			sum[d] += ds->track[j].revenue;
			seen[d] = 1;
		}
		for (size_t d = 0; d < sp.ndays; d++)
			if (seen[d])
				c->total[k++] = (struct cube_total){ (int32_t)(sp.first + (int32_t)d), 0, sum[d] };
		free(sum);
		free(seen);
	} else {
		for (size_t j = 0; j < ds->ntrack; j++)
			c->total[k++] = (struct cube_total){ ds->track[j].date, 0, ds->track[j].revenue };
		qsort(c->total, k, sizeof(*c->total), cmp_total);
	}
	c->ntotal = k;
	return 0;
}

/* Running total of all tracked revenue per day. */
static int build_totals(const struct dataset *ds, struct cube *c)
{
	c->total = malloc((ds->ntrack ? ds->ntrack : 1) * sizeof(*c->total));
	if (!c->total || day_sums(ds, c) < 0)
		return -1;
	size_t k = 0;
	int64_t run = 0;
	for (size_t j = 0; j < c->ntotal; j++) {
		run += c->total[j].revenue;
		if (k && c->total[k - 1].date == c->total[j].date)
			k--;
		c->total[k++] = (struct cube_total){ c->total[j].date, 0, run };
	}
	c->ntotal = k;
	return 0;
}

int cube_build(struct dataset *ds)
{
	struct cube c;
	memset(&c, 0, sizeof(c));
	int rc = order_rows(ds, &c);
	/* The texts on a thread of their own beside the sums (it only reads
	 * the rows; the new ids go in after). */
	struct texts_job tj = { .ds = ds, .user = rc == 0 ? malloc((ds->ntrack ? ds->ntrack : 1) * sizeof(uint32_t)) : NULL };
	pthread_t th;
	int threaded = 0;
	if (!tj.user)
		rc = -1;
	else if (pthread_create(&th, NULL, reorder_texts, &tj) == 0)
		threaded = 1;
	else
		reorder_texts(&tj);
	if (rc == 0)
		rc = build_days(ds, &c);
	if (rc == 0)
		rc = build_totals(ds, &c);
	if (rc == 0)
		rc = cube_build_groups(ds, &c);
	if (threaded)
		pthread_join(th, NULL);
	if (rc == 0 && tj.rc == 0) {
		for (size_t k = 0; k < ds->ntrack; k++)
			ds->track[k].user = tj.user[k];
		strpool_free(&ds->texts);
		ds->texts = tj.t;
	} else if (tj.user) {
		strpool_free(&tj.t);
		rc = -1;
	}
	free(tj.user);
	if (rc < 0) {
		cube_free(&c);
		return -1;
	}
	cube_free(&ds->cube);
	ds->cube = c;
	return 0;
}

void cube_free(struct cube *c)
{
	free(c->row_start);
	free(c->day);
	free(c->day_start);
	free(c->total);
	for (int k = 0; k < CUBE__COLUMNS; k++) {
		free(c->group[k].pair_start);
		free(c->group[k].pair);
		free(c->group[k].date);
		free(c->group[k].sum);
	}
	free(c->campaign_brand);
	memset(c, 0, sizeof(*c));
}

struct cube_triple *cube_triples(const struct dataset *ds, size_t *n)
{
	enum { SLOTS = 2 * CUBE_TRIPLES_MAX, BITS = 21 }; /* three pool ids packed in one key */
	const uint64_t empty = UINT64_MAX, mask = ((uint64_t)1 << BITS) - 1;
	size_t rows = ds->cube.row_start ? ds->cube.row_start[ds->ninfl] : 0, k = 0;
	*n = 0;
	if (ds->pool.count > mask)
		return NULL;
	struct cube_triple *out = malloc(CUBE_TRIPLES_MAX * sizeof(*out));
	uint64_t *slot = malloc(SLOTS * sizeof(*slot));
	if (out && slot) {
		memset(slot, 0xff, SLOTS * sizeof(*slot));
		uint64_t last = empty;
		for (; k < rows; k++) {
			const struct ds_track *t = &ds->track[k];
			uint64_t key = t->brand | (uint64_t)t->product << BITS | (uint64_t)t->campaign << 2 * BITS;
			if (key == last)
				continue;
			last = key;
			size_t h = (size_t)((key * 0x9E3779B97F4A7C15u) >> 51); /* 13 bits: SLOTS */
			while (slot[h] != empty && slot[h] != key)
				h = (h + 1) & (SLOTS - 1);
			if (slot[h] == key)
				continue;
			if (*n == CUBE_TRIPLES_MAX)
				break;
			slot[h] = key;
			out[(*n)++] = (struct cube_triple){ { t->brand, t->product, t->campaign } };
		}
	}
	int done = out && slot && k == rows;
	free(slot);
	if (!done) {
		free(out);
		*n = 0;
		return NULL;
	}
	return out;
}

/* First index in [lo, hi) of date-ordered records stride bytes apart whose
 * date is on or after from; date0 points at the date of record 0. */
static size_t lower_date(const void *date0, size_t stride, size_t lo, size_t hi, int32_t from)
{
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int32_t d;
		memcpy(&d, (const char *)date0 + mid * stride, sizeof(d));
		if (d < from)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t cube_first_day(const struct cube *c, int32_t i, int32_t from)
{
	size_t lo = c->day_start[i], hi = c->day_start[i + 1];
	return lo == hi ? lo : lower_date(&c->day->date, sizeof(*c->day), lo, hi, from);
}

size_t cube_first_row(const struct dataset *ds, int32_t i, int32_t from)
{
	size_t lo = ds->cube.row_start[i], hi = ds->cube.row_start[i + 1];
	return lo == hi ? lo : lower_date(&ds->track->date, sizeof(*ds->track), lo, hi, from);
}

void cube_span(const struct cube *c, int32_t i, int32_t from, int32_t to, int64_t *orders, int64_t *revenue)
{
	size_t a = cube_first_day(c, i, from), b = to == INT32_MAX ? c->day_start[i + 1] : cube_first_day(c, i, to + 1);
	*orders = *revenue = 0;
	if (b > a) {
		*orders = c->day[b - 1].orders - (a > c->day_start[i] ? c->day[a - 1].orders : 0);
		*revenue = c->day[b - 1].revenue - (a > c->day_start[i] ? c->day[a - 1].revenue : 0);
	}
}

/* Running total of tracked revenue strictly before day d. */
static int64_t total_before(const struct cube *c, int32_t d)
{
	size_t k = c->ntotal ? lower_date(&c->total->date, sizeof(*c->total), 0, c->ntotal, d) : 0;
	return k ? c->total[k - 1].revenue : 0;
}

int64_t cube_tracked(const struct cube *c, int32_t from, int32_t to)
{
	int64_t end = to == INT32_MAX ? (c->ntotal ? c->total[c->ntotal - 1].revenue : 0) : total_before(c, to + 1);
	return end - (from == INT32_MIN ? 0 : total_before(c, from));
}
