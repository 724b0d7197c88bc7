/* The conjugation dictionary: verbiste's templates, compound tenses and
 * the index of every form. */
#include "tools/conjugation.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "tools/fold.h"

#define CONJ_MAX_WORD_BYTES 128

struct template {
	char *name;        /* "aim:er" */
	size_t ending_len; /* bytes after the colon, removed from the infinitive */
	/* Endings of each slot, alternatives joined by '|'; NULL when the
	 * verb has no form there. */
	char *endings[CONJ_SIMPLE_COUNT][CONJ_MAX_PERSONS];
};

struct verb {
	char *infinitive;
	const struct template *tpl;
	bool etre;
	bool elides; /* the infinitive starts with a vowel or a mute "h" */
};

/* One conjugated form in the index, sorted by folded text. */
struct form_entry {
	uint32_t text; /* offset of the folded form in `pool` */
	uint32_t verb;
	uint8_t tense;
	uint8_t person;
};

struct conjugation {
	struct template *templates;
	size_t template_count;
	struct verb *verbs;
	size_t verb_count;
	size_t avoir, etre; /* verb indices of the two auxiliaries */
	struct form_entry *forms;
	size_t form_count;
	char *pool;
	size_t pool_len, pool_cap;
};

static const int person_counts[CONJ_SIMPLE_COUNT] = { 1, 6, 6, 6, 6, 6, 6, 6, 3, 1, 4 };

/* Verbs whose compound tenses take "être" in their usual, intransitive
 * sense ("elle est montée"); pronominal uses are not in verbiste. */
static const char *const etre_verbs[] = {
	"aller", "arriver", "advenir", "apparaître", "décéder", "descendre", "devenir", "échoir", "entrer",
	"intervenir", "monter", "mourir", "naître", "partir", "parvenir", "provenir", "redescendre",
	"redevenir", "remonter", "renaître", "rentrer", "repartir", "ressortir", "rester", "retomber",
	"retourner", "revenir", "sortir", "survenir", "tomber", "venir",
};

/* The XML element of each simple tense, under its mood element. */
static const struct {
	const char *mood, *tense;
} tense_elements[CONJ_SIMPLE_COUNT] = {
	{ "infinitive", "infinitive-present" }, { "indicative", "present" },
	{ "indicative", "imperfect" },          { "indicative", "future" },
	{ "indicative", "simple-past" },        { "conditional", "present" },
	{ "subjunctive", "present" },           { "subjunctive", "imperfect" },
	{ "imperative", "imperative-present" }, { "participle", "present-participle" },
	{ "participle", "past-participle" },
};

static bool name_is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* Join the <i> texts of one <p> with '|'; NULL when there are none. */
static char *person_endings(const xmlNode *p)
{
	struct buf b = BUF_INIT(1024);
	const xmlNode *i;

	for (i = p->children; i; i = i->next) {
		xmlChar *text;

		if (!name_is(i, "i"))
			continue;
		text = xmlNodeGetContent(i);
		if (b.len)
			buf_addc(&b, '|');
		buf_adds(&b, text ? (const char *)text : "");
		xmlFree(text);
	}
	if (b.len == 0 && !b.failed) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

static int template_tense(struct template *t, enum conj_tense tense, const xmlNode *node)
{
	const xmlNode *p;
	int k = 0;

	for (p = node->children; p && k < CONJ_MAX_PERSONS; p = p->next) {
		if (!name_is(p, "p"))
			continue;
		t->endings[tense][k] = person_endings(p);
		k++;
	}
	return 0;
}

static int template_parse(struct template *t, const xmlNode *node)
{
	xmlChar *name = xmlGetProp(node, (const xmlChar *)"name");
	const xmlNode *mood, *tense;
	const char *colon;
	int k;

	if (!name)
		return -1;
	t->name = strdup((const char *)name);
	xmlFree(name);
	if (!t->name || !(colon = strchr(t->name, ':')))
		return -1;
	t->ending_len = strlen(colon + 1);
	for (mood = node->children; mood; mood = mood->next)
		for (tense = mood->type == XML_ELEMENT_NODE ? mood->children : NULL; tense; tense = tense->next)
			for (k = 0; k < CONJ_SIMPLE_COUNT; k++)
				if (name_is(mood, tense_elements[k].mood) && name_is(tense, tense_elements[k].tense))
					template_tense(t, (enum conj_tense)k, tense);
	return 0;
}

static int template_compare(const void *a, const void *b)
{
	return strcmp(((const struct template *)a)->name, ((const struct template *)b)->name);
}

static xmlDoc *xml_load(const char *dir, const char *file, char *err, size_t err_size)
{
	char path[4096];
	xmlDoc *doc;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc)
		snprintf(err, err_size, "le fichier de conjugaison « %s » est absent ou illisible : installez le paquet verbiste", path);
	return doc;
}

