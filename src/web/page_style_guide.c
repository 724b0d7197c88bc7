/* GET /guide-style: every component of static/ardoise.css with a live
 * example, and the palette with its contrast ratios, for the people who
 * write pages. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "org/people.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/widgets.h"

/* A colour of the stylesheet: its CSS variable, value and use. */
struct swatch {
	const char *variable;
	const char *hex;
	const char *use;
};

/* A text colour on a background, with the WCAG ratio it needs. */
struct pair {
	const char *text;
	const char *background;
	const char *where;
	double needed; /* 4.5 for text, 3 for focus rings and shapes */
};

static const struct swatch swatches[] = {
	{ "--paper", "#FBF6EC", N_("fond des pages") },
	{ "--white", "#FFFFFF", N_("cadres, questions, tuiles") },
	{ "--ink", "#2B2520", N_("texte") },
	{ "--muted", "#5E544B", N_("texte secondaire, aides des champs") },
	{ "--slate", "#2F4858", N_("en-tête, titres, en-têtes de tableau") },
	{ "--link", "#1B5C8F", N_("liens") },
	{ "--accent", "#B4471C", N_("bouton principal") },
	{ "--accent-dark", "#9E3D17", N_("bouton principal survolé, syllabes") },
	{ "--focus", "#B34700", N_("anneau de focus") },
	{ "--error", "#A32019", N_("erreurs") },
	{ "--right", "#1D5B2A", N_("réponse juste") },
	{ "--wrong", "#8A4500", N_("réponse à revoir, indices") },
	{ "--info", "#1A4F80", N_("informations, syllabes") },
};

static const struct pair pairs[] = {
	{ "#2B2520", "#FBF6EC", N_("texte sur le fond"), 4.5 },
	{ "#5E544B", "#FBF6EC", N_("texte secondaire sur le fond"), 4.5 },
	{ "#1B5C8F", "#FBF6EC", N_("lien sur le fond"), 4.5 },
	{ "#FFFFFF", "#2F4858", N_("en-tête, légendes, en-têtes de tableau"), 4.5 },
	{ "#FFD166", "#2F4858", N_("focus et survol dans l'en-tête"), 4.5 },
	{ "#FFFFFF", "#B4471C", N_("bouton principal"), 4.5 },
	{ "#FFFFFF", "#9E3D17", N_("bouton principal survolé"), 4.5 },
	{ "#A32019", "#FDECEA", N_("message d'erreur"), 4.5 },
	{ "#1D5B2A", "#E9F5EA", N_("réponse juste, message de succès"), 4.5 },
	{ "#8A4500", "#FFF1DF", N_("réponse à revoir"), 4.5 },
	{ "#1A4F80", "#E7F0F8", N_("information, réponse illisible"), 4.5 },
	{ "#1A4F80", "#FFFFFF", N_("syllabe bleue dans une question"), 4.5 },
	{ "#9E3D17", "#FFFFFF", N_("syllabe brune dans une question"), 4.5 },
	{ "#B34700", "#FBF6EC", N_("anneau de focus sur le fond"), 3.0 },
};

/* Relative luminance of "#RRGGBB" (WCAG 2.2, sRGB). */
static double luminance(const char *hex)
{
	unsigned long rgb = strtoul(hex + 1, NULL, 16);
	double channel[3], c;
	int i;

	for (i = 0; i < 3; i++) {
		c = (double)((rgb >> (16 - 8 * i)) & 0xFF) / 255.0;
		channel[i] = c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
	}
	return 0.2126 * channel[0] + 0.7152 * channel[1] + 0.0722 * channel[2];
}

