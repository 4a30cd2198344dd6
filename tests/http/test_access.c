/* test_access.c: the access matrix. Every route of src/http/routes.c (through the mirror in
 * harness.c, which the first test holds in step with the source) is walked with every role
 * against three people and their cases (from the demo): an ordinary person of organisation
 * 1 (the case of 'worker', with 'psychologist' as co-worker), an ordinary person of
 * organisation 2 (the case of 'ngo-worker'), and a restricted person of organisation 1 (a
 * trafficking victim) assigned to 'worker' only (the case of 'worker'). A group's routes are
 * walked against each person's group, a campaign's, an event's and a programme's against each
 * person's (see struct target), and the routes of public work against each organisation's
 * records. Then lists, searches and counts, assignment, the audit of views, who the pages of
 * a group, an event and a programme name, and what public work answers for. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "harness.h"

#include "base/banned.h"

enum role { ADMIN, SUPERVISOR, WORKER, PSYCHOLOGIST, LAWYER, ANALYST, NGO_WORKER, NROLES };

struct user {
	const char *login;
	enum role role;
	int64_t id, org;
	struct client *web, *api;
};

static struct user users[NROLES] = {
	[ADMIN] = { "admin", ADMIN, 0, 0, NULL, NULL },
	[SUPERVISOR] = { "supervisor", SUPERVISOR, 0, 0, NULL, NULL },
	[WORKER] = { "worker", WORKER, 0, 0, NULL, NULL },
	[PSYCHOLOGIST] = { "psychologist", PSYCHOLOGIST, 0, 0, NULL, NULL },
	[LAWYER] = { "lawyer", LAWYER, 0, 0, NULL, NULL },
	[ANALYST] = { "analyst", ANALYST, 0, 0, NULL, NULL },
	[NGO_WORKER] = { "ngo-worker", NGO_WORKER, 0, 0, NULL, NULL },
};

enum { OWN, OTHER, RESTRICTED, NTARGETS };

struct target {
	const char *label, *family, *given;
	int64_t id, org, household, foreign_consent;
	int64_t user; /* for /users/{id}: a user of the same organisation as the person */
	bool restricted;
	const char *doc;     /* a document number of theirs */
	int64_t case_id;     /* the person's case (from the demo) */
	int64_t referral_id; /* the referral from that case (from the demo) */
	int64_t pair_id;     /* a pair of the duplicates queue with a likely namesake (setup) */
	/* An import uploaded in the person's organisation (setup): by the worker (own), the
	 * NGO's worker (other), or the psychologist, whose import the worker must not see. */
	int64_t import_id, import_by;
	/* Groups (setup): the own-org person's in an open group of organisation 1, the
	 * other-org person's in a group of organisation 2, the restricted person's in a closed
	 * group of organisation 1 (with the own-org person, whose name its pages show to every
	 * reader). The group, the person's membership, a session of the group they came to. */
	int64_t group_id, membership_id, session_id;
	bool group_closed;
	/* Fundraising (setup): a campaign of the person's organisation, made by its supervisor;
	 * the restricted person's is organisation 1's closed one. */
	int64_t campaign_id;
	bool campaign_closed;
	/* Events (setup): an event of the person's organisation naming the person; the own-org
	 * person's names the restricted person too. */
	int64_t event_id;
	/* Programmes (setup): the person's enrolment, and its programme: for the own-org person
	 * organisation 1's own (with a quota; the restricted person enrolled too), for the
	 * other-org person organisation 2's own, for the restricted person a national one (the
	 * own-org person enrolled too, by organisation 1). */
	int64_t programme_id, enrolment_id;
	bool programme_national;
	/* Public work (setup; it names no person): a resettlers' organisation of the person's
	 * organisation with a step, a council with a meeting and a decision (in progress), and a
	 * proposal put forward at that meeting; organisation 1's made by the worker,
	 * organisation 2's by the NGO's worker. The restricted person's are organisation 1's
	 * second ones, made by the supervisor, whose council's paths name the own-org person's
	 * meeting (civic_crossed): another council's meeting. */
	int64_t rog_id, council_id, meeting_id, decision_id, proposal_id;
	bool civic_crossed;
	/* Screenings (setup): one of the person's, by a worker of their organisation who sees
	 * them (the worker; for the other-org person the NGO's worker). */
	int64_t screening_id;
	/* Labour (setup): an employer and a vacancy of the person's organisation, and an
	 * employment of the person, by the worker (the other-org person's by the NGO's worker). */
	int64_t employer_id, vacancy_id, employment_id;
};

static struct target targets[NTARGETS] = {
	[OWN] = { .label = "own-org person", .family = "Тұрсынбаев", .given = "Ерлан" },
	[OTHER] = { .label = "other-org person", .family = "Иванова", .given = "Мария" },
	[RESTRICTED] = { .label = "restricted person",
			 .family = "Karimova",
			 .given = "Nodira",
			 .restricted = true },
};

static struct server srv;
static char doc_buf[NTARGETS][64];
/* Organisation 2's supervisor (its campaign) and an administrator made for it (its
 * programme: the demo has none), through the API; not roles of the matrix. */
static struct client *ngo_sup_api, *ngo_admin_api;
/* The region and year of the quota of organisation 1's programme (setup). */
#define ACCESS_REGION "KZ-75"
static int quota_year;

static int64_t q_int(const char *sql, const char *a, const char *b)
{
	return db_int(&srv, sql, a, b, (const char *)NULL);
}

/* POSTs json to path as c; the id of the record it answers with (201), or 0. */
static int64_t api_make(struct client *c, const char *path, const char *json)
{
	struct resp *r = http_post_json(c, path, json);
	json_t *j = r->status == 201 ? resp_json(r) : NULL;
	int64_t id = json_int_of(j, "id", 0);
	json_decref(j);
	if (id <= 0)
		fprintf(stderr, "setup: POST %s as %s answered %ld: %.300s\n", path, c->login,
			r->status, r->body ? r->body : "");
	return id;
}

/* The groups of struct target: made through the API by the worker (who sees the restricted
 * person) and the NGO's worker; each target's person joins, comes to a session, and the
 * restricted person's group is closed after it. */
static int groups_setup(void)
{
	struct client *w = users[WORKER].api, *ngo = users[NGO_WORKER].api;
	int64_t open1 = api_make(w, "/api/v1/groups",
				 "{\"kind\":\"self_help\",\"name\":\"Access group open\"}");
	int64_t other = api_make(ngo, "/api/v1/groups",
				 "{\"kind\":\"language_course\",\"name\":\"Access group NGO\"}");
	int64_t closed = api_make(w, "/api/v1/groups",
				  "{\"kind\":\"psychotherapy\",\"name\":\"Access group closed\"}");
	if (open1 <= 0 || other <= 0 || closed <= 0)
		return -1;
	targets[OWN].group_id = open1;
	targets[OTHER].group_id = other;
	targets[RESTRICTED].group_id = closed;
	targets[RESTRICTED].group_closed = true;
	char path[128], body[256];
	/* Each group of organisation 1 has the other one's person too: the own-org person in the
	 * closed group, the restricted person in the open one. */
	const struct {
		int64_t group;
		int target;
	} extra[] = { { closed, OWN }, { open1, RESTRICTED } };
	for (size_t i = 0; i < sizeof(extra) / sizeof(extra[0]); i++) {
		snprintf(path, sizeof(path), "/api/v1/groups/%lld/members",
			 (long long)extra[i].group);
		snprintf(body, sizeof(body),
			 "{\"person_id\":%lld,\"note\":\"Membership note of the %s\"}",
			 (long long)targets[extra[i].target].id, targets[extra[i].target].label);
		if (http_post_json(w, path, body)->status != 201)
			return -1;
	}
	for (int i = 0; i < NTARGETS; i++) {
		struct target *t = &targets[i];
		struct client *c = i == OTHER ? ngo : w;
		snprintf(path, sizeof(path), "/api/v1/groups/%lld/members", (long long)t->group_id);
		snprintf(body, sizeof(body),
			 "{\"person_id\":%lld,\"note\":\"Membership note of the %s\"}",
			 (long long)t->id, t->label);
		struct resp *r = http_post_json(c, path, body);
		if (r->status != 201) {
			fprintf(stderr, "setup: the %s joins: %ld %.300s\n", t->label, r->status,
				r->body);
			return -1;
		}
		t->membership_id = q_int("SELECT id FROM group_members WHERE group_id = ?1 AND"
					 " person_id = ?2",
					 i64s(t->group_id), i64s(t->id));
		snprintf(path, sizeof(path), "/api/v1/groups/%lld/sessions",
			 (long long)t->group_id);
		if (i != OTHER)
			snprintf(body, sizeof(body),
				 "{\"topic\":\"Access session\",\"present\":[%lld,%lld]}",
				 (long long)targets[OWN].id, (long long)targets[RESTRICTED].id);
		else
			snprintf(body, sizeof(body),
				 "{\"topic\":\"Access session\",\"present\":[%lld]}",
				 (long long)t->id);
		t->session_id = api_make(c, path, body);
		if (t->membership_id <= 0 || t->session_id <= 0)
			return -1;
	}
	int64_t version =
	    q_int("SELECT version FROM work_groups WHERE id = ?1", i64s(closed), NULL);
	snprintf(path, sizeof(path), "/api/v1/groups/%lld", (long long)closed);
	snprintf(body, sizeof(body), "{\"version\":%lld,\"active\":false}", (long long)version);
	struct resp *r = http_patch_json(w, path, body);
	if (r->status != 200) {
		fprintf(stderr, "setup: closing the group: %ld %.300s\n", r->status, r->body);
		return -1;
	}
	return 0;
}

/* POSTs json to path as c and fails the setup (-1) unless it answers want. */
static int api_expect(struct client *c, const char *path, const char *json, long want)
{
	struct resp *r = http_post_json(c, path, json);
	if (r->status == want)
		return 0;
	fprintf(stderr, "setup: POST %s as %s answered %ld: %.300s\n", path, c->login, r->status,
		r->body ? r->body : "");
	return -1;
}

/* The campaigns of struct target: organisation 1's supervisor makes an open one (with a
 * donation) and a closed one, organisation 2's supervisor one. */
static int campaigns_setup(void)
{
	struct client *sup = users[SUPERVISOR].api;
	int64_t open1 = api_make(sup, "/api/v1/campaigns",
				 "{\"name\":\"Access campaign open\",\"goal\":1000000}");
	int64_t closed =
	    api_make(sup, "/api/v1/campaigns", "{\"name\":\"Access campaign closed\"}");
	int64_t other =
	    api_make(ngo_sup_api, "/api/v1/campaigns", "{\"name\":\"Access campaign NGO\"}");
	if (open1 <= 0 || closed <= 0 || other <= 0)
		return -1;
	char path[96];
	snprintf(path, sizeof(path), "/api/v1/campaigns/%lld/donations", (long long)open1);
	if (api_expect(sup, path,
		       "{\"donor\":\"Access donor\",\"amount\":50000,\"currency\":\"KZT\"}", 201))
		return -1;
	snprintf(path, sizeof(path), "/api/v1/campaigns/%lld", (long long)closed);
	struct resp *r = http_patch_json(sup, path, "{\"version\":1,\"active\":false}");
	if (r->status != 200) {
		fprintf(stderr, "setup: closing the campaign: %ld %.300s\n", r->status, r->body);
		return -1;
	}
	targets[OWN].campaign_id = open1;
	targets[OTHER].campaign_id = other;
	targets[RESTRICTED].campaign_id = closed;
	targets[RESTRICTED].campaign_closed = true;
	return 0;
}

/* The events of struct target, made by the worker (who sees the restricted person) and the
 * NGO's worker; each names its person, and the own-org person's the restricted person too. */
static int events_setup(void)
{
	struct client *w = users[WORKER].api, *ngo = users[NGO_WORKER].api;
	int64_t open1 = api_make(w, "/api/v1/events",
				 "{\"kind\":\"round_table\",\"title\":\"Access event open\","
				 "\"held_on\":\"2026-01-15\"}");
	int64_t other = api_make(ngo, "/api/v1/events",
				 "{\"kind\":\"festival\",\"title\":\"Access event NGO\","
				 "\"held_on\":\"2026-01-15\"}");
	int64_t protected_ = api_make(w, "/api/v1/events",
				      "{\"kind\":\"publication\",\"title\":\"Access event "
				      "protected\",\"held_on\":\"2026-01-15\",\"medium\":"
				      "\"bulletin\"}");
	if (open1 <= 0 || other <= 0 || protected_ <= 0)
		return -1;
	targets[OWN].event_id = open1;
	targets[OTHER].event_id = other;
	targets[RESTRICTED].event_id = protected_;
	const struct {
		int64_t event;
		int target;
		const char *role;
	} named[] = { { open1, OWN, "participant" },
		      { open1, RESTRICTED, "speaker" },
		      { other, OTHER, "performer" },
		      { protected_, RESTRICTED, "author" } };
	for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
		char path[96], body[128];
		snprintf(path, sizeof(path), "/api/v1/events/%lld/participants",
			 (long long)named[i].event);
		snprintf(body, sizeof(body), "{\"person_id\":%lld,\"role\":\"%s\"}",
			 (long long)targets[named[i].target].id, named[i].role);
		if (api_expect(named[i].target == OTHER ? ngo : w, path, body, 201))
			return -1;
	}
	return 0;
}

/* Enrols the target's person in programme as c (family of family, in the region of the quota
 * when region); the enrolment's id, or 0. */
static int64_t enrol(struct client *c, int64_t programme, const struct target *t, int family,
		     bool region)
{
	char path[96], body[256];
	snprintf(path, sizeof(path), "/api/v1/programmes/%lld/enrolments", (long long)programme);
	snprintf(body, sizeof(body),
		 "{\"person_id\":%lld,\"family_size\":%d,%s\"note\":\"Enrolment note of the %s\"}",
		 (long long)t->id, family, region ? "\"region\":\"" ACCESS_REGION "\"," : "",
		 t->label);
	return api_make(c, path, body);
}

/* A screening of each target's person (struct target). */
static int screenings_setup(void)
{
	struct client *by[] = { [OWN] = users[WORKER].api,
				[OTHER] = users[NGO_WORKER].api,
				[RESTRICTED] = users[WORKER].api };
	for (int i = 0; i < NTARGETS; i++) {
		char path[96];
		snprintf(path, sizeof(path), "/api/v1/persons/%lld/screenings",
			 (long long)targets[i].id);
		targets[i].screening_id =
		    api_make(by[i], path, "{\"instrument\":\"gad7\",\"answers\":[1,1,1,1,1,1,1]}");
		if (targets[i].screening_id <= 0)
			return -1;
	}
	return 0;
}

/* An employer, a vacancy and an employment of each target (struct target). */
static int labour_setup(void)
{
	struct client *by[] = { [OWN] = users[WORKER].api,
				[OTHER] = users[NGO_WORKER].api,
				[RESTRICTED] = users[WORKER].api };
	for (int i = 0; i < NTARGETS; i++) {
		char body[512];
		struct target *t = &targets[i];
		t->employer_id =
		    api_make(by[i], "/api/v1/employers", "{\"name\":\"Access employer\"}");
		snprintf(body, sizeof(body),
			 "{\"employer_id\":%lld,\"title\":\"Access vacancy\",\"occupation\":\"71\","
			 "\"region\":\"KZ-75\"}",
			 (long long)t->employer_id);
		t->vacancy_id = api_make(by[i], "/api/v1/vacancies", body);
		snprintf(body, sizeof(body),
			 "{\"person_id\":%lld,\"employer_id\":%lld,\"job_title\":\"Access job\","
			 "\"wage\":100,\"hours_per_week\":40,\"started_on\":\"2026-01-01\","
			 "\"contract\":\"oral\",\"documents_held_by\":\"worker\"}",
			 (long long)t->id, (long long)t->employer_id);
		t->employment_id = api_make(by[i], "/api/v1/employments", body);
		if (t->employer_id <= 0 || t->vacancy_id <= 0 || t->employment_id <= 0)
			return -1;
	}
	return 0;
}

/* An administrator of organisation 2 (the demo has none), made with `komek user add`. */
static int ngo_admin_setup(void)
{
	char org[256], out[1024];
	if (!db_text(&srv, org, sizeof(org), "SELECT name FROM orgs WHERE id = ?1",
		     i64s(users[NGO_WORKER].org), (const char *)NULL))
		return -1;
	static const char password[] = "access-ngo-admin-2026";
	int rc = komek_run_input(srv.db, password, out, sizeof(out), "user", "add", "ngo-admin",
				 "--org", org, "--role", "admin", (const char *)NULL);
	if (rc != 0) {
		fprintf(stderr, "setup: komek user add ngo-admin: %d: %s\n", rc, out);
		return -1;
	}
	ngo_admin_api = client_new(&srv);
	return api_login(ngo_admin_api, "ngo-admin", password) == 201 ? 0 : -1;
}

/* The programmes of struct target: organisation 1's administrator adds its own (with a quota
 * for this year), organisation 2's its own; the worker enrols the own-org and the restricted
 * person in organisation 1's and in the national Kazakh courses, the NGO's worker the other-org
 * person in organisation 2's. */
static int programmes_setup(void)
{
	if (ngo_admin_setup())
		return -1;
	struct client *w = users[WORKER].api, *ngo = users[NGO_WORKER].api;
	int64_t own = api_make(users[ADMIN].api, "/api/v1/programmes",
			       "{\"kind\":\"social_support\",\"name\":\"Access programme own\","
			       "\"has_quota\":true}");
	int64_t other = api_make(ngo_admin_api, "/api/v1/programmes",
				 "{\"kind\":\"employment\",\"name\":\"Access programme NGO\"}");
	int64_t national =
	    q_int("SELECT id FROM programmes WHERE code = 'kazakh_language' AND org_id IS NULL",
		  NULL, NULL);
	if (own <= 0 || other <= 0 || national <= 0)
		return -1;
	quota_year = today_year();
	char path[96], body[128];
	snprintf(path, sizeof(path), "/api/v1/programmes/%lld/quotas", (long long)own);
	snprintf(body, sizeof(body), "{\"region\":\"" ACCESS_REGION "\",\"year\":%d,\"quota\":10}",
		 quota_year);
	struct resp *r = http_post_json(users[ADMIN].api, path, body);
	if (r->status != 200) {
		fprintf(stderr, "setup: the quota: %ld %.300s\n", r->status, r->body);
		return -1;
	}
	targets[OWN].programme_id = own;
	targets[OTHER].programme_id = other;
	targets[RESTRICTED].programme_id = national;
	targets[RESTRICTED].programme_national = true;
	targets[OWN].enrolment_id = enrol(w, own, &targets[OWN], 2, true);
	targets[OTHER].enrolment_id = enrol(ngo, other, &targets[OTHER], 1, false);
	targets[RESTRICTED].enrolment_id = enrol(w, national, &targets[RESTRICTED], 1, false);
	if (enrol(w, own, &targets[RESTRICTED], 1, true) <= 0 ||
	    enrol(w, national, &targets[OWN], 1, false) <= 0)
		return -1;
	for (int i = 0; i < NTARGETS; i++)
		if (targets[i].enrolment_id <= 0)
			return -1;
	return 0;
}

/* The public work of struct target: each organisation's records, as their workers keep them
 * (organisation 1's second ones by its supervisor). */
