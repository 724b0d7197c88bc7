/* Issuing quotes, invoices and credit notes, and reading them back. */
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "offer/document.h"
#include "org/people.h"

/* Move the request from `from` to `to`; 1 when it was in `from`, 0 if not. */
static int request_advance(struct db *db, int64_t request_id, const char *from, const char *to)
{
	struct db_stmt *st = db_prepare(db, "UPDATE licence_request SET status = ? WHERE id = ? AND status = ? RETURNING id");
	enum db_step step;

	if (!st)
		return -1;
	db_bind_text(st, 1, to);
	db_bind_int(st, 2, request_id);
	db_bind_text(st, 3, from);
	step = db_step(st);
	db_reset(st);
	return db_found(step);
}

/* Fill the customer, year and lines of `d` from request `request_id`. */
static int request_lines(struct db *db, int64_t request_id, struct offer_document *d, int64_t *structure_id, int64_t *financeur_id)
{
	struct db_stmt *st = db_prepare(db, "SELECT r.structure_id, r.financeur_id, r.school_year, r.seats, r.tutoring_seats, r.billing_address, "
					    "s.name, o.name FROM licence_request r JOIN structure s ON s.id = r.structure_id "
					    "JOIN organisation o ON o.id = r.financeur_id WHERE r.id = ?");
	struct price_list prices;
	int64_t seats = 0, tutoring = 0;
	enum db_step step;

	if (!st)
		return -1;
	db_bind_int(st, 1, request_id);
	step = db_step(st);
	if (step == DB_ROW) {
		*structure_id = db_column_int(st, 0);
		*financeur_id = db_column_int(st, 1);
		snprintf(d->school_year, sizeof(d->school_year), "%s", db_column_text(st, 2));
		seats = db_column_int(st, 3);
		tutoring = db_column_int(st, 4);
		snprintf(d->customer, sizeof(d->customer), "%s\n%s", db_column_text(st, 7), db_column_text(st, 5));
		snprintf(d->structure_name, sizeof(d->structure_name), "%s", db_column_text(st, 6));
	}
	db_reset(st);
	if (step != DB_ROW || price_list_find(db, d->school_year, &prices) != 1)
		return -1;
	d->request_id = request_id;
	d->vat_bp = prices.vat_bp;
	snprintf(d->lines[0].label, sizeof(d->lines[0].label), "Licence Ardoise %s : places élève", d->school_year);
	d->lines[0].amount = (struct amount_line){ .quantity = seats, .unit_cents = prices.child_cents, .vat_bp = prices.vat_bp };
	d->line_count = 1;
	if (tutoring > 0) {
		snprintf(d->lines[1].label, sizeof(d->lines[1].label), "Option soutien illimité %s", d->school_year);
		d->lines[1].amount = (struct amount_line){ .quantity = tutoring, .unit_cents = prices.tutoring_cents, .vat_bp = prices.vat_bp };
		d->line_count = 2;
	}
	return 0;
}

/* A quote or an invoice of a request: 1 ready, 0 refused, -1. */
static int request_prepare(struct db *db, enum document_kind kind, int64_t request_id, time_t now, struct offer_document *d,
			   char *message, size_t size)
{
	int64_t structure_id = 0, financeur_id = 0, seats, tutoring;
	int moved = kind == DOCUMENT_QUOTE ? request_advance(db, request_id, "demandee", "devis")
					   : request_advance(db, request_id, "devis", "facturee");

	if (moved == 0)
		snprintf(message, size, kind == DOCUMENT_QUOTE ? "Cette demande a déjà son devis, ou elle est annulée."
							       : "Cette demande n'a pas de devis en attente : émettez d'abord le devis, une seule facture par demande.");
	if (moved != 1 || request_lines(db, request_id, d, &structure_id, &financeur_id) < 0)
		return moved == 0 ? 0 : -1;
	if (kind == DOCUMENT_QUOTE)
		return 1;
	seats = d->lines[0].amount.quantity;
	tutoring = d->line_count > 1 ? d->lines[1].amount.quantity : 0;
	d->licence_id = licence_insert(db, structure_id, financeur_id, d->school_year, seats, tutoring, request_id, now);
	return d->licence_id < 0 ? -1 : 1;
}

