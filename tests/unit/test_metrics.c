/* test_metrics.c: unit tests for metrics.c (SPEC section 4 figures, section 6 worked example, filters, ordering). */
#include "figfx.h"
#include "val.h"

/* SPEC section 6, plus an organic row (source MuscleBlaze, Rs 500) and posts. */
#define EX_INFL TU_INFL_HDR "A,Asha,Fitness,Female,1000,Instagram\nB,Bala,Fitness,Male,2000,YouTube\n"
#define EX_POSTS TU_POST_HDR "A,,2025-01-04,,,1000,50,10\nB,,2025-01-05,,,500,20,5\n"
#define EX_TRACK TU_TRACK_HDR "MuscleBlaze,c1,A,u1,Whey,2025-01-05,2,1000\n" \
	"HKVitals,c1,A,u2,Fish Oil,2025-01-06,2,3000\nMuscleBlaze,c2,B,u3,Whey,2025-01-07,1,500\n"
#define EX_TRACK_ORGANIC EX_TRACK "MuscleBlaze,c3,,u4,Whey,2025-01-07,1,500\n"
#define EX_PAY TU_PAY_HDR "A,post,1000,0,1000,2025-01-02\nB,order,1000,1,1000,2025-01-03\n"

/* The row of influencer id, or a failure. */
static const struct infl_row *row_of(const struct metrics *m, const char *id)
{
	int32_t idx = dataset_find_influencer(m->ds, id);
	for (size_t i = 0; i < m->nrow; i++)
		if (m->row[i].idx == idx)
			return &m->row[i];
	fail_msg("influencer %s is not in the selection", id);
	return NULL;
}

static void assert_ratio(struct ratio r, double v)
{
	assert_true(r.ok);
	assert_near(r.v, v, 1e-9);
}

static void test_worked_example(void **state)
{
	(void)state;
	struct figfx *x = figfx_new(EX_INFL, EX_POSTS, EX_TRACK, EX_PAY);
	const struct metrics *m = figfx_compute(x, NULL);
	assert_int_equal(m->nrow, 2);
	assert_false(m->allocates);
	assert_true(m->revenue == 450000);
	assert_true(m->orders == 5);
	assert_near(m->spend, 200000, 0);
	assert_true(m->base_spend == 200000);
	assert_near(m->unallocated, 0, 0);
	assert_ratio(metrics_roas(m), 2.25);
	assert_ratio(metrics_incremental_roas(m), 1.25);
	assert_ratio(metrics_roi(m), 1.25);
	assert_near(metrics_incremental_revenue(m), 250000, 1e-6);
	assert_ratio(metrics_cost_per_order(m), 40000);
	assert_ratio(metrics_aov(m), 90000);
	assert_ratio(metrics_influencer_share(m), 1.0);
	assert_ratio(row_roas(row_of(m, "A")), 4.0);
	assert_ratio(row_roas(row_of(m, "B")), 0.5);
	assert_ratio(row_cost_per_order(row_of(m, "A")), 25000);

	m = figfx_compute(x, "brand=MuscleBlaze");
	assert_true(m->allocates);
	assert_true(m->revenue == 150000);
	assert_true(m->orders == 3);
	assert_near(row_of(m, "A")->spend, 50000, 1e-9);  /* 1,000 x 2/4 */
	assert_near(row_of(m, "B")->spend, 100000, 1e-9); /* 1,000 x 1/1 */
	assert_true(row_of(m, "A")->base_spend == 100000);
	assert_near(m->spend, 150000, 1e-9);
	assert_ratio(metrics_roas(m), 1.0);
	assert_near(m->unallocated, 50000, 1e-9);
	assert_true(m->base_spend == 200000);

	m = figfx_compute(x, "platform=YouTube");
	assert_int_equal(m->nrow, 1);
	assert_true(m->revenue == 50000);
	assert_near(m->spend, 100000, 0);
	assert_ratio(metrics_roas(m), 0.5);
	assert_true(metrics_incremental_roas(m).v < 0); /* below the baseline */
	assert_ratio(metrics_incremental_roas(m), -0.5);
	figfx_free(x);
}

