/* test_dataset.c: unit tests for dataset.c (the input rules of SPEC section 2, through dataset_read on temp files). */
#include "testutil.h"

#include "dataset.h"
#include "val.h"

#define INFL_OK TU_INFL_HDR "A,Asha,Fitness,Female,1000,Instagram\nB,Bala,Fitness,Male,2000,YouTube\n"
#define POST_OK TU_POST_HDR
#define TRACK_OK TU_TRACK_HDR
#define PAY_OK TU_PAY_HDR

/* The kept error of file f on line, or a test failure. */
static const struct importlog_error *err_at(const struct importlog *r, enum ds_file f, long line)
{
	for (int i = 0; i < r->file[f].nkept; i++)
		if (r->file[f].kept[i].line == line)
			return &r->file[f].kept[i];
	struct buf b;
	buf_init(&b, 0);
	importlog_format_errors(r, &b);
	fail_msg("no error in %s on line %ld; errors:\n%s", ds_file_name[f], line, buf_str(&b));
	return NULL;
}

/* Reads the four texts expecting failure; returns nothing, the report holds the errors. */
static void read_bad(const char *i, const char *p, const char *t, const char *y, struct importlog *r)
{
	struct dataset *ds = (struct dataset *)1;
	assert_int_equal(tu_dataset(i, p, t, y, &ds, r), -1);
	assert_null(ds);
	assert_true(importlog_error_count(r) > 0);
}

static const char *str(const struct dataset *ds, uint32_t id)
{
	return strpool_get(&ds->pool, id);
}

static void test_valid(void **state)
{
	(void)state;
	struct importlog r;
	importlog_init(&r);
	struct dataset *ds = tu_dataset_ok(
		INFL_OK "C,Chen,Beauty,Female,3000000000.0,Twitter\n",
		TU_POST_HDR "A,,2025-01-03,http://x/1,\"hi, there\",1000,50,5\nB,Facebook,2025-01-04 10:00,,,0,0,0\n",
		TU_TRACK_HDR "MuscleBlaze,Diwali,A,u1,Whey,2025-01-05,2,\"Rs 1,000.00\"\n"
		"HKVitals,,A,u2,Fish Oil,2025-01-06T09:00:00Z,2.0,\xe2\x82\xb9" "3000\n"
		"MuscleBlaze,,B,u3,Whey,2025-01-07,1,-500.125\n",
		TU_PAY_HDR "A,post,1000,0,1000,2025-01-02\nB,order,,,INR 1000,\n", &r);
	assert_int_equal(ds->ninfl, 3);
	assert_int_equal(ds->npost, 2);
	assert_int_equal(ds->ntrack, 3);
	assert_int_equal(ds->npayout, 2);
	assert_string_equal(str(ds, ds->infl[0].id), "A");
	assert_string_equal(str(ds, ds->infl[0].name), "Asha");
	assert_string_equal(str(ds, ds->infl[1].platform), "YouTube");
	assert_true(ds->infl[2].followers == INT64_C(3000000000));
	assert_int_equal(dataset_find_influencer(ds, "C"), 2);
	assert_int_equal(dataset_find_influencer(ds, "Z"), -1);
	assert_int_equal(dataset_find_influencer(ds, "Asha"), -1); /* a name is not an id */
	/* a post without a platform takes the influencer's */
	assert_string_equal(str(ds, ds->post[0].platform), "Instagram");
	assert_string_equal(str(ds, ds->post[1].platform), "Facebook");
	assert_string_equal(str(ds, ds->post[0].caption), "hi, there");
	assert_true(ds->post[0].reach == 1000 && ds->post[0].likes == 50 && ds->post[0].comments == 5);
	assert_int_equal(ds->post[1].date, val_days_from_civil(2025, 1, 4));
	assert_true(ds->track[0].revenue == 100000);
	assert_true(ds->track[1].revenue == 300000 && ds->track[1].orders == 2);
	assert_true(ds->track[2].revenue == -50013);
	assert_int_equal(ds->track[1].date, val_days_from_civil(2025, 1, 6));
	assert_int_equal(ds->track[2].infl, 1);
	assert_false(ds->has_brand_column);
	assert_string_equal(str(ds, ds->track[0].brand), "MuscleBlaze"); /* from source */
	assert_string_equal(str(ds, ds->track[0].campaign), "Diwali");
	assert_string_equal(str(ds, ds->track[1].product), "Fish Oil");
	assert_true(ds->payout[1].total == 100000);
	assert_int_equal(ds->payout[0].basis, BASIS_POST);
	assert_int_equal(ds->payout[1].basis, BASIS_ORDER);
	assert_int_equal(ds->payout[1].date, DS_NO_DATE);
	assert_int_equal(ds->first_date, val_days_from_civil(2025, 1, 2));
	assert_int_equal(ds->last_date, val_days_from_civil(2025, 1, 7));
	assert_int_equal(r.nwarnings, 0);
	dataset_free(ds);
	importlog_free(&r);
}

