/* view.c: page pieces shared by the dashboard pages: layout, filter form, KPI cards, influencer rows. */
#include "view.h"

#include <stdio.h>
#include <string.h>

#include "fmt.h"
#include "tables.h"
#include "val.h"

/* Sets key to the canonical query of f minus the skipped parameters,
 * prefixed with '?' when not empty. */
static void set_query(struct tpl_dict *d, const char *key, const struct filter *f, unsigned skip, int global)
{
	struct buf out;
	buf_init(&out, 1 << 20);
	buf_putc(&out, '?');
	filter_query(f, skip, &out);
	const char *s = out.len > 1 ? buf_str(&out) : "";
	if (global)
		tpl_set_global(d, key, s);
	else
		tpl_set(d, key, s);
	buf_free(&out);
}

void view_layout(struct tpl_dict *d, const struct request *r, const struct dsview *v, const struct filter *f,
		 const char *title)
{
	tpl_set_global(d, "PATH", r->path);
	tpl_set_global(d, "TITLE", title);
	tpl_set_global(d, "VERSION", v ? v->version : "");
	const unsigned list_params = 1u << FP_SORT | 1u << FP_DIR | 1u << FP_PAGE | 1u << FP_BY;
	if (f) {
		set_query(d, "QUERY", f, list_params, 1);
		set_query(d, "EXPORT_QUERY", f, list_params | 1u << FP_GRAIN, 1);
	}
	tpl_include(d, "HEADER", "header.tpl");
	tpl_include(d, "FOOTER", "footer.tpl");
	if (f)
		tpl_include(d, "DOWNLOADS", "downloads.tpl");
}

static const struct {
	enum fparam param;
	enum choice_list list;
	const char *label;
} groups[] = {
	{ FP_PLATFORM, CH_PLATFORM, "Platform" }, { FP_GENDER, CH_GENDER, "Gender" },
	{ FP_CATEGORY, CH_CATEGORY, "Category" }, { FP_BRAND, CH_BRAND, "Brand" },
	{ FP_PRODUCT, CH_PRODUCT, "Product" },    { FP_CAMPAIGN, CH_CAMPAIGN, "Campaign" },
};

static int is_selected(const struct fvalues *fv, const char *s)
{
	for (size_t i = 0; i < fv->n; i++)
		if (strcmp(fv->v[i], s) == 0)
			return 1;
	return 0;
}

/* The active-filter chips: the first VIEW_MAX_CHIPS values each get a chip
 * whose link removes it; the rest collapse into one "and N more" whose link
 * removes them all, so the page stays linear in the query (each link
 * repeats the whole query). */
#define VIEW_MAX_CHIPS 12

struct chips {
	struct tpl_dict *d;          /* the ACTIVE section, or NULL when no filter is set */
	const struct filter *f;
	struct filter kept;          /* f without the collapsed values */
	const char *kept_v[FP_MULTI_MAX][FILTER_MAX_VALUES];
	size_t shown, hidden;
};

static void chips_init(struct chips *c, struct tpl_dict *d, const struct filter *f)
{
	c->d = d;
	c->f = f;
	c->kept = *f;
	for (int p = 0; p < FP_MULTI_MAX; p++) {
		c->kept.multi[p].n = 0;
		c->kept.multi[p].v = c->kept_v[p];
	}
	c->shown = c->hidden = 0;
}

/* A chip: one active filter value and the link that removes it (or, past
 * the limit, one more value for the collapsed chip). */
static void add_chip(struct chips *c, enum fparam p, const char *value)
{
	const struct filter *f = c->f;
	if (c->shown == VIEW_MAX_CHIPS) {
		c->hidden++;
		if (p == FP_FROM || p == FP_TO)
			*(p == FP_FROM ? &c->kept.has_from : &c->kept.has_to) = 0;
		else if (p == FP_INFLUENCER)
			c->kept.influencer = NULL;
		else if (p == FP_BASELINE)
			c->kept.baseline_text = NULL, c->kept.baseline = f->default_baseline;
		return;
	}
	c->shown++;
	if (p < FP_MULTI_MAX && c->kept.multi[p].n < FILTER_MAX_VALUES)
		c->kept_v[p][c->kept.multi[p].n++] = value;
	struct filter g = *f;
	struct fvalues fewer = { 0, NULL };
	const char *kept[FILTER_MAX_VALUES];
	if (p < FP_MULTI_MAX) {
		for (size_t i = 0; i < f->multi[p].n && fewer.n < FILTER_MAX_VALUES; i++)
			if (strcmp(f->multi[p].v[i], value) != 0)
				kept[fewer.n++] = f->multi[p].v[i];
		fewer.v = kept;
		g.multi[p] = fewer;
	}
	struct tpl_dict *x = tpl_section(c->d, "CHIP");
	if (!x)
		return;
	tpl_setf(x, "CHIP_LABEL", "%s: %s", fparam_name[p], value);
	set_query(x, "CHIP_QUERY", &g, 1u << FP_SORT | 1u << FP_DIR | 1u << FP_PAGE |
					       (p >= FP_MULTI_MAX ? 1u << p : 0), 0);
}

