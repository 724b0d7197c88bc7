/* Masking of e-mail addresses, phone numbers and street addresses. */
#include "tutor/mask.h"

#include <stdbool.h>
#include <string.h>

#define PLACEHOLDER_EMAIL "[adresse e-mail masquée]"
#define PLACEHOLDER_PHONE "[numéro masqué]"
#define PLACEHOLDER_ADDRESS "[adresse masquée]"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_ascii_alnum(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Letters of a word, counting every byte of a UTF-8 sequence as a letter. */
static bool is_word_byte(char c)
{
	return is_ascii_alnum(c) || (unsigned char)c >= 0x80 || c == '\'' || c == '-';
}

static bool is_email_local(char c)
{
	return is_ascii_alnum(c) || (c && strchr("._%+-", c) != NULL);
}

static bool is_email_domain(char c)
{
	return is_ascii_alnum(c) || c == '.' || c == '-';
}

static bool is_separator(char c)
{
	return c == ' ' || c == '.' || c == '-';
}

/* Length of the e-mail address starting at `s`, or 0. */
static size_t match_email(const char *s, size_t len)
{
	size_t i = 0, at, last_dot = 0;

	while (i < len && is_email_local(s[i]))
		i++;
	if (i == 0 || i >= len || s[i] != '@')
		return 0;
	at = i++;
	while (i < len && is_email_domain(s[i]))
		i++;
	/* A full stop after the address ends the sentence, not the domain. */
	while (i > at + 1 && (s[i - 1] == '.' || s[i - 1] == '-'))
		i--;
	/* A domain needs a dot followed by a letter: "lea@ecole.fr". */
	for (last_dot = i; last_dot > at && s[last_dot - 1] != '.'; last_dot--)
		;
	last_dot--;
	if (last_dot <= at + 1 || last_dot + 1 >= i || !is_ascii_alnum(s[last_dot + 1]))
		return 0;
	return i;
}

/* Read `count` digits from s[*i], allowing one separator between two
 * digits. Returns false when they are not there. */
static bool read_digits(const char *s, size_t len, size_t *i, int count)
{
	int n = 0;

	while (n < count) {
		if (*i < len && is_digit(s[*i])) {
			(*i)++;
			n++;
			continue;
		}
		if (n > 0 && *i + 1 < len && is_separator(s[*i]) && is_digit(s[*i + 1])) {
			(*i)++;
			continue;
		}
		return false;
	}
	return true;
}

/* Skip one optional separator at s[*i]. */
static void skip_separator(const char *s, size_t len, size_t *i)
{
	if (*i < len && is_separator(s[*i]))
		(*i)++;
}

/* Length of the French phone number starting at `s`, or 0. */
static size_t match_phone(const char *s, size_t len)
{
	size_t i = 0;

	if (len >= 3 && memcmp(s, "+33", 3) == 0)
		i = 3;
	else if (len >= 4 && memcmp(s, "0033", 4) == 0)
		i = 4;
	if (i) {
		skip_separator(s, len, &i);
		if (i + 3 <= len && memcmp(s + i, "(0)", 3) == 0) {
			i += 3;
			skip_separator(s, len, &i);
		}
		if (i >= len || s[i] < '1' || s[i] > '9' || !read_digits(s, len, &i, 9))
			return 0;
	} else {
		if (len < 2 || s[0] != '0' || s[1] < '1' || s[1] > '9' || !read_digits(s, len, &i, 10))
			return 0;
	}
	return i < len && is_digit(s[i]) ? 0 : i;
}

/* Street words, lower case, as typed with or without accents. */
static const char *const street_words[] = {
	"rue", "avenue", "av", "boulevard", "bd", "bld", "allée", "allee", "chemin", "impasse", "place", "route",
	"quai", "cours", "square", "passage", "voie", "résidence", "residence", "lotissement", "hameau", "cité",
	"cite", "sentier", "faubourg", "esplanade", "promenade", "ruelle", "chaussée", "chaussee",
};

