/* filter.c: the query parameters of every page, validated strictly, and their canonical form. */
#include "filter.h"

#include <stdio.h>
#include <string.h>

#include "val.h"

const char *const fparam_name[FP__MAX] = {
	[FP_PLATFORM] = "platform", [FP_GENDER] = "gender", [FP_CATEGORY] = "category",
	[FP_BRAND] = "brand", [FP_PRODUCT] = "product", [FP_CAMPAIGN] = "campaign",
	[FP_FROM] = "from", [FP_TO] = "to", [FP_INFLUENCER] = "influencer",
	[FP_BASELINE] = "baseline", [FP_GRAIN] = "grain", [FP_SORT] = "sort",
	[FP_DIR] = "dir", [FP_PAGE] = "page", [FP_BY] = "by",
};

const char *const grain_name[GRAIN__MAX] = {
	[GRAIN_AUTO] = "", [GRAIN_DAY] = "day", [GRAIN_WEEK] = "week", [GRAIN_MONTH] = "month",
};

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Percent-decodes [s, s+n) into the arena ('+' is a space in a query, not
 * in a path). NULL when the encoding is broken or memory runs out; *outn
 * gets the length. */
static char *url_decode(struct arena *a, const char *s, size_t n, size_t *outn, int plus_is_space)
{
	char *out = arena_alloc(a, n + 1);
	if (!out)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+' && plus_is_space) {
			out[o++] = ' ';
		} else if (s[i] == '%') {
			int hi = i + 1 < n ? hexval(s[i + 1]) : -1;
			int lo = i + 2 < n ? hexval(s[i + 2]) : -1;
			if (hi < 0 || lo < 0)
				return NULL;
			out[o++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			out[o++] = s[i];
		}
	}
	out[o] = '\0';
	*outn = o;
	return out;
}

static int find_param(const char *name, size_t n)
{
	for (int p = 0; p < FP__MAX; p++)
		if (strlen(fparam_name[p]) == n && memcmp(fparam_name[p], name, n) == 0)
			return p;
	return -1;
}

/* Rejects NUL bytes, invalid UTF-8 and overlong values. Other control
 * characters stay: a quoted CSV cell may hold a newline, and a filter must be
 * able to select it; every output escapes them for its context. */
static const char *check_text(const char *v, size_t n)
{
	if (n > FILTER_MAX_VALUE)
		return "value is longer than 200 characters";
	if (!val_utf8(v, n, NULL))
		return "value is not valid UTF-8 (or holds a NUL byte)";
	return NULL;
}

/* Adds a value unless it is there already; returns the reason on error. */
static const char *add_multi(struct arena *a, struct fvalues *fv, const char *v)
{
	for (size_t i = 0; i < fv->n; i++)
		if (strcmp(fv->v[i], v) == 0)
			return NULL;
	if (fv->n >= FILTER_MAX_VALUES) /* pages stay linear in the query, see view.c */
		return "more than 100 values; select fewer, or clear this filter";
	const char **nv = arena_calloc(a, fv->n + 1, sizeof(*nv));
	if (!nv)
		return "out of memory";
	if (fv->n)
		memcpy(nv, fv->v, fv->n * sizeof(*nv));
	nv[fv->n++] = v;
	fv->v = nv;
	return NULL;
}

