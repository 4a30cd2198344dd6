/* store_person.c: people, their categories, documents, history, workers, households and
 * consents.
 *
 * The access rule lives in one SQL fragment, VISIBLE: a person is visible to an actor when
 * they belong to the actor's organisation and are either not restricted, or the actor sees
 * restricted records (a supervisor), or the actor is assigned to them. Every query that
 * returns people carries it, so lists, counts, searches and single reads agree. */
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"
#include "base/util.h"
#include "crypt/seal.h"
#include "domain/match.h"
#include "store/store.h"
#include "store/store_integration.h"
#include "store/store_report.h"
#include "store/store_util.h"

static const char SQL_PERSON_INSERT[] =
    "INSERT INTO persons (org_id, family_name, given_name, patronymic, name_original, sex,"
    " birth_date, birth_year, citizenship, country_of_origin, legal_status, region,"
    " locality, arrival_date, phone, lang_kk, lang_ru, languages, child_status, disability,"
    " household_id, household_relation, restricted, name_key, version, created_at,"
    " created_by, updated_at, updated_by, protection_reason, legal_status_since,"
    " asylum_petition_on, match_key, family_sound, given_sound) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
    " ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, 1,"
    " ?25, ?26, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32)"
    " RETURNING id";
static const char SQL_PERSON_UPDATE[] =
    "UPDATE persons AS p SET family_name = ?2, given_name = ?3, patronymic = ?4,"
    " name_original = ?5, sex = ?6, birth_date = ?7, birth_year = ?8, citizenship = ?9,"
    " country_of_origin = ?10, legal_status = ?11, region = ?12, locality = ?13,"
    " arrival_date = ?14, phone = ?15, lang_kk = ?16, lang_ru = ?17, languages = ?18,"
    " child_status = ?19, disability = ?20, household_id = ?21, household_relation = ?22,"
    " restricted = ?23, name_key = ?24, version = version + 1, updated_at = ?25,"
    " updated_by = ?26, protection_reason = ?27, legal_status_since = ?32,"
    " asylum_petition_on = ?33, match_key = ?34, family_sound = ?35, given_sound = ?36 WHERE p.id "
    "= ?1 AND p.version = ?28 AND "
    "p.erased_at IS NULL "
    "AND" VISIBLE_AT("?29", "?30", "?31");
static const char SQL_PERSON_VISIBLE[] = "SELECT p.id FROM persons p WHERE" VISIBLE "AND p.id = ?4";

/* Binds ?2..?27 shared by insert and update, the status dates at ?dates and ?dates+1 and
 * the match key (returned in *match_key) and sound keys of the names at ?dates+2..+4; fails
 * only if the reason cannot be sealed. */
static int bind_person(struct dbstmt *s, struct arena *a, const struct actor *who,
		       const struct person *p, int dates, const char **match_key)
{
	db_bind_text(s, dates, p->legal_status_since);
	db_bind_text(s, dates + 1, p->asylum_petition_on);
	*match_key = match_person_key(a, p);
	db_bind_text(s, dates + 2, *match_key);
	db_bind_text(s, dates + 3, match_name_sound(a, p->family_name));
	db_bind_text(s, dates + 4, match_name_sound(a, p->given_name));
	const char *reason;
	int rc = seal(a, SEALED_PERSON_REASON, p->protection_reason, &reason);
	if (rc)
		return rc;
	db_bind_text(s, 27, reason);
	db_bind_text(s, 2, p->family_name);
	db_bind_text(s, 3, p->given_name);
	db_bind_text(s, 4, p->patronymic);
	db_bind_text(s, 5, p->name_original);
	db_bind_text(s, 6, p->sex);
	db_bind_text(s, 7, p->birth_date);
	int by = person_birth_year(p);
	if (by)
		db_bind_int(s, 8, by);
	db_bind_text(s, 9, p->citizenship);
	db_bind_text(s, 10, p->country_of_origin);
	db_bind_text(s, 11, p->legal_status);
	db_bind_text(s, 12, p->region);
	db_bind_text(s, 13, p->locality);
	db_bind_text(s, 14, p->arrival_date);
	db_bind_text(s, 15, p->phone);
	db_bind_text(s, 16, p->lang_kk);
	db_bind_text(s, 17, p->lang_ru);
	db_bind_text(s, 18, p->languages);
	db_bind_text(s, 19, p->child_status ? p->child_status : "none");
	db_bind_int(s, 20, p->disability);
	if (p->household_id)
		db_bind_int(s, 21, p->household_id);
	db_bind_text(s, 22, p->household_relation);
	db_bind_int(s, 23, person_is_protected(p));
	db_bind_text(s, 24, person_name_key(a, p));
	db_bind_int(s, 25, time_now());
	db_bind_int(s, 26, who->user_id);
	return 0;
}

