/* In-person training sessions: registration, attendance, certificate. */
/* strptime() is an X/Open function. */
#define _GNU_SOURCE
#include "offer/training.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "offer/licence.h"
#include "offer/pdf_writer.h"

bool training_audience_allows(const char *audience, const char *role)
{
	if (strcmp(audience, "tuteurs") == 0)
		return strcmp(role, "tuteur") == 0;
	return strcmp(role, "accompagnateur") == 0 || strcmp(role, "administrateur") == 0;
}

const char *training_audience_label(const char *audience)
{
	return strcmp(audience, "tuteurs") == 0 ? "tuteurs" : "accompagnateurs locaux";
}

/* Read "YYYY-MM-DD" and "HH:MM" as Paris time (main() sets TZ). */
static bool start_parse(const char *date, const char *clock, time_t *out)
{
	struct tm tm;
	char *end;

	memset(&tm, 0, sizeof(tm));
	if (!date || !clock)
		return false;
	end = strptime(date, "%Y-%m-%d", &tm);
	if (!end || *end)
		return false;
	end = strptime(clock, "%H:%M", &tm);
	if (!end || *end)
		return false;
	tm.tm_isdst = -1;
	*out = mktime(&tm);
	return *out != (time_t)-1;
}

static void session_check(const struct training_session_input *in, time_t now, time_t *starts, int64_t *capacity,
			  struct field_errors *errors)
{
	char *end = NULL;

	if (!start_parse(in->date, in->time, starts))
		field_errors_add(errors, "date", "La date ou l'heure n'est pas valide : choisissez une date (AAAA-MM-JJ) et une heure (HH:MM).");
	else if (*starts <= now)
		field_errors_add(errors, "date", "Cette date est passée : choisissez une date à venir.");
	if (!in->place || !*in->place)
		field_errors_add(errors, "lieu", "Écrivez le lieu de la session (salle, adresse).");
	else if (strlen(in->place) > TRAINING_PLACE_MAX)
		field_errors_add(errors, "lieu", "Le lieu est trop long (%d caractères au plus).", TRAINING_PLACE_MAX);
	if (!in->audience || (strcmp(in->audience, "accompagnateurs") != 0 && strcmp(in->audience, "tuteurs") != 0))
		field_errors_add(errors, "public", "Choisissez le public : accompagnateurs locaux ou tuteurs.");
	*capacity = in->capacity ? strtoll(in->capacity, &end, 10) : 0;
	if (!in->capacity || !*in->capacity || *end || *capacity < 1 || *capacity > TRAINING_CAPACITY_MAX)
		field_errors_add(errors, "places", "Le nombre de places « %.12s » n'est pas valide : écrivez un nombre entier de 1 à %d.",
				 in->capacity ? in->capacity : "", TRAINING_CAPACITY_MAX);
}

int64_t training_session_create(struct db *db, int64_t trainer_id, const struct training_session_input *in, time_t now,
				struct field_errors *errors)
{
	struct db_stmt *st;
	time_t starts = 0;
	int64_t capacity = 0, id = -1;

