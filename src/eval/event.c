/* The usage event queue and its flusher thread. */
#include "eval/event.h"

#include <errno.h>
#include <pthread.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "eval/partner_rollup.h"
#include "eval/rollup.h"
#include "http/request.h"

struct queued_event {
	int64_t at;
	int64_t account_id;
	int64_t connection_id;
	int64_t value;
	char feature[EVENT_FEATURE_MAX];
	char action[EVENT_FEATURE_MAX];
	char object[EVENT_OBJECT_MAX];
};

/* The queue: a growing array swapped out whole by each flush. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wakeup = PTHREAD_COND_INITIALIZER;
static struct queued_event *queue;
static size_t queue_len, queue_cap;
static int64_t dropped;
static bool running, stopping;
static pthread_t flusher;
static struct db *flusher_db;
/* The rollups run on their own thread and connection, so a long rebuild
 * does not delay the flush of the events. */
static pthread_cond_t roller_wakeup = PTHREAD_COND_INITIALIZER;
static pthread_t roller;
static struct db *roller_db;

int64_t event_connection_id(const char *session_token)
{
	unsigned char digest[crypto_hash_sha256_BYTES];
	uint64_t id = 0;
	int i;

	if (!session_token || !*session_token)
		return 0;
	crypto_hash_sha256(digest, (const unsigned char *)session_token, strlen(session_token));
	for (i = 0; i < 8; i++)
		id = id << 8 | digest[i];
	return (int64_t)(id >> 2);
}

/* Append under the lock. Returns false when the queue is full or memory ran out. */
static bool queue_push(const struct queued_event *e)
{
	if (queue_len == queue_cap) {
		size_t cap = queue_cap ? queue_cap * 2 : 256;
		struct queued_event *grown;

		if (queue_len >= EVENT_QUEUE_MAX)
			return false;
		grown = realloc(queue, cap * sizeof(*grown));
		if (!grown)
			return false;
		queue = grown;
		queue_cap = cap;
	}
	queue[queue_len++] = *e;
	return true;
}

void event_record_account(int64_t account_id, const char *session_token, const char *feature,
			  const char *action, const char *object, int64_t value)
{
	struct queued_event e = { 0 };
	bool wake, pushed;

	if (account_id <= 0 || !feature || !action)
		return;
	e.at = (int64_t)time(NULL);
	e.account_id = account_id;
	e.connection_id = event_connection_id(session_token);
	e.value = value;
	snprintf(e.feature, sizeof(e.feature), "%s", feature);
	snprintf(e.action, sizeof(e.action), "%s", action);
	snprintf(e.object, sizeof(e.object), "%s", object ? object : "");

	pthread_mutex_lock(&lock);
	pushed = queue_push(&e);
	if (!pushed && dropped++ % 1000 == 0)
		log_error("usage event dropped: queue full or out of memory dropped=%lld", (long long)dropped);
	wake = queue_len >= EVENT_FLUSH_BATCH;
	pthread_mutex_unlock(&lock);
	if (wake)
		pthread_cond_signal(&wakeup);
}

void event_record_value(struct request *r, const char *feature, const char *action, const char *object,
			int64_t value)
{
	if (!r || !r->signed_in)
		return;
	event_record_account(r->user.id, r->session_token, feature, action, object, value);
}

void event_record(struct request *r, const char *feature, const char *action, const char *object)
{
	event_record_value(r, feature, action, object, 0);
}

void event_record_submit(struct request *r, const char *activity_id, double score, int max_score)
{
	int64_t percent = max_score > 0 ? (int64_t)(100 * score / max_score) : 0;

	event_record_value(r, EVENT_FEATURE_ACTIVITIES, EVENT_ACTION_SUBMIT, activity_id, percent);
}

static int events_write(struct db *db, const struct queued_event *events, size_t count)
{
	size_t i;

	if (db_begin(db) < 0)
		return -1;
	for (i = 0; i < count; i++) {
		const struct queued_event *e = &events[i];
		struct db_stmt *st = db_prepare(db, "INSERT INTO usage_event (at, account_id, structure_id, connection_id, feature, action, object, value) "
						    "SELECT ?, id, structure_id, ?, ?, ?, ?, ? FROM account WHERE id = ?");
		enum db_step step;

		if (!st)
			goto fail;
		db_bind_int(st, 1, e->at);
		db_bind_int(st, 2, e->connection_id);
		db_bind_text(st, 3, e->feature);
		db_bind_text(st, 4, e->action);
		db_bind_text(st, 5, e->object);
		db_bind_int(st, 6, e->value);
		db_bind_int(st, 7, e->account_id);
		step = db_step(st);
		db_reset(st);
		if (step == DB_ERROR)
			goto fail;
	}
	if (db_commit(db) == 0)
		return 0;
fail:
	log_error("usage events write failed count=%zu error=\"%s\"", count, db_errmsg(db));
	db_rollback(db);
	return -1;
}

