/*
 * fold: the text forms the dictionary tools search on.
 *
 * A query typed by a child is first normalised (tool_query_normalise):
 * valid UTF-8, no control characters, spaces trimmed and collapsed, at most
 * TOOL_QUERY_MAX_BYTES. Words are then compared in their folded form
 * (tool_fold): lower case, accents removed, "œ" and "æ" spelled out, so
 * "Etre", "être" and "ÊTRE" all give "etre".
 */
#ifndef ARDOISE_TOOLS_FOLD_H
#define ARDOISE_TOOLS_FOLD_H

#include <stddef.h>

#define TOOL_QUERY_MAX_BYTES 100

enum query_error {
	QUERY_OK,
	QUERY_EMPTY,    /* nothing but spaces */
	QUERY_TOO_LONG, /* more than TOOL_QUERY_MAX_BYTES after trimming */
	QUERY_INVALID,  /* not UTF-8, or a control character */
};

/*
 * Normalise `text[0..len)` into `out` (NUL-terminated, `size` must be at
 * least TOOL_QUERY_MAX_BYTES + 1). Returns QUERY_OK or the error; `out`
 * is then the empty string.
 */
enum query_error tool_query_normalise(const char *text, size_t len, char *out, size_t size);

/*
 * Write the folded form of the UTF-8 text `text[0..len)` into `out`
 * (NUL-terminated, cut at `size` - 1 bytes on a character boundary).
 * Returns 0, or -1 when the text is not valid UTF-8 (`out` is then "").
 */
int tool_fold(const char *text, size_t len, char *out, size_t size);

#endif
