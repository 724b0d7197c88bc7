/*
 * paris_time: Paris civil time (Europe/Paris) computed with the EU summer
 * time rule, without the system time zone database: UTC+2 from the last
 * Sunday of March at 01:00 UTC to the last Sunday of October at 01:00 UTC,
 * UTC+1 otherwise. Indicators cut days at Paris midnight with it.
 *
 * A "day" is the number of Paris calendar days since 1970-01-01, and a "month"
 * is year * 12 + (month - 1).
 */
#ifndef ARDOISE_EVAL_PARIS_TIME_H
#define ARDOISE_EVAL_PARIS_TIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Offset from UTC in seconds at the instant `t` (3600 or 7200). */
int paris_offset(int64_t t);
/* The Paris day of the instant `t`. */
int64_t paris_day(int64_t t);
/* The UTC instant of Paris midnight starting `day`. */
int64_t paris_day_start(int64_t day);
/* Length of `day` in seconds: 82800 or 90000 on the change days. */
int64_t paris_day_seconds(int64_t day);

/* Civil date <-> day number (proleptic Gregorian calendar). */
int64_t day_from_date(int year, int month, int mday);
void date_from_day(int64_t day, int *year, int *month, int *mday);
/* Day of the week of `day`, 0 = Monday. */
int day_weekday(int64_t day);
/* The month of a day, and the first day of a month. */
int64_t day_month(int64_t day);
int64_t month_first_day(int64_t month);

/* Parse "YYYY-MM-DD" into a day. Returns false when the text is not a real date. */
bool day_parse(const char *text, int64_t *day);
/* Write "YYYY-MM-DD" (size >= 11) or "DD/MM/YYYY" (french). */
void day_format(int64_t day, char *out, size_t size);
void day_format_french(int64_t day, char *out, size_t size);

#endif
