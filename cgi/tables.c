/* tables.c: the declarations of every table and of the KPI list: adding a column is one line here. */
#include "tables.h"

#include <string.h>

#include "panels.h"
#include "trend.h"

static const char *pool(const struct table_ctx *x, uint32_t id)
{
	return strpool_get(&x->m->ds->pool, id);
}

static void put_ratio(struct table_cell *o, struct ratio r)
{
	o->v = r.v;
	o->ok = r.ok;
}

/* ---- the KPI list ---- */

#define M(x) ((const struct metrics *)(x))
static void k_revenue(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; o->v = (double)M(r)->revenue; }
static void k_spend(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; o->v = M(r)->spend; }
static void k_roas(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; put_ratio(o, metrics_roas(M(r))); }
static void k_roi(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; put_ratio(o, metrics_roi(M(r))); }
static void k_incr_revenue(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; o->v = metrics_incremental_revenue(M(r)); }
static void k_incr_roas(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; put_ratio(o, metrics_incremental_roas(M(r))); }
static void k_orders(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; o->v = (double)M(r)->orders; }
static void k_cpo(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; put_ratio(o, metrics_cost_per_order(M(r))); }
static void k_aov(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; put_ratio(o, metrics_aov(M(r))); }
static void k_influencers(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; o->v = (double)M(r)->nrow; }
static void k_posts(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; o->v = (double)M(r)->posts; }
static void k_reach(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; o->v = (double)M(r)->reach; }
static void k_eng_rate(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; put_ratio(o, metrics_engagement_rate(M(r))); }
static void k_unallocated(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; o->v = M(r)->unallocated; }

static const struct table_column kpi_cols[] = {
	{ "revenue", "Revenue", TABLE_MONEY, k_revenue, 0, "REVENUE", 0 },
	{ "spend", "Spend", TABLE_MONEY, k_spend, 0, "SPEND", 0 },
	{ "roas", "ROAS", TABLE_RATIO, k_roas, 0, "ROAS", 0 },
	{ "roi", "ROI", TABLE_RATIO, k_roi, 0, "ROI", 0 },
	{ "incremental_revenue", "Incremental revenue", TABLE_MONEY, k_incr_revenue, 0, "INCR_REVENUE", 0 },
	{ "incremental_roas", "Incremental ROAS", TABLE_RATIO, k_incr_roas, 0, "INCR_ROAS", 0 },
	{ "orders", "Orders", TABLE_COUNT, k_orders, 0, "ORDERS", 0 },
	{ "cost_per_order", "Cost per order", TABLE_MONEY, k_cpo, 0, "CPO", 0 },
	{ "aov", "Average order value", TABLE_MONEY, k_aov, 0, "AOV", 0 },
	{ "influencers", "Influencers", TABLE_COUNT, k_influencers, 0, "INFLUENCER_COUNT", 0 },
	{ "posts", "Posts", TABLE_COUNT, k_posts, 0, "POSTS", 0 },
	{ "reach", "Reach", TABLE_COUNT, k_reach, 0, "REACH", 0 },
	{ "engagement_rate", "Engagement rate", TABLE_PERCENT, k_eng_rate, 0, "ENG_RATE", 0 },
	{ "unallocated_spend", "Unallocated spend", TABLE_MONEY, k_unallocated, 0, "UNALLOCATED", 0 },
};
const struct table tables_kpis = { "summary", "Summary", kpi_cols, TABLE_NCOL(kpi_cols) };
#undef M

/* ---- influencers ---- */

#define R(x) ((const struct infl_row *)(x))
#define IN(x, r) (&(x)->m->ds->infl[R(r)->idx])
static void i_id(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)a; o->s = pool(x, IN(x, r)->id); }
static void i_name(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)a; o->s = pool(x, IN(x, r)->name); }
static void i_platform(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)a; o->s = pool(x, IN(x, r)->platform); }
static void i_category(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)a; o->s = pool(x, IN(x, r)->category); }
static void i_gender(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)a; o->s = pool(x, IN(x, r)->gender); }
static void i_followers(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)a; o->v = (double)IN(x, r)->followers; }
static void i_posts(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; o->v = (double)R(r)->posts; }
static void i_reach(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; o->v = (double)R(r)->reach; }
static void i_engagement(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; o->v = (double)R(r)->engagement; }
static void i_eng_rate(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; put_ratio(o, row_engagement_rate(R(r))); }
static void i_orders(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; o->v = (double)R(r)->orders; }
static void i_revenue(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; o->v = (double)R(r)->revenue; }
static void i_spend(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; o->v = R(r)->spend; }
static void i_roas(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; put_ratio(o, row_roas(R(r))); }
static void i_incr_roas(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)a; put_ratio(o, row_incremental_roas(x->m, R(r))); }
static void i_cpo(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; put_ratio(o, row_cost_per_order(R(r))); }

