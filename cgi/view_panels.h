/* view_panels.h: the dashboard's panels as template values: trend, influencer chart, personas, posts, payouts. */
#ifndef VIEW_PANELS_H
#define VIEW_PANELS_H

#include "app.h"
#include "metrics.h"
#include "tpl.h"

/* Each fills the include dictionary d; returns APP_OK or the status to answer. */
enum app_status view_panels_trend(struct request *r, struct tpl_dict *d, const struct metrics *m);
void view_panels_influencer_chart(struct request *r, struct tpl_dict *d, const struct metrics *m);
void view_panels_personas(struct request *r, struct tpl_dict *d, const struct metrics *m);
void view_panels_posts(struct request *r, struct tpl_dict *d, const struct metrics *m, size_t max);
/* Payouts per influencer, largest first, at most max rows, and totals per basis. */
void view_panels_payouts(struct request *r, struct tpl_dict *d, const struct metrics *m, size_t max);

#endif
