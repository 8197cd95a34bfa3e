/* pdf.c: the PDF insights report drawn with libharu. */
#include "pdf.h"

#include "pdfdraw.h"

#include <hpdf.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "axis.h"
#include "fmt.h"
#include "grouptab.h"
#include "panels.h"
#include "tables.h"

#define KPI_H 40.0
#define TOP_N 5
#define PERSONA_MAX 25

/* ---- header and key figures ---- */

static void header(struct pd_doc *d)
{
	const struct pdf_input *in = d->in;
	const struct pd_style title = { 1, 20, PD_C_FG, PD_LEFT, PD_WIDTH }, meta = { 0, 9, PD_C_MUTED, PD_LEFT, PD_WIDTH };
	char s[PD_TEXT_MAX];
	pd_put(d, &title, PD_MARGIN, d->y - 20, "Influencer ROI report");
	d->y -= 32;
	snprintf(s, sizeof(s), "Dataset version %.200s", in->version ? in->version : "");
	pd_line(d, &meta, 0, s);
	snprintf(s, sizeof(s), "Generated %.200s", in->generated ? in->generated : "");
	pd_line(d, &meta, 0, s);
	snprintf(s, sizeof(s), "Filters: %s", in->filters_text && *in->filters_text ? in->filters_text : "none (all data)");
	pd_wrap(d, &meta, 0, s, 3);
	d->y -= 4;
	pd_pen(d->page, PD_C_LINE, 1, 0);
	pd_segment(d->page, PD_MARGIN, d->y, PD_MARGIN + PD_WIDTH, d->y);
}

struct kpi { const char *label; char value[FMT_MAX], sub[128]; int bad; };

static struct kpi *kpi_add(struct kpi *k, size_t *n, const char *label)
{
	k[*n].label = label;
	return &k[(*n)++];
}

/* The note under one key figure, by its key in the KPI declaration. */
static void kpi_note(const struct metrics *m, const char *key, struct kpi *x)
{
	char money[FMT_MAX];
	struct ratio roas = metrics_roas(m);
	if (strcmp(key, "spend") == 0 && m->allocates) {
		fmt_inr((double)m->base_spend, m->filter->grouping, money);
		snprintf(x->sub, sizeof(x->sub), "by orders share of %s", money);
	} else if (strcmp(key, "roas") == 0 && (x->bad = roas.ok && roas.v < m->baseline)) {
		snprintf(x->sub, sizeof(x->sub), "below baseline %g", m->baseline);
	} else if (strcmp(key, "incremental_roas") == 0 || strcmp(key, "incremental_revenue") == 0) {
		snprintf(x->sub, sizeof(x->sub), "baseline ROAS %g", m->baseline);
	} else if (strcmp(key, "unallocated_spend") == 0) {
		snprintf(x->sub, sizeof(x->sub), "outside the filter");
	}
}

/* The key figures of the KPI declaration with the dashboard's formatting
 * (unallocated spend only when spend is allocated); returns how many. */
static size_t kpi_list(const struct metrics *m, struct kpi *k)
{
	size_t n = 0;
	struct table_ctx x = { m, NULL };
	for (size_t i = 0; i < tables_kpis.ncol; i++) {
		const struct table_column *c = &tables_kpis.col[i];
		if (!m->allocates && strcmp(c->key, "unallocated_spend") == 0)
			continue;
		struct table_cell v;
		struct kpi *y = kpi_add(k, &n, c->label);
		table_read(c, &x, m, &v);
		table_format(c->kind, &v, 1, m->filter->grouping, y->value);
		kpi_note(m, c->key, y);
	}
	return n;
}

