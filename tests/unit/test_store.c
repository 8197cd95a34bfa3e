/* test_store.c: unit tests for store.c and import.c (versioned uploads, carry-over, all-or-nothing, staging cleanup). */
#include "testutil.h"

#include "import.h"
#include "store.h"

#define INFL TU_INFL_HDR "A,Asha,Fitness,Female,1000,Instagram\nB,Bala,Fitness,Male,2000,YouTube\n"
#define POSTS TU_POST_HDR "A,,2025-01-04,,,1000,50,10\n"
#define TRACK TU_TRACK_HDR "MuscleBlaze,c1,A,u1,Whey,2025-01-05,2,1000\n"
#define TRACK2 TU_TRACK_HDR "HKVitals,c9,B,u9,Fish Oil,2025-02-05,1,700\nX,c9,ZZ,u9,Y,2025-02-05,1,5\n"
#define PAY TU_PAY_HDR "A,post,1000,0,1000,2025-01-02\n"

struct fx {
	char *root;     /* temp dir holding the uploads dir and source files */
	char uploads[4096];
	char *src[DSF__MAX];
};

static int setup(void **state)
{
	struct fx *x = calloc(1, sizeof(*x));
	if (!x)
		return -1;
	x->root = tu_mkdtemp();
	if (snprintf(x->uploads, sizeof(x->uploads), "%s/uploads", x->root) >= (int)sizeof(x->uploads))
		return -1;
	if (mkdir(x->uploads, 0750) < 0)
		return -1;
	const char *text[DSF__MAX] = { INFL, POSTS, TRACK, PAY };
	for (int f = 0; f < DSF__MAX; f++)
		x->src[f] = tu_write_file(x->root, ds_file_name[f], text[f]);
	*state = x;
	return 0;
}

static int teardown(void **state)
{
	struct fx *x = *state;
	tu_rmtree(x->root);
	for (int f = 0; f < DSF__MAX; f++)
		free(x->src[f]);
	free(x->root);
	free(x);
	return 0;
}

/* out = uploads + rest, checked. */
static void upath(const struct fx *x, char out[4096], const char *rest)
{
	if (snprintf(out, 4096, "%s%s", x->uploads, rest) >= 4096)
		fail_msg("path too long");
}

/* Runs import_run; returns its result with the version in ver. */
static int import(struct fx *x, const char *const src[DSF__MAX], struct importlog *rep, char ver[STORE_VERSION_MAX],
		  char *err, size_t errsz)
{
	importlog_init(rep);
	ver[0] = '\0';
	err[0] = '\0';
	return import_run(x->uploads, src, "tester", rep, ver, err, errsz);
}

static int import_all(struct fx *x, char ver[STORE_VERSION_MAX])
{
	struct importlog rep;
	char err[256];
	const char *src[DSF__MAX] = { x->src[0], x->src[1], x->src[2], x->src[3] };
	int rc = import(x, src, &rep, ver, err, sizeof(err));
	importlog_free(&rep);
	return rc;
}

/* Contents of one file of a version (caller frees). */
static char *version_file(struct fx *x, const char *ver, enum ds_file f)
{
	char path[4096];
	assert_int_equal(store_file_path(x->uploads, ver, f, path, sizeof(path)), 0);
	char *s = tu_read_file(path);
	if (!s)
		fail_msg("%s is missing", path);
	return s;
}

/* Number of entries of uploads whose name starts with prefix. */
static int count_prefix(const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
	closedir(d);
	return n;
}

