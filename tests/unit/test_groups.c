/* test_groups.c: unit tests for groups.c: the campaign, brand and product tables (SPEC section 4, the worked examples of section 6). */
#include "figfx.h"

#include "compiled.h"
#include "groups.h"
#include "grouptab.h"
#include "trend.h"
#include "val.h"

struct fx {
	struct figfx fig;
	struct groups g;
	struct dataset *raw;         /* the same data without the cube (test_derived_columns) */
};

/* A dataset from the four files of a tests/data folder, with its cube. */
static struct fx *fx_dir(const char *dir)
{
	struct fx *x = calloc(1, sizeof(*x));
	assert_non_null(x);
	figfx_init(&x->fig);
	char p[DSF__MAX][512];
	const char *path[DSF__MAX];
	for (int k = 0; k < DSF__MAX; k++) {
		snprintf(p[k], sizeof(p[k]), "%s/%s", dir, ds_file_name[k]);
		path[k] = p[k];
	}
	assert_int_equal(dataset_read(path, &x->fig.ds, &x->fig.rep), 0);
	assert_int_equal(cube_build(x->fig.ds), 0);
	return x;
}

static struct fx *fx_text(const char *i, const char *p, const char *t, const char *y)
{
	struct fx *x = calloc(1, sizeof(*x));
	assert_non_null(x);
	figfx_init(&x->fig);
	x->fig.ds = tu_dataset_ok(i, p, t, y, &x->fig.rep);
	assert_int_equal(cube_build(x->fig.ds), 0);
	return x;
}

static void fx_free(struct fx *x)
{
	figfx_release(&x->fig);
	free(x);
}

static const struct groups *table(struct fx *x, const char *query, enum groups_by by)
{
	figfx_compute(&x->fig, query);
	assert_int_equal(groups_compute(&x->fig.m, by, &x->fig.a, &x->g), 0);
	return &x->g;
}

static const struct grow *row_named(struct fx *x, const char *name)
{
	for (size_t k = 0; k < x->g.n; k++)
		if (strcmp(groups_label(&x->fig.m, x->g.row[k].key), name) == 0)
			return &x->g.row[k];
	fail_msg("no row %s", name);
	return NULL;
}

static int32_t day(const char *s)
{
	int32_t d;
	assert_int_equal(val_date_exact(s, strlen(s), &d), VAL_OK);
	return d;
}

/* SPEC section 6, spend timing: with campaign X, C's 3,000 x 3/6 = 1,500,
 * Y 1,500; D has no orders, so its 1,000 is spend without orders. */
static void test_spec_timing_campaigns(void **state)
{
	(void)state;
	struct fx *x = fx_dir("tests/data/spec-timing-example");
	const struct groups *g = table(x, NULL, GROUPS_CAMPAIGN);
	assert_int_equal(g->n, 2);
	const struct grow *X = row_named(x, "X"), *Y = row_named(x, "Y");
	assert_near(X->spend, 150000, 0);
	assert_near(Y->spend, 150000, 0);
	assert_near(g->without_orders, 100000, 0);
	assert_int_equal(X->revenue, 30000);
	assert_int_equal(X->orders, 3);
	assert_int_equal(X->influencers, 1);
	assert_int_equal(X->first, day("2025-03-10"));
	assert_int_equal(X->last, day("2025-03-20"));
	assert_int_equal(Y->first, day("2025-04-05"));
	assert_near(X->spend + Y->spend + g->without_orders, x->fig.m.spend, 0);
	/* the row equals the KPIs filtered to it: campaign=X spend 1,500, unallocated 2,500 */
	figfx_compute(&x->fig, "campaign=X");
	assert_near(x->fig.m.spend, X->spend, 0);
	assert_near(x->fig.m.unallocated, 250000, 0);
	/* March only: C 1,500 all on X (its March orders), D's 500 without orders */
	g = table(x, "from=2025-03-01&to=2025-03-31", GROUPS_CAMPAIGN);
	assert_int_equal(g->n, 1);
	assert_near(row_named(x, "X")->spend, 150000, 0);
	assert_near(g->without_orders, 50000, 0);
	/* brands read source here (no brand column) */
	g = table(x, NULL, GROUPS_BRAND);
	assert_near(row_named(x, "MuscleBlaze")->spend, 150000, 0);
	assert_near(row_named(x, "HKVitals")->spend, 150000, 0);
	g = table(x, NULL, GROUPS_PRODUCT);
	assert_int_equal(g->n, 1);
	assert_near(row_named(x, "P")->spend, 300000, 0);
	fx_free(x);
}