static int civic_setup(void)
{
	static const char *const names[NTARGETS] = {
		[OWN] = "own", [OTHER] = "NGO", [RESTRICTED] = "second"
	};
	for (int i = 0; i < NTARGETS; i++) {
		struct target *t = &targets[i];
		struct client *c = users[i == OTHER        ? NGO_WORKER
					 : i == RESTRICTED ? SUPERVISOR
							   : WORKER]
				       .api;
		char path[128], body[384];
		snprintf(
		    body, sizeof(body),
		    "{\"name\":\"Access resettlers %s\",\"kind\":\"public_association\","
		    "\"initiators\":\"Access initiators %s\",\"contact\":\"Access contact %s\"}",
		    names[i], names[i], names[i]);
		t->rog_id = api_make(c, "/api/v1/resettler-orgs", body);
		snprintf(path, sizeof(path), "/api/v1/resettler-orgs/%lld/steps",
			 (long long)t->rog_id);
		if (t->rog_id <= 0 ||
		    api_expect(c, path,
			       "{\"step\":\"initiative_group\",\"done_on\":\"2026-01-10\"}", 201))
			return -1;
		snprintf(body, sizeof(body),
			 "{\"name\":\"Access council %s\",\"kind\":\"public_council\"}", names[i]);
		t->council_id = api_make(c, "/api/v1/councils", body);
		if (t->council_id <= 0)
			return -1;
		snprintf(path, sizeof(path), "/api/v1/councils/%lld/meetings",
			 (long long)t->council_id);
		snprintf(body, sizeof(body),
			 "{\"held_on\":\"2026-01-15\",\"agenda\":\"Access agenda %s\","
			 "\"minutes\":\"Access minutes %s\"}",
			 names[i], names[i]);
		t->meeting_id = api_make(c, path, body);
		if (t->meeting_id <= 0)
			return -1;
		snprintf(path, sizeof(path), "/api/v1/councils/%lld/meetings/%lld/decisions",
			 (long long)t->council_id, (long long)t->meeting_id);
		snprintf(body, sizeof(body),
			 "{\"text\":\"Access decision %s\",\"status\":\"in_progress\"}", names[i]);
		if (api_expect(c, path, body, 201))
			return -1;
		t->decision_id =
		    q_int("SELECT MAX(id) FROM council_decisions WHERE meeting_id = ?1",
			  i64s(t->meeting_id), NULL);
		snprintf(body, sizeof(body),
			 "{\"title\":\"Access proposal %s\",\"text\":\"Access text %s\","
			 "\"addressee\":\"Access addressee %s\",\"status\":\"submitted\","
			 "\"submitted_on\":\"2026-01-16\",\"meeting_id\":%lld}",
			 names[i], names[i], names[i], (long long)t->meeting_id);
		t->proposal_id = api_make(c, "/api/v1/proposals", body);
		if (t->decision_id <= 0 || t->proposal_id <= 0)
			return -1;
	}
	targets[RESTRICTED].civic_crossed = true;
	return 0;
}

static int group_setup(void **state)
{
	(void)state;
	if (server_new(&srv, true) || server_start(&srv))
		goto fail;
	for (int i = 0; i < NROLES; i++) {
		struct user *u = &users[i];
		u->id = q_int("SELECT id FROM users WHERE login = ?1", u->login, NULL);
		u->org = q_int("SELECT org_id FROM users WHERE login = ?1", u->login, NULL);
		u->web = client_new(&srv);
		u->api = client_new(&srv);
		if (web_login(u->web, u->login, DEMO_PASSWORD) != 303 ||
		    api_login(u->api, u->login, DEMO_PASSWORD) != 201) {
			fprintf(stderr, "setup: cannot log in as %s\n", u->login);
			goto fail;
		}
	}
	for (int i = 0; i < NTARGETS; i++) {
		struct target *t = &targets[i];
		t->id = q_int("SELECT id FROM persons WHERE family_name = ?1 AND given_name = ?2",
			      t->family, t->given);
		t->org = q_int("SELECT org_id FROM persons WHERE id = ?1", i64s(t->id), NULL);
		if (t->id <= 0 || t->org <= 0) {
			fprintf(stderr, "setup: no demo person %s %s\n", t->family, t->given);
			goto fail;
		}
		if (!db_text(&srv, doc_buf[i], sizeof(doc_buf[i]),
			     "SELECT number FROM documents WHERE person_id = ?1", i64s(t->id),
			     (const char *)NULL))
			goto fail;
		t->doc = doc_buf[i];
	}
	targets[OWN].household =
	    q_int("SELECT household_id FROM persons WHERE id = ?1", i64s(targets[OWN].id), NULL);
	/* Organisation 2 has no household in the demo: its worker makes one. */
	struct resp *r = http_post_json(users[NGO_WORKER].api, "/api/v1/households", "{}");
	json_t *j = r->status == 201 ? resp_json(r) : NULL;
	targets[OTHER].household = json_int_of(j, "id", 0);
	json_decref(j);
	if (targets[OTHER].household <= 0) {
		fprintf(stderr, "setup: cannot make a household for organisation 2 (%ld)\n",
			r->status);
		goto fail;
	}
	/* For the consent route: a consent that belongs to somebody else. */
	targets[OWN].foreign_consent = q_int("SELECT MIN(id) FROM consents WHERE person_id = ?1",
					     i64s(targets[OTHER].id), NULL);
	targets[OTHER].foreign_consent =
	    q_int("SELECT MIN(id) FROM consents WHERE person_id = ?1", i64s(targets[OWN].id), NULL);
	targets[RESTRICTED].foreign_consent = targets[OWN].foreign_consent;
	for (int i = 0; i < NTARGETS; i++) {
		targets[i].case_id = q_int("SELECT MIN(id) FROM cases WHERE person_id = ?1",
					   i64s(targets[i].id), NULL);
		targets[i].referral_id = q_int("SELECT MIN(id) FROM referrals WHERE person_id = ?1",
					       i64s(targets[i].id), NULL);
	}
	targets[OWN].user = users[LAWYER].id;
	targets[OTHER].user = users[NGO_WORKER].id;
	/* A namesake of each, born the same day, registered as a new person all the same: a
	 * decided pair of the duplicates queue. The restricted person's by the worker assigned
	 * to them (nobody else would be shown it), as an ordinary record. */
	for (int i = 0; i < NTARGETS; i++) {
		struct target *t = &targets[i];
		char birth[16] = "";
		db_text(&srv, birth, sizeof(birth), "SELECT birth_date FROM persons WHERE id = ?1",
			i64s(t->id), (const char *)NULL);
		struct sbuf b = { 0 };
		sb_addf(&b,
			"{\"family_name\":\"%s\",\"given_name\":\"%s\",\"birth_date\":\"%s\","
			"\"sex\":\"female\",\"confirm_new\":true}",
			t->family, t->given, birth);
		struct client *c = users[i == OTHER ? NGO_WORKER : WORKER].api;
		r = http_post_json(c, "/api/v1/persons", sb_str(&b));
		sb_free(&b);
		if (r->status != 201)
			goto fail;
		t->pair_id = q_int("SELECT MIN(id) FROM duplicate_pairs WHERE first_id = ?1 OR"
				   " second_id = ?1",
				   i64s(t->id), NULL);
		if (t->pair_id <= 0) {
			fprintf(stderr, "setup: no pair for the %s\n", t->label);
			goto fail;
		}
	}
	/* The imports. */
	const int makers[NTARGETS] = {
		[OWN] = WORKER, [OTHER] = NGO_WORKER, [RESTRICTED] = PSYCHOLOGIST
	};
	for (int i = 0; i < NTARGETS; i++) {
		static const char csv[] = "family_name,given_name\nImported,Person\n";
		struct user *u = &users[makers[i]];
		struct resp *x = http_do(u->api, "POST", "/api/v1/imports?filename=t.csv",
					 "text/csv", csv, sizeof(csv) - 1);
		json_t *jx = x->status == 201 ? resp_json(x) : NULL;
		targets[i].import_id = json_int_of(jx, "id", 0);
		targets[i].import_by = u->id;
		json_decref(jx);
		if (targets[i].import_id <= 0) {
			fprintf(stderr, "setup: the import of %s failed (%ld)\n", u->login,
				x->status);
			goto fail;
		}
	}
	if (groups_setup())
		goto fail;
	ngo_sup_api = client_new(&srv);
	if (api_login(ngo_sup_api, "ngo-supervisor", DEMO_PASSWORD) != 201 || campaigns_setup() ||
	    events_setup() || programmes_setup() || civic_setup() || screenings_setup() ||
	    labour_setup())
		goto fail;
	return 0;
fail:
	server_free(&srv);
	return -1;
}

static int group_teardown(void **state)
{
	(void)state;
	for (int i = 0; i < NROLES; i++) {
		client_free(users[i].web);
		client_free(users[i].api);
		users[i].web = users[i].api = NULL;
	}
	client_free(ngo_sup_api);
	client_free(ngo_admin_api);
	ngo_sup_api = ngo_admin_api = NULL;
	bool ok = server_stop_graceful(&srv);
	server_free(&srv);
	return ok ? 0 : -1;
}

static bool assigned(const struct user *u, const struct target *t)
{
	return q_int("SELECT COUNT(*) FROM person_workers WHERE person_id = ?1 AND user_id = ?2",
		     i64s(t->id), i64s(u->id)) > 0;
}

/* The access rule, restated: same organisation, and not restricted unless a supervisor or
 * assigned. Analysts never see a person's record. */
static bool sees(const struct user *u, const struct target *t)
{
	if (u->role == ANALYST || u->org != t->org)
		return false;
	return !t->restricted || u->role == SUPERVISOR || assigned(u, t);
}

/* On the case's team: its worker or a co-worker. */
static bool on_team(const struct user *u, const struct target *t)
{
	return q_int("SELECT COUNT(*) FROM cases WHERE id = ?1 AND worker_id = ?2",
		     i64s(t->case_id), i64s(u->id)) +
		   q_int("SELECT COUNT(*) FROM case_workers WHERE case_id = ?1 AND user_id = ?2",
			 i64s(t->case_id), i64s(u->id)) >
	       0;
}

/* The receiving organisation of t's referral (0: a partner outside this Komek). */
static int64_t referral_to(const struct target *t)
{
	return q_int("SELECT COALESCE(to_org_id, 0) FROM referrals WHERE id = ?1",
		     i64s(t->referral_id), NULL);
}

/* The sides of a referral, restated: the sending organisation through the person's rule;
 * the receiving one by organisation, a restricted person's for its supervisors (and the
 * worker who took it: nobody has, in the demo). */
static bool sees_referral(const struct user *u, const struct target *t)
{
	if (u->role == ANALYST)
		return false;
	if (u->org == t->org)
		return sees(u, t);
	return u->org == referral_to(t) && (!t->restricted || u->role == SUPERVISOR);
}

/* Who records the next step: the receiving organisation's workers, or for a partner outside
 * this Komek the case's team and supervisors. */
static bool answers_referral(const struct user *u, const struct target *t)
{
	int64_t to = referral_to(t);
	if (to)
		return u->org == to;
	return u->org == t->org && (u->role == SUPERVISOR || on_team(u, t));
}

static bool person_route(enum route_kind k)
{
	switch (k) {
	case RK_REFERRAL_READ:
	case RK_REFERRAL_ANSWER:
	case RK_CASE_NEW:
	case RK_CASE_READ:
	case RK_CASE_FORM:
	case RK_CASE_DECIDE:
	case RK_CASE_STATUS:
	case RK_CASE_APPROVE:
	case RK_CASE_ITEM:
	case RK_CASE_WRITE:
	case RK_CASE_ADD:
	case RK_CASE_TEAM:
	case RK_CASE_UNTEAM:
	case RK_PERSON_READ:
	case RK_PERSON_EDIT:
	case RK_PERSON_WRITE:
	case RK_DISCLOSURES:
	case RK_ASSIGN:
	case RK_UNASSIGN:
	case RK_CONSENT_ADD:
	case RK_CONSENT_WD:
	case RK_ERASE:
	case RK_PERSON_LINKS:
	case RK_UNLINK:
	case RK_DUP_READ:
	case RK_DUP_LINK:
	case RK_DUP_DISMISS: return true;
	default: return false;
	}
}

/* Whether u sees t's import: its maker, or a supervisor or administrator of its
 * organisation. */
static bool sees_import(const struct user *u, const struct target *t)
{
	if (u->role == ANALYST || u->org != t->org)
		return false;
	return u->id == t->import_by || u->role == SUPERVISOR || u->role == ADMIN;
}

/* Who adds and changes centres and rooms. */
static bool manages(const struct user *u)
{
	return u->role == ADMIN || u->role == SUPERVISOR;
}

static bool centre_route(enum route_kind k)
{
	return k >= RK_CENTRE_LIST && k <= RK_CENTRE_WITHDRAW;
}

/* Who adds and changes groups, their members and sessions (group_may_manage): those who
 * register people (access_may_write_persons), every role but the analyst. */
static bool manages_groups(const struct user *u)
{
	return u->role != ANALYST;
}

static bool group_route(enum route_kind k)
{
	return k >= RK_GROUP_LIST && k <= RK_GROUP_SESSION_WRITE;
}

/* A route of one group ({id} in its path): walked against each target's group. */
static bool group_target_route(enum route_kind k)
{
	return k >= RK_GROUP_READ && k <= RK_GROUP_SESSION_WRITE;
}

/* Who keeps a fund: campaigns, donations, spendings (campaign_may_manage). */
static bool manages_funds(const struct user *u)
{
	return u->role == ADMIN || u->role == SUPERVISOR;
}

static bool campaign_route(enum route_kind k)
{
	return k >= RK_CAMPAIGN_LIST && k <= RK_CAMPAIGN_MANAGE;
}

static bool event_route(enum route_kind k)
{
	return k >= RK_EVENT_LIST && k <= RK_EVENT_UNNAME;
}

static bool programme_route(enum route_kind k)
{
	return k >= RK_PROGRAMME_LIST && k <= RK_ENROLMENT_ACT;
}

/* A route of one campaign, event or programme ({id} in its path): walked against each
 * target's. */
static bool record_target_route(enum route_kind k)
{
	return (k >= RK_CAMPAIGN_READ && k <= RK_CAMPAIGN_MANAGE) ||
	       (k >= RK_EVENT_READ && k <= RK_EVENT_UNNAME) ||
	       (k >= RK_PROGRAMME_READ && k <= RK_ENROLMENT_ACT);
}

static bool civic_route(enum route_kind k)
{
	return k >= RK_CIVIC_LIST && k <= RK_DECISION_WRITE;
}

/* A route of one record of public work ({id} in its path): walked against each target's. */
static bool civic_target_route(enum route_kind k)
{
	return k >= RK_CIVIC_READ && k <= RK_DECISION_WRITE;
}

/* Public work names no person: every role but the analyst reads and keeps its organisation's
 * records (civic_may_read, civic_may_manage), and the analyst is refused every route. Another
 * organisation's record is not found, as is a meeting under another council than its own;
 * an empty form or body is refused (a decision's status form, where an empty one would
 * set the status to "adopted", is sent a status that is none: see form_fields). */
static long expected_civic(const struct route_spec *rt, const struct user *u,
			   const struct target *t)
{
	if (!civic_route(rt->kind))
		return 0;
	if (u->role == ANALYST)
		return 403;
	switch (rt->kind) {
	case RK_CIVIC_LIST:
	case RK_CIVIC_NEW: return 200;
	case RK_CIVIC_CREATE: return 422; /* an empty form */
	case RK_CIVIC_READ:
	case RK_CIVIC_EDIT: return u->org == t->org ? 200 : 404;
	case RK_CIVIC_MANAGE:
		return u->org == t->org ? 422 : 404; /* no version, no name, no step, no agenda */
	case RK_MEETING_READ:
	case RK_MEETING_DECIDE:
	case RK_DECISION_WRITE:
		if (u->org != t->org || t->civic_crossed)
			return 404;
		/* No text; a status that is none. */
		return rt->kind == RK_MEETING_READ ? 200 : 422;
	default: return 0;
	}
}

/* Fundraising, events and programmes: the role first (analysts see none: their pages name
 * donors and people), then the record (the target's: another organisation's is not found;
 * a national programme is every organisation's), then what the request holds. */
static long expected_records(const struct route_spec *rt, const struct user *u,
			     const struct target *t)
{
	bool analyst = u->role == ANALYST, admin = u->role == ADMIN;
	switch (rt->kind) {
	case RK_CAMPAIGN_LIST: return analyst ? 403 : 200;
	case RK_CAMPAIGN_NEW: return manages_funds(u) ? 200 : 403;
	case RK_CAMPAIGN_CREATE: return manages_funds(u) ? 422 : 403; /* an empty form */
	case RK_CAMPAIGN_READ:
		if (analyst)
			return 403;
		return u->org == t->org ? 200 : 404;
	case RK_CAMPAIGN_EDIT:
	case RK_CAMPAIGN_MANAGE:
		if (!manages_funds(u))
			return 403;
		if (u->org != t->org)
			return 404;
		/* An empty form: no version, no amount (also to a closed campaign). */
		return rt->kind == RK_CAMPAIGN_EDIT ? 200 : 422;
	case RK_EVENT_LIST:
	case RK_EVENT_NEW: return analyst ? 403 : 200;
	case RK_EVENT_CREATE: return analyst ? 403 : 422; /* an empty form */
	case RK_EVENT_READ:
	case RK_EVENT_EDIT:
	case RK_EVENT_ACT:
	case RK_EVENT_UNNAME:
		if (analyst)
			return 403;
		if (u->org != t->org)
			return 404;
		/* An empty form: no version, no person; nobody such named. */
		return rt->kind == RK_EVENT_ACT ? 422 : rt->kind == RK_EVENT_UNNAME ? 404 : 200;
	case RK_PROGRAMME_LIST: return analyst ? 403 : 200;
	case RK_PROGRAMME_NEW: return admin ? 200 : 403;
	case RK_PROGRAMME_CREATE: return admin ? 422 : 403; /* an empty form */
	case RK_PROGRAMME_READ:
	case RK_PROGRAMME_ENROL:
		if (analyst)
			return 403;
		if (!t->programme_national && u->org != t->org)
			return 404;
		return rt->kind == RK_PROGRAMME_READ ? 200 : 422; /* an empty form */
	case RK_PROGRAMME_EDIT:
	case RK_PROGRAMME_MANAGE:
	case RK_PROGRAMME_QUOTA:
		if (!admin)
			return 403;
		if (!t->programme_national && u->org != t->org)
			return 404;
		if (t->programme_national)
			return 403; /* the state's: they ship with Komek */
		/* An empty form; a quota below the places used (see form_fields). */
		return rt->kind == RK_PROGRAMME_EDIT ? 200 : 422;
	/* An enrolment is its organisation's, and of a person the reader sees. */
	case RK_ENROLMENT_READ:
	case RK_ENROLMENT_ACT:
		if (analyst)
			return 403;
		if (!sees(u, t))
			return 404;
		/* Support: an empty form; a withdrawal: a date that is none. */
		return rt->kind == RK_ENROLMENT_READ ? 200 : 422;
	case RK_ENTITLEMENTS: return analyst ? 403 : 200;
	default: return expected_civic(rt, u, t);
	}
}

