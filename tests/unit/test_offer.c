/* Unit tests of the offer: amounts, price lists, seats at every path that
 * creates or reactivates a child, the year change, gap-free numbering
 * under concurrent issues (SQLite, and PostgreSQL when
 * ARDOISE_TEST_PG_URL is set), read-only documents and their PDF text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "content/activity.h"
#include "offer/amount.h"
#include "offer/document.h"
#include "offer/licence.h"
#include "offer/offer.h"
#include "offer/training.h"
#include "org/import.h"
#include "org/people.h"
#include "pg_scratch.h"

/* 2027-01-01 12:00 UTC, in the school year 2026-2027. */
#define IN_2026_2027 ((time_t)1798804800)
/* 2027-09-15 12:00 UTC, in the school year 2027-2028. */
#define IN_2027_2028 ((time_t)1820923200)
#define THREADS 6
#define ISSUES_PER_THREAD 5

static char url[512];
static char pg_name[PG_SCRATCH_NAME_MAX];
static char sqlite_path[64];

/* ---- amounts ---- */

static void vat_rounds_half_up(void **state)
{
	static const struct { int64_t ht; int bp; int64_t vat; } cases[] = {
		{ 2500, 2000, 500 }, { 1, 5000, 1 }, { 3, 550, 0 }, { 10, 550, 1 }, { 9, 550, 0 },
		{ 7500, 550, 413 }, { -10, 550, -1 }, { -7500, 550, -413 }, { 2500, 0, 0 }, { 999, 2000, 200 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(amount_vat(cases[i].ht, cases[i].bp), cases[i].vat);
}

static void totals_are_sums_of_lines(void **state)
{
	/* Two lines of 1 cent at 50 %: 0.5 rounds up on each line, so the
	 * VAT is 2 cents, where rounding the total would give 1. */
	struct amount_line lines[] = { { 1, 1, 5000, 0, 0 }, { 1, 1, 5000, 0, 0 } };
	struct amount_line launch[] = { { 30, 2500, 2000, 0, 0 }, { 10, 1000, 2000, 0, 0 } };
	struct amount_totals t;

	amount_line_compute(&lines[0]);
	amount_line_compute(&lines[1]);
	amount_totals_sum(lines, 2, &t);
	assert_int_equal(t.ht_cents, 2);
	assert_int_equal(t.vat_cents, 2);
	assert_int_equal(t.ttc_cents, 4);
	amount_line_compute(&launch[0]);
	amount_line_compute(&launch[1]);
	amount_totals_sum(launch, 2, &t);
	assert_int_equal(launch[0].ht_cents, 75000);
	assert_int_equal(launch[1].ht_cents, 10000);
	assert_int_equal(t.ht_cents, 85000);
	assert_int_equal(t.vat_cents, 17000);
	assert_int_equal(t.ttc_cents, 102000);
}

static void amounts_parse_and_format(void **state)
{
	static const struct { const char *text; int64_t cents; } good[] = {
		{ "25", 2500 }, { "25,5", 2550 }, { "25.50", 2550 }, { "1 234,56", 123456 }, { "0", 0 }, { "0,01", 1 },
	};
	static const char *const bad[] = { "", "-1", "25,555", "abc", "25,", ",5", "1000001", "2 5x" };
	char text[AMOUNT_TEXT_MAX];
	int64_t cents;
	int bp;
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		assert_int_equal(amount_parse(good[i].text, &cents), 0);
		assert_int_equal(cents, good[i].cents);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(amount_parse(bad[i], &cents), -1);
	assert_int_equal(vat_rate_parse("5,5", &bp), 0);
	assert_int_equal(bp, 550);
	assert_int_equal(vat_rate_parse("0", &bp), 0);
	assert_int_equal(bp, 0);
	assert_int_equal(vat_rate_parse("100,01", &bp), -1);
	amount_format(123456789, text, sizeof(text));
	assert_string_equal(text, "1 234 567,89 €");
	amount_format(-2500, text, sizeof(text));
	assert_string_equal(text, "-25,00 €");
	amount_format_plain(-5, text, sizeof(text));
	assert_string_equal(text, "-0.05");
	vat_rate_format(550, text, sizeof(text));
	assert_string_equal(text, "5,5 %");
}

/* ---- a database with one structure under a financeur ---- */

static struct db *db_fresh(void)
{
	char err[256];
	struct db *db = db_open(url, err, sizeof(err));

	assert_non_null(db);
	return db;
}

static struct db *sqlite_fresh(void)
{
	int fd;

	snprintf(sqlite_path, sizeof(sqlite_path), "/tmp/ardoise-offer-XXXXXX");
	fd = mkstemp(sqlite_path);
	assert_true(fd >= 0);
	close(fd);
	snprintf(url, sizeof(url), "%s", sqlite_path);
	return db_fresh();
}

/* Structure 1 (code TEST) under financeur 2 "Ville de Test", admin 1, an
 * issuer, and the launch prices for the years of the tests and of today. */
static void fixture(struct db *db, int vat_bp)
{
	char sql[1024], year[SCHOOL_YEAR_TEXT];

	assert_true(db_migrate(db) >= 0);
	offer_school_year(time(NULL), year, sizeof(year));
	assert_int_equal(db_exec(db,
		"INSERT INTO organisation (id, kind, name, created_at) VALUES (1, 'operateur', 'Ardoise', 0);"
		"INSERT INTO organisation (id, kind, parent_id, name, created_at) VALUES (2, 'financeur', 1, 'Ville de Test', 0);"
		"INSERT INTO structure (id, name, code, created_at, financeur_id) VALUES (1, 'Les Castors', 'TEST', 0, 2);"
		"INSERT INTO account (id, structure_id, role, login, first_name, secret_hash, created_at) VALUES (1, 1, 'administrateur', 'admin', 'Ada', 'x', 0);"
		"INSERT INTO class_group (id, structure_id, name) VALUES (1, 1, 'Les Hiboux');"
		"INSERT INTO offer_issuer (id, name, address, siret, payment_days) VALUES (1, 'Ardoise SAS', '1 rue de l''École\n31000 Toulouse', '12345678901234', 30);"), 0);
	snprintf(sql, sizeof(sql), "INSERT INTO price_list (school_year, child_cents, tutoring_cents, vat_bp, updated_at) VALUES "
		 "('2026-2027', 2500, 1000, %d, 0), ('2027-2028', 2600, 1000, %d, 0) ON CONFLICT (school_year) DO NOTHING;"
		 "INSERT INTO price_list (school_year, child_cents, tutoring_cents, vat_bp, updated_at) VALUES ('%s', 2500, 1000, %d, 0) "
		 "ON CONFLICT (school_year) DO NOTHING", vat_bp, vat_bp, year, vat_bp);
	assert_int_equal(db_exec(db, sql), 0);
}

static void db_done(struct db *db)
{
	db_close(db);
	if (*sqlite_path) {
		char wal[96];

		unlink(sqlite_path);
		snprintf(wal, sizeof(wal), "%s-wal", sqlite_path);
		unlink(wal);
		snprintf(wal, sizeof(wal), "%s-shm", sqlite_path);
		unlink(wal);
		sqlite_path[0] = '\0';
	}
}

static int64_t child_add(struct db *db, const char *first_name, struct field_errors *errors)
{
	struct person_input in = { .role = "eleve", .first_name = first_name, .last_initial = "B", .level = "CM1" };
	char pictures[64];

	errors->count = 0;
	return people_create_child(db, 1, 1, &in, true, pictures, sizeof(pictures), errors);
}

static void licence_for_today(struct db *db, int64_t seats, int64_t tutoring)
{
	char year[SCHOOL_YEAR_TEXT];

	offer_school_year(time(NULL), year, sizeof(year));
	assert_int_equal(db_begin(db), 0);
	assert_true(licence_insert(db, 1, 2, year, seats, tutoring, 0, time(NULL)) > 0);
	assert_int_equal(db_commit(db), 0);
}

/* ---- seats ---- */

static void unlicensed_structure_is_unlimited(void **state)
{
	struct db *db = sqlite_fresh();
	struct field_errors errors;
	char message[OFFER_MESSAGE_MAX] = "";
	int i;

	fixture(db, 2000);

	for (i = 0; i < 3; i++)
		assert_true(child_add(db, "Zoé", &errors) > 0);
	assert_int_equal(offer_child_may_start(db, 2, time(NULL)), 1);
	/* Tutoring still needs a licence with tutoring seats. */
	assert_int_equal(offer_tutoring_grant(db, 1, 2, time(NULL), message, sizeof(message)), 0);
	assert_non_null(strstr(message, "n'a pas de place de soutien"));
	db_done(db);
}

static void form_path_stops_at_seats(void **state)
{
	struct db *db = sqlite_fresh();
	struct field_errors errors;
	char year[SCHOOL_YEAR_TEXT], expected[128];

	fixture(db, 2000);
	licence_for_today(db, 2, 0);
	offer_school_year(time(NULL), year, sizeof(year));
	assert_true(child_add(db, "Zoé", &errors) > 0);
	assert_true(child_add(db, "Yann", &errors) > 0);
	assert_int_equal(child_add(db, "Xavier", &errors), -1);
	assert_int_equal(errors.count, 1);
	assert_string_equal(errors.items[0].field, "licence");
	snprintf(expected, sizeof(expected), "Il ne reste aucune place sur la licence %s de cette structure", year);
	assert_non_null(strstr(errors.items[0].message, expected));
	assert_non_null(strstr(errors.items[0].message, "Ville de Test"));
	assert_int_equal(db_query_int(db, "SELECT count(*) FROM account WHERE role = 'eleve'", -1), 2);
	db_done(db);
}

static void seats_message_counts_remaining(void **state)
{
	struct offer_seats s = { .licensed = true, .school_year = "2026-2027", .seats = 30, .used = 28, .financeur = "Ville de Test" };
	char message[OFFER_MESSAGE_MAX];

	offer_seats_message(&s, message, sizeof(message));
	assert_string_equal(message, "Il reste 2 places sur la licence 2026-2027 de cette structure. "
				     "Pour en ajouter, demandez à votre financeur (Ville de Test) ou à l'opérateur Ardoise.");
	s.used = 29;
	offer_seats_message(&s, message, sizeof(message));
	assert_non_null(strstr(message, "Il reste 1 place sur"));
}

static void reactivation_needs_a_seat(void **state)
{
	struct db *db = sqlite_fresh();
	struct field_errors errors;
	char message[OFFER_MESSAGE_MAX] = "";
	int64_t first, second;

	fixture(db, 2000);
	licence_for_today(db, 1, 0);
	first = child_add(db, "Zoé", &errors);
	assert_true(first > 0);
	assert_int_equal(people_set_active(db, 1, first, false, message, sizeof(message)), 0);
	second = child_add(db, "Yann", &errors);
	assert_true(second > 0);
	assert_int_equal(people_set_active(db, 1, first, true, message, sizeof(message)), PEOPLE_NO_SEAT);
	assert_non_null(strstr(message, "Il ne reste aucune place"));
	assert_int_equal(db_query_int_param(db, "SELECT active FROM account WHERE id = ?", first, -1), 0);
	/* An adult takes no seat. */
	assert_int_equal(people_set_active(db, 1, 1, false, message, sizeof(message)), 0);
	assert_int_equal(people_set_active(db, 1, 1, true, message, sizeof(message)), 0);
	db_done(db);
}

static void import_overflow_refused_whole(void **state)
{
	static const char file[] = "Prénom;Nom;Niveau;Groupe\nAlice;Martin;CE2;Les Hiboux\nBruno;Petit;CM1;Les Hiboux\nCamille;Roux;CM2;\n";
	struct db *db = sqlite_fresh();
	struct import_plan plan;
	size_t i;
	bool found = false;

	fixture(db, 2000);
	licence_for_today(db, 2, 0);
	assert_int_equal(import_plan_make(db, 1, file, sizeof(file) - 1, &plan), 0);
	assert_false(import_plan_ready(&plan));
	for (i = 0; i < plan.problem_count; i++)
		if (strstr(plan.problems[i].message, "Le fichier ajouterait 3 élèves : l'import est refusé en entier. Il reste 2 places sur la licence"))
			found = true;
	assert_true(found);
	import_plan_release(&plan);
	/* With room, the plan is ready; if the seats went in the meantime,
	 * applying it creates no child. */
	licence_for_today(db, 1, 0);
	assert_int_equal(import_plan_make(db, 1, file, sizeof(file) - 1, &plan), 0);
	assert_true(import_plan_ready(&plan));
	assert_int_equal(db_exec(db, "UPDATE licence SET active = 0 WHERE seats = 1"), 0);
	assert_int_equal(import_apply(db, 1, 1, &plan, 0, NULL, NULL), -1);
	assert_int_equal(db_query_int(db, "SELECT count(*) FROM account WHERE role = 'eleve'", -1), 0);
	import_plan_release(&plan);
	db_done(db);
}

static void year_change_blocks_new_activities(void **state)
{
	struct db *db = sqlite_fresh();

	fixture(db, 2000);
	assert_int_equal(db_exec(db, "INSERT INTO account (id, structure_id, role, login, first_name, secret_hash, created_at) VALUES "
				     "(10, 1, 'eleve', 'a', 'A', 'x', 0), (11, 1, 'eleve', 'b', 'B', 'x', 0), (12, 1, 'eleve', 'c', 'C', 'x', 0)"), 0);
	assert_int_equal(db_begin(db), 0);
	assert_true(licence_insert(db, 1, 2, "2026-2027", 3, 1, 0, IN_2026_2027) > 0);
	assert_int_equal(db_commit(db), 0);
	assert_int_equal(offer_child_may_start(db, 12, IN_2026_2027), 1);
	/* A new school year without a licence: no child starts an activity. */
	assert_int_equal(offer_child_may_start(db, 10, IN_2027_2028), 0);
	assert_int_equal(offer_child_may_start(db, 12, IN_2027_2028), 0);
	/* Two seats for the new year: the first two children by id hold them. */
	assert_int_equal(db_begin(db), 0);
	assert_true(licence_insert(db, 1, 2, "2027-2028", 2, 0, 0, IN_2027_2028) > 0);
	assert_int_equal(db_commit(db), 0);
	assert_int_equal(offer_child_may_start(db, 10, IN_2027_2028), 1);
	assert_int_equal(offer_child_may_start(db, 11, IN_2027_2028), 1);
	assert_int_equal(offer_child_may_start(db, 12, IN_2027_2028), 0);
	/* Tutoring seats belong to one year too. */
	assert_int_equal(db_exec(db, "INSERT INTO tutoring_seat VALUES (10, '2026-2027', 0)"), 0);
	assert_true(offer_child_has_tutoring(db, 10, IN_2026_2027));
	assert_false(offer_child_has_tutoring(db, 10, IN_2027_2028));
	db_done(db);
}

static void tutoring_within_seats(void **state)
{
	struct db *db = sqlite_fresh();
	struct field_errors errors;
	char message[OFFER_MESSAGE_MAX] = "";
	int64_t a, b;

	fixture(db, 2000);
	licence_for_today(db, 5, 1);
	a = child_add(db, "Zoé", &errors);
	b = child_add(db, "Yann", &errors);
	assert_int_equal(offer_tutoring_grant(db, 1, a, time(NULL), message, sizeof(message)), 1);
	assert_int_equal(offer_tutoring_grant(db, 1, a, time(NULL), message, sizeof(message)), 1);
	assert_int_equal(offer_tutoring_grant(db, 1, b, time(NULL), message, sizeof(message)), 0);
	assert_non_null(strstr(message, "places de soutien"));
	assert_true(offer_child_has_tutoring(db, a, time(NULL)));
	assert_false(offer_child_has_tutoring(db, b, time(NULL)));
	assert_int_equal(offer_tutoring_revoke(db, 1, a, time(NULL)), 0);
	assert_int_equal(offer_tutoring_grant(db, 1, b, time(NULL), message, sizeof(message)), 1);
	db_done(db);
}

static void price_list_frozen_once_used(void **state)
{
	struct db *db = sqlite_fresh();
	struct field_errors errors = { .count = 0 };
	struct price_list p = { .school_year = "2027-2028", .child_cents = 2700, .tutoring_cents = 1000, .vat_bp = 2000 };

	fixture(db, 2000);
	assert_int_equal(price_list_save(db, 1, &p, IN_2026_2027, &errors), 0);
	/* Past year. */
	snprintf(p.school_year, sizeof(p.school_year), "2026-2027");
	assert_int_equal(price_list_save(db, 1, &p, IN_2027_2028, &errors), -1);
	assert_non_null(strstr(errors.items[0].message, "est terminée"));
	/* Used by a licence. */
	errors.count = 0;
	assert_int_equal(db_begin(db), 0);
	assert_true(licence_insert(db, 1, 2, "2026-2027", 3, 0, 0, IN_2026_2027) > 0);
	assert_int_equal(db_commit(db), 0);
	assert_int_equal(price_list_save(db, 1, &p, IN_2026_2027, &errors), -1);
	assert_non_null(strstr(errors.items[0].message, "ne changent plus"));
	assert_int_equal(db_query_text_int(db, "SELECT child_cents FROM price_list WHERE school_year = ?", "2026-2027", -1), 2500);
	/* A quote alone freezes the prices it states. */
	errors.count = 0;
	snprintf(p.school_year, sizeof(p.school_year), "2027-2028");
	assert_int_equal(db_exec(db, "INSERT INTO licence_request (structure_id, financeur_id, school_year, seats, tutoring_seats, billing_address, "
				     "requested_by, requested_at) VALUES (1, 2, '2027-2028', 2, 0, 'x', 1, 0);"
				     "INSERT INTO offer_document (kind, number, request_id, school_year, issuer, customer, structure_name, vat_bp, "
				     "total_ht, total_vat, total_ttc, issued_at, due_at, issued_by) VALUES ('devis', 'D2027-0001', 1, '2027-2028', "
				     "'i', 'c', 's', 2000, 0, 0, 0, 0, 0, 1)"), 0);
	assert_int_equal(price_list_save(db, 1, &p, IN_2026_2027, &errors), -1);
	assert_non_null(strstr(errors.items[0].message, "devis"));
	errors.count = 0;
	snprintf(p.school_year, sizeof(p.school_year), "2026-27");
	assert_int_equal(price_list_save(db, 1, &p, IN_2026_2027, &errors), -1);
	db_done(db);
}

/* ---- documents ---- */

static int64_t request_add(struct db *db, const char *seats, const char *tutoring)
{
	struct licence_request_input in = { 1, "2026-2027", seats, tutoring, "Hôtel de ville\n1 place du Capitole\n31000 Toulouse" };
	struct field_errors errors = { .count = 0 };
	int64_t id = licence_request_create(db, 1, &in, IN_2026_2027, &errors);

	assert_int_equal(errors.count, 0);
	return id;
}

static void request_form_errors(void **state)
{
	struct db *db = sqlite_fresh();
	struct licence_request_input in = { 1, "2026-2027", "0", "3", "" };
	struct field_errors errors = { .count = 0 };

	fixture(db, 2000);
	assert_int_equal(licence_request_create(db, 1, &in, IN_2026_2027, &errors), -1);
	assert_int_equal(errors.count, 2);
	assert_string_equal(errors.items[0].field, "places");
	assert_string_equal(errors.items[1].field, "adresse");
	in = (struct licence_request_input){ 1, "2030-2031", "3", "4", "x" };
	errors.count = 0;
	assert_int_equal(licence_request_create(db, 1, &in, IN_2026_2027, &errors), -1);
	assert_string_equal(errors.items[0].field, "annee");
	db_done(db);
}

/* Replace each run of spaces and line breaks by one space, so a phrase
 * wrapped in the PDF reads as one. */
static void whitespace_collapse(char *text)
{
	char *in, *out = text;

	for (in = text; *in; in++) {
		bool space = *in == ' ' || *in == '\n' || *in == '\f';

		if (space && out > text && out[-1] == ' ')
			continue;
		*out++ = space ? ' ' : *in;
	}
	*out = '\0';
}

/* Run pdftotext on `pdf` and return its text (malloc'd), whitespace collapsed. */
static char *pdf_text(const unsigned char *pdf, size_t len)
{
	char path[] = "/tmp/ardoise-pdf-XXXXXX", command[128];
	int fd = mkstemp(path);
	FILE *p;
	char *text = calloc(1, 65536);
	size_t n;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, pdf, len), (ssize_t)len);
	close(fd);
	snprintf(command, sizeof(command), "pdftotext %s - 2>/dev/null", path);
	p = popen(command, "r");
	assert_non_null(p);
	n = fread(text, 1, 65535, p);
	text[n] = '\0';
	pclose(p);
	whitespace_collapse(text);
	if (getenv("OFFER_TEST_SHOW_PDF"))
		fputs(text, stderr);
	unlink(path);
	return text;
}

