/* import.h: importing people from a CSV or XLSX file (issue 6): the check and the import.
 *
 * Both read every row of the file (base/sheet_read.h) after the header, read it into a
 * person by the column mapping and validate it (domain/import.h), and look for the people
 * already registered whom it likely is (store_person_likely, as registration does), and for
 * an earlier row of the same file with the same name and birth date or the same document.
 * What they find is the import's issues: a row that does not validate is left out, with
 * every field that failed; a likely duplicate is flagged and, at the import, left out or
 * registered and queued for review (store_dup_record), as the worker chose. Nothing is ever
 * merged by itself.
 *
 * The check reads in one read transaction and writes nothing but its findings. The import
 * is one write transaction: people, their history, the review pairs, the findings and the
 * import's result commit together or not at all, so a failed or killed import leaves the
 * registry as it was (the next start marks it failed, store_import_interrupted).
 *
 * In the server both run in a thread of their own, one at a time per process, with a
 * connection of their own (the pool has one more for it); the page asks how far it is
 * (import_progress). The command line runs them in the foreground (komek import). */
#ifndef KOMEK_IMPORT_IMPORT_H
#define KOMEK_IMPORT_IMPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "base/sheet_read.h"
#include "domain/import.h"
#include "store/store.h"

#define IMPORT_UPLOAD_MAX (16u << 20) /* bytes of a file uploaded through the web or API */
#define IMPORT_ISSUES_MAX 100000      /* findings kept; the counts go on past them */
#define IMPORT_FILE_DAYS 7            /* an uploaded file never imported is dropped after */
/* Why a check or an import that a stop or a crash cut short failed (a message id). */
extern const char import_stopped[];

struct import_settings {
	enum sheet_format format;
	enum sheet_encoding encoding;
	struct import_map map;
	bool register_duplicates; /* the import registers likely duplicates (and queues them) */
};

struct import_counts {
	int64_t total, invalid, duplicate, created;
};

/* Parses the stored forms of the settings: format "csv"/"xlsx", encoding "auto"/"utf8"/
 * "cp1251"/"kz1048", mapping (tab-separated target names, "" for a column left out),
 * duplicates "register" or anything else. false if one is not valid. */
bool import_settings_parse(const char *format, const char *encoding, const char *mapping,
			   const char *duplicates, struct import_settings *out);
enum sheet_encoding import_encoding(const char *code); /* SHEET_ENC_AUTO if unknown */

/* The first row of a file (its header), tab-separated, into the arena; the error of a file
 * that cannot be read (err filled) or has no row. */
int import_header(struct arena *a, enum sheet_format f, enum sheet_encoding enc, const void *data,
		  size_t len, const char **header, size_t *ncols, struct sheet_read_error *err);

/* Runs the check (run false) or the import of an import the caller has moved to
 * "checking" or "running", on c, in the foreground, and records its result. *done counts
 * rows as they are read (may be NULL). K_EINVAL when the file cannot be read (the import is
 * then failed, with the reason); a database error fails it too. */
int import_execute(struct dbconn *c, const struct actor *who, int64_t id, const void *data,
		   size_t len, const struct import_settings *st, bool run, const char *today,
		   _Atomic int64_t *done, struct import_counts *out);

/* Starts the check (run false: from "uploaded", "checked" or "failed", with the mapping)
 * or the import (run true: from "checked", with the duplicates choice) of import id at
 * version, in a thread of the server with a connection of db's pool, moving it on c
 * (store_import_move). K_EBUSY while another check or import runs in this process,
 * K_ECONFLICT when the import is no longer at that version or in such a status. */
int import_begin(struct db *db, struct dbconn *c, const struct actor *who, int64_t id,
		 int64_t version, bool run, const char *mapping, const char *duplicates);
/* How far the job of import id is in this process: rows read and rows in all (0 while
 * counting); false if it does not run here. */
bool import_progress(int64_t id, int64_t *done, int64_t *total);
/* Waits for the job running, if any (at the server's stop). */
void import_wait(void);

/* This process as a runner ("host:pid"), and whether a runner is a process of this host
 * that is gone (for store_import_interrupted). */
const char *import_runner(void);
bool import_runner_gone(const char *runner);

#endif
