/* diagnostic_view: the partners' diagnostic records beside the indicators,
 * and the form that adds one. */
#ifndef ARDOISE_WEB_DIAGNOSTIC_VIEW_H
#define ARDOISE_WEB_DIAGNOSTIC_VIEW_H

#include <stdint.h>

#include "eval/diagnostic.h"
#include "eval/sheet.h"
#include "http/request.h"

/* Write the records of the scope ("organisation" or "structure") and the
 * form posting to `action`. `errors` and `typed` (may be NULL) refill the
 * form after a rejected post. */
void diagnostic_section(struct request *r, const char *scope, int64_t scope_id, const char *action,
			const struct field_errors *errors, const struct form *typed);
/* Add the records to an export. */
void diagnostic_sheet(struct db *db, const char *scope, int64_t scope_id, struct sheet *s);
/* Read the form of `r` into `in` (pointers into the request's body). */
void diagnostic_input_read(struct request *r, struct diagnostic_input *in);

#endif
