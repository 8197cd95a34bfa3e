/* dssplit.c: the tracking file read as two halves on two threads, merged as if read in order. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "dssplit.h"

size_t dssplit_min = (size_t)8 << 20;
long dssplit_merges;

/* The second half: read from at (a line start) on its own thread, into
 * its own dataset whose pool starts as a copy of the first half's, so the
 * ids met before the split mean the same on both sides. */
struct split {
	const char *data;
	size_t len, at;
	pthread_t thread;
	int started;
	struct ingest g;
	struct dataset ds;
	struct importlog rep;
	uint32_t base;              /* pool ids below it are shared with the first half */
	enum csvread_status status;
};

static int strpool_copy(struct strpool *to, const struct strpool *from)
{
	memset(to, 0, sizeof(*to));
	to->bytes = malloc(from->abytes ? from->abytes : 1);
	to->off = malloc((from->acount ? from->acount : 1) * sizeof(*to->off));
	to->len = malloc((from->acount ? from->acount : 1) * sizeof(*to->len));
	to->slots = malloc((from->nslots ? from->nslots : 1) * sizeof(*to->slots));
	to->wide = malloc((from->nslots ? from->nslots : 1) * sizeof(*to->wide));
	if (!to->bytes || !to->off || !to->len || !to->slots || !to->wide || !from->wide) {
		strpool_free(to);
		return -1;
	}
	memcpy(to->bytes, from->bytes, from->nbytes);
	memcpy(to->off, from->off, from->count * sizeof(*to->off));
	memcpy(to->len, from->len, from->count * sizeof(*to->len));
	memcpy(to->slots, from->slots, from->nslots * sizeof(*to->slots));
	memcpy(to->wide, from->wide, from->nslots * sizeof(*to->wide));
	to->nbytes = from->nbytes, to->abytes = from->abytes ? from->abytes : 1;
	to->count = from->count, to->acount = from->acount ? from->acount : 1;
	to->nslots = from->nslots;
	return 0;
}

/* Rows of the second half; it stops at the first error or warning, since
 * the first half then reads it again itself. */
static int second_row(void *ctx, const struct csvread_row *row)
{
	struct ingest *g = ctx;
	int rc = dataset_ingest_row(g, row);
	if (rc == 0 && importlog_error_count(g->rep) == 0) {
		for (int c = 0; c < SCHEMA_MAX_COLS; c++)
			if (g->unread[c] || g->overflowed[c])
				return -1;
		return 0;
	}
	return -1;
}

static void *second_half(void *arg)
{
	struct split *sp = arg;
	struct csvread_piece pc = { .stop = sp->len - sp->at, .line = 1 };
	sp->status = csvread_mem_piece(sp->data + sp->at, sp->len - sp->at, 0, &pc, second_row, &sp->g);
	return NULL;
}

void dssplit_start(struct ingest *g)
{
	struct split *sp = g->split;
	struct ingest *h = &sp->g;
	if (strpool_copy(&sp->ds.pool, &g->ds->pool) < 0)
		return;
	if (strpool_init(&sp->ds.texts) < 0) {
		strpool_free(&sp->ds.pool);
		return;
	}
	sp->base = sp->ds.pool.count;
	sp->ds.first_date = sp->ds.last_date = DS_NO_DATE;
	sp->ds.has_brand_column = g->ds->has_brand_column;
	importlog_init(&sp->rep);
	memset(h, 0, sizeof(*h));
	h->ds = &sp->ds, h->rep = &sp->rep, h->file = g->file, h->cm = g->cm, h->month_first = g->month_first;
	memcpy(h->colpos, g->colpos, sizeof(h->colpos));
	h->nheader = g->nheader, h->header_done = 1;
	h->by_sid = g->by_sid, h->nby_sid = g->nby_sid;
	if (pthread_create(&sp->thread, NULL, second_half, sp) == 0) {
		sp->started = 1;
		return;
	}
	importlog_free(&sp->rep);
	strpool_free(&sp->ds.pool);
	strpool_free(&sp->ds.texts);
}

/* Frees what is left of a joined second half. */
static void split_free(struct split *sp)
{
	if (!sp->started)
		return;
	for (int c = 0; c < SCHEMA_MAX_COLS; c++)
		free(sp->g.seen[c]);
	importlog_free(&sp->rep);
	strpool_free(&sp->ds.pool);
	strpool_free(&sp->ds.texts);
	free(sp->ds.track);
}

/* Whether the second half read cleanly and adds up with the first. */
static int mergeable(const struct ingest *g, const struct split *sp)
{
	if (sp->status != CSVREAD_OK || importlog_error_count(&sp->rep) || sp->rep.nwarnings ||
	    g->rep->file[g->file].nerrors)
		return 0;
	for (int c = 0; c < SCHEMA_MAX_COLS; c++)
		if (sp->g.unread[c] || sp->g.overflowed[c] || g->overflowed[c] ||
		    g->magnitude[c] > (uint64_t)INT64_MAX - sp->g.magnitude[c])
			return 0;
	return 1;
}

