/* escape.h: escaping at the point of output, one function per context. */
#ifndef ESCAPE_H
#define ESCAPE_H

#include "buf.h"

/* HTML text or attribute value (also SVG text): & < > " ' escaped. */
int esc_html(struct buf *out, const char *s);
/* One CSV cell (RFC 4180): quoted when it holds , " CR or LF; a cell that
 * starts with = + - @ TAB or CR gets a leading ' so spreadsheets do not run
 * it as a formula. */
int esc_csv_text(struct buf *out, const char *s);
/* A piece of a download file name: keeps [A-Za-z0-9._-], maps anything
 * else to '-', at most max bytes. */
int esc_filename(struct buf *out, const char *s, size_t max);

#endif
