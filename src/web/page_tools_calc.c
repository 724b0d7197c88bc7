/* The calculator (GET /outils/calculatrice) and the written operations
 * (GET /outils/operation). Both work without JavaScript: the keypad keys
 * are submit buttons, and each step of an operation is a link. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools/calc.h"
#include "tools/written_op.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/listen.h"
#include "web/tools_form.h"
#include "web/widgets.h"

/* ---- calculator ---- */

/* The keys, in keypad order; the value is what a key appends. */
static const struct {
	const char *label, *value, *name;
} keys[] = {
	{ "7", "7", NULL }, { "8", "8", NULL }, { "9", "9", NULL }, { "÷", " ÷ ", "divisé par" },
	{ "4", "4", NULL }, { "5", "5", NULL }, { "6", "6", NULL }, { "×", " × ", "multiplié par" },
	{ "1", "1", NULL }, { "2", "2", NULL }, { "3", "3", NULL }, { "−", " − ", "moins" },
	{ "0", "0", NULL }, { ",", ",", "virgule" }, { "(", "(", "parenthèse ouvrante" }, { "+", " + ", "plus" },
	{ ")", ")", "parenthèse fermante" }, { "C", "C", "tout effacer" }, { "⌫", "⌫", "effacer le dernier signe" },
};

/* Apply the key `key` to `expr` (at most CALC_MAX_BYTES). Returns false
 * when the key is unknown. */
static bool key_apply(const char *key, char *expr, size_t size)
{
	size_t i, len = strlen(expr);

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(key, keys[i].value) == 0)
			break;
	if (i == sizeof(keys) / sizeof(keys[0]))
		return false;
	if (strcmp(key, "C") == 0) {
		expr[0] = '\0';
	} else if (strcmp(key, "⌫") == 0) {
		while (len > 0 && expr[len - 1] == ' ')
			len--;
		while (len > 0 && ((unsigned char)expr[len - 1] & 0xc0) == 0x80)
			len--;
		if (len > 0)
			len--;
		while (len > 0 && expr[len - 1] == ' ')
			len--;
		expr[len] = '\0';
	} else if (len + strlen(key) < size) {
		memcpy(expr + len, key, strlen(key) + 1);
	}
	return true;
}

static void keypad(struct request *r)
{
	size_t i;

	buf_html(&r->out, "<div class=\"keypad\" role=\"group\" aria-label=\"%s\">", _("Touches de la calculatrice"));
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (keys[i].name)
			buf_html(&r->out, "<button class=\"btn key\" type=\"submit\" name=\"touche\" value=\"%s\" aria-label=\"%s\">%s</button>",
				 keys[i].value, keys[i].name, keys[i].label);
		else
			buf_html(&r->out, "<button class=\"btn key\" type=\"submit\" name=\"touche\" value=\"%s\">%s</button>",
				 keys[i].value, keys[i].label);
	}
	buf_adds(&r->out, "</div>");
}

static void calculator_form(struct request *r, const char *expr, const char *error)
{
	buf_html(&r->out, "<form class=\"card calculator\" method=\"get\" action=\"/outils/calculatrice\">"
			  "<div class=\"field\"><label for=\"calcul\">%s</label><p class=\"hint\" id=\"calcul-aide\">%s</p>",
		 _("Le calcul"), _("Avec + − × ÷, des parenthèses et la virgule : 3,5 × (2 + 4)"));
	if (error)
		buf_html(&r->out, "<p class=\"field-error\" id=\"calcul-erreur\">%s</p>", error);
	/* The "=" button comes first, so Enter in the box calculates. */
	buf_html(&r->out, "<input id=\"calcul\" name=\"calcul\" class=\"calc-display\" maxlength=\"%d\" autocomplete=\"off\" inputmode=\"decimal\""
			  " value=\"%s\" aria-describedby=\"calcul-aide%S\"%S></div>"
			  "<div class=\"form-actions\"><button class=\"btn btn-primary key-equals\" type=\"submit\" name=\"touche\" value=\"=\">= %s</button></div>",
		 CALC_MAX_BYTES, expr, error ? " calcul-erreur" : "", error ? " aria-invalid=\"true\"" : "", _("Calculer"));
	keypad(r);
	buf_adds(&r->out, "</form>");
}

