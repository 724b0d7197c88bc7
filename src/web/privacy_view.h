/*
 * privacy_view: the parts of a person's data export that other features
 * record, as HTML sections of the export page and as members of the JSON
 * file. privacy_view.c writes the usage events, survey answers and ENT and
 * LMS identities, and privacy_learning.c a child's learning data and an
 * adult's training, snippets and work for the structure.
 */
#ifndef ARDOISE_WEB_PRIVACY_VIEW_H
#define ARDOISE_WEB_PRIVACY_VIEW_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "http/request.h"

/* Usage events listed one by one on the page, newest first; older ones
 * are only counted per month and feature. */
#define PRIVACY_RECENT_EVENTS 500
/* Maximum size of the JSON file, which lists every usage event. At about
 * 120 bytes an event (an estimate), that is about 500,000 events. A larger
 * export gets an error page instead of a cut file. */
#define PRIVACY_JSON_MAX (64u * 1024 * 1024)

/* A stored code and its French label, marked with N_(). */
struct privacy_code_label {
	const char *code;
	const char *label;
};

/* The translated label of `code` in `labels`, or `code` itself when it is
 * not listed (such as the page families of "page" events). */
const char *privacy_label_of(const struct privacy_code_label *labels, size_t count, const char *code);

/* ISO 8601 UTC text, or JSON null for 0. */
json_t *privacy_json_time(int64_t t);

/* Append the "Journal d'utilisation" section to r->out. Returns 0 or -1. */
int privacy_usage_html(struct request *r, int64_t account_id);
/* Append the "Réponses aux questionnaires" section. Returns 0 or -1. */
int privacy_surveys_html(struct request *r, int64_t account_id);
/* Append the "Comptes ENT et LTI liés" section. Returns 0 or -1. */
int privacy_links_html(struct request *r, int64_t account_id);

/* Append a child's sections (reading settings, mastery, work given to the
 * child alone, videos, tutoring questions) or an adult's (training
 * registrations, tutoring snippets, work for the structure). Returns 0 or -1. */
int privacy_learning_html(struct request *r, int64_t account_id, bool child);

/* The counts per month and feature, the survey answers and the linked
 * identities as new JSON values; NULL when a read fails. */
json_t *privacy_usage_summary_json(struct db *db, int64_t account_id);
json_t *privacy_surveys_json(struct db *db, int64_t account_id);
json_t *privacy_links_json(struct db *db, int64_t account_id);
/* The members "reading_settings", "mastery", "assignments", "trainings",
 * "tutoring_snippets" and "work_records" as a new JSON object; NULL when a
 * read fails. */
json_t *privacy_learning_json(struct db *db, int64_t account_id);
/* Append every usage event of the account to `out` as a JSON array,
 * newest first, one object a line. Returns 0, or -1 when a read fails or
 * the buffer is full. */
int privacy_events_json(struct db *db, int64_t account_id, struct buf *out);

#endif
