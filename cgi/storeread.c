/* storeread.c: reading the version store: the current version, the list of versions, their metadata and files. */
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

int store_info(const char *uploads, const char *version, struct store_info *out)
{
	char path[4096], line[1024];
	memset(out, 0, sizeof(*out));
	if (!store_valid_name(version) ||
	    snprintf(path, sizeof(path), "%s/versions/%s/meta.txt", uploads, version) >= (int)sizeof(path))
		return -1;
	FILE *fp = fopen(path, "r");
	if (!fp)
		return -1;
	snprintf(out->version, sizeof(out->version), "%s", version);
	size_t wlen = 0;
	while (fgets(line, sizeof(line), fp)) {
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, "created ", 8) == 0) {
			snprintf(out->created, sizeof(out->created), "%.31s", line + 8);
		} else if (strncmp(line, "user ", 5) == 0) {
			snprintf(out->user, sizeof(out->user), "%.127s", line + 5);
		} else if (strncmp(line, "rows ", 5) == 0) {
			for (int f = 0; f < DSF__MAX; f++) {
				size_t k = strlen(ds_file_name[f]);
				if (strncmp(line + 5, ds_file_name[f], k) == 0 && line[5 + k] == ' ')
					out->rows[f] = strtol(line + 6 + k, NULL, 10);
			}
		} else if (strncmp(line, "warning ", 8) == 0) {
			out->nwarnings++;
			int n = snprintf(out->warnings + wlen, sizeof(out->warnings) - wlen, "%s\n", line + 8);
			if (n > 0 && wlen + (size_t)n < sizeof(out->warnings))
				wlen += (size_t)n;
		}
	}
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
