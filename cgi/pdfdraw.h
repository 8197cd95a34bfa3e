/* pdfdraw.h: drawing and layout on libharu for the report: text that fits, pages that turn, tables that continue. */
#ifndef PDFDRAW_H
#define PDFDRAW_H

#include <hpdf.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"

struct pdf_input; /* pdf.h: what the report shows; only pdf.c reads it */

#define PD_PAGE_H 841.89                 /* A4 portrait, in points */
#define PD_MARGIN 40.0
#define PD_WIDTH (595.276 - 2 * PD_MARGIN)
#define PD_BOTTOM (PD_MARGIN + 26.0)     /* content stops here; the footer sits below */
#define PD_ROW_H 15.0
#define PD_TEXT_MAX 640                  /* bytes of one string ever drawn */
#define PD_ELLIPSIS "\xe2\x80\xa6"

/* Colours of public/style.css, 0xRRGGBB. */
enum {
	PD_C_FG = 0x1d232b, PD_C_MUTED = 0x5b6672, PD_C_LINE = 0xdde2e8, PD_C_STRIPE = 0xf3f5f8, PD_C_REV = 0x0b5cad,
	PD_C_SPEND = 0x9aa5b1, PD_C_ROAS = 0xe07b00, PD_C_CUM = 0x2e9d57, PD_C_BAD = 0xb3261e
};
#define PD_RGB(c) (HPDF_REAL)((c) >> 16 & 0xff) / 255, (HPDF_REAL)((c) >> 8 & 0xff) / 255, (HPDF_REAL)((c) & 0xff) / 255

enum pd_align { PD_LEFT, PD_RIGHT, PD_CENTER };

/* How a piece of text is drawn; maxw > 0 shortens it with an ellipsis. */
struct pd_style {
	int bold;
	double size;
	unsigned color;
	enum pd_align align;
	double maxw;
};

/* The document being built. It lives in the arena, not on the stack of the
 * function that calls setjmp, so its fields keep their values when the
 * libharu error handler jumps back. */
struct pd_doc {
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

struct pd_rect { double x, y, w, h; };
struct pd_column { const char *title; double width; enum pd_align align; };
struct pd_table { const struct pd_column *col; size_t ncol; };

enum { PD_ROW_HEAD = 1, PD_ROW_STRIPE = 2, PD_ROW_FLAG = 4 };

void HPDF_STDCALL pd_on_error(HPDF_STATUS code, HPDF_STATUS detail, void *user);
_Noreturn void pd_fail(struct pd_doc *d, const char *why);
void *pd_alloc(struct pd_doc *d, size_t count, size_t size);
/* Length of the valid UTF-8 sequence at s (and its code point), or 0. */
size_t pd_u8_decode(const unsigned char *s, uint32_t *cp);
/* Copies s into out as text safe to draw, cut at a character boundary: a
 * bad byte becomes '?', a control character a space, and a character beyond
 * U+FFFF (which libharu 2.3.0 neither measures nor draws reliably) U+FFFD.
 * So an untrusted name can look odd but never break the layout. */
void pd_clean(const char *s, char *out, size_t outsz);
/* Width in points of n bytes of clean text. */
double pd_width_of(const struct pd_doc *d, const struct pd_style *st, const char *s, size_t n);
/* Cleans s into out, shortened with an ellipsis to st->maxw points.
 * libharu does not kern, so a text is as wide as its characters together. */
void pd_fit(const struct pd_doc *d, const struct pd_style *st, const char *s, char out[PD_TEXT_MAX]);
/* Sets the stroke colour and width, dashed when on > 0. */
void pd_pen(HPDF_Page p, unsigned rgb, double width, HPDF_UINT16 on);
void pd_segment(HPDF_Page p, double x1, double y1, double x2, double y2);
void pd_box(HPDF_Page p, unsigned rgb, struct pd_rect r);
/* Draws s with its baseline at y, aligned on x, shortened to st->maxw. */
void pd_put(struct pd_doc *d, const struct pd_style *st, double x, double y, const char *s);
void pd_new_page(struct pd_doc *d);
/* Makes room for a block h points tall, starting a new page when it would
 * run into the footer. Returns 1 when it started one. */
int pd_need(struct pd_doc *d, double h);
/* One line of text at the left margin plus indent. */
void pd_line(struct pd_doc *d, const struct pd_style *st, double indent, const char *s);
void pd_note(struct pd_doc *d, const char *s);
/* Bytes of p that make one line of at most st->maxw points: all of p when it
 * fits, else up to the last space that fits; 0 when the first word is too long. */
size_t pd_line_break(const struct pd_doc *d, const struct pd_style *st, const char *p);
/* Text broken at spaces into at most maxlines lines of the content width
 * less indent. What a last line cannot hold, or a word longer than a line,
 * is shortened with an ellipsis and ends the text. */
void pd_wrap(struct pd_doc *d, const struct pd_style *st, double indent, const char *s, int maxlines);
/* A section title, kept on one page with the first keep points below it. */
void pd_heading(struct pd_doc *d, const char *s, double keep);
/* One row: the column titles with PD_ROW_HEAD, else the cells; with PD_ROW_FLAG
 * the last cell is drawn as a warning. */
void pd_row_cells(struct pd_doc *d, const struct pd_table *t, const char *const *cell, unsigned flags);
void pd_table_head(struct pd_doc *d, const struct pd_table *t);
void pd_table_row(struct pd_doc *d, const struct pd_table *t, const char *const *cell, unsigned flags);

#endif
