/* pdf.c: the PDF insights report drawn with libharu. */
#include "pdf.h"

#include <hpdf.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "fmt.h"
#include "panels.h"
#include "svg.h"

#define PAGE_H 841.89                    /* A4 portrait, in points */
#define MARGIN 40.0
#define WIDTH (595.276 - 2 * MARGIN)
#define BOTTOM (MARGIN + 26.0)           /* content stops here; the footer sits below */
#define ROW_H 15.0
#define KPI_H 40.0
#define TOP_N 5
#define PERSONA_MAX 25
#define TEXT_MAX 640                     /* bytes of one string ever drawn */
#define ELLIPSIS "\xe2\x80\xa6"

/* Colours of public/style.css, 0xRRGGBB. */
enum {
	C_FG = 0x1d232b, C_MUTED = 0x5b6672, C_LINE = 0xdde2e8, C_STRIPE = 0xf3f5f8, C_REV = 0x0b5cad,
	C_SPEND = 0x9aa5b1, C_ROAS = 0xe07b00, C_CUM = 0x2e9d57, C_BAD = 0xb3261e
};
#define RGB(c) (HPDF_REAL)((c) >> 16 & 0xff) / 255, (HPDF_REAL)((c) >> 8 & 0xff) / 255, (HPDF_REAL)((c) & 0xff) / 255

enum align { LEFT, RIGHT, CENTER };

/* How a piece of text is drawn; maxw > 0 shortens it with an ellipsis. */
struct style {
	int bold;
	double size;
	unsigned color;
	enum align align;
	double maxw;
};

/* The document being built. It lives in the arena, not on the stack of the
 * function that calls setjmp, so its fields keep their values when the
 * libharu error handler jumps back. */
struct doc {
	HPDF_Doc pdf;
	jmp_buf jmp;
	int armed;                   /* the error handler may longjmp */
	HPDF_STATUS code, detail;    /* the first libharu error, 0 when none */
	const char *why;             /* our own reason when code is 0 */
	const char *stage;           /* what was being done; NULL once done */
	HPDF_Font font, bold;
	HPDF_Page page;
	unsigned npages;
	double y;                    /* top of the free space, points from the page bottom */
	struct arena *a;
	const struct pdf_input *in;
	struct buf *out;
};

static void HPDF_STDCALL on_error(HPDF_STATUS code, HPDF_STATUS detail, void *user)
{
	struct doc *d = user;
	if (!d->code) {
		d->code = code;
		d->detail = detail;
	}
	if (d->armed)
		longjmp(d->jmp, 1);
}

static _Noreturn void fail(struct doc *d, const char *why)
{
	d->why = why;
	longjmp(d->jmp, 1);
}

static void *alloc(struct doc *d, size_t count, size_t size)
{
	void *p = arena_calloc(d->a, count ? count : 1, size);
	if (!p)
		fail(d, "out of memory");
	return p;
}

/* ---- text: cleaning, measuring, shortening, drawing ---- */

/* Length of the valid UTF-8 sequence at s (and its code point), or 0. */
static size_t u8_decode(const unsigned char *s, uint32_t *cp)
{
	static const uint32_t least[] = { 0, 0, 0x80, 0x800, 0x10000 };
	unsigned c = s[0];
	size_t n = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
	if (n == 0)
		return 0;
	uint32_t v = n == 1 ? c : c & (0x3fu >> (n - 1));
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80) /* also stops at the NUL */
			return 0;
		v = v << 6 | (s[i] & 0x3fu);
	}
	if (v < least[n] || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return n;
}

/* Copies s into out as text safe to draw, cut at a character boundary: a
 * bad byte becomes '?', a control character a space, and a character beyond
 * U+FFFF (which libharu 2.3.0 neither measures nor draws reliably) U+FFFD.
 * So an untrusted name can look odd but never break the layout. */
static void clean(const char *s, char *out, size_t outsz)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t o = 0;
	while (*p) {
		uint32_t cp = 0;
		size_t n = u8_decode(p, &cp);
		const char *rep = n == 0 ? "?" : cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ? " " : cp > 0xffff ? "\xef\xbf\xbd" : NULL;
		size_t len = rep ? strlen(rep) : n;
		if (o + len >= outsz)
			break;
		memcpy(out + o, rep ? (const void *)rep : (const void *)p, len);
		o += len;
		p += n ? n : 1;
	}
	out[o] = '\0';
}

