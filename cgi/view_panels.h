/* view_panels.h: the dashboard's panels as template values: trend, influencer chart, personas, posts, payouts. */
#ifndef VIEW_PANELS_H
#define VIEW_PANELS_H

#include "app.h"
#include "metrics.h"
#include "tpl.h"

/* Each fills the include dictionary d; returns APP_OK or the status to answer. */
enum app_status panel_trend(struct request *r, struct tpl_dict *d, const struct metrics *m);
void panel_influencer_chart(struct request *r, struct tpl_dict *d, const struct metrics *m);
void panel_personas(struct request *r, struct tpl_dict *d, const struct metrics *m);
void panel_posts(struct request *r, struct tpl_dict *d, const struct metrics *m, size_t max);
/* Payouts per influencer, largest first, at most max rows, and totals per basis. */
void panel_payouts(struct request *r, struct tpl_dict *d, const struct metrics *m, size_t max);

#endif
