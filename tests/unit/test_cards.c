/*
 * Unit tests of the printable login cards. The PDF is checked with the
 * poppler tools (pdftotext, pdfinfo, pdftoppm) and the QR codes are
 * decoded back with zbarimg (package zbar-tools) when it is installed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "org/cards.h"

#define URL_LEA "http://127.0.0.1:8080/carte/q7Kd2mXv9LpR4tWz8BnC3hYs6GfJ1aE0"
#define URL_CHLOE "http://127.0.0.1:8080/carte/Uu5rT0pQ2wE9yI8oP7aS6dF4gH3jK1lZ"
#define URL_INES "http://127.0.0.1:8080/carte/x"

static const char *const picture_ids[] = {
	"chat", "soleil", "arbre", "maison", "poisson", "etoile", "ballon", "fleur", "bateau",
};

static struct card card_make(const char *first_name, const char *url)
{
	struct card c = {
		.first_name = first_name,
		.last_initial = "M.",
		.structure_name = "Association de démonstration",
		.structure_code = "DEMO",
		.level = "CE2",
		.pictures = { "chat", "soleil", "arbre" },
		.qr_url = url,
	};

	return c;
}

/* Write the PDF to a new temporary file whose name is stored in `path`. */
static void pdf_write_temp(const unsigned char *pdf, size_t len, char *path, size_t pathlen)
{
	int fd;

	snprintf(path, pathlen, "/tmp/ardoise-cards-XXXXXX.pdf");
	fd = mkstemps(path, 4);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, pdf, len), (ssize_t)len);
	close(fd);
}

/* Run a shell command and return its standard output, malloc'd. */
static char *command_output(const char *cmd)
{
	FILE *p = popen(cmd, "r");
	char *out = NULL;
	size_t len = 0, cap = 0, n;

	assert_non_null(p);
	do {
		if (cap - len < 4096) {
			cap = cap ? cap * 2 : 8192;
			out = realloc(out, cap);
			assert_non_null(out);
		}
		n = fread(out + len, 1, cap - len - 1, p);
		len += n;
	} while (n > 0);
	out[len] = '\0';
	pclose(p);
	return out;
}

static char *pdf_tool_output(const char *tool, const char *options, const char *path)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "%s %s '%s' - 2>/dev/null", tool, options, path);
	return command_output(cmd);
}

static long pdf_page_count(const char *path)
{
	char cmd[512], *out, *pages;
	long n;

	snprintf(cmd, sizeof(cmd), "pdfinfo '%s' 2>/dev/null", path);
	out = command_output(cmd);
	pages = strstr(out, "Pages:");
	assert_non_null(pages);
	n = strtol(pages + strlen("Pages:"), NULL, 10);
	free(out);
	return n;
}

/* Render the cards into a temporary PDF file, which the caller unlinks. */
static void render_to_file(const struct card *cards, size_t count, char *path, size_t pathlen)
{
	unsigned char *pdf = NULL;
	size_t len = 0;
	char err[256] = "";

	assert_int_equal(cards_render_pdf(cards, count, &pdf, &len, err, sizeof(err)), 0);
	assert_string_equal(err, "");
	assert_non_null(pdf);
	assert_true(len > 5);
	assert_memory_equal(pdf, "%PDF-", 5);
	pdf_write_temp(pdf, len, path, pathlen);
	free(pdf);
}

static bool tool_installed(const char *tool)
{
	char cmd[128], *out;
	bool found;

	snprintf(cmd, sizeof(cmd), "command -v %s", tool);
	out = command_output(cmd);
	found = out[0] != '\0';
	free(out);
	return found;
}

