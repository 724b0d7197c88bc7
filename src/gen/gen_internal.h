/*
 * gen_internal: what the generator files share: the state of one
 * expansion and the builders of numeric and cloze questions. Not part of
 * the public contract (see gen/generator.h).
 */
#ifndef ARDOISE_GEN_INTERNAL_H
#define ARDOISE_GEN_INTERNAL_H

#include "content/activity.h"
#include "core/buf.h"
#include "gen/generator.h"
#include "gen/rng.h"

struct gen_ctx {
	struct rng rng;
	struct activity *out; /* questions are appended here */
	int difficulty;       /* 1..GENERATOR_MAX_DIFFICULTY */
	const char *variant;  /* never NULL: the default variant or "" */
	char *err;
	size_t err_size;
};

/* Make one item; returns 0 or -1 with `err` filled. */
typedef int (*gen_item_fn)(struct gen_ctx *g, int index);

/*
 * Append a numeric question. `prompt_html` and `explanation_html` are
 * trusted markup (built with buf_html); `answer` is the expected number in
 * French notation; `unit` may be NULL. Returns 0 or -1 (memory).
 */
int gen_numeric(struct gen_ctx *g, const char *prompt_html, const char *answer, const char *unit,
		const char *explanation_html);

/*
 * Append a cloze question: the text is `pieces_html[0]`, blank 0,
 * `pieces_html[1]`, ..., `pieces_html[count]`. Blank i accepts the
 * answers of `accepted[i]`, separated by "|". When `menu` is not NULL
 * (NULL-terminated), every blank is a drop-down of those choices.
 */
int gen_cloze(struct gen_ctx *g, const char *prompt_html, const char *const *pieces_html, const char *const *accepted,
	      size_t count, const char *const *menu, const char *explanation_html);

/* Write `value` / 10^decimals in French notation ("12,05") into `out`. */
void gen_decimal_text(long long value, int decimals, char *out, size_t size);
/* The same with thin groups of three digits ("12 500"), for prompts. */
void gen_number_text(long long value, int decimals, char *out, size_t size);

/* The item makers, one per generator (gen_numbers.c, gen_french.c). */
int gen_mental(struct gen_ctx *g, int index);
int gen_operation(struct gen_ctx *g, int index);
int gen_fraction(struct gen_ctx *g, int index);
int gen_conversion(struct gen_ctx *g, int index);
int gen_place_value(struct gen_ctx *g, int index);
int gen_comparison(struct gen_ctx *g, int index);
int gen_conjugation(struct gen_ctx *g, int index);
int gen_homophone(struct gen_ctx *g, int index);
int gen_dictation(struct gen_ctx *g, int index);

#endif
