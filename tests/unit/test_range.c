/* Unit tests of http/range.c (the Range header) and of the played
 * intervals of learn/video_progress.h, table-driven. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "http/range.h"
#include "learn/video_progress.h"

struct range_row {
	const char *header;
	uint64_t size;
	enum range_result result;
	uint64_t first, last;
};

static const struct range_row range_rows[] = {
	{ "bytes=0-", 100, RANGE_OK, 0, 99 },
	{ "bytes=10-19", 100, RANGE_OK, 10, 19 },
	{ "bytes=90-200", 100, RANGE_OK, 90, 99 },
	{ "bytes=-10", 100, RANGE_OK, 90, 99 },
	{ "bytes=-500", 100, RANGE_OK, 0, 99 },
	{ "bytes=99-99", 100, RANGE_OK, 99, 99 },
	{ "bytes=100-", 100, RANGE_UNSATISFIABLE, 0, 0 },
	{ "bytes=-0", 100, RANGE_UNSATISFIABLE, 0, 0 },
	{ "bytes=0-", 0, RANGE_UNSATISFIABLE, 0, 0 },
	{ "bytes=-5", 0, RANGE_UNSATISFIABLE, 0, 0 },
	{ "bytes=20-10", 100, RANGE_NONE, 0, 0 },
	{ "bytes=0-1,5-6", 100, RANGE_NONE, 0, 0 },
	{ "bytes=-", 100, RANGE_NONE, 0, 0 },
	{ "bytes=a-b", 100, RANGE_NONE, 0, 0 },
	{ "items=0-5", 100, RANGE_NONE, 0, 0 },
	{ "bytes=99999999999999999999999-", 100, RANGE_NONE, 0, 0 },
	{ "bytes= 0-5", 100, RANGE_NONE, 0, 0 },
};

static void range_table(void **state)
{
	size_t i;

	for (i = 0; i < sizeof(range_rows) / sizeof(range_rows[0]); i++) {
		const struct range_row *t = &range_rows[i];
		uint64_t first = 0, last = 0;
		enum range_result got = range_parse(t->header, strlen(t->header), t->size, &first, &last);

		if (got != t->result)
			fail_msg("\"%s\" on %llu bytes: result %d, expected %d", t->header, (unsigned long long)t->size, got,
				 t->result);
		if (got != RANGE_OK)
			continue;
		assert_int_equal(first, t->first);
		assert_int_equal(last, t->last);
	}
}

struct merge_row {
	const char *played;
	double duration;
	double total;  /* -1: the text is rejected */
	size_t count;  /* ranges after merging */
};

static const struct merge_row merge_rows[] = {
	{ "0-10", 100, 10, 1 },
	{ "0-10,95-100", 100, 15, 2 },
	{ "0-10,5-30", 100, 30, 1 },
	{ "20-30,0-10", 100, 20, 2 },
	{ "0-10,10.2-20", 100, 20, 1 },  /* a gap under VIDEO_JOIN_GAP_SECONDS is joined */
	{ "0-10,11-20", 100, 19, 2 },
	{ "90-400", 100, 10, 1 },        /* cut at the duration */
	{ "150-200", 100, 0, 0 },        /* wholly past the end */
	{ "5-5", 100, 0, 0 },
	{ "", 100, 0, 0 },
	{ "0-10,", 100, 10, 1 },
	{ "abc", 100, -1, 0 },
	{ "-1-5", 100, -1, 0 },
	{ "0-10;20-30", 100, -1, 0 },
	{ "1e400-2", 100, -1, 0 },
};

static void intervals_table(void **state)
{
	size_t i;

	for (i = 0; i < sizeof(merge_rows) / sizeof(merge_rows[0]); i++) {
		const struct merge_row *t = &merge_rows[i];
		struct interval v[VIDEO_MAX_INTERVALS];
		size_t n = 0;
		int rc = intervals_parse(t->played, t->duration, v, &n, VIDEO_MAX_INTERVALS);

		if (t->total < 0) {
			if (rc != -1)
				fail_msg("\"%s\" accepted, expected rejected", t->played);
			continue;
		}
		if (rc != 0)
			fail_msg("\"%s\" rejected", t->played);
		n = intervals_merge(v, n);
		assert_int_equal(n, t->count);
		assert_float_equal(intervals_total(v, n), t->total, 1e-9);
	}
}

static void intervals_limit(void **state)
{
	char text[VIDEO_MAX_RANGES_BYTES + 100];
	struct interval v[4];
	size_t n = 0, used = 0, i;

	/* Five ranges do not fit in four slots. */
	assert_int_equal(intervals_parse("0-1,2-3,4-5,6-7,8-9", 100, v, &n, 4), -1);
	/* A text longer than VIDEO_MAX_RANGES_BYTES is rejected. */
	for (i = 0; used + 8 < sizeof(text); i++)
		used += (size_t)snprintf(text + used, sizeof(text) - used, "%s1-2", i ? "," : "");
	n = 0;
	assert_int_equal(intervals_parse(text, 100, v, &n, 4), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(range_table),
		cmocka_unit_test(intervals_table),
		cmocka_unit_test(intervals_limit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