static void test_fractional_allocation(void **state)
{
	(void)state;
	/* Rs 1,000.01 split 1/3 and 2/3 by orders: not rounded before summing */
	struct figfx *x = figfx_new(TU_INFL_HDR "A,Asha,,,,I\n", TU_POST_HDR,
			      TU_TRACK_HDR "X,,A,,,2025-01-01,1,10\nY,,A,,,2025-01-01,2,10\n",
			      TU_PAY_HDR "A,,,,1000.01,\n");
	const struct metrics *m = figfx_compute(x, "brand=X");
	assert_near(m->spend, 100001.0 / 3.0, 1e-9);
	assert_near(m->unallocated, 100001.0 * 2.0 / 3.0, 1e-9);
	m = figfx_compute(x, "brand=X&brand=Y");
	assert_near(m->spend, 100001.0, 1e-9);
	assert_near(m->unallocated, 0, 1e-9);
	figfx_free(x);
}

/* Tracking on 01-05, 01-10, 01-20; payouts on 01-01, 01-15, undated, 01-31;
 * posts on 01-09, 01-12, 01-25. */
#define DR_TRACK TU_TRACK_HDR "s,,A,,,2025-01-05,1,100\ns,,A,,,2025-01-10,1,200\ns,,A,,,2025-01-20,1,400\n"
#define DR_PAY TU_PAY_HDR "A,post,1,1,10,2025-01-01\nA,order,5,4,20,2025-01-15\nA,,7,,40,\nA,order,9,,80,2025-01-31\n"
#define DR_POSTS TU_POST_HDR "A,,2025-01-09,,,100,1,1\nA,,2025-01-12,,,200,2,2\nA,,2025-01-25,,,400,4,4\n"

static void test_date_range(void **state)
{
	(void)state;
	struct figfx *x = figfx_new(TU_INFL_HDR "A,Asha,,,,I\n", DR_POSTS, DR_TRACK, DR_PAY);
	const struct metrics *m = figfx_compute(x, "from=2025-01-10&to=2025-01-15");
	assert_true(m->revenue == 20000 && m->orders == 1);
	assert_near(m->spend, 2000 + 4000.0 / 3, 1e-9); /* 01-15 and the undated row's piece: 1 of A's 3 orders */
	const struct infl_row *r = row_of(m, "A");
	assert_true(r->pay_count == 2 && r->pay_orders == 4);
	assert_int_equal(r->pay_last, val_days_from_civil(2025, 1, 15));
	assert_true(r->pay_rate == 500);
	assert_true(r->pay_basis == ((1u << BASIS_ORDER) | (1u << BASIS_NONE)));
	assert_true(m->basis_total[BASIS_ORDER] == 2000 && m->basis_count[BASIS_ORDER] == 1);
	assert_near(m->basis_total[BASIS_NONE], 4000.0 / 3, 1e-9);
	assert_true(m->basis_total[BASIS_POST] == 0);
	assert_true(m->posts == 1 && m->reach == 200 && m->engagement == 4);
	/* bounds are inclusive */
	m = figfx_compute(x, "from=2025-01-05&to=2025-01-05");
	assert_true(m->revenue == 10000);
	assert_near(m->spend, 4000.0 / 3, 1e-9);
	m = figfx_compute(x, "from=2025-01-20");
	assert_true(m->revenue == 40000);
	assert_near(m->spend, 8000 + 4000.0 / 3, 1e-9);
	assert_true(m->posts == 1 && m->reach == 400);
	assert_int_equal(row_of(m, "A")->pay_last, val_days_from_civil(2025, 1, 31));
	m = figfx_compute(x, "to=2025-01-01");
	assert_true(m->revenue == 0);
	assert_near(m->spend, 1000, 0); /* no orders yet: none of the undated payout */
	assert_true(m->posts == 0 && row_of(m, "A")->pay_count == 1);
	/* a range with no activity has no spend */
	m = figfx_compute(x, "from=2026-01-01");
	assert_near(m->spend, 0, 0);
	assert_false(metrics_roas(m).ok);
	assert_false(metrics_aov(m).ok);
	assert_false(metrics_engagement_rate(m).ok);
	/* no range: everything */
	m = figfx_compute(x, NULL);
	assert_true(m->revenue == 70000);
	assert_near(m->spend, 15000, 0);
	assert_true(row_of(m, "A")->pay_rate == 900);
	figfx_free(x);
}