static int templates_load(struct conjugation *c, const char *dir, char *err, size_t err_size)
{
	xmlDoc *doc = xml_load(dir, "conjugation-fr.xml", err, err_size);
	const xmlNode *n;
	size_t count = 0;

	if (!doc)
		return -1;
	for (n = xmlDocGetRootElement(doc)->children; n; n = n->next)
		count += name_is(n, "template");
	c->templates = calloc(count ? count : 1, sizeof(*c->templates));
	for (n = xmlDocGetRootElement(doc)->children; c->templates && n; n = n->next)
		if (name_is(n, "template") && template_parse(&c->templates[c->template_count++], n) < 0)
			break;
	xmlFreeDoc(doc);
	if (!c->templates || c->template_count != count) {
		snprintf(err, err_size, "le fichier conjugation-fr.xml de verbiste est invalide");
		return -1;
	}
	qsort(c->templates, c->template_count, sizeof(*c->templates), template_compare);
	return 0;
}

static const struct template *template_find(const struct conjugation *c, const char *name)
{
	struct template key = { .name = (char *)name };

	return bsearch(&key, c->templates, c->template_count, sizeof(key), template_compare);
}

static bool in_etre_list(const char *infinitive)
{
	size_t i;

	for (i = 0; i < sizeof(etre_verbs) / sizeof(etre_verbs[0]); i++)
		if (strcmp(etre_verbs[i], infinitive) == 0)
			return true;
	return false;
}

/* Fill one verb from its <v> element; false when it is unusable (its
 * template is unknown or does not fit the infinitive). */
static bool verb_parse(struct conjugation *c, struct verb *v, const xmlNode *node)
{
	xmlChar *inf = NULL, *tpl = NULL;
	char folded[CONJ_MAX_WORD_BYTES];
	bool aspirate = false, ok;
	const xmlNode *n;

	for (n = node->children; n; n = n->next) {
		if (name_is(n, "i") && !inf)
			inf = xmlNodeGetContent(n);
		else if (name_is(n, "t") && !tpl)
			tpl = xmlNodeGetContent(n);
		else if (name_is(n, "aspirate-h"))
			aspirate = true;
	}
	v->tpl = tpl ? template_find(c, (const char *)tpl) : NULL;
	ok = inf && v->tpl && strlen((const char *)inf) >= v->tpl->ending_len &&
	     strlen((const char *)inf) < CONJ_MAX_WORD_BYTES / 2;
	if (ok) {
		v->infinitive = strdup((const char *)inf);
		ok = v->infinitive != NULL;
	}
	if (ok) {
		tool_fold(v->infinitive, strlen(v->infinitive), folded, sizeof(folded));
		v->elides = strchr("aeiouy", folded[0]) || (folded[0] == 'h' && !aspirate);
		v->etre = in_etre_list(v->infinitive);
	}
	xmlFree(inf);
	xmlFree(tpl);
	return ok;
}