/* Validates and stores one single-valued parameter; returns the reason on error. */
static const char *set_single(struct filter *f, int p, const char *v, size_t n)
{
	enum val_err e;
	switch (p) {
	case FP_FROM:
	case FP_TO:
		e = val_date_exact(v, n, p == FP_FROM ? &f->from : &f->to);
		if (e == VAL_BAD_DATE)
			return "no such calendar date";
		if (e != VAL_OK)
			return "expected a date as YYYY-MM-DD";
		*(p == FP_FROM ? &f->has_from : &f->has_to) = 1;
		return NULL;
	case FP_INFLUENCER:
		f->influencer = v;
		return NULL;
	case FP_BASELINE:
		e = val_decimal(v, n, &f->baseline);
		if (e == VAL_NEGATIVE)
			return "must not be negative";
		if (e != VAL_OK || f->baseline > 1000)
			return "expected a number from 0 to 1000 such as 1.5";
		f->baseline_text = v;
		return NULL;
	case FP_GRAIN:
		for (int g = GRAIN_DAY; g < GRAIN__MAX; g++)
			if (strcmp(v, grain_name[g]) == 0) {
				f->grain = (enum grain)g;
				return NULL;
			}
		return "expected day, week or month";
	case FP_SORT:
		for (size_t i = 0; i < n; i++)
			if (!((v[i] >= 'a' && v[i] <= 'z') || v[i] == '_'))
				return "expected a column name";
		f->sort = v;
		return NULL;
	case FP_DIR:
		if (strcmp(v, "asc") == 0)
			f->dir = 1;
		else if (strcmp(v, "desc") == 0)
			f->dir = -1;
		else
			return "expected asc or desc";
		return NULL;
	case FP_PAGE:
		f->page = 0;
		for (size_t i = 0; i < n; i++) {
			if (v[i] < '0' || v[i] > '9' || f->page > 100000000)
				return "expected a page number from 1";
			f->page = f->page * 10 + (v[i] - '0');
		}
		return f->page >= 1 ? NULL : "expected a page number from 1";
	case FP_BY:
		if (strcmp(v, "campaign") && strcmp(v, "brand") && strcmp(v, "product"))
			return "expected campaign, brand or product";
		f->by = strcmp(v, "campaign") ? v : NULL; /* the default */
		return NULL;
	default:
		return "unknown parameter";
	}
}

int filter_parse(const char *query, struct arena *a, struct filter *f, char *err, size_t errsz)
{
	return filter_parse_with(query, &settings_defaults, a, f, err, errsz);
}

int filter_parse_with(const char *query, const struct settings *set, struct arena *a, struct filter *f, char *err,
		      size_t errsz)
{
	memset(f, 0, sizeof(*f));
	f->baseline = f->default_baseline = set->baseline;
	f->grouping = set->grouping;
	f->page = 1;
	const char *seen[FP__MAX] = { 0 };
	size_t pairs = 0;
	const char *s = query ? query : "";
	while (*s) {
		const char *amp = strchr(s, '&');
		size_t len = amp ? (size_t)(amp - s) : strlen(s);
		const char *eq = memchr(s, '=', len);
		size_t klen = eq ? (size_t)(eq - s) : len;
		if (++pairs > FILTER_MAX_PAIRS) {
			snprintf(err, errsz, "too many parameters (more than %d)", FILTER_MAX_PAIRS);
			return -1;
		}
		int p = len ? find_param(s, klen) : -1;
		if (p >= 0) {
			size_t n;
			const char *why;
			char *v = url_decode(a, eq ? eq + 1 : s + len, eq ? len - klen - 1 : 0, &n, 1);
			if (!v)
				why = "broken percent-encoding";
			else if ((why = check_text(v, n)) != NULL)
				;
			else if (n == 0)
				why = NULL; /* an empty form field: absent */
			else if (p < FP_MULTI_MAX)
				why = add_multi(a, &f->multi[p], v);
			else if (seen[p] && strcmp(seen[p], v) != 0)
				why = "given more than once with different values";
			else
				why = set_single(f, p, v, n), seen[p] = v;
			if (why) {
				snprintf(err, errsz, "parameter \"%s\": %s", fparam_name[p], why);
				return -1;
			}
		}
		s += len;
		if (*s == '&')
			s++;
	}
	if (f->has_from && f->has_to && f->from > f->to) {
		snprintf(err, errsz, "parameter \"from\": the start date is after the end date (\"to\")");
		return -1;
	}
	return 0;
}

const char *filter_form_value(struct arena *a, const char *encoded, const char *name)
{
	size_t want = strlen(name);
	for (const char *s = encoded; s && *s;) {
		const char *amp = strchr(s, '&');
		size_t len = amp ? (size_t)(amp - s) : strlen(s);
		const char *eq = memchr(s, '=', len);
		if (eq && (size_t)(eq - s) == want && memcmp(s, name, want) == 0) {
			size_t n;
			char *v = url_decode(a, eq + 1, len - want - 1, &n, 1);
			return v && strlen(v) == n ? v : NULL;
		}
		s = amp ? amp + 1 : NULL;
	}
	return NULL;
}

