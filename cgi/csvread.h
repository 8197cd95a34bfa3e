/* csvread.h: RFC 4180 reading on libcsv, record by record, with line numbers and limits. */
#ifndef CSVREAD_H
#define CSVREAD_H

#include <stddef.h>

#define CSVREAD_MAX_FIELDS 1024
#define CSVREAD_MAX_FIELD ((size_t)64 << 10)

/* One record. Fields are NUL-terminated and owned by the reader until the
 * callback returns. */
struct csvread_row {
	long line;        /* physical line where the record starts; header = 1 */
	size_t nfields;
	char **field;
	size_t *len;
	size_t bad_utf8;  /* 1-based column holding invalid UTF-8, or 0 */
};

enum csvread_status {
	CSVREAD_OK,
	CSVREAD_EMPTY,      /* no header row */
	CSVREAD_QUOTE,      /* a quoted field never closes */
	CSVREAD_TOO_WIDE,   /* more than CSVREAD_MAX_FIELDS columns */
	CSVREAD_TOO_LONG,   /* a field longer than CSVREAD_MAX_FIELD bytes */
	CSVREAD_NOMEM,
	CSVREAD_STOPPED,    /* the callback asked to stop */
	CSVREAD__MAX
};

extern const char *const csvread_status_text[CSVREAD__MAX];

/* Called once per record (header included); return 0 to go on, -1 to stop. */
typedef int (*csvread_fn)(void *ctx, const struct csvread_row *row);

/* Inputs this large are parsed on a second thread (csvread_mem_piped). */
#define CSVREAD_PIPE_MIN ((size_t)4 << 20)

/* Parses len bytes at data (a leading UTF-8 BOM is skipped; LF or CRLF;
 * blank lines are skipped). On error, *fail_line holds the line reached.
 * Returns CSVREAD_OK when every record was delivered. */
enum csvread_status csvread_mem(const char *data, size_t len, csvread_fn fn, void *ctx,
				long *fail_line);
/* A piece of an input read on its own: it starts where an earlier piece
 * ended (between two records) or at the start of the input (first). */
struct csvread_piece {
	size_t stop;     /* in: stop at the first record boundary at or after this offset (len: read it all) */
	long line;       /* in: the line number of the piece's first line; out: of the line after it */
	size_t end;      /* out: the offset reading stopped at; len when the input was finished */
	long fail_line;  /* out: the line reached on an error */
};
/* csvread_mem on a piece: a first piece skips a BOM and must hold a record;
 * reading stops at pc->stop when a record ends there, else at the next line
 * where one does; reaching len finishes the input (an open quote is an error). */
enum csvread_status csvread_mem_piece(const char *data, size_t len, int first, struct csvread_piece *pc,
				      csvread_fn fn, void *ctx);
/* The same, with every line through libcsv: the reference that csvread_mem,
 * which splits plain lines (no quote) itself, is tested against. */
enum csvread_status csvread_mem_libcsv(const char *data, size_t len, csvread_fn fn, void *ctx,
				       long *fail_line);
/* The same, with libcsv running on a second thread while fn runs on the
 * calling one, records passing between them in batches: same records, same
 * order, same status and line. */
enum csvread_status csvread_mem_piped(const char *data, size_t len, csvread_fn fn, void *ctx,
				      long *fail_line);

#endif
