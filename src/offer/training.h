/*
 * training: in-person training sessions for the adults (accompagnateurs
 * locaux or tuteurs), with a capacity enforced when adults register, the
 * attendance the trainer records, and the attendance certificate.
 */
#ifndef ARDOISE_OFFER_TRAINING_H
#define ARDOISE_OFFER_TRAINING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "org/people.h"
#include "store/db.h"

#define TRAINING_PLACE_MAX 200     /* characters of the place */
#define TRAINING_CAPACITY_MAX 500

struct training_session_input {
	const char *date;      /* "2027-01-15" */
	const char *time;      /* "14:30", Paris time */
	const char *place;
	const char *audience;  /* accompagnateurs or tuteurs */
	const char *capacity;  /* as typed */
};

struct training_session {
	int64_t id;
	time_t starts_at;
	char place[TRAINING_PLACE_MAX * 4 + 1];
	char audience[24];
	int64_t capacity;
	int64_t registered;
};

/* Check and create a session given by `trainer_id`, which must start after
 * `now`. Returns the new id, or -1 (errors filled when the input was at
 * fault). */
int64_t training_session_create(struct db *db, int64_t trainer_id, const struct training_session_input *in, time_t now,
				struct field_errors *errors);
/* Read a session with its count of registered adults: 1, 0 none, -1. */
int training_session_find(struct db *db, int64_t id, struct training_session *out);
/* Whether an account of `role` belongs to the session's audience. */
bool training_audience_allows(const char *audience, const char *role);
/* The French name of an audience ("accompagnateurs locaux", "tuteurs"). */
const char *training_audience_label(const char *audience);

/*
 * Register `account_id` (of role `role`) to a session. The session row is
 * locked first, so concurrent registrations are counted one after the
 * other and never pass the capacity. Returns 1 when registered (or already
 * was), 0 when refused (French message: full, started, other audience),
 * -1 on a database error.
 */
int training_register(struct db *db, int64_t session_id, int64_t account_id, const char *role, time_t now,
		      char *message, size_t size);
/* Cancel a registration before the session starts. Returns 0 or -1. */
int training_unregister(struct db *db, int64_t session_id, int64_t account_id, time_t now);
/* Record who attended: every registration of the session is set present
 * when its account is in `present`, absent otherwise. Returns 0 or -1. */
int training_attendance_set(struct db *db, int64_t trainer_id, int64_t session_id, const int64_t *present, size_t count);

/* Render the attendance certificate of `account_id` for `session_id`.
 * Returns 1 with a malloc'd PDF, 0 when that adult did not attend (or is
 * not registered), -1 with a French message in `err`. */
int training_certificate_pdf(struct db *db, int64_t session_id, int64_t account_id, unsigned char **out, size_t *len,
			     char *err, size_t errlen);

#endif
