// tpl.cc: the one extern "C" shim around Google's ctemplate; everything else is C.
#include "tpl.h"

#include <cstdarg>
#include <cstdio>
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
		dict(d)->SetValue(key, shown(value));
	} catch (...) {
	}
}

extern "C" void tpl_set_verbatim(struct tpl_dict *d, const char *key, const char *value)
{
	if (!d)
		return;
	try {
		dict(d)->SetValue(key, value ? value : "");
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
		dict(d)->SetValue(key, shown(big.c_str()));
	} catch (...) {
	}
}

extern "C" struct tpl_dict *tpl_section(struct tpl_dict *d, const char *name)
{
	if (!d)
		return nullptr;
	try {
		return wrap(dict(d)->AddSectionDictionary(name));
	} catch (...) {
		return nullptr;
	}
}

extern "C" struct tpl_dict *tpl_include(struct tpl_dict *d, const char *name, const char *file)
{
	if (!d)
		return nullptr;
	try {
		ctemplate::TemplateDictionary *c = dict(d)->AddIncludeDictionary(name);
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
		dict(d)->ShowSection(name);
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
