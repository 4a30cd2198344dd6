/* store_labour.c: employers, vacancies, a person's skills, employments and their
 * working-condition alerts, the minimum-wage table (store_labour.h; domain/labour.h). An
 * employment's alerts are decided by the pure rules of domain/labour.c from the dated tables
 * minimum_wages and labour_rules, inside the transaction that writes the employment, so that
 * the record and its alerts never disagree. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"
#include "store/store.h"
#include "store/store_labour.h"
#include "store/store_util.h"

/* Binds an id, or NULL for 0. */
static void bind_id(struct dbstmt *s, int i, int64_t id)
{
	if (id > 0)
		db_bind_int(s, i, id);
	else
		db_bind_null(s, i);
}

/* ---- employers ---- */

#define EMPLOYER_COLS                                                                              \
	"SELECT r.id, r.org_id, r.version, r.name, r.bin, r.region, r.address, r.contact,"         \
	" r.phone, r.note, r.active, (SELECT COUNT(*) FROM vacancies v WHERE v.employer_id ="      \
	" r.id AND v.status = 'open') FROM employers r"
static const char SQL_EMPLOYERS[] = EMPLOYER_COLS
    " WHERE r.org_id = ?1 AND (?2 = 0 OR r.active = 1) ORDER BY r.name, r.id LIMIT 2000";
static const char SQL_EMPLOYER_GET[] = EMPLOYER_COLS " WHERE r.org_id = ?1 AND r.id = ?2";
static const char SQL_EMPLOYER_EXISTS[] = "SELECT id FROM employers WHERE org_id = ?1 AND id = ?2";
static const char SQL_EMPLOYER_ADD[] =
    "INSERT INTO employers (org_id, name, bin, region, address, contact, phone, note, active,"
    " created_at, created_by, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
    " ?9, ?10, ?11, ?10, ?11) RETURNING id";
static const char SQL_EMPLOYER_UPDATE[] =
    "UPDATE employers SET name = ?2, bin = ?3, region = ?4, address = ?5, contact = ?6,"
    " phone = ?7, note = ?8, active = ?9, updated_at = ?10, updated_by = ?11,"
    " version = version + 1 WHERE org_id = ?1 AND id = ?12 AND version = ?13";

static void employer_from(struct dbstmt *s, struct arena *a, struct employer *e)
{
	*e = (struct employer){
		.id = db_col_int(s, 0),
		.org_id = db_col_int(s, 1),
		.version = db_col_int(s, 2),
		.name = arena_strdup(a, db_col_text(s, 3)),
		.bin = arena_strdup(a, db_col_text(s, 4)),
		.region = arena_strdup(a, db_col_text(s, 5)),
		.address = arena_strdup(a, db_col_text(s, 6)),
		.contact = arena_strdup(a, db_col_text(s, 7)),
		.phone = arena_strdup(a, db_col_text(s, 8)),
		.note = arena_strdup(a, db_col_text(s, 9)),
		.active = db_col_int(s, 10) != 0,
		.open_vacancies = db_col_int(s, 11),
	};
}

int store_employers(struct dbconn *c, struct arena *a, const struct actor *who, bool active_only,
		    struct employer **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_EMPLOYERS);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, who->org_id);
	db_bind_int(s, 2, active_only ? 1 : 0);
	STORE_COLLECT(s, a, struct employer, *rows, *n, 2000, employer_from(s, a, row));
	return 0;
}

int store_employer_get(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
		       struct employer *out)
{
	STORE_GET_ONE(c, SQL_EMPLOYER_GET, who->org_id, id, employer_from(s, a, out));
}

int store_employer_save(struct dbconn *c, const struct actor *who, struct employer *e)
{
	int rc = store_begin(c);
	struct dbstmt *s = rc ? NULL : db_prep(c, e->id ? SQL_EMPLOYER_UPDATE : SQL_EMPLOYER_ADD);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, who->org_id);
		db_bind_text(s, 2, e->name);
		db_bind_text(s, 3, e->bin);
		db_bind_text(s, 4, e->region);
		db_bind_text(s, 5, e->address);
		db_bind_text(s, 6, e->contact);
		db_bind_text(s, 7, e->phone);
		db_bind_text(s, 8, e->note);
		db_bind_int(s, 9, e->active ? 1 : 0);
		db_bind_int(s, 10, time_now());
		db_bind_int(s, 11, who->user_id);
		if (e->id) {
			db_bind_int(s, 12, e->id);
			db_bind_int(s, 13, e->version);
			rc = store_run_versioned(c, s, SQL_EMPLOYER_EXISTS, who->org_id, e->id);
			if (!rc)
				e->version++;
		} else {
			rc = store_returning_id(s, &e->id);
			e->version = 1;
		}
	}
	if (!rc)
		rc = store_audit(c, who, "employer.save", "employer", e->id,
				 e->active ? "active" : "inactive");
	return store_finish(c, rc);
}

/* ---- vacancies ---- */

#define VACANCY_COLS                                                                               \
	"SELECT v.id, v.org_id, v.employer_id, v.version, v.title, v.occupation, v.region,"        \
	" v.wage, v.hours_per_week, v.housing, v.languages, v.places, v.opened_on, v.closes_on,"   \
	" v.status, v.note, r.name FROM vacancies v JOIN employers r ON r.id = v.employer_id"
static const char SQL_VACANCIES[] =
    VACANCY_COLS " WHERE v.org_id = ?1 AND (CAST(?2 AS TEXT) IS NULL OR v.status = ?2)"
		 " AND (CAST(?3 AS TEXT) IS NULL OR v.region = ?3) AND (CAST(?4 AS TEXT) IS NULL"
		 " OR v.occupation = ?4) AND (?5 = 0 OR v.employer_id = ?5)"
		 " ORDER BY v.opened_on DESC, v.id DESC LIMIT 2000";
