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

/* ROAS of a group, and minus the baseline ROAS of the selection. */
struct ratio group_roas(const struct group *g);
struct ratio group_incremental_roas(const struct metrics *m, const struct group *g);

/* Likes plus comments of a post, and that over its reach (undefined for reach 0). */
int64_t post_engagement(const struct ds_post *p);
struct ratio post_engagement_rate(const struct ds_post *p);

/* True when a post is in the selection: its influencer in I, its date in range. */
int panels_post_in(const struct metrics *m, const struct ds_post *p);

/* One post of the selection. */
struct post_ref {
	const struct ds_post *post;
	double rate;                 /* engagement / reach; -1 when reach is 0 */
};

/* The posts of one platform. */
struct post_platform {
	uint32_t platform;           /* pool id */
	int64_t posts, reach, engagement;
};

struct post_stats {
	int64_t posts, reach, likes, comments;
	struct post_ref *by_reach;   /* best first, up to max */
	size_t nby_reach;
	struct post_ref *by_rate;    /* best engagement rate first, reach > 0 */
	size_t nby_rate;
	struct post_platform *platform; /* first seen first, at most 64 */
	size_t nplatform;
};

/* Posts of influencers in I with the post date in range (brand filters do
 * not apply to posts). Keeps the best max by reach and by engagement rate.
 * Returns 0 or -1 when the arena is exhausted. */
int panels_posts(const struct metrics *m, size_t max, struct arena *a, struct post_stats *out);

/* The influencers of the selection with payouts in range or something
 * expected for their activity in range, largest total paid first (equals
 * in dataset order): the first max of them, an arena array with *n
 * entries, or NULL when out of memory; *all gets how many there are. */
const struct infl_row **panels_paid(const struct metrics *m, struct arena *a, size_t max, size_t *n, size_t *all);

/* "post", "order", "post and order" or "unspecified" for a set of basis bits. */
const char *payout_basis_text(unsigned bits);
/* A payout status for display: the value, "(none)" when empty, "(other)". */
const char *payout_status_text(const struct metrics *m, uint32_t status);

#endif
