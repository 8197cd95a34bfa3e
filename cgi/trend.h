/* trend.h: revenue and spend per day, week or month of the selection, with cumulative ROAS. */
#ifndef TREND_H
#define TREND_H

#include <stddef.h>
#include <stdint.h>

#include "metrics.h"

#define TREND_MAX_PERIODS 1500

struct trend_point {
	int32_t start;       /* first day of the period */
	int64_t revenue;     /* paise */
	int64_t orders;
	double spend;        /* paise, allocated like the KPI spend: dated payouts by payout date,
	                      * spread pieces of undated ones by the date of their order or post */
	struct ratio roas;   /* revenue / spend of the period */
	struct ratio cumulative_roas; /* revenue / spend from the first period to this one */
};

struct trend {
	enum grain grain;    /* never GRAIN_AUTO */
	struct trend_point *p;
	size_t n;
};

/* The grain the spec picks for a range: day up to 31 days, week up to 26
 * weeks, month beyond. */
enum grain trend_default_grain(int32_t first, int32_t last);
/* First day of the period holding day (ISO weeks start on Monday). */
int32_t trend_period_start(enum grain g, int32_t day);
/* Label of a period: YYYY-MM-DD, or YYYY-MM for months (out has 11 bytes). */
void trend_label(enum grain g, int32_t start, char out[11]);

/* Buckets the selection of m from the filter's range (or the data's) into
 * periods. Returns 0, or -1 with err set (too many periods, out of memory). */
int trend_compute(const struct metrics *m, struct arena *a, struct trend *t, char *err, size_t errsz);

#endif
