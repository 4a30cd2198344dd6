/* store_referral.c: the directory of partner organisations and referrals to them.
 *
 * A referral is read on one side at a time (domain/referral.h). The sending organisation
 * reads it through its person's access rule, like the case it came from; the receiving
 * organisation reads only the referral's own columns, the copy of what it shares, and never
 * the person's record. Messages and outcomes are sealed at rest (crypt/seal.h). */
#include <stdio.h>
#include <string.h>

#include "base/banned.h"
#include "base/i18n.h"
#include "base/util.h"
#include "crypt/seal.h"
#include "store/store.h"
#include "store/store_report.h"
#include "store/store_util.h"

/* ---- the directory ---- */

#define PARTNER_COLS                                                                               \
	"SELECT pa.id, pa.name, pa.kind, pa.org_id, o.name, pa.description, pa.address,"           \
	" pa.phone, pa.email, pa.website, pa.contact_person, pa.active, pa.version,"               \
	" pa.created_at, pa.updated_at FROM partners pa LEFT JOIN orgs o ON o.id = pa.org_id"
/* ?1 a LIKE pattern of the name's key (person.h) or NULL, ?2 kind, ?3 service kind, ?4 region,
 * ?5 active only. */
static const char SQL_PARTNERS[] =
    PARTNER_COLS " WHERE (CAST(?1 AS TEXT) IS NULL OR pa.name_key LIKE ?1 ESCAPE '\\')"
		 " AND (CAST(?2 AS TEXT) IS NULL OR pa.kind = ?2)"
		 " AND (CAST(?3 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM partner_services ps"
		 " WHERE ps.partner_id = pa.id AND ps.service_kind = ?3))"
		 " AND (CAST(?4 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM partner_regions pr"
		 " WHERE pr.partner_id = pa.id AND pr.region = ?4) OR NOT EXISTS (SELECT 1 FROM"
		 " partner_regions pr WHERE pr.partner_id = pa.id))"
		 " AND (?5 = 0 OR pa.active = 1) ORDER BY pa.name_key, pa.id LIMIT ?6 OFFSET ?7";
static const char SQL_PARTNER_GET[] = PARTNER_COLS " WHERE pa.id = ?1";
static const char SQL_PARTNER_SERVICES[] =
    "SELECT service_kind FROM partner_services WHERE partner_id = ?1 ORDER BY service_kind";
static const char SQL_PARTNER_REGIONS[] =
    "SELECT region FROM partner_regions WHERE partner_id = ?1 ORDER BY region";
/* The link to an organisation (org_id) is left as it is: komek org link sets it. */
static const char SQL_PARTNER_ADD[] =
    "INSERT INTO partners (name, kind, name_key, description, address, phone, email, website,"
    " contact_person, active, version, created_at, created_by, updated_at, updated_by)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 1, ?11, ?12, ?11, ?12) RETURNING id";
static const char SQL_PARTNER_UPDATE[] =
    "UPDATE partners SET name = ?1, kind = ?2, name_key = ?3, description = ?4, address = ?5,"
    " phone = ?6, email = ?7, website = ?8, contact_person = ?9, active = ?10,"
    " updated_at = ?11, updated_by = ?12, version = version + 1"
    " WHERE id = ?13 AND version = ?14";
static const char SQL_PARTNER_ORG[] = "SELECT org_id FROM partners WHERE id = ?1";
static const char SQL_PARTNER_LINK[] =
    "UPDATE partners SET org_id = ?2, version = version + 1 WHERE id = ?1";
static const char SQL_PARTNER_OF_ORG[] = "SELECT id FROM partners WHERE org_id = ?1";
static const char SQL_PARTNER_SERVICES_CLEAR[] =
    "DELETE FROM partner_services WHERE partner_id = ?1";
static const char SQL_PARTNER_SERVICE_ADD[] =
    "INSERT INTO partner_services (partner_id, service_kind) VALUES (?1, ?2)";
