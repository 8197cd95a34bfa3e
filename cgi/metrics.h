/* metrics.h: the one aggregation core: every figure the pages and exports show. */
#ifndef METRICS_H
#define METRICS_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "dataset.h"
#include "filter.h"

/* A ratio that may be undefined (divisor 0). */
struct ratio {
	double v;
	int ok;
};

struct ratio ratio_div(double num, double den);

/* Filter values resolved to pool ids; a value absent from the data gets
 * UINT32_MAX, which matches nothing. An empty set means "all". */
struct idset {
	size_t n;
	uint32_t *id;
};

/* One influencer of the filtered set I. Money in paise; spend may be a
 * fraction of a paisa after allocation and is rounded only for display. */
struct infl_row {
	int32_t idx;                 /* index into dataset influencers */
	int32_t pay_last;            /* latest payout date or DS_NO_DATE */
	int64_t posts, reach, engagement;
	int64_t orders, revenue;
	int64_t all_orders;          /* orders in the date range without brand/product/campaign filters */
	double spend;                /* allocated when a brand/product/campaign filter is set */
	double share;                /* spend / base_spend: the orders share, 1 without allocation */
	double base_spend;           /* S_i: payouts in range (dated ones plus the spread pieces of undated
	                              * ones, plus unscheduled ones with no date bound), before allocation */
	int64_t dated;               /* dated payouts in range, paise */
	double expected;             /* owed for the activity in range: the influencer's rate x its orders
	                              * in range (x its posts for post basis), before allocation */
	int64_t pay_count, pay_orders;
	int64_t pay_rate;            /* rate of the latest payout row */
	unsigned pay_basis;          /* bit per enum ds_basis seen */
};

#define METRICS_STATUS_MAX 16   /* distinct payout statuses kept apart; the rest are "(other)" */
#define METRICS_STATUS_OTHER UINT32_MAX

/* Payouts in range of one status value. */
struct status_total {
	uint32_t status;             /* pool id, or METRICS_STATUS_OTHER */
	int64_t count;
	double paid;
};

/* An influencer's rows of T with one value of a column, summed. */
struct metrics_tpair {
	int32_t row;                 /* index in the metrics' rows */
	uint32_t key;                /* pool id of the value */
	int32_t first, last;         /* dates */
	int64_t orders, revenue;
};

struct metrics {
	const struct dataset *ds;
	double baseline;
	int allocates;               /* spend is allocated by orders share */
	int64_t revenue, orders;
	double spend, unallocated;
	double base_spend;
	int bounded;                 /* a from or to bound is set: unscheduled payouts do not count */
	double timed[SPREAD__MAX + 1]; /* spend of the view (allocated) by how it was timed: by orders,
	                                * by posts, unscheduled, and [SPREAD__MAX] by payout date */
	unsigned spreads;            /* bit per enum spread_method some influencer of I spreads undated payouts by */
	double unscheduled_out;      /* unscheduled payouts (allocated) left out because a date bound is set */
	int64_t tracked_revenue;     /* all tracked revenue matching brand/product/campaign/date, organic too */
	int64_t posts, reach, engagement;
	struct infl_row *row;        /* every influencer in I, dataset order */
	size_t nrow;
	double basis_total[BASIS__MAX]; /* base spend in range per basis */
	double basis_expected[BASIS__MAX]; /* expected per basis of the influencers' rates */
	struct status_total *status; /* when payouts.csv has a status column: per status, first seen first */
	size_t nstatus;
	double *status_paid;         /* nrow x nstatus: each row's payouts in range per status */
	int64_t basis_count[BASIS__MAX];
	const struct filter *filter;
	struct idset set[FP_MULTI_MAX];
	int32_t *rowof;              /* influencer index -> row index, -1 outside I */
	uint64_t *bpc_bits[3];       /* brand, product, campaign sets as bitmaps over pool ids; NULL = all */
	struct metrics_tpair *tpair; /* with a brand/product/campaign filter and the filter's group_by: T summed
	                              * per influencer (in row order) and value of column tpair_col (enum
	                              * cube_column), taken in the same pass; else NULL */
	size_t ntpair;
	int tpair_col;
	unsigned tcols;              /* with a brand/product/campaign filter: bit per enum cube_column whose
	                              * values decide T: an influencer's row is in T exactly when its value
	                              * of that column is in tbits[column] (and its date in range) */
	const uint64_t *tbits[3];
};

