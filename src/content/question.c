/*
 * question: the body of a content file. The introduction runs up to the
 * first "## Question" line, and each such line starts a question.
 * A question is, in this order: the prompt (CommonMark), the answer lines
 * ("- [x] ..." for a choice, "= 3,5" for a number), then the feedback lines
 * "> Indice :", "> Si juste :" and "> Si faux :". The blanks [[...]] of a
 * cloze sit inside its text, so a cloze has no answer lines.
 */
#define _GNU_SOURCE /* memmem */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "content/activity.h"
#include "content/answer.h"
#include "content/dictation.h"
#include "content/parse.h"

#define HEADING "## Question"
#define HEADING_LEN (sizeof(HEADING) - 1)

enum feedback_kind { FEEDBACK_NONE = -1, FEEDBACK_HINT, FEEDBACK_RIGHT,
		     FEEDBACK_WRONG, FEEDBACK_KINDS };

static const char *const feedback_labels[FEEDBACK_KINDS] = {
	"Indice", "Si juste", "Si faux",
};

/* Feedback text gathered under one label, rendered when the next label
 * or the end of the question comes. */
struct feedback_text {
	char *data;
	size_t len;
};

static bool is_blank(const struct src_line *l)
{
	size_t i;

	for (i = 0; i < l->len; i++)
		if (l->text[i] != ' ' && l->text[i] != '\t')
			return false;
	return true;
}

static bool is_heading(const struct src_line *l)
{
	if (l->len < HEADING_LEN || memcmp(l->text, HEADING, HEADING_LEN) != 0)
		return false;
	return l->len == HEADING_LEN || l->text[HEADING_LEN] == ' ' ||
	       l->text[HEADING_LEN] == '\t';
}

/* Length of the "- [x] " marker of a choice line, 0 if not one. */
static size_t choice_marker(const struct src_line *l, bool *correct)
{
	const char *s = l->text;
	size_t i = 0;

	while (i < l->len && i < 3 && s[i] == ' ')
		i++;
	if (i + 4 > l->len || !strchr("-*+", s[i]) || s[i + 1] != ' ' ||
	    s[i + 2] != '[' || !strchr(" xX", s[i + 3]) || i + 4 >= l->len ||
	    s[i + 4] != ']')
		return 0;
	*correct = s[i + 3] != ' ';
	i += 5;
	while (i < l->len && s[i] == ' ')
		i++;
	return i;
}

static bool is_numeric_line(const struct src_line *l)
{
	return l->len >= 2 && l->text[0] == '=' &&
	       (l->text[1] == ' ' || l->text[1] == '\t');
}

static bool is_feedback_line(const struct src_line *l)
{
	return l->len >= 1 && l->text[0] == '>';
}

/* Title after "## Question", skipping a number and a separator. */
static int take_title(const struct src_line *l, struct question *q)
{
	const char *s = l->text + HEADING_LEN, *end = l->text + l->len;

	while (s < end && *s && strchr(" \t0123456789", *s))
		s++;
	if (end - s >= 2 && memcmp(s, "\xc2\xa0", 2) == 0)
		s += 2; /* a no-break space before the colon */
	if (s < end && (*s == ':' || *s == '-' || *s == '.'))
		s++;
	else if (end - s >= 3 && memcmp(s, "\xe2\x80\x94", 3) == 0)
		s += 3; /* em dash */
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (s == end)
		return 0;
	q->title = strndup(s, (size_t)(end - s));
	return q->title ? 0 : -1;
}

/* ---- feedback lines ---- */