static const char SQL_CATS_DELETE[] = "DELETE FROM person_categories WHERE person_id = ?1";
static const char SQL_CAT_INSERT[] =
    "INSERT INTO person_categories (person_id, category) VALUES (?1, ?2)";
static const char SQL_DOCS_DELETE[] = "DELETE FROM documents WHERE person_id = ?1";
static const char SQL_DOC_INSERT[] =
    "INSERT INTO documents (person_id, type, number, number_key, country, issued_on,"
    " expires_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

/* Replaces the categories and documents of a person with those of p. */
static int write_lists(struct dbconn *c, struct arena *a, int64_t id, const struct person *p)
{
	struct dbstmt *s = db_prep(c, SQL_CATS_DELETE);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, id);
	int rc = db_run(s);
	for (size_t i = 0; !rc && i < p->ncategories; i++) {
		if (!(s = db_prep(c, SQL_CAT_INSERT)))
			return K_EDB;
		db_bind_int(s, 1, id);
		db_bind_text(s, 2, p->categories[i]);
		rc = db_run(s);
	}
	if (rc || !(s = db_prep(c, SQL_DOCS_DELETE)))
		return rc ? rc : K_EDB;
	db_bind_int(s, 1, id);
	rc = db_run(s);
	for (size_t i = 0; !rc && i < p->ndocs; i++) {
		const struct person_doc *d = &p->docs[i];
		if (!(s = db_prep(c, SQL_DOC_INSERT)))
			return K_EDB;
		db_bind_int(s, 1, id);
		db_bind_text(s, 2, d->type);
		db_bind_text(s, 3, d->number);
		db_bind_text(s, 4, person_doc_key(a, d->number));
		db_bind_text(s, 5, d->country);
		db_bind_text(s, 6, d->issued_on);
		db_bind_text(s, 7, d->expires_on);
		rc = db_run(s);
	}
	return rc;
}

static const char SQL_CHANGE_INSERT[] =
    "INSERT INTO person_changes (person_id, version, changed_at, changed_by, field,"
    " old_value, new_value) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

int store_person_change(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
			int64_t version, const char *field, const char *old_value,
			const char *new_value)
{
	/* A sealed field's old and new values are sealed in its history too. */
	if (person_field_sealed(field)) {
		int rc = seal(a, SEALED_PERSON_REASON, old_value, &old_value);
		if (!rc)
			rc = seal(a, SEALED_PERSON_REASON, new_value, &new_value);
		if (rc)
			return rc;
	}
	struct dbstmt *s = db_prep(c, SQL_CHANGE_INSERT);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, version);
	db_bind_int(s, 3, time_now());
	if (who->user_id)
		db_bind_int(s, 4, who->user_id);
	else
		db_bind_null(s, 4); /* the system: a retention rule */
	db_bind_text(s, 5, field);
	db_bind_text(s, 6, old_value);
	db_bind_text(s, 7, new_value);
	return db_run(s);
}

static const char SQL_ASSIGN[] =
    "INSERT INTO person_workers (person_id, user_id, assigned_by, assigned_at)"
    " SELECT ?1, u.id, ?3, ?4 FROM users u WHERE u.id = ?2 AND u.org_id = ?5"
    " AND u.active = 1 ON CONFLICT (person_id, user_id) DO NOTHING";

static int assign(struct dbconn *c, const struct actor *who, int64_t person_id, int64_t user_id)
{
	struct dbstmt *s = db_prep(c, SQL_ASSIGN);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, person_id);
	db_bind_int(s, 2, user_id);
	db_bind_int(s, 3, who->user_id);
	db_bind_int(s, 4, time_now());
	db_bind_int(s, 5, who->org_id);
	return db_run(s);
}

int store_person_assign_self(struct dbconn *c, const struct actor *who, int64_t person_id)
{
	return assign(c, who, person_id, who->user_id);
}

int store_person_insert(struct dbconn *c, struct arena *a, const struct actor *who,
			struct person *p)
{
	struct dbstmt *s = db_prep(c, SQL_PERSON_INSERT);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, who->org_id);
	const char *match_key;
	int rc = bind_person(s, a, who, p, 28, &match_key);
	if (rc) {
		db_reset(s);
		return rc;
	}
	rc = store_returning_id(s, &p->id);
	if (rc)
		return rc;
	p->org_id = who->org_id;
	p->version = 1;
	rc = write_lists(c, a, p->id, p);
	if (!rc)
		rc = store_match_keys(c, a, p->id, p->org_id, match_key);
	/* The worker who registers a protected person is assigned to them, or they would
	 * lose sight of the record they just made. */
	if (!rc && person_is_protected(p))
		rc = assign(c, who, p->id, who->user_id);
	if (!rc)
		rc = store_person_change(c, a, who, p->id, 1, "created", NULL, NULL);
	return rc;
}

