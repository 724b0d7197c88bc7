/* A recursive-descent parser and exact evaluator for the calculator. */
#include "tools/calc.h"

#include <stdio.h>
#include <string.h>

struct calc {
	const char *s;
	size_t len;
	size_t at;
	int depth;
	char *err;
	size_t err_size;
};

/* Store the French message `fmt`, whose one "%s" (if any) is `quoted`;
 * returns -1. */
static int calc_fail(struct calc *c, const char *fmt, const char *quoted)
{
	if (quoted)
		snprintf(c->err, c->err_size, fmt, quoted);
	else
		snprintf(c->err, c->err_size, "%s", fmt);
	return -1;
}

/* Build num/den in lowest terms; -1 when it does not fit. */
static int value_make(struct calc *c, __int128 num, __int128 den, struct calc_value *out)
{
	__int128 a = num < 0 ? -num : num, b = den < 0 ? -den : den, t;

	if (den == 0)
		return calc_fail(c, "On ne peut pas diviser par zéro : change le nombre après le signe ÷.", NULL);
	while (b) {
		t = a % b;
		a = b;
		b = t;
	}
	if (a == 0)
		a = 1;
	num /= a;
	den /= a;
	if (den < 0) {
		num = -num;
		den = -den;
	}
	if (num > INT64_MAX || num < -INT64_MAX || den > INT64_MAX)
		return calc_fail(c, "Le résultat est trop grand pour la calculatrice : essaie avec des nombres plus petits.", NULL);
	out->num = (int64_t)num;
	out->den = (int64_t)den;
	return 0;
}

static void skip_spaces(struct calc *c)
{
	while (c->at < c->len && c->s[c->at] == ' ')
		c->at++;
}

/* Match the operator at the cursor: returns '+', '-', '*', '/' or 0, and
 * its length in bytes in `*n`. */
static char op_at(const struct calc *c, size_t *n)
{
	static const struct {
		const char *text;
		char op;
	} ops[] = {
		{ "+", '+' }, { "-", '-' }, { "\u2212", '-' }, { "*", '*' }, { "x", '*' }, { "X", '*' },
		{ "\u00d7", '*' }, { "/", '/' }, { ":", '/' }, { "\u00f7", '/' },
	};
	size_t i;

	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		size_t k = strlen(ops[i].text);

		if (c->len - c->at >= k && memcmp(c->s + c->at, ops[i].text, k) == 0) {
			*n = k;
			return ops[i].op;
		}
	}
	return 0;
}

static bool is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

/* A space groups digits only when exactly three digits follow it. */
static bool digit_group_follows(const struct calc *c, size_t at)
{
	return at + 4 <= c->len && c->s[at] == ' ' && is_digit(c->s[at + 1]) && is_digit(c->s[at + 2]) &&
	       is_digit(c->s[at + 3]) && (at + 4 == c->len || !is_digit(c->s[at + 4]));
}

/* The number at the cursor, quoted in messages. */
static void number_text(const struct calc *c, size_t start, char *out, size_t size)
{
	size_t end = start;

	while (end < c->len && (is_digit(c->s[end]) || c->s[end] == ',' || c->s[end] == '.' || c->s[end] == ' '))
		end++;
	while (end > start && c->s[end - 1] == ' ')
		end--;
	snprintf(out, size, "%.*s", (int)(end - start < 40 ? end - start : 40), c->s + start);
}

static int parse_number(struct calc *c, struct calc_value *out)
{
	__int128 num = 0, den = 1;
	size_t start = c->at, digits = 0;
	bool comma = false;
	char quoted[48];

	for (;;) {
		char ch = c->at < c->len ? c->s[c->at] : '\0';

		if (is_digit(ch)) {
			num = num * 10 + (ch - '0');
			den *= comma ? 10 : 1;
			if (++digits > CALC_MAX_DIGITS) {
				number_text(c, start, quoted, sizeof(quoted));
				return calc_fail(c, "Le nombre « %s » a trop de chiffres : 15 au plus.", quoted);
			}
			c->at++;
		} else if (ch == ',' && !comma) {
			comma = true;
			c->at++;
			if (c->at >= c->len || !is_digit(c->s[c->at])) {
				number_text(c, start, quoted, sizeof(quoted));
				return calc_fail(c, "Le nombre « %s » est mal écrit : il faut des chiffres après la virgule, et une seule virgule par nombre.", quoted);
			}
		} else if (ch == ',' || ch == '.') {
			number_text(c, start, quoted, sizeof(quoted));
			return calc_fail(c, ch == '.' ? "Le nombre « %s » est mal écrit : en français, on écrit une virgule et pas un point, par exemple 3,5."
						     : "Le nombre « %s » est mal écrit : une seule virgule par nombre.", quoted);
		} else if (ch == ' ' && !comma && digit_group_follows(c, c->at)) {
			c->at++;
		} else {
			break;
		}
	}
	return value_make(c, num, den, out);
}

static int parse_sum(struct calc *c, struct calc_value *out);

/* Reject the character at the cursor, quoted whole (UTF-8). */
static int unknown_sign(struct calc *c)
{
	size_t n = 1;
	char quoted[8];

	while (c->at + n < c->len && n < 4 && ((unsigned char)c->s[c->at + n] & 0xc0) == 0x80)
		n++;
	snprintf(quoted, sizeof(quoted), "%.*s", (int)n, c->s + c->at);
	return calc_fail(c, "Le signe « %s » n'est pas compris : utilise des chiffres, la virgule, + − × ÷ et les parenthèses.", quoted);
}

