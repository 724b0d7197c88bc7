/* Shared between the files of src/http; not for pages. */
#ifndef ARDOISE_HTTP_INTERNAL_H
#define ARDOISE_HTTP_INTERNAL_H

#include <h2o.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "http/request.h"

struct loop_thread {
	h2o_context_t ctx; /* first member: h2o hands handlers &ctx */
	h2o_evloop_t *loop;
	h2o_accept_ctx_t accept_ctx;
	h2o_socket_t *listener;
	h2o_multithread_queue_t *queue;
	h2o_multithread_receiver_t control;   /* shutdown wake-ups */
	h2o_multithread_receiver_t jobs_done; /* finished worker jobs */
	struct db *db;
	pthread_t thread;
	int index;
	int in_flight; /* deferred requests waiting for a worker */
	int listen_fd;
	int connections; /* open connections of this loop */
	int max_connections; /* this loop's share of the limit */
	h2o_multithread_receiver_t live; /* events published on live topics */
	h2o_linklist_t streams;          /* open event streams (live.c) */
	h2o_timeout_t live_ping_timeout;
	h2o_timeout_entry_t live_ping;
	h2o_timeout_t live_poll_timeout; /* first loop only */
	h2o_timeout_entry_t live_poll;
};

/* A request handed to the worker pool or the writer thread. The message
 * comes first: the loop receives it and finds the request. */
struct deferred_job {
	h2o_multithread_message_t message;
	struct deferred_job *next;
	struct request *request;
};

/* A queue of deferred requests that threads take from (see job_queue.c). */
struct job_queue {
	pthread_mutex_t lock;
	pthread_cond_t wakeup;
	struct deferred_job *head, *tail;
	bool stopping;
};

#define JOB_QUEUE_INIT { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, NULL, NULL, false }

/* Queue request `r` and count it in flight on its loop. Returns 0 or -1. */
int job_queue_push(struct job_queue *q, struct request *r);
/* Take up to `max` jobs in order, waiting for the first; NULL once the
 * queue is stopped and empty. */
struct deferred_job *job_queue_take(struct job_queue *q, int max);
/* Wake every waiting thread; what is queued is still handed out. */
void job_queue_stop(struct job_queue *q);

int64_t clock_ns(void);
const struct catalog *server_catalog(void);
/* The reverse proxy whose X-Real-IP header is believed, or NULL. */
const char *server_trusted_proxy(void);

/* h2o's entry point for every dynamic request. */
int http_on_req(h2o_handler_t *self, h2o_req_t *req);
/* Send the response of a request whose handler returned `status`. */
void request_finish(struct request *r, int status);

/* The running loops, or NULL with *count = 0 before the server starts. */
struct loop_thread *server_loops(int *count);
/* Prepare and stop the live streams of a loop, on the loop's thread. */
void live_loop_init(struct loop_thread *t);
void live_loop_stop(struct loop_thread *t);
/* Log and free a request whose response a live stream now owns. */
void request_release_streamed(struct request *r);

int workers_start(const char *db_url, int count);
void workers_stop(void);
void worker_on_done(h2o_multithread_receiver_t *receiver, h2o_linklist_t *messages);
int writer_start(const char *db_url);
void writer_stop(void);

#endif