#define PERSON_COLS                                                                                \
	"p.id, p.org_id, p.family_name, p.given_name, p.patronymic, p.name_original, p.sex,"       \
	" p.birth_date, p.citizenship, p.country_of_origin, p.legal_status, p.region,"             \
	" p.locality, p.arrival_date, p.phone, p.lang_kk, p.lang_ru, p.languages,"                 \
	" p.child_status, p.disability, p.household_id, p.household_relation, p.restricted,"       \
	" p.version, p.created_at, p.updated_at, p.created_by, p.updated_by, p.protection_reason," \
	" p.erased_at, p.legal_status_since, p.asylum_petition_on, p.linked_to"
static const char SQL_PERSON_GET[] =
    "SELECT " PERSON_COLS " FROM persons p WHERE" VISIBLE "AND p.id = ?4";
static const char SQL_PERSON_CATS[] =
    "SELECT category FROM person_categories WHERE person_id = ?1 ORDER BY category";
static const char SQL_PERSON_DOCS[] =
    "SELECT id, type, number, country, issued_on, expires_on FROM documents"
    " WHERE person_id = ?1 ORDER BY id";

static const char *col(struct dbstmt *s, struct arena *a, int i)
{
	return arena_strdup(a, db_col_text(s, i));
}

static const char SQL_PERSON_HAS[] =
    "SELECT CASE WHEN EXISTS (SELECT 1 FROM person_links WHERE survivor_id = ?1"
    " AND unlinked_at IS NULL) OR EXISTS (SELECT 1 FROM person_links WHERE merged_id = ?1"
    " AND unlinked_at IS NULL) THEN 1 ELSE 0 END,"
    " CASE WHEN EXISTS (SELECT 1 FROM duplicate_pairs WHERE first_id = ?1 AND status = 'open')"
    " OR EXISTS (SELECT 1 FROM duplicate_pairs WHERE second_id = ?1 AND status = 'open')"
    " THEN 1 ELSE 0 END,"
    " CASE WHEN EXISTS (SELECT 1 FROM placements WHERE person_id = ?1) THEN 1 ELSE 0 END,"
    " CASE WHEN EXISTS (SELECT 1 FROM group_members WHERE person_id = ?1) THEN 1 ELSE 0 END,"
    " CASE WHEN EXISTS (SELECT 1 FROM event_participants WHERE person_id = ?1) THEN 1 ELSE 0"
    " END, CASE WHEN EXISTS (SELECT 1 FROM enrolments WHERE person_id = ?1) THEN 1 ELSE 0 END,"
    " CASE WHEN EXISTS (SELECT 1 FROM screenings WHERE person_id = ?1) THEN 1 ELSE 0 END,"
    " CASE WHEN EXISTS (SELECT 1 FROM employments WHERE person_id = ?1)"
    " OR EXISTS (SELECT 1 FROM person_skills WHERE person_id = ?1) THEN 1 ELSE 0 END,"
    " CASE WHEN EXISTS (SELECT 1 FROM integration_reviews WHERE person_id = ?1) THEN 1 ELSE 0"
    " END";

int store_person_has(struct dbconn *c, int64_t id, unsigned *has)
{
	*has = 0;
	struct dbstmt *s = db_prep(c, SQL_PERSON_HAS);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, id);
	int rc = db_step(s);
	if (rc == DB_ROW)
		*has = (db_col_int(s, 0) ? PERSON_HAS_LINKS : 0) |
		       (db_col_int(s, 1) ? PERSON_HAS_PAIRS : 0) |
		       (db_col_int(s, 2) ? PERSON_HAS_STAYS : 0) |
		       (db_col_int(s, 3) ? PERSON_HAS_GROUPS : 0) |
		       (db_col_int(s, 4) ? PERSON_HAS_EVENTS : 0) |
		       (db_col_int(s, 5) ? PERSON_HAS_PROGRAMMES : 0) |
		       (db_col_int(s, 6) ? PERSON_HAS_SCREENINGS : 0) |
		       (db_col_int(s, 7) ? PERSON_HAS_WORK : 0) |
		       (db_col_int(s, 8) ? PERSON_HAS_INTEGRATION : 0);
	db_reset(s);
	return rc == DB_ROW ? 0 : K_EDB;
}