/* Match "Label :" at `s`; returns the length matched or 0. */
static size_t match_label(const char *s, size_t len, const char *label)
{
	size_t n = strlen(label), i;

	if (len < n || strncasecmp(s, label, n) != 0)
		return 0;
	i = n;
	for (;;) {
		if (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		else if (len - i >= 2 && memcmp(s + i, "\xc2\xa0", 2) == 0)
			i += 2;
		else if (len - i >= 3 && memcmp(s + i, "\xe2\x80\xaf", 3) == 0)
			i += 3;
		else
			break;
	}
	return i < len && s[i] == ':' ? i + 1 : 0;
}

static char **feedback_slot(struct question *q, enum feedback_kind kind)
{
	if (kind == FEEDBACK_HINT)
		return &q->hint_html;
	if (kind == FEEDBACK_RIGHT)
		return &q->feedback_right_html;
	return &q->feedback_wrong_html;
}

static int append_text(struct feedback_text *t, const char *s, size_t len)
{
	char *data = realloc(t->data, t->len + len + 2);

	if (!data)
		return -1;
	memcpy(data + t->len, s, len);
	t->len += len;
	data[t->len++] = '\n';
	data[t->len] = '\0';
	t->data = data;
	return 0;
}

/* Render the text gathered for one kind of feedback into `q`. */
static int flush_feedback(struct question *q, enum feedback_kind kind,
			  struct feedback_text *text)
{
	char **slot;

	if (kind == FEEDBACK_NONE)
		return 0;
	slot = feedback_slot(q, kind);
	*slot = markdown_block(text->data, text->len);
	free(text->data);
	text->data = NULL;
	text->len = 0;
	return *slot ? 0 : -1;
}

/* Classify one "> ..." line: a new label, or the continuation of one. */
static int feedback_line(const struct src_line *l, struct question *q,
			 enum feedback_kind *kind, struct feedback_text *text,
			 struct content_error *err)
{
	const char *s = l->text + 1;
	size_t len = l->len - 1, n = 0;
	int k;

	while (len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	for (k = 0; k < FEEDBACK_KINDS && n == 0; k++)
		n = match_label(s, len, feedback_labels[k]);
	if (n == 0 && *kind == FEEDBACK_NONE)
		return content_fail(err, l->number, "ligne " LQ ">" RQ " sans"
				    " étiquette" SC " commencez par " LQ
				    "> Indice :" RQ ", " LQ "> Si juste :" RQ
				    " ou " LQ "> Si faux :" RQ);
	if (n > 0) {
		k--;
		if (flush_feedback(q, *kind, text) < 0)
			return content_fail(err, l->number, "mémoire"
					    " insuffisante");
		if (*feedback_slot(q, (enum feedback_kind)k))
			return content_fail(err, l->number, LQ "%s" RQ " est"
					    " écrit deux fois pour cette"
					    " question" SC " regroupez le texte"
					    " sous une seule étiquette",
					    feedback_labels[k]);
		*kind = (enum feedback_kind)k;
		s += n;
		len -= n;
	}
	if (append_text(text, s, len) < 0)
		return content_fail(err, l->number, "mémoire insuffisante");
	return 0;
}

/* Parse the feedback lines `lines[from, count)` of a question. */
static int parse_feedback(const struct src_line *lines, size_t from,
			  size_t count, struct question *q,
			  struct content_error *err)
{
	enum feedback_kind kind = FEEDBACK_NONE;
	struct feedback_text text = { NULL, 0 };
	size_t i;
	int rc = 0;

	for (i = from; i < count && rc == 0; i++) {
		const struct src_line *l = &lines[i];

		if (is_blank(l))
			continue;
		if (!is_feedback_line(l))
			rc = content_fail(err, l->number, "texte après les"
					  " indices" SC " placez l’énoncé et"
					  " les réponses avant les lignes "
					  LQ ">" RQ);
		else
			rc = feedback_line(l, q, &kind, &text, err);
	}
	if (rc == 0 && flush_feedback(q, kind, &text) < 0)
		rc = content_fail(err, lines[0].number, "mémoire"
				  " insuffisante");
	free(text.data);
	return rc;
}

/* ---- choices ---- */

static int add_option(const struct src_line *l, size_t marker, bool correct,
		      struct question *q, struct content_error *err)
{
	struct choice_option *opt;

	if (marker >= l->len)
		return content_fail(err, l->number, "case sans texte" SC
				    " écrivez la réponse après " LQ "[ ]" RQ
				    " ou " LQ "[x]" RQ);
	if (q->option_count == ACTIVITY_MAX_CHOICES)
		return content_fail(err, l->number, "trop de cases" SC " %d au"
				    " plus par question", ACTIVITY_MAX_CHOICES);
	opt = &q->options[q->option_count];
	opt->correct = correct;
	opt->html = choice_label_html(l->text + marker, l->len - marker,
				      l->number, err);
	if (!opt->html)
		return -1;
	q->option_count++;
	return 0;
}

static int parse_choices(const struct src_line *lines, size_t first,
			 size_t last, struct question *q,
			 struct content_error *err)
{
	size_t i, right = 0;

	q->kind = QUESTION_CHOICE;
	q->options = calloc(ACTIVITY_MAX_CHOICES, sizeof(*q->options));
	if (!q->options)
		return content_fail(err, lines[0].number, "mémoire"
				    " insuffisante");
	for (i = first; i < last; i++) {
		bool correct = false;
		size_t marker = choice_marker(&lines[i], &correct);

		if (marker == 0)
			continue; /* a blank line between the options */
		if (add_option(&lines[i], marker, correct, q, err) < 0)
			return -1;
		right += correct;
	}
	if (q->option_count < 2)
		return content_fail(err, lines[first].number, "une question à"
				    " choix demande au moins deux cases"
				    " " LQ "- [ ]" RQ);
	if (right == 0)
		return content_fail(err, lines[first].number, "aucune case n’est"
				    " cochée" SC " écrivez " LQ "- [x]" RQ
				    " devant la ou les bonnes réponses");
	q->multiple = right > 1;
	return 0;
}

/* ---- numbers ---- */

/* Length of the run of characters that may belong to a number. */
static size_t number_prefix(const char *s, size_t len)
{
	static const char *const wide[] = {
		"\xc2\xa0", "\xe2\x80\xaf", "\xe2\x80\x89", "\xe2\x88\x92",
	};
	size_t i = 0, k;

	while (i < len) {
		if (s[i] && strchr("0123456789,.+- \t", s[i])) {
			i++;
			continue;
		}
		for (k = 0; k < sizeof(wide) / sizeof(wide[0]); k++)
			if (len - i >= strlen(wide[k]) &&
			    memcmp(s + i, wide[k], strlen(wide[k])) == 0)
				break;
		if (k == sizeof(wide) / sizeof(wide[0]))
			break;
		i += strlen(wide[k]);
	}
	return i;
}

/* Read the number `s[0..len)` written by the author into `*text`. */
static int author_number(const char *s, size_t len, int line,
			 struct answer_decimal *value, char **text,
			 struct content_error *err)
{
	char q[80];
	int rc;

	content_trim(&s, &len);
	content_quote(s, len, q, sizeof(q));
	rc = answer_parse_decimal(s, len, value, NULL);
	if (rc == ANSWER_NUMBER_EMPTY)
		return content_fail(err, line, "nombre manquant" SC " écrivez"
				    " par exemple " LQ "= 3,5" RQ " ou " LQ
				    "= 12 ± 0,5 cm" RQ);
	if (rc != ANSWER_NUMBER_OK)
		return content_fail(err, line, "nombre illisible " LQ "%s" RQ
				    SC " écrivez-le à la française, avec une"
				    " virgule (3,5) et des espaces pour les"
				    " milliers (3 500)", q);
	*text = strndup(s, len);
	return *text ? 0 : content_fail(err, line, "mémoire insuffisante");
}

/* Find "±" or "+/-" in `s[0..len)`; returns its offset and length. */
static bool find_plus_minus(const char *s, size_t len, size_t *at, size_t *n)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (len - i >= 2 && memcmp(s + i, "\xc2\xb1", 2) == 0) {
			*at = i;
			*n = 2;
			return true;
		}
		if (len - i >= 3 && memcmp(s + i, "+/-", 3) == 0) {
			*at = i;
			*n = 3;
			return true;
		}
	}
	return false;
}