static int parse_factor(struct calc *c, struct calc_value *out)
{
	size_t n = 0;
	char op, quoted[8];

	skip_spaces(c);
	if (c->at >= c->len)
		return calc_fail(c, "Le calcul s'arrête trop tôt : il manque un nombre à la fin.", NULL);
	op = op_at(c, &n);
	if (op == '-' || op == '+') {
		c->at += n;
		if (parse_factor(c, out) < 0)
			return -1;
		if (op == '-')
			out->num = -out->num;
		return 0;
	}
	if (c->s[c->at] == '(') {
		if (++c->depth > CALC_MAX_DEPTH)
			return calc_fail(c, "Il y a trop de parenthèses les unes dans les autres : 20 au plus.", NULL);
		c->at++;
		if (parse_sum(c, out) < 0)
			return -1;
		skip_spaces(c);
		if (c->at >= c->len || c->s[c->at] != ')')
			return calc_fail(c, "Il manque une parenthèse fermante « ) ».", NULL);
		c->at++;
		c->depth--;
		return 0;
	}
	if (is_digit(c->s[c->at]))
		return parse_number(c, out);
	if (op || c->s[c->at] == ')') {
		snprintf(quoted, sizeof(quoted), "%.*s", (int)(op ? n : 1), c->s + c->at);
		return calc_fail(c, "Il manque un nombre avant « %s ».", quoted);
	}
	return unknown_sign(c);
}

static int apply(struct calc *c, char op, struct calc_value a, struct calc_value b, struct calc_value *out)
{
	switch (op) {
	case '+':
		return value_make(c, (__int128)a.num * b.den + (__int128)b.num * a.den, (__int128)a.den * b.den, out);
	case '-':
		return value_make(c, (__int128)a.num * b.den - (__int128)b.num * a.den, (__int128)a.den * b.den, out);
	case '*':
		return value_make(c, (__int128)a.num * b.num, (__int128)a.den * b.den, out);
	default:
		return value_make(c, (__int128)a.num * b.den, (__int128)a.den * b.num, out);
	}
}

static int parse_product(struct calc *c, struct calc_value *out)
{
	struct calc_value right;
	size_t n;
	char op;

	if (parse_factor(c, out) < 0)
		return -1;
	for (;;) {
		skip_spaces(c);
		op = c->at < c->len ? op_at(c, &n) : 0;
		if (op != '*' && op != '/')
			return 0;
		c->at += n;
		if (parse_factor(c, &right) < 0 || apply(c, op, *out, right, out) < 0)
			return -1;
	}
}

static int parse_sum(struct calc *c, struct calc_value *out)
{
	struct calc_value right;
	size_t n;
	char op;

	if (parse_product(c, out) < 0)
		return -1;
	for (;;) {
		skip_spaces(c);
		op = c->at < c->len ? op_at(c, &n) : 0;
		if (op != '+' && op != '-')
			return 0;
		c->at += n;
		if (parse_product(c, &right) < 0 || apply(c, op, *out, right, out) < 0)
			return -1;
	}
}

int calc_eval(const char *text, size_t len, struct calc_value *out, char *err, size_t err_size)
{
	struct calc c = { text, len, 0, 0, err, err_size };
	char quoted[48];

	err[0] = '\0';
	if (len > CALC_MAX_BYTES)
		return calc_fail(&c, "Le calcul est trop long : 200 caractères au plus. Coupe-le en plusieurs calculs.", NULL);
	skip_spaces(&c);
	if (c.at == len)
		return calc_fail(&c, "Écris un calcul, par exemple 12 + 7 ou 3,5 × 4.", NULL);
	if (parse_sum(&c, out) < 0)
		return -1;
	skip_spaces(&c);
	if (c.at == len)
		return 0;
	if (c.s[c.at] == ')')
		return calc_fail(&c, "Il y a une parenthèse fermante « ) » de trop.", NULL);
	if (is_digit(c.s[c.at]) || c.s[c.at] == '(') {
		number_text(&c, c.at, quoted, sizeof(quoted));
		return calc_fail(&c, "Il manque un signe d'opération (+ − × ÷) avant « %s ».", quoted[0] ? quoted : "(");
	}
	return unknown_sign(&c);
}

void calc_format(struct calc_value v, char *out, size_t size, bool *exact)
{
	unsigned __int128 num = (unsigned __int128)(v.num < 0 ? -(__int128)v.num : v.num), den = (unsigned __int128)v.den;
	unsigned __int128 whole = num / den, rest = num % den, scaled;
	char digits[CALC_MAX_DECIMALS + 1];
	int k = 0, i;

	/* Long division of the rest, one digit at a time, rounded at the end. */
	while (rest && k < CALC_MAX_DECIMALS) {
		rest *= 10;
		digits[k++] = (char)('0' + rest / den);
		rest %= den;
	}
	*exact = rest == 0;
	if (!*exact && rest * 2 >= den) {
		scaled = whole;
		for (i = 0; i < k; i++)
			scaled = scaled * 10 + (unsigned)(digits[i] - '0');
		scaled++;
		for (i = k - 1; i >= 0; i--, scaled /= 10)
			digits[i] = (char)('0' + scaled % 10);
		whole = scaled;
	}
	while (k > 0 && digits[k - 1] == '0')
		k--;
	digits[k] = '\0';
	snprintf(out, size, "%s%llu%s%s", v.num < 0 && (whole || k) ? "-" : "", (unsigned long long)whole, k ? "," : "", digits);
}
