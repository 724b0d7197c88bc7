/* The opérateur's offer pages: the overview per school year, the price
 * lists and the issuer of the invoices. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/roles.h"
#include "core/log.h"
#include "offer/amount.h"
#include "offer/document.h"
#include "offer/licence.h"
#include "offer/offer.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/widgets.h"

#define DEPARTEMENT_MAX 200

struct overview_row {
	char departement[128];
	int64_t licences, seats, used, revenue_cents;
};

static void overview_cells(struct request *r, const char *name, const struct overview_row *o)
{
	char revenue[AMOUNT_TEXT_MAX];

	amount_format(o->revenue_cents, revenue, sizeof(revenue));
	buf_html(&r->out, "<tr><th scope=\"row\">%s</th><td>%lld</td><td>%lld</td><td>%lld</td><td>%s</td></tr>", name,
		 (long long)o->licences, (long long)o->seats, (long long)o->used, revenue);
}

static void overview_head(struct request *r, const char *caption, const char *first)
{
	buf_html(&r->out, "<div class=\"table-wrap\"><table class=\"data\"><caption>%s</caption><thead><tr><th scope=\"col\">%s</th>"
			  "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		 caption, first, _("Licences"), _("Places vendues"), _("Places occupées"), _("Chiffre d'affaires HT"));
}

static void overview_add(struct overview_row *total, const struct overview_row *o)
{
	total->licences += o->licences;
	total->seats += o->seats;
	total->used += o->used;
	total->revenue_cents += o->revenue_cents;
}

/* Per financeur, then per département and in all, for `year`. Revenue is
 * the invoices HT of the year minus their credit notes. */
static void overview(struct request *r, const char *year)
{
	struct db_stmt *st = db_prepare(r->db,
		"SELECT o.name, coalesce(p.name, '—'), "
		"(SELECT count(*) FROM licence l WHERE l.financeur_id = o.id AND l.school_year = ? AND l.active = 1), "
		"(SELECT coalesce(sum(l.seats), 0) FROM licence l WHERE l.financeur_id = o.id AND l.school_year = ? AND l.active = 1), "
		"(SELECT count(*) FROM account a JOIN structure s ON s.id = a.structure_id WHERE s.financeur_id = o.id AND a.role = 'eleve' "
		" AND a.active = 1 AND EXISTS (SELECT 1 FROM licence l WHERE l.structure_id = s.id AND l.school_year = ? AND l.active = 1)), "
		"(SELECT coalesce(sum(d.total_ht), 0) FROM offer_document d JOIN licence_request q ON q.id = d.request_id "
		" WHERE q.financeur_id = o.id AND d.school_year = ? AND d.kind IN ('facture', 'avoir')) "
		"FROM organisation o LEFT JOIN organisation p ON p.id = o.parent_id AND p.kind = 'departement' "
		"WHERE o.kind = 'financeur' ORDER BY 2, 1");
	struct overview_row departements[DEPARTEMENT_MAX], total = { "", 0, 0, 0, 0 }, o;
	size_t count = 0, i;
	int k;

	if (!st)
		return;
	for (k = 1; k <= 4; k++)
		db_bind_text(st, k, year);
	overview_head(r, _("Par financeur"), _("Financeur"));
	while (db_step(st) == DB_ROW) {
		o = (struct overview_row){ .licences = db_column_int(st, 2), .seats = db_column_int(st, 3), .used = db_column_int(st, 4),
					   .revenue_cents = db_column_int(st, 5) };
		snprintf(o.departement, sizeof(o.departement), "%s", db_column_text(st, 1));
		overview_cells(r, db_column_text(st, 0), &o);
		overview_add(&total, &o);
		if (count == 0 || strcmp(departements[count - 1].departement, o.departement) != 0) {
			if (count == DEPARTEMENT_MAX)
				continue;
			departements[count] = (struct overview_row){ .licences = 0 };
			snprintf(departements[count].departement, sizeof(departements[count].departement), "%s", o.departement);
			count++;
		}
		overview_add(&departements[count - 1], &o);
	}
	db_reset(st);
	buf_adds(&r->out, "</tbody></table></div>");
	overview_head(r, _("Par département"), _("Département"));
	for (i = 0; i < count; i++)
		overview_cells(r, departements[i].departement, &departements[i]);
	overview_cells(r, _("Total"), &total);
	buf_adds(&r->out, "</tbody></table></div>");
}

