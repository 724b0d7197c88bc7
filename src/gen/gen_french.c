/* The French generators: conjugation (from verbiste's data), homophones
 * (sentences written for Ardoise) and dictations with blanks (short
 * public-domain texts, sources below). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen/gen_internal.h"
#include "tools/conjugation.h"

#define HTML_MAX 2048

/* ---- conjugation ---- */

/* Verbs by difficulty: common first-group verbs, être and avoir first;
 * then the irregular verbs children meet most. Difficulty 3 also draws
 * any verb of the dictionary. */
static const char *const easy_verbs[] = {
	"être", "avoir", "chanter", "jouer", "parler", "manger", "aimer", "regarder", "danser", "marcher",
};
static const char *const common_verbs[] = {
	"être", "avoir", "aller", "faire", "dire", "venir", "prendre", "pouvoir", "voir", "vouloir", "partir",
	"mettre", "finir", "choisir", "grandir", "chanter", "jouer", "lancer", "manger", "appeler",
};

enum cycle3_tense {
	TENSE_PRESENT,
	TENSE_IMPARFAIT,
	TENSE_FUTUR,
	TENSE_PASSE_COMPOSE,
	TENSE_PASSE_SIMPLE,
	TENSE_COUNT,
};

static const char *const tense_variants[TENSE_COUNT] = { "present", "imparfait", "futur", "passe-compose", "passe-simple" };
/* Each tense with its preposition: "au présent", "à l'imparfait". */
static const char *const tense_names[TENSE_COUNT] = { "au présent", "à l'imparfait", "au futur", "au passé composé", "au passé simple" };

static size_t verb_draw(struct gen_ctx *g, const struct conjugation *c)
{
	struct conj_match m[CONJ_MAX_MATCHES];
	const char *name;
	size_t n, i;

	if (g->difficulty == 3 && rng_range(&g->rng, 0, 1))
		return rng_index(&g->rng, conjugation_verb_count(c));
	name = g->difficulty == 1 ? easy_verbs[rng_index(&g->rng, sizeof(easy_verbs) / sizeof(easy_verbs[0]))]
				  : common_verbs[rng_index(&g->rng, sizeof(common_verbs) / sizeof(common_verbs[0]))];
	n = conjugation_find(c, name, m, CONJ_MAX_MATCHES);
	for (i = 0; i < n; i++)
		if (strcmp(conjugation_infinitive(c, m[i].verb), name) == 0)
			return m[i].verb;
	return 0;
}

static int tense_draw(struct gen_ctx *g)
{
	int t;

	for (t = 0; t < TENSE_COUNT; t++)
		if (strcmp(g->variant, tense_variants[t]) == 0)
			return t;
	/* cycle3: each difficulty adds a tense, from 3 tenses at difficulty 1. */
	return (int)rng_range(&g->rng, 0, g->difficulty + 1);
}

/* Replace " ou " between alternatives with "|". */
static void alternatives(const char *form, char *out, size_t size)
{
	size_t k = 0;

	while (*form && k + 1 < size) {
		if (strncmp(form, " ou ", 4) == 0) {
			out[k++] = '|';
			form += 4;
		} else {
			out[k++] = *form++;
		}
	}
	out[k] = '\0';
}

/* The passé composé with the agreement of "être": "allé(e)s" becomes
 * "allés" or "allées", as the gender of the pronoun requires. */
static void compound_accepted(const char *form, bool feminine_allowed, bool masculine_allowed, char *out, size_t size)
{
	const char *mark = strstr(form, "(e)");
	int stem;

	if (!mark) {
		snprintf(out, size, "%s", form);
		return;
	}
	stem = (int)(mark - form);
	if (feminine_allowed && masculine_allowed)
		snprintf(out, size, "%.*s%s|%.*se%s", stem, form, mark + 3, stem, form, mark + 3);
	else if (feminine_allowed)
		snprintf(out, size, "%.*se%s", stem, form, mark + 3);
	else
		snprintf(out, size, "%.*s%s", stem, form, mark + 3);
}

