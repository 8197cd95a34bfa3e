/* val.c: pure parsers for the values in the input files and query strings. */
#include "val.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

const char *const val_err_text[VAL_ERR__MAX] = {
	[VAL_OK] = "ok",
	[VAL_EMPTY] = "value is empty",
	[VAL_SYNTAX] = "not understood",
	[VAL_NEGATIVE] = "must not be negative",
	[VAL_FRACTION] = "must be a whole number",
	[VAL_RANGE] = "too large",
	[VAL_BAD_DATE] = "no such calendar date",
	[VAL_MONTH_FIRST] = "only makes sense month first (MM/DD/YYYY): choose \"Dates are month first\" "
			    "on the upload form (DATES=mdy for make import)",
	[VAL_DAY_FIRST] = "only makes sense day first (DD/MM/YYYY), but the dates were declared month first: "
			  "leave \"Dates are month first\" unchosen",
};

int32_t val_days_from_civil(int y, int m, int d)
{
	/* Howard Hinnant's days_from_civil. */
	y -= m <= 2;
	const int era = (y >= 0 ? y : y - 399) / 400;
	const unsigned yoe = (unsigned)(y - era * 400);
	const unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
	const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int32_t)(era * 146097 + (int)doe - 719468);
}

void val_civil_from_days(int32_t days, int *y, int *m, int *d)
{
	int z = days + 719468;
	const int era = (z >= 0 ? z : z - 146096) / 146097;
	const unsigned doe = (unsigned)(z - era * 146097);
	const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	const unsigned mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)yoe + era * 400 + (*m <= 2);
}

void val_format_date(int32_t days, char out[11])
{
	int y, m, d;
	val_civil_from_days(days, &y, &m, &d);
	unsigned yy = (unsigned)(y < 0 ? 0 : y % 10000);
	out[0] = (char)('0' + yy / 1000);
	out[1] = (char)('0' + yy / 100 % 10);
	out[2] = (char)('0' + yy / 10 % 10);
	out[3] = (char)('0' + yy % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Length of the run of digits at s (at most n). */
static size_t digit_run(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && is_digit(s[i]))
		i++;
	return i;
}

/* True when [s, s+n) is "." followed by one or more zeros. */
static int is_zero_fraction(const char *s, size_t n)
{
	if (n < 2 || s[0] != '.')
		return 0;
	for (size_t i = 1; i < n; i++)
		if (s[i] != '0')
			return 0;
	return 1;
}

enum val_err val_id(const char *s, size_t n, char *out, size_t outsz, size_t *outn)
{
	val_trim(&s, &n);
	if (n == 0)
		return VAL_EMPTY;
	size_t d = digit_run(s, n);
	if (d > 0 && d < n && is_zero_fraction(s + d, n - d))
		n = d;
	if (n >= outsz)
		return VAL_RANGE;
	memcpy(out, s, n);
	out[n] = '\0';
	*outn = n;
	return VAL_OK;
}

enum val_err val_count(const char *s, size_t n, int64_t *out)
{
	val_trim(&s, &n);
	*out = 0;
	if (n == 0)
		return VAL_OK;
	if (s[0] == '-') {
		int64_t magnitude;
		enum val_err e = val_count(s + 1, n - 1, &magnitude);
		if (n == 1 || e == VAL_SYNTAX)
			return VAL_SYNTAX;
		return e == VAL_OK && magnitude == 0 ? VAL_OK : VAL_NEGATIVE; /* "-0" is zero */
	}
	size_t d = digit_run(s, n);
	if (d == 0)
		return VAL_SYNTAX;
	if (d < n) {
		if (s[d] != '.' || digit_run(s + d + 1, n - d - 1) != n - d - 1 || n - d < 2)
			return VAL_SYNTAX;
		if (!is_zero_fraction(s + d, n - d))
			return VAL_FRACTION;
	}
	int64_t v = 0;
	for (size_t i = 0; i < d; i++) {
		int digit = s[i] - '0';
		if (v > (INT64_MAX - digit) / 10)
			return VAL_RANGE;
		v = v * 10 + digit;
	}
	*out = v;
	return VAL_OK;
}

/* Skips a currency mark (₹, Rs., Rs, INR) and the spaces after it. */
static void skip_currency(const char **s, size_t *n)
{
	static const char *const marks[] = { "\xe2\x82\xb9", "rs.", "inr", "rs" };
	char c = *n ? (*s)[0] : '\0';
	if (c != '\xe2' && c != 'r' && c != 'R' && c != 'i' && c != 'I')
		return; /* no mark starts so: most amounts are digits */
	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
		size_t k = strlen(marks[i]);
		if (*n >= k && strncasecmp(*s, marks[i], k) == 0) {
			*s += k;
			*n -= k;
			val_trim(s, n);
			return;
		}
	}
}