static const char SQL_PARTNER_REGIONS_CLEAR[] = "DELETE FROM partner_regions WHERE partner_id = ?1";
static const char SQL_PARTNER_REGION_ADD[] =
    "INSERT INTO partner_regions (partner_id, region) VALUES (?1, ?2)";

static const char *col(struct dbstmt *s, struct arena *a, int i)
{
	return arena_strdup(a, db_col_text(s, i));
}

static void partner_from(struct dbstmt *s, struct arena *a, struct partner *p)
{
	memset(p, 0, sizeof(*p));
	p->id = db_col_int(s, 0);
	p->name = col(s, a, 1);
	p->kind = col(s, a, 2);
	p->org_id = db_col_int(s, 3);
	p->org_name = col(s, a, 4);
	p->description = col(s, a, 5);
	p->address = col(s, a, 6);
	p->phone = col(s, a, 7);
	p->email = col(s, a, 8);
	p->website = col(s, a, 9);
	p->contact_person = col(s, a, 10);
	p->active = db_col_int(s, 11) != 0;
	p->version = db_col_int(s, 12);
	p->created_at = db_col_int(s, 13);
	p->updated_at = db_col_int(s, 14);
}

/* Reads a partner's codes (services or regions) into codes[max]. */
static int partner_codes(struct dbconn *c, struct arena *a, const char *sql, int64_t id,
			 const char **codes, size_t *n, size_t max)
{
	struct dbstmt *s = db_prep(c, sql);
	int rc;
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, id);
	*n = 0;
	while ((rc = db_step(s)) == DB_ROW && *n < max)
		codes[(*n)++] = col(s, a, 0);
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static int partner_lists(struct dbconn *c, struct arena *a, struct partner *p)
{
	int rc = partner_codes(c, a, SQL_PARTNER_SERVICES, p->id, p->services, &p->nservices,
			       PARTNER_SERVICES_MAX);
	return rc ? rc
		  : partner_codes(c, a, SQL_PARTNER_REGIONS, p->id, p->regions, &p->nregions,
				  PARTNER_REGIONS_MAX);
}

/* "%q%" for LIKE, with % _ and \ taken literally; NULL for no query. The query is a name
 * key (lower case, Latin), matched inside the stored keys. */
static const char *like_pattern(struct arena *a, const char *q)
{
	if (!q || !*q)
		return NULL;
	size_t n = strlen(q);
	char *p = arena_alloc(a, 2 * n + 3), *w = p;
	*w++ = '%';
	for (size_t i = 0; i < n; i++) {
		char ch = q[i];
		if (ch == '%' || ch == '_' || ch == '\\')
			*w++ = '\\';
		*w++ = ch;
	}
	*w++ = '%';
	*w = '\0';
	return p;
}

static int partners_read(struct dbconn *c, struct arena *a, const struct partner_filter *f,
			 struct partner **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_PARTNERS);
	int64_t limit = f->limit > 0 && f->limit < PARTNERS_MAX ? f->limit : PARTNERS_MAX;
	if (!s)
		return K_EDB;
	db_bind_text(s, 1, like_pattern(a, f->q ? person_query_key(a, f->q) : NULL));
	db_bind_text(s, 2, f->kind);
	db_bind_text(s, 3, f->service_kind);
	db_bind_text(s, 4, f->region);
	db_bind_int(s, 5, f->active_only ? 1 : 0);
	db_bind_int(s, 6, limit);
	db_bind_int(s, 7, f->offset);
	STORE_COLLECT(s, a, struct partner, *rows, *n, (size_t)limit, partner_from(s, a, row));
}

int store_partners(struct dbconn *c, struct arena *a, const struct partner_filter *f,
		   struct partner **rows, size_t *n)
{
	int rc = partners_read(c, a, f, rows, n);
	for (size_t i = 0; !rc && i < *n; i++)
		rc = partner_lists(c, a, &(*rows)[i]);
	return rc;
}

