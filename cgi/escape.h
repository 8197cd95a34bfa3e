/* escape.h: escaping at the point of output, one function per context. */
#ifndef ESCAPE_H
#define ESCAPE_H

#include "buf.h"

#ifdef __cplusplus
extern "C" {
#endif

/* HTML text or attribute value (also SVG text): & < > " ' escaped, and
 * text with bidirectional controls isolated as esc_bidi_isolate does. */
int esc_html(struct buf *out, const char *s);
/* True when s holds a bidirectional embedding, override or isolate control
 * (U+202A-U+202E, U+2066-U+2069). */
int esc_has_bidi(const char *s);
/* Appends s for display with its direction kept to itself: wrapped in FSI
 * (U+2068) and PDI (U+2069), its own controls balanced (a closer without
 * its opener dropped, openers left open closed at its end). So a U+202E in
 * a name reverses that name at most, never the figures beside it. */
int esc_bidi_isolate(struct buf *out, const char *s);
/* One CSV cell (RFC 4180): quoted when it holds , " CR or LF; a cell that
 * starts with = + - @ TAB or CR gets a leading ' so spreadsheets do not run
 * it as a formula. */
int esc_csv_text(struct buf *out, const char *s);
/* A piece of a download file name: keeps [A-Za-z0-9._-], maps anything
 * else to '-', at most max bytes. */
int esc_filename(struct buf *out, const char *s, size_t max);

#ifdef __cplusplus
}
#endif

#endif
