#include "http/range.h"

#include <string.h>

#define RANGE_UNIT "bytes="

/* Read decimal digits from *p; returns the number of digits, 0 on none or
 * on overflow. */
static size_t read_number(const char **p, const char *end, uint64_t *out)
{
	const char *start = *p;
	uint64_t n = 0;

	while (*p < end && **p >= '0' && **p <= '9') {
		if (n > (UINT64_MAX - 9) / 10)
			return 0;
		n = n * 10 + (uint64_t)(**p - '0');
		(*p)++;
	}
	*out = n;
	return (size_t)(*p - start);
}

enum range_result range_parse(const char *value, size_t len, uint64_t size,
			      uint64_t *first, uint64_t *last)
{
	const char *p = value, *end = value + len;
	uint64_t a = 0, b = 0;
	size_t da, db;

	if (!value || len > RANGE_MAX_HEADER_BYTES || len < sizeof(RANGE_UNIT) ||
	    memcmp(value, RANGE_UNIT, sizeof(RANGE_UNIT) - 1) != 0)
		return RANGE_NONE;
	p += sizeof(RANGE_UNIT) - 1;
	da = read_number(&p, end, &a);
	if (p >= end || *p != '-')
		return RANGE_NONE;
	p++;
	db = read_number(&p, end, &b);
	if (p != end || (da == 0 && db == 0))
		return RANGE_NONE;

	if (da == 0) {
		/* Suffix range: the last b bytes. */
		if (b == 0 || size == 0)
			return RANGE_UNSATISFIABLE;
		*first = b >= size ? 0 : size - b;
		*last = size - 1;
		return RANGE_OK;
	}
	if (db > 0 && b < a)
		return RANGE_NONE;
	if (a >= size)
		return RANGE_UNSATISFIABLE;
	*first = a;
	*last = db == 0 || b >= size ? size - 1 : b;
	return RANGE_OK;
}
