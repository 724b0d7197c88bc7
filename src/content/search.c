#include "content/search.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "content/catalog.h"

#define SEARCH_MAX_FOLDED_BYTES 4096

static bool is_word_char(utf8proc_int32_t cp)
{
	utf8proc_category_t cat = utf8proc_category(cp);

	return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
	       (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
}

long search_fold(const char *text, char *out, size_t size)
{
	utf8proc_uint8_t *mapped = NULL;
	utf8proc_ssize_t n, step;
	utf8proc_int32_t cp;
	size_t used = 0, i = 0;
	bool space = true;

	if (size == 0)
		return -1;
	n = utf8proc_map((const utf8proc_uint8_t *)text, 0, &mapped,
			 UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE |
				 UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
	if (n < 0)
		return -1;
	while (i < (size_t)n) {
		step = utf8proc_iterate(mapped + i, n - (utf8proc_ssize_t)i, &cp);
		if (step <= 0)
			break;
		/* Ligatures that French writers also type as two letters. */
		if (cp == 0x153 || cp == 0xe6) {
			if (used + 2 >= size) {
				free(mapped);
				return -1;
			}
			out[used++] = cp == 0x153 ? 'o' : 'a';
			out[used++] = 'e';
			space = false;
		} else if (!is_word_char(cp)) {
			if (!space && used + 1 < size)
				out[used++] = ' ';
			space = true;
		} else if (used + (size_t)step < size) {
			memcpy(out + used, mapped + i, (size_t)step);
			used += (size_t)step;
			space = false;
		} else {
			free(mapped);
			return -1;
		}
		i += (size_t)step;
	}
	free(mapped);
	while (used > 0 && out[used - 1] == ' ')
		used--;
	out[used] = '\0';
	return (long)used;
}

/* Append `text` and a space to the raw text being built. */
static void raw_add(char *raw, size_t size, size_t *used, const char *text)
{
	size_t n = text ? strlen(text) : 0;

	if (*used + n + 2 > size)
		return;
	if (n)
		memcpy(raw + *used, text, n);
	*used += n;
	raw[(*used)++] = ' ';
	raw[*used] = '\0';
}

/* " title theme subject type codes labels " folded, with the spaces at both
 * ends so that " word" finds the start of any word. */
static char *entry_fold(const struct catalog *c, const struct activity *a)
{
	char raw[SEARCH_MAX_FOLDED_BYTES], folded[SEARCH_MAX_FOLDED_BYTES];
	const struct competency *comp;
	size_t used = 0, i;
	long n;
	char *out;

	raw[0] = '\0';
	raw_add(raw, sizeof(raw), &used, a->title);
	raw_add(raw, sizeof(raw), &used, a->theme);
	raw_add(raw, sizeof(raw), &used, subject_label(a->subject));
	raw_add(raw, sizeof(raw), &used, content_type_label(a->type));
	for (i = 0; i < a->competency_count; i++) {
		comp = referential_find(&c->ref, a->competencies[i]);
		raw_add(raw, sizeof(raw), &used, a->competencies[i]);
		raw_add(raw, sizeof(raw), &used, comp ? comp->label : NULL);
	}
	n = search_fold(raw, folded + 1, sizeof(folded) - 2);
	if (n < 0)
		n = 0;
	folded[0] = ' ';
	folded[n + 1] = ' ';
	folded[n + 2] = '\0';
	out = strdup(folded);
	return out;
}

void search_index_release(struct search_index *index)
{
	size_t i;

	if (!index)
		return;
	for (i = 0; i < index->count; i++)
		free(index->folded[i]);
	free(index->folded);
	index->folded = NULL;
	index->count = 0;
}

int search_index_build(struct catalog *c)
{
	size_t i;

	search_index_release(&c->index);
	c->index.folded = calloc(c->count ? c->count : 1, sizeof(char *));
	if (!c->index.folded)
		return -1;
	for (i = 0; i < c->count; i++) {
		c->index.folded[i] = entry_fold(c, c->entries[i].activity);
		c->index.count = i + 1;
		if (!c->index.folded[i])
			return -1;
	}
	return 0;
}

static bool filter_pass(const struct activity *a, const struct search_filter *f)
{
	if (f->subject && strcmp(a->subject, f->subject) != 0)
		return false;
	if (f->levels && !(a->levels & f->levels))
		return false;
	if (f->type >= 0 && (int)a->type != f->type)
		return false;
	return !f->competency || activity_has_competency(a, f->competency);
}

/* Split the folded query into " word" needles; returns their count. */
static size_t query_words(char *folded, char needles[][SEARCH_MAX_QUERY_BYTES + 2])
{
	char *save = NULL, *w;
	size_t n = 0;

	for (w = strtok_r(folded, " ", &save); w && n < SEARCH_MAX_WORDS; w = strtok_r(NULL, " ", &save)) {
		needles[n][0] = ' ';
		memcpy(needles[n] + 1, w, strlen(w) + 1);
		n++;
	}
	return n;
}

long search_run(const struct catalog *c, const struct search_filter *f,
		bool (*hit)(size_t entry, void *ctx), void *ctx)
{
	char folded[SEARCH_MAX_QUERY_BYTES * 4 + 1];
	char needles[SEARCH_MAX_WORDS][SEARCH_MAX_QUERY_BYTES + 2];
	size_t words = 0, i, w;
	long hits = 0;
	bool match;

	if (c->index.count != c->count)
		return -1;
	if (f->query && *f->query) {
		if (strlen(f->query) > SEARCH_MAX_QUERY_BYTES || search_fold(f->query, folded, sizeof(folded)) < 0)
			return -1;
		words = query_words(folded, needles);
	}
	for (i = 0; i < c->count; i++) {
		if (!filter_pass(c->entries[i].activity, f))
			continue;
		match = true;
		for (w = 0; w < words && match; w++)
			match = strstr(c->index.folded[i], needles[w]) != NULL;
		if (!match)
			continue;
		hits++;
		if (!hit(i, ctx))
			break;
	}
	return hits;
}
