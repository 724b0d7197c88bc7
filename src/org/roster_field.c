/* roster_field: clean field values and read levels and dates. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "org/roster_internal.h"

#define NBSP "\xC2\xA0"
#define NARROW_NBSP "\xE2\x80\xAF"
#define ELLIPSIS "\xE2\x80\xA6"
#define DATE_YEAR_MIN 1900
#define DATE_YEAR_MAX 2100

struct level_spelling {
	const char *folded; /* roster_fold() output with spaces removed */
	const char *level;
};

static const struct level_spelling level_spellings[] = {
	{ "ce2", "CE2" },   { "cm1", "CM1" },    { "cm2", "CM2" },
	{ "6", "6e" },      { "6e", "6e" },      { "6em", "6e" },
	{ "6eme", "6e" },   { "6ieme", "6e" },   { "sixieme", "6e" },
};

/* Length of the white space at `s` (ASCII space, U+00A0 or U+202F), or 0. */
static size_t space_at(const char *s, size_t len)
{
	if (len >= 1 && s[0] == ' ')
		return 1;
	if (len >= 2 && memcmp(s, NBSP, 2) == 0)
		return 2;
	if (len >= 3 && memcmp(s, NARROW_NBSP, 3) == 0)
		return 3;
	return 0;
}

/* Length of the white space ending at s + len, or 0. */
static size_t space_before(const char *s, size_t len)
{
	if (len >= 1 && s[len - 1] == ' ')
		return 1;
	if (len >= 2 && memcmp(s + len - 2, NBSP, 2) == 0)
		return 2;
	if (len >= 3 && memcmp(s + len - 3, NARROW_NBSP, 3) == 0)
		return 3;
	return 0;
}

char *roster_clean(const char *s, size_t len)
{
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t n;
	char *flat;
	size_t i, start = 0, end = len, step;

	flat = malloc(len + 1);
	if (!flat)
		return NULL;
	for (i = 0; i < len; i++)
		flat[i] = strchr("\t\r\n", s[i]) && s[i] != '\0' ? ' ' : s[i];
	flat[len] = '\0';

	while ((step = space_at(flat + start, end - start)) > 0)
		start += step;
	while (end > start && (step = space_before(flat + start, end - start)) > 0)
		end -= step;
	if (end == start) {
		flat[0] = '\0';
		return flat;
	}
	n = utf8proc_map((const utf8proc_uint8_t *)flat + start, (utf8proc_ssize_t)(end - start),
			 &nfc, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (n < 0) {
		/* Decoded text is valid UTF-8, so only memory can fail here. */
		free(flat);
		return NULL;
	}
	free(flat);
	return (char *)nfc;
}

static bool letter_or_digit(utf8proc_int32_t cp)
{
	utf8proc_category_t cat = utf8proc_category(cp);

	return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
	       (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
}

/* Replace each run of non-alphanumeric characters with one space, in place. */
static void collapse_separators(char *s)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;
	size_t in = 0, out = 0, len = strlen(s);
	bool pending_space = false;

	while (in < len) {
		n = utf8proc_iterate((const utf8proc_uint8_t *)s + in, (utf8proc_ssize_t)(len - in), &cp);
		if (n <= 0) {
			n = 1;
			cp = -1;
		}
		if (cp >= 0 && letter_or_digit(cp)) {
			if (pending_space && out > 0)
				s[out++] = ' ';
			memmove(s + out, s + in, (size_t)n);
			out += (size_t)n;
			pending_space = false;
		} else {
			pending_space = true;
		}
		in += (size_t)n;
	}
	s[out] = '\0';
}

char *roster_fold(const char *s, size_t len)
{
	utf8proc_uint8_t *folded = NULL;
	utf8proc_ssize_t n;

	if (len == 0)
		return strdup("");
	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &folded,
			 UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
				 UTF8PROC_STRIPMARK);
	if (n < 0)
		return NULL;
	collapse_separators((char *)folded);
	return (char *)folded;
}

const char *roster_level_parse(const char *value)
{
	const char *level = NULL;
	char *folded = roster_fold(value, strlen(value));
	size_t i, o = 0;

	if (!folded)
		return NULL;
	for (i = 0; folded[i]; i++) {
		if (folded[i] != ' ')
			folded[o++] = folded[i];
	}
	folded[o] = '\0';
	for (i = 0; i < sizeof(level_spellings) / sizeof(level_spellings[0]); i++) {
		if (strcmp(folded, level_spellings[i].folded) == 0)
			level = level_spellings[i].level;
	}
	free(folded);
	return level;
}

/* Read between `min` and `max` decimal digits at *p into *value. */
static bool read_digits(const char **p, int min, int max, int *value)
{
	int count = 0;

	*value = 0;
	while (**p >= '0' && **p <= '9' && count <= max) {
		*value = *value * 10 + (**p - '0');
		(*p)++;
		count++;
	}
	return count >= min && count <= max;
}

static bool expect_char(const char **p, char c)
{
	if (**p != c)
		return false;
	(*p)++;
	return true;
}

static int days_in_month(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return month == 2 && leap ? 29 : days[month - 1];
}

int roster_date_parse(const char *value, char iso[11])
{
	const char *p = value;
	char formatted[32];
	int first, day, month, year;

	if (!read_digits(&p, 1, 4, &first))
		return -1;
	if (*p == '/' && p - value <= 2) {
		day = first;
		p++;
		if (!read_digits(&p, 1, 2, &month) || !expect_char(&p, '/') || !read_digits(&p, 4, 4, &year))
			return -1;
	} else if (*p == '-' && p - value == 4) {
		year = first;
		p++;
		if (!read_digits(&p, 1, 2, &month) || !expect_char(&p, '-') || !read_digits(&p, 1, 2, &day))
			return -1;
	} else {
		return -1;
	}
	if (*p != '\0' || year < DATE_YEAR_MIN || year > DATE_YEAR_MAX || month < 1 || month > 12)
		return -1;
	if (day < 1 || day > days_in_month(year, month))
		return -1;
	/* The ranges above keep this to 10 characters. */
	snprintf(formatted, sizeof(formatted), "%04d-%02d-%02d", year, month, day);
	memcpy(iso, formatted, 11);
	return 0;
}

void roster_excerpt(const char *s, size_t max, char *out, size_t size)
{
	size_t len = strlen(s), cut = len;

	if (size < sizeof(ELLIPSIS))
		return;
	if (cut > max)
		cut = max;
	if (cut > size - sizeof(ELLIPSIS))
		cut = size - sizeof(ELLIPSIS);
	while (cut > 0 && cut < len && ((unsigned char)s[cut] & 0xC0) == 0x80)
		cut--;
	memcpy(out, s, cut);
	out[cut] = '\0';
	if (cut < len)
		memcpy(out + cut, ELLIPSIS, sizeof(ELLIPSIS));
}
