/* dataset.c: reads the four input files into a dataset, applying every input rule. */
#include "dataset.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "colmap.h"
#include "csvread.h"
#include "dssplit.h"
#include "fmt.h"
#include "schema.h"
#include "val.h"

const char *const ds_basis_name[BASIS__MAX] = {
	[BASIS_NONE] = "", [BASIS_POST] = "post", [BASIS_ORDER] = "order",
};

static int grow_array(void **a, size_t *cap, size_t n, size_t elem)
{
	if (n < *cap)
		return 0;
	size_t c = *cap ? *cap * 2 : 1024;
	void *p = realloc(*a, c * elem);
	if (!p)
		return -1;
	*a = p;
	*cap = c;
	return 0;
}

/* Maps header names to schema columns (colmap.c). */
static void read_header(struct ingest *g, const struct csvread_row *row)
{
	g->nheader = row->nfields;
	if (colmap_header(g->cm, g->file, row->field, row->len, row->nfields, g->colpos, g->rep) > 0)
		g->fatal = 1;
	if (g->file == DSF_TRACKING)
		g->ds->has_brand_column = g->colpos[TC_BRAND] >= 0;
	if (g->file == DSF_PAYOUTS)
		g->ds->has_status_column = g->colpos[YC_STATUS] >= 0;
}

#define SEEN_SLOTS 65536 /* a power of two, well above the influencer ids of a large file */

/* The pool id of a value through the column's own small table of the
 * values it met: a column holds few distinct values (brands, products,
 * influencer ids), and its table stays in the cache where the pool's does
 * not. Ids are the pool's: given in the order values first appear. */
static uint32_t intern_seen(struct ingest *g, int col, const char *s, size_t n)
{
	struct strpool *p = &g->ds->pool;
	uint32_t h = strpool_hash(s, n);
	if (!g->seen[col] && !(g->seen[col] = calloc(SEEN_SLOTS, sizeof(uint64_t))))
		return strpool_intern_hashed(p, s, n, h);
	uint64_t *e = &g->seen[col][h & (SEEN_SLOTS - 1)];
	uint32_t id = (uint32_t)*e;
	if (id && (uint32_t)(*e >> 32) == h && p->len[id - 1] == n && strpool_eq(strpool_get(p, id - 1), s, n))
		return id - 1;
	id = strpool_intern_hashed(p, s, n, h);
	if (id != UINT32_MAX)
		*e = (uint64_t)h << 32 | (id + 1);
	return id;
}

/* Interns a string, reusing the previous row's id when the column repeats
 * its value (brands, products, campaigns mostly do): no hashing then. */
static uint32_t intern(struct ingest *g, int col, const char *s, size_t n)
{
	int note = schema[g->file].col[col].kind == KIND_NOTE;
	struct strpool *p = note ? &g->ds->texts : &g->ds->pool;
	if (g->has_last[col] && p->len[g->last[col]] == n && strpool_eq(strpool_get(p, g->last[col]), s, n))
		return g->last[col];
	uint32_t id = note ? strpool_append(p, s, n) : intern_seen(g, col, s, n);
	g->last[col] = id;
	g->has_last[col] = id != UINT32_MAX;
	return id;
}

/* What a column expects, for a message. */
static const char *expect(const struct ingest *g, const struct col_def *d)
{
	return d->kind == KIND_DATE && g->month_first ? schema_date_mdy : kind_expect[d->kind];
}

/* post, order, per_post, per_order in any case, spaces and hyphens read
 * as underscores ("Per Post", "per-order"); BASIS_NONE otherwise. */
static int basis_of(const char *t, size_t tn)
{
	char b[16];
	size_t n = colmap_norm(t, tn, b, sizeof(b));
	const char *w = n > 4 && memcmp(b, "per_", 4) == 0 ? b + 4 : b;
	return strcmp(w, "post") == 0 ? BASIS_POST : strcmp(w, "order") == 0 ? BASIS_ORDER : BASIS_NONE;
}

