/* store_service.c: the catalogue of service types, services delivered in a case, and loan
 * repayments. The caller has read the case with its access rule (store_case_get). */
#include <stdio.h>
#include <string.h>

#include "base/banned.h"
#include "base/util.h"
#include "crypt/seal.h"
#include "store/store.h"
#include "store/store_report.h"
#include "store/store_util.h"

#define TYPE_COLS "SELECT id, service_kind, label_kk, label_ru, label_en, material, loan, active"
static const char SQL_TYPES[] = TYPE_COLS " FROM service_types WHERE (?1 = 0 OR active = 1)"
					  " ORDER BY service_kind, id LIMIT ?2";
static const char SQL_TYPE_GET[] = TYPE_COLS " FROM service_types WHERE id = ?1";
static const char SQL_TYPE_ADD[] =
    "INSERT INTO service_types (service_kind, label_kk, label_ru, label_en, material, loan,"
    " active) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1) RETURNING id";
static const char SQL_TYPE_ACTIVE[] = "UPDATE service_types SET active = ?2 WHERE id = ?1";
#define SERVICE_SELECT                                                                             \
	"SELECT s.id, s.case_id, s.person_id, s.household, s.type_id, s.service_kind, s.form,"     \
	" s.function, s.means, s.goal_id, s.delivered_on, s.minutes, s.provider_id, s.result,"     \
	" s.assistance, s.amount, s.currency, s.installments, s.first_due_on, s.every_days,"       \
	" s.created_at, u.login, u.full_name, (SELECT COALESCE(SUM(r.amount), 0) FROM"             \
	" loan_repayments r WHERE r.service_id = s.id)"
#define SERVICE_FROM " FROM services s JOIN users u ON u.id = s.provider_id"
#define SERVICE_COLS SERVICE_SELECT SERVICE_FROM
static const char SQL_SERVICES[] = SERVICE_COLS " WHERE s.case_id = ?1"
						" ORDER BY s.delivered_on DESC, s.id DESC LIMIT ?2";
static const char SQL_SERVICE_GET[] = SERVICE_COLS " WHERE s.case_id = ?1 AND s.id = ?2";
static const char SQL_SERVICE_ADD[] =
    "INSERT INTO services (case_id, person_id, household, type_id, service_kind, form,"
    " function, means, goal_id, delivered_on, minutes, provider_id, result, assistance,"
    " amount, currency, installments, first_due_on, every_days, created_at, created_by)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
    " ?19, ?20, ?21) RETURNING id";
/* Across the cases the actor sees (?1 ?2 ?3 VISIBLE's), newest first: ?4 service kind, ?5
 * form, ?6 function, ?7 means, ?8 from, ?9 to (delivered, inclusive), ?10 person, ?11 only
 * those the actor gave, ?12 limit, ?13 offset. */
static const char SQL_SERVICES_FIND[] = SERVICE_SELECT
    ", p.restricted, p.region" SERVICE_FROM
    " JOIN persons p ON p.id = s.person_id WHERE" VISIBLE_FROM_OTHER "AND p.erased_at IS NULL"
    " AND (CAST(?4 AS TEXT) IS NULL OR s.service_kind = ?4)"
    " AND (CAST(?5 AS TEXT) IS NULL OR s.form = ?5)"
    " AND (CAST(?6 AS TEXT) IS NULL OR s.function = ?6)"
    " AND (CAST(?7 AS TEXT) IS NULL OR s.means = ?7)"
    " AND (CAST(?8 AS TEXT) IS NULL OR s.delivered_on >= ?8)"
    " AND (CAST(?9 AS TEXT) IS NULL OR s.delivered_on <= ?9)"
    " AND (?10 = 0 OR s.person_id = ?10) AND (?11 = 0 OR s.provider_id = ?3)"
    " ORDER BY s.delivered_on DESC, s.id DESC LIMIT ?12 OFFSET ?13";
static const char SQL_GOAL_OF_CASE[] = "SELECT id FROM plan_goals WHERE id = ?1 AND case_id = ?2";
static const char SQL_REPAYMENTS[] =
    "SELECT id, service_id, amount, paid_on FROM loan_repayments WHERE service_id = ?1"
    " ORDER BY paid_on, id LIMIT ?2";
static const char SQL_REPAYMENT_ADD[] =
    "INSERT INTO loan_repayments (service_id, paid_on, amount, recorded_by, recorded_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id";

static const char *col(struct dbstmt *s, struct arena *a, int i)
{
	return arena_strdup(a, db_col_text(s, i));
}

static void type_from(struct dbstmt *s, struct arena *a, struct service_type *t)
{
	t->id = db_col_int(s, 0);
	t->service_kind = col(s, a, 1);
	t->label_kk = col(s, a, 2);
	t->label_ru = col(s, a, 3);
	t->label_en = col(s, a, 4);
	t->material = db_col_int(s, 5) != 0;
	t->loan = db_col_int(s, 6) != 0;
	t->active = db_col_int(s, 7) != 0;
}

