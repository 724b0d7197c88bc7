/* roster_problem: format problem messages with their location. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "org/roster_internal.h"

#define NBSP "\xC2\xA0"
#define NARROW_NBSP "\xE2\x80\xAF"

static size_t append(char *out, size_t o, const char *s)
{
	size_t n = strlen(s);

	memcpy(out + o, s, n);
	return o + n;
}

/* Copy `fmt` to `out` with French spacing: a no-break space before ':', a
 * narrow no-break space before ';', '!', '?' and inside « ». */
static void french_spaces(const char *fmt, char *out, size_t size)
{
	size_t o = 0;

	while (*fmt && o + 8 < size) {
		if (fmt[0] == ' ' && fmt[1] == ':') {
			o = append(out, o, NBSP);
			fmt++;
		} else if (fmt[0] == ' ' && (fmt[1] == ';' || fmt[1] == '!' || fmt[1] == '?' ||
					     strncmp(fmt + 1, "»", 2) == 0)) {
			o = append(out, o, NARROW_NBSP);
			fmt++;
		} else if (strncmp(fmt, "« ", 3) == 0) {
			o = append(out, o, "«" NARROW_NBSP);
			fmt += 3;
		} else {
			out[o++] = *fmt++;
		}
	}
	out[o] = '\0';
}

/* Copy `s` into `out`, cut on a character boundary when it is too long. */
static void copy_utf8(char *out, size_t size, const char *s)
{
	size_t len = strlen(s);

	if (len >= size) {
		len = size - 1;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(out, s, len);
	out[len] = '\0';
}

/* Spreadsheet name of a 1-based column: 1 is A, 27 is AA. */
static void column_letters(int column, char out[8])
{
	char reversed[8];
	int n = 0, i;

	while (column > 0 && n < 7) {
		reversed[n++] = (char)('A' + (column - 1) % 26);
		column = (column - 1) / 26;
	}
	for (i = 0; i < n; i++)
		out[i] = reversed[n - 1 - i];
	out[n] = '\0';
}

static void location(char *out, size_t size, int line, int column, const char *title)
{
	char letters[8], excerpt[ROSTER_EXCERPT_BYTES + 4], fmt[128];

	column_letters(column, letters);
	if (line == 0) {
		out[0] = '\0';
	} else if (column == 0) {
		snprintf(out, size, "Ligne %d" NBSP ": ", line);
	} else if (!title || !*title) {
		snprintf(out, size, "Ligne %d, colonne %s" NBSP ": ", line, letters);
	} else {
		roster_excerpt(title, ROSTER_EXCERPT_BYTES, excerpt, sizeof(excerpt));
		french_spaces("Ligne %d, colonne %s (« %s ») : ", fmt, sizeof(fmt));
		snprintf(out, size, fmt, line, letters, excerpt);
	}
}

/* Return room for one more problem. The capacity is the smallest power of
 * two from 8 up that exceeds the count, so the array is full when the
 * count is 0 or such a power. */
static struct roster_problem *problem_slot(struct roster *r)
{
	size_t n = r->problem_count;
	struct roster_problem *problems;

	if (n == 0 || (n >= 8 && (n & (n - 1)) == 0)) {
		problems = realloc(r->problems, (n ? 2 * n : 8) * sizeof(*problems));
		if (!problems)
			return NULL;
		r->problems = problems;
	}
	return &r->problems[n];
}

static int problem_vadd(struct roster *r, int line, int column, const char *title,
			const char *fmt, va_list ap)
{
	char full[2 * ROSTER_MAX_MESSAGE_BYTES], format[ROSTER_MAX_MESSAGE_BYTES];
	struct roster_problem *p;
	size_t used;

	p = problem_slot(r);
	if (!p)
		return -1;
	p->line = line;
	p->column = column;
	location(full, sizeof(full), line, column, title);
	french_spaces(fmt, format, sizeof(format));
	used = strlen(full);
	vsnprintf(full + used, sizeof(full) - used, format, ap);
	/* `full` is twice the message size, so the cut point is inside it. */
	copy_utf8(p->message, sizeof(p->message), full);
	r->problem_count++;
	return 0;
}

int roster_problem_add(struct roster *r, int line, int column, const char *title,
		       const char *fmt, ...)
{
	va_list ap;
	int ret;

	if (r->problem_count >= ROSTER_MAX_PROBLEMS) {
		r->problems_omitted++;
		return 0;
	}
	va_start(ap, fmt);
	ret = problem_vadd(r, line, column, title, fmt, ap);
	va_end(ap);
	return ret;
}

static int problem_add_summary(struct roster *r, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = problem_vadd(r, 0, 0, NULL, fmt, ap);
	va_end(ap);
	return ret;
}

void roster_problems_finish(struct roster *r)
{
	if (r->problems_omitted == 0)
		return;
	problem_add_summary(r,
			    "%zu autres problèmes ne sont pas listés : corrigez ceux-ci, puis "
			    "importez le fichier de nouveau pour voir la suite.",
			    r->problems_omitted);
}