/* Width in points of n bytes of clean text. */
static double width_of(const struct doc *d, const struct style *st, const char *s, size_t n)
{
	return HPDF_Font_TextWidth(st->bold ? d->bold : d->font, (const HPDF_BYTE *)s, (HPDF_UINT)n).width * st->size / 1000.0;
}

/* Cleans s into out, shortened with an ellipsis to st->maxw points.
 * libharu does not kern, so a text is as wide as its characters together. */
static void fit(const struct doc *d, const struct style *st, const char *s, char out[TEXT_MAX])
{
	clean(s, out, TEXT_MAX - sizeof(ELLIPSIS));
	size_t n = strlen(out), keep = 0;
	if (st->maxw <= 0 || width_of(d, st, out, n) <= st->maxw)
		return;
	double room = st->maxw - width_of(d, st, ELLIPSIS, strlen(ELLIPSIS)), w = 0;
	while (keep < n) {
		uint32_t cp;
		size_t len = u8_decode((const unsigned char *)out + keep, &cp);
		if (len == 0 || (w += width_of(d, st, out + keep, len)) > room)
			break;
		keep += len;
	}
	while (keep > 0 && out[keep - 1] == ' ')
		keep--;
	memcpy(out + keep, ELLIPSIS, sizeof(ELLIPSIS));
}

/* Sets the stroke colour and width, dashed when on > 0. */
static void pen(HPDF_Page p, unsigned rgb, double width, HPDF_UINT16 on)
{
	const HPDF_UINT16 pattern[2] = { on, on > 4 ? 4 : 3 };
	HPDF_Page_SetRGBStroke(p, RGB(rgb));
	HPDF_Page_SetLineWidth(p, (HPDF_REAL)width);
	HPDF_Page_SetDash(p, on ? pattern : NULL, on ? 2 : 0, 0);
}

static void segment(HPDF_Page p, double x1, double y1, double x2, double y2)
{
	HPDF_Page_MoveTo(p, (HPDF_REAL)x1, (HPDF_REAL)y1);
	HPDF_Page_LineTo(p, (HPDF_REAL)x2, (HPDF_REAL)y2);
	HPDF_Page_Stroke(p);
}

struct rect { double x, y, w, h; };

static void box(HPDF_Page p, unsigned rgb, struct rect r)
{
	HPDF_Page_SetRGBFill(p, RGB(rgb));
	HPDF_Page_Rectangle(p, (HPDF_REAL)r.x, (HPDF_REAL)r.y, (HPDF_REAL)r.w, (HPDF_REAL)r.h);
	HPDF_Page_Fill(p);
}

/* Draws s with its baseline at y, aligned on x, shortened to st->maxw. */
static void put(struct doc *d, const struct style *st, double x, double y, const char *s)
{
	char t[TEXT_MAX];
	fit(d, st, s, t);
	if (!t[0])
		return;
	double w = st->align == LEFT ? 0 : width_of(d, st, t, strlen(t));
	x -= st->align == RIGHT ? w : st->align == CENTER ? w / 2 : 0;
	HPDF_Page_SetRGBFill(d->page, RGB(st->color));
	HPDF_Page_BeginText(d->page);
	HPDF_Page_SetFontAndSize(d->page, st->bold ? d->bold : d->font, (HPDF_REAL)st->size);
	HPDF_Page_TextOut(d->page, (HPDF_REAL)x, (HPDF_REAL)y, t);
	HPDF_Page_EndText(d->page);
}

/* ---- layout: a cursor moving down the page, turning pages ---- */

