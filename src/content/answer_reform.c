/*
 * answer_reform: the spellings of the 1990 French spelling reform
 * ("Les rectifications de l'orthographe", Journal officiel, 6 December
 * 1990), folded to one form so that either spelling matches the other:
 * - a small table of words written differently (ognon/oignon...);
 * - "î" and "û" lose the circumflex, except in dû, mûr, sûr, jeûne and
 *   their forms, and in the endings -îmes, -ûmes, -îtes, -ûtes of the
 *   passé simple;
 * - the hyphens between the words of a compound number become spaces
 *   ("vingt-et-un" is "vingt et un").
 * The text is already normalised by answer_normalize().
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "content/answer.h"

/* Reform spelling, then traditional spelling. */
static const char *const reform_pairs[][2] = {
	{ "ognon", "oignon" },
	{ "nénufar", "nénuphar" },
	{ "évènement", "événement" },
	{ "charriot", "chariot" },
	{ "règlementaire", "réglementaire" },
	{ "allègrement", "allégrement" },
	{ "sècheresse", "sécheresse" },
	{ "crèmerie", "crémerie" },
	{ "assoir", "asseoir" },
	{ "portemonnaie", "porte-monnaie" },
	{ "weekend", "week-end" },
	{ "millefeuille", "mille-feuille" },
	{ "combattivité", "combativité" },
	{ "bonhommie", "bonhomie" },
	{ "imbécillité", "imbécilité" },
};

/* Words that keep their circumflex, with their inflected forms. */
static const char *const circumflex_kept[] = {
	"dû", "mûr", "mûre", "mûrs", "mûres", "sûr", "sûre", "sûrs", "sûres",
	"jeûne", "jeûnes", "jeûner", "jeûnent",
};

static const char *const passe_simple_endings[] = {
	"îmes", "ûmes", "îtes", "ûtes",
};

static const char *const number_words[] = {
	"un", "une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit",
	"neuf", "dix", "onze", "douze", "treize", "quatorze", "quinze",
	"seize", "vingt", "vingts", "trente", "quarante", "cinquante",
	"soixante", "cent", "cents", "mille", "et",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* A letter of a word: ASCII letters and any non-ASCII byte (the accented
 * letters of French are all non-ASCII). */
static bool is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (unsigned char)c >= 0x80;
}

static bool word_is(const char *w, size_t len, const char *const *list,
		    size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strlen(list[i]) == len && memcmp(w, list[i], len) == 0)
			return true;
	return false;
}

static bool ends_with_any(const char *w, size_t len, const char *const *list,
			  size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		k = strlen(list[i]);
		if (len >= k && memcmp(w + len - k, list[i], k) == 0)
			return true;
	}
	return false;
}

/* Append the word w[0, len) to out, circumflexes of î and û dropped unless
 * the word keeps them. */
static void put_word(const char *w, size_t len, char *out, size_t *o)
{
	bool keep = word_is(w, len, circumflex_kept, COUNT(circumflex_kept)) ||
		    ends_with_any(w, len, passe_simple_endings,
				  COUNT(passe_simple_endings));
	size_t i;

	for (i = 0; i < len; i++) {
		/* î is C3 AE and û is C3 BB in UTF-8. */
		if (!keep && i + 1 < len && (unsigned char)w[i] == 0xc3 &&
		    ((unsigned char)w[i + 1] == 0xae ||
		     (unsigned char)w[i + 1] == 0xbb)) {
			out[(*o)++] = (unsigned char)w[i + 1] == 0xae ? 'i' : 'u';
			i++;
			continue;
		}
		out[(*o)++] = w[i];
	}
}

/* Length of the table entry matching the text at s (followed by an
 * optional plural "s" and a word end); `*pair` is its index. */
static size_t match_pair(const char *s, size_t len, bool at_start,
			 size_t *pair)
{
	size_t i, k;

	if (!at_start)
		return 0;
	for (i = 0; i < COUNT(reform_pairs); i++) {
		k = strlen(reform_pairs[i][0]);
		if (len < k || memcmp(s, reform_pairs[i][0], k) != 0)
			continue;
		if (k < len && s[k] == 's')
			k++;
		if (k == len || !is_letter(s[k])) {
			*pair = i;
			return strlen(reform_pairs[i][0]);
		}
	}
	return 0;
}

static size_t word_len(const char *s, size_t len)
{
	size_t n = 0;

	while (n < len && is_letter(s[n]))
		n++;
	return n;
}

/* True when the hyphen at s[i] joins two number words. */
static bool number_hyphen(const char *s, size_t len, size_t i)
{
	size_t start = i, after;

	while (start > 0 && is_letter(s[start - 1]))
		start--;
	after = word_len(s + i + 1, len - i - 1);
	return word_is(s + start, i - start, number_words,
		       COUNT(number_words)) &&
	       word_is(s + i + 1, after, number_words, COUNT(number_words));
}

char *answer_reform_fold(const char *text)
{
	size_t len = strlen(text), i = 0, o = 0, n, pair;
	/* The longest traditional word is 4 bytes longer than its reform
	 * spelling, and no entry is shorter than 5 bytes. */
	char *out = malloc(len * 2 + 1);

	if (!out)
		return NULL;
	while (i < len) {
		bool at_start = i == 0 || !is_letter(text[i - 1]);

		if ((n = match_pair(text + i, len - i, at_start, &pair)) > 0) {
			memcpy(out + o, reform_pairs[pair][1],
			       strlen(reform_pairs[pair][1]));
			o += strlen(reform_pairs[pair][1]);
			i += n;
		} else if (is_letter(text[i])) {
			n = word_len(text + i, len - i);
			put_word(text + i, n, out, &o);
			i += n;
		} else {
			out[o++] = text[i] == '-' && number_hyphen(text, len, i)
				   ? ' ' : text[i];
			i++;
		}
	}
	out[o] = '\0';
	return out;
}
