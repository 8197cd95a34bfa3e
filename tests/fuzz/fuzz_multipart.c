/* fuzz_multipart.c: libFuzzer target for the upload form's multipart/form-data body (GMime). */
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzzutil.h"
#include "multipart.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FIXED_TYPE "multipart/form-data; boundary=----RoiFormBoundary7MA4YWxkTrZu0gW"

/* The first byte picks where the Content-Type comes from: 'H' takes it from
 * the first line of the rest (as a client could send anything), any other
 * byte uses the browser-like fixed one. The rest is the body. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char type[1100], body[4200], err[512];
	const char *ct = FIXED_TYPE;
	const char *s = (const char *)data;
	size_t n = size;
	if (n && *s == 'H') {
		const char *nl = memchr(s + 1, '\n', n - 1);
		size_t k = nl ? (size_t)(nl - s - 1) : n - 1;
		if (k >= sizeof(type) || memchr(s + 1, '\0', k))
			return 0; /* a header value is a C string of bounded length */
		memcpy(type, s + 1, k);
		type[k] = '\0';
		ct = type;
		s += k + 1 + (nl != NULL);
		n -= k + 1 + (nl != NULL);
	} else if (n) {
		s++;
		n--;
	}
	fu_write("body", s, n, body, sizeof(body));

	struct form form;
	err[0] = '\0';
	int rc = multipart_read(ct, body, fu_dir(), &form, err, sizeof(err));
	if (rc != 0) {
		FU_CHECK(err[0] != '\0' && strlen(err) < sizeof(err));
	} else {
		int count = 0;
		for (int f = 0; f < DSF__MAX; f++) {
			const struct form_file *ff = &form.file[f];
			if (!ff->present)
				continue;
			struct stat st;
			count++;
			FU_CHECK(memchr(ff->filename, '\0', sizeof(ff->filename)) != NULL);
			FU_CHECK(stat(ff->path, &st) == 0 && st.st_size == ff->size);
			FU_CHECK(strcmp(strrchr(ff->path, '/') + 1, ds_file_name[f]) == 0);
		}
		FU_CHECK(count == form.nfiles);
	}
	for (int f = 0; f < DSF__MAX; f++) {
		char p[4200];
		snprintf(p, sizeof(p), "%s/%s", fu_dir(), ds_file_name[f]);
		unlink(p);
	}
	unlink(body);
	return 0;
}
