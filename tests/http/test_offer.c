/* The offer through the pages: seats at the child form and reactivation,
 * a child without a seat, training modules hidden from children, the
 * opérateur's quote, invoice, credit note, PDF and CSV, training sessions
 * with capacity, attendance and certificate, and who may open what. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

static struct server server;

static void csrf_of(struct client *c, char *out, size_t size)
{
	struct response r;

	client_get(c, "/accueil", &r);
	assert_int_equal(page_hidden(&r, "csrf", out, size), 0);
	response_release(&r);
}

static long post_form(struct client *c, const char *path, const char *fields, struct response *r)
{
	char csrf[64], body[2048];

	csrf_of(c, csrf, sizeof(csrf));
	snprintf(body, sizeof(body), "csrf=%s%s%s", csrf, *fields ? "&" : "", fields);
	client_post(c, path, body, r);
	return r->status;
}

static void adult_client(struct client *c, const char *role)
{
	const struct demo_account *a = server_account(&server, role);

	client_init(c, &server);
	assert_non_null(a);
	assert_int_equal(sign_in_adult(c, a->login, a->secret), 0);
}

static long get_status(struct client *c, const char *path)
{
	struct response r;
	long status;

	client_get(c, path, &r);
	status = r.status;
	response_release(&r);
	return status;
}

static void seats_full_at_child_form(void **state)
{
	struct client admin;
	struct response r;

	adult_client(&admin, "administrateur");
	assert_int_equal(server_sql(&server, "UPDATE licence SET seats = 6, tutoring_seats = 2"), 0);
	assert_int_equal(post_form(&admin, "/admin/structure/1/eleve", "prenom=Zo%C3%A9&initiale=B&niveau=CM1&groupes=1", &r), 422);
	assert_non_null(strstr(r.body, "Il ne reste aucune place sur la licence"));
	assert_non_null(strstr(r.body, "Ville de Toulouse"));
	response_release(&r);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM account WHERE first_name = 'Zoé'"), 0);
	assert_int_equal(server_sql(&server, "UPDATE licence SET seats = 7, tutoring_seats = 2"), 0);
	assert_int_equal(post_form(&admin, "/admin/structure/1/eleve", "prenom=Zo%C3%A9&initiale=B&niveau=CM1&groupes=1", &r), 201);
	response_release(&r);
	client_get(&admin, "/admin/structure/1/eleve", &r);
	assert_non_null(strstr(r.body, "Il ne reste aucune place sur la licence"));
	response_release(&r);
	client_release(&admin);
}

static void reactivation_needs_seat(void **state)
{
	struct client admin;
	struct response r;
	long zoe = server_query_count(&server, "SELECT id FROM account WHERE first_name = 'Zoé'");
	char path[96];

	adult_client(&admin, "administrateur");
	assert_true(zoe > 0);
	snprintf(path, sizeof(path), "/admin/compte/%ld/desactiver", zoe);
	assert_int_equal(post_form(&admin, path, "", &r), 303);
	response_release(&r);
	assert_int_equal(server_sql(&server, "UPDATE licence SET seats = 6, tutoring_seats = 2"), 0);
	snprintf(path, sizeof(path), "/admin/compte/%ld/reactiver", zoe);
	assert_int_equal(post_form(&admin, path, "", &r), 409);
	assert_non_null(strstr(r.body, "Il ne reste aucune place sur la licence"));
	response_release(&r);
	assert_int_equal(server_query_count(&server, "SELECT active FROM account WHERE first_name = 'Zoé'"), 0);
	assert_int_equal(server_sql(&server, "UPDATE licence SET seats = 30, tutoring_seats = 10"), 0);
	client_release(&admin);
}

static void child_without_seat_keeps_history(void **state)
{
	struct client child, helper;
	struct response r;

	/* The licence moves to a past year: no seat this school year. */
	assert_int_equal(server_sql(&server, "INSERT INTO price_list VALUES ('2020-2021', 2500, 1000, 2000, 0);"
					     "UPDATE licence SET school_year = '2020-2021'"), 0);
	client_init(&child, &server);
	assert_int_equal(sign_in_child(&child, "Léa M."), 0);
	client_get(&child, "/activite/maths-ce2-nombres-jusqu-a-10000", &r);
	assert_int_equal(r.status, 403);
	assert_non_null(strstr(r.body, "Tu peux toujours revoir tout ce que tu as déjà fait"));
	response_release(&r);
	client_get(&child, "/eleve", &r);
	assert_non_null(strstr(r.body, "Ton inscription pour cette année scolaire n&#39;est pas encore faite"));
	response_release(&r);
	assert_int_equal(get_status(&child, "/eleve/resultats"), 200);
	adult_client(&helper, "accompagnateur");
	client_get(&helper, "/groupe/1", &r);
	assert_non_null(strstr(r.body, "Sans place sur la licence de l&#39;année scolaire"));
	assert_non_null(strstr(r.body, "Léa M."));
	response_release(&r);
	assert_int_equal(server_sql(&server, "UPDATE licence SET school_year = (SELECT max(school_year) FROM price_list)"), 0);
	assert_int_equal(get_status(&child, "/activite/maths-ce2-nombres-jusqu-a-10000"), 200);
	client_release(&helper);
	client_release(&child);
}

