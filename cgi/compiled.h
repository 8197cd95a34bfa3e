/* compiled.h: a version's compact binary form, written at activation and memory-mapped read-only by every worker. */
#ifndef COMPILED_H
#define COMPILED_H

#include <stddef.h>

#include "dataset.h"

#define COMPILED_FORMAT 7              /* bump when any ds_* struct or the pool hash changes */
#define COMPILED_NAME "dataset.bin"

/* Writes ds (its cube built with cube_build) to path through path.tmp-PID, fsync and rename, so readers see
 * the whole file or none. Returns 0 or -1 (errno set). */
int compiled_write(const struct dataset *ds, const char *path);

/* Maps path read-only: the dataset's arrays and string pool point into the
 * mapping, shared with every other worker through the page cache. Returns
 * NULL with a reason in err when the file is missing, truncated, of another
 * format or otherwise inconsistent; it is then never used. Free with
 * dataset_free. */
struct dataset *compiled_map(const char *path, char *err, size_t errsz);

#endif
