/* pdfdraw.c: drawing and layout on libharu for the report: text that fits, pages that turn, tables that continue. */
#include "pdfdraw.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

void HPDF_STDCALL pd_on_error(HPDF_STATUS code, HPDF_STATUS detail, void *user)
{
	struct pd_doc *d = user;
	if (!d->code) {
		d->code = code;
		d->detail = detail;
	}
	if (d->armed)
		longjmp(d->jmp, 1);
}

_Noreturn void pd_fail(struct pd_doc *d, const char *why)
{
	d->why = why;
	longjmp(d->jmp, 1);
}

void *pd_alloc(struct pd_doc *d, size_t count, size_t size)
{
	void *p = arena_calloc(d->a, count ? count : 1, size);
	if (!p)
		pd_fail(d, "out of memory");
	return p;
}

/* ---- text: cleaning, measuring, shortening, drawing ---- */

/* Length of the valid UTF-8 sequence at s (and its code point), or 0. */
size_t pd_u8_decode(const unsigned char *s, uint32_t *cp)
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
void pd_clean(const char *s, char *out, size_t outsz)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t o = 0;
	while (*p) {
		uint32_t cp = 0;
		size_t n = pd_u8_decode(p, &cp);
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
double pd_width_of(const struct pd_doc *d, const struct pd_style *st, const char *s, size_t n)
{
	return HPDF_Font_TextWidth(st->bold ? d->bold : d->font, (const HPDF_BYTE *)s, (HPDF_UINT)n).width * st->size / 1000.0;
}

/* Cleans s into out, shortened with an ellipsis to st->maxw points.
 * libharu does not kern, so a text is as wide as its characters together. */
void pd_fit(const struct pd_doc *d, const struct pd_style *st, const char *s, char out[PD_TEXT_MAX])
{
	pd_clean(s, out, PD_TEXT_MAX - sizeof(PD_ELLIPSIS));
	size_t n = strlen(out), keep = 0;
	if (st->maxw <= 0 || pd_width_of(d, st, out, n) <= st->maxw)
		return;
	double room = st->maxw - pd_width_of(d, st, PD_ELLIPSIS, strlen(PD_ELLIPSIS)), w = 0;
	while (keep < n) {
		uint32_t cp;
		size_t len = pd_u8_decode((const unsigned char *)out + keep, &cp);
		if (len == 0 || (w += pd_width_of(d, st, out + keep, len)) > room)
			break;
		keep += len;
	}
	while (keep > 0 && out[keep - 1] == ' ')
		keep--;
	memcpy(out + keep, PD_ELLIPSIS, sizeof(PD_ELLIPSIS));
}

/* Sets the stroke colour and width, dashed when on > 0. */
void pd_pen(HPDF_Page p, unsigned rgb, double width, HPDF_UINT16 on)
{
	const HPDF_UINT16 pattern[2] = { on, on > 4 ? 4 : 3 };
	HPDF_Page_SetRGBStroke(p, PD_RGB(rgb));
	HPDF_Page_SetLineWidth(p, (HPDF_REAL)width);
	HPDF_Page_SetDash(p, on ? pattern : NULL, on ? 2 : 0, 0);
}

void pd_segment(HPDF_Page p, double x1, double y1, double x2, double y2)
{
	HPDF_Page_MoveTo(p, (HPDF_REAL)x1, (HPDF_REAL)y1);
	HPDF_Page_LineTo(p, (HPDF_REAL)x2, (HPDF_REAL)y2);
	HPDF_Page_Stroke(p);
}


void pd_box(HPDF_Page p, unsigned rgb, struct pd_rect r)
{
	HPDF_Page_SetRGBFill(p, PD_RGB(rgb));
	HPDF_Page_Rectangle(p, (HPDF_REAL)r.x, (HPDF_REAL)r.y, (HPDF_REAL)r.w, (HPDF_REAL)r.h);
	HPDF_Page_Fill(p);
}

/* Draws s with its baseline at y, aligned on x, shortened to st->maxw. */
void pd_put(struct pd_doc *d, const struct pd_style *st, double x, double y, const char *s)
{
	char t[PD_TEXT_MAX];
	pd_fit(d, st, s, t);
	if (!t[0])
		return;
	double w = st->align == PD_LEFT ? 0 : pd_width_of(d, st, t, strlen(t));
	x -= st->align == PD_RIGHT ? w : st->align == PD_CENTER ? w / 2 : 0;
	HPDF_Page_SetRGBFill(d->page, PD_RGB(st->color));
	HPDF_Page_BeginText(d->page);
	HPDF_Page_SetFontAndSize(d->page, st->bold ? d->bold : d->font, (HPDF_REAL)st->size);
	HPDF_Page_TextOut(d->page, (HPDF_REAL)x, (HPDF_REAL)y, t);
	HPDF_Page_EndText(d->page);
}

/* ---- layout: a cursor moving down the page, turning pages ---- */

void pd_new_page(struct pd_doc *d)
{
	d->page = HPDF_AddPage(d->pdf);
	HPDF_Page_SetSize(d->page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
	d->npages++;
	d->y = PD_PAGE_H - PD_MARGIN;
}

/* Makes room for a block h points tall, starting a new page when it would
 * run into the footer. Returns 1 when it started one. */
int pd_need(struct pd_doc *d, double h)
{
	if (d->y - h >= PD_BOTTOM)
		return 0;
	pd_new_page(d);
	return 1;
}

/* One line of text at the left margin plus indent. */
void pd_line(struct pd_doc *d, const struct pd_style *st, double indent, const char *s)
{
	pd_need(d, st->size * 1.45);
	pd_put(d, st, PD_MARGIN + indent, d->y - st->size, s);
	d->y -= st->size * 1.45;
}

void pd_note(struct pd_doc *d, const char *s)
{
	const struct pd_style st = { 0, 8.5, PD_C_MUTED, PD_LEFT, PD_WIDTH };
	pd_line(d, &st, 0, s);
}

/* Bytes of p that make one line of at most st->maxw points: all of p when it
 * fits, else up to the last space that fits; 0 when the first word is too long. */
size_t pd_line_break(const struct pd_doc *d, const struct pd_style *st, const char *p)
{
	size_t n = strlen(p), cut = 0;
	if (pd_width_of(d, st, p, n) <= st->maxw)
		return n;
	for (size_t i = 0; i < n && (p[i] != ' ' || pd_width_of(d, st, p, i) <= st->maxw); i++)
		cut = p[i] == ' ' ? i : cut;
	return cut;
}

/* Text broken at spaces into at most maxlines lines of the content width
 * less indent. What a last line cannot hold, or a word longer than a line,
 * is shortened with an ellipsis and ends the text. */
void pd_wrap(struct pd_doc *d, const struct pd_style *st, double indent, const char *s, int maxlines)
{
	char text[PD_TEXT_MAX], *p = text;
	struct pd_style ls = *st;
	ls.maxw = PD_WIDTH - indent;
	pd_clean(s, text, sizeof(text));
	for (int ln = 0; ln < maxlines; ln++) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		size_t cut = ln == maxlines - 1 ? 0 : pd_line_break(d, &ls, p);
		cut = cut ? cut : strlen(p);
		char keep = p[cut];
		p[cut] = '\0';
		pd_line(d, &ls, indent, p);
		p[cut] = keep;
		p += cut;
	}
}

/* A section title, kept on one page with the first keep points below it. */
void pd_heading(struct pd_doc *d, const char *s, double keep)
{
	const struct pd_style st = { 1, 12, PD_C_FG, PD_LEFT, PD_WIDTH };
	pd_need(d, 32 + keep);
	pd_put(d, &st, PD_MARGIN, d->y - 24, s);
	d->y -= 32;
}

/* ---- tables that continue on the next page with their titles ---- */


/* One row: the column titles with PD_ROW_HEAD, else the cells; with PD_ROW_FLAG
 * the last cell is drawn as a warning. */
void pd_row_cells(struct pd_doc *d, const struct pd_table *t, const char *const *cell, unsigned flags)
{
	int head = flags & PD_ROW_HEAD;
	if (flags & PD_ROW_STRIPE)
		pd_box(d->page, PD_C_STRIPE, (struct pd_rect){ PD_MARGIN, d->y - PD_ROW_H, PD_WIDTH, PD_ROW_H });
	double x = PD_MARGIN;
	for (size_t i = 0; i < t->ncol; x += t->col[i++].width) {
		const struct pd_column *c = &t->col[i];
		int warn = (flags & PD_ROW_FLAG) && i == t->ncol - 1;
		struct pd_style st = { head || warn, head ? 7.5 : 8.5, head ? PD_C_MUTED : warn ? PD_C_BAD : PD_C_FG, c->align,
				    c->width - 8 };
		pd_put(d, &st, c->align == PD_RIGHT ? x + c->width - 4 : x + 4, d->y - PD_ROW_H + 4.5, head ? c->title : cell[i]);
	}
	d->y -= PD_ROW_H;
}

void pd_table_head(struct pd_doc *d, const struct pd_table *t)
{
	pd_row_cells(d, t, NULL, PD_ROW_HEAD);
	pd_pen(d->page, PD_C_MUTED, 0.6, 0);
	pd_segment(d->page, PD_MARGIN, d->y + 1, PD_MARGIN + PD_WIDTH, d->y + 1);
}

void pd_table_row(struct pd_doc *d, const struct pd_table *t, const char *const *cell, unsigned flags)
{
	if (pd_need(d, PD_ROW_H))
		pd_table_head(d, t);
	pd_row_cells(d, t, cell, flags);
}

