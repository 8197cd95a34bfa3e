/* fuzz_import.c: libFuzzer target for CSV import: four files read into a dataset, its cube, its compiled form. */
#define _GNU_SOURCE
#include <stdint.h>
#include <string.h>

#include "colmap.h"
#include "compiled.h"
#include "csvread.h"
#include "cube.h"
#include "dataset.h"
#include "filter.h"
#include "fuzzutil.h"
#include "dssplit.h"
#include "importlog.h"
#include "metrics.h"
#include "val.h"

/* Separates the four files in one input: influencers, posts, tracking_data, payouts. */
#define SEP "\n--8<--\n"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What a reader saw: a hash of every record, and when to stop. */
struct seen {
	uint64_t hash;
	long records, stop_at;  /* stop_at 0: never */
};

static void mix(uint64_t *h, const void *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		*h = (*h ^ ((const unsigned char *)p)[i]) * 0x100000001b3u;
}

static int see_row(void *ctx, const struct csvread_row *row)
{
	struct seen *sn = ctx;
	FU_CHECK(row->nfields >= 1 && row->nfields <= CSVREAD_MAX_FIELDS && row->bad_utf8 <= row->nfields);
	mix(&sn->hash, &row->line, sizeof(row->line));
	mix(&sn->hash, &row->bad_utf8, sizeof(row->bad_utf8));
	for (size_t i = 0; i < row->nfields; i++) {
		FU_CHECK(row->field[i][row->len[i]] == '\0');
		FU_CHECK(row->bad_utf8 || val_utf8(row->field[i], row->len[i], NULL));
		mix(&sn->hash, &row->len[i], sizeof(row->len[i]));
		mix(&sn->hash, row->field[i], row->len[i]);
	}
	return ++sn->records == sn->stop_at ? -1 : 0;
}

/* The threaded reader (used for large files) delivers the same records,
 * status and line as the plain one, and both as libcsv alone. */
static void same_reading(const char *data, size_t len)
{
	struct seen a = { 0xcbf29ce484222325u, 0, (long)(len % 5) }, b = a, c = a;
	long la = -1, lb = -1, lc = -1;
	enum csvread_status sa = csvread_mem(data, len, see_row, &a, &la);
	enum csvread_status sb = csvread_mem_piped(data, len, see_row, &b, &lb);
	FU_CHECK(sa == sb && la == lb && a.records == b.records && a.hash == b.hash);
	/* and the same as libcsv alone, which the plain lines skip */
	enum csvread_status sc = csvread_mem_libcsv(data, len, see_row, &c, &lc);
	FU_CHECK(sa == sc && la == lc && a.records == c.records && a.hash == c.hash);
	FU_CHECK(sa < CSVREAD__MAX && (sa != CSVREAD_STOPPED || a.records == a.stop_at));
}

/* The cube's arrays agree with the rows they summarise. */
static void check_cube(const struct dataset *ds)
{
	const struct cube *c = &ds->cube;
	FU_CHECK(c->row_start && c->day_start && c->day && c->total);
	FU_CHECK(c->row_start[0] == 0 && c->row_start[ds->ninfl + 1] == ds->ntrack);
	FU_CHECK(c->day_start[ds->ninfl] == c->nday && c->nday <= ds->ntrack && c->ntotal <= ds->ntrack);
	for (size_t i = 0; i <= ds->ninfl; i++)
		for (uint32_t k = c->row_start[i]; k < c->row_start[i + 1]; k++) {
			FU_CHECK(ds->track[k].infl == (i == ds->ninfl ? DS_ORGANIC : (int32_t)i));
			FU_CHECK(k == c->row_start[i] || ds->track[k - 1].date <= ds->track[k].date);
		}
}

/* Every figure of an unfiltered view, through the metrics core. */
static void figures(const struct dataset *ds, struct arena *a, struct metrics *m)
{
	struct filter f;
	char err[256];
	FU_CHECK(filter_parse("", a, &f, err, sizeof(err)) == 0);
	FU_CHECK(metrics_compute(ds, &f, a, m) == 0);
	const struct infl_row **top = arena_calloc(a, 10, sizeof(*top));
	FU_CHECK(top != NULL);
	FU_CHECK(metrics_top(m, 0, top, 10) <= 10 && metrics_top(m, 1, top, 10) <= 10);
	FU_CHECK(metrics_by_roas(m, a) != NULL || m->nrow == 0);
}

