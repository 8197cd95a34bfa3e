/* held.c: an upload's files kept for the column-mapping step: one editor's, behind an unguessable token, for at most an hour. */
#define _GNU_SOURCE
#include "held.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "csvread.h"
#include "val.h"

#define HELD_PREFIX ".held-"
#define HELD_META "held.txt"
#define HEADER_BYTES ((size_t)1 << 20) /* read of a file to find its header */

static void held_paths(struct held *h, const char *uploads)
{
	snprintf(h->dir, sizeof(h->dir), "%s/" HELD_PREFIX "%s", uploads, h->token);
}

/* Removes a held directory and the files in it. */
static void remove_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[4400];
	while (d && (e = readdir(d)) != NULL)
		if (e->d_name[0] != '.' && snprintf(path, sizeof(path), "%s/%s", dir, e->d_name) < (int)sizeof(path))
			unlink(path);
	if (d)
		closedir(d);
	rmdir(dir);
}

/* One line of text: line breaks become spaces. */
static void one_line(char *s)
{
	for (; *s; s++)
		if (*s == '\n' || *s == '\r')
			*s = ' ';
}

int held_keep(const char *uploads, const char *user, int month_first, const struct form *form, struct held *out)
{
	unsigned char rnd[HELD_TOKEN_LEN / 2];
	memset(out, 0, sizeof(*out));
	if (getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd))
		return -1;
	for (size_t i = 0; i < sizeof(rnd); i++)
		snprintf(out->token + 2 * i, 3, "%02x", rnd[i]);
	held_paths(out, uploads);
	snprintf(out->user, sizeof(out->user), "%s", user ? user : "");
	out->month_first = month_first;
	if (mkdir(out->dir, 0750) < 0)
		return -1;
	char meta[4400];
	snprintf(meta, sizeof(meta), "%s/" HELD_META, out->dir);
	FILE *fp = fopen(meta, "w");
	if (!fp) {
		int e = errno;
		rmdir(out->dir);
		errno = e;
		return -1;
	}
	one_line(out->user);
	fprintf(fp, "user %s\ndates %s\n", out->user, month_first ? "mdy" : "dmy");
	for (int f = 0; f < DSF__MAX; f++) {
		if (!form->file[f].present)
			continue;
		snprintf(out->filename[f], sizeof(out->filename[f]), "%s", form->file[f].filename);
		one_line(out->filename[f]);
		snprintf(out->path[f], sizeof(out->path[f]), "%s/%s", out->dir, ds_file_name[f]);
		fprintf(fp, "file %d %s\n", f, out->filename[f]);
	}
	int rc = fclose(fp) == 0 ? 0 : -1;
	for (int f = 0; rc == 0 && f < DSF__MAX; f++)
		if (out->path[f][0] && rename(form->file[f].path, out->path[f]) < 0)
			rc = -1;
	if (rc < 0) {
		int e = errno;
		for (int f = 0; f < DSF__MAX; f++) /* put back what was moved */
			if (out->path[f][0])
				rename(out->path[f], form->file[f].path);
		remove_dir(out->dir);
		errno = e;
	}
	return rc;
}

static int valid_token(const char *t)
{
	if (!t || strlen(t) != HELD_TOKEN_LEN)
		return 0;
	for (; *t; t++)
		if (!((*t >= '0' && *t <= '9') || (*t >= 'a' && *t <= 'f')))
			return 0;
	return 1;
}

/* When the held upload in dir came (held.txt, else the directory). */
static time_t held_since(const char *dir)
{
	char meta[4400];
	struct stat st;
	snprintf(meta, sizeof(meta), "%s/" HELD_META, dir);
	if (stat(meta, &st) == 0 || stat(dir, &st) == 0)
		return st.st_mtime;
	return 0;
}

static int expired(time_t since)
{
	time_t now = time(NULL);
	return now - since > HELD_MAX_AGE || since > now + 60; /* a clock set back: be safe */
}

