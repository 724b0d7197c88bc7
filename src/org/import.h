/*
 * import: check a class list read by roster_parse() against a structure,
 * then create all of its children in one transaction, or none.
 *
 * Ardoise keeps only the initial of a child's last name: the import takes
 * the first letter of the last name, upper case (Martin-Dubois gives "M.").
 */
#ifndef ARDOISE_ORG_IMPORT_H
#define ARDOISE_ORG_IMPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "org/roster.h"
#include "store/db.h"

/* Maximum length of a group name read from a file, in bytes. The group
 * form allows 60 characters, which is at most 120 bytes of French text. */
#define IMPORT_GROUP_MAX_BYTES 120
#define IMPORT_INITIAL_BYTES 8

struct import_plan {
	int parse_result;    /* what roster_parse() returned */
	struct roster roster;
	/* The initial ("M.") of each row of roster.rows. */
	char (*initials)[IMPORT_INITIAL_BYTES];
	/* Problems found against the structure, in line order. The file's own
	 * problems are in roster.problems. */
	struct roster_problem *problems;
	size_t problem_count;
	/* Distinct group names of the file that the structure lacks, pointing
	 * into roster.rows. */
	const char **new_groups;
	size_t new_group_count;
};

/*
 * Parse `len` bytes and check every row for `structure_id`: the first name
 * and level as people_check() wants them, a last name with a letter, a
 * group name of at most IMPORT_GROUP_MAX_BYTES, and no active child of the
 * structure with the same first name, initial and group (case ignored).
 * Returns 0, even with problems, or -1 when the database fails. Release
 * `out` with import_plan_release() whatever the result.
 */
int import_plan_make(struct db *db, int64_t structure_id, const char *data, size_t len,
		     struct import_plan *out);
void import_plan_release(struct import_plan *p);
/* Problems of the file and against the structure together. */
size_t import_plan_problems(const struct import_plan *p);
/* True when the file was read, has rows and has no problem. */
bool import_plan_ready(const struct import_plan *p);

/* Called after each child. Returning false cancels the whole import. */
typedef bool import_progress_fn(void *arg, size_t done, size_t total);

/*
 * In one transaction: create the missing groups and every child of a
 * ready plan (people_create_child), delete the pending import
 * `pending_id` unless it is 0, and write one audit line (action "import")
 * with the counts. Returns the number of children created, or -1 with
 * nothing changed (database failure or cancelled by `progress`).
 */
int64_t import_apply(struct db *db, int64_t actor_id, int64_t structure_id, const struct import_plan *p,
		     int64_t pending_id, import_progress_fn *progress, void *arg);

#endif