static void training_module_hidden_from_child(void **state)
{
	struct client child, helper;

	client_init(&child, &server);
	assert_int_equal(sign_in_child(&child, "Léa M."), 0);
	assert_int_equal(get_status(&child, "/activite/formation-prendre-en-main"), 404);
	assert_int_equal(get_status(&child, "/eleve/matiere/formation"), 404);
	assert_int_equal(get_status(&child, "/formation/module/formation-prendre-en-main"), 403);
	adult_client(&helper, "accompagnateur");
	assert_int_equal(get_status(&helper, "/formation/module/formation-prendre-en-main"), 200);
	assert_int_equal(get_status(&helper, "/formation/module/maths-ce2-nombres-jusqu-a-10000"), 404);
	client_release(&helper);
	client_release(&child);
}

static void offer_pages_need_operator(void **state)
{
	static const char *const roles[] = { "administrateur", "accompagnateur", "financeur" };
	struct client c;
	size_t i;

	for (i = 0; i < sizeof(roles) / sizeof(roles[0]); i++) {
		adult_client(&c, roles[i]);
		assert_int_equal(get_status(&c, "/offre"), 403);
		assert_int_equal(get_status(&c, "/offre/demandes"), 403);
		client_release(&c);
	}
	adult_client(&c, "financeur");
	assert_int_equal(get_status(&c, "/admin/structure/1/licence"), 403);
	assert_int_equal(get_status(&c, "/formation"), 403);
	client_release(&c);
}

static void quote_invoice_credit_pages(void **state)
{
	struct client admin, op;
	struct response r;
	char *text, path[96];
	long invoice;

	adult_client(&admin, "administrateur");
	adult_client(&op, "operateur");
	assert_int_equal(post_form(&admin, "/admin/structure/1/licence", "annee=2020-2021&places=0&places_soutien=1&adresse=", &r), 422);
	assert_non_null(strstr(r.body, "Le nombre de places"));
	response_release(&r);
	assert_int_equal(post_form(&admin, "/admin/structure/1/licence",
				   "annee=2026-2027&places=12&places_soutien=4&adresse=1+place+du+Capitole%2C+31000+Toulouse", &r), 303);
	response_release(&r);
	/* No issuer yet: the quote is refused with what to do. */
	assert_int_equal(post_form(&op, "/offre/demande/1/devis", "", &r), 409);
	assert_non_null(strstr(r.body, "émetteur"));
	response_release(&r);
	assert_int_equal(post_form(&op, "/offre/emetteur", "nom=Ardoise+SAS&adresse=2+rue+Ozenne%2C+31000+Toulouse&siret=123&delai=30", &r), 422);
	assert_non_null(strstr(r.body, "Le SIRET"));
	response_release(&r);
	assert_int_equal(post_form(&op, "/offre/emetteur", "nom=Ardoise+SAS&adresse=2+rue+Ozenne%2C+31000+Toulouse&siret=12345678901234&delai=30", &r), 303);
	response_release(&r);
	assert_int_equal(post_form(&op, "/offre/demande/1/facture", "", &r), 409);
	response_release(&r);
	assert_int_equal(post_form(&op, "/offre/demande/1/devis", "", &r), 303);
	response_release(&r);
	assert_int_equal(post_form(&op, "/offre/demande/1/facture", "", &r), 303);
	response_release(&r);
	assert_int_equal(post_form(&admin, "/offre/demande/1/facture", "", &r), 403);
	response_release(&r);

	invoice = server_query_count(&server, "SELECT id FROM offer_document WHERE kind = 'facture'");
	assert_true(invoice > 0);
	snprintf(path, sizeof(path), "/offre/document/%ld/pdf", invoice);
	client_get(&op, path, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.content_type, "application/pdf");
	text = response_pdf_text(&r);
	assert_non_null(text);
	assert_non_null(strstr(text, "FACTURE"));
	assert_non_null(strstr(text, "Association de démonstration"));
	assert_non_null(strstr(text, "Ville de Toulouse"));
	assert_non_null(strstr(text, "300,00 €"));
	assert_non_null(strstr(text, "indemnité forfaitaire de 40 € pour frais de recouvrement"));
	free(text);
	response_release(&r);

	client_get(&op, "/offre/export.csv?annee=2026-2027", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "numero;type;date;client"));
	assert_non_null(strstr(r.body, ";facture;"));
	assert_non_null(strstr(r.body, ";340.00;68.00;408.00;2000;"));
	response_release(&r);
	assert_int_equal(get_status(&op, "/offre/export.csv?annee=2026"), 400);

	snprintf(path, sizeof(path), "/offre/document/%ld/avoir", invoice);
	assert_int_equal(post_form(&op, path, "", &r), 303);
	response_release(&r);
	assert_int_equal(post_form(&op, path, "", &r), 409);
	response_release(&r);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM offer_document WHERE kind = 'avoir'"), 1);
	client_get(&op, "/offre?annee=2026-2027", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Haute-Garonne"));
	response_release(&r);
	client_release(&op);
	client_release(&admin);
}

