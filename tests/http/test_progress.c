/*
 * The learning path over HTTP: the child's next step and "Mes progrès",
 * the group's table of competencies, work given by the accompagnateur,
 * the detail of one child and the family report.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define CE2_ACTIVITY "maths-ce2-nombres-jusqu-a-10000"
/* The referential's label of its competency, MA-NC-ENTIERS-C2. */
#define CE2_COMPETENCY "Lire, écrire, décomposer et comparer les nombres jusqu’à 10 000"

static struct server server;

static int setup(void **state)
{
	server_start(&server);
	return 0;
}

static int teardown(void **state)
{
	return server_stop(&server);
}

static void sign_in_helper(struct client *c)
{
	const struct demo_account *helper = server_account(&server, "accompagnateur");

	client_init(c, &server);
	assert_int_equal(sign_in_adult(c, helper->login, helper->secret), 0);
}

/* Submit activity `id` with `answers` as `child`; returns the status and
 * copies the result page's path into `location`. */
static long submit_activity(const char *child, const char *id, const char *answers, char location[512], size_t size)
{
	struct client c;
	struct response r;
	char csrf[64], key[64], body[1024];
	long status;

	char path[256];

	snprintf(path, sizeof(path), "/activite/%s", id);
	client_init(&c, &server);
	assert_int_equal(sign_in_child(&c, child), 0);
	client_get(&c, path, &r);
	assert_int_equal(page_hidden(&r, "csrf", csrf, sizeof(csrf)), 0);
	assert_int_equal(page_hidden(&r, "cle", key, sizeof(key)), 0);
	response_release(&r);
	snprintf(body, sizeof(body), "csrf=%s&cle=%s&version=1&debut=0&%s", csrf, key, answers);
	client_post(&c, path, body, &r);
	status = r.status;
	snprintf(location, size, "%s", r.location);
	response_release(&r);
	client_release(&c);
	return status;
}

/* Submit the CE2 activity with `answers` as `child`; returns the status. */
static long submit_as(const char *child, const char *answers)
{
	char location[512];

	return submit_activity(child, CE2_ACTIVITY, answers, location, sizeof(location));
}

/* POST the assignment form of group 1 with `fields`, leaving the
 * response in `r`. */
static void assign(struct client *c, const char *fields, struct response *r)
{
	char csrf[64], body[1024];

	client_get(c, "/groupe/1/progres", r);
	assert_int_equal(r->status, 200);
	assert_int_equal(page_hidden(r, "csrf", csrf, sizeof(csrf)), 0);
	response_release(r);
	snprintf(body, sizeof(body), "csrf=%s&%s", csrf, fields);
	client_post(c, "/groupe/1/travail", body, r);
}

#define NEXT_LINK "<a class=\"btn btn-primary\" href=\"/activite/"

static void child_home_shows_next_step(void **state)
{
	struct client c;
	struct response r;
	const char *next;
	char id[128];

	client_init(&c, &server);
	assert_int_equal(sign_in_child(&c, "Léa M."), 0);
	client_get(&c, "/eleve", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Ta prochaine activité"));
	/* Léa is in CE2: the proposed activity is one of her level. */
	next = strstr(r.body, NEXT_LINK);
	assert_non_null(next);
	next += strlen(NEXT_LINK);
	/* The ids of the content name their level, like "histoire-ce2-...". */
	snprintf(id, sizeof(id), "%.*s", (int)strcspn(next, "\""), next);
	assert_non_null(strstr(id, "ce2"));
	assert_non_null(strstr(r.body, "href=\"/eleve/progres\""));
	response_release(&r);
	client_release(&c);
}

static void assigned_work_comes_first(void **state)
{
	struct client adult, child;
	struct response r;
	char *next;

	sign_in_helper(&adult);
	assign(&adult, "quoi=" CE2_ACTIVITY "&pour=groupe&echeance=2099-01-15", &r);
	assert_int_equal(r.status, 303);
	assert_non_null(strstr(r.location, "/groupe/1/progres?fait=1"));
	response_release(&r);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM assignment WHERE group_id = 1 AND activity_id = '" CE2_ACTIVITY "'"), 1);

	client_init(&child, &server);
	assert_int_equal(sign_in_child(&child, "Noah B."), 0);
	client_get(&child, "/eleve", &r);
	next = strstr(r.body, "Ta prochaine activité");
	assert_non_null(next);
	assert_non_null(strstr(next, "Ton animateur te propose cette activité."));
	assert_non_null(strstr(next, "href=\"/activite/" CE2_ACTIVITY "\""));
	assert_non_null(strstr(r.body, "Ce que ton animateur te propose"));
	assert_non_null(strstr(r.body, "15/01/2099"));
	response_release(&r);
	client_release(&child);

	/* Noah does it: of the two CE2 children who can open it, one did. */
	assert_int_equal(submit_as("Noah B.", "q0=1"), 303);
	client_get(&adult, "/groupe/1/progres", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "1 / 2"));
	response_release(&r);
	client_release(&adult);
}

