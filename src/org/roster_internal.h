/*
 * roster_internal: the pieces of the roster parser shared between its
 * files: decoding to UTF-8 (roster_decode.c), the CSV reader
 * (roster_csv.c), value cleaning (roster_field.c), row checks
 * (roster_row.c) and problem messages (roster_problem.c). Not for use
 * outside src/org/roster*.c.
 */
#ifndef ARDOISE_ORG_ROSTER_INTERNAL_H
#define ARDOISE_ORG_ROSTER_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "org/roster.h"

/* U+FFFD, written in place of every byte that cannot be decoded. */
#define ROSTER_REPLACEMENT "\xEF\xBF\xBD"

/* Add a problem at `line` and `column` (0 for none). `title` is the
 * column's header as written in the file, or NULL. The format is French
 * text with ASCII spaces: " :" and " ;" get their no-break spaces here.
 * Returns 0, or -1 when memory runs out. */
int roster_problem_add(struct roster *r, int line, int column, const char *title,
		       const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Detect the encoding of `data` and return it as UTF-8 without BOM in
 * `*text` (malloc'd, NUL-terminated, no NUL, C0 or C1 control character
 * other than tab, CR and LF; each undecodable byte becomes U+FFFD).
 * Returns 0, or -1 with a problem added when the file cannot be read. */
int roster_decode(const char *data, size_t len, struct roster *r, char **text, size_t *text_len);

/* One field of a CSV record: its bytes are rec->text.data + offset. */
struct csv_field {
	size_t offset;
	size_t len;
	int line; /* line where the field starts */
};

struct csv_record {
	int line; /* line where the record starts */
	struct csv_field *fields;
	size_t count;
	size_t cap;
	struct buf text; /* unquoted bytes of every field, each ended by NUL */
	bool too_many_fields; /* fields past ROSTER_MAX_COLUMNS were dropped */
};

struct csv_reader {
	const char *p;
	const char *end;
	char separator;
	int line;
	int quote_line;   /* where the unterminated quote opened */
	int quote_column; /* its field number */
};

enum csv_status { CSV_RECORD, CSV_END, CSV_UNTERMINATED, CSV_NO_MEMORY };

/* Return the most frequent of ';', ',' and tab outside quotes on the first
 * line with content. Ties go to ';', then tab, then ','. */
char csv_detect_separator(const char *text, size_t len);
void csv_reader_init(struct csv_reader *rd, const char *text, size_t len, char separator);
void csv_record_init(struct csv_record *rec);
void csv_record_release(struct csv_record *rec);
/* Read the next record into `rec`, replacing its previous content. */
enum csv_status csv_read(struct csv_reader *rd, struct csv_record *rec);

static inline const char *csv_field_text(const struct csv_record *rec, size_t i)
{
	return rec->text.data + rec->fields[i].offset;
}

/* Return `s` of `len` bytes as a malloc'd NFC string with tabs and line
 * breaks turned into spaces and edge white space (including U+00A0 and
 * U+202F) removed, or NULL when memory runs out. */
char *roster_clean(const char *s, size_t len);
/* Return a malloc'd comparison key: NFKC, case folded, accents removed,
 * every run of characters other than letters and digits turned into one
 * space, no edge space ("Nom d’usage élève" gives "nom d usage eleve").
 * NULL when memory runs out. */
char *roster_fold(const char *s, size_t len);
/* Return "CE2", "CM1", "CM2" or "6e" for a level as people write it, or
 * NULL when the value is not one of them or memory runs out. */
const char *roster_level_parse(const char *value);
/* Convert dd/mm/yyyy or yyyy-mm-dd (day and month may have one digit) to
 * yyyy-mm-dd in `iso`. Returns 0, or -1 when the text is not a real date
 * between 1900 and 2100. */
int roster_date_parse(const char *value, char iso[11]);
/* Copy at most `max` bytes of `s` into `out` of `size` bytes, cut on a
 * character boundary, with "…" when cut. */
void roster_excerpt(const char *s, size_t max, char *out, size_t size);

/* Bytes of a value or header title quoted in a message. */
#define ROSTER_EXCERPT_BYTES 60

enum column_role {
	ROLE_FIRST,
	ROLE_LAST,
	ROLE_USAGE, /* ONDE's usage name, preferred to the legal name */
	ROLE_FULL,  /* "Nom, Prénom" in one column */
	ROLE_LEVEL,
	ROLE_GROUP,
	ROLE_BIRTH,
	ROLE_COUNT,
	ROLE_IGNORED = ROLE_COUNT, /* known ONDE column that Ardoise ignores */
};

/* State of one roster_parse() call. */
struct roster_parser {
	struct roster *r;
	struct csv_reader reader;
	struct csv_record rec;
	int column[ROLE_COUNT]; /* field index of each role, -1 when absent */
	bool split_full_name;   /* names come from the ROLE_FULL column */
	char **titles;          /* header titles as written, for messages */
	size_t title_count;
	size_t data_records;    /* non-blank records after the header */
	size_t row_cap;
	char **keys;            /* duplicate key of each row */
	uint32_t *slots;        /* row index + 1, 0 when free */
	size_t slot_count;      /* power of two, over 3 times the rows possible */
};

/* Check the record in ps->rec and add it to the rows, or add its problems.
 * Returns 0, or -1 when memory runs out. */
int roster_read_row(struct roster_parser *ps);
/* Report a record longer than ROSTER_MAX_COLUMNS fields. */
int roster_too_many_fields(struct roster_parser *ps);
/* Add the count of problems left out past ROSTER_MAX_PROBLEMS, if any. */
void roster_problems_finish(struct roster *r);

#endif