int store_person_get(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
		     struct person *out)
{
	memset(out, 0, sizeof(*out));
	struct dbstmt *s = db_prep(c, SQL_PERSON_GET);
	if (!s)
		return K_EDB;
	bind_visible(s, who);
	db_bind_int(s, 4, id);
	int rc = db_step(s);
	if (rc == DB_ROW) {
		out->id = db_col_int(s, 0);
		out->org_id = db_col_int(s, 1);
		out->family_name = col(s, a, 2);
		out->given_name = col(s, a, 3);
		out->patronymic = col(s, a, 4);
		out->name_original = col(s, a, 5);
		out->sex = col(s, a, 6);
		out->birth_date = col(s, a, 7);
		out->citizenship = col(s, a, 8);
		out->country_of_origin = col(s, a, 9);
		out->legal_status = col(s, a, 10);
		out->region = col(s, a, 11);
		out->locality = col(s, a, 12);
		out->arrival_date = col(s, a, 13);
		out->phone = col(s, a, 14);
		out->lang_kk = col(s, a, 15);
		out->lang_ru = col(s, a, 16);
		out->languages = col(s, a, 17);
		out->child_status = col(s, a, 18);
		out->disability = db_col_int(s, 19) != 0;
		out->household_id = db_col_int(s, 20);
		out->household_relation = col(s, a, 21);
		out->restricted = db_col_int(s, 22) != 0;
		out->version = db_col_int(s, 23);
		out->created_at = db_col_int(s, 24);
		out->updated_at = db_col_int(s, 25);
		out->created_by = db_col_int(s, 26);
		out->updated_by = db_col_int(s, 27);
		out->protection_reason = col(s, a, 28);
		out->erased_at = db_col_int(s, 29);
		out->legal_status_since = col(s, a, 30);
		out->asylum_petition_on = col(s, a, 31);
		out->linked_to = db_col_int(s, 32);
	}
	db_reset(s);
	if (rc != DB_ROW)
		return rc == DB_DONE ? K_ENOTFOUND : rc;
	if ((rc = seal_open(a, SEALED_PERSON_REASON, out->protection_reason,
			    &out->protection_reason)))
		return rc;

