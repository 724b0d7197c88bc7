/* ardoise serve: run the web server. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "content/catalog.h"
#include "tools/bilingual.h"
#include "tools/conjugation.h"
#include "tools/spelling.h"
#include "content/content_store.h"
#include "core/i18n.h"
#include "core/log.h"
#include "eval/connection.h"
#include "eval/rollup.h"
#include "http/live.h"
#include "http/server.h"
#include "speech/speech.h"
#include "store/db.h"
#include "web/stats_view.h"
#include "web/tutoring.h"

#define SERVE_MAX_THREADS 256
#define SERVE_MAX_CONNECTIONS 1000000
#define SERVE_MAX_TIMEOUT_SECONDS 3600
#define SERVE_MAX_IDLE_MINUTES (24 * 60)

static void serve_usage(void)
{
	fputs(_("Usage : ardoise serve [--db BASE] [--listen HÔTE:PORT] [--threads N]\n"
		"                      [--workers N] [--static DOSSIER] [--max-connections N]\n"
		"                      [--request-timeout S] [--audio-cache DOSSIER]\n"
		"                      [--trusted-proxy IP] [--media DOSSIER]\n"
		"\n"
		"Lance le serveur web. La base doit avoir été créée par « ardoise init ».\n"
		"SIGTERM ou SIGINT (Ctrl+C) termine les requêtes en cours puis arrête.\n"
		"\n"
		"  --db BASE             fichier SQLite, ou URL postgresql://… (défaut :\n"
		"                        data/ardoise.db)\n"
		"  --listen HÔTE:PORT    adresse IPv4 d'écoute (défaut : 127.0.0.1:8080) ;\n"
		"                        le port 0 choisit un port libre, affiché au démarrage\n"
		"  --threads N           boucles d'événements (défaut : deux par cœur)\n"
		"  --workers N           fils pour les tâches lentes (défaut : un par cœur)\n"
		"  --static DOSSIER      fichiers statiques servis sous /static/ (défaut : static)\n"
		"  --max-connections N   connexions ouvertes au plus ; au-delà, une page 503\n"
		"                        demande de revenir (défaut : 10000)\n"
		"  --request-timeout S   secondes pour recevoir une requête entière ; un client\n"
		"                        plus lent est déconnecté (défaut : 10)\n"
		"  --trusted-proxy IP    mandataire (nginx) dont l'en-tête X-Real-IP donne\n"
		"                        l'adresse des visiteurs (défaut : 127.0.0.1)\n"
		"  --audio-cache DOSSIER fichiers audio des boutons « Écouter », créés une fois\n"
		"                        puis gardés (défaut : audio/ à côté de la base SQLite,\n"
		"                        soit data/audio ; data/audio avec PostgreSQL)\n"
		"  --media DOSSIER       vidéos, sous-titres et images du contenu, servis sous\n"
		"                        /media/ (défaut : media/ à côté de la base SQLite,\n"
		"                        soit data/media ; data/media avec PostgreSQL)\n"
		"  --help                affiche cette aide\n"), stdout);
	fputs(_("  --connection-idle MIN minutes sans activité après lesquelles une connexion\n"
		"                        est finie, pour les indicateurs (défaut : 30)\n"
		"  --rollup-interval S   secondes entre deux mises à jour des indicateurs\n"
		"                        d'hier et d'aujourd'hui (défaut : 300)\n"
		"  --min-children N      nombre d'enfants en dessous duquel un chiffre est\n"
		"                        masqué aux financeurs (défaut : 5)\n"), stdout);
}

/* Split "HOST:PORT"; returns 0, or -1 when the value is malformed. */
static int parse_listen(const char *text, char *host, size_t size, uint16_t *port)
{
	const char *colon = strrchr(text, ':');
	char *end;
	long value;

	if (!colon || colon == text || (size_t)(colon - text) >= size)
		return -1;
	value = strtol(colon + 1, &end, 10);
	if (*end || end == colon + 1 || value < 0 || value > 65535)
		return -1;
	memcpy(host, text, (size_t)(colon - text));
	host[colon - text] = '\0';
	*port = (uint16_t)value;
	return 0;
}

/* The default speech cache: "audio" next to the SQLite file, so each
 * database keeps its own; data/audio for PostgreSQL. */
