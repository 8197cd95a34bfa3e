/* report.h: errors and warnings found while reading a dataset, per file. */
#ifndef REPORT_H
#define REPORT_H

#include <stddef.h>

#include "buf.h"

#define REPORT_KEEP 20 /* errors kept per file; the rest are only counted */

enum ds_file { DSF_INFLUENCERS, DSF_POSTS, DSF_TRACKING, DSF_PAYOUTS, DSF__MAX };

/* File names as uploaded, indexed by enum ds_file. */
extern const char *const ds_file_name[DSF__MAX];

struct report_error {
	long line;          /* 0 when the error is about the whole file */
	char column[48];
	char value[112];    /* escaped and shortened copy of the offending value */
	char reason[160];
};

struct report_file {
	long nerrors;
	int nkept;
	struct report_error kept[REPORT_KEEP];
	unsigned missing;   /* bit c: required schema column c is missing */
};

struct report {
	struct report_file file[DSF__MAX];
	struct buf warnings;   /* one warning per line */
	long nwarnings;
};

/* Starts an empty report. */
void report_init(struct report *r);
void report_free(struct report *r);
/* Records an error; value may be NULL. The value is stored escaped
 * (control and non-ASCII bytes as \xNN) and shortened. */
void report_error(struct report *r, enum ds_file f, long line, const char *column,
		  const char *value, size_t vlen, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));
/* Records a warning line. */
void report_warn(struct report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Total errors over all files. */
long report_error_count(const struct report *r);
/* Appends the errors as text lines "file:line: column "value": reason",
 * at most REPORT_KEEP per file plus a count of the rest. */
void report_format_errors(const struct report *r, struct buf *out);

#endif
