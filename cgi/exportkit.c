/* exportkit.c: what every download shares: file names that say what they hold. */
#include "exportkit.h"

#include <stdio.h>
#include <string.h>

#include "escape.h"
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