/* Writes the compiled form, maps it back and compares it with ds. */
static void roundtrip(const struct dataset *ds)
{
	char path[4200], err[256];
	snprintf(path, sizeof(path), "%s/%s", fu_dir(), COMPILED_NAME);
	FU_CHECK(compiled_write(ds, path) == 0);
	struct dataset *m = compiled_map(path, err, sizeof(err));
	if (!m)
		fprintf(stderr, "compiled_map: %s\n", err);
	FU_CHECK(m != NULL);
	FU_CHECK(m->ninfl == ds->ninfl && m->npost == ds->npost && m->ntrack == ds->ntrack &&
		 m->npayout == ds->npayout);
	FU_CHECK(m->first_date == ds->first_date && m->last_date == ds->last_date &&
		 m->has_brand_column == ds->has_brand_column);
	FU_CHECK(m->pool.count == ds->pool.count && m->pool.nbytes == ds->pool.nbytes);
	FU_CHECK(memcmp(m->pool.bytes, ds->pool.bytes, ds->pool.nbytes) == 0);
	FU_CHECK(ds->ninfl == 0 || memcmp(m->infl, ds->infl, ds->ninfl * sizeof(*ds->infl)) == 0);
	FU_CHECK(ds->npost == 0 || memcmp(m->post, ds->post, ds->npost * sizeof(*ds->post)) == 0);
	FU_CHECK(ds->ntrack == 0 || memcmp(m->track, ds->track, ds->ntrack * sizeof(*ds->track)) == 0);
	FU_CHECK(ds->npayout == 0 || memcmp(m->payout, ds->payout, ds->npayout * sizeof(*ds->payout)) == 0);
	FU_CHECK(m->cube.nday == ds->cube.nday && m->cube.ntotal == ds->cube.ntotal);
	for (size_t i = 0; i < ds->ninfl && i < 8; i++)
		FU_CHECK(dataset_find_influencer(m, strpool_get(&m->pool, m->infl[i].id)) == (int32_t)i);

	struct arena a;
	struct metrics x, y;
	arena_init(&a, (size_t)64 << 20);
	figures(ds, &a, &x);
	figures(m, &a, &y);
	FU_CHECK(x.revenue == y.revenue && x.orders == y.orders && x.spend == y.spend && x.nrow == y.nrow);
	FU_CHECK(x.tracked_revenue == y.tracked_revenue && x.reach == y.reach && x.posts == y.posts);
	arena_free(&a);
	dataset_free(m);
}

static void errors_text(const struct importlog *rep, struct buf *out)
{
	buf_init(out, 0);
	importlog_format_errors(rep, out);
	buf_puts(out, buf_str(&rep->warnings));
}

/* The tracking file read in two halves (dssplit.c, for large files) gives
 * the same rows, ids, texts, errors and warnings as reading it in order. */
static void same_split(const char *const path[DSF__MAX], const struct colmap *cm, int rc, const struct dataset *ds,
		       const struct importlog *rep)
{
	struct importlog r2;
	struct dataset *d2 = NULL;
	importlog_init(&r2);
	size_t was = dssplit_min;
	dssplit_min = 1;
	int rc2 = dataset_read_with(path, cm, &d2, &r2);
	dssplit_min = was;
	struct buf a, b;
	errors_text(rep, &a);
	errors_text(&r2, &b);
	if (rc != rc2 || strcmp(buf_str(&a), buf_str(&b)) != 0)
		fprintf(stderr, "in order (%d):\n%s\nin two halves (%d):\n%s\n", rc, buf_str(&a), rc2, buf_str(&b));
	FU_CHECK(rc == rc2 && strcmp(buf_str(&a), buf_str(&b)) == 0);
	if (rc == 0) {
		FU_CHECK(d2->ntrack == ds->ntrack && d2->pool.count == ds->pool.count && d2->texts.count == ds->texts.count);
		FU_CHECK(d2->pool.nbytes == ds->pool.nbytes && memcmp(d2->pool.bytes, ds->pool.bytes, ds->pool.nbytes) == 0);
		FU_CHECK(d2->texts.nbytes == ds->texts.nbytes && memcmp(d2->texts.bytes, ds->texts.bytes, ds->texts.nbytes) == 0);
		FU_CHECK(ds->ntrack == 0 || memcmp(d2->track, ds->track, ds->ntrack * sizeof(*ds->track)) == 0);
		FU_CHECK(d2->first_date == ds->first_date && d2->last_date == ds->last_date);
	}
	buf_free(&a);
	buf_free(&b);
	dataset_free(d2);
	importlog_free(&r2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char paths[DSF__MAX][4200];
	const char *path[DSF__MAX] = { 0 };
	const char *s = (const char *)data, *end = s + size;
	for (int f = 0; f < DSF__MAX && s; f++) {
		const char *sep = memmem(s, (size_t)(end - s), SEP, strlen(SEP));
		const char *stop = sep ? sep : end;
		fu_write(ds_file_name[f], s, (size_t)(stop - s), paths[f], sizeof(paths[f]));
		if (f == (int)(size % DSF__MAX)) /* a thread per file would halve the speed */
			same_reading(s, (size_t)(stop - s));
		path[f] = paths[f];
		s = sep ? sep + strlen(SEP) : NULL;
	}

	/* The input's size also picks how it is read: dates month first, a
	 * column mapping (tracking_data's date from a header "when"). */
	static struct colmap cm;
	char err[160];
	memset(&cm, 0, sizeof(cm));
	for (int f = 0; f < DSF__MAX; f++)
		cm.month_first[f] = (size >> 2) & 1;
	if ((size >> 3) & 1)
		FU_CHECK(colmap_parse(&cm, "tracking_data.date=when", err, sizeof(err)) == 0);
	struct importlog rep;
	struct dataset *ds = NULL;
	importlog_init(&rep);
	int rc = dataset_read_with(path, &cm, &ds, &rep);
	FU_CHECK(rc == 0 ? ds != NULL && importlog_error_count(&rep) == 0 : ds == NULL && importlog_error_count(&rep) > 0);
	if ((size >> 4) & 1)
		same_split(path, &cm, rc, ds, &rep);
	if (rc == 0) {
		FU_CHECK(cube_build(ds) == 0);
		check_cube(ds);
		roundtrip(ds);
		dataset_free(ds);
	}
	struct buf out;
	errors_text(&rep, &out);
	FU_CHECK(strlen(buf_str(&out)) == out.len); /* no NUL reaches a message */
	buf_free(&out);
	importlog_free(&rep);
	for (int f = 0; f < DSF__MAX; f++)
		if (path[f])
			unlink(path[f]);
	return 0;
}
