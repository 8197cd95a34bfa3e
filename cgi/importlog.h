/* importlog.h: the import log: errors and warnings found while reading a dataset, per file (not the PDF report). */
#ifndef IMPORTLOG_H
#define IMPORTLOG_H

#include <stddef.h>

#include "buf.h"
#include "dsfile.h"

#define IMPORTLOG_KEEP 20 /* errors kept per file; the rest are only counted */


struct importlog_error {
	long line;          /* 0 when the error is about the whole file */
	char column[48];
	char value[112];    /* escaped and shortened copy of the offending value */
	char reason[160];
};

struct importlog_file {
	long nerrors;
	int nkept;
	struct importlog_error kept[IMPORTLOG_KEEP];
	unsigned missing;   /* bit c: required schema column c is missing */
};

struct importlog {
	struct importlog_file file[DSF__MAX];
	struct buf warnings;   /* one warning per line */
	long nwarnings;
};

/* Starts an empty log. */
void importlog_init(struct importlog *r);
void importlog_free(struct importlog *r);
/* Records an error; value may be NULL. The value is stored escaped
 * (control and non-ASCII bytes as \xNN) and shortened. */
void importlog_error(struct importlog *r, enum ds_file f, long line, const char *column,
		     const char *value, size_t vlen, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));
/* Records a warning line. */
void importlog_warn(struct importlog *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Total errors over all files. */
long importlog_error_count(const struct importlog *r);
/* Appends the errors as text lines "file:line: column "value": reason",
 * at most IMPORTLOG_KEEP per file plus a count of the rest. */
void importlog_format_errors(const struct importlog *r, struct buf *out);

#endif
