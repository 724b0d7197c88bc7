/*
 * import_job: confirmed class-list imports, each running on a background
 * thread (http/background.h), and a process-wide table of their progress
 * that the status page reads.
 *
 * The table lives in memory only: after a restart a status page answers
 * 404, and an import cut short by the stop was rolled back as a whole.
 */
#ifndef ARDOISE_WEB_IMPORT_JOB_H
#define ARDOISE_WEB_IMPORT_JOB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Jobs remembered; a new job takes the slot of the oldest finished one. */
#define IMPORT_JOB_SLOTS 64

enum import_job_state { IMPORT_JOB_RUNNING, IMPORT_JOB_DONE, IMPORT_JOB_FAILED };

struct import_job_status {
	int64_t id;
	int64_t structure_id;
	int64_t actor_id;
	int64_t pending_id; /* the pending_import row being imported */
	enum import_job_state state;
	size_t done;        /* children created so far */
	size_t total;       /* children in the file, 0 until the file is read */
	char message[512];  /* French reason of a failure */
};

/* Import the pending import `pending_id` on a background thread. Returns
 * the new job's id, the id of a job that is running or done for the same
 * pending import and person (a second click), or -1 when no job can start
 * now (too many imports running, or the server is stopping). */
int64_t import_job_start(int64_t structure_id, int64_t actor_id, int64_t pending_id);
/* The id of a running or finished job of `pending_id` for this person, or 0. */
int64_t import_job_of_pending(int64_t structure_id, int64_t actor_id, int64_t pending_id);
/* Copy the status of job `id` into `out`; false when it is unknown. */
bool import_job_get(int64_t id, struct import_job_status *out);

#endif
