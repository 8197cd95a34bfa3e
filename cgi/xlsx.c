/* xlsx.c: the Excel workbook of a selection (libxlsxwriter): a sheet per declared table, typed cells, a trend chart. */
#include "xlsx.h"

#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "fmt.h"
#include "grouptab.h"
#include "tables.h"

#define EXCEL_EPOCH 25569        /* Excel's serial number of 1970-01-01, day 0 of val_days_from_civil */
#define EXCEL_TEXT_MAX 32767     /* bytes of text a cell holds */

struct book {
	lxw_workbook *wb;
	lxw_format *head, *kind[TABLE__MAX];
	lxw_error rc;                /* the first error of a write */
	struct arena *a;
};

/* Keeps the first error of a sequence of writes. */
static void keep(struct book *b, lxw_error rc)
{
	if (rc != LXW_NO_ERROR && b->rc == LXW_NO_ERROR)
		b->rc = rc;
}

static int formats(struct book *b, enum settings_grouping g)
{
	static const char *const fixed[TABLE__MAX] = {
		[TABLE_RATIO] = "0.00", [TABLE_PERCENT] = "0.00%", [TABLE_DATE] = "yyyy-mm-dd",
	};
	if (!(b->head = workbook_add_format(b->wb)))
		return -1;
	format_set_bold(b->head);
	for (int k = 0; k < TABLE__MAX; k++) {
		const char *nf = k == TABLE_MONEY ? fmt_excel_money(g) : k == TABLE_COUNT ? fmt_excel_count(g) : fixed[k];
		if (!nf)
			continue;
		if (!(b->kind[k] = workbook_add_format(b->wb)))
			return -1;
		format_set_num_format(b->kind[k], nf);
	}
	return 0;
}

/* Text cut to what a cell holds, at a UTF-8 character boundary. */
static const char *cell_text(struct book *b, const char *s)
{
	size_t n = strlen(s);
	if (n <= EXCEL_TEXT_MAX)
		return s;
	n = EXCEL_TEXT_MAX;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return arena_strndup(b->a, s, n);
}

/* One typed cell: numbers as numbers (money in rupees, dates as serials),
 * text as text (never a formula); undefined values stay empty. */
static void put(struct book *b, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, enum table_kind k,
		const struct table_cell *c)
{
	if (k == TABLE_TEXT || k == TABLE_ID) {
		const char *s = cell_text(b, c->s);
		if (!s)
			keep(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
		else if (*s)
			keep(b, worksheet_write_string(ws, row, col, s, NULL));
		return;
	}
	if (!c->ok)
		return;
	double v = k == TABLE_MONEY ? (double)fmt_round_paise(c->v) / 100.0 : k == TABLE_DATE ? c->v + EXCEL_EPOCH : c->v;
	keep(b, worksheet_write_number(ws, row, col, v, b->kind[k]));
}

/* Column width in characters: wide enough for the header and the kind. */
static double width(const struct table_column *c)
{
	static const double w[TABLE__MAX] = { [TABLE_MONEY] = 16, [TABLE_RATIO] = 10, [TABLE_COUNT] = 12,
					      [TABLE_PERCENT] = 10, [TABLE_TEXT] = 24, [TABLE_DATE] = 12,
					      [TABLE_ID] = 14 };
	double h = (double)strlen(c->key) + 3;
	return h > w[c->kind] ? h : w[c->kind];
}

/* A sheet of a declared table: a header row of the CSV keys (frozen, with
 * an autofilter), then a row per entry of rows (at most Excel's limit). */
static lxw_worksheet *sheet(struct book *b, const struct table *t, const struct table_ctx *x,
			    const struct table_rows *rows)
{
	size_t n = rows->n;
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, t->title);
	if (!ws) {
		keep(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return NULL;
	}
	if (n > LXW_ROW_MAX - 1)
		n = LXW_ROW_MAX - 1;
	for (size_t i = 0; i < t->ncol; i++) {
		keep(b, worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, width(&t->col[i]), NULL));
		keep(b, worksheet_write_string(ws, 0, (lxw_col_t)i, t->col[i].key, b->head));
	}
	worksheet_freeze_panes(ws, 1, 0);
	for (size_t r = 0; r < n && b->rc == LXW_NO_ERROR; r++)
		for (size_t i = 0; i < t->ncol; i++) {
			struct table_cell c;
			table_read(&t->col[i], x, rows->p[r], &c);
			put(b, ws, (lxw_row_t)(r + 1), (lxw_col_t)i, t->col[i].kind, &c);
		}
	if (t->ncol)
		keep(b, worksheet_autofilter(ws, 0, 0, (lxw_row_t)n, (lxw_col_t)(t->ncol - 1)));
	return ws;
}

/* Summary: the filters in words, the dataset version, the time, then every
 * KPI as label, typed value and the key summary.csv uses. */
