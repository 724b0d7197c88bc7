/* Satisfaction surveys: building, answering, results. */
#include "core/i18n.h"
#include "eval/survey.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SECONDS_PER_DAY 86400

const char *const survey_kind_names[] = { "smileys", "scale", "choice", "text" };

static int kind_parse(const char *text)
{
	int k;

	for (k = 0; k < 4; k++)
		if (strcmp(text, survey_kind_names[k]) == 0)
			return k;
	return -1;
}

/* Split "a; b; c" into the question's choices. */
static int choices_split(const char *text, struct survey_question *q)
{
	char copy[512], *save = NULL, *part;

	snprintf(copy, sizeof(copy), "%s", text ? text : "");
	q->choice_count = 0;
	for (part = strtok_r(copy, ";\n", &save); part; part = strtok_r(NULL, ";\n", &save)) {
		while (*part == ' ')
			part++;
		if (!*part)
			continue;
		if (q->choice_count == SURVEY_MAX_CHOICES || strlen(part) >= sizeof(q->choices[0]))
			return -1;
		snprintf(q->choices[q->choice_count++], sizeof(q->choices[0]), "%s", part);
	}
	return q->choice_count >= 2 ? 0 : -1;
}

_Static_assert(SURVEY_MAX_QUESTIONS == 6, "question_check names the fields of six questions");

static void question_check(const struct survey_input *in, int i, struct survey *out, struct field_errors *errors)
{
	/* field_errors keeps the field name's pointer: names are literals. */
	static const char *const question_fields[SURVEY_MAX_QUESTIONS] = { "question1", "question2", "question3",
									    "question4", "question5", "question6" };
	static const char *const choice_fields[SURVEY_MAX_QUESTIONS] = { "choix1", "choix2", "choix3",
									  "choix4", "choix5", "choix6" };
	const char *kind = in->kinds[i], *prompt = in->prompts[i] ? in->prompts[i] : "";
	struct survey_question *q = &out->questions[out->question_count];
	const char *field = question_fields[i];
	int k = kind_parse(kind);

	if (k < 0) {
		field_errors_add(errors, field, _("Type de question inconnu « %s » : choisissez-le dans la liste."), kind);
		return;
	}
	if (!*prompt || strlen(prompt) > SURVEY_PROMPT_MAX) {
		field_errors_add(errors, field, _("Écrivez la question %d (%d caractères au plus)."), i + 1, SURVEY_PROMPT_MAX);
		return;
	}
	q->kind = (enum survey_kind)k;
	snprintf(q->prompt, sizeof(q->prompt), "%s", prompt);
	if (q->kind == SURVEY_CHOICE && choices_split(in->choices[i], q) < 0) {
		field_errors_add(errors, choice_fields[i], _("Question %d : écrivez de 2 à %d choix séparés par des points-virgules (63 caractères chacun au plus)."),
				 i + 1, SURVEY_MAX_CHOICES);
		return;
	}
	out->question_count++;
}

bool survey_check(const struct survey_input *in, struct survey *out, struct field_errors *errors)
{
	static const char *const audiences[] = { "enfants", "familles", "structures" };
	size_t len = in->title ? strlen(in->title) : 0;
	int i, a;

	memset(out, 0, sizeof(*out));
	if (len == 0 || len > SURVEY_TITLE_MAX)
		field_errors_add(errors, "titre", _("Donnez un titre à l'enquête (%d caractères au plus)."), SURVEY_TITLE_MAX);
	snprintf(out->title, sizeof(out->title), "%s", in->title ? in->title : "");
	for (a = 0; a < 3 && !(in->audience && strcmp(in->audience, audiences[a]) == 0); a++)
		;
	if (a == 3)
		field_errors_add(errors, "public", _("Public inconnu : choisissez les enfants, les familles ou les structures."));
	else
		snprintf(out->audience, sizeof(out->audience), "%s", audiences[a]);
	out->structure_id = in->structure_id;
	for (i = 0; i < SURVEY_MAX_QUESTIONS; i++)
		if (in->kinds[i] && *in->kinds[i])
			question_check(in, i, out, errors);
	if (out->question_count == 0 && errors->count == 0)
		field_errors_add(errors, "question1", _("Écrivez au moins une question."));
	if (a == 0 && out->question_count > SURVEY_CHILD_QUESTIONS)
		field_errors_add(errors, "question4", _("Une enquête pour les enfants a %d questions au plus."), SURVEY_CHILD_QUESTIONS);
	return errors->count == 0;
}

/* Codes use letters and digits that cannot be confused when typed. */
static void code_random(char out[SURVEY_CODE_CHARS + 1])
{
	static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	int i;

	for (i = 0; i < SURVEY_CODE_CHARS; i++)
		out[i] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	out[SURVEY_CODE_CHARS] = '\0';
}

