/* store.h: everything Komek keeps, behind one narrow interface.
 *
 * Handlers call these functions and never see SQL. Each function runs its queries on the
 * connection it is given; a handler that writes calls store_begin, then any number of store
 * functions, then store_commit, so that a request is one transaction. Functions that take
 * an actor apply the access rule of domain/access.h inside their queries: a person the actor
 * may not see is K_ENOTFOUND, exactly like a person that does not exist.
 * Strings in results are owned by the arena passed in. */
#ifndef KOMEK_STORE_STORE_H
#define KOMEK_STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "domain/access.h"
#include "domain/casework.h"
#include "domain/centre.h"
#include "domain/civic.h"
#include "domain/campaign.h"
#include "domain/event.h"
#include "domain/group.h"
#include "domain/programme.h"
#include "domain/recommend.h"
#include "domain/referral.h"
#include "domain/screening.h"
#include "domain/service.h"
#include "domain/person.h"
#include "store/db.h"

/* Migrations: applies every embedded migration newer than the database, each in its own
 * transaction; *applied counts them. The schema version is the newest applied. */
int store_migrate(struct db *db, int *applied);
int store_schema_version(struct dbconn *c, int *version);

int store_begin(struct dbconn *c);
int store_commit(struct dbconn *c);
void store_rollback(struct dbconn *c);
/* Ends a transaction: commits when rc is 0 (and returns the commit's result), else rolls
 * back and returns rc. */
int store_finish(struct dbconn *c, int rc);

/* Organisations and users. */
struct store_user {
	int64_t id, org_id;
	const char *login, *pw_hash, *role, *full_name, *lang, *org_name;
	bool active;
	int64_t created_at;
};
int store_org_add(struct dbconn *c, const char *name, int64_t *id);
int store_org_find(struct dbconn *c, const char *name, int64_t *id);
/* Every organisation's id, in order. */
int store_org_ids(struct dbconn *c, struct arena *a, int64_t **ids, size_t *n);
int store_user_add(struct dbconn *c, int64_t org_id, const char *login, const char *pw_hash,
		   const char *role, const char *full_name, const char *lang, int64_t *id);
int store_user_by_login(struct dbconn *c, struct arena *a, const char *login,
			struct store_user *out);
int store_user_get(struct dbconn *c, struct arena *a, int64_t org_id, int64_t id,
		   struct store_user *out);
int store_user_set_password(struct dbconn *c, int64_t id, const char *pw_hash);
int store_user_set_lang(struct dbconn *c, int64_t id, const char *lang);
int store_user_update(struct dbconn *c, int64_t org_id, int64_t id, const char *role,
		      const char *full_name, bool active);
int store_users_list(struct dbconn *c, struct arena *a, int64_t org_id, struct store_user **out,
		     size_t *n);
int store_count_users(struct dbconn *c, int64_t *n);

/* Sessions: found by the hash of their token. A lookup fills the actor (except addr) when
 * the session exists, is neither expired nor revoked, and its user is active. */
int store_session_create(struct dbconn *c, const char *token_hash, int64_t user_id,
			 const char *kind, const char *csrf, int64_t expires_at);
int store_session_lookup(struct dbconn *c, struct arena *a, const char *token_hash,
			 const char *kind, int64_t now, struct actor *out);
int store_session_revoke(struct dbconn *c, const char *token_hash, int64_t now);
int store_sessions_revoke_user(struct dbconn *c, int64_t user_id, int64_t now);

/* Login throttling: failures per key within a window. */
int store_throttle_count(struct dbconn *c, const char *key, int64_t now, int64_t window,
			 int64_t *count);
int store_throttle_fail(struct dbconn *c, const char *key, int64_t now, int64_t window);
int store_throttle_clear(struct dbconn *c, const char *key);

/* Values sealed at rest (crypt/seal.h). store_sealed_check opens the first sealed value of
 * each sealed column with the loaded keys: K_EAUTH if one does not open; *any says whether
 * the database holds any. store_rekey re-seals every value not under the current key, in
 * transactions of `batch` rows, so that it can run beside a live server. */
int store_sealed_check(struct dbconn *c, struct arena *a, bool *any);
int store_rekey(struct dbconn *c, int64_t batch, int64_t *resealed, int64_t *seen);

/* Audit. The actor may be NULL for events without a user (a failed login). */
int store_audit(struct dbconn *c, const struct actor *who, const char *action, const char *entity,
		int64_t entity_id, const char *detail);
/* The same row in the view log (db.h): for reads, written by the audit writer alone. */
int store_audit_view(struct dbconn *c, const struct actor *who, const char *action,
		     const char *entity, int64_t entity_id, const char *detail);
/* A disclosure of a person's data to another organisation ("person.disclose"), under the
 * consent it was made with. */
int store_audit_disclosure(struct dbconn *c, const struct actor *who, int64_t person_id,
			   const char *detail, int64_t consent_id);
struct store_audit_row {
	int64_t id, at, user_id, entity_id, consent_id;
	const char *login, *action, *entity, *detail, *addr;
};
struct store_audit_filter {
	const char *action, *login, *entity, *from, *to; /* dates YYYY-MM-DD, inclusive */
	int64_t entity_id;
	int64_t limit, offset;
};
/* The audit of the actor's organisation (and events without one), newest first. */
int store_audit_list(struct dbconn *c, struct arena *a, const struct actor *who,
		     const struct store_audit_filter *f, struct store_audit_row **rows, size_t *n,
		     int64_t *total);
/* Who saw or received a person's data: views and exports, newest first. The caller has
 * checked that the actor sees the person. */
int store_person_disclosures(struct dbconn *c, struct arena *a, int64_t person_id,
			     struct store_audit_row **rows, size_t *n);

/* People. */
struct person_filter {
	const char *q; /* name (any script) or document number */
	const char *category, *region, *sex;
	int64_t age_min, age_max; /* -1 when not given */
	int64_t household_id;     /* 0 when not given */
	int64_t limit, offset;
};
struct person_row {
	int64_t id, household_id;
	const char *family_name, *given_name, *patronymic, *birth_date, *sex, *region;
	const char *legal_status;
	bool restricted;
	const char *categories; /* codes joined by spaces */
	const char *household_relation;
	int score;        /* a search's 0..100 (domain/match.h), else 0 */
	unsigned reasons; /* enum match_reason, with a score */
};
int store_person_insert(struct dbconn *c, struct arena *a, const struct actor *who,
			struct person *p);
