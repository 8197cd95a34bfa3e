/* test_dssplit.c: unit tests for dssplit.c: the tracking file read in two halves gives what reading it in order gives. */
#include <stdint.h>

#include "testutil.h"

#include "dataset.h"
#include "dssplit.h"

#define INFL TU_INFL_HDR "A,Asha,Fitness,Female,1000,Instagram\nB,Bala,Fitness,Male,2000,YouTube\n"

struct reading {
	int rc;
	struct dataset *ds;
	struct importlog rep;
	struct buf errors;
};

static void read_with(size_t split_min, const char *track, struct reading *out)
{
	size_t was = dssplit_min;
	dssplit_min = split_min;
	importlog_init(&out->rep);
	buf_init(&out->errors, 0);
	out->ds = NULL;
	out->rc = tu_dataset(INFL, TU_POST_HDR, track, TU_PAY_HDR, &out->ds, &out->rep);
	importlog_format_errors(&out->rep, &out->errors);
	dssplit_min = was;
}

static void reading_free(struct reading *r)
{
	dataset_free(r->ds);
	importlog_free(&r->rep);
	buf_free(&r->errors);
}

static void same_pool(const struct strpool *a, const struct strpool *b)
{
	assert_int_equal(a->count, b->count);
	for (uint32_t id = 0; id < a->count; id++) {
		assert_int_equal(a->len[id], b->len[id]);
		assert_memory_equal(strpool_get(a, id), strpool_get(b, id), a->len[id] + 1);
	}
}

/* Reads track in order and in two halves; every row, id, text, error and
 * warning must be the same. Returns how many halves were merged. */
static long same_both_ways(const char *track)
{
	struct reading in_order, split;
	read_with(SIZE_MAX, track, &in_order);
	long merges = dssplit_merges;
	read_with(1, track, &split);
	merges = dssplit_merges - merges;
	assert_string_equal(buf_str(&in_order.errors), buf_str(&split.errors));
	assert_string_equal(buf_str(&in_order.rep.warnings), buf_str(&split.rep.warnings));
	assert_int_equal(in_order.rc, split.rc);
	if (in_order.rc == 0) {
		const struct dataset *a = in_order.ds, *b = split.ds;
		same_pool(&a->pool, &b->pool);
		same_pool(&a->texts, &b->texts);
		assert_int_equal(a->ntrack, b->ntrack);
		assert_memory_equal(a->track, b->track, a->ntrack * sizeof(*a->track));
		assert_int_equal(a->first_date, b->first_date);
		assert_int_equal(a->last_date, b->last_date);
	}
	reading_free(&in_order);
	reading_free(&split);
	return merges;
}

/* rows rows of tracking data: names met before and after the middle,
 * unknown and organic rows, runs of one user. */
static char *rows(int n, const char *extra_at_middle)
{
	struct buf b;
	buf_init(&b, 0);
	buf_puts(&b, TU_TRACK_HDR);
	for (int k = 0; k < n; k++) {
		if (k == n / 2 && extra_at_middle)
			buf_puts(&b, extra_at_middle);
		const char *who = k % 7 == 3 ? "ZZ" : k % 11 == 5 ? "" : k % 2 ? "A" : "B";
		buf_printf(&b, "src%d,camp%d,%s,u%d,prod%d,2025-0%d-%02d,%d,%d.%02d\n", k % 3, k * 13 % (k < n / 2 ? 5 : 9),
			   who, k / 4, k % 4, 1 + k % 6, 1 + k % 28, k % 5, k * 37 % 1000, k % 100);
	}
	char *t = strdup(buf_str(&b));
	buf_free(&b);
	return t;
}

static void test_valid_rows_merge(void **state)
{
	(void)state;
	char *t = rows(400, NULL);
	assert_int_equal(same_both_ways(t), 1);
	free(t);
}

/* Every row of the same user: the second half's first text is the
 * first half's last one, as reading in order keeps it. */