static const char SQL_VACANCY_GET[] = VACANCY_COLS " WHERE v.org_id = ?1 AND v.id = ?2";
static const char SQL_VACANCY_EXISTS[] = "SELECT id FROM vacancies WHERE org_id = ?1 AND id = ?2";
static const char SQL_VACANCY_ADD[] =
    "INSERT INTO vacancies (org_id, employer_id, title, occupation, region, wage,"
    " hours_per_week, housing, languages, places, opened_on, closes_on, status, note,"
    " created_at, created_by, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
    " ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?15, ?16) RETURNING id";
static const char SQL_VACANCY_UPDATE[] =
    "UPDATE vacancies SET employer_id = ?2, title = ?3, occupation = ?4, region = ?5,"
    " wage = ?6, hours_per_week = ?7, housing = ?8, languages = ?9, places = ?10,"
    " opened_on = ?11, closes_on = ?12, status = ?13, note = ?14, updated_at = ?15,"
    " updated_by = ?16, version = version + 1 WHERE org_id = ?1 AND id = ?17 AND version = ?18";

static void vacancy_from(struct dbstmt *s, struct arena *a, struct vacancy *v)
{
	*v = (struct vacancy){
		.id = db_col_int(s, 0),
		.org_id = db_col_int(s, 1),
		.employer_id = db_col_int(s, 2),
		.version = db_col_int(s, 3),
		.title = arena_strdup(a, db_col_text(s, 4)),
		.occupation = arena_strdup(a, db_col_text(s, 5)),
		.region = arena_strdup(a, db_col_text(s, 6)),
		.wage = db_col_int(s, 7),
		.hours_per_week = db_col_int(s, 8),
		.housing = db_col_int(s, 9) != 0,
		.languages = arena_strdup(a, db_col_text(s, 10)),
		.places = db_col_int(s, 11),
		.opened_on = arena_strdup(a, db_col_text(s, 12)),
		.closes_on = arena_strdup(a, db_col_text(s, 13)),
		.status = arena_strdup(a, db_col_text(s, 14)),
		.note = arena_strdup(a, db_col_text(s, 15)),
		.employer_name = arena_strdup(a, db_col_text(s, 16)),
	};
}

int store_vacancies(struct dbconn *c, struct arena *a, const struct actor *who,
		    const struct vacancy_filter *f, struct vacancy **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_VACANCIES);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, who->org_id);
	db_bind_text(s, 2, f ? f->status : NULL);
	db_bind_text(s, 3, f ? f->region : NULL);
	db_bind_text(s, 4, f ? f->occupation : NULL);
	db_bind_int(s, 5, f ? f->employer_id : 0);
	STORE_COLLECT(s, a, struct vacancy, *rows, *n, 2000, vacancy_from(s, a, row));
	return 0;
}

int store_vacancy_get(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
		      struct vacancy *out)
{
	STORE_GET_ONE(c, SQL_VACANCY_GET, who->org_id, id, vacancy_from(s, a, out));
}

/* Whether id is one of the organisation's records by exists_sql (?1 org, ?2 id): 0,
 * K_EINVAL with a field error, or the step's error. */
static int own_record(struct dbconn *c, const char *exists_sql, int64_t org, int64_t id,
		      const char *field, struct field_errors *errs)
{
	struct dbstmt *s = db_prep(c, exists_sql);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, org);
	db_bind_int(s, 2, id);
	int rc = store_returning_id(s, NULL);
	if (rc == K_ENOTFOUND) {
		field_error_add(errs, field, N_("Choose a value from the list."));
		rc = K_EINVAL;
	}
	return rc;
}

int store_vacancy_save(struct dbconn *c, const struct actor *who, struct vacancy *v,
		       struct field_errors *errs)
{
	int rc = store_begin(c);
	if (!rc)
		rc = own_record(c, SQL_EMPLOYER_EXISTS, who->org_id, v->employer_id, "employer_id",
				errs);
	struct dbstmt *s = rc ? NULL : db_prep(c, v->id ? SQL_VACANCY_UPDATE : SQL_VACANCY_ADD);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, who->org_id);
		db_bind_int(s, 2, v->employer_id);
		db_bind_text(s, 3, v->title);
		db_bind_text(s, 4, v->occupation);
		db_bind_text(s, 5, v->region);
		bind_id(s, 6, v->wage);
		bind_id(s, 7, v->hours_per_week);
		db_bind_int(s, 8, v->housing ? 1 : 0);
		db_bind_text(s, 9, v->languages);
		db_bind_int(s, 10, v->places);
		db_bind_text(s, 11, v->opened_on);
		db_bind_text(s, 12, v->closes_on);
		db_bind_text(s, 13, v->status);
		db_bind_text(s, 14, v->note);
		db_bind_int(s, 15, time_now());
		db_bind_int(s, 16, who->user_id);
		if (v->id) {
			db_bind_int(s, 17, v->id);
			db_bind_int(s, 18, v->version);
			rc = store_run_versioned(c, s, SQL_VACANCY_EXISTS, who->org_id, v->id);
			if (!rc)
				v->version++;
		} else {
			rc = store_returning_id(s, &v->id);
			v->version = 1;
		}
	}
	if (!rc)
		rc = store_audit(c, who, "vacancy.save", "vacancy", v->id, v->status);
	return store_finish(c, rc);
}

/* ---- a person's skills ---- */

