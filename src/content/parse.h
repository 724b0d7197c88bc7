/*
 * parse: helpers shared by the files of the content parser (activity.c,
 * frontmatter.c, question.c, cloze.c). Not part of the public contract.
 */
#ifndef ARDOISE_CONTENT_PARSE_H
#define ARDOISE_CONTENT_PARSE_H

#include <stdbool.h>
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

/* Move `*s` past leading spaces and tabs and cut the trailing ones. */
void content_trim(const char **s, size_t *len);

/* CommonMark to HTML (raw HTML in the text is dropped); NULL when out of
 * memory. The inline form removes the paragraph around a single line. */
char *markdown_block(const char *text, size_t len);
char *markdown_inline(const char *text, size_t len);

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
/* Free the `n` strings of `v`, then `v`; accepts NULL. */
void strv_free(char **v, size_t n);

/* ---- "::: name" blocks (q_block.c and the q_*.c files) ---- */

/* The options written after the block's name, as one slice. */
struct block_header {
	int line;
	const char *options;
	size_t options_len;
};

/* True when lines[first, last) hold a line opening a block; `*at` is its
 * index. */
bool block_find(const struct src_line *lines, size_t first, size_t last,
		size_t *at);
/* Parse the block opened at lines[start] into `q`; `*after` is the index of
 * the line after the closing ":::". Returns 0 or -1. */
int block_parse(const struct src_line *lines, size_t count, size_t start,
		size_t *after, struct question *q, struct content_error *err);
/* Take the next option word; false at the end of the options. */
bool block_next_option(const char **s, const char *end, const char **word,
		       size_t *len);
/* Report the option `word` as unknown, listing the allowed ones. */
int block_bad_option(struct content_error *err, int line, const char *word,
		     size_t len, const char *allowed);
/* Fail when a block that takes no option has one. */
int block_no_options(const struct block_header *h, struct content_error *err);
/* Copy the line's text, trimmed, into a new string after checking it is
 * not empty nor longer than BLOCK_MAX_ITEM_BYTES; `what` names it in
 * messages ("élément", "catégorie"). Returns NULL with `err` filled. */
char *block_item_copy(const char *s, size_t len, int line, const char *what,
		      struct content_error *err);
/* Fail when two of texts[0, n) are equal; `what` names them. */
int block_check_unique(char *const *texts, size_t n, int line,
		       const char *what, struct content_error *err);
void block_release(struct question *q);

/* The HTML of a choice's label, its pictures "![alt](path)" checked and
 * pointed at /media/ (q_picture.c); NULL with `err` filled. */
char *choice_label_html(const char *text, size_t len, int line,
			struct content_error *err);

/* A numeric line ending with its accepted forms "[fraction, mixte]"
 * (q_forms.c), and its parser. */
bool numeric_has_forms(const struct src_line *l);
int numeric_forms_parse(const struct src_line *l, struct question *q,
			struct content_error *err);

/* Parsers of each block kind: lines[first, last) is the block's inside. */
int short_parse(const struct src_line *lines, size_t first, size_t last,
		const struct block_header *h, struct question *q,
		struct content_error *err);
int analysis_parse(const struct src_line *lines, size_t first, size_t last,
		   const struct block_header *h, struct question *q,
		   struct content_error *err);
int match_parse(const struct src_line *lines, size_t first, size_t last,
		const struct block_header *h, struct question *q,
		struct content_error *err);
int order_parse(const struct src_line *lines, size_t first, size_t last,
		const struct block_header *h, struct question *q,
		struct content_error *err);
int sort_parse(const struct src_line *lines, size_t first, size_t last,
	       const struct block_header *h, struct question *q,
	       struct content_error *err);

#endif
