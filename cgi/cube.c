/* cube.c: tracking rows ordered and summed for fast pages: rows grouped by influencer and date, running totals per influencer and day. */
#include "cube.h"

#include <stdlib.h>
#include <string.h>

#include "dataset.h"

static int cmp_date(const void *pa, const void *pb)
{
	const struct ds_track *a = pa, *b = pb;
	return (a->date > b->date) - (a->date < b->date);
}

/* Groups the rows by influencer with a counting sort (organic last), then
 * orders each influencer's rows by date. */
static int order_rows(struct dataset *ds, struct cube *c)
{
	size_t ninfl = ds->ninfl;
	c->row_start = calloc(ninfl + 2, sizeof(*c->row_start));
	struct ds_track *sorted = malloc((ds->ntrack ? ds->ntrack : 1) * sizeof(*sorted));
	if (!c->row_start || !sorted) {
		free(sorted);
		return -1;
	}
	for (size_t k = 0; k < ds->ntrack; k++)
		c->row_start[(ds->track[k].infl < 0 ? ninfl : (size_t)ds->track[k].infl) + 1]++;
	for (size_t i = 1; i <= ninfl + 1; i++)
		c->row_start[i] += c->row_start[i - 1];
	uint32_t *fill = malloc((ninfl + 1) * sizeof(*fill));
	if (!fill) {
		free(sorted);
		return -1;
	}
	memcpy(fill, c->row_start, (ninfl + 1) * sizeof(*fill));
	for (size_t k = 0; k < ds->ntrack; k++)
		sorted[fill[ds->track[k].infl < 0 ? ninfl : (size_t)ds->track[k].infl]++] = ds->track[k];
	free(fill);
	for (size_t i = 0; i <= ninfl; i++)
		qsort(sorted + c->row_start[i], c->row_start[i + 1] - c->row_start[i], sizeof(*sorted), cmp_date);
	if (ds->ntrack)
		memcpy(ds->track, sorted, ds->ntrack * sizeof(*sorted));
	free(sorted);
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

/* Running total of all tracked revenue per day. */
static int build_totals(const struct dataset *ds, struct cube *c)
{
	c->total = malloc((ds->ntrack ? ds->ntrack : 1) * sizeof(*c->total));
	if (!c->total)
		return -1;
	for (size_t j = 0; j < ds->ntrack; j++)
		c->total[j] = (struct cube_total){ ds->track[j].date, 0, ds->track[j].revenue };
	qsort(c->total, ds->ntrack, sizeof(*c->total), cmp_total);
	size_t k = 0;
	int64_t run = 0;
	for (size_t j = 0; j < ds->ntrack; j++) {
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
	if (rc == 0)
		rc = build_days(ds, &c);
	if (rc == 0)
		rc = build_totals(ds, &c);
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
	memset(c, 0, sizeof(*c));
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
