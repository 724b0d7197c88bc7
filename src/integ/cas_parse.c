/* Reading the XML answer of CAS serviceValidate with libxml2. */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "integ/cas.h"

#define CAS_NS "http://www.yale.edu/tp/cas"

/* Attribute names used by ENTs for the values Ardoise needs. */
static const char *const first_name_names[] = { "givenName", "firstName", "prenom", "ENTPersonPrenom", NULL };
static const char *const last_name_names[] = { "sn", "lastName", "nom", "ENTPersonNom", NULL };
static const char *const profile_names[] = { "ENTPersonProfils", "profile", "profils", NULL };
static const char *const class_names[] = { "ENTEleveClasses", "classes", "classe", NULL };

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

/* libxml2 prints some errors (encoding ones) whatever the parse options:
 * the caller reports a failed parse itself. */
static void xml_quiet(void *ctx, const char *fmt, ...)
{
}

static void xml_quiet_structured(void *ctx, xmlErrorPtr error)
{
}

static void xml_init(void)
{
	xmlInitParser();
}

static int name_in(const xmlChar *name, const char *const *names)
{
	for (; *names; names++)
		if (strcmp((const char *)name, *names) == 0)
			return 1;
	return 0;
}

static int is_cas(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns && n->ns->href && strcmp((const char *)n->ns->href, CAS_NS) == 0 &&
	       strcmp((const char *)n->name, name) == 0;
}

static const xmlNode *first_element(const xmlNode *n)
{
	for (; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return n;
	return NULL;
}

/* Copy the trimmed text of `n` into `out`; -1 when it is too long or holds
 * a control character. */
static int text_copy(const xmlNode *n, char *out, size_t size)
{
	xmlChar *content = xmlNodeGetContent(n);
	const char *s = content ? (const char *)content : "";
	size_t len, i;
	int rc = -1;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' || s[len - 1] == '\r'))
		len--;
	if (len < size) {
		for (i = 0; i < len && (unsigned char)s[i] >= 0x20 && s[i] != 0x7f; i++)
			;
		if (i == len) {
			memcpy(out, s, len);
			out[len] = '\0';
			rc = 0;
		}
	}
	xmlFree(content);
	return rc;
}

static void reason_set(char *reason, size_t size, const char *text)
{
	snprintf(reason, size, "%s", text);
}

/* Add one value to a multi-valued attribute; extra values are dropped. */
static int value_add(const xmlNode *n, char (*values)[CAS_VALUE_MAX + 1], size_t *count)
{
	if (*count == CAS_MAX_VALUES)
		return 0;
	if (text_copy(n, values[*count], CAS_VALUE_MAX + 1) < 0)
		return -1;
	if (values[*count][0])
		(*count)++;
	return 0;
}

static int attributes_read(const xmlNode *n, struct cas_attributes *out, char *reason, size_t size)
{
	int rc = 0;

	for (; n && rc == 0; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (name_in(n->name, first_name_names))
			rc = text_copy(n, out->first_name, sizeof(out->first_name));
		else if (name_in(n->name, last_name_names))
			rc = text_copy(n, out->last_name, sizeof(out->last_name));
		else if (name_in(n->name, profile_names))
			rc = value_add(n, out->profiles, &out->profile_count);
		else if (name_in(n->name, class_names))
			rc = value_add(n, out->classes, &out->class_count);
	}
	if (rc < 0)
		reason_set(reason, size, "attribute value too long or with a control character");
	return rc;
}

static enum cas_parse_result success_read(const xmlNode *n, struct cas_attributes *out, char *reason, size_t size)
{
	for (n = n->children; n; n = n->next) {
		if (is_cas(n, "user") && text_copy(n, out->user, sizeof(out->user)) < 0) {
			reason_set(reason, size, "user id too long or with a control character");
			return CAS_PARSE_MALFORMED;
		}
		if (is_cas(n, "attributes") && attributes_read(n->children, out, reason, size) < 0)
			return CAS_PARSE_MALFORMED;
	}
	if (!out->user[0]) {
		reason_set(reason, size, "no user in authenticationSuccess");
		return CAS_PARSE_MALFORMED;
	}
	return CAS_PARSE_OK;
}

static enum cas_parse_result document_read(const xmlDoc *doc, struct cas_attributes *out, char *reason, size_t size)
{
	const xmlNode *root = xmlDocGetRootElement(doc), *answer;
	xmlChar *code;

	if (doc->intSubset || doc->extSubset) {
		reason_set(reason, size, "document type declaration refused");
		return CAS_PARSE_MALFORMED;
	}
	if (!root || !is_cas(root, "serviceResponse")) {
		reason_set(reason, size, "root is not cas:serviceResponse");
		return CAS_PARSE_MALFORMED;
	}
	answer = first_element(root->children);
	if (answer && is_cas(answer, "authenticationSuccess"))
		return success_read(answer, out, reason, size);
	if (answer && is_cas(answer, "authenticationFailure")) {
		code = xmlGetProp(answer, (const xmlChar *)"code");
		snprintf(reason, size, "authenticationFailure code=%.40s", code ? (const char *)code : "?");
		xmlFree(code);
		return CAS_PARSE_FAILURE;
	}
	reason_set(reason, size, "neither authenticationSuccess nor authenticationFailure");
	return CAS_PARSE_MALFORMED;
}

enum cas_parse_result cas_response_parse(const char *xml, size_t len, struct cas_attributes *out,
					 char *reason, size_t reason_size)
{
	enum cas_parse_result rc;
	xmlDoc *doc;

	memset(out, 0, sizeof(*out));
	reason_set(reason, reason_size, "");
	if (len == 0 || len > CAS_RESPONSE_MAX) {
		reason_set(reason, reason_size, "empty or oversized answer");
		return CAS_PARSE_MALFORMED;
	}
	pthread_once(&xml_once, xml_init);
	/* The error handlers are per thread in libxml2. */
	xmlSetGenericErrorFunc(NULL, xml_quiet);
	xmlSetStructuredErrorFunc(NULL, xml_quiet_structured);
	doc = xmlReadMemory(xml, (int)len, "cas.xml", NULL,
			    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
	if (!doc) {
		reason_set(reason, reason_size, "not well-formed XML or unknown encoding");
		return CAS_PARSE_MALFORMED;
	}
	rc = document_read(doc, out, reason, reason_size);
	xmlFreeDoc(doc);
	if (rc != CAS_PARSE_OK)
		memset(out, 0, sizeof(*out));
	return rc;
}
