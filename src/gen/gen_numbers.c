/* The mathematics generators: mental arithmetic, written operations,
 * fractions, conversions, place value, comparing and ordering. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen/gen_internal.h"

#define HTML_MAX 1024

static long long power10(int n)
{
	long long p = 1;

	while (n-- > 0)
		p *= 10;
	return p;
}

/* Ask for the result of "a op b" computed as `result`, with the decimals
 * of each; `explain` adds a link to the written operation. */
static int ask_operation(struct gen_ctx *g, const char *intro, long long a, int da, const char *op, long long b, int db,
			 long long result, int dr, const char *op_name)
{
	char ta[48], tb[48], tr[48], pa[48], pb[48], prompt[HTML_MAX], explain[HTML_MAX];
	struct buf p = BUF_INIT(HTML_MAX), e = BUF_INIT(HTML_MAX);
	int rc;

	gen_decimal_text(a, da, ta, sizeof(ta));
	gen_decimal_text(b, db, tb, sizeof(tb));
	gen_decimal_text(result, dr, tr, sizeof(tr));
	gen_number_text(a, da, pa, sizeof(pa));
	gen_number_text(b, db, pb, sizeof(pb));
	buf_html(&p, "<p>%s <strong>%s %s %s</strong></p>", intro, pa, op, pb);
	buf_html(&e, "<p>%s %s %s = %s.", pa, op, pb, tr);
	if (op_name)
		buf_html(&e, " <a href=\"/outils/operation?a=%U&amp;b=%U&amp;op=%U&amp;etape=99\">%s</a>", ta, tb, op_name,
			 "Voir l'opération posée");
	buf_adds(&e, "</p>");
	snprintf(prompt, sizeof(prompt), "%s", buf_cstr(&p));
	snprintf(explain, sizeof(explain), "%s", buf_cstr(&e));
	buf_release(&p);
	buf_release(&e);
	rc = gen_numeric(g, prompt, tr, NULL, explain);
	return rc;
}

/* ---- mental arithmetic ---- */

static int mental_add(struct gen_ctx *g)
{
	static const long long lo[] = { 1, 10, 100 }, hi[] = { 20, 99, 999 }, lo2[] = { 1, 10, 10 }, hi2[] = { 10, 99, 99 };
	int d = g->difficulty - 1;
	long long a = rng_range(&g->rng, lo[d], hi[d]), b = rng_range(&g->rng, lo2[d], hi2[d]);

	return ask_operation(g, "Calcule de tête :", a, 0, "+", b, 0, a + b, 0, NULL);
}

static int mental_subtract(struct gen_ctx *g)
{
	static const long long lo[] = { 10, 20, 100 }, hi[] = { 20, 99, 999 };
	int d = g->difficulty - 1;
	long long a = rng_range(&g->rng, lo[d], hi[d]), b = rng_range(&g->rng, d ? 10 : 1, d == 2 ? 99 : a);

	if (b > a)
		b = a;
	return ask_operation(g, "Calcule de tête :", a, 0, "−", b, 0, a - b, 0, NULL);
}

static int mental_multiply(struct gen_ctx *g, bool tables_only)
{
	static const long long lo[] = { 2, 2, 2 }, hi[] = { 5, 9, 9 };
	int d = g->difficulty - 1;
	long long a, b;

	if (d == 2 && !tables_only && rng_range(&g->rng, 0, 1)) {
		a = rng_range(&g->rng, 12, 99);
		b = rng_range(&g->rng, 0, 2) == 0 ? 10 : rng_range(&g->rng, 2, 9);
	} else {
		a = rng_range(&g->rng, tables_only && d == 1 ? 6 : lo[d], hi[d]);
		b = rng_range(&g->rng, 1, d == 2 ? 12 : 10);
	}
	return ask_operation(g, "Calcule de tête :", a, 0, "×", b, 0, a * b, 0, NULL);
}

int gen_mental(struct gen_ctx *g, int index)
{
	const char *v = g->variant;
	int pick = strcmp(v, "mixte") == 0 ? (int)rng_range(&g->rng, 0, 2) : -1;

	if (strcmp(v, "addition") == 0 || pick == 0)
		return mental_add(g);
	if (strcmp(v, "soustraction") == 0 || pick == 1)
		return mental_subtract(g);
	return mental_multiply(g, strcmp(v, "tables") == 0);
}

