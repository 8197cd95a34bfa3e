/* test_filter.c: unit tests for filter.c (query parsing and validation, canonical query strings). */
#include "testutil.h"

#include "filter.h"
#include "val.h"

struct fx {
	struct arena a;
	struct filter f;
	char err[256];
};

static int setup(void **state)
{
	struct fx *x = calloc(1, sizeof(*x));
	if (!x)
		return -1;
	arena_init(&x->a, 0);
	*state = x;
	return 0;
}

static int teardown(void **state)
{
	struct fx *x = *state;
	arena_free(&x->a);
	free(x);
	return 0;
}

static int parse(struct fx *x, const char *q)
{
	x->err[0] = '\0';
	return filter_parse(q, &x->a, &x->f, x->err, sizeof(x->err));
}

/* Parses q, expecting success. */
static struct filter *ok(struct fx *x, const char *q)
{
	if (parse(x, q) != 0)
		fail_msg("\"%s\" refused: %s", q, x->err);
	return &x->f;
}

/* Parses q, expecting an error that names param. */
static void bad(struct fx *x, const char *q, const char *param)
{
	if (parse(x, q) == 0)
		fail_msg("\"%s\" accepted", q);
	char want[64];
	snprintf(want, sizeof(want), "\"%s\"", param);
	assert_contains(x->err, want);
}

static void test_defaults(void **state)
{
	struct fx *x = *state;
	const char *qs[] = { NULL, "", "&&", "unknown=1&x", "platform=&from=&baseline=" };
	for (size_t i = 0; i < sizeof(qs) / sizeof(qs[0]); i++) {
		struct filter *f = ok(x, qs[i]);
		for (int p = 0; p < FP_MULTI_MAX; p++)
			assert_int_equal(f->multi[p].n, 0);
		assert_false(f->has_from);
		assert_false(f->has_to);
		assert_null(f->influencer);
		assert_near(f->baseline, 1.0, 0);
		assert_null(f->baseline_text);
		assert_int_equal(f->grain, GRAIN_AUTO);
		assert_null(f->sort);
		assert_int_equal(f->dir, 0);
		assert_int_equal(f->page, 1);
		assert_false(filter_allocates(f));
	}
}

static void test_multi(void **state)
{
	struct fx *x = *state;
	struct filter *f = ok(x, "platform=Instagram&platform=YouTube&platform=Instagram&gender=Female"
				 "&category=Fitness&brand=MuscleBlaze&product=Whey+Protein&campaign=Diwali%2025"
				 "&platform=&category=Fitness");
	assert_int_equal(f->multi[FP_PLATFORM].n, 2);
	assert_string_equal(f->multi[FP_PLATFORM].v[0], "Instagram");
	assert_string_equal(f->multi[FP_PLATFORM].v[1], "YouTube");
	assert_int_equal(f->multi[FP_GENDER].n, 1);
	assert_string_equal(f->multi[FP_GENDER].v[0], "Female");
	assert_int_equal(f->multi[FP_CATEGORY].n, 1);
	assert_string_equal(f->multi[FP_BRAND].v[0], "MuscleBlaze");
	assert_string_equal(f->multi[FP_PRODUCT].v[0], "Whey Protein");
	assert_string_equal(f->multi[FP_CAMPAIGN].v[0], "Diwali 25");
	assert_true(filter_allocates(f));
	/* percent-decoding: UTF-8, reserved characters, a literal plus */
	f = ok(x, "brand=%E2%82%B9%26%3D%2B%25&product=a%2bb");
	assert_string_equal(f->multi[FP_BRAND].v[0], "\xe2\x82\xb9&=+%");
	assert_string_equal(f->multi[FP_PRODUCT].v[0], "a+b");
	/* encoded and plain spellings of one value are one value */
	f = ok(x, "campaign=a+b&campaign=a%20b");
	assert_int_equal(f->multi[FP_CAMPAIGN].n, 1);
	/* each allocating parameter alone */
	assert_true(filter_allocates(ok(x, "product=x")));
	assert_true(filter_allocates(ok(x, "campaign=x")));
	assert_false(filter_allocates(ok(x, "platform=x&gender=y&category=z&influencer=1")));
}

