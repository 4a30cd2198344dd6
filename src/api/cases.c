/* cases.c: /api/v1/cases, with the team and the notes under each case. */
#include <string.h>

#include "api/api.h"
#include "base/banned.h"
#include "base/util.h"
#include "domain/casework.h"
#include "domain/deadlines.h"
#include "domain/reference.h"
#include "store/audit_writer.h"
#include "store/store.h"

#define API_PAGE_MAX 200

static json_t *id_or_null(int64_t id)
{
	return id ? json_integer(id) : json_null();
}

static json_t *case_json(const struct case_rec *k, bool team, const struct case_member *m,
			 size_t nm)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(k->id));
	json_object_set_new(o, "person_id", json_integer(k->person_id));
	json_object_set_new(o, "person",
			    json_pack("{s:o, s:o, s:o, s:b}", "family_name",
				      api_text(k->family_name), "given_name",
				      api_text(k->given_name), "patronymic",
				      api_text(k->patronymic), "restricted", k->restricted));
	json_object_set_new(o, "household", json_boolean(k->household));
	json_object_set_new(o, "worker",
			    json_pack("{s:I, s:o, s:o}", "id", (json_int_t)k->worker_id, "login",
				      api_text(k->worker_login), "full_name",
				      api_text(k->worker_name)));
	json_object_set_new(o, "status", json_string(k->status));
	json_object_set_new(o, "opening_reason", api_text(k->opening_reason));
	json_object_set_new(o, "opened_on", api_text(k->opened_on));
	json_object_set_new(o, "closing_reason", api_text(k->closing_reason));
	json_object_set_new(o, "outcome", api_text(k->outcome));
	json_object_set_new(o, "closed_on", api_text(k->closed_on));
	json_object_set_new(o, "closed_by", id_or_null(k->closed_by));
	json_object_set_new(o, "closure_requested",
			    k->closure_requested_at
				? json_pack("{s:I, s:I}", "at", (json_int_t)k->closure_requested_at,
					    "by", (json_int_t)k->closure_requested_by)
				: json_null());
	if (team) {
		json_t *arr = json_array();
		for (size_t i = 0; i < nm; i++)
			json_array_append_new(arr, json_pack("{s:I, s:o, s:o, s:o}", "user_id",
							     (json_int_t)m[i].user_id, "login",
							     api_text(m[i].login), "full_name",
							     api_text(m[i].full_name), "role",
							     api_text(m[i].role)));
		json_object_set_new(o, "co_workers", arr);
	}
	json_object_set_new(o, "version", json_integer(k->version));
	json_object_set_new(o, "created_at", json_integer(k->created_at));
	json_object_set_new(o, "updated_at", json_integer(k->updated_at));
	return o;
}

int api_cases_get(struct req *r)
{
	if (!access_may_read_persons(r->who))
		return K_EFORBIDDEN;
	struct case_filter f = { .limit = 50 };
	int64_t mine = 0, open = 0, pending = 0;
	f.status = req_query(r, "status");
	if (f.status && !ref_valid("case_statuses", f.status)) {
		api_error(r, 422, "status", N_("Choose a value from the list."));
		return 0;
	}
	if (!api_query_int(r, "person_id", 1, INT64_MAX, &f.person_id) ||
	    !api_query_int(r, "mine", 0, 1, &mine) || !api_query_int(r, "open", 0, 1, &open) ||
	    !api_query_int(r, "closure_pending", 0, 1, &pending) ||
	    !api_query_int(r, "limit", 1, API_PAGE_MAX, &f.limit) ||
	    !api_query_int(r, "offset", 0, 100000000, &f.offset))
		return 0;
	f.mine = mine, f.open_only = open, f.closure_pending = pending;
	struct case_rec *rows;
	size_t n;
	int rc = store_case_list(req_db(r), &r->arena, r->who, &f, &rows, &n);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, case_json(&rows[i], false, NULL, 0));
	return api_send(r, 200,
			json_pack("{s:o, s:I, s:I}", "items", items, "limit", (json_int_t)f.limit,
				  "offset", (json_int_t)f.offset));
}

/* Reads the case of the path: 0, or an error that the router answers (a case the actor
 * may not see is 404). A read that answers with the case (view) is recorded as a view of
 * its person; a change is recorded by its own audit row. */
static int read_case(struct req *r, struct case_rec *k, const char *view)
{
	if (!access_may_read_persons(r->who))
		return K_ENOTFOUND;
	int rc = store_case_get(req_db(r), &r->arena, r->who, r->param[0], k);
	if (!rc && view)
		rc = audit_writer_log(
		    r->app->audit, r->who, "case.view", "person", k->person_id,
		    arena_printf(&r->arena, "case %lld %s", (long long)k->id, view), k->restricted);
	return rc;
}

static int send_case(struct req *r, int status, struct dbconn *c, const struct case_rec *k)
{
	struct case_member *m;
	size_t nm;
	int rc = store_case_members(c, &r->arena, k->id, &m, &nm);
	if (rc)
		return rc;
	return api_send(r, status, case_json(k, true, m, nm));
}

int api_case_get(struct req *r)
{
	struct case_rec k;
	int rc = read_case(r, &k, "api");
	return rc ? rc : send_case(r, 200, req_db(r), &k);
}

