/* test_svg.c: unit tests for svg.c, axis.c and trend.c (round ticks, periods, grains, escaped chart text). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "axis.h"
#include "svg.h"
#include "trend.h"
#include "val.h"

static int is_round_step(double step)
{
	double mag = pow(10, floor(log10(step)));
	double m = step / mag;
	return fabs(m - 1) < 1e-9 || fabs(m - 2) < 1e-9 || fabs(m - 2.5) < 1e-9 || fabs(m - 5) < 1e-9 ||
	       fabs(m - 10) < 1e-9;
}

static void test_ticks_cover_the_range_with_round_steps(void **state)
{
	(void)state;
	const double cases[][2] = { { 0, 1 }, { 0, 12.07 }, { 0, 47347852 }, { -5230, 91234 }, { 0, 0.37 }, { 3, 3.5 } };
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		double t[16];
		size_t n = axis_ticks(cases[c][0], cases[c][1], t, 6);
		assert_true(n >= 2 && n <= 9);
		assert_true(t[0] <= cases[c][0] + 1e-9);
		assert_true(t[n - 1] >= cases[c][1] - 1e-9);
		for (size_t i = 1; i < n; i++)
			assert_true(is_round_step(t[i] - t[i - 1]));
	}
	double t[16];
	assert_int_equal(axis_ticks(5, 5, t, 6), 1); /* an empty range gives one tick */
}

static void test_grain_rules(void **state)
{
	(void)state;
	int32_t d = val_days_from_civil(2025, 3, 1);
	assert_int_equal(trend_default_grain(d, d + 30), GRAIN_DAY);    /* 31 days */
	assert_int_equal(trend_default_grain(d, d + 31), GRAIN_WEEK);   /* 32 days */
	assert_int_equal(trend_default_grain(d, d + 181), GRAIN_WEEK);  /* 26 weeks */
	assert_int_equal(trend_default_grain(d, d + 182), GRAIN_MONTH);
}

static void test_periods_start_on_monday_and_first_of_month(void **state)
{
	(void)state;
	char label[11];
	/* 2025-03-05 is a Wednesday: its ISO week starts on Monday 2025-03-03 */
	int32_t wed = val_days_from_civil(2025, 3, 5);
	trend_label(GRAIN_WEEK, trend_period_start(GRAIN_WEEK, wed), label);
	assert_string_equal(label, "2025-03-03");
	int32_t mon = val_days_from_civil(2025, 3, 3);
	assert_int_equal(trend_period_start(GRAIN_WEEK, mon), mon);
	int32_t sun = val_days_from_civil(2025, 3, 9);
	assert_int_equal(trend_period_start(GRAIN_WEEK, sun), mon);
	trend_label(GRAIN_MONTH, trend_period_start(GRAIN_MONTH, wed), label);
	assert_string_equal(label, "2025-03");
	assert_int_equal(trend_period_start(GRAIN_DAY, wed), wed);
	/* weeks before 1970 too */
	int32_t old = val_days_from_civil(1969, 12, 31); /* a Wednesday */
	trend_label(GRAIN_WEEK, trend_period_start(GRAIN_WEEK, old), label);
	assert_string_equal(label, "1969-12-29");
}

static void test_bar_chart_escapes_labels_and_marks_below_baseline(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	struct svg_bar bar[2] = { { "<script>x</script> & \"q\"", 0.5, 1 }, { "ok", 3.0, 1 } };
	svg_bars(&b, "title <b>", bar, 2, 1.0);
	assert_null(strstr(buf_str(&b), "<script>"));
	assert_non_null(strstr(buf_str(&b), "&lt;script&gt;x&lt;/script&gt; &amp; &quot;q&quot;"));
	assert_non_null(strstr(buf_str(&b), "title &lt;b&gt;"));
	assert_non_null(strstr(buf_str(&b), "class=\"bar-below\""));
	assert_non_null(strstr(buf_str(&b), "(below the baseline)"));
	assert_true(strncmp(buf_str(&b), "<svg ", 5) == 0);
	assert_non_null(strstr(buf_str(&b), "</svg>"));
	buf_free(&b);
}

/* A bar's title is cut at 319 bytes as snprintf cut it, a long label
 * included; the value beside the bar is printf's "%.2f". */
static void test_bar_titles_cut_as_printf(void **state)
{
	(void)state;
	char label[301], want[400];
	memset(label, 'a', 300);
	label[300] = '\0';
	struct svg_bar bar[2] = { { label, 0.125, 1 }, { "short", 2.675, 1 } };
	struct buf b;
	buf_init(&b, 0);
	svg_bars(&b, "t", bar, 2, 1.0);
	/* snprintf into the 320-byte title: 300 + ": ROAS 0.12" + " (below the baseline)" cut to 319 */
	strcpy(want, "<title>");
	strcat(want, label);
	strcat(want, ": ROAS 0.12 (below the baseline)");
	strcpy(want + 7 + 319, "</title>");
	assert_non_null(strstr(buf_str(&b), want));
	assert_non_null(strstr(buf_str(&b), "<title>short: ROAS 2.67</title>"));
	assert_non_null(strstr(buf_str(&b), ">2.67</text>"));
	assert_non_null(strstr(buf_str(&b), ">0.12</text>"));
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ticks_cover_the_range_with_round_steps),
		cmocka_unit_test(test_grain_rules),
		cmocka_unit_test(test_periods_start_on_monday_and_first_of_month),
		cmocka_unit_test(test_bar_chart_escapes_labels_and_marks_below_baseline),
		cmocka_unit_test(test_bar_titles_cut_as_printf),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