/* SPEC section 6: brand MuscleBlaze spend 1,500 (A 500, B 1,000), HKVitals 500. */
#define EX_INFL TU_INFL_HDR "A,Asha,Fitness,Female,1000,Instagram\nB,Bala,Fitness,Male,2000,YouTube\n"
#define EX_POSTS TU_POST_HDR "A,,2025-01-04,,,1000,50,10\n"
#define EX_TRACK TU_TRACK_HDR "MuscleBlaze,c1,A,u1,Whey,2025-01-05,2,1000\n" \
	"HKVitals,c1,A,u2,Fish Oil,2025-01-06,2,3000\nMuscleBlaze,,B,u3,Whey,2025-01-07,1,500\n" \
	"MuscleBlaze,c9,,u4,Whey,2025-01-07,1,500\n"
#define EX_PAY TU_PAY_HDR "A,post,1000,0,1000,2025-01-02\nB,order,1000,1,1000,\n"

static void test_worked_example_brands(void **state)
{
	(void)state;
	struct fx *x = fx_text(EX_INFL, EX_POSTS, EX_TRACK, EX_PAY);
	const struct groups *g = table(x, NULL, GROUPS_BRAND);
	assert_int_equal(g->n, 2);
	assert_near(row_named(x, "MuscleBlaze")->spend, 150000, 0);
	assert_int_equal(row_named(x, "MuscleBlaze")->revenue, 150000);
	assert_int_equal(row_named(x, "MuscleBlaze")->influencers, 2);
	assert_near(row_named(x, "HKVitals")->spend, 50000, 0);
	assert_string_equal(groups_label(&x->fig.m, g->row[0].key), "HKVitals"); /* ROAS 6 first */
	/* campaigns: the empty value is "(none)"; organic rows are not in T */
	g = table(x, NULL, GROUPS_CAMPAIGN);
	assert_int_equal(g->n, 2);
	assert_near(row_named(x, "(none)")->spend, 100000, 0);
	assert_near(row_named(x, "c1")->spend, 100000, 0);
	assert_string_equal(groups_brands(&x->fig.m, row_named(x, "c1")->key, &x->fig.a), "MuscleBlaze, HKVitals");
	assert_string_equal(groups_brands(&x->fig.m, row_named(x, "(none)")->key, &x->fig.a), "MuscleBlaze");
	/* another column filtered: from the rows; the table equals the KPIs */
	g = table(x, "brand=MuscleBlaze", GROUPS_CAMPAIGN);
	assert_near(row_named(x, "c1")->spend, 50000, 0);
	assert_near(row_named(x, "(none)")->spend, 100000, 0);
	assert_near(x->fig.m.spend, 150000, 0);
	/* the column itself filtered: only those values */
	g = table(x, "brand=HKVitals&platform=Instagram", GROUPS_BRAND);
	assert_int_equal(g->n, 1);
	assert_near(g->row[0].spend, 50000, 0);
	assert_near(g->row[0].spend, x->fig.m.spend, 0);
	fx_free(x);
}

/* Every row of every column, with and without bounds and other filters,
 * equals metrics with that value as the filter, to the last bit; the
 * rows plus the spend without orders are the KPI spend. */
