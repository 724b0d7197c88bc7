/*
 * page_dictation: a dictation question inside the activity page, its
 * correction on the result page, and GET /dictee/audio.
 *
 * Without JavaScript the child gets one audio player (with controls) for
 * the whole text and one per sentence, each at normal and slow speed.
 * dictee.js replaces the sentence list with a player that reads one
 * sentence at a time, with a slow-voice switch.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/roles.h"
#include "content/catalog.h"
#include "content/dictation.h"
#include "speech/speech.h"
#include "web/listen.h"
#include "web/page.h"
#include "web/pages.h"

/* Write the audio URL of `sentence` (-1: the whole text) of question
 * `question` of `a`. */
static void audio_url(struct buf *b, const struct activity *a, size_t question, int sentence, bool slow)
{
	buf_html(b, "/dictee/audio?activite=%U&amp;version=%d&amp;question=%lu", a->id, a->version, (unsigned long)question);
	if (sentence >= 0)
		buf_html(b, "&amp;phrase=%d", sentence);
	buf_html(b, "&amp;vitesse=%S", slow ? "lente" : "normale");
}

/* One line of the list: a label and the two players, normal and slow. */
static void track(struct request *r, const struct activity *a, size_t question, int sentence, const char *label)
{
	struct buf normal = BUF_INIT(1024), slow = BUF_INIT(1024);

	audio_url(&normal, a, question, sentence, false);
	audio_url(&slow, a, question, sentence, true);
	buf_html(&r->out, "<li%S><span class=\"dictation-track\">%s</span> "
			  "<span class=\"dictation-speed\"><span aria-hidden=\"true\">%s</span> <audio controls preload=\"none\" src=\"%S\" aria-label=\"%s, %s\"></audio></span> "
			  "<span class=\"dictation-speed\"><span aria-hidden=\"true\">%s</span> <audio controls preload=\"none\" src=\"%S\" aria-label=\"%s, %s\"></audio></span></li>",
		 sentence >= 0 ? " data-sentence" : "", label, _("normale"), buf_cstr(&normal), label, _("voix normale"),
		 _("lente"), buf_cstr(&slow), label, _("voix lente"));
	buf_release(&normal);
	buf_release(&slow);
}

static void listen_block(struct request *r, const struct activity *a, size_t i, const struct dictation *d)
{
	char label[64];
	size_t k;

	buf_html(&r->out, "<section class=\"dictation-listen\" aria-labelledby=\"q%lu-ecoute\"><h2 id=\"q%lu-ecoute\">%s</h2><p class=\"hint\">%s</p>",
		 (unsigned long)i, (unsigned long)i, _("Écouter la dictée"),
		 _("Écoute d'abord le texte entier. Ensuite, écoute chaque phrase : elle est lue deux fois. À la fin, réécoute le texte entier pour te relire. "
		   "Chaque lecteur a deux vitesses : normale, puis lente."));
	if (!speech_available()) {
		buf_html(&r->out, "<p class=\"flash flash-info\">%s</p></section>", _("La lecture à voix haute n'est pas installée sur ce serveur : demande à un adulte de te lire le texte."));
		return;
	}
	buf_adds(&r->out, "<ul class=\"dictation-tracks\">");
	track(r, a, i, -1, _("Le texte entier"));
	for (k = 0; k < d->sentence_count; k++) {
		snprintf(label, sizeof(label), _("Phrase %lu"), (unsigned long)k + 1);
		track(r, a, i, (int)k, label);
	}
	buf_adds(&r->out, "</ul></section>");
}

static void given_words(struct request *r, const struct dictation *d)
{
	size_t k;

	if (d->given_word_count == 0)
		return;
	buf_html(&r->out, "<p class=\"dictation-given\">%s ", _("Mots donnés :"));
	for (k = 0; k < d->given_word_count; k++)
		buf_html(&r->out, "%S<strong>%s</strong>", k ? ", " : "", d->given_words[k]);
	buf_adds(&r->out, "</p>");
}

