/* Written operations laid out step by step, the French way. */
#include "tools/written_op.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define NUM_MAX_DIGITS (OP_MAX_DIGITS + 2)

/* A non-negative decimal number as digits, most significant first. */
struct op_num {
	int digits[NUM_MAX_DIGITS];
	int len;
	int decimals; /* digits after the comma */
};

/* Digit of place `p` (0 = last digit written), 0 beyond the number. */
static int num_digit(const struct op_num *n, int p)
{
	return p >= 0 && p < n->len ? n->digits[n->len - 1 - p] : 0;
}

static int num_parse(const char *text, struct op_num *n, int max_digits, char *err, size_t err_size)
{
	const char *s = text;
	bool comma = false;

	memset(n, 0, sizeof(*n));
	while (*s == ' ')
		s++;
	for (; *s && *s != ' '; s++) {
		if (*s >= '0' && *s <= '9' && n->len < max_digits) {
			n->digits[n->len++] = *s - '0';
			n->decimals += comma;
		} else if (*s >= '0' && *s <= '9') {
			snprintf(err, err_size, "Le nombre « %.20s » a trop de chiffres : %d au plus pour cette opération.", text, max_digits);
			return -1;
		} else if (*s == ',' && !comma && n->len > 0) {
			comma = true;
		} else {
			snprintf(err, err_size, "« %.20s » n'est pas un nombre bien écrit : écris des chiffres, avec une virgule pour un nombre décimal (par exemple 12,5).", text);
			return -1;
		}
	}
	while (*s == ' ')
		s++;
	if (n->len == 0 || *s || (comma && n->decimals == 0)) {
		snprintf(err, err_size, "« %.20s » n'est pas un nombre bien écrit : écris des chiffres, avec une virgule pour un nombre décimal (par exemple 12,5).", text);
		return -1;
	}
	/* Drop the zeros in front ("007" is 7), keeping the units digit. */
	while (n->len - n->decimals > 1 && n->digits[0] == 0) {
		memmove(n->digits, n->digits + 1, (size_t)(n->len - 1) * sizeof(int));
		n->len--;
	}
	return 0;
}

/* Add `extra` zeros after the last digit (more decimals). */
static void num_pad(struct op_num *n, int extra)
{
	while (extra-- > 0 && n->len < NUM_MAX_DIGITS) {
		n->digits[n->len++] = 0;
		n->decimals++;
	}
}

static const char *place_name(int power)
{
	static const char *const names[] = {
		"millièmes", "centièmes", "dixièmes", "unités", "dizaines", "centaines", "unités de mille",
		"dizaines de mille", "centaines de mille", "unités de millions", "dizaines de millions",
		"centaines de millions", "unités de milliards", "dizaines de milliards", "centaines de milliards",
	};

	power += 3;
	return power >= 0 && power < (int)(sizeof(names) / sizeof(names[0])) ? names[power] : "chiffres suivants";
}