#define MX_INFL TU_INFL_HDR "A,a,,,,I\nB,b,,,,Y\nC,c,,,,I\nD,d,,,,Y\n"
#define MX_POSTS TU_POST_HDR "A,,2025-01-03,,,1,0,0\nB,,2025-02-01,,,1,0,0\nB,,2025-03-01,,,1,0,0\nD,,2025-01-09,,,1,0,0\n"
#define MX_TRACK TU_TRACK_HDR "s1,k1,A,,p1,2025-01-01,3,701\ns2,k2,A,,p2,2025-01-05,7,333\ns1,k1,A,,p2,2025-02-11,1,99\n" \
	"s1,k2,B,,p1,2025-01-02,2,1001\ns2,,B,,p1,2025-02-20,5,77\ns2,k1,B,,p3,2025-03-03,0,50\n" \
	"s1,k1,C,,p1,2025-03-03,0,10\ns1,k3,,,p1,2025-03-03,4,10\n"
#define MX_PAY TU_PAY_HDR "A,order,,,100003,\nA,,,,5507,2025-02-01\nB,post,,,70001,\nC,,,,999,2025-01-01\nD,post,,,1234,\n"

/* With summed (the filter's group_by set), metrics sums T by that column as it scans (the pages
 * that show a table); without, the table reads the rows. */
static void check_equal_by(struct fx *x, const char *base, int summed)
{
	for (int by = 0; by < GROUPS__MAX; by++) {
		struct groups g;
		char err[256];
		if (filter_parse(base, &x->fig.a, &x->fig.f, err, sizeof(err)) != 0)
			fail_msg("filter \"%s\": %s", base, err);
		x->fig.f.group_by = summed ? groups_name[by] : NULL;
		assert_int_equal(metrics_compute(x->fig.ds, &x->fig.f, &x->fig.a, &x->fig.m), 0);
		assert_true(!summed || !filter_allocates(&x->fig.f) || x->fig.m.tpair || x->fig.m.tcols & 1u << x->fig.m.tpair_col);
		double kpi = x->fig.m.spend;
		int other = filter_allocates(&x->fig.f);
		assert_int_equal(groups_compute(&x->fig.m, (enum groups_by)by, &x->fig.a, &g), 0);
		long double sum = g.without_orders;
		for (size_t k = 0; k < g.n; k++) {
			const struct grow row = g.row[k];
			sum += row.spend;
			const char *name = strpool_get(&x->fig.ds->pool, row.key);
			if (!*name)
				continue; /* an empty value cannot be a filter */
			char q[512] = "", pair[128], col[32];
			snprintf(col, sizeof(col), "%s=", groups_name[by]);
			for (const char *p = base ? base : ""; *p;) { /* the base without this column's filter */
				size_t n = strcspn(p, "&");
				if (strncmp(p, col, strlen(col)) != 0)
					snprintf(q + strlen(q), sizeof(q) - strlen(q), "%.*s&", (int)n, p);
				p += n + (p[n] == '&');
			}
			snprintf(pair, sizeof(pair), "%s%s", col, name);
			strncat(q, pair, sizeof(q) - strlen(q) - 1);
			figfx_compute(&x->fig, q);
			if (x->fig.m.spend != row.spend || x->fig.m.revenue != row.revenue || x->fig.m.orders != row.orders)
				fail_msg("%s: row spend %.17g revenue %lld, KPIs %.17g %lld", q, row.spend,
					 (long long)row.revenue, x->fig.m.spend, (long long)x->fig.m.revenue);
		}
		if (!other)
			assert_near((double)sum, kpi, 1e-6);
	}
}

static void check_equal(struct fx *x, const char *base)
{
	check_equal_by(x, base, 0);
	check_equal_by(x, base, 1);
}

static void test_rows_equal_kpis(void **state)
{
	(void)state;
	struct fx *x = fx_text(MX_INFL, MX_POSTS, MX_TRACK, MX_PAY);
	const char *bases[] = { NULL, "from=2025-01-02", "to=2025-02-15", "from=2025-01-04&to=2025-02-25",
				"platform=Y", "from=2025-02-01&platform=I", "from=2025-01-05&to=2025-01-05",
				/* another column filtered: from metrics' sums of T or from the rows */
				"brand=s1", "product=p1&from=2025-01-02", "campaign=k1", "brand=s2&to=2025-02-25",
				"campaign=k2&campaign=k1&product=p2" };
	for (size_t k = 0; k < sizeof(bases) / sizeof(bases[0]); k++)
		check_equal(x, bases[k]);
	/* the same from the mapped compiled form */
	char *dir = tu_mkdtemp(), path[4200], err[256];
	snprintf(path, sizeof(path), "%s/%s", dir, COMPILED_NAME);
	assert_int_equal(compiled_write(x->fig.ds, path), 0);
	struct dataset *mapped = compiled_map(path, err, sizeof(err));
	assert_non_null(mapped);
	struct dataset *built = x->fig.ds;
	x->fig.ds = mapped;
	for (size_t k = 0; k < sizeof(bases) / sizeof(bases[0]); k++)
		check_equal(x, bases[k]);
	x->fig.ds = built;
	dataset_free(mapped);
	tu_rmtree(dir);
	free(dir);
	fx_free(x);
}

