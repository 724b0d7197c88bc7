/* libFuzzer target: the Moodle XML reader, the QTI item reader and the QTI
 * package (zip) reader, then the content-format writer. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_exo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "moodle.xml", "item.xml", "paquet.zip" };
	struct exo_set s;
	size_t i;

	for (i = 0; i < 3; i++) {
		if (exo_set_init(&s) < 0)
			return 0;
		if (i == 0)
			exo_read_moodle((const char *)data, size, &s);
		else if (i == 1)
			exo_read_qti_item((const char *)data, size, names[i], &s);
		else
			exo_read_qti_package((const char *)data, size, &s);
		fuzz_exo_check(&s);
		exo_set_release(&s);
	}
	return 0;
}
