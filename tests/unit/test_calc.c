/* Unit tests of the calculator and the written operations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools/calc.h"
#include "tools/written_op.h"

static void calc_gives(const char *text, const char *expected, bool expected_exact)
{
	struct calc_value v;
	char err[256], out[64];
	bool exact;

	if (calc_eval(text, strlen(text), &v, err, sizeof(err)) < 0)
		fail_msg("%s: %s", text, err);
	calc_format(v, out, sizeof(out), &exact);
	if (strcmp(out, expected) != 0 || exact != expected_exact)
		fail_msg("%s: got %s (exact %d), expected %s", text, out, exact, expected);
}

static void calc_rejects(const char *text, const char *fragment)
{
	struct calc_value v;
	char err[256];

	if (calc_eval(text, strlen(text), &v, err, sizeof(err)) == 0)
		fail_msg("%s: no error", text);
	if (!strstr(err, fragment))
		fail_msg("%s: message \"%s\" lacks \"%s\"", text, err, fragment);
}

static void calc_operations(void **state)
{
	calc_gives("12 + 7", "19", true);
	calc_gives("0,1 + 0,2", "0,3", true);
	calc_gives("3,5 × 4", "14", true);
	calc_gives("3,5 x 4", "14", true);
	calc_gives("10 − 12", "-2", true);
	calc_gives("2 + 3 × 4", "14", true);
	calc_gives("(2 + 3) × 4", "20", true);
	calc_gives("7 ÷ 2", "3,5", true);
	calc_gives("7 : 2", "3,5", true);
	calc_gives("10 / 3", "3,333333", false);
	calc_gives("2 ÷ 3", "0,666667", false);
	calc_gives("-(4 - 6)", "2", true);
	calc_gives("1 000 + 1", "1001", true);
	calc_gives("  ((1)) ", "1", true);
	calc_gives("999999999999999 × 999", "998999999999999001", true);
}

static void calc_errors(void **state)
{
	char big[300];

	calc_rejects("5 ÷ 0", "diviser par zéro");
	calc_rejects("5 ÷ (2 - 2)", "diviser par zéro");
	calc_rejects("3,,5", "« 3,,5 »");
	calc_rejects("3,5,2", "une seule virgule");
	calc_rejects("3, + 1", "chiffres après la virgule");
	calc_rejects("3.5", "une virgule et pas un point");
	calc_rejects("", "Écris un calcul");
	calc_rejects("   ", "Écris un calcul");
	calc_rejects("2 +", "il manque un nombre à la fin");
	calc_rejects("× 2", "Il manque un nombre avant « × »");
	calc_rejects("(2 + 3", "parenthèse fermante");
	calc_rejects("2 + 3)", "de trop");
	calc_rejects("2 3", "Il manque un signe d'opération");
	calc_rejects("2 @ 3", "« @ »");
	calc_rejects("1234567890123456", "trop de chiffres");
	calc_rejects("999999999999999 × 999999999999999 × 999999999999999", "trop grand");
	memset(big, '1', sizeof(big));
	big[sizeof(big) - 1] = '\0';
	calc_rejects(big, "trop long");
	memset(big, '(', 60);
	strcpy(big + 60, "1");
	calc_rejects(big, "trop de parenthèses");
}

/* The grid after the last step, one line a row, cells joined by "|". */
static void grid_text(const struct written_op *op, char *out, size_t size)
{
	size_t n = 0;
	int r, c;

	for (r = 0; r < op->rows; r++) {
		for (c = 0; c < op->cols; c++)
			n += (size_t)snprintf(out + n, size - n, "%s%s", c ? "|" : "", op->cells[r][c].text);
		n += (size_t)snprintf(out + n, size - n, "\n");
	}
}

static void build(enum op_kind kind, const char *a, const char *b, struct written_op *op)
{
	char err[256];

	if (written_op_build(kind, a, b, op, err, sizeof(err)) < 0)
		fail_msg("%s %s: %s", a, b, err);
}

