/*
 * multipart: parse multipart/form-data bodies (RFC 7578, with the
 * delimiters of RFC 2046 section 5.1.1) on (pointer, length) slices.
 *
 * A parsed body keeps pointers into the caller's buffer for the part
 * contents, which are binary and may hold any byte, NUL included, so that
 * buffer must outlive the struct multipart. Field names, file names and
 * content types are copied and NUL-terminated. Release a parsed body with
 * multipart_release(), or multipart_free() for one allocated with malloc.
 */
#ifndef ARDOISE_HTTP_MULTIPART_H
#define ARDOISE_HTTP_MULTIPART_H

#include <stdbool.h>
#include <stddef.h>

#include "http/form.h"

#define MULTIPART_MAX_PARTS 64
/* Size of the header block of one part, blank line excluded. */
#define MULTIPART_MAX_HEADER_BYTES 4096
/* RFC 2046 allows 1 to 70 characters. */
#define MULTIPART_MAX_BOUNDARY_BYTES 70
/* Size of a field name, file name or content type. */
#define MULTIPART_MAX_NAME_BYTES 255

struct multipart_part {
	char *name;         /* the form field name */
	char *filename;     /* NULL for a text field, "" when no file was chosen */
	char *content_type; /* NULL when the part has none */
	const char *data;   /* the content, inside the parsed body */
	size_t len;
};

struct multipart {
	struct multipart_part *parts;
	size_t count;
};

enum multipart_error {
	MULTIPART_OK = 0,
	MULTIPART_BAD_BOUNDARY,      /* no valid boundary in the Content-Type */
	MULTIPART_NO_DELIMITER,      /* the body never starts a part */
	MULTIPART_UNTERMINATED,      /* a part or the body is cut short */
	MULTIPART_BAD_DELIMITER,     /* text after a delimiter on its line */
	MULTIPART_TOO_MANY_PARTS,
	MULTIPART_HEADER_TOO_LARGE,
	MULTIPART_BAD_HEADER,        /* no form-data Content-Disposition with a name */
	MULTIPART_BAD_FIELD,         /* a text field breaks the limits of form.h */
	MULTIPART_NO_MEMORY,
};

/* True when the Content-Type value is multipart/form-data (any case). */
bool multipart_is_form_data(const char *type, size_t len);
/* Copy the boundary parameter of a Content-Type value, quoted or not, into
 * `out` (at least MULTIPART_MAX_BOUNDARY_BYTES + 1 bytes). */
enum multipart_error multipart_boundary(const char *type, size_t len, char *out, size_t size);
/* Parse `len` bytes of body. On error `m` is left empty. */
enum multipart_error multipart_parse(struct multipart *m, const char *boundary,
				     const char *body, size_t len);
void multipart_release(struct multipart *m);
/* Release and free a struct multipart from malloc. Accepts NULL. */
void multipart_free(struct multipart *m);

/* The first part named `name` that is a file, or NULL. */
const struct multipart_part *multipart_file(const struct multipart *m, const char *name);
/* Fill the empty `f` with copies of the text fields (parts without a file
 * name), checked against the limits of form.h and for valid UTF-8 without
 * NUL. On error `f` is left empty. */
enum multipart_error multipart_text_fields(const struct multipart *m, struct form *f);

/* French description of an error, for error pages. */
const char *multipart_error_message(enum multipart_error e);

#endif