static void three_cards_text(void **state)
{
	struct card cards[] = {
		card_make("Léa", URL_LEA),
		card_make("Chloé", URL_CHLOE),
		card_make("Inès", URL_INES),
	};
	char path[64], *text;

	render_to_file(cards, 3, path, sizeof(path));
	text = pdf_tool_output("pdftotext", "-enc UTF-8", path);
	unlink(path);

	assert_non_null(strstr(text, "Léa"));
	assert_non_null(strstr(text, "Chloé"));
	assert_non_null(strstr(text, "Inès"));
	assert_non_null(strstr(text, "M."));
	assert_non_null(strstr(text, "CE2"));
	assert_non_null(strstr(text, "Association de démonstration"));
	assert_non_null(strstr(text, "Code : DEMO"));
	assert_non_null(strstr(text, "Ou scanne ce code"));
	assert_non_null(strstr(text, "avec la tablette"));
	assert_non_null(strstr(text, "Garde ta carte dans ton cahier."));
	free(text);
}

static void page_count_by_cards(void **state)
{
	static const struct {
		size_t cards;
		long pages;
	} cases[] = { { 1, 1 }, { 8, 1 }, { 9, 2 }, { 16, 2 }, { 17, 3 } };
	struct card cards[17];
	char path[64];
	size_t i, k;

	for (k = 0; k < 17; k++)
		cards[k] = card_make("Léa", URL_LEA);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		render_to_file(cards, cases[i].cards, path, sizeof(path));
		assert_int_equal(pdf_page_count(path), cases[i].pages);
		unlink(path);
	}
}

/* Whether `line` is one whole line of `text`. */
static bool has_line(const char *text, const char *line)
{
	size_t n = strlen(line);
	const char *p;

	for (p = strstr(text, line); p; p = strstr(p + 1, line))
		if ((p == text || p[-1] == '\n') && (p[n] == '\n' || p[n] == '\0'))
			return true;
	return false;
}

static void qr_codes_decode_to_urls(void **state)
{
	struct card cards[] = {
		card_make("Léa", URL_LEA),
		card_make("Chloé", URL_CHLOE),
		card_make("Inès", URL_INES),
	};
	char path[64], cmd[512], *decoded;

	if (!tool_installed("zbarimg"))
		skip();
	render_to_file(cards, 3, path, sizeof(path));
	snprintf(cmd, sizeof(cmd),
		 "pdftoppm -r 150 -png -f 1 -l 1 '%s' '%s' 2>/dev/null && zbarimg --raw -q '%s-1.png' 2>/dev/null; "
		 "rm -f '%s-1.png'",
		 path, path, path, path);
	decoded = command_output(cmd);
	unlink(path);

	assert_true(has_line(decoded, URL_LEA));
	assert_true(has_line(decoded, URL_CHLOE));
	assert_true(has_line(decoded, URL_INES));
	free(decoded);
}

/* The right edge, in points, of the first word `word` in pdftotext -bbox
 * output, or -1. */
static double word_right_edge(const char *html, const char *word)
{
	char needle[160];
	const char *p, *x_max;

	snprintf(needle, sizeof(needle), ">%s</word>", word);
	p = strstr(html, needle);
	if (!p)
		return -1;
	while (p > html && strncmp(p, "<word", 5) != 0)
		p--;
	x_max = strstr(p, "xMax=\"");
	return x_max ? strtod(x_max + strlen("xMax=\""), NULL) : -1;
}

static void long_names_fit_card(void **state)
{
	/* The first card's text column ends 13 + 4 + 51 = 68 mm from the
	 * left edge of the page, before the QR code. */
	const double column_end = 68 * 72 / 25.4;
	char unbreakable[CARDS_TEXT_MAX + 1];
	struct card cards[2];
	char path[64], *html;
	double right;

	memset(unbreakable, 'W', CARDS_TEXT_MAX);
	unbreakable[CARDS_TEXT_MAX] = '\0';
	cards[0] = card_make("Marie-Charlotte-Éléonore", URL_LEA);
	cards[1] = card_make(unbreakable, URL_CHLOE);
	render_to_file(cards, 2, path, sizeof(path));
	html = pdf_tool_output("pdftotext", "-enc UTF-8 -bbox", path);
	unlink(path);

	/* The hyphenated name wraps onto two lines inside the column. */
	right = word_right_edge(html, "Marie-Charlotte-");
	assert_true(right > 0);
	assert_true(right < column_end);
	right = word_right_edge(html, "Éléonore");
	assert_true(right > 0);
	assert_true(right < column_end);

	/* The name with no break is cut and ends with an ellipsis. */
	assert_non_null(strstr(html, "WWWW…"));
	free(html);
}

