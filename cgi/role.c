/* role.c: the three roles (viewer, editor, admin), their names and what each may do. */
#include "role.h"

#include <string.h>

static const char *const names[] = { "", "viewer", "editor", "admin" };

const char *role_name(int role)
{
	return role > ROLE_NONE && role <= ROLE_ADMIN ? names[role] : "";
}

int role_parse(const char *name)
{
	for (int i = ROLE_VIEWER; name && i <= ROLE_ADMIN; i++)
		if (strcmp(name, names[i]) == 0)
			return i;
	return ROLE_NONE;
}

int role_is_editor(int role)
{
	return role >= ROLE_EDITOR;
}
