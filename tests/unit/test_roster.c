/* Unit tests of the roster parser and writer (src/org/roster*.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "org/roster.h"

#define DATA_DIR "tests/data/roster/"
#define BOM "\xEF\xBB\xBF"
#define NBSP "\xC2\xA0"

struct expected_row {
	int line;
	const char *first, *last, *level, *group;
};

/* The class list saved in every encoding and separator under DATA_DIR. */
static const struct expected_row class_rows[] = {
	{ 2, "Noël", "Martin-Dubois", "CM1", "Les Hiboux" },
	{ 3, "Awa", "N'Diaye", "CE2", "Les Hiboux" },
	{ 4, "Paul", "Dupont, Jean", "CM2", "Les Hiboux" },
	{ 5, "Œdipe", "Lefèvre", "6e", "Les Renards" },
	{ 6, "Zoë", "Bœuf", "CM2", "Les Renards" },
	{ 7, "François", "\"Le Grand\"", "CM1", "Les Renards" },
	{ 8, "Maëlys", "Çelik", "CE2", "" },
};
#define CLASS_ROW_COUNT (sizeof(class_rows) / sizeof(class_rows[0]))

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data;
	long size;

	if (!f)
		fail_msg("cannot open %s", path);
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	data = malloc((size_t)size + 1);
	assert_non_null(data);
	*len = fread(data, 1, (size_t)size, f);
	fclose(f);
	return data;
}

static int parse(const char *text, struct roster *r)
{
	return roster_parse(text, strlen(text), r);
}

static void check_field(const char *where, size_t i, const char *field, const char *got,
			const char *want)
{
	if (!got || strcmp(got, want) != 0)
		fail_msg("%s row %zu %s: expected \"%s\", got \"%s\"", where, i, field, want,
			 got ? got : "(null)");
}

static void check_rows(const char *where, const struct roster *r, const struct expected_row *want,
		       size_t count)
{
	size_t i;

	if (r->problem_count > 0)
		fail_msg("%s: unexpected problem: %s", where, r->problems[0].message);
	if (r->row_count != count)
		fail_msg("%s: expected %zu rows, got %zu", where, count, r->row_count);
	for (i = 0; i < count; i++) {
		if (r->rows[i].line != want[i].line)
			fail_msg("%s row %zu line: expected %d, got %d", where, i, want[i].line,
				 r->rows[i].line);
		check_field(where, i, "first name", r->rows[i].first_name, want[i].first);
		check_field(where, i, "last name", r->rows[i].last_name, want[i].last);
		check_field(where, i, "level", r->rows[i].level, want[i].level);
		check_field(where, i, "group", r->rows[i].group, want[i].group);
	}
}

/* ---- encodings and separators ---- */

struct sample_file {
	const char *name;
	enum roster_encoding encoding;
	char separator;
};

static const struct sample_file sample_files[] = {
	{ "classe-utf8-point-virgule.csv", ROSTER_UTF8, ';' },
	{ "classe-utf8-virgule.csv", ROSTER_UTF8, ',' },
	{ "classe-utf8-tabulation.csv", ROSTER_UTF8, '\t' },
	{ "classe-utf8-bom-point-virgule.csv", ROSTER_UTF8_BOM, ';' },
	{ "classe-utf8-bom-virgule.csv", ROSTER_UTF8_BOM, ',' },
	{ "classe-utf8-bom-tabulation.csv", ROSTER_UTF8_BOM, '\t' },
	{ "classe-windows-1252-point-virgule.csv", ROSTER_WINDOWS_1252, ';' },
	{ "classe-windows-1252-virgule.csv", ROSTER_WINDOWS_1252, ',' },
	{ "classe-windows-1252-tabulation.csv", ROSTER_WINDOWS_1252, '\t' },
	{ "classe-iso-8859-15-point-virgule.csv", ROSTER_ISO_8859_15, ';' },
	{ "classe-iso-8859-15-virgule.csv", ROSTER_ISO_8859_15, ',' },
	{ "classe-iso-8859-15-tabulation.csv", ROSTER_ISO_8859_15, '\t' },
};

