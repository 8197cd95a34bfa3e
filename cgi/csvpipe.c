/* csvpipe.c: records handed from a parsing thread to the reading thread in batches. */
#include "csvpipe.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define NBATCH 4
#define BATCH_RECORDS 2048
#define BATCH_BYTES ((size_t)256 << 10)

struct record {
	long line;
	size_t first, nfields, bad_utf8; /* fields first .. first+nfields-1 */
};

/* Records with their fields stored back to back, each NUL-terminated. */
struct batch {
	char *bytes;
	size_t nbytes, abytes;
	size_t *len;
	size_t nlen, alen;
	struct record *rec;
	size_t nrec, arec;
};

/* Batches head .. head+full-1 (mod NBATCH) wait for, or are being read by,
 * the reading side; the parsing side fills batch fill, the one after them. */
struct csvpipe {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t filled, emptied;
	struct batch b[NBATCH];
	size_t head, full;      /* under mu */
	int closed, stopped;    /* under mu */
	size_t fill;            /* the parsing side's own */
	int gave_up;            /* the parsing side's own: saw stopped */
};

struct csvpipe *csvpipe_new(void)
{
	struct csvpipe *p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->filled, NULL);
	pthread_cond_init(&p->emptied, NULL);
	return p;
}

int csvpipe_start(struct csvpipe *p, void *(*run)(void *), void *arg)
{
	return pthread_create(&p->thread, NULL, run, arg) == 0 ? 0 : -1;
}

static int reserve(void **a, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return 0;
	size_t c = *cap ? *cap : 64;
	while (c < need)
		c *= 2;
	void *q = realloc(*a, c * elem);
	if (!q)
		return -1;
	*a = q;
	*cap = c;
	return 0;
}

/* Hands the batch being filled to the reading side and waits for a free one.
 * Returns 0 or CSVPIPE_STOPPED. */
static int pass_on(struct csvpipe *p)
{
	pthread_mutex_lock(&p->mu);
	p->full++;
	pthread_cond_signal(&p->filled);
	while (p->full == NBATCH && !p->stopped)
		pthread_cond_wait(&p->emptied, &p->mu);
	p->gave_up = p->stopped;
	pthread_mutex_unlock(&p->mu);
	if (p->gave_up)
		return CSVPIPE_STOPPED;
	p->fill = (p->fill + 1) % NBATCH;
	struct batch *b = &p->b[p->fill]; /* read to the end: reuse its memory */
	b->nbytes = b->nlen = b->nrec = 0;
	return 0;
}

int csvpipe_put(struct csvpipe *p, const struct csvread_row *row)
{
	struct batch *b = &p->b[p->fill];
	size_t nbytes = 0;
	for (size_t i = 0; i < row->nfields; i++)
		nbytes += row->len[i] + 1;
	if (reserve((void **)&b->bytes, &b->abytes, b->nbytes + nbytes, 1) < 0 ||
	    reserve((void **)&b->len, &b->alen, b->nlen + row->nfields, sizeof(*b->len)) < 0 ||
	    reserve((void **)&b->rec, &b->arec, b->nrec + 1, sizeof(*b->rec)) < 0)
		return CSVPIPE_NOMEM;
	if (nbytes) /* the reader keeps a record's fields back to back */
		memcpy(b->bytes + b->nbytes, row->field[0], nbytes);
	memcpy(b->len + b->nlen, row->len, row->nfields * sizeof(*b->len));
	b->rec[b->nrec++] = (struct record){ row->line, b->nlen, row->nfields, row->bad_utf8 };
	b->nbytes += nbytes;
	b->nlen += row->nfields;
	if (b->nrec >= BATCH_RECORDS || b->nbytes >= BATCH_BYTES)
		return pass_on(p);
	return 0;
}

void csvpipe_close(struct csvpipe *p)
{
	if (!p->gave_up && p->b[p->fill].nrec)
		pass_on(p);
	pthread_mutex_lock(&p->mu);
	p->closed = 1;
	pthread_cond_signal(&p->filled);
	pthread_mutex_unlock(&p->mu);
}

/* Calls fn with each record of a batch. Returns 0 or -1 when fn stops. */
static int deliver(const struct batch *b, char **ptr, csvread_fn fn, void *ctx)
{
	char *s = b->bytes;
	for (size_t k = 0; k < b->nrec; k++) {
		const struct record *r = &b->rec[k];
		for (size_t i = 0; i < r->nfields; i++) {
			ptr[i] = s;
			s += b->len[r->first + i] + 1;
		}
		struct csvread_row row = { .line = r->line, .nfields = r->nfields, .field = ptr,
					   .len = b->len + r->first, .bad_utf8 = r->bad_utf8 };
		if (fn(ctx, &row) < 0)
			return -1;
	}
	return 0;
}

int csvpipe_drain(struct csvpipe *p, csvread_fn fn, void *ctx)
{
	char *ptr[CSVREAD_MAX_FIELDS];
	int stopped = 0;
	for (;;) {
		pthread_mutex_lock(&p->mu);
		while (!p->full && !p->closed)
			pthread_cond_wait(&p->filled, &p->mu);
		if (!p->full) {
			pthread_mutex_unlock(&p->mu);
			break;
		}
		pthread_mutex_unlock(&p->mu);
		if (!stopped && deliver(&p->b[p->head], ptr, fn, ctx) < 0)
			stopped = 1;
		pthread_mutex_lock(&p->mu);
		p->head = (p->head + 1) % NBATCH;
		p->full--;
		p->stopped |= stopped;
		pthread_cond_signal(&p->emptied);
		pthread_mutex_unlock(&p->mu);
	}
	pthread_join(p->thread, NULL);
	return stopped ? -1 : 0;
}

void csvpipe_free(struct csvpipe *p)
{
	if (!p)
		return;
	for (int i = 0; i < NBATCH; i++) {
		free(p->b[i].bytes);
		free(p->b[i].len);
		free(p->b[i].rec);
	}
	pthread_cond_destroy(&p->filled);
	pthread_cond_destroy(&p->emptied);
	pthread_mutex_destroy(&p->mu);
	free(p);
}
