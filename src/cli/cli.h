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
/* Opens the database (making its folder if need be) and applies the migrations; 0 or 1
 * after printing why. */
int cli_open_db(const char *path, int pool, struct db **db);

int cli_serve(const char *db, int argc, char **argv);
int cli_migrate(const char *db, int argc, char **argv);
int cli_org_add(const char *db, int argc, char **argv);
int cli_user_add(const char *db, int argc, char **argv);
int cli_user_passwd(const char *db, int argc, char **argv);
int cli_backup(const char *db, int argc, char **argv);
int cli_check(const char *db, int argc, char **argv);
int cli_demo(const char *db, int argc, char **argv);
int cli_version(const char *db, int argc, char **argv);

#endif