/* Parses one cell by kind. Returns 0, or -1 after reporting the error. */
static int parse_cell(struct ingest *g, const struct csvread_row *row, const struct col_def *d,
		      int pos, struct cell *out)
{
	const char *s = row->field[pos];
	size_t n = row->len[pos];
	enum val_err e = VAL_OK;
	char idbuf[ID_MAX];
	size_t idn;
	const char *t = s;
	size_t tn = n;
	val_trim(&t, &tn);
	out->present = tn > 0;
	if (!out->present && d->value_required) {
		importlog_error(g->rep, g->file, row->line, d->name, s, n, "required value is empty; expected %s",
			     expect(g, d));
		return -1;
	}
	switch (d->kind) {
	case KIND_ID:
		if (!out->present) {
			out->str = 0;
			return 0;
		}
		e = val_id(s, n, idbuf, sizeof(idbuf), &idn);
		if (e == VAL_OK)
			out->str = intern(g, (int)(d - schema[g->file].col), idbuf, idn);
		break;
	case KIND_TEXT:
	case KIND_NOTE:
		out->str = intern(g, (int)(d - schema[g->file].col), t, tn);
		break;
	case KIND_COUNT:
		e = val_count(s, n, &out->num);
		break;
	case KIND_MONEY:
	case KIND_SIGNED_MONEY:
		e = out->present ? val_money(s, n, d->kind == KIND_SIGNED_MONEY, &out->num) : VAL_OK;
		if (!out->present)
			out->num = 0;
		break;
	case KIND_DATE:
		out->date = DS_NO_DATE;
		e = out->present ? val_date_in(s, n, g->month_first, &out->date) : VAL_OK;
		break;
	case KIND_BASIS:
		out->num = BASIS_NONE;
		if (!out->present)
			break;
		out->num = basis_of(t, tn);
		e = out->num == BASIS_NONE ? VAL_SYNTAX : VAL_OK;
		break;
	}
	if (out->str == UINT32_MAX) {
		importlog_error(g->rep, g->file, row->line, d->name, NULL, 0, "out of memory");
		return -1;
	}
	int order = e == VAL_MONTH_FIRST || e == VAL_DAY_FIRST; /* the wrong date order: always an error */
	if (e != VAL_OK && e != VAL_NEGATIVE && !order && !d->value_required && d->kind != KIND_ID) {
		/* Not one of the spec's errors: an optional value that cannot be
		 * read ("N/A" in reach) counts as empty, with a warning. */
		int col = (int)(d - schema[g->file].col);
		if (g->unread[col]++ == 0) {
			g->unread_line[col] = row->line;
			snprintf(g->unread_value[col], sizeof(g->unread_value[col]), "%.*s", (int)(tn > 40 ? 40 : tn), t);
		}
		out->present = 0;
		out->num = d->kind == KIND_BASIS ? BASIS_NONE : 0;
		out->date = DS_NO_DATE;
		return 0;
	}
	if (order) {
		importlog_error(g->rep, g->file, row->line, d->name, s, n, "%s", val_err_text[e]);
		return -1;
	}
	if (e != VAL_OK) {
		importlog_error(g->rep, g->file, row->line, d->name, s, n, "%s; expected %s", val_err_text[e], expect(g, d));
		return -1;
	}
	return 0;
}

/* Influencer index for a pool id, or -1. */
static int32_t lookup(const struct ingest *g, uint32_t sid)
{
	return sid < g->nby_sid ? g->by_sid[sid] : -1;
}

static void note_date(struct dataset *ds, int32_t d)
{
	if (d == DS_NO_DATE)
		return;
	if (ds->first_date == DS_NO_DATE || d < ds->first_date)
		ds->first_date = d;
	if (ds->last_date == DS_NO_DATE || d > ds->last_date)
		ds->last_date = d;
}

