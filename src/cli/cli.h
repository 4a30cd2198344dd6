/* cli.h: the subcommands of the komek binary. Each returns the process exit status. */
#ifndef KOMEK_CLI_CLI_H
#define KOMEK_CLI_CLI_H

#define CLI_DEFAULT_DB "data/komek.db"

struct cli_command {
	const char *name, *sub;
	int (*run)(const char *db, int argc, char **argv);
	const char *help;
};

struct db;
/* Opens the database (making its folder if need be), applies the migrations and loads the
 * keys of sealed values (cli_open_keys); 0 or 1 after printing why. */
int cli_open_db(const char *path, int pool, struct db **db);
/* The database target as it may be shown: a URL's password replaced by "***". */
const char *cli_db_label(const char *target);
/* The key file named by --key-file (main.c), or NULL. */
extern const char *cli_key_file;
/* Loads the keys for the database at db_target and checks that they open its sealed
 * values; makes a key file beside it if there is none and nothing is sealed yet. */
int cli_open_keys(const char *db_target, struct db *db);

/* The value after option name in argv, or NULL. */
const char *cli_opt(int argc, char **argv, const char *name);

int cli_serve(const char *db, int argc, char **argv);
int cli_import(const char *db, int argc, char **argv);
int cli_migrate(const char *db, int argc, char **argv);
int cli_org_add(const char *db, int argc, char **argv);
int cli_org_link(const char *db, int argc, char **argv);
int cli_retain(const char *db, int argc, char **argv);
int cli_duplicates_scan(const char *db, int argc, char **argv);
int cli_reindex(const char *db, int argc, char **argv);
int cli_reports_rebuild(const char *db, int argc, char **argv);
int cli_user_add(const char *db, int argc, char **argv);
int cli_user_passwd(const char *db, int argc, char **argv);
int cli_backup(const char *db, int argc, char **argv);
int cli_restore(const char *db, int argc, char **argv);
int cli_key_new(const char *db, int argc, char **argv);
int cli_rekey(const char *db, int argc, char **argv);
int cli_check(const char *db, int argc, char **argv);
int cli_demo(const char *db, int argc, char **argv);
int cli_version(const char *db, int argc, char **argv);

#endif
