/* ardoise: the web server and the command-line tool in one program. */
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/i18n.h"

static void usage(FILE *out)
{
	fputs(_("Usage : ardoise COMMANDE [OPTIONS]\n"
		"\n"
		"Commandes :\n"
		"  init           crée ou met à jour la base et charge le contenu\n"
		"  serve          lance le serveur web\n"
		"  content check  vérifie les fichiers de contenu\n"
		"  routes         liste les adresses du site et les droits qu'elles demandent\n"
		"  backup         copie la base dans un fichier, serveur en marche\n"
		"  restore        remet en place une copie faite par backup\n"
		"  purge          efface les comptes désactivés depuis trop longtemps\n"
		"  indicateurs    recalcule les indicateurs d'utilisation d'une période\n"
		"\n"
		"« ardoise COMMANDE --help » décrit les options d'une commande.\n"), out);
}

/* Catalogues live in build/locale next to the binary, or in LOCALEDIR. */
static void locale_setup(void)
{
	char exe[PATH_MAX], dir[PATH_MAX + 16];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	const char *env = getenv("ARDOISE_LOCALEDIR");

	if (env) {
		i18n_init(env);
		return;
	}
	if (n > 0) {
		exe[n] = '\0';
		snprintf(dir, sizeof(dir), "%s/locale", dirname(exe));
		i18n_init(dir);
		return;
	}
	i18n_init("build/locale");
}

int main(int argc, char **argv)
{
	locale_setup();
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "init") == 0)
		return cmd_init(argc - 1, argv + 1);
	if (strcmp(argv[1], "serve") == 0)
		return cmd_serve(argc - 1, argv + 1);
	if (strcmp(argv[1], "content") == 0)
		return cmd_content(argc - 1, argv + 1);
	if (strcmp(argv[1], "routes") == 0)
		return cmd_routes(argc - 1, argv + 1);
	if (strcmp(argv[1], "backup") == 0)
		return cmd_backup(argc - 1, argv + 1);
	if (strcmp(argv[1], "restore") == 0)
		return cmd_restore(argc - 1, argv + 1);
	if (strcmp(argv[1], "purge") == 0)
		return cmd_purge(argc - 1, argv + 1);
	if (strcmp(argv[1], "indicateurs") == 0)
		return cmd_indicators(argc - 1, argv + 1);
	fprintf(stderr, _("ardoise : commande inconnue « %s ». Lancez « ardoise --help » pour la liste.\n"), argv[1]);
	return 2;
}