int store_person_get(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
		     struct person *out);
/* Which of the person's rarer boxes have anything in them, whoever may see it, so that a
 * page asks one question instead of one per box: PERSON_HAS_* bits. */
enum {
	PERSON_HAS_LINKS = 1,
	PERSON_HAS_PAIRS = 2,
	PERSON_HAS_STAYS = 4,
	PERSON_HAS_GROUPS = 8,
	PERSON_HAS_EVENTS = 16,
	PERSON_HAS_PROGRAMMES = 32,
	PERSON_HAS_SCREENINGS = 64,
	PERSON_HAS_WORK = 128, /* employments or skills */
	PERSON_HAS_INTEGRATION = 256
};
int store_person_has(struct dbconn *c, int64_t id, unsigned *has);
/* Writes p over the stored person if its version is still p->version (else K_ECONFLICT)
 * and records the changed fields in the history; p->version is then the new one. */
int store_person_update(struct dbconn *c, struct arena *a, const struct actor *who,
			const struct person *old, struct person *p);
/* With a query (f->q), the people it finds ranked by score (store_person_search); else
 * by name. *total is how many there are in all. */
int store_person_list(struct dbconn *c, struct arena *a, const struct actor *who,
		      const struct person_filter *f, const char *today, struct person_row **rows,
		      size_t *n, int64_t *total);
/* The people a query finds (names in any script, a birth date, a document number), best
 * first: at most a few hundred candidates are read, so *total is how many of those match. */
int store_person_search(struct dbconn *c, struct arena *a, const struct actor *who,
			const struct person_filter *f, const char *today, struct person_row **rows,
			size_t *n, int64_t *total);
/* ---- exports (store_export.c) ---- */

/* A person as an export writes them; categories space-separated, documents "type number"
 * joined by "; " (none when de-identified). */
struct person_export {
	int64_t id, created_at;
	bool restricted;
	const char *family_name, *given_name, *patronymic, *name_original, *sex, *birth_date;
	const char *citizenship, *country_of_origin, *legal_status, *region, *locality;
	const char *arrival_date, *categories, *documents;
};
/* The people a list's filters select (f->q is not read), in id order, with the access rule;
 * de-identified leaves out the restricted ones and every document. K_ETOOBIG when there are
 * more than max. */
int store_person_export(struct dbconn *c, struct arena *a, const struct actor *who,
			const struct person_filter *f, const char *today, bool deidentified,
			int64_t max, struct person_export **rows, size_t *n);

/* ---- duplicates (store_duplicates.c) ---- */

#define STORE_LIKELY_MAX 10
/* The people the actor sees who are likely the person p about to be registered or saved
 * (domain/match.h's match_likely): by the keys of p's family and given names, its birth date
 * and its documents; best first, p->id (when set) left out; with max_id, only the people
 * registered up to that id (an import's, as the registry was before it). */
int store_person_likely(struct dbconn *c, struct arena *a, const struct actor *who,
			const struct person *p, const char *today, int64_t max_id,
			struct person_row **rows, size_t *n);
/* The largest id of a person yet (0 if none). */
int store_person_max_id(struct dbconn *c, int64_t *id);

/* A pair in the review queue: found likely by the scan, or at registration, or decided. */
struct dup_pair {
	int64_t id, found_at, decided_at;
	int score;
	unsigned reasons;
	const char *found_by, *status, *decided_by; /* status: open, linked, distinct */
	struct person_row first, second;
};
/* Adds the pair (x, y) to the queue with a status ("open", or a decision: "distinct" or
 * "linked", by the actor); a pair already there keeps its row, and takes a decision. */
int store_dup_record(struct dbconn *c, const struct actor *who, int64_t x, int64_t y, int score,
		     unsigned reasons, const char *found_by, const char *status);
/* The pairs of a status whose two people the actor both sees, best first. */
int store_dup_list(struct dbconn *c, struct arena *a, const struct actor *who, const char *status,
		   int64_t limit, int64_t offset, struct dup_pair **rows, size_t *n,
		   int64_t *total);
/* K_ENOTFOUND unless the actor sees both people. */
int store_dup_get(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
		  struct dup_pair *out);
/* A pair and its two records whole (store_person_get), for a comparison. */
int store_dup_read(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
		   struct dup_pair *d, struct person *x, struct person *y);
/* The open pairs a person is in (at most 20). */
int store_dup_of_person(struct dbconn *c, struct arena *a, const struct actor *who,
			int64_t person_id, struct dup_pair **rows, size_t *n);
/* Decides an open pair "distinct" (not the same person), audited ("api" or NULL: how);
 * K_ECONFLICT if decided already. */
int store_dup_dismiss(struct dbconn *c, const struct actor *who, int64_t id, const char *via);

struct dup_scan_result {
	int64_t compared, found, skipped_groups;
};
/* Finds the likely pairs among an organisation's people into the queue as open pairs: people
 * grouped by blocking keys (the same-sounding family and given names and birth year; family
 * name and birth date; given name and birth date; document number), every pair of a group
 * compared. Reads with its own statements and writes the pairs in short transactions, then
 * audits the scan (via: "api", "cli" or NULL): call it outside a transaction. */
int store_dup_scan(struct dbconn *c, const struct actor *who, int64_t org_id, const char *via,
		   struct dup_scan_result *out);

/* A link between two records judged to be one person. */
struct person_link {
	int64_t id, survivor_id, merged_id, linked_at;
	const char *linked_by;
	struct person_row other; /* the other record of the link */
};
/* Links merged to survivor (both as read by the actor, both of its organisation), in one
 * transaction with its audit row (via: "api" or NULL): see store_duplicates.c. K_ECONFLICT
 * when either was linked or erased meanwhile, or others are linked to merged; K_EINVAL for
 * one record twice. */
int store_person_link(struct dbconn *c, struct arena *a, const struct actor *who,
		      const struct person *survivor, const struct person *merged, const char *via,
		      int64_t *link_id);
/* Undoes a link of the actor's organisation whose survivor is survivor_id, audited:
 * K_ENOTFOUND when there is no such open link. */
int store_person_unlink(struct dbconn *c, struct arena *a, const struct actor *who,
			int64_t survivor_id, int64_t link_id, const char *via);
/* The open links a person is in, either side, with the other record when the actor sees it. */
int store_person_links(struct dbconn *c, struct arena *a, const struct actor *who,
		       int64_t person_id, struct person_link **rows, size_t *n);

