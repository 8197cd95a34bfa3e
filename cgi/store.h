/* store.h: immutable, versioned datasets under the uploads directory, with one atomic "current" switch. */
#ifndef STORE_H
#define STORE_H

#include <pthread.h>

#include <stddef.h>

#include "dataset.h"
#include "importlog.h"

#define STORE_VERSION_MAX 32

/* Layout:  uploads/versions/NNNNNN/{four csv files, meta.txt}
 *          uploads/current -> versions/NNNNNN   (symlink, replaced by rename)
 *          uploads/.lock                         (flock: one writer at a time)
 *          uploads/.staging-*                    (a version being written) */

/* Name of the active version ("000003") into out; returns 0, or -1 when there
 * is none yet. */
int store_current(const char *uploads, char out[STORE_VERSION_MAX]);

/* Path of one file of a version into out (size outsz). Returns 0 or -1 when
 * it does not fit. */
int store_file_path(const char *uploads, const char *version, enum ds_file f, char *out, size_t outsz);

/* What a new version records about itself. */
struct store_meta {
	const char *user;           /* who uploaded; NULL = "unknown" */
	long rows[DSF__MAX];
	const char *warnings;       /* one per line, may be NULL */
	const struct dataset *compile; /* written as the version's dataset.bin; NULL = none */
};

/* A version being written: the writer lock is held and the four source
 * files are copied (or hard-linked) into a staging directory on a second
 * thread once the caller has validated them, while it compiles them. */
struct store_stage {
	char uploads[4096], staging[4096];
	const char *src[DSF__MAX];     /* the files of the new version: the caller's, or carried over */
	char carried[DSF__MAX][4096];  /* paths of the files carried over from the current version */
	int lock;
	pthread_t copier;
	int copying, copy_started;
	int copy_rc, copy_errno, copy_failed;
	int err_no;          /* the cause when begin or commit failed */
};

/* Takes the writer lock, then reads the current version: each NULL in src
 * is carried over from it (st->src has the files of the new version), so a
 * carried file is never older than the last version published. Creates the
 * staging directory. Returns 0, or -1 with a reason in err (nothing held
 * then). */
int store_stage_begin(struct store_stage *st, const char *uploads, const char *const src[DSF__MAX],
		      char *err, size_t errsz);
/* Starts copying the files into the staging directory on a second thread
 * (commit starts it when nobody did): after the validation, so that the
 * copy does not take a processor from it, and not at all for files with
 * errors. */
void store_stage_copy(struct store_stage *st);
/* Finishes the copies, writes meta->compile as dataset.bin and the
 * metadata, fsyncs, publishes the version and makes it current; releases
 * the stage either way. Returns 0 with the new version's name in out, or
 * -1 with a reason in err. */
int store_stage_commit(struct store_stage *st, const struct store_meta *meta, char out[STORE_VERSION_MAX],
		       char *err, size_t errsz);
/* Drops a stage: the staging directory is removed, the lock released. */
void store_stage_abandon(struct store_stage *st);

/* Removes staging and incoming directories left by writers that died (their
 * pid is gone), under the writer lock. Returns the number removed or -1. */
int store_clean_staging(const char *uploads);

/* Makes an existing version current again (rollback), under the writer
 * lock. Returns 0, or -1 with a reason in err. */
int store_activate(const char *uploads, const char *version, char *err, size_t errsz);

/* The first line of meta.txt since values are escaped (store.c); a file
 * without it is of the first format, whose values are taken as they are. */
#define STORE_META_FORMAT "format 2"

/* What meta.txt of a version says. */
struct store_info {
	char version[STORE_VERSION_MAX];
	char created[32];        /* UTC, 2026-11-26T14:10:28Z */
	char user[128];
	long rows[DSF__MAX];
	char warnings[2048];     /* one per line, shortened */
	long nwarnings;
};

/* Reads a version's meta.txt. Returns 0 or -1 when the version is unknown. */
int store_info(const char *uploads, const char *version, struct store_info *out);

/* Names of every version, newest first, into out (at most max). Returns how
 * many. */
size_t store_versions(const char *uploads, char (*out)[STORE_VERSION_MAX], size_t max);

/* Retention: removes every version but the newest keep and the current
 * one, under the writer lock (keep 0 keeps everything). Returns how many
 * were removed, or -1. */
int store_prune(const char *uploads, size_t keep);

/* True when name is a well-formed version name (six digits). */
int store_valid_name(const char *name);

#endif