static double contrast(const char *a, const char *b)
{
	double la = luminance(a), lb = luminance(b);

	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/* A ratio written the French way: "14,0". */
static void ratio_text(double ratio, char *out, size_t size)
{
	char *dot;

	snprintf(out, size, "%.1f", ratio);
	dot = strchr(out, '.');
	if (dot)
		*dot = ',';
}

static void section_open(struct request *r, const char *id, const char *title, const char *intro)
{
	buf_html(&r->out, "<section class=\"guide-section\" aria-labelledby=\"%s\"><h2 id=\"%s\">%s</h2><p>%S</p>", id, id, title, intro);
}

static void example_open(struct request *r)
{
	buf_html(&r->out, "<div class=\"guide-example\" role=\"group\" aria-label=\"%s\">", _("Exemple"));
}

static void guide_palette(struct request *r)
{
	char ratio[16];
	size_t i;

	section_open(r, "palette", _("Couleurs et contrastes"),
		     _("Les couleurs sont des variables CSS de <code>:root</code>. Un texte demande un contraste d'au moins 4,5:1 (WCAG AA), un anneau de focus 3:1. Les rapports ci-dessous sont calculés par le serveur à partir des couleurs."));
	buf_adds(&r->out, "<ul class=\"guide-swatches\">");
	for (i = 0; i < sizeof(swatches) / sizeof(swatches[0]); i++)
		buf_html(&r->out, "<li><span class=\"guide-swatch\" style=\"background:%s\"></span><code>%s</code> %s <span class=\"muted\">%s</span></li>",
			 swatches[i].hex, swatches[i].variable, swatches[i].hex, _(swatches[i].use));
	buf_html(&r->out, "</ul><div class=\"table-wrap\"><table class=\"data stack\"><caption>%s</caption><thead><tr><th scope=\"col\">%s</th>"
			  "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>",
		 _("Contraste de chaque couleur de texte sur son fond"), _("Usage"), _("Exemple"), _("Contraste"), _("Minimum"));
	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		ratio_text(contrast(pairs[i].text, pairs[i].background), ratio, sizeof(ratio));
		buf_html(&r->out, "<tr><td data-label=\"%s\">%s</td><td data-label=\"%s\"><span class=\"guide-sample\" style=\"color:%s;background:%s\">%s %s</span></td>"
				  "<td data-label=\"%s\" class=\"num\">%s:1</td><td data-label=\"%s\" class=\"num\">%S</td></tr>",
			 _("Usage"), _(pairs[i].where), _("Exemple"), pairs[i].text, pairs[i].background, pairs[i].text, pairs[i].background,
			 _("Contraste"), ratio, _("Minimum"), pairs[i].needed > 4 ? "4,5:1" : "3:1");
	}
	buf_adds(&r->out, "</tbody></table></div></section>");
}

static void guide_header(struct request *r)
{
	section_open(r, "en-tete", _("En-tête"),
		     _("Écrit par <code>page_begin()</code> : logo, menu, prénom et avatar, bouton « Se déconnecter ». Ne l'écrivez pas vous-même ; l'exemple ci-dessous est une copie inerte."));
	example_open(r);
	buf_html(&r->out, "<div class=\"site-header\"><span class=\"brand\"><img src=\"/static/img/logo.svg\" alt=\"\" width=\"40\" height=\"40\"> Ardoise</span>"
			  "<span class=\"user\"><img class=\"avatar\" src=\"/static/img/avatars/renard.svg\" alt=\"\" width=\"40\" height=\"40\"> <span>Léa M.</span></span></div></div></section>");
}

static void guide_buttons(struct request *r)
{
	section_open(r, "boutons", _("Boutons"),
		     _("<code>.btn</code> sur un <code>&lt;a&gt;</code> ou un <code>&lt;button&gt;</code> ; <code>.btn-primary</code> pour l'action principale, une seule par page. <code>.btn-listen</code> est le bouton « Écouter » écrit par <code>listen_activity()</code>. Toutes les cibles font au moins 44 × 44 px."));
	example_open(r);
	buf_html(&r->out, "<p class=\"form-actions\"><button class=\"btn btn-primary\" type=\"button\">%s</button>"
			  "<button class=\"btn\" type=\"button\">%s</button><a class=\"btn btn-listen\" href=\"/ecouter?page=accueil&amp;vitesse=normale\" data-listen>"
			  "<img src=\"/static/img/ecouter.svg\" alt=\"\" width=\"24\" height=\"24\">%s<span class=\"sr-only\"> %s</span></a>"
			  "<a class=\"btn btn-listen\" href=\"/ecouter?page=accueil&amp;vitesse=lente\" data-listen>"
			  "<img src=\"/static/img/ecouter.svg\" alt=\"\" width=\"24\" height=\"24\">%s<span class=\"sr-only\"> %s</span></a></p></div></section>",
		 _("Valider mes réponses"), _("Mes résultats"), _("Écouter"), _("à vitesse normale"), _("Écouter lentement"), _("la consigne d'exemple"));
}

