/* respcache.c: each worker's small cache of whole responses by ETag, so a repeated view costs no computation. */
#include "respcache.h"

#include <stdlib.h>
#include <string.h>

/* The ETag covers the program, path, dataset version, canonical query and
 * build, so an entry can never be stale: a new version simply stops being
 * asked for and ages out. Per-worker state, like the dataset cache: each
 * worker is its own process with its own ring, so nothing is shared or locked. */
struct entry {
	char etag[48];
	char *bytes;
	size_t len;
};

#define SLOTS 64
static struct entry ring[SLOTS];
static size_t next_slot, total;

void respcache_store(const char *etag, const struct buf *response)
{
	if (response->len == 0 || response->len > RESPCACHE_MAX_ENTRY)
		return;
	for (size_t i = 0; i < SLOTS; i++)
		if (ring[i].bytes && strcmp(ring[i].etag, etag) == 0)
			return;
	for (size_t i = 0; i < SLOTS && total + response->len > RESPCACHE_MAX_TOTAL; i++) {
		struct entry *old = &ring[(next_slot + i) % SLOTS];
		if (old->bytes) {
			total -= old->len;
			free(old->bytes);
			old->bytes = NULL;
		}
	}
	struct entry *e = &ring[next_slot];
	next_slot = (next_slot + 1) % SLOTS;
	if (e->bytes) {
		total -= e->len;
		free(e->bytes);
	}
	e->bytes = malloc(response->len);
	if (!e->bytes)
		return;
	memcpy(e->bytes, response->data, response->len);
	e->len = response->len;
	total += e->len;
	strncpy(e->etag, etag, sizeof(e->etag) - 1);
	e->etag[sizeof(e->etag) - 1] = '\0';
}

const char *respcache_find(const char *etag, size_t *len)
{
	for (size_t i = 0; i < SLOTS; i++) {
		const struct entry *e = &ring[i];
		if (e->bytes && strcmp(e->etag, etag) == 0) {
			*len = e->len;
			return e->bytes;
		}
	}
	return NULL;
}
