/* Helpers shared by the opérateur's ENT (CAS) and LTI pages, as declared
 * in platform_admin.h. */
#include <string.h>

#include "auth/roles.h"
#include "auth/scope.h"
#include "web/page.h"
#include "web/platform_admin.h"
#include "web/widgets.h"

int platform_operator_only(struct request *r)
{
	if ((r->user.caps & CAP_MANAGE_ORGANISATIONS) && scope_national(&r->user))
		return 0;
	return page_error(r, 403, _("Cette page est réservée à l'opérateur national."));
}

void platform_quote(const char *value, char *out, size_t size)
{
	size_t len = value ? strlen(value) : 0, cut = len;

	if (!size)
		return;
	if (cut > PLATFORM_QUOTE_MAX)
		cut = PLATFORM_QUOTE_MAX;
	if (cut + 4 > size)
		cut = size > 4 ? size - 4 : 0;
	/* Step back over UTF-8 continuation bytes so no character is split. */
	while (cut < len && cut > 0 && ((unsigned char)value[cut] & 0xc0) == 0x80)
		cut--;
	memcpy(out, value ? value : "", cut);
	out[cut] = '\0';
	if (cut < len)
		memcpy(out + cut, "…", sizeof("…"));
}

size_t platform_text_length(const char *value)
{
	size_t count = 0;

	for (; value && *value; value++)
		count += ((unsigned char)*value & 0xc0) != 0x80;
	return count;
}

const char *platform_field_value(struct request *r, const char *name, const char *stored)
{
	const char *posted = request_is_post(r) ? form_get(&r->body, name) : NULL;

	return posted ? posted : stored;
}

int platform_delete_page(struct request *r, int status, const struct platform_deletion *d, const char *error)
{
	size_t i;

	page_begin(r, d->title);
	buf_html(&r->out, "<h1>%s « %s »</h1>", d->title, d->name);
	if (error)
		widget_flash(r, "error", error);
	buf_html(&r->out, "<p>%s</p><ul><li>", _("Ce qui se passera :"));
	if (d->linked == 0)
		buf_html(&r->out, "%s", d->none_linked);
	else
		buf_html(&r->out, d->linked_kept, d->linked);
	buf_adds(&r->out, "</li>");
	for (i = 0; i < sizeof(d->consequences) / sizeof(d->consequences[0]); i++)
		buf_html(&r->out, "<li>%s</li>", d->consequences[i]);
	buf_html(&r->out, "</ul><form method=\"post\" action=\"%s\">", d->action);
	page_csrf_field(r);
	buf_html(&r->out, "<input type=\"hidden\" name=\"confirmation\" value=\"oui\"><div class=\"form-actions\">"
			  "<button class=\"btn btn-danger\" type=\"submit\">%s</button> <a class=\"btn btn-secondary\" href=\"%s\">%s</a></div></form>",
		 d->button, d->cancel, _("Annuler"));
	page_end(r);
	return status;
}

int platform_delete_confirmed(struct request *r)
{
	const char *confirmation = form_get(&r->body, "confirmation");

	return confirmation && strcmp(confirmation, "oui") == 0;
}

int platform_switch_value(struct request *r, const char *field)
{
	const char *v = form_get(&r->body, field);

	if (!v || (strcmp(v, "0") != 0 && strcmp(v, "1") != 0))
		return -1;
	return v[0] == '1';
}
