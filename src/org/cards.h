/*
 * cards: printable login cards for children, as an A4 PDF.
 *
 * A card shows what a child needs to sign in without a password: the
 * structure code, the first name to pick from the list and the 3 pictures
 * in order. Its QR code carries a sign-in URL for tablets. Eight cards fit
 * on a portrait A4 page (2 columns, 4 rows) with cutting marks.
 *
 * Text is set in DejaVu Sans (package fonts-dejavu-core), embedded in the
 * PDF, so French accents and guillemets print. The pictures are drawn as
 * vector paths (pictures_pdf.c), so no image file is read at run time.
 */
#ifndef ARDOISE_ORG_CARDS_H
#define ARDOISE_ORG_CARDS_H

#include <hpdf.h>
#include <stdbool.h>
#include <stddef.h>

/* Fonts read at each rendering; override with -DCARDS_FONT_DIR=\"...\". */
#ifndef CARDS_FONT_DIR
#define CARDS_FONT_DIR "/usr/share/fonts/truetype/dejavu"
#endif

#define CARDS_PER_PAGE 8
/* Maximum cards in one PDF: 250 pages, a whole large structure. */
#define CARDS_MAX 2000
/* Maximum bytes of each other text field of a card (UTF-8). */
#define CARDS_TEXT_MAX 120
/* Maximum bytes of the QR code URL. At this length the QR code has 57
 * modules a side (version 10), each about 0.5 mm wide on paper. */
#define CARDS_URL_MAX 200
#define CARDS_PICTURE_COUNT 3

struct card {
	const char *first_name;     /* "Léa", required */
	const char *last_initial;   /* "M.", or NULL */
	const char *structure_name; /* "Association de démonstration", or NULL */
	const char *structure_code; /* "DEMO", required, at most STRUCTURE_CODE_MAX bytes */
	const char *level;          /* "CE2", or NULL */
	const char *pictures[CARDS_PICTURE_COUNT]; /* picture ids, in order */
	const char *qr_url;         /* URL encoded in the QR code, required */
};

/*
 * Render the cards as A4 portrait pages, CARDS_PER_PAGE cards a page.
 *
 * On success, returns 0 and stores in *out a malloc'd PDF of *len bytes,
 * which the caller frees. On failure, returns -1, leaves *out NULL and
 * writes a French message for the adult into `err` (`errlen` bytes, may be
 * NULL). The causes are no card, too many cards, a missing or too long
 * field, invalid UTF-8, an unknown picture id, a missing font, and libhpdf
 * or libqrencode errors. Logs nothing.
 */
int cards_render_pdf(const struct card *cards, size_t count, unsigned char **out, size_t *len,
		     char *err, size_t errlen);

/* Picture drawings, defined in pictures_pdf.c for cards.c. */

/* Whether a drawing exists for this picture id. */
bool cards_picture_known(const char *id);

/*
 * Draw the picture `id` in the square of side `size` points whose
 * lower-left corner is (x, y) on `page`. The drawing keeps the colours of
 * static/img/pictures/<id>.svg. Returns -1 for an unknown id.
 */
int cards_picture_draw(HPDF_Page page, const char *id, float x, float y, float size);

#endif
