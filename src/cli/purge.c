/* ardoise purge: erase the accounts deactivated for longer than the
 * retention period, the same way an administrateur erases one account. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "auth/roles.h"
#include "cli/cli.h"
#include "core/i18n.h"
#include "org/privacy.h"
#include "store/db.h"
#include "tutor/tutor.h"

#define PURGE_MAX_DAYS 36500 /* a hundred years */
#define SECONDS_PER_DAY 86400

struct purge_options {
	const char *url;
	long days;
	long tutoring_days;
	bool dry_run;
};

static void purge_usage(void)
{
	printf(_("Usage : ardoise purge [--db URL] [--days N] [--tutoring-days N] [--dry-run]\n"
		 "\n"
		 "Efface les données des comptes désactivés depuis plus de N jours, comme\n"
		 "le bouton « Effacer ces données » : prénom, initiale et identifiant\n"
		 "remplacés, images, carte, groupes et réponses tapées supprimés ; les\n"
		 "scores restent, sans nom. Affiche chaque compte effacé, sans son nom.\n"
		 "Efface aussi les conversations du tutorat dont le dernier message est\n"
		 "plus vieux que leur durée de conservation.\n"
		 "\n"
		 "  --db URL     fichier SQLite ou adresse postgresql://\n"
		 "               (défaut : data/ardoise.db)\n"
		 "  --days N     durée de conservation en jours après la désactivation,\n"
		 "               de 0 à %d (défaut : ARDOISE_RETENTION_DAYS, sinon %d)\n"
		 "  --tutoring-days N\n"
		 "               durée de conservation des conversations du tutorat\n"
		 "               après leur dernier message, en jours (défaut :\n"
		 "               ARDOISE_TUTORING_RETENTION_DAYS, sinon %d)\n"
		 "  --dry-run    affiche ce qui serait effacé, sans rien changer\n"
		 "  --help       affiche cette aide\n"
		 "\n"
		 "Code de sortie : 0 réussite, 1 échec, 2 mauvaise utilisation.\n"),
	       PURGE_MAX_DAYS, PRIVACY_RETENTION_DAYS_DEFAULT, TUTOR_RETENTION_DAYS_DEFAULT);
}

/* A number of days from 0 to PURGE_MAX_DAYS; -1 if invalid. */
static long days_parse(const char *text)
{
	char *end;
	long value;

	errno = 0;
	value = strtol(text, &end, 10);
	if (errno || end == text || *end || value < 0 || value > PURGE_MAX_DAYS)
		return -1;
	return value;
}

static void date_utc(int64_t t, char *out, size_t size)
{
	time_t seconds = (time_t)t;
	struct tm tm;

	if (!gmtime_r(&seconds, &tm) || !strftime(out, size, "%Y-%m-%d", &tm))
		snprintf(out, size, "?");
}

/* One line per account; the name is never printed, so logs keep none. */
static void expired_print(const struct privacy_expired *e, bool dry_run)
{
	char date[16];

	date_utc(e->deactivated_at, date, sizeof(date));
	printf(dry_run ? _("À effacer : compte n°%lld (%s) de la structure n°%lld, désactivé le %s\n")
		       : _("Effacé : compte n°%lld (%s) de la structure n°%lld, désactivé le %s\n"),
	       (long long)e->id, role_label(e->role), (long long)e->structure_id, date);
}

/* Erase the tutoring conversations older than their retention period. */
static int tutoring_purge(struct db *db, const struct purge_options *o)
{
	int64_t before = (int64_t)time(NULL) - (int64_t)o->tutoring_days * SECONDS_PER_DAY;
	int64_t count = o->dry_run ? tutor_purge_count(db, before) : tutor_purge(db, before);

	if (count < 0) {
		fprintf(stderr, _("ardoise purge : les conversations du tutorat n'ont pas pu être effacées : %s\n"), db_errmsg(db));
		return -1;
	}
	if (o->dry_run)
		printf(_("%lld conversation(s) du tutorat à effacer (conservation : %ld jours).\n"), (long long)count, o->tutoring_days);
	else
		printf(_("%lld conversation(s) du tutorat effacée(s) (conservation : %ld jours).\n"), (long long)count, o->tutoring_days);
	return 0;
}

