/* auth.c: who sends a request (a session cookie or HTTP Basic), signing in and out, the settings of sessions. */
#define _GNU_SOURCE
#include "auth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "filter.h"
#include "role.h"
#include "session.h"

#define REFRESH_EVERY 60     /* seconds between refreshes of a session's last use */
#define BASIC_REMEMBER 300   /* seconds a checked Basic header is remembered per worker */
#define BASIC_SLOTS 64
#define FAILS_BEFORE_BACKOFF 5
#define BACKOFF_FIRST 30     /* seconds; doubles with each failure, up to BACKOFF_MAX */
#define BACKOFF_MAX 900

static struct {
	const char *dir;
	long idle, lifetime;
	int secure;
} cfg;

/* Basic headers checked in this worker: the SHA-256 of the header, the
 * user and the generation it was checked at. */
static struct {
	unsigned char digest[32];
	char user[USERS_NAME_MAX + 1];
	unsigned long gen;
	time_t when;
} basic_seen[BASIC_SLOTS];
static size_t basic_next;

/* "12h", "30m", "7d", "90s" or plain seconds; -1 when malformed. */
static long duration(const char *s, long fallback)
{
	if (!s || !*s)
		return fallback;
	char *end;
	long v = strtol(s, &end, 10);
	long unit = *end == 'd' ? 86400 : *end == 'h' ? 3600 : *end == 'm' ? 60 : 1;
	if (v <= 0 || (*end && (strchr("dhms", *end) == NULL || end[1])))
		return -1;
	return v * unit;
}

int auth_init(char *err, size_t errsz)
{
	cfg.dir = getenv("AUTH_DIR") && *getenv("AUTH_DIR") ? getenv("AUTH_DIR") : "nginx/auth";
	cfg.idle = duration(getenv("SESSION_IDLE"), 12 * 3600);
	cfg.lifetime = duration(getenv("SESSION_LIFETIME"), 7 * 86400);
	const char *sec = getenv("COOKIE_SECURE");
	cfg.secure = sec && strcmp(sec, "1") == 0;
	if (cfg.idle < 0 || cfg.lifetime < 0) {
		snprintf(err, errsz, "SESSION_IDLE and SESSION_LIFETIME take a duration such as 12h, 30m or 7d");
		return -1;
	}
	if (session_key_init(cfg.dir) < 0) {
		snprintf(err, errsz, "cannot read or create the session key in %s (AUTH_DIR)", cfg.dir);
		return -1;
	}
	return 0;
}

const char *auth_dir(void)
{
	return cfg.dir;
}

/* The Set-Cookie line for a token (NULL: clear the cookie). */
static void set_cookie(struct request *r, const char *token, long max_age)
{
	const char *https = app_param(r, "HTTPS");
	int secure = cfg.secure || (https && strcasecmp(https, "on") == 0);
	char line[SESSION_TOKEN_MAX + 160];
	snprintf(line, sizeof(line), "Set-Cookie: " SESSION_COOKIE "=%s; Path=/; Max-Age=%ld; HttpOnly; SameSite=Lax%s\r\n",
		 token ? token : "", token ? max_age : 0, secure ? "; Secure" : "");
	r->session_headers = arena_strndup(r->arena, line, strlen(line));
}

static void accept_user(struct request *r, const struct user_rec *rec)
{
	r->user = arena_strndup(r->arena, rec->name, strlen(rec->name));
	r->role = rec->role;
}

/* The value of our cookie in the Cookie header, copied into out; 0 or -1. */
static int cookie_value(const struct request *r, char *out, size_t outsz)
{
	const char *h = app_param(r, "HTTP_COOKIE");
	const size_t klen = sizeof(SESSION_COOKIE) - 1;
	for (const char *p = h; p && *p;) {
		p += strspn(p, " \t;");
		size_t len = strcspn(p, ";");
		if (len > klen && strncmp(p, SESSION_COOKIE "=", klen + 1) == 0 && len - klen - 1 < outsz) {
			memcpy(out, p + klen + 1, len - klen - 1);
			out[len - klen - 1] = '\0';
			return 0;
		}
		p += len;
	}
	return -1;
}

