/*
 * activity: the in-memory model of one content file (an activity), its
 * parser and its grading.
 *
 * A content file is UTF-8 text: a YAML front matter between two "---"
 * lines, then a CommonMark body holding the instructions and the questions.
 * The syntax is documented for teachers in docs/format-contenu.md.
 *
 * Ownership: `activity_parse()` returns an activity that owns every string
 * in it; free it with `activity_free()` (which accepts NULL). A graded
 * result owns its strings too; release it with `grade_release()`.
 */
#ifndef ARDOISE_CONTENT_ACTIVITY_H
#define ARDOISE_CONTENT_ACTIVITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Limits shared by the parser and the messages that report them. */
#define ACTIVITY_MAX_FILE_BYTES (256 * 1024)
#define ACTIVITY_MAX_QUESTIONS 50
#define ACTIVITY_MAX_CHOICES 12
#define ACTIVITY_MAX_BLANKS 20
#define ACTIVITY_MAX_ACCEPTED 20
#define ACTIVITY_MAX_ANSWER_BYTES 2000 /* one answer typed by a child */

/* Class levels, as a bit set in `activity.levels`. */
enum level {
	LEVEL_CE2 = 1 << 0,
	LEVEL_CM1 = 1 << 1,
	LEVEL_CM2 = 1 << 2,
	LEVEL_6E = 1 << 3,
};

/* Kind of a content file: an activity (questions) or a resource to read
 * or watch, named by the `type:` value of the front matter. */
enum content_type {
	CONTENT_ACTIVITY,     /* "activite": questions, graded */
	CONTENT_FICHE,        /* "fiche": a lesson sheet, printable */
	CONTENT_DOSSIER,      /* "dossier": an ordered list of other contents */
	CONTENT_VIDEO,        /* "video": a video file with WebVTT captions */
	CONTENT_METHODOLOGIE, /* "methodologie": a how-to-learn module */
	CONTENT_PARCOURS,     /* "parcours": a J'explore path, a problem then the steps that help */
};

/* Largest number of items of a dossier. */
#define ACTIVITY_MAX_ITEMS 40

enum question_kind {
	QUESTION_CHOICE,  /* single or multiple choice */
	QUESTION_CLOZE,   /* text with blanks */
	QUESTION_NUMERIC, /* a number, French notation */
	QUESTION_DICTATION, /* a text heard, then typed: content/dictation.h */
	/* The kinds written as a "::: name" block, see content/block.h. */
	QUESTION_SHORT,    /* a word or phrase to type */
	QUESTION_ANALYSIS, /* select words or groups in a text */
	QUESTION_MATCH,    /* pair each left item with a right item */
	QUESTION_ORDER,    /* put items back in order */
	QUESTION_SORT,     /* put each item in a category */
};

#include "content/block.h"

struct choice_option {
	char *html; /* option label, rendered from CommonMark inline text */
	bool correct;
};

struct blank {
	char **accepted; /* accepted answers, as written by the author */
	size_t accepted_count;
	char **menu; /* optional drop-down choices; NULL when free typing */
	size_t menu_count;
	bool case_sensitive;
};

struct dictation;

struct question {
	enum question_kind kind;
	char *title;       /* optional, from the "## Question" line; or NULL */
	int line;          /* line of the "## Question" heading in the file */
	char *prompt_html; /* the question text, already HTML */

	/* QUESTION_CHOICE */
	struct choice_option *options;
	size_t option_count;
	bool multiple; /* more than one option may be ticked */

	/* QUESTION_CLOZE: the text is cut into blank_count + 1 HTML pieces
	 * around the blanks: piece 0, blank 0, piece 1, blank 1, ..., piece n. */
	char **pieces_html;
	struct blank *blanks;
	size_t blank_count;

	/* QUESTION_NUMERIC */
	double value;     /* expected value */
	double tolerance; /* absolute; 0 = exact */
	char *unit;       /* optional unit shown after the field, e.g. "cm" */
	char *answer_text; /* the expected answer as the author wrote it, e.g. "3,5" */
	char *tolerance_text; /* the tolerance as written, e.g. "0,1"; or NULL */
	unsigned forms;       /* enum answer_form bits stated by the author;
			       * 0 when none, which accepts decimals */

	/* QUESTION_SHORT ... QUESTION_SORT */
	struct short_answer short_answer;
	struct analysis analysis;
	struct item_set items;

	struct dictation *dictation; /* QUESTION_DICTATION */
	char *speech_text; /* text "Écouter" reads instead of the question, or NULL */

	char *hint_html;           /* optional hint, shown on demand */
	char *feedback_right_html; /* optional */
	char *feedback_wrong_html; /* optional; explains the method */
};

