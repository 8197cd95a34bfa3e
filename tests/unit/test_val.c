/* test_val.c: unit tests for val.c (ids, counts, money, dates, decimals, UTF-8, day numbers). */
#include "testutil.h"

#include "val.h"

#define S(lit) (lit), (sizeof(lit) - 1)

static enum val_err id_of(const char *s, char *out, size_t outsz)
{
	size_t n = 12345;
	enum val_err e = val_id(s, strlen(s), out, outsz, &n);
	if (e == VAL_OK)
		assert_int_equal(n, strlen(out));
	return e;
}

static void test_id(void **state)
{
	(void)state;
	char out[32];
	assert_int_equal(id_of("42.0", out, sizeof(out)), VAL_OK);
	assert_string_equal(out, "42");
	assert_int_equal(id_of("42.000", out, sizeof(out)), VAL_OK);
	assert_string_equal(out, "42");
	assert_int_equal(id_of("007", out, sizeof(out)), VAL_OK);
	assert_string_equal(out, "007");
	assert_int_equal(id_of("  \tA17 \t", out, sizeof(out)), VAL_OK);
	assert_string_equal(out, "A17");
	assert_int_equal(id_of(" 7.0 ", out, sizeof(out)), VAL_OK);
	assert_string_equal(out, "7");
	/* a non-zero fraction, a bare dot and non-numeric ids stay as written */
	assert_int_equal(id_of("42.5", out, sizeof(out)), VAL_OK);
	assert_string_equal(out, "42.5");
	assert_int_equal(id_of("42.", out, sizeof(out)), VAL_OK);
	assert_string_equal(out, "42.");
	assert_int_equal(id_of("ab.0", out, sizeof(out)), VAL_OK);
	assert_string_equal(out, "ab.0");
	assert_int_equal(id_of("", out, sizeof(out)), VAL_EMPTY);
	assert_int_equal(id_of("   \t ", out, sizeof(out)), VAL_EMPTY);
	/* too long for the buffer: outsz-1 fits, outsz does not */
	char small[4];
	assert_int_equal(id_of("abc", small, sizeof(small)), VAL_OK);
	assert_string_equal(small, "abc");
	assert_int_equal(id_of("abcd", small, sizeof(small)), VAL_RANGE);
	assert_int_equal(id_of("123.0", small, sizeof(small)), VAL_OK);
	assert_string_equal(small, "123");
}

static enum val_err count(const char *s, int64_t *v)
{
	*v = -999;
	return val_count(s, strlen(s), v);
}

static void test_count(void **state)
{
	(void)state;
	int64_t v;
	assert_int_equal(count("", &v), VAL_OK);
	assert_int_equal(v, 0);
	assert_int_equal(count("  ", &v), VAL_OK);
	assert_int_equal(v, 0);
	assert_int_equal(count("17", &v), VAL_OK);
	assert_int_equal(v, 17);
	assert_int_equal(count(" 17.0 ", &v), VAL_OK);
	assert_int_equal(v, 17);
	assert_int_equal(count("17.00", &v), VAL_OK);
	assert_int_equal(v, 17);
	assert_int_equal(count("0", &v), VAL_OK);
	assert_int_equal(v, 0);
	assert_int_equal(count("3000000000", &v), VAL_OK); /* past 2^31 */
	assert_true(v == INT64_C(3000000000));
	assert_int_equal(count("17.5", &v), VAL_FRACTION);
	assert_int_equal(count("17.05", &v), VAL_FRACTION);
	assert_int_equal(count("-3", &v), VAL_NEGATIVE);
	assert_int_equal(count("-3.0", &v), VAL_NEGATIVE);
	assert_int_equal(count("abc", &v), VAL_SYNTAX);
	assert_int_equal(count("-", &v), VAL_SYNTAX);
	assert_int_equal(count("17.", &v), VAL_SYNTAX);
	assert_int_equal(count("17x", &v), VAL_SYNTAX);
	assert_int_equal(count("1,000", &v), VAL_SYNTAX);
	assert_int_equal(count("1e3", &v), VAL_SYNTAX);
	assert_int_equal(count(".0", &v), VAL_SYNTAX);
	assert_int_equal(count("99999999999999999999", &v), VAL_RANGE);
	assert_int_equal(count("9223372036854775808", &v), VAL_RANGE); /* INT64_MAX + 1 */
	assert_int_equal(count("922337203685477579", &v), VAL_OK);
	assert_true(v == INT64_C(922337203685477579));
}

