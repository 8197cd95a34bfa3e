/* settings.h: what a program reads from its environment once at start, then passes to whoever needs it. */
#ifndef SETTINGS_H
#define SETTINGS_H

#include <stddef.h>

/* How screens, the PDF and the workbook group digits (NUMBER_FORMAT). */
enum settings_grouping { SETTINGS_INDIAN, SETTINGS_WESTERN, SETTINGS_GROUPING__MAX };
extern const char *const settings_grouping_name[SETTINGS_GROUPING__MAX];

#define SETTINGS_MAX_WORKERS 64

/* Read-only after settings_read: one copy per program, never changed while
 * requests are served. */
struct settings {
	const char *program;
	const char *uploads;         /* UPLOADS_DIR, "uploads" */
	const char *templates;       /* TEMPLATE_DIR, "templates" */
	const char *log_file;        /* LOG_FILE: stderr goes there when set; NULL otherwise */
	int workers;                 /* WORKERS, 2; 1 to SETTINGS_MAX_WORKERS */
	int response_timeout;        /* RESPONSE_TIMEOUT: seconds a response may take to be written, 600 */
	double baseline;             /* BASELINE_DEFAULT: the baseline ROAS when a URL gives none, 1.0 */
	enum settings_grouping grouping; /* NUMBER_FORMAT: indian (default) or western */
	char build[256];             /* BUILD_ID and the settings that change pages: part of every ETag */
};

/* The settings of a program started with an empty environment (what the
 * tools and tests use). */
extern const struct settings settings_defaults;

/* Fills s from the environment for program. Returns 0, or -1 with err
 * naming the variable, its value and what it expects. */
int settings_read(struct settings *s, const char *program, char *err, size_t errsz);

#endif
