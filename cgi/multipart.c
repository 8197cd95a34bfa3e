/* multipart.c: the upload form's multipart/form-data body, parsed by GMime, files written to a directory. */
#define _GNU_SOURCE
#include "multipart.h"

#include <errno.h>
#include <fcntl.h>
#include <gmime/gmime.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static void init_once(void)
{
	static int done;
	if (!done) {
		g_mime_init();
		done = 1;
	}
}

/* A stream of "Content-Type: ...\r\n\r\n" followed by the spooled body, so
 * GMime sees a whole MIME entity. NULL when the file cannot be opened. */
static GMimeStream *entity_stream(const char *content_type, const char *body_path, char *header, size_t hsz)
{
	GError *gerr = NULL;
	GMimeStream *body = g_mime_stream_fs_open(body_path, O_RDONLY, 0, &gerr);
	if (!body) {
		g_clear_error(&gerr);
		return NULL;
	}
	int n = snprintf(header, hsz, "Content-Type: %s\r\n\r\n", content_type);
	GMimeStream *cat = g_mime_stream_cat_new();
	GMimeStream *head = g_mime_stream_mem_new_with_buffer(header, (size_t)n);
	g_mime_stream_cat_add_source(GMIME_STREAM_CAT(cat), head);
	g_mime_stream_cat_add_source(GMIME_STREAM_CAT(cat), body);
	g_object_unref(head);
	g_object_unref(body);
	return cat;
}

static int field_index(const char *name)
{
	static const char *const field[DSF__MAX] = { "influencers", "posts", "tracking_data", "payouts" };
	for (int f = 0; name && f < DSF__MAX; f++)
		if (strcmp(name, field[f]) == 0)
			return f;
	return -1;
}

/* Writes one part's decoded content to path; returns its size or -1. */
static long long write_part(GMimePart *part, const char *path)
{
	GError *gerr = NULL;
	GMimeStream *out = g_mime_stream_fs_open(path, O_WRONLY | O_CREAT | O_EXCL, 0640, &gerr);
	if (!out) {
		int saved = errno;
		g_clear_error(&gerr);
		errno = saved;
		return -1;
	}
	GMimeDataWrapper *content = g_mime_part_get_content(part);
	long long n = content ? (long long)g_mime_data_wrapper_write_to_stream(content, out) : 0;
	if (n >= 0 && (g_mime_stream_flush(out) < 0 || fsync(GMIME_STREAM_FS(out)->fd) < 0))
		n = -1;
	int saved = errno;
	g_object_unref(out);
	errno = saved;
	return n;
}

/* True when a text part's content is exactly value (short values only). */
static int text_is(GMimePart *part, const char *value)
{
	GMimeDataWrapper *content = g_mime_part_get_content(part);
	GMimeStream *mem = g_mime_stream_mem_new();
	size_t n = strlen(value);
	int same = 0;
	if (content && g_mime_data_wrapper_write_to_stream(content, mem) == (ssize_t)n) {
		GByteArray *a = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
		same = a && a->len == n && memcmp(a->data, value, n) == 0;
	}
	g_object_unref(mem);
	return same;
}

/* Takes one part of the form; returns 0 or -1 with err set. */
static int take_part(GMimeObject *obj, const char *dest_dir, struct form *out, char *err, size_t errsz)
{
	if (!GMIME_IS_PART(obj))
		return 0; /* nested multiparts are not part of this form */
	const char *name = g_mime_object_get_content_disposition_parameter(obj, "name");
	const char *filename = g_mime_part_get_filename(GMIME_PART(obj));
	int f = field_index(name);
	if (!filename) { /* a text field: only the date order is read */
		if (name && strcmp(name, "dates") == 0)
			out->month_first = text_is(GMIME_PART(obj), "mdy");
		return 0;
	}
	if (f < 0) {
		snprintf(err, errsz, "the form field \"%.40s\" is not one of influencers, posts, tracking_data, payouts",
			 name ? name : "");
		return -1;
	}
	struct form_file *ff = &out->file[f];
	if (ff->present) {
		snprintf(err, errsz, "the file field \"%s\" was sent twice", name);
		return -1;
	}
	snprintf(ff->path, sizeof(ff->path), "%s/%s", dest_dir, ds_file_name[f]);
	errno = 0;
	long long size = write_part(GMIME_PART(obj), ff->path);
	if (size < 0) {
		out->store_errno = errno ? errno : EIO;
		snprintf(err, errsz, "could not store the uploaded %s: %s", ds_file_name[f], strerror(out->store_errno));
		return -2;
	}
	if (*filename == '\0' && size == 0) { /* the browser's "no file chosen" */
		unlink(ff->path);
		return 0;
	}
	ff->present = 1;
	ff->size = size;
	snprintf(ff->filename, sizeof(ff->filename), "%s", filename);
	out->nfiles++;
	return 0;
}

