/* test_strpool.c: unit tests for strpool.c (interning, the short-string comparison and hash). */
#include "testutil.h"

#include "strpool.h"

/* strpool_eq agrees with memcmp at every length up to past 16, whichever
 * byte differs. */
static void test_eq_as_memcmp(void **state)
{
	(void)state;
	char a[40], b[40];
	for (size_t n = 0; n <= 24; n++) {
		for (size_t i = 0; i < n; i++)
			a[i] = b[i] = (char)('a' + (i * 7) % 26);
		assert_true(strpool_eq(a, b, n));
		for (size_t at = 0; at < n; at++) {
			b[at] ^= 0x20;
			assert_false(strpool_eq(a, b, n));
			assert_false(strpool_eq(b, a, n));
			b[at] ^= 0x20;
		}
	}
}

/* Strings of every short length are interned once and found again; the
 * hash of a string does not depend on the bytes after it. */
static void test_intern_find(void **state)
{
	(void)state;
	struct strpool p;
	char s[32];
	assert_int_equal(strpool_init(&p), 0);
	for (size_t n = 0; n < sizeof(s); n++) {
		for (size_t i = 0; i < n; i++)
			s[i] = (char)('A' + (i * 5 + n) % 26);
		uint32_t id = strpool_intern(&p, s, n);
		assert_int_equal(strpool_intern(&p, s, n), id);
		assert_int_equal(strpool_find(&p, s, n), id);
		assert_int_equal(p.len[id], n);
		uint32_t h = strpool_hash(s, n);
		s[n] = 'x';
		assert_int_equal(strpool_hash(s, n), h);
		s[n] = 'y';
		assert_int_equal(strpool_hash(s, n), h);
	}
	assert_int_equal(strpool_find(&p, "none such", 9), UINT32_MAX);
	strpool_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_eq_as_memcmp),
		cmocka_unit_test(test_intern_find),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