void dictation_render_form(struct request *r, const struct activity *a, size_t i, const struct form *values, const char *message)
{
	const struct dictation *d = a->questions[i].dictation;
	const char *value = NULL;
	char name[32], hint[160];

	snprintf(name, sizeof(name), "q%lu", (unsigned long)i);
	if (values)
		value = form_get(values, name);
	buf_adds(&r->out, "<div class=\"dictation\" data-dictation>");
	listen_block(r, a, i, d);
	given_words(r, d);
	snprintf(hint, sizeof(hint), _("Écris tout le texte, avec les majuscules et la ponctuation. %d caractères au plus."), DICTATION_MAX_ANSWER_CHARS);
	buf_html(&r->out, "<div class=\"field\"><label for=\"%s\">%s</label><p class=\"hint\" id=\"%s-aide\">%s</p>", name, _("Ton texte"), name, hint);
	if (message)
		buf_html(&r->out, "<p class=\"field-error\" id=\"%s-erreur\">%s</p>", name, message);
	buf_html(&r->out, "<textarea id=\"%s\" name=\"%s\" rows=\"8\" maxlength=\"%d\" spellcheck=\"false\" autocomplete=\"off\" autocapitalize=\"off\" "
			  "aria-describedby=\"%s-aide%S%s%S\"%S>%s</textarea></div></div>",
		 name, name, DICTATION_MAX_ANSWER_CHARS, name, message ? " " : "", message ? name : "", message ? "-erreur" : "",
		 message ? " aria-invalid=\"true\"" : "", value ? value : "");
	buf_adds(&r->out, "<script src=\"/static/dictee.js\" defer></script>");
}

void dictation_render_correction(struct request *r, const struct question_result *res)
{
	if (!res->expected_html)
		return;
	buf_html(&r->out, "<div class=\"dictation-correction\">%S<p class=\"muted\">%s</p></div>", res->expected_html,
		 _("Les mots barrés sont ceux que tu as écrits ; les mots soulignés sont la correction ; le nom de l'erreur est entre parenthèses."));
}

/* ---- GET /dictee/audio ---- */

/* Scope: the activities of the child's level, as on the activity page;
 * an adult's preview reaches every level. */
static int dictation_text(struct request *r, struct buf *text)
{
	const char *id = form_get(&r->query, "activite");
	const struct activity *current = id ? catalog_find(r->catalog, id) : NULL, *a;
	long version = listen_query_number(r, "version", -2), question = listen_query_number(r, "question", -2);
	long sentence = listen_query_number(r, "phrase", -1);
	struct activity *older = NULL;
	int rc = -1;

	if (!current || version < 1 || question < 0 || sentence < -1)
		return -1;
	if ((r->user.caps & CAP_DO_ACTIVITIES) && !(current->levels & level_parse(r->user.level)))
		return -1;
	a = listen_activity_version(r, current, version, &older);
	if (!a)
		return -1;
	if ((size_t)question < a->question_count && a->questions[question].kind == QUESTION_DICTATION)
		rc = dictation_spoken_text(a->questions[question].dictation, (int)sentence, text);
	activity_free(older);
	return rc;
}

/* NOTE: like /ecouter, this redirects to /audio/KEY.ogg, which h2o serves
 * to anyone. The key is a hash of the spoken text, so only someone who
 * knows the text or was given the link can fetch the file. */
int page_dictation_audio(struct request *r)
{
	const char *speed = form_get(&r->query, "vitesse");
	struct buf text = BUF_INIT(SPEECH_MAX_TEXT_BYTES);

	if (!speech_available())
		return page_error(r, 503, _("La lecture à voix haute n'est pas installée sur ce serveur (programme espeak-ng absent)."));
	if (speed && strcmp(speed, "lente") != 0 && strcmp(speed, "normale") != 0)
		return page_error(r, 400, _("Vitesse inconnue : choisis « normale » ou « lente »."));
	if (dictation_text(r, &text) < 0 || text.len == 0) {
		buf_release(&text);
		return page_not_found(r);
	}
	return listen_serve(r, &text, speed && strcmp(speed, "lente") == 0 ? DICTATION_SPEED_SLOW : DICTATION_SPEED_NORMAL);
}
