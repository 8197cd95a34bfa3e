/* schema.h: the columns of the four input files, their aliases and value kinds. */
#ifndef SCHEMA_H
#define SCHEMA_H

#include "importlog.h"

/* KIND_NOTE is text kept for exports but never filtered on or looked up
 * (user ids: often a million distinct values). */
enum col_kind { KIND_ID, KIND_TEXT, KIND_NOTE, KIND_COUNT, KIND_MONEY, KIND_SIGNED_MONEY, KIND_DATE, KIND_BASIS };

struct col_def {
	const char *name;
	const char *alias[2]; /* header names read when the file lacks name, or NULL */
	enum col_kind kind;
	int column_required;  /* the header must have it */
	int value_required;   /* every row must have a value */
};

/* Column positions, one enum per file, in the order of the tables below. */
enum { IC_ID, IC_NAME, IC_CATEGORY, IC_GENDER, IC_FOLLOWERS, IC_PLATFORM, IC__MAX };
enum { PC_INFL, PC_PLATFORM, PC_DATE, PC_URL, PC_CAPTION, PC_REACH, PC_LIKES, PC_COMMENTS, PC__MAX };
enum { TC_SOURCE, TC_BRAND, TC_CAMPAIGN, TC_INFL, TC_USER, TC_PRODUCT, TC_DATE, TC_ORDERS, TC_REVENUE, TC__MAX };
enum { YC_INFL, YC_BASIS, YC_RATE, YC_ORDERS, YC_TOTAL, YC_DATE, YC_STATUS, YC__MAX };

#define SCHEMA_MAX_COLS 9

struct file_schema {
	const struct col_def *col;
	int ncols;
};

/* The schema of each file, indexed by enum ds_file. */
extern const struct file_schema schema[DSF__MAX];

/* What each kind expects, for error messages; dates read month first
 * expect schema_date_mdy instead. */
extern const char *const kind_expect[];
extern const char schema_date_mdy[];

#endif
