/* buf.h: growable, binary-safe byte buffer with a size cap, always NUL-terminated. */
#ifndef BUF_H
#define BUF_H

#include <stdarg.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A buffer owns its bytes. len excludes the terminating NUL.
 * cap_limit bounds growth (0 = BUF_DEFAULT_LIMIT); an append that would pass it
 * fails with -1 and leaves the buffer unchanged. */
struct buf {
	char *data;
	size_t len;
	size_t alloc;
	size_t cap_limit;
};

#define BUF_DEFAULT_LIMIT ((size_t)256 << 20)

/* Starts an empty buffer with the given limit (0 = default). Never fails. */
void buf_init(struct buf *b, size_t cap_limit);
/* Frees the bytes; the buffer can be reused after buf_init. */
void buf_free(struct buf *b);
/* Empties the buffer, keeping its allocation. */
void buf_reset(struct buf *b);
/* Appends n bytes. Returns 0, or -1 on overflow/limit/out of memory (unchanged). */
int buf_append(struct buf *b, const void *p, size_t n);
/* Appends a NUL-terminated string. Same return as buf_append. */
int buf_puts(struct buf *b, const char *s);
/* Appends one byte. Same return as buf_append. */
int buf_putc(struct buf *b, char c);
/* Appends printf-formatted text. Same return as buf_append. */
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* va_list form of buf_printf. */
int buf_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Returns the contents (never NULL; "" when empty). Owned by the buffer. */
const char *buf_str(const struct buf *b);

#ifdef __cplusplus
}
#endif

#endif