	if (!(s = db_prep(c, SQL_PERSON_CATS)))
		return K_EDB;
	db_bind_int(s, 1, id);
	while ((rc = db_step(s)) == DB_ROW && out->ncategories < PERSON_MAX_CATEGORIES)
		out->categories[out->ncategories++] = col(s, a, 0);
	db_reset(s);
	if (rc < 0)
		return rc;
	if (!(s = db_prep(c, SQL_PERSON_DOCS)))
		return K_EDB;
	db_bind_int(s, 1, id);
	while ((rc = db_step(s)) == DB_ROW && out->ndocs < PERSON_MAX_DOCS) {
		struct person_doc *d = &out->docs[out->ndocs++];
		d->id = db_col_int(s, 0);
		d->type = col(s, a, 1);
		d->number = col(s, a, 2);
		d->country = col(s, a, 3);
		d->issued_on = col(s, a, 4);
		d->expires_on = col(s, a, 5);
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static bool same(const char *x, const char *y)
{
	if (!x || !y)
		return x == y;
	return strcmp(x, y) == 0;
}

int store_person_update(struct dbconn *c, struct arena *a, const struct actor *who,
			const struct person *old, struct person *p)
{
	struct dbstmt *s = db_prep(c, SQL_PERSON_UPDATE);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, old->id);
	const char *match_key;
	int rc = bind_person(s, a, who, p, 32, &match_key);
	if (rc) {
		db_reset(s);
		return rc;
	}
	db_bind_int(s, 28, p->version);
	bind_visible_at(s, 29, who);
	rc = db_run(s);
	if (rc)
		return rc;
	if (db_changes(c) == 0) {
		/* Not visible to this actor (or no such person), or someone else saved a newer
		 * version since it was read. */
		if (!(s = db_prep(c, SQL_PERSON_VISIBLE)))
			return K_EDB;
		bind_visible(s, who);
		db_bind_int(s, 4, old->id);
		rc = store_returning_id(s, NULL);
		return rc ? rc : K_ECONFLICT;
	}
	p->id = old->id;
	p->org_id = old->org_id;
	p->version++;
	rc = write_lists(c, a, p->id, p);
	if (!rc)
		rc = store_match_keys(c, a, p->id, p->org_id, match_key);
	if (!rc)
		rc = store_match_links_changed(c, a, p->id);
	bool any = false;
	for (const char *const *f = person_fields; !rc && *f; f++) {
		const char *was = person_field_text(a, old, *f);
		const char *now = person_field_text(a, p, *f);
		if (same(was, now))
			continue;
		any = true;
		rc = store_person_change(c, a, who, p->id, p->version, *f, was, now);
	}
	if (!rc && !any)
		rc = store_person_change(c, a, who, p->id, p->version, "saved", NULL, NULL);
	/* Someone who makes a record restricted keeps sight of it. */
	if (!rc && person_is_protected(p) && !old->restricted && !access_sees_restricted(who))
		rc = assign(c, who, p->id, who->user_id);
	return rc ? rc : store_report_person(c, p->id);
}

/* Erasure keeps what reports count and removes what identifies: names, the full birth
 * date (the year stays), the place, the phone, the arrival date, the reason for protection,
 * the documents and every value in the history; and in their cases what the workers wrote
 * (STORE_CASE_WIPES). `now` and `by` are the parameters of the time and the user. */
#define PERSON_ERASE_SET(now, by)                                                                  \
	" family_name = '', given_name = '', patronymic = NULL, name_original = NULL,"             \
	" birth_date = substr(birth_date, 1, 4), locality = NULL, arrival_date = NULL,"            \
	" phone = NULL, protection_reason = NULL, name_key = '', match_key = NULL,"                \
	" legal_status_since = NULL,"                                                              \
	" asylum_petition_on = NULL, version = version + 1, updated_at = " now ","                 \
	" updated_by = " by ", erased_at = " now ", erased_by = " by
static const char SQL_PERSON_ERASE[] = "UPDATE persons AS p SET" PERSON_ERASE_SET(
    "?5", "?6") " WHERE p.id = ?4 AND p.erased_at IS NULL AND" VISIBLE;
static const char SQL_PERSON_ANONYMISE[] = "UPDATE persons AS p SET" PERSON_ERASE_SET(
    "?2", "?3") " WHERE p.id = ?1 AND p.erased_at IS NULL"
		" RETURNING version";
static const char SQL_PERSON_ERASE_DOCS[] = "DELETE FROM documents WHERE person_id = ?1";
static const char SQL_PERSON_ERASE_KEYS[] = "DELETE FROM person_keys WHERE person_id = ?1";
static const char SQL_PERSON_ERASE_HISTORY[] =
    "UPDATE person_changes SET old_value = NULL, new_value = NULL WHERE person_id = ?1"
    " AND (old_value IS NOT NULL OR new_value IS NOT NULL)";

/* A stay in a centre ends with the record (the bed is free from today; a check-in later than
 * today cannot be), a place on a waiting list is withdrawn, and their notes go. */
static const char SQL_PERSON_ERASE_STAYS[] =
    "UPDATE placements SET checked_out = CASE WHEN check_in > ?2 THEN check_in ELSE ?2 END"
    " WHERE person_id = ?1 AND checked_out IS NULL";
static const char SQL_PERSON_ERASE_STAY_NOTES[] =
    "UPDATE placements SET note = NULL WHERE person_id = ?1 AND note IS NOT NULL";
static const char SQL_PERSON_ERASE_WAITING[] =
    "UPDATE centre_waiting SET note = NULL, status = CASE WHEN status = 'waiting' THEN"
    " 'withdrawn' ELSE status END, closed_on = COALESCE(closed_on, ?2) WHERE person_id = ?1";

/* What was written on their enrolments in programmes goes; the enrolments and the support
 * given stay, for the quotas and the figures. */
static const char SQL_PERSON_ERASE_ENROLMENT_NOTES[] =
    "UPDATE enrolments SET note = NULL WHERE person_id = ?1 AND note IS NOT NULL";

/* Their screenings' answers, what made the results and the workers' reasons go; the
 * results' figures stay. */
static const char SQL_PERSON_ERASE_SCREENINGS[] =
    "UPDATE screenings SET detail = NULL, finding_reason = NULL WHERE person_id = ?1";

/* What was written about their work goes: the job, the employer's name when not registered,
 * notes; the skills' titles and places. Wages, hours, dates and codes stay, for the figures. */
static const char SQL_PERSON_ERASE_EMPLOYMENTS[] =
    "UPDATE employments SET job_title = '', employer_name = CASE WHEN employer_name IS NULL"
    " THEN NULL ELSE '' END, note = NULL WHERE person_id = ?1";
static const char SQL_PERSON_ERASE_ALERT_NOTES[] =
    "UPDATE labour_alerts SET resolution = '' WHERE person_id = ?1 AND resolution IS NOT NULL";
static const char SQL_PERSON_ERASE_SKILLS[] =
    "UPDATE person_skills SET title = '', place = NULL, note = NULL WHERE person_id = ?1";

/* Their memberships of groups end (from today, or the day they joined if later), the
 * notes on them go; their attendance stays, for the counts. */
static const char SQL_PERSON_ERASE_MEMBERSHIPS[] =
    "UPDATE group_members SET note = NULL, left_on = CASE WHEN left_on IS NOT NULL THEN"
    " left_on WHEN joined_on > ?2 THEN joined_on ELSE ?2 END WHERE person_id = ?1";

/* What follows the person's row: their documents, the values in their history, what was
 * written in their cases, their stays and places in centres, their groups, and the history's
 * line saying so (`field`). */
static int erase_rest(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
		      int64_t version, const char *field)
{
	static const char *const wipe[] = { SQL_PERSON_ERASE_DOCS,
					    SQL_PERSON_ERASE_KEYS,
					    SQL_PERSON_ERASE_HISTORY,
					    SQL_PERSON_ERASE_STAY_NOTES,
					    SQL_PERSON_ERASE_ENROLMENT_NOTES,
					    SQL_PERSON_ERASE_SCREENINGS,
					    SQL_PERSON_ERASE_EMPLOYMENTS,
					    SQL_PERSON_ERASE_SKILLS,
					    SQL_PERSON_ERASE_ALERT_NOTES,
					    STORE_INTEGRATION_ERASE_NOTES,
					    STORE_INTEGRATION_ERASE_SCORES,
					    STORE_CASE_WIPES(
						"SELECT id FROM cases WHERE person_id = ?1") };
	static const char *const centres[] = { SQL_PERSON_ERASE_STAYS, SQL_PERSON_ERASE_WAITING,
					       SQL_PERSON_ERASE_MEMBERSHIPS };
	int rc = store_run_each(c, wipe, ARRAY_SIZE(wipe), id);
	char today[11];
	date_today(today);
	for (size_t i = 0; !rc && i < ARRAY_SIZE(centres); i++) {
		struct dbstmt *s = db_prep(c, centres[i]);
		if (!s)
			return K_EDB;
		db_bind_int(s, 1, id);
		db_bind_text(s, 2, today);
		rc = db_run(s);
	}
	if (!rc)
		rc = store_report_person(c, id);
	return rc ? rc : store_person_change(c, a, who, id, version, field, NULL, NULL);
}

int store_person_erase(struct dbconn *c, struct arena *a, const struct actor *who,
		       const struct person *p)
{
	struct dbstmt *s = db_prep(c, SQL_PERSON_ERASE);
	if (!s)
		return K_EDB;
	bind_visible(s, who);
	db_bind_int(s, 4, p->id);
	db_bind_int(s, 5, time_now());
	db_bind_int(s, 6, who->user_id);
	int rc = store_run_one(c, s);
	if (rc)
		return rc == K_ENOTFOUND ? K_ECONFLICT : rc; /* erased meanwhile */
	return erase_rest(c, a, who, p->id, p->version + 1, "erased");
}

int store_person_anonymise(struct dbconn *c, struct arena *a, int64_t id)
{
	static const struct actor system = { .addr = "retention" };
	int64_t version;
	struct dbstmt *s = db_prep(c, SQL_PERSON_ANONYMISE);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, time_now());
	db_bind_null(s, 3);
	int rc = store_returning_id(s, &version);
	return rc ? rc : erase_rest(c, a, &system, id, version, "anonymised");
}

