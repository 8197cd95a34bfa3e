/* panels.h: the grouped views of one selection: personas, platforms, posts, payouts. */
#ifndef PANELS_H
#define PANELS_H

#include <stddef.h>
#include <stdint.h>

#include "metrics.h"

/* A group of influencers (a persona, a platform) with its money. */
struct group {
	uint32_t key1, key2;         /* pool ids; key2 = 0 when grouped by one key */
	int64_t count;               /* influencers */
	int64_t revenue, orders;
	double spend;
};

enum group_by { BY_PERSONA, BY_PLATFORM };

/* Groups the selection: personas (category x gender) and platforms from the
 * influencer rows (brands, products and campaigns: groups.h).
 * Ordered by ROAS desc (undefined last), then revenue desc, then keys.
 * Returns the number of groups and an arena array in *out, or -1. */
long panels_group(const struct metrics *m, enum group_by by, struct arena *a, struct group **out);

/* One post of the selection. */
struct post_ref {
	const struct ds_post *post;
	double rate;                 /* engagement / reach; -1 when reach is 0 */
};

struct post_stats {
	int64_t posts, reach, likes, comments;
	struct post_ref *by_reach;   /* best first, up to max */
	size_t nby_reach;
	struct post_ref *by_rate;    /* best engagement rate first, reach > 0 */
	size_t nby_rate;
	struct group *platform;      /* key1 = post platform; count = posts, revenue = reach, orders = engagement */
	size_t nplatform;
};

/* Posts of influencers in I with the post date in range (brand filters do
 * not apply to posts). Keeps the best max by reach and by engagement rate.
 * Returns 0 or -1 when the arena is exhausted. */
int panels_posts(const struct metrics *m, size_t max, struct arena *a, struct post_stats *out);

/* The influencers of the selection with payouts in range or something
 * expected for their activity in range, largest total paid first; an arena
 * array with *n entries, or NULL when out of memory. */
const struct infl_row **panels_paid(const struct metrics *m, struct arena *a, size_t *n);

/* "post", "order", "post and order" or "unspecified" for a set of basis bits. */
const char *payout_basis_text(unsigned bits);
/* A payout status for display: the value, "(none)" when empty, "(other)". */
const char *payout_status_text(const struct metrics *m, uint32_t status);

#endif
