/* Simple A4 text documents with libhpdf. */
#include "offer/pdf_writer.h"

#include <hpdf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "org/cards.h"

#define MM(v) ((float)(v) * 72.0f / 25.4f)
#define LINE_FACTOR 1.45f  /* line height as a multiple of the font size */
#define WRAP_LINE_MAX 1024

struct pdf_writer {
	HPDF_Doc pdf;
	HPDF_Page page;
	HPDF_Font regular;
	HPDF_Font bold;
	HPDF_STATUS error;   /* first libhpdf error, 0 if none */
	HPDF_STATUS detail;
};

static void HPDF_STDCALL on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data)
{
	struct pdf_writer *w = user_data;

	if (w->error == 0) {
		w->error = error_no;
		w->detail = detail_no;
	}
}

static void page_add(struct pdf_writer *w)
{
	w->page = HPDF_AddPage(w->pdf);
	HPDF_Page_SetSize(w->page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
}

static HPDF_Font font_load(struct pdf_writer *w, const char *file)
{
	const char *name = HPDF_LoadTTFontFromFile(w->pdf, file, HPDF_TRUE);

	return name && !w->error ? HPDF_GetFont(w->pdf, name, "UTF-8") : NULL;
}

struct pdf_writer *pdf_writer_new(const char *title, char *err, size_t errlen)
{
	struct pdf_writer *w = calloc(1, sizeof(*w));

	if (!w || !(w->pdf = HPDF_New(on_error, w))) {
		free(w);
		snprintf(err, errlen, "mémoire insuffisante pour créer le PDF.");
		return NULL;
	}
	HPDF_SetCompressionMode(w->pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(w->pdf);
	HPDF_SetInfoAttr(w->pdf, HPDF_INFO_CREATOR, "Ardoise");
	HPDF_SetInfoAttr(w->pdf, HPDF_INFO_TITLE, title);
	w->regular = font_load(w, CARDS_FONT_DIR "/DejaVuSans.ttf");
	w->bold = font_load(w, CARDS_FONT_DIR "/DejaVuSans-Bold.ttf");
	if (!w->regular || !w->bold) {
		snprintf(err, errlen, "police illisible dans %s (installez le paquet fonts-dejavu-core).", CARDS_FONT_DIR);
		HPDF_Free(w->pdf);
		free(w);
		return NULL;
	}
	page_add(w);
	return w;
}

static float width_of(struct pdf_writer *w, bool bold, float pt, const char *text, size_t len)
{
	HPDF_TextWidth tw = HPDF_Font_TextWidth(bold ? w->bold : w->regular, (const HPDF_BYTE *)text, (HPDF_UINT)len);

	return tw.width * pt / 1000.0f;
}

void pdf_writer_text(struct pdf_writer *w, float x_mm, float y_mm, float pt, bool bold, const char *text)
{
	HPDF_Page_BeginText(w->page);
	HPDF_Page_SetFontAndSize(w->page, bold ? w->bold : w->regular, pt);
	HPDF_Page_TextOut(w->page, MM(x_mm), MM(PDF_PAGE_H_MM - y_mm), text);
	HPDF_Page_EndText(w->page);
}

void pdf_writer_text_right(struct pdf_writer *w, float x_mm, float y_mm, float pt, bool bold, const char *text)
{
	float width = width_of(w, bold, pt, text, strlen(text));

	HPDF_Page_BeginText(w->page);
	HPDF_Page_SetFontAndSize(w->page, bold ? w->bold : w->regular, pt);
	HPDF_Page_TextOut(w->page, MM(x_mm) - width, MM(PDF_PAGE_H_MM - y_mm), text);
	HPDF_Page_EndText(w->page);
}

void pdf_writer_rule(struct pdf_writer *w, float x1_mm, float x2_mm, float y_mm)
{
	HPDF_Page_SetLineWidth(w->page, 0.6f);
	HPDF_Page_MoveTo(w->page, MM(x1_mm), MM(PDF_PAGE_H_MM - y_mm));
	HPDF_Page_LineTo(w->page, MM(x2_mm), MM(PDF_PAGE_H_MM - y_mm));
	HPDF_Page_Stroke(w->page);
}

/* Length of the longest prefix of `text` (up to `len` bytes) that ends at
 * a space and fits in `width` points. A single word wider than `width` is
 * taken whole, so it overflows the margin rather than being split. */
static size_t fitting(struct pdf_writer *w, bool bold, float pt, const char *text, size_t len, float width)
{
	size_t best = 0, i;

	for (i = 1; i <= len; i++) {
		if (i < len && text[i] != ' ')
			continue;
		if (width_of(w, bold, pt, text, i) > width)
			break;
		best = i;
	}
	if (best == 0) {
		best = strcspn(text, " ");
		if (best == 0)
			best = 1;
		if (best > len)
			best = len;
	}
	return best;
}

float pdf_writer_paragraph(struct pdf_writer *w, float x_mm, float y_mm, float width_mm, float pt, bool bold, const char *text)
{
	float step = pt * LINE_FACTOR * 25.4f / 72.0f;
	char line[WRAP_LINE_MAX];
	const char *p = text;

	while (*p) {
		size_t len = strcspn(p, "\n"), take;

		do {
			take = fitting(w, bold, pt, p, len, MM(width_mm));
			if (y_mm > PDF_PAGE_H_MM - PDF_MARGIN_MM) {
				page_add(w);
				y_mm = PDF_MARGIN_MM + step;
			}
			snprintf(line, sizeof(line), "%.*s", (int)(take < sizeof(line) ? take : sizeof(line) - 1), p);
			pdf_writer_text(w, x_mm, y_mm, pt, bold, line);
			y_mm += step;
			p += take;
			len -= take;
			while (len && *p == ' ') {
				p++;
				len--;
			}
		} while (len);
		if (*p == '\n')
			p++;
	}
	return y_mm;
}

int pdf_writer_finish(struct pdf_writer *w, unsigned char **out, size_t *len, char *err, size_t errlen)
{
	HPDF_UINT32 size = 0;
	unsigned char *data = NULL;
	int rc = -1;

	*out = NULL;
	if (w->error || HPDF_SaveToStream(w->pdf) != HPDF_OK)
		goto out;
	size = HPDF_GetStreamSize(w->pdf);
	data = malloc(size ? size : 1);
	if (!data)
		goto out;
	HPDF_ResetStream(w->pdf);
	if (HPDF_ReadFromStream(w->pdf, data, &size) != HPDF_OK)
		goto out;
	*out = data;
	*len = size;
	data = NULL;
	rc = 0;
out:
	if (rc < 0)
		snprintf(err, errlen, "échec de libhpdf en écrivant le PDF (erreur 0x%04X, détail %u).", (unsigned)w->error, (unsigned)w->detail);
	free(data);
	HPDF_Free(w->pdf);
	free(w);
	return rc;
}
