/* settings.c: what a program reads from its environment once at start, then passes to whoever needs it. */
#include "settings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "val.h"

const char *const settings_grouping_name[SETTINGS_GROUPING__MAX] = {
	[SETTINGS_INDIAN] = "indian",
	[SETTINGS_WESTERN] = "western",
};

const struct settings settings_defaults = {
	.program = "",
	.uploads = "uploads",
	.templates = "templates",
	.log_file = NULL,
	.workers = 2,
	.response_timeout = 600,
	.baseline = 1.0,
	.grouping = SETTINGS_INDIAN,
	.build = "",
};

/* The variable's value, or NULL when it is unset or empty. */
static const char *env(const char *name)
{
	const char *v = getenv(name);
	return v && *v ? v : NULL;
}

int settings_read(struct settings *s, const char *program, char *err, size_t errsz)
{
	*s = settings_defaults;
	s->program = program;
	const char *v;
	if ((v = getenv("UPLOADS_DIR")))
		s->uploads = v;
	if ((v = getenv("TEMPLATE_DIR")))
		s->templates = v;
	s->log_file = env("LOG_FILE");
	if ((v = getenv("WORKERS")))
		s->workers = atoi(v);
	if (s->workers < 1)
		s->workers = 1;
	if (s->workers > SETTINGS_MAX_WORKERS)
		s->workers = SETTINGS_MAX_WORKERS;
	if ((v = env("RESPONSE_TIMEOUT")) && (s->response_timeout = atoi(v)) < 1) {
		snprintf(err, errsz, "RESPONSE_TIMEOUT=%s: expected a number of seconds from 1", v);
		return -1;
	}
	if ((v = env("BASELINE_DEFAULT")) && (val_decimal(v, strlen(v), &s->baseline) != VAL_OK || s->baseline > 1000)) {
		snprintf(err, errsz, "BASELINE_DEFAULT=%s: expected a number from 0 to 1000 such as 1.5", v);
		return -1;
	}
	if ((v = env("NUMBER_FORMAT"))) {
		int g = 0;
		while (g < SETTINGS_GROUPING__MAX && strcmp(v, settings_grouping_name[g]) != 0)
			g++;
		if (g == SETTINGS_GROUPING__MAX) {
			snprintf(err, errsz, "NUMBER_FORMAT=%s: expected indian or western", v);
			return -1;
		}
		s->grouping = (enum settings_grouping)g;
	}
	snprintf(s->build, sizeof(s->build), "%s|%g|%s", getenv("BUILD_ID") ? getenv("BUILD_ID") : __DATE__ " " __TIME__,
		 s->baseline, settings_grouping_name[s->grouping]);
	return 0;
}