/* Makes every person's name keys again when they were made by another version of
 * domain/match.c (or always, with force); at start, after the migrations. */
int store_match_reindex(struct dbconn *c, bool force);

/* Erases a person the actor sees (p as read): K_ECONFLICT if already erased. Call
 * db_checkpoint after the commit, so that no copy of the old pages stays in the WAL. */
int store_person_erase(struct dbconn *c, struct arena *a, const struct actor *who,
		       const struct person *p);

struct person_change {
	int64_t version, changed_at;
	const char *login, *field, *old_value, *new_value;
};
int store_person_changes(struct dbconn *c, struct arena *a, int64_t person_id,
			 struct person_change **rows, size_t *n);

struct person_worker {
	int64_t user_id;
	const char *login, *full_name, *role;
};
int store_person_workers(struct dbconn *c, struct arena *a, int64_t person_id,
			 struct person_worker **rows, size_t *n);
/* user_id must be an active user of the actor's organisation, else K_EINVAL. */
int store_person_assign(struct dbconn *c, const struct actor *who, int64_t person_id,
			int64_t user_id);
int store_person_unassign(struct dbconn *c, int64_t person_id, int64_t user_id);

/* The members of a household that the actor may see, by relation then name. */
int store_household_members(struct dbconn *c, struct arena *a, const struct actor *who,
			    int64_t household_id, struct person_row **rows, size_t *n);

/* Households: a household belongs to the organisation that made it. */
int store_household_create(struct dbconn *c, const struct actor *who, int64_t *id);
/* K_ENOTFOUND unless the household is of the actor's organisation. */
int store_household_check(struct dbconn *c, const struct actor *who, int64_t id);

/* Consents. */
struct consent {
	int64_t id, person_id, recorded_at;
	const char *purpose, *given_on, *withdrawn_on, *recorded_by;
};
int store_consent_add(struct dbconn *c, const struct actor *who, int64_t person_id,
		      const char *purpose, const char *given_on, int64_t *id);
int store_consent_withdraw(struct dbconn *c, int64_t person_id, int64_t consent_id, const char *on);
int store_consents(struct dbconn *c, struct arena *a, int64_t person_id, struct consent **rows,
		   size_t *n);

/* The people of the actor's open cases (assigned worker or co-worker; the newest `limit`
 * cases), each with the case, and what their deadlines (domain/deadlines.h) need: legal
 * status and its dates, arrival, and the documents that expire. Two queries. */
struct caseload_person {
	int64_t case_id;
	bool restricted;
	struct person person; /* id, the status dates, arrival, documents with an expiry */
};
int store_caseload_people(struct dbconn *c, struct arena *a, const struct actor *who, int64_t limit,
			  struct caseload_person **rows, size_t *n);

/* Cases (domain/casework.h), read through their person's access rule: a case of a person
 * the actor may not see, or of an erased person, is K_ENOTFOUND. */
#define CASE_NOTES_MAX 500
struct case_filter {
	int64_t person_id;         /* 0: any */
	bool mine;                 /* the actor is the assigned worker or a co-worker */
	const char *status;        /* NULL: any */
	bool open_only;            /* not closed */
	bool closure_pending;      /* a closure asked for and not yet made */
	const char *review_due_by; /* open, with the next review on or before this date */
	bool plan_pending;         /* open, with goals, and the plan not approved since */
	int64_t limit, offset;
};
int store_case_get(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
		   struct case_rec *out);
int store_case_list(struct dbconn *c, struct arena *a, const struct actor *who,
		    const struct case_filter *f, struct case_rec **rows, size_t *n);
/* Opens a case for k->person_id (which the actor must see, neither erased nor linked to
 * another record as the same person: else K_ENOTFOUND) with the
 * worker k->worker_id (an active user of the organisation, not an analyst: else K_EINVAL),
 * who is assigned to the person too. Sets k's id, status and version. */
int store_case_insert(struct dbconn *c, const struct actor *who, struct case_rec *k);
/* Writes k over old (read in the same transaction) if old's version is still k->version:
 * else K_ECONFLICT. A new worker is checked and assigned as above. */
int store_case_update(struct dbconn *c, const struct actor *who, const struct case_rec *old,
		      struct case_rec *k);
int store_case_members(struct dbconn *c, struct arena *a, int64_t case_id,
		       struct case_member **rows, size_t *n);
/* Adds a co-worker (checked and assigned to the person as above; the case's own worker is
 * K_EINVAL). */
int store_case_member_add(struct dbconn *c, const struct actor *who, const struct case_rec *k,
			  int64_t user_id);
/* K_ENOTFOUND if the user is not a co-worker. The person's assignment stays. */
int store_case_member_remove(struct dbconn *c, int64_t case_id, int64_t user_id);
/* The notes the actor may read (a confidential one: its author and supervisors), newest
 * first, at most CASE_NOTES_MAX; texts opened (crypt/seal.h). */
int store_case_notes(struct dbconn *c, struct arena *a, const struct actor *who, int64_t case_id,
		     struct case_note **rows, size_t *n);
/* Adds n (case_id, noted_on, confidential, text) by the actor, sealed; sets id. */
int store_case_note_add(struct dbconn *c, struct arena *a, const struct actor *who,
			struct case_note *n);
/* The transactions the handlers run, each with its audit row: open a case (errors of
 * store_case_insert); change one by casework's rules (case_settle: K_EFORBIDDEN, then
 * store_case_update's); write a note; add a co-worker or remove one. */
int store_case_open(struct dbconn *c, const struct actor *who, struct case_rec *k);
int store_case_change(struct dbconn *c, const struct actor *who, const struct case_rec *old,
		      struct case_rec *k, bool withdraw, bool *requested);
int store_case_note_write(struct dbconn *c, struct arena *a, const struct actor *who,
			  struct case_note *n);
int store_case_team(struct dbconn *c, const struct actor *who, const struct case_rec *k,
		    int64_t user_id, bool add);

/* Needs assessments of a case (domain/casework.h), newest first, at most ASSESSMENTS_MAX,
 * each with every need in the list's order; texts opened. The caller has read the case. */
#define ASSESSMENTS_MAX 100
int store_assessments(struct dbconn *c, struct arena *a, int64_t case_id, struct assessment **rows,
		      size_t *n);
/* Adds a validated assessment by the actor (sealed texts); sets its id. _write is the
 * transaction with its audit row. */
