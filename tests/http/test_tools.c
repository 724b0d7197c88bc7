/* The dictionaries and tools under /outils: each page answers a search,
 * rejects bad input with a French 400, and is closed to visitors. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static struct server server;
static struct client child;

static int server_up(void **state)
{
	server_start(&server);
	client_init(&child, &server);
	return sign_in_child(&child, "Léa M.");
}

static int server_down(void **state)
{
	client_release(&child);
	return server_stop(&server);
}

/* GET `path` as the signed-in child; check the status and that the body
 * contains `expected` (NULL = no check). */
static void child_gets(const char *path, long status, const char *expected)
{
	struct response r;

	client_get(&child, path, &r);
	if (r.status != status || (expected && !strstr(r.body, expected)))
		fail_msg("GET %s: status %ld, expected %ld with \"%s\"", path, r.status, status, expected ? expected : "");
	response_release(&r);
}

static void visitor_sent_to_sign_in(void **state)
{
	static const char *const paths[] = {
		"/outils", "/outils/conjugaison?q=aller", "/outils/orthographe?q=maison", "/outils/dictionnaire?q=house",
		"/outils/calculatrice?calcul=1%2B1", "/outils/operation?a=12&b=3&op=addition",
	};
	struct client visitor;
	struct response r;
	size_t i;

	client_init(&visitor, &server);
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		client_get(&visitor, paths[i], &r);
		assert_int_equal(r.status, 303);
		assert_non_null(strstr(r.location, "/connexion"));
		response_release(&r);
	}
	client_release(&visitor);
}

static void adult_sees_tools(void **state)
{
	const struct demo_account *a = server_account(&server, "accompagnateur");
	struct client adult;
	struct response r;

	client_init(&adult, &server);
	assert_int_equal(sign_in_adult(&adult, a->login, a->secret), 0);
	client_get(&adult, "/outils/conjugaison?q=finir", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "finissons"));
	response_release(&r);
	client_release(&adult);
}

static void tools_list(void **state)
{
	child_gets("/outils", 200, "/outils/conjugaison");
	child_gets("/eleve", 200, "<a href=\"/outils\">Outils</a>");
}

static void conjugation_from_form(void **state)
{
	child_gets("/outils/conjugaison?q=allions", 200, "peut être une forme de plusieurs verbes");
	child_gets("/outils/conjugaison?q=allions", 200, "href=\"/outils/conjugaison?q=aller\"");
	child_gets("/outils/conjugaison?q=aller", 200, "<li>nous <strong>allions</strong></li>");
	child_gets("/outils/conjugaison?q=aller", 200, "je <strong>suis allé(e)</strong>");
	child_gets("/outils/conjugaison?q=aller", 200, "<h3>infinitif passé</h3><ul><li><strong>être allé(e)</strong>");
	child_gets("/outils/conjugaison?q=aller", 200, "j&#39;<strong>irai</strong>");
}

static void conjugation_without_accents(void **state)
{
	child_gets("/outils/conjugaison?q=%20ETRE%20", 200, "nous <strong>sommes</strong>");
	child_gets("/outils/conjugaison?q=etions", 200, "vous <strong>êtes</strong>");
	child_gets("/outils/conjugaison?q=nous+avons+fini", 200, "Le verbe <strong>finir</strong>");
}

static void conjugation_bad_input(void **state)
{
	char path[400];

	child_gets("/outils/conjugaison?q=zzzzz", 200, "Aucun verbe ne correspond à « zzzzz »");
	child_gets("/outils/conjugaison?q=a%01b", 400, "caractères qui ne sont pas des lettres");
	snprintf(path, sizeof(path), "/outils/conjugaison?q=%0150d", 0);
	child_gets(path, 400, "au plus 100 caractères");
	child_gets("/outils/conjugaison", 200, "Le verbe");
}

static void spelling_page(void **state)
{
	child_gets("/outils/orthographe?q=maison", 200, "Ce mot est bien écrit.");
	child_gets("/outils/orthographe?q=maison", 200, "Synonymes de « maison »");
	child_gets("/outils/orthographe?q=les%20enfan%20jouent.", 200, "<strong>enfan</strong>");
	child_gets("/outils/orthographe?q=les%20enfan%20jouent.", 200, "href=\"/outils/orthographe?q=enfant\"");
	child_gets("/outils/orthographe?q=%C2%AB%20Bonjour%20%C2%BB%2C%20dit-il", 200, "Tous les mots sont bien écrits.");
	child_gets("/outils/orthographe?q=%FF", 400, NULL);
	child_gets("/outils/orthographe?q=le+le+le+le+le+le+le+le+le+le+le+le+le+le+le+le+le+le+le+le+chat", 200, "Seuls les 20 premiers mots");
	child_gets("/outils/orthographe?q=a%09b%7F", 400, "caractères qui ne sont pas des lettres");
}

