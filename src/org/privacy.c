#include "org/privacy.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/account.h"
#include "core/log.h"
#include "integ/xapi.h"
#include "org/people.h"

#define ERASED_LOGIN_RANDOM_BYTES 8
/* Not an argon2id string, so no secret ever verifies against it. */
#define ERASED_SECRET_HASH "!effacé"

const char *privacy_target_kind(const char *role)
{
	return role && strcmp(role, "eleve") == 0 ? "eleve" : "account";
}

int privacy_facts_load(struct db *db, int64_t account_id, struct privacy_facts *out)
{
	struct db_stmt *st = db_prepare(db, "SELECT a.created_at, coalesce(a.deactivated_at, 0), coalesce(a.erased_at, 0), "
					    "CASE WHEN a.picture_secret IS NULL THEN 0 ELSE 1 END, "
					    "CASE WHEN a.card_token IS NULL THEN 0 ELSE 1 END, coalesce(s.name, '') "
					    "FROM account a LEFT JOIN structure s ON s.id = a.structure_id WHERE a.id = ?");
	char key[48];
	int found;

	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	db_bind_int(st, 1, account_id);
	found = db_step(st);
	if (found == DB_ROW) {
		out->created_at = db_column_int(st, 0);
		out->deactivated_at = db_column_int(st, 1);
		out->erased_at = db_column_int(st, 2);
		out->has_pictures = db_column_int(st, 3) != 0;
		out->has_card = db_column_int(st, 4) != 0;
		snprintf(out->structure_name, sizeof(out->structure_name), "%s", db_column_text(st, 5));
	}
	db_reset(st);
	if (found != DB_ROW)
		return found == DB_DONE ? 0 : -1;
	snprintf(key, sizeof(key), "account:%lld", (long long)account_id);
	out->failures = db_query_text_int(db, "SELECT count(*) FROM login_failure WHERE key = ?", key, 0);
	return 1;
}

int privacy_groups(struct db *db, int64_t account_id, void (*each)(const char *name, void *ctx), void *ctx)
{
	struct db_stmt *st = db_prepare(db, "SELECT g.name FROM group_member m JOIN class_group g ON g.id = m.group_id "
					    "WHERE m.account_id = ? ORDER BY g.name");
	enum db_step step;

	if (!st)
		return -1;
	db_bind_int(st, 1, account_id);
	while ((step = db_step(st)) == DB_ROW)
		each(db_column_text(st, 0), ctx);
	db_reset(st);
	return step == DB_DONE ? 0 : -1;
}

int privacy_attempts(struct db *db, int64_t account_id,
		     void (*each)(const struct privacy_attempt *a, void *ctx), void *ctx)
{
	struct db_stmt *st = db_prepare(db, "SELECT t.id, t.activity_id, t.activity_version, coalesce(v.title, ''), t.score, "
					    "t.max_score, t.started_at, t.submitted_at, t.answers FROM attempt t "
					    "LEFT JOIN activity v ON v.id = t.activity_id AND v.version = t.activity_version "
					    "WHERE t.account_id = ? ORDER BY t.submitted_at, t.id");
	struct privacy_attempt a;
	enum db_step step;

	if (!st)
		return -1;
	db_bind_int(st, 1, account_id);
	while ((step = db_step(st)) == DB_ROW) {
		a.id = db_column_int(st, 0);
		a.activity_id = db_column_text(st, 1);
		a.activity_version = db_column_int(st, 2);
		a.title = db_column_text(st, 3);
		a.score = db_column_double(st, 4);
		a.max_score = db_column_int(st, 5);
		a.started_at = db_column_int(st, 6);
		a.submitted_at = db_column_int(st, 7);
		a.answers_json = db_column_text(st, 8);
		each(&a, ctx);
	}
	db_reset(st);
	return step == DB_DONE ? 0 : -1;
}

