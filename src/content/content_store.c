#include "content/content_store.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/log.h"

/* Returns 1 if (id, version) is stored with another text, 0 if not, -1. */
static int source_conflicts(struct db *db, const struct catalog_entry *e)
{
	struct db_stmt *st = db_prepare(db, "SELECT source FROM activity WHERE id = ? AND version = ?");
	enum db_step step;
	int conflict = 0;

	if (!st)
		return -1;
	db_bind_text(st, 1, e->activity->id);
	db_bind_int(st, 2, e->activity->version);
	step = db_step(st);
	if (step == DB_ROW)
		conflict = strcmp(db_column_text(st, 0), e->source) != 0;
	db_reset(st);
	return step == DB_ERROR ? -1 : conflict;
}

static int entry_save(struct db *db, const struct catalog_entry *e, int64_t now)
{
	const struct activity *a = e->activity;
	struct db_stmt *st;
	int rc;

	st = db_prepare(db, "UPDATE activity SET is_current = 0 WHERE id = ?");
	if (!st)
		return -1;
	db_bind_text(st, 1, a->id);
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	st = db_prepare(db, "INSERT INTO activity (id, version, subject, levels, title, path, source, is_current, loaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?) "
			    "ON CONFLICT (id, version) DO UPDATE SET is_current = 1, path = excluded.path");
	if (rc < 0 || !st)
		return -1;
	db_bind_text(st, 1, a->id);
	db_bind_int(st, 2, a->version);
	db_bind_text(st, 3, a->subject);
	db_bind_int(st, 4, a->levels);
	db_bind_text(st, 5, a->title);
	db_bind_text(st, 6, e->path);
	db_bind_text(st, 7, e->source);
	db_bind_int(st, 8, now);
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	return rc;
}

static int referential_file_save(struct db *db, const char *name, const char *source, int64_t now)
{
	struct db_stmt *st;
	int rc;

	if (!source)
		return 0;
	st = db_prepare(db, "INSERT INTO content_referential (name, source, loaded_at) VALUES (?, ?, ?) "
			    "ON CONFLICT (name) DO UPDATE SET source = excluded.source, loaded_at = excluded.loaded_at");
	if (!st)
		return -1;
	db_bind_text(st, 1, name);
	db_bind_text(st, 2, source);
	db_bind_int(st, 3, now);
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	return rc;
}

/* The stored text of a referential file (free() it), or NULL. */
static char *referential_file_read(struct db *db, const char *name)
{
	struct db_stmt *st = db_prepare(db, "SELECT source FROM content_referential WHERE name = ?");
	char *source = NULL;

	if (!st)
		return NULL;
	db_bind_text(st, 1, name);
	if (db_step(st) == DB_ROW)
		source = strdup(db_column_text(st, 0));
	db_reset(st);
	return source;
}

static int referential_read(struct db *db, struct referential *ref)
{
	char *text = referential_file_read(db, REFERENTIAL_COMPETENCIES_NAME);
	char *socle = referential_file_read(db, REFERENTIAL_SOCLE_NAME);
	FILE *sink = fopen("/dev/null", "w");
	int problems = 0;

	if (text && sink)
		problems = referential_parse(ref, REFERENTIAL_COMPETENCIES_NAME, text, strlen(text),
					     REFERENTIAL_SOCLE_NAME, socle, socle ? strlen(socle) : 0, sink);
	if (problems != 0)
		log_error("stored referential unreadable problems=%d", problems);
	if (sink)
		fclose(sink);
	free(text);
	free(socle);
	return problems < 0 ? -1 : 0;
}

int content_store_save(struct db *db, const struct catalog *c, FILE *errors)
{
	int64_t now = (int64_t)time(NULL);
	int problems = 0, conflict;
	size_t i;

	if (db_begin(db) < 0)
		return -1;
	for (i = 0; i < c->count; i++) {
		conflict = source_conflicts(db, &c->entries[i]);
		if (conflict < 0)
			goto fail;
		if (conflict) {
			fprintf(errors, "%s: l'activité « %s » a changé mais garde la version %d : augmentez « version » dans l'en-tête.\n",
				c->entries[i].path, c->entries[i].activity->id, c->entries[i].activity->version);
			problems++;
			continue;
		}
		if (entry_save(db, &c->entries[i], now) < 0)
			goto fail;
	}
	if (problems) {
		db_rollback(db);
		return problems;
	}
	if (referential_file_save(db, REFERENTIAL_COMPETENCIES_NAME, c->ref.source, now) < 0 ||
	    referential_file_save(db, REFERENTIAL_SOCLE_NAME, c->ref.socle_source, now) < 0)
		goto fail;
	if (db_commit(db) < 0)
		goto fail;
	return 0;
fail:
	log_error("content save failed error=\"%s\"", db_errmsg(db));
	db_rollback(db);
	return -1;
}

int content_store_read(struct db *db, struct catalog *c)
{
	struct db_stmt *st = db_prepare(db, "SELECT path, source FROM activity WHERE is_current = 1 ORDER BY path");
	struct content_error err;
	enum db_step step;
	int rc = 0;

	if (!st)
		return -1;
	while ((step = db_step(st)) == DB_ROW) {
		const char *path = db_column_text(st, 0), *source = db_column_text(st, 1);

		if (catalog_add(c, path, source, strlen(source), &err) < 0) {
			log_error("stored content unreadable path=%s line=%d error=\"%s\"", path, err.line, err.message);
			rc = -1;
		}
	}
	db_reset(st);
	if (step != DB_DONE || referential_read(db, &c->ref) < 0)
		return -1;
	return rc;
}

struct activity *content_store_version(struct db *db, const char *id, int version)
{
	struct db_stmt *st = db_prepare(db, "SELECT source FROM activity WHERE id = ? AND version = ?");
	struct activity *a = NULL;
	struct content_error err;

	if (!st)
		return NULL;
	db_bind_text(st, 1, id);
	db_bind_int(st, 2, version);
	if (db_step(st) == DB_ROW) {
		const char *source = db_column_text(st, 0);
		a = activity_parse(source, strlen(source), &err);
	}
	db_reset(st);
	return a;
}
