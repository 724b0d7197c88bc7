/*
 * buf: a growable byte string with a hard maximum size, used to build HTML,
 * JSON and SQL text.
 *
 * Every appender returns 0 on success and -1 when the data would pass the
 * maximum or memory runs out; after a failure the buffer is marked failed
 * and every later append is a no-op returning -1, so a caller may append
 * many pieces and check `buf_failed()` once at the end.
 *
 * The data is always NUL-terminated once anything was appended; `data` is
 * NULL for an empty buffer that never grew, so use `buf_cstr()` to read it.
 */
#ifndef ARDOISE_CORE_BUF_H
#define ARDOISE_CORE_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

/* Default maximum: large enough for any page Ardoise renders. */
#define BUF_DEFAULT_MAX (4u * 1024 * 1024)

struct buf {
	char *data;
	size_t len;
	size_t cap;
	size_t max;
	bool failed;
};

#define BUF_INIT(maximum) { NULL, 0, 0, (maximum) ? (maximum) : BUF_DEFAULT_MAX, false }

/* Prepare an empty buffer that may grow up to `max` bytes (0 = default). */
void buf_init(struct buf *b, size_t max);
/* Free the storage; the buffer is empty and usable again afterwards. */
void buf_release(struct buf *b);
/* Hand the storage to the caller (free() it); the buffer becomes empty.
 * Returns NULL when the buffer failed. Never returns NULL for an empty,
 * healthy buffer: it returns an allocated "". */
char *buf_detach(struct buf *b, size_t *len_out);
/* Drop the content, keep the storage and clear the failed mark. */
void buf_reset(struct buf *b);

int buf_add(struct buf *b, const void *data, size_t len);
int buf_adds(struct buf *b, const char *s);
int buf_addc(struct buf *b, char c);

/* printf-style append for trusted text (no escaping). */
int buf_addf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int buf_vaddf(struct buf *b, const char *fmt, va_list ap);

/* Escaping appenders, one per context. */
int buf_add_html(struct buf *b, const char *s, size_t len); /* text and attribute values */
int buf_add_url(struct buf *b, const char *s, size_t len);  /* one URL component */
int buf_add_json(struct buf *b, const char *s, size_t len); /* JSON string with quotes */

/*
 * HTML printf: the only way pages write markup around data.
 *   %s   NUL-terminated string, HTML-escaped (text or quoted attribute)
 *   %S   NUL-terminated string of trusted markup, copied as it is
 *   %.*s length-limited string, HTML-escaped
 *   %U   NUL-terminated string, percent-encoded for a URL component
 *   %d %ld %u %lu %lld %zu   integers
 *   %%   a percent sign
 * NULL strings are written as nothing. An unknown conversion fails the
 * buffer so the mistake shows in tests.
 */
int buf_html(struct buf *b, const char *fmt, ...);
int buf_vhtml(struct buf *b, const char *fmt, va_list ap);

static inline const char *buf_cstr(const struct buf *b)
{
	return b->data ? b->data : "";
}

static inline bool buf_failed(const struct buf *b)
{
	return b->failed;
}

#endif
