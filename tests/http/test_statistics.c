/* The indicators: events written by real sign-ins and pages, figures of
 * hand-built events checked against values computed by hand, who may open
 * which dashboard, the financeurs' hidden cells, and the CSV and .ods
 * exports (the .ods checked by LibreOffice when it is installed). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

static struct server server;

/* 2026-10-05 and 2026-10-06 12:00 UTC: 14:00 in Paris (summer time). */
#define OCT05_1400 1791201600
#define OCT06_1400 1791288000
/* 2026-11-10 13:00 UTC: 14:00 in Paris (winter time). */
#define NOV10_1400 1794315600
#define SEP01_1400 1788264000
#define MIN 60
/* Events of real sessions: their connection ids are 62-bit hashes, while
 * the hand-built ones below are small numbers. */
#define LIVE "connection_id > 100000"

static void sql(const char *text)
{
	if (server_sql(&server, text) != 0)
		fail_msg("SQL failed: %s", text);
}

/* Rebuild the rollups of days from..to with `ardoise indicateurs`. */
static void rollup_days(const char *from, const char *to)
{
	char command[1024];

	snprintf(command, sizeof(command), "%s indicateurs --db '%s' --du %s --au %s > /dev/null",
		 getenv("ARDOISE_BIN") ? getenv("ARDOISE_BIN") : "build/ardoise", server.db, from, to);
	assert_int_equal(system(command), 0);
}

static void event(long at, int child, long connection, const char *feature, const char *action, int value)
{
	char text[512];

	snprintf(text, sizeof(text),
		 "INSERT INTO usage_event (at, account_id, structure_id, connection_id, feature, action, object, value) "
		 "VALUES (%ld, %d, 1, %ld, '%s', '%s', '', %d)", at, child, connection, feature, action, value);
	sql(text);
}

/* October: children 3 to 8 each sign in on the 5th at 14:00, see a page
 * at 14:10, submit an activity at 14:20 (80 % for odd ids, 20 % for even)
 * and sign out at 14:30: six connections of 30 minutes. Child 3 comes
 * back on the 6th at 14:00, one page at 14:15, no sign-out: 15 minutes.
 * November: only children 3, 4 and 5 sign in, 10 minutes each. */
static void hand_built_events(void)
{
	int child;

	/* The demo children exist since 2026-01-01 00:00 UTC. */
	sql("UPDATE account SET created_at = 1767225600 WHERE role = 'eleve'");
	for (child = 3; child <= 8; child++) {
		long c = 1000 + child;

		event(OCT05_1400, child, c, "connexion", "sign-in", 0);
		event(OCT05_1400 + 10 * MIN, child, c, "matieres", "page", 0);
		event(OCT05_1400 + 20 * MIN, child, c, "activites", "submit", child % 2 ? 80 : 20);
		event(OCT05_1400 + 30 * MIN, child, c, "connexion", "sign-out", 0);
	}
	event(OCT06_1400, 3, 2003, "connexion", "sign-in", 0);
	event(OCT06_1400 + 15 * MIN, 3, 2003, "matieres", "page", 0);
	for (child = 3; child <= 5; child++) {
		event(NOV10_1400, child, 3000 + child, "connexion", "sign-in", 0);
		event(NOV10_1400 + 10 * MIN, child, 3000 + child, "ressources", "open", 0);
	}
	rollup_days("2026-10-01", "2026-11-30");
}

static void adult(struct client *c, const char *role)
{
	const struct demo_account *a = server_account(&server, role);

	assert_non_null(a);
	client_init(c, &server);
	assert_int_equal(sign_in_adult(c, a->login, a->secret), 0);
}

static void get_ok(struct client *c, const char *path, struct response *r)
{
	client_get(c, path, r);
	if (r->status != 200)
		fail_msg("GET %s: expected 200, got %ld", path, r->status);
}

/* The CSV line that starts with `label`, copied into out without the
 * empty fields that pad it to the width of the table. */