static const char SQL_SKILLS[] =
    "SELECT id, person_id, kind, occupation, level, title, place, from_year, to_year, note"
    " FROM person_skills WHERE person_id = ?1"
    " ORDER BY kind, COALESCE(to_year, 9999) DESC, from_year DESC, id DESC LIMIT 500";
static const char SQL_SKILL_ADD[] =
    "INSERT INTO person_skills (person_id, kind, occupation, level, title, place, from_year,"
    " to_year, note, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
    " ?11) RETURNING id";
static const char SQL_SKILL_DELETE[] = "DELETE FROM person_skills WHERE person_id = ?1 AND id = ?2";

static void skill_from(struct dbstmt *s, struct arena *a, struct person_skill *k)
{
	*k = (struct person_skill){
		.id = db_col_int(s, 0),
		.person_id = db_col_int(s, 1),
		.kind = arena_strdup(a, db_col_text(s, 2)),
		.occupation = arena_strdup(a, db_col_text(s, 3)),
		.level = arena_strdup(a, db_col_text(s, 4)),
		.title = arena_strdup(a, db_col_text(s, 5)),
		.place = arena_strdup(a, db_col_text(s, 6)),
		.from_year = db_col_int(s, 7),
		.to_year = db_col_int(s, 8),
		.note = arena_strdup(a, db_col_text(s, 9)),
	};
}

int store_person_skills(struct dbconn *c, struct arena *a, int64_t person_id,
			struct person_skill **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_SKILLS);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, person_id);
	STORE_COLLECT(s, a, struct person_skill, *rows, *n, 500, skill_from(s, a, row));
	return 0;
}

int store_person_skill_add(struct dbconn *c, const struct actor *who, struct person_skill *k)
{
	int rc = store_begin(c);
	struct dbstmt *s = rc ? NULL : db_prep(c, SQL_SKILL_ADD);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, k->person_id);
		db_bind_text(s, 2, k->kind);
		db_bind_text(s, 3, k->occupation);
		db_bind_text(s, 4, k->level);
		db_bind_text(s, 5, k->title);
		db_bind_text(s, 6, k->place);
		bind_id(s, 7, k->from_year);
		bind_id(s, 8, k->to_year);
		db_bind_text(s, 9, k->note);
		db_bind_int(s, 10, time_now());
		db_bind_int(s, 11, who->user_id);
		rc = store_returning_id(s, &k->id);
	}
	if (!rc)
		rc = store_audit(c, who, "labour.skill_add", "person", k->person_id, k->kind);
	return store_finish(c, rc);
}

int store_person_skill_delete(struct dbconn *c, const struct actor *who, int64_t person_id,
			      int64_t id)
{
	int rc = store_begin(c);
	struct dbstmt *s = rc ? NULL : db_prep(c, SQL_SKILL_DELETE);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, person_id);
		db_bind_int(s, 2, id);
		rc = store_run_one(c, s);
	}
	if (!rc)
		rc = store_audit(c, who, "labour.skill_delete", "person", person_id, NULL);
	return store_finish(c, rc);
}

/* ---- the minimum wage and the legal week ---- */

static const char SQL_MINIMUM_WAGES[] =
    "SELECT valid_from, amount, set_by, set_at FROM minimum_wages ORDER BY valid_from";
static const char SQL_MINIMUM_WAGE_SET[] =
    "INSERT INTO minimum_wages (valid_from, amount, set_by, set_at) VALUES (?1, ?2, ?3, ?4)"
    " ON CONFLICT (valid_from) DO UPDATE SET amount = excluded.amount,"
    " set_by = excluded.set_by, set_at = excluded.set_at";
static const char SQL_LABOUR_RULES[] =
    "SELECT valid_from, legal_week_hours FROM labour_rules ORDER BY valid_from";

int store_minimum_wages(struct dbconn *c, struct arena *a, struct minimum_wage **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_MINIMUM_WAGES);
	if (!s)
		return K_EDB;
	STORE_COLLECT(s, a, struct minimum_wage, *rows, *n, 1000,
		      *row =
			  ((struct minimum_wage){ .valid_from = arena_strdup(a, db_col_text(s, 0)),
						  .amount = db_col_int(s, 1),
						  .set_by = db_col_int(s, 2),
						  .set_at = db_col_int(s, 3) }));
	return 0;
}

int store_minimum_wage_set(struct dbconn *c, const struct actor *who, const struct minimum_wage *m)
{
	int rc = store_begin(c);
	struct dbstmt *s = rc ? NULL : db_prep(c, SQL_MINIMUM_WAGE_SET);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		db_bind_text(s, 1, m->valid_from);
		db_bind_int(s, 2, m->amount);
		db_bind_int(s, 3, who->user_id);
		db_bind_int(s, 4, time_now());
		rc = db_run(s);
	}
	/* The national minimum is public law, not a person's wage: its figure is audited. */
	char detail[64];
	snprintf(detail, sizeof(detail), "%s %lld", m->valid_from ? m->valid_from : "",
		 (long long)m->amount);
	if (!rc)
		rc = store_audit(c, who, "labour.minimum_wage", "minimum_wage", 0, detail);
	return store_finish(c, rc);
}

int store_labour_rules(struct dbconn *c, struct arena *a, struct labour_rule **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_LABOUR_RULES);
	if (!s)
		return K_EDB;
	STORE_COLLECT(s, a, struct labour_rule, *rows, *n, 1000,
		      *row =
			  ((struct labour_rule){ .valid_from = arena_strdup(a, db_col_text(s, 0)),
						 .legal_week_hours = db_col_int(s, 1) }));
	return 0;
}

/* ---- alerts ---- */

