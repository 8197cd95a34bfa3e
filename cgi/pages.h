/* pages.h: the page handlers each program's dispatch table points at. */
#ifndef PAGES_H
#define PAGES_H

#include "app.h"

/* dashboard program */
enum app_status page_dashboard(struct request *r);
enum app_status page_influencers(struct request *r);
enum app_status page_influencer(struct request *r);
enum app_status page_campaigns(struct request *r);
enum app_status page_health(struct request *r);
enum app_status page_login_form(struct request *r);
enum app_status page_login_post(struct request *r);
enum app_status page_logout(struct request *r);
/* upload program */
enum app_status page_upload_form(struct request *r);
enum app_status page_upload_post(struct request *r);
enum app_status page_upload_activate(struct request *r);
enum app_status page_upload_role(struct request *r);
enum app_status page_upload_map(struct request *r);
enum app_status page_users(struct request *r);
enum app_status page_users_post(struct request *r);
/* export program */
enum app_status page_export_summary(struct request *r);
enum app_status page_export_influencers(struct request *r);
enum app_status page_export_trend(struct request *r);
enum app_status page_export_personas(struct request *r);
enum app_status page_export_payouts(struct request *r);
enum app_status page_export_groups(struct request *r);
enum app_status page_export_tracking(struct request *r);
enum app_status page_export_posts(struct request *r);
enum app_status page_export_report(struct request *r);
enum app_status page_export_xlsx(struct request *r);

#endif
