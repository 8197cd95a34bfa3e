/* session.c: the signed session value (user, role, issue time, expiry, last use, generation) and its key. */
#define _GNU_SOURCE
#include "session.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "role.h"

#define KEY_LEN 32

static unsigned char key[KEY_LEN];
static int have_key;

static int read_key(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ssize_t n = read(fd, key, sizeof(key));
	close(fd);
	return n == KEY_LEN ? 0 : -1;
}

int session_key_init(const char *dir)
{
	char path[4096], tmp[4200];
	snprintf(path, sizeof(path), "%s/session.key", dir);
	if (read_key(path) == 0)
		return have_key = 1, 0;
	unsigned char fresh[KEY_LEN];
	if (getrandom(fresh, sizeof(fresh), 0) != (ssize_t)sizeof(fresh))
		return -1;
	snprintf(tmp, sizeof(tmp), "%s.tmp-%ld", path, (long)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	int ok = write(fd, fresh, sizeof(fresh)) == (ssize_t)sizeof(fresh) && fsync(fd) == 0;
	close(fd);
	/* link() never replaces: a program that lost the race reads the winner's key. */
	if (ok && link(tmp, path) < 0 && errno != EEXIST)
		ok = 0;
	unlink(tmp);
	explicit_bzero(fresh, sizeof(fresh));
	if (!ok || read_key(path) < 0)
		return -1;
	have_key = 1;
	return 0;
}

/* HMAC-SHA-256 (RFC 2104) of msg under the key, in lowercase hex: two
 * one-shot digests over the padded key, about 1 us (OpenSSL's HMAC()
 * fetches its algorithm on every call, about 5 us). */
static void mac_hex(const char *msg, size_t n, char out[65])
{
	unsigned char buf[64 + SESSION_TOKEN_MAX], mac[32];
	unsigned int len = sizeof(mac);
	static const char hex[] = "0123456789abcdef";
	if (n > SESSION_TOKEN_MAX)
		n = SESSION_TOKEN_MAX; /* never signed: session_make and session_parse bound n */
	memset(buf, 0x36, 64);
	for (int i = 0; i < KEY_LEN; i++)
		buf[i] ^= key[i];
	memcpy(buf + 64, msg, n);
	EVP_Digest(buf, 64 + n, mac, &len, EVP_sha256(), NULL);
	memset(buf, 0x5c, 64);
	for (int i = 0; i < KEY_LEN; i++)
		buf[i] ^= key[i];
	memcpy(buf + 64, mac, 32);
	EVP_Digest(buf, 64 + 32, mac, &len, EVP_sha256(), NULL);
	for (int i = 0; i < 32; i++) {
		out[2 * i] = hex[mac[i] >> 4];
		out[2 * i + 1] = hex[mac[i] & 15];
	}
	out[64] = '\0';
	explicit_bzero(buf, 64);
}

int session_make(const struct session *s, char *out, size_t outsz)
{
	if (!have_key || !users_name_ok(s->user))
		return -1;
	int n = snprintf(out, outsz, "%s:%s:%ld:%ld:%ld:%lu:", s->user, role_name(s->role), s->issued, s->expires,
			 s->seen, s->gen);
	if (n < 0 || (size_t)n + 65 > outsz)
		return -1;
	mac_hex(out, (size_t)n, out + n);
	return 0;
}

int session_parse(const char *token, struct session *s)
{
	size_t n = strlen(token);
	if (!have_key || n < 66 || n >= SESSION_TOKEN_MAX || token[n - 65] != ':')
		return -1;
	char want[65];
	mac_hex(token, n - 64, want);
	if (CRYPTO_memcmp(want, token + n - 64, 64) != 0)
		return -1;
	char copy[SESSION_TOKEN_MAX], role[16];
	memcpy(copy, token, n - 65);
	copy[n - 65] = '\0';
	memset(s, 0, sizeof(*s));
	char *colon = strchr(copy, ':');
	if (!colon || (size_t)(colon - copy) > USERS_NAME_MAX)
		return -1;
	*colon = '\0';
	strcpy(s->user, copy);
	int used = 0;
	if (sscanf(colon + 1, "%15[a-z]:%ld:%ld:%ld:%lu%n", role, &s->issued, &s->expires, &s->seen, &s->gen, &used) != 5 ||
	    colon[1 + used] != '\0' || !users_name_ok(s->user) || (s->role = role_parse(role)) == 0)
		return -1;
	return 0;
}

void session_digest(const void *p, size_t n, unsigned char out[32])
{
	unsigned int len = 32;
	EVP_Digest(p, n, out, &len, EVP_sha256(), NULL);
}
