/* colmap.c: which column of an input file is which schema column: header normalisation, aliases, the user's mapping. */
#include "colmap.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "val.h"

/* Bytes of the blank (space, tab, no-break space as spreadsheets write it)
 * at h[i], or 0. */
static size_t blank_at(const char *h, size_t n, size_t i)
{
	if (h[i] == ' ' || h[i] == '\t')
		return 1;
	return i + 1 < n && (unsigned char)h[i] == 0xC2 && (unsigned char)h[i + 1] == 0xA0 ? 2 : 0;
}

size_t colmap_norm(const char *h, size_t n, char *out, size_t outsz)
{
	size_t o = 0, k;
	while (n && (k = blank_at(h, n, 0)) > 0) {
		h += k;
		n -= k;
	}
	while (n && (blank_at(h, n, n - 1) || (n >= 2 && blank_at(h, n, n - 2) == 2)))
		n -= blank_at(h, n, n - 1) ? 1 : 2;
	for (size_t i = 0; i < n; i++) {
		char c = h[i];
		if ((k = blank_at(h, n, i)) > 0 || c == '-') {
			i += k ? k - 1 : 0;
			while (i + 1 < n && ((k = blank_at(h, n, i + 1)) > 0 || h[i + 1] == '-'))
				i += k ? k : 1;
			c = '_';
		} else if (c >= 'A' && c <= 'Z') {
			c = (char)(c - 'A' + 'a');
		}
		if (o + 1 >= outsz)
			return outsz;
		out[o++] = c;
	}
	out[o] = '\0';
	return o;
}

/* Normalised headers of one file, and which schema column took each. */
struct names {
	char (*norm)[COLMAP_HEADER_MAX];
	int *taken;
	size_t n;
};

/* The first field named name (normalised) not taken yet, or -1. */
static int find(const struct names *nm, const char *name)
{
	for (size_t i = 0; i < nm->n; i++)
		if (nm->taken[i] < 0 && strcmp(nm->norm[i], name) == 0)
			return (int)i;
	return -1;
}

/* Shortened copy of a raw header for a message. */
static void quote_header(struct buf *b, const char *h, size_t n)
{
	val_trim(&h, &n);
	buf_printf(b, "\"%.*s%s\"", (int)(n > 40 ? 40 : n), h, n > 40 ? "..." : "");
}

static void missing(struct importlog *rep, enum ds_file f, const struct col_def *d)
{
	struct buf also;
	buf_init(&also, 0);
	for (int a = 0; a < 2 && d->alias[a]; a++)
		buf_printf(&also, "%s%s", a ? " or " : "", d->alias[a]);
	if (also.len)
		importlog_error(rep, f, 1, d->name, NULL, 0, "missing required column \"%s\" (also read as %s)", d->name,
			     buf_str(&also));
	else
		importlog_error(rep, f, 1, d->name, NULL, 0, "missing required column \"%s\"", d->name);
	buf_free(&also);
}

