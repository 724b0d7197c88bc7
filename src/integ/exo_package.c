/* Reading a QTI 2.1 package (zip) and choosing the reader of a file. */
#define _GNU_SOURCE 1
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "integ/exo.h"
#include "integ/exo_xml.h"

#define PACKAGE_ENTRY_MAX (1024 * 1024) /* bytes of one unzipped XML file */
#define PACKAGE_ITEMS_MAX 200

/* Read the entry `name` into a new NUL-terminated buffer; NULL when it is
 * missing, too large or unreadable. */
static char *entry_read(zip_t *zip, const char *name, size_t *len)
{
	zip_stat_t st;
	zip_file_t *f;
	char *data;
	zip_int64_t got;

	if (zip_stat(zip, name, 0, &st) < 0 || !(st.valid & ZIP_STAT_SIZE) || st.size > PACKAGE_ENTRY_MAX)
		return NULL;
	data = malloc((size_t)st.size + 1);
	f = data ? zip_fopen(zip, name, 0) : NULL;
	got = f ? zip_fread(f, data, st.size) : -1;
	if (f)
		zip_fclose(f);
	if (got < 0 || (zip_uint64_t)got != st.size) {
		free(data);
		return NULL;
	}
	data[got] = '\0';
	*len = (size_t)got;
	return data;
}

/* A safe relative path: no "..", no leading '/', no backslash. */
static int href_safe(const char *href)
{
	return href[0] && href[0] != '/' && !strstr(href, "..") && !strchr(href, '\\') && !strchr(href, ':');
}

static void item_read(zip_t *zip, const char *href, struct exo_set *s)
{
	size_t len;
	char *data;

	if (!href_safe(href)) {
		exo_report(s, 0, "%.100s : chemin refusé dans le paquet", href);
		return;
	}
	data = entry_read(zip, href, &len);
	if (!data) {
		exo_report(s, 0, "%.100s : fichier absent du paquet, illisible ou de plus de 1 Mio", href);
		return;
	}
	exo_read_qti_item(data, len, href, s);
	free(data);
}

/* Each resource of an item type listed by the manifest. */
static void manifest_read(zip_t *zip, const xmlNode *root, struct exo_set *s)
{
	const xmlNode *res;
	char type[64], href[256];
	size_t items = 0;

	for (res = exo_xml_child(exo_xml_child(root, "resources"), "resource"); res; res = exo_xml_next(res, "resource")) {
		exo_xml_attr(res, "type", type, sizeof(type));
		exo_xml_attr(res, "href", href, sizeof(href));
		if (strncmp(type, "imsqti_item", 11) != 0) {
			if (strncmp(type, "imsqti_test", 11) == 0)
				exo_report(s, 0, "%.100s : test QTI ignoré (ses items sont lus un par un)", href);
			continue;
		}
		if (++items > PACKAGE_ITEMS_MAX) {
			exo_report(s, 0, "plus de %d items dans le paquet : les suivants sont ignorés", PACKAGE_ITEMS_MAX);
			return;
		}
		item_read(zip, href, s);
	}
}

int exo_read_qti_package(const char *data, size_t len, struct exo_set *s)
{
	zip_error_t error;
	zip_source_t *src;
	zip_t *zip = NULL;
	xmlDoc *doc = NULL;
	char *manifest = NULL;
	size_t manifest_len;

	zip_error_init(&error);
	src = zip_source_buffer_create(data, len, 0, &error);
	if (src && !(zip = zip_open_from_source(src, ZIP_RDONLY, &error)))
		zip_source_free(src);
	if (!zip)
		exo_report(s, 0, "archive zip illisible");
	else if (!(manifest = entry_read(zip, "imsmanifest.xml", &manifest_len)))
		exo_report(s, 0, "imsmanifest.xml absent du paquet : ce n'est pas un paquet QTI");
	else if (!(doc = exo_xml_read(manifest, manifest_len)) || strcmp((const char *)xmlDocGetRootElement(doc)->name, "manifest") != 0)
		exo_report(s, 0, "imsmanifest.xml mal formé (élément <manifest> attendu)");
	else
		manifest_read(zip, xmlDocGetRootElement(doc), s);
	xmlFreeDoc(doc);
	free(manifest);
	if (zip)
		zip_discard(zip);
	zip_error_fini(&error);
	if (s->count == 0)
		exo_report(s, 0, "aucune question convertie");
	return s->count ? 0 : -1;
}

static int ends_with(const char *name, const char *suffix)
{
	size_t n = strlen(name), k = strlen(suffix);

	return n >= k && strcasecmp(name + n - k, suffix) == 0;
}

int exo_read_any(const char *name, const char *data, size_t len, struct exo_set *s)
{
	if (len > EXO_FILE_MAX) {
		exo_report(s, 0, "fichier trop gros (8 Mio au plus)");
		return -1;
	}
	if (len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0)
		return exo_read_qti_package(data, len, s);
	if (ends_with(name, ".gift") || ends_with(name, ".txt"))
		return exo_read_gift(data, len, s);
	if (ends_with(name, ".xml")) {
		if (memmem(data, len, "<assessmentItem", 15))
			return exo_read_qti_item(data, len, name, s);
		return exo_read_moodle(data, len, s);
	}
	exo_report(s, 0, "format inconnu : donnez un fichier .gift ou .txt (GIFT), .xml (Moodle XML ou item QTI) ou .zip (paquet QTI 2.1)");
	return -1;
}
