/* Pieces of the tutoring pages: messages, state, wait and hours. */
#include "web/tutoring.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "auth/roles.h"
#include "content/catalog.h"
#include "core/log.h"
#include "http/live.h"
#include "offer/offer.h"
#include "tutor/hours.h"
#include "web/listen.h"
#include "web/page.h"

bool tutoring_child_may_ask(struct request *r)
{
	return r->signed_in && (r->user.caps & CAP_ASK_QUESTIONS) && offer_child_has_tutoring(r->db, r->user.id, time(NULL));
}

void tutoring_ask_link(struct request *r, const struct activity *a, int question, int64_t attempt_id)
{
	struct buf *b = &r->out;

	if (!tutoring_child_may_ask(r))
		return;
	buf_html(b, "<a class=\"btn btn-secondary btn-ask\" href=\"/tutorat/demander?activite=%U&amp;version=%d", a->id, a->version);
	if (question > 0)
		buf_html(b, "&amp;question=%d", question);
	if (attempt_id > 0)
		buf_html(b, "&amp;tentative=%lld", (long long)attempt_id);
	if (question > 0)
		buf_html(b, "\">%s<span class=\"sr-only\"> %s %d</span></a>", _("Poser une question à un tuteur"),
			 _("sur la question"), question);
	else
		buf_html(b, "\">%s</a>", _("Poser une question à un tuteur"));
}

void tutoring_child_home(struct request *r)
{
	int64_t unread;

	if (!tutoring_child_may_ask(r))
		return;
	unread = tutor_child_unread_count(r->db, r->user.id);
	if (unread > 0)
		buf_html(&r->out, "<div class=\"flash flash-success\" role=\"status\"><p><strong>%s</strong> <a href=\"/tutorat\">%s</a></p></div>",
			 unread > 1 ? _("Des tuteurs t'ont répondu !") : _("Un tuteur t'a répondu !"), _("Lire la réponse"));
	buf_html(&r->out, "<p><a class=\"btn btn-secondary\" href=\"/tutorat\">%s</a></p>", _("Demander de l'aide à un tuteur"));
}

static const char *const weekdays[] = { "dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi" };
static const char *const months[] = { "janvier", "février", "mars", "avril", "mai", "juin", "juillet",
				      "août", "septembre", "octobre", "novembre", "décembre" };

void tutoring_date_text(int64_t when, char *out, size_t size)
{
	time_t t = (time_t)when;
	struct tm tm;

	localtime_r(&t, &tm);
	if (tm.tm_min)
		snprintf(out, size, "%s %d %s à %d h %02d", weekdays[tm.tm_wday], tm.tm_mday, months[tm.tm_mon], tm.tm_hour, tm.tm_min);
	else
		snprintf(out, size, "%s %d %s à %d h", weekdays[tm.tm_wday], tm.tm_mday, months[tm.tm_mon], tm.tm_hour);
}

/* The message text: escaped, line breaks kept as <br> (so the markup has
 * no newline, as an SSE data line needs), links left as plain text. */
static void body_html(struct buf *b, const char *text)
{
	const char *line = text;
	size_t n;

	while (*line) {
		n = strcspn(line, "\r\n");
		buf_html(b, "%.*s", (int)n, line);
		line += n;
		if (*line == '\r' && line[1] == '\n')
			line++;
		if (*line) {
			buf_adds(b, "<br>");
			line++;
		}
	}
}

void tutoring_message_html(struct buf *b, const struct tutoring_viewer *viewer, const struct tutor_message *m,
			   const struct catalog *catalog)
{
	bool tuteur = strcmp(m->author_role, "tuteur") == 0;
	const char *author = m->author_name;
	const struct activity *a;
	char time_text[64];

	/* An erased account leaves its messages without a name. */
	if (!*author)
		author = tuteur ? _("Tuteur") : _("Élève");
	tutoring_date_text(m->created_at, time_text, sizeof(time_text));
	buf_html(b, "<li class=\"msg %S\" id=\"m%lld\"><p class=\"msg-meta\"><strong>%s</strong> · %s</p>",
		 tuteur ? "msg-tuteur" : "msg-eleve", (long long)m->id,
		 author, time_text);
	if (m->kind == TUTOR_KIND_EXAMPLE)
		buf_html(b, "<div class=\"msg-body msg-example\"><p class=\"msg-kind\">%s</p><p>", _("Exemple guidé"));
	else
		buf_adds(b, "<div class=\"msg-body\"><p>");
	body_html(b, m->body);
	buf_adds(b, "</p>");
	if (m->kind == TUTOR_KIND_ACTIVITY && *m->activity_id) {
		a = catalog_find(catalog, m->activity_id);
		buf_html(b, "<p class=\"msg-resource\">%s <a href=\"/activite/%U\">%s</a></p>", _("Activité conseillée :"), m->activity_id,
			 a ? a->title : m->activity_id);
	}
	if (m->flagged)
		buf_html(b, "<p class=\"hint\">%s</p>", _("Des coordonnées ont été masquées dans ce message."));
	buf_adds(b, "</div>");
	/* Children hear the tuteur's answers read aloud. */
	if (tuteur && viewer && viewer->child)
		listen_tutoring_message(b, m->id);
	if (viewer && m->author_id != viewer->user_id)
		buf_html(b, "<details class=\"msg-report\"><summary>%s</summary><form method=\"post\" action=\"/tutorat/message/%lld/signaler\">"
			    "<input type=\"hidden\" name=\"csrf\" value=\"%s\"><label for=\"raison-%lld\">%s</label>"
			    "<textarea id=\"raison-%lld\" name=\"raison\" rows=\"2\" maxlength=\"%d\"></textarea>"
			    "<button class=\"btn btn-secondary\" type=\"submit\">%s</button></form></details>",
			 _("Signaler ce message"), (long long)m->id, viewer->csrf, (long long)m->id,
			 _("Qu'est-ce qui ne va pas ? (facultatif)"), (long long)m->id, TUTOR_REASON_MAX_BYTES, _("Envoyer le signalement"));
	buf_adds(b, "</li>");
}

