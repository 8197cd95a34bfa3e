/* svg.c: the dashboard's charts drawn as SVG markup in C (no script; a <title> on every mark). */
#include "svg.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "axis.h"
#include "escape.h"
#include "fmt.h"

/* Plot geometry shared by the charts. */
struct frame {
	double x0, y0, w, h;   /* plot area */
	double lo, hi;         /* left axis range */
};

static double ymap(const struct frame *f, double lo, double hi, double v)
{
	return f->y0 + f->h - (v - lo) / (hi - lo) * f->h;
}

/* Appends before, then v as "%.1f" (fmt_fixed: no printf per number). */
static void num(struct buf *o, const char *before, double v)
{
	char s[FMT_MAX];
	int n = fmt_fixed(v, 1, s, sizeof(s));
	buf_puts(o, before);
	if (n >= 0 && (size_t)n < sizeof(s))
		buf_append(o, s, (size_t)n);
	else
		buf_printf(o, "%.1f", v);
}

/* Appends s to the text of out (size bytes, *at used), cut where snprintf
 * would cut it: a title made of pieces equals its snprintf of "%s%s...". */
static void cat(char *out, size_t size, size_t *at, const char *s)
{
	size_t n = strlen(s);
	if (n > size - 1 - *at)
		n = size - 1 - *at;
	memcpy(out + *at, s, n);
	*at += n;
	out[*at] = '\0';
}

static void text(struct buf *o, double x, double y, const char *cls, const char *anchor, const char *s)
{
	num(o, "<text x=\"", x);
	num(o, "\" y=\"", y);
	buf_puts(o, "\" class=\"");
	buf_puts(o, cls);
	buf_puts(o, "\" text-anchor=\"");
	buf_puts(o, anchor);
	buf_puts(o, "\">");
	esc_html(o, s);
	buf_puts(o, "</text>");
}

/* Opens a <title> child; the caller appends the escaped text and closes it. */
static void title(struct buf *o, const char *s)
{
	buf_puts(o, "<title>");
	esc_html(o, s);
	buf_puts(o, "</title>");
}

/* The money axis on the left with round ticks and grid lines. */
static void money_axis(struct buf *o, struct frame *f, enum settings_grouping g)
{
	double t[16];
	size_t n = axis_ticks(f->lo, f->hi, t, 6);
	f->lo = t[0] < f->lo ? t[0] : f->lo;
	f->hi = t[n - 1] > f->hi ? t[n - 1] : f->hi;
	for (size_t i = 0; i < n; i++) {
		char s[FMT_MAX];
		double y = ymap(f, f->lo, f->hi, t[i]);
		fmt_inr(t[i], g, s);
		buf_printf(o, "<line class=\"grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>", f->x0,
			   f->x0 + f->w, y, y);
		text(o, f->x0 - 6, y + 4, "tick", "end", s);
	}
}

/* The ROAS axis on the right; returns its upper bound. */
static double ratio_axis(struct buf *o, const struct frame *f, double hi)
{
	double t[16];
	size_t n = axis_ticks(0, hi, t, 6);
	double top = t[n - 1] > hi ? t[n - 1] : hi;
	for (size_t i = 0; i < n; i++) {
		char s[FMT_MAX];
		snprintf(s, sizeof(s), "%.1f", t[i]);
		text(o, f->x0 + f->w + 6, ymap(f, 0, top, t[i]) + 4, "tick", "start", s);
	}
	text(o, f->x0 + f->w + 6, f->y0 - 8, "axis-name", "start", "ROAS");
	return top;
}

/* One polyline per run of defined points, a titled dot on each. */
static void ratio_line(struct buf *o, const struct frame *f, const struct trend *t, const double *v, const int *ok,
		       double top, const char *cls, const char *name)
{
	double band = f->w / (double)t->n;
	int open = 0;
	for (size_t i = 0; i <= t->n; i++) {
		int here = i < t->n && ok[i];
		if (here && !open) {
			buf_printf(o, "<polyline class=\"%s\" points=\"", cls);
			open = 1;
		}
		if (here) {
			num(o, "", f->x0 + band * ((double)i + 0.5));
			num(o, ",", ymap(f, 0, top, v[i]));
			buf_putc(o, ' ');
		}
		if (!here && open) {
			buf_puts(o, "\"/>");
			open = 0;
		}
	}
	for (size_t i = 0; i < t->n; i++) {
		if (!ok[i])
			continue;
		char label[11], s[96], value[400];
		trend_label(t->grain, t->p[i].start, label);
		fmt_fixed(v[i], 2, value, sizeof(value)); /* "%.2f" */
		size_t at = 0;
		cat(s, sizeof(s), &at, label);
		cat(s, sizeof(s), &at, " ");
		cat(s, sizeof(s), &at, name);
		cat(s, sizeof(s), &at, ": ");
		cat(s, sizeof(s), &at, value);
		buf_puts(o, "<circle class=\"");
		buf_puts(o, cls);
		num(o, "-dot\" r=\"3\" cx=\"", f->x0 + band * ((double)i + 0.5));
		num(o, "\" cy=\"", ymap(f, 0, top, v[i]));
		buf_puts(o, "\">");
		title(o, s);
		buf_puts(o, "</circle>");
	}
}

