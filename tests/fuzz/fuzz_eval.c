/* libFuzzer target: the evaluation module's date parser, the connection
 * rules on arbitrary event sequences, the reading of stored sets of
 * children, and the CSV/.ods writer on arbitrary cell text. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "eval/child_set.h"
#include "eval/connection.h"
#include "eval/paris_time.h"
#include "eval/sheet.h"

#define MAX_EVENTS 256

static void events_check(const uint8_t *data, size_t size)
{
	struct connection_event events[MAX_EVENTS];
	struct connection_span spans[MAX_EVENTS];
	int64_t at = 1767225600, total = 0;
	size_t n = 0, i, count;

	for (i = 0; i + 2 < size && n < MAX_EVENTS; i += 3, n++) {
		at += (int64_t)(data[i] | data[i + 1] << 8) * 7;
		events[n].at = at;
		events[n].mark = (enum connection_mark)(data[i + 2] % 3);
	}
	count = connection_build(events, n, 1800, spans);
	/* Every event is in exactly one connection, and no connection lasts
	 * longer than its span of time. */
	for (i = 0; i < count; i++) {
		if (spans[i].seconds < 0 || spans[i].seconds > spans[i].ended_at - spans[i].started_at)
			__builtin_trap();
		total += (int64_t)spans[i].events;
	}
	if ((size_t)total != n)
		__builtin_trap();
}

/* A stored set of children, damaged or not: either refused, or counted
 * with at most one child per record, grouped or not. */
static void child_set_check(const uint8_t *data, size_t size)
{
	struct child_count c;
	uint32_t days = size ? data[0] * 0x01010101u : 0;
	bool grouped = size > 1 && (data[1] & 1);

	child_count_init(&c);
	if (grouped)
		child_count_group(&c);
	if (child_count_add(&c, data, size, days) == 0 && !c.failed &&
	    (c.children > (int64_t)(size / CHILD_SET_COMPACT_RECORD) || c.tutoring_children > c.children ||
	     (grouped && c.group_children != c.children)))
		__builtin_trap();
	child_count_release(&c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct sheet s;
	struct buf out = BUF_INIT(0);
	int64_t day;
	char back[16];

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	/* A parsed date formats back to the same text. */
	if (day_parse(text, &day)) {
		day_format(day, back, sizeof(back));
		if (strcmp(back, text) != 0)
			__builtin_trap();
	}
	sheet_init(&s, text);
	sheet_row(&s);
	sheet_text(&s, text);
	sheet_number(&s, (double)size / 3.0, 1);
	sheet_csv(&s, &out);
	buf_reset(&out);
	sheet_ods(&s, &out);
	sheet_release(&s);
	buf_release(&out);
	events_check(data, size);
	child_set_check(data, size);
	free(text);
	return 0;
}
