/* The spelling helper (GET /outils/orthographe?q=) and the English-French
 * dictionary (GET /outils/dictionnaire?q=&sens=en-fr). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "eval/event.h"
#include "tools/bilingual.h"
#include "tools/spelling.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/tools_form.h"

#define SPELLING_MAX_WORDS 20 /* words checked in one search */

/* ---- spelling ---- */

static void synonyms_list(struct buf *out, const struct spelling *sp, const char *word)
{
	struct synonym_group g[SPELLING_MAX_MEANINGS];
	size_t n = spelling_synonyms(sp, word, g, SPELLING_MAX_MEANINGS), i;

	if (n == 0)
		return;
	buf_html(out, "<section class=\"card\"><h2>%s « %s »</h2><ul class=\"synonyms\">", _("Synonymes de"), word);
	for (i = 0; i < n; i++) {
		const char *p = g[i].synonyms, *end = p + g[i].synonyms_len;
		const char *pos = g[i].part_of_speech;
		size_t pos_len = g[i].part_len;

		if (pos_len >= 2 && pos[0] == '(' && pos[pos_len - 1] == ')') {
			pos++;
			pos_len -= 2;
		}
		buf_html(out, "<li><span class=\"muted\">%.*s :</span> ", (int)pos_len, pos);
		while (p < end) {
			const char *bar = memchr(p, '|', (size_t)(end - p));
			size_t len = bar ? (size_t)(bar - p) : (size_t)(end - p);
			char synonym[256];

			snprintf(synonym, sizeof(synonym), "%.*s", (int)len, p);
			buf_html(out, "<a href=\"/outils/orthographe?q=%U\">%s</a>%S", synonym, synonym, bar ? ", " : "");
			p += len + 1;
		}
		buf_adds(out, "</li>");
	}
	buf_adds(out, "</ul></section>");
}

static void word_suggestions(struct buf *out, struct spelling *sp, const char *word)
{
	struct buf list = BUF_INIT(8192);
	size_t n = spelling_suggest(sp, word, &list, SPELLING_MAX_SUGGESTIONS), i;
	const char *s = buf_cstr(&list);

	buf_html(out, "<li class=\"spelling-wrong\"><strong>%s</strong> : %s", word,
		 _("ce mot n'est pas dans le dictionnaire."));
	if (n > 0) {
		buf_html(out, " %s <span class=\"suggestions\">", _("Tu voulais peut-être écrire :"));
		for (i = 0; i < n; i++, s += strlen(s) + 1)
			buf_html(out, "<a class=\"btn\" href=\"/outils/orthographe?q=%U\">%s</a> ", s, s);
		buf_adds(out, "</span>");
	}
	buf_adds(out, "</li>");
	buf_release(&list);
}

/* Length of the separator (space or punctuation) at `s`, or 0. */
static size_t separator_len(const char *s)
{
	static const char *const wide[] = { "«", "»", "\u00a0", "\u202f", "…" };
	size_t i;

	if (*s && strchr(" .,;:!?\"()", *s))
		return 1;
	for (i = 0; i < sizeof(wide) / sizeof(wide[0]); i++)
		if (strncmp(s, wide[i], strlen(wide[i])) == 0)
			return strlen(wide[i]);
	return 0;
}

/* Cut the next word off `*p`; false when it is empty or too long. */
static bool next_word(const char **p, char *out, size_t size)
{
	const char *s = *p;
	size_t n = 0, skip;

	while ((skip = separator_len(s)) > 0)
		s += skip;
	while (s[n] && separator_len(s + n) == 0)
		n++;
	*p = s + n;
	if (n == 0 || n >= size)
		return false;
	memcpy(out, s, n);
	out[n] = '\0';
	return true;
}

/* Check each word of `text` and write the verdicts into `out`. Runs on
 * a worker thread: Hunspell's suggestions may take a fraction of a second
 * for a long, badly spelt word. */
