/* exportkit.h: what every download shares: file names that say what they hold. */
#ifndef EXPORTKIT_H
#define EXPORTKIT_H

#include "app.h"
#include "filter.h"

/* A download name that says what the file holds: what_param-value_from_to
 * plus ext, safe characters only; in the request's arena. */
const char *export_name(struct request *r, const char *what, const char *ext, const struct filter *f);

#endif
