/* colmap.h: which column of an input file is which schema column: header normalisation, aliases, the user's mapping. */
#ifndef COLMAP_H
#define COLMAP_H

#include <stddef.h>

#include "buf.h"
#include "importlog.h"
#include "schema.h"

#define COLMAP_HEADER_MAX 128 /* longest header a mapping may name, NUL included */

/* How one import reads its files: the date order and the user's mapping
 * (schema column -> one of the file's own header names; "" = none). */
struct colmap {
	unsigned char month_first[DSF__MAX];
	char map[DSF__MAX][SCHEMA_MAX_COLS][COLMAP_HEADER_MAX];
};

/* A header name as SPEC section 2 matches it: trimmed, lower case, each run
 * of spaces and hyphens one underscore. Writes at most outsz-1 bytes and a
 * NUL; returns the length, or outsz when it does not fit. */
size_t colmap_norm(const char *h, size_t n, char *out, size_t outsz);

/* Finds the schema columns among the header fields of file f: the user's
 * mapping first, then the canonical names, then the aliases (only for a
 * column still absent). colpos[c] is the field of column c or -1. Warns
 * about extra columns and headers read under another name; reports each
 * missing required column as an error (and in rep->file[f].missing).
 * Returns the number of errors reported. */
int colmap_header(const struct colmap *cm, enum ds_file f, char *const *field, const size_t *len, size_t nfields,
		  int colpos[SCHEMA_MAX_COLS], struct importlog *rep);

/* Reads "file.column=Header" pairs separated by ';' (file with or without
 * .csv: tracking_data.date=Txn Date) into cm->map. Returns 0, or -1 with the
 * reason in err. */
int colmap_parse(struct colmap *cm, const char *spec, char *err, size_t errsz);

/* Sets one mapping; returns 0, or -1 with the reason in err (an unknown
 * column, a header too long or holding a line break). */
int colmap_set(struct colmap *cm, enum ds_file f, const char *column, const char *header, char *err, size_t errsz);

/* A version remembers how its files were read (READ_NAME in its directory),
 * so that a file carried over into a later version, or a version rebuilt
 * from its CSVs, is read the same way. colmap_save writes the settings of
 * the files whose use[] is set; colmap_load adds the settings of the files
 * whose use[] is set from a version directory (a missing file is the
 * default; colmap_save writes none for the defaults). Both return 0 or -1
 * with errno. */
#define COLMAP_FILE "read.txt"
int colmap_save(const char *dir, const struct colmap *cm);
int colmap_load(const char *dir, const int use[DSF__MAX], struct colmap *cm);

#endif