static void new_page(struct doc *d)
{
	d->page = HPDF_AddPage(d->pdf);
	HPDF_Page_SetSize(d->page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
	d->npages++;
	d->y = PAGE_H - MARGIN;
}

/* Makes room for a block h points tall, starting a new page when it would
 * run into the footer. Returns 1 when it started one. */
static int need(struct doc *d, double h)
{
	if (d->y - h >= BOTTOM)
		return 0;
	new_page(d);
	return 1;
}

/* One line of text at the left margin plus indent. */
static void line(struct doc *d, const struct style *st, double indent, const char *s)
{
	need(d, st->size * 1.45);
	put(d, st, MARGIN + indent, d->y - st->size, s);
	d->y -= st->size * 1.45;
}

static void note(struct doc *d, const char *s)
{
	const struct style st = { 0, 8.5, C_MUTED, LEFT, WIDTH };
	line(d, &st, 0, s);
}

/* Bytes of p that make one line of at most st->maxw points: all of p when it
 * fits, else up to the last space that fits; 0 when the first word is too long. */
static size_t line_break(const struct doc *d, const struct style *st, const char *p)
{
	size_t n = strlen(p), cut = 0;
	if (width_of(d, st, p, n) <= st->maxw)
		return n;
	for (size_t i = 0; i < n && (p[i] != ' ' || width_of(d, st, p, i) <= st->maxw); i++)
		cut = p[i] == ' ' ? i : cut;
	return cut;
}

/* Text broken at spaces into at most maxlines lines of the content width
 * less indent. What a last line cannot hold, or a word longer than a line,
 * is shortened with an ellipsis and ends the text. */
static void wrap(struct doc *d, const struct style *st, double indent, const char *s, int maxlines)
{
	char text[TEXT_MAX], *p = text;
	struct style ls = *st;
	ls.maxw = WIDTH - indent;
	clean(s, text, sizeof(text));
	for (int ln = 0; ln < maxlines; ln++) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		size_t cut = ln == maxlines - 1 ? 0 : line_break(d, &ls, p);
		cut = cut ? cut : strlen(p);
		char keep = p[cut];
		p[cut] = '\0';
		line(d, &ls, indent, p);
		p[cut] = keep;
		p += cut;
	}
}

/* A section title, kept on one page with the first keep points below it. */
static void heading(struct doc *d, const char *s, double keep)
{
	const struct style st = { 1, 12, C_FG, LEFT, WIDTH };
	need(d, 32 + keep);
	put(d, &st, MARGIN, d->y - 24, s);
	d->y -= 32;
}

/* ---- tables that continue on the next page with their titles ---- */

struct column { const char *title; double width; enum align align; };
struct table { const struct column *col; size_t ncol; };

enum { ROW_HEAD = 1, ROW_STRIPE = 2, ROW_FLAG = 4 };

/* One row: the column titles with ROW_HEAD, else the cells; with ROW_FLAG
 * the last cell is drawn as a warning. */
static void row_cells(struct doc *d, const struct table *t, const char *const *cell, unsigned flags)
{
	int head = flags & ROW_HEAD;
	if (flags & ROW_STRIPE)
		box(d->page, C_STRIPE, (struct rect){ MARGIN, d->y - ROW_H, WIDTH, ROW_H });
	double x = MARGIN;
	for (size_t i = 0; i < t->ncol; x += t->col[i++].width) {
		const struct column *c = &t->col[i];
		int warn = (flags & ROW_FLAG) && i == t->ncol - 1;
		struct style st = { head || warn, head ? 7.5 : 8.5, head ? C_MUTED : warn ? C_BAD : C_FG, c->align,
				    c->width - 8 };
		put(d, &st, c->align == RIGHT ? x + c->width - 4 : x + 4, d->y - ROW_H + 4.5, head ? c->title : cell[i]);
	}
	d->y -= ROW_H;
}

static void table_head(struct doc *d, const struct table *t)
{
	row_cells(d, t, NULL, ROW_HEAD);
	pen(d->page, C_MUTED, 0.6, 0);
	segment(d->page, MARGIN, d->y + 1, MARGIN + WIDTH, d->y + 1);
}

static void table_row(struct doc *d, const struct table *t, const char *const *cell, unsigned flags)
{
	if (need(d, ROW_H))
		table_head(d, t);
	row_cells(d, t, cell, flags);
}

/* Revenue, spend and ROAS as the dashboard prints them. */
struct money { char revenue[FMT_MAX], spend[FMT_MAX], roas[FMT_MAX]; int below; };

static void money_cells(const struct metrics *m, double revenue, double spend, struct money *o)
{
	struct ratio r = ratio_div(revenue, spend);
	fmt_inr(revenue, o->revenue);
	fmt_inr(spend, o->spend);
	fmt_ratio2(r.v, r.ok, o->roas);
	o->below = r.ok && r.v < m->baseline;
}

/* ---- header and key figures ---- */

static void header(struct doc *d)
{
	const struct pdf_input *in = d->in;
	const struct style title = { 1, 20, C_FG, LEFT, WIDTH }, meta = { 0, 9, C_MUTED, LEFT, WIDTH };
	char s[TEXT_MAX];
	put(d, &title, MARGIN, d->y - 20, "Influencer ROI report");
	d->y -= 32;
	snprintf(s, sizeof(s), "Dataset version %.200s", in->version ? in->version : "");
	line(d, &meta, 0, s);
	snprintf(s, sizeof(s), "Generated %.200s", in->generated ? in->generated : "");
	line(d, &meta, 0, s);
	snprintf(s, sizeof(s), "Filters: %s", in->filters_text && *in->filters_text ? in->filters_text : "none (all data)");
	wrap(d, &meta, 0, s, 3);
	d->y -= 4;
	pen(d->page, C_LINE, 1, 0);
	segment(d->page, MARGIN, d->y, MARGIN + WIDTH, d->y);
}