static void guide_tiles(struct request *r)
{
	section_open(r, "tuiles", _("Tuiles et listes d'activités"),
		     _("<code>.tiles</code> contient des <code>a.tile</code> (icône, <code>.tile-label</code>, <code>.tile-count</code>) ; <code>ul.list-activities</code> des <code>a.activity-link</code>."));
	example_open(r);
	buf_html(&r->out, "<div class=\"tiles\"><a class=\"tile\" href=\"#tuiles\"><img class=\"tile-icon\" src=\"/static/img/subjects/mathematiques.svg\" alt=\"\" width=\"64\" height=\"64\">"
			  "<span class=\"tile-label\">%s</span><span class=\"tile-count\">12 %s</span></a>"
			  "<a class=\"tile\" href=\"#tuiles\"><img class=\"tile-icon\" src=\"/static/img/subjects/francais.svg\" alt=\"\" width=\"64\" height=\"64\">"
			  "<span class=\"tile-label\">%s</span><span class=\"tile-count\">1 %s</span></a></div>"
			  "<ul class=\"list-activities\"><li><a class=\"activity-link\" href=\"#tuiles\"><span class=\"activity-title\">%s</span>"
			  "<span class=\"activity-meta\">10 %s</span></a></li></ul></div></section>",
		 _("Mathématiques"), _("activités"), _("Maîtrise de la langue"), _("activité"), _("Les nombres jusqu’à 10 000"), _("min environ"));
}

static void guide_activity(struct request *r)
{
	section_open(r, "activite", _("Cadre d'activité"),
		     _("Chaque question est un <code>fieldset.question</code> dont la légende porte le numéro, puis <code>.prompt</code>, les choix <code>label.choice</code>, les trous <code>input.blank</code>, un champ <code>.numeric</code> et l'indice <code>details.hint</code>. Le bouton « Syllabes en couleur » apparaît sur les textes courts quand l'enfant l'a choisi."));
	example_open(r);
	buf_html(&r->out, "<fieldset class=\"question\"><legend>%s 1</legend><div class=\"prompt\"><p>%s</p></div>"
			  "<div class=\"choices\"><label class=\"choice\"><input type=\"radio\" name=\"guide-q\" value=\"0\" checked> <span>%s</span></label>"
			  "<label class=\"choice\"><input type=\"radio\" name=\"guide-q\" value=\"1\"> <span>%s</span></label></div>"
			  "<div class=\"cloze\"><p>%s <input class=\"blank\" aria-label=\"%s 1\" value=\"\"> %s</p></div>"
			  "<details class=\"hint\"><summary>%s</summary><p>%s</p></details></fieldset></div></section>",
		 _("Question"), _("Combien de dizaines y a-t-il dans 40 ?"), "4", "40", _("Le chat"), _("Trou"), _("sur le mur."),
		 _("Un indice ?"), _("Une dizaine, c'est 10."));
}

static void guide_feedback(struct request *r)
{
	section_open(r, "retours", _("Retours de correction"),
		     _("<code>section.feedback</code> avec <code>.feedback-right</code> (juste), <code>.feedback-wrong</code> (à revoir) ou <code>.feedback-invalid</code> (réponse illisible). Le symbole vient de la feuille de style ; le mot du verdict reste dans <code>.verdict</code>. Le score se met dans <code>.score</code>."));
	example_open(r);
	buf_html(&r->out, "<div class=\"score\"><p><strong>4 / 5</strong></p><p>%s</p></div>"
			  "<section class=\"feedback feedback-right\"><h3>%s 1</h3><p class=\"verdict\">%s</p></section>"
			  "<section class=\"feedback feedback-wrong\"><h3>%s 2</h3><p class=\"verdict\">%s</p><p class=\"expected\">%s 3 506</p></section>"
			  "<section class=\"feedback feedback-invalid\"><h3>%s 3</h3><p class=\"verdict\">%s</p><p>%s</p></section></div></section>",
		 _("Beau travail ! Regarde les corrections pour progresser encore."), _("Question"), _("Juste !"), _("Question"),
		 _("Pas encore"), _("La bonne réponse :"), _("Question"), _("À réécrire"), _("Écris un nombre, par exemple 3,5."));
}

