/* cli: the subcommands of the ardoise program. Each returns the exit
 * status: 0 success, 1 failure, 2 bad usage. */
#ifndef ARDOISE_CLI_CLI_H
#define ARDOISE_CLI_CLI_H

#include <stddef.h>

#define CLI_DEFAULT_DB "data/ardoise.db"
#define CLI_DEFAULT_CONTENT "content"
#define CLI_DEFAULT_LISTEN "127.0.0.1:8080"
#define CLI_DEFAULT_STATIC "static"

int cmd_init(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_content(int argc, char **argv);
/* "content import": argv[0] is "import". */
int cmd_content_import(int argc, char **argv);
int cmd_routes(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_restore(int argc, char **argv);
int cmd_purge(int argc, char **argv);
int cmd_indicators(int argc, char **argv);

/* Report an unknown option or a bad value on stderr; returns 2. */
int cli_usage_error(const char *command, const char *message, const char *value);
/* Write into `out` the folder `name` next to the SQLite file of `db_url`,
 * or data/NAME when `db_url` is a PostgreSQL URL. */
void cli_folder_default(const char *db_url, const char *name, char *out, size_t size);
/* Parse a positive integer option value; -1 if invalid. */
long cli_parse_count(const char *text, long max);


/* Synthesise the audio of every dictation of `c` that the speech cache
 * (speech_init() done) lacks, showing the progress on stdout. Returns 0,
 * or -1 when a file failed; it is then made at the first request. */
struct catalog;
int init_dictation_audio(const struct catalog *c);

#endif