struct kpi { const char *label; char value[FMT_MAX], sub[128]; int bad; };

/* Money, or the dash of an undefined ratio, as the dashboard's cards show it. */
static void money_or_dash(struct ratio r, char out[FMT_MAX])
{
	if (r.ok)
		fmt_inr(r.v, out);
	else
		fmt_ratio2(r.v, r.ok, out);
}

static struct kpi *kpi_add(struct kpi *k, size_t *n, const char *label)
{
	k[*n].label = label;
	return &k[(*n)++];
}

/* The key figures with the dashboard's formatting; returns how many. */
static size_t kpi_list(const struct metrics *m, struct kpi *k)
{
	size_t n = 0;
	struct kpi *x;
	struct ratio roas = metrics_roas(m), incr = metrics_incremental_roas(m), roi = metrics_roi(m);
	struct ratio er = metrics_engagement_rate(m);
	char money[FMT_MAX];
	fmt_inr((double)m->revenue, kpi_add(k, &n, "Revenue")->value);
	fmt_inr(m->spend, (x = kpi_add(k, &n, "Spend"))->value);
	fmt_inr((double)m->base_spend, money);
	if (m->allocates)
		snprintf(x->sub, sizeof(x->sub), "by orders share of %s", money);
	fmt_ratio2(roas.v, roas.ok, (x = kpi_add(k, &n, "ROAS"))->value);
	if ((x->bad = roas.ok && roas.v < m->baseline))
		snprintf(x->sub, sizeof(x->sub), "below baseline %g", m->baseline);
	fmt_ratio2(incr.v, incr.ok, (x = kpi_add(k, &n, "Incremental ROAS"))->value);
	snprintf(x->sub, sizeof(x->sub), "baseline ROAS %g", m->baseline);
	fmt_ratio2(roi.v, roi.ok, kpi_add(k, &n, "ROI")->value);
	fmt_count(m->orders, kpi_add(k, &n, "Orders")->value);
	money_or_dash(metrics_cost_per_order(m), kpi_add(k, &n, "Cost per order")->value);
	money_or_dash(metrics_aov(m), kpi_add(k, &n, "Average order value")->value);
	fmt_count((int64_t)m->nrow, kpi_add(k, &n, "Influencers")->value);
	fmt_count(m->posts, kpi_add(k, &n, "Posts")->value);
	fmt_count(m->reach, kpi_add(k, &n, "Reach")->value);
	fmt_percent(er.v, er.ok, kpi_add(k, &n, "Engagement rate")->value);
	if (m->allocates) {
		fmt_inr(m->unallocated, (x = kpi_add(k, &n, "Unallocated spend"))->value);
		snprintf(x->sub, sizeof(x->sub), "outside the filter");
	}
	return n;
}

static void kpi_cell(struct doc *d, const struct kpi *k, double x, double y)
{
	const double w = WIDTH / 4;
	const struct style label = { 0, 7.5, C_MUTED, LEFT, w - 14 }, value = { 1, 13, k->bad ? C_BAD : C_FG, LEFT, w - 14 };
	const struct style sub = { 0, 6.5, k->bad ? C_BAD : C_MUTED, LEFT, w - 14 };
	pen(d->page, C_LINE, 0.8, 0);
	HPDF_Page_Rectangle(d->page, (HPDF_REAL)(x + 2), (HPDF_REAL)(y - KPI_H + 2), (HPDF_REAL)(w - 4), KPI_H - 4);
	HPDF_Page_Stroke(d->page);
	put(d, &label, x + 8, y - 12, k->label);
	put(d, &value, x + 8, y - 26.5, k->value);
	put(d, &sub, x + 8, y - 34.5, k->sub);
}

static void kpis(struct doc *d)
{
	struct kpi k[16];
	memset(k, 0, sizeof(k));
	size_t n = kpi_list(d->in->m, k), rows = (n + 3) / 4;
	heading(d, "Key figures", KPI_H * (double)rows);
	for (size_t i = 0; i < n; i++)
		kpi_cell(d, &k[i], MARGIN + WIDTH / 4 * (double)(i % 4), d->y - KPI_H * (double)(i / 4));
	d->y -= KPI_H * (double)rows;
}

