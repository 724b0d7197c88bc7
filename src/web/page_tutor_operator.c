/* The opérateur's tutoring pages: opening hours, reports, indicators. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "tutor/hours.h"
#include "web/format.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/tutoring.h"
#include "web/widgets.h"

#define INDICATOR_DAYS 30
#define TUTEURS_SHOWN_MAX 200

static const char *const day_names[] = { "Dimanche", "Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi" };
static const int day_order[] = { 1, 2, 3, 4, 5, 6, 0 };

static void minutes_text(int minutes, char *out, size_t size)
{
	if (minutes < 0)
		snprintf(out, size, "%s", "");
	else
		snprintf(out, size, "%02d:%02d", minutes / 60, minutes % 60);
}

static int settings_page(struct request *r, int status, const struct tutor_hours *h, const char *error)
{
	char opens[16], closes[16];
	int i, d;

	page_begin(r, _("Tutorat"));
	buf_html(&r->out, "<h1>%s</h1><p><a href=\"/operateur/tutorat/signalements\">%s</a> · <a href=\"/operateur/tutorat/indicateurs\">%s</a></p>",
		 _("Tutorat"), _("Signalements"), _("Indicateurs"));
	buf_html(&r->out, "<h2>%s</h2><p>%s</p>", _("Heures d'ouverture"),
		 _("Heure de Paris. Laissez les deux champs d'un jour vides pour le fermer. En dehors de ces heures, les élèves voient quand la réponse arrivera."));
	if (error)
		widget_flash(r, "error", error);
	buf_html(&r->out, "<form method=\"post\" action=\"/operateur/tutorat/horaires\">");
	page_csrf_field(r);
	buf_html(&r->out, "<div class=\"table-wrap\"><table class=\"data\"><caption>%s</caption><thead><tr><th scope=\"col\">%s</th>"
			  "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		 _("Heures d'ouverture par jour"), _("Jour"), _("Ouverture"), _("Fermeture"));
	for (i = 0; i < 7; i++) {
		d = day_order[i];
		minutes_text(h->opens[d], opens, sizeof(opens));
		minutes_text(h->opens[d] < 0 ? -1 : h->closes[d], closes, sizeof(closes));
		buf_html(&r->out, "<tr><th scope=\"row\">%s</th><td><label class=\"sr-only\" for=\"ouvre%d\">%s %s</label>"
				  "<input id=\"ouvre%d\" name=\"ouvre%d\" value=\"%s\" size=\"5\" placeholder=\"16:30\"></td>"
				  "<td><label class=\"sr-only\" for=\"ferme%d\">%s %s</label><input id=\"ferme%d\" name=\"ferme%d\" value=\"%s\" size=\"5\" placeholder=\"19:00\"></td></tr>",
			 day_names[d], d, _("Ouverture le"), day_names[d], d, d, opens, d, _("Fermeture le"), day_names[d], d, d, closes);
	}
	buf_html(&r->out, "</tbody></table></div><div class=\"form-actions\"><button class=\"btn btn-primary\" type=\"submit\">%s</button></div></form>",
		 _("Enregistrer les heures"));
	buf_html(&r->out, "<h2>%s</h2><p>%s %d %s</p>", _("Conservation"), _("Les conversations sont effacées"), TUTOR_RETENTION_DAYS_DEFAULT,
		 _("jours après leur dernier message, par la commande « ardoise purge »."));
	page_end(r);
	return status;
}

int page_tutoring_settings(struct request *r)
{
	struct tutor_hours h;

	if (tutor_hours_load(r->db, &h) < 0)
		return page_error(r, 500, _("Les heures d'ouverture n'ont pas pu être lues. Réessayez dans un instant."));
	return settings_page(r, 200, &h, NULL);
}

int page_tutoring_hours_save(struct request *r)
{
	struct tutor_hours h;
	char name[16], message[256];
	const char *opens, *closes;
	int d;

	for (d = 0; d < 7; d++) {
		snprintf(name, sizeof(name), "ouvre%d", d);
		opens = form_get(&r->body, name);
		snprintf(name, sizeof(name), "ferme%d", d);
		closes = form_get(&r->body, name);
		h.opens[d] = h.closes[d] = -1;
		if ((!opens || !*opens) && (!closes || !*closes))
			continue;
		h.opens[d] = tutor_hours_parse_time(opens);
		h.closes[d] = tutor_hours_parse_time(closes);
		if (h.opens[d] < 0 || h.closes[d] <= h.opens[d]) {
			snprintf(message, sizeof(message), _("%s : « %s » à « %s » n'est pas un horaire valide. Écrivez deux heures comme 16:30 et 19:00, la fermeture après l'ouverture."),
				 day_names[d], opens ? opens : "", closes ? closes : "");
			return settings_page(r, 400, &h, message);
		}
	}
	if (tutor_hours_save(r->db, &h) < 0)
		return page_error(r, 500, _("Les heures d'ouverture n'ont pas pu être enregistrées. Réessayez dans un instant."));
	log_info("tutoring hours saved request=%s operator=%lld", r->id, (long long)r->user.id);
	return request_redirect(r, "/operateur/tutorat");
}

static void report_row(const struct tutor_report *rep, void *ctx)
{
	struct request *r = ctx;
	char date[64];

	format_date_paris(rep->created_at, date, sizeof(date));
	buf_html(&r->out, "<li class=\"report\"><p><strong>%s</strong> · %s %s · <a href=\"/tutorat/conversation/%lld\">%s %lld</a></p>"
			  "<p>%s « %s »</p>",
		 date, _("signalé par un compte"), *rep->reporter_role ? rep->reporter_role : "?", (long long)rep->question_id,
		 _("conversation n°"), (long long)rep->question_id, strcmp(rep->author_role, "tuteur") == 0 ? _("Message du tuteur :") : _("Message de l'élève :"),
		 rep->body);
	if (*rep->original)
		buf_html(&r->out, "<p class=\"muted\">%s « %s »</p>", _("Texte tapé avant masquage :"), rep->original);
	if (*rep->reason)
		buf_html(&r->out, "<p>%s %s</p>", _("Motif :"), rep->reason);
	buf_html(&r->out, "<form method=\"post\" action=\"/operateur/tutorat/signalements/%lld\" class=\"inline-form\">", (long long)rep->id);
	page_csrf_field(r);
	buf_html(&r->out, "<label for=\"decision%lld\">%s</label> <select id=\"decision%lld\" name=\"decision\">"
			  "<option value=\"sans-suite\">%s</option><option value=\"averti\">%s</option><option value=\"compte-suspendu\">%s</option></select> "
			  "<button class=\"btn btn-secondary\" type=\"submit\">%s</button></form></li>",
		 (long long)rep->id, _("Décision"), (long long)rep->id, _("Sans suite"), _("Personne avertie"), _("Compte suspendu"), _("Clore le signalement"));
}

#define FLAGGED_SHOWN_MAX 50

static void flagged_row(const struct tutor_flagged *f, void *ctx)
{
	struct request *r = ctx;
	char date[64];

	format_date_paris(f->created_at, date, sizeof(date));
	buf_html(&r->out, "<li><p><strong>%s</strong> · %s · <a href=\"/tutorat/conversation/%lld\">%s %lld</a></p><p class=\"muted\">%s « %s »</p></li>",
		 date, strcmp(f->author_role, "tuteur") == 0 ? _("écrit par le tuteur") : _("écrit par l'élève"), (long long)f->question_id,
		 _("conversation n°"), (long long)f->question_id, _("Texte tapé avant masquage :"), f->original);
}

int page_tutoring_reports(struct request *r)
{
	size_t before;

	page_begin(r, _("Signalements"));
	buf_html(&r->out, "<h1>%s</h1><p>%s %lld</p><ul class=\"tutor-list\">", _("Signalements du tutorat"),
		 _("Messages dont des coordonnées ont été masquées ces 30 derniers jours :"),
		 (long long)tutor_flagged_count(r->db, (int64_t)time(NULL) - 30 * 86400));
	before = r->out.len;
	if (tutor_reports_each(r->db, report_row, r) < 0)
		return page_error(r, 500, _("Les signalements n'ont pas pu être lus. Réessayez dans un instant."));
	if (r->out.len == before)
		buf_html(&r->out, "<li>%s</li>", _("Aucun signalement à examiner."));
	buf_html(&r->out, "</ul><h2>%s</h2><p>%s</p><ul class=\"tutor-list\">", _("Coordonnées masquées"),
		 _("Les 50 derniers messages de ces 30 jours où Ardoise a masqué une adresse ou un numéro. Lisez la conversation pour voir si un adulte ou un enfant cherche un contact hors d'Ardoise."));
	before = r->out.len;
	if (tutor_flagged_each(r->db, (int64_t)time(NULL) - 30 * 86400, FLAGGED_SHOWN_MAX, flagged_row, r) < 0)
		return page_error(r, 500, _("Les messages masqués n'ont pas pu être lus. Réessayez dans un instant."));
	if (r->out.len == before)
		buf_html(&r->out, "<li>%s</li>", _("Aucun message masqué."));
	buf_html(&r->out, "</ul><p><a class=\"btn btn-secondary\" href=\"/operateur/tutorat\">%s</a></p>", _("Tutorat"));
	page_end(r);
	return 200;
}

int page_tutoring_report_review(struct request *r)
{
	static const char *const decisions[] = { "sans-suite", "averti", "compte-suspendu" };
	const char *decision = form_get(&r->body, "decision");
	int64_t id = param_id(r, 0);
	size_t i;
	int done;

	for (i = 0; decision && i < sizeof(decisions) / sizeof(decisions[0]); i++)
		if (strcmp(decision, decisions[i]) == 0)
			break;
	if (!decision || i == sizeof(decisions) / sizeof(decisions[0]))
		return page_error(r, 400, _("Décision inconnue : choisissez Sans suite, Personne avertie ou Compte suspendu."));
	done = id > 0 ? tutor_report_review(r->db, id, r->user.id, decision) : 0;
	if (done < 0)
		return page_error(r, 500, _("Le signalement n'a pas pu être clos. Réessayez dans un instant."));
	if (done == 0)
		return page_not_found(r);
	log_info("tutoring report reviewed request=%s report=%lld decision=%s", r->id, (long long)id, decision);
	return request_redirect(r, "/operateur/tutorat/signalements");
}

static void delay_text(int64_t seconds, char *out, size_t size)
{
	if (seconds < 0)
		snprintf(out, size, "–");
	else
		format_duration(seconds, out, size);
}

static void stats_row(struct request *r, const char *who, const struct tutor_stats *s)
{
	char median[32], p90[32];

	delay_text(s->median_first_answer, median, sizeof(median));
	delay_text(s->p90_first_answer, p90, sizeof(p90));
	buf_html(&r->out, "<tr><th scope=\"row\">%s</th><td data-label=\"%s\">%lld</td><td data-label=\"%s\">%lld</td><td data-label=\"%s\">%s</td>"
			  "<td data-label=\"%s\">%s</td><td data-label=\"%s\">%lld</td></tr>",
		 who, _("Questions"), (long long)s->questions, _("Répondues"), (long long)s->answered, _("Première réponse (médiane)"), median,
		 _("Première réponse (90 %)"), p90, _("Sans réponse après 24 h"), (long long)s->unanswered_24h);
}

int page_tutoring_indicators(struct request *r)
{
	struct tutor_colleague tuteurs[TUTEURS_SHOWN_MAX];
	int64_t now = (int64_t)time(NULL), since = now - (int64_t)INDICATOR_DAYS * 86400, counts[INDICATOR_DAYS];
	struct tutor_stats s;
	int n, i;

	if (tutor_stats_compute(r->db, since, now, 0, &s) < 0 || tutor_questions_per_day(r->db, now, counts, INDICATOR_DAYS) < 0)
		return page_error(r, 500, _("Les indicateurs n'ont pas pu être calculés. Réessayez dans un instant."));
	page_begin(r, _("Indicateurs du tutorat"));
	buf_html(&r->out, "<h1>%s</h1><p>%s</p>", _("Indicateurs du tutorat"), _("Les 30 derniers jours. Le délai de première réponse court de la question à la première réponse d'un tuteur."));
	buf_html(&r->out, "<div class=\"table-wrap\"><table class=\"data stack\"><caption>%s</caption><thead><tr><th scope=\"col\">%s</th>"
			  "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		 _("Délais et questions, en tout et par tuteur"), _("Qui"), _("Questions"), _("Répondues"), _("Première réponse (médiane)"),
		 _("Première réponse (90 %)"), _("Sans réponse après 24 h"));
	stats_row(r, _("Tous les tuteurs"), &s);
	n = tutor_colleagues(r->db, 0, tuteurs, TUTEURS_SHOWN_MAX);
	for (i = 0; i < n; i++)
		if (tutor_stats_compute(r->db, since, now, tuteurs[i].id, &s) == 0)
			stats_row(r, tuteurs[i].name, &s);
	buf_html(&r->out, "</tbody></table></div><div class=\"table-wrap\"><table class=\"data\"><caption>%s</caption><thead><tr>"
			  "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		 _("Questions par jour"), _("Jour"), _("Questions"));
	for (i = INDICATOR_DAYS - 1; i >= 0; i--) {
		char day[32];
		time_t at = (time_t)(now - (int64_t)(INDICATOR_DAYS - 1 - i) * 86400);
		struct tm tm;

		localtime_r(&at, &tm);
		strftime(day, sizeof(day), "%d/%m/%Y", &tm);
		buf_html(&r->out, "<tr><td>%s</td><td>%lld</td></tr>", day, (long long)counts[i]);
	}
	buf_html(&r->out, "</tbody></table></div><p><a class=\"btn btn-secondary\" href=\"/operateur/tutorat\">%s</a></p>", _("Tutorat"));
	page_end(r);
	return 200;
}
