/*
 * Reading Moodle XML question exports: <quiz> with <question type="...">
 * of types multichoice, truefalse, shortanswer, numerical, matching,
 * gapselect and ordering. Other types are reported, with the line of
 * their <question> element.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "integ/exo.h"
#include "integ/exo_xml.h"

/* The text of <name><text>, or of <questiontext><text> (HTML). */
static int field_text(const xmlNode *q, const char *field, int html, char *out, size_t size)
{
	return exo_xml_text(exo_xml_child(exo_xml_child(q, field), "text"), html, out, size);
}

static double fraction_of(const xmlNode *answer)
{
	char text[32];

	exo_xml_attr(answer, "fraction", text, sizeof(text));
	return strtod(text, NULL);
}

static void feedback_read(const xmlNode *node, struct exo_question *q)
{
	char text[EXO_TEXT_MAX + 1];

	if (!q->feedback_right[0] && field_text(node, "correctfeedback", 1, text, sizeof(text)) == 0)
		snprintf(q->feedback_right, sizeof(q->feedback_right), "%s", text);
	if (!q->feedback_wrong[0] && field_text(node, "incorrectfeedback", 1, text, sizeof(text)) == 0)
		snprintf(q->feedback_wrong, sizeof(q->feedback_wrong), "%s", text);
	if (!q->feedback_wrong[0] && field_text(node, "generalfeedback", 1, text, sizeof(text)) == 0)
		snprintf(q->feedback_wrong, sizeof(q->feedback_wrong), "%s", text);
}

/* Answers as options: text and right when the fraction is positive. */
static const char *options_read(const xmlNode *node, struct exo_question *q, int right_needs_full)
{
	const xmlNode *a;

	for (a = exo_xml_child(node, "answer"); a; a = exo_xml_next(a, "answer")) {
		struct exo_option *o;

		if (q->option_count == EXO_MAX_OPTIONS)
			return "plus de 12 réponses : Ardoise en accepte 12 au plus par question";
		o = &q->options[q->option_count++];
		if (field_text(a, "feedback", 1, o->right, sizeof(o->right)) < 0 ||
		    exo_xml_text(exo_xml_child(a, "text"), 1, o->text, sizeof(o->text)) < 0)
			return "réponse trop longue (300 octets au plus)";
		o->correct = right_needs_full ? fraction_of(a) >= 99.9 : fraction_of(a) > 0;
		if (o->correct && o->right[0] && !q->feedback_right[0])
			snprintf(q->feedback_right, sizeof(q->feedback_right), "%s", o->right);
		else if (!o->correct && o->right[0] && !q->feedback_wrong[0])
			snprintf(q->feedback_wrong, sizeof(q->feedback_wrong), "%s", o->right);
		o->right[0] = '\0';
		if (!o->text[0])
			return "réponse vide";
	}
	return NULL;
}

static const char *choice_read(const xmlNode *node, struct exo_question *q)
{
	const char *reason = options_read(node, q, 0);
	size_t i, right = 0;

	if (reason)
		return reason;
	for (i = 0; i < q->option_count; i++)
		right += q->options[i].correct;
	if (q->option_count < 2 || right == 0)
		return "question à choix sans deux réponses dont une juste";
	q->kind = EXO_CHOICE;
	return NULL;
}

static const char *truefalse_read(const xmlNode *node, struct exo_question *q)
{
	const char *reason = choice_read(node, q);
	size_t i;

	for (i = 0; !reason && i < q->option_count; i++) {
		if (strcmp(q->options[i].text, "true") == 0)
			snprintf(q->options[i].text, sizeof(q->options[i].text), "Vrai");
		else if (strcmp(q->options[i].text, "false") == 0)
			snprintf(q->options[i].text, sizeof(q->options[i].text), "Faux");
	}
	return reason;
}

/* Short answer: the fully right answers become one blank. */
static const char *shortanswer_read(const xmlNode *node, struct exo_question *q)
{
	const char *values[EXO_MAX_OPTIONS];
	int correct[EXO_MAX_OPTIONS];
	struct buf b = BUF_INIT(EXO_TEXT_MAX);
	const char *reason = options_read(node, q, 1);
	size_t i, n = 0;

	if (reason)
		return reason;
	for (i = 0; i < q->option_count; i++)
		if (q->options[i].correct && !strchr(q->options[i].text, '*')) {
			correct[n] = 1;
			values[n++] = q->options[i].text;
		}
	if (n == 0)
		return "réponse courte sans réponse juste à 100 % (les jokers « * » ne sont pas repris)";
	buf_adds(&b, q->stem);
	buf_adds(&b, q->stem[0] ? "\n\n" : "");
	exo_blank_write(&b, values, correct, n, 0);
	if (buf_failed(&b) || b.len > EXO_TEXT_MAX) {
		buf_release(&b);
		return "énoncé trop long (2 000 octets au plus)";
	}
	snprintf(q->stem, sizeof(q->stem), "%s", buf_cstr(&b));
	buf_release(&b);
	q->option_count = 0;
	q->kind = EXO_TEXT;
	return NULL;
}

