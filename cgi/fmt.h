/* fmt.h: number formatting at the edges: plain decimals for CSV, rupees for screens. */
#ifndef FMT_H
#define FMT_H

#include <stddef.h>
#include <stdint.h>

#include "settings.h"

#define FMT_MAX 48

/* printf's "%.*f" of v (the same bytes: exact rounding, ties to even, "-"
 * on negatives that round to zero) without printf for 0 to 4 decimals and
 * |v| < 1e15 into outsz >= 32 (else snprintf does it). Returns the length
 * (snprintf's return in that case). */
int fmt_fixed(double v, int decimals, char *out, size_t outsz);
/* Rounds paise (possibly fractional after allocation) half away from zero
 * to a whole paisa. */
int64_t fmt_round_paise(double paise);
/* "1234.50" / "-0.50": plain rupees with 2 decimals. */
void fmt_paise(int64_t paise, char out[FMT_MAX]);
/* fmt_paise of fmt_round_paise. */
void fmt_money(double paise, char out[FMT_MAX]);
/* A ratio with 4 decimals for CSV, or "" when undefined. */
void fmt_ratio4(double v, int defined, char out[FMT_MAX]);
/* A ratio with 2 decimals for screens, or an en dash when undefined. */
void fmt_ratio2(double v, int defined, char out[FMT_MAX]);
/* Rupees for screens: "₹5,01,798" (Indian grouping; "₹501,798" western),
 * with paise kept for amounts under ₹1,000 ("₹12.50"); "-₹1,200" for negatives. */
void fmt_inr(double paise, enum settings_grouping grouping, char out[FMT_MAX]);
/* fmt_inr of an amount that may be undefined (cost per order, AOV): an en
 * dash when it is. */
void fmt_inr_ratio(double paise, int defined, enum settings_grouping grouping, char out[FMT_MAX]);
/* An integer with digits grouped: "12,34,567" (Indian), "1,234,567" (western). */
void fmt_count(int64_t v, enum settings_grouping grouping, char out[FMT_MAX]);
/* Excel number formats with the grouping: rupees with 2 decimals
 * ("[$₹-4009]#,##,##0.00") and counts ("#,##,##0"). Static strings. */
const char *fmt_excel_money(enum settings_grouping grouping);
const char *fmt_excel_count(enum settings_grouping grouping);
/* A percentage with 1 decimal ("12.5%"), or an en dash when undefined. */
void fmt_percent(double v, int defined, char out[FMT_MAX]);

#endif