static int take_unit(const char *s, size_t len, int line, struct question *q,
		     struct content_error *err)
{
	content_trim(&s, &len);
	if (len == 0)
		return 0;
	if (len > ACTIVITY_MAX_UNIT_BYTES)
		return content_fail(err, line, "unité trop longue" SC " %d"
				    " octets au plus", ACTIVITY_MAX_UNIT_BYTES);
	q->unit = strndup(s, len);
	return q->unit ? 0 : content_fail(err, line, "mémoire insuffisante");
}

static int parse_numeric(const struct src_line *l, struct question *q,
			 struct content_error *err)
{
	const char *s = l->text + 1, *last;
	size_t len = l->len - 1, at, n, num, last_len;
	struct answer_decimal value, tolerance = { 0 };
	bool has_tol = find_plus_minus(s, len, &at, &n);

	if (numeric_has_forms(l))
		return numeric_forms_parse(l, q, err);
	q->kind = QUESTION_NUMERIC;
	last = has_tol ? s + at + n : s;
	last_len = has_tol ? len - at - n : len;
	num = number_prefix(last, last_len);

	if (has_tol && number_prefix(s, at) != at)
		return content_fail(err, l->number, "écrivez l’unité en fin de"
				    " ligne, après la tolérance" SC " " LQ
				    "= 3,5 ± 0,1 cm" RQ);
	if (author_number(s, has_tol ? at : num, l->number, &value,
			  &q->answer_text, err) < 0)
		return -1;
	if (has_tol && author_number(last, num, l->number, &tolerance,
				     &q->tolerance_text, err) < 0)
		return -1;
	if (tolerance.scaled < 0 || (q->tolerance_text &&
				     strchr("+-", q->tolerance_text[0])))
		return content_fail(err, l->number, "écrivez la tolérance sans"
				    " signe, comme " LQ "± 0,1" RQ);
	q->value = answer_decimal_to_double(&value);
	q->tolerance = answer_decimal_to_double(&tolerance);
	return take_unit(last + num, last_len - num, l->number, q, err);
}

