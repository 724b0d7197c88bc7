/* Background jobs: one detached thread and one connection each. */
#include "http/background.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"

struct background_job {
	void (*run)(void *arg, struct db *db);
	void *arg;
	struct db *db;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t finished = PTHREAD_COND_INITIALIZER;
static int running;
static atomic_bool stopping;
static char *database_url;

void background_init(const char *db_url)
{
	free(database_url);
	database_url = strdup(db_url);
}

static void slot_give_back(void)
{
	pthread_mutex_lock(&lock);
	running--;
	pthread_cond_broadcast(&finished);
	pthread_mutex_unlock(&lock);
}

static void *job_main(void *data)
{
	struct background_job *job = data;

	job->run(job->arg, job->db);
	db_close(job->db);
	free(job);
	slot_give_back();
	return NULL;
}

/* Take a slot among BACKGROUND_MAX_JOBS. Returns false when none is free. */
static bool slot_take(void)
{
	bool taken = false;

	pthread_mutex_lock(&lock);
	if (!atomic_load(&stopping) && running < BACKGROUND_MAX_JOBS) {
		running++;
		taken = true;
	}
	pthread_mutex_unlock(&lock);
	return taken;
}

int background_start(void (*run)(void *arg, struct db *db), void *arg)
{
	struct background_job *job = NULL;
	pthread_attr_t attr;
	pthread_t thread;
	char err[256];
	int rc = -1;

	if (!database_url || !slot_take())
		return -1;
	job = calloc(1, sizeof(*job));
	if (!job)
		goto out;
	job->run = run;
	job->arg = arg;
	job->db = db_open(database_url, err, sizeof(err));
	if (!job->db) {
		log_error("background database open failed error=\"%s\"", err);
		goto out;
	}
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	rc = pthread_create(&thread, &attr, job_main, job) == 0 ? 0 : -1;
	pthread_attr_destroy(&attr);
out:
	if (rc < 0) {
		if (job)
			db_close(job->db);
		free(job);
		slot_give_back();
	}
	return rc;
}

bool background_stopping(void)
{
	return atomic_load(&stopping);
}

void background_stop(void)
{
	atomic_store(&stopping, true);
	pthread_mutex_lock(&lock);
	while (running > 0)
		pthread_cond_wait(&finished, &lock);
	pthread_mutex_unlock(&lock);
	free(database_url);
	database_url = NULL;
}
