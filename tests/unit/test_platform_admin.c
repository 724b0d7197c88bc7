/* Unit tests of the helpers of the opérateur's ENT and LTI pages: the
 * excerpt of a typed value quoted in an error message, and the character
 * count that the name limits use. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "web/platform_admin.h"

static void quote_keeps_short_values(void **state)
{
	char out[PLATFORM_QUOTE_MAX + 8];

	platform_quote("https://cas.example.fr", out, sizeof(out));
	assert_string_equal(out, "https://cas.example.fr");
	platform_quote("", out, sizeof(out));
	assert_string_equal(out, "");
	platform_quote(NULL, out, sizeof(out));
	assert_string_equal(out, "");
}

static void quote_cuts_long_values(void **state)
{
	char value[128], out[PLATFORM_QUOTE_MAX + 8], want[PLATFORM_QUOTE_MAX + 8];

	memset(value, 'a', 100);
	value[100] = '\0';
	platform_quote(value, out, sizeof(out));
	memset(want, 'a', PLATFORM_QUOTE_MAX);
	memcpy(want + PLATFORM_QUOTE_MAX, "…", sizeof("…"));
	assert_string_equal(out, want);
}

/* "é" is two bytes: a cut at an odd byte steps back to a whole character. */
static void quote_never_splits_character(void **state)
{
	char value[128] = "a", out[PLATFORM_QUOTE_MAX + 8];
	size_t i, len;

	for (i = 0; i < 30; i++)
		memcpy(value + 1 + 2 * i, "é", sizeof("é"));
	platform_quote(value, out, sizeof(out));
	len = strlen(out) - strlen("…");
	assert_int_equal(len, PLATFORM_QUOTE_MAX - 1);
	assert_string_equal(out + len, "…");
	assert_int_equal(memcmp(out, value, len), 0);
}

static void quote_fits_small_buffer(void **state)
{
	char out[10];

	platform_quote("abcdefghijklmnop", out, sizeof(out));
	assert_string_equal(out, "abcdef…");
}

static void text_length_counts_characters(void **state)
{
	static const struct {
		const char *text;
		size_t length;
	} cases[] = {
		{ "", 0 },
		{ "ENT", 3 },
		{ "Éléa", 4 },
		{ "académie de Toulouse", 20 },
		{ "€ 😀", 3 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(platform_text_length(cases[i].text), cases[i].length);
	assert_int_equal(platform_text_length(NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quote_keeps_short_values),
		cmocka_unit_test(quote_cuts_long_values),
		cmocka_unit_test(quote_never_splits_character),
		cmocka_unit_test(quote_fits_small_buffer),
		cmocka_unit_test(text_length_counts_characters),
	};

	return cmocka_run_group_tests_name("platform_admin", tests, NULL, NULL);
}