int store_assessment_add(struct dbconn *c, struct arena *a, const struct actor *who,
			 struct assessment *x);
int store_assessment_write(struct dbconn *c, struct arena *a, const struct actor *who,
			   struct assessment *x);

/* The individual plan of a case (domain/casework.h), read by the caller with its access
 * rule: goals by id; tasks by due date; reviews newest first (notes opened). At most
 * PLAN_ITEMS_MAX each. */
#define PLAN_ITEMS_MAX 500
int store_plan_goals(struct dbconn *c, struct arena *a, int64_t case_id, struct plan_goal **rows,
		     size_t *n);
int store_plan_tasks(struct dbconn *c, struct arena *a, int64_t case_id, struct plan_task **rows,
		     size_t *n);
int store_reviews(struct dbconn *c, struct arena *a, int64_t case_id, struct case_review **rows,
		  size_t *n);
/* The actor's open tasks due on or before `by`, in open cases they see, with the person's
 * name: the caseload's overdue and coming tasks. */
int store_tasks_due(struct dbconn *c, struct arena *a, const struct actor *who, const char *by,
		    struct plan_task **rows, size_t *n);
/* Changes of the plan, each a transaction with its audit row. A goal or task not of the case
 * is K_ENOTFOUND; a responsible neither on the case's team nor a supervisor, K_EINVAL; a goal set
 * to the status it has changes nothing. Adding a goal or task, or changing a goal's status, marks
 * an approved plan as changed. _goal_add is the insert alone, for a transaction the caller runs. */
int store_goal_add(struct dbconn *c, const struct actor *who, struct plan_goal *g);
int store_goal_write(struct dbconn *c, const struct actor *who, struct plan_goal *g);
int store_goal_set_status(struct dbconn *c, const struct actor *who, int64_t case_id,
			  int64_t goal_id, const char *status);
int store_task_write(struct dbconn *c, const struct actor *who, struct plan_task *t);
int store_task_set_status(struct dbconn *c, const struct actor *who, int64_t case_id,
			  int64_t task_id, const char *status, const char *today);
int store_plan_approve(struct dbconn *c, const struct actor *who, int64_t case_id);
/* Adds a review (note sealed) and sets the next one review_every_days later. */
int store_review_write(struct dbconn *c, struct arena *a, const struct actor *who,
		       const struct case_rec *k, struct case_review *rv);

/* The catalogue of service types (domain/service.h), by kind; _save adds one (id 0) or sets
 * an existing one's `active`, with its audit row. */
#define SERVICE_TYPES_MAX 500
int store_service_types(struct dbconn *c, struct arena *a, bool active_only,
			struct service_type **rows, size_t *n);
int store_service_type_get(struct dbconn *c, struct arena *a, int64_t id, struct service_type *out);
int store_service_type_save(struct dbconn *c, const struct actor *who, struct service_type *t);
/* Services delivered in case k (read by the caller with its access rule), newest first, at
 * most SERVICES_MAX, each with the sum of its repayments and its result opened (sealed at
 * rest); one by id (K_ENOTFOUND if not of
 * the case). _write records a validated service given by the actor to the case's person (a
 * goal named must be the case's: else K_EINVAL), with its audit row. */
#define SERVICES_MAX 1000
int store_services(struct dbconn *c, struct arena *a, int64_t case_id, struct service_rec **rows,
		   size_t *n);
int store_service_get(struct dbconn *c, struct arena *a, int64_t case_id, int64_t id,
		      struct service_rec *out);
/* Services across the cases the actor sees (their person's access rule), newest first, cut
 * by the codes of domain.md §2, a delivery date range, a person, or those the actor gave. */
struct service_filter {
	const char *service_kind, *form, *function, *means;
	const char *from, *to; /* YYYY-MM-DD, inclusive; NULL: open */
	int64_t person_id;     /* 0: any */
	bool mine;
	int64_t limit, offset;
};
int store_services_find(struct dbconn *c, struct arena *a, const struct actor *who,
			const struct service_filter *f, struct service_rec **rows, size_t *n);
int store_service_write(struct dbconn *c, struct arena *a, const struct actor *who,
			const struct case_rec *k, struct service_rec *r);
/* Repayments of a loan, by date; _write checks r against the loan's balance inside the
 * transaction (K_EINVAL with errs; K_ENOTFOUND when r->service_id is not a loan of the
 * case) and records it with its audit row. */
int store_repayments(struct dbconn *c, struct arena *a, int64_t service_id, struct repayment **rows,
		     size_t *n);
int store_repayment_write(struct dbconn *c, struct arena *a, const struct actor *who,
			  const struct case_rec *k, struct repayment *r, const char *today,
			  struct field_errors *errs);

/* Recommendation rules (domain/recommend.h), by id; with active_only, the active ones. */
#define RULES_MAX 500
int store_rules(struct dbconn *c, struct arena *a, bool active_only, struct rec_rule **rows,
		size_t *n);
int store_rule_get(struct dbconn *c, struct arena *a, int64_t id, struct rec_rule *out);
/* Adds r (id 0) or writes it over the rule of r->id if that is still at r->version (else
 * K_ECONFLICT), with its audit row; sets id and version. */
int store_rule_save(struct dbconn *c, const struct actor *who, struct rec_rule *r);
/* What the rules look at in case k (read by the caller with its access rule). */
int store_case_facts(struct dbconn *c, struct arena *a, const struct case_rec *k,
		     struct rec_facts *f);
/* The decisions on a case's proposals, by rule (notes opened); _decide records one (note
 * sealed; replacing the earlier one on the same rule) with its audit row, in its own
 * transaction, and carries it into the plan: an accepted or changed proposal becomes a goal
 * titled goal_title (once per rule), a rejected one drops its open goal. */
int store_case_decisions(struct dbconn *c, struct arena *a, int64_t case_id,
			 struct rec_decision **rows, size_t *n);
int store_case_decide(struct dbconn *c, struct arena *a, const struct actor *who, int64_t case_id,
		      struct rec_decision *d, const char *goal_title);
/* A case's proposals: those the active rules make now (current, with their reasons), then
 * the rules decided on earlier that no longer fire; each with its decision or NULL. */
struct case_proposal {
	struct rec_proposal p; /* p.rule points into the arena */
	const struct rec_decision *decision;
	bool current;
};
int store_case_proposals(struct dbconn *c, struct arena *a, const struct case_rec *k,
			 struct case_proposal **out, size_t *n);