static void test_missing_columns(void **state)
{
	(void)state;
	struct importlog r;
	importlog_init(&r);
	read_bad("name,platform\nAsha,Instagram\n", "influencer_id,platform\nA,x\n",
		 "influencer_id,date,orders\nA,2025-01-01,1\n", "influencer_id,rate\nA,5\n", &r);
	const struct importlog_error *e = err_at(&r, DSF_INFLUENCERS, 1);
	assert_string_equal(e->column, "id");
	assert_contains(e->reason, "missing required column");
	assert_contains(e->reason, "influencer_id"); /* the alias is named too */
	assert_string_equal(err_at(&r, DSF_POSTS, 1)->column, "date");
	assert_string_equal(err_at(&r, DSF_TRACKING, 1)->column, "revenue");
	assert_string_equal(err_at(&r, DSF_PAYOUTS, 1)->column, "total_payout");
	assert_contains(err_at(&r, DSF_PAYOUTS, 1)->reason, "missing required column");
	assert_int_equal(r.file[DSF_INFLUENCERS].nerrors, 1);
	importlog_free(&r);
	/* tracking_data.csv without influencer_id, influencers.csv without name */
	importlog_init(&r);
	read_bad("id,platform\nA,x\n", POST_OK, "date,revenue\n2025-01-01,5\n", PAY_OK, &r);
	assert_string_equal(err_at(&r, DSF_INFLUENCERS, 1)->column, "name");
	assert_string_equal(err_at(&r, DSF_TRACKING, 1)->column, "influencer_id");
	assert_int_equal(importlog_error_count(&r), 2);
	importlog_free(&r);
}