/* SPEC section 6, spend timing (tests/data/spec-timing-example). */
#define TM_INFL TU_INFL_HDR "C,Cee,Fitness,Female,1000,Instagram\nD,Dee,Fitness,Male,1000,YouTube\n"
#define TM_POSTS TU_POST_HDR "D,YouTube,2025-03-15,u,c,10,1,1\nD,YouTube,2025-04-15,u,c,10,1,1\n"
#define TM_TRACK TU_TRACK_HDR "MuscleBlaze,X,C,u1,P,2025-03-10,1,100\nMuscleBlaze,X,C,u2,P,2025-03-20,2,200\n" \
	"HKVitals,Y,C,u3,P,2025-04-05,3,300\n"
#define TM_PAY TU_PAY_HDR "C,order,500,6,3000,\nD,post,500,0,1000,\n"

static void check_timing_example(struct figfx *x)
{
	const struct metrics *m = figfx_compute(x, NULL);
	assert_near(m->spend, 400000, 0);
	assert_near(m->timed[SPREAD_ORDERS], 300000, 0);
	assert_near(m->timed[SPREAD_POSTS], 100000, 0);
	m = figfx_compute(x, "from=2025-03-01&to=2025-03-31");
	assert_near(row_of(m, "C")->spend, 150000, 0);
	assert_near(row_of(m, "D")->spend, 50000, 0);
	assert_near(m->spend, 200000, 0);
	m = figfx_compute(x, "from=2025-04-01");
	assert_near(row_of(m, "C")->spend, 150000, 0);
	assert_near(row_of(m, "D")->spend, 50000, 0);
	assert_near(m->spend, 200000, 0);
	/* campaign=X: C's 1,500 by orders share 3/3 of its range orders; D has none */
	m = figfx_compute(x, "campaign=X");
	assert_near(m->spend, 150000, 0);
	assert_near(m->unallocated, 250000, 0);
	m = figfx_compute(x, "campaign=X&from=2025-03-01&to=2025-03-31");
	assert_near(m->spend, 150000, 0);
	assert_near(m->unallocated, 50000, 0);
}

static void test_spend_timing_example(void **state)
{
	(void)state;
	struct figfx *x = figfx_new(TM_INFL, TM_POSTS, TM_TRACK, TM_PAY);
	check_timing_example(x);
	assert_int_equal(cube_build(x->ds), 0); /* the same figures from the cube */
	check_timing_example(x);
	figfx_free(x);
}

/* The methods and their fallbacks: post basis without posts spreads over
 * orders, order basis without orders over posts, neither is unscheduled:
 * in every total without a date bound, in none with one. */
#define FB_INFL TU_INFL_HDR "P,Pee,,,,I\nO,Oh,,,,I\nN,En,,,,I\n"
#define FB_POSTS TU_POST_HDR "O,,2025-02-01,,,1,0,0\nO,,2025-02-02,,,1,0,0\nO,,2025-03-01,,,1,0,0\n"
#define FB_TRACK TU_TRACK_HDR "s,,P,,,2025-02-01,1,100\ns,,P,,,2025-02-03,0,100\ns,,P,,,2025-03-05,2,100\n"
#define FB_PAY TU_PAY_HDR "P,post,,,900,\nO,order,,,600,\nN,,,,50,\nN,post,,,25,2025-02-10\n"

