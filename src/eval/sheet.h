/*
 * sheet: one table written at once as CSV (RFC 4180, comma, UTF-8, "."
 * decimals) and as an OpenDocument spreadsheet (.ods: a zip whose first
 * entry is the uncompressed "mimetype", then META-INF/manifest.xml and
 * content.xml, all stored uncompressed with zlib's CRC-32).
 *
 * Every CSV row gets as many fields as the longest one, as LibreOffice
 * writes them.
 *
 * Usage: sheet_init, then for each row sheet_row and its cells, then
 * sheet_csv or sheet_ods, then sheet_release.
 */
#ifndef ARDOISE_EVAL_SHEET_H
#define ARDOISE_EVAL_SHEET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

/* Where a row's CSV text ends, and how many cells it has. */
struct sheet_row_end {
	size_t offset;
	int cells;
};

struct sheet {
	struct buf csv;   /* rows without padding; sheet_csv pads them */
	struct sheet_row_end *rows;
	size_t row_count, row_cap;
	int cells;        /* in the current row */
	int max_cells;
	struct buf xml; /* the <table:table> element, growing */
	bool row_open;
	bool cell_written; /* in the current row */
};

void sheet_init(struct sheet *s, const char *name);
void sheet_release(struct sheet *s);
/* Start a new row. */
void sheet_row(struct sheet *s);
void sheet_text(struct sheet *s, const char *text);
/* A number written with `decimals` digits after the point, trailing zeros
 * removed (as LibreOffice's standard format shows it). */
void sheet_number(struct sheet *s, double value, int decimals);
void sheet_blank(struct sheet *s);

/* Write the whole CSV or .ods file into `out`. Returns 0, or -1 when a
 * buffer failed (memory or size). */
int sheet_csv(struct sheet *s, struct buf *out);
int sheet_ods(struct sheet *s, struct buf *out);

/* Format a number as sheet_number does, into `out` (size >= 32). */
void sheet_number_format(double value, int decimals, char *out, size_t size);

#endif
