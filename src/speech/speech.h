/*
 * speech: French text read aloud. espeak-ng (voice "fr") writes a WAV file
 * and opusenc turns it into Ogg Opus at 16 kbit/s for slow connections.
 * The result stays in a cache folder under a hash of (text, voice, speed),
 * so each text is synthesised once.
 *
 * Both programs run as child processes from an argument vector, never
 * through a shell: the text goes to espeak-ng's standard input, and each
 * program is killed after SPEECH_TIMEOUT_MS. When opusenc is missing the
 * WAV file is cached as it is (about 10 times larger).
 *
 * Thread safety: speech_init() runs once before the server starts; the
 * other functions may then run on any thread. speech_generate() blocks for
 * a fraction of a second to a few seconds, so call it on a worker only.
 */
#ifndef ARDOISE_SPEECH_SPEECH_H
#define ARDOISE_SPEECH_SPEECH_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"

#define SPEECH_VOICE "fr"
#define SPEECH_SPEED_NORMAL 150 /* espeak-ng words per minute; its default is 175 */
#define SPEECH_SPEED_SLOW 120
#define SPEECH_MAX_TEXT_BYTES 4096 /* longer texts are cut at a word */
#define SPEECH_TIMEOUT_MS 20000    /* per child process */
#define SPEECH_KEY_CHARS 32        /* hex of a 16-byte BLAKE2b hash */
#define SPEECH_FILE_CHARS (SPEECH_KEY_CHARS + 4) /* key and ".ogg" or ".wav" */

/* Use `cache_dir` (created with its parents when missing) and look for
 * espeak-ng and opusenc on PATH. Returns 0, or -1 when the folder cannot
 * be created; a missing espeak-ng only makes speech_available() false. */
int speech_init(const char *cache_dir);
/* True when espeak-ng was found, so "Écouter" buttons can work. */
bool speech_available(void);
/* True when files are Ogg Opus, false when they stay WAV. */
bool speech_compressed(void);

/* Write the cache key of (text, SPEECH_VOICE, speed) into `out`. */
void speech_key(const char *text, int speed, char out[SPEECH_KEY_CHARS + 1]);
/* True when `key` has a cached file; its name ("KEY.ogg") goes to `name`. */
bool speech_cached(const char *key, char name[SPEECH_FILE_CHARS + 1]);
/* Synthesise `text` at `speed` into the cache under `key` and write the
 * file name into `name`. Returns 0, or -1 after logging the cause. */
int speech_generate(const char *text, int speed, const char *key, char name[SPEECH_FILE_CHARS + 1]);

/* Append the text of the HTML fragment `html` to `b`, as espeak-ng should
 * read it. Tags are dropped and a block end becomes a pause. The entities
 * that cmark writes are decoded and runs of space collapsed. The space
 * that separates thousands ("10 000") is removed so the number is read
 * whole. */
void speech_text_from_html(struct buf *b, const char *html);
/* Append `text` (plain) with the same clean-up of spaces and numbers. */
void speech_text_add(struct buf *b, const char *text);

#endif
