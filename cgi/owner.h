/* owner.h: files that root writes into a store owned by the service user are handed to that user. */
#ifndef OWNER_H
#define OWNER_H

/* When this process runs as root and the directory `like` belongs to another
 * user, gives path (not following a symlink) to that user and group, so
 * `make import` or a root cron job never leaves files the service cannot
 * read. Otherwise does nothing. */
void owner_match(const char *like, const char *path);
/* owner_match for a directory and every entry directly in it. */
void owner_match_dir(const char *like, const char *dir);

#endif
