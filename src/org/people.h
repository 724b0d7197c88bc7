/*
 * people: create, change, deactivate and reactivate the accounts of a
 * structure, with the checks every entry point shares (the forms, the
 * roster import and any API): one rule for names, levels and logins.
 *
 * Functions that write take the database connection of the caller and run
 * in one transaction of their own unless said otherwise; every change is
 * written to the audit log with the acting account.
 */
#ifndef ARDOISE_ORG_PEOPLE_H
#define ARDOISE_ORG_PEOPLE_H

#include <stdbool.h>
#include <stdint.h>

#include "auth/account.h"
#include "store/db.h"

#define PEOPLE_NAME_MAX 60     /* characters of a first name */
#define PEOPLE_MAX_GROUPS 16   /* groups one child can be in */
#define PEOPLE_MAX_ERRORS 8
#define LOGIN_MIN 3

/* A field and the French message explaining what is wrong with it. */
struct field_error {
	const char *field; /* form field name */
	char message[256];
};

struct field_errors {
	struct field_error items[PEOPLE_MAX_ERRORS];
	size_t count;
};

/* The fields of a person, as typed; validated by people_check(). */
struct person_input {
	const char *role;         /* eleve, accompagnateur, administrateur, tuteur */
	const char *first_name;
	const char *last_initial; /* "M" or "M." */
	const char *level;        /* children only */
	const char *login;        /* adults only */
	int64_t groups[PEOPLE_MAX_GROUPS];
	size_t group_count;
};

/* Add an error for `field`. */
void field_errors_add(struct field_errors *e, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The message for `field`, or NULL. */
const char *field_errors_get(const struct field_errors *e, const char *field);

/* Check a login: 3 to 64 characters among a-z, 0-9, '.', '-' and '_',
 * starting with a letter. Returns true, or false with a French message. */
bool login_valid(const char *login, char *message, size_t size);
/* Normalise an initial to "X." (one letter, upper case, accents kept). */
bool initial_normalize(const char *in, char *out, size_t size);

/* Check every field for creating or changing a person in `structure_id`;
 * groups must belong to that structure. Returns true when there is no
 * error. `self_id` is the account being changed (0 when creating), so its
 * own login does not count as taken. */
bool people_check(struct db *db, int64_t structure_id, const struct person_input *in,
		  int64_t self_id, struct field_errors *errors);

/* Create a child: generates the login, the picture sequence and the card
 * token. Writes the pictures into `pictures` (for display once). Returns
 * the new id, or -1 (errors filled when the input was at fault, or under
 * the field "licence" when the structure's licence has no free seat, see
 * offer/licence.h). Runs in
 * the caller's transaction when `own_transaction` is false (the import
 * creates many children in one). */
int64_t people_create_child(struct db *db, int64_t actor_id, int64_t structure_id,
			    const struct person_input *in, bool own_transaction,
			    char *pictures, size_t pictures_size, struct field_errors *errors);
/* Create an adult with a random temporary password written into
 * `password` (shown once; the adult must change it at first sign-in). */
int64_t people_create_adult(struct db *db, int64_t actor_id, int64_t structure_id,
			    const struct person_input *in, char *password, size_t password_size,
			    struct field_errors *errors);
/* Change names, level and groups (not the role or login). */
int people_update(struct db *db, int64_t actor_id, int64_t account_id, int64_t structure_id,
		  const struct person_input *in, struct field_errors *errors);
/* What people_set_active() returns when a child's structure has no free
 * seat for the school year (see offer/licence.h). */
#define PEOPLE_NO_SEAT (-2)

/* Deactivate (sign-in refused, sessions ended, history kept) or reactivate.
 * Reactivating a child takes a seat of the structure's licence: without a
 * free one, returns PEOPLE_NO_SEAT with a French message in `message`
 * (`size` bytes, at least OFFER_MESSAGE_MAX). Returns 0, or -1. */
int people_set_active(struct db *db, int64_t actor_id, int64_t account_id, bool active, char *message, size_t size);
/* New pictures and card token for a child: the old card stops working. */
int people_new_card(struct db *db, int64_t actor_id, int64_t account_id, char *pictures, size_t size);
/* New temporary password for an adult; ends all of their sessions. */
int people_reset_password(struct db *db, int64_t actor_id, int64_t account_id, char *password, size_t size);

/* Delete every session of the account (sign-out everywhere). */
int sessions_end(struct db *db, int64_t account_id);

/* Generate a child login "code-prenom-i" (lower case ASCII), unique. */
int login_for_child(struct db *db, const char *structure_code, const char *first_name,
		    const char *initial, char *out, size_t size);

/* Random secrets. */
void random_pictures(char *out, size_t size);
void random_password(char *out, size_t size);

/* Write one line to the audit log (in the caller's transaction). */
int audit_record(struct db *db, int64_t actor_id, const char *action, const char *target_kind,
		 int64_t target_id, int64_t structure_id, const char *details);

#endif
