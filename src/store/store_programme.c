/* store_programme.c: programmes, their quotas, enrolments and support, and the dated rates and
 * support rules (domain/programme.h). A national programme (org_id NULL) is seen by every
 * organisation, an organisation's own by it alone; an enrolment is its organisation's, its
 * person named only to a reader who may see them (VISIBLE). A quota's places are counted in
 * programme_quotas.used by one conditional update per enrolment or withdrawal, so that
 * enrolments racing for the last places cannot pass the quota. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"
#include "domain/reference.h"
#include "store/store.h"
#include "store/store_report.h"
#include "store/store_util.h"

/* ---- programmes ---- */

/* ?1 the reader's organisation. */
#define PROGRAMME_COLS                                                                             \
	"SELECT g.id, g.org_id, g.version, g.code, g.kind, g.name, g.name_kk, g.name_ru,"          \
	" g.description, g.categories, g.legal_statuses, g.age_min, g.age_max, g.has_quota,"       \
	" g.mrp_support, g.active, (SELECT COALESCE(SUM(e.family_size), 0) FROM enrolments e"      \
	" WHERE e.programme_id = g.id AND e.org_id = ?1 AND e.status = 'enrolled')"                \
	" FROM programmes g WHERE (g.org_id IS NULL OR g.org_id = ?1)"
static const char SQL_PROGRAMMES[] = PROGRAMME_COLS " ORDER BY g.org_id IS NOT NULL, g.id";
static const char SQL_PROGRAMME_GET[] = PROGRAMME_COLS " AND g.id = ?2";
static const char SQL_PROGRAMME_ADD[] =
    "INSERT INTO programmes (org_id, kind, name, description, categories, legal_statuses,"
    " age_min, age_max, has_quota, mrp_support, active, created_at, created_by, updated_at,"
    " updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?12, ?13)"
    " RETURNING id";
static const char SQL_PROGRAMME_UPDATE[] =
    "UPDATE programmes SET kind = ?2, name = ?3, description = ?4, categories = ?5,"
    " legal_statuses = ?6, age_min = ?7, age_max = ?8, has_quota = ?9, mrp_support = ?10,"
    " active = ?11, updated_at = ?12, updated_by = ?13, version = version + 1"
    " WHERE org_id = ?1 AND id = ?14 AND version = ?15";

/* Splits a space-separated list of codes into list (at most PROGRAMME_LIST_MAX). */
static size_t split_codes(struct arena *a, const char *s, const char **list)
{
	size_t n = 0;
	char *copy = arena_strdup(a, s);
	for (char *p = copy; p && *p && n < PROGRAMME_LIST_MAX;) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		list[n++] = p;
		p = strchr(p, ' ');
		if (p)
			*p++ = '\0';
	}
	return n;
}

static const char *join_codes(struct arena *a, const char *const *list, size_t n)
{
	if (!n)
		return NULL;
	size_t len = 0;
	for (size_t i = 0; i < n; i++)
		len += strlen(list[i]) + 1;
	char *s = arena_alloc(a, len), *p = s;
	for (size_t i = 0; i < n; i++) {
		size_t k = strlen(list[i]);
		memcpy(p, list[i], k);
		p += k;
		*p++ = i + 1 < n ? ' ' : '\0';
	}
	return s;
}

static void programme_from(struct dbstmt *s, struct arena *a, struct programme *p)
{
	*p = (struct programme){
		.id = db_col_int(s, 0),
		.org_id = db_col_int(s, 1),
		.version = db_col_int(s, 2),
		.code = arena_strdup(a, db_col_text(s, 3)),
		.kind = arena_strdup(a, db_col_text(s, 4)),
		.name = arena_strdup(a, db_col_text(s, 5)),
		.name_kk = arena_strdup(a, db_col_text(s, 6)),
		.name_ru = arena_strdup(a, db_col_text(s, 7)),
		.description = arena_strdup(a, db_col_text(s, 8)),
		.age_min = db_col_null(s, 11) ? -1 : db_col_int(s, 11),
		.age_max = db_col_null(s, 12) ? -1 : db_col_int(s, 12),
		.has_quota = db_col_int(s, 13) != 0,
		.mrp_support = db_col_int(s, 14) != 0,
		.active = db_col_int(s, 15) != 0,
		.enrolled = db_col_int(s, 16),
	};
	p->ncategories = split_codes(a, db_col_text(s, 9), p->categories);
	p->nlegal_statuses = split_codes(a, db_col_text(s, 10), p->legal_statuses);
}

