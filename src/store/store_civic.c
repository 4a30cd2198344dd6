/* store_civic.c: resettlers' organisations and their steps, councils with their meetings and
 * decisions, and policy proposals (domain/civic.h). Each is its organisation's alone: another
 * organisation's record is K_ENOTFOUND, as one that does not exist. */
#include <stdio.h>
#include <string.h>

#include "base/banned.h"
#include "store/store.h"
#include "store/store_util.h"

/* ---- resettlers' organisations ---- */

#define ROG_COLS                                                                                   \
	"SELECT o.id, o.org_id, o.version, o.name, o.kind, o.region, o.initiators, o.contact,"     \
	" o.note, (SELECT s.step FROM resettler_org_steps s WHERE s.resettler_org_id = o.id"       \
	" ORDER BY s.done_on DESC, s.id DESC LIMIT 1), (SELECT MAX(s.done_on) FROM"                \
	" resettler_org_steps s WHERE s.resettler_org_id = o.id) FROM resettler_orgs o"
static const char SQL_ROGS[] = ROG_COLS " WHERE o.org_id = ?1 ORDER BY o.name, o.id LIMIT 2000";
static const char SQL_ROG_GET[] = ROG_COLS " WHERE o.org_id = ?1 AND o.id = ?2";
static const char SQL_ROG_EXISTS[] = "SELECT id FROM resettler_orgs WHERE org_id = ?1 AND id = ?2";
static const char SQL_ROG_ADD[] =
    "INSERT INTO resettler_orgs (org_id, name, kind, region, initiators, contact, note,"
    " created_at, created_by, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
    " ?9, ?8, ?9) RETURNING id";
static const char SQL_ROG_UPDATE[] =
    "UPDATE resettler_orgs SET name = ?2, kind = ?3, region = ?4, initiators = ?5,"
    " contact = ?6, note = ?7, updated_at = ?8, updated_by = ?9, version = version + 1"
    " WHERE org_id = ?1 AND id = ?10 AND version = ?11";

static void rog_from(struct dbstmt *s, struct arena *a, struct resettler_org *o)
{
	*o = (struct resettler_org){
		.id = db_col_int(s, 0),
		.org_id = db_col_int(s, 1),
		.version = db_col_int(s, 2),
		.name = arena_strdup(a, db_col_text(s, 3)),
		.kind = arena_strdup(a, db_col_text(s, 4)),
		.region = arena_strdup(a, db_col_text(s, 5)),
		.initiators = arena_strdup(a, db_col_text(s, 6)),
		.contact = arena_strdup(a, db_col_text(s, 7)),
		.note = arena_strdup(a, db_col_text(s, 8)),
		.step = arena_strdup(a, db_col_text(s, 9)),
		.step_on = arena_strdup(a, db_col_text(s, 10)),
	};
}

int store_resettler_orgs(struct dbconn *c, struct arena *a, const struct actor *who,
			 struct resettler_org **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_ROGS);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, who->org_id);
	STORE_COLLECT(s, a, struct resettler_org, *rows, *n, 2000, rog_from(s, a, row));
	return 0;
}

int store_resettler_org_get(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
			    struct resettler_org *out)
{
	STORE_GET_ONE(c, SQL_ROG_GET, who->org_id, id, rog_from(s, a, out));
}

int store_resettler_org_save(struct dbconn *c, const struct actor *who, struct resettler_org *o)
{
	int rc = store_begin(c);
	struct dbstmt *s = rc ? NULL : db_prep(c, o->id ? SQL_ROG_UPDATE : SQL_ROG_ADD);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, who->org_id);
		db_bind_text(s, 2, o->name);
		db_bind_text(s, 3, o->kind);
		db_bind_text(s, 4, o->region);
		db_bind_text(s, 5, o->initiators);
		db_bind_text(s, 6, o->contact);
		db_bind_text(s, 7, o->note);
		db_bind_int(s, 8, time_now());
		db_bind_int(s, 9, who->user_id);
		if (o->id) {
			db_bind_int(s, 10, o->id);
			db_bind_int(s, 11, o->version);
			rc = store_run_versioned(c, s, SQL_ROG_EXISTS, who->org_id, o->id);
			o->version++;
		} else {
			rc = store_returning_id(s, &o->id);
			o->version = 1;
		}
	}
	if (!rc)
		rc = store_audit(c, who, "resettler_org.save", "resettler_org", o->id, o->kind);
	return store_finish(c, rc);
}

