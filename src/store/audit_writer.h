/* audit_writer.h: the audit rows of reads (views of a person), written by one thread in
 * batches.
 *
 * Every view of a person is audited, so without batching each GET would be a write
 * transaction with its own fsync, and the registry's read speed would be the disk's sync
 * rate. Instead, requests hand their row to this writer, which commits whatever has queued
 * in one transaction (synchronous=FULL) at most AUDIT_FLUSH_MS after the first row queued.
 * The rows go to the view log (db.h), a file of their own: a commit to a SQLite file empties
 * the page cache of every other connection to it (SQLite cannot tell which pages changed),
 * and with the view rows in the database file itself that was half the cost of a view.
 * A request may wait until its row is durable (views of restricted people do: the data
 * leaves only once the disclosure is on disk) or go on at once (ordinary views: a crash of
 * the process or a power cut can lose the rows of the last AUDIT_FLUSH_MS; a graceful stop
 * flushes all).
 * Writes of records are audited inside their own transaction, not here. */
#ifndef KOMEK_STORE_AUDIT_WRITER_H
#define KOMEK_STORE_AUDIT_WRITER_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/access.h"
#include "store/db.h"

#define AUDIT_FLUSH_MS 100
#define AUDIT_QUEUE_MAX 100000 /* past this, callers wait: never drop a row */
#define AUDIT_RETRY_S 1        /* after a batch failed (a full disk), the pause before a retry */

struct audit_writer;

/* Takes the logger's connection of db (db_acquire_logger) for good; *out is new: stop it
 * with audit_writer_stop. */
int audit_writer_start(struct db *db, struct audit_writer **out);
/* Flushes everything queued, stops the thread and gives the connection back. */
void audit_writer_stop(struct audit_writer *w);

/* Queues a row (strings are copied). With durable, waits until it is committed and returns
 * the commit's result; otherwise returns 0 at once. The rows of a batch that fails are
 * tried again every AUDIT_RETRY_S; while it keeps failing and the queue is full, a row is
 * refused with the failure (K_EFULL for a full disk) instead of queued. */
int audit_writer_log(struct audit_writer *w, const struct actor *who, const char *action,
		     const char *entity, int64_t entity_id, const char *detail, bool durable);

#endif