enum held_status held_open(const char *uploads, const char *token, const char *user, struct held *out)
{
	memset(out, 0, sizeof(*out));
	if (!valid_token(token))
		return HELD_GONE;
	memcpy(out->token, token, HELD_TOKEN_LEN);
	held_paths(out, uploads);
	char meta[4400], line[512];
	snprintf(meta, sizeof(meta), "%s/" HELD_META, out->dir);
	FILE *fp = fopen(meta, "r");
	if (!fp)
		return HELD_GONE;
	while (fgets(line, sizeof(line), fp)) {
		line[strcspn(line, "\n")] = '\0';
		int f;
		if (strncmp(line, "user ", 5) == 0)
			snprintf(out->user, sizeof(out->user), "%.127s", line + 5);
		else if (strcmp(line, "dates mdy") == 0)
			out->month_first = 1;
		else if (sscanf(line, "file %d", &f) == 1 && f >= 0 && f < DSF__MAX && strlen(line) >= 7) {
			snprintf(out->filename[f], sizeof(out->filename[f]), "%.255s", line + 7);
			snprintf(out->path[f], sizeof(out->path[f]), "%s/%s", out->dir, ds_file_name[f]);
		}
	}
	fclose(fp);
	if (expired(held_since(out->dir))) {
		held_drop(out);
		return HELD_EXPIRED;
	}
	if (!user || strcmp(user, out->user) != 0)
		return HELD_NOT_YOURS;
	char used[4410];
	snprintf(used, sizeof(used), "%s.used", meta);
	if (rename(meta, used) < 0) /* a second click of the button while the first is being served */
		return HELD_GONE;
	return HELD_OK;
}

void held_release(const struct held *h)
{
	char meta[4400], used[4410];
	snprintf(meta, sizeof(meta), "%s/" HELD_META, h->dir);
	snprintf(used, sizeof(used), "%s.used", meta);
	rename(used, meta);
}

void held_drop(const struct held *h)
{
	if (h->dir[0])
		remove_dir(h->dir);
}

int held_sweep(const char *uploads, int all)
{
	DIR *d = opendir(uploads);
	struct dirent *e;
	int n = 0;
	char dir[4400];
	while (d && (e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, HELD_PREFIX, strlen(HELD_PREFIX)) != 0 ||
		    snprintf(dir, sizeof(dir), "%s/%s", uploads, e->d_name) >= (int)sizeof(dir))
			continue;
		if (all || expired(held_since(dir))) {
			remove_dir(dir);
			n++;
		}
	}
	if (d)
		closedir(d);
	return n;
}

struct header_names {
	char (*names)[COLMAP_HEADER_MAX];
	size_t max, n;
};

static int take_header(void *ctx, const struct csvread_row *row)
{
	struct header_names *h = ctx;
	for (size_t i = 0; i < row->nfields && h->n < h->max; i++) {
		const char *s = row->field[i];
		size_t n = row->len[i];
		val_trim(&s, &n);
		if (n == 0 || n >= COLMAP_HEADER_MAX || memchr(s, '\n', n) || memchr(s, '\r', n))
			continue;
		size_t k = 0;
		while (k < h->n && !(strlen(h->names[k]) == n && memcmp(h->names[k], s, n) == 0))
			k++;
		if (k == h->n) {
			memcpy(h->names[h->n], s, n);
			h->names[h->n++][n] = '\0';
		}
	}
	return -1; /* the header is all we need */
}

size_t held_headers(const char *path, char (*names)[COLMAP_HEADER_MAX], size_t max)
{
	struct header_names h = { names, max, 0 };
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	char *buf = fd >= 0 ? malloc(HEADER_BYTES) : NULL;
	ssize_t got = buf ? read(fd, buf, HEADER_BYTES) : -1;
	long line;
	if (got > 0)
		csvread_mem(buf, (size_t)got, take_header, &h, &line);
	free(buf);
	if (fd >= 0)
		close(fd);
	return h.n;
}