static void kpi_cell(struct pd_doc *d, const struct kpi *k, double x, double y)
{
	const double w = PD_WIDTH / 4;
	const struct pd_style label = { 0, 7.5, PD_C_MUTED, PD_LEFT, w - 14 }, value = { 1, 13, k->bad ? PD_C_BAD : PD_C_FG, PD_LEFT, w - 14 };
	const struct pd_style sub = { 0, 6.5, k->bad ? PD_C_BAD : PD_C_MUTED, PD_LEFT, w - 14 };
	pd_pen(d->page, PD_C_LINE, 0.8, 0);
	HPDF_Page_Rectangle(d->page, (HPDF_REAL)(x + 2), (HPDF_REAL)(y - KPI_H + 2), (HPDF_REAL)(w - 4), KPI_H - 4);
	HPDF_Page_Stroke(d->page);
	pd_put(d, &label, x + 8, y - 12, k->label);
	pd_put(d, &value, x + 8, y - 26.5, k->value);
	pd_put(d, &sub, x + 8, y - 34.5, k->sub);
}

static void kpis(struct pd_doc *d)
{
	struct kpi k[16];
	memset(k, 0, sizeof(k));
	size_t n = kpi_list(d->in->m, k), rows = (n + 3) / 4;
	pd_heading(d, "Key figures", KPI_H * (double)rows);
	for (size_t i = 0; i < n; i++)
		kpi_cell(d, &k[i], PD_MARGIN + PD_WIDTH / 4 * (double)(i % 4), d->y - KPI_H * (double)(i / 4));
	d->y -= KPI_H * (double)rows;
}

/* ---- the trend chart, drawn like svg_trend (same ticks: axis.h) ---- */

struct chart {
	double x0, y0, w, h;         /* plot area; y0 is its bottom */
	double lo, hi, top;          /* money axis (paise) and ratio axis (from 0) */
	double band;                 /* width of one period */
	double *v[2];                /* ROAS and cumulative ROAS per period */
	int *ok[2];
};

static const struct pd_style TICK = { 0, 7, PD_C_MUTED, PD_RIGHT, 0 };

static double y_money(const struct chart *c, double v)
{
	return c->y0 + (v - c->lo) / (c->hi - c->lo) * c->h;
}

/* Ratios are clamped to the frame: a negative ROAS (returns) stays inside. */
static double y_ratio(const struct chart *c, double v)
{
	double y = c->y0 + v / c->top * c->h;
	return y < c->y0 ? c->y0 : y > c->y0 + c->h ? c->y0 + c->h : y;
}

/* Fills both ratio series and the money range; returns the largest ratio. */
static double chart_data(struct pd_doc *d, const struct trend *t, struct chart *c)
{
	double rmax = 0;
	for (int k = 0; k < 2; k++) {
		c->v[k] = pd_alloc(d, t->n, sizeof(double));
		c->ok[k] = pd_alloc(d, t->n, sizeof(int));
	}
	for (size_t i = 0; i < t->n; i++) {
		double rev = (double)t->p[i].revenue, spend = t->p[i].spend;
		c->hi = rev > c->hi ? rev : c->hi;
		c->hi = spend > c->hi ? spend : c->hi;
		c->lo = rev < c->lo ? rev : c->lo;
		c->ok[0][i] = t->p[i].roas.ok;
		c->v[0][i] = t->p[i].roas.v;
		c->ok[1][i] = t->p[i].cumulative_roas.ok;
		c->v[1][i] = t->p[i].cumulative_roas.v;
		for (int k = 0; k < 2; k++)
			rmax = c->ok[k][i] && c->v[k][i] > rmax ? c->v[k][i] : rmax;
	}
	return rmax;
}

/* Left axis: round money ticks and grid lines; the plot starts right of
 * the widest label. */
static void money_axis(struct pd_doc *d, struct chart *c)
{
	double t[16], widest = 0;
	char s[16][FMT_MAX];
	size_t n = axis_ticks(c->lo, c->hi, t, 6);
	c->lo = t[0] < c->lo ? t[0] : c->lo;
	c->hi = t[n - 1] > c->hi ? t[n - 1] : c->hi;
	for (size_t i = 0; i < n; i++) {
		fmt_inr(t[i], d->in->m->filter->grouping, s[i]);
		double w = pd_width_of(d, &TICK, s[i], strlen(s[i])) + 6;
		widest = w > widest ? w : widest;
	}
	c->x0 += widest;
	c->w -= widest;
	pd_pen(d->page, PD_C_LINE, 0.6, 0);
	for (size_t i = 0; i < n; i++) {
		pd_segment(d->page, c->x0, y_money(c, t[i]), c->x0 + c->w, y_money(c, t[i]));
		pd_put(d, &TICK, c->x0 - 5, y_money(c, t[i]) - 2.5, s[i]);
	}
}