static void dictionary_page(void **state)
{
	child_gets("/outils/dictionnaire?q=house", 200, "<li>maison</li>");
	child_gets("/outils/dictionnaire?q=house&sens=en-fr", 200, "value=\"en-fr\" checked");
	child_gets("/outils/dictionnaire?q=etre&sens=fr-en", 200, "<li>be</li>");
	child_gets("/outils/dictionnaire?q=hous&sens=en-fr", 200, "Voici des mots qui commencent pareil");
	child_gets("/outils/dictionnaire?q=qqqqq", 200, "Aucun mot ne commence par « qqqqq »");
	child_gets("/outils/dictionnaire?q=house&sens=de-fr", 400, "Le sens de traduction demandé n&#39;existe pas");
}

static void calculator_page(void **state)
{
	char path[600];

	child_gets("/outils/calculatrice", 200, "name=\"touche\" value=\"=\"");
	child_gets("/outils/calculatrice?calcul=3%2C5+%C3%97+4&touche=%3D", 200, "3,5 × 4 = <strong>14</strong>");
	child_gets("/outils/calculatrice?calcul=10+%C3%B7+3", 200, "≈ <strong>3,333333</strong>");
	/* Keys edit the calculation without JavaScript. */
	child_gets("/outils/calculatrice?calcul=12&touche=+%2B+", 200, "value=\"12 + \"");
	child_gets("/outils/calculatrice?calcul=12+%2B+&touche=%E2%8C%AB", 200, "value=\"12\"");
	child_gets("/outils/calculatrice?calcul=12&touche=C", 200, "value=\"\"");
	child_gets("/outils/calculatrice?calcul=5+%C3%B7+0&touche=%3D", 400, "diviser par zéro");
	child_gets("/outils/calculatrice?calcul=3%2C%2C5", 400, "« 3,,5 »");
	child_gets("/outils/calculatrice?calcul=1&touche=racine", 400, "Cette touche n&#39;existe pas");
	snprintf(path, sizeof(path), "/outils/calculatrice?calcul=%0500d", 1);
	child_gets(path, 400, "Le calcul est trop long");
}

static void operation_page(void **state)
{
	child_gets("/outils/operation", 200, "Poser l&#39;opération");
	child_gets("/outils/operation?a=478&b=65&op=addition", 200, "Étape 1 / 5");
	child_gets("/outils/operation?a=478&b=65&op=addition&etape=1", 200, "J&#39;écris 3 et je retiens 1.");
	child_gets("/outils/operation?a=478&b=65&op=addition&etape=1", 200, "etape=2\">Étape suivante");
	child_gets("/outils/operation?a=478&b=65&op=addition&etape=99", 200, "Le résultat est 543.");
	child_gets("/outils/operation?a=745&b=3&op=division&etape=99", 200, "Le quotient est 248 et le reste est 1.");
	child_gets("/outils/operation?a=745&b=3&op=division&etape=99", 200, "op-bar");
	child_gets("/outils/operation?a=5&b=8&op=division-decimale&etape=99", 200, "Le quotient est 0,625.");
	child_gets("/outils/operation?a=12&b=0&op=division", 400, "diviser par zéro");
	child_gets("/outils/operation?a=3&b=12&op=soustraction", 400, "Le premier nombre doit être le plus grand");
	child_gets("/outils/operation?a=3&b=12&op=racine", 400, "Cette opération n&#39;existe pas");
	child_gets("/outils/operation?a=3&b=12&op=addition&etape=deux", 400, "Le numéro d&#39;étape doit être un nombre");
}

static void operation_read_aloud(void **state)
{
	struct response r;

	child_gets("/outils/operation?a=478&b=65&op=addition&etape=1", 200,
		   "/ecouter?operation=addition&amp;a=478&amp;b=65&amp;etape=1");
	client_get(&child, "/ecouter?operation=addition&a=478&b=65&etape=1", &r);
	assert_int_equal(r.status, 303);
	assert_non_null(strstr(r.location, "/audio/"));
	response_release(&r);
	child_gets("/ecouter?operation=addition&a=478&b=65&etape=99", 404, NULL);
	child_gets("/ecouter?operation=racine&a=478&b=65&etape=1", 404, NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(visitor_sent_to_sign_in),
		cmocka_unit_test(adult_sees_tools),
		cmocka_unit_test(tools_list),
		cmocka_unit_test(conjugation_from_form),
		cmocka_unit_test(conjugation_without_accents),
		cmocka_unit_test(conjugation_bad_input),
		cmocka_unit_test(spelling_page),
		cmocka_unit_test(dictionary_page),
		cmocka_unit_test(calculator_page),
		cmocka_unit_test(operation_page),
		cmocka_unit_test(operation_read_aloud),
	};

	return cmocka_run_group_tests(tests, server_up, server_down);
}
