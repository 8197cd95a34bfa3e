/* upmap.h: the column-mapping step of an upload: the mapping form on the 422 page and POST /upload/map. */
#ifndef UPMAP_H
#define UPMAP_H

#include "app.h"
#include "held.h"
#include "importlog.h"
#include "multipart.h"
#include "tpl.h"

/* True when a file that was sent lacks a required column: the upload can
 * be finished by choosing one of the file's own columns for it. */
int upmap_offer(const struct importlog *rep, const struct form *form);

/* Adds the MAPPING section to the upload page: for each missing column a
 * select of the kept file's header names, the token, the button. */
void upmap_fill(struct tpl_dict *d, const struct held *h, const struct importlog *rep);

/* From page_upload.c: the upload page with errors (and the mapping form
 * when held is set); the answer to an import's result (303, 422 or a
 * storage failure); the editors-only check. */
enum app_status page_upload_answer(struct request *r, int status, const struct importlog *rep, const struct form *form,
				   const char *message, const struct held *held);
void page_upload_result(struct request *r, int rc, int why, const char *version, const char *err,
			const struct importlog *rep, const struct form *form, const struct held *keep);
enum app_status page_upload_editor(struct request *r);

#endif
