/* importlog.c: the import log: errors and warnings found while reading a dataset, per file. */
#include "importlog.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void importlog_init(struct importlog *r)
{
	memset(r, 0, sizeof(*r));
	buf_init(&r->warnings, 1 << 20);
}

void importlog_free(struct importlog *r)
{
	buf_free(&r->warnings);
}

/* Copies a value for display: printable ASCII kept, everything else as
 * \xNN, cut with "..." so the message stays short. */
static void shorten(char *out, size_t outsz, const char *v, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)v[i];
		char tmp[5];
		int k = (c >= 0x20 && c < 0x7f) ? snprintf(tmp, sizeof(tmp), "%c", c)
						: snprintf(tmp, sizeof(tmp), "\\x%02X", c);
		if (o + (size_t)k + 4 >= outsz) {
			memcpy(out + o, "...", 3);
			o += 3;
			break;
		}
		memcpy(out + o, tmp, (size_t)k);
		o += (size_t)k;
	}
	out[o] = '\0';
}

void importlog_error(struct importlog *r, enum ds_file f, long line, const char *column,
		     const char *value, size_t vlen, const char *fmt, ...)
{
	struct importlog_file *rf = &r->file[f];
	rf->nerrors++;
	if (rf->nkept >= IMPORTLOG_KEEP)
		return;
	struct importlog_error *e = &rf->kept[rf->nkept++];
	e->line = line;
	snprintf(e->column, sizeof(e->column), "%s", column ? column : "");
	if (value)
		shorten(e->value, sizeof(e->value), value, vlen);
	else
		e->value[0] = '\0';
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->reason, sizeof(e->reason), fmt, ap);
	va_end(ap);
}

void importlog_warn(struct importlog *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (buf_vprintf(&r->warnings, fmt, ap) == 0 && buf_putc(&r->warnings, '\n') == 0)
		r->nwarnings++;
	va_end(ap);
}

long importlog_error_count(const struct importlog *r)
{
	long n = 0;
	for (int f = 0; f < DSF__MAX; f++)
		n += r->file[f].nerrors;
	return n;
}

void importlog_format_errors(const struct importlog *r, struct buf *out)
{
	for (int f = 0; f < DSF__MAX; f++) {
		const struct importlog_file *rf = &r->file[f];
		for (int i = 0; i < rf->nkept; i++) {
			const struct importlog_error *e = &rf->kept[i];
			if (e->line == 0)
				buf_printf(out, "%s: %s\n", ds_file_name[f], e->reason);
			else
				buf_printf(out, "%s:%ld: column %s: value \"%s\": %s\n", ds_file_name[f], e->line,
					   e->column[0] ? e->column : "-", e->value, e->reason);
		}
		if (rf->nerrors > rf->nkept)
			buf_printf(out, "%s: %ld more errors not shown (%ld in all)\n", ds_file_name[f],
				   rf->nerrors - rf->nkept, rf->nerrors);
	}
}