static char *document_pdf_text(struct db *db, int64_t id)
{
	struct offer_document d;
	unsigned char *pdf = NULL;
	size_t len = 0;
	char err[256], *text;

	assert_int_equal(offer_document_load(db, id, &d), 1);
	assert_int_equal(offer_document_pdf(&d, &pdf, &len, err, sizeof(err)), 0);
	text = pdf_text(pdf, len);
	free(pdf);
	return text;
}

static void quote_invoice_credit_flow(void **state)
{
	struct db *db = sqlite_fresh();
	char message[OFFER_MESSAGE_MAX] = "", *text;
	int64_t request, quote, invoice, credit;
	struct offer_document d;

	fixture(db, 2000);
	request = request_add(db, "30", "10");
	assert_int_equal(offer_document_issue(db, 1, DOCUMENT_INVOICE, request, IN_2026_2027, message, sizeof(message)), 0);
	quote = offer_document_issue(db, 1, DOCUMENT_QUOTE, request, IN_2026_2027, message, sizeof(message));
	assert_true(quote > 0);
	assert_int_equal(offer_document_issue(db, 1, DOCUMENT_QUOTE, request, IN_2026_2027, message, sizeof(message)), 0);
	invoice = offer_document_issue(db, 1, DOCUMENT_INVOICE, request, IN_2026_2027, message, sizeof(message));
	assert_true(invoice > 0);
	assert_int_equal(offer_document_load(db, invoice, &d), 1);
	assert_string_equal(d.number, "F2027-0001");
	assert_int_equal(d.totals.ht_cents, 85000);
	assert_int_equal(d.totals.vat_cents, 17000);
	assert_int_equal(d.totals.ttc_cents, 102000);
	assert_int_equal(db_query_int(db, "SELECT seats FROM licence WHERE request_id IS NOT NULL AND active = 1", -1), 30);

	text = document_pdf_text(db, invoice);
	assert_non_null(strstr(text, "FACTURE"));
	assert_non_null(strstr(text, "F2027-0001"));
	assert_non_null(strstr(text, "Ardoise SAS"));
	assert_non_null(strstr(text, "Ville de Test"));
	assert_non_null(strstr(text, "Hôtel de ville"));
	assert_non_null(strstr(text, "Désignation"));
	assert_non_null(strstr(text, "Licence Ardoise 2026-2027 : places élève"));
	assert_non_null(strstr(text, "850,00 €"));
	assert_non_null(strstr(text, "170,00 €"));
	assert_non_null(strstr(text, "1 020,00 €"));
	assert_non_null(strstr(text, "indemnité forfaitaire de 40 € pour frais de recouvrement"));
	assert_non_null(strstr(text, "Pénalités de retard"));
	assert_null(strstr(text, "293 B"));
	free(text);

	credit = offer_document_issue(db, 1, DOCUMENT_CREDIT, invoice, IN_2026_2027, message, sizeof(message));
	assert_true(credit > 0);
	assert_int_equal(offer_document_issue(db, 1, DOCUMENT_CREDIT, invoice, IN_2026_2027, message, sizeof(message)), 0);
	assert_int_equal(offer_document_issue(db, 1, DOCUMENT_CREDIT, quote, IN_2026_2027, message, sizeof(message)), 0);
	assert_int_equal(offer_document_load(db, credit, &d), 1);
	assert_string_equal(d.number, "A2027-0001");
	assert_string_equal(d.corrects, "F2027-0001");
	assert_int_equal(d.totals.ttc_cents, -102000);
	assert_int_equal(db_query_int(db, "SELECT count(*) FROM licence WHERE active = 1", -1), 0);
	text = document_pdf_text(db, credit);
	assert_non_null(strstr(text, "AVOIR"));
	assert_non_null(strstr(text, "Avoir sur la facture n° F2027-0001"));
	assert_non_null(strstr(text, "-1 020,00 €"));
	free(text);

	/* Issued documents never change. */
	assert_int_equal(db_exec(db, "UPDATE offer_document SET total_ht = 1"), -1);
	assert_int_equal(db_exec(db, "DELETE FROM offer_document_line"), -1);
	assert_int_equal(db_query_int(db, "SELECT total_ht FROM offer_document WHERE number = 'F2027-0001'", -1), 85000);
	db_done(db);
}