static void every_encoding_and_separator_same_rows(void **state)
{
	char path[256];
	struct roster r;
	size_t i, len;
	char *data;

	for (i = 0; i < sizeof(sample_files) / sizeof(sample_files[0]); i++) {
		snprintf(path, sizeof(path), DATA_DIR "%s", sample_files[i].name);
		data = read_file(path, &len);
		if (roster_parse(data, len, &r) != 0)
			fail_msg("%s: roster_parse failed", path);
		if (r.encoding != sample_files[i].encoding)
			fail_msg("%s: expected encoding %d, got %d", path, sample_files[i].encoding,
				 r.encoding);
		if (r.separator != sample_files[i].separator)
			fail_msg("%s: expected separator '%c', got '%c'", path,
				 sample_files[i].separator, r.separator);
		check_rows(path, &r, class_rows, CLASS_ROW_COUNT);
		roster_release(&r);
		free(data);
	}
}

struct encoding_case {
	const char *name;
	const char *bytes;
	enum roster_encoding encoding;
	const char *first_name;
};

static const struct encoding_case encoding_cases[] = {
	{ "1252 oe ligature", "Pr\xE9nom;Nom;Niveau\n\x9C" "dipe;Martin;CM1\n", ROSTER_WINDOWS_1252, "œdipe" },
	{ "8859-15 oe ligature", "Pr\xE9nom;Nom;Niveau\n\xBD" "dipe;Martin;CM1\n", ROSTER_ISO_8859_15, "œdipe" },
	{ "8859-15 capital OE", "Pr\xE9nom;Nom;Niveau\n\xBC" "dipe;Martin;CM1\n", ROSTER_ISO_8859_15, "Œdipe" },
	{ "1252 acute as apostrophe", "Pr\xE9nom;Nom;Niveau\nN\xB4" "Dia;Martin;CM1\n", ROSTER_WINDOWS_1252, "N´Dia" },
	{ "8859-15 z caron", "Pr\xE9nom;Nom;Niveau\nBo\xB8" "ena;Martin;CM1\n", ROSTER_ISO_8859_15, "Božena" },
	{ "8859-15 capital Z caron", "Pr\xE9nom;Nom;Niveau\n\xB4" "ofia;Martin;CM1\n", ROSTER_ISO_8859_15, "Žofia" },
	{ "8859-1 reads as 1252", "Pr\xE9nom;Nom;Niveau\nNo\xEBl;Martin;CM1\n", ROSTER_WINDOWS_1252, "Noël" },
	{ "1252 curly apostrophe", "Pr\xE9nom;Nom;Niveau\nA\x92" "a;Martin;CM1\n", ROSTER_WINDOWS_1252, "A’a" },
	{ "utf-8 without BOM", "Prénom;Nom;Niveau\nZoë;Martin;CM1\n", ROSTER_UTF8, "Zoë" },
	{ "utf-8 with BOM", BOM "Prénom;Nom;Niveau\nZoë;Martin;CM1\n", ROSTER_UTF8_BOM, "Zoë" },
	{ "utf-8 decomposed to NFC", "Prénom;Nom;Niveau\nZoe\xCC\x88;Martin;CM1\n", ROSTER_UTF8, "Zoë" },
};

static void encoding_detected_by_bytes(void **state)
{
	struct roster r;
	size_t i;

	for (i = 0; i < sizeof(encoding_cases) / sizeof(encoding_cases[0]); i++) {
		const struct encoding_case *c = &encoding_cases[i];

		if (parse(c->bytes, &r) != 0)
			fail_msg("%s: roster_parse failed", c->name);
		if (r.encoding != c->encoding)
			fail_msg("%s: expected encoding %d, got %d", c->name, c->encoding, r.encoding);
		if (r.row_count != 1)
			fail_msg("%s: expected 1 row, got %zu", c->name, r.row_count);
		check_field(c->name, 0, "first name", r.rows[0].first_name, c->first_name);
		roster_release(&r);
	}
}

static void bom_not_part_of_first_title(void **state)
{
	struct roster r;

	assert_int_equal(parse(BOM "Prénom;Nom;Niveau\r\nJean;Dupont;CM1\r\n", &r), 0);
	assert_int_equal(r.encoding, ROSTER_UTF8_BOM);
	assert_int_equal(r.problem_count, 0);
	assert_int_equal(r.row_count, 1);
	assert_string_equal(r.rows[0].first_name, "Jean");
	roster_release(&r);
}

/* ---- line ends, quotes, blank lines ---- */

static const struct expected_row two_rows[] = {
	{ 2, "Jean", "Dupont", "CM1", "A" },
	{ 3, "Léa", "Petit", "CE2", "B" },
};