/* Right axis: ROAS ticks from 0 to past the largest ratio and the baseline. */
static void ratio_axis(struct pd_doc *d, struct chart *c, double rmax)
{
	double t[16], hi = (rmax > d->in->m->baseline ? rmax : d->in->m->baseline) * 1.1;
	size_t n = axis_ticks(0, hi > 0 ? hi : 1, t, 6);
	struct pd_style st = TICK;
	st.align = PD_LEFT;
	st.maxw = PD_MARGIN + PD_WIDTH - (c->x0 + c->w + 5);
	c->top = t[n - 1] > hi ? t[n - 1] : hi;
	for (size_t i = 0; i < n; i++) {
		char s[FMT_MAX];
		snprintf(s, sizeof(s), "%.1f", t[i]);
		pd_put(d, &st, c->x0 + c->w + 5, y_ratio(c, t[i]) - 2.5, s);
	}
	pd_put(d, &st, c->x0 + c->w + 5, c->y0 + c->h + 8, "ROAS");
}

static void bars(struct pd_doc *d, const struct trend *t, const struct chart *c)
{
	double y0 = y_money(c, 0), bw = c->band * 0.4;
	for (size_t i = 0; i < t->n; i++) {
		double x = c->x0 + c->band * (double)i, yr = y_money(c, (double)t->p[i].revenue);
		pd_box(d->page, PD_C_REV, (struct pd_rect){ x + c->band * 0.1, yr < y0 ? yr : y0, bw, yr < y0 ? y0 - yr : yr - y0 });
		pd_box(d->page, PD_C_SPEND, (struct pd_rect){ x + c->band * 0.5, y0, bw, y_money(c, t->p[i].spend) - y0 });
	}
}

/* Series k: one stroke per run of defined points, and dots. */
static void ratio_line(struct pd_doc *d, const struct chart *c, size_t n, int k)
{
	static const unsigned color[2] = { PD_C_ROAS, PD_C_CUM };
	const double *v = c->v[k];
	const int *ok = c->ok[k];
	pd_pen(d->page, color[k], 1.6, k ? 2 : 0);
	for (size_t i = 0; i < n; i++) {
		HPDF_REAL x = (HPDF_REAL)(c->x0 + c->band * ((double)i + 0.5)), y = (HPDF_REAL)y_ratio(c, v[i]);
		if (!ok[i])
			continue;
		if (i > 0 && ok[i - 1])
			HPDF_Page_LineTo(d->page, x, y);
		else
			HPDF_Page_MoveTo(d->page, x, y);
		if (i + 1 == n || !ok[i + 1])
			HPDF_Page_Stroke(d->page);
	}
	HPDF_Page_SetRGBFill(d->page, PD_RGB(color[k]));
	for (size_t i = 0; i < n; i++) /* every point when there is room, else the lone ones */
		if (ok[i] && (c->band >= 6 || ((i == 0 || !ok[i - 1]) && (i + 1 == n || !ok[i + 1])))) {
			HPDF_Page_Circle(d->page, (HPDF_REAL)(c->x0 + c->band * ((double)i + 0.5)), (HPDF_REAL)y_ratio(c, v[i]), 1.8f);
			HPDF_Page_Fill(d->page);
		}
}

static void x_labels(struct pd_doc *d, const struct trend *t, const struct chart *c)
{
	struct pd_style st = TICK;
	st.align = PD_CENTER;
	size_t every = (size_t)((pd_width_of(d, &st, "0000-00-00", 10) + 8) / c->band) + 1;
	for (size_t i = 0; i < t->n; i += every) {
		char label[11];
		trend_label(t->grain, t->p[i].start, label);
		pd_put(d, &st, c->x0 + c->band * ((double)i + 0.5), c->y0 - 11, label);
	}
}