/* ?1 ?2 ?3 VISIBLE's. */
#define ALERT_COLS                                                                                 \
	"SELECT a.id, a.org_id, a.employment_id, a.person_id, a.case_id, a.kind, a.detail,"        \
	" a.raised_on, a.resolved_on, a.resolved_by, a.resolution, p.family_name, p.given_name,"   \
	" p.restricted, e.job_title, COALESCE(r.name, e.employer_name) FROM labour_alerts a"       \
	" JOIN persons p ON p.id = a.person_id JOIN employments e ON e.id = a.employment_id"       \
	" LEFT JOIN employers r ON r.id = e.employer_id WHERE a.org_id = ?1"                       \
	" AND p.erased_at IS NULL AND" VISIBLE_FROM_OTHER
/* ?4 open only, ?5 the person, ?6 the case, ?7 the employment (0: any). */
static const char SQL_ALERTS[] =
    ALERT_COLS "AND (?4 = 0 OR a.resolved_on IS NULL) AND (?5 = 0 OR a.person_id = ?5)"
	       " AND (?6 = 0 OR a.case_id = ?6) AND (?7 = 0 OR a.employment_id = ?7)"
	       " ORDER BY a.resolved_on IS NOT NULL, a.raised_on DESC, a.id DESC LIMIT 2000";
static const char SQL_ALERT_GET[] = ALERT_COLS "AND a.id = ?4";
static const char SQL_ALERT_RESOLVE[] =
    "UPDATE labour_alerts SET resolved_on = ?2, resolved_by = ?3, resolution = ?4"
    " WHERE id = ?1 AND resolved_on IS NULL";
/* An employment's open alert of a kind: its figures and case kept current. */
static const char SQL_ALERT_REFRESH[] =
    "UPDATE labour_alerts SET detail = ?3, case_id = ?4 WHERE employment_id = ?1 AND kind = ?2"
    " AND resolved_on IS NULL";
static const char SQL_ALERT_RAISE[] =
    "INSERT INTO labour_alerts (org_id, employment_id, person_id, case_id, kind, detail,"
    " raised_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char SQL_ALERT_CORRECTED[] =
    "UPDATE labour_alerts SET resolved_on = ?3, resolved_by = ?4, resolution = 'corrected'"
    " WHERE employment_id = ?1 AND kind = ?2 AND resolved_on IS NULL";

static void alert_from(struct dbstmt *s, struct arena *a, struct labour_alert *x)
{
	*x = (struct labour_alert){
		.id = db_col_int(s, 0),
		.org_id = db_col_int(s, 1),
		.employment_id = db_col_int(s, 2),
		.person_id = db_col_int(s, 3),
		.case_id = db_col_int(s, 4),
		.kind = arena_strdup(a, db_col_text(s, 5)),
		.detail = arena_strdup(a, db_col_text(s, 6)),
		.raised_on = arena_strdup(a, db_col_text(s, 7)),
		.resolved_on = arena_strdup(a, db_col_text(s, 8)),
		.resolved_by = db_col_int(s, 9),
		.resolution = arena_strdup(a, db_col_text(s, 10)),
		.family_name = arena_strdup(a, db_col_text(s, 11)),
		.given_name = arena_strdup(a, db_col_text(s, 12)),
		.restricted = db_col_int(s, 13) != 0,
		.job_title = arena_strdup(a, db_col_text(s, 14)),
		.employer = arena_strdup(a, db_col_text(s, 15)),
	};
}

int store_labour_alerts(struct dbconn *c, struct arena *a, const struct actor *who,
			const struct labour_alert_filter *f, struct labour_alert **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_ALERTS);
	if (!s)
		return K_EDB;
	bind_visible(s, who);
	db_bind_int(s, 4, f && f->open_only ? 1 : 0);
	db_bind_int(s, 5, f ? f->person_id : 0);
	db_bind_int(s, 6, f ? f->case_id : 0);
	db_bind_int(s, 7, f ? f->employment_id : 0);
	STORE_COLLECT(s, a, struct labour_alert, *rows, *n, 2000, alert_from(s, a, row));
	return 0;
}

int store_labour_alert_get(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
			   struct labour_alert *out)
{
	struct dbstmt *s = db_prep(c, SQL_ALERT_GET);
	if (!s)
		return K_EDB;
	bind_visible(s, who);
	db_bind_int(s, 4, id);
	int rc = db_step(s);
	if (rc == DB_ROW)
		alert_from(s, a, out);
	db_reset(s);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? K_ENOTFOUND : rc;
}

int store_labour_alert_resolve(struct dbconn *c, struct arena *a, const struct actor *who,
			       int64_t id, const char *resolution, const char *today,
			       struct field_errors *errs)
{
	struct labour_alert x;
	int rc = labour_resolution_validate(a, &resolution, errs);
	if (rc)
		return rc;
	rc = store_begin(c);
	if (!rc)
		rc = store_labour_alert_get(c, a, who, id, &x);
	if (!rc && x.resolved_on)
		rc = K_ECONFLICT;
	struct dbstmt *s = rc ? NULL : db_prep(c, SQL_ALERT_RESOLVE);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, id);
		db_bind_text(s, 2, today);
		db_bind_int(s, 3, who->user_id);
		db_bind_text(s, 4, resolution);
		rc = store_run_one(c, s);
		if (rc == K_ENOTFOUND) /* resolved meanwhile */
			rc = K_ECONFLICT;
	}
	if (!rc)
		rc = store_audit(
		    c, who, "labour.alert_resolve", "person", x.person_id,
		    arena_printf(a, "employment %lld: %s", (long long)x.employment_id, x.kind));
	return store_finish(c, rc);
}

