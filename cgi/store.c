/* store.c: immutable, versioned datasets under the uploads directory, with one atomic "current" switch. */
#define _GNU_SOURCE
#include "store.h"

#include "compiled.h"
#include "owner.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <signal.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Joins a directory and a name into out; -1 when it does not fit. */
static int join(char *out, size_t outsz, const char *dir, const char *name)
{
	int n = snprintf(out, outsz, "%s/%s", dir, name);
	return n < 0 || (size_t)n >= outsz ? -1 : 0;
}

static int fsync_path(const char *path, int dir)
{
	int fd = open(path, (dir ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

/* Copies what remains of in to out: in the kernel where it can, else
 * through a buffer. Returns 0 or -1. */
static int copy_bytes(int in, int out)
{
	ssize_t n;
	while ((n = copy_file_range(in, NULL, out, NULL, (size_t)1 << 30, 0)) > 0)
		;
	if (n == 0)
		return 0;
	if (errno != EXDEV && errno != ENOSYS && errno != EINVAL && errno != EOPNOTSUPP)
		return -1;
	char b[1 << 16];
	while ((n = read(in, b, sizeof(b))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		for (ssize_t off = 0; off < n;) {
			ssize_t w = write(out, b + off, (size_t)(n - off));
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				return -1;
			off += w;
		}
	}
	return 0;
}

/* Copies src to dst (created 0640) and fsyncs it. A file already inside
 * the uploads directory (an upload being activated, or a file carried over
 * from an immutable version) is hard-linked instead: the same bytes, no
 * copy. A file from anywhere else is copied, so that editing it later can
 * never change a version. */
static int copy_file(const char *uploads, const char *src, const char *dst)
{
	size_t prefix = strlen(uploads);
	if (strncmp(src, uploads, prefix) == 0 && src[prefix] == '/' && link(src, dst) == 0)
		return fsync_path(dst, 0);
	int in = open(src, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return -1;
	int out = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
	int rc = -1;
	if (out >= 0) {
		rc = copy_bytes(in, out);
		if (rc == 0 && fsync(out) < 0)
			rc = -1;
		if (close(out) < 0)
			rc = -1;
	}
	close(in);
	return rc;
}

static long last_version(const char *uploads);

/* Writes one "key value" line of meta.txt with the value escaped, so that
 * no value can end its line or start another: backslash as \\, newline as
 * \n, other control bytes as \xNN (storeread.c reads them back). */
static void meta_line(FILE *fp, const char *key, const char *v, size_t n)
{
	fprintf(fp, "%s ", key);
	for (const unsigned char *p = (const unsigned char *)v; p < (const unsigned char *)v + n; p++) {
		if (*p == '\\')
			fputs("\\\\", fp);
		else if (*p == '\n')
			fputs("\\n", fp);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(fp, "\\x%02x", *p);
		else
			fputc(*p, fp);
	}
	fputc('\n', fp);
}

static int write_meta(const char *dir, const struct store_meta *meta)
{
	char path[4096];
	if (join(path, sizeof(path), dir, "meta.txt") < 0)
		return -1;
	FILE *fp = fopen(path, "wx");
	if (!fp)
		return -1;
	fchmod(fileno(fp), 0640); /* like the data files: nothing for others */
	time_t now = time(NULL);
	struct tm tm;
	char when[32];
	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	const char *user = meta->user && *meta->user ? meta->user : "unknown";
	fprintf(fp, "%s\ncreated %s\n", STORE_META_FORMAT, when);
	meta_line(fp, "user", user, strlen(user));
	for (int f = 0; f < DSF__MAX; f++)
		fprintf(fp, "rows %s %ld\n", ds_file_name[f], meta->rows[f]);
	const char *w = meta->warnings ? meta->warnings : "";
	while (*w) {
		const char *nl = strchr(w, '\n');
		size_t n = nl ? (size_t)(nl - w) : strlen(w);
		meta_line(fp, "warning", w, n);
		w += n + (nl ? 1 : 0);
	}
	int rc = fflush(fp) == 0 && fsync(fileno(fp)) == 0 ? 0 : -1;
	if (fclose(fp) != 0)
		rc = -1;
	return rc;
}

static int lock_writer(const char *uploads)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/.lock", uploads);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	owner_match(uploads, path);
	while (flock(fd, LOCK_EX) < 0) {
		if (errno != EINTR) {
			close(fd);
			return -1;
		}
	}
	return fd;
}

/* Removes a staging directory and the files in it. */
static void remove_tree(const char *dir)
{
	DIR *d = opendir(dir);
	if (d) {
		struct dirent *e;
		char path[4096];
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			if (join(path, sizeof(path), dir, e->d_name) == 0)
				unlink(path);
		}
		closedir(d);
	}
	rmdir(dir);
}

/* Points uploads/current at versions/<name> by renaming a fresh symlink over it. */
static int switch_current(const char *uploads, const char *name)
{
	char tmp[4096], cur[4096], target[128];
	snprintf(tmp, sizeof(tmp), "%s/.current.%ld", uploads, (long)getpid());
	snprintf(cur, sizeof(cur), "%s/current", uploads);
	snprintf(target, sizeof(target), "versions/%s", name);
	unlink(tmp);
	if (symlink(target, tmp) < 0)
		return -1;
	owner_match(uploads, tmp);
	if (rename(tmp, cur) < 0) {
		unlink(tmp);
		return -1;
	}
	return fsync_path(uploads, 1);
}

/* The copying thread of a stage: the four files into the staging directory. */
static void *copy_sources(void *arg)
{
	struct store_stage *st = arg;
	char path[4096];
	for (int f = 0; f < DSF__MAX && st->copy_rc == 0; f++) {
		if (!st->src[f] || join(path, sizeof(path), st->staging, ds_file_name[f]) < 0 ||
		    copy_file(st->uploads, st->src[f], path) < 0) {
			st->copy_rc = -1;
			st->copy_errno = st->src[f] ? errno : ENOENT;
			st->copy_failed = f;
		}
	}
	return NULL;
}

int store_stage_begin(struct store_stage *st, const char *uploads, const char *const src[DSF__MAX],
		      char *err, size_t errsz)
{
	char versions[4096];
	memset(st, 0, sizeof(*st));
	st->lock = -1;
	snprintf(versions, sizeof(versions), "%s/versions", uploads);
	if (snprintf(st->uploads, sizeof(st->uploads), "%s", uploads) >= (int)sizeof(st->uploads) ||
	    (mkdir(versions, 0750) < 0 && errno != EEXIST)) {
		st->err_no = errno;
		snprintf(err, errsz, "cannot create %s: %s", versions, strerror(st->err_no));
		return -1;
	}
	owner_match(uploads, versions);
	st->lock = lock_writer(uploads);
	if (st->lock < 0) {
		st->err_no = errno;
		snprintf(err, errsz, "cannot lock the uploads directory: %s", strerror(st->err_no));
		return -1;
	}
	snprintf(st->staging, sizeof(st->staging), "%s/.staging-%ld", uploads, (long)getpid());
	remove_tree(st->staging);
	if (mkdir(st->staging, 0750) < 0) {
		st->err_no = errno;
		snprintf(err, errsz, "cannot create a staging directory: %s", strerror(st->err_no));
		close(st->lock);
		st->lock = -1;
		return -1;
	}
	char cur[STORE_VERSION_MAX];
	int have_cur = store_current(uploads, cur) == 0; /* under the lock: no writer can change it now */
	for (int f = 0; f < DSF__MAX; f++) {
		st->src[f] = src[f];
		if (!src[f] && have_cur &&
		    store_file_path(uploads, cur, (enum ds_file)f, st->carried[f], sizeof(st->carried[f])) == 0)
			st->src[f] = st->carried[f];
	}
	return 0;
}

void store_stage_copy(struct store_stage *st)
{
	if (st->copy_started)
		return;
	st->copy_started = 1;
	if (pthread_create(&st->copier, NULL, copy_sources, st) != 0)
		copy_sources(st); /* no thread: copy here */
	else
		st->copying = 1;
}

static void join_copier(struct store_stage *st)
{
	if (st->copying)
		pthread_join(st->copier, NULL);
	st->copying = 0;
}

void store_stage_abandon(struct store_stage *st)
{
	join_copier(st);
	if (st->lock >= 0) {
		remove_tree(st->staging);
		close(st->lock);
	}
	st->lock = -1;
}

int store_stage_commit(struct store_stage *st, const struct store_meta *meta, char out[STORE_VERSION_MAX],
		       char *err, size_t errsz)
{
	char path[4096], final[4096], versions[4200];
	int rc = -1;
	store_stage_copy(st);
	join_copier(st);
	snprintf(versions, sizeof(versions), "%s/versions", st->uploads);
	if (st->copy_rc < 0) {
		errno = st->copy_errno;
		snprintf(err, errsz, "cannot store %s: %s", ds_file_name[st->copy_failed], strerror(st->copy_errno));
		goto out;
	}
	if (meta->compile && (join(path, sizeof(path), st->staging, COMPILED_NAME) < 0 ||
			      compiled_write(meta->compile, path) < 0)) {
		snprintf(err, errsz, "cannot write the compiled dataset: %s", strerror(errno));
		goto out;
	}
	if (write_meta(st->staging, meta) < 0) {
		snprintf(err, errsz, "cannot write the version's metadata: %s", strerror(errno));
		goto out;
	}
	owner_match_dir(st->uploads, st->staging);
	if (fsync_path(st->staging, 1) < 0) {
		snprintf(err, errsz, "cannot write the version's metadata: %s", strerror(errno));
		goto out;
	}
	snprintf(out, STORE_VERSION_MAX, "%06ld", last_version(st->uploads) + 1);
	if (join(final, sizeof(final), versions, out) < 0 || rename(st->staging, final) < 0 ||
	    fsync_path(versions, 1) < 0) {
		snprintf(err, errsz, "cannot publish the version: %s", strerror(errno));
		goto out;
	}
	if (switch_current(st->uploads, out) < 0) {
		snprintf(err, errsz, "cannot switch to the new version: %s", strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (rc < 0) {
		st->err_no = errno; /* each failure above leaves its errno */
		remove_tree(st->staging);
	}
	close(st->lock);
	st->lock = -1;
	return rc;
}

/* True when the name ends in "-PID" (or "-PID-anything") of a live process. */
static int owner_alive(const char *name)
{
	const char *dash = strchr(name + 1, '-');
	if (!dash)
		return 0;
	long pid = strtol(dash + 1, NULL, 10);
	return pid > 0 && (kill((pid_t)pid, 0) == 0 || errno == EPERM);
}

int store_clean_staging(const char *uploads)
{
	int lock = lock_writer(uploads);
	if (lock < 0)
		return -1;
	DIR *d = opendir(uploads);
	int n = 0;
	if (d) {
		struct dirent *e;
		char path[4096];
		while ((e = readdir(d)) != NULL) {
			if (strncmp(e->d_name, ".staging-", 9) != 0 && strncmp(e->d_name, ".incoming-", 10) != 0 &&
			    strncmp(e->d_name, ".current.", 9) != 0)
				continue;
			if (e->d_name[1] != 'c' && owner_alive(e->d_name))
				continue;
			if (join(path, sizeof(path), uploads, e->d_name) < 0)
				continue;
			if (e->d_name[1] != 'c')
				remove_tree(path);
			else
				unlink(path);
			n++;
		}
		closedir(d);
	}
	close(lock);
	return n;
}

int store_activate(const char *uploads, const char *version, char *err, size_t errsz)
{
	char dir[4096];
	struct stat st;
	if (!store_valid_name(version) || snprintf(dir, sizeof(dir), "%s/versions/%s", uploads, version) >= (int)sizeof(dir) ||
	    stat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
		snprintf(err, errsz, "there is no version %.20s", version);
		return -1;
	}
	int lock = lock_writer(uploads);
	if (lock < 0) {
		snprintf(err, errsz, "cannot lock the uploads directory: %s", strerror(errno));
		return -1;
	}
	int rc = switch_current(uploads, version);
	if (rc < 0)
		snprintf(err, errsz, "cannot switch to version %s: %s", version, strerror(errno));
	close(lock);
	return rc;
}

/* Highest existing version number, 0 when none. */
static long last_version(const char *uploads)
{
	char newest[1][STORE_VERSION_MAX];
	return store_versions(uploads, newest, 1) ? strtol(newest[0], NULL, 10) : 0;
}

int store_prune(const char *uploads, size_t keep)
{
	if (keep == 0)
		return 0;
	char (*newest)[STORE_VERSION_MAX] = calloc(keep, STORE_VERSION_MAX);
	int lock = newest ? lock_writer(uploads) : -1;
	if (lock < 0) {
		free(newest);
		return -1;
	}
	char cur[STORE_VERSION_MAX] = "", path[4096];
	store_current(uploads, cur);
	size_t n = store_versions(uploads, newest, keep);
	snprintf(path, sizeof(path), "%s/versions", uploads);
	DIR *d = opendir(path);
	int removed = 0;
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		int kept = !store_valid_name(e->d_name) || strcmp(e->d_name, cur) == 0;
		for (size_t i = 0; i < n && !kept; i++)
			kept = strcmp(e->d_name, newest[i]) == 0;
		char dir[4200];
		if (!kept && snprintf(dir, sizeof(dir), "%s/%s", path, e->d_name) < (int)sizeof(dir)) {
			remove_tree(dir);
			removed++;
		}
	}
	if (d)
		closedir(d);
	close(lock);
	free(newest);
	return removed;
}
