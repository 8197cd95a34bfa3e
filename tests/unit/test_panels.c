/* test_panels.c: unit tests for trend.c and panels.c (periods, allocated spend by payout date, personas, posts). */
#include "testutil.h"

#include "metrics.h"
#include "panels.h"
#include "trend.h"
#include "val.h"

/* The spec's worked example with dates: A pays on 2025-01-02, B's payout has no date. */
#define INFL TU_INFL_HDR "A,Asha,Fitness,Female,1000,Instagram\nB,Bala,Fitness,Male,2000,YouTube\nC,Chen,Yoga,Female,10,Instagram\n"
#define POSTS TU_POST_HDR "A,,2025-01-01,https://x.test/1,one,1000,50,10\nA,,2025-01-05,,two,3000,10,0\nB,,2025-01-02,,three,0,5,5\n"
#define TRACK TU_TRACK_HDR "MuscleBlaze,,A,,,2025-01-01,2,1000\nHKVitals,,A,,,2025-01-02,2,3000\nMuscleBlaze,,B,,,2025-01-03,1,500\n"
#define PAY TU_PAY_HDR "A,post,,,1000,2025-01-02\nB,order,,,1000,\n"

struct fixture {
	struct dataset *ds;
	struct importlog rep;
	struct arena a;
	struct filter f;
	struct metrics m;
};

static void compute(struct fixture *x, const char *query)
{
	char err[256];
	arena_reset(&x->a);
	assert_int_equal(filter_parse(query, &x->a, &x->f, err, sizeof(err)), 0);
	assert_int_equal(metrics_compute(x->ds, &x->f, &x->a, &x->m), 0);
}

static int setup(void **state)
{
	struct fixture *x = calloc(1, sizeof(*x));
	importlog_init(&x->rep);
	arena_init(&x->a, 0);
	x->ds = tu_dataset_ok(INFL, POSTS, TRACK, PAY, &x->rep);
	*state = x;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *x = *state;
	dataset_free(x->ds);
	importlog_free(&x->rep);
	arena_free(&x->a);
	free(x);
	return 0;
}

static void test_trend_by_day_with_allocation(void **state)
{
	struct fixture *x = *state;
	struct trend t;
	char err[128];
	compute(x, "brand=MuscleBlaze");
	assert_int_equal(trend_compute(&x->m, &x->a, &t, err, sizeof(err)), 0);
	assert_int_equal(t.grain, GRAIN_DAY);
	assert_int_equal(t.n, 5); /* 2025-01-01 .. 2025-01-05, the data's dates */
	assert_int_equal(t.p[0].start, val_days_from_civil(2025, 1, 1));
	assert_true(t.p[0].revenue == 100000 && t.p[2].revenue == 50000 && t.p[1].revenue == 0);
	assert_near(t.p[1].spend, 50000, 1e-6);   /* A's payout, half of A's orders are MuscleBlaze */
	assert_near(t.p[2].spend, 100000, 1e-6);  /* B's undated payout, spread over its one order */
	double spend = 0;
	for (size_t i = 0; i < t.n; i++)
		spend += t.p[i].spend;
	assert_near(spend, x->m.spend, 1e-6);
}

static void test_trend_grain_and_limits(void **state)
{
	struct fixture *x = *state;
	struct trend t;
	char err[256];
	compute(x, "grain=month");
	assert_int_equal(trend_compute(&x->m, &x->a, &t, err, sizeof(err)), 0);
	assert_int_equal(t.n, 1);
	assert_true(t.p[0].revenue == 450000);
	compute(x, "grain=day&from=2000-01-01&to=2025-01-05");
	assert_int_equal(trend_compute(&x->m, &x->a, &t, err, sizeof(err)), -1);
	assert_contains(err, "grain");
	compute(x, "from=2025-01-02&to=2025-01-02");
	assert_int_equal(trend_compute(&x->m, &x->a, &t, err, sizeof(err)), 0);
	assert_int_equal(t.n, 1);
	assert_true(t.p[0].revenue == 300000);
	assert_near(t.p[0].spend, 100000, 1e-6);
}

/* SPEC section 6, spend timing: the March period has 2,000 of spend and
 * April 2,000, with and without the cube and under a date bound. */
static void check_timing_trend(struct fixture *x)
{
	struct trend t;
	char err[128];
	compute(x, "grain=month");
	assert_int_equal(trend_compute(&x->m, &x->a, &t, err, sizeof(err)), 0);
	assert_int_equal(t.n, 2);
	assert_near(t.p[0].spend, 200000, 0);
	assert_near(t.p[1].spend, 200000, 0);
	assert_true(t.p[0].revenue == 30000 && t.p[1].revenue == 30000);
	compute(x, "grain=month&from=2025-03-15");
	assert_int_equal(trend_compute(&x->m, &x->a, &t, err, sizeof(err)), 0);
	assert_near(t.p[0].spend, 100000 + 50000, 1e-9); /* C 3,000 x 2/6 (03-20), D's 03-15 post */
	assert_near(t.p[1].spend, 200000, 0);
	assert_near(x->m.spend, 350000, 1e-9);
	compute(x, "grain=week&campaign=Y");
	assert_int_equal(trend_compute(&x->m, &x->a, &t, err, sizeof(err)), 0);
	double spend = 0;
	for (size_t i = 0; i < t.n; i++)
		spend += t.p[i].spend;
	assert_near(spend, 150000, 1e-9); /* C's 3,000 x 3/6 of its orders are campaign Y */
	assert_near(spend, x->m.spend, 1e-9);
}