int store_programmes(struct dbconn *c, struct arena *a, const struct actor *who,
		     struct programme **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_PROGRAMMES);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, who->org_id);
	STORE_COLLECT(s, a, struct programme, *rows, *n, 1000, programme_from(s, a, row));
	return 0;
}

int store_programme_get(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
			struct programme *out)
{
	struct dbstmt *s = db_prep(c, SQL_PROGRAMME_GET);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, who->org_id);
	db_bind_int(s, 2, id);
	int rc = db_step(s);
	if (rc == DB_ROW)
		programme_from(s, a, out);
	db_reset(s);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? K_ENOTFOUND : rc;
}

static void bind_age(struct dbstmt *s, int i, int64_t age)
{
	if (age >= 0)
		db_bind_int(s, i, age);
	else
		db_bind_null(s, i);
}

int store_programme_save(struct dbconn *c, struct arena *a, const struct actor *who,
			 struct programme *p)
{
	int rc = store_begin(c);
	struct dbstmt *s = rc ? NULL : db_prep(c, p->id ? SQL_PROGRAMME_UPDATE : SQL_PROGRAMME_ADD);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, who->org_id);
		db_bind_text(s, 2, p->kind);
		db_bind_text(s, 3, p->name);
		db_bind_text(s, 4, p->description);
		db_bind_text(s, 5, join_codes(a, p->categories, p->ncategories));
		db_bind_text(s, 6, join_codes(a, p->legal_statuses, p->nlegal_statuses));
		bind_age(s, 7, p->age_min);
		bind_age(s, 8, p->age_max);
		db_bind_int(s, 9, p->has_quota ? 1 : 0);
		db_bind_int(s, 10, p->mrp_support ? 1 : 0);
		db_bind_int(s, 11, p->active ? 1 : 0);
		db_bind_int(s, 12, time_now());
		db_bind_int(s, 13, who->user_id);
		if (p->id) {
			db_bind_int(s, 14, p->id);
			db_bind_int(s, 15, p->version);
			rc = store_run_one(c, s);
			/* A national programme, another organisation's, gone, or changed. */
			if (rc == K_ENOTFOUND) {
				struct programme now;
				rc = store_programme_get(c, a, who, p->id, &now) || !now.org_id
					 ? K_ENOTFOUND
					 : K_ECONFLICT;
			}
			p->version++;
		} else {
			rc = store_returning_id(s, &p->id);
			p->version = 1;
		}
	}
	if (!rc)
		rc = store_audit(c, who, "programme.save", "programme", p->id, p->kind);
	return store_finish(c, rc);
}

/* ---- quotas ---- */

static const char SQL_QUOTAS[] =
    "SELECT programme_id, region, year, quota, used FROM programme_quotas"
    " WHERE programme_id = ?1 AND year = ?2 ORDER BY region";
static const char SQL_QUOTA_YEARS[] =
    "SELECT DISTINCT year FROM programme_quotas WHERE programme_id = ?1 ORDER BY year";
static const char SQL_QUOTA_SET[] =
    "INSERT INTO programme_quotas (programme_id, region, year, quota) VALUES (?1, ?2, ?3, ?4)"
    " ON CONFLICT (programme_id, region, year) DO UPDATE SET quota = excluded.quota"
    " WHERE programme_quotas.used <= excluded.quota";

static void quota_from(struct dbstmt *s, struct arena *a, struct quota *q)
{
	*q = (struct quota){ .programme_id = db_col_int(s, 0),
			     .region = arena_strdup(a, db_col_text(s, 1)),
			     .year = db_col_int(s, 2),
			     .quota = db_col_int(s, 3),
			     .used = db_col_int(s, 4) };
}

int store_quotas(struct dbconn *c, struct arena *a, int64_t programme_id, int64_t year,
		 struct quota **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_QUOTAS);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, programme_id);
	db_bind_int(s, 2, year);
	STORE_COLLECT(s, a, struct quota, *rows, *n, 100, quota_from(s, a, row));
	return 0;
}

