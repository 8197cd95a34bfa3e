/* dsfile.c: the names of the four files of a dataset. */
#include "dsfile.h"

const char *const ds_file_name[DSF__MAX] = {
	[DSF_INFLUENCERS] = "influencers.csv",
	[DSF_POSTS] = "posts.csv",
	[DSF_TRACKING] = "tracking_data.csv",
	[DSF_PAYOUTS] = "payouts.csv",
};
