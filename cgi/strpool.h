/* strpool.h: interned strings (dictionary encoding); equal strings share one id. */
#ifndef STRPOOL_H
#define STRPOOL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Id 0 is always the empty string. */
struct strpool {
	char *bytes;
	size_t nbytes, abytes;
	uint32_t *off;       /* offset of string id i in bytes */
	uint32_t *len;
	uint32_t count, acount;
	uint32_t *slots;     /* open-addressing table of id+1, 0 = free */
	uint64_t *wide;      /* the same table with each hash beside it, while
	                      * building; NULL in a mapped pool */
	uint32_t nslots;
};

/* Starts a pool holding only "". Returns 0 or -1 when out of memory. */
int strpool_init(struct strpool *p);
void strpool_free(struct strpool *p);
/* Returns the id of [s, s+n), adding it when new; UINT32_MAX when out of
 * memory or the pool would pass 4 GiB. */
uint32_t strpool_intern(struct strpool *p, const char *s, size_t n);
/* The hash strpool_intern uses; strpool_intern_hashed takes it computed. */
uint32_t strpool_hash(const char *s, size_t n);
uint32_t strpool_intern_hashed(struct strpool *p, const char *s, size_t n, uint32_t h);
/* Adds [s, s+n) under a new id that strpool_find never returns: for text
 * that is kept but never looked up. UINT32_MAX when out of memory. */
uint32_t strpool_append(struct strpool *p, const char *s, size_t n);
/* Makes room for count strings of nbytes bytes in all (NULs included)
 * before they are added. Returns 0 or -1 when out of memory. */
int strpool_reserve(struct strpool *p, uint32_t count, size_t nbytes);
/* Returns the id of [s, s+n) or UINT32_MAX when absent. */
uint32_t strpool_find(const struct strpool *p, const char *s, size_t n);
/* memcmp(a, b, n) == 0, without a call for the short strings most values
 * are: loads that may overlap, never past a + n or b + n. */
static inline int strpool_eq(const char *a, const char *b, size_t n)
{
	uint64_t x, y, u, v;
	uint32_t p, q, r, t;
	if (n > 16)
		return memcmp(a, b, n) == 0;
	if (n >= 8) {
		memcpy(&x, a, 8), memcpy(&y, b, 8), memcpy(&u, a + n - 8, 8), memcpy(&v, b + n - 8, 8);
		return x == y && u == v;
	}
	if (n >= 4) {
		memcpy(&p, a, 4), memcpy(&q, b, 4), memcpy(&r, a + n - 4, 4), memcpy(&t, b + n - 4, 4);
		return p == q && r == t;
	}
	return n == 0 || (a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1]);
}

/* NUL-terminated string of an id; owned by the pool. */
static inline const char *strpool_get(const struct strpool *p, uint32_t id)
{
	return p->bytes + p->off[id];
}

#endif