int store_quota_years(struct dbconn *c, struct arena *a, int64_t programme_id, int64_t **years,
		      size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_QUOTA_YEARS);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, programme_id);
	STORE_COLLECT(s, a, int64_t, *years, *n, 200, *row = db_col_int(s, 0));
	return 0;
}

int store_quota_set(struct dbconn *c, struct arena *a, const struct actor *who,
		    const struct quota *q, struct field_errors *errs)
{
	struct programme p;
	int rc = store_begin(c);
	if (!rc)
		rc = store_programme_get(c, a, who, q->programme_id, &p);
	/* The national quotas are the ministry's: they ship with Komek. */
	if (!rc && !p.org_id)
		rc = K_EFORBIDDEN;
	if (!rc && !p.has_quota) {
		field_error_add(errs, "quota", N_("The programme has no quotas."));
		rc = K_EINVAL;
	}
	struct dbstmt *s = rc ? NULL : db_prep(c, SQL_QUOTA_SET);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, q->programme_id);
		db_bind_text(s, 2, q->region);
		db_bind_int(s, 3, q->year);
		db_bind_int(s, 4, q->quota);
		rc = db_run(s);
		if (!rc && db_changes(c) == 0) {
			field_error_add(errs, "quota",
					N_("More people are enrolled than this quota has places."));
			rc = K_EINVAL;
		}
	}
	if (!rc)
		rc = store_audit(c, who, "programme.quota", "programme", q->programme_id,
				 arena_printf(a, "%s %lld: %lld", q->region, (long long)q->year,
					      (long long)q->quota));
	return store_finish(c, rc);
}

/* ---- rates and rules ---- */

static const char SQL_RATES[] =
    "SELECT year, min_wage, mrp, subsistence FROM rates WHERE year = ?1";
static const char SQL_RULES[] =
    "SELECT kind, valid_from, per_member_mrp, min_mrp, max_mrp, months FROM support_rules"
    " ORDER BY kind, valid_from";

int store_rates(struct dbconn *c, int64_t year, struct rates *out)
{
	*out = (struct rates){ .year = year };
	struct dbstmt *s = db_prep(c, SQL_RATES);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, year);
	int rc = db_step(s);
	if (rc == DB_ROW)
		*out = (struct rates){ .year = db_col_int(s, 0),
				       .min_wage = db_col_int(s, 1),
				       .mrp = db_col_int(s, 2),
				       .subsistence = db_col_int(s, 3) };
	db_reset(s);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? K_ENOTFOUND : rc;
}

int store_support_rules(struct dbconn *c, struct arena *a, struct support_rule **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_RULES);
	if (!s)
		return K_EDB;
	STORE_COLLECT(s, a, struct support_rule, *rows, *n, 100,
		      *row =
			  ((struct support_rule){ .kind = arena_strdup(a, db_col_text(s, 0)),
						  .valid_from = arena_strdup(a, db_col_text(s, 1)),
						  .per_member_mrp = db_col_int(s, 2),
						  .min_mrp = db_col_int(s, 3),
						  .max_mrp = db_col_int(s, 4),
						  .months = db_col_int(s, 5) }));
	return 0;
}

int store_entitlements(struct dbconn *c, struct arena *a, int64_t family_size, const char *on,
		       struct entitlements *out)
{
	struct rates r;
	struct support_rule *rules;
	size_t n;
	int64_t year = strtoll(on, NULL, 10);
	int rc = store_rates(c, year, &r);
	if (rc == K_ENOTFOUND) {
		programme_entitlements(NULL, NULL, 0, family_size, on, out);
		out->year = year;
		return 0;
	}
	if (!rc)
		rc = store_support_rules(c, a, &rules, &n);
	if (!rc)
		programme_entitlements(&r, rules, n, family_size, on, out);
	return rc;
}

/* ---- enrolments ---- */

/* ?1 ?2 ?3 VISIBLE's. */
#define ENROLMENT_COLS                                                                             \
	"SELECT e.id, e.programme_id, e.org_id, e.person_id, e.year, e.family_size, e.region,"     \
	" e.enrolled_on, e.status, e.withdrawn_on, e.note, CASE WHEN" VISIBLE_FROM_OTHER           \
	"THEN 1 ELSE 0 END, p.family_name, p.given_name, p.restricted, g.name,"                    \
	" (SELECT COALESCE(SUM(x.amount), 0) FROM programme_support x WHERE x.enrolment_id ="      \
	" e.id), g.name_kk, g.name_ru FROM enrolments e JOIN programmes g ON g.id = "              \
	"e.programme_id"                                                                           \
	" JOIN persons p ON p.id = e.person_id WHERE e.org_id = ?1 AND p.erased_at IS NULL"