static void zero_vat_mentions_293b(void **state)
{
	struct db *db = sqlite_fresh();
	char message[OFFER_MESSAGE_MAX] = "", *text;
	int64_t request;

	fixture(db, 0);
	request = request_add(db, "4", "");
	assert_true(offer_document_issue(db, 1, DOCUMENT_QUOTE, request, IN_2026_2027, message, sizeof(message)) > 0);
	text = document_pdf_text(db, db_query_int(db, "SELECT id FROM offer_document", -1));
	assert_non_null(strstr(text, "DEVIS"));
	assert_non_null(strstr(text, "D2027-0001"));
	assert_non_null(strstr(text, "TVA non applicable, art. 293 B du CGI"));
	assert_non_null(strstr(text, "Bon pour accord"));
	free(text);
	db_done(db);
}

/* ---- numbering under concurrency ---- */

struct issuer_thread {
	int64_t first_request;
	int issued;
	int failed;
};

static void *issue_invoices(void *arg)
{
	struct issuer_thread *t = arg;
	char err[256], message[OFFER_MESSAGE_MAX];
	struct db *db = db_open(url, err, sizeof(err));
	int i;

	if (!db) {
		t->failed = ISSUES_PER_THREAD;
		return NULL;
	}
	for (i = 0; i < ISSUES_PER_THREAD; i++) {
		if (offer_document_issue(db, 1, DOCUMENT_INVOICE, t->first_request + i, IN_2026_2027, message, sizeof(message)) > 0)
			t->issued++;
		else
			t->failed++;
	}
	db_close(db);
	return NULL;
}

