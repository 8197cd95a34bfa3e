/* grouptab.h: the campaign, brand and product tables declared once (table.h): CSV, pages, PDF and sorting walk them. */
#ifndef GROUPTAB_H
#define GROUPTAB_H

#include <stddef.h>

#include "groups.h"

struct table; /* table.h */

/* The declaration of one table: the name column (key campaign, brand or
 * product), then revenue, orders, spend, roas, incremental_roas,
 * influencers, first_date, last_date. Rows are struct grow; the context's
 * m gives the pool and the baseline. */
const struct table *grouptab_table(enum groups_by by);

struct table_rows; /* tables.h */
/* The table of one column for the selection as rows of its declaration
 * (ROAS descending), in the arena. Returns 0 or -1. */
int grouptab_rows(const struct metrics *m, enum groups_by by, struct arena *a, struct table_rows *out);

/* Orders the rows by the column with that key (NULL: ROAS), dir 1
 * ascending or -1 descending (0: the column's default: names ascending,
 * figures descending); ties by name. Returns 0, or -1 for an unknown key. */
int grouptab_sort(const struct metrics *m, struct groups *g, const char *key, int dir);
/* The direction a column sorts in first: 1 for names and dates, -1 for figures. */
int grouptab_default_dir(enum groups_by by, const char *key);

#endif
