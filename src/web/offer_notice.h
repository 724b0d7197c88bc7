/*
 * offer_notice: what the licence rules show on pages owned by other
 * features: the seats left on the child form, the notice of a child who
 * has no seat this school year, and the check before a new activity.
 */
#ifndef ARDOISE_WEB_OFFER_NOTICE_H
#define ARDOISE_WEB_OFFER_NOTICE_H

#include <stdbool.h>
#include <stdint.h>

#include "http/request.h"

/* Write, with id "licence", the seats used and left on the structure's
 * licence of this school year. Writes nothing for a structure that has
 * never had a licence. */
void offer_seats_notice(struct request *r, int64_t structure_id);
/* Whether the signed-in child may start a new activity this school year.
 * A database error counts as allowed, so a failure never locks children
 * out; it is logged. */
bool offer_child_allowed(struct request *r);
/* The page a child gets instead of a new activity (status 403). */
int offer_child_refused(struct request *r);
/* Write, for the adults of a group page, the notice about the group's
 * children who have no seat this school year. Writes nothing when all
 * have one. */
void offer_group_notice(struct request *r, int64_t group_id);

/* The French label of a licence request status ("devis envoyé"). */
const char *licence_request_status_label(const char *status);

#endif
