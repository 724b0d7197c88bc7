/*
 * roster_csv: split decoded text into records and fields.
 *
 * Quoting follows RFC 4180: a field that starts with '"' (after optional
 * spaces) runs to the next lone '"', and "" inside it is one quote. Line
 * breaks inside quotes belong to the field and become '\n'. Outside quotes
 * CRLF, LF and CR each end a record. The reader is lenient where
 * spreadsheets are sloppy: a quote inside an unquoted field, or text after
 * a closing quote, is kept as written.
 */
#include <stdlib.h>
#include <string.h>

#include "org/roster_internal.h"

/* Unquoted bytes of one record: at most the decoded file plus one NUL per
 * kept field. */
#define RECORD_TEXT_MAX (4u * ROSTER_MAX_BYTES)

enum field_state { FIELD_START, UNQUOTED, QUOTED, AFTER_QUOTE };

char csv_detect_separator(const char *text, size_t len)
{
	static const char candidates[] = ";\t,";
	size_t count[3] = { 0, 0, 0 }, i, best = 0;
	bool quoted = false, content = false;

	for (i = 0; i < len; i++) {
		const char *hit = strchr(candidates, text[i]);

		if (text[i] == '"') {
			quoted = !quoted;
			content = true;
		} else if (quoted) {
			continue;
		} else if (text[i] == '\r' || text[i] == '\n') {
			if (content)
				break;
			memset(count, 0, sizeof(count));
		} else if (hit && text[i] != '\0') {
			count[hit - candidates]++;
		} else if (text[i] != ' ') {
			content = true;
		}
	}
	for (i = 1; i < 3; i++) {
		if (count[i] > count[best])
			best = i;
	}
	return candidates[best];
}

void csv_reader_init(struct csv_reader *rd, const char *text, size_t len, char separator)
{
	rd->p = text;
	rd->end = text + len;
	rd->separator = separator;
	rd->line = 1;
	rd->quote_line = 0;
	rd->quote_column = 0;
}

void csv_record_init(struct csv_record *rec)
{
	rec->line = 0;
	rec->fields = NULL;
	rec->count = 0;
	rec->cap = 0;
	buf_init(&rec->text, RECORD_TEXT_MAX);
	rec->too_many_fields = false;
}

void csv_record_release(struct csv_record *rec)
{
	if (!rec)
		return;
	free(rec->fields);
	rec->fields = NULL;
	rec->count = 0;
	rec->cap = 0;
	buf_release(&rec->text);
}

/* Close the field that started at `start` in rec->text. */
static int end_field(struct csv_record *rec, size_t start, int line)
{
	struct csv_field *fields;
	size_t cap;

	if (rec->count == ROSTER_MAX_COLUMNS) {
		rec->too_many_fields = true;
		rec->text.len = start;
		return 0;
	}
	if (rec->count == rec->cap) {
		cap = rec->cap ? 2 * rec->cap : 16;
		fields = realloc(rec->fields, cap * sizeof(*fields));
		if (!fields)
			return -1;
		rec->fields = fields;
		rec->cap = cap;
	}
	rec->fields[rec->count].offset = start;
	rec->fields[rec->count].len = rec->text.len - start;
	rec->fields[rec->count].line = line;
	rec->count++;
	return buf_addc(&rec->text, '\0');
}

/* Consume one line break (CRLF, LF or CR) at rd->p, if there is one. */
static bool take_newline(struct csv_reader *rd)
{
	if (*rd->p == '\n') {
		rd->p++;
		rd->line++;
		return true;
	}
	if (*rd->p != '\r')
		return false;
	rd->p++;
	if (rd->p < rd->end && *rd->p == '\n')
		rd->p++;
	rd->line++;
	return true;
}

/* Handle one byte inside quotes; returns the next state. */
static enum field_state read_quoted(struct csv_reader *rd, struct csv_record *rec)
{
	if (*rd->p != '"') {
		if (take_newline(rd)) {
			buf_addc(&rec->text, '\n');
		} else {
			buf_addc(&rec->text, *rd->p);
			rd->p++;
		}
		return QUOTED;
	}
	if (rd->p + 1 < rd->end && rd->p[1] == '"') {
		buf_addc(&rec->text, '"');
		rd->p += 2;
		return QUOTED;
	}
	rd->p++;
	return AFTER_QUOTE;
}

static enum csv_status record_status(struct csv_record *rec)
{
	return buf_failed(&rec->text) ? CSV_NO_MEMORY : CSV_RECORD;
}

enum csv_status csv_read(struct csv_reader *rd, struct csv_record *rec)
{
	enum field_state state = FIELD_START;
	size_t start = 0;
	int field_line = rd->line;

	rec->count = 0;
	rec->too_many_fields = false;
	buf_reset(&rec->text);
	rec->line = rd->line;
	if (rd->p >= rd->end)
		return CSV_END;

	while (rd->p < rd->end) {
		if (state == QUOTED) {
			state = read_quoted(rd, rec);
			continue;
		}
		if (*rd->p == rd->separator) {
			if (end_field(rec, start, field_line) < 0)
				return CSV_NO_MEMORY;
			start = rec->text.len;
			field_line = rd->line;
			state = FIELD_START;
			rd->p++;
			continue;
		}
		if (take_newline(rd)) {
			if (end_field(rec, start, field_line) < 0)
				return CSV_NO_MEMORY;
			return record_status(rec);
		}
		/* Spaces before an opening quote are dropped with it. */
		if (state == FIELD_START && *rd->p == '"') {
			rec->text.len = start;
			rd->quote_line = rd->line;
			rd->quote_column = (int)rec->count + 1;
			state = QUOTED;
			rd->p++;
			continue;
		}
		if (state != FIELD_START || *rd->p != ' ')
			state = state == AFTER_QUOTE ? AFTER_QUOTE : UNQUOTED;
		buf_addc(&rec->text, *rd->p);
		rd->p++;
	}

	if (state == QUOTED)
		return CSV_UNTERMINATED;
	if (end_field(rec, start, field_line) < 0)
		return CSV_NO_MEMORY;
	return record_status(rec);
}
