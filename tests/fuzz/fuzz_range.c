/* libFuzzer target: the Range header parser and the played-intervals
 * parser of video progress, with their invariants checked. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/range.h"
#include "learn/video_progress.h"

static void check_range(const char *text, size_t len, uint64_t size)
{
	uint64_t first = 0, last = 0;

	if (range_parse(text, len, size, &first, &last) == RANGE_OK && (first > last || last >= size))
		__builtin_trap();
}

static void check_intervals(const char *text)
{
	struct interval v[VIDEO_MAX_INTERVALS];
	size_t n = 0, i;
	double total;

	if (intervals_parse(text, 100.0, v, &n, VIDEO_MAX_INTERVALS) < 0)
		return;
	n = intervals_merge(v, n);
	total = intervals_total(v, n);
	if (total < 0 || total > 100.0 + 1e-9)
		__builtin_trap();
	for (i = 1; i < n; i++)
		if (v[i].start <= v[i - 1].end)
			__builtin_trap(); /* merged ranges are disjoint and sorted */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	check_range(text, size, 10000);
	check_range(text, size, 0);
	check_range(text, size, 1);
	check_intervals(text);
	free(text);
	return 0;
}