/* Take back the tutoring seats a cancelled licence no longer covers, the
 * latest granted first. */
static int tutoring_trim(struct db *db, int64_t licence_id, const char *year)
{
	int64_t structure_id = db_query_int_param(db, "SELECT structure_id FROM licence WHERE id = ?", licence_id, -1);
	int64_t seats, used;
	struct db_stmt *st;
	int rc;

	if (structure_id < 0)
		return -1;
	seats = db_query_int_param(db, "SELECT coalesce(sum(l.tutoring_seats), 0) FROM licence l JOIN licence k ON k.structure_id = l.structure_id "
				       "AND k.school_year = l.school_year WHERE k.id = ? AND l.active = 1", licence_id, -1);
	used = db_query_int_param(db, "SELECT count(*) FROM tutoring_seat t JOIN account a ON a.id = t.child_id JOIN licence k "
				      "ON k.structure_id = a.structure_id AND k.school_year = t.school_year WHERE k.id = ?", licence_id, -1);
	if (seats < 0 || used < 0)
		return -1;
	if (used <= seats)
		return 0;
	st = db_prepare(db, "DELETE FROM tutoring_seat WHERE school_year = ? AND child_id IN (SELECT t.child_id FROM tutoring_seat t "
			    "JOIN account a ON a.id = t.child_id WHERE a.structure_id = ? AND t.school_year = ? "
			    "ORDER BY t.granted_at DESC, t.child_id DESC LIMIT ?)");
	if (!st)
		return -1;
	db_bind_text(st, 1, year);
	db_bind_int(st, 2, structure_id);
	db_bind_text(st, 3, year);
	db_bind_int(st, 4, used - seats);
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	return rc;
}

/* A credit note cancelling invoice `invoice_id`: 1 ready, 0 refused, -1. */
static int credit_prepare(struct db *db, int64_t invoice_id, struct offer_document *d, char *message, size_t size)
{
	int found = offer_document_load(db, invoice_id, d);
	size_t i;

	if (found == 1 && d->kind != DOCUMENT_INVOICE)
		found = 0;
	if (found == 0)
		snprintf(message, size, "Un avoir corrige une facture : ce document n'en est pas une.");
	if (found != 1)
		return found;
	if (db_query_int_param(db, "SELECT count(*) FROM offer_document WHERE corrects_id = ?", invoice_id, -1) != 0) {
		snprintf(message, size, "La facture %s a déjà son avoir.", d->number);
		return 0;
	}
	snprintf(d->corrects, sizeof(d->corrects), "%s", d->number);
	for (i = 0; i < d->line_count; i++)
		d->lines[i].amount.unit_cents = -d->lines[i].amount.unit_cents;
	if (offer_exec_int(db, "UPDATE licence SET active = 0 WHERE id = ?", d->licence_id) < 0 ||
	    offer_exec_int(db, "UPDATE licence_request SET status = 'annulee' WHERE id = ?", d->request_id) < 0 ||
	    tutoring_trim(db, d->licence_id, d->school_year) < 0)
		return -1;
	return 1;
}

/* Copy the issuer block into `d`: 1, or 0 when none was entered yet. */
static int issuer_fill(struct db *db, struct offer_document *d, char *message, size_t size)
{
	struct offer_issuer is;
	int found = offer_issuer_find(db, &is);

	if (found == 0)
		snprintf(message, size, "Renseignez d'abord l'émetteur des factures (nom, adresse, SIRET) sur la page des tarifs.");
	if (found != 1)
		return found;
	snprintf(d->issuer, sizeof(d->issuer), "%s\n%s\nSIRET : %s%s%s%s%s", is.name, is.address, is.siret,
		 *is.vat_number ? "\nN° TVA intracommunautaire : " : "", is.vat_number, *is.iban ? "\nIBAN : " : "", is.iban);
	d->payment_days = is.payment_days;
	return 1;
}

