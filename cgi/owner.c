/* owner.c: files that root writes into a store owned by the service user are handed to that user. */
#include "owner.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void owner_match(const char *like, const char *path)
{
	struct stat st;
	if (geteuid() != 0 || stat(like, &st) < 0 || st.st_uid == 0)
		return;
	if (lchown(path, st.st_uid, st.st_gid) < 0)
		perror(path); /* the service may then not read it: say so */
}

void owner_match_dir(const char *like, const char *dir)
{
	if (geteuid() != 0)
		return;
	owner_match(like, dir);
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	char path[4352];
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (snprintf(path, sizeof(path), "%s/%s", dir, e->d_name) < (int)sizeof(path))
			owner_match(like, path);
	}
	closedir(d);
}
