/* libFuzzer target: the GIFT reader and the content-format writer. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_exo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct exo_set s;

	if (exo_set_init(&s) < 0)
		return 0;
	exo_read_gift((const char *)data, size, &s);
	fuzz_exo_check(&s);
	exo_set_release(&s);
	return 0;
}