static void csv_line(const struct response *r, const char *label, char *out, size_t size)
{
	const char *p = strstr(r->body, label), *end;
	size_t len;

	if (!p)
		fail_msg("no line %s in:\n%s", label, r->body);
	end = strstr(p, "\r\n");
	snprintf(out, size, "%.*s", (int)(end ? end - p : (long)strlen(p)), p);
	len = strlen(out);
	while (len > 0 && out[len - 1] == ',')
		out[--len] = '\0';
}

static void assert_csv_line(const struct response *r, const char *expected)
{
	char line[256], label[128];
	const char *comma = strchr(expected, ',');

	snprintf(label, sizeof(label), "%.*s,", (int)(comma - expected), expected);
	csv_line(r, label, line, sizeof(line));
	assert_string_equal(line, expected);
}

static void live_events_are_recorded(void **state)
{
	struct client c;
	struct response r;
	long events;
	int tries;

	client_init(&c, &server);
	assert_int_equal(sign_in_child(&c, "Léa M."), 0);
	get_ok(&c, "/eleve", &r);
	response_release(&r);
	/* The beacon of a page left, then another page. */
	{
		char csrf[64], body[128];

		get_ok(&c, "/eleve/resultats", &r);
		assert_int_equal(page_hidden(&r, "csrf", csrf, sizeof(csrf)), 0);
		response_release(&r);
		snprintf(body, sizeof(body), "csrf=%s", csrf);
		client_post(&c, "/evenement/fin", body, &r);
		assert_int_equal(r.status, 204);
		response_release(&r);
	}
	client_release(&c);
	/* The flusher writes within a second; the rollup every second here. */
	for (tries = 0; tries < 50; tries++) {
		events = server_query_count(&server, "SELECT count(*) FROM usage_event WHERE account_id = 3 AND " LIVE);
		if (events >= 4 && server_query_count(&server, "SELECT count(*) FROM usage_child_day WHERE account_id = 3 AND day > 20770") >= 1)
			break;
		usleep(100000);
	}
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM usage_event WHERE account_id = 3 AND action = 'sign-in' AND " LIVE), 1);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM usage_event WHERE account_id = 3 AND action = 'page' AND feature = 'accueil' AND " LIVE), 1);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM usage_event WHERE account_id = 3 AND action = 'page' AND feature = 'resultats' AND " LIVE), 1);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM usage_event WHERE account_id = 3 AND action = 'hide' AND " LIVE), 1);
	assert_int_equal(server_query_count(&server, "SELECT count(DISTINCT connection_id) FROM usage_event WHERE account_id = 3 AND " LIVE), 1);
	assert_int_equal(server_query_count(&server, "SELECT sum(connections) FROM usage_child_day WHERE account_id = 3 AND day > 20770"), 1);
}

/* The administrateur's October figures, computed by hand:
 * registered 6; active 6; connections 7, so 7 / 6 = 1.2 per child;
 * mean (6 * 30 + 15) / 7 = 27.857 -> 27.9 min; median of
 * 15 30 30 30 30 30 30 -> 30; 6 done, 3 passed -> 50 %. */
