/* tpl.h: the C face of the ctemplate shim: dictionaries, sections, includes, expansion. */
#ifndef TPL_H
#define TPL_H

#include "buf.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A dictionary of template values. Every function accepts a NULL dictionary
 * (from a failed allocation) and then does nothing, so callers need not check. Section and include dictionaries belong
 * to their parent and are freed with it. */
struct tpl_dict;

/* Sets the directory templates are read from (once, at start). */
void tpl_set_root(const char *dir);
/* A new top-level dictionary; NULL when out of memory. Free with tpl_free. */
struct tpl_dict *tpl_new(void);
void tpl_free(struct tpl_dict *d);
/* Sets a value shown as text; the template's AUTOESCAPE escapes it for its
 * context, and text with bidirectional controls is isolated first
 * (esc_bidi_isolate). */
void tpl_set(struct tpl_dict *d, const char *key, const char *value);
/* Sets a form field's value, which the browser sends back: kept exactly as
 * it is (escaped by AUTOESCAPE, never isolated). Only for value="..." slots. */
void tpl_set_verbatim(struct tpl_dict *d, const char *key, const char *value);
/* Sets markup the program built itself (an SVG chart), for a template slot
 * written {{NAME:none}}. Never pass input-derived text here unescaped. */
void tpl_set_markup(struct tpl_dict *d, const char *key, const char *markup);
/* Sets a value seen by this template and every template it includes. */
void tpl_set_global(struct tpl_dict *d, const char *key, const char *value);
/* Sets a printf-formatted value. */
void tpl_setf(struct tpl_dict *d, const char *key, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Adds one repetition of a section and returns its dictionary (NULL on failure). */
struct tpl_dict *tpl_section(struct tpl_dict *d, const char *name);
/* Includes another template file at {{>NAME}}; returns its dictionary,
 * which sees only its own values and the globals (NULL on failure). */
struct tpl_dict *tpl_include(struct tpl_dict *d, const char *name, const char *file);
/* Shows a section once with the parent's values. */
void tpl_show(struct tpl_dict *d, const char *name);
/* Expands the template file into out. Returns 0, or -1 when the template is
 * missing or broken (logged on stderr) or out is full. */
int tpl_expand(const char *file, struct tpl_dict *d, struct buf *out);

#ifdef __cplusplus
}
#endif

#endif
