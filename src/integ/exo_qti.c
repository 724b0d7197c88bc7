/*
 * Reading QTI 2.1 items (assessmentItem) and packages (a zip with
 * imsmanifest.xml listing the items): choice, text entry, inline choice,
 * match and order interactions. An item becomes one question.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "integ/exo.h"
#include "integ/exo_xml.h"

#define QTI_VALUES_MAX 24

struct qti_response {
	char values[QTI_VALUES_MAX][EXO_ITEM_MAX + 1]; /* correct values, then mapped keys */
	size_t count;
};

static int is_element(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* The correct values (and positively mapped keys) of a response. */
static void response_read(const xmlNode *item, const char *identifier, struct qti_response *r)
{
	const xmlNode *d, *v;
	char id[128], value[16];

	memset(r, 0, sizeof(*r));
	for (d = exo_xml_child(item, "responseDeclaration"); d; d = exo_xml_next(d, "responseDeclaration")) {
		exo_xml_attr(d, "identifier", id, sizeof(id));
		if (strcmp(id, identifier) != 0)
			continue;
		for (v = exo_xml_child(exo_xml_child(d, "correctResponse"), "value"); v && r->count < QTI_VALUES_MAX; v = exo_xml_next(v, "value"))
			exo_xml_text(v, 0, r->values[r->count++], EXO_ITEM_MAX + 1);
		for (v = exo_xml_child(exo_xml_child(d, "mapping"), "mapEntry"); v && r->count < QTI_VALUES_MAX; v = exo_xml_next(v, "mapEntry")) {
			exo_xml_attr(v, "mappedValue", value, sizeof(value));
			if (strtod(value, NULL) > 0) {
				exo_xml_attr(v, "mapKey", r->values[r->count], EXO_ITEM_MAX + 1);
				r->count += r->values[r->count][0] != '\0';
			}
		}
	}
}

static int value_in(const struct qti_response *r, const char *value)
{
	size_t i;

	for (i = 0; i < r->count; i++)
		if (strcmp(r->values[i], value) == 0)
			return 1;
	return 0;
}

struct qti_walk {
	const xmlNode *item;
	struct buf stem;
	const xmlNode *block;     /* the one choice, match or order interaction */
	int blocks;
	int inlines;
	const char *problem;
};

static void text_blank(struct qti_walk *w, const xmlNode *n)
{
	struct qti_response r;
	const char *values[QTI_VALUES_MAX];
	int correct[QTI_VALUES_MAX];
	char id[128];
	size_t i, unique = 0;

	exo_xml_attr(n, "responseIdentifier", id, sizeof(id));
	response_read(w->item, id, &r);
	for (i = 0; i < r.count; i++) {
		size_t k;

		for (k = 0; k < unique && strcmp(values[k], r.values[i]) != 0; k++)
			;
		if (k == unique && r.values[i][0]) {
			correct[unique] = 1;
			values[unique++] = r.values[i];
		}
	}
	if (!unique)
		w->problem = "zone de saisie sans réponse juste";
	exo_blank_write(&w->stem, values, correct, unique, 0);
}

static void list_blank(struct qti_walk *w, const xmlNode *n)
{
	char texts[EXO_MAX_OPTIONS][EXO_ITEM_MAX + 1];
	struct qti_response r;
	const char *values[EXO_MAX_OPTIONS];
	int correct[EXO_MAX_OPTIONS], right = 0;
	char id[128];
	const xmlNode *c;
	size_t count = 0;

	exo_xml_attr(n, "responseIdentifier", id, sizeof(id));
	response_read(w->item, id, &r);
	for (c = exo_xml_child(n, "inlineChoice"); c; c = exo_xml_next(c, "inlineChoice")) {
		if (count == EXO_MAX_OPTIONS) {
			w->problem = "liste de plus de 12 choix";
			break;
		}
		exo_xml_attr(c, "identifier", id, sizeof(id));
		exo_xml_text(c, 0, texts[count], sizeof(texts[count]));
		correct[count] = value_in(&r, id);
		right += correct[count];
		values[count] = texts[count];
		count++;
	}
	if (count < 2 || !right)
		w->problem = "liste déroulante sans deux choix dont un juste";
	exo_blank_write(&w->stem, values, correct, count, 1);
}

/* Walk the item body: text, paragraphs, inline blanks; remember the block interaction. */
static void body_walk(struct qti_walk *w, const xmlNode *n)
{
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE) {
			const char *t = (const char *)n->content;

			for (; t && *t; t++)
				buf_addc(&w->stem, *t == '\n' || *t == '\r' || *t == '\t' ? ' ' : *t);
		} else if (is_element(n, "textEntryInteraction")) {
			w->inlines++;
			text_blank(w, n);
		} else if (is_element(n, "inlineChoiceInteraction")) {
			w->inlines++;
			list_blank(w, n);
		} else if (is_element(n, "choiceInteraction") || is_element(n, "orderInteraction") || is_element(n, "matchInteraction")) {
			w->blocks++;
			w->block = n;
			body_walk(w, exo_xml_child(n, "prompt") ? exo_xml_child(n, "prompt")->children : NULL);
			buf_adds(&w->stem, "\n\n");
		} else if (n->type == XML_ELEMENT_NODE && strstr((const char *)n->name, "Interaction")) {
			w->problem = "interaction QTI absente d'Ardoise";
		} else if (n->type == XML_ELEMENT_NODE) {
			if (is_element(n, "br"))
				buf_addc(&w->stem, '\n');
			body_walk(w, n->children);
			if (is_element(n, "p") || is_element(n, "div") || is_element(n, "li"))
				buf_adds(&w->stem, "\n\n");
		}
	}
}

