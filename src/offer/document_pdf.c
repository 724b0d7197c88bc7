/*
 * A quote, invoice or credit note as an A4 PDF. An invoice carries the
 * mentions French law requires on invoices between professionals: number,
 * dates, issuer and customer, lines with unit prices HT, the VAT rate,
 * totals, the payment date, late-payment penalties and the 40 € recovery
 * indemnity. With a VAT rate of 0 it says "TVA non applicable, art. 293 B
 * du CGI" (the VAT exemption of small businesses).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "offer/document.h"
#include "offer/pdf_writer.h"

#define LEFT PDF_MARGIN_MM
#define RIGHT (PDF_PAGE_W_MM - PDF_MARGIN_MM)
#define BODY_PT 9.5f
#define QUOTE_VALID_DAYS 30

static void date_text(time_t when, char *out, size_t size)
{
	struct tm tm;

	localtime_r(&when, &tm);
	strftime(out, size, "%d/%m/%Y", &tm);
}

static void heading(struct pdf_writer *w, const struct offer_document *d)
{
	static const char *const kind_titles[] = { "DEVIS", "FACTURE", "AVOIR" };
	char text[256], date[16];
	float y;

	pdf_writer_paragraph(w, LEFT, 22, 85, BODY_PT, false, d->issuer);
	pdf_writer_text_right(w, RIGHT, 24, 20, true, kind_titles[d->kind]);
	snprintf(text, sizeof(text), "N° %s", d->number);
	pdf_writer_text_right(w, RIGHT, 32, 11, true, text);
	date_text(d->issued_at, date, sizeof(date));
	snprintf(text, sizeof(text), "Date d'émission : %s", date);
	pdf_writer_text_right(w, RIGHT, 38, BODY_PT, false, text);
	if (d->kind == DOCUMENT_INVOICE) {
		date_text(d->due_at, date, sizeof(date));
		snprintf(text, sizeof(text), "Date d'échéance : %s", date);
		pdf_writer_text_right(w, RIGHT, 43, BODY_PT, false, text);
	}
	if (d->kind == DOCUMENT_CREDIT) {
		snprintf(text, sizeof(text), "Avoir sur la facture n° %s", d->corrects);
		pdf_writer_text_right(w, RIGHT, 43, BODY_PT, true, text);
	}
	pdf_writer_text(w, 115, 58, BODY_PT, true, "Client");
	y = pdf_writer_paragraph(w, 115, 64, 77, BODY_PT, false, d->customer);
	snprintf(text, sizeof(text), "Structure bénéficiaire : %s · année scolaire %s", d->structure_name, d->school_year);
	pdf_writer_paragraph(w, LEFT, y > 92 ? y + 4 : 96, RIGHT - LEFT, BODY_PT, false, text);
}

/* Write the table of lines and return the y below it. */
static float lines_table(struct pdf_writer *w, const struct offer_document *d, float y)
{
	char quantity[24], unit[AMOUNT_TEXT_MAX], total[AMOUNT_TEXT_MAX], rate[16];
	size_t i;

	pdf_writer_text(w, LEFT, y, BODY_PT, true, "Désignation");
	pdf_writer_text_right(w, 118, y, BODY_PT, true, "Qté");
	pdf_writer_text_right(w, 145, y, BODY_PT, true, "PU HT");
	pdf_writer_text_right(w, 160, y, BODY_PT, true, "TVA");
	pdf_writer_text_right(w, RIGHT, y, BODY_PT, true, "Total HT");
	pdf_writer_rule(w, LEFT, RIGHT, y + 2);
	y += 8;
	for (i = 0; i < d->line_count; i++) {
		const struct amount_line *a = &d->lines[i].amount;

		snprintf(quantity, sizeof(quantity), "%lld", (long long)a->quantity);
		amount_format(a->unit_cents, unit, sizeof(unit));
		amount_format(a->ht_cents, total, sizeof(total));
		vat_rate_format(d->vat_bp, rate, sizeof(rate));
		pdf_writer_text(w, LEFT, y, BODY_PT, false, d->lines[i].label);
		pdf_writer_text_right(w, 118, y, BODY_PT, false, quantity);
		pdf_writer_text_right(w, 145, y, BODY_PT, false, unit);
		pdf_writer_text_right(w, 160, y, BODY_PT, false, rate);
		pdf_writer_text_right(w, RIGHT, y, BODY_PT, false, total);
		y += 7;
	}
	pdf_writer_rule(w, LEFT, RIGHT, y - 4);
	return y + 2;
}

