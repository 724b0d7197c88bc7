/* CSV and OpenDocument spreadsheet writer. */
#include "eval/sheet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#define ODS_MIMETYPE "application/vnd.oasis.opendocument.spreadsheet"
#define ZIP_MAX_ENTRIES 3

void sheet_init(struct sheet *s, const char *name)
{
	buf_init(&s->csv, 0);
	buf_init(&s->xml, 0);
	s->row_open = false;
	s->cell_written = false;
	s->rows = NULL;
	s->row_count = s->row_cap = 0;
	s->cells = s->max_cells = 0;
	buf_html(&s->xml, "<table:table table:name=\"%s\">", name);
}

void sheet_release(struct sheet *s)
{
	buf_release(&s->csv);
	buf_release(&s->xml);
	free(s->rows);
	s->rows = NULL;
}

static void row_close(struct sheet *s)
{
	if (!s->row_open)
		return;
	if (s->row_count == s->row_cap) {
		size_t cap = s->row_cap ? s->row_cap * 2 : 64;
		struct sheet_row_end *grown = realloc(s->rows, cap * sizeof(*grown));

		if (!grown) {
			s->csv.failed = true;
			return;
		}
		s->rows = grown;
		s->row_cap = cap;
	}
	s->rows[s->row_count].offset = s->csv.len;
	s->rows[s->row_count++].cells = s->cells;
	if (s->cells > s->max_cells)
		s->max_cells = s->cells;
	buf_adds(&s->xml, "</table:table-row>");
	s->row_open = false;
}

void sheet_row(struct sheet *s)
{
	row_close(s);
	buf_adds(&s->xml, "<table:table-row>");
	s->row_open = true;
	s->cell_written = false;
	s->cells = 0;
}

static void csv_separator(struct sheet *s)
{
	if (s->cell_written)
		buf_addc(&s->csv, ',');
	s->cell_written = true;
	s->cells++;
}

void sheet_text(struct sheet *s, const char *text)
{
	const char *p;

	csv_separator(s);
	if (strpbrk(text, ",\"\r\n")) {
		buf_addc(&s->csv, '"');
		for (p = text; *p; p++) {
			if (*p == '"')
				buf_addc(&s->csv, '"');
			buf_addc(&s->csv, *p);
		}
		buf_addc(&s->csv, '"');
	} else {
		buf_adds(&s->csv, text);
	}
	buf_html(&s->xml, "<table:table-cell office:value-type=\"string\"><text:p>%s</text:p></table:table-cell>", text);
}

void sheet_number_format(double value, int decimals, char *out, size_t size)
{
	char *dot, *end;

	snprintf(out, size, "%.*f", decimals, value);
	dot = strchr(out, '.');
	if (!dot)
		return;
	end = out + strlen(out) - 1;
	while (end > dot && *end == '0')
		*end-- = '\0';
	if (end == dot)
		*end = '\0';
	if (strcmp(out, "-0") == 0)
		snprintf(out, size, "0");
}

void sheet_number(struct sheet *s, double value, int decimals)
{
	char text[64];

	sheet_number_format(value, decimals, text, sizeof(text));
	csv_separator(s);
	buf_adds(&s->csv, text);
	buf_html(&s->xml, "<table:table-cell office:value-type=\"float\" office:value=\"%s\"><text:p>%s</text:p></table:table-cell>",
		 text, text);
}

void sheet_blank(struct sheet *s)
{
	csv_separator(s);
	buf_adds(&s->xml, "<table:table-cell/>");
}

int sheet_csv(struct sheet *s, struct buf *out)
{
	size_t i, start = 0;
	int k;

	row_close(s);
	for (i = 0; i < s->row_count; i++) {
		buf_add(out, buf_cstr(&s->csv) + start, s->rows[i].offset - start);
		for (k = s->rows[i].cells > 0 ? s->rows[i].cells : 1; k < s->max_cells; k++)
			buf_addc(out, ',');
		buf_adds(out, "\r\n");
		start = s->rows[i].offset;
	}
	return buf_failed(&s->csv) || buf_failed(out) ? -1 : 0;
}

/* ---- zip (stored entries only) ---- */

