/* role.h: who may change data: the editors' password file named by EDITORS_FILE. */
#ifndef ROLE_H
#define ROLE_H

/* True when user is listed in the editors' password file (whole lines are
 * read, so a long line cannot pass for another user). */
int role_is_editor(const char *user);

#endif