static void test_bad_values(void **state)
{
	(void)state;
	struct importlog r;
	importlog_init(&r);
	read_bad(TU_INFL_HDR "A,,Fitness,Female,12.5,Instagram\nB,Bala,Fitness,Male,-3,YouTube\n",
		 TU_POST_HDR "A,x,06/17/2025,,,1,1,1\nB,x,2025-02-30,,,1,-1,1\n,x,2025-01-01,,,1,1,1\n",
		 TU_TRACK_HDR "s,c,A,u,p,2025-01-01,1,abc\ns,c,A,u,p,,1,5\ns,c,A,u,p,2025-01-01,1,\n",
		 TU_PAY_HDR "A,post,5,1,-100,2025-01-01\nA,weekly,5,1,100,2025-01-01\nB,post,5,1,,\n", &r);
	/* line 2: the empty name is an error; the fractional follower_count of an
	 * optional column is not one of the spec's errors (a warning, read as 0) */
	assert_int_equal(r.file[DSF_INFLUENCERS].nerrors, 2);
	const struct importlog_error *e = &r.file[DSF_INFLUENCERS].kept[0];
	assert_int_equal(e->line, 2);
	assert_string_equal(e->column, "name");
	assert_contains(e->reason, "empty");
	assert_contains(buf_str(&r.warnings), "influencers.csv: 1 values in column follower_count could not be read "
					      "and count as empty (first on line 2: \"12.5\"");
	e = err_at(&r, DSF_INFLUENCERS, 3);
	assert_string_equal(e->column, "follower_count");
	assert_string_equal(e->value, "-3");
	assert_contains(e->reason, "negative");
	e = err_at(&r, DSF_POSTS, 2);
	assert_string_equal(e->column, "date");
	assert_string_equal(e->value, "06/17/2025");
	assert_contains(e->reason, "only makes sense month first");
	assert_contains(e->reason, "Dates are month first");
	e = err_at(&r, DSF_POSTS, 3);
	assert_string_equal(e->column, "date"); /* the first error of the row */
	assert_contains(e->reason, "no such calendar date");
	assert_int_equal(r.file[DSF_POSTS].nerrors, 4); /* + likes -1 on line 3 + empty id on line 4 */
	assert_string_equal(r.file[DSF_POSTS].kept[2].column, "likes");
	assert_string_equal(err_at(&r, DSF_POSTS, 4)->column, "influencer_id");
	assert_contains(err_at(&r, DSF_POSTS, 4)->reason, "empty");
	assert_string_equal(err_at(&r, DSF_TRACKING, 2)->column, "revenue");
	assert_string_equal(err_at(&r, DSF_TRACKING, 2)->value, "abc");
	assert_string_equal(err_at(&r, DSF_TRACKING, 3)->column, "date");
	assert_contains(err_at(&r, DSF_TRACKING, 3)->reason, "empty");
	assert_string_equal(err_at(&r, DSF_TRACKING, 4)->column, "revenue");
	assert_string_equal(err_at(&r, DSF_PAYOUTS, 2)->column, "total_payout");
	assert_contains(err_at(&r, DSF_PAYOUTS, 2)->reason, "negative");
	assert_contains(buf_str(&r.warnings), "payouts.csv: 1 values in column basis could not be read"); /* weekly */
	assert_int_equal(r.file[DSF_PAYOUTS].nerrors, 2);
	assert_string_equal(err_at(&r, DSF_PAYOUTS, 4)->column, "total_payout");
	importlog_free(&r);
}

static void test_structure_errors(void **state)
{
	(void)state;
	struct importlog r;
	importlog_init(&r);
	read_bad(TU_INFL_HDR "A,Asha,F,F,1,I\nB,Bala,F,M,1,Y\n42,X,,,,I\n 42.0 ,Y,,,,I\n",
		 TU_POST_HDR "A,x,2025-01-01,\"multi\nline caption\",,1,1,1\nA,x,2025-01-01\n",
		 TU_TRACK_HDR "s,c,A,u,p,2025-01-01,1,5,extra\n",
		 TU_PAY_HDR "A,post,5,1,100,2025-01-01\nA,post,5,1,\"caf\xff\",2025-01-01\n", &r);
	const struct importlog_error *e = err_at(&r, DSF_INFLUENCERS, 5);
	assert_string_equal(e->column, "id");
	assert_string_equal(e->value, "42");
	assert_contains(e->reason, "duplicate");
	assert_int_equal(r.file[DSF_INFLUENCERS].nerrors, 1);
	e = err_at(&r, DSF_POSTS, 4); /* after a two-line record */
	assert_contains(e->reason, "3 fields");
	assert_contains(e->reason, "8");
	assert_int_equal(r.file[DSF_POSTS].nerrors, 1);
	assert_contains(err_at(&r, DSF_TRACKING, 2)->reason, "9 fields");
	e = err_at(&r, DSF_PAYOUTS, 3);
	assert_contains(e->reason, "UTF-8");
	assert_contains(e->reason, "5"); /* the field number */
	assert_string_equal(e->value, "caf\\xFF");
	importlog_free(&r);
}

static void test_file_errors(void **state)
{
	(void)state;
	struct importlog r;
	importlog_init(&r);
	read_bad("", "\xEF\xBB\xBF", "\n\n", NULL, &r);
	for (int f = DSF_INFLUENCERS; f <= DSF_TRACKING; f++) {
		assert_int_equal(r.file[f].nerrors, 1);
		assert_int_equal(r.file[f].kept[0].line, 1);
		assert_contains(r.file[f].kept[0].reason, "empty");
	}
	assert_int_equal(r.file[DSF_PAYOUTS].kept[0].line, 0);
	assert_contains(r.file[DSF_PAYOUTS].kept[0].reason, "missing");
	importlog_free(&r);
	/* a path that does not exist */
	importlog_init(&r);
	const char *path[DSF__MAX] = { "/nonexistent/dir/influencers.csv", "/nonexistent/p", "/nonexistent/t",
				       "/nonexistent/y" };
	struct dataset *ds = (struct dataset *)1;
	assert_int_equal(dataset_read(path, &ds, &r), -1);
	assert_null(ds);
	assert_int_equal(r.file[DSF_INFLUENCERS].kept[0].line, 0);
	assert_contains(r.file[DSF_INFLUENCERS].kept[0].reason, "cannot read");
	assert_int_equal(importlog_error_count(&r), 4);
	importlog_free(&r);
}