static const struct table_column infl_cols[] = {
	{ "id", "ID", TABLE_ID, i_id, 0, "ID", 0 },
	{ "name", "Influencer", TABLE_TEXT, i_name, 1, "NAME", 0 },
	{ "platform", "Platform", TABLE_TEXT, i_platform, 1, "PLATFORM", 0 },
	{ "category", "Category", TABLE_TEXT, i_category, 1, "CATEGORY", 0 },
	{ "gender", "Gender", TABLE_TEXT, i_gender, 1, "GENDER", 0 },
	{ "follower_count", "Followers", TABLE_COUNT, i_followers, 1, "FOLLOWERS", 0 },
	{ "posts", "Posts", TABLE_COUNT, i_posts, 1, "POSTS", 0 },
	{ "reach", "Reach", TABLE_COUNT, i_reach, 1, "REACH", 0 },
	{ "engagement", "Engagement", TABLE_COUNT, i_engagement, 0, "ENGAGEMENT", 0 },
	{ "engagement_rate", "Engagement rate", TABLE_PERCENT, i_eng_rate, 1, "ENG_RATE", 0 },
	{ "orders", "Orders", TABLE_COUNT, i_orders, 1, "ORDERS", 0 },
	{ "revenue", "Revenue", TABLE_MONEY, i_revenue, 1, "REVENUE", 0 },
	{ "spend", "Spend", TABLE_MONEY, i_spend, 1, "SPEND", 0 },
	{ "roas", "ROAS", TABLE_RATIO, i_roas, 1, "ROAS", 0 },
	{ "incremental_roas", "Incr. ROAS", TABLE_RATIO, i_incr_roas, 1, "INCR_ROAS", 0 },
	{ "cost_per_order", "Cost / order", TABLE_MONEY, i_cpo, 1, "CPO", 0 },
};
const struct table tables_influencers = { "influencers", "Influencers", infl_cols, TABLE_NCOL(infl_cols) };

/* ---- payouts (per influencer) ---- */

static void p_basis(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; o->s = payout_basis_text(R(r)->pay_basis); }
static void p_rate(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; o->v = (double)R(r)->pay_rate; }
static void p_orders(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; o->v = (double)R(r)->pay_orders; }
static void p_count(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; o->v = (double)R(r)->pay_count; }
static void p_total(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; o->v = R(r)->base_spend; }
static void p_last(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; o->v = R(r)->pay_last; o->ok = R(r)->pay_last != DS_NO_DATE; }
static void p_expected(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; o->v = R(r)->expected; }
static void p_gap(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; o->v = row_payout_gap(R(r)); }
static void p_status(const struct table_ctx *x, const void *r, int a, struct table_cell *o)
{
	const struct metrics *m = x->m;
	o->v = m->status_paid[(size_t)(R(r) - m->row) * m->nstatus + (size_t)a];
}

static const struct table_column payout_cols[] = {
	{ "influencer_id", "ID", TABLE_ID, i_id, 0, "ID", 0 },
	{ "name", "Influencer", TABLE_TEXT, i_name, 0, "NAME", 0 },
	{ "basis", "Basis", TABLE_TEXT, p_basis, 0, "BASIS", 0 },
	{ "rate", "Rate", TABLE_MONEY, p_rate, 0, "RATE", 0 },
	{ "orders_paid", "Orders paid", TABLE_COUNT, p_orders, 0, "ORDERS_PAID", 0 },
	{ "payouts", "Payouts", TABLE_COUNT, p_count, 0, "COUNT", 0 },
	{ "total_payout", "Total paid", TABLE_MONEY, p_total, 0, "TOTAL", 0 },
	{ "last_payout_date", "Last payout", TABLE_DATE, p_last, 0, NULL, 0 },
	{ "expected", "Expected", TABLE_MONEY, p_expected, 0, "EXPECTED", 0 },
	{ "difference", "Difference", TABLE_MONEY, p_gap, 0, "DIFFERENCE", 0 },
};
const struct table tables_payouts_fixed = { "payouts", "Payouts", payout_cols, TABLE_NCOL(payout_cols) };
#undef IN
#undef R