static void guide_forms(struct request *r)
{
	static const char *const values[] = { "CE2", "CM1", "CM2", "6e" };
	struct field_errors errors = { 0 };

	section_open(r, "formulaires", _("Formulaires et erreurs"),
		     _("Écrivez les champs avec <code>widget_text()</code> et <code>widget_select()</code> : le libellé, l'aide et l'erreur sont reliés au champ (<code>aria-describedby</code>, <code>aria-invalid</code>). <code>widget_error_summary()</code> résume les erreurs en haut du formulaire, avec un lien vers chaque champ."));
	field_errors_add(&errors, "guide-prenom", "%s", _("Écrivez le prénom de l'élève (40 caractères au plus)."));
	example_open(r);
	buf_adds(&r->out, "<form method=\"get\" action=\"/guide-style\">");
	widget_error_summary(r, &errors);
	widget_text(r, "guide-prenom", _("Prénom"), "", _("Tel qu'il l'écrit, par exemple Léa"), &errors, "maxlength=\"40\"");
	widget_select(r, "guide-niveau", _("Niveau"), values, values, 4, "CM1", &errors);
	buf_html(&r->out, "<div class=\"form-actions\"><button class=\"btn btn-primary\" type=\"submit\">%s</button></div></form></div></section>",
		 _("Enregistrer"));
}

static void guide_tables(struct request *r)
{
	section_open(r, "tableaux", _("Tableaux"),
		     _("<code>table.data.stack</code> dans <code>.table-wrap</code>, avec une <code>caption</code> et des <code>th scope=\"col\"</code>. Chaque cellule porte <code>data-label</code> : sous 480 px, chaque ligne devient une carte. La colonne triée porte <code>aria-sort</code> ; le tri et les pages passent par <code>?tri=…&amp;page=…</code>, sans JavaScript."));
	example_open(r);
	buf_html(&r->out, "<div class=\"table-wrap\"><table class=\"data stack\"><caption>%s</caption><thead><tr>"
			  "<th scope=\"col\" aria-sort=\"ascending\"><a class=\"sort\" href=\"#tableaux\">%s <span aria-hidden=\"true\">▲</span></a></th>"
			  "<th scope=\"col\"><a class=\"sort\" href=\"#tableaux\">%s</a></th></tr></thead><tbody>"
			  "<tr><td data-label=\"%s\">Adam T.</td><td data-label=\"%s\">CM2</td></tr>"
			  "<tr><td data-label=\"%s\">Léa M.</td><td data-label=\"%s\">CE2</td></tr></tbody></table></div>"
			  "<nav class=\"pagination\" aria-label=\"%s\"><ul><li><span aria-current=\"page\">1</span></li><li><a href=\"#tableaux\">2</a></li>"
			  "<li><a href=\"#tableaux\">%s</a></li></ul></nav></div></section>",
		 _("Élèves, triés par nom"), _("Nom"), _("Niveau"), _("Nom"), _("Niveau"), _("Nom"), _("Niveau"),
		 _("Pages du tableau d'exemple"), _("Page suivante"));
}

static void guide_flash(struct request *r)
{
	section_open(r, "messages", _("Messages"),
		     _("<code>widget_flash()</code> en haut de <code>main</code> : « info », « success » (rôle <code>status</code>) ou « error » (rôle <code>alert</code>)."));
	example_open(r);
	widget_flash(r, "info", _("Une réponse est à réécrire : lis le message sous la question."));
	widget_flash(r, "success", _("C'est enregistré."));
	widget_flash(r, "error", _("Le groupe n'a pas pu être créé."));
	buf_adds(&r->out, "</div></section>");
}

