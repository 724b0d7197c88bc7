/*
 * dictation: tokens, the edit-distance alignment of a typed text with the
 * reference, and the classification of each difference.
 */
#include "content/dictation.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "content/answer.h"

/* Alignment costs. A near word (same letters but accents or case, a
 * homophone, a shared stem) is cheaper to pair than an unrelated one, and
 * any pair costs less than one missing plus one extra token. A word is
 * never paired with a punctuation mark. */
#define COST_GAP 10
#define COST_NEAR 5
#define COST_SIMILAR 10
#define COST_OTHER 16
#define COST_PUNCT 10
#define COST_NEVER 100000

/* Groups of words that sound alike, in lower case with a straight
 * apostrophe. A word belongs to one group only: the first that lists it. */
static const char *const homophone_groups[] = {
	"a|à|as",
	"et|est|es",
	"son|sont",
	"on|ont",
	"ce|se",
	"ces|ses|c'est|s'est|sait|sais",
	"ou|où|houx",
	"la|là|l'a|l'as",
	"mes|mais|met|mets",
	"les|l'ai|lait|laid",
	"leur|leurs",
	"ma|m'a|m'as",
	"ta|t'a|t'as",
	"sa|ça|çà",
	"ni|n'y|nid",
	"si|s'y|ci|scie",
	"peu|peut|peux",
	"quand|quant|qu'en|camp",
	"dans|d'en|dent|dents",
	"sans|s'en|c'en|sent|sens|cent|sang",
	"quel|quelle|quels|quelles|qu'elle|qu'elles",
	"du|dû",
	"sur|sûr|sûre",
	"ver|vers|verre|vert|verts",
	"mer|mère|maire",
	"cou|coup|coups|coût|coûts",
	"fin|faim",
	"voix|voie|voies|voit|vois",
	"près|prêt",
	"foi|fois|foie",
	"temps|tant|tend|tends",
	"père|paire|pair|perd|perds",
	"cour|cours|court",
	"chant|champ|champs",
	"conte|compte|comte",
	"pain|pin|peint",
	"vingt|vin|vain|vint",
	"mot|mots|maux",
	"mon|mont",
	"tante|tente",
};

/* Endings that agreement or conjugation changes, in lower case. */
static const char *const endings[] = {
	"", "s", "x", "e", "es", "nt", "ent", "é", "ée", "és", "ées", "er",
	"ez", "ai", "ais", "ait", "aient", "t", "ons", "al", "aux", "ir",
	"is", "it",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- tokens ---- */

static bool is_line_break_cp(int32_t cp)
{
	return cp == '\n' || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}

static bool is_hyphen_cp(int32_t cp)
{
	return cp == '-' || cp == 0x2010 || cp == 0x2011;
}

/* Punctuation marks of a French text; a hyphen counts only outside a
 * word, which the tokenizer decides. */
static bool is_punct_cp(int32_t cp)
{
	if (cp < 0x80)
		return cp && strchr(".,;:!?()[]\"/", (int)cp) != NULL;
	return cp == 0xab || cp == 0xbb || cp == 0x201c || cp == 0x201d ||
	       cp == 0x201e || cp == 0x2026 || cp == 0x2013 ||
	       cp == 0x2014 || cp == 0x2212;
}

static bool is_word_cp(int32_t cp)
{
	return !answer_is_space(cp) && !is_punct_cp(cp) && !is_hyphen_cp(cp);
}

/* The code point at `s[i]`, its length in `*n`; -1 on invalid UTF-8. */
static int32_t next_cp(const char *s, size_t len, size_t i, size_t *n)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;

	if (i >= len) {
		*n = 0;
		return 0;
	}
	k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
			     (utf8proc_ssize_t)(len - i), &cp);
	if (k <= 0) {
		*n = 0;
		return -1;
	}
	*n = (size_t)k;
	return cp;
}

/* End of the word starting at `i`. A hyphen stays inside when a word
 * character follows it: "peut-être", "arc-en-ciel". */
static long word_end(const char *s, size_t len, size_t i)
{
	size_t n, m;
	int32_t cp, after;

	while (i < len) {
		cp = next_cp(s, len, i, &n);
		if (cp < 0)
			return -1;
		if (is_hyphen_cp(cp)) {
			after = next_cp(s, len, i + n, &m);
			if (after < 0)
				return -1;
			if (m == 0 || !is_word_cp(after))
				break;
			i += n + m;
			continue;
		}
		if (!is_word_cp(cp))
			break;
		i += n;
	}
	return (long)i;
}

