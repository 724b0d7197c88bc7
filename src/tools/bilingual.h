/*
 * bilingual: the English-French and French-English dictionaries of the
 * FreeDict project (Debian packages dict-freedict-eng-fra and
 * dict-freedict-fra-eng, GPL-2.0-or-later), in the dictd format: a text
 * index of "headword TAB offset TAB length" lines, numbers in base 64,
 * pointing into a dictzip file (see tools/dictzip.h).
 *
 * The index is loaded whole and sorted on folded headwords (see
 * tools/fold.h), so "ecole" finds "école". Ownership: bilingual_open()
 * returns an object to free with bilingual_free() (accepts NULL); it is
 * read-only once loaded, so threads may share it.
 */
#ifndef ARDOISE_TOOLS_BILINGUAL_H
#define ARDOISE_TOOLS_BILINGUAL_H

#include <stddef.h>

#define BILINGUAL_DEFAULT_DIR "/usr/share/dictd"
#define BILINGUAL_MAX_RESULTS 10

enum bilingual_direction {
	BILINGUAL_EN_FR,
	BILINGUAL_FR_EN,
};

struct bilingual;

/* Load `dir`/freedict-eng-fra.* or freedict-fra-eng.* (dir NULL =
 * BILINGUAL_DEFAULT_DIR). Returns NULL with a French message in `err`. */
struct bilingual *bilingual_open(const char *dir, enum bilingual_direction direction, char *err, size_t err_size);
void bilingual_free(struct bilingual *b);
/* The dictionary of BILINGUAL_DEFAULT_DIR, loaded on the first call
 * (thread safe); NULL, logged once, when the files are missing. */
const struct bilingual *bilingual_shared(enum bilingual_direction direction);

size_t bilingual_count(const struct bilingual *b);
/*
 * Fill `out` with the indices of the headwords equal to `word` once
 * folded; when there are none, with the headwords that start with it
 * (suggestions), and set `*exact` to 0. Returns how many, at most `max`.
 */
size_t bilingual_find(const struct bilingual *b, const char *word, size_t *out, size_t max, int *exact);
const char *bilingual_headword(const struct bilingual *b, size_t index);
/* Read the entry text of `index` into `out`: its first line repeats the
 * headword with its pronunciation and part of speech, then one
 * translation a line. Returns 0 or -1 (entry too long or file corrupt). */
int bilingual_entry(const struct bilingual *b, size_t index, char *out, size_t size);

#endif