int event_flush(struct db *db)
{
	struct queued_event *batch;
	size_t count, i;

	pthread_mutex_lock(&lock);
	batch = queue;
	count = queue_len;
	queue = NULL;
	queue_len = queue_cap = 0;
	pthread_mutex_unlock(&lock);

	if (count == 0 || events_write(db, batch, count) == 0) {
		free(batch);
		return (int)count;
	}
	/* Put them back for the next flush, in any order. */
	pthread_mutex_lock(&lock);
	for (i = 0; i < count && queue_push(&batch[i]); i++)
		;
	dropped += (int64_t)(count - i);
	pthread_mutex_unlock(&lock);
	free(batch);
	return -1;
}

/* The time EVENT_FLUSH_MS from now, for pthread_cond_timedwait. */
static void flush_deadline(struct timespec *deadline)
{
	clock_gettime(CLOCK_REALTIME, deadline);
	deadline->tv_nsec += (long)EVENT_FLUSH_MS * 1000000L;
	deadline->tv_sec += deadline->tv_nsec / 1000000000L;
	deadline->tv_nsec %= 1000000000L;
}

static void *flusher_main(void *arg)
{
	bool stop = false;

	while (!stop) {
		struct timespec deadline;

		flush_deadline(&deadline);
		pthread_mutex_lock(&lock);
		while (!stopping && queue_len < EVENT_FLUSH_BATCH)
			if (pthread_cond_timedwait(&wakeup, &lock, &deadline) == ETIMEDOUT)
				break;
		stop = stopping;
		pthread_mutex_unlock(&lock);
		event_flush(flusher_db);
	}
	return NULL;
}

static bool is_stopping(void)
{
	bool stop;

	pthread_mutex_lock(&lock);
	stop = stopping;
	pthread_mutex_unlock(&lock);
	return stop;
}

static void *roller_main(void *arg)
{
	for (;;) {
		struct timespec deadline;

		flush_deadline(&deadline);
		pthread_mutex_lock(&lock);
		if (!stopping)
			pthread_cond_timedwait(&roller_wakeup, &lock, &deadline);
		pthread_mutex_unlock(&lock);
		if (is_stopping())
			break;
		rollup_maybe_refresh(roller_db, (int64_t)time(NULL));
		/* New partner indicators, one month at a time. */
		while (!is_stopping() && partner_backfill_step(roller_db, (int64_t)time(NULL)) == 1)
			;
	}
	return NULL;
}

void event_rollup_wake(void)
{
	pthread_cond_signal(&roller_wakeup);
}

int event_start(const char *db_url)
{
	char err[256];

	flusher_db = db_open(db_url, err, sizeof(err));
	if (!flusher_db) {
		log_error("usage event database open failed error=\"%s\"", err);
		return -1;
	}
	roller_db = db_open(db_url, err, sizeof(err));
	if (!roller_db) {
		log_error("usage rollup database open failed error=\"%s\"", err);
		db_close(flusher_db);
		flusher_db = NULL;
		return -1;
	}
	stopping = false;
	if (pthread_create(&flusher, NULL, flusher_main, NULL) != 0) {
		db_close(flusher_db);
		db_close(roller_db);
		flusher_db = roller_db = NULL;
		return -1;
	}
	if (pthread_create(&roller, NULL, roller_main, NULL) != 0) {
		pthread_mutex_lock(&lock);
		stopping = true;
		pthread_mutex_unlock(&lock);
		pthread_cond_signal(&wakeup);
		pthread_join(flusher, NULL);
		db_close(flusher_db);
		db_close(roller_db);
		flusher_db = roller_db = NULL;
		return -1;
	}
	running = true;
	return 0;
}

void event_stop(void)
{
	if (!running)
		return;
	pthread_mutex_lock(&lock);
	stopping = true;
	pthread_mutex_unlock(&lock);
	pthread_cond_signal(&wakeup);
	pthread_cond_signal(&roller_wakeup);
	pthread_join(flusher, NULL);
	pthread_join(roller, NULL);
	db_close(flusher_db);
	db_close(roller_db);
	flusher_db = roller_db = NULL;
	running = false;
}

int64_t event_dropped(void)
{
	int64_t n;

	pthread_mutex_lock(&lock);
	n = dropped;
	pthread_mutex_unlock(&lock);
	return n;
}

const char *event_page_feature(const char *pattern)
{
	static const struct {
		const char *prefix;
		const char *feature;
	} families[] = {
		{ "/activite/", EVENT_FEATURE_ACTIVITIES },
		{ "/resultat/", EVENT_FEATURE_ACTIVITIES },
		{ "/eleve/matiere/", "matieres" },
		{ "/eleve/resultats", "resultats" },
		{ "/eleve/lecture", "lecture" },
		{ "/eleve/", "groupe" },
		{ "/eleve", "accueil" },
		{ "/accueil", "accueil" },
		{ "/statistiques", "statistiques" },
		{ "/enquete", EVENT_FEATURE_SURVEYS },
	};
	static __thread char first[EVENT_FEATURE_MAX];
	size_t i, len;

	for (i = 0; i < sizeof(families) / sizeof(families[0]); i++)
		if (strncmp(pattern, families[i].prefix, strlen(families[i].prefix)) == 0)
			return families[i].feature;
	pattern += *pattern == '/';
	len = strcspn(pattern, "/");
	if (len == 0)
		return "accueil";
	if (len >= sizeof(first))
		len = sizeof(first) - 1;
	memcpy(first, pattern, len);
	first[len] = '\0';
	return first;
}
