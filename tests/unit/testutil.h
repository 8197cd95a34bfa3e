/* testutil.h: small helpers shared by the unit tests (temp dirs and files, datasets from CSV text). */
#ifndef TESTUTIL_H
#define TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dataset.h"
#include "importlog.h"

/* Fails unless |a - b| <= eps (cmocka 1.1 only compares floats). */
#define assert_near(a, b, eps)                                                                  \
	do {                                                                                    \
		double tu_a_ = (double)(a), tu_b_ = (double)(b);                               \
		if (!(fabs(tu_a_ - tu_b_) <= (eps)))                                            \
			fail_msg("%s = %.10g, expected %.10g (line %d)", #a, tu_a_, tu_b_, __LINE__); \
	} while (0)

/* Fails unless haystack contains needle. */
#define assert_contains(haystack, needle)                                                        \
	do {                                                                                     \
		const char *tu_h_ = (haystack), *tu_n_ = (needle);                               \
		if (!tu_h_ || !strstr(tu_h_, tu_n_))                                             \
			fail_msg("\"%s\" does not contain \"%s\" (line %d)", tu_h_ ? tu_h_ : "(null)", \
				 tu_n_, __LINE__);                                                \
	} while (0)

/* A fresh directory under $TMPDIR or /tmp; the caller frees the path. */
static inline char *tu_mkdtemp(void)
{
	const char *base = getenv("TMPDIR");
	char tmpl[4096];
	if (snprintf(tmpl, sizeof(tmpl), "%s/unittest-XXXXXX", base && *base ? base : "/tmp") >= (int)sizeof(tmpl))
		fail_msg("TMPDIR too long");
	char *dir = mkdtemp(tmpl);
	assert_non_null(dir);
	char *copy = strdup(dir);
	assert_non_null(copy);
	return copy;
}

/* Removes a directory tree (symlinks are removed, not followed). */
static inline void tu_rmtree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) < 0)
		return;
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		if (d) {
			struct dirent *e;
			while ((e = readdir(d)) != NULL) {
				if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
					continue;
				size_t n = strlen(path) + strlen(e->d_name) + 2;
				char *sub = malloc(n);
				assert_non_null(sub);
				snprintf(sub, n, "%s/%s", path, e->d_name);
				tu_rmtree(sub);
				free(sub);
			}
			closedir(d);
		}
		rmdir(path);
	} else {
		unlink(path);
	}
}

/* Writes n bytes to dir/name; returns the path (caller frees). */
static inline char *tu_write_bytes(const char *dir, const char *name, const char *data, size_t n)
{
	char path[4096];
	if (snprintf(path, sizeof(path), "%s/%s", dir, name) >= (int)sizeof(path))
		fail_msg("path too long");
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	if (n)
		assert_int_equal(fwrite(data, 1, n, fp), n);
	assert_int_equal(fclose(fp), 0);
	char *copy = strdup(path);
	assert_non_null(copy);
	return copy;
}

static inline char *tu_write_file(const char *dir, const char *name, const char *text)
{
	return tu_write_bytes(dir, name, text, strlen(text));
}

/* True when path exists. */
static inline int tu_exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

/* Reads a whole (small) file into a malloc'd NUL-terminated string, or NULL. */
static inline char *tu_read_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	char *out = calloc(1, 1 << 16);
	assert_non_null(out);
	size_t n = fread(out, 1, (1 << 16) - 1, fp);
	out[n] = '\0';
	fclose(fp);
	return out;
}

/* Standard headers of the four files, for tests that only care about rows. */
#define TU_INFL_HDR "id,name,category,gender,follower_count,platform\n"
#define TU_POST_HDR "influencer_id,platform,date,url,caption,reach,likes,comments\n"
#define TU_TRACK_HDR "source,campaign,influencer_id,user_id,product,date,orders,revenue\n"
#define TU_PAY_HDR "influencer_id,basis,rate,orders,total_payout,date\n"

/* Writes the four CSV texts (NULL = no file, passed as a NULL path) to a temp
 * directory, runs dataset_read, removes the directory and returns its result.
 * rep must be initialised by the caller. */
static inline int tu_dataset_cm(const struct colmap *cm, const char *infl, const char *posts, const char *track,
				const char *pay, struct dataset **ds, struct importlog *rep)
{
	const char *text[DSF__MAX] = { infl, posts, track, pay };
	char *path[DSF__MAX] = { 0 };
	char *dir = tu_mkdtemp();
	for (int f = 0; f < DSF__MAX; f++)
		if (text[f])
			path[f] = tu_write_file(dir, ds_file_name[f], text[f]);
	const char *cpath[DSF__MAX] = { path[0], path[1], path[2], path[3] };
	int rc = dataset_read_with(cpath, cm, ds, rep);
	for (int f = 0; f < DSF__MAX; f++)
		free(path[f]);
	tu_rmtree(dir);
	free(dir);
	return rc;
}

/* tu_dataset_cm with the default reading. */
static inline int tu_dataset(const char *infl, const char *posts, const char *track, const char *pay,
			     struct dataset **ds, struct importlog *rep)
{
	return tu_dataset_cm(NULL, infl, posts, track, pay, ds, rep);
}

/* Like tu_dataset but fails the test unless the read succeeds. */
static inline struct dataset *tu_dataset_ok(const char *infl, const char *posts, const char *track,
					    const char *pay, struct importlog *rep)
{
	struct dataset *ds = NULL;
	int rc = tu_dataset(infl, posts, track, pay, &ds, rep);
	if (rc != 0) {
		struct buf b;
		buf_init(&b, 0);
		importlog_format_errors(rep, &b);
		fail_msg("dataset_read failed:\n%s", buf_str(&b));
	}
	assert_non_null(ds);
	return ds;
}

#endif