/* The collapsed chip, when values were left out. */
static void chips_finish(struct chips *c)
{
	if (!c->hidden)
		return;
	struct tpl_dict *x = tpl_section(c->d, "MORE");
	tpl_setf(x, "MORE_COUNT", "%zu", c->hidden);
	set_query(x, "MORE_QUERY", &c->kept, 1u << FP_SORT | 1u << FP_DIR | 1u << FP_PAGE, 0);
}

/* Adds the chips and notes for one repeatable parameter. */
static void form_group(struct tpl_dict *d, struct chips *chips, const struct dsview *v, const struct filter *f,
		       size_t gi)
{
	enum fparam p = groups[gi].param;
	const struct fvalues *sel = &f->multi[p];
	struct tpl_dict *g = tpl_section(d, "GROUP");
	if (!g)
		return;
	tpl_set(g, "PARAM", fparam_name[p]);
	tpl_set(g, "LABEL", groups[gi].label);
	if (sel->n)
		tpl_show(g, "GROUP_OPEN");
	for (size_t i = 0; i < v->nchoice[groups[gi].list]; i++) {
		const struct choice *c = &v->choice[groups[gi].list][i];
		const char *s = strpool_get(&v->ds->pool, c->id);
		struct tpl_dict *o = tpl_section(g, "OPTION");
		if (!o)
			return;
		tpl_set(o, "VALUE", s);
		tpl_set_verbatim(o, "FORM_VALUE", s);
		tpl_setf(o, "COUNT", "%ld", c->count);
		if (is_selected(sel, s))
			tpl_show(o, "CHECKED");
	}
	for (size_t i = 0; i < sel->n; i++) {
		add_chip(chips, p, sel->v[i]);
		if (strpool_find(&v->ds->pool, sel->v[i], strlen(sel->v[i])) == UINT32_MAX) {
			struct tpl_dict *u = tpl_section(d, "UNKNOWN_VALUE");
			if (u)
				tpl_setf(u, "UNKNOWN", "%s=%s", fparam_name[p], sel->v[i]);
		}
	}
}

/* Date presets relative to the data's last date: links that keep every
 * other filter. */
static void presets(struct tpl_dict *d, const struct dsview *v, const struct filter *f)
{
	int32_t last = v->ds->last_date;
	if (last == DS_NO_DATE)
		return;
	int y, mo, day;
	val_civil_from_days(last, &y, &mo, &day);
	const struct {
		const char *label;
		int32_t from;
	} p[] = { { "Last 7 days", last - 6 }, { "Last 30 days", last - 29 }, { "Last 90 days", last - 89 },
		  { "Month to date", val_days_from_civil(y, mo, 1) }, { "All dates", DS_NO_DATE } };
	for (size_t i = 0; i < sizeof(p) / sizeof(p[0]); i++) {
		struct filter g = *f;
		g.has_from = g.has_to = p[i].from != DS_NO_DATE;
		g.from = p[i].from;
		g.to = last;
		struct tpl_dict *x = tpl_section(d, "PRESET");
		tpl_set(x, "PRESET_LABEL", p[i].label);
		set_query(x, "PRESET_QUERY", &g, 1u << FP_SORT | 1u << FP_DIR | 1u << FP_PAGE, 0);
		if (g.has_from == f->has_from && (!g.has_from || (g.from == f->from && f->has_to && g.to == f->to)))
			tpl_show(x, "PRESET_CURRENT");
	}
}