/* True when the body ends with the closing delimiter "--boundary--": a body
 * cut short must not pass for a complete upload with truncated files. */
static int complete_body(const char *content_type, const char *body_path)
{
	const char *b = strcasestr(content_type, "boundary=");
	if (!b)
		return 0;
	b += 9;
	char boundary[1024]; /* the whole boundary: the content type is at most 900 bytes */
	size_t n = 0;
	int quoted = *b == '"';
	b += quoted;
	while (*b && n + 1 < sizeof(boundary) && (quoted ? *b != '"' : *b != ';' && *b != ' '))
		boundary[n++] = *b++;
	boundary[n] = '\0';
	if (n == 0 || n + 1 == sizeof(boundary))
		return 0; /* none, or longer than can be checked: never taken as complete */
	char tail[4096 + 1], want[sizeof(boundary) + 4];
	snprintf(want, sizeof(want), "--%s--", boundary);
	FILE *fp = fopen(body_path, "rb");
	if (!fp)
		return 0;
	long size = fseek(fp, 0, SEEK_END) == 0 ? ftell(fp) : -1;
	long from = size > 4096 ? size - 4096 : 0;
	size_t got = size >= 0 && fseek(fp, from, SEEK_SET) == 0 ? fread(tail, 1, sizeof(tail) - 1, fp) : 0;
	fclose(fp);
	tail[got] = '\0';
	return memmem(tail, got, want, strlen(want)) != NULL;
}

/* Counts the parts of the body before GMime builds them: the delimiters
 * "--boundary" in the file, stopping past max + 1 (the closing one). Returns
 * 1 when there are at most max parts (or the boundary is unknown: GMime
 * then refuses the body), 0 when there are more. */
static int parts_within(const char *content_type, const char *body_path, int max)
{
	GMimeContentType *ct = g_mime_content_type_parse(NULL, content_type);
	const char *boundary = ct ? g_mime_content_type_get_parameter(ct, "boundary") : NULL;
	char delim[256];
	int n = boundary ? snprintf(delim, sizeof(delim), "--%s", boundary) : -1;
	if (ct)
		g_object_unref(ct);
	int fd = open(body_path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (n <= 2 || (size_t)n >= sizeof(delim) || fd < 0 || fstat(fd, &st) < 0 || st.st_size == 0) {
		if (fd >= 0)
			close(fd);
		return 1;
	}
	const char *map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return 1;
	int count = 0;
	for (const char *p = map, *end = map + st.st_size; count <= max + 1 && p < end; p += n, count++) {
		p = memmem(p, (size_t)(end - p), delim, (size_t)n);
		if (!p)
			break;
	}
	munmap((void *)map, (size_t)st.st_size);
	return count <= max + 1;
}

int multipart_read(const char *content_type, const char *body_path, const char *dest_dir, struct form *out,
		   char *err, size_t errsz)
{
	char header[1024];
	memset(out, 0, sizeof(*out));
	if (!content_type || strncasecmp(content_type, "multipart/form-data", 19) != 0 || strlen(content_type) > 900) {
		snprintf(err, errsz, "the upload must be sent as multipart/form-data");
		return -1;
	}
	if (!complete_body(content_type, body_path)) {
		snprintf(err, errsz, "the upload is incomplete (its closing boundary is missing); send it again");
		return -1;
	}
	init_once();
	if (!parts_within(content_type, body_path, MULTIPART_MAX_PARTS)) {
		snprintf(err, errsz, "the upload has more than %d parts; the form sends at most four files",
			 MULTIPART_MAX_PARTS);
		return -3;
	}
	GMimeStream *stream = entity_stream(content_type, body_path, header, sizeof(header));
	if (!stream) {
		snprintf(err, errsz, "the request body could not be read");
		return -1;
	}
	GMimeParser *parser = g_mime_parser_new_with_stream(stream);
	g_mime_parser_set_persist_stream(parser, FALSE);
	GMimeObject *obj = g_mime_parser_construct_part(parser, NULL);
	int rc = 0;
	if (!obj || !GMIME_IS_MULTIPART(obj)) {
		snprintf(err, errsz, "the upload is not a readable multipart/form-data body");
		rc = -1;
	} else {
		GMimeMultipart *mp = GMIME_MULTIPART(obj);
		int n = g_mime_multipart_get_count(mp);
		for (int i = 0; i < n && rc == 0; i++)
			rc = take_part(g_mime_multipart_get_part(mp, i), dest_dir, out, err, errsz);
	}
	if (obj)
		g_object_unref(obj);
	g_object_unref(parser);
	g_object_unref(stream);
	return rc;
}
