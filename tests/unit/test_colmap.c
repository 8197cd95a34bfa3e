/* test_colmap.c: unit tests for colmap.c (header spellings, aliases, the column mapping, dates month first, basis spellings) through dataset_read_with. */
#include "testutil.h"

#include "colmap.h"
#include "val.h"

static const char *str(const struct dataset *ds, uint32_t id)
{
	return strpool_get(&ds->pool, id);
}

/* Reads the four texts with cm, expecting success. */
static struct dataset *read_ok(const struct colmap *cm, const char *i, const char *p, const char *t, const char *y,
			       struct importlog *r)
{
	struct dataset *ds = NULL;
	if (tu_dataset_cm(cm, i, p, t, y, &ds, r) != 0) {
		struct buf b;
		buf_init(&b, 0);
		importlog_format_errors(r, &b);
		fail_msg("dataset_read_with failed:\n%s", buf_str(&b));
	}
	return ds;
}

static void test_norm(void **state)
{
	(void)state;
	char out[32];
	static const char *const cases[][2] = {
		{ "Influencer ID", "influencer_id" }, { " Total Payout ", "total_payout" },
		{ "follower-count", "follower_count" }, { "Follower - Count", "follower_count" },
		{ "POST\tDATE", "post_date" }, { "user  id", "user_id" }, { "already_ok", "already_ok" },
		{ "-x-", "_x_" }, { "", "" }, { "Rev\xc3\xa9nue", "rev\xc3\xa9nue" },
		{ "\xc2\xa0Influencer\xc2\xa0ID\xc2\xa0", "influencer_id" }, { "User \xc2\xa0- ID", "user_id" },
		{ "\xc2\xa0", "" }, { " \t ", "" }, { "a\xc2", "a\xc2" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t n = colmap_norm(cases[i][0], strlen(cases[i][0]), out, sizeof(out));
		assert_string_equal(out, cases[i][1]);
		assert_int_equal(n, strlen(cases[i][1]));
	}
	assert_int_equal(colmap_norm("a very long header name indeed", 30, out, 8), 8);
}

static void test_spreadsheet_headers(void **state)
{
	(void)state;
	struct importlog r;
	importlog_init(&r);
	struct dataset *ds = read_ok(NULL,
		"Influencer ID, Name ,Follower-Count,Platform,CATEGORY,Gender\n7,Asha,1000,Instagram,Fitness,Female\n",
		"Influencer  ID,Post Date,Post URL,Reach\n7,17-06-2025,http://x/1,10\n",
		"User ID,Influencer ID,Transaction Date,Order Date,Revenue,Orders,Brand\nu1,7,2/1/2025,1/2/2025,100,1,MB\n",
		"Influencer ID,Basis,Rate,Total Payout,Payout Date\n7,Per Post,5,50,2025/03/04\n7,per-order,5,5,\n"
		"7,PER_ORDER,1,1,\n7, ORDER ,1,1,\n7,post,1,1,\n7,Per  -Post,1,1,\n", &r);
	assert_int_equal(ds->ninfl, 1);
	assert_string_equal(str(ds, ds->infl[0].id), "7");
	assert_true(ds->infl[0].followers == 1000);
	assert_string_equal(str(ds, ds->infl[0].category), "Fitness");
	assert_int_equal(ds->post[0].date, val_days_from_civil(2025, 6, 17));
	assert_string_equal(str(ds, ds->post[0].url), "http://x/1");
	assert_true(ds->post[0].reach == 10);
	/* order_date comes first in the alias table; transaction_date is then extra */
	assert_int_equal(ds->track[0].date, val_days_from_civil(2025, 2, 1));
	assert_string_equal(str(ds, ds->track[0].brand), "MB");
	assert_string_equal(strpool_get(&ds->texts, ds->track[0].user), "u1");
	assert_int_equal(ds->payout[0].date, val_days_from_civil(2025, 3, 4));
	static const int basis[] = { BASIS_POST, BASIS_ORDER, BASIS_ORDER, BASIS_ORDER, BASIS_POST, BASIS_POST };
	assert_int_equal(ds->npayout, 6);
	for (int i = 0; i < 6; i++)
		assert_int_equal(ds->payout[i].basis, basis[i]);
	const char *w = buf_str(&r.warnings);
	assert_contains(w, "influencers.csv: headers read as: \"Influencer ID\" as id, \"Follower-Count\" as "
			   "follower_count\n");
	assert_contains(w, "posts.csv: headers read as: \"Influencer  ID\" as influencer_id, \"Post Date\" as date, "
			   "\"Post URL\" as url\n");
	assert_contains(w, "tracking_data.csv: headers read as: \"User ID\" as user_id, \"Influencer ID\" as "
			   "influencer_id, \"Order Date\" as date\n");
	assert_contains(w, "tracking_data.csv: extra columns ignored: \"Transaction Date\"\n");
	assert_contains(w, "payouts.csv: headers read as: \"Influencer ID\" as influencer_id, \"Total Payout\" as "
			   "total_payout, \"Payout Date\" as date\n");
	assert_null(strstr(w, "\"Name\""));       /* only case and spaces around: read as it is */
	assert_null(strstr(w, "could not be read")); /* every basis spelling read */
	dataset_free(ds);
	importlog_free(&r);
}

static void test_alias_only_when_canonical_absent(void **state)
{
	(void)state;
	struct importlog r;
	importlog_init(&r);
	struct dataset *ds = read_ok(NULL, "influencer_id,name,id,followers,Follower Count\nX,Asha,A,5,7\n",
		"post_date,influencer_id,Date,post_url,url\n2025-01-09,A,2025-01-02,http://alias,http://canon\n",
		"transaction_date,influencer_id,revenue\n2025-01-03,A,5\n",
		"influencer_id,total_payout,payout_date,date\nA,5,2025-01-09,\n", &r);
	assert_string_equal(str(ds, ds->infl[0].id), "A");
	assert_true(ds->infl[0].followers == 7);
	assert_int_equal(ds->post[0].date, val_days_from_civil(2025, 1, 2));
	assert_string_equal(str(ds, ds->post[0].url), "http://canon");
	assert_int_equal(ds->track[0].date, val_days_from_civil(2025, 1, 3));
	assert_int_equal(ds->payout[0].date, DS_NO_DATE); /* date is there, empty: payout_date is not read */
	const char *w = buf_str(&r.warnings);
	assert_contains(w, "influencers.csv: extra columns ignored: \"influencer_id\", \"followers\"\n");
	assert_contains(w, "posts.csv: extra columns ignored: \"post_date\", \"post_url\"\n");
	assert_contains(w, "payouts.csv: extra columns ignored: \"payout_date\"\n");
	assert_contains(w, "tracking_data.csv: headers read as: \"transaction_date\" as date\n");
	dataset_free(ds);
	importlog_free(&r);
}

static void test_missing_column_names_its_aliases(void **state)
{
	(void)state;
	struct importlog r;
	importlog_init(&r);
	struct dataset *ds = NULL;
	assert_int_equal(tu_dataset("id,name\nA,Asha\n", "influencer_id,date\n",
				    "influencer_id,Txn Date,revenue\nA,2025-01-01,5\n", "influencer_id,total_payout\n", &ds,
				    &r), -1);
	assert_int_equal(importlog_error_count(&r), 1);
	const struct importlog_error *e = &r.file[DSF_TRACKING].kept[0];
	assert_int_equal(e->line, 1);
	assert_string_equal(e->column, "date");
	assert_contains(e->reason, "missing required column \"date\" (also read as order_date or transaction_date)");
	assert_int_equal(r.file[DSF_TRACKING].missing, 1u << TC_DATE);
	assert_int_equal(r.file[DSF_POSTS].missing, 0);
	importlog_free(&r);
}

static void test_mapping(void **state)
{
	(void)state;
	struct colmap cm;
	char err[200];
	memset(&cm, 0, sizeof(cm));
	assert_int_equal(colmap_parse(&cm, "tracking_data.date=Txn Date; payouts.csv.Total Payout = Paid (INR) ;", err,
				      sizeof(err)), 0);
	assert_string_equal(cm.map[DSF_TRACKING][TC_DATE], "Txn Date");
	assert_string_equal(cm.map[DSF_PAYOUTS][YC_TOTAL], "Paid (INR)");
	struct importlog r;
	importlog_init(&r);
	struct dataset *ds = read_ok(&cm, "id,name\nA,Asha\n", "influencer_id,date\n",
				     "influencer_id,txn-date,revenue,date\nA,2025-01-04,5,junk\n",
				     "influencer_id,Paid (INR)\nA,9\n", &r);
	assert_int_equal(ds->track[0].date, val_days_from_civil(2025, 1, 4)); /* the mapping wins over "date" */
	assert_true(ds->payout[0].total == 900);
	const char *w = buf_str(&r.warnings);
	assert_contains(w, "tracking_data.csv: headers read as: \"txn-date\" as date (mapped)\n");
	assert_contains(w, "tracking_data.csv: extra columns ignored: \"date\"\n");
	dataset_free(ds);
	importlog_free(&r);
	/* a mapping to a header the file lacks is an error naming it */
	importlog_init(&r);
	ds = (struct dataset *)1;
	assert_int_equal(tu_dataset_cm(&cm, "id,name\nA,Asha\n", "influencer_id,date\n",
				       "influencer_id,when,revenue\nA,2025-01-04,5\n", "influencer_id,Paid (INR)\n", &ds, &r),
			 -1);
	const struct importlog_error *e = &r.file[DSF_TRACKING].kept[0];
	assert_string_equal(e->column, "date");
	assert_string_equal(e->value, "Txn Date");
	assert_contains(e->reason, "does not have");
	importlog_free(&r);
	/* malformed mappings */
	static const char *const bad[] = { "tracking.date=x", "tracking_data.nosuch=x", "tracking_data.date=",
					   "tracking_data.date", "date=x", "posts.csv=x" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		if (colmap_parse(&cm, bad[i], err, sizeof(err)) != -1 || !err[0])
			fail_msg("\"%s\" was accepted", bad[i]);
	}
}

static void test_month_first(void **state)
{
	(void)state;
	struct colmap cm;
	memset(&cm, 0, sizeof(cm));
	cm.month_first[DSF_POSTS] = 1;
	struct importlog r;
	importlog_init(&r);
	struct dataset *ds = read_ok(&cm, "id,name\nA,Asha\n", "influencer_id,date\nA,06/17/2025\nA,1/4/2025 09:00\n",
				     "influencer_id,date,revenue\nA,1/4/2025,5\n", "influencer_id,total_payout\n", &r);
	assert_int_equal(ds->post[0].date, val_days_from_civil(2025, 6, 17));
	assert_int_equal(ds->post[1].date, val_days_from_civil(2025, 1, 4));
	assert_int_equal(ds->track[0].date, val_days_from_civil(2025, 4, 1)); /* tracking stays day first */
	dataset_free(ds);
	importlog_free(&r);
	importlog_init(&r);
	assert_int_equal(tu_dataset_cm(&cm, "id,name\nA,Asha\n", "influencer_id,date\nA,17/06/2025\nA,13/13/2025\n",
				       "influencer_id,date,revenue\nA,06/17/2025,5\n", NULL, &ds, &r), -1);
	const struct importlog_error *e = &r.file[DSF_POSTS].kept[0];
	assert_int_equal(e->line, 2);
	assert_contains(e->reason, "only makes sense day first");
	e = &r.file[DSF_POSTS].kept[1];
	assert_contains(e->reason, "no such calendar date; expected a date as YYYY-MM-DD, YYYY/MM/DD, MM-DD-YYYY");
	e = &r.file[DSF_TRACKING].kept[0];
	assert_contains(e->reason, "only makes sense month first");
	importlog_free(&r);
	/* in an optional column too: the date order, not the value, is wrong */
	importlog_init(&r);
	assert_int_equal(tu_dataset("id,name\nA,Asha\n", "influencer_id,date\n", "influencer_id,date,revenue\n",
				    "influencer_id,total_payout,date\nA,5,06/17/2025\nA,5,TBD\n", &ds, &r), -1);
	assert_int_equal(r.file[DSF_PAYOUTS].nerrors, 1);
	assert_int_equal(r.file[DSF_PAYOUTS].kept[0].line, 2);
	assert_contains(r.file[DSF_PAYOUTS].kept[0].reason, "only makes sense month first");
	importlog_free(&r);
}

static void test_save_and_load(void **state)
{
	(void)state;
	struct colmap cm, back;
	char err[160];
	memset(&cm, 0, sizeof(cm));
	memset(&back, 0, sizeof(back));
	cm.month_first[DSF_TRACKING] = 1;
	assert_int_equal(colmap_set(&cm, DSF_TRACKING, "date", "Txn = Date", err, sizeof(err)), 0);
	assert_int_equal(colmap_set(&cm, DSF_INFLUENCERS, "ID", "Creator", err, sizeof(err)), 0);
	assert_int_equal(colmap_set(&cm, DSF_INFLUENCERS, "name", "two\nlines", err, sizeof(err)), -1);
	char *dir = tu_mkdtemp();
	assert_int_equal(colmap_save(dir, &cm), 0);
	int use[DSF__MAX] = { 0, 1, 1, 1 };
	assert_int_equal(colmap_load(dir, use, &back), 0);
	assert_int_equal(back.month_first[DSF_TRACKING], 1);
	assert_string_equal(back.map[DSF_TRACKING][TC_DATE], "Txn = Date");
	assert_string_equal(back.map[DSF_INFLUENCERS][IC_ID], ""); /* not asked for */
	tu_rmtree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_norm),
		cmocka_unit_test(test_spreadsheet_headers),
		cmocka_unit_test(test_alias_only_when_canonical_absent),
		cmocka_unit_test(test_missing_column_names_its_aliases),
		cmocka_unit_test(test_mapping),
		cmocka_unit_test(test_month_first),
		cmocka_unit_test(test_save_and_load),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