/* ?4 the programme, ?5 the year (0: every year). A person the reader may not see is left
 * out: their enrolment is a record of them (the quota's places count it all the same). */
static const char SQL_ENROLMENTS[] =
    ENROLMENT_COLS " AND e.programme_id = ?4 AND (?5 = 0 OR e.year = ?5) AND" VISIBLE_FROM_OTHER
		   "ORDER BY e.status, e.enrolled_on DESC, e.id DESC LIMIT 5000";
static const char SQL_ENROLMENTS_OF_PERSON[] = ENROLMENT_COLS
    " AND e.person_id = ?4 AND" VISIBLE_FROM_OTHER "ORDER BY e.enrolled_on DESC, e.id DESC";
static const char SQL_ENROLMENT_GET[] = ENROLMENT_COLS " AND e.programme_id = ?4 AND e.id = ?5";

static void enrolment_from(struct dbstmt *s, struct arena *a, struct enrolment *e)
{
	*e = (struct enrolment){
		.id = db_col_int(s, 0),
		.programme_id = db_col_int(s, 1),
		.org_id = db_col_int(s, 2),
		.year = db_col_int(s, 4),
		.family_size = db_col_int(s, 5),
		.region = arena_strdup(a, db_col_text(s, 6)),
		.enrolled_on = arena_strdup(a, db_col_text(s, 7)),
		.status = arena_strdup(a, db_col_text(s, 8)),
		.withdrawn_on = arena_strdup(a, db_col_text(s, 9)),
		.visible = db_col_int(s, 11) != 0,
		.programme_name = arena_strdup(a, db_col_text(s, 15)),
		.support_total = db_col_int(s, 16),
		.programme_name_kk = arena_strdup(a, db_col_text(s, 17)),
		.programme_name_ru = arena_strdup(a, db_col_text(s, 18)),
	};
	if (e->visible) {
		e->person_id = db_col_int(s, 3);
		e->note = arena_strdup(a, db_col_text(s, 10));
		e->family_name = arena_strdup(a, db_col_text(s, 12));
		e->given_name = arena_strdup(a, db_col_text(s, 13));
		e->restricted = db_col_int(s, 14) != 0;
	}
}

int store_enrolments(struct dbconn *c, struct arena *a, const struct actor *who,
		     int64_t programme_id, int64_t year, struct enrolment **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_ENROLMENTS);
	if (!s)
		return K_EDB;
	bind_visible(s, who);
	db_bind_int(s, 4, programme_id);
	db_bind_int(s, 5, year);
	STORE_COLLECT(s, a, struct enrolment, *rows, *n, 5000, enrolment_from(s, a, row));
	return 0;
}

int store_enrolments_of_person(struct dbconn *c, struct arena *a, const struct actor *who,
			       int64_t person_id, struct enrolment **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_ENROLMENTS_OF_PERSON);
	if (!s)
		return K_EDB;
	bind_visible(s, who);
	db_bind_int(s, 4, person_id);
	STORE_COLLECT(s, a, struct enrolment, *rows, *n, 500, enrolment_from(s, a, row));
	return 0;
}

int store_enrolment_get(struct dbconn *c, struct arena *a, const struct actor *who,
			int64_t programme_id, int64_t id, struct enrolment *out)
{
	struct dbstmt *s = db_prep(c, SQL_ENROLMENT_GET);
	if (!s)
		return K_EDB;
	bind_visible(s, who);
	db_bind_int(s, 4, programme_id);
	db_bind_int(s, 5, id);
	int rc = db_step(s);
	if (rc == DB_ROW)
		enrolment_from(s, a, out);
	db_reset(s);
	if (rc != DB_ROW)
		return rc == DB_DONE ? K_ENOTFOUND : rc;
	return out->visible ? 0 : K_ENOTFOUND;
}

static const char SQL_QUOTA_TAKE[] =
    "UPDATE programme_quotas SET used = used + ?4 WHERE programme_id = ?1 AND region = ?2"
    " AND year = ?3 AND used + ?4 <= quota";
