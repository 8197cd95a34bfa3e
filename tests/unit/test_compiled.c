/* test_compiled.c: unit tests for compiled.c and cube.c: the mapped form gives the same figures as the CSVs; bad files are refused. */
#include "testutil.h"

#include "compiled.h"
#include "cube.h"
#include "metrics.h"
#include "trend.h"

/* Several influencers, organic rows, returns, brands/products/campaigns, undated payouts. */
#define INFL TU_INFL_HDR "A,Asha,Fitness,Female,1000,Instagram\nB,Bala,Fitness,Male,2000,YouTube\n" \
	"C,Chen,Yoga,Female,30,Instagram\nD,Dev,Yoga,Male,40,Twitter\nE,Eve,Fitness,Female,5,Facebook\n"
#define POSTS TU_POST_HDR "A,,2025-01-04,,,1000,50,10\nB,,2025-02-05,,,500,20,5\nC,,2025-03-01,,,10,1,1\n"
#define PAY TU_PAY_HDR "A,post,1000,0,1000,2025-01-02\nB,order,10,100,1000,2025-02-03\nC,post,,,700,\n" \
	"D,order,5,3,15,2025-03-09\nA,order,1,1,333.33,2025-03-15\n"

static const char *const brands[] = { "MuscleBlaze", "HKVitals", "Gritzo" };
static const char *const products[] = { "Whey", "Fish Oil", "Creatine", "SuperMilk" };
static const char *const ids[] = { "A", "B", "C", "D", "E", "" };

/* A deterministic tracking file of n rows (same day, brand, product and
 * campaign repeat so that cells aggregate several rows). */
static char *tracking_years(int n, int spread)
{
	struct buf b;
	buf_init(&b, 0);
	buf_puts(&b, "source,campaign,influencer_id,user_id,product,date,orders,revenue\n");
	unsigned s = 12345;
	for (int i = 0; i < n; i++) {
		s = s * 1103515245u + 12345u;
		unsigned r = s >> 8;
		buf_printf(&b, "%s,c%u,%s,u%d,%s,%d-%02u-%02u,%u,%s%u.%02u\n", brands[r % 3], r / 3 % 3, ids[r / 9 % 6],
			   i, products[r / 54 % 4], spread && i % 7 == 0 ? 1901 + (int)(r % 199) : 2025, 1 + r / 216 % 3, 1 + r / 648 % 28, r / 18144 % 4,
			   r % 17 == 0 ? "-" : "", r / 7 % 5000, r % 100);
	}
	return b.data;
}

static char *tracking(int n)
{
	return tracking_years(n, 0);
}

static const char *const queries[] = {
	"", "brand=MuscleBlaze", "brand=HKVitals&product=Whey", "campaign=c1&from=2025-02-01",
	"from=2025-01-10&to=2025-02-20", "platform=Instagram&brand=Gritzo&to=2025-02-14", "gender=Male",
	"category=Yoga&from=2025-03-01", "influencer=B&grain=week", "product=Creatine&product=SuperMilk",
	"from=2025-02-29", "brand=nothing", "from=2025-01-01&to=2025-01-01", "grain=month&brand=Gritzo",
};

/* Every figure of the raw (CSV) path equals the cube path's, exactly. */
static void same_figures(struct dataset *raw, struct dataset *fast, const char *q)
{
	struct arena a;
	struct filter f;
	struct metrics x, y;
	char err[256];
	arena_init(&a, 0);
	if (filter_parse(q, &a, &f, err, sizeof(err)) != 0) {
		arena_free(&a);
		return; /* a malformed query is not a figure */
	}
	assert_int_equal(metrics_compute(raw, &f, &a, &x), 0);
	assert_int_equal(metrics_compute(fast, &f, &a, &y), 0);
	assert_true(x.revenue == y.revenue && x.orders == y.orders && x.tracked_revenue == y.tracked_revenue);
	assert_true(x.spend == y.spend && x.unallocated == y.unallocated && x.nrow == y.nrow);
	assert_true(x.posts == y.posts && x.reach == y.reach && x.engagement == y.engagement);
	for (size_t i = 0; i < x.nrow; i++) {
		assert_true(x.row[i].revenue == y.row[i].revenue && x.row[i].orders == y.row[i].orders);
		assert_true(x.row[i].spend == y.row[i].spend && x.row[i].share == y.row[i].share);
	}
	struct trend s, t;
	int rs = trend_compute(&x, &a, &s, err, sizeof(err)), rt = trend_compute(&y, &a, &t, err, sizeof(err));
	assert_int_equal(rs, rt); /* centuries of days can be too many periods: then for both */
	assert_int_equal(rs ? 0 : s.n, rt ? 0 : t.n);
	for (size_t i = 0; rs == 0 && i < s.n; i++)
		assert_true(s.p[i].revenue == t.p[i].revenue && s.p[i].orders == t.p[i].orders &&
			    s.p[i].spend == t.p[i].spend);
	arena_free(&a);
}