/* ---- written operations ---- */

int gen_operation(struct gen_ctx *g, int index)
{
	static const int digits[] = { 3, 4, 5 };
	int d = g->difficulty - 1, dec = strcmp(g->variant, "decimaux") == 0 ? (int)rng_range(&g->rng, 1, 2) : 0;
	long long top = power10(digits[d]) - 1, a, b, q;

	switch (index % 4) {
	case 0:
		a = rng_range(&g->rng, power10(digits[d] - 1), top);
		b = rng_range(&g->rng, power10(digits[d] - 2), top);
		return ask_operation(g, "Pose et calcule :", a, dec, "+", b, dec, a + b, dec, "addition");
	case 1:
		a = rng_range(&g->rng, power10(digits[d] - 1), top);
		b = rng_range(&g->rng, power10(digits[d] - 2), a);
		return ask_operation(g, "Pose et calcule :", a, dec, "−", b, dec, a - b, dec, "soustraction");
	case 2:
		a = rng_range(&g->rng, 100, d ? 9999 : 999);
		b = rng_range(&g->rng, 2, power10(d + 1) - 1); /* 1, 2 or 3 digits */
		return ask_operation(g, "Pose et calcule :", a, dec, "×", b, 0, a * b, dec, "multiplication");
	default:
		/* An exact division: the quotient is drawn first. */
		b = rng_range(&g->rng, 2, d == 2 ? 25 : 9);
		q = rng_range(&g->rng, d ? 100 : 10, d ? 999 : 99);
		return ask_operation(g, "Pose et calcule :", q * b, dec, "÷", b, 0, q, dec, dec ? NULL : "division");
	}
}

/* ---- fractions ---- */

static int fraction_of(struct gen_ctx *g)
{
	long long den = rng_range(&g->rng, 2, g->difficulty == 1 ? 5 : 10), num = rng_range(&g->rng, 1, den - 1);
	long long whole = den * rng_range(&g->rng, 1, g->difficulty == 3 ? 20 : 10);
	char prompt[HTML_MAX], explain[HTML_MAX], answer[32];

	snprintf(prompt, sizeof(prompt), "<p>Calcule <strong>%lld/%lld de %lld</strong>.</p>", num, den, whole);
	snprintf(explain, sizeof(explain), "<p>%lld ÷ %lld = %lld, puis %lld × %lld = %lld.</p>", whole, den, whole / den,
		 whole / den, num, whole / den * num);
	snprintf(answer, sizeof(answer), "%lld", whole / den * num);
	return gen_numeric(g, prompt, answer, NULL, explain);
}

static int fraction_decimal(struct gen_ctx *g)
{
	static const long long halves[][2] = { { 1, 2 }, { 1, 4 }, { 3, 4 }, { 1, 5 }, { 2, 5 }, { 3, 5 }, { 4, 5 } };
	char prompt[HTML_MAX], explain[HTML_MAX], answer[32];
	long long num, den;
	int decimals;

	if (g->difficulty == 3 && rng_range(&g->rng, 0, 1)) {
		size_t i = rng_index(&g->rng, sizeof(halves) / sizeof(halves[0]));

		num = halves[i][0];
		den = halves[i][1];
		decimals = 2;
		gen_decimal_text(num * 100 / den, 2, answer, sizeof(answer));
	} else {
		decimals = (int)rng_range(&g->rng, 1, g->difficulty);
		den = power10(decimals);
		num = rng_range(&g->rng, 1, den * (g->difficulty == 1 ? 1 : 3) - 1);
		gen_decimal_text(num, decimals, answer, sizeof(answer));
	}
	snprintf(prompt, sizeof(prompt), "<p>Écris <strong>%lld/%lld</strong> sous la forme d'un nombre décimal.</p>", num, den);
	snprintf(explain, sizeof(explain), "<p>%lld/%lld = %s.</p>", num, den, answer);
	(void)decimals;
	return gen_numeric(g, prompt, answer, NULL, explain);
}

