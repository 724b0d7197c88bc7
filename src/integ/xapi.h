/*
 * xapi: learning records as xAPI 1.0.3 statements: each attempt ("completed",
 * with its score) and each resource a child opened ("experienced", from the
 * usage events). Actors are accounts
 * whose name is an HMAC-SHA256 of the Ardoise account id under a secret
 * kept in the database, so a record store never receives a name, an
 * e-mail or the account id itself. Statement ids derive from the same
 * secret and the attempt or event id, so sending one again is idempotent.
 *
 * Sending is optional: the sender job (integ/sender.h) queues the new
 * attempts and views into the outbox table and posts the due ones to the configured
 * learning-record store, retrying with exponential backoff while the
 * store is down. A statement is marked sent only after the store
 * accepts it.
 */
#ifndef ARDOISE_INTEG_XAPI_H
#define ARDOISE_INTEG_XAPI_H

#include <stdint.h>

#include "core/buf.h"
#include "store/db.h"

#define XAPI_URL_MAX 256
#define XAPI_EXPORT_MAX_STATEMENTS 50000
#define XAPI_EXPORT_MAX_BYTES (64u * 1024 * 1024)
#define XAPI_BATCH 50                 /* statements per POST */
#define XAPI_BACKOFF_MAX_SECONDS 3600

struct xapi_settings {
	char home_page[XAPI_URL_MAX + 1];
	char lrs_url[XAPI_URL_MAX + 1];
	char lrs_auth[XAPI_URL_MAX + 1];
	int enabled;
};

/* Read the settings (made with a new secret on first use). 0 or -1. */
int xapi_settings_get(struct db *db, struct xapi_settings *out);
/* Save the settings; the secret is kept. 0 or -1. */
int xapi_settings_save(struct db *db, const struct xapi_settings *in);

/* Append to `out` a JSON array of the statements of the attempts submitted
 * in [from, to) (Unix seconds), of one structure or all when 0. Returns
 * the number of statements, or -1. */
long xapi_export(struct db *db, int64_t from, int64_t to, int64_t structure_id, struct buf *out);

/* Queue the statements of attempts not queued yet. Returns how many, or -1. */
long xapi_outbox_fill(struct db *db);
/* Delete the queued and sent statements whose actor is the account, for
 * its erasure. Later attempts and views of an erased account are never
 * queued. Returns 0 or -1. */
int xapi_forget_account(struct db *db, int64_t account_id);
/* Post the due statements to the store, one batch. Returns the number
 * sent, 0 when none was due or the store is off, -1 when the store failed. */
long xapi_outbox_send(struct db *db);

#endif