static int check_cookie(struct request *r, time_t now)
{
	char token[SESSION_TOKEN_MAX];
	struct session s;
	if (cookie_value(r, token, sizeof(token)) < 0 || session_parse(token, &s) < 0)
		return 0;
	if (now >= s.expires || now - s.seen > cfg.idle || s.issued > now + 60)
		return 0;
	const struct user_rec *rec = users_cached(cfg.dir, s.user);
	if (!rec || rec->gen != s.gen)
		return 0; /* signed out, password or role changed, or removed */
	accept_user(r, rec);
	if (now - s.seen >= REFRESH_EVERY) {
		s.seen = now;
		s.role = rec->role;
		if (session_make(&s, token, sizeof(token)) == 0)
			set_cookie(r, token, s.expires - now);
	}
	return 1;
}

static int b64val(int c)
{
	const char *abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *p = c ? strchr(abc, c) : NULL;
	return p ? (int)(p - abc) : -1;
}

/* Decodes base64 into out (NUL-terminated); -1 when malformed or too long. */
static int b64decode(const char *in, char *out, size_t outsz)
{
	size_t o = 0;
	unsigned acc = 0;
	int bits = 0;
	for (; *in && *in != '='; in++) {
		int v = b64val((unsigned char)*in);
		if (v < 0)
			return -1;
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (o + 1 >= outsz)
				return -1;
			out[o++] = (char)((acc >> bits) & 0xff);
		}
	}
	out[o] = '\0';
	return strlen(out) == o ? 0 : -1;
}

static int check_basic(struct request *r, time_t now)
{
	const char *h = app_param(r, "HTTP_AUTHORIZATION");
	if (!h || strncasecmp(h, "Basic ", 6) != 0)
		return 0;
	unsigned char digest[32];
	session_digest(h, strlen(h), digest);
	for (size_t i = 0; i < BASIC_SLOTS; i++) {
		if (basic_seen[i].user[0] && now - basic_seen[i].when < BASIC_REMEMBER &&
		    memcmp(basic_seen[i].digest, digest, 32) == 0) {
			const struct user_rec *rec = users_cached(cfg.dir, basic_seen[i].user);
			if (rec && rec->gen == basic_seen[i].gen) {
				accept_user(r, rec);
				return 1;
			}
			basic_seen[i].user[0] = '\0';
		}
	}
	char pair[512];
	char *colon;
	if (b64decode(h + 6, pair, sizeof(pair)) < 0 || (colon = strchr(pair, ':')) == NULL)
		return 0;
	*colon = '\0';
	int ok = auth_sign_in(r, pair, colon + 1, 0) == 0;
	explicit_bzero(pair, sizeof(pair));
	if (!ok)
		return 0;
	const struct user_rec *rec = users_cached(cfg.dir, r->user);
	if (rec) {
		size_t i = basic_next++ % BASIC_SLOTS;
		memcpy(basic_seen[i].digest, digest, 32);
		strcpy(basic_seen[i].user, rec->name);
		basic_seen[i].gen = rec->gen;
		basic_seen[i].when = now;
	}
	return 1;
}

int auth_check(struct request *r)
{
	time_t now = time(NULL);
	r->user = NULL;
	r->role = ROLE_NONE;
	if (!check_cookie(r, now))
		check_basic(r, now);
	return r->role;
}

void auth_refuse(struct request *r)
{
	const char *authz = app_param(r, "HTTP_AUTHORIZATION");
	int get = strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0;
	if (get && !authz) {
		struct buf loc;
		buf_init(&loc, 16384);
		buf_puts(&loc, "Location: /login?next=");
		filter_url_encode(&loc, r->path);
		if (r->query[0]) {
			buf_puts(&loc, "%3F");
			filter_url_encode(&loc, r->query);
		}
		buf_puts(&loc, "\r\n");
		app_begin(r, 303, "text/plain; charset=utf-8", buf_str(&loc));
		buf_free(&loc);
		return;
	}
	if (authz) /* a script's wrong password: the standard challenge */
		r->session_headers = "WWW-Authenticate: Basic realm=\"Influencer ROI\", charset=\"UTF-8\"\r\n";
	app_error_page(r, 401, "Sign-in needed", "This needs a signed-in user: sign in at /login, or send HTTP Basic credentials.");
}