static int lines_insert(struct db *db, const struct offer_document *d)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO offer_document_line (document_id, position, label, quantity, unit_cents, ht_cents, vat_cents) "
					    "VALUES (?, ?, ?, ?, ?, ?, ?)");
	size_t i;
	int rc = 0;

	for (i = 0; st && rc == 0 && i < d->line_count; i++) {
		db_bind_int(st, 1, d->id);
		db_bind_int(st, 2, (int64_t)i + 1);
		db_bind_text(st, 3, d->lines[i].label);
		db_bind_int(st, 4, d->lines[i].amount.quantity);
		db_bind_int(st, 5, d->lines[i].amount.unit_cents);
		db_bind_int(st, 6, d->lines[i].amount.ht_cents);
		db_bind_int(st, 7, d->lines[i].amount.vat_cents);
		rc = db_step(st) == DB_DONE ? 0 : -1;
		db_reset(st);
	}
	return st ? rc : -1;
}

static int64_t document_insert(struct db *db, struct offer_document *d, int64_t corrects_id, int64_t actor_id)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO offer_document (kind, number, request_id, licence_id, corrects_id, school_year, issuer, "
					    "customer, structure_name, vat_bp, total_ht, total_vat, total_ttc, issued_at, due_at, issued_by) "
					    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");

	if (!st)
		return -1;
	d->id = -1;
	db_bind_text(st, 1, document_kind_code(d->kind));
	db_bind_text(st, 2, d->number);
	db_bind_int(st, 3, d->request_id);
	if (d->licence_id)
		db_bind_int(st, 4, d->licence_id);
	else
		db_bind_null(st, 4);
	if (corrects_id)
		db_bind_int(st, 5, corrects_id);
	else
		db_bind_null(st, 5);
	db_bind_text(st, 6, d->school_year);
	db_bind_text(st, 7, d->issuer);
	db_bind_text(st, 8, d->customer);
	db_bind_text(st, 9, d->structure_name);
	db_bind_int(st, 10, d->vat_bp);
	db_bind_int(st, 11, d->totals.ht_cents);
	db_bind_int(st, 12, d->totals.vat_cents);
	db_bind_int(st, 13, d->totals.ttc_cents);
	db_bind_int(st, 14, (int64_t)d->issued_at);
	db_bind_int(st, 15, (int64_t)d->due_at);
	db_bind_int(st, 16, actor_id);
	if (db_step(st) == DB_ROW)
		d->id = db_column_int(st, 0);
	db_reset(st);
	if (d->id < 0 || lines_insert(db, d) < 0)
		return -1;
	return d->id;
}

/* Compute the lines and totals, number the document and store it. */
static int64_t document_store(struct db *db, int64_t actor_id, struct offer_document *d, int64_t corrects_id, time_t now)
{
	struct amount_line amounts[DOCUMENT_LINES_MAX];
	size_t i;

	for (i = 0; i < d->line_count; i++) {
		amount_line_compute(&d->lines[i].amount);
		amounts[i] = d->lines[i].amount;
	}
	amount_totals_sum(amounts, d->line_count, &d->totals);
	d->issued_at = now;
	d->due_at = now + (time_t)d->payment_days * 86400;
	if (document_number_take(db, d->kind, now, d->number, sizeof(d->number)) < 0 ||
	    document_insert(db, d, corrects_id, actor_id) < 0 ||
	    audit_record(db, actor_id, document_kind_code(d->kind), "licence_request", d->request_id, 0, d->number) < 0)
		return -1;
	return d->id;
}

