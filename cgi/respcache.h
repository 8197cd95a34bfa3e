/* respcache.h: each worker's small cache of whole responses by ETag, so a repeated view costs no computation. */
#ifndef RESPCACHE_H
#define RESPCACHE_H

#include "app.h"
#include "buf.h"

#define RESPCACHE_MAX_ENTRY ((size_t)1 << 20)   /* larger responses are never kept */
#define RESPCACHE_MAX_TOTAL ((size_t)8 << 20)   /* per worker */

/* Keeps a copy of a complete response (headers and body) under its ETag,
 * dropping the oldest entries to stay within RESPCACHE_MAX_TOTAL. */
void respcache_store(const char *etag, const struct buf *response);
/* Sends the kept response for r->etag; returns 1 when it did, else 0. */
int respcache_serve(struct request *r);

#endif
