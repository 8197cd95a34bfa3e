/* import_main.c: command-line importer: validates a directory of CSVs and activates it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "colmap.h"
#include "dssplit.h"
#include "import.h"

static void usage(void)
{
	fprintf(stderr, "usage: import [--user NAME] [--dates dmy|mdy] [--map 'file.column=Header;...'] UPLOADS_DIR SOURCE_DIR\n"
			"  Reads influencers.csv, posts.csv, tracking_data.csv and payouts.csv from\n"
			"  SOURCE_DIR (files not there carry over from the current version), validates\n"
			"  them and activates a new version in UPLOADS_DIR. Exit 0 when activated,\n"
			"  1 when the files have errors (nothing changes), 2 on usage or storage errors.\n"
			"  --dates mdy reads 06/17/2025 month first (default dmy: day first);\n"
			"  --map 'tracking_data.date=Txn Date' reads that header as that column.\n");
}

int main(int argc, char **argv)
{
	const char *user = getenv("USER"), *dates = "", *map = "";
	int i = 1;
	for (; i + 1 < argc && strncmp(argv[i], "--", 2) == 0; i += 2) {
		if (strcmp(argv[i], "--user") == 0)
			user = argv[i + 1];
		else if (strcmp(argv[i], "--dates") == 0)
			dates = argv[i + 1];
		else if (strcmp(argv[i], "--map") == 0)
			map = argv[i + 1];
		else
			break;
	}
	if (argc - i != 2 || (*dates && strcmp(dates, "mdy") != 0 && strcmp(dates, "dmy") != 0)) {
		usage();
		return 2;
	}
	static struct colmap how;
	char maperr[256];
	for (int f = 0; f < DSF__MAX; f++)
		how.month_first[f] = strcmp(dates, "mdy") == 0;
	if (colmap_parse(&how, map, maperr, sizeof(maperr)) < 0) {
		fprintf(stderr, "import: %s\n", maperr);
		return 2;
	}
	const char *split = getenv("IMPORT_SPLIT_MIN"); /* tests: small files read in two halves too */
	if (split && *split)
		dssplit_min = (size_t)strtoull(split, NULL, 10);
	const char *uploads = argv[i], *dir = argv[i + 1];
	char path[DSF__MAX][4096];
	const char *src[DSF__MAX];
	int found = 0;
	for (int f = 0; f < DSF__MAX; f++) {
		struct stat st;
		snprintf(path[f], sizeof(path[f]), "%s/%s", dir, ds_file_name[f]);
		src[f] = stat(path[f], &st) == 0 ? path[f] : NULL;
		found += src[f] != NULL;
	}
	if (!found) {
		fprintf(stderr, "import: %s holds none of influencers.csv, posts.csv, tracking_data.csv, payouts.csv\n", dir);
		return 2;
	}
	if (mkdir(uploads, 0750) < 0 && access(uploads, W_OK) < 0) {
		perror(uploads);
		return 2;
	}
	struct importlog rep;
	struct buf text;
	char version[STORE_VERSION_MAX], err[512];
	importlog_init(&rep);
	buf_init(&text, 0);
	int rc = import_run_with(uploads, src, &how, user, &rep, version, err, sizeof(err));
	if (rc == -1) {
		importlog_format_errors(&rep, &text);
		fprintf(stderr, "%simport: %ld errors; nothing was changed\n", buf_str(&text), importlog_error_count(&rep));
	} else if (rc == -2) {
		fprintf(stderr, "import: %s; nothing was changed\n", err);
	} else {
		if (rep.nwarnings)
			fprintf(stderr, "%s", buf_str(&rep.warnings));
		printf("import: activated version %s (%ld warnings)\n", version, rep.nwarnings);
		int removed = import_retain(uploads);
		if (removed > 0)
			printf("import: removed %d old versions (KEEP_VERSIONS)\n", removed);
	}
	buf_free(&text);
	importlog_free(&rep);
	return rc == 0 ? 0 : rc == -1 ? 1 : 2;
}
