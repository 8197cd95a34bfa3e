/* view.h: page pieces shared by the dashboard pages: layout, filter form, KPI cards, influencer rows. */
#ifndef VIEW_H
#define VIEW_H

#include "app.h"
#include "dscache.h"
#include "filter.h"
#include "metrics.h"
#include "tpl.h"

/* Fills the values every page shows: title, dataset version, links that
 * keep the filters (QUERY, EXPORT_QUERY), the header and footer includes. */
void view_layout(struct tpl_dict *d, const struct request *r, const struct dsview *v, const struct filter *f,
		 const char *title);

/* The filter form: one FILTER_<NAME> section per choice list with checked
 * state and counts; dates, baseline; active filter chips. */
void view_filter_form(struct tpl_dict *d, const struct dsview *v, const struct filter *f);

/* The KPI values of a selection; with prev (the previous period of the same
 * length) each KPI also shows its change. */
void view_kpis(struct tpl_dict *d, const struct metrics *m, const struct filter *f, const struct metrics *prev);

/* Sets key to the link of one influencer's page (/influencers/ID, the id
 * encoded to survive nginx: filter_segment_encode). */
void view_set_influencer_href(struct tpl_dict *d, const char *key, const char *id, int global);
/* One influencer row dictionary in section `section`, flagged BELOW under the baseline. */
void view_influencer_row(struct tpl_dict *d, const char *section, const struct metrics *m,
			 const struct infl_row *row, const struct filter *f);

/* One influencer table (table.tpl) included at name, with a caption. */
void view_table(struct tpl_dict *d, const char *name, const char *caption, const struct metrics *m,
		const struct infl_row *const *rows, size_t n, const struct filter *f);

/* Template values formatted as the screens show them: rupees and counts with
 * the digit grouping g (the settings': Indian unless NUMBER_FORMAT=western),
 * ratios with 2 decimals, percentages, and amounts that may be undefined; a
 * dash where a ratio is undefined. */
void view_set_money(struct tpl_dict *d, const char *key, double paise, enum settings_grouping g);
void view_set_money_ratio(struct tpl_dict *d, const char *key, struct ratio r, enum settings_grouping g);
void view_set_ratio(struct tpl_dict *d, const char *key, struct ratio r);
void view_set_count(struct tpl_dict *d, const char *key, int64_t v, enum settings_grouping g);
void view_set_percent(struct tpl_dict *d, const char *key, struct ratio r);

/* Expands the page template and sends it with status 200. */
enum app_status view_send(struct request *r, struct tpl_dict *d, const char *file);

#endif