/* THREADS connections issue ISSUES_PER_THREAD invoices each at once; the
 * numbers must be exactly F2027-0001 to F2027-00NN, each once. */
static void numbering_concurrent(struct db *db)
{
	struct issuer_thread threads[THREADS];
	pthread_t ids[THREADS];
	char message[OFFER_MESSAGE_MAX], number[16];
	int total = THREADS * ISSUES_PER_THREAD, i;

	fixture(db, 2000);
	for (i = 0; i < total; i++) {
		int64_t request = request_add(db, "2", "0");

		assert_int_equal(request, i + 1);
		assert_true(offer_document_issue(db, 1, DOCUMENT_QUOTE, request, IN_2026_2027, message, sizeof(message)) > 0);
	}
	for (i = 0; i < THREADS; i++) {
		threads[i] = (struct issuer_thread){ .first_request = 1 + i * ISSUES_PER_THREAD };
		assert_int_equal(pthread_create(&ids[i], NULL, issue_invoices, &threads[i]), 0);
	}
	for (i = 0; i < THREADS; i++) {
		pthread_join(ids[i], NULL);
		assert_int_equal(threads[i].failed, 0);
		assert_int_equal(threads[i].issued, ISSUES_PER_THREAD);
	}
	assert_int_equal(db_query_int(db, "SELECT count(*) FROM offer_document WHERE kind = 'facture'", -1), total);
	assert_int_equal(db_query_int(db, "SELECT count(DISTINCT number) FROM offer_document WHERE kind = 'facture'", -1), total);
	for (i = 1; i <= total; i++) {
		snprintf(number, sizeof(number), "F2027-%04d", i);
		assert_int_equal(db_query_text_int(db, "SELECT count(*) FROM offer_document WHERE number = ?", number, -1), 1);
	}
	assert_int_equal(db_query_int(db, "SELECT last FROM document_counter WHERE kind = 'facture'", -1), total);
}

