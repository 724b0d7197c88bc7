/* A queue of deferred requests, shared by the worker pool and the writer. */
#include <stdlib.h>

#include "http/internal.h"

int job_queue_push(struct job_queue *q, struct request *r)
{
	struct deferred_job *j = calloc(1, sizeof(*j));

	if (!j)
		return -1;
	j->request = r;
	r->deferred = true;
	r->thread->in_flight++;
	pthread_mutex_lock(&q->lock);
	if (q->tail)
		q->tail->next = j;
	else
		q->head = j;
	q->tail = j;
	pthread_cond_signal(&q->wakeup);
	pthread_mutex_unlock(&q->lock);
	return 0;
}

struct deferred_job *job_queue_take(struct job_queue *q, int max)
{
	struct deferred_job *batch, *last;
	int n = 1;

	pthread_mutex_lock(&q->lock);
	while (!q->head && !q->stopping)
		pthread_cond_wait(&q->wakeup, &q->lock);
	batch = q->head;
	for (last = q->head; last && last->next && n < max; last = last->next)
		n++;
	if (last) {
		q->head = last->next;
		last->next = NULL;
		if (!q->head)
			q->tail = NULL;
	}
	pthread_mutex_unlock(&q->lock);
	return batch;
}

void job_queue_stop(struct job_queue *q)
{
	pthread_mutex_lock(&q->lock);
	q->stopping = true;
	pthread_cond_broadcast(&q->wakeup);
	pthread_mutex_unlock(&q->lock);
}
