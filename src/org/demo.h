/*
 * demo: the "Association de démonstration" created by `ardoise init --demo`,
 * with one administrateur, one accompagnateur and one group of six children
 * at different levels, funded by "Ville de Toulouse" in the organisation
 * tree, with one opérateur and one financeur account. Secrets are random and
 * returned to be printed once.
 */
#ifndef ARDOISE_ORG_DEMO_H
#define ARDOISE_ORG_DEMO_H

#include <stdio.h>

#include "store/db.h"

#define DEMO_STRUCTURE_CODE "DEMO"

/* Create the demo in one transaction and write the logins table to `out`.
 * Returns 1 when created, 0 when it already existed, -1 on error. */
int demo_create(struct db *db, FILE *out);

#endif
