/*
 * mask: contact details typed in a tutoring message. A child must not give
 * out, and an adult must not ask for, a way to meet outside Ardoise, so
 * e-mail addresses, French phone numbers and street addresses are replaced
 * by a placeholder before a message is stored, and the message is flagged
 * for the opérateur.
 *
 * Phone numbers: ten digits starting with 0 ("06 12 34 56 78",
 * "0612345678", "06.12.34.56.78", "06-12-34-56-78"), or +33 / 0033 then
 * nine digits ("+33 6 12 34 56 78", "+33 (0)6 12 34 56 78"); one space, dot
 * or dash may separate any two digits.
 * Street addresses: a number of 1 to 4 digits, maybe "bis" or "ter", a
 * street word (rue, avenue, boulevard, allée, chemin, impasse, place, ...)
 * and up to MASK_ADDRESS_MAX_WORDS words of name, then an optional postal
 * code and town ("12 rue des Lilas, 31000 Toulouse").
 */
#ifndef ARDOISE_TUTOR_MASK_H
#define ARDOISE_TUTOR_MASK_H

#include <stddef.h>

#include "core/buf.h"

enum mask_kind {
	MASK_EMAIL = 1 << 0,
	MASK_PHONE = 1 << 1,
	MASK_ADDRESS = 1 << 2,
};

#define MASK_ADDRESS_MAX_WORDS 6

/* Append `len` bytes of `text` to `out` with every contact detail replaced
 * by a French placeholder such as "[numéro masqué]". Returns the
 * enum mask_kind bits of what was masked (0 when nothing was), or -1 when
 * `out` reached its maximum size. */
int mask_contact_details(const char *text, size_t len, struct buf *out);

#endif
