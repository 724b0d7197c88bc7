/* The referential page and the catalogue: competencies listed with the
 * contents that serve them, filters, the accent-insensitive search, and
 * the activity preview that their links open for adults. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static struct server server;

static int server_up(void **state)
{
	server_start(&server);
	return 0;
}

static int server_down(void **state)
{
	return server_stop(&server) == 0 ? 0 : -1;
}

static void signed_in(struct client *c, const char *who)
{
	const struct demo_account *a = server_account(&server, who);

	client_init(c, &server);
	if (a && strchr(a->login, '.') && !strchr(a->login, ' '))
		assert_int_equal(sign_in_adult(c, a->login, a->secret), 0);
	else
		assert_int_equal(sign_in_child(c, who), 0);
}

static void referential_lists_contents(void **state)
{
	struct client c;
	struct response r;
	const char *row;

	signed_in(&c, "accompagnateur");
	client_get(&c, "/referentiel", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "<h2 id=\"matiere-mathematiques\">Mathématiques</h2>"));
	assert_non_null(strstr(r.body, "<h3>Nombres et calculs</h3>"));
	assert_non_null(strstr(r.body, "<h2 id=\"matiere-methodologie\">Méthodologie</h2>"));
	/* The fractions row lists the activity, the fiche, the video and the dossier. */
	row = strstr(r.body, "<tr id=\"MA-NC-FRACTIONS\">");
	assert_non_null(row);
	assert_non_null(strstr(row, "href=\"/activite/maths-cm1-fractions-simples\""));
	assert_non_null(strstr(row, "href=\"/ressource/fiche-maths-fractions\""));
	assert_non_null(strstr(row, "href=\"/ressource/video-maths-fractions\""));
	assert_true(strstr(row, "</tr>") > strstr(row, "dossier-maths-fractions"));
	assert_non_null(strstr(r.body, "D1.3"));
	response_release(&r);

	client_get(&c, "/referentiel?matiere=histoire", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Le temps des rois"));
	assert_null(strstr(r.body, "<tr id=\"MA-NC-FRACTIONS\">"));
	response_release(&r);

	client_get(&c, "/referentiel?matiere=latin", &r);
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "Matière inconnue"));
	response_release(&r);
	client_release(&c);
}

/* Count the result links of a catalogue page. */
static int result_count(const struct response *r)
{
	const char *p = strstr(r->body, "catalogue-results");
	const char *end = p ? strstr(p, "</ul>") : NULL;
	int n = 0;

	while (p && (p = strstr(p, "class=\"activity-link\"")) && p < end) {
		n++;
		p++;
	}
	return n;
}

struct search_case {
	const char *query; /* query string after "/catalogue?" */
	const char *expected_id; /* a content that must be found, or NULL */
	int count; /* exact number of results, or -1 */
};

static void catalogue_search(void **state)
{
	static const struct search_case cases[] = {
		/* Accents and case folded both ways, word prefixes. */
		{ "q=fraction", "fiche-maths-fractions", -1 },
		{ "q=FRACT", "video-maths-fractions", -1 },
		{ "q=periM", "video-maths-perimetre", -1 },
		{ "q=p%C3%A9rim%C3%A8tre", "video-maths-perimetre", -1 },
		/* The starter catalogue grows: counts are checked only where
		 * they cannot change with new contents. */
		{ "q=methodologie+lecon", "methodo-apprendre-une-lecon", -1 },
		{ "q=consigne", "methodo-lire-une-consigne", -1 },
		/* A word must start a word: "raction" is only ever inside one
		 * ("fraction", "soustraction"). */
		{ "q=raction", NULL, 0 },
		{ "q=zzzz", NULL, 0 },
		{ "type=video", "video-francais-accord-sujet-verbe", -1 },
		{ "type=methodologie&niveau=CE2", "methodo-organiser-son-cahier", -1 },
		{ "competence=MA-NC-FRACTIONS&type=dossier", "dossier-maths-fractions", -1 },
		{ "matiere=francais&q=video", "video-francais-accord-sujet-verbe", -1 },
	};
	struct client c;
	struct response r;
	char path[256], needle[160];
	size_t i;

	signed_in(&c, "accompagnateur");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(path, sizeof(path), "/catalogue?%s", cases[i].query);
		client_get(&c, path, &r);
		assert_int_equal(r.status, 200);
		if (cases[i].expected_id) {
			snprintf(needle, sizeof(needle), "%s\"><span class=\"activity-title\">", cases[i].expected_id);
			if (!strstr(r.body, needle))
				fail_msg("%s: %s not found", cases[i].query, cases[i].expected_id);
		}
		if (cases[i].count >= 0 && result_count(&r) != cases[i].count)
			fail_msg("%s: %d results, expected %d", cases[i].query, result_count(&r), cases[i].count);
		response_release(&r);
	}
	client_release(&c);
}