int api_cases_post(struct req *r)
{
	if (!access_may_write_persons(r->who))
		return K_EFORBIDDEN;
	struct case_rec k = { .worker_id = r->who->user_id, .opened_on = r->today };
	struct field_errors e = { 0 };
	const struct api_member members[] = {
		{ "person_id", API_ID, &k.person_id },
		{ "worker_id", API_ID, &k.worker_id },
		{ "household", API_BOOL, &k.household },
		{ "opening_reason", API_STR, &k.opening_reason },
		{ "opened_on", API_STR, &k.opened_on },
	};
	if (!api_read_members(r, members, sizeof(members) / sizeof(members[0]), &e))
		return 0;
	if (!k.person_id && !field_error_for(&e, "person_id"))
		field_error_add(&e, "person_id", N_("This field is required."));
	/* Only a supervisor gives a case to someone else. */
	if (k.worker_id != r->who->user_id && !case_may_close(r->who))
		return K_EFORBIDDEN;
	case_validate_open(&r->arena, &k, r->today, &e);
	struct dbconn *c = req_db(r);
	struct person p;
	int rc = k.person_id ? store_person_get(c, &r->arena, r->who, k.person_id, &p) : 0;
	if (rc == K_ENOTFOUND || (!rc && k.person_id && p.erased_at))
		field_error_add(&e, "person_id", N_("No such person."));
	else if (rc)
		return rc;
	else if (k.person_id && p.linked_to)
		field_error_add(&e, "person_id",
				N_("This record is linked to another as the same person: open the "
				   "case on the main record."));
	else if (k.person_id && k.household && !p.household_id)
		field_error_add(&e, "household", N_("The person is not in a household."));
	if (e.n)
		return api_validation(r, &e);
	rc = store_case_open(c, r->who, &k);
	if (rc == K_ENOTFOUND || rc == K_EINVAL) {
		if (rc == K_ENOTFOUND)
			field_error_add(&e, "person_id", N_("No such person."));
		else
			field_error_add(&e, "worker_id",
					N_("Choose an active worker of your organisation."));
		return api_validation(r, &e);
	}
	if (rc)
		return rc;
	/* Read back as the list shows it (worker's name, person's name). */
	if ((rc = store_case_get(c, &r->arena, r->who, k.id, &k)))
		return rc;
	req_header_add(r, "Location",
		       arena_printf(&r->arena, "/api/v1/cases/%lld", (long long)k.id));
	return send_case(r, 201, c, &k);
}

int api_case_patch(struct req *r)
{
	struct case_rec old;
	int rc = read_case(r, &old, NULL);
	if (rc)
		return rc;
	if (!case_may_work(r->who, &old))
		return K_EFORBIDDEN;
	json_t *in = api_body(r);
	if (!in)
		return 0;
	struct case_rec k = old;
	struct field_errors e = { 0 };
	bool withdraw = false;
	const char *key;
	json_t *v;
	if (!json_is_integer(json_object_get(in, "version")))
		field_error_add(
		    &e, "version",
		    N_("Send the version you read, so that a newer change is not lost."));
	json_object_foreach (in, key, v) {
		const char *field = arena_strdup(&r->arena, key);
		if (strcmp(key, "version") == 0)
			k.version = json_is_integer(v) ? json_integer_value(v) : 0;
		else if (strcmp(key, "status") == 0)
			k.status = api_str(r, v, field, &e);
		else if (strcmp(key, "opening_reason") == 0)
			k.opening_reason = api_str(r, v, field, &e);
		else if (strcmp(key, "closing_reason") == 0)
			k.closing_reason = api_str(r, v, field, &e);
		else if (strcmp(key, "outcome") == 0)
			k.outcome = api_str(r, v, field, &e);
		else if (strcmp(key, "closed_on") == 0)
			k.closed_on = api_str(r, v, field, &e);
		else if (strcmp(key, "worker_id") == 0)
			k.worker_id = api_id(v, field, &e);
		else if (strcmp(key, "household") == 0)
			k.household = api_bool(v, field, &e);
		else if (strcmp(key, "closure_requested") == 0) {
			/* false withdraws; null or an object is the member sent back as read
			 * (a closure is asked for by sending status "closed"). */
			if (json_is_null(v) || json_is_object(v))
				continue;
			if (!json_is_false(v))
				field_error_add(&e, field,
						N_("Only false withdraws a closure "
						   "request."));
			withdraw = true;
			k.closure_requested_at = 0;
		} else if (strcmp(key, "id") && strcmp(key, "person_id") && strcmp(key, "person") &&
			   strcmp(key, "worker") && strcmp(key, "closed_by") &&
			   strcmp(key, "co_workers") && strcmp(key, "created_at") &&
			   strcmp(key, "opened_on") &&
			   strcmp(key, "updated_at")) /* read-only members sent back unchanged */
			field_error_add(&e, field, N_("Unknown field."));
	}
	json_decref(in);
	if (k.status && strcmp(k.status, "closed") == 0 && !k.closed_on)
		k.closed_on = r->today;
	case_validate_change(&r->arena, &old, &k, r->today, &e);
	if (e.n)
		return api_validation(r, &e);
	bool requested;
	struct dbconn *c = req_db(r);
	rc = store_case_change(c, r->who, &old, &k, withdraw, &requested);
	if (rc == K_ECONFLICT)
		return api_stale(r);
	if (rc == K_EINVAL) {
		field_error_add(&e, "worker_id",
				N_("Choose an active worker of your organisation."));
		return api_validation(r, &e);
	}
	if (rc || (rc = store_case_get(c, &r->arena, r->who, k.id, &k)))
		return rc;
	return send_case(r, requested ? 202 : 200, c, &k);
}

