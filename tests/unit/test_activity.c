/* Unit tests of the content parser (content/activity.h): a complete valid
 * file, then one row per kind of error with its exact line and message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "content/activity.h"
#include "content/parse.h"

/* The front matter fields but the version: lines 2 to 11. */
#define FIELDS                                                              \
	"id: essai-complet\n"                                               \
	"type: activite\n"                                                  \
	"subject: mathematiques\n"                                          \
	"levels: [CM1, CM2]\n"                                              \
	"competencies: [MA-NC-FRACTIONS, MA-NC-DECIMAUX]\n"                 \
	"title: Essai\n"                                                    \
	"theme: Nombres\n"                                                  \
	"minutes: 5\n"                                                      \
	"author: Anne\n"                                                    \
	"reviewer: Bruno\n"

/* A complete front matter; the closing "---" is line 13. */
#define FULL_HEADER "---\n" FIELDS "version: 3\n---\n"

/* A valid question, to append after an error under test. */
#define GOOD_QUESTION "\n## Question\n\nCombien ?\n\n= 2\n"

static const char complete[] =
	FULL_HEADER                                         /* 1-13 */
	"\n"                                                /* 14 */
	"Intro *texte* <script>alert(1)</script>\n"         /* 15 */
	"\n"                                                /* 16 */
	"## Question 1 : Le choix\n"                        /* 17 */
	"\n"
	"Quel est **le bon** choix ?\n"
	"\n"
	"- [ ] faux\n"
	"- [x] *vrai*\n"
	"- [ ] autre\n"
	"\n"
	"> Indice : regarde bien.\n"
	"> Si juste : Oui.\n"
	"> Si faux : Non.\n"
	"> Relis la consigne.\n"
	"\n"
	"## Question\n"                                     /* 30 */
	"\n"
	"Complète.\n"
	"\n"
	"Écris [[3/4|trois quarts]], [[?le|*la\\|les|un]], [[!Paris]],"
	" [[a\\]]b]] et [[12 : 3]].\n"
	"\n"
	"## Question\n"                                     /* 36 */
	"\n"
	"Combien ?\n"
	"\n"
	"= 3 500 ± 0,5 cm\n";

static struct activity *parse_str(const char *s, struct content_error *err)
{
	return activity_parse(s, strlen(s), err);
}

static void complete_front_matter(void **state)
{
	struct content_error err;
	struct activity *a = parse_str(complete, &err);

	assert_non_null(a);
	assert_string_equal(a->id, "essai-complet");
	assert_int_equal(a->id_line, 2);
	assert_string_equal(a->subject, "mathematiques");
	assert_int_equal(a->levels, LEVEL_CM1 | LEVEL_CM2);
	assert_int_equal(a->competency_count, 2);
	assert_string_equal(a->competencies[1], "MA-NC-DECIMAUX");
	assert_int_equal(a->competency_lines[1], 6);
	assert_string_equal(a->title, "Essai");
	assert_string_equal(a->theme, "Nombres");
	assert_int_equal(a->minutes, 5);
	assert_string_equal(a->author, "Anne");
	assert_string_equal(a->reviewer, "Bruno");
	assert_int_equal(a->version, 3);
	assert_int_equal(a->question_count, 3);
	activity_free(a);
}

static void complete_intro_drops_html(void **state)
{
	struct content_error err;
	struct activity *a = parse_str(complete, &err);

	assert_non_null(a);
	assert_string_equal(a->intro_html, "<p>Intro <em>texte</em> <!-- raw"
			    " HTML omitted -->alert(1)<!-- raw HTML omitted"
			    " --></p>\n");
	activity_free(a);
}

static void complete_choice(void **state)
{
	struct content_error err;
	struct activity *a = parse_str(complete, &err);
	const struct question *q;

	assert_non_null(a);
	q = &a->questions[0];
	assert_int_equal(q->kind, QUESTION_CHOICE);
	assert_int_equal(q->line, 17);
	assert_string_equal(q->title, "Le choix");
	assert_string_equal(q->prompt_html, "<p>Quel est <strong>le bon</strong>"
			    " choix ?</p>\n");
	assert_int_equal(q->option_count, 3);
	assert_string_equal(q->options[1].html, "<em>vrai</em>");
	assert_false(q->options[0].correct);
	assert_true(q->options[1].correct);
	assert_false(q->multiple);
	assert_string_equal(q->hint_html, "<p>regarde bien.</p>\n");
	assert_string_equal(q->feedback_right_html, "<p>Oui.</p>\n");
	assert_string_equal(q->feedback_wrong_html,
			    "<p>Non.\nRelis la consigne.</p>\n");
	activity_free(a);
}

