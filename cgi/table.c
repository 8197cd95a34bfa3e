/* table.c: tables and the KPI list declared once (key, label, kind, reader); every output walks the declaration. */
#include "table.h"

#include <stdio.h>
#include <string.h>

#include "fmt.h"
#include "val.h"

const char *const table_kind_name[TABLE__MAX] = {
	[TABLE_MONEY] = "money", [TABLE_RATIO] = "ratio", [TABLE_COUNT] = "count", [TABLE_PERCENT] = "percent",
	[TABLE_TEXT] = "text",   [TABLE_DATE] = "date",   [TABLE_ID] = "id",
};

static int is_text(enum table_kind k)
{
	return k == TABLE_TEXT || k == TABLE_ID;
}

void table_read(const struct table_column *c, const struct table_ctx *x, const void *row, struct table_cell *out)
{
	out->v = 0;
	out->ok = 1;
	out->s = "";
	c->read(x, row, c->arg, out);
	if (!out->s)
		out->s = "";
}

const struct table_column *table_find(const struct table *t, const char *key)
{
	for (size_t i = 0; i < t->ncol; i++)
		if (strcmp(t->col[i].key, key) == 0)
			return &t->col[i];
	return NULL;
}

const char *table_format(enum table_kind k, const struct table_cell *c, int screen, enum settings_grouping g,
			 char out[TABLE_TEXT_MAX])
{
	switch (k) {
	case TABLE_MONEY:
		if (screen)
			fmt_inr_ratio(c->v, c->ok, g, out);
		else if (c->ok)
			fmt_money(c->v, out);
		else
			out[0] = '\0';
		break;
	case TABLE_RATIO:
		(screen ? fmt_ratio2 : fmt_ratio4)(c->v, c->ok, out);
		break;
	case TABLE_PERCENT:
		(screen ? fmt_percent : fmt_ratio4)(c->v, c->ok, out);
		break;
	case TABLE_COUNT:
		if (screen)
			fmt_count((int64_t)c->v, g, out);
		else
			snprintf(out, TABLE_TEXT_MAX, "%lld", (long long)c->v);
		break;
	case TABLE_DATE:
		out[0] = '\0';
		if (c->ok)
			val_format_date((int32_t)c->v, out);
		break;
	default:
		return c->s;
	}
	return out;
}

void table_csv_header(struct csvout *c, const struct table *t)
{
	for (size_t i = 0; i < t->ncol; i++)
		csvout_text(c, t->col[i].key);
	csvout_end_row(c);
}

/* One cell: text kinds escaped and formula-guarded, numbers as formatted. */
static void csv_cell(struct csvout *c, const struct table_column *col, const struct table_ctx *x, const void *row)
{
	struct table_cell v;
	char s[TABLE_TEXT_MAX];
	table_read(col, x, row, &v);
	if (is_text(col->kind))
		csvout_text(c, v.s);
	else
		csvout_number(c, table_format(col->kind, &v, 0, SETTINGS_INDIAN, s));
}

void table_csv_row(struct csvout *c, const struct table *t, const struct table_ctx *x, const void *row)
{
	for (size_t i = 0; i < t->ncol; i++)
		csv_cell(c, &t->col[i], x, row);
	csvout_end_row(c);
}

void table_csv_pairs(struct csvout *c, const struct table *t, const struct table_ctx *x, const void *row)
{
	for (size_t i = 0; i < t->ncol; i++) {
		csvout_text(c, t->col[i].key);
		csv_cell(c, &t->col[i], x, row);
		csvout_end_row(c);
	}
}

void table_html_slots(struct tpl_dict *d, const struct table *t, const struct table_ctx *x, const void *row)
{
	for (size_t i = 0; i < t->ncol; i++) {
		const struct table_column *col = &t->col[i];
		if (!col->slot)
			continue;
		struct table_cell v;
		char s[TABLE_TEXT_MAX];
		table_read(col, x, row, &v);
		tpl_set(d, col->slot, table_format(col->kind, &v, 1, x->m->filter->grouping, s));
	}
}

struct tpl_dict *table_html_begin(struct tpl_dict *d, const char *name, const struct table *t, const char *caption)
{
	struct tpl_dict *td = tpl_include(d, name, "datatable.tpl");
	if (!td)
		return NULL;
	tpl_set(td, "CAPTION", caption);
	tpl_set(td, "TABLE", t->name);
	for (size_t i = 0; i < t->ncol; i++) {
		struct tpl_dict *h = tpl_section(td, "HEAD");
		if (!h)
			return NULL;
		tpl_set(h, "LABEL", t->col[i].label);
		tpl_set(h, "KEY", t->col[i].key);
		if (!is_text(t->col[i].kind) && t->col[i].kind != TABLE_DATE)
			tpl_show(h, "NUM");
	}
	return td;
}

void table_html_row(struct tpl_dict *td, const struct table *t, const struct table_ctx *x, const void *row)
{
	struct tpl_dict *r = td ? tpl_section(td, "ROW") : NULL;
	if (!r)
		return;
	for (size_t i = 0; i < t->ncol; i++) {
		const struct table_column *col = &t->col[i];
		struct tpl_dict *c = tpl_section(r, "CELL");
		if (!c)
			return;
		struct table_cell v;
		char s[TABLE_TEXT_MAX];
		table_read(col, x, row, &v);
		tpl_set(c, "VALUE", table_format(col->kind, &v, 1, x->m->filter->grouping, s));
		if (!is_text(col->kind) && col->kind != TABLE_DATE)
			tpl_show(c, "NUM");
	}
}

int table_compare(const struct table_column *c, const struct table_ctx *x, const void *a, const void *b, int dir)
{
	struct table_cell p, q;
	table_read(c, x, a, &p);
	table_read(c, x, b, &q);
	if (is_text(c->kind))
		return strcmp(p.s, q.s) * dir;
	if (p.ok != q.ok)
		return p.ok ? -1 : 1;
	return ((p.v > q.v) - (p.v < q.v)) * dir;
}