/* val_count's overflow guard accepts every value that fits in int64 (it once refused some). */
static void test_count_int64_max(void **state)
{
	(void)state;
	int64_t v;
	assert_int_equal(count("9223372036854775807", &v), VAL_OK);
	assert_true(v == INT64_MAX);
}

static enum val_err money(const char *s, int neg, int64_t *p)
{
	*p = -777;
	return val_money(s, strlen(s), neg, p);
}

#define MONEY_OK(text, neg, expect)                              \
	do {                                                     \
		int64_t p_;                                      \
		assert_int_equal(money(text, neg, &p_), VAL_OK); \
		assert_true(p_ == (int64_t)(expect));            \
	} while (0)

static void test_money_marks(void **state)
{
	(void)state;
	MONEY_OK("1234.50", 0, 123450);
	MONEY_OK("\xe2\x82\xb9" "500", 0, 50000);
	MONEY_OK("\xe2\x82\xb9 500", 0, 50000);
	MONEY_OK("Rs500", 0, 50000);
	MONEY_OK("Rs 500", 0, 50000);
	MONEY_OK("Rs.500", 0, 50000);
	MONEY_OK("Rs. 500", 0, 50000);
	MONEY_OK("rs. 500", 0, 50000);
	MONEY_OK("INR500", 0, 50000);
	MONEY_OK("INR 500", 0, 50000);
	MONEY_OK("inr 500.5", 0, 50050);
	MONEY_OK("  Rs 12  ", 0, 1200);
	MONEY_OK("1,234.50", 0, 123450);
	MONEY_OK("\xe2\x82\xb9" "1,234.50", 0, 123450);
	MONEY_OK("1,00,000", 0, 10000000);
	MONEY_OK("12,34,567.89", 0, 123456789);
	MONEY_OK("1,234,567", 0, 123456700);
	MONEY_OK("0.5", 0, 50);
	MONEY_OK(".75", 0, 75);
	MONEY_OK("0", 0, 0);
	int64_t p;
	assert_int_equal(money("", 0, &p), VAL_EMPTY);
	assert_int_equal(money("  ", 1, &p), VAL_EMPTY);
	assert_int_equal(money("abc", 1, &p), VAL_SYNTAX);
	assert_int_equal(money("Rs", 1, &p), VAL_SYNTAX);
	assert_int_equal(money("\xe2\x82\xb9", 1, &p), VAL_SYNTAX);
	assert_int_equal(money("12abc", 1, &p), VAL_SYNTAX);
	assert_int_equal(money("1.2.3", 1, &p), VAL_SYNTAX);
	assert_int_equal(money("1e5", 1, &p), VAL_SYNTAX);
	assert_int_equal(money(",100", 1, &p), VAL_SYNTAX);
	assert_int_equal(money("100,", 1, &p), VAL_SYNTAX);
	assert_int_equal(money("1,,000", 1, &p), VAL_SYNTAX);
	assert_int_equal(money(".", 1, &p), VAL_SYNTAX);
	assert_int_equal(money("--5", 1, &p), VAL_SYNTAX);
	assert_int_equal(money("$5", 1, &p), VAL_SYNTAX);
	assert_int_equal(money("500 Rs", 1, &p), VAL_SYNTAX);
	assert_int_equal(money("99999999999999999999", 1, &p), VAL_RANGE);
}

static void test_money_rounding(void **state)
{
	(void)state;
	MONEY_OK("0.125", 0, 13);
	MONEY_OK("0.124", 0, 12);
	MONEY_OK("0.1249999", 0, 12);
	MONEY_OK("0.995", 0, 100);
	MONEY_OK("1.005", 0, 101);
	MONEY_OK("9.999", 0, 1000);
	MONEY_OK("12.3456", 0, 1235);
	MONEY_OK("-0.125", 1, -13);
	MONEY_OK("-0.124", 1, -12);
	MONEY_OK("-0.995", 1, -100);
	MONEY_OK("-12.3456", 1, -1235);
	MONEY_OK("-1.5", 1, -150);
}