static const char *numerical_read(const xmlNode *node, struct exo_question *q)
{
	const xmlNode *a = exo_xml_child(node, "answer");
	char value[64], tolerance[64];

	if (!a || exo_xml_next(a, "answer"))
		return "question numérique avec plusieurs réponses : écrivez-la à la main avec « = nombre »";
	exo_xml_text(exo_xml_child(a, "text"), 0, value, sizeof(value));
	exo_xml_text(exo_xml_child(a, "tolerance"), 0, tolerance, sizeof(tolerance));
	if (exo_number_french(value, q->number, sizeof(q->number)) < 0)
		return "nombre illisible dans la réponse";
	if (tolerance[0] && strtod(tolerance, NULL) != 0 &&
	    (exo_number_french(tolerance, q->tolerance, sizeof(q->tolerance)) < 0 || q->tolerance[0] == '-'))
		return "tolérance illisible ou négative";
	if (exo_xml_child(node, "units") && exo_xml_child(exo_xml_child(node, "units"), "unit"))
		return "question numérique avec unités : écrivez-la à la main avec « = nombre unité »";
	q->kind = EXO_NUMBER;
	return NULL;
}

static const char *matching_read(const xmlNode *node, struct exo_question *q)
{
	const xmlNode *sub;
	size_t pairs, i;

	for (sub = exo_xml_child(node, "subquestion"); sub; sub = exo_xml_next(sub, "subquestion")) {
		struct exo_option *o;

		if (q->option_count == EXO_MAX_OPTIONS)
			return "plus de 12 paires : Ardoise en accepte 12 au plus";
		o = &q->options[q->option_count];
		if (exo_xml_text(exo_xml_child(sub, "text"), 1, o->text, sizeof(o->text)) < 0 ||
		    exo_xml_text(exo_xml_child(exo_xml_child(sub, "answer"), "text"), 0, o->right, sizeof(o->right)) < 0)
			return "élément trop long (300 octets au plus)";
		if (strchr(o->right, '\n') || strstr(o->right, "->"))
			return "élément de droite sur plusieurs lignes ou contenant « -> »";
		if (!o->text[0] && o->right[0]) {
			q->option_count++; /* a distractor on the right, written "-> text" */
			continue;
		}
		if (strstr(o->text, "->") || strchr(o->text, '\n') || strchr(o->right, '\n') || !o->right[0])
			return "élément d'appariement vide, sur plusieurs lignes ou contenant « -> »";
		q->option_count++;
	}
	/* Pairs first, then the distractors. */
	for (i = 0, pairs = 0; i < q->option_count; i++)
		if (q->options[i].text[0]) {
			struct exo_option pair = q->options[i];

			memmove(&q->options[pairs + 1], &q->options[pairs], (i - pairs) * sizeof(pair));
			q->options[pairs++] = pair;
		}
	if (pairs < 2)
		return "appariement avec moins de deux paires";
	q->kind = EXO_MATCH;
	return NULL;
}

static const char *ordering_read(const xmlNode *node, struct exo_question *q)
{
	const char *reason = options_read(node, q, 0);
	size_t i;

	if (reason)
		return reason;
	for (i = 0; i < q->option_count; i++)
		if (strchr(q->options[i].text, '\n'))
			return "élément à ordonner sur plusieurs lignes";
	if (q->option_count < 2)
		return "moins de deux éléments à ordonner";
	q->kind = EXO_ORDER;
	return NULL;
}

#define GAP_OPTIONS_MAX 40

struct gap_option {
	char text[EXO_ITEM_MAX + 1];
	int group;
};

