/* gcube.h: running totals per influencer, brand (product, campaign) and day, for the campaign, brand and product tables. */
#ifndef GCUBE_H
#define GCUBE_H

#include <stddef.h>
#include <stdint.h>

#include "cube.h"

struct ds_track;

/* Builds c->group and c->campaign_brand from the ordered rows (cube_build
 * calls it). Returns 0 or -1 when out of memory. */
int cube_build_groups(const struct dataset *ds, struct cube *c);
/* The brands of a campaign: *first gets the first of the returned count. */
size_t cube_campaign_brands(const struct cube *c, uint32_t campaign, const struct cube_brand **first);
/* The value of a row in one column. */
uint32_t cube_key(const struct ds_track *t, enum cube_column col);

#endif