int page_offer_home(struct request *r)
{
	const char *asked = form_get(&r->query, "annee");
	char year[SCHOOL_YEAR_TEXT];

	if (asked && !school_year_valid(asked))
		return page_error(r, 400, _("L'année scolaire demandée n'est pas valide : écrivez-la comme 2026-2027."));
	if (asked)
		snprintf(year, sizeof(year), "%s", asked);
	else
		offer_school_year(time(NULL), year, sizeof(year));
	page_begin(r, _("Offre et licences"));
	buf_html(&r->out, "<h1>%s %s</h1>", _("Offre et licences"), year);
	buf_html(&r->out, "<p class=\"form-actions\"><a class=\"btn btn-secondary\" href=\"/offre/tarifs\">%s</a> "
			  "<a class=\"btn btn-secondary\" href=\"/offre/demandes\">%s</a> "
			  "<a class=\"btn btn-secondary\" href=\"/offre/export.csv?annee=%U\">%s</a> "
			  "<a class=\"btn btn-secondary\" href=\"/offre/formations\">%s</a></p>",
		 _("Tarifs et émetteur"), _("Demandes, devis et factures"), year, _("Export comptable (CSV)"), _("Sessions de formation"));
	buf_html(&r->out, "<form method=\"get\" action=\"/offre\"><label for=\"annee\">%s</label> "
			  "<input id=\"annee\" name=\"annee\" value=\"%s\" size=\"10\"> <button class=\"btn btn-secondary\" type=\"submit\">%s</button></form>",
		 _("Année scolaire"), year, _("Afficher"));
	overview(r, year);
	page_end(r);
	return 200;
}

/* ---- price lists and issuer ---- */

