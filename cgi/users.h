/* users.h: the users file under AUTH_DIR (name, role, session generation, failures, last sign-in, hash), written atomically. */
#ifndef USERS_H
#define USERS_H

#include <stddef.h>

#include "pwhash.h"

#define USERS_NAME_MAX 64

struct user_rec {
	char name[USERS_NAME_MAX + 1];
	int role;                 /* enum role */
	unsigned long gen;        /* sessions carry it; a bump ends them all */
	int fails;                /* failed sign-ins in a row */
	long lock_until;          /* no sign-in before this time (back-off) */
	long last_login;          /* 0: never */
	char hash[PWHASH_MAX];
};

struct users {
	size_t n, cap;
	struct user_rec *u;
};

/* 1 for a name of 1-64 letters, digits and . _ @ - (no colon, space or control byte). */
int users_name_ok(const char *name);
/* Reads AUTH_DIR/users (a missing file is no users); 0 or -1. */
int users_read(const char *dir, struct users *u);
/* Writes the whole list: a 0600 temporary file, fsync, rename over
 * AUTH_DIR/users; the file gets the directory's owner. 0 or -1. */
int users_write(const char *dir, const struct users *u);
/* The writers' lock (AUTH_DIR/.lock): a descriptor, or -1. */
int users_lock(const char *dir);
void users_unlock(int fd);
void users_free(struct users *u);
struct user_rec *users_find(struct users *u, const char *name);
/* Adds rec or replaces the user of the same name; 0 or -1. */
int users_put(struct users *u, const struct user_rec *rec);
/* Removes a user; 0, or -1 when there is none of that name. */
int users_remove(struct users *u, const char *name);
/* The count of users of a role. */
size_t users_count_role(const struct users *u, int role);

/* This process's copy of the file, read again when it changes (one stat
 * per call): the user's record, or NULL. */
const struct user_rec *users_cached(const char *dir, const char *name);
/* The whole cached list (NULL when it cannot be read). */
const struct users *users_cached_all(const char *dir);

#endif
