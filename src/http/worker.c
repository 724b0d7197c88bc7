/* The worker pool: slow work off the event loops. */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#include "core/log.h"
#include "http/internal.h"
#include "store/db.h"

static struct job_queue queue = JOB_QUEUE_INIT;
static pthread_t *workers;
static struct db **worker_dbs;
static int worker_count;

static void *worker_main(void *arg)
{
	struct db *db = arg;
	struct deferred_job *j;

	while ((j = job_queue_take(&queue, 1)) != NULL) {
		struct request *r = j->request;

		r->work(r, db);
		h2o_multithread_send_message(&r->thread->jobs_done, &j->message);
	}
	return NULL;
}

int workers_start(const char *db_url, int count)
{
	char err[256];
	int i;

	workers = calloc((size_t)count, sizeof(*workers));
	worker_dbs = calloc((size_t)count, sizeof(*worker_dbs));
	if (!workers || !worker_dbs)
		return -1;
	for (i = 0; i < count; i++) {
		worker_dbs[i] = db_open(db_url, err, sizeof(err));
		if (!worker_dbs[i]) {
			log_error("worker database open failed error=\"%s\"", err);
			return -1;
		}
		pthread_create(&workers[i], NULL, worker_main, worker_dbs[i]);
		worker_count++;
	}
	return 0;
}

void workers_stop(void)
{
	int i;

	job_queue_stop(&queue);
	for (i = 0; i < worker_count; i++) {
		pthread_join(workers[i], NULL);
		db_close(worker_dbs[i]);
	}
	free(workers);
	free(worker_dbs);
}

int request_defer(struct request *r, void (*work)(struct request *r, struct db *db),
		  int (*done)(struct request *r))
{
	r->work = work;
	r->done = done;
	return job_queue_push(&queue, r);
}

/* Runs on the loop thread that owns the requests. */
void worker_on_done(h2o_multithread_receiver_t *receiver, h2o_linklist_t *messages)
{
	while (!h2o_linklist_is_empty(messages)) {
		h2o_multithread_message_t *m = H2O_STRUCT_FROM_MEMBER(h2o_multithread_message_t, link, messages->next);
		struct deferred_job *j = (struct deferred_job *)m;
		struct request *r = j->request;

		h2o_linklist_unlink(&m->link);
		free(j);
		r->thread->in_flight--;
		r->deferred = false;
		request_finish(r, r->req ? r->done(r) : 0);
	}
}
