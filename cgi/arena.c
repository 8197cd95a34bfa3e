/* arena.c: per-request bump allocator; everything is released at once by arena_reset. */
#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct arena_chunk {
	struct arena_chunk *next;
	size_t size;
	size_t used;
	max_align_t data[];
};

#define ARENA_CHUNK_MIN ((size_t)64 << 10)

void arena_init(struct arena *a, size_t limit)
{
	a->head = NULL;
	a->used_total = 0;
	a->limit = limit ? limit : ARENA_DEFAULT_LIMIT;
}

void *arena_alloc(struct arena *a, size_t n)
{
	const size_t align = sizeof(max_align_t);
	if (n > a->limit)
		return NULL;
	n = (n + align - 1) / align * align;
	if (n == 0)
		n = align;
	if (n > a->limit || a->used_total > a->limit - n)
		return NULL;
	struct arena_chunk *c = a->head;
	if (!c || c->size - c->used < n) {
		size_t size = n > ARENA_CHUNK_MIN ? n : ARENA_CHUNK_MIN;
		c = malloc(sizeof(*c) + size);
		if (!c)
			return NULL;
		c->size = size;
		c->used = 0;
		c->next = a->head;
		a->head = c;
	}
	void *p = (char *)c->data + c->used;
	c->used += n;
	a->used_total += n;
	memset(p, 0, n);
	return p;
}

void *arena_calloc(struct arena *a, size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		return NULL;
	return arena_alloc(a, count * size);
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

void arena_reset(struct arena *a)
{
	struct arena_chunk *c = a->head;
	while (c && c->next) {
		struct arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	/* Keep the oldest chunk only when it is a plain one, so a huge request
	 * does not pin its memory for the life of the worker. */
	if (c && c->size > ARENA_CHUNK_MIN) {
		free(c);
		c = NULL;
	}
	if (c)
		c->used = 0;
	a->head = c;
	a->used_total = 0;
}

void arena_free(struct arena *a)
{
	while (a->head) {
		struct arena_chunk *next = a->head->next;
		free(a->head);
		a->head = next;
	}
	a->used_total = 0;
}
