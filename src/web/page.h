/*
 * page: the shared layout, error pages and form helpers of every HTML page.
 * All markup around data goes through buf_html() (see core/buf.h), which
 * escapes by default.
 */
#ifndef ARDOISE_WEB_PAGE_H
#define ARDOISE_WEB_PAGE_H

#include "core/buf.h"
#include "core/i18n.h"
#include "content/activity.h"
#include "http/request.h"

/* Open the document: head, header with the signed-in person, <main>. */
void page_begin(struct request *r, const char *title);
/* Close <main>, write the footer and close the document. */
void page_end(struct request *r);
/* Replace the body with an error page; returns `status`. Logs 5xx. */
int page_error(struct request *r, int status, const char *message);
int page_not_found(struct request *r);
/* Whether the page addresses a signed-in adult ("vous") rather than a
 * child or a visitor on the children's sign-in pages ("tu"). */
bool page_speaks_to_adult(const struct request *r);
/* Write the hidden CSRF input of a form (sets the signed-out cookie). */
void page_csrf_field(struct request *r);


#endif