static const char SQL_QUOTA_GIVE_BACK[] =
    "UPDATE programme_quotas SET used = used - ?4 WHERE programme_id = ?1 AND region = ?2"
    " AND year = ?3 AND used >= ?4";
static const char SQL_QUOTA_LEFT[] =
    "SELECT quota - used FROM programme_quotas WHERE programme_id = ?1 AND region = ?2"
    " AND year = ?3";
static const char SQL_ENROLMENT_ADD[] =
    "INSERT INTO enrolments (programme_id, org_id, person_id, region, year, family_size,"
    " enrolled_on, note, created_at, created_by, places) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
    " ?8, ?9, ?10, ?11) RETURNING id";
static const char SQL_ENROLMENT_PLACES[] = "SELECT places FROM enrolments WHERE id = ?1";
static const char SQL_ENROLMENT_WITHDRAW[] =
    "UPDATE enrolments SET status = 'withdrawn', withdrawn_on = ?2 WHERE id = ?1"
    " AND status = 'enrolled'";

/* Moves n places of a region's quota for a year: take (n > 0) or give back (n < 0). */
static int quota_move(struct dbconn *c, int64_t programme_id, const char *region, int64_t year,
		      int64_t n)
{
	struct dbstmt *s = db_prep(c, n > 0 ? SQL_QUOTA_TAKE : SQL_QUOTA_GIVE_BACK);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, programme_id);
	db_bind_text(s, 2, region);
	db_bind_int(s, 3, year);
	db_bind_int(s, 4, n > 0 ? n : -n);
	int rc = db_run(s);
	return rc ? rc : db_changes(c) ? 0 : K_EINVAL;
}

/* Why a quota refused n places: none for that region and year, or too few left. */
static int quota_refusal(struct dbconn *c, const struct enrolment *e, struct field_errors *errs)
{
	struct dbstmt *s = db_prep(c, SQL_QUOTA_LEFT);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, e->programme_id);
	db_bind_text(s, 2, e->region);
	db_bind_int(s, 3, e->year);
	int rc = db_step(s);
	int64_t left = rc == DB_ROW ? db_col_int(s, 0) : -1;
	db_reset(s);
	if (rc < 0)
		return rc;
	if (left < 0)
		field_error_add(errs, "region",
				N_("The programme has no quota in this region for that year."));
	else
		field_error_add(errs, "family_size",
				N_("The region's quota for the year has too few places left for "
				   "this family."));
	return K_EINVAL;
}

int store_enrolment_add(struct dbconn *c, struct arena *a, const struct actor *who,
			struct enrolment *e, struct field_errors *errs)
{
	struct programme p;
	struct person person;
	int rc = store_begin(c);
	if (!rc)
		rc = store_programme_get(c, a, who, e->programme_id, &p);
	if (!rc && !p.active) {
		field_error_add(errs, "person_id", N_("The programme takes nobody new."));
		rc = K_EINVAL;
	}
	if (!rc) {
		rc = store_person_get(c, a, who, e->person_id, &person);
		if (rc == K_ENOTFOUND || (!rc && (person.erased_at || person.linked_to))) {
			field_error_add(errs, "person_id", N_("Choose a person."));
			rc = K_EINVAL;
		}
	}
	const char *why = NULL;
	if (!rc && !programme_eligible(&p, &person, e->enrolled_on, &why)) {
		field_error_add(errs, "person_id", why);
		rc = K_EINVAL;
	}
	if (!rc && p.has_quota) {
		rc = quota_move(c, p.id, e->region, e->year, e->family_size);
		if (rc == K_EINVAL)
			rc = quota_refusal(c, e, errs);
	}
	struct dbstmt *s = rc ? NULL : db_prep(c, SQL_ENROLMENT_ADD);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, p.id);
		db_bind_int(s, 2, who->org_id);
		db_bind_int(s, 3, e->person_id);
		db_bind_text(s, 4, e->region);
		db_bind_int(s, 5, e->year);
		db_bind_int(s, 6, e->family_size);
		db_bind_text(s, 7, e->enrolled_on);
		db_bind_text(s, 8, e->note);
		db_bind_int(s, 9, time_now());
		db_bind_int(s, 10, who->user_id);
		db_bind_int(s, 11, p.has_quota ? e->family_size : 0);
		rc = store_returning_id(s, &e->id);
		if (rc == K_ECONFLICT) {
			field_error_add(errs, "person_id",
					N_("The person is enrolled in this programme already."));
			rc = K_EINVAL;
		}
	}
	if (!rc)
		rc = store_audit(c, who, "programme.enrol", "person", e->person_id,
				 arena_printf(a, "programme %lld", (long long)p.id));
	if (!rc)
		rc = store_report_person(c, e->person_id);
	return store_finish(c, rc);
}

