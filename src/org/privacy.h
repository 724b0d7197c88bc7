/*
 * privacy: what Ardoise holds on one account, read for the export (GDPR
 * rights of access and portability), and its erasure, done by an
 * administrateur's request or by the retention purge of deactivated accounts.
 *
 * Erasing keeps the account row under a placeholder name and a random
 * login, with its structure and level, so the child's attempts stay
 * counted in the structure's figures without naming anyone. The typed
 * answers of those attempts are cleared because a child may have typed
 * anything there, their own name included. Scores, verdicts and times stay.
 */
#ifndef ARDOISE_ORG_PRIVACY_H
#define ARDOISE_ORG_PRIVACY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

/* Default retention of a deactivated account before `ardoise purge` erases it. */
#define PRIVACY_RETENTION_DAYS_DEFAULT 365
/* first_name of an erased account. */
#define PRIVACY_ERASED_NAME "(effacé)"

/* The audit_log.target_kind values whose target_id is an account; other
 * kinds ("groupe") name other tables. A parenthesised SQL list. */
#define PRIVACY_PERSON_KINDS "('eleve', 'accompagnateur', 'administrateur', 'tuteur', 'account')"

/* Facts about one account beyond struct account_row. Times are Unix
 * seconds, 0 when not set. */
struct privacy_facts {
	int64_t created_at;
	int64_t deactivated_at;
	int64_t erased_at;
	bool has_pictures;      /* a picture sequence is set (children) */
	bool has_card;          /* a login card with a QR code is valid */
	int64_t failures;       /* failed sign-ins still recorded */
	char structure_name[128];
};

/* One attempt as the export shows it; strings are valid during the callback. */
struct privacy_attempt {
	int64_t id;
	const char *activity_id;
	int64_t activity_version;
	const char *title;        /* "" when the activity version is unknown */
	double score;
	int64_t max_score;
	int64_t started_at;
	int64_t submitted_at;
	const char *answers_json; /* as stored: an array per question of typed texts */
};

/* One audit line about an account; strings are valid during the callback. */
struct privacy_audit {
	int64_t at;
	const char *action;
	const char *details;
	int64_t actor_id;         /* 0 for Ardoise itself (the purge) */
	const char *actor_first;  /* "" when the actor account is gone */
	const char *actor_initial;
	bool actor_erased;
};

/* An account the retention purge would erase. */
struct privacy_expired {
	int64_t id;
	int64_t structure_id;
	char role[16];
	int64_t deactivated_at;
};

/* "eleve" for a child, "account" otherwise: the audit target kind. */
const char *privacy_target_kind(const char *role);

/* Fill `out` for the account. Returns 1 when found, 0 when not, -1 on error. */
int privacy_facts_load(struct db *db, int64_t account_id, struct privacy_facts *out);
/* Call `each` with the name of every group of the account, by name. */
int privacy_groups(struct db *db, int64_t account_id, void (*each)(const char *name, void *ctx), void *ctx);
/* Call `each` for every attempt of the account, oldest first. */
int privacy_attempts(struct db *db, int64_t account_id,
		     void (*each)(const struct privacy_attempt *a, void *ctx), void *ctx);
/* Call `each` for every audit line whose target is the account, oldest first. */
int privacy_audit_lines(struct db *db, int64_t account_id,
			void (*each)(const struct privacy_audit *line, void *ctx), void *ctx);

/* One usage event; strings are valid during the callback. */
struct privacy_event {
	int64_t at;
	const char *feature;
	const char *action;
	const char *object; /* "" when the event names nothing */
	int64_t value;
};

/* The number of usage events of one feature in one Paris month
 * (year * 12 + month - 1). */
struct privacy_event_count {
	int64_t month;
	char feature[32];
	int64_t events;
};

/* One survey answer, or one skipped survey (skipped set, position 0 and
 * prompt and value ""); strings are valid during the callback. */
struct privacy_survey_answer {
	int64_t response_id;
	int64_t answered_at;
	const char *survey_title;
	bool skipped;
	int64_t position;   /* 1-based question number */
	const char *kind;   /* smileys, scale, choice or text */
	const char *prompt;
	const char *value;  /* as stored: 1-3, 1-5, the option number, or the text */
};

/* An ENT (CAS) or LMS (LTI) identity linked to the account; strings are
 * valid during the callback. */
struct privacy_link {
	const char *kind;      /* "cas" or "lti" */
	const char *server;    /* the ENT's or the platform's name */
	const char *remote_id; /* the CAS user id, or the LTI sub */
	int64_t linked_at;
};