int gen_conjugation(struct gen_ctx *g, int index)
{
	static const enum conj_tense simple[] = { CONJ_IND_PRESENT, CONJ_IND_IMPERFECT, CONJ_IND_FUTURE, 0, CONJ_IND_SIMPLE_PAST };
	const struct conjugation *c = conjugation_shared();
	char form[256], accepted[512], prompt[HTML_MAX], explain[HTML_MAX], before[64];
	const char *pieces[2], *answers[1], *pronoun;
	size_t verb;
	int tense, person, rc;
	bool feminine;

	if (!c) {
		snprintf(g->err, g->err_size, "le dictionnaire de conjugaison (paquet verbiste) n'est pas installé");
		return -1;
	}
	verb = verb_draw(g, c);
	tense = tense_draw(g);
	/* The passé simple is learnt at the third persons in cycle 3. */
	person = tense == TENSE_PASSE_SIMPLE ? (rng_range(&g->rng, 0, 1) ? 5 : 2) : (int)rng_range(&g->rng, 0, 5);
	rc = tense == TENSE_PASSE_COMPOSE ? conjugation_compound(c, verb, CONJ_PASSE_COMPOSE, person, form, sizeof(form))
					  : conjugation_simple(c, verb, simple[tense], person, form, sizeof(form));
	if (rc < 0) { /* a defective verb: "falloir" has only "il" */
		person = 2;
		rc = tense == TENSE_PASSE_COMPOSE ? conjugation_compound(c, verb, CONJ_PASSE_COMPOSE, person, form, sizeof(form))
						  : conjugation_simple(c, verb, simple[tense], person, form, sizeof(form));
	}
	if (rc < 0)
		return gen_conjugation(g, index);
	feminine = rng_range(&g->rng, 0, 1) == 1;
	if (person == 2)
		pronoun = feminine ? "elle" : "il";
	else if (person == 5)
		pronoun = feminine ? "elles" : "ils";
	else
		pronoun = conjugation_pronoun(person, false);
	if (person == 0 && conjugation_elides(c, verb, form))
		pronoun = "j'";
	snprintf(before, sizeof(before), "%s%s", pronoun, strcmp(pronoun, "j'") == 0 ? "" : " ");
	alternatives(form, accepted, sizeof(accepted));
	if (tense == TENSE_PASSE_COMPOSE) {
		char base[512];

		snprintf(base, sizeof(base), "%s", accepted);
		compound_accepted(base, person == 2 || person == 5 ? feminine : true, person == 2 || person == 5 ? !feminine : true,
				  accepted, sizeof(accepted));
	}
	snprintf(prompt, sizeof(prompt), "<p>Conjugue le verbe <strong>%s</strong> %s.</p>",
		 conjugation_infinitive(c, verb), tense_names[tense]);
	snprintf(explain, sizeof(explain), "<p>%s%s. <a href=\"/outils/conjugaison?q=%s\">Voir toute la conjugaison de %s</a></p>",
		 before, strchr(accepted, '|') ? form : accepted, conjugation_infinitive(c, verb), conjugation_infinitive(c, verb));
	pieces[0] = before;
	pieces[1] = "";
	answers[0] = accepted;
	return gen_cloze(g, prompt, pieces, answers, 1, NULL, explain);
}

/* ---- homophones ---- */

struct homophone_pair {
	const char *words[2];
	const char *rule;
	const char *sentences[8]; /* "_" marks the blank; the answer follows "=" */
};

/* Sentences written for Ardoise. */
static const struct homophone_pair pairs[] = {
	{ { "a", "à" }, "« a » est le verbe avoir : on peut dire « avait ». « à » ne change pas.",
	  { "Léa _ un chat noir.=a", "Nous allons _ la piscine.=à", "Il _ perdu son crayon.=a", "Elle pense _ ses vacances.=à",
	    "Mon frère _ dix ans.=a", "Le train part _ midi.=à", "Tom _ fini ses devoirs.=a", "J'offre une fleur _ ma mère.=à" } },
	{ { "et", "est" }, "« est » est le verbe être : on peut dire « était ». « et » relie deux mots : on peut dire « et puis ».",
	  { "Le ciel _ bleu.=est", "Paul _ Inès jouent au ballon.=et", "Ma soupe _ trop chaude.=est",
	    "J'aime les pommes _ les poires.=et", "Le chien _ dans le jardin.=est", "Il court _ il saute.=et",
	    "Cette histoire _ drôle.=est", "Prends ton sac _ ton manteau.=et" } },
	{ { "son", "sont" }, "« sont » est le verbe être : on peut dire « étaient ». « son » est un déterminant : on peut dire « mon ».",
	  { "Les enfants _ dans la cour.=sont", "Nina range _ cartable.=son", "Ils _ partis en forêt.=sont",
	    "Le chat boit _ lait.=son", "Les fleurs _ jolies.=sont", "Le roi a perdu _ trésor.=son",
	    "Mes amis _ en retard.=sont", "Il lave _ vélo.=son" } },
	{ { "on", "ont" }, "« ont » est le verbe avoir : on peut dire « avaient ». « on » est un pronom : on peut dire « il ».",
	  { "Mes cousins _ un grand jardin.=ont", "_ joue aux billes.=On", "Les oiseaux _ construit un nid.=ont",
	    "Demain, _ ira au musée.=on", "Ils _ faim.=ont", "_ entend la pluie tomber.=On", "Les élèves _ bien travaillé.=ont",
	    "Quand _ lit, _ apprend.=on" } },
	{ { "ce", "se" }, "« se » est devant un verbe : on peut dire « me » (je me lave). « ce » est devant un nom : on peut dire « ce… -là ».",
	  { "Le chat _ cache sous le lit.=se", "J'aime _ livre.=ce", "Ils _ parlent tous les jours.=se",
	    "_ matin, il pleut.=Ce", "Elle _ lève tôt.=se", "Regarde _ beau papillon !=ce", "Les enfants _ lavent les mains.=se",
	    "_ gâteau est délicieux.=Ce" } },
	{ { "ces", "ses" }, "« ses » veut dire « les siens, les siennes » : on peut dire « les … de lui ». « ces » montre : on peut dire « ces … -là ».",
	  { "Julie range _ jouets dans sa chambre.=ses", "Regarde _ nuages gris !=ces", "Il a oublié _ lunettes.=ses",
	    "_ chaussures sont trop petites pour moi.=Ces", "Le chat lèche _ pattes.=ses", "Qui a dessiné _ maisons ?=ces",
	    "Paul invite _ amis.=ses", "J'ai cueilli _ fleurs ce matin.=ces" } },
};