static void test_money_negative(void **state)
{
	(void)state;
	int64_t p;
	MONEY_OK("-500", 1, -50000);
	MONEY_OK("-\xe2\x82\xb9" "500", 1, -50000);
	MONEY_OK("\xe2\x82\xb9-500", 1, -50000);
	MONEY_OK("Rs -1,234.50", 1, -123450);
	MONEY_OK("-Rs. 99", 1, -9900);
	MONEY_OK("+500", 0, 50000);
	assert_int_equal(money("-500", 0, &p), VAL_NEGATIVE);
	assert_int_equal(money("-\xe2\x82\xb9" "500", 0, &p), VAL_NEGATIVE);
	assert_int_equal(money("\xe2\x82\xb9-500", 0, &p), VAL_NEGATIVE);
	assert_int_equal(money("-0.01", 0, &p), VAL_NEGATIVE);
	assert_int_equal(money("-\xe2\x82\xb9-500", 1, &p), VAL_SYNTAX);
}

/* Commas that are not thousands separators (a European decimal "1,5", or
 * "12,34") are refused, not dropped (they once read "1,5" as Rs 15). */
static void test_money_misplaced_commas(void **state)
{
	(void)state;
	int64_t p;
	assert_int_equal(money("1,5", 0, &p), VAL_SYNTAX);
	assert_int_equal(money("12,34", 0, &p), VAL_SYNTAX);
	assert_int_equal(money("1,2,3", 0, &p), VAL_SYNTAX);
}

static enum val_err date(const char *s, int32_t *d)
{
	*d = 4242;
	return val_date(s, strlen(s), d);
}

static void test_date(void **state)
{
	(void)state;
	int32_t d;
	int32_t jan5 = val_days_from_civil(2025, 1, 5);
	assert_int_equal(date("2025-01-05", &d), VAL_OK);
	assert_int_equal(d, jan5);
	assert_int_equal(date(" 2025-01-05 ", &d), VAL_OK);
	assert_int_equal(d, jan5);
	assert_int_equal(date("2025-01-05 12:00", &d), VAL_OK);
	assert_int_equal(d, jan5);
	assert_int_equal(date("2025-01-05T12:00:00Z", &d), VAL_OK);
	assert_int_equal(d, jan5);
	assert_int_equal(date("1970-01-01", &d), VAL_OK);
	assert_int_equal(d, 0);
	assert_int_equal(date("2024-02-29", &d), VAL_OK);
	assert_int_equal(d, val_days_from_civil(2024, 2, 29));
	assert_int_equal(date("2000-02-29", &d), VAL_OK);
	assert_int_equal(date("2025-12-31", &d), VAL_OK);
	assert_int_equal(date("2025-02-30", &d), VAL_BAD_DATE);
	assert_int_equal(date("2023-02-29", &d), VAL_BAD_DATE);
	assert_int_equal(date("1900-02-29", &d), VAL_BAD_DATE);
	assert_int_equal(date("2025-04-31", &d), VAL_BAD_DATE);
	assert_int_equal(date("2025-13-01", &d), VAL_BAD_DATE);
	assert_int_equal(date("2025-00-10", &d), VAL_BAD_DATE);
	assert_int_equal(date("2025-01-00", &d), VAL_BAD_DATE);
	assert_int_equal(date("20250105", &d), VAL_SYNTAX);
	assert_int_equal(date("2025-01-05x", &d), VAL_SYNTAX);
	assert_int_equal(date("2025-01-0a", &d), VAL_SYNTAX);
	assert_int_equal(date("Jan 5 2025", &d), VAL_SYNTAX);
	assert_int_equal(date("", &d), VAL_EMPTY);
	assert_int_equal(date("  ", &d), VAL_EMPTY);
}

