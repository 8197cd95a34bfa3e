/* fmt.c: number formatting at the edges: plain decimals for CSV, rupees for screens. */
#include "fmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define EN_DASH "\xe2\x80\x93"
#define RUPEE "\xe2\x82\xb9"

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
	snprintf(out, FMT_MAX, "%s%llu.%02llu", paise < 0 ? "-" : "", (unsigned long long)(a / 100),
		 (unsigned long long)(a % 100));
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
	snprintf(out, FMT_MAX, "%.4f", v);
	if (strcmp(out, "-0.0000") == 0)
		strcpy(out, "0.0000");
}

void fmt_ratio2(double v, int defined, char out[FMT_MAX])
{
	if (!defined || !isfinite(v)) {
		snprintf(out, FMT_MAX, EN_DASH);
		return;
	}
	snprintf(out, FMT_MAX, "%.2f", v);
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
	char digits[32];
	int n = snprintf(digits, sizeof(digits), "%llu", (unsigned long long)a);
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
	const char *sign = p < 0 ? "-" : "";
	if (a < 100000) {
		group_digits(a / 100, grouping, g, sizeof(g));
		snprintf(out, FMT_MAX, "%s" RUPEE "%s.%02llu", sign, g, (unsigned long long)(a % 100));
	} else {
		group_digits((a + 50) / 100, grouping, g, sizeof(g));
		snprintf(out, FMT_MAX, "%s" RUPEE "%s", sign, g);
	}
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
	snprintf(out, FMT_MAX, "%s%s", v < 0 ? "-" : "", g);
}

void fmt_percent(double v, int defined, char out[FMT_MAX])
{
	if (!defined || !isfinite(v))
		snprintf(out, FMT_MAX, EN_DASH);
	else
		snprintf(out, FMT_MAX, "%.1f%%", v * 100.0);
}