int tables_payouts(const struct metrics *m, struct arena *a, struct table *out)
{
	size_t n = TABLE_NCOL(payout_cols) + m->nstatus;
	struct table_column *c = arena_calloc(a, n, sizeof(*c));
	if (!c)
		return -1;
	memcpy(c, payout_cols, sizeof(payout_cols));
	for (size_t s = 0; s < m->nstatus; s++) {
		const char *name = payout_status_text(m, m->status[s].status);
		char *key = arena_alloc(a, strlen(name) + 6);
		if (!key)
			return -1;
		memcpy(key, "paid_", 5);
		memcpy(key + 5, name, strlen(name) + 1);
		c[TABLE_NCOL(payout_cols) + s] = (struct table_column){ key, key + 5, TABLE_MONEY, p_status, 0, NULL, (int)s };
	}
	*out = (struct table){ "payouts", "Payouts", c, n };
	return 0;
}

/* ---- personas ---- */

#define G(x) ((const struct group *)(x))
static void g_key1(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)a; o->s = pool(x, G(r)->key1); }
static void g_key2(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)a; o->s = pool(x, G(r)->key2); }
static void g_count(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; o->v = (double)G(r)->count; }
static void g_orders(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; o->v = (double)G(r)->orders; }
static void g_revenue(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; o->v = (double)G(r)->revenue; }
static void g_spend(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; o->v = G(r)->spend; }
static void g_roas(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; put_ratio(o, group_roas(G(r))); }
static void g_incr_roas(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)a; put_ratio(o, group_incremental_roas(x->m, G(r))); }

static const struct table_column persona_cols[] = {
	{ "category", "Category", TABLE_TEXT, g_key1, 0, NULL, 0 },
	{ "gender", "Gender", TABLE_TEXT, g_key2, 0, NULL, 0 },
	{ "influencers", "Influencers", TABLE_COUNT, g_count, 0, "COUNT", 0 },
	{ "orders", "Orders", TABLE_COUNT, g_orders, 0, "ORDERS", 0 },
	{ "revenue", "Revenue", TABLE_MONEY, g_revenue, 0, "REVENUE", 0 },
	{ "spend", "Spend", TABLE_MONEY, g_spend, 0, "SPEND", 0 },
	{ "roas", "ROAS", TABLE_RATIO, g_roas, 0, "ROAS", 0 },
	{ "incremental_roas", "Incr. ROAS", TABLE_RATIO, g_incr_roas, 0, "INCR_ROAS", 0 },
};
const struct table tables_personas = { "personas", "Personas", persona_cols, TABLE_NCOL(persona_cols) };
#undef G

/* ---- trend ---- */

#define T(x) ((const struct trend_point *)(x))
static void t_period(const struct table_ctx *x, const void *r, int a, struct table_cell *o)
{
	(void)a;
	const struct trend *t = x->aux;
	trend_label(t->grain, T(r)->start, o->text);
	o->s = o->text;
}
static void t_revenue(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; o->v = (double)T(r)->revenue; }
static void t_spend(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; o->v = T(r)->spend; }
static void t_roas(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; put_ratio(o, T(r)->roas); }
static void t_cum_roas(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; put_ratio(o, T(r)->cumulative_roas); }

static const struct table_column trend_cols[] = {
	{ "period", "Period", TABLE_TEXT, t_period, 0, "LABEL", 0 },
	{ "revenue", "Revenue", TABLE_MONEY, t_revenue, 0, "REVENUE", 0 },
	{ "spend", "Spend", TABLE_MONEY, t_spend, 0, "SPEND", 0 },
	{ "roas", "ROAS", TABLE_RATIO, t_roas, 0, "ROAS", 0 },
	{ "cumulative_roas", "Cumulative ROAS", TABLE_RATIO, t_cum_roas, 0, "CUM_ROAS", 0 },
};
const struct table tables_trend = { "trend", "Trend", trend_cols, TABLE_NCOL(trend_cols) };
#undef T

/* ---- posts ---- */

