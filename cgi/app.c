/* app.c: the shared FastCGI request loop: dispatch table, responses, error pages, logs, workers. */
#define _GNU_SOURCE
#include "app.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>

#include <sys/socket.h>

#include "auth.h"
#include "respcache.h"
#include "slot.h"
#include "tpl.h"


static const char *status_text(int status)
{
	switch (status) {
	case 200: return "OK";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 410: return "Gone";
	case 413: return "Payload Too Large";
	case 422: return "Unprocessable Content";
	case 503: return "Service Unavailable";
	case 507: return "Insufficient Storage";
	default: return status >= 500 ? "Internal Server Error" : "Error";
	}
}

/* Copies s into out as the inside of a quoted logfmt value: quotes and
 * backslashes escaped, control bytes as \xNN. */
static void log_quote(const char *s, char *out, size_t outsz)
{
	size_t o = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p && o + 5 < outsz; p++) {
		if (*p < 0x20 || *p == 0x7f)
			o += (size_t)snprintf(out + o, outsz - o, "\\x%02X", *p);
		else if (*p == '"' || *p == '\\')
			out[o++] = '\\', out[o++] = (char)*p;
		else
			out[o++] = (char)*p;
	}
	out[o] = '\0';
}

/* One logfmt line on stderr (a file, or the journal under systemd):
 * time, level, program, pid, request id, then the fields given. */
static void log_line(const struct request *r, const char *level, const char *fields)
{
	char when[32];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(stderr, "time=%s level=%s program=%s pid=%ld req=%s %s\n", when, level, r ? r->cfg->program : "app",
		(long)getpid(), r ? r->id : "-", fields);
}

void app_log(const struct request *r, const char *level, const char *fmt, ...)
{
	char msg[1024], quoted[2048], fields[2100];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	log_quote(msg, quoted, sizeof(quoted));
	snprintf(fields, sizeof(fields), "msg=\"%s\"", quoted);
	log_line(r, level, fields);
}

void app_log_event(const struct request *r, const char *event, const char *user, const char *fields)
{
	char quser[300], qaddr[200], line[1200];
	const char *addr = app_param(r, "REMOTE_ADDR");
	log_quote(user ? user : "", quser, sizeof(quser));
	log_quote(addr ? addr : "", qaddr, sizeof(qaddr));
	snprintf(line, sizeof(line), "event=%s user=\"%s\" addr=\"%s\"%s%s", event, quser, qaddr, fields && *fields ? " " : "",
		 fields ? fields : "");
	log_line(r, "INFO", line);
}

/* The access line of one request. */
static void log_request(const struct request *r, double ms)
{
	char path[1024], fields[1200];
	log_quote(r->path, path, sizeof(path));
	snprintf(fields, sizeof(fields), "method=%s path=\"%s\" status=%d bytes=%zu ms=%.2f cached=%s", r->method, path,
		 r->status, r->sent, ms, r->cached ? "yes" : "no");
	log_line(r, "INFO", fields);
}

void app_begin(struct request *r, int status, const char *content_type, const char *extra_headers)
{
	if (r->started)
		return;
	r->started = 1;
	r->status = status;
	struct buf head;
	buf_init(&head, 1 << 16);
	buf_printf(&head, "Status: %d %s\r\n", status, status_text(status));
	if (content_type)
		buf_printf(&head, "Content-Type: %s\r\n", content_type);
	if (extra_headers)
		buf_puts(&head, extra_headers);
	if (r->etag[0] && (status == 200 || status == 304))
		buf_printf(&head, "ETag: %s\r\n", r->etag);
	if (FCGX_PutStr(head.data, (int)head.len, r->fcgx->out) != (int)head.len)
		r->broken = 1;
	if (r->session_headers) /* this user's own: sent, never kept by respcache */
		FCGX_PutS(r->session_headers, r->fcgx->out);
	buf_puts(&head, "\r\n");
	if (FCGX_PutStr("\r\n", 2, r->fcgx->out) != 2)
		r->broken = 1;
	if (status != 200 || r->broken)
		r->capture = NULL; /* only whole 200 responses are kept */
	if (r->capture && buf_append(r->capture, head.data, head.len) < 0)
		r->capture = NULL;
	buf_free(&head);
}

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Lets a write to nginx block only until the response's deadline. Returns
 * 0, or -1 when the deadline has passed. */
