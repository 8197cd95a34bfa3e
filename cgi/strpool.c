/* strpool.c: interned strings (dictionary encoding); equal strings share one id. */
#include "strpool.h"

#include <stdlib.h>
#include <string.h>

/* The last n < 8 bytes as one word, as memcpy into a zeroed word would
 * give them, from two loads that may overlap: byte stores into a word then
 * read whole stall the processor. */
static uint64_t tail_word(const char *s, size_t n)
{
	uint64_t w = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const unsigned char *u = (const unsigned char *)s;
	if (n >= 4) {
		uint32_t lo, hi;
		memcpy(&lo, s, 4);
		memcpy(&hi, s + n - 4, 4);
		w = (uint64_t)lo | (uint64_t)hi << ((n - 4) * 8);
	} else if (n) {
		w = (uint64_t)u[0] | (uint64_t)u[n / 2] << (n / 2 * 8) | (uint64_t)u[n - 1] << ((n - 1) * 8);
	}
#else
	memcpy(&w, s, n);
#endif
	return w;
}

/* A word at a time: most strings are short ids and names. */
static uint32_t hash(const char *s, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15ull ^ n, w;
	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdull;
		h ^= h >> 32;
	}
	w = tail_word(s, n);
	h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
	h ^= h >> 29;
	return (uint32_t)h ^ (uint32_t)(h >> 32);
}

/* Slot entries while building: the hash beside id+1, so a probe rarely
 * has to look at the string itself. */
static uint64_t wide_entry(uint32_t h, uint32_t id)
{
	return (uint64_t)h << 32 | (id + 1);
}

static int rehash(struct strpool *p, uint32_t nslots)
{
	uint32_t *slots = calloc(nslots, sizeof(*slots));
	uint64_t *wide = calloc(nslots, sizeof(*wide));
	if (!slots || !wide) {
		free(slots);
		free(wide);
		return -1;
	}
	for (uint32_t id = 0; id < p->count; id++) {
		uint32_t h = hash(p->bytes + p->off[id], p->len[id]);
		uint32_t i = h & (nslots - 1);
		while (slots[i])
			i = (i + 1) & (nslots - 1);
		slots[i] = id + 1;
		wide[i] = wide_entry(h, id);
	}
	free(p->slots);
	free(p->wide);
	p->slots = slots;
	p->wide = wide;
	p->nslots = nslots;
	return 0;
}

int strpool_init(struct strpool *p)
{
	memset(p, 0, sizeof(*p));
	return strpool_intern(p, "", 0) == 0 ? 0 : -1;
}

void strpool_free(struct strpool *p)
{
	free(p->bytes);
	free(p->off);
	free(p->len);
	free(p->slots);
	free(p->wide);
	memset(p, 0, sizeof(*p));
}

static int same(const struct strpool *p, uint32_t id, const char *s, size_t n)
{
	return p->len[id] == n && strpool_eq(p->bytes + p->off[id], s, n);
}

/* Slot of [s, s+n) with hash h, or of the free slot where it would go. */
static uint32_t probe(const struct strpool *p, uint32_t h, const char *s, size_t n)
{
	uint32_t mask = p->nslots - 1, i = h & mask;
	if (p->wide) {
		for (; p->wide[i]; i = (i + 1) & mask)
			if ((uint32_t)(p->wide[i] >> 32) == h && same(p, (uint32_t)p->wide[i] - 1, s, n))
				break;
		return i;
	}
	for (; p->slots[i]; i = (i + 1) & mask)
		if (same(p, p->slots[i] - 1, s, n))
			break;
	return i;
}

uint32_t strpool_find(const struct strpool *p, const char *s, size_t n)
{
	if (!p->nslots)
		return UINT32_MAX;
	uint32_t i = probe(p, hash(s, n), s, n);
	return p->slots[i] ? p->slots[i] - 1 : UINT32_MAX;
}

/* Grows an array of 32-bit values to hold need elements. */
static int grow32(uint32_t **a, uint32_t newcap)
{
	uint32_t *q = realloc(*a, (size_t)newcap * sizeof(**a));
	if (!q)
		return -1;
	*a = q;
	return 0;
}

int strpool_reserve(struct strpool *p, uint32_t count, size_t nbytes)
{
	if (count > p->acount) {
		if (grow32(&p->off, count) < 0 || grow32(&p->len, count) < 0)
			return -1;
		p->acount = count;
	}
	if (nbytes > p->abytes) {
		char *b = realloc(p->bytes, nbytes);
		if (!b)
			return -1;
		p->bytes = b;
		p->abytes = nbytes;
	}
	return 0;
}

/* Adds [s, s+n) as a new id without touching the table. */
static uint32_t store(struct strpool *p, const char *s, size_t n)
{
	if (n > UINT32_MAX / 2 || p->nbytes + n + 1 > UINT32_MAX || p->count >= UINT32_MAX / 4)
		return UINT32_MAX;
	if (p->count == p->acount) {
		uint32_t cap = p->acount ? p->acount * 2 : 256;
		if (grow32(&p->off, cap) < 0 || grow32(&p->len, cap) < 0)
			return UINT32_MAX;
		p->acount = cap;
	}
	if (p->nbytes + n + 1 > p->abytes) {
		size_t cap = p->abytes ? p->abytes * 2 : 4096;
		while (cap < p->nbytes + n + 1)
			cap *= 2;
		char *b = realloc(p->bytes, cap);
		if (!b)
			return UINT32_MAX;
		p->bytes = b;
		p->abytes = cap;
	}
	uint32_t id = p->count++;
	memcpy(p->bytes + p->nbytes, s, n);
	p->bytes[p->nbytes + n] = '\0';
	p->off[id] = (uint32_t)p->nbytes;
	p->len[id] = (uint32_t)n;
	p->nbytes += n + 1;
	return id;
}

uint32_t strpool_append(struct strpool *p, const char *s, size_t n)
{
	return store(p, s, n);
}

uint32_t strpool_hash(const char *s, size_t n)
{
	return hash(s, n);
}

uint32_t strpool_intern(struct strpool *p, const char *s, size_t n)
{
	return strpool_intern_hashed(p, s, n, hash(s, n));
}

uint32_t strpool_intern_hashed(struct strpool *p, const char *s, size_t n, uint32_t h)
{
	if (p->nslots) {
		uint32_t i = probe(p, h, s, n);
		if (p->slots[i])
			return p->slots[i] - 1;
	}
	if ((p->count + 1) * 2 > p->nslots && rehash(p, p->nslots ? p->nslots * 2 : 1024) < 0)
		return UINT32_MAX;
	uint32_t id = store(p, s, n);
	if (id == UINT32_MAX)
		return id;
	uint32_t i = probe(p, h, s, n);
	p->slots[i] = id + 1;
	p->wide[i] = wide_entry(h, id);
	return id;
}