int page_tools_calculator(struct request *r)
{
	const char *typed = form_get(&r->query, "calcul"), *key = form_get(&r->query, "touche");
	char expr[CALC_MAX_BYTES * 2 + 1] = "", err[256], value[64];
	struct calc_value v;
	bool exact, evaluate = !key || strcmp(key, "=") == 0;
	int status = 200;

	if (typed && strlen(typed) >= sizeof(expr))
		return page_error(r, 400, _("Le calcul est trop long : 200 caractères au plus. Coupe-le en plusieurs calculs."));
	if (typed)
		snprintf(expr, sizeof(expr), "%s", typed);
	if (key && !evaluate && !key_apply(key, expr, sizeof(expr)))
		return page_error(r, 400, _("Cette touche n'existe pas sur la calculatrice. Recharge la page puis recommence."));
	tools_page_begin(r, _("Calculatrice"), _("Écris un calcul ou utilise les touches, puis appuie sur « = Calculer »."));
	if (evaluate && typed) {
		if (calc_eval(expr, strlen(expr), &v, err, sizeof(err)) < 0) {
			calculator_form(r, expr, err);
			status = 400;
		} else {
			calc_format(v, value, sizeof(value), &exact);
			buf_html(&r->out, "<p class=\"calc-result\" role=\"status\">%s %S <strong>%s</strong></p>", expr, exact ? "=" : "≈", value);
			if (!exact)
				buf_html(&r->out, "<p class=\"muted\">%s</p>", _("La division ne tombe pas juste : le résultat est arrondi à 6 chiffres après la virgule."));
			calculator_form(r, expr, NULL);
		}
	} else {
		calculator_form(r, expr, NULL);
	}
	page_end(r);
	return status;
}

/* ---- written operations ---- */

static const char *const op_names[] = { "addition", "soustraction", "multiplication", "division", "division-decimale" };
static const char *const op_labels[] = { "Addition (+)", "Soustraction (−)", "Multiplication (×)", "Division (÷) avec un reste",
					 "Division (÷) qui continue après la virgule" };

static void operation_form(struct request *r, const char *a, const char *b, int kind, const char *error)
{
	size_t i;

	buf_adds(&r->out, "<form class=\"card operation-form\" method=\"get\" action=\"/outils/operation\">");
	if (error)
		widget_flash(r, "error", error);
	buf_html(&r->out, "<div class=\"field\"><label for=\"a\">%s</label><input id=\"a\" name=\"a\" inputmode=\"decimal\" maxlength=\"20\" autocomplete=\"off\" value=\"%s\"></div>",
		 _("Premier nombre"), a ? a : "");
	buf_html(&r->out, "<div class=\"field\"><label for=\"op\">%s</label><select id=\"op\" name=\"op\">", _("Opération"));
	for (i = 0; i < sizeof(op_names) / sizeof(op_names[0]); i++)
		buf_html(&r->out, "<option value=\"%s\"%S>%s</option>", op_names[i], (int)i == kind ? " selected" : "", op_labels[i]);
	buf_html(&r->out, "</select></div><div class=\"field\"><label for=\"b\">%s</label><input id=\"b\" name=\"b\" inputmode=\"decimal\" maxlength=\"20\" autocomplete=\"off\" value=\"%s\"></div>"
			  "<div class=\"form-actions\"><button class=\"btn btn-primary\" type=\"submit\">%s</button></div></form>",
		 _("Deuxième nombre"), b ? b : "", _("Poser l'opération"));
}

static void grid_render(struct request *r, const struct written_op *op, int step)
{
	int row, col;

	buf_html(&r->out, "<div class=\"table-wrap\"><table class=\"op-grid\" aria-describedby=\"etapes\"><caption class=\"sr-only\">%s</caption>",
		 _("L'opération posée"));
	for (row = 0; row < op->rows; row++) {
		buf_adds(&r->out, "<tr>");
		for (col = 0; col < op->cols; col++) {
			const struct op_cell *c = &op->cells[row][col];
			bool shown = c->step <= step;

			buf_html(&r->out, "<td class=\"%S%S%S%S%S\">%s</td>", c->flags & CELL_CARRY ? " op-carry" : "",
				 shown && (c->flags & CELL_RESULT) ? " op-result" : "", shown && (c->flags & CELL_UNDERLINE) ? " op-line" : "",
				 c->flags & CELL_BAR ? " op-bar" : "", shown && c->step == step && step > 0 && c->text[0] ? " op-new" : "",
				 shown ? c->text : "");
		}
		buf_adds(&r->out, "</tr>");
	}
	buf_adds(&r->out, "</table></div>");
}

