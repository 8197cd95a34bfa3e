/* auth.h: who sends a request (a session cookie or HTTP Basic), signing in and out, the settings of sessions. */
#ifndef AUTH_H
#define AUTH_H

#include <stddef.h>

#include "app.h"
#include "users.h"

/* Reads AUTH_DIR, SESSION_IDLE, SESSION_LIFETIME and COOKIE_SECURE, and
 * loads or creates the session key; 0, or -1 with a message in err. */
int auth_init(char *err, size_t errsz);
/* The directory of the users file and the key. */
const char *auth_dir(void);

/* Sets r->user and r->role from a valid session cookie or Basic header;
 * a session cookie due for refresh sets r->session_headers. Returns the
 * role (ROLE_NONE: nobody). */
int auth_check(struct request *r);
/* The answer to a request without a valid login: a GET or HEAD without
 * credentials goes to /login?next=..., anything else gets 401. */
void auth_refuse(struct request *r);

/* Checks a password (with the per-user back-off, the upgrade of a weak
 * hash and the log line); on success sets r->user and r->role, and with
 * start_session the cookie in r->session_headers. 0, or -1 when refused. */
int auth_sign_in(struct request *r, const char *user, const char *password, int start_session);
/* Ends every session of r->user (a generation bump) and clears the cookie. */
int auth_sign_out(struct request *r);
/* Ends every session of a user (after a password or role change); the
 * caller holds the users lock and writes the list. */
void auth_end_sessions(struct user_rec *rec);

/* next when it is a path on this site (/..., not //... or /\...), else "/". */
const char *auth_safe_next(const char *next);

#endif
