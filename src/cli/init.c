/* ardoise init: create or migrate the database and load the content. */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "content/catalog.h"
#include "content/content_store.h"
#include "content/publish.h"
#include "core/i18n.h"
#include "core/log.h"
#include "org/demo.h"
#include "org/organisation.h"
#include "speech/speech.h"
#include "store/db.h"

static void init_usage(void)
{
	fputs(_("Usage : ardoise init [--db BASE] [--content DOSSIER] [--media DOSSIER] [--demo]\n"
		"                     [--operateur LOGIN] [--audio-cache DOSSIER] [--sans-audio]\n"
		"\n"
		"Crée la base si elle n'existe pas, applique les migrations en attente\n"
		"et charge le contenu pédagogique. Peut être relancée sans risque.\n"
		"\n"
		"  --db BASE          fichier SQLite, ou URL postgresql://… (défaut :\n"
		"                     data/ardoise.db)\n"
		"  --content DOSSIER  dossier du contenu (défaut : content)\n"
		"  --media DOSSIER    où copier les images et vidéos de DOSSIER/media (défaut :\n"
		"                     media/ à côté de la base SQLite ; data/media avec\n"
		"                     PostgreSQL), là où « ardoise serve » les cherche\n"
		"  --demo             crée aussi l'« Association de démonstration »\n"
		"                     et affiche ses identifiants\n"
		"  --operateur LOGIN  crée aussi un compte opérateur national LOGIN, avec\n"
		"                     un mot de passe provisoire affiché une fois\n"
		"  --audio-cache DOSSIER  dossier des fichiers audio des dictées, créés ici\n"
		"                     une fois (défaut : audio/ à côté de la base SQLite)\n"
		"  --sans-audio       ne prépare pas l'audio des dictées : il sera créé\n"
		"                     à la première écoute\n"
		"  --help             affiche cette aide\n"), stdout);
}

/* Options of the dictation audio: its folder, or none at all. */
struct audio_options {
	const char *cache; /* NULL: the default next to the database */
	bool skip;
};

static void audio_prepare(const struct catalog *c, const char *db_url, const struct audio_options *audio)
{
	char dir[4096];

	if (audio->skip)
		return;
	if (audio->cache)
		snprintf(dir, sizeof(dir), "%s", audio->cache);
	else
		cli_folder_default(db_url, "audio", dir, sizeof(dir));
	if (speech_init(dir) < 0) {
		fprintf(stderr, _("Audio des dictées non préparé : le dossier « %s » n'a pas pu être créé. Vérifiez les droits ou choisissez-en un autre avec --audio-cache.\n"), dir);
		return;
	}
	init_dictation_audio(c);
}

static int load_content(struct db *db, const char *root, const char *db_url, const struct audio_options *audio)
{
	struct catalog c;
	int problems;

	catalog_init(&c);
	problems = catalog_load_dir(&c, root, stderr);
	if (problems == 0)
		problems = content_store_save(db, &c, stderr);
	if (problems == 0) {
		printf(_("Contenu chargé : %zu contenus (activités et ressources).\n"), c.count);
		audio_prepare(&c, db_url, audio);
	}
	else if (problems > 0)
		fprintf(stderr, _("Contenu non chargé : %d problème(s) à corriger dans « %s ».\n"), problems, root);
	catalog_release(&c);
	return problems == 0 ? 0 : -1;
}

static int operator_create(struct db *db, const char *login)
{
	char password[32], message[256];

	if (operator_bootstrap(db, login, password, sizeof(password), message, sizeof(message)) < 0) {
		fprintf(stderr, "ardoise init : %s\n", message);
		return -1;
	}
	printf(_("Compte opérateur créé : identifiant %s, mot de passe provisoire %s (à changer à la première connexion).\n"),
	       login, password);
	return 0;
}

/* Copy the images and media files of the content next to the database,
 * where `ardoise serve` finds them by default. */
static int media_install(const char *db_url, const char *content, const char *media_dir)
{
	char folder[4096];

	if (!media_dir) {
		cli_folder_default(db_url, "media", folder, sizeof(folder));
		media_dir = folder;
	}
	if (package_media_copy(content, media_dir) == 0)
		return 0;
	fprintf(stderr, _("ardoise init : copie des fichiers de %s/media vers « %s » impossible (%s). Vérifiez les droits ou choisissez un autre dossier avec --media.\n"),
		content, media_dir, strerror(errno));
	return -1;
}

static int run_init(const char *path, const char *content, const char *media_dir, int demo, const char *operator_login,
		    const struct audio_options *audio)
{
	char err[256];
	struct db *db = db_open(path, err, sizeof(err));
	int rc = 1, created;

	if (!db) {
		fprintf(stderr, "ardoise init : %s\n", err);
		return 1;
	}
	if (db_migrate(db) < 0 || load_content(db, content, path, audio) < 0 || media_install(path, content, media_dir) < 0)
		goto out;
	if (operator_login && operator_create(db, operator_login) < 0)
		goto out;
	if (demo) {
		created = demo_create(db, stdout);
		if (created < 0)
			goto out;
		if (created == 0)
			printf(_("L'association de démonstration existe déjà : ses identifiants ne changent pas.\n"));
	}
	rc = 0;
out:
	db_close(db);
	return rc;
}

int cmd_init(int argc, char **argv)
{
	static const struct option options[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "content", required_argument, NULL, 'c' },
		{ "demo", no_argument, NULL, 'D' },
		{ "operateur", required_argument, NULL, 'o' },
		{ "media", required_argument, NULL, 'm' },
		{ "audio-cache", required_argument, NULL, 'a' },
		{ "sans-audio", no_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *path = CLI_DEFAULT_DB, *content = CLI_DEFAULT_CONTENT;
	const char *operator_login = NULL, *media_dir = NULL;
	struct audio_options audio = { NULL, false };
	int demo = 0, opt;

	opterr = 0;
	optind = 1;
	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		switch (opt) {
		case 'd': path = optarg; break;
		case 'c': content = optarg; break;
		case 'D': demo = 1; break;
		case 'o': operator_login = optarg; break;
		case 'm': media_dir = optarg; break;
		case 'a': audio.cache = optarg; break;
		case 'S': audio.skip = true; break;
		case 'h': init_usage(); return 0;
		case ':': return cli_usage_error("init", _("l'option « %s » demande une valeur."), argv[optind - 1]);
		default: return cli_usage_error("init", _("option inconnue « %s »."), argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("init", _("argument inattendu « %s »."), argv[optind]);
	return run_init(path, content, media_dir, demo, operator_login, &audio);
}
