/* app.h: the shared FastCGI request loop: dispatch table, responses, error pages, logs, workers. */
#ifndef APP_H
#define APP_H

#include <fcgiapp.h>
#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "settings.h"

struct request {
	FCGX_Request *fcgx;
	const struct settings *cfg;     /* the program's settings, read once at start */
	struct arena *arena;
	const char *method;
	const char *path;        /* DOCUMENT_URI without the query */
	const char *query;       /* QUERY_STRING, "" when absent */
	const char *user;        /* the signed-in user (session or Basic), or NULL */
	int role;                /* enum role: ROLE_NONE when nobody signed in */
	const char *session_headers; /* Set-Cookie or WWW-Authenticate lines: sent, never kept by respcache */
	char id[20];             /* request id for the logs */
	int status;              /* set when the response starts */
	int started;             /* headers sent */
	int head;                /* a HEAD request: headers only, no body is ever written */
	int broken;              /* a write failed: the response did not reach its end */
	double deadline;         /* CLOCK_MONOTONIC seconds by which the response must be written */
	int slot;                /* the long-response slot held, or -1 */
	size_t sent;             /* body bytes sent */
	const char *reason;      /* why a handler refused the request */
	char etag[48];           /* sent with the response when set */
	struct buf *capture;     /* the response's bytes, kept for respcache; NULL = not kept */
	int cached;              /* answered from respcache */
};

enum app_status { APP_OK, APP_DONE, APP_BAD_REQUEST, APP_FORBIDDEN, APP_NOT_FOUND, APP_METHOD, APP_UNAVAILABLE, APP_INTERNAL };

/* A page handler: sends a complete response, or returns an error status for
 * the loop to turn into an error page (only before anything was sent).
 * APP_DONE: a response (such as 304) was already sent by a helper. */
typedef enum app_status (*app_handler)(struct request *r);

struct app_page {
	const char *path;        /* exact path, or a prefix when it ends in '/' */
	const char *method;      /* "GET" or "POST" */
	app_handler handler;
	int open;                /* APP_OPEN: answered without a sign-in */
};

#define APP_OPEN 1

/* Runs the program: forks cfg.workers workers on the FastCGI socket at fd 0
 * and restarts any that dies; each worker serves requests through the page
 * table. Returns the process exit status. */
int app_main(const char *program, const struct app_page *pages, size_t npages);

/* Starts a response. extra_headers is either NULL or CRLF-terminated lines
 * built by the program (never raw input). */
void app_begin(struct request *r, int status, const char *content_type, const char *extra_headers);
/* Sends body bytes (after app_begin); for HEAD it writes nothing. Returns 0,
 * or -1 when the client is gone (the response then counts as broken). */
int app_write(struct request *r, const void *p, size_t n);
/* Before a response that may take long to be read (a large export): takes
 * one of the WORKERS - 1 slots for such responses, so a worker always stays
 * free for the others. Returns 0, or -1 when every slot is taken (answer
 * 503 then). A HEAD needs no slot. The slot is freed when the request ends. */
int app_long_response(struct request *r);
/* app_begin plus the whole body. */
void app_send(struct request *r, int status, const char *content_type, const struct buf *body);
/* Sends an HTML error page; message is escaped by the template. */
void app_error_page(struct request *r, int status, const char *title, const char *message);

/* Writes one log line: UTC time, level, program, request id, message with
 * control characters escaped. r may be NULL. */
void app_log(const struct request *r, const char *level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A logfmt line of a sign-in, failure, sign-out or user change: event,
 * user and the client address quoted (control bytes escaped), then
 * fields, already logfmt (may be ""). */
void app_log_event(const struct request *r, const char *event, const char *user, const char *fields);

/* A request header or FastCGI parameter (HTTP_HOST, CONTENT_TYPE, ...), or NULL. */
const char *app_param(const struct request *r, const char *name);

/* Reads a small request body (at most max bytes) into the arena; NULL when
 * it is larger or cannot be read. */
char *app_read_body(struct request *r, size_t max);

/* True when a POST comes from our own pages: Sec-Fetch-Site is same-origin
 * or none, or, without it, the Origin's host equals the Host. */
int app_same_origin(const struct request *r);

/* Conditional GET: sets the response's ETag from the given parts (dataset
 * version, canonical query, program build). When the request's
 * If-None-Match holds it, answers 304; when this worker sent the same ETag
 * before and still keeps the bytes, sends them again. Returns 1 when a
 * response was sent, else 0 (compute the page). */
int app_not_modified(struct request *r, const char *version, const char *query);

/* Message of the latest app_error_page-worthy failure, set by handlers that
 * return APP_BAD_REQUEST (stored in the request's arena). */
void app_set_reason(struct request *r, const char *reason);
const char *app_reason(const struct request *r);

#endif
