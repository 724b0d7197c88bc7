/*
 * cas: ENT single sign-on with the CAS protocol (version 3).
 *
 * A CAS server is registered by the opérateur for one structure, with a
 * mapping from the national profiles it releases (National_ELV, ...) to
 * Ardoise roles and from its classes to Ardoise groups. Ardoise sends the
 * browser to BASE/login?service=S, gets a ticket back on S, and checks it
 * server to server with BASE/p3/serviceValidate, whose XML answer
 * cas_response_parse() reads. cas_link() then finds or creates the account
 * linked to the CAS user id.
 */
#ifndef ARDOISE_INTEG_CAS_H
#define ARDOISE_INTEG_CAS_H

#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

#define CAS_URL_MAX 256         /* base and public URLs */
#define CAS_TICKET_MAX 256      /* CAS 3: at least 32, at most 256 characters */
#define CAS_VALUE_MAX 128       /* bytes of one attribute value */
#define CAS_MAX_VALUES 8        /* values kept per multi-valued attribute */
#define CAS_RESPONSE_MAX (64 * 1024)
#define CAS_REASON_MAX 160
#define CAS_NAME_MAX 120        /* characters of a server's name */

/* What a successful validation releases, as Ardoise needs it. */
struct cas_attributes {
	char user[CAS_VALUE_MAX + 1];
	char first_name[CAS_VALUE_MAX + 1];
	char last_name[CAS_VALUE_MAX + 1];
	char profiles[CAS_MAX_VALUES][CAS_VALUE_MAX + 1];
	size_t profile_count;
	char classes[CAS_MAX_VALUES][CAS_VALUE_MAX + 1];
	size_t class_count;
};

enum cas_parse_result {
	CAS_PARSE_OK = 0,
	CAS_PARSE_FAILURE = 1,   /* the server said authenticationFailure */
	CAS_PARSE_MALFORMED = 2, /* not a CAS answer Ardoise can trust */
};

/*
 * Read a serviceValidate answer of `len` bytes. On CAS_PARSE_OK `out` holds
 * the user and the attributes Ardoise uses (others are ignored); otherwise
 * `reason` (English, for the log) says why. Refuses a document type
 * declaration, entities, control characters and values over CAS_VALUE_MAX.
 * Thread-safe.
 */
enum cas_parse_result cas_response_parse(const char *xml, size_t len, struct cas_attributes *out,
					 char *reason, size_t reason_size);

/* A registered server. */
struct cas_server {
	int64_t id;
	int64_t structure_id;
	char name[CAS_NAME_MAX * 4 + 1]; /* UTF-8: up to 4 bytes a character */
	char base_url[CAS_URL_MAX + 1];
	char public_url[CAS_URL_MAX + 1];
	int enabled;
};

/* 1 and fills `out` when found, 0 when not, -1 on a database error. */
int cas_server_find(struct db *db, int64_t id, struct cas_server *out);

/* The service URL of the server: PUBLIC/cas/ID/retour, into `out`. */
void cas_service_url(const struct cas_server *s, char *out, size_t size);

/* True when `url` is an absolute http(s) URL Ardoise accepts as a CAS base
 * or public address: https, or http on the loopback only (tests). */
int cas_url_valid(const char *url);

/* True for a ticket of printable ASCII of at most CAS_TICKET_MAX bytes. */
int cas_ticket_valid(const char *ticket);

/* Why cas_link refused: a French message for the person, and the reason
 * for the log. */
struct cas_refusal {
	const char *message;
	const char *reason;
};

/*
 * Find the account linked to the CAS user of `attrs` on `server`, or create
 * it from the mappings (role, group, level; first name and initial only).
 * Runs in its own transaction. Returns the account id; 0 when refused
 * (`why` filled, nothing written); -1 on a database error.
 */
int64_t cas_link(struct db *db, const struct cas_server *server, const struct cas_attributes *attrs,
		 struct cas_refusal *why);

/* The audit_log.target_kind of the lines about a server. */
#define CAS_AUDIT_KIND "ent"

/* Create a server with the default profile mapping, disabled, with an
 * audit line by `actor_id`. Returns the new id or -1. */
int64_t cas_server_create(struct db *db, int64_t actor_id, int64_t structure_id, const char *name, const char *base_url,
			  const char *public_url);

/* The national profiles offered in the mapping, with their default role. */
struct cas_profile_default {
	const char *profile;
	const char *role;
	const char *label; /* French */
};
extern const struct cas_profile_default cas_profile_defaults[];
extern const size_t cas_profile_default_count;


/* ---- the opérateur's configuration (cas_admin.c) ---- */

/* One row of a listing; texts are valid during the callback only. */
struct cas_row {
	int64_t id;
	const char *text[3];
};
typedef void cas_row_fn(void *ctx, const struct cas_row *row);

/* Servers: id, name, structure name, "1"/"0" enabled. */
int cas_servers_each(struct db *db, cas_row_fn *each, void *ctx);
/* Structures: id, name, code (for the creation form). */
int cas_structures_each(struct db *db, cas_row_fn *each, void *ctx);
/* Groups of a structure: id, name. */
int cas_groups_each(struct db *db, int64_t structure_id, cas_row_fn *each, void *ctx);
/* Profile mapping: profile, role. */
int cas_roles_each(struct db *db, int64_t server_id, cas_row_fn *each, void *ctx);
/* Class mapping: class code, group name, level. */
int cas_classes_each(struct db *db, int64_t server_id, cas_row_fn *each, void *ctx);

/* True for the roles a profile may map to, "refuse" included. */
int cas_role_valid(const char *role);
/* Set the role of one profile. Returns 0 or -1. */
int cas_role_set(struct db *db, int64_t server_id, const char *profile, const char *role);
/* Map a class to a group of the server's structure and a level (replaces
 * an earlier mapping of that class). Returns 0, or -1 on a database error. */
int cas_class_set(struct db *db, int64_t server_id, const char *class_code, int64_t group_id, const char *level);
/* Remove the mapping of a class. */
int cas_class_remove(struct db *db, int64_t server_id, const char *class_code);
/* Open (1) or close (0) sign-in through the server, with an audit line by
 * `actor_id`. Accounts linked through it are kept either way. 0 or -1. */
int cas_server_set_enabled(struct db *db, int64_t actor_id, const struct cas_server *s, int enabled);
/* Replace the name, addresses and structure of server `was` by those of
 * `now`, with an audit line naming the changed fields. Moving the server to
 * another structure removes its class mappings, whose groups belong to the
 * old structure. One transaction; 0 or -1. */
int cas_server_update(struct db *db, int64_t actor_id, const struct cas_server *was, const struct cas_server *now);
/* The number of accounts linked through the server, or -1. */
long cas_server_linked_count(struct db *db, int64_t server_id);
/* Delete the server, its mappings and its links to accounts, with an audit
 * line. The accounts themselves stay, with their work. One transaction;
 * 0 or -1. */
int cas_server_delete(struct db *db, int64_t actor_id, const struct cas_server *s);
/* True when `group_id` is a group of `structure_id`. */
int cas_group_in_structure(struct db *db, int64_t group_id, int64_t structure_id);

#endif
