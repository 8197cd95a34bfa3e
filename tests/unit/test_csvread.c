/* test_csvread.c: unit tests for csvread.c (RFC 4180 records, line numbers, limits, UTF-8 flags). */
#include "testutil.h"

#include "csvread.h"

#define MAXREC 16

/* Every record delivered, copied out of the reader. */
struct rec {
	long line;
	size_t nfields;
	size_t bad_utf8;
	char text[256]; /* fields joined with '|' */
};

struct collect {
	size_t n;
	struct rec r[MAXREC];
	size_t stop_after; /* return -1 on this record (1-based); 0 = never */
};

static int on_rec(void *ctx, const struct csvread_row *row)
{
	struct collect *c = ctx;
	assert_true(c->n < MAXREC);
	struct rec *r = &c->r[c->n++];
	r->line = row->line;
	r->nfields = row->nfields;
	r->bad_utf8 = row->bad_utf8;
	size_t o = 0;
	for (size_t i = 0; i < row->nfields; i++) {
		assert_int_equal(row->field[i][row->len[i]], '\0');
		if (i && o + 1 < sizeof(r->text))
			r->text[o++] = '|';
		for (size_t k = 0; k < row->len[i] && o + 1 < sizeof(r->text); k++)
			r->text[o++] = row->field[i][k];
	}
	r->text[o] = '\0';
	return c->stop_after && c->n == c->stop_after ? -1 : 0;
}

static enum csvread_status parse(const char *s, size_t n, struct collect *c, long *fail)
{
	memset(c, 0, sizeof(*c));
	*fail = -42;
	return csvread_mem(s, n, on_rec, c, fail);
}

#define PARSE(lit, c, fail) parse((lit), sizeof(lit) - 1, (c), (fail))

static void test_simple_and_bom(void **state)
{
	(void)state;
	struct collect c;
	long fail;
	assert_int_equal(PARSE("\xEF\xBB\xBF" "a,b\n1,2\n", &c, &fail), CSVREAD_OK);
	assert_int_equal(c.n, 2);
	assert_string_equal(c.r[0].text, "a|b"); /* the BOM is not part of the first name */
	assert_int_equal(c.r[0].line, 1);
	assert_string_equal(c.r[1].text, "1|2");
	assert_int_equal(c.r[1].line, 2);
	/* no trailing newline */
	assert_int_equal(PARSE("a,b\n1,2", &c, &fail), CSVREAD_OK);
	assert_int_equal(c.n, 2);
	assert_string_equal(c.r[1].text, "1|2");
	/* empty fields are fields */
	assert_int_equal(PARSE("a,,c\n,,\n", &c, &fail), CSVREAD_OK);
	assert_int_equal(c.r[0].nfields, 3);
	assert_string_equal(c.r[0].text, "a||c");
	assert_int_equal(c.r[1].nfields, 3);
}

static void test_crlf(void **state)
{
	(void)state;
	struct collect c;
	long fail;
	assert_int_equal(PARSE("a,b\r\n1,2\r\n3,4\r\n", &c, &fail), CSVREAD_OK);
	assert_int_equal(c.n, 3);
	assert_string_equal(c.r[0].text, "a|b");
	assert_string_equal(c.r[1].text, "1|2"); /* no stray CR in the last field */
	assert_string_equal(c.r[2].text, "3|4");
	assert_int_equal(c.r[2].line, 3);
}