/* Reads an optional sign into *neg; returns 1 when there was one. */
static int read_sign(const char **s, size_t *n, int *neg)
{
	if (*n && (**s == '-' || **s == '+')) {
		*neg = **s == '-';
		(*s)++;
		(*n)--;
		val_trim(s, n);
		return 1;
	}
	return 0;
}

/* True when the comma groups of an integer part are thousands separators:
 * western (1,234,567) or Indian (12,34,567). len[] holds the digit count of
 * each of the k groups. */
static int grouping_ok(const size_t *len, size_t k)
{
	if (k == 1)
		return 1;
	if (len[k - 1] != 3 || len[0] < 1 || len[0] > 3)
		return 0;
	int western = 1, indian = len[0] <= 2;
	for (size_t i = 1; i + 1 < k; i++) {
		western &= len[i] == 3;
		indian &= len[i] == 2;
	}
	return western || indian;
}

enum val_err val_money(const char *s, size_t n, int allow_negative, int64_t *paise)
{
	int neg = 0;
	*paise = 0;
	val_trim(&s, &n);
	if (n == 0)
		return VAL_EMPTY;
	int had_sign = read_sign(&s, &n, &neg);
	skip_currency(&s, &n);
	if (!had_sign)
		read_sign(&s, &n, &neg);
	if (n == 0)
		return VAL_SYNTAX;
	int64_t rupees = 0;
	size_t i = 0, digits = 0, group[32], ngroup = 1;
	group[0] = 0;
	for (; i < n; i++) {
		char c = s[i];
		if (is_digit(c)) {
			if (rupees > (INT64_MAX / 100 - 9) / 10)
				return VAL_RANGE;
			rupees = rupees * 10 + (c - '0');
			digits++;
			group[ngroup - 1]++;
		} else if (c == ',' && digits > 0 && i + 1 < n && is_digit(s[i + 1]) && ngroup < 32) {
			group[ngroup++] = 0;
		} else {
			break;
		}
	}
	if (!grouping_ok(group, ngroup))
		return VAL_SYNTAX;
	int64_t frac = 0;
	size_t fdigits = 0;
	if (i < n && s[i] == '.') {
		i++;
		for (; i < n && is_digit(s[i]); i++, fdigits++) {
			if (fdigits < 2)
				frac = frac * 10 + (s[i] - '0');
			else if (fdigits == 2 && s[i] >= '5')
				frac++; /* half away from zero: the magnitude rounds up */
		}
		if (fdigits == 1)
			frac *= 10;
	}
	if (i != n || digits + fdigits == 0)
		return VAL_SYNTAX;
	int64_t v = rupees * 100 + frac;
	if (neg && v != 0 && !allow_negative)
		return VAL_NEGATIVE;
	*paise = neg ? -v : v;
	return VAL_OK;
}

/* Checks a calendar date and turns it into a day number. */
static enum val_err civil(int y, int m, int d, int32_t *days)
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return VAL_BAD_DATE;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (m == 2 && d == 29 && !leap)
		return VAL_BAD_DATE;
	*days = val_days_from_civil(y, m, d);
	return VAL_OK;
}

/* Reads a run of 1 to max digits at s[*i]; -1 when there is none or it is
 * longer. Stores the run's length in *len. */
static int number_at(const char *s, size_t n, size_t *i, int max, size_t *len)
{
	size_t k = digit_run(s + *i, n - *i);
	*len = k;
	if (k == 0 || k > (size_t)max)
		return -1;
	int v = 0;
	for (size_t j = 0; j < k; j++)
		v = v * 10 + (s[*i + j] - '0');
	*i += k;
	return v;
}

