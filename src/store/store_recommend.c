/* store_recommend.c: the recommendation rules, what they look at in a case, and the
 * worker's decisions on the proposals (domain/recommend.h). The caller has read the case with
 * its access rule (store_case_get). */
#include <stdio.h>
#include <string.h>

#include "base/banned.h"
#include "base/util.h"
#include "crypt/seal.h"
#include "store/store.h"
#include "store/store_util.h"

#define RULE_COLS                                                                                  \
	"SELECT id, version, category, legal_status, need, min_urgency, function, means,"          \
	" service_kind, form, label_kk, label_ru, label_en, active FROM recommendation_rules"
static const char SQL_RULES[] = RULE_COLS " WHERE (?1 = 0 OR active = 1) ORDER BY id LIMIT ?2";
static const char SQL_RULE_GET[] = RULE_COLS " WHERE id = ?1";
static const char SQL_RULE_ADD[] =
    "INSERT INTO recommendation_rules (category, legal_status, need, min_urgency, function,"
    " means, service_kind, form, label_kk, label_ru, label_en, active, version, updated_at,"
    " updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 1, ?13, ?14)"
    " RETURNING id";
static const char SQL_RULE_UPDATE[] =
    "UPDATE recommendation_rules SET category = ?1, legal_status = ?2, need = ?3,"
    " min_urgency = ?4, function = ?5, means = ?6, service_kind = ?7, form = ?8,"
    " label_kk = ?9, label_ru = ?10, label_en = ?11, active = ?12, version = version + 1,"
    " updated_at = ?13, updated_by = ?14 WHERE id = ?15 AND version = ?16";
static const char SQL_FACTS[] =
    "SELECT p.legal_status, p.lang_kk, p.lang_ru, (SELECT x.id FROM assessments x"
    " WHERE x.case_id = ?2 ORDER BY x.assessed_on DESC, x.id DESC LIMIT 1)"
    " FROM persons p WHERE p.id = ?1";
static const char SQL_FACT_CATS[] =
    "SELECT category FROM person_categories WHERE person_id = ?1 ORDER BY category";
static const char SQL_FACT_NEEDS[] =
    "SELECT need, urgency FROM assessment_needs WHERE assessment_id = ?1";
static const char SQL_DECISIONS[] =
    "SELECT d.rule_id, d.decision, d.function, d.means, d.service_kind, d.form, d.note,"
    " d.decided_by, d.decided_at, u.login, u.full_name FROM case_decisions d"
    " JOIN users u ON u.id = d.decided_by WHERE d.case_id = ?1 ORDER BY d.rule_id";
static const char SQL_GOAL_DROP[] =
    "UPDATE plan_goals SET status = 'dropped', updated_at = ?3 WHERE case_id = ?1"
    " AND rule_id = ?2 AND status = 'open'";
static const char SQL_GOAL_OF_RULE[] =
    "SELECT id FROM plan_goals WHERE case_id = ?1 AND rule_id = ?2 AND status <> 'dropped'";
static const char SQL_DECIDE[] =
    "INSERT INTO case_decisions (case_id, rule_id, decision, function, means, service_kind,"
    " form, note, decided_by, decided_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
    " ON CONFLICT (case_id, rule_id) DO UPDATE SET decision = excluded.decision,"
    " function = excluded.function, means = excluded.means,"
    " service_kind = excluded.service_kind, form = excluded.form, note = excluded.note,"
    " decided_by = excluded.decided_by, decided_at = excluded.decided_at";

static const char *col(struct dbstmt *s, struct arena *a, int i)
{
	return arena_strdup(a, db_col_text(s, i));
}

static void rule_from(struct dbstmt *s, struct arena *a, struct rec_rule *r)
{
	r->id = db_col_int(s, 0);
	r->version = db_col_int(s, 1);
	r->category = col(s, a, 2);
	r->legal_status = col(s, a, 3);
	r->need = col(s, a, 4);
	r->min_urgency = (int)db_col_int(s, 5);
	r->function = col(s, a, 6);
	r->means = col(s, a, 7);
	r->service_kind = col(s, a, 8);
	r->form = col(s, a, 9);
	r->label_kk = col(s, a, 10);
	r->label_ru = col(s, a, 11);
	r->label_en = col(s, a, 12);
	r->active = db_col_int(s, 13) != 0;
}

int store_rules(struct dbconn *c, struct arena *a, bool active_only, struct rec_rule **rows,
		size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_RULES);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, active_only ? 1 : 0);
	db_bind_int(s, 2, RULES_MAX);
	STORE_COLLECT(s, a, struct rec_rule, *rows, *n, RULES_MAX, rule_from(s, a, row));
}

