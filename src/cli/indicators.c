/* ardoise indicateurs: rebuild the usage rollups of a range of days, after
 * an import of events, a change of the idle time, or for a benchmark. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/i18n.h"
#include "eval/connection.h"
#include "eval/paris_time.h"
#include "eval/partner_rollup.h"
#include "eval/rollup.h"
#include "store/db.h"

#define INDICATORS_MAX_IDLE_MINUTES (24 * 60)

static void indicators_usage(void)
{
	fputs(_("Usage : ardoise indicateurs --du AAAA-MM-JJ --au AAAA-MM-JJ [--db URL]\n"
		"                           [--connection-idle MIN]\n"
		"\n"
		"Recalcule les indicateurs d'utilisation des jours indiqués (heure de\n"
		"Paris) à partir du journal des événements, mois par mois, puis calcule\n"
		"sur tout le journal les indicateurs des partenaires définis depuis.\n"
		"\n"
		"  --db URL              fichier SQLite ou adresse postgresql://\n"
		"                        (défaut : data/ardoise.db)\n"
		"  --du, --au            premier et dernier jour, inclus\n"
		"  --connection-idle MIN minutes sans activité qui finissent une connexion\n"
		"                        (défaut : 30, comme ardoise serve)\n"
		"  --help                affiche cette aide\n"), stdout);
}

/* Fill the partner indicators defined since their last rollup, one month
 * at a time (eval/partner_rollup.h). */
static int backfill(struct db *db)
{
	int64_t months = 0;
	int rc;

	while ((rc = partner_backfill_step(db, (int64_t)time(NULL))) == 1) {
		months++;
		if (months % 12 == 0) {
			printf(_("Indicateurs des partenaires : %lld mois calculés\n"), (long long)months);
			fflush(stdout);
		}
	}
	if (rc < 0) {
		fputs(_("ardoise indicateurs : échec du calcul des indicateurs des partenaires (voir le journal).\n"), stderr);
		return 1;
	}
	if (months)
		printf(_("Indicateurs des partenaires : %lld mois calculés, fait\n"), (long long)months);
	return 0;
}

/* Rebuild one month at most at a time, so memory stays bounded. */
static int rebuild(struct db *db, int64_t from_day, int64_t to_day)
{
	int64_t start = from_day;

	while (start <= to_day) {
		int64_t end = month_first_day(day_month(start) + 1) - 1;
		char shown[16];

		if (end > to_day)
			end = to_day;
		day_format(start, shown, sizeof(shown));
		if (rollup_refresh(db, start, end, connection_idle_get()) < 0) {
			fprintf(stderr, _("ardoise indicateurs : échec du calcul à partir du %s (voir le journal).\n"), shown);
			return 1;
		}
		printf(_("%s : fait\n"), shown);
		fflush(stdout);
		start = end + 1;
	}
	return backfill(db);
}

int cmd_indicators(int argc, char **argv)
{
	static const struct option options[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "du", required_argument, NULL, 'f' },
		{ "au", required_argument, NULL, 't' },
		{ "connection-idle", required_argument, NULL, 'i' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *url = CLI_DEFAULT_DB, *from = NULL, *to = NULL;
	int64_t from_day, to_day;
	char err[256];
	struct db *db;
	int opt, rc;
	long n;

	opterr = 0;
	optind = 1;
	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		switch (opt) {
		case 'd': url = optarg; break;
		case 'f': from = optarg; break;
		case 't': to = optarg; break;
		case 'i':
			n = cli_parse_count(optarg, INDICATORS_MAX_IDLE_MINUTES);
			if (n < 0)
				return cli_usage_error("indicateurs", _("durée d'inactivité invalide « %s » : écrivez un nombre de minutes de 1 à 1440."), optarg);
			connection_idle_set(n * 60);
			break;
		case 'h': indicators_usage(); return 0;
		case ':': return cli_usage_error("indicateurs", _("l'option « %s » demande une valeur."), argv[optind - 1]);
		default: return cli_usage_error("indicateurs", _("option inconnue « %s »."), argv[optind - 1]);
		}
	}
	if (!day_parse(from, &from_day))
		return cli_usage_error("indicateurs", _("date --du invalide ou absente « %s » : écrivez AAAA-MM-JJ."), from ? from : "");
	if (!day_parse(to, &to_day) || to_day < from_day)
		return cli_usage_error("indicateurs", _("date --au invalide, absente ou avant --du « %s » : écrivez AAAA-MM-JJ."), to ? to : "");
	/* db_open would create a missing SQLite file. */
	if (!db_url_is_postgres(url) && access(url, F_OK) < 0) {
		fprintf(stderr, _("ardoise indicateurs : la base « %s » n'existe pas : lancez d'abord « ardoise init ».\n"), url);
		return 1;
	}
	db = db_open(url, err, sizeof(err));
	if (!db) {
		fprintf(stderr, "ardoise indicateurs : %s\n", err);
		return 1;
	}
	/* The server may not have run since an update: bring the tables up to
	 * date first, as it would. */
	if (!db_is_initialised(db) || db_migrate(db) < 0) {
		fprintf(stderr, _("ardoise indicateurs : la base n'est pas initialisée ou n'a pas pu être mise à jour : lancez « ardoise init ».\n"));
		db_close(db);
		return 1;
	}
	rc = rebuild(db, from_day, to_day);
	db_close(db);
	return rc;
}
