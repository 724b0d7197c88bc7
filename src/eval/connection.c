/* Connections rebuilt from the events of one session. */
#include "eval/connection.h"

#include <assert.h>

#include "eval/paris_time.h"

static int64_t idle_seconds_setting = CONNECTION_DEFAULT_IDLE_SECONDS;

void connection_idle_set(int64_t seconds)
{
	if (seconds > 0)
		idle_seconds_setting = seconds;
}

int64_t connection_idle_get(void)
{
	return idle_seconds_setting;
}

static void span_open(struct connection_span *c, const struct connection_event *e, size_t index)
{
	c->started_at = e->at;
	c->ended_at = e->at;
	c->seconds = 0;
	c->day = paris_day(e->at);
	c->first = index;
	c->events = 1;
}

size_t connection_build(const struct connection_event *events, size_t count, int64_t idle_seconds,
			struct connection_span *out)
{
	struct connection_span *current = NULL;
	size_t i, n = 0;

	assert(idle_seconds > 0);
	for (i = 0; i < count; i++) {
		const struct connection_event *e = &events[i];
		const struct connection_event *previous = i ? &events[i - 1] : NULL;
		int64_t gap = previous ? e->at - previous->at : 0;

		if (!current || previous->mark == MARK_SIGN_OUT || gap > idle_seconds) {
			current = &out[n++];
			span_open(current, e, i);
			continue;
		}
		/* Equal times or a clock step back add nothing. */
		if (gap > 0 && previous->mark != MARK_HIDE)
			current->seconds += gap;
		current->ended_at = e->at;
		current->events++;
	}
	return n;
}
