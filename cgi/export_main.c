/* export_main.c: the export FastCGI program: CSV, PDF and Excel downloads under /export/. */
#include "pages.h"

static const struct app_page pages[] = {
	{ "/export/summary.csv", "GET", page_export_summary, 0 },
	{ "/export/influencers.csv", "GET", page_export_influencers, 0 },
	{ "/export/trend.csv", "GET", page_export_trend, 0 },
	{ "/export/personas.csv", "GET", page_export_personas, 0 },
	{ "/export/payouts.csv", "GET", page_export_payouts, 0 },
	{ "/export/campaigns.csv", "GET", page_export_groups, 0 },
	{ "/export/brands.csv", "GET", page_export_groups, 0 },
	{ "/export/products.csv", "GET", page_export_groups, 0 },
	{ "/export/tracking.csv", "GET", page_export_tracking, 0 },
	{ "/export/posts.csv", "GET", page_export_posts, 0 },
	{ "/export/report.pdf", "GET", page_export_report, 0 },
	{ "/export/report.xlsx", "GET", page_export_xlsx, 0 },
};

int main(void)
{
	return app_main("export", pages, sizeof(pages) / sizeof(pages[0]));
}