static json_t *note_json(const struct case_note *n)
{
	return json_pack("{s:I, s:o, s:b, s:o, s:{s:I, s:o, s:o}, s:I}", "id", (json_int_t)n->id,
			 "noted_on", api_text(n->noted_on), "confidential", n->confidential, "text",
			 api_text(n->text), "author", "id", (json_int_t)n->author_id, "login",
			 api_text(n->author_login), "full_name", api_text(n->author_name),
			 "created_at", (json_int_t)n->created_at);
}

int api_case_notes_get(struct req *r)
{
	struct case_rec k;
	int rc = read_case(r, &k, "notes");
	if (rc)
		return rc;
	struct case_note *n;
	size_t nn;
	if ((rc = store_case_notes(req_db(r), &r->arena, r->who, k.id, &n, &nn)))
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < nn; i++)
		json_array_append_new(items, note_json(&n[i]));
	return api_send(r, 200, json_pack("{s:o}", "items", items));
}

/* The case of the path, for a change by its team: 0, or an error to answer. */
static int case_for_work(struct req *r, struct case_rec *k)
{
	int rc = read_case(r, k, NULL);
	if (rc)
		return rc;
	if (!case_may_work(r->who, k) || strcmp(k->status, "closed") == 0)
		return K_EFORBIDDEN;
	return 0;
}

int api_case_notes_post(struct req *r)
{
	struct case_rec k;
	int rc = case_for_work(r, &k);
	if (rc)
		return rc;
	struct case_note n = { .case_id = k.id, .noted_on = r->today };
	struct field_errors e = { 0 };
	const struct api_member members[] = {
		{ "text", API_STR, &n.text },
		{ "noted_on", API_STR, &n.noted_on },
		{ "confidential", API_BOOL, &n.confidential },
	};
	if (!api_read_members(r, members, sizeof(members) / sizeof(members[0]), &e))
		return 0;
	case_validate_note(&r->arena, &n, k.opened_on, r->today, &e);
	if (e.n)
		return api_validation(r, &e);
	if ((rc = store_case_note_write(req_db(r), &r->arena, r->who, &n)))
		return rc;
	n.author_login = r->who->login;
	n.author_name = r->who->full_name;
	return api_send(r, 201, note_json(&n));
}

int api_case_workers_post(struct req *r)
{
	struct case_rec k;
	int rc = case_for_work(r, &k);
	if (rc)
		return rc;
	struct field_errors e = { 0 };
	int64_t uid = 0;
	const struct api_member members[] = { { "user_id", API_ID, &uid } };
	if (!api_read_members(r, members, 1, &e))
		return 0;
	if (!uid && !field_error_for(&e, "user_id"))
		field_error_add(&e, "user_id", N_("This field is required."));
	if (e.n)
		return api_validation(r, &e);
	struct dbconn *c = req_db(r);
	rc = store_case_team(c, r->who, &k, uid, true);
	if (rc == K_EINVAL) {
		field_error_add(&e, "user_id", N_("Choose an active worker of your organisation."));
		return api_validation(r, &e);
	}
	return rc ? rc : send_case(r, 200, c, &k);
}

int api_case_worker_delete(struct req *r)
{
	struct case_rec k;
	int rc = case_for_work(r, &k);
	if (rc)
		return rc;
	struct dbconn *c = req_db(r);
	rc = store_case_team(c, r->who, &k, r->param[1], false);
	return rc ? rc : send_case(r, 200, c, &k);
}

static json_t *assessment_json(const struct assessment *x)
{
	json_t *needs = json_array();
	for (size_t i = 0; i < x->n; i++)
		json_array_append_new(needs, json_pack("{s:s, s:i, s:o}", "need", x->needs[i].need,
						       "urgency", x->needs[i].urgency, "note",
						       api_text(x->needs[i].note)));
	return json_pack("{s:I, s:s, s:o, s:{s:I, s:o, s:o}, s:o, s:I}", "id", (json_int_t)x->id,
			 "assessed_on", x->assessed_on, "summary", api_text(x->summary), "assessor",
			 "id", (json_int_t)x->assessor_id, "login", api_text(x->assessor_login),
			 "full_name", api_text(x->assessor_name), "needs", needs, "created_at",
			 (json_int_t)x->created_at);
}

int api_case_assessments_get(struct req *r)
{
	struct case_rec k;
	int rc = read_case(r, &k, "assessments");
	if (rc)
		return rc;
	struct assessment *x;
	size_t n;
	if ((rc = store_assessments(req_db(r), &r->arena, k.id, &x, &n)))
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, assessment_json(&x[i]));
	return api_send(r, 200, json_pack("{s:o}", "items", items));
}

/* "needs": {"CODE": URGENCY or {"urgency": URGENCY, "note": TEXT}, ...} */
static void apply_needs(struct req *r, json_t *v, struct assessment *x, struct field_errors *e)
{
	if (!json_is_object(v)) {
		field_error_add(e, "needs", N_("Must be an object."));
		return;
	}
	const char *code;
	json_t *n;
	json_object_foreach (v, code, n) {
		const char *field = arena_printf(&r->arena, "needs.%s", code);
		/* An unknown code is told here; the known ones (each at most once: the body
		 * has no duplicate members) fit. */
		if (need_index(code) < 0 || x->n == NEEDS_MAX) {
			field_error_add(e, field, N_("Unknown need."));
			continue;
		}
		struct need_score *g = &x->needs[x->n++];
		*g = (struct need_score){ .need = arena_strdup(&r->arena, code), .urgency = -1 };
		json_t *u = json_is_object(n) ? json_object_get(n, "urgency") : n;
		if (json_is_integer(u) && json_integer_value(u) >= 0 &&
		    json_integer_value(u) <= URGENCY_MAX)
			g->urgency = (int)json_integer_value(u);
		if (!json_is_object(n))
			continue;
		const char *k;
		json_t *m;
		json_object_foreach (n, k, m) {
			if (strcmp(k, "note") == 0)
				g->note =
				    api_str(r, m, arena_printf(&r->arena, "%s.note", field), e);
			else if (strcmp(k, "urgency") != 0)
				field_error_add(e, arena_printf(&r->arena, "%s.%s", field, k),
						N_("Unknown field."));
		}
	}
}

