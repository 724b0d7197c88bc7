#include "web/format.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

void format_date_paris(int64_t unix_seconds, char *out, size_t size)
{
	time_t t = (time_t)unix_seconds;
	struct tm tm;

	/* main() sets TZ=Europe/Paris, so localtime is Paris time. */
	localtime_r(&t, &tm);
	strftime(out, size, "%d/%m/%Y à %H:%M", &tm);
}

void format_score(double score, int max_score, char *out, size_t size)
{
	long tenths = lround(score * 10);

	if (tenths % 10 == 0)
		snprintf(out, size, "%ld / %d", tenths / 10, max_score);
	else
		snprintf(out, size, "%ld,%ld / %d", tenths / 10, labs(tenths % 10), max_score);
}

void format_duration(int64_t seconds, char *out, size_t size)
{
	if (seconds < 0)
		seconds = 0;
	if (seconds < 60)
		snprintf(out, size, "%lld s", (long long)seconds);
	else if (seconds < 3600)
		snprintf(out, size, "%lld min", (long long)(seconds / 60));
	else
		snprintf(out, size, "%lld h %02lld", (long long)(seconds / 3600), (long long)(seconds % 3600 / 60));
}
