/* ardoise backup and ardoise restore: copy the database into a file while
 * the server runs, and put such a copy back. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/i18n.h"
#include "store/db.h"

#define URL_DISPLAY_MAX 512
/* A progress line every this many percent. */
#define PROGRESS_STEP_PERCENT 10

struct copy_options {
	const char *url;
	const char *file; /* --out or --from */
	int force;
};

static void backup_usage(void)
{
	fputs(_("Usage : ardoise backup [--db URL] --out FICHIER [--force]\n"
		"\n"
		"Copie toute la base dans FICHIER pendant que le serveur tourne : la copie\n"
		"est cohérente (un seul instant de la base). SQLite : copie par l'API de\n"
		"sauvegarde en ligne, vérifiée. PostgreSQL : pg_dump --format=custom\n"
		"(paquet postgresql-client-15).\n"
		"\n"
		"  --db URL       fichier SQLite ou adresse postgresql://\n"
		"                 (défaut : data/ardoise.db)\n"
		"  --out FICHIER  fichier de sauvegarde à écrire\n"
		"  --force        remplace FICHIER s'il existe déjà\n"
		"  --help         affiche cette aide\n"
		"\n"
		"Code de sortie : 0 réussite, 1 échec, 2 mauvaise utilisation.\n"), stdout);
}

static void restore_usage(void)
{
	fputs(_("Usage : ardoise restore [--db URL] --from FICHIER [--force]\n"
		"\n"
		"Remet en place une sauvegarde faite par « ardoise backup », puis applique\n"
		"les migrations. Arrêtez d'abord les serveurs qui utilisent la base.\n"
		"SQLite : refuse d'écraser un fichier existant sans --force. PostgreSQL :\n"
		"la base doit exister (createdb) ; pg_restore --clean remplace son contenu,\n"
		"et une base déjà initialisée demande --force.\n"
		"\n"
		"  --db URL        fichier SQLite ou adresse postgresql:// à remplir\n"
		"                  (défaut : data/ardoise.db)\n"
		"  --from FICHIER  sauvegarde à lire\n"
		"  --force         remplace le contenu d'une base existante\n"
		"  --help          affiche cette aide\n"
		"\n"
		"Code de sortie : 0 réussite, 1 échec, 2 mauvaise utilisation.\n"), stdout);
}

/* Print a line at every PROGRESS_STEP_PERCENT; `arg` is the last percent. */
static void progress_print(void *arg, int64_t done, int64_t total)
{
	int *last = arg;
	int percent = total > 0 ? (int)(done * 100 / total) : 100;

	if (percent < *last + PROGRESS_STEP_PERCENT && !(percent == 100 && *last < 100))
		return;
	*last = percent;
	printf(_("  %3d %% (%lld pages sur %lld)\n"), percent, (long long)done, (long long)total);
	fflush(stdout);
}

static long elapsed_ms(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long)((now.tv_sec - start->tv_sec) * 1000 + (now.tv_nsec - start->tv_nsec) / 1000000);
}

/* True when `a` and `b` are the same existing file. */
static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Open the database to back up: it must exist and be initialised. */
static struct db *source_open(const char *url, const char *display)
{
	char err[256];
	struct db *db;

	if (!db_url_is_postgres(url) && access(url, F_OK) < 0) {
		fprintf(stderr, _("ardoise backup : la base « %s » n'existe pas.\n"), display);
		return NULL;
	}
	db = db_open(url, err, sizeof(err));
	if (!db) {
		fprintf(stderr, "ardoise backup : %s\n", err);
		return NULL;
	}
	if (!db_is_initialised(db)) {
		fprintf(stderr, _("ardoise backup : la base « %s » n'est pas initialisée : rien à sauvegarder.\n"), display);
		db_close(db);
		return NULL;
	}
	return db;
}

static int run_backup(const struct copy_options *o)
{
	char display[URL_DISPLAY_MAX], err[512];
	struct timespec start;
	struct stat st;
	struct db *db = NULL;
	int last = -PROGRESS_STEP_PERCENT, rc = 1;

	db_url_redact(o->url, display, sizeof(display));
	if (access(o->file, F_OK) == 0 && (!o->force || same_file(o->url, o->file))) {
		fprintf(stderr, _("ardoise backup : le fichier « %s » existe déjà : choisissez un autre nom, ou ajoutez --force pour le remplacer.\n"),
			o->file);
		return 1;
	}
	db = source_open(o->url, display);
	if (!db)
		return 1;
	printf(_("Sauvegarde de « %s » vers « %s »…\n"), display, o->file);
	fflush(stdout);
	clock_gettime(CLOCK_MONOTONIC, &start);
	if (db_backup(db, o->file, progress_print, &last, err, sizeof(err)) < 0) {
		fprintf(stderr, _("ardoise backup : échec de la sauvegarde : %s\n"), err);
		goto out;
	}
	if (stat(o->file, &st) < 0)
		st.st_size = 0;
	printf(_("Sauvegarde terminée : « %s », %lld kio en %ld ms.\n"), o->file, (long long)st.st_size / 1024,
	       elapsed_ms(&start));
	rc = 0;
out:
	db_close(db);
	return rc;
}