static const char SQL_STEPS[] =
    "SELECT id, resettler_org_id, step, done_on, note FROM resettler_org_steps"
    " WHERE resettler_org_id = ?1 ORDER BY done_on, id";
static const char SQL_STEP_ADD[] =
    "INSERT INTO resettler_org_steps (resettler_org_id, step, done_on, note, created_by)"
    " VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id";

int store_org_steps(struct dbconn *c, struct arena *a, int64_t resettler_org_id,
		    struct org_step **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_STEPS);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, resettler_org_id);
	STORE_COLLECT(s, a, struct org_step, *rows, *n, 500,
		      *row = ((struct org_step){ .id = db_col_int(s, 0),
						 .resettler_org_id = db_col_int(s, 1),
						 .step = arena_strdup(a, db_col_text(s, 2)),
						 .done_on = arena_strdup(a, db_col_text(s, 3)),
						 .note = arena_strdup(a, db_col_text(s, 4)) }));
	return 0;
}

int store_org_step_add(struct dbconn *c, struct arena *a, const struct actor *who,
		       struct org_step *x)
{
	struct resettler_org o;
	int rc = store_begin(c);
	if (!rc)
		rc = store_resettler_org_get(c, a, who, x->resettler_org_id, &o);
	struct dbstmt *s = rc ? NULL : db_prep(c, SQL_STEP_ADD);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, x->resettler_org_id);
		db_bind_text(s, 2, x->step);
		db_bind_text(s, 3, x->done_on);
		db_bind_text(s, 4, x->note);
		db_bind_int(s, 5, who->user_id);
		rc = store_returning_id(s, &x->id);
	}
	if (!rc)
		rc = store_audit(c, who, "resettler_org.step", "resettler_org", x->resettler_org_id,
				 x->step);
	return store_finish(c, rc);
}

/* ---- councils, meetings, decisions ---- */

#define COUNCIL_COLS                                                                               \
	"SELECT c.id, c.org_id, c.version, c.name, c.kind, c.region, c.note, (SELECT COUNT(*)"     \
	" FROM council_meetings m WHERE m.council_id = c.id) FROM councils c"
static const char SQL_COUNCILS[] =
    COUNCIL_COLS " WHERE c.org_id = ?1 ORDER BY c.name, c.id LIMIT 2000";
static const char SQL_COUNCIL_GET[] = COUNCIL_COLS " WHERE c.org_id = ?1 AND c.id = ?2";
static const char SQL_COUNCIL_EXISTS[] = "SELECT id FROM councils WHERE org_id = ?1 AND id = ?2";
static const char SQL_COUNCIL_ADD[] =
    "INSERT INTO councils (org_id, name, kind, region, note, created_at, created_by,"
    " updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6, ?7) RETURNING id";
static const char SQL_COUNCIL_UPDATE[] =
    "UPDATE councils SET name = ?2, kind = ?3, region = ?4, note = ?5, updated_at = ?6,"
    " updated_by = ?7, version = version + 1 WHERE org_id = ?1 AND id = ?8 AND version = ?9";

static void council_from(struct dbstmt *s, struct arena *a, struct council *k)
{
	*k = (struct council){
		.id = db_col_int(s, 0),
		.org_id = db_col_int(s, 1),
		.version = db_col_int(s, 2),
		.name = arena_strdup(a, db_col_text(s, 3)),
		.kind = arena_strdup(a, db_col_text(s, 4)),
		.region = arena_strdup(a, db_col_text(s, 5)),
		.note = arena_strdup(a, db_col_text(s, 6)),
		.meetings = db_col_int(s, 7),
	};
}