static void legend(struct pd_doc *d, double x, double y)
{
	static const struct {
		const char *name;
		unsigned color;
		HPDF_UINT16 dash;        /* 1: a bar; else a line dashed this long, 0 solid */
	} item[] = { { "Revenue", PD_C_REV, 1 }, { "Spend", PD_C_SPEND, 1 }, { "ROAS", PD_C_ROAS, 0 },
		     { "Cumulative ROAS", PD_C_CUM, 2 }, { "Baseline", PD_C_BAD, 6 } };
	const struct pd_style st = { 0, 7.5, PD_C_FG, PD_LEFT, 0 };
	for (size_t i = 0; i < sizeof(item) / sizeof(item[0]); i++) {
		if (item[i].dash == 1)
			pd_box(d->page, item[i].color, (struct pd_rect){ x, y - 1, 8, 8 });
		pd_pen(d->page, item[i].color, 1.6, item[i].dash == 1 ? 0 : item[i].dash);
		if (item[i].dash != 1)
			pd_segment(d->page, x, y + 3, x + 14, y + 3);
		x += item[i].dash == 1 ? 11 : 17;
		pd_put(d, &st, x, y, item[i].name);
		x += pd_width_of(d, &st, item[i].name, strlen(item[i].name)) + 14;
	}
}

/* The axes, bars, baseline and lines of a trend with data. */
static void plot(struct pd_doc *d, const struct trend *t, struct chart *c, double rmax)
{
	double b = d->in->m->baseline;
	money_axis(d, c);
	ratio_axis(d, c, rmax);
	c->band = c->w / (double)t->n;
	bars(d, t, c);
	pd_pen(d->page, PD_C_BAD, 1.2, 6);
	pd_segment(d->page, c->x0, y_ratio(c, b), c->x0 + c->w, y_ratio(c, b));
	ratio_line(d, c, t->n, 0);
	ratio_line(d, c, t->n, 1);
	pd_pen(d->page, PD_C_MUTED, 0.8, 0);
	pd_segment(d->page, c->x0, y_money(c, 0), c->x0 + c->w, y_money(c, 0));
	x_labels(d, t, c);
}

static void chart(struct pd_doc *d)
{
	static const struct trend none = { GRAIN_DAY, NULL, 0 };
	const struct trend *t = d->in->trend ? d->in->trend : &none;
	char s[64];
	snprintf(s, sizeof(s), "Revenue, spend and ROAS by %s", grain_name[t->grain]);
	pd_heading(d, s, 200);
	struct chart c = { PD_MARGIN, d->y - 190, PD_WIDTH - 28, 160, 0, 0, 1, 1, { NULL, NULL }, { NULL, NULL } };
	double rmax = chart_data(d, t, &c);
	if (c.hi - c.lo < 0.5) { /* not even half a paisa to show */
		pd_note(d, "No revenue or spend in the selected range.");
		return;
	}
	legend(d, PD_MARGIN, d->y - 10);
	plot(d, t, &c, rmax);
	d->y -= 204;
}

/* ---- the tables ---- */

/* A PDF table over a declared one: the columns to draw, by key, with their
 * widths; an untitled last column takes the rest for the below-baseline flag. */
struct pick { const char *key; double width; };
#define PICK_MAX 8

struct picked {
	struct pd_column col[PICK_MAX + 1];
	const struct table_column *src[PICK_MAX];
	struct pd_table t;
};

static int is_text(enum table_kind k)
{
	return k == TABLE_TEXT || k == TABLE_ID;
}

static void pick(struct picked *p, const struct table *t, const struct pick *k, size_t n)
{
	double used = 0;
	for (size_t i = 0; i < n; i++) {
		const struct table_column *c = table_find(t, k[i].key);
		p->src[i] = c;
		p->col[i] = (struct pd_column){ c->label, k[i].width, is_text(c->kind) ? PD_LEFT : PD_RIGHT };
		used += k[i].width;
	}
	p->col[n] = (struct pd_column){ "", PD_WIDTH - used, PD_LEFT };
	p->t = (struct pd_table){ p->col, n + 1 };
}

