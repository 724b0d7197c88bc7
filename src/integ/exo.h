/*
 * exo: exercises read from other tools' files (GIFT, Moodle XML, QTI 2.1
 * packages) into one small model, then written in Ardoise's content format
 * (docs/format-contenu.md). Each reader adds a line to the report for
 * every question it cannot convert, with the source line and the reason,
 * and keeps going; the file is refused only when nothing is usable.
 */
#ifndef ARDOISE_INTEG_EXO_H
#define ARDOISE_INTEG_EXO_H

#include <stddef.h>

#include "core/buf.h"

#define EXO_MAX_QUESTIONS 50  /* the content format's limit per file */
#define EXO_MAX_OPTIONS 12    /* choices, pairs or items of one question */
#define EXO_MAX_ANSWERS 20    /* accepted texts of one blank */
#define EXO_TEXT_MAX 2000     /* bytes of a stem or a message */
#define EXO_ITEM_MAX 300      /* bytes of a choice, answer or item */
#define EXO_FILE_MAX (8 * 1024 * 1024)
#define EXO_REPORT_MAX 200

/* Markers around each blank written into an EXO_TEXT stem, so the writer
 * copies the blank as it is and escapes everything else. Text read from a
 * source never holds them: the text helpers turn control characters into
 * spaces. */
#define EXO_BLANK_OPEN '\x01'
#define EXO_BLANK_CLOSE '\x02'

enum exo_kind {
	EXO_CHOICE,   /* choices, one or more right */
	EXO_TEXT,     /* a stem that contains blanks (see exo_blank_write) */
	EXO_NUMBER,   /* a number with a tolerance */
	EXO_MATCH,    /* left -> right pairs */
	EXO_ORDER,    /* items in the right order */
};

struct exo_option {
	char text[EXO_ITEM_MAX + 1];
	char right[EXO_ITEM_MAX + 1]; /* match: the right-hand side */
	int correct;
};

struct exo_question {
	enum exo_kind kind;
	int line;                      /* in the source, for the report */
	char title[EXO_ITEM_MAX + 1];
	char stem[EXO_TEXT_MAX + 1];   /* EXO_TEXT: contains the blanks, between markers */
	struct exo_option options[EXO_MAX_OPTIONS];
	size_t option_count;
	char number[64];               /* EXO_NUMBER, French decimal comma */
	char tolerance[64];            /* EXO_NUMBER, may be empty */
	char feedback_right[EXO_TEXT_MAX + 1];
	char feedback_wrong[EXO_TEXT_MAX + 1];
};

struct exo_set {
	char title[EXO_ITEM_MAX + 1];
	struct exo_question *questions; /* EXO_MAX_QUESTIONS of them */
	size_t count;
	struct buf report;              /* "ligne N : message\n" lines, French */
	size_t report_lines;
};

int exo_set_init(struct exo_set *s);
void exo_set_release(struct exo_set *s);
/* Add a report line for source line `line` (0: the whole file). */
void exo_report(struct exo_set *s, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The next free question, or NULL (reported) past EXO_MAX_QUESTIONS. */
struct exo_question *exo_question_add(struct exo_set *s, int line);
/* Drop the last question added (when it turned out unusable). */
void exo_question_drop(struct exo_set *s);

/* Why the content format would refuse `q` (empty stem or option, too few
 * choices, duplicates), or NULL when it is writable. Readers call it on
 * each question they build. */
const char *exo_question_problem(const struct exo_question *q);

/* Text helpers shared by the readers. */
/* Copy `len` bytes of HTML or plain text into `out` as plain text: tags
 * removed, <br> and </p> as new lines, the usual entities decoded,
 * spaces collapsed. Returns -1 when it does not fit or is not UTF-8. */
int exo_text_from_html(const char *in, size_t len, char *out, size_t size);
/* The same for plain text: only the spaces are tidied. */
int exo_text_plain(const char *in, size_t len, char *out, size_t size);
/* Append a blank "[[a|b]]" or a list "[[?*a|b]]" to `out`, escaping the
 * content format's special characters, between the blank markers. */
void exo_blank_write(struct buf *out, const char *const *values, const int *correct, size_t count, int list);
/* Convert "12.5" or "12,5" to "12,5"; -1 when not a decimal number. */
int exo_number_french(const char *in, char *out, size_t size);

/* Readers: each fills `s` from `len` bytes. They return 0 when at least one
 * question was converted, -1 when none was (the report says why). */
int exo_read_gift(const char *data, size_t len, struct exo_set *s);
int exo_read_moodle(const char *data, size_t len, struct exo_set *s);
int exo_read_qti_item(const char *data, size_t len, const char *name, struct exo_set *s);
/* A QTI 2.1 package (zip): imsmanifest.xml, then each item it lists. */
int exo_read_qti_package(const char *data, size_t len, struct exo_set *s);
/* Pick the reader from the file name and content. */
int exo_read_any(const char *name, const char *data, size_t len, struct exo_set *s);

/* The front matter of a converted file. */
struct exo_meta {
	const char *id;
	const char *subject;
	const char *level;
	const char *competency;
	const char *author;
};

/* Write the set as one content file into `out`. Returns 0 or -1. */
int exo_write(const struct exo_set *s, const struct exo_meta *meta, struct buf *out);

#endif

/* Make an activity id "import-<slug of the file name>" (lower-case ASCII,
 * digits and hyphens, at most 64 characters) into `out`. */
void exo_id_from_name(const char *name, char *out, size_t size);
/* The default competency of a subject ("mathematiques", "francais"), or NULL. */
const char *exo_default_competency(const char *subject);
/* Read `data` (named `name`) and write it as one content file into `out`.
 * Returns 0, or -1 when nothing could be converted; the report is in
 * `s->report` either way. `s` must be initialised and released by the caller. */
int exo_convert(const char *name, const char *data, size_t len, const struct exo_meta *meta, struct exo_set *s,
		struct buf *out);