static void spelling_result(struct buf *out, const char *request_id, struct spelling *sp, const char *text)
{
	const char *p = text;
	char word[TOOL_QUERY_MAX_BYTES + 1], last[TOOL_QUERY_MAX_BYTES + 1] = "";
	size_t words = 0, wrong = 0;

	buf_adds(out, "<ul class=\"spelling\">");
	while (*p && words < SPELLING_MAX_WORDS) {
		if (!next_word(&p, word, sizeof(word)))
			continue;
		words++;
		snprintf(last, sizeof(last), "%s", word);
		if (!spelling_check(sp, word)) {
			wrong++;
			word_suggestions(out, sp, word);
		}
	}
	buf_adds(out, "</ul>");
	if (*p)
		buf_html(out, "<p class=\"muted\">%s</p>", _("Seuls les 20 premiers mots ont été vérifiés : cherche la suite dans une autre recherche."));
	log_info("dictionary search request=%s tool=orthographe words=%zu wrong=%zu", request_id, words, wrong);
	if (words > 0 && wrong == 0)
		buf_html(out, "<div class=\"flash flash-success\" role=\"status\"><p>%s</p></div>",
			 words == 1 ? _("Ce mot est bien écrit.") : _("Tous les mots sont bien écrits."));
	if (words == 1 && wrong == 0)
		synonyms_list(out, sp, last);
}

/* A spelling search waiting for the worker pool. */
struct spelling_job {
	struct tool_search search;
	struct buf html;
};

static void spelling_job_free(void *data)
{
	struct spelling_job *job = data;

	if (job)
		buf_release(&job->html);
	free(job);
}

static void spelling_page_begin(struct request *r, const struct tool_search *s)
{
	tools_page_begin(r, _("Orthographe"), _("Écris un mot ou une petite phrase : l'outil dit si les mots sont bien écrits et propose des corrections. Pour un seul mot, il donne aussi des synonymes."));
	tools_search_form(r, "/outils/orthographe", "q", _("Le mot ou la phrase"), _("Par exemple : maison, ou « les enfant jouent »"), s, NULL);
}

static void spelling_work(struct request *r, struct db *db)
{
	struct spelling_job *job = r->job_data;

	spelling_result(&job->html, r->id, spelling_shared(), job->search.text);
}

static int spelling_done(struct request *r)
{
	struct spelling_job *job = r->job_data;

	if (buf_failed(&job->html))
		return page_error(r, 500, _("Le serveur manque de mémoire."));
	event_record(r, EVENT_FEATURE_DICTIONARIES, EVENT_ACTION_SEARCH, "orthographe");
	spelling_page_begin(r, &job->search);
	buf_add(&r->out, buf_cstr(&job->html), job->html.len);
	page_end(r);
	return 200;
}

int page_tools_spelling(struct request *r)
{
	struct spelling *sp = spelling_shared();
	struct spelling_job *job;
	struct tool_search s;
	int status = 200;

	if (!sp)
		return page_error(r, 503, _("Le dictionnaire d'orthographe n'est pas installé sur ce serveur. Préviens l'adulte qui t'accompagne."));
	tools_search_read(r, "q", &s);
	if (s.text[0] && !s.error) {
		job = calloc(1, sizeof(*job));
		if (!job)
			return page_error(r, 500, _("Le serveur manque de mémoire."));
		job->search = s;
		buf_init(&job->html, 256 * 1024);
		r->job_data = job;
		r->job_free = spelling_job_free;
		if (request_defer(r, spelling_work, spelling_done) < 0)
			return page_error(r, 503, _("Le serveur est très occupé. Réessaie dans un instant."));
		return HANDLER_DEFERRED;
	}
	spelling_page_begin(r, &s);
	if (s.error)
		status = tools_search_error(r, &s);
	page_end(r);
	return status;
}

/* ---- English-French dictionary ---- */

/* One entry: the first line (headword, pronunciation, part of speech),
 * then the translations. */
static void entry_render(struct request *r, const struct bilingual *b, size_t index, bool to_french)
{
	char text[8192];
	char *line, *next;
	bool first = true;

	if (bilingual_entry(b, index, text, sizeof(text)) < 0) {
		log_error("dictionary entry unreadable request=%s headword=\"%s\"", r->id, bilingual_headword(b, index));
		return;
	}
	buf_adds(&r->out, "<section class=\"card dict-entry\">");
	for (line = text; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (first)
			buf_html(&r->out, "<h2 lang=\"%S\">%s</h2><ul lang=\"%S\">", to_french ? "en" : "fr", line, to_french ? "fr" : "en");
		else if (*line)
			buf_html(&r->out, "<li>%s</li>", line);
		first = false;
	}
	buf_adds(&r->out, "</ul></section>");
}

