/* view_groups.h: the campaign, brand and product tables on the pages: the dashboard's panel, /campaigns, the drill-down. */
#ifndef VIEW_GROUPS_H
#define VIEW_GROUPS_H

#include "app.h"
#include "groups.h"
#include "tpl.h"

/* How a table is shown. */
struct group_view {
	enum groups_by by;
	const char *id;       /* the section's HTML id */
	const char *heading;
	size_t max;           /* rows shown, 0 = all (then no "all rows" link) */
	int chart;            /* with the ROAS bar chart */
	int sortable;         /* header links sort (/campaigns) */
	int links;            /* the links to /campaigns and the three CSVs */
};

/* Fills the groups.tpl include d with the table of the selection m.
 * Returns APP_OK or the status to answer. */
enum app_status view_groups(struct request *r, struct tpl_dict *d, const struct metrics *m, const struct filter *f,
			    const struct group_view *how);

#endif
