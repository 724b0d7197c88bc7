/* format: dates, durations and numbers written the French way. */
#ifndef ARDOISE_WEB_FORMAT_H
#define ARDOISE_WEB_FORMAT_H

#include <stddef.h>
#include <stdint.h>

/* "04/12/2026 à 17:05", in Europe/Paris time. */
void format_date_paris(int64_t unix_seconds, char *out, size_t size);
/* "3 / 5" or "3,5 / 5": decimal comma, one decimal at most. */
void format_score(double score, int max_score, char *out, size_t size);
/* "45 s", "3 min", "1 h 05". */
void format_duration(int64_t seconds, char *out, size_t size);

#endif
