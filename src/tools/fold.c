/* Query normalisation and accent folding for the dictionary tools. */
#include "tools/fold.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static bool is_space(utf8proc_int32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == 0xa0 || cp == 0x202f;
}

enum query_error tool_query_normalise(const char *text, size_t len, char *out, size_t size)
{
	size_t i = 0, n = 0;
	bool pending_space = false;

	out[0] = '\0';
	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t step = utf8proc_iterate((const utf8proc_uint8_t *)text + i, (utf8proc_ssize_t)(len - i), &cp);

		if (step > 0 && is_space(cp)) {
			pending_space = n > 0;
			i += (size_t)step;
			continue;
		}
		if (step <= 0 || cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
			out[0] = '\0';
			return QUERY_INVALID;
		}
		if (n + (pending_space ? 1 : 0) + (size_t)step > TOOL_QUERY_MAX_BYTES || n + (size_t)step + 2 > size) {
			out[0] = '\0';
			return QUERY_TOO_LONG;
		}
		if (pending_space)
			out[n++] = ' ';
		pending_space = false;
		memcpy(out + n, text + i, (size_t)step);
		n += (size_t)step;
		i += (size_t)step;
	}
	out[n] = '\0';
	return n ? QUERY_OK : QUERY_EMPTY;
}

/* Append one code point of the folded text; false when `out` is full. */
static bool fold_put(char *out, size_t size, size_t *n, utf8proc_int32_t cp)
{
	utf8proc_uint8_t bytes[4];
	utf8proc_ssize_t k;

	if (cp == 0x153 || cp == 0x152)
		return fold_put(out, size, n, 'o') && fold_put(out, size, n, 'e');
	if (cp == 0xe6 || cp == 0xc6)
		return fold_put(out, size, n, 'a') && fold_put(out, size, n, 'e');
	if (cp == 0x2019 || cp == 0x2018)
		cp = '\'';
	k = utf8proc_encode_char(cp, bytes);
	if (*n + (size_t)k + 1 > size)
		return false;
	memcpy(out + *n, bytes, (size_t)k);
	*n += (size_t)k;
	return true;
}

int tool_fold(const char *text, size_t len, char *out, size_t size)
{
	utf8proc_uint8_t *mapped = NULL;
	utf8proc_ssize_t mlen, i = 0;
	size_t n = 0;

	out[0] = '\0';
	mlen = utf8proc_map((const utf8proc_uint8_t *)text, (utf8proc_ssize_t)len, &mapped,
			    UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
	if (mlen < 0)
		return -1;
	while (i < mlen) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t step = utf8proc_iterate(mapped + i, mlen - i, &cp);

		if (step <= 0 || !fold_put(out, size, &n, cp))
			break;
		i += step;
	}
	out[n] = '\0';
	free(mapped);
	return 0;
}