int64_t offer_document_issue(struct db *db, int64_t actor_id, enum document_kind kind, int64_t source_id,
			     time_t now, char *message, size_t size)
{
	struct offer_document d;
	int ready;

	memset(&d, 0, sizeof(d));
	if (db_begin(db) < 0)
		return -1;
	ready = kind == DOCUMENT_CREDIT ? credit_prepare(db, source_id, &d, message, size)
					: request_prepare(db, kind, source_id, now, &d, message, size);
	if (ready == 1)
		ready = issuer_fill(db, &d, message, size);
	d.kind = kind;
	if (ready != 1 || document_store(db, actor_id, &d, kind == DOCUMENT_CREDIT ? source_id : 0, now) < 0 || db_commit(db) < 0) {
		if (ready != 0)
			log_error("document issue failed kind=%s source=%lld error=\"%s\"", document_kind_code(kind), (long long)source_id, db_errmsg(db));
		db_rollback(db);
		return ready == 0 ? 0 : -1;
	}
	log_info("document issued kind=%s number=%s source=%lld", document_kind_code(kind), d.number, (long long)source_id);
	return d.id;
}

/* ---- reading ---- */

static int lines_load(struct db *db, struct offer_document *d)
{
	struct db_stmt *st = db_prepare(db, "SELECT label, quantity, unit_cents, ht_cents, vat_cents FROM offer_document_line "
					    "WHERE document_id = ? ORDER BY position");
	enum db_step step;

	if (!st)
		return -1;
	db_bind_int(st, 1, d->id);
	d->line_count = 0;
	while ((step = db_step(st)) == DB_ROW && d->line_count < DOCUMENT_LINES_MAX) {
		struct document_line *l = &d->lines[d->line_count++];

		snprintf(l->label, sizeof(l->label), "%s", db_column_text(st, 0));
		l->amount.quantity = db_column_int(st, 1);
		l->amount.unit_cents = db_column_int(st, 2);
		l->amount.ht_cents = db_column_int(st, 3);
		l->amount.vat_cents = db_column_int(st, 4);
		l->amount.vat_bp = d->vat_bp;
	}
	db_reset(st);
	return step == DB_ERROR ? -1 : 0;
}

static enum document_kind kind_parse(const char *code)
{
	if (strcmp(code, "facture") == 0)
		return DOCUMENT_INVOICE;
	return strcmp(code, "avoir") == 0 ? DOCUMENT_CREDIT : DOCUMENT_QUOTE;
}

int offer_document_load(struct db *db, int64_t id, struct offer_document *out)
{
	struct db_stmt *st = db_prepare(db, "SELECT d.kind, d.number, d.request_id, coalesce(d.licence_id, 0), coalesce(c.number, ''), d.school_year, "
					    "d.issuer, d.customer, d.structure_name, d.vat_bp, d.total_ht, d.total_vat, d.total_ttc, d.issued_at, d.due_at "
					    "FROM offer_document d LEFT JOIN offer_document c ON c.id = d.corrects_id WHERE d.id = ?");
	enum db_step step;

	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	step = db_step(st);
	if (step == DB_ROW) {
		out->id = id;
		out->kind = kind_parse(db_column_text(st, 0));
		snprintf(out->number, sizeof(out->number), "%s", db_column_text(st, 1));
		out->request_id = db_column_int(st, 2);
		out->licence_id = db_column_int(st, 3);
		snprintf(out->corrects, sizeof(out->corrects), "%s", db_column_text(st, 4));
		snprintf(out->school_year, sizeof(out->school_year), "%s", db_column_text(st, 5));
		snprintf(out->issuer, sizeof(out->issuer), "%s", db_column_text(st, 6));
		snprintf(out->customer, sizeof(out->customer), "%s", db_column_text(st, 7));
		snprintf(out->structure_name, sizeof(out->structure_name), "%s", db_column_text(st, 8));
		out->vat_bp = (int)db_column_int(st, 9);
		out->totals = (struct amount_totals){ db_column_int(st, 10), db_column_int(st, 11), db_column_int(st, 12) };
		out->issued_at = (time_t)db_column_int(st, 13);
		out->due_at = (time_t)db_column_int(st, 14);
	}
	db_reset(st);
	if (step != DB_ROW)
		return db_found(step);
	out->payment_days = (int)((out->due_at - out->issued_at) / 86400);
	return lines_load(db, out) < 0 ? -1 : 1;
}
