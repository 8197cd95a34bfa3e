/* cube.c: tracking rows pre-aggregated for fast pages: per influencer and day (running totals) and per influencer, day, brand, product and campaign. */
#include "cube.h"

#include <stdlib.h>
#include <string.h>

#include "dataset.h"

/* Sort key of a tracking row: influencer (organic last), day, brand, product, campaign. */
static int cmp_rows(const void *pa, const void *pb)
{
	const struct ds_track *a = *(const struct ds_track *const *)pa, *b = *(const struct ds_track *const *)pb;
	uint32_t ia = (uint32_t)a->infl, ib = (uint32_t)b->infl; /* DS_ORGANIC (-1) sorts last */
	if (ia != ib)
		return ia < ib ? -1 : 1;
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	if (a->brand != b->brand)
		return a->brand < b->brand ? -1 : 1;
	if (a->product != b->product)
		return a->product < b->product ? -1 : 1;
	return (a->campaign > b->campaign) - (a->campaign < b->campaign);
}

static int same_cell(const struct cube_cell *c, const struct ds_track *t)
{
	return c->date == t->date && c->brand == t->brand && c->product == t->product && c->campaign == t->campaign;
}

/* Cells and their per-influencer starts from the sorted rows. */
static int build_cells(struct dataset *ds, const struct ds_track **rows, struct cube *c)
{
	size_t n = ds->ntrack, ninfl = ds->ninfl;
	c->cell = malloc((n ? n : 1) * sizeof(*c->cell));
	c->cell_start = calloc(ninfl + 2, sizeof(*c->cell_start));
	if (!c->cell || !c->cell_start)
		return -1;
	size_t k = 0;
	for (size_t r = 0; r < n; r++) {
		const struct ds_track *t = rows[r];
		uint32_t slot = t->infl < 0 ? (uint32_t)ninfl : (uint32_t)t->infl;
		if (k && (uint32_t)(rows[r - 1]->infl < 0 ? ninfl : (size_t)rows[r - 1]->infl) == slot &&
		    same_cell(&c->cell[k - 1], t)) {
			c->cell[k - 1].orders += t->orders;
			c->cell[k - 1].revenue += t->revenue;
			continue;
		}
		c->cell[k] = (struct cube_cell){ t->date, t->brand, t->product, t->campaign, t->orders, t->revenue };
		c->cell_start[slot + 1] = (uint32_t)++k;
	}
	for (size_t i = 1; i <= ninfl + 1; i++) /* slots without rows start where the previous ended */
		if (c->cell_start[i] < c->cell_start[i - 1])
			c->cell_start[i] = c->cell_start[i - 1];
	c->ncell = k;
	return 0;
}

/* Running totals per influencer and day from the cells. */
static int build_days(struct dataset *ds, struct cube *c)
{
	size_t ninfl = ds->ninfl;
	c->day = malloc((c->ncell ? c->ncell : 1) * sizeof(*c->day));
	c->day_start = calloc(ninfl + 1, sizeof(*c->day_start));
	if (!c->day || !c->day_start)
		return -1;
	size_t k = 0;
	for (size_t i = 0; i < ninfl; i++) {
		int64_t orders = 0, revenue = 0;
		c->day_start[i] = (uint32_t)k;
		for (size_t j = c->cell_start[i]; j < c->cell_start[i + 1]; j++) {
			orders += c->cell[j].orders;
			revenue += c->cell[j].revenue;
			if (k > c->day_start[i] && c->day[k - 1].date == c->cell[j].date)
				k--;
			c->day[k++] = (struct cube_day){ c->cell[j].date, 0, orders, revenue };
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
static int build_totals(struct dataset *ds, struct cube *c)
{
	c->total = malloc((c->ncell ? c->ncell : 1) * sizeof(*c->total));
	if (!c->total)
		return -1;
	for (size_t j = 0; j < c->ncell; j++)
		c->total[j] = (struct cube_total){ c->cell[j].date, 0, c->cell[j].revenue };
	qsort(c->total, c->ncell, sizeof(*c->total), cmp_total);
	size_t k = 0;
	int64_t run = 0;
	for (size_t j = 0; j < c->ncell; j++) {
		run += c->total[j].revenue;
		if (k && c->total[k - 1].date == c->total[j].date)
			k--;
		c->total[k++] = (struct cube_total){ c->total[j].date, 0, run };
	}
	c->ntotal = k;
	(void)ds;
	return 0;
}

int cube_build(struct dataset *ds)
{
	struct cube c;
	memset(&c, 0, sizeof(c));
	const struct ds_track **rows = malloc((ds->ntrack ? ds->ntrack : 1) * sizeof(*rows));
	if (!rows)
		return -1;
	for (size_t k = 0; k < ds->ntrack; k++)
		rows[k] = &ds->track[k];
	qsort(rows, ds->ntrack, sizeof(*rows), cmp_rows);
	int rc = build_cells(ds, rows, &c);
	free(rows);
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
	free(c->cell);
	free(c->cell_start);
	free(c->day);
	free(c->day_start);
	free(c->total);
	memset(c, 0, sizeof(*c));
}

size_t cube_first_day(const struct cube *c, int32_t i, int32_t from)
{
	size_t lo = c->day_start[i], hi = c->day_start[i + 1];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->day[mid].date < from)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t cube_first_cell(const struct cube *c, int32_t i, int32_t from)
{
	size_t lo = c->cell_start[i], hi = c->cell_start[i + 1];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->cell[mid].date < from)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
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
	size_t lo = 0, hi = c->ntotal;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->total[mid].date < d)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? c->total[lo - 1].revenue : 0;
}

int64_t cube_tracked(const struct cube *c, int32_t from, int32_t to)
{
	int64_t end = to == INT32_MAX ? (c->ntotal ? c->total[c->ntotal - 1].revenue : 0) : total_before(c, to + 1);
	return end - (from == INT32_MIN ? 0 : total_before(c, from));
}