/* Appends the second half's rows to the first's, its pool and text ids
 * turned into the first's as reading it in order would have given them.
 * Returns 0 or -1 when out of memory. */
static int merge(struct ingest *g, struct split *sp)
{
	struct dataset *ds = g->ds, *from = &sp->ds;
	uint32_t nnew = from->pool.count - sp->base, *pool = malloc((nnew ? nnew : 1) * sizeof(*pool));
	if (!pool)
		return -1;
	for (uint32_t k = 0; k < nnew; k++) /* in the order the second half met them */
		if ((pool[k] = strpool_intern(&ds->pool, strpool_get(&from->pool, sp->base + k),
					      from->pool.len[sp->base + k])) == UINT32_MAX) {
			free(pool);
			return -1;
		}
	/* Texts: a first text equal to the first half's last is that text, as
	 * reading in order reuses the previous row's text. */
	int user = g->colpos[TC_USER] >= 0, same = 0;
	if (user && g->has_last[TC_USER] && from->texts.count > 1 &&
	    ds->texts.len[g->last[TC_USER]] == from->texts.len[1] &&
	    memcmp(strpool_get(&ds->texts, g->last[TC_USER]), strpool_get(&from->texts, 1), from->texts.len[1]) == 0)
		same = 1;
	uint32_t text0 = ds->texts.count;
	for (uint32_t k = 1 + (uint32_t)same; k < from->texts.count; k++)
		if (strpool_append(&ds->texts, strpool_get(&from->texts, k), from->texts.len[k]) == UINT32_MAX) {
			free(pool);
			return -1;
		}
	size_t n = ds->ntrack + from->ntrack;
	if (n > g->cap) {
		struct ds_track *grown = realloc(ds->track, n * sizeof(*grown));
		if (!grown) {
			free(pool);
			return -1;
		}
		ds->track = grown;
		g->cap = n;
	}
	struct ds_track *t = ds->track;
#define POOL_ID(id) ((id) < sp->base ? (id) : pool[(id) - sp->base])
	if (from->ntrack) /* padding too: rows go to dataset.bin as they are */
		memcpy(t + ds->ntrack, from->track, from->ntrack * sizeof(*t));
	for (size_t k = 0; k < from->ntrack; k++) {
		struct ds_track *r = &t[ds->ntrack++];
		r->brand = POOL_ID(r->brand), r->source = POOL_ID(r->source);
		r->product = POOL_ID(r->product), r->campaign = POOL_ID(r->campaign);
		if (r->user)
			r->user = same && r->user == 1 ? g->last[TC_USER] : text0 + r->user - 1 - (uint32_t)same;
	}
#undef POOL_ID
	free(pool);
	if (from->first_date != DS_NO_DATE && (ds->first_date == DS_NO_DATE || from->first_date < ds->first_date))
		ds->first_date = from->first_date;
	if (from->last_date != DS_NO_DATE && (ds->last_date == DS_NO_DATE || from->last_date > ds->last_date))
		ds->last_date = from->last_date;
	if (sp->g.unknown.rows && !g->unknown.rows)
		memcpy(g->unknown.example, sp->g.unknown.example, sizeof(g->unknown.example));
	g->unknown.rows += sp->g.unknown.rows;
	g->unknown.money += sp->g.unknown.money;
	for (int c = 0; c < SCHEMA_MAX_COLS; c++)
		g->magnitude[c] += sp->g.magnitude[c];
	return 0;
}

enum csvread_status dssplit_read(struct ingest *g, const char *data, size_t len, long *fail_line)
{
	const char *nl = memchr(data + len / 2, '\n', len - len / 2);
	if (!nl || (size_t)(nl + 1 - data) == len)
		return csvread_mem(data, len, dataset_ingest_row, g, fail_line);
	struct split *sp = calloc(1, sizeof(*sp));
	if (!sp)
		return csvread_mem(data, len, dataset_ingest_row, g, fail_line);
	sp->data = data, sp->len = len, sp->at = (size_t)(nl + 1 - data);
	g->split = sp; /* dataset_ingest_row starts the second half after the header */
	struct csvread_piece a = { .stop = sp->at, .line = 1 };
	enum csvread_status st = csvread_mem_piece(data, len, 1, &a, dataset_ingest_row, g);
	g->split = NULL;
	*fail_line = a.fail_line;
	if (sp->started)
		pthread_join(sp->thread, NULL);
	if (st == CSVREAD_OK && a.end < len) {
		if (a.end == sp->at && sp->started && mergeable(g, sp)) {
			if (merge(g, sp) < 0)
				importlog_error(g->rep, g->file, 0, NULL, NULL, 0, "out of memory");
			else
				dssplit_merges++;
		} else { /* the rest in order, here */
			struct csvread_piece b = { .stop = len - a.end, .line = a.line };
			st = csvread_mem_piece(data + a.end, len - a.end, 0, &b, dataset_ingest_row, g);
			*fail_line = b.fail_line;
		}
	}
	split_free(sp);
	free(sp);
	return st;
}