int store_enrolment_withdraw(struct dbconn *c, struct arena *a, const struct actor *who,
			     int64_t programme_id, int64_t id, const char *date, const char *today,
			     struct field_errors *errs)
{
	struct programme p;
	struct enrolment e;
	int rc = store_begin(c);
	if (!rc)
		rc = store_programme_get(c, a, who, programme_id, &p);
	if (!rc)
		rc = store_enrolment_get(c, a, who, programme_id, id, &e);
	if (!rc && strcmp(e.status, "enrolled") != 0)
		rc = K_ECONFLICT;
	if (!rc)
		rc = withdraw_validate(e.enrolled_on, date, today, errs);
	/* The places it took, whatever the programme's quotas are now. */
	int64_t places = 0;
	struct dbstmt *ps = rc ? NULL : db_prep(c, SQL_ENROLMENT_PLACES);
	if (!rc && !ps)
		rc = K_EDB;
	if (!rc) {
		db_bind_int(ps, 1, id);
		rc = store_returning_id(ps, &places);
	}
	struct dbstmt *s = rc ? NULL : db_prep(c, SQL_ENROLMENT_WITHDRAW);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, id);
		db_bind_text(s, 2, date);
		rc = store_run_one(c, s);
		if (rc == K_ENOTFOUND)
			rc = K_ECONFLICT;
	}
	if (!rc && places && e.region)
		rc = quota_move(c, p.id, e.region, e.year, -places) == K_EINVAL ? K_EDB : 0;
	if (!rc)
		rc = store_audit(c, who, "programme.withdraw", "person", e.person_id,
				 arena_printf(a, "programme %lld", (long long)p.id));
	if (!rc)
		rc = store_report_person(c, e.person_id);
	return store_finish(c, rc);
}

/* ---- support ---- */

static const char SQL_SUPPORT[] =
    "SELECT id, enrolment_id, kind, amount, given_on, note FROM programme_support"
    " WHERE enrolment_id = ?1 ORDER BY given_on, id";
static const char SQL_SUPPORT_ADD[] =
    "INSERT INTO programme_support (enrolment_id, kind, amount, given_on, note, created_at,"
    " created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id";

int store_support_list(struct dbconn *c, struct arena *a, int64_t enrolment_id,
		       struct support **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_SUPPORT);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, enrolment_id);
	STORE_COLLECT(s, a, struct support, *rows, *n, 500,
		      *row = ((struct support){ .id = db_col_int(s, 0),
						.enrolment_id = db_col_int(s, 1),
						.kind = arena_strdup(a, db_col_text(s, 2)),
						.amount = db_col_int(s, 3),
						.given_on = arena_strdup(a, db_col_text(s, 4)),
						.note = arena_strdup(a, db_col_text(s, 5)) }));
	return 0;
}

int store_support_add(struct dbconn *c, struct arena *a, const struct actor *who,
		      int64_t programme_id, struct support *x, const char *today,
		      struct field_errors *errs)
{
	struct programme p;
	struct enrolment e;
	struct support *given = NULL;
	size_t ngiven = 0;
	struct entitlements ent = { 0 };
	int rc = store_begin(c);
	if (!rc)
		rc = store_programme_get(c, a, who, programme_id, &p);
	if (!rc)
		rc = store_enrolment_get(c, a, who, programme_id, x->enrolment_id, &e);
	if (!rc && strcmp(e.status, "enrolled") != 0) {
		field_error_add(errs, "kind", N_("The person has left the programme."));
		rc = K_EINVAL;
	}
	if (!rc)
		rc = store_support_list(c, a, e.id, &given, &ngiven);
	/* The money of the MRP-based rules: the day's year's rates. */
	const char *on = x->given_on && date_valid(x->given_on) ? x->given_on : today;
	if (!rc)
		rc = store_entitlements(c, a, e.family_size, on, &ent);
	if (!rc && !p.mrp_support && ref_valid("support_kinds", x->kind) &&
	    strcmp(x->kind, "other") != 0) {
		field_error_add(errs, "kind", N_("This programme gives no such support."));
		rc = K_EINVAL;
	}
	if (!rc)
		rc = support_validate(a, x, &e, &ent, given, ngiven, today, errs);
	struct dbstmt *s = rc ? NULL : db_prep(c, SQL_SUPPORT_ADD);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, e.id);
		db_bind_text(s, 2, x->kind);
		db_bind_int(s, 3, x->amount);
		db_bind_text(s, 4, x->given_on);
		db_bind_text(s, 5, x->note);
		db_bind_int(s, 6, time_now());
		db_bind_int(s, 7, who->user_id);
		rc = store_returning_id(s, &x->id);
	}
	if (!rc)
		rc = store_audit(c, who, "programme.support", "person", e.person_id,
				 arena_printf(a, "%s %lld", x->kind, (long long)x->amount));
	return store_finish(c, rc);
}