/* Cut a sentence "Léa _ un chat.=a" into its pieces and answer. */
static void sentence_split(const char *sentence, char *before, char *after, char *answer, size_t size)
{
	const char *blank = strchr(sentence, '_'), *eq = strrchr(sentence, '=');

	snprintf(before, size, "%.*s", (int)(blank - sentence), sentence);
	snprintf(after, size, "%.*s", (int)(eq - blank - 1), blank + 1);
	snprintf(answer, size, "%s", eq + 1);
}

int gen_homophone(struct gen_ctx *g, int index)
{
	const struct homophone_pair *p = &pairs[rng_index(&g->rng, sizeof(pairs) / sizeof(pairs[0]))];
	const char *sentence = p->sentences[rng_index(&g->rng, 8)];
	char before[256], after[256], answer[32], explain[HTML_MAX], menu_upper[2][16];
	const char *pieces[2], *answers[1], *menu[3];
	struct buf b1 = BUF_INIT(1024), b2 = BUF_INIT(1024);
	int rc;

	sentence_split(sentence, before, after, answer, sizeof(before));
	/* At the start of a sentence the choices take a capital letter. */
	if (before[0] == '\0') {
		snprintf(menu_upper[0], sizeof(menu_upper[0]), "%c%s", p->words[0][0] - 'a' + 'A', p->words[0] + 1);
		snprintf(menu_upper[1], sizeof(menu_upper[1]), "%c%s", p->words[1][0] - 'a' + 'A', p->words[1] + 1);
		menu[0] = menu_upper[0];
		menu[1] = menu_upper[1];
	} else {
		menu[0] = p->words[0];
		menu[1] = p->words[1];
	}
	menu[2] = NULL;
	buf_html(&b1, "%s", before);
	buf_html(&b2, "%s", after);
	pieces[0] = buf_cstr(&b1);
	pieces[1] = buf_cstr(&b2);
	answers[0] = answer;
	snprintf(explain, sizeof(explain), "<p>%s</p>", p->rule);
	rc = gen_cloze(g, "<p>Choisis le mot qui convient.</p>", pieces, answers, 1, menu, explain);
	buf_release(&b1);
	buf_release(&b2);
	return rc;
}

/* ---- dictation with blanks ---- */

struct dictation_text {
	const char *source;
	const char *lines[6];
};

/* Public-domain texts. Jean de La Fontaine died in 1695 and Victor Hugo
 * in 1885; the lines follow the usual modern editions. */