static int verbs_load(struct conjugation *c, const char *dir, char *err, size_t err_size)
{
	xmlDoc *doc = xml_load(dir, "verbs-fr.xml", err, err_size);
	const xmlNode *n;
	size_t count = 0;

	if (!doc)
		return -1;
	for (n = xmlDocGetRootElement(doc)->children; n; n = n->next)
		count += name_is(n, "v");
	c->verbs = calloc(count ? count : 1, sizeof(*c->verbs));
	for (n = xmlDocGetRootElement(doc)->children; c->verbs && n; n = n->next)
		if (name_is(n, "v") && verb_parse(c, &c->verbs[c->verb_count], n))
			c->verb_count++;
	xmlFreeDoc(doc);
	if (!c->verbs || c->verb_count == 0) {
		snprintf(err, err_size, "le fichier verbs-fr.xml de verbiste ne contient aucun verbe utilisable");
		return -1;
	}
	return 0;
}

static long pool_add(struct conjugation *c, const char *s)
{
	size_t n = strlen(s) + 1;
	long at;

	if (c->pool_len + n > c->pool_cap) {
		size_t cap = c->pool_cap ? c->pool_cap * 2 : 1 << 20;
		char *p = realloc(c->pool, cap);

		if (!p)
			return -1;
		c->pool = p;
		c->pool_cap = cap;
	}
	at = (long)c->pool_len;
	memcpy(c->pool + at, s, n);
	c->pool_len += n;
	return at;
}

static int form_add(struct conjugation *c, size_t *cap, size_t verb, int tense, int person, const char *form)
{
	char folded[CONJ_MAX_WORD_BYTES];
	long at;

	if (c->form_count == *cap) {
		size_t n = *cap ? *cap * 2 : 65536;
		struct form_entry *f = realloc(c->forms, n * sizeof(*f));

		if (!f)
			return -1;
		c->forms = f;
		*cap = n;
	}
	tool_fold(form, strlen(form), folded, sizeof(folded));
	at = pool_add(c, folded);
	if (at < 0)
		return -1;
	c->forms[c->form_count++] = (struct form_entry){ (uint32_t)at, (uint32_t)verb, (uint8_t)tense, (uint8_t)person };
	return 0;
}

/* Add every simple form of one verb to the index. */
static int verb_index(struct conjugation *c, size_t *cap, size_t verb)
{
	const struct verb *v = &c->verbs[verb];
	size_t stem = strlen(v->infinitive) - v->tpl->ending_len;
	char form[CONJ_MAX_WORD_BYTES];
	int t, p;

	for (t = 0; t < CONJ_SIMPLE_COUNT; t++)
		for (p = 0; p < person_counts[t]; p++) {
			const char *e = v->tpl->endings[t][p];

			while (e) {
				const char *bar = strchr(e, '|');
				size_t n = bar ? (size_t)(bar - e) : strlen(e);

				snprintf(form, sizeof(form), "%.*s%.*s", (int)stem, v->infinitive, (int)n, e);
				if (form_add(c, cap, verb, t, p, form) < 0)
					return -1;
				e = bar ? bar + 1 : NULL;
			}
		}
	return 0;
}

static const struct conjugation *sort_target;

static int form_compare(const void *a, const void *b)
{
	const struct form_entry *x = a, *y = b;
	int d = strcmp(sort_target->pool + x->text, sort_target->pool + y->text);

	if (d)
		return d;
	if (x->verb != y->verb)
		return x->verb < y->verb ? -1 : 1;
	return x->tense != y->tense ? x->tense - y->tense : x->person - y->person;
}

static int index_build(struct conjugation *c)
{
	static pthread_mutex_t sort_lock = PTHREAD_MUTEX_INITIALIZER;
	size_t cap = 0, v;

	for (v = 0; v < c->verb_count; v++)
		if (verb_index(c, &cap, v) < 0)
			return -1;
	/* qsort has no context argument in C11, so the pool is passed
	 * through a static guarded by a lock. */
	pthread_mutex_lock(&sort_lock);
	sort_target = c;
	qsort(c->forms, c->form_count, sizeof(*c->forms), form_compare);
	pthread_mutex_unlock(&sort_lock);
	return 0;
}

static size_t verb_lookup(const struct conjugation *c, const char *infinitive)
{
	size_t i;

	for (i = 0; i < c->verb_count; i++)
		if (strcmp(c->verbs[i].infinitive, infinitive) == 0)
			return i;
	return SIZE_MAX;
}

