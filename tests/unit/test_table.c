/* test_table.c: unit tests for table.c (formats by kind, reading, sorting by a declared column). */
#include "testutil.h"

#include "table.h"

#define RUPEE "\xe2\x82\xb9"
#define EN_DASH "\xe2\x80\x93"

struct thing {
	const char *name;
	double amount;
	int known;
};

static void read_name(const struct table_ctx *x, const void *row, int arg, struct table_cell *out)
{
	(void)x, (void)arg;
	out->s = ((const struct thing *)row)->name;
}

static void read_amount(const struct table_ctx *x, const void *row, int arg, struct table_cell *out)
{
	(void)x, (void)arg;
	out->v = ((const struct thing *)row)->amount;
	out->ok = ((const struct thing *)row)->known;
}

static const struct table_column cols[] = {
	{ "name", "Name", TABLE_TEXT, read_name, 1, "NAME", 0 },
	{ "amount", "Amount", TABLE_MONEY, read_amount, 1, "AMOUNT", 0 },
	{ "ratio", "Ratio", TABLE_RATIO, read_amount, 1, NULL, 0 },
};
static const struct table things = { "things", "Things", cols, TABLE_NCOL(cols) };

static void test_format(void **state)
{
	(void)state;
	char s[TABLE_TEXT_MAX];
	struct table_cell c = { 123450, 1, "", "" };
	assert_string_equal(table_format(TABLE_MONEY, &c, 0, SETTINGS_INDIAN, s), "1234.50");
	assert_string_equal(table_format(TABLE_MONEY, &c, 1, SETTINGS_INDIAN, s), RUPEE "1,235");
	c.v = 1.23456;
	assert_string_equal(table_format(TABLE_RATIO, &c, 0, SETTINGS_INDIAN, s), "1.2346");
	assert_string_equal(table_format(TABLE_RATIO, &c, 1, SETTINGS_INDIAN, s), "1.23");
	c.v = 0.125;
	assert_string_equal(table_format(TABLE_PERCENT, &c, 0, SETTINGS_INDIAN, s), "0.1250");
	assert_string_equal(table_format(TABLE_PERCENT, &c, 1, SETTINGS_INDIAN, s), "12.5%");
	c.v = 1234567;
	assert_string_equal(table_format(TABLE_COUNT, &c, 0, SETTINGS_INDIAN, s), "1234567");
	assert_string_equal(table_format(TABLE_COUNT, &c, 1, SETTINGS_INDIAN, s), "12,34,567");
	c.v = 0;
	assert_string_equal(table_format(TABLE_DATE, &c, 0, SETTINGS_INDIAN, s), "1970-01-01");
	c.ok = 0;
	assert_string_equal(table_format(TABLE_MONEY, &c, 0, SETTINGS_INDIAN, s), "");
	assert_string_equal(table_format(TABLE_MONEY, &c, 1, SETTINGS_INDIAN, s), EN_DASH);
	assert_string_equal(table_format(TABLE_RATIO, &c, 0, SETTINGS_INDIAN, s), "");
	assert_string_equal(table_format(TABLE_DATE, &c, 1, SETTINGS_INDIAN, s), "");
	c.s = "x";
	assert_string_equal(table_format(TABLE_TEXT, &c, 1, SETTINGS_INDIAN, s), "x");
}

static void test_find_and_compare(void **state)
{
	(void)state;
	struct table_ctx x = { NULL, NULL };
	struct thing a = { "a", 5, 1 }, b = { "b", 7, 1 }, u = { "c", 0, 0 };
	const struct table_column *name = table_find(&things, "name"), *amount = table_find(&things, "amount");
	assert_non_null(name);
	assert_null(table_find(&things, "nope"));
	assert_true(table_compare(name, &x, &a, &b, 1) < 0);
	assert_true(table_compare(name, &x, &a, &b, -1) > 0);
	assert_true(table_compare(amount, &x, &a, &b, -1) > 0);
	assert_true(table_compare(amount, &x, &u, &a, 1) > 0); /* undefined last both ways */
	assert_true(table_compare(amount, &x, &u, &a, -1) > 0);
	assert_int_equal(table_compare(amount, &x, &a, &a, 1), 0);
	struct table_cell c;
	table_read(name, &x, &a, &c);
	assert_string_equal(c.s, "a");
	assert_string_equal(table_kind_name[TABLE_PERCENT], "percent");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_find_and_compare),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