/* One row as the screens show it ("(none)" for empty text), flagged when below. */
static void pick_row(struct pd_doc *d, const struct picked *p, const struct table_ctx *x, const void *row, size_t i,
		     int below)
{
	char text[PICK_MAX][PD_TEXT_MAX];
	const char *cell[PICK_MAX + 1];
	size_t n = p->t.ncol - 1;
	for (size_t k = 0; k < n; k++) {
		struct table_cell v;
		table_read(p->src[k], x, row, &v);
		const char *s = table_format(p->src[k]->kind, &v, 1, x->m->filter->grouping, text[k]);
		if (s != text[k])
			snprintf(text[k], PD_TEXT_MAX, "%s", *s ? s : "(none)");
		cell[k] = text[k];
	}
	cell[n] = below ? "below baseline" : "";
	pd_table_row(d, &p->t, cell, (i % 2 ? PD_ROW_STRIPE : 0) | (below ? PD_ROW_FLAG : 0));
}

static int below(const struct metrics *m, struct ratio roas)
{
	return roas.ok && roas.v < m->baseline;
}

static void influencers(struct pd_doc *d, int bottom)
{
	static const struct pick cols[] = { { "name", 150 }, { "id", 75 }, { "revenue", 80 }, { "spend", 80 },
					    { "roas", 45 } };
	struct picked p;
	pick(&p, &tables_influencers, cols, TABLE_NCOL(cols));
	const struct metrics *m = d->in->m;
	const struct table_ctx x = { m, NULL };
	const struct infl_row **row = pd_alloc(d, TOP_N, sizeof(*row));
	size_t n = metrics_top(m, bottom, row, TOP_N);
	pd_heading(d, bottom ? "Bottom 5 influencers by ROAS" : "Top 5 influencers by ROAS", 2 * PD_ROW_H);
	if (n == 0)
		pd_note(d, "No influencer with spend in the selection.");
	else
		pd_table_head(d, &p.t);
	for (size_t i = 0; i < n; i++)
		pick_row(d, &p, &x, row[i], i, below(m, row_roas(row[i])));
}

static void personas(struct pd_doc *d)
{
	static const struct pick cols[] = { { "category", 115 }, { "gender", 60 }, { "influencers", 64 },
					    { "revenue", 75 },   { "spend", 75 },  { "roas", 40 } };
	struct picked p;
	pick(&p, &tables_personas, cols, TABLE_NCOL(cols));
	const struct metrics *m = d->in->m;
	const struct table_ctx x = { m, NULL };
	struct group *g = NULL;
	long n = panels_group(m, BY_PERSONA, d->a, &g);
	char s[96];
	if (n < 0)
		pd_fail(d, "out of memory");
	pd_heading(d, "Best personas (category and gender) by ROAS", 2 * PD_ROW_H);
	if (n == 0)
		pd_note(d, "No influencers in the selection.");
	else
		pd_table_head(d, &p.t);
	for (long i = 0; i < n && i < PERSONA_MAX; i++)
		pick_row(d, &p, &x, &g[i], (size_t)i, below(m, group_roas(&g[i])));
	if (n > PERSONA_MAX) {
		snprintf(s, sizeof(s), "%ld more personas in personas.csv.", n - PERSONA_MAX);
		d->y -= 4;
		pd_note(d, s);
	}
}

/* The best or worst five campaigns by ROAS (spend > 0), columns from the
 * table's declaration. */
static void campaign_list(struct pd_doc *d, struct groups *g, int worst)
{
	static const struct pick cols[] = { { "campaign", 150 }, { "revenue", 80 }, { "spend", 80 }, { "roas", 45 },
					    { "incremental_roas", 60 } };
	struct picked p;
	pick(&p, grouptab_table(GROUPS_CAMPAIGN), cols, TABLE_NCOL(cols));
	const struct metrics *m = d->in->m;
	const struct table_ctx x = { m, NULL };
	grouptab_sort(m, g, "roas", worst ? 1 : -1);
	pd_heading(d, worst ? "Worst 5 campaigns by ROAS" : "Best 5 campaigns by ROAS", 2 * PD_ROW_H);
	size_t shown = 0;
	for (size_t i = 0; i < g->n && shown < TOP_N; i++) {
		if (!(g->row[i].spend > 0))
			continue;
		if (shown == 0)
			pd_table_head(d, &p.t);
		pick_row(d, &p, &x, &g->row[i], shown++, below(m, grow_roas(&g->row[i])));
	}
	if (shown == 0)
		pd_note(d, "No campaign with spend in the selection.");
}