static void complete_cloze(void **state)
{
	struct content_error err;
	struct activity *a = parse_str(complete, &err);
	const struct question *q;

	assert_non_null(a);
	q = &a->questions[1];
	assert_int_equal(q->kind, QUESTION_CLOZE);
	assert_null(q->title);
	assert_string_equal(q->prompt_html, "<p>Complète.</p>\n");
	assert_int_equal(q->blank_count, 5);
	assert_string_equal(q->pieces_html[0], "<p>Écris ");
	assert_string_equal(q->pieces_html[1], ", ");
	assert_string_equal(q->pieces_html[5], ".</p>\n");
	assert_int_equal(q->blanks[0].accepted_count, 2);
	assert_string_equal(q->blanks[0].accepted[0], "3/4");
	assert_string_equal(q->blanks[0].accepted[1], "trois quarts");
	assert_null(q->blanks[0].menu);
	assert_int_equal(q->blanks[1].menu_count, 3);
	assert_string_equal(q->blanks[1].menu[1], "la|les");
	assert_int_equal(q->blanks[1].accepted_count, 1);
	assert_string_equal(q->blanks[1].accepted[0], "la|les");
	assert_true(q->blanks[2].case_sensitive);
	assert_false(q->blanks[0].case_sensitive);
	assert_string_equal(q->blanks[3].accepted[0], "a]]b");
	assert_string_equal(q->blanks[4].accepted[0], "12 : 3");
	activity_free(a);
}

static void complete_numeric(void **state)
{
	struct content_error err;
	struct activity *a = parse_str(complete, &err);
	const struct question *q;

	assert_non_null(a);
	q = &a->questions[2];
	assert_int_equal(q->kind, QUESTION_NUMERIC);
	assert_string_equal(q->answer_text, "3 500");
	assert_string_equal(q->tolerance_text, "0,5");
	assert_string_equal(q->unit, "cm");
	assert_true(q->value == 3500.0);
	assert_true(q->tolerance == 0.5);
	assert_null(q->hint_html);
	activity_free(a);
}

static void multiple_choice(void **state)
{
	static const char text[] = FULL_HEADER "## Question\n\nLesquels ?\n\n"
		"- [x] un\n* [X] deux\n- [ ] trois\n";
	struct content_error err;
	struct activity *a = parse_str(text, &err);

	assert_non_null(a);
	assert_true(a->questions[0].multiple);
	assert_true(a->questions[0].options[1].correct);
	activity_free(a);
}

static void bom_and_crlf(void **state)
{
	static const char text[] = "\xef\xbb\xbf---\r\nid: a\r\ntype: activite"
		"\r\nsubject: francais\r\nlevels: CE2\r\ncompetencies:"
		" [FR-X]\r\ntitle: T\r\nminutes: 3\r\nauthor: A\r\nreviewer:"
		" B\r\nversion: 1\r\n---\r\n## Question\r\n\r\nCombien ?"
		"\r\n\r\n= 2\r\n";
	struct content_error err;
	struct activity *a = parse_str(text, &err);

	assert_non_null(a);
	assert_string_equal(a->questions[0].answer_text, "2");
	assert_int_equal(a->levels, LEVEL_CE2);
	activity_free(a);
}

static void not_nul_terminated(void **state)
{
	char *copy = malloc(sizeof(complete) - 1);
	struct content_error err;
	struct activity *a;

	assert_non_null(copy);
	memcpy(copy, complete, sizeof(complete) - 1);
	a = activity_parse(copy, sizeof(complete) - 1, &err);
	assert_non_null(a);
	activity_free(a);
	free(copy);
}

