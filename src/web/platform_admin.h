/*
 * platform_admin: what the opérateur's ENT (CAS) and LTI pages share, so
 * that creating and editing a registration run the same checks.
 */
#ifndef ARDOISE_WEB_PLATFORM_ADMIN_H
#define ARDOISE_WEB_PLATFORM_ADMIN_H

#include <stddef.h>

#include "http/request.h"
#include "integ/cas.h"
#include "integ/lti.h"
#include "org/people.h"

#define PLATFORM_QUOTE_MAX 40     /* bytes of a typed value quoted in a message */

/* Return 0 for the national opérateur. For anyone else, write the 403 page
 * and return 403. */
int platform_operator_only(struct request *r);
/* Copy at most PLATFORM_QUOTE_MAX bytes of `value` into `out`, cut on a
 * UTF-8 character boundary and followed by "…" when cut. */
void platform_quote(const char *value, char *out, size_t size);
/* The number of characters of `value`, valid UTF-8 (the form parser checks it). */
size_t platform_text_length(const char *value);
/* The posted value of field `name` when the form was sent, else `stored`. */
const char *platform_field_value(struct request *r, const char *name, const char *stored);

/* The French texts of a deletion's confirmation page. */
struct platform_deletion {
	const char *title;            /* "Supprimer l'ENT" */
	const char *name;             /* the registration's name */
	const char *action;           /* where the form posts */
	const char *cancel;           /* the registration's page */
	long linked;                  /* accounts linked through it */
	const char *none_linked;      /* shown when `linked` is 0 */
	const char *linked_kept;      /* format with one %ld: what becomes of those accounts */
	const char *consequences[3];  /* the other effects */
	const char *button;
};

/* The confirmation page of a deletion, with `status` and `error` (may be
 * NULL). Returns `status`. */
int platform_delete_page(struct request *r, int status, const struct platform_deletion *d, const char *error);
/* True when the deletion form was posted with its confirmation field. */
int platform_delete_confirmed(struct request *r);
/* The posted switch `field`: 1 (on), 0 (off), or -1 when missing or not 0 or 1. */
int platform_switch_value(struct request *r, const char *field);

/* ---- ENT (CAS) servers: page_cas_admin.c and page_cas_edit.c ---- */

/* The server named by the route, for the opérateur, or an error status. */
int cas_admin_server(struct request *r, struct cas_server *s);
/* The server's page with `status`: its addresses, edit form, mappings,
 * switch and delete link. `error` or `errors` may be NULL. */
int cas_admin_server_page(struct request *r, int status, const struct cas_server *s, const char *error,
			  const struct field_errors *errors);
/* Read and check the posted name, addresses and structure into `out`.
 * Returns 0, or -1 with a French message per bad field in `errors`. */
int cas_form_read(struct request *r, struct cas_server *out, struct field_errors *errors);
/* The edit form of a server, refilled from the posted values if any. */
void cas_edit_form(struct request *r, const struct cas_server *s, const struct field_errors *errors);

/* ---- LTI platforms: page_lti_admin.c and page_lti_platform.c ---- */

/* The text fields of the registration form. */
struct lti_field {
	const char *name;   /* form field */
	const char *label;  /* French */
	const char *hint;   /* French */
	size_t offset;      /* in struct lti_platform */
	size_t size;        /* bytes of the member */
	size_t max_chars;   /* characters allowed */
	int is_url;
};
extern const struct lti_field lti_fields[];
extern const size_t lti_field_count;
extern const char *const lti_levels[4];

/* Read and check the posted fields into `out` (name, issuer, client id,
 * deployment id, URLs, group and level). `except_id` is the platform being
 * edited, 0 when registering one. Returns 0, or -1 with `errors` filled. */
int lti_form_read(struct request *r, struct lti_platform *out, int64_t except_id, struct field_errors *errors);
/* The fields of the form, refilled from the posted values, else from `p`
 * (which may be NULL). */
void lti_form_fields(struct request *r, const struct lti_platform *p, const struct field_errors *errors);

#endif
