/* The child's reading settings: GET and POST /eleve/lecture. */
#include <string.h>

#include "core/log.h"
#include "learn/reading.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/widgets.h"

/* One checkbox with its label and a sample of what it changes. */
static void setting_checkbox(struct request *r, const char *name, const char *label, const char *hint, bool checked)
{
	buf_html(&r->out, "<div class=\"setting\"><label class=\"choice\" for=\"%s\"><input type=\"checkbox\" id=\"%s\" name=\"%s\" value=\"1\"%S aria-describedby=\"%s-aide\">"
			  " <span>%s</span></label><p class=\"hint\" id=\"%s-aide\">%s</p></div>",
		 name, name, name, checked ? " checked" : "", name, label, name, hint);
}

static void reading_form(struct request *r, const struct reading_settings *s)
{
	buf_adds(&r->out, "<form method=\"post\" action=\"/eleve/lecture\">");
	page_csrf_field(r);
	buf_html(&r->out, "<fieldset class=\"card settings\"><legend>%s</legend>", _("Pour lire plus facilement"));
	setting_checkbox(r, "police", _("Une police pour les lecteurs dyslexiques"),
			 _("Les lettres ont un bas plus épais : b, d, p et q se confondent moins."), s->dyslexic_font);
	setting_checkbox(r, "espaces", _("Plus d'espace entre les lettres, les mots et les lignes"),
			 _("Le texte prend plus de place, mais les mots se détachent mieux."), s->wide_spacing);
	setting_checkbox(r, "syllabes", _("Un bouton « Syllabes en couleur » sur les textes courts"),
			 _("Les syllabes prennent deux couleurs qui alternent, pour les lire une à une."), s->syllables);
	setting_checkbox(r, "voix-lente", _("Une voix plus lente pour « Écouter »"),
			 _("La voix lit moins vite les consignes et les questions."), s->slow_voice);
	buf_html(&r->out, "</fieldset><div class=\"form-actions\"><button class=\"btn btn-primary\" type=\"submit\">%s</button>"
			  "<a class=\"btn\" href=\"/eleve\">%s</a></div></form>",
		 _("Enregistrer"), _("Retour à mes matières"));
}

int page_reading(struct request *r)
{
	struct reading_settings s;

	if (reading_load(r->db, r->user.id, &s) < 0)
		return page_error(r, 500, _("Tes réglages de lecture n'ont pas pu être lus. Réessaie dans un instant."));
	page_begin(r, _("Lecture"));
	buf_html(&r->out, "<h1>%s</h1><p class=\"lead\">%s</p>", _("Comment veux-tu lire ?"),
		 _("Coche ce qui t'aide, puis clique sur « Enregistrer ». Tes choix te suivent sur tous les ordinateurs."));
	if (form_get(&r->query, "fait"))
		widget_flash(r, "success", _("C'est enregistré. Tes choix s'appliquent à toutes les pages."));
	reading_form(r, &s);
	page_end(r);
	return 200;
}

int page_reading_save(struct request *r)
{
	struct reading_settings s = {
		.dyslexic_font = form_get(&r->body, "police") != NULL,
		.wide_spacing = form_get(&r->body, "espaces") != NULL,
		.syllables = form_get(&r->body, "syllabes") != NULL,
		.slow_voice = form_get(&r->body, "voix-lente") != NULL,
	};

	if (reading_save(r->db, r->user.id, &s) < 0) {
		log_error("reading settings save failed request=%s account=%lld error=\"%s\"", r->id, (long long)r->user.id,
			  db_errmsg(r->db));
		return page_error(r, 503, _("Tes réglages n'ont pas pu être enregistrés. Réessaie dans un instant."));
	}
	return request_redirect(r, "/eleve/lecture?fait=1");
}