static int questions_insert(struct db *db, const struct survey *s)
{
	int i, c;

	for (i = 0; i < s->question_count; i++) {
		const struct survey_question *q = &s->questions[i];
		struct db_stmt *st = db_prepare(db, "INSERT INTO survey_question (survey_id, position, kind, prompt, choices) VALUES (?, ?, ?, ?, ?)");
		char choices[512] = "";
		enum db_step step;

		for (c = 0; c < q->choice_count; c++)
			snprintf(choices + strlen(choices), sizeof(choices) - strlen(choices), "%s%s", c ? "\n" : "", q->choices[c]);
		if (!st)
			return -1;
		db_bind_int(st, 1, s->id);
		db_bind_int(st, 2, i + 1);
		db_bind_text(st, 3, survey_kind_names[q->kind]);
		db_bind_text(st, 4, q->prompt);
		db_bind_text(st, 5, choices);
		step = db_step(st);
		db_reset(st);
		if (step == DB_ERROR)
			return -1;
	}
	return 0;
}

int64_t survey_create(struct db *db, struct survey *s, int64_t author_id)
{
	struct db_stmt *st;

	if (db_begin(db) < 0)
		return -1;
	code_random(s->code);
	st = db_prepare(db, "INSERT INTO survey (audience, structure_id, title, code, author_id, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
	if (!st)
		goto fail;
	db_bind_text(st, 1, s->audience);
	if (s->structure_id > 0)
		db_bind_int(st, 2, s->structure_id);
	else
		db_bind_null(st, 2);
	db_bind_text(st, 3, s->title);
	db_bind_text(st, 4, s->code);
	db_bind_int(st, 5, author_id);
	db_bind_int(st, 6, (int64_t)time(NULL));
	s->id = db_step(st) == DB_ROW ? db_column_int(st, 0) : -1;
	db_reset(st);
	if (s->id < 0 || questions_insert(db, s) < 0 || db_commit(db) < 0)
		goto fail;
	return s->id;
fail:
	db_rollback(db);
	return -1;
}

static int questions_load(struct db *db, struct survey *out)
{
	struct db_stmt *st = db_prepare(db, "SELECT kind, prompt, choices FROM survey_question WHERE survey_id = ? ORDER BY position");
	enum db_step step;

	if (!st)
		return -1;
	db_bind_int(st, 1, out->id);
	while ((step = db_step(st)) == DB_ROW && out->question_count < SURVEY_MAX_QUESTIONS) {
		struct survey_question *q = &out->questions[out->question_count++];
		int k = kind_parse(db_column_text(st, 0));

		q->kind = k < 0 ? SURVEY_TEXT : (enum survey_kind)k;
		snprintf(q->prompt, sizeof(q->prompt), "%s", db_column_text(st, 1));
		if (q->kind == SURVEY_CHOICE)
			choices_split(db_column_text(st, 2), q);
	}
	db_reset(st);
	return step == DB_ERROR ? -1 : 0;
}

static int survey_load_where(struct db *db, struct db_stmt *st, struct survey *out)
{
	int found;

	memset(out, 0, sizeof(*out));
	found = db_found(db_step(st));
	if (found == 1) {
		out->id = db_column_int(st, 0);
		snprintf(out->audience, sizeof(out->audience), "%s", db_column_text(st, 1));
		out->structure_id = db_column_int(st, 2);
		snprintf(out->title, sizeof(out->title), "%s", db_column_text(st, 3));
		snprintf(out->code, sizeof(out->code), "%s", db_column_text(st, 4));
	}
	db_reset(st);
	if (found == 1 && questions_load(db, out) < 0)
		return -1;
	return found;
}

int survey_load(struct db *db, int64_t id, struct survey *out)
{
	struct db_stmt *st = db_prepare(db, "SELECT id, audience, coalesce(structure_id, 0), title, code FROM survey WHERE id = ? AND active = 1");

	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	return survey_load_where(db, st, out);
}

int survey_load_by_code(struct db *db, const char *code, struct survey *out)
{
	struct db_stmt *st = db_prepare(db, "SELECT id, audience, coalesce(structure_id, 0), title, code FROM survey WHERE code = ? AND active = 1");

	if (!st)
		return -1;
	db_bind_text(st, 1, code);
	return survey_load_where(db, st, out);
}

/* Check one answer. Returns false with a message when it is out of range. */
static bool answer_valid(const struct survey_question *q, int position, const char *value, char *message, size_t size)
{
	char *end;
	long n, max;

	if (q->kind == SURVEY_TEXT) {
		if (strlen(value) <= SURVEY_TEXT_MAX)
			return true;
		snprintf(message, size, _("La réponse %d dépasse %d caractères : raccourcissez-la."), position, SURVEY_TEXT_MAX);
		return false;
	}
	if (q->kind == SURVEY_SMILEYS_KIND)
		max = SURVEY_SMILEYS;
	else if (q->kind == SURVEY_SCALE)
		max = SURVEY_SCALE_MAX;
	else
		max = q->choice_count;
	n = strtol(value, &end, 10);
	if (!*end && n >= 1 && n <= max)
		return true;
	snprintf(message, size, _("La réponse %d « %s » n'est pas un des choix proposés : choisissez dans la liste."), position, value);
	return false;
}

static int answers_insert(struct db *db, int64_t response_id, const struct survey *s, const char *const *values)
{
	int i;

	for (i = 0; i < s->question_count; i++) {
		struct db_stmt *st;
		enum db_step step;

		if (!values[i] || !*values[i])
			continue;
		st = db_prepare(db, "INSERT INTO survey_answer (response_id, position, value) VALUES (?, ?, ?)");
		if (!st)
			return -1;
		db_bind_int(st, 1, response_id);
		db_bind_int(st, 2, i + 1);
		db_bind_text(st, 3, values[i]);
		step = db_step(st);
		db_reset(st);
		if (step == DB_ERROR)
			return -1;
	}
	return 0;
}

int survey_answer(struct db *db, const struct survey *s, int64_t account_id, bool skip,
		  const char *const *values, char *message, size_t size)
{
	struct db_stmt *st;
	int64_t response_id;
	int i, given = 0;

	for (i = 0; !skip && i < s->question_count; i++) {
		if (!values[i] || !*values[i])
			continue;
		if (!answer_valid(&s->questions[i], i + 1, values[i], message, size))
			return 0;
		given++;
	}
	skip = skip || given == 0;
	if (db_begin(db) < 0)
		return -1;
	st = db_prepare(db, "INSERT INTO survey_response (survey_id, account_id, skipped, created_at) VALUES (?, ?, ?, ?) RETURNING id");
	if (!st)
		goto fail;
	db_bind_int(st, 1, s->id);
	if (account_id > 0)
		db_bind_int(st, 2, account_id);
	else
		db_bind_null(st, 2);
	db_bind_int(st, 3, skip);
	db_bind_int(st, 4, (int64_t)time(NULL));
	response_id = db_step(st) == DB_ROW ? db_column_int(st, 0) : -1;
	db_reset(st);
	if (response_id < 0 || (!skip && answers_insert(db, response_id, s, values) < 0) || db_commit(db) < 0)
		goto fail;
	return 1;
fail:
	db_rollback(db);
	return -1;
}

int64_t survey_for_child(struct db *db, int64_t child_id, int64_t structure_id, int64_t now)
{
	struct db_stmt *st = db_prepare(db, "SELECT s.id FROM survey s WHERE s.active = 1 AND s.audience = 'enfants' "
					    "AND (s.structure_id IS NULL OR s.structure_id = ?) AND NOT EXISTS (SELECT 1 FROM survey_response r "
					    "WHERE r.survey_id = s.id AND r.account_id = ? AND (r.skipped = 0 OR r.created_at > ?)) ORDER BY s.id LIMIT 1");
	int64_t id = 0;

	if (!st)
		return 0;
	db_bind_int(st, 1, structure_id);
	db_bind_int(st, 2, child_id);
	db_bind_int(st, 3, now - SURVEY_SKIP_DAYS * SECONDS_PER_DAY);
	if (db_step(st) == DB_ROW)
		id = db_column_int(st, 0);
	db_reset(st);
	return id;
}

int survey_results(struct db *db, const struct survey *s, struct survey_tally *out,
		   void (*each_text)(int position, const char *text, void *ctx), void *ctx)
{
	struct db_stmt *st;
	enum db_step step;

	memset(out, 0, sizeof(*out));
	out->responses = db_query_int_param(db, "SELECT count(*) FROM survey_response WHERE survey_id = ? AND skipped = 0", s->id, -1);
	out->skipped = db_query_int_param(db, "SELECT count(*) FROM survey_response WHERE survey_id = ? AND skipped = 1", s->id, -1);
	st = db_prepare(db, "SELECT a.position, a.value FROM survey_answer a JOIN survey_response r ON r.id = a.response_id "
			    "WHERE r.survey_id = ? ORDER BY r.id, a.position");
	if (!st || out->responses < 0)
		return -1;
	db_bind_int(st, 1, s->id);
	while ((step = db_step(st)) == DB_ROW) {
		int position = (int)db_column_int(st, 0);
		const char *value = db_column_text(st, 1);
		long n;

		if (position < 1 || position > s->question_count)
			continue;
		out->answered[position - 1]++;
		if (s->questions[position - 1].kind == SURVEY_TEXT) {
			if (each_text)
				each_text(position, value, ctx);
			continue;
		}
		n = strtol(value, NULL, 10);
		if (n >= 1 && n <= SURVEY_MAX_CHOICES)
			out->counts[position - 1][n]++;
	}
	db_reset(st);
	return step == DB_ERROR ? -1 : 0;
}
