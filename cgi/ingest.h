/* ingest.h: the state of reading one input file (dataset.c), shared with the split reading of dssplit.c. */
#ifndef INGEST_H
#define INGEST_H

#include "csvread.h"
#include "dataset.h"
#include "importlog.h"
#include "schema.h"

#define ID_MAX 256

/* One parsed cell: which member is set depends on the column kind. */
struct cell {
	int present;
	int64_t num;     /* count, paise, or basis */
	int32_t date;
	uint32_t str;    /* pool id for ids and text */
};

/* Unknown-influencer bookkeeping for one file, reported as a warning. */
struct unknown {
	long rows;
	int64_t money;
	char example[ID_MAX];
};

/* State while reading one file. */
struct ingest {
	struct dataset *ds;
	struct importlog *rep;
	enum ds_file file;
	const struct colmap *cm;      /* how to read the files, or NULL for the defaults */
	int month_first;
	int colpos[SCHEMA_MAX_COLS];  /* header position of each schema column, -1 absent */
	size_t nheader;
	int header_done;
	int fatal;                    /* a header error: rows are not read */
	int32_t *by_sid;              /* pool id -> influencer index, -1 */
	size_t nby_sid;
	struct unknown unknown;
	long mismatch_rows;
	long mismatch_first_line;
	long no_platform;
	size_t cap;                   /* capacity of the array being filled */
	uint32_t last[SCHEMA_MAX_COLS]; /* pool id of the previous row's value, per column */
	long unread[SCHEMA_MAX_COLS];   /* optional values that could not be read */
	long unread_line[SCHEMA_MAX_COLS];
	char unread_value[SCHEMA_MAX_COLS][48];
	int has_last[SCHEMA_MAX_COLS];
	uint64_t *seen[SCHEMA_MAX_COLS]; /* per column: hash << 32 | pool id + 1 of values met, by hash */
	uint64_t magnitude[SCHEMA_MAX_COLS]; /* sum of |value| per number column */
	int overflowed[SCHEMA_MAX_COLS];
	struct split *split;          /* the second half being read on its own thread (dssplit.c), or NULL */
};

/* The csvread callback of a file: the header, then each row through every input rule. */
int dataset_ingest_row(void *ctx, const struct csvread_row *row);

#endif
