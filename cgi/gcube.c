/* gcube.c: running totals per influencer, brand (product, campaign) and day, for the campaign, brand and product tables. */
#include "gcube.h"

#include <stdlib.h>
#include <string.h>

#include "dataset.h"

uint32_t cube_key(const struct ds_track *t, enum cube_column col)
{
	return col == CUBE_BRAND ? t->brand : col == CUBE_PRODUCT ? t->product : t->campaign;
}

/* One column: each influencer's rows (already in date order) placed by
 * value with a stable counting pass, then summed per day. slot maps a pool
 * id to its pair while one influencer is handled (reset after). */
static int build_one(const struct dataset *ds, const struct cube *c, enum cube_column col, int32_t *slot,
		     uint32_t *order, struct cube_group *g)
{
	size_t ninfl = ds->ninfl, rows = c->row_start[ninfl];
	g->pair_start = calloc(ninfl + 1, sizeof(*g->pair_start));
	g->pair = malloc((rows + 1) * sizeof(*g->pair));
	g->date = malloc((rows ? rows : 1) * sizeof(*g->date));
	g->sum = malloc((rows ? rows : 1) * sizeof(*g->sum));
	uint32_t *count = malloc((rows + 1) * sizeof(*count));
	if (!g->pair_start || !g->pair || !g->date || !g->sum || !count) {
		free(count);
		return -1;
	}
	size_t np = 0, nd = 0;
	for (size_t i = 0; i < ninfl; i++) {
		size_t lo = c->row_start[i], hi = c->row_start[i + 1], first = np;
		g->pair_start[i] = (uint32_t)np;
		for (size_t k = lo; k < hi; k++) { /* the pairs in first-seen order, their row counts */
			uint32_t key = cube_key(&ds->track[k], col);
			if (slot[key] < 0) {
				slot[key] = (int32_t)(np - first);
				g->pair[np++] = (struct cube_pair){ .key = key };
				count[slot[key]] = 0;
			}
			count[slot[key]]++;
		}
		uint32_t at = 0;
		for (size_t p = first; p < np; p++) {
			uint32_t n = count[p - first];
			count[p - first] = at;
			at += n;
		}
		for (size_t k = lo; k < hi; k++)
			order[count[slot[cube_key(&ds->track[k], col)]]++] = (uint32_t)k;
		size_t r = 0;
		for (size_t p = first; p < np; p++) { /* rows of pair p: order[r .. count[p - first]) */
			int64_t orders = 0, revenue = 0;
			struct cube_pair *x = &g->pair[p];
			x->day_start = (uint32_t)nd;
			for (; r < count[p - first]; r++) {
				const struct ds_track *t = &ds->track[order[r]];
				orders += t->orders;
				revenue += t->revenue;
				if (nd > x->day_start && g->date[nd - 1] == t->date)
					nd--;
				g->date[nd] = t->date;
				g->sum[nd++] = (struct cube_sum){ orders, revenue };
			}
			x->first = g->date[x->day_start];
			x->last = g->date[nd - 1];
			x->orders = orders;
			x->revenue = revenue;
			slot[x->key] = -1;
		}
	}
	free(count);
	g->pair_start[ninfl] = (uint32_t)np;
	g->pair[np] = (struct cube_pair){ .day_start = (uint32_t)nd };
	g->npair = np;
	g->nday = nd;
	return 0;
}

static int cmp_pair(const void *pa, const void *pb)
{
	uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
	return (a > b) - (a < b);
}

/* The distinct (campaign, brand) pairs of the influencers' rows; slot
 * (all -1) remembers the last brand of each campaign to skip repeats. */
static int campaign_brands(const struct dataset *ds, const struct cube *cb, int32_t *slot, struct cube *c)
{
	size_t rows = cb->row_start[ds->ninfl], n = 0;
	uint64_t *pair = malloc((rows ? rows : 1) * sizeof(*pair));
	if (!pair)
		return -1;
	for (size_t k = 0; k < rows; k++) {
		const struct ds_track *t = &ds->track[k];
		if (slot[t->campaign] == (int32_t)t->brand)
			continue;
		slot[t->campaign] = (int32_t)t->brand;
		pair[n++] = (uint64_t)t->campaign << 32 | t->brand;
	}
	qsort(pair, n, sizeof(*pair), cmp_pair);
	c->campaign_brand = malloc((n ? n : 1) * sizeof(*c->campaign_brand));
	if (!c->campaign_brand) {
		free(pair);
		return -1;
	}
	size_t m = 0;
	for (size_t k = 0; k < n; k++)
		if (!k || pair[k] != pair[k - 1])
			c->campaign_brand[m++] = (struct cube_brand){ (uint32_t)(pair[k] >> 32), (uint32_t)pair[k] };
	c->ncampaign_brand = m;
	free(pair);
	return 0;
}

size_t cube_campaign_brands(const struct cube *c, uint32_t campaign, const struct cube_brand **first)
{
	size_t lo = 0, hi = c->ncampaign_brand;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->campaign_brand[mid].campaign < campaign)
			lo = mid + 1;
		else
			hi = mid;
	}
	*first = c->campaign_brand + lo;
	size_t n = 0;
	while (lo + n < c->ncampaign_brand && c->campaign_brand[lo + n].campaign == campaign)
		n++;
	return n;
}

int cube_build_groups(const struct dataset *ds, struct cube *c)
{
	int32_t *slot = malloc((ds->pool.count ? ds->pool.count : 1) * sizeof(*slot));
	uint32_t *order = malloc((ds->ntrack ? ds->ntrack : 1) * sizeof(*order));
	int rc = slot && order ? 0 : -1;
	if (slot)
		memset(slot, 0xff, (ds->pool.count ? ds->pool.count : 1) * sizeof(*slot));
	for (int col = 0; rc == 0 && col < CUBE__COLUMNS; col++)
		rc = build_one(ds, c, (enum cube_column)col, slot, order, &c->group[col]);
	if (rc == 0)
		rc = campaign_brands(ds, c, slot, c);
	free(slot);
	free(order);
	return rc;
}