static void test_quoting(void **state)
{
	(void)state;
	struct collect c;
	long fail;
	const char csv[] = "h1,h2\n"
			   "\"a,b\",\"say \"\"hi\"\"\"\n"
			   "\"multi\nline\nvalue\",x\n"
			   "last,\"\"\n";
	assert_int_equal(PARSE(csv, &c, &fail), CSVREAD_OK);
	assert_int_equal(c.n, 4);
	assert_string_equal(c.r[1].text, "a,b|say \"hi\"");
	assert_int_equal(c.r[1].line, 2);
	assert_string_equal(c.r[2].text, "multi\nline\nvalue|x");
	assert_int_equal(c.r[2].line, 3);
	assert_string_equal(c.r[3].text, "last|");
	assert_int_equal(c.r[3].line, 6); /* after the three-line record */
	/* quoted CRLF inside a CRLF file */
	assert_int_equal(PARSE("h\r\n\"x\r\ny\"\r\nz\r\n", &c, &fail), CSVREAD_OK);
	assert_int_equal(c.n, 3);
	assert_string_equal(c.r[1].text, "x\r\ny");
	assert_int_equal(c.r[2].line, 4);
}

static void test_blank_lines(void **state)
{
	(void)state;
	struct collect c;
	long fail;
	assert_int_equal(PARSE("a,b\n\n1,2\n   \n\r\n3,4\n\n", &c, &fail), CSVREAD_OK);
	assert_int_equal(c.n, 3);
	assert_int_equal(c.r[0].line, 1);
	assert_string_equal(c.r[1].text, "1|2");
	assert_int_equal(c.r[1].line, 3);
	assert_string_equal(c.r[2].text, "3|4");
	assert_int_equal(c.r[2].line, 6);
	/* blank lines before the header */
	assert_int_equal(PARSE("\n\nh\nv\n", &c, &fail), CSVREAD_OK);
	assert_int_equal(c.n, 2);
	assert_int_equal(c.r[0].line, 3);
	assert_int_equal(c.r[1].line, 4);
}

static void test_empty(void **state)
{
	(void)state;
	struct collect c;
	long fail;
	assert_int_equal(parse("", 0, &c, &fail), CSVREAD_EMPTY);
	assert_int_equal(fail, 1);
	assert_int_equal(c.n, 0);
	assert_int_equal(PARSE("\xEF\xBB\xBF", &c, &fail), CSVREAD_EMPTY);
	assert_int_equal(fail, 1);
	assert_int_equal(PARSE("\xEF\xBB\xBF\r\n\n  \n", &c, &fail), CSVREAD_EMPTY);
	assert_int_equal(fail, 1);
	assert_int_equal(c.n, 0);
}

/* An unterminated quote is reported (libcsv 3.0.3 honours CSV_STRICT_FINI
 * only in strict mode, so without CSV_STRICT the open field once swallowed
 * the rest of the file). */
static void test_unterminated_quote(void **state)
{
	(void)state;
	struct collect c;
	long fail;
	assert_int_equal(PARSE("a,b\n1,2\n3,\"never\nclosed\n", &c, &fail), CSVREAD_QUOTE);
	assert_int_equal(fail, 3); /* where the broken record starts */
	assert_int_equal(c.n, 2);
}

static void test_too_wide(void **state)
{
	(void)state;
	struct collect c;
	long fail;
	struct buf b;
	buf_init(&b, 0);
	buf_puts(&b, "h\n");
	for (int i = 0; i < CSVREAD_MAX_FIELDS; i++)
		buf_puts(&b, i ? ",x" : "x");
	buf_putc(&b, '\n');
	/* exactly the limit is fine */
	assert_int_equal(parse(b.data, b.len, &c, &fail), CSVREAD_OK);
	assert_int_equal(c.n, 2);
	assert_int_equal(c.r[1].nfields, CSVREAD_MAX_FIELDS);
	/* one more column on line 3 */
	for (int i = 0; i <= CSVREAD_MAX_FIELDS; i++)
		buf_puts(&b, i ? ",y" : "y");
	buf_putc(&b, '\n');
	assert_int_equal(parse(b.data, b.len, &c, &fail), CSVREAD_TOO_WIDE);
	assert_int_equal(fail, 3);
	assert_int_equal(c.n, 2);
	buf_free(&b);
}

