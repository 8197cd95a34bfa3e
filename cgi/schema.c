/* schema.c: the columns of the four input files, their aliases and value kinds. */
#include "schema.h"

static const struct col_def influencer_cols[IC__MAX] = {
	[IC_ID] = { "id", { "influencer_id" }, KIND_ID, 1, 1 },
	[IC_NAME] = { "name", { NULL }, KIND_TEXT, 1, 1 },
	[IC_CATEGORY] = { "category", { NULL }, KIND_TEXT, 0, 0 },
	[IC_GENDER] = { "gender", { NULL }, KIND_TEXT, 0, 0 },
	[IC_FOLLOWERS] = { "follower_count", { "followers" }, KIND_COUNT, 0, 0 },
	[IC_PLATFORM] = { "platform", { NULL }, KIND_TEXT, 0, 0 },
};

static const struct col_def post_cols[PC__MAX] = {
	[PC_INFL] = { "influencer_id", { NULL }, KIND_ID, 1, 1 },
	[PC_PLATFORM] = { "platform", { NULL }, KIND_TEXT, 0, 0 },
	[PC_DATE] = { "date", { "post_date" }, KIND_DATE, 1, 1 },
	[PC_URL] = { "url", { "post_url" }, KIND_TEXT, 0, 0 },
	[PC_CAPTION] = { "caption", { NULL }, KIND_TEXT, 0, 0 },
	[PC_REACH] = { "reach", { NULL }, KIND_COUNT, 0, 0 },
	[PC_LIKES] = { "likes", { NULL }, KIND_COUNT, 0, 0 },
	[PC_COMMENTS] = { "comments", { NULL }, KIND_COUNT, 0, 0 },
};

static const struct col_def tracking_cols[TC__MAX] = {
	[TC_SOURCE] = { "source", { NULL }, KIND_TEXT, 0, 0 },
	[TC_BRAND] = { "brand", { NULL }, KIND_TEXT, 0, 0 },
	[TC_CAMPAIGN] = { "campaign", { NULL }, KIND_TEXT, 0, 0 },
	[TC_INFL] = { "influencer_id", { NULL }, KIND_ID, 1, 0 },
	[TC_USER] = { "user_id", { NULL }, KIND_NOTE, 0, 0 },
	[TC_PRODUCT] = { "product", { NULL }, KIND_TEXT, 0, 0 },
	[TC_DATE] = { "date", { "order_date", "transaction_date" }, KIND_DATE, 1, 1 },
	[TC_ORDERS] = { "orders", { NULL }, KIND_COUNT, 0, 0 },
	[TC_REVENUE] = { "revenue", { NULL }, KIND_SIGNED_MONEY, 1, 1 },
};

static const struct col_def payout_cols[YC__MAX] = {
	[YC_INFL] = { "influencer_id", { NULL }, KIND_ID, 1, 1 },
	[YC_BASIS] = { "basis", { NULL }, KIND_BASIS, 0, 0 },
	[YC_RATE] = { "rate", { NULL }, KIND_MONEY, 0, 0 },
	[YC_ORDERS] = { "orders", { NULL }, KIND_COUNT, 0, 0 },
	[YC_TOTAL] = { "total_payout", { NULL }, KIND_MONEY, 1, 1 },
	[YC_DATE] = { "date", { "payout_date" }, KIND_DATE, 0, 0 },
	[YC_STATUS] = { "status", { NULL }, KIND_TEXT, 0, 0 },
};

const struct file_schema schema[DSF__MAX] = {
	[DSF_INFLUENCERS] = { influencer_cols, IC__MAX },
	[DSF_POSTS] = { post_cols, PC__MAX },
	[DSF_TRACKING] = { tracking_cols, TC__MAX },
	[DSF_PAYOUTS] = { payout_cols, YC__MAX },
};

const char *const kind_expect[] = {
	[KIND_ID] = "an id",
	[KIND_TEXT] = "text",
	[KIND_NOTE] = "text",
	[KIND_COUNT] = "a whole number >= 0 (digits, \"17.0\" allowed)",
	[KIND_MONEY] = "an amount >= 0 such as 1234.50, Rs 1,234.50 or \xe2\x82\xb9" "1,234",
	[KIND_SIGNED_MONEY] = "an amount such as 1234.50, -99.00 or \xe2\x82\xb9" "1,234",
	[KIND_DATE] = "a date as YYYY-MM-DD, YYYY/MM/DD, DD-MM-YYYY, DD/MM/YYYY or DD.MM.YYYY (a time after it is ignored)",
	[KIND_BASIS] = "post or order",
};

const char schema_date_mdy[] = "a date as YYYY-MM-DD, YYYY/MM/DD, MM-DD-YYYY, MM/DD/YYYY or MM.DD.YYYY "
			       "(month first, as chosen; a time after it is ignored)";