int filter_allocates(const struct filter *f)
{
	return f->multi[FP_BRAND].n || f->multi[FP_PRODUCT].n || f->multi[FP_CAMPAIGN].n;
}

void filter_url_encode(struct buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.' || c == '~') {
			buf_putc(out, (char)c);
		} else {
			char e[3] = { '%', hex[c >> 4], hex[c & 15] };
			buf_append(out, e, 3);
		}
	}
}

void filter_segment_encode(struct buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	int dots = *s && s[strspn(s, ".")] == '\0';
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '/' || c == '%' || (dots && c == '.')) { /* survives nginx's own decoding */
			char e[5] = { '%', '2', '5', hex[c >> 4], hex[c & 15] };
			buf_append(out, e, 5);
		} else {
			char one[2] = { (char)c, '\0' };
			filter_url_encode(out, one);
		}
	}
}

const char *filter_segment_decode(struct arena *a, const char *s)
{
	size_t n, len = strlen(s);
	const char *v = url_decode(a, s, len, &n, 0);
	return v && strlen(v) == n ? v : NULL;
}

static void add_pair(struct buf *out, enum fparam p, const char *v)
{
	if (out->len)
		buf_putc(out, '&');
	buf_puts(out, fparam_name[p]);
	buf_putc(out, '=');
	filter_url_encode(out, v);
}

void filter_query(const struct filter *f, unsigned skip, struct buf *out)
{
	struct buf tmp;
	buf_init(&tmp, 0);
	for (int p = 0; p < FP__MAX; p++) {
		if (skip & (1u << p))
			continue;
		char d[11];
		if (p < FP_MULTI_MAX) {
			for (size_t i = 0; i < f->multi[p].n; i++)
				add_pair(&tmp, (enum fparam)p, f->multi[p].v[i]);
		} else if ((p == FP_FROM && f->has_from) || (p == FP_TO && f->has_to)) {
			val_format_date(p == FP_FROM ? f->from : f->to, d);
			add_pair(&tmp, (enum fparam)p, d);
		} else if (p == FP_INFLUENCER && f->influencer) {
			add_pair(&tmp, FP_INFLUENCER, f->influencer);
		} else if (p == FP_BASELINE && f->baseline_text && f->baseline != f->default_baseline) {
			add_pair(&tmp, FP_BASELINE, f->baseline_text);
		} else if (p == FP_GRAIN && f->grain != GRAIN_AUTO) {
			add_pair(&tmp, FP_GRAIN, grain_name[f->grain]);
		} else if (p == FP_SORT && f->sort) {
			add_pair(&tmp, FP_SORT, f->sort);
		} else if (p == FP_DIR && f->dir) {
			add_pair(&tmp, FP_DIR, f->dir > 0 ? "asc" : "desc");
		} else if (p == FP_BY && f->by) {
			add_pair(&tmp, FP_BY, f->by);
		} else if (p == FP_PAGE && f->page > 1) {
			char n[24];
			snprintf(n, sizeof(n), "%ld", f->page);
			add_pair(&tmp, FP_PAGE, n);
		}
	}
	buf_append(out, tmp.data ? tmp.data : "", tmp.len);
	buf_free(&tmp);
}

void filter_describe(const struct filter *f, struct buf *out)
{
	size_t start = out->len;
	char d[11];
	for (int p = 0; p < FP_MULTI_MAX; p++)
		for (size_t i = 0; i < f->multi[p].n; i++)
			buf_printf(out, "%s%s%s", i ? " or " : out->len > start ? "; " : "", i ? "" : fparam_name[p],
				   i ? "" : " "), buf_puts(out, f->multi[p].v[i]);
	if (f->has_from) {
		val_format_date(f->from, d);
		buf_printf(out, "%sfrom %s", out->len > start ? "; " : "", d);
	}
	if (f->has_to) {
		val_format_date(f->to, d);
		buf_printf(out, "%sto %s", out->len > start && !f->has_from ? "; " : " ", d);
	}
	if (f->influencer)
		buf_printf(out, "%sinfluencer %s", out->len > start ? "; " : "", f->influencer);
	if (f->baseline != f->default_baseline)
		buf_printf(out, "%sbaseline ROAS %g", out->len > start ? "; " : "", f->baseline);
	if (out->len == start)
		buf_puts(out, "none (all data)");
}
