/* test_arena.c: unit tests for arena.c (alignment, zeroing, reset, limit, strndup, calloc overflow). */
#include "testutil.h"

#include "arena.h"

static void test_alloc_aligned_zeroed(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	assert_int_equal(a.limit, ARENA_DEFAULT_LIMIT);
	char *prev = NULL;
	for (size_t n = 0; n < 200; n++) {
		unsigned char *p = arena_alloc(&a, n);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
		for (size_t i = 0; i < n; i++)
			assert_int_equal(p[i], 0);
		memset(p, 0xAB, n);
		assert_true((char *)p != prev);
		prev = (char *)p;
	}
	arena_free(&a);
}

static void test_no_overlap_across_chunks(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	enum { N = 300, SZ = 1000 }; /* several 64 KiB chunks */
	unsigned char *p[N];
	for (int i = 0; i < N; i++) {
		p[i] = arena_alloc(&a, SZ);
		assert_non_null(p[i]);
		memset(p[i], i & 0xFF, SZ);
	}
	for (int i = 0; i < N; i++)
		for (int k = 0; k < SZ; k++)
			if (p[i][k] != (i & 0xFF))
				fail_msg("allocation %d byte %d overwritten", i, k);
	/* one allocation larger than a chunk */
	unsigned char *big = arena_alloc(&a, (size_t)1 << 20);
	assert_non_null(big);
	memset(big, 1, (size_t)1 << 20);
	arena_free(&a);
	assert_null(a.head);
	assert_int_equal(a.used_total, 0);
}

static void test_reset(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	for (int i = 0; i < 100; i++)
		assert_non_null(arena_alloc(&a, 4000));
	assert_true(a.used_total >= 400000);
	arena_reset(&a);
	assert_int_equal(a.used_total, 0);
	assert_non_null(a.head);
	char *p = arena_alloc(&a, 64);
	assert_non_null(p);
	for (int i = 0; i < 64; i++)
		assert_int_equal(p[i], 0); /* reused memory is zeroed again */
	/* a huge first chunk is not kept */
	arena_free(&a);
	arena_init(&a, 0);
	assert_non_null(arena_alloc(&a, (size_t)4 << 20));
	arena_reset(&a);
	assert_null(a.head);
	assert_non_null(arena_alloc(&a, 10));
	arena_free(&a);
}

static void test_limit_new_chunk(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, (size_t)200 << 10); /* 200 KiB */
	assert_null(arena_alloc(&a, (size_t)300 << 10));
	assert_non_null(arena_alloc(&a, (size_t)150 << 10));
	assert_null(arena_alloc(&a, (size_t)100 << 10));
	assert_non_null(arena_alloc(&a, (size_t)40 << 10));
	/* after a reset the budget is back */
	arena_reset(&a);
	assert_non_null(arena_alloc(&a, (size_t)150 << 10));
	arena_free(&a);
}

/* The limit holds for allocations served from the current 64 KiB chunk too,
 * not only when a new chunk is needed (a bug once). */
static void test_limit_within_chunk(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 1024);
	void *p1 = arena_alloc(&a, 512);
	void *p2 = arena_alloc(&a, 512);
	void *p3 = arena_alloc(&a, 512); /* 1536 bytes in all: past the limit */
	size_t used = a.used_total;
	arena_free(&a);
	assert_non_null(p1);
	assert_non_null(p2);
	assert_null(p3);
	assert_true(used <= 1024);
}

static void test_calloc_and_strndup(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	assert_null(arena_calloc(&a, SIZE_MAX / 2, 4));
	int64_t *v = arena_calloc(&a, 10, sizeof(int64_t));
	assert_non_null(v);
	for (int i = 0; i < 10; i++)
		assert_true(v[i] == 0);
	char *s = arena_strndup(&a, "hello world", 5);
	assert_string_equal(s, "hello");
	char *e = arena_strndup(&a, "", 0);
	assert_string_equal(e, "");
	char *z = arena_strndup(&a, "a\0b", 3);
	assert_memory_equal(z, "a\0b\0", 4);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc_aligned_zeroed),
		cmocka_unit_test(test_no_overlap_across_chunks),
		cmocka_unit_test(test_reset),
		cmocka_unit_test(test_limit_new_chunk),
		cmocka_unit_test(test_limit_within_chunk),
		cmocka_unit_test(test_calloc_and_strndup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
