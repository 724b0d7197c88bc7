/*
 * libFuzzer target: the roster parser and writer. Checks that every row is
 * valid UTF-8 with a known level and a non-empty name, and that a file
 * without problems reads back unchanged after roster_export().
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "org/roster.h"

static int valid_utf8(const char *s)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t n, len = (utf8proc_ssize_t)strlen(s), i = 0;

	while (i < len) {
		n = utf8proc_iterate((const utf8proc_uint8_t *)s + i, len - i, &cp);
		if (n <= 0)
			return 0;
		i += n;
	}
	return 1;
}

static void check_row(const struct roster_row *row)
{
	static const char *const levels[] = { "CE2", "CM1", "CM2", "6e" };
	int known = 0;
	size_t i;

	if (!row->first_name[0] || !row->last_name[0] || !valid_utf8(row->first_name) ||
	    !valid_utf8(row->last_name) || !valid_utf8(row->group))
		__builtin_trap();
	if (strlen(row->first_name) > ROSTER_MAX_FIELD_BYTES || strlen(row->group) > ROSTER_MAX_FIELD_BYTES)
		__builtin_trap();
	for (i = 0; i < 4; i++)
		known |= strcmp(row->level, levels[i]) == 0;
	if (!known)
		__builtin_trap();
}

static int same_row(const struct roster_row *a, const struct roster_row *b)
{
	return strcmp(a->first_name, b->first_name) == 0 && strcmp(a->last_name, b->last_name) == 0 &&
	       strcmp(a->level, b->level) == 0 && strcmp(a->group, b->group) == 0;
}

static void check_round_trip(const struct roster *r)
{
	struct roster again;
	size_t len, i;
	char *csv = roster_export(r->rows, r->row_count, &len);

	if (!csv)
		return;
	if (roster_parse(csv, len, &again) != 0 || again.problem_count != 0 ||
	    again.row_count != r->row_count)
		__builtin_trap();
	for (i = 0; i < r->row_count; i++) {
		if (!same_row(&r->rows[i], &again.rows[i]))
			__builtin_trap();
	}
	roster_release(&again);
	free(csv);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct roster r;
	size_t i;

	if (roster_parse((const char *)data, size, &r) == 0) {
		for (i = 0; i < r.row_count; i++)
			check_row(&r.rows[i]);
		for (i = 0; i < r.problem_count; i++) {
			if (!valid_utf8(r.problems[i].message))
				__builtin_trap();
		}
		if (r.problem_count == 0)
			check_round_trip(&r);
	} else if (r.problem_count > 0 && !valid_utf8(r.problems[0].message)) {
		__builtin_trap();
	}
	roster_release(&r);
	return 0;
}
