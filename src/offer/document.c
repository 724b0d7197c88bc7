/* Licence requests, and the quotes, invoices and credit notes issued from them. */
#include "offer/document.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "org/people.h"

static const char *const kind_codes[] = { "devis", "facture", "avoir" };
static const char *const kind_labels[] = { "Devis", "Facture", "Avoir" };
static const char kind_prefixes[] = { 'D', 'F', 'A' };

const char *document_kind_label(enum document_kind kind)
{
	return kind_labels[kind];
}

const char *document_kind_code(enum document_kind kind)
{
	return kind_codes[kind];
}

int document_number_take(struct db *db, enum document_kind kind, time_t now, char *out, size_t size)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO document_counter (kind, year, last) VALUES (?, ?, 0) "
					    "ON CONFLICT (kind, year) DO NOTHING");
	struct tm tm;
	int64_t last = -1;
	int year;

	/* Calendar year in Paris: main() sets TZ=Europe/Paris. */
	localtime_r(&now, &tm);
	year = tm.tm_year + 1900;
	if (!st)
		return -1;
	db_bind_text(st, 1, kind_codes[kind]);
	db_bind_int(st, 2, year);
	if (db_step(st) != DB_DONE) {
		db_reset(st);
		return -1;
	}
	db_reset(st);
	/* The row lock taken here is held until the transaction ends. */
	st = db_prepare(db, "UPDATE document_counter SET last = last + 1 WHERE kind = ? AND year = ? RETURNING last");
	if (!st)
		return -1;
	db_bind_text(st, 1, kind_codes[kind]);
	db_bind_int(st, 2, year);
	if (db_step(st) == DB_ROW)
		last = db_column_int(st, 0);
	db_reset(st);
	if (last < 1)
		return -1;
	snprintf(out, size, "%c%d-%04lld", kind_prefixes[kind], year, (long long)last);
	return 0;
}

/* ---- requests ---- */

/* Parse a seat count typed in a form: 1 (or `min`) to LICENCE_SEATS_MAX. */
static bool seats_parse(const char *text, int64_t min, int64_t *out)
{
	char *end;
	long long value;

	if (!text || !*text)
		return false;
	value = strtoll(text, &end, 10);
	if (*end || value < min || value > LICENCE_SEATS_MAX)
		return false;
	*out = value;
	return true;
}

static void request_check(struct db *db, const struct licence_request_input *in, int64_t *seats, int64_t *tutoring,
			  struct field_errors *errors)
{
	struct price_list prices;

	if (!school_year_valid(in->school_year))
		field_errors_add(errors, "annee", "Choisissez l'année scolaire de la licence, écrite comme 2026-2027.");
	else if (price_list_find(db, in->school_year, &prices) != 1)
		field_errors_add(errors, "annee", "Il n'y a pas encore de tarif pour l'année scolaire %s : demandez à l'opérateur Ardoise de le publier.", in->school_year);
	if (!seats_parse(in->seats, 1, seats))
		field_errors_add(errors, "places", "Le nombre de places « %.12s » n'est pas valide : écrivez un nombre entier de 1 à %d.",
				 in->seats ? in->seats : "", LICENCE_SEATS_MAX);
	if (!seats_parse(in->tutoring_seats && *in->tutoring_seats ? in->tutoring_seats : "0", 0, tutoring))
		field_errors_add(errors, "places_soutien", "Le nombre de places de soutien « %.12s » n'est pas valide : écrivez un nombre entier de 0 à %d.",
				 in->tutoring_seats, LICENCE_SEATS_MAX);
	else if (errors->count == 0 && *tutoring > *seats)
		field_errors_add(errors, "places_soutien", "Il y a %lld places de soutien pour %lld places : le soutien est une option des places, "
				 "il ne peut pas y en avoir plus.", (long long)*tutoring, (long long)*seats);
	if (!in->billing_address || !*in->billing_address)
		field_errors_add(errors, "adresse", "Écrivez l'adresse de facturation du financeur.");
	else if (strlen(in->billing_address) > BILLING_ADDRESS_MAX)
		field_errors_add(errors, "adresse", "L'adresse de facturation est trop longue (%d caractères au plus).", BILLING_ADDRESS_MAX);
}

