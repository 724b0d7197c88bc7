/* A child's reading settings in the reading_setting table. */
#include "learn/reading.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

int reading_load(struct db *db, int64_t account_id, struct reading_settings *out)
{
	struct db_stmt *st = db_prepare(db, "SELECT dyslexic_font, wide_spacing, syllables, slow_voice FROM reading_setting WHERE account_id = ?");
	enum db_step step;

	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	db_bind_int(st, 1, account_id);
	step = db_step(st);
	if (step == DB_ROW) {
		out->dyslexic_font = db_column_int(st, 0) != 0;
		out->wide_spacing = db_column_int(st, 1) != 0;
		out->syllables = db_column_int(st, 2) != 0;
		out->slow_voice = db_column_int(st, 3) != 0;
	}
	db_reset(st);
	return step == DB_ERROR ? -1 : 0;
}

int reading_save(struct db *db, int64_t account_id, const struct reading_settings *s)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO reading_setting (account_id, dyslexic_font, wide_spacing, syllables, slow_voice, updated_at) "
					    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (account_id) DO UPDATE SET dyslexic_font = excluded.dyslexic_font, "
					    "wide_spacing = excluded.wide_spacing, syllables = excluded.syllables, slow_voice = excluded.slow_voice, "
					    "updated_at = excluded.updated_at");
	enum db_step step;

	if (!st)
		return -1;
	db_bind_int(st, 1, account_id);
	db_bind_int(st, 2, s->dyslexic_font);
	db_bind_int(st, 3, s->wide_spacing);
	db_bind_int(st, 4, s->syllables);
	db_bind_int(st, 5, s->slow_voice);
	db_bind_int(st, 6, (int64_t)time(NULL));
	step = db_step(st);
	db_reset(st);
	return step == DB_DONE ? 0 : -1;
}

void reading_body_classes(const struct reading_settings *s, char *out, size_t size)
{
	snprintf(out, size, "%s%s%s", s->dyslexic_font ? " police-dys" : "", s->wide_spacing ? " espaces-larges" : "",
		 s->syllables ? " syllabes" : "");
}