static void test_single(void **state)
{
	struct fx *x = *state;
	struct filter *f = ok(x, "from=2025-01-01&to=2025-01-31&influencer=INF%20007&baseline=1.5"
				 "&grain=week&sort=roas&dir=asc&page=3");
	assert_true(f->has_from);
	assert_int_equal(f->from, val_days_from_civil(2025, 1, 1));
	assert_true(f->has_to);
	assert_int_equal(f->to, val_days_from_civil(2025, 1, 31));
	assert_string_equal(f->influencer, "INF 007");
	assert_near(f->baseline, 1.5, 1e-12);
	assert_string_equal(f->baseline_text, "1.5");
	assert_int_equal(f->grain, GRAIN_WEEK);
	assert_string_equal(f->sort, "roas");
	assert_int_equal(f->dir, 1);
	assert_int_equal(f->page, 3);
	f = ok(x, "grain=day&dir=desc&baseline=0&from=2025-03-03&to=2025-03-03");
	assert_int_equal(f->grain, GRAIN_DAY);
	assert_int_equal(f->dir, -1);
	assert_near(f->baseline, 0.0, 0);
	assert_int_equal(f->from, f->to);
	assert_int_equal(ok(x, "grain=month")->grain, GRAIN_MONTH);
	assert_near(ok(x, "baseline=.75")->baseline, 0.75, 1e-12);
	assert_near(ok(x, "baseline=1000")->baseline, 1000.0, 0);
	/* the same value twice is fine */
	assert_int_equal(ok(x, "page=2&page=2")->page, 2);
	assert_string_equal(ok(x, "influencer=a&influencer=a")->influencer, "a");
	assert_string_equal(ok(x, "sort=cost_per_order")->sort, "cost_per_order");
	assert_true(ok(x, "from=2024-02-29")->has_from);
}

static void test_errors(void **state)
{
	struct fx *x = *state;
	bad(x, "from=2025-1-1", "from");
	bad(x, "from=01/01/2025", "from");
	bad(x, "to=2025-01-01T00:00", "to");
	bad(x, "from=2025-02-30", "from");
	assert_contains(x->err, "no such calendar date");
	bad(x, "to=2023-02-29", "to");
	bad(x, "baseline=-1", "baseline");
	assert_contains(x->err, "negative");
	bad(x, "baseline=abc", "baseline");
	bad(x, "baseline=1001", "baseline");
	bad(x, "baseline=1e3", "baseline");
	bad(x, "grain=year", "grain");
	bad(x, "grain=Day", "grain");
	bad(x, "dir=up", "dir");
	bad(x, "page=0", "page");
	bad(x, "page=-1", "page");
	bad(x, "page=abc", "page");
	bad(x, "page=99999999999999999999", "page");
	bad(x, "sort=roas;drop", "sort");
	bad(x, "sort=ROAS", "sort");
	bad(x, "platform=%zz", "platform");
	assert_contains(x->err, "percent");
	bad(x, "platform=abc%4", "platform");
	bad(x, "platform=abc%", "platform");
	bad(x, "brand=a%00b", "brand");
	bad(x, "influencer=%00", "influencer");
	bad(x, "category=%FF", "category");
	bad(x, "gender=%C3%28", "gender");
	bad(x, "campaign=%ED%A0%80", "campaign"); /* a surrogate */
	bad(x, "from=2025-02-01&to=2025-01-31", "from");
	assert_contains(x->err, "after");
	bad(x, "from=2025-01-01&from=2025-01-02", "from");
	assert_contains(x->err, "more than once");
	bad(x, "influencer=a&influencer=b", "influencer");
	bad(x, "baseline=1&baseline=2", "baseline");
	bad(x, "page=1&page=2", "page");
	bad(x, "grain=day&grain=week", "grain");
	/* a value longer than FILTER_MAX_VALUE */
	char q[400];
	strcpy(q, "product=");
	memset(q + 8, 'x', FILTER_MAX_VALUE + 1);
	q[8 + FILTER_MAX_VALUE + 1] = '\0';
	bad(x, q, "product");
	q[8 + FILTER_MAX_VALUE] = '\0'; /* exactly the limit */
	assert_int_equal(ok(x, q)->multi[FP_PRODUCT].n, 1);
}

static void test_max_pairs(void **state)
{
	struct fx *x = *state;
	struct buf q;
	buf_init(&q, 0);
	for (int i = 0; i < FILTER_MAX_PAIRS; i++)
		buf_printf(&q, "%sx%d=1", i ? "&" : "", i);
	assert_int_equal(parse(x, q.data), 0);
	buf_puts(&q, "&platform=A");
	assert_int_equal(parse(x, q.data), -1);
	assert_contains(x->err, "too many");
	buf_free(&q);
}

static void test_max_values(void **state)
{
	struct fx *x = *state;
	struct buf q;
	buf_init(&q, 0);
	for (int i = 0; i < FILTER_MAX_VALUES; i++)
		buf_printf(&q, "%sbrand=b%d&brand=b%d", i ? "&" : "", i, i); /* repeats are one value */
	assert_int_equal(ok(x, q.data)->multi[FP_BRAND].n, FILTER_MAX_VALUES);
	buf_puts(&q, "&brand=one-more");
	bad(x, q.data, "brand");
	assert_contains(x->err, "more than 100 values");
	buf_free(&q);
}

static const char *query(const struct filter *f, unsigned skip, struct buf *b)
{
	buf_reset(b);
	filter_query(f, skip, b);
	return buf_str(b);
}