#define P(x) ((const struct ds_post *)(x))
static void s_date(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; o->v = P(r)->date; o->ok = P(r)->date != DS_NO_DATE; }
static void s_id(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)a; o->s = pool(x, x->m->ds->infl[P(r)->infl].id); }
static void s_name(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)a; o->s = pool(x, x->m->ds->infl[P(r)->infl].name); }
static void s_platform(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)a; o->s = pool(x, P(r)->platform); }
static void s_url(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)a; o->s = pool(x, P(r)->url); }
static void s_caption(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)a; o->s = pool(x, P(r)->caption); }
static void s_reach(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; o->v = (double)P(r)->reach; }
static void s_likes(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; o->v = (double)P(r)->likes; }
static void s_comments(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; o->v = (double)P(r)->comments; }
static void s_engagement(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; o->v = (double)post_engagement(P(r)); }
static void s_rate(const struct table_ctx *x, const void *r, int a, struct table_cell *o) { (void)x, (void)a; put_ratio(o, post_engagement_rate(P(r))); }

static const struct table_column post_cols[] = {
	{ "date", "Date", TABLE_DATE, s_date, 0, "DATE", 0 },
	{ "influencer_id", "ID", TABLE_ID, s_id, 0, "ID", 0 },
	{ "influencer_name", "Influencer", TABLE_TEXT, s_name, 0, "NAME", 0 },
	{ "platform", "Platform", TABLE_TEXT, s_platform, 0, "PLATFORM", 0 },
	{ "url", "URL", TABLE_TEXT, s_url, 0, NULL, 0 },
	{ "caption", "Caption", TABLE_TEXT, s_caption, 0, "CAPTION", 0 },
	{ "reach", "Reach", TABLE_COUNT, s_reach, 0, "REACH", 0 },
	{ "likes", "Likes", TABLE_COUNT, s_likes, 0, NULL, 0 },
	{ "comments", "Comments", TABLE_COUNT, s_comments, 0, NULL, 0 },
	{ "engagement", "Engagement", TABLE_COUNT, s_engagement, 0, "ENGAGEMENT", 0 },
	{ "engagement_rate", "Engagement rate", TABLE_PERCENT, s_rate, 0, "RATE", 0 },
};
const struct table tables_posts = { "posts", "Posts", post_cols, TABLE_NCOL(post_cols) };
#undef P

/* ---- rows ---- */

/* Pointers to n elements of size sz from base. */
static int pointers(struct arena *a, const void *base, size_t n, size_t sz, struct table_rows *out)
{
	out->n = n;
	out->p = arena_calloc(a, n ? n : 1, sizeof(*out->p));
	for (size_t i = 0; out->p && i < n; i++)
		out->p[i] = (const char *)base + i * sz;
	return out->p ? 0 : -1;
}

int tables_influencer_rows(const struct metrics *m, struct arena *a, struct table_rows *out)
{
	out->p = (const void **)metrics_by_roas(m, a);
	out->n = m->nrow;
	return out->p ? 0 : -1;
}

int tables_persona_rows(const struct metrics *m, struct arena *a, struct table_rows *out)
{
	struct group *g;
	long n = panels_group(m, BY_PERSONA, a, &g);
	return n < 0 ? -1 : pointers(a, g, (size_t)n, sizeof(*g), out);
}

int tables_payout_rows(const struct metrics *m, struct arena *a, struct table_rows *out)
{
	size_t all;
	out->p = (const void **)panels_paid(m, a, SIZE_MAX, &out->n, &all);
	return out->p ? 0 : -1;
}

int tables_post_rows(const struct metrics *m, struct arena *a, struct table_rows *out)
{
	const struct dataset *ds = m->ds;
	size_t n = 0;
	for (size_t k = 0; k < ds->npost; k++)
		n += (size_t)panels_post_in(m, &ds->post[k]);
	if (!(out->p = arena_calloc(a, n ? n : 1, sizeof(*out->p))))
		return -1;
	out->n = 0;
	for (size_t k = 0; k < ds->npost; k++)
		if (panels_post_in(m, &ds->post[k]))
			out->p[out->n++] = &ds->post[k];
	return 0;
}

int tables_trend_rows(const struct trend *t, struct arena *a, struct table_rows *out)
{
	return pointers(a, t->p, t->n, sizeof(*t->p), out);
}