/* Reads s with the given order; fails the test unless it gives y-m-d. */
static void date_is(const char *s, int month_first, int y, int m, int dd)
{
	int32_t d = 4242;
	enum val_err e = val_date_in(s, strlen(s), month_first, &d);
	if (e != VAL_OK)
		fail_msg("\"%s\" (%s first): %s", s, month_first ? "month" : "day", val_err_text[e]);
	if (d != val_days_from_civil(y, m, dd))
		fail_msg("\"%s\" read as day %d, not %04d-%02d-%02d", s, (int)d, y, m, dd);
}

static enum val_err date_in(const char *s, int month_first)
{
	int32_t d;
	return val_date_in(s, strlen(s), month_first, &d);
}

static void test_date_forms(void **state)
{
	(void)state;
	date_is("2025/01/05", 0, 2025, 1, 5);
	date_is("2025-1-5", 0, 2025, 1, 5);
	date_is("2025/6/17", 1, 2025, 6, 17); /* year first is never reordered */
	date_is("17-06-2025", 0, 2025, 6, 17);
	date_is("17/06/2025", 0, 2025, 6, 17);
	date_is("17.06.2025", 0, 2025, 6, 17);
	date_is("1/4/2025", 0, 2025, 4, 1);
	date_is("1.4.2025", 0, 2025, 4, 1);
	date_is("01-4-2025", 0, 2025, 4, 1);
	date_is("05/01/2025", 0, 2025, 1, 5);
	date_is("1/4/2025", 1, 2025, 1, 4);
	date_is("06/17/2025", 1, 2025, 6, 17);
	date_is("06-17-2025", 1, 2025, 6, 17);
	date_is("6.17.2025", 1, 2025, 6, 17);
	date_is("2025-06-01 10:22:33.123456", 0, 2025, 6, 1);
	date_is("2025-06-01T10:22:33Z", 0, 2025, 6, 1);
	date_is("2025-06-01T00:00:00+05:30", 0, 2025, 6, 1);
	date_is("2025/06/01 10:22", 0, 2025, 6, 1);
	date_is("17-06-2025 10:22:33", 0, 2025, 6, 17);
	date_is("1/4/2025T9:00", 0, 2025, 4, 1);
	date_is("  29.02.2024 ", 0, 2024, 2, 29);
	date_is("29/02/2000", 0, 2000, 2, 29);
	date_is("02/29/2024", 1, 2024, 2, 29);
	date_is("31-12-2025", 0, 2025, 12, 31);
}

static void test_date_form_failures(void **state)
{
	(void)state;
	/* not calendar dates, in every form */
	assert_int_equal(date_in("31-02-2025", 0), VAL_BAD_DATE);
	assert_int_equal(date_in("29/02/2025", 0), VAL_BAD_DATE);
	assert_int_equal(date_in("29.02.1900", 0), VAL_BAD_DATE);
	assert_int_equal(date_in("31/04/2025", 0), VAL_BAD_DATE);
	assert_int_equal(date_in("0/4/2025", 0), VAL_BAD_DATE);
	assert_int_equal(date_in("2025/02/30", 0), VAL_BAD_DATE);
	assert_int_equal(date_in("2025/13/1", 1), VAL_BAD_DATE);
	assert_int_equal(date_in("02/30/2025", 1), VAL_BAD_DATE);
	assert_int_equal(date_in("13/13/2025", 0), VAL_BAD_DATE); /* neither order reads */
	assert_int_equal(date_in("13/13/2025", 1), VAL_BAD_DATE);
	assert_int_equal(date_in("31/31/2025", 0), VAL_BAD_DATE);
	/* only the other order reads */
	assert_int_equal(date_in("06/17/2025", 0), VAL_MONTH_FIRST);
	assert_int_equal(date_in("2/29/2024", 0), VAL_MONTH_FIRST);
	assert_int_equal(date_in("17/06/2025", 1), VAL_DAY_FIRST);
	assert_int_equal(date_in("2/30/2025", 0), VAL_BAD_DATE); /* no 30 February either way */
	assert_contains(val_err_text[VAL_MONTH_FIRST], "month first");
	assert_contains(val_err_text[VAL_MONTH_FIRST], "Dates are month first");
	assert_contains(val_err_text[VAL_DAY_FIRST], "day first");
	/* shapes outside the spec */
	static const char *const bad[] = {
		"20250105", "17062025", "17-06-25", "2025.06.01", "17-06/2025", "2025-06/01", "17/6-2025",
		"117-06-2025", "17-006-2025", "17-06-20250", "2025-06-001", "02025-06-01", "Jun 17 2025",
		"17 June 2025", "2025-06-01x", "17/06/2025x", "17/06/2025:10", "1//2025", "/1/2025",
		"1/1/", "-1/1/2025", "+1/1/2025", "17 /06/2025", "2025 -06-01", "2025-06", "17/06", "17.06.",
		"\xe2\x82\xb9", "2025\xe2\x80\x93" "06\xe2\x80\x93" "01",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (date_in(bad[i], 0) != VAL_SYNTAX || date_in(bad[i], 1) != VAL_SYNTAX)
			fail_msg("\"%s\" was not refused as a shape", bad[i]);
	}
	assert_int_equal(date_in("", 1), VAL_EMPTY);
	assert_int_equal(date_in(" \t", 0), VAL_EMPTY);
}