/* Call `each` for the usage events of the account, newest first; `limit`
 * stops after that many (0 = all). */
int privacy_events(struct db *db, int64_t account_id, int64_t limit,
		   void (*each)(const struct privacy_event *e, void *ctx), void *ctx);
/* Count the usage events of the account per Paris month and feature,
 * newest month first, features by name. `*out` is malloc'd (the caller
 * frees it), NULL when there is no event. `*total` gets the number of
 * events. Returns 0 or -1. */
int privacy_event_counts(struct db *db, int64_t account_id, struct privacy_event_count **out, size_t *count,
			 int64_t *total);
/* Call `each` for every survey answer and skipped survey of the account,
 * oldest response first, questions in order. */
int privacy_survey_answers(struct db *db, int64_t account_id,
			   void (*each)(const struct privacy_survey_answer *a, void *ctx), void *ctx);
/* Call `each` for the CAS identity, then the LTI identities, of the account. */
int privacy_links(struct db *db, int64_t account_id, void (*each)(const struct privacy_link *l, void *ctx), void *ctx);

/* One competency of a child with its mastery estimate. The string is
 * valid during the callback. */
struct privacy_mastery {
	const char *competency;
	int level;             /* enum mastery_level */
	double known;          /* the estimate, 0 to 1 */
	int64_t answers;
	int64_t right_answers;
	int64_t last_answer;
	int64_t next_review;   /* 0 when no review is planned */
};

/* Work an adult gave to this child alone; strings are valid during the callback. */
struct privacy_assignment {
	const char *activity_id; /* "" when the work is a competency */
	const char *competency;  /* "" when the work is an activity */
	const char *path_id;     /* a J'explore path, or "" */
	int64_t due_at;          /* 0 = no due date */
	int64_t created_at;
};

/* An adult's registration to an in-person training session; the string is
 * valid during the callback. */
struct privacy_training {
	int64_t starts_at;
	const char *place;
	int64_t registered_at;
	bool attended;
};

/* Something an adult did for the structure; strings are valid during the callback. */
struct privacy_work {
	int64_t at;
	const char *kind;  /* licence-request, document, training-given, diagnostic, indicator, survey, content-package */
	const char *label; /* the school year and seats, document number, place, date, name, title or file name */
};

/* Call `each` for every competency of the child's mastery estimate, by code. */
int privacy_mastery_each(struct db *db, int64_t account_id,
			 void (*each)(const struct privacy_mastery *m, void *ctx), void *ctx);
/* Call `each` for the work given to the child alone (not to a group), oldest first. */
int privacy_assignments(struct db *db, int64_t account_id,
			void (*each)(const struct privacy_assignment *a, void *ctx), void *ctx);
/* Call `each` for what the account did for the structure, oldest first,
 * then for the number of tutoring messages it wrote (kind
 * "tutoring-messages", label the count) when there are any. */
int privacy_work_records(struct db *db, int64_t account_id,
			 void (*each)(const struct privacy_work *w, void *ctx), void *ctx);
/* Call `each` for the account's training registrations, oldest session first. */
int privacy_trainings(struct db *db, int64_t account_id,
		      void (*each)(const struct privacy_training *t, void *ctx), void *ctx);

/* Erase what identifies the account, in one transaction of its own.
 * Sessions, group memberships, role grants, failed sign-ins, pictures and
 * card token are deleted. Names and login become a placeholder, and the
 * account is deactivated with erased_at set. The typed answers of its
 * attempts, its survey answers and the details of earlier audit lines
 * about it are cleared. Its reading settings, mastery, videos played,
 * tutoring seats and questions, assignments to the child alone, tutoring
 * snippets and presence, unconfirmed class lists, CAS and LTI links and
 * xAPI statements are deleted. Usage events and their rollups stay under
 * the anonymous account, like the scores of its attempts.
 * An "erase" audit line records `actor_id` (0 for the purge) and `details`.
 * Returns 1 when erased, 0 when the account does not exist or was already
 * erased, -1 on error (logged, nothing changed). */
int privacy_erase(struct db *db, int64_t actor_id, int64_t account_id, const char *details);

/* List the deactivated, not yet erased accounts that belong to a structure
 * and were deactivated at or before `before` (Unix seconds), oldest first.
 * `*out` is malloc'd (the caller frees it), NULL when the list is empty.
 * Returns 0 or -1. */
int privacy_expired_list(struct db *db, int64_t before, struct privacy_expired **out, size_t *count);

#endif
