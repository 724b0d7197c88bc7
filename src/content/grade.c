/*
 * grade: judge a child's answers to an activity. Every text comparison goes
 * through content/answer.h so all questions apply the same rules. Messages
 * are plain French text for the child (the page escapes them); the expected
 * answer is HTML.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/activity.h"
#include "content/answer.h"
#include "content/dictation.h"
#include "content/grade_internal.h"
#include "core/buf.h"

#define NBSP "\u00a0"
#define NNBSP "\u202f"

#define MSG_RIGHT "Bravo" NNBSP "!"
#define MSG_WRONG "Ce n’est pas ça."
#define MSG_EMPTY "Tu n’as pas encore répondu."
#define MSG_ACCENTS "Presque" NBSP ": regarde les accents."
#define MSG_CASE "Presque" NBSP ": regarde les majuscules."
#define MSG_MISSING "Presque" NBSP ": il manque une bonne réponse."
#define MSG_EXTRA "Une des cases cochées n’est pas juste."

/* How close a typed text came to an accepted answer. */
enum closeness { CLOSE_NONE, CLOSE_ACCENTS, CLOSE_CASE };

int grade_set_message(struct question_result *r, const char *text)
{
	free(r->message);
	r->message = strdup(text);
	return r->message ? 0 : -1;
}

int grade_set_expected(struct question_result *r, struct buf *b)
{
	r->expected_html = buf_detach(b, NULL);
	return r->expected_html ? 0 : -1;
}

/* ---- choice ---- */

static int expected_choices(const struct question *q,
			    struct question_result *r)
{
	struct buf b = BUF_INIT(BUF_DEFAULT_MAX);
	size_t i;

	if (q->multiple)
		buf_adds(&b, "<ul>");
	for (i = 0; i < q->option_count; i++) {
		if (!q->options[i].correct)
			continue;
		if (q->multiple)
			buf_html(&b, "<li>%S</li>", q->options[i].html);
		else
			buf_adds(&b, q->options[i].html);
	}
	if (q->multiple)
		buf_adds(&b, "</ul>");
	return grade_set_expected(r, &b);
}

static int grade_choice(const struct question *q,
			const struct question_answer *ans,
			struct question_result *r)
{
	bool ticked[ACTIVITY_MAX_CHOICES] = { false };
	size_t i, count = 0, missing = 0, extra = 0;

	for (i = 0; ans->choices && i < ans->choice_count; i++)
		if (ans->choices[i] >= 0 &&
		    (size_t)ans->choices[i] < q->option_count)
			ticked[ans->choices[i]] = true;
	for (i = 0; i < q->option_count; i++) {
		count += ticked[i];
		missing += q->options[i].correct && !ticked[i];
		extra += !q->options[i].correct && ticked[i];
	}

	if (count == 0)
		r->verdict = VERDICT_EMPTY;
	else if (missing == 0 && extra == 0)
		r->verdict = VERDICT_RIGHT;
	else
		r->verdict = VERDICT_WRONG;
	r->score = r->verdict == VERDICT_RIGHT ? 1.0 : 0.0;

	if (r->verdict == VERDICT_WRONG && q->multiple)
		return grade_set_message(r, extra ? MSG_EXTRA : MSG_MISSING);
	return 0;
}

/* ---- cloze ---- */

static bool is_empty_text(const char *text)
{
	return !text || text[strspn(text, " \t\r\n")] == '\0';
}

/* Judge one blank: 1 right, 0 wrong, -1 on allocation failure. */
static int grade_blank(const struct blank *b, const char *text,
		       enum closeness *close)
{
	unsigned flags = b->case_sensitive ? ANSWER_CASE_SENSITIVE : 0;
	size_t len = strlen(text), i;

