/* test_session.c: unit tests for session.c (the signed value, its key), users.c (the users file) and pwhash.c. */
#include "testutil.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "role.h"
#include "session.h"
#include "users.h"

static void test_token_round_trip_and_tampering(void **state)
{
	(void)state;
	char *dir = tu_mkdtemp();
	assert_int_equal(session_key_init(dir), 0);
	char key[4096];
	snprintf(key, sizeof(key), "%s/session.key", dir);
	struct stat st;
	assert_int_equal(stat(key, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(st.st_size, 32);
	struct session s = { .role = ROLE_EDITOR, .issued = 1000, .expires = 2000, .seen = 1500, .gen = 7 }, back;
	strcpy(s.user, "asha.k@x-y_z");
	char tok[SESSION_TOKEN_MAX];
	assert_int_equal(session_make(&s, tok, sizeof(tok)), 0);
	assert_int_equal(session_parse(tok, &back), 0);
	assert_string_equal(back.user, "asha.k@x-y_z");
	assert_int_equal(back.role, ROLE_EDITOR);
	assert_true(back.issued == 1000 && back.expires == 2000 && back.seen == 1500 && back.gen == 7);
	/* any changed byte is refused */
	for (size_t i = 0; tok[i]; i++) {
		char bad[SESSION_TOKEN_MAX];
		strcpy(bad, tok);
		bad[i] = bad[i] == '1' ? '2' : '1';
		assert_int_equal(session_parse(bad, &back), -1);
	}
	assert_int_equal(session_parse("", &back), -1);
	assert_int_equal(session_parse(tok + 1, &back), -1);
	/* a second start reads the same key: the token still verifies */
	assert_int_equal(session_key_init(dir), 0);
	assert_int_equal(session_parse(tok, &back), 0);
	/* a name the users file could not hold is never signed */
	strcpy(s.user, "a:b");
	assert_int_equal(session_make(&s, tok, sizeof(tok)), -1);
	tu_rmtree(dir);
	free(dir);
}

static void test_users_file_round_trip(void **state)
{
	(void)state;
	char *dir = tu_mkdtemp();
	struct users u;
	assert_int_equal(users_read(dir, &u), 0); /* no file: no users */
	assert_int_equal((int)u.n, 0);
	struct user_rec a = { .role = ROLE_ADMIN, .gen = 3, .fails = 2, .lock_until = 99, .last_login = 1234 };
	strcpy(a.name, "ad");
	assert_int_equal(pwhash_make("pw", a.hash, sizeof(a.hash)), 0);
	struct user_rec v = a;
	strcpy(v.name, "vi");
	v.role = ROLE_VIEWER;
	assert_int_equal(users_put(&u, &a), 0);
	assert_int_equal(users_put(&u, &v), 0);
	assert_int_equal(users_write(dir, &u), 0);
	users_free(&u);
	char path[4096];
	snprintf(path, sizeof(path), "%s/users", dir);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(users_read(dir, &u), 0);
	assert_int_equal((int)u.n, 2);
	struct user_rec *r = users_find(&u, "ad");
	assert_non_null(r);
	assert_true(r->role == ROLE_ADMIN && r->gen == 3 && r->fails == 2 && r->lock_until == 99 && r->last_login == 1234);
	assert_true(pwhash_check("pw", r->hash));
	assert_int_equal((int)users_count_role(&u, ROLE_ADMIN), 1);
	assert_int_equal(users_remove(&u, "ad"), 0);
	assert_int_equal(users_remove(&u, "ad"), -1);
	assert_null(users_find(&u, "ad"));
	users_free(&u);
	/* the cached copy follows the file */
	assert_non_null(users_cached(dir, "ad"));
	free(tu_write_file(dir, "users", "# header\nvi:viewer:1:0:0:0:$y$x\nbad line\nx:nobody:0:0:0:0:h\n"));
	assert_null(users_cached(dir, "ad"));
	assert_non_null(users_cached(dir, "vi"));
	assert_null(users_cached(dir, "x"));
	tu_rmtree(dir);
	free(dir);
}

static void test_names_and_hashes(void **state)
{
	(void)state;
	assert_true(users_name_ok("asha.k@example-1_x"));
	assert_false(users_name_ok(""));
	assert_false(users_name_ok("a b"));
	assert_false(users_name_ok("a:b"));
	assert_false(users_name_ok("a\nb"));
	char long_name[80];
	memset(long_name, 'a', 65);
	long_name[65] = '\0';
	assert_false(users_name_ok(long_name));
	char h[PWHASH_MAX];
	assert_int_equal(pwhash_make("secret", h, sizeof(h)), 0);
	assert_true(strncmp(h, "$y$", 3) == 0 && pwhash_strong(h));
	assert_true(pwhash_check("secret", h));
	assert_false(pwhash_check("Secret", h));
	/* SHA-512-crypt (the old users.sh, 1,000 rounds) still checks, and is weak */
	const char *old = "$6$rounds=1000$abcdefgh$xkrecNsOlcw96K3xhQ20wKaYDClUYHNCzWMPnsW3CQPgRPKX/TPuaXN0Gn1UiaFrEPiFxOW4LVAm8LBHZcxdX0";
	assert_false(pwhash_strong(old));
	assert_true(pwhash_check("old-pw", old));
	assert_false(pwhash_check("old-pX", old));
	assert_false(pwhash_check("", "$1$md5$whatever"));
	assert_false(pwhash_check("x", "plain"));
	assert_string_equal(role_name(ROLE_ADMIN), "admin");
	assert_int_equal(role_parse("editor"), ROLE_EDITOR);
	assert_int_equal(role_parse("root"), ROLE_NONE);
	assert_true(role_is_editor(ROLE_ADMIN) && !role_is_editor(ROLE_VIEWER));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_token_round_trip_and_tampering),
		cmocka_unit_test(test_users_file_round_trip),
		cmocka_unit_test(test_names_and_hashes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
