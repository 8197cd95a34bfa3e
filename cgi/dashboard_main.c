/* dashboard_main.c: the dashboard FastCGI program: GET /, /influencers, /influencers/ID, /campaigns, /healthz, /login, /logout. */
#include "pages.h"

static const struct app_page pages[] = {
	{ "/", "GET", page_dashboard, 0 },
	{ "/influencers", "GET", page_influencers, 0 },
	{ "/influencers/", "GET", page_influencer, 0 },
	{ "/campaigns", "GET", page_campaigns, 0 },
	{ "/healthz", "GET", page_health, APP_OPEN },
	{ "/login", "GET", page_login_form, APP_OPEN },
	{ "/login", "POST", page_login_post, APP_OPEN },
	{ "/logout", "POST", page_logout, APP_OPEN },
};

int main(void)
{
	return app_main("dashboard", pages, sizeof(pages) / sizeof(pages[0]));
}
