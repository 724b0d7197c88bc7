/*
 * licence: price lists, the licences that give a structure child seats for
 * a school year, and the checks every path that creates or reactivates a
 * child makes (the child form, reactivation, the roster import).
 *
 * The rule when a structure has no licence: a structure that has never had
 * a licence, for any school year, is outside the licence system (a pilot,
 * an installation that does not sell Ardoise). Its children are not
 * counted and keep every access; only tutoring needs a licence there. Once
 * one licence is recorded, the rules below apply to every school year:
 *   - a child is created or reactivated only when the licences of the
 *     current school year leave a free seat;
 *   - a child may start activities when the structure has a licence for
 *     the current school year and the child is among its first N active
 *     children by account id, N being the seats of that year. A child
 *     beyond the seats (after a year change with fewer seats) or in a
 *     structure without a licence for the new year keeps reading their
 *     history ("Mes résultats") but starts nothing new.
 */
#ifndef ARDOISE_OFFER_LICENCE_H
#define ARDOISE_OFFER_LICENCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "org/people.h"
#include "store/db.h"

#define SCHOOL_YEAR_TEXT 24
/* Seats of one licence, child or tutoring. */
#define LICENCE_SEATS_MAX 10000
#define OFFER_MESSAGE_MAX 512

struct price_list {
	char school_year[SCHOOL_YEAR_TEXT];
	int64_t child_cents;     /* price of one child seat, HT */
	int64_t tutoring_cents;  /* price of the tutoring option for one child, HT */
	int vat_bp;
};

/* The seats of a structure for one school year. */
struct offer_seats {
	bool licensed;           /* the structure has had a licence, any year */
	char school_year[SCHOOL_YEAR_TEXT];
	int64_t seats;           /* child seats of the year, all licences summed */
	int64_t tutoring_seats;
	int64_t used;            /* active children of the structure */
	int64_t tutoring_used;   /* tutoring_seat rows of the year */
	char financeur[128];     /* name of the financeur to ask, or "" */
};

/* Whether `text` is a school year "YYYY-YYYY+1" between 2000 and 2999. */
bool school_year_valid(const char *text);

/* Read the price list of `school_year` into `out`: 1 found, 0 none, -1. */
int price_list_find(struct db *db, const char *school_year, struct price_list *out);
/* Create or change a price list. A year that has ended, or that a licence
 * or a quote uses, is refused with a French message in `errors`, so the
 * prices a document states never change. Returns 0, or -1. */
int price_list_save(struct db *db, int64_t actor_id, const struct price_list *in, time_t now,
		    struct field_errors *errors);

/* Fill `out` for the school year of `now`. Returns 0 or -1. */
int offer_seats_read(struct db *db, int64_t structure_id, time_t now, struct offer_seats *out);
/* Write the French message that states how many seats remain and who to
 * ask for more ("Il reste 2 places sur la licence 2026-2027 ..."). */
void offer_seats_message(const struct offer_seats *s, char *out, size_t size);

/*
 * Check, inside the caller's transaction, that `adding` more active
 * children fit in the structure's seats of the school year of `now`. On
 * PostgreSQL it first locks the structure row, so two transactions adding
 * children to one structure run one after the other. Returns 1 when they
 * fit, 0 when not (French message in `message`), -1 on a database error.
 */
int offer_seats_reserve(struct db *db, int64_t structure_id, int64_t adding, time_t now,
			char *message, size_t size);

/* Whether child `child_id` may start new activities in the school year of
 * `now` (see the file comment): 1 yes, 0 no, -1 on a database error. */
int offer_child_may_start(struct db *db, int64_t child_id, time_t now);

/* Insert a licence in the caller's transaction. `financeur_id` and
 * `request_id` may be 0. The price list of the year must exist. Returns the
 * new id or -1. */
int64_t licence_insert(struct db *db, int64_t structure_id, int64_t financeur_id, const char *school_year,
		       int64_t seats, int64_t tutoring_seats, int64_t request_id, time_t now);

/* Give child `child_id` the tutoring option for the school year of `now`,
 * within the tutoring seats of the child's structure. Returns 1 when
 * given (or already held), 0 when refused (French message), -1. */
int offer_tutoring_grant(struct db *db, int64_t actor_id, int64_t child_id, time_t now,
			 char *message, size_t size);
/* Take the option back, freeing the seat. Returns 0 or -1. */
int offer_tutoring_revoke(struct db *db, int64_t actor_id, int64_t child_id, time_t now);

/* Run `sql`, a statement with one integer parameter and no result rows.
 * Returns 0 or -1. Shared by the offer's modules. */
int offer_exec_int(struct db *db, const char *sql, int64_t value);

#endif