static void note_unknown(struct ingest *g, uint32_t sid, int64_t money)
{
	if (g->unknown.rows++ == 0)
		snprintf(g->unknown.example, sizeof(g->unknown.example), "%s", strpool_get(&g->ds->pool, sid));
	g->unknown.money += money;
}

static int add_influencer(struct ingest *g, const struct csvread_row *row, const struct cell *v)
{
	struct dataset *ds = g->ds;
	uint32_t sid = v[IC_ID].str;
	if (lookup(g, sid) >= 0) {
		importlog_error(g->rep, g->file, row->line, "id", strpool_get(&ds->pool, sid),
			     strlen(strpool_get(&ds->pool, sid)), "duplicate influencer id");
		return 0;
	}
	if (sid >= g->nby_sid) {
		size_t n = g->nby_sid ? g->nby_sid : 1024;
		while (n <= sid)
			n *= 2;
		int32_t *p = realloc(g->by_sid, n * sizeof(*p));
		if (!p)
			return -1;
		for (size_t i = g->nby_sid; i < n; i++)
			p[i] = -1;
		g->by_sid = p;
		g->nby_sid = n;
	}
	if (grow_array((void **)&ds->infl, &g->cap, ds->ninfl, sizeof(*ds->infl)) < 0)
		return -1;
	struct ds_influencer *f = &ds->infl[ds->ninfl];
	memset(f, 0, sizeof(*f)); /* padding too: rows are written to dataset.bin as they are */
	f->id = sid;
	f->name = v[IC_NAME].str;
	f->category = v[IC_CATEGORY].str;
	f->gender = v[IC_GENDER].str;
	f->platform = v[IC_PLATFORM].str;
	f->followers = v[IC_FOLLOWERS].num;
	if (!f->platform)
		g->no_platform++;
	g->by_sid[sid] = (int32_t)ds->ninfl++;
	return 0;
}

static int add_post(struct ingest *g, const struct cell *v)
{
	struct dataset *ds = g->ds;
	int32_t i = lookup(g, v[PC_INFL].str);
	if (i < 0) {
		note_unknown(g, v[PC_INFL].str, 0);
		return 0;
	}
	if (grow_array((void **)&ds->post, &g->cap, ds->npost, sizeof(*ds->post)) < 0)
		return -1;
	struct ds_post *p = &ds->post[ds->npost++];
	memset(p, 0, sizeof(*p));
	p->infl = i;
	p->date = v[PC_DATE].date;
	p->platform = v[PC_PLATFORM].present ? v[PC_PLATFORM].str : ds->infl[i].platform;
	p->url = v[PC_URL].str;
	p->caption = v[PC_CAPTION].str;
	p->reach = v[PC_REACH].num;
	p->likes = v[PC_LIKES].num;
	p->comments = v[PC_COMMENTS].num;
	note_date(ds, p->date);
	return 0;
}

static int add_track(struct ingest *g, const struct cell *v)
{
	struct dataset *ds = g->ds;
	int32_t i = DS_ORGANIC;
	if (v[TC_INFL].present) {
		i = lookup(g, v[TC_INFL].str);
		if (i < 0) {
			note_unknown(g, v[TC_INFL].str, v[TC_REVENUE].num);
			return 0;
		}
	}
	if (grow_array((void **)&ds->track, &g->cap, ds->ntrack, sizeof(*ds->track)) < 0)
		return -1;
	struct ds_track *t = &ds->track[ds->ntrack++];
	memset(t, 0, sizeof(*t));
	t->infl = i;
	t->date = v[TC_DATE].date;
	t->source = v[TC_SOURCE].str;
	t->brand = ds->has_brand_column ? v[TC_BRAND].str : v[TC_SOURCE].str;
	t->product = v[TC_PRODUCT].str;
	t->campaign = v[TC_CAMPAIGN].str;
	t->user = v[TC_USER].str;
	t->orders = v[TC_ORDERS].num;
	t->revenue = v[TC_REVENUE].num;
	note_date(ds, t->date);
	return 0;
}