#define LIST_COLS                                                                                  \
	"SELECT p.id, p.family_name, p.given_name, p.patronymic, p.birth_date, p.sex, p.region,"   \
	" p.legal_status, p.restricted, p.household_id, p.household_relation"
#define LIST_ORDER " ORDER BY p.family_name, p.given_name, p.id LIMIT ?10 OFFSET ?11"
/* Without a query the organisation's name index gives the first page at once; a query goes
 * to store_person_search (store_match.c). */
#define LIST_WHERE                                                                                 \
	" FROM persons p WHERE" VISIBLE PERSON_FILTERS("?4", "?5", "?6", "?7", "?8", "?9")
static const char SQL_PERSON_LIST[] = LIST_COLS LIST_WHERE LIST_ORDER;
static const char SQL_PERSON_COUNT[] = "SELECT COUNT(*)" LIST_WHERE;

void person_row_at(struct dbstmt *s, struct arena *a, int at, struct person_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = db_col_int(s, at);
	r->family_name = col(s, a, at + 1);
	r->given_name = col(s, a, at + 2);
	r->patronymic = col(s, a, at + 3);
	r->birth_date = col(s, a, at + 4);
	r->sex = col(s, a, at + 5);
	r->region = col(s, a, at + 6);
	r->legal_status = col(s, a, at + 7);
	r->restricted = db_col_int(s, at + 8) != 0;
	r->household_id = db_col_int(s, at + 9);
	r->household_relation = col(s, a, at + 10);
}

void person_row_from(struct dbstmt *s, struct arena *a, struct person_row *r)
{
	person_row_at(s, a, 0, r);
}

static int list_rows(struct dbstmt *s, struct arena *a, int64_t max, struct person_row **rows,
		     size_t *n)
{
	STORE_COLLECT(s, a, struct person_row, *rows, *n, (size_t)max, person_row_from(s, a, row));
}