/* ---- the trend chart, drawn like svg_trend ---- */

struct chart {
	double x0, y0, w, h;         /* plot area; y0 is its bottom */
	double lo, hi, top;          /* money axis (paise) and ratio axis (from 0) */
	double band;                 /* width of one period */
	double *v[2];                /* ROAS and cumulative ROAS per period */
	int *ok[2];
};

static const struct style TICK = { 0, 7, C_MUTED, RIGHT, 0 };

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
static double chart_data(struct doc *d, const struct trend *t, struct chart *c)
{
	double rmax = 0, crev = 0, cspend = 0;
	for (int k = 0; k < 2; k++) {
		c->v[k] = alloc(d, t->n, sizeof(double));
		c->ok[k] = alloc(d, t->n, sizeof(int));
	}
	for (size_t i = 0; i < t->n; i++) {
		double rev = (double)t->p[i].revenue, spend = t->p[i].spend;
		c->hi = rev > c->hi ? rev : c->hi;
		c->hi = spend > c->hi ? spend : c->hi;
		c->lo = rev < c->lo ? rev : c->lo;
		crev += rev;
		cspend += spend;
		c->ok[0][i] = spend > 0;
		c->v[0][i] = spend > 0 ? rev / spend : 0;
		c->ok[1][i] = cspend > 0;
		c->v[1][i] = cspend > 0 ? crev / cspend : 0;
		for (int k = 0; k < 2; k++)
			rmax = c->ok[k][i] && c->v[k][i] > rmax ? c->v[k][i] : rmax;
	}
	return rmax;
}

/* Left axis: round money ticks and grid lines; the plot starts right of
 * the widest label. */
static void money_axis(struct doc *d, struct chart *c)
{
	double t[16], widest = 0;
	char s[16][FMT_MAX];
	size_t n = svg_ticks(c->lo, c->hi, t, 6);
	c->lo = t[0] < c->lo ? t[0] : c->lo;
	c->hi = t[n - 1] > c->hi ? t[n - 1] : c->hi;
	for (size_t i = 0; i < n; i++) {
		fmt_inr(t[i], s[i]);
		double w = width_of(d, &TICK, s[i], strlen(s[i])) + 6;
		widest = w > widest ? w : widest;
	}
	c->x0 += widest;
	c->w -= widest;
	pen(d->page, C_LINE, 0.6, 0);
	for (size_t i = 0; i < n; i++) {
		segment(d->page, c->x0, y_money(c, t[i]), c->x0 + c->w, y_money(c, t[i]));
		put(d, &TICK, c->x0 - 5, y_money(c, t[i]) - 2.5, s[i]);
	}
}

/* Right axis: ROAS ticks from 0 to past the largest ratio and the baseline. */
static void ratio_axis(struct doc *d, struct chart *c, double rmax)
{
	double t[16], hi = (rmax > d->in->m->baseline ? rmax : d->in->m->baseline) * 1.1;
	size_t n = svg_ticks(0, hi > 0 ? hi : 1, t, 6);
	struct style st = TICK;
	st.align = LEFT;
	st.maxw = MARGIN + WIDTH - (c->x0 + c->w + 5);
	c->top = t[n - 1] > hi ? t[n - 1] : hi;
	for (size_t i = 0; i < n; i++) {
		char s[FMT_MAX];
		snprintf(s, sizeof(s), "%.1f", t[i]);
		put(d, &st, c->x0 + c->w + 5, y_ratio(c, t[i]) - 2.5, s);
	}
	put(d, &st, c->x0 + c->w + 5, c->y0 + c->h + 8, "ROAS");
}

static void bars(struct doc *d, const struct trend *t, const struct chart *c)
{
	double y0 = y_money(c, 0), bw = c->band * 0.4;
	for (size_t i = 0; i < t->n; i++) {
		double x = c->x0 + c->band * (double)i, yr = y_money(c, (double)t->p[i].revenue);
		box(d->page, C_REV, (struct rect){ x + c->band * 0.1, yr < y0 ? yr : y0, bw, yr < y0 ? y0 - yr : yr - y0 });
		box(d->page, C_SPEND, (struct rect){ x + c->band * 0.5, y0, bw, y_money(c, t->p[i].spend) - y0 });
	}
}

