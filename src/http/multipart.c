/* multipart/form-data bodies: boundary, delimiters, part headers. */
#define _GNU_SOURCE /* memmem */
#include "http/multipart.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A slice of the input. */
struct span {
	const char *p;
	size_t len;
};

static bool is_space(char c)
{
	return c == ' ' || c == '\t';
}

static struct span span_trim(struct span s)
{
	while (s.len && is_space(s.p[0])) {
		s.p++;
		s.len--;
	}
	while (s.len && is_space(s.p[s.len - 1]))
		s.len--;
	return s;
}

/* True when the span equals the NUL-terminated `word`, ignoring case. */
static bool span_is(struct span s, const char *word)
{
	return s.len == strlen(word) && strncasecmp(s.p, word, s.len) == 0;
}

bool multipart_is_form_data(const char *type, size_t len)
{
	static const char prefix[] = "multipart/form-data";
	size_t n = sizeof(prefix) - 1;

	if (len < n || strncasecmp(type, prefix, n) != 0)
		return false;
	return len == n || type[n] == ';' || is_space(type[n]);
}

/*
 * Read one parameter value at `*s`: a token up to ';' or a quoted string
 * whose backslash pairs are unescaped (RFC 9110 section 5.6.4). Writes at
 * most `size - 1` bytes and a NUL to `out`. Returns false when the value
 * is too long, unterminated, or contains a NUL byte.
 */
static bool param_value(struct span *s, char *out, size_t size)
{
	size_t i = 0, n = 0;
	bool quoted = s->len && s->p[0] == '"';

	if (quoted)
		i = 1;
	for (; i < s->len; i++) {
		char c = s->p[i];

		if (quoted && c == '"')
			break;
		if (!quoted && (c == ';' || is_space(c)))
			break;
		if (quoted && c == '\\' && i + 1 < s->len)
			c = s->p[++i];
		if (c == '\0' || n + 1 >= size)
			return false;
		out[n++] = c;
	}
	if (quoted && i == s->len)
		return false;
	out[n] = '\0';
	i += quoted;
	s->p += i;
	s->len -= i;
	return true;
}

/*
 * Move `*s` past the next ';' and read the parameter after it: its name
 * into `name`, its value through param_value(). Returns 1 for a parameter,
 * 0 at the end, -1 when malformed.
 */
static int param_next(struct span *s, struct span *name, char *value, size_t size)
{
	const char *eq;

	while (s->len && s->p[0] != ';') {
		if (!is_space(s->p[0]))
			return -1;
		s->p++;
		s->len--;
	}
	if (!s->len)
		return 0;
	s->p++;
	s->len--;
	*s = span_trim(*s);
	eq = memchr(s->p, '=', s->len);
	if (!eq)
		return -1;
	name->p = s->p;
	name->len = (size_t)(eq - s->p);
	*name = span_trim(*name);
	s->len -= (size_t)(eq + 1 - s->p);
	s->p = eq + 1;
	*s = span_trim(*s);
	return param_value(s, value, size) ? 1 : -1;
}

/* RFC 2046 bchars: digits, letters, "'()+_,-./:=?" and space, not last. */
static bool boundary_valid(const char *b)
{
	size_t i, len = strlen(b);

	if (len == 0 || len > MULTIPART_MAX_BOUNDARY_BYTES || b[len - 1] == ' ')
		return false;
	for (i = 0; i < len; i++) {
		char c = b[i];

		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      strchr("'()+_,-./:=? ", c)))
			return false;
	}
	return true;
}

enum multipart_error multipart_boundary(const char *type, size_t len, char *out, size_t size)
{
	struct span s = { type, len }, name;
	char value[MULTIPART_MAX_BOUNDARY_BYTES + 2];
	const char *semicolon = memchr(type, ';', len);
	int rc;

