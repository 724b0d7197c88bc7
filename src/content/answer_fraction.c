/*
 * answer_fraction: numbers written as a decimal ("0,75"), a fraction
 * ("3/4") or a mixed number ("1 1/2"), read as exact rationals so that a
 * right value can be told apart from the form it is written in.
 */
#define _GNU_SOURCE /* memrchr */
#include <stdlib.h>
#include <string.h>

#include "content/answer.h"

/* 10^ANSWER_MAX_DECIMALS, the denominator of an answer_decimal. */
static __int128 decimal_scale(void)
{
	__int128 scale = 1;
	int k;

	for (k = 0; k < ANSWER_MAX_DECIMALS; k++)
		scale *= 10;
	return scale;
}

static __int128 gcd(__int128 a, __int128 b)
{
	if (a < 0)
		a = -a;
	while (b != 0) {
		__int128 t = a % b;

		a = b;
		b = t;
	}
	return a ? a : 1;
}

static void reduce(struct answer_rational *r)
{
	__int128 g = gcd(r->num, r->den);

	r->num /= g;
	r->den /= g;
}

static int set_message(char **message, const char *text)
{
	if (!message)
		return ANSWER_NUMBER_INVALID;
	*message = strdup(text);
	return *message ? ANSWER_NUMBER_INVALID : ANSWER_NUMBER_NOMEM;
}

/* Read a whole number of at most ANSWER_MAX_FRACTION_DIGITS digits from
 * s[0, len), spaces around allowed; -1 when it is not one. */
static long long read_digits(const char *s, size_t len)
{
	long long value = 0;
	size_t i = 0, digits = 0;

	while (i < len && s[i] == ' ')
		i++;
	while (i < len && s[i] >= '0' && s[i] <= '9' &&
	       digits < ANSWER_MAX_FRACTION_DIGITS) {
		value = value * 10 + (s[i++] - '0');
		digits++;
	}
	while (i < len && s[i] == ' ')
		i++;
	return digits > 0 && i == len ? value : -1;
}

/* Read "a/b" or "w a/b" from the normalised text `t` (slash at `slash`). */
static int parse_fraction(const char *t, const char *slash,
			  struct answer_rational *out, unsigned *form,
			  char **message)
{
	const char *start = t, *space;
	bool negative = false;
	long long whole = 0, num, den;

	if (*start == '-') {
		negative = true;
		start++;
	}
	den = read_digits(slash + 1, strlen(slash + 1));
	space = memrchr(start, ' ', (size_t)(slash - start));
	/* "1 1/2": a whole number, a space, then the fraction; a space just
	 * before the slash belongs to the fraction ("3 / 4"). */
	while (space && space > start && slash - space <= 1)
		space = memrchr(start, ' ', (size_t)(space - start));
	if (space && space > start) {
		whole = read_digits(start, (size_t)(space - start));
		num = read_digits(space + 1, (size_t)(slash - space - 1));
		*form = ANSWER_FORM_MIXED;
	} else {
		num = read_digits(start, (size_t)(slash - start));
		*form = ANSWER_FORM_FRACTION;
	}
	if (whole < 0 || num < 0 || den < 0)
		return set_message(message, "Écris une fraction avec des"
				   " nombres entiers, par exemple 3/4 ou"
				   " 1 1/2.");
	if (den == 0)
		return set_message(message, "Le dénominateur (le nombre sous"
				   " la barre) ne peut pas être 0.");
	out->num = (__int128)whole * den + num;
	out->den = den;
	if (negative)
		out->num = -out->num;
	reduce(out);
	return ANSWER_NUMBER_OK;
}

int answer_parse_rational(const char *s, size_t len,
			  struct answer_rational *out, unsigned *form,
			  char **message)
{
	struct answer_decimal d;
	char *norm = NULL, *slash;
	int rc;

	if (message)
		*message = NULL;
	*form = 0;
	rc = answer_normalize(s, len, ANSWER_CASE_SENSITIVE, &norm);
	if (rc == ANSWER_ERR_NOMEM)
		return ANSWER_NUMBER_NOMEM;
	slash = rc == 0 ? strchr(norm, '/') : NULL;
	if (!slash) {
		free(norm);
		rc = answer_parse_decimal(s, len, &d, message);
		if (rc == ANSWER_NUMBER_OK) {
			out->num = d.scaled;
			out->den = decimal_scale();
			reduce(out);
			*form = ANSWER_FORM_DECIMAL;
		}
		return rc;
	}
	rc = parse_fraction(norm, slash, out, form, message);
	free(norm);
	return rc;
}

bool answer_rational_equal(const struct answer_rational *a,
			   const struct answer_rational *b)
{
	/* Both are reduced with a positive denominator. */
	return a->num == b->num && a->den == b->den;
}

const char *answer_form_message(unsigned forms)
{
	switch (forms) {
	case ANSWER_FORM_FRACTION:
		return "Écris le résultat sous forme de fraction, par exemple"
		       " 3/4.";
	case ANSWER_FORM_MIXED:
		return "Écris le résultat sous forme d’un nombre entier suivi"
		       " d’une fraction, par exemple 1 1/2.";
	case ANSWER_FORM_FRACTION | ANSWER_FORM_MIXED:
		return "Écris le résultat sous forme de fraction, par exemple"
		       " 3/4 ou 1 1/2.";
	case ANSWER_FORM_DECIMAL | ANSWER_FORM_FRACTION:
		return "Écris le résultat sous forme de nombre décimal ou de"
		       " fraction.";
	case ANSWER_FORM_DECIMAL | ANSWER_FORM_MIXED:
		return "Écris le résultat sous forme de nombre décimal ou d’un"
		       " nombre entier suivi d’une fraction.";
	default:
		return "Écris le résultat sous forme de nombre décimal, avec"
		       " une virgule si besoin.";
	}
}