/* The comparison form of a mark: every quote is '"', every dash '-',
 * and "..." is "…". */
static const char *punct_key(const char *s, size_t len)
{
	if (s[0] == '.')
		return len > 1 ? "…" : ".";
	if (s[0] == '"' || (len >= 2 && (memcmp(s, "«", 2) == 0 ||
					  memcmp(s, "»", 2) == 0)) ||
	    (len == 3 && (memcmp(s, "“", 3) == 0 || memcmp(s, "”", 3) == 0 ||
			  memcmp(s, "„", 3) == 0)))
		return "\"";
	if (s[0] == '-' || (len == 3 && (memcmp(s, "–", 3) == 0 ||
					 memcmp(s, "—", 3) == 0 ||
					 memcmp(s, "‐", 3) == 0 ||
					 memcmp(s, "‑", 3) == 0 ||
					 memcmp(s, "−", 3) == 0)))
		return "-";
	return NULL;
}

static int homophone_group(const char *fold)
{
	size_t g, n = strlen(fold);
	const char *p;

	for (g = 0; g < COUNT(homophone_groups); g++) {
		for (p = homophone_groups[g]; *p; p += strcspn(p, "|")) {
			if (*p == '|')
				p++;
			if (strcspn(p, "|") == n && memcmp(p, fold, n) == 0)
				return (int)g;
		}
	}
	return -1;
}

/* Fill the comparison forms of `t`. Returns 0, 1 when the token has no
 * visible character (it is then dropped), or an enum dictation_error. */
static int token_forms(struct dictation_token *t)
{
	const char *key = t->punct ? punct_key(t->text, t->len) : NULL;
	int rc;

	if (key) {
		t->norm = strdup(key);
		return t->norm ? 0 : DICTATION_ERR_NOMEM;
	}
	rc = answer_normalize(t->text, t->len, ANSWER_CASE_SENSITIVE,
			      &t->norm);
	if (rc == 0 && !t->punct)
		rc = answer_normalize(t->text, t->len, 0, &t->fold);
	if (rc == 0 && !t->punct)
		rc = answer_normalize(t->text, t->len, ANSWER_IGNORE_ACCENTS,
				      &t->bare);
	if (rc < 0)
		return rc == ANSWER_ERR_NOMEM ? DICTATION_ERR_NOMEM :
						DICTATION_ERR_UTF8;
	if (t->norm[0] == '\0')
		return 1;
	t->homophones = t->fold ? homophone_group(t->fold) : -1;
	return 0;
}

static void token_release(struct dictation_token *t)
{
	free(t->norm);
	free(t->fold);
	free(t->bare);
	memset(t, 0, sizeof(*t));
}

void dictation_tokens_free(struct dictation_token *tokens, size_t count)
{
	size_t i;

	for (i = 0; tokens && i < count; i++)
		token_release(&tokens[i]);
	free(tokens);
}

/* Length of the mark at `i`: a run of dots is one mark. */
static size_t punct_length(const char *s, size_t len, size_t i, size_t n)
{
	size_t end = i + n;

	if (s[i] == '.')
		while (end < len && s[end] == '.')
			end++;
	return end - i;
}

/* Cut one token at `*i` into `t`, moving `*i` past it. */
static int token_cut(const char *s, size_t len, size_t *i,
		     struct dictation_token *t)
{
	size_t n;
	int32_t cp = next_cp(s, len, *i, &n);
	long end;

	if (cp < 0)
		return DICTATION_ERR_UTF8;
	t->text = s + *i;
	t->punct = !is_word_cp(cp);
	if (t->punct) {
		t->len = punct_length(s, len, *i, n);
	} else {
		end = word_end(s, len, *i);
		if (end < 0)
			return DICTATION_ERR_UTF8;
		t->len = (size_t)end - *i;
	}
	*i += t->len;
	return token_forms(t);
}

long dictation_tokenize(const char *text, size_t len,
			struct dictation_token **tokens)
{
	struct dictation_token *v = calloc(len + 1, sizeof(*v));
	size_t i = 0, count = 0, n;
	bool line = false;
	int32_t cp;
	int rc;