/* Computes every figure for the filter. Arrays live in the arena.
 * Returns 0, or -1 when the arena is exhausted. */
int metrics_compute(const struct dataset *ds, const struct filter *f, struct arena *a, struct metrics *m);

/* The row of influencer idx when it is in I, else NULL. */
static inline struct infl_row *metrics_row_of(const struct metrics *m, int32_t idx)
{
	return idx >= 0 && m->rowof[idx] >= 0 ? &m->row[m->rowof[idx]] : NULL;
}
/* True when a tracking row belongs to T (influencer in I, brand, product,
 * campaign and date match). */
int metrics_in_t(const struct metrics *m, const struct ds_track *t);
static inline int metrics_bit(const uint64_t *bits, uint32_t id)
{
	return !bits || (bits[id >> 6] >> (id & 63) & 1);
}

/* True when a tracking row's brand, product and campaign match the filter
 * (a bit test per column: this runs for every row of the date range). */
static inline int metrics_bpc(const struct metrics *m, const struct ds_track *t)
{
	return metrics_bit(m->bpc_bits[0], t->brand) && metrics_bit(m->bpc_bits[1], t->product) &&
	       metrics_bit(m->bpc_bits[2], t->campaign);
}
/* With a brand/product/campaign filter: the column (enum cube_column)
 * whose group cube gives T most cheaply among those that decide it
 * (tcols), or -1 when none does. */
int metrics_t_column(const struct metrics *m);
/* True when a day is inside the filter's date range. */
static inline int metrics_in_range(const struct metrics *m, int32_t day)
{
	const struct filter *f = m->filter;
	return (!f->has_from || day >= f->from) && (!f->has_to || day <= f->to);
}

/* The spend of part of row r's orders in range: S_i x part / orders in
 * range without brand/product/campaign filters (0 when those are 0),
 * computed exactly as a brand/product/campaign filter allocates it, so a
 * group of rows gets the very figure the KPIs show filtered to it. */
double metrics_allocate(const struct metrics *m, const struct infl_row *r, int64_t part);

/* Derived figures of the whole selection. */
struct ratio metrics_roas(const struct metrics *m);
struct ratio metrics_roi(const struct metrics *m);
struct ratio metrics_incremental_roas(const struct metrics *m);
double metrics_incremental_revenue(const struct metrics *m);
struct ratio metrics_cost_per_order(const struct metrics *m);
struct ratio metrics_aov(const struct metrics *m);
struct ratio metrics_engagement_rate(const struct metrics *m);
struct ratio metrics_influencer_share(const struct metrics *m);

/* The ranking of every table: ROAS descending with an undefined ROAS last,
 * then revenue descending. Returns <0 when a comes first, >0 when b does,
 * 0 on a tie (the caller breaks it by name or id). */
int metrics_cmp_roas_revenue(struct ratio ra, int64_t revenue_a, struct ratio rb, int64_t revenue_b);

/* Derived figures of one influencer. */
struct ratio row_roas(const struct infl_row *r);
/* ROAS minus the baseline ROAS of the selection. */
struct ratio row_incremental_roas(const struct metrics *m, const struct infl_row *r);
/* Expected minus paid (base spend): what is still owed, negative when overpaid. */
double row_payout_gap(const struct infl_row *r);
struct ratio row_cost_per_order(const struct infl_row *r);
struct ratio row_engagement_rate(const struct infl_row *r);

/* Orders the rows for top (best first) or bottom (worst first) lists: only
 * rows with spend > 0; returns how many were written to out (at most max),
 * out being an arena array of row pointers. */
size_t metrics_top(const struct metrics *m, int bottom, const struct infl_row **out, size_t max);

/* Pointers to every row, ROAS desc (undefined last), then revenue desc, then
 * id asc; an arena array of m->nrow entries, or NULL when out of memory. */
const struct infl_row **metrics_by_roas(const struct metrics *m, struct arena *a);

#endif