static void structure_figures_by_hand(void **state)
{
	struct client c;
	struct response r;

	adult(&c, "administrateur");
	get_ok(&c, "/statistiques/structure/1?periode=mois&date=2026-10-15&format=csv", &r);
	assert_non_null(strstr(r.content_type, "text/csv"));
	assert_csv_line(&r, "Enfants inscrits,6,6");
	assert_csv_line(&r, "Enfants actifs,6,0");
	assert_csv_line(&r, "Connexions par enfant inscrit,1.2,0");
	assert_csv_line(&r, "Durée moyenne d'une connexion (min),27.9,0");
	assert_csv_line(&r, "Durée médiane d'une connexion (min),30,—");
	assert_csv_line(&r, "Activités faites,6,0");
	assert_csv_line(&r, "Taux de réussite (%),50,0");
	response_release(&r);

	/* The week of 5 October holds the same connections; the 6th alone
	 * holds child 3's second one. */
	get_ok(&c, "/statistiques/structure/1?periode=jour&date=2026-10-06&format=csv", &r);
	assert_csv_line(&r, "Enfants actifs,1,6");
	assert_csv_line(&r, "Durée moyenne d'une connexion (min),15,30");
	response_release(&r);

	/* 6 October to 10 November: child 3 on the 6th, children 3, 4 and 5
	 * on 10 November: 3 distinct children, 1 + 3 = 4 connections. */
	get_ok(&c, "/statistiques/structure/1?periode=plage&du=2026-10-06&au=2026-11-10&format=csv", &r);
	assert_csv_line(&r, "Enfants actifs,3,6");
	response_release(&r);
	/* 6 October to 9 November cuts both months: the days' masks keep
	 * child 3's 6 October and leave out the 5th and 10 November. */
	get_ok(&c, "/statistiques/structure/1?periode=plage&du=2026-10-06&au=2026-11-09&format=csv", &r);
	assert_csv_line(&r, "Enfants actifs,1,6");
	response_release(&r);
	/* Child 3's masks: days 5 and 6 of October (bits 4 and 5), day 10 of
	 * November (bit 9); no tutoring message. */
	assert_int_equal(server_query_count(&server, "SELECT active_days FROM usage_child_month WHERE account_id = 3 AND month = 2026 * 12 + 9"), 48);
	assert_int_equal(server_query_count(&server, "SELECT active_days FROM usage_child_month WHERE account_id = 3 AND month = 2026 * 12 + 10"), 512);
	assert_int_equal(server_query_count(&server, "SELECT sum(tutoring_days) FROM usage_child_month WHERE account_id = 3"), 0);
	/* A whole school year with days on both sides: October's 6 children
	 * are counted once. */
	get_ok(&c, "/statistiques/structure/1?periode=plage&du=2026-08-20&au=2027-09-10&format=csv", &r);
	assert_csv_line(&r, "Enfants actifs,6,0");
	response_release(&r);

	get_ok(&c, "/statistiques/structure/1?periode=plage&du=2026-10-01&au=2026-11-30", &r);
	assert_non_null(strstr(r.body, "<svg"));
	assert_non_null(strstr(r.body, "Enfants actifs"));
	response_release(&r);

	get_ok(&c, "/statistiques/groupe/1?periode=mois&date=2026-10-15&format=csv", &r);
	assert_csv_line(&r, "Enfants actifs,6,0");
	response_release(&r);
	client_release(&c);
}

/* November has 3 active children: below the threshold of 5, so the
 * financeur sees "—"; the administrateur sees the figures. */
static void financeur_sees_aggregates_only(void **state)
{
	struct client c;
	struct response r;

	adult(&c, "financeur");
	get_ok(&c, "/statistiques/organisation/4?periode=mois&date=2026-10-15&format=csv", &r);
	/* September had no active child, fewer than 5: hidden too. */
	assert_csv_line(&r, "Enfants actifs,6,—");
	assert_csv_line(&r, "Association de démonstration,6,6,7,6,3");
	response_release(&r);
	get_ok(&c, "/statistiques/organisation/4?periode=mois&date=2026-11-15&format=csv", &r);
	assert_csv_line(&r, "Enfants actifs,—,6");
	assert_csv_line(&r, "Ressources ouvertes,—,0");
	assert_csv_line(&r, "Association de démonstration,6,—,—,—,—");
	response_release(&r);
	get_ok(&c, "/statistiques/organisation/4?periode=mois&date=2026-11-15", &r);
	assert_non_null(strstr(r.body, "moins de 5"));
	assert_null(strstr(r.body, "Léa"));
	response_release(&r);
	/* The structure and group dashboards are for its administrateurs. */
	client_get(&c, "/statistiques/structure/1", &r);
	assert_int_equal(r.status, 404);
	response_release(&r);
	client_get(&c, "/statistiques/groupe/1", &r);
	assert_int_equal(r.status, 404);
	response_release(&r);
	/* The national root is above the financeur's organisation. */
	client_get(&c, "/statistiques/organisation/1", &r);
	assert_int_equal(r.status, 404);
	response_release(&r);
	client_release(&c);

	adult(&c, "administrateur");
	get_ok(&c, "/statistiques/structure/1?periode=mois&date=2026-11-15&format=csv", &r);
	assert_csv_line(&r, "Enfants actifs,3,6");
	assert_csv_line(&r, "Ressources ouvertes,3,0");
	response_release(&r);
	client_get(&c, "/statistiques/organisation/4", &r);
	assert_int_equal(r.status, 404);
	response_release(&r);
	client_release(&c);
}