static void catalogue_rejects_bad_filters(void **state)
{
	static const char *const paths[] = { "/catalogue?matiere=latin", "/catalogue?niveau=CM3", "/catalogue?type=cours" };
	struct client c;
	struct response r;
	size_t i;

	signed_in(&c, "accompagnateur");
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		client_get(&c, paths[i], &r);
		if (r.status != 400)
			fail_msg("%s: status %ld, expected 400", paths[i], r.status);
		assert_non_null(strstr(r.body, "inconnu"));
		response_release(&r);
	}
	client_release(&c);
}

static void catalogue_child_level(void **state)
{
	struct client c;
	struct response r;

	/* Léa is in CE2: the CM1 fractions fiche is not hers. */
	signed_in(&c, "Léa M.");
	client_get(&c, "/catalogue?q=fractions", &r);
	assert_int_equal(r.status, 200);
	assert_null(strstr(r.body, "fiche-maths-fractions"));
	response_release(&r);
	client_get(&c, "/catalogue?q=accord+verbe", &r);
	assert_non_null(strstr(r.body, "video-francais-accord-sujet-verbe"));
	response_release(&r);
	client_release(&c);
}

/* The catalogue and the referential link adults to the activities: the
 * link opens a preview without a form, and the dictation audio plays. */
static void activity_preview_for_adults(void **state)
{
	static const char *const adults[] = { "accompagnateur", "administrateur", "tuteur", "operateur" };
	struct client c;
	struct response r;
	char csrf[64], body[128];
	size_t i;

	for (i = 0; i < sizeof(adults) / sizeof(adults[0]); i++) {
		signed_in(&c, adults[i]);
		client_get(&c, "/activite/maths-cm1-fractions-simples", &r);
		if (r.status != 200)
			fail_msg("%s: preview status %ld, expected 200", adults[i], r.status);
		assert_non_null(strstr(r.body, "Aperçu : vous voyez les questions comme un élève"));
		assert_non_null(strstr(r.body, "class=\"activity-preview\""));
		assert_null(strstr(r.body, "<form method=\"post\" action=\"/activite/"));
		response_release(&r);
		client_release(&c);
	}

	/* The preview sends nothing: a POST is still for children only. */
	signed_in(&c, "accompagnateur");
	client_get(&c, "/accueil", &r);
	assert_int_equal(page_hidden(&r, "csrf", csrf, sizeof(csrf)), 0);
	response_release(&r);
	snprintf(body, sizeof(body), "csrf=%s&q0=1", csrf);
	client_post(&c, "/activite/maths-cm1-fractions-simples", body, &r);
	assert_int_equal(r.status, 403);
	response_release(&r);
	client_get(&c, "/activite/maths-cm1-nexiste-pas", &r);
	assert_int_equal(r.status, 404);
	assert_non_null(strstr(r.body, "Vérifiez l&#39;adresse"));
	response_release(&r);
	client_get(&c, "/dictee/audio?activite=francais-cm1-dictee-la-fete-du-village&version=1&question=0&phrase=0", &r);
	assert_int_equal(r.status, 303);
	assert_non_null(strstr(r.location, "/audio/"));
	response_release(&r);
	client_release(&c);

	/* A financeur does not browse the content. */
	signed_in(&c, "financeur");
	client_get(&c, "/activite/maths-cm1-fractions-simples", &r);
	assert_int_equal(r.status, 403);
	assert_non_null(strstr(r.body, "accessible avec votre compte"));
	response_release(&r);
	client_release(&c);
}

static void activity_child_level_only(void **state)
{
	struct client c;
	struct response r;

	/* Léa is in CE2: the CM1 activity and its dictation stay out of reach. */
	signed_in(&c, "Léa M.");
	client_get(&c, "/activite/maths-cm1-fractions-simples", &r);
	assert_int_equal(r.status, 404);
	assert_non_null(strstr(r.body, "Vérifie l&#39;adresse"));
	response_release(&r);
	client_get(&c, "/dictee/audio?activite=francais-cm1-dictee-la-fete-du-village&version=1&question=0&phrase=0", &r);
	assert_int_equal(r.status, 404);
	response_release(&r);
	client_get(&c, "/activite/maths-ce2-tables-de-multiplication", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "<form method=\"post\" action=\"/activite/maths-ce2-tables-de-multiplication\""));
	assert_null(strstr(r.body, "activity-preview"));
	response_release(&r);
	client_release(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(referential_lists_contents),
		cmocka_unit_test(catalogue_search),
		cmocka_unit_test(catalogue_rejects_bad_filters),
		cmocka_unit_test(catalogue_child_level),
		cmocka_unit_test(activity_preview_for_adults),
		cmocka_unit_test(activity_child_level_only),
	};

	return cmocka_run_group_tests(tests, server_up, server_down);
}
