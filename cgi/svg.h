/* svg.h: the dashboard's charts drawn as SVG markup in C (no script; a <title> on every mark). */
#ifndef SVG_H
#define SVG_H

#include <stddef.h>

#include "buf.h"
#include "settings.h"
#include "trend.h"

/* Revenue and spend bars per period, ROAS and cumulative ROAS lines, the
 * baseline as a reference line; amounts with the digit grouping g.
 * Appends one <svg> element to out. */
int svg_trend(struct buf *out, const struct trend *t, double baseline, enum settings_grouping g);

/* One horizontal bar per item (a ROAS), the baseline marked; items below it
 * drawn as flagged. label[i] is text (escaped here). */
struct svg_bar {
	const char *label;
	double value;
	int defined;
};
int svg_bars(struct buf *out, const char *title, const struct svg_bar *bar, size_t n, double baseline);

/* A heat map: rows x cols cells coloured by value relative to the baseline
 * (below: warm, above: cool), with the value in each cell. */
struct svg_cell {
	double value;
	int defined;
	const char *tip;       /* text for the cell's <title> */
};
int svg_heatmap(struct buf *out, const char *title, const char *const *rows, size_t nrows,
		const char *const *cols, size_t ncols, const struct svg_cell *cells, double baseline);


#endif