/* A rejected assignment shows the form again with what was chosen. */
static void rejected_assignment_keeps_choices(void **state)
{
	struct client adult;
	struct response r;

	sign_in_helper(&adult);
	assign(&adult, "quoi=" CE2_ACTIVITY "&pour=4&echeance=2027-02-30", &r);
	assert_int_equal(r.status, 422);
	assert_non_null(strstr(r.body, "<option value=\"" CE2_ACTIVITY "\" selected>"));
	assert_non_null(strstr(r.body, "<option value=\"4\" selected>"));
	assert_non_null(strstr(r.body, "value=\"2027-02-30\""));
	response_release(&r);
	assign(&adult, "quoi=parcours:parcours-maths-cm1-partage-des-crepes&pour=groupe&echeance=2020-01-15", &r);
	assert_int_equal(r.status, 422);
	assert_non_null(strstr(r.body, "<option value=\"parcours:parcours-maths-cm1-partage-des-crepes\" selected>"));
	response_release(&r);
	client_release(&adult);
}

static void bad_assignments_rejected(void **state)
{
	static const struct {
		const char *fields;
		const char *message;
	} cases[] = {
		{ "quoi=&pour=groupe", "Choisissez une activité, un parcours ou une compétence" },
		{ "quoi=parcours:inconnu&pour=groupe", "Le parcours « inconnu » n&#39;existe pas" },
		{ "quoi=activite-inconnue&pour=groupe", "L&#39;activité « activite-inconnue » n&#39;existe pas" },
		{ "quoi=competence:XX-INCONNUE&pour=groupe", "La compétence « XX-INCONNUE » n&#39;est travaillée par aucune activité" },
		{ "quoi=" CE2_ACTIVITY "&pour=999", "« 999 » n&#39;est pas un enfant de ce groupe" },
		{ "quoi=" CE2_ACTIVITY "&pour=1", "« 1 » n&#39;est pas un enfant de ce groupe" },
		{ "quoi=" CE2_ACTIVITY "&pour=groupe&echeance=2027-02-30", "La date « 2027-02-30 » n&#39;est pas valide" },
		{ "quoi=" CE2_ACTIVITY "&pour=groupe&echeance=demain", "La date « demain » n&#39;est pas valide" },
		{ "quoi=" CE2_ACTIVITY "&pour=groupe&echeance=2020-01-15", "La date « 2020-01-15 » est déjà passée" },
	};
	long before = server_query_count(&server, "SELECT count(*) FROM assignment");
	struct client adult;
	struct response r;
	size_t i;

	sign_in_helper(&adult);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assign(&adult, cases[i].fields, &r);
		if (r.status != 422 || !strstr(r.body, cases[i].message))
			fail_msg("%s: expected 422 with \"%s\", got %ld", cases[i].fields, cases[i].message, r.status);
		response_release(&r);
	}
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM assignment"), before);
	client_release(&adult);
}

static void struggling_child_listed(void **state)
{
	struct client adult;
	struct response r;
	char *help;

	/* Léa gets the first question wrong and leaves the others empty, twice. */
	assert_int_equal(submit_as("Léa M.", "q0=0"), 303);
	assert_int_equal(submit_as("Léa M.", "q0=2"), 303);
	assert_int_equal(server_query_count(&server, "SELECT level FROM mastery WHERE child_id = 3 AND competency = 'MA-NC-ENTIERS-C2'"), 1);
	sign_in_helper(&adult);
	client_get(&adult, "/groupe/1/progres", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "<th scope=\"col\">" CE2_COMPETENCY "</th>"));
	assert_non_null(strstr(r.body, "<td class=\"niveau-en-cours\">en cours</td>"));
	help = strstr(r.body, "Enfants à aider");
	assert_non_null(help);
	assert_non_null(strstr(help, "Léa M.</a> : plusieurs erreurs en " CE2_COMPETENCY));
	response_release(&r);
	client_release(&adult);
}