static void summary(struct book *b, const struct xlsx_input *in)
{
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, "Summary");
	if (!ws) {
		keep(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	const char *about[][2] = { { "Filters", in->filters_text && *in->filters_text ? in->filters_text : "none (all data)" },
				   { "Dataset version", in->version ? in->version : "" },
				   { "Generated", in->generated ? in->generated : "" } };
	keep(b, worksheet_set_column(ws, 0, 0, 26, NULL));
	keep(b, worksheet_set_column(ws, 1, 1, 22, NULL));
	keep(b, worksheet_set_column(ws, 2, 2, 22, NULL));
	for (lxw_row_t r = 0; r < 3; r++) {
		keep(b, worksheet_write_string(ws, r, 0, about[r][0], b->head));
		keep(b, worksheet_write_string(ws, r, 1, cell_text(b, about[r][1]), NULL));
	}
	const lxw_row_t top = 4;
	keep(b, worksheet_write_string(ws, top, 0, "Metric", b->head));
	keep(b, worksheet_write_string(ws, top, 1, "Value", b->head));
	keep(b, worksheet_write_string(ws, top, 2, "Key", b->head));
	struct table_ctx x = { in->m, NULL };
	for (size_t i = 0; i < tables_kpis.ncol; i++) {
		const struct table_column *c = &tables_kpis.col[i];
		struct table_cell v;
		table_read(c, &x, in->m, &v);
		keep(b, worksheet_write_string(ws, top + 1 + (lxw_row_t)i, 0, c->label, NULL));
		put(b, ws, top + 1 + (lxw_row_t)i, 1, c->kind, &v);
		keep(b, worksheet_write_string(ws, top + 1 + (lxw_row_t)i, 2, c->key, NULL));
	}
	worksheet_freeze_panes(ws, top + 1, 0);
}

/* A series of the Trend sheet's column col over its n rows. */
static void series(lxw_chart *ch, const char *name, lxw_col_t col, size_t n)
{
	lxw_chart_series *s = chart_add_series(ch, NULL, NULL);
	if (!s)
		return;
	chart_series_set_categories(s, "Trend", 1, 0, (lxw_row_t)n, 0);
	chart_series_set_values(s, "Trend", 1, col, (lxw_row_t)n, col);
	chart_series_set_name(s, name);
}

/* The trend's native charts beside its table: revenue and spend as columns,
 * and ROAS with cumulative ROAS as lines in a second chart (Debian's
 * libxlsxwriter 1.1.4 cannot combine charts or draw a secondary axis). */
static void trend_charts(struct book *b, lxw_worksheet *ws, size_t n)
{
	if (n == 0)
		return;
	lxw_chart *money = workbook_add_chart(b->wb, LXW_CHART_COLUMN), *ratio = workbook_add_chart(b->wb, LXW_CHART_LINE);
	if (!money || !ratio) {
		keep(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	chart_title_set_name(money, "Revenue and spend");
	series(money, "Revenue", 1, n);
	series(money, "Spend", 2, n);
	chart_axis_set_name(money->y_axis, "Rupees");
	chart_title_set_name(ratio, "ROAS and cumulative ROAS");
	series(ratio, "ROAS", 3, n);
	series(ratio, "Cumulative ROAS", 4, n);
	chart_axis_set_name(ratio->y_axis, "ROAS");
	lxw_chart_options o = { .x_scale = 1.5, .y_scale = 1.2 };
	keep(b, worksheet_insert_chart_opt(ws, 1, 6, money, &o));
	keep(b, worksheet_insert_chart_opt(ws, 20, 6, ratio, &o));
}

/* The sheets after the summary; -1 when out of memory. */
static int sheets(struct book *b, const struct xlsx_input *in)
{
	const struct metrics *m = in->m;
	struct table_ctx x = { m, in->t }, plain = { m, NULL };
	struct table_rows rows;
	struct table payouts;
	if (tables_trend_rows(in->t, b->a, &rows) < 0)
		return -1;
	trend_charts(b, sheet(b, &tables_trend, &x, &rows), rows.n);
	if (tables_influencer_rows(m, b->a, &rows) < 0)
		return -1;
	sheet(b, &tables_influencers, &plain, &rows);
	if (tables_persona_rows(m, b->a, &rows) < 0)
		return -1;
	sheet(b, &tables_personas, &plain, &rows);
	if (tables_payout_rows(m, b->a, &rows) < 0 || tables_payouts(m, b->a, &payouts) < 0)
		return -1;
	sheet(b, &payouts, &plain, &rows);
	if (tables_post_rows(m, b->a, &rows) < 0)
		return -1;
	sheet(b, &tables_posts, &plain, &rows);
	for (int by = 0; by < GROUPS__MAX; by++) {
		if (grouptab_rows(m, (enum groups_by)by, b->a, &rows) < 0)
			return -1;
		sheet(b, grouptab_table((enum groups_by)by), &plain, &rows);
	}
	return 0;
}

int xlsx_report(const struct xlsx_input *in, struct arena *a, const char *path, char *err, size_t errsz)
{
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s", path);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE, .tmpdir = slash ? dir : NULL };
	struct book b = { workbook_new_opt(path, &opt), NULL, { NULL }, LXW_NO_ERROR, a };
	if (!b.wb) {
		snprintf(err, errsz, "xlsx: cannot start the workbook");
		return -1;
	}
	int oom = formats(&b, in->m->filter->grouping) < 0;
	if (!oom) {
		summary(&b, in);
		oom = sheets(&b, in) < 0;
	}
	lxw_error rc = workbook_close(b.wb);
	if (oom)
		snprintf(err, errsz, "xlsx: out of memory");
	else if (b.rc != LXW_NO_ERROR || rc != LXW_NO_ERROR)
		snprintf(err, errsz, "xlsx: %s", lxw_strerror(b.rc != LXW_NO_ERROR ? b.rc : rc));
	return oom || b.rc != LXW_NO_ERROR || rc != LXW_NO_ERROR ? -1 : 0;
}
