/* The fields of the short-answer, analysis, matching, ordering and sorting
 * questions; see web/activity_block.h. */
#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "web/activity_block.h"
#include "web/page.h"

/* Ids and names of one question's fields. */
struct field_ids {
	char id[96];   /* "<activity>-q<i>", prefix of every element id */
	char name[32]; /* "q<i>" */
};

static void ids_init(struct field_ids *f, const struct activity *a, size_t i)
{
	snprintf(f->id, sizeof(f->id), "%s-q%zu", a->id, i);
	snprintf(f->name, sizeof(f->name), "q%zu", i);
}

static const char *slot_value(const struct form *values, const char *name, size_t k)
{
	char field[64];

	snprintf(field, sizeof(field), "%se%zu", name, k);
	return values ? form_get(values, field) : NULL;
}

/* The hint under the prompt, and the message of an answer to rewrite; both
 * are named by the fields' aria-describedby. */
static void hint_and_error(struct request *r, const struct field_ids *f, const char *hint,
			   const struct question_result *result)
{
	buf_html(&r->out, "<p class=\"hint\" id=\"%s-aide\">%s</p>", f->id, hint);
	if (result && result->verdict == VERDICT_INVALID && result->message)
		buf_html(&r->out, "<p class=\"field-error\" id=\"%s-erreur\">%s</p>", f->id, result->message);
}

static void described_by(struct request *r, const struct field_ids *f, const struct question_result *result)
{
	bool error = result && result->verdict == VERDICT_INVALID && result->message;

	buf_html(&r->out, " aria-describedby=\"%s-aide%S%s%S\"%S", f->id, error ? " " : "", error ? f->id : "",
		 error ? "-erreur" : "", error ? " aria-invalid=\"true\"" : "");
}

/* ---- short answer ---- */

static void render_short(struct request *r, const struct question *q, const struct field_ids *f,
			 const struct form *values, const struct question_result *result)
{
	const char *value = values ? form_get(values, f->name) : NULL;
	char hint[160];

	snprintf(hint, sizeof(hint), _("Un mot ou un groupe de mots, %d caractères au plus."), q->short_answer.max_chars);
	buf_html(&r->out, "<div class=\"field short-answer\"><label for=\"%s\">%s</label>", f->id, _("Ta réponse"));
	hint_and_error(r, f, hint, result);
	buf_html(&r->out, "<input id=\"%s\" name=\"%s\" autocomplete=\"off\" spellcheck=\"false\" maxlength=\"%d\" value=\"%s\"",
		 f->id, f->name, q->short_answer.max_chars, value ? value : "");
	described_by(r, f, result);
	buf_adds(&r->out, "></div>");
}

/* ---- text analysis ---- */

static bool index_sent(const struct form *values, const char *name, size_t k)
{
	const char *sent[BLOCK_MAX_UNITS + 1];
	char index[24];
	size_t n, j;

	if (!values)
		return false;
	n = form_get_all(values, name, sent, BLOCK_MAX_UNITS + 1);
	snprintf(index, sizeof(index), "%zu", k);
	for (j = 0; j < n && j <= BLOCK_MAX_UNITS; j++)
		if (strcmp(sent[j], index) == 0)
			return true;
	return false;
}

static void render_analysis(struct request *r, const struct question *q, const struct field_ids *f,
			    const struct form *values, const struct question_result *result)
{
	size_t k;

	hint_and_error(r, f, _("Coche chaque mot ou groupe de mots demandé. Coche de nouveau pour l'enlever."), result);
	buf_html(&r->out, "<div class=\"analysis\" role=\"group\" aria-labelledby=\"%s-texte\" data-analysis><span class=\"sr-only\" id=\"%s-texte\">%s</span><p>",
		 f->id, f->id, _("Texte à analyser"));
	for (k = 0; k < q->analysis.unit_count; k++) {
		const struct text_unit *u = &q->analysis.units[k];

		if (u->paragraph)
			buf_adds(&r->out, "</p><p>");
		if (!u->selectable) {
			buf_html(&r->out, "%s", u->text);
			continue;
		}
		buf_html(&r->out, "<label class=\"unit\"><input type=\"checkbox\" name=\"%s\" value=\"%zu\" aria-describedby=\"%s-aide\"%S><span>%s</span></label>",
			 f->name, k, f->id, index_sent(values, f->name, k) ? " checked" : "", u->text);
	}
	buf_adds(&r->out, "</p></div>");
}

/* ---- matching and sorting: one select box per item ---- */

/* The choices of a select box: labels[map[k]] for k < count, or
 * labels[k] when map is NULL. */
struct select_options {
	char *const *labels;
	const size_t *map;
	size_t count;
};

