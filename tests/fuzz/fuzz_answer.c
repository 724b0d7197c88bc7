/* libFuzzer target: answer normalisation, text matching (with the 1990
 * reform and markup rules), French numbers, fractions and mixed numbers.
 * The first byte picks the flags; the rest is "given\nexpected". */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "content/answer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data + 1;
	const char *split;
	size_t len, given_len;
	struct answer_decimal d, e;
	struct answer_rational r, s;
	unsigned form;
	char *out = NULL, *message = NULL;
	unsigned flags;

	if (size == 0)
		return 0;
	flags = data[0] & (ANSWER_CASE_SENSITIVE | ANSWER_IGNORE_ACCENTS |
			   ANSWER_OE_DISTINCT | ANSWER_REFORM_1990);
	len = size - 1;
	split = memchr(text, '\n', len);
	given_len = split ? (size_t)(split - text) : len;

	if (answer_normalize(text, len, flags, &out) == 0)
		free(out);
	answer_text_matches(text, given_len, split ? split + 1 : "",
			    split ? len - given_len - 1 : 0, flags);
	if (answer_parse_decimal(text, given_len, &d, &message) ==
	    ANSWER_NUMBER_OK && split &&
	    answer_parse_decimal(split + 1, len - given_len - 1, &e, NULL) ==
	    ANSWER_NUMBER_OK)
		answer_decimal_close(&d, &e, &d);
	free(message);
	message = NULL;
	if (answer_parse_rational(text, given_len, &r, &form, &message) ==
	    ANSWER_NUMBER_OK && split &&
	    answer_parse_rational(split + 1, len - given_len - 1, &s, &form,
				  NULL) == ANSWER_NUMBER_OK)
		answer_rational_equal(&r, &s);
	free(message);
	return 0;
}
