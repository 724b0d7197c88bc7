/* Unit tests of content/answer.c: text normalisation, text matching and
 * French numbers. Each table row is checked and reported on its own. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "content/answer.h"

#define NBSP "\u00a0"
#define NNBSP "\u202f"
#define THIN "\u2009"

#define CS ANSWER_CASE_SENSITIVE
#define NOACC ANSWER_IGNORE_ACCENTS
#define OE ANSWER_OE_DISTINCT
#define REFORM ANSWER_REFORM_1990

struct normalize_row {
	const char *in;
	unsigned flags;
	const char *want;
};

static const struct normalize_row normalize_rows[] = {
	{ "Chat", 0, "chat" },
	{ "  le   chat  ", 0, "le chat" },
	{ "le\tchat\nnoir", 0, "le chat noir" },
	{ "l’arbre", 0, "l'arbre" },
	{ "l‘arbre", 0, "l'arbre" },
	{ "lʼarbre", 0, "l'arbre" },
	{ "e\xcc\x81t\xc3\xa9", 0, "\xc3\xa9t\xc3\xa9" }, /* NFD to NFC */
	{ "Été", CS, "Été" },
	{ "Été", NOACC, "ete" },
	{ "cœur", 0, "coeur" },
	{ "Œuvre", CS, "OEuvre" },
	{ "ex" NBSP "aequo", 0, "ex aequo" },
	{ "3" NNBSP "500", 0, "3 500" },
	{ "a\xe2\x80\x8b" "b", 0, "ab" }, /* zero-width space dropped */
	{ "", 0, "" },
	{ " \t\n ", 0, "" },
	{ "peut\xe2\x80\x91\xc3\xaatre", 0, "peut-\xc3\xaatre" },
};

static void normalize_table(void **state)
{
	size_t i, failed = 0;

	for (i = 0; i < sizeof(normalize_rows) / sizeof(normalize_rows[0]); i++) {
		const struct normalize_row *r = &normalize_rows[i];
		char *out = NULL;
		int rc = answer_normalize(r->in, strlen(r->in), r->flags, &out);

		if (rc != 0 || strcmp(out, r->want) != 0) {
			print_error("normalize row %zu (\"%s\"): got \"%s\", want"
				    " \"%s\"\n", i, r->in, out ? out : "(null)",
				    r->want);
			failed++;
		}
		free(out);
	}
	assert_int_equal(failed, 0);
}

static void normalize_invalid_utf8(void **state)
{
	char *out = (char *)"x";

	assert_int_equal(answer_normalize("a\xff", 2, 0, &out), ANSWER_ERR_UTF8);
	assert_null(out);
}

static void normalize_stops_at_len(void **state)
{
	char *out = NULL;

	assert_int_equal(answer_normalize("abcdef", 3, 0, &out), 0);
	assert_string_equal(out, "abc");
	free(out);
}

struct match_row {
	const char *given;
	const char *expected;
	unsigned flags;
	int want;
};