int api_case_assessments_post(struct req *r)
{
	struct case_rec k;
	int rc = case_for_work(r, &k);
	if (rc)
		return rc;
	json_t *in = api_body(r);
	if (!in)
		return 0;
	struct assessment x = { .case_id = k.id, .assessed_on = r->today };
	struct field_errors e = { 0 };
	const char *key;
	json_t *v;
	json_object_foreach (in, key, v) {
		const char *field = arena_strdup(&r->arena, key);
		if (strcmp(key, "assessed_on") == 0)
			x.assessed_on = api_str(r, v, field, &e);
		else if (strcmp(key, "summary") == 0)
			x.summary = api_str(r, v, field, &e);
		else if (strcmp(key, "needs") == 0)
			apply_needs(r, v, &x, &e);
		else
			field_error_add(&e, field, N_("Unknown field."));
	}
	if (!json_object_get(in, "needs"))
		field_error_add(&e, "needs", N_("This field is required."));
	json_decref(in);
	assessment_validate(&r->arena, &x, k.opened_on, r->today, &e);
	if (e.n)
		return api_validation(r, &e);
	if ((rc = store_assessment_write(req_db(r), &r->arena, r->who, &x)))
		return rc;
	x.assessor_login = r->who->login;
	x.assessor_name = r->who->full_name;
	req_header_add(r, "Location",
		       arena_printf(&r->arena, "/api/v1/cases/%lld/assessments", (long long)k.id));
	return api_send(r, 201, assessment_json(&x));
}

static const char *const reason_kinds[] = { [REASON_CATEGORY] = "category",
					    [REASON_LEGAL_STATUS] = "legal_status",
					    [REASON_NEED] = "need" };

static json_t *proposal_json(struct req *r, const struct case_proposal *cp)
{
	const struct rec_rule *rule = cp->p.rule;
	json_t *reasons = json_array();
	for (size_t i = 0; i < cp->p.nreasons; i++) {
		const struct rec_reason *x = &cp->p.reasons[i];
		json_t *o = json_pack("{s:s, s:s}", "kind", reason_kinds[x->kind], "code", x->code);
		if (x->kind == REASON_NEED) {
			json_object_set_new(o, "urgency", json_integer(x->urgency));
			json_object_set_new(o, "source",
					    json_string(x->registry ? "registry" : "assessment"));
		}
		json_array_append_new(reasons, o);
	}
	json_t *decision = json_null();
	if (cp->decision) {
		const struct rec_decision *d = cp->decision;
		decision = json_pack(
		    "{s:s, s:o, s:o, s:o, s:o, s:o, s:{s:I, s:o, s:o}, s:I}", "decision",
		    d->decision, "function", api_text(d->function), "means", api_text(d->means),
		    "service_kind", api_text(d->service_kind), "form", api_text(d->form), "note",
		    api_text(d->note), "decided_by", "id", (json_int_t)d->decided_by, "login",
		    api_text(d->decider_login), "full_name", api_text(d->decider_name),
		    "decided_at", (json_int_t)d->decided_at);
	}
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:b, s:o, s:o}", "rule_id",
			 (json_int_t)rule->id, "label", rec_rule_label(rule, r->lang), "function",
			 rule->function, "means", rule->means, "service_kind", rule->service_kind,
			 "form", rule->form, "current", cp->current, "reasons", reasons, "decision",
			 decision);
}

int api_case_recommendations_get(struct req *r)
{
	struct case_rec k;
	int rc = read_case(r, &k, "recommendations");
	if (rc)
		return rc;
	struct case_proposal *cp;
	size_t n;
	if ((rc = store_case_proposals(req_db(r), &r->arena, &k, &cp, &n)))
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, proposal_json(r, &cp[i]));
	return api_send(r, 200, json_pack("{s:o}", "items", items));
}

int api_case_recommendation_post(struct req *r)
{
	struct case_rec k;
	int rc = case_for_work(r, &k);
	if (rc)
		return rc;
	/* Only a rule proposed for this case now, or decided on before, may be decided. */
	struct case_proposal *cp;
	size_t n;
	if ((rc = store_case_proposals(req_db(r), &r->arena, &k, &cp, &n)))
		return rc;
	const struct case_proposal *it = NULL;
	for (size_t i = 0; i < n && !it; i++)
		if (cp[i].p.rule->id == r->param[1])
			it = &cp[i];
	if (!it)
		return K_ENOTFOUND;
	struct rec_decision d = { .rule_id = it->p.rule->id };
	struct field_errors e = { 0 };
	const struct api_member members[] = {
		{ "decision", API_STR, &d.decision }, { "function", API_STR, &d.function },
		{ "means", API_STR, &d.means },       { "service_kind", API_STR, &d.service_kind },
		{ "form", API_STR, &d.form },         { "note", API_STR, &d.note },
	};
	if (!api_read_members(r, members, sizeof(members) / sizeof(members[0]), &e))
		return 0;
	rec_decision_validate(&r->arena, it->p.rule, &d, &e);
	if (e.n)
		return api_validation(r, &e);
	if ((rc = store_case_decide(req_db(r), &r->arena, r->who, k.id, &d,
				    rec_rule_label(it->p.rule, r->lang))))
		return rc;
	d.decider_login = r->who->login;
	d.decider_name = r->who->full_name;
	struct case_proposal out = *it;
	out.decision = &d;
	return api_send(r, 200, proposal_json(r, &out));
}

