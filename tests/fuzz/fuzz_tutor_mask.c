/* libFuzzer target: masking of contact details in tutoring messages. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tutor/mask.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf out = BUF_INIT(16 * 65536);
	int kinds = mask_contact_details((const char *)data, size, &out);

	/* Nothing masked means the text is copied unchanged. */
	if (kinds == 0 && (out.len != size || (size && memcmp(out.data, data, size) != 0)))
		__builtin_trap();
	if (kinds > (MASK_EMAIL | MASK_PHONE | MASK_ADDRESS))
		__builtin_trap();
	buf_release(&out);
	return 0;
}