/* One tracking file three ways: read from the CSVs, built into a cube, and
 * written to dataset.bin and mapped back. */
struct forms {
	struct importlog rep;
	struct dataset *raw, *built, *mapped;
	char *dir;
};

static void forms_open(struct forms *x, char *track)
{
	char path[4096], err[256];
	importlog_init(&x->rep);
	x->raw = tu_dataset_ok(INFL, POSTS, track, PAY, &x->rep);
	x->built = tu_dataset_ok(INFL, POSTS, track, PAY, &x->rep);
	free(track);
	assert_int_equal(cube_build(x->built), 0);
	x->dir = tu_mkdtemp();
	snprintf(path, sizeof(path), "%s/%s", x->dir, COMPILED_NAME);
	assert_int_equal(compiled_write(x->built, path), 0);
	x->mapped = compiled_map(path, err, sizeof(err));
	assert_non_null(x->mapped);
}

static void forms_close(struct forms *x)
{
	dataset_free(x->mapped);
	dataset_free(x->built);
	dataset_free(x->raw);
	importlog_free(&x->rep);
	tu_rmtree(x->dir);
	free(x->dir);
}

static void test_mapped_form_gives_the_csv_figures(void **state)
{
	(void)state;
	struct forms x;
	forms_open(&x, tracking(3000));
	assert_true(x.built->cube.nday < x.built->ntrack); /* rows of one day were summed */
	assert_int_equal(x.mapped->ntrack, x.raw->ntrack);
	assert_string_equal(strpool_get(&x.mapped->pool, x.mapped->infl[1].name), "Bala");
	assert_int_equal(dataset_find_influencer(x.mapped, "D"), 3);
	for (size_t q = 0; q < sizeof(queries) / sizeof(queries[0]); q++)
		same_figures(x.raw, x.mapped, queries[q]);
	forms_close(&x);
}

/* Dates two centuries apart are ordered by sorting instead of counting by
 * day: the figures are the same either way, and user ids survive mapping. */
static void test_wide_date_span(void **state)
{
	(void)state;
	struct forms x;
	forms_open(&x, tracking_years(3000, 1));
	const struct dataset *mapped = x.mapped;
	static const char *const wide[] = { "", "from=1950-01-01&to=2000-12-31", "brand=Gritzo&to=1990-06-30",
					    "influencer=C&grain=month&from=2025-01-01" };
	for (size_t q = 0; q < sizeof(wide) / sizeof(wide[0]); q++)
		same_figures(x.raw, x.mapped, wide[q]);
	for (size_t k = 1; k < mapped->ntrack; k++) { /* influencer, then date */
		const struct ds_track *a = &mapped->track[k - 1], *b = &mapped->track[k];
		assert_true((uint32_t)a->infl < (uint32_t)b->infl || (a->infl == b->infl && a->date <= b->date));
		assert_int_equal(strpool_get(&mapped->texts, b->user)[0], 'u');
	}
	assert_int_equal(mapped->texts.count, 3001); /* "" and one per row: kept, not indexed */
	assert_true(strpool_find(&mapped->pool, "u17", 3) == UINT32_MAX);
	forms_close(&x);
}

static void test_truncated_stale_and_foreign_files_are_refused(void **state)
{
	(void)state;
	struct importlog rep;
	importlog_init(&rep);
	struct dataset *ds = tu_dataset_ok(INFL, POSTS, TU_TRACK_HDR "x,c,A,u,p,2025-01-01,1,10\n", PAY, &rep);
	char *dir = tu_mkdtemp(), path[4096], err[256];
	snprintf(path, sizeof(path), "%s/%s", dir, COMPILED_NAME);
	assert_int_equal(compiled_write(ds, path), -1); /* no cube yet */
	assert_int_equal(cube_build(ds), 0);
	assert_int_equal(compiled_write(ds, path), 0);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(truncate(path, st.st_size - 9), 0);
	assert_null(compiled_map(path, err, sizeof(err)));
	assert_contains(err, "truncated");
	assert_int_equal(compiled_write(ds, path), 0);
	FILE *fp = fopen(path, "r+b"); /* the format number follows the 8-byte magic */
	uint32_t old = COMPILED_FORMAT - 1;
	fseek(fp, 8, SEEK_SET);
	fwrite(&old, sizeof(old), 1, fp);
	fclose(fp);
	assert_null(compiled_map(path, err, sizeof(err)));
	assert_contains(err, "another format version");
	fp = fopen(path, "wb");
	fputs("id,name\n", fp);
	fclose(fp);
	assert_null(compiled_map(path, err, sizeof(err)));
	assert_null(compiled_map("/nonexistent/dataset.bin", err, sizeof(err)));
	dataset_free(ds);
	importlog_free(&rep);
	tu_rmtree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mapped_form_gives_the_csv_figures),
		cmocka_unit_test(test_wide_date_span),
		cmocka_unit_test(test_truncated_stale_and_foreign_files_are_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