	if (!multipart_is_form_data(type, len) || !semicolon || size <= MULTIPART_MAX_BOUNDARY_BYTES)
		return MULTIPART_BAD_BOUNDARY;
	s.len -= (size_t)(semicolon - type);
	s.p = semicolon;
	while ((rc = param_next(&s, &name, value, sizeof(value))) == 1) {
		if (!span_is(name, "boundary"))
			continue;
		if (!boundary_valid(value))
			return MULTIPART_BAD_BOUNDARY;
		memcpy(out, value, strlen(value) + 1);
		return MULTIPART_OK;
	}
	return MULTIPART_BAD_BOUNDARY;
}

/* Copy a parameter value that must be valid UTF-8 of bounded length. */
static enum multipart_error name_copy(const char *value, char **out)
{
	if (*out)
		return MULTIPART_BAD_HEADER; /* given twice */
	if (!utf8_valid(value, strlen(value)))
		return MULTIPART_BAD_HEADER;
	*out = strdup(value);
	return *out ? MULTIPART_OK : MULTIPART_NO_MEMORY;
}

/* Content-Disposition: form-data; name="..."; filename="..." */
static enum multipart_error disposition_parse(struct span value, struct multipart_part *part)
{
	const char *semicolon = memchr(value.p, ';', value.len);
	struct span kind = { value.p, semicolon ? (size_t)(semicolon - value.p) : value.len }, name;
	char text[MULTIPART_MAX_NAME_BYTES + 1];
	enum multipart_error e = MULTIPART_OK;
	int rc = 0;

	if (!span_is(span_trim(kind), "form-data") || part->name)
		return MULTIPART_BAD_HEADER;
	value.len -= kind.len;
	value.p += kind.len;
	while (e == MULTIPART_OK && (rc = param_next(&value, &name, text, sizeof(text))) == 1) {
		if (span_is(name, "name"))
			e = name_copy(text, &part->name);
		else if (span_is(name, "filename"))
			e = name_copy(text, &part->filename);
	}
	if (e != MULTIPART_OK)
		return e;
	return rc < 0 || !part->name || !*part->name ? MULTIPART_BAD_HEADER : MULTIPART_OK;
}

static enum multipart_error content_type_parse(struct span value, struct multipart_part *part)
{
	char text[MULTIPART_MAX_NAME_BYTES + 1];

	value = span_trim(value);
	if (value.len > MULTIPART_MAX_NAME_BYTES || memchr(value.p, '\0', value.len))
		return MULTIPART_BAD_HEADER;
	memcpy(text, value.p, value.len);
	text[value.len] = '\0';
	return name_copy(text, &part->content_type);
}

/* Parse one header line "Name: value". Headers other than
 * Content-Disposition and Content-Type are ignored. */
static enum multipart_error header_parse(struct span line, struct multipart_part *part)
{
	const char *colon = memchr(line.p, ':', line.len);
	struct span name, value;

	if (!colon || colon == line.p || is_space(line.p[0]))
		return MULTIPART_BAD_HEADER;
	name.p = line.p;
	name.len = (size_t)(colon - line.p);
	value.p = colon + 1;
	value.len = line.len - name.len - 1;
	if (span_is(name, "content-disposition"))
		return disposition_parse(value, part);
	if (span_is(name, "content-type"))
		return content_type_parse(value, part);
	return MULTIPART_OK;
}

/* Parse the header block (CRLF-separated lines, no final blank line). */
static enum multipart_error headers_parse(struct span block, struct multipart_part *part)
{
	enum multipart_error e = MULTIPART_OK;

	while (e == MULTIPART_OK && block.len) {
		const char *end = memmem(block.p, block.len, "\r\n", 2);
		struct span line = { block.p, end ? (size_t)(end - block.p) : block.len };

		e = header_parse(line, part);
		block.p += line.len + (end ? 2 : 0);
		block.len -= line.len + (end ? 2 : 0);
	}
	if (e == MULTIPART_OK && !part->name)
		e = MULTIPART_BAD_HEADER;
	return e;
}

static void part_release(struct multipart_part *part)
{
	free(part->name);
	free(part->filename);
	free(part->content_type);
	memset(part, 0, sizeof(*part));
}

static enum multipart_error part_add(struct multipart *m, struct multipart_part *part)
{
	struct multipart_part *parts;