static int step_add(struct written_op *op, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int step_add(struct written_op *op, const char *fmt, ...)
{
	va_list ap;

	if (op->step_count >= OP_MAX_STEPS)
		return OP_MAX_STEPS - 1;
	va_start(ap, fmt);
	vsnprintf(op->steps[op->step_count], OP_MAX_SENTENCE, fmt, ap);
	va_end(ap);
	return op->step_count++;
}

/* Append to the sentence of the last step. */
static void step_append(struct written_op *op, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void step_append(struct written_op *op, const char *fmt, ...)
{
	char *s = op->steps[op->step_count - 1];
	size_t len = strlen(s);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s + len, OP_MAX_SENTENCE - len, fmt, ap);
	va_end(ap);
}

static void cell_set(struct written_op *op, int row, int col, const char *text, unsigned flags, int step)
{
	struct op_cell *c;

	if (row < 0 || row >= OP_MAX_ROWS || col < 0 || col >= OP_MAX_COLS)
		return;
	c = &op->cells[row][col];
	snprintf(c->text, sizeof(c->text), "%s", text);
	c->flags |= flags;
	c->step = step;
	if (row >= op->rows)
		op->rows = row + 1;
}

static void cell_digit(struct written_op *op, int row, int col, int digit, bool comma, unsigned flags, int step)
{
	char text[8];

	snprintf(text, sizeof(text), "%d%s", digit, comma ? "," : "");
	cell_set(op, row, col, text, flags, step);
}

/* Write `n` on `row`, its last digit in column `last_col`. */
static void num_write(struct written_op *op, const struct op_num *n, int row, int last_col, unsigned flags, int step)
{
	int p;

	for (p = 0; p < n->len; p++)
		cell_digit(op, row, last_col - p, num_digit(n, p), n->decimals > 0 && p == n->decimals, flags, step);
}

static void row_underline(struct written_op *op, int row, int first_col, int last_col, int step)
{
	int c;

	for (c = first_col; c <= last_col; c++) {
		op->cells[row][c].flags |= CELL_UNDERLINE;
		if (!op->cells[row][c].text[0])
			op->cells[row][c].step = step;
	}
}

/* Text of a number for sentences: "1234,5". */
static void num_text(const struct op_num *n, char *out, size_t size)
{
	size_t k = 0;
	int i;

	for (i = 0; i < n->len && k + 3 < size; i++) {
		if (i == n->len - n->decimals && n->decimals)
			out[k++] = ',';
		out[k++] = (char)('0' + n->digits[i]);
	}
	out[k] = '\0';
}

/* Write value / 10^decimals in French notation ("0,625"). */
static void gen_value_text(long long value, int decimals, char *out, size_t size)
{
	long long scale = 1;
	int i;

	for (i = 0; i < decimals; i++)
		scale *= 10;
	if (decimals > 0)
		snprintf(out, size, "%lld,%0*lld", value / scale, decimals & 7, value % scale);
	else
		snprintf(out, size, "%lld", value);
}

/* ---- addition (also the sum of a multiplication's partial products) ---- */

/* Store the digits of `by_place` (place 0 first) into `n`. */
static void num_from_places(struct op_num *n, const int *by_place, int len, int decimals)
{
	int p;

	n->len = len;
	n->decimals = decimals;
	for (p = 0; p < len; p++)
		n->digits[len - 1 - p] = by_place[p];
}

/*
 * Add the `count` numbers `terms` column by column (one step each),
 * writing the result on `result_row` and the carries on `carry_row`.
 * Place p is in column cols - 1 - p; `decimals` names the places in the
 * sentences and puts the comma. The sum goes to `sum`.
 */
static void column_sums(struct written_op *op, const struct op_num *terms, int count, int decimals, int result_row,
			int carry_row, struct op_num *sum)
{
	int by_place[NUM_MAX_DIGITS + 2] = { 0 };
	int places = 0, p, i, carry = 0, len = 0;

	for (i = 0; i < count; i++)
		places = terms[i].len > places ? terms[i].len : places;
	for (p = 0; p < places; p++) {
		char expr[OP_MAX_SENTENCE / 2] = "";
		int total = carry, step, col = op->cols - 1 - p;

		if (carry)
			snprintf(expr, sizeof(expr), "%d (retenue)", carry);
		for (i = 0; i < count; i++) {
			if (p >= terms[i].len)
				continue;
			total += num_digit(&terms[i], p);
			snprintf(expr + strlen(expr), sizeof(expr) - strlen(expr), "%s%d", expr[0] ? " + " : "", num_digit(&terms[i], p));
		}
		if (p + 1 == places && total >= 10) {
			step = step_add(op, "Colonne des %s : %s = %d. C'est la dernière colonne : j'écris %d.", place_name(p - decimals),
					expr, total, total);
			cell_digit(op, result_row, col - 1, total / 10, false, CELL_RESULT, step);
			by_place[p + 1] = total / 10;
			len = p + 2;
		} else if (total >= 10) {
			step = step_add(op, "Colonne des %s : %s = %d. J'écris %d et je retiens %d.", place_name(p - decimals), expr, total,
					total % 10, total / 10);
			cell_digit(op, carry_row, col - 1, total / 10, false, CELL_CARRY, step);
		} else {
			step = step_add(op, "Colonne des %s : %s = %d. J'écris %d.", place_name(p - decimals), expr, total, total);
		}
		cell_digit(op, result_row, col, total % 10, decimals > 0 && p == decimals, CELL_RESULT, step);
		by_place[p] = total % 10;
		carry = total / 10;
		len = len > p + 1 ? len : p + 1;
	}
	num_from_places(sum, by_place, len, decimals);
}

static int build_add(struct written_op *op, struct op_num *a, struct op_num *b)
{
	int decimals = a->decimals > b->decimals ? a->decimals : b->decimals, width, step;
	struct op_num terms[2], sum;

	num_pad(a, decimals - a->decimals);
	num_pad(b, decimals - b->decimals);
	width = (a->len > b->len ? a->len : b->len) + 1;
	op->cols = width + 1;
	step = step_add(op, decimals ? "Je pose l'addition : les chiffres de même rang l'un sous l'autre, virgule sous virgule. Des zéros complètent les décimales."
				     : "Je pose l'addition : les unités sous les unités, les dizaines sous les dizaines, et ainsi de suite.");
	num_write(op, a, 1, op->cols - 1, 0, step);
	cell_set(op, 2, 0, "+", 0, step);
	num_write(op, b, 2, op->cols - 1, 0, step);
	row_underline(op, 2, 0, op->cols - 1, step);
	terms[0] = *a;
	terms[1] = *b;
	column_sums(op, terms, 2, decimals, 3, 0, &sum);
	num_text(&sum, op->result, sizeof(op->result));
	step_add(op, "Le résultat est %s.", op->result);
	return 0;
}

/* ---- subtraction ---- */

static int num_compare(const struct op_num *a, const struct op_num *b)
{
	int p, max = a->len > b->len ? a->len : b->len;

	for (p = max - 1; p >= 0; p--)
		if (num_digit(a, p) != num_digit(b, p))
			return num_digit(a, p) - num_digit(b, p);
	return 0;
}

/* The length of a - b without its zeros in front (units kept). */
static int difference_len(const struct op_num *a, const struct op_num *b, int decimals)
{
	int by_place[NUM_MAX_DIGITS] = { 0 };
	int p, borrow = 0, len = decimals + 1;

	for (p = 0; p < a->len; p++) {
		int r = num_digit(a, p) - num_digit(b, p) - borrow;

		borrow = r < 0;
		by_place[p] = r < 0 ? r + 10 : r;
		if (by_place[p])
			len = len > p + 1 ? len : p + 1;
	}
	return len;
}

/* One column of the subtraction; returns the borrow for the next one. */
static int subtract_column(struct written_op *op, const struct op_num *a, const struct op_num *b, int p, int borrow,
			   int result_len, int *digit)
{
	int t = num_digit(a, p), d = num_digit(b, p), below = d + borrow, col = op->cols - 1 - p, step;
	const char *place = place_name(p - a->decimals);
	char intro[OP_MAX_SENTENCE / 2] = "";

	if (borrow)
		snprintf(intro, sizeof(intro), "je n'oublie pas la retenue : %d + 1 = %d. ", d, below);
	if (t >= below) {
		*digit = t - below;
		step = step_add(op, "Colonne des %s : %s%d − %d = %d. ", place, intro, t, below, *digit);
	} else {
		*digit = t + 10 - below;
		step = step_add(op, "Colonne des %s : %s%d est plus petit que %d, alors j'ajoute 10 en haut (cela fait %d) et je retiens 1 en bas, dans la colonne suivante. %d − %d = %d. ",
				place, intro, t, below, t + 10, t + 10, below, *digit);
		cell_set(op, 0, col, "1", CELL_CARRY, step);
		cell_set(op, 3, col - 1, "+1", CELL_CARRY, step);
	}
	if (p < result_len) {
		step_append(op, "J'écris %d.", *digit);
		cell_digit(op, 4, col, *digit, a->decimals > 0 && p == a->decimals, CELL_RESULT, step);
	} else {
		step_append(op, "Je n'écris pas ce zéro devant le nombre.");
	}
	return t < below;
}

static int build_subtract(struct written_op *op, struct op_num *a, struct op_num *b, char *err, size_t err_size)
{
	int decimals = a->decimals > b->decimals ? a->decimals : b->decimals, step, p, borrow = 0, len;
	int by_place[NUM_MAX_DIGITS] = { 0 };
	struct op_num diff;

	num_pad(a, decimals - a->decimals);
	num_pad(b, decimals - b->decimals);
	if (num_compare(a, b) < 0) {
		snprintf(err, err_size, "Le premier nombre doit être le plus grand : on ne peut pas enlever un nombre plus grand que celui qu'on a. Échange les deux nombres.");
		return -1;
	}
	op->cols = a->len + 1;
	step = step_add(op, decimals ? "Je pose la soustraction : le plus grand nombre en haut, virgule sous virgule. Des zéros complètent les décimales."
				     : "Je pose la soustraction : le plus grand nombre en haut, les unités sous les unités.");
	num_write(op, a, 1, op->cols - 1, 0, step);
	cell_set(op, 2, 0, "−", 0, step);
	num_write(op, b, 2, op->cols - 1, 0, step);
	row_underline(op, 3, 0, op->cols - 1, step);
	len = difference_len(a, b, decimals);
	for (p = 0; p < a->len; p++)
		borrow = subtract_column(op, a, b, p, borrow, len, &by_place[p]);
	num_from_places(&diff, by_place, len, decimals);
	num_text(&diff, op->result, sizeof(op->result));
	step_add(op, "Le résultat est %s.", op->result);
	op->rows = 5;
	return 0;
}

/* ---- multiplication ---- */

/* Write the partial product of `a` by the digit of `b` at place `j`, on
 * `row`, one step per digit of `a`; returns the product. */
static void partial_product(struct written_op *op, const struct op_num *a, int digit, int j, int row, struct op_num *out)
{
	static const int powers[] = { 1, 10, 100, 1000, 10000, 100000 };
	int by_place[NUM_MAX_DIGITS + 2] = { 0 };
	int p, carry = 0, len = j, step;
	char text[32];

	num_text(a, text, sizeof(text));
	if (j == 0)
		step = step_add(op, "Je multiplie %s par le chiffre des unités, %d.", text, digit);
	else
		step = step_add(op, "Je multiplie %s par le chiffre suivant, %d. Il vaut %d fois plus : j'écris d'abord %d zéro%s à droite.",
				text, digit, powers[j], j, j > 1 ? "s" : "");
	for (p = 0; p < j; p++)
		cell_digit(op, row, op->cols - 1 - p, 0, false, 0, step);
	for (p = 0; p < a->len; p++) {
		int x = num_digit(a, p), total = x * digit + carry, col = op->cols - 1 - p - j;
		bool last = p + 1 == a->len;
		char with_carry[48] = "";

		if (carry)
			snprintf(with_carry, sizeof(with_carry), ", plus la retenue %d : %d", carry, total);
		if (last)
			step = step_add(op, "%d × %d = %d%s. C'est le dernier chiffre : j'écris %d.", digit, x, x * digit, with_carry, total);
		else if (total >= 10)
			step = step_add(op, "%d × %d = %d%s. J'écris %d et je retiens %d.", digit, x, x * digit, with_carry, total % 10,
					total / 10);
		else
			step = step_add(op, "%d × %d = %d%s. J'écris %d.", digit, x, x * digit, with_carry, total);
		cell_digit(op, row, col, total % 10, false, 0, step);
		by_place[p + j] = total % 10;
		if (last && total >= 10) {
			cell_digit(op, row, col - 1, total / 10, false, 0, step);
			by_place[p + j + 1] = total / 10;
		}
		carry = last ? 0 : total / 10;
		len = p + j + 1 + (last && total >= 10);
	}
	num_from_places(out, by_place, len, 0);
}

/* Put the comma in the product: the decimals of both factors add up. */
static void product_comma(struct written_op *op, const struct op_num *a, const struct op_num *b, struct op_num *product,
			  int row)
{
	int decimals = a->decimals + b->decimals, step, p;

	if (decimals == 0)
		return;
	step = step_add(op, "Il y a %d chiffre%s après la virgule dans les deux nombres (%d + %d) : je place la virgule pour avoir %d chiffre%s après elle.",
			decimals, decimals > 1 ? "s" : "", a->decimals, b->decimals, decimals, decimals > 1 ? "s" : "");
	while (product->len <= decimals) { /* 0,2 × 0,3 = 0,06: zeros in front */
		memmove(product->digits + 1, product->digits, (size_t)product->len * sizeof(int));
		product->digits[0] = 0;
		product->len++;
	}
	product->decimals = decimals;
	for (p = 0; p < product->len; p++)
		cell_digit(op, row, op->cols - 1 - p, num_digit(product, p), p == decimals, CELL_RESULT, step);
}

/* Remove the zeros that end the decimals of a product ("0,60" is 0,6). */
static void num_trim(struct op_num *n)
{
	while (n->decimals > 0 && n->digits[n->len - 1] == 0) {
		n->len--;
		n->decimals--;
	}
}

static int build_multiply(struct written_op *op, struct op_num *a, struct op_num *b)
{
	struct op_num partials[OP_MAX_PRODUCT_DIGITS], product, whole_a, whole_b, swap;
	int j, step, row;

	/* The number with fewer digits goes below: fewer partial products. */
	if (b->len > a->len) {
		swap = *a;
		*a = *b;
		*b = swap;
	}
	whole_a = *a;
	whole_b = *b;
	whole_a.decimals = whole_b.decimals = 0;
	op->cols = a->len + b->len + 1;
	step = step_add(op, a->decimals + b->decimals ? "Je pose la multiplication sans m'occuper des virgules : je les placerai à la fin."
						      : "Je pose la multiplication : le nombre qui a le moins de chiffres en bas, les unités sous les unités.");
	num_write(op, a, 0, op->cols - 1, 0, step);
	cell_set(op, 1, 0, "×", 0, step);
	num_write(op, b, 1, op->cols - 1, 0, step);
	row_underline(op, 1, 0, op->cols - 1, step);
	for (j = 0; j < b->len; j++)
		partial_product(op, &whole_a, num_digit(&whole_b, j), j, 2 + j, &partials[j]);
	row = 2 + b->len - 1;
	product = partials[0];
	if (b->len > 1) {
		cell_set(op, row, 0, "+", 0, op->cells[row][op->cols - 1].step);
		row_underline(op, row, 0, op->cols - 1, op->cells[row][op->cols - 1].step);
		step_add(op, "J'additionne les produits, colonne par colonne.");
		row++;
		column_sums(op, partials, b->len, 0, row, -1, &product);
	}
	for (j = 0; j < product.len; j++)
		op->cells[row][op->cols - 1 - j].flags |= CELL_RESULT;
	product_comma(op, a, b, &product, row);
	num_trim(&product);
	num_text(&product, op->result, sizeof(op->result));
	step_add(op, "Le résultat est %s.", op->result);
	op->rows = row + 1;
	return 0;
}

/* ---- long division ---- */

static long long num_value(const struct op_num *n)
{
	long long v = 0;
	int i;

	for (i = 0; i < n->len; i++)
		v = v * 10 + n->digits[i];
	return v;
}

/* Write `value` on `row`, its last digit in column `last_col`. */
static void value_write(struct written_op *op, long long value, int row, int last_col, unsigned flags, int step)
{
	int col = last_col;

	do {
		cell_digit(op, row, col--, (int)(value % 10), false, flags, step);
		value /= 10;
	} while (value > 0);
}

static int value_len(long long value)
{
	int n = 1;

	while (value >= 10) {
		value /= 10;
		n++;
	}
	return n;
}

/* One quotient digit: its product and remainder under the partial
 * dividend `partial` that ends in column `col` on row `*row`. */
static long long division_digit(struct written_op *op, long long partial, long long divisor, int *row, int col, int qcol)
{
	long long q = partial / divisor, product = q * divisor, rest = partial - product;
	int step;

	if (q == 0) {
		step = step_add(op, "%lld est plus petit que %lld : j'écris 0 au quotient.", partial, divisor);
		cell_digit(op, 1, qcol, 0, false, CELL_RESULT, step);
		return rest;
	}
	step = step_add(op, "Dans %lld, combien de fois %lld ? %lld fois, car %lld × %lld = %lld, et %lld × %lld = %lld, c'est trop. J'écris %lld au quotient.",
			partial, divisor, q, q, divisor, product, q + 1, divisor, product + divisor, q);
	cell_digit(op, 1, qcol, (int)q, false, CELL_RESULT, step);
	step = step_add(op, "J'écris %lld sous %lld et je soustrais : %lld − %lld = %lld.", product, partial, partial, product, rest);
	cell_set(op, *row + 1, col - value_len(partial), "−", 0, step);
	value_write(op, product, *row + 1, col, 0, step);
	row_underline(op, *row + 1, col - value_len(partial) + 1, col, step);
	value_write(op, rest, *row + 2, col, 0, step);
	*row += 2;
	return rest;
}

/* Decimals a decimal division computes before the remainder runs out. */
static int quotient_decimals(long long dividend, long long divisor)
{
	long long rest = dividend % divisor;
	int n = 0;

	while (rest && n < OP_MAX_QUOTIENT_DECIMALS) {
		rest = rest * 10 % divisor;
		n++;
	}
	return n;
}

/* Bring down a 0 after the dividend's last digit (decimal division):
 * the first one also puts the comma in the dividend and the quotient. */
static long long bring_down_zero(struct written_op *op, long long rest, int zeros, int col, int row)
{
	int step;

	if (zeros == 0)
		step = step_add(op, "Il n'y a plus de chiffre à abaisser mais il reste %lld : je continue après la virgule. J'écris une virgule au quotient et un 0 après la virgule du dividende, puis j'abaisse ce 0 : cela fait %lld.",
				rest, rest * 10);
	else
		step = step_add(op, "J'écris un autre 0 au dividende et je l'abaisse : cela fait %lld.", rest * 10);
	cell_set(op, 0, col, zeros == 0 ? ",0" : "0", 0, step);
	/* On the first row the dividend itself is the number being divided. */
	if (row > 0)
		cell_digit(op, row, col, 0, false, 0, step);
	return rest * 10;
}

static void division_end(struct written_op *op, long long dividend, long long divisor, long long rest, int decimals,
			 bool decimal)
{
	char quotient[48];
	long long q = dividend / divisor, scaled = q, r;
	int k;

	for (k = 0, r = dividend % divisor; k < decimals; k++) {
		scaled = scaled * 10 + r * 10 / divisor;
		r = r * 10 % divisor;
	}
	gen_value_text(scaled, decimals, quotient, sizeof(quotient));
	if (!decimal) {
		snprintf(op->result, sizeof(op->result), "%lld reste %lld", q, rest);
		step_add(op, "Il n'y a plus de chiffre à abaisser. Le quotient est %lld et le reste est %lld. Pour vérifier : %lld × %lld + %lld = %lld.",
			 q, rest, q, divisor, rest, dividend);
	} else if (rest == 0) {
		snprintf(op->result, sizeof(op->result), "%s", quotient);
		step_add(op, "Le reste est 0 : la division tombe juste. Le quotient est %s.", quotient);
	} else {
		snprintf(op->result, sizeof(op->result), "≈ %s", quotient);
		step_add(op, "Je m'arrête aux millièmes : la division ne tombe pas juste, le quotient vaut environ %s.", quotient);
	}
}

static int build_divide(struct written_op *op, const struct op_num *a, const struct op_num *b, bool decimal, char *err,
			size_t err_size)
{
	long long divisor = num_value(b), dividend = num_value(a), partial = 0, rest;
	int left = a->len, i = 0, row = 0, qcol, step, r, width, decimals = 0, zeros = 0;

	if (a->decimals || b->decimals) {
		snprintf(err, err_size, "La division posée se fait ici avec des nombres entiers : enlève la virgule des deux nombres.");
		return -1;
	}
	if (divisor == 0) {
		snprintf(err, err_size, "On ne peut pas diviser par zéro : choisis un diviseur plus grand que 0.");
		return -1;
	}
	if (decimal)
		decimals = quotient_decimals(dividend, divisor);
	/* The left part contains the dividend and the zeros brought down after it. */
	width = left + decimals;
	op->cols = 1 + width + (value_len(dividend / divisor) + decimals > b->len ? value_len(dividend / divisor) + decimals : b->len);
	qcol = width + 1;
	step = step_add(op, "Je pose la division : le dividende %lld à gauche, le diviseur %lld à droite. Le quotient s'écrira sous le diviseur.",
			dividend, divisor);
	num_write(op, a, 0, left, 0, step);
	value_write(op, divisor, 0, width + b->len, 0, step);
	row_underline(op, 0, width + 1, op->cols - 1, step);
	while (i < left - 1 && partial * 10 + a->digits[i] < divisor)
		partial = partial * 10 + a->digits[i++];
	partial = partial * 10 + a->digits[i];
	if (i > 0)
		step_add(op, "%lld ne va pas dans %d : je prends %d chiffres, %lld.", divisor, a->digits[0], i + 1, partial);
	for (;;) {
		rest = division_digit(op, partial, divisor, &row, i + 1, qcol++);
		if (zeros == 1) { /* the first digit after the comma */
			char text[8];

			snprintf(text, sizeof(text), ",%s", op->cells[1][qcol - 1].text);
			snprintf(op->cells[1][qcol - 1].text, sizeof(op->cells[1][qcol - 1].text), "%s", text);
		}
		if (++i < left) {
			partial = rest * 10 + a->digits[i];
			step = step_add(op, "J'abaisse le %d : cela fait %lld.", a->digits[i], partial);
			cell_digit(op, row, i + 1, a->digits[i], false, 0, step);
		} else if (rest != 0 && zeros < decimals) {
			partial = bring_down_zero(op, rest, zeros++, i + 1, row);
		} else {
			break;
		}
	}
	division_end(op, dividend, divisor, rest, decimals, decimal);
	op->rows = row + 1 > 2 ? row + 1 : 2;
	for (r = 0; r < op->rows; r++)
		op->cells[r][width + 1].flags |= CELL_BAR;
	return 0;
}

/* ---- entry point ---- */

int written_op_kind_parse(const char *name)
{
	static const char *const names[] = { "addition", "soustraction", "multiplication", "division", "division-decimale" };
	int i;

	for (i = 0; name && i < 5; i++)
		if (strcmp(name, names[i]) == 0)
			return i;
	return -1;
}

/* Digits of the longer of `a` and `b` once their commas line up. */
static int aligned_len(const struct op_num *a, const struct op_num *b)
{
	int whole_a = a->len - a->decimals, whole_b = b->len - b->decimals;

	return (whole_a > whole_b ? whole_a : whole_b) + (a->decimals > b->decimals ? a->decimals : b->decimals);
}

int written_op_build(enum op_kind kind, const char *a, const char *b, struct written_op *out, char *err,
		     size_t err_size)
{
	int max = OP_MAX_DIGITS;
	struct op_num x, y;

	if (kind == OP_MULTIPLY)
		max = OP_MAX_PRODUCT_DIGITS;
	else if (kind == OP_DIVIDE || kind == OP_DIVIDE_DECIMAL)
		max = OP_MAX_DIVIDEND_DIGITS;
	memset(out, 0, sizeof(*out));
	out->kind = kind;
	err[0] = '\0';
	if (num_parse(a, &x, max, err, err_size) < 0 ||
	    num_parse(b, &y, kind >= OP_DIVIDE ? OP_MAX_DIVISOR_DIGITS : max, err, err_size) < 0)
		return -1;
	if ((kind == OP_ADD || kind == OP_SUBTRACT) && aligned_len(&x, &y) > OP_MAX_DIGITS) {
		snprintf(err, err_size,
			 "Une fois les virgules alignées, « %.20s » et « %.20s » demandent %d colonnes : %d au plus. Écris moins de chiffres après la virgule.",
			 a, b, aligned_len(&x, &y), OP_MAX_DIGITS);
		return -1;
	}
	switch (kind) {
	case OP_ADD:
		out->rows = 4;
		return build_add(out, &x, &y);
	case OP_SUBTRACT:
		return build_subtract(out, &x, &y, err, err_size);
	case OP_MULTIPLY:
		return build_multiply(out, &x, &y);
	case OP_DIVIDE:
	case OP_DIVIDE_DECIMAL:
		return build_divide(out, &x, &y, kind == OP_DIVIDE_DECIMAL, err, err_size);
	}
	return -1;
}