int store_service_types(struct dbconn *c, struct arena *a, bool active_only,
			struct service_type **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_TYPES);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, active_only ? 1 : 0);
	db_bind_int(s, 2, SERVICE_TYPES_MAX);
	STORE_COLLECT(s, a, struct service_type, *rows, *n, SERVICE_TYPES_MAX,
		      type_from(s, a, row));
}

int store_service_type_get(struct dbconn *c, struct arena *a, int64_t id, struct service_type *out)
{
	struct dbstmt *s = db_prep(c, SQL_TYPE_GET);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, id);
	int rc = db_step(s);
	if (rc == DB_ROW)
		type_from(s, a, out);
	db_reset(s);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? K_ENOTFOUND : rc;
}

int store_service_type_save(struct dbconn *c, const struct actor *who, struct service_type *t)
{
	int rc = store_begin(c);
	struct dbstmt *s = rc ? NULL : db_prep(c, t->id ? SQL_TYPE_ACTIVE : SQL_TYPE_ADD);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc && t->id) {
		db_bind_int(s, 1, t->id);
		db_bind_int(s, 2, t->active ? 1 : 0);
		rc = store_run_one(c, s);
	} else if (!rc) {
		db_bind_text(s, 1, t->service_kind);
		db_bind_text(s, 2, t->label_kk);
		db_bind_text(s, 3, t->label_ru);
		db_bind_text(s, 4, t->label_en);
		db_bind_int(s, 5, t->material ? 1 : 0);
		db_bind_int(s, 6, t->loan ? 1 : 0);
		rc = store_returning_id(s, &t->id);
	}
	if (!rc)
		rc = store_audit(c, who, "service_type.save", "service_type", t->id,
				 t->active ? "active" : "inactive");
	return store_finish(c, rc);
}

static void service_from(struct dbstmt *s, struct arena *a, struct service_rec *r)
{
	memset(r, 0, sizeof(*r));
	r->id = db_col_int(s, 0);
	r->case_id = db_col_int(s, 1);
	r->person_id = db_col_int(s, 2);
	r->household = db_col_int(s, 3) != 0;
	r->type_id = db_col_int(s, 4);
	r->service_kind = col(s, a, 5);
	r->form = col(s, a, 6);
	r->function = col(s, a, 7);
	r->means = col(s, a, 8);
	r->goal_id = db_col_int(s, 9);
	r->delivered_on = col(s, a, 10);
	r->minutes = db_col_int(s, 11);
	r->provider_id = db_col_int(s, 12);
	r->result = col(s, a, 13);
	r->assistance = col(s, a, 14);
	r->amount = db_col_int(s, 15);
	r->currency = col(s, a, 16);
	r->installments = db_col_int(s, 17);
	r->first_due_on = col(s, a, 18);
	r->every_days = db_col_int(s, 19);
	r->created_at = db_col_int(s, 20);
	r->provider_login = col(s, a, 21);
	r->provider_name = col(s, a, 22);
	r->repaid = db_col_int(s, 23);
}

static int services_read(struct dbconn *c, struct arena *a, int64_t case_id,
			 struct service_rec **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_SERVICES);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, case_id);
	db_bind_int(s, 2, SERVICES_MAX);
	STORE_COLLECT(s, a, struct service_rec, *rows, *n, SERVICES_MAX, service_from(s, a, row));
}

static int services_find(struct dbconn *c, struct arena *a, const struct actor *who,
			 const struct service_filter *f, struct service_rec **rows, size_t *n)
{
	const char *texts[] = { f->service_kind, f->form, f->function, f->means, f->from, f->to };
	int64_t limit = f->limit > 0 && f->limit < SERVICES_MAX ? f->limit : SERVICES_MAX;
	struct dbstmt *s = db_prep(c, SQL_SERVICES_FIND);
	if (!s)
		return K_EDB;
	bind_visible(s, who);
	for (int i = 0; i < 6; i++)
		db_bind_text(s, 4 + i, texts[i]);
	db_bind_int(s, 10, f->person_id);
	db_bind_int(s, 11, f->mine ? 1 : 0);
	db_bind_int(s, 12, limit);
	db_bind_int(s, 13, f->offset);
	STORE_COLLECT(s, a, struct service_rec, *rows, *n, (size_t)limit, {
		service_from(s, a, row);
		row->restricted = db_col_int(s, 24) != 0;
		row->region = col(s, a, 25);
	});
}

static int open_result(struct arena *a, struct service_rec *r)
{
	return r->result ? seal_open(a, SEALED_SERVICE_RESULT, r->result, &r->result) : 0;
}

int store_services(struct dbconn *c, struct arena *a, int64_t case_id, struct service_rec **rows,
		   size_t *n)
{
	int rc = services_read(c, a, case_id, rows, n);
	for (size_t i = 0; !rc && i < *n; i++)
		rc = open_result(a, &(*rows)[i]);
	return rc;
}

int store_services_find(struct dbconn *c, struct arena *a, const struct actor *who,
			const struct service_filter *f, struct service_rec **rows, size_t *n)
{
	int rc = services_find(c, a, who, f, rows, n);
	for (size_t i = 0; !rc && i < *n; i++)
		rc = open_result(a, &(*rows)[i]);
	return rc;
}

