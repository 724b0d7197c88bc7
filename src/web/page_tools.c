/* The tools list (GET /outils) and the conjugation dictionary
 * (GET /outils/conjugaison?q=). */
#include <string.h>

#include "core/log.h"
#include "eval/event.h"
#include "tools/conjugation.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/tools_form.h"

static void tool_tile(struct request *r, const char *href, const char *label, const char *description)
{
	buf_html(&r->out, "<li><a class=\"card tool-link\" href=\"%s\"><strong>%s</strong><span>%s</span></a></li>",
		 href, label, description);
}

int page_tools(struct request *r)
{
	tools_page_begin(r, _("Outils"), _("Des outils pour t'aider à faire tes devoirs."));
	buf_adds(&r->out, "<ul class=\"tool-list\">");
	tool_tile(r, "/outils/conjugaison", _("Conjugaison"), _("Tous les temps d'un verbe, même si tu l'écris conjugué."));
	tool_tile(r, "/outils/orthographe", _("Orthographe"), _("Vérifier comment s'écrit un mot et trouver des synonymes."));
	tool_tile(r, "/outils/dictionnaire", _("Dictionnaire anglais"), _("Traduire un mot de l'anglais au français, ou du français à l'anglais."));
	tool_tile(r, "/outils/calculatrice", _("Calculatrice"), _("Calculer avec +, −, × et ÷, et des nombres à virgule."));
	tool_tile(r, "/outils/operation", _("Opération posée"), _("Voir une addition, une soustraction, une multiplication ou une division posée, étape par étape."));
	buf_adds(&r->out, "</ul>");
	page_end(r);
	return 200;
}

/* ---- conjugation ---- */

/* Subject pronoun before `form`, with "que" in the subjunctive. */
static void person_pronoun(const struct conjugation *c, size_t verb, const char *form, int person, bool subjunctive,
			   char *out, size_t size)
{
	static const char *const with_que[CONJ_MAX_PERSONS] = {
		"que je", "que tu", "qu'il, qu'elle, qu'on", "que nous", "que vous", "qu'ils, qu'elles",
	};
	bool elided = person == 0 && conjugation_elides(c, verb, form);

	if (subjunctive && elided)
		snprintf(out, size, "que j'");
	else if (subjunctive)
		snprintf(out, size, "%s ", with_que[person]);
	else if (elided)
		snprintf(out, size, "j'");
	else
		snprintf(out, size, "%s ", conjugation_pronoun(person, false));
}

/* One tense as a list "je suis / tu es / ...". `compound` < 0 means the
 * simple tense `simple`. */
static void tense_card(struct request *r, const struct conjugation *c, size_t verb, enum conj_tense simple,
		       int compound, bool subjunctive)
{
	static const char *const imperative_persons[] = { "(tu)", "(nous)", "(vous)" };
	int persons = conjugation_person_count(simple), p;
	char form[256], pronoun[64];

	buf_html(&r->out, "<section class=\"card conj-tense\"><h3>%s</h3><ul>",
		 compound >= 0 ? conjugation_compound_name((enum conj_compound)compound) : conjugation_tense_name(simple));
	for (p = 0; p < persons; p++) {
		int rc = compound >= 0 ? conjugation_compound(c, verb, (enum conj_compound)compound, p, form, sizeof(form))
				       : conjugation_simple(c, verb, simple, p, form, sizeof(form));

		if (rc < 0) {
			buf_html(&r->out, "<li class=\"muted\">%s</li>", _("(pas de forme)"));
			continue;
		}
		if (simple == CONJ_IMPERATIVE)
			buf_html(&r->out, "<li><strong>%s</strong> <span class=\"muted\">%s</span></li>", form, imperative_persons[p]);
		else if (persons == CONJ_MAX_PERSONS) {
			person_pronoun(c, verb, form, p, subjunctive, pronoun, sizeof(pronoun));
			buf_html(&r->out, "<li>%s<strong>%s</strong></li>", pronoun, form);
		} else
			buf_html(&r->out, "<li><strong>%s</strong></li>", form);
	}
	buf_adds(&r->out, "</ul></section>");
}

static void mood_begin(struct request *r, const char *name)
{
	buf_html(&r->out, "<h2>%s</h2><div class=\"conj-grid\">", name);
}