static void test_query_canonical(void **state)
{
	struct fx *x = *state;
	struct buf b;
	buf_init(&b, 0);
	/* parameters in any order come out in the canonical order */
	struct filter *f = ok(x, "page=2&dir=desc&sort=revenue&grain=month&baseline=0.5&influencer=A%26B"
				 "&to=2025-01-31&from=2025-01-01&campaign=c&product=p&brand=Muscle+Blaze"
				 "&category=Fitness&gender=Male&platform=YouTube&platform=Instagram&junk=1");
	assert_string_equal(query(f, 0, &b),
			    "platform=YouTube&platform=Instagram&gender=Male&category=Fitness&brand=Muscle%20Blaze"
			    "&product=p&campaign=c&from=2025-01-01&to=2025-01-31&influencer=A%26B&baseline=0.5"
			    "&grain=month&sort=revenue&dir=desc&page=2");
	/* skip bits leave parameters out */
	assert_string_equal(query(f, (1u << FP_PAGE) | (1u << FP_SORT) | (1u << FP_DIR) | (1u << FP_PLATFORM), &b),
			    "gender=Male&category=Fitness&brand=Muscle%20Blaze&product=p&campaign=c&from=2025-01-01"
			    "&to=2025-01-31&influencer=A%26B&baseline=0.5&grain=month");
	/* defaults are omitted */
	assert_string_equal(query(ok(x, "baseline=1.0&page=1&platform="), 0, &b), "");
	assert_string_equal(query(ok(x, "baseline=1"), 0, &b), "");
	assert_string_equal(query(ok(x, NULL), 0, &b), "");
	assert_string_equal(query(ok(x, "baseline=1.50"), 0, &b), "baseline=1.50");
	/* an explicit grain is kept; UTF-8 is percent-encoded */
	assert_string_equal(query(ok(x, "grain=day&brand=%E2%82%B9"), 0, &b), "brand=%E2%82%B9&grain=day");
	/* the canonical query parses back to the same canonical query */
	f = ok(x, "to=2025-03-01&platform=a+b&influencer=x%2Fy&sort=name&page=7");
	char first[256];
	snprintf(first, sizeof(first), "%s", query(f, 0, &b));
	assert_string_equal(query(ok(x, first), 0, &b), first);
	/* appends to what is there */
	buf_reset(&b);
	buf_puts(&b, "?");
	filter_query(ok(x, "page=2"), 0, &b);
	assert_string_equal(buf_str(&b), "?page=2");
	buf_free(&b);
}

static void test_url_encode(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	filter_url_encode(&b, "aZ09-_.~ &=+/?%\"<\n");
	assert_string_equal(buf_str(&b), "aZ09-_.~%20%26%3D%2B%2F%3F%25%22%3C%0A");
	buf_free(&b);
}

/* An id as a path segment: what nginx decodes once, the page decodes again. */
static void test_segment(void **state)
{
	struct fx *x = *state;
	const char *ids[] = { "INF001", "../upload", "..", ".", "a//b", "50%25 off+", "x.y", "caf\xc3\xa9?#" };
	const char *links[] = { "INF001", "..%252Fupload", "%252E%252E", "%252E", "a%252F%252Fb", "50%252525%20off%2B",
				"x.y", "caf%C3%A9%3F%23" };
	struct buf b;
	buf_init(&b, 0);
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		buf_reset(&b);
		filter_segment_encode(&b, ids[i]);
		assert_string_equal(buf_str(&b), links[i]);
	}
	assert_string_equal(filter_segment_decode(&x->a, "..%2Fupload"), "../upload");
	assert_string_equal(filter_segment_decode(&x->a, "a+b c"), "a+b c");
	assert_null(filter_segment_decode(&x->a, "50%off"));
	assert_null(filter_segment_decode(&x->a, "a%00b"));
	buf_free(&b);
}

/* A configured default baseline applies when the URL gives none, and a URL
 * giving exactly it keeps the canonical query short. */
static void test_default_baseline(void **state)
{
	struct fx *x = *state;
	struct settings set = settings_defaults;
	set.baseline = 1.5;
	assert_int_equal(filter_parse_with("platform=Instagram", &set, &x->a, &x->f, x->err, sizeof(x->err)), 0);
	assert_near(x->f.baseline, 1.5, 0);
	struct buf b;
	buf_init(&b, 0);
	assert_int_equal(filter_parse_with("baseline=1.5&platform=Instagram", &set, &x->a, &x->f, x->err,
					   sizeof(x->err)), 0);
	filter_query(&x->f, 0, &b);
	assert_string_equal(buf_str(&b), "platform=Instagram");
	b.len = 0;
	assert_int_equal(filter_parse_with("baseline=1&platform=Instagram", &set, &x->a, &x->f, x->err,
					   sizeof(x->err)), 0);
	filter_query(&x->f, 0, &b);
	assert_string_equal(buf_str(&b), "platform=Instagram&baseline=1");
	buf_free(&b);
	assert_near(ok(x, "")->baseline, 1.0, 0); /* filter_parse: the defaults */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_defaults, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multi, setup, teardown),
		cmocka_unit_test_setup_teardown(test_single, setup, teardown),
		cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_max_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_segment, setup, teardown),
		cmocka_unit_test_setup_teardown(test_max_pairs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_query_canonical, setup, teardown),
		cmocka_unit_test_setup_teardown(test_url_encode, setup, teardown),
		cmocka_unit_test_setup_teardown(test_default_baseline, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
