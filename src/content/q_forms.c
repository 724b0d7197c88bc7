/*
 * q_forms: a numeric answer line that states its accepted forms, such as
 * "= 3/4 [fraction]" or "= 1 1/2 [fraction, mixte]". The value may then
 * be a fraction or a mixed number; it has no tolerance nor unit.
 */
#define _GNU_SOURCE /* memmem, memrchr */
#include <stdlib.h>
#include <string.h>

#include "content/activity.h"
#include "content/answer.h"
#include "content/parse.h"

static const struct {
	const char *name;
	unsigned form;
} form_names[] = {
	{ "décimal", ANSWER_FORM_DECIMAL },
	{ "decimal", ANSWER_FORM_DECIMAL },
	{ "fraction", ANSWER_FORM_FRACTION },
	{ "mixte", ANSWER_FORM_MIXED },
};

bool numeric_has_forms(const struct src_line *l)
{
	const char *s = l->text;
	size_t len = l->len;

	content_trim(&s, &len);
	return len > 0 && s[len - 1] == ']' && memchr(s, '[', len);
}

/* Read the comma-separated names between the brackets into `*forms`. */
static int read_forms(const char *s, size_t len, int line, unsigned *forms,
		      struct content_error *err)
{
	char quoted[80];
	size_t k, n;

	while (len > 0) {
		const char *comma = memchr(s, ',', len);
		const char *word = s;

		n = comma ? (size_t)(comma - s) : len;
		s += comma ? n + 1 : n;
		len -= comma ? n + 1 : n;
		content_trim(&word, &n);
		for (k = 0; k < sizeof(form_names) / sizeof(form_names[0]); k++)
			if (strlen(form_names[k].name) == n &&
			    memcmp(form_names[k].name, word, n) == 0)
				break;
		if (k == sizeof(form_names) / sizeof(form_names[0])) {
			content_quote(word, n, quoted, sizeof(quoted));
			return content_fail(err, line, "forme inconnue " LQ "%s"
					    RQ SC " écrivez décimal, fraction"
					    " ou mixte, séparés par des"
					    " virgules", quoted);
		}
		*forms |= form_names[k].form;
	}
	return 0;
}

int numeric_forms_parse(const struct src_line *l, struct question *q,
			struct content_error *err)
{
	const char *value = l->text + 1, *open = memrchr(l->text, '[', l->len);
	const char *close = memrchr(l->text, ']', l->len);
	size_t len = (size_t)(open - value);
	struct answer_rational r;
	unsigned form;
	char quoted[80];

	q->kind = QUESTION_NUMERIC;
	if (read_forms(open + 1, (size_t)(close - open - 1), l->number,
		       &q->forms, err) < 0)
		return -1;
	if (q->forms == 0)
		return content_fail(err, l->number, "aucune forme entre les"
				    " crochets" SC " écrivez par exemple "
				    LQ "[fraction]" RQ);
	content_trim(&value, &len);
	content_quote(value, len, quoted, sizeof(quoted));
	if (memmem(value, len, "\xc2\xb1", 2) || memmem(value, len, "+/-", 3))
		return content_fail(err, l->number, "une tolérance ne se"
				    " combine pas avec des formes" SC
				    " enlevez l’une des deux");
	if (answer_parse_rational(value, len, &r, &form, NULL) !=
	    ANSWER_NUMBER_OK)
		return content_fail(err, l->number, "nombre illisible " LQ "%s"
				    RQ SC " écrivez par exemple 0,75, 3/4 ou"
				    " 1 1/2", quoted);
	if (!(form & q->forms))
		return content_fail(err, l->number, "la réponse " LQ "%s" RQ
				    " n’est pas écrite sous une des formes"
				    " demandées entre les crochets", quoted);
	q->answer_text = strndup(value, len);
	q->value = (double)r.num / (double)r.den;
	return q->answer_text ? 0 : content_fail(err, l->number, "mémoire"
						 " insuffisante");
}
