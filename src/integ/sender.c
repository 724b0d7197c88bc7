/* The integration sender job; see sender.h. */
#include <unistd.h>

#include "http/background.h"
#include "integ/lti.h"
#include "integ/sender.h"
#include "integ/xapi.h"

static void sender_run(void *arg, struct db *db)
{
	struct xapi_settings s;
	int i;

	while (!background_stopping()) {
		if (xapi_settings_get(db, &s) == 0 && s.enabled) {
			xapi_outbox_fill(db);
			while (!background_stopping() && xapi_outbox_send(db) > 0)
				;
		}
		lti_scores_fill(db);
		while (!background_stopping() && lti_scores_send(db) > 0)
			;
		for (i = 0; i < 10 * SENDER_POLL_SECONDS && !background_stopping(); i++)
			usleep(100 * 1000);
	}
}

int integ_sender_start(void)
{
	/* NOTE: each server process runs its own sender; with several processes
	 * on PostgreSQL two may post the same batch. The store takes it as the
	 * same statements because their ids are fixed, but a platform may record
	 * a score twice (the later one wins). */
	return background_start(sender_run, NULL);
}
