/*
 * libFuzzer target: the CAS serviceValidate response parser. Checks that a
 * success always contains a user, that every kept value fits its bound and
 * contains no control character, and that a rejected response leaves the
 * output empty.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "integ/cas.h"

static void check_value(const char *v)
{
	size_t len = strnlen(v, CAS_VALUE_MAX + 1), i;

	if (len > CAS_VALUE_MAX)
		__builtin_trap();
	for (i = 0; i < len; i++)
		if ((unsigned char)v[i] < 0x20)
			__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cas_attributes a;
	char reason[CAS_REASON_MAX];
	size_t i;

	if (cas_response_parse((const char *)data, size, &a, reason, sizeof(reason)) != CAS_PARSE_OK) {
		if (a.user[0] || a.profile_count || a.class_count || !reason[0])
			__builtin_trap();
		return 0;
	}
	if (!a.user[0] || a.profile_count > CAS_MAX_VALUES || a.class_count > CAS_MAX_VALUES)
		__builtin_trap();
	check_value(a.user);
	check_value(a.first_name);
	check_value(a.last_name);
	for (i = 0; i < a.profile_count; i++)
		check_value(a.profiles[i]);
	for (i = 0; i < a.class_count; i++)
		check_value(a.classes[i]);
	return 0;
}
