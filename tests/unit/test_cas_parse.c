/* The CAS serviceValidate response parser: what it keeps from a success,
 * and each kind of response it rejects. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "integ/cas.h"

#define HEAD "<cas:serviceResponse xmlns:cas=\"http://www.yale.edu/tp/cas\"><cas:authenticationSuccess>"
#define TAIL "</cas:authenticationSuccess></cas:serviceResponse>"

static enum cas_parse_result parse(const char *xml, struct cas_attributes *a, char *reason)
{
	return cas_response_parse(xml, strlen(xml), a, reason, CAS_REASON_MAX);
}

static void success_keeps_needed_attributes(void **state)
{
	struct cas_attributes a;
	char reason[CAS_REASON_MAX];

	assert_int_equal(parse(HEAD "<cas:user> u-1 </cas:user><cas:attributes>"
				    "<cas:ENTPersonProfils>National_ENS</cas:ENTPersonProfils><cas:ENTPersonProfils>National_DIR</cas:ENTPersonProfils>"
				    "<cas:prenom>Zoé</cas:prenom><cas:nom>Petit</cas:nom><cas:mail>z@example.fr</cas:mail>"
				    "<cas:ENTEleveClasses>A$CM1</cas:ENTEleveClasses></cas:attributes>" TAIL, &a, reason), CAS_PARSE_OK);
	assert_string_equal(a.user, "u-1");
	assert_string_equal(a.first_name, "Zoé");
	assert_string_equal(a.last_name, "Petit");
	assert_int_equal(a.profile_count, 2);
	assert_string_equal(a.profiles[1], "National_DIR");
	assert_int_equal(a.class_count, 1);
	assert_string_equal(a.classes[0], "A$CM1");
}

static void latin1_declared_is_read(void **state)
{
	static const char xml[] = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" HEAD "<cas:user>u</cas:user>"
				  "<cas:attributes><cas:givenName>L\xe9" "a</cas:givenName></cas:attributes>" TAIL;
	struct cas_attributes a;
	char reason[CAS_REASON_MAX];

	assert_int_equal(parse(xml, &a, reason), CAS_PARSE_OK);
	assert_string_equal(a.first_name, "Léa");
}

static void rejected(const char *xml, enum cas_parse_result want, const char *reason_part)
{
	struct cas_attributes a;
	char reason[CAS_REASON_MAX];

	assert_int_equal(parse(xml, &a, reason), want);
	assert_non_null(strstr(reason, reason_part));
	assert_string_equal(a.user, "");
}

static void failure_reported(void **state)
{
	rejected("<cas:serviceResponse xmlns:cas=\"http://www.yale.edu/tp/cas\"><cas:authenticationFailure code=\"INVALID_SERVICE\">x"
		 "</cas:authenticationFailure></cas:serviceResponse>", CAS_PARSE_FAILURE, "code=INVALID_SERVICE");
}

static void wrong_namespace_rejected(void **state)
{
	rejected("<cas:serviceResponse xmlns:cas=\"http://example.org/faux\"><cas:authenticationSuccess><cas:user>u</cas:user>"
		 "</cas:authenticationSuccess></cas:serviceResponse>", CAS_PARSE_MALFORMED, "root is not cas:serviceResponse");
}

static void control_character_rejected(void **state)
{
	rejected(HEAD "<cas:user>u&#1;</cas:user>" TAIL, CAS_PARSE_MALFORMED, "");
}

static void long_value_rejected(void **state)
{
	char xml[1024], value[CAS_VALUE_MAX + 2];

	memset(value, 'x', sizeof(value) - 1);
	value[sizeof(value) - 1] = '\0';
	snprintf(xml, sizeof(xml), HEAD "<cas:user>u</cas:user><cas:attributes><cas:sn>%s</cas:sn></cas:attributes>" TAIL, value);
	rejected(xml, CAS_PARSE_MALFORMED, "attribute value too long");
}

static void empty_answer_rejected(void **state)
{
	struct cas_attributes a;
	char reason[CAS_REASON_MAX];

	assert_int_equal(cas_response_parse("", 0, &a, reason, sizeof(reason)), CAS_PARSE_MALFORMED);
	assert_non_null(strstr(reason, "empty"));
}

static void urls_and_tickets_checked(void **state)
{
	assert_true(cas_url_valid("https://ent.example.fr/cas"));
	assert_true(cas_url_valid("http://127.0.0.1:8443/cas"));
	assert_false(cas_url_valid("http://ent.example.fr/cas"));
	assert_false(cas_url_valid("https://ent.example.fr/cas/"));
	assert_false(cas_url_valid("https://ent.example.fr/cas?x=1"));
	assert_false(cas_url_valid("https:///cas"));
	assert_false(cas_url_valid("javascript:alert(1)"));
	assert_true(cas_ticket_valid("ST-1-abc"));
	assert_false(cas_ticket_valid("ST 1"));
	assert_false(cas_ticket_valid(""));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(success_keeps_needed_attributes),
		cmocka_unit_test(latin1_declared_is_read),
		cmocka_unit_test(failure_reported),
		cmocka_unit_test(wrong_namespace_rejected),
		cmocka_unit_test(control_character_rejected),
		cmocka_unit_test(long_value_rejected),
		cmocka_unit_test(empty_answer_rejected),
		cmocka_unit_test(urls_and_tickets_checked),
	};

	return cmocka_run_group_tests_name("cas_parse", tests, NULL, NULL);
}