static const struct match_row match_rows[] = {
	{ "chat", "chat", 0, ANSWER_SAME },
	{ "Chat", "chat", 0, ANSWER_SAME },
	{ "CHAT", "chat", 0, ANSWER_SAME },
	{ "  chat ", "chat", 0, ANSWER_SAME },
	{ "chien", "chat", 0, ANSWER_DIFFERENT },
	{ "chats", "chat", 0, ANSWER_DIFFERENT },
	{ "", "chat", 0, ANSWER_DIFFERENT },
	{ "l'arbre", "l’arbre", 0, ANSWER_SAME },
	{ "l’arbre", "l'arbre", 0, ANSWER_SAME },
	{ "lʼarbre", "l’arbre", 0, ANSWER_SAME },
	{ "l ’arbre", "l’arbre", 0, ANSWER_DIFFERENT },
	{ "ete", "été", 0, ANSWER_ACCENTS_DIFFER },
	{ "été", "ete", 0, ANSWER_ACCENTS_DIFFER },
	{ "a", "à", 0, ANSWER_ACCENTS_DIFFER },
	{ "à", "à", 0, ANSWER_SAME },
	{ "A", "à", 0, ANSWER_ACCENTS_DIFFER },
	{ "ete", "été", NOACC, ANSWER_SAME },
	{ "e\xcc\x81t\xc3\xa9", "été", 0, ANSWER_SAME },
	{ "paris", "Paris", CS, ANSWER_CASE_DIFFERS },
	{ "Paris", "Paris", CS, ANSWER_SAME },
	{ "PARIS", "Paris", CS, ANSWER_CASE_DIFFERS },
	{ "londres", "Paris", CS, ANSWER_DIFFERENT },
	{ "le  petit\tchat", "le petit chat", 0, ANSWER_SAME },
	{ "le" NBSP "chat", "le chat", 0, ANSWER_SAME },
	{ "le" NNBSP "chat", "le chat", 0, ANSWER_SAME },
	{ "le" THIN "chat", "le chat", 0, ANSWER_SAME },
	{ "le\nchat", "le chat", 0, ANSWER_SAME },
	{ "lechat", "le chat", 0, ANSWER_DIFFERENT },
	{ "coeur", "cœur", 0, ANSWER_SAME },
	{ "soeur", "sœur", 0, ANSWER_SAME },
	{ "3/4", "3/4", 0, ANSWER_SAME },
	{ "12 : 3", "12 : 3", 0, ANSWER_SAME },
	{ "12 :3", "12 : 3", 0, ANSWER_DIFFERENT },
	{ "{x}", "{x}", 0, ANSWER_SAME },
	{ "a=b#c~d*e", "a=b#c~d*e", 0, ANSWER_SAME },
	{ "ÉLÈVE", "élève", 0, ANSWER_SAME },
	{ "eleve", "élève", 0, ANSWER_ACCENTS_DIFFER },
	{ "Élève", "élève", CS, ANSWER_CASE_DIFFERS },
	{ "aujourd’hui", "aujourd'hui", 0, ANSWER_SAME },
	{ "aujourdhui", "aujourd'hui", 0, ANSWER_DIFFERENT },
	{ "Noël", "noel", 0, ANSWER_ACCENTS_DIFFER },
	{ "ça", "ca", 0, ANSWER_ACCENTS_DIFFER },
	{ "ca", "ça", NOACC, ANSWER_SAME },
	{ "Où", "ou", 0, ANSWER_ACCENTS_DIFFER },
	{ "ou", "où", 0, ANSWER_ACCENTS_DIFFER },
	{ "mangent", "mangent", 0, ANSWER_SAME },
	{ "mange", "mangent", 0, ANSWER_DIFFERENT },
	{ "MANGENT ", " mangent", 0, ANSWER_SAME },
	{ "c'est-à-dire", "c’est-à-dire", 0, ANSWER_SAME },
	{ "c'est a dire", "c’est-à-dire", 0, ANSWER_DIFFERENT },
	{ "l`arbre", "l’arbre", 0, ANSWER_SAME },
	{ "1/4", "1/4", 0, ANSWER_SAME },
	{ "1 / 4", "1/4", 0, ANSWER_DIFFERENT },
	{ "un quart", "Un quart", 0, ANSWER_SAME },
	{ "Un Quart", "un quart", CS, ANSWER_CASE_DIFFERS },
	{ "ÉTÉ", "été", CS, ANSWER_CASE_DIFFERS },
	{ "ete", "Été", CS, ANSWER_DIFFERENT },
	{ "naïf", "naif", 0, ANSWER_ACCENTS_DIFFER },
	{ "naïf", "naïf", CS, ANSWER_SAME },
	{ "Straße", "strasse", 0, ANSWER_SAME },
	{ "œuf", "oeuf", CS, ANSWER_SAME },
	{ "\\|]]", "\\|]]", 0, ANSWER_SAME },
	/* œ and oe told apart on request */
	{ "coeur", "cœur", OE, ANSWER_DIFFERENT },
	{ "cœur", "cœur", OE, ANSWER_SAME },
	{ "Cœur", "cœur", OE, ANSWER_SAME },
	{ "aesthete", "æsthete", OE, ANSWER_DIFFERENT },
	/* markup of the answer key never reaches the comparison */
	{ "veau", "**veau**", 0, ANSWER_SAME },
	{ "le veau", "le *veau*", 0, ANSWER_SAME },
	{ "le veau", "_le_ veau", 0, ANSWER_SAME },
	{ "veau", "<b>veau</b>", 0, ANSWER_SAME },
	{ "**veau**", "veau", 0, ANSWER_DIFFERENT },
	{ "5 * 3", "5 * 3", 0, ANSWER_SAME },
	{ "2*3", "2*3", 0, ANSWER_SAME },
	{ "3 < 4", "3 < 4", 0, ANSWER_SAME },
	{ "ete", "**été**", 0, ANSWER_ACCENTS_DIFFER },
	/* 1990 reform spellings, both ways, only when the item allows them */
	{ "ognon", "oignon", REFORM, ANSWER_SAME },
	{ "oignon", "ognon", REFORM, ANSWER_SAME },
	{ "ognon", "oignon", 0, ANSWER_DIFFERENT },
	{ "des ognons", "des oignons", REFORM, ANSWER_SAME },
	{ "nénufar", "nénuphar", REFORM, ANSWER_SAME },
	{ "évènement", "événement", REFORM, ANSWER_SAME },
	{ "événement", "évènement", REFORM, ANSWER_SAME },
	{ "évènement", "événement", 0, ANSWER_ACCENTS_DIFFER },
	{ "charriot", "chariot", REFORM, ANSWER_SAME },
	{ "weekend", "week-end", REFORM, ANSWER_SAME },
	{ "connaitre", "connaître", REFORM, ANSWER_SAME },
	{ "connaître", "connaitre", REFORM, ANSWER_SAME },
	{ "connaitre", "connaître", 0, ANSWER_ACCENTS_DIFFER },
	{ "il parait", "il paraît", REFORM, ANSWER_SAME },
	{ "flute", "flûte", REFORM, ANSWER_SAME },
	{ "du", "dû", REFORM, ANSWER_ACCENTS_DIFFER },
	{ "sur", "sûr", REFORM, ANSWER_ACCENTS_DIFFER },
	{ "nous fumes", "nous fûmes", REFORM, ANSWER_ACCENTS_DIFFER },
	{ "vingt-et-un", "vingt et un", REFORM, ANSWER_SAME },
	{ "vingt et un", "vingt-et-un", REFORM, ANSWER_SAME },
	{ "deux-cent-trois", "deux cent trois", REFORM, ANSWER_SAME },
	{ "vingt-et-un", "vingt et un", 0, ANSWER_DIFFERENT },
	{ "porte-avions", "porte avions", REFORM, ANSWER_DIFFERENT },
	{ "oignonade", "ognonade", REFORM, ANSWER_DIFFERENT },
};

