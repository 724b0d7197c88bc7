#include "core/i18n.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

static const char *requested_language(void)
{
	static const char *vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	size_t i;

	for (i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *value = getenv(vars[i]);
		if (value && *value)
			return value;
	}
	return "";
}

void i18n_init(const char *locale_dir)
{
	const char *lang = requested_language();

	/* gettext ignores LANGUAGE under the plain "C" locale but honours it
	 * under C.UTF-8, which glibc always provides: that makes the choice
	 * work on machines where fr_FR or en_US was never generated. */
	if (!setlocale(LC_ALL, ""))
		setlocale(LC_ALL, "C.UTF-8");
	setlocale(LC_NUMERIC, "C");
	setenv("LANGUAGE", strncmp(lang, "en", 2) == 0 ? "en" : "fr", 1);
	bindtextdomain("ardoise", locale_dir);
	bind_textdomain_codeset("ardoise", "UTF-8");
	textdomain("ardoise");
}
