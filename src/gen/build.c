/* Expanding a generated activity: copying the file's fields and making
 * its questions with the generator it names. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>

#include "gen/gen_internal.h"

static struct question *question_new(struct gen_ctx *g)
{
	struct activity *a = g->out;
	struct question *q;

	if (a->question_count >= GENERATOR_MAX_ITEMS)
		return NULL;
	q = &a->questions[a->question_count++];
	memset(q, 0, sizeof(*q));
	q->line = 1;
	return q;
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

int gen_numeric(struct gen_ctx *g, const char *prompt_html, const char *answer, const char *unit,
		const char *explanation_html)
{
	struct question *q = question_new(g);
	char number[64];
	size_t i;

	if (!q)
		return -1;
	q->kind = QUESTION_NUMERIC;
	q->prompt_html = strdup(prompt_html);
	q->answer_text = strdup(answer);
	q->unit = dup_or_null(unit);
	q->feedback_wrong_html = dup_or_null(explanation_html);
	snprintf(number, sizeof(number), "%s", answer);
	for (i = 0; number[i]; i++)
		number[i] = number[i] == ',' ? '.' : number[i];
	q->value = strtod(number, NULL);
	return q->prompt_html && q->answer_text ? 0 : -1;
}

/* Split "a|b|c" into a new array of strings. */
static char **split_bars(const char *text, size_t *count)
{
	size_t n = 1, i = 0;
	const char *p;
	char **v;

	for (p = text; *p; p++)
		n += *p == '|';
	v = calloc(n, sizeof(*v));
	if (!v)
		return NULL;
	for (p = text; i < n; i++) {
		size_t len = strcspn(p, "|");

		v[i] = strndup(p, len);
		if (!v[i])
			break;
		p += len + (p[len] ? 1 : 0);
	}
	*count = i;
	return v;
}

static int blank_fill(struct blank *bl, const char *accepted, const char *const *menu)
{
	size_t n = 0;

	bl->accepted = split_bars(accepted, &bl->accepted_count);
	if (!bl->accepted)
		return -1;
	if (!menu)
		return 0;
	while (menu[n])
		n++;
	bl->menu = calloc(n, sizeof(*bl->menu));
	if (!bl->menu)
		return -1;
	for (bl->menu_count = 0; bl->menu_count < n; bl->menu_count++)
		if (!(bl->menu[bl->menu_count] = strdup(menu[bl->menu_count])))
			return -1;
	return 0;
}

int gen_cloze(struct gen_ctx *g, const char *prompt_html, const char *const *pieces_html, const char *const *accepted,
	      size_t count, const char *const *menu, const char *explanation_html)
{
	struct question *q = question_new(g);
	size_t i;

	if (!q)
		return -1;
	q->kind = QUESTION_CLOZE;
	q->prompt_html = strdup(prompt_html);
	q->feedback_wrong_html = dup_or_null(explanation_html);
	q->pieces_html = calloc(count + 1, sizeof(*q->pieces_html));
	q->blanks = calloc(count ? count : 1, sizeof(*q->blanks));
	if (!q->prompt_html || !q->pieces_html || !q->blanks)
		return -1;
	q->blank_count = count;
	for (i = 0; i <= count; i++)
		if (!(q->pieces_html[i] = strdup(pieces_html[i])))
			return -1;
	for (i = 0; i < count; i++)
		if (blank_fill(&q->blanks[i], accepted[i], menu) < 0)
			return -1;
	return 0;
}

void gen_decimal_text(long long value, int decimals, char *out, size_t size)
{
	long long scale = 1, whole, frac;
	int i;

	if (decimals < 0 || decimals > 18)
		decimals = 0;
	for (i = 0; i < decimals; i++)
		scale *= 10;
	whole = (value < 0 ? -value : value) / scale;
	frac = (value < 0 ? -value : value) % scale;
	/* Trailing zeros of the decimals are not written: 2,50 is 2,5. */
	while (decimals > 0 && frac % 10 == 0) {
		frac /= 10;
		decimals--;
	}
	if (decimals > 0)
		snprintf(out, size, "%s%lld,%0*lld", value < 0 ? "-" : "", whole, decimals, frac);
	else
		snprintf(out, size, "%s%lld", value < 0 ? "-" : "", whole);
}

