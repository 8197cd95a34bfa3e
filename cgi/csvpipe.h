/* csvpipe.h: records handed from a parsing thread to the reading thread in batches. */
#ifndef CSVPIPE_H
#define CSVPIPE_H

#include "csvread.h"

#define CSVPIPE_STOPPED (-1)  /* the reading side stopped: parse no further */
#define CSVPIPE_NOMEM (-2)

struct csvpipe;

struct csvpipe *csvpipe_new(void);
/* Starts run(arg) on a new thread: the parsing side. Returns 0 or -1. */
int csvpipe_start(struct csvpipe *p, void *(*run)(void *), void *arg);
/* Parsing side: copies one record into the pipe. Returns 0, CSVPIPE_STOPPED
 * or CSVPIPE_NOMEM. */
int csvpipe_put(struct csvpipe *p, const struct csvread_row *row);
/* Parsing side: no more records. */
void csvpipe_close(struct csvpipe *p);
/* Reading side: calls fn with every record in order until the parsing side
 * closes, then joins its thread. Returns 0, or -1 when fn asked to stop. */
int csvpipe_drain(struct csvpipe *p, csvread_fn fn, void *ctx);
/* Frees a pipe (NULL is fine); its thread must be joined. */
void csvpipe_free(struct csvpipe *p);

#endif