static int partner_one(struct dbconn *c, struct arena *a, const char *sql, int64_t key,
		       struct partner *out)
{
	struct dbstmt *s = db_prep(c, sql);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, key);
	int rc = db_step(s);
	if (rc == DB_ROW)
		partner_from(s, a, out);
	db_reset(s);
	rc = rc == DB_ROW ? 0 : rc == DB_DONE ? K_ENOTFOUND : rc;
	return rc ? rc : partner_lists(c, a, out);
}

int store_partner_get(struct dbconn *c, struct arena *a, int64_t id, struct partner *out)
{
	return partner_one(c, a, SQL_PARTNER_GET, id, out);
}

static int codes_write(struct dbconn *c, const char *clear, const char *add, int64_t id,
		       const char *const *codes, size_t n)
{
	struct dbstmt *s = db_prep(c, clear);
	int rc;
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, id);
	if ((rc = db_run(s)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		if (!(s = db_prep(c, add)))
			return K_EDB;
		db_bind_int(s, 1, id);
		db_bind_text(s, 2, codes[i]);
		if ((rc = db_run(s)))
			return rc;
	}
	return 0;
}

int store_partner_put(struct dbconn *c, const struct actor *who, struct partner *p)
{
	int rc = 0;
	struct dbstmt *s = db_prep(c, p->id ? SQL_PARTNER_UPDATE : SQL_PARTNER_ADD);
	if (!s)
		rc = K_EDB;
	if (!rc) {
		const char *texts[] = { p->name,        p->kind,    p->name_key,
					p->description, p->address, p->phone,
					p->email,       p->website, p->contact_person };
		for (int i = 0; i < 9; i++)
			db_bind_text(s, i + 1, texts[i]);
		db_bind_int(s, 10, p->active ? 1 : 0);
		db_bind_int(s, 11, time_now());
		db_bind_int(s, 12, who->user_id);
		if (p->id) {
			db_bind_int(s, 13, p->id);
			db_bind_int(s, 14, p->version);
			rc = store_run_one(c, s);
			if (rc == K_ENOTFOUND)
				rc = K_ECONFLICT; /* changed meanwhile */
			p->version++;
		} else {
			rc = store_returning_id(s, &p->id);
			p->version = 1;
		}
	}
	if (!rc)
		rc = codes_write(c, SQL_PARTNER_SERVICES_CLEAR, SQL_PARTNER_SERVICE_ADD, p->id,
				 p->services, p->nservices);
	if (!rc)
		rc = codes_write(c, SQL_PARTNER_REGIONS_CLEAR, SQL_PARTNER_REGION_ADD, p->id,
				 p->regions, p->nregions);
	if (!rc)
		rc = store_audit(c, who, "partner.save", "partner", p->id,
				 p->active ? "active" : "inactive");
	return rc;
}

/* Sets entry id's link to org_id (0: none), with its audit row naming both. */
static int link_one(struct dbconn *c, int64_t id, int64_t org_id, int64_t audit_org)
{
	static const struct actor cli = { .addr = "cli" };
	char detail[32];
	struct dbstmt *s = db_prep(c, SQL_PARTNER_LINK);
	int rc;
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, id);
	if (org_id)
		db_bind_int(s, 2, org_id);
	else
		db_bind_null(s, 2);
	if ((rc = store_run_one(c, s)))
		return rc;
	snprintf(detail, sizeof(detail), "org %lld", (long long)audit_org);
	return store_audit(c, &cli, org_id ? "partner.link" : "partner.unlink", "partner", id,
			   detail);
}