int store_councils(struct dbconn *c, struct arena *a, const struct actor *who,
		   struct council **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_COUNCILS);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, who->org_id);
	STORE_COLLECT(s, a, struct council, *rows, *n, 2000, council_from(s, a, row));
	return 0;
}

int store_council_get(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
		      struct council *out)
{
	STORE_GET_ONE(c, SQL_COUNCIL_GET, who->org_id, id, council_from(s, a, out));
}

int store_council_save(struct dbconn *c, const struct actor *who, struct council *k)
{
	int rc = store_begin(c);
	struct dbstmt *s = rc ? NULL : db_prep(c, k->id ? SQL_COUNCIL_UPDATE : SQL_COUNCIL_ADD);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, who->org_id);
		db_bind_text(s, 2, k->name);
		db_bind_text(s, 3, k->kind);
		db_bind_text(s, 4, k->region);
		db_bind_text(s, 5, k->note);
		db_bind_int(s, 6, time_now());
		db_bind_int(s, 7, who->user_id);
		if (k->id) {
			db_bind_int(s, 8, k->id);
			db_bind_int(s, 9, k->version);
			rc = store_run_versioned(c, s, SQL_COUNCIL_EXISTS, who->org_id, k->id);
			k->version++;
		} else {
			rc = store_returning_id(s, &k->id);
			k->version = 1;
		}
	}
	if (!rc)
		rc = store_audit(c, who, "council.save", "council", k->id, k->kind);
	return store_finish(c, rc);
}

/* ?1 the council (of the reader's organisation, checked by the caller). */
#define MEETING_COLS                                                                               \
	"SELECT m.id, m.council_id, m.held_on, m.place, m.agenda, m.minutes, (SELECT COUNT(*)"     \
	" FROM council_decisions d WHERE d.meeting_id = m.id) FROM council_meetings m"
static const char SQL_MEETINGS[] =
    MEETING_COLS " WHERE m.council_id = ?1 ORDER BY m.held_on DESC, m.id DESC LIMIT 1000";
static const char SQL_MEETING_GET[] = MEETING_COLS " WHERE m.council_id = ?1 AND m.id = ?2";
static const char SQL_MEETING_ADD[] =
    "INSERT INTO council_meetings (council_id, held_on, place, agenda, minutes, created_by)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id";

static void meeting_from(struct dbstmt *s, struct arena *a, struct council_meeting *m)
{
	*m = (struct council_meeting){
		.id = db_col_int(s, 0),
		.council_id = db_col_int(s, 1),
		.held_on = arena_strdup(a, db_col_text(s, 2)),
		.place = arena_strdup(a, db_col_text(s, 3)),
		.agenda = arena_strdup(a, db_col_text(s, 4)),
		.minutes = arena_strdup(a, db_col_text(s, 5)),
		.decisions = db_col_int(s, 6),
	};
}

int store_meetings(struct dbconn *c, struct arena *a, int64_t council_id,
		   struct council_meeting **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_MEETINGS);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, council_id);
	STORE_COLLECT(s, a, struct council_meeting, *rows, *n, 1000, meeting_from(s, a, row));
	return 0;
}

int store_meeting_get(struct dbconn *c, struct arena *a, const struct actor *who,
		      int64_t council_id, int64_t id, struct council_meeting *out)
{
	struct council k;
	int rc = store_council_get(c, a, who, council_id, &k);
	if (rc)
		return rc;
	struct dbstmt *s = db_prep(c, SQL_MEETING_GET);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, council_id);
	db_bind_int(s, 2, id);
	rc = db_step(s);
	if (rc == DB_ROW)
		meeting_from(s, a, out);
	db_reset(s);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? K_ENOTFOUND : rc;
}

