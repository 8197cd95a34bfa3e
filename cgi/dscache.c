/* dscache.c: each worker's copy of the current dataset version, reloaded when the version changes. */
#define _GNU_SOURCE
#include "dscache.h"

#include <stddef.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "colmap.h"
#include "compiled.h"
#include "store.h"

/* Per-worker state (each worker is its own process): the version in use,
 * read-only once loaded, replaced when the current version changes. */
static struct dsview cached;
static struct dataset *cached_ds;

static int cmp_choice(const void *a, const void *b, void *ctx)
{
	const struct strpool *p = ctx;
	return strcmp(strpool_get(p, ((const struct choice *)a)->id), strpool_get(p, ((const struct choice *)b)->id));
}

/* Counts the distinct non-empty values of one column given as a strided
 * array of pool ids. */
static int build_choices(const struct dataset *ds, const void *rows, size_t n, size_t stride, size_t offset,
			 struct choice **out, size_t *nout)
{
	long *count = calloc(ds->pool.count, sizeof(*count));
	if (!count)
		return -1;
	size_t distinct = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t id;
		memcpy(&id, (const char *)rows + i * stride + offset, sizeof(id));
		if (id && count[id]++ == 0)
			distinct++;
	}
	struct choice *c = calloc(distinct ? distinct : 1, sizeof(*c));
	if (!c) {
		free(count);
		return -1;
	}
	size_t k = 0;
	for (uint32_t id = 1; id < ds->pool.count && k < distinct; id++)
		if (count[id])
			c[k++] = (struct choice){ id, count[id] };
	free(count);
	qsort_r(c, k, sizeof(*c), cmp_choice, (void *)&ds->pool);
	*out = c;
	*nout = k;
	return 0;
}

static void drop_cache(void)
{
	for (int i = 0; i < CH__MAX; i++)
		free(cached.choice[i]);
	if (cached_ds)
		free((void *)cached_ds->cube.triple);
	dataset_free(cached_ds);
	memset(&cached, 0, sizeof(cached));
	cached_ds = NULL;
}

/* Reads a version from its CSVs (a version without a usable dataset.bin)
 * and writes the compiled form for the next reader. */
static int rebuild(const char *uploads, const char *version, const char *bin, struct dataset **out, char *err,
		   size_t errsz)
{
	char path[DSF__MAX][4096];
	const char *p[DSF__MAX];
	for (int f = 0; f < DSF__MAX; f++) {
		store_file_path(uploads, version, (enum ds_file)f, path[f], sizeof(path[f]));
		p[f] = path[f];
	}
	struct importlog rep;
	struct dataset *ds;
	struct colmap *cm = calloc(1, sizeof(*cm));
	static const int all[DSF__MAX] = { 1, 1, 1, 1 };
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s", path[0]);
	if (strrchr(dir, '/'))
		*strrchr(dir, '/') = '\0';
	if (!cm) {
		snprintf(err, errsz, "out of memory reading version %s", version);
		return -1;
	}
	colmap_load(dir, all, cm); /* read as the import read it */
	importlog_init(&rep);
	int rc = dataset_read_with(p, cm, &ds, &rep);
	free(cm);
	if (rc < 0) {
		struct buf b;
		buf_init(&b, 0);
		importlog_format_errors(&rep, &b);
		snprintf(err, errsz, "version %s cannot be read: %.300s", version, buf_str(&b));
		buf_free(&b);
	}
	importlog_free(&rep);
	if (rc < 0)
		return -1;
	if (cube_build(ds) < 0) {
		dataset_free(ds);
		snprintf(err, errsz, "out of memory indexing version %s", version);
		return -1;
	}
	if (compiled_write(ds, bin) < 0)
		fprintf(stderr, "dscache: cannot write %s: %s\n", bin, strerror(errno));
	*out = ds;
	return 0;
}

static int load(const char *uploads, const char *version, char *err, size_t errsz)
{
	char bin[4096];
	struct dataset *ds;
	snprintf(bin, sizeof(bin), "%s/versions/%s/%s", uploads, version, COMPILED_NAME);
	ds = compiled_map(bin, err, errsz);
	if (!ds) {
		fprintf(stderr, "dscache: version %s: %s; rebuilding it from the CSV files\n", version, err);
		if (rebuild(uploads, version, bin, &ds, err, errsz) < 0)
			return -1;
	}
	snprintf(ds->version, sizeof(ds->version), "%s", version);
	drop_cache();
	/* which columns imply which (metrics reads T from one group cube when
	 * a filter decides whole values of another column) */
	ds->cube.triple = cube_triples(ds, &ds->cube.ntriple);
	cached_ds = ds;
	cached.ds = ds;
	cached.version = ds->version;
	struct {
		const void *rows;
		size_t n, stride, offset;
	} col[CH__MAX] = {
		[CH_PLATFORM] = { ds->infl, ds->ninfl, sizeof(*ds->infl), offsetof(struct ds_influencer, platform) },
		[CH_GENDER] = { ds->infl, ds->ninfl, sizeof(*ds->infl), offsetof(struct ds_influencer, gender) },
		[CH_CATEGORY] = { ds->infl, ds->ninfl, sizeof(*ds->infl), offsetof(struct ds_influencer, category) },
		[CH_BRAND] = { ds->track, ds->ntrack, sizeof(*ds->track), offsetof(struct ds_track, brand) },
		[CH_PRODUCT] = { ds->track, ds->ntrack, sizeof(*ds->track), offsetof(struct ds_track, product) },
		[CH_CAMPAIGN] = { ds->track, ds->ntrack, sizeof(*ds->track), offsetof(struct ds_track, campaign) },
	};
	int bad = 0;
	for (int c = 0; c < CH__MAX && !bad; c++)
		bad = build_choices(ds, col[c].rows, col[c].n, col[c].stride, col[c].offset, &cached.choice[c],
				    &cached.nchoice[c]) < 0;
	if (bad) {
		drop_cache();
		snprintf(err, errsz, "out of memory indexing version %s", version);
		return -1;
	}
	return 0;
}

const struct dsview *dscache_get(const char *uploads, char *err, size_t errsz)
{
	char version[STORE_VERSION_MAX];
	if (store_current(uploads, version) < 0) {
		snprintf(err, errsz, "No dataset has been imported yet. Upload the four CSV files, or run make import.");
		return NULL;
	}
	if (cached_ds && strcmp(version, cached.version) == 0)
		return &cached;
	if (load(uploads, version, err, errsz) < 0)
		return NULL;
	return &cached;
}
