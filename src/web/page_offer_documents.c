/* The opérateur's licence requests, the quotes, invoices and credit notes
 * issued from them, their PDF and the accounting export. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/roles.h"
#include "core/log.h"
#include "offer/amount.h"
#include "offer/document.h"
#include "web/format.h"
#include "web/offer_notice.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/widgets.h"

#define REQUESTS_SHOWN 500

static void action_button(struct request *r, const char *action, int64_t id, const char *label)
{
	buf_html(&r->out, "<form method=\"post\" action=\"%s/%lld/%s\" class=\"inline\">", action[0] == 'a' ? "/offre/document" : "/offre/demande",
		 (long long)id, action);
	page_csrf_field(r);
	buf_html(&r->out, "<button class=\"btn btn-secondary\" type=\"submit\">%s</button></form> ", label);
}

/* The documents of request `id`, with their PDF and, for an invoice
 * without a credit note yet, the credit note button. */
static void request_documents(struct request *r, int64_t id)
{
	struct db_stmt *st = db_prepare(r->db, "SELECT d.id, d.kind, d.number, d.total_ttc, "
					       "(SELECT count(*) FROM offer_document c WHERE c.corrects_id = d.id) "
					       "FROM offer_document d WHERE d.request_id = ? ORDER BY d.id");
	char amount[AMOUNT_TEXT_MAX];

	if (!st)
		return;
	db_bind_int(st, 1, id);
	while (db_step(st) == DB_ROW) {
		int64_t document = db_column_int(st, 0);

		amount_format(db_column_int(st, 3), amount, sizeof(amount));
		buf_html(&r->out, "<a href=\"/offre/document/%lld/pdf\">%s</a> (%s TTC) ", (long long)document, db_column_text(st, 2), amount);
		if (strcmp(db_column_text(st, 1), "facture") == 0 && db_column_int(st, 4) == 0)
			action_button(r, "avoir", document, _("Émettre un avoir"));
	}
	db_reset(st);
}

static void request_row(struct request *r, struct db_stmt *st)
{
	int64_t id = db_column_int(st, 0);
	const char *status = db_column_text(st, 6);

	buf_html(&r->out, "<tr><td>%lld</td><td>%s<br>%s</td><td>%s</td><td>%lld (%lld)</td><td>%s</td><td>", (long long)id,
		 db_column_text(st, 1), db_column_text(st, 2), db_column_text(st, 3), (long long)db_column_int(st, 4),
		 (long long)db_column_int(st, 5), licence_request_status_label(status));
	if (strcmp(status, "demandee") == 0)
		action_button(r, "devis", id, _("Émettre le devis"));
	else if (strcmp(status, "devis") == 0)
		action_button(r, "facture", id, _("Émettre la facture"));
	request_documents(r, id);
	buf_adds(&r->out, "</td></tr>");
}

static int requests_page(struct request *r, int status, const char *flash)
{
	struct db_stmt *st = db_prepare(r->db, "SELECT q.id, s.name, o.name, q.school_year, q.seats, q.tutoring_seats, q.status "
					       "FROM licence_request q JOIN structure s ON s.id = q.structure_id JOIN organisation o ON o.id = q.financeur_id "
					       "ORDER BY q.id DESC LIMIT ?");

	if (!st)
		return page_error(r, 500, _("Les demandes n'ont pas pu être lues."));
	page_begin(r, _("Demandes, devis et factures"));
	buf_html(&r->out, "<h1>%s</h1><p class=\"lead\">%s</p>", _("Demandes, devis et factures"),
		 _("Une demande reçoit un devis, puis une facture qui crée la licence. Un document émis ne change plus : une erreur se corrige par un avoir, qui annule la facture et sa licence."));
	if (flash)
		widget_flash(r, status < 400 ? "success" : "error", flash);
	buf_html(&r->out, "<div class=\"table-wrap\"><table class=\"data stack\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			  "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		 _("N°"), _("Structure et financeur"), _("Année"), _("Places (soutien)"), _("État"), _("Documents"));
	db_bind_int(st, 1, REQUESTS_SHOWN);
	while (db_step(st) == DB_ROW)
		request_row(r, st);
	db_reset(st);
	buf_html(&r->out, "</tbody></table></div><p>%s</p><p><a href=\"/offre\">%s</a></p>",
		 _("Pour saisir une demande au nom d'une structure, ouvrez la page « Licence et soutien » de la structure."), _("← Offre et licences"));
	page_end(r);
	return status;
}

int page_offer_requests(struct request *r)
{
	return requests_page(r, 200, form_get(&r->query, "fait") ? _("Le document est émis.") : NULL);
}

static int issue(struct request *r, enum document_kind kind)
{
	int64_t id = param_id(r, 0), document;
	char message[OFFER_MESSAGE_MAX] = "";

	if (!id)
		return page_not_found(r);
	document = offer_document_issue(r->db, r->user.id, kind, id, time(NULL), message, sizeof(message));
	if (document == 0)
		return requests_page(r, 409, message);
	if (document < 0)
		return page_error(r, 500, _("Le document n'a pas pu être émis. Réessayez dans un instant."));
	return request_redirect(r, "/offre/demandes?fait=1");
}

int page_offer_quote(struct request *r)
{
	if (db_query_int_param(r->db, "SELECT count(*) FROM licence_request WHERE id = ?", param_id(r, 0), 0) != 1)
		return page_not_found(r);
	return issue(r, DOCUMENT_QUOTE);
}

int page_offer_invoice(struct request *r)
{
	if (db_query_int_param(r->db, "SELECT count(*) FROM licence_request WHERE id = ?", param_id(r, 0), 0) != 1)
		return page_not_found(r);
	return issue(r, DOCUMENT_INVOICE);
}

