/* exportkit.h: what every download shares: file names that say what they hold, number cells. */
#ifndef EXPORTKIT_H
#define EXPORTKIT_H

#include "app.h"
#include "csvout.h"
#include "filter.h"
#include "metrics.h"

/* A download name that says what the file holds: what_param-value_from_to
 * plus ext, safe characters only; in the request's arena. */
const char *export_name(struct request *r, const char *what, const char *ext, const struct filter *f);
/* Money with 2 decimals, rounded half away from zero to the paisa. */
void money_cell(struct csvout *c, double paise);
/* A ratio with 4 decimals, empty when undefined. */
void ratio_cell(struct csvout *c, struct ratio r);
/* Money from a ratio (cost per order): 2 decimals, empty when undefined. */
void money_ratio_cell(struct csvout *c, struct ratio r);

#endif
