/* dataset.h: one dataset version in memory: influencers, posts, tracking rows, payouts. */
#ifndef DATASET_H
#define DATASET_H

#include <stddef.h>
#include <stdint.h>

#include "cube.h"
#include "dsfile.h"
#include "spread.h"
#include "strpool.h"

struct importlog; /* importlog.h: where reading a version reports its errors */

#define DS_NO_DATE INT32_MIN   /* an undated payout */
#define DS_ORGANIC (-1)        /* a tracking row without an influencer */

enum ds_basis { BASIS_NONE, BASIS_POST, BASIS_ORDER, BASIS__MAX };
extern const char *const ds_basis_name[BASIS__MAX];

/* Strings are ids into the dataset's pool; money is in paise. */
struct ds_influencer {
	uint32_t id, name, category, gender, platform;
	int64_t followers;
};

struct ds_post {
	int32_t infl;       /* index into influencers */
	int32_t date;       /* days since 1970-01-01 */
	uint32_t platform, url, caption;
	int64_t reach, likes, comments;
};

struct ds_track {
	int32_t infl;       /* index into influencers, or DS_ORGANIC */
	int32_t date;
	uint32_t brand, source, product, campaign;
	uint32_t user;      /* id in texts */
	int64_t orders, revenue;
};

struct ds_payout {
	int32_t infl;
	int32_t date;       /* or DS_NO_DATE */
	int32_t basis;      /* enum ds_basis */
	uint32_t status;    /* the optional status column (paid, pending, ...), "" when absent */
	int64_t rate, orders, total;
};

struct dataset {
	struct strpool pool;   /* every looked-up value: ids, names, filters */
	struct strpool texts;  /* KIND_NOTE values, by id, never looked up */
	struct ds_influencer *infl;
	struct ds_post *post;
	struct ds_track *track;
	struct ds_payout *payout;
	size_t ninfl, npost, ntrack, npayout;
	int32_t first_date, last_date; /* over tracking, posts and dated payouts */
	int has_brand_column;
	int has_status_column; /* payouts.csv has a status column */
	char version[64];
	struct cube cube;   /* pre-aggregated tracking; cube.row_start == NULL when not built */
	struct spread_infl *spread; /* ninfl entries: activity totals and undated payouts by method */
	int32_t *post_day;          /* post dates of influencers spreading over posts (see spread.h) */
	size_t npost_day;
	void *map;          /* the compiled file the arrays point into, or NULL */
	size_t map_len;
};

/* Reads the four files (paths indexed by enum ds_file) and applies every rule
 * of the input format. On success returns 0 and a dataset the caller frees
 * with dataset_free; warnings go to rep. On any error returns -1, rep holds
 * the errors and *out is NULL. */
int dataset_read(const char *const path[DSF__MAX], struct dataset **out, struct importlog *rep);

struct colmap;
/* dataset_read, with the files read as cm says (date order, the user's
 * column mapping; NULL: the defaults). */
int dataset_read_with(const char *const path[DSF__MAX], const struct colmap *cm, struct dataset **out,
		      struct importlog *rep);

/* Frees a dataset (NULL is fine). */
void dataset_free(struct dataset *ds);

/* Index of the influencer with this exact id, or -1. */
int32_t dataset_find_influencer(const struct dataset *ds, const char *id);

#endif
