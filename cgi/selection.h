/* selection.h: what every page and download starts from: the query parsed, the current dataset, the ETag check, the figures. */
#ifndef SELECTION_H
#define SELECTION_H

#include "app.h"
#include "dscache.h"
#include "filter.h"
#include "metrics.h"

/* Parses the query, finds the current dataset and answers 304 when the
 * client's ETag (dataset version and query) still holds. Returns APP_OK to
 * go on; else the status for the loop (APP_DONE after a 304; the reason set
 * on the request for an error). */
enum app_status selection_load(struct request *r, struct filter *f, const struct dsview **v);

/* selection_load plus the figures of the selection in m (arrays in the
 * request's arena). On failure returns the status for the loop. */
enum app_status selection_prepare(struct request *r, struct filter *f, const struct dsview **v, struct metrics *m);

/* selection_prepare for a page with a group table by column by (campaign,
 * brand, product; "" for the filter's `by`): metrics then sums T by it as
 * it scans, so the table costs no second pass. */
enum app_status selection_prepare_groups(struct request *r, struct filter *f, const struct dsview **v, struct metrics *m,
					 const char *by);

/* When the filter has a date range, computes the previous period of the same
 * length into prev and returns it; NULL otherwise or on failure. */
const struct metrics *selection_previous(struct request *r, const struct dsview *v, const struct filter *f,
					 struct metrics *prev);

#endif