int store_partner_link(struct dbconn *c, int64_t org_id, int64_t partner_id)
{
	int64_t now = 0, owner = 0;
	struct dbstmt *s = db_prep(c, SQL_PARTNER_OF_ORG);
	int rc = s ? 0 : K_EDB;
	if (!rc) {
		db_bind_int(s, 1, org_id);
		rc = store_returning_id(s, &now);
		rc = rc == K_ENOTFOUND ? 0 : rc;
	}
	/* An entry that is another organisation already stays theirs. */
	if (!rc && partner_id && !(s = db_prep(c, SQL_PARTNER_ORG)))
		rc = K_EDB;
	else if (!rc && partner_id) {
		db_bind_int(s, 1, partner_id);
		if ((rc = db_step(s)) == DB_ROW) {
			owner = db_col_int(s, 0);
			rc = owner && owner != org_id ? K_ECONFLICT : 0;
		} else {
			rc = rc == DB_DONE ? K_ENOTFOUND : rc;
		}
		db_reset(s);
	}
	if (rc || now == partner_id)
		return rc; /* already so: nothing changes */
	if (now)
		rc = link_one(c, now, 0, org_id);
	if (!rc && partner_id)
		rc = link_one(c, partner_id, org_id, org_id);
	return rc;
}

int store_partner_save(struct dbconn *c, const struct actor *who, struct partner *p)
{
	int rc = store_begin(c);
	return store_finish(c, rc ? rc : store_partner_put(c, who, p));
}

/* ---- referrals ---- */

/* ?1 ?2 ?3 are VISIBLE's. A referral is seen from the sending organisation through its
 * person, from the receiving one by organisation. */
#define REFERRAL_COLS                                                                              \
	"SELECT r.id, r.case_id, r.person_id, r.from_org_id, r.partner_id, r.to_org_id,"           \
	" r.consent_id, r.sent_by, r.answered_by, r.handler_id, r.completed_by, r.version,"        \
	" r.created_at, r.updated_at, r.service_kind, r.message, r.status, r.sent_on,"             \
	" r.expires_on, r.answered_on, r.decline_reason, r.completed_on, r.outcome,"               \
	" r.restricted, r.share_contact, r.family_name, r.given_name, r.patronymic,"               \
	" r.birth_date, r.sex, r.phone, pa.name, fo.name, tg.name,"                                \
	" COALESCE(su.full_name, su.login), COALESCE(hu.full_name, hu.login)"                      \
	" FROM referrals r JOIN persons p ON p.id = r.person_id AND p.erased_at IS NULL"           \
	" JOIN partners pa ON pa.id = r.partner_id JOIN orgs fo ON fo.id = r.from_org_id"          \
	" LEFT JOIN orgs tg ON tg.id = r.to_org_id JOIN users su ON su.id = r.sent_by"             \
	" LEFT JOIN users hu ON hu.id = r.handler_id"
#define REFERRAL_SENT_SIDE "(r.from_org_id = ?1 AND" VISIBLE_FROM_OTHER ")"
#define REFERRAL_RECEIVED_SIDE                                                                     \
	"(r.to_org_id = ?1 AND (r.restricted = 0 OR ?2 = 1 OR r.handler_id = ?3))"
static const char SQL_REFERRAL_GET[] =
    REFERRAL_COLS " WHERE r.id = ?4 AND (" REFERRAL_SENT_SIDE " OR " REFERRAL_RECEIVED_SIDE ")";
/* ?5 status, ?6 today, ?7 mine (taken by ?3), ?8 limit, ?9 offset. */
#define REFERRAL_FILTERS                                                                           \
	" AND (CAST(?5 AS TEXT) IS NULL OR (?5 = 'expired' AND r.status = 'sent'"                  \
	" AND r.expires_on < ?6) OR (?5 = 'sent' AND r.status = 'sent' AND r.expires_on >= ?6)"    \
	" OR (?5 NOT IN ('sent', 'expired') AND r.status = ?5))"                                   \
	" AND (?7 = 0 OR r.handler_id = ?3) ORDER BY r.id DESC LIMIT ?8 OFFSET ?9"
static const char SQL_REFERRALS_OF_CASE[] =
    REFERRAL_COLS " WHERE r.case_id = ?4 AND" REFERRAL_SENT_SIDE REFERRAL_FILTERS;
