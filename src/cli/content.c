/* ardoise content check: validate the content files. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "content/catalog.h"
#include "core/i18n.h"

static void content_usage(void)
{
	fputs(_("Usage : ardoise content check [DOSSIER]\n"
		"        ardoise content import FICHIER --out DOSSIER (voir --help)\n"
		"\n"
		"Vérifie chaque fichier de contenu du dossier (défaut : content) et\n"
		"affiche chaque problème sous la forme fichier:ligne: message.\n"
		"Code de sortie : 0 si tout est bon, 1 s'il y a des problèmes.\n"), stdout);
}

int cmd_content(int argc, char **argv)
{
	const char *root = CLI_DEFAULT_CONTENT;
	struct catalog c;
	int problems;

	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		content_usage();
		return 0;
	}
	if (argc >= 2 && strcmp(argv[1], "import") == 0)
		return cmd_content_import(argc - 1, argv + 1);
	if (argc < 2 || strcmp(argv[1], "check") != 0)
		return cli_usage_error("content", _("sous-commande inconnue « %s » : écrivez « check » ou « import »."), argc < 2 ? "" : argv[1]);
	if (argc > 3)
		return cli_usage_error("content", _("argument inattendu « %s »."), argv[3]);
	if (argc == 3 && strcmp(argv[2], "--help") == 0) {
		content_usage();
		return 0;
	}
	if (argc == 3 && argv[2][0] == '-')
		return cli_usage_error("content", _("option inconnue « %s »."), argv[2]);
	if (argc == 3)
		root = argv[2];
	catalog_init(&c);
	problems = catalog_load_dir(&c, root, stdout);
	if (problems < 0)
		fprintf(stderr, _("ardoise content check : dossier « %s » illisible.\n"), root);
	else if (problems == 0)
		printf(_("%zu fichiers vérifiés, aucun problème.\n"), c.count);
	else
		printf(_("%d problème(s) trouvé(s).\n"), problems);
	catalog_release(&c);
	return problems == 0 ? 0 : 1;
}