/* ---- one question ---- */

static bool has_blank(const struct src_line *lines, size_t first, size_t last,
		      size_t *where)
{
	size_t i;

	for (i = first; i < last; i++)
		if (memmem(lines[i].text, lines[i].len, "[[", 2)) {
			*where = i;
			return true;
		}
	return false;
}

static int parse_prompt(const struct src_line *lines, size_t last,
			struct question *q, struct content_error *err)
{
	size_t i, where;

	if (has_blank(lines, 1, last, &where))
		return content_fail(err, lines[where].number, "un trou [[…]]"
				    " ne peut pas être mis dans une question"
				    " à choix ou à nombre" SC " enlevez les"
				    " cases et la ligne " LQ "=" RQ " pour en"
				    " faire un texte à trous");
	for (i = 1; i < last && is_blank(&lines[i]); i++)
		;
	if (i == last)
		return content_fail(err, lines[0].number, "question sans"
				    " énoncé" SC " écrivez la consigne sous la"
				    " ligne " LQ "## Question" RQ);
	q->prompt_html = lines_join(lines, 1, last, NULL);
	if (q->prompt_html) {
		char *md = q->prompt_html;

		q->prompt_html = markdown_block(md, strlen(md));
		free(md);
	}
	return q->prompt_html ? 0 : content_fail(err, lines[0].number,
						 "mémoire insuffisante");
}

/* Find the feedback and answer lines; `*answers` is the first answer line
 * (or `*feedback` when there is none). */
static int locate_parts(const struct src_line *lines, size_t count,
			size_t *answers, size_t *feedback, size_t *choices,
			size_t *numerics, struct content_error *err)
{
	size_t i;
	bool dummy;

	for (*feedback = 1; *feedback < count; (*feedback)++)
		if (is_feedback_line(&lines[*feedback]))
			break;
	*answers = *feedback;
	*choices = *numerics = 0;
	for (i = 1; i < *feedback; i++) {
		bool choice = choice_marker(&lines[i], &dummy) > 0;
		bool numeric = is_numeric_line(&lines[i]);

		if (!choice && !numeric && !is_blank(&lines[i]) &&
		    *answers < *feedback)
			return content_fail(err, lines[i].number, "texte après"
					    " les réponses" SC " placez la"
					    " consigne avant les cases ou la"
					    " ligne " LQ "=" RQ);
		if ((choice || numeric) && *answers == *feedback)
			*answers = i;
		*choices += choice;
		*numerics += numeric;
	}
	return 0;
}

static int parse_question(const struct src_line *lines, size_t count,
			  struct question *q, struct content_error *err)
{
	size_t answers, feedback, choices, numerics, where;
	int rc;