static void child_progress_page(void **state)
{
	struct client c;
	struct response r;

	assert_int_equal(submit_as("Noah B.", "q0=1"), 303);
	client_init(&c, &server);
	assert_int_equal(sign_in_child(&c, "Noah B."), 0);
	client_get(&c, "/eleve/progres", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Cette semaine, tu as fait"));
	assert_non_null(strstr(r.body, CE2_COMPETENCY));
	assert_non_null(strstr(r.body, "Mathématiques"));
	/* No other child's name, no ranking. */
	assert_null(strstr(r.body, "Léa"));
	assert_null(strstr(r.body, "classement"));
	response_release(&r);
	client_release(&c);
}

static void follow_page_escapes_answers(void **state)
{
	struct client adult;
	struct response r;

	/* Léa types markup into the first blank of question 3. */
	assert_int_equal(submit_as("Léa M.", "q0=1&q1=3%20506&q2b0=%3Cb%3Esix%3C%2Fb%3E"), 303);
	sign_in_helper(&adult);
	client_get(&adult, "/eleve/3/suivi", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Léa M."));
	assert_non_null(strstr(r.body, "Dernières activités et réponses"));
	assert_non_null(strstr(r.body, "3 506"));
	assert_non_null(strstr(r.body, "&lt;b&gt;six&lt;/b&gt;"));
	assert_null(strstr(r.body, "<b>six"));
	response_release(&r);
	client_release(&adult);
}

static void family_report_totals(void **state)
{
	struct client adult;
	struct response r;
	long line_sum = 0, total = -1;
	char *line, *save = NULL;

	sign_in_helper(&adult);
	/* Inès has done nothing: one total line, with "—" for the average. */
	client_get(&adult, "/eleve/5/bilan.csv", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.content_type, "text/csv"));
	assert_non_null(strstr(r.body, "Total;0;—"));
	response_release(&r);

	assert_int_equal(submit_as("Noah B.", "q0=1"), 303);
	client_get(&adult, "/eleve/4/bilan.csv", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Bilan de Noah B."));
	for (line = strtok_r(r.body, "\r\n", &save); line; line = strtok_r(NULL, "\r\n", &save)) {
		long n;
		char subject[64];

		if (sscanf(line, "%63[^;];%ld;", subject, &n) != 2)
			continue;
		if (strcmp(subject, "Total") == 0)
			total = n;
		else
			line_sum += n;
	}
	assert_true(total > 0);
	assert_int_equal(total, line_sum);
	response_release(&r);
	client_release(&adult);
}


static void family_report_pdf(void **state)
{
	struct client adult;
	struct response r;
	char *text;

	assert_int_equal(submit_as("Noah B.", "q0=1"), 303);
	sign_in_helper(&adult);
	client_get(&adult, "/eleve/4/bilan.pdf", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.content_type, "application/pdf"));
	text = response_pdf_text(&r);
	assert_non_null(text);
	assert_non_null(strstr(text, "Bilan de Noah B."));
	assert_non_null(strstr(text, "Mathématiques :"));
	assert_non_null(strstr(text, "En tout :"));
	assert_non_null(strstr(text, CE2_COMPETENCY " : en cours"));
	free(text);
	response_release(&r);
	/* Another group's child is not in the accompagnateur's scope. */
	client_get(&adult, "/eleve/999/bilan.pdf", &r);
	assert_int_equal(r.status, 404);
	response_release(&r);
	client_release(&adult);
}

#define PATH_ID "parcours-maths-cm1-partage-des-crepes"
#define PROBLEM_ID "maths-cm1-probleme-partage-des-crepes"

/* GET `path` as the signed-in child `name`; the body stays in `r`. */
static void get_as_child(const char *name, const char *path, struct response *r)
{
	struct client c;

	client_init(&c, &server);
	assert_int_equal(sign_in_child(&c, name), 0);
	client_get(&c, path, r);
	client_release(&c);
}

static void failed_attempt_offers_help(void **state)
{
	struct response r;
	char location[512];

	/* Inès (CM1) gets the crêpes problem wrong: the result page offers the
	 * fraction sheet and another try. */
	assert_int_equal(submit_activity("Inès K.", PROBLEM_ID, "q0=4&q1=8&q2=1&q3=4&q4=5", location, sizeof(location)), 303);
	get_as_child("Inès K.", location, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Pour t&#39;aider"));
	assert_non_null(strstr(r.body, "href=\"/ressource/fiche-maths-fractions\""));
	assert_non_null(strstr(r.body, "Réessayer cette activité"));
	response_release(&r);

	/* Right everywhere: no help section. */
	assert_int_equal(submit_activity("Inès K.", PROBLEM_ID, "q0=3&q1=9&q2=0&q3=4%2C5&q4=4%2C5", location, sizeof(location)), 303);
	get_as_child("Inès K.", location, &r);
	assert_int_equal(r.status, 200);
	assert_null(strstr(r.body, "Pour t&#39;aider"));
	response_release(&r);
}

static void explore_path_marks_advised_steps(void **state)
{
	struct response r;
	char location[512];

	/* Yanis (CM1) has not tried the problem yet. */
	get_as_child("Yanis D.", "/ressource/" PATH_ID, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "1. Le problème"));
	assert_non_null(strstr(r.body, "Commence par essayer le problème"));
	assert_null(strstr(r.body, "conseillé</strong>"));
	response_release(&r);

	assert_int_equal(submit_activity("Yanis D.", PROBLEM_ID, "q0=4&q1=9&q2=0", location, sizeof(location)), 303);
	get_as_child("Yanis D.", "/ressource/" PATH_ID, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Les étapes marquées"));
	assert_non_null(strstr(r.body, "Utiliser et représenter des fractions simples"));
	assert_non_null(strstr(r.body, "fiche-maths-fractions\">"));
	assert_non_null(strstr(r.body, "conseillé</strong>"));
	response_release(&r);

	/* A CE2 child does not see a CM1 path. */
	get_as_child("Léa M.", "/ressource/" PATH_ID, &r);
	assert_int_equal(r.status, 404);
	response_release(&r);
}

static void assigned_path_done_by_its_problem(void **state)
{
	struct client adult;
	struct response r;
	char location[512];

	/* Inès's earlier tries of the problem are older than the assignment. */
	assert_int_equal(server_sql(&server, "UPDATE attempt SET submitted_at = submitted_at - 60, started_at = 0 WHERE account_id = 5"), 0);
	sign_in_helper(&adult);
	assign(&adult, "quoi=parcours:" PATH_ID "&pour=5", &r);
	assert_int_equal(r.status, 303);
	response_release(&r);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM assignment WHERE child_id = 5 AND path_id = '" PATH_ID
						     "' AND activity_id = '" PROBLEM_ID "'"), 1);
	/* Inès sees the path, and its problem as her next activity. */
	get_as_child("Inès K.", "/eleve", &r);
	assert_non_null(strstr(r.body, "href=\"/ressource/" PATH_ID "\""));
	assert_non_null(strstr(r.body, "<a class=\"btn btn-primary\" href=\"/activite/" PROBLEM_ID "\""));
	response_release(&r);
	assert_int_equal(submit_activity("Inès K.", PROBLEM_ID, "q0=3", location, sizeof(location)), 303);
	client_get(&adult, "/groupe/1/progres", &r);
	assert_non_null(strstr(r.body, "J’explore : le partage des crêpes"));
	assert_non_null(strstr(r.body, "1 / 1"));
	response_release(&r);
	client_release(&adult);
}

