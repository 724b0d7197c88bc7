/* The writer thread: group commit of the writes deferred by handlers. */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#include "core/log.h"
#include "http/internal.h"
#include "store/db.h"

#define WRITER_BATCH_MAX 512 /* writes committed together at most */

static struct job_queue queue = JOB_QUEUE_INIT;
static bool started;
static pthread_t thread;
static struct db *writer_db;

/* Run one job's write in its own savepoint. */
static void job_run(struct db *db, struct deferred_job *j)
{
	struct request *r = j->request;

	if (db_exec(db, "SAVEPOINT request_write") < 0) {
		r->write_rc = -1;
		return;
	}
	r->write_rc = r->write(r, db);
	if (r->write_rc < 0)
		db_exec(db, "ROLLBACK TO SAVEPOINT request_write");
	db_exec(db, "RELEASE SAVEPOINT request_write");
}

static void batch_run(struct db *db, struct deferred_job *batch)
{
	struct deferred_job *j, *next;
	int count = 0;
	bool committed;

	committed = db_begin(db) == 0;
	for (j = batch; committed && j; j = j->next, count++)
		job_run(db, j);
	if (committed && db_commit(db) < 0) {
		log_error("group commit failed writes=%d error=\"%s\"", count, db_errmsg(db));
		db_rollback(db);
		committed = false;
	}
	for (j = batch; j; j = next) {
		next = j->next;
		if (!committed)
			j->request->write_rc = -1;
		h2o_multithread_send_message(&j->request->thread->jobs_done, &j->message);
	}
}

static void *writer_main(void *arg)
{
	struct deferred_job *batch;

	while ((batch = job_queue_take(&queue, WRITER_BATCH_MAX)) != NULL)
		batch_run(writer_db, batch);
	return NULL;
}

int writer_start(const char *db_url)
{
	char err[256];

	writer_db = db_open(db_url, err, sizeof(err));
	if (!writer_db) {
		log_error("writer database open failed error=\"%s\"", err);
		return -1;
	}
	if (pthread_create(&thread, NULL, writer_main, NULL) != 0)
		return -1;
	started = true;
	return 0;
}

void writer_stop(void)
{
	if (!started)
		return;
	job_queue_stop(&queue);
	pthread_join(thread, NULL);
	db_close(writer_db);
	started = false;
}

int request_defer_write(struct request *r, int (*write)(struct request *r, struct db *db),
			int (*done)(struct request *r))
{
	r->write = write;
	r->done = done;
	return job_queue_push(&queue, r);
}