static void bar(struct buf *o, const struct frame *f, double x, double w, double v, const char *cls, const char *tip)
{
	double y0 = ymap(f, f->lo, f->hi, 0), y1 = ymap(f, f->lo, f->hi, v);
	buf_puts(o, "<rect class=\"");
	buf_puts(o, cls);
	num(o, "\" x=\"", x);
	num(o, "\" y=\"", y1 < y0 ? y1 : y0);
	num(o, "\" width=\"", w);
	num(o, "\" height=\"", fabs(y0 - y1));
	buf_puts(o, "\">");
	title(o, tip);
	buf_puts(o, "</rect>");
}

static void legend(struct buf *o, double x, double y)
{
	static const struct {
		const char *cls, *name;
	} item[] = { { "bar-rev", "Revenue" }, { "bar-spend", "Spend" }, { "line-roas", "ROAS" },
		     { "line-cum", "Cumulative ROAS" }, { "baseline", "Baseline" } };
	for (size_t i = 0; i < sizeof(item) / sizeof(item[0]); i++, x += 140) {
		if (i < 2)
			buf_printf(o, "<rect class=\"%s\" x=\"%.0f\" y=\"%.0f\" width=\"12\" height=\"12\"/>", item[i].cls, x, y - 10);
		else
			buf_printf(o, "<line class=\"%s\" x1=\"%.0f\" x2=\"%.0f\" y1=\"%.0f\" y2=\"%.0f\"/>", item[i].cls, x,
				   x + 14, y - 4, y - 4);
		text(o, x + 18, y, "legend", "start", item[i].name);
	}
}

int svg_trend(struct buf *o, const struct trend *t, double baseline, enum settings_grouping g)
{
	const double W = 960, H = 340;
	struct frame f = { 90, 40, W - 90 - 60, H - 40 - 50, 0, 0 };
	double roas[TREND_MAX_PERIODS], cum[TREND_MAX_PERIODS];
	int ok[TREND_MAX_PERIODS], cok[TREND_MAX_PERIODS];
	double rmax = baseline;
	for (size_t i = 0; i < t->n; i++) {
		const struct trend_point *p = &t->p[i];
		double hi = (double)p->revenue > p->spend ? (double)p->revenue : p->spend;
		f.hi = hi > f.hi ? hi : f.hi;
		f.lo = (double)p->revenue < f.lo ? (double)p->revenue : f.lo;
		ok[i] = p->roas.ok;
		roas[i] = p->roas.v;
		cok[i] = p->cumulative_roas.ok;
		cum[i] = p->cumulative_roas.v;
		rmax = ok[i] && roas[i] > rmax ? roas[i] : rmax;
		rmax = cok[i] && cum[i] > rmax ? cum[i] : rmax;
	}
	if (f.hi <= f.lo)
		f.hi = f.lo + 100;
	buf_printf(o, "<svg class=\"chart trend\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-labelledby=\"trend-title\" "
		      "xmlns=\"http://www.w3.org/2000/svg\"><title id=\"trend-title\">Revenue and spend per %s with ROAS, "
		      "cumulative ROAS and the baseline ROAS %.2f; the same numbers are in the table below</title>",
		   W, H, grain_name[t->grain], baseline);
	legend(o, f.x0, 18);
	money_axis(o, &f, g);
	double top = ratio_axis(o, &f, rmax * 1.1 > 0 ? rmax * 1.1 : 1);
	double band = t->n ? f.w / (double)t->n : f.w, bw = band * 0.4;
	size_t every = t->n / 12 + 1;
	for (size_t i = 0; i < t->n; i++) {
		const struct trend_point *p = &t->p[i];
		char label[11], money[FMT_MAX], tip[128];
		double x = f.x0 + band * (double)i;
		trend_label(t->grain, p->start, label);
		fmt_inr((double)p->revenue, g, money);
		snprintf(tip, sizeof(tip), "%s revenue %s", label, money);
		bar(o, &f, x + band * 0.1, bw, (double)p->revenue, "bar-rev", tip);
		fmt_inr(p->spend, g, money);
		snprintf(tip, sizeof(tip), "%s spend %s", label, money);
		bar(o, &f, x + band * 0.5, bw, p->spend, "bar-spend", tip);
		if (i % every == 0)
			text(o, x + band / 2, f.y0 + f.h + 18, "tick", "middle", label);
	}
	double by = ymap(&f, 0, top, baseline);
	buf_printf(o, "<line class=\"baseline\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\">", f.x0, f.x0 + f.w, by, by);
	char s[64];
	snprintf(s, sizeof(s), "baseline ROAS %.2f", baseline);
	title(o, s);
	buf_puts(o, "</line>");
	ratio_line(o, &f, t, roas, ok, top, "line-roas", "ROAS");
	ratio_line(o, &f, t, cum, cok, top, "line-cum", "cumulative ROAS");
	buf_printf(o, "<line class=\"axis\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>", f.x0, f.x0 + f.w,
		   ymap(&f, f.lo, f.hi, 0), ymap(&f, f.lo, f.hi, 0));
	return buf_puts(o, "</svg>");
}

