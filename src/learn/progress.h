/*
 * progress: what a child should do next, the work adults assign, and the
 * figures of the progress pages. Reads the mastery estimates of
 * learn/mastery.h and the attempts; writes only assignments.
 */
#ifndef ARDOISE_LEARN_PROGRESS_H
#define ARDOISE_LEARN_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "content/catalog.h"
#include "store/db.h"

/* Reason an activity is proposed, in the order the rules are tried. */
enum next_reason {
	NEXT_NONE,       /* nothing at the child's level */
	NEXT_ASSIGNED,   /* an adult assigned it and it is not done */
	NEXT_REVIEW,     /* a competency acquired earlier is due for review */
	NEXT_PRACTICE,   /* the weakest competency still en cours */
	NEXT_DISCOVER,   /* an activity never done */
	NEXT_AGAIN,      /* everything done: the one done longest ago */
};

struct next_step {
	enum next_reason reason;
	const struct activity *activity; /* NULL with NEXT_NONE */
	char competency[64];             /* the competency behind REVIEW, PRACTICE or an assigned competency */
	int64_t due_at;                  /* of an assignment; 0 when none */
};

/* Choose the next activity of `child_id`, whose level bits are `levels`
 * (see content/activity.h), among `catalog`. Returns 0, or -1 on a
 * database error (then `out` is NEXT_NONE). */
int progress_next_step(struct db *db, const struct catalog *catalog, int64_t child_id, unsigned levels, int64_t now,
		       struct next_step *out);

/* One assignment, with its completion. */
struct assignment {
	int64_t id;
	int64_t group_id;      /* 0 when given to one child */
	int64_t child_id;      /* 0 when given to a group */
	const char *activity_id; /* NULL for a competency; a path's problem */
	const char *path_id;     /* a J'explore path, or NULL */
	const char *competency;  /* NULL for an activity */
	int64_t due_at;        /* 0 when none */
	int64_t created_at;
	int done;              /* children who did it (0 or 1 for one child) */
	int children;          /* children it concerns */
};

/* What an assignment asks for: an activity, a J'explore path (with the
 * id of its problem activity), or a competency; unused fields NULL. */
struct assignment_work {
	const char *activity_id;
	const char *path_id;
	const char *competency;
};

/* Create an assignment of `work` for a group (`child_id` 0) or a child
 * (`group_id` 0). Returns its id, or -1 on a database error. */
int64_t assignment_create(struct db *db, int64_t group_id, int64_t child_id, const struct assignment_work *work,
			  int64_t due_at, int64_t created_by, int64_t now);
/* Call `each` for the assignments of a group and of its children, newest
 * first, with completion counts. Returns 0 or -1. */
int assignment_list_group(struct db *db, int64_t group_id,
			  void (*each)(const struct assignment *a, void *ctx), void *ctx);
/* Count, for the group assignment `assignment_id`, the active children of
 * the group whose level is among `levels` (bits of enum level) and those
 * of them who did it: a child of another level cannot open the work.
 * Returns 0 or -1. */
int assignment_group_completion(struct db *db, int64_t assignment_id, unsigned levels, int *done, int *children);
/* Call `each` for the assignments of a child (own and of their groups),
 * those with the nearest due date first, then those without one; `done`
 * tells whether the child did it. A competency counts as done once the
 * child answered a question on it after the assignment. Returns 0 or -1. */
int assignment_list_child(struct db *db, int64_t child_id,
			  void (*each)(const struct assignment *a, void *ctx), void *ctx);

#endif
