/* import.h: validate input files and activate them as a new dataset version (CLI and web upload). */
#ifndef IMPORT_H
#define IMPORT_H

#include <stddef.h>

#include "importlog.h"
#include "store.h"

/* Validates the files in src (indexed by enum ds_file; a NULL entry carries
 * that file over from the current version) and, only when every file is
 * valid, stores and activates them as a new version.
 * Returns 0 with the version name in version; -1 when the files have errors
 * (in rep); -2 when storing failed (reason in err, its cause in errno). */
int import_run(const char *uploads, const char *const src[DSF__MAX], const char *user, struct importlog *rep,
	       char version[STORE_VERSION_MAX], char *err, size_t errsz);

struct colmap;
/* import_run, with the files sent (src[f] set) read as how says: dates
 * month first, the user's column mapping (NULL: the defaults). Files carried
 * over are read as they were when they came; how every file was read is
 * kept with the version (colmap_save) and the choices appear in its
 * warnings. */
int import_run_with(const char *uploads, const char *const src[DSF__MAX], const struct colmap *how,
		    const char *user, struct importlog *rep, char version[STORE_VERSION_MAX], char *err, size_t errsz);

/* Applies the retention setting KEEP_VERSIONS (keep the newest N versions
 * and the current one; unset or 0 keeps all) after an activation. Returns
 * how many versions were removed, or -1. */
int import_retain(const char *uploads);

#endif
