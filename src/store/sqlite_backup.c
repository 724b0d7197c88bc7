/* SQLite backup and restore with the online backup API (sqlite3_backup_*),
 * behind db_backup and db_restore (db.h). */
#include "store/backup_internal.h"

#include <sqlite3.h>
#include <stdio.h>

#include "core/i18n.h"

/* 4 MiB per step with the default 4 KiB pages: small enough for steady
 * progress lines, large enough to keep the step count low. */
#define BACKUP_STEP_PAGES 1024
/* A step that finds a database locked is retried this many times, 50 ms
 * apart. */
#define BACKUP_BUSY_RETRIES 100
#define BACKUP_BUSY_SLEEP_MS 50

/* Copy every page of `from` into `to`, reporting progress after each step. */
static int pages_copy(sqlite3 *to, sqlite3 *from, db_progress_fn *progress, void *arg, char *err, size_t errlen)
{
	sqlite3_backup *copy = sqlite3_backup_init(to, "main", from, "main");
	int rc, busy = 0;

	if (!copy) {
		snprintf(err, errlen, _("copie impossible : %s"), sqlite3_errmsg(to));
		return -1;
	}
	do {
		rc = sqlite3_backup_step(copy, BACKUP_STEP_PAGES);
		if (progress)
			progress(arg, sqlite3_backup_pagecount(copy) - sqlite3_backup_remaining(copy),
				 sqlite3_backup_pagecount(copy));
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
			busy++;
			sqlite3_sleep(BACKUP_BUSY_SLEEP_MS);
		}
	} while (rc == SQLITE_OK || ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && busy < BACKUP_BUSY_RETRIES));
	sqlite3_backup_finish(copy);
	if (rc != SQLITE_DONE) {
		snprintf(err, errlen, _("copie interrompue : %s"), sqlite3_errstr(rc));
		return -1;
	}
	return 0;
}

/* Run PRAGMA quick_check on `handle`. `name` is the file's name, for the
 * message. */
static int file_check(sqlite3 *handle, const char *name, char *err, size_t errlen)
{
	sqlite3_stmt *st = NULL;
	const char *verdict;
	int rc = -1;

	if (sqlite3_prepare_v2(handle, "PRAGMA quick_check", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		snprintf(err, errlen, _("« %s » est illisible : %s"), name, sqlite3_errmsg(handle));
		goto out;
	}
	verdict = (const char *)sqlite3_column_text(st, 0);
	if (!verdict || sqlite3_stricmp(verdict, "ok") != 0) {
		snprintf(err, errlen, _("« %s » est endommagé : %s"), name, verdict ? verdict : "?");
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	return rc;
}

/* Open `path` with `flags`. Returns NULL, with the message in `err`, on
 * failure. */
static sqlite3 *file_open(const char *path, int flags, char *err, size_t errlen)
{
	sqlite3 *handle = NULL;

	if (sqlite3_open_v2(path, &handle, flags, NULL) == SQLITE_OK)
		return handle;
	snprintf(err, errlen, _("impossible d'ouvrir « %s » : %s"), path, handle ? sqlite3_errmsg(handle) : "?");
	sqlite3_close(handle);
	return NULL;
}

int sqlite_backup(struct db *db, const char *tmp, db_progress_fn *progress, void *arg, char *err, size_t errlen)
{
	sqlite3 *source = sqlite_connection(db), *copy = NULL;
	int rc = -1;

	/* One read transaction pins a WAL snapshot for the whole copy, so
	 * commits from the server's connections never restart it. */
	if (sqlite3_exec(source, "BEGIN; SELECT count(*) FROM sqlite_master", NULL, NULL, NULL) != SQLITE_OK) {
		snprintf(err, errlen, _("lecture de la base impossible : %s"), sqlite3_errmsg(source));
		goto out;
	}
	copy = file_open(tmp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, err, errlen);
	if (!copy || pages_copy(copy, source, progress, arg, err, errlen) < 0)
		goto out;
	/* A rollback-journal file opens read-only anywhere, with no -wal or
	 * -shm beside it. db_open switches a restored file back to WAL. */
	if (sqlite3_exec(copy, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL) != SQLITE_OK) {
		snprintf(err, errlen, _("écriture de « %s » impossible : %s"), tmp, sqlite3_errmsg(copy));
		goto out;
	}
	rc = file_check(copy, tmp, err, errlen);
out:
	sqlite3_close(copy);
	if (sqlite3_get_autocommit(source) == 0)
		sqlite3_exec(source, "COMMIT", NULL, NULL, NULL);
	return rc;
}

/* True when `handle` contains Ardoise's schema_migration table. */
static bool file_is_ardoise(sqlite3 *handle)
{
	sqlite3_stmt *st = NULL;
	bool found = false;

	if (sqlite3_prepare_v2(handle, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migration'",
			       -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		found = sqlite3_column_int(st, 0) == 1;
	sqlite3_finalize(st);
	return found;
}

int sqlite_restore(struct db *db, const char *src, db_progress_fn *progress, void *arg, char *err, size_t errlen)
{
	sqlite3 *backup = file_open(src, SQLITE_OPEN_READONLY, err, errlen);
	int rc = -1;

	if (!backup || file_check(backup, src, err, errlen) < 0)
		goto out;
	if (!file_is_ardoise(backup)) {
		snprintf(err, errlen, _("« %s » n'est pas une sauvegarde d'Ardoise (table schema_migration absente)."), src);
		goto out;
	}
	rc = pages_copy(sqlite_connection(db), backup, progress, arg, err, errlen);
out:
	sqlite3_close(backup);
	return rc;
}
