/*
 * answer: normalisation and comparison of the answers children type, used by
 * every kind of grading so that all questions judge text and numbers alike.
 *
 * Text rules:
 * - NFC normalisation, and invisible format characters are dropped;
 * - the apostrophes ' ’ ‘ ʼ ` ´ are all the same;
 * - every kind of space (tab, newline, U+00A0, U+202F, U+2009...) becomes
 *   one space, and the ends are trimmed;
 * - the hyphens U+2010 and U+2011 become "-";
 * - "œ" is "oe" and "æ" is "ae", because most keyboards lack them, unless
 *   ANSWER_OE_DISTINCT is given;
 * - case is ignored unless ANSWER_CASE_SENSITIVE is given, and accents
 *   count unless ANSWER_IGNORE_ACCENTS is given;
 * - with ANSWER_REFORM_1990, the spellings of the 1990 reform and the
 *   traditional ones are equal (see answer_reform.c);
 * - the expected text loses its Markdown emphasis and HTML tags before
 *   the comparison, so "**veau**" expects "veau".
 *
 * Number rules (French notation): a comma is the decimal separator ("3,5");
 * thousands may be grouped by threes with any kind of space ("3 500"); a
 * leading sign (+, -, U+2212) and leading zeros are allowed. A point is
 * rejected as ambiguous ("3.500" may mean 3500 or 3,5) with a message asking
 * the child to write the number again. Numbers are compared exactly, as
 * integers scaled by 10^ANSWER_MAX_DECIMALS, never as floats.
 */
#ifndef ARDOISE_CONTENT_ANSWER_H
#define ARDOISE_CONTENT_ANSWER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Digits a number may have before and after the comma. Trailing zeros
 * after the comma are not counted. */
#define ANSWER_MAX_INT_DIGITS 18
#define ANSWER_MAX_DECIMALS 12

enum answer_flags {
	ANSWER_CASE_SENSITIVE = 1 << 0,
	ANSWER_IGNORE_ACCENTS = 1 << 1,
	ANSWER_OE_DISTINCT = 1 << 2, /* "œ" and "oe" ("æ", "ae") differ */
	ANSWER_REFORM_1990 = 1 << 3, /* accept the 1990 spellings both ways */
};

/* Failures of the functions below (they return 0 or more on success). */
enum answer_error {
	ANSWER_ERR_UTF8 = -1,  /* the text is not valid UTF-8 */
	ANSWER_ERR_NOMEM = -2, /* allocation failed */
};

/*
 * Normalise `len` bytes of `in` by the text rules above. On success store a
 * NUL-terminated string in `*out` (free() it) and return 0; otherwise set
 * `*out` to NULL and return an enum answer_error value.
 */
int answer_normalize(const char *in, size_t len, unsigned flags, char **out);

/* True when the code point `cp` is one of the spaces of the text rules:
 * white space, a line or paragraph separator, or a Unicode space (Zs). */
bool answer_is_space(int32_t cp);

/* Result of comparing a typed text with one expected text. */
enum answer_match {
	ANSWER_DIFFERENT,
	ANSWER_SAME,
	ANSWER_ACCENTS_DIFFER, /* same letters, only the accents differ */
	ANSWER_CASE_DIFFERS,   /* case-sensitive and only the case differs */
};

/*
 * Compare the typed text `given` with the author's `expected` text, both
 * normalised with `flags`. Returns an enum answer_match value, or an enum
 * answer_error value (negative) on invalid UTF-8 or allocation failure.
 */
int answer_text_matches(const char *given, size_t given_len,
			const char *expected, size_t expected_len,
			unsigned flags);

/* Copy `len` bytes of `s` without Markdown emphasis runs ("*", "**", "_")
 * and HTML tags; `*out_len` is the copy's length. NULL when out of memory;
 * free() the copy. */
char *answer_strip_markup(const char *s, size_t len, size_t *out_len);

/* Rewrite the 1990-reform spellings of the normalised `text` to one form
 * (see answer_reform.c). NULL when out of memory; free() the result. */
char *answer_reform_fold(const char *text);

/* An exact decimal: value = scaled / 10^ANSWER_MAX_DECIMALS. */
struct answer_decimal {
	__int128 scaled;
};

/* Results of the number parsers. */
enum answer_number_status {
	ANSWER_NUMBER_OK = 0,
	ANSWER_NUMBER_EMPTY = 1,    /* only spaces: nothing was answered */
	ANSWER_NUMBER_INVALID = -1, /* unreadable; `*message` explains why */
	ANSWER_NUMBER_NOMEM = -2,
};

/*
 * Read a French number from `len` bytes of `s`. On ANSWER_NUMBER_INVALID,
 * `*message` (when `message` is not NULL) receives a short French sentence
 * for the child, to free(); otherwise it is set to NULL.
 */
int answer_parse_decimal(const char *s, size_t len, struct answer_decimal *out,
			 char **message);
/* Same as answer_parse_decimal(), giving the nearest double. */
int answer_parse_number(const char *s, size_t len, double *out,
			char **message);

double answer_decimal_to_double(const struct answer_decimal *d);

/* ---- forms of a number (answer_fraction.c) ---- */

/* Digits of a numerator, denominator or whole part of a fraction. */
#define ANSWER_MAX_FRACTION_DIGITS 9

enum answer_form {
	ANSWER_FORM_DECIMAL = 1 << 0,  /* "0,75", "12" */
	ANSWER_FORM_FRACTION = 1 << 1, /* "3/4" */
	ANSWER_FORM_MIXED = 1 << 2,    /* "1 1/2" */
};

/* An exact rational, reduced, with den > 0. */
struct answer_rational {
	__int128 num;
	__int128 den;
};

/*
 * Read a number written as a decimal, a fraction or a mixed number; `*form`
 * receives the enum answer_form it was written in. Returns an enum
 * answer_number_status value; on ANSWER_NUMBER_INVALID, `*message` (when
 * `message` is not NULL) receives a French sentence to free().
 */
int answer_parse_rational(const char *s, size_t len,
			  struct answer_rational *out, unsigned *form,
			  char **message);
bool answer_rational_equal(const struct answer_rational *a,
			   const struct answer_rational *b);
/* The sentence asking to write a right value in one of `forms` (a set of
 * enum answer_form bits); a static string. */
const char *answer_form_message(unsigned forms);
/* True when |given - expected| <= tolerance, computed exactly. */
bool answer_decimal_close(const struct answer_decimal *given,
			  const struct answer_decimal *expected,
			  const struct answer_decimal *tolerance);

#endif