static void test_spend_timing_fallbacks(void **state)
{
	(void)state;
	struct figfx *x = figfx_new(FB_INFL, FB_POSTS, FB_TRACK, FB_PAY);
	const struct metrics *m = figfx_compute(x, NULL);
	assert_near(m->spend, 157500, 0);
	assert_near(m->timed[SPREAD_UNSCHEDULED], 5000, 0);
	assert_near(m->timed[SPREAD__MAX], 2500, 0);
	m = figfx_compute(x, "from=2025-02-01&to=2025-02-28");
	assert_near(row_of(m, "P")->spend, 30000, 0);     /* 900 x 1/3 orders (the 0-order row gets 0) */
	assert_near(row_of(m, "O")->spend, 40000, 0);     /* 600 x 2/3 posts */
	assert_near(row_of(m, "N")->spend, 2500, 0);      /* only the dated payout */
	assert_near(m->unscheduled_out, 5000, 0);
	assert_near(m->spend, 72500, 0);
	m = figfx_compute(x, "to=2030-01-01"); /* any bound leaves the unscheduled payout out */
	assert_near(m->spend, 152500, 0);
	figfx_free(x);
}

/* Payout tracking: expected = the influencer's latest rate x its orders
 * (posts for post basis) in range; totals per basis and per status. */
static void test_payout_tracking(void **state)
{
	(void)state;
	struct figfx *x = figfx_new(TM_INFL, TM_POSTS, TM_TRACK,
			      "influencer_id,basis,rate,orders,total_payout,date,status\n"
			      "C,order,400,6,1000,2025-03-31,paid\nC,order,500,6,2000,,pending\nD,post,500,0,1000,,paid\n");
	const struct metrics *m = figfx_compute(x, "from=2025-03-01&to=2025-03-31");
	const struct infl_row *c = row_of(m, "C"), *d = row_of(m, "D");
	assert_near(c->expected, 40000 * 3, 0); /* the dated row is the latest: Rs 400 x 3 March orders */
	assert_near(c->base_spend, 100000 + 200000 * 3 / 6, 0);
	assert_near(d->expected, 50000, 0);     /* Rs 500 x 1 March post */
	assert_near(m->basis_expected[BASIS_ORDER], 120000, 0);
	assert_near(m->basis_expected[BASIS_POST], 50000, 0);
	assert_int_equal(m->nstatus, 2);
	assert_string_equal(strpool_get(&m->ds->pool, m->status[0].status), "paid");
	assert_near(m->status[0].paid, 100000 + 50000, 0);
	assert_true(m->status[0].count == 2 && m->status[1].count == 1);
	assert_near(m->status[1].paid, 100000, 0);
	assert_near(m->status_paid[(size_t)(c - m->row) * m->nstatus + 1], 100000, 0);
	m = figfx_compute(x, "from=2025-04-01");
	assert_near(row_of(m, "C")->expected, 40000 * 3, 0);
	assert_near(m->status[0].paid, 50000, 0); /* D's April post */
	figfx_free(x);
}

static void test_allocation_zero_denominator(void **state)
{
	(void)state;
	/* A has spend but no orders in range; B has revenue rows with 0 orders */
	struct figfx *x = figfx_new(TU_INFL_HDR "A,Asha,,,,I\nB,Bala,,,,Y\n", TU_POST_HDR,
			      TU_TRACK_HDR "X,,A,,,2025-02-01,3,100\nX,,B,,,2025-01-05,0,100\n",
			      TU_PAY_HDR "A,,,,300,2025-01-01\nB,,,,200,2025-01-01\n");
	const struct metrics *m = figfx_compute(x, "brand=X&to=2025-01-31");
	assert_near(row_of(m, "A")->spend, 0, 0);
	assert_near(row_of(m, "B")->spend, 0, 0);
	assert_true(m->revenue == 10000);
	assert_near(m->spend, 0, 0);
	assert_near(m->unallocated, 50000, 0);
	assert_false(metrics_roas(m).ok);
	assert_false(metrics_roi(m).ok);
	assert_false(metrics_cost_per_order(m).ok);
	figfx_free(x);
}