int store_service_get(struct dbconn *c, struct arena *a, int64_t case_id, int64_t id,
		      struct service_rec *out)
{
	struct dbstmt *s = db_prep(c, SQL_SERVICE_GET);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, case_id);
	db_bind_int(s, 2, id);
	int rc = db_step(s);
	if (rc == DB_ROW)
		service_from(s, a, out);
	db_reset(s);
	rc = rc == DB_ROW ? 0 : rc == DB_DONE ? K_ENOTFOUND : rc;
	return rc ? rc : open_result(a, out);
}

static void bind_opt_int(struct dbstmt *s, int i, int64_t v)
{
	if (v)
		db_bind_int(s, i, v);
	else
		db_bind_null(s, i);
}

int store_service_write(struct dbconn *c, struct arena *a, const struct actor *who,
			const struct case_rec *k, struct service_rec *r)
{
	const char *result;
	int rc = seal(a, SEALED_SERVICE_RESULT, r->result, &result);
	if (!rc)
		rc = store_begin(c);
	/* The provider is who records it (a member of the team or a supervisor); a goal, when
	 * named, is one of this case's (else K_EINVAL). */
	struct dbstmt *s = NULL;
	if (!rc && r->goal_id) {
		if (!(s = db_prep(c, SQL_GOAL_OF_CASE)))
			rc = K_EDB;
		else {
			db_bind_int(s, 1, r->goal_id);
			db_bind_int(s, 2, k->id);
			rc = store_returning_id(s, NULL);
			if (rc == K_ENOTFOUND)
				rc = K_EINVAL;
		}
	}
	if (!rc && !(s = db_prep(c, SQL_SERVICE_ADD)))
		rc = K_EDB;
	if (!rc) {
		r->case_id = k->id;
		r->person_id = k->person_id;
		r->household = k->household;
		r->provider_id = who->user_id;
		r->created_at = time_now();
		db_bind_int(s, 1, r->case_id);
		db_bind_int(s, 2, r->person_id);
		db_bind_int(s, 3, r->household ? 1 : 0);
		db_bind_int(s, 4, r->type_id);
		db_bind_text(s, 5, r->service_kind);
		db_bind_text(s, 6, r->form);
		db_bind_text(s, 7, r->function);
		db_bind_text(s, 8, r->means);
		bind_opt_int(s, 9, r->goal_id);
		db_bind_text(s, 10, r->delivered_on);
		bind_opt_int(s, 11, r->minutes);
		db_bind_int(s, 12, r->provider_id);
		db_bind_text(s, 13, result);
		db_bind_text(s, 14, r->assistance);
		bind_opt_int(s, 15, r->amount);
		db_bind_text(s, 16, r->currency);
		bind_opt_int(s, 17, r->installments);
		db_bind_text(s, 18, r->first_due_on);
		bind_opt_int(s, 19, r->type && r->type->loan ? r->every_days : 0);
		db_bind_int(s, 20, r->created_at);
		db_bind_int(s, 21, who->user_id);
		rc = store_returning_id(s, &r->id);
	}
	if (!rc)
		rc = store_audit(c, who, "service.add", "case", k->id, r->service_kind);
	if (!rc)
		rc = store_report_service(c, r->id);
	return store_finish(c, rc);
}

static void repayment_from(struct dbstmt *s, struct repayment *r, struct arena *a)
{
	r->id = db_col_int(s, 0);
	r->service_id = db_col_int(s, 1);
	r->amount = db_col_int(s, 2);
	r->paid_on = col(s, a, 3);
}

int store_repayments(struct dbconn *c, struct arena *a, int64_t service_id, struct repayment **rows,
		     size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_REPAYMENTS);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, service_id);
	db_bind_int(s, 2, SERVICES_MAX);
	STORE_COLLECT(s, a, struct repayment, *rows, *n, SERVICES_MAX, repayment_from(s, row, a));
}

int store_repayment_write(struct dbconn *c, struct arena *a, const struct actor *who,
			  const struct case_rec *k, struct repayment *r, const char *today,
			  struct field_errors *errs)
{
	/* The balance is read inside the transaction that writes, so two repayments at once
	 * cannot both pass the check. */
	int rc = store_begin(c);
	struct service_rec loan;
	if (!rc)
		rc = store_service_get(c, a, k->id, r->service_id, &loan);
	if (!rc && !loan.installments)
		rc = K_ENOTFOUND; /* not a loan */
	if (!rc && repayment_validate(a, r, &loan, today, errs))
		rc = K_EINVAL;
	struct dbstmt *s = NULL;
	if (!rc && !(s = db_prep(c, SQL_REPAYMENT_ADD)))
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, r->service_id);
		db_bind_text(s, 2, r->paid_on);
		db_bind_int(s, 3, r->amount);
		db_bind_int(s, 4, who->user_id);
		db_bind_int(s, 5, time_now());
		rc = store_returning_id(s, &r->id);
	}
	if (!rc)
		rc = store_audit(c, who, "service.repayment", "case", k->id, r->paid_on);
	return store_finish(c, rc);
}
