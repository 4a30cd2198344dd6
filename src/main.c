/* main.c: parse the command line and run one subcommand; nothing else. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "base/banned.h"
#include "cli/cli.h"

static const struct cli_command commands[] = {
	{ "serve", NULL, cli_serve,
	  "serve [--listen ADDR:PORT] [--threads N] [--trusted-proxy LIST]: run the web server" },
	{ "migrate", NULL, cli_migrate, "migrate: bring the database to the current schema" },
	{ "org", "add", cli_org_add, "org add NAME: add an organisation" },
	{ "org", "link", cli_org_link,
	  "org link NAME PARTNER_ID|--none: the entry of the partner directory the organisation "
	  "is (referrals to it reach its workers)" },
	{ "user", "add", cli_user_add,
	  "user add LOGIN --org NAME --role ROLE [--name FULL_NAME] [--lang kk|ru|en]: add a user "
	  "(password on standard input)" },
	{ "user", "passwd", cli_user_passwd, "user passwd LOGIN: set a password (standard input)" },
	{ "backup", NULL, cli_backup,
	  "backup FILE: an encrypted, consistent copy of the database, online" },
	{ "restore", NULL, cli_restore,
	  "restore FILE: a backup back into the database named by --db (a new file)" },
	{ "key", "new", cli_key_new, "key new: put a new key first in the key file" },
	{ "rekey", NULL, cli_rekey,
	  "rekey: seal every encrypted value under the current key, online" },
	{ "retain", NULL, cli_retain,
	  "retain [--dry-run]: anonymise the closed cases past each organisation's retention "
	  "rule (daily)" },
	{ "duplicates", "scan", cli_duplicates_scan,
	  "duplicates scan [--org NAME]: find likely duplicates into the review queue (nightly)" },
	{ "import", NULL, cli_import,
	  "import FILE --user LOGIN [--map FIELD,FIELD,...] [--encoding E] [--duplicates "
	  "skip|register] [--check]: register the people of a CSV or XLSX file" },
	{ "reindex", NULL, cli_reindex, "reindex: make every person's name keys again" },
	{ "reports", "rebuild", cli_reports_rebuild,
	  "reports rebuild: derive the reports' facts again from the records" },
	{ "check", NULL, cli_check, "check: run the database's integrity check" },
	{ "demo", NULL, cli_demo, "demo: load the demo data set into an empty database" },
	{ "version", NULL, cli_version, "version: print the version" },
	{ NULL, NULL, NULL, NULL },
};

static int usage(FILE *f)
{
	fprintf(f, "usage: komek [--db FILE] [--key-file FILE] COMMAND [ARGS]\n\ncommands:\n");
	for (const struct cli_command *c = commands; c->name; c++)
		fprintf(f, "  %s\n", c->help);
	fprintf(f, "\nThe database defaults to %s; a postgresql:// URL will select PostgreSQL.\n",
		CLI_DEFAULT_DB);
	fprintf(f,
		"The key file of encrypted values comes from --key-file, KOMEK_KEY_FILE, or\n"
		"beside the database (NAME.key for NAME.db); KOMEK_KEY may hold the key itself.\n");
	return f == stderr ? 2 : 0;
}

int main(int argc, char **argv)
{
	/* Every file komek makes (the database, its WAL, backups, keys) is for its owner only:
	 * they hold people's data. */
	umask(077);
	const char *db = CLI_DEFAULT_DB;
	int i = 1;
	while (i < argc && argv[i][0] == '-') {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
			db = argv[i + 1];
			i += 2;
		} else if (strcmp(argv[i], "--key-file") == 0 && i + 1 < argc) {
			cli_key_file = argv[i + 1];
			i += 2;
		} else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			return usage(stdout);
		} else {
			fprintf(stderr, "komek: unknown option %s\n", argv[i]);
			return usage(stderr);
		}
	}
	if (i >= argc)
		return usage(stderr);
	for (const struct cli_command *c = commands; c->name; c++) {
		if (strcmp(argv[i], c->name) != 0)
			continue;
		if (!c->sub)
			return c->run(db, argc - i - 1, argv + i + 1);
		if (i + 1 < argc && strcmp(argv[i + 1], c->sub) == 0)
			return c->run(db, argc - i - 2, argv + i + 2);
	}
	fprintf(stderr, "komek: unknown command %s\n", argv[i]);
	return usage(stderr);
}