	*close = CLOSE_NONE;
	if (len > ACTIVITY_MAX_ANSWER_BYTES)
		return 0;
	for (i = 0; i < b->accepted_count; i++) {
		int m = answer_text_matches(text, len, b->accepted[i],
					    strlen(b->accepted[i]), flags);

		if (m == ANSWER_ERR_NOMEM)
			return -1;
		if (m == ANSWER_SAME)
			return 1;
		if (m == ANSWER_ACCENTS_DIFFER)
			*close = CLOSE_ACCENTS;
		else if (m == ANSWER_CASE_DIFFERS && *close == CLOSE_NONE)
			*close = CLOSE_CASE;
	}
	return 0;
}

static int expected_cloze(const struct question *q, struct question_result *r)
{
	struct buf b = BUF_INIT(BUF_DEFAULT_MAX);
	size_t i;

	for (i = 0; i < q->blank_count; i++) {
		const struct blank *bl = &q->blanks[i];

		buf_adds(&b, q->pieces_html[i]);
		buf_html(&b, "<strong>%s</strong>",
			 bl->accepted_count ? bl->accepted[0] : "");
	}
	buf_adds(&b, q->pieces_html[q->blank_count]);
	return grade_set_expected(r, &b);
}

static int cloze_message(struct question_result *r, size_t right,
			 size_t accents, size_t cases)
{
	size_t wrong = r->blank_count - right;
	char text[128];

	if (r->verdict != VERDICT_WRONG)
		return 0;
	if (accents == wrong)
		return grade_set_message(r, MSG_ACCENTS);
	if (cases == wrong)
		return grade_set_message(r, MSG_CASE);
	if (right == 0)
		return grade_set_message(r, MSG_WRONG);
	snprintf(text, sizeof(text), "Tu as trouvé %zu trou%s sur %zu.", right,
		 right > 1 ? "s" : "", r->blank_count);
	return grade_set_message(r, text);
}

static int grade_cloze(const struct question *q,
		       const struct question_answer *ans,
		       struct question_result *r)
{
	size_t i, right = 0, empty = 0, accents = 0, cases = 0;

	r->blank_right = calloc(q->blank_count ? q->blank_count : 1,
				sizeof(bool));
	if (!r->blank_right)
		return -1;
	r->blank_count = q->blank_count;
	for (i = 0; i < q->blank_count; i++) {
		const char *text = ans->texts && i < ans->text_count ?
				   ans->texts[i] : NULL;
		enum closeness close = CLOSE_NONE;
		int rc = 0;

		if (is_empty_text(text))
			empty++;
		else
			rc = grade_blank(&q->blanks[i], text, &close);
		if (rc < 0)
			return -1;
		r->blank_right[i] = rc == 1;
		right += rc == 1;
		accents += close == CLOSE_ACCENTS;
		cases += close == CLOSE_CASE;
	}

	if (empty == q->blank_count)
		r->verdict = VERDICT_EMPTY;
	else
		r->verdict = right == q->blank_count ? VERDICT_RIGHT :
						       VERDICT_WRONG;
	r->score = q->blank_count ? (double)right / (double)q->blank_count : 0;
	return cloze_message(r, right, accents, cases);
}

/* ---- numeric ---- */

/* Length of `text` once a trailing copy of the question's unit is cut, so
 * "12 cm" counts as "12" when the unit is "cm". */
static size_t without_unit(const char *text, const char *unit)
{
	size_t len = strlen(text), n = unit ? strlen(unit) : 0;

	while (len > 0 && strchr(" \t\r\n", text[len - 1]))
		len--;
	if (n > 0 && len > n && memcmp(text + len - n, unit, n) == 0)
		len -= n;
	return len;
}

static int expected_number(const struct question *q, struct question_result *r)
{
	struct buf b = BUF_INIT(BUF_DEFAULT_MAX);

	buf_html(&b, "%s", q->answer_text);
	if (q->unit)
		buf_html(&b, NBSP "%s", q->unit);
	return grade_set_expected(r, &b);
}

static int grade_numeric(const struct question *q,
			 const struct question_answer *ans,
			 struct question_result *r)
{
	const char *text = ans->texts && ans->text_count ? ans->texts[0] : NULL;
	struct answer_decimal given, expected, tolerance = { 0 };
	char *message = NULL;
	int rc;

