/* filter.h: the query parameters of every page, validated strictly, and their canonical form. */
#ifndef FILTER_H
#define FILTER_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"
#include "settings.h"

/* Every accepted parameter, in canonical URL order. */
enum fparam {
	FP_PLATFORM, FP_GENDER, FP_CATEGORY, FP_BRAND, FP_PRODUCT, FP_CAMPAIGN,
	FP_FROM, FP_TO, FP_INFLUENCER, FP_BASELINE, FP_GRAIN, FP_SORT, FP_DIR, FP_PAGE, FP_BY,
	FP__MAX
};
#define FP_MULTI_MAX (FP_CAMPAIGN + 1)   /* the repeatable ones come first */

extern const char *const fparam_name[FP__MAX];

enum grain { GRAIN_AUTO, GRAIN_DAY, GRAIN_WEEK, GRAIN_MONTH, GRAIN__MAX };
extern const char *const grain_name[GRAIN__MAX];

#define FILTER_MAX_PAIRS 1000
#define FILTER_MAX_VALUE 200
#define FILTER_MAX_VALUES 100   /* distinct values of one repeatable parameter */

struct fvalues {
	size_t n;
	const char **v;      /* decoded values in arena memory, duplicates removed */
};

struct filter {
	struct fvalues multi[FP_MULTI_MAX];
	int has_from, has_to;
	int32_t from, to;            /* days since 1970-01-01, inclusive */
	const char *influencer;      /* NULL = all */
	double baseline;             /* default default_baseline */
	const char *baseline_text;   /* as given, NULL when default */
	enum grain grain;
	const char *sort;            /* NULL = page default; checked by the page */
	int dir;                     /* 0 = page default, 1 = asc, -1 = desc */
	long page;                   /* 1-based, default 1 */
	const char *by;              /* /campaigns: campaign, brand or product; NULL = campaign */
	const char *group_by;        /* not a parameter: set by a page showing that group table (campaign,
	                              * brand, product), so metrics sums T by it in its own pass; NULL = none */
	double default_baseline;     /* not a parameter: the settings' baseline, when the URL gives none */
	enum settings_grouping grouping; /* not a parameter: the settings' digit grouping for what is shown */
};

/* Parses a raw query string (may be NULL) into f, with strings in the arena,
 * under the program's settings set (the default baseline, the digit grouping).
 * Unknown parameter names are ignored; empty values mean "absent".
 * Returns 0, or -1 with err naming the parameter and the reason. */
int filter_parse_with(const char *query, const struct settings *set, struct arena *a, struct filter *f, char *err,
		      size_t errsz);
/* filter_parse_with under settings_defaults (tools and tests). */
int filter_parse(const char *query, struct arena *a, struct filter *f, char *err, size_t errsz);

/* True when a brand, product or campaign filter is set (spend is allocated). */
int filter_allocates(const struct filter *f);

/* Appends the canonical query string (stable order, defaults omitted, no
 * leading '?') to out, leaving out the parameters whose bit is set in skip. */
void filter_query(const struct filter *f, unsigned skip, struct buf *out);

/* The decoded value of the first name=value pair in an urlencoded string,
 * in the arena; NULL when absent or badly encoded. */
const char *filter_form_value(struct arena *a, const char *encoded, const char *name);

/* Appends the filters in words ("platform Instagram or YouTube; from
 * 2025-01-01 to 2025-03-31; baseline ROAS 1.5"), or "none (all data)". */
void filter_describe(const struct filter *f, struct buf *out);

/* Appends a query value percent-encoded. */
void filter_url_encode(struct buf *out, const char *s);
/* Appends s as one path segment of a link (an influencer id). nginx
 * percent-decodes a path once, then resolves "." and ".." and merges
 * slashes before it routes, so '/' and '%' (and the dots of a segment of
 * dots only) are encoded twice, anything else as filter_url_encode does:
 * the id "../upload" becomes "..%252Fupload", which reaches the program as
 * "..%2Fupload". */
void filter_segment_encode(struct buf *out, const char *s);
/* The segment as the program gets it from nginx, decoded once more ('+'
 * stays '+'), in the arena; NULL when its encoding is broken. */
const char *filter_segment_decode(struct arena *a, const char *s);

#endif
