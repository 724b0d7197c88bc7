/*
 * tools_form: what the tool pages (/outils/...) share: the search box read
 * from ?q=, its French error messages, and the page heading with a link
 * back to the list of tools.
 */
#ifndef ARDOISE_WEB_TOOLS_FORM_H
#define ARDOISE_WEB_TOOLS_FORM_H

#include "http/request.h"
#include "tools/fold.h"

/* A search read from the query string. */
struct tool_search {
	char text[TOOL_QUERY_MAX_BYTES + 1]; /* normalised; "" when absent */
	const char *error; /* French message for a query that cannot be used, or NULL */
};

/* Read and normalise the parameter `name` of the query string. An absent
 * or empty parameter is no error: `text` is then "". */
void tools_search_read(struct request *r, const char *name, struct tool_search *s);

/* Open a tool page: layout, heading, lead sentence and a link to /outils. */
void tools_page_begin(struct request *r, const char *title, const char *lead);
/* Write the GET search form of `action` with its text box `name`;
 * `extra` is trusted markup put before the button, or NULL. */
void tools_search_form(struct request *r, const char *action, const char *name, const char *label,
		       const char *hint, const struct tool_search *s, const char *extra);
/* Write an error box for the search and return its HTTP status (400). */
int tools_search_error(struct request *r, const struct tool_search *s);

#endif