/* The national total equals the sum of the structures' lines. */
static void national_total_is_sum_of_parts(void **state)
{
	struct client c;
	struct response r;

	adult(&c, "operateur");
	get_ok(&c, "/statistiques/organisation/1?periode=annee&date=2026-10-15&format=csv", &r);
	/* School year 2026-2027: 7 connections in October, 3 in November and
	 * the real one of live_events_are_recorded, which runs first. */
	assert_csv_line(&r, "Enfants actifs,6,0");
	assert_csv_line(&r, "Association de démonstration,6,6,11,6,3");
	response_release(&r);
	/* 6 October to 9 November, and 1 September to 5 October before it:
	 * one pass over October's sets keeps the 6th for the period (child 3)
	 * and the 5th for the previous one (6 children). */
	get_ok(&c, "/statistiques/organisation/1?periode=plage&du=2026-10-06&au=2026-11-09&format=csv", &r);
	assert_csv_line(&r, "Enfants actifs,1,6");
	assert_csv_line(&r, "Association de démonstration,6,1,1,0,0");
	response_release(&r);
	/* 2 to 30 October: October less its 1st and 31st, 7 connections. */
	get_ok(&c, "/statistiques/organisation/1?periode=plage&du=2026-10-02&au=2026-10-30&format=csv", &r);
	assert_csv_line(&r, "Association de démonstration,6,6,7,6,3");
	response_release(&r);
	get_ok(&c, "/statistiques", &r);
	assert_non_null(strstr(r.body, "/statistiques/organisation/1"));
	response_release(&r);
	client_release(&c);
}

static void bad_periods_rejected(void **state)
{
	static const struct {
		const char *query;
		const char *message;
	} cases[] = {
		{ "periode=siecle", "Période inconnue" },
		{ "periode=mois&date=2026-02-30", "Date invalide" },
		{ "periode=plage&du=2026-10-01", "Date de fin invalide" },
		{ "periode=plage&du=2026-10-31&au=2026-10-01", "avant la date de début" },
		{ "periode=plage&du=2020-01-01&au=2026-01-01", "trois ans" },
		{ "format=pdf", "Format inconnu" },
	};
	struct client c;
	struct response again;
	size_t i;

	adult(&c, "administrateur");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char path[256];
		struct response r;

		snprintf(path, sizeof(path), "/statistiques/structure/1?%s", cases[i].query);
		client_get(&c, path, &r);
		if (r.status != 422 || !strstr(r.body, cases[i].message))
			fail_msg("%s: expected 422 with \"%s\", got %ld", path, cases[i].message, r.status);
		/* The period form comes back under the message, to correct it. */
		if (!strstr(r.body, "<select id=\"periode\" name=\"periode\">"))
			fail_msg("%s: no period form in the answer", path);
		response_release(&r);
	}
	/* What was typed is shown again. */
	client_get(&c, "/statistiques/structure/1?periode=mois&date=2026-02-30", &again);
	assert_non_null(strstr(again.body, "value=\"2026-02-30\""));
	response_release(&again);
	client_release(&c);
}

static long post_form(struct client *c, const char *page, const char *path, const char *fields, struct response *r)
{
	char csrf[64], body[1024];
	struct response form;

	get_ok(c, page, &form);
	assert_int_equal(page_hidden(&form, "csrf", csrf, sizeof(csrf)), 0);
	response_release(&form);
	snprintf(body, sizeof(body), "csrf=%s&%s", csrf, fields);
	client_post(c, path, body, r);
	return r->status;
}

/* A financeur records diagnostic figures for its territory; bad figures
 * are rejected with a message and nothing written. */