static void test_one_user_across_the_middle(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	buf_puts(&b, TU_TRACK_HDR);
	for (int k = 0; k < 300; k++)
		buf_printf(&b, "s,c%d,A,same,p,2025-01-%02d,1,10\n", k % 4, 1 + k % 28);
	assert_int_equal(same_both_ways(buf_str(&b)), 1);
	buf_free(&b);
}

/* A quoted field with newlines across the middle: the first half reads
 * on past it, and the rest is read in order. */
static void test_quoted_newlines_across_the_middle(void **state)
{
	(void)state;
	char *t = rows(200, "\"multi\nline\n\nsource\",c,A,u,p,2025-01-01,1,10\n");
	same_both_ways(t);
	free(t);
	char *u = rows(200, "\"a \"\"quoted\"\", one\",c,A,u,p,2025-01-01,1,10\n");
	assert_int_equal(same_both_ways(u), 1);
	free(u);
}

/* Errors and warnings in either half name the same lines. */
static void test_errors_in_either_half(void **state)
{
	(void)state;
	const char *bad[] = {
		"s,c,A,u,p,2025-02-30,1,10\n",          /* no such date */
		"s,c,A,u,p,2025-01-01,many,10\n",       /* unreadable optional count: a warning */
		"s,c,A,u,p,2025-01-01,1\n",             /* too few fields */
		"s,c,A,u,p,2025-01-01,1,\xff\n",        /* invalid UTF-8 */
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		char *t = rows(300, NULL);
		size_t body = strlen(TU_TRACK_HDR);
		struct buf first, second;
		buf_init(&first, 0);
		buf_init(&second, 0);
		buf_printf(&first, TU_TRACK_HDR "%s%s", bad[i], t + body);
		buf_printf(&second, "%s%s", t, bad[i]);
		same_both_ways(buf_str(&first));
		assert_int_equal(same_both_ways(buf_str(&second)), 0); /* read again in order */
		buf_free(&first);
		buf_free(&second);
		free(t);
	}
}

/* Revenue whose total passes int64 only with both halves added. */
static void test_total_passes_int64_across_halves(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	buf_puts(&b, TU_TRACK_HDR);
	for (int k = 0; k < 40; k++)
		buf_printf(&b, "s,c,A,u%d,p,2025-01-01,1,30000000000000000.00\n", k);
	assert_int_equal(same_both_ways(buf_str(&b)), 0);
	buf_free(&b);
}

/* No user column, CRLF lines and a BOM; blank lines in the middle. */
static void test_other_shapes(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	buf_puts(&b, "\xEF\xBB\xBF" "source,campaign,influencer_id,product,date,orders,revenue\r\n");
	for (int k = 0; k < 200; k++)
		buf_printf(&b, "s%d,c,%s,p,2025-01-%02d,1,10\r\n%s", k % 9, k % 2 ? "A" : "B", 1 + k % 28,
			   k == 100 ? "\r\n\n,,,\n" : "");
	assert_int_equal(same_both_ways(buf_str(&b)), 1);
	buf_free(&b);
	same_both_ways(TU_TRACK_HDR);
	buf_init(&b, 0); /* no row kept in either half */
	buf_puts(&b, TU_TRACK_HDR);
	for (int k = 0; k < 100; k++)
		buf_printf(&b, "s,c,ZZ,u,p,2025-01-01,1,10\n");
	assert_int_equal(same_both_ways(buf_str(&b)), 1);
	buf_free(&b);
	same_both_ways("\n\n\n\n\n\n\n\n" TU_TRACK_HDR "s,c,A,u,p,2025-01-01,1,10\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_rows_merge),
		cmocka_unit_test(test_one_user_across_the_middle),
		cmocka_unit_test(test_quoted_newlines_across_the_middle),
		cmocka_unit_test(test_errors_in_either_half),
		cmocka_unit_test(test_total_passes_int64_across_halves),
		cmocka_unit_test(test_other_shapes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
