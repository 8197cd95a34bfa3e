/* fuzz_filter.c: libFuzzer target for query strings: filter parsing, canonical form, words, escaping, figures. */
#include <stdint.h>
#include <string.h>

#include "csvread.h"
#include "cube.h"
#include "dataset.h"
#include "escape.h"
#include "filter.h"
#include "fuzzutil.h"
#include "importlog.h"
#include "metrics.h"
#include "val.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A small dataset whose values the queries can name: quoted cells, Unicode,
 * organic rows, both payout bases, an undated payout. */
static const char *const files[DSF__MAX] = {
	"id,name,category,gender,follower_count,platform\n"
	"1,Asha,Fitness,Female,1000,Instagram\n42,Bala,Nutrition,Male,20000,YouTube\n"
	"INF 007,\"Smith, John\",Beauty & Care,Other,300,Twitter\n"
	"8,\xe0\xa4\x85\xe0\xa4\xa8\xe0\xa4\xa8\xe0\xa5\x8d\xe0\xa4\xaf\xe0\xa4\xbe,Parenting,Female,50,Facebook\n",
	"influencer_id,platform,date,url,caption,reach,likes,comments\n"
	"1,Instagram,2025-01-04,https://example.com/p/1,Morning run,1000,50,10\n"
	"42,YouTube,2025-02-05,,\"He said \"\"best whey ever\"\"\",500,20,5\n"
	"INF 007,,2025-03-01,,,10,1,1\n",
	"source,brand,campaign,influencer_id,user_id,product,date,orders,revenue\n"
	"PromoCode,MuscleBlaze,HKFitBlast,1,u1,Whey Protein,2025-01-05,2,1999.00\n"
	"SwipeUp,HKVitals,\"Diwali \"\"Mega\"\" Deal\",42,u2,\"Fish Oil, 1000mg\",2025-02-06,1,599.50\n"
	"BioLink,Gritzo,\"New\nYear\",INF 007,u3,Creatine,2025-03-02,3,-120.25\n"
	"PromoCode,MuscleBlaze,\xe0\xa4\xa8\xe0\xa4\xaf\xe0\xa4\xbe,,u4,Whey Protein,2025-03-31,1,800\n"
	"PromoCode,Gritzo,HKFitBlast,8,u5,SuperMilk,2025-01-31,4,4000\n",
	"influencer_id,basis,rate,orders,total_payout,date\n"
	"1,post,1000,0,1000,2025-01-02\n42,order,10,100,1000,2025-02-03\nINF 007,post,,,700,\n"
	"8,per_order,5,3,15,2025-03-09\n",
};

static struct dataset *ds;
static struct arena arena;

static void setup(void)
{
	char paths[DSF__MAX][4200];
	const char *path[DSF__MAX];
	struct importlog rep;
	importlog_init(&rep);
	for (int f = 0; f < DSF__MAX; f++) {
		fu_write(ds_file_name[f], files[f], strlen(files[f]), paths[f], sizeof(paths[f]));
		path[f] = paths[f];
	}
	FU_CHECK(dataset_read(path, &ds, &rep) == 0 && cube_build(ds) == 0);
	importlog_free(&rep);
	arena_init(&arena, (size_t)64 << 20);
}

static int one_cell(void *ctx, const struct csvread_row *row)
{
	struct buf *cell = ctx;
	FU_CHECK(row->nfields == 1 && cell->len == 0);
	return buf_append(cell, row->field[0], row->len[0]);
}

/* A CSV cell escaped for export reads back (through libcsv, as an import
 * would) as the value, with the formula guard in front when it starts like
 * a formula. */
static void check_csv_cell(const char *v)
{
	struct buf esc, back, want;
	buf_init(&esc, 0);
	buf_init(&back, 0);
	buf_init(&want, 0);
	FU_CHECK(esc_csv_text(&esc, v) == 0);
	size_t n = strlen(v);
	const char *t = v;
	size_t tn = n;
	val_trim(&t, &tn);
	int guard = v[0] && strchr("=+-@\t\r", v[0]) != NULL;
	if (tn && strncmp(v, "\xef\xbb\xbf", 3) != 0 && strspn(v, " \t\r\n") != n) {
		long line;
		int quoted = esc.data[0] == '"';
		if (guard)
			buf_putc(&want, '\'');
		buf_append(&want, quoted ? v : t, quoted ? n : tn); /* libcsv trims unquoted cells */
		FU_CHECK(csvread_mem(esc.data, esc.len, one_cell, &back, &line) == CSVREAD_OK);
		FU_CHECK(back.len == want.len && memcmp(buf_str(&back), buf_str(&want), want.len) == 0);
	}
	buf_free(&esc);
	buf_free(&back);
	buf_free(&want);
}