static void diagnostic_recorded(void **state)
{
	struct client c;
	struct response r;

	adult(&c, "financeur");
	assert_int_equal(post_form(&c, "/statistiques/organisation/4", "/statistiques/organisation/4/diagnostic",
				   "date=2026-09-15&enfants=&resultat_local=150&resultat_national=abc&suivis=&ordinateurs_ecoles=&ordinateurs_associations=&note=", &r), 422);
	assert_non_null(strstr(r.body, "va de 0 à 100"));
	assert_non_null(strstr(r.body, "« abc » n&#39;est pas un nombre"));
	response_release(&r);
	assert_int_equal(post_form(&c, "/statistiques/organisation/4", "/statistiques/organisation/4/diagnostic",
				   "date=2026-02-30&enfants=12", &r), 422);
	assert_non_null(strstr(r.body, "Date invalide"));
	response_release(&r);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM diagnostic"), 0);

	assert_int_equal(post_form(&c, "/statistiques/organisation/4", "/statistiques/organisation/4/diagnostic",
				   "date=2026-09-15&enfants=240&resultat_local=58%2C5&resultat_national=64&suivis=35&ordinateurs_ecoles=12&ordinateurs_associations=4&note=Rectorat", &r), 303);
	response_release(&r);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM diagnostic WHERE scope = 'organisation' AND scope_id = 4 AND children_concerned = 240"), 1);
	get_ok(&c, "/statistiques/organisation/4?diagnostic=enregistre", &r);
	assert_non_null(strstr(r.body, "Le diagnostic est enregistré"));
	/* The gap between the local and national results: 58.5 - 64 = -5.5. */
	assert_non_null(strstr(r.body, "<td>-5.5</td>"));
	response_release(&r);
	get_ok(&c, "/statistiques/organisation/4?format=csv", &r);
	assert_csv_line(&r, "2026-09-15,240,58.5,64,35,12,4");
	response_release(&r);
	/* Not on the structure, which is for its administrateurs. */
	assert_int_equal(post_form(&c, "/statistiques/organisation/4", "/statistiques/structure/1/diagnostic", "date=2026-09-15&enfants=1", &r), 404);
	response_release(&r);
	client_release(&c);
}

/* GET a dashboard once the server's rollup thread has filled its new
 * partner indicators (a month a step, each second at most). */
static void get_rolled(struct client *c, const char *path, struct response *r)
{
	int tries;

	for (tries = 0; tries < 100; tries++) {
		get_ok(c, path, r);
		if (!strstr(r->body, "en cours de calcul"))
			return;
		response_release(r);
		usleep(100 * 1000);
	}
	fail_msg("GET %s: the partner indicators were still being computed after 10 s", path);
}

/* Partners define indicators from the events (with filters) or as a
 * value; October has 2 activities submitted by CE2 children (Léa, Noah)
 * and 6 children who signed in. */
