/* session.h: the signed session value (user, role, issue time, expiry, last use, generation) and its key. */
#ifndef SESSION_H
#define SESSION_H

#include <stddef.h>

#include "users.h"

#define SESSION_COOKIE "roi_session"
#define SESSION_TOKEN_MAX 256

struct session {
	char user[USERS_NAME_MAX + 1];
	int role;
	long issued, expires, seen;  /* Unix times: sign-in, absolute end, last refresh */
	unsigned long gen;           /* the user's generation at sign-in */
};

/* Loads AUTH_DIR/session.key, creating it (32 random bytes, 0600) on first
 * start; programs starting at once agree on one key. 0 or -1. */
int session_key_init(const char *dir);
/* user:role:issued:expires:seen:gen:HMAC-SHA-256 in hex; 0 or -1. */
int session_make(const struct session *s, char *out, size_t outsz);
/* Checks the signature and reads the fields; 0, or -1 for anything else.
 * Times and the generation are the caller's to check. */
int session_parse(const char *token, struct session *s);
/* SHA-256 of bytes (for the Basic cache's keys). */
void session_digest(const void *p, size_t n, unsigned char out[32]);

#endif