static void addition_with_carries(void **state)
{
	static struct written_op op;
	char grid[4096];

	build(OP_ADD, "478", "65", &op);
	assert_string_equal(op.result, "543");
	grid_text(&op, grid, sizeof(grid));
	assert_string_equal(grid, "||1|1|\n||4|7|8\n+|||6|5\n||5|4|3\n");
	assert_string_equal(op.steps[1], "Colonne des unités : 8 + 5 = 13. J'écris 3 et je retiens 1.");
	assert_string_equal(op.steps[2], "Colonne des dizaines : 1 (retenue) + 7 + 6 = 14. J'écris 4 et je retiens 1.");
	assert_string_equal(op.steps[3], "Colonne des centaines : 1 (retenue) + 4 = 5. J'écris 5.");
	assert_int_equal(op.step_count, 5);
	assert_int_equal(op.cells[0][2].step, 2); /* the carry of the tens */
}

static void addition_of_decimals(void **state)
{
	static struct written_op op;

	build(OP_ADD, "12,5", "9,75", &op);
	assert_string_equal(op.result, "22,25");
	assert_string_equal(op.steps[1], "Colonne des centièmes : 0 + 5 = 5. J'écris 5.");
	build(OP_ADD, "95", "7", &op);
	assert_string_equal(op.result, "102");
	assert_string_equal(op.steps[2], "Colonne des dizaines : 1 (retenue) + 9 = 10. C'est la dernière colonne : j'écris 10.");
}

static void subtraction_by_compensation(void **state)
{
	static struct written_op op;
	char grid[4096];

	build(OP_SUBTRACT, "503", "78", &op);
	assert_string_equal(op.result, "425");
	grid_text(&op, grid, sizeof(grid));
	assert_string_equal(grid, "||1|1\n|5|0|3\n−||7|8\n|+1|+1|\n|4|2|5\n");
	assert_non_null(strstr(op.steps[1], "3 est plus petit que 8"));
	assert_non_null(strstr(op.steps[2], "je n'oublie pas la retenue : 7 + 1 = 8"));
	assert_non_null(strstr(op.steps[3], "5 − 1 = 4. J'écris 4."));
	build(OP_SUBTRACT, "100", "99", &op);
	assert_string_equal(op.result, "1");
	assert_non_null(strstr(op.steps[3], "Je n'écris pas ce zéro"));
	build(OP_SUBTRACT, "7,2", "3,45", &op);
	assert_string_equal(op.result, "3,75");
}

static void subtraction_rejects_negative(void **state)
{
	static struct written_op op;
	char err[256];

	assert_int_equal(written_op_build(OP_SUBTRACT, "78", "503", &op, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "Le premier nombre doit être le plus grand"));
}

static void multiplication_two_digits(void **state)
{
	static struct written_op op;
	char grid[4096];

	build(OP_MULTIPLY, "347", "26", &op);
	assert_string_equal(op.result, "9022");
	grid_text(&op, grid, sizeof(grid));
	assert_string_equal(grid, "|||3|4|7\n×||||2|6\n||2|0|8|2\n+||6|9|4|0\n||9|0|2|2\n");
	assert_string_equal(op.steps[2], "6 × 7 = 42. J'écris 2 et je retiens 4.");
	assert_string_equal(op.steps[3], "6 × 4 = 24, plus la retenue 4 : 28. J'écris 8 et je retiens 2.");
	build(OP_MULTIPLY, "26", "347", &op);
	assert_string_equal(op.result, "9022");
	assert_string_equal(op.cells[0][3].text, "3"); /* 347 on top */
	build(OP_MULTIPLY, "0,2", "0,3", &op);
	assert_string_equal(op.result, "0,06");
	build(OP_MULTIPLY, "2,5", "4", &op);
	assert_string_equal(op.result, "10");
}

