/* Euro amounts in cents, VAT in basis points. */
#include "offer/amount.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

int64_t amount_vat(int64_t ht_cents, int vat_bp)
{
	int64_t magnitude = ht_cents < 0 ? -ht_cents : ht_cents;
	int64_t vat = (magnitude * vat_bp + 5000) / 10000;

	return ht_cents < 0 ? -vat : vat;
}

void amount_line_compute(struct amount_line *line)
{
	line->ht_cents = line->quantity * line->unit_cents;
	line->vat_cents = amount_vat(line->ht_cents, line->vat_bp);
}

void amount_totals_sum(const struct amount_line *lines, size_t count, struct amount_totals *out)
{
	size_t i;

	out->ht_cents = 0;
	out->vat_cents = 0;
	for (i = 0; i < count; i++) {
		out->ht_cents += lines[i].ht_cents;
		out->vat_cents += lines[i].vat_cents;
	}
	out->ttc_cents = out->ht_cents + out->vat_cents;
}

/* Parse a non-negative decimal with at most two decimals into hundredths,
 * skipping spaces between digit groups. Returns 0, or -1 above `max`. */
static int hundredths_parse(const char *text, int64_t max, int64_t *out)
{
	int64_t whole = 0, fraction = 0;
	int decimals = -1, digits = 0;
	const char *p;

	for (p = text; *p; p++) {
		if (*p == ' ' && decimals < 0 && digits)
			continue;
		if ((*p == ',' || *p == '.') && decimals < 0 && digits) {
			decimals = 0;
			continue;
		}
		if (!isdigit((unsigned char)*p) || decimals >= 2 || whole > max)
			return -1;
		if (decimals < 0) {
			whole = whole * 10 + (*p - '0');
			digits++;
		} else {
			fraction = fraction * 10 + (*p - '0');
			decimals++;
		}
	}
	if (!digits || decimals == 0)
		return -1;
	if (decimals == 1)
		fraction *= 10;
	*out = whole * 100 + fraction;
	return *out > max ? -1 : 0;
}

int amount_parse(const char *text, int64_t *cents)
{
	return text ? hundredths_parse(text, AMOUNT_MAX_CENTS, cents) : -1;
}

int vat_rate_parse(const char *text, int *bp)
{
	int64_t value;

	if (!text || hundredths_parse(text, VAT_MAX_BP, &value) < 0)
		return -1;
	*bp = (int)value;
	return 0;
}

/* Write the digits of `units` with a space every three digits. */
static void grouped(int64_t units, char *out, size_t size)
{
	char digits[24];
	size_t n, i, used = 0;

	snprintf(digits, sizeof(digits), "%lld", (long long)units);
	n = strlen(digits);
	for (i = 0; i < n && used + 2 < size; i++) {
		if (i && (n - i) % 3 == 0)
			out[used++] = ' ';
		out[used++] = digits[i];
	}
	out[used] = '\0';
}

void amount_format(int64_t cents, char *out, size_t size)
{
	int64_t magnitude = cents < 0 ? -cents : cents;
	char units[AMOUNT_TEXT_MAX];

	grouped(magnitude / 100, units, sizeof(units));
	snprintf(out, size, "%s%s,%02d €", cents < 0 ? "-" : "", units, (int)(magnitude % 100));
}

void amount_format_plain(int64_t cents, char *out, size_t size)
{
	int64_t magnitude = cents < 0 ? -cents : cents;

	snprintf(out, size, "%s%lld.%02d", cents < 0 ? "-" : "", (long long)(magnitude / 100), (int)(magnitude % 100));
}

void vat_rate_format(int bp, char *out, size_t size)
{
	if (bp % 100 == 0)
		snprintf(out, size, "%d %%", bp / 100);
	else if (bp % 10 == 0)
		snprintf(out, size, "%d,%d %%", bp / 100, (bp % 100) / 10);
	else
		snprintf(out, size, "%d,%02d %%", bp / 100, bp % 100);
}
