/*
 * The 9 login pictures redrawn as PDF paths, one function per picture.
 *
 * Coordinates are those of static/img/pictures/<id>.svg (viewBox 0 0 64 64,
 * y pointing down): cards_picture_draw() sets a transform that maps that box
 * onto the page, so every number below can be checked against the SVG.
 * SVG quadratic curves become cubic curves with the same shape.
 */
#include "org/cards.h"

#include <stdint.h>
#include <string.h>

#define SVG_BOX 64.0f

typedef void (*picture_draw_fn)(HPDF_Page page);

static void set_fill(HPDF_Page page, uint32_t rgb)
{
	HPDF_Page_SetRGBFill(page, ((rgb >> 16) & 0xff) / 255.0f, ((rgb >> 8) & 0xff) / 255.0f,
			     (rgb & 0xff) / 255.0f);
}

/* Set the stroke colour, line width and round caps and joins. */
static void set_stroke(HPDF_Page page, uint32_t rgb, float width)
{
	HPDF_Page_SetRGBStroke(page, ((rgb >> 16) & 0xff) / 255.0f, ((rgb >> 8) & 0xff) / 255.0f,
			       (rgb & 0xff) / 255.0f);
	HPDF_Page_SetLineWidth(page, width);
	HPDF_Page_SetLineCap(page, HPDF_ROUND_END);
	HPDF_Page_SetLineJoin(page, HPDF_ROUND_JOIN);
}

static void fill_circle(HPDF_Page page, float cx, float cy, float r, uint32_t rgb)
{
	set_fill(page, rgb);
	HPDF_Page_Circle(page, cx, cy, r);
	HPDF_Page_Fill(page);
}

static void fill_ellipse(HPDF_Page page, float cx, float cy, float rx, float ry, uint32_t rgb)
{
	set_fill(page, rgb);
	HPDF_Page_Ellipse(page, cx, cy, rx, ry);
	HPDF_Page_Fill(page);
}

static void fill_rect(HPDF_Page page, float x, float y, float w, float h, uint32_t rgb)
{
	set_fill(page, rgb);
	HPDF_Page_Rectangle(page, x, y, w, h);
	HPDF_Page_Fill(page);
}

/* Add a closed polygon of `n` points (x, y pairs) to the current path. */
static void polygon(HPDF_Page page, const float *xy, size_t n)
{
	size_t i;

	HPDF_Page_MoveTo(page, xy[0], xy[1]);
	for (i = 1; i < n; i++)
		HPDF_Page_LineTo(page, xy[2 * i], xy[2 * i + 1]);
	HPDF_Page_ClosePath(page);
}

static void fill_polygon(HPDF_Page page, const float *xy, size_t n, uint32_t rgb)
{
	set_fill(page, rgb);
	polygon(page, xy, n);
	HPDF_Page_Fill(page);
}

/* Add a quadratic curve from (x0, y0), control (qx, qy), to (x, y). */
static void quad_to(HPDF_Page page, float x0, float y0, float qx, float qy, float x, float y)
{
	HPDF_Page_CurveTo(page, x0 + 2.0f / 3 * (qx - x0), y0 + 2.0f / 3 * (qy - y0),
			  x + 2.0f / 3 * (qx - x), y + 2.0f / 3 * (qy - y), x, y);
}

static void segment(HPDF_Page page, float x0, float y0, float x1, float y1)
{
	HPDF_Page_MoveTo(page, x0, y0);
	HPDF_Page_LineTo(page, x1, y1);
}

static void draw_chat(HPDF_Page page)
{
	static const float left_ear[] = { 13, 30, 11, 6, 30, 18 };
	static const float right_ear[] = { 51, 30, 53, 6, 34, 18 };
	static const float left_inner[] = { 16, 22, 15, 13, 23, 19 };
	static const float right_inner[] = { 48, 22, 49, 13, 41, 19 };
	static const float nose[] = { 28.5f, 42, 35.5f, 42, 32, 46 };

	fill_polygon(page, left_ear, 3, 0xE8791C);
	fill_polygon(page, right_ear, 3, 0xE8791C);
	fill_polygon(page, left_inner, 3, 0xF7B6C2);
	fill_polygon(page, right_inner, 3, 0xF7B6C2);
	fill_circle(page, 32, 37, 22, 0xF28C28);
	fill_ellipse(page, 24, 34, 3.5f, 5, 0x2B2520);
	fill_ellipse(page, 40, 34, 3.5f, 5, 0x2B2520);
	fill_polygon(page, nose, 3, 0xD9456B);

	/* Mouth and whiskers. */
	set_stroke(page, 0x2B2520, 2);
	HPDF_Page_MoveTo(page, 32, 46);
	quad_to(page, 32, 46, 29, 51, 25, 48);
	HPDF_Page_MoveTo(page, 32, 46);
	quad_to(page, 32, 46, 35, 51, 39, 48);
	segment(page, 20, 43, 4, 43);
	segment(page, 20, 47, 6, 52);
	segment(page, 44, 43, 60, 43);
	segment(page, 44, 47, 58, 52);
	HPDF_Page_Stroke(page);
}

