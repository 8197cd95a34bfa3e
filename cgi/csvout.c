/* csvout.c: streaming CSV responses: cells go to a small buffer flushed to the client. */
#include "csvout.h"

#include <inttypes.h>
#include <stdio.h>

#include "escape.h"

#define CSVOUT_FLUSH (64 << 10)

void csvout_begin(struct csvout *c, struct request *r, const char *filename)
{
	char headers[512];
	c->r = r;
	c->ncell = 0;
	c->failed = 0;
	buf_init(&c->b, 16 << 20);
	snprintf(headers, sizeof(headers),
		 "Content-Disposition: attachment; filename=\"%s\"\r\n", filename);
	app_begin(r, 200, "text/csv; charset=utf-8", headers);
}

static void sep(struct csvout *c)
{
	if (c->ncell++ && buf_putc(&c->b, ',') < 0)
		c->failed = 1;
}

void csvout_text(struct csvout *c, const char *s)
{
	sep(c);
	if (esc_csv_text(&c->b, s) < 0)
		c->failed = 1;
}

void csvout_number(struct csvout *c, const char *s)
{
	sep(c);
	if (buf_puts(&c->b, s) < 0)
		c->failed = 1;
}

void csvout_int(struct csvout *c, int64_t v)
{
	sep(c);
	if (buf_printf(&c->b, "%" PRId64, v) < 0)
		c->failed = 1;
}

static void flush(struct csvout *c)
{
	if (!c->failed && c->b.len && app_write(c->r, c->b.data, c->b.len) < 0)
		c->failed = 1;
	buf_reset(&c->b);
}

void csvout_end_row(struct csvout *c)
{
	if (buf_puts(&c->b, "\r\n") < 0)
		c->failed = 1;
	c->ncell = 0;
	if (c->b.len >= CSVOUT_FLUSH)
		flush(c);
}

int csvout_more(const struct csvout *c)
{
	return !c->failed && !c->r->head;
}

int csvout_finish(struct csvout *c)
{
	flush(c);
	buf_free(&c->b);
	return c->failed ? -1 : 0;
}
