/* gen_main.c: deterministic sample dataset generator (four CSVs) */
/* Usage: gen --out DIR [--influencers N] [--posts N] [--tracking N] [--seed S] [--undated PCT]
 * Writes the four input CSVs of SPEC.md section 2; same arguments, same bytes.
 * Exit status: 0 ok, 1 I/O error, 2 bad usage. */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define GEN_N(a) (sizeof(a) / sizeof((a)[0]))
#define GEN_DAYS 181 /* 2025-01-01 .. 2025-06-30 */
#define GEN_LINE 2048

struct gen_product {
	const char *name;
	int64_t price;
};
struct gen_brand {
	const char *name;
	struct gen_product prod[4];
	uint64_t nprod;
	const char *camp[3];
	uint64_t ncamp;
};
struct gen_infl {
	char name[64], handle[40];
	uint64_t followers;
	int platform, category, gender;
	int64_t posts, orders, revenue; /* accumulated while generating; quality = target ROAS */
	double quality;
};
struct gen_opts {
	const char *out;
	uint64_t ninf, nposts, ntrack, seed, undated;
};

static const char *const gen_platforms[] = { "Instagram", "YouTube", "Twitter", "Facebook" };
static const char *const gen_categories[] = { "Fitness", "Nutrition", "Wellness", "Bodybuilding",
					      "Yoga", "Parenting", "Lifestyle" };
static const char *const gen_genders[] = { "Female", "Male", "Other" };
static const char *const gen_female[] = { "Priya", "Ananya", "Sneha", "Kavya", "Neha", "Pooja",
					  "Aishwarya", "Divya", "Meera", "Riya", "Shreya", "Tanvi",
					  "Isha", "Nandini", "Lakshmi", "Swati", "Aditi", "Pallavi" };
static const char *const gen_male[] = { "Rahul", "Arjun", "Vikram", "Rohan", "Aditya", "Karan",
					"Siddharth", "Amit", "Nikhil", "Varun", "Harsh", "Manish",
					"Suresh", "Arvind", "Kabir", "Yash", "Pranav", "Gaurav" };
static const char *const gen_last[] = { "Sharma", "Verma", "Iyer", "Reddy", "Patel", "Nair",
					"Gupta", "Singh", "Mehta", "Joshi", "Kulkarni", "Chatterjee",
					"Banerjee", "Menon", "Rao", "Das", "Malhotra", "Kapoor",
					"Bhatia", "Pillai", "Deshmukh", "Agarwal", "Saxena", "Chauhan" };
static const char *const gen_nicks[] = { "Fit", "Desi Lifter", "Yogi", "Coach", "Macro" };
static const char *const gen_caps[][2] = { { "Morning fuel: ", ". Use my code for 10% off!" },
					   { "My honest review of ", " after 30 days" },
					   { "Why I switched to ", " #ad #fitness" },
					   { "", " giveaway! Comment below, tag a friend, win" },
					   { "Stack of the week: ", ", water, and discipline" },
					   { "\"Game changer\" - ", " in my daily routine" },
					   { "Unboxing ", " - link in bio" } };
/* Prices in paise. */
static const struct gen_brand gen_brands[3] = {
	{ "MuscleBlaze",
	  { { "Whey Protein", 399900 }, { "Creatine", 89900 }, { "Mass Gainer", 249900 }, { "Pre-Workout", 129900 } },
	  4, { "MB_SummerShred", "MB_NewYearGains", "MB_GymLaunch" }, 3 },
	{ "HKVitals",
	  { { "Multivitamin", 54900 }, { "Fish Oil", 69900 }, { "Biotin", 44900 }, { "Apple Cider Vinegar", 39900 } },
	  4, { "HKV_Immunity", "HKV_SkinGlow" }, 2 },
	{ "Gritzo", { { "SuperMilk Kids", 99900 }, { "SuperMilk Teens", 114900 }, { NULL, 0 }, { NULL, 0 } },
	  2, { "GZ_BackToSchool", "GZ_GrowTall", "GZ_SummerCamp" }, 3 },
};

