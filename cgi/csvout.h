/* csvout.h: streaming CSV responses: cells go to a small buffer flushed to the client. */
#ifndef CSVOUT_H
#define CSVOUT_H

#include <stdint.h>

#include "app.h"
#include "buf.h"

struct csvout {
	struct request *r;
	struct buf b;
	int ncell;     /* cells in the current row */
	int failed;    /* the client went away or memory ran out */
};

/* Starts a CSV response (200, text/csv, attachment with the given file
 * name, which must already be safe). */
void csvout_begin(struct csvout *c, struct request *r, const char *filename);
/* Adds a text cell (escaped, formula-guarded). */
void csvout_text(struct csvout *c, const char *s);
/* Adds a cell the program formatted itself (a number). */
void csvout_number(struct csvout *c, const char *s);
/* Adds an integer cell. */
void csvout_int(struct csvout *c, int64_t v);
/* Ends the row (CRLF) and flushes when the buffer is large. */
void csvout_end_row(struct csvout *c);
/* True while rows are wanted: the client is there and asked for a body
 * (a HEAD gets the headers only, so a long export stops at once). */
int csvout_more(const struct csvout *c);
/* Flushes the rest. Returns 0, or -1 when writing failed. */
int csvout_finish(struct csvout *c);

#endif
