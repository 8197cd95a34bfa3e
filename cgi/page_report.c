/* page_report.c: GET /export/report.pdf and report.xlsx: the PDF insights report and the Excel workbook for the page's filters. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "exportkit.h"
#include "pages.h"
#include "pdf.h"
#include "selection.h"
#include "trend.h"
#include "xlsx.h"

#define FONT_DIR "/usr/share/fonts/truetype/dejavu"

/* What both reports start from: the figures and trend of the selection, the
 * filters in words (in the arena) and the time. */
struct report_req {
	struct filter f;
	const struct dsview *v;
	struct metrics m;
	struct trend t;
	const char *words;
	char when[32];
};

static enum app_status report_prepare(struct request *r, struct report_req *q)
{
	char err[512];
	enum app_status st = selection_prepare_groups(r, &q->f, &q->v, &q->m, "campaign");
	if (st != APP_OK)
		return st;
	if (trend_compute(&q->m, r->arena, &q->t, err, sizeof(err)) < 0) {
		app_set_reason(r, arena_strndup(r->arena, err, strlen(err)));
		return APP_BAD_REQUEST;
	}
	struct buf words;
	buf_init(&words, 1 << 16);
	filter_describe(&q->f, &words);
	q->words = arena_strndup(r->arena, buf_str(&words), words.len);
	buf_free(&words);
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(q->when, sizeof(q->when), "%Y-%m-%d %H:%M UTC", &tm);
	return q->words ? APP_OK : APP_INTERNAL;
}

/* Starts the download response named after the report and the filters. */
static void begin_download(struct request *r, const struct report_req *q, const char *ext, const char *type)
{
	char headers[512];
	snprintf(headers, sizeof(headers), "Content-Disposition: attachment; filename=\"%s\"\r\n",
		 export_name(r, "report", ext, &q->f));
	app_begin(r, 200, type, headers);
}

enum app_status page_export_report(struct request *r)
{
	struct report_req q;
	char err[512];
	enum app_status st = report_prepare(r, &q);
	if (st != APP_OK)
		return st;
	struct buf pdf;
	buf_init(&pdf, 64 << 20);
	const char *dir = getenv("FONT_DIR") ? getenv("FONT_DIR") : FONT_DIR;
	char regular[512], bold[512];
	snprintf(regular, sizeof(regular), "%s/DejaVuSans.ttf", dir);
	snprintf(bold, sizeof(bold), "%s/DejaVuSans-Bold.ttf", dir);
	struct pdf_input in = { &q.m, &q.t, q.v->version, q.words, q.when, regular, bold };
	if (pdf_report(&in, r->arena, &pdf, err, sizeof(err)) < 0) {
		buf_free(&pdf);
		app_set_reason(r, arena_strndup(r->arena, err, strlen(err)));
		return APP_INTERNAL; /* logged by the loop with the reason, answered 500 */
	}
	begin_download(r, &q, ".pdf", "application/pdf");
	app_write(r, pdf.data, pdf.len);
	buf_free(&pdf);
	return APP_OK;
}

/* Sends the file at path as the response body in pieces. */
static void send_file(struct request *r, FILE *fp)
{
	char chunk[1 << 16];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		if (app_write(r, chunk, n) < 0)
			break;
}

enum app_status page_export_xlsx(struct request *r)
{
	struct report_req q;
	char err[512], path[4096];
	enum app_status st = report_prepare(r, &q);
	if (st != APP_OK)
		return st;
	const char *tmp = getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	snprintf(path, sizeof(path), "%s/report-XXXXXX", tmp);
	int fd = mkstemp(path);
	if (fd < 0) {
		app_set_reason(r, "cannot create a temporary file for the workbook");
		return APP_INTERNAL;
	}
	struct xlsx_input in = { &q.m, &q.t, q.v->version, q.words, q.when };
	int rc = xlsx_report(&in, r->arena, path, err, sizeof(err));
	FILE *fp = rc == 0 ? fdopen(fd, "rb") : NULL;
	unlink(path);
	if (!fp) {
		close(fd);
		if (rc == 0)
			snprintf(err, sizeof(err), "cannot read the workbook back");
		app_set_reason(r, arena_strndup(r->arena, err, strlen(err)));
		return APP_INTERNAL; /* logged by the loop with the reason, answered 500 */
	}
	begin_download(r, &q, ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
	send_file(r, fp);
	fclose(fp);
	return APP_OK;
}
