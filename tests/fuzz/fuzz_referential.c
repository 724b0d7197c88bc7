/* libFuzzer target: parse any bytes as the referential. The bytes before
 * the first NUL are socle.tsv, the rest competences.tsv; then look every
 * parsed code up again. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "content/referential.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	const char *nul = memchr(text, '\0', size);
	size_t socle_len = nul ? (size_t)(nul - text) : 0;
	struct referential ref;
	FILE *sink = fopen("/dev/null", "w");
	size_t i;

	if (!sink)
		return 0;
	referential_init(&ref);
	if (nul)
		referential_parse(&ref, "c.tsv", nul + 1, size - socle_len - 1, "s.tsv", text, socle_len, sink);
	else
		referential_parse(&ref, "c.tsv", text, size, "s.tsv", NULL, 0, sink);
	for (i = 0; i < ref.count; i++)
		if (referential_find(&ref, ref.items[i].code) != &ref.items[i])
			__builtin_trap(); /* codes are unique */
	referential_release(&ref);
	fclose(sink);
	return 0;
}