static void test_first_version(void **state)
{
	struct fx *x = *state;
	char cur[STORE_VERSION_MAX];
	assert_int_equal(store_current(x->uploads, cur), -1);
	char ver[STORE_VERSION_MAX];
	assert_int_equal(import_all(x, ver), 0);
	assert_string_equal(ver, "000001");
	assert_int_equal(store_current(x->uploads, cur), 0);
	assert_string_equal(cur, "000001");
	const char *text[DSF__MAX] = { INFL, POSTS, TRACK, PAY };
	for (int f = 0; f < DSF__MAX; f++) {
		char *s = version_file(x, "000001", (enum ds_file)f);
		assert_string_equal(s, text[f]);
		free(s);
	}
	char path[4096];
	upath(x, path, "/versions/000001/meta.txt");
	char *meta = tu_read_file(path);
	assert_non_null(meta);
	assert_contains(meta, "user tester\n");
	assert_contains(meta, "rows influencers.csv 2\n");
	assert_contains(meta, "rows tracking_data.csv 1\n");
	free(meta);
	/* current is a symlink into versions/ */
	upath(x, path, "/current");
	char target[256];
	ssize_t n = readlink(path, target, sizeof(target) - 1);
	assert_true(n > 0);
	target[n] = '\0';
	assert_string_equal(target, "versions/000001");
	assert_int_equal(count_prefix(x->uploads, ".staging-"), 0);
	assert_int_equal(count_prefix(x->uploads, ".current."), 0);
}

static void test_carry_over(void **state)
{
	struct fx *x = *state;
	char ver[STORE_VERSION_MAX], err[256];
	assert_int_equal(import_all(x, ver), 0);
	char *track2 = tu_write_file(x->root, "new_tracking.csv", TRACK2);
	const char *src[DSF__MAX] = { NULL, NULL, track2, NULL };
	struct importlog rep;
	assert_int_equal(import(x, src, &rep, ver, err, sizeof(err)), 0);
	assert_string_equal(ver, "000002");
	/* the warning about the unknown id is kept in the version's meta */
	assert_contains(buf_str(&rep.warnings), "tracking_data.csv: 1 rows");
	importlog_free(&rep);
	char cur[STORE_VERSION_MAX];
	assert_int_equal(store_current(x->uploads, cur), 0);
	assert_string_equal(cur, "000002");
	const char *want[DSF__MAX] = { INFL, POSTS, TRACK2, PAY };
	for (int f = 0; f < DSF__MAX; f++) {
		char *s = version_file(x, "000002", (enum ds_file)f);
		assert_string_equal(s, want[f]);
		free(s);
	}
	/* the old version stays as it was */
	char *old = version_file(x, "000001", DSF_TRACKING);
	assert_string_equal(old, TRACK);
	free(old);
	char path[4096];
	upath(x, path, "/versions/000002/meta.txt");
	char *meta = tu_read_file(path);
	assert_contains(meta, "warning tracking_data.csv: 1 rows");
	free(meta);
	free(track2);
}

static void test_errors_leave_current(void **state)
{
	struct fx *x = *state;
	char ver[STORE_VERSION_MAX], err[256];
	assert_int_equal(import_all(x, ver), 0);
	char *bad = tu_write_file(x->root, "bad.csv", TU_TRACK_HDR "s,c,A,u,p,not-a-date,1,5\n");
	char *goodpay = tu_write_file(x->root, "pay2.csv", TU_PAY_HDR "B,order,5,1,5,\n");
	const char *src[DSF__MAX] = { NULL, NULL, bad, goodpay };
	struct importlog rep;
	assert_int_equal(import(x, src, &rep, ver, err, sizeof(err)), -1);
	assert_int_equal(rep.file[DSF_TRACKING].nerrors, 1);
	assert_int_equal(rep.file[DSF_TRACKING].kept[0].line, 2);
	importlog_free(&rep);
	char cur[STORE_VERSION_MAX];
	assert_int_equal(store_current(x->uploads, cur), 0);
	assert_string_equal(cur, "000001");
	char path[4096];
	upath(x, path, "/versions/000002");
	assert_false(tu_exists(path));
	assert_int_equal(count_prefix(x->uploads, ".staging-"), 0);
	char *pay = version_file(x, "000001", DSF_PAYOUTS);
	assert_string_equal(pay, PAY);
	free(pay);
	/* and the next good import still gets the next number */
	assert_int_equal(import_all(x, ver), 0);
	assert_string_equal(ver, "000002");
	free(bad);
	free(goodpay);
}