static void line_ends_crlf_lf_cr(void **state)
{
	static const char *const inputs[] = {
		"Prénom;Nom;Niveau;Groupe\r\nJean;Dupont;CM1;A\r\nLéa;Petit;CE2;B\r\n",
		"Prénom;Nom;Niveau;Groupe\nJean;Dupont;CM1;A\nLéa;Petit;CE2;B",
		"Prénom;Nom;Niveau;Groupe\rJean;Dupont;CM1;A\rLéa;Petit;CE2;B\r",
		"Prénom;Nom;Niveau;Groupe\r\nJean;Dupont;CM1;A\nLéa;Petit;CE2;B\r",
	};
	struct roster r;
	char where[32];
	size_t i;

	for (i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		snprintf(where, sizeof(where), "line ends case %zu", i);
		assert_int_equal(parse(inputs[i], &r), 0);
		check_rows(where, &r, two_rows, 2);
		roster_release(&r);
	}
}

static void quoted_fields_kept_whole(void **state)
{
	const char *text = "Prénom,Nom,Niveau,Groupe\n"
			   "\"Jean\",\"Dupont, Jean\",CM1,\"A, B\"\n"
			   "Léa,\"Le \"\"Grand\"\"\",CE2,\"B\n2\"\n"
			   "Awa, \"N'Diaye\" ,CM2,C\n";
	static const struct expected_row want[] = {
		{ 2, "Jean", "Dupont, Jean", "CM1", "A, B" },
		{ 3, "Léa", "Le \"Grand\"", "CE2", "B 2" },
		{ 5, "Awa", "N'Diaye", "CM2", "C" },
	};
	struct roster r;

	assert_int_equal(parse(text, &r), 0);
	assert_int_equal(r.separator, ',');
	check_rows("quotes", &r, want, 3);
	roster_release(&r);
}

static void blank_lines_skipped_and_counted(void **state)
{
	const char *text = "\n;;;\nPrénom;Nom;Niveau;Groupe\n\nJean;Dupont;CM1;A\n ; ;\t;\n"
			   "Léa;Petit;CE2;B\n;;;\n\n";
	static const struct expected_row want[] = {
		{ 5, "Jean", "Dupont", "CM1", "A" },
		{ 7, "Léa", "Petit", "CE2", "B" },
	};
	struct roster r;

	assert_int_equal(parse(text, &r), 0);
	check_rows("blank lines", &r, want, 2);
	assert_int_equal(r.blank_lines, 6);
	roster_release(&r);
}

static void trailing_separator_accepted(void **state)
{
	struct roster r;

	assert_int_equal(parse("Prénom;Nom;Niveau;Groupe\nJean;Dupont;CM1;A;\nLéa;Petit;CE2;B;;\n", &r), 0);
	check_rows("trailing separator", &r, two_rows, 2);
	roster_release(&r);
}

/* ---- headers ---- */

static void header_titles_loosely_matched(void **state)
{
	const char *text = "Remarque;  GROUPE ;NIVEAU;nom de l’élève;PRENOM;Téléphone\n"
			   "x;A;cm1;Dupont;Jean;0600000000\n"
			   "y;B;ce2;Petit;Léa;0600000001\n";
	struct roster r;

	assert_int_equal(parse(text, &r), 0);
	check_rows("header titles", &r, two_rows, 2);
	roster_release(&r);
}

static void classe_title_is_group(void **state)
{
	struct roster r;

	assert_int_equal(parse("Prenom;Nom;Niveau;Classe\nJean;Dupont;CM1;A\nLéa;Petit;CE2;B\n", &r), 0);
	check_rows("Classe title", &r, two_rows, 2);
	roster_release(&r);
}

static void onde_export_read(void **state)
{
	static const struct expected_row want[] = {
		{ 2, "Noël", "MARTIN", "CM1", "CM1 A" },
		{ 3, "Awa", "N'DIAYE", "CE2", "CM1 A" },
		{ 4, "Zoë", "LEFÈVRE", "CM1", "CM1 A" }, /* usage name preferred */
	};
	struct roster r;
	size_t len;
	char *data = read_file(DATA_DIR "onde-CSVExtraction.csv", &len);

	assert_int_equal(roster_parse(data, len, &r), 0);
	assert_string_equal(r.format, "ONDE");
	check_rows("ONDE", &r, want, 3);
	assert_string_equal(r.rows[0].birth_date, "2014-09-05");
	assert_string_equal(r.rows[2].birth_date, "2016-02-29");
	roster_release(&r);
	free(data);
}

static void full_name_column_split_on_comma(void **state)
{
	const char *text = "Nom, Prénom;Niveau;Groupe\n\"Dupont, Jean\";CM1;A\nPetit,Léa;CE2;B\n";
	struct roster r;

	assert_int_equal(parse(text, &r), 0);
	check_rows("Nom, Prénom column", &r, two_rows, 2);
	roster_release(&r);
}