static int fraction_sum(struct gen_ctx *g)
{
	long long den = rng_range(&g->rng, 3, g->difficulty == 1 ? 6 : 12), a = rng_range(&g->rng, 1, den - 1);
	long long b = rng_range(&g->rng, 1, den - 1);
	char prompt[HTML_MAX], explain[HTML_MAX], answer[32];

	snprintf(prompt, sizeof(prompt), "<p>Complète : <strong>%lld/%lld + %lld/%lld = …/%lld</strong>. Écris le numérateur.</p>",
		 a, den, b, den, den);
	snprintf(explain, sizeof(explain), "<p>Les dénominateurs sont les mêmes : on ajoute les numérateurs, %lld + %lld = %lld. Donc %lld/%lld.</p>",
		 a, b, a + b, a + b, den);
	snprintf(answer, sizeof(answer), "%lld", a + b);
	return gen_numeric(g, prompt, answer, NULL, explain);
}

int gen_fraction(struct gen_ctx *g, int index)
{
	const char *v = g->variant;
	int pick = strcmp(v, "mixte") == 0 ? index % 3 : -1;

	if (strcmp(v, "partage") == 0 || pick == 0)
		return fraction_of(g);
	if (strcmp(v, "decimal") == 0 || pick == 1)
		return fraction_decimal(g);
	return fraction_sum(g);
}

/* ---- conversions ---- */

static int convert_metric(struct gen_ctx *g, const char *const *units, int count)
{
	/* Difficulty 1 converts to a smaller unit only, so `from` leaves room. */
	int from = (int)rng_range(&g->rng, 0, count - (g->difficulty == 1 ? 2 : 1)), to;
	int dv = g->difficulty == 3 ? (int)rng_range(&g->rng, 1, 2) : 0;
	long long v = rng_range(&g->rng, 1, g->difficulty == 1 ? 99 : 999), result;
	char prompt[HTML_MAX], explain[HTML_MAX], tv[48], tr[48];
	int shift, decimals;

	do
		to = (int)rng_range(&g->rng, g->difficulty == 1 ? from + 1 : 0, count - 1);
	while (to == from || to - from > 3 || from - to > 3);
	shift = to - from; /* units go from large to small: each step is ×10 */
	if (shift >= dv) {
		result = v * power10(shift - dv);
		decimals = 0;
	} else {
		result = v;
		decimals = dv - shift;
	}
	gen_number_text(v, dv, tv, sizeof(tv));
	gen_decimal_text(result, decimals, tr, sizeof(tr));
	snprintf(prompt, sizeof(prompt), "<p>Convertis : <strong>%s %s = … %s</strong></p>", tv, units[from], units[to]);
	snprintf(explain, sizeof(explain), "<p>De %s à %s, on %s par %lld : %s %s = %s %s.</p>", units[from], units[to],
		 shift > 0 ? "multiplie" : "divise", power10(shift > 0 ? shift : -shift), tv, units[from], tr, units[to]);
	return gen_numeric(g, prompt, tr, units[to], explain);
}

static int convert_duration(struct gen_ctx *g)
{
	char prompt[HTML_MAX], explain[HTML_MAX], answer[32];
	long long h = rng_range(&g->rng, 1, 5), m = rng_range(&g->rng, 1, 59);
	const char *pieces[3];
	char first[64], second[64];
	const char *accepted[2];

	switch (g->difficulty) {
	case 1:
		snprintf(prompt, sizeof(prompt), "<p>Convertis : <strong>%lld h = … min</strong></p>", h);
		snprintf(explain, sizeof(explain), "<p>1 h = 60 min, donc %lld h = %lld × 60 min = %lld min.</p>", h, h, h * 60);
		snprintf(answer, sizeof(answer), "%lld", h * 60);
		return gen_numeric(g, prompt, answer, "min", explain);
	case 2:
		snprintf(prompt, sizeof(prompt), "<p>Convertis : <strong>%lld h %lld min = … min</strong></p>", h, m);
		snprintf(explain, sizeof(explain), "<p>%lld h = %lld min, et %lld min + %lld min = %lld min.</p>", h, h * 60, h * 60, m, h * 60 + m);
		snprintf(answer, sizeof(answer), "%lld", h * 60 + m);
		return gen_numeric(g, prompt, answer, "min", explain);
	default:
		snprintf(prompt, sizeof(prompt), "<p>Convertis <strong>%lld min</strong> en heures et minutes.</p>", h * 60 + m);
		snprintf(explain, sizeof(explain), "<p>Dans %lld min, il y a %lld fois 60 min, soit %lld h, et il reste %lld min.</p>", h * 60 + m,
			 h, h, m);
		snprintf(first, sizeof(first), "%lld", h);
		snprintf(second, sizeof(second), "%lld", m);
		pieces[0] = "";
		pieces[1] = " h ";
		pieces[2] = " min";
		accepted[0] = first;
		accepted[1] = second;
		return gen_cloze(g, prompt, pieces, accepted, 2, NULL, explain);
	}
}