/* The directory of partner organisations (domain/referral.h), by name; each with what it
 * offers and where. Filters: q (part of the name, any case), kind, a service kind, a region
 * (an entry with no region works everywhere), only the active ones. */
#define PARTNERS_MAX 500
struct partner_filter {
	const char *q, *kind, *service_kind, *region;
	bool active_only;
	int64_t limit, offset;
};
int store_partners(struct dbconn *c, struct arena *a, const struct partner_filter *f,
		   struct partner **rows, size_t *n);
int store_partner_get(struct dbconn *c, struct arena *a, int64_t id, struct partner *out);
/* Adds p (id 0) or writes it over the entry of p->id if that is still at p->version (else
 * K_ECONFLICT), with its audit row; sets id and version. The link to an organisation is not
 * written (store_partner_link). */
int store_partner_save(struct dbconn *c, const struct actor *who, struct partner *p);
/* The same inside a transaction the caller runs. */
int store_partner_put(struct dbconn *c, const struct actor *who, struct partner *p);
/* Makes entry partner_id (0: none) the organisation org_id's own, and no other entry, with
 * its audit row, inside a transaction the caller runs: the operator's command (komek org
 * link). K_ENOTFOUND if there is no such entry, K_ECONFLICT if it is another organisation's. */
int store_partner_link(struct dbconn *c, int64_t org_id, int64_t partner_id);

/* Referrals (domain/referral.h), read on the side the actor is on (referral_side): on the
 * sending side through the person's access rule, on the receiving side by organisation
 * (a restricted person's: its supervisors and the worker who took it). A referral of an
 * erased person is gone from both. Messages and outcomes are opened. */
#define REFERRALS_MAX 500
struct referral_filter {
	int64_t case_id;    /* the referrals of a case (its reader checked it), or 0 */
	bool inbox;         /* to the actor's organisation, else from it */
	const char *status; /* a referral_statuses code ("sent": not expired), or NULL */
	const char *today;  /* for "sent" and "expired" */
	bool mine;          /* inbox: taken by the actor */
	int64_t limit, offset;
};
int store_referrals(struct dbconn *c, struct arena *a, const struct actor *who,
		    const struct referral_filter *f, struct referral **rows, size_t *n);
int store_referral_get(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
		       struct referral *out);
/* Sends r (validated, with partner_id, service_kind, message, expires_on, share_contact)
 * from case k (read by the caller for work) in one transaction: the partner must be active
 * and not the actor's own organisation, and the person must have a consent to share data
 * for a referral in force (else K_EINVAL with errs on "partner_id" or "consent"); what it
 * shares is copied from the person, and the sending is recorded both as a change of the case
 * and as a disclosure of the person under that consent. Sets id, consent_id and to_org_id. */
int store_referral_send(struct dbconn *c, struct arena *a, const struct actor *who,
			const struct case_rec *k, struct referral *r, struct field_errors *errs);
/* The same inside a transaction the caller runs. */
int store_referral_add(struct dbconn *c, struct arena *a, const struct actor *who,
		       const struct case_rec *k, struct referral *r, struct field_errors *errs);
/* Whether the actor records step `to` (NULL: the next one) of f, read on their side:
 * referral_may_answer with the sending case read when they are on the sending side. */
int store_referral_may_answer(struct dbconn *c, struct arena *a, const struct actor *who,
			      const struct referral *f, const char *to, bool *may);
/* Answers referral id (seen by the actor) at `version` (else K_ECONFLICT) by
 * referral_answer's rules (K_EFORBIDDEN, K_EINVAL with errs), with its audit row; out is the
 * referral as written. */
int store_referral_answer(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
			  int64_t version, const char *to, const char *on, const char *text,
			  const char *today, struct referral *out, struct field_errors *errs);

/* Retention (store_retention.c): the months an organisation keeps what was written in a
 * closed case (0: until erased on request); _set writes the actor's organisation's rule
 * (12..1200 months or 0), with its audit row. _due counts the cases of org_id closed on or
 * before cutoff and not yet anonymised. _run applies every organisation's rule (org_id 0)
 * or one's: the cases due are anonymised, and the people whose cases all are, with an audit
 * row each; with dry_run it only counts the cases. One result per organisation with a
 * rule. */
struct retention_result {
	int64_t org_id, months, cases, persons;
	const char *org_name;
	char cutoff[11];
};
int store_retention_get(struct dbconn *c, int64_t org_id, int64_t *months);
int store_retention_set(struct dbconn *c, const struct actor *who, int64_t months);
int store_retention_due(struct dbconn *c, int64_t org_id, const char *cutoff, int64_t *cases);
int store_retention_run(struct dbconn *c, struct arena *a, int64_t org_id, const char *today,
			bool dry_run, struct retention_result **out, size_t *n);
/* Anonymises a person as an erasure does, for the system (a retention rule): K_ENOTFOUND if
 * erased already. Inside a transaction the caller runs. */
int store_person_anonymise(struct dbconn *c, struct arena *a, int64_t id);

/* Imports of people from a file (issue 6; import/import.h runs them). An import is seen by
 * its maker and by the supervisors and administrators of its organisation; anyone else gets
 * K_ENOTFOUND. Status: uploaded → checking → checked → running → done, or failed (the file
 * is kept to map and check again) or discarded (the file is dropped). */
struct import_rec {
	int64_t id, org_id, created_by, created_at, bytes, version;
	const char *filename, *format, *encoding, *status, *duplicates, *error;
	const char *header, *mapping; /* tab-separated */
	const char *creator;          /* the maker's full name */
	int64_t rows_total, rows_invalid, rows_duplicate, persons_created;
	int64_t checked_at, finished_at;
};
struct import_issue {
	int64_t row, person_id;
	int col; /* -1: no column */
	int score;
	int64_t other_row; /* a likely duplicate in the file itself: its earlier row */
	const char *field, *msg;
	struct person_row person; /* the likely duplicate, if the reader sees them (id != 0) */
};
#define IMPORT_LIST_MAX 50

/* data NULL keeps no file (the command line reads its own). */
int store_import_create(struct dbconn *c, const struct actor *who, const char *filename,
			const char *format, const char *encoding, const void *data, size_t len,
			const char *header, int64_t *id);
int store_import_get(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
		     struct import_rec *out);
/* The file, decoded into the arena: K_ENOTFOUND once it has been dropped. */
int store_import_data(struct dbconn *c, struct arena *a, int64_t id, void **data, size_t *len);
/* The newest IMPORT_LIST_MAX imports the actor sees. */
int store_import_list(struct dbconn *c, struct arena *a, const struct actor *who,
		      struct import_rec **rows, size_t *n);
