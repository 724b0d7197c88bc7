/*
 * tutor: children's questions to a tuteur and the conversations that
 * follow. A question is one conversation: it waits in the queue, a tuteur
 * claims it, they exchange messages, then a tuteur closes it (and may
 * reopen it). Every message passes through tutor_message_post(), which
 * masks contact details (tutor/mask.h) before storing.
 *
 * Three kinds of people may read a conversation (tutor_may_read): the
 * child who asked, a tuteur whose grant covers the child's structure, and
 * the accompagnateurs and administrateurs who reach the child
 * (auth/scope.h). Two may write (tutor_may_write): the child while they
 * hold a tutoring seat, and the tuteur who claimed the question.
 */
#ifndef ARDOISE_TUTOR_TUTOR_H
#define ARDOISE_TUTOR_TUTOR_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "auth/session.h"
#include "store/db.h"

#define TUTOR_MESSAGE_MAX_BYTES 2000
#define TUTOR_ANSWER_MAX_BYTES 200   /* the child's answer kept as context */
#define TUTOR_REASON_MAX_BYTES 500   /* the reason of a report */
#define TUTOR_SNIPPET_TITLE_MAX_BYTES 80
#define TUTOR_SNIPPETS_MAX 50        /* ready-made answers per tuteur */
#define TUTOR_QUEUE_MAX_ROWS 200
/* Questions a child may have waiting for a tuteur at once. */
#define TUTOR_WAITING_MAX_PER_CHILD 10
/* A tuteur is on line when their console gave a sign of life this recently. */
#define TUTOR_PRESENCE_SECONDS 90
/* A question still without an answer this long counts as unanswered. */
#define TUTOR_UNANSWERED_SECONDS (24 * 3600)
/* Conversations are erased this long after their last message. */
#define TUTOR_RETENTION_DAYS_DEFAULT 365
/* The live topic of the tuteurs' queue; conversations use their id. */
#define TUTOR_TOPIC_QUEUE 0

/* The page the child asked from. */
enum tutor_origin { TUTOR_FROM_ACTIVITY, TUTOR_FROM_RESULT, TUTOR_FROM_HELP };

enum tutor_message_kind { TUTOR_KIND_TEXT, TUTOR_KIND_ACTIVITY, TUTOR_KIND_EXAMPLE };

/* What the child was doing when asking. Text fields may be empty. */
struct tutor_context {
	enum tutor_origin origin;
	char activity_id[128];
	int activity_version;  /* 0 = none */
	int question_number;   /* 1-based; 0 = the whole activity */
	char child_answer[TUTOR_ANSWER_MAX_BYTES + 1];
	char level[8];
	int priority;          /* 1 after a failed result, else 0 */
};

struct tutor_question {
	int64_t id;
	int64_t child_id;
	int64_t structure_id;
	char status[12];       /* "waiting", "claimed" or "closed" */
	int priority;
	struct tutor_context context;
	int64_t claimed_by;    /* 0 = nobody */
	int64_t created_at;
	int64_t first_answer_at; /* 0 = not answered yet */
	int64_t last_message_at;
	int64_t child_read_at;
	char child_name[80];   /* "Léa M." */
	char tuteur_name[80];  /* the claiming tuteur's first name, or "" */
};

/* A message as read back; the strings are valid during the callback only. */
struct tutor_message {
	int64_t id;
	int64_t question_id;
	int64_t author_id;
	const char *author_role; /* "eleve" or "tuteur" */
	const char *author_name;
	enum tutor_message_kind kind;
	const char *body;        /* masked */
	const char *activity_id; /* TUTOR_KIND_ACTIVITY, else "" */
	bool flagged;
	int64_t created_at;
};

typedef void tutor_question_fn(const struct tutor_question *q, void *ctx);
typedef void tutor_message_fn(const struct tutor_message *m, void *ctx);

const char *tutor_origin_name(enum tutor_origin origin);
const char *tutor_kind_name(enum tutor_message_kind kind);
/* Parse "texte", "activite" or "exemple"; returns -1 for anything else. */
int tutor_kind_parse(const char *name);

