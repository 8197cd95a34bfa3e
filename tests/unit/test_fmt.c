/* test_fmt.c: unit tests for fmt.c (paise, rounding, ratios, Indian-grouped rupees and counts). */
#include "testutil.h"

#include "fmt.h"

#define RUPEE "\xe2\x82\xb9"
#define EN_DASH "\xe2\x80\x93"

static void test_paise(void **state)
{
	(void)state;
	char out[FMT_MAX];
	fmt_paise(123450, out);
	assert_string_equal(out, "1234.50");
	fmt_paise(0, out);
	assert_string_equal(out, "0.00");
	fmt_paise(5, out);
	assert_string_equal(out, "0.05");
	fmt_paise(-50, out);
	assert_string_equal(out, "-0.50");
	fmt_paise(-123456, out);
	assert_string_equal(out, "-1234.56");
	fmt_paise(100000000000, out);
	assert_string_equal(out, "1000000000.00");
	fmt_paise(INT64_MIN, out);
	assert_string_equal(out, "-92233720368547758.08");
	fmt_paise(INT64_MAX, out);
	assert_string_equal(out, "92233720368547758.07");
}

static void test_round_and_money(void **state)
{
	(void)state;
	char out[FMT_MAX];
	assert_true(fmt_round_paise(12.5) == 13);
	assert_true(fmt_round_paise(-12.5) == -13);
	assert_true(fmt_round_paise(12.4999) == 12);
	assert_true(fmt_round_paise(-12.4999) == -12);
	assert_true(fmt_round_paise(0.5) == 1);
	assert_true(fmt_round_paise(-0.5) == -1);
	assert_true(fmt_round_paise(0.0) == 0);
	assert_true(fmt_round_paise(2.5) == 3);
	/* an allocation such as 1000 paise x 1/8 = 125 exactly, or 100 x 1/8 = 12.5 */
	assert_true(fmt_round_paise(100.0 * 1.0 / 8.0) == 13);
	/* 1/3 of Rs 1,000.01 */
	assert_true(fmt_round_paise(100001.0 / 3.0) == 33334);
	assert_true(fmt_round_paise(1e20) > 0); /* clamped, no UB */
	assert_true(fmt_round_paise(-1e20) < 0);
	fmt_money(12.5, out);
	assert_string_equal(out, "0.13");
	fmt_money(-12.5, out);
	assert_string_equal(out, "-0.13");
	fmt_money(123449.5, out);
	assert_string_equal(out, "1234.50");
	fmt_money(-0.4, out);
	assert_string_equal(out, "0.00");
	fmt_money(50000.0 * 2.0 / 4.0, out);
	assert_string_equal(out, "250.00");
}

static void test_ratios(void **state)
{
	(void)state;
	char out[FMT_MAX];
	fmt_ratio4(2.25, 1, out);
	assert_string_equal(out, "2.2500");
	fmt_ratio4(1.0 / 3.0, 1, out);
	assert_string_equal(out, "0.3333");
	fmt_ratio4(-0.5, 1, out);
	assert_string_equal(out, "-0.5000");
	fmt_ratio4(-0.00001, 1, out);
	assert_string_equal(out, "0.0000");
	fmt_ratio4(2.25, 0, out);
	assert_string_equal(out, "");
	fmt_ratio4(NAN, 1, out);
	assert_string_equal(out, "");
	fmt_ratio4(INFINITY, 1, out);
	assert_string_equal(out, "");
	fmt_ratio2(2.25, 1, out);
	assert_string_equal(out, "2.25");
	fmt_ratio2(0.5, 1, out);
	assert_string_equal(out, "0.50");
	fmt_ratio2(-0.001, 1, out);
	assert_string_equal(out, "0.00");
	fmt_ratio2(1.0, 0, out);
	assert_string_equal(out, EN_DASH);
	fmt_ratio2(NAN, 1, out);
	assert_string_equal(out, EN_DASH);
	fmt_percent(0.125, 1, out);
	assert_string_equal(out, "12.5%");
	fmt_percent(1.0, 1, out);
	assert_string_equal(out, "100.0%");
	fmt_percent(0.5, 0, out);
	assert_string_equal(out, EN_DASH);
}

