/* xlsx.h: the Excel workbook of a selection (libxlsxwriter): a sheet per declared table, typed cells, a trend chart. */
#ifndef XLSX_H
#define XLSX_H

#include <stddef.h>

#include "arena.h"
#include "metrics.h"
#include "trend.h"

struct xlsx_input {
	const struct metrics *m;
	const struct trend *t;
	const char *version;         /* dataset version */
	const char *filters_text;    /* the filters in words, "" for none */
	const char *generated;       /* when, in words (UTC) */
};

/* Writes the workbook to path (a file the caller made and removes; its
 * directory also takes libxlsxwriter's temporary files). Sheets: Summary,
 * Trend (with its charts), Influencers, Personas, Payouts, Posts, Campaigns,
 * Brands, Products; each table
 * sheet has the columns of its CSV in the same order. Arrays in a.
 * Returns 0, or -1 with err set (out of memory, a libxlsxwriter error). */
int xlsx_report(const struct xlsx_input *in, struct arena *a, const char *path, char *err, size_t errsz);

#endif