static void partner_indicators(void **state)
{
	struct client c;
	struct response r;

	adult(&c, "administrateur");
	assert_int_equal(post_form(&c, "/statistiques/structure/1", "/statistiques/structure/1/indicateur",
				   "nom=Activit%C3%A9s+CE2&type=events&fonction=activites&action=submit&niveau=CE2&groupe=&matiere=&du=&au=&valeur=", &r), 303);
	response_release(&r);
	assert_int_equal(post_form(&c, "/statistiques/structure/1", "/statistiques/structure/1/indicateur",
				   "nom=Hiboux&type=children&fonction=connexion&action=sign-in&niveau=&groupe=1", &r), 303);
	response_release(&r);
	assert_int_equal(post_form(&c, "/statistiques/structure/1", "/statistiques/structure/1/indicateur",
				   "nom=Budget&type=value&valeur=12.5", &r), 303);
	response_release(&r);
	assert_int_equal(post_form(&c, "/statistiques/structure/1", "/statistiques/structure/1/indicateur",
				   "nom=Faux&type=events&groupe=999", &r), 422);
	assert_non_null(strstr(r.body, "Groupe inconnu"));
	response_release(&r);
	assert_int_equal(post_form(&c, "/statistiques/structure/1", "/statistiques/structure/1/indicateur", "nom=&type=autre", &r), 422);
	assert_non_null(strstr(r.body, "Donnez un nom"));
	assert_non_null(strstr(r.body, "Type invalide"));
	response_release(&r);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM partner_indicator"), 3);

	get_rolled(&c, "/statistiques/structure/1?periode=mois&date=2026-10-15&format=csv", &r);
	assert_csv_line(&r, "Activités CE2,2,0");
	assert_csv_line(&r, "Hiboux,6,0");
	assert_csv_line(&r, "Budget,12.5,12.5");
	response_release(&r);
	client_release(&c);

	/* A financeur's indicator about 2 children is hidden from it. */
	adult(&c, "financeur");
	assert_int_equal(post_form(&c, "/statistiques/organisation/4", "/statistiques/organisation/4/indicateur",
				   "nom=Soumissions+CE2&type=events&fonction=activites&action=submit&niveau=CE2", &r), 303);
	response_release(&r);
	assert_int_equal(post_form(&c, "/statistiques/organisation/4", "/statistiques/organisation/4/indicateur",
				   "nom=Connect%C3%A9s&type=children&fonction=connexion&action=sign-in", &r), 303);
	response_release(&r);
	get_rolled(&c, "/statistiques/organisation/4?periode=mois&date=2026-10-15&format=csv", &r);
	assert_csv_line(&r, "Soumissions CE2,—,—");
	assert_csv_line(&r, "Connectés,6,—");
	response_release(&r);
	client_release(&c);
}

/* The indicator form names the stored feature and action identifiers,
 * some of them English, in French. */
static void partner_form_in_french(void **state)
{
	struct client c;
	struct response r;

	adult(&c, "financeur");
	get_ok(&c, "/statistiques/organisation/4", &r);
	assert_non_null(strstr(r.body, "<option value=\"activites\">Activités</option>"));
	assert_non_null(strstr(r.body, "<option value=\"sign-in\">Connexion</option>"));
	assert_non_null(strstr(r.body, "<option value=\"submit\">Activité envoyée</option>"));
	assert_non_null(strstr(r.body, "<option value=\"answer\">Réponse à une enquête</option>"));
	assert_null(strstr(r.body, ">sign-in<"));
	assert_null(strstr(r.body, ">submit<"));
	response_release(&r);
	client_release(&c);
}

/* The .ods is a zip whose first entry is the stored mimetype; LibreOffice
 * opens it and its CSV conversion equals our own CSV export. */
static void ods_opens_in_libreoffice(void **state)
{
	struct client c;
	struct response ods, csv;
	char dir[] = "/tmp/ardoise-ods-XXXXXX", path[512], command[1536], *converted = NULL;
	FILE *f;
	long size;

	adult(&c, "administrateur");
	get_ok(&c, "/statistiques/structure/1?periode=mois&date=2026-10-15&format=ods", &ods);
	get_ok(&c, "/statistiques/structure/1?periode=mois&date=2026-10-15&format=csv", &csv);
	assert_true(ods.len > 100);
	assert_memory_equal(ods.body, "PK\x03\x04", 4);
	assert_memory_equal(ods.body + 30, "mimetypeapplication/vnd.oasis.opendocument.spreadsheet", 54);
	if (system("command -v soffice > /dev/null 2>&1") != 0) {
		print_message("SKIP LibreOffice check: soffice is not installed (Debian package libreoffice-calc-nogui)\n");
		goto out;
	}
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/indicateurs.ods", dir);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(ods.body, 1, ods.len, f), ods.len);
	fclose(f);
	snprintf(command, sizeof(command),
		 "cd %s && HOME=%s soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true' indicateurs.ods > /dev/null 2>&1",
		 dir, dir);
	assert_int_equal(system(command), 0);
	snprintf(path, sizeof(path), "%s/indicateurs.csv", dir);
	f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	converted = calloc(1, (size_t)size + 1);
	assert_int_equal(fread(converted, 1, (size_t)size, f), (size_t)size);
	fclose(f);
	/* LibreOffice ends lines with \n; ours follow RFC 4180 (\r\n). */
	{
		char *ours = calloc(1, csv.len + 1), *w = ours;
		size_t i;

		for (i = 0; i < csv.len; i++)
			if (csv.body[i] != '\r')
				*w++ = csv.body[i];
		assert_string_equal(converted, ours);
		free(ours);
	}
	snprintf(command, sizeof(command), "rm -rf %s", dir);
	assert_int_equal(system(command), 0);
out:
	free(converted);
	response_release(&ods);
	response_release(&csv);
	client_release(&c);
}

