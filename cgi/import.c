/* import.c: validate input files and activate them as a new dataset version (CLI and web upload). */
#include "import.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "colmap.h"
#include "dataset.h"

static int run(const char *uploads, const char *const path[DSF__MAX], const struct colmap *cm, const char *user,
	       struct report *rep, char version[STORE_VERSION_MAX], char *err, size_t errsz);

int import_run(const char *uploads, const char *const src[DSF__MAX], const char *user, struct report *rep,
	       char version[STORE_VERSION_MAX], char *err, size_t errsz)
{
	return import_run_with(uploads, src, NULL, user, rep, version, err, errsz);
}

/* The directory of a version's files, from the path of one of them. */
static void version_dir(const char *file, char *out, size_t outsz)
{
	snprintf(out, outsz, "%s", file);
	char *slash = strrchr(out, '/');
	if (slash)
		*slash = '\0';
}

/* Records how the files were read: the version's READ file, and a line in
 * its history naming the files read month first (a column mapping is named
 * by the header warnings). */
static int record_reading(const struct store_stage *st, const struct colmap *cm, struct report *rep)
{
	struct buf files;
	buf_init(&files, 0);
	for (int f = 0; f < DSF__MAX; f++)
		if (cm->month_first[f])
			buf_printf(&files, "%s%s", files.len ? ", " : "", ds_file_name[f]);
	if (files.len)
		report_warn(rep, "dates read month first (MM/DD/YYYY), as chosen: %s", buf_str(&files));
	buf_free(&files);
	return colmap_save(st->staging, cm);
}

int import_run_with(const char *uploads, const char *const src[DSF__MAX], const struct colmap *how,
		    const char *user, struct report *rep, char version[STORE_VERSION_MAX], char *err, size_t errsz)
{
	char carried[DSF__MAX][4096], dir[4096] = "";
	const char *path[DSF__MAX];
	char cur[STORE_VERSION_MAX];
	int have_cur = store_current(uploads, cur) == 0, carry[DSF__MAX] = { 0 };
	struct colmap *cm = calloc(1, sizeof(*cm));
	if (!cm) {
		snprintf(err, errsz, "out of memory");
		errno = ENOMEM;
		return -2;
	}
	for (int f = 0; f < DSF__MAX; f++) {
		path[f] = src[f];
		if (!path[f] && have_cur &&
		    store_file_path(uploads, cur, (enum ds_file)f, carried[f], sizeof(carried[f])) == 0) {
			path[f] = carried[f];
			carry[f] = 1;
			version_dir(carried[f], dir, sizeof(dir));
		}
		if (how && src[f]) { /* a carried-over file is read as it was when it came */
			cm->month_first[f] = how->month_first[f];
			memcpy(cm->map[f], how->map[f], sizeof(cm->map[f]));
		}
	}
	if (dir[0] && colmap_load(dir, carry, cm) < 0) {
		snprintf(err, errsz, "cannot read how version %s was read: %s", cur, strerror(errno));
		free(cm);
		return -2;
	}
	int rc = run(uploads, path, cm, user, rep, version, err, errsz);
	free(cm);
	return rc;
}

/* Validates the files at path read as cm says and, when they are valid,
 * stores and activates them. */
static int run(const char *uploads, const char *const path[DSF__MAX], const struct colmap *cm, const char *user,
	       struct report *rep, char version[STORE_VERSION_MAX], char *err, size_t errsz)
{
	struct store_stage st;
	if (store_stage_begin(&st, uploads, path, err, errsz) < 0) {
		errno = st.err_no;
		return -2;
	}
	struct dataset *ds;
	if (dataset_read_with(path, cm, &ds, rep) < 0) {
		store_stage_abandon(&st);
		return -1;
	}
	if (cube_build(ds) < 0) {
		store_stage_abandon(&st);
		dataset_free(ds);
		snprintf(err, errsz, "out of memory compiling the dataset");
		errno = ENOMEM;
		return -2;
	}
	if (record_reading(&st, cm, rep) < 0) {
		snprintf(err, errsz, "cannot write how the files were read: %s", strerror(errno));
		int e = errno;
		store_stage_abandon(&st);
		dataset_free(ds);
		errno = e;
		return -2;
	}
	struct store_meta meta = {
		.user = user,
		.rows = { (long)ds->ninfl, (long)ds->npost, (long)ds->ntrack, (long)ds->npayout },
		.warnings = buf_str(&rep->warnings),
		.compile = ds,
	};
	int rc = store_stage_commit(&st, &meta, version, err, errsz) == 0 ? 0 : -2;
	dataset_free(ds);
	errno = rc ? st.err_no : 0;
	return rc;
}

int import_retain(const char *uploads)
{
	const char *keep = getenv("KEEP_VERSIONS");
	long n = keep && *keep ? strtol(keep, NULL, 10) : 0;
	return n > 0 ? store_prune(uploads, (size_t)n) : 0;
}
