/* libFuzzer target: the multipart/form-data parser. The first line of the
 * input is the Content-Type value, the rest is the body. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "http/multipart.h"

/* Every part must lie inside the body and carry a valid name. */
static void check_parts(const struct multipart *m, const char *body, size_t len)
{
	struct form f;
	size_t i;

	for (i = 0; i < m->count; i++) {
		const struct multipart_part *p = &m->parts[i];

		if (p->data < body || p->len > len || p->data + p->len > body + len)
			__builtin_trap();
		if (!p->name || !*p->name || !utf8_valid(p->name, strlen(p->name)))
			__builtin_trap();
	}
	if (m->count > MULTIPART_MAX_PARTS)
		__builtin_trap();
	if (multipart_text_fields(m, &f) == MULTIPART_OK)
		form_release(&f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data, *newline = memchr(text, '\n', size);
	char boundary[MULTIPART_MAX_BOUNDARY_BYTES + 1];
	size_t type_len = newline ? (size_t)(newline - text) : size;
	const char *body = newline ? newline + 1 : text + size;
	size_t body_len = size - (size_t)(body - text);
	struct multipart m;

	if (multipart_boundary(text, type_len, boundary, sizeof(boundary)) != MULTIPART_OK)
		return 0;
	if (multipart_parse(&m, boundary, body, body_len) == MULTIPART_OK) {
		check_parts(&m, body, body_len);
		multipart_release(&m);
	} else if (m.count != 0) {
		__builtin_trap();
	}
	return 0;
}
