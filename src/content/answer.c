#include "content/answer.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* French typography inside messages: a no-break space before ":" and a
 * narrow no-break space before "!" and "?". */
#define NBSP "\u00a0"
#define NNBSP "\u202f"

/* Maximum size of the number rewritten in a message, such as the "3,5" of
 * "Écris le nombre avec une virgule : 3,5". */
#define SUGGESTION_MAX 48

bool answer_is_space(int32_t cp)
{
	if (cp == '\t' || cp == '\n' || cp == '\v' || cp == '\f' || cp == '\r')
		return true;
	if (cp == 0x85 || cp == 0x2028 || cp == 0x2029)
		return true;
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

static bool is_apostrophe_cp(utf8proc_int32_t cp)
{
	return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x02bc ||
	       cp == '`' || cp == 0x00b4;
}

/* Write the folded form of one code point; returns the bytes written. */
static size_t fold_cp(utf8proc_int32_t cp, unsigned flags,
		      utf8proc_uint8_t *dst)
{
	bool ligatures = !(flags & ANSWER_OE_DISTINCT);

	if (is_apostrophe_cp(cp)) {
		dst[0] = '\'';
		return 1;
	}
	if (cp == 0x2010 || cp == 0x2011) {
		dst[0] = '-';
		return 1;
	}
	if (ligatures && (cp == 0x153 || cp == 0x152)) { /* œ Œ */
		dst[0] = cp == 0x152 ? 'O' : 'o';
		dst[1] = cp == 0x152 ? 'E' : 'e';
		return 2;
	}
	if (ligatures && (cp == 0xe6 || cp == 0xc6)) { /* æ Æ */
		dst[0] = cp == 0xc6 ? 'A' : 'a';
		dst[1] = cp == 0xc6 ? 'E' : 'e';
		return 2;
	}
	return (size_t)utf8proc_encode_char(cp, dst);
}

/*
 * Fold spaces, apostrophes, hyphens and ligatures of the NFC text `in` into
 * `out`, which has room for `len` + 1 bytes: no code point grows.
 */
static void fold_text(const utf8proc_uint8_t *in, size_t len, unsigned flags,
		      utf8proc_uint8_t *out)
{
	size_t i = 0, o = 0;
	bool pending_space = false;

	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(in + i, len - i, &cp);

		if (n <= 0)
			break;
		i += (size_t)n;
		if (answer_is_space(cp)) {
			pending_space = o > 0;
			continue;
		}
		if (cp < 0x20 || cp == 0x7f)
			continue;
		if (pending_space)
			out[o++] = ' ';
		pending_space = false;
		o += fold_cp(cp, flags, out + o);
	}
	out[o] = '\0';
}

int answer_normalize(const char *in, size_t len, unsigned flags, char **out)
{
	utf8proc_uint8_t *mapped = NULL;
	utf8proc_ssize_t n;
	int options = UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_IGNORE;

	*out = NULL;
	if (!(flags & ANSWER_CASE_SENSITIVE))
		options |= UTF8PROC_CASEFOLD;
	if (flags & ANSWER_IGNORE_ACCENTS)
		options |= UTF8PROC_STRIPMARK;

	n = utf8proc_map((const utf8proc_uint8_t *)(in ? in : ""),
			 (utf8proc_ssize_t)len, &mapped, options);
	if (n == UTF8PROC_ERROR_NOMEM)
		return ANSWER_ERR_NOMEM;
	if (n < 0)
		return ANSWER_ERR_UTF8;

	/* Folding never lengthens the text, so it can run in place. */
	fold_text(mapped, (size_t)n, flags, mapped);
	*out = (char *)mapped;
	return 0;
}

/* Replace `*text` by its reform-folded copy; 0 or ANSWER_ERR_NOMEM. */
static int reform_fold_in_place(char **text)
{
	char *folded = answer_reform_fold(*text);

	if (!folded)
		return ANSWER_ERR_NOMEM;
	free(*text);
	*text = folded;
	return 0;
}

