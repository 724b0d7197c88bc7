/* Speech synthesis: the cache folder, keys, and the two child processes. */
#define _GNU_SOURCE /* pipe2, mkstemps */
#include "speech/speech.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <sodium.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/log.h"

extern char **environ;

/* Short enough that every file path built from it fits in PATH_MAX. */
#define SPEECH_MAX_DIR_CHARS 1024

static char cache_dir[SPEECH_MAX_DIR_CHARS];
static char espeak_path[PATH_MAX];
static char opusenc_path[PATH_MAX];

/* Find `name` in PATH; writes the full path into `out` (empty if absent). */
static void program_find(const char *name, char *out, size_t size)
{
	const char *path = getenv("PATH");
	const char *p = path ? path : "/usr/bin:/bin";
	char candidate[PATH_MAX];
	size_t len;

	out[0] = '\0';
	while (*p) {
		len = strcspn(p, ":");
		if (len && (size_t)snprintf(candidate, sizeof(candidate), "%.*s/%s", (int)len, p, name) < sizeof(candidate) &&
		    access(candidate, X_OK) == 0) {
			snprintf(out, size, "%s", candidate);
			return;
		}
		p += len;
		if (*p == ':')
			p++;
	}
}

/* mkdir -p: create `dir` and its missing parents. */
static int dir_create(const char *dir)
{
	char path[PATH_MAX];
	size_t i, len = strlen(dir);

	if (len == 0 || len >= sizeof(path))
		return -1;
	memcpy(path, dir, len + 1);
	for (i = 1; i <= len; i++) {
		if (path[i] != '/' && path[i] != '\0')
			continue;
		path[i] = '\0';
		if (mkdir(path, 0755) < 0 && errno != EEXIST)
			return -1;
		path[i] = i == len ? '\0' : '/';
	}
	return 0;
}

int speech_init(const char *dir)
{
	if ((size_t)snprintf(cache_dir, sizeof(cache_dir), "%s", dir) >= sizeof(cache_dir) || dir_create(dir) < 0) {
		log_error("audio cache folder failed dir=\"%s\" error=\"%s\"", dir, strerror(errno));
		return -1;
	}
	program_find("espeak-ng", espeak_path, sizeof(espeak_path));
	program_find("opusenc", opusenc_path, sizeof(opusenc_path));
	if (!espeak_path[0])
		log_warn("espeak-ng not found on PATH: the listen buttons are hidden");
	else if (!opusenc_path[0])
		log_warn("opusenc not found on PATH: audio is cached as WAV");
	log_info("audio cache dir=\"%s\" espeak=%d opus=%d", cache_dir, espeak_path[0] != 0, opusenc_path[0] != 0);
	return 0;
}

bool speech_available(void)
{
	return espeak_path[0] != '\0';
}

bool speech_compressed(void)
{
	return opusenc_path[0] != '\0';
}

void speech_key(const char *text, int speed, char out[SPEECH_KEY_CHARS + 1])
{
	crypto_generichash_state state;
	unsigned char hash[SPEECH_KEY_CHARS / 2];
	char head[64];
	int n = snprintf(head, sizeof(head), "ardoise-speech-1|%s|%d|", SPEECH_VOICE, speed);

	crypto_generichash_init(&state, NULL, 0, sizeof(hash));
	crypto_generichash_update(&state, (const unsigned char *)head, (unsigned long long)n);
	crypto_generichash_update(&state, (const unsigned char *)text, strlen(text));
	crypto_generichash_final(&state, hash, sizeof(hash));
	sodium_bin2hex(out, SPEECH_KEY_CHARS + 1, hash, sizeof(hash));
}

bool speech_cached(const char *key, char name[SPEECH_FILE_CHARS + 1])
{
	static const char *const extensions[] = { ".ogg", ".wav" };
	char path[PATH_MAX];
	struct stat st;
	size_t i;

	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/%s%s", cache_dir, key, extensions[i]);
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
			snprintf(name, SPEECH_FILE_CHARS + 1, "%s%s", key, extensions[i]);
			return true;
		}
	}
	return false;
}

/* Wait for `pid` up to `timeout_ms`, then kill it. Returns 0 when it
 * exited with status 0. */
static int child_wait(pid_t pid, const char *program, int timeout_ms)
{
	struct timespec pause = { 0, 10 * 1000000 };
	int status = 0, waited;
	pid_t done;

	for (waited = 0; waited <= timeout_ms; waited += 10) {
		done = waitpid(pid, &status, WNOHANG);
		if (done == pid) {
			if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
				return 0;
			log_error("speech program failed program=%s status=%d", program, status);
			return -1;
		}
		if (done < 0 && errno != EINTR) {
			log_error("speech program wait failed program=%s error=\"%s\"", program, strerror(errno));
			return -1;
		}
		nanosleep(&pause, NULL);
	}
	kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	log_error("speech program timed out program=%s timeout_ms=%d", program, timeout_ms);
	return -1;
}