static int arm_deadline(struct request *r)
{
	double left = r->deadline - now_s();
	int passed = left <= 0;
	if (passed)
		left = 1e-3; /* what is left (closing records) must not block either */
	struct timeval tv = { (time_t)left, (suseconds_t)((left - (double)(time_t)left) * 1e6) };
	setsockopt(r->fcgx->ipcFd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	return passed ? -1 : 0;
}

/* The response will not reach its end: the client went away, or did not
 * read it before the deadline. */
static int cut_off(struct request *r)
{
	r->broken = 1;
	r->capture = NULL; /* a response cut short is never kept */
	if (now_s() >= r->deadline)
		app_log(r, "WARN", "%s was not read within %d s (RESPONSE_TIMEOUT): cut off after %zu bytes", r->path,
			r->cfg->response_timeout, r->sent);
	return -1;
}

int app_write(struct request *r, const void *p, size_t n)
{
	if (r->head)
		return 0;
	if (r->broken)
		return -1;
	if (arm_deadline(r) < 0)
		return cut_off(r);
	if (r->capture && buf_append(r->capture, p, n) < 0)
		r->capture = NULL; /* too large to keep: just send it */
	while (n) {
		int k = n > (1u << 30) ? 1 << 30 : (int)n;
		if (FCGX_PutStr(p, k, r->fcgx->out) != k)
			return cut_off(r);
		r->sent += (size_t)k;
		p = (const char *)p + k;
		n -= (size_t)k;
	}
	return 0;
}

int app_long_response(struct request *r)
{
	if (r->head || r->slot >= 0)
		return 0;
	r->slot = slot_take();
	return r->slot >= 0 ? 0 : -1;
}

void app_send(struct request *r, int status, const char *content_type, const struct buf *body)
{
	app_begin(r, status, content_type, NULL);
	app_write(r, buf_str(body), body->len);
}

void app_set_reason(struct request *r, const char *reason)
{
	r->reason = reason;
}

const char *app_reason(const struct request *r)
{
	return r->reason;
}

void app_error_page(struct request *r, int status, const char *title, const char *message)
{
	struct buf body;
	buf_init(&body, 1 << 20);
	struct tpl_dict *d = tpl_new();
	if (d) {
		tpl_setf(d, "STATUS", "%d", status);
		tpl_set(d, "TITLE", title);
		tpl_set(d, "MESSAGE", message);
	}
	if (!d || tpl_expand("error.tpl", d, &body) < 0) {
		buf_reset(&body);
		buf_printf(&body, "%d %s\n", status, status_text(status));
		app_begin(r, status, "text/plain; charset=utf-8", NULL);
	} else {
		app_begin(r, status, "text/html; charset=utf-8", NULL);
	}
	app_write(r, buf_str(&body), body.len);
	tpl_free(d);
	buf_free(&body);
}

/* Sends the kept copy of the response for r->etag; returns 1 when it did, else 0. */
static int serve_kept(struct request *r)
{
	size_t len;
	const char *bytes = respcache_find(r->etag, &len);
	if (!bytes)
		return 0;
	r->started = 1;
	r->status = 200;
	r->capture = NULL;
	r->cached = 1;
	const char *end = r->head ? memmem(bytes, len, "\r\n\r\n", 4) : NULL;
	if (end) /* a HEAD gets the headers only */
		len = (size_t)(end - bytes) + 4;
	if (FCGX_PutStr(bytes, (int)len, r->fcgx->out) != (int)len)
		r->broken = 1;
	else if (!r->head)
		r->sent = len;
	return 1;
}

int app_not_modified(struct request *r, const char *version, const char *query)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a over the parts that decide the bytes */
	const char *part[] = { r->cfg->program, r->path, version, query, r->cfg->build };
	for (size_t i = 0; i < sizeof(part) / sizeof(part[0]); i++) {
		for (const unsigned char *p = (const unsigned char *)(part[i] ? part[i] : ""); *p; p++)
			h = (h ^ *p) * 1099511628211ull;
		h = (h ^ 0xff) * 1099511628211ull;
	}
	snprintf(r->etag, sizeof(r->etag), "\"%016llx\"", (unsigned long long)h);
	const char *inm = app_param(r, "HTTP_IF_NONE_MATCH");
	if (inm && strstr(inm, r->etag)) {
		app_begin(r, 304, NULL, NULL);
		return 1;
	}
	return r->session_headers ? 0 : serve_kept(r); /* a kept copy would lack the Set-Cookie */
}

const char *app_param(const struct request *r, const char *name)
{
	return FCGX_GetParam(name, r->fcgx->envp);
}

