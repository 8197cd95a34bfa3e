/* import.c: validate input files and activate them as a new dataset version (CLI and web upload). */
#include "import.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "colmap.h"
#include "dataset.h"

int import_run(const char *uploads, const char *const src[DSF__MAX], const char *user, struct importlog *rep,
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
static int record_reading(const struct store_stage *st, const struct colmap *cm, struct importlog *rep)
{
	struct buf files;
	buf_init(&files, 0);
	for (int f = 0; f < DSF__MAX; f++)
		if (cm->month_first[f])
			buf_printf(&files, "%s%s", files.len ? ", " : "", ds_file_name[f]);
	if (files.len)
		importlog_warn(rep, "dates read month first (MM/DD/YYYY), as chosen: %s", buf_str(&files));
	buf_free(&files);
	return colmap_save(st->staging, cm);
}

/* How each file of the stage is read: the caller's choices for the files it
 * sent, and for a carried-over file what its version recorded when it came.
 * Runs under the writer lock, after the stage chose the carried files. */
static int reading_of(const struct store_stage *st, const char *const src[DSF__MAX], const struct colmap *how,
		      struct colmap *cm, char *err, size_t errsz)
{
	char dir[4096] = "";
	int carry[DSF__MAX] = { 0 };
	for (int f = 0; f < DSF__MAX; f++) {
		if (!src[f] && st->src[f]) {
			carry[f] = 1;
			version_dir(st->src[f], dir, sizeof(dir));
		}
		if (how && src[f]) {
			cm->month_first[f] = how->month_first[f];
			memcpy(cm->map[f], how->map[f], sizeof(cm->map[f]));
		}
	}
	if (dir[0] && colmap_load(dir, carry, cm) < 0) {
		snprintf(err, errsz, "cannot read how the current version was read: %s", strerror(errno));
		return -1;
	}
	return 0;
}

int import_run_with(const char *uploads, const char *const src[DSF__MAX], const struct colmap *how,
		    const char *user, struct importlog *rep, char version[STORE_VERSION_MAX], char *err, size_t errsz)
{
	struct colmap *cm = calloc(1, sizeof(*cm));
	if (!cm) {
		snprintf(err, errsz, "out of memory");
		errno = ENOMEM;
		return -2;
	}
	struct store_stage st; /* carries the files missing from src over, under the writer lock */
	if (store_stage_begin(&st, uploads, src, err, errsz) < 0) {
		free(cm);
		errno = st.err_no;
		return -2;
	}
	int rc = -2, e = 0;
	struct dataset *ds = NULL;
	if (reading_of(&st, src, how, cm, err, errsz) < 0) {
		e = errno;
		goto abandon;
	}
	if (dataset_read_with(st.src, cm, &ds, rep) < 0) {
		rc = -1;
		goto abandon;
	}
	store_stage_copy(&st); /* beside the compiling, when a processor is free */
	if (cube_build(ds) < 0) {
		snprintf(err, errsz, "out of memory compiling the dataset");
		e = ENOMEM;
		goto abandon;
	}
	if (record_reading(&st, cm, rep) < 0) {
		e = errno;
		snprintf(err, errsz, "cannot write how the files were read: %s", strerror(e));
		goto abandon;
	}
	struct store_meta meta = {
		.user = user,
		.rows = { (long)ds->ninfl, (long)ds->npost, (long)ds->ntrack, (long)ds->npayout },
		.warnings = buf_str(&rep->warnings),
		.compile = ds,
	};
	rc = store_stage_commit(&st, &meta, version, err, errsz) == 0 ? 0 : -2;
	e = rc ? st.err_no : 0;
	goto out;
abandon:
	store_stage_abandon(&st);
out:
	if (ds)
		dataset_free(ds);
	free(cm);
	errno = e;
	return rc;
}

int import_retain(const char *uploads)
{
	const char *keep = getenv("KEEP_VERSIONS");
	long n = keep && *keep ? strtol(keep, NULL, 10) : 0;
	return n > 0 ? store_prune(uploads, (size_t)n) : 0;
}
