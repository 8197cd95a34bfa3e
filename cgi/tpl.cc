// tpl.cc: the one extern "C" shim around Google's ctemplate; everything else is C.
#include "tpl.h"

#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <pthread.h>
#include <new>
#include <string>

#include <ctemplate/template.h>

#include "escape.h"

// A struct tpl_dict pointer is a ctemplate::TemplateDictionary pointer in
// disguise: section dictionaries belong to their parent, so only the top one
// is ever deleted and nothing needs a wrapper of its own.
static ctemplate::TemplateDictionary *dict(struct tpl_dict *d)
{
	return reinterpret_cast<ctemplate::TemplateDictionary *>(d);
}

static struct tpl_dict *wrap(ctemplate::TemplateDictionary *d)
{
	return reinterpret_cast<struct tpl_dict *>(d);
}

// Variable, section and include names turned into ctemplate's ids once per
// process: a name passed as a plain string is hashed and entered in
// ctemplate's global id-to-name map (under its lock) on every use, most of
// the cost of a value set. Up to KEYS_MAX names are kept (their copies live
// as long as the process: the map points at them); others take the plain way.
#define KEYS_SLOTS 1024
#define KEYS_MAX 768
static struct {
	const char *name;
	ctemplate::StaticTemplateString *sts;
} keys[KEYS_SLOTS];
static size_t nkeys;
static pthread_mutex_t keys_lock = PTHREAD_MUTEX_INITIALIZER;

static ctemplate::TemplateString name_of(const char *name)
{
	if (!name)
		return ctemplate::TemplateString("");
	size_t n = strlen(name), i = 2166136261u;
	for (size_t k = 0; k < n; k++)
		i = (i ^ (unsigned char)name[k]) * 16777619u;
	const ctemplate::StaticTemplateString *found = nullptr;
	pthread_mutex_lock(&keys_lock);
	for (size_t probe = 0; probe < KEYS_SLOTS && !found; probe++, i++) {
		size_t at = i % KEYS_SLOTS;
		if (keys[at].name && strcmp(keys[at].name, name) == 0) {
			found = keys[at].sts;
		} else if (!keys[at].name) {
			char *copy = nkeys < KEYS_MAX ? strdup(name) : nullptr;
			auto *sts = copy ? new (std::nothrow) ctemplate::StaticTemplateString{ { copy, n, 0 } } : nullptr;
			if (sts) {
				ctemplate::StaticTemplateStringInitializer id(sts); // sets its id, enters it in the map
				keys[at].name = copy;
				keys[at].sts = sts;
				nkeys++;
				found = sts;
			} else {
				free(copy);
			}
			break;
		}
	}
	pthread_mutex_unlock(&keys_lock);
	return found ? ctemplate::TemplateString(*found) : ctemplate::TemplateString(name, n);
}

extern "C" void tpl_set_root(const char *dir)
{
	ctemplate::mutable_default_template_cache()->SetTemplateRootDirectory(dir);
}

extern "C" struct tpl_dict *tpl_new(void)
{
	try {
		return wrap(new ctemplate::TemplateDictionary("page"));
	} catch (...) {
		return nullptr;
	}
}

extern "C" void tpl_free(struct tpl_dict *d)
{
	delete dict(d);
}

// Values are shown as text: one with bidirectional controls is isolated
// (esc_bidi_isolate), so it cannot turn the text around it. The template's
// AUTOESCAPE escapes it afterwards for its context.
static std::string shown(const char *value)
{
	if (!value)
		return std::string();
	if (!esc_has_bidi(value))
		return std::string(value);
	struct buf b;
	buf_init(&b, 0);
	std::string s = esc_bidi_isolate(&b, value) == 0 ? std::string(b.data, b.len) : std::string();
	buf_free(&b);
	return s;
}

extern "C" void tpl_set(struct tpl_dict *d, const char *key, const char *value)
{
	if (!d)
		return;
	try {
		dict(d)->SetValue(name_of(key), shown(value));
	} catch (...) {
	}
}

extern "C" void tpl_set_verbatim(struct tpl_dict *d, const char *key, const char *value)
{
	if (!d)
		return;
	try {
		dict(d)->SetValue(name_of(key), value ? value : "");
	} catch (...) {
	}
}

extern "C" void tpl_set_markup(struct tpl_dict *d, const char *key, const char *markup)
{
	tpl_set_verbatim(d, key, markup);
}

extern "C" void tpl_set_global(struct tpl_dict *d, const char *key, const char *value)
{
	if (!d)
		return;
	try {
		dict(d)->SetTemplateGlobalValue(key, shown(value));
	} catch (...) {
	}
}

extern "C" void tpl_setf(struct tpl_dict *d, const char *key, const char *fmt, ...)
{
	if (!d)
		return;
	char small[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(small)) {
		tpl_set(d, key, small);
		return;
	}
	try {
		std::string big((size_t)n + 1, '\0');
		va_start(ap, fmt);
		vsnprintf(&big[0], big.size(), fmt, ap);
		va_end(ap);
		big.resize((size_t)n);
		dict(d)->SetValue(name_of(key), shown(big.c_str()));
	} catch (...) {
	}
}

extern "C" struct tpl_dict *tpl_section(struct tpl_dict *d, const char *name)
{
	if (!d)
		return nullptr;
	try {
		return wrap(dict(d)->AddSectionDictionary(name_of(name)));
	} catch (...) {
		return nullptr;
	}
}

extern "C" struct tpl_dict *tpl_include(struct tpl_dict *d, const char *name, const char *file)
{
	if (!d)
		return nullptr;
	try {
		ctemplate::TemplateDictionary *c = dict(d)->AddIncludeDictionary(name_of(name));
		c->SetFilename(file);
		return wrap(c);
	} catch (...) {
		return nullptr;
	}
}

extern "C" void tpl_show(struct tpl_dict *d, const char *name)
{
	if (!d)
		return;
	try {
		dict(d)->ShowSection(name_of(name));
	} catch (...) {
	}
}

extern "C" int tpl_expand(const char *file, struct tpl_dict *d, struct buf *out)
{
	if (!d)
		return -1;
	try {
		std::string s;
		if (!ctemplate::ExpandTemplate(file, ctemplate::STRIP_BLANK_LINES, dict(d), &s)) {
			fprintf(stderr, "template %s: cannot expand\n", file);
			return -1;
		}
		return buf_append(out, s.data(), s.size());
	} catch (...) {
		return -1;
	}
}