/* ---- values ---- */

struct level_case {
	const char *written;
	const char *level; /* NULL: rejected */
};

static const struct level_case level_cases[] = {
	{ "CE2", "CE2" },     { "ce2", "CE2" },  { " Ce 2 ", "CE2" }, { "cm1", "CM1" },
	{ "CM2", "CM2" },     { "6e", "6e" },    { "6ème", "6e" },    { "6EME", "6e" },
	{ "sixième", "6e" },  { "6ᵉ", "6e" },    { "6°", "6e" },      { "6", "6e" },
	{ "CM1-CM2", NULL },  { "CP", NULL },    { "5e", NULL },      { "CE1", NULL },
};

static void levels_normalised(void **state)
{
	char text[128];
	struct roster r;
	size_t i;

	for (i = 0; i < sizeof(level_cases) / sizeof(level_cases[0]); i++) {
		const struct level_case *c = &level_cases[i];

		snprintf(text, sizeof(text), "Prénom;Nom;Niveau\nJean;Dupont;%s\n", c->written);
		assert_int_equal(parse(text, &r), 0);
		if (c->level && r.row_count != 1)
			fail_msg("level \"%s\": expected a row, got problem %s", c->written,
				 r.problem_count ? r.problems[0].message : "none");
		if (c->level)
			check_field(c->written, 0, "level", r.rows[0].level, c->level);
		if (!c->level && r.problem_count != 1)
			fail_msg("level \"%s\": expected 1 problem, got %zu", c->written, r.problem_count);
		roster_release(&r);
	}
}

struct date_case {
	const char *written;
	const char *iso; /* NULL: rejected */
};

static const struct date_case date_cases[] = {
	{ "05/09/2015", "2015-09-05" }, { "5/9/2015", "2015-09-05" },
	{ "2015-09-05", "2015-09-05" }, { "29/02/2016", "2016-02-29" },
	{ "31/02/2020", NULL },         { "29/02/2019", NULL },
	{ "05/09/15", NULL },           { "2015-13-01", NULL },
	{ "42345", NULL },              { "05/09/2015 00:00", NULL },
	{ "00/01/2015", NULL },         { "01/01/1850", NULL },
};

static void birth_dates_validated(void **state)
{
	char text[160];
	struct roster r;
	size_t i;

	for (i = 0; i < sizeof(date_cases) / sizeof(date_cases[0]); i++) {
		const struct date_case *c = &date_cases[i];

		snprintf(text, sizeof(text), "Prénom;Nom;Niveau;Date de naissance\nJean;Dupont;CM1;%s\n",
			 c->written);
		assert_int_equal(parse(text, &r), 0);
		if (c->iso && r.row_count != 1)
			fail_msg("date \"%s\": expected a row, got problem %s", c->written,
				 r.problem_count ? r.problems[0].message : "none");
		if (c->iso)
			check_field(c->written, 0, "birth date", r.rows[0].birth_date, c->iso);
		if (!c->iso && (r.problem_count != 1 || r.problems[0].column != 4))
			fail_msg("date \"%s\": expected 1 problem in column 4", c->written);
		roster_release(&r);
	}
}

static void names_trimmed_not_changed(void **state)
{
	struct roster r;

	assert_int_equal(parse("Prénom;Nom;Niveau\n" NBSP " Jean-Édouard \t;  N'Diaye-Ba  ;CM1\n", &r), 0);
	assert_int_equal(r.row_count, 1);
	assert_string_equal(r.rows[0].first_name, "Jean-Édouard");
	assert_string_equal(r.rows[0].last_name, "N'Diaye-Ba");
	assert_string_equal(r.rows[0].group, "");
	assert_null(r.rows[0].birth_date);
	roster_release(&r);
}

/* ---- problems ---- */

struct problem_case {
	const char *name;
	const char *text;
	int line;
	int column;
	const char *excerpt; /* must appear in the message */
};