static char gen_dates[GEN_DAYS][11];
static char gen_iobuf[1 << 22];
static int gen_idw = 4;

/* print "gen: what: detail" to stderr and exit with code */
_Noreturn static void gen_die(int code, const char *what, const char *detail)
{
	fprintf(stderr, "gen: %s: %s\n", what, detail);
	exit(code);
}

/* print a usage error and exit 2 */
_Noreturn static void gen_usage(const char *msg)
{
	fprintf(stderr,
		"gen: %s\nusage: gen --out DIR [--influencers N] [--posts N] "
		"[--tracking N] [--seed S] [--undated PCT]\n",
		msg);
	exit(2);
}

/* splitmix64 step: the only source of randomness */
static uint64_t gen_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* independent stream seed for one output file */
static uint64_t gen_stream(uint64_t s, uint64_t k)
{
	s ^= k * 0xD1B54A32D192ED03ull;
	return gen_next(&s);
}

/* uniform double in [0,1) */
static double gen_unit(uint64_t *s)
{
	return (double)(gen_next(s) >> 11) * 0x1.0p-53;
}

/* uniform integer in [0,n), n > 0 */
static uint64_t gen_below(uint64_t *s, uint64_t n)
{
	return gen_next(s) % n;
}

/* append a NUL-terminated string */
static char *gen_cat(char *p, const char *s)
{
	size_t n = strlen(s);
	memcpy(p, s, n);
	return p + n;
}

/* append an unsigned decimal, zero-padded to at least width digits */
static char *gen_uint(char *p, uint64_t v, int width)
{
	char t[24];
	int n = 0;
	do {
		t[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n < width)
		t[n++] = '0';
	while (n)
		*p++ = t[--n];
	return p;
}

/* append integer paise as rupees with exactly two decimals */
static char *gen_money(char *p, int64_t paise)
{
	uint64_t a = paise < 0 ? (uint64_t)0 - (uint64_t)paise : (uint64_t)paise;
	if (paise < 0)
		*p++ = '-';
	p = gen_uint(p, a / 100, 1), *p++ = '.';
	return gen_uint(p, a % 100, 2);
}

/* append a CSV field, quoting per RFC 4180 when needed */
static char *gen_field(char *p, const char *s)
{
	if (!strpbrk(s, ",\"\r\n"))
		return gen_cat(p, s);
	*p++ = '"';
	for (; *s; s++) {
		if (*s == '"')
			*p++ = '"';
		*p++ = *s;
	}
	*p++ = '"';
	return p;
}

/* append an influencer id like INF0042 (idx is 0-based) */
static char *gen_id(char *p, uint64_t idx)
{
	return gen_uint(gen_cat(p, "INF"), idx + 1, gen_idw);
}

/* fill the table of YYYY-MM-DD strings for the tracking period */
static void gen_init_dates(void)
{
	static const int mdays[6] = { 31, 28, 31, 30, 31, 30 };
	int k = 0;
	for (int m = 0; m < 6; m++)
		for (int d = 1; d <= mdays[m]; d++, k++) {
			char *p = gen_cat(gen_dates[k], "2025-0");
			*p++ = (char)('1' + m);
			*p++ = '-';
			*gen_uint(p, (uint64_t)d, 2) = '\0';
		}
}

/* create dir and its parents if missing (like mkdir -p) */
static void gen_mkdirs(const char *dir)
{
	char buf[4096];
	struct stat st;
	size_t n = strlen(dir);
	if (n == 0 || n >= sizeof buf)
		gen_usage("bad --out directory");
	memcpy(buf, dir, n + 1);
	for (size_t i = 1; i <= n; i++) {
		if (buf[i] != '/' && buf[i] != '\0')
			continue;
		char c = buf[i];
		buf[i] = '\0';
		if (mkdir(buf, 0777) != 0 && errno != EEXIST)
			gen_die(1, buf, strerror(errno));
		buf[i] = c;
	}
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
		gen_die(1, dir, "not a directory");
}

/* open DIR/name for writing with a big buffer and write the header */
static FILE *gen_open(const char *dir, const char *name, const char *header)
{
	char path[4200];
	int n = snprintf(path, sizeof path, "%s/%s", dir, name);
	if (n < 0 || (size_t)n >= sizeof path)
		gen_die(1, dir, "path too long");
	FILE *f = fopen(path, "w");
	if (!f)
		gen_die(1, path, strerror(errno));
	setvbuf(f, gen_iobuf, _IOFBF, sizeof gen_iobuf);
	fputs(header, f);
	return f;
}

/* flush and close a file; exit 1 on any write error */
static void gen_close(FILE *f, const char *name)
{
	int bad = ferror(f);
	if (fclose(f) != 0 || bad)
		gen_die(1, name, "write error");
}

/* parse a decimal number in [lo,hi]; exit 2 on anything else */
static uint64_t gen_num(const char *s, uint64_t lo, uint64_t hi)
{
	char *end;
	errno = 0;
	if (!s || *s < '0' || *s > '9')
		gen_usage("expected a non-negative number");
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || *end || v < lo || v > hi)
		gen_usage("number missing or out of range");
	return (uint64_t)v;
}