int64_t licence_request_create(struct db *db, int64_t actor_id, const struct licence_request_input *in,
			       time_t now, struct field_errors *errors)
{
	int64_t seats = 0, tutoring = 0, id = -1;
	int64_t financeur = db_query_int_param(db, "SELECT coalesce(financeur_id, 0) FROM structure WHERE id = ?", in->structure_id, 0);
	struct db_stmt *st;

	request_check(db, in, &seats, &tutoring, errors);
	if (!financeur)
		field_errors_add(errors, "structure", "Cette structure n'est rattachée à aucun financeur : demandez à l'opérateur Ardoise de la rattacher.");
	if (errors->count)
		return -1;
	st = db_prepare(db, "INSERT INTO licence_request (structure_id, financeur_id, school_year, seats, tutoring_seats, billing_address, "
			    "requested_by, requested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
	if (!st || db_begin(db) < 0)
		return -1;
	db_bind_int(st, 1, in->structure_id);
	db_bind_int(st, 2, financeur);
	db_bind_text(st, 3, in->school_year);
	db_bind_int(st, 4, seats);
	db_bind_int(st, 5, tutoring);
	db_bind_text(st, 6, in->billing_address);
	db_bind_int(st, 7, actor_id);
	db_bind_int(st, 8, (int64_t)now);
	if (db_step(st) == DB_ROW)
		id = db_column_int(st, 0);
	db_reset(st);
	if (id < 0 || audit_record(db, actor_id, "licence-request", "structure", in->structure_id, in->structure_id, in->school_year) < 0 ||
	    db_commit(db) < 0) {
		db_rollback(db);
		return -1;
	}
	return id;
}

/* ---- the issuer ---- */

int offer_issuer_find(struct db *db, struct offer_issuer *out)
{
	struct db_stmt *st = db_prepare(db, "SELECT name, address, siret, vat_number, iban, payment_days FROM offer_issuer WHERE id = 1");
	enum db_step step;

	memset(out, 0, sizeof(*out));
	out->payment_days = 30;
	if (!st)
		return -1;
	step = db_step(st);
	if (step == DB_ROW) {
		snprintf(out->name, sizeof(out->name), "%s", db_column_text(st, 0));
		snprintf(out->address, sizeof(out->address), "%s", db_column_text(st, 1));
		snprintf(out->siret, sizeof(out->siret), "%s", db_column_text(st, 2));
		snprintf(out->vat_number, sizeof(out->vat_number), "%s", db_column_text(st, 3));
		snprintf(out->iban, sizeof(out->iban), "%s", db_column_text(st, 4));
		out->payment_days = (int)db_column_int(st, 5);
	}
	db_reset(st);
	return db_found(step);
}

static bool siret_valid(const char *siret)
{
	size_t i;

	for (i = 0; siret[i]; i++)
		if (siret[i] < '0' || siret[i] > '9')
			return false;
	return i == 14;
}

int offer_issuer_save(struct db *db, int64_t actor_id, const struct offer_issuer *in, struct field_errors *errors)
{
	struct db_stmt *st;
	int rc;

	if (!*in->name)
		field_errors_add(errors, "nom", "Écrivez le nom de l'émetteur des factures.");
	if (!*in->address)
		field_errors_add(errors, "adresse", "Écrivez l'adresse de l'émetteur des factures.");
	if (!siret_valid(in->siret))
		field_errors_add(errors, "siret", "Le SIRET « %.20s » n'est pas valide : écrivez ses 14 chiffres, sans espace.", in->siret);
	if (in->payment_days < 0 || in->payment_days > 60)
		field_errors_add(errors, "delai", "Le délai de paiement doit être de 0 à 60 jours (plafond légal entre professionnels).");
	if (errors->count)
		return -1;
	st = db_prepare(db, "INSERT INTO offer_issuer (id, name, address, siret, vat_number, iban, payment_days) VALUES (1, ?, ?, ?, ?, ?, ?) "
			    "ON CONFLICT (id) DO UPDATE SET name = excluded.name, address = excluded.address, siret = excluded.siret, "
			    "vat_number = excluded.vat_number, iban = excluded.iban, payment_days = excluded.payment_days");
	if (!st || db_begin(db) < 0)
		return -1;
	db_bind_text(st, 1, in->name);
	db_bind_text(st, 2, in->address);
	db_bind_text(st, 3, in->siret);
	db_bind_text(st, 4, in->vat_number);
	db_bind_text(st, 5, in->iban);
	db_bind_int(st, 6, in->payment_days);
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	if (rc < 0 || audit_record(db, actor_id, "issuer", "offer", 0, 0, in->name) < 0 || db_commit(db) < 0) {
		db_rollback(db);
		return -1;
	}
	return 0;
}