void gen_number_text(long long value, int decimals, char *out, size_t size)
{
	char plain[64], grouped[96];
	size_t len, int_len, i, k = 0;

	gen_decimal_text(value, decimals, plain, sizeof(plain));
	len = strlen(plain);
	int_len = strcspn(plain, ",");
	for (i = 0; i < len && k + 4 < sizeof(grouped); i++) {
		if (i > 0 && i < int_len && plain[i - 1] != '-' && (int_len - i) % 3 == 0) {
			memcpy(grouped + k, "\u202f", 3); /* narrow no-break space */
			k += 3;
		}
		grouped[k++] = plain[i];
	}
	grouped[k] = '\0';
	snprintf(out, size, "%s", grouped);
}

static const struct {
	const char *name;
	gen_item_fn make;
} makers[] = {
	{ "calcul-mental", gen_mental }, { "operations", gen_operation }, { "fractions", gen_fraction },
	{ "conversions", gen_conversion }, { "numeration", gen_place_value }, { "comparaison", gen_comparison },
	{ "conjugaison", gen_conjugation }, { "homophones", gen_homophone }, { "dictee", gen_dictation },
};

static gen_item_fn maker_find(const char *name)
{
	size_t i;

	for (i = 0; name && i < sizeof(makers) / sizeof(makers[0]); i++)
		if (strcmp(makers[i].name, name) == 0)
			return makers[i].make;
	return NULL;
}

static char **strv_copy(char *const *v, size_t n)
{
	char **copy = calloc(n ? n : 1, sizeof(*copy));
	size_t i;

	for (i = 0; copy && i < n; i++)
		copy[i] = strdup(v[i]);
	return copy;
}

/* Copy the fields of the file that the pages show. */
static struct activity *header_copy(const struct activity *a, uint64_t seed)
{
	struct activity *x = calloc(1, sizeof(*x));

	if (!x)
		return NULL;
	x->id = dup_or_null(a->id);
	x->subject = dup_or_null(a->subject);
	x->levels = a->levels;
	x->competencies = strv_copy(a->competencies, a->competency_count);
	x->competency_lines = calloc(a->competency_count ? a->competency_count : 1, sizeof(int));
	x->competency_count = x->competencies && x->competency_lines ? a->competency_count : 0;
	x->title = dup_or_null(a->title);
	x->theme = dup_or_null(a->theme);
	x->minutes = a->minutes;
	x->author = dup_or_null(a->author);
	x->reviewer = dup_or_null(a->reviewer);
	x->version = a->version;
	x->intro_html = dup_or_null(a->intro_html);
	x->generator = dup_or_null(a->generator);
	x->variant = dup_or_null(a->variant);
	x->difficulty = a->difficulty;
	x->generated_count = a->generated_count;
	x->seed = seed;
	x->questions = calloc(GENERATOR_MAX_ITEMS, sizeof(*x->questions));
	if (!x->questions || !x->id || !x->title) {
		activity_free(x);
		return NULL;
	}
	return x;
}

struct activity *generator_expand(const struct activity *a, uint64_t seed, char *err, size_t err_size)
{
	const struct generator_info *info = generator_find(a->generator);
	gen_item_fn make = maker_find(a->generator);
	struct gen_ctx g = { .err = err, .err_size = err_size };
	int items = a->generated_count > 0 ? a->generated_count : GENERATOR_DEFAULT_ITEMS, i;

	err[0] = '\0';
	if (!info || !make) {
		snprintf(err, err_size, "générateur inconnu « %s »", a->generator ? a->generator : "");
		return NULL;
	}
	g.out = header_copy(a, seed);
	if (!g.out) {
		snprintf(err, err_size, "mémoire insuffisante");
		return NULL;
	}
	rng_seed(&g.rng, seed);
	g.difficulty = a->difficulty >= 1 && a->difficulty <= GENERATOR_MAX_DIFFICULTY ? a->difficulty : 1;
	g.variant = "";
	if (a->variant)
		g.variant = a->variant;
	else if (info->variants)
		g.variant = info->variants[0];
	for (i = 0; i < items && i < GENERATOR_MAX_ITEMS; i++)
		if (make(&g, i) < 0) {
			if (!err[0])
				snprintf(err, err_size, "mémoire insuffisante");
			activity_free(g.out);
			return NULL;
		}
	return g.out;
}

uint64_t generator_new_seed(void)
{
	uint64_t seed;

	randombytes_buf(&seed, sizeof(seed));
	/* Seeds are stored in a signed 64-bit column: keep them positive. */
	return seed >> 1;
}
