/* Small libxml2 helpers shared by the Moodle XML and QTI readers. */
#ifndef ARDOISE_INTEG_EXO_XML_H
#define ARDOISE_INTEG_EXO_XML_H

#include <libxml/tree.h>
#include <stddef.h>

/* Parse without network, entities or DTD; NULL when not well-formed or
 * when it declares a document type (refused). */
xmlDoc *exo_xml_read(const char *data, size_t len);
/* The first child element named `name` (any namespace), or NULL. */
xmlNode *exo_xml_child(const xmlNode *n, const char *name);
/* The next sibling element named `name` after `n`, or NULL. */
xmlNode *exo_xml_next(const xmlNode *n, const char *name);
/* The element's text content as plain text (HTML removed when `html`)
 * into `out`; -1 when it does not fit. A NULL node gives "". */
int exo_xml_text(const xmlNode *n, int html, char *out, size_t size);
/* The attribute's value into `out` ("" when absent). */
void exo_xml_attr(const xmlNode *n, const char *name, char *out, size_t size);

#endif
