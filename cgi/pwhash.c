/* pwhash.c: password hashes: yescrypt through libcrypt for new ones; SHA-512-crypt still verified (to be replaced). */
#define _GNU_SOURCE
#include "pwhash.h"

#include <crypt.h>
#include <stdlib.h>
#include <string.h>

int pwhash_make(const char *pw, char *out, size_t outsz)
{
	char salt[CRYPT_GENSALT_OUTPUT_SIZE];
	struct crypt_data *cd = calloc(1, sizeof(*cd));
	int rc = -1;
	/* libcrypt's default yescrypt cost (5, "$y$j9T$"): about 30 ms. */
	if (cd && crypt_gensalt_rn("$y$", 0, NULL, 0, salt, sizeof(salt))) {
		const char *h = crypt_rn(pw, salt, cd, sizeof(*cd));
		if (h && h[0] == '$' && strlen(h) < outsz) {
			memcpy(out, h, strlen(h) + 1);
			rc = 0;
		}
	}
	if (cd)
		explicit_bzero(cd, sizeof(*cd));
	free(cd);
	return rc;
}

int pwhash_check(const char *pw, const char *hash)
{
	if (!hash || (strncmp(hash, "$y$", 3) != 0 && strncmp(hash, "$6$", 3) != 0))
		return 0;
	struct crypt_data *cd = calloc(1, sizeof(*cd));
	if (!cd)
		return 0;
	const char *h = crypt_rn(pw, hash, cd, sizeof(*cd));
	int ok = 0;
	size_t n = strlen(hash);
	if (h && h[0] == '$' && strlen(h) == n) {
		unsigned char diff = 0;
		for (size_t i = 0; i < n; i++)
			diff |= (unsigned char)(h[i] ^ hash[i]);
		ok = diff == 0;
	}
	explicit_bzero(cd, sizeof(*cd));
	free(cd);
	return ok;
}

int pwhash_strong(const char *hash)
{
	return strncmp(hash, "$y$", 3) == 0 || strncmp(hash, "$argon2id$", 10) == 0;
}

void pwhash_dummy(const char *pw)
{
	static char dummy[PWHASH_MAX];
	if (!dummy[0] && pwhash_make("not a password", dummy, sizeof(dummy)) < 0)
		return;
	(void)pwhash_check(pw, dummy);
}