static void direction_choice(struct buf *b, bool to_french)
{
	buf_html(b, "<fieldset class=\"choices\"><legend>%s</legend>"
		    "<label class=\"choice\"><input type=\"radio\" name=\"sens\" value=\"en-fr\"%S> <span>%s</span></label>"
		    "<label class=\"choice\"><input type=\"radio\" name=\"sens\" value=\"fr-en\"%S> <span>%s</span></label></fieldset>",
		 _("Dans quel sens ?"), to_french ? " checked" : "", _("De l'anglais vers le français"),
		 to_french ? "" : " checked", _("Du français vers l'anglais"));
}

static void dictionary_result(struct request *r, const struct bilingual *b, const char *query, bool to_french)
{
	size_t found[BILINGUAL_MAX_RESULTS], n, i;
	int exact;

	n = bilingual_find(b, query, found, BILINGUAL_MAX_RESULTS, &exact);
	event_record(r, EVENT_FEATURE_DICTIONARIES, EVENT_ACTION_SEARCH, "dictionnaire");
	log_info("dictionary search request=%s tool=dictionnaire direction=%s found=%zu exact=%d", r->id,
		 to_french ? "en-fr" : "fr-en", n, exact);
	if (n == 0) {
		buf_html(&r->out, "<div class=\"flash flash-info\" role=\"status\"><p>%s « %s ». %s</p></div>", _("Aucun mot ne commence par"),
			 query, _("Vérifie l'orthographe, ou change le sens de la traduction."));
		return;
	}
	if (!exact) {
		buf_html(&r->out, "<p>%s « %s ». %s</p><ul class=\"conj-matches\">", _("Ce mot n'est pas dans le dictionnaire :"), query,
			 _("Voici des mots qui commencent pareil :"));
		for (i = 0; i < n; i++)
			buf_html(&r->out, "<li><a class=\"btn\" href=\"/outils/dictionnaire?q=%U&amp;sens=%S\">%s</a></li>",
				 bilingual_headword(b, found[i]), to_french ? "en-fr" : "fr-en", bilingual_headword(b, found[i]));
		buf_adds(&r->out, "</ul>");
		return;
	}
	for (i = 0; i < n; i++)
		entry_render(r, b, found[i], to_french);
}

int page_tools_dictionary(struct request *r)
{
	const char *sens = form_get(&r->query, "sens");
	bool to_french = !sens || strcmp(sens, "en-fr") == 0;
	const struct bilingual *b;
	struct buf extra = BUF_INIT(4096);
	struct tool_search s;
	int status = 200;

	if (sens && !to_french && strcmp(sens, "fr-en") != 0)
		return page_error(r, 400, _("Le sens de traduction demandé n'existe pas : choisis « de l'anglais vers le français » ou « du français vers l'anglais »."));
	b = bilingual_shared(to_french ? BILINGUAL_EN_FR : BILINGUAL_FR_EN);
	if (!b)
		return page_error(r, 503, _("Le dictionnaire anglais n'est pas installé sur ce serveur. Préviens l'adulte qui t'accompagne."));
	tools_search_read(r, "q", &s);
	direction_choice(&extra, to_french);
	tools_page_begin(r, _("Dictionnaire anglais"), _("Écris un mot anglais pour le traduire en français, ou un mot français pour le traduire en anglais."));
	tools_search_form(r, "/outils/dictionnaire", "q", _("Le mot"), _("Par exemple : house, ou maison"), &s, buf_cstr(&extra));
	buf_release(&extra);
	if (s.error)
		status = tools_search_error(r, &s);
	else if (s.text[0])
		dictionary_result(r, b, s.text, to_french);
	buf_html(&r->out, "<p class=\"muted\">%s</p>", _("Dictionnaires FreeDict (anglais-français et français-anglais), licence GPL."));
	page_end(r);
	return status;
}