/* Records the outcome of a password check under the users lock: resets or
 * counts failures, stamps the sign-in, replaces a weak hash. */
static void record(const char *name, int ok, const char *password, time_t now)
{
	int lock = users_lock(cfg.dir);
	if (lock < 0)
		return;
	struct users all;
	struct user_rec *rec;
	if (users_read(cfg.dir, &all) == 0 && (rec = users_find(&all, name)) != NULL) {
		if (ok) {
			rec->fails = 0;
			rec->lock_until = 0;
			rec->last_login = now;
			char fresh[PWHASH_MAX];
			if (!pwhash_strong(rec->hash) && pwhash_make(password, fresh, sizeof(fresh)) == 0)
				memcpy(rec->hash, fresh, sizeof(fresh));
		} else if (++rec->fails >= FAILS_BEFORE_BACKOFF) {
			int k = rec->fails - FAILS_BEFORE_BACKOFF;
			long wait = k > 5 ? BACKOFF_MAX : (long)BACKOFF_FIRST << k;
			rec->lock_until = now + (wait > BACKOFF_MAX ? BACKOFF_MAX : wait);
		}
		users_write(cfg.dir, &all);
	}
	users_free(&all);
	users_unlock(lock);
}

int auth_sign_in(struct request *r, const char *user, const char *password, int start_session)
{
	time_t now = time(NULL);
	const struct user_rec *cached = users_name_ok(user) ? users_cached(cfg.dir, user) : NULL;
	struct user_rec rec;
	if (!cached) {
		pwhash_dummy(password); /* the same time as for a user who exists */
		app_log_event(r, "sign_in_failed", user, "reason=unknown_user");
		return -1;
	}
	rec = *cached;
	if (rec.lock_until > now) {
		pwhash_dummy(password);
		app_log_event(r, "sign_in_failed", user, "reason=backoff");
		return -1;
	}
	int ok = pwhash_check(password, rec.hash);
	int weak = ok && !pwhash_strong(rec.hash);
	/* A success after no failure changes only the last sign-in: Basic
	 * checks (every few minutes per worker) skip that write. */
	if (!ok || rec.fails || weak || start_session || now - rec.last_login > 60)
		record(rec.name, ok, password, now);
	if (!ok) {
		app_log_event(r, "sign_in_failed", user, rec.fails + 1 >= FAILS_BEFORE_BACKOFF ? "reason=password backoff=on" : "reason=password");
		return -1;
	}
	app_log_event(r, start_session ? "sign_in" : "basic_sign_in", user, weak ? "hash=upgraded" : "");
	accept_user(r, &rec);
	if (start_session) {
		struct session s = { .role = rec.role, .issued = now, .expires = now + cfg.lifetime, .seen = now, .gen = rec.gen };
		char token[SESSION_TOKEN_MAX];
		strcpy(s.user, rec.name);
		if (session_make(&s, token, sizeof(token)) < 0)
			return -1;
		set_cookie(r, token, cfg.lifetime);
	}
	return 0;
}

void auth_end_sessions(struct user_rec *rec)
{
	rec->gen++;
}

int auth_sign_out(struct request *r)
{
	int rc = -1;
	int lock = users_lock(cfg.dir);
	struct users all;
	struct user_rec *rec;
	if (lock >= 0 && users_read(cfg.dir, &all) == 0) {
		if ((rec = users_find(&all, r->user)) != NULL) {
			auth_end_sessions(rec);
			rc = users_write(cfg.dir, &all);
		}
		users_free(&all);
	}
	users_unlock(lock);
	set_cookie(r, NULL, 0);
	app_log_event(r, "sign_out", r->user, rc == 0 ? "" : "error=not_recorded");
	return rc;
}

const char *auth_safe_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strlen(next) > 4000)
		return "/";
	for (const unsigned char *p = (const unsigned char *)next; *p; p++)
		if (*p < 0x20 || *p == 0x7f || *p == '\\')
			return "/";
	if (strncmp(next, "/login", 6) == 0 || strncmp(next, "/logout", 7) == 0)
		return "/";
	return next;
}
