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
};

struct dataset;

/* Reorders ds->track (and the texts with it) and builds ds->cube. Returns 0,
 * or -1 when out of memory (the dataset is then only fit to be freed). */
int cube_build(struct dataset *ds);
/* Frees a cube built by cube_build. */
void cube_free(struct cube *c);

/* Orders and revenue of influencer i with dates in [from, to]. */
void cube_span(const struct cube *c, int32_t i, int32_t from, int32_t to, int64_t *orders, int64_t *revenue);
/* All tracked revenue with dates in [from, to]. */
int64_t cube_tracked(const struct cube *c, int32_t from, int32_t to);
/* Index of influencer i's first tracking row dated on or after from. */
size_t cube_first_row(const struct dataset *ds, int32_t i, int32_t from);
/* Index of influencer i's first day entry dated on or after from. */
size_t cube_first_day(const struct cube *c, int32_t i, int32_t from);

#endif