static const struct problem_case problem_cases[] = {
	{ "empty first name", "Prénom;Nom;Niveau\nJean;Dupont;CM1\n ;Martin;CE2\n", 3, 1,
	  "le prénom est vide" },
	{ "empty last name", "Prénom;Nom;Niveau\nJean;;CM1\n", 2, 2, "le nom est vide" },
	{ "unknown level", "Prénom;Nom;Niveau\nJean;Dupont;CM1-CM2\n", 2, 3,
	  "niveau « CM1-CM2 » inconnu. Écrivez un seul niveau parmi CE2, CM1, CM2 et 6e" },
	{ "empty level", "Prénom;Nom;Niveau\nJean;Dupont;\n", 2, 3, "le niveau est vide" },
	{ "invalid date", "Prénom;Nom;Niveau;Date de naissance\nJean;Dupont;CM1;31/02/2020\n", 2, 4,
	  "date « 31/02/2020 » invalide" },
	{ "duplicate child", "Prénom;Nom;Niveau;Groupe\nJean;Dupont;CM1;A\nLéa;Petit;CE2;A\njean;DUPONT;CM2;A\n",
	  4, 0, "« jean DUPONT » du groupe « A » figure déjà ligne 2" },
	{ "duplicate without group", "Prénom;Nom;Niveau\nJean;Dupont;CM1\nJean;Dupont;CM1\n", 3, 0,
	  "« Jean Dupont » figure déjà ligne 2" },
	{ "missing level column", "Prénom;Nom;Groupe\nJean;Dupont;A\n", 1, 0,
	  "colonne « Niveau » absente" },
	{ "missing first name column", "\nNom;Niveau\nDupont;CM1\n", 2, 0, "colonne « Prénom » absente" },
	{ "no header", "Jean;Dupont;CM1\n", 1, 0, "aucun titre de colonne reconnu (la ligne commence par « Jean »)" },
	{ "more fields", "Prénom,Nom,Niveau\nJean,Dupont, Jean,CM1\n", 2, 0,
	  "4 champs au lieu de 3 comme la ligne d'en-tête. Une valeur contient sans doute le séparateur (virgule)" },
	{ "fewer fields", "Prénom;Nom;Niveau;Groupe\nJean;Dupont;CM1\n", 2, 0, "3 champs au lieu de 4" },
	{ "unterminated quote", "Prénom;Nom;Niveau\nJean;Dupont;CM1\nPaul;\"Martin;CM2\nLéa;Petit;CE2\n", 3, 2,
	  "ce guillemet n'est jamais refermé" },
	{ "invalid bytes", BOM "Prénom;Nom;Niveau\nJean;Dupont;CM1\nNo\xFFl;Martin;CM1\n", 3, 1,
	  "« No\xEF\xBF\xBDl » contient des caractères illisibles" },
	{ "undefined 1252 byte", "Pr\xE9nom;Nom;Niveau\nJean;Du\x81pont;CM1\n", 2, 2, "caractères illisibles" },
	{ "NUL byte", "Prénom;Nom;Niveau\nJean;Du\0pont;CM1\n", 2, 2, "caractères illisibles" },
	{ "formula", "Prénom;Nom;Niveau;Groupe\nJean;Dupont;CM1;=1+1\n", 2, 4, "commence par « = »" },
	{ "duplicate title", "Prénom;Nom;Niveau;Classe;Groupe\nJean;Dupont;CM1;A;A\n", 1, 5,
	  "même rôle que la colonne « Classe »" },
	{ "full name without comma", "Nom Prénom;Niveau\nDupont Jean;CM1\n", 2, 1,
	  "impossible de séparer le nom et le prénom dans « Dupont Jean »" },
	{ "onde without level", "Nom élève;Prénom élève;Libellé classe\nMARTIN;Noël;CM1 A\n", 1, 0,
	  "ajoutez une colonne titrée Niveau, écrivez pour chaque élève CE2, CM1, CM2 ou 6e" },
};

/* The NUL case needs its length, not strlen. */
static size_t case_length(const struct problem_case *c)
{
	size_t len = strlen(c->text);

	if (strcmp(c->name, "NUL byte") == 0)
		len += strlen(c->text + len + 1) + 1;
	return len;
}

/* Messages use no-break spaces: compare with them turned into spaces. */
static void plain_spaces(const char *in, char *out, size_t size)
{
	size_t o = 0;

	while (*in && o + 1 < size) {
		if (strncmp(in, NBSP, 2) == 0 || strncmp(in, "\xE2\x80\xAF", 3) == 0) {
			out[o++] = ' ';
			in += in[0] == '\xC2' ? 2 : 3;
		} else {
			out[o++] = *in++;
		}
	}
	out[o] = '\0';
}