static const char SQL_REFERRALS_SENT[] =
    REFERRAL_COLS " WHERE ?4 = 0 AND" REFERRAL_SENT_SIDE REFERRAL_FILTERS;
static const char SQL_REFERRALS_RECEIVED[] =
    REFERRAL_COLS " WHERE ?4 = 0 AND" REFERRAL_RECEIVED_SIDE REFERRAL_FILTERS;
static const char SQL_CONSENT_FOR_REFERRAL[] =
    "SELECT id FROM consents WHERE person_id = ?1 AND purpose = 'referral_sharing'"
    " AND withdrawn_on IS NULL AND given_on <= ?2 ORDER BY id DESC LIMIT 1";
static const char SQL_REFERRAL_ADD[] =
    "INSERT INTO referrals (case_id, person_id, from_org_id, partner_id, to_org_id,"
    " service_kind, message, consent_id, restricted, share_contact, family_name, given_name,"
    " patronymic, birth_date, sex, phone, status, sent_on, expires_on, sent_by, version,"
    " created_at, updated_at)"
    " SELECT ?1, p.id, ?2, ?3, ?4, ?5, ?6, ?7, p.restricted, ?8, p.family_name, p.given_name,"
    " p.patronymic, p.birth_date, p.sex, CASE WHEN ?14 = 1 THEN p.phone END, 'sent', ?9, ?10,"
    " ?11, 1, ?12, ?12 FROM persons p WHERE p.id = ?13 AND p.erased_at IS NULL RETURNING id";
static const char SQL_REFERRAL_ANSWER[] =
    "UPDATE referrals SET status = ?3, answered_on = ?4, answered_by = ?5, decline_reason = ?6,"
    " handler_id = ?7, completed_on = ?8, completed_by = ?9, outcome = ?10,"
    " version = version + 1, updated_at = ?11 WHERE id = ?1 AND version = ?2";

static void referral_from(struct dbstmt *s, struct arena *a, struct referral *r)
{
	int64_t *ints[] = { &r->id,          &r->case_id,    &r->person_id,    &r->from_org_id,
			    &r->partner_id,  &r->to_org_id,  &r->consent_id,   &r->sent_by,
			    &r->answered_by, &r->handler_id, &r->completed_by, &r->version,
			    &r->created_at,  &r->updated_at };
	const char **texts[] = { &r->service_kind,   &r->message,      &r->status,
				 &r->sent_on,        &r->expires_on,   &r->answered_on,
				 &r->decline_reason, &r->completed_on, &r->outcome };
	const char **shared[] = { &r->family_name,  &r->given_name,    &r->patronymic,
				  &r->birth_date,   &r->sex,           &r->phone,
				  &r->partner_name, &r->from_org_name, &r->to_org_name,
				  &r->sent_by_name, &r->handler_name };
	int i = 0;
	memset(r, 0, sizeof(*r));
	for (size_t j = 0; j < ARRAY_SIZE(ints); j++)
		*ints[j] = db_col_int(s, i++);
	for (size_t j = 0; j < ARRAY_SIZE(texts); j++)
		*texts[j] = col(s, a, i++);
	r->restricted = db_col_int(s, i++) != 0;
	r->share_contact = db_col_int(s, i++) != 0;
	for (size_t j = 0; j < ARRAY_SIZE(shared); j++)
		*shared[j] = col(s, a, i++);
}

static int referral_open(struct arena *a, struct referral *r)
{
	int rc = r->message ? seal_open(a, SEALED_REFERRAL_MESSAGE, r->message, &r->message) : 0;
	if (!rc && r->outcome)
		rc = seal_open(a, SEALED_REFERRAL_OUTCOME, r->outcome, &r->outcome);
	return rc;
}

