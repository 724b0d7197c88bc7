#include "web/answers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Number of text slots question `q` takes. */
static size_t slots(const struct question *q)
{
	return q->kind == QUESTION_CLOZE ? q->blank_count : 1;
}

static enum sheet_error sheet_alloc(struct answer_sheet *s, const struct activity *a)
{
	s->count = a->question_count;
	s->answers = calloc(a->question_count ? a->question_count : 1, sizeof(*s->answers));
	s->json = json_array();
	return s->answers && s->json ? SHEET_OK : SHEET_NO_MEMORY;
}

/* Point question i's answer at the strings of `list` (a JSON array). */
static enum sheet_error sheet_bind(struct answer_sheet *s, const struct activity *a, size_t i, json_t *list)
{
	const struct question *q = &a->questions[i];
	struct question_answer *qa = &s->answers[i];
	size_t n = json_array_size(list), k;

	if (q->kind == QUESTION_CHOICE) {
		int *choices = calloc(n ? n : 1, sizeof(int));
		if (!choices)
			return SHEET_NO_MEMORY;
		for (k = 0; k < n; k++) {
			const char *text = json_string_value(json_array_get(list, k));
			char *end;
			long index = text ? strtol(text, &end, 10) : -1;

			if (!text || *end || end == text || index < 0 || (size_t)index >= q->option_count) {
				free(choices);
				return SHEET_BAD_CHOICE;
			}
			choices[k] = (int)index;
		}
		qa->choices = choices;
		qa->choice_count = n;
		return SHEET_OK;
	}
	qa->texts = calloc(slots(q), sizeof(char *));
	if (!qa->texts)
		return SHEET_NO_MEMORY;
	qa->text_count = slots(q);
	for (k = 0; k < slots(q) && k < n; k++)
		qa->texts[k] = json_string_value(json_array_get(list, k));
	return SHEET_OK;
}

static enum sheet_error form_list(const struct question *q, size_t i, const struct form *f, json_t *list)
{
	const char *values[ACTIVITY_MAX_CHOICES + 1];
	char name[64];
	size_t k, n;

	if (q->kind == QUESTION_CHOICE) {
		snprintf(name, sizeof(name), "q%zu", i);
		n = form_get_all(f, name, values, ACTIVITY_MAX_CHOICES + 1);
		if (n > q->option_count)
			return SHEET_BAD_CHOICE;
		for (k = 0; k < n; k++)
			json_array_append_new(list, json_string(values[k]));
		return SHEET_OK;
	}
	for (k = 0; k < slots(q); k++) {
		const char *value;

		if (q->kind == QUESTION_CLOZE)
			snprintf(name, sizeof(name), "q%zub%zu", i, k);
		else
			snprintf(name, sizeof(name), "q%zu", i);
		value = form_get(f, name);
		if (value && strlen(value) > ACTIVITY_MAX_ANSWER_BYTES)
			return SHEET_TOO_LONG;
		json_array_append_new(list, value ? json_string(value) : json_null());
	}
	return SHEET_OK;
}

enum sheet_error answer_sheet_from_form(struct answer_sheet *s, const struct activity *a,
					const struct form *f, size_t *question)
{
	enum sheet_error e = sheet_alloc(s, a);
	size_t i;

	for (i = 0; e == SHEET_OK && i < a->question_count; i++) {
		json_t *list = json_array();

		if (!list || json_array_append_new(s->json, list) < 0)
			e = SHEET_NO_MEMORY;
		if (e == SHEET_OK)
			e = form_list(&a->questions[i], i, f, list);
		if (e == SHEET_OK)
			e = sheet_bind(s, a, i, list);
		*question = i;
	}
	return e;
}

enum sheet_error answer_sheet_from_json(struct answer_sheet *s, const struct activity *a,
					const char *json)
{
	enum sheet_error e = sheet_alloc(s, a);
	json_t *root = json_loads(json, 0, NULL);
	size_t i;

	if (e != SHEET_OK || !json_is_array(root)) {
		json_decref(root);
		return e != SHEET_OK ? e : SHEET_BAD_JSON;
	}
	json_decref(s->json);
	s->json = root;
	for (i = 0; e == SHEET_OK && i < a->question_count; i++) {
		json_t *list = json_array_get(root, i);
		e = sheet_bind(s, a, i, json_is_array(list) ? list : NULL);
	}
	return e;
}

char *answer_sheet_json(const struct answer_sheet *s)
{
	return json_dumps(s->json, JSON_COMPACT);
}

void answer_sheet_release(struct answer_sheet *s)
{
	size_t i;

	for (i = 0; s->answers && i < s->count; i++) {
		free((void *)s->answers[i].choices);
		free(s->answers[i].texts);
	}
	free(s->answers);
	json_decref(s->json);
	s->answers = NULL;
	s->json = NULL;
	s->count = 0;
}
