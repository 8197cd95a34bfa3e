/* panels.c: the grouped views of one selection: personas, platforms, posts, payouts. */
#define _GNU_SOURCE
#include "panels.h"

#include <stdlib.h>
#include <string.h>

/* Finds or adds the group for (k1, k2) in a small linear table. */
static struct group *slot(struct group *g, size_t *n, size_t cap, uint32_t k1, uint32_t k2)
{
	for (size_t i = 0; i < *n; i++)
		if (g[i].key1 == k1 && g[i].key2 == k2)
			return &g[i];
	if (*n >= cap)
		return NULL;
	g[*n].key1 = k1;
	g[*n].key2 = k2;
	return &g[(*n)++];
}

static int cmp_group(const void *pa, const void *pb, void *ctx)
{
	const struct group *a = pa, *b = pb;
	const struct strpool *p = ctx;
	int c = metrics_cmp_roas_revenue(group_roas(a), a->revenue, group_roas(b), b->revenue);
	if (c)
		return c;
	c = strcmp(strpool_get(p, a->key1), strpool_get(p, b->key1));
	return c ? c : strcmp(strpool_get(p, a->key2), strpool_get(p, b->key2));
}

long panels_group(const struct metrics *m, enum group_by by, struct arena *a, struct group **out)
{
	const struct dataset *ds = m->ds;
	struct group *g = arena_calloc(a, m->nrow ? m->nrow : 1, sizeof(*g));
	size_t n = 0;
	if (!g)
		return -1;
	for (size_t i = 0; i < m->nrow; i++) {
		const struct infl_row *r = &m->row[i];
		const struct ds_influencer *in = &ds->infl[r->idx];
		struct group *x = by == BY_PERSONA ? slot(g, &n, m->nrow, in->category, in->gender)
						   : slot(g, &n, m->nrow, in->platform, 0);
		x->count++;
		x->revenue += r->revenue;
		x->orders += r->orders;
		x->spend += r->spend;
	}
	qsort_r(g, n, sizeof(*g), cmp_group, (void *)&ds->pool);
	*out = g;
	return (long)n;
}

static int cmp_reach(const void *pa, const void *pb)
{
	const struct post_ref *a = pa, *b = pb;
	return (b->post->reach > a->post->reach) - (b->post->reach < a->post->reach);
}

static int cmp_rate(const void *pa, const void *pb)
{
	const struct post_ref *a = pa, *b = pb;
	if (a->rate != b->rate)
		return a->rate < b->rate ? 1 : -1;
	return cmp_reach(pa, pb);
}

/* Offers the element x (size bytes) to the best k of max kept in out,
 * best first by cmp, by insertion: O(max) per offer with a small max, no
 * copy of every element; an element equal to one kept comes after it. */
static void keep_best(const void *x, size_t size, int (*cmp)(const void *, const void *), size_t max, void *out,
		      size_t *k)
{
	char *o = out;
	if (!max || (*k == max && cmp(x, o + (*k - 1) * size) >= 0))
		return;
	size_t j = *k < max ? (*k)++ : max - 1;
	for (; j > 0 && cmp(x, o + (j - 1) * size) < 0; j--)
		memcpy(o + j * size, o + (j - 1) * size, size);
	memcpy(o + j * size, x, size);
}

/* Adds a post to its platform's totals (at most 64 platforms are kept);
 * returns the platform's index (64 when it was not kept). */
static size_t count_platform(struct post_stats *s, const struct ds_post *p)
{
	size_t i = 0;
	while (i < s->nplatform && s->platform[i].platform != p->platform)
		i++;
	if (i == s->nplatform && i < 64)
		s->platform[s->nplatform++].platform = p->platform;
	if (i < s->nplatform) {
		s->platform[i].posts++;
		s->platform[i].reach += p->reach;
		s->platform[i].engagement += post_engagement(p);
	}
	return i;
}

