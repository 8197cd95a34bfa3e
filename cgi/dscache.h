/* dscache.h: each worker's copy of the current dataset version, reloaded when the version changes. */
#ifndef DSCACHE_H
#define DSCACHE_H

#include <stddef.h>
#include <stdint.h>

#include "dataset.h"

/* A distinct value of a filterable column and how many rows carry it. */
struct choice {
	uint32_t id;
	long count;
};

enum choice_list { CH_PLATFORM, CH_GENDER, CH_CATEGORY, CH_BRAND, CH_PRODUCT, CH_CAMPAIGN, CH__MAX };

struct dsview {
	const struct dataset *ds;
	const char *version;
	struct choice *choice[CH__MAX];   /* sorted by value, empty values left out */
	size_t nchoice[CH__MAX];
};

/* Returns the current version, loading it when it changed since the last
 * call; the view stays valid until the next call. Returns NULL when no
 * version is active or it cannot be read (reason in err). */
const struct dsview *dscache_get(const char *uploads, char *err, size_t errsz);

#endif
