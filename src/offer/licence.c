/* Price lists, licences, child seats and tutoring seats. */
#include "offer/licence.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "offer/offer.h"

bool school_year_valid(const char *text)
{
	char *end;
	long first, second;

	if (!text || strlen(text) != 9 || text[4] != '-')
		return false;
	first = strtol(text, &end, 10);
	if (end != text + 4)
		return false;
	second = strtol(text + 5, &end, 10);
	return *end == '\0' && first >= 2000 && first <= 2998 && second == first + 1;
}

int price_list_find(struct db *db, const char *school_year, struct price_list *out)
{
	struct db_stmt *st = db_prepare(db, "SELECT child_cents, tutoring_cents, vat_bp FROM price_list WHERE school_year = ?");
	enum db_step step;

	if (!st)
		return -1;
	db_bind_text(st, 1, school_year);
	step = db_step(st);
	if (step == DB_ROW) {
		snprintf(out->school_year, sizeof(out->school_year), "%s", school_year);
		out->child_cents = db_column_int(st, 0);
		out->tutoring_cents = db_column_int(st, 1);
		out->vat_bp = (int)db_column_int(st, 2);
	}
	db_reset(st);
	return db_found(step);
}

static int price_list_write(struct db *db, const struct price_list *in, time_t now)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO price_list (school_year, child_cents, tutoring_cents, vat_bp, updated_at) "
					    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (school_year) DO UPDATE SET child_cents = excluded.child_cents, "
					    "tutoring_cents = excluded.tutoring_cents, vat_bp = excluded.vat_bp, updated_at = excluded.updated_at");
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, in->school_year);
	db_bind_int(st, 2, in->child_cents);
	db_bind_int(st, 3, in->tutoring_cents);
	db_bind_int(st, 4, in->vat_bp);
	db_bind_int(st, 5, (int64_t)now);
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	return rc;
}

/* Whether prices of `school_year` may still change: the year has not
 * ended and no licence uses it. 1 yes, 0 no (message in errors), -1. */
static int price_list_changeable(struct db *db, const char *school_year, time_t now, struct field_errors *errors)
{
	char current[SCHOOL_YEAR_TEXT];
	int64_t used;

	offer_school_year(now, current, sizeof(current));
	if (strcmp(school_year, current) < 0) {
		field_errors_add(errors, "annee", "L'année scolaire %s est terminée : ses prix ne changent plus.", school_year);
		return 0;
	}
	/* A quote already sent promises these prices too. */
	used = db_query_text_int(db, "SELECT count(*) FROM (SELECT school_year FROM licence UNION ALL "
				     "SELECT school_year FROM offer_document) used WHERE used.school_year = ?", school_year, -1);
	if (used < 0)
		return -1;
	if (used > 0) {
		field_errors_add(errors, "annee", "Des licences ou des devis %s utilisent déjà ces prix : ils ne changent plus. "
				 "Pour un nouveau tarif, créez-le pour l'année suivante.", school_year);
		return 0;
	}
	return 1;
}

int price_list_save(struct db *db, int64_t actor_id, const struct price_list *in, time_t now,
		    struct field_errors *errors)
{
	char details[128];
	int ok;

	if (!school_year_valid(in->school_year)) {
		field_errors_add(errors, "annee", "L'année scolaire « %.20s » n'est pas valide : écrivez-la comme 2026-2027.", in->school_year);
		return -1;
	}
	if (db_begin(db) < 0)
		return -1;
	ok = price_list_changeable(db, in->school_year, now, errors);
	if (ok != 1)
		goto fail;
	snprintf(details, sizeof(details), "%s: %lld, %lld, %d", in->school_year, (long long)in->child_cents,
		 (long long)in->tutoring_cents, in->vat_bp);
	if (price_list_write(db, in, now) < 0 || audit_record(db, actor_id, "price-list", "offer", 0, 0, details) < 0 ||
	    db_commit(db) < 0)
		goto fail;
	return 0;
fail:
	db_rollback(db);
	return -1;
}

/* One integer from a query with a structure id and a school year. */
static int64_t query_structure_year(struct db *db, const char *sql, int64_t structure_id, const char *year)
{
	struct db_stmt *st = db_prepare(db, sql);
	int64_t value = -1;

	if (!st)
		return -1;
	db_bind_int(st, 1, structure_id);
	db_bind_text(st, 2, year);
	if (db_step(st) == DB_ROW)
		value = db_column_int(st, 0);
	db_reset(st);
	return value;
}

static void financeur_name(struct db *db, int64_t structure_id, char *out, size_t size)
{
	struct db_stmt *st = db_prepare(db, "SELECT o.name FROM structure s JOIN organisation o ON o.id = s.financeur_id WHERE s.id = ?");

	out[0] = '\0';
	if (!st)
		return;
	db_bind_int(st, 1, structure_id);
	if (db_step(st) == DB_ROW)
		snprintf(out, size, "%s", db_column_text(st, 0));
	db_reset(st);
}

