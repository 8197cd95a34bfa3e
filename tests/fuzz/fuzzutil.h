/* fuzzutil.h: helpers shared by the fuzz targets: a private scratch directory, file writing, checks. */
#ifndef FUZZUTIL_H
#define FUZZUTIL_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Aborts with a message when a property does not hold: libFuzzer then
 * saves the input as a crash. */
#define FU_CHECK(cond)                                                                          \
	do {                                                                                    \
		if (!(cond)) {                                                                  \
			fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, #cond); \
			abort();                                                                \
		}                                                                               \
	} while (0)

static char fu_dir_path[4096];

/* Removes the files of the scratch directory (no subdirectories are made). */
static void fu_cleanup(void)
{
	DIR *d = opendir(fu_dir_path);
	if (d) {
		struct dirent *e;
		char p[8192];
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			snprintf(p, sizeof(p), "%s/%s", fu_dir_path, e->d_name);
			unlink(p);
		}
		closedir(d);
	}
	rmdir(fu_dir_path);
}

/* The scratch directory, made once under $TMPDIR or /tmp and removed at
 * exit. Aborts when it cannot be made: no input could be tested. */
static const char *fu_dir(void)
{
	if (fu_dir_path[0])
		return fu_dir_path;
	const char *base = getenv("TMPDIR");
	snprintf(fu_dir_path, sizeof(fu_dir_path), "%s/roi-fuzz-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(fu_dir_path)) {
		perror("mkdtemp");
		abort();
	}
	atexit(fu_cleanup);
	return fu_dir_path;
}

/* Writes n bytes to dir/name and puts the path in path. Aborts on failure. */
static void fu_write(const char *name, const void *p, size_t n, char *path, size_t pathsz)
{
	snprintf(path, pathsz, "%s/%s", fu_dir(), name);
	FILE *fp = fopen(path, "wb");
	FU_CHECK(fp != NULL);
	FU_CHECK(n == 0 || fwrite(p, 1, n, fp) == n);
	FU_CHECK(fclose(fp) == 0);
}

#endif
