/*
 * search: the catalogue filters and the accent-insensitive text search.
 * Each content gets one folded text: its title, theme, subject, type,
 * competency codes and labels, in lowercase without diacritics, with
 * single spaces between words. A query matches when each of its folded
 * words starts a word of that text. A linear scan of the folded
 * texts is enough for the sizes Ardoise targets (bench/search_bench.c).
 *
 * Ownership: the index belongs to its catalog; search_index_release() frees
 * it (and accepts an index never built).
 */
#ifndef ARDOISE_CONTENT_SEARCH_H
#define ARDOISE_CONTENT_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

struct catalog;
struct activity;

#define SEARCH_MAX_QUERY_BYTES 200
#define SEARCH_MAX_WORDS 8

struct search_index {
	char **folded; /* one per catalog entry, in entry order */
	size_t count;
};

struct search_filter {
	const char *query;      /* words typed, or NULL */
	const char *subject;    /* subject id, or NULL */
	unsigned levels;        /* bit set of enum level; 0 = any */
	const char *competency; /* competency code, or NULL */
	int type;               /* enum content_type, or -1 = any */
};

/*
 * Fold `text` into `out`: NFKD, diacritics removed, case folded, and every
 * run of characters that are not letters or digits turned into one space.
 * Returns the length written, or -1 when the text is not UTF-8 or does not
 * fit in `size`.
 */
long search_fold(const char *text, char *out, size_t size);

/* Build the folded text of every entry of `c` into c->index. Returns 0 or -1. */
int search_index_build(struct catalog *c);
void search_index_release(struct search_index *index);

/*
 * Call `hit` on each entry index of `c` that passes the filter, in entry
 * order, until it returns false. Returns the number of hits seen, or -1
 * when the index is missing or the query cannot be folded.
 */
long search_run(const struct catalog *c, const struct search_filter *f,
		bool (*hit)(size_t entry, void *ctx), void *ctx);

#endif
