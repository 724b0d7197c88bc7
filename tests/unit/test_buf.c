/* Unit tests of the string builder and its escaping appenders. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"

static void html_escapes_text(void **state)
{
	struct buf b = BUF_INIT(0);

	assert_int_equal(buf_html(&b, "<p>%s</p>", "<script>alert(\"x\") & 'y'</script>"), 0);
	assert_string_equal(buf_cstr(&b), "<p>&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;</p>");
	buf_release(&b);
}

static void html_raw_and_integers(void **state)
{
	struct buf b = BUF_INIT(0);

	assert_int_equal(buf_html(&b, "%S|%d|%ld|%u|%lu|%lld|100%%", "<b>ok</b>", -3, 4000000000L, 7u, 8ul, -9LL), 0);
	assert_string_equal(buf_cstr(&b), "<b>ok</b>|-3|4000000000|7|8|-9|100%");
	buf_release(&b);
}

static void html_url_component(void **state)
{
	struct buf b = BUF_INIT(0);

	assert_int_equal(buf_html(&b, "/a/%U", "é t/?&"), 0);
	assert_string_equal(buf_cstr(&b), "/a/%C3%A9%20t%2F%3F%26");
	buf_release(&b);
}

static void html_precision_string(void **state)
{
	struct buf b = BUF_INIT(0);

	assert_int_equal(buf_html(&b, "[%.*s]", 3, "a<bcdef"), 0);
	assert_string_equal(buf_cstr(&b), "[a&lt;b]");
	buf_release(&b);
}

static void html_null_string_empty(void **state)
{
	struct buf b = BUF_INIT(0);

	assert_int_equal(buf_html(&b, "[%s][%S][%U]", NULL, NULL, NULL), 0);
	assert_string_equal(buf_cstr(&b), "[][][]");
	buf_release(&b);
}

static void html_unknown_conversion_fails(void **state)
{
	struct buf b = BUF_INIT(0);

	assert_int_equal(buf_html(&b, "%x", 3), -1);
	assert_true(buf_failed(&b));
	buf_release(&b);
}

static void maximum_enforced(void **state)
{
	struct buf b = BUF_INIT(8);

	assert_int_equal(buf_adds(&b, "12345678"), 0);
	assert_int_equal(buf_addc(&b, '9'), -1);
	assert_true(buf_failed(&b));
	/* After a failure every append is refused, even a small one. */
	assert_int_equal(buf_adds(&b, ""), -1);
	assert_null(buf_detach(&b, NULL));
	buf_release(&b);
}

static void json_escapes(void **state)
{
	struct buf b = BUF_INIT(0);
	const char text[] = "a\"b\\c\n\x01</";

	assert_int_equal(buf_add_json(&b, text, sizeof(text) - 1), 0);
	assert_string_equal(buf_cstr(&b), "\"a\\\"b\\\\c\\n\\u0001\\u003c/\"");
	buf_release(&b);
}

static void detach_empty_is_string(void **state)
{
	struct buf b = BUF_INIT(0);
	size_t len = 99;
	char *s = buf_detach(&b, &len);

	assert_non_null(s);
	assert_string_equal(s, "");
	assert_int_equal(len, 0);
	free(s);
}

static void addf_grows(void **state)
{
	struct buf b = BUF_INIT(0);
	int i;

	for (i = 0; i < 1000; i++)
		buf_addf(&b, "%04d", i);
	assert_false(buf_failed(&b));
	assert_int_equal(b.len, 4000);
	assert_memory_equal(b.data + 3996, "0999", 4);
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(html_escapes_text),
		cmocka_unit_test(html_raw_and_integers),
		cmocka_unit_test(html_url_component),
		cmocka_unit_test(html_precision_string),
		cmocka_unit_test(html_null_string_empty),
		cmocka_unit_test(html_unknown_conversion_fails),
		cmocka_unit_test(maximum_enforced),
		cmocka_unit_test(json_escapes),
		cmocka_unit_test(detach_empty_is_string),
		cmocka_unit_test(addf_grows),
	};

	return cmocka_run_group_tests_name("buf", tests, NULL, NULL);
}