static void widest_code_printed_whole(void **state)
{
	struct card c = card_make("Léa", URL_LEA);
	char path[64], *text;

	c.structure_code = "WWWWWWWWWWWWWWWW";
	c.level = "CM2 renforcé";
	render_to_file(&c, 1, path, sizeof(path));
	text = pdf_tool_output("pdftotext", "-enc UTF-8", path);
	unlink(path);

	assert_non_null(strstr(text, "Code : WWWWWWWWWWWWWWWW"));
	assert_non_null(strstr(text, "CM2 renforcé"));
	free(text);
}

static void three_hundred_cards_fast(void **state)
{
	struct card *cards = calloc(300, sizeof(*cards));
	unsigned char *pdf = NULL;
	struct timespec start, end;
	char err[256] = "", path[64];
	size_t len = 0, i;
	double seconds;

	assert_non_null(cards);
	for (i = 0; i < 300; i++) {
		cards[i] = card_make(i % 2 ? "Chloé" : "Maëlys", URL_LEA);
		cards[i].pictures[0] = picture_ids[i % 9];
		cards[i].pictures[1] = picture_ids[(i + 4) % 9];
		cards[i].pictures[2] = picture_ids[(i + 7) % 9];
	}

	clock_gettime(CLOCK_MONOTONIC, &start);
	assert_int_equal(cards_render_pdf(cards, 300, &pdf, &len, err, sizeof(err)), 0);
	clock_gettime(CLOCK_MONOTONIC, &end);
	seconds = (double)(end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9;
	assert_true(seconds < 2.0);

	pdf_write_temp(pdf, len, path, sizeof(path));
	assert_int_equal(pdf_page_count(path), 38);
	unlink(path);
	free(pdf);
	free(cards);
}

static void no_card_rejected(void **state)
{
	unsigned char *pdf = (unsigned char *)"x";
	size_t len = 7;
	char err[256] = "";

	assert_int_equal(cards_render_pdf(NULL, 0, &pdf, &len, err, sizeof(err)), -1);
	assert_null(pdf);
	assert_int_equal(len, 0);
	assert_string_equal(err, "aucun élève à imprimer.");

	/* A NULL message buffer is allowed. */
	assert_int_equal(cards_render_pdf(NULL, 0, &pdf, &len, NULL, 0), -1);
}

static void too_many_cards_rejected(void **state)
{
	struct card c = card_make("Léa", URL_LEA);
	unsigned char *pdf = NULL;
	size_t len = 0;
	char err[256] = "";

	/* The count is checked before any card is read. */
	assert_int_equal(cards_render_pdf(&c, CARDS_MAX + 1, &pdf, &len, err, sizeof(err)), -1);
	assert_null(pdf);
	assert_non_null(strstr(err, "trop de cartes"));
}

/* A card of the demo structure with the given fields. */
#define CARD(first_name, code, picture1, picture2, picture3, url)                                  \
	{ (first_name), "M.", "Association de démonstration", (code), "CE2",                     \
	  { (picture1), (picture2), (picture3) }, (url) }

static void invalid_cards_rejected(void **state)
{
	char long_text[CARDS_TEXT_MAX + 2], long_url[CARDS_URL_MAX + 2];
	const struct {
		const char *name;
		struct card card;
		const char *message;
	} cases[] = {
		{ "no first name", CARD(NULL, "DEMO", "chat", "soleil", "arbre", URL_LEA),
		  "carte 2 : le champ « prénom » est vide." },
		{ "empty first name", CARD("", "DEMO", "chat", "soleil", "arbre", URL_LEA), "« prénom » est vide" },
		{ "no code", CARD("Léa", NULL, "chat", "soleil", "arbre", URL_LEA),
		  "« code de la structure » est vide" },
		{ "no url", CARD("Léa", "DEMO", "chat", "soleil", "arbre", NULL), "« adresse du QR code » est vide" },
		{ "long code", CARD("Léa", "ABCDEFGHIJKLMNOPQ", "chat", "soleil", "arbre", URL_LEA),
		  "« code de la structure » est trop long (17 octets, maximum 16)" },
		{ "long name", CARD(long_text, "DEMO", "chat", "soleil", "arbre", URL_LEA),
		  "« prénom » est trop long (121 octets, maximum 120)" },
		{ "long url", CARD("Léa", "DEMO", "chat", "soleil", "arbre", long_url),
		  "« adresse du QR code » est trop long (201 octets" },
		{ "latin-1 name", CARD("L\xe9" "a", "DEMO", "chat", "soleil", "arbre", URL_LEA),
		  "« prénom » contient un caractère invalide" },
		{ "control char", CARD("L\na", "DEMO", "chat", "soleil", "arbre", URL_LEA),
		  "« prénom » contient un caractère invalide" },
		{ "unknown picture", CARD("Léa", "DEMO", "chat", "licorne", "arbre", URL_LEA),
		  "image 2 inconnue (« licorne »)" },
		{ "no picture", CARD("Léa", "DEMO", "chat", "soleil", NULL, URL_LEA), "l'image 3 est manquante." },
	};
	size_t i;

	memset(long_text, 'a', sizeof(long_text) - 1);
	long_text[sizeof(long_text) - 1] = '\0';
	memset(long_url, 'u', sizeof(long_url) - 1);
	long_url[sizeof(long_url) - 1] = '\0';

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct card cards[2] = { card_make("Inès", URL_INES), cases[i].card };
		unsigned char *pdf = NULL;
		size_t len = 0;
		char err[256] = "";

		print_message("case: %s\n", cases[i].name);
		assert_int_equal(cards_render_pdf(cards, 2, &pdf, &len, err, sizeof(err)), -1);
		assert_null(pdf);
		print_message("error: %s\n", err);
		assert_non_null(strstr(err, cases[i].message));
	}
}