	session_check(in, now, &starts, &capacity, errors);
	if (errors->count)
		return -1;
	st = db_prepare(db, "INSERT INTO training_session (starts_at, place, audience, capacity, trainer_id, created_at) "
			    "VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
	if (!st)
		return -1;
	db_bind_int(st, 1, (int64_t)starts);
	db_bind_text(st, 2, in->place);
	db_bind_text(st, 3, in->audience);
	db_bind_int(st, 4, capacity);
	db_bind_int(st, 5, trainer_id);
	db_bind_int(st, 6, (int64_t)now);
	if (db_step(st) == DB_ROW)
		id = db_column_int(st, 0);
	db_reset(st);
	return id;
}

int training_session_find(struct db *db, int64_t id, struct training_session *out)
{
	struct db_stmt *st = db_prepare(db, "SELECT starts_at, place, audience, capacity, "
					    "(SELECT count(*) FROM training_registration r WHERE r.session_id = s.id) FROM training_session s WHERE id = ?");
	enum db_step step;

	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	step = db_step(st);
	if (step == DB_ROW) {
		out->id = id;
		out->starts_at = (time_t)db_column_int(st, 0);
		snprintf(out->place, sizeof(out->place), "%s", db_column_text(st, 1));
		snprintf(out->audience, sizeof(out->audience), "%s", db_column_text(st, 2));
		out->capacity = db_column_int(st, 3);
		out->registered = db_column_int(st, 4);
	}
	db_reset(st);
	return db_found(step);
}

/* The checks of a registration, in its transaction after the lock. */
static int registration_allowed(struct db *db, int64_t session_id, int64_t account_id, const char *role, time_t now,
				char *message, size_t size)
{
	struct training_session s;
	int found = training_session_find(db, session_id, &s);

	if (found == 0)
		snprintf(message, size, "Cette session de formation n'existe pas.");
	if (found != 1)
		return found;
	if (db_query_int_param2(db, "SELECT count(*) FROM training_registration WHERE session_id = ? AND account_id = ?",
				session_id, account_id, -1) > 0)
		return 2;
	if (s.starts_at <= now) {
		snprintf(message, size, "Cette session a déjà commencé : les inscriptions sont closes.");
		return 0;
	}
	if (!training_audience_allows(s.audience, role)) {
		snprintf(message, size, "Cette session est réservée aux %s.", training_audience_label(s.audience));
		return 0;
	}
	if (s.registered >= s.capacity) {
		snprintf(message, size, "Cette session est complète (%lld %s) : inscrivez-vous à une autre date.", (long long)s.capacity, s.capacity > 1 ? "places" : "place");
		return 0;
	}
	return 1;
}

int training_register(struct db *db, int64_t session_id, int64_t account_id, const char *role, time_t now,
		      char *message, size_t size)
{
	struct db_stmt *st;
	int allowed;

	if (db_begin(db) < 0)
		return -1;
	/* Lock the session row: concurrent registrations wait here on PostgreSQL. */
	if (offer_exec_int(db, "UPDATE training_session SET capacity = capacity WHERE id = ?", session_id) < 0)
		goto fail;
	allowed = registration_allowed(db, session_id, account_id, role, now, message, size);
	if (allowed != 1) {
		db_rollback(db);
		return allowed == 2 ? 1 : allowed;
	}
	st = db_prepare(db, "INSERT INTO training_registration (session_id, account_id, registered_at) VALUES (?, ?, ?)");
	if (!st)
		goto fail;
	db_bind_int(st, 1, session_id);
	db_bind_int(st, 2, account_id);
	db_bind_int(st, 3, (int64_t)now);
	allowed = db_step(st) == DB_DONE ? 1 : -1;
	db_reset(st);
	if (allowed < 0 || db_commit(db) < 0)
		goto fail;
	return 1;
fail:
	log_error("training registration failed session=%lld account=%lld error=\"%s\"", (long long)session_id,
		  (long long)account_id, db_errmsg(db));
	db_rollback(db);
	return -1;
}

int training_unregister(struct db *db, int64_t session_id, int64_t account_id, time_t now)
{
	struct db_stmt *st = db_prepare(db, "DELETE FROM training_registration WHERE session_id = ? AND account_id = ? "
					    "AND session_id IN (SELECT id FROM training_session WHERE starts_at > ?)");
	int rc;

	if (!st)
		return -1;
	db_bind_int(st, 1, session_id);
	db_bind_int(st, 2, account_id);
	db_bind_int(st, 3, (int64_t)now);
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	return rc;
}

int training_attendance_set(struct db *db, int64_t trainer_id, int64_t session_id, const int64_t *present, size_t count)
{
	struct db_stmt *st;
	size_t i;
	int rc;

	if (db_begin(db) < 0)
		return -1;
	rc = offer_exec_int(db, "UPDATE training_registration SET attended = 0 WHERE session_id = ?", session_id);
	st = db_prepare(db, "UPDATE training_registration SET attended = 1 WHERE session_id = ? AND account_id = ?");
	for (i = 0; st && rc == 0 && i < count; i++) {
		db_bind_int(st, 1, session_id);
		db_bind_int(st, 2, present[i]);
		rc = db_step(st) == DB_DONE ? 0 : -1;
		db_reset(st);
	}
	if (!st || rc < 0 || audit_record(db, trainer_id, "attendance", "training_session", session_id, 0, "") < 0 || db_commit(db) < 0) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

/* ---- the certificate ---- */

struct attendee {
	char first_name[64];
	char last_initial[8];
	char role[16];
	char structure[128];
};

static int attendee_find(struct db *db, int64_t session_id, int64_t account_id, struct attendee *out)
{
	struct db_stmt *st = db_prepare(db, "SELECT a.first_name, a.last_initial, a.role, coalesce(s.name, '') FROM training_registration r "
					    "JOIN account a ON a.id = r.account_id LEFT JOIN structure s ON s.id = a.structure_id "
					    "WHERE r.session_id = ? AND r.account_id = ? AND r.attended = 1");
	enum db_step step;

	if (!st)
		return -1;
	db_bind_int(st, 1, session_id);
	db_bind_int(st, 2, account_id);
	step = db_step(st);
	if (step == DB_ROW) {
		snprintf(out->first_name, sizeof(out->first_name), "%s", db_column_text(st, 0));
		snprintf(out->last_initial, sizeof(out->last_initial), "%s", db_column_text(st, 1));
		snprintf(out->role, sizeof(out->role), "%s", db_column_text(st, 2));
		snprintf(out->structure, sizeof(out->structure), "%s", db_column_text(st, 3));
	}
	db_reset(st);
	return db_found(step);
}

int training_certificate_pdf(struct db *db, int64_t session_id, int64_t account_id, unsigned char **out, size_t *len,
			     char *err, size_t errlen)
{
	struct training_session s;
	struct attendee who;
	struct pdf_writer *w;
	char text[2048], date[64];
	struct tm tm;
	int found = training_session_find(db, session_id, &s);

	if (found == 1)
		found = attendee_find(db, session_id, account_id, &who);
	if (found != 1) {
		snprintf(err, errlen, found == 0 ? "aucune présence enregistrée pour cette session." : "lecture de la base impossible.");
		return found;
	}
	localtime_r(&s.starts_at, &tm);
	strftime(date, sizeof(date), "%d/%m/%Y à %H:%M", &tm);
	w = pdf_writer_new("Attestation de présence", err, errlen);
	if (!w)
		return -1;
	pdf_writer_text(w, PDF_MARGIN_MM, 40, 20, true, "Attestation de présence");
	snprintf(text, sizeof(text), "L'opérateur Ardoise atteste que %s %s, %s%s%s, a suivi la session de formation en présentiel "
		 "destinée aux %s, le %s, au lieu suivant : %s.", who.first_name, who.last_initial, who.role,
		 *who.structure ? " de la structure " : "", who.structure, training_audience_label(s.audience), date, s.place);
	pdf_writer_paragraph(w, PDF_MARGIN_MM, 60, PDF_PAGE_W_MM - 2 * PDF_MARGIN_MM, 11, false, text);
	pdf_writer_paragraph(w, PDF_MARGIN_MM, 100, PDF_PAGE_W_MM - 2 * PDF_MARGIN_MM, 11, false,
			     "Attestation établie pour servir et valoir ce que de droit, d'après la feuille de présence tenue par le formateur.");
	return pdf_writer_finish(w, out, len, err, errlen) == 0 ? 1 : -1;
}
