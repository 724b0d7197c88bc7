/*
 * package: a content package uploaded by an opérateur, a .tar.gz or .zip
 * of the content tree, unpacked into a folder of its own before it is
 * checked. Anything that could write outside that folder is rejected: an
 * absolute path, a ".." component, a link or a special file.
 */
#ifndef ARDOISE_CONTENT_PACKAGE_H
#define ARDOISE_CONTENT_PACKAGE_H

#include <stddef.h>

/* Limits shared by the checks and the messages that report them. */
#define PACKAGE_MAX_UNPACKED_BYTES (64u * 1024 * 1024)
#define PACKAGE_MAX_ENTRIES 20000
#define PACKAGE_MAX_PATH_BYTES 400

/*
 * Unpack the archive in `data` into the existing, empty folder `dir`.
 * Returns 0, or -1 with a French message in `err` naming the bad entry.
 * After -1 the folder may contain part of the files: remove it.
 */
int package_extract(const void *data, size_t len, const char *dir, char *err, size_t size);

/* Write into `out` the content root inside an unpacked package: `dir`
 * itself, or dir/content when the archive contains a content/ folder. */
void package_root(const char *dir, char *out, size_t size);

/* Remove the folder `dir` and everything under it. Returns 0 or -1. */
int package_remove(const char *dir);

#endif