static void training_session_capacity(void **state)
{
	struct client op, helper, admin;
	struct response r;
	char fields[256], date[16], path[128];
	time_t tomorrow = time(NULL) + 86400;
	long session, helper_id;
	struct tm tm;
	char *text;

	localtime_r(&tomorrow, &tm);
	strftime(date, sizeof(date), "%Y-%m-%d", &tm);
	adult_client(&op, "operateur");
	adult_client(&helper, "accompagnateur");
	adult_client(&admin, "administrateur");
	assert_int_equal(post_form(&op, "/offre/formations", "date=2000-01-01&heure=14%3A00&lieu=Salle&public=accompagnateurs&places=1", &r), 422);
	assert_non_null(strstr(r.body, "Cette date est passée"));
	response_release(&r);
	snprintf(fields, sizeof(fields), "date=%s&heure=14%%3A00&lieu=Salle+des+f%%C3%%AAtes&public=accompagnateurs&places=1", date);
	assert_int_equal(post_form(&op, "/offre/formations", fields, &r), 303);
	response_release(&r);
	session = server_query_count(&server, "SELECT max(id) FROM training_session");
	snprintf(path, sizeof(path), "/formation/session/%ld/inscription", session);
	assert_int_equal(post_form(&helper, path, "", &r), 303);
	response_release(&r);
	assert_int_equal(post_form(&admin, path, "", &r), 409);
	assert_non_null(strstr(r.body, "complète"));
	response_release(&r);

	helper_id = server_query_count(&server, "SELECT id FROM account WHERE login = 'anim.demo'");
	snprintf(path, sizeof(path), "/formation/session/%ld/attestation.pdf", session);
	assert_int_equal(get_status(&helper, path), 404);
	snprintf(path, sizeof(path), "/offre/formation/%ld/presence", session);
	snprintf(fields, sizeof(fields), "present=%ld", helper_id);
	assert_int_equal(post_form(&op, path, fields, &r), 303);
	response_release(&r);
	snprintf(path, sizeof(path), "/formation/session/%ld/attestation.pdf", session);
	client_get(&helper, path, &r);
	assert_int_equal(r.status, 200);
	text = response_pdf_text(&r);
	assert_non_null(text);
	assert_non_null(strstr(text, "Attestation de présence"));
	assert_non_null(strstr(text, "Samir L."));
	assert_non_null(strstr(text, "Salle des fêtes"));
	free(text);
	response_release(&r);
	assert_int_equal(get_status(&admin, path), 404);
	client_release(&admin);
	client_release(&helper);
	client_release(&op);
}

static void tutoring_option_page(void **state)
{
	struct client admin;
	struct response r;
	long noah = server_query_count(&server, "SELECT id FROM account WHERE first_name = 'Noah'");
	char fields[96];

	adult_client(&admin, "administrateur");
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM tutoring_seat"), 2);
	snprintf(fields, sizeof(fields), "eleve=%ld&action=donner", noah);
	assert_int_equal(server_sql(&server, "UPDATE licence SET tutoring_seats = 2"), 0);
	assert_int_equal(post_form(&admin, "/admin/structure/1/soutien", fields, &r), 409);
	assert_non_null(strstr(r.body, "places de soutien"));
	response_release(&r);
	assert_int_equal(server_sql(&server, "UPDATE licence SET tutoring_seats = 10"), 0);
	assert_int_equal(post_form(&admin, "/admin/structure/1/soutien", fields, &r), 303);
	response_release(&r);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM tutoring_seat"), 3);
	assert_int_equal(post_form(&admin, "/admin/structure/1/soutien", "eleve=abc&action=donner", &r), 400);
	response_release(&r);
	client_release(&admin);
}

static int setup(void **state)
{
	server_start(&server);
	return 0;
}

static int teardown(void **state)
{
	assert_int_equal(server_stop(&server), 0);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(seats_full_at_child_form),
		cmocka_unit_test(reactivation_needs_seat),
		cmocka_unit_test(child_without_seat_keeps_history),
		cmocka_unit_test(training_module_hidden_from_child),
		cmocka_unit_test(offer_pages_need_operator),
		cmocka_unit_test(tutoring_option_page),
		cmocka_unit_test(quote_invoice_credit_pages),
		cmocka_unit_test(training_session_capacity),
	};

	return cmocka_run_group_tests_name("http_offer", tests, setup, teardown);
}
