/* db_backup and db_restore (db.h): the steps every backend shares. The
 * backend writes the copy into a temporary file, and this file makes it
 * durable and moves it into place. */
#define _GNU_SOURCE /* memrchr */
#include "store/backup_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/i18n.h"

#define BACKUP_TMP_SUFFIX ".tmp"

/* fsync the file or folder at `path`. */
static int path_sync(const char *path, int flags)
{
	int fd = open(path, flags | O_CLOEXEC);
	int rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/* Sync `tmp`, rename it to `dest` and sync their folder, so that after a
 * crash `dest` is either absent, the previous file or the whole copy. */
static int backup_file_commit(const char *tmp, const char *dest, char *err, size_t errlen)
{
	char *copy = strdup(dest);
	int rc = -1;

	if (!copy) {
		snprintf(err, errlen, _("mémoire insuffisante"));
		return -1;
	}
	if (path_sync(tmp, O_RDONLY) < 0 || rename(tmp, dest) < 0) {
		snprintf(err, errlen, _("écriture de « %s » impossible : %s"), dest, strerror(errno));
		goto out;
	}
	/* The rename is durable only once the folder entry is on disk. */
	if (path_sync(dirname(copy), O_RDONLY | O_DIRECTORY) < 0) {
		snprintf(err, errlen, _("écriture de « %s » impossible : %s"), dest, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	free(copy);
	return rc;
}

int db_backup(struct db *db, const char *dest, db_progress_fn *progress, void *arg, char *err, size_t errlen)
{
	struct buf tmp = BUF_INIT(0);
	int rc = -1;

	if (buf_addf(&tmp, "%s%s", dest, BACKUP_TMP_SUFFIX) < 0) {
		snprintf(err, errlen, _("mémoire insuffisante"));
		goto out;
	}
	unlink(buf_cstr(&tmp));
	if (db->backend->backup(db, buf_cstr(&tmp), progress, arg, err, errlen) < 0)
		goto out;
	rc = backup_file_commit(buf_cstr(&tmp), dest, err, errlen);
out:
	if (rc < 0 && tmp.data)
		unlink(buf_cstr(&tmp));
	buf_release(&tmp);
	return rc;
}

int db_restore(struct db *db, const char *src, db_progress_fn *progress, void *arg, char *err, size_t errlen)
{
	if (access(src, R_OK) < 0) {
		snprintf(err, errlen, _("sauvegarde « %s » illisible : %s"), src, strerror(errno));
		return -1;
	}
	return db->backend->restore(db, src, progress, arg, err, errlen);
}

/* Append the query string `text` with the value of each "password="
 * parameter replaced by "***". */
static void query_redact(struct buf *out, const char *text)
{
	size_t len;

	while (*text) {
		len = strcspn(text, "&");
		if (strncmp(text, "password=", 9) == 0)
			buf_adds(out, "password=***");
		else
			buf_add(out, text, len);
		text += len;
		if (*text == '&')
			buf_addc(out, *text++);
	}
}

void db_url_redact(const char *url, char *out, size_t size)
{
	struct buf b = BUF_INIT(0);
	const char *authority, *end, *at, *colon, *query;

	if (!db_url_is_postgres(url)) {
		snprintf(out, size, "%s", url);
		return;
	}
	/* postgresql://user:password@host:port/database?password=... */
	authority = strstr(url, "://") + 3;
	end = authority + strcspn(authority, "/?");
	at = memrchr(authority, '@', (size_t)(end - authority));
	colon = at ? memchr(authority, ':', (size_t)(at - authority)) : NULL;
	if (colon) {
		buf_add(&b, url, (size_t)(colon - url));
		buf_adds(&b, ":***");
		buf_add(&b, at, (size_t)(end - at));
	} else {
		buf_add(&b, url, (size_t)(end - url));
	}
	query = strchr(end, '?');
	buf_add(&b, end, query ? (size_t)(query - end) + 1 : strlen(end));
	if (query)
		query_redact(&b, query + 1);
	snprintf(out, size, "%s", buf_failed(&b) || !b.data ? "?" : buf_cstr(&b));
	buf_release(&b);
}