static const struct dictation_text texts[] = {
	{ "Jean de La Fontaine, « La Cigale et la Fourmi », Fables, livre I (1668)",
	  { "La Cigale, ayant chanté tout l'été,", "se trouva fort dépourvue quand la bise fut venue :",
	    "pas un seul petit morceau de mouche ou de vermisseau.", NULL } },
	{ "Jean de La Fontaine, « Le Corbeau et le Renard », Fables, livre I (1668)",
	  { "Maître Corbeau, sur un arbre perché,", "tenait en son bec un fromage.", "Maître Renard, par l'odeur alléché,",
	    "lui tint à peu près ce langage :", NULL } },
	{ "Jean de La Fontaine, « Le Lièvre et la Tortue », Fables, livre VI (1668)",
	  { "Rien ne sert de courir ; il faut partir à point.", "Le Lièvre et la Tortue en sont un témoignage.", NULL } },
	{ "Jean de La Fontaine, « Le Loup et l'Agneau », Fables, livre I (1668)",
	  { "La raison du plus fort est toujours la meilleure :", "nous l'allons montrer tout à l'heure.",
	    "Un Agneau se désaltérait dans le courant d'une onde pure.", NULL } },
	{ "Victor Hugo, « Demain, dès l'aube… », Les Contemplations (1856)",
	  { "Demain, dès l'aube, à l'heure où blanchit la campagne,", "je partirai. Vois-tu, je sais que tu m'attends.",
	    "J'irai par la forêt, j'irai par la montagne.", "Je ne puis demeurer loin de toi plus longtemps.", NULL } },
};

/* Words of a line: their start and length; a word is a run of letters
 * (apostrophes and punctuation cut words). */
static size_t line_words(const char *line, size_t *start, size_t *len, size_t max)
{
	size_t n = 0, i = 0;

	while (line[i] && n < max) {
		while (line[i] && strchr(" ,;:.!?'’…-", line[i]))
			i++;
		if (!line[i])
			break;
		start[n] = i;
		while (line[i] && !strchr(" ,;:.!?'’-", line[i]))
			i++;
		len[n] = i - start[n];
		n++;
	}
	return n;
}

int gen_dictation(struct gen_ctx *g, int index)
{
	enum { WORDS_MAX = 24, BLANKS_MAX = 3 };
	/* One text per activity: the seed picks it, the items follow its lines. */
	const struct dictation_text *t;
	struct rng pick;
	size_t start[WORDS_MAX], len[WORDS_MAX], n, chosen[BLANKS_MAX], count = 0, i, j, lines = 0, at = 0;
	char pieces_text[BLANKS_MAX + 1][256], answers_text[BLANKS_MAX][64], explain[HTML_MAX];
	const char *pieces[BLANKS_MAX + 1], *answers[BLANKS_MAX], *line;
	struct question *q;

	rng_seed(&pick, g->out->seed);
	t = &texts[rng_index(&pick, sizeof(texts) / sizeof(texts[0]))];
	while (t->lines[lines])
		lines++;
	line = t->lines[index % lines];
	n = line_words(line, start, len, WORDS_MAX);
	/* Blank the longer words: short ones ("la", "un") teach little. */
	for (i = 0; i < 40 && count < (size_t)g->difficulty && count < n; i++) {
		size_t w = rng_index(&g->rng, n);

		for (j = 0; j < count && chosen[j] != w; j++)
			;
		if (j == count && len[w] >= 3)
			chosen[count++] = w;
	}
	/* Keep the blanks in reading order. */
	for (i = 1; i < count; i++)
		for (j = i; j > 0 && chosen[j - 1] > chosen[j]; j--) {
			size_t tmp = chosen[j];

			chosen[j] = chosen[j - 1];
			chosen[j - 1] = tmp;
		}
	for (i = 0; i < count; i++) {
		struct buf b = BUF_INIT(512);

		buf_html(&b, "%.*s", (int)(start[chosen[i]] - at), line + at);
		snprintf(pieces_text[i], sizeof(pieces_text[i]), "%s", buf_cstr(&b));
		buf_release(&b);
		snprintf(answers_text[i], sizeof(answers_text[i]), "%.*s", (int)len[chosen[i]], line + start[chosen[i]]);
		at = start[chosen[i]] + len[chosen[i]];
		pieces[i] = pieces_text[i];
		answers[i] = answers_text[i];
	}
	{
		struct buf b = BUF_INIT(512);

		buf_html(&b, "%s", line + at);
		snprintf(pieces_text[count], sizeof(pieces_text[count]), "%s", buf_cstr(&b));
		buf_release(&b);
		pieces[count] = pieces_text[count];
	}
	snprintf(explain, sizeof(explain), "<p>Le texte : « %s » (%s).</p>", line, t->source);
	if (gen_cloze(g, "<p>Écoute la phrase, puis écris les mots qui manquent. Attention aux accents !</p>", pieces, answers, count,
		      NULL, explain) < 0)
		return -1;
	/* "Écouter" reads the whole line, not the text with its blanks. */
	q = &g->out->questions[g->out->question_count - 1];
	q->speech_text = strdup(line);
	return q->speech_text ? 0 : -1;
}
