/* page_campaigns.c: GET /campaigns?by=campaign|brand|product: every row of one group table, sortable, with the filters. */
#include "pages.h"
#include "selection.h"
#include "view.h"
#include "view_groups.h"

enum app_status page_campaigns(struct request *r)
{
	static const char *const title[GROUPS__MAX] = { "Campaigns", "Brands", "Products" };
	struct filter f;
	const struct dsview *v;
	struct metrics m;
	enum app_status st = selection_prepare_groups(r, &f, &v, &m, "");
	if (st != APP_OK)
		return st;
	int by = f.by ? groups_by_name(f.by) : GROUPS_CAMPAIGN;
	struct tpl_dict *d = tpl_new();
	if (!d)
		return APP_INTERNAL;
	view_layout(d, r, v, &f, title[by]);
	for (int k = 0; k < GROUPS__MAX; k++) {
		struct tpl_dict *tab = tpl_section(d, "TAB");
		struct filter g = f;
		struct buf q;
		g.by = k == GROUPS_CAMPAIGN ? NULL : groups_name[k];
		buf_init(&q, 1 << 20);
		filter_query(&g, 1u << FP_SORT | 1u << FP_DIR | 1u << FP_PAGE, &q);
		tpl_set(tab, "TAB_QUERY", buf_str(&q));
		buf_free(&q);
		tpl_set(tab, "TAB_LABEL", title[k]);
		if (k == by)
			tpl_show(tab, "TAB_CURRENT");
	}
	view_filter_form(tpl_include(d, "FILTERS", "filters.tpl"), v, &f);
	const struct group_view how = { (enum groups_by)by, "groups", title[by], 0, 0, 1, 1 };
	st = view_groups(r, tpl_include(d, "GROUPS", "groups.tpl"), &m, &f, &how);
	if (st == APP_OK)
		st = view_send(r, d, "campaigns.tpl");
	tpl_free(d);
	return st;
}