/* Decides an employment's alerts (inside the caller's transaction): raises those that apply
 * and are not open, keeps the figures of the open ones current, and resolves as corrected the
 * open ones that no longer apply; *changed counts the raised and corrected. */
/* The dated tables an employment is decided against. */
struct labour_tables {
	struct minimum_wage *wages;
	struct labour_rule *rules;
	size_t nwages, nrules;
};

static int tables_read(struct dbconn *c, struct arena *a, struct labour_tables *t)
{
	int rc = store_minimum_wages(c, a, &t->wages, &t->nwages);
	return rc ? rc : store_labour_rules(c, a, &t->rules, &t->nrules);
}

/* Whether a worker resolved an alert of the kind on the employment by hand with these very
 * figures: the same condition is not raised again until the record changes. */
static const char SQL_ALERT_HAND_RESOLVED[] =
    "SELECT COUNT(*) FROM labour_alerts WHERE employment_id = ?1 AND kind = ?2 AND"
    " resolved_on IS NOT NULL AND resolution <> 'corrected' AND COALESCE(detail, '') = ?3";

static int hand_resolved(struct dbconn *c, int64_t employment, const char *kind, const char *detail,
			 bool *out)
{
	struct dbstmt *s = db_prep(c, SQL_ALERT_HAND_RESOLVED);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, employment);
	db_bind_text(s, 2, kind);
	db_bind_text(s, 3, detail ? detail : "");
	int rc = db_step(s);
	*out = rc == DB_ROW && db_col_int(s, 0) > 0;
	db_reset(s);
	return rc == DB_ROW ? 0 : K_EDB;
}

static int alerts_sync(struct dbconn *c, struct arena *a, const struct actor *who,
		       const struct employment *e, const struct labour_tables *t, const char *today,
		       int64_t *changed)
{
	int rc = 0;
	const struct minimum_wage *wages = t->wages;
	const struct labour_rule *rules = t->rules;
	size_t nwages = t->nwages, nrules = t->nrules;
	const struct minimum_wage *m = minimum_wage_on(wages, nwages, e->started_on);
	int week = legal_week_on(rules, nrules, e->started_on);
	struct labour_finding found[LABOUR_ALERT_KINDS];
	size_t nfound = employment_alerts(a, e, m ? m->amount : 0, week, found);

	for (size_t k = 0; !rc && k < LABOUR_ALERT_KINDS_N; k++) {
		const char *kind = labour_alert_kinds[k].code;
		const struct labour_finding *hit = NULL;
		for (size_t i = 0; i < nfound; i++)
			if (strcmp(found[i].kind, kind) == 0)
				hit = &found[i];
		struct dbstmt *s = db_prep(c, hit ? SQL_ALERT_REFRESH : SQL_ALERT_CORRECTED);
		if (!s)
			return K_EDB;
		db_bind_int(s, 1, e->id);
		db_bind_text(s, 2, kind);
		if (hit) {
			db_bind_text(s, 3, hit->detail);
			bind_id(s, 4, e->case_id);
		} else {
			db_bind_text(s, 3, today);
			db_bind_int(s, 4, who->user_id);
		}
		if ((rc = db_run(s)))
			return rc;
		bool corrected = !hit && db_changes(c) > 0;
		bool raise = hit && db_changes(c) == 0, resolved = false;
		if (raise && (rc = hand_resolved(c, e->id, kind, hit->detail, &resolved)))
			return rc;
		raise = raise && !resolved;
		if (raise) {
			if (!(s = db_prep(c, SQL_ALERT_RAISE)))
				return K_EDB;
			db_bind_int(s, 1, e->org_id);
			db_bind_int(s, 2, e->id);
			db_bind_int(s, 3, e->person_id);
			bind_id(s, 4, e->case_id);
			db_bind_text(s, 5, kind);
			db_bind_text(s, 6, hit->detail);
			db_bind_text(s, 7, today);
			if ((rc = db_run(s)))
				return rc;
		}
		if (raise || corrected) {
			if (changed)
				(*changed)++;
			rc = store_audit(
			    c, who, raise ? "labour.alert" : "labour.alert_corrected", "person",
			    e->person_id,
			    arena_printf(a, "employment %lld: %s", (long long)e->id, kind));
		}
	}
	return rc;
}

/* ---- employments ---- */

#define EMPLOYMENT_COLS                                                                            \
	"SELECT e.id, e.org_id, e.person_id, e.version, e.case_id, e.employer_id, e.vacancy_id,"   \
	" e.employer_name, e.job_title, e.occupation, e.region, e.wage, e.hours_per_week,"         \
	" e.started_on, e.ended_on, e.contract, e.documents_held_by, e.note,"                      \
	" COALESCE(r.name, e.employer_name), (SELECT COUNT(*) FROM labour_alerts x"                \
	" WHERE x.employment_id = e.id AND x.resolved_on IS NULL) FROM employments e"              \
	" LEFT JOIN employers r ON r.id = e.employer_id"
static const char SQL_EMPLOYMENTS_OF_PERSON[] =
    EMPLOYMENT_COLS " WHERE e.org_id = ?1 AND e.person_id = ?2"
		    " ORDER BY e.started_on DESC, e.id DESC LIMIT 500";
/* ?1 ?2 ?3 VISIBLE's, ?4 the employment. */
static const char SQL_EMPLOYMENT_GET[] =
    EMPLOYMENT_COLS " JOIN persons p ON p.id = e.person_id WHERE e.org_id = ?1 AND e.id = ?4"
		    " AND p.erased_at IS NULL AND" VISIBLE_FROM_OTHER;