/* Length of the street word at `s`, or 0. Compares ASCII letters without
 * case; the accented letters of the list are lower case. */
static size_t match_street_word(const char *s, size_t len)
{
	size_t i, k, n;

	for (i = 0; i < sizeof(street_words) / sizeof(street_words[0]); i++) {
		n = strlen(street_words[i]);
		if (n > len)
			continue;
		for (k = 0; k < n; k++) {
			char c = s[k] >= 'A' && s[k] <= 'Z' ? (char)(s[k] + 32) : s[k];
			if (c != street_words[i][k])
				break;
		}
		if (k < n)
			continue;
		if (n < len && s[n] == '.')
			n++; /* "av." or "bd." */
		else if (n < len && is_word_byte(s[n]))
			continue;
		return n;
	}
	return 0;
}

static size_t skip_spaces(const char *s, size_t len, size_t i)
{
	while (i < len && s[i] == ' ')
		i++;
	return i;
}

/* Extend an address over ", 31000 Toulouse" when it follows. */
static size_t match_town(const char *s, size_t len, size_t i)
{
	size_t j = i, digits = 0, town;

	if (j < len && s[j] == ',')
		j++;
	j = skip_spaces(s, len, j);
	while (j < len && is_digit(s[j]) && digits < 6) {
		j++;
		digits++;
	}
	if (digits != 5 || j >= len || s[j] != ' ')
		return i;
	town = j = skip_spaces(s, len, j);
	while (j < len && is_word_byte(s[j]))
		j++;
	return j > town ? j : i;
}

/* Length of the street address starting at `s`, or 0. */
static size_t match_address(const char *s, size_t len)
{
	size_t i = 0, n, end, words = 0;

	while (i < len && i < 4 && is_digit(s[i]))
		i++;
	if (i == 0 || (i < len && is_digit(s[i])))
		return 0;
	i = skip_spaces(s, len, i);
	if (i + 3 <= len && (strncmp(s + i, "bis", 3) == 0 || strncmp(s + i, "ter", 3) == 0) &&
	    (i + 3 == len || !is_word_byte(s[i + 3])))
		i = skip_spaces(s, len, i + 3);
	if (i < len && s[i] == ',')
		i = skip_spaces(s, len, i + 1);
	n = match_street_word(s + i, len - i);
	if (n == 0)
		return 0;
	end = i + n;
	/* The name: words of letters, up to a punctuation mark or a digit. */
	while (words < MASK_ADDRESS_MAX_WORDS) {
		size_t j = skip_spaces(s, len, end), start = j;

		while (j < len && is_word_byte(s[j]) && !is_digit(s[j]))
			j++;
		if (j == start)
			break;
		end = j;
		words++;
	}
	if (words == 0)
		return 0;
	return match_town(s, len, end);
}

/* True when s[i] starts a word or number: masking never starts inside one. */
static bool at_token_start(const char *s, size_t i)
{
	return i == 0 || !(is_ascii_alnum(s[i - 1]) || s[i - 1] == '+' || s[i - 1] == '.' || s[i - 1] == '_');
}

int mask_contact_details(const char *text, size_t len, struct buf *out)
{
	size_t i = 0, n;
	int found = 0;

	while (i < len) {
		if (at_token_start(text, i)) {
			if ((n = match_email(text + i, len - i)) > 0) {
				found |= MASK_EMAIL;
				if (buf_adds(out, PLACEHOLDER_EMAIL) < 0)
					return -1;
				i += n;
				continue;
			}
			if ((n = match_phone(text + i, len - i)) > 0) {
				found |= MASK_PHONE;
				if (buf_adds(out, PLACEHOLDER_PHONE) < 0)
					return -1;
				i += n;
				continue;
			}
			if ((n = match_address(text + i, len - i)) > 0) {
				found |= MASK_ADDRESS;
				if (buf_adds(out, PLACEHOLDER_ADDRESS) < 0)
					return -1;
				i += n;
				continue;
			}
		}
		if (buf_addc(out, text[i]) < 0)
			return -1;
		i++;
	}
	return found;
}
