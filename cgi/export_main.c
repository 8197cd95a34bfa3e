/* export_main.c: the export FastCGI program: CSV downloads under /export/. */
#include "pages.h"

static const struct app_page pages[] = {
	{ "/export/summary.csv", "GET", page_export_summary },
	{ "/export/influencers.csv", "GET", page_export_influencers },
};

int main(void)
{
	return app_main("export", pages, sizeof(pages) / sizeof(pages[0]));
}