/* Labour: the role first (analysts see nothing of it; social workers, lawyers and
 * supervisors record; administrators keep the minimum wage), then the record: an employer or
 * a vacancy is its organisation's, an employment or a person's skills the person's. An empty
 * body is refused (no version, no name, no resolution, no date). */
static long expected_labour(const struct route_spec *rt, const struct user *u,
			    const struct target *t)
{
	bool writes = u->role == WORKER || u->role == LAWYER || u->role == SUPERVISOR ||
		      u->role == NGO_WORKER;
	if (u->role == ANALYST)
		return 403;
	switch (rt->kind) {
	case RK_LABOUR_LIST: return 200;
	case RK_LABOUR_CREATE: return writes ? 422 : 403;
	case RK_RATES_SET: return u->role == ADMIN ? 422 : 403;
	/* No such alert: the API checks the body first, the page finds the alert first. */
	case RK_ALERT_RESOLVE: return !writes ? 403 : rt->api ? 422 : 404;
	case RK_EMPLOYER_READ:
	case RK_VACANCY_READ: return u->org == t->org ? 200 : 404;
	case RK_EMPLOYER_WRITE:
	case RK_VACANCY_WRITE:
		if (!writes)
			return 403;
		return u->org == t->org ? 422 : 404;
	case RK_EMPLOYMENT_READ:
	case RK_PERSON_LABOUR: return sees(u, t) ? 200 : 404;
	case RK_EMPLOYMENT_WRITE:
	case RK_SKILL_ADD:
		if (!writes)
			return 403;
		return sees(u, t) ? 422 : 404;
	case RK_SKILL_DELETE:
		if (!writes)
			return 403;
		return 404; /* none such, or a person not seen */
	case RK_LABOUR_NEW: return writes ? 200 : 403;
	case RK_EMPLOYMENT_NEW:
		if (!writes)
			return 403;
		return sees(u, t) ? 200 : 404;
	default: return 0;
	}
}

/* The status a route must answer for u on t; 0: not walked here (covered by other tests:
 * logging in and out, the language switch, revoking a token). */
static long expected(const struct route_spec *rt, const struct user *u, const struct target *t)
{
	bool analyst = u->role == ANALYST;
	if (rt->kind == RK_REFERRAL_READ || rt->kind == RK_REFERRAL_ANSWER) {
		if (!sees_referral(u, t))
			return 404;
		if (rt->kind == RK_REFERRAL_READ)
			return 200;
		return answers_referral(u, t) ? 422 : 403; /* no version, no status */
	}
	/* Reports: figures, read by supervisors, administrators and analysts (workers have
	 * their dashboards). */
	if (rt->kind == RK_REPORT || rt->kind == RK_REPORT_PARAMS) {
		if (!(u->role == ADMIN || u->role == SUPERVISOR || analyst))
			return 403;
		return rt->kind == RK_REPORT ? 200 : 422;
	}
	if (rt->kind == RK_DASHBOARD) /* everyone's own */
		return 200;
	if (rt->kind >= RK_INTEGRATION_READ && rt->kind <= RK_COHORT) {
		/* Integration: a cohort's figures are for everyone (aggregates); a person's
		 * reviews for all but analysts, recorded by those who work with people. */
		if (rt->kind == RK_COHORT)
			return 200;
		if (analyst)
			return 403;
		bool writes = u->role != ADMIN;
		if (rt->kind != RK_INTEGRATION_READ && !writes)
			return 403;
		if (!sees(u, t))
			return 404;
		return rt->kind == RK_INTEGRATION_WRITE ? 422 : 200; /* no domain */
	}
	if (rt->kind >= RK_LABOUR_LIST && rt->kind <= RK_EMPLOYMENT_NEW)
		return expected_labour(rt, u, t);
	if (rt->kind >= RK_SCREENING_READ && rt->kind <= RK_INSTRUMENTS) {
		/* Screenings are for those who work with people: the role first. */
		if (analyst || u->role == ADMIN)
			return 403;
		if (rt->kind == RK_INSTRUMENTS)
			return 200;
		if (!sees(u, t))
			return 404;
		return rt->kind == RK_SCREENING_WRITE ? 422 : 200; /* no instrument */
	}
	if (person_route(rt->kind)) {
		if (!sees(u, t))
			return 404;
		switch (rt->kind) {
		case RK_PERSON_READ:
		case RK_PERSON_EDIT: return 200;
		case RK_PERSON_WRITE: return 422; /* no version and no name in the body */
		case RK_DISCLOSURES: return u->role == ADMIN || u->role == SUPERVISOR ? 200 : 403;
		case RK_ASSIGN: return u->role == SUPERVISOR ? 422 : 403;   /* no user_id */
		case RK_UNASSIGN: return u->role == SUPERVISOR ? 404 : 403; /* nobody such */
		case RK_CONSENT_ADD: return 422;                            /* no purpose */
		case RK_CONSENT_WD: return 404; /* the consent is another person's */
		case RK_ERASE: return u->role == SUPERVISOR ? 422 : 403; /* no reason, no confirm */
		case RK_PERSON_LINKS: return 200;
		case RK_UNLINK:
			return 404; /* no such link */
		/* The pair with the namesake (whom every worker of the organisation sees). */
		case RK_DUP_READ: return 200;
		case RK_DUP_LINK: return 422;    /* no "keep" */
		case RK_DUP_DISMISS: return 409; /* decided at registration */
		case RK_CASE_NEW:
		case RK_CASE_READ: return 200;
		/* An empty form: no version, no text, no user. */
		case RK_CASE_WRITE:
		case RK_CASE_ADD:
		case RK_CASE_TEAM: return u->role == SUPERVISOR || on_team(u, t) ? 422 : 403;
		case RK_CASE_FORM: return u->role == SUPERVISOR || on_team(u, t) ? 200 : 403;
		case RK_CASE_ITEM: return 404; /* no such item */
		case RK_CASE_STATUS:           /* no status */
			return u->role == SUPERVISOR || on_team(u, t) ? 422 : 403;
		case RK_CASE_APPROVE: /* nothing waiting for approval */
			return u->role == SUPERVISOR ? 422 : 403;
		case RK_CASE_DECIDE: /* no such rule proposed */
		case RK_CASE_UNTEAM: /* nobody such */
			return u->role == SUPERVISOR || on_team(u, t) ? 404 : 403;
		default: return 0;
		}
	}
	switch (rt->kind) {
	case RK_HOME: return 303; /* the caseload, or an analyst's dashboard */
	case RK_LOGIN_GET: return 303;
	case RK_STATIC:
	case RK_REF:
	case RK_OPENAPI: return 200;
	case RK_LIST:
	case RK_NEW: return analyst ? 403 : 200;
	case RK_CREATE:
	case RK_CASE_CREATE: return analyst ? 403 : 422; /* an empty form */
	case RK_CASE_LIST: return analyst ? 403 : 200;
	case RK_HH_CREATE: return analyst ? 403 : 201;
	case RK_HH_GET:
		if (!t->household)
			return 0;
		return !analyst && u->org == t->org ? 200 : 404;
	case RK_PARTNER_GET: return 200; /* the directory is for everyone */
	case RK_PARTNER_POST: return u->role == ADMIN ? 422 : 403; /* an empty form */
	case RK_ADMIN_GET:
	case RK_RULE_GET: return u->role == ADMIN ? 200 : 403;
	case RK_RULE_POST: return u->role == ADMIN ? 422 : 403;  /* an empty form */
	case RK_ADMIN_POST: return u->role == ADMIN ? 422 : 403; /* an empty form */
	case RK_USER_GET:
	case RK_USER_POST:
		if (!t->user)
			return 0;
		if (u->role != ADMIN)
			return 403;
		if (u->org != t->org)
			return 404;
		return rt->kind == RK_USER_GET ? 200 : 422; /* an empty form: no role */
	case RK_SESSION_POST: return 422;                   /* {} */
	case RK_DUP_LIST: return analyst ? 403 : 200;
	case RK_EXPORT: return 200; /* an analyst's is de-identified (test_export) */
	case RK_LIST_EXPORT: return analyst ? 403 : 200; /* what the lists show (test_export) */
	case RK_IMPORT_LIST: return analyst ? 403 : 200;
	/* The web's needs a multipart body; the API's, a file name. */
	case RK_IMPORT_UPLOAD: return !rt->api ? 400 : analyst ? 403 : 422;
	case RK_IMPORT_READ: return sees_import(u, t) ? 200 : 404;
	case RK_IMPORT_ACTION: return sees_import(u, t) ? 422 : 404; /* no version */
	case RK_DUP_SCAN:
		if (u->role != SUPERVISOR && u->role != ADMIN)
			return 403;
		return rt->api ? 200 : 303;
	/* Centres: the role first, then the centre (the target's organisation's). */
	case RK_CENTRE_LIST: return analyst ? 403 : 200;
	case RK_CENTRE_NEW: return manages(u) ? 200 : 403;
	case RK_CENTRE_CREATE: return manages(u) ? 422 : 403; /* an empty form */
	case RK_CENTRE_READ:
		if (analyst)
			return 403;
		return u->org == t->org ? 200 : 404;
	case RK_CENTRE_EDIT:
	case RK_CENTRE_MANAGE:
		if (!manages(u))
			return 403;
		return u->org != t->org ? 404 : rt->kind == RK_CENTRE_EDIT ? 200 : 422;
	case RK_CENTRE_ACT:
	case RK_CENTRE_WITHDRAW:
		if (analyst)
			return 403;
		/* An empty form; no such place on the waiting list. */
		return u->org != t->org ? 404 : rt->kind == RK_CENTRE_ACT ? 422 : 404;
	/* Groups: the role first (analysts see no group: its pages name people), then the
	 * group (the target's: another organisation's is not found), then the record. */
	case RK_GROUP_LIST: return analyst ? 403 : 200;
	case RK_GROUP_NEW: return manages_groups(u) ? 200 : 403;
	case RK_GROUP_CREATE: return manages_groups(u) ? 422 : 403; /* an empty form */
	case RK_GROUP_READ:
	case RK_GROUP_EDIT:
	case RK_GROUP_MANAGE:
	case RK_GROUP_ACT:
	case RK_GROUP_LEAVE:
	case RK_GROUP_SESSION_NEW:
	case RK_GROUP_SESSION_READ:
	case RK_GROUP_SESSION_WRITE:
		if (analyst || (rt->kind != RK_GROUP_READ && rt->kind != RK_GROUP_SESSION_READ &&
				!manages_groups(u)))
			return 403;
		if (u->org != t->org)
			return 404;
		switch (rt->kind) {
		case RK_GROUP_READ:
		case RK_GROUP_EDIT:
		case RK_GROUP_SESSION_READ: return 200;
		/* A closed group records no session. */
		case RK_GROUP_SESSION_NEW: return t->group_closed ? 404 : 200;
		/* An empty form: no version, no person, no topic (refused before the group's
		 * being closed is looked at). */
		case RK_GROUP_MANAGE:
		case RK_GROUP_ACT:
		case RK_GROUP_SESSION_WRITE: return 422;
		/* The membership of a person the user may not see is not found; of one they see,
		 * refused for want of a (valid) date. */
		case RK_GROUP_LEAVE: return sees(u, t) ? 422 : 404;
		default: return 0;
		}
	default: return expected_records(rt, u, t);
	}
}

/* The path of rt for t: {id} is the person (or household), the second {id} a user or a
 * consent, {name} a reference list. */
static void route_path(const struct route_spec *rt, const struct target *t, char *out, size_t cap)
{
	size_t n = 0;
	int ids = 0;
	out[0] = '\0';
	for (const char *p = rt->pattern; *p && n + 24 < cap;) {
		if (strncmp(p, "{id}", 4) == 0) {
			int64_t v;
			if (rt->kind == RK_HH_GET)
				v = t->household;
			else if (rt->kind == RK_USER_GET || rt->kind == RK_USER_POST)
				v = t->user;
			else if (rt->kind == RK_RULE_GET || rt->kind == RK_RULE_POST)
				v = 1; /* the first rule of migration 0007 */
			else if (rt->kind == RK_PARTNER_GET || rt->kind == RK_PARTNER_POST)
				v = q_int("SELECT id FROM partners WHERE org_id = ?1",
					  i64s(users[ADMIN].org), NULL); /* the admin's own */
			else if (rt->kind == RK_REFERRAL_READ || rt->kind == RK_REFERRAL_ANSWER)
				v = t->referral_id;
			else if (rt->kind == RK_DUP_READ || rt->kind == RK_DUP_LINK ||
				 rt->kind == RK_DUP_DISMISS)
				v = t->pair_id;
			else if (rt->kind == RK_IMPORT_READ || rt->kind == RK_IMPORT_ACTION)
				v = t->import_id;
			else if (centre_route(rt->kind))
				v = ids ? 99999999 /* no such place on the list */
					: q_int("SELECT MIN(id) FROM centres WHERE org_id = ?1",
						i64s(t->org), NULL);
			else if (group_route(rt->kind))
				v = !ids                         ? t->group_id
				    : rt->kind == RK_GROUP_LEAVE ? t->membership_id
								 : t->session_id;
			else if (campaign_route(rt->kind))
				v = t->campaign_id;
			else if (event_route(rt->kind))
				v = !ids ? t->event_id : 99999999; /* nobody such named */
			else if (programme_route(rt->kind))
				v = !ids ? t->programme_id : t->enrolment_id;
			else if (civic_route(rt->kind) && strstr(rt->pattern, "/resettler-orgs/"))
				v = t->rog_id;
			else if (civic_route(rt->kind) && strstr(rt->pattern, "/proposals/"))
				v = t->proposal_id;
			else if (civic_route(rt->kind)) /* a council, its meeting, a decision */
				v = ids == 0           ? t->council_id
				    : ids == 2         ? t->decision_id
				    : t->civic_crossed ? targets[OWN].meeting_id
						       : t->meeting_id;
			else if (rt->kind == RK_EMPLOYER_READ || rt->kind == RK_EMPLOYER_WRITE)
				v = t->employer_id;
			else if (rt->kind == RK_VACANCY_READ || rt->kind == RK_VACANCY_WRITE)
				v = t->vacancy_id;
			else if (rt->kind == RK_EMPLOYMENT_READ || rt->kind == RK_EMPLOYMENT_WRITE)
				v = t->employment_id;
			else if (rt->kind == RK_ALERT_RESOLVE)
				v = 99999999;
			else if ((rt->kind >= RK_PERSON_LABOUR && rt->kind <= RK_SKILL_DELETE) ||
				 rt->kind == RK_EMPLOYMENT_NEW ||
				 (rt->kind >= RK_INTEGRATION_READ &&
				  rt->kind <= RK_INTEGRATION_WRITE))
				v = ids == 0 ? t->id : 99999999;
			else if (rt->kind >= RK_SCREENING_READ && rt->kind <= RK_SCREENING_WRITE)
				v = ids == 0 ? t->id : t->screening_id;
			else if (ids == 0 && (rt->kind == RK_PERSON_LINKS || rt->kind == RK_UNLINK))
				v = t->id;
			else if (ids == 0 && rt->kind >= RK_CASE_READ)
				v = t->case_id;
			else if (ids == 0)
				v = t->id;
			else if (rt->kind == RK_CONSENT_WD)
				v = t->foreign_consent;
			else
				v = 99999999; /* no such user */
			n += (size_t)snprintf(out + n, cap - n, "%lld", (long long)v);
			ids++;
			p += 4;
		} else if (strncmp(p, "{name}", 6) == 0) {
			n += (size_t)snprintf(out + n, cap - n, "categories");
			p += 6;
		} else {
			out[n++] = *p++;
			out[n] = '\0';
		}
	}
	if (rt->kind == RK_CASE_NEW)
		snprintf(out + n, cap - n, "?person=%lld", (long long)t->id);
}

/* The body of an API write: an empty object, save where that is a valid request that would
 * change the fixtures (a member leaves today; a session's and a decision's PATCH keep what it
 * does not name): there a date, a topic or a status that does not validate. */
static const char *json_body(const struct route_spec *rt)
{
	static char quota[96];
	if (rt->kind == RK_GROUP_LEAVE ||
	    (rt->kind == RK_ENROLMENT_ACT && strstr(rt->pattern, "/withdraw")))
		return "{\"date\":\"not a date\"}";
	if (rt->kind == RK_GROUP_SESSION_WRITE)
		return "{\"topic\":\"\"}";
	if (rt->kind == RK_DECISION_WRITE)
		return "{\"status\":\"not a status\"}";
	if (rt->kind == RK_PROGRAMME_QUOTA) {
		snprintf(quota, sizeof(quota),
			 "{\"region\":\"" ACCESS_REGION "\",\"year\":%d,\"quota\":0}", quota_year);
		return quota;
	}
	return "{}";
}

/* The fields of a web form beside _csrf, where an empty form would be a valid request that
 * changes the fixtures (a withdrawal is today's; a decision's status, missing, is "adopted"),
 * or would not reach the rule under test (a national programme's quota is refused after the
 * form is read): a date, a status that is none; a quota of organisation 1's programme below
 * the places used. */
static void form_fields(const struct route_spec *rt, struct sbuf *b)
{
	if (rt->kind == RK_ENROLMENT_ACT && strstr(rt->pattern, "/withdraw"))
		sb_form(b, "date", "not a date");
	if (rt->kind == RK_DECISION_WRITE)
		sb_form(b, "status", "not a status");
	if (rt->kind == RK_PROGRAMME_QUOTA) {
		sb_form(b, "region", ACCESS_REGION);
		sb_form(b, "year", i64s(quota_year));
		sb_form(b, "quota", "0");
	}
}

static struct resp *call(const struct route_spec *rt, struct user *u, const char *path)
{
	if (rt->api) {
		if (rt->json) {
			const char *body = json_body(rt);
			return http_do(u->api, rt->method, path, "application/json", body,
				       strlen(body));
		}
		return http_do(u->api, rt->method, path, NULL, NULL, 0);
	}
	if (rt->form) {
		struct sbuf b = { 0 };
		sb_form(&b, "_csrf", u->web->csrf);
		form_fields(rt, &b);
		struct resp *r = http_post_form(u->web, path, sb_str(&b));
		sb_free(&b);
		return r;
	}
	return http_do(u->web, rt->method, path, NULL, NULL, 0);
}

static int64_t views(const struct user *u, const struct target *t)
{
	return q_int(
	    "SELECT COUNT(*) FROM viewlog.audit WHERE action IN ('person.view', 'case.view',"
	    " 'referral.view')"
	    " AND user_id = ?1"
	    " AND entity = 'person' AND entity_id = ?2",
	    i64s(u->id), i64s(t->id));
}

/* ---- the tests ---- */

/* The next `{` that opens a route entry (a brace, optional spaces, a quote), or NULL. */
static const char *next_entry(const char *p)
{
	while ((p = strchr(p, '{'))) {
		const char *q = p + 1;
		while (*q == ' ' || *q == '\t')
			q++;
		if (*q == '"')
			return p;
		p++;
	}
	return NULL;
}