static void test_trend_spend_timing(void **state)
{
	(void)state;
	struct fixture x;
	memset(&x, 0, sizeof(x));
	importlog_init(&x.rep);
	arena_init(&x.a, 0);
	x.ds = tu_dataset_ok(TU_INFL_HDR "C,Cee,Fitness,Female,1000,Instagram\nD,Dee,Fitness,Male,1000,YouTube\n",
			     TU_POST_HDR "D,YouTube,2025-03-15,u,c,10,1,1\nD,YouTube,2025-04-15,u,c,10,1,1\n",
			     TU_TRACK_HDR "MuscleBlaze,X,C,u1,P,2025-03-10,1,100\nMuscleBlaze,X,C,u2,P,2025-03-20,2,200\n"
					  "HKVitals,Y,C,u3,P,2025-04-05,3,300\n",
			     TU_PAY_HDR "C,order,500,6,3000,\nD,post,500,0,1000,\n", &x.rep);
	check_timing_trend(&x);
	assert_int_equal(cube_build(x.ds), 0);
	check_timing_trend(&x);
	dataset_free(x.ds);
	importlog_free(&x.rep);
	arena_free(&x.a);
}

static void test_personas_and_platforms(void **state)
{
	struct fixture *x = *state;
	struct group *g;
	compute(x, "");
	long n = panels_group(&x->m, BY_PERSONA, &x->a, &g);
	assert_int_equal(n, 3);
	/* Fitness/Female: A, ROAS 4.0; Fitness/Male: B, 0.5; Yoga/Female: C, no spend (last) */
	assert_string_equal(strpool_get(&x->ds->pool, g[0].key1), "Fitness");
	assert_string_equal(strpool_get(&x->ds->pool, g[0].key2), "Female");
	assert_true(g[0].revenue == 400000 && g[0].count == 1);
	assert_string_equal(strpool_get(&x->ds->pool, g[1].key2), "Male");
	assert_string_equal(strpool_get(&x->ds->pool, g[2].key1), "Yoga");
	n = panels_group(&x->m, BY_PLATFORM, &x->a, &g);
	assert_int_equal(n, 2);
	assert_string_equal(strpool_get(&x->ds->pool, g[0].key1), "Instagram");
	assert_true(g[0].count == 2);
}

static void test_posts_tops_and_platforms(void **state)
{
	struct fixture *x = *state;
	struct post_stats s;
	compute(x, "");
	assert_int_equal(panels_posts(&x->m, 2, &x->a, &s), 0);
	assert_true(s.posts == 3 && s.reach == 4000 && s.likes == 65 && s.comments == 15);
	assert_int_equal(s.nby_reach, 2);
	assert_true(s.by_reach[0].post->reach == 3000 && s.by_reach[1].post->reach == 1000);
	assert_int_equal(s.nby_rate, 2); /* the post with reach 0 has no rate */
	assert_near(s.by_rate[0].rate, 0.06, 1e-12);
	assert_int_equal(s.nplatform, 2);
	compute(x, "from=2025-01-02&to=2025-01-04");
	assert_int_equal(panels_posts(&x->m, 10, &x->a, &s), 0);
	assert_true(s.posts == 1 && s.reach == 0);
	compute(x, "brand=HKVitals"); /* brand filters do not apply to posts */
	assert_int_equal(panels_posts(&x->m, 10, &x->a, &s), 0);
	assert_true(s.posts == 3);
}

/* A and B were both paid ₹1,000: equals keep dataset order, in the whole
 * list and in its first rows alike. */
static void test_paid_first_rows(void **state)
{
	struct fixture *x = *state;
	size_t n, all;
	compute(x, "");
	const struct infl_row **rows = panels_paid(&x->m, &x->a, SIZE_MAX, &n, &all);
	assert_non_null(rows);
	assert_true(n == 2 && all == 2);
	assert_true(rows[0]->base_spend == 100000 && rows[1]->base_spend == 100000);
	assert_true(rows[0]->idx == 0 && rows[1]->idx == 1);
	rows = panels_paid(&x->m, &x->a, 1, &n, &all);
	assert_true(n == 1 && all == 2 && rows[0]->idx == 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_trend_by_day_with_allocation),
		cmocka_unit_test(test_trend_grain_and_limits),
		cmocka_unit_test(test_trend_spend_timing),
		cmocka_unit_test(test_personas_and_platforms),
		cmocka_unit_test(test_posts_tops_and_platforms),
		cmocka_unit_test(test_paid_first_rows),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
