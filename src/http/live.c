/* Server-sent event streams on the event loops, fed across threads. */
#include "http/live.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "http/internal.h"

struct live_stream {
	h2o_generator_t generator; /* first member: h2o hands it back */
	h2o_req_t *req;            /* NULL once h2o disposed the request */
	struct loop_thread *thread;
	h2o_linklist_t link;       /* in thread->streams */
	int64_t topic;
	struct buf pending;        /* written while h2o sends `sending` */
	struct buf sending;        /* held by h2o until `proceed` */
	bool busy;
	bool closing;
	bool finished;             /* the final (empty) piece was sent */
	live_event_fn *on_event;
	void *data;
	void (*data_free)(void *);
};

/* One published event, sent to one loop; that loop frees it. */
struct live_note {
	h2o_multithread_message_t message; /* first member */
	int64_t topic;
	int64_t event_id;
};

static atomic_int stream_total;
static live_poll_fn *poll_function;

/* Hand `pending` to h2o when it is idle; end the stream when closing. */
static void stream_flush(struct live_stream *s)
{
	struct buf swap;
	h2o_iovec_t piece;

	if (!s->req || s->busy || s->finished)
		return;
	if (s->pending.len == 0) {
		if (s->closing) {
			s->finished = true;
			h2o_send(s->req, NULL, 0, H2O_SEND_STATE_FINAL);
		}
		return;
	}
	swap = s->sending;
	s->sending = s->pending;
	s->pending = swap;
	buf_reset(&s->pending);
	piece = h2o_iovec_init(s->sending.data, s->sending.len);
	s->busy = true;
	h2o_send(s->req, &piece, 1, H2O_SEND_STATE_IN_PROGRESS);
}

static void on_proceed(h2o_generator_t *generator, h2o_req_t *req)
{
	struct live_stream *s = (struct live_stream *)generator;

	s->busy = false;
	buf_reset(&s->sending);
	stream_flush(s);
}

static void on_stop(h2o_generator_t *generator, h2o_req_t *req)
{
	struct live_stream *s = (struct live_stream *)generator;

	s->req = NULL;
}

/* h2o frees the request's pool: the client left or the stream ended. */
static void on_dispose(void *arg)
{
	struct live_stream *s = *(struct live_stream **)arg;

	h2o_linklist_unlink(&s->link);
	buf_release(&s->pending);
	buf_release(&s->sending);
	if (s->data_free)
		s->data_free(s->data);
	atomic_fetch_sub(&stream_total, 1);
	free(s);
}

struct live_stream *live_stream_open(struct request *r, int64_t topic, live_event_fn *on_event, void *data,
				     void (*data_free)(void *))
{
	h2o_req_t *req = r->req;
	struct live_stream *s = calloc(1, sizeof(*s)), **holder;

	if (!s || !req) {
		free(s);
		if (data_free)
			data_free(data);
		return NULL;
	}
	s->generator.proceed = on_proceed;
	s->generator.stop = on_stop;
	s->req = req;
	s->thread = r->thread;
	s->topic = topic;
	s->on_event = on_event;
	s->data = data;
	s->data_free = data_free;
	buf_init(&s->pending, LIVE_MAX_PENDING_BYTES);
	buf_init(&s->sending, LIVE_MAX_PENDING_BYTES);
	holder = h2o_mem_alloc_shared(&req->pool, sizeof(*holder), on_dispose);
	*holder = s;
	h2o_linklist_insert(&r->thread->streams, &s->link);
	atomic_fetch_add(&stream_total, 1);

	req->res.status = 200;
	req->res.reason = "OK";
	/* Compression would hold events back until a block fills. */
	req->compress_hint = H2O_COMPRESS_HINT_DISABLE;
	h2o_add_header(&req->pool, &req->res.headers, H2O_TOKEN_CONTENT_TYPE, NULL, H2O_STRLIT("text/event-stream; charset=utf-8"));
	h2o_add_header(&req->pool, &req->res.headers, H2O_TOKEN_CACHE_CONTROL, NULL, H2O_STRLIT("no-store"));
	h2o_add_header_by_str(&req->pool, &req->res.headers, H2O_STRLIT("x-accel-buffering"), 0, NULL, H2O_STRLIT("no"));
	h2o_start_response(req, &s->generator);
	r->streamed = true;
	return s;
}