static void test_route_mirror_is_in_step_with_routes_c(void **state)
{
	(void)state;
	const char *path = harness_routes_source();
	if (!path)
		skip();
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	static char src[64 * 1024];
	size_t len = fread(src, 1, sizeof(src) - 1, f);
	fclose(f);
	src[len] = '\0';
	const char *p = strstr(src, "routes[] = {");
	assert_non_null(p);
	size_t i = 0;
	int problems = 0;
	/* An entry is `{ "METHOD", "/pattern", handler, FLAGS },` (spaces after the brace
	 * optional). */
	while ((p = next_entry(p))) {
		const char *end = strstr(p, "},");
		assert_non_null(end);
		char method[16], pattern[128];
		const char *m = strchr(p, '"') + 1, *mq = strchr(m, '"');
		const char *pt = strchr(mq + 1, '"') + 1, *pq = strchr(pt, '"');
		snprintf(method, sizeof(method), "%.*s", (int)(mq - m), m);
		snprintf(pattern, sizeof(pattern), "%.*s", (int)(pq - pt), pt);
		char entry[512];
		snprintf(entry, sizeof(entry), "%.*s", (int)(end - p), p);
		const struct route_spec *rt = &harness_routes[i];
		if (!rt->method) {
			fprintf(stderr, "routes.c has %s %s, the mirror has no more routes\n",
				method, pattern);
			problems++;
			break;
		}
		if (strcmp(rt->method, method) || strcmp(rt->pattern, pattern)) {
			fprintf(stderr, "route %zu: routes.c has %s %s, the mirror %s %s\n", i,
				method, pattern, rt->method, rt->pattern);
			problems++;
		}
		if ((strstr(entry, "RT_API") != NULL) != rt->api ||
		    (strstr(entry, "RT_FORM") != NULL) != rt->form ||
		    (strstr(entry, "RT_JSON") != NULL) != rt->json ||
		    (strstr(entry, "RT_PUBLIC") != NULL) != rt->public_) {
			fprintf(stderr, "route %s %s: flags differ from the mirror\n", method,
				pattern);
			problems++;
		}
		i++;
		p = end;
	}
	if (harness_routes[i].method) {
		fprintf(stderr, "the mirror has %s %s, routes.c does not\n",
			harness_routes[i].method, harness_routes[i].pattern);
		problems++;
	}
	assert_int_equal(problems, 0);
}

static void test_demo_fixtures_are_what_the_matrix_assumes(void **state)
{
	(void)state;
	assert_int_equal(targets[OWN].org, users[WORKER].org);
	assert_int_equal(targets[RESTRICTED].org, users[WORKER].org);
	assert_int_equal(targets[OTHER].org, users[NGO_WORKER].org);
	assert_int_not_equal(users[WORKER].org, users[NGO_WORKER].org);
	assert_int_equal(q_int("SELECT restricted FROM persons WHERE id = ?1",
			       i64s(targets[RESTRICTED].id), NULL),
			 1);
	assert_int_equal(
	    q_int("SELECT restricted FROM persons WHERE id = ?1", i64s(targets[OWN].id), NULL), 0);
	assert_int_equal(q_int("SELECT COUNT(*) FROM person_categories WHERE person_id = ?1"
			       " AND category = 'trafficking_victim'",
			       i64s(targets[RESTRICTED].id), NULL),
			 1);
	assert_true(assigned(&users[WORKER], &targets[RESTRICTED]));
	assert_false(assigned(&users[PSYCHOLOGIST], &targets[RESTRICTED]));
	assert_true(targets[OWN].household > 0);
	for (int i = 0; i < NTARGETS; i++)
		assert_true(targets[i].case_id > 0);
	assert_true(on_team(&users[WORKER], &targets[OWN]));
	assert_true(on_team(&users[PSYCHOLOGIST], &targets[OWN]));
	assert_false(on_team(&users[LAWYER], &targets[OWN]));
	assert_true(on_team(&users[WORKER], &targets[RESTRICTED]));
	assert_true(on_team(&users[NGO_WORKER], &targets[OTHER]));
	assert_true(targets[OWN].foreign_consent > 0 && targets[OTHER].foreign_consent > 0);
	/* Referrals: the own-org and the restricted person's to organisation 2, the other
	 * organisation's person's to a partner outside this Komek; none answered. */
	for (int i = 0; i < NTARGETS; i++)
		assert_true(targets[i].referral_id > 0);
	assert_int_equal(referral_to(&targets[OWN]), users[NGO_WORKER].org);
	assert_int_equal(referral_to(&targets[RESTRICTED]), users[NGO_WORKER].org);
	assert_int_equal(referral_to(&targets[OTHER]), 0);
	assert_int_equal(q_int("SELECT COUNT(*) FROM referrals WHERE status <> 'sent'"
			       " OR handler_id IS NOT NULL",
			       NULL, NULL),
			 0);
	assert_true(q_int("SELECT COUNT(*) FROM partners WHERE org_id = ?1", i64s(users[ADMIN].org),
			  NULL) == 1);
	/* Groups: each target's of its person's organisation, open but the restricted
	 * person's; the person a member; a session of the group with them present. */
	for (int i = 0; i < NTARGETS; i++) {
		const struct target *t = &targets[i];
		assert_int_equal(
		    q_int("SELECT org_id FROM work_groups WHERE id = ?1", i64s(t->group_id), NULL),
		    t->org);
		assert_int_equal(
		    q_int("SELECT active FROM work_groups WHERE id = ?1", i64s(t->group_id), NULL),
		    t->group_closed ? 0 : 1);
		assert_int_equal(q_int("SELECT person_id FROM group_members WHERE id = ?1 AND"
				       " left_on IS NULL",
				       i64s(t->membership_id), NULL),
				 t->id);
		assert_int_equal(q_int("SELECT group_id FROM group_sessions WHERE id = ?1",
				       i64s(t->session_id), NULL),
				 t->group_id);
		assert_int_equal(q_int("SELECT present FROM group_attendance WHERE session_id = ?1"
				       " AND person_id = ?2",
				       i64s(t->session_id), i64s(t->id)),
				 1);
	}
	assert_true(targets[RESTRICTED].group_closed && !targets[OWN].group_closed);
	assert_int_not_equal(targets[OWN].group_id, targets[RESTRICTED].group_id);
	/* Campaigns, events, programmes: each target's of its person's organisation (the
	 * restricted person's programme national), the person named in the event and enrolled
	 * (by the organisation) in the programme; the restricted person named in the own-org
	 * person's event and enrolled in its programme, and the other way round. */
	for (int i = 0; i < NTARGETS; i++) {
		const struct target *t = &targets[i];
		assert_int_equal(
		    q_int("SELECT org_id FROM campaigns WHERE id = ?1", i64s(t->campaign_id), NULL),
		    t->org);
		assert_int_equal(
		    q_int("SELECT active FROM campaigns WHERE id = ?1", i64s(t->campaign_id), NULL),
		    t->campaign_closed ? 0 : 1);
		assert_int_equal(
		    q_int("SELECT org_id FROM events WHERE id = ?1", i64s(t->event_id), NULL),
		    t->org);
		assert_int_equal(q_int("SELECT COUNT(*) FROM event_participants WHERE event_id = ?1"
				       " AND person_id = ?2",
				       i64s(t->event_id), i64s(t->id)),
				 1);
		assert_int_equal(q_int("SELECT COALESCE(org_id, 0) FROM programmes WHERE id = ?1",
				       i64s(t->programme_id), NULL),
				 t->programme_national ? 0 : t->org);
		assert_int_equal(q_int("SELECT person_id FROM enrolments WHERE id = ?1 AND"
				       " programme_id = ?2 AND status = 'enrolled'",
				       i64s(t->enrolment_id), i64s(t->programme_id)),
				 t->id);
		assert_int_equal(q_int("SELECT org_id FROM enrolments WHERE id = ?1",
				       i64s(t->enrolment_id), NULL),
				 t->org);
	}
	const struct target *own = &targets[OWN], *restr = &targets[RESTRICTED];
	assert_int_equal(q_int("SELECT COUNT(*) FROM event_participants WHERE event_id = ?1 AND"
			       " person_id = ?2",
			       i64s(own->event_id), i64s(restr->id)),
			 1);
	assert_int_equal(db_int(&srv,
				"SELECT COUNT(*) FROM enrolments WHERE programme_id = ?1 AND"
				" person_id = ?2 AND org_id = ?3",
				i64s(own->programme_id), i64s(restr->id), i64s(own->org),
				(const char *)NULL),
			 1);
	assert_int_equal(db_int(&srv,
				"SELECT COUNT(*) FROM enrolments WHERE programme_id = ?1 AND"
				" person_id = ?2 AND org_id = ?3",
				i64s(restr->programme_id), i64s(own->id), i64s(own->org),
				(const char *)NULL),
			 1);
	/* The quota that a matrix request asks to lower below its use: 3 of 10 places. */
	assert_int_equal(q_int("SELECT used FROM programme_quotas WHERE programme_id = ?1 AND"
			       " region = '" ACCESS_REGION "' AND year = ?2",
			       i64s(own->programme_id), i64s(quota_year)),
			 3);
	/* Public work: each target's of its organisation, a step, a meeting of the council, a
	 * decision (in progress) of the meeting, a proposal put forward there; the second
	 * records' council is not the own-org person's, whose meeting its paths name. */
	for (int i = 0; i < NTARGETS; i++) {
		const struct target *t = &targets[i];
		assert_int_equal(
		    q_int("SELECT org_id FROM resettler_orgs WHERE id = ?1", i64s(t->rog_id), NULL),
		    t->org);
		assert_int_equal(q_int("SELECT COUNT(*) FROM resettler_org_steps WHERE"
				       " resettler_org_id = ?1",
				       i64s(t->rog_id), NULL),
				 1);
		assert_int_equal(
		    q_int("SELECT org_id FROM councils WHERE id = ?1", i64s(t->council_id), NULL),
		    t->org);
		assert_int_equal(q_int("SELECT council_id FROM council_meetings WHERE id = ?1",
				       i64s(t->meeting_id), NULL),
				 t->council_id);
		assert_int_equal(q_int("SELECT COUNT(*) FROM council_decisions WHERE id = ?1 AND"
				       " meeting_id = ?2 AND status = 'in_progress'",
				       i64s(t->decision_id), i64s(t->meeting_id)),
				 1);
		assert_int_equal(db_int(&srv,
					"SELECT COUNT(*) FROM policy_proposals WHERE id = ?1 AND"
					" org_id = ?2 AND meeting_id = ?3",
					i64s(t->proposal_id), i64s(t->org), i64s(t->meeting_id),
					(const char *)NULL),
				 1);
		assert_int_equal(t->civic_crossed, i == RESTRICTED);
	}
	assert_int_equal(restr->org, own->org);
	assert_int_not_equal(restr->council_id, own->council_id);
	assert_int_not_equal(restr->meeting_id, own->meeting_id);
}

static int64_t views_within(const struct user *u, const struct target *t, int64_t want, int tries);

/* Lets every view answered so far reach the audit (the writer commits at most 100 ms after
 * a row is queued), so that a count taken next is a true baseline. */
static void views_settle(void)
{
	struct timespec ts = { 0, 300 * 1000000L };
	nanosleep(&ts, NULL);
}

/* Views are audited by a batching writer (src/store/audit_writer.h): a row may land a few
 * milliseconds after the answer. Waits up to 5 s for views(u, t) to reach want. */
static int64_t views_settled(const struct user *u, const struct target *t, int64_t want)
{
	return views_within(u, t, want, 500);
}

static int64_t views_within(const struct user *u, const struct target *t, int64_t want, int tries)
{
	int64_t v = views(u, t);
	for (int i = 0; i < tries && v < want; i++) {
		struct timespec ts = { 0, 10 * 1000000L };
		nanosleep(&ts, NULL);
		v = views(u, t);
	}
	return v;
}

/* The rows of the tables a refused or invalid request must leave alone. */
// clang-format off
static const char *const guarded[] = {
	"persons", "person_categories", "documents", "person_changes", "person_workers",
	"consents", "users", "cases", "case_workers", "case_notes", "assessments",
	"case_decisions", "recommendation_rules", "plan_goals", "plan_tasks", "case_reviews",
	"services", "loan_repayments", "service_types", "partners", "partner_services",
	"partner_regions", "referrals", "work_groups", "group_members", "group_sessions",
	"group_attendance", "campaigns", "donations", "spendings", "spending_services",
	"campaign_balances", "events", "event_participants", "programmes", "programme_quotas",
	"enrolments", "programme_support", "resettler_orgs", "resettler_org_steps", "councils",
	"council_meetings", "council_decisions", "policy_proposals",
	/* What a refused write could change without adding a row. */
	"SELECT COALESCE(SUM(version), 0) FROM campaigns",
	"SELECT COALESCE(SUM(balance), 0) FROM campaign_balances",
	"SELECT COALESCE(SUM(version), 0) FROM events",
	"SELECT COALESCE(SUM(version), 0) FROM programmes",
	"SELECT COALESCE(SUM(quota), 0) + COALESCE(SUM(used), 0) FROM programme_quotas",
	"SELECT COUNT(*) FROM enrolments WHERE status = 'enrolled'",
	"SELECT COALESCE(SUM(version), 0) FROM resettler_orgs",
	"SELECT COALESCE(SUM(version), 0) FROM councils",
	"SELECT COALESCE(SUM(version), 0) FROM policy_proposals",
	"SELECT COUNT(*) FROM council_decisions WHERE status = 'in_progress'",
	"SELECT COALESCE(SUM(updated_at), 0) + COALESCE(SUM(updated_by), 0) FROM council_decisions",
};
// clang-format on

static void snapshot(int64_t *out)
{
	for (size_t i = 0; i < sizeof(guarded) / sizeof(guarded[0]); i++) {
		char sql[96];
		snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM %s", guarded[i]);
		bool whole = strncmp(guarded[i], "SELECT ", 7) == 0;
		out[i] = db_int(&srv, whole ? guarded[i] : sql, (const char *)NULL);
	}
}

static const char *target_label(const struct route_spec *rt, const struct target *t)
{
	if (rt->kind == RK_USER_GET || rt->kind == RK_USER_POST)
		return t == &targets[OWN] ? "own-org user" : "other-org user";
	if (rt->kind == RK_HH_GET)
		return t == &targets[OWN] ? "own-org household" : "other-org household";
	if (group_target_route(rt->kind))
		return t == &targets[OWN]     ? "own-org group"
		       : t == &targets[OTHER] ? "other-org group"
					      : "closed group, protected member";
	if (campaign_route(rt->kind))
		return t == &targets[OWN]     ? "own-org campaign"
		       : t == &targets[OTHER] ? "other-org campaign"
					      : "closed campaign";
	if (event_route(rt->kind))
		return t == &targets[OWN]     ? "own-org event"
		       : t == &targets[OTHER] ? "other-org event"
					      : "event naming the protected person";
	if (programme_route(rt->kind))
		return t == &targets[OWN]     ? "own-org programme"
		       : t == &targets[OTHER] ? "other-org programme"
					      : "national programme, protected enrolment";
	if (civic_route(rt->kind))
		return t == &targets[OWN]     ? "own-org public work"
		       : t == &targets[OTHER] ? "other-org public work"
					      : "second own-org, another council's meeting";
	return t->label;
}

/* Walks the table; every mismatch is printed, then the test fails once with their count.
 * Every request of the walk is refused or invalid, save the households it makes: nothing
 * else may be written. */
static void test_matrix_every_route_every_role(void **state)
{
	(void)state;
	int bad = 0, walked = 0, households = 0;
	int64_t rows0[sizeof(guarded) / sizeof(guarded[0])],
	    rows1[sizeof(rows0) / sizeof(rows0[0])];
	snapshot(rows0);
	int64_t hh0 = db_int(&srv, "SELECT COUNT(*) FROM households", (const char *)NULL);
	int64_t v0[NROLES][NTARGETS], vwant[NROLES][NTARGETS];
	views_settle();
	for (int ui = 0; ui < NROLES; ui++)
		for (int ti = 0; ti < NTARGETS; ti++)
			v0[ui][ti] = vwant[ui][ti] = views(&users[ui], &targets[ti]);
	for (const struct route_spec *rt = harness_routes; rt->method; rt++) {
		bool per_person = person_route(rt->kind) || rt->kind == RK_HH_GET ||
				  rt->kind == RK_USER_GET || rt->kind == RK_USER_POST ||
				  group_target_route(rt->kind) || record_target_route(rt->kind) ||
				  civic_target_route(rt->kind);
		for (int ui = 0; ui < NROLES; ui++) {
			struct user *u = &users[ui];
			/* Analysts on person routes: test_analyst_gets_404_... */
			if (u->role == ANALYST && person_route(rt->kind))
				continue;
			for (int ti = 0; ti < (per_person ? NTARGETS : 1); ti++) {
				struct target *t = &targets[ti];
				long want = expected(rt, u, t);
				if (!want)
					continue;
				char path[256];
				route_path(rt, t, path, sizeof(path));
				/* The page, its history, the edit form and the API read are
				 * views. */
				bool is_view =
				    rt->kind == RK_PERSON_READ || rt->kind == RK_PERSON_EDIT ||
				    rt->kind == RK_CASE_READ || rt->kind == RK_CASE_FORM ||
				    rt->kind == RK_REFERRAL_READ || rt->kind == RK_DUP_READ;
				/* A refused answer shows the referral's page again. */
				if (!rt->api && want == 422 && rt->kind == RK_REFERRAL_ANSWER)
					is_view = true;
				/* A refused form shows the case page again, with its input. */
				if (!rt->api && want == 422 &&
				    (rt->kind == RK_CASE_WRITE || rt->kind == RK_CASE_ADD ||
				     rt->kind == RK_CASE_TEAM))
					is_view = true;
				struct resp *r = call(rt, u, path);
				if (getenv("KOMEK_TEST_VERBOSE"))
					fprintf(stderr, "matrix %-12s %-6s %-42s %-20s %ld\n",
						u->login, rt->method, path,
						per_person ? target_label(rt, t) : "-", r->status);
				if (rt->kind == RK_HH_CREATE && r->status == 201)
					households++;
				if (is_view && want < 300)
					vwant[ui][ti]++;
				/* The API's list of received referrals shows each one whole: a
				 * view of each person referred to the user's organisation. */
				if (rt->api && want == 200 && strcmp(rt->method, "GET") == 0 &&
				    strcmp(rt->pattern, "/api/v1/referrals") == 0)
					for (int tj = 0; tj < NTARGETS; tj++)
						if (u->org != targets[tj].org &&
						    sees_referral(u, &targets[tj]))
							vwant[ui][tj]++;
				if (is_view && want == 422)
					vwant[ui][ti]++;
				/* An export that holds a restricted person is a view of them. */
				if (rt->kind == RK_EXPORT && strstr(rt->pattern, "persons/export"))
					for (int tj = 0; tj < NTARGETS; tj++)
						if (targets[tj].restricted && sees(u, &targets[tj]))
							vwant[ui][tj]++;
				/* So is a list of cases that holds a restricted person's (the
				 * demo's restricted person has a case, and no service). */
				if (rt->kind == RK_LIST_EXPORT && want == 200 &&
				    strstr(rt->pattern, "cases/export"))
					for (int tj = 0; tj < NTARGETS; tj++)
						if (targets[tj].restricted && targets[tj].case_id &&
						    sees(u, &targets[tj]))
							vwant[ui][tj]++;
				walked++;
				if (r->status != want) {
					fprintf(stderr,
						"MATRIX %-12s %-6s %-42s (%s): got %ld, want %ld\n",
						u->login, rt->method, path,
						per_person ? target_label(rt, t) : "-", r->status,
						want);
					bad++;
				}
				if (rt->api && r->status >= 400) {
					json_t *j = resp_json(r);
					if (!json_is_object(json_object_get(j, "error"))) {
						fprintf(stderr,
							"MATRIX %s %s %s: %ld without a JSON "
							"error envelope\n",
							u->login, rt->method, path, r->status);
						bad++;
					}
					json_decref(j);
				}
			}
		}
	}
	/* Every answered view left exactly one person.view row; no refused one left any. */
	for (int ui = 0; ui < NROLES; ui++)
		for (int ti = 0; ti < NTARGETS; ti++) {
			int64_t got = views_settled(&users[ui], &targets[ti], vwant[ui][ti]);
			if (got != vwant[ui][ti]) {
				fprintf(stderr,
					"MATRIX %s on the %s: %lld person.view rows written, "
					"want %lld\n",
					users[ui].login, targets[ti].label,
					(long long)(got - v0[ui][ti]),
					(long long)(vwant[ui][ti] - v0[ui][ti]));
				bad++;
			}
		}
	snapshot(rows1);
	for (size_t i = 0; i < sizeof(guarded) / sizeof(guarded[0]); i++)
		if (rows1[i] != rows0[i]) {
			fprintf(stderr, "MATRIX: %s went from %lld to %lld rows\n", guarded[i],
				(long long)rows0[i], (long long)rows1[i]);
			bad++;
		}
	if (db_int(&srv, "SELECT COUNT(*) FROM households", (const char *)NULL) !=
	    hh0 + households) {
		fprintf(stderr, "MATRIX: households written other than the %d made\n", households);
		bad++;
	}
	fprintf(stderr, "matrix: %d requests, %d mismatches\n", walked, bad);
	assert_true(walked > 300);
	assert_int_equal(bad, 0);
}

