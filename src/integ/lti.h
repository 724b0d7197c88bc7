/*
 * lti: Ardoise as an LTI 1.3 tool. A platform (an LMS such as Moodle)
 * registered by the opérateur starts an OIDC login on /lti/connexion;
 * Ardoise stores a state and a nonce and sends the browser to the
 * platform's authorisation endpoint, which posts back a signed id_token.
 * lti_launch_verify() checks it against the platform's key set (fetched
 * from its URL and cached), the issuer, the audience, the expiry, the
 * deployment and the nonce, each state being used once.
 *
 * Ardoise signs its own messages (deep-linking responses) with keys it
 * makes and rotates (lti_key_*), published at /.well-known/jwks.json.
 */
#ifndef ARDOISE_INTEG_LTI_H
#define ARDOISE_INTEG_LTI_H

#include <jansson.h>
#include <stdint.h>

#include "core/buf.h"
#include "store/db.h"

#define LTI_TEXT_MAX 256
#define LTI_NAME_MAX 120               /* characters of a platform's name */
#define LTI_STATE_SECONDS 600          /* an OIDC login must end within */
#define LTI_CLOCK_SKEW_SECONDS 60
#define LTI_JWKS_MAX_AGE_SECONDS 3600  /* refetch the key set after */
#define LTI_JWKS_MIN_AGE_SECONDS 10    /* an unknown kid refetches it no sooner */
#define LTI_KEY_GRACE_SECONDS (7 * 24 * 3600) /* a retired key stays published */
#define LTI_JWKS_MAX_BYTES (64 * 1024)

#define LTI_CLAIM "https://purl.imsglobal.org/spec/lti/claim/"
#define LTI_DL_CLAIM "https://purl.imsglobal.org/spec/lti-dl/claim/"
#define LTI_AUDIT_KIND "lti"  /* audit_log.target_kind of the lines about a platform */

struct lti_platform {
	int64_t id;
	int64_t structure_id;
	/* TODO: learners of every course go to this one group; map LTI contexts
	 * to groups, as CAS classes are. */
	int64_t group_id;       /* group of the learners it signs in */
	char level[8];          /* their level */
	char name[LTI_NAME_MAX * 4 + 1]; /* UTF-8: up to 4 bytes a character */
	char issuer[LTI_TEXT_MAX + 1];
	char client_id[LTI_TEXT_MAX + 1];
	char deployment_id[LTI_TEXT_MAX + 1];
	char auth_url[LTI_TEXT_MAX + 1];
	char jwks_url[LTI_TEXT_MAX + 1];
	char token_url[LTI_TEXT_MAX + 1];
	char public_url[LTI_TEXT_MAX + 1];
	int enabled;            /* 0: logins, launches and scores are held back */
};

/* 1 and fills `out` when found, 0 when not, -1 on a database error. */
int lti_platform_find(struct db *db, int64_t id, struct lti_platform *out);
/* The same by issuer and client id (client id may be NULL or empty when
 * the issuer has one registration only). Without a client id, an enabled
 * registration of the issuer is preferred to a disabled one. */
int lti_platform_find_issuer(struct db *db, const char *issuer, const char *client_id, struct lti_platform *out);
/* Insert a platform with an audit line by `actor_id`. Returns its id, or -1
 * (a duplicate issuer and client id too). */
int64_t lti_platform_create(struct db *db, int64_t actor_id, const struct lti_platform *p);

/* Start an OIDC login: store a new state and nonce and write the
 * authorisation request URL into `url`. Returns 0 or -1.
 * NOTE: the state is kept in the database, not bound to the browser by a
 * cookie, because the platform's cross-site POST would not carry a
 * SameSite=Lax cookie. */
int lti_login_start(struct db *db, const struct lti_platform *p, const char *login_hint, const char *message_hint,
		    struct buf *url);

/* The claims of a verified launch that Ardoise uses. */
struct lti_launch {
	char sub[LTI_TEXT_MAX + 1];
	char role[16];          /* eleve, accompagnateur, administrateur, or "" */
	char given_name[LTI_TEXT_MAX + 1];
	char family_name[LTI_TEXT_MAX + 1];
	char activity[LTI_TEXT_MAX + 1];      /* custom "activite", may be "" */
	int deep_linking;                     /* LtiDeepLinkingRequest */
	char return_url[LTI_TEXT_MAX + 1];    /* deep linking */
	char dl_data[1024];                   /* deep linking, sent back as is */
	char lineitem[LTI_TEXT_MAX + 1];      /* grade services: where scores go, may be "" */
};