int offer_seats_read(struct db *db, int64_t structure_id, time_t now, struct offer_seats *out)
{
	memset(out, 0, sizeof(*out));
	offer_school_year(now, out->school_year, sizeof(out->school_year));
	out->licensed = db_query_int_param(db, "SELECT count(*) FROM licence WHERE structure_id = ?", structure_id, -1) > 0;
	out->seats = query_structure_year(db, "SELECT coalesce(sum(seats), 0) FROM licence WHERE structure_id = ? AND school_year = ? AND active = 1",
					  structure_id, out->school_year);
	out->tutoring_seats = query_structure_year(db, "SELECT coalesce(sum(tutoring_seats), 0) FROM licence "
						       "WHERE structure_id = ? AND school_year = ? AND active = 1", structure_id, out->school_year);
	out->tutoring_used = query_structure_year(db, "SELECT count(*) FROM tutoring_seat t JOIN account a ON a.id = t.child_id "
						      "WHERE a.structure_id = ? AND t.school_year = ?", structure_id, out->school_year);
	out->used = db_query_int_param(db, "SELECT count(*) FROM account WHERE structure_id = ? AND role = 'eleve' AND active = 1",
				       structure_id, -1);
	financeur_name(db, structure_id, out->financeur, sizeof(out->financeur));
	if (out->seats < 0 || out->tutoring_seats < 0 || out->tutoring_used < 0 || out->used < 0)
		return -1;
	return 0;
}

void offer_seats_message(const struct offer_seats *s, char *out, size_t size)
{
	char who[192];
	int64_t remaining = s->seats - s->used;

	if (*s->financeur)
		snprintf(who, sizeof(who), "votre financeur (%s) ou à l'opérateur Ardoise", s->financeur);
	else
		snprintf(who, sizeof(who), "l'opérateur Ardoise");
	if (s->seats == 0)
		snprintf(out, size, "Cette structure n'a pas de licence pour l'année scolaire %s. Pour en obtenir une, demandez à %s.",
			 s->school_year, who);
	else if (remaining <= 0)
		snprintf(out, size, "Il ne reste aucune place sur la licence %s de cette structure (%lld places, toutes prises). "
			 "Pour en ajouter, demandez à %s.", s->school_year, (long long)s->seats, who);
	else
		snprintf(out, size, "Il reste %lld place%s sur la licence %s de cette structure. Pour en ajouter, demandez à %s.",
			 (long long)remaining, remaining > 1 ? "s" : "", s->school_year, who);
}

int offer_exec_int(struct db *db, const char *sql, int64_t value)
{
	struct db_stmt *st = db_prepare(db, sql);
	int rc;

	if (!st)
		return -1;
	db_bind_int(st, 1, value);
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	return rc;
}

/* Lock the structure row until the end of the transaction. SQLite's
 * BEGIN IMMEDIATE already admits one writer; on PostgreSQL this no-op
 * update makes the other transactions that lock it wait. */
static int structure_lock(struct db *db, int64_t structure_id)
{
	return offer_exec_int(db, "UPDATE structure SET name = name WHERE id = ?", structure_id);
}

int offer_seats_reserve(struct db *db, int64_t structure_id, int64_t adding, time_t now,
			char *message, size_t size)
{
	struct offer_seats s;

	if (structure_lock(db, structure_id) < 0 || offer_seats_read(db, structure_id, now, &s) < 0)
		return -1;
	if (!s.licensed || s.used + adding <= s.seats)
		return 1;
	offer_seats_message(&s, message, size);
	return 0;
}

int offer_child_may_start(struct db *db, int64_t child_id, time_t now)
{
	int64_t structure_id = db_query_int_param(db, "SELECT coalesce(structure_id, 0) FROM account WHERE id = ? AND role = 'eleve'",
						  child_id, -1);
	int64_t rank;
	struct offer_seats s;

	if (structure_id < 0)
		return -1;
	if (offer_seats_read(db, structure_id, now, &s) < 0)
		return -1;
	if (!s.licensed)
		return 1;
	if (s.seats == 0)
		return 0;
	/* The first `seats` active children by id hold the seats. */
	rank = db_query_int_param2(db, "SELECT count(*) FROM account WHERE structure_id = ? AND role = 'eleve' AND active = 1 AND id <= ?",
				   structure_id, child_id, -1);
	if (rank < 0)
		return -1;
	return rank <= s.seats ? 1 : 0;
}

