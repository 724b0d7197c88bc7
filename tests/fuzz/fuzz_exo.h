/*
 * Shared check of the exercise-import fuzz targets: whatever a reader
 * converted must be written without failing, and, when it holds no
 * matching or ordering block (which this tree's parser does not read yet),
 * parse as an Ardoise activity with the same number of questions.
 */
#ifndef ARDOISE_FUZZ_EXO_H
#define ARDOISE_FUZZ_EXO_H

#include "content/activity.h"
#include "integ/exo.h"

static void fuzz_exo_check(struct exo_set *s)
{
	struct exo_meta meta = { "import-fuzz", "mathematiques", "CM1", "MA-NC-CALCUL", "fuzz" };
	struct buf out = BUF_INIT(0);
	struct content_error err;
	struct activity *a;
	size_t i;
	int blocks = 0;

	for (i = 0; i < s->count; i++)
		blocks |= s->questions[i].kind == EXO_MATCH || s->questions[i].kind == EXO_ORDER;
	if (s->count == 0)
		return;
	if (exo_write(s, &meta, &out) < 0)
		__builtin_trap();
	if (!blocks) {
		a = activity_parse(buf_cstr(&out), out.len, &err);
		if (!a || a->question_count != s->count)
			__builtin_trap();
		activity_free(a);
	}
	buf_release(&out);
}

#endif
