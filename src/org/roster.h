/*
 * roster: read the list of children that a structure uploads, as CSV in the
 * Ardoise template (Prénom;Nom;Niveau;Groupe) or as an ONDE export
 * (CSVExtraction.csv), and write the template back.
 *
 * roster_parse() detects the encoding (UTF-8 with or without BOM,
 * Windows-1252, ISO-8859-15) and the separator (';', ',' or tab), reads
 * quoted fields as RFC 4180 does, maps the header titles to columns and
 * validates every row. It collects every problem, each with a message in
 * French that names the value, the line, the column and the fix. The import
 * must reject the file when problem_count > 0.
 *
 * Encoding rule, used when the bytes are not UTF-8: any byte 0x80-0x9F means
 * Windows-1252, because those are control characters in ISO-8859-15 and
 * never appear in a list. Otherwise any of 0xA4 0xA6 0xA8 0xB8 0xBC 0xBD
 * 0xBE means ISO-8859-15. In Windows-1252 and ISO-8859-1 these bytes are
 * symbols that no name contains (¤ ¦ ¨ ¸ ¼ ½ ¾), but in ISO-8859-15 they
 * are letters (Š š ž Œ œ Ÿ, and €). 0xB4 is Ž in ISO-8859-15 but ´, often
 * typed as an apostrophe (N´Diaye), in Windows-1252: it counts for
 * ISO-8859-15 only at the start of a word and before a lowercase letter
 * (Žofia). Anything else is read as Windows-1252, which decodes the
 * letters of ISO-8859-1 files identically.
 * A file that is mostly valid UTF-8 with a few invalid bytes is read as
 * UTF-8 and each invalid byte is reported.
 */
#ifndef ARDOISE_ORG_ROSTER_H
#define ARDOISE_ORG_ROSTER_H

#include <stddef.h>

#define ROSTER_MAX_BYTES (8 * 1024 * 1024)
#define ROSTER_MAX_ROWS 20000
/* Maximum length of a used field (name, level, group, date) in UTF-8 bytes,
 * after trimming and NFC normalisation. */
#define ROSTER_MAX_FIELD_BYTES 256
/* Maximum number of fields in one line; a longer line is reported. */
#define ROSTER_MAX_COLUMNS 1024
/* Problems kept; past this, one last problem gives the number left out. */
#define ROSTER_MAX_PROBLEMS 500
#define ROSTER_MAX_MESSAGE_BYTES 512

enum roster_encoding {
	ROSTER_UTF8,
	ROSTER_UTF8_BOM,
	ROSTER_WINDOWS_1252,
	ROSTER_ISO_8859_15,
};

/* One child. Every string is UTF-8 in NFC, trimmed, with tabs and line
 * breaks inside turned into spaces, and owned by the roster. */
struct roster_row {
	int line;         /* 1-based line where the row starts in the file */
	char *first_name; /* never empty */
	char *last_name;  /* never empty */
	char *level;      /* "CE2", "CM1", "CM2" or "6e" */
	char *group;      /* class or group name, "" when not given */
	char *birth_date; /* yyyy-mm-dd, or NULL when not given; not stored by Ardoise */
};

struct roster_problem {
	int line;   /* 1-based line, 0 for the whole file */
	int column; /* 1-based field number (A = 1), 0 for the whole line */
	char message[ROSTER_MAX_MESSAGE_BYTES]; /* French, for the administrator */
};

struct roster {
	enum roster_encoding encoding;
	char separator;     /* ';', ',' or '\t' */
	const char *format; /* "modèle Ardoise" or "ONDE"; NULL when unread */
	struct roster_row *rows; /* only rows without a problem */
	size_t row_count;
	/* In order of line, then the summary of omitted problems (line 0). */
	struct roster_problem *problems;
	size_t problem_count;
	/* Problems found past ROSTER_MAX_PROBLEMS; then the last problem
	 * gives this number. */
	size_t problems_omitted;
	size_t blank_lines; /* blank and separator-only lines skipped */
};

/*
 * Parse `len` bytes of a whole file into `out`, which the caller releases
 * with roster_release() whatever the result. Returns 0 when the file was
 * read, even with problems. Rows with a problem are left out of `rows` and
 * listed in `problems`. Returns -1 when the file cannot be read at all
 * because it is empty, too large, a spreadsheet, XML or UTF-16 file, or
 * memory ran out. On -1, problems[0] gives the reason, unless memory ran
 * out before it could be stored.
 */
int roster_parse(const char *data, size_t len, struct roster *out);
/* Free everything `r` owns and leave it empty. Accepts NULL. */
void roster_release(struct roster *r);

/*
 * Write `count` rows as the Ardoise template: UTF-8 with BOM, ';' between
 * fields, CRLF line ends, header "Prénom;Nom;Niveau;Groupe". A field is
 * quoted when it contains ';', '"', a line break or an edge space. It is
 * prefixed with "'" when it starts with = + - @, tab or CR, so that a
 * spreadsheet does not run it as a formula. roster_parse() rejects such
 * names, so every row it returns reads back unchanged. Birth dates are not
 * written. Returns a malloc'd buffer the caller frees, its length in
 * `*len`, or NULL when memory runs out.
 */
char *roster_export(const struct roster_row *rows, size_t count, size_t *len);

#endif