int page_offer_credit(struct request *r)
{
	if (db_query_int_param(r->db, "SELECT count(*) FROM offer_document WHERE id = ?", param_id(r, 0), 0) != 1)
		return page_not_found(r);
	return issue(r, DOCUMENT_CREDIT);
}

/* ---- PDF, rendered on a worker ---- */

struct pdf_job {
	int64_t id;
	int found;
	char number[DOCUMENT_NUMBER_MAX];
	unsigned char *pdf;
	size_t len;
	char error[256];
};

static void pdf_job_free(void *data)
{
	struct pdf_job *job = data;

	if (job)
		free(job->pdf);
	free(job);
}

static void pdf_work(struct request *r, struct db *db)
{
	struct pdf_job *job = r->job_data;
	struct offer_document *d = calloc(1, sizeof(*d));

	job->found = d ? offer_document_load(db, job->id, d) : -1;
	if (job->found == 1) {
		snprintf(job->number, sizeof(job->number), "%s", d->number);
		if (offer_document_pdf(d, &job->pdf, &job->len, job->error, sizeof(job->error)) < 0)
			job->pdf = NULL;
	}
	free(d);
}

static int pdf_done(struct request *r)
{
	struct pdf_job *job = r->job_data;
	char disposition[96];

	if (job->found == 0)
		return page_not_found(r);
	if (!job->pdf) {
		log_error("document pdf failed request=%s document=%lld reason=\"%s\"", r->id, (long long)job->id, job->error);
		return page_error(r, 500, _("Le PDF n'a pas pu être préparé. Réessayez dans un instant."));
	}
	r->content_type = "application/pdf";
	snprintf(disposition, sizeof(disposition), "inline; filename=\"%s.pdf\"", job->number);
	request_add_header(r, "content-disposition", disposition);
	buf_add(&r->out, job->pdf, job->len);
	return 200;
}

int page_offer_document_pdf(struct request *r)
{
	struct pdf_job *job;
	int64_t id = param_id(r, 0);

	if (!id)
		return page_not_found(r);
	job = calloc(1, sizeof(*job));
	if (!job)
		return page_error(r, 500, _("Le serveur manque de mémoire."));
	r->job_data = job;
	r->job_free = pdf_job_free;
	job->id = id;
	if (request_defer(r, pdf_work, pdf_done) < 0)
		return page_error(r, 500, _("Le serveur manque de mémoire."));
	return HANDLER_DEFERRED;
}

/* ---- accounting export ---- */

/* Append `text` as one CSV field, quoted when it contains ';', '"' or a line break. */
static void csv_field(struct buf *b, const char *text, bool last)
{
	const char *p;

	if (strpbrk(text, ";\"\n\r")) {
		buf_addc(b, '"');
		for (p = text; *p; p++) {
			if (*p == '"')
				buf_addc(b, '"');
			buf_addc(b, *p == '\n' || *p == '\r' ? ' ' : *p);
		}
		buf_addc(b, '"');
	} else {
		buf_adds(b, text);
	}
	buf_adds(b, last ? "\r\n" : ";");
}

static void export_row(struct buf *b, struct db_stmt *st)
{
	char date[16], amount[AMOUNT_TEXT_MAX], customer[128];
	time_t issued = (time_t)db_column_int(st, 2);
	struct tm tm;
	int i;

	localtime_r(&issued, &tm);
	strftime(date, sizeof(date), "%Y-%m-%d", &tm);
	snprintf(customer, sizeof(customer), "%.*s", (int)strcspn(db_column_text(st, 3), "\n"), db_column_text(st, 3));
	csv_field(b, db_column_text(st, 0), false);
	csv_field(b, db_column_text(st, 1), false);
	csv_field(b, date, false);
	csv_field(b, customer, false);
	csv_field(b, db_column_text(st, 4), false);
	csv_field(b, db_column_text(st, 5), false);
	for (i = 6; i <= 8; i++) {
		amount_format_plain(db_column_int(st, i), amount, sizeof(amount));
		csv_field(b, amount, false);
	}
	snprintf(amount, sizeof(amount), "%lld", (long long)db_column_int(st, 9));
	csv_field(b, amount, false);
	csv_field(b, db_column_text(st, 10), true);
}

int page_offer_export(struct request *r)
{
	const char *year = form_get(&r->query, "annee");
	struct db_stmt *st;
	char disposition[96];

	if (!year || !school_year_valid(year))
		return page_error(r, 400, _("Précisez l'année scolaire de l'export, écrite comme 2026-2027 (paramètre annee)."));
	st = db_prepare(r->db, "SELECT d.number, d.kind, d.issued_at, d.customer, d.structure_name, d.school_year, d.total_ht, d.total_vat, "
			       "d.total_ttc, d.vat_bp, coalesce(c.number, '') FROM offer_document d LEFT JOIN offer_document c ON c.id = d.corrects_id "
			       "WHERE d.school_year = ? AND d.kind IN ('facture', 'avoir') ORDER BY d.issued_at, d.number");
	if (!st)
		return page_error(r, 500, _("L'export n'a pas pu être préparé."));
	buf_adds(&r->out, "numero;type;date;client;structure;annee_scolaire;montant_ht;tva;montant_ttc;taux_tva_points_de_base;facture_corrigee\r\n");
	db_bind_text(st, 1, year);
	while (db_step(st) == DB_ROW)
		export_row(&r->out, st);
	db_reset(st);
	if (buf_failed(&r->out))
		return page_error(r, 500, _("L'export est trop gros pour être envoyé."));
	snprintf(disposition, sizeof(disposition), "attachment; filename=\"ardoise-factures-%s.csv\"", year);
	request_add_header(r, "content-disposition", disposition);
	r->content_type = "text/csv; charset=utf-8";
	return 200;
}
