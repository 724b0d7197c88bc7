/*
 * Login cards as PDF, with libhpdf 2.3.0 for the pages and libqrencode for
 * the QR codes. Layout sizes are in millimetres from a card's top-left
 * corner and converted to PDF points (1/72 inch) where they are drawn.
 */
#include "org/cards.h"

#include <errno.h>
#include <stdarg.h>
#include <qrencode.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "auth/account.h"

#define MM(v) ((float)(v) * 72.0f / 25.4f)

/* A4 portrait, with a grid of 2 x 4 cards centred on it. */
#define PAGE_W_MM 210.0f
#define PAGE_H_MM 297.0f
#define CARD_W_MM 92.0f
#define CARD_H_MM 66.0f
#define GRID_COLUMNS 2
#define GRID_ROWS 4
#define GRID_LEFT_MM ((PAGE_W_MM - GRID_COLUMNS * CARD_W_MM) / 2)
#define GRID_TOP_MM ((PAGE_H_MM - GRID_ROWS * CARD_H_MM) / 2)

/* Inside a card: a left column for the text and pictures, the QR code on
 * the right. */
#define PAD_MM 4.0f
#define HEADER_H_MM 7.0f
#define TEXT_COLUMN_W_MM 51.0f
#define TILE_MM 16.0f
#define TILE_GAP_MM 1.5f
#define TILE_TOP_MM 36.5f
#define QR_LEFT_MM 56.0f
#define QR_TOP_MM 9.0f
/* Side of the QR code square, quiet zone included. */
#define QR_BOX_MM 32.0f
#define QR_QUIET_MODULES 4
/* Smallest QR version requested: 29 modules a side, so the symbol inside
 * the quiet zone is 32 * 29 / 37 = 25.1 mm wide even for a short URL. */
#define QR_MIN_VERSION 3

/* Font sizes of the first name, in points. */
#define NAME_PT 24.0f
#define NAME_WRAP_PT 14.0f
#define NAME_WRAPPED_PT 16.0f
#define NAME_MIN_PT 9.0f
#define INITIAL_PT 14.0f
#define CODE_PT 12.0f
#define LEVEL_BADGE_MAX_MM 25.0f

#define CROP_MARK_MM 5.0f
#define CROP_GAP_MM 2.0f

/* Colours of static/ardoise.css. */
#define COLOUR_INK 0x2B2520
#define COLOUR_MUTED 0x5E544B
#define COLOUR_SLATE 0x2F4858
#define COLOUR_ACCENT 0xB4471C
#define COLOUR_PAPER 0xFBF6EC
#define COLOUR_LINE 0xD9CCB6
#define COLOUR_CUT 0xB0A695
#define COLOUR_WHITE 0xFFFFFF
#define COLOUR_QR 0x000000

struct doc {
	HPDF_Doc pdf;
	HPDF_Font regular;
	HPDF_Font bold;
	HPDF_STATUS error; /* first libhpdf error, 0 if none */
	HPDF_STATUS detail;
};

/* A card's top-left corner on its page, in points. */
struct frame {
	HPDF_Page page;
	float left;
	float top;
};

struct text_field {
	const char *label;
	const char *value;
	bool required;
	size_t max;
};