/* September: child 4 is active in the demo structure on the 1st and in a
 * second structure of the same financeur on the 2nd. Each structure's line
 * counts the child, the total counts them once, in the figures and in the
 * monthly chart of the school year. Runs last: it adds a structure. */
static void moved_child_counted_once(void **state)
{
	struct client c;
	struct response r;

	sql("INSERT INTO structure (id, name, code, created_at, financeur_id) VALUES (2, 'Centre social des Tilleuls', 'TILLEULS', 0, 4)");
	event(SEP01_1400, 4, 5004, "connexion", "sign-in", 0);
	event(SEP01_1400 + 10 * MIN, 4, 5004, "matieres", "page", 0);
	sql("INSERT INTO usage_event (at, account_id, structure_id, connection_id, feature, action, object, value) "
	    "VALUES (1788350400, 4, 2, 5005, 'connexion', 'sign-in', '', 0), (1788351000, 4, 2, 5005, 'matieres', 'page', '', 0)");
	rollup_days("2026-09-01", "2026-09-30");
	/* Two sets for September, one child in each. */
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM usage_structure_month WHERE month = 2026 * 12 + 8"), 2);

	adult(&c, "operateur");
	get_ok(&c, "/statistiques/organisation/1?periode=mois&date=2026-09-15&format=csv", &r);
	assert_csv_line(&r, "Enfants actifs,1,0");
	assert_csv_line(&r, "Association de démonstration,6,1,1,0,0");
	assert_csv_line(&r, "Centre social des Tilleuls,0,1,1,0,0");
	assert_csv_line(&r, "connexion,2");
	assert_csv_line(&r, "Durée médiane d'une connexion (min),10,—");
	response_release(&r);
	get_ok(&c, "/statistiques/organisation/4?periode=mois&date=2026-09-15&format=csv", &r);
	assert_csv_line(&r, "Connexions par enfant inscrit,0.3,0");
	assert_csv_line(&r, "matieres,2");
	response_release(&r);
	/* 1 to 2 September cuts the month: the same through the days' masks. */
	get_ok(&c, "/statistiques/organisation/4?periode=plage&du=2026-09-01&au=2026-09-02&format=csv", &r);
	assert_csv_line(&r, "Enfants actifs,1,0");
	response_release(&r);
	get_ok(&c, "/statistiques/organisation/1?periode=annee&date=2026-10-15&format=csv", &r);
	assert_csv_line(&r, "Enfants actifs,6,0");
	response_release(&r);
	get_ok(&c, "/statistiques/organisation/1?periode=annee&date=2026-10-15", &r);
	assert_non_null(strstr(r.body, "<title>10/2026 : 6</title>"));
	assert_non_null(strstr(r.body, "<title>11/2026 : 3</title>"));
	assert_non_null(strstr(r.body, "<title>09/2026 : 1</title>"));
	response_release(&r);

	/* The second structure leaves the financeur: the next rollup, of any
	 * day, sums the organisations' days again. The financeur's September
	 * loses it; the national total keeps it. */
	sql("UPDATE structure SET financeur_id = NULL WHERE id = 2");
	rollup_days("2026-08-01", "2026-08-01");
	get_ok(&c, "/statistiques/organisation/4?periode=mois&date=2026-09-15&format=csv", &r);
	assert_csv_line(&r, "Connexions par enfant inscrit,0.2,0");
	assert_csv_line(&r, "connexion,1");
	assert_csv_line(&r, "matieres,1");
	assert_null(strstr(r.body, "Tilleuls"));
	response_release(&r);
	get_ok(&c, "/statistiques/organisation/1?periode=mois&date=2026-09-15&format=csv", &r);
	assert_csv_line(&r, "connexion,2");
	assert_csv_line(&r, "Centre social des Tilleuls,0,1,1,0,0");
	response_release(&r);

	/* A database rolled up before the sets existed: migration 020 leaves
	 * a mark, and the next rollup, of any day, builds every month's and
	 * school year's sets. */
	sql("DELETE FROM usage_structure_month; DELETE FROM usage_structure_year");
	sql("INSERT INTO usage_rollup_state (name, refreshed_at) VALUES ('sets-pending', 0)");
	rollup_days("2026-08-01", "2026-08-01");
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM usage_rollup_state WHERE name = 'sets-pending'"), 0);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM usage_structure_month WHERE month = 2026 * 12 + 8"), 2);
	get_ok(&c, "/statistiques/organisation/1?periode=annee&date=2026-10-15&format=csv", &r);
	assert_csv_line(&r, "Enfants actifs,6,0");
	response_release(&r);
	client_release(&c);
}

