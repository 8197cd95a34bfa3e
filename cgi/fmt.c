/* fmt.c: number formatting at the edges: plain decimals for CSV, rupees for screens. */
#include "fmt.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define EN_DASH "\xe2\x80\x93"
#define RUPEE "\xe2\x82\xb9"

/* Writes the decimal digits of a at end (backwards); returns the start. */
static char *digits_back(uint64_t a, char *end)
{
	do
		*--end = (char)('0' + a % 10);
	while (a /= 10);
	return end;
}

int fmt_fixed(double v, int decimals, char *out, size_t outsz)
{
	static const long double scale[] = { 1.0L, 10.0L, 100.0L, 1000.0L, 10000.0L };
	/* |v| x 10^decimals is exact in a long double (64-bit mantissa: 53
	 * bits times at most the 10 of 625) and below 2^64 under 1e15, so
	 * the rounding below is exact, ties to even as printf's. */
	if (decimals < 0 || decimals > 4 || !isfinite(v) || fabs(v) >= 1e15 || LDBL_MANT_DIG < 64 || outsz < 32)
		return snprintf(out, outsz, "%.*f", decimals, v);
	long double s = fabsl((long double)v) * scale[decimals], k = floorl(s), frac = s - k;
	uint64_t n = (uint64_t)k;
	if (frac > 0.5L || (frac == 0.5L && (n & 1)))
		n++;
	char tmp[48], *end = tmp + sizeof(tmp), *p = end;
	for (int i = 0; i < decimals; i++, n /= 10)
		*--p = (char)('0' + n % 10);
	if (decimals)
		*--p = '.';
	p = digits_back(n, p);
	if (signbit(v))
		*--p = '-';
	size_t len = (size_t)(end - p);
	memcpy(out, p, len);
	out[len] = '\0';
	return (int)len;
}

int64_t fmt_round_paise(double paise)
{
	/* Allocated spend is an exact fraction computed in double; nudge by a
	 * relative epsilon so a true .5 that lands a hair below still rounds
	 * away from zero. The nudge stays far below a paisa: from about Rs 5
	 * trillion on, a relative 1e-15 alone would move whole amounts. */
	double a = fabs(paise), whole = floor(a);
	double r = whole + (a - whole + fmin(a * 1e-15, 1e-3) >= 0.5 ? 1.0 : 0.0);
	if (r > 9.2e18)
		r = 9.2e18;
	return paise < 0 ? -(int64_t)r : (int64_t)r;
}

void fmt_paise(int64_t paise, char out[FMT_MAX])
{
	uint64_t a = paise < 0 ? (uint64_t)0 - (uint64_t)paise : (uint64_t)paise;
	char tmp[32], *end = tmp + sizeof(tmp), *p = end;
	*--p = (char)('0' + a % 10);
	*--p = (char)('0' + a / 10 % 10);
	*--p = '.';
	p = digits_back(a / 100, p);
	if (paise < 0)
		*--p = '-';
	memcpy(out, p, (size_t)(end - p));
	out[end - p] = '\0';
}

void fmt_money(double paise, char out[FMT_MAX])
{
	fmt_paise(fmt_round_paise(paise), out);
}

void fmt_ratio4(double v, int defined, char out[FMT_MAX])
{
	if (!defined || !isfinite(v)) {
		out[0] = '\0';
		return;
	}
	fmt_fixed(v, 4, out, FMT_MAX);
	if (strcmp(out, "-0.0000") == 0)
		strcpy(out, "0.0000");
}

void fmt_ratio2(double v, int defined, char out[FMT_MAX])
{
	if (!defined || !isfinite(v)) {
		snprintf(out, FMT_MAX, EN_DASH);
		return;
	}
	fmt_fixed(v, 2, out, FMT_MAX);
	if (strcmp(out, "-0.00") == 0)
		strcpy(out, "0.00");
}

const char *fmt_excel_money(enum settings_grouping grouping)
{
	return grouping == SETTINGS_WESTERN ? "[$\xe2\x82\xb9-4009]#,##0.00" : "[$\xe2\x82\xb9-4009]#,##,##0.00";
}

const char *fmt_excel_count(enum settings_grouping grouping)
{
	return grouping == SETTINGS_WESTERN ? "#,##0" : "#,##,##0";
}

/* Writes the digits of a with Indian grouping (last three, then pairs), or
 * in threes when the western format is chosen. */
static void group_digits(uint64_t a, enum settings_grouping grouping, char *out, size_t outsz)
{
	char buf[32], *digits = digits_back(a, buf + sizeof(buf));
	int n = (int)(buf + sizeof(buf) - digits);
	char tmp[48];
	size_t o = 0;
	for (int i = 0; i < n; i++) {
		int left = n - i; /* digits from here to the end */
		if (i > 0 && (grouping == SETTINGS_WESTERN ? left % 3 == 0 : left == 3 || (left > 3 && (left - 3) % 2 == 0)))
			tmp[o++] = ',';
		tmp[o++] = digits[i];
	}
	tmp[o] = '\0';
	if (o >= outsz)
		o = outsz - 1;
	memcpy(out, tmp, o);
	out[o] = '\0';
}

void fmt_inr(double paise, enum settings_grouping grouping, char out[FMT_MAX])
{
	int64_t p = fmt_round_paise(paise);
	uint64_t a = p < 0 ? (uint64_t)0 - (uint64_t)p : (uint64_t)p;
	char g[40];
	group_digits(a < 100000 ? a / 100 : (a + 50) / 100, grouping, g, sizeof(g));
	size_t o = 0, n = strlen(g);
	if (p < 0)
		out[o++] = '-';
	memcpy(out + o, RUPEE, sizeof(RUPEE) - 1);
	o += sizeof(RUPEE) - 1;
	memcpy(out + o, g, n); /* at most 39 bytes: the whole fits in FMT_MAX */
	o += n;
	if (a < 100000) { /* paise kept under Rs 1,000 */
		out[o++] = '.';
		out[o++] = (char)('0' + a % 100 / 10);
		out[o++] = (char)('0' + a % 10);
	}
	out[o] = '\0';
}

void fmt_inr_ratio(double paise, int defined, enum settings_grouping grouping, char out[FMT_MAX])
{
	if (defined && isfinite(paise))
		fmt_inr(paise, grouping, out);
	else
		snprintf(out, FMT_MAX, EN_DASH);
}

void fmt_count(int64_t v, enum settings_grouping grouping, char out[FMT_MAX])
{
	uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	char g[40];
	group_digits(a, grouping, g, sizeof(g));
	size_t o = v < 0, n = strlen(g);
	out[0] = '-';
	memcpy(out + o, g, n + 1);
}

void fmt_percent(double v, int defined, char out[FMT_MAX])
{
	if (!defined || !isfinite(v))
		snprintf(out, FMT_MAX, EN_DASH);
	else if (fabs(v * 100.0) < 1e15)
		strcpy(out + fmt_fixed(v * 100.0, 1, out, FMT_MAX), "%");
	else
		snprintf(out, FMT_MAX, "%.1f%%", v * 100.0);
}
