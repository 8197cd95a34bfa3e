/* spread.c: when an undated payout is spend: each influencer's activity totals and undated payouts by how they spread. */
#include "spread.h"

#include <stdlib.h>

#include "dataset.h"

const char *const spread_method_name[SPREAD__MAX] = { "orders", "posts", "unscheduled" };

__extension__ typedef __int128 i128;

enum spread_method spread_method_of(int basis, const struct spread_infl *s)
{
	int by_posts = basis == BASIS_POST;
	if (by_posts ? s->posts > 0 : s->orders > 0)
		return by_posts ? SPREAD_POSTS : SPREAD_ORDERS;
	if (by_posts ? s->orders > 0 : s->posts > 0)
		return by_posts ? SPREAD_ORDERS : SPREAD_POSTS;
	return SPREAD_UNSCHEDULED;
}

static int cmp_day(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return (x > y) - (x < y);
}

/* The post dates of each influencer spreading over posts, in date order,
 * so a trend walks only those. */
static int post_days(struct dataset *ds, struct spread_infl *s)
{
	size_t n = 0;
	for (size_t i = 0; i < ds->ninfl; i++) {
		s[i].post_at = (uint32_t)n;
		if (s[i].undated[SPREAD_POSTS])
			n += (size_t)s[i].posts;
	}
	int32_t *day = malloc((n ? n : 1) * sizeof(*day));
	if (!day)
		return -1;
	for (size_t k = 0; k < ds->npost; k++) {
		struct spread_infl *x = &s[ds->post[k].infl];
		if (x->undated[SPREAD_POSTS])
			day[x->post_at + x->post_n++] = ds->post[k].date;
	}
	for (size_t i = 0; i < ds->ninfl; i++)
		qsort(day + s[i].post_at, s[i].post_n, sizeof(*day), cmp_day);
	free(ds->post_day);
	ds->post_day = day;
	ds->npost_day = n;
	return 0;
}

int spread_build(struct dataset *ds)
{
	struct spread_infl *s = calloc(ds->ninfl ? ds->ninfl : 1, sizeof(*s));
	if (!s)
		return -1;
	for (size_t k = 0; k < ds->ntrack; k++)
		if (ds->track[k].infl >= 0)
			s[ds->track[k].infl].orders += ds->track[k].orders;
	for (size_t k = 0; k < ds->npost; k++)
		s[ds->post[k].infl].posts++;
	for (size_t i = 0; i < ds->ninfl; i++)
		s[i].rate_date = DS_NO_DATE;
	for (size_t k = 0; k < ds->npayout; k++) {
		const struct ds_payout *p = &ds->payout[k];
		struct spread_infl *x = &s[p->infl];
		if (p->date == DS_NO_DATE)
			x->undated[spread_method_of(p->basis, x)] += p->total;
		if (x->rate_date == DS_NO_DATE || (p->date != DS_NO_DATE && p->date >= x->rate_date)) {
			x->rate = p->rate;
			x->rate_basis = p->basis;
			x->rate_date = p->date;
		}
	}
	if (post_days(ds, s) < 0) {
		free(s);
		return -1;
	}
	free(ds->spread);
	ds->spread = s;
	return 0;
}

#define I128_MAX ((i128)(((unsigned __int128)1 << 127) - 1))

/* *r = a * b for a, b >= 0, or -1 when it would overflow (checked by hand:
 * clang's overflow builtin for 128 bits needs compiler-rt). */
static int mul(i128 a, i128 b, i128 *r)
{
	if (a < 0 || b < 0 || ((a | b) >> 63 && a && b > I128_MAX / a)) /* below 2^63 each: no division */
		return -1;
	*r = a * b;
	return 0;
}

static int add(i128 a, i128 b, i128 *r)
{
	if (a < 0 || b < 0 || a > I128_MAX - b)
		return -1;
	*r = a + b;
	return 0;
}

/* num / den rounded once to a double: the integer quotient is exact, the
 * remainder adds a fraction below one paisa. */
static double ratio(i128 num, i128 den)
{
	const i128 exact = (i128)1 << 53; /* both exact in a double: one correctly rounded division */
	if (num >= 0 && num <= exact && den <= exact)
		return (double)num / (double)den;
	if (num >= 0 && !((num | den) >> 63)) { /* 64-bit division when both fit */
		int64_t n = (int64_t)num, d = (int64_t)den;
		return (double)((long double)(n / d) + (long double)(n % d) / (long double)d);
	}
	i128 q = num / den, r = num % den;
	return (double)((long double)q + (long double)r / (long double)den);
}

void spread_base(int64_t dated, const struct spread_infl *s, int64_t orders, int64_t posts, int with_unscheduled,
		 int64_t part, int64_t whole, double *base, double *spend)
{
	int64_t uo = s ? s->undated[SPREAD_ORDERS] : 0, up = s ? s->undated[SPREAD_POSTS] : 0;
	int64_t bo = uo && s->orders ? s->orders : 1, bp = up && s->posts ? s->posts : 1;
	int64_t whole_paid = dated + (with_unscheduled && s ? s->undated[SPREAD_UNSCHEDULED] : 0);
	if (!uo)
		orders = 0;
	if (!up)
		posts = 0;
	if ((!orders || orders == bo) && (!posts || posts == bp)) {
		/* whole pieces (nothing spread, no date bound, or all the activity
		 * in range): whole paise, allocated as always */
		int64_t b = whole_paid + (orders ? uo : 0) + (posts ? up : 0);
		*base = (double)b;
		*spend = !whole ? 0.0 : part == whole ? *base : (double)b * (double)part / (double)whole;
		return;
	}
	/* base = (whole_paid x bo x bp + uo x orders x bp + up x posts x bo) / (bo x bp) */
	i128 den, num, t1, t2, t3, n2, d2;
	int fail = mul(bo, bp, &den) || mul(whole_paid, den, &t1) || mul((i128)uo * orders, bp, &t2) ||
		   mul((i128)up * posts, bo, &t3) || add(t1, t2, &num) || add(num, t3, &num);
	if (fail) {
		long double b = (long double)whole_paid + (long double)uo * orders / bo + (long double)up * posts / bp;
		*base = (double)b;
		*spend = whole ? (double)(b * part / whole) : 0.0;
		return;
	}
	*base = ratio(num, den);
	if (!whole)
		*spend = 0.0;
	else if (part == whole)
		*spend = *base;
	else if (mul(num, part, &n2) == 0 && mul(den, whole, &d2) == 0)
		*spend = ratio(n2, d2);
	else
		*spend = (double)((long double)num / den * part / whole);
}

double spread_piece(int64_t total, int64_t part, int64_t whole)
{
	return whole ? ratio((i128)total * part, whole) : 0.0;
}