/* Moves an import the actor sees from one of the statuses in `from` (a space-separated
 * list) at version `version` to status `to`, with the mapping or the duplicates choice when
 * given (NULL keeps them), and the process that will run it (runner, "host:pid", or NULL):
 * K_ECONFLICT when it is no longer in such a status or at that version. Audited as
 * "import.<to>". Discarding drops the file and the issues. */
int store_import_move(struct dbconn *c, const struct actor *who, int64_t id, int64_t version,
		      const char *from, const char *to, const char *mapping, const char *duplicates,
		      const char *runner);
/* What a check or an import found, replacing what an earlier run found; in the caller's
 * transaction. status: "checked", "done" (the file is dropped) or "failed" with error. */
int store_import_result(struct dbconn *c, int64_t id, const char *status, const char *error,
			int64_t total, int64_t invalid, int64_t duplicate, int64_t created);
int store_import_issues_clear(struct dbconn *c, int64_t id);
int store_import_issue_add(struct dbconn *c, int64_t id, const struct import_issue *is);
/* The issues from row `from` on, at most max, in row order. */
int store_import_issues(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
			int64_t from, size_t max, struct import_issue **rows, size_t *n);
/* Discards the files of the imports uploaded before `before` (a Unix time) that were never
 * imported (uploaded, checked or failed): their people's data does not wait forever for a
 * decision. *n counts them; with dry, nothing is changed. Audited as "import.expired". */
int store_import_expire(struct dbconn *c, int64_t before, bool dry, int64_t *n);
/* At start: an import that was checking or running in a process that is gone (gone(runner)
 * says) failed, for the reason why (a message id); its transaction was never committed. */
int store_import_interrupted(struct dbconn *c, struct arena *a, bool (*gone)(const char *runner),
			     const char *why);

/* ---- centres (store_centre.c; domain/centre.h) ---- */

/* The centres of the actor's organisation, with their beds, stays and waiting counts. */
int store_centres(struct dbconn *c, struct arena *a, const struct actor *who, struct centre **rows,
		  size_t *n);
/* A centre of the actor's organisation, else K_ENOTFOUND. */
int store_centre_get(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
		     struct centre *out);
/* Adds a centre (id 0) or writes it at its version (else K_ECONFLICT), with its audit row;
 * in a transaction of its own. */
int store_centre_save(struct dbconn *c, const struct actor *who, struct centre *ce);
/* Adds a room with r->beds beds labelled 1, 2, …; K_EINVAL on "name" if the centre has a
 * room of that name. */
int store_room_add(struct dbconn *c, struct arena *a, const struct actor *who, int64_t centre_id,
		   struct room *r, struct field_errors *errs);
/* The id of bed `label` of room `room` of a centre (the caller's to check), else
 * K_ENOTFOUND. */
int store_bed_find(struct dbconn *c, int64_t centre_id, const char *room, const char *label,
		   int64_t *id);
/* The beds of a centre (read by the caller) with their open stays, by room. */
int store_beds(struct dbconn *c, struct arena *a, const struct actor *who, int64_t centre_id,
	       struct bed **rows, size_t *n);
/* The stays of a person the actor sees, newest first; the open stays of a centre by name,
 * each with whether the person was seen on `today`. */
int store_placements_of_person(struct dbconn *c, struct arena *a, const struct actor *who,
			       int64_t person_id, const char *today, struct placement **rows,
			       size_t *n);
int store_placements_open(struct dbconn *c, struct arena *a, const struct actor *who,
			  int64_t centre_id, const char *today, struct placement **rows, size_t *n);
/* Places p->person_id (seen by the actor) on p->bed_id of p->centre_id (validated by
 * placement_validate): K_EINVAL with errs when the bed is out of use, taken, or was occupied
 * after the check-in, or the person is on a bed already or left one after the check-in;
 * K_ECONFLICT when a racing request took the bed first (the database's unique index
 * decides). Closes the person's place on the centre's
 * waiting list. Audited. */
int store_placement_add(struct dbconn *c, struct arena *a, const struct actor *who,
			struct placement *p, struct field_errors *errs);
/* Checks out the open stays ids[0..n) of the centre on `date`, all or none: K_ENOTFOUND for a
 * stay the actor may not see or of another centre, K_ECONFLICT for one already closed,
 * K_EINVAL with errs on "date" (checkout_validate, or a person seen after it). Audited per stay. */
int store_checkout(struct dbconn *c, struct arena *a, const struct actor *who, int64_t centre_id,
		   const int64_t *ids, size_t n, const char *date, const char *today,
		   struct field_errors *errs);
/* Marks the open stays ids[0..n) of the centre as seen on `day` (again is no change). */
int store_presence_mark(struct dbconn *c, struct arena *a, const struct actor *who,
			int64_t centre_id, const int64_t *ids, size_t n, const char *day);
/* The people waiting for a bed at a centre (those the actor sees), longest first. */
int store_waiting(struct dbconn *c, struct arena *a, const struct actor *who, int64_t centre_id,
		  struct waiting **rows, size_t *n);
/* Puts w->person_id on w->centre_id's list since w->since: K_EINVAL on "person_id" if they
 * are on it already or the actor may not see them. */
int store_waiting_add(struct dbconn *c, struct arena *a, const struct actor *who, struct waiting *w,
		      struct field_errors *errs);
/* Takes waiting entry id off the centre's list (withdrawn) on today. */
int store_waiting_withdraw(struct dbconn *c, struct arena *a, const struct actor *who,
			   int64_t centre_id, int64_t id, const char *today);

/* ---- groups (store_group.c) ---- */

/* The groups of the actor's organisation, open ones first, by name. */
int store_groups(struct dbconn *c, struct arena *a, const struct actor *who, struct group **rows,
		 size_t *n);
/* A group of the actor's organisation: K_ENOTFOUND otherwise. */
int store_group_get(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
		    struct group *out);
/* Adds g (g->id 0) or writes it over the stored group if its version is still g->version
 * (else K_ECONFLICT), audited. A facilitator who is not an active user of the organisation
 * is K_EINVAL with errs. */
int store_group_save(struct dbconn *c, const struct actor *who, struct group *g,
		     struct field_errors *errs);
/* A group's members, those there now first; a member the actor may not see has no name and
 * no person id (visible false). */
