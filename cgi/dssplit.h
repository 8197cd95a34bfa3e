/* dssplit.h: the tracking file read as two halves on two threads, merged as if read in order. */
#ifndef DSSPLIT_H
#define DSSPLIT_H

#include "ingest.h"

/* Tracking files of at least this many bytes are read in two halves
 * (tests lower it to cover the split on small files). */
extern size_t dssplit_min;
/* How many second halves were merged (tests check that the split ran). */
extern long dssplit_merges;

/* The tracking file in two halves, the second on another thread into a
 * dataset of its own, merged as if read in order; whenever the second half
 * has errors or warnings, or the first did not end where it began, the
 * rest is read here in order instead, so the result, errors and line
 * numbers are those of csvread_mem. */
enum csvread_status dssplit_read(struct ingest *g, const char *data, size_t len, long *fail_line);
/* Called by dataset_ingest_row once the header is read: starts the second half. */
void dssplit_start(struct ingest *g);

#endif
