#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/i18n.h"
#include "store/db.h"

int cli_usage_error(const char *command, const char *message, const char *value)
{
	fprintf(stderr, _("ardoise %s : "), command);
	fprintf(stderr, message, value ? value : "");
	fprintf(stderr, _("\nLancez « ardoise %s --help » pour l'aide.\n"), command);
	return 2;
}

long cli_parse_count(const char *text, long max)
{
	char *end;
	long value;

	errno = 0;
	value = strtol(text, &end, 10);
	if (errno || *end || end == text || value < 1 || value > max)
		return -1;
	return value;
}

/* The default speech cache: "audio" next to the SQLite file, so each
 * database keeps its own; data/audio for PostgreSQL. */
void cli_audio_cache_default(const char *db_url, char *out, size_t size)
{
	const char *slash = strrchr(db_url, '/');

	if (db_url_is_postgres(db_url))
		snprintf(out, size, "data/audio");
	else if (slash)
		snprintf(out, size, "%.*s/audio", (int)(slash - db_url), db_url);
	else
		snprintf(out, size, "audio");
}