/* ---- the plan ---- */

static json_t *task_json(const struct plan_task *t)
{
	return json_pack("{s:I, s:I, s:s, s:{s:I, s:o, s:o}, s:s, s:s, s:o}", "id",
			 (json_int_t)t->id, "goal_id", (json_int_t)t->goal_id, "title", t->title,
			 "responsible", "id", (json_int_t)t->responsible_id, "login",
			 api_text(t->responsible_login), "full_name", api_text(t->responsible_name),
			 "due_on", t->due_on, "status", t->status, "done_on", api_text(t->done_on));
}

static json_t *goal_json(const struct plan_goal *g, const struct plan_task *t, size_t nt)
{
	json_t *tasks = json_array();
	for (size_t i = 0; i < nt; i++)
		if (t[i].goal_id == g->id)
			json_array_append_new(tasks, task_json(&t[i]));
	return json_pack("{s:I, s:s, s:o, s:o, s:o, s:o, s:o, s:s, s:o}", "id", (json_int_t)g->id,
			 "title", g->title, "rule_id", id_or_null(g->rule_id), "function",
			 api_text(g->function), "means", api_text(g->means), "service_kind",
			 api_text(g->service_kind), "form", api_text(g->form), "status", g->status,
			 "tasks", tasks);
}

static int send_plan(struct req *r, int status, const struct case_rec *k)
{
	struct plan_goal *g;
	struct plan_task *t;
	struct case_review *rv;
	size_t ng, nt, nr;
	struct dbconn *c = req_db(r);
	int rc = store_plan_goals(c, &r->arena, k->id, &g, &ng);
	if (!rc)
		rc = store_plan_tasks(c, &r->arena, k->id, &t, &nt);
	if (!rc)
		rc = store_reviews(c, &r->arena, k->id, &rv, &nr);
	if (rc)
		return rc;
	json_t *goals = json_array(), *reviews = json_array();
	for (size_t i = 0; i < ng; i++)
		json_array_append_new(goals, goal_json(&g[i], t, nt));
	for (size_t i = 0; i < nr; i++)
		json_array_append_new(reviews,
				      json_pack("{s:I, s:s, s:o, s:{s:I, s:o, s:o}}", "id",
						(json_int_t)rv[i].id, "reviewed_on",
						rv[i].reviewed_on, "note", api_text(rv[i].note),
						"reviewer", "id", (json_int_t)rv[i].reviewer_id,
						"login", api_text(rv[i].reviewer_login),
						"full_name", api_text(rv[i].reviewer_name)));
	json_t *approved = k->plan_approved_at
			       ? json_pack("{s:I, s:I}", "at", (json_int_t)k->plan_approved_at,
					   "by", (json_int_t)k->plan_approved_by)
			       : json_null();
	return api_send(r, status,
			json_pack("{s:o, s:b, s:b, s:I, s:o, s:o, s:o}", "approved", approved,
				  "changed_since_approval", k->plan_changed_at != 0,
				  "needs_approval", plan_needs_approval(k, ng), "review_every_days",
				  (json_int_t)k->review_every_days, "next_review_on",
				  api_text(k->next_review_on), "goals", goals, "reviews", reviews));
}

int api_case_plan_get(struct req *r)
{
	struct case_rec k;
	int rc = read_case(r, &k, "plan");
	return rc ? rc : send_plan(r, 200, &k);
}

/* After a change: the plan as it is now, or the answer for rc. */
static int plan_after(struct req *r, int rc, int status, struct field_errors *e)
{
	if (rc == K_EINVAL)
		return api_validation(r, e);
	struct case_rec k;
	if (rc || (rc = store_case_get(req_db(r), &r->arena, r->who, r->param[0], &k)))
		return rc;
	return send_plan(r, status, &k);
}

int api_case_goals_post(struct req *r)
{
	struct case_rec k;
	int rc = case_for_work(r, &k);
	if (rc)
		return rc;
	struct plan_goal g = { .case_id = k.id };
	struct field_errors e = { 0 };
	const struct api_member members[] = {
		{ "title", API_STR, &g.title }, { "function", API_STR, &g.function },
		{ "means", API_STR, &g.means }, { "service_kind", API_STR, &g.service_kind },
		{ "form", API_STR, &g.form },
	};
	if (!api_read_members(r, members, sizeof(members) / sizeof(members[0]), &e))
		return 0;
	rc = plan_goal_validate(&r->arena, &g, &e);
	if (!rc)
		rc = store_goal_write(req_db(r), r->who, &g);
	return plan_after(r, rc, 201, &e);
}

/* PATCH of a goal's or task's status: {"status"} checked by valid, then set. */
static int status_patch(struct req *r, bool (*valid)(const char *),
			int (*set)(struct req *, int64_t case_id, const char *status))
{
	struct case_rec k;
	int rc = case_for_work(r, &k);
	if (rc)
		return rc;
	const char *status = NULL;
	struct field_errors e = { 0 };
	const struct api_member members[] = { { "status", API_STR, &status } };
	if (!api_read_members(r, members, 1, &e))
		return 0;
	if (!valid(status))
		field_error_add(&e, "status", N_("Choose a value from the list."));
	rc = e.n ? K_EINVAL : set(r, k.id, status);
	return plan_after(r, rc, 200, &e);
}

