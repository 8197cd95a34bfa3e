/* test_pdf.c: unit tests for pdf.c (PDF bytes, text as pdftotext reads it, libharu errors, page breaks). */
#include "testutil.h"

#include <sys/wait.h>

#include "fmt.h"
#include "metrics.h"
#include "pdf.h"
#include "trend.h"

#define FONT "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
#define BOLD "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

/* The spec's worked example, with a non-ASCII name and a long one holding a
 * newline (quoted CSV) that must be drawn as a space and shortened. */
#define INFL TU_INFL_HDR "A,Asha V\xc3\xa9rma,Fitness,Female,1000,Instagram\n" \
	"B,\"Bala\nKrishnan with a very long display name that cannot fit in the column at all\",Fitness,Male,2000,YouTube\n" \
	"C,Chen \xc3\x9c" "ber,Yoga,Female,10,Instagram\n"
#define POSTS TU_POST_HDR "A,,2025-01-01,https://x.test/1,one,1000,50,10\nB,,2025-01-02,,two,3000,10,0\n"
#define TRACK TU_TRACK_HDR "MuscleBlaze,,A,,,2025-01-01,2,1000\nHKVitals,,A,,,2025-01-02,2,3000\n" \
	"MuscleBlaze,,B,,,2025-01-03,1,500\n,,,,,2025-01-03,1,250\n"
#define PAY TU_PAY_HDR "A,post,,,1000,2025-01-02\nB,order,,,1000,\n"

struct fixture {
	struct dataset *ds;
	struct importlog rep;
	struct arena a;
	struct filter f;
	struct metrics m;
	struct trend t;
	struct buf pdf;
	char err[512];
};

static int setup(void **state)
{
	struct fixture *x = calloc(1, sizeof(*x));
	assert_non_null(x);
	importlog_init(&x->rep);
	arena_init(&x->a, 0);
	buf_init(&x->pdf, 0);
	*state = x;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *x = *state;
	dataset_free(x->ds);
	importlog_free(&x->rep);
	arena_free(&x->a);
	buf_free(&x->pdf);
	free(x);
	return 0;
}

static void load(struct fixture *x, const char *infl, const char *posts, const char *track, const char *pay)
{
	x->ds = tu_dataset_ok(infl, posts, track, pay, &x->rep);
	assert_int_equal(cube_build(x->ds), 0); /* as every served version has it (the campaign tables need it) */
	snprintf(x->ds->version, sizeof(x->ds->version), "000003");
}

static void compute(struct fixture *x, const char *query)
{
	assert_int_equal(filter_parse(query, &x->a, &x->f, x->err, sizeof(x->err)), 0);
	assert_int_equal(metrics_compute(x->ds, &x->f, &x->a, &x->m), 0);
	assert_int_equal(trend_compute(&x->m, &x->a, &x->t, x->err, sizeof(x->err)), 0);
}

static int report(struct fixture *x, const char *font, const char *filters)
{
	struct pdf_input in = { &x->m, &x->t, x->ds->version, filters, "2026-11-26 14:50 UTC", font, BOLD };
	buf_reset(&x->pdf);
	x->err[0] = '\0';
	return pdf_report(&in, &x->a, &x->pdf, x->err, sizeof(x->err));
}

static void assert_pdf_bytes(const struct buf *b)
{
	assert_true(b->len > 1000);
	assert_memory_equal(b->data, "%PDF-", 5);
	size_t end = b->len;
	while (end > 0 && (b->data[end - 1] == '\n' || b->data[end - 1] == '\r'))
		end--;
	assert_true(end >= 5);
	assert_memory_equal(b->data + end - 5, "%%EOF", 5);
}

/* Writes the PDF to a temp dir, runs "tool PDF args" and returns what it
 * printed (caller frees). With PDF_DUMP_DIR set and a name, also keeps a copy
 * of the PDF there to look at. */
static char *pdf_tool(const struct buf *b, const char *tool, const char *args, const char *name)
{
	const char *keep = getenv("PDF_DUMP_DIR");
	if (keep && *keep && name)
		free(tu_write_bytes(keep, name, b->data, b->len));
	char *dir = tu_mkdtemp();
	char *path = tu_write_bytes(dir, "report.pdf", b->data, b->len);
	char cmd[8192], out[4200];
	snprintf(out, sizeof(out), "%s/out.txt", dir);
	snprintf(cmd, sizeof(cmd), "%s '%s' %s > '%s' 2>/dev/null", tool, path, args, out);
	int rc = system(cmd);
	assert_true(WIFEXITED(rc) && WEXITSTATUS(rc) == 0);
	char *text = tu_read_file(out);
	assert_non_null(text);
	free(path);
	tu_rmtree(dir);
	free(dir);
	return text;
}

static char *pdf_text(const struct buf *b, const char *name)
{
	return pdf_tool(b, "pdftotext -layout", "-", name);
}

