/* spread.h: when an undated payout is spend: each influencer's activity totals and undated payouts by how they spread. */
#ifndef SPREAD_H
#define SPREAD_H

#include <stdint.h>

struct dataset;

/* How an undated payout becomes spend: spread over the influencer's
 * tracking orders, over its posts, or unscheduled (neither exists: it counts
 * only when no date bound is set). */
enum spread_method { SPREAD_ORDERS, SPREAD_POSTS, SPREAD_UNSCHEDULED, SPREAD__MAX };
extern const char *const spread_method_name[SPREAD__MAX];

/* One influencer: all its tracking orders and posts (every date, brand,
 * product and campaign) and its undated payouts (paise) by method. */
struct spread_infl {
	int64_t orders, posts;
	int64_t undated[SPREAD__MAX];
	int64_t rate;        /* of the latest dated payout row, else of the last undated one */
	int32_t rate_basis;  /* that row's enum ds_basis */
	int32_t rate_date;   /* that row's date, DS_NO_DATE when undated or no payout */
	uint32_t post_at, post_n; /* when it spreads over posts: its post dates, ascending, are
	                           * ds->post_day[post_at .. post_at + post_n) */
};

/* The method of an undated payout of basis (enum ds_basis): order basis and
 * no basis spread over orders, post basis over posts; the other activity
 * when that one is empty; unscheduled when both are. */
enum spread_method spread_method_of(int basis, const struct spread_infl *s);

/* Builds ds->spread (ninfl entries) and ds->post_day (malloc'd). Returns 0,
 * or -1 when out of memory. */
int spread_build(struct dataset *ds);

/* Base spend of one influencer in a date range, exactly: dated paise in the
 * range, plus undated[ORDERS] x orders / s->orders, plus undated[POSTS] x
 * posts / s->posts (orders and posts: its activity in the range), plus the
 * unscheduled amount when with_unscheduled. *base gets it; *spend gets it
 * times part / whole (the orders share; whole 0 gives 0; part = whole = 1
 * for no allocation). Each is rounded once, from the exact fraction, when
 * the numbers fit 128 bits (they do unless amounts reach trillions of rupees
 * with millions of orders), else computed in long double. */
void spread_base(int64_t dated, const struct spread_infl *s, int64_t orders, int64_t posts, int with_unscheduled,
		 int64_t part, int64_t whole, double *base, double *spend);

/* total x part / whole in paise, rounded once (0 when whole is 0). */
double spread_piece(int64_t total, int64_t part, int64_t whole);

#endif