static void price_lists_table(struct request *r)
{
	struct db_stmt *st = db_prepare(r->db, "SELECT school_year, child_cents, tutoring_cents, vat_bp, "
					       "(SELECT count(*) FROM licence l WHERE l.school_year = p.school_year) FROM price_list p ORDER BY school_year DESC");
	char child[AMOUNT_TEXT_MAX], tutoring[AMOUNT_TEXT_MAX], rate[16];

	if (!st)
		return;
	buf_html(&r->out, "<div class=\"table-wrap\"><table class=\"data\"><caption>%s</caption><thead><tr><th scope=\"col\">%s</th>"
			  "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		 _("Tarifs publiés"), _("Année scolaire"), _("Prix par enfant HT"), _("Option soutien HT"), _("TVA"), _("Licences"));
	while (db_step(st) == DB_ROW) {
		amount_format(db_column_int(st, 1), child, sizeof(child));
		amount_format(db_column_int(st, 2), tutoring, sizeof(tutoring));
		vat_rate_format((int)db_column_int(st, 3), rate, sizeof(rate));
		buf_html(&r->out, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%lld</td></tr>", db_column_text(st, 0), child, tutoring,
			 rate, (long long)db_column_int(st, 4));
	}
	db_reset(st);
	buf_adds(&r->out, "</tbody></table></div>");
}

static void price_form(struct request *r, struct form *values, const struct field_errors *errors)
{
	buf_html(&r->out, "<section class=\"card\"><h2>%s</h2><p>%s</p>", _("Publier ou changer un tarif"),
		 _("Montants en euros hors taxes, avec au plus deux décimales. Les prix d'une année terminée, ou déjà utilisés par une licence, ne changent plus."));
	buf_adds(&r->out, "<form method=\"post\" action=\"/offre/tarifs\" data-once>");
	page_csrf_field(r);
	widget_text(r, "annee", _("Année scolaire"), values ? form_get(values, "annee") : NULL, _("Par exemple : 2027-2028"), errors, "required size=\"10\"");
	widget_text(r, "prix_enfant", _("Prix par enfant (€ HT)"), values ? form_get(values, "prix_enfant") : "25,00", NULL, errors, "required inputmode=\"decimal\"");
	widget_text(r, "prix_soutien", _("Prix de l'option soutien par enfant (€ HT)"), values ? form_get(values, "prix_soutien") : "10,00", NULL, errors,
		    "required inputmode=\"decimal\"");
	widget_text(r, "tva", _("Taux de TVA (%)"), values ? form_get(values, "tva") : "20", _("0 si l'émetteur n'est pas assujetti (art. 293 B du CGI)."),
		    errors, "required inputmode=\"decimal\"");
	buf_html(&r->out, "<div class=\"form-actions\"><button class=\"btn btn-primary\" type=\"submit\">%s</button></div></form></section>",
		 _("Enregistrer le tarif"));
}

static void issuer_form(struct request *r, const struct offer_issuer *is, const struct field_errors *errors)
{
	char days[16];

	snprintf(days, sizeof(days), "%d", is->payment_days);
	buf_html(&r->out, "<section class=\"card\"><h2>%s</h2><p>%s</p>", _("Émetteur des devis et factures"),
		 _("Ces coordonnées sont recopiées sur chaque document au moment où il est émis : les changer ne modifie pas les documents déjà émis."));
	buf_adds(&r->out, "<form method=\"post\" action=\"/offre/emetteur\" data-once>");
	page_csrf_field(r);
	widget_text(r, "nom", _("Nom ou raison sociale"), is->name, NULL, errors, "required maxlength=\"120\"");
	widget_text(r, "adresse", _("Adresse"), is->address, NULL, errors, "required maxlength=\"300\"");
	widget_text(r, "siret", _("SIRET (14 chiffres)"), is->siret, NULL, errors, "required inputmode=\"numeric\" maxlength=\"14\"");
	widget_text(r, "tva_intra", _("N° de TVA intracommunautaire"), is->vat_number, _("Laissez vide si l'émetteur n'en a pas."), errors, "maxlength=\"30\"");
	widget_text(r, "iban", _("IBAN pour les virements"), is->iban, NULL, errors, "maxlength=\"40\"");
	widget_text(r, "delai", _("Délai de paiement (jours)"), days, NULL, errors, "required inputmode=\"numeric\"");
	buf_html(&r->out, "<div class=\"form-actions\"><button class=\"btn btn-primary\" type=\"submit\">%s</button></div></form></section>",
		 _("Enregistrer l'émetteur"));
}

static int prices_page(struct request *r, int status, struct form *values, const struct field_errors *errors,
		       const struct offer_issuer *issuer_values)
{
	struct offer_issuer is;

	if (issuer_values)
		is = *issuer_values;
	else if (offer_issuer_find(r->db, &is) < 0)
		return page_error(r, 500, _("L'émetteur n'a pas pu être lu."));
	page_begin(r, _("Tarifs et émetteur"));
	buf_html(&r->out, "<h1>%s</h1>", _("Tarifs et émetteur"));
	if (form_get(&r->query, "fait"))
		widget_flash(r, "success", _("C'est enregistré."));
	widget_error_summary(r, errors);
	price_lists_table(r);
	price_form(r, issuer_values ? NULL : values, issuer_values ? NULL : errors);
	issuer_form(r, &is, issuer_values ? errors : NULL);
	buf_html(&r->out, "<p><a href=\"/offre\">%s</a></p>", _("← Offre et licences"));
	page_end(r);
	return status;
}

int page_offer_prices(struct request *r)
{
	return prices_page(r, 200, NULL, NULL, NULL);
}

int page_offer_prices_save(struct request *r)
{
	struct field_errors errors = { .count = 0 };
	struct price_list p = { .vat_bp = 0 };
	const char *year;

	form_trim(&r->body, "annee");
	year = form_get(&r->body, "annee");
	snprintf(p.school_year, sizeof(p.school_year), "%s", year ? year : "");
	if (amount_parse(form_get(&r->body, "prix_enfant"), &p.child_cents) < 0)
		field_errors_add(&errors, "prix_enfant", "Le prix par enfant n'est pas valide : écrivez un montant comme 25 ou 25,50.");
	if (amount_parse(form_get(&r->body, "prix_soutien"), &p.tutoring_cents) < 0)
		field_errors_add(&errors, "prix_soutien", "Le prix de l'option soutien n'est pas valide : écrivez un montant comme 10 ou 10,50.");
	if (vat_rate_parse(form_get(&r->body, "tva"), &p.vat_bp) < 0)
		field_errors_add(&errors, "tva", "Le taux de TVA n'est pas valide : écrivez un pourcentage de 0 à 100, comme 20 ou 5,5.");
	if (errors.count || price_list_save(r->db, r->user.id, &p, time(NULL), &errors) < 0) {
		if (errors.count)
			return prices_page(r, 422, &r->body, &errors, NULL);
		return page_error(r, 500, _("Le tarif n'a pas pu être enregistré. Réessayez dans un instant."));
	}
	log_info("price list saved request=%s year=%s", r->id, p.school_year);
	return request_redirect(r, "/offre/tarifs?fait=1");
}

int page_offer_issuer_save(struct request *r)
{
	static const char *const fields[] = { "nom", "adresse", "siret", "tva_intra", "iban", "delai" };
	struct field_errors errors = { .count = 0 };
	struct offer_issuer is;
	const char *days;
	char *end = NULL;
	size_t i;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		form_trim(&r->body, fields[i]);
	memset(&is, 0, sizeof(is));
	snprintf(is.name, sizeof(is.name), "%s", form_get(&r->body, "nom") ? form_get(&r->body, "nom") : "");
	snprintf(is.address, sizeof(is.address), "%s", form_get(&r->body, "adresse") ? form_get(&r->body, "adresse") : "");
	snprintf(is.siret, sizeof(is.siret), "%s", form_get(&r->body, "siret") ? form_get(&r->body, "siret") : "");
	snprintf(is.vat_number, sizeof(is.vat_number), "%s", form_get(&r->body, "tva_intra") ? form_get(&r->body, "tva_intra") : "");
	snprintf(is.iban, sizeof(is.iban), "%s", form_get(&r->body, "iban") ? form_get(&r->body, "iban") : "");
	days = form_get(&r->body, "delai");
	is.payment_days = days && *days ? (int)strtol(days, &end, 10) : -1;
	if (!end || *end)
		is.payment_days = -1;
	if (offer_issuer_save(r->db, r->user.id, &is, &errors) < 0) {
		if (errors.count)
			return prices_page(r, 422, NULL, &errors, &is);
		return page_error(r, 500, _("L'émetteur n'a pas pu être enregistré. Réessayez dans un instant."));
	}
	return request_redirect(r, "/offre/tarifs?fait=1");
}