int panels_posts(const struct metrics *m, size_t max, struct arena *a, struct post_stats *s)
{
	const struct dataset *ds = m->ds;
	memset(s, 0, sizeof(*s));
	s->by_reach = arena_calloc(a, max, sizeof(*s->by_reach));
	s->by_rate = arena_calloc(a, max, sizeof(*s->by_rate));
	s->platform = arena_calloc(a, 64, sizeof(*s->platform));
	if (!s->by_reach || !s->by_rate || !s->platform)
		return -1;
	const struct filter *f = m->filter;
	const int32_t *rowof = m->rowof, from = f->has_from ? f->from : INT32_MIN, to = f->has_to ? f->to : INT32_MAX;
	int64_t posts = 0, reach = 0, likes = 0, comments = 0; /* in locals: the loop stores nothing else per post */
	size_t last = 0;                                        /* the platform of the previous post kept */
	for (size_t k = 0; k < ds->npost; k++) {
		const struct ds_post *p = &ds->post[k];
		if (rowof[p->infl] < 0 || p->date < from || p->date > to)
			continue;
		posts++;
		reach += p->reach;
		likes += p->likes;
		comments += p->comments;
		if (last < s->nplatform && s->platform[last].platform == p->platform) {
			s->platform[last].posts++;
			s->platform[last].reach += p->reach;
			s->platform[last].engagement += post_engagement(p);
		} else {
			last = count_platform(s, p);
		}
		struct post_ref x = { p, p->reach > 0 ? (double)(p->likes + p->comments) / (double)p->reach : -1 };
		/* most posts lose to the last one kept: that test first */
		const struct post_ref *lr = s->nby_reach == max ? &s->by_reach[max - 1] : NULL;
		if (!lr || x.post->reach > lr->post->reach)
			keep_best(&x, sizeof(x), cmp_reach, max, s->by_reach, &s->nby_reach);
		const struct post_ref *le = s->nby_rate == max ? &s->by_rate[max - 1] : NULL;
		if (x.rate >= 0 && (!le || cmp_rate(&x, le) < 0))
			keep_best(&x, sizeof(x), cmp_rate, max, s->by_rate, &s->nby_rate);
	}
	s->posts = posts;
	s->reach = reach;
	s->likes = likes;
	s->comments = comments;
	return 0;
}

static int cmp_paid(const void *pa, const void *pb)
{
	const struct infl_row *a = *(const struct infl_row *const *)pa, *b = *(const struct infl_row *const *)pb;
	return (b->base_spend > a->base_spend) - (b->base_spend < a->base_spend);
}

const struct infl_row **panels_paid(const struct metrics *m, struct arena *a, size_t max, size_t *n, size_t *all)
{
	const struct infl_row **rows = arena_calloc(a, m->nrow ? m->nrow : 1, sizeof(*rows));
	*n = *all = 0;
	if (!rows)
		return NULL;
	for (size_t i = 0; i < m->nrow; i++)
		if (m->row[i].pay_count || m->row[i].expected > 0)
			rows[(*all)++] = &m->row[i];
	if (*all <= max) { /* every one: glibc's qsort is a stable merge sort */
		qsort(rows, *all, sizeof(*rows), cmp_paid);
		*n = *all;
		return rows;
	}
	/* the first max of that order, by insertion after equals (stable too) */
	for (size_t i = 0; i < *all; i++) {
		const struct infl_row *x = rows[i]; /* rows[i] is past the kept ones: read before they move */
		keep_best(&x, sizeof(x), cmp_paid, max, rows, n);
	}
	return rows;
}

const char *payout_status_text(const struct metrics *m, uint32_t status)
{
	if (status == METRICS_STATUS_OTHER)
		return "(other)";
	const char *s = strpool_get(&m->ds->pool, status);
	return *s ? s : "(none)";
}

const char *payout_basis_text(unsigned bits)
{
	unsigned known = bits & (1u << BASIS_POST | 1u << BASIS_ORDER);
	if (known == (1u << BASIS_POST | 1u << BASIS_ORDER))
		return "post and order";
	return known == 1u << BASIS_POST ? "post" : known == 1u << BASIS_ORDER ? "order" : "unspecified";
}

struct ratio group_roas(const struct group *g)
{
	return ratio_div((double)g->revenue, g->spend);
}

struct ratio group_incremental_roas(const struct metrics *m, const struct group *g)
{
	struct ratio r = group_roas(g);
	r.v -= m->baseline;
	return r;
}

int64_t post_engagement(const struct ds_post *p)
{
	return p->likes + p->comments;
}

struct ratio post_engagement_rate(const struct ds_post *p)
{
	return ratio_div((double)post_engagement(p), (double)p->reach);
}

int panels_post_in(const struct metrics *m, const struct ds_post *p)
{
	return metrics_row_of(m, p->infl) && metrics_in_range(m, p->date);
}