/* Checks "Page i of n" on each of the n pages (pdftotext ends each with a form feed). */
static void assert_page_numbers(const char *text)
{
	unsigned pages = 0;
	for (const char *p = text; *p; p++)
		pages += *p == '\f';
	assert_true(pages >= 1);
	for (unsigned i = 1; i <= pages; i++) {
		char s[64];
		snprintf(s, sizeof(s), "Page %u of %u", i, pages);
		assert_contains(text, s);
	}
}

static void test_report_text(void **state)
{
	struct fixture *x = *state;
	char revenue[FMT_MAX], roas[FMT_MAX], spend[FMT_MAX];
	load(x, INFL, POSTS, TRACK, PAY);
	compute(x, "");
	assert_int_equal(report(x, FONT, "none (all data)"), 0);
	assert_pdf_bytes(&x->pdf);
	char *text = pdf_text(&x->pdf, "report_text.pdf");
	fmt_inr((double)x->m.revenue, SETTINGS_INDIAN, revenue);
	fmt_ratio2(metrics_roas(&x->m).v, metrics_roas(&x->m).ok, roas);
	fmt_inr(x->m.spend, SETTINGS_INDIAN, spend);
	assert_string_equal(revenue, "\xe2\x82\xb9" "4,500");
	assert_string_equal(roas, "2.25");
	assert_contains(text, "Influencer ROI report");
	assert_contains(text, "000003");
	assert_contains(text, "none (all data)");
	assert_contains(text, "2026-11-26 14:50 UTC");
	assert_contains(text, revenue);
	assert_contains(text, spend);
	assert_contains(text, roas);
	assert_contains(text, "Page 1 of");
	assert_page_numbers(text);
	assert_contains(text, "Asha V\xc3\xa9rma");
	assert_contains(text, "Bala Krishnan"); /* the newline drawn as a space */
	assert_true(strstr(text, "cannot fit in the column at all") == NULL); /* shortened with an ellipsis */
	assert_contains(text, "\xe2\x80\xa6");
	assert_contains(text, "below baseline"); /* B: ROAS 0.50 */
	free(text);
	text = pdf_tool(&x->pdf, "pdfinfo -isodates", "", NULL);
	assert_contains(text, "Title:           Influencer ROI report");
	assert_contains(text, "Author:          Influencer ROI dashboard");
	assert_contains(text, "CreationDate:    2026-11-26T14:50:00Z");
	assert_contains(text, "Page size:       595.276 x 841.89 pts (A4)");
	free(text);
}

/* brand=MuscleBlaze from the worked example, with a filter text far too long
 * for the header (wrapped onto at most three lines, then shortened). */
static void test_allocated_report(void **state)
{
	struct fixture *x = *state;
	char unalloc[FMT_MAX], filters[4096] = "brand MuscleBlaze";
	for (int i = 0; i < 60; i++)
		snprintf(filters + strlen(filters), sizeof(filters) - strlen(filters), "; product P%02d", i);
	load(x, INFL, POSTS, TRACK, PAY);
	compute(x, "brand=MuscleBlaze");
	assert_true(x->m.allocates);
	assert_int_equal(report(x, FONT, filters), 0);
	char *text = pdf_text(&x->pdf, "allocated_report.pdf");
	fmt_inr(x->m.unallocated, SETTINGS_INDIAN, unalloc);
	assert_string_equal(unalloc, "\xe2\x82\xb9" "500.00");
	assert_contains(text, "Unallocated spend");
	assert_contains(text, unalloc);
	assert_contains(text, "1.00"); /* ROAS of the worked example */
	assert_contains(text, "Filters: brand MuscleBlaze; product P00");
	assert_true(strstr(text, "product P59") == NULL);
	free(text);
}

static void test_empty_selection(void **state)
{
	struct fixture *x = *state;
	load(x, INFL, POSTS, TRACK, PAY);
	compute(x, "platform=Nowhere");
	assert_int_equal(report(x, FONT, "platform \xff\xfeNowhere\x01\n\xc3"), 0); /* bad UTF-8 and controls */
	assert_pdf_bytes(&x->pdf);
	char *text = pdf_text(&x->pdf, "empty_selection.pdf");
	assert_contains(text, "Filters: platform ??Nowhere");
	assert_contains(text, "No influencer with spend");
	assert_contains(text, "No revenue or spend in the selected range.");
	assert_contains(text, "Page 1 of 1");
	free(text);
	struct pdf_input in = { &x->m, NULL, NULL, NULL, NULL, FONT, NULL }; /* no trend, no texts, no bold face */
	assert_int_equal(pdf_report(&in, &x->a, &x->pdf, x->err, sizeof(x->err)), 0);
	in.generated = "2026-02-30 10:00 UTC"; /* a date libharu rejects is left out of the metadata */
	assert_int_equal(pdf_report(&in, &x->a, &x->pdf, x->err, sizeof(x->err)), 0);
}