/* An unterminated quote is an error: the open field once swallowed every
 * later row and the upload was accepted with rows lost (csvread.c). */
static void test_unterminated_quote(void **state)
{
	(void)state;
	struct importlog r;
	importlog_init(&r);
	struct dataset *ds = NULL;
	int rc = tu_dataset("id,name,platform\nA,Asha,\"Instagram\nB,Bala,YouTube\nC,Chen,Twitter\n", POST_OK,
			    TRACK_OK, PAY_OK, &ds, &r);
	size_t ninfl = ds ? ds->ninfl : 0;
	dataset_free(ds);
	importlog_free(&r);
	assert_int_equal(rc, -1);
	assert_int_equal(ninfl, 0);
}

static void test_error_cap(void **state)
{
	(void)state;
	struct importlog r;
	importlog_init(&r);
	struct buf p;
	buf_init(&p, 0);
	buf_puts(&p, TU_POST_HDR);
	for (int i = 0; i < IMPORTLOG_KEEP + 5; i++)
		buf_puts(&p, "A,x,bad-date,,,1,1,1\n");
	read_bad(INFL_OK, p.data, TRACK_OK, PAY_OK, &r);
	assert_int_equal(r.file[DSF_POSTS].nerrors, IMPORTLOG_KEEP + 5);
	assert_int_equal(r.file[DSF_POSTS].nkept, IMPORTLOG_KEEP);
	assert_int_equal(r.file[DSF_POSTS].kept[0].line, 2);
	assert_int_equal(r.file[DSF_POSTS].kept[IMPORTLOG_KEEP - 1].line, IMPORTLOG_KEEP + 1);
	assert_int_equal(importlog_error_count(&r), IMPORTLOG_KEEP + 5);
	struct buf out;
	buf_init(&out, 0);
	importlog_format_errors(&r, &out);
	assert_contains(buf_str(&out), "posts.csv:2: column date: value \"bad-date\"");
	assert_contains(buf_str(&out), "5 more errors not shown (25 in all)");
	buf_free(&out);
	buf_free(&p);
	importlog_free(&r);
}

static void test_headers(void **state)
{
	(void)state;
	struct importlog r;
	importlog_init(&r);
	struct dataset *ds = tu_dataset_ok(" Influencer_ID ,NAME, Platform ,Notes\nA,Asha,Instagram,n1\n42.0,X,,n2\n",
					   "Date,INFLUENCER_ID\n2025-01-01,42\n",
					   "Revenue,Brand,Source,Date,Influencer_Id,Extra1,extra2\n"
					   "5,HKVitals,Newsletter,2025-01-02,A,x,y\n",
					   "influencer_id,total_payout,Payout_Date\nA,5,2025-01-03\n", &r);
	assert_int_equal(ds->ninfl, 2);
	assert_string_equal(str(ds, ds->infl[1].id), "42");
	assert_int_equal(ds->post[0].infl, 1);
	assert_true(ds->has_brand_column);
	assert_string_equal(str(ds, ds->track[0].brand), "HKVitals");
	assert_string_equal(str(ds, ds->track[0].source), "Newsletter");
	assert_int_equal(ds->payout[0].date, val_days_from_civil(2025, 1, 3));
	const char *w = buf_str(&r.warnings);
	assert_contains(w, "influencers.csv: extra columns ignored: \"Notes\"");
	assert_contains(w, "tracking_data.csv: extra columns ignored: \"Extra1\", \"extra2\"");
	assert_contains(w, "influencers.csv: 1 influencers have no platform");
	assert_contains(w, "influencers.csv: headers read as: \"Influencer_ID\" as id\n");
	assert_contains(w, "payouts.csv: headers read as: \"Payout_Date\" as date\n");
	assert_int_equal(r.nwarnings, 5);
	dataset_free(ds);
	importlog_free(&r);
}