static void file_too_long(void **state)
{
	size_t len = ACTIVITY_MAX_FILE_BYTES + 1;
	char *big = malloc(len);
	struct content_error err;

	assert_non_null(big);
	memset(big, 'a', len);
	assert_null(activity_parse(big, len, &err));
	assert_int_equal(err.line, 1);
	assert_string_equal(err.message, "fichier trop long (262145 octets)" SC
			    " un fichier d’activité fait au plus 262144"
			    " octets, découpez-le en plusieurs activités");
	free(big);
}

static void level_names(void **state)
{
	assert_int_equal(level_parse("CM1"), LEVEL_CM1);
	assert_int_equal(level_parse("cm1"), 0);
	assert_int_equal(level_parse(NULL), 0);
	assert_string_equal(level_name(LEVEL_6E), "6e");
	assert_string_equal(level_name(LEVEL_CE2 | LEVEL_CM1), "?");
	assert_string_equal(subject_label("francais"), "Maîtrise de la langue");
	assert_null(subject_label("latin"));
}

struct error_row {
	const char *name;
	const char *text;
	int line;
	const char *message;
};

static const struct error_row error_rows[] = {
	{ "no header", "bonjour\n", 1, "le fichier doit commencer par une"
	  " ligne " LQ "---" RQ ", suivie de l’en-tête (id, title…)" },
	{ "header not closed", "---\nid: a\n", 1, "l’en-tête ouvert ligne 1"
	  " n’est jamais fermé" SC " ajoutez une ligne " LQ "---" RQ " après"
	  " le dernier champ" },
	{ "bad yaml", "---\nid: a\ntitle: [oops\nminutes: 3\n---\n", 3,
	  "l’en-tête n’est pas du YAML valide" SC " vérifiez les"
	  " deux-points, les retraits (des espaces, pas de tabulation) et les"
	  " guillemets" },
	{ "unknown key", "---\n" FIELDS "couleur: bleu\n---\n", 12, "champ inconnu " LQ
	  "couleur" RQ SC " les champs possibles sont id, type, subject,"
	  " levels, competencies, title, theme, minutes, author, reviewer,"
	  " version, items, media, captions, audience, generator, variant, difficulty, questions" },
	{ "missing version", "---\n" FIELDS "---\n" GOOD_QUESTION, 12, "champ " LQ "version"
	  RQ " manquant dans l’en-tête" SC " ajoutez-le avant la ligne " LQ
	  "---" RQ },
	{ "unknown level", "---\nlevels: [CM1, CM3]\n---\n", 2, "niveau"
	  " inconnu " LQ "CM3" RQ SC " écrivez CE2, CM1, CM2 ou 6e" },
	{ "bad id", "---\nid: Maths_1\n---\n", 2, "identifiant invalide " LQ
	  "Maths_1" RQ SC " utilisez des minuscules sans accent, des chiffres"
	  " et des tirets, comme maths-cm1-fractions" },
	{ "bad type", "---\ntype: lecon\n---\n", 2, "type inconnu " LQ "lecon"
	  RQ SC " écrivez activite, fiche, dossier, video, methodologie ou parcours" },
	{ "bad subject", "---\nsubject: latin\n---\n", 2, "matière inconnue "
	  LQ "latin" RQ SC " écrivez par exemple mathematiques ou francais"
	  " (liste dans la documentation)" },
	{ "zero minutes", "---\nminutes: 0\n---\n", 2, "valeur invalide " LQ
	  "0" RQ " pour " LQ "minutes" RQ SC " écrivez un nombre entier de 1"
	  " à 120" },
	{ "version in words", "---\nversion: deux\n---\n", 2, "valeur"
	  " invalide " LQ "deux" RQ " pour " LQ "version" RQ SC " écrivez un"
	  " nombre entier de 1 à 1000000" },
	{ "key twice", "---\ntitle: A\ntitle: B\n---\n", 3, "le champ " LQ
	  "title" RQ " est écrit deux fois" SC " gardez une seule ligne" },
	{ "empty title", "---\ntitle:\n---\n", 2, "le champ " LQ "title" RQ
	  " est vide" SC " écrivez sa valeur après les deux-points" },
	{ "list as title", "---\ntitle: [a, b]\n---\n", 2, "le champ " LQ
	  "title" RQ " attend une seule valeur, pas une liste" },
	{ "bad code", "---\ncompetencies: [ma-nc]\n---\n", 2, "code de"
	  " compétence invalide " LQ "ma-nc" RQ SC " utilisez des majuscules,"
	  " des chiffres et des tirets, comme MA-NC-FRACTIONS" },
	{ "no question", FULL_HEADER "\nBonjour.\n", 15, "aucune question" SC
	  " commencez chaque question par une ligne " LQ "## Question" RQ },
	{ "no answer", FULL_HEADER "## Question\n\nPourquoi ?\n", 14,
	  "question sans réponse" SC " ajoutez des cases " LQ "- [x]" RQ
	  ", une ligne " LQ "= nombre" RQ " ou des trous [[…]]" },
	{ "no box ticked", FULL_HEADER "## Question\n\nQui ?\n\n- [ ] a\n"
	  "- [ ] b\n", 18, "aucune case n’est cochée" SC " écrivez " LQ
	  "- [x]" RQ " devant la ou les bonnes réponses" },
	{ "one option", FULL_HEADER "## Question\n\nQui ?\n\n- [x] a\n", 18,
	  "une question à choix demande au moins deux cases " LQ "- [ ]"
	  RQ },
	{ "empty option", FULL_HEADER "## Question\n\nQui ?\n\n- [x] a\n"
	  "- [ ]\n", 19, "case sans texte" SC " écrivez la réponse après "
	  LQ "[ ]" RQ " ou " LQ "[x]" RQ },
	{ "no prompt", FULL_HEADER "## Question\n\n- [x] a\n- [ ] b\n", 14,
	  "question sans énoncé" SC " écrivez la consigne sous la ligne " LQ
	  "## Question" RQ },
	{ "point in number", FULL_HEADER "## Question\n\nCombien ?\n\n"
	  "= 3.5\n", 18, "nombre illisible " LQ "3.5" RQ SC " écrivez-le à la"
	  " française, avec une virgule (3,5) et des espaces pour les milliers"
	  " (3 500)" },
	{ "missing number", FULL_HEADER "## Question\n\nCombien ?\n\n= cm\n",
	  18, "nombre manquant" SC " écrivez par exemple " LQ "= 3,5" RQ
	  " ou " LQ "= 12 ± 0,5 cm" RQ },
	{ "unit before tolerance", FULL_HEADER "## Question\n\nCombien ?\n\n"
	  "= 3 cm ± 1\n", 18, "écrivez l’unité en fin de ligne, après la"
	  " tolérance" SC " " LQ "= 3,5 ± 0,1 cm" RQ },
	{ "signed tolerance", FULL_HEADER "## Question\n\nCombien ?\n\n"
	  "= 3 ± -1\n", 18, "écrivez la tolérance sans signe, comme " LQ
	  "± 0,1" RQ },
	{ "two numbers", FULL_HEADER "## Question\n\nCombien ?\n\n= 3\n= 4\n",
	  18, "plusieurs lignes " LQ "=" RQ SC " une question à nombre n’a"
	  " qu’une réponse" },
	{ "choice and number", FULL_HEADER "## Question\n\nCombien ?\n\n"
	  "- [x] 3\n- [ ] 4\n= 3\n", 18, "une question ne peut pas avoir à la"
	  " fois des cases " LQ "- [x]" RQ " et une ligne " LQ "=" RQ SC
	  " faites-en deux questions" },
	{ "blank in choice", FULL_HEADER "## Question\n\nLe [[x]] ?\n\n"
	  "- [x] 3\n- [ ] 4\n", 16, "un trou [[…]] ne peut pas être mis dans"
	  " une question à choix ou à nombre" SC " enlevez les cases et la"
	  " ligne " LQ "=" RQ " pour en faire un texte à trous" },
	{ "unterminated blank", FULL_HEADER "## Question\n\nLe chat [[mange"
	  " la souris.\n", 16, "trou non fermé" SC " ajoutez " LQ "]]" RQ
	  " après la réponse, sur la même ligne (écrivez \\]] pour des"
	  " crochets dans la réponse)" },
	{ "empty blank", FULL_HEADER "## Question\n\nLe [[]] chat.\n", 16,
	  "réponse vide dans un trou" SC " écrivez une réponse entre les"
	  " barres " LQ "|" RQ },
	{ "empty variant", FULL_HEADER "## Question\n\nLe [[a||b]] chat.\n",
	  16, "réponse vide dans un trou" SC " écrivez une réponse entre les"
	  " barres " LQ "|" RQ },
	{ "menu without star", FULL_HEADER "## Question\n\nLe [[?a|b]].\n",
	  16, "aucun choix n’a d’étoile dans la liste" SC " écrivez * devant"
	  " la bonne réponse, comme [[?le|*la|les]]" },
	{ "menu of one", FULL_HEADER "## Question\n\nLe [[?*a]].\n", 16,
	  "une liste [[?…]] demande au moins deux choix séparés par " LQ "|"
	  RQ },
	{ "star in free blank", FULL_HEADER "## Question\n\nLe [[*a|b]].\n",
	  16, "l’étoile * marque la bonne réponse d’une liste" SC " commencez"
	  " le trou par ? pour une liste, ou écrivez \\* pour une vraie"
	  " étoile" },
	{ "blank in image", FULL_HEADER "## Question\n\nVoir ![image [[a]]](i.png)"
	  ".\n", 16, "un trou est placé dans un lien, une image ou une"
	  " adresse" SC " mettez-le dans le texte ordinaire" },
	{ "text after answers", FULL_HEADER "## Question\n\nQui ?\n\n"
	  "- [x] a\n- [ ] b\nEt alors ?\n", 20, "texte après les réponses" SC
	  " placez la consigne avant les cases ou la ligne " LQ "=" RQ },
	{ "text after hints", FULL_HEADER "## Question\n\nCombien ?\n\n= 2\n"
	  "> Indice : compte.\n\nEncore.\n", 21, "texte après les indices" SC
	  " placez l’énoncé et les réponses avant les lignes " LQ ">" RQ },
	{ "hint without label", FULL_HEADER "## Question\n\nCombien ?\n\n"
	  "= 2\n> compte bien\n", 19, "ligne " LQ ">" RQ " sans étiquette" SC
	  " commencez par " LQ "> Indice :" RQ ", " LQ "> Si juste :" RQ " ou "
	  LQ "> Si faux :" RQ },
	{ "hint twice", FULL_HEADER "## Question\n\nCombien ?\n\n= 2\n"
	  "> Indice : un.\n> indice: deux.\n", 20, LQ "Indice" RQ " est écrit"
	  " deux fois pour cette question" SC " regroupez le texte sous une"
	  " seule étiquette" },
	{ "invalid utf-8", FULL_HEADER "## Question\n\nCombien \xe9t\xe9 ?\n",
	  16, "caractère illisible (le fichier n’est pas en UTF-8)" SC
	  " enregistrez le fichier en UTF-8" },
	{ "control character", "---\nid: a\x01\n---\n", 2, "caractère de"
	  " contrôle invisible (code 1)" SC " supprimez-le" },
	{ "nul byte", "---\n\n\nid\0", 4, "caractère de contrôle invisible"
	  " (code 0)" SC " supprimez-le" },
};

