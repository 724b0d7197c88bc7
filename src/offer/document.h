/*
 * document: licence requests, and the quotes, invoices and credit notes
 * the opérateur issues from them.
 *
 * Numbers run without gaps per kind and calendar year (Paris time):
 * D2026-0001 for quotes, F2026-0001 for invoices, A2026-0001 for credit
 * notes. A number is taken inside the transaction that inserts its
 * document, so a failed issue gives its number back and concurrent issues
 * wait for each other (row lock on document_counter). A document never
 * changes once issued (database triggers refuse it); an invoice is
 * corrected by a credit note that names it and cancels its licence.
 */
#ifndef ARDOISE_OFFER_DOCUMENT_H
#define ARDOISE_OFFER_DOCUMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "offer/amount.h"
#include "offer/licence.h"
#include "store/db.h"

#define DOCUMENT_NUMBER_MAX 16   /* "F2026-0001" and its NUL, with room */
#define DOCUMENT_LINES_MAX 2     /* child seats, tutoring option */
#define DOCUMENT_TEXT_MAX 1024   /* issuer or customer block, UTF-8 bytes */
#define DOCUMENT_LABEL_MAX 200
#define BILLING_ADDRESS_MAX 300  /* characters typed in the request form */

enum document_kind { DOCUMENT_QUOTE, DOCUMENT_INVOICE, DOCUMENT_CREDIT };

struct document_line {
	char label[DOCUMENT_LABEL_MAX];
	struct amount_line amount;
};

struct offer_document {
	int64_t id;
	enum document_kind kind;
	char number[DOCUMENT_NUMBER_MAX];
	int64_t request_id;
	int64_t licence_id;          /* invoices and credit notes */
	char corrects[DOCUMENT_NUMBER_MAX]; /* credit notes: the invoice's number */
	char school_year[SCHOOL_YEAR_TEXT];
	char issuer[DOCUMENT_TEXT_MAX];     /* lines separated by '\n' */
	char customer[DOCUMENT_TEXT_MAX];
	char structure_name[128];
	int vat_bp;
	int payment_days;
	struct amount_totals totals;
	time_t issued_at;
	time_t due_at;
	struct document_line lines[DOCUMENT_LINES_MAX];
	size_t line_count;
};

/* A licence request as typed by an administrateur or the opérateur. */
struct licence_request_input {
	int64_t structure_id;
	const char *school_year;
	const char *seats;           /* as typed */
	const char *tutoring_seats;
	const char *billing_address;
};

/* The issuer block printed on documents. */
struct offer_issuer {
	char name[128];
	char address[BILLING_ADDRESS_MAX * 2];
	char siret[32];
	char vat_number[32];
	char iban[48];
	int payment_days;
};

/* Check and record a request. The structure must hang under a financeur
 * and the year must have a price list. Returns the new id, or -1 (errors
 * filled when the input was at fault). */
int64_t licence_request_create(struct db *db, int64_t actor_id, const struct licence_request_input *in,
			       time_t now, struct field_errors *errors);

/* Read the issuer: 1 found, 0 not yet entered, -1. */
int offer_issuer_find(struct db *db, struct offer_issuer *out);
/* Check and save the issuer (name, address and a 14-digit SIRET are
 * required). Returns 0, or -1 (errors filled when the input was at fault). */
int offer_issuer_save(struct db *db, int64_t actor_id, const struct offer_issuer *in, struct field_errors *errors);

/*
 * Issue a document in one transaction and return its id, or 0 when the
 * request's state does not allow it (French message in `message`), or -1
 * on a database error:
 *   - a quote for a request that is "demandee";
 *   - an invoice for a request that has a quote, which creates the licence;
 *   - a credit note for an invoice (`source_id`), which cancels its licence
 *     and the tutoring seats over the structure's remaining tutoring seats.
 * `source_id` is the request id for a quote or an invoice.
 */
int64_t offer_document_issue(struct db *db, int64_t actor_id, enum document_kind kind, int64_t source_id,
			     time_t now, char *message, size_t size);

/* Take the next number of `kind` for the calendar year of `now`, in the
 * caller's transaction, and write it ("F2026-0001") into `out`. Returns 0
 * or -1. */
int document_number_take(struct db *db, enum document_kind kind, time_t now, char *out, size_t size);

/* Read a document and its lines: 1 found, 0 none, -1. */
int offer_document_load(struct db *db, int64_t id, struct offer_document *out);

/* The French name of a kind: "Devis", "Facture", "Avoir". */
const char *document_kind_label(enum document_kind kind);
/* The stored code of a kind: "devis", "facture", "avoir". */
const char *document_kind_code(enum document_kind kind);

/* Render a document as an A4 PDF (malloc'd, caller frees). Returns 0, or
 * -1 with a French message in `err`. */
int offer_document_pdf(const struct offer_document *d, unsigned char **out, size_t *len, char *err, size_t errlen);

#endif