void view_filter_form(struct tpl_dict *d, const struct dsview *v, const struct filter *f)
{
	presets(d, v, f);
	char date[11];
	struct buf q;
	buf_init(&q, 1 << 20);
	filter_query(f, 1u << FP_SORT | 1u << FP_DIR | 1u << FP_PAGE | 1u << FP_GRAIN | 1u << FP_BY, &q);
	if (f->by)
		tpl_set(tpl_section(d, "BY_FIELD"), "BY", f->by);
	struct chips chips;
	chips_init(&chips, q.len ? tpl_section(d, "ACTIVE") : NULL, f);
	if (!q.len)
		tpl_show(d, "OPEN");
	buf_free(&q);
	for (size_t i = 0; i < sizeof(groups) / sizeof(groups[0]); i++)
		form_group(d, &chips, v, f, i);
	if (f->has_from) {
		val_format_date(f->from, date);
		tpl_set(d, "FROM", date);
		add_chip(&chips, FP_FROM, date);
	}
	if (f->has_to) {
		val_format_date(f->to, date);
		tpl_set(d, "TO", date);
		add_chip(&chips, FP_TO, date);
	}
	if (v->ds->first_date != DS_NO_DATE) {
		val_format_date(v->ds->first_date, date);
		tpl_set(d, "DATA_FIRST", date);
		val_format_date(v->ds->last_date, date);
		tpl_set(d, "DATA_LAST", date);
	}
	if (f->influencer) {
		tpl_set_verbatim(d, "INFLUENCER", f->influencer);
		add_chip(&chips, FP_INFLUENCER, f->influencer);
		if (dataset_find_influencer(v->ds, f->influencer) < 0) {
			struct tpl_dict *u = tpl_section(d, "UNKNOWN_VALUE");
			if (u)
				tpl_setf(u, "UNKNOWN", "influencer=%s", f->influencer);
		}
	}
	tpl_setf(d, "BASELINE", "%g", f->baseline);
	if (f->baseline_text && f->baseline != f->default_baseline)
		add_chip(&chips, FP_BASELINE, f->baseline_text);
	chips_finish(&chips);
	for (int g = GRAIN_DAY; g < GRAIN__MAX; g++) {
		struct tpl_dict *o = tpl_section(d, "GRAIN_OPTION");
		if (!o)
			break;
		tpl_set(o, "GRAIN", grain_name[g]);
		if (f->grain == (enum grain)g)
			tpl_show(o, "GRAIN_SELECTED");
	}
}

void view_set_money(struct tpl_dict *d, const char *key, double paise, enum settings_grouping g)
{
	char s[FMT_MAX];
	fmt_inr(paise, g, s);
	tpl_set(d, key, s);
}

/* An amount that may be undefined (cost per order, AOV), as fmt_inr_ratio. */
void view_set_money_ratio(struct tpl_dict *d, const char *key, struct ratio r, enum settings_grouping g)
{
	char s[FMT_MAX];
	fmt_inr_ratio(r.v, r.ok, g, s);
	tpl_set(d, key, s);
}

void view_set_percent(struct tpl_dict *d, const char *key, struct ratio r)
{
	char s[FMT_MAX];
	fmt_percent(r.v, r.ok, s);
	tpl_set(d, key, s);
}

void view_set_ratio(struct tpl_dict *d, const char *key, struct ratio r)
{
	char s[FMT_MAX];
	fmt_ratio2(r.v, r.ok, s);
	tpl_set(d, key, s);
}

void view_set_count(struct tpl_dict *d, const char *key, int64_t v, enum settings_grouping g)
{
	char s[FMT_MAX];
	fmt_count(v, g, s);
	tpl_set(d, key, s);
}

/* Shows the change of one KPI against the previous period: a relative
 * change for amounts, a difference for ratios. */
static void set_change(struct tpl_dict *d, const char *name, struct ratio cur, struct ratio prev, int is_ratio)
{
	if (!cur.ok || !prev.ok)
		return;
	char s[64];
	if (is_ratio)
		snprintf(s, sizeof(s), "%+.2f", cur.v - prev.v);
	else if (prev.v == 0)
		snprintf(s, sizeof(s), cur.v == 0 ? "no change" : "new");
	else
		snprintf(s, sizeof(s), "%+.1f%%", (cur.v - prev.v) / (prev.v < 0 ? -prev.v : prev.v) * 100.0);
	struct tpl_dict *x = tpl_section(d, name);
	tpl_set(x, "DELTA", s);
	tpl_set(x, "TREND", cur.v > prev.v ? "up" : cur.v < prev.v ? "down" : "flat");
}

