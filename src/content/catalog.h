/*
 * catalog: every activity of the content base, parsed and kept with its
 * source text. `ardoise content check` and `ardoise init` load it from the
 * content/ folder; the server rebuilds it from the database.
 *
 * Ownership: the catalog owns each entry's path, source and activity;
 * catalog_release() frees them all (and accepts an empty catalog).
 */
#ifndef ARDOISE_CONTENT_CATALOG_H
#define ARDOISE_CONTENT_CATALOG_H

#include <stddef.h>
#include <stdio.h>

#include "content/activity.h"
#include "content/referential.h"
#include "content/search.h"

/* Bounds of a content folder walk. */
#define CATALOG_MAX_FILES 20000
#define CATALOG_MAX_DEPTH 8

struct catalog_entry {
	char *path;
	char *source; /* NUL-terminated copy of the file */
	size_t source_len;
	struct activity *activity;
};

struct catalog {
	struct catalog_entry *entries;
	size_t count;
	struct referential ref; /* empty when the content has none */
	struct search_index index; /* built by search_index_build() */
};

void catalog_init(struct catalog *c);

/* Parse `source` and add it; on parse error fill err and return -1.
 * Rejects a duplicate id (the message names the id and the other file). */
int catalog_add(struct catalog *c, const char *path, const char *source,
		size_t len, struct content_error *err);

/*
 * Walk `root` recursively for *.md files, except README.md, LISEZMOI.md
 * and anything under root/referentiel, in the order of their sorted paths,
 * and load the referential into c->ref. Writes one line per problem,
 * "path:line: message", to `errors`. Besides parse errors, rejects
 * competency codes absent from root/referentiel/competences.tsv (when that
 * file exists), files whose subject differs from their first folder under
 * `root`, dossier items that are not loaded contents, and video files
 * found neither in root/media nor as a root/media/NAME.lecon script.
 * Returns the number of problems (0 = all good), or -1 if `root` cannot be
 * read.
 */
int catalog_load_dir(struct catalog *c, const char *root, FILE *errors);

/* The activity with this id, or NULL. */
const struct activity *catalog_find(const struct catalog *c, const char *id);

void catalog_release(struct catalog *c);

#endif
