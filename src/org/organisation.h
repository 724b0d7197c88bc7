/*
 * organisation: the tree above the structures (opérateur → académie →
 * département → financeur), the structures hung under a financeur, and
 * the financeur accounts. One set of checks for every entry point: the
 * opérateur's forms and the demo.
 *
 * Functions that write run in one transaction of their own and write an
 * audit log line with the acting account. On bad input they write nothing
 * and fill `errors` with French messages tied to the form fields.
 */
#ifndef ARDOISE_ORG_ORGANISATION_H
#define ARDOISE_ORG_ORGANISATION_H

#include <stdbool.h>
#include <stdint.h>

#include "org/people.h"
#include "store/db.h"

#define ORGANISATION_NAME_MAX 120 /* characters of an organisation or structure name */
#define UAI_CHARS 8               /* 7 digits and a check letter */
#define INSEE_CHARS 5             /* commune code: département and 3 digits */

/* Fields of a new organisation, as typed. */
struct organisation_input {
	const char *kind;      /* academie, departement or financeur */
	int64_t parent_id;
	const char *name;
	const char *code;      /* département number, or a commune's INSEE code */
};

/* Fields of a new structure, as typed. */
struct structure_input {
	const char *name;
	const char *kind;      /* association, dispositif, maison-de-quartier, clae, ecole, college */
	int64_t financeur_id;
	const char *code;      /* sign-in code; stored upper-cased */
	const char *uai;       /* schools only */
	const char *insee;     /* commune code, optional */
};

/* The kind of the parent an organisation of `kind` hangs under, or NULL
 * when `kind` cannot be created (the opérateur root, an unknown kind). */
const char *organisation_parent_kind(const char *kind);
/* French label of an organisation or structure kind ("académie", "CLAE"). */
const char *organisation_kind_label(const char *kind);

/* Check a département number: 01 to 95 except 20, 2A, 2B, 971 to 974
 * or 976. */
bool departement_code_valid(const char *code);
/* Check a commune INSEE code: a département (2 characters, or 97 then
 * one digit) followed by digits, 5 characters in all. */
bool insee_code_valid(const char *code);
/* Check a UAI: 7 digits and the check letter, which is the number modulo
 * 23 in the alphabet without I, O and Q. */
bool uai_valid(const char *uai);

/* Create an organisation. Returns the new id, or -1 (errors filled when
 * the input was at fault). */
int64_t organisation_create(struct db *db, int64_t actor_id, const struct organisation_input *in,
			    struct field_errors *errors);
/* Create a structure under a financeur. `code_out` receives the stored
 * (upper-cased) sign-in code. Returns the new id, or -1. */
int64_t organisation_structure_create(struct db *db, int64_t actor_id, const struct structure_input *in,
				      char *code_out, size_t code_size, struct field_errors *errors);

/* Check the fields of a financeur account (first name, initial, login).
 * Returns true when there is no error. */
bool financeur_check(struct db *db, const struct person_input *in, struct field_errors *errors);
/* Create a financeur account with a grant on organisation `organisation_id`
 * and a random temporary password written into `password` (shown once;
 * changed at first sign-in). Hashes the password: call it on a worker.
 * Returns the new id, or -1. */
int64_t financeur_create(struct db *db, int64_t actor_id, int64_t organisation_id, const struct person_input *in,
			 char *password, size_t password_size, struct field_errors *errors);

/* Insert an organisation row without checks (the demo, in the caller's
 * transaction). Returns the new id, or -1. */
int64_t organisation_insert(struct db *db, const char *kind, int64_t parent_id, const char *name, const char *code);
/* Hang an existing structure under a financeur (the demo, in the caller's
 * transaction). */
int organisation_attach_structure(struct db *db, int64_t structure_id, int64_t financeur_id, const char *insee);

/* Create the national opérateur organisation if there is none, and an
 * opérateur account `login` on it with a temporary password written into
 * `password` (to change at the first sign-in): the first account of a new
 * installation. Returns 0, or -1 with a French message. */
int operator_bootstrap(struct db *db, const char *login, char *password, size_t size, char *message, size_t message_size);

#endif
