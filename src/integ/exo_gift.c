/*
 * Reading Moodle's GIFT text format: questions separated by blank lines,
 * "::title::", answers between braces ("=right ~wrong", "=a -> b", "#12:1",
 * "T"), feedback after '#', general feedback after "####", and '\' before
 * ~ = # { } : to write them as text. Text after the braces makes the
 * question a sentence with a blank (a "missing word" question).
 */
#define _GNU_SOURCE 1
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/form.h"
#include "integ/exo.h"

#define GIFT_BLOCK_MAX (64 * 1024)

struct gift_item {
	char text[EXO_ITEM_MAX + 1];
	char feedback[EXO_ITEM_MAX + 1];
	int right;       /* '=' or a positive weight */
	int weighted;    /* a %n% weight was written */
};

struct gift_answers {
	struct gift_item items[EXO_MAX_OPTIONS + 1];
	size_t count;
	int too_many;
	char general[EXO_TEXT_MAX + 1];
};

/* Copy `len` bytes of GIFT text, removing the escapes, as plain text (or
 * HTML with `html`). Returns -1 when the text does not fit. */
static int gift_text(const char *in, size_t len, int html, char *out, size_t size)
{
	char *plain = malloc(len + 1);
	size_t i, n = 0;
	int rc;

	if (!plain)
		return -1;
	for (i = 0; i < len; i++) {
		if (in[i] == '\\' && i + 1 < len && strchr("~=#{}:\\n", in[i + 1])) {
			i++;
			plain[n++] = in[i] == 'n' ? '\n' : in[i];
		} else {
			plain[n++] = in[i] == EXO_BLANK_OPEN || in[i] == EXO_BLANK_CLOSE ? ' ' : in[i];
		}
	}
	plain[n] = '\0';
	rc = html ? exo_text_from_html(plain, n, out, size) : exo_text_plain(plain, n, out, size);
	free(plain);
	return rc;
}

/* The first unescaped `c` in [p, end), or NULL. */
static const char *unescaped(const char *p, const char *end, char c)
{
	for (; p < end; p++) {
		if (*p == '\\' && p + 1 < end)
			p++;
		else if (*p == c)
			return p;
	}
	return NULL;
}

/* Read one "=text#feedback" or "~%50%text" item ending at `end`. */
static int item_read(const char *p, const char *end, int html, struct gift_item *it)
{
	const char *hash;
	char *after;
	long weight;

	memset(it, 0, sizeof(*it));
	it->right = *p == '=';
	p++;
	if (*p == '%') {
		weight = strtol(p + 1, &after, 10);
		if (after >= end || *after != '%')
			return -1;
		it->weighted = 1;
		it->right = weight > 0;
		p = after + 1;
	}
	hash = unescaped(p, end, '#');
	if (gift_text(p, (size_t)((hash ? hash : end) - p), html, it->text, sizeof(it->text)) < 0)
		return -1;
	if (hash && gift_text(hash + 1, (size_t)(end - hash - 1), html, it->feedback, sizeof(it->feedback)) < 0)
		return -1;
	return it->text[0] ? 0 : -1;
}