/* Replace each [[k]] of the stem with a list of its group's options. */
static const char *gaps_write(struct exo_question *q, const struct gap_option *opts, size_t count)
{
	struct buf b = BUF_INIT(2 * EXO_TEXT_MAX);
	const char *p = q->stem, *values[EXO_MAX_OPTIONS];
	int correct[EXO_MAX_OPTIONS], gaps = 0;
	size_t i, n;
	char *end;
	long k;

	while (*p) {
		if (p[0] == '[' && p[1] == '[' && (k = strtol(p + 2, &end, 10)) >= 1 && (size_t)k <= count && end[0] == ']' && end[1] == ']') {
			for (i = 0, n = 0; i < count && n < EXO_MAX_OPTIONS; i++)
				if (opts[i].group == opts[k - 1].group) {
					correct[n] = i == (size_t)(k - 1);
					values[n++] = opts[i].text;
				}
			if (n < 2) {
				buf_release(&b);
				return "liste avec un seul choix dans son groupe";
			}
			exo_blank_write(&b, values, correct, n, 1);
			gaps++;
			p = end + 2;
		} else {
			buf_addc(&b, *p++);
		}
	}
	if (!gaps || buf_failed(&b) || b.len > EXO_TEXT_MAX) {
		buf_release(&b);
		return gaps ? "texte à trous trop long (2 000 octets au plus)" : "aucun trou [[n]] dans le texte";
	}
	snprintf(q->stem, sizeof(q->stem), "%s", buf_cstr(&b));
	buf_release(&b);
	q->kind = EXO_TEXT;
	return NULL;
}

static const char *gapselect_read(const xmlNode *node, struct exo_question *q)
{
	struct gap_option *opts = calloc(GAP_OPTIONS_MAX, sizeof(*opts));
	const xmlNode *o;
	const char *reason = NULL;
	char group[16];
	size_t count = 0;

	if (!opts)
		return "mémoire insuffisante";
	for (o = exo_xml_child(node, "selectoption"); o && !reason; o = exo_xml_next(o, "selectoption")) {
		if (count == GAP_OPTIONS_MAX)
			reason = "plus de 40 choix dans les listes";
		else if (exo_xml_text(exo_xml_child(o, "text"), 0, opts[count].text, sizeof(opts[count].text)) < 0 || !opts[count].text[0])
			reason = "choix vide ou trop long (300 octets au plus)";
		exo_xml_text(exo_xml_child(o, "group"), 0, group, sizeof(group));
		opts[count++].group = (int)strtol(group, NULL, 10);
	}
	if (!reason)
		reason = gaps_write(q, opts, count);
	free(opts);
	return reason;
}

static const struct {
	const char *type;
	const char *(*read)(const xmlNode *node, struct exo_question *q);
} readers[] = {
	{ "multichoice", choice_read }, { "truefalse", truefalse_read }, { "shortanswer", shortanswer_read },
	{ "numerical", numerical_read }, { "matching", matching_read }, { "gapselect", gapselect_read },
	{ "ordering", ordering_read },
};

static int type_known(const char *type)
{
	size_t i;

	for (i = 0; i < sizeof(readers) / sizeof(readers[0]); i++)
		if (strcmp(type, readers[i].type) == 0)
			return 1;
	return 0;
}

static const char *question_read(const xmlNode *node, const char *type, struct exo_question *q)
{
	size_t i;

	for (i = 0; i < sizeof(readers) / sizeof(readers[0]); i++)
		if (strcmp(type, readers[i].type) == 0)
			return readers[i].read(node, q);
	return "type inconnu";
}

static void one_question(struct exo_set *s, const xmlNode *node)
{
	char type[32];
	const char *reason;
	int line = (int)xmlGetLineNo(node);
	struct exo_question *q;

	exo_xml_attr(node, "type", type, sizeof(type));
	if (strcmp(type, "category") == 0)
		return;
	if (!type_known(type)) {
		exo_report(s, line, "question non convertie : le type Moodle « %.30s » n'existe pas dans Ardoise", type);
		return;
	}
	q = exo_question_add(s, line);
	if (!q)
		return;
	if (field_text(node, "name", 0, q->title, sizeof(q->title)) < 0 || field_text(node, "questiontext", 1, q->stem, sizeof(q->stem)) < 0) {
		exo_question_drop(s);
		exo_report(s, line, "question non convertie : titre ou énoncé trop long, ou pas en UTF-8");
		return;
	}
	feedback_read(node, q);
	reason = question_read(node, type, q);
	if (!reason)
		reason = exo_question_problem(q);
	if (reason) {
		exo_question_drop(s);
		exo_report(s, line, "question non convertie : %s", reason);
	}
}

int exo_read_moodle(const char *data, size_t len, struct exo_set *s)
{
	xmlDoc *doc = exo_xml_read(data, len);
	const xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL, *node;

	if (!root || strcmp((const char *)root->name, "quiz") != 0) {
		exo_report(s, 0, "%s", doc ? "ce fichier XML n'est pas un export de questions Moodle (élément <quiz> attendu)"
					   : "XML mal formé, avec une déclaration DOCTYPE, ou dans un codage inconnu");
		xmlFreeDoc(doc);
		return -1;
	}
	for (node = exo_xml_child(root, "question"); node; node = exo_xml_next(node, "question"))
		one_question(s, node);
	xmlFreeDoc(doc);
	if (s->count == 0)
		exo_report(s, 0, "aucune question convertie");
	return s->count ? 0 : -1;
}