static void test_organic_and_unknown(void **state)
{
	(void)state;
	struct importlog r;
	importlog_init(&r);
	struct dataset *ds = tu_dataset_ok(INFL_OK, TU_POST_HDR "ZZ,x,2025-01-01,,,1,1,1\n",
					   TU_TRACK_HDR "s,c,,u,p,2025-01-01,1,700\n"
					   "s,c,ZZ,u,p,2025-01-01,1,100.50\ns,c,007,u,p,2025-01-01,1,200\n"
					   "s,c,A,u,p,2025-01-01,1,50\n",
					   TU_PAY_HDR "Q,post,,,1234.56,\nA,post,,,10,\n", &r);
	assert_int_equal(ds->ntrack, 2);
	assert_int_equal(ds->track[0].infl, DS_ORGANIC);
	assert_true(ds->track[0].revenue == 70000);
	assert_int_equal(ds->track[1].infl, 0);
	assert_int_equal(ds->npost, 0);
	assert_int_equal(ds->npayout, 1);
	const char *w = buf_str(&r.warnings);
	assert_contains(w, "posts.csv: 1 rows name an influencer_id not in influencers.csv (e.g. \"ZZ\")");
	assert_contains(w, "tracking_data.csv: 2 rows name an influencer_id");
	assert_contains(w, "with revenue 300.50");
	assert_contains(w, "payouts.csv: 1 rows");
	assert_contains(w, "with spend 1234.56");
	assert_int_equal(r.nwarnings, 3);
	dataset_free(ds);
	importlog_free(&r);
}

/* The unknown rows' money keeps its sign for totals between -Rs 0.99 and
 * -Rs 0.01 (warn_file once printed (m / 100).(|m % 100|) and lost it). */
static void test_unknown_negative_revenue(void **state)
{
	(void)state;
	struct importlog r;
	importlog_init(&r);
	struct dataset *ds = tu_dataset_ok(INFL_OK, POST_OK, TU_TRACK_HDR "s,c,ZZ,u,p,2025-01-01,0,-0.50\n",
					   PAY_OK, &r);
	dataset_free(ds);
	char w[512];
	snprintf(w, sizeof(w), "%s", buf_str(&r.warnings));
	importlog_free(&r);
	assert_contains(w, "with revenue -0.50");
}

/* A column whose total would pass int64 is an error on the row that passes
 * it, never a wrapped figure; a total exactly at the limit is fine. */
static void test_sums_that_would_overflow(void **state)
{
	(void)state;
	struct importlog r;
	importlog_init(&r);
	/* 92,233,720,368,547,758.07 rupees is INT64_MAX paise */
	struct dataset *ds = tu_dataset_ok(INFL_OK, POST_OK, TU_TRACK_HDR "s,c,A,u,p,2025-01-01,1,92233720368547740.00\n"
					   "s,c,ZZ,u,p,2025-01-02,1,-18.07\n", PAY_OK, &r);
	assert_int_equal(ds->ntrack, 1);
	dataset_free(ds);
	importlog_free(&r);
	importlog_init(&r);
	read_bad(INFL_OK, POST_OK, TU_TRACK_HDR "s,c,A,u,p,2025-01-01,1,90000000000000000\n"
		 "s,c,B,u,p,2025-01-02,1,-5\ns,c,,u,p,2025-01-03,1,\"9,00,00,00,00,00,00,000\"\n"
		 "s,c,A,u,p,2025-01-04,1,90000000000000000\n", PAY_OK, &r);
	assert_int_equal(r.file[DSF_TRACKING].nerrors, 1); /* once per column */
	const struct importlog_error *e = err_at(&r, DSF_TRACKING, 4);
	assert_string_equal(e->column, "revenue");
	assert_contains(e->reason, "total of revenue passes Rs 92,233,720,368,547,758.07");
	importlog_free(&r);
	importlog_init(&r);
	read_bad(INFL_OK, TU_POST_HDR "A,,2025-01-01,,,1,5000000000000000000,4000000000000000000\n"
		 "B,,2025-01-01,,,1,0,1000000000000000000\n", TRACK_OK, PAY_OK, &r);
	e = err_at(&r, DSF_POSTS, 3);
	assert_string_equal(e->column, "comments");
	assert_contains(e->reason, "total of likes + comments passes 9,223,372,036,854,775,807");
	importlog_free(&r);
	importlog_init(&r);
	read_bad(INFL_OK, POST_OK, TRACK_OK, TU_PAY_HDR "A,post,,,90000000000000000,\nB,post,,,90000000000000000,\n", &r);
	assert_contains(err_at(&r, DSF_PAYOUTS, 3)->reason, "total of total_payout passes");
	importlog_free(&r);
}