int store_rule_get(struct dbconn *c, struct arena *a, int64_t id, struct rec_rule *out)
{
	struct dbstmt *s = db_prep(c, SQL_RULE_GET);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, id);
	int rc = db_step(s);
	if (rc == DB_ROW)
		rule_from(s, a, out);
	db_reset(s);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? K_ENOTFOUND : rc;
}

int store_case_facts(struct dbconn *c, struct arena *a, const struct case_rec *k,
		     struct rec_facts *f)
{
	memset(f, 0, sizeof(*f));
	struct dbstmt *s = db_prep(c, SQL_FACTS);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, k->person_id);
	db_bind_int(s, 2, k->id);
	int64_t assessment = 0;
	int rc = db_step(s);
	if (rc == DB_ROW) {
		f->legal_status = col(s, a, 0);
		f->lang_kk = col(s, a, 1);
		f->lang_ru = col(s, a, 2);
		assessment = db_col_int(s, 3);
	}
	db_reset(s);
	if (rc != DB_ROW)
		return rc == DB_DONE ? K_ENOTFOUND : rc;
	if (!(s = db_prep(c, SQL_FACT_CATS)))
		return K_EDB;
	db_bind_int(s, 1, k->person_id);
	while ((rc = db_step(s)) == DB_ROW && f->ncategories < PERSON_MAX_CATEGORIES)
		f->categories[f->ncategories++] = col(s, a, 0);
	db_reset(s);
	if (rc < 0)
		return rc;
	if (!assessment)
		return 0;
	f->assessed = true;
	if (!(s = db_prep(c, SQL_FACT_NEEDS)))
		return K_EDB;
	db_bind_int(s, 1, assessment);
	while ((rc = db_step(s)) == DB_ROW) {
		int i = need_index(db_col_text(s, 0));
		if (i >= 0)
			f->urgency[i] = (int)db_col_int(s, 1);
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static void decision_from(struct dbstmt *s, struct arena *a, struct rec_decision *d)
{
	d->rule_id = db_col_int(s, 0);
	d->decision = col(s, a, 1);
	d->function = col(s, a, 2);
	d->means = col(s, a, 3);
	d->service_kind = col(s, a, 4);
	d->form = col(s, a, 5);
	d->note = col(s, a, 6);
	d->decided_by = db_col_int(s, 7);
	d->decided_at = db_col_int(s, 8);
	d->decider_login = col(s, a, 9);
	d->decider_name = col(s, a, 10);
}

static int decisions_read(struct dbconn *c, struct arena *a, int64_t case_id,
			  struct rec_decision **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_DECISIONS);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, case_id);
	STORE_COLLECT(s, a, struct rec_decision, *rows, *n, RULES_MAX, decision_from(s, a, row));
}

int store_case_decisions(struct dbconn *c, struct arena *a, int64_t case_id,
			 struct rec_decision **rows, size_t *n)
{
	int rc = decisions_read(c, a, case_id, rows, n);
	for (size_t i = 0; !rc && i < *n; i++)
		if ((*rows)[i].note)
			rc = seal_open(a, SEALED_DECISION_NOTE, (*rows)[i].note, &(*rows)[i].note);
	return rc;
}

/* What a decision does to the plan: an accepted or changed proposal becomes a goal with the
 * codes chosen (once per rule); a rejected one drops its goal if it is still open. */
static int decision_to_plan(struct dbconn *c, const struct actor *who, int64_t case_id,
			    const struct rec_decision *d, const char *title)
{
	struct dbstmt *s;
	if (strcmp(d->decision, "rejected") == 0) {
		if (!(s = db_prep(c, SQL_GOAL_DROP)))
			return K_EDB;
		db_bind_int(s, 1, case_id);
		db_bind_int(s, 2, d->rule_id);
		db_bind_int(s, 3, time_now());
		int rc = db_run(s);
		if (rc || db_changes(c) == 0)
			return rc;
		/* A goal dropped is a change of an approved plan. */
		return store_plan_mark_changed(c, case_id);
	}
	if (!(s = db_prep(c, SQL_GOAL_OF_RULE)))
		return K_EDB;
	db_bind_int(s, 1, case_id);
	db_bind_int(s, 2, d->rule_id);
	int64_t id = 0;
	int rc = store_returning_id(s, &id);
	if (rc != K_ENOTFOUND)
		return rc; /* there is one already (or an error) */
	struct plan_goal g = { .case_id = case_id,
			       .rule_id = d->rule_id,
			       .title = title,
			       .function = d->function,
			       .means = d->means,
			       .service_kind = d->service_kind,
			       .form = d->form };
	return store_goal_add(c, who, &g);
}

