/* test_buf.c: unit tests for buf.c (growth, size cap, printf, NUL termination). */
#include "testutil.h"

#include "buf.h"

static void test_empty(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap_limit, BUF_DEFAULT_LIMIT);
	assert_non_null(buf_str(&b));
	assert_string_equal(buf_str(&b), "");
	buf_reset(&b); /* on a buffer that never allocated */
	assert_string_equal(buf_str(&b), "");
	buf_free(&b);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
}

static void test_append_and_growth(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	assert_int_equal(buf_puts(&b, "abc"), 0);
	assert_int_equal(buf_putc(&b, 'd'), 0);
	assert_int_equal(buf_append(&b, "ef", 2), 0);
	assert_int_equal(buf_append(&b, NULL, 0), 0);
	assert_int_equal(b.len, 6);
	assert_string_equal(buf_str(&b), "abcdef");
	assert_true(b.alloc > b.len);
	/* many small appends: every prefix stays intact and NUL-terminated */
	for (int i = 0; i < 100000; i++) {
		assert_int_equal(buf_putc(&b, (char)('a' + i % 26)), 0);
		assert_int_equal(b.data[b.len], '\0');
	}
	assert_int_equal(b.len, 100006);
	assert_true(b.alloc >= b.len + 1);
	for (size_t i = 6; i < b.len; i++)
		if (b.data[i] != (char)('a' + (i - 6) % 26))
			fail_msg("byte %zu is wrong", i);
	buf_free(&b);
}

static void test_binary_safe(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	assert_int_equal(buf_append(&b, "a\0b", 3), 0);
	assert_int_equal(b.len, 3);
	assert_memory_equal(b.data, "a\0b", 4);
	buf_free(&b);
}

static void test_reset_keeps_allocation(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	assert_int_equal(buf_puts(&b, "hello world"), 0);
	size_t alloc = b.alloc;
	char *data = b.data;
	buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(buf_str(&b), "");
	assert_int_equal(b.alloc, alloc);
	assert_ptr_equal(b.data, data);
	assert_int_equal(buf_puts(&b, "x"), 0);
	assert_string_equal(buf_str(&b), "x");
	buf_free(&b);
}

static void test_cap_limit(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 10);
	assert_int_equal(b.cap_limit, 10);
	assert_int_equal(buf_puts(&b, "12345678"), 0);
	/* one that would pass the limit fails and leaves everything as it was */
	assert_int_equal(buf_puts(&b, "abc"), -1);
	assert_int_equal(b.len, 8);
	assert_string_equal(buf_str(&b), "12345678");
	assert_int_equal(buf_printf(&b, "%d", 123), -1);
	assert_string_equal(buf_str(&b), "12345678");
	assert_int_equal(b.len, 8);
	/* exactly up to the limit is fine */
	assert_int_equal(buf_puts(&b, "90"), 0);
	assert_int_equal(b.len, 10);
	assert_string_equal(buf_str(&b), "1234567890");
	assert_int_equal(buf_putc(&b, 'x'), -1);
	assert_int_equal(buf_append(&b, "", 0), 0);
	assert_string_equal(buf_str(&b), "1234567890");
	assert_true(b.alloc <= 11);
	/* a huge length cannot wrap around the check */
	assert_int_equal(buf_append(&b, "x", SIZE_MAX), -1);
	assert_int_equal(b.len, 10);
	buf_free(&b);
}

static int vwrap(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int vwrap(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

static void test_printf(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	assert_int_equal(buf_puts(&b, "n="), 0);
	assert_int_equal(buf_printf(&b, "%d %s %.2f", 42, "x", 1.5), 0);
	assert_string_equal(buf_str(&b), "n=42 x 1.50");
	assert_int_equal(b.len, strlen("n=42 x 1.50"));
	assert_int_equal(buf_printf(&b, "%s", ""), 0);
	assert_int_equal(b.len, strlen("n=42 x 1.50"));
	assert_int_equal(vwrap(&b, "|%05d", 7), 0);
	assert_string_equal(buf_str(&b), "n=42 x 1.50|00007");
	/* long output forces growth inside printf */
	char big[5000];
	memset(big, 'q', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	buf_reset(&b);
	assert_int_equal(buf_printf(&b, "<%s>", big), 0);
	assert_int_equal(b.len, 5001);
	assert_int_equal(b.data[0], '<');
	assert_int_equal(b.data[5000], '>');
	assert_int_equal(b.data[5001], '\0');
	buf_free(&b);
}

static void test_printf_from_empty(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	assert_int_equal(buf_printf(&b, "%s", ""), 0);
	assert_string_equal(buf_str(&b), "");
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_append_and_growth),
		cmocka_unit_test(test_binary_safe),
		cmocka_unit_test(test_reset_keeps_allocation),
		cmocka_unit_test(test_cap_limit),
		cmocka_unit_test(test_printf),
		cmocka_unit_test(test_printf_from_empty),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