/* parse the command line into o */
static void gen_args(int argc, char **argv, struct gen_opts *o)
{
	for (int i = 1; i < argc; i += 2) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			puts("usage: gen --out DIR [--influencers N] [--posts N] [--tracking N] [--seed S] [--undated "
			     "PCT]");
			exit(0);
		}
		if (!v)
			gen_usage("option needs a value");
		if (!strcmp(a, "--out"))
			o->out = v;
		else if (!strcmp(a, "--influencers"))
			o->ninf = gen_num(v, 1, 1000000);
		else if (!strcmp(a, "--posts"))
			o->nposts = gen_num(v, 0, 1000000000);
		else if (!strcmp(a, "--tracking"))
			o->ntrack = gen_num(v, 0, 1000000000);
		else if (!strcmp(a, "--seed"))
			o->seed = gen_num(v, 0, UINT64_MAX);
		else if (!strcmp(a, "--undated"))
			o->undated = gen_num(v, 0, 100);
		else
			gen_usage("unknown option");
	}
	if (!o->out || !*o->out)
		gen_usage("--out DIR is required");
}

/* social handle like priya_sharma42 from a name */
static void gen_handle(char *h, const char *first, const char *last, uint64_t i)
{
	char *p = h;
	for (const char *s = first; *s; s++)
		*p++ = (char)(*s | 0x20);
	*p++ = '_';
	for (const char *s = last; *s; s++)
		*p++ = (char)(*s | 0x20);
	*gen_uint(p, i % 100, 2) = '\0';
}

/* build one influencer's name, handle and attributes */
static void gen_make_inf(uint64_t *r, struct gen_infl *x, uint64_t i)
{
	double u = gen_unit(r);
	x->gender = u < 0.46 ? 0 : u < 0.95 ? 1 : 2;
	int fem = x->gender == 0 || (x->gender == 2 && gen_below(r, 2));
	const char *first = fem ? gen_female[gen_below(r, GEN_N(gen_female))] : gen_male[gen_below(r, GEN_N(gen_male))];
	const char *last = gen_last[gen_below(r, GEN_N(gen_last))];
	if (i % 17 == 5)
		snprintf(x->name, sizeof x->name, "%s, %s", last, first);
	else if (i % 23 == 7)
		snprintf(x->name, sizeof x->name, "%s \"%s\" %s", first, gen_nicks[gen_below(r, GEN_N(gen_nicks))],
			 last);
	else
		snprintf(x->name, sizeof x->name, "%s %s", first, last);
	gen_handle(x->handle, first, last, i);
	x->category = (int)gen_below(r, GEN_N(gen_categories));
	u = gen_unit(r);
	x->platform = u < 0.5 ? 0 : u < 0.8 ? 1 : u < 0.88 ? 2 : 3;
	x->followers = (uint64_t)llround(5000.0 * exp(gen_unit(r) * log(1000.0)));
	u = gen_unit(r);
	x->quality = u < 0.15 ? 0.2 + 0.75 * gen_unit(r) : u < 0.90 ? 1.0 + 4.0 * gen_unit(r) : 5.0 + 7.0 * gen_unit(r);
}

