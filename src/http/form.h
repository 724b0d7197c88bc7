/*
 * form: parse application/x-www-form-urlencoded bodies and query strings,
 * and Cookie headers.
 *
 * A parsed form owns copies of every decoded name and value (always
 * NUL-terminated; a value containing a NUL byte is rejected). Release it
 * with form_release(). Names may repeat (checkboxes); form_get returns the
 * first value, form_get_all every one in order.
 */
#ifndef ARDOISE_HTTP_FORM_H
#define ARDOISE_HTTP_FORM_H

#include <stddef.h>

#define FORM_MAX_FIELDS 256
#define FORM_MAX_NAME_BYTES 64
#define FORM_MAX_VALUE_BYTES 8192

struct form_field {
	char *name;
	char *value;
};

struct form {
	struct form_field *fields;
	size_t count;
};

enum form_error {
	FORM_OK = 0,
	FORM_TOO_MANY_FIELDS,
	FORM_NAME_TOO_LONG,
	FORM_VALUE_TOO_LONG,
	FORM_BAD_ENCODING, /* bad %XX escape, NUL byte or invalid UTF-8 */
	FORM_NO_MEMORY,
};

/* Parse `len` bytes of urlencoded data. On error the form is left empty. */
enum form_error form_parse(struct form *f, const char *data, size_t len);
/* Parse a Cookie header ("a=1; b=2"); values are not percent-decoded. */
enum form_error form_parse_cookies(struct form *f, const char *data, size_t len);
void form_release(struct form *f);

const char *form_get(const struct form *f, const char *name);
/* Fill `out` with up to `max` values of `name`; returns how many exist. */
size_t form_get_all(const struct form *f, const char *name, const char **out, size_t max);

/* Remove leading and trailing spaces and tabs from every value of `name`,
 * in place: what people type in a name field often carries them. */
void form_trim(struct form *f, const char *name);

/* French description of an error, naming the limit, for error pages. */
const char *form_error_message(enum form_error e);

/* True when `s` (of `len` bytes) is valid UTF-8 with no NUL byte. */
int utf8_valid(const char *s, size_t len);

#endif