static void test_inr(void **state)
{
	(void)state;
	char out[FMT_MAX];
	fmt_inr(50179800, SETTINGS_INDIAN, out);
	assert_string_equal(out, RUPEE "5,01,798");
	fmt_inr(1250, SETTINGS_INDIAN, out);
	assert_string_equal(out, RUPEE "12.50");
	fmt_inr(0, SETTINGS_INDIAN, out);
	assert_string_equal(out, RUPEE "0.00");
	fmt_inr(99999, SETTINGS_INDIAN, out);
	assert_string_equal(out, RUPEE "999.99");
	fmt_inr(100000, SETTINGS_INDIAN, out);
	assert_string_equal(out, RUPEE "1,000");
	fmt_inr(450000, SETTINGS_INDIAN, out);
	assert_string_equal(out, RUPEE "4,500");
	fmt_inr(100050, SETTINGS_INDIAN, out); /* Rs 1,000.50 rounds half away from zero */
	assert_string_equal(out, RUPEE "1,001");
	fmt_inr(100049, SETTINGS_INDIAN, out);
	assert_string_equal(out, RUPEE "1,000");
	fmt_inr(1234567800, SETTINGS_INDIAN, out);
	assert_string_equal(out, RUPEE "1,23,45,678");
	fmt_inr(10000000000, SETTINGS_INDIAN, out);
	assert_string_equal(out, RUPEE "10,00,00,000");
	fmt_inr(12.5, SETTINGS_INDIAN, out); /* fractional paise are rounded first */
	assert_string_equal(out, RUPEE "0.13");
	fmt_inr(-120000, SETTINGS_INDIAN, out);
	assert_string_equal(out, "-" RUPEE "1,200");
	fmt_inr(-1250, SETTINGS_INDIAN, out);
	assert_string_equal(out, "-" RUPEE "12.50");
	fmt_inr(-50179800, SETTINGS_INDIAN, out);
	assert_string_equal(out, "-" RUPEE "5,01,798");
	fmt_inr(-100050, SETTINGS_INDIAN, out);
	assert_string_equal(out, "-" RUPEE "1,001");
	fmt_inr(9.2e18, SETTINGS_INDIAN, out); /* the largest amount still fits */
	assert_true(strlen(out) < FMT_MAX);
	assert_true(strncmp(out, RUPEE, 3) == 0);
}

static void test_count(void **state)
{
	(void)state;
	char out[FMT_MAX];
	fmt_count(0, SETTINGS_INDIAN, out);
	assert_string_equal(out, "0");
	fmt_count(999, SETTINGS_INDIAN, out);
	assert_string_equal(out, "999");
	fmt_count(1000, SETTINGS_INDIAN, out);
	assert_string_equal(out, "1,000");
	fmt_count(12345, SETTINGS_INDIAN, out);
	assert_string_equal(out, "12,345");
	fmt_count(123456, SETTINGS_INDIAN, out);
	assert_string_equal(out, "1,23,456");
	fmt_count(1234567, SETTINGS_INDIAN, out);
	assert_string_equal(out, "12,34,567");
	fmt_count(-1234567, SETTINGS_INDIAN, out);
	assert_string_equal(out, "-12,34,567");
	fmt_count(INT64_MAX, SETTINGS_INDIAN, out);
	assert_string_equal(out, "92,23,37,20,36,85,47,75,807");
	fmt_count(INT64_MIN, SETTINGS_INDIAN, out);
	assert_string_equal(out, "-92,23,37,20,36,85,47,75,808");
}

/* The western grouping (NUMBER_FORMAT=western) groups in threes. */
static void test_western_grouping(void **state)
{
	(void)state;
	char out[FMT_MAX];
	fmt_count(1234567, SETTINGS_WESTERN, out);
	assert_string_equal(out, "1,234,567");
	fmt_inr(123456789.0, SETTINGS_WESTERN, out);
	assert_string_equal(out, "\u20b91,234,568");
	fmt_count(-100, SETTINGS_WESTERN, out);
	assert_string_equal(out, "-100");
	fmt_count(1234567, SETTINGS_INDIAN, out);
	assert_string_equal(out, "12,34,567");
	assert_string_equal(fmt_excel_count(SETTINGS_WESTERN), "#,##0");
	assert_string_equal(fmt_excel_count(SETTINGS_INDIAN), "#,##,##0");
}

/* Whole amounts stay whole however large (a fuzzer found a relative nudge
 * moving Rs 9,223,320,305,775.49 by a paisa); halves still round away. */
static void test_round_large_amounts(void **state)
{
	(void)state;
	assert_true(fmt_round_paise(922332030577549.0) == INT64_C(922332030577549));
	assert_true(fmt_round_paise(-922332030577549.0) == -INT64_C(922332030577549));
	assert_true(fmt_round_paise(4503599627370495.0) == INT64_C(4503599627370495));
	assert_true(fmt_round_paise(900000000000000.375) == INT64_C(900000000000000));
	assert_true(fmt_round_paise(900000000000000.5) == INT64_C(900000000000001));
	assert_true(fmt_round_paise(2.5) == 3 && fmt_round_paise(-2.5) == -3);
	assert_true(fmt_round_paise(1000.0 / 3.0 * 1.5) == 500); /* a true .5 computed a hair low or high */
	char out[FMT_MAX];
	fmt_money(-922332030577549.0, out);
	assert_string_equal(out, "-9223320305775.49");
}