static void set_error(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void set_error(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (!err || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* Input checks */

static bool utf8_valid(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;

	while (*p) {
		n = utf8proc_iterate(p, -1, &cp);
		if (n <= 0 || cp < 0x20)
			return false;
		p += n;
	}
	return true;
}

static int field_check(const struct text_field *f, size_t card_no, char *err, size_t errlen)
{
	size_t len = f->value ? strlen(f->value) : 0;

	if (len == 0 && f->required) {
		set_error(err, errlen, "carte %zu : le champ « %s » est vide.", card_no, f->label);
		return -1;
	}
	if (len > f->max) {
		set_error(err, errlen, "carte %zu : le champ « %s » est trop long (%zu octets, maximum %zu).",
			  card_no, f->label, len, f->max);
		return -1;
	}
	if (len > 0 && !utf8_valid(f->value)) {
		set_error(err, errlen,
			  "carte %zu : le champ « %s » contient un caractère invalide (UTF-8 attendu, sans caractère de contrôle).",
			  card_no, f->label);
		return -1;
	}
	return 0;
}

static int pictures_check(const struct card *c, size_t card_no, char *err, size_t errlen)
{
	const char *id;
	size_t i;

	for (i = 0; i < CARDS_PICTURE_COUNT; i++) {
		id = c->pictures[i];
		if (!id || !*id) {
			set_error(err, errlen, "carte %zu : l'image %zu est manquante.", card_no, i + 1);
			return -1;
		}
		if (!cards_picture_known(id)) {
			set_error(err, errlen,
				  "carte %zu : image %zu inconnue (« %.40s ») ; images possibles : chat, soleil, arbre, maison, poisson, etoile, ballon, fleur, bateau.",
				  card_no, i + 1, id);
			return -1;
		}
	}
	return 0;
}

static int card_check(const struct card *c, size_t card_no, char *err, size_t errlen)
{
	const struct text_field fields[] = {
		{ "prénom", c->first_name, true, CARDS_TEXT_MAX },
		{ "initiale du nom", c->last_initial, false, CARDS_TEXT_MAX },
		{ "nom de la structure", c->structure_name, false, CARDS_TEXT_MAX },
		{ "code de la structure", c->structure_code, true, STRUCTURE_CODE_MAX },
		{ "niveau", c->level, false, CARDS_TEXT_MAX },
		{ "adresse du QR code", c->qr_url, true, CARDS_URL_MAX },
	};
	size_t i;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (field_check(&fields[i], card_no, err, errlen) < 0)
			return -1;
	return pictures_check(c, card_no, err, errlen);
}

static int cards_check(const struct card *cards, size_t count, char *err, size_t errlen)
{
	size_t i;

	if (!cards || count == 0) {
		set_error(err, errlen, "aucun élève à imprimer.");
		return -1;
	}
	if (count > CARDS_MAX) {
		set_error(err, errlen, "trop de cartes à la fois (%zu, maximum %d) : imprimez-les en plusieurs fois.",
			  count, CARDS_MAX);
		return -1;
	}
	for (i = 0; i < count; i++)
		if (card_check(&cards[i], i + 1, err, errlen) < 0)
			return -1;
	return 0;
}

/* Document */

static void HPDF_STDCALL on_hpdf_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data)
{
	struct doc *d = user_data;

	if (d->error == 0) {
		d->error = error_no;
		d->detail = detail_no;
	}
}

/* Whether libhpdf reported an error. If so, describe it in `err`. */
static bool doc_failed(const struct doc *d, const char *step, char *err, size_t errlen)
{
	if (d->error == 0)
		return false;
	set_error(err, errlen, "échec de libhpdf pendant %s (erreur 0x%04X, détail %u).", step,
		  (unsigned)d->error, (unsigned)d->detail);
	return true;
}

/*
 * NOTE: libhpdf 2.3.0 writes an identity CID CMap as the font's ToUnicode
 * map, so poppler warns "Invalid 'begincidrange' operator". Text extraction
 * still works because the UTF-8 encoder emits Unicode code points.
 */
static HPDF_Font font_load(struct doc *d, const char *file)
{
	const char *name = HPDF_LoadTTFontFromFile(d->pdf, file, HPDF_TRUE);

	if (!name || d->error)
		return NULL;
	return HPDF_GetFont(d->pdf, name, "UTF-8");
}

static int doc_open(struct doc *d, char *err, size_t errlen)
{
	static const char *const files[] = {
		CARDS_FONT_DIR "/DejaVuSans.ttf",
		CARDS_FONT_DIR "/DejaVuSans-Bold.ttf",
	};
	HPDF_Font *fonts[] = { &d->regular, &d->bold };
	size_t i;

	d->pdf = HPDF_New(on_hpdf_error, d);
	if (!d->pdf) {
		set_error(err, errlen, "mémoire insuffisante pour créer le PDF.");
		return -1;
	}
	HPDF_SetCompressionMode(d->pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(d->pdf);
	HPDF_SetInfoAttr(d->pdf, HPDF_INFO_CREATOR, "Ardoise");
	HPDF_SetInfoAttr(d->pdf, HPDF_INFO_TITLE, "Cartes de connexion");
	if (doc_failed(d, "la création du document", err, errlen))
		return -1;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		*fonts[i] = font_load(d, files[i]);
		if (!*fonts[i]) {
			set_error(err, errlen, "police illisible : %s (installez le paquet fonts-dejavu-core).",
				  files[i]);
			return -1;
		}
	}
	return 0;
}

/* Copy the document's PDF bytes into a malloc'd buffer. */
static int doc_save(struct doc *d, unsigned char **out, size_t *len, char *err, size_t errlen)
{
	HPDF_UINT32 size;
	unsigned char *data = NULL;

	if (HPDF_SaveToStream(d->pdf) != HPDF_OK)
		goto fail;
	size = HPDF_GetStreamSize(d->pdf);
	data = malloc(size ? size : 1);
	if (!data) {
		set_error(err, errlen, "mémoire insuffisante pour le PDF (%u octets).", (unsigned)size);
		return -1;
	}

	HPDF_ResetStream(d->pdf);
	if (HPDF_ReadFromStream(d->pdf, data, &size) != HPDF_OK)
		goto fail;
	*out = data;
	*len = size;
	return 0;

fail:
	free(data);
	if (!doc_failed(d, "l'enregistrement du PDF", err, errlen))
		set_error(err, errlen, "échec de l'enregistrement du PDF.");
	return -1;
}

/* Drawing helpers */

static void set_fill(HPDF_Page page, uint32_t rgb)
{
	HPDF_Page_SetRGBFill(page, ((rgb >> 16) & 0xff) / 255.0f, ((rgb >> 8) & 0xff) / 255.0f,
			     (rgb & 0xff) / 255.0f);
}

static void set_stroke(HPDF_Page page, uint32_t rgb, float width)
{
	HPDF_Page_SetRGBStroke(page, ((rgb >> 16) & 0xff) / 255.0f, ((rgb >> 8) & 0xff) / 255.0f,
			       (rgb & 0xff) / 255.0f);
	HPDF_Page_SetLineWidth(page, width);
}

static void rounded_rect(HPDF_Page page, float x, float y, float w, float h, float r)
{
	/* Control distance of a quarter circle drawn with one cubic curve. */
	const float k = 0.5523f * r;

	HPDF_Page_MoveTo(page, x + r, y);
	HPDF_Page_LineTo(page, x + w - r, y);
	HPDF_Page_CurveTo(page, x + w - r + k, y, x + w, y + r - k, x + w, y + r);
	HPDF_Page_LineTo(page, x + w, y + h - r);
	HPDF_Page_CurveTo(page, x + w, y + h - r + k, x + w - r + k, y + h, x + w - r, y + h);
	HPDF_Page_LineTo(page, x + r, y + h);
	HPDF_Page_CurveTo(page, x + r - k, y + h, x, y + h - r + k, x, y + h - r);
	HPDF_Page_LineTo(page, x, y + r);
	HPDF_Page_CurveTo(page, x, y + r - k, x + r - k, y, x + r, y);
	HPDF_Page_ClosePath(page);
}

static float text_width(HPDF_Font font, float size, const char *text)
{
	HPDF_TextWidth tw = HPDF_Font_TextWidth(font, (const HPDF_BYTE *)text, (HPDF_UINT)strlen(text));

	return tw.width * size / 1000.0f;
}

static void draw_text(HPDF_Page page, HPDF_Font font, float size, float x, float y, const char *text,
		      uint32_t rgb)
{
	set_fill(page, rgb);
	HPDF_Page_BeginText(page);
	HPDF_Page_SetFontAndSize(page, font, size);
	HPDF_Page_TextOut(page, x, y, text);
	HPDF_Page_EndText(page);
}

static void draw_text_centred(HPDF_Page page, HPDF_Font font, float size, float centre_x, float y,
			      const char *text, uint32_t rgb)
{
	draw_text(page, font, size, centre_x - text_width(font, size, text) / 2, y, text, rgb);
}

/*
 * Choose the largest size from `max_size` down to `min_size` at which
 * `text` fits `width` points, stored in *size. When even `min_size` is too
 * large, cut the text on a character boundary into `cut` and end it with
 * "…". Returns the text to draw: `text` itself or `cut`.
 */
static const char *text_fit(HPDF_Font font, const char *text, float width, float max_size,
			    float min_size, float *size, char *cut, size_t cutlen)
{
	float full = text_width(font, 1000.0f, text);
	size_t n = strlen(text);

	*size = full > 0 ? width * 1000.0f / full : max_size;
	if (*size > max_size)
		*size = max_size;
	if (*size >= min_size)
		return text;

	*size = min_size;
	while (n > 0) {
		/* Step back one UTF-8 character: skip continuation bytes. */
		do
			n--;
		while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80);
		snprintf(cut, cutlen, "%.*s…", (int)n, text);
		if (text_width(font, min_size, cut) <= width)
			return cut;
	}
	snprintf(cut, cutlen, "…");
	return cut;
}

/* Draw `text` at the largest size that fits, from `max_size` down. */
static float draw_text_fit(HPDF_Page page, HPDF_Font font, float max_size, float min_size, float x,
			   float y, float width, const char *text, uint32_t rgb)
{
	char cut[CARDS_TEXT_MAX + sizeof("…")];
	float size;
	const char *fitted = text_fit(font, text, width, max_size, min_size, &size, cut, sizeof(cut));

	draw_text(page, font, size, x, y, fitted, rgb);
	return text_width(font, size, fitted);
}

/* Card parts */

static float frame_x(const struct frame *f, float mm)
{
	return f->left + MM(mm);
}

static float frame_y(const struct frame *f, float mm)
{
	return f->top - MM(mm);
}

/* Draw the level on a white badge at the right of the header band. Returns
 * the badge's width with the gap before it, or 0 when there is no level. */
static float draw_level(const struct doc *d, const struct frame *f, const struct card *c)
{
	const float size = 9;
	float w, x;

	if (!c->level || !*c->level)
		return 0;
	w = text_width(d->bold, size, c->level) + MM(3);
	if (w > MM(LEVEL_BADGE_MAX_MM))
		w = MM(LEVEL_BADGE_MAX_MM);
	x = frame_x(f, CARD_W_MM - PAD_MM) - w;

	set_fill(f->page, COLOUR_WHITE);
	rounded_rect(f->page, x, frame_y(f, HEADER_H_MM - 1), w, MM(HEADER_H_MM - 2), MM(1.2f));
	HPDF_Page_Fill(f->page);
	draw_text_fit(f->page, d->bold, size, 6, x + MM(1.5f), frame_y(f, 4.9f), w - MM(3), c->level,
		      COLOUR_ACCENT);
	return w + MM(2);
}

/* Draw the header band with the structure name and the level. */
static void draw_header(const struct doc *d, const struct frame *f, const struct card *c)
{
	float level_w;

	set_fill(f->page, COLOUR_SLATE);
	HPDF_Page_Rectangle(f->page, f->left, frame_y(f, HEADER_H_MM), MM(CARD_W_MM), MM(HEADER_H_MM));
	HPDF_Page_Fill(f->page);

	level_w = draw_level(d, f, c);
	if (c->structure_name && *c->structure_name)
		draw_text_fit(f->page, d->bold, 9, 6, frame_x(f, PAD_MM), frame_y(f, 4.9f),
			      MM(CARD_W_MM - 2 * PAD_MM) - level_w, c->structure_name, COLOUR_WHITE);
}

static float initial_width(const struct doc *d, const struct card *c)
{
	float w;

	if (!c->last_initial || !*c->last_initial)
		return 0;
	w = text_width(d->regular, INITIAL_PT, c->last_initial) + MM(2);
	/* An initial longer than a third of the column is left out. */
	return w > MM(TEXT_COLUMN_W_MM) / 3 ? 0 : w;
}

static void draw_initial(const struct doc *d, const struct frame *f, const struct card *c, float x,
			 float baseline_mm)
{
	if (initial_width(d, c) > 0)
		draw_text(f->page, d->regular, INITIAL_PT, x + MM(2), frame_y(f, baseline_mm),
			  c->last_initial, COLOUR_MUTED);
}

/* Return the byte offset at which a long first name wraps: the space, or
 * the byte after the hyphen, nearest the middle. Returns 0 without one. */
static size_t name_break(const char *name)
{
	size_t len = strlen(name), best = 0, i;

	for (i = 1; i + 1 < len; i++) {
		size_t at = name[i] == '-' ? i + 1 : i;
		size_t dist, best_dist;

		if (name[i] != ' ' && name[i] != '-')
			continue;
		dist = at > len / 2 ? at - len / 2 : len / 2 - at;
		best_dist = best > len / 2 ? best - len / 2 : len / 2 - best;
		if (best == 0 || dist < best_dist)
			best = at;
	}
	return best;
}

/* Draw a first name on two lines, split at byte `split`, at one size. */
static void draw_name_lines(const struct doc *d, const struct frame *f, const struct card *c,
			    size_t split, float width)
{
	char first[CARDS_TEXT_MAX + 1], cut[CARDS_TEXT_MAX + sizeof("…")];
	const char *second = c->first_name + split;
	float first_size, second_size, second_w;

	/* A hyphen stays at the end of the first line, a space is dropped. */
	snprintf(first, sizeof(first), "%.*s", (int)split, c->first_name);
	if (*second == ' ')
		second++;
	text_fit(d->bold, first, width, NAME_WRAPPED_PT, NAME_MIN_PT, &first_size, cut, sizeof(cut));
	text_fit(d->bold, second, width, NAME_WRAPPED_PT, NAME_MIN_PT, &second_size, cut, sizeof(cut));
	if (second_size < first_size)
		first_size = second_size;

	draw_text_fit(f->page, d->bold, first_size, NAME_MIN_PT, frame_x(f, PAD_MM), frame_y(f, 13.5f),
		      width, first, COLOUR_INK);
	second_w = draw_text_fit(f->page, d->bold, first_size, NAME_MIN_PT, frame_x(f, PAD_MM),
				 frame_y(f, 19), width, second, COLOUR_INK);
	draw_initial(d, f, c, frame_x(f, PAD_MM) + second_w, 19);
}

/*
 * Draw the first name in large type, followed by the initial of the last name.
 * A name that would shrink below NAME_WRAP_PT on one line goes on two
 * lines when it has a space or a hyphen.
 */
static void draw_name(const struct doc *d, const struct frame *f, const struct card *c)
{
	char cut[CARDS_TEXT_MAX + sizeof("…")];
	float width = MM(TEXT_COLUMN_W_MM) - initial_width(d, c);
	size_t split = name_break(c->first_name);
	float size, name_w;

	text_fit(d->bold, c->first_name, width, NAME_PT, NAME_MIN_PT, &size, cut, sizeof(cut));
	if (size < NAME_WRAP_PT && split > 0) {
		draw_name_lines(d, f, c, split, width);
		return;
	}
	name_w = draw_text_fit(f->page, d->bold, NAME_PT, NAME_MIN_PT, frame_x(f, PAD_MM),
			       frame_y(f, 18.5f), width, c->first_name, COLOUR_INK);
	draw_initial(d, f, c, frame_x(f, PAD_MM) + name_w, 18.5f);
}

/*
 * Draw "Code : DEMO" across the text column, the label and the code at one
 * size. The code is never cut, because the widest code allowed (16 "W")
 * still fits the column at 6.8 points.
 */
static void draw_code(const struct doc *d, const struct frame *f, const struct card *c)
{
	static const char label[] = "Code : ";
	float full = text_width(d->regular, 1000, label) + text_width(d->bold, 1000, c->structure_code);
	float size = MM(TEXT_COLUMN_W_MM) * 1000 / full;
	float x = frame_x(f, PAD_MM);

	if (size > CODE_PT)
		size = CODE_PT;
	draw_text(f->page, d->regular, size, x, frame_y(f, 27), label, COLOUR_INK);
	draw_text(f->page, d->bold, size, x + text_width(d->regular, size, label), frame_y(f, 27),
		  c->structure_code, COLOUR_INK);
}

static void draw_tile(const struct doc *d, const struct frame *f, size_t i, const char *picture)
{
	float x = frame_x(f, PAD_MM + i * (TILE_MM + TILE_GAP_MM));
	float top = frame_y(f, TILE_TOP_MM);
	char number[4];

	set_fill(f->page, COLOUR_PAPER);
	set_stroke(f->page, COLOUR_LINE, 0.8f);
	rounded_rect(f->page, x, top - MM(TILE_MM), MM(TILE_MM), MM(TILE_MM), MM(2));
	HPDF_Page_FillStroke(f->page);
	cards_picture_draw(f->page, picture, x + MM(2.5f), top - MM(TILE_MM - 2), MM(TILE_MM - 4));

	/* The position, on a round badge over the tile's top-left corner. */
	snprintf(number, sizeof(number), "%zu", i + 1);
	set_fill(f->page, COLOUR_SLATE);
	HPDF_Page_Circle(f->page, x + MM(0.6f), top - MM(0.6f), MM(2.6f));
	HPDF_Page_Fill(f->page);
	draw_text_centred(f->page, d->bold, 9, x + MM(0.6f), top - MM(0.6f) - 3.2f, number, COLOUR_WHITE);
}

static void draw_pictures(const struct doc *d, const struct frame *f, const struct card *c)
{
	size_t i;

	draw_text(f->page, d->regular, 8, frame_x(f, PAD_MM), frame_y(f, 33), "Mes 3 images, dans l’ordre :",
		  COLOUR_MUTED);
	for (i = 0; i < CARDS_PICTURE_COUNT; i++)
		draw_tile(d, f, i, c->pictures[i]);
}

/* Fill the dark modules row by row, one rectangle per horizontal run. */
static void qr_fill_modules(HPDF_Page page, const QRcode *qr, float x, float top, float module)
{
	int row, col, start;

	set_fill(page, COLOUR_QR);
	for (row = 0; row < qr->width; row++) {
		const unsigned char *line = qr->data + (size_t)row * qr->width;

		for (col = 0; col < qr->width; col++) {
			if (!(line[col] & 1))
				continue;
			start = col;
			while (col < qr->width && (line[col] & 1))
				col++;
			HPDF_Page_Rectangle(page, x + start * module, top - (row + 1) * module,
					    (col - start) * module, module);
		}
	}
	HPDF_Page_Fill(page);
}

static int draw_qr(const struct doc *d, const struct frame *f, const struct card *c, char *err,
		   size_t errlen)
{
	QRcode *qr = QRcode_encodeString(c->qr_url, QR_MIN_VERSION, QR_ECLEVEL_M, QR_MODE_8, 1);
	float module;

	if (!qr) {
		set_error(err, errlen, "échec du codage du QR code : %s.", strerror(errno));
		return -1;
	}
	module = MM(QR_BOX_MM) / (qr->width + 2 * QR_QUIET_MODULES);
	qr_fill_modules(f->page, qr, frame_x(f, QR_LEFT_MM) + QR_QUIET_MODULES * module,
			frame_y(f, QR_TOP_MM) - QR_QUIET_MODULES * module, module);
	QRcode_free(qr);

	draw_text_centred(f->page, d->regular, 8, frame_x(f, QR_LEFT_MM + QR_BOX_MM / 2),
			  frame_y(f, QR_TOP_MM + QR_BOX_MM + 3), "Ou scanne ce code", COLOUR_INK);
	draw_text_centred(f->page, d->regular, 8, frame_x(f, QR_LEFT_MM + QR_BOX_MM / 2),
			  frame_y(f, QR_TOP_MM + QR_BOX_MM + 6.5f), "avec la tablette", COLOUR_INK);
	return 0;
}

static void draw_footer(const struct doc *d, const struct frame *f)
{
	set_stroke(f->page, COLOUR_LINE, 0.6f);
	HPDF_Page_MoveTo(f->page, frame_x(f, PAD_MM), frame_y(f, 57));
	HPDF_Page_LineTo(f->page, frame_x(f, CARD_W_MM - PAD_MM), frame_y(f, 57));
	HPDF_Page_Stroke(f->page);
	draw_text_centred(f->page, d->bold, 9, frame_x(f, CARD_W_MM / 2), frame_y(f, 61.5f),
			  "Garde ta carte dans ton cahier.", COLOUR_SLATE);
}

static int draw_card(const struct doc *d, const struct frame *f, const struct card *c, char *err,
		     size_t errlen)
{
	/* The cutting line around the card. */
	set_stroke(f->page, COLOUR_CUT, 0.5f);
	HPDF_Page_Rectangle(f->page, f->left, f->top - MM(CARD_H_MM), MM(CARD_W_MM), MM(CARD_H_MM));
	HPDF_Page_Stroke(f->page);

	draw_header(d, f, c);
	draw_name(d, f, c);
	draw_code(d, f, c);
	draw_pictures(d, f, c);
	draw_footer(d, f);
	return draw_qr(d, f, c, err, errlen);
}

/* Pages */

static void crop_mark(HPDF_Page page, float x0, float y0, float x1, float y1)
{
	HPDF_Page_MoveTo(page, x0, y0);
	HPDF_Page_LineTo(page, x1, y1);
}

/* Draw short black marks in the margins in line with every cut, for a
 * paper cutter, around `columns` x `rows` cards from the grid's top-left. */
static void draw_crop_marks(HPDF_Page page, int columns, int rows)
{
	float left = MM(GRID_LEFT_MM), right = MM(GRID_LEFT_MM + columns * CARD_W_MM);
	float top = MM(PAGE_H_MM - GRID_TOP_MM), bottom = top - rows * MM(CARD_H_MM);
	float gap = MM(CROP_GAP_MM), mark = MM(CROP_MARK_MM);
	int i;

	set_stroke(page, COLOUR_INK, 0.5f);
	for (i = 0; i <= columns; i++) {
		float x = left + i * MM(CARD_W_MM);

		crop_mark(page, x, top + gap, x, top + gap + mark);
		crop_mark(page, x, bottom - gap, x, bottom - gap - mark);
	}
	for (i = 0; i <= rows; i++) {
		float y = top - i * MM(CARD_H_MM);

		crop_mark(page, left - gap, y, left - gap - mark, y);
		crop_mark(page, right + gap, y, right + gap + mark, y);
	}
	HPDF_Page_Stroke(page);
}

static void draw_page_notes(const struct doc *d, HPDF_Page page, size_t page_no, size_t pages)
{
	char heading[96];

	snprintf(heading, sizeof(heading), "Ardoise · cartes de connexion · page %zu sur %zu", page_no, pages);
	draw_text_centred(page, d->regular, 7, MM(PAGE_W_MM / 2), MM(PAGE_H_MM - 7), heading, COLOUR_MUTED);
	draw_text_centred(page, d->regular, 7, MM(PAGE_W_MM / 2), MM(5),
			  "Découpez les cartes en suivant les traits gris.", COLOUR_MUTED);
}

/* Add one page holding cards[0 .. count - 1], count <= CARDS_PER_PAGE. */
static int page_render(struct doc *d, const struct card *cards, size_t count, size_t page_no,
		       size_t pages, char *err, size_t errlen)
{
	struct frame f;
	size_t i;

	f.page = HPDF_AddPage(d->pdf);
	if (!f.page || doc_failed(d, "l'ajout d'une page", err, errlen))
		return -1;
	HPDF_Page_SetWidth(f.page, MM(PAGE_W_MM));
	HPDF_Page_SetHeight(f.page, MM(PAGE_H_MM));

	for (i = 0; i < count; i++) {
		f.left = MM(GRID_LEFT_MM + (i % GRID_COLUMNS) * CARD_W_MM);
		f.top = MM(PAGE_H_MM - GRID_TOP_MM - (i / GRID_COLUMNS) * CARD_H_MM);
		if (draw_card(d, &f, &cards[i], err, errlen) < 0)
			return -1;
	}
	draw_crop_marks(f.page, count < GRID_COLUMNS ? (int)count : GRID_COLUMNS,
			(int)((count + GRID_COLUMNS - 1) / GRID_COLUMNS));
	draw_page_notes(d, f.page, page_no, pages);
	return doc_failed(d, "le dessin d'une page", err, errlen) ? -1 : 0;
}

int cards_render_pdf(const struct card *cards, size_t count, unsigned char **out, size_t *len,
		     char *err, size_t errlen)
{
	struct doc d = { 0 };
	size_t pages = (count + CARDS_PER_PAGE - 1) / CARDS_PER_PAGE;
	size_t i;
	int ret = -1;

	*out = NULL;
	*len = 0;
	if (cards_check(cards, count, err, errlen) < 0)
		return -1;
	if (doc_open(&d, err, errlen) < 0)
		goto out;

	for (i = 0; i < count; i += CARDS_PER_PAGE) {
		size_t n = count - i < CARDS_PER_PAGE ? count - i : CARDS_PER_PAGE;

		if (page_render(&d, cards + i, n, i / CARDS_PER_PAGE + 1, pages, err, errlen) < 0)
			goto out;
	}
	if (doc_save(&d, out, len, err, errlen) < 0)
		goto out;
	ret = 0;

out:
	if (d.pdf)
		HPDF_Free(d.pdf);
	return ret;
}
