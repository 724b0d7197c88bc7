/* ardoise content check|stats: validate the content files, count them. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "content/catalog.h"
#include "content/stats.h"
#include "core/i18n.h"

static void content_usage(void)
{
	fputs(_("Usage : ardoise content check [DOSSIER]\n"
		"        ardoise content stats [DOSSIER] [--minimums]\n"
		"        ardoise content import FICHIER --out DOSSIER (voir --help)\n"
		"\n"
		"check : vérifie chaque fichier de contenu du dossier (défaut : content)\n"
		"et affiche chaque problème sous la forme fichier:ligne: message.\n"
		"Code de sortie : 0 si tout est bon, 1 s'il y a des problèmes.\n"
		"\n"
		"stats : compte les contenus par matière, niveau, type et compétence.\n"
		"  --minimums  liste aussi ce qui manque pour atteindre les minimums\n"
		"              (par matière et niveau : 4 activités et 2 ressources ;\n"
		"              en mathématiques et en français, pour chaque compétence :\n"
		"              2 activités et 1 ressource) ; code de sortie 1 s'il en manque.\n"), stdout);
}

static int run_check(const char *root)
{
	struct catalog c;
	int problems;

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

static int run_stats(const char *root, int minimums)
{
	struct catalog c;
	int problems, missing = 0;

	catalog_init(&c);
	problems = catalog_load_dir(&c, root, stderr);
	if (problems != 0) {
		fprintf(stderr, problems < 0 ? _("ardoise content stats : dossier « %s » illisible.\n") :
					      _("ardoise content stats : corrigez d'abord les problèmes de « %s » (ardoise content check).\n"),
			root);
		catalog_release(&c);
		return 1;
	}
	content_stats_print(&c, stdout);
	if (minimums) {
		printf(_("\nMinimums :\n"));
		missing = content_minimums_check(&c, stdout);
		if (missing)
			printf(_("%d minimum(s) non atteint(s).\n"), missing);
		else
			printf(_("Tous les minimums sont atteints.\n"));
	}
	catalog_release(&c);
	return missing ? 1 : 0;
}

int cmd_content(int argc, char **argv)
{
	const char *root = NULL;
	int i, minimums = 0, stats;

	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		content_usage();
		return 0;
	}
	if (argc >= 2 && strcmp(argv[1], "import") == 0)
		return cmd_content_import(argc - 1, argv + 1);
	if (argc < 2 || (strcmp(argv[1], "check") != 0 && strcmp(argv[1], "stats") != 0))
		return cli_usage_error("content", _("sous-commande inconnue « %s » : écrivez check, stats ou import."),
				       argc < 2 ? "" : argv[1]);
	stats = strcmp(argv[1], "stats") == 0;
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0) {
			content_usage();
			return 0;
		}
		if (stats && strcmp(argv[i], "--minimums") == 0)
			minimums = 1;
		else if (argv[i][0] == '-')
			return cli_usage_error("content", _("option inconnue « %s »."), argv[i]);
		else if (root)
			return cli_usage_error("content", _("argument inattendu « %s »."), argv[i]);
		else
			root = argv[i];
	}
	if (!root)
		root = CLI_DEFAULT_CONTENT;
	return stats ? run_stats(root, minimums) : run_check(root);
}