int store_case_decide(struct dbconn *c, struct arena *a, const struct actor *who, int64_t case_id,
		      struct rec_decision *d, const char *goal_title)
{
	const char *note;
	int rc = seal(a, SEALED_DECISION_NOTE, d->note, &note);
	d->decided_by = who->user_id;
	d->decided_at = time_now();
	if (!rc)
		rc = store_begin(c);
	struct dbstmt *s = rc ? NULL : db_prep(c, SQL_DECIDE);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, case_id);
		db_bind_int(s, 2, d->rule_id);
		db_bind_text(s, 3, d->decision);
		db_bind_text(s, 4, d->function);
		db_bind_text(s, 5, d->means);
		db_bind_text(s, 6, d->service_kind);
		db_bind_text(s, 7, d->form);
		db_bind_text(s, 8, note);
		db_bind_int(s, 9, d->decided_by);
		db_bind_int(s, 10, d->decided_at);
		rc = db_run(s);
	}
	if (!rc)
		rc = decision_to_plan(c, who, case_id, d, goal_title);
	if (!rc) {
		char detail[48];
		snprintf(detail, sizeof(detail), "rule %lld %s", (long long)d->rule_id,
			 d->decision);
		rc = store_audit(c, who, "case.decision", "case", case_id, detail);
	}
	return store_finish(c, rc);
}

int store_case_proposals(struct dbconn *c, struct arena *a, const struct case_rec *k,
			 struct case_proposal **out, size_t *n)
{
	struct rec_rule *rules;
	struct rec_decision *d;
	size_t nr, nd;
	struct rec_facts f;
	int rc = store_rules(c, a, false, &rules, &nr);
	if (!rc)
		rc = store_case_facts(c, a, k, &f);
	if (!rc)
		rc = store_case_decisions(c, a, k->id, &d, &nd);
	if (rc)
		return rc;
	struct rec_proposal *p = arena_alloc(a, (nr + 1) * sizeof(*p));
	size_t np = recommend(rules, nr, &f, p, nr);
	*out = arena_alloc(a, (np + nd + 1) * sizeof(**out));
	*n = 0;
	for (size_t i = 0; i < np; i++) {
		struct case_proposal *cp = &(*out)[(*n)++];
		*cp = (struct case_proposal){ .p = p[i], .current = true };
		for (size_t j = 0; j < nd; j++)
			if (d[j].rule_id == p[i].rule->id)
				cp->decision = &d[j];
	}
	/* Decisions on rules that no longer fire (a need met, a category removed). */
	for (size_t j = 0; j < nd; j++) {
		bool listed = false;
		for (size_t i = 0; i < np && !listed; i++)
			listed = p[i].rule->id == d[j].rule_id;
		for (size_t i = 0; i < nr && !listed; i++)
			if (rules[i].id == d[j].rule_id) {
				(*out)[(*n)++] = (struct case_proposal){ .p = { .rule = &rules[i] },
									 .decision = &d[j] };
				listed = true;
			}
	}
	return 0;
}

static void bind_rule(struct dbstmt *s, const struct actor *who, const struct rec_rule *r)
{
	db_bind_text(s, 1, r->category);
	db_bind_text(s, 2, r->legal_status);
	db_bind_text(s, 3, r->need);
	db_bind_int(s, 4, r->need ? r->min_urgency : 2);
	db_bind_text(s, 5, r->function);
	db_bind_text(s, 6, r->means);
	db_bind_text(s, 7, r->service_kind);
	db_bind_text(s, 8, r->form);
	db_bind_text(s, 9, r->label_kk);
	db_bind_text(s, 10, r->label_ru);
	db_bind_text(s, 11, r->label_en);
	db_bind_int(s, 12, r->active ? 1 : 0);
	db_bind_int(s, 13, time_now());
	db_bind_int(s, 14, who->user_id);
}

int store_rule_save(struct dbconn *c, const struct actor *who, struct rec_rule *r)
{
	int rc = store_begin(c);
	struct dbstmt *s = rc ? NULL : db_prep(c, r->id ? SQL_RULE_UPDATE : SQL_RULE_ADD);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		bind_rule(s, who, r);
		if (r->id) {
			db_bind_int(s, 15, r->id);
			db_bind_int(s, 16, r->version);
			rc = store_run_one(c, s);
			if (rc == K_ENOTFOUND)
				rc = K_ECONFLICT;
			else if (!rc)
				r->version++;
		} else {
			rc = store_returning_id(s, &r->id);
			r->version = 1;
		}
	}
	if (!rc)
		rc = store_audit(c, who, r->version == 1 ? "rule.create" : "rule.update", "rule",
				 r->id, NULL);
	return store_finish(c, rc);
}
