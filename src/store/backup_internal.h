/*
 * backup_internal: the backup and restore steps of each backend
 * (sqlite_backup.c, pg_backup.c) and the file steps they share (backup.c).
 * Only the store's own files include it; callers use db_backup and
 * db_restore from db.h.
 */
#ifndef ARDOISE_STORE_BACKUP_INTERNAL_H
#define ARDOISE_STORE_BACKUP_INTERNAL_H

#include "store/backend.h"

struct sqlite3;

/* The SQLite handle of a connection opened by the SQLite backend. */
struct sqlite3 *sqlite_connection(struct db *db);
/* The URL a PostgreSQL connection was opened with (it may hold a
 * password: never print it, see db_url_redact). */
const char *pg_connection_url(struct db *db);

/* Backend operations, with the contracts of db_backup and db_restore,
 * except that the backup is written to `tmp`, which the caller renames. */
int sqlite_backup(struct db *db, const char *tmp, db_progress_fn *progress, void *arg, char *err, size_t errlen);
int sqlite_restore(struct db *db, const char *src, db_progress_fn *progress, void *arg, char *err, size_t errlen);
int pg_backup(struct db *db, const char *tmp, db_progress_fn *progress, void *arg, char *err, size_t errlen);
int pg_restore(struct db *db, const char *src, db_progress_fn *progress, void *arg, char *err, size_t errlen);

#endif
