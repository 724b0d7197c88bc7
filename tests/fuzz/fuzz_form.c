/* libFuzzer target: the urlencoded form and Cookie header parsers. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "http/form.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *values[8];
	struct form f;
	size_t i;

	if (form_parse(&f, (const char *)data, size) == FORM_OK) {
		for (i = 0; i < f.count; i++) {
			/* Every decoded string is NUL-terminated valid UTF-8. */
			if (!utf8_valid(f.fields[i].name, strlen(f.fields[i].name)) ||
			    !utf8_valid(f.fields[i].value, strlen(f.fields[i].value)))
				__builtin_trap();
		}
		if (f.count)
			form_get_all(&f, f.fields[0].name, values, 8);
		form_release(&f);
	}
	if (form_parse_cookies(&f, (const char *)data, size) == FORM_OK)
		form_release(&f);
	return 0;
}