/* Parses exactly "YYYY-MM-DD" at s (10 bytes available). */
static enum val_err date10(const char *s, int32_t *days)
{
	for (int i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return VAL_SYNTAX;
		} else if (!is_digit(s[i])) {
			return VAL_SYNTAX;
		}
	}
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	return civil(y, m, d, days);
}

enum val_err val_date_in(const char *s, size_t n, int month_first, int32_t *days)
{
	val_trim(&s, &n);
	if (n == 0)
		return VAL_EMPTY;
	if (n >= 10 && s[4] == '-' && s[7] == '-' && (n == 10 || s[10] == 'T' || s[10] == ' '))
		return date10(s, days); /* the common case, first */
	size_t i = 0, la, lb, lc;
	int a = number_at(s, n, &i, 4, &la);
	char sep = i < n ? s[i] : '\0';
	if (a < 0 || (sep != '-' && sep != '/' && sep != '.'))
		return VAL_SYNTAX;
	i++;
	int b = number_at(s, n, &i, 2, &lb);
	if (b < 0 || i >= n || s[i] != sep)
		return VAL_SYNTAX;
	i++;
	int c = number_at(s, n, &i, 4, &lc);
	if (c < 0 || (i < n && s[i] != ' ' && s[i] != 'T'))
		return VAL_SYNTAX; /* whatever follows a space or T is a time, ignored */
	if (la == 4 && lc <= 2 && sep != '.')
		return civil(a, b, c, days); /* YYYY-MM-DD, YYYY/MM/DD */
	if (la > 2 || lc != 4)
		return VAL_SYNTAX;
	/* DD-MM-YYYY, DD/MM/YYYY, DD.MM.YYYY, or month first when asked */
	int d = month_first ? b : a, m = month_first ? a : b;
	enum val_err e = civil(c, m, d, days);
	int32_t other;
	if (e == VAL_BAD_DATE && m > 12 && civil(c, d, m, &other) == VAL_OK)
		return month_first ? VAL_DAY_FIRST : VAL_MONTH_FIRST;
	return e;
}

enum val_err val_date(const char *s, size_t n, int32_t *days)
{
	return val_date_in(s, n, 0, days);
}

enum val_err val_date_exact(const char *s, size_t n, int32_t *days)
{
	if (n == 0)
		return VAL_EMPTY;
	if (n != 10)
		return VAL_SYNTAX;
	return date10(s, days);
}

enum val_err val_decimal(const char *s, size_t n, double *out)
{
	if (n == 0)
		return VAL_EMPTY;
	if (n > 12)
		return VAL_RANGE;
	if (s[0] == '-')
		return VAL_NEGATIVE;
	size_t d = digit_run(s, n), f = 0;
	if (d < n) {
		if (s[d] != '.')
			return VAL_SYNTAX;
		f = digit_run(s + d + 1, n - d - 1);
		if (d + 1 + f != n || f == 0)
			return VAL_SYNTAX;
	}
	if (d + f == 0)
		return VAL_SYNTAX;
	char tmp[16];
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	double v = 0, scale = 1;
	for (size_t i = 0; i < d; i++)
		v = v * 10 + (tmp[i] - '0');
	for (size_t i = 0; i < f; i++) {
		scale /= 10;
		v += (tmp[d + 1 + i] - '0') * scale;
	}
	*out = v;
	return VAL_OK;
}

int val_utf8(const char *s, size_t n, size_t *bad_at)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		unsigned c = p[i];
		size_t len;
		unsigned min;
		if (c == 0)
			goto bad;
		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			len = 2, min = 0x80, c &= 0x1F;
		} else if ((c & 0xF0) == 0xE0) {
			len = 3, min = 0x800, c &= 0x0F;
		} else if ((c & 0xF8) == 0xF0) {
			len = 4, min = 0x10000, c &= 0x07;
		} else {
			goto bad;
		}
		if (n - i < len)
			goto bad;
		for (size_t k = 1; k < len; k++) {
			if ((p[i + k] & 0xC0) != 0x80)
				goto bad;
			c = (c << 6) | (p[i + k] & 0x3F);
		}
		if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
			goto bad;
		i += len;
	}
	return 1;
bad:
	if (bad_at)
		*bad_at = i;
	return 0;
}
