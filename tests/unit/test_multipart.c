/* Unit tests of the multipart/form-data parser. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/multipart.h"

struct boundary_case {
	const char *type;
	enum multipart_error error;
	const char *boundary;
};

static const struct boundary_case boundary_cases[] = {
	{ "multipart/form-data; boundary=abc", MULTIPART_OK, "abc" },
	{ "multipart/form-data; boundary=\"a b:c\"", MULTIPART_OK, "a b:c" },
	{ "Multipart/Form-Data;charset=utf-8;BOUNDARY=----WebKitFormBoundary7MA4YWxk", MULTIPART_OK, "----WebKitFormBoundary7MA4YWxk" },
	{ "multipart/form-data ; boundary=x ", MULTIPART_OK, "x" },
	{ "multipart/form-data", MULTIPART_BAD_BOUNDARY, NULL },
	{ "multipart/form-data; charset=utf-8", MULTIPART_BAD_BOUNDARY, NULL },
	{ "multipart/form-data; boundary=", MULTIPART_BAD_BOUNDARY, NULL },
	{ "multipart/form-data; boundary=\"unterminated", MULTIPART_BAD_BOUNDARY, NULL },
	{ "multipart/form-data; boundary=\"ends with space \"", MULTIPART_BAD_BOUNDARY, NULL },
	{ "multipart/form-data; boundary=bad<char", MULTIPART_BAD_BOUNDARY, NULL },
	/* 71 characters: one more than RFC 2046 allows. */
	{ "multipart/form-data; boundary=12345678901234567890123456789012345678901234567890123456789012345678901",
	  MULTIPART_BAD_BOUNDARY, NULL },
	{ "multipart/mixed; boundary=abc", MULTIPART_BAD_BOUNDARY, NULL },
	{ "multipart/form-datax; boundary=abc", MULTIPART_BAD_BOUNDARY, NULL },
	{ "application/x-www-form-urlencoded", MULTIPART_BAD_BOUNDARY, NULL },
};

static void boundary_from_content_type(void **state)
{
	char out[MULTIPART_MAX_BOUNDARY_BYTES + 1];
	size_t i;

	for (i = 0; i < sizeof(boundary_cases) / sizeof(boundary_cases[0]); i++) {
		const struct boundary_case *c = &boundary_cases[i];
		enum multipart_error e = multipart_boundary(c->type, strlen(c->type), out, sizeof(out));

		if (e != c->error)
			fail_msg("%s: error %d, expected %d", c->type, e, c->error);
		if (c->boundary)
			assert_string_equal(out, c->boundary);
	}
}

struct parse_case {
	const char *what;
	const char *body;
	size_t len; /* 0: strlen(body) */
	enum multipart_error error;
	size_t parts;
};

#define CRLF "\r\n"
#define FIELD(name, value) "--B" CRLF "Content-Disposition: form-data; name=\"" name "\"" CRLF CRLF value CRLF