static void campaigns(struct pd_doc *d)
{
	struct groups g;
	if (groups_compute(d->in->m, GROUPS_CAMPAIGN, d->a, &g) < 0)
		pd_fail(d, "out of memory");
	campaign_list(d, &g, 0);
	campaign_list(d, &g, 1);
	if (g.without_orders >= 0.5) {
		char s[160], v[FMT_MAX];
		fmt_inr(g.without_orders, d->in->m->filter->grouping, v);
		snprintf(s, sizeof(s), "Spend without orders (influencers with no orders in the range, in no campaign): %s.", v);
		d->y -= 4;
		pd_note(d, s);
	}
}

static void payouts(struct pd_doc *d)
{
	static const struct pd_column col[] = { { "Basis", 110, PD_LEFT }, { "Payouts", 70, PD_RIGHT }, { "Paid", 100, PD_RIGHT },
					     { "Expected", 100, PD_RIGHT }, { "Expected \xe2\x88\x92 paid", 120, PD_RIGHT } };
	const struct pd_table t = { col, 5 };
	const struct metrics *m = d->in->m;
	unsigned shown = 0;
	pd_heading(d, "Payouts by basis", 2 * PD_ROW_H);
	for (int b = 0; b < BASIS__MAX; b++) {
		char count[FMT_MAX], total[FMT_MAX], expected[FMT_MAX], diff[FMT_MAX];
		const char *cell[] = { b == BASIS_NONE ? "unspecified" : ds_basis_name[b], count, total, expected, diff };
		if (!m->basis_count[b] && !(m->basis_expected[b] > 0))
			continue;
		fmt_count(m->basis_count[b], m->filter->grouping, count);
		fmt_inr(m->basis_total[b], m->filter->grouping, total);
		fmt_inr(m->basis_expected[b], m->filter->grouping, expected);
		fmt_inr(m->basis_expected[b] - m->basis_total[b], m->filter->grouping, diff);
		if (shown == 0)
			pd_table_head(d, &t);
		pd_table_row(d, &t, cell, shown++ % 2 ? PD_ROW_STRIPE : 0);
	}
	if (shown == 0)
		pd_note(d, "No payouts in the selection.");
	if (!m->nstatus)
		return;
	static const struct pd_column scol[] = { { "Status", 180, PD_LEFT }, { "Payouts", 70, PD_RIGHT }, { "Paid", 100, PD_RIGHT } };
	const struct pd_table ts = { scol, 3 };
	pd_heading(d, "Payouts by status", 2 * PD_ROW_H);
	pd_table_head(d, &ts);
	for (size_t i = 0; i < m->nstatus; i++) {
		char count[FMT_MAX], total[FMT_MAX];
		const char *cell[] = { payout_status_text(m, m->status[i].status), count, total };
		fmt_count(m->status[i].count, m->filter->grouping, count);
		fmt_inr(m->status[i].paid, m->filter->grouping, total);
		pd_table_row(d, &ts, cell, i % 2 ? PD_ROW_STRIPE : 0);
	}
}

/* How the spend of the report was timed, in words with the amounts. */
static void timing_text(const struct metrics *m, char *out, size_t outsz)
{
	static const char *const what[SPREAD__MAX + 1] = { "spread over orders", "spread over posts",
							    "unscheduled", "by payout date" };
	static const int order[] = { SPREAD__MAX, SPREAD_ORDERS, SPREAD_POSTS, SPREAD_UNSCHEDULED };
	size_t n = (size_t)snprintf(out, outsz, "A dated payout is spend on its date; an undated one is spread over "
			       "the influencer's orders (order or no basis) or posts (post basis), or is unscheduled "
			       "and counts only without a date range. This report's spend:");
	int any = 0;
	for (size_t k = 0; k < sizeof(order) / sizeof(order[0]) && n < outsz; k++) {
		if (!(m->timed[order[k]] >= 0.5))
			continue;
		char money[FMT_MAX];
		fmt_inr(m->timed[order[k]], m->filter->grouping, money);
		n += (size_t)snprintf(out + n, outsz - n, "%s %s %s", any ? ";" : "", money, what[order[k]]);
		any = 1;
	}
	if (n < outsz)
		snprintf(out + n, outsz - n, "%s.", any ? "" : " none");
}