static void error_table(void **state)
{
	size_t i, failed = 0;

	for (i = 0; i < sizeof(error_rows) / sizeof(error_rows[0]); i++) {
		const struct error_row *r = &error_rows[i];
		struct content_error err;
		size_t len = strlen(r->text);
		struct activity *a;

		if (strcmp(r->name, "nul byte") == 0)
			len = 9;
		a = activity_parse(r->text, len, &err);
		if (a || err.line != r->line ||
		    strcmp(err.message, r->message) != 0) {
			print_error("error row \"%s\": got line %d \"%s\", want"
				    " line %d \"%s\"\n", r->name, err.line,
				    a ? "(parsed)" : err.message, r->line,
				    r->message);
			failed++;
		}
		activity_free(a);
	}
	assert_int_equal(failed, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(complete_front_matter),
		cmocka_unit_test(complete_intro_drops_html),
		cmocka_unit_test(complete_choice),
		cmocka_unit_test(complete_cloze),
		cmocka_unit_test(complete_numeric),
		cmocka_unit_test(multiple_choice),
		cmocka_unit_test(bom_and_crlf),
		cmocka_unit_test(not_nul_terminated),
		cmocka_unit_test(file_too_long),
		cmocka_unit_test(level_names),
		cmocka_unit_test(error_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