int store_group_members(struct dbconn *c, struct arena *a, const struct actor *who,
			int64_t group_id, struct group_member **rows, size_t *n);
/* The memberships of a person the actor sees, with each group's name and the person's
 * attendance. */
int store_groups_of_person(struct dbconn *c, struct arena *a, const struct actor *who,
			   int64_t person_id, struct group_member **rows, size_t *n);
/* Adds m->person_id (a person the actor sees) to group m->group_id from m->joined_on,
 * audited: K_EINVAL with errs when the group is closed, the person unknown or a member
 * already, or they left after that date; K_ENOTFOUND for a group of another organisation. */
int store_member_add(struct dbconn *c, struct arena *a, const struct actor *who,
		     struct group_member *m, struct field_errors *errs);
/* Ends membership member_id of the group on date (leave_validate), audited: K_ENOTFOUND
 * when it is no membership of a person the actor sees, K_ECONFLICT when it has ended,
 * K_EINVAL with errs when the group is closed. */
int store_member_leave(struct dbconn *c, struct arena *a, const struct actor *who, int64_t group_id,
		       int64_t member_id, const char *date, const char *today,
		       struct field_errors *errs);
/* A group's sessions, newest first, with how many members came to each. */
int store_group_sessions(struct dbconn *c, struct arena *a, const struct actor *who,
			 int64_t group_id, struct group_session **rows, size_t *n);
int store_group_session_get(struct dbconn *c, struct arena *a, const struct actor *who,
			    int64_t group_id, int64_t session_id, struct group_session *out);
/* The members of the group on day, with their mark for session_id (0: a new session). */
int store_group_attendance(struct dbconn *c, struct arena *a, const struct actor *who,
			   int64_t group_id, int64_t session_id, const char *day,
			   struct attendance **rows, size_t *n);
/* Adds session gs (gs->id 0) or changes it, and marks every member on its day whom the
 * actor sees: present if listed in present, absent if not; members the actor may not see
 * keep their marks. All or nothing, audited: K_EINVAL with errs when the group is closed,
 * the day is before the group started, or present lists someone who was not a member that
 * day. */
int store_group_session_save(struct dbconn *c, struct arena *a, const struct actor *who,
			     struct group_session *gs, const int64_t *present, size_t npresent,
			     struct field_errors *errs);

/* ---- fundraising (store_campaign.c) ---- */

/* The campaigns of the actor's organisation, open ones first; each with its figures in its
 * own currency (balances[0]). */
int store_campaigns(struct dbconn *c, struct arena *a, const struct actor *who,
		    struct campaign **rows, size_t *n);
/* A campaign of the actor's organisation with every currency's figures (its own first):
 * K_ENOTFOUND otherwise. */
int store_campaign_get(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
		       struct campaign *out);
/* Adds k (k->id 0) or writes it over the stored campaign if its version is still k->version
 * (else K_ECONFLICT), audited. */
int store_campaign_save(struct dbconn *c, const struct actor *who, struct campaign *k);
/* A campaign's donations and spendings (with the services each paid for), newest first. */
int store_donations(struct dbconn *c, struct arena *a, int64_t campaign_id, struct donation **rows,
		    size_t *n);
int store_spendings(struct dbconn *c, struct arena *a, int64_t campaign_id, struct spending **rows,
		    size_t *n);
/* Records a donation to campaign d->campaign_id (the actor's organisation's, else
 * K_ENOTFOUND), adding money to the fund's balance, audited: K_EINVAL with errs when the
 * campaign is closed. */
int store_donation_add(struct dbconn *c, struct arena *a, const struct actor *who,
		       struct donation *d, struct field_errors *errs);
/* Records a spending from the fund, taking it from the balance of its currency, and the
 * services it paid for, audited: K_EINVAL with errs when the balance is smaller than the
 * amount or a service is not one of the organisation's. */
int store_spending_add(struct dbconn *c, struct arena *a, const struct actor *who,
		       struct spending *x, struct field_errors *errs);

/* ---- events and publications (store_event.c) ---- */

/* The events and publications of the actor's organisation (of one kind, unless NULL),
 * newest first. */
int store_events(struct dbconn *c, struct arena *a, const struct actor *who, const char *kind,
		 struct event **rows, size_t *n);
/* An event of the actor's organisation: K_ENOTFOUND otherwise. */
int store_event_get(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
		    struct event *out);
/* Adds e (e->id 0) or writes it over the stored event if its version is still e->version
 * (else K_ECONFLICT), audited. */
int store_event_save(struct dbconn *c, const struct actor *who, struct event *e);
/* The registered people named at an event; one the actor may not see has no name nor id. */
int store_event_participants(struct dbconn *c, struct arena *a, const struct actor *who,
			     int64_t event_id, struct event_participant **rows, size_t *n);
/* The events a person the actor sees took part in, newest first. */
int store_events_of_person(struct dbconn *c, struct arena *a, const struct actor *who,
			   int64_t person_id, struct event_participant **rows, size_t *n);
/* Names x->person_id (a person the actor sees) at event x->event_id, audited: K_EINVAL with
 * errs for a person unknown or named already; K_ENOTFOUND for an event of another
 * organisation. */
int store_participant_add(struct dbconn *c, struct arena *a, const struct actor *who,
			  const struct event_participant *x, struct field_errors *errs);
/* Takes a person the actor sees off the event's participants, audited: K_ENOTFOUND if they
 * were not named. */
int store_participant_remove(struct dbconn *c, struct arena *a, const struct actor *who,
			     int64_t event_id, int64_t person_id);

/* ---- programmes (store_programme.c) ---- */

/* The national programmes and the actor's organisation's own, each with the people of the
 * organisation enrolled now. */
int store_programmes(struct dbconn *c, struct arena *a, const struct actor *who,
		     struct programme **rows, size_t *n);
int store_programme_get(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
			struct programme *out);
/* Adds an organisation's programme (p->id 0) or changes it (version checked: K_ECONFLICT; a
 * national one or another organisation's: K_ENOTFOUND), audited. */
int store_programme_save(struct dbconn *c, struct arena *a, const struct actor *who,
			 struct programme *p);
/* A programme's quotas for a year, by region; the years it has quotas for. */
int store_quotas(struct dbconn *c, struct arena *a, int64_t programme_id, int64_t year,
		 struct quota **rows, size_t *n);
int store_quota_years(struct dbconn *c, struct arena *a, int64_t programme_id, int64_t **years,
		      size_t *n);
