#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "core/i18n.h"

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