/* ROAS: Q 2 (rev 400), P 2 (rev 200), R 1, S 1 (same as R), T 1 (less spend),
 * V 0; U has revenue but no spend; W has nothing. */
#define TB_INFL TU_INFL_HDR "P,p,,,,I\nQ,q,,,,I\nS,s,,,,I\nR,r,,,,I\nT,t,,,,I\nU,u,,,,I\nV,v,,,,I\nW,w,,,,I\n"
#define TB_TRACK TU_TRACK_HDR "b,,P,,,2025-01-01,1,200\nb,,Q,,,2025-01-01,1,400\nb,,R,,,2025-01-01,1,100\n" \
	"b,,S,,,2025-01-01,1,100\nb,,T,,,2025-01-01,1,50\nb,,U,,,2025-01-01,1,1000\n"
#define TB_PAY TU_PAY_HDR "P,,,,100,\nQ,,,,200,\nR,,,,100,\nS,,,,100,\nT,,,,50,\nV,,,,100,\n"

static void ids(const struct metrics *m, const struct infl_row **rows, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		out[i] = strpool_get(&m->ds->pool, m->ds->infl[rows[i]->idx].id)[0];
	out[n] = '\0';
}

static void test_top_bottom(void **state)
{
	(void)state;
	struct figfx *x = figfx_new(TB_INFL, TU_POST_HDR, TB_TRACK, TB_PAY);
	const struct metrics *m = figfx_compute(x, NULL);
	const struct infl_row *rows[16];
	char got[17];
	size_t n = metrics_top(m, 0, rows, 16);
	ids(m, rows, n, got);
	assert_string_equal(got, "QPRSTV");
	n = metrics_top(m, 1, rows, 16);
	ids(m, rows, n, got);
	assert_string_equal(got, "VRSTQP");
	assert_int_equal(metrics_top(m, 0, rows, 2), 2);
	ids(m, rows, 2, got);
	assert_string_equal(got, "QP");
	assert_int_equal(metrics_top(m, 1, rows, 3), 3);
	ids(m, rows, 3, got);
	assert_string_equal(got, "VRS");
	assert_int_equal(metrics_top(m, 0, rows, 0), 0);
	/* every row: undefined ROAS (no spend) last, then revenue desc, then id */
	const struct infl_row **all = metrics_by_roas(m, &x->a);
	assert_non_null(all);
	ids(m, all, m->nrow, got);
	assert_string_equal(got, "QPRSTVUW");
	/* a filter that leaves only zero-spend rows lists nobody */
	m = figfx_compute(x, "influencer=U");
	assert_int_equal(metrics_top(m, 0, rows, 16), 0);
	figfx_free(x);
}

static void test_unknown_values_and_influencer(void **state)
{
	(void)state;
	struct figfx *x = figfx_new(EX_INFL, EX_POSTS, EX_TRACK_ORGANIC, EX_PAY);
	static const char *const none[] = { "platform=TikTok", "gender=Other", "category=Fitness2",
					    "influencer=ZZ", "influencer=Asha", "platform=Fitness" };
	for (size_t i = 0; i < sizeof(none) / sizeof(none[0]); i++) {
		const struct metrics *m = figfx_compute(x, none[i]);
		if (m->nrow != 0)
			fail_msg("%s selected %zu influencers", none[i], m->nrow);
		assert_true(m->revenue == 0 && m->orders == 0 && m->posts == 0);
		assert_near(m->spend, 0, 0);
		assert_false(metrics_roas(m).ok);
	}
	const struct metrics *m = figfx_compute(x, "brand=NoSuchBrand");
	assert_int_equal(m->nrow, 2);
	assert_true(m->revenue == 0 && m->tracked_revenue == 0);
	assert_near(m->spend, 0, 0);
	assert_near(m->unallocated, 200000, 0);
	m = figfx_compute(x, "product=Whey&campaign=c1");
	assert_true(m->revenue == 100000 && m->orders == 2);
	assert_near(row_of(m, "A")->spend, 50000, 1e-9);
	m = figfx_compute(x, "influencer=B");
	assert_int_equal(m->nrow, 1);
	assert_true(m->revenue == 50000 && m->posts == 1);
	assert_near(m->spend, 100000, 0);
	/* OR within a parameter, AND across parameters */
	assert_int_equal(figfx_compute(x, "platform=YouTube&platform=Instagram")->nrow, 2);
	assert_int_equal(figfx_compute(x, "platform=YouTube&gender=Female")->nrow, 0);
	assert_int_equal(figfx_compute(x, "gender=Female&category=Fitness")->nrow, 1);
	figfx_free(x);
}

