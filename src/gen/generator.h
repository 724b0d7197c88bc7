/*
 * generator: activities whose questions are made from a seed. A content
 * file names a generator in its front matter ("generator: calcul-mental")
 * with its settings (difficulty, items, variant) and has no written
 * questions; each time a child opens it, a new seed gives new questions,
 * and the seed stored with the attempt gives the same questions again on
 * the result page. The generators are listed in docs/format-contenu.md.
 *
 * Ownership: generator_expand() returns a new activity (free it with
 * activity_free()) that copies the file's fields and owns its questions.
 */
#ifndef ARDOISE_GEN_GENERATOR_H
#define ARDOISE_GEN_GENERATOR_H

#include <stddef.h>
#include <stdint.h>

#include "content/activity.h"

#define GENERATOR_MAX_ITEMS 20
#define GENERATOR_MAX_DIFFICULTY 3
#define GENERATOR_DEFAULT_ITEMS 10

/* The generator called `name`, its variants (NULL-terminated, the first
 * is the default; NULL when it has none) and its French description. */
struct generator_info {
	const char *name;
	const char *const *variants;
	const char *description;
};

/* The generator called `name`, or NULL. Needs no data files, so the
 * content parser can check names. */
const struct generator_info *generator_find(const char *name);
/* True when `variant` is one of the variants of `g`. */
bool generator_variant_valid(const struct generator_info *g, const char *variant);
/* The names separated by commas, for messages: "calcul-mental, ..." */
const char *generator_names(void);

/*
 * Make the questions of the generated activity `a` for `seed`. Returns
 * the expanded activity, or NULL with a French message in `err` (unknown
 * generator, missing data such as the conjugation dictionary, or memory).
 */
struct activity *generator_expand(const struct activity *a, uint64_t seed, char *err, size_t err_size);

/* A seed as decimal text, for forms and links. */
struct seed_text {
	char text[24];
};
struct seed_text generator_seed_text(uint64_t seed);
/* Read a seed written by generator_seed_text(): digits only, at most
 * INT64_MAX because the database stores it signed. False when absent or
 * invalid. */
bool generator_seed_parse(const char *text, uint64_t *seed);

/* A fresh random seed (from the system's random source). */
uint64_t generator_new_seed(void);

#endif
