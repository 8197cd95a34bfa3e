/* arena.h: per-request bump allocator; everything is released at once by arena_reset. */
#ifndef ARENA_H
#define ARENA_H

#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head;
	size_t used_total;
	size_t limit; /* bytes a request may take; 0 = ARENA_DEFAULT_LIMIT */
};

#define ARENA_DEFAULT_LIMIT ((size_t)512 << 20)

/* Starts an empty arena. Never fails. */
void arena_init(struct arena *a, size_t limit);
/* Returns n zeroed bytes aligned for any type, owned by the arena; NULL when
 * the limit is reached or memory is exhausted. */
void *arena_alloc(struct arena *a, size_t n);
/* Like arena_alloc for count elements of size bytes, with overflow check. */
void *arena_calloc(struct arena *a, size_t count, size_t size);
/* Copies n bytes and a NUL into the arena. NULL on failure. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* Releases everything but the first chunk, for the next request. */
void arena_reset(struct arena *a);
/* Releases everything. */
void arena_free(struct arena *a);

#endif