int store_person_categories(struct dbconn *c, struct arena *a, struct person_row *rows, size_t n)
{
	int rc = 0;
	for (size_t i = 0; !rc && i < n; i++) {
		struct dbstmt *s = db_prep(c, SQL_PERSON_CATS);
		if (!s)
			return K_EDB;
		db_bind_int(s, 1, rows[i].id);
		const char *cats = "";
		while ((rc = db_step(s)) == DB_ROW)
			cats = arena_printf(a, "%s%s%s", cats, *cats ? " " : "", db_col_text(s, 0));
		db_reset(s);
		rows[i].categories = cats;
		rc = rc < 0 ? rc : 0;
	}
	return rc;
}

int store_person_list(struct dbconn *c, struct arena *a, const struct actor *who,
		      const struct person_filter *f, const char *today, struct person_row **rows,
		      size_t *n, int64_t *total)
{
	*rows = NULL;
	*n = 0;
	/* A query of spaces alone is no query. */
	if (f->q && f->q[strspn(f->q, " \t\r\n")])
		return store_person_search(c, a, who, f, today, rows, n, total);
	struct dbstmt *s = db_prep(c, SQL_PERSON_COUNT);
	if (!s)
		return K_EDB;
	bind_visible(s, who);
	bind_person_filters(s, 4, f, today);
	int rc = store_returning_id(s, total);
	if (rc)
		return rc;
	if (!(s = db_prep(c, SQL_PERSON_LIST)))
		return K_EDB;
	bind_visible(s, who);
	bind_person_filters(s, 4, f, today);
	db_bind_int(s, 10, f->limit);
	db_bind_int(s, 11, f->offset);
	rc = list_rows(s, a, f->limit, rows, n);
	return rc ? rc : store_person_categories(c, a, *rows, *n);
}

/* By the household index; the generic list's optional filters would scan the whole
 * organisation. */
static const char SQL_HOUSEHOLD_MEMBERS[] =
    "SELECT p.id, p.family_name, p.given_name, p.patronymic, p.birth_date, p.sex, p.region,"
    " p.legal_status, p.restricted, p.household_id, p.household_relation"
    " FROM persons p WHERE p.household_id = ?4 AND p.linked_to IS NULL AND" VISIBLE
    " ORDER BY CASE p.household_relation WHEN 'head' THEN 0 ELSE 1 END, p.birth_date, p.id"
    " LIMIT 100";

int store_household_members(struct dbconn *c, struct arena *a, const struct actor *who,
			    int64_t household_id, struct person_row **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_HOUSEHOLD_MEMBERS);
	if (!s)
		return K_EDB;
	bind_visible(s, who);
	db_bind_int(s, 4, household_id);
	return list_rows(s, a, 100, rows, n);
}

static const char SQL_CHANGES[] =
    "SELECT ch.version, ch.changed_at, u.login, ch.field, ch.old_value, ch.new_value"
    " FROM person_changes ch LEFT JOIN users u ON u.id = ch.changed_by"
    " WHERE ch.person_id = ?1 ORDER BY ch.version DESC, ch.id LIMIT 2000";

static void change_from(struct dbstmt *s, struct arena *a, struct person_change *r)
{
	r->version = db_col_int(s, 0);
	r->changed_at = db_col_int(s, 1);
	r->login = col(s, a, 2);
	r->field = col(s, a, 3);
	r->old_value = col(s, a, 4);
	r->new_value = col(s, a, 5);
}

static int changes_collect(struct dbconn *c, struct arena *a, int64_t person_id,
			   struct person_change **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_CHANGES);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, person_id);
	STORE_COLLECT(s, a, struct person_change, *rows, *n, 2000, change_from(s, a, row));
}

int store_person_changes(struct dbconn *c, struct arena *a, int64_t person_id,
			 struct person_change **rows, size_t *n)
{
	int rc = changes_collect(c, a, person_id, rows, n);
	for (size_t i = 0; !rc && i < *n; i++) {
		struct person_change *ch = &(*rows)[i];
		if (!person_field_sealed(ch->field))
			continue;
		rc = seal_open(a, SEALED_PERSON_REASON, ch->old_value, &ch->old_value);
		if (!rc)
			rc = seal_open(a, SEALED_PERSON_REASON, ch->new_value, &ch->new_value);
	}
	return rc;
}

static const char SQL_WORKERS[] =
    "SELECT u.id, u.login, u.full_name, u.role FROM person_workers w"
    " JOIN users u ON u.id = w.user_id WHERE w.person_id = ?1 ORDER BY u.login";
static const char SQL_IS_ASSIGNED[] =
    "SELECT 1 FROM person_workers WHERE person_id = ?1 AND user_id = ?2";