/* Escapers keep their promises for one value. */
static void check_escapes(const char *v)
{
	struct buf b;
	buf_init(&b, 0);
	FU_CHECK(esc_html(&b, v) == 0);
	FU_CHECK(strpbrk(buf_str(&b), "<>\"'") == NULL);
	buf_reset(&b);
	FU_CHECK(esc_filename(&b, v, 40) == 0);
	FU_CHECK(b.len <= 40 && strspn(buf_str(&b), "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") == b.len);
	buf_reset(&b);
	filter_url_encode(&b, v);
	for (size_t i = 0; i < b.len; i++)
		FU_CHECK(strchr("&=+# ?/", b.data[i]) == NULL && (unsigned char)b.data[i] < 0x80);
	buf_free(&b);
	check_csv_cell(v);
}

/* The two filters select the same thing. */
static void same_filter(const struct filter *a, const struct filter *b)
{
	for (int p = 0; p < FP_MULTI_MAX; p++) {
		FU_CHECK(a->multi[p].n == b->multi[p].n);
		for (size_t i = 0; i < a->multi[p].n; i++)
			FU_CHECK(strcmp(a->multi[p].v[i], b->multi[p].v[i]) == 0);
	}
	FU_CHECK(a->has_from == b->has_from && a->has_to == b->has_to);
	FU_CHECK((!a->has_from || a->from == b->from) && (!a->has_to || a->to == b->to));
	FU_CHECK(!a->influencer == !b->influencer && (!a->influencer || strcmp(a->influencer, b->influencer) == 0));
	FU_CHECK(a->baseline == b->baseline && a->grain == b->grain && a->dir == b->dir && a->page == b->page);
	FU_CHECK(!a->sort == !b->sort && (!a->sort || strcmp(a->sort, b->sort) == 0));
}

static void figures(const struct filter *f)
{
	struct metrics m;
	FU_CHECK(metrics_compute(ds, f, &arena, &m) == 0);
	const struct infl_row **top = arena_calloc(&arena, 10, sizeof(*top));
	FU_CHECK(top != NULL);
	FU_CHECK(metrics_top(&m, 0, top, 10) <= 10 && metrics_top(&m, 1, top, 10) <= 10);
	FU_CHECK(metrics_by_roas(&m, &arena) != NULL);
	FU_CHECK(m.nrow <= ds->ninfl && m.allocates == filter_allocates(f));
	(void)metrics_roas(&m), (void)metrics_roi(&m), (void)metrics_incremental_roas(&m);
	(void)metrics_cost_per_order(&m), (void)metrics_aov(&m), (void)metrics_engagement_rate(&m);
	(void)metrics_influencer_share(&m), (void)metrics_incremental_revenue(&m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!ds)
		setup();
	char *q = malloc(size + 1);
	FU_CHECK(q != NULL);
	memcpy(q, data, size);
	q[size] = '\0';

	struct filter f, g;
	char err[256];
	struct buf canon, again, words;
	buf_init(&canon, 0);
	buf_init(&again, 0);
	buf_init(&words, 0);
	filter_form_value(&arena, q, "version");
	filter_form_value(&arena, q, "brand");
	err[0] = '\0';
	if (filter_parse(q, &arena, &f, err, sizeof(err)) != 0) {
		FU_CHECK(err[0] != '\0' && strlen(err) < sizeof(err));
		check_escapes(err);
	} else {
		filter_query(&f, 0, &canon);
		FU_CHECK(filter_parse(canon.data ? canon.data : "", &arena, &g, err, sizeof(err)) == 0);
		same_filter(&f, &g);
		filter_query(&g, 0, &again);
		FU_CHECK(canon.len == again.len && strcmp(buf_str(&canon), buf_str(&again)) == 0);
		buf_reset(&again);
		filter_query(&f, size ? data[0] | (unsigned)data[size - 1] << 8 : 0, &again);
		filter_describe(&f, &words);
		check_escapes(buf_str(&words));
		for (int p = 0; p < FP_MULTI_MAX; p++)
			for (size_t i = 0; i < f.multi[p].n; i++)
				check_escapes(f.multi[p].v[i]);
		if (f.influencer)
			check_escapes(f.influencer);
		figures(&f);
	}
	buf_free(&canon);
	buf_free(&again);
	buf_free(&words);
	arena_reset(&arena);
	free(q);
	return 0;
}
