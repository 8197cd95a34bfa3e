/* tables.h: the declarations of every table and of the KPI list (see table.h for the walkers). */
#ifndef TABLES_H
#define TABLES_H

#include "arena.h"
#include "table.h"
#include "trend.h"

/* The key figures of a selection; the row is the struct metrics itself
 * (summary.csv lists it as key,value lines in this order). */
extern const struct table tables_kpis;
/* One row per influencer (struct infl_row), influencers.csv's columns. */
extern const struct table tables_influencers;
/* One row per persona (struct group, category x gender). */
extern const struct table tables_personas;
/* One row per period (struct trend_point); x->aux is the struct trend. */
extern const struct table tables_trend;
/* One row per post (struct ds_post). */
extern const struct table tables_posts;
/* Payout tracking per influencer (struct infl_row), without the columns per
 * status: see tables_payouts. */
extern const struct table tables_payouts_fixed;

/* Payout tracking with a paid_<status> column per payout status of m, the
 * columns in the arena. Returns 0, or -1 when out of memory. */
int tables_payouts(const struct metrics *m, struct arena *a, struct table *out);

/* The rows of a table for a selection, in the order every output lists
 * them: n row pointers in the arena. Each function returns 0, or -1 when
 * the arena is exhausted. */
struct table_rows {
	const void **p;
	size_t n;
};
/* Influencers of the selection, ROAS descending (metrics_by_roas). */
int tables_influencer_rows(const struct metrics *m, struct arena *a, struct table_rows *out);
/* Personas, ROAS descending (panels_group). */
int tables_persona_rows(const struct metrics *m, struct arena *a, struct table_rows *out);
/* Influencers with payouts or something expected, largest paid first (panels_paid). */
int tables_payout_rows(const struct metrics *m, struct arena *a, struct table_rows *out);
/* Posts of the selection in dataset order. */
int tables_post_rows(const struct metrics *m, struct arena *a, struct table_rows *out);
/* Periods of a trend, in order. */
int tables_trend_rows(const struct trend *t, struct arena *a, struct table_rows *out);

#endif
