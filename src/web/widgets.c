#include "web/widgets.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"

/* aria-describedby and aria-invalid of a field with a hint and/or an error. */
static void described_by(struct request *r, const char *name, bool hint, bool error)
{
	if (!hint && !error)
		return;
	buf_adds(&r->out, " aria-describedby=\"");
	if (hint)
		buf_html(&r->out, "%s-aide", name);
	if (error)
		buf_html(&r->out, "%S%s-erreur", hint ? " " : "", name);
	buf_adds(&r->out, "\"");
	if (error)
		buf_adds(&r->out, " aria-invalid=\"true\"");
}

void widget_text(struct request *r, const char *name, const char *label, const char *value,
		 const char *hint, const struct field_errors *errors, const char *extra)
{
	const char *error = field_errors_get(errors, name);
	struct buf *b = &r->out;

	buf_html(b, "<div class=\"field\"><label for=\"%s\">%s</label>", name, label);
	if (hint)
		buf_html(b, "<p class=\"hint\" id=\"%s-aide\">%s</p>", name, hint);
	if (error)
		buf_html(b, "<p class=\"field-error\" id=\"%s-erreur\">%s</p>", name, error);
	buf_html(b, "<input id=\"%s\" name=\"%s\" value=\"%s\"", name, name, value ? value : "");
	described_by(r, name, hint != NULL, error != NULL);
	buf_html(b, " %S></div>", extra ? extra : "");
}

void widget_select(struct request *r, const char *name, const char *label, const char *const *values,
		   const char *const *labels, size_t count, const char *selected, const struct field_errors *errors)
{
	const char *error = field_errors_get(errors, name);
	struct buf *b = &r->out;
	size_t i;

	buf_html(b, "<div class=\"field\"><label for=\"%s\">%s</label>", name, label);
	if (error)
		buf_html(b, "<p class=\"field-error\" id=\"%s-erreur\">%s</p>", name, error);
	buf_html(b, "<select id=\"%s\" name=\"%s\"", name, name);
	described_by(r, name, false, error != NULL);
	buf_adds(b, ">");
	for (i = 0; i < count; i++)
		buf_html(b, "<option value=\"%s\"%S>%s</option>", values[i],
			 selected && strcmp(selected, values[i]) == 0 ? " selected" : "", labels[i]);
	buf_adds(b, "</select></div>");
}

void widget_error_summary(struct request *r, const struct field_errors *errors)
{
	size_t i;

	if (!errors || !errors->count)
		return;
	buf_html(&r->out, "<div class=\"flash flash-error\" role=\"alert\"><p>%s</p><ul>",
		 errors->count > 1 ? _("Le formulaire contient des erreurs :") : _("Le formulaire contient une erreur :"));
	for (i = 0; i < errors->count; i++)
		buf_html(&r->out, "<li><a href=\"#%s\">%s</a></li>", errors->items[i].field, errors->items[i].message);
	buf_adds(&r->out, "</ul></div>");
}

int64_t param_id(const struct request *r, size_t index)
{
	char *end;
	long long id;

	if (index >= r->param_count || !r->params[index][0])
		return 0;
	id = strtoll(r->params[index], &end, 10);
	return *end || id <= 0 ? 0 : id;
}

void widget_flash(struct request *r, const char *kind, const char *message)
{
	buf_html(&r->out, "<div class=\"flash flash-%s\" role=\"%S\"><p>%s</p></div>", kind,
		 strcmp(kind, "error") == 0 ? "alert" : "status", message);
}
