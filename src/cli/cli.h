/* cli: the subcommands of the ardoise program. Each returns the exit
 * status: 0 success, 1 failure, 2 bad usage. */
#ifndef ARDOISE_CLI_CLI_H
#define ARDOISE_CLI_CLI_H

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

/* Report an unknown option or a bad value on stderr; returns 2. */
int cli_usage_error(const char *command, const char *message, const char *value);
/* Parse a positive integer option value; -1 if invalid. */
long cli_parse_count(const char *text, long max);

#endif