static void test_date_exact(void **state)
{
	(void)state;
	int32_t d = 0;
	assert_int_equal(val_date_exact(S("2025-01-05"), &d), VAL_OK);
	assert_int_equal(d, val_days_from_civil(2025, 1, 5));
	assert_int_equal(val_date_exact(S("2025-02-30"), &d), VAL_BAD_DATE);
	assert_int_equal(val_date_exact(S("2024-02-29"), &d), VAL_OK);
	assert_int_equal(val_date_exact(S("2025-01-05 12:00"), &d), VAL_SYNTAX);
	assert_int_equal(val_date_exact(S("2025-01-05T00:00"), &d), VAL_SYNTAX);
	assert_int_equal(val_date_exact(S(" 2025-01-05"), &d), VAL_SYNTAX);
	assert_int_equal(val_date_exact(S("05/01/2025"), &d), VAL_SYNTAX);
	assert_int_equal(val_date_exact(S(""), &d), VAL_EMPTY);
}

static void test_decimal(void **state)
{
	(void)state;
	double v = -1;
	assert_int_equal(val_decimal(S("1"), &v), VAL_OK);
	assert_near(v, 1.0, 0);
	assert_int_equal(val_decimal(S("0.75"), &v), VAL_OK);
	assert_near(v, 0.75, 1e-12);
	assert_int_equal(val_decimal(S(".5"), &v), VAL_OK);
	assert_near(v, 0.5, 1e-12);
	assert_int_equal(val_decimal(S("0"), &v), VAL_OK);
	assert_near(v, 0.0, 0);
	assert_int_equal(val_decimal(S("123456789.12"), &v), VAL_OK); /* 12 characters */
	assert_near(v, 123456789.12, 1e-6);
	assert_int_equal(val_decimal(S("1234567890.12"), &v), VAL_RANGE);
	assert_int_equal(val_decimal(S("-1"), &v), VAL_NEGATIVE);
	assert_int_equal(val_decimal(S("1."), &v), VAL_SYNTAX);
	assert_int_equal(val_decimal(S("."), &v), VAL_SYNTAX);
	assert_int_equal(val_decimal(S("1.2.3"), &v), VAL_SYNTAX);
	assert_int_equal(val_decimal(S("abc"), &v), VAL_SYNTAX);
	assert_int_equal(val_decimal(S(" 1"), &v), VAL_SYNTAX);
	assert_int_equal(val_decimal(S("1e3"), &v), VAL_SYNTAX);
	assert_int_equal(val_decimal(S(""), &v), VAL_EMPTY);
}