/* Normalise both texts with `flags`; 1 when equal, 0 when not, or < 0. */
static int equal_under(const char *a, size_t alen, const char *b, size_t blen,
		       unsigned flags)
{
	char *na = NULL, *nb = NULL;
	int rc;

	rc = answer_normalize(a, alen, flags, &na);
	if (rc < 0)
		goto out;
	rc = answer_normalize(b, blen, flags, &nb);
	if (rc < 0)
		goto out;
	if (flags & ANSWER_REFORM_1990) {
		rc = reform_fold_in_place(&na);
		if (rc == 0)
			rc = reform_fold_in_place(&nb);
		if (rc < 0)
			goto out;
	}
	rc = strcmp(na, nb) == 0;
out:
	free(na);
	free(nb);
	return rc;
}

static bool is_blank_byte(const char *s, size_t len, size_t i)
{
	return i >= len || s[i] == ' ' || s[i] == '\t' || s[i] == '\n';
}

/* Length of the emphasis run ("*", "**", "_"...) at s[i] to drop: a run
 * that opens or closes emphasis has a space (or an end) on one side only,
 * so "5 * 3" and "2*3" keep their star. */
static size_t emphasis_run(const char *s, size_t len, size_t i)
{
	size_t n = 0;
	bool before, after;

	while (i + n < len && s[i + n] == s[i])
		n++;
	before = i == 0 || is_blank_byte(s, len, i - 1);
	after = is_blank_byte(s, len, i + n);
	return before != after ? n : 0;
}

/* True when s[i] opens an HTML tag: "<" then a letter or "/", so that
 * "3 < 4" keeps its sign. */
static bool is_tag_start(const char *s, size_t len, size_t i)
{
	char next = i + 1 < len ? s[i + 1] : '\0';

	return s[i] == '<' && (next == '/' || (next >= 'a' && next <= 'z') ||
			       (next >= 'A' && next <= 'Z'));
}

char *answer_strip_markup(const char *s, size_t len, size_t *out_len)
{
	char *out = malloc(len + 1);
	size_t i = 0, o = 0, n;
	const char *close;

	if (!out)
		return NULL;
	while (i < len) {
		if (is_tag_start(s, len, i) &&
		    (close = memchr(s + i, '>', len - i)) != NULL) {
			i = (size_t)(close - s) + 1;
			continue;
		}
		if ((s[i] == '*' || s[i] == '_') &&
		    (n = emphasis_run(s, len, i)) > 0) {
			i += n;
			continue;
		}
		out[o++] = s[i++];
	}
	out[o] = '\0';
	*out_len = o;
	return out;
}

int answer_text_matches(const char *given, size_t given_len,
			const char *expected_raw, size_t expected_raw_len,
			unsigned flags)
{
	size_t expected_len;
	char *expected = answer_strip_markup(expected_raw, expected_raw_len,
					     &expected_len);
	int rc;

	if (!expected)
		return ANSWER_ERR_NOMEM;
	rc = equal_under(given, given_len, expected, expected_len, flags);
	if (rc != 0) {
		rc = rc < 0 ? rc : ANSWER_SAME;
		goto out;
	}
	if (!(flags & ANSWER_IGNORE_ACCENTS)) {
		rc = equal_under(given, given_len, expected, expected_len,
				 flags | ANSWER_IGNORE_ACCENTS);
		if (rc != 0) {
			rc = rc < 0 ? rc : ANSWER_ACCENTS_DIFFER;
			goto out;
		}
	}
	if (flags & ANSWER_CASE_SENSITIVE) {
		rc = equal_under(given, given_len, expected, expected_len,
				 flags & ~(unsigned)ANSWER_CASE_SENSITIVE);
		if (rc != 0) {
			rc = rc < 0 ? rc : ANSWER_CASE_DIFFERS;
			goto out;
		}
	}
	rc = ANSWER_DIFFERENT;
out:
	free(expected);
	return rc;
}

/* ---- numbers ---- */

static int set_message(char **message, const char *text)
{
	if (!message)
		return ANSWER_NUMBER_INVALID;
	*message = strdup(text);
	return *message ? ANSWER_NUMBER_INVALID : ANSWER_NUMBER_NOMEM;
}

