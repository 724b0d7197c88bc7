/* libFuzzer target: the euro amount and VAT rate parsers of the price
 * forms, checked by writing each parsed value back and parsing it again. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "offer/amount.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), plain[AMOUNT_TEXT_MAX];
	int64_t cents, again;
	int bp;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (amount_parse(text, &cents) == 0) {
		if (cents < 0 || cents > AMOUNT_MAX_CENTS)
			__builtin_trap();
		amount_format_plain(cents, plain, sizeof(plain));
		if (amount_parse(plain, &again) != 0 || again != cents)
			__builtin_trap();
	}
	if (vat_rate_parse(text, &bp) == 0 && (bp < 0 || bp > VAT_MAX_BP))
		__builtin_trap();
	free(text);
	return 0;
}