int gen_conversion(struct gen_ctx *g, int index)
{
	static const char *const lengths[] = { "km", "hm", "dam", "m", "dm", "cm", "mm" };
	static const char *const masses[] = { "kg", "hg", "dag", "g", "dg", "cg", "mg" };
	static const char *const capacities[] = { "hL", "daL", "L", "dL", "cL", "mL" };

	if (strcmp(g->variant, "masses") == 0)
		return convert_metric(g, masses, 7);
	if (strcmp(g->variant, "contenances") == 0)
		return convert_metric(g, capacities, 6);
	if (strcmp(g->variant, "durees") == 0)
		return convert_duration(g);
	return convert_metric(g, lengths, 7);
}

/* ---- place value ---- */

static const char *const int_places[] = {
	"unités", "dizaines", "centaines", "unités de mille", "dizaines de mille", "centaines de mille",
	"unités de millions", "dizaines de millions", "centaines de millions",
};
static const char *const decimal_places[] = { "dixièmes", "centièmes", "millièmes" };

int gen_place_value(struct gen_ctx *g, int index)
{
	static const int digits[] = { 4, 6, 9 };
	int d = g->difficulty - 1, dec = strcmp(g->variant, "decimaux") == 0 ? d + 1 : 0;
	long long n = rng_range(&g->rng, power10(digits[d] - 1), power10(digits[d]) - 1);
	char text[64], prompt[HTML_MAX], explain[HTML_MAX], answer[32];
	int place;

	gen_number_text(n, dec, text, sizeof(text));
	if (dec) {
		place = (int)rng_range(&g->rng, 1, dec);
		snprintf(answer, sizeof(answer), "%lld", n / power10(dec - place) % 10);
		snprintf(prompt, sizeof(prompt), "<p>Quel est le chiffre des <strong>%s</strong> dans <strong>%s</strong> ?</p>",
			 decimal_places[place - 1], text);
	} else if (d > 0 && rng_range(&g->rng, 0, 1)) {
		place = (int)rng_range(&g->rng, 1, digits[d] - 2);
		snprintf(answer, sizeof(answer), "%lld", n / power10(place));
		snprintf(prompt, sizeof(prompt), "<p>Combien y a-t-il %s<strong>%s</strong> en tout dans <strong>%s</strong> ?</p>",
			 int_places[place][0] == 'u' ? "d'" : "de ", int_places[place], text);
	} else {
		place = (int)rng_range(&g->rng, 0, digits[d] - 1);
		snprintf(answer, sizeof(answer), "%lld", n / power10(place) % 10);
		snprintf(prompt, sizeof(prompt), "<p>Quel est le chiffre des <strong>%s</strong> dans <strong>%s</strong> ?</p>",
			 int_places[place], text);
	}
	snprintf(explain, sizeof(explain), "<p>La réponse est %s. Écris le nombre dans un tableau de numération pour voir le rang de chaque chiffre.</p>",
		 answer);
	return gen_numeric(g, prompt, answer, NULL, explain);
}

/* ---- comparing and ordering ---- */

/* A number close to `n` with the same count of digits, often made of the
 * same digits so that the comparison needs care. */
static long long near_number(struct gen_ctx *g, long long n, int digits)
{
	long long low = power10(digits - 1), x;

	do
		x = n + rng_range(&g->rng, -power10(digits - 2), power10(digits - 2));
	while (x < low || x >= power10(digits));
	return x;
}

/* Compare a / 10^da with b / 10^db exactly. */
static int compare_shown(long long a, int da, long long b, int db)
{
	long long x = a * power10(db), y = b * power10(da);

	return (x > y) - (x < y);
}

