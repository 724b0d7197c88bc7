/*
 * connection: the one definition of a connection and its duration, used
 * by every indicator (docs/indicateurs.md states it in French).
 *
 * The events of one session, in time order, are cut into connections:
 *   - a connection starts at the session's first event, and again at the
 *     first event after a sign-out or after a gap longer than the idle time;
 *   - its duration is the sum of the gaps between its consecutive events,
 *     each gap at most the idle time (a longer gap ends the connection);
 *   - the gap that follows a "hide" event (the page was left: tab closed,
 *     another site, or the next page of Ardoise) counts zero;
 *   - it belongs to the Paris day of its first event.
 * So a sign-out alone never makes a duration, a tab left open overnight
 * adds nothing, and a background tab that wakes up adds at most the idle
 * time.
 */
#ifndef ARDOISE_EVAL_CONNECTION_H
#define ARDOISE_EVAL_CONNECTION_H

#include <stddef.h>
#include <stdint.h>

#define CONNECTION_DEFAULT_IDLE_SECONDS (30 * 60)

enum connection_mark {
	MARK_NONE = 0,
	MARK_HIDE,     /* pagehide beacon: the time after it counts zero */
	MARK_SIGN_OUT, /* the session ended: the connection ends here */
};

/* One event of a session, as the builder needs it. */
struct connection_event {
	int64_t at; /* Unix seconds UTC */
	enum connection_mark mark;
};

struct connection_span {
	int64_t started_at;
	int64_t ended_at; /* the last event's time */
	int64_t seconds;  /* the duration defined above */
	int64_t day;      /* Paris day of started_at */
	size_t first;     /* index of its first event in the input */
	size_t events;
};

/* Cut the `count` events of one session (sorted by time) into
 * connections written to `out` (room for `count`, which always suffices).
 * Returns the number of connections. `idle_seconds` must be positive. */
size_t connection_build(const struct connection_event *events, size_t count, int64_t idle_seconds,
			struct connection_span *out);

/* The idle time used by the indicators: set once at start-up. */
void connection_idle_set(int64_t seconds);
int64_t connection_idle_get(void);

#endif