static void test_payouts(void **state)
{
	(void)state;
	struct importlog r;
	importlog_init(&r);
	struct dataset *ds = tu_dataset_ok(INFL_OK, POST_OK, TRACK_OK,
					   TU_PAY_HDR "A,order,100,3,300.99,2025-01-01\n"
					   "A,Order,100,3,301.01,\nA,PER_ORDER,100,3,298.99,2025-01-03\n"
					   "B,per_post,100,3,1,2025-01-04\nB,POST,100,3,1,\nB,,,,5,\n"
					   "B,order,,3,999,\n", &r);
	assert_int_equal(ds->npayout, 7);
	int want[] = { BASIS_ORDER, BASIS_ORDER, BASIS_ORDER, BASIS_POST, BASIS_POST, BASIS_NONE, BASIS_ORDER };
	for (int i = 0; i < 7; i++)
		assert_int_equal(ds->payout[i].basis, want[i]);
	assert_int_equal(ds->payout[1].date, DS_NO_DATE);
	assert_int_equal(ds->payout[5].date, DS_NO_DATE);
	assert_true(ds->payout[0].rate == 10000 && ds->payout[0].orders == 3 && ds->payout[0].total == 30099);
	/* lines 3 and 4 differ by Rs 1.01; line 2 by Rs 0.99; post basis is never checked */
	assert_contains(buf_str(&r.warnings),
			"payouts.csv: 2 order-basis payouts differ from rate x orders by more than Rs 1 (first on line 3)");
	assert_int_equal(r.nwarnings, 1);
	assert_int_equal(ds->first_date, val_days_from_civil(2025, 1, 1));
	assert_int_equal(ds->last_date, val_days_from_civil(2025, 1, 4));
	dataset_free(ds);
	importlog_free(&r);
	/* payouts.csv without any date column: every payout undated */
	importlog_init(&r);
	ds = tu_dataset_ok(INFL_OK, POST_OK, TRACK_OK, "influencer_id,total_payout\nA,5\n", &r);
	assert_int_equal(ds->payout[0].date, DS_NO_DATE);
	assert_int_equal(ds->first_date, DS_NO_DATE);
	dataset_free(ds);
	importlog_free(&r);
}

static void test_header_only_and_crlf_bom(void **state)
{
	(void)state;
	struct importlog r;
	importlog_init(&r);
	struct dataset *ds = tu_dataset_ok("\xEF\xBB\xBFid,name\r\nA,Asha\r\n\r\nB,Bala\r\n", POST_OK, TRACK_OK,
					   PAY_OK, &r);
	assert_int_equal(ds->ninfl, 2);
	assert_string_equal(str(ds, ds->infl[1].name), "Bala");
	assert_int_equal(ds->npost + ds->ntrack + ds->npayout, 0);
	assert_int_equal(ds->first_date, DS_NO_DATE);
	dataset_free(ds);
	importlog_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_missing_columns),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_structure_errors),
		cmocka_unit_test(test_file_errors),
		cmocka_unit_test(test_unterminated_quote),
		cmocka_unit_test(test_error_cap),
		cmocka_unit_test(test_headers),
		cmocka_unit_test(test_organic_and_unknown),
		cmocka_unit_test(test_unknown_negative_revenue),
		cmocka_unit_test(test_payouts),
		cmocka_unit_test(test_sums_that_would_overflow),
		cmocka_unit_test(test_header_only_and_crlf_bom),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