static void test_first_import_needs_every_file(void **state)
{
	struct fx *x = *state;
	char ver[STORE_VERSION_MAX], err[256];
	const char *src[DSF__MAX] = { x->src[0], NULL, x->src[2], NULL };
	struct importlog rep;
	assert_int_equal(import(x, src, &rep, ver, err, sizeof(err)), -1);
	assert_int_equal(rep.file[DSF_POSTS].nerrors, 1);
	assert_contains(rep.file[DSF_POSTS].kept[0].reason, "missing");
	assert_int_equal(rep.file[DSF_PAYOUTS].nerrors, 1);
	assert_int_equal(rep.file[DSF_INFLUENCERS].nerrors, 0);
	importlog_free(&rep);
	char cur[STORE_VERSION_MAX];
	assert_int_equal(store_current(x->uploads, cur), -1);
}

static void test_store_failure(void **state)
{
	struct fx *x = *state;
	char ver[STORE_VERSION_MAX], err[256];
	assert_true(snprintf(x->uploads, sizeof(x->uploads), "%s/no/such/dir", x->root) < (int)sizeof(x->uploads));
	const char *src[DSF__MAX] = { x->src[0], x->src[1], x->src[2], x->src[3] };
	struct importlog rep;
	assert_int_equal(import(x, src, &rep, ver, err, sizeof(err)), -2);
	assert_true(strlen(err) > 0);
	assert_int_equal(importlog_error_count(&rep), 0);
	importlog_free(&rep);
}

static void test_numbering_follows_highest(void **state)
{
	struct fx *x = *state;
	char path[4096], ver[STORE_VERSION_MAX];
	upath(x, path, "/versions");
	assert_int_equal(mkdir(path, 0750), 0);
	upath(x, path, "/versions/000041");
	assert_int_equal(mkdir(path, 0750), 0);
	upath(x, path, "/versions/notes");
	assert_int_equal(mkdir(path, 0750), 0);
	assert_int_equal(import_all(x, ver), 0);
	assert_string_equal(ver, "000042");
}

static void test_versions_keeps_the_newest(void **state)
{
	struct fx *x = *state;
	static const char *const names[] = { "000003", "000010", "000001", "000007", "000002", "notes" };
	char path[4096], got[2][STORE_VERSION_MAX];
	upath(x, path, "/versions");
	assert_int_equal(mkdir(path, 0750), 0);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path + strlen(path), 4096 - strlen(path), "/%s", names[i]);
		assert_int_equal(mkdir(path, 0750), 0);
		upath(x, path, "/versions");
	}
	/* more versions than asked for: the newest, newest first, whatever the directory order */
	assert_int_equal(store_versions(x->uploads, got, 2), 2);
	assert_string_equal(got[0], "000010");
	assert_string_equal(got[1], "000007");
}

/* Retention keeps the newest N and the current version, whatever its age. */
static void test_prune_keeps_newest_and_current(void **state)
{
	struct fx *x = *state;
	char ver[STORE_VERSION_MAX], err[256], path[4300];
	for (int i = 0; i < 5; i++)
		assert_int_equal(import_all(x, ver), 0);
	assert_string_equal(ver, "000005");
	assert_int_equal(store_activate(x->uploads, "000002", err, sizeof(err)), 0);
	assert_int_equal(store_prune(x->uploads, 0), 0);
	assert_int_equal(store_prune(x->uploads, 2), 2);
	static const char *const kept[] = { "000002", "000004", "000005" }, *const gone[] = { "000001", "000003" };
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/versions/%s/tracking_data.csv", x->uploads, kept[i]);
		assert_true(tu_exists(path));
	}
	for (int i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/versions/%s", x->uploads, gone[i]);
		assert_false(tu_exists(path));
	}
	char cur[STORE_VERSION_MAX];
	assert_int_equal(store_current(x->uploads, cur), 0);
	assert_string_equal(cur, "000002");
	assert_int_equal(store_prune(x->uploads, 2), 0); /* nothing more to do */
	assert_int_equal(import_all(x, ver), 0); /* numbering goes on after the highest */
	assert_string_equal(ver, "000006");
}