static int set_goal(struct req *r, int64_t case_id, const char *status)
{
	return store_goal_set_status(req_db(r), r->who, case_id, r->param[1], status);
}

static int set_task(struct req *r, int64_t case_id, const char *status)
{
	return store_task_set_status(req_db(r), r->who, case_id, r->param[1], status, r->today);
}

int api_case_goal_patch(struct req *r)
{
	return status_patch(r, plan_goal_status_valid, set_goal);
}

int api_case_tasks_post(struct req *r)
{
	struct case_rec k;
	int rc = case_for_work(r, &k);
	if (rc)
		return rc;
	struct plan_task t = { .case_id = k.id, .goal_id = r->param[1] };
	struct field_errors e = { 0 };
	const struct api_member members[] = {
		{ "title", API_STR, &t.title },
		{ "due_on", API_STR, &t.due_on },
		{ "responsible_id", API_ID, &t.responsible_id },
	};
	if (!api_read_members(r, members, sizeof(members) / sizeof(members[0]), &e))
		return 0;
	rc = plan_task_validate(&r->arena, &t, k.opened_on, &e);
	if (!rc) {
		rc = store_task_write(req_db(r), r->who, &t);
		if (rc == K_EINVAL)
			field_error_add(&e, "responsible_id",
					N_("Choose a member of the case's team."));
	}
	return plan_after(r, rc, 201, &e);
}

int api_case_task_patch(struct req *r)
{
	return status_patch(r, plan_task_status_valid, set_task);
}

int api_case_plan_approval_post(struct req *r)
{
	struct case_rec k;
	int rc = read_case(r, &k, NULL);
	if (rc)
		return rc;
	if (!case_may_close(r->who) || strcmp(k.status, "closed") == 0)
		return K_EFORBIDDEN;
	struct plan_goal *g;
	size_t ng;
	if ((rc = store_plan_goals(req_db(r), &r->arena, k.id, &g, &ng)))
		return rc;
	if (!plan_needs_approval(&k, ng)) {
		api_error(r, 422, NULL, N_("The plan has nothing waiting for approval."));
		return 0;
	}
	rc = store_plan_approve(req_db(r), r->who, k.id);
	return plan_after(r, rc, 200, NULL);
}

int api_case_reviews_post(struct req *r)
{
	struct case_rec k;
	int rc = case_for_work(r, &k);
	if (rc)
		return rc;
	struct case_review rv = { .reviewed_on = r->today };
	struct field_errors e = { 0 };
	const struct api_member members[] = { { "reviewed_on", API_STR, &rv.reviewed_on },
					      { "note", API_STR, &rv.note } };
	if (!api_read_members(r, members, 2, &e))
		return 0;
	rc = case_review_validate(&r->arena, &rv, k.opened_on, r->today, &e);
	if (!rc)
		rc = store_review_write(req_db(r), &r->arena, r->who, &k, &rv);
	return plan_after(r, rc, 201, &e);
}

/* ---- services delivered ---- */

static json_t *service_json(struct req *r, const struct service_rec *s,
			    const struct service_type *t, const struct repayment *rp, size_t nrp)
{
	json_t *o =
	    json_pack("{s:I, s:I, s:I, s:b, s:{s:I, s:o, s:s}, s:s, s:s, s:s, s:s, s:o, s:s, s:o, "
		      "s:{s:I, s:o, "
		      "s:o}, s:o, s:o, s:o, s:o}",
		      "id", (json_int_t)s->id, "case_id", (json_int_t)s->case_id, "person_id",
		      (json_int_t)s->person_id, "household", s->household, "type", "id",
		      (json_int_t)s->type_id, "label",
		      t ? api_text(service_type_label(t, r->lang)) : json_null(), "service_kind",
		      s->service_kind, "service_kind", s->service_kind, "form", s->form, "function",
		      s->function, "means", s->means, "goal_id", id_or_null(s->goal_id),
		      "delivered_on", s->delivered_on, "minutes", id_or_null(s->minutes),
		      "provider", "id", (json_int_t)s->provider_id, "login",
		      api_text(s->provider_login), "full_name", api_text(s->provider_name),
		      "result", api_text(s->result), "assistance", api_text(s->assistance),
		      "amount", id_or_null(s->amount), "currency", api_text(s->currency));
	if (!s->installments) {
		json_object_set_new(o, "loan", json_null());
		return o;
	}
	json_t *schedule = json_array(), *repayments = json_array();
	for (int64_t i = 0; i < s->installments; i++) {
		char due[11];
		int64_t amount;
		if (loan_installment(s, i, due, &amount))
			json_array_append_new(schedule, json_pack("{s:s, s:I}", "due_on", due,
								  "amount", (json_int_t)amount));
	}
	for (size_t i = 0; i < nrp; i++)
		json_array_append_new(
		    repayments, json_pack("{s:I, s:s, s:I}", "id", (json_int_t)rp[i].id, "paid_on",
					  rp[i].paid_on, "amount", (json_int_t)rp[i].amount));
	json_object_set_new(o, "loan",
			    json_pack("{s:I, s:s, s:I, s:I, s:I, s:o, s:o}", "installments",
				      (json_int_t)s->installments, "first_due_on", s->first_due_on,
				      "every_days", (json_int_t)s->every_days, "repaid",
				      (json_int_t)s->repaid, "balance", (json_int_t)loan_balance(s),
				      "schedule", schedule, "repayments", repayments));
	return o;
}