/* A line holding one field of flen bytes after a header line. */
static enum csvread_status parse_long_field(size_t flen, struct collect *c, long *fail)
{
	char *big = malloc(flen + 8);
	assert_non_null(big);
	memcpy(big, "h\nv\n", 4);
	memset(big + 4, 'z', flen);
	big[4 + flen] = '\n';
	enum csvread_status st = parse(big, flen + 5, c, fail);
	free(big);
	return st;
}

static void test_too_long(void **state)
{
	(void)state;
	struct collect c;
	long fail;
	assert_int_equal(parse_long_field(2 * CSVREAD_MAX_FIELD, &c, &fail), CSVREAD_TOO_LONG);
	assert_int_equal(fail, 3);
	assert_int_equal(c.n, 2);
	assert_int_equal(parse_long_field(CSVREAD_MAX_FIELD, &c, &fail), CSVREAD_OK);
	assert_int_equal(c.n, 3);
}

/* The length limit holds for a field that ends within the 64 KiB piece
 * that crosses it (the check once ran only between pieces, letting up to
 * CSVREAD_MAX_FIELD + 64 KiB - 1 bytes through). */
static void test_too_long_boundary(void **state)
{
	(void)state;
	struct collect c;
	long fail;
	assert_int_equal(parse_long_field(CSVREAD_MAX_FIELD + 100, &c, &fail), CSVREAD_TOO_LONG);
}

static void test_bad_utf8(void **state)
{
	(void)state;
	struct collect c;
	long fail;
	assert_int_equal(PARSE("a,b,c\nok,caf\xc3\xa9,x\n1,2,\xff\n\xc3(,\xed\xa0\x80,z\n", &c, &fail), CSVREAD_OK);
	assert_int_equal(c.n, 4);
	assert_int_equal(c.r[0].bad_utf8, 0);
	assert_int_equal(c.r[1].bad_utf8, 0);
	assert_int_equal(c.r[2].bad_utf8, 3);
	assert_int_equal(c.r[3].bad_utf8, 1); /* the first bad column of the row */
	/* a NUL byte inside a field */
	assert_int_equal(parse("a,b\nx,y\0z\n", 10, &c, &fail), CSVREAD_OK);
	assert_int_equal(c.n, 2);
	assert_int_equal(c.r[1].bad_utf8, 2);
}

static void test_stop(void **state)
{
	(void)state;
	struct collect c;
	long fail = -42;
	memset(&c, 0, sizeof(c));
	c.stop_after = 2;
	const char csv[] = "a\n1\n2\n3\n";
	assert_int_equal(csvread_mem(csv, sizeof(csv) - 1, on_rec, &c, &fail), CSVREAD_STOPPED);
	assert_int_equal(c.n, 2);
	/* stopping on the header */
	memset(&c, 0, sizeof(c));
	c.stop_after = 1;
	assert_int_equal(csvread_mem(csv, sizeof(csv) - 1, on_rec, &c, &fail), CSVREAD_STOPPED);
	assert_int_equal(c.n, 1);
}

static void test_status_text(void **state)
{
	(void)state;
	for (int s = 0; s < CSVREAD__MAX; s++) {
		assert_non_null(csvread_status_text[s]);
		assert_true(strlen(csvread_status_text[s]) > 0);
	}
}

/* A digest of every record delivered, for comparing two readings. */
struct digest {
	uint64_t h;
	size_t n;
	size_t stop_after;
};

static void mix(uint64_t *h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		*h = (*h ^ b[i]) * 1099511628211ull;
}

static int on_digest(void *ctx, const struct csvread_row *row)
{
	struct digest *d = ctx;
	d->n++;
	mix(&d->h, &row->line, sizeof(row->line));
	mix(&d->h, &row->nfields, sizeof(row->nfields));
	mix(&d->h, &row->bad_utf8, sizeof(row->bad_utf8));
	for (size_t i = 0; i < row->nfields; i++) {
		assert_int_equal(row->field[i][row->len[i]], '\0');
		mix(&d->h, row->field[i], row->len[i] + 1);
	}
	return d->stop_after && d->n == d->stop_after ? -1 : 0;
}

