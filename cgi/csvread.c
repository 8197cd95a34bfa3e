/* csvread.c: RFC 4180 reading on libcsv, record by record, with line numbers and limits. */
#include "csvread.h"

#include <csv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csvpipe.h"
#include "val.h"

const char *const csvread_status_text[CSVREAD__MAX] = {
	[CSVREAD_OK] = "ok",
	[CSVREAD_EMPTY] = "file is empty (no header row)",
	[CSVREAD_QUOTE] = "a quoted field is never closed",
	[CSVREAD_TOO_WIDE] = "too many columns (limit 1024)",
	[CSVREAD_TOO_LONG] = "a field is longer than 64 KiB (65536 bytes)",
	[CSVREAD_NOMEM] = "out of memory",
	[CSVREAD_STOPPED] = "stopped",
};

/* Fields of the record being assembled: one byte arena plus offsets. */
struct reader {
	char *bytes;
	size_t nbytes, abytes;
	size_t *off, *len;
	char **ptr;
	size_t nfields, afields;
	size_t bad_utf8;
	long record_line, cur_line;
	long records;
	enum csvread_status status;
	int libcsv_only;        /* no fast_line: the reference reading */
	csvread_fn fn;          /* called with each record, or */
	struct csvpipe *pipe;   /* handed each record for another thread */
	void *ctx;
};

/* Makes room for one more field in the offset, length and pointer arrays. */
static int grow_fields(struct reader *r)
{
	if (r->nfields < r->afields)
		return 0;
	size_t n = r->afields ? r->afields * 2 : 32;
	size_t *off = realloc(r->off, n * sizeof(*off));
	if (!off)
		return -1;
	r->off = off;
	size_t *len = realloc(r->len, n * sizeof(*len));
	if (!len)
		return -1;
	r->len = len;
	char **ptr = realloc(r->ptr, n * sizeof(*ptr));
	if (!ptr)
		return -1;
	r->ptr = ptr;
	r->afields = n;
	return 0;
}

/* Makes room for n more bytes plus a NUL in the record's byte store. */
static int grow_bytes(struct reader *r, size_t n)
{
	size_t need = r->nbytes + n + 1;
	if (need <= r->abytes)
		return 0;
	size_t cap = r->abytes ? r->abytes * 2 : 1024;
	while (cap < need)
		cap *= 2;
	char *p = realloc(r->bytes, cap);
	if (!p)
		return -1;
	r->bytes = p;
	r->abytes = cap;
	return 0;
}

/* Adds one field to the record; checked: the caller knows it is UTF-8
 * without NUL bytes. */
static void add_field(struct reader *r, const char *s, size_t n, int checked)
{
	if (r->status != CSVREAD_OK)
		return;
	if (r->nfields >= CSVREAD_MAX_FIELDS) {
		r->status = CSVREAD_TOO_WIDE;
		return;
	}
	if (n > CSVREAD_MAX_FIELD) {
		r->status = CSVREAD_TOO_LONG;
		return;
	}
	if (grow_fields(r) < 0 || grow_bytes(r, n) < 0) {
		r->status = CSVREAD_NOMEM;
		return;
	}
	if (!checked && !r->bad_utf8 && !val_utf8(s, n, NULL))
		r->bad_utf8 = r->nfields + 1;
	memcpy(r->bytes + r->nbytes, s, n);
	r->bytes[r->nbytes + n] = '\0';
	r->off[r->nfields] = r->nbytes;
	r->len[r->nfields] = n;
	r->nbytes += n + 1;
	r->nfields++;
}

static void on_field(void *s, size_t n, void *data)
{
	add_field(data, s, n, 0);
}

static void on_row(int c, void *data)
{
	(void)c;
	struct reader *r = data;
	if (r->status == CSVREAD_OK) {
		for (size_t i = 0; i < r->nfields; i++)
			r->ptr[i] = r->bytes + r->off[i];
		struct csvread_row row = {
			.line = r->record_line, .nfields = r->nfields, .field = r->ptr,
			.len = r->len, .bad_utf8 = r->bad_utf8,
		};
		r->records++;
		int rc = r->pipe ? csvpipe_put(r->pipe, &row) : r->fn(r->ctx, &row);
		if (rc < 0)
			r->status = rc == CSVPIPE_NOMEM ? CSVREAD_NOMEM : CSVREAD_STOPPED;
	}
	r->nfields = 0;
	r->nbytes = 0;
	r->bad_utf8 = 0;
}

