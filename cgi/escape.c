/* escape.c: escaping at the point of output, one function per context. */
#include "escape.h"

#include <string.h>

/* The bidirectional controls in UTF-8: E2 80 AA-AE (LRE RLE PDF LRO RLO)
 * and E2 81 A6-A9 (LRI RLI FSI PDI). Returns the code point's last byte
 * with 0x100 added for the 2066 row, or 0. */
static int bidi_at(const unsigned char *p)
{
	if (p[0] != 0xE2)
		return 0;
	if (p[1] == 0x80 && p[2] >= 0xAA && p[2] <= 0xAE)
		return p[2];
	if (p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9)
		return 0x100 | p[2];
	return 0;
}

int esc_has_bidi(const char *s)
{
	for (const char *p = strchr(s, '\xE2'); p; p = strchr(p + 1, '\xE2'))
		if (bidi_at((const unsigned char *)p))
			return 1;
	return 0;
}

#define PDF "\xE2\x80\xAC"
#define FSI "\xE2\x81\xA8"
#define PDI "\xE2\x81\xA9"

int esc_bidi_isolate(struct buf *out, const char *s)
{
	char open[64]; /* 'e' embedding or override, 'i' isolate; deeper openers are dropped */
	size_t depth = 0;
	int rc = buf_puts(out, FSI);
	for (const unsigned char *p = (const unsigned char *)s; *p && rc == 0;) {
		int c = bidi_at(p);
		if (!c) {
			rc = buf_putc(out, (char)*p++);
			continue;
		}
		int keep = 0;
		if (c == 0xAC) { /* PDF: closes the innermost embedding, if that is what is open */
			keep = depth && open[depth - 1] == 'e';
			depth -= (size_t)keep;
		} else if (c == (0x100 | 0xA9)) { /* PDI: closes the innermost isolate and what it holds */
			keep = memchr(open, 'i', depth) != NULL;
			while (keep && open[--depth] != 'i')
				;
		} else if (depth < sizeof(open)) {
			open[depth++] = c & 0x100 ? 'i' : 'e';
			keep = 1;
		}
		if (keep)
			rc = buf_append(out, p, 3);
		p += 3;
	}
	while (depth && rc == 0)
		rc = buf_puts(out, open[--depth] == 'i' ? PDI : PDF);
	return rc ? rc : buf_puts(out, PDI);
}

/* & < > " ' as character references. */
static int html_chars(struct buf *out, const char *s)
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

int esc_html(struct buf *out, const char *s)
{
	if (!esc_has_bidi(s))
		return html_chars(out, s);
	struct buf iso;
	buf_init(&iso, 0);
	int rc = esc_bidi_isolate(&iso, s) < 0 ? -1 : html_chars(out, buf_str(&iso));
	buf_free(&iso);
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