/* Split the inside of the braces into items. -1 on a malformed item. */
static int answers_read(const char *p, const char *end, int html, struct gift_answers *a)
{
	const char *general = NULL, *q, *next;

	memset(a, 0, sizeof(*a));
	for (q = p; q + 3 < end; q++) {
		if (*q == '\\')
			q++;
		else if (memcmp(q, "####", 4) == 0) {
			general = q;
			break;
		}
	}
	if (general) {
		if (gift_text(general + 4, (size_t)(end - general - 4), html, a->general, sizeof(a->general)) < 0)
			return -1;
		end = general;
	}
	while (p < end && (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r'))
		p++;
	while (p < end) {
		if (*p != '=' && *p != '~')
			return -1;
		next = p + 1;
		while (next < end && *next != '=' && *next != '~') {
			if (*next == '\\' && next + 1 < end)
				next++;
			next++;
		}
		if (a->count == EXO_MAX_OPTIONS) {
			a->too_many = 1;
			return 0;
		}
		if (item_read(p, next, html, &a->items[a->count++]) < 0)
			return -1;
		p = next;
	}
	return 0;
}

static void feedbacks_set(struct exo_question *q, const struct gift_answers *a)
{
	size_t i;

	for (i = 0; i < a->count; i++) {
		char *dst = a->items[i].right ? q->feedback_right : q->feedback_wrong;

		if (!*dst && a->items[i].feedback[0])
			snprintf(dst, EXO_TEXT_MAX + 1, "%s", a->items[i].feedback);
	}
	if (a->general[0] && !q->feedback_wrong[0])
		snprintf(q->feedback_wrong, sizeof(q->feedback_wrong), "%s", a->general);
}

/* "T", "TRUE", "F" or "FALSE" (with feedback after '#'): 1 true, 0 false, -1 other. */
static int truth_value(const char *p, const char *end)
{
	const char *hash = unescaped(p, end, '#');
	char word[8];
	size_t len;

	while (p < end && *p == ' ')
		p++;
	len = (size_t)((hash ? hash : end) - p);
	while (len && (p[len - 1] == ' ' || p[len - 1] == '\n'))
		len--;
	if (len == 0 || len >= sizeof(word))
		return -1;
	memcpy(word, p, len);
	word[len] = '\0';
	if (strcmp(word, "T") == 0 || strcmp(word, "TRUE") == 0)
		return 1;
	if (strcmp(word, "F") == 0 || strcmp(word, "FALSE") == 0)
		return 0;
	return -1;
}

static int has_text(const char *p, const char *end)
{
	for (; p < end; p++)
		if (*p != ' ' && *p != '\n' && *p != '\t' && *p != '\r')
			return 1;
	return 0;
}

static int number_read(const char *p, const char *end, struct exo_question *q)
{
	char text[64], *colon;
	size_t len = (size_t)(end - p);
	const char *hash = unescaped(p, end, '#');

	if (hash)
		len = (size_t)(hash - p);
	if (len == 0 || len >= sizeof(text))
		return -1;
	memcpy(text, p, len);
	text[len] = '\0';
	if (strstr(text, "..") || strchr(text, '='))
		return -1; /* ranges and several answers */
	colon = strchr(text, ':');
	if (colon)
		*colon = '\0';
	if (exo_number_french(text, q->number, sizeof(q->number)) < 0)
		return -1;
	if (colon && (exo_number_french(colon + 1, q->tolerance, sizeof(q->tolerance)) < 0 || q->tolerance[0] == '-'))
		return -1;
	if (strspn(q->tolerance, "0,") == strlen(q->tolerance))
		q->tolerance[0] = '\0'; /* no tolerance */
	return 0;
}

/* Pairs "left -> right" of a matching question. */
static int pairs_read(const struct gift_answers *a, struct exo_question *q)
{
	size_t i;

	for (i = 0; i < a->count; i++) {
		const char *arrow = strstr(a->items[i].text, "->");
		size_t left;

		if (!a->items[i].right || !arrow)
			return -1;
		left = (size_t)(arrow - a->items[i].text);
		while (left && a->items[i].text[left - 1] == ' ')
			left--;
		arrow += 2;
		while (*arrow == ' ')
			arrow++;
		snprintf(q->options[i].text, sizeof(q->options[i].text), "%.*s", (int)left, a->items[i].text);
		snprintf(q->options[i].right, sizeof(q->options[i].right), "%s", arrow);
		if (!q->options[i].text[0] || !q->options[i].right[0] || strstr(q->options[i].right, "->"))
			return -1;
	}
	q->option_count = a->count;
	return 0;
}

static int all_right(const struct gift_answers *a)
{
	size_t i;

	for (i = 0; i < a->count; i++)
		if (!a->items[i].right)
			return 0;
	return 1;
}

static int any_right(const struct gift_answers *a)
{
	size_t i;

	for (i = 0; i < a->count; i++)
		if (a->items[i].right)
			return 1;
	return 0;
}

/* A sentence with a blank: before [[...]] after. */
static int inline_write(struct exo_question *q, const char *before, const struct gift_answers *a, const char *after,
			int list)
{
	const char *values[EXO_MAX_OPTIONS + 1];
	int correct[EXO_MAX_OPTIONS + 1];
	struct buf b = BUF_INIT(EXO_TEXT_MAX);
	size_t i;
	int rc;

	for (i = 0; i < a->count; i++) {
		values[i] = a->items[i].text;
		correct[i] = a->items[i].right;
	}
	buf_adds(&b, before);
	if (*before)
		buf_adds(&b, *after ? " " : "\n\n");
	exo_blank_write(&b, values, correct, a->count, list);
	if (*after && !strchr(".,;:!?)", *after))
		buf_addc(&b, ' ');
	buf_adds(&b, after);
	rc = buf_failed(&b) || b.len > EXO_TEXT_MAX ? -1 : 0;
	if (rc == 0)
		snprintf(q->stem, sizeof(q->stem), "%s", buf_cstr(&b));
	buf_release(&b);
	q->kind = EXO_TEXT;
	return rc;
}

/* Fill `q` from the answers; returns NULL or the reason it cannot be converted. */
static const char *question_build(struct exo_question *q, const char *before, const char *inner, const char *inner_end,
				  const char *after, int html)
{
	struct gift_answers a;
	int truth, has_after = *after != '\0';

	if (!has_text(inner, inner_end))
		return "question à réponse libre (composition) : Ardoise ne corrige pas les textes libres";
	if (*inner == '#') {
		if (has_after || number_read(inner + 1, inner_end, q) < 0)
			return "question numérique avec intervalle, plusieurs réponses ou texte après la réponse : écrivez-la à la main avec « = nombre »";
		q->kind = EXO_NUMBER;
		snprintf(q->stem, sizeof(q->stem), "%s", before);
		return NULL;
	}
	truth = truth_value(inner, inner_end);
	if (truth >= 0) {
		static const int right_first[2] = { 0, 1 };

		memset(&a, 0, sizeof(a));
		a.count = 2;
		snprintf(a.items[0].text, sizeof(a.items[0].text), "Vrai");
		snprintf(a.items[1].text, sizeof(a.items[1].text), "Faux");
		a.items[0].right = right_first[truth];
		a.items[1].right = !right_first[truth];
	} else if (answers_read(inner, inner_end, html, &a) < 0) {
		return "réponses illisibles entre les accolades : chaque réponse commence par = ou ~ et n'est pas vide";
	}
	if (a.too_many)
		return "plus de 12 réponses : Ardoise en accepte 12 au plus par question";
	feedbacks_set(q, &a);
	if (a.count && all_right(&a) && strstr(a.items[0].text, "->")) {
		if (has_after)
			return "appariement au milieu d'une phrase : Ardoise ne le permet pas";
		if (a.count < 2 || pairs_read(&a, q) < 0)
			return "appariement incomplet : il faut au moins deux paires « gauche -> droite »";
		q->kind = EXO_MATCH;
		snprintf(q->stem, sizeof(q->stem), "%s", before);
		return NULL;
	}
	if (a.count == 0)
		return "aucune réponse entre les accolades";
	if (all_right(&a)) {
		if (a.count > EXO_MAX_ANSWERS)
			return "plus de 20 réponses acceptées";
		return inline_write(q, before, &a, after, 0) < 0 ? "texte à trous trop long (2 000 octets au plus)" : NULL;
	}
	if (has_after && (a.count < 2 || all_right(&a) || !any_right(&a)))
		return "liste déroulante sans deux choix dont un juste";
	if (has_after)
		return inline_write(q, before, &a, after, 1) < 0 ? "liste déroulante trop longue (2 000 octets au plus)" : NULL;
	q->kind = EXO_CHOICE;
	snprintf(q->stem, sizeof(q->stem), "%s", before);
	for (q->option_count = 0; q->option_count < a.count; q->option_count++) {
		snprintf(q->options[q->option_count].text, EXO_ITEM_MAX + 1, "%s", a.items[q->option_count].text);
		q->options[q->option_count].correct = a.items[q->option_count].right;
	}
	return a.count < 2 ? "question à choix avec une seule réponse" : NULL;
}

/* Read the title "::title::" and the format "[html]" at the start of a block. */
static const char *block_head(const char *p, const char *end, struct exo_question *q, int *html)
{
	const char *close;

	if (end - p > 2 && p[0] == ':' && p[1] == ':' && (close = memmem(p + 2, (size_t)(end - p - 2), "::", 2))) {
		gift_text(p + 2, (size_t)(close - p - 2), 0, q->title, sizeof(q->title));
		p = close + 2;
	}
	while (p < end && (*p == ' ' || *p == '\n'))
		p++;
	*html = end - p > 6 && strncmp(p, "[html]", 6) == 0;
	if (*html)
		p += 6;
	else if (end - p > 10 && strncmp(p, "[markdown]", 10) == 0)
		p += 10;
	else if (end - p > 7 && strncmp(p, "[plain]", 7) == 0)
		p += 7;
	return p;
}

/* Convert one question block of `len` bytes starting at source line `line`. */
static void block_read(struct exo_set *s, const char *p, size_t len, int line)
{
	const char *end = p + len, *open, *close, *reason;
	char before[EXO_TEXT_MAX + 1], after[EXO_TEXT_MAX + 1];
	struct exo_question *q = exo_question_add(s, line);
	int html;

	if (!q)
		return;
	p = block_head(p, end, q, &html);
	open = unescaped(p, end, '{');
	close = open ? unescaped(open + 1, end, '}') : NULL;
	if (!open || !close) {
		exo_question_drop(s);
		exo_report(s, line, "%s", open ? "accolade « { » jamais fermée : la question est ignorée"
					     : "texte sans réponses entre accolades (description) : ignoré");
		return;
	}
	if (gift_text(p, (size_t)(open - p), html, before, sizeof(before)) < 0 ||
	    gift_text(close + 1, (size_t)(end - close - 1), html, after, sizeof(after)) < 0) {
		exo_question_drop(s);
		exo_report(s, line, "énoncé trop long (2 000 octets au plus) ou qui n'est pas en UTF-8");
		return;
	}
	reason = question_build(q, before, open + 1, close, after, html);
	if (!reason)
		reason = exo_question_problem(q);
	if (reason) {
		exo_question_drop(s);
		exo_report(s, line, "question non convertie : %s", reason);
	}
}

int exo_read_gift(const char *data, size_t len, struct exo_set *s)
{
	const char *p = data, *end = data + len, *eol, *start = NULL;
	int line = 1, start_line = 0;

	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	if (!utf8_valid(p, (size_t)(end - p))) {
		exo_report(s, 0, "le fichier n'est pas en UTF-8 (ou contient un caractère nul) : enregistrez-le en UTF-8");
		return -1;
	}
	for (; p <= end; p = eol + 1, line++) {
		eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		if (has_text(p, eol) && !(eol - p >= 2 && p[0] == '/' && p[1] == '/')) {
			if (eol - p >= 10 && memcmp(p, "$CATEGORY:", 10) == 0 && !start)
				continue;
			if (!start) {
				start = p;
				start_line = line;
			}
			if ((size_t)(eol - start) > GIFT_BLOCK_MAX) {
				exo_report(s, start_line, "question trop longue : ignorée");
				start = NULL;
			}
			continue;
		}
		if (start && !has_text(p, eol)) {
			block_read(s, start, (size_t)(p - start), start_line);
			start = NULL;
		}
		if (eol == end)
			break;
	}
	if (start)
		block_read(s, start, (size_t)(end - start), start_line);
	if (s->count == 0)
		exo_report(s, 0, "aucune question convertie");
	return s->count ? 0 : -1;
}
