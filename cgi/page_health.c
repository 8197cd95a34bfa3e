/* page_health.c: GET /healthz for load balancers: 200 when the current dataset version is loaded and served, 503 otherwise. */
#include <stdio.h>

#include "dscache.h"
#include "pages.h"

enum app_status page_health(struct request *r)
{
	char err[256];
	struct buf body;
	buf_init(&body, 256);
	const struct dsview *v = dscache_get(r->cfg->uploads, err, sizeof(err));
	int status = v ? 200 : 503;
	if (v)
		buf_printf(&body, "ok version %s influencers %zu tracking_rows %zu\n", v->version, v->ds->ninfl,
			   v->ds->ntrack);
	else
		buf_printf(&body, "unavailable: %s\n", err);
	app_send(r, status, "text/plain; charset=utf-8", &body);
	buf_free(&body);
	return APP_DONE;
}
