/* ardoise routes: print the route table, for people and for the tests. */
#include <stdio.h>
#include <string.h>

#include "auth/roles.h"
#include "cli/cli.h"
#include "core/i18n.h"
#include "http/router.h"

int cmd_routes(int argc, char **argv)
{
	size_t i;

	if (argc > 1 && strcmp(argv[1], "--help") == 0) {
		fputs(_("Usage : ardoise routes\n\nAffiche une ligne par route : méthode, motif, capacités requises (en hexadécimal), portée vérifiée.\n"), stdout);
		return 0;
	}
	if (argc > 1)
		return cli_usage_error("routes", _("argument inattendu « %s »."), argv[1]);
	for (i = 0; i < route_count; i++)
		printf("%s\t%s\t%#x\t%s\n", routes[i].method, routes[i].pattern, routes[i].caps, routes[i].scope);
	return 0;
}