char *app_read_body(struct request *r, size_t max)
{
	const char *len = app_param(r, "CONTENT_LENGTH");
	long n = len ? strtol(len, NULL, 10) : 0;
	if (n < 0 || (size_t)n > max)
		return NULL;
	char *body = arena_alloc(r->arena, (size_t)n + 1);
	if (!body || FCGX_GetStr(body, (int)n, r->fcgx->in) != (int)n)
		return NULL;
	body[n] = '\0';
	return body;
}

int app_same_origin(const struct request *r)
{
	const char *site = app_param(r, "HTTP_SEC_FETCH_SITE");
	if (site)
		return strcmp(site, "same-origin") == 0 || strcmp(site, "none") == 0;
	const char *origin = app_param(r, "HTTP_ORIGIN"), *host = app_param(r, "HTTP_HOST");
	if (!origin || !host)
		return 0;
	const char *sep = strstr(origin, "://");
	if (!sep)
		return 0;
	const char *ohost = sep + 3;
	size_t n = strcspn(ohost, "/");
	return strlen(host) == n && strncasecmp(ohost, host, n) == 0;
}

static const char *param(FCGX_Request *q, const char *name, const char *fallback)
{
	const char *v = FCGX_GetParam(name, q->envp);
	return v ? v : fallback;
}

/* Finds the page for the path and method (HEAD serves a GET page); *path_known
 * tells whether some page has the path, for a 405 rather than a 404. */
static const struct app_page *route(const struct app_page *pages, size_t n, const char *path,
				    const char *method, int *path_known)
{
	*path_known = 0;
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(pages[i].path);
		int prefix = len > 1 && pages[i].path[len - 1] == '/';
		if (prefix ? strncmp(path, pages[i].path, len) == 0 : strcmp(path, pages[i].path) == 0) {
			*path_known = 1;
			int get_like = strcmp(method, "HEAD") == 0 && strcmp(pages[i].method, "GET") == 0;
			if (strcmp(method, pages[i].method) == 0 || get_like)
				return &pages[i];
		}
	}
	return NULL;
}

static void handle(struct request *r, const struct app_page *pages, size_t npages)
{
	int known;
	const struct app_page *pg = route(pages, npages, r->path, r->method, &known);
	if (!pg) {
		if (known)
			app_error_page(r, 405, "Method not allowed", "This address does not accept that method.");
		else
			app_error_page(r, 404, "Not found", "There is no page at this address.");
		return;
	}
	if (strcmp(r->method, "POST") == 0 && !app_same_origin(r)) {
		app_error_page(r, 403, "Forbidden", "This form was sent from another site (or without an Origin header), "
			       "so it was refused. Send it from this dashboard's own pages.");
		return;
	}
	if (!auth_check(r) && !pg->open) {
		auth_refuse(r);
		return;
	}
	enum app_status st = pg->handler(r);
	if (st == APP_OK || r->started)
		return;
	switch (st) {
	case APP_BAD_REQUEST:
		app_error_page(r, 400, "Bad request", r->reason ? r->reason : "The request is malformed.");
		break;
	case APP_NOT_FOUND:
		app_error_page(r, 404, "Not found", r->reason ? r->reason : "There is no such page.");
		break;
	case APP_FORBIDDEN:
		app_error_page(r, 403, "Forbidden", r->reason ? r->reason : "You may not do this.");
		break;
	case APP_UNAVAILABLE:
		app_error_page(r, 503, "No data yet", r->reason ? r->reason : "No dataset is active yet.");
		break;
	default:
		app_log(r, "ERROR", "%s %s failed: %s", r->method, r->path, r->reason ? r->reason : "internal error");
		app_error_page(r, 500, "Internal error", "The page could not be produced; the error is logged.");
		break;
	}
}

static volatile sig_atomic_t stopping;

static void on_stop(int sig)
{
	(void)sig;
	stopping = 1;
}

/* Serves requests until SIGTERM, which lets the request in hand finish:
 * accept() fails on the signal, nothing else interrupts it. */
