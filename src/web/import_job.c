/* Confirmed imports on background threads, and their progress table. */
#include "web/import_job.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/log.h"
#include "http/background.h"
#include "org/import.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct import_job_status table[IMPORT_JOB_SLOTS];
static int64_t next_id = 1;

/* The ids a background thread needs, copied from the table at start. */
struct job_arg {
	int64_t id;
	int64_t structure_id;
	int64_t actor_id;
	int64_t pending_id;
};

/* The slot of job `id`, or NULL; call with the lock held. */
static struct import_job_status *slot_of(int64_t id)
{
	size_t i;

	for (i = 0; id > 0 && i < IMPORT_JOB_SLOTS; i++)
		if (table[i].id == id)
			return &table[i];
	return NULL;
}

/* A free slot, else the oldest finished one; NULL when all run. */
static struct import_job_status *slot_free(void)
{
	struct import_job_status *oldest = NULL;
	size_t i;

	for (i = 0; i < IMPORT_JOB_SLOTS; i++) {
		if (table[i].id == 0)
			return &table[i];
		if (table[i].state != IMPORT_JOB_RUNNING && (!oldest || table[i].id < oldest->id))
			oldest = &table[i];
	}
	return oldest;
}

/* The job of this pending import that has not failed; lock held. */
static int64_t pending_job(int64_t structure_id, int64_t actor_id, int64_t pending_id)
{
	size_t i;

	for (i = 0; i < IMPORT_JOB_SLOTS; i++)
		if (table[i].id && table[i].pending_id == pending_id && table[i].structure_id == structure_id &&
		    table[i].actor_id == actor_id && table[i].state != IMPORT_JOB_FAILED)
			return table[i].id;
	return 0;
}

static void job_update(int64_t id, enum import_job_state state, size_t done, size_t total, const char *message)
{
	struct import_job_status *s;

	pthread_mutex_lock(&lock);
	s = slot_of(id);
	if (s) {
		s->state = state;
		s->done = done;
		s->total = total;
		if (message)
			snprintf(s->message, sizeof(s->message), "%s", message);
	}
	pthread_mutex_unlock(&lock);
}

static bool on_progress(void *data, size_t done, size_t total)
{
	const struct job_arg *arg = data;

	job_update(arg->id, IMPORT_JOB_RUNNING, done, total, NULL);
	return !background_stopping();
}

/* The uploaded file of the pending import, decoded; NULL when it is gone
 * (confirmed already, expired) or cannot be read. */
static char *pending_load(struct db *db, const struct job_arg *arg, size_t *len)
{
	struct db_stmt *st = db_prepare(db, "SELECT data FROM pending_import WHERE id = ? AND structure_id = ? AND actor_id = ?");
	char *data = NULL;
	const char *text;

	if (!st)
		return NULL;
	db_bind_int(st, 1, arg->pending_id);
	db_bind_int(st, 2, arg->structure_id);
	db_bind_int(st, 3, arg->actor_id);
	if (db_step(st) == DB_ROW && (text = db_column_text(st, 0)) != NULL) {
		size_t text_len = strlen(text);

		data = malloc(text_len / 4 * 3 + 1);
		if (data && sodium_base642bin((unsigned char *)data, text_len / 4 * 3 + 1, text, text_len, NULL, len, NULL,
					      sodium_base64_VARIANT_ORIGINAL) != 0) {
			free(data);
			data = NULL;
		}
	}
	db_reset(st);
	return data;
}

/* Read the file again and check it against the structure as it is now,
 * since children may have been added since the preview. */
