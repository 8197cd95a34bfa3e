/* csvparse.c: benchmark baseline: parse a CSV file with libcsv alone and count fields (no validation, no storage). */
#include <csv.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static void on_field(void *s, size_t n, void *data)
{
	(void)s;
	(void)n;
	++*(long *)data;
}

static void on_row(int c, void *data)
{
	(void)c;
	(void)data;
}

int main(int argc, char **argv)
{
	long fields = 0;
	for (int i = 1; i < argc; i++) {
		int fd = open(argv[i], O_RDONLY);
		struct stat st;
		if (fd < 0 || fstat(fd, &st) < 0)
			return 1;
		void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		struct csv_parser csv;
		csv_init(&csv, CSV_APPEND_NULL);
		csv_parse(&csv, p, (size_t)st.st_size, on_field, on_row, &fields);
		csv_fini(&csv, on_field, on_row, &fields);
		csv_free(&csv);
		munmap(p, (size_t)st.st_size);
		close(fd);
	}
	printf("%ld\n", fields);
	return 0;
}