int colmap_header(const struct colmap *cm, enum ds_file f, char *const *field, const size_t *len, size_t nfields,
		  int colpos[SCHEMA_MAX_COLS], struct importlog *rep)
{
	const struct file_schema *fs = &schema[f];
	struct names nm = { calloc(nfields ? nfields : 1, sizeof(*nm.norm)), calloc(nfields ? nfields : 1, sizeof(int)),
			    nfields };
	int errors = 0, mapped[SCHEMA_MAX_COLS] = { 0 };
	if (!nm.norm || !nm.taken) {
		free(nm.norm);
		free(nm.taken);
		importlog_error(rep, f, 1, NULL, NULL, 0, "out of memory");
		return 1;
	}
	for (size_t i = 0; i < nfields; i++) {
		nm.taken[i] = -1;
		if (colmap_norm(field[i], len[i], nm.norm[i], sizeof(nm.norm[i])) >= sizeof(nm.norm[i]))
			nm.norm[i][0] = '\0'; /* too long to be any column's name */
	}
	for (int c = 0; c < fs->ncols; c++)
		colpos[c] = -1;
	/* the user's choice first, then the canonical names, then the aliases */
	for (int c = 0; cm && c < fs->ncols; c++) {
		const char *want = cm->map[f][c];
		char norm[COLMAP_HEADER_MAX];
		if (!want[0])
			continue;
		colmap_norm(want, strlen(want), norm, sizeof(norm));
		for (size_t i = 0; i < nfields && colpos[c] < 0; i++)
			if (strcmp(nm.norm[i], norm) == 0)
				colpos[c] = (int)i;
		if (colpos[c] < 0) {
			importlog_error(rep, f, 1, fs->col[c].name, want, strlen(want),
				     "the column mapping names a header this file does not have");
			errors++;
		} else {
			nm.taken[colpos[c]] = c;
			mapped[c] = 1;
		}
	}
	for (int c = 0; c < fs->ncols; c++)
		if (colpos[c] < 0 && (colpos[c] = find(&nm, fs->col[c].name)) >= 0)
			nm.taken[colpos[c]] = c;
	for (int c = 0; c < fs->ncols; c++)
		for (int a = 0; a < 2 && colpos[c] < 0 && fs->col[c].alias[a]; a++)
			if ((colpos[c] = find(&nm, fs->col[c].alias[a])) >= 0)
				nm.taken[colpos[c]] = c;
	struct buf extra, renamed;
	buf_init(&extra, 0);
	buf_init(&renamed, 0);
	for (size_t i = 0; i < nfields; i++) {
		int c = nm.taken[i];
		const char *h = field[i];
		size_t n = len[i];
		val_trim(&h, &n);
		if (c < 0) {
			if (extra.len)
				buf_puts(&extra, ", ");
			quote_header(&extra, h, n);
		} else if (mapped[c] || strlen(fs->col[c].name) != n || strncasecmp(h, fs->col[c].name, n) != 0) {
			if (renamed.len)
				buf_puts(&renamed, ", ");
			quote_header(&renamed, h, n);
			buf_printf(&renamed, " as %s%s", fs->col[c].name, mapped[c] ? " (mapped)" : "");
		}
	}
	if (renamed.len)
		importlog_warn(rep, "%s: headers read as: %s", ds_file_name[f], buf_str(&renamed));
	if (extra.len)
		importlog_warn(rep, "%s: extra columns ignored: %s", ds_file_name[f], buf_str(&extra));
	buf_free(&extra);
	buf_free(&renamed);
	for (int c = 0; c < fs->ncols; c++) {
		if (colpos[c] >= 0 || !fs->col[c].column_required || mapped[c])
			continue;
		missing(rep, f, &fs->col[c]);
		rep->file[f].missing |= 1u << c;
		errors++;
	}
	free(nm.norm);
	free(nm.taken);
	return errors;
}

/* The file named by s (with or without ".csv", any case), or -1. */
static int file_by_name(const char *s, size_t n)
{
	for (int f = 0; f < DSF__MAX; f++) {
		size_t k = strlen(ds_file_name[f]) - 4; /* without ".csv" */
		if ((n == k || (n == k + 4 && strncasecmp(s + k, ".csv", 4) == 0)) && strncasecmp(s, ds_file_name[f], k) == 0)
			return f;
	}
	return -1;
}

int colmap_set(struct colmap *cm, enum ds_file f, const char *column, const char *header, char *err, size_t errsz)
{
	char norm[COLMAP_HEADER_MAX];
	colmap_norm(column, strlen(column), norm, sizeof(norm));
	const struct file_schema *fs = &schema[f];
	int c = 0;
	while (c < fs->ncols && strcmp(fs->col[c].name, norm) != 0)
		c++;
	const char *h = header;
	size_t n = strlen(header);
	val_trim(&h, &n);
	if (c == fs->ncols) {
		snprintf(err, errsz, "%s has no column \"%.60s\"", ds_file_name[f], column);
		return -1;
	}
	if (n == 0 || n >= COLMAP_HEADER_MAX || memchr(h, '\n', n) || memchr(h, '\r', n)) {
		snprintf(err, errsz, "%s.%s: the header to read must be 1 to %d characters on one line", ds_file_name[f],
			 fs->col[c].name, COLMAP_HEADER_MAX - 1);
		return -1;
	}
	memcpy(cm->map[f][c], h, n);
	cm->map[f][c][n] = '\0';
	return 0;
}