void tutoring_state_html(struct buf *b, const struct tutor_question *q, bool to_child)
{
	const char *tuteur = *q->tuteur_name ? q->tuteur_name : _("un tuteur");

	if (strcmp(q->status, "waiting") == 0)
		buf_html(b, "%s", to_child ? _("Ta question attend un tuteur.") : _("La question attend un tuteur."));
	else if (strcmp(q->status, "claimed") == 0)
		buf_html(b, "%s %s.", to_child ? _("Ta question est prise en charge par") : _("La question est prise en charge par"), tuteur);
	else
		buf_html(b, "%s", to_child ? _("Cette conversation est terminée. Tu peux écrire de nouveau pour la rouvrir.")
					   : _("Cette conversation est terminée. L'élève peut écrire de nouveau pour la rouvrir."));
}

void tutoring_status_html(struct buf *b, struct db *db, int64_t question_id)
{
	struct tutor_hours hours;
	time_t now = time(NULL), next;
	int64_t online = tutor_presence_count(db, now), wait, ahead;
	char when[96];

	if (tutor_hours_load(db, &hours) < 0 || !tutor_hours_open_at(&hours, now)) {
		next = tutor_hours_next_opening(&hours, now);
		tutoring_date_text(next, when, sizeof(when));
		if (next > 0)
			buf_html(b, "<p>%s %s.</p>", _("Les tuteurs ne sont pas là en ce moment. Tu auras une réponse à partir de"), when);
		else
			buf_html(b, "<p>%s</p>", _("Les tuteurs ne sont pas là en ce moment. Tu auras une réponse dès leur retour."));
		return;
	}
	if (online > 0)
		buf_html(b, "<p><span class=\"dot-online\" aria-hidden=\"true\"></span> %s</p>",
			 online > 1 ? _("Des tuteurs sont en ligne.") : _("Un tuteur est en ligne."));
	else
		buf_html(b, "<p>%s</p>", _("Aucun tuteur n'est en ligne pour l'instant, mais c'est l'heure du tutorat : un tuteur va bientôt arriver."));
	ahead = tutor_waiting_ahead(db, question_id);
	wait = tutor_expected_wait(db);
	if (wait < 0)
		buf_html(b, "<p>%s</p>", _("Attente estimée : quelques minutes."));
	else
		buf_html(b, "<p>%s %lld %s</p>", _("Attente estimée : environ"), (long long)(wait < 60 ? 1 : (wait + 59) / 60),
			 wait < 120 ? _("minute.") : _("minutes."));
	if (ahead > 0)
		buf_html(b, "<p>%lld %s</p>", (long long)ahead,
			 ahead > 1 ? _("questions passent avant la tienne.") : _("question passe avant la tienne."));
}

int tutoring_stream_accepted(struct request *r)
{
	char accept[256];

	if (request_header(r, "accept", accept, sizeof(accept)) && strstr(accept, "text/event-stream"))
		return 0;
	return page_error(r, 406, _("Cette adresse envoie les messages en direct à la page du tutorat ; ouvre plutôt la conversation."));
}

/* Seconds of messages each poll publishes again. Streams skip an event
 * they are up to date with, so a repeat costs no query. The overlap covers
 * a transaction that commits late and server clocks a little apart. */
#define POLL_WINDOW_SECONDS 5

static void publish_message(int64_t question_id, int64_t message_id)
{
	live_publish(question_id, message_id);
}

void tutoring_live_poll(struct db *db)
{
	static int64_t last_question_id = -1;
	int64_t newest;

	if (tutor_recent_messages_each(db, (int64_t)time(NULL) - POLL_WINDOW_SECONDS, publish_message) < 0)
		log_warn("tutoring live poll failed error=\"%s\"", db_errmsg(db));
	newest = tutor_last_question_id(db);
	if (newest > last_question_id && last_question_id >= 0)
		live_publish(TUTOR_TOPIC_QUEUE, newest);
	if (newest >= 0)
		last_question_id = newest;
}
