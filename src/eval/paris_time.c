/* Paris civil time with the EU summer time rule. */
#include "eval/paris_time.h"

#include <stdio.h>
#include <string.h>

#define DAY_SECONDS 86400

/* Days since 1970-01-01 of a civil date (after Howard Hinnant's public
 * domain algorithm for the proleptic Gregorian calendar). */
int64_t day_from_date(int year, int month, int mday)
{
	int64_t y = month <= 2 ? year - 1 : year;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + mday - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void date_from_day(int64_t day, int *year, int *month, int *mday)
{
	int64_t z = day + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int m = (int)(mp < 10 ? mp + 3 : mp - 9);

	*mday = (int)(doy - (153 * mp + 2) / 5 + 1);
	*month = m;
	*year = (int)(yoe + era * 400 + (m <= 2));
}

int day_weekday(int64_t day)
{
	/* 1970-01-01 was a Thursday (3 with Monday = 0). */
	int64_t w = (day + 3) % 7;

	return (int)(w < 0 ? w + 7 : w);
}

/* The last Sunday of `month` in `year`, as a day. */
static int64_t last_sunday(int year, int month)
{
	int64_t last = day_from_date(month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, 1) - 1;

	return last - (day_weekday(last) + 1) % 7;
}

int paris_offset(int64_t t)
{
	int64_t day = t >= 0 ? t / DAY_SECONDS : (t - DAY_SECONDS + 1) / DAY_SECONDS;
	int year, month, mday;
	int64_t summer_start, summer_end;

	date_from_day(day, &year, &month, &mday);
	summer_start = last_sunday(year, 3) * DAY_SECONDS + 3600;
	summer_end = last_sunday(year, 10) * DAY_SECONDS + 3600;
	return t >= summer_start && t < summer_end ? 7200 : 3600;
}

int64_t paris_day(int64_t t)
{
	int64_t local = t + paris_offset(t);

	return local >= 0 ? local / DAY_SECONDS : (local - DAY_SECONDS + 1) / DAY_SECONDS;
}

int64_t paris_day_start(int64_t day)
{
	/* Midnight is never inside a change hour (02:00 and 03:00 local), so
	 * one of the two offsets gives an instant of that day. */
	int64_t summer = day * DAY_SECONDS - 7200;

	return paris_offset(summer) == 7200 && paris_day(summer) == day ? summer : day * DAY_SECONDS - 3600;
}

int64_t paris_day_seconds(int64_t day)
{
	return paris_day_start(day + 1) - paris_day_start(day);
}

int64_t day_month(int64_t day)
{
	int year, month, mday;

	date_from_day(day, &year, &month, &mday);
	return (int64_t)year * 12 + month - 1;
}

int64_t month_first_day(int64_t month)
{
	return day_from_date((int)(month / 12), (int)(month % 12) + 1, 1);
}

bool day_parse(const char *text, int64_t *day)
{
	int year, month, mday, consumed = 0, y2, m2, d2, i;

	if (!text || strlen(text) != 10)
		return false;
	/* Digits exactly where they belong: sscanf alone would take "2026- 3-29". */
	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? text[i] != '-' : (text[i] < '0' || text[i] > '9'))
			return false;
	if (sscanf(text, "%4d-%2d-%2d%n", &year, &month, &mday, &consumed) != 3 || consumed != 10)
		return false;
	if (year < 2000 || year > 2200 || month < 1 || month > 12 || mday < 1 || mday > 31)
		return false;
	*day = day_from_date(year, month, mday);
	date_from_day(*day, &y2, &m2, &d2);
	return y2 == year && m2 == month && d2 == mday;
}

void day_format(int64_t day, char *out, size_t size)
{
	int year, month, mday;

	date_from_day(day, &year, &month, &mday);
	snprintf(out, size, "%04d-%02d-%02d", year, month, mday);
}

void day_format_french(int64_t day, char *out, size_t size)
{
	int year, month, mday;

	date_from_day(day, &year, &month, &mday);
	snprintf(out, size, "%02d/%02d/%04d", mday, month, year);
}