/* Write `body` into `dst` with each '.' replaced by `with`. */
static void replace_points(const char *body, char with, char *dst, size_t size)
{
	size_t i;

	for (i = 0; body[i] && i + 1 < size; i++)
		dst[i] = body[i] == '.' ? with : body[i];
	dst[i] = '\0';
}

/*
 * Explain why a number written with a point is rejected, with the number
 * rewritten in French notation when the intent is clear enough.
 */
static int reject_point(const char *sign, const char *body, char **message)
{
	const char *dot = strchr(body, '.');
	char comma[SUGGESTION_MAX], space[SUGGESTION_MAX], text[256];
	bool one_dot = strchr(dot + 1, '.') == NULL;
	size_t after = strspn(dot + 1, "0123456789");

	if (strchr(body, ',') || strlen(body) + 1 >= SUGGESTION_MAX)
		return set_message(message, "Écris le nombre avec une virgule"
				   " et sans point, par exemple 3,5.");
	replace_points(body, ',', comma, sizeof(comma));
	replace_points(body, ' ', space, sizeof(space));
	if (one_dot && after == 3 && dot[4] == '\0')
		snprintf(text, sizeof(text), "Écris le nombre avec une virgule"
			 " (%s%s) ou avec une espace pour les milliers"
			 " (%s%s).", sign, comma, sign, space);
	else if (one_dot)
		snprintf(text, sizeof(text), "Écris le nombre avec une"
			 " virgule" NBSP ": %s%s", sign, comma);
	else
		snprintf(text, sizeof(text), "Écris le nombre sans point,"
			 " avec des espaces pour les milliers" NBSP ": %s%s",
			 sign, space);
	return set_message(message, text);
}

/*
 * Check the spaces between the digit groups of `s[0..len)`. Without spaces,
 * any run of digits is fine. With spaces, every group has three digits,
 * except the first group of a whole part and the last one of a decimal part.
 */
static bool groups_ok(const char *s, size_t len, bool decimal)
{
	size_t start = 0, i, groups = 0;

	if (!memchr(s, ' ', len))
		return len > 0;
	for (i = 0; i <= len; i++) {
		size_t group;
		bool may_be_short;

		if (i < len && s[i] != ' ')
			continue;
		group = i - start;
		may_be_short = decimal ? i == len : groups == 0;
		if (group == 0 || group > 3 || (group < 3 && !may_be_short))
			return false;
		groups++;
		start = i + 1;
	}
	return true;
}

/* Count the digits of `s[0..len)` that carry value: spaces never do, nor
 * leading zeros when `skip_leading_zeros`. */
static size_t count_digits(const char *s, size_t len, bool skip_leading_zeros)
{
	size_t i, count = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == ' ' || (skip_leading_zeros && count == 0 && s[i] == '0'))
			continue;
		count++;
	}
	return count;
}

/* Value of the digits of `s[0..len)`; the caller bounds their count. */
static __int128 digits_value(const char *s, size_t len)
{
	__int128 value = 0;
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] != ' ')
			value = value * 10 + (s[i] - '0');
	return value;
}

/* Trailing zeros of the decimal part carry no value: drop them. */
static size_t trim_zeros(const char *s, size_t len)
{
	while (len > 0 && (s[len - 1] == '0' || s[len - 1] == ' '))
		len--;
	return len;
}

static int check_shape(const char *body, const char *comma, size_t int_len,
		       size_t frac_len, char **message)
{
	if (comma && strchr(comma + 1, ','))
		return set_message(message, "Il y a plusieurs virgules" NBSP
				   ": un nombre n’en a qu’une.");
	if (int_len == 0)
		return set_message(message, "Écris un chiffre avant la"
				   " virgule, par exemple 0,5.");
	if (comma && frac_len == 0)
		return set_message(message, "Écris des chiffres après la"
				   " virgule, ou enlève la virgule.");
	if (!groups_ok(body, int_len, false) ||
	    (comma && !groups_ok(comma + 1, frac_len, true)))
		return set_message(message, "Vérifie les espaces" NBSP ": on"
				   " groupe les chiffres par trois, comme"
				   " dans 12 500.");
	return ANSWER_NUMBER_OK;
}