/* Choices of a choice or order interaction, in the file's order. */
static const char *choices_read(const xmlNode *n, const struct qti_response *r, struct exo_question *q)
{
	const xmlNode *c;
	char id[128];

	for (c = exo_xml_child(n, "simpleChoice"); c; c = exo_xml_next(c, "simpleChoice")) {
		if (q->option_count == EXO_MAX_OPTIONS)
			return "plus de 12 choix : Ardoise en accepte 12 au plus";
		exo_xml_attr(c, "identifier", id, sizeof(id));
		snprintf(q->options[q->option_count].right, EXO_ITEM_MAX + 1, "%s", id);
		if (exo_xml_text(c, 1, q->options[q->option_count].text, EXO_ITEM_MAX + 1) < 0 || !q->options[q->option_count].text[0])
			return "choix vide ou trop long (300 octets au plus)";
		q->options[q->option_count].correct = value_in(r, id);
		q->option_count++;
	}
	return q->option_count < 2 ? "moins de deux choix" : NULL;
}

/* Put the options in the order of the correct response. */
static const char *order_apply(const struct qti_response *r, struct exo_question *q)
{
	struct exo_option sorted[EXO_MAX_OPTIONS];
	size_t i, k;

	if (r->count != q->option_count)
		return "ordre juste incomplet dans la réponse";
	for (i = 0; i < r->count; i++) {
		for (k = 0; k < q->option_count && strcmp(q->options[k].right, r->values[i]) != 0; k++)
			;
		if (k == q->option_count)
			return "ordre juste qui cite un élément inconnu";
		sorted[i] = q->options[k];
		sorted[i].right[0] = '\0';
	}
	memcpy(q->options, sorted, sizeof(sorted[0]) * r->count);
	q->kind = EXO_ORDER;
	return NULL;
}

/* The text of the associable choice `id` in either match set. */
static int match_text(const xmlNode *n, const char *id, char *out, size_t size)
{
	const xmlNode *set, *c;
	char cid[128];

	for (set = exo_xml_child(n, "simpleMatchSet"); set; set = exo_xml_next(set, "simpleMatchSet"))
		for (c = exo_xml_child(set, "simpleAssociableChoice"); c; c = exo_xml_next(c, "simpleAssociableChoice")) {
			exo_xml_attr(c, "identifier", cid, sizeof(cid));
			if (strcmp(cid, id) == 0)
				return exo_xml_text(c, 0, out, size) == 0 && out[0] ? 0 : -1;
		}
	return -1;
}