static void test_utf8(void **state)
{
	(void)state;
	size_t at = 99;
	assert_true(val_utf8(S("plain ascii"), &at));
	assert_true(val_utf8(S(""), NULL));
	assert_true(val_utf8(S("\xe2\x82\xb9 caf\xc3\xa9 \xf0\x9f\x98\x80"), &at)); /* ₹ café 😀 */
	assert_true(val_utf8(S("\xed\x9f\xbf"), NULL));      /* U+D7FF */
	assert_true(val_utf8(S("\xee\x80\x80"), NULL));      /* U+E000 */
	assert_true(val_utf8(S("\xf4\x8f\xbf\xbf"), NULL));  /* U+10FFFF */
	struct {
		const char *s;
		size_t n, at;
	} bad[] = {
		{ S("ab\xc0\x80"), 2 },            /* overlong NUL */
		{ S("\xc1\xbf"), 0 },              /* overlong 2-byte */
		{ S("x\xe0\x80\xaf"), 1 },         /* overlong 3-byte '/' */
		{ S("\xf0\x8f\xbf\xbf"), 0 },      /* overlong 4-byte */
		{ S("ok\xed\xa0\x80"), 2 },        /* surrogate U+D800 */
		{ S("\xed\xbf\xbf"), 0 },          /* surrogate U+DFFF */
		{ S("\xf4\x90\x80\x80"), 0 },      /* past U+10FFFF */
		{ S("\xf8\x88\x80\x80\x80"), 0 },  /* 5-byte form */
		{ S("abc\xc3"), 3 },               /* truncated 2-byte */
		{ S("\xe2\x82"), 0 },              /* truncated 3-byte */
		{ S("a\xf0\x9f\x98"), 1 },         /* truncated 4-byte */
		{ S("\xc3(x"), 0 },                /* bad continuation */
		{ S("z\x80"), 1 },                 /* stray continuation */
		{ S("\xff"), 0 },
		{ S("ab\0cd"), 2 },                /* NUL */
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		at = 999;
		if (val_utf8(bad[i].s, bad[i].n, &at))
			fail_msg("case %zu accepted", i);
		assert_int_equal(at, bad[i].at);
		assert_false(val_utf8(bad[i].s, bad[i].n, NULL));
	}
}

static void test_days_round_trip(void **state)
{
	(void)state;
	assert_int_equal(val_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(val_days_from_civil(1969, 12, 31), -1);
	assert_int_equal(val_days_from_civil(2000, 3, 1), 11017);
	assert_int_equal(val_days_from_civil(2025, 1, 1), 20089);
	int py = 0, pm = 0, pd = 0;
	for (int32_t day = -800000; day <= 800000; day++) {
		int y, m, d;
		val_civil_from_days(day, &y, &m, &d);
		if (val_days_from_civil(y, m, d) != day)
			fail_msg("day %d -> %d-%d-%d does not round trip", (int)day, y, m, d);
		if (m < 1 || m > 12 || d < 1 || d > 31)
			fail_msg("day %d -> %d-%d-%d out of range", (int)day, y, m, d);
		if (day > -800000) { /* consecutive days advance the calendar by one */
			int next = (d == pd + 1 && m == pm && y == py) || (d == 1 && m == pm + 1 && y == py) ||
				   (d == 1 && m == 1 && pm == 12 && y == py + 1);
			if (!next)
				fail_msg("day %d: %d-%d-%d does not follow %d-%d-%d", (int)day, y, m, d, py, pm, pd);
		}
		py = y, pm = m, pd = d;
	}
	char out[11];
	val_format_date(val_days_from_civil(2024, 2, 29), out);
	assert_string_equal(out, "2024-02-29");
	val_format_date(0, out);
	assert_string_equal(out, "1970-01-01");
}

static void test_trim(void **state)
{
	(void)state;
	const char *s = " \t a b \t ";
	size_t n = strlen(s);
	val_trim(&s, &n);
	assert_int_equal(n, 3);
	assert_memory_equal(s, "a b", 3);
	s = "   ";
	n = 3;
	val_trim(&s, &n);
	assert_int_equal(n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_id),
		cmocka_unit_test(test_count),
		cmocka_unit_test(test_count_int64_max),
		cmocka_unit_test(test_money_marks),
		cmocka_unit_test(test_money_rounding),
		cmocka_unit_test(test_money_negative),
		cmocka_unit_test(test_money_misplaced_commas),
		cmocka_unit_test(test_date),
		cmocka_unit_test(test_date_forms),
		cmocka_unit_test(test_date_form_failures),
		cmocka_unit_test(test_date_exact),
		cmocka_unit_test(test_decimal),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_days_round_trip),
		cmocka_unit_test(test_trim),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