/* Series k: one stroke per run of defined points, and dots. */
static void ratio_line(struct doc *d, const struct chart *c, size_t n, int k)
{
	static const unsigned color[2] = { C_ROAS, C_CUM };
	const double *v = c->v[k];
	const int *ok = c->ok[k];
	pen(d->page, color[k], 1.6, k ? 2 : 0);
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
	HPDF_Page_SetRGBFill(d->page, RGB(color[k]));
	for (size_t i = 0; i < n; i++) /* every point when there is room, else the lone ones */
		if (ok[i] && (c->band >= 6 || ((i == 0 || !ok[i - 1]) && (i + 1 == n || !ok[i + 1])))) {
			HPDF_Page_Circle(d->page, (HPDF_REAL)(c->x0 + c->band * ((double)i + 0.5)), (HPDF_REAL)y_ratio(c, v[i]), 1.8f);
			HPDF_Page_Fill(d->page);
		}
}

static void x_labels(struct doc *d, const struct trend *t, const struct chart *c)
{
	struct style st = TICK;
	st.align = CENTER;
	size_t every = (size_t)((width_of(d, &st, "0000-00-00", 10) + 8) / c->band) + 1;
	for (size_t i = 0; i < t->n; i += every) {
		char label[11];
		trend_label(t->grain, t->p[i].start, label);
		put(d, &st, c->x0 + c->band * ((double)i + 0.5), c->y0 - 11, label);
	}
}

static void legend(struct doc *d, double x, double y)
{
	static const struct {
		const char *name;
		unsigned color;
		HPDF_UINT16 dash;        /* 1: a bar; else a line dashed this long, 0 solid */
	} item[] = { { "Revenue", C_REV, 1 }, { "Spend", C_SPEND, 1 }, { "ROAS", C_ROAS, 0 },
		     { "Cumulative ROAS", C_CUM, 2 }, { "Baseline", C_BAD, 6 } };
	const struct style st = { 0, 7.5, C_FG, LEFT, 0 };
	for (size_t i = 0; i < sizeof(item) / sizeof(item[0]); i++) {
		if (item[i].dash == 1)
			box(d->page, item[i].color, (struct rect){ x, y - 1, 8, 8 });
		pen(d->page, item[i].color, 1.6, item[i].dash == 1 ? 0 : item[i].dash);
		if (item[i].dash != 1)
			segment(d->page, x, y + 3, x + 14, y + 3);
		x += item[i].dash == 1 ? 11 : 17;
		put(d, &st, x, y, item[i].name);
		x += width_of(d, &st, item[i].name, strlen(item[i].name)) + 14;
	}
}

/* The axes, bars, baseline and lines of a trend with data. */
static void plot(struct doc *d, const struct trend *t, struct chart *c, double rmax)
{
	double b = d->in->m->baseline;
	money_axis(d, c);
	ratio_axis(d, c, rmax);
	c->band = c->w / (double)t->n;
	bars(d, t, c);
	pen(d->page, C_BAD, 1.2, 6);
	segment(d->page, c->x0, y_ratio(c, b), c->x0 + c->w, y_ratio(c, b));
	ratio_line(d, c, t->n, 0);
	ratio_line(d, c, t->n, 1);
	pen(d->page, C_MUTED, 0.8, 0);
	segment(d->page, c->x0, y_money(c, 0), c->x0 + c->w, y_money(c, 0));
	x_labels(d, t, c);
}

static void chart(struct doc *d)
{
	static const struct trend none = { GRAIN_DAY, NULL, 0, 0 };
	const struct trend *t = d->in->trend ? d->in->trend : &none;
	char s[64];
	snprintf(s, sizeof(s), "Revenue, spend and ROAS by %s", grain_name[t->grain]);
	heading(d, s, 200);
	struct chart c = { MARGIN, d->y - 190, WIDTH - 28, 160, 0, 0, 1, 1, { NULL, NULL }, { NULL, NULL } };
	double rmax = chart_data(d, t, &c);
	if (c.hi - c.lo < 0.5) { /* not even half a paisa to show */
		note(d, "No revenue or spend in the selected range.");
		return;
	}
	legend(d, MARGIN, d->y - 10);
	plot(d, t, &c, rmax);
	d->y -= 204;
}

/* ---- the tables ---- */

static const char *text_of(const struct metrics *m, uint32_t id)
{
	const char *s = strpool_get(&m->ds->pool, id);
	return *s ? s : "(none)";
}