static int plan_load(struct db *db, const struct job_arg *arg, struct import_plan *plan, char *message, size_t size)
{
	size_t len = 0;
	char *data = pending_load(db, arg, &len);
	int rc;

	if (!data) {
		snprintf(message, size, "%s", _("Ce fichier a déjà été importé, ou son aperçu date de plus d'un jour : importez le fichier de nouveau."));
		return -1;
	}
	rc = import_plan_make(db, arg->structure_id, data, len, plan);
	free(data);
	if (rc < 0) {
		snprintf(message, size, "%s", _("La liste n'a pas pu être relue. Réessayez dans un instant."));
		return -1;
	}
	if (!import_plan_ready(plan)) {
		snprintf(message, size, _("La liste ne peut plus être importée telle quelle (%zu problèmes, par exemple un élève inscrit depuis l'aperçu) : importez le fichier de nouveau pour voir le détail."),
			 import_plan_problems(plan));
		return -1;
	}
	return 0;
}

static void job_run(void *data, struct db *db)
{
	struct job_arg *arg = data;
	struct import_plan plan = { 0 };
	char message[512] = "";
	int64_t created = -1;

	if (plan_load(db, arg, &plan, message, sizeof(message)) == 0) {
		job_update(arg->id, IMPORT_JOB_RUNNING, 0, plan.roster.row_count, NULL);
		created = import_apply(db, arg->actor_id, arg->structure_id, &plan, arg->pending_id, on_progress, arg);
		if (created < 0)
			snprintf(message, sizeof(message), "%s", _("L'import n'a pas pu être enregistré. Réessayez dans un instant."));
	}
	if (created >= 0) {
		job_update(arg->id, IMPORT_JOB_DONE, (size_t)created, (size_t)created, NULL);
		log_info("import done structure=%lld actor=%lld children=%lld", (long long)arg->structure_id,
			 (long long)arg->actor_id, (long long)created);
	} else {
		job_update(arg->id, IMPORT_JOB_FAILED, 0, plan.roster.row_count, message);
		log_info("import failed structure=%lld actor=%lld pending=%lld", (long long)arg->structure_id,
			 (long long)arg->actor_id, (long long)arg->pending_id);
	}
	import_plan_release(&plan);
	free(arg);
}

/* Take a slot for a new job of `pending_id`, or find the job already
 * there. Returns the id and sets `*is_new`; -1 when every slot runs. */
static int64_t job_reserve(int64_t structure_id, int64_t actor_id, int64_t pending_id, bool *is_new)
{
	struct import_job_status *s;
	int64_t id;

	pthread_mutex_lock(&lock);
	id = pending_job(structure_id, actor_id, pending_id);
	*is_new = id == 0;
	if (*is_new && (s = slot_free()) != NULL) {
		memset(s, 0, sizeof(*s));
		s->id = id = next_id++;
		s->structure_id = structure_id;
		s->actor_id = actor_id;
		s->pending_id = pending_id;
		s->state = IMPORT_JOB_RUNNING;
	} else if (*is_new) {
		id = -1;
	}
	pthread_mutex_unlock(&lock);
	return id;
}

int64_t import_job_start(int64_t structure_id, int64_t actor_id, int64_t pending_id)
{
	struct job_arg *arg;
	bool is_new;
	int64_t id = job_reserve(structure_id, actor_id, pending_id, &is_new);

	if (id < 0 || !is_new)
		return id;
	arg = malloc(sizeof(*arg));
	if (arg) {
		arg->id = id;
		arg->structure_id = structure_id;
		arg->actor_id = actor_id;
		arg->pending_id = pending_id;
	}
	if (!arg || background_start(job_run, arg) < 0) {
		free(arg);
		pthread_mutex_lock(&lock);
		memset(slot_of(id), 0, sizeof(struct import_job_status));
		pthread_mutex_unlock(&lock);
		return -1;
	}
	return id;
}

int64_t import_job_of_pending(int64_t structure_id, int64_t actor_id, int64_t pending_id)
{
	int64_t id;

	pthread_mutex_lock(&lock);
	id = pending_job(structure_id, actor_id, pending_id);
	pthread_mutex_unlock(&lock);
	return id;
}

bool import_job_get(int64_t id, struct import_job_status *out)
{
	struct import_job_status *s;

	pthread_mutex_lock(&lock);
	s = slot_of(id);
	if (s)
		*out = *s;
	pthread_mutex_unlock(&lock);
	return s != NULL;
}
