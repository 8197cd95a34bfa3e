/* role.h: the three roles (viewer, editor, admin), their names and what each may do. */
#ifndef ROLE_H
#define ROLE_H

enum role { ROLE_NONE, ROLE_VIEWER, ROLE_EDITOR, ROLE_ADMIN };

/* "viewer", "editor", "admin" ("" for ROLE_NONE). */
const char *role_name(int role);
/* The role of a name, or ROLE_NONE. */
int role_parse(const char *name);
/* Editors and admins may upload and switch versions. */
int role_is_editor(int role);

#endif
