/* store_sealed.c: the columns that hold sealed values (crypt/seal.h), checked at start and
 * re-sealed under the current key by `komek rekey`. A new sealed column joins the table
 * below, and the canary test (tests/http/test_sealed.c). */
#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/util.h"
#include "crypt/seal.h"
#include "store/store.h"
#include "store/store_util.h"

#include "base/banned.h"

struct sealed_column {
	const char *name;   /* for messages */
	const char *field;  /* the associated data it was sealed with */
	const char *select; /* id and value of sealed rows with id > ?1, by id, at most ?2 */
	const char *update; /* row ?1 gets value ?2 if its value is still ?3 */
};

static const struct sealed_column columns[] = {
	{ "persons.protection_reason", SEALED_PERSON_REASON,
	  "SELECT id, protection_reason FROM persons WHERE protection_reason IS NOT NULL"
	  " AND id > ?1 ORDER BY id LIMIT ?2",
	  "UPDATE persons SET protection_reason = ?2 WHERE id = ?1 AND protection_reason = ?3" },
	{ "person_changes.old_value (protection_reason)", SEALED_PERSON_REASON,
	  "SELECT id, old_value FROM person_changes WHERE field = 'protection_reason'"
	  " AND old_value IS NOT NULL AND id > ?1 ORDER BY id LIMIT ?2",
	  "UPDATE person_changes SET old_value = ?2 WHERE id = ?1 AND old_value = ?3" },
	{ "person_changes.new_value (protection_reason)", SEALED_PERSON_REASON,
	  "SELECT id, new_value FROM person_changes WHERE field = 'protection_reason'"
	  " AND new_value IS NOT NULL AND id > ?1 ORDER BY id LIMIT ?2",
	  "UPDATE person_changes SET new_value = ?2 WHERE id = ?1 AND new_value = ?3" },
	{ "case_notes.text", SEALED_CASE_NOTE,
	  "SELECT id, text FROM case_notes WHERE text <> '' AND id > ?1 ORDER BY id LIMIT ?2",
	  "UPDATE case_notes SET text = ?2 WHERE id = ?1 AND text = ?3" },
	{ "assessments.summary", SEALED_ASSESSMENT_SUMMARY,
	  "SELECT id, summary FROM assessments WHERE summary IS NOT NULL AND id > ?1"
	  " ORDER BY id LIMIT ?2",
	  "UPDATE assessments SET summary = ?2 WHERE id = ?1 AND summary = ?3" },
	{ "assessment_needs.note", SEALED_NEED_NOTE,
	  "SELECT id, note FROM assessment_needs WHERE note IS NOT NULL AND id > ?1"
	  " ORDER BY id LIMIT ?2",
	  "UPDATE assessment_needs SET note = ?2 WHERE id = ?1 AND note = ?3" },
	{ "case_reviews.note", SEALED_REVIEW_NOTE,
	  "SELECT id, note FROM case_reviews WHERE note IS NOT NULL AND id > ?1"
	  " ORDER BY id LIMIT ?2",
	  "UPDATE case_reviews SET note = ?2 WHERE id = ?1 AND note = ?3" },
	{ "case_decisions.note", SEALED_DECISION_NOTE,
	  "SELECT id, note FROM case_decisions WHERE note IS NOT NULL AND id > ?1"
	  " ORDER BY id LIMIT ?2",
	  "UPDATE case_decisions SET note = ?2 WHERE id = ?1 AND note = ?3" },
	{ "services.result", SEALED_SERVICE_RESULT,
	  "SELECT id, result FROM services WHERE result IS NOT NULL AND id > ?1"
	  " ORDER BY id LIMIT ?2",
	  "UPDATE services SET result = ?2 WHERE id = ?1 AND result = ?3" },
	{ "referrals.message", SEALED_REFERRAL_MESSAGE,
	  "SELECT id, message FROM referrals WHERE message IS NOT NULL AND id > ?1"
	  " ORDER BY id LIMIT ?2",
	  "UPDATE referrals SET message = ?2 WHERE id = ?1 AND message = ?3" },
	{ "referrals.outcome", SEALED_REFERRAL_OUTCOME,
	  "SELECT id, outcome FROM referrals WHERE outcome IS NOT NULL AND id > ?1"
	  " ORDER BY id LIMIT ?2",
	  "UPDATE referrals SET outcome = ?2 WHERE id = ?1 AND outcome = ?3" },
	{ "screenings.detail", SEALED_SCREENING_DETAIL,
	  "SELECT id, detail FROM screenings WHERE detail IS NOT NULL AND id > ?1"
	  " ORDER BY id LIMIT ?2",
	  "UPDATE screenings SET detail = ?2 WHERE id = ?1 AND detail = ?3" },
	{ "screenings.finding_reason", SEALED_SCREENING_REASON,
	  "SELECT id, finding_reason FROM screenings WHERE finding_reason IS NOT NULL AND id > ?1"
	  " ORDER BY id LIMIT ?2",
	  "UPDATE screenings SET finding_reason = ?2 WHERE id = ?1 AND finding_reason = ?3" },
};
#define NCOLUMNS (sizeof(columns) / sizeof(columns[0]))