static void test_engagement_and_share(void **state)
{
	(void)state;
	struct figfx *x = figfx_new(EX_INFL, EX_POSTS, EX_TRACK_ORGANIC, EX_PAY);
	const struct metrics *m = figfx_compute(x, NULL);
	assert_true(m->posts == 2 && m->reach == 1500 && m->engagement == 85);
	assert_ratio(metrics_engagement_rate(m), 85.0 / 1500.0);
	assert_ratio(row_engagement_rate(row_of(m, "A")), 0.06);
	assert_true(m->revenue == 450000);
	assert_true(m->tracked_revenue == 500000); /* organic included */
	assert_ratio(metrics_influencer_share(m), 0.9);
	/* brand filters do not apply to posts; organic rows of the brand count */
	m = figfx_compute(x, "brand=MuscleBlaze");
	assert_true(m->posts == 2 && m->engagement == 85);
	assert_true(m->tracked_revenue == 200000);
	assert_ratio(metrics_influencer_share(m), 0.75);
	/* influencer attributes narrow the influencer revenue, not the total */
	m = figfx_compute(x, "platform=YouTube");
	assert_true(m->tracked_revenue == 500000);
	assert_ratio(metrics_influencer_share(m), 0.1);
	assert_ratio(metrics_engagement_rate(m), 25.0 / 500.0);
	/* date range applies to the organic rows too */
	m = figfx_compute(x, "to=2025-01-06");
	assert_true(m->tracked_revenue == 400000);
	figfx_free(x);
}

static void test_baseline(void **state)
{
	(void)state;
	struct figfx *x = figfx_new(EX_INFL, EX_POSTS, EX_TRACK, EX_PAY);
	const struct metrics *m = figfx_compute(x, "baseline=2");
	assert_near(m->baseline, 2.0, 0);
	assert_ratio(metrics_roas(m), 2.25);
	assert_ratio(metrics_incremental_roas(m), 0.25);
	assert_near(metrics_incremental_revenue(m), 50000, 1e-6);
	m = figfx_compute(x, "baseline=0");
	assert_ratio(metrics_incremental_roas(m), 2.25);
	assert_near(metrics_incremental_revenue(m), 450000, 1e-6);
	m = figfx_compute(x, "baseline=3&brand=MuscleBlaze");
	assert_ratio(metrics_incremental_roas(m), -2.0);
	assert_near(metrics_incremental_revenue(m), 150000 - 3 * 150000, 1e-6);
	figfx_free(x);
}

static void test_ratio_div(void **state)
{
	(void)state;
	struct ratio r = ratio_div(1, 0);
	assert_false(r.ok);
	assert_ratio(ratio_div(3, 4), 0.75);
	assert_ratio(ratio_div(0, 5), 0);
	assert_ratio(ratio_div(-1, 4), -0.25);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_worked_example),
		cmocka_unit_test(test_fractional_allocation),
		cmocka_unit_test(test_date_range),
		cmocka_unit_test(test_spend_timing_example),
		cmocka_unit_test(test_spend_timing_fallbacks),
		cmocka_unit_test(test_payout_tracking),
		cmocka_unit_test(test_allocation_zero_denominator),
		cmocka_unit_test(test_top_bottom),
		cmocka_unit_test(test_unknown_values_and_influencer),
		cmocka_unit_test(test_engagement_and_share),
		cmocka_unit_test(test_baseline),
		cmocka_unit_test(test_ratio_div),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