/* Create the question of `child` with its first message, in one
 * transaction. Writes the new id into `*id_out` and returns the
 * enum mask_kind bits masked in the text (0 or more), or -1. */
int tutor_question_create(struct db *db, const struct user *child, const struct tutor_context *ctx, const char *text,
			  int64_t *id_out);
/* Load question `id`; 1 found, 0 not, -1 on error. */
int tutor_question_load(struct db *db, int64_t id, struct tutor_question *out);

/* Store a message in its own transaction: masks `text`, stamps the first
 * answer, reopens a closed question when the child writes. `activity_id`
 * is for TUTOR_KIND_ACTIVITY and may be NULL. Writes the message id into
 * `*id_out`; returns the masked kinds (0 or more) or -1.
 * This is the one place a tutoring message is recorded. */
int tutor_message_post(struct db *db, int64_t question_id, const struct user *author, enum tutor_message_kind kind,
		       const char *text, const char *activity_id, int64_t *id_out);
/* Call `fn` for each message of the question with an id above `after_id`,
 * oldest first. Returns 0 or -1. */
int tutor_messages_each(struct db *db, int64_t question_id, int64_t after_id, tutor_message_fn *fn, void *ctx);

bool tutor_may_read(struct db *db, const struct user *u, const struct tutor_question *q);
bool tutor_may_write(struct db *db, const struct user *u, const struct tutor_question *q, time_t now);
/* True when `u` answers questions for the structure of the question. */
bool tutor_answers_for(struct db *db, const struct user *u, int64_t structure_id);

/* Claim a waiting question with one conditional UPDATE, so of two tuteurs
 * claiming at once exactly one gets 1; the other gets 0. -1 on error. */
int tutor_question_claim(struct db *db, int64_t question_id, int64_t tuteur_id);
/* Hand a question claimed by `from` to the tuteur `to`; 1, 0 or -1. */
int tutor_question_pass(struct db *db, int64_t question_id, int64_t from, int64_t to);
/* Close a question claimed by `tuteur_id`; 1, 0 (not theirs or not
 * claimed) or -1. */
int tutor_question_close(struct db *db, int64_t question_id, int64_t tuteur_id);
/* Put a closed question back in the queue, first in line; 1, 0 or -1. */
int tutor_question_reopen(struct db *db, int64_t question_id);

/* The queue as `tuteur` may see it: waiting questions and those they
 * claimed, by priority then waiting time. Returns 0 or -1. */
int tutor_queue_each(struct db *db, const struct user *tuteur, tutor_question_fn *fn, void *ctx);
/* The child's questions, most recent message first. */
int tutor_child_questions_each(struct db *db, int64_t child_id, tutor_question_fn *fn, void *ctx);
/* The questions of a child that a tuteur answered since the child last
 * opened them. */
int64_t tutor_child_unread_count(struct db *db, int64_t child_id);
/* The child's questions that wait for a tuteur. */
int64_t tutor_child_waiting_count(struct db *db, int64_t child_id);
/* Note that the child has read the question up to now. */
int tutor_question_mark_read(struct db *db, int64_t question_id, int64_t now);

/* Presence: record a sign of life of a tuteur's console, and count the
 * tuteurs on line. */
int tutor_presence_touch(struct db *db, int64_t tuteur_id, int64_t now);
int64_t tutor_presence_count(struct db *db, int64_t now);
/* Estimated wait in seconds: the median first-answer time of the last
 * questions, or -1 when there is no history yet. */
int64_t tutor_expected_wait(struct db *db);
/* Waiting questions ahead of question `id` (or in total when `id` is 0). */
int64_t tutor_waiting_ahead(struct db *db, int64_t id);

/* A tuteur, for the "pass to a colleague" list. */
struct tutor_colleague {
	int64_t id;
	char name[80];
};
/* Fill up to `max` tuteurs other than `self`; returns how many, or -1. */
int tutor_colleagues(struct db *db, int64_t self, struct tutor_colleague *out, int max);

