/* pdf.h: the PDF insights report (GET /export/report.pdf) drawn with libharu. */
#ifndef PDF_H
#define PDF_H

#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "metrics.h"
#include "trend.h"

/* What the report shows; every pointer is borrowed for the call. Strings are
 * UTF-8 text, never markup: they are drawn as they are, shortened to fit. */
struct pdf_input {
	const struct metrics *m;      /* computed for the request's filter (m->filter) */
	const struct trend *trend;    /* may have n == 0 */
	const char *version;          /* dataset version, e.g. "000003" */
	const char *filters_text;     /* the filters in words, or "none (all data)" */
	const char *generated;        /* generation time, "YYYY-MM-DD HH:MM UTC" (also the PDF's creation date) */
	const char *font_path;        /* a TrueType font with the rupee sign (DejaVuSans.ttf) */
	const char *bold_font_path;   /* its bold face (DejaVuSans-Bold.ttf) */
};

/* Builds the report (A4 portrait: header, KPIs, ROAS trend chart, top and
 * bottom influencers, personas, best and worst campaigns, payouts by basis, assumptions; "Page i of n"
 * on every page) and appends the PDF bytes to out in one piece.
 * Scratch memory comes from the arena; libharu's own memory is always freed
 * before returning.
 * On success returns 0. On error (a libharu error such as an unreadable
 * font, the arena exhausted, out over its cap) returns -1, leaves out
 * unchanged and writes the reason, with the libharu error code when there is
 * one, to err. */
int pdf_report(const struct pdf_input *in, struct arena *a, struct buf *out, char *err, size_t errsz);

#endif
