/*
 * pdf_writer: simple A4 text documents (invoices, attestations) with
 * libhpdf 2.3.0. Text is UTF-8 set in DejaVu Sans, embedded, so French
 * accents, "€" and "°" print. Positions are millimetres from the page's
 * top-left corner. A new page starts when a paragraph passes the bottom.
 */
#ifndef ARDOISE_OFFER_PDF_WRITER_H
#define ARDOISE_OFFER_PDF_WRITER_H

#include <stdbool.h>
#include <stddef.h>

#define PDF_PAGE_W_MM 210.0f
#define PDF_PAGE_H_MM 297.0f
#define PDF_MARGIN_MM 18.0f

struct pdf_writer;

/* Start a document with one page. Returns NULL with a French message. */
struct pdf_writer *pdf_writer_new(const char *title, char *err, size_t errlen);
/* Write one line of text whose left edge is at `x_mm` and baseline at `y_mm`. */
void pdf_writer_text(struct pdf_writer *w, float x_mm, float y_mm, float pt, bool bold, const char *text);
/* The same with the right edge at `x_mm` (amounts in columns). */
void pdf_writer_text_right(struct pdf_writer *w, float x_mm, float y_mm, float pt, bool bold, const char *text);
/* A horizontal rule from `x1_mm` to `x2_mm`. */
void pdf_writer_rule(struct pdf_writer *w, float x1_mm, float x2_mm, float y_mm);
/* Write `text` wrapped to `width_mm`, one line per '\n' at least, the first
 * baseline at `y_mm`; returns the y of the next line. Starts a new page
 * when the text reaches the bottom margin. */
float pdf_writer_paragraph(struct pdf_writer *w, float x_mm, float y_mm, float width_mm, float pt, bool bold, const char *text);
/* Save the PDF into a malloc'd buffer (caller frees) and free the writer,
 * even on failure. Returns 0, or -1 with a French message. */
int pdf_writer_finish(struct pdf_writer *w, unsigned char **out, size_t *len, char *err, size_t errlen);

#endif