/* An analyst sees statistics only: for them a person id must not even tell whether the
 * person exists, so every person route answers 404, as for a person that does not. */
static void test_analyst_gets_404_on_every_person_route(void **state)
{
	(void)state;
	struct user *u = &users[ANALYST];
	int bad = 0;
	int64_t workers = q_int("SELECT COUNT(*) FROM person_workers", NULL, NULL);
	int64_t consents = q_int("SELECT COUNT(*) FROM consents", NULL, NULL);
	for (const struct route_spec *rt = harness_routes; rt->method; rt++) {
		if (!person_route(rt->kind))
			continue;
		for (int ti = 0; ti < NTARGETS; ti++) {
			char path[256];
			route_path(rt, &targets[ti], path, sizeof(path));
			struct resp *r;
			if (rt->kind == RK_ASSIGN && !rt->api) {
				struct sbuf b = { 0 };
				sb_form(&b, "_csrf", u->web->csrf);
				sb_form(&b, "user_id", i64s(u->id));
				r = http_post_form(u->web, path, sb_str(&b));
				sb_free(&b);
			} else {
				r = call(rt, u, path);
			}
			if (r->status != 404) {
				fprintf(stderr, "ANALYST %s %s (%s): got %ld, want 404\n",
					rt->method, path, targets[ti].label, r->status);
				bad++;
			}
		}
	}
	assert_int_equal(q_int("SELECT COUNT(*) FROM person_workers", NULL, NULL), workers);
	assert_int_equal(q_int("SELECT COUNT(*) FROM consents", NULL, NULL), consents);
	assert_int_equal(bad, 0);
}

/* The ids of the people a group's or a session's JSON names (members[].person.id or
 * attendance[].person.id), and how many it lists without a person. */
static void json_people(json_t *j, const char *array, int64_t *ids, size_t cap, size_t *n,
			size_t *nameless)
{
	size_t i;
	json_t *it;
	*n = *nameless = 0;
	json_array_foreach (json_object_get(j, array), i, it) {
		json_t *p = json_object_get(it, "person");
		if (json_is_null(p))
			(*nameless)++;
		else if (*n < cap)
			ids[(*n)++] = json_int_of(p, "id", 0);
	}
}

static bool ids_have(const int64_t *ids, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (ids[i] == id)
			return true;
	return false;
}

/* The restricted person is a member of both groups of organisation 1 and came to their
 * sessions: every page and answer of a group names them (name, link, the note on their
 * membership) only to a reader who sees them, and lists them without a name to the others;
 * the own-org person is named to every reader. */
static void test_a_group_names_a_protected_member_only_to_those_who_see_them(void **state)
{
	(void)state;
	const struct target *own = &targets[OWN], *restr = &targets[RESTRICTED];
	const int64_t groups[][2] = { { own->group_id, own->session_id },
				      { restr->group_id, restr->session_id } };
	char href[64], own_href[64];
	snprintf(href, sizeof(href), "href=\"/persons/%lld\"", (long long)restr->id);
	snprintf(own_href, sizeof(own_href), "href=\"/persons/%lld\"", (long long)own->id);
	int bad = 0;
	for (int ui = 0; ui < NROLES; ui++) {
		struct user *u = &users[ui];
		if (u->role == ANALYST || u->org != restr->org)
			continue;
		bool want = sees(u, restr);
		for (size_t g = 0; g < sizeof(groups) / sizeof(groups[0]); g++) {
			char paths[2][96];
			snprintf(paths[0], sizeof(paths[0]), "/groups/%lld",
				 (long long)groups[g][0]);
			snprintf(paths[1], sizeof(paths[1]), "/groups/%lld/sessions/%lld",
				 (long long)groups[g][0], (long long)groups[g][1]);
			for (int k = 0; k < 2; k++) {
				struct resp *r = http_get(u->web, "%s", paths[k]);
				if (!resp_check(r, 200, __FILE__, __LINE__)) {
					bad++;
					continue;
				}
				if (resp_has(r, restr->family) != want ||
				    resp_has(r, restr->given) != want ||
				    resp_has(r, href) != want) {
					fprintf(
					    stderr, "GROUPS %s GET %s %s the restricted person\n",
					    u->login, paths[k], want ? "does not name" : "names");
					bad++;
				}
				if (!resp_has(r, own->family) || !resp_has(r, own_href)) {
					fprintf(stderr,
						"GROUPS %s GET %s lacks the own-org person\n",
						u->login, paths[k]);
					bad++;
				}
				/* The nameless row says so (in the page's language). */
				if (!want && !resp_has(r, "a protected person") &&
				    !resp_has(r, "қорғалатын адам") &&
				    !resp_has(r, "защищаемое лицо")) {
					fprintf(stderr, "GROUPS %s GET %s: no nameless row\n",
						u->login, paths[k]);
					bad++;
				}
				char api[256];
				snprintf(api, sizeof(api), "/api/v1%s", paths[k]);
				r = http_get(u->api, "%s", api);
				if (!resp_check(r, 200, __FILE__, __LINE__)) {
					bad++;
					continue;
				}
				bool names = resp_has(r, restr->family) ||
					     resp_has(r, restr->given) ||
					     resp_has(r, "Membership note of the restricted");
				json_t *j = resp_json(r);
				int64_t ids[16];
				size_t n, nameless;
				json_people(j, k ? "attendance" : "members", ids, 16, &n,
					    &nameless);
				json_decref(j);
				if (names != want || ids_have(ids, n, restr->id) != want ||
				    nameless != (want ? 0u : 1u) || !ids_have(ids, n, own->id)) {
					fprintf(
					    stderr,
					    "GROUPS %s GET %s: restricted person named %d, listed "
					    "%d, nameless rows %zu, own-org person listed %d\n",
					    u->login, api, names, ids_have(ids, n, restr->id),
					    nameless, ids_have(ids, n, own->id));
					bad++;
				}
			}
		}
		/* Their groups, on their page and in the API: for those who see them. */
		struct resp *r =
		    http_get(u->api, "/api/v1/persons/%lld/groups", (long long)restr->id);
		if (!resp_check(r, want ? 200 : 404, __FILE__, __LINE__) ||
		    resp_has(r, "Access group") != want) {
			fprintf(stderr, "GROUPS %s: the restricted person's groups\n", u->login);
			bad++;
		}
		r = http_get(u->web, "/persons/%lld", (long long)restr->id);
		if (!resp_check(r, want ? 200 : 404, __FILE__, __LINE__) ||
		    resp_has(r, "Access group closed") != want) {
			fprintf(stderr, "GROUPS %s: the restricted person's page\n", u->login);
			bad++;
		}
	}
	/* Another organisation's reader: nothing of either group, nor the person's groups. */
	struct user *ngo = &users[NGO_WORKER];
	for (size_t g = 0; g < sizeof(groups) / sizeof(groups[0]); g++) {
		struct resp *r = http_get(ngo->web, "/groups/%lld/sessions/%lld",
					  (long long)groups[g][0], (long long)groups[g][1]);
		if (!resp_check(r, 404, __FILE__, __LINE__) || resp_has(r, restr->family) ||
		    resp_has(r, own->family))
			bad++;
		r = http_get(ngo->api, "/api/v1/groups/%lld", (long long)groups[g][0]);
		if (!resp_check(r, 404, __FILE__, __LINE__) || resp_has(r, restr->family) ||
		    resp_has(r, own->family))
			bad++;
	}
	assert_int_equal(bad, 0);
}

/* A group's paths name the group and, second, one of its memberships or sessions: one of
 * another group (of the same organisation or not) is not found, whatever the group; a list
 * shows the organisation's own groups; a person joins only if the user sees them, and a
 * member they do not see is neither named by the refusal nor marked by a session's
 * attendance. */
static void test_a_group_answers_for_its_own_records_only(void **state)
{
	(void)state;
	struct target *own = &targets[OWN], *other = &targets[OTHER], *restr = &targets[RESTRICTED];
	struct user *w = &users[WORKER], *ngo = &users[NGO_WORKER], *lawyer = &users[LAWYER];
	int64_t members0 = q_int("SELECT COUNT(*) FROM group_members", NULL, NULL);
	int64_t sessions0 = q_int("SELECT COUNT(*) FROM group_sessions", NULL, NULL);
	char today[11];
	today_iso(today);
	/* The worker's open group with the ids of the NGO's group and of the closed group; the
	 * NGO's group with the ids of the worker's. */
	const struct {
		struct user *u;
		int64_t group;
		const struct target *of;
	} mixes[] = { { w, own->group_id, other },
		      { w, own->group_id, restr },
		      { ngo, other->group_id, own } };
	int bad = 0;
	for (size_t i = 0; i < sizeof(mixes) / sizeof(mixes[0]); i++) {
		struct user *u = mixes[i].u;
		long long g = (long long)mixes[i].group, s = (long long)mixes[i].of->session_id,
			  m = (long long)mixes[i].of->membership_id;
		char path[160], body[160];
		struct resp *r = http_get(u->web, "/groups/%lld/sessions/%lld", g, s);
		bad += !resp_check(r, 404, __FILE__, __LINE__);
		r = http_get(u->api, "/api/v1/groups/%lld/sessions/%lld", g, s);
		bad += !resp_check(r, 404, __FILE__, __LINE__);
		snprintf(path, sizeof(path), "/api/v1/groups/%lld/sessions/%lld", g, s);
		r = http_patch_json(u->api, path, "{\"topic\":\"Moved here\"}");
		bad += !resp_check(r, 404, __FILE__, __LINE__);
		snprintf(path, sizeof(path), "/groups/%lld/sessions/%lld", g, s);
		struct sbuf b = { 0 };
		sb_form(&b, "_csrf", u->web->csrf);
		sb_form(&b, "topic", "Moved here");
		r = http_post_form(u->web, path, sb_str(&b));
		sb_free(&b);
		bad += !resp_check(r, 404, __FILE__, __LINE__);
		snprintf(path, sizeof(path), "/api/v1/groups/%lld/members/%lld/leave", g, m);
		snprintf(body, sizeof(body), "{\"date\":\"%s\"}", today);
		r = http_post_json(u->api, path, body);
		bad += !resp_check(r, 404, __FILE__, __LINE__);
		snprintf(path, sizeof(path), "/groups/%lld/members/%lld/leave", g, m);
		sb_form(&b, "_csrf", u->web->csrf);
		sb_form(&b, "date", today);
		r = http_post_form(u->web, path, sb_str(&b));
		sb_free(&b);
		bad += !resp_check(r, 404, __FILE__, __LINE__);
	}
	assert_int_equal(bad, 0);
	for (int i = 0; i < NTARGETS; i++)
		assert_int_equal(q_int("SELECT COUNT(*) FROM group_members WHERE id = ?1 AND"
				       " left_on IS NULL",
				       i64s(targets[i].membership_id), NULL),
				 1);
	assert_int_equal(
	    q_int("SELECT COUNT(*) FROM group_sessions WHERE topic = 'Moved here'", NULL, NULL), 0);

	/* The lists: each organisation's own groups, on the page and in the API. */
	struct resp *r = http_get(w->web, "/groups");
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "Access group open"));
	assert_false(resp_has(r, "Access group NGO"));
	r = http_get(ngo->web, "/groups");
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "Access group NGO"));
	assert_false(resp_has(r, "Access group open") || resp_has(r, "Access group closed"));
	r = http_get(ngo->api, "/api/v1/groups");
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "Access group NGO"));
	assert_false(resp_has(r, "Access group open") || resp_has(r, "Access group closed"));
	/* A person's groups: for a reader of their organisation only. */
	r = http_get(w->api, "/api/v1/persons/%lld/groups", (long long)other->id);
	EXPECT_STATUS(r, 404);
	r = http_get(ngo->api, "/api/v1/persons/%lld/groups", (long long)own->id);
	EXPECT_STATUS(r, 404);
	assert_false(resp_has(r, "Access group"));

	/* Joining: a person of another organisation, or one the user may not see (a member
	 * already, which the refusal must not tell), is not a person to choose. */
	char path[128], body[128];
	snprintf(path, sizeof(path), "/api/v1/groups/%lld/members", (long long)own->group_id);
	snprintf(body, sizeof(body), "{\"person_id\":%lld}", (long long)other->id);
	assert_string_equal(error_field(http_post_json(w->api, path, body)), "person_id");
	snprintf(body, sizeof(body), "{\"person_id\":%lld}", (long long)restr->id);
	r = http_post_json(lawyer->api, path, body);
	assert_string_equal(error_field(r), "person_id");
	assert_false(resp_has(r, "already"));
	/* The session's attendance, sent by the lawyer: the restricted member is not theirs to
	 * mark present or absent. */
	snprintf(path, sizeof(path), "/api/v1/groups/%lld/sessions/%lld", (long long)own->group_id,
		 (long long)own->session_id);
	snprintf(body, sizeof(body), "{\"present\":[%lld]}", (long long)restr->id);
	assert_string_equal(error_field(http_patch_json(lawyer->api, path, body)), "present");
	snprintf(body, sizeof(body), "{\"present\":[%lld]}", (long long)own->id);
	r = http_patch_json(lawyer->api, path, body);
	EXPECT_STATUS(r, 200);
	assert_false(resp_has(r, restr->family));
	assert_int_equal(q_int("SELECT present FROM group_attendance WHERE session_id = ?1 AND"
			       " person_id = ?2",
			       i64s(own->session_id), i64s(restr->id)),
			 1);
	assert_int_equal(q_int("SELECT COUNT(*) FROM group_members", NULL, NULL), members0);
	assert_int_equal(q_int("SELECT COUNT(*) FROM group_sessions", NULL, NULL), sessions0);
}

/* Whether a page in the reader's language says a row is a protected person's. */
static bool says_protected(const struct resp *r)
{
	return resp_has(r, "a protected person") || resp_has(r, "қорғалатын адам") ||
	       resp_has(r, "защищаемое лицо");
}

/* The restricted person is named at both events of organisation 1 and enrolled in both its
 * programmes (its own, and the national Kazakh courses): every page and answer names them
 * (name, link, the note on their enrolment) only to a reader who sees them and lists them
 * without a name to the others; the own-org person is named to every reader of the
 * organisation. A person's events and enrolments are for those who see the person; another
 * organisation's reader of the national programme sees none of organisation 1's enrolments. */
