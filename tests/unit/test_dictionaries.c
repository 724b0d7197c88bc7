/* Unit tests of the dictzip reader, the FreeDict dictionaries and the
 * spelling helper, on the installed Debian data and on a dictzip file
 * built here with zlib. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "tools/bilingual.h"
#include "tools/dictzip.h"
#include "tools/spelling.h"

#define CHUNK 16

/* Build a dictzip file of `text` cut into CHUNK-byte chunks; returns its
 * length in `out` (at least 4096 bytes). */
static size_t dictzip_build(const char *text, unsigned char *out, int flags_extra)
{
	size_t len = strlen(text), chunks = (len + CHUNK - 1) / CHUNK, at, i;
	unsigned char *sizes;
	z_stream z = { 0 };

	memcpy(out, "\x1f\x8b\x08", 3);
	out[3] = (unsigned char)(0x04 | flags_extra);
	memset(out + 4, 0, 6);
	out[10] = (unsigned char)(10 + 2 * chunks);
	out[11] = 0;
	memcpy(out + 12, "RA", 2);
	out[14] = (unsigned char)(6 + 2 * chunks);
	out[15] = 0;
	out[16] = 1, out[17] = 0, out[18] = CHUNK, out[19] = 0;
	out[20] = (unsigned char)chunks, out[21] = 0;
	sizes = out + 22;
	at = 22 + 2 * chunks;
	if (flags_extra & 0x08) { /* a file name field */
		memcpy(out + at, "mot.dict", 9);
		at += 9;
	}
	assert_int_equal(deflateInit2(&z, 9, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
	for (i = 0; i < chunks; i++) {
		size_t n = len - i * CHUNK < CHUNK ? len - i * CHUNK : CHUNK, before = z.total_out;

		z.next_in = (unsigned char *)text + i * CHUNK;
		z.avail_in = (uInt)n;
		z.next_out = out + at;
		z.avail_out = 4096;
		assert_int_not_equal(deflate(&z, i + 1 == chunks ? Z_FINISH : Z_FULL_FLUSH), Z_STREAM_ERROR);
		sizes[2 * i] = (unsigned char)((z.total_out - before) & 0xff);
		sizes[2 * i + 1] = (unsigned char)((z.total_out - before) >> 8);
		at += z.total_out - before;
	}
	deflateEnd(&z);
	return at;
}

static void dictzip_reads_across_chunks(void **state)
{
	static const char text[] = "Le corbeau et le renard, une fable de Jean de La Fontaine.";
	unsigned char file[4096];
	size_t len = dictzip_build(text, file, 0x08);
	struct dictzip *dz = dictzip_parse(file, len);
	char out[128];

	assert_non_null(dz);
	assert_int_equal(dictzip_read(dz, 0, 9, out, sizeof(out)), 0);
	assert_string_equal(out, "Le corbea");
	assert_int_equal(dictzip_read(dz, 11, 20, out, sizeof(out)), 0);
	assert_string_equal(out, "et le renard, une fa");
	assert_int_equal(dictzip_read(dz, 0, strlen(text), out, sizeof(out)), 0);
	assert_string_equal(out, text);
	assert_int_equal(dictzip_read(dz, 50, 30, out, sizeof(out)), -1);
	assert_int_equal(dictzip_read(dz, 4000, 1, out, sizeof(out)), -1);
	assert_int_equal(dictzip_read(dz, 0, 10, out, 10), -1);
	dictzip_free(dz);
}

static void dictzip_rejects_bad_headers(void **state)
{
	static const char text[] = "abcdefghijklmnopqrstuvwxyz";
	unsigned char file[4096];
	size_t len = dictzip_build(text, file, 0);

	assert_null(dictzip_parse((const unsigned char *)"not gzip at all, no", 19));
	file[12] = 'X'; /* no "RA" field */
	assert_null(dictzip_parse(file, len));
	file[12] = 'R';
	assert_null(dictzip_parse(file, 20)); /* cut short */
	file[3] = 0; /* no extra field */
	assert_null(dictzip_parse(file, len));
	dictzip_free(NULL);
}

static void freedict_english_to_french(void **state)
{
	char err[512], entry[4096];
	struct bilingual *b = bilingual_open(NULL, BILINGUAL_EN_FR, err, sizeof(err));
	size_t found[BILINGUAL_MAX_RESULTS];
	int exact;

	assert_non_null(b);
	assert_true(bilingual_count(b) > 8000);
	assert_int_equal(bilingual_find(b, "house", found, BILINGUAL_MAX_RESULTS, &exact), 1);
	assert_int_equal(exact, 1);
	assert_int_equal(bilingual_entry(b, found[0], entry, sizeof(entry)), 0);
	assert_non_null(strstr(entry, "maison"));
	assert_true(bilingual_find(b, "hous", found, BILINGUAL_MAX_RESULTS, &exact) > 0);
	assert_int_equal(exact, 0);
	assert_string_equal(bilingual_headword(b, found[0]), "house");
	assert_int_equal(bilingual_find(b, "qqqqq", found, BILINGUAL_MAX_RESULTS, &exact), 0);
	bilingual_free(b);
}

static void freedict_french_without_accents(void **state)
{
	char err[512], entry[4096];
	struct bilingual *b = bilingual_open(NULL, BILINGUAL_FR_EN, err, sizeof(err));
	size_t found[BILINGUAL_MAX_RESULTS];
	int exact;

	assert_non_null(b);
	assert_int_equal(bilingual_find(b, "ETRE", found, BILINGUAL_MAX_RESULTS, &exact), 1);
	assert_int_equal(exact, 1);
	assert_string_equal(bilingual_headword(b, found[0]), "être");
	assert_int_equal(bilingual_entry(b, found[0], entry, sizeof(entry)), 0);
	assert_string_equal(entry, "être /ɛtʀ/ <v>\nbe\n");
	bilingual_free(b);
}

static void freedict_missing_folder(void **state)
{
	char err[512];

	assert_null(bilingual_open("/nonexistent", BILINGUAL_EN_FR, err, sizeof(err)));
	assert_non_null(strstr(err, "dict-freedict-eng-fra"));
}

static void spelling_checks_and_suggests(void **state)
{
	char err[512];
	struct spelling *s = spelling_open(NULL, NULL, err, sizeof(err));
	struct buf list = BUF_INIT(0);
	const char *p;
	size_t n, i;
	bool found = false;

	assert_non_null(s);
	assert_true(spelling_check(s, "maison"));
	assert_true(spelling_check(s, "école"));
	assert_false(spelling_check(s, "mezon"));
	n = spelling_suggest(s, "enfan", &list, SPELLING_MAX_SUGGESTIONS);
	assert_true(n > 0);
	for (i = 0, p = buf_cstr(&list); i < n; i++, p += strlen(p) + 1)
		found |= strcmp(p, "enfant") == 0;
	assert_true(found);
	buf_release(&list);
	spelling_free(s);
}

static void thesaurus_synonyms(void **state)
{
	char err[512];
	struct spelling *s = spelling_open(NULL, NULL, err, sizeof(err));
	struct synonym_group g[SPELLING_MAX_MEANINGS];
	size_t n;

	assert_non_null(s);
	n = spelling_synonyms(s, "abaca", g, SPELLING_MAX_MEANINGS);
	assert_int_equal(n, 1);
	assert_int_equal(g[0].part_len, strlen("(Nom)"));
	assert_memory_equal(g[0].part_of_speech, "(Nom)", 5);
	assert_int_equal(g[0].synonyms_len, strlen("chanvre|chènevière|filasse|jute"));
	assert_memory_equal(g[0].synonyms, "chanvre|chènevière|filasse|jute", g[0].synonyms_len);
	assert_true(spelling_synonyms(s, "Maison", g, SPELLING_MAX_MEANINGS) > 0);
	assert_int_equal(spelling_synonyms(s, "zzzqqq", g, SPELLING_MAX_MEANINGS), 0);
	spelling_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dictzip_reads_across_chunks),
		cmocka_unit_test(dictzip_rejects_bad_headers),
		cmocka_unit_test(freedict_english_to_french),
		cmocka_unit_test(freedict_french_without_accents),
		cmocka_unit_test(freedict_missing_folder),
		cmocka_unit_test(spelling_checks_and_suggests),
		cmocka_unit_test(thesaurus_synonyms),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