/* A ready-made answer; the strings are valid during the callback only. */
struct tutor_snippet {
	int64_t id;
	const char *title;
	const char *body;
};
typedef void tutor_snippet_fn(const struct tutor_snippet *s, void *ctx);
int tutor_snippets_each(struct db *db, int64_t tuteur_id, tutor_snippet_fn *fn, void *ctx);
/* Add a ready-made answer; -1 on error or when the tuteur has
 * TUTOR_SNIPPETS_MAX already. */
int tutor_snippet_add(struct db *db, int64_t tuteur_id, const char *title, const char *body);
/* Delete one of the tuteur's ready-made answers; 1, 0 (not theirs) or -1. */
int tutor_snippet_delete(struct db *db, int64_t tuteur_id, int64_t snippet_id);
/* Copy the body of the tuteur's snippet into `out`; 1, 0 or -1. */
int tutor_snippet_body(struct db *db, int64_t tuteur_id, int64_t snippet_id, char *out, size_t size);

/* The question of message `message_id`; 0 when there is none. */
int64_t tutor_message_question(struct db *db, int64_t message_id);
/* Record a report of a message by `reporter_id`. Returns 0 or -1. */
int tutor_report_add(struct db *db, int64_t message_id, int64_t reporter_id, const char *reason);

/* A report waiting for review, with its message; valid during the call. */
struct tutor_report {
	int64_t id;
	int64_t message_id;
	int64_t question_id;
	const char *reason;
	const char *reporter_role;
	const char *body;     /* masked */
	const char *original; /* typed text when contact details were masked, or "" */
	const char *author_role;
	int64_t created_at;
};
typedef void tutor_report_fn(const struct tutor_report *rep, void *ctx);
int tutor_reports_each(struct db *db, tutor_report_fn *fn, void *ctx);
/* Close report `id` with `decision`; 1, 0 (already reviewed) or -1. */
int tutor_report_review(struct db *db, int64_t id, int64_t reviewer_id, const char *decision);
/* Messages whose contact details were masked, for the opérateur. */
int64_t tutor_flagged_count(struct db *db, int64_t since);
/* A flagged message; the strings are valid during the callback only. */
struct tutor_flagged {
	int64_t message_id;
	int64_t question_id;
	const char *author_role;
	const char *original; /* the typed text, before masking */
	int64_t created_at;
};
/* The newest flagged messages since `since`, at most `max`. */
int tutor_flagged_each(struct db *db, int64_t since, int max, void (*fn)(const struct tutor_flagged *f, void *ctx), void *ctx);

/* Indicators of a period, overall or for one tuteur. Times in seconds;
 * the median and 90th percentile are -1 when nothing was answered. */
struct tutor_stats {
	int64_t questions;  /* asked in the period (overall), or claimed by the tuteur */
	int64_t answered;   /* with a first answer (by the tuteur, for one tuteur) */
	int64_t median_first_answer;
	int64_t p90_first_answer;
	int64_t unanswered_24h; /* asked at least 24 h ago, first answer later or never */
};
/* Compute the indicators of the questions asked from `since` to `now`;
 * `tuteur_id` 0 means every tuteur. Returns 0 or -1. */
int tutor_stats_compute(struct db *db, int64_t since, int64_t now, int64_t tuteur_id, struct tutor_stats *out);
/* Count the questions asked on each of the `days` Paris days ending
 * today into counts[0] (oldest) .. counts[days - 1] (today). */
int tutor_questions_per_day(struct db *db, int64_t now, int64_t *counts, int days);

/* Call `fn` with each question that got a message at or after `since`,
 * and the id of its last message. Returns 0 or -1. */
int tutor_recent_messages_each(struct db *db, int64_t since, void (*fn)(int64_t question_id, int64_t message_id));
/* The id of the newest question, 0 when there is none, -1 on error. */
int64_t tutor_last_question_id(struct db *db);

/* Erase the conversations whose last message is older than `before`.
 * Returns the number erased, or -1. */
int64_t tutor_purge(struct db *db, int64_t before);
/* The number tutor_purge would erase. */
int64_t tutor_purge_count(struct db *db, int64_t before);

#endif