	if (m->count == MULTIPART_MAX_PARTS)
		return MULTIPART_TOO_MANY_PARTS;
	parts = realloc(m->parts, (m->count + 1) * sizeof(*parts));
	if (!parts)
		return MULTIPART_NO_MEMORY;
	m->parts = parts;
	m->parts[m->count++] = *part;
	memset(part, 0, sizeof(*part));
	return MULTIPART_OK;
}

/*
 * After a delimiter, "--" closes the body, and otherwise optional spaces
 * and CRLF start a part. Moves `*s` past them. Returns 1 for a part, 0 for the
 * end, or a negative enum multipart_error.
 */
static int after_delimiter(struct span *s)
{
	size_t i = 0;

	if (s->len >= 2 && s->p[0] == '-' && s->p[1] == '-')
		return 0;
	while (i < s->len && is_space(s->p[i]))
		i++;
	if (i + 2 > s->len)
		return -MULTIPART_UNTERMINATED;
	if (s->p[i] != '\r' || s->p[i + 1] != '\n')
		return -MULTIPART_BAD_DELIMITER;
	s->p += i + 2;
	s->len -= i + 2;
	return 1;
}

/* Read one part at `*s` (headers, blank line, content up to the next
 * delimiter) and move `*s` past that delimiter. */
static enum multipart_error part_read(struct span *s, const char *delimiter, size_t delimiter_len,
				      struct multipart_part *part)
{
	size_t limit = s->len < MULTIPART_MAX_HEADER_BYTES + 4 ? s->len : MULTIPART_MAX_HEADER_BYTES + 4;
	const char *blank = memmem(s->p, limit, "\r\n\r\n", 4), *end;
	struct span block;
	enum multipart_error e;

	if (s->len >= 2 && s->p[0] == '\r' && s->p[1] == '\n')
		return MULTIPART_BAD_HEADER; /* no header at all */
	if (!blank)
		return s->len > limit ? MULTIPART_HEADER_TOO_LARGE : MULTIPART_UNTERMINATED;
	block.p = s->p;
	block.len = (size_t)(blank - s->p);
	if ((e = headers_parse(block, part)) != MULTIPART_OK)
		return e;
	s->len -= block.len + 4;
	s->p = blank + 4;
	end = memmem(s->p, s->len, delimiter, delimiter_len);
	if (!end)
		return MULTIPART_UNTERMINATED;
	part->data = s->p;
	part->len = (size_t)(end - s->p);
	s->len -= part->len + delimiter_len;
	s->p = end + delimiter_len;
	return MULTIPART_OK;
}

/* Move `*s` past the first delimiter, which may open the body without the
 * CRLF that precedes the others (the preamble is skipped). */
static bool first_delimiter(struct span *s, const char *delimiter, size_t delimiter_len)
{
	const char *at;

	if (s->len >= delimiter_len - 2 && memcmp(s->p, delimiter + 2, delimiter_len - 2) == 0) {
		at = s->p;
		delimiter_len -= 2;
	} else if ((at = memmem(s->p, s->len, delimiter, delimiter_len)) == NULL) {
		return false;
	}
	s->len -= (size_t)(at - s->p) + delimiter_len;
	s->p = at + delimiter_len;
	return true;
}

enum multipart_error multipart_parse(struct multipart *m, const char *boundary,
				     const char *body, size_t len)
{
	char delimiter[MULTIPART_MAX_BOUNDARY_BYTES + 5];
	struct multipart_part part = { 0 };
	struct span s = { body, len };
	enum multipart_error e = MULTIPART_OK;
	size_t delimiter_len;
	int rc = 0;

	m->parts = NULL;
	m->count = 0;
	if (!boundary_valid(boundary))
		return MULTIPART_BAD_BOUNDARY;
	delimiter_len = strlen(boundary) + 4;
	memcpy(delimiter, "\r\n--", 4);
	memcpy(delimiter + 4, boundary, delimiter_len - 4);
	if (!first_delimiter(&s, delimiter, delimiter_len))
		return MULTIPART_NO_DELIMITER;
	while (e == MULTIPART_OK && (rc = after_delimiter(&s)) == 1) {
		e = part_read(&s, delimiter, delimiter_len, &part);
		if (e == MULTIPART_OK)
			e = part_add(m, &part);
		part_release(&part);
	}
	if (e == MULTIPART_OK && rc < 0)
		e = (enum multipart_error)-rc;
	if (e != MULTIPART_OK)
		multipart_release(m);
	return e;
}