/* Random CSV made of the pieces that matter to a reader. */
static size_t random_csv(char *out, size_t cap, unsigned *seed, size_t rows)
{
	static const char *const piece[] = { "a", "12", "\"q,\"\"x\"", "\"line\nbreak\"", "", " sp ", "\xC3\xA9",
					     "\xFF", "5\" tall", "\r", "," };
	size_t o = 0;
	for (size_t r = 0; r < rows && o + 64 < cap; r++) {
		size_t nf = 1 + (size_t)(rand_r(seed) % 4);
		for (size_t f = 0; f < nf && o + 32 < cap; f++) {
			const char *pc = piece[rand_r(seed) % (sizeof(piece) / sizeof(piece[0]))];
			o += (size_t)snprintf(out + o, cap - o, "%s%s", f ? "," : "", pc);
		}
		o += (size_t)snprintf(out + o, cap - o, "%s", rand_r(seed) % 5 ? "\n" : rand_r(seed) % 2 ? "\r\n" : "\n\n");
	}
	if (rand_r(seed) % 8 == 0 && o + 8 < cap)
		o += (size_t)snprintf(out + o, cap - o, "\"open");
	return o;
}

static void expect_same_reading(const char *s, size_t n, size_t stop_after)
{
	struct digest a = { .h = 14695981039346656037ull, .stop_after = stop_after }, b = a;
	long fa = -42, fb = -42;
	enum csvread_status sa = csvread_mem(s, n, on_digest, &a, &fa);
	enum csvread_status sb = csvread_mem_piped(s, n, on_digest, &b, &fb);
	assert_int_equal(sa, sb);
	assert_int_equal(fa, fb);
	assert_int_equal(a.n, b.n);
	assert_true(a.h == b.h);
}

/* The two-thread reader gives the same records, status and line as the
 * one-thread reader, whatever the input and wherever the callback stops. */
static void test_piped_same_as_plain(void **state)
{
	(void)state;
	static char buf[1 << 20];
	unsigned seed = 7;
	for (int round = 0; round < 300; round++) {
		size_t n = random_csv(buf, sizeof(buf), &seed, 1 + (size_t)(rand_r(&seed) % 40));
		expect_same_reading(buf, n, 0);
		expect_same_reading(buf, n, 1 + (size_t)(rand_r(&seed) % 10));
	}
	/* many batches: the parsing side waits for the reading side */
	size_t n = random_csv(buf, sizeof(buf), &seed, 60000);
	assert_true(n > 500000);
	expect_same_reading(buf, n, 0);
	expect_same_reading(buf, n, 9000);
	/* errors half-way: a field past the limit, too many columns */
	size_t o = random_csv(buf, sizeof(buf), &seed, 5000);
	memset(buf + o, 'x', CSVREAD_MAX_FIELD + 1);
	o += CSVREAD_MAX_FIELD + 1;
	o += (size_t)snprintf(buf + o, sizeof(buf) - o, "\nafter,row\n");
	expect_same_reading(buf, o, 0);
	o = random_csv(buf, sizeof(buf), &seed, 5000);
	for (int k = 0; k <= CSVREAD_MAX_FIELDS; k++)
		buf[o++] = ',';
	buf[o++] = '\n';
	expect_same_reading(buf, o, 0);
	expect_same_reading("", 0, 0);
	expect_same_reading(" \n", 2, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_simple_and_bom),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_quoting),
		cmocka_unit_test(test_blank_lines),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_unterminated_quote),
		cmocka_unit_test(test_too_wide),
		cmocka_unit_test(test_too_long),
		cmocka_unit_test(test_too_long_boundary),
		cmocka_unit_test(test_bad_utf8),
		cmocka_unit_test(test_stop),
		cmocka_unit_test(test_piped_same_as_plain),
		cmocka_unit_test(test_status_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