static void numbering_gap_free_sqlite(void **state)
{
	struct db *db = sqlite_fresh();

	numbering_concurrent(db);
	db_done(db);
}

static void numbering_gap_free_postgresql(void **state)
{
	struct db *db;

	if (!pg_scratch_server()) {
		fprintf(stderr, "test_offer: ARDOISE_TEST_PG_URL is not set, PostgreSQL numbering test skipped\n");
		skip();
	}
	assert_int_equal(pg_scratch_create(pg_scratch_server(), pg_name, sizeof(pg_name), url, sizeof(url)), 0);
	db = db_fresh();
	numbering_concurrent(db);
	/* The triggers of the PostgreSQL twin keep documents read-only too. */
	assert_int_equal(db_exec(db, "UPDATE offer_document SET total_ht = 1"), -1);
	db_close(db);
	assert_int_equal(pg_scratch_drop(pg_scratch_server(), pg_name), 0);
}

/* ---- training ---- */

#define MODULE_HEAD "---\nid: formation-test\ntype: activite\ntitle: Test\nminutes: 5\nauthor: A\nreviewer: B\nversion: 1\n"
#define MODULE_BODY "---\n\nTexte.\n\n## Question\n\nVrai ?\n\n- [x] oui\n- [ ] non\n"

static void audience_field_parsed(void **state)
{
	static const struct { const char *fields; bool valid; bool adults; const char *message; } cases[] = {
		{ "subject: formation\naudience: adultes\n", true, true, NULL },
		{ "subject: formation\n", false, false, "réservé aux adultes" },
		{ "subject: francais\nlevels: [CM1]\ncompetencies: [FR-X]\naudience: adultes\n", false, false, "matière formation" },
		{ "subject: formation\naudience: parents\n", false, false, "public inconnu" },
		{ "subject: francais\nlevels: [CM1]\ncompetencies: [FR-X]\naudience: enfants\n", true, false, NULL },
		{ "subject: francais\ncompetencies: [FR-X]\naudience: enfants\n", false, false, "levels" },
	};
	char text[1024];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct content_error err = { 0, "" };
		struct activity *a;

		snprintf(text, sizeof(text), "%s%s%s", MODULE_HEAD, cases[i].fields, MODULE_BODY);
		a = activity_parse(text, strlen(text), &err);
		if (cases[i].valid) {
			assert_non_null(a);
			assert_int_equal(a->adults_only, cases[i].adults);
		} else {
			assert_null(a);
			if (!strstr(err.message, cases[i].message))
				fail_msg("case %zu: message \"%s\" lacks \"%s\"", i, err.message, cases[i].message);
		}
		activity_free(a);
	}
}

