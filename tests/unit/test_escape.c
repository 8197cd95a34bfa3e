/* test_escape.c: unit tests for escape.c (HTML text, CSV cells with the formula guard, file names). */
#include "testutil.h"

#include "csvread.h"
#include "escape.h"

static const char *html(struct buf *b, const char *s)
{
	buf_reset(b);
	assert_int_equal(esc_html(b, s), 0);
	return buf_str(b);
}

#define RLO "\xe2\x80\xae"
#define PDF "\xe2\x80\xac"
#define RLI "\xe2\x81\xa7"
#define FSI "\xe2\x81\xa8"
#define PDI "\xe2\x81\xa9"

/* Bidirectional controls stay inside the text they came with. */
static void test_bidi(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	assert_false(esc_has_bidi("plain \xe2\x82\xb9 text"));
	assert_true(esc_has_bidi("a" RLO "b"));
	assert_string_equal(html(&b, "ab" RLO "c<"), FSI "ab" RLO "c&lt;" PDF PDI); /* closed, then isolated */
	assert_string_equal(html(&b, PDI RLO "x"), FSI RLO "x" PDF PDI); /* a closer of the outside is dropped */
	assert_string_equal(html(&b, RLI "a" RLO "b" PDI "c" PDF), FSI RLI "a" RLO "b" PDI "c" PDI);
	assert_string_equal(html(&b, "plain"), "plain"); /* untouched without controls */
	buf_free(&b);
}

static const char *csv(struct buf *b, const char *s)
{
	buf_reset(b);
	assert_int_equal(esc_csv_text(b, s), 0);
	return buf_str(b);
}

static const char *fname(struct buf *b, const char *s, size_t max)
{
	buf_reset(b);
	assert_int_equal(esc_filename(b, s, max), 0);
	return buf_str(b);
}

static void test_html(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	assert_string_equal(html(&b, ""), "");
	assert_string_equal(html(&b, "plain text"), "plain text");
	assert_string_equal(html(&b, "<script>alert('x&y')</script>"),
			    "&lt;script&gt;alert(&#39;x&amp;y&#39;)&lt;/script&gt;");
	assert_string_equal(html(&b, "a=\"b\""), "a=&quot;b&quot;");
	assert_string_equal(html(&b, "&amp;"), "&amp;amp;");
	assert_string_equal(html(&b, "caf\xc3\xa9 \xe2\x82\xb9"), "caf\xc3\xa9 \xe2\x82\xb9"); /* UTF-8 kept */
	/* appends rather than replaces */
	buf_reset(&b);
	buf_puts(&b, "x:");
	assert_int_equal(esc_html(&b, "<"), 0);
	assert_string_equal(buf_str(&b), "x:&lt;");
	buf_free(&b);
	/* refuses when the buffer is full */
	buf_init(&b, 4);
	assert_int_equal(esc_html(&b, "<<"), -1);
	buf_free(&b);
}

static void test_csv_plain_and_quoted(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	assert_string_equal(csv(&b, ""), "");
	assert_string_equal(csv(&b, "Asha"), "Asha");
	assert_string_equal(csv(&b, "a b"), "a b");
	assert_string_equal(csv(&b, "a,b"), "\"a,b\"");
	assert_string_equal(csv(&b, "say \"hi\""), "\"say \"\"hi\"\"\"");
	assert_string_equal(csv(&b, "\""), "\"\"\"\"");
	assert_string_equal(csv(&b, "line1\nline2"), "\"line1\nline2\"");
	assert_string_equal(csv(&b, "a\r\nb"), "\"a\r\nb\"");
	/* a guard character later in the text is harmless */
	assert_string_equal(csv(&b, "a=b"), "a=b");
	assert_string_equal(csv(&b, "x-1"), "x-1");
	buf_free(&b);
}

static void test_csv_formula_guard(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	assert_string_equal(csv(&b, "=SUM(A1:A9)"), "\"'=SUM(A1:A9)\"");
	assert_string_equal(csv(&b, "+91 98765"), "\"'+91 98765\"");
	assert_string_equal(csv(&b, "-5"), "\"'-5\"");
	assert_string_equal(csv(&b, "@handle"), "\"'@handle\"");
	assert_string_equal(csv(&b, "\tx"), "\"'\tx\"");
	assert_string_equal(csv(&b, "\rx"), "\"'\rx\"");
	assert_string_equal(csv(&b, "=HYPERLINK(\"http://e\",\"x\")"), "\"'=HYPERLINK(\"\"http://e\"\",\"\"x\"\")\"");
	assert_string_equal(csv(&b, "=1,2"), "\"'=1,2\"");
	buf_free(&b);
}

static int grab_second(void *ctx, const struct csvread_row *row)
{
	struct buf *got = ctx;
	assert_int_equal(row->nfields, 3);
	buf_reset(got);
	buf_append(got, row->field[1], row->len[1]);
	return 0;
}

/* Every escaped cell reads back, with an RFC 4180 reader, as the text
 * itself, or ' + the text when guarded. */
static void test_csv_round_trip(void **state)
{
	(void)state;
	static const char *const cells[] = {
		"plain", "a,b", "q\"uo\"te", "multi\nline", "=cmd|' /C calc'!A0", "-2+3", "@SUM(1)",
		"\ttab", "\rcr", "+", "x\r\ny",
	};
	struct buf line, got;
	buf_init(&line, 0);
	buf_init(&got, 0);
	for (size_t i = 0; i < sizeof(cells) / sizeof(cells[0]); i++) {
		buf_reset(&line);
		buf_puts(&line, "a,");
		assert_int_equal(esc_csv_text(&line, cells[i]), 0);
		buf_puts(&line, ",z\n");
		long fail;
		assert_int_equal(csvread_mem(line.data, line.len, grab_second, &got, &fail), CSVREAD_OK);
		int guarded = strchr("=+-@\t\r", cells[i][0]) != NULL;
		if (guarded) {
			assert_int_equal(got.data[0], '\'');
			assert_string_equal(got.data + 1, cells[i]);
		} else {
			assert_string_equal(buf_str(&got), cells[i]);
		}
	}
	buf_free(&line);
	buf_free(&got);
}

static void test_filename(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	assert_string_equal(fname(&b, "MuscleBlaze_2025-01.v2", 64), "MuscleBlaze_2025-01.v2");
	assert_string_equal(fname(&b, "a b/c\\d\"e", 64), "a-b-c-d-e");
	assert_string_equal(fname(&b, "../../etc/passwd", 64), "..-..-etc-passwd");
	assert_string_equal(fname(&b, "r\r\nx;y", 64), "r--x-y");
	assert_string_equal(fname(&b, "caf\xc3\xa9", 64), "caf--"); /* each non-ASCII byte */
	assert_string_equal(fname(&b, "abcdefgh", 5), "abcde");
	assert_string_equal(fname(&b, "abc", 0), "");
	assert_string_equal(fname(&b, "", 10), "");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_bidi),
		cmocka_unit_test(test_csv_plain_and_quoted),
		cmocka_unit_test(test_csv_formula_guard),
		cmocka_unit_test(test_csv_round_trip),
		cmocka_unit_test(test_filename),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