static void match_table(void **state)
{
	size_t i, failed = 0;

	for (i = 0; i < sizeof(match_rows) / sizeof(match_rows[0]); i++) {
		const struct match_row *r = &match_rows[i];
		int got = answer_text_matches(r->given, strlen(r->given),
					      r->expected, strlen(r->expected),
					      r->flags);

		if (got != r->want) {
			print_error("match row %zu (\"%s\" vs \"%s\"): got %d,"
				    " want %d\n", i, r->given, r->expected, got,
				    r->want);
			failed++;
		}
		assert_int_equal(got, r->want);
	}
	assert_int_equal(failed, 0);
}

static void match_invalid_utf8(void **state)
{
	assert_int_equal(answer_text_matches("\xc3", 1, "a", 1, 0),
			 ANSWER_ERR_UTF8);
}

/* A number row: the status, and for ANSWER_NUMBER_OK the value as
 * `digits` / 10^`decimals`. */
struct number_row {
	const char *in;
	int status;
	long long digits;
	int decimals;
};

static const struct number_row number_rows[] = {
	{ "3", ANSWER_NUMBER_OK, 3, 0 },
	{ "3,5", ANSWER_NUMBER_OK, 35, 1 },
	{ " 3,5 ", ANSWER_NUMBER_OK, 35, 1 },
	{ "3,50", ANSWER_NUMBER_OK, 35, 1 },
	{ "03,5", ANSWER_NUMBER_OK, 35, 1 },
	{ "0,3", ANSWER_NUMBER_OK, 3, 1 },
	{ "3 500", ANSWER_NUMBER_OK, 3500, 0 },
	{ "3" NBSP "500", ANSWER_NUMBER_OK, 3500, 0 },
	{ "3" NNBSP "500", ANSWER_NUMBER_OK, 3500, 0 },
	{ "3" THIN "500", ANSWER_NUMBER_OK, 3500, 0 },
	{ "1 234 567", ANSWER_NUMBER_OK, 1234567, 0 },
	{ "3500", ANSWER_NUMBER_OK, 3500, 0 },
	{ "12 500,25", ANSWER_NUMBER_OK, 1250025, 2 },
	{ "3,141 59", ANSWER_NUMBER_OK, 314159, 5 },
	{ "-2", ANSWER_NUMBER_OK, -2, 0 },
	{ "+2", ANSWER_NUMBER_OK, 2, 0 },
	{ "\xe2\x88\x92" "2,5", ANSWER_NUMBER_OK, -25, 1 },
	{ "- 4", ANSWER_NUMBER_OK, -4, 0 },
	{ "007", ANSWER_NUMBER_OK, 7, 0 },
	{ "0", ANSWER_NUMBER_OK, 0, 0 },
	{ "-0", ANSWER_NUMBER_OK, 0, 0 },
	{ "0,000000000001", ANSWER_NUMBER_OK, 1, 12 },
	{ "999999999999999999", ANSWER_NUMBER_OK, 999999999999999999LL, 0 },
	{ "", ANSWER_NUMBER_EMPTY, 0, 0 },
	{ "   ", ANSWER_NUMBER_EMPTY, 0, 0 },
	{ "3.5", ANSWER_NUMBER_INVALID, 0, 0 },
	{ "3.500", ANSWER_NUMBER_INVALID, 0, 0 },
	{ "1.234.567", ANSWER_NUMBER_INVALID, 0, 0 },
	{ "3,5.2", ANSWER_NUMBER_INVALID, 0, 0 },
	{ "3,5,2", ANSWER_NUMBER_INVALID, 0, 0 },
	{ ",5", ANSWER_NUMBER_INVALID, 0, 0 },
	{ "5,", ANSWER_NUMBER_INVALID, 0, 0 },
	{ "35 00", ANSWER_NUMBER_INVALID, 0, 0 },
	{ "3 5", ANSWER_NUMBER_INVALID, 0, 0 },
	{ "3 ,5", ANSWER_NUMBER_INVALID, 0, 0 },
	{ "douze", ANSWER_NUMBER_INVALID, 0, 0 },
	{ "12a", ANSWER_NUMBER_INVALID, 0, 0 },
	{ "1/2", ANSWER_NUMBER_INVALID, 0, 0 },
	{ "-", ANSWER_NUMBER_INVALID, 0, 0 },
	{ "--2", ANSWER_NUMBER_INVALID, 0, 0 },
	{ "1e5", ANSWER_NUMBER_INVALID, 0, 0 },
	{ "1234567890123456789", ANSWER_NUMBER_INVALID, 0, 0 },
	{ "0,0000000000001", ANSWER_NUMBER_INVALID, 0, 0 },
	{ "\xff", ANSWER_NUMBER_INVALID, 0, 0 },
};