struct conjugation *conjugation_open(const char *dir, char *err, size_t err_size)
{
	struct conjugation *c = calloc(1, sizeof(*c));

	if (!c) {
		snprintf(err, err_size, "mémoire insuffisante");
		return NULL;
	}
	if (!dir)
		dir = CONJ_DEFAULT_DIR;
	if (templates_load(c, dir, err, err_size) < 0 || verbs_load(c, dir, err, err_size) < 0)
		goto fail;
	c->avoir = verb_lookup(c, "avoir");
	c->etre = verb_lookup(c, "être");
	if (c->avoir == SIZE_MAX || c->etre == SIZE_MAX) {
		snprintf(err, err_size, "les verbes « avoir » et « être » manquent dans les données de verbiste");
		goto fail;
	}
	if (index_build(c) < 0) {
		snprintf(err, err_size, "mémoire insuffisante pour l'index des formes conjuguées");
		goto fail;
	}
	return c;
fail:
	conjugation_free(c);
	return NULL;
}

void conjugation_free(struct conjugation *c)
{
	size_t i;
	int t, p;

	if (!c)
		return;
	for (i = 0; i < c->template_count; i++) {
		free(c->templates[i].name);
		for (t = 0; t < CONJ_SIMPLE_COUNT; t++)
			for (p = 0; p < CONJ_MAX_PERSONS; p++)
				free(c->templates[i].endings[t][p]);
	}
	free(c->templates);
	for (i = 0; i < c->verb_count; i++)
		free(c->verbs[i].infinitive);
	free(c->verbs);
	free(c->forms);
	free(c->pool);
	free(c);
}

static struct conjugation *shared;
static pthread_once_t shared_once = PTHREAD_ONCE_INIT;

static void shared_load(void)
{
	char err[512];

	shared = conjugation_open(NULL, err, sizeof(err));
	if (!shared)
		log_error("conjugation dictionary unavailable error=\"%s\"", err);
	else
		log_info("conjugation dictionary loaded verbs=%zu forms=%zu", shared->verb_count, shared->form_count);
}

const struct conjugation *conjugation_shared(void)
{
	pthread_once(&shared_once, shared_load);
	return shared;
}

size_t conjugation_verb_count(const struct conjugation *c)
{
	return c->verb_count;
}

const char *conjugation_infinitive(const struct conjugation *c, size_t verb)
{
	return verb < c->verb_count ? c->verbs[verb].infinitive : NULL;
}

bool conjugation_uses_etre(const struct conjugation *c, size_t verb)
{
	return verb < c->verb_count && c->verbs[verb].etre;
}

bool conjugation_elides(const struct conjugation *c, size_t verb, const char *form)
{
	char folded[CONJ_MAX_WORD_BYTES];

	tool_fold(form, strlen(form), folded, sizeof(folded));
	if (folded[0] == 'h')
		return verb < c->verb_count && c->verbs[verb].elides;
	return folded[0] && strchr("aeiouy", folded[0]);
}