static void
test_events_and_programmes_name_a_protected_person_only_to_those_who_see_them(void **state)
{
	(void)state;
	const struct target *own = &targets[OWN], *restr = &targets[RESTRICTED];
	char href[64], own_href[64];
	snprintf(href, sizeof(href), "href=\"/persons/%lld\"", (long long)restr->id);
	snprintf(own_href, sizeof(own_href), "href=\"/persons/%lld\"", (long long)own->id);
	const struct {
		const char *web, *api, *array;
		int64_t id;
		bool names_own;
		bool left_out; /* the hidden person's row is left out, not nameless */
	} pages[] = {
		{ "/events/%lld", "/api/v1/events/%lld", "participants", own->event_id, true,
		  false },
		{ "/events/%lld", "/api/v1/events/%lld", "participants", restr->event_id, false,
		  false },
		{ "/programmes/%lld", "/api/v1/programmes/%lld", "enrolments", own->programme_id,
		  true, true },
		{ "/programmes/%lld", "/api/v1/programmes/%lld", "enrolments", restr->programme_id,
		  true, true },
	};
	int bad = 0;
	for (int ui = 0; ui < NROLES; ui++) {
		struct user *u = &users[ui];
		if (u->role == ANALYST || u->org != restr->org)
			continue;
		bool want = sees(u, restr);
		for (size_t k = 0; k < sizeof(pages) / sizeof(pages[0]); k++) {
			char path[96], link[96], own_link[96];
			snprintf(path, sizeof(path), pages[k].web, (long long)pages[k].id);
			/* A participant's name links to their page, an enrolled person's to the
			 * enrolment's. */
			snprintf(link, sizeof(link), "%s", href);
			snprintf(own_link, sizeof(own_link), "%s", own_href);
			if (strcmp(pages[k].array, "enrolments") == 0) {
				const char *q =
				    "SELECT id FROM enrolments WHERE programme_id = ?1 AND"
				    " person_id = ?2";
				snprintf(link, sizeof(link),
					 "href=\"/programmes/%lld/enrolments/%lld\"",
					 (long long)pages[k].id,
					 (long long)q_int(q, i64s(pages[k].id), i64s(restr->id)));
				snprintf(own_link, sizeof(own_link),
					 "href=\"/programmes/%lld/enrolments/%lld\"",
					 (long long)pages[k].id,
					 (long long)q_int(q, i64s(pages[k].id), i64s(own->id)));
			}
			struct resp *r = http_get(u->web, "%s", path);
			if (!resp_check(r, 200, __FILE__, __LINE__)) {
				bad++;
				continue;
			}
			if (resp_has(r, restr->family) != want ||
			    resp_has(r, restr->given) != want || resp_has(r, link) != want) {
				fprintf(stderr, "RECORDS %s GET %s %s the restricted person\n",
					u->login, path, want ? "does not name" : "names");
				bad++;
			}
			if (pages[k].names_own && !resp_has(r, own_link)) {
				fprintf(stderr, "RECORDS %s GET %s lacks the own-org person\n",
					u->login, path);
				bad++;
			}
			if (!want && !pages[k].left_out && !says_protected(r)) {
				fprintf(stderr, "RECORDS %s GET %s: no nameless row\n", u->login,
					path);
				bad++;
			}
			snprintf(path, sizeof(path), pages[k].api, (long long)pages[k].id);
			r = http_get(u->api, "%s", path);
			if (!resp_check(r, 200, __FILE__, __LINE__)) {
				bad++;
				continue;
			}
			bool names = resp_has(r, restr->family) || resp_has(r, restr->given) ||
				     resp_has(r, "Enrolment note of the restricted");
			json_t *j = resp_json(r);
			int64_t ids[16];
			size_t n, nameless;
			json_people(j, pages[k].array, ids, 16, &n, &nameless);
			json_decref(j);
			if (names != want || ids_have(ids, n, restr->id) != want ||
			    nameless != (want || pages[k].left_out ? 0u : 1u) ||
			    ids_have(ids, n, own->id) != pages[k].names_own) {
				fprintf(stderr,
					"RECORDS %s GET %s: restricted person named %d, listed %d, "
					"nameless rows %zu, own-org person listed %d\n",
					u->login, path, names, ids_have(ids, n, restr->id),
					nameless, ids_have(ids, n, own->id));
				bad++;
			}
		}
		/* Their enrolment in organisation 1's own programme: for those who see them. */
		int64_t theirs = q_int("SELECT id FROM enrolments WHERE programme_id = ?1 AND"
				       " person_id = ?2",
				       i64s(own->programme_id), i64s(restr->id));
		struct resp *r = http_get(u->web, "/programmes/%lld/enrolments/%lld",
					  (long long)own->programme_id, (long long)theirs);
		if (!resp_check(r, want ? 200 : 404, __FILE__, __LINE__) ||
		    resp_has(r, restr->family) != want) {
			fprintf(stderr, "RECORDS %s: the restricted person's enrolment page\n",
				u->login);
			bad++;
		}
		r = http_get(u->api, "/api/v1/programmes/%lld/enrolments/%lld",
			     (long long)own->programme_id, (long long)theirs);
		if (!resp_check(r, want ? 200 : 404, __FILE__, __LINE__) ||
		    resp_has(r, "Enrolment note of the restricted") != want) {
			fprintf(stderr, "RECORDS %s: the restricted person's enrolment\n",
				u->login);
			bad++;
		}
		/* Their events and enrolments, on their page and in the API. */
		r = http_get(u->api, "/api/v1/persons/%lld/events", (long long)restr->id);
		if (!resp_check(r, want ? 200 : 404, __FILE__, __LINE__) ||
		    resp_has(r, "Access event protected") != want) {
			fprintf(stderr, "RECORDS %s: the restricted person's events\n", u->login);
			bad++;
		}
		r = http_get(u->api, "/api/v1/persons/%lld/enrolments", (long long)restr->id);
		if (!resp_check(r, want ? 200 : 404, __FILE__, __LINE__) ||
		    resp_has(r, "Access programme own") != want) {
			fprintf(stderr, "RECORDS %s: the restricted person's enrolments\n",
				u->login);
			bad++;
		}
		r = http_get(u->web, "/persons/%lld", (long long)restr->id);
		if (!resp_check(r, want ? 200 : 404, __FILE__, __LINE__) ||
		    resp_has(r, "Access event protected") != want ||
		    resp_has(r, "Access programme own") != want) {
			fprintf(stderr, "RECORDS %s: the restricted person's page\n", u->login);
			bad++;
		}
	}
	/* Another organisation's reader: the national programme without organisation 1's
	 * enrolments; nothing of its events, its programme, or the person's records. */
	struct user *ngo = &users[NGO_WORKER];
	struct resp *r = http_get(ngo->web, "/programmes/%lld", (long long)restr->programme_id);
	if (!resp_check(r, 200, __FILE__, __LINE__) || resp_has(r, href) || resp_has(r, own_href) ||
	    resp_has(r, restr->family) || says_protected(r)) {
		fprintf(stderr, "RECORDS ngo-worker: the national programme's page\n");
		bad++;
	}
	r = http_get(ngo->api, "/api/v1/programmes/%lld", (long long)restr->programme_id);
	json_t *j = resp_json(r);
	int64_t ids[16];
	size_t n, nameless;
	json_people(j, "enrolments", ids, 16, &n, &nameless);
	json_decref(j);
	if (!resp_check(r, 200, __FILE__, __LINE__) || nameless || ids_have(ids, n, own->id) ||
	    ids_have(ids, n, restr->id) || resp_has(r, "Enrolment note of the")) {
		fprintf(stderr, "RECORDS ngo-worker: the national programme lists organisation 1's"
				" enrolments\n");
		bad++;
	}
	const char *hidden[] = { "/events/%lld", "/api/v1/events/%lld", "/programmes/%lld",
				 "/api/v1/programmes/%lld" };
	const int64_t hidden_ids[] = { own->event_id, restr->event_id, own->programme_id,
				       own->programme_id };
	for (size_t i = 0; i < sizeof(hidden) / sizeof(hidden[0]); i++) {
		struct client *c = hidden[i][1] == 'a' ? ngo->api : ngo->web;
		r = http_get(c, hidden[i], (long long)hidden_ids[i]);
		if (!resp_check(r, 404, __FILE__, __LINE__) || resp_has(r, restr->family) ||
		    resp_has(r, own_href))
			bad++;
	}
	for (int t = 0; t < 2; t++) {
		const struct target *x = t ? restr : own;
		r = http_get(ngo->api, "/api/v1/persons/%lld/events", (long long)x->id);
		bad += !resp_check(r, 404, __FILE__, __LINE__) || resp_has(r, "Access event");
		r = http_get(ngo->api, "/api/v1/persons/%lld/enrolments", (long long)x->id);
		bad += !resp_check(r, 404, __FILE__, __LINE__) || resp_has(r, "Access programme");
	}
	assert_int_equal(bad, 0);
}

/* The web list of path as u shows want and not unwanted (NULL: nothing to check). */
static int list_shows(struct user *u, bool api, const char *path, const char *want,
		      const char *unwanted)
{
	struct resp *r = http_get(api ? u->api : u->web, "%s", path);
	if (!resp_check(r, 200, __FILE__, __LINE__))
		return 1;
	if ((want && !resp_has(r, want)) || (unwanted && resp_has(r, unwanted))) {
		fprintf(stderr, "LISTS %s GET %s: %s %s, %s %s\n", u->login, path,
			want ? want : "-", want && resp_has(r, want) ? "shown" : "missing",
			unwanted ? unwanted : "-",
			unwanted && resp_has(r, unwanted) ? "shown" : "hidden");
		return 1;
	}
	return 0;
}

/* Posts the form (name/value pairs after _csrf, NULL-ended) to path as u on the web. */
static struct resp *web_form(struct user *u, const char *path, const char *const *kv)
{
	struct sbuf b = { 0 };
	sb_form(&b, "_csrf", u->web->csrf);
	for (size_t i = 0; kv[i]; i += 2)
		sb_form(&b, kv[i], kv[i + 1]);
	struct resp *r = http_post_form(u->web, path, sb_str(&b));
	sb_free(&b);
	return r;
}

/* A campaign, an event, a programme and an enrolment answer for their organisation's own
 * records only: lists show its own (and the national programmes), a path naming another
 * organisation's record, or an enrolment under another programme, is not found, and a write
 * to it leaves it as it was. A person is named at an event or enrolled only by a user who
 * sees them, and one named already whom the user does not see is neither named again nor
 * removed; a national programme is nobody's to change. */
static void test_campaigns_events_and_programmes_answer_for_their_own_records_only(void **state)
{
	(void)state;
	struct target *own = &targets[OWN], *other = &targets[OTHER], *restr = &targets[RESTRICTED];
	struct user *w = &users[WORKER], *ngo = &users[NGO_WORKER], *lawyer = &users[LAWYER],
		    *sup = &users[SUPERVISOR], *admin = &users[ADMIN];
	int bad = 0;
	/* The lists, on the page and in the API. */
	bad += list_shows(w, false, "/campaigns", "Access campaign open", "Access campaign NGO");
	bad += list_shows(w, true, "/api/v1/campaigns", "Access campaign closed",
			  "Access campaign NGO");
	bad += list_shows(ngo, false, "/campaigns", "Access campaign NGO", "Access campaign open");
	bad += list_shows(ngo, true, "/api/v1/campaigns", "Access campaign NGO",
			  "Access campaign closed");
	bad += list_shows(w, false, "/events", "Access event open", "Access event NGO");
	bad += list_shows(w, true, "/api/v1/events", "Access event protected", "Access event NGO");
	bad += list_shows(ngo, false, "/events", "Access event NGO", "Access event open");
	bad +=
	    list_shows(ngo, true, "/api/v1/events", "Access event NGO", "Access event protected");
	bad += list_shows(w, false, "/programmes", "Access programme own", "Access programme NGO");
	bad += list_shows(w, true, "/api/v1/programmes", "kazakh_language", "Access programme NGO");
	bad +=
	    list_shows(ngo, false, "/programmes", "Access programme NGO", "Access programme own");
	bad +=
	    list_shows(ngo, true, "/api/v1/programmes", "kazakh_language", "Access programme own");
	assert_int_equal(bad, 0);

	int64_t participants0 = q_int("SELECT COUNT(*) FROM event_participants", NULL, NULL);
	int64_t enrolments0 = q_int("SELECT COUNT(*) FROM enrolments", NULL, NULL);
	int64_t support0 = q_int("SELECT COUNT(*) FROM programme_support", NULL, NULL);
	int64_t donations0 = q_int("SELECT COUNT(*) FROM donations", NULL, NULL);
	int64_t spendings0 = q_int("SELECT COUNT(*) FROM spendings", NULL, NULL);
	char today[11], path[192], body[192];
	today_iso(today);

	/* An enrolment under another programme than its own, or of another organisation (that
	 * of the national programme every organisation sees), or of a person the user does not
	 * see: not found, for reading, support and withdrawal. */
	const struct {
		struct user *u;
		int64_t programme, enrolment;
	} mixes[] = {
		{ w, restr->programme_id, own->enrolment_id },
		{ w, own->programme_id, restr->enrolment_id },
		{ w, own->programme_id, other->enrolment_id },
		{ ngo, restr->programme_id, restr->enrolment_id },
		{ ngo, other->programme_id, own->enrolment_id },
		{ lawyer, restr->programme_id, restr->enrolment_id },
	};
	for (size_t i = 0; i < sizeof(mixes) / sizeof(mixes[0]); i++) {
		struct user *u = mixes[i].u;
		long long p = (long long)mixes[i].programme, e = (long long)mixes[i].enrolment;
		struct resp *r = http_get(u->web, "/programmes/%lld/enrolments/%lld", p, e);
		bad += !resp_check(r, 404, __FILE__, __LINE__);
		r = http_get(u->api, "/api/v1/programmes/%lld/enrolments/%lld", p, e);
		bad += !resp_check(r, 404, __FILE__, __LINE__);
		snprintf(path, sizeof(path), "/api/v1/programmes/%lld/enrolments/%lld/support", p,
			 e);
		r = http_post_json(u->api, path, "{\"kind\":\"other\",\"amount\":100}");
		bad += !resp_check(r, 404, __FILE__, __LINE__);
		snprintf(path, sizeof(path), "/api/v1/programmes/%lld/enrolments/%lld/withdraw", p,
			 e);
		snprintf(body, sizeof(body), "{\"date\":\"%s\"}", today);
		r = http_post_json(u->api, path, body);
		bad += !resp_check(r, 404, __FILE__, __LINE__);
		snprintf(path, sizeof(path), "/programmes/%lld/enrolments/%lld/withdraw", p, e);
		r = web_form(u, path, (const char *[]){ "date", today, NULL });
		bad += !resp_check(r, 404, __FILE__, __LINE__);
		snprintf(path, sizeof(path), "/programmes/%lld/enrolments/%lld/support", p, e);
		r = web_form(u, path, (const char *[]){ "kind", "other", "amount", "1.00", NULL });
		bad += !resp_check(r, 404, __FILE__, __LINE__);
	}
	assert_int_equal(bad, 0);
	for (int i = 0; i < NTARGETS; i++)
		assert_int_equal(q_int("SELECT COUNT(*) FROM enrolments WHERE id = ?1 AND status ="
				       " 'enrolled'",
				       i64s(targets[i].enrolment_id), NULL),
				 1);
	assert_int_equal(q_int("SELECT COUNT(*) FROM programme_support", NULL, NULL), support0);

	/* Enrolling and naming: a person of another organisation, or one the user does not see
	 * (enrolled and named already, which the refusal must not tell), is not a person to
	 * choose. */
	const struct {
		struct user *u;
		const char *path_fmt;
		int64_t record;
		const struct target *t;
	} choose[] = {
		{ w, "/api/v1/programmes/%lld/enrolments", own->programme_id, other },
		{ ngo, "/api/v1/programmes/%lld/enrolments", restr->programme_id, own },
		{ lawyer, "/api/v1/programmes/%lld/enrolments", own->programme_id, restr },
		{ lawyer, "/api/v1/programmes/%lld/enrolments", restr->programme_id, restr },
		{ w, "/api/v1/events/%lld/participants", own->event_id, other },
		{ lawyer, "/api/v1/events/%lld/participants", own->event_id, restr },
		{ lawyer, "/api/v1/events/%lld/participants", restr->event_id, restr },
	};
	for (size_t i = 0; i < sizeof(choose) / sizeof(choose[0]); i++) {
		snprintf(path, sizeof(path), choose[i].path_fmt, (long long)choose[i].record);
		snprintf(body, sizeof(body),
			 "{\"person_id\":%lld,\"region\":\"" ACCESS_REGION "\"}",
			 (long long)choose[i].t->id);
		if (strstr(path, "/participants"))
			snprintf(body, sizeof(body), "{\"person_id\":%lld}",
				 (long long)choose[i].t->id);
		struct resp *r = http_post_json(choose[i].u->api, path, body);
		if (strcmp(error_field(r), "person_id") != 0 || resp_has(r, "already")) {
			fprintf(stderr, "CHOOSE %s POST %s the %s: %.300s\n", choose[i].u->login,
				path, choose[i].t->label, r->body);
			bad++;
		}
	}
	/* Removing a participant one does not see, or from another organisation's event. */
	const struct {
		struct user *u;
		int64_t event;
		const struct target *t;
	} unname[] = { { lawyer, own->event_id, restr },
		       { lawyer, restr->event_id, restr },
		       { ngo, own->event_id, own },
		       { w, other->event_id, other } };
	for (size_t i = 0; i < sizeof(unname) / sizeof(unname[0]); i++) {
		snprintf(path, sizeof(path), "/api/v1/events/%lld/participants/%lld",
			 (long long)unname[i].event, (long long)unname[i].t->id);
		struct resp *r = http_delete(unname[i].u->api, path);
		bad += !resp_check(r, 404, __FILE__, __LINE__) || resp_has(r, restr->family);
		snprintf(path, sizeof(path), "/events/%lld/participants/%lld/remove",
			 (long long)unname[i].event, (long long)unname[i].t->id);
		r = web_form(unname[i].u, path, (const char *[]){ NULL });
		bad += !resp_check(r, 404, __FILE__, __LINE__) || resp_has(r, restr->family);
	}
	assert_int_equal(bad, 0);
	assert_int_equal(q_int("SELECT COUNT(*) FROM event_participants", NULL, NULL),
			 participants0);
	assert_int_equal(q_int("SELECT COUNT(*) FROM enrolments", NULL, NULL), enrolments0);
	/* ...which those who see them may: the supervisor takes the restricted person off the
	 * own-org person's event and names them again. */
	snprintf(path, sizeof(path), "/api/v1/events/%lld/participants/%lld",
		 (long long)own->event_id, (long long)restr->id);
	EXPECT_STATUS(http_delete(sup->api, path), 200);
	assert_int_equal(q_int("SELECT COUNT(*) FROM event_participants", NULL, NULL),
			 participants0 - 1);
	snprintf(path, sizeof(path), "/api/v1/events/%lld/participants", (long long)own->event_id);
	snprintf(body, sizeof(body), "{\"person_id\":%lld,\"role\":\"speaker\"}",
		 (long long)restr->id);
	EXPECT_STATUS(http_post_json(sup->api, path, body), 201);
	assert_int_equal(q_int("SELECT COUNT(*) FROM event_participants", NULL, NULL),
			 participants0);

	/* A person's events and enrolments: for a reader of their organisation only. */
	const char *of_person[] = { "events", "enrolments" };
	for (size_t i = 0; i < 2; i++) {
		struct resp *r =
		    http_get(w->api, "/api/v1/persons/%lld/%s", (long long)other->id, of_person[i]);
		bad += !resp_check(r, 404, __FILE__, __LINE__) || resp_has(r, "Access");
		r = http_get(ngo->api, "/api/v1/persons/%lld/%s", (long long)own->id, of_person[i]);
		bad += !resp_check(r, 404, __FILE__, __LINE__) || resp_has(r, "Access");
	}

	/* Another organisation's campaign: not found, for changes, donations and spendings. */
	const char *campaign_writes[][2] = {
		{ "PATCH", "{\"version\":1,\"name\":\"Taken over\"}" },
		{ "POST", "{\"donor\":\"Intruder\",\"amount\":100,\"currency\":\"KZT\"}" },
		{ "POST", "{\"amount\":100,\"currency\":\"KZT\",\"purpose\":\"Taken\"}" },
	};
	const char *campaign_paths[] = { "", "/donations", "/spendings" };
	for (size_t i = 0; i < 3; i++) {
		struct user *u = i == 1 ? admin : sup;
		snprintf(path, sizeof(path), "/api/v1/campaigns/%lld%s",
			 (long long)other->campaign_id, campaign_paths[i]);
		struct resp *r = http_do(u->api, campaign_writes[i][0], path, "application/json",
					 campaign_writes[i][1], strlen(campaign_writes[i][1]));
		bad +=
		    !resp_check(r, 404, __FILE__, __LINE__) || resp_has(r, "Access campaign NGO");
		snprintf(path, sizeof(path), "/campaigns/%lld%s", (long long)other->campaign_id,
			 campaign_paths[i]);
		r = web_form(u, path,
			     (const char *[]){ "version", "1", "name", "Taken over", "donor",
					       "Intruder", "amount", "1.00", "currency", "KZT",
					       "purpose", "Taken", NULL });
		bad += !resp_check(r, 404, __FILE__, __LINE__);
	}
	assert_int_equal(
	    q_int("SELECT COUNT(*) FROM campaigns WHERE name = 'Taken over'", NULL, NULL), 0);
	assert_int_equal(q_int("SELECT COUNT(*) FROM donations", NULL, NULL), donations0);
	/* A spending pays for services of the organisation's own cases only: not for one that
	 * organisation 2's worker gives in their case. */
	int64_t type =
	    q_int("SELECT id FROM service_types WHERE label_en = 'legal consultation'", NULL, NULL);
	snprintf(path, sizeof(path), "/api/v1/cases/%lld/services", (long long)other->case_id);
	snprintf(body, sizeof(body),
		 "{\"form\":\"individual\",\"function\":\"adaptation\",\"means\":"
		 "\"individual\",\"type_id\":%lld,\"minutes\":30}",
		 (long long)type);
	int64_t foreign_service = api_make(ngo->api, path, body);
	assert_true(foreign_service > 0);
	snprintf(path, sizeof(path), "/api/v1/campaigns/%lld/spendings",
		 (long long)own->campaign_id);
	snprintf(body, sizeof(body),
		 "{\"amount\":100,\"currency\":\"KZT\",\"purpose\":\"x\",\"services\":[%lld]}",
		 (long long)foreign_service);
	assert_string_equal(error_field(http_post_json(sup->api, path, body)), "services");
	assert_int_equal(q_int("SELECT COUNT(*) FROM spendings", NULL, NULL), spendings0);

	/* Programmes: another organisation's is not found to an administrator; a national one is
	 * nobody's to change, nor its quotas (a valid request each: refused for what it is). */
	int64_t kandas =
	    q_int("SELECT id FROM programmes WHERE code = 'kandas_resettlement'", NULL, NULL);
	int64_t quotas0 = q_int("SELECT COALESCE(SUM(quota), 0) FROM programme_quotas", NULL, NULL);
	snprintf(body, sizeof(body), "{\"region\":\"KZ-55\",\"year\":%d,\"quota\":5}", quota_year);
	const struct {
		int64_t programme;
		long want;
	} programmes[] = { { kandas, 403 },
			   { restr->programme_id, 403 },
			   { other->programme_id, 404 } };
	for (size_t i = 0; i < sizeof(programmes) / sizeof(programmes[0]); i++) {
		long long p = (long long)programmes[i].programme;
		long want = programmes[i].want;
		snprintf(path, sizeof(path), "/api/v1/programmes/%lld", p);
		struct resp *r = http_patch_json(
		    admin->api, path, "{\"version\":1,\"kind\":\"other\",\"name\":\"Taken over\"}");
		bad += !resp_check(r, want, __FILE__, __LINE__);
		snprintf(path, sizeof(path), "/api/v1/programmes/%lld/quotas", p);
		r = http_post_json(admin->api, path, body);
		bad += !resp_check(r, want, __FILE__, __LINE__);
		snprintf(path, sizeof(path), "/programmes/%lld", p);
		r = web_form(admin, path,
			     (const char *[]){ "version", "1", "kind", "other", "name",
					       "Taken over", NULL });
		bad += !resp_check(r, want, __FILE__, __LINE__);
		snprintf(path, sizeof(path), "/programmes/%lld/quotas", p);
		char year[8];
		snprintf(year, sizeof(year), "%d", quota_year);
		r = web_form(
		    admin, path,
		    (const char *[]){ "region", "KZ-55", "year", year, "quota", "5", NULL });
		bad += !resp_check(r, want, __FILE__, __LINE__);
		r = http_get(admin->web, "/programmes/%lld/edit", p);
		bad += !resp_check(r, want, __FILE__, __LINE__);
	}
	assert_int_equal(bad, 0);
	assert_int_equal(
	    q_int("SELECT COUNT(*) FROM programmes WHERE name = 'Taken over'", NULL, NULL), 0);
	assert_int_equal(q_int("SELECT COALESCE(SUM(quota), 0) FROM programme_quotas", NULL, NULL),
			 quotas0);
}