static void draw_soleil(HPDF_Page page)
{
	set_stroke(page, 0xF28C28, 5);
	segment(page, 32, 3, 32, 13);
	segment(page, 32, 51, 32, 61);
	segment(page, 3, 32, 13, 32);
	segment(page, 51, 32, 61, 32);
	segment(page, 11.5f, 11.5f, 18.5f, 18.5f);
	segment(page, 45.5f, 45.5f, 52.5f, 52.5f);
	segment(page, 11.5f, 52.5f, 18.5f, 45.5f);
	segment(page, 45.5f, 18.5f, 52.5f, 11.5f);
	HPDF_Page_Stroke(page);

	set_fill(page, 0xFFC933);
	set_stroke(page, 0xF28C28, 3);
	HPDF_Page_Circle(page, 32, 32, 15);
	HPDF_Page_FillStroke(page);
}

static void draw_arbre(HPDF_Page page)
{
	set_stroke(page, 0x6B8E23, 4);
	segment(page, 6, 60, 58, 60);
	HPDF_Page_Stroke(page);

	fill_rect(page, 27, 36, 10, 24, 0x8B5A2B);
	fill_circle(page, 19, 32, 12, 0x2E8B3E);
	fill_circle(page, 45, 32, 12, 0x2E8B3E);
	fill_circle(page, 32, 21, 17, 0x3FA34D);
	fill_circle(page, 24, 20, 3, 0xE53935);
	fill_circle(page, 40, 26, 3, 0xE53935);
	fill_circle(page, 44, 36, 3, 0xE53935);
}

static void draw_maison(HPDF_Page page)
{
	static const float roof[] = { 4, 33, 32, 7, 60, 33 };

	fill_rect(page, 40, 8, 8, 18, 0x8B5A2B);
	fill_rect(page, 12, 30, 40, 28, 0xF5D28A);
	fill_polygon(page, roof, 3, 0xD9462B);
	fill_rect(page, 27, 42, 10, 16, 0x8B5A2B);

	/* Windows with a white frame. */
	set_fill(page, 0x6EC1E4);
	set_stroke(page, 0xFFFFFF, 1.5f);
	HPDF_Page_SetLineJoin(page, HPDF_MITER_JOIN);
	HPDF_Page_Rectangle(page, 16, 38, 8, 8);
	HPDF_Page_Rectangle(page, 40, 38, 8, 8);
	HPDF_Page_FillStroke(page);

	fill_circle(page, 34.5f, 50, 1.3f, 0xF5D28A);
}

static void draw_poisson(HPDF_Page page)
{
	static const float tail[] = { 44, 32, 61, 17, 61, 47 };

	fill_polygon(page, tail, 3, 0x1E78B4);
	fill_ellipse(page, 28, 32, 23, 16, 0x35A7E0);

	/* Dorsal fin. */
	set_fill(page, 0x1E78B4);
	HPDF_Page_MoveTo(page, 22, 17);
	quad_to(page, 22, 17, 30, 8, 38, 18);
	HPDF_Page_ClosePath(page);
	HPDF_Page_Fill(page);

	/* Gill line. */
	set_stroke(page, 0x1E78B4, 3);
	HPDF_Page_MoveTo(page, 27, 23);
	quad_to(page, 27, 23, 33, 32, 27, 41);
	HPDF_Page_Stroke(page);

	fill_circle(page, 15, 28, 4.5f, 0xFFFFFF);
	fill_circle(page, 14, 28, 2.3f, 0x2B2520);

	/* Mouth. */
	set_stroke(page, 0x2B2520, 2);
	HPDF_Page_MoveTo(page, 6, 36);
	quad_to(page, 6, 36, 9, 38, 12, 36);
	HPDF_Page_Stroke(page);
}

static void draw_etoile(HPDF_Page page)
{
	static const float star[] = { 32,    7,     39.1f, 25.3f, 58.6f, 26.3f, 43.4f,
				      38.7f, 48.5f, 57.7f, 32,    47,    15.5f, 57.7f,
				      20.6f, 38.7f, 5.4f,  26.3f, 24.9f, 25.3f };

	set_fill(page, 0xFFC933);
	set_stroke(page, 0xE08A00, 3);
	polygon(page, star, 10);
	HPDF_Page_FillStroke(page);
}