static int run_serve(struct server_config *config)
{
	char err[256], shown[512];
	struct db *db = db_open(config->db_url, err, sizeof(err));
	struct catalog c;
	static char audio_dir[4096], media_dir[4096];
	int rc = 1;

	catalog_init(&c);
	if (!db) {
		fprintf(stderr, "ardoise serve : %s\n", err);
		return 1;
	}
	db_url_redact(config->db_url, shown, sizeof(shown));
	if (!db_is_initialised(db)) {
		fprintf(stderr, _("ardoise serve : la base « %s » n'est pas initialisée. Lancez d'abord « ardoise init --db %s ».\n"),
			shown, shown);
		goto out;
	}
	if (db_migrate(db) < 0 || content_store_read(db, &c) < 0 || search_index_build(&c) < 0)
		goto out;
	db_close(db);
	db = NULL;
	if (!config->audio_cache) {
		cli_folder_default(config->db_url, "audio", audio_dir, sizeof(audio_dir));
		config->audio_cache = audio_dir;
	}
	if (speech_init(config->audio_cache) < 0) {
		fprintf(stderr, _("ardoise serve : le dossier audio « %s » n'a pas pu être créé. Vérifiez les droits ou choisissez-en un autre avec --audio-cache.\n"),
			config->audio_cache);
		goto out;
	}
	if (!config->media_dir) {
		cli_folder_default(config->db_url, "media", media_dir, sizeof(media_dir));
		config->media_dir = media_dir;
	}
	config->catalog = &c;
	/* Load the dictionaries now, so no child waits for them; a missing
	 * one is logged and its page answers 503. */
	conjugation_shared();
	spelling_shared();
	bilingual_shared(BILINGUAL_EN_FR);
	log_info("starting activities=%zu db=%s", c.count, shown);
	live_poll_set(tutoring_live_poll);
	rc = server_run(config) == 0 ? 0 : 1;
out:
	db_close(db);
	catalog_release(&c);
	return rc;
}

int cmd_serve(int argc, char **argv)
{
	static const struct option options[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "listen", required_argument, NULL, 'l' },
		{ "threads", required_argument, NULL, 't' },
		{ "workers", required_argument, NULL, 'w' },
		{ "static", required_argument, NULL, 's' },
		{ "max-connections", required_argument, NULL, 'c' },
		{ "request-timeout", required_argument, NULL, 'r' },
		{ "audio-cache", required_argument, NULL, 'a' },
		{ "trusted-proxy", required_argument, NULL, 'p' },
		{ "media", required_argument, NULL, 'm' },
		{ "connection-idle", required_argument, NULL, 'i' },
		{ "rollup-interval", required_argument, NULL, 'u' },
		{ "min-children", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct server_config config = {
		.db_url = CLI_DEFAULT_DB,
		.port = 8080,
		.static_dir = CLI_DEFAULT_STATIC,
		.trusted_proxy = "127.0.0.1",
	};
	static char host[64] = "127.0.0.1";
	int opt;
	long n;

	opterr = 0;
	optind = 1;
	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		switch (opt) {
		case 'd': config.db_url = optarg; break;
		case 'l':
			if (parse_listen(optarg, host, sizeof(host), &config.port) < 0)
				return cli_usage_error("serve", _("adresse d'écoute invalide « %s » : écrivez HÔTE:PORT, par exemple 127.0.0.1:8080."), optarg);
			break;
		case 't':
		case 'w':
			n = cli_parse_count(optarg, SERVE_MAX_THREADS);
			if (n < 0)
				return cli_usage_error("serve", _("nombre de fils invalide « %s » : écrivez un entier de 1 à 256."), optarg);
			*(opt == 't' ? &config.threads : &config.workers) = (int)n;
			break;
		case 's': config.static_dir = optarg; break;
		case 'a': config.audio_cache = optarg; break;
		case 'p': config.trusted_proxy = optarg; break;
		case 'm': config.media_dir = optarg; break;
		case 'c':
			n = cli_parse_count(optarg, SERVE_MAX_CONNECTIONS);
			if (n < 0)
				return cli_usage_error("serve", _("nombre de connexions invalide « %s » : écrivez un entier de 1 à 1000000."), optarg);
			config.max_connections = (int)n;
			break;
		case 'r':
			n = cli_parse_count(optarg, SERVE_MAX_TIMEOUT_SECONDS);
			if (n < 0)
				return cli_usage_error("serve", _("délai invalide « %s » : écrivez un nombre de secondes de 1 à 3600."), optarg);
			config.request_timeout_ms = (int)n * 1000;
			break;
		case 'i':
			n = cli_parse_count(optarg, SERVE_MAX_IDLE_MINUTES);
			if (n < 0)
				return cli_usage_error("serve", _("durée d'inactivité invalide « %s » : écrivez un nombre de minutes de 1 à 1440."), optarg);
			connection_idle_set(n * 60);
			break;
		case 'u':
			n = cli_parse_count(optarg, SERVE_MAX_TIMEOUT_SECONDS);
			if (n < 0)
				return cli_usage_error("serve", _("intervalle invalide « %s » : écrivez un nombre de secondes de 1 à 3600."), optarg);
			rollup_interval_set(n);
			break;
		case 'n':
			n = cli_parse_count(optarg, SERVE_MAX_THREADS);
			if (n < 0)
				return cli_usage_error("serve", _("nombre d'enfants invalide « %s » : écrivez un entier de 1 à 256."), optarg);
			stats_min_children_set(n);
			break;
		case 'h': serve_usage(); return 0;
		case ':': return cli_usage_error("serve", _("l'option « %s » demande une valeur."), argv[optind - 1]);
		default: return cli_usage_error("serve", _("option inconnue « %s »."), argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("serve", _("argument inattendu « %s »."), argv[optind]);
	config.host = host;
	/* Dates shown to people are in Paris time; logs stay in UTC. */
	setenv("TZ", "Europe/Paris", 1);
	tzset();
	return run_serve(&config);
}