struct registration_thread {
	int64_t account_id;
	int64_t session_id;
	int result;
};

static void *register_one(void *arg)
{
	struct registration_thread *t = arg;
	char err[256], message[256];
	struct db *db = db_open(url, err, sizeof(err));

	t->result = -1;
	if (db) {
		t->result = training_register(db, t->session_id, t->account_id, "accompagnateur", IN_2026_2027, message, sizeof(message));
		db_close(db);
	}
	return NULL;
}

/* Eight adults register at once for three places: exactly three get in. */
static void capacity_concurrent(struct db *db)
{
	struct registration_thread threads[8];
	pthread_t ids[8];
	struct field_errors errors = { .count = 0 };
	struct training_session_input in = { "2027-02-01", "14:00", "Salle 2", "accompagnateurs", "3" };
	char sql[256], message[256];
	int64_t session;
	int i, registered = 0, refused = 0;

	fixture(db, 2000);
	session = training_session_create(db, 1, &in, IN_2026_2027, &errors);
	assert_true(session > 0);
	for (i = 0; i < 8; i++) {
		snprintf(sql, sizeof(sql), "INSERT INTO account (id, structure_id, role, login, first_name, secret_hash, created_at) "
			 "VALUES (%d, 1, 'accompagnateur', 'anim%d', 'Anim', 'x', 0)", 100 + i, i);
		assert_int_equal(db_exec(db, sql), 0);
		threads[i] = (struct registration_thread){ 100 + i, session, 0 };
	}
	for (i = 0; i < 8; i++)
		assert_int_equal(pthread_create(&ids[i], NULL, register_one, &threads[i]), 0);
	for (i = 0; i < 8; i++) {
		pthread_join(ids[i], NULL);
		registered += threads[i].result == 1;
		refused += threads[i].result == 0;
	}
	assert_int_equal(registered, 3);
	assert_int_equal(refused, 5);
	assert_int_equal(db_query_int(db, "SELECT count(*) FROM training_registration", -1), 3);
	/* A tuteur may not join a session for accompagnateurs. */
	assert_int_equal(training_register(db, session, 1, "tuteur", IN_2026_2027, message, sizeof(message)), 0);
	assert_non_null(strstr(message, "réservée aux accompagnateurs locaux"));
}