static const struct parse_case parse_cases[] = {
	{ "one field", FIELD("csrf", "abc") "--B--" CRLF, 0, MULTIPART_OK, 1 },
	{ "no final CRLF", FIELD("csrf", "abc") "--B--", 0, MULTIPART_OK, 1 },
	{ "preamble and epilogue", "ignored preamble" CRLF FIELD("a", "1") "--B--" CRLF "epilogue", 0, MULTIPART_OK, 1 },
	{ "padding after delimiter", "--B  " CRLF "Content-Disposition: form-data; name=a" CRLF CRLF "1" CRLF "--B--", 0, MULTIPART_OK, 1 },
	{ "two fields and a file",
	  FIELD("csrf", "t") "--B" CRLF "Content-Disposition: form-data; name=\"fichier\"; filename=\"liste.csv\"" CRLF
	  "Content-Type: text/csv" CRLF CRLF "a;b" CRLF "c;d" CRLF FIELD("x", "") "--B--", 0, MULTIPART_OK, 3 },
	{ "empty body", "", 0, MULTIPART_NO_DELIMITER, 0 },
	{ "no delimiter", "just text", 0, MULTIPART_NO_DELIMITER, 0 },
	{ "close only", "--B--" CRLF, 0, MULTIPART_OK, 0 },
	{ "missing close", FIELD("a", "1"), 0, MULTIPART_UNTERMINATED, 0 },
	{ "cut in headers", "--B" CRLF "Content-Disposition: form-data; name=\"a\"", 0, MULTIPART_UNTERMINATED, 0 },
	{ "cut in content", "--B" CRLF "Content-Disposition: form-data; name=\"a\"" CRLF CRLF "abc", 0, MULTIPART_UNTERMINATED, 0 },
	{ "cut after delimiter", "--B", 0, MULTIPART_UNTERMINATED, 0 },
	{ "text after delimiter", "--Bx" CRLF, 0, MULTIPART_BAD_DELIMITER, 0 },
	{ "no headers", "--B" CRLF CRLF "value" CRLF "--B--", 0, MULTIPART_BAD_HEADER, 0 },
	{ "no disposition", "--B" CRLF "Content-Type: text/plain" CRLF CRLF "v" CRLF "--B--", 0, MULTIPART_BAD_HEADER, 0 },
	{ "attachment disposition", "--B" CRLF "Content-Disposition: attachment; name=\"a\"" CRLF CRLF "v" CRLF "--B--", 0, MULTIPART_BAD_HEADER, 0 },
	{ "no name", "--B" CRLF "Content-Disposition: form-data; filename=\"a\"" CRLF CRLF "v" CRLF "--B--", 0, MULTIPART_BAD_HEADER, 0 },
	{ "name twice", "--B" CRLF "Content-Disposition: form-data; name=a; name=b" CRLF CRLF "v" CRLF "--B--", 0, MULTIPART_BAD_HEADER, 0 },
	{ "two dispositions", "--B" CRLF "Content-Disposition: form-data; name=a" CRLF "Content-Disposition: form-data; name=b" CRLF CRLF "v" CRLF "--B--", 0, MULTIPART_BAD_HEADER, 0 },
	{ "unterminated quote", "--B" CRLF "Content-Disposition: form-data; name=\"a" CRLF CRLF "v" CRLF "--B--", 0, MULTIPART_BAD_HEADER, 0 },
	{ "folded header", "--B" CRLF "Content-Disposition: form-data;" CRLF " name=a" CRLF CRLF "v" CRLF "--B--", 0, MULTIPART_BAD_HEADER, 0 },
	{ "invalid UTF-8 name", "--B" CRLF "Content-Disposition: form-data; name=\"\xff\"" CRLF CRLF "v" CRLF "--B--", 0, MULTIPART_BAD_HEADER, 0 },
};

static void parse_table(void **state)
{
	size_t i;

	for (i = 0; i < sizeof(parse_cases) / sizeof(parse_cases[0]); i++) {
		const struct parse_case *c = &parse_cases[i];
		struct multipart m;
		enum multipart_error e = multipart_parse(&m, "B", c->body, c->len ? c->len : strlen(c->body));

		if (e != c->error)
			fail_msg("%s: error %d, expected %d", c->what, e, c->error);
		if (m.count != c->parts)
			fail_msg("%s: %zu parts, expected %zu", c->what, m.count, c->parts);
		multipart_release(&m);
	}
}

static void file_part_keeps_every_byte(void **state)
{
	static const char body[] = "--B" CRLF "Content-Disposition: form-data; name=\"csrf\"" CRLF CRLF "tok" CRLF
				   "--B" CRLF "content-disposition: FORM-DATA; NAME=fichier; filename=\"a\\\"b.csv\"" CRLF
				   "Content-Type: application/octet-stream" CRLF CRLF
				   "x\0y" CRLF "--A" CRLF "--" CRLF "\r\n-B" CRLF "--B--" CRLF;
	/* Anything but CRLF "--B", which the sender keeps out of contents. */
	static const char content[] = "x\0y" CRLF "--A" CRLF "--" CRLF "\r\n-B";
	const struct multipart_part *file;
	struct multipart m;
	struct form f;

	assert_int_equal(multipart_parse(&m, "B", body, sizeof(body) - 1), MULTIPART_OK);
	assert_int_equal(m.count, 2);
	assert_null(m.parts[0].filename);
	file = multipart_file(&m, "fichier");
	assert_non_null(file);
	assert_string_equal(file->filename, "a\"b.csv");
	assert_string_equal(file->content_type, "application/octet-stream");
	assert_int_equal(file->len, sizeof(content) - 1);
	assert_memory_equal(file->data, content, sizeof(content) - 1);
	assert_null(multipart_file(&m, "csrf"));

	assert_int_equal(multipart_text_fields(&m, &f), MULTIPART_OK);
	assert_int_equal(f.count, 1);
	assert_string_equal(form_get(&f, "csrf"), "tok");
	assert_null(form_get(&f, "fichier"));
	form_release(&f);
	multipart_release(&m);
}