static void influencers(struct doc *d, int bottom)
{
	static const struct column col[] = { { "Influencer", 150, LEFT }, { "ID", 75, LEFT }, { "Revenue", 80, RIGHT },
					     { "Spend", 80, RIGHT }, { "ROAS", 45, RIGHT }, { "", WIDTH - 430, LEFT } };
	const struct table t = { col, 6 };
	const struct metrics *m = d->in->m;
	const struct infl_row **row = alloc(d, TOP_N, sizeof(*row));
	size_t n = metrics_top(m, bottom, row, TOP_N);
	heading(d, bottom ? "Bottom 5 influencers by ROAS" : "Top 5 influencers by ROAS", 2 * ROW_H);
	if (n == 0)
		note(d, "No influencer with spend in the selection.");
	else
		table_head(d, &t);
	for (size_t i = 0; i < n; i++) {
		const struct ds_influencer *in = &m->ds->infl[row[i]->idx];
		struct money x;
		money_cells(m, (double)row[i]->revenue, row[i]->spend, &x);
		const char *cell[] = { text_of(m, in->name), text_of(m, in->id), x.revenue, x.spend, x.roas,
				       x.below ? "below baseline" : "" };
		table_row(d, &t, cell, (i % 2 ? ROW_STRIPE : 0) | (x.below ? ROW_FLAG : 0));
	}
}

static void personas(struct doc *d)
{
	static const struct column col[] = { { "Category", 115, LEFT }, { "Gender", 60, LEFT },
					     { "Influencers", 64, RIGHT }, { "Revenue", 75, RIGHT },
					     { "Spend", 75, RIGHT }, { "ROAS", 40, RIGHT }, { "", WIDTH - 429, LEFT } };
	const struct table t = { col, 7 };
	const struct metrics *m = d->in->m;
	struct group *g = NULL;
	long n = panels_group(m, BY_PERSONA, d->a, &g);
	char s[96];
	if (n < 0)
		fail(d, "out of memory");
	heading(d, "Best personas (category and gender) by ROAS", 2 * ROW_H);
	if (n == 0)
		note(d, "No influencers in the selection.");
	else
		table_head(d, &t);
	for (long i = 0; i < n && i < PERSONA_MAX; i++) {
		struct money x;
		money_cells(m, (double)g[i].revenue, g[i].spend, &x);
		fmt_count(g[i].count, s);
		const char *cell[] = { text_of(m, g[i].key1), text_of(m, g[i].key2), s, x.revenue, x.spend, x.roas,
				       x.below ? "below baseline" : "" };
		table_row(d, &t, cell, (i % 2 ? ROW_STRIPE : 0) | (x.below ? ROW_FLAG : 0));
	}
	if (n > PERSONA_MAX) {
		snprintf(s, sizeof(s), "%ld more personas in personas.csv.", n - PERSONA_MAX);
		d->y -= 4;
		note(d, s);
	}
}

static void payouts(struct doc *d)
{
	static const struct column col[] = { { "Basis", 150, LEFT }, { "Payouts", 80, RIGHT }, { "Total", 100, RIGHT } };
	const struct table t = { col, 3 };
	const struct metrics *m = d->in->m;
	unsigned shown = 0;
	heading(d, "Payouts by basis", 2 * ROW_H);
	for (int b = 0; b < BASIS__MAX; b++) {
		char count[FMT_MAX], total[FMT_MAX];
		const char *cell[] = { b == BASIS_NONE ? "unspecified" : ds_basis_name[b], count, total };
		if (!m->basis_count[b])
			continue;
		fmt_count(m->basis_count[b], count);
		fmt_inr((double)m->basis_total[b], total);
		if (shown == 0)
			table_head(d, &t);
		table_row(d, &t, cell, shown++ % 2 ? ROW_STRIPE : 0);
	}
	if (shown == 0)
		note(d, "No payouts in the selection.");
}