/* The figures of one filter, computed twice: the second with the dataset's
 * combinations known, so columns the filter decides are read from their
 * group cubes. Everything must be equal to the last bit. */
static void check_derived(struct fx *x, const char *query, unsigned want_tcols)
{
	struct metrics plain;
	struct groups g[GROUPS__MAX], h;
	for (int pass = 0; pass < 2; pass++) {
		size_t n = 0;
		struct cube_triple *t = pass ? cube_triples(x->fig.ds, &n) : NULL;
		x->fig.ds->cube.triple = t;
		x->fig.ds->cube.ntriple = n;
		x->fig.f.group_by = NULL;
		figfx_compute(&x->fig, query);
		x->fig.f.group_by = "campaign";
		assert_int_equal(metrics_compute(x->fig.ds, &x->fig.f, &x->fig.a, pass ? &x->fig.m : &plain), 0);
		const struct metrics *m = pass ? &x->fig.m : &plain;
		for (int by = 0; by < GROUPS__MAX; by++)
			assert_int_equal(groups_compute(m, (enum groups_by)by, &x->fig.a, pass ? &h : &g[by]), 0);
		if (pass) {
			/* the trend from the cube (the group cube of a column deciding T) equals the rows' */
			struct metrics rm;
			struct trend ct, rt;
			char err[256];
			assert_int_equal(metrics_compute(x->raw, &x->fig.f, &x->fig.a, &rm), 0);
			assert_int_equal(trend_compute(&x->fig.m, &x->fig.a, &ct, err, sizeof(err)), 0);
			assert_int_equal(trend_compute(&rm, &x->fig.a, &rt, err, sizeof(err)), 0);
			assert_int_equal(ct.n, rt.n);
			for (size_t k = 0; k < ct.n; k++) {
				assert_int_equal(ct.p[k].revenue, rt.p[k].revenue);
				assert_int_equal(ct.p[k].orders, rt.p[k].orders);
				assert_true(ct.p[k].spend == rt.p[k].spend);
			}
			assert_int_equal(x->fig.m.tcols & want_tcols, want_tcols);
			assert_int_equal(x->fig.m.revenue, plain.revenue);
			assert_int_equal(x->fig.m.orders, plain.orders);
			assert_int_equal(x->fig.m.tracked_revenue, plain.tracked_revenue);
			assert_true(x->fig.m.spend == plain.spend && x->fig.m.unallocated == plain.unallocated);
			assert_int_equal(x->fig.m.nrow, plain.nrow);
			for (size_t k = 0; k < plain.nrow; k++) {
				assert_int_equal(x->fig.m.row[k].orders, plain.row[k].orders);
				assert_int_equal(x->fig.m.row[k].revenue, plain.row[k].revenue);
				assert_int_equal(x->fig.m.row[k].all_orders, plain.row[k].all_orders);
				assert_true(x->fig.m.row[k].spend == plain.row[k].spend);
			}
			for (int by = 0; by < GROUPS__MAX; by++) {
				assert_int_equal(groups_compute(&x->fig.m, (enum groups_by)by, &x->fig.a, &h), 0);
				assert_int_equal(h.n, g[by].n);
				assert_memory_equal(h.row, g[by].row, h.n * sizeof(*h.row));
			}
		}
		free(t);
		x->fig.ds->cube.triple = NULL;
		x->fig.ds->cube.ntriple = 0;
	}
}