static void step_links(struct request *r, const char *a, const char *b, int kind, int step, int last)
{
	buf_adds(&r->out, "<p class=\"form-actions\">");
	if (step > 0)
		buf_html(&r->out, "<a class=\"btn\" href=\"/outils/operation?a=%U&amp;b=%U&amp;op=%U&amp;etape=%d\">%s</a> ", a, b,
			 op_names[kind], step - 1, _("← Étape précédente"));
	if (step < last)
		buf_html(&r->out, "<a class=\"btn btn-primary\" href=\"/outils/operation?a=%U&amp;b=%U&amp;op=%U&amp;etape=%d\">%s</a> "
				  "<a class=\"btn\" href=\"/outils/operation?a=%U&amp;b=%U&amp;op=%U&amp;etape=%d\">%s</a>",
			 a, b, op_names[kind], step + 1, _("Étape suivante →"), a, b, op_names[kind], last, _("Voir tout"));
	buf_adds(&r->out, "</p>");
}

static void operation_render(struct request *r, const struct written_op *op, const char *a, const char *b, int kind, int step)
{
	int i;

	buf_html(&r->out, "<section class=\"card operation\"><h2>%s %d / %d</h2>", _("Étape"), step + 1, op->step_count);
	grid_render(r, op, step);
	buf_html(&r->out, "<p class=\"op-sentence\" role=\"status\">%s</p>", op->steps[step]);
	listen_operation(r, a, b, op_names[kind], step);
	step_links(r, a, b, kind, step, op->step_count - 1);
	buf_html(&r->out, "<h3>%s</h3><ol id=\"etapes\" class=\"op-steps\">", _("Les étapes jusqu'ici"));
	for (i = 0; i <= step; i++)
		buf_html(&r->out, "<li%S>%s</li>", i == step ? " class=\"op-current\"" : "", op->steps[i]);
	buf_adds(&r->out, "</ol></section>");
}

/* The step asked for: 0 when absent; -1 when not a number. Steps past the
 * end show the last one. */
static int step_param(struct request *r, int last)
{
	const char *text = form_get(&r->query, "etape");
	char *end;
	long step;

	if (!text || !*text)
		return 0;
	step = strtol(text, &end, 10);
	if (*end || step < 0)
		return -1;
	return step > last ? last : (int)step;
}

int page_tools_operation(struct request *r)
{
	const char *a = form_get(&r->query, "a"), *b = form_get(&r->query, "b"), *name = form_get(&r->query, "op");
	int kind = name ? written_op_kind_parse(name) : 0, step, status = 200;
	struct written_op *op;
	char err[256];

	if (kind < 0)
		return page_error(r, 400, _("Cette opération n'existe pas : choisis l'addition, la soustraction, la multiplication ou la division."));
	tools_page_begin(r, _("Opération posée"), _("Écris deux nombres et choisis l'opération : l'outil la pose comme à l'école et l'explique étape par étape."));
	if (!a || !b || (!*a && !*b)) {
		operation_form(r, a, b, kind, NULL);
		page_end(r);
		return 200;
	}
	op = malloc(sizeof(*op));
	if (!op)
		return page_error(r, 500, _("Le serveur manque de mémoire."));
	if (written_op_build((enum op_kind)kind, a, b, op, err, sizeof(err)) < 0) {
		operation_form(r, a, b, kind, err);
		status = 400;
	} else if ((step = step_param(r, op->step_count - 1)) < 0) {
		operation_form(r, a, b, kind, _("Le numéro d'étape doit être un nombre entier, comme 0, 1 ou 2."));
		status = 400;
	} else {
		operation_form(r, a, b, kind, NULL);
		operation_render(r, op, a, b, kind, step);
	}
	free(op);
	page_end(r);
	return status;
}