/* The organisation's employment of a person (whom the caller has read). */
static const char SQL_EMPLOYMENT_OF[] =
    EMPLOYMENT_COLS " WHERE e.org_id = ?1 AND e.person_id = ?2 AND e.id = ?3";
static const char SQL_EMPLOYMENTS_ALL[] = EMPLOYMENT_COLS " ORDER BY e.id";
static const char SQL_EMPLOYMENT_EXISTS[] =
    "SELECT id FROM employments WHERE org_id = ?1 AND id = ?2";
static const char SQL_EMPLOYMENT_ADD[] =
    "INSERT INTO employments (org_id, person_id, case_id, employer_id, employer_name,"
    " vacancy_id, job_title, occupation, region, wage, hours_per_week, started_on, ended_on,"
    " contract, documents_held_by, note, created_at, created_by, updated_at, updated_by)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
    " ?17, ?18) RETURNING id";
static const char SQL_EMPLOYMENT_UPDATE[] =
    "UPDATE employments SET case_id = ?3, employer_id = ?4, employer_name = ?5,"
    " vacancy_id = ?6, job_title = ?7, occupation = ?8, region = ?9, wage = ?10,"
    " hours_per_week = ?11, started_on = ?12, ended_on = ?13, contract = ?14,"
    " documents_held_by = ?15, note = ?16, updated_at = ?17, updated_by = ?18,"
    " version = version + 1 WHERE org_id = ?1 AND person_id = ?2 AND id = ?19"
    " AND version = ?20";
static const char SQL_CASE_OF_PERSON[] =
    "SELECT id FROM cases WHERE org_id = ?1 AND id = ?2 AND person_id = ?3";
static const char SQL_VACANCY_OF_ORG[] =
    "SELECT employer_id, occupation, region FROM vacancies WHERE org_id = ?1 AND id = ?2";

static void employment_from(struct dbstmt *s, struct arena *a, struct employment *e)
{
	*e = (struct employment){
		.id = db_col_int(s, 0),
		.org_id = db_col_int(s, 1),
		.person_id = db_col_int(s, 2),
		.version = db_col_int(s, 3),
		.case_id = db_col_int(s, 4),
		.employer_id = db_col_int(s, 5),
		.vacancy_id = db_col_int(s, 6),
		.employer_name = arena_strdup(a, db_col_text(s, 7)),
		.job_title = arena_strdup(a, db_col_text(s, 8)),
		.occupation = arena_strdup(a, db_col_text(s, 9)),
		.region = arena_strdup(a, db_col_text(s, 10)),
		.wage = db_col_int(s, 11),
		.hours_per_week = db_col_int(s, 12),
		.started_on = arena_strdup(a, db_col_text(s, 13)),
		.ended_on = arena_strdup(a, db_col_text(s, 14)),
		.contract = arena_strdup(a, db_col_text(s, 15)),
		.documents_held_by = arena_strdup(a, db_col_text(s, 16)),
		.note = arena_strdup(a, db_col_text(s, 17)),
		.employer = arena_strdup(a, db_col_text(s, 18)),
		.open_alerts = db_col_int(s, 19),
	};
}

int store_employments_of_person(struct dbconn *c, struct arena *a, const struct actor *who,
				int64_t person_id, struct employment **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_EMPLOYMENTS_OF_PERSON);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, who->org_id);
	db_bind_int(s, 2, person_id);
	STORE_COLLECT(s, a, struct employment, *rows, *n, 500, employment_from(s, a, row));
	return 0;
}

int store_employment_get(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
			 struct employment *out)
{
	struct dbstmt *s = db_prep(c, SQL_EMPLOYMENT_GET);
	if (!s)
		return K_EDB;
	bind_visible(s, who);
	db_bind_int(s, 4, id);
	int rc = db_step(s);
	if (rc == DB_ROW)
		employment_from(s, a, out);
	db_reset(s);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? K_ENOTFOUND : rc;
}

static int employment_of(struct dbconn *c, struct arena *a, const struct actor *who,
			 int64_t person_id, int64_t id, struct employment *out)
{
	struct dbstmt *s = db_prep(c, SQL_EMPLOYMENT_OF);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, who->org_id);
	db_bind_int(s, 2, person_id);
	db_bind_int(s, 3, id);
	int rc = db_step(s);
	if (rc == DB_ROW)
		employment_from(s, a, out);
	db_reset(s);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? K_ENOTFOUND : rc;
}

/* The employment's references: its case is the person's, its employer and vacancy the
 * organisation's, the vacancy the employer's (whom, with the occupation and region, it gives
 * when they are not). 0, K_EINVAL with errs, or the database's error. */
