/*
 * written_op: a written operation laid out the French way, step by step:
 * addition and subtraction (whole or decimal numbers, with the carries,
 * "retenues"), multiplication (whole or decimal) and long division of
 * whole numbers ("division posée", with the divisor and the quotient on
 * the right of the vertical bar), with a remainder or continued after the
 * comma.
 *
 * The result is one grid of cells; each cell records the step at which it
 * is written, so the layout after step k shows the cells of steps 0..k.
 * Each step has one short French sentence. Subtraction uses the method
 * taught in French schools: when the top digit is too small, ten is added
 * to it and one to the bottom digit of the next column.
 */
#ifndef ARDOISE_TOOLS_WRITTEN_OP_H
#define ARDOISE_TOOLS_WRITTEN_OP_H

#include <stddef.h>

#define OP_MAX_ROWS 48
#define OP_MAX_COLS 32
#define OP_MAX_STEPS 96
#define OP_MAX_SENTENCE 240
#define OP_MAX_DIGITS 12          /* digits of a number in + and − */
#define OP_MAX_PRODUCT_DIGITS 6   /* digits of each factor of × */
#define OP_MAX_DIVIDEND_DIGITS 9
#define OP_MAX_DIVISOR_DIGITS 4
#define OP_MAX_QUOTIENT_DECIMALS 3

/* TODO: accept a decimal dividend or divisor in a division, as 6e classes
 * do; both must be whole numbers for now. */
enum op_kind {
	OP_ADD,
	OP_SUBTRACT,
	OP_MULTIPLY,
	OP_DIVIDE,
	OP_DIVIDE_DECIMAL, /* continued after the comma, up to the thousandths */
};

enum op_cell_flag {
	CELL_CARRY = 1 << 0,     /* a small carry digit */
	CELL_RESULT = 1 << 1,    /* a digit of the result */
	CELL_UNDERLINE = 1 << 2, /* a line under the cell */
	CELL_BAR = 1 << 3,       /* the vertical bar of a division, on the left */
};

struct op_cell {
	char text[8]; /* a digit, possibly followed by the comma; a sign; or "" */
	unsigned flags;
	int step;     /* the step that writes it */
};

struct written_op {
	enum op_kind kind;
	int rows, cols;
	struct op_cell cells[OP_MAX_ROWS][OP_MAX_COLS];
	int step_count;
	char steps[OP_MAX_STEPS][OP_MAX_SENTENCE];
	char result[64]; /* e.g. "1 234,5" or "248 reste 1" */
};

/*
 * Lay out `a` op `b`, both written in French notation ("12,5"). Returns
 * 0, or -1 with a French message in `err` naming the faulty number (not
 * a number, too many digits, a decimal in a division, division by zero,
 * a subtraction whose result would be negative).
 */
int written_op_build(enum op_kind kind, const char *a, const char *b, struct written_op *out, char *err,
		     size_t err_size);

/* Parse an operation name: "addition", "soustraction", "multiplication",
 * "division", "division-decimale"; -1 when unknown. */
int written_op_kind_parse(const char *name);

#endif
