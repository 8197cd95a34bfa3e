/* respcache.h: each worker's small cache of whole responses by ETag, so a repeated view costs no computation. */
#ifndef RESPCACHE_H
#define RESPCACHE_H

#include <stddef.h>

#include "buf.h"

#define RESPCACHE_MAX_ENTRY ((size_t)1 << 20)   /* larger responses are never kept */
#define RESPCACHE_MAX_TOTAL ((size_t)8 << 20)   /* per worker */

/* Keeps a copy of a complete response (headers and body) under its ETag,
 * dropping the oldest entries to stay within RESPCACHE_MAX_TOTAL. */
void respcache_store(const char *etag, const struct buf *response);
/* The kept response (headers and body) for etag and its length in *len, or
 * NULL. The bytes stay the cache's and are valid until the next store. */
const char *respcache_find(const char *etag, size_t *len);

#endif