static void empty_file_field(void **state)
{
	static const char body[] = "--B" CRLF "Content-Disposition: form-data; name=\"fichier\"; filename=\"\"" CRLF
				   "Content-Type: application/octet-stream" CRLF CRLF CRLF "--B--" CRLF;
	const struct multipart_part *file;
	struct multipart m;

	assert_int_equal(multipart_parse(&m, "B", body, sizeof(body) - 1), MULTIPART_OK);
	file = multipart_file(&m, "fichier");
	assert_non_null(file);
	assert_string_equal(file->filename, "");
	assert_int_equal(file->len, 0);
	multipart_release(&m);
}

/* A body of `parts` text fields named f0, f1... with `value` each. */
static char *many_fields(size_t parts, const char *value, size_t *len)
{
	size_t size = parts * (strlen(value) + 80) + 16, n = 0, i;
	char *body = malloc(size);

	assert_non_null(body);
	for (i = 0; i < parts; i++)
		n += (size_t)snprintf(body + n, size - n, "--B\r\nContent-Disposition: form-data; name=\"f%zu\"\r\n\r\n%s\r\n", i, value);
	n += (size_t)snprintf(body + n, size - n, "--B--\r\n");
	*len = n;
	return body;
}

static void parts_limit(void **state)
{
	struct multipart m;
	size_t len;
	char *body = many_fields(MULTIPART_MAX_PARTS, "v", &len);

	assert_int_equal(multipart_parse(&m, "B", body, len), MULTIPART_OK);
	assert_int_equal(m.count, MULTIPART_MAX_PARTS);
	multipart_release(&m);
	free(body);
	body = many_fields(MULTIPART_MAX_PARTS + 1, "v", &len);
	assert_int_equal(multipart_parse(&m, "B", body, len), MULTIPART_TOO_MANY_PARTS);
	assert_int_equal(m.count, 0);
	free(body);
}

static void header_limit(void **state)
{
	size_t pad = MULTIPART_MAX_HEADER_BYTES, size = pad + 256, n;
	char *body = malloc(size);
	struct multipart m;

	assert_non_null(body);
	n = (size_t)snprintf(body, size, "--B\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Pad: ");
	memset(body + n, 'p', pad);
	n += pad;
	n += (size_t)snprintf(body + n, size - n, "\r\n\r\nv\r\n--B--\r\n");
	assert_int_equal(multipart_parse(&m, "B", body, n), MULTIPART_HEADER_TOO_LARGE);
	free(body);
}

static void text_field_limits(void **state)
{
	char value[FORM_MAX_VALUE_BYTES + 2];
	struct multipart m;
	struct form f;
	size_t len;
	char *body;

	memset(value, 'v', sizeof(value) - 1);
	value[sizeof(value) - 1] = '\0';
	body = many_fields(1, value, &len);
	assert_int_equal(multipart_parse(&m, "B", body, len), MULTIPART_OK);
	assert_int_equal(multipart_text_fields(&m, &f), MULTIPART_BAD_FIELD);
	assert_int_equal(f.count, 0);
	multipart_release(&m);
	free(body);
	body = many_fields(1, "a\xff", &len);
	assert_int_equal(multipart_parse(&m, "B", body, len), MULTIPART_OK);
	assert_int_equal(multipart_text_fields(&m, &f), MULTIPART_BAD_FIELD);
	multipart_release(&m);
	free(body);
}

static void every_error_has_a_message(void **state)
{
	int e;

	assert_string_equal(multipart_error_message(MULTIPART_OK), "");
	for (e = MULTIPART_BAD_BOUNDARY; e <= MULTIPART_NO_MEMORY; e++)
		assert_true(strlen(multipart_error_message((enum multipart_error)e)) > 20);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(boundary_from_content_type),
		cmocka_unit_test(parse_table),
		cmocka_unit_test(file_part_keeps_every_byte),
		cmocka_unit_test(empty_file_field),
		cmocka_unit_test(parts_limit),
		cmocka_unit_test(header_limit),
		cmocka_unit_test(text_field_limits),
		cmocka_unit_test(every_error_has_a_message),
	};

	return cmocka_run_group_tests_name("multipart", tests, NULL, NULL);
}