int privacy_audit_lines(struct db *db, int64_t account_id,
			void (*each)(const struct privacy_audit *line, void *ctx), void *ctx)
{
	struct db_stmt *st = db_prepare(db, "SELECT l.at, l.action, l.details, coalesce(l.actor_id, 0), coalesce(p.first_name, ''), "
					    "coalesce(p.last_initial, ''), CASE WHEN p.erased_at IS NULL THEN 0 ELSE 1 END "
					    "FROM audit_log l LEFT JOIN account p ON p.id = l.actor_id "
					    "WHERE l.target_id = ? AND l.target_kind IN " PRIVACY_PERSON_KINDS " ORDER BY l.at, l.id");
	struct privacy_audit line;
	enum db_step step;

	if (!st)
		return -1;
	db_bind_int(st, 1, account_id);
	while ((step = db_step(st)) == DB_ROW) {
		line.at = db_column_int(st, 0);
		line.action = db_column_text(st, 1);
		line.details = db_column_text(st, 2);
		line.actor_id = db_column_int(st, 3);
		line.actor_first = db_column_text(st, 4);
		line.actor_initial = db_column_text(st, 5);
		line.actor_erased = db_column_int(st, 6) != 0;
		each(&line, ctx);
	}
	db_reset(st);
	return step == DB_DONE ? 0 : -1;
}

/* ---- erasure ---- */

/* Run a statement whose only parameter is the account id. */
static int exec_for_account(struct db *db, const char *sql, int64_t account_id)
{
	struct db_stmt *st = db_prepare(db, sql);
	int rc;

	if (!st)
		return -1;
	db_bind_int(st, 1, account_id);
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	return rc;
}

/* "efface-" and 16 hex digits: unique in practice, and never a real login. */
static void erased_login(char *out, size_t size)
{
	unsigned char bytes[ERASED_LOGIN_RANDOM_BYTES];
	char hex[2 * ERASED_LOGIN_RANDOM_BYTES + 1];

	randombytes_buf(bytes, sizeof(bytes));
	sodium_bin2hex(hex, sizeof(hex), bytes, sizeof(bytes));
	snprintf(out, size, "efface-%s", hex);
}

/* Replace the identifying columns of the account, unless it is already
 * erased; the row lock this UPDATE takes makes a concurrent erasure of the
 * same account wait, then find nothing to do. Returns 1 with the role and
 * structure filled, 0 when there is nothing to erase, -1 on error. */
static int account_anonymise(struct db *db, int64_t account_id, int64_t now, char *role, size_t role_size,
			     int64_t *structure_id)
{
	struct db_stmt *st = db_prepare(db, "UPDATE account SET first_name = ?, last_initial = '', login = ?, avatar = 'renard', "
					    "secret_hash = ?, must_change_password = 0, picture_secret = NULL, card_token = NULL, "
					    "active = 0, deactivated_at = coalesce(deactivated_at, ?), erased_at = ? "
					    "WHERE id = ? AND erased_at IS NULL RETURNING role, coalesce(structure_id, 0)");
	char login[ACCOUNT_LOGIN_MAX + 1];
	enum db_step step;

	if (!st)
		return -1;
	erased_login(login, sizeof(login));
	db_bind_text(st, 1, PRIVACY_ERASED_NAME);
	db_bind_text(st, 2, login);
	db_bind_text(st, 3, ERASED_SECRET_HASH);
	db_bind_int(st, 4, now);
	db_bind_int(st, 5, now);
	db_bind_int(st, 6, account_id);
	step = db_step(st);
	if (step == DB_ROW) {
		snprintf(role, role_size, "%s", db_column_text(st, 0));
		*structure_id = db_column_int(st, 1);
	}
	db_reset(st);
	if (step == DB_ROW)
		return 1;
	return step == DB_DONE ? 0 : -1;
}

