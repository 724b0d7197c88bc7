/*
 * reading: a child's reading settings, stored per account so that they
 * follow the child to any computer. The layout turns them into classes on
 * <body>; the "Écouter" links read the voice speed.
 */
#ifndef ARDOISE_LEARN_READING_H
#define ARDOISE_LEARN_READING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

struct reading_settings {
	bool dyslexic_font; /* OpenDyslexic instead of the system font */
	bool wide_spacing;  /* more space between letters, words and lines */
	bool syllables;     /* a "Syllabes en couleur" button on short texts */
	bool slow_voice;    /* "Écouter" reads at SPEECH_SPEED_SLOW */
};

/* Read the settings of `account_id` into `out`; all false when the child
 * never saved any. Returns 0, or -1 on a database error (out all false). */
int reading_load(struct db *db, int64_t account_id, struct reading_settings *out);
/* Insert or replace the settings of `account_id`. Returns 0 or -1. */
int reading_save(struct db *db, int64_t account_id, const struct reading_settings *settings);
/* Write the <body> classes of the settings, space-separated and each with
 * a leading space (" police-dys espaces-larges"), into `out`. */
void reading_body_classes(const struct reading_settings *settings, char *out, size_t size);

#endif