static void render_select(struct request *r, const struct field_ids *f, size_t slot, const char *label,
			  const struct select_options *o, const struct form *values, const struct question_result *result)
{
	const char *value = slot_value(values, f->name, slot);
	char index[24];
	size_t k;

	buf_html(&r->out, "<li class=\"select-item\"><label for=\"%s-e%zu\">%s</label> <select id=\"%s-e%zu\" name=\"%se%zu\"",
		 f->id, slot, label, f->id, slot, f->name, slot);
	described_by(r, f, result);
	buf_html(&r->out, "><option value=\"\">%s</option>", _("… à choisir"));
	for (k = 0; k < o->count; k++) {
		snprintf(index, sizeof(index), "%zu", k);
		buf_html(&r->out, "<option value=\"%s\"%S>%s</option>", index,
			 value && strcmp(value, index) == 0 ? " selected" : "", o->labels[o->map ? o->map[k] : k]);
	}
	buf_adds(&r->out, "</select></li>");
}

static void render_match(struct request *r, const struct question *q, const struct field_ids *f,
			 const struct form *values, const struct question_result *result)
{
	const struct item_set *it = &q->items;
	struct select_options o = { it->right, it->display_order, it->right_count };
	size_t k;

	hint_and_error(r, f, _("Pour chaque élément de gauche, choisis l'élément qui va avec."), result);
	buf_html(&r->out, "<ul class=\"match\" data-match=\"%s\">", f->id);
	for (k = 0; k < it->left_count; k++)
		render_select(r, f, k, it->left[k], &o, values, result);
	buf_adds(&r->out, "</ul>");
}

/* ---- ordering ---- */

static void render_order(struct request *r, const struct question *q, const struct field_ids *f,
			 const struct form *values, const struct question_result *result)
{
	const struct item_set *it = &q->items;
	char hint[200];
	size_t d;

	snprintf(hint, sizeof(hint), _("Écris le rang de chaque élément : 1 pour le premier, jusqu'à %zu pour le dernier."),
		 it->right_count);
	hint_and_error(r, f, hint, result);
	buf_html(&r->out, "<ol class=\"order\" data-order=\"%s\">", f->id);
	for (d = 0; d < it->right_count; d++) {
		const char *value = slot_value(values, f->name, d);

		buf_html(&r->out, "<li class=\"order-item\"><span class=\"order-text\" id=\"%s-t%zu\">%s</span> "
				  "<label class=\"order-rank\"><span class=\"sr-only\">%s</span><input type=\"number\" inputmode=\"numeric\" min=\"1\" max=\"%zu\" "
				  "size=\"2\" id=\"%s-e%zu\" name=\"%se%zu\" value=\"%s\" aria-labelledby=\"%s-t%zu %s-r\"",
			 f->id, d, it->right[it->display_order[d]], _("Rang"), it->right_count, f->id, d, f->name, d, value ? value : "",
			 f->id, d, f->id);
		described_by(r, f, result);
		buf_adds(&r->out, "></label></li>");
	}
	buf_html(&r->out, "</ol><span class=\"sr-only\" id=\"%s-r\">%s</span>", f->id, _("rang"));
}

/* ---- sorting ---- */

static void render_sort(struct request *r, const struct question *q, const struct field_ids *f,
			const struct form *values, const struct question_result *result)
{
	const struct item_set *it = &q->items;
	struct select_options o = { it->left, NULL, it->left_count };
	size_t d, c;

	hint_and_error(r, f, _("Choisis la catégorie de chaque élément."), result);
	buf_html(&r->out, "<div class=\"sort\" data-sort=\"%s\"><ul class=\"sort-items\">", f->id);
	for (d = 0; d < it->right_count; d++)
		render_select(r, f, d, it->right[it->display_order[d]], &o, values, result);
	buf_adds(&r->out, "</ul><ul class=\"sort-categories\" hidden>");
	for (c = 0; c < it->left_count; c++)
		buf_html(&r->out, "<li data-category=\"%zu\">%s</li>", c, it->left[c]);
	buf_adds(&r->out, "</ul></div>");
}

void activity_block_render(struct request *r, const struct activity *a, size_t i, const struct form *values,
			   const struct question_result *result)
{
	const struct question *q = &a->questions[i];
	struct field_ids f;

	ids_init(&f, a, i);
	if (q->kind == QUESTION_SHORT)
		render_short(r, q, &f, values, result);
	else if (q->kind == QUESTION_ANALYSIS)
		render_analysis(r, q, &f, values, result);
	else if (q->kind == QUESTION_MATCH)
		render_match(r, q, &f, values, result);
	else if (q->kind == QUESTION_ORDER)
		render_order(r, q, &f, values, result);
	else if (q->kind == QUESTION_SORT)
		render_sort(r, q, &f, values, result);
}
