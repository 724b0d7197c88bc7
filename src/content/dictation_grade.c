/* dictation_grade: a dictation question's verdict, score and correction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/activity.h"
#include "content/dictation.h"

#define NNBSP "\u202f"

static int message_set(struct question_result *r, const char *text)
{
	free(r->message);
	r->message = strdup(text);
	return r->message ? 0 : -1;
}

static bool text_empty(const char *text)
{
	return !text || text[strspn(text, " \t\r\n")] == '\0';
}

/* "Tu as écrit 23 mots justes sur 27." */
static int score_message(struct question_result *r,
			 const struct dictation_result *d)
{
	char text[160];

	if (r->verdict == VERDICT_RIGHT)
		return message_set(r, "Bravo" NNBSP "! Ta dictée est sans"
				   " faute.");
	snprintf(text, sizeof(text), "Tu as écrit %zu mot%s juste%s sur %zu.",
		 d->words_right, d->words_right > 1 ? "s" : "",
		 d->words_right > 1 ? "s" : "", d->words);
	return message_set(r, text);
}

int dictation_grade(const struct question *q, const char *typed,
		    struct question_result *r)
{
	const struct dictation *dict = q->dictation;
	struct dictation_result d;
	struct buf html = BUF_INIT(BUF_DEFAULT_MAX);
	int rc;

	if (text_empty(typed)) {
		r->verdict = VERDICT_EMPTY;
		typed = "";
	}
	rc = dictation_compare(dict->text, strlen(dict->text), typed,
			       strlen(typed), &d);
	if (rc == DICTATION_ERR_NOMEM)
		return -1;
	if (rc < 0) {
		r->verdict = VERDICT_INVALID;
		return message_set(r, rc == DICTATION_ERR_TOO_LONG ?
				   "Ton texte est trop long." :
				   "Ton texte contient des caractères"
				   " illisibles. Efface-les puis valide de"
				   " nouveau.");
	}

	r->score = d.words ? (double)d.words_right / (double)d.words : 0;
	if (r->verdict != VERDICT_EMPTY)
		r->verdict = d.step_count == d.counts[DICTATION_RIGHT] ?
			     VERDICT_RIGHT : VERDICT_WRONG;
	rc = r->verdict == VERDICT_EMPTY ? 0 : score_message(r, &d);
	if (rc == 0 && dictation_result_html(&d, typed, &html) == 0)
		r->expected_html = buf_detach(&html, NULL);
	buf_release(&html);
	dictation_result_release(&d);
	return rc == 0 && r->expected_html ? 0 : -1;
}
