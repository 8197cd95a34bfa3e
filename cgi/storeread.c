/* storeread.c: reading the version store: the current version, the list of versions, their metadata and files. */
#define _GNU_SOURCE
#include "store.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int store_current(const char *uploads, char out[STORE_VERSION_MAX])
{
	char link[4096], target[256];
	if (snprintf(link, sizeof(link), "%s/current", uploads) >= (int)sizeof(link))
		return -1;
	ssize_t n = readlink(link, target, sizeof(target) - 1);
	if (n <= 0)
		return -1;
	target[n] = '\0';
	const char *slash = strrchr(target, '/');
	const char *name = slash ? slash + 1 : target;
	if (strlen(name) >= STORE_VERSION_MAX || !*name)
		return -1;
	strcpy(out, name);
	return 0;
}

int store_file_path(const char *uploads, const char *version, enum ds_file f, char *out, size_t outsz)
{
	int n = snprintf(out, outsz, "%s/versions/%s/%s", uploads, version, ds_file_name[f]);
	return n < 0 || (size_t)n >= outsz ? -1 : 0;
}

int store_valid_name(const char *name)
{
	size_t n = strlen(name);
	if (n != 6)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (name[i] < '0' || name[i] > '9')
			return 0;
	return 1;
}

/* Copies the value v of a meta.txt line into out (size outsz, shortened to
 * fit), undoing store.c's escapes when escaped is set. Returns its length. */
static size_t meta_value(const char *v, int escaped, char *out, size_t outsz)
{
	size_t o = 0;
	while (*v && o + 1 < outsz) {
		char c = *v++;
		if (escaped && c == '\\' && *v == 'n') {
			c = '\n';
			v++;
		} else if (escaped && c == '\\' && *v == 'x' && v[1] && v[2]) {
			char hex[3] = { v[1], v[2], '\0' };
			c = (char)strtol(hex, NULL, 16);
			v += 3;
		} else if (escaped && c == '\\' && *v) {
			c = *v++;
		}
		out[o++] = c;
	}
	out[o] = '\0';
	return o;
}

int store_info(const char *uploads, const char *version, struct store_info *out)
{
	char path[4096];
	memset(out, 0, sizeof(*out));
	if (!store_valid_name(version) ||
	    snprintf(path, sizeof(path), "%s/versions/%s/meta.txt", uploads, version) >= (int)sizeof(path))
		return -1;
	FILE *fp = fopen(path, "r");
	if (!fp)
		return -1;
	snprintf(out->version, sizeof(out->version), "%s", version);
	size_t wlen = 0, cap = 0;
	char *line = NULL;
	int escaped = 0, first = 1;
	while (getline(&line, &cap, fp) >= 0) { /* whole lines, however long */
		line[strcspn(line, "\n")] = '\0';
		if (first && strcmp(line, STORE_META_FORMAT) == 0)
			escaped = 1;
		first = 0;
		if (strncmp(line, "created ", 8) == 0) {
			meta_value(line + 8, escaped, out->created, sizeof(out->created));
		} else if (strncmp(line, "user ", 5) == 0 && !out->user[0]) {
			meta_value(line + 5, escaped, out->user, sizeof(out->user));
		} else if (strncmp(line, "rows ", 5) == 0) {
			for (int f = 0; f < DSF__MAX; f++) {
				size_t k = strlen(ds_file_name[f]);
				if (strncmp(line + 5, ds_file_name[f], k) == 0 && line[5 + k] == ' ')
					out->rows[f] = strtol(line + 6 + k, NULL, 10);
			}
		} else if (strncmp(line, "warning ", 8) == 0) {
			out->nwarnings++;
			if (wlen + 2 < sizeof(out->warnings)) {
				/* a newline inside a value stays out of the list's separators */
				size_t n = meta_value(line + 8, escaped, out->warnings + wlen, sizeof(out->warnings) - wlen - 1);
				for (size_t i = 0; i < n; i++)
					if (out->warnings[wlen + i] == '\n')
						out->warnings[wlen + i] = ' ';
				wlen += n;
				out->warnings[wlen++] = '\n';
				out->warnings[wlen] = '\0';
			}
		}
	}
	free(line);
	fclose(fp);
	return 0;
}

static int cmp_desc(const void *a, const void *b)
{
	return strcmp((const char *)b, (const char *)a);
}

size_t store_versions(const char *uploads, char (*out)[STORE_VERSION_MAX], size_t max)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/versions", uploads);
	DIR *d = opendir(path);
	size_t n = 0, oldest = 0;
	if (!d || max == 0) {
		if (d)
			closedir(d);
		return 0;
	}
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (!store_valid_name(e->d_name))
			continue;
		if (n < max) { /* keep the newest max: replace the oldest kept once full */
			snprintf(out[n++], STORE_VERSION_MAX, "%.31s", e->d_name);
		} else if (strcmp(e->d_name, out[oldest]) > 0) {
			snprintf(out[oldest], STORE_VERSION_MAX, "%.31s", e->d_name);
		} else {
			continue;
		}
		if (n == max)
			for (size_t i = 0; i < n; i++)
				if (strcmp(out[i], out[oldest]) < 0)
					oldest = i;
	}
	closedir(d);
	qsort(out, n, STORE_VERSION_MAX, cmp_desc);
	return n;
}