static int compare_two(struct gen_ctx *g)
{
	static const char *const menu[] = { "<", ">", "=", NULL };
	int d = g->difficulty - 1, digits = 3 + d, dec = d == 2 ? 2 : 0;
	long long a = rng_range(&g->rng, power10(digits - 1), power10(digits) - 1), b = near_number(g, a, digits);
	char ta[48], tb[48], left[96], right[96], explain[HTML_MAX];
	const char *pieces[2], *accepted[1];

	if (rng_range(&g->rng, 0, 5) == 0)
		b = a;
	if (dec && rng_range(&g->rng, 0, 1))
		b /= 10; /* 3,5 against 3,48: fewer decimals is not smaller */
	gen_number_text(a, dec, ta, sizeof(ta));
	gen_number_text(b, dec && b < power10(digits - 1) ? 1 : dec, tb, sizeof(tb));
	snprintf(left, sizeof(left), "<strong>%s</strong> ", ta);
	snprintf(right, sizeof(right), " <strong>%s</strong>", tb);
	pieces[0] = left;
	pieces[1] = right;
	accepted[0] = "=";
	if (compare_shown(a, dec, b, dec && b < power10(digits - 1) ? 1 : dec) < 0)
		accepted[0] = "<";
	else if (compare_shown(a, dec, b, dec && b < power10(digits - 1) ? 1 : dec) > 0)
		accepted[0] = ">";
	snprintf(explain, sizeof(explain), "<p>%s %s %s : compare d'abord les parties entières, puis les chiffres rang par rang, de gauche à droite.</p>",
		 ta, accepted[0], tb);
	return gen_cloze(g, "<p>Complète avec &lt;, &gt; ou =.</p>", pieces, accepted, 1, menu, explain);
}

static int long_compare(const void *x, const void *y)
{
	long long a = *(const long long *)x, b = *(const long long *)y;

	return a < b ? -1 : a > b;
}

static int order_numbers(struct gen_ctx *g)
{
	enum { COUNT_MAX = 5 };
	int d = g->difficulty - 1, count = d ? 5 : 4, digits = 3 + d, dec = d == 2 ? 2 : 0, i, j;
	long long numbers[COUNT_MAX], sorted[COUNT_MAX];
	char shown[COUNT_MAX][48], plain[COUNT_MAX][48], accepted[COUNT_MAX][100], prompt[HTML_MAX];
	const char *pieces[COUNT_MAX + 1], *answers[COUNT_MAX];
	struct buf p = BUF_INIT(HTML_MAX);

	numbers[0] = rng_range(&g->rng, power10(digits - 1), power10(digits) - 1);
	for (i = 1; i < count; i++) {
		do {
			numbers[i] = near_number(g, numbers[0], digits);
			for (j = 0; j < i && numbers[j] != numbers[i]; j++)
				;
		} while (j < i);
	}
	memcpy(sorted, numbers, sizeof(numbers));
	qsort(sorted, (size_t)count, sizeof(sorted[0]), long_compare);
	buf_adds(&p, "<p>Range ces nombres du plus petit au plus grand :");
	for (i = 0; i < count; i++) {
		gen_number_text(numbers[i], dec, shown[i], sizeof(shown[i]));
		buf_html(&p, "%S <strong>%s</strong>", i ? " ;" : "", shown[i]);
		gen_number_text(sorted[i], dec, shown[i], sizeof(shown[i]));
		gen_decimal_text(sorted[i], dec, plain[i], sizeof(plain[i]));
		/* Accept the number with or without the spaces between groups. */
		snprintf(accepted[i], sizeof(accepted[i]), "%s|%s", plain[i], shown[i]);
		answers[i] = accepted[i];
		pieces[i] = i ? " &lt; " : "";
	}
	pieces[count] = "";
	buf_adds(&p, "</p>");
	snprintf(prompt, sizeof(prompt), "%s", buf_cstr(&p));
	buf_release(&p);
	return gen_cloze(g, prompt, pieces, answers, (size_t)count, NULL, "<p>Compare les chiffres rang par rang, en commençant par la gauche.</p>");
}

int gen_comparison(struct gen_ctx *g, int index)
{
	return strcmp(g->variant, "ranger") == 0 ? order_numbers(g) : compare_two(g);
}