static struct ratio amount(double v)
{
	struct ratio r = { v, 1 };
	return r;
}

static void kpi_changes(struct tpl_dict *d, const struct metrics *m, const struct metrics *p)
{
	char a[11], b[11];
	val_format_date(p->filter->from, a);
	val_format_date(p->filter->to, b);
	tpl_setf(d, "VS", "vs %s to %s", a, b);
	set_change(d, "REVENUE_CHANGE", amount((double)m->revenue), amount((double)p->revenue), 0);
	set_change(d, "SPEND_CHANGE", amount(m->spend), amount(p->spend), 0);
	set_change(d, "ROAS_CHANGE", metrics_roas(m), metrics_roas(p), 1);
	set_change(d, "INCR_ROAS_CHANGE", metrics_incremental_roas(m), metrics_incremental_roas(p), 1);
	set_change(d, "ROI_CHANGE", metrics_roi(m), metrics_roi(p), 1);
	set_change(d, "ORDERS_CHANGE", amount((double)m->orders), amount((double)p->orders), 0);
	set_change(d, "CPO_CHANGE", metrics_cost_per_order(m), metrics_cost_per_order(p), 0);
	set_change(d, "AOV_CHANGE", metrics_aov(m), metrics_aov(p), 0);
	set_change(d, "POSTS_CHANGE", amount((double)m->posts), amount((double)p->posts), 0);
}

void view_kpis(struct tpl_dict *d, const struct metrics *m, const struct filter *f, const struct metrics *prev)
{
	struct ratio roas = metrics_roas(m);
	struct table_ctx x = { m, NULL };
	table_html_slots(d, &tables_kpis, &x, m);
	view_set_percent(d, "SHARE", metrics_influencer_share(m));
	view_set_money(d, "TRACKED_REVENUE", (double)m->tracked_revenue, m->filter->grouping);
	tpl_setf(d, "BASELINE", "%g", f->baseline);
	if (roas.ok && roas.v < f->baseline)
		tpl_show(d, "ROAS_BELOW");
	if (m->allocates) {
		tpl_show(d, "ALLOCATED");
		view_set_money(d, "BASE_SPEND", (double)m->base_spend, m->filter->grouping);
	}
	if (prev)
		kpi_changes(d, m, prev);
}

void view_set_influencer_href(struct tpl_dict *d, const char *key, const char *id, int global)
{
	struct buf href;
	buf_init(&href, 4096);
	buf_puts(&href, "/influencers/");
	filter_segment_encode(&href, id);
	if (global)
		tpl_set_global(d, key, buf_str(&href));
	else
		tpl_set(d, key, buf_str(&href));
	buf_free(&href);
}

void view_influencer_row(struct tpl_dict *d, const char *section, const struct metrics *m,
			 const struct infl_row *row, const struct filter *f)
{
	const struct dataset *ds = m->ds;
	const struct ds_influencer *in = &ds->infl[row->idx];
	struct tpl_dict *x = tpl_section(d, section);
	if (!x)
		return;
	struct table_ctx c = { m, NULL };
	view_set_influencer_href(x, "HREF", strpool_get(&ds->pool, in->id), 0);
	table_html_slots(x, &tables_influencers, &c, row);
	struct ratio roas = row_roas(row);
	if (roas.ok && roas.v < f->baseline)
		tpl_show(x, "BELOW");
}

/* One influencer table (table.tpl) at the include point name. */
void view_table(struct tpl_dict *d, const char *name, const char *caption, const struct metrics *m,
		const struct infl_row *const *rows, size_t n, const struct filter *f)
{
	struct tpl_dict *t = tpl_include(d, name, "table.tpl");
	tpl_set(t, "CAPTION", caption);
	for (size_t i = 0; i < n; i++)
		view_influencer_row(t, "ROW", m, rows[i], f);
	if (n == 0)
		tpl_show(t, "NO_ROWS");
}

enum app_status view_send(struct request *r, struct tpl_dict *d, const char *file)
{
	struct buf out;
	buf_init(&out, 64 << 20);
	if (tpl_expand(file, d, &out) < 0) {
		buf_free(&out);
		app_set_reason(r, "template expansion failed");
		return APP_INTERNAL;
	}
	app_send(r, 200, "text/html; charset=utf-8", &out);
	buf_free(&out);
	return APP_OK;
}