static __int128 scaled_of(long long digits, int decimals)
{
	__int128 v = digits;
	int k;

	for (k = decimals; k < ANSWER_MAX_DECIMALS; k++)
		v *= 10;
	return v;
}

static void number_table(void **state)
{
	size_t i, failed = 0;

	for (i = 0; i < sizeof(number_rows) / sizeof(number_rows[0]); i++) {
		const struct number_row *r = &number_rows[i];
		struct answer_decimal d;
		char *message = NULL;
		int rc = answer_parse_decimal(r->in, strlen(r->in), &d, &message);
		bool ok = rc == r->status;

		if (ok && rc == ANSWER_NUMBER_OK)
			ok = d.scaled == scaled_of(r->digits, r->decimals);
		if (ok && rc == ANSWER_NUMBER_INVALID)
			ok = message != NULL;
		if (!ok) {
			print_error("number row %zu (\"%s\"): got status %d,"
				    " want %d, or the value differs\n", i,
				    r->in, rc, r->status);
			failed++;
		}
		free(message);
	}
	assert_int_equal(failed, 0);
}

struct message_row {
	const char *in;
	const char *want;
};

static const struct message_row message_rows[] = {
	{ "3.5", "Écris le nombre avec une virgule" NBSP ": 3,5" },
	{ "-3.5", "Écris le nombre avec une virgule" NBSP ": -3,5" },
	{ "3.500", "Écris le nombre avec une virgule (3,500) ou avec une"
		   " espace pour les milliers (3 500)." },
	{ "1.234.567", "Écris le nombre sans point, avec des espaces pour les"
		       " milliers" NBSP ": 1 234 567" },
	{ "3,5,2", "Il y a plusieurs virgules" NBSP ": un nombre n’en a"
		   " qu’une." },
	{ "douze", "Écris seulement un nombre, par exemple 12 ou 3,5." },
	{ "35 00", "Vérifie les espaces" NBSP ": on groupe les chiffres par"
		   " trois, comme dans 12 500." },
	{ ",5", "Écris un chiffre avant la virgule, par exemple 0,5." },
};

