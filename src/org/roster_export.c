/* roster_export: write rows as the Ardoise CSV template. */
#include <stdbool.h>
#include <string.h>

#include "core/buf.h"
#include "org/roster.h"

/* Enough for ROSTER_MAX_ROWS rows of four fields of ROSTER_MAX_FIELD_BYTES
 * bytes, each with every byte a doubled quote. */
#define EXPORT_MAX_BYTES (64u * 1024 * 1024)
#define TEMPLATE_HEADER "\xEF\xBB\xBF" "Prénom;Nom;Niveau;Groupe\r\n"

static void add_field(struct buf *b, const char *s)
{
	size_t len = s ? strlen(s) : 0;
	bool quote;

	if (len == 0)
		return;
	quote = strpbrk(s, ";\"\r\n") || s[0] == ' ' || s[len - 1] == ' ';
	if (quote)
		buf_addc(b, '"');
	/* OWASP's defence against CSV injection: text, not a formula. */
	if (strchr("=+-@\t\r", s[0]))
		buf_addc(b, '\'');
	for (; *s; s++) {
		if (*s == '"')
			buf_addc(b, '"');
		buf_addc(b, *s);
	}
	if (quote)
		buf_addc(b, '"');
}

char *roster_export(const struct roster_row *rows, size_t count, size_t *len)
{
	struct buf b;
	size_t i;

	buf_init(&b, EXPORT_MAX_BYTES);
	buf_adds(&b, TEMPLATE_HEADER);
	for (i = 0; i < count; i++) {
		add_field(&b, rows[i].first_name);
		buf_addc(&b, ';');
		add_field(&b, rows[i].last_name);
		buf_addc(&b, ';');
		add_field(&b, rows[i].level);
		buf_addc(&b, ';');
		add_field(&b, rows[i].group);
		buf_adds(&b, "\r\n");
	}
	return buf_detach(&b, len);
}
