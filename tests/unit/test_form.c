/* Unit tests of the urlencoded form and cookie parsers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "http/form.h"

static enum form_error parse(struct form *f, const char *text)
{
	return form_parse(f, text, strlen(text));
}

static void decodes_plus_and_percent(void **state)
{
	struct form f;

	assert_int_equal(parse(&f, "a=3+500&b=%C3%A9t%C3%A9&c=12+%3A+3"), FORM_OK);
	assert_string_equal(form_get(&f, "a"), "3 500");
	assert_string_equal(form_get(&f, "b"), "été");
	assert_string_equal(form_get(&f, "c"), "12 : 3");
	form_release(&f);
}

static void repeated_names_kept_in_order(void **state)
{
	const char *values[4];
	struct form f;

	assert_int_equal(parse(&f, "q=2&x=1&q=0&q=3"), FORM_OK);
	assert_int_equal(form_get_all(&f, "q", values, 4), 3);
	assert_string_equal(values[0], "2");
	assert_string_equal(values[1], "0");
	assert_string_equal(values[2], "3");
	form_release(&f);
}

static void missing_value_is_empty(void **state)
{
	struct form f;

	assert_int_equal(parse(&f, "a&b=&&c=1"), FORM_OK);
	assert_string_equal(form_get(&f, "a"), "");
	assert_string_equal(form_get(&f, "b"), "");
	assert_string_equal(form_get(&f, "c"), "1");
	assert_null(form_get(&f, "d"));
	form_release(&f);
}

static void bad_escape_rejected(void **state)
{
	struct form f;

	assert_int_equal(parse(&f, "a=%G1"), FORM_BAD_ENCODING);
	assert_int_equal(f.count, 0);
	assert_int_equal(parse(&f, "a=%4"), FORM_BAD_ENCODING);
	assert_int_equal(parse(&f, "a=%"), FORM_BAD_ENCODING);
}

static void nul_and_invalid_utf8_rejected(void **state)
{
	struct form f;

	assert_int_equal(parse(&f, "a=x%00y"), FORM_BAD_ENCODING);
	assert_int_equal(parse(&f, "a=%FF"), FORM_BAD_ENCODING);
	assert_int_equal(parse(&f, "a=%C0%AF"), FORM_BAD_ENCODING); /* overlong "/" */
	assert_int_equal(parse(&f, "a=%ED%A0%80"), FORM_BAD_ENCODING); /* surrogate */
}

static void too_many_fields_rejected(void **state)
{
	char *text = malloc((FORM_MAX_FIELDS + 1) * 4 + 1);
	struct form f;
	int i;

	for (i = 0; i <= FORM_MAX_FIELDS; i++)
		memcpy(text + i * 4, "a=1&", 4);
	text[(FORM_MAX_FIELDS + 1) * 4] = '\0';
	assert_int_equal(parse(&f, text), FORM_TOO_MANY_FIELDS);
	free(text);
}

static void long_value_rejected(void **state)
{
	size_t n = FORM_MAX_VALUE_BYTES + 3;
	char *text = malloc(n + 1);
	struct form f;

	memcpy(text, "a=", 2);
	memset(text + 2, 'x', n - 2);
	text[n] = '\0';
	assert_int_equal(parse(&f, text), FORM_VALUE_TOO_LONG);
	text[FORM_MAX_VALUE_BYTES + 2] = '\0';
	assert_int_equal(parse(&f, text), FORM_OK);
	assert_int_equal(strlen(form_get(&f, "a")), FORM_MAX_VALUE_BYTES);
	form_release(&f);
	free(text);
}

static void cookies_split_and_trim(void **state)
{
	const char header[] = "a=1; ardoise_session=tok-en_1; other=%zz; b=x=y";
	struct form f;

	assert_int_equal(form_parse_cookies(&f, header, strlen(header)), FORM_OK);
	assert_string_equal(form_get(&f, "ardoise_session"), "tok-en_1");
	assert_string_equal(form_get(&f, "b"), "x=y");
	/* A foreign cookie with a bad escape is skipped, not fatal. */
	assert_null(form_get(&f, "other"));
	assert_string_equal(form_get(&f, "a"), "1");
	form_release(&f);
}

static void trim_in_place(void **state)
{
	struct form f;

	assert_int_equal(parse(&f, "prenom=++L%C3%A9a%09+&other=+x+&prenom=+"), FORM_OK);
	form_trim(&f, "prenom");
	assert_string_equal(form_get(&f, "prenom"), "Léa");
	assert_string_equal(f.fields[2].value, "");
	assert_string_equal(form_get(&f, "other"), " x ");
	form_release(&f);
}

static void utf8_validation(void **state)
{
	assert_true(utf8_valid("été œuvre 😀", strlen("été œuvre 😀")));
	assert_false(utf8_valid("\xC3", 1));
	assert_false(utf8_valid("\xF4\x90\x80\x80", 4)); /* past U+10FFFF */
	assert_false(utf8_valid("a\0b", 3));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(decodes_plus_and_percent),
		cmocka_unit_test(repeated_names_kept_in_order),
		cmocka_unit_test(missing_value_is_empty),
		cmocka_unit_test(bad_escape_rejected),
		cmocka_unit_test(nul_and_invalid_utf8_rejected),
		cmocka_unit_test(too_many_fields_rejected),
		cmocka_unit_test(long_value_rejected),
		cmocka_unit_test(cookies_split_and_trim),
		cmocka_unit_test(trim_in_place),
		cmocka_unit_test(utf8_validation),
	};

	return cmocka_run_group_tests_name("form", tests, NULL, NULL);
}
