/*
 * dictation: the "dictée" question. The author writes a reference text; the
 * child hears it (speech/) and types it. The typed text is aligned token by
 * token with the reference, then each difference is classified the way a
 * teacher names it (accent, agreement, homophone...).
 *
 * Tokens are words and punctuation marks. A word keeps its inner
 * apostrophes and hyphens ("l'école", "c'est", "peut-être"), so "l'a" and
 * "la" compare as one token each. Spaces, apostrophes and Unicode forms are
 * compared with the rules of content/answer.h: NFC, every apostrophe is "'",
 * every space is a space, "œ" is "oe".
 *
 * Ownership: the question owns its `struct dictation` (dictation_free()).
 * A `struct dictation_result` points into the two texts it compared, so
 * they must outlive it; release it with dictation_result_release().
 */
#ifndef ARDOISE_CONTENT_DICTATION_H
#define ARDOISE_CONTENT_DICTATION_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"

/* Limits shared by the parser, the page and the messages. The typed text is
 * limited in characters on the page; at most 3 bytes a character it stays
 * under ACTIVITY_MAX_ANSWER_BYTES (2000), which the form reader enforces. */
#define DICTATION_MAX_TEXT_BYTES 1000   /* the author's reference text */
#define DICTATION_MAX_TEXT_CHARS 500
#define DICTATION_MAX_SENTENCES 30
#define DICTATION_MAX_GIVEN 20          /* words shown to the child */
#define DICTATION_MAX_ANSWER_CHARS 600  /* maxlength of the text area */
#define DICTATION_MAX_ANSWER_BYTES 2000 /* = ACTIVITY_MAX_ANSWER_BYTES */

/* Reading speeds of the dictation audio, in espeak-ng words per minute:
 * slower than the "Écouter" buttons because the child writes meanwhile. */
#define DICTATION_SPEED_NORMAL 130
#define DICTATION_SPEED_SLOW 95

struct dictation {
	char *text;          /* the reference; paragraphs separated by "\n" */
	char **sentences;    /* the parts read one at a time */
	bool *new_paragraph; /* per sentence: it starts a paragraph */
	size_t sentence_count;
	char **given_words;        /* words shown to the child, e.g. proper nouns */
	size_t given_word_count;
};

void dictation_free(struct dictation *d);

/* ---- parsing, called by the question parser (content/parse.h) ---- */

struct src_line;
struct question;
struct content_error;

/* True when `lines[first, last)` has a "~~~dictée" line; its index goes
 * to `*where`. */
bool dictation_block_find(const struct src_line *lines, size_t first,
			  size_t last, size_t *where);
/* Parse the prompt, the dictation block and the "Mots donnés" line of
 * `lines[first, last)` (the feedback lines excluded) into `q`. Returns 0,
 * or -1 with `err` filled. */
int dictation_parse(const struct src_line *lines, size_t first, size_t last,
		    struct question *q, struct content_error *err);

/* Kinds of differences, in the order the result page lists them. */
enum dictation_mistake {
	DICTATION_RIGHT,
	DICTATION_ACCENT,      /* only the diacritics differ: "eleve" */
	DICTATION_AGREEMENT,   /* same stem, another ending: "chat" for "chats" */
	DICTATION_HOMOPHONE,   /* a word of the same sound: "a" for "à" */
	DICTATION_CAPITAL,     /* only the case differs */
	DICTATION_PUNCTUATION, /* a mark missing, added or replaced */
	DICTATION_MISSING,     /* a word of the reference not written */
	DICTATION_EXTRA,       /* a word written that is not in the reference */
	DICTATION_SPELLING,    /* any other spelling */
	DICTATION_KINDS,
};

/* One word or punctuation mark; `text` points into the compared text. */
struct dictation_token {
	const char *text;
	size_t len;
	char *norm; /* NFC, folded spaces and apostrophes, case kept */
	char *fold; /* `norm` in lower case */
	char *bare; /* `fold` without diacritics */
	int homophones; /* index of its homophone group, or -1 */
	bool punct;
	bool line_before; /* a line break comes before it */
};

/* One step of the alignment: `expected` or `typed` is NULL for a missing
 * or an extra token. */
struct dictation_step {
	enum dictation_mistake kind;
	const struct dictation_token *expected;
	const struct dictation_token *typed;
};

struct dictation_result {
	struct dictation_token *expected;
	size_t expected_count;
	struct dictation_token *typed;
	size_t typed_count;
	struct dictation_step *steps;
	size_t step_count;
	size_t words;       /* words of the reference */
	size_t words_right; /* of them, written right */
	size_t counts[DICTATION_KINDS]; /* steps of each kind */
};

/* Failures of dictation_compare() and dictation_tokenize(). */
enum dictation_error {
	DICTATION_ERR_UTF8 = -1,
	DICTATION_ERR_NOMEM = -2,
	DICTATION_ERR_TOO_LONG = -3, /* over DICTATION_MAX_ANSWER_BYTES */
};

/*
 * Align `typed` with `expected` and classify every difference into `out`
 * (zeroed first). Neither text needs a terminating NUL. Returns 0, or an
 * enum dictation_error value with `out` left empty. Time and memory grow
 * with the product of the token counts, so both texts are capped at
 * DICTATION_MAX_ANSWER_BYTES (at most 2001 x 2001 table cells of 5 bytes).
 */
int dictation_compare(const char *expected, size_t expected_len,
		      const char *typed, size_t typed_len,
		      struct dictation_result *out);
void dictation_result_release(struct dictation_result *r);

/* Cut `text` into tokens; `*tokens` (release with dictation_tokens_free())
 * points into `text`. Returns the count, or an enum dictation_error. */
long dictation_tokenize(const char *text, size_t len,
			struct dictation_token **tokens);
void dictation_tokens_free(struct dictation_token *tokens, size_t count);

/*
 * Grade the text `typed` (NULL when absent) of dictation question `q` into
 * `r`: the score is the share of the reference's words written right, and
 * `r->expected_html` is the correction of dictation_result_html(). Text
 * that is too long or not UTF-8 gets VERDICT_INVALID and a message.
 * Returns 0, or -1 on allocation failure.
 */
struct question_result;
int dictation_grade(const struct question *q, const char *typed,
		    struct question_result *r);

/* French name of a kind, for the child: "accent", "accord"... */
const char *dictation_mistake_name(enum dictation_mistake kind);

/*
 * Append to `b` the HTML of the correction: the reference text with each
 * mistake marked and named in words, then the child's text as typed
 * (escaped). Returns 0 or -1 when `b` failed.
 */
int dictation_result_html(const struct dictation_result *r, const char *typed,
			  struct buf *b);

/*
 * Append to `b` the text espeak-ng reads for sentence `sentence` of `d`, or
 * for the whole text when `sentence` is negative: the words, and each
 * punctuation mark said as teachers dictate it ("virgule", "ouvrez les
 * guillemets"). A sentence is read twice. Returns 0, or -1 when `sentence`
 * is out of range or `b` failed.
 */
int dictation_spoken_text(const struct dictation *d, int sentence,
			  struct buf *b);

#endif