/* Delete or clear everything else that is about the account. */
static int erase_links(struct db *db, int64_t account_id)
{
	char key[48];
	struct db_stmt *st;
	int rc;

	if (sessions_end(db, account_id) < 0 ||
	    exec_for_account(db, "DELETE FROM group_member WHERE account_id = ?", account_id) < 0 ||
	    exec_for_account(db, "DELETE FROM role_grant WHERE account_id = ?", account_id) < 0 ||
	    exec_for_account(db, "DELETE FROM reading_setting WHERE account_id = ?", account_id) < 0 ||
	    exec_for_account(db, "DELETE FROM mastery WHERE child_id = ?", account_id) < 0 ||
	    exec_for_account(db, "DELETE FROM video_progress WHERE child_id = ?", account_id) < 0 ||
	    exec_for_account(db, "DELETE FROM tutoring_seat WHERE child_id = ?", account_id) < 0 ||
	    exec_for_account(db, "DELETE FROM assignment WHERE child_id = ?", account_id) < 0 ||
	    /* A tuteur's snippets may contain their name. */
	    exec_for_account(db, "DELETE FROM tutoring_snippet WHERE tuteur_id = ?", account_id) < 0 ||
	    exec_for_account(db, "DELETE FROM tutoring_presence WHERE tuteur_id = ?", account_id) < 0 ||
	    /* Class lists this adult uploaded and never confirmed name other children. */
	    exec_for_account(db, "DELETE FROM pending_import WHERE actor_id = ?", account_id) < 0 ||
	    /* The ENT and LMS ids of the person, and the scores waiting for an LMS. */
	    exec_for_account(db, "DELETE FROM cas_identity WHERE account_id = ?", account_id) < 0 ||
	    exec_for_account(db, "DELETE FROM lti_identity WHERE account_id = ?", account_id) < 0 ||
	    exec_for_account(db, "DELETE FROM lti_grade_link WHERE account_id = ?", account_id) < 0 ||
	    exec_for_account(db, "DELETE FROM lti_deep_link WHERE account_id = ?", account_id) < 0 ||
	    exec_for_account(db, "DELETE FROM lti_score_outbox WHERE attempt_id IN (SELECT id FROM attempt WHERE account_id = ?)", account_id) < 0 ||
	    xapi_forget_account(db, account_id) < 0 ||
	    exec_for_account(db, "UPDATE attempt SET answers = '[]' WHERE account_id = ?", account_id) < 0 ||
	    exec_for_account(db, "UPDATE survey_answer SET value = '' WHERE response_id IN "
				 "(SELECT id FROM survey_response WHERE account_id = ?)", account_id) < 0 ||
	    exec_for_account(db, "DELETE FROM tutoring_question WHERE child_id = ?", account_id) < 0 ||
	    exec_for_account(db, "UPDATE audit_log SET details = '' WHERE target_id = ? AND target_kind IN " PRIVACY_PERSON_KINDS,
			     account_id) < 0)
		return -1;
	st = db_prepare(db, "DELETE FROM login_failure WHERE key = ?");
	if (!st)
		return -1;
	snprintf(key, sizeof(key), "account:%lld", (long long)account_id);
	db_bind_text(st, 1, key);
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	return rc;
}

int privacy_erase(struct db *db, int64_t actor_id, int64_t account_id, const char *details)
{
	char role[16] = "";
	int64_t structure_id = 0, now = (int64_t)time(NULL);
	int found;

	if (db_begin(db) < 0)
		return -1;
	found = account_anonymise(db, account_id, now, role, sizeof(role), &structure_id);
	if (found < 0)
		goto fail;
	if (found == 0) {
		db_rollback(db);
		return 0;
	}
	if (erase_links(db, account_id) < 0 ||
	    audit_record(db, actor_id, "erase", privacy_target_kind(role), account_id, structure_id, details) < 0 ||
	    db_commit(db) < 0)
		goto fail;
	log_info("account erased id=%lld structure=%lld actor=%lld", (long long)account_id, (long long)structure_id,
		 (long long)actor_id);
	return 1;
fail:
	log_error("account erasure failed id=%lld error=\"%s\"", (long long)account_id, db_errmsg(db));
	db_rollback(db);
	return -1;
}

/* ---- retention ---- */

int privacy_expired_list(struct db *db, int64_t before, struct privacy_expired **out, size_t *count)
{
	struct db_stmt *st = db_prepare(db, "SELECT id, structure_id, role, deactivated_at FROM account "
					    "WHERE active = 0 AND erased_at IS NULL AND deactivated_at IS NOT NULL "
					    "AND deactivated_at <= ? AND structure_id IS NOT NULL ORDER BY deactivated_at, id");
	struct privacy_expired *list = NULL, *grown;
	size_t n = 0, cap = 0;
	enum db_step step;

	*out = NULL;
	*count = 0;
	if (!st)
		return -1;
	db_bind_int(st, 1, before);
	while ((step = db_step(st)) == DB_ROW) {
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			grown = realloc(list, cap * sizeof(*list));
			if (!grown) {
				step = DB_ERROR;
				break;
			}
			list = grown;
		}
		list[n].id = db_column_int(st, 0);
		list[n].structure_id = db_column_int(st, 1);
		snprintf(list[n].role, sizeof(list[n].role), "%s", db_column_text(st, 2));
		list[n].deactivated_at = db_column_int(st, 3);
		n++;
	}
	db_reset(st);
	if (step != DB_DONE) {
		free(list);
		return -1;
	}
	*out = list;
	*count = n;
	return 0;
}