struct sealed_row {
	int64_t id;
	const char *value;
};

static int read_rows(struct dbconn *c, struct arena *a, const struct sealed_column *col,
		     int64_t after, int64_t limit, struct sealed_row **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, col->select);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, after);
	db_bind_int(s, 2, limit);
	STORE_COLLECT(
	    s, a, struct sealed_row, *rows, *n, (size_t)limit,
	    (row->id = db_col_int(s, 0), row->value = arena_strdup(a, db_col_text(s, 1))));
}

int store_sealed_check(struct dbconn *c, struct arena *a, bool *any)
{
	*any = false;
	for (size_t i = 0; i < NCOLUMNS; i++) {
		struct sealed_row *rows;
		size_t n;
		int rc = read_rows(c, a, &columns[i], 0, 1, &rows, &n);
		if (rc)
			return rc;
		if (!n)
			continue;
		*any = true;
		const char *plain;
		if (seal_open(a, columns[i].field, rows[0].value, &plain)) {
			log_error("keys: the loaded keys do not open %s", columns[i].name);
			return K_EAUTH;
		}
	}
	return 0;
}

/* Re-seals one batch of a column; *last is the last id seen, *n the rows read. */
static int rekey_batch(struct dbconn *c, const struct sealed_column *col, int64_t batch,
		       int64_t *last, size_t *n, int64_t *resealed)
{
	struct arena a;
	arena_init(&a);
	struct sealed_row *rows = NULL;
	*n = 0;
	int rc = store_begin(c);
	if (!rc)
		rc = read_rows(c, &a, col, *last, batch, &rows, n);
	for (size_t i = 0; !rc && i < *n; i++) {
		*last = rows[i].id;
		if (seal_is_current(rows[i].value))
			continue;
		const char *plain, *sealed;
		rc = seal_open(&a, col->field, rows[i].value, &plain);
		if (!rc)
			rc = seal(&a, col->field, plain, &sealed);
		struct dbstmt *s = rc ? NULL : db_prep(c, col->update);
		if (s) {
			db_bind_int(s, 1, rows[i].id);
			db_bind_text(s, 2, sealed);
			db_bind_text(s, 3, rows[i].value);
			rc = db_run(s);
			/* A row changed meanwhile was written under the current key already. */
			*resealed += db_changes(c);
		} else if (!rc) {
			rc = K_EDB;
		}
	}
	rc = store_finish(c, rc);
	arena_release(&a);
	return rc;
}

int store_rekey(struct dbconn *c, int64_t batch, int64_t *resealed, int64_t *seen)
{
	*resealed = *seen = 0;
	for (size_t i = 0; i < NCOLUMNS; i++) {
		int64_t last = 0;
		size_t n = 0;
		do {
			int64_t before = *resealed;
			int rc = rekey_batch(c, &columns[i], batch, &last, &n, resealed);
			if (rc) {
				/* A failed batch changed nothing: what it counted is undone. */
				*resealed = before;
				log_error("rekey: %s failed after row %lld", columns[i].name,
					  (long long)last);
				return rc;
			}
			*seen += (int64_t)n;
		} while (n == (size_t)batch);
	}
	return 0;
}
