/* The search box and layout shared by the tool pages. */
#include "web/tools_form.h"

#include <stdio.h>
#include <string.h>

#include "web/page.h"
#include "web/widgets.h"

void tools_search_read(struct request *r, const char *name, struct tool_search *s)
{
	const char *value = form_get(&r->query, name);
	enum query_error e;

	s->text[0] = '\0';
	s->error = NULL;
	if (!value)
		return;
	e = tool_query_normalise(value, strlen(value), s->text, sizeof(s->text));
	if (e == QUERY_TOO_LONG)
		s->error = _("Ta recherche est trop longue : écris au plus 100 caractères, par exemple un seul mot.");
	else if (e == QUERY_INVALID)
		s->error = _("Ta recherche contient des caractères qui ne sont pas des lettres lisibles. Efface-la et écris-la de nouveau.");
}

void tools_page_begin(struct request *r, const char *title, const char *lead)
{
	page_begin(r, title);
	buf_html(&r->out, "<p><a href=\"/outils\">%s</a></p><h1>%s</h1>", _("← Tous les outils"), title);
	if (lead)
		buf_html(&r->out, "<p class=\"lead\">%s</p>", lead);
}

void tools_search_form(struct request *r, const char *action, const char *name, const char *label,
		       const char *hint, const struct tool_search *s, const char *extra)
{
	buf_html(&r->out, "<form class=\"card tool-search\" method=\"get\" action=\"%s\" role=\"search\">"
			  "<div class=\"field\"><label for=\"%s\">%s</label>",
		 action, name, label);
	buf_html(&r->out, "<p class=\"hint\" id=\"%s-aide\">%s</p>", name, hint);
	if (s->error)
		buf_html(&r->out, "<p class=\"field-error\" id=\"%s-erreur\">%s</p>", name, s->error);
	buf_html(&r->out, "<input id=\"%s\" name=\"%s\" type=\"search\" maxlength=\"%d\" value=\"%s\" autocomplete=\"off\""
			  " spellcheck=\"false\" aria-describedby=\"%s-aide%S%s%S\"%S></div>%S"
			  "<div class=\"form-actions\"><button class=\"btn btn-primary\" type=\"submit\">%s</button></div></form>",
		 name, name, TOOL_QUERY_MAX_BYTES, s->text, name, s->error ? " " : "", s->error ? name : "", s->error ? "-erreur" : "",
		 s->error ? " aria-invalid=\"true\"" : "", extra, _("Chercher"));
}

int tools_search_error(struct request *r, const struct tool_search *s)
{
	widget_flash(r, "error", s->error);
	return 400;
}