struct activity {
	char *id;          /* e.g. "maths-cm1-fractions-simples" */
	int id_line;       /* line of the "id:" key in the file */
	char *subject;     /* e.g. "mathematiques", "francais" */
	unsigned levels;   /* bit set of enum level */
	char **competencies; /* competency codes */
	int *competency_lines; /* line of each code in the file */
	size_t competency_count;
	char *title;
	char *theme;       /* optional, e.g. "Nombres et calculs" */
	int minutes;       /* estimated time */
	char *author;
	char *reviewer;
	int version;       /* positive, raised by the author at each change */
	bool adults_only;  /* "audience: adultes": a training module, never shown to children */
	char *intro_html;  /* instructions before the first question */
	struct question *questions;
	size_t question_count;

	/* Resources (every type but CONTENT_ACTIVITY). */
	enum content_type type;
	int type_line;     /* line of the "type:" key */
	char *body_html;   /* the whole body, rendered from CommonMark */
	char **items;      /* CONTENT_DOSSIER: ids of the contents, in order */
	int *item_lines;   /* line of each item in the file */
	size_t item_count;
	char *media;       /* CONTENT_VIDEO: file name of the video */
	char *captions;    /* CONTENT_VIDEO: file name of the WebVTT captions */
	int media_line;    /* line of the "media:" key */

	/* A generated activity (see gen/generator.h) has no written
	 * questions: the generator makes them from a seed. */
	char *generator;   /* generator name, or NULL */
	char *variant;     /* generator setting, or NULL for its default */
	int difficulty;    /* 1 to 3; 1 when not given */
	int generated_count; /* number of questions to make */
	uint64_t seed;     /* the seed of an expanded copy; 0 in the file */
};

/* A parse error: the line (1-based) in the file and a French message. */
struct content_error {
	int line;
	char message[256];
};

/*
 * Parse one content file held in memory. `name` is used only in messages.
 * Returns the activity, or NULL with `err` filled (line and French message)
 * when the text is invalid. Never reads past `len`; `text` need not be
 * NUL-terminated.
 */
struct activity *activity_parse(const char *text, size_t len,
				struct content_error *err);
void activity_free(struct activity *a);

/* True when `code` is one of the competencies of `a`. */
bool activity_has_competency(const struct activity *a, const char *code);
/* Parse a level name ("CE2", "CM1", "CM2", "6e"); returns 0 if unknown. */
unsigned level_parse(const char *name);
/* French name of a single level bit ("CE2", ...), or "?" */
const char *level_name(unsigned level);
/* The `type:` value of a content type ("activite", "fiche"...), its
 * French label for pages ("Fiche de leçon"...), and the reverse lookup
 * (returns -1 when the name is unknown). */
const char *content_type_name(enum content_type type);
const char *content_type_label(enum content_type type);
int content_type_parse(const char *name);
/* The i-th of Ardoise's subject ids in display order, or NULL past the
 * end. */
const char *subject_id(size_t i);
/* French name of a subject id ("francais" -> "Maîtrise de la langue"),
 * or NULL when the id is not one of Ardoise's subjects. */
const char *subject_label(const char *id);

/* ---- grading ---- */

/*
 * The child's answers to one question, taken from the form:
 * - QUESTION_CHOICE: `choices` lists the ticked option indices;
 * - QUESTION_CLOZE: `texts[i]` is the text typed or picked for blank i;
 * - QUESTION_NUMERIC and QUESTION_SHORT: `texts[0]` is the typed text;
 * - QUESTION_ANALYSIS: `choices` lists the selected unit indices;
 * - QUESTION_MATCH, QUESTION_ORDER, QUESTION_SORT: `texts[k]` is the value
 *   of slot k (see content/block.h).
 * Missing answers are NULL texts or an empty choice list.
 */
struct question_answer {
	const char **texts;
	size_t text_count;
	const int *choices;
	size_t choice_count;
};

enum verdict {
	VERDICT_WRONG,
	VERDICT_RIGHT,
	VERDICT_EMPTY,   /* nothing answered */
	VERDICT_INVALID, /* unreadable (e.g. "3.500"): message says how to rewrite */
};

struct question_result {
	enum verdict verdict;
	double score;          /* 0..1 (a cloze gives partial credit per blank) */
	char *message;         /* short French sentence for the child, or NULL */
	char *expected_html;   /* the right answer, HTML, shown after grading */
	bool *blank_right;     /* QUESTION_CLOZE: per-blank verdict */
	size_t blank_count;
	/* QUESTION_ANALYSIS: selections right, missed and selected wrongly */
	size_t found, missed, extra;
};

struct grade {
	struct question_result *results;
	size_t count;
	double score; /* sum of question scores */
	int max_score; /* number of questions */
};

/* Grade every question; `answers` has a.question_count entries.
 * Returns 0, or -1 on allocation failure. */
int activity_grade(const struct activity *a,
		   const struct question_answer *answers, struct grade *out);
void grade_release(struct grade *g);

#endif
