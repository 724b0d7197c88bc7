/* partner_view: the partners' own indicators beside the standard ones, the
 * form that defines one, and their lines in the exports. */
#ifndef ARDOISE_WEB_PARTNER_VIEW_H
#define ARDOISE_WEB_PARTNER_VIEW_H

#include "eval/partner.h"
#include "eval/sheet.h"
#include "http/request.h"
#include "web/stats_view.h"

/* Write the indicators of the view's scope for its period and the one
 * before, and the form posting to `action`. `errors` refill the form from
 * the request's body after a rejected post. */
void partner_section(struct request *r, const struct stats_view *v, const char *scope, const char *action,
		     const struct field_errors *errors);
/* Add the indicators to an export. */
void partner_sheet(struct db *db, const struct stats_view *v, const char *scope, struct sheet *s);
/* Read the form of `r` into `in` (pointers into the request's body). */
void partner_input_read(struct request *r, struct partner_input *in);

#endif