static void conjugation_table(struct request *r, const struct conjugation *c, size_t verb)
{
	buf_html(&r->out, "<h2 class=\"conj-verb\">%s <strong>%s</strong></h2><p>%s</p>", _("Le verbe"),
		 conjugation_infinitive(c, verb),
		 conjugation_uses_etre(c, verb) ? _("Aux temps composés, il se conjugue avec l'auxiliaire être.")
						: _("Aux temps composés, il se conjugue avec l'auxiliaire avoir."));
	mood_begin(r, _("Indicatif"));
	tense_card(r, c, verb, CONJ_IND_PRESENT, -1, false);
	tense_card(r, c, verb, CONJ_IND_PRESENT, CONJ_PASSE_COMPOSE, false);
	tense_card(r, c, verb, CONJ_IND_IMPERFECT, -1, false);
	tense_card(r, c, verb, CONJ_IND_IMPERFECT, CONJ_PLUS_QUE_PARFAIT, false);
	tense_card(r, c, verb, CONJ_IND_FUTURE, -1, false);
	tense_card(r, c, verb, CONJ_IND_FUTURE, CONJ_FUTUR_ANTERIEUR, false);
	tense_card(r, c, verb, CONJ_IND_SIMPLE_PAST, -1, false);
	tense_card(r, c, verb, CONJ_IND_SIMPLE_PAST, CONJ_PASSE_ANTERIEUR, false);
	buf_adds(&r->out, "</div>");
	mood_begin(r, _("Conditionnel"));
	tense_card(r, c, verb, CONJ_COND_PRESENT, -1, false);
	tense_card(r, c, verb, CONJ_COND_PRESENT, CONJ_COND_PASSE, false);
	buf_adds(&r->out, "</div>");
	mood_begin(r, _("Subjonctif"));
	tense_card(r, c, verb, CONJ_SUBJ_PRESENT, -1, true);
	tense_card(r, c, verb, CONJ_SUBJ_PRESENT, CONJ_SUBJ_PASSE, true);
	tense_card(r, c, verb, CONJ_SUBJ_IMPERFECT, -1, true);
	tense_card(r, c, verb, CONJ_SUBJ_IMPERFECT, CONJ_SUBJ_PLUS_QUE_PARFAIT, true);
	buf_adds(&r->out, "</div>");
	mood_begin(r, _("Impératif"));
	tense_card(r, c, verb, CONJ_IMPERATIVE, -1, false);
	tense_card(r, c, verb, CONJ_IMPERATIVE, CONJ_IMPERATIVE_PASSE, false);
	buf_adds(&r->out, "</div>");
	mood_begin(r, _("Infinitif et participes"));
	tense_card(r, c, verb, CONJ_INFINITIVE, -1, false);
	tense_card(r, c, verb, CONJ_INFINITIVE, CONJ_INFINITIVE_PASSE, false);
	tense_card(r, c, verb, CONJ_PRESENT_PARTICIPLE, -1, false);
	tense_card(r, c, verb, CONJ_PAST_PARTICIPLE, -1, false);
	tense_card(r, c, verb, CONJ_PRESENT_PARTICIPLE, CONJ_PARTICIPLE_PASSE, false);
	buf_adds(&r->out, "</div>");
}

/* "« suis » est une forme de plusieurs verbes" with a link to each. */
static void match_list(struct request *r, const struct conjugation *c, const char *query, const struct conj_match *m,
		       size_t n)
{
	size_t i;

	buf_html(&r->out, "<p>« %s » %s</p><ul class=\"conj-matches\">", query, _("peut être une forme de plusieurs verbes. Choisis le bon :"));
	for (i = 0; i < n; i++) {
		const char *inf = conjugation_infinitive(c, m[i].verb);

		buf_html(&r->out, "<li><a class=\"btn\" href=\"/outils/conjugaison?q=%U\">%s</a> <span class=\"muted\">(%s)</span></li>",
			 inf, inf, conjugation_tense_name(m[i].tense));
	}
	buf_adds(&r->out, "</ul>");
}

/* The match whose infinitive is the query itself, if any. */
static int infinitive_match(const struct conjugation *c, const struct conj_match *m, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (m[i].tense == CONJ_INFINITIVE)
			return (int)i;
	return n == 1 ? 0 : -1;
}

int page_tools_conjugation(struct request *r)
{
	const struct conjugation *c = conjugation_shared();
	struct conj_match m[CONJ_MAX_MATCHES];
	struct tool_search s;
	int status = 200, chosen;
	size_t n;

	if (!c)
		return page_error(r, 503, _("Le dictionnaire de conjugaison n'est pas installé sur ce serveur. Préviens l'adulte qui t'accompagne."));
	tools_search_read(r, "q", &s);
	tools_page_begin(r, _("Conjugaison"), _("Écris un verbe, à l'infinitif (« prendre ») ou conjugué (« prenions »). Les accents peuvent être oubliés."));
	tools_search_form(r, "/outils/conjugaison", "q", _("Le verbe"), _("Par exemple : être, finir, allions"), &s, NULL);
	if (s.error)
		status = tools_search_error(r, &s);
	else if (s.text[0]) {
		n = conjugation_find(c, s.text, m, CONJ_MAX_MATCHES);
		/* "je mange" or "nous avons fini": search the last word. */
		if (n == 0 && strrchr(s.text, ' '))
			n = conjugation_find(c, strrchr(s.text, ' ') + 1, m, CONJ_MAX_MATCHES);
		chosen = infinitive_match(c, m, n);
		log_info("dictionary search request=%s tool=conjugaison found=%zu", r->id, n);
		event_record(r, EVENT_FEATURE_DICTIONARIES, EVENT_ACTION_SEARCH, "conjugaison");
		if (n == 0)
			buf_html(&r->out, "<div class=\"flash flash-info\" role=\"status\"><p>%s « %s ». %s</p></div>", _("Aucun verbe ne correspond à"),
				 s.text, _("Vérifie l'orthographe, ou essaie l'infinitif du verbe."));
		else if (chosen >= 0)
			conjugation_table(r, c, m[chosen].verb);
		else
			match_list(r, c, s.text, m, n);
	}
	page_end(r);
	return status;
}