static void assumptions(struct doc *d)
{
	const struct metrics *m = d->in->m;
	const struct style st = { 0, 8, C_FG, LEFT, 0 };
	char s[4][TEXT_MAX];
	snprintf(s[0], TEXT_MAX, "Baseline ROAS b = %g: incremental revenue = revenue \xe2\x88\x92 b \xc3\x97 spend and "
		 "incremental ROAS = ROAS \xe2\x88\x92 b. Influencers and personas with a ROAS below b are flagged.",
		 m->baseline);
	snprintf(s[1], TEXT_MAX, "Spend is the payouts in the date range. With a brand, product or campaign filter, each "
		 "influencer's payouts are allocated by their share of orders inside the filter and the rest is shown as "
		 "unallocated spend%s.", m->allocates ? " (as in this report)" : "");
	snprintf(s[2], TEXT_MAX, "Payouts without a date count in every date range. Rows of influencers missing from "
		 "influencers.csv are excluded; organic revenue is only in the influencer share.");
	snprintf(s[3], TEXT_MAX, "Money is in rupees (\xe2\x82\xb9), kept to the paisa and rounded only for display "
		 "(whole rupees from \xe2\x82\xb9" "1,000); ratios are shown with 2 decimals.");
	heading(d, "Assumptions", 3 * 11.6);
	for (size_t i = 0; i < 4; i++) {
		need(d, 11.6);
		put(d, &st, MARGIN + 2, d->y - 8, "\xe2\x80\xa2");
		wrap(d, &st, 12, s[i], 4);
	}
}

/* "Page i of n" and the report's name at the foot of every page. */
static void footers(struct doc *d)
{
	const struct style left = { 0, 7, C_MUTED, LEFT, WIDTH - 90 }, right = { 0, 7.5, C_MUTED, RIGHT, 90 };
	char name[TEXT_MAX], num[64];
	snprintf(name, sizeof(name), "Influencer ROI report \xc2\xb7 dataset version %.200s \xc2\xb7 %.200s",
		 d->in->version ? d->in->version : "", d->in->generated ? d->in->generated : "");
	for (unsigned i = 0; i < d->npages; i++) {
		d->page = HPDF_GetPageByIndex(d->pdf, i);
		pen(d->page, C_LINE, 0.8, 0);
		segment(d->page, MARGIN, BOTTOM - 8, MARGIN + WIDTH, BOTTOM - 8);
		put(d, &left, MARGIN, BOTTOM - 20, name);
		snprintf(num, sizeof(num), "Page %u of %u", i + 1, d->npages);
		put(d, &right, MARGIN + WIDTH, BOTTOM - 20, num);
	}
}

/* ---- the document ---- */

/* The PDF's creation date: in->generated ("YYYY-MM-DD HH:MM ...") in UTC.
 * libharu checks the ranges; a date it rejects (2026-02-30) is left out. */
static void creation_date(struct doc *d)
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

static HPDF_Font load_font(struct doc *d, const char *path, const char *stage)
{
	d->stage = stage;
	if (!path || !*path)
		fail(d, "no font path given");
	const char *name = HPDF_LoadTTFontFromFile(d->pdf, path, HPDF_TRUE);
	if (!name)
		fail(d, "the font did not load");
	return HPDF_GetFont(d->pdf, name, "UTF-8");
}

static void build(struct doc *d)
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
	new_page(d);
	header(d);
	kpis(d);
	chart(d);
	influencers(d, 0);
	influencers(d, 1);
	personas(d);
	payouts(d);
	assumptions(d);
	footers(d);
}

/* Saves the document and appends its bytes to d->out in one piece. */
static void deliver(struct doc *d)
{
	d->stage = "writing the PDF";
	HPDF_SaveToStream(d->pdf);
	HPDF_UINT32 size = HPDF_GetStreamSize(d->pdf), got = 0, n = 1;
	HPDF_BYTE *bytes = alloc(d, size, 1);
	d->armed = 0; /* libharu reports the end of the stream as an error */
	for (; got < size && n > 0; got += n) {
		n = size - got;
		HPDF_ReadFromStream(d->pdf, bytes + got, &n);
	}
	d->armed = 1;
	if (size == 0 || got != size)
		fail(d, "the PDF stream is short");
	d->code = 0;
	HPDF_ResetError(d->pdf);
	if (buf_append(d->out, bytes, size) < 0)
		fail(d, "the PDF is over the output size limit");
}

/* Builds and saves the document; a failure anywhere jumps back here and
 * returns with d->stage still set. Nothing but d is live across setjmp. */
static void run(struct doc *d)
{
	if (setjmp(d->jmp) != 0)
		return;
	d->pdf = HPDF_New(on_error, d);
	if (!d->pdf)
		fail(d, "HPDF_New failed");
	d->armed = 1;
	build(d);
	deliver(d);
	d->stage = NULL;
}

int pdf_report(const struct pdf_input *in, struct arena *a, struct buf *out, char *err, size_t errsz)
{
	struct doc *d = in && in->m && in->m->ds ? arena_calloc(a, 1, sizeof(*d)) : NULL;
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