int colmap_parse(struct colmap *cm, const char *spec, char *err, size_t errsz)
{
	while (spec && *spec) {
		const char *end = strchr(spec, ';');
		size_t n = end ? (size_t)(end - spec) : strlen(spec);
		const char *next = end ? end + 1 : spec + n;
		if (strspn(spec, " \t") >= n) {
			spec = next;
			continue;
		}
		/* file.column=Header, the file with or without .csv */
		const char *eq = memchr(spec, '=', n), *dot = NULL;
		for (const char *p = spec; eq && p < eq; p++)
			if (*p == '.')
				dot = p;
		const char *fn = spec;
		size_t fl = dot ? (size_t)(dot - spec) : 0;
		val_trim(&fn, &fl);
		int f = dot ? file_by_name(fn, fl) : -1;
		char column[COLMAP_HEADER_MAX], header[COLMAP_HEADER_MAX];
		if (f < 0) {
			snprintf(err, errsz, "column mapping \"%.*s\": expected file.column=Header, e.g. "
				 "tracking_data.date=Txn Date", (int)(n > 60 ? 60 : n), spec);
			return -1;
		}
		snprintf(column, sizeof(column), "%.*s", (int)(eq - dot - 1), dot + 1);
		if ((size_t)(spec + n - eq - 1) >= sizeof(header)) {
			snprintf(err, errsz, "column mapping for %s.%s: the header is too long", ds_file_name[f], column);
			return -1;
		}
		snprintf(header, sizeof(header), "%.*s", (int)(spec + n - eq - 1), eq + 1);
		if (colmap_set(cm, (enum ds_file)f, column, header, err, errsz) < 0)
			return -1;
		spec = next;
	}
	return 0;
}

int colmap_save(const char *dir, const struct colmap *cm)
{
	char path[4200];
	int any = 0;
	for (int f = 0; f < DSF__MAX; f++)
		for (int c = 0; c < schema[f].ncols; c++)
			any |= cm->month_first[f] || cm->map[f][c][0];
	if (!any)
		return 0; /* the defaults: no file */
	snprintf(path, sizeof(path), "%s/%s", dir, COLMAP_FILE);
	FILE *fp = fopen(path, "w");
	if (!fp)
		return -1;
	fputs("# how the files of this version were read (dates order, column mapping)\n", fp);
	for (int f = 0; f < DSF__MAX; f++) {
		if (cm->month_first[f])
			fprintf(fp, "%s dates=mdy\n", ds_file_name[f]);
		for (int c = 0; c < schema[f].ncols; c++)
			if (cm->map[f][c][0])
				fprintf(fp, "%s %s=%s\n", ds_file_name[f], schema[f].col[c].name, cm->map[f][c]);
	}
	int rc = fflush(fp) == 0 && fsync(fileno(fp)) == 0 ? 0 : -1;
	int e = errno;
	if (fclose(fp) != 0)
		rc = -1;
	errno = rc ? e : 0;
	return rc;
}

int colmap_load(const char *dir, const int use[DSF__MAX], struct colmap *cm)
{
	char path[4200], line[512], err[160];
	snprintf(path, sizeof(path), "%s/%s", dir, COLMAP_FILE);
	FILE *fp = fopen(path, "r");
	if (!fp)
		return errno == ENOENT ? 0 : -1;
	while (fgets(line, sizeof(line), fp)) {
		line[strcspn(line, "\n")] = '\0';
		char *sp = strchr(line, ' '), *eq = sp ? strchr(sp, '=') : NULL;
		int f = sp ? file_by_name(line, (size_t)(sp - line)) : -1;
		if (line[0] == '#' || !eq || f < 0 || !use[f])
			continue;
		*eq = '\0';
		if (strcmp(sp + 1, "dates") == 0)
			cm->month_first[f] = strcmp(eq + 1, "mdy") == 0;
		else
			colmap_set(cm, (enum ds_file)f, sp + 1, eq + 1, err, sizeof(err));
	}
	fclose(fp);
	return 0;
}
