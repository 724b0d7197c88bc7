/* libFuzzer target: the calculator's parser and evaluator, and the
 * formatting of any value it returns. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tools/calc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct calc_value v;
	char err[256], out[64];
	bool exact;

	if (calc_eval((const char *)data, size, &v, err, sizeof(err)) == 0) {
		assert(v.den > 0);
		calc_format(v, out, sizeof(out), &exact);
	} else {
		assert(err[0] != '\0');
	}
	return 0;
}