static float totals_block(struct pdf_writer *w, const struct offer_document *d, float y)
{
	char amount[AMOUNT_TEXT_MAX], rate[16], label[48];

	amount_format(d->totals.ht_cents, amount, sizeof(amount));
	pdf_writer_text(w, 120, y, BODY_PT, false, "Total HT");
	pdf_writer_text_right(w, RIGHT, y, BODY_PT, false, amount);
	y += 6;
	if (d->vat_bp > 0) {
		vat_rate_format(d->vat_bp, rate, sizeof(rate));
		snprintf(label, sizeof(label), "TVA %s", rate);
	} else {
		snprintf(label, sizeof(label), "TVA");
	}
	amount_format(d->totals.vat_cents, amount, sizeof(amount));
	pdf_writer_text(w, 120, y, BODY_PT, false, label);
	pdf_writer_text_right(w, RIGHT, y, BODY_PT, false, amount);
	y += 6;
	amount_format(d->totals.ttc_cents, amount, sizeof(amount));
	pdf_writer_text(w, 120, y, 11, true, d->kind == DOCUMENT_CREDIT ? "Total TTC à déduire" : "Total TTC");
	pdf_writer_text_right(w, RIGHT, y, 11, true, amount);
	y += 10;
	if (d->vat_bp == 0)
		y = pdf_writer_paragraph(w, LEFT, y, RIGHT - LEFT, BODY_PT, false, "TVA non applicable, art. 293 B du CGI.");
	return y;
}

/* Write the payment terms and legal mentions of the document's kind. */
static void terms(struct pdf_writer *w, const struct offer_document *d, float y)
{
	char text[1200], date[16];

	if (d->kind == DOCUMENT_QUOTE) {
		date_text(d->issued_at + QUOTE_VALID_DAYS * 86400, date, sizeof(date));
		snprintf(text, sizeof(text), "Devis valable jusqu'au %s. La facture suivra l'accord du client ; elle sera payable à %d jours "
			 "par virement.\n\nBon pour accord (date, nom, signature et cachet du client) :", date, d->payment_days);
	} else if (d->kind == DOCUMENT_INVOICE) {
		date_text(d->due_at, date, sizeof(date));
		snprintf(text, sizeof(text), "Conditions de paiement : à %d jours, au plus tard le %s, par virement. "
			 "Pas d'escompte pour paiement anticipé.\n"
			 "Pénalités de retard : en cas de paiement après l'échéance, des pénalités de retard sont dues au taux de trois fois "
			 "le taux d'intérêt légal, exigibles sans rappel, ainsi qu'une indemnité forfaitaire de 40 € pour frais de recouvrement "
			 "(articles L441-10 et D441-5 du Code de commerce).", d->payment_days, date);
	} else {
		snprintf(text, sizeof(text), "Cet avoir annule la facture n° %s et la licence qu'elle accordait. Son montant vient en déduction "
			 "de cette facture ; s'il a déjà été payé, il est remboursé par virement.", d->corrects);
	}
	pdf_writer_paragraph(w, LEFT, y + 4, RIGHT - LEFT, BODY_PT, false, text);
}

int offer_document_pdf(const struct offer_document *d, unsigned char **out, size_t *len, char *err, size_t errlen)
{
	char title[64];
	struct pdf_writer *w;
	float y;

	snprintf(title, sizeof(title), "%s %s", document_kind_label(d->kind), d->number);
	w = pdf_writer_new(title, err, errlen);
	if (!w)
		return -1;
	heading(w, d);
	y = lines_table(w, d, 112);
	y = totals_block(w, d, y);
	terms(w, d, y);
	return pdf_writer_finish(w, out, len, err, errlen);
}