	q->line = lines[0].number;
	if (take_title(&lines[0], q) < 0)
		return content_fail(err, q->line, "mémoire insuffisante");
	/* The kinds answered in a "::: name" block, see q_block.c. */
	if (block_find(lines, 1, count, &where)) {
		if (parse_prompt(lines, where, q, err) < 0 ||
		    block_parse(lines, count, where, &feedback, q, err) < 0)
			return -1;
		return parse_feedback(lines, feedback, count, q, err);
	}
	if (locate_parts(lines, count, &answers, &feedback, &choices,
			 &numerics, err) < 0)
		return -1;

	if (choices > 0 && numerics > 0)
		return content_fail(err, lines[answers].number, "une question"
				    " ne peut pas avoir à la fois des cases"
				    " " LQ "- [x]" RQ " et une ligne " LQ "="
				    RQ SC " faites-en deux questions");
	if (numerics > 1)
		return content_fail(err, lines[answers].number, "plusieurs"
				    " lignes " LQ "=" RQ SC " une question à"
				    " nombre n’a qu’une réponse");
	if (dictation_block_find(lines, 1, feedback, &where)) {
		rc = dictation_parse(lines, 1, feedback, q, err);
	} else if (choices > 0 || numerics > 0) {
		rc = parse_prompt(lines, answers, q, err);
		if (rc == 0 && choices > 0)
			rc = parse_choices(lines, answers, feedback, q, err);
		else if (rc == 0)
			rc = parse_numeric(&lines[answers], q, err);
	} else if (has_blank(lines, 1, feedback, &where)) {
		rc = cloze_parse(lines, 1, feedback, q, err);
	} else {
		rc = content_fail(err, q->line, "question sans réponse" SC
				  " ajoutez des cases " LQ "- [x]" RQ ", une"
				  " ligne " LQ "= nombre" RQ " ou des trous"
				  " [[…]]");
	}
	if (rc < 0)
		return -1;
	return parse_feedback(lines, feedback, count, q, err);
}

int body_parse(const struct src_line *lines, size_t count, struct activity *a,
	       struct content_error *err)
{
	size_t i, first = count, n = 0, k = 0;

	for (i = 0; i < count; i++)
		if (is_heading(&lines[i])) {
			first = first < i ? first : i;
			n++;
		}
	/* The closing "---" line always precedes the body. */
	if (n == 0)
		return content_fail(err, count ? lines[count - 1].number :
				    lines[-1].number, "aucune question" SC
				    " commencez chaque question par une ligne "
				    LQ "## Question" RQ);
	if (n > ACTIVITY_MAX_QUESTIONS)
		return content_fail(err, lines[first].number, "trop de"
				    " questions (%zu)" SC " %d au plus par"
				    " activité", n, ACTIVITY_MAX_QUESTIONS);

	a->intro_html = markdown_block(NULL, 0);
	if (first > 0) {
		size_t len;
		char *md = lines_join(lines, 0, first, &len);

		free(a->intro_html);
		a->intro_html = md ? markdown_block(md, len) : NULL;
		free(md);
	}
	a->questions = calloc(n, sizeof(*a->questions));
	if (!a->questions || !a->intro_html)
		return content_fail(err, lines[first].number, "mémoire"
				    " insuffisante");
	a->question_count = n;

	for (i = first; i < count; i = first) {
		for (first = i + 1; first < count; first++)
			if (is_heading(&lines[first]))
				break;
		if (parse_question(lines + i, first - i, &a->questions[k++],
				   err) < 0)
			return -1;
	}
	return 0;
}

int generated_body_parse(const struct src_line *lines, size_t count, struct activity *a,
			 struct content_error *err)
{
	size_t i, len;
	char *md;

	for (i = 0; i < count; i++)
		if (is_heading(&lines[i]))
			return content_fail(err, lines[i].number, "une activité avec un générateur n’a pas de questions"
					    " écrites" SC " retirez cette question ou le champ generator");
	md = count ? lines_join(lines, 0, count, &len) : NULL;
	a->intro_html = md ? markdown_block(md, len) : markdown_block(NULL, 0);
	free(md);
	if (!a->intro_html)
		return content_fail(err, count ? lines[0].number : 1, "mémoire insuffisante");
	return 0;
}
