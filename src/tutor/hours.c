/* Opening hours of tutoring, in Paris time. */
#include "tutor/hours.h"

#include <string.h>

#include "core/log.h"

int tutor_hours_load(struct db *db, struct tutor_hours *out)
{
	struct db_stmt *st = db_prepare(db, "SELECT weekday, opens_minute, closes_minute FROM tutoring_hours");
	enum db_step step;
	int d;

	for (d = 0; d < 7; d++)
		out->opens[d] = out->closes[d] = -1;
	if (!st)
		return -1;
	while ((step = db_step(st)) == DB_ROW) {
		d = (int)db_column_int(st, 0);
		if (d < 0 || d > 6)
			continue;
		out->opens[d] = (int)db_column_int(st, 1);
		out->closes[d] = (int)db_column_int(st, 2);
	}
	db_reset(st);
	return step == DB_DONE ? 0 : -1;
}

int tutor_hours_save(struct db *db, const struct tutor_hours *h)
{
	struct db_stmt *st;
	int d;

	if (db_begin(db) < 0)
		return -1;
	if (db_exec(db, "DELETE FROM tutoring_hours") < 0)
		goto fail;
	for (d = 0; d < 7; d++) {
		if (h->opens[d] < 0 || h->closes[d] <= h->opens[d])
			continue;
		st = db_prepare(db, "INSERT INTO tutoring_hours (weekday, opens_minute, closes_minute) VALUES (?, ?, ?)");
		if (!st)
			goto fail;
		db_bind_int(st, 1, d);
		db_bind_int(st, 2, h->opens[d]);
		db_bind_int(st, 3, h->closes[d]);
		if (db_step(st) != DB_DONE) {
			db_reset(st);
			goto fail;
		}
		db_reset(st);
	}
	if (db_commit(db) == 0)
		return 0;
fail:
	log_error("tutoring hours save failed error=\"%s\"", db_errmsg(db));
	db_rollback(db);
	return -1;
}

/* Read one or two digits into *value; returns the digits read. */
static int read_number(const char *s, int *value)
{
	int n = 0;

	*value = 0;
	while (n < 2 && s[n] >= '0' && s[n] <= '9') {
		*value = *value * 10 + (s[n] - '0');
		n++;
	}
	return n;
}

int tutor_hours_parse_time(const char *text)
{
	int hours, minutes = 0, n;
	const char *p = text;

	if (!p)
		return -1;
	n = read_number(p, &hours);
	if (n == 0)
		return -1;
	p += n;
	if (*p == ':' || *p == 'h' || *p == 'H') {
		p++;
		n = read_number(p, &minutes);
		if (n == 1 || (n == 0 && p[-1] == ':'))
			return -1;
		p += n;
	}
	if (*p || hours > 24 || minutes > 59 || (hours == 24 && minutes > 0))
		return -1;
	return hours * 60 + minutes;
}

bool tutor_hours_open_at(const struct tutor_hours *h, time_t when)
{
	struct tm tm;
	int minute;

	if (!localtime_r(&when, &tm))
		return false;
	minute = tm.tm_hour * 60 + tm.tm_min;
	return h->opens[tm.tm_wday] >= 0 && minute >= h->opens[tm.tm_wday] && minute < h->closes[tm.tm_wday];
}

time_t tutor_hours_next_opening(const struct tutor_hours *h, time_t when)
{
	struct tm day, at;
	time_t candidate;
	int d;

	if (!localtime_r(&when, &day))
		return -1;
	for (d = 0; d <= 7; d++) {
		at = day;
		at.tm_mday += d;
		at.tm_hour = 12; /* normalise the date first, away from DST changes */
		at.tm_min = at.tm_sec = 0;
		at.tm_isdst = -1;
		if (mktime(&at) < 0 || h->opens[at.tm_wday] < 0)
			continue;
		at.tm_hour = h->opens[at.tm_wday] / 60;
		at.tm_min = h->opens[at.tm_wday] % 60;
		at.tm_isdst = -1;
		candidate = mktime(&at);
		if (candidate > when)
			return candidate;
	}
	return -1;
}
