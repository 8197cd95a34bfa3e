/* pwhash.h: password hashes: yescrypt through libcrypt for new ones; SHA-512-crypt still verified (to be replaced). */
#ifndef PWHASH_H
#define PWHASH_H

#include <stddef.h>

#define PWHASH_MAX 256

/* A new yescrypt hash of pw into out (at least PWHASH_MAX bytes); 0 or -1. */
int pwhash_make(const char *pw, char *out, size_t outsz);
/* 1 when pw matches hash (yescrypt $y$, or SHA-512-crypt $6$), else 0;
 * the comparison takes constant time. */
int pwhash_check(const char *pw, const char *hash);
/* 1 when hash is of a strong kind (yescrypt or argon2id); a weaker one is
 * replaced at the next sign-in. */
int pwhash_strong(const char *hash);
/* Spends the time of one check, for a user that does not exist. */
void pwhash_dummy(const char *pw);

#endif