/* Index of the first form whose folded text is `folded`, or form_count. */
static size_t form_lower_bound(const struct conjugation *c, const char *folded)
{
	size_t lo = 0, hi = c->form_count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(c->pool + c->forms[mid].text, folded) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t conjugation_find(const struct conjugation *c, const char *word, struct conj_match *out, size_t max)
{
	char folded[CONJ_MAX_WORD_BYTES];
	size_t i, n = 0;

	if (tool_fold(word, strlen(word), folded, sizeof(folded)) < 0 || !folded[0])
		return 0;
	for (i = form_lower_bound(c, folded); i < c->form_count && n < max; i++) {
		const struct form_entry *f = &c->forms[i];

		if (strcmp(c->pool + f->text, folded) != 0)
			break;
		if (n > 0 && out[n - 1].verb == f->verb)
			continue; /* the same verb: keep its first tense */
		out[n++] = (struct conj_match){ f->verb, (enum conj_tense)f->tense, f->person };
	}
	return n;
}

int conjugation_simple(const struct conjugation *c, size_t verb, enum conj_tense tense, int person,
		       char *out, size_t size)
{
	const struct verb *v;
	const char *e;
	struct buf b = BUF_INIT(size);
	size_t stem;

	out[0] = '\0';
	if (verb >= c->verb_count || tense >= CONJ_SIMPLE_COUNT || person < 0 || person >= person_counts[tense])
		return -1;
	v = &c->verbs[verb];
	e = v->tpl->endings[tense][person];
	if (!e)
		return -1;
	stem = strlen(v->infinitive) - v->tpl->ending_len;
	while (e) {
		const char *bar = strchr(e, '|');

		if (b.len)
			buf_adds(&b, " ou ");
		buf_add(&b, v->infinitive, stem);
		buf_add(&b, e, bar ? (size_t)(bar - e) : strlen(e));
		e = bar ? bar + 1 : NULL;
	}
	if (b.failed || b.len >= size) {
		buf_release(&b);
		return -1;
	}
	memcpy(out, buf_cstr(&b), b.len + 1);
	buf_release(&b);
	return 0;
}

static const enum conj_tense auxiliary_tense[CONJ_COMPOUND_COUNT] = {
	CONJ_IND_PRESENT, CONJ_IND_IMPERFECT, CONJ_IND_SIMPLE_PAST, CONJ_IND_FUTURE,
	CONJ_COND_PRESENT, CONJ_SUBJ_PRESENT, CONJ_SUBJ_IMPERFECT, CONJ_IMPERATIVE,
	CONJ_INFINITIVE, CONJ_PRESENT_PARTICIPLE,
};

int conjugation_compound(const struct conjugation *c, size_t verb, enum conj_compound tense, int person,
			 char *out, size_t size)
{
	char aux[64], participle[CONJ_MAX_WORD_BYTES];
	bool etre, plural;
	int written;

	out[0] = '\0';
	if (verb >= c->verb_count || tense >= CONJ_COMPOUND_COUNT)
		return -1;
	etre = c->verbs[verb].etre;
	if (conjugation_simple(c, etre ? c->etre : c->avoir, auxiliary_tense[tense], person, aux, sizeof(aux)) < 0 ||
	    conjugation_simple(c, verb, CONJ_PAST_PARTICIPLE, 0, participle, sizeof(participle)) < 0)
		return -1;
	/* With "être" the participle agrees with the subject; the table
	 * shows both genders, as school conjugation tables do. */
	plural = tense == CONJ_IMPERATIVE_PASSE ? person > 0 : person >= 3;
	written = snprintf(out, size, "%s %s%s", aux, participle, !etre ? "" : plural ? "(e)s" : "(e)");
	if (written < 0 || (size_t)written >= size) {
		out[0] = '\0';
		return -1;
	}
	return 0;
}

int conjugation_person_count(enum conj_tense tense)
{
	return tense < CONJ_SIMPLE_COUNT ? person_counts[tense] : 0;
}

const char *conjugation_pronoun(int person, bool elided)
{
	static const char *const pronouns[CONJ_MAX_PERSONS] = { "je", "tu", "il, elle, on", "nous", "vous", "ils, elles" };

	if (person == 0 && elided)
		return "j'";
	return person >= 0 && person < CONJ_MAX_PERSONS ? pronouns[person] : "";
}

const char *conjugation_tense_name(enum conj_tense tense)
{
	static const char *const names[CONJ_SIMPLE_COUNT] = {
		"infinitif présent", "présent", "imparfait", "futur simple", "passé simple",
		"conditionnel présent", "subjonctif présent", "subjonctif imparfait",
		"impératif présent", "participe présent", "participe passé",
	};

	return tense < CONJ_SIMPLE_COUNT ? names[tense] : "?";
}

const char *conjugation_compound_name(enum conj_compound tense)
{
	static const char *const names[CONJ_COMPOUND_COUNT] = {
		"passé composé", "plus-que-parfait", "passé antérieur", "futur antérieur",
		"conditionnel passé", "subjonctif passé", "subjonctif plus-que-parfait", "impératif passé",
		"infinitif passé", "participe passé composé",
	};

	return tense < CONJ_COMPOUND_COUNT ? names[tense] : "?";
}
