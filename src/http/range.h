/*
 * range: the "Range: bytes=..." request header (RFC 9110, section 14), for
 * one range. A request for several ranges gets the whole file.
 */
#ifndef ARDOISE_HTTP_RANGE_H
#define ARDOISE_HTTP_RANGE_H

#include <stddef.h>
#include <stdint.h>

enum range_result {
	RANGE_NONE,          /* no header, or one to ignore: send the whole file */
	RANGE_OK,            /* send bytes [first, last] with 206 */
	RANGE_UNSATISFIABLE, /* send 416 with "Content-Range: bytes * /size" */
};

/* Maximum length of a header value; a longer one is ignored. */
#define RANGE_MAX_HEADER_BYTES 200

/*
 * Parse `value` (`len` bytes, not NUL-terminated) for a file of `size`
 * bytes. On RANGE_OK, *first and *last are the inclusive byte offsets.
 * Forms: "bytes=A-B", "bytes=A-" and "bytes=-N" (the last N bytes). A
 * malformed value or a list of ranges gives RANGE_NONE, as the RFC allows.
 */
enum range_result range_parse(const char *value, size_t len, uint64_t size,
			      uint64_t *first, uint64_t *last);

#endif
