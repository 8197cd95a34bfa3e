/* table.h: tables and the KPI list declared once (key, label, kind, reader); every output walks the declaration. */
#ifndef TABLE_H
#define TABLE_H

#include <stddef.h>

#include "csvout.h"
#include "metrics.h"
#include "tpl.h"

/* What a column holds, which decides its format in every output. */
enum table_kind {
	TABLE_MONEY,     /* paise: "1234.50" in CSV, "₹1,234.50" on screen, a rupee format in Excel */
	TABLE_RATIO,     /* 4 decimals in CSV, 2 on screen */
	TABLE_COUNT,     /* an integer */
	TABLE_PERCENT,   /* a fraction: 4 decimals in CSV, "12.5%" on screen, a percentage in Excel */
	TABLE_TEXT,      /* text from the data (escaped, formula-guarded in CSV) */
	TABLE_DATE,      /* a day number (val_days_from_civil): YYYY-MM-DD */
	TABLE_ID,        /* an identifier from the data: text, kept apart for widths and links */
	TABLE__MAX
};
extern const char *const table_kind_name[TABLE__MAX];

/* One value read from a row. Numbers (and day numbers) in v; ok = 0 when
 * undefined (a ratio with divisor 0, no date): empty in CSV, a dash on
 * screen, an empty cell in Excel. Text kinds in s (never NULL after a read). */
struct table_cell {
	double v;
	int ok;
	const char *s;
	char text[24];   /* room for a reader that builds its text (s = text) */
};

/* What a reader may need beside the row: the figures of the selection and
 * anything the table's caller adds (a trend, the dataset pool...). */
struct table_ctx {
	const struct metrics *m;
	const void *aux;
};

/* Fills out from row; arg is the column's own argument (for columns made at
 * run time, such as one per payout status). Never fails. */
typedef void (*table_read_fn)(const struct table_ctx *x, const void *row, int arg, struct table_cell *out);

struct table_column {
	const char *key;     /* the CSV header and the sort parameter */
	const char *label;   /* the header on screen, in the PDF and Excel */
	enum table_kind kind;
	table_read_fn read;
	int sortable;        /* the on-screen table may sort by it */
	const char *slot;    /* the template value a hand-written template shows it in, or NULL */
	int arg;
};

struct table {
	const char *name;    /* the export's name: influencers -> influencers.csv, the workbook's sheet */
	const char *title;   /* the sheet name and the PDF heading */
	const struct table_column *col;
	size_t ncol;
};

#define TABLE_NCOL(a) (sizeof(a) / sizeof((a)[0]))

/* Reads column c of row into out (s is "" for number kinds, v 0 for text). */
void table_read(const struct table_column *c, const struct table_ctx *x, const void *row, struct table_cell *out);

/* The column with that key, or NULL. */
const struct table_column *table_find(const struct table *t, const char *key);

/* A cell as text. screen = 1: as the pages show it (rupees and counts with
 * the digit grouping g, 2-decimal ratios, percentages, a dash when
 * undefined); screen = 0: as CSV holds it (plain decimals, money 2, ratios
 * and percentages 4, "" when undefined; g unused). out needs TABLE_TEXT_MAX bytes for number kinds; for text
 * kinds *out is set to the row's own string. */
#define TABLE_TEXT_MAX 48
const char *table_format(enum table_kind k, const struct table_cell *c, int screen, enum settings_grouping g,
			 char out[TABLE_TEXT_MAX]);

/* CSV: the header row (every key in order), and one row. */
void table_csv_header(struct csvout *c, const struct table *t);
void table_csv_row(struct csvout *c, const struct table *t, const struct table_ctx *x, const void *row);
/* CSV of a one-row table (the KPI list) as key,value lines, for summary.csv. */
void table_csv_pairs(struct csvout *c, const struct table *t, const struct table_ctx *x, const void *row);

/* HTML, for a hand-written template: sets each column's slot in d to its
 * screen text. */
void table_html_slots(struct tpl_dict *d, const struct table *t, const struct table_ctx *x, const void *row);

/* HTML, generic: includes datatable.tpl at name with the caption and a
 * header cell per column; returns the table's dictionary for
 * table_html_row (never NULL unless out of memory). */
struct tpl_dict *table_html_begin(struct tpl_dict *d, const char *name, const struct table *t, const char *caption);
void table_html_row(struct tpl_dict *td, const struct table *t, const struct table_ctx *x, const void *row);

/* Orders two rows by column c in direction dir (1 ascending, -1
 * descending): text by bytes, numbers by value, undefined values last in
 * either direction. 0 when equal (the caller breaks ties). */
int table_compare(const struct table_column *c, const struct table_ctx *x, const void *a, const void *b, int dir);

#endif