/* Work given to the whole mixed-level group shows only to the children of
 * its level, as a link that closes where the item ends. */
static void group_work_follows_levels(void **state)
{
	struct client adult;
	struct response r;

	sign_in_helper(&adult);
	assign(&adult, "quoi=maths-cm1-fractions-simples&pour=groupe&echeance=2099-02-01", &r);
	assert_int_equal(r.status, 303);
	response_release(&r);
	client_release(&adult);

	get_as_child("Inès K.", "/eleve", &r);
	assert_non_null(strstr(r.body, "<a class=\"activity-link\" href=\"/activite/maths-cm1-fractions-simples\">"));
	assert_non_null(strstr(r.body, "à faire</span></a></li>"));
	assert_null(strstr(r.body, "&lt;/a&gt;"));
	response_release(&r);

	/* Léa is in CE2: the CM1 activity would answer 404 to her. */
	get_as_child("Léa M.", "/eleve", &r);
	assert_int_equal(r.status, 200);
	assert_null(strstr(r.body, "maths-cm1-fractions-simples"));
	assert_null(strstr(r.body, "&lt;/a&gt;"));
	response_release(&r);
}

/* The test server's media folder has the content's images but no video,
 * as after `ardoise init` without `make videos`: the page says so. */
static void video_not_made_yet(void **state)
{
	struct client adult;
	struct response r;

	get_as_child("Inès K.", "/ressource/video-maths-fractions", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Cette vidéo n&#39;est pas encore prête."));
	assert_null(strstr(r.body, "<video"));
	response_release(&r);
	sign_in_helper(&adult);
	client_get(&adult, "/ressource/video-maths-fractions", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "make videos"));
	response_release(&r);
	client_release(&adult);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(child_home_shows_next_step),
		cmocka_unit_test(assigned_work_comes_first),
		cmocka_unit_test(bad_assignments_rejected),
		cmocka_unit_test(rejected_assignment_keeps_choices),
		cmocka_unit_test(struggling_child_listed),
		cmocka_unit_test(child_progress_page),
		cmocka_unit_test(follow_page_escapes_answers),
		cmocka_unit_test(family_report_totals),
		cmocka_unit_test(family_report_pdf),
		cmocka_unit_test(failed_attempt_offers_help),
		cmocka_unit_test(explore_path_marks_advised_steps),
		cmocka_unit_test(assigned_path_done_by_its_problem),
		cmocka_unit_test(video_not_made_yet),
		cmocka_unit_test(group_work_follows_levels),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
