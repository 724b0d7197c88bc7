/*
 * sqlite_scratch: throwaway SQLite databases for tests, in a new file
 * under /tmp, removed after with their WAL and shared-memory files.
 */
#ifndef ARDOISE_TESTS_SQLITE_SCRATCH_H
#define ARDOISE_TESTS_SQLITE_SCRATCH_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* Create an empty file named after `prefix` and write its path into
 * `url`. Returns 0, or -1 when the file cannot be made. */
static inline int sqlite_scratch_create(const char *prefix, char *url, size_t size)
{
	char path[256];
	int fd;

	snprintf(path, sizeof(path), "/tmp/%s-XXXXXX", prefix);
	fd = mkstemp(path);
	if (fd < 0)
		return -1;
	close(fd);
	snprintf(url, size, "%s", path);
	return 0;
}

/* Remove the database file of `url` and its -wal and -shm files. */
static inline void sqlite_scratch_remove(const char *url)
{
	static const char *const suffixes[] = { "", "-wal", "-shm" };
	char path[600];
	size_t i;

	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		snprintf(path, sizeof(path), "%s%s", url, suffixes[i]);
		unlink(path);
	}
}

#endif