	*tokens = NULL;
	if (!v)
		return DICTATION_ERR_NOMEM;
	while (i < len) {
		cp = next_cp(text, len, i, &n);
		if (cp < 0) {
			dictation_tokens_free(v, count);
			return DICTATION_ERR_UTF8;
		}
		if (answer_is_space(cp)) {
			line |= is_line_break_cp(cp) && count > 0;
			i += n;
			continue;
		}
		rc = token_cut(text, len, &i, &v[count]);
		if (rc < 0) {
			dictation_tokens_free(v, count + 1);
			return rc;
		}
		if (rc == 1) {
			token_release(&v[count]);
			continue;
		}
		v[count++].line_before = line;
		line = false;
	}
	*tokens = v;
	return (long)count;
}

/* ---- classification ---- */

static bool ends_with(const char *s, size_t len, const char *tail,
		      size_t tail_len)
{
	return len >= tail_len && memcmp(s + len - tail_len, tail, tail_len) == 0;
}

/* True when `a` and `b` share a stem of two bytes or more and differ only
 * by endings from the table: "chante"/"chantent", "joué"/"jouer". */
static bool same_stem(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, stem;

	for (i = 0; i < COUNT(endings); i++) {
		size_t li = strlen(endings[i]);

		if (!ends_with(a, la, endings[i], li) || la - li < 2)
			continue;
		stem = la - li;
		for (j = 0; j < COUNT(endings); j++) {
			size_t lj = strlen(endings[j]);

			if (j != i && ends_with(b, lb, endings[j], lj) &&
			    lb - lj == stem && memcmp(a, b, stem) == 0)
				return true;
		}
	}
	return false;
}

static enum dictation_mistake classify_words(const struct dictation_token *e,
					     const struct dictation_token *t)
{
	if (strcmp(e->norm, t->norm) == 0)
		return DICTATION_RIGHT;
	if (strcmp(e->fold, t->fold) == 0)
		return DICTATION_CAPITAL;
	if (e->homophones >= 0 && e->homophones == t->homophones)
		return DICTATION_HOMOPHONE;
	if (strcmp(e->bare, t->bare) == 0)
		return DICTATION_ACCENT;
	if (same_stem(e->fold, t->fold))
		return DICTATION_AGREEMENT;
	return DICTATION_SPELLING;
}

static enum dictation_mistake classify(const struct dictation_token *e,
				       const struct dictation_token *t)
{
	if (!t)
		return e->punct ? DICTATION_PUNCTUATION : DICTATION_MISSING;
	if (!e)
		return t->punct ? DICTATION_PUNCTUATION : DICTATION_EXTRA;
	if (e->punct)
		return strcmp(e->norm, t->norm) == 0 ? DICTATION_RIGHT :
						       DICTATION_PUNCTUATION;
	return classify_words(e, t);
}

/* Length of the common start of two strings. */
static size_t common_prefix(const char *a, const char *b)
{
	size_t n = 0;

	while (a[n] && a[n] == b[n])
		n++;
	return n;
}

static int pair_cost(const struct dictation_token *e,
		     const struct dictation_token *t)
{
	size_t prefix;

	if (e->punct != t->punct)
		return COST_NEVER;
	if (strcmp(e->norm, t->norm) == 0)
		return 0;
	if (e->punct)
		return COST_PUNCT;
	if (strcmp(e->bare, t->bare) == 0 ||
	    (e->homophones >= 0 && e->homophones == t->homophones))
		return COST_NEAR;
	prefix = common_prefix(e->bare, t->bare);
	if (prefix >= 3 || (prefix >= 2 && strlen(e->bare) <= 4))
		return COST_SIMILAR;
	return COST_OTHER;
}

/* ---- alignment ---- */

enum move { MOVE_PAIR, MOVE_MISSING, MOVE_EXTRA };

/* Fill the edit-distance table: cost[i][j] aligns the first i expected
 * tokens with the first j typed ones; `moves` keeps the last move. */
static void align_fill(const struct dictation_result *r, int *cost,
		       unsigned char *moves)
{
	size_t n = r->expected_count, m = r->typed_count, i, j, w = m + 1;

	for (i = 0; i <= n; i++) {
		cost[i * w] = (int)i * COST_GAP;
		moves[i * w] = MOVE_MISSING;
	}
	for (j = 0; j <= m; j++) {
		cost[j] = (int)j * COST_GAP;
		moves[j] = MOVE_EXTRA;
	}
	for (i = 1; i <= n; i++)
		for (j = 1; j <= m; j++) {
			int pair = cost[(i - 1) * w + j - 1] +
				   pair_cost(&r->expected[i - 1],
					     &r->typed[j - 1]);
			int missing = cost[(i - 1) * w + j] + COST_GAP;
			int extra = cost[i * w + j - 1] + COST_GAP;
			int best = pair;
			unsigned char move = MOVE_PAIR;

			if (missing < best) {
				best = missing;
				move = MOVE_MISSING;
			}
			if (extra < best) {
				best = extra;
				move = MOVE_EXTRA;
			}
			cost[i * w + j] = best;
			moves[i * w + j] = move;
		}
}

