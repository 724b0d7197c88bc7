/*
 * amount: euro amounts in integer cents and VAT rates in basis points
 * (2000 is 20 %). A line's VAT is rounded half up to the cent on the line,
 * and a document's totals are the sums of its lines, as the French
 * invoicing rules allow (rounding per line, totals never recomputed).
 */
#ifndef ARDOISE_OFFER_AMOUNT_H
#define ARDOISE_OFFER_AMOUNT_H

#include <stddef.h>
#include <stdint.h>

/* Largest amount accepted from a form: 1 000 000,00 €. */
#define AMOUNT_MAX_CENTS 100000000
#define VAT_MAX_BP 10000
/* Room for "-1 000 000 000,00 €" and its NUL. */
#define AMOUNT_TEXT_MAX 32

struct amount_line {
	int64_t quantity;
	int64_t unit_cents;  /* negative on a credit note */
	int vat_bp;
	int64_t ht_cents;    /* quantity × unit */
	int64_t vat_cents;   /* ht × rate, rounded half up (away from zero) */
};

struct amount_totals {
	int64_t ht_cents;
	int64_t vat_cents;
	int64_t ttc_cents;
};

/* Fill ht_cents and vat_cents of `line` from its quantity, unit and rate. */
void amount_line_compute(struct amount_line *line);
/* The VAT of `ht_cents` at `vat_bp`, rounded half up away from zero. */
int64_t amount_vat(int64_t ht_cents, int vat_bp);
/* Sum the computed lines: HT and VAT are sums of the lines, TTC their sum. */
void amount_totals_sum(const struct amount_line *lines, size_t count, struct amount_totals *out);

/* Parse "25", "25,5", "25.50" or "1 234,56" (euros, at most two decimals,
 * not negative, at most AMOUNT_MAX_CENTS) into cents. Returns 0 or -1. */
int amount_parse(const char *text, int64_t *cents);
/* Parse a VAT rate in percent, "20", "5,5" or "0" (at most two decimals,
 * 0 to 100) into basis points. Returns 0 or -1. */
int vat_rate_parse(const char *text, int *bp);
/* Write `cents` as French euros, "1 234,56 €" (plain spaces). */
void amount_format(int64_t cents, char *out, size_t size);
/* Write `cents` as "1234.56", the plain decimal of accounting exports. */
void amount_format_plain(int64_t cents, char *out, size_t size);
/* Write a rate as "20 %" or "5,5 %". */
void vat_rate_format(int bp, char *out, size_t size);

#endif