static const struct service_type *type_of(const struct service_type *types, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (types[i].id == id)
			return &types[i];
	return NULL;
}

int api_service_types_get(struct req *r)
{
	struct service_type *t;
	size_t n;
	int rc = store_service_types(req_db(r), &r->arena, true, &t, &n);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(
		    items, json_pack("{s:I, s:s, s:s, s:b, s:b}", "id", (json_int_t)t[i].id,
				     "service_kind", t[i].service_kind, "label",
				     service_type_label(&t[i], r->lang), "material", t[i].material,
				     "loan", t[i].loan));
	return api_send(r, 200, json_pack("{s:o}", "items", items));
}

int api_case_services_get(struct req *r)
{
	struct case_rec k;
	int rc = read_case(r, &k, "services");
	if (rc)
		return rc;
	struct service_rec *s;
	struct service_type *t;
	size_t n, nt;
	if ((rc = store_services(req_db(r), &r->arena, k.id, &s, &n)) ||
	    (rc = store_service_types(req_db(r), &r->arena, false, &t, &nt)))
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		struct repayment *rp = NULL;
		size_t nrp = 0;
		if (s[i].installments &&
		    (rc = store_repayments(req_db(r), &r->arena, s[i].id, &rp, &nrp))) {
			json_decref(items);
			return rc;
		}
		json_array_append_new(
		    items, service_json(r, &s[i], type_of(t, nt, s[i].type_id), rp, nrp));
	}
	return api_send(r, 200, json_pack("{s:o}", "items", items));
}

int api_services_get(struct req *r)
{
	if (!access_may_read_persons(r->who))
		return K_EFORBIDDEN;
	struct service_filter f = { .limit = 50 };
	int64_t mine = 0;
	if (!api_query_ref(r, "service_kind", "service_kinds", &f.service_kind) ||
	    !api_query_ref(r, "form", "forms", &f.form) ||
	    !api_query_ref(r, "function", "functions", &f.function) ||
	    !api_query_ref(r, "means", "means", &f.means) || !api_query_date(r, "from", &f.from) ||
	    !api_query_date(r, "to", &f.to) ||
	    !api_query_int(r, "person_id", 1, INT64_MAX, &f.person_id) ||
	    !api_query_int(r, "mine", 0, 1, &mine) ||
	    !api_query_int(r, "limit", 1, API_PAGE_MAX, &f.limit) ||
	    !api_query_int(r, "offset", 0, 100000000, &f.offset))
		return 0;
	f.mine = mine;
	struct service_rec *s;
	struct service_type *t;
	size_t n, nt;
	int rc = store_services_find(req_db(r), &r->arena, r->who, &f, &s, &n);
	if (!rc)
		rc = store_service_types(req_db(r), &r->arena, false, &t, &nt);
	if (rc)
		return rc;
	/* Each person listed is seen, as on their case's services. A loan's repayments are on
	 * the service's own answer; here its schedule and sums. */
	int64_t *people = arena_alloc(&r->arena, (n + 1) * sizeof(*people));
	bool *restricted = arena_alloc(&r->arena, (n + 1) * sizeof(*restricted));
	for (size_t i = 0; i < n; i++) {
		people[i] = s[i].person_id;
		restricted[i] = s[i].restricted;
	}
	if ((rc = api_log_views(r, "case.view", "services api", people, restricted, n)))
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(
		    items, service_json(r, &s[i], type_of(t, nt, s[i].type_id), NULL, 0));
	return api_send(r, 200,
			json_pack("{s:o, s:I, s:I}", "items", items, "limit", (json_int_t)f.limit,
				  "offset", (json_int_t)f.offset));
}

static int send_service(struct req *r, int status, int64_t case_id, int64_t id)
{
	struct service_rec s;
	struct service_type t;
	struct repayment *rp = NULL;
	size_t nrp = 0;
	struct dbconn *c = req_db(r);
	int rc = store_service_get(c, &r->arena, case_id, id, &s);
	if (!rc)
		rc = store_service_type_get(c, &r->arena, s.type_id, &t);
	if (!rc && s.installments)
		rc = store_repayments(c, &r->arena, s.id, &rp, &nrp);
	return rc ? rc : api_send(r, status, service_json(r, &s, &t, rp, nrp));
}

int api_case_services_post(struct req *r)
{
	struct case_rec k;
	int rc = case_for_work(r, &k);
	if (rc)
		return rc;
	struct service_rec s = { .delivered_on = r->today };
	struct field_errors e = { 0 };
	int64_t type_id = 0;
	const struct api_member members[] = {
		{ "type_id", API_ID_OPT, &type_id },
		{ "form", API_STR, &s.form },
		{ "function", API_STR, &s.function },
		{ "means", API_STR, &s.means },
		{ "delivered_on", API_STR, &s.delivered_on },
		{ "result", API_STR, &s.result },
		{ "goal_id", API_ID_OPT, &s.goal_id },
		{ "minutes", API_ID_OPT, &s.minutes },
		{ "assistance", API_STR, &s.assistance },
		{ "amount", API_ID_OPT, &s.amount },
		{ "currency", API_STR, &s.currency },
		{ "installments", API_ID_OPT, &s.installments },
		{ "first_due_on", API_STR, &s.first_due_on },
		{ "every_days", API_ID_OPT, &s.every_days },
	};
	if (!api_read_members(r, members, sizeof(members) / sizeof(members[0]), &e))
		return 0;
	struct service_type t;
	rc = type_id ? store_service_type_get(req_db(r), &r->arena, type_id, &t) : K_ENOTFOUND;
	if (rc && rc != K_ENOTFOUND)
		return rc;
	service_validate(&r->arena, &s, rc ? NULL : &t, k.opened_on, r->today, &e);
	if (e.n)
		return api_validation(r, &e);
	rc = store_service_write(req_db(r), &r->arena, r->who, &k, &s);
	if (rc == K_EINVAL) {
		field_error_add(&e, "goal_id", N_("Choose a goal of this case's plan."));
		return api_validation(r, &e);
	}
	if (rc)
		return rc;
	req_header_add(r, "Location",
		       arena_printf(&r->arena, "/api/v1/cases/%lld/services/%lld", (long long)k.id,
				    (long long)s.id));
	return send_service(r, 201, k.id, s.id);
}