static int write_all(int fd, const char *data, size_t len)
{
	ssize_t n;

	while (len) {
		n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* The child gets no blocked signals and default actions for the ones the
 * server blocks or ignores, so SIGKILL and SIGPIPE behave as usual. */
static void spawn_attr_prepare(posix_spawnattr_t *attr)
{
	sigset_t none, defaults;

	sigemptyset(&none);
	sigemptyset(&defaults);
	sigaddset(&defaults, SIGPIPE);
	sigaddset(&defaults, SIGINT);
	sigaddset(&defaults, SIGTERM);
	posix_spawnattr_init(attr);
	posix_spawnattr_setsigmask(attr, &none);
	posix_spawnattr_setsigdefault(attr, &defaults);
	posix_spawnattr_setflags(attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
}

/* Run argv[0] with `input` on its standard input and its output thrown
 * away. Returns 0 when it exits with status 0 within the timeout. */
static int child_run(char *const argv[], const char *input)
{
	posix_spawn_file_actions_t actions;
	posix_spawnattr_t attr;
	int in[2] = { -1, -1 }, rc = -1, err;
	pid_t pid;

	/* O_CLOEXEC: a child spawned meanwhile by another worker must not
	 * inherit the write end, or this child would never see the end of input. */
	if (pipe2(in, O_CLOEXEC) < 0)
		return -1;
	posix_spawn_file_actions_init(&actions);
	posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
	posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
	spawn_attr_prepare(&attr);
	err = posix_spawn(&pid, argv[0], &actions, &attr, argv, environ);
	close(in[0]);
	if (err) {
		log_error("speech program start failed program=%s error=\"%s\"", argv[0], strerror(err));
		goto out;
	}
	/* The text is at most SPEECH_MAX_TEXT_BYTES, below the pipe's 64 KiB
	 * capacity, so this write cannot wait for the child. */
	if (input && write_all(in[1], input, strlen(input)) < 0)
		log_warn("speech program input failed program=%s", argv[0]);
	close(in[1]);
	in[1] = -1;
	rc = child_wait(pid, argv[0], SPEECH_TIMEOUT_MS);
out:
	if (in[1] >= 0)
		close(in[1]);
	posix_spawn_file_actions_destroy(&actions);
	posix_spawnattr_destroy(&attr);
	return rc;
}

/* Create an empty temporary file "DIR/.KEY-XXXXXX.EXT" and keep its path. */
static int temp_create(char *path, size_t size, const char *key, const char *ext)
{
	int fd;

	snprintf(path, size, "%s/.%s-XXXXXX%s", cache_dir, key, ext);
	fd = mkstemps(path, (int)strlen(ext));
	if (fd < 0) {
		log_error("audio temporary file failed dir=\"%s\" error=\"%s\"", cache_dir, strerror(errno));
		path[0] = '\0';
		return -1;
	}
	close(fd);
	return 0;
}

static int synthesise(const char *text, int speed, const char *wav)
{
	char speed_arg[16];
	char *argv[] = { espeak_path, "-v", SPEECH_VOICE, "-b", "1", "-s", speed_arg, "-w", (char *)wav, "--stdin", NULL };

	snprintf(speed_arg, sizeof(speed_arg), "%d", speed);
	return child_run(argv, text);
}

static int encode_opus(const char *wav, const char *ogg)
{
	char *argv[] = { opusenc_path, "--quiet", "--speech", "--bitrate", "16", (char *)wav, (char *)ogg, NULL };

	return child_run(argv, NULL);
}

int speech_generate(const char *text, int speed, const char *key, char name[SPEECH_FILE_CHARS + 1])
{
	char wav[PATH_MAX] = "", ogg[PATH_MAX] = "", final[PATH_MAX];
	const char *result, *ext = speech_compressed() ? ".ogg" : ".wav";
	struct timespec started, ended;
	int rc = -1;

	clock_gettime(CLOCK_MONOTONIC, &started);

	if (!speech_available() || temp_create(wav, sizeof(wav), key, ".wav") < 0)
		goto out;
	if (synthesise(text, speed, wav) < 0)
		goto out;
	result = wav;
	if (speech_compressed()) {
		if (temp_create(ogg, sizeof(ogg), key, ".ogg") < 0 || encode_opus(wav, ogg) < 0)
			goto out;
		result = ogg;
	}
	snprintf(final, sizeof(final), "%s/%s%s", cache_dir, key, ext);
	/* rename() is atomic: a reader sees no file or the whole file. */
	if (rename(result, final) < 0) {
		log_error("audio cache rename failed path=\"%s\" error=\"%s\"", final, strerror(errno));
		goto out;
	}
	if (result == wav)
		wav[0] = '\0';
	else
		ogg[0] = '\0';
	snprintf(name, SPEECH_FILE_CHARS + 1, "%s%s", key, ext);
	clock_gettime(CLOCK_MONOTONIC, &ended);
	log_info("audio generated key=%s speed=%d bytes=%zu duration_ms=%lld", key, speed, strlen(text),
		 (long long)(ended.tv_sec - started.tv_sec) * 1000 + (ended.tv_nsec - started.tv_nsec) / 1000000);
	rc = 0;
out:
	if (wav[0])
		unlink(wav);
	if (ogg[0])
		unlink(ogg);
	return rc;
}