static void each_problem_located(void **state)
{
	char plain[ROSTER_MAX_MESSAGE_BYTES];
	struct roster r;
	size_t i;

	for (i = 0; i < sizeof(problem_cases) / sizeof(problem_cases[0]); i++) {
		const struct problem_case *c = &problem_cases[i];

		if (roster_parse(c->text, case_length(c), &r) != 0)
			fail_msg("%s: roster_parse failed", c->name);
		if (r.problem_count != 1)
			fail_msg("%s: expected 1 problem, got %zu (%s)", c->name, r.problem_count,
				 r.problem_count ? r.problems[0].message : "");
		if (r.problems[0].line != c->line)
			fail_msg("%s: expected line %d, got %d", c->name, c->line, r.problems[0].line);
		if (r.problems[0].column != c->column)
			fail_msg("%s: expected column %d, got %d", c->name, c->column, r.problems[0].column);
		plain_spaces(r.problems[0].message, plain, sizeof(plain));
		if (!strstr(plain, c->excerpt))
			fail_msg("%s: message \"%s\" lacks \"%s\"", c->name, plain, c->excerpt);
		roster_release(&r);
	}
}

static void every_problem_collected(void **state)
{
	static const int lines[] = { 2, 3, 4, 6, 7, 8, 9 };
	static const int columns[] = { 1, 3, 5, 0, 0, 2, 2 };
	struct roster r;
	size_t i, len;
	char *data = read_file(DATA_DIR "problemes.csv", &len);

	assert_int_equal(roster_parse(data, len, &r), 0);
	assert_int_equal(r.problem_count, 7);
	for (i = 0; i < 7; i++) {
		if (r.problems[i].line != lines[i] || r.problems[i].column != columns[i])
			fail_msg("problem %zu: expected %d:%d, got %d:%d (%s)", i, lines[i], columns[i],
				 r.problems[i].line, r.problems[i].column, r.problems[i].message);
	}
	assert_int_equal(r.row_count, 1);
	roster_release(&r);
	free(data);
}

static void message_has_french_spacing(void **state)
{
	struct roster r;

	assert_int_equal(parse("Prénom;Nom;Niveau\nJean;Dupont;CP\n", &r), 0);
	assert_int_equal(r.problem_count, 1);
	assert_string_equal(r.problems[0].message,
			    "Ligne 2, colonne C («\xE2\x80\xAFNiveau\xE2\x80\xAF»)" NBSP ": niveau "
			    "«\xE2\x80\xAF" "CP\xE2\x80\xAF» inconnu. Écrivez un seul niveau parmi CE2, "
			    "CM1, CM2 et 6e.");
	roster_release(&r);
}

static void long_title_quoted_short(void **state)
{
	char text[1200];
	struct roster r;
	size_t used;

	/* Dashes fold away, so this long title is a second "Nom". */
	used = (size_t)snprintf(text, sizeof(text), "Prénom;Nom;Niveau;Nom ");
	while (used + 3 < sizeof(text) - 32)
		used += (size_t)snprintf(text + used, sizeof(text) - used, "—");
	snprintf(text + used, sizeof(text) - used, "\nJean;Dupont;CM1;x\n");
	assert_int_equal(parse(text, &r), 0);
	assert_int_equal(r.problem_count, 1);
	assert_int_equal(r.problems[0].column, 4);
	assert_non_null(strstr(r.problems[0].message, "…"));
	assert_non_null(strstr(r.problems[0].message, "Supprimez ou renommez l'une des deux."));
	roster_release(&r);
}

static void long_field_rejected(void **state)
{
	char text[600];
	struct roster r;

	snprintf(text, sizeof(text), "Prénom;Nom;Niveau\n%0300d;Dupont;CM1\n", 0);
	assert_int_equal(parse(text, &r), 0);
	assert_int_equal(r.problem_count, 1);
	assert_int_equal(r.problems[0].line, 2);
	assert_int_equal(r.problems[0].column, 1);
	assert_non_null(strstr(r.problems[0].message, "(300 octets, 256 au plus)"));
	assert_non_null(strstr(r.problems[0].message, "…"));
	roster_release(&r);
}

struct unreadable_case {
	const char *name;
	const char *data;
	size_t len;
	const char *excerpt;
};

static void unreadable_files_rejected(void **state)
{
	static const struct unreadable_case cases[] = {
		{ "empty", "", 0, "Le fichier est vide" },
		{ "BOM only", BOM "\r\n", 5, "Le fichier est vide" },
		{ "xlsx", "PK\x03\x04zzzz", 8, "classeur (xlsx ou ods)" },
		{ "xls", "\xD0\xCF\x11\xE0zzzz", 8, "classeur Excel (xls)" },
		{ "UTF-16", "\xFF\xFEP\0r\0", 6, "UTF-16" },
		{ "UTF-16 without BOM", "P\0r\0\xE9\0n\0o\0m\0", 12, "octets nuls" },
		{ "XML", "<?xml version=\"1.0\"?><BEE_ELEVES/>", 34, "export XML" },
		{ "separators only", ";;;\r\n;;\r\n", 9, "que des lignes vides" },
	};
	struct roster r;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (roster_parse(cases[i].data, cases[i].len, &r) != -1)
			fail_msg("%s: expected -1", cases[i].name);
		if (r.problem_count != 1 || !strstr(r.problems[0].message, cases[i].excerpt))
			fail_msg("%s: expected a problem with \"%s\"", cases[i].name, cases[i].excerpt);
		roster_release(&r);
	}
}

