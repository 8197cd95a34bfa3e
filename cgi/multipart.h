/* multipart.h: the upload form's multipart/form-data body, parsed by GMime, files written to a directory. */
#ifndef MULTIPART_H
#define MULTIPART_H

#include <stddef.h>

#include "dsfile.h"

struct form_file {
	int present;            /* a file was chosen for this field */
	char filename[256];     /* as the browser named it: shown, never used as a path */
	char path[4096];        /* where its bytes were written */
	long long size;
};

struct form {
	struct form_file file[DSF__MAX];  /* by field name: influencers, posts, tracking_data, payouts */
	int nfiles;
	int month_first;  /* the field dates=mdy: "Dates are month first" */
	int store_errno;  /* why a file could not be written (multipart_read gave -2) */
};

/* More parts than this are refused before they are parsed: each costs the
 * parser memory, and the form has four file fields. */
#define MULTIPART_MAX_PARTS 32

/* Parses the body stored in body_path (its Content-Type header value in
 * content_type) and writes each file part, decoded, to dest_dir under the
 * dataset name of its field. Parts without a file chosen are skipped; text
 * fields other than dates are ignored. Returns 0; -1 with a message for the user in err
 * (not multipart, broken, unknown or repeated file field); -2 when a file
 * could not be written (the server's fault: out->store_errno says why); or
 * -3 with a message in err when the body has more than MULTIPART_MAX_PARTS
 * parts. */
int multipart_read(const char *content_type, const char *body_path, const char *dest_dir, struct form *out,
		   char *err, size_t errsz);

#endif
