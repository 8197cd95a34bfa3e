/* strpool.c: interned strings (dictionary encoding); equal strings share one id. */
#include "strpool.h"

#include <stdlib.h>
#include <string.h>

static uint32_t hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

static int rehash(struct strpool *p, uint32_t nslots)
{
	uint32_t *slots = calloc(nslots, sizeof(*slots));
	if (!slots)
		return -1;
	for (uint32_t id = 0; id < p->count; id++) {
		uint32_t i = hash(p->bytes + p->off[id], p->len[id]) & (nslots - 1);
		while (slots[i])
			i = (i + 1) & (nslots - 1);
		slots[i] = id + 1;
	}
	free(p->slots);
	p->slots = slots;
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
	memset(p, 0, sizeof(*p));
}

uint32_t strpool_find(const struct strpool *p, const char *s, size_t n)
{
	if (!p->nslots)
		return UINT32_MAX;
	uint32_t i = hash(s, n) & (p->nslots - 1);
	while (p->slots[i]) {
		uint32_t id = p->slots[i] - 1;
		if (p->len[id] == n && memcmp(p->bytes + p->off[id], s, n) == 0)
			return id;
		i = (i + 1) & (p->nslots - 1);
	}
	return UINT32_MAX;
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

uint32_t strpool_intern(struct strpool *p, const char *s, size_t n)
{
	uint32_t found = strpool_find(p, s, n);
	if (found != UINT32_MAX)
		return found;
	if (n > UINT32_MAX / 2 || p->nbytes + n + 1 > UINT32_MAX || p->count >= UINT32_MAX / 4)
		return UINT32_MAX;
	if ((p->count + 1) * 2 > p->nslots && rehash(p, p->nslots ? p->nslots * 2 : 1024) < 0)
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
	uint32_t i = hash(s, n) & (p->nslots - 1);
	while (p->slots[i])
		i = (i + 1) & (p->nslots - 1);
	p->slots[i] = id + 1;
	return id;
}
