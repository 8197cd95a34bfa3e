/* useradm_main.c: the users file from the command line: add or replace a user, change a role, remove, list, import htpasswd files. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "auth.h"
#include "role.h"
#include "users.h"

static int usage(void)
{
	fprintf(stderr, "usage: useradm AUTH_DIR add NAME viewer|editor|admin  (password from $PASSWORD or stdin)\n"
			"       useradm AUTH_DIR role NAME viewer|editor|admin | remove NAME | list | has-admin | migrate\n");
	return 2;
}

/* The password from $PASSWORD, else the first line of stdin. */
static int read_password(char *pw, size_t n)
{
	const char *env = getenv("PASSWORD");
	if (env && *env) {
		snprintf(pw, n, "%s", env);
	} else if (!fgets(pw, (int)n, stdin)) {
		return -1;
	}
	pw[strcspn(pw, "\r\n")] = '\0';
	return pw[0] ? 0 : -1;
}

/* viewers.htpasswd and editors.htpasswd of the nginx-checked logins become users (their hashes are upgraded at the next sign-in). */
static int migrate(const char *dir, struct users *u)
{
	static const struct { const char *file; int role; } old[] = { { "viewers.htpasswd", ROLE_VIEWER }, { "editors.htpasswd", ROLE_EDITOR } };
	int n = 0;
	for (size_t i = 0; i < 2; i++) {
		char path[4096], *line = NULL;
		size_t cap = 0;
		snprintf(path, sizeof(path), "%s/%s", dir, old[i].file);
		FILE *fp = fopen(path, "re");
		while (fp && getline(&line, &cap, fp) >= 0) {
			line[strcspn(line, "\r\n")] = '\0';
			char *colon = strchr(line, ':');
			struct user_rec rec = { .role = old[i].role };
			if (!colon)
				continue;
			*colon = '\0';
			if (!users_name_ok(line) || strlen(colon + 1) >= sizeof(rec.hash) || strchr(colon + 1, ':'))
				continue;
			strcpy(rec.name, line);
			strcpy(rec.hash, colon + 1);
			users_put(u, &rec);
			n++;
		}
		free(line);
		if (fp)
			fclose(fp);
	}
	if (n)
		printf("useradm: %d logins taken over from the htpasswd files\n", n);
	return n;
}

static int run(const char *dir, int argc, char **argv, struct users *u)
{
	const char *cmd = argv[2], *name = argc > 3 ? argv[3] : NULL;
	struct user_rec *rec = users_find(u, name);
	if (strcmp(cmd, "list") == 0) {
		for (size_t i = 0; i < u->n; i++)
			printf("%s %s\n", u->u[i].name, role_name(u->u[i].role));
		return 0;
	}
	if (strcmp(cmd, "has-admin") == 0)
		return users_count_role(u, ROLE_ADMIN) ? 0 : 1;
	if (strcmp(cmd, "migrate") == 0) {
		struct stat st;
		char path[4096];
		snprintf(path, sizeof(path), "%s/users", dir);
		return stat(path, &st) == 0 || migrate(dir, u) == 0 ? 0 : users_write(dir, u) ? 2 : 0;
	}
	if (strcmp(cmd, "remove") == 0) {
		if (users_remove(u, name) < 0) {
			fprintf(stderr, "useradm: no user %s\n", name ? name : "");
			return 1;
		}
		return users_write(dir, u) ? 2 : (printf("useradm: removed %s\n", name), 0);
	}
	int role = argc > 4 ? role_parse(argv[4]) : 0;
	if (!users_name_ok(name) || !role) {
		fprintf(stderr, "useradm: a name of 1-64 letters, digits and . _ @ - and a role viewer, editor or admin\n");
		return 2;
	}
	if (strcmp(cmd, "role") == 0) {
		if (!rec)
			return 1;
		rec->role = role;
		auth_end_sessions(rec);
	} else if (strcmp(cmd, "add") == 0) {
		char pw[1024];
		struct user_rec fresh = { .role = role };
		if (read_password(pw, sizeof(pw)) < 0) {
			fprintf(stderr, "useradm: empty password\n");
			return 2;
		}
		if (rec)
			fresh = *rec, fresh.role = role, fresh.fails = 0, fresh.lock_until = 0, auth_end_sessions(&fresh);
		snprintf(fresh.name, sizeof(fresh.name), "%s", name);
		if (pwhash_make(pw, fresh.hash, sizeof(fresh.hash)) < 0 || users_put(u, &fresh) < 0)
			return 2;
	} else {
		return usage();
	}
	if (users_write(dir, u) < 0) {
		perror(dir);
		return 2;
	}
	printf("useradm: %s is now %s %s\n", name, role == ROLE_ADMIN ? "an" : "a", role_name(role));
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 3)
		return usage();
	const char *dir = argv[1];
	mkdir(dir, 0700);
	int lock = users_lock(dir);
	struct users u;
	if (lock < 0 || users_read(dir, &u) < 0) {
		perror(dir);
		return 2;
	}
	int rc = run(dir, argc, argv, &u);
	users_free(&u);
	users_unlock(lock);
	return rc;
}