static void test_clean_staging(void **state)
{
	struct fx *x = *state;
	char ver[STORE_VERSION_MAX];
	assert_int_equal(store_clean_staging(x->uploads), 0);
	assert_int_equal(import_all(x, ver), 0);
	char path[4096];
	upath(x, path, "/.staging-99999");
	assert_int_equal(mkdir(path, 0750), 0);
	free(tu_write_file(path, "influencers.csv", INFL));
	free(tu_write_file(path, "meta.txt", "created x\n"));
	upath(x, path, "/.current.99999");
	assert_int_equal(symlink("versions/000001", path), 0);
	assert_int_equal(store_clean_staging(x->uploads), 2);
	assert_int_equal(count_prefix(x->uploads, ".staging-"), 0);
	assert_int_equal(count_prefix(x->uploads, ".current."), 0);
	char cur[STORE_VERSION_MAX];
	assert_int_equal(store_current(x->uploads, cur), 0);
	assert_string_equal(cur, "000001");
	char *s = version_file(x, "000001", DSF_INFLUENCERS);
	assert_string_equal(s, INFL);
	free(s);
	assert_int_equal(store_clean_staging(x->uploads), 0);
}

/* A user name or warning with newlines, backslashes and control bytes is
 * read back as written and cannot add a record to meta.txt. */
static void test_meta_values_cannot_split(void **state)
{
	struct fx *x = *state;
	char ver[STORE_VERSION_MAX], err[256];
	struct importlog rep;
	const char *src[DSF__MAX] = { x->src[0], x->src[1], x->src[2], x->src[3] };
	importlog_init(&rep);
	importlog_warn(&rep, "a \\n\x1b\"warning\" of %d bytes", 2000);
	const char *user = "ed\nuser mallory\\";
	assert_int_equal(import_run(x->uploads, src, user, &rep, ver, err, sizeof(err)), 0);
	importlog_free(&rep);
	struct store_info info;
	assert_int_equal(store_info(x->uploads, ver, &info), 0);
	assert_string_equal(info.user, user);
	assert_int_equal(info.nwarnings, 1);
	assert_string_equal(info.warnings, "a \\n\x1b\"warning\" of 2000 bytes\n");
	char path[4096];
	upath(x, path, "/versions/000001/meta.txt");
	char *meta = tu_read_file(path);
	assert_non_null(meta);
	assert_null(strstr(meta, "\nuser mallory"));
	free(meta);
	/* the first format, without escapes, is still read */
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("created 2026-01-02T03:04:05Z\nuser old\\name\nrows posts.csv 7\nwarning w1\n", fp);
	fclose(fp);
	assert_int_equal(store_info(x->uploads, "000001", &info), 0);
	assert_string_equal(info.user, "old\\name");
	assert_string_equal(info.created, "2026-01-02T03:04:05Z");
	assert_int_equal(info.rows[DSF_POSTS], 7);
	assert_string_equal(info.warnings, "w1\n");
}

static void test_file_path(void **state)
{
	(void)state;
	char out[64];
	assert_int_equal(store_file_path("/u", "000003", DSF_PAYOUTS, out, sizeof(out)), 0);
	assert_string_equal(out, "/u/versions/000003/payouts.csv");
	char small[16];
	assert_int_equal(store_file_path("/u", "000003", DSF_PAYOUTS, small, sizeof(small)), -1);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_first_version),
		T(test_carry_over),
		T(test_errors_leave_current),
		T(test_first_import_needs_every_file),
		T(test_store_failure),
		T(test_numbering_follows_highest),
		T(test_versions_keeps_the_newest),
		T(test_prune_keeps_newest_and_current),
		T(test_clean_staging),
		T(test_meta_values_cannot_split),
		cmocka_unit_test(test_file_path),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
