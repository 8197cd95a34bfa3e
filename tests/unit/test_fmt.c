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
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