static uint64_t rng_next(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

/* fmt_fixed writes the very bytes of printf's "%.*f": random values of
 * every magnitude it takes, exact ties (x.125, x.5), their neighbours,
 * negative zero and values that round to zero, and the ones it hands to
 * printf (1e15 and up, infinities). */
static void test_fixed_equals_printf(void **state)
{
	(void)state;
	static const double edge[] = { 0.0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, -0.125, 0.005, 0.015, 0.045,
				       1.0 / 3.0, -1e-9, 5e-5, 0.00005, 0.99995, 9.99995, 999999999999999.9, 1e15,
				       -1e15, 123456789012345.67, 1e300, -1e-300, 4.9e-324, INFINITY, -INFINITY,
				       0.05, 0.25, 0.75, 0.0625, 0.03125, 2.675, 1.005, 1.115 };
	char want[400], got[400];
	uint64_t x = 88172645463325252ULL;
	for (long i = 0; i < 400000; i++) {
		double v;
		if (i < (long)(sizeof(edge) / sizeof(edge[0])))
			v = edge[i];
		else if (i % 4 == 0) { /* an exact tie of some decimal place, or next to it */
			v = (double)(rng_next(&x) % 100000000) / 16.0 + (double)(rng_next(&x) % 4) / 32.0;
			v = i % 8 == 0 ? nextafter(v, (i % 16 == 0) ? 0.0 : 1e300) : v;
		} else if (i % 4 == 1) { /* any magnitude */
			uint64_t bits = rng_next(&x);
			bits = (bits & 0x800FFFFFFFFFFFFFULL) | ((uint64_t)(1023 - 40 + rng_next(&x) % 92) << 52);
			memcpy(&v, &bits, sizeof(v));
		} else { /* ratios and rupees as the pages make them */
			v = (double)(int64_t)(rng_next(&x) % 2000000000 - 1000000000) / (double)(rng_next(&x) % 100000 + 1);
		}
		for (int d = 0; d <= 4; d++) {
			snprintf(want, sizeof(want), "%.*f", d, v);
			int n = fmt_fixed(v, d, got, sizeof(got));
			if (strcmp(want, got) != 0 || n != (int)strlen(want))
				fail_msg("%.17g with %d decimals: printf %s, fmt_fixed %s", v, d, want, got);
		}
	}
}

/* The integer formats equal printf's digits (hand-written now). */
static void test_integers_equal_printf(void **state)
{
	(void)state;
	char want[FMT_MAX], got[FMT_MAX];
	uint64_t x = 2463534242ULL;
	for (long i = 0; i < 200000; i++) {
		int64_t v = (int64_t)(rng_next(&x) >> (rng_next(&x) % 64));
		v = i % 2 ? -v : v;
		if (i == 0)
			v = INT64_MIN;
		uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
		snprintf(want, sizeof(want), "%s%llu.%02llu", v < 0 ? "-" : "", (unsigned long long)(a / 100),
			 (unsigned long long)(a % 100));
		fmt_paise(v, got);
		assert_string_equal(got, want);
		fmt_count(v, SETTINGS_WESTERN, got);
		size_t o = 0;
		for (size_t k = 0; k < strlen(got); k++)
			if (got[k] != ',')
				got[o++] = got[k];
		got[o] = '\0';
		snprintf(want, sizeof(want), "%s%llu", v < 0 ? "-" : "", (unsigned long long)a);
		assert_string_equal(got, want);
	}
	fmt_inr(-12345.0, SETTINGS_INDIAN, got);
	assert_string_equal(got, "-\u20b9123.45");
	fmt_inr(-0.4, SETTINGS_INDIAN, got);
	assert_string_equal(got, "\u20b90.00");
	fmt_inr(99999.0, SETTINGS_INDIAN, got);
	assert_string_equal(got, "\u20b9999.99");
	fmt_inr(100000.0, SETTINGS_INDIAN, got);
	assert_string_equal(got, "\u20b91,000");
	fmt_percent(-0.0001, 1, got);
	assert_string_equal(got, "-0.0%");
	fmt_percent(1e20, 1, got);
	snprintf(want, sizeof(want), "%.1f%%", 1e22);
	assert_string_equal(got, want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paise),
		cmocka_unit_test(test_round_and_money),
		cmocka_unit_test(test_ratios),
		cmocka_unit_test(test_inr),
		cmocka_unit_test(test_count),
		cmocka_unit_test(test_western_grouping),
		cmocka_unit_test(test_round_large_amounts),
		cmocka_unit_test(test_fixed_equals_printf),
		cmocka_unit_test(test_integers_equal_printf),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
