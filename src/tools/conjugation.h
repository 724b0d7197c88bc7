/*
 * conjugation: the French conjugation dictionary, built from the data of
 * verbiste (Debian package verbiste, files verbs-fr.xml and
 * conjugation-fr.xml, GPL-2.0-or-later, by Pierre Sarrazin).
 *
 * verbiste gives the simple tenses of more than 7,000 verbs as templates:
 * each verb names a template ("aim:er") whose endings are appended to the
 * verb's stem. This module adds the compound tenses (auxiliary + past
 * participle) and an index of every conjugated form, folded (see
 * tools/fold.h), so "allions" and "etre" both find their verb.
 *
 * Ownership: conjugation_open() returns a dictionary that owns all its
 * strings; free it with conjugation_free() (accepts NULL). A loaded
 * dictionary is read-only, so threads may share it.
 */
#ifndef ARDOISE_TOOLS_CONJUGATION_H
#define ARDOISE_TOOLS_CONJUGATION_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"

#define CONJ_DEFAULT_DIR "/usr/share/verbiste-0.1"
#define CONJ_MAX_PERSONS 6
#define CONJ_MAX_MATCHES 20 /* verbs listed for one searched form */

/* The simple tenses, in verbiste's order. */
enum conj_tense {
	CONJ_INFINITIVE,
	CONJ_IND_PRESENT,
	CONJ_IND_IMPERFECT,
	CONJ_IND_FUTURE,
	CONJ_IND_SIMPLE_PAST,
	CONJ_COND_PRESENT,
	CONJ_SUBJ_PRESENT,
	CONJ_SUBJ_IMPERFECT,
	CONJ_IMPERATIVE, /* 3 persons: tu, nous, vous */
	CONJ_PRESENT_PARTICIPLE,
	CONJ_PAST_PARTICIPLE, /* 4 forms: masculine/feminine, singular/plural */
	CONJ_SIMPLE_COUNT,
};

/* The compound tenses: an auxiliary tense and the past participle. */
enum conj_compound {
	CONJ_PASSE_COMPOSE,
	CONJ_PLUS_QUE_PARFAIT,
	CONJ_PASSE_ANTERIEUR,
	CONJ_FUTUR_ANTERIEUR,
	CONJ_COND_PASSE,
	CONJ_SUBJ_PASSE,
	CONJ_SUBJ_PLUS_QUE_PARFAIT,
	CONJ_IMPERATIVE_PASSE,
	CONJ_INFINITIVE_PASSE,   /* "avoir fini": one form */
	CONJ_PARTICIPLE_PASSE,   /* "ayant fini": one form */
	CONJ_COMPOUND_COUNT,
};

struct conjugation;

/* A form found by conjugation_find(): which verb, tense and person. */
struct conj_match {
	size_t verb;            /* index for conjugation_infinitive() */
	enum conj_tense tense;
	int person;             /* 0-based slot in the tense */
};

/*
 * Load the two XML files of `dir` (NULL = CONJ_DEFAULT_DIR) and build the
 * index. Returns NULL with a French message in `err` on failure.
 */
struct conjugation *conjugation_open(const char *dir, char *err, size_t err_size);
void conjugation_free(struct conjugation *c);

/* The dictionary of CONJ_DEFAULT_DIR, loaded on the first call (thread
 * safe); NULL, logged once, when the data is missing. */
const struct conjugation *conjugation_shared(void);

size_t conjugation_verb_count(const struct conjugation *c);
const char *conjugation_infinitive(const struct conjugation *c, size_t verb);
/* True when the verb's compound tenses take "être". */
bool conjugation_uses_etre(const struct conjugation *c, size_t verb);
/* True when "je" before `form` of `verb` becomes "j'": the form starts
 * with a vowel, or with an "h" that verbiste does not mark aspirate. */
bool conjugation_elides(const struct conjugation *c, size_t verb, const char *form);

/*
 * Find the verbs of which `word` (any case, accents optional) is a form.
 * Fills at most `max` matches, one per verb (the first tense found, the
 * infinitive first); returns how many.
 */
size_t conjugation_find(const struct conjugation *c, const char *word, struct conj_match *out, size_t max);

/*
 * Write the simple form of `verb` into `out` (alternatives joined by
 * " ou "); returns 0, or -1 when the verb has no such form (a defective
 * verb such as "falloir" at "je") or the slot is out of range.
 */
int conjugation_simple(const struct conjugation *c, size_t verb, enum conj_tense tense, int person,
		       char *out, size_t size);
/* Write the compound form, auxiliary included ("avons fini", "sont
 * allé(e)s"); returns 0 or -1 like conjugation_simple(). */
int conjugation_compound(const struct conjugation *c, size_t verb, enum conj_compound tense, int person,
			 char *out, size_t size);

/* Number of persons of a simple tense (1, 3, 4 or 6). */
int conjugation_person_count(enum conj_tense tense);
/* Subject pronoun of a person slot in a personal tense ("je", "tu", "il,
 * elle, on", ...), written before the form; "j'" when `elided`. */
const char *conjugation_pronoun(int person, bool elided);
/* French names: "Indicatif", "présent", "passé composé"... */
const char *conjugation_tense_name(enum conj_tense tense);
const char *conjugation_compound_name(enum conj_compound tense);

#endif