struct lti_refusal {
	const char *message; /* French, for the person */
	char reason[160];    /* English, for the log */
};

/*
 * Check the posted `state` and `id_token`: the state must be a live one
 * (it is deleted, so a second use fails), the token signed with a key of
 * the platform's key set (fetched over HTTP when missing or stale, so call
 * this from a worker), for this platform's issuer, client id and
 * deployment, not expired, with the nonce of the state. Returns 1 and
 * fills `p` and `out` when good, 0 when refused (`why` filled), -1 on an
 * internal error.
 */
int lti_launch_verify(struct db *db, const char *state, const char *id_token, struct lti_platform *p,
		      struct lti_launch *out, struct lti_refusal *why);

/* Find or create the account of the launch's user. Returns its id, 0 when
 * refused (`why` filled, nothing written), -1 on a database error. */
int64_t lti_link(struct db *db, const struct lti_platform *p, const struct lti_launch *l, struct lti_refusal *why);

/* ---- Ardoise's keys ---- */

/* The current key (made on first use): kid and PEM private key, which the
 * caller free()s. Returns 0 or -1. */
int lti_key_current(struct db *db, char kid[65], char **private_pem);
/* Retire the current key and make a new one. Returns 0 or -1. */
int lti_key_rotate(struct db *db);
/* The published key set {"keys": [...]}, JSON text to free(), or NULL. */
char *lti_jwks(struct db *db);

/* The signed LtiDeepLinkingResponse for one activity; free() it. */
char *lti_deep_link_response(struct db *db, const struct lti_platform *p, const struct lti_launch *l,
			     const char *activity_id, const char *title);


/* ---- scores, through the Assignment and Grade Services (lti_scores.c) ---- */

#define LTI_AGS_CLAIM "https://purl.imsglobal.org/spec/lti-ags/claim/"
#define LTI_SCORE_SCOPE "https://purl.imsglobal.org/spec/lti-ags/scope/score"

/* Remember that the scores of `account_id` on `activity_id` go to the
 * launch's line item (replacing an earlier one). 0 or -1. */
int lti_grade_link_save(struct db *db, int64_t account_id, const char *activity_id, int64_t platform_id,
			const char *lineitem);
/* Queue the scores of attempts with a grade link not queued yet. Returns
 * how many, or -1. */
long lti_scores_fill(struct db *db);
/* Post the due scores (an OAuth 2 client-credentials token per platform,
 * asked with a JWT signed by Ardoise's key). Returns the number sent, 0
 * when none was due, -1 when a platform failed (retried later). */
long lti_scores_send(struct db *db);

/* ---- deep linking: the teacher's pick ---- */

#define LTI_PICK_SECONDS 1800 /* a teacher has this long to pick */

/* Keep a deep-linking request for `account_id`; writes its token. 0 or -1. */
int lti_pick_create(struct db *db, int64_t platform_id, int64_t account_id, const struct lti_launch *l,
		    char token[44]);
/* The live request of `token` made for `account_id`: fills the platform
 * and the launch's return URL and data. 1, 0 when none, or -1. With
 * `take`, the request is deleted so it serves once. */
int lti_pick_find(struct db *db, const char *token, int64_t account_id, int take, struct lti_platform *p,
		  struct lti_launch *l);

/* ---- the opérateur's listing ---- */

/* Call `each` with each platform (name, issuer, client id filled). */
int lti_platforms_each(struct db *db, void (*each)(void *ctx, const struct lti_platform *p), void *ctx);

/* ---- the opérateur's changes (lti_admin.c) ---- */

/* 1 when another platform than `except_id` has this issuer and client id,
 * 0 when not, -1 on a database error. */
int lti_platform_taken(struct db *db, const char *issuer, const char *client_id, int64_t except_id);
/* Switch a platform on (1) or off (0), with an audit line by `actor_id`. 0 or -1. */
int lti_platform_set_enabled(struct db *db, int64_t actor_id, const struct lti_platform *p, int enabled);
/* Replace every registered field of `was` by those of `now` (not the
 * switch), with an audit line naming the changed fields. A new key set
 * address drops the cached key set. One transaction; 0 or -1. */
int lti_platform_update(struct db *db, int64_t actor_id, const struct lti_platform *was, const struct lti_platform *now);
/* The number of accounts linked through the platform, or -1. */
long lti_platform_linked_count(struct db *db, int64_t platform_id);
/* Delete the platform with its links to accounts, logins in progress,
 * grade links and queued scores, with an audit line. The accounts stay,
 * with their work. One transaction; 0 or -1. */
int lti_platform_delete(struct db *db, int64_t actor_id, const struct lti_platform *p);

#endif
