/* page_report.c: GET /export/report.pdf: the PDF insights report for the page's filters. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "exportkit.h"
#include "pages.h"
#include "pdf.h"
#include "trend.h"
#include "view.h"

#define FONT_DIR "/usr/share/fonts/truetype/dejavu"

enum app_status page_export_report(struct request *r)
{
	struct filter f;
	const struct dsview *v;
	struct metrics m;
	struct trend t;
	char err[512], when[32], headers[512];
	enum app_status st = view_prepare_groups(r, &f, &v, &m, "campaign");
	if (st != APP_OK)
		return st;
	if (trend_compute(&m, r->arena, &t, err, sizeof(err)) < 0) {
		app_set_reason(r, arena_strndup(r->arena, err, strlen(err)));
		return APP_BAD_REQUEST;
	}
	struct buf words, pdf;
	buf_init(&words, 1 << 16);
	buf_init(&pdf, 64 << 20);
	filter_describe(&f, &words);
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M UTC", &tm);
	const char *dir = getenv("FONT_DIR") ? getenv("FONT_DIR") : FONT_DIR;
	char regular[512], bold[512];
	snprintf(regular, sizeof(regular), "%s/DejaVuSans.ttf", dir);
	snprintf(bold, sizeof(bold), "%s/DejaVuSans-Bold.ttf", dir);
	struct pdf_input in = { &m, &t, v->version, buf_str(&words), when, regular, bold };
	int rc = pdf_report(&in, r->arena, &pdf, err, sizeof(err));
	buf_free(&words);
	if (rc < 0) {
		buf_free(&pdf);
		app_set_reason(r, arena_strndup(r->arena, err, strlen(err)));
		return APP_INTERNAL; /* logged by the loop with the reason, answered 500 */
	}
	snprintf(headers, sizeof(headers), "Content-Disposition: attachment; filename=\"%s\"\r\n",
		 export_name(r, "report", ".pdf", &f));
	app_begin(r, 200, "application/pdf", headers);
	app_write(r, pdf.data, pdf.len);
	buf_free(&pdf);
	return APP_OK;
}
