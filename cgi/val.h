/* val.h: pure parsers for the values in the input files and query strings. */
#ifndef VAL_H
#define VAL_H

#include <stddef.h>
#include <stdint.h>

enum val_err {
	VAL_OK,
	VAL_EMPTY,     /* nothing but spaces */
	VAL_SYNTAX,    /* not the expected shape */
	VAL_NEGATIVE,  /* a minus sign where only >= 0 is allowed */
	VAL_FRACTION,  /* an integer with a non-zero fraction */
	VAL_RANGE,     /* too large to store */
	VAL_BAD_DATE,  /* well-formed but not a calendar date (2025-02-30) */
	VAL_MONTH_FIRST, /* a day-first date that only reads month first (06/17/2025) */
	VAL_DAY_FIRST, /* a month-first date that only reads day first (17/06/2025) */
	VAL_ERR__MAX
};

/* Human-readable reason for each error, indexed by enum val_err. */
extern const char *const val_err_text[VAL_ERR__MAX];

/* Days since 1970-01-01 for a proleptic Gregorian date. */
int32_t val_days_from_civil(int y, int m, int d);
/* Inverse of val_days_from_civil. */
void val_civil_from_days(int32_t days, int *y, int *m, int *d);
/* Writes YYYY-MM-DD (11 bytes with NUL) for a day number. */
void val_format_date(int32_t days, char out[11]);

/* Narrows [*s, *s+*n) to drop leading and trailing ASCII spaces and tabs
 * (inline: every cell of every row goes through it, most more than once). */
static inline void val_trim(const char **s, size_t *n)
{
	const char *p = *s;
	size_t len = *n;
	while (len && (*p == ' ' || *p == '\t')) {
		p++;
		len--;
	}
	while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
		len--;
	*s = p;
	*n = len;
}

/* ID as the spec reads it: trimmed; a whole number with a zero fraction
 * ("42.0") becomes "42". Writes at most outsz-1 bytes plus NUL into out and
 * stores the length. VAL_EMPTY when blank, VAL_RANGE when longer than outsz-1. */
enum val_err val_id(const char *s, size_t n, char *out, size_t outsz, size_t *outn);

/* Non-negative integer: digits, optional zero fraction; empty is 0. */
enum val_err val_count(const char *s, size_t n, int64_t *out);

/* Money in paise: optional sign, optional currency mark (₹, Rs, Rs., INR),
 * digits with optional comma separators, optional fraction rounded half away
 * from zero to two places. VAL_EMPTY when blank; VAL_NEGATIVE when negative
 * and !allow_negative. */
enum val_err val_money(const char *s, size_t n, int allow_negative, int64_t *paise);

/* Date as the input files write it: YYYY-MM-DD or YYYY/MM/DD, or day first
 * DD-MM-YYYY, DD/MM/YYYY or DD.MM.YYYY (month first instead when
 * month_first is set); day and month may have one digit; a 'T' or ' ' and
 * whatever follows (a time) is ignored. VAL_EMPTY when blank, VAL_BAD_DATE
 * when no such day, VAL_MONTH_FIRST (VAL_DAY_FIRST) when only the other
 * order gives a date. */
enum val_err val_date_in(const char *s, size_t n, int month_first, int32_t *days);

/* val_date_in, day first. */
enum val_err val_date(const char *s, size_t n, int32_t *days);

/* Date that is exactly YYYY-MM-DD (query parameters). */
enum val_err val_date_exact(const char *s, size_t n, int32_t *days);

/* Non-negative decimal such as "1", "0.75" or ".5" into a double; at most
 * 12 characters. */
enum val_err val_decimal(const char *s, size_t n, double *out);

/* Returns 1 when [s, s+n) is valid UTF-8 without NUL bytes; else 0 and, when
 * bad_at is not NULL, the offset of the first bad byte. */
int val_utf8(const char *s, size_t n, size_t *bad_at);

#endif
