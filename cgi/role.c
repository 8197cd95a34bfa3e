/* role.c: who may change data: the editors' password file named by EDITORS_FILE. */
#define _GNU_SOURCE
#include "role.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int role_is_editor(const char *user)
{
	const char *file = getenv("EDITORS_FILE");
	if (!file || !user || !*user)
		return 0;
	FILE *fp = fopen(file, "r");
	if (!fp)
		return 0;
	char *line = NULL;
	size_t cap = 0, n = strlen(user);
	int found = 0;
	while (!found && getline(&line, &cap, fp) >= 0)
		found = strncmp(line, user, n) == 0 && line[n] == ':';
	free(line);
	fclose(fp);
	return found;
}
