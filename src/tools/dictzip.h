/*
 * dictzip: random access to a dictzip file (the ".dict.dz" of the dictd
 * format). A dictzip file is a gzip file whose header carries an "RA"
 * extra field listing the compressed size of each chunk; every chunk
 * inflates on its own, so reading a few bytes inflates one or two chunks
 * instead of the whole file.
 *
 * Ownership: dictzip_open() and dictzip_parse() return an object that owns
 * its copy of the file; free it with dictzip_free() (accepts NULL).
 * dictzip_read() does not change the object, so threads may share it.
 */
#ifndef ARDOISE_TOOLS_DICTZIP_H
#define ARDOISE_TOOLS_DICTZIP_H

#include <stddef.h>
#include <stdint.h>

#define DICTZIP_MAX_FILE_BYTES (64u * 1024 * 1024)
#define DICTZIP_MAX_READ_BYTES (64u * 1024) /* one dictionary entry */

struct dictzip;

/* Parse a dictzip file held in memory (copied). Returns NULL when it is
 * not a gzip file with a valid "RA" field. */
struct dictzip *dictzip_parse(const unsigned char *data, size_t len);
/* Read the file at `path` and parse it; NULL when unreadable or invalid. */
struct dictzip *dictzip_open(const char *path);
void dictzip_free(struct dictzip *dz);

/*
 * Inflate `len` bytes of the uncompressed text from `offset` into `out`
 * (NUL-terminated, so `size` > len). Returns 0, or -1 when the range
 * passes the end of the text, `len` is over DICTZIP_MAX_READ_BYTES or a
 * chunk is corrupt.
 */
int dictzip_read(const struct dictzip *dz, uint64_t offset, size_t len, char *out, size_t size);

#endif