	/* Fractions, and questions that state their forms. */
	if (text && strlen(text) <= ACTIVITY_MAX_ANSWER_BYTES &&
	    (q->forms || strchr(text, '/')))
		return grade_number_form(q, text, without_unit(text, q->unit),
					 r);
	if (!text || strlen(text) > ACTIVITY_MAX_ANSWER_BYTES)
		rc = text ? ANSWER_NUMBER_INVALID : ANSWER_NUMBER_EMPTY;
	else
		rc = answer_parse_decimal(text, without_unit(text, q->unit),
					  &given, &message);
	if (rc == ANSWER_NUMBER_NOMEM)
		return -1;
	if (rc == ANSWER_NUMBER_EMPTY) {
		r->verdict = VERDICT_EMPTY;
		return 0;
	}
	if (rc == ANSWER_NUMBER_INVALID) {
		r->verdict = VERDICT_INVALID;
		r->message = message;
		return message || !text ? 0 : grade_set_message(r, "Ta réponse est"
							" trop longue.");
	}

	/* The author's numbers were checked by the parser. */
	answer_parse_decimal(q->answer_text, strlen(q->answer_text), &expected,
			     NULL);
	if (q->tolerance_text)
		answer_parse_decimal(q->tolerance_text,
				     strlen(q->tolerance_text), &tolerance, NULL);
	r->verdict = answer_decimal_close(&given, &expected, &tolerance) ?
		     VERDICT_RIGHT : VERDICT_WRONG;
	r->score = r->verdict == VERDICT_RIGHT ? 1.0 : 0.0;
	return 0;
}

/* ---- activity ---- */

static int default_message(struct question_result *r)
{
	if (r->message)
		return 0;
	if (r->verdict == VERDICT_RIGHT)
		return grade_set_message(r, MSG_RIGHT);
	if (r->verdict == VERDICT_EMPTY)
		return grade_set_message(r, MSG_EMPTY);
	if (r->verdict == VERDICT_WRONG)
		return grade_set_message(r, MSG_WRONG);
	return 0;
}

static int grade_question(const struct question *q,
			  const struct question_answer *ans,
			  struct question_result *r)
{
	int rc;

	if (q->kind == QUESTION_CHOICE)
		rc = grade_choice(q, ans, r) < 0 ||
		     expected_choices(q, r) < 0;
	else if (q->kind == QUESTION_CLOZE)
		rc = grade_cloze(q, ans, r) < 0 || expected_cloze(q, r) < 0;
	else if (q->kind == QUESTION_DICTATION)
		rc = dictation_grade(q, ans->texts && ans->text_count ?
					ans->texts[0] : NULL, r) < 0;
	else if (q->kind == QUESTION_NUMERIC)
		rc = grade_numeric(q, ans, r) < 0 ||
		     expected_number(q, r) < 0;
	else if (question_is_block(q))
		rc = block_grade(q, ans, r) < 0;
	else
		rc = -1;
	if (rc != 0)
		return -1;
	return default_message(r);
}

int activity_grade(const struct activity *a,
		   const struct question_answer *answers, struct grade *out)
{
	static const struct question_answer none = { NULL, 0, NULL, 0 };
	size_t i;

	memset(out, 0, sizeof(*out));
	out->results = calloc(a->question_count ? a->question_count : 1,
			      sizeof(*out->results));
	if (!out->results)
		return -1;
	out->count = a->question_count;
	out->max_score = (int)a->question_count;
	for (i = 0; i < a->question_count; i++) {
		if (grade_question(&a->questions[i],
				   answers ? &answers[i] : &none,
				   &out->results[i]) < 0) {
			grade_release(out);
			return -1;
		}
		out->score += out->results[i].score;
	}
	return 0;
}

void grade_release(struct grade *g)
{
	size_t i;

	if (!g)
		return;
	for (i = 0; g->results && i < g->count; i++) {
		free(g->results[i].message);
		free(g->results[i].expected_html);
		free(g->results[i].blank_right);
	}
	free(g->results);
	memset(g, 0, sizeof(*g));
}