static void division_long(void **state)
{
	static struct written_op op;
	char grid[4096];

	build(OP_DIVIDE, "745", "3", &op);
	assert_string_equal(op.result, "248 reste 1");
	grid_text(&op, grid, sizeof(grid));
	assert_string_equal(grid, "|7|4|5|3||\n−|6|||2|4|8\n|1|4||||\n−|1|2||||\n||2|5|||\n|−|2|4|||\n|||1|||\n");
	assert_non_null(strstr(op.steps[1], "Dans 7, combien de fois 3 ? 2 fois"));
	assert_true(op.cells[3][4].flags & CELL_BAR);
	build(OP_DIVIDE, "1234", "12", &op);
	assert_string_equal(op.result, "102 reste 10");
	build(OP_DIVIDE, "5", "7", &op);
	assert_string_equal(op.result, "0 reste 5");
}

static void division_after_comma(void **state)
{
	static struct written_op op;
	char grid[4096];

	build(OP_DIVIDE_DECIMAL, "5", "8", &op);
	assert_string_equal(op.result, "0,625");
	grid_text(&op, grid, sizeof(grid));
	assert_string_equal(grid, "|5|,0|0|0|8|||\n−|4|8|||0|,6|2|5\n||2|0|||||\n|−|1|6|||||\n|||4|0||||\n||−|4|0||||\n||||0||||\n");
	assert_non_null(strstr(op.steps[2], "je continue après la virgule"));
	assert_non_null(strstr(op.steps[op.step_count - 1], "la division tombe juste. Le quotient est 0,625."));
	build(OP_DIVIDE_DECIMAL, "10", "3", &op);
	assert_string_equal(op.result, "≈ 3,333");
	assert_non_null(strstr(op.steps[op.step_count - 1], "environ 3,333"));
	build(OP_DIVIDE_DECIMAL, "74", "4", &op);
	assert_string_equal(op.result, "18,5");
	build(OP_DIVIDE_DECIMAL, "12", "4", &op);
	assert_string_equal(op.result, "3");
}

static void operation_errors(void **state)
{
	static struct written_op op;
	char err[256];

	assert_int_equal(written_op_build(OP_DIVIDE, "12", "0", &op, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "diviser par zéro"));
	assert_int_equal(written_op_build(OP_DIVIDE, "12,5", "2", &op, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "nombres entiers"));
	assert_int_equal(written_op_build(OP_ADD, "12a", "2", &op, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "« 12a »"));
	assert_int_equal(written_op_build(OP_ADD, "3,", "2", &op, err, sizeof(err)), -1);
	assert_int_equal(written_op_build(OP_ADD, "", "2", &op, err, sizeof(err)), -1);
	assert_int_equal(written_op_build(OP_MULTIPLY, "1234567", "2", &op, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "trop de chiffres"));
	/* Each number fits, but not both once the commas line up. */
	assert_int_equal(written_op_build(OP_ADD, "5,22527799779", "0997460014", &op, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "demandent 20 colonnes : 12 au plus"));
	assert_int_equal(written_op_build(OP_SUBTRACT, "123456,7", "1,2345678", &op, err, sizeof(err)), -1);
	/* Twelve columns is the limit, and the carry still fits. */
	build(OP_ADD, "99,9999999999", "1", &op);
	assert_string_equal(op.result, "100,9999999999");
	assert_int_equal(written_op_kind_parse("division"), OP_DIVIDE);
	assert_int_equal(written_op_kind_parse("division-decimale"), OP_DIVIDE_DECIMAL);
	assert_int_equal(written_op_kind_parse("racine"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(calc_operations),
		cmocka_unit_test(calc_errors),
		cmocka_unit_test(addition_with_carries),
		cmocka_unit_test(addition_of_decimals),
		cmocka_unit_test(subtraction_by_compensation),
		cmocka_unit_test(subtraction_rejects_negative),
		cmocka_unit_test(multiplication_two_digits),
		cmocka_unit_test(division_long),
		cmocka_unit_test(division_after_comma),
		cmocka_unit_test(operation_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