int64_t licence_insert(struct db *db, int64_t structure_id, int64_t financeur_id, const char *school_year,
		       int64_t seats, int64_t tutoring_seats, int64_t request_id, time_t now)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO licence (structure_id, financeur_id, school_year, seats, tutoring_seats, "
					    "request_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
	int64_t id = -1;

	if (!st)
		return -1;
	db_bind_int(st, 1, structure_id);
	if (financeur_id)
		db_bind_int(st, 2, financeur_id);
	else
		db_bind_null(st, 2);
	db_bind_text(st, 3, school_year);
	db_bind_int(st, 4, seats);
	db_bind_int(st, 5, tutoring_seats);
	if (request_id)
		db_bind_int(st, 6, request_id);
	else
		db_bind_null(st, 6);
	db_bind_int(st, 7, (int64_t)now);
	if (db_step(st) == DB_ROW)
		id = db_column_int(st, 0);
	db_reset(st);
	return id;
}

static int tutoring_insert(struct db *db, int64_t child_id, const char *year, time_t now)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO tutoring_seat (child_id, school_year, granted_at) VALUES (?, ?, ?) "
					    "ON CONFLICT (child_id, school_year) DO NOTHING");
	int rc;

	if (!st)
		return -1;
	db_bind_int(st, 1, child_id);
	db_bind_text(st, 2, year);
	db_bind_int(st, 3, (int64_t)now);
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	return rc;
}

/* The checks of a grant, in the caller's transaction: 1 may grant, 0 no. */
static int tutoring_allowed(struct db *db, int64_t structure_id, int64_t child_id, time_t now, char *message, size_t size)
{
	struct offer_seats s;
	int may_start;

	if (structure_lock(db, structure_id) < 0 || offer_seats_read(db, structure_id, now, &s) < 0)
		return -1;
	if (offer_child_has_tutoring(db, child_id, now))
		return 1;
	may_start = offer_child_may_start(db, child_id, now);
	if (may_start <= 0) {
		if (may_start == 0)
			snprintf(message, size, "Cet enfant n'a pas de place sur la licence %s : donnez-lui d'abord une place.", s.school_year);
		return may_start;
	}
	if (s.tutoring_used < s.tutoring_seats)
		return 1;
	if (s.tutoring_seats == 0) {
		snprintf(message, size, "Cette structure n'a pas de place de soutien pour l'année scolaire %s : demandez-en à %s.",
			 s.school_year, *s.financeur ? s.financeur : "l'opérateur Ardoise");
		return 0;
	}
	snprintf(message, size, "Les %lld places de soutien de la licence %s sont toutes données. Retirez l'option à un autre enfant, "
		 "ou demandez des places de soutien à %s.", (long long)s.tutoring_seats, s.school_year,
		 *s.financeur ? s.financeur : "l'opérateur Ardoise");
	return 0;
}

int offer_tutoring_grant(struct db *db, int64_t actor_id, int64_t child_id, time_t now,
			 char *message, size_t size)
{
	int64_t structure_id = db_query_int_param(db, "SELECT coalesce(structure_id, 0) FROM account "
						      "WHERE id = ? AND role = 'eleve' AND active = 1", child_id, 0);
	char year[SCHOOL_YEAR_TEXT];
	int allowed;

	if (!structure_id) {
		snprintf(message, size, "Cet enfant n'existe pas ou son compte est désactivé.");
		return 0;
	}
	offer_school_year(now, year, sizeof(year));
	if (db_begin(db) < 0)
		return -1;
	allowed = tutoring_allowed(db, structure_id, child_id, now, message, size);
	if (allowed != 1)
		goto out;
	if (tutoring_insert(db, child_id, year, now) < 0 ||
	    audit_record(db, actor_id, "tutoring-grant", "eleve", child_id, structure_id, year) < 0 || db_commit(db) < 0) {
		log_error("tutoring grant failed child=%lld error=\"%s\"", (long long)child_id, db_errmsg(db));
		allowed = -1;
		goto out;
	}
	return 1;
out:
	db_rollback(db);
	return allowed;
}

int offer_tutoring_revoke(struct db *db, int64_t actor_id, int64_t child_id, time_t now)
{
	int64_t structure_id = db_query_int_param(db, "SELECT coalesce(structure_id, 0) FROM account WHERE id = ?", child_id, 0);
	char year[SCHOOL_YEAR_TEXT];
	struct db_stmt *st;
	int rc;

	offer_school_year(now, year, sizeof(year));
	if (db_begin(db) < 0)
		return -1;
	st = db_prepare(db, "DELETE FROM tutoring_seat WHERE child_id = ? AND school_year = ?");
	if (!st)
		goto fail;
	db_bind_int(st, 1, child_id);
	db_bind_text(st, 2, year);
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	if (rc < 0 || audit_record(db, actor_id, "tutoring-revoke", "eleve", child_id, structure_id, year) < 0 || db_commit(db) < 0)
		goto fail;
	return 0;
fail:
	db_rollback(db);
	return -1;
}