static void assumptions(struct pd_doc *d)
{
	const struct metrics *m = d->in->m;
	const struct pd_style st = { 0, 8, PD_C_FG, PD_LEFT, 0 };
	char s[5][PD_TEXT_MAX];
	snprintf(s[0], PD_TEXT_MAX, "Baseline ROAS b = %g: incremental revenue = revenue \xe2\x88\x92 b \xc3\x97 spend and "
		 "incremental ROAS = ROAS \xe2\x88\x92 b. Influencers and personas with a ROAS below b are flagged.",
		 m->baseline);
	snprintf(s[1], PD_TEXT_MAX, "Spend is the payouts in the date range. With a brand, product or campaign filter, each "
		 "influencer's payouts are allocated by their share of orders inside the filter and the rest is shown as "
		 "unallocated spend%s.", m->allocates ? " (as in this report)" : "");
	timing_text(m, s[2], PD_TEXT_MAX);
	snprintf(s[3], PD_TEXT_MAX, "Rows of influencers missing from influencers.csv are excluded; organic revenue is only "
		 "in the influencer share.");
	snprintf(s[4], PD_TEXT_MAX, "Money is in rupees (\xe2\x82\xb9), kept to the paisa and rounded only for display "
		 "(whole rupees from \xe2\x82\xb9" "1,000); ratios are shown with 2 decimals.");
	pd_heading(d, "Assumptions", 3 * 11.6);
	for (size_t i = 0; i < 5; i++) {
		pd_need(d, 11.6);
		pd_put(d, &st, PD_MARGIN + 2, d->y - 8, "\xe2\x80\xa2");
		pd_wrap(d, &st, 12, s[i], 4);
	}
}

/* "Page i of n" and the report's name at the foot of every page. */
static void footers(struct pd_doc *d)
{
	const struct pd_style left = { 0, 7, PD_C_MUTED, PD_LEFT, PD_WIDTH - 90 }, right = { 0, 7.5, PD_C_MUTED, PD_RIGHT, 90 };
	char name[PD_TEXT_MAX], num[64];
	snprintf(name, sizeof(name), "Influencer ROI report \xc2\xb7 dataset version %.200s \xc2\xb7 %.200s",
		 d->in->version ? d->in->version : "", d->in->generated ? d->in->generated : "");
	for (unsigned i = 0; i < d->npages; i++) {
		d->page = HPDF_GetPageByIndex(d->pdf, i);
		pd_pen(d->page, PD_C_LINE, 0.8, 0);
		pd_segment(d->page, PD_MARGIN, PD_BOTTOM - 8, PD_MARGIN + PD_WIDTH, PD_BOTTOM - 8);
		pd_put(d, &left, PD_MARGIN, PD_BOTTOM - 20, name);
		snprintf(num, sizeof(num), "Page %u of %u", i + 1, d->npages);
		pd_put(d, &right, PD_MARGIN + PD_WIDTH, PD_BOTTOM - 20, num);
	}
}

/* ---- the document ---- */

/* The PDF's creation date: in->generated ("YYYY-MM-DD HH:MM ...") in UTC.
 * libharu checks the ranges; a date it rejects (2026-02-30) is left out. */
static void creation_date(struct pd_doc *d)
{
	HPDF_Date t = { 0, 0, 0, 0, 0, 0, 'Z', 0, 0 };
	const char *g = d->in->generated;
	if (!g || sscanf(g, "%4d-%2d-%2d %2d:%2d", &t.year, &t.month, &t.day, &t.hour, &t.minutes) != 5 ||
	    t.year < 1970 || t.hour < 0 || t.minutes < 0)
		return;
	d->armed = 0;
	HPDF_SetInfoDateAttr(d->pdf, HPDF_INFO_CREATION_DATE, t);
	HPDF_ResetError(d->pdf);
	d->code = 0;
	d->armed = 1;
}

