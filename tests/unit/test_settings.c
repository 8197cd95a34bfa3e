/* test_settings.c: unit tests for settings.c (the environment read once at start). */
#include "testutil.h"

#include "settings.h"

static const char *const vars[] = { "UPLOADS_DIR", "TEMPLATE_DIR", "LOG_FILE", "WORKERS", "RESPONSE_TIMEOUT",
				    "BASELINE_DEFAULT", "NUMBER_FORMAT", "BUILD_ID" };

static int clear(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++)
		unsetenv(vars[i]);
	return 0;
}

/* An empty environment gives the defaults. */
static void test_defaults(void **state)
{
	(void)state;
	struct settings s;
	char err[200];
	assert_int_equal(settings_read(&s, "dashboard", err, sizeof(err)), 0);
	assert_string_equal(s.program, "dashboard");
	assert_string_equal(s.uploads, "uploads");
	assert_null(s.log_file);
	assert_int_equal(s.workers, 2);
	assert_int_equal(s.response_timeout, 600);
	assert_true(s.baseline == 1.0);
	assert_int_equal(s.grouping, SETTINGS_INDIAN);
}

/* Each variable lands in its field; the ones that change pages are part of
 * the build string of the ETags. */
static void test_read(void **state)
{
	(void)state;
	setenv("UPLOADS_DIR", "/srv/up", 1);
	setenv("WORKERS", "999", 1);
	setenv("RESPONSE_TIMEOUT", "30", 1);
	setenv("BASELINE_DEFAULT", "1.5", 1);
	setenv("NUMBER_FORMAT", "western", 1);
	setenv("BUILD_ID", "b7", 1);
	struct settings s;
	char err[200];
	assert_int_equal(settings_read(&s, "export", err, sizeof(err)), 0);
	assert_string_equal(s.uploads, "/srv/up");
	assert_int_equal(s.workers, SETTINGS_MAX_WORKERS);
	assert_int_equal(s.response_timeout, 30);
	assert_true(s.baseline == 1.5);
	assert_int_equal(s.grouping, SETTINGS_WESTERN);
	assert_string_equal(s.build, "b7|1.5|western");
}

/* A bad value is refused with a message naming the variable. */
static void test_refused(void **state)
{
	(void)state;
	static const char *const bad[][2] = { { "BASELINE_DEFAULT", "-1" }, { "BASELINE_DEFAULT", "abc" },
					      { "BASELINE_DEFAULT", "1001" }, { "NUMBER_FORMAT", "dutch" },
					      { "RESPONSE_TIMEOUT", "0" } };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		clear(NULL);
		setenv(bad[i][0], bad[i][1], 1);
		struct settings s;
		char err[200] = "";
		assert_int_equal(settings_read(&s, "dashboard", err, sizeof(err)), -1);
		assert_non_null(strstr(err, bad[i][0]));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_defaults, clear),
		cmocka_unit_test_setup(test_read, clear),
		cmocka_unit_test_setup(test_refused, clear),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
