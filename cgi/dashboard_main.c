/* dashboard_main.c: the dashboard FastCGI program: GET /, /influencers, /influencers/ID, /healthz. */
#include "pages.h"

static const struct app_page pages[] = {
	{ "/", "GET", page_dashboard },
	{ "/influencers", "GET", page_influencers },
	{ "/influencers/", "GET", page_influencer },
	{ "/healthz", "GET", page_health },
};

int main(void)
{
	return app_main("dashboard", pages, sizeof(pages) / sizeof(pages[0]));
}
