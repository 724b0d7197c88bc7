/*
 * live: server-sent event streams held open on the event loops, with no
 * thread per connection. A handler turns its request into a stream on a
 * topic, a number the caller chooses such as a conversation id. Any thread
 * may then publish an event on that topic. Each loop with streams on it
 * calls their `on_event` on its own thread with its own database
 * connection.
 *
 * Events carry only a number: a stream reads what it sends from the
 * database, so it can check the subscriber's right on every delivery and
 * recover what a reconnecting browser missed (Last-Event-ID).
 *
 * Publishing reaches the loops of this process only. Events written by
 * other processes (several `ardoise serve` behind nginx) come through a
 * poll function, which the first loop runs every LIVE_POLL_MS with its
 * database connection and which publishes what it finds.
 */
#ifndef ARDOISE_HTTP_LIVE_H
#define ARDOISE_HTTP_LIVE_H

#include <stddef.h>
#include <stdint.h>

#include "http/request.h"
#include "store/db.h"

/* Seconds between two keep-alive comments on an idle stream. */
#define LIVE_PING_SECONDS 20
/* Bytes a stream may hold waiting for a slow client before it is closed. */
#define LIVE_MAX_PENDING_BYTES (256 * 1024)

struct live_stream;

/* Called on the stream's loop for an event published on its topic. */
typedef void live_event_fn(struct live_stream *s, struct db *db, int64_t event_id, void *data);

/*
 * Start the response of `r` as a text/event-stream on `topic` and keep it
 * open. `data` belongs to the stream from now on and is freed with
 * `data_free` (may be NULL) when the stream ends. Returns the stream, whose
 * first bytes the caller may write at once, or NULL (and frees `data`)
 * when the response cannot start. The handler then returns
 * HANDLER_DEFERRED: the request is the stream's.
 */
struct live_stream *live_stream_open(struct request *r, int64_t topic, live_event_fn *on_event, void *data,
				     void (*data_free)(void *));
/* Queue SSE text for the client. Text written while h2o still sends the
 * previous piece waits and leaves with the next one. */
void live_stream_write(struct live_stream *s, const char *text, size_t len);
/* End the stream once what is queued has left. */
void live_stream_close(struct live_stream *s);
/* Publish `event_id` on `topic` to every loop of this process. Safe from
 * any thread; does nothing while the server is not running. */
void live_publish(int64_t topic, int64_t event_id);
/* Milliseconds between two runs of the poll function. */
#define LIVE_POLL_MS 1000

typedef void live_poll_fn(struct db *db);
/* Set the poll function; call it before server_run. */
void live_poll_set(live_poll_fn *poll);

/* Number of streams open on every loop, for logs and benchmarks. */
int live_stream_count(void);

#endif
