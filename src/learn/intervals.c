/* intervals: the played time ranges of a video, parsed and merged (see
 * learn/video_progress.h). Kept apart from the database code so that the
 * fuzz target links it alone. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "learn/video_progress.h"

/* Read a non-negative decimal number with a decimal point. */
static int read_seconds(const char **p, double *out)
{
	char *end;

	if (**p < '0' || **p > '9')
		return -1;
	*out = strtod(*p, &end);
	if (end == *p || !isfinite(*out))
		return -1;
	*p = end;
	return 0;
}

int intervals_parse(const char *text, double duration, struct interval *v,
		    size_t *n, size_t max)
{
	const char *p = text;
	double a, b;

	if (!text || strlen(text) > VIDEO_MAX_RANGES_BYTES)
		return -1;
	while (*p) {
		if (read_seconds(&p, &a) < 0 || *p++ != '-' || read_seconds(&p, &b) < 0)
			return -1;
		if (*p == ',')
			p++;
		else if (*p)
			return -1;
		if (b > duration)
			b = duration;
		if (b <= a)
			continue;
		if (*n == max)
			return -1;
		v[*n].start = a;
		v[*n].end = b;
		(*n)++;
	}
	return 0;
}

static int compare_start(const void *x, const void *y)
{
	const struct interval *a = x, *b = y;

	return (a->start > b->start) - (a->start < b->start);
}

size_t intervals_merge(struct interval *v, size_t n)
{
	size_t i, k = 0;

	if (n == 0)
		return 0;
	qsort(v, n, sizeof(*v), compare_start);
	for (i = 1; i < n; i++) {
		if (v[i].start <= v[k].end + VIDEO_JOIN_GAP_SECONDS) {
			if (v[i].end > v[k].end)
				v[k].end = v[i].end;
		} else {
			v[++k] = v[i];
		}
	}
	return k + 1;
}

double intervals_total(const struct interval *v, size_t n)
{
	double total = 0;
	size_t i;

	for (i = 0; i < n; i++)
		total += v[i].end - v[i].start;
	return total;
}
