/* The worker pool: slow work off the event loops. */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#include "core/log.h"
#include "http/internal.h"
#include "store/db.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wakeup = PTHREAD_COND_INITIALIZER;
static struct deferred_job *head, *tail;
static bool stopping;
static pthread_t *workers;
static struct db **worker_dbs;
static int worker_count;

static struct deferred_job *job_take(void)
{
	struct deferred_job *j;

	pthread_mutex_lock(&lock);
	while (!head && !stopping)
		pthread_cond_wait(&wakeup, &lock);
	j = head;
	if (j) {
		head = j->next;
		if (!head)
			tail = NULL;
	}
	pthread_mutex_unlock(&lock);
	return j;
}

static void *worker_main(void *arg)
{
	struct db *db = arg;
	struct deferred_job *j;

	while ((j = job_take()) != NULL) {
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

	pthread_mutex_lock(&lock);
	stopping = true;
	pthread_cond_broadcast(&wakeup);
	pthread_mutex_unlock(&lock);
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
	struct deferred_job *j = calloc(1, sizeof(*j));

	if (!j)
		return -1;
	j->request = r;
	r->work = work;
	r->done = done;
	r->deferred = true;
	r->thread->in_flight++;
	pthread_mutex_lock(&lock);
	if (tail)
		tail->next = j;
	else
		head = j;
	tail = j;
	pthread_cond_signal(&wakeup);
	pthread_mutex_unlock(&lock);
	return 0;
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