static void training_capacity_sqlite(void **state)
{
	struct db *db = sqlite_fresh();

	capacity_concurrent(db);
	db_done(db);
}

static void training_capacity_postgresql(void **state)
{
	struct db *db;

	if (!pg_scratch_server()) {
		fprintf(stderr, "test_offer: ARDOISE_TEST_PG_URL is not set, PostgreSQL capacity test skipped\n");
		skip();
	}
	assert_int_equal(pg_scratch_create(pg_scratch_server(), pg_name, sizeof(pg_name), url, sizeof(url)), 0);
	db = db_fresh();
	capacity_concurrent(db);
	db_close(db);
	assert_int_equal(pg_scratch_drop(pg_scratch_server(), pg_name), 0);
}

/* ---- seats under concurrency ---- */

struct creation_thread {
	const char *first_name; /* distinct, so logins never collide */
	int64_t id;
};

static void *create_one(void *arg)
{
	struct creation_thread *t = arg;
	struct field_errors errors = { .count = 0 };
	char err[256];
	struct db *db = db_open(url, err, sizeof(err));

	t->id = -2;
	if (db) {
		t->id = child_add(db, t->first_name, &errors);
		db_close(db);
	}
	return NULL;
}

/* Eight creations at once for three free seats: exactly three children. */
static void seats_concurrent(struct db *db)
{
	static const char *const names[] = { "Anna", "Bruno", "Céline", "David", "Emma", "Farid", "Gaël", "Hugo" };
	struct creation_thread threads[8];
	pthread_t ids[8];
	int i, created = 0;

	fixture(db, 2000);
	licence_for_today(db, 3, 0);
	for (i = 0; i < 8; i++) {
		threads[i] = (struct creation_thread){ names[i], 0 };
		assert_int_equal(pthread_create(&ids[i], NULL, create_one, &threads[i]), 0);
	}
	for (i = 0; i < 8; i++) {
		pthread_join(ids[i], NULL);
		assert_true(threads[i].id != -2);
		created += threads[i].id > 0;
	}
	assert_int_equal(created, 3);
	assert_int_equal(db_query_int(db, "SELECT count(*) FROM account WHERE role = 'eleve' AND active = 1", -1), 3);
}