static const char SQL_FIGURES_REGIONS[] =
    "SELECT COALESCE(e.region, ''), COUNT(DISTINCT CASE WHEN e.status = 'enrolled' THEN"
    " e.person_id END), COUNT(DISTINCT CASE WHEN e.status = 'withdrawn' THEN e.person_id END),"
    " COALESCE(SUM(CASE WHEN e.status = 'enrolled' THEN e.family_size ELSE 0 END), 0),"
    " COALESCE(SUM(CASE WHEN e.status = 'enrolled' THEN e.places ELSE 0 END), 0)"
    " FROM enrolments e WHERE e.programme_id = ?1 AND e.year = ?2 AND (?3 = 0 OR e.org_id = ?3)"
    " GROUP BY 1 ORDER BY 1 LIMIT 200";
static const char SQL_FIGURES_SUPPORT[] =
    "SELECT ps.kind, COUNT(DISTINCT e.person_id), COUNT(*), SUM(ps.amount) FROM"
    " programme_support ps JOIN enrolments e ON e.id = ps.enrolment_id WHERE e.programme_id ="
    " ?1 AND substr(ps.given_on, 1, 4) = ?2 AND (?3 = 0 OR e.org_id = ?3) GROUP BY 1"
    " ORDER BY 1 LIMIT 200";

static void region_figures_from(struct dbstmt *s, struct arena *a,
				struct programme_region_figures *x)
{
	x->region = arena_strdup(a, db_col_text(s, 0));
	x->enrolled = db_col_int(s, 1);
	x->withdrawn = db_col_int(s, 2);
	x->members = db_col_int(s, 3);
	x->places = db_col_int(s, 4);
}

static void support_figures_from(struct dbstmt *s, struct arena *a,
				 struct programme_support_figures *x)
{
	x->kind = arena_strdup(a, db_col_text(s, 0));
	x->people = db_col_int(s, 1);
	x->payments = db_col_int(s, 2);
	x->amount = db_col_int(s, 3);
}

int store_programme_figures(struct dbconn *c, struct arena *a, const struct actor *who,
			    bool all_orgs, int64_t programme_id, int64_t year,
			    struct programme_region_figures **regions, size_t *nregions,
			    struct programme_support_figures **support, size_t *nsupport)
{
	*regions = NULL;
	*support = NULL;
	*nregions = *nsupport = 0;
	int64_t org = all_orgs ? 0 : who->org_id;
	struct dbstmt *s = db_prep(c, SQL_FIGURES_REGIONS);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, programme_id);
	db_bind_int(s, 2, year);
	db_bind_int(s, 3, org);
	int rc;
	STORE_COLLECT_RC(s, a, struct programme_region_figures, *regions, *nregions, 200,
			 region_figures_from(s, a, row), rc);
	if (rc)
		return rc;
	if (!(s = db_prep(c, SQL_FIGURES_SUPPORT)))
		return K_EDB;
	char y[16];
	snprintf(y, sizeof y, "%04lld", (long long)year);
	db_bind_int(s, 1, programme_id);
	db_bind_text(s, 2, y);
	db_bind_int(s, 3, org);
	STORE_COLLECT(s, a, struct programme_support_figures, *support, *nsupport, 200,
		      support_figures_from(s, a, row));
}
