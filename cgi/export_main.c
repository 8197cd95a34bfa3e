/* export_main.c: the export FastCGI program: CSV and PDF downloads under /export/. */
#include "pages.h"

static const struct app_page pages[] = {
	{ "/export/summary.csv", "GET", page_export_summary },
	{ "/export/influencers.csv", "GET", page_export_influencers },
	{ "/export/trend.csv", "GET", page_export_trend },
	{ "/export/personas.csv", "GET", page_export_personas },
	{ "/export/payouts.csv", "GET", page_export_payouts },
	{ "/export/tracking.csv", "GET", page_export_tracking },
	{ "/export/posts.csv", "GET", page_export_posts },
	{ "/export/report.pdf", "GET", page_export_report },
};

int main(void)
{
	return app_main("export", pages, sizeof(pages) / sizeof(pages[0]));
}
