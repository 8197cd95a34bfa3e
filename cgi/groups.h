/* groups.h: the campaign, brand and product tables: one row per value of T's column, spend allocated by orders share. */
#ifndef GROUPS_H
#define GROUPS_H

#include <stddef.h>
#include <stdint.h>

#include "metrics.h"

enum groups_by { GROUPS_CAMPAIGN, GROUPS_BRAND, GROUPS_PRODUCT, GROUPS__MAX };
extern const char *const groups_name[GROUPS__MAX];   /* "campaign", "brand", "product" */
extern const char *const groups_plural[GROUPS__MAX]; /* "campaigns", "brands", "products" */

/* One value of the column. Money in paise; spend exact (rounded only for
 * display): the sum over the value's rows in T of S_i x row orders /
 * orders_i(T without brand/product/campaign filters). */
struct grow {
	uint32_t key;              /* pool id; "" is shown as "(none)" */
	int64_t revenue, orders;
	double spend;
	int64_t influencers;       /* influencers of I with orders in this value's rows of T */
	int32_t first, last;       /* dates of its first and last row in T */
};

struct groups {
	enum groups_by by;
	struct grow *row;          /* ROAS desc (undefined last), revenue desc, name asc */
	size_t n;
	double without_orders;     /* S_i of the influencers of I with no orders in the date range */
};

/* The table of one column for the selection m (which needs the cube:
 * cube_build). A row's figures equal m's KPIs with that one value as the
 * column's filter. From the group cube when the column decides T (no
 * brand/product/campaign filter, or m->tcols has it), else from the sums
 * metrics took when m's filter had this column as group_by, else from the
 * rows of the range. Rows live in the arena.
 * Returns 0, or -1 when out of memory. */
int groups_compute(const struct metrics *m, enum groups_by by, struct arena *a, struct groups *out);

/* The column a page or export names ("campaign", "brand", "product"), or -1. */
int groups_by_name(const char *name);

struct ratio grow_roas(const struct grow *g);
struct ratio grow_incremental_roas(const struct grow *g, double baseline);
/* The value as shown: the text, "(none)" when empty. */
const char *groups_label(const struct metrics *m, uint32_t key);

/* The brands a campaign has rows of (any influencer, any date): "A",
 * "A, B", past three "A, B, C and 2 more"; in the arena. */
const char *groups_brands(const struct metrics *m, uint32_t campaign, struct arena *a);

#endif