static HPDF_Font load_font(struct pd_doc *d, const char *path, const char *stage)
{
	d->stage = stage;
	if (!path || !*path)
		pd_fail(d, "no font path given");
	const char *name = HPDF_LoadTTFontFromFile(d->pdf, path, HPDF_TRUE);
	if (!name)
		pd_fail(d, "the font did not load");
	return HPDF_GetFont(d->pdf, name, "UTF-8");
}

static void build(struct pd_doc *d)
{
	const struct pdf_input *in = d->in;
	d->stage = "setting up the document";
	HPDF_SetCompressionMode(d->pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(d->pdf);
	HPDF_SetInfoAttr(d->pdf, HPDF_INFO_TITLE, "Influencer ROI report");
	HPDF_SetInfoAttr(d->pdf, HPDF_INFO_AUTHOR, "Influencer ROI dashboard");
	HPDF_SetInfoAttr(d->pdf, HPDF_INFO_CREATOR, "Influencer ROI dashboard (export)");
	HPDF_SetInfoAttr(d->pdf, HPDF_INFO_PRODUCER, "libharu " HPDF_VERSION_TEXT);
	creation_date(d);
	d->font = load_font(d, in->font_path, "loading the regular font");
	d->bold = in->bold_font_path && *in->bold_font_path && strcmp(in->bold_font_path, in->font_path) != 0
			  ? load_font(d, in->bold_font_path, "loading the bold font")
			  : d->font;
	d->stage = "drawing the report";
	pd_new_page(d);
	header(d);
	kpis(d);
	chart(d);
	influencers(d, 0);
	influencers(d, 1);
	personas(d);
	campaigns(d);
	payouts(d);
	assumptions(d);
	footers(d);
}

/* Saves the document and appends its bytes to d->out in one piece. */
static void deliver(struct pd_doc *d)
{
	d->stage = "writing the PDF";
	HPDF_SaveToStream(d->pdf);
	HPDF_UINT32 size = HPDF_GetStreamSize(d->pdf), got = 0, n = 1;
	HPDF_BYTE *bytes = pd_alloc(d, size, 1);
	d->armed = 0; /* libharu reports the end of the stream as an error */
	for (; got < size && n > 0; got += n) {
		n = size - got;
		HPDF_ReadFromStream(d->pdf, bytes + got, &n);
	}
	d->armed = 1;
	if (size == 0 || got != size)
		pd_fail(d, "the PDF stream is short");
	d->code = 0;
	HPDF_ResetError(d->pdf);
	if (buf_append(d->out, bytes, size) < 0)
		pd_fail(d, "the PDF is over the output size limit");
}

/* Builds and saves the document; a failure anywhere jumps back here and
 * returns with d->stage still set. Nothing but d is live across setjmp. */
static void run(struct pd_doc *d)
{
	if (setjmp(d->jmp) != 0)
		return;
	d->pdf = HPDF_New(pd_on_error, d);
	if (!d->pdf)
		pd_fail(d, "HPDF_New failed");
	d->armed = 1;
	build(d);
	deliver(d);
	d->stage = NULL;
}

int pdf_report(const struct pdf_input *in, struct arena *a, struct buf *out, char *err, size_t errsz)
{
	struct pd_doc *d = in && in->m && in->m->ds ? arena_calloc(a, 1, sizeof(*d)) : NULL;
	if (!d) {
		snprintf(err, errsz, "pdf: %s", in && in->m && in->m->ds ? "out of memory" : "no metrics to report");
		return -1;
	}
	d->a = a;
	d->in = in;
	d->out = out;
	d->stage = "starting libharu";
	run(d);
	if (d->stage && d->code)
		snprintf(err, errsz, "pdf: libharu error 0x%04X (detail %u) while %s%s", (unsigned)d->code,
			 (unsigned)d->detail, d->stage, d->code == HPDF_FILE_OPEN_ERROR ? ": cannot open the file" : "");
	else if (d->stage)
		snprintf(err, errsz, "pdf: %s while %s", d->why ? d->why : "failure", d->stage);
	if (d->pdf)
		HPDF_Free(d->pdf);
	return d->stage ? -1 : 0;
}
