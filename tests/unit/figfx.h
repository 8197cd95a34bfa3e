/* figfx.h: the unit tests' figures fixture: a dataset, its import log, a filter and the metrics computed from them. */
#ifndef FIGFX_H
#define FIGFX_H

#include "testutil.h"

#include "metrics.h"

struct figfx {
	struct arena a;
	struct importlog rep;
	struct dataset *ds;
	struct filter f;
	struct metrics m;
};

/* Readies x's arena and import log (its dataset is the caller's to read). */
static inline void figfx_init(struct figfx *x)
{
	arena_init(&x->a, 0);
	importlog_init(&x->rep);
}

static inline void figfx_release(struct figfx *x)
{
	dataset_free(x->ds);
	importlog_free(&x->rep);
	arena_free(&x->a);
}

/* A fixture of the four CSV texts, which must import without an error. */
static inline struct figfx *figfx_new(const char *infl, const char *posts, const char *track, const char *pay)
{
	struct figfx *x = calloc(1, sizeof(*x));
	assert_non_null(x);
	figfx_init(x);
	x->ds = tu_dataset_ok(infl, posts, track, pay, &x->rep);
	return x;
}

static inline void figfx_free(struct figfx *x)
{
	figfx_release(x);
	free(x);
}

/* The metrics of query (NULL: no filter), or a failure. */
static inline const struct metrics *figfx_compute(struct figfx *x, const char *query)
{
	char err[256];
	if (filter_parse(query, &x->a, &x->f, err, sizeof(err)) != 0)
		fail_msg("filter \"%s\": %s", query ? query : "", err);
	assert_int_equal(metrics_compute(x->ds, &x->f, &x->a, &x->m), 0);
	return &x->m;
}

#endif
