/*
 * spelling: the French spelling checker and thesaurus of the spelling
 * helper. Spelling uses libhunspell with Dicollecte's French dictionary
 * (Debian package hunspell-fr, MPL-2.0); synonyms come from the French
 * thesaurus of mythes-fr (Debian package mythes-fr, LGPL-2.1), whose
 * ".idx" file maps each word to the offset of its entry in the ".dat" file.
 *
 * Ownership: spelling_open() returns an object to free with
 * spelling_free() (accepts NULL). Hunspell objects are not safe to share
 * between threads, so the checker's calls are serialised by a lock; the
 * thesaurus is read-only once loaded.
 */
#ifndef ARDOISE_TOOLS_SPELLING_H
#define ARDOISE_TOOLS_SPELLING_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"

#define SPELLING_HUNSPELL_DIR "/usr/share/hunspell"
#define SPELLING_MYTHES_DIR "/usr/share/mythes"
#define SPELLING_MAX_SUGGESTIONS 8
#define SPELLING_MAX_MEANINGS 12

struct spelling;

/* Load fr.aff/fr.dic from `hunspell_dir` and thes_fr.idx/.dat from
 * `mythes_dir` (NULL = the defaults above). Returns NULL with a French
 * message in `err`. */
struct spelling *spelling_open(const char *hunspell_dir, const char *mythes_dir, char *err, size_t err_size);
void spelling_free(struct spelling *s);
/* The checker of the default folders, loaded on the first call (thread
 * safe); NULL, logged once, when the files are missing. */
struct spelling *spelling_shared(void);

/* True when `word` (UTF-8) is spelt correctly. */
bool spelling_check(struct spelling *s, const char *word);
/* Append up to `max` suggestions for `word` to `out`, each followed by a
 * NUL byte; returns how many. */
size_t spelling_suggest(struct spelling *s, const char *word, struct buf *out, size_t max);

/* One meaning of a word in the thesaurus: its part of speech ("Nom",
 * "Verbe"...) and its synonyms, both pointing into the thesaurus. */
struct synonym_group {
	const char *part_of_speech;
	size_t part_len;
	const char *synonyms; /* "word|word|word" */
	size_t synonyms_len;
};

/* Fill `out` with the meanings of `word` (exact, then in lower case);
 * returns how many, 0 when the word is not in the thesaurus. */
size_t spelling_synonyms(const struct spelling *s, const char *word, struct synonym_group *out, size_t max);

#endif
