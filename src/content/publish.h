/*
 * publish: check an uploaded content package and publish it. A package is
 * unpacked under MEDIA_DIR/.paquets/ID, checked like `ardoise content
 * check`, and recorded in the content_package table with its report.
 * Publishing stores its contents (new versions beside the old ones, so
 * earlier attempts keep the questions they answered), copies its media
 * files and hands a new catalogue to the running server.
 *
 * TODO: video scripts (.lecon) of a package are not turned into videos on
 * publish; run scripts/make-videos.sh on the server for them.
 * NOTE: the folder of a package checked but never published stays under
 * .paquets until someone removes it.
 */
#ifndef ARDOISE_CONTENT_PUBLISH_H
#define ARDOISE_CONTENT_PUBLISH_H

#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

#define PUBLISH_PACKAGES_DIR ".paquets"

enum package_status {
	PACKAGE_CHECKED,   /* no problem: may be published */
	PACKAGE_REJECTED,  /* problems in the report */
	PACKAGE_PUBLISHED,
};

struct package_result {
	int64_t id;          /* content_package row, or 0 when not stored */
	enum package_status status;
	char *report;        /* one problem a line, paths relative to the package (free() it) */
	size_t item_count;   /* contents found in the package */
};

/*
 * Unpack and check `len` bytes uploaded by `account_id` as `file_name`.
 * Returns 0 with `out` filled (rejected packages included), or -1 on an
 * internal failure (logged).
 */
int package_check(struct db *db, const char *media_dir, int64_t account_id, const char *file_name,
		  const void *data, size_t len, struct package_result *out);

struct catalog;

/*
 * Publish the checked package `id`: store it, copy its media, read the
 * stored content back into a new catalogue (malloc'ed, indexed) and hand
 * it to `publish`, which owns it on success (server_catalog_publish when
 * serving). Returns 0 with `out`
 * filled (status PACKAGE_PUBLISHED, or PACKAGE_REJECTED with the version
 * conflicts in the report), 1 when the package is absent or not in the
 * checked state, or -1 on an internal failure (logged).
 */
int package_publish(struct db *db, const char *media_dir, int64_t id, int (*publish)(struct catalog *c),
		    struct package_result *out);

/* Copy the files of ROOT/media (not the .lecon video scripts) into
 * `media_dir`, created when missing. Returns 0 or -1 (errno set). */
int package_media_copy(const char *root, const char *media_dir);

void package_result_release(struct package_result *r);

#endif
