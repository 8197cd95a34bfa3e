/* users.c: the users file under AUTH_DIR (name, role, session generation, failures, last sign-in, hash), written atomically. */
#define _GNU_SOURCE
#include "users.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "owner.h"
#include "role.h"

#define HEADER "# influencer-roi users 1: name:role:generation:failures:locked-until:last-sign-in:hash\n"

int users_name_ok(const char *name)
{
	size_t n = name ? strlen(name) : 0;
	if (n == 0 || n > USERS_NAME_MAX)
		return 0;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      strchr("._@-", *p)))
			return 0;
	return 1;
}

static int parse_line(char *line, struct user_rec *rec)
{
	char *field[7];
	char *s = line;
	line[strcspn(line, "\n")] = '\0';
	for (int i = 0; i < 6; i++) {
		field[i] = s;
		s = strchr(s, ':');
		if (!s)
			return -1;
		*s++ = '\0';
	}
	field[6] = s;
	memset(rec, 0, sizeof(*rec));
	if (!users_name_ok(field[0]) || (rec->role = role_parse(field[1])) == 0 || strlen(field[6]) >= PWHASH_MAX)
		return -1;
	strcpy(rec->name, field[0]);
	rec->gen = strtoul(field[2], NULL, 10);
	rec->fails = atoi(field[3]);
	rec->lock_until = atol(field[4]);
	rec->last_login = atol(field[5]);
	strcpy(rec->hash, field[6]);
	return 0;
}

static void path_of(char *out, size_t outsz, const char *dir, const char *name)
{
	snprintf(out, outsz, "%s/%s", dir, name);
}

int users_put(struct users *u, const struct user_rec *rec)
{
	struct user_rec *old = users_find(u, rec->name);
	if (old) {
		*old = *rec;
		return 0;
	}
	if (u->n == u->cap) {
		size_t cap = u->cap ? u->cap * 2 : 16;
		struct user_rec *nu = realloc(u->u, cap * sizeof(*nu));
		if (!nu)
			return -1;
		u->u = nu;
		u->cap = cap;
	}
	u->u[u->n++] = *rec;
	return 0;
}

int users_read(const char *dir, struct users *u)
{
	char path[4096];
	path_of(path, sizeof(path), dir, "users");
	memset(u, 0, sizeof(*u));
	FILE *fp = fopen(path, "re");
	if (!fp)
		return 0;
	char *line = NULL;
	size_t cap = 0;
	int rc = 0;
	while (rc == 0 && getline(&line, &cap, fp) >= 0) {
		struct user_rec rec;
		if (line[0] != '#' && parse_line(line, &rec) == 0)
			rc = users_put(u, &rec);
	}
	if (ferror(fp))
		rc = -1;
	free(line);
	fclose(fp);
	return rc;
}

int users_write(const char *dir, const struct users *u)
{
	char path[4096], tmp[4200];
	path_of(path, sizeof(path), dir, "users");
	snprintf(tmp, sizeof(tmp), "%s.tmp-%ld", path, (long)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	FILE *fp = fdopen(fd, "w");
	if (!fp) {
		close(fd);
		unlink(tmp);
		return -1;
	}
	fputs(HEADER, fp);
	for (size_t i = 0; i < u->n; i++) {
		const struct user_rec *r = &u->u[i];
		fprintf(fp, "%s:%s:%lu:%d:%ld:%ld:%s\n", r->name, role_name(r->role), r->gen, r->fails, r->lock_until,
			r->last_login, r->hash);
	}
	int bad = fflush(fp) != 0 || fsync(fd) != 0;
	bad |= fclose(fp) != 0;
	if (!bad) {
		owner_match(dir, tmp);
		bad = rename(tmp, path) != 0;
	}
	if (bad)
		unlink(tmp);
	return bad ? -1 : 0;
}

int users_lock(const char *dir)
{
	char path[4096];
	path_of(path, sizeof(path), dir, ".lock");
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	owner_match(dir, path);
	if (flock(fd, LOCK_EX) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

void users_unlock(int fd)
{
	if (fd >= 0)
		close(fd);
}

void users_free(struct users *u)
{
	free(u->u);
	memset(u, 0, sizeof(*u));
}

struct user_rec *users_find(struct users *u, const char *name)
{
	for (size_t i = 0; name && i < u->n; i++)
		if (strcmp(u->u[i].name, name) == 0)
			return &u->u[i];
	return NULL;
}

int users_remove(struct users *u, const char *name)
{
	struct user_rec *r = users_find(u, name);
	if (!r)
		return -1;
	size_t i = (size_t)(r - u->u);
	memmove(r, r + 1, (u->n - i - 1) * sizeof(*r));
	u->n--;
	return 0;
}

size_t users_count_role(const struct users *u, int role)
{
	size_t n = 0;
	for (size_t i = 0; i < u->n; i++)
		n += u->u[i].role == role;
	return n;
}

static struct {
	struct users list;
	int loaded;
	dev_t dev;
	ino_t ino;
	struct timespec mtime;
	off_t size;
} cache;

const struct users *users_cached_all(const char *dir)
{
	char path[4096];
	struct stat st;
	path_of(path, sizeof(path), dir, "users");
	if (stat(path, &st) < 0)
		memset(&st, 0, sizeof(st)); /* no file: no users */
	if (cache.loaded && st.st_dev == cache.dev && st.st_ino == cache.ino && st.st_size == cache.size &&
	    st.st_mtim.tv_sec == cache.mtime.tv_sec && st.st_mtim.tv_nsec == cache.mtime.tv_nsec)
		return &cache.list;
	struct users fresh;
	if (users_read(dir, &fresh) < 0)
		return NULL;
	users_free(&cache.list);
	cache.list = fresh;
	cache.loaded = 1;
	cache.dev = st.st_dev;
	cache.ino = st.st_ino;
	cache.size = st.st_size;
	cache.mtime = st.st_mtim;
	return &cache.list;
}

const struct user_rec *users_cached(const char *dir, const char *name)
{
	const struct users *all = users_cached_all(dir);
	return all ? users_find((struct users *)all, name) : NULL;
}