static int run_purge(const struct purge_options *o)
{
	struct privacy_expired *list = NULL;
	char err[256], details[64];
	size_t count = 0, i, erased = 0;
	struct db *db = NULL;
	int rc = 1;

	/* db_open would create a missing SQLite file. */
	if (!db_url_is_postgres(o->url) && access(o->url, F_OK) < 0) {
		fprintf(stderr, _("ardoise purge : la base « %s » n'existe pas.\n"), o->url);
		return 1;
	}
	db = db_open(o->url, err, sizeof(err));
	if (!db) {
		fprintf(stderr, "ardoise purge : %s\n", err);
		return 1;
	}
	if (!db_is_initialised(db) || db_migrate(db) < 0) {
		fprintf(stderr, _("ardoise purge : la base n'est pas initialisée ou n'a pas pu être mise à jour : lancez « ardoise init ».\n"));
		goto out;
	}
	if (privacy_expired_list(db, (int64_t)time(NULL) - (int64_t)o->days * SECONDS_PER_DAY, &list, &count) < 0) {
		fprintf(stderr, _("ardoise purge : la liste des comptes désactivés n'a pas pu être lue : %s\n"), db_errmsg(db));
		goto out;
	}
	snprintf(details, sizeof(details), "retention_days=%ld", o->days);
	for (i = 0; i < count; i++) {
		if (!o->dry_run && privacy_erase(db, 0, list[i].id, details) < 0) {
			fprintf(stderr, _("ardoise purge : l'effacement du compte n°%lld a échoué : %s\n"), (long long)list[i].id,
				db_errmsg(db));
			goto out;
		}
		expired_print(&list[i], o->dry_run);
		erased++;
	}
	if (o->dry_run)
		printf(_("%zu compte(s) à effacer (conservation : %ld jours). --dry-run : rien n'a été changé.\n"), erased, o->days);
	else
		printf(_("%zu compte(s) effacé(s) (conservation : %ld jours).\n"), erased, o->days);
	if (tutoring_purge(db, o) < 0)
		goto out;
	rc = 0;
out:
	free(list);
	db_close(db);
	return rc;
}

/* Report an invalid number of days read from `source`; returns 2. */
static int days_error(const char *source, const char *value)
{
	char message[256];

	snprintf(message, sizeof(message), _("%s vaut « %%s » : écrivez un nombre de jours entre 0 et %d."), source,
		 PURGE_MAX_DAYS);
	return cli_usage_error("purge", message, value);
}

/* The default retention: the variable `name` when set, else `fallback`.
 * Returns -1 and reports when that variable is invalid. */
static long default_days(const char *name, long fallback)
{
	const char *env = getenv(name);
	long days;

	if (!env || !*env)
		return fallback;
	days = days_parse(env);
	if (days < 0)
		days_error(name, env);
	return days;
}

int cmd_purge(int argc, char **argv)
{
	static const struct option options[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "days", required_argument, NULL, 'n' },
		{ "dry-run", no_argument, NULL, 'r' },
		{ "tutoring-days", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct purge_options o = { CLI_DEFAULT_DB, -1, -1, false };
	const char *days_text = NULL, *tutoring_text = NULL;
	int opt;

	opterr = 0;
	optind = 1;
	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		switch (opt) {
		case 'd': o.url = optarg; break;
		case 'n': days_text = optarg; break;
		case 'r': o.dry_run = true; break;
		case 't': tutoring_text = optarg; break;
		case 'h': purge_usage(); return 0;
		case ':': return cli_usage_error("purge", _("l'option « %s » demande une valeur."), argv[optind - 1]);
		default: return cli_usage_error("purge", _("option inconnue « %s »."), argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("purge", _("argument inattendu « %s »."), argv[optind]);
	o.days = days_text ? days_parse(days_text) : default_days("ARDOISE_RETENTION_DAYS", PRIVACY_RETENTION_DAYS_DEFAULT);
	if (days_text && o.days < 0)
		return days_error("--days", days_text);
	o.tutoring_days = tutoring_text ? days_parse(tutoring_text)
					: default_days("ARDOISE_TUTORING_RETENTION_DAYS", TUTOR_RETENTION_DAYS_DEFAULT);
	if (tutoring_text && o.tutoring_days < 0)
		return days_error("--tutoring-days", tutoring_text);
	if (o.days < 0 || o.tutoring_days < 0)
		return 2;
	return run_purge(&o);
}
