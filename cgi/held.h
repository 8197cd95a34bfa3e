/* held.h: an upload's files kept for the column-mapping step: one editor's, behind an unguessable token, for at most an hour. */
#ifndef HELD_H
#define HELD_H

#include <stddef.h>

#include "colmap.h"
#include "multipart.h"

#define HELD_TOKEN_LEN 32     /* hex digits: 128 random bits */
#define HELD_MAX_AGE 3600     /* seconds a held upload is kept */
#define HELD_MAX_HEADERS 256  /* header names offered per file */

/* Layout: uploads/.held-TOKEN/{held.txt, the files sent}; held.txt names
 * the editor, the date order and the file names as the browser sent them.
 * Its modification time is when the upload came. */
struct held {
	char token[HELD_TOKEN_LEN + 1];
	char dir[4200];
	char user[128];
	int month_first;
	char filename[DSF__MAX][256]; /* as the browser named the file; "" = not sent */
	char path[DSF__MAX][4300];    /* where the file is kept; "" = not sent */
};

enum held_status { HELD_OK, HELD_GONE, HELD_EXPIRED, HELD_NOT_YOURS };

/* Moves the files of form (written by multipart_read) into a new held
 * upload of user. Returns 0, or -1 with errno (the files stay where they
 * were). */
int held_keep(const char *uploads, const char *user, int month_first, const struct form *form, struct held *out);

/* Finds the held upload of token for user and claims it: until it is
 * released or dropped, another request for it finds it gone. HELD_EXPIRED
 * removes it first; HELD_NOT_YOURS leaves it to its owner; HELD_GONE for an
 * unknown, malformed or claimed token. */
enum held_status held_open(const char *uploads, const char *token, const char *user, struct held *out);

/* Gives a claimed held upload back (its mapping is still incomplete). */
void held_release(const struct held *h);

/* Removes a held upload (after use). */
void held_drop(const struct held *h);

/* Removes held uploads older than HELD_MAX_AGE, or every one when all is
 * set (at start). Returns how many were removed. */
int held_sweep(const char *uploads, int all);

/* The header names of a kept file (trimmed, non-empty, at most
 * COLMAP_HEADER_MAX-1 bytes on one line, each once), in file order.
 * Returns how many, at most max. */
size_t held_headers(const char *path, char (*names)[COLMAP_HEADER_MAX], size_t max);

#endif
