/* dsfile.h: the four files of a dataset and their names, for every module that indexes by file. */
#ifndef DSFILE_H
#define DSFILE_H

enum ds_file { DSF_INFLUENCERS, DSF_POSTS, DSF_TRACKING, DSF_PAYOUTS, DSF__MAX };

/* File names as uploaded, indexed by enum ds_file. */
extern const char *const ds_file_name[DSF__MAX];

#endif
