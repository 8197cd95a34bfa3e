/* cube.h: tracking rows ordered and summed for fast pages: rows grouped by influencer and date, running totals per influencer and day. */
#ifndef CUBE_H
#define CUBE_H

#include <stddef.h>
#include <stdint.h>

/* Running totals of one influencer up to and including a day. */
struct cube_day {
	int32_t date, pad;
	int64_t orders, revenue;
};

/* Running total of all tracked revenue (organic included) up to a day. */
struct cube_total {
	int32_t date, pad;
	int64_t revenue;
};

/* One (influencer, brand/product/campaign value) pair with its totals:
 * its days are date[day_start .. next pair's day_start), with running
 * totals in sum[] at the same indexes. */
struct cube_pair {
	uint32_t key;               /* pool id of the value */
	uint32_t day_start;
	int32_t first, last;        /* dates of its first and last row */
	int64_t orders, revenue;    /* all its rows */
};

struct cube_sum {
	int64_t orders, revenue;    /* running totals up to and including the day */
};

/* Running totals per influencer, value of one column and day: influencer
 * i's pairs are pair[pair_start[i] .. pair_start[i+1]); pair[npair] is a
 * sentinel whose day_start is nday. Dates apart from the sums, so a
 * binary search reads few cache lines. */
struct cube_group {
	uint32_t *pair_start;       /* ninfl + 1 entries */
	struct cube_pair *pair;     /* npair + 1 entries */
	int32_t *date;              /* nday entries */
	struct cube_sum *sum;       /* nday entries */
	size_t npair, nday;
};

/* A campaign and a brand it has rows of (the brand filter's column). */
struct cube_brand {
	uint32_t campaign, brand;   /* pool ids */
};

enum cube_column { CUBE_BRAND, CUBE_PRODUCT, CUBE_CAMPAIGN, CUBE__COLUMNS };

/* A (brand, product, campaign) combination of influencers' rows, pool ids
 * by enum cube_column. */
struct cube_triple {
	uint32_t v[CUBE__COLUMNS];
};

#define CUBE_TRIPLES_MAX 4096

/* cube_build orders the dataset's tracking rows by influencer (organic rows
 * last, at slot ninfl), then date: influencer i's rows are
 * track[row_start[i] .. row_start[i+1]). Its days are day[day_start[i] ..
 * day_start[i+1]). Arrays belong to the dataset (malloc'd or mapped). */
struct cube {
	uint32_t *row_start;        /* ninfl + 2 entries */
	struct cube_day *day;
	uint32_t *day_start;        /* ninfl + 1 entries */
	struct cube_total *total;
	size_t nday, ntotal;
	struct cube_group group[CUBE__COLUMNS]; /* by brand (the brand filter's column), product, campaign */
	struct cube_brand *campaign_brand; /* every (campaign, brand) of influencers' rows, by campaign id */
	size_t ncampaign_brand;
	const struct cube_triple *triple; /* every combination of influencers' rows, from cube_triples when the
	                                   * dataset was loaded (not in dataset.bin; its loader frees it); NULL
	                                   * when not made or there are more than CUBE_TRIPLES_MAX */
	size_t ntriple;
};

struct dataset;

/* Reorders ds->track (and the texts with it) and builds ds->cube. Returns 0,
 * or -1 when out of memory (the dataset is then only fit to be freed). */
int cube_build(struct dataset *ds);
/* Frees a cube built by cube_build. */
void cube_free(struct cube *c);

/* The distinct (brand, product, campaign) combinations of the influencers'
 * rows (organic ones left out), malloc'd, in *n; NULL with *n = 0 when
 * there are more than CUBE_TRIPLES_MAX or memory ran out. */
struct cube_triple *cube_triples(const struct dataset *ds, size_t *n);

/* Orders and revenue of influencer i with dates in [from, to]. */
void cube_span(const struct cube *c, int32_t i, int32_t from, int32_t to, int64_t *orders, int64_t *revenue);
/* All tracked revenue with dates in [from, to]. */
int64_t cube_tracked(const struct cube *c, int32_t from, int32_t to);
/* Index of influencer i's first tracking row dated on or after from. */
size_t cube_first_row(const struct dataset *ds, int32_t i, int32_t from);
/* Index of influencer i's first day entry dated on or after from. */
size_t cube_first_day(const struct cube *c, int32_t i, int32_t from);

/* First index in [lo, hi) of the ascending dates on or after d, without
 * branches on the data (the values are random to the predictor). */
static inline size_t cube_lower_day(const int32_t *date, size_t lo, size_t hi, int32_t d)
{
	size_t n = hi - lo;
	if (!n)
		return lo;
	while (n > 1) {
		size_t half = n / 2;
		lo = date[lo + half - 1] < d ? lo + half : lo;
		n -= half;
	}
	return lo + (date[lo] < d);
}

/* The days of pair x dated in [from, to]: group day indexes [*a, *b).
 * Returns 0 when there are none. */
static inline int cube_pair_days(const struct cube_group *g, const struct cube_pair *x, int32_t from, int32_t to,
				 size_t *a, size_t *b)
{
	if (x->last < from || x->first > to)
		return 0;
	size_t lo = x->day_start, hi = x[1].day_start;
	*a = x->first >= from ? lo : cube_lower_day(g->date, lo, hi, from);
	*b = x->last <= to ? hi : cube_lower_day(g->date, *a, hi, to + 1);
	return *a < *b;
}

/* Orders and revenue of pair x's days [a, b) (from cube_pair_days). */
static inline void cube_pair_sums(const struct cube_group *g, const struct cube_pair *x, size_t a, size_t b,
				  int64_t *orders, int64_t *revenue)
{
	size_t lo = x->day_start, hi = x[1].day_start;
	*orders = b == hi ? x->orders : g->sum[b - 1].orders;
	*revenue = b == hi ? x->revenue : g->sum[b - 1].revenue;
	if (a > lo) {
		*orders -= g->sum[a - 1].orders;
		*revenue -= g->sum[a - 1].revenue;
	}
}

#endif
