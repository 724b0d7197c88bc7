/*
 * i18n: GNU gettext. Message ids are the French texts, so French is what
 * shows when no catalogue applies; po/en.po gives English.
 */
#ifndef ARDOISE_CORE_I18N_H
#define ARDOISE_CORE_I18N_H

#include <libintl.h>

#define _(text) gettext(text)
#define N_(text) (text)

/* Pick the language from LC_ALL, LC_MESSAGES or LANG ("en_*" gives English,
 * anything else French) and bind the catalogues in `locale_dir`. Works even
 * when the system has no generated locale for that language. */
void i18n_init(const char *locale_dir);

#endif
