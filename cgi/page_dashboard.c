/* page_dashboard.c: GET /: KPIs with period comparison, campaigns, trend, top and bottom influencers, personas, posts, payouts. */
#include <string.h>

#include "pages.h"
#include "role.h"
#include "selection.h"
#include "store.h"
#include "view.h"
#include "view_groups.h"
#include "view_panels.h"

#define TOP_N 10
#define CAMPAIGNS_SHOWN 20

static void top_lists(struct tpl_dict *d, struct request *r, const struct metrics *m, const struct filter *f)
{
	const struct infl_row **rows = arena_calloc(r->arena, TOP_N, sizeof(*rows));
	if (!rows)
		return;
	size_t n = metrics_top(m, 0, rows, TOP_N);
	view_table(d, "TOP", "Top 10 influencers by ROAS (spend > 0)", m, rows, n, f);
	n = metrics_top(m, 1, rows, TOP_N);
	view_table(d, "BOTTOM", "Bottom 10 influencers by ROAS (spend > 0)", m, rows, n, f);
}

/* After an upload or a rollback the dashboard names the version now active,
 * when it is the one shown; who uploaded it and its warnings are for editors. */
static void notice(struct tpl_dict *d, struct request *r, const char *shown)
{
	const char *what = "uploaded";
	const char *v = filter_form_value(r->arena, r->query, what);
	if (!v) {
		what = "made current again";
		v = filter_form_value(r->arena, r->query, "activated");
	}
	struct store_info info;
	if (!v || strcmp(v, shown) != 0 || store_info(r->cfg->uploads, v, &info) < 0)
		return;
	struct tpl_dict *n = tpl_section(d, "NOTICE");
	tpl_set(n, "NOTICE_VERSION", info.version);
	tpl_set(n, "NOTICE_WHAT", what);
	tpl_setf(n, "NOTICE_ROWS", "%ld influencers, %ld posts, %ld tracking rows, %ld payouts", info.rows[0],
		 info.rows[1], info.rows[2], info.rows[3]);
	if (!role_is_editor(r->role))
		return;
	tpl_set(tpl_section(n, "NOTICE_BY"), "NOTICE_USER", info.user);
	for (char *w = info.warnings, *nl; (nl = strchr(w, '\n')) != NULL; w = nl + 1) {
		*nl = '\0';
		tpl_set(tpl_section(n, "NOTICE_WARNING"), "TEXT", w);
	}
}

enum app_status page_dashboard(struct request *r)
{
	struct filter f;
	const struct dsview *v;
	struct metrics m, prev;
	enum app_status st = selection_prepare_groups(r, &f, &v, &m, "campaign");
	if (st != APP_OK)
		return st;
	struct tpl_dict *d = tpl_new();
	if (!d)
		return APP_INTERNAL;
	view_layout(d, r, v, &f, "Influencer ROI");
	notice(d, r, v->version);
	view_filter_form(tpl_include(d, "FILTERS", "filters.tpl"), v, &f);
	view_kpis(tpl_include(d, "KPIS", "kpis.tpl"), &m, &f, selection_previous(r, v, &f, &prev));
	const struct group_view campaigns = { GROUPS_CAMPAIGN, "campaigns", "Campaigns", CAMPAIGNS_SHOWN, 1, 0, 1 };
	st = view_groups(r, tpl_include(d, "CAMPAIGNS", "groups.tpl"), &m, &f, &campaigns);
	if (st == APP_OK)
		st = view_panels_trend(r, tpl_include(d, "TREND", "trend.tpl"), &m);
	if (st != APP_OK) {
		tpl_free(d);
		return st;
	}
	top_lists(d, r, &m, &f);
	view_panels_influencer_chart(r, d, &m);
	view_panels_personas(r, tpl_include(d, "PERSONAS", "personas.tpl"), &m);
	view_panels_posts(r, tpl_include(d, "POSTS", "posts.tpl"), &m, 10);
	view_panels_payouts(r, tpl_include(d, "PAYOUTS", "payouts.tpl"), &m, 25);
	if (m.nrow == 0)
		tpl_show(d, "EMPTY");
	st = view_send(r, d, "dashboard.tpl");
	tpl_free(d);
	return st;
}