void multipart_release(struct multipart *m)
{
	size_t i;

	for (i = 0; i < m->count; i++)
		part_release(&m->parts[i]);
	free(m->parts);
	m->parts = NULL;
	m->count = 0;
}

void multipart_free(struct multipart *m)
{
	if (!m)
		return;
	multipart_release(m);
	free(m);
}

const struct multipart_part *multipart_file(const struct multipart *m, const char *name)
{
	size_t i;

	for (i = 0; m && i < m->count; i++)
		if (m->parts[i].filename && strcmp(m->parts[i].name, name) == 0)
			return &m->parts[i];
	return NULL;
}

/* Append a copy of one text part to `f`, whose array has room for it. */
static enum multipart_error field_copy(const struct multipart_part *part, struct form *f)
{
	char *value;

	if (strlen(part->name) > FORM_MAX_NAME_BYTES || part->len > FORM_MAX_VALUE_BYTES ||
	    !utf8_valid(part->data, part->len))
		return MULTIPART_BAD_FIELD;
	value = malloc(part->len + 1);
	f->fields[f->count].name = strdup(part->name);
	if (!value || !f->fields[f->count].name) {
		free(value);
		free(f->fields[f->count].name);
		return MULTIPART_NO_MEMORY;
	}
	memcpy(value, part->data, part->len);
	value[part->len] = '\0';
	f->fields[f->count++].value = value;
	return MULTIPART_OK;
}

enum multipart_error multipart_text_fields(const struct multipart *m, struct form *f)
{
	enum multipart_error e = MULTIPART_OK;
	size_t i;

	f->count = 0;
	f->fields = m->count ? calloc(m->count, sizeof(*f->fields)) : NULL;
	if (m->count && !f->fields)
		return MULTIPART_NO_MEMORY;
	for (i = 0; i < m->count && e == MULTIPART_OK; i++) {
		if (m->parts[i].filename)
			continue;
		e = f->count == FORM_MAX_FIELDS ? MULTIPART_BAD_FIELD : field_copy(&m->parts[i], f);
	}
	if (e != MULTIPART_OK)
		form_release(f);
	return e;
}

const char *multipart_error_message(enum multipart_error e)
{
	switch (e) {
	case MULTIPART_OK:
		return "";
	case MULTIPART_BAD_BOUNDARY:
		return "Le formulaire envoyé n'indique pas de limite valide entre ses parties (paramètre boundary) : recharge la page puis envoie de nouveau.";
	case MULTIPART_NO_DELIMITER:
		return "Le formulaire envoyé ne contient aucune partie : recharge la page puis envoie de nouveau.";
	case MULTIPART_UNTERMINATED:
		return "Le formulaire envoyé est incomplet (envoi interrompu ?) : envoie-le de nouveau.";
	case MULTIPART_BAD_DELIMITER:
		return "Le formulaire envoyé est mal formé (texte après une limite entre parties) : recharge la page puis envoie de nouveau.";
	case MULTIPART_TOO_MANY_PARTS:
		return "Le formulaire envoyé contient trop de parties (64 au plus).";
	case MULTIPART_HEADER_TOO_LARGE:
		return "Une partie du formulaire envoyé a des en-têtes trop longs (4 096 octets au plus).";
	case MULTIPART_BAD_HEADER:
		return "Une partie du formulaire envoyé n'a pas d'en-tête Content-Disposition valide avec un nom de champ.";
	case MULTIPART_BAD_FIELD:
		return "Un champ du formulaire envoyé est trop long (8 192 octets au plus) ou contient des caractères illisibles : recharge la page puis envoie de nouveau.";
	case MULTIPART_NO_MEMORY:
		return "Le serveur manque de mémoire.";
	}
	return "";
}