/* Walk the table back from the end and store the steps in text order. */
static void align_trace(struct dictation_result *r, const unsigned char *moves)
{
	size_t i = r->expected_count, j = r->typed_count, w = j + 1, k;
	struct dictation_step *s = r->steps;

	r->step_count = 0;
	while (i > 0 || j > 0) {
		unsigned char move = moves[i * w + j];
		struct dictation_step *step = &s[r->step_count++];

		step->expected = move != MOVE_EXTRA ? &r->expected[--i] : NULL;
		step->typed = move != MOVE_MISSING ? &r->typed[--j] : NULL;
		step->kind = classify(step->expected, step->typed);
	}
	for (k = 0; k < r->step_count / 2; k++) {
		struct dictation_step tmp = s[k];

		s[k] = s[r->step_count - 1 - k];
		s[r->step_count - 1 - k] = tmp;
	}
}

static void result_count(struct dictation_result *r)
{
	size_t i;

	for (i = 0; i < r->expected_count; i++)
		r->words += !r->expected[i].punct;
	for (i = 0; i < r->step_count; i++) {
		const struct dictation_step *s = &r->steps[i];

		r->counts[s->kind]++;
		if (s->kind == DICTATION_RIGHT && !s->expected->punct)
			r->words_right++;
	}
}

static int align(struct dictation_result *r)
{
	size_t cells = (r->expected_count + 1) * (r->typed_count + 1);
	int *cost = malloc(cells * sizeof(*cost));
	unsigned char *moves = malloc(cells);
	int rc = DICTATION_ERR_NOMEM;

	r->steps = calloc(r->expected_count + r->typed_count + 1,
			  sizeof(*r->steps));
	if (!cost || !moves || !r->steps)
		goto out;
	align_fill(r, cost, moves);
	align_trace(r, moves);
	result_count(r);
	rc = 0;
out:
	free(cost);
	free(moves);
	return rc;
}

int dictation_compare(const char *expected, size_t expected_len,
		      const char *typed, size_t typed_len,
		      struct dictation_result *out)
{
	long n;
	int rc;

	memset(out, 0, sizeof(*out));
	if (expected_len > DICTATION_MAX_ANSWER_BYTES ||
	    typed_len > DICTATION_MAX_ANSWER_BYTES)
		return DICTATION_ERR_TOO_LONG;

	n = dictation_tokenize(expected, expected_len, &out->expected);
	if (n < 0)
		return (int)n;
	out->expected_count = (size_t)n;
	n = dictation_tokenize(typed, typed_len, &out->typed);
	if (n < 0) {
		dictation_result_release(out);
		return (int)n;
	}
	out->typed_count = (size_t)n;

	rc = align(out);
	if (rc < 0)
		dictation_result_release(out);
	return rc;
}

void dictation_result_release(struct dictation_result *r)
{
	if (!r)
		return;
	dictation_tokens_free(r->expected, r->expected_count);
	dictation_tokens_free(r->typed, r->typed_count);
	free(r->steps);
	memset(r, 0, sizeof(*r));
}

const char *dictation_mistake_name(enum dictation_mistake kind)
{
	static const char *const names[DICTATION_KINDS] = {
		[DICTATION_RIGHT] = "juste",
		[DICTATION_ACCENT] = "accent",
		[DICTATION_AGREEMENT] = "accord",
		[DICTATION_HOMOPHONE] = "homophone",
		[DICTATION_CAPITAL] = "majuscule",
		[DICTATION_PUNCTUATION] = "ponctuation",
		[DICTATION_MISSING] = "mot oublié",
		[DICTATION_EXTRA] = "mot en trop",
		[DICTATION_SPELLING] = "orthographe",
	};

	return (unsigned)kind < DICTATION_KINDS ? names[kind] : "?";
}

void dictation_free(struct dictation *d)
{
	size_t i;

	if (!d)
		return;
	for (i = 0; d->sentences && i < d->sentence_count; i++)
		free(d->sentences[i]);
	for (i = 0; d->given_words && i < d->given_word_count; i++)
		free(d->given_words[i]);
	free(d->sentences);
	free(d->new_paragraph);
	free(d->given_words);
	free(d->text);
	free(d);
}