static void too_large_file_rejected(void **state)
{
	size_t len = ROSTER_MAX_BYTES + 1;
	char *data = malloc(len);
	struct roster r;

	assert_non_null(data);
	memset(data, 'a', len);
	assert_int_equal(roster_parse(data, len, &r), -1);
	assert_int_equal(r.problem_count, 1);
	assert_non_null(strstr(r.problems[0].message, "8388609 octets"));
	roster_release(&r);
	free(data);
}

/* Build a template file of `count` distinct children. */
static char *generated_file(size_t count, size_t *len)
{
	size_t cap = 64 + count * 48, used;
	char *text = malloc(cap);
	size_t i;

	assert_non_null(text);
	used = (size_t)snprintf(text, cap, "Prénom;Nom;Niveau;Groupe\r\n");
	for (i = 0; i < count; i++)
		used += (size_t)snprintf(text + used, cap - used, "Élève%zu;Nom%zu;CM1;G%zu\r\n", i, i,
					 i % 12);
	*len = used;
	return text;
}

static void ten_thousand_rows_parsed(void **state)
{
	struct roster r;
	size_t len;
	char *text = generated_file(10000, &len);

	assert_int_equal(roster_parse(text, len, &r), 0);
	assert_int_equal(r.problem_count, 0);
	assert_int_equal(r.row_count, 10000);
	assert_int_equal(r.rows[9999].line, 10001);
	assert_string_equal(r.rows[9999].first_name, "Élève9999");
	roster_release(&r);
	free(text);
}

static void too_many_rows_reported(void **state)
{
	struct roster r;
	size_t len;
	char *text = generated_file(ROSTER_MAX_ROWS + 1, &len);

	assert_int_equal(roster_parse(text, len, &r), 0);
	assert_int_equal(r.row_count, ROSTER_MAX_ROWS);
	assert_int_equal(r.problem_count, 1);
	assert_int_equal(r.problems[0].line, ROSTER_MAX_ROWS + 2);
	assert_int_equal(r.problems[0].column, 0);
	assert_non_null(strstr(r.problems[0].message, "dépasse 20000 élèves"));
	roster_release(&r);
	free(text);
}

static void too_many_columns_reported(void **state)
{
	size_t len = strlen("Prénom;Nom;Niveau") + ROSTER_MAX_COLUMNS + 2;
	char *text = malloc(len + 1);
	struct roster r;

	assert_non_null(text);
	memset(text, ';', len);
	memcpy(text, "Prénom;Nom;Niveau", strlen("Prénom;Nom;Niveau"));
	text[len - 1] = 'x';
	text[len] = '\0';
	assert_int_equal(parse(text, &r), 0);
	assert_int_equal(r.problem_count, 1);
	assert_int_equal(r.problems[0].line, 1);
	assert_non_null(strstr(r.problems[0].message, "plus de 1024 champs"));
	roster_release(&r);
	free(text);
}

static void problems_capped_with_summary(void **state)
{
	size_t extra = 100, count = ROSTER_MAX_PROBLEMS + extra, cap = 32 + count * 16, used, i;
	char *text = malloc(cap);
	struct roster r;

	assert_non_null(text);
	used = (size_t)snprintf(text, cap, "Prénom;Nom;Niveau\n");
	for (i = 0; i < count; i++)
		used += (size_t)snprintf(text + used, cap - used, "A%zu;B;CP\n", i);
	assert_int_equal(roster_parse(text, used, &r), 0);
	assert_int_equal(r.problem_count, ROSTER_MAX_PROBLEMS + 1);
	assert_int_equal(r.problems_omitted, extra);
	assert_non_null(strstr(r.problems[ROSTER_MAX_PROBLEMS].message, "100 autres problèmes"));
	roster_release(&r);
	free(text);
}

static void same_name_other_group_accepted(void **state)
{
	struct roster r;

	assert_int_equal(parse("Prénom;Nom;Niveau;Groupe\nJean;Dupont;CM1;A\nJean;Dupont;CM1;B\n", &r), 0);
	assert_int_equal(r.problem_count, 0);
	assert_int_equal(r.row_count, 2);
	roster_release(&r);
}