static int referrals_read(struct dbconn *c, struct arena *a, const struct actor *who,
			  const struct referral_filter *f, struct referral **rows, size_t *n)
{
	const char *sql = f->case_id ? SQL_REFERRALS_OF_CASE
			  : f->inbox ? SQL_REFERRALS_RECEIVED
				     : SQL_REFERRALS_SENT;
	int64_t limit = f->limit > 0 && f->limit < REFERRALS_MAX ? f->limit : REFERRALS_MAX;
	struct dbstmt *s = db_prep(c, sql);
	if (!s)
		return K_EDB;
	bind_visible(s, who);
	db_bind_int(s, 4, f->case_id);
	db_bind_text(s, 5, f->status);
	db_bind_text(s, 6, f->today);
	db_bind_int(s, 7, f->mine ? 1 : 0);
	db_bind_int(s, 8, limit);
	db_bind_int(s, 9, f->offset);
	STORE_COLLECT(s, a, struct referral, *rows, *n, (size_t)limit, referral_from(s, a, row));
}

int store_referrals(struct dbconn *c, struct arena *a, const struct actor *who,
		    const struct referral_filter *f, struct referral **rows, size_t *n)
{
	int rc = referrals_read(c, a, who, f, rows, n);
	for (size_t i = 0; !rc && i < *n; i++)
		rc = referral_open(a, &(*rows)[i]);
	return rc;
}

int store_referral_get(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
		       struct referral *out)
{
	struct dbstmt *s = db_prep(c, SQL_REFERRAL_GET);
	if (!s)
		return K_EDB;
	bind_visible(s, who);
	db_bind_int(s, 4, id);
	int rc = db_step(s);
	if (rc == DB_ROW)
		referral_from(s, a, out);
	db_reset(s);
	rc = rc == DB_ROW ? 0 : rc == DB_DONE ? K_ENOTFOUND : rc;
	return rc ? rc : referral_open(a, out);
}

/* The consent in force to share the person's data for a referral: its id, or K_ENOTFOUND. */
static int referral_consent(struct dbconn *c, int64_t person_id, const char *today, int64_t *id)
{
	struct dbstmt *s = db_prep(c, SQL_CONSENT_FOR_REFERRAL);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, person_id);
	db_bind_text(s, 2, today);
	return store_returning_id(s, id);
}

int store_referral_add(struct dbconn *c, struct arena *a, const struct actor *who,
		       const struct case_rec *k, struct referral *r, struct field_errors *errs)
{
	struct partner to;
	const char *message = NULL;
	int rc = seal(a, SEALED_REFERRAL_MESSAGE, r->message, &message);
	if (!rc) {
		rc = store_partner_get(c, a, r->partner_id, &to);
		if (rc == K_ENOTFOUND || (!rc && !to.active)) {
			field_error_add(errs, "partner_id",
					N_("Choose an organisation of the directory."));
			rc = K_EINVAL;
		} else if (!rc && to.org_id == who->org_id) {
			field_error_add(
			    errs, "partner_id",
			    N_("This is your own organisation: add a co-worker to the case "
			       "instead."));
			rc = K_EINVAL;
		}
	}
	if (!rc) {
		rc = referral_consent(c, k->person_id, r->sent_on, &r->consent_id);
		if (rc == K_ENOTFOUND) {
			field_error_add(
			    errs, "consent",
			    N_("The person has not consented to sharing their data for a "
			       "referral: record their consent on their page first."));
			rc = K_EINVAL;
		}
	}
	struct dbstmt *s = rc ? NULL : db_prep(c, SQL_REFERRAL_ADD);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		r->case_id = k->id;
		r->person_id = k->person_id;
		r->from_org_id = k->org_id;
		r->to_org_id = to.org_id;
		r->sent_by = who->user_id;
		r->created_at = r->updated_at = time_now();
		r->version = 1;
		db_bind_int(s, 1, r->case_id);
		db_bind_int(s, 2, r->from_org_id);
		db_bind_int(s, 3, r->partner_id);
		if (r->to_org_id)
			db_bind_int(s, 4, r->to_org_id);
		else
			db_bind_null(s, 4);
		db_bind_text(s, 5, r->service_kind);
		db_bind_text(s, 6, message);
		db_bind_int(s, 7, r->consent_id);
		db_bind_int(s, 8, r->share_contact ? 1 : 0);
		db_bind_text(s, 9, r->sent_on);
		db_bind_text(s, 10, r->expires_on);
		db_bind_int(s, 11, r->sent_by);
		db_bind_int(s, 12, r->created_at);
		db_bind_int(s, 13, r->person_id);
		db_bind_int(s, 14, r->share_contact ? 1 : 0);
		rc = store_returning_id(s, &r->id);
	}
	const char *detail = rc ? NULL
				: arena_printf(a, "referral %lld to partner %lld", (long long)r->id,
					       (long long)r->partner_id);
	if (!rc)
		rc = store_audit(c, who, "referral.send", "case", k->id, detail);
	if (!rc)
		rc = store_audit_disclosure(c, who, r->person_id, detail, r->consent_id);
	if (!rc)
		rc = store_report_referral(c, r->id);
	return rc;
}