static const char *match_read(const xmlNode *n, const struct qti_response *r, struct exo_question *q)
{
	size_t i;

	for (i = 0; i < r->count; i++) {
		char left[128], right[128];
		struct exo_option *o;

		if (q->option_count == EXO_MAX_OPTIONS)
			return "plus de 12 paires";
		if (sscanf(r->values[i], "%127s %127s", left, right) != 2)
			return "paire juste illisible (deux identifiants attendus)";
		o = &q->options[q->option_count++];
		if (match_text(n, left, o->text, sizeof(o->text)) < 0 || match_text(n, right, o->right, sizeof(o->right)) < 0)
			return "paire juste qui cite un élément inconnu";
		if (strstr(o->text, "->") || strchr(o->text, '\n') || strchr(o->right, '\n'))
			return "élément d'appariement sur plusieurs lignes ou contenant « -> »";
	}
	if (q->option_count < 2)
		return "appariement avec moins de deux paires";
	q->kind = EXO_MATCH;
	return NULL;
}

static const char *block_read(const xmlNode *item, const xmlNode *n, struct exo_question *q)
{
	struct qti_response r;
	char id[128];
	const char *reason;
	size_t i, right = 0;

	exo_xml_attr(n, "responseIdentifier", id, sizeof(id));
	response_read(item, id, &r);
	if (is_element(n, "matchInteraction"))
		return match_read(n, &r, q);
	reason = choices_read(n, &r, q);
	if (reason)
		return reason;
	if (is_element(n, "orderInteraction"))
		return order_apply(&r, q);
	for (i = 0; i < q->option_count; i++)
		right += q->options[i].correct;
	if (!right)
		return "question à choix sans réponse juste";
	q->kind = EXO_CHOICE;
	return NULL;
}

static const char *item_build(const xmlNode *item, struct exo_question *q)
{
	struct qti_walk w = { .item = item, .stem = BUF_INIT(4 * EXO_TEXT_MAX) };
	const char *reason = NULL;

	exo_xml_attr(item, "title", q->title, sizeof(q->title));
	body_walk(&w, exo_xml_child(item, "itemBody") ? exo_xml_child(item, "itemBody")->children : NULL);
	if (w.problem)
		reason = w.problem;
	else if (w.blocks + (w.inlines > 0) != 1)
		reason = w.blocks + w.inlines ? "plusieurs sortes d'interactions dans un même item" : "item sans interaction";
	else if (buf_failed(&w.stem) || exo_text_plain(buf_cstr(&w.stem), w.stem.len, q->stem, sizeof(q->stem)) < 0)
		reason = "énoncé trop long (2 000 octets au plus) ou pas en UTF-8";
	else if (w.inlines)
		q->kind = EXO_TEXT;
	else
		reason = block_read(item, w.block, q);
	buf_release(&w.stem);
	return reason;
}

int exo_read_qti_item(const char *data, size_t len, const char *name, struct exo_set *s)
{
	xmlDoc *doc = exo_xml_read(data, len);
	const xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	struct exo_question *q;
	const char *reason;
	size_t before = s->count;

	if (!root || strcmp((const char *)root->name, "assessmentItem") != 0) {
		exo_report(s, 0, "%s : %s", name, doc ? "pas un item QTI (élément <assessmentItem> attendu)"
							: "XML mal formé, avec une déclaration DOCTYPE, ou dans un codage inconnu");
		xmlFreeDoc(doc);
		return -1;
	}
	q = exo_question_add(s, (int)xmlGetLineNo(root));
	if (q && ((reason = item_build(root, q)) || (reason = exo_question_problem(q)))) {
		exo_question_drop(s);
		exo_report(s, 0, "%s, ligne %ld : question non convertie : %s", name, xmlGetLineNo(root), reason);
	}
	xmlFreeDoc(doc);
	return s->count > before ? 0 : -1;
}