static void number_messages(void **state)
{
	size_t i, failed = 0;

	for (i = 0; i < sizeof(message_rows) / sizeof(message_rows[0]); i++) {
		const struct message_row *r = &message_rows[i];
		struct answer_decimal d;
		char *message = NULL;

		answer_parse_decimal(r->in, strlen(r->in), &d, &message);
		if (!message || strcmp(message, r->want) != 0) {
			print_error("message row %zu (\"%s\"): got \"%s\"\n", i,
				    r->in, message ? message : "(null)");
			failed++;
		}
		free(message);
	}
	assert_int_equal(failed, 0);
}

struct close_row {
	const char *given;
	const char *expected;
	const char *tolerance;
	bool want;
};

static const struct close_row close_rows[] = {
	{ "0,3", "0,3", "0", true },
	{ "0,30", "0,3", "0", true },
	{ "0,31", "0,3", "0", false },
	{ "0,300000000001", "0,3", "0", false },
	{ "3,4", "3,5", "0,1", true },
	{ "3,6", "3,5", "0,1", true },
	{ "3,61", "3,5", "0,1", false },
	{ "-3,5", "3,5", "0", false },
	{ "3 500", "3500", "0", true },
	{ "12", "12,5", "0,5", true },
	{ "11,99", "12,5", "0,5", false },
};

static void close_table(void **state)
{
	size_t i, failed = 0;

	for (i = 0; i < sizeof(close_rows) / sizeof(close_rows[0]); i++) {
		const struct close_row *r = &close_rows[i];
		struct answer_decimal g, e, t;
		bool got;

		answer_parse_decimal(r->given, strlen(r->given), &g, NULL);
		answer_parse_decimal(r->expected, strlen(r->expected), &e, NULL);
		answer_parse_decimal(r->tolerance, strlen(r->tolerance), &t,
				     NULL);
		got = answer_decimal_close(&g, &e, &t);
		if (got != r->want) {
			print_error("close row %zu (%s vs %s ± %s): got %d\n", i,
				    r->given, r->expected, r->tolerance, got);
			failed++;
		}
	}
	assert_int_equal(failed, 0);
}

static void number_as_double(void **state)
{
	double v = 0;

	assert_int_equal(answer_parse_number("3,25", 4, &v, NULL),
			 ANSWER_NUMBER_OK);
	assert_true(v == 3.25);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(normalize_table),
		cmocka_unit_test(normalize_invalid_utf8),
		cmocka_unit_test(normalize_stops_at_len),
		cmocka_unit_test(match_table),
		cmocka_unit_test(match_invalid_utf8),
		cmocka_unit_test(number_table),
		cmocka_unit_test(number_messages),
		cmocka_unit_test(close_table),
		cmocka_unit_test(number_as_double),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