static void guide_pictures(struct request *r)
{
	static const char *const pictures[] = { "chat", "soleil", "arbre", "bateau", "fleur", "poisson" };
	size_t i;

	section_open(r, "images", _("Grille d'images"),
		     _("<code>.picture-grid</code> de <code>button.picture</code> (connexion des enfants), avec les points <code>.picture-progress .dot</code>. Chaque image a un texte de remplacement, car c'est le nom que l'enfant entend."));
	example_open(r);
	buf_adds(&r->out, "<div class=\"picture-grid\">");
	for (i = 0; i < sizeof(pictures) / sizeof(pictures[0]); i++)
		buf_html(&r->out, "<button class=\"picture\" type=\"button\"><img src=\"/static/img/pictures/%U.svg\" alt=\"%s\" width=\"96\" height=\"96\"></button>",
			 pictures[i], pictures[i]);
	buf_html(&r->out, "</div><ol class=\"picture-progress\"><li class=\"dot filled\"><span class=\"sr-only\">%s</span></li>"
			  "<li class=\"dot\"><span class=\"sr-only\">%s</span></li><li class=\"dot\"><span class=\"sr-only\">%s</span></li></ol></div></section>",
		 _("choisie"), _("à choisir"), _("à choisir"));
}

static void guide_reading(struct request *r)
{
	section_open(r, "lecture", _("Réglages de lecture"),
		     _("Les réglages de l'enfant (<code>/eleve/lecture</code>) deviennent des classes de <code>&lt;body&gt;</code> : <code>police-dys</code> (police OpenDyslexic), <code>espaces-larges</code> et <code>syllabes</code> (bouton « Syllabes en couleur » sur les textes de moins de 300 caractères). Les mêmes classes marchent sur un bloc, comme ici."));
	example_open(r);
	buf_html(&r->out, "<p class=\"police-dys\">%s</p><p class=\"espaces-larges\">%s</p>"
			  "<p><span class=\"syl-a\">la</span><span class=\"syl-b\">pin</span> <span class=\"syl-a\">é</span><span class=\"syl-b\">cu</span><span class=\"syl-a\">reuil</span></p></div></section>",
		 _("Police OpenDyslexic : le lapin court vers la forêt."), _("Espaces larges : le lapin court vers la forêt."));
}

int page_style_guide(struct request *r)
{
	page_begin(r, _("Guide de style"));
	buf_html(&r->out, "<h1>%s</h1><p class=\"lead\">%s</p>", _("Guide de style"),
		 _("Chaque composant de la feuille de style, avec un exemple vivant, pour écrire des pages qui se ressemblent. Tout le HTML passe par buf_html(), qui échappe les données."));
	buf_html(&r->out, "<nav class=\"card\" aria-label=\"%s\"><ul class=\"guide-toc\"><li><a href=\"#palette\">%s</a></li><li><a href=\"#en-tete\">%s</a></li>"
			  "<li><a href=\"#boutons\">%s</a></li><li><a href=\"#tuiles\">%s</a></li><li><a href=\"#activite\">%s</a></li><li><a href=\"#retours\">%s</a></li>"
			  "<li><a href=\"#formulaires\">%s</a></li><li><a href=\"#tableaux\">%s</a></li><li><a href=\"#messages\">%s</a></li>"
			  "<li><a href=\"#images\">%s</a></li><li><a href=\"#lecture\">%s</a></li></ul></nav>",
		 _("Sommaire du guide"), _("Couleurs et contrastes"), _("En-tête"), _("Boutons"), _("Tuiles"), _("Cadre d'activité"),
		 _("Retours de correction"), _("Formulaires"), _("Tableaux"), _("Messages"), _("Grille d'images"), _("Réglages de lecture"));
	guide_palette(r);
	guide_header(r);
	guide_buttons(r);
	guide_tiles(r);
	guide_activity(r);
	guide_feedback(r);
	guide_forms(r);
	guide_tables(r);
	guide_flash(r);
	guide_pictures(r);
	guide_reading(r);
	page_end(r);
	return 200;
}