int store_meeting_add(struct dbconn *c, struct arena *a, const struct actor *who,
		      struct council_meeting *m)
{
	struct council k;
	int rc = store_begin(c);
	if (!rc)
		rc = store_council_get(c, a, who, m->council_id, &k);
	struct dbstmt *s = rc ? NULL : db_prep(c, SQL_MEETING_ADD);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, m->council_id);
		db_bind_text(s, 2, m->held_on);
		db_bind_text(s, 3, m->place);
		db_bind_text(s, 4, m->agenda);
		db_bind_text(s, 5, m->minutes);
		db_bind_int(s, 6, who->user_id);
		rc = store_returning_id(s, &m->id);
	}
	if (!rc)
		rc = store_audit(c, who, "council.meeting", "council", m->council_id, m->held_on);
	return store_finish(c, rc);
}

static const char SQL_DECISIONS[] =
    "SELECT id, meeting_id, text, status, due_on, note FROM council_decisions"
    " WHERE meeting_id = ?1 ORDER BY id";
static const char SQL_DECISION_ADD[] =
    "INSERT INTO council_decisions (meeting_id, text, status, due_on, note, updated_at,"
    " updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id";
static const char SQL_DECISION_UPDATE[] =
    "UPDATE council_decisions SET text = ?3, status = ?4, due_on = ?5, note = ?6,"
    " updated_at = ?7, updated_by = ?8 WHERE meeting_id = ?1 AND id = ?2";

int store_decisions(struct dbconn *c, struct arena *a, int64_t meeting_id, struct decision **rows,
		    size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_DECISIONS);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, meeting_id);
	STORE_COLLECT(s, a, struct decision, *rows, *n, 500,
		      *row = ((struct decision){ .id = db_col_int(s, 0),
						 .meeting_id = db_col_int(s, 1),
						 .text = arena_strdup(a, db_col_text(s, 2)),
						 .status = arena_strdup(a, db_col_text(s, 3)),
						 .due_on = arena_strdup(a, db_col_text(s, 4)),
						 .note = arena_strdup(a, db_col_text(s, 5)) }));
	return 0;
}

int store_decision_save(struct dbconn *c, struct arena *a, const struct actor *who,
			int64_t council_id, struct decision *d)
{
	struct council_meeting m;
	int rc = store_begin(c);
	if (!rc)
		rc = store_meeting_get(c, a, who, council_id, d->meeting_id, &m);
	struct dbstmt *s = rc ? NULL : db_prep(c, d->id ? SQL_DECISION_UPDATE : SQL_DECISION_ADD);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		int i = d->id ? 3 : 2;
		db_bind_int(s, 1, d->meeting_id);
		if (d->id)
			db_bind_int(s, 2, d->id);
		db_bind_text(s, i, d->text);
		db_bind_text(s, i + 1, d->status);
		db_bind_text(s, i + 2, d->due_on);
		db_bind_text(s, i + 3, d->note);
		db_bind_int(s, i + 4, time_now());
		db_bind_int(s, i + 5, who->user_id);
		rc = d->id ? store_run_one(c, s) : store_returning_id(s, &d->id);
	}
	if (!rc)
		rc = store_audit(c, who, "council.decision", "council", council_id, d->status);
	return store_finish(c, rc);
}

/* ---- policy proposals ---- */

#define PROPOSAL_COLS                                                                              \
	"SELECT p.id, p.org_id, p.version, p.meeting_id, p.title, p.text, p.addressee,"            \
	" p.submitted_on, p.status, p.outcome, p.outcome_on FROM policy_proposals p"
static const char SQL_PROPOSALS[] =
    PROPOSAL_COLS " WHERE p.org_id = ?1 ORDER BY COALESCE(p.submitted_on, '9999') DESC, p.id DESC"
		  " LIMIT 2000";
static const char SQL_PROPOSAL_GET[] = PROPOSAL_COLS " WHERE p.org_id = ?1 AND p.id = ?2";
static const char SQL_PROPOSAL_EXISTS[] =
    "SELECT id FROM policy_proposals WHERE org_id = ?1 AND id = ?2";
/* The meeting must be of a council of the organisation. */
static const char SQL_MEETING_OF_ORG[] =
    "SELECT m.id FROM council_meetings m JOIN councils c ON c.id = m.council_id"
    " WHERE m.id = ?1 AND c.org_id = ?2";
