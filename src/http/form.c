#include "http/form.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

int utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;

	while (p < end) {
		unsigned char c = *p;
		size_t n, i;
		unsigned cp;

		if (c == 0)
			return 0;
		if (c < 0x80) {
			p++;
			continue;
		}
		if ((c & 0xE0) == 0xC0) {
			n = 1;
			cp = c & 0x1F;
		} else if ((c & 0xF0) == 0xE0) {
			n = 2;
			cp = c & 0x0F;
		} else if ((c & 0xF8) == 0xF0) {
			n = 3;
			cp = c & 0x07;
		} else {
			return 0;
		}
		if ((size_t)(end - p) <= n)
			return 0;
		for (i = 1; i <= n; i++) {
			if ((p[i] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (p[i] & 0x3F);
		}
		/* Reject overlong forms, surrogates and values past U+10FFFF. */
		if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) ||
		    (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		p += n + 1;
	}
	return 1;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode one urlencoded component into a new NUL-terminated string. */
static enum form_error decode(const char *s, size_t len, bool plus_is_space,
			      char **out)
{
	char *d = malloc(len + 1);
	size_t i, n = 0;

	if (!d)
		return FORM_NO_MEMORY;
	for (i = 0; i < len; i++) {
		if (s[i] == '%') {
			int hi = i + 2 < len ? hex_value(s[i + 1]) : -1;
			int lo = i + 2 < len ? hex_value(s[i + 2]) : -1;

			if (hi < 0 || lo < 0) {
				free(d);
				return FORM_BAD_ENCODING;
			}
			d[n++] = (char)(hi * 16 + lo);
			i += 2;
		} else if (s[i] == '+' && plus_is_space) {
			d[n++] = ' ';
		} else {
			d[n++] = s[i];
		}
	}
	d[n] = '\0';
	if (!utf8_valid(d, n)) {
		free(d);
		return FORM_BAD_ENCODING;
	}
	*out = d;
	return FORM_OK;
}

static enum form_error form_add(struct form *f, char *name, char *value)
{
	struct form_field *fields;

	if (f->count == FORM_MAX_FIELDS)
		return FORM_TOO_MANY_FIELDS;
	fields = realloc(f->fields, (f->count + 1) * sizeof(*fields));
	if (!fields)
		return FORM_NO_MEMORY;
	f->fields = fields;
	f->fields[f->count].name = name;
	f->fields[f->count].value = value;
	f->count++;
	return FORM_OK;
}

/* Split `data` on `sep`, decode each "name=value" pair and add it. */
static enum form_error parse_pairs(struct form *f, const char *data, size_t len,
				   char sep, bool urlencoded)
{
	enum form_error e = FORM_OK;
	size_t pos = 0;

	f->fields = NULL;
	f->count = 0;
	while (pos < len && e == FORM_OK) {
		const char *pair = data + pos, *eq;
		const char *end = memchr(pair, sep, len - pos);
		size_t pair_len = end ? (size_t)(end - pair) : len - pos;
		size_t name_len, value_len;
		char *name = NULL, *value = NULL;

		pos += pair_len + 1;
		if (!urlencoded)
			while (pair_len && *pair == ' ') {
				pair++;
				pair_len--;
			}
		if (pair_len == 0)
			continue;
		eq = memchr(pair, '=', pair_len);
		name_len = eq ? (size_t)(eq - pair) : pair_len;
		value_len = eq ? pair_len - name_len - 1 : 0;
		if (name_len > FORM_MAX_NAME_BYTES * 3) {
			e = FORM_NAME_TOO_LONG;
			break;
		}
		if (value_len > FORM_MAX_VALUE_BYTES * 3) {
			e = FORM_VALUE_TOO_LONG;
			break;
		}
		e = decode(pair, name_len, urlencoded, &name);
		if (e == FORM_OK)
			e = decode(eq ? eq + 1 : "", value_len, urlencoded, &value);
		if (e == FORM_OK && strlen(name) > FORM_MAX_NAME_BYTES)
			e = FORM_NAME_TOO_LONG;
		if (e == FORM_OK && strlen(value) > FORM_MAX_VALUE_BYTES)
			e = FORM_VALUE_TOO_LONG;
		if (e == FORM_OK)
			e = form_add(f, name, value);
		if (e != FORM_OK) {
			free(name);
			free(value);
		}
		/* A foreign cookie that is not ours may hold anything: skip it. */
		if (!urlencoded && e == FORM_BAD_ENCODING)
			e = FORM_OK;
	}
	if (e != FORM_OK)
		form_release(f);
	return e;
}

enum form_error form_parse(struct form *f, const char *data, size_t len)
{
	return parse_pairs(f, data, len, '&', true);
}

enum form_error form_parse_cookies(struct form *f, const char *data, size_t len)
{
	return parse_pairs(f, data, len, ';', false);
}

void form_release(struct form *f)
{
	size_t i;

	for (i = 0; i < f->count; i++) {
		free(f->fields[i].name);
		free(f->fields[i].value);
	}
	free(f->fields);
	f->fields = NULL;
	f->count = 0;
}

const char *form_get(const struct form *f, const char *name)
{
	size_t i;

	for (i = 0; i < f->count; i++)
		if (strcmp(f->fields[i].name, name) == 0)
			return f->fields[i].value;
	return NULL;
}

size_t form_get_all(const struct form *f, const char *name, const char **out, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < f->count; i++) {
		if (strcmp(f->fields[i].name, name) != 0)
			continue;
		if (n < max)
			out[n] = f->fields[i].value;
		n++;
	}
	return n;
}

void form_trim(struct form *f, const char *name)
{
	size_t i, start, len;
	char *v;

	for (i = 0; i < f->count; i++) {
		if (strcmp(f->fields[i].name, name) != 0)
			continue;
		v = f->fields[i].value;
		start = strspn(v, " \t");
		len = strlen(v + start);
		while (len && (v[start + len - 1] == ' ' || v[start + len - 1] == '\t'))
			len--;
		memmove(v, v + start, len);
		v[len] = '\0';
	}
}

const char *form_error_message(enum form_error e)
{
	switch (e) {
	case FORM_OK:
		return "";
	case FORM_TOO_MANY_FIELDS:
		return "Le formulaire contient trop de champs (256 au plus).";
	case FORM_NAME_TOO_LONG:
		return "Un nom de champ dépasse 64 caractères.";
	case FORM_VALUE_TOO_LONG:
		return "Une réponse dépasse 8 192 octets : raccourcis-la puis envoie de nouveau.";
	case FORM_BAD_ENCODING:
		return "Le formulaire contient des caractères illisibles (encodage invalide) : recharge la page puis envoie de nouveau.";
	case FORM_NO_MEMORY:
		return "Le serveur manque de mémoire.";
	}
	return "";
}