static int employment_refs(struct dbconn *c, struct arena *a, const struct actor *who,
			   struct employment *e, struct field_errors *errs)
{
	size_t before = errs->n;
	if (e->case_id > 0) {
		struct dbstmt *s = db_prep(c, SQL_CASE_OF_PERSON);
		if (!s)
			return K_EDB;
		db_bind_int(s, 1, who->org_id);
		db_bind_int(s, 2, e->case_id);
		db_bind_int(s, 3, e->person_id);
		int rc = store_returning_id(s, NULL);
		if (rc == K_ENOTFOUND)
			field_error_add(errs, "case_id", N_("Choose a case of this person."));
		else if (rc)
			return rc;
	}
	if (e->vacancy_id > 0) {
		struct dbstmt *s = db_prep(c, SQL_VACANCY_OF_ORG);
		if (!s)
			return K_EDB;
		db_bind_int(s, 1, who->org_id);
		db_bind_int(s, 2, e->vacancy_id);
		int step = db_step(s);
		int64_t employer = 0;
		const char *occupation = NULL, *region = NULL;
		if (step == DB_ROW) {
			employer = db_col_int(s, 0);
			occupation = arena_strdup(a, db_col_text(s, 1));
			region = arena_strdup(a, db_col_text(s, 2));
		}
		db_reset(s);
		if (step < 0)
			return step;
		if (step == DB_DONE) {
			field_error_add(errs, "vacancy_id", N_("Choose a value from the list."));
		} else if (e->employer_id > 0 && e->employer_id != employer) {
			field_error_add(errs, "vacancy_id",
					N_("The vacancy is another employer's."));
		} else {
			e->employer_id = employer;
			if (!e->occupation)
				e->occupation = occupation;
			if (!e->region)
				e->region = region;
		}
	}
	if (e->employer_id > 0 && !field_error_for(errs, "vacancy_id")) {
		int rc = own_record(c, SQL_EMPLOYER_EXISTS, who->org_id, e->employer_id,
				    "employer_id", errs);
		if (rc && rc != K_EINVAL)
			return rc;
	}
	return errs->n > before ? K_EINVAL : 0;
}

static bool same(const char *x, const char *y)
{
	return x && y ? strcmp(x, y) == 0 : x == y;
}

/* Appends a field's name to a space-separated list when it changed. */
static const char *with_field(struct arena *a, const char *list, const char *field, bool changed)
{
	return changed ? arena_printf(a, "%s%s%s", list, *list ? " " : "", field) : list;
}

/* The names of the fields an update changed, space-separated ("" for none). */
static const char *changed_fields(struct arena *a, const struct employment *o,
				  const struct employment *e)
{
	const char *out = "";
	out = with_field(a, out, "case_id", o->case_id != e->case_id);
	out = with_field(a, out, "employer_id", o->employer_id != e->employer_id);
	out = with_field(a, out, "employer_name", !same(o->employer_name, e->employer_name));
	out = with_field(a, out, "vacancy_id", o->vacancy_id != e->vacancy_id);
	out = with_field(a, out, "job_title", !same(o->job_title, e->job_title));
	out = with_field(a, out, "occupation", !same(o->occupation, e->occupation));
	out = with_field(a, out, "region", !same(o->region, e->region));
	out = with_field(a, out, "wage", o->wage != e->wage);
	out = with_field(a, out, "hours_per_week", o->hours_per_week != e->hours_per_week);
	out = with_field(a, out, "started_on", !same(o->started_on, e->started_on));
	out = with_field(a, out, "ended_on", !same(o->ended_on, e->ended_on));
	out = with_field(a, out, "contract", !same(o->contract, e->contract));
	out = with_field(a, out, "documents_held_by",
			 !same(o->documents_held_by, e->documents_held_by));
	return with_field(a, out, "note", !same(o->note, e->note));
}

int store_employment_save(struct dbconn *c, struct arena *a, const struct actor *who,
			  struct employment *e, const char *today, struct field_errors *errs)
{
	struct employment old = { 0 };
	bool update = e->id != 0;
	int rc = store_begin(c);
	if (!rc && update)
		rc = employment_of(c, a, who, e->person_id, e->id, &old);
	if (!rc)
		rc = employment_refs(c, a, who, e, errs);
	struct dbstmt *s =
	    rc ? NULL : db_prep(c, e->id ? SQL_EMPLOYMENT_UPDATE : SQL_EMPLOYMENT_ADD);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, who->org_id);
		db_bind_int(s, 2, e->person_id);
		bind_id(s, 3, e->case_id);
		bind_id(s, 4, e->employer_id);
		db_bind_text(s, 5, e->employer_name);
		bind_id(s, 6, e->vacancy_id);
		db_bind_text(s, 7, e->job_title);
		db_bind_text(s, 8, e->occupation);
		db_bind_text(s, 9, e->region);
		db_bind_int(s, 10, e->wage);
		db_bind_int(s, 11, e->hours_per_week);
		db_bind_text(s, 12, e->started_on);
		db_bind_text(s, 13, e->ended_on);
		db_bind_text(s, 14, e->contract);
		db_bind_text(s, 15, e->documents_held_by);
		db_bind_text(s, 16, e->note);
		db_bind_int(s, 17, time_now());
		db_bind_int(s, 18, who->user_id);
		if (e->id) {
			db_bind_int(s, 19, e->id);
			db_bind_int(s, 20, e->version);
			rc = store_run_versioned(c, s, SQL_EMPLOYMENT_EXISTS, who->org_id, e->id);
			if (!rc)
				e->version++;
		} else {
			rc = store_returning_id(s, &e->id);
			e->version = 1;
		}
	}
	e->org_id = who->org_id;
	if (!rc)
		rc = store_audit(c, who, update ? "employment.update" : "employment.add", "person",
				 e->person_id,
				 update ? arena_printf(a, "employment %lld: %s", (long long)e->id,
						       changed_fields(a, &old, e))
					: arena_printf(a, "employment %lld", (long long)e->id));
	struct labour_tables t = { 0 };
	if (!rc)
		rc = tables_read(c, a, &t);
	if (!rc)
		rc = alerts_sync(c, a, who, e, &t, today, NULL);
	return store_finish(c, rc);
}

