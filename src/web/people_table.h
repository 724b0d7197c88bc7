/*
 * people_table: the table of a structure's accounts on its admin page,
 * sorted and paginated on the server (?tri=nom|niveau|etat, &sens=desc,
 * &page=N), with plain links so that it works without JavaScript.
 */
#ifndef ARDOISE_WEB_PEOPLE_TABLE_H
#define ARDOISE_WEB_PEOPLE_TABLE_H

#include <stdint.h>

#include "http/request.h"

#define PEOPLE_TABLE_PAGE_ROWS 50

/* Write the section "Élèves et adultes" of structure `structure_id`,
 * whose scope the caller has checked. */
void people_table(struct request *r, int64_t structure_id);

#endif