/* Feeds one physical line in bounded pieces so a giant line cannot make
 * libcsv buffer more than the field limit. */
static void feed_line(struct csv_parser *p, struct reader *r, const char *s, size_t n)
{
	const size_t piece = 64 << 10;
	if (p->pstate == 0) /* no record in progress: this line starts one */
		r->record_line = r->cur_line;
	while (n && r->status == CSVREAD_OK) {
		size_t k = n < piece ? n : piece;
		if (csv_parse(p, s, k, on_field, on_row, r) != k)
			r->status = CSVREAD_NOMEM;
		else if (p->entry_pos > CSVREAD_MAX_FIELD)
			r->status = CSVREAD_TOO_LONG;
		s += k;
		n -= k;
	}
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* True when [s, s+n) is ASCII without NUL bytes, so UTF-8 already: eight
 * bytes at a time. */
static int plain_ascii(const char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	uint64_t w;
	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		if ((w | ((w - ones) & ~w)) & highs) /* a byte >= 0x80, or a zero byte */
			return 0;
	}
	for (; n; s++, n--)
		if (*s == '\0' || (unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

/* The common line, without libcsv: n bytes before the newline with no
 * quote and no CR but a final one, short enough to go to libcsv in one
 * piece. Gives exactly what libcsv gives such a line: fields split at
 * commas, spaces and tabs around each dropped, no record when it is blank.
 * Returns 0 when the line needs libcsv instead. */
static int fast_line(struct reader *r, const char *s, size_t n)
{
	if (n >= (64 << 10))
		return 0;
	if (n && s[n - 1] == '\r')
		n--;
	if (memchr(s, '"', n) || memchr(s, '\r', n))
		return 0;
	int checked = plain_ascii(s, n);
	const char *end = s + n;
	for (int first = 1;; first = 0) {
		const char *comma = memchr(s, ',', (size_t)(end - s));
		const char *stop = comma ? comma : end, *a = s;
		while (a < stop && is_blank(*a))
			a++;
		while (stop > a && is_blank(stop[-1]))
			stop--;
		if (first && !comma && a == stop)
			return 1; /* a blank line: libcsv gives no record either */
		if (first)
			r->record_line = r->cur_line;
		add_field(r, a, (size_t)(stop - a), checked);
		if (!comma)
			break;
		s = comma + 1;
	}
	on_row(0, r);
	return 1;
}

static int only_space(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return 0;
	return 1;
}

/* Parses the input into r's callback or pipe, from line r->cur_line on;
 * the status and line reached end up in r and *fail_line. A first piece
 * skips a BOM and must hold a record. Reading stops at the first record
 * boundary at or after stop, returned; reaching len finishes the input (an
 * open quote is an error there). */
static size_t parse_piece(struct reader *r, const char *data, size_t len, int first, size_t stop, long *fail_line)
{
	struct csv_parser p;
	size_t bom = first && len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	*fail_line = r->cur_line;
	if (first && only_space(data + bom, len - bom)) {
		r->status = CSVREAD_EMPTY;
		return len;
	}
	*fail_line = 0;
	if (csv_init(&p, CSV_APPEND_NULL | CSV_STRICT_FINI) != 0) {
		r->status = CSVREAD_NOMEM;
		return len;
	}
	const char *s = data + bom, *end = data + len;
	while (s < end && r->status == CSVREAD_OK) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *next = nl ? nl + 1 : end;
		if (!nl || p.pstate != 0 || r->libcsv_only || !fast_line(r, s, (size_t)(nl - s)))
			feed_line(&p, r, s, (size_t)(next - s));
		s = next;
		if (r->status == CSVREAD_OK)
			r->cur_line++;
		if (s >= data + stop && s < end && p.pstate == 0 && r->status == CSVREAD_OK) {
			csv_free(&p);
			return (size_t)(s - data);
		}
	}
	/* libcsv reports an open quote at the end only in its strict mode, which
	 * would also refuse stray quotes inside unquoted fields ("5" tall");
	 * so look at its state: a quoted field begun and never closed. */
	if (r->status == CSVREAD_OK && p.quoted && p.pstate == 2)
		r->status = CSVREAD_QUOTE;
	if (r->status == CSVREAD_OK && csv_fini(&p, on_field, on_row, r) != 0)
		r->status = CSVREAD_QUOTE;
	if (r->status == CSVREAD_QUOTE)
		*fail_line = r->record_line;
	else if (r->status != CSVREAD_OK)
		*fail_line = r->status == CSVREAD_STOPPED ? 0 : r->cur_line;
	if (first && r->status == CSVREAD_OK && r->records == 0) {
		r->status = CSVREAD_EMPTY;
		*fail_line = 1;
	}
	csv_free(&p);
	return len;
}

/* Parses the whole input into r's callback or pipe. */
static void parse_all(struct reader *r, const char *data, size_t len, long *fail_line)
{
	parse_piece(r, data, len, 1, len, fail_line);
}

static void reader_free(struct reader *r)
{
	free(r->bytes);
	free(r->off);
	free(r->len);
	free(r->ptr);
}

/* Parses on the calling thread, fn called with each record. */
static enum csvread_status read_here(const char *data, size_t len, csvread_fn fn, void *ctx, long *fail_line,
				     int libcsv_only)
{
	struct reader r = { .fn = fn, .ctx = ctx, .cur_line = 1, .record_line = 1, .libcsv_only = libcsv_only };
	parse_all(&r, data, len, fail_line);
	reader_free(&r);
	return r.status;
}

enum csvread_status csvread_mem_piece(const char *data, size_t len, int first, struct csvread_piece *pc,
				      csvread_fn fn, void *ctx)
{
	struct reader r = { .fn = fn, .ctx = ctx, .cur_line = pc->line, .record_line = pc->line };
	pc->end = parse_piece(&r, data, len, first, pc->stop, &pc->fail_line);
	pc->line = r.cur_line;
	reader_free(&r);
	return r.status;
}

enum csvread_status csvread_mem_libcsv(const char *data, size_t len, csvread_fn fn, void *ctx, long *fail_line)
{
	return read_here(data, len, fn, ctx, fail_line, 1);
}

enum csvread_status csvread_mem(const char *data, size_t len, csvread_fn fn, void *ctx,
				long *fail_line)
{
	if (len >= CSVREAD_PIPE_MIN)
		return csvread_mem_piped(data, len, fn, ctx, fail_line);
	return read_here(data, len, fn, ctx, fail_line, 0);
}

/* The parsing thread of csvread_mem_piped. */
struct piped {
	struct reader r;
	const char *data;
	size_t len;
	long fail_line;
};

static void *parse_thread(void *arg)
{
	struct piped *t = arg;
	parse_all(&t->r, t->data, t->len, &t->fail_line);
	csvpipe_close(t->r.pipe);
	return NULL;
}

enum csvread_status csvread_mem_piped(const char *data, size_t len, csvread_fn fn, void *ctx,
				      long *fail_line)
{
	struct piped t = { .r = { .cur_line = 1, .record_line = 1 }, .data = data, .len = len };
	t.r.pipe = csvpipe_new();
	if (!t.r.pipe || csvpipe_start(t.r.pipe, parse_thread, &t) < 0) {
		csvpipe_free(t.r.pipe);
		return read_here(data, len, fn, ctx, fail_line, 0); /* no thread: read it here */
	}
	int stopped = csvpipe_drain(t.r.pipe, fn, ctx) < 0; /* joins the thread */
	csvpipe_free(t.r.pipe);
	reader_free(&t.r);
	*fail_line = stopped ? 0 : t.fail_line;
	return stopped ? CSVREAD_STOPPED : t.r.status;
}