static int parse_body(const char *body, bool negative,
		      struct answer_decimal *out, char **message)
{
	const char *comma = strchr(body, ',');
	size_t int_len = comma ? (size_t)(comma - body) : strlen(body);
	size_t frac_len = comma ? strlen(comma + 1) : 0;
	size_t frac_digits, k;
	__int128 value;
	int rc;

	rc = check_shape(body, comma, int_len, frac_len, message);
	if (rc != ANSWER_NUMBER_OK)
		return rc;

	frac_len = comma ? trim_zeros(comma + 1, frac_len) : 0;
	frac_digits = comma ? count_digits(comma + 1, frac_len, false) : 0;
	if (count_digits(body, int_len, true) > ANSWER_MAX_INT_DIGITS ||
	    frac_digits > ANSWER_MAX_DECIMALS)
		return set_message(message, "Ce nombre est trop long.");

	/* Both parts fit: 10^(18 + 12) is far below the __int128 range. */
	value = digits_value(body, int_len);
	for (k = 0; k < ANSWER_MAX_DECIMALS; k++)
		value *= 10;
	if (frac_len > 0) {
		__int128 frac = digits_value(comma + 1, frac_len);

		for (k = frac_digits; k < ANSWER_MAX_DECIMALS; k++)
			frac *= 10;
		value += frac;
	}
	out->scaled = negative ? -value : value;
	return ANSWER_NUMBER_OK;
}

/* Split the sign from the normalised text; returns the body. */
static const char *take_sign(const char *s, bool *negative, const char **sign)
{
	*negative = false;
	*sign = "";
	if (s[0] == '+' || s[0] == '-') {
		*negative = s[0] == '-';
		*sign = *negative ? "-" : "";
		s++;
	} else if (strncmp(s, "\u2212", 3) == 0) {
		*negative = true;
		*sign = "-";
		s += 3;
	}
	if (*s == ' ')
		s++;
	return s;
}

int answer_parse_decimal(const char *s, size_t len, struct answer_decimal *out,
			 char **message)
{
	char *norm = NULL;
	const char *body, *sign;
	bool negative;
	int rc;

	if (message)
		*message = NULL;
	out->scaled = 0;
	rc = answer_normalize(s, len, ANSWER_CASE_SENSITIVE, &norm);
	if (rc == ANSWER_ERR_NOMEM)
		return ANSWER_NUMBER_NOMEM;
	if (rc < 0) {
		rc = set_message(message, "Écris seulement un nombre, par"
				 " exemple 12 ou 3,5.");
		goto out;
	}
	if (norm[0] == '\0') {
		rc = ANSWER_NUMBER_EMPTY;
		goto out;
	}

	body = take_sign(norm, &negative, &sign);
	if (body[0] == '\0' || body[strspn(body, "0123456789 ,.")] != '\0')
		rc = set_message(message, "Écris seulement un nombre, par"
				 " exemple 12 ou 3,5.");
	else if (strchr(body, '.'))
		rc = reject_point(sign, body, message);
	else
		rc = parse_body(body, negative, out, message);
out:
	free(norm);
	return rc;
}

double answer_decimal_to_double(const struct answer_decimal *d)
{
	double scale = 1.0;
	int k;

	for (k = 0; k < ANSWER_MAX_DECIMALS; k++)
		scale *= 10.0;
	return (double)d->scaled / scale;
}

int answer_parse_number(const char *s, size_t len, double *out,
			char **message)
{
	struct answer_decimal d;
	int rc = answer_parse_decimal(s, len, &d, message);

	*out = rc == ANSWER_NUMBER_OK ? answer_decimal_to_double(&d) : 0.0;
	return rc;
}

bool answer_decimal_close(const struct answer_decimal *given,
			  const struct answer_decimal *expected,
			  const struct answer_decimal *tolerance)
{
	__int128 diff = given->scaled - expected->scaled;
	__int128 tol = tolerance ? tolerance->scaled : 0;

	if (diff < 0)
		diff = -diff;
	if (tol < 0)
		tol = -tol;
	return diff <= tol;
}