/* Sets a quota of the organisation's own programme (K_EFORBIDDEN for a national one),
 * audited: K_EINVAL with errs when the programme has no quotas or more people are enrolled. */
int store_quota_set(struct dbconn *c, struct arena *a, const struct actor *who,
		    const struct quota *q, struct field_errors *errs);
/* A year's rates (K_ENOTFOUND when Komek has none), the support rules, and a family's
 * entitlements on a day (out->known false without the year's rates). */
int store_rates(struct dbconn *c, int64_t year, struct rates *out);
int store_support_rules(struct dbconn *c, struct arena *a, struct support_rule **rows, size_t *n);
int store_entitlements(struct dbconn *c, struct arena *a, int64_t family_size, const char *on,
		       struct entitlements *out);
/* A person's screenings (store_screening.c), newest first; the caller has read the person
 * with its access rule. Adding one is a transaction of its own, audited. */
#define SCREENINGS_MAX 500
int store_screening_add(struct dbconn *c, struct arena *a, const struct actor *who,
			struct screening *x);
int store_screenings_of_person(struct dbconn *c, struct arena *a, const struct actor *who,
			       int64_t person_id, struct screening **rows, size_t *n);
int store_screening_get(struct dbconn *c, struct arena *a, const struct actor *who,
			int64_t person_id, int64_t id, struct screening *out);

/* A programme's figures of a year, for its fixed report (export/fixed.h): the enrolments of
 * the year in the actor's organisation (every organisation's when all_orgs) by region
 * ("" not stated), and the support given in the year through the programme's enrolments by
 * kind. Aggregates that name nobody: every enrolment counts, restricted people's too. */
struct programme_region_figures {
	const char *region;
	int64_t enrolled, withdrawn; /* people */
	int64_t members, places;     /* of the enrolled: family members, quota places */
};
struct programme_support_figures {
	const char *kind;
	int64_t people, payments, amount; /* amount: minor units of KZT */
};
int store_programme_figures(struct dbconn *c, struct arena *a, const struct actor *who,
			    bool all_orgs, int64_t programme_id, int64_t year,
			    struct programme_region_figures **regions, size_t *nregions,
			    struct programme_support_figures **support, size_t *nsupport);

/* The organisation's enrolments in a programme (of a year, unless 0), and a person's. */
int store_enrolments(struct dbconn *c, struct arena *a, const struct actor *who,
		     int64_t programme_id, int64_t year, struct enrolment **rows, size_t *n);
int store_enrolments_of_person(struct dbconn *c, struct arena *a, const struct actor *who,
			       int64_t person_id, struct enrolment **rows, size_t *n);
/* An enrolment in the programme of the actor's organisation whose person they see:
 * K_ENOTFOUND otherwise. */
int store_enrolment_get(struct dbconn *c, struct arena *a, const struct actor *who,
			int64_t programme_id, int64_t id, struct enrolment *out);
/* Enrols e->person_id (a person the actor sees, eligible on e->enrolled_on) in
 * e->programme_id, taking e->family_size places of the region's quota for e->year when the
 * programme has quotas, audited: K_EINVAL with errs when the person is not eligible or
 * enrolled already, or the quota has too few places. */
int store_enrolment_add(struct dbconn *c, struct arena *a, const struct actor *who,
			struct enrolment *e, struct field_errors *errs);
/* Withdraws an enrolment on date (withdraw_validate), giving back the places it took,
 * audited: K_ECONFLICT when withdrawn already. */
int store_enrolment_withdraw(struct dbconn *c, struct arena *a, const struct actor *who,
			     int64_t programme_id, int64_t id, const char *date, const char *today,
			     struct field_errors *errs);
/* The support given through an enrolment; records more, checked against the family's
 * entitlements on its day (support_validate), audited. */
int store_support_list(struct dbconn *c, struct arena *a, int64_t enrolment_id,
		       struct support **rows, size_t *n);
int store_support_add(struct dbconn *c, struct arena *a, const struct actor *who,
		      int64_t programme_id, struct support *x, const char *today,
		      struct field_errors *errs);

/* ---- the public-state form (store_civic.c) ---- */

/* Each of the actor's organisation (another organisation's: K_ENOTFOUND). A save adds the
 * record (id 0) or writes it over the stored one if its version is still the one given (else
 * K_ECONFLICT), audited. */
int store_resettler_orgs(struct dbconn *c, struct arena *a, const struct actor *who,
			 struct resettler_org **rows, size_t *n);
int store_resettler_org_get(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
			    struct resettler_org *out);
int store_resettler_org_save(struct dbconn *c, const struct actor *who, struct resettler_org *o);
/* An organisation's steps to registration, in order; adding one, audited. */
int store_org_steps(struct dbconn *c, struct arena *a, int64_t resettler_org_id,
		    struct org_step **rows, size_t *n);
int store_org_step_add(struct dbconn *c, struct arena *a, const struct actor *who,
		       struct org_step *x);
int store_councils(struct dbconn *c, struct arena *a, const struct actor *who,
		   struct council **rows, size_t *n);
int store_council_get(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
		      struct council *out);
int store_council_save(struct dbconn *c, const struct actor *who, struct council *k);
/* A council's meetings, newest first; one meeting of a council of the actor's organisation;
 * adding one, audited. */
int store_meetings(struct dbconn *c, struct arena *a, int64_t council_id,
		   struct council_meeting **rows, size_t *n);
int store_meeting_get(struct dbconn *c, struct arena *a, const struct actor *who,
		      int64_t council_id, int64_t id, struct council_meeting *out);
int store_meeting_add(struct dbconn *c, struct arena *a, const struct actor *who,
		      struct council_meeting *m);
/* A meeting's decisions; adding one (d->id 0) or changing it (its status as it is carried
 * out), audited. */
int store_decisions(struct dbconn *c, struct arena *a, int64_t meeting_id, struct decision **rows,
		    size_t *n);
int store_decision_save(struct dbconn *c, struct arena *a, const struct actor *who,
			int64_t council_id, struct decision *d);
int store_proposals(struct dbconn *c, struct arena *a, const struct actor *who,
		    struct proposal **rows, size_t *n);
int store_proposal_get(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
		       struct proposal *out);
/* K_EINVAL with errs when the meeting named is not of the organisation's councils. */
int store_proposal_save(struct dbconn *c, const struct actor *who, struct proposal *p,
			struct field_errors *errs);

#endif