static int worker_loop(const struct settings *cfg, const struct app_page *pages, size_t npages)
{
	FCGX_Request q;
	struct arena arena;
	unsigned long seq = 0;
	if (FCGX_InitRequest(&q, 0, FCGI_FAIL_ACCEPT_ON_INTR) != 0)
		return 1;
	arena_init(&arena, 0);
	while (!stopping) {
		if (FCGX_Accept_r(&q) < 0) {
			if (errno == EINTR)
				continue; /* the loop condition decides */
			break;
		}
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		struct request r = {
			.fcgx = &q, .cfg = cfg, .arena = &arena,
			.method = param(&q, "REQUEST_METHOD", "GET"),
			.path = param(&q, "DOCUMENT_URI", param(&q, "SCRIPT_NAME", "/")),
			.query = param(&q, "QUERY_STRING", ""),
			.deadline = (double)t0.tv_sec + (double)t0.tv_nsec / 1e9 + cfg->response_timeout,
			.slot = -1,
		};
		snprintf(r.id, sizeof(r.id), "%lx-%lu", (long)getpid(), ++seq);
		r.head = strcmp(r.method, "HEAD") == 0;
		arm_deadline(&r);
		struct buf capture;
		buf_init(&capture, RESPCACHE_MAX_ENTRY);
		r.capture = r.head ? NULL : &capture;
		handle(&r, pages, npages);
		/* Kept only when every byte reached nginx: a client that went away
		 * (or a HEAD) must not leave a cut-short copy for the next user. */
		if (r.capture && !r.broken && r.status == 200 && r.etag[0] && FCGX_FFlush(q.out) == 0 &&
		    FCGX_GetError(q.out) == 0)
			respcache_store(r.etag, &capture);
		buf_free(&capture);
		slot_release(r.slot);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
		log_request(&r, ms);
		FCGX_Finish_r(&q);
		arena_reset(&arena);
	}
	FCGX_Free(&q, 1);
	arena_free(&arena);
	return 0;
}

static pid_t spawn(const struct settings *cfg, const struct app_page *pages, size_t npages)
{
	pid_t pid = fork();
	if (pid == 0) {
		struct sigaction sa;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_stop; /* no SA_RESTART: accept() returns */
		sigaction(SIGTERM, &sa, NULL);
		signal(SIGINT, SIG_DFL);
		_exit(worker_loop(cfg, pages, npages));
	}
	return pid;
}

/* Keeps cfg->workers workers alive until SIGTERM or SIGINT. */
static int supervise(const struct settings *cfg, const struct app_page *pages, size_t npages)
{
	pid_t kids[SETTINGS_MAX_WORKERS] = { 0 };
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	for (int i = 0; i < cfg->workers; i++)
		kids[i] = spawn(cfg, pages, npages);
	time_t window = time(NULL);
	int restarts = 0;
	while (!stopping) {
		int st;
		pid_t dead = waitpid(-1, &st, 0);
		if (dead < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (int i = 0; i < cfg->workers; i++) {
			if (kids[i] != dead || stopping)
				continue;
			app_log(NULL, "WARN", "%s worker %ld ended (%s %d); starting another", cfg->program, (long)dead,
				WIFSIGNALED(st) ? "signal" : "status", WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
			if (time(NULL) != window) {
				window = time(NULL);
				restarts = 0;
			}
			if (++restarts > 20)
				sleep(1); /* a worker that dies at once must not spin the machine */
			kids[i] = spawn(cfg, pages, npages);
		}
	}
	for (int i = 0; i < cfg->workers; i++)
		if (kids[i] > 0)
			kill(kids[i], SIGTERM);
	while (waitpid(-1, NULL, 0) > 0 || errno == EINTR)
		;
	return 0;
}

int app_main(const char *program, const struct app_page *pages, size_t npages)
{
	static struct settings cfg;
	char err[300];
	if (settings_read(&cfg, program, err, sizeof(err)) < 0) {
		fprintf(stderr, "%s: %s\n", program, err);
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);
	const char *log = cfg.log_file;
	if (log) {
		int fd = open(log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
		if (fd < 0 || dup2(fd, STDERR_FILENO) < 0) {
			perror(log);
			return 1;
		}
		close(fd);
	}
	setvbuf(stderr, NULL, _IOLBF, 0);
	tpl_set_root(cfg.templates);
	if (auth_init(err, sizeof(err)) < 0) {
		fprintf(stderr, "%s: %s\n", program, err);
		return 1;
	}
	if (FCGX_Init() != 0 || FCGX_IsCGI()) {
		fprintf(stderr, "%s: must be started by a FastCGI spawner with the socket on fd 0\n", program);
		return 1;
	}
	/* Responses that may take long to be read share WORKERS - 1 slots, so
	 * one worker always stays free for everything else. */
	if (slot_init(cfg.workers > 1 ? cfg.workers - 1 : 1) < 0)
		app_log(NULL, "WARN", "%s: no shared slots (%s): long downloads are not limited", program, strerror(errno));
	return supervise(&cfg, pages, npages);
}