struct zip_entry {
	const char *name;
	uint32_t crc, size, offset;
};

static void le16(struct buf *b, uint32_t v)
{
	buf_addc(b, (char)(v & 0xff));
	buf_addc(b, (char)(v >> 8 & 0xff));
}

static void le32(struct buf *b, uint32_t v)
{
	le16(b, v & 0xffff);
	le16(b, v >> 16);
}

/* MS-DOS date and time of now (UTC), as zip headers store them. */
static void dos_time(uint32_t *date, uint32_t *clock)
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	*date = (uint32_t)((tm.tm_year - 80) << 9 | (tm.tm_mon + 1) << 5 | tm.tm_mday);
	*clock = (uint32_t)(tm.tm_hour << 11 | tm.tm_min << 5 | tm.tm_sec / 2);
}

static void zip_add(struct buf *out, struct zip_entry *e, const char *name, const char *data, size_t len)
{
	uint32_t date, clock;

	dos_time(&date, &clock);
	e->name = name;
	e->crc = (uint32_t)crc32(0L, (const Bytef *)data, (uInt)len);
	e->size = (uint32_t)len;
	e->offset = (uint32_t)out->len;
	le32(out, 0x04034b50);
	le16(out, 20);  /* version needed: 2.0 */
	le16(out, 0);   /* flags */
	le16(out, 0);   /* method: stored */
	le16(out, clock);
	le16(out, date);
	le32(out, e->crc);
	le32(out, e->size);
	le32(out, e->size);
	le16(out, (uint32_t)strlen(name));
	le16(out, 0);   /* extra field length */
	buf_adds(out, name);
	buf_add(out, data, len);
}

static void zip_finish(struct buf *out, const struct zip_entry *entries, int count)
{
	uint32_t start = (uint32_t)out->len, size, date, clock;
	int i;

	dos_time(&date, &clock);
	for (i = 0; i < count; i++) {
		const struct zip_entry *e = &entries[i];

		le32(out, 0x02014b50);
		le16(out, 20);  /* version made by */
		le16(out, 20);  /* version needed */
		le16(out, 0);
		le16(out, 0);
		le16(out, clock);
		le16(out, date);
		le32(out, e->crc);
		le32(out, e->size);
		le32(out, e->size);
		le16(out, (uint32_t)strlen(e->name));
		le16(out, 0);   /* extra */
		le16(out, 0);   /* comment */
		le16(out, 0);   /* disk */
		le16(out, 0);   /* internal attributes */
		le32(out, 0);   /* external attributes */
		le32(out, e->offset);
		buf_adds(out, e->name);
	}
	size = (uint32_t)out->len - start;
	le32(out, 0x06054b50);
	le16(out, 0);
	le16(out, 0);
	le16(out, (uint32_t)count);
	le16(out, (uint32_t)count);
	le32(out, size);
	le32(out, start);
	le16(out, 0);
}

int sheet_ods(struct sheet *s, struct buf *out)
{
	static const char manifest[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">"
		"<manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.2\" manifest:media-type=\"" ODS_MIMETYPE "\"/>"
		"<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
		"</manifest:manifest>";
	struct zip_entry entries[ZIP_MAX_ENTRIES];
	struct buf content = BUF_INIT(0);
	int rc;

	row_close(s);
	buf_adds(&content, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			   "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
			   "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
			   "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">"
			   "<office:body><office:spreadsheet>");
	buf_add(&content, buf_cstr(&s->xml), s->xml.len);
	buf_adds(&content, "</table:table></office:spreadsheet></office:body></office:document-content>");
	/* The mimetype entry comes first and uncompressed, so tools can
	 * recognise the file from its first bytes. */
	zip_add(out, &entries[0], "mimetype", ODS_MIMETYPE, strlen(ODS_MIMETYPE));
	zip_add(out, &entries[1], "META-INF/manifest.xml", manifest, strlen(manifest));
	zip_add(out, &entries[2], "content.xml", buf_cstr(&content), content.len);
	zip_finish(out, entries, ZIP_MAX_ENTRIES);
	rc = buf_failed(&content) || buf_failed(&s->xml) || buf_failed(out) ? -1 : 0;
	buf_release(&content);
	return rc;
}
