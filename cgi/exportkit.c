/* exportkit.c: what every download shares: file names that say what they hold, number cells. */
#include "exportkit.h"

#include <stdio.h>
#include <string.h>

#include "escape.h"
#include "fmt.h"
#include "val.h"

/* A download name that says what the file holds: what_param-value_from_to.csv. */
const char *export_name(struct request *r, const char *what, const char *ext, const struct filter *f)
{
	struct buf b;
	buf_init(&b, 4096);
	buf_puts(&b, what);
	for (int p = 0; p < FP_MULTI_MAX; p++) {
		if (!f->multi[p].n)
			continue;
		buf_printf(&b, "_%s", fparam_name[p]);
		for (size_t i = 0; i < f->multi[p].n; i++) {
			buf_putc(&b, '-');
			esc_filename(&b, f->multi[p].v[i], 40);
		}
	}
	if (f->influencer) {
		buf_puts(&b, "_influencer-");
		esc_filename(&b, f->influencer, 40);
	}
	char d[11];
	if (f->has_from || f->has_to) {
		val_format_date(f->has_from ? f->from : 0, d);
		buf_printf(&b, "_%s", f->has_from ? d : "start");
		val_format_date(f->has_to ? f->to : 0, d);
		buf_printf(&b, "_%s", f->has_to ? d : "end");
	}
	if (b.len > 180)
		b.len = 180;
	b.data[b.len] = '\0';
	buf_puts(&b, ext);
	const char *name = arena_strndup(r->arena, buf_str(&b), b.len);
	buf_free(&b);
	return name ? name : "export";
}

void money_cell(struct csvout *c, double paise)
{
	char s[FMT_MAX];
	fmt_money(paise, s);
	csvout_number(c, s);
}

void ratio_cell(struct csvout *c, struct ratio r)
{
	char s[FMT_MAX];
	fmt_ratio4(r.v, r.ok, s);
	csvout_number(c, s);
}

/* Money from a ratio such as cost per order: 2 decimals, or "" when undefined. */
void money_ratio_cell(struct csvout *c, struct ratio r)
{
	if (r.ok)
		money_cell(c, r.v);
	else
		csvout_number(c, "");
}