/* write influencers.csv; cum gets cumulative sqrt(followers) pick weights */
static void gen_influencers(const struct gen_opts *o, struct gen_infl *inf, double *cum, uint64_t seed)
{
	FILE *f = gen_open(o->out, "influencers.csv", "id,name,category,gender,follower_count,platform\n");
	char line[GEN_LINE];
	for (uint64_t i = 0; i < o->ninf; i++) {
		struct gen_infl *x = &inf[i];
		gen_make_inf(&seed, x, i);
		cum[i] = (i ? cum[i - 1] : 0.0) + sqrt((double)x->followers);
		char *p = gen_id(line, i);
		*p++ = ',';
		p = gen_field(p, x->name);
		p = gen_cat(gen_cat(p, ","), gen_categories[x->category]);
		p = gen_cat(gen_cat(p, ","), gen_genders[x->gender]);
		p = gen_uint(gen_cat(p, ","), x->followers, 1);
		p = gen_cat(gen_cat(gen_cat(p, ","), gen_platforms[x->platform]), "\n");
		fwrite(line, 1, (size_t)(p - line), f);
	}
	gen_close(f, "influencers.csv");
}

/* pick an influencer index with probability proportional to its weight */
static uint64_t gen_pick(uint64_t *r, const double *cum, uint64_t n)
{
	double x = gen_unit(r) * cum[n - 1];
	uint64_t lo = 0, hi = n - 1;
	while (lo < hi) {
		uint64_t mid = lo + (hi - lo) / 2;
		if (cum[mid] > x)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* choose a brand index, biased by the influencer's category (-1 = organic) */
static int gen_brand_for(uint64_t *r, int category)
{
	double u = gen_unit(r);
	if (category == 5)
		return u < 0.6 ? 2 : u < 0.85 ? 1 : 0; /* Parenting */
	if (category == 2 || category == 4)
		return u < 0.25 ? 0 : u < 0.85 ? 1 : 2; /* Wellness, Yoga */
	return u < 0.55 ? 0 : u < 0.88 ? 1 : 2;
}

/* append n random URL-safe base64 characters */
static char *gen_code(char *p, uint64_t *r, int n)
{
	static const char al[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	while (n-- > 0)
		*p++ = al[gen_below(r, 64)];
	return p;
}

/* append a realistic post URL for the influencer's platform */
static char *gen_url(char *p, uint64_t *r, const struct gen_infl *x)
{
	switch (x->platform) {
	case 0:
		return gen_cat(gen_code(gen_cat(p, "https://www.instagram.com/p/"), r, 11), "/");
	case 1:
		return gen_code(gen_cat(p, "https://www.youtube.com/watch?v="), r, 11);
	case 2:
		p = gen_cat(gen_cat(gen_cat(p, "https://twitter.com/"), x->handle), "/status/");
		return gen_uint(p, 1870000000000000000ull + gen_below(r, 100000000000000000ull), 1);
	default:
		p = gen_cat(gen_cat(gen_cat(p, "https://www.facebook.com/"), x->handle), "/posts/");
		return gen_uint(p, 100000000000000ull + gen_below(r, 900000000000000ull), 1);
	}
}

/* write posts.csv and count posts per influencer */
static void gen_posts(const struct gen_opts *o, struct gen_infl *inf, const double *cum, uint64_t seed)
{
	FILE *f = gen_open(o->out, "posts.csv", "influencer_id,platform,date,url,caption,reach,likes,comments\n");
	char line[GEN_LINE], cap[256];
	for (uint64_t k = 0; k < o->nposts; k++) {
		uint64_t i = gen_pick(&seed, cum, o->ninf);
		struct gen_infl *x = &inf[i];
		x->posts++;
		const struct gen_brand *b = &gen_brands[gen_brand_for(&seed, x->category)];
		const char *const *t = gen_caps[gen_below(&seed, GEN_N(gen_caps))];
		char *c = gen_cat(gen_cat(gen_cat(cap, t[0]), b->name), " ");
		*gen_cat(gen_cat(c, b->prod[gen_below(&seed, b->nprod)].name), t[1]) = '\0';
		uint64_t reach = (uint64_t)((double)x->followers * (0.05 + 0.55 * gen_unit(&seed)));
		uint64_t likes = (uint64_t)((double)reach * (0.01 + 0.07 * gen_unit(&seed)));
		uint64_t comments = (uint64_t)((double)likes * (0.02 + 0.08 * gen_unit(&seed)));
		char *p = gen_cat(gen_id(line, i), ",");
		p = gen_cat(gen_cat(p, gen_platforms[x->platform]), ",");
		p = gen_cat(gen_cat(p, gen_dates[gen_below(&seed, GEN_DAYS)]), ",");
		p = gen_cat(gen_url(p, &seed, x), ",");
		p = gen_cat(gen_field(p, cap), ",");
		p = gen_cat(gen_uint(p, reach, 1), ",");
		p = gen_cat(gen_uint(p, likes, 1), ",");
		p = gen_cat(gen_uint(p, comments, 1), "\n");
		fwrite(line, 1, (size_t)(p - line), f);
	}
	gen_close(f, "posts.csv");
}

/* revenue in paise for one tracking row: price x orders, discounts, returns */
static int64_t gen_revenue(uint64_t *r, int64_t price, int64_t orders)
{
	int64_t rev = price * orders;
	if (gen_unit(r) < 0.2) {
		int64_t d = 5 + (int64_t)gen_below(r, 26); /* 5..30 % off */
		rev = (rev * (100 - d) + 50) / 100;
	}
	return gen_unit(r) < 0.01 ? -rev : rev;
}

/* write tracking_data.csv and accumulate orders/revenue per influencer */
static void gen_tracking(const struct gen_opts *o, struct gen_infl *inf, const double *cum, uint64_t seed)
{
	static const char *const src[] = { "PromoCode", "SwipeUp", "BioLink", "Organic" };
	FILE *f = gen_open(o->out, "tracking_data.csv",
			   "source,brand,campaign,influencer_id,user_id,product,date,orders,revenue\n");
	uint64_t users = o->ntrack / 3 + 1000;
	if (users > 9999999)
		users = 9999999;
	char line[GEN_LINE];
	for (uint64_t k = 0; k < o->ntrack; k++) {
		int organic = gen_unit(&seed) < 0.08;
		uint64_t i = organic ? 0 : gen_pick(&seed, cum, o->ninf);
		double u = gen_unit(&seed);
		int s = organic ? 3 : u < 0.45 ? 0 : u < 0.7 ? 1 : 2;
		const struct gen_brand *b = &gen_brands[gen_brand_for(&seed, organic ? -1 : inf[i].category)];
		const struct gen_product *pr = &b->prod[gen_below(&seed, b->nprod)];
		const char *camp = b->camp[gen_below(&seed, b->ncamp)];
		u = gen_unit(&seed);
		int64_t orders = u < 0.7 ? 1 : u < 0.92 ? 2 : 3;
		int64_t rev = gen_revenue(&seed, pr->price, orders);
		char *p = gen_cat(gen_cat(line, src[s]), ",");
		p = gen_cat(gen_cat(p, b->name), ",");
		p = gen_cat(gen_cat(p, organic ? "" : camp), ",");
		p = gen_cat(organic ? p : gen_id(p, i), ",U");
		p = gen_cat(gen_uint(p, 1 + gen_below(&seed, users), 7), ",");
		p = gen_cat(gen_cat(p, pr->name), ",");
		p = gen_cat(gen_cat(p, gen_dates[gen_below(&seed, GEN_DAYS)]), ",");
		p = gen_cat(gen_uint(p, (uint64_t)orders, 1), ",");
		p = gen_cat(gen_money(p, rev), "\n");
		fwrite(line, 1, (size_t)(p - line), f);
		if (!organic) {
			inf[i].orders += orders;
			inf[i].revenue += rev;
		}
	}
	gen_close(f, "tracking_data.csv");
}

/* split total into k (<= 4) noisy parts, each >= min; needs total >= k * min */
static void gen_split(uint64_t *r, int64_t total, int k, int64_t min, int64_t *out)
{
	int64_t rem = total - k * min;
	for (int j = 0; j < k - 1; j++) {
		int64_t avg = rem / (k - j);
		int64_t v = avg / 2 + (int64_t)gen_below(r, (uint64_t)avg + 1);
		out[j] = v + min;
		rem -= v;
	}
	out[k - 1] = rem + min;
}

/* target total spend in paise: revenue / quality, or follower-based, >= Rs 500 */
static int64_t gen_target_spend(const struct gen_infl *x)
{
	double s = x->revenue > 0 ? (double)x->revenue / x->quality : (double)x->followers * 2.0;
	return s < 50000.0 ? 50000 : (int64_t)s;
}

/* write 1-4 payout rows for one influencer */
static void gen_payout_rows(FILE *f, uint64_t *r, const struct gen_infl *x, uint64_t idx, double undated)
{
	int k = 1 + (int)gen_below(r, 4);
	int by_order = x->orders > 0 && (x->posts == 0 || gen_unit(r) < 0.45);
	int64_t spend = gen_target_spend(x), units[4], ords[4], rate;
	int64_t paid = by_order ? x->orders : (x->posts > 0 ? x->posts : 1);
	if (k > paid)
		k = (int)paid;
	gen_split(r, paid, k, 1, units);
	gen_split(r, x->orders, k, 0, ords);
	if (by_order)
		rate = (spend + paid / 2) / paid;
	else
		rate = (spend / paid + 50) / 100 * 100; /* whole rupees per post */
	if (rate < (by_order ? 100 : 50000))
		rate = by_order ? 100 : 50000;
	char line[GEN_LINE];
	for (int j = 0; j < k; j++) {
		int seg = GEN_DAYS / k, day = j * seg + (int)gen_below(r, (uint64_t)seg);
		char *p = gen_cat(gen_id(line, idx), by_order ? ",order," : ",post,");
		p = gen_cat(gen_money(p, rate), ",");
		p = gen_cat(gen_uint(p, (uint64_t)(by_order ? units[j] : ords[j]), 1), ",");
		p = gen_cat(gen_money(p, rate * units[j]), ",");
		p = gen_cat(gen_cat(p, gen_unit(r) < undated ? "" : gen_dates[day]), "\n");
		fwrite(line, 1, (size_t)(p - line), f);
	}
}

/* write payouts.csv; two influencers (when N >= 4) get no payouts */
static void gen_payouts(const struct gen_opts *o, const struct gen_infl *inf, uint64_t seed)
{
	FILE *f = gen_open(o->out, "payouts.csv", "influencer_id,basis,rate,orders,total_payout,payout_date\n");
	uint64_t n = o->ninf, skip1 = n, skip2 = n;
	if (n >= 4) {
		skip1 = gen_below(&seed, n);
		skip2 = (skip1 + 1 + gen_below(&seed, n - 1)) % n;
	}
	for (uint64_t i = 0; i < n; i++)
		if (i != skip1 && i != skip2)
			gen_payout_rows(f, &seed, &inf[i], i, (double)o->undated / 100.0);
	gen_close(f, "payouts.csv");
}

/* parse arguments, then write the four files (payouts last: they need totals) */
int main(int argc, char **argv)
{
	struct gen_opts o = { NULL, 120, 1500, 30000, 42, 5 };
	gen_args(argc, argv, &o);
	gen_mkdirs(o.out);
	gen_init_dates();
	for (uint64_t m = 10000; m <= o.ninf; m *= 10)
		gen_idw++;
	struct gen_infl *inf = calloc(o.ninf, sizeof *inf);
	double *cum = malloc(o.ninf * sizeof *cum);
	if (!inf || !cum)
		gen_die(1, "influencers", "out of memory");
	gen_influencers(&o, inf, cum, gen_stream(o.seed, 1));
	gen_posts(&o, inf, cum, gen_stream(o.seed, 2));
	gen_tracking(&o, inf, cum, gen_stream(o.seed, 3));
	gen_payouts(&o, inf, gen_stream(o.seed, 4));
	free(cum);
	free(inf);
	return 0;
}