static const char SQL_PROPOSAL_ADD[] =
    "INSERT INTO policy_proposals (org_id, meeting_id, title, text, addressee, submitted_on,"
    " status, outcome, outcome_on, created_at, created_by, updated_at, updated_by)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?10, ?11) RETURNING id";
static const char SQL_PROPOSAL_UPDATE[] =
    "UPDATE policy_proposals SET meeting_id = ?2, title = ?3, text = ?4, addressee = ?5,"
    " submitted_on = ?6, status = ?7, outcome = ?8, outcome_on = ?9, updated_at = ?10,"
    " updated_by = ?11, version = version + 1 WHERE org_id = ?1 AND id = ?12 AND version = ?13";

static void proposal_from(struct dbstmt *s, struct arena *a, struct proposal *p)
{
	*p = (struct proposal){
		.id = db_col_int(s, 0),
		.org_id = db_col_int(s, 1),
		.version = db_col_int(s, 2),
		.meeting_id = db_col_int(s, 3),
		.title = arena_strdup(a, db_col_text(s, 4)),
		.text = arena_strdup(a, db_col_text(s, 5)),
		.addressee = arena_strdup(a, db_col_text(s, 6)),
		.submitted_on = arena_strdup(a, db_col_text(s, 7)),
		.status = arena_strdup(a, db_col_text(s, 8)),
		.outcome = arena_strdup(a, db_col_text(s, 9)),
		.outcome_on = arena_strdup(a, db_col_text(s, 10)),
	};
}

int store_proposals(struct dbconn *c, struct arena *a, const struct actor *who,
		    struct proposal **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_PROPOSALS);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, who->org_id);
	STORE_COLLECT(s, a, struct proposal, *rows, *n, 2000, proposal_from(s, a, row));
	return 0;
}

int store_proposal_get(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
		       struct proposal *out)
{
	STORE_GET_ONE(c, SQL_PROPOSAL_GET, who->org_id, id, proposal_from(s, a, out));
}

int store_proposal_save(struct dbconn *c, const struct actor *who, struct proposal *p,
			struct field_errors *errs)
{
	int rc = store_begin(c);
	struct dbstmt *s;
	if (!rc && p->meeting_id) {
		if (!(s = db_prep(c, SQL_MEETING_OF_ORG)))
			rc = K_EDB;
		else {
			db_bind_int(s, 1, p->meeting_id);
			db_bind_int(s, 2, who->org_id);
			if ((rc = store_returning_id(s, NULL)) == K_ENOTFOUND) {
				field_error_add(errs, "meeting_id",
						N_("Choose a meeting of your organisation's "
						   "councils."));
				rc = K_EINVAL;
			}
		}
	}
	s = rc ? NULL : db_prep(c, p->id ? SQL_PROPOSAL_UPDATE : SQL_PROPOSAL_ADD);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, who->org_id);
		if (p->meeting_id)
			db_bind_int(s, 2, p->meeting_id);
		else
			db_bind_null(s, 2);
		db_bind_text(s, 3, p->title);
		db_bind_text(s, 4, p->text);
		db_bind_text(s, 5, p->addressee);
		db_bind_text(s, 6, p->submitted_on);
		db_bind_text(s, 7, p->status);
		db_bind_text(s, 8, p->outcome);
		db_bind_text(s, 9, p->outcome_on);
		db_bind_int(s, 10, time_now());
		db_bind_int(s, 11, who->user_id);
		if (p->id) {
			db_bind_int(s, 12, p->id);
			db_bind_int(s, 13, p->version);
			rc = store_run_versioned(c, s, SQL_PROPOSAL_EXISTS, who->org_id, p->id);
			p->version++;
		} else {
			rc = store_returning_id(s, &p->id);
			p->version = 1;
		}
	}
	if (!rc)
		rc = store_audit(c, who, "proposal.save", "proposal", p->id, p->status);
	return store_finish(c, rc);
}