static int add_payout(struct ingest *g, const struct csvread_row *row, const struct cell *v)
{
	struct dataset *ds = g->ds;
	int32_t i = lookup(g, v[YC_INFL].str);
	if (i < 0) {
		note_unknown(g, v[YC_INFL].str, v[YC_TOTAL].num);
		return 0;
	}
	if (grow_array((void **)&ds->payout, &g->cap, ds->npayout, sizeof(*ds->payout)) < 0)
		return -1;
	struct ds_payout *p = &ds->payout[ds->npayout++];
	memset(p, 0, sizeof(*p));
	p->infl = i;
	p->date = v[YC_DATE].date;
	p->basis = (int32_t)v[YC_BASIS].num;
	p->rate = v[YC_RATE].num;
	p->orders = v[YC_ORDERS].num;
	p->total = v[YC_TOTAL].num;
	p->status = v[YC_STATUS].present ? v[YC_STATUS].str : 0;
	if (p->basis == BASIS_ORDER && v[YC_RATE].present) { /* no rate given: nothing to compare */
		/* rate x orders in paise; a product past int64 is a mismatch anyway */
		__int128 expect = (__int128)p->rate * p->orders;
		__int128 diff = expect - p->total;
		if (diff > 100 || diff < -100) {
			if (g->mismatch_rows++ == 0)
				g->mismatch_first_line = row->line;
		}
	}
	note_date(ds, p->date);
	return 0;
}

/* Every figure adds up a subset of one number column (engagement adds
 * likes and comments together), so when each column's sum of magnitudes
 * fits in int64 no figure can wrap. A row that would pass it is an error. */
static int check_sums(struct ingest *g, const struct csvread_row *row, const struct cell *v)
{
	const struct file_schema *fs = &schema[g->file];
	int bad = 0;
	for (int c = 0; c < fs->ncols; c++) {
		enum col_kind k = fs->col[c].kind;
		if (k != KIND_COUNT && k != KIND_MONEY && k != KIND_SIGNED_MONEY)
			continue;
		int sum = g->file == DSF_POSTS && c == PC_COMMENTS ? PC_LIKES : c;
		uint64_t mag = v[c].num < 0 ? 0 - (uint64_t)v[c].num : (uint64_t)v[c].num;
		if (mag <= (uint64_t)INT64_MAX - g->magnitude[sum]) {
			g->magnitude[sum] += mag;
			continue;
		}
		bad = 1;
		if (g->overflowed[sum]++)
			continue;
		const char *what = sum == c ? fs->col[c].name : "likes + comments";
		if (k == KIND_COUNT)
			importlog_error(g->rep, g->file, row->line, fs->col[c].name, row->field[g->colpos[c]],
				     row->len[g->colpos[c]], "the total of %s passes 9,223,372,036,854,775,807, "
				     "more than the dashboard can add up", what);
		else
			importlog_error(g->rep, g->file, row->line, fs->col[c].name, row->field[g->colpos[c]],
				     row->len[g->colpos[c]], "the total of %s passes Rs 92,233,720,368,547,758.07, "
				     "more than the dashboard can add up", what);
	}
	return bad;
}

static int row_is_blank(const struct csvread_row *row)
{
	for (size_t i = 0; i < row->nfields; i++) {
		const char *s = row->field[i];
		size_t n = row->len[i];
		val_trim(&s, &n);
		if (n)
			return 0;
	}
	return 1;
}