static void optional_fields_may_be_null(void **state)
{
	struct card c = card_make("Léa", URL_LEA);
	unsigned char *pdf = NULL;
	size_t len = 0;
	char err[256] = "";

	c.last_initial = NULL;
	c.structure_name = NULL;
	c.level = NULL;
	assert_int_equal(cards_render_pdf(&c, 1, &pdf, &len, err, sizeof(err)), 0);
	assert_non_null(pdf);
	free(pdf);
}

static void picture_ids_known(void **state)
{
	size_t i;

	for (i = 0; i < sizeof(picture_ids) / sizeof(picture_ids[0]); i++)
		assert_true(cards_picture_known(picture_ids[i]));
	assert_false(cards_picture_known("Chat"));
	assert_false(cards_picture_known("étoile"));
	assert_false(cards_picture_known(""));
	assert_false(cards_picture_known(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(three_cards_text),
		cmocka_unit_test(page_count_by_cards),
		cmocka_unit_test(qr_codes_decode_to_urls),
		cmocka_unit_test(long_names_fit_card),
		cmocka_unit_test(widest_code_printed_whole),
		cmocka_unit_test(three_hundred_cards_fast),
		cmocka_unit_test(no_card_rejected),
		cmocka_unit_test(too_many_cards_rejected),
		cmocka_unit_test(invalid_cards_rejected),
		cmocka_unit_test(optional_fields_may_be_null),
		cmocka_unit_test(picture_ids_known),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
