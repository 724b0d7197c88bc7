/*
 * q_short: the "::: reponse" block of a short-answer question. Each line
 * is an accepted answer; the options set how answers are compared.
 */
#include <stdlib.h>
#include <string.h>

#include "content/activity.h"
#include "content/answer.h"
#include "content/parse.h"

#define SHORT_OPTIONS "majuscules, sans-accents, rectifications," \
		      " oe-distinct et max=N"

static bool word_is(const char *word, size_t len, const char *name)
{
	return strlen(name) == len && memcmp(word, name, len) == 0;
}

/* Read the N of "max=N"; -1 when it is not a number in range. */
static int max_value(const char *word, size_t len)
{
	int value = 0;
	size_t i;

	if (len <= 4 || len > 7)
		return -1;
	for (i = 4; i < len; i++) {
		if (word[i] < '0' || word[i] > '9')
			return -1;
		value = value * 10 + (word[i] - '0');
	}
	return value >= 1 && value <= SHORT_MAX_CHARS ? value : -1;
}

static int short_options(const struct block_header *h, struct short_answer *sa,
			 struct content_error *err)
{
	const char *s = h->options, *end = h->options + h->options_len, *word;
	size_t len;

	sa->max_chars = SHORT_DEFAULT_CHARS;
	while (block_next_option(&s, end, &word, &len)) {
		if (word_is(word, len, "majuscules"))
			sa->flags |= ANSWER_CASE_SENSITIVE;
		else if (word_is(word, len, "sans-accents"))
			sa->flags |= ANSWER_IGNORE_ACCENTS;
		else if (word_is(word, len, "rectifications"))
			sa->flags |= ANSWER_REFORM_1990;
		else if (word_is(word, len, "oe-distinct"))
			sa->flags |= ANSWER_OE_DISTINCT;
		else if (len > 4 && memcmp(word, "max=", 4) == 0) {
			sa->max_chars = max_value(word, len);
			if (sa->max_chars < 0)
				return content_fail(err, h->line, "longueur"
						    " invalide dans " LQ "max="
						    RQ SC " écrivez un nombre"
						    " entier de 1 à %d",
						    SHORT_MAX_CHARS);
		} else
			return block_bad_option(err, h->line, word, len,
						SHORT_OPTIONS);
	}
	return 0;
}

int short_parse(const struct src_line *lines, size_t first, size_t last,
		const struct block_header *h, struct question *q,
		struct content_error *err)
{
	struct short_answer *sa = &q->short_answer;
	size_t i;

	q->kind = QUESTION_SHORT;
	if (short_options(h, sa, err) < 0)
		return -1;
	sa->accepted = calloc(ACTIVITY_MAX_ACCEPTED, sizeof(char *));
	if (!sa->accepted)
		return content_fail(err, h->line, "mémoire insuffisante");
	for (i = first; i < last; i++) {
		const char *s = lines[i].text;
		size_t len = lines[i].len;

		if (len == strspn(s, " \t"))
			continue;
		if (sa->accepted_count == ACTIVITY_MAX_ACCEPTED)
			return content_fail(err, lines[i].number, "trop de"
					    " réponses acceptées" SC " %d au"
					    " plus", ACTIVITY_MAX_ACCEPTED);
		sa->accepted[sa->accepted_count] =
			block_item_copy(s, len, lines[i].number, "réponse",
					err);
		if (!sa->accepted[sa->accepted_count])
			return -1;
		sa->accepted_count++;
	}
	if (sa->accepted_count == 0)
		return content_fail(err, h->line, "bloc " LQ "reponse" RQ
				    " vide" SC " écrivez une réponse acceptée"
				    " par ligne");
	return 0;
}
