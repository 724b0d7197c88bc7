#include "web/answers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Number of text slots question `q` takes. */
static size_t slots(const struct question *q)
{
	return question_slot_count(q);
}

/* True when the slot values must be an index below `*limit`: the select
 * boxes of matching and sorting questions. */
static bool slot_is_index(const struct question *q, size_t *limit)
{
	if (q->kind == QUESTION_MATCH)
		*limit = q->items.right_count;
	else if (q->kind == QUESTION_SORT)
		*limit = q->items.left_count;
	else
		return false;
	return true;
}

/* True when `text` is empty or a whole number below `limit`. */
static bool index_text_valid(const char *text, size_t limit)
{
	char *end;
	long value;

	if (!text || !*text)
		return true;
	if (*text < '0' || *text > '9')
		return false;
	value = strtol(text, &end, 10);
	return !*end && value >= 0 && (size_t)value < limit;
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

	if (question_takes_indices(q)) {
		int *choices = calloc(n ? n : 1, sizeof(int));
		if (!choices)
			return SHEET_NO_MEMORY;
		for (k = 0; k < n; k++) {
			const char *text = json_string_value(json_array_get(list, k));
			char *end;
			long index = text ? strtol(text, &end, 10) : -1;

			if (!text || *end || end == text || index < 0 || !question_index_valid(q, (size_t)index)) {
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

static enum sheet_error form_indices(const struct question *q, size_t i, const struct form *f, json_t *list)
{
	size_t max = question_index_count(q), k, n;
	const char **values = calloc(max + 1, sizeof(char *));
	char name[64];

	if (!values)
		return SHEET_NO_MEMORY;
	snprintf(name, sizeof(name), "q%zu", i);
	n = form_get_all(f, name, values, max + 1);
	for (k = 0; k < n && k < max; k++)
		json_array_append_new(list, json_string(values[k]));
	free(values);
	return n > max ? SHEET_BAD_CHOICE : SHEET_OK;
}

static void slot_name(const struct question *q, size_t i, size_t k, char *name, size_t size)
{
	if (q->kind == QUESTION_CLOZE)
		snprintf(name, size, "q%zub%zu", i, k);
	else if (q->kind == QUESTION_NUMERIC || q->kind == QUESTION_SHORT || q->kind == QUESTION_DICTATION)
		snprintf(name, size, "q%zu", i);
	else
		snprintf(name, size, "q%zue%zu", i, k);
}

static enum sheet_error form_list(const struct question *q, size_t i, const struct form *f, json_t *list)
{
	char name[64];
	size_t k, limit;

	if (question_takes_indices(q))
		return form_indices(q, i, f, list);
	for (k = 0; k < slots(q); k++) {
		const char *value;

		slot_name(q, i, k, name, sizeof(name));
		value = form_get(f, name);
		if (value && strlen(value) > ACTIVITY_MAX_ANSWER_BYTES)
			return SHEET_TOO_LONG;
		if (slot_is_index(q, &limit) && !index_text_valid(value, limit))
			return SHEET_BAD_CHOICE;
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