int dataset_ingest_row(void *ctx, const struct csvread_row *row)
{
	struct ingest *g = ctx;
	if (!g->header_done) {
		g->header_done = 1;
		if (row->bad_utf8) {
			importlog_error(g->rep, g->file, row->line, NULL, row->field[row->bad_utf8 - 1],
				     row->len[row->bad_utf8 - 1], "invalid UTF-8 in the header, field %zu", row->bad_utf8);
			return -1;
		}
		read_header(g, row);
		if (g->split && !g->fatal)
			dssplit_start(g);
		return g->fatal ? -1 : 0;
	}
	if (row_is_blank(row))
		return 0; /* ",,,," rows that spreadsheets append, like blank lines */
	if (row->bad_utf8) {
		const char *f = row->field[row->bad_utf8 - 1];
		size_t n = row->len[row->bad_utf8 - 1];
		importlog_error(g->rep, g->file, row->line, NULL, f, n, "%s in field %zu",
			     memchr(f, '\0', n) ? "a NUL byte" : "invalid UTF-8", row->bad_utf8);
		return 0;
	}
	if (row->nfields != g->nheader) {
		importlog_error(g->rep, g->file, row->line, NULL, NULL, 0, "row has %zu fields, the header has %zu",
			     row->nfields, g->nheader);
		return 0;
	}
	const struct file_schema *fs = &schema[g->file];
	struct cell v[SCHEMA_MAX_COLS];
	memset(v, 0, sizeof(v));
	int bad = 0;
	for (int c = 0; c < fs->ncols; c++) {
		if (g->colpos[c] < 0) {
			if (fs->col[c].kind == KIND_DATE)
				v[c].date = DS_NO_DATE;
			continue;
		}
		if (parse_cell(g, row, &fs->col[c], g->colpos[c], &v[c]) < 0)
			bad = 1;
	}
	if (bad || check_sums(g, row, v))
		return 0; /* the error is reported; keep looking for more */
	int rc = 0;
	switch (g->file) {
	case DSF_INFLUENCERS: rc = add_influencer(g, row, v); break;
	case DSF_POSTS: rc = add_post(g, v); break;
	case DSF_TRACKING: rc = add_track(g, v); break;
	case DSF_PAYOUTS: rc = add_payout(g, row, v); break;
	default: break;
	}
	if (rc < 0)
		importlog_error(g->rep, g->file, row->line, NULL, NULL, 0, "out of memory");
	return rc;
}

/* Maps a whole file read-only; an empty file gives len 0 and no mapping. */
static int map_file(const char *path, const char **data, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct stat st;
	int rc = -1;
	*data = NULL;
	*len = 0;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		rc = 0;
		if (st.st_size > 0) {
			void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
			if (p == MAP_FAILED) {
				rc = -1;
			} else {
				posix_madvise(p, (size_t)st.st_size, POSIX_MADV_SEQUENTIAL);
				*data = p;
				*len = (size_t)st.st_size;
			}
		}
	}
	close(fd);
	return rc;
}

static void warn_file(struct ingest *g)
{
	const char *fname = ds_file_name[g->file];
	if (g->unknown.rows) {
		const char *what = g->file == DSF_TRACKING ? " revenue" : g->file == DSF_PAYOUTS ? " spend" : NULL;
		char money[FMT_MAX];
		fmt_paise(g->unknown.money, money);
		if (what)
			importlog_warn(g->rep, "%s: %ld rows name an influencer_id not in influencers.csv (e.g. \"%.40s\"); "
				    "excluded from every metric, with%s %s",
				    fname, g->unknown.rows, g->unknown.example, what, money);
		else
			importlog_warn(g->rep, "%s: %ld rows name an influencer_id not in influencers.csv (e.g. \"%.40s\"); "
				    "excluded from every metric", fname, g->unknown.rows, g->unknown.example);
	}
	if (g->mismatch_rows)
		importlog_warn(g->rep, "%s: %ld order-basis payouts differ from rate x orders by more than Rs 1 "
			    "(first on line %ld)", fname, g->mismatch_rows, g->mismatch_first_line);
	if (g->no_platform)
		importlog_warn(g->rep, "%s: %ld influencers have no platform", fname, g->no_platform);
	for (int col = 0; col < schema[g->file].ncols; col++)
		if (g->unread[col])
			importlog_warn(g->rep, "%s: %ld values in column %s could not be read and count as empty "
				    "(first on line %ld: \"%s\"; expected %s)", fname, g->unread[col],
				    schema[g->file].col[col].name, g->unread_line[col], g->unread_value[col],
				    expect(g, &schema[g->file].col[col]));
}