/* The number the hub of public work shows beside its link to href, or -1. */
static long hub_count(const struct resp *r, const char *href)
{
	char needle[64];
	snprintf(needle, sizeof(needle), "<li><a href=\"%s\">", href);
	const char *p = r->body ? strstr(r->body, needle) : NULL;
	p = p ? strstr(p, "</a> (") : NULL;
	return p ? strtol(p + 6, NULL, 10) : -1;
}

/* Sends method path with the JSON body as u; the response. */
static struct resp *api_send_as(struct user *u, const char *method, const char *path,
				const char *json)
{
	return http_do(u->api, method, path, "application/json", json, strlen(json));
}

/* Public work answers for its organisation's own records only: the lists and the hub show
 * and count its own; another organisation's record is not found (with a valid request, that
 * would be written were it theirs), nor a meeting under another council, nor a decision under
 * another meeting; a proposal naming a meeting of another organisation is refused on
 * meeting_id, as one naming no meeting that exists, and names nothing of it; nothing is
 * written by any of that. A stale edit is refused (409) and changes nothing. */
static void test_public_work_answers_for_its_own_records_only(void **state)
{
	(void)state;
	struct target *own = &targets[OWN], *other = &targets[OTHER],
		      *second = &targets[RESTRICTED];
	struct user *w = &users[WORKER], *ngo = &users[NGO_WORKER], *lawyer = &users[LAWYER];
	int bad = 0;
	static const char *const kinds[][3] = {
		{ "/resettler-orgs", "/api/v1/resettler-orgs", "Access resettlers" },
		{ "/councils", "/api/v1/councils", "Access council" },
		{ "/proposals", "/api/v1/proposals", "Access proposal" },
	};
	static const char *const tables[] = { "resettler_orgs", "councils", "policy_proposals" };
	for (size_t k = 0; k < 3; k++) {
		char mine[64], theirs[64], second_one[64];
		snprintf(mine, sizeof(mine), "%s own", kinds[k][2]);
		snprintf(theirs, sizeof(theirs), "%s NGO", kinds[k][2]);
		snprintf(second_one, sizeof(second_one), "%s second", kinds[k][2]);
		bad += list_shows(w, false, kinds[k][0], mine, theirs);
		bad += list_shows(w, true, kinds[k][1], second_one, theirs);
		bad += list_shows(ngo, false, kinds[k][0], theirs, mine);
		bad += list_shows(ngo, true, kinds[k][1], theirs, second_one);
		/* The hub counts the reader's organisation's. */
		struct user *readers[] = { w, ngo };
		for (size_t i = 0; i < 2; i++) {
			char sql[96];
			snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM %s WHERE org_id = ?1",
				 tables[k]);
			struct resp *r = http_get(readers[i]->web, "/civic");
			long got = r->status == 200 ? hub_count(r, kinds[k][0]) : -2;
			int64_t want = q_int(sql, i64s(readers[i]->org), NULL);
			if (got != want) {
				fprintf(stderr, "CIVIC %s GET /civic counts %ld %s, want %lld\n",
					readers[i]->login, got, kinds[k][0], (long long)want);
				bad++;
			}
		}
	}
	/* The API's lists name nothing of the other organisation's records. */
	bad += list_shows(w, true, "/api/v1/resettler-orgs", "Access initiators own",
			  "Access initiators NGO");
	bad += list_shows(ngo, true, "/api/v1/proposals", "Access addressee NGO",
			  "Access addressee own");
	assert_int_equal(bad, 0);

	int64_t rows0[sizeof(guarded) / sizeof(guarded[0])],
	    rows1[sizeof(rows0) / sizeof(rows0[0])];
	snapshot(rows0);
	char path[192], body[320];
	/* Meetings and decisions by their council's and meeting's paths: one under another
	 * council (of the same organisation or not), a decision under another meeting, any of
	 * another organisation. A valid request each. */
	const struct {
		struct user *u;
		int64_t council, meeting, decision;
	} mixes[] = {
		{ w, own->council_id, second->meeting_id, second->decision_id },
		{ w, second->council_id, own->meeting_id, own->decision_id },
		{ w, own->council_id, own->meeting_id, second->decision_id },
		{ w, second->council_id, second->meeting_id, own->decision_id },
		{ w, own->council_id, other->meeting_id, other->decision_id },
		{ w, own->council_id, own->meeting_id, other->decision_id },
		{ w, other->council_id, other->meeting_id, other->decision_id },
		{ lawyer, other->council_id, own->meeting_id, own->decision_id },
		{ ngo, own->council_id, own->meeting_id, own->decision_id },
		{ ngo, other->council_id, own->meeting_id, own->decision_id },
		{ ngo, other->council_id, other->meeting_id, own->decision_id },
	};
	for (size_t i = 0; i < sizeof(mixes) / sizeof(mixes[0]); i++) {
		struct user *u = mixes[i].u;
		long long k = (long long)mixes[i].council, m = (long long)mixes[i].meeting,
			  d = (long long)mixes[i].decision;
		/* The meeting is the user's to read when it is of the council, and the council
		 * of the user's organisation. */
		bool meeting_ok =
		    db_int(&srv,
			   "SELECT COUNT(*) FROM council_meetings m JOIN councils c ON c.id ="
			   " m.council_id WHERE m.id = ?1 AND c.id = ?2 AND c.org_id = ?3",
			   i64s(m), i64s(k), i64s(u->org), (const char *)NULL) > 0;
		long want = meeting_ok ? 200 : 404;
		struct resp *r = http_get(u->web, "/councils/%lld/meetings/%lld", k, m);
		bad += !resp_check(r, want, __FILE__, __LINE__);
		r = http_get(u->api, "/api/v1/councils/%lld/meetings/%lld", k, m);
		bad += !resp_check(r, want, __FILE__, __LINE__);
		if (!meeting_ok) {
			snprintf(path, sizeof(path), "/councils/%lld/meetings/%lld/decisions", k,
				 m);
			r = web_form(
			    u, path,
			    (const char *[]){ "text", "Taken over", "status", "adopted", NULL });
			bad += !resp_check(r, 404, __FILE__, __LINE__);
			snprintf(path, sizeof(path),
				 "/api/v1/councils/%lld/meetings/%lld/decisions", k, m);
			r = http_post_json(u->api, path, "{\"text\":\"Taken over\"}");
			bad += !resp_check(r, 404, __FILE__, __LINE__);
		}
		snprintf(path, sizeof(path), "/councils/%lld/meetings/%lld/decisions/%lld", k, m,
			 d);
		r = web_form(u, path, (const char *[]){ "status", "implemented", NULL });
		bad += !resp_check(r, 404, __FILE__, __LINE__);
		snprintf(path, sizeof(path), "/api/v1/councils/%lld/meetings/%lld/decisions/%lld",
			 k, m, d);
		r = http_patch_json(u->api, path,
				    "{\"status\":\"implemented\",\"text\":\"Taken over\"}");
		bad += !resp_check(r, 404, __FILE__, __LINE__) || resp_has(r, "Access decision");
	}
	assert_int_equal(bad, 0);

	/* Another organisation's records, read and written (valid requests) through the pages
	 * and the API, each way round. */
	const struct {
		struct user *u;
		const struct target *t;
		const char *names; /* what the answers must not show */
	} foreign[] = { { w, other, "NGO" }, { ngo, own, "own" }, { ngo, second, "second" } };
	for (size_t i = 0; i < sizeof(foreign) / sizeof(foreign[0]); i++) {
		struct user *u = foreign[i].u;
		const struct target *t = foreign[i].t;
		long long rog = (long long)t->rog_id, k = (long long)t->council_id,
			  p = (long long)t->proposal_id;
		char shown[64];
		snprintf(shown, sizeof(shown), "Access council %s", foreign[i].names);
		const char *reads[] = { "/resettler-orgs/%lld",
					"/resettler-orgs/%lld/edit",
					"/api/v1/resettler-orgs/%lld",
					"/councils/%lld",
					"/councils/%lld/edit",
					"/api/v1/councils/%lld",
					"/proposals/%lld",
					"/proposals/%lld/edit",
					"/api/v1/proposals/%lld" };
		for (size_t j = 0; j < sizeof(reads) / sizeof(reads[0]); j++) {
			long long id = j < 3 ? rog : j < 6 ? k : p;
			struct client *c = strncmp(reads[j], "/api/", 5) == 0 ? u->api : u->web;
			struct resp *r = http_get(c, reads[j], id);
			bad += !resp_check(r, 404, __FILE__, __LINE__) || resp_has(r, shown) ||
			       resp_has(r, "Access agenda") || resp_has(r, "Access initiators");
		}
		const struct {
			const char *method, *path, *json;
			long long id;
		} api[] = {
			{ "PATCH", "/api/v1/resettler-orgs/%lld",
			  "{\"version\":1,\"name\":\"Taken over\",\"kind\":\"foundation\"}", rog },
			{ "POST", "/api/v1/resettler-orgs/%lld/steps", "{\"step\":\"dissolved\"}",
			  rog },
			{ "PATCH", "/api/v1/councils/%lld",
			  "{\"version\":1,\"name\":\"Taken over\",\"kind\":\"working_group\"}", k },
			{ "POST", "/api/v1/councils/%lld/meetings",
			  "{\"held_on\":\"2026-01-20\",\"agenda\":\"Taken over\"}", k },
			{ "PATCH", "/api/v1/proposals/%lld",
			  "{\"version\":1,\"title\":\"Taken over\",\"status\":\"drafted\"}", p },
		};
		for (size_t j = 0; j < sizeof(api) / sizeof(api[0]); j++) {
			snprintf(path, sizeof(path), api[j].path, api[j].id);
			struct resp *r = api_send_as(u, api[j].method, path, api[j].json);
			bad += !resp_check(r, 404, __FILE__, __LINE__) || resp_has(r, shown);
		}
		const struct {
			const char *path;
			long long id;
			const char *const *kv;
		} web[] = {
			{ "/resettler-orgs/%lld", rog,
			  (const char *[]){ "version", "1", "name", "Taken over", "kind",
					    "foundation", NULL } },
			{ "/resettler-orgs/%lld/steps", rog,
			  (const char *[]){ "step", "dissolved", NULL } },
			{ "/councils/%lld", k,
			  (const char *[]){ "version", "1", "name", "Taken over", "kind",
					    "working_group", NULL } },
			{ "/councils/%lld/meetings", k,
			  (const char *[]){ "held_on", "2026-01-20", "agenda", "Taken over",
					    NULL } },
			{ "/proposals/%lld", p,
			  (const char *[]){ "version", "1", "title", "Taken over", "text", "x",
					    "addressee", "y", NULL } },
		};
		for (size_t j = 0; j < sizeof(web) / sizeof(web[0]); j++) {
			snprintf(path, sizeof(path), web[j].path, web[j].id);
			struct resp *r = web_form(u, path, web[j].kv);
			bad += !resp_check(r, 404, __FILE__, __LINE__) || resp_has(r, shown);
		}
	}
	assert_int_equal(bad, 0);

	/* A proposal naming a meeting of another organisation's council: refused on
	 * meeting_id, in the same words as one naming no meeting at all, and naming nothing of
	 * the meeting or its council. */
	const struct {
		struct user *u;
		const struct target *mine, *theirs;
	} naming[] = { { w, own, other }, { ngo, other, own }, { ngo, other, second } };
	for (size_t i = 0; i < sizeof(naming) / sizeof(naming[0]); i++) {
		struct user *u = naming[i].u;
		const struct target *t = naming[i].theirs;
		char message[2][256] = { "", "" };
		for (int none = 0; none < 2; none++) {
			long long m = none ? 99999999LL : (long long)t->meeting_id;
			snprintf(body, sizeof(body),
				 "{\"title\":\"Taken over\",\"text\":\"x\",\"addressee\":\"y\","
				 "\"meeting_id\":%lld}",
				 m);
			struct resp *r = http_post_json(u->api, "/api/v1/proposals", body);
			json_t *j = resp_json(r);
			const char *msg = json_str_of(json_object_get(j, "error"), "message");
			snprintf(message[none], sizeof(message[none]), "%s", msg ? msg : "");
			json_decref(j);
			if (strcmp(error_field(r), "meeting_id") != 0 ||
			    resp_has(r, "Access council") || resp_has(r, "Access agenda")) {
				fprintf(stderr,
					"CIVIC %s POST /api/v1/proposals naming meeting %lld:"
					" %.300s\n",
					u->login, m, r->body);
				bad++;
			}
		}
		if (strcmp(message[0], message[1]) != 0) {
			fprintf(stderr,
				"CIVIC %s: another organisation's meeting is refused as \"%s\","
				" none as \"%s\"\n",
				u->login, message[0], message[1]);
			bad++;
		}
		long long mine = (long long)naming[i].mine->proposal_id;
		int64_t version = q_int("SELECT version FROM policy_proposals WHERE id = ?1",
					i64s(naming[i].mine->proposal_id), NULL);
		snprintf(path, sizeof(path), "/api/v1/proposals/%lld", mine);
		snprintf(body, sizeof(body), "{\"version\":%lld,\"meeting_id\":%lld}",
			 (long long)version, (long long)t->meeting_id);
		struct resp *r = http_patch_json(u->api, path, body);
		if (strcmp(error_field(r), "meeting_id") != 0 || resp_has(r, "Access council")) {
			fprintf(stderr, "CIVIC %s PATCH %s naming another organisation's meeting\n",
				u->login, path);
			bad++;
		}
		/* The pages: a new proposal, and an edit, refused on meeting_id. */
		char meeting[24], ver[24];
		snprintf(meeting, sizeof(meeting), "%lld", (long long)t->meeting_id);
		snprintf(ver, sizeof(ver), "%lld", (long long)version);
		snprintf(path, sizeof(path), "/proposals/%lld", mine);
		const char *paths[] = { "/proposals", path };
		for (size_t j = 0; j < 2; j++) {
			r = web_form(u, paths[j],
				     (const char *[]){ "version", ver, "title", "Taken over",
						       "text", "x", "addressee", "y", "meeting_id",
						       meeting, NULL });
			if (!resp_check(r, 422, __FILE__, __LINE__) ||
			    !resp_has(r, "aria-describedby=\"e-meeting_id\"") ||
			    resp_has(r, "Access council") || resp_has(r, "Access agenda")) {
				fprintf(stderr,
					"CIVIC %s POST %s naming another organisation's"
					" meeting\n",
					u->login, paths[j]);
				bad++;
			}
		}
	}
	assert_int_equal(bad, 0);
	snapshot(rows1);
	for (size_t i = 0; i < sizeof(guarded) / sizeof(guarded[0]); i++)
		if (rows1[i] != rows0[i]) {
			fprintf(stderr, "CIVIC: %s went from %lld to %lld\n", guarded[i],
				(long long)rows0[i], (long long)rows1[i]);
			bad++;
		}
	assert_int_equal(bad, 0);
	const char *const taken[] = {
		"SELECT COUNT(*) FROM resettler_orgs WHERE name = 'Taken over'",
		"SELECT COUNT(*) FROM resettler_org_steps WHERE step = 'dissolved'",
		"SELECT COUNT(*) FROM councils WHERE name = 'Taken over'",
		"SELECT COUNT(*) FROM council_meetings WHERE agenda = 'Taken over'",
		("SELECT COUNT(*) FROM council_decisions WHERE text = 'Taken over' OR status ="
		 " 'implemented'"),
		"SELECT COUNT(*) FROM policy_proposals WHERE title = 'Taken over'",
	};
	for (size_t i = 0; i < sizeof(taken) / sizeof(taken[0]); i++)
		assert_int_equal(q_int(taken[i], NULL, NULL), 0);

	/* Edits carry the version they read: one made since is told (409), on the page with the
	 * input kept, and nothing is saved. */
	const struct {
		const char *table, *web, *api, *field;
		int64_t id;
		const char *const *kv;
	} edits[] = {
		{ "resettler_orgs", "/resettler-orgs/%lld", "/api/v1/resettler-orgs/%lld", "note",
		  own->rog_id,
		  (const char *[]){ "name", "Access resettlers own", "kind", "public_association",
				    "note", "Stale edit", NULL } },
		{ "councils", "/councils/%lld", "/api/v1/councils/%lld", "note", own->council_id,
		  (const char *[]){ "name", "Access council own", "kind", "public_council", "note",
				    "Stale edit", NULL } },
		{ "policy_proposals", "/proposals/%lld", "/api/v1/proposals/%lld", "outcome",
		  own->proposal_id,
		  (const char *[]){ "title", "Access proposal own", "text", "Access text own",
				    "addressee", "Access addressee own", "status", "submitted",
				    "submitted_on", "2026-01-16", "outcome", "Stale edit", NULL } },
	};
	for (size_t i = 0; i < sizeof(edits) / sizeof(edits[0]); i++) {
		char sql[128];
		snprintf(sql, sizeof(sql), "SELECT version FROM %s WHERE id = ?1", edits[i].table);
		int64_t v = q_int(sql, i64s(edits[i].id), NULL);
		snprintf(path, sizeof(path), edits[i].api, (long long)edits[i].id);
		snprintf(body, sizeof(body), "{\"version\":%lld,\"%s\":\"Edited\"}", (long long)v,
			 edits[i].field);
		EXPECT_STATUS(http_patch_json(w->api, path, body), 200);
		snprintf(body, sizeof(body), "{\"version\":%lld,\"%s\":\"Stale edit\"}",
			 (long long)v, edits[i].field);
		struct resp *r = http_patch_json(w->api, path, body);
		bad += !resp_check(r, 409, __FILE__, __LINE__);
		struct sbuf b = { 0 };
		sb_form(&b, "_csrf", w->web->csrf);
		sb_form(&b, "version", i64s(v));
		for (size_t j = 0; edits[i].kv[j]; j += 2)
			sb_form(&b, edits[i].kv[j], edits[i].kv[j + 1]);
		snprintf(path, sizeof(path), edits[i].web, (long long)edits[i].id);
		r = http_post_form(w->web, path, sb_str(&b));
		sb_free(&b);
		bad += !resp_check(r, 409, __FILE__, __LINE__) || !resp_has(r, "Stale edit");
		assert_int_equal(q_int(sql, i64s(edits[i].id), NULL), v + 1);
		snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM %s WHERE %s = 'Stale edit'",
			 edits[i].table, edits[i].field);
		assert_int_equal(q_int(sql, NULL, NULL), 0);
	}
	assert_int_equal(bad, 0);
}