static int setup(void **state)
{
	static const char *const extra[] = { "--rollup-interval", "1", NULL };

	server_start_with(&server, extra);
	hand_built_events();
	return 0;
}

static int teardown(void **state)
{
	assert_int_equal(server_stop(&server), 0);
	return 0;
}

/* The national page counts registered children from the hours rolled up,
 * the structure page from the accounts: both agree at the midnight that
 * starts November (23:00 UTC on 31 October). */
static void registered_by_hour(void **state)
{
	static const struct {
		long deactivated_at;
		const char *november; /* registered in November, then October */
	} cases[] = {
		{ 1793487600 - 1, "Enfants inscrits,5,6" }, /* one second before */
		{ 1793487600, "Enfants inscrits,6,6" },     /* at midnight: still counted in November */
	};
	struct client c;
	struct response r;
	size_t i;

	adult(&c, "operateur");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char text[256];

		snprintf(text, sizeof(text), "UPDATE account SET active = 0, deactivated_at = %ld WHERE id = 8", cases[i].deactivated_at);
		sql(text);
		rollup_days("2026-08-01", "2026-08-01");
		get_ok(&c, "/statistiques/organisation/1?periode=mois&date=2026-11-15&format=csv", &r);
		assert_csv_line(&r, cases[i].november);
		response_release(&r);
		get_ok(&c, "/statistiques/structure/1?periode=mois&date=2026-11-15&format=csv", &r);
		assert_csv_line(&r, cases[i].november);
		response_release(&r);
	}
	/* Until the next rollup, the national page keeps the last count. */
	sql("UPDATE account SET active = 0, deactivated_at = 1 WHERE id = 8");
	get_ok(&c, "/statistiques/organisation/1?periode=mois&date=2026-11-15&format=csv", &r);
	assert_csv_line(&r, "Enfants inscrits,6,6");
	response_release(&r);
	rollup_days("2026-08-01", "2026-08-01");
	get_ok(&c, "/statistiques/organisation/1?periode=mois&date=2026-11-15&format=csv", &r);
	assert_csv_line(&r, "Enfants inscrits,5,5");
	response_release(&r);
	sql("UPDATE account SET active = 1, deactivated_at = NULL WHERE id = 8");
	rollup_days("2026-08-01", "2026-08-01");
	client_release(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(live_events_are_recorded),
		cmocka_unit_test(structure_figures_by_hand),
		cmocka_unit_test(financeur_sees_aggregates_only),
		cmocka_unit_test(national_total_is_sum_of_parts),
		cmocka_unit_test(registered_by_hour),
		cmocka_unit_test(bad_periods_rejected),
		cmocka_unit_test(diagnostic_recorded),
		cmocka_unit_test(partner_indicators),
		cmocka_unit_test(partner_form_in_french),
		cmocka_unit_test(ods_opens_in_libreoffice),
		cmocka_unit_test(moved_child_counted_once),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
