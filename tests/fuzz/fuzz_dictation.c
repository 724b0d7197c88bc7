/* libFuzzer target: the dictation comparison. The input is
 * "reference\ntyped"; the alignment, its correction HTML and the spoken
 * text of the reference must hold for any bytes. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "content/dictation.h"

/* Check the invariants of one alignment. */
static void result_check(const struct dictation_result *r)
{
	size_t i, expected = 0, typed = 0;

	for (i = 0; i < r->step_count; i++) {
		const struct dictation_step *s = &r->steps[i];

		assert(s->expected || s->typed);
		expected += s->expected != NULL;
		typed += s->typed != NULL;
	}
	assert(expected == r->expected_count);
	assert(typed == r->typed_count);
	assert(r->words_right <= r->words);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	const char *split = memchr(text, '\n', size);
	size_t reference_len = split ? (size_t)(split - text) : size;
	const char *typed = split ? split + 1 : "";
	size_t typed_len = split ? size - reference_len - 1 : 0;
	struct dictation_result r;
	struct buf html = BUF_INIT(0);
	char *typed_copy;

	if (dictation_compare(text, reference_len, typed, typed_len, &r) != 0)
		return 0;
	result_check(&r);
	typed_copy = strndup(typed, typed_len);
	if (typed_copy)
		dictation_result_html(&r, typed_copy, &html);
	free(typed_copy);
	buf_release(&html);
	dictation_result_release(&r);
	return 0;
}
