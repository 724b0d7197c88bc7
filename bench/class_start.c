/*
 * class-start: the children of one group submit the same activity at the
 * same moment, then the next group does, for many groups in turn.
 *
 *   class-start --db URL --base http://127.0.0.1:PORT [--groups N] [--group-size N]
 *
 * For each group, every child first signs in and loads the activity page
 * one after the other (not measured). Then all the children's answers are
 * sent at once through one libcurl multi handle and timed. At the end every
 * submission is looked up in the database by (account, idempotency key):
 * an acknowledged answer (303 to /resultat/N) that is not stored is lost.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "client.h"

#define MAX_GROUP_SIZE 200
#define MAX_GROUPS 100000

struct submission {
	int64_t account_id;
	char key[BENCH_TOKEN_CHARS + 1];
	long status; /* HTTP status, or -1 when the transfer failed */
	int acknowledged;
	double ms;
};

struct run {
	struct submission *subs;
	long count;
	double *group_ms; /* from the first send to the last answer, per group */
	long groups;
	long sign_in_failures;
};

static const char *argument(int argc, char **argv, const char *name, const char *fallback)
{
	int i;

	for (i = 1; i + 1 < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return argv[i + 1];
	return fallback;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static size_t discard(char *data, size_t size, size_t n, void *user)
{
	return size * n;
}

/* Groups holding at least `size` CE2 benchmark children, by id. */
static long groups_find(struct db *db, long size, int64_t *out, long max)
{
	struct db_stmt *st = db_prepare(db,
		"SELECT m.group_id FROM group_member m JOIN account a ON a.id = m.account_id "
		"WHERE a.role = 'eleve' AND a.level = 'CE2' AND a.login LIKE 'bench-e-%' "
		"GROUP BY m.group_id HAVING count(*) >= ? ORDER BY m.group_id LIMIT ?");
	long n = 0;

	if (!st)
		return -1;
	db_bind_int(st, 1, size);
	db_bind_int(st, 2, max);
	while (n < max && db_step(st) == DB_ROW)
		out[n++] = db_column_int(st, 0);
	db_reset(st);
	return n;
}

/* Sign in every child of the group; returns the handles, NULL where it failed. */
static void group_sign_in(const char *base, const struct bench_child *kids, long size, CURL **handles,
			  struct bench_session *sessions, struct run *run)
{
	long i;

	for (i = 0; i < size; i++) {
		handles[i] = bench_sign_in(base, &kids[i], BENCH_ACTIVITY, &sessions[i]);
		if (!handles[i])
			run->sign_in_failures++;
	}
}

/* Send every signed-in child's answers at once and wait for all answers. */
static void group_submit(const char *base, const struct bench_child *kids, long size, CURL **handles,
			 const struct bench_session *sessions, struct run *run)
{
	CURLM *multi = curl_multi_init();
	char url[256], body[512];
	long i, n = 0;
	int running = 0, left;
	double start;
	CURLMsg *msg;

	snprintf(url, sizeof(url), "%s/activite/%s", base, BENCH_ACTIVITY);
	for (i = 0; i < size; i++) {
		struct submission *s = &run->subs[run->count + n];

		if (!handles[i])
			continue;
		memset(s, 0, sizeof(*s));
		s->account_id = kids[i].account_id;
		snprintf(s->key, sizeof(s->key), "%s", sessions[i].key);
		snprintf(body, sizeof(body), "csrf=%s&cle=%s&version=%d&debut=%ld&%s", sessions[i].csrf, sessions[i].key,
			 sessions[i].version, sessions[i].started, BENCH_ANSWERS);
		curl_easy_setopt(handles[i], CURLOPT_URL, url);
		curl_easy_setopt(handles[i], CURLOPT_COPYPOSTFIELDS, body);
		curl_easy_setopt(handles[i], CURLOPT_WRITEFUNCTION, discard);
		curl_easy_setopt(handles[i], CURLOPT_PRIVATE, s);
		curl_multi_add_handle(multi, handles[i]);
		n++;
	}
	start = now_ms();
	do {
		curl_multi_perform(multi, &running);
		while ((msg = curl_multi_info_read(multi, &left))) {
			struct submission *s;
			char *location = NULL;
			curl_off_t us = 0;

			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&s);
			curl_easy_getinfo(msg->easy_handle, CURLINFO_TOTAL_TIME_T, &us);
			s->ms = (double)us / 1e3;
			s->status = -1;
			if (msg->data.result == CURLE_OK)
				curl_easy_getinfo(msg->easy_handle, CURLINFO_RESPONSE_CODE, &s->status);
			else
				fprintf(stderr, "POST %s failed: %s\n", url, curl_easy_strerror(msg->data.result));
			curl_easy_getinfo(msg->easy_handle, CURLINFO_REDIRECT_URL, &location);
			s->acknowledged = s->status == 303 && location && strstr(location, "/resultat/");
		}
		if (running)
			curl_multi_poll(multi, NULL, 0, 1000, NULL);
	} while (running);
	run->group_ms[run->groups++] = now_ms() - start;
	for (i = 0; i < size; i++)
		if (handles[i]) {
			curl_multi_remove_handle(multi, handles[i]);
			curl_easy_cleanup(handles[i]);
		}
	curl_multi_cleanup(multi);
	run->count += n;
}

static int compare_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double percentile(const double *sorted, long n, double p)
{
	long i = (long)(p / 100.0 * (double)n);

	if (n == 0)
		return 0;
	return sorted[i >= n ? n - 1 : i];
}

static void print_distribution(const char *what, double *values, long n)
{
	qsort(values, (size_t)n, sizeof(*values), compare_double);
	printf("%-28s p50 %7.1f ms  p90 %7.1f ms  p99 %7.1f ms  p99.9 %7.1f ms  max %7.1f ms  (%ld)\n", what,
	       percentile(values, n, 50), percentile(values, n, 90), percentile(values, n, 99),
	       percentile(values, n, 99.9), n ? values[n - 1] : 0.0, n);
}

/* Look every submission up; prints the counts and returns lost answers. */
static long verify(const char *url, const struct run *run, long *stored_unacked)
{
	char err[512];
	struct db *db = db_open(url, err, sizeof(err));
	long i, lost = 0;

	*stored_unacked = 0;
	if (!db) {
		fprintf(stderr, "class-start: cannot open %s: %s\n", url, err);
		return -1;
	}
	for (i = 0; i < run->count; i++) {
		const struct submission *s = &run->subs[i];
		struct db_stmt *st = db_prepare(db, "SELECT count(*) FROM attempt WHERE account_id = ? AND idempotency_key = ?");
		int64_t found = 0;

		db_bind_int(st, 1, s->account_id);
		db_bind_text(st, 2, s->key);
		if (db_step(st) == DB_ROW)
			found = db_column_int(st, 0);
		db_reset(st);
		if (s->acknowledged && found != 1)
			lost++;
		if (!s->acknowledged && found)
			(*stored_unacked)++;
	}
	db_close(db);
	return lost;
}

static void report(const char *url, struct run *run, double seconds)
{
	double *latencies = malloc((size_t)(run->count ? run->count : 1) * sizeof(double));
	long i, acked = 0, errors = 0, lost, stored_unacked;

	for (i = 0; i < run->count; i++) {
		latencies[i] = run->subs[i].ms;
		if (run->subs[i].acknowledged)
			acked++;
		else
			errors++;
	}
	lost = verify(url, run, &stored_unacked);
	printf("groups %ld, submissions %ld in %.1f s, sign-in failures %ld\n", run->groups, run->count, seconds,
	       run->sign_in_failures);
	printf("acknowledged %ld, errors %ld, lost (acknowledged, not stored) %ld, stored without acknowledgement %ld\n",
	       acked, errors, lost, stored_unacked);
	print_distribution("submission latency", latencies, run->count);
	print_distribution("whole group answered", run->group_ms, run->groups);
	free(latencies);
}

int main(int argc, char **argv)
{
	const char *url = argument(argc, argv, "--db", NULL), *base = argument(argc, argv, "--base", NULL);
	long groups = strtol(argument(argc, argv, "--groups", "1000"), NULL, 10);
	long size = strtol(argument(argc, argv, "--group-size", "30"), NULL, 10), g, n;
	struct bench_child *kids;
	struct bench_session sessions[MAX_GROUP_SIZE];
	CURL *handles[MAX_GROUP_SIZE];
	struct run run = { 0 };
	int64_t *group_ids;
	struct db *db;
	char err[512];
	double start;

	if (!url || !base || groups < 1 || groups > MAX_GROUPS || size < 1 || size > MAX_GROUP_SIZE) {
		fprintf(stderr, "usage: class-start --db URL --base http://127.0.0.1:PORT [--groups 1..%d] [--group-size 1..%d]\n",
			MAX_GROUPS, MAX_GROUP_SIZE);
		return 2;
	}
	db = db_open(url, err, sizeof(err));
	if (!db) {
		fprintf(stderr, "class-start: cannot open %s: %s\n", url, err);
		return 1;
	}
	group_ids = calloc((size_t)groups, sizeof(*group_ids));
	kids = calloc((size_t)(groups * size), sizeof(*kids));
	run.subs = calloc((size_t)(groups * size), sizeof(*run.subs));
	run.group_ms = calloc((size_t)groups, sizeof(*run.group_ms));
	n = group_ids && kids && run.subs && run.group_ms ? groups_find(db, size, group_ids, groups) : -1;
	for (g = 0; g < n; g++)
		if (bench_children(db, "CE2", group_ids[g], &kids[g * size], size) != size)
			n = -1;
	db_close(db);
	if (n < groups) {
		fprintf(stderr, "class-start: found %ld groups of %ld CE2 children, %ld needed (make-volume-db --per-group %ld --level CE2)\n",
			n, size, groups, size);
		return 1;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	start = now_ms();
	for (g = 0; g < groups; g++) {
		group_sign_in(base, &kids[g * size], size, handles, sessions, &run);
		group_submit(base, &kids[g * size], size, handles, sessions, &run);
		if ((g + 1) % 100 == 0) {
			printf("groups %ld/%ld\n", g + 1, groups);
			fflush(stdout);
		}
	}
	report(url, &run, (now_ms() - start) / 1e3);
	curl_global_cleanup();
	free(group_ids);
	free(kids);
	free(run.subs);
	free(run.group_ms);
	return 0;
}