/* The number shown in "<p class="count" role="status">Found: N</p>". */
static long web_count(const struct resp *r)
{
	const char *p = strstr(r->body, "role=\"status\">");
	if (!p)
		return -1;
	const char *end = strstr(p, "</p>");
	const char *colon = NULL;
	for (const char *q = p; q < end; q++)
		if (*q == ':')
			colon = q;
	return colon ? strtol(colon + 1, NULL, 10) : -1;
}

/* The visible people of u per the rule above, counted in the database. */
static int64_t visible_count(const struct user *u, const char *category)
{
	return db_int(&srv,
		      "SELECT COUNT(*) FROM persons p WHERE p.org_id = ?1 AND (p.restricted = 0"
		      " OR CAST(?2 AS INTEGER) = 1 OR EXISTS (SELECT 1 FROM person_workers w WHERE"
		      " w.person_id = p.id AND w.user_id = ?3)) AND (CAST(?4 AS TEXT) IS NULL OR"
		      " EXISTS (SELECT 1 FROM person_categories c WHERE c.person_id = p.id AND"
		      " c.category = ?4))",
		      i64s(u->org), u->role == SUPERVISOR ? "1" : "0", i64s(u->id), category,
		      (const char *)NULL);
}

static json_t *api_list(struct user *u, const char *query)
{
	struct resp *r =
	    http_get(u->api, "/api/v1/persons?limit=200%s%s", query ? "&" : "", query ? query : "");
	EXPECT_STATUS(r, 200);
	json_t *j = resp_json(r);
	assert_non_null(j);
	return j;
}

static bool list_has(json_t *j, int64_t id)
{
	size_t i;
	json_t *it;
	json_array_foreach (json_object_get(j, "items"), i, it)
		if (json_int_of(it, "id", 0) == id)
			return true;
	return false;
}

static void test_lists_searches_and_counts_hide_what_a_role_may_not_see(void **state)
{
	(void)state;
	for (int ui = 0; ui < NROLES; ui++) {
		struct user *u = &users[ui];
		if (u->role == ANALYST)
			continue;
		json_t *all = api_list(u, NULL);
		assert_int_equal(json_int_of(all, "total", -1), visible_count(u, NULL));
		for (int ti = 0; ti < NTARGETS; ti++) {
			struct target *t = &targets[ti];
			bool want = sees(u, t);
			if (list_has(all, t->id) != want)
				fail_msg("%s: the list %s %s", u->login, want ? "lacks" : "shows",
					 t->label);
			/* By family name, by document number (API), and in the web list. */
			struct sbuf dq = { 0 };
			sb_form(&dq, "q", t->doc);
			json_t *bydoc = api_list(u, sb_str(&dq));
			sb_free(&dq);
			if ((json_int_of(bydoc, "total", -1) > 0) != want ||
			    list_has(bydoc, t->id) != want)
				fail_msg("%s: search by the document of the %s: total %lld",
					 u->login, t->label,
					 (long long)json_int_of(bydoc, "total", -1));
			json_decref(bydoc);
			struct sbuf b = { 0 };
			sb_form(&b, "q", t->family);
			json_t *byname = api_list(u, sb_str(&b));
			if (list_has(byname, t->id) != want)
				fail_msg("%s: search by the name of the %s", u->login, t->label);
			struct resp *r = http_get(u->web, "/persons?%s", sb_str(&b));
			EXPECT_STATUS(r, 200);
			char href[64];
			snprintf(href, sizeof(href), "href=\"/persons/%lld\"", (long long)t->id);
			if (resp_has(r, href) != want)
				fail_msg("%s: the web search for the %s %s it", u->login, t->label,
					 want ? "lacks" : "shows");
			if (web_count(r) != json_int_of(byname, "total", -2))
				fail_msg("%s: the web count %ld differs from the API total %lld",
					 u->login, web_count(r),
					 (long long)json_int_of(byname, "total", -2));
			json_decref(byname);
			sb_free(&b);
		}
		json_decref(all);
		/* Counts by category do not count restricted people either. */
		static const char *const cats[] = { "trafficking_victim", "forced_labour_victim",
						    "kandas" };
		for (size_t i = 0; i < sizeof(cats) / sizeof(cats[0]); i++) {
			char q[64];
			snprintf(q, sizeof(q), "category=%s", cats[i]);
			json_t *j = api_list(u, q);
			if (json_int_of(j, "total", -1) != visible_count(u, cats[i]))
				fail_msg("%s: %s counts %lld, want %lld", u->login, cats[i],
					 (long long)json_int_of(j, "total", -1),
					 (long long)visible_count(u, cats[i]));
			json_decref(j);
			struct resp *r = http_get(u->web, "/persons?%s", q);
			if (web_count(r) != visible_count(u, cats[i]))
				fail_msg("%s: the web list of %s counts %ld", u->login, cats[i],
					 web_count(r));
		}
	}
	/* The household of another organisation is not there, nor its members. */
	struct resp *r = http_get(users[WORKER].api, "/api/v1/persons?household_id=%lld",
				  (long long)targets[OTHER].household);
	EXPECT_STATUS(r, 200);
	json_t *j = resp_json(r);
	assert_int_equal(json_int_of(j, "total", -1), 0);
	json_decref(j);
}

/* /persons/new?family_of=ID copies the family's details into the form, and POST /persons
 * with family_of joins their household: both only for a person the user sees. */
static void test_family_of_needs_a_person_the_user_sees(void **state)
{
	(void)state;
	struct {
		enum role who;
		int target;
	} denied[] = {
		{ PSYCHOLOGIST, RESTRICTED },
		{ LAWYER, RESTRICTED },
		{ NGO_WORKER, OWN },
		{ WORKER, OTHER },
	};
	int64_t persons = q_int("SELECT COUNT(*) FROM persons", NULL, NULL);
	int64_t households = q_int("SELECT COUNT(*) FROM households", NULL, NULL);
	for (size_t i = 0; i < sizeof(denied) / sizeof(denied[0]); i++) {
		struct user *u = &users[denied[i].who];
		struct target *t = &targets[denied[i].target];
		struct resp *r = http_get(u->web, "/persons/new?family_of=%lld", (long long)t->id);
		if (!resp_check(r, 404, __FILE__, __LINE__))
			fail_msg("%s: the form for the family of the %s", u->login, t->label);
		assert_false(resp_has(r, t->family));
		struct sbuf b = { 0 };
		sb_form(&b, "_csrf", u->web->csrf);
		sb_form(&b, "family_of", i64s(t->id));
		sb_form(&b, "family_name", "Relative");
		sb_form(&b, "given_name", "Unseen");
		sb_form(&b, "sex", "male");
		sb_form(&b, "household_relation", "sibling");
		r = http_post_form(u->web, "/persons", sb_str(&b));
		sb_free(&b);
		if (!resp_check(r, 404, __FILE__, __LINE__))
			fail_msg("%s: joined the family of the %s", u->login, t->label);
	}
	assert_int_equal(q_int("SELECT COUNT(*) FROM persons", NULL, NULL), persons);
	assert_int_equal(q_int("SELECT COUNT(*) FROM households", NULL, NULL), households);
	/* And it works for one they see. */
	struct resp *r = http_get(users[WORKER].web, "/persons/new?family_of=%lld",
				  (long long)targets[RESTRICTED].id);
	EXPECT_STATUS(r, 200);
}

static void test_admin_pages_are_for_admins_only(void **state)
{
	(void)state;
	static const char *const pages[] = { "/audit", "/users" };
	for (int ui = 0; ui < NROLES; ui++) {
		for (size_t i = 0; i < 2; i++) {
			struct resp *r = http_get(users[ui].web, "%s", pages[i]);
			if (!resp_check(r, ui == ADMIN ? 200 : 403, __FILE__, __LINE__))
				fail_msg("%s GET %s", users[ui].login, pages[i]);
		}
		int64_t n = q_int("SELECT COUNT(*) FROM users", NULL, NULL);
		struct sbuf b = { 0 };
		sb_form(&b, "_csrf", users[ui].web->csrf);
		sb_form(&b, "login", "intruder");
		sb_form(&b, "full_name", "Intruder");
		sb_form(&b, "role", "admin");
		sb_form(&b, "password", "a-long-password-123");
		struct resp *r = http_post_form(users[ui].web, "/users", sb_str(&b));
		sb_free(&b);
		if (ui == ADMIN) {
			EXPECT_STATUS(r, 303);
			assert_int_equal(q_int("SELECT COUNT(*) FROM users", NULL, NULL), n + 1);
			/* The new account belongs to the admin's organisation. */
			assert_int_equal(
			    q_int("SELECT org_id FROM users WHERE login = 'intruder'", NULL, NULL),
			    users[ADMIN].org);
		} else {
			if (!resp_check(r, 403, __FILE__, __LINE__))
				fail_msg("%s POST /users", users[ui].login);
			assert_int_equal(q_int("SELECT COUNT(*) FROM users", NULL, NULL), n);
		}
	}
	/* The admin's audit shows nothing of the other organisation. */
	struct resp *r = http_get(users[ADMIN].web, "/audit?login=ngo-worker");
	EXPECT_STATUS(r, 200);
	assert_false(resp_has(r, "ngo-worker</td>"));
}

static long assign(struct user *u, const struct target *t, int64_t uid)
{
	struct sbuf b = { 0 };
	sb_form(&b, "_csrf", u->web->csrf);
	sb_form(&b, "user_id", i64s(uid));
	char path[64];
	snprintf(path, sizeof(path), "/persons/%lld/workers", (long long)t->id);
	struct resp *r = http_post_form(u->web, path, sb_str(&b));
	sb_free(&b);
	return r->status;
}

static void test_only_a_supervisor_assigns_and_assignment_opens_a_restricted_record(void **state)
{
	(void)state;
	struct target *own = &targets[OWN], *restr = &targets[RESTRICTED];
	struct user *psy = &users[PSYCHOLOGIST];
	int64_t rows = q_int("SELECT COUNT(*) FROM person_workers", NULL, NULL);
	/* Nobody but a supervisor may assign, not even to a person they see. */
	static const enum role others[] = { ADMIN, WORKER, PSYCHOLOGIST, LAWYER };
	for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++)
		if (assign(&users[others[i]], own, psy->id) != 403)
			fail_msg("%s assigned a worker: %ld", users[others[i]].login,
				 users[others[i]].web->r.status);
	assert_int_equal(assign(&users[NGO_WORKER], own, psy->id), 404);
	assert_int_equal(assign(&users[WORKER], restr, psy->id), 403);
	assert_int_equal(assign(&users[LAWYER], restr, psy->id), 404);
	/* A user of another organisation cannot be assigned. */
	assert_int_equal(assign(&users[SUPERVISOR], own, users[NGO_WORKER].id), 422);
	assert_int_equal(q_int("SELECT COUNT(*) FROM person_workers", NULL, NULL), rows);

	/* Before: the psychologist does not see the restricted person. */
	struct resp *r = http_get(psy->web, "/persons/%lld", (long long)restr->id);
	EXPECT_STATUS(r, 404);
	r = http_get(psy->api, "/api/v1/persons/%lld", (long long)restr->id);
	EXPECT_STATUS(r, 404);

	int64_t audits = q_int("SELECT COUNT(*) FROM audit WHERE action = 'person.assign'"
			       " AND entity_id = ?1",
			       i64s(restr->id), NULL);
	assert_int_equal(assign(&users[SUPERVISOR], restr, psy->id), 303);
	char loc[64];
	snprintf(loc, sizeof(loc), "/persons/%lld", (long long)restr->id);
	assert_string_equal(resp_header(&users[SUPERVISOR].web->r, "Location"), loc);
	assert_true(assigned(psy, restr));
	assert_int_equal(q_int("SELECT COUNT(*) FROM audit WHERE action = 'person.assign'"
			       " AND entity_id = ?1",
			       i64s(restr->id), NULL),
			 audits + 1);

	/* After: page, API, list and search show it to the psychologist. */
	r = http_get(psy->web, "/persons/%lld", (long long)restr->id);
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "Karimova"));
	r = http_get(psy->api, "/api/v1/persons/%lld", (long long)restr->id);
	EXPECT_STATUS(r, 200);
	json_t *j = api_list(psy, NULL);
	assert_true(list_has(j, restr->id));
	json_decref(j);
	/* The lawyer still does not. */
	r = http_get(users[LAWYER].web, "/persons/%lld", (long long)restr->id);
	EXPECT_STATUS(r, 404);

	/* Removing the assignment closes it again. */
	struct sbuf b = { 0 };
	sb_form(&b, "_csrf", users[SUPERVISOR].web->csrf);
	char path[96];
	snprintf(path, sizeof(path), "/persons/%lld/workers/%lld/remove", (long long)restr->id,
		 (long long)psy->id);
	r = http_post_form(users[SUPERVISOR].web, path, sb_str(&b));
	sb_free(&b);
	EXPECT_STATUS(r, 303);
	assert_false(assigned(psy, restr));
	r = http_get(psy->web, "/persons/%lld", (long long)restr->id);
	EXPECT_STATUS(r, 404);
	r = http_get(psy->api, "/api/v1/persons/%lld", (long long)restr->id);
	EXPECT_STATUS(r, 404);
}

static void test_every_view_of_a_person_is_audited(void **state)
{
	(void)state;
	struct user *u = &users[LAWYER];
	struct target *t = &targets[OWN];
	views_settle();
	int64_t v0 = views(u, t);
	struct resp *r = http_get(u->web, "/persons/%lld", (long long)t->id);
	EXPECT_STATUS(r, 200);
	assert_int_equal(views_settled(u, t, v0 + 1), v0 + 1);
	r = http_get(u->api, "/api/v1/persons/%lld", (long long)t->id);
	EXPECT_STATUS(r, 200);
	assert_int_equal(views_settled(u, t, v0 + 2), v0 + 2);
	r = http_get(u->web, "/persons/%lld", (long long)t->id);
	assert_int_equal(views_settled(u, t, v0 + 3), v0 + 3);
	/* A refused view (another organisation's person) leaves no row of a view. */
	struct user *ngo = &users[NGO_WORKER];
	views_settle();
	int64_t n0 = views(ngo, t);
	r = http_get(ngo->web, "/persons/%lld", (long long)t->id);
	EXPECT_STATUS(r, 404);
	r = http_get(ngo->api, "/api/v1/persons/%lld", (long long)t->id);
	EXPECT_STATUS(r, 404);
	/* A view of a restricted person is on disk before its page leaves. */
	struct user *w = &users[WORKER];
	struct target *rt = &targets[RESTRICTED];
	views_settle();
	int64_t r0 = views(w, rt);
	r = http_get(w->web, "/persons/%lld", (long long)rt->id);
	EXPECT_STATUS(r, 200);
	assert_int_equal(views(w, rt), r0 + 1);
	r = http_get(w->api, "/api/v1/persons/%lld", (long long)rt->id);
	EXPECT_STATUS(r, 200);
	assert_int_equal(views(w, rt), r0 + 2);
	assert_int_equal(views_within(ngo, t, n0 + 1, 30), n0);
	/* The row names the user, the organisation and the address. */
	assert_int_equal(q_int("SELECT org_id FROM viewlog.audit WHERE action = 'person.view'"
			       " AND user_id = ?1 ORDER BY id DESC LIMIT 1",
			       i64s(u->id), NULL),
			 u->org);
	char addr[64];
	assert_true(
	    db_text(&srv, addr, sizeof(addr),
		    "SELECT addr FROM viewlog.audit WHERE action = 'person.view' AND user_id = ?1"
		    " ORDER BY id DESC LIMIT 1",
		    i64s(u->id), (const char *)NULL));
	assert_string_equal(addr, "127.0.0.1");
	/* The supervisor's disclosure log of the person lists the lawyer's views. */
	r = http_get(users[SUPERVISOR].web, "/persons/%lld/disclosures", (long long)t->id);
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "<td>lawyer</td>"));
}

/* The edit form shows the whole record, as the person's page does: it is a view too. */
static void test_the_edit_form_is_an_audited_view(void **state)
{
	(void)state;
	struct user *u = &users[LAWYER];
	struct target *t = &targets[OWN];
	views_settle();
	int64_t v0 = views(u, t);
	struct resp *r = http_get(u->web, "/persons/%lld/edit", (long long)t->id);
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, t->doc));
	assert_int_equal(views_settled(u, t, v0 + 1), v0 + 1);
}

int main(int argc, char **argv)
{
	harness_init(argc, argv);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_route_mirror_is_in_step_with_routes_c),
		cmocka_unit_test(test_demo_fixtures_are_what_the_matrix_assumes),
		cmocka_unit_test(test_matrix_every_route_every_role),
		cmocka_unit_test(test_analyst_gets_404_on_every_person_route),
		cmocka_unit_test(test_a_group_names_a_protected_member_only_to_those_who_see_them),
		cmocka_unit_test(test_a_group_answers_for_its_own_records_only),
		cmocka_unit_test(
		    test_events_and_programmes_name_a_protected_person_only_to_those_who_see_them),
		cmocka_unit_test(
		    test_campaigns_events_and_programmes_answer_for_their_own_records_only),
		cmocka_unit_test(test_public_work_answers_for_its_own_records_only),
		cmocka_unit_test(test_lists_searches_and_counts_hide_what_a_role_may_not_see),
		cmocka_unit_test(test_family_of_needs_a_person_the_user_sees),
		cmocka_unit_test(test_admin_pages_are_for_admins_only),
		cmocka_unit_test(
		    test_only_a_supervisor_assigns_and_assignment_opens_a_restricted_record),
		cmocka_unit_test(test_every_view_of_a_person_is_audited),
		cmocka_unit_test(test_the_edit_form_is_an_audited_view),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