int store_labour_recheck(struct dbconn *c, struct arena *a, const struct actor *who,
			 const char *today, int64_t *changed)
{
	struct employment *rows = NULL;
	size_t n = 0;
	struct labour_tables t = { 0 };
	*changed = 0;
	int rc = store_begin(c);
	struct dbstmt *s = rc ? NULL : db_prep(c, SQL_EMPLOYMENTS_ALL);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc)
		STORE_COLLECT_RC(s, a, struct employment, rows, n, 10000000,
				 employment_from(s, a, row), rc);
	if (!rc)
		rc = tables_read(c, a, &t);
	/* The table is national: every organisation's employments are decided again, each
	 * change audited in the employment's organisation, by the administrator who made it. */
	for (size_t i = 0; !rc && i < n; i++) {
		struct actor by = *who;
		by.org_id = rows[i].org_id;
		rc = alerts_sync(c, a, &by, &rows[i], &t, today, changed);
	}
	return store_finish(c, rc);
}

/* ---- matching ---- */

static int cmp_vacancy_match(const void *x, const void *y)
{
	const struct vacancy_match_row *p = x, *q = y;
	if (p->score != q->score)
		return q->score - p->score;
	return p->vacancy.id < q->vacancy.id ? 1 : p->vacancy.id > q->vacancy.id ? -1 : 0;
}

int store_vacancies_for_person(struct dbconn *c, struct arena *a, const struct actor *who,
			       const struct person *p, int min_score,
			       struct vacancy_match_row **rows, size_t *n)
{
	struct person_skill *skills = NULL;
	struct vacancy *open = NULL;
	size_t nskills = 0, nopen = 0;
	struct vacancy_filter f = { .status = "open" };
	*rows = NULL;
	*n = 0;
	int rc = store_person_skills(c, a, p->id, &skills, &nskills);
	if (!rc)
		rc = store_vacancies(c, a, who, &f, &open, &nopen);
	if (rc || !nopen)
		return rc;
	struct vacancy_match_row *out = arena_alloc(a, nopen * sizeof(*out));
	size_t k = 0;
	for (size_t i = 0; i < nopen; i++) {
		unsigned reasons = 0;
		int score = vacancy_match(&open[i], p, skills, nskills, &reasons);
		if (score >= min_score)
			out[k++] = (struct vacancy_match_row){ .vacancy = open[i],
							       .score = score,
							       .reasons = reasons };
	}
	qsort(out, k, sizeof(*out), cmp_vacancy_match);
	*rows = out;
	*n = k;
	return 0;
}

/* ?1 ?2 ?3 VISIBLE's, ?4 the vacancy's region, ?5 its major group (first digit), ?6 1 when
 * it offers housing. */
static const char SQL_CANDIDATES[] =
    "SELECT " PERSON_ROW_OF("p") ", p.lang_kk, p.lang_ru, p.languages FROM persons p"
				 " WHERE" VISIBLE "AND p.erased_at IS NULL AND p.linked_to IS NULL"
				 " AND (?6 = 1 OR p.region = ?4 OR EXISTS (SELECT 1 FROM"
				 " person_skills s WHERE s.person_id = p.id AND s.kind IN"
				 " ('skill', 'work') AND substr(s.occupation, 1, 1) = ?5))"
				 " ORDER BY p.id DESC LIMIT 2000";

struct candidate_src {
	struct person_row row;
	const char *lang_kk, *lang_ru, *languages;
};

static int cmp_candidate(const void *x, const void *y)
{
	const struct labour_candidate *p = x, *q = y;
	if (p->score != q->score)
		return q->score - p->score;
	return p->person.id < q->person.id ? 1 : p->person.id > q->person.id ? -1 : 0;
}

int store_vacancy_candidates(struct dbconn *c, struct arena *a, const struct actor *who,
			     int64_t vacancy_id, int min_score, struct labour_candidate **rows,
			     size_t *n)
{
	struct vacancy v;
	struct candidate_src *src = NULL;
	size_t nsrc = 0;
	*rows = NULL;
	*n = 0;
	int rc = store_vacancy_get(c, a, who, vacancy_id, &v);
	struct dbstmt *s = rc ? NULL : db_prep(c, SQL_CANDIDATES);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		char major[2] = { v.occupation ? v.occupation[0] : '\0', '\0' };
		bind_visible(s, who);
		db_bind_text(s, 4, v.region);
		db_bind_text(s, 5, major);
		db_bind_int(s, 6, v.housing ? 1 : 0);
		STORE_COLLECT_RC(s, a, struct candidate_src, src, nsrc, 2000,
				 (person_row_from(s, a, &row->row),
				  row->lang_kk = arena_strdup(a, db_col_text(s, 11)),
				  row->lang_ru = arena_strdup(a, db_col_text(s, 12)),
				  row->languages = arena_strdup(a, db_col_text(s, 13))),
				 rc);
	}
	if (rc || !nsrc)
		return rc;
	struct labour_candidate *out = arena_alloc(a, nsrc * sizeof(*out));
	size_t k = 0;
	for (size_t i = 0; !rc && i < nsrc; i++) {
		struct person_skill *skills = NULL;
		size_t nskills = 0;
		rc = store_person_skills(c, a, src[i].row.id, &skills, &nskills);
		if (rc)
			break;
		struct person p = { .id = src[i].row.id,
				    .region = src[i].row.region,
				    .lang_kk = src[i].lang_kk,
				    .lang_ru = src[i].lang_ru,
				    .languages = src[i].languages };
		unsigned reasons = 0;
		int score = vacancy_match(&v, &p, skills, nskills, &reasons);
		if (score >= min_score)
			out[k++] = (struct labour_candidate){ .person = src[i].row,
							      .score = score,
							      .reasons = reasons };
	}
	if (rc)
		return rc;
	qsort(out, k, sizeof(*out), cmp_candidate);
	if (k > 200)
		k = 200;
	*rows = out;
	*n = k;
	return 0;
}