int svg_bars(struct buf *o, const char *name, const struct svg_bar *bar, size_t n, double baseline)
{
	const double W = 620, row = 26, left = 210, right = 50;
	double H = 40 + row * (double)(n ? n : 1) + 30, max = baseline;
	for (size_t i = 0; i < n; i++)
		if (bar[i].defined && bar[i].value > max)
			max = bar[i].value;
	double t[16];
	size_t nt = axis_ticks(0, max > 0 ? max : 1, t, 6);
	double top = t[nt - 1], plot = W - left - right;
	buf_printf(o, "<svg class=\"chart bars\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">",
		   W, H);
	title(o, name);
	for (size_t i = 0; i < nt; i++) {
		char s[32];
		double x = left + t[i] / top * plot;
		snprintf(s, sizeof(s), "%.1f", t[i]);
		buf_printf(o, "<line class=\"grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\"30\" y2=\"%.1f\"/>", x, x, H - 25);
		text(o, x, H - 8, "tick", "middle", s);
	}
	for (size_t i = 0; i < n; i++) {
		double y = 36 + row * (double)i, v = bar[i].defined ? bar[i].value : 0;
		char tip[320];
		int below = bar[i].defined && v < baseline;
		text(o, left - 8, y + row * 0.55, "label", "end", bar[i].label);
		char value[400];
		fmt_fixed(v, 2, value, sizeof(value)); /* "%.2f" */
		size_t at = 0;
		cat(tip, sizeof(tip), &at, bar[i].label);
		cat(tip, sizeof(tip), &at, ": ROAS ");
		cat(tip, sizeof(tip), &at, value);
		cat(tip, sizeof(tip), &at, below ? " (below the baseline)" : "");
		buf_puts(o, "<rect class=\"");
		buf_puts(o, below ? "bar-below" : "bar-rev");
		num(o, "\" x=\"", left);
		num(o, "\" y=\"", y);
		num(o, "\" width=\"", v > 0 ? v / top * plot : 0);
		num(o, "\" height=\"", row * 0.7);
		buf_puts(o, "\">");
		title(o, tip);
		buf_puts(o, "</rect>");
		text(o, left + (v > 0 ? v / top * plot : 0) + 6, y + row * 0.55, "value", "start", value);
	}
	double bx = left + baseline / top * plot;
	buf_printf(o, "<line class=\"baseline\" x1=\"%.1f\" x2=\"%.1f\" y1=\"30\" y2=\"%.1f\">", bx, bx, H - 25);
	char s[64];
	snprintf(s, sizeof(s), "baseline ROAS %.2f", baseline);
	title(o, s);
	buf_puts(o, "</line>");
	return buf_puts(o, "</svg>");
}

/* Cell colour class: 5 steps from far below to far above the baseline. */
static const char *heat_class(double v, int defined, double baseline)
{
	if (!defined)
		return "heat-none";
	double r = baseline > 0 ? v / baseline : v + 1;
	return r < 0.75 ? "heat-0" : r < 1 ? "heat-1" : r < 1.5 ? "heat-2" : r < 2.5 ? "heat-3" : "heat-4";
}

int svg_heatmap(struct buf *o, const char *name, const char *const *rows, size_t nrows, const char *const *cols,
		size_t ncols, const struct svg_cell *cell, double baseline)
{
	const double left = 170, top = 40, cw = 120, ch = 40;
	double W = left + cw * (double)ncols + 10, H = top + ch * (double)nrows + 10;
	buf_printf(o, "<svg class=\"chart heat\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">",
		   W, H);
	title(o, name);
	for (size_t c = 0; c < ncols; c++)
		text(o, left + cw * ((double)c + 0.5), top - 12, "label", "middle", cols[c]);
	for (size_t r = 0; r < nrows; r++) {
		text(o, left - 8, top + ch * ((double)r + 0.6), "label", "end", rows[r]);
		for (size_t c = 0; c < ncols; c++) {
			const struct svg_cell *x = &cell[r * ncols + c];
			char v[FMT_MAX];
			fmt_ratio2(x->value, x->defined, v);
			buf_printf(o, "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">",
				   heat_class(x->value, x->defined, baseline), left + cw * (double)c + 1, top + ch * (double)r + 1,
				   cw - 2, ch - 2);
			title(o, x->tip ? x->tip : v);
			buf_puts(o, "</rect>");
			text(o, left + cw * ((double)c + 0.5), top + ch * ((double)r + 0.62), "cell", "middle", v);
		}
	}
	return buf_puts(o, "</svg>");
}