/* Draw the ball's three coloured gores, then its outline and highlight. */
static void draw_ballon(HPDF_Page page)
{
	fill_circle(page, 32, 32, 27, 0xFFFFFF);

	set_fill(page, 0xE53935);
	HPDF_Page_MoveTo(page, 32, 5);
	HPDF_Page_CurveTo(page, 19, 16, 19, 48, 32, 59);
	HPDF_Page_CurveTo(page, 15, 57, 5, 45, 5, 32);
	HPDF_Page_CurveTo(page, 5, 19, 15, 7, 32, 5);
	HPDF_Page_Fill(page);

	set_fill(page, 0x1E88E5);
	HPDF_Page_MoveTo(page, 32, 5);
	HPDF_Page_CurveTo(page, 45, 16, 45, 48, 32, 59);
	HPDF_Page_CurveTo(page, 49, 57, 59, 45, 59, 32);
	HPDF_Page_CurveTo(page, 59, 19, 49, 7, 32, 5);
	HPDF_Page_Fill(page);

	set_fill(page, 0xFFC933);
	HPDF_Page_MoveTo(page, 32, 5);
	HPDF_Page_CurveTo(page, 26, 16, 26, 48, 32, 59);
	HPDF_Page_CurveTo(page, 38, 48, 38, 16, 32, 5);
	HPDF_Page_Fill(page);

	set_stroke(page, 0x2B2520, 3);
	HPDF_Page_Circle(page, 32, 32, 27);
	HPDF_Page_Stroke(page);

	/* The SVG's white at 70 % opacity over the red gore, blended here
	 * because opacity needs an extended graphics state per document.
	 * The transform is rotate(-40) around (20, 18). */
	HPDF_Page_GSave(page);
	HPDF_Page_Concat(page, 0.766044f, -0.642788f, 0.642788f, 0.766044f, 20, 18);
	fill_ellipse(page, 0, 0, 4, 2.5f, 0xF7C4C2);
	HPDF_Page_GRestore(page);
}

static void draw_fleur(HPDF_Page page)
{
	static const float petals[][2] = {
		{ 32, 13 }, { 42.5f, 20.6f }, { 38.5f, 32.9f }, { 25.5f, 32.9f }, { 21.5f, 20.6f },
	};
	size_t i;

	set_stroke(page, 0x3FA34D, 4);
	segment(page, 32, 34, 32, 60);
	HPDF_Page_Stroke(page);

	/* Two leaves. */
	set_fill(page, 0x3FA34D);
	HPDF_Page_MoveTo(page, 32, 54);
	quad_to(page, 32, 54, 18, 53, 16, 41);
	quad_to(page, 16, 41, 29, 41, 32, 54);
	HPDF_Page_ClosePath(page);
	HPDF_Page_MoveTo(page, 32, 50);
	quad_to(page, 32, 50, 44, 49, 47, 39);
	quad_to(page, 47, 39, 35, 39, 32, 50);
	HPDF_Page_ClosePath(page);
	HPDF_Page_Fill(page);

	for (i = 0; i < sizeof(petals) / sizeof(petals[0]); i++)
		fill_circle(page, petals[i][0], petals[i][1], 9, 0xE84A8A);
	fill_circle(page, 32, 24, 7, 0xFFC933);
}

static void draw_bateau(HPDF_Page page)
{
	static const float yellow_sail[] = { 36, 8, 55, 38, 36, 38 };
	static const float white_sail[] = { 29, 14, 13, 38, 29, 38 };
	static const float hull[] = { 6, 42, 58, 42, 50, 54, 14, 54 };
	float x;

	fill_rect(page, 31, 6, 3, 36, 0x5B3A1E);
	fill_polygon(page, yellow_sail, 3, 0xFFC933);

	set_fill(page, 0xFFFFFF);
	set_stroke(page, 0x2B2520, 2);
	polygon(page, white_sail, 3);
	HPDF_Page_FillStroke(page);

	fill_polygon(page, hull, 4, 0xD9462B);

	/* Waves: six arches, alternately up and down, from x = 2 to 62. */
	set_stroke(page, 0x1E88E5, 3);
	HPDF_Page_MoveTo(page, 2, 59);
	for (x = 2; x < 62; x += 10) {
		float dy = ((int)(x - 2) / 10) % 2 ? 4 : -4;

		quad_to(page, x, 59, x + 5, 59 + dy, x + 10, 59);
	}
	HPDF_Page_Stroke(page);
}

static const struct {
	const char *id;
	picture_draw_fn draw;
} drawings[] = {
	{ "chat", draw_chat },       { "soleil", draw_soleil }, { "arbre", draw_arbre },
	{ "maison", draw_maison },   { "poisson", draw_poisson }, { "etoile", draw_etoile },
	{ "ballon", draw_ballon },   { "fleur", draw_fleur },   { "bateau", draw_bateau },
};

static picture_draw_fn drawing_find(const char *id)
{
	size_t i;

	for (i = 0; id && i < sizeof(drawings) / sizeof(drawings[0]); i++)
		if (strcmp(drawings[i].id, id) == 0)
			return drawings[i].draw;
	return NULL;
}

bool cards_picture_known(const char *id)
{
	return drawing_find(id) != NULL;
}

int cards_picture_draw(HPDF_Page page, const char *id, float x, float y, float size)
{
	picture_draw_fn draw = drawing_find(id);
	float scale = size / SVG_BOX;

	if (!draw)
		return -1;

	/* Map the SVG box, y down, onto the square, y up. */
	HPDF_Page_GSave(page);
	HPDF_Page_Concat(page, scale, 0, 0, -scale, x, y + size);
	draw(page);
	HPDF_Page_GRestore(page);
	return 0;
}