static const char SQL_UNASSIGN[] =
    "DELETE FROM person_workers WHERE person_id = ?1 AND user_id = ?2";

static void worker_from(struct dbstmt *s, struct arena *a, struct person_worker *r)
{
	r->user_id = db_col_int(s, 0);
	r->login = col(s, a, 1);
	r->full_name = col(s, a, 2);
	r->role = col(s, a, 3);
}

int store_person_workers(struct dbconn *c, struct arena *a, int64_t person_id,
			 struct person_worker **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_WORKERS);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, person_id);
	STORE_COLLECT(s, a, struct person_worker, *rows, *n, 200, worker_from(s, a, row));
}

int store_person_assign(struct dbconn *c, const struct actor *who, int64_t person_id,
			int64_t user_id)
{
	int rc = assign(c, who, person_id, user_id);
	if (rc)
		return rc;
	/* Nothing inserted and not already there means the user is not ours. */
	if (db_changes(c) == 0) {
		struct dbstmt *s = db_prep(c, SQL_IS_ASSIGNED);
		if (!s)
			return K_EDB;
		db_bind_int(s, 1, person_id);
		db_bind_int(s, 2, user_id);
		rc = store_returning_id(s, NULL);
		if (rc == K_ENOTFOUND)
			rc = K_EINVAL;
	}
	return rc;
}

int store_person_unassign(struct dbconn *c, int64_t person_id, int64_t user_id)
{
	struct dbstmt *s = db_prep(c, SQL_UNASSIGN);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, person_id);
	db_bind_int(s, 2, user_id);
	return store_run_one(c, s);
}

static const char SQL_HOUSEHOLD_ADD[] =
    "INSERT INTO households (org_id, created_at, created_by) VALUES (?1, ?2, ?3) RETURNING id";
static const char SQL_HOUSEHOLD_CHECK[] = "SELECT id FROM households WHERE id = ?1 AND org_id = ?2";

int store_household_create(struct dbconn *c, const struct actor *who, int64_t *id)
{
	struct dbstmt *s = db_prep(c, SQL_HOUSEHOLD_ADD);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, who->org_id);
	db_bind_int(s, 2, time_now());
	db_bind_int(s, 3, who->user_id);
	return store_returning_id(s, id);
}

int store_household_check(struct dbconn *c, const struct actor *who, int64_t id)
{
	struct dbstmt *s = db_prep(c, SQL_HOUSEHOLD_CHECK);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, who->org_id);
	return store_returning_id(s, NULL);
}

static const char SQL_CONSENT_ADD[] =
    "INSERT INTO consents (person_id, purpose, given_on, recorded_by, recorded_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id";
static const char SQL_CONSENT_WITHDRAW[] =
    "UPDATE consents SET withdrawn_on = ?3 WHERE id = ?2 AND person_id = ?1"
    " AND withdrawn_on IS NULL";
static const char SQL_CONSENTS[] =
    "SELECT c.id, c.person_id, c.recorded_at, c.purpose, c.given_on, c.withdrawn_on, u.login"
    " FROM consents c LEFT JOIN users u ON u.id = c.recorded_by WHERE c.person_id = ?1"
    " ORDER BY c.id DESC LIMIT 200";

int store_consent_add(struct dbconn *c, const struct actor *who, int64_t person_id,
		      const char *purpose, const char *given_on, int64_t *id)
{
	struct dbstmt *s = db_prep(c, SQL_CONSENT_ADD);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, person_id);
	db_bind_text(s, 2, purpose);
	db_bind_text(s, 3, given_on);
	db_bind_int(s, 4, who->user_id);
	db_bind_int(s, 5, time_now());
	return store_returning_id(s, id);
}

int store_consent_withdraw(struct dbconn *c, int64_t person_id, int64_t consent_id, const char *on)
{
	struct dbstmt *s = db_prep(c, SQL_CONSENT_WITHDRAW);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, person_id);
	db_bind_int(s, 2, consent_id);
	db_bind_text(s, 3, on);
	return store_run_one(c, s);
}

static void consent_from(struct dbstmt *s, struct arena *a, struct consent *r)
{
	r->id = db_col_int(s, 0);
	r->person_id = db_col_int(s, 1);
	r->recorded_at = db_col_int(s, 2);
	r->purpose = col(s, a, 3);
	r->given_on = col(s, a, 4);
	r->withdrawn_on = col(s, a, 5);
	r->recorded_by = col(s, a, 6);
}

int store_consents(struct dbconn *c, struct arena *a, int64_t person_id, struct consent **rows,
		   size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_CONSENTS);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, person_id);
	STORE_COLLECT(s, a, struct consent, *rows, *n, 200, consent_from(s, a, row));
}
