/*
 * calc: the child's calculator. It evaluates + − × ÷ on decimal numbers
 * written the French way ("3,5"), with parentheses, and computes exactly:
 * every value is a fraction of two 64-bit integers, so 0,1 + 0,2 gives
 * 0,3 and 10 ÷ 3 is shown rounded only at the end.
 *
 * Operators: "+", "-" or "−" (U+2212), "*", "x", "×" (U+00D7), "/", ":"
 * or "÷" (U+00F7). A space may group the digits by three ("1 000").
 * Every error is a French sentence naming the faulty part.
 */
#ifndef ARDOISE_TOOLS_CALC_H
#define ARDOISE_TOOLS_CALC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CALC_MAX_BYTES 200       /* one expression */
#define CALC_MAX_DEPTH 20        /* nested parentheses */
#define CALC_MAX_DIGITS 15       /* digits of one number */
#define CALC_MAX_DECIMALS 6      /* decimals shown when a result does not fall exactly */

/* An exact value: num / den, den > 0, in lowest terms. */
struct calc_value {
	int64_t num;
	int64_t den;
};

/*
 * Evaluate `text[0..len)`. Returns 0 with the value in `out`, or -1 with
 * a French message in `err` (never longer than `err_size`).
 */
int calc_eval(const char *text, size_t len, struct calc_value *out, char *err, size_t err_size);

/*
 * Write `v` in French notation ("-3,25") into `out`. When the decimal
 * expansion does not end within CALC_MAX_DECIMALS digits, the value is
 * rounded to that many and `*exact` is set to false.
 */
void calc_format(struct calc_value v, char *out, size_t size, bool *exact);

#endif