/* ---- export ---- */

static void export_round_trip_identical(void **state)
{
	static const struct expected_row want[] = {
		{ 2, "Noël", "Martin-Dubois", "CM1", "Les Hiboux" },
		{ 3, "Awa", "N'Diaye", "CE2", "" },
		{ 4, "Jean", "Dupont, Jean", "CM2", "A; B" },
		{ 5, "Paul", "\"Le Grand\"", "6e", "\"G\"" },
		{ 6, "Œdipe", "Lefèvre", "6e", "Les Renards" },
		{ 7, "Zoë", "Bœuf", "CE2", "Les Renards" },
	};
	struct roster_row rows[6];
	struct roster r;
	size_t i, len;
	char *csv;

	for (i = 0; i < 6; i++) {
		rows[i] = (struct roster_row){ 0, (char *)want[i].first, (char *)want[i].last,
					       (char *)want[i].level, (char *)want[i].group, NULL };
	}
	csv = roster_export(rows, 6, &len);
	assert_non_null(csv);
	assert_memory_equal(csv, BOM "Prénom;Nom;Niveau;Groupe\r\n", strlen(BOM "Prénom;Nom;Niveau;Groupe\r\n"));
	assert_int_equal(roster_parse(csv, len, &r), 0);
	assert_int_equal(r.encoding, ROSTER_UTF8_BOM);
	assert_int_equal(r.separator, ';');
	check_rows("round trip", &r, want, 6);
	roster_release(&r);
	free(csv);
}

static void export_reparses_sample(void **state)
{
	struct roster first, second;
	size_t len, csv_len;
	char *data = read_file(DATA_DIR "classe-windows-1252-virgule.csv", &len);
	char *csv;

	assert_int_equal(roster_parse(data, len, &first), 0);
	csv = roster_export(first.rows, first.row_count, &csv_len);
	assert_non_null(csv);
	assert_int_equal(roster_parse(csv, csv_len, &second), 0);
	check_rows("sample round trip", &second, class_rows, CLASS_ROW_COUNT);
	roster_release(&first);
	roster_release(&second);
	free(csv);
	free(data);
}

static void export_defuses_formulas(void **state)
{
	struct roster_row row = { 0, "=1+1", "@x", "CM1", "-2", NULL };
	size_t len;
	char *csv = roster_export(&row, 1, &len);

	assert_non_null(csv);
	assert_non_null(strstr(csv, "\r\n'=1+1;'@x;CM1;'-2\r\n"));
	free(csv);
}

static void release_accepts_null(void **state)
{
	struct roster r;

	roster_release(NULL);
	memset(&r, 0, sizeof(r));
	roster_release(&r);
	roster_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_encoding_and_separator_same_rows),
		cmocka_unit_test(encoding_detected_by_bytes),
		cmocka_unit_test(bom_not_part_of_first_title),
		cmocka_unit_test(line_ends_crlf_lf_cr),
		cmocka_unit_test(quoted_fields_kept_whole),
		cmocka_unit_test(blank_lines_skipped_and_counted),
		cmocka_unit_test(trailing_separator_accepted),
		cmocka_unit_test(header_titles_loosely_matched),
		cmocka_unit_test(classe_title_is_group),
		cmocka_unit_test(onde_export_read),
		cmocka_unit_test(full_name_column_split_on_comma),
		cmocka_unit_test(levels_normalised),
		cmocka_unit_test(birth_dates_validated),
		cmocka_unit_test(names_trimmed_not_changed),
		cmocka_unit_test(each_problem_located),
		cmocka_unit_test(every_problem_collected),
		cmocka_unit_test(message_has_french_spacing),
		cmocka_unit_test(long_title_quoted_short),
		cmocka_unit_test(long_field_rejected),
		cmocka_unit_test(unreadable_files_rejected),
		cmocka_unit_test(too_large_file_rejected),
		cmocka_unit_test(ten_thousand_rows_parsed),
		cmocka_unit_test(too_many_rows_reported),
		cmocka_unit_test(too_many_columns_reported),
		cmocka_unit_test(problems_capped_with_summary),
		cmocka_unit_test(same_name_other_group_accepted),
		cmocka_unit_test(export_round_trip_identical),
		cmocka_unit_test(export_reparses_sample),
		cmocka_unit_test(export_defuses_formulas),
		cmocka_unit_test(release_accepts_null),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
