/*
 * parse: helpers shared by the files of the content parser (activity.c,
 * frontmatter.c, question.c, cloze.c). Not part of the public contract.
 */
#ifndef ARDOISE_CONTENT_PARSE_H
#define ARDOISE_CONTENT_PARSE_H

#include <stddef.h>

#include "content/activity.h"

/* Limits of the front matter, shared by the checks and their messages. */
#define ACTIVITY_MAX_FRONT_MATTER_BYTES (16 * 1024)
#define ACTIVITY_MAX_ID_BYTES 64
#define ACTIVITY_MAX_COMPETENCIES 10
#define ACTIVITY_MAX_CODE_BYTES 40
#define ACTIVITY_MAX_TITLE_BYTES 120
#define ACTIVITY_MAX_NAME_BYTES 120
#define ACTIVITY_MAX_MINUTES 120
#define ACTIVITY_MAX_VERSION 1000000
#define ACTIVITY_MAX_UNIT_BYTES 20

/* French typography in messages: no-break spaces inside « » and before
 * the colon. */
#define LQ "«\u00a0"
#define RQ "\u00a0»"
#define SC "\u00a0:"

/* One line of the file, without its end of line ("\n" or "\r\n"). */
struct src_line {
	const char *text;
	size_t len;
	int number; /* 1-based */
};

/* Fill `err` with the line and a printf-formatted French message;
 * returns -1 so callers can write `return content_fail(...)`. */
int content_fail(struct content_error *err, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Copy `s[0..len)` into `out` for quoting in a message, cut on a UTF-8
 * boundary with "…" when longer than `size` allows. */
void content_quote(const char *s, size_t len, char *out, size_t size);

/* CommonMark to HTML (raw HTML in the text is dropped); NULL when out of
 * memory. The inline form removes the paragraph around a single line. */
char *markdown_block(const char *text, size_t len);
char *markdown_inline(const char *text, size_t len);

/* Move `*s` and shrink `*len` past the spaces and tabs at both ends. */
void content_trim(const char **s, size_t *len);

/* Join lines [first, last) with "\n" into a new string (free() it). */
char *lines_join(const struct src_line *lines, size_t first, size_t last,
		 size_t *len_out);

/* Parse the front matter at the top of `lines`; on success store the
 * index of the first body line in `*body_start`. Returns 0 or -1. */
int front_matter_parse(const struct src_line *lines, size_t count,
		       size_t *body_start, struct activity *a,
		       struct content_error *err);

/* Parse the body: introduction, then the questions. Returns 0 or -1. */
int body_parse(const struct src_line *lines, size_t count, struct activity *a,
	       struct content_error *err);

/* Parse the body of a generated activity: only an introduction, no
 * "## Question" heading. Returns 0 or -1. */
int generated_body_parse(const struct src_line *lines, size_t count, struct activity *a,
			 struct content_error *err);

/* Parse the cloze text `lines[first, last)` into `q`. Returns 0 or -1. */
int cloze_parse(const struct src_line *lines, size_t first, size_t last,
		struct question *q, struct content_error *err);

/* Check the keys that belong to the resource type of `a` and render the
 * body `lines[body_start, count)` into a->body_html. Returns 0 or -1. */
int resource_body_parse(const struct src_line *lines, size_t body_start,
			size_t count, struct activity *a,
			struct content_error *err);

/* Limits of the resource keys. */
#define RESOURCE_MAX_FILE_NAME_BYTES 80

void question_release(struct question *q);

#endif