int api_case_service_get(struct req *r)
{
	struct case_rec k;
	struct service_rec s;
	/* The view is recorded once the service is found: a 404 shows nothing of the case. */
	int rc = read_case(r, &k, NULL);
	if (!rc)
		rc = store_service_get(req_db(r), &r->arena, k.id, r->param[1], &s);
	if (!rc)
		rc = audit_writer_log(r->app->audit, r->who, "case.view", "person", k.person_id,
				      arena_printf(&r->arena, "case %lld service", (long long)k.id),
				      k.restricted);
	return rc ? rc : send_service(r, 200, k.id, r->param[1]);
}

int api_case_repayments_post(struct req *r)
{
	struct case_rec k;
	int rc = case_for_work(r, &k);
	if (rc)
		return rc;
	struct repayment p = { .service_id = r->param[1], .paid_on = r->today };
	struct field_errors e = { 0 };
	const struct api_member members[] = {
		{ "paid_on", API_STR, &p.paid_on },
		{ "amount", API_ID, &p.amount },
	};
	if (!api_read_members(r, members, sizeof(members) / sizeof(members[0]), &e))
		return 0;
	if (e.n)
		return api_validation(r, &e);
	rc = store_repayment_write(req_db(r), &r->arena, r->who, &k, &p, r->today, &e);
	if (rc == K_EINVAL)
		return api_validation(r, &e);
	return rc ? rc : send_service(r, 201, k.id, p.service_id);
}

/* ---- legal-status and document deadlines ---- */

static json_t *deadline_json(const struct deadline *d, const struct case_rec *k)
{
	json_t *o =
	    json_pack("{s:I, s:I, s:s, s:s, s:b, s:b}", "case_id", (json_int_t)k->id, "person_id",
		      (json_int_t)k->person_id, "kind", deadline_kind_code(d->kind), "due_on",
		      d->due_on, "overdue", d->overdue, "late", d->late);
	json_object_set_new(
	    o, "document",
	    d->doc ? json_pack("{s:s, s:s}", "type", d->doc->type, "number", d->doc->number)
		   : json_null());
	return o;
}

/* Appends the deadlines of k's person to items: 0, or the error of reading them. */
static int deadlines_of(struct req *r, const struct case_rec *k, json_t *items)
{
	struct person p;
	int rc = store_person_get(req_db(r), &r->arena, r->who, k->person_id, &p);
	if (rc)
		return rc;
	struct deadline d[DEADLINES_MAX];
	size_t n = person_deadlines(&p, r->today, d, DEADLINES_MAX);
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, deadline_json(&d[i], k));
	return 0;
}

int api_case_deadlines_get(struct req *r)
{
	struct case_rec k;
	int rc = read_case(r, &k, "deadlines");
	if (rc)
		return rc;
	json_t *items = json_array();
	if ((rc = deadlines_of(r, &k, items))) {
		json_decref(items);
		return rc;
	}
	return api_send(r, 200, json_pack("{s:o}", "items", items));
}

int api_deadlines_get(struct req *r)
{
	if (!access_may_read_persons(r->who))
		return K_EFORBIDDEN;
	struct caseload_person *c;
	size_t nc;
	int rc = store_caseload_people(req_db(r), &r->arena, r->who, API_PAGE_MAX, &c, &nc);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < nc && !rc; i++) {
		struct deadline d[DEADLINES_MAX];
		size_t n = person_deadlines(&c[i].person, r->today, d, DEADLINES_MAX);
		struct case_rec k = { .id = c[i].case_id, .person_id = c[i].person.id };
		for (size_t j = 0; j < n; j++)
			json_array_append_new(items, deadline_json(&d[j], &k));
		/* A person whose deadlines are listed was seen. */
		if (n)
			rc = audit_writer_log(
			    r->app->audit, r->who, "case.view", "person", c[i].person.id,
			    arena_printf(&r->arena, "case %lld deadlines", (long long)c[i].case_id),
			    c[i].restricted);
	}
	if (rc) {
		json_decref(items);
		return rc;
	}
	return api_send(r, 200, json_pack("{s:o}", "items", items));
}

int api_case_referrals_get(struct req *r)
{
	struct case_rec k;
	int rc = read_case(r, &k, "referrals");
	if (rc)
		return rc;
	struct referral_filter f = { .case_id = k.id, .today = r->today, .limit = REFERRALS_MAX };
	struct referral *rows;
	size_t n;
	if ((rc = store_referrals(req_db(r), &r->arena, r->who, &f, &rows, &n)))
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, api_referral_json(r, &rows[i]));
	return api_send(r, 200, json_pack("{s:o}", "items", items));
}