/* Campaigns of one brand each: a brand filter decides the campaigns (the
 * organic row of s1 under k3 does not count: organic rows are no
 * influencer's). */
#define DV_TRACK TU_TRACK_HDR "s1,k1,A,,p1,2025-01-01,3,701\ns2,k3,A,,p2,2025-01-05,7,333\ns1,k2,A,,p2,2025-02-11,1,99\n" \
	"s1,k2,B,,p1,2025-01-02,2,1001\ns2,k3,B,,p1,2025-02-20,5,77\ns2,k3,B,,p3,2025-03-03,0,50\n" \
	"s1,k1,C,,p1,2025-03-03,0,10\ns1,k3,,,p1,2025-03-03,4,10\n"

static void test_derived_columns(void **state)
{
	(void)state;
	struct fx *x = fx_text(MX_INFL, MX_POSTS, DV_TRACK, MX_PAY);
	x->raw = tu_dataset_ok(MX_INFL, MX_POSTS, DV_TRACK, MX_PAY, &x->fig.rep);
	const unsigned brand = 1u << CUBE_BRAND, campaign = 1u << CUBE_CAMPAIGN, product = 1u << CUBE_PRODUCT;
	check_derived(x, "brand=s1", brand | campaign);
	check_derived(x, "brand=s2&from=2025-01-04&to=2025-02-25", brand | campaign);
	check_derived(x, "brand=s1&platform=I&to=2025-02-11", brand | campaign);
	check_derived(x, "campaign=k1&campaign=k2", campaign | brand);
	check_derived(x, "product=p3", product);
	check_derived(x, "product=p2&brand=s2", 0);
	check_derived(x, "campaign=k3&product=p1&from=2025-02-01", 0);
	check_derived(x, "brand=nothing", brand);
	check_derived(x, "brand=s1&grain=day&from=2025-01-01&to=2025-01-20", brand | campaign);
	check_derived(x, "campaign=k3&grain=month", campaign | brand);
	check_derived(x, "brand=s2&from=2025-02-20", brand | campaign);
	dataset_free(x->raw);
	fx_free(x);
	x = fx_text(MX_INFL, MX_POSTS, MX_TRACK, MX_PAY);
	x->raw = tu_dataset_ok(MX_INFL, MX_POSTS, MX_TRACK, MX_PAY, &x->fig.rep);
	check_derived(x, "brand=s1", brand);
	check_derived(x, "campaign=k2&from=2025-01-02", campaign);
	check_derived(x, "brand=s2&product=p3", 0);
	check_derived(x, "product=p1&grain=week&to=2025-03-02", product);
	dataset_free(x->raw);
	fx_free(x);
}

static void test_sort(void **state)
{
	(void)state;
	struct fx *x = fx_text(MX_INFL, MX_POSTS, MX_TRACK, MX_PAY);
	struct groups *g = (struct groups *)table(x, NULL, GROUPS_PRODUCT);
	assert_int_equal(grouptab_sort(&x->fig.m, g, "product", 1), 0);
	assert_string_equal(groups_label(&x->fig.m, g->row[0].key), "p1");
	assert_int_equal(grouptab_sort(&x->fig.m, g, "orders", 0), 0); /* figures: descending first */
	for (size_t k = 1; k < g->n; k++)
		assert_true(g->row[k - 1].orders >= g->row[k].orders);
	assert_int_equal(grouptab_sort(&x->fig.m, g, "revenue", 1), 0);
	for (size_t k = 1; k < g->n; k++)
		assert_true(g->row[k - 1].revenue <= g->row[k].revenue);
	assert_int_equal(grouptab_sort(&x->fig.m, g, "nope", 1), -1);
	assert_int_equal(groups_by_name("brand"), GROUPS_BRAND);
	assert_int_equal(groups_by_name("nope"), -1);
	fx_free(x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spec_timing_campaigns),
		cmocka_unit_test(test_worked_example_brands),
		cmocka_unit_test(test_rows_equal_kpis),
		cmocka_unit_test(test_derived_columns),
		cmocka_unit_test(test_sort),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