void live_stream_write(struct live_stream *s, const char *text, size_t len)
{
	if (s->closing || !s->req)
		return;
	if (buf_add(&s->pending, text, len) < 0) {
		/* The client reads too slowly: drop it, the browser reconnects
		 * and catches up from its Last-Event-ID. */
		log_warn("live stream closed reason=slow-client topic=%lld", (long long)s->topic);
		buf_reset(&s->pending);
		s->closing = true;
	}
	stream_flush(s);
}

void live_stream_close(struct live_stream *s)
{
	s->closing = true;
	stream_flush(s);
}

/* Runs on the loop: deliver each note to the loop's streams on its topic. */
static void on_live_notes(h2o_multithread_receiver_t *receiver, h2o_linklist_t *messages)
{
	struct loop_thread *t = H2O_STRUCT_FROM_MEMBER(struct loop_thread, live, receiver);

	while (!h2o_linklist_is_empty(messages)) {
		struct live_note *note = (struct live_note *)H2O_STRUCT_FROM_MEMBER(h2o_multithread_message_t, link, messages->next);
		h2o_linklist_t *node, *next;

		h2o_linklist_unlink(&note->message.link);
		/* NOTE: a linear scan of the loop's streams; enough for thousands
		 * per loop, an index by topic would be the next step. */
		for (node = t->streams.next; node != &t->streams; node = next) {
			struct live_stream *s = H2O_STRUCT_FROM_MEMBER(struct live_stream, link, node);

			next = node->next;
			if (s->topic == note->topic && s->req && !s->closing)
				s->on_event(s, t->db, note->event_id, s->data);
		}
		free(note);
	}
}

void live_publish(int64_t topic, int64_t event_id)
{
	int count = 0, i;
	struct loop_thread *loops = server_loops(&count);

	for (i = 0; loops && i < count; i++) {
		struct live_note *note = calloc(1, sizeof(*note));

		if (!note) {
			log_error("live publish failed reason=memory topic=%lld", (long long)topic);
			return;
		}
		note->topic = topic;
		note->event_id = event_id;
		h2o_multithread_send_message(&loops[i].live, &note->message);
	}
}

static void on_ping(h2o_timeout_entry_t *entry)
{
	struct loop_thread *t = H2O_STRUCT_FROM_MEMBER(struct loop_thread, live_ping, entry);
	static const char ping[] = ": ping\n\n";
	h2o_linklist_t *node;

	for (node = t->streams.next; node != &t->streams; node = node->next) {
		struct live_stream *s = H2O_STRUCT_FROM_MEMBER(struct live_stream, link, node);

		if (!s->busy && s->pending.len == 0)
			live_stream_write(s, ping, sizeof(ping) - 1);
	}
	h2o_timeout_link(t->loop, &t->live_ping_timeout, &t->live_ping);
}

void live_poll_set(live_poll_fn *poll)
{
	poll_function = poll;
}

static void on_poll(h2o_timeout_entry_t *entry)
{
	struct loop_thread *t = H2O_STRUCT_FROM_MEMBER(struct loop_thread, live_poll, entry);

	poll_function(t->db);
	h2o_timeout_link(t->loop, &t->live_poll_timeout, &t->live_poll);
}

void live_loop_init(struct loop_thread *t)
{
	h2o_linklist_init_anchor(&t->streams);
	h2o_multithread_register_receiver(t->queue, &t->live, on_live_notes);
	h2o_timeout_init(t->loop, &t->live_ping_timeout, (uint64_t)LIVE_PING_SECONDS * 1000);
	t->live_ping.cb = on_ping;
	h2o_timeout_link(t->loop, &t->live_ping_timeout, &t->live_ping);
	if (t->index == 0 && poll_function) {
		h2o_timeout_init(t->loop, &t->live_poll_timeout, LIVE_POLL_MS);
		t->live_poll.cb = on_poll;
		h2o_timeout_link(t->loop, &t->live_poll_timeout, &t->live_poll);
	}
}

void live_loop_stop(struct loop_thread *t)
{
	h2o_linklist_t *node, *next;

	if (h2o_timeout_is_linked(&t->live_ping))
		h2o_timeout_unlink(&t->live_ping);
	if (h2o_timeout_is_linked(&t->live_poll))
		h2o_timeout_unlink(&t->live_poll);
	for (node = t->streams.next; node != &t->streams; node = next) {
		next = node->next;
		live_stream_close(H2O_STRUCT_FROM_MEMBER(struct live_stream, link, node));
	}
}

int live_stream_count(void)
{
	return atomic_load(&stream_total);
}
