/* grouptab.h: the campaign, brand and product tables declared once (table.h): CSV, pages, PDF and sorting walk them. */
#ifndef GROUPTAB_H
#define GROUPTAB_H

#include <stddef.h>

#include "groups.h"

struct table; /* table.h; not included here, so pdf.c (whose drawing has its own struct table) can use the texts */

/* The declaration of one table: the name column (key campaign, brand or
 * product), then revenue, orders, spend, roas, incremental_roas,
 * influencers, first_date, last_date. Rows are struct grow; the context's
 * m gives the pool and the baseline. */
const struct table *grouptab_table(enum groups_by by);

/* Orders the rows by the column with that key (NULL: ROAS), dir 1
 * ascending or -1 descending (0: the column's default: names ascending,
 * figures descending); ties by name. Returns 0, or -1 for an unknown key. */
int grouptab_sort(const struct metrics *m, struct groups *g, const char *key, int dir);
/* The direction a column sorts in first: 1 for names and dates, -1 for figures. */
int grouptab_default_dir(enum groups_by by, const char *key);

/* For drawings that do not walk the declaration (the PDF): the number of
 * columns, a column's label, and a cell as the screens show it. */
#define GROUPTAB_TEXT_MAX 48
size_t grouptab_columns(enum groups_by by);
const char *grouptab_label(enum groups_by by, size_t col);
const char *grouptab_text(const struct metrics *m, enum groups_by by, const struct grow *row, size_t col,
			  char out[GROUPTAB_TEXT_MAX]);

#endif