static void seats_concurrent_sqlite(void **state)
{
	struct db *db = sqlite_fresh();

	seats_concurrent(db);
	db_done(db);
}

static void seats_concurrent_postgresql(void **state)
{
	struct db *db;

	if (!pg_scratch_server()) {
		fprintf(stderr, "test_offer: ARDOISE_TEST_PG_URL is not set, PostgreSQL seats test skipped\n");
		skip();
	}
	assert_int_equal(pg_scratch_create(pg_scratch_server(), pg_name, sizeof(pg_name), url, sizeof(url)), 0);
	db = db_fresh();
	seats_concurrent(db);
	db_close(db);
	assert_int_equal(pg_scratch_drop(pg_scratch_server(), pg_name), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(vat_rounds_half_up),
		cmocka_unit_test(totals_are_sums_of_lines),
		cmocka_unit_test(amounts_parse_and_format),
		cmocka_unit_test(unlicensed_structure_is_unlimited),
		cmocka_unit_test(form_path_stops_at_seats),
		cmocka_unit_test(seats_message_counts_remaining),
		cmocka_unit_test(reactivation_needs_a_seat),
		cmocka_unit_test(import_overflow_refused_whole),
		cmocka_unit_test(year_change_blocks_new_activities),
		cmocka_unit_test(tutoring_within_seats),
		cmocka_unit_test(price_list_frozen_once_used),
		cmocka_unit_test(request_form_errors),
		cmocka_unit_test(quote_invoice_credit_flow),
		cmocka_unit_test(zero_vat_mentions_293b),
		cmocka_unit_test(numbering_gap_free_sqlite),
		cmocka_unit_test(numbering_gap_free_postgresql),
		cmocka_unit_test(audience_field_parsed),
		cmocka_unit_test(training_capacity_sqlite),
		cmocka_unit_test(training_capacity_postgresql),
		cmocka_unit_test(seats_concurrent_sqlite),
		cmocka_unit_test(seats_concurrent_postgresql),
	};

	setenv("TZ", "Europe/Paris", 1);
	tzset();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