/* Refuse to overwrite an existing SQLite file, or a WAL file that SQLite
 * would replay into a new one, unless --force. */
static int restore_target_check(const struct copy_options *o, const char *display)
{
	char wal[4096];
	struct stat st;

	if (stat(o->file, &st) < 0) {
		fprintf(stderr, _("ardoise restore : sauvegarde « %s » illisible : %s\n"), o->file, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		fprintf(stderr, _("ardoise restore : « %s » n'est pas un fichier.\n"), o->file);
		return -1;
	}
	if (db_url_is_postgres(o->url))
		return 0;
	if (same_file(o->url, o->file)) {
		fprintf(stderr, _("ardoise restore : la sauvegarde et la base sont le même fichier « %s ».\n"), o->file);
		return -1;
	}
	snprintf(wal, sizeof(wal), "%s-wal", o->url);
	if (!o->force && (access(o->url, F_OK) == 0 || access(wal, F_OK) == 0)) {
		fprintf(stderr, _("ardoise restore : la base « %s » existe déjà. Arrêtez les serveurs qui l'utilisent, puis ajoutez --force pour la remplacer.\n"),
			display);
		return -1;
	}
	return 0;
}

/* Reopen the restored database and apply the migrations this build has. */
static int restore_migrate(const char *url)
{
	char err[256];
	struct db *db = db_open(url, err, sizeof(err));
	int applied;

	if (!db) {
		fprintf(stderr, "ardoise restore : %s\n", err);
		return -1;
	}
	applied = db_migrate(db);
	db_close(db);
	if (applied < 0) {
		fprintf(stderr, _("ardoise restore : les migrations ont échoué (voir le message ci-dessus).\n"));
		return -1;
	}
	printf(_("Migrations appliquées après la restauration : %d.\n"), applied);
	return 0;
}

static int restore_copy(struct db *db, const struct copy_options *o, const char *display)
{
	char err[512];
	int last = -PROGRESS_STEP_PERCENT;

	if (db_url_is_postgres(o->url) && db_is_initialised(db) && !o->force) {
		fprintf(stderr, _("ardoise restore : la base « %s » contient déjà Ardoise. Arrêtez les serveurs qui l'utilisent, puis ajoutez --force pour remplacer son contenu.\n"),
			display);
		return -1;
	}
	printf(_("Restauration de « %s » dans « %s »…\n"), o->file, display);
	fflush(stdout);
	if (db_restore(db, o->file, progress_print, &last, err, sizeof(err)) < 0) {
		fprintf(stderr, _("ardoise restore : échec de la restauration : %s\n"), err);
		return -1;
	}
	return 0;
}

static int run_restore(const struct copy_options *o)
{
	char display[URL_DISPLAY_MAX], err[256];
	struct timespec start;
	struct db *db;
	bool created;
	int rc;

	db_url_redact(o->url, display, sizeof(display));
	if (restore_target_check(o, display) < 0)
		return 1;
	created = !db_url_is_postgres(o->url) && access(o->url, F_OK) < 0;
	clock_gettime(CLOCK_MONOTONIC, &start);
	db = db_open(o->url, err, sizeof(err));
	if (!db) {
		fprintf(stderr, "ardoise restore : %s\n", err);
		return 1;
	}
	rc = restore_copy(db, o, display);
	db_close(db);
	if (rc == 0)
		rc = restore_migrate(o->url);
	if (rc < 0 && created)
		unlink(o->url); /* leave no empty database behind */
	if (rc < 0)
		return 1;
	printf(_("Restauration terminée en %ld ms.\n"), elapsed_ms(&start));
	return 0;
}

/* Parse the options shared by both commands; `file_option` is "out" or
 * "from". Returns -1 to go on, or the exit status. */
static int copy_options_parse(int argc, char **argv, const char *command, const char *file_option,
			      void (*usage)(void), struct copy_options *o)
{
	const struct option options[] = {
		{ "db", required_argument, NULL, 'd' },
		{ file_option, required_argument, NULL, 'f' },
		{ "force", no_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	o->url = CLI_DEFAULT_DB;
	opterr = 0;
	optind = 1;
	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		switch (opt) {
		case 'd': o->url = optarg; break;
		case 'f': o->file = optarg; break;
		case 'F': o->force = 1; break;
		case 'h': usage(); return 0;
		case ':': return cli_usage_error(command, _("l'option « %s » demande une valeur."), argv[optind - 1]);
		default: return cli_usage_error(command, _("option inconnue « %s »."), argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error(command, _("argument inattendu « %s »."), argv[optind]);
	if (!o->file || !*o->file)
		return cli_usage_error(command, _("l'option « --%s FICHIER » est obligatoire."), file_option);
	return -1;
}

int cmd_backup(int argc, char **argv)
{
	struct copy_options o = { 0 };
	int rc = copy_options_parse(argc, argv, "backup", "out", backup_usage, &o);

	return rc >= 0 ? rc : run_backup(&o);
}

int cmd_restore(int argc, char **argv)
{
	struct copy_options o = { 0 };
	int rc = copy_options_parse(argc, argv, "restore", "from", restore_usage, &o);

	return rc >= 0 ? rc : run_restore(&o);
}