static void test_bad_font(void **state)
{
	struct fixture *x = *state;
	load(x, INFL, POSTS, TRACK, PAY);
	compute(x, "");
	assert_int_equal(report(x, "/nonexistent/font.ttf", "none (all data)"), -1);
	assert_contains(x->err, "libharu error 0x");
	assert_contains(x->err, "font");
	assert_int_equal(x->pdf.len, 0);
	char *dir = tu_mkdtemp();
	char *junk = tu_write_file(dir, "junk.ttf", "this is not a font at all, just some text bytes\n");
	assert_int_equal(report(x, junk, "none (all data)"), -1);
	assert_contains(x->err, "libharu error 0x");
	assert_int_equal(x->pdf.len, 0);
	free(junk);
	char *font = tu_read_file(FONT); /* its first 64 KiB: a truncated TrueType file */
	assert_non_null(font);
	char *cut = tu_write_bytes(dir, "cut.ttf", font, 65535);
	assert_int_equal(report(x, cut, "none (all data)"), -1); /* libharu gives NULL without an error code */
	assert_contains(x->err, "regular font");
	free(font);
	free(cut);
	tu_rmtree(dir);
	free(dir);
	assert_int_equal(report(x, "", "none (all data)"), -1);
	assert_contains(x->err, "font");
	struct pdf_input in = { &x->m, &x->t, "000003", "", "now", FONT, "/nonexistent/bold.ttf" };
	assert_int_equal(pdf_report(&in, &x->a, &x->pdf, x->err, sizeof(x->err)), -1);
	assert_contains(x->err, "bold font: cannot open the file");
}

/* Running out of arena or of output room fails cleanly and leaves out as it was. */
static void test_out_of_memory(void **state)
{
	struct fixture *x = *state;
	struct pdf_input in = { NULL, NULL, "000003", "", "2026-11-26 14:50 UTC", FONT, BOLD };
	load(x, INFL, POSTS, TRACK, PAY);
	compute(x, "");
	assert_int_equal(pdf_report(&in, &x->a, &x->pdf, x->err, sizeof(x->err)), -1);
	in.m = &x->m;
	in.trend = &x->t;
	size_t limit[] = { 64, 2000, 100000 };
	for (size_t i = 0; i < sizeof(limit) / sizeof(limit[0]); i++) {
		struct arena small;
		arena_init(&small, limit[i]);
		assert_int_equal(pdf_report(&in, &small, &x->pdf, x->err, sizeof(x->err)), -1);
		assert_contains(x->err, "out of memory");
		arena_free(&small);
	}
	struct buf tiny;
	buf_init(&tiny, 4096);
	buf_puts(&tiny, "keep");
	assert_int_equal(pdf_report(&in, &x->a, &tiny, x->err, sizeof(x->err)), -1);
	assert_contains(x->err, "output size limit");
	assert_string_equal(buf_str(&tiny), "keep");
	buf_free(&tiny);
}

/* 200 influencers in 40 personas (category x gender; 25 shown): the report runs
 * onto a second page; names in Devanagari (not in DejaVu Sans: drawn as
 * empty boxes) and an emoji (beyond U+FFFF: drawn as U+FFFD) do no harm. */
static void test_many_influencers(void **state)
{
	struct fixture *x = *state;
	struct buf infl, track, pay;
	buf_init(&infl, 0);
	buf_init(&track, 0);
	buf_init(&pay, 0);
	buf_puts(&infl, TU_INFL_HDR);
	buf_puts(&track, TU_TRACK_HDR);
	buf_puts(&pay, TU_PAY_HDR);
	for (int i = 0; i < 200; i++) {
		buf_printf(&infl, "I%03d,Influencer number %d \xe0\xa4\xb9\xe0\xa4\xbf \xf0\x9f\x98\x80,Category %02d,%s,%d,Instagram\n", i, i,
			   i % 40, i % 2 ? "Male" : "Female", 1000 + i);
		buf_printf(&track, "MuscleBlaze,,I%03d,,,2025-%02d-%02d,%d,%d\n", i, 1 + i % 12, 1 + i % 28, 1 + i % 5,
			   1000 + 137 * i);
		buf_printf(&pay, "I%03d,%s,,,%d,%s\n", i, i % 3 ? "post" : "order", 500 + 11 * i, i % 7 ? "2025-03-01" : "");
	}
	load(x, buf_str(&infl), TU_POST_HDR, buf_str(&track), buf_str(&pay));
	buf_free(&infl);
	buf_free(&track);
	buf_free(&pay);
	compute(x, "");
	assert_int_equal(x->m.nrow, 200);
	assert_int_equal(report(x, FONT, "none (all data)"), 0);
	assert_pdf_bytes(&x->pdf);
	char *text = pdf_text(&x->pdf, "many_influencers.pdf");
	assert_contains(text, "Page 2 of");
	assert_page_numbers(text);
	assert_contains(text, "Influencer number 199");
	assert_contains(text, "Influencer number 0 ");
	assert_contains(text, "\xef\xbf\xbd"); /* the emoji's stand-in */
	assert_contains(text, "Category 39"); /* best persona first */
	assert_contains(text, "15 more personas in personas.csv");
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_report_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_allocated_report, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_selection, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_font, setup, teardown),
		cmocka_unit_test_setup_teardown(test_out_of_memory, setup, teardown),
		cmocka_unit_test_setup_teardown(test_many_influencers, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
