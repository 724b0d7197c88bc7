/* Diagnostic records on the dashboards. */
#include "web/diagnostic_view.h"

#include <stdio.h>

#include "core/i18n.h"
#include "web/page.h"
#include "web/widgets.h"

static void value_cell(struct request *r, const struct diagnostic *d, int field)
{
	char text[32];

	if (!d->known[field]) {
		buf_adds(&r->out, "<td>—</td>");
		return;
	}
	sheet_number_format(d->values[field], 1, text, sizeof(text));
	buf_html(&r->out, "<td>%s</td>", text);
}

static void records_table(struct request *r, const struct diagnostic *list, int count)
{
	int i, f;

	buf_html(&r->out, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"data\"><caption>%s</caption><thead><tr><th scope=\"col\">%s</th>",
		 _("Diagnostics enregistrés, du plus récent au plus ancien"), _("Date"));
	for (f = 0; f < DIAG_FIELDS; f++)
		buf_html(&r->out, "<th scope=\"col\">%s</th>", _(diagnostic_field_labels[f]));
	buf_html(&r->out, "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>", _("Écart local − national (points)"), _("Note"));
	for (i = 0; i < count; i++) {
		const struct diagnostic *d = &list[i];
		struct diagnostic gap = { .known = { d->known[DIAG_LOCAL_SCORE] && d->known[DIAG_NATIONAL_SCORE] } };

		gap.values[0] = d->values[DIAG_LOCAL_SCORE] - d->values[DIAG_NATIONAL_SCORE];
		buf_html(&r->out, "<tr><th scope=\"row\">%s</th>", d->measured_on);
		for (f = 0; f < DIAG_FIELDS; f++)
			value_cell(r, d, f);
		value_cell(r, &gap, 0);
		buf_html(&r->out, "<td>%s</td></tr>", d->note);
	}
	buf_adds(&r->out, "</tbody></table></div>");
}

void diagnostic_section(struct request *r, const char *scope, int64_t scope_id, const char *action,
			const struct field_errors *errors, const struct form *typed)
{
	struct diagnostic list[DIAGNOSTIC_LIST_MAX];
	int count = diagnostic_list(r->db, scope, scope_id, list, DIAGNOSTIC_LIST_MAX), f;

	buf_html(&r->out, "<section class=\"card\" aria-labelledby=\"diagnostic\"><h2 id=\"diagnostic\">%s</h2><p>%s</p>",
		 _("Diagnostic du territoire"),
		 _("Les chiffres relevés par les partenaires, à comparer avec les indicateurs avant et après l'arrivée d'Ardoise."));
	if (count > 0)
		records_table(r, list, count);
	if (errors && errors->count)
		widget_error_summary(r, errors);
	buf_html(&r->out, "<form method=\"post\" action=\"%s\"><h3>%s</h3>", action, _("Ajouter un diagnostic"));
	page_csrf_field(r);
	widget_text(r, "date", _("Date du relevé"), typed ? form_get(typed, "date") : NULL, _("AAAA-MM-JJ, par exemple 2026-09-15"),
		    errors, "type=\"date\" required");
	for (f = 0; f < DIAG_FIELDS; f++)
		widget_text(r, diagnostic_field_names[f], _(diagnostic_field_labels[f]), typed ? form_get(typed, diagnostic_field_names[f]) : NULL,
			    NULL, errors, "inputmode=\"decimal\"");
	widget_text(r, "note", _("Note (source des chiffres)"), typed ? form_get(typed, "note") : NULL, NULL, errors, "maxlength=\"500\"");
	buf_html(&r->out, "<div class=\"form-actions\"><button class=\"btn btn-primary\" type=\"submit\">%s</button></div></form></section>",
		 _("Enregistrer le diagnostic"));
}

void diagnostic_sheet(struct db *db, const char *scope, int64_t scope_id, struct sheet *s)
{
	struct diagnostic list[DIAGNOSTIC_LIST_MAX];
	int count = diagnostic_list(db, scope, scope_id, list, DIAGNOSTIC_LIST_MAX), i, f;

	if (count <= 0)
		return;
	sheet_row(s);
	sheet_row(s);
	sheet_text(s, _("Diagnostic du"));
	for (f = 0; f < DIAG_FIELDS; f++)
		sheet_text(s, _(diagnostic_field_labels[f]));
	for (i = 0; i < count; i++) {
		sheet_row(s);
		sheet_text(s, list[i].measured_on);
		for (f = 0; f < DIAG_FIELDS; f++) {
			if (list[i].known[f])
				sheet_number(s, list[i].values[f], 1);
			else
				sheet_blank(s);
		}
	}
}

void diagnostic_input_read(struct request *r, struct diagnostic_input *in)
{
	int f;

	in->measured_on = form_get(&r->body, "date");
	for (f = 0; f < DIAG_FIELDS; f++)
		in->values[f] = form_get(&r->body, diagnostic_field_names[f]);
	in->note = form_get(&r->body, "note");
}
