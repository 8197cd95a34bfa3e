/* escape.c: escaping at the point of output, one function per context. */
#include "escape.h"

#include <string.h>

int esc_html(struct buf *out, const char *s)
{
	int rc = 0;
	for (; *s && rc == 0; s++) {
		switch (*s) {
		case '&': rc = buf_puts(out, "&amp;"); break;
		case '<': rc = buf_puts(out, "&lt;"); break;
		case '>': rc = buf_puts(out, "&gt;"); break;
		case '"': rc = buf_puts(out, "&quot;"); break;
		case '\'': rc = buf_puts(out, "&#39;"); break;
		default: rc = buf_putc(out, *s); break;
		}
	}
	return rc;
}

int esc_csv_text(struct buf *out, const char *s)
{
	int guard = strchr("=+-@\t\r", s[0]) != NULL && s[0] != '\0';
	int quote = guard || strpbrk(s, ",\"\r\n") != NULL;
	int rc = 0;
	if (quote)
		rc |= buf_putc(out, '"');
	if (guard)
		rc |= buf_putc(out, '\'');
	for (; *s; s++) {
		if (*s == '"')
			rc |= buf_putc(out, '"');
		rc |= buf_putc(out, *s);
	}
	if (quote)
		rc |= buf_putc(out, '"');
	return rc ? -1 : 0;
}

int esc_filename(struct buf *out, const char *s, size_t max)
{
	int rc = 0;
	for (size_t i = 0; s[i] && i < max && rc == 0; i++) {
		char c = s[i];
		int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
			 c == '_' || c == '-';
		rc = buf_putc(out, ok ? c : '-');
	}
	return rc;
}