/* Reads one file into the dataset; errors and warnings go to the import log. */
static void read_file(struct ingest *g, const char *path)
{
	const char *data;
	size_t len;
	long line = 0;
	if (!path) {
		importlog_error(g->rep, g->file, 0, NULL, NULL, 0, "file is missing");
		return;
	}
	if (map_file(path, &data, &len) < 0) {
		importlog_error(g->rep, g->file, 0, NULL, NULL, 0, "cannot read the file");
		return;
	}
	enum csvread_status st = g->file == DSF_TRACKING && len >= dssplit_min
		? dssplit_read(g, data, len, &line) : csvread_mem(data ? data : "", len, dataset_ingest_row, g, &line);
	if (data)
		munmap((void *)data, len);
	if (st != CSVREAD_OK && st != CSVREAD_STOPPED)
		importlog_error(g->rep, g->file, line, NULL, NULL, 0, "%s", csvread_status_text[st]);
	warn_file(g);
	for (int col = 0; col < SCHEMA_MAX_COLS; col++)
		free(g->seen[col]);
}

int dataset_read(const char *const path[DSF__MAX], struct dataset **out, struct importlog *rep)
{
	return dataset_read_with(path, NULL, out, rep);
}

int dataset_read_with(const char *const path[DSF__MAX], const struct colmap *cm, struct dataset **out,
		      struct importlog *rep)
{
	struct dataset *ds = calloc(1, sizeof(*ds));
	*out = NULL;
	if (!ds || strpool_init(&ds->pool) < 0 || strpool_init(&ds->texts) < 0) {
		if (ds)
			strpool_free(&ds->pool);
		free(ds);
		importlog_error(rep, DSF_INFLUENCERS, 0, NULL, NULL, 0, "out of memory");
		return -1;
	}
	ds->first_date = ds->last_date = DS_NO_DATE;
	int32_t *by_sid = NULL;
	size_t nby_sid = 0;
	for (int f = 0; f < DSF__MAX; f++) {
		struct ingest g = { .ds = ds, .rep = rep, .file = (enum ds_file)f, .by_sid = by_sid,
				    .nby_sid = nby_sid, .cm = cm, .month_first = cm && cm->month_first[f] };
		read_file(&g, path[f]);
		by_sid = g.by_sid; /* only the influencers file adds to it */
		nby_sid = g.nby_sid;
	}
	free(by_sid);
	if (importlog_error_count(rep) == 0 && spread_build(ds) < 0)
		importlog_error(rep, DSF_PAYOUTS, 0, NULL, NULL, 0, "out of memory");
	if (importlog_error_count(rep) > 0) {
		dataset_free(ds);
		return -1;
	}
	*out = ds;
	return 0;
}

void dataset_free(struct dataset *ds)
{
	if (!ds)
		return;
	if (ds->map) { /* everything points into the mapping */
		munmap(ds->map, ds->map_len);
		free(ds);
		return;
	}
	strpool_free(&ds->pool);
	strpool_free(&ds->texts);
	cube_free(&ds->cube);
	free(ds->spread);
	free(ds->post_day);
	free(ds->infl);
	free(ds->post);
	free(ds->track);
	free(ds->payout);
	free(ds);
}

int32_t dataset_find_influencer(const struct dataset *ds, const char *id)
{
	uint32_t sid = strpool_find(&ds->pool, id, strlen(id));
	if (sid == UINT32_MAX)
		return -1;
	for (size_t i = 0; i < ds->ninfl; i++)
		if (ds->infl[i].id == sid)
			return (int32_t)i;
	return -1;
}