int store_referral_send(struct dbconn *c, struct arena *a, const struct actor *who,
			const struct case_rec *k, struct referral *r, struct field_errors *errs)
{
	int rc = store_begin(c);
	return store_finish(c, rc ? rc : store_referral_add(c, a, who, k, r, errs));
}

int store_referral_may_answer(struct dbconn *c, struct arena *a, const struct actor *who,
			      const struct referral *f, const char *to, bool *may)
{
	struct case_rec k;
	int rc = 0;
	bool sender = referral_side(who, f) == REFERRAL_SENDER;
	if (sender)
		rc = store_case_get(c, a, who, f->case_id, &k);
	*may = !rc && referral_may_answer(who, f, sender ? &k : NULL, to);
	return rc;
}

int store_referral_answer(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
			  int64_t version, const char *to, const char *on, const char *text,
			  const char *today, struct referral *out, struct field_errors *errs)
{
	struct referral old;
	struct case_rec k, *kp = NULL;
	int rc = store_begin(c);
	if (!rc)
		rc = store_referral_get(c, a, who, id, &old);
	if (!rc && old.version != version)
		rc = K_ECONFLICT;
	/* The sending team records the answer of a partner outside this Komek. */
	if (!rc && referral_side(who, &old) == REFERRAL_SENDER) {
		rc = store_case_get(c, a, who, old.case_id, &k);
		kp = rc ? NULL : &k;
	}
	if (!rc)
		rc = referral_answer(a, who, &old, kp, to, on, text, today, out, errs);
	const char *outcome = NULL;
	if (!rc)
		rc = seal(a, SEALED_REFERRAL_OUTCOME, out->outcome, &outcome);
	struct dbstmt *s = rc ? NULL : db_prep(c, SQL_REFERRAL_ANSWER);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		const int64_t users[] = { out->answered_by, out->handler_id, out->completed_by };
		const int slots[] = { 5, 7, 9 };
		out->updated_at = time_now();
		db_bind_int(s, 1, id);
		db_bind_int(s, 2, version);
		db_bind_text(s, 3, out->status);
		db_bind_text(s, 4, out->answered_on);
		db_bind_text(s, 6, out->decline_reason);
		db_bind_text(s, 8, out->completed_on);
		db_bind_text(s, 10, outcome);
		db_bind_int(s, 11, out->updated_at);
		for (size_t i = 0; i < ARRAY_SIZE(users); i++)
			if (users[i])
				db_bind_int(s, slots[i], users[i]);
			else
				db_bind_null(s, slots[i]);
		rc = store_run_one(c, s);
		if (rc == K_ENOTFOUND)
			rc = K_ECONFLICT;
	}
	if (!rc) {
		out->version = version + 1;
		rc = store_audit(c, who, arena_printf(a, "referral.%s", out->status), "referral",
				 id, NULL);
	}
	return store_finish(c, rc);
}
