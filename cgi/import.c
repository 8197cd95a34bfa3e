/* import.c: validate input files and activate them as a new dataset version (CLI and web upload). */
#include "import.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "dataset.h"

int import_run(const char *uploads, const char *const src[DSF__MAX], const char *user, struct report *rep,
	       char version[STORE_VERSION_MAX], char *err, size_t errsz)
{
	struct store_stage st; /* carries the files missing from src over, under the writer lock */
	if (store_stage_begin(&st, uploads, src, err, errsz) < 0) {
		errno = st.err_no;
		return -2;
	}
	struct dataset *ds;
	if (dataset_read(st.src, &ds, rep) < 0) {
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
