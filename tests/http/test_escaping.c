/* test_escaping.c: script injection, stored and reflected, everywhere a user's text comes
 * back.
 *
 * Stored: every text field of the person form, and a user's full name, set to hostile text
 * through the forms; every page that shows them must show text, never markup (a field that
 * refuses the text must re-show the form with it escaped). Reflected: every GET page of the
 * route mirror (tests/http/harness.c) is asked with hostile text in every query parameter
 * any page reads and in the path; no answer may carry it as markup. A new page joins by
 * being in the mirror; a new query parameter joins `params` below; a new text field joins
 * `fields`, or the test_stored_in_... of its records. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "harness.h"

#include "base/banned.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static struct server srv;
static struct client *web;   /* worker */
static struct client *admin; /* admin */
static struct client *sup;   /* supervisor: sees restricted people */

/* Hostile text: each piece breaks out of a different context (element, attribute in
 * either quotes, textarea and title, URL). */
static const char evil[] = "<script>alert('k1')</script>\"><svg onload=alert('k2')>"
			   "'><img src=x onerror=alert('k3')></textarea></title>&amp;";
/* What must never appear in an answer: the markup of the pieces above. */
static const char *const raw[] = { "<script>alert(", "<svg onload", "<img src=x",
				   "</textarea></title>" };

static void assert_escaped(const struct resp *r, const char *what)
{
	for (size_t i = 0; i < COUNT(raw); i++)
		if (resp_has(r, raw[i]))
			fail_msg("%s (%ld) shows hostile input as markup: %s", what, r->status,
				 raw[i]);
}

/* The text fields of the person form (each is set to `evil` in turn). */
static const char *const fields[] = {
	"family_name", "given_name", "patronymic",          "name_original",
	"locality",    "phone",      "documents[0].number", "protection_reason",
};

/* Every query parameter a page reads. */
static const char *const params[] = { "q",
				      "category",
				      "region",
				      "sex",
				      "age_min",
				      "age_max",
				      "page",
				      "household_id",
				      "limit",
				      "offset",
				      "family_of",
				      "action",
				      "login",
				      "from",
				      "to",
				      "person",
				      "scope",
				      "status",
				      "mine",
				      "open",
				      "closure_pending",
				      "person_id",
				      "box",
				      "kind",
				      "service_kind",
				      "direction",
				      "include_inactive",
				      "year",
				      "family_size",
				      "on",
				      "measure",
				      "rows",
				      "cols",
				      "month",
				      "programme",
				      "arrival_year",
				      "format" };

struct kv {
	const char *k, *v;
};

static const struct kv base_person[] = {
	{ "family_name", "Escape" },
	{ "given_name", "Test" },
	{ "sex", "female" },
	{ "birth_date", "1990" },
	{ "categories", "trafficking_victim" },
	{ "documents[0].type", "passport" },
	{ "documents[0].number", "N1234567" },
};

static int group_setup(void **state)
{
	(void)state;
	if (server_new(&srv, true) || server_start(&srv))
		goto fail;
	web = client_new(&srv);
	admin = client_new(&srv);
	sup = client_new(&srv);
	if (web_login(web, "worker", DEMO_PASSWORD) != 303 ||
	    web_login(admin, "admin", DEMO_PASSWORD) != 303 ||
	    web_login(sup, "supervisor", DEMO_PASSWORD) != 303)
		goto fail;
	return 0;
fail:
	server_free(&srv);
	return -1;
}

static int group_teardown(void **state)
{
	(void)state;
	client_free(web);
	client_free(admin);
	client_free(sup);
	server_free(&srv);
	return 0;
}

/* POSTs the person form with field set to value (and the rest from base_person). The same
 * person registered again first comes back with the likely matches (escaped, like everything
 * in them), and is then registered as a new person. */
static struct resp *post_person(const char *field, const char *value)
{
	struct resp *r = NULL;
	for (int confirm = 0; confirm < 2; confirm++) {
		struct sbuf b = { 0 };
		sb_form(&b, "_csrf", web->csrf);
		for (size_t i = 0; i < COUNT(base_person); i++)
			if (strcmp(base_person[i].k, field) != 0)
				sb_form(&b, base_person[i].k, base_person[i].v);
		sb_form(&b, field, value);
		if (confirm)
			sb_form(&b, "confirm_new", "1");
		r = http_post_form(web, "/persons", sb_str(&b));
		sb_free(&b);
		if (r->status != 409)
			break;
		assert_escaped(r, "POST /persons: the likely matches");
	}
	return r;
}

static void test_stored_in_every_person_field(void **state)
{
	(void)state;
	size_t stored = 0;
	for (size_t f = 0; f < COUNT(fields); f++) {
		struct resp *r = post_person(fields[f], evil);
		char what[160];
		snprintf(what, sizeof(what), "POST /persons with %s", fields[f]);
		if (r->status == 422 || r->status == 400) {
			/* Refused: the form comes back with the input, escaped. */
			assert_escaped(r, what);
			continue;
		}
		EXPECT_STATUS(r, 303);
		const char *loc = resp_header(r, "Location");
		assert_non_null(loc);
		long long id = strtoll(loc + strlen("/persons/"), NULL, 10);
		assert_true(id > 0);
		stored++;
		static const char *const pages[] = { "", "/edit", "/history", "/disclosures" };
		for (size_t p = 0; p < COUNT(pages); p++) {
			struct client *c = p == 3 ? sup : web;
			r = http_get(c, "/persons/%lld%s", id, pages[p]);
			snprintf(what, sizeof(what), "GET /persons/%lld%s (%s)", id, pages[p],
				 fields[f]);
			if (r->status != 200)
				fail_msg("%s: %ld", what, r->status);
			assert_escaped(r, what);
		}
		r = http_get(web, "/persons?q=Escape");
		EXPECT_STATUS(r, 200);
		assert_escaped(r, "GET /persons?q=Escape");
	}
	/* Names, places, phones and document numbers refuse markup characters (and the form
	 * came back escaped); the name in the person's own script and the reason take any
	 * text, and were shown escaped. */
	assert_true(stored >= 2);

	/* The duplicates' pages show the records side by side, the original script too. */
	struct sbuf b = { 0 };
	sb_form(&b, "_csrf", sup->csrf);
	EXPECT_STATUS(http_post_form(sup, "/duplicates/scan", sb_str(&b)), 303);
	sb_free(&b);
	struct resp *r = http_get(web, "/duplicates");
	EXPECT_STATUS(r, 200);
	assert_escaped(r, "GET /duplicates");
	int64_t pair = db_int(&srv,
			      "SELECT MIN(d.id) FROM duplicate_pairs d JOIN persons p ON p.id ="
			      " d.first_id OR p.id = d.second_id WHERE p.name_original LIKE ?1",
			      "%<script>%", (const char *)NULL);
	assert_true(pair > 0);
	r = http_get(web, "/duplicates/%lld", (long long)pair);
	EXPECT_STATUS(r, 200);
	assert_escaped(r, "GET /duplicates/{id}");
	assert_true(resp_has(r, "&lt;script&gt;"));
}

/* An import shows its file's name, its header's cells and what the check found: hostile text
 * in each. The file name comes in a multipart part, the cells in the file. */
static void test_stored_in_an_import(void **state)
{
	(void)state;
	char csv[1200], name[512], quoted[512];
	/* The hostile text as a quoted CSV cell (its quotes doubled). */
	size_t n = 0;
	quoted[n++] = '"';
	for (const char *p = evil; *p && n + 3 < sizeof(quoted); p++) {
		if (*p == '"')
			quoted[n++] = '"';
		quoted[n++] = *p;
	}
	quoted[n++] = '"';
	quoted[n] = '\0';
	snprintf(csv, sizeof(csv), "family_name,%s\nИмпортов,%s\n", quoted, quoted);
	/* A file name cannot hold a double quote in a multipart header: the rest of it. */
	snprintf(name, sizeof(name), "%s.csv", "<script>alert('k1')</script><svg onload=x>");
	const char *form[] = { "_csrf", web->csrf, NULL };
	struct resp *r = http_post_file(web, "/imports", form, name, csv, strlen(csv));
	EXPECT_STATUS(r, 303);
	int64_t id = db_int(&srv, "SELECT MAX(id) FROM imports", (const char *)NULL);
	r = http_get(web, "/imports/%lld", (long long)id);
	EXPECT_STATUS(r, 200);
	assert_escaped(r, "GET /imports/{id}");
	assert_true(resp_has(r, "&lt;script&gt;"));
	r = http_get(web, "/imports");
	EXPECT_STATUS(r, 200);
	assert_escaped(r, "GET /imports");
	/* A file that cannot be read names the row, in the page that refuses it. */
	r = http_post_file(web, "/imports", form, name, "\"", 1);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /imports (refused)");
}

static void test_stored_in_a_user_name(void **state)
{
	(void)state;
	struct sbuf b = { 0 };
	sb_form(&b, "_csrf", admin->csrf);
	sb_form(&b, "login", "evil-name");
	/* At most 100 characters: the first two pieces. */
	sb_form(&b, "full_name", "<script>alert('k1')</script>\"><svg onload=alert('k2')>");
	sb_form(&b, "role", "social_worker");
	sb_form(&b, "password", "a long enough password 2026");
	struct resp *r = http_post_form(admin, "/users", sb_str(&b));
	sb_free(&b);
	assert_escaped(r, "POST /users");
	if (r->status != 303)
		fail_msg("POST /users: %ld", r->status);
	r = http_get(admin, "/users");
	EXPECT_STATUS(r, 200);
	assert_escaped(r, "GET /users");
	int64_t id =
	    db_int(&srv, "SELECT id FROM users WHERE login = 'evil-name'", (const char *)NULL);
	r = http_get(admin, "/users/%lld", (long long)id);
	EXPECT_STATUS(r, 200);
	assert_escaped(r, "GET /users/{id}");
	r = http_get(admin, "/audit");
	EXPECT_STATUS(r, 200);
	assert_escaped(r, "GET /audit");
}

/* The text fields of a case: the opening reason (opening form and status form), the closure's
 * outcome and a note, each set to hostile text through the web forms, and every page that
 * shows them. */
static void test_stored_in_every_case_field(void **state)
{
	(void)state;
	int64_t person = db_int(&srv,
				"SELECT MIN(p.id) FROM persons p, users u WHERE u.login = 'worker'"
				" AND p.org_id = u.org_id AND p.restricted = 0",
				(const char *)NULL);
	struct sbuf b = { 0 };
	sb_form(&b, "_csrf", web->csrf);
	sb_form(&b, "person_id", i64s(person));
	sb_form(&b, "opened_on", "2026-01-01");
	sb_form(&b, "opening_reason", evil);
	struct resp *r = http_post_form(web, "/cases", sb_str(&b));
	sb_free(&b);
	assert_escaped(r, "POST /cases");
	EXPECT_STATUS(r, 303);
	char page[64], notes[80];
	snprintf(page, sizeof(page), "%s", resp_header(r, "Location"));
	snprintf(notes, sizeof(notes), "%s/notes", page);
	/* A note, accepted; and one refused (a bad date) that shows the form again. */
	for (int bad = 0; bad < 2; bad++) {
		sb_form(&b, "_csrf", web->csrf);
		sb_form(&b, "text", evil);
		sb_form(&b, "noted_on", bad ? evil : "2026-01-02");
		r = http_post_form(web, notes, sb_str(&b));
		sb_free(&b);
		assert_escaped(r, "POST /cases/{id}/notes");
		EXPECT_STATUS(r, bad ? 422 : 303);
	}
	/* A closure asked for with hostile outcome; and a refused one with hostile reason. */
	for (int bad = 0; bad < 2; bad++) {
		sb_form(&b, "_csrf", web->csrf);
		sb_form(&b, "version", "1");
		sb_form(&b, "status", "closed");
		sb_form(&b, "opening_reason", evil);
		sb_form(&b, "closing_reason", bad ? evil : "goals_achieved");
		sb_form(&b, "outcome", evil);
		r = http_post_form(web, page, sb_str(&b));
		sb_free(&b);
		assert_escaped(r, "POST /cases/{id}");
		EXPECT_STATUS(r, bad ? 422 : 303); /* validated before the version */
	}
	const char *shown[] = { page, "/cases", "/cases?scope=all" };
	struct client *clients[] = { web, sup };
	for (size_t c = 0; c < COUNT(clients); c++)
		for (size_t i = 0; i < COUNT(shown); i++) {
			r = http_get(clients[c], "%s", shown[i]);
			EXPECT_STATUS(r, 200);
			assert_escaped(r, shown[i]);
		}
	r = http_get(web, "%s", page);
	assert_true(resp_has(r, "&lt;script&gt;alert(&#39;k1&#39;)"));
	r = http_get(web, "/api/v1/cases%s", page + strlen("/cases"));
	assert_false(resp_has(r, "<script>alert(") && !resp_has(r, "\"<script>"));
}

/* Posts a form of name/value pairs (NULL-ended) as c; the response. */
static struct resp *post_form(struct client *c, const char *path, const char *const *kv)
{
	struct sbuf b = { 0 };
	sb_form(&b, "_csrf", c->csrf);
	for (size_t i = 0; kv[i]; i += 2)
		sb_form(&b, kv[i], kv[i + 1]);
	struct resp *r = http_post_form(c, path, sb_str(&b));
	sb_free(&b);
	return r;
}

/* The directory's text fields, and a referral's message, reason and outcome, with the name
 * it shares, on both sides of the referral. */
static void test_stored_in_partners_and_referrals(void **state)
{
	(void)state;
	static const char *const text_fields[] = { "name", "description", "address",
						   "contact_person" };
	static const char *const refused[] = { "phone", "email", "website" };
	char page[64];
	for (size_t i = 0; i < COUNT(text_fields); i++) {
		const char *kv[] = {
			"kind", "ngo", "name", "Escape NGO", text_fields[i], evil, NULL
		};
		struct resp *r = post_form(admin, "/partners", kv);
		assert_escaped(r, "POST /partners");
		EXPECT_STATUS(r, 303);
		snprintf(page, sizeof(page), "%s", resp_header(r, "Location"));
		r = http_get(admin, "%s", page);
		EXPECT_STATUS(r, 200);
		assert_escaped(r, "GET /partners/{id}");
	}
	for (size_t i = 0; i < COUNT(refused); i++) {
		const char *kv[] = { "kind", "ngo", "name", evil, refused[i], evil, NULL };
		struct resp *r = post_form(admin, "/partners", kv);
		EXPECT_STATUS(r, 422);
		assert_escaped(r, "POST /partners (refused)");
	}
	struct resp *r = http_get(web, "/partners");
	EXPECT_STATUS(r, 200);
	assert_escaped(r, "GET /partners");

	/* A person whose name is hostile, referred with a hostile message: to a partner outside
	 * this Komek (answered by the team) and to organisation 2 (read there). */
	const char *pkv[] = { "family_name", "<script>alert('k1')</script>",
			      "given_name",  evil,
			      "sex",         "female",
			      "birth_date",  "1990",
			      "confirm_new", "1",
			      NULL };
	r = post_form(web, "/persons", pkv);
	if (r->status == 422) /* a name refused: the hostile one only in the family name */
		r = post_form(web, "/persons",
			      (const char *[]){ "family_name", "<script>alert('k1')</script>",
						"given_name", "Test", "sex", "female", "birth_date",
						"1990", "confirm_new", "1", NULL });
	EXPECT_STATUS(r, 303);
	char person[64];
	snprintf(person, sizeof(person), "%s", resp_header(r, "Location"));
	char today[11], consents[80];
	today_iso(today);
	snprintf(consents, sizeof(consents), "%s/consents", person);
	const char *ckv[] = { "purpose", "referral_sharing", "given_on", today, NULL };
	EXPECT_STATUS(post_form(web, consents, ckv), 303);
	const char *okv[] = {
		"person_id", strrchr(person, '/') + 1, "opening_reason", "x", "opened_on", today,
		NULL
	};
	r = post_form(web, "/cases", okv);
	EXPECT_STATUS(r, 303);
	char kase[64], refer[80];
	snprintf(kase, sizeof(kase), "%s", resp_header(r, "Location"));
	snprintf(refer, sizeof(refer), "%s/referrals", kase);
	char outside[32], ngo[32];
	snprintf(outside, sizeof(outside), "%lld",
		 (long long)db_int(&srv, "SELECT MIN(id) FROM partners WHERE org_id IS NULL",
				   (const char *)NULL));
	snprintf(ngo, sizeof(ngo), "%lld",
		 (long long)db_int(&srv,
				   "SELECT p.id FROM partners p JOIN users u ON u.org_id ="
				   " p.org_id WHERE u.login = 'ngo-worker'",
				   (const char *)NULL));
	const char *bad[] = { "partner_id", outside,      "service_kind", "care", "message",
			      evil,         "expires_on", evil,           NULL };
	r = post_form(web, refer, bad);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /cases/{id}/referrals (refused)");
	const char *good[] = {
		"partner_id", outside, "service_kind", "care", "message", evil, NULL
	};
	EXPECT_STATUS(post_form(web, refer, good), 303);
	int64_t ref = db_int(&srv, "SELECT MAX(id) FROM referrals", (const char *)NULL);
	char rpage[64];
	snprintf(rpage, sizeof(rpage), "/referrals/%lld", (long long)ref);
	const char *refuse[] = { "version", "1", "status", evil, "reason", evil, NULL };
	r = post_form(web, rpage, refuse);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /referrals/{id} (refused)");
	const char *decline[] = { "version", "1", "status", "declined", "reason", evil, NULL };
	EXPECT_STATUS(post_form(web, rpage, decline), 303);
	const char *to_ngo[] = { "partner_id", ngo, "service_kind", "care", "message", evil, NULL };
	EXPECT_STATUS(post_form(web, refer, to_ngo), 303);
	int64_t ref2 = db_int(&srv, "SELECT MAX(id) FROM referrals", (const char *)NULL);
	const char *shown[] = { kase, rpage, "/referrals?box=sent", "/cases" };
	for (size_t i = 0; i < COUNT(shown); i++) {
		r = http_get(web, "%s", shown[i]);
		EXPECT_STATUS(r, 200);
		assert_escaped(r, shown[i]);
	}
	struct client *nweb = client_new(&srv);
	assert_int_equal(web_login(nweb, "ngo-worker", DEMO_PASSWORD), 303);
	snprintf(rpage, sizeof(rpage), "/referrals/%lld", (long long)ref2);
	const char *theirs[] = { rpage, "/referrals", "/cases" };
	for (size_t i = 0; i < COUNT(theirs); i++) {
		r = http_get(nweb, "%s", theirs[i]);
		EXPECT_STATUS(r, 200);
		assert_escaped(r, theirs[i]);
	}
	r = http_get(nweb, "%s", rpage);
	assert_true(resp_has(r, "&lt;script&gt;alert(&#39;k1&#39;)"));
	client_free(nweb);
}

/* pattern with every {id} or {name} replaced by text. */
static void fill_pattern(char *out, size_t cap, const char *pattern, const char *text)
{
	size_t n = 0;
	for (const char *p = pattern; *p && n + 1 < cap;) {
		if (*p == '{') {
			const char *end = strchr(p, '}');
			n += (size_t)snprintf(out + n, cap - n, "%s", text);
			p = end ? end + 1 : p + strlen(p);
		} else {
			out[n++] = *p++;
		}
	}
	out[n < cap ? n : cap - 1] = '\0';
}

/* A centre's name and address, a room's name and note, a stay's and a waiting place's notes:
 * on the centre's page, its presence list, the list of centres, the person's page, and
 * refused forms (a person's hostile names are test_stored_in_every_person_field's). */
static void test_stored_in_centres(void **state)
{
	(void)state;
	const char *centre[] = {
		"kind", "temporary_accommodation", "name", evil, "address", evil, "active", "1",
		NULL
	};
	struct resp *r = post_form(sup, "/centres", centre);
	assert_escaped(r, "POST /centres");
	EXPECT_STATUS(r, 303);
	char page[96], path[128];
	snprintf(page, sizeof(page), "%.*s", (int)strcspn(resp_header(r, "Location"), "#"),
		 resp_header(r, "Location"));
	const char *refused[] = { "kind", "temporary_accommodation", "name", evil, "phone", evil,
				  NULL };
	r = post_form(sup, "/centres", refused);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /centres (refused)");
	const char *room[] = { "name", evil, "beds", "2", "note", evil, NULL };
	snprintf(path, sizeof(path), "%s/rooms", page);
	EXPECT_STATUS(post_form(sup, path, room), 303);
	const char *bad_room[] = { "name", evil, "beds", evil, "note", evil, NULL };
	r = post_form(sup, path, bad_room);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /centres/{id}/rooms (refused)");
	/* A person on a bed with a hostile note, and another on the list. */
	r = post_person("locality", "Алматы");
	EXPECT_STATUS(r, 303);
	char loc[64], person[64];
	snprintf(loc, sizeof(loc), "%s", resp_header(r, "Location"));
	snprintf(person, sizeof(person), "%s", loc + strlen("/persons/"));
	int64_t bed = db_int(&srv,
			     "SELECT MIN(b.id) FROM beds b JOIN centres c ON c.id = b.centre_id"
			     " WHERE c.address = ?1",
			     evil, (const char *)NULL);
	char bed_s[32];
	snprintf(bed_s, sizeof(bed_s), "%lld", (long long)bed);
	snprintf(path, sizeof(path), "%s/placements", page);
	const char *bad_stay[] = { "person_id",   person, "bed_id", bed_s, "check_in", evil,
				   "planned_out", evil,   "note",   evil,  NULL };
	r = post_form(web, path, bad_stay);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /centres/{id}/placements (refused)");
	const char *stay[] = { "person_id", person, "bed_id", bed_s, "note", evil, NULL };
	EXPECT_STATUS(post_form(web, path, stay), 303);
	r = post_person("locality", "Астана");
	EXPECT_STATUS(r, 303);
	snprintf(person, sizeof(person), "%s", resp_header(r, "Location") + strlen("/persons/"));
	snprintf(path, sizeof(path), "%s/waiting", page);
	const char *wait[] = { "person_id", person, "note", evil, NULL };
	EXPECT_STATUS(post_form(web, path, wait), 303);
	const char *bad_wait[] = { "person_id", evil, "since", evil, "note", evil, NULL };
	r = post_form(web, path, bad_wait);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /centres/{id}/waiting (refused)");
	snprintf(path, sizeof(path), "%s/checkout", page);
	const char *bad_out[] = { "placement", evil, "date", evil, NULL };
	r = post_form(web, path, bad_out);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /centres/{id}/checkout (refused)");
	const char *pages[] = { page, "/centres", NULL };
	for (size_t i = 0; pages[i]; i++) {
		r = http_get(web, "%s", pages[i]);
		EXPECT_STATUS(r, 200);
		assert_escaped(r, pages[i]);
	}
	r = http_get(web, "%s/presence", page);
	EXPECT_STATUS(r, 200);
	assert_escaped(r, "GET /centres/{id}/presence");
	r = http_get(sup, "%s/edit", page);
	EXPECT_STATUS(r, 200);
	assert_escaped(r, "GET /centres/{id}/edit");
	r = http_get(web, "%s", loc);
	EXPECT_STATUS(r, 200);
	assert_escaped(r, "GET /persons/{id} (stays)");
}

/* A group's name, place, schedule and description, a membership's note, a session's topic
 * and note, a facilitator's name (test_stored_in_a_user_name's user) and a member whose
 * names are hostile (in the members' table, the attendance, and the labels of their
 * checkbox and leaving form): on the group's page, its form, a session's page and the form
 * of a new one, the list of groups, the person's page, refused forms, and the read-only
 * pages of the group once closed. */
static void test_stored_in_groups(void **state)
{
	(void)state;
	int64_t evil_user =
	    db_int(&srv, "SELECT id FROM users WHERE login = 'evil-name'", (const char *)NULL);
	char facilitator[32] = "";
	if (evil_user > 0)
		snprintf(facilitator, sizeof(facilitator), "%lld", (long long)evil_user);
	const char *group[] = {
		"kind",     "self_help", "name",        evil, "place",          evil,
		"schedule", evil,        "description", evil, "facilitator_id", facilitator,
		"active",   "1",         NULL
	};
	struct resp *r = post_form(web, "/groups", group);
	assert_escaped(r, "POST /groups");
	EXPECT_STATUS(r, 303);
	char page[96], path[192], spage[160];
	snprintf(page, sizeof(page), "%.*s", (int)strcspn(resp_header(r, "Location"), "#"),
		 resp_header(r, "Location"));
	const char *refused[] = { "kind",    evil, "form",        evil, "name",           evil,
				  "place",   evil, "schedule",    evil, "starts_on",      evil,
				  "ends_on", evil, "description", evil, "facilitator_id", evil,
				  NULL };
	r = post_form(web, "/groups", refused);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /groups (refused)");
	const char *bad_edit[] = { "version",  "1",        "kind", "self_help", "name",
				   evil,       "schedule", evil,   "ends_on",   evil,
				   "function", evil,       NULL };
	r = post_form(web, page, bad_edit);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /groups/{id} (refused)");
	/* A member whose names are hostile (each at most 100 characters: the pieces split). */
	const char *pkv[] = {
		"family_name", "<script>alert('k1')</script>\"><svg onload=alert('k2')>",
		"given_name",  "'><img src=x onerror=alert('k3')></textarea></title>&amp;",
		"sex",         "female",
		"birth_date",  "1990",
		"confirm_new", "1",
		NULL
	};
	r = post_form(web, "/persons", pkv);
	EXPECT_STATUS(r, 303);
	char loc[64], person[64];
	snprintf(loc, sizeof(loc), "%s", resp_header(r, "Location"));
	snprintf(person, sizeof(person), "%s", loc + strlen("/persons/"));
	snprintf(path, sizeof(path), "%s/members", page);
	const char *bad_member[] = { "person_id", evil, "joined_on", evil, "note", evil, NULL };
	r = post_form(web, path, bad_member);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /groups/{id}/members (refused)");
	const char *member[] = { "person_id", person, "note", evil, NULL };
	EXPECT_STATUS(post_form(web, path, member), 303);
	/* A refused leaving date: the page again, the date as sent in its field. */
	int64_t membership = db_int(&srv, "SELECT MAX(id) FROM group_members WHERE person_id = ?1",
				    person, (const char *)NULL);
	snprintf(path, sizeof(path), "%s/members/%lld/leave", page, (long long)membership);
	const char *bad_leave[] = { "date", evil, NULL };
	r = post_form(web, path, bad_leave);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /groups/{id}/members/{id}/leave (refused)");
	/* Sessions: refused, made, and a refused change. */
	snprintf(path, sizeof(path), "%s/sessions", page);
	const char *bad_session[] = { "held_on",      evil, "topic", evil,
				      "unregistered", evil, "note",  evil,
				      "present",      evil, NULL };
	r = post_form(web, path, bad_session);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /groups/{id}/sessions (refused)");
	const char *session[] = { "topic", evil,      "note", evil, "unregistered",
				  "3",     "present", person, NULL };
	r = post_form(web, path, session);
	EXPECT_STATUS(r, 303);
	snprintf(spage, sizeof(spage), "%s", resp_header(r, "Location"));
	const char *bad_change[] = { "held_on", evil, "topic", evil, "note", evil, NULL };
	r = post_form(web, spage, bad_change);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /groups/{id}/sessions/{id} (refused)");
	/* Every page that shows them, to the worker and the supervisor. */
	char edit[128], fresh[128];
	snprintf(edit, sizeof(edit), "%s/edit", page);
	snprintf(fresh, sizeof(fresh), "%s/sessions/new", page);
	const char *pages[] = { page, "/groups", spage, edit, fresh, loc };
	struct client *clients[] = { web, sup };
	for (size_t c = 0; c < COUNT(clients); c++)
		for (size_t i = 0; i < COUNT(pages); i++) {
			r = http_get(clients[c], "%s", pages[i]);
			EXPECT_STATUS(r, 200);
			assert_escaped(r, pages[i]);
		}
	for (size_t i = 0; i < 3; i++) { /* the group, the list, the session */
		r = http_get(web, "%s", pages[i]);
		assert_true(resp_has(r, "&lt;script&gt;alert(&#39;k1&#39;)"));
	}
	r = http_get(web, "%s", loc);
	assert_true(resp_has(r, "&lt;script&gt;alert(&#39;k1&#39;)&lt;/script&gt;&quot;&gt;"));
	/* Closed, the group's pages show the session's topic and note as text, without
	 * forms. */
	const char *closing[] = { "version",     "1",     "kind", "self_help", "name",
				  evil,          "place", evil,   "schedule",  evil,
				  "description", evil,    NULL };
	r = post_form(web, page, closing);
	EXPECT_STATUS(r, 303);
	const char *closed[] = { page, spage, "/groups", loc };
	for (size_t i = 0; i < COUNT(closed); i++) {
		r = http_get(web, "%s", closed[i]);
		EXPECT_STATUS(r, 200);
		assert_escaped(r, closed[i]);
	}
}

/* A new person of the worker's organisation whose names are hostile (each at most 100
 * characters: the pieces split): their page into loc, their id into id. */
static void hostile_person(char *loc, size_t loc_cap, char *id, size_t id_cap)
{
	const char *pkv[] = {
		"family_name", "<script>alert('k1')</script>\"><svg onload=alert('k2')>",
		"given_name",  "'><img src=x onerror=alert('k3')></textarea></title>&amp;",
		"sex",         "female",
		"birth_date",  "1990",
		"confirm_new", "1",
		NULL
	};
	struct resp *r = post_form(web, "/persons", pkv);
	EXPECT_STATUS(r, 303);
	snprintf(loc, loc_cap, "%s", resp_header(r, "Location"));
	snprintf(id, id_cap, "%s", loc + strlen("/persons/"));
}

/* The path of the Location header of r, without its fragment, into out. */
static void location_of(const struct resp *r, char *out, size_t cap)
{
	const char *loc = resp_header(r, "Location");
	assert_non_null(loc);
	snprintf(out, cap, "%.*s", (int)strcspn(loc, "#?"), loc);
}

/* GETs every page as every client, each answering 200 with the hostile text escaped; and
 * checks that the first `shown` of them show it (as text). */
static void pages_escaped(struct client *const *clients, size_t nclients, const char *const *pages,
			  size_t npages, size_t shown)
{
	for (size_t c = 0; c < nclients; c++)
		for (size_t i = 0; i < npages; i++) {
			struct resp *r = http_get(clients[c], "%s", pages[i]);
			if (r->status != 200)
				fail_msg("GET %s: %ld", pages[i], r->status);
			assert_escaped(r, pages[i]);
			if (i < shown && !resp_has(r, "&lt;script&gt;alert(&#39;k1&#39;)"))
				fail_msg("GET %s does not show the hostile text", pages[i]);
		}
}

/* A campaign's name and purpose, a donation's donor, description and note (in money and in
 * kind), a spending's purpose and note: on the campaign's page, open and closed, its form, the
 * list of campaigns, and refused forms with every field hostile. */
static void test_stored_in_campaigns(void **state)
{
	(void)state;
	const char *campaign[] = { "name",     evil,  "purpose", evil, "goal", "1000",
				   "currency", "KZT", "active",  "1",  NULL };
	struct resp *r = post_form(sup, "/campaigns", campaign);
	assert_escaped(r, "POST /campaigns");
	EXPECT_STATUS(r, 303);
	char page[96], path[128], edit[128];
	location_of(r, page, sizeof(page));
	const char *refused[] = { "name",    evil,       "purpose", evil,        "goal",
				  evil,      "currency", evil,      "starts_on", evil,
				  "ends_on", evil,       "active",  evil,        NULL };
	r = post_form(sup, "/campaigns", refused);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /campaigns (refused)");
	const char *bad_edit[] = { "version", "1",  "name",     evil, "purpose", evil,
				   "goal",    evil, "currency", evil, NULL };
	r = post_form(sup, page, bad_edit);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /campaigns/{id} (refused)");
	snprintf(path, sizeof(path), "%s/donations", page);
	const char *money[] = { "donor_kind", "person", "donor",       evil,       "kind",
				"money",      "amount", "1000",        "currency", "KZT",
				"note",       evil,     "description", evil,       NULL };
	r = post_form(sup, path, money);
	assert_escaped(r, "POST /campaigns/{id}/donations");
	EXPECT_STATUS(r, 303);
	const char *in_kind[] = { "donor_kind",  "organisation", "donor", evil, "kind", "in_kind",
				  "description", evil,           "note",  evil, NULL };
	EXPECT_STATUS(post_form(sup, path, in_kind), 303);
	const char *bad_donation[] = { "donor_kind",  evil, "donor",    evil, "kind",        evil,
				       "amount",      evil, "currency", evil, "received_on", evil,
				       "description", evil, "note",     evil, NULL };
	r = post_form(sup, path, bad_donation);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /campaigns/{id}/donations (refused)");
	snprintf(path, sizeof(path), "%s/spendings", page);
	const char *spending[] = { "amount", "10",   "currency", "KZT", "purpose",
				   evil,     "note", evil,       NULL };
	r = post_form(sup, path, spending);
	assert_escaped(r, "POST /campaigns/{id}/spendings");
	EXPECT_STATUS(r, 303);
	const char *bad_spending[] = { "amount", evil,      "currency", evil,       "spent_on",
				       evil,     "purpose", evil,       "services", evil,
				       "note",   evil,      NULL };
	r = post_form(sup, path, bad_spending);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /campaigns/{id}/spendings (refused)");
	/* Every page that shows them: the worker reads, the supervisor keeps the fund. */
	snprintf(edit, sizeof(edit), "%s/edit", page);
	const char *pages[] = { page, "/campaigns", edit };
	pages_escaped((struct client *[]){ web, sup }, 2, pages, 2, 2);
	pages_escaped((struct client *[]){ sup }, 1, pages + 2, 1, 0);
	/* Closed, without its donation form. */
	const char *closing[] = { "version", "1",        "name", evil, "purpose",
				  evil,      "currency", "KZT",  NULL };
	EXPECT_STATUS(post_form(sup, page, closing), 303);
	pages_escaped((struct client *[]){ web, sup }, 2, pages, 2, 2);
}

/* An event's title, place, organisers, partners, description and results, a publication's
 * title, and a participant whose names are hostile (in the participants' table and the label
 * of their removal form): on the event's page, its form, the list of events, the person's page
 * (their events), and refused forms with every field hostile. (A participant's role is one
 * of a list: sent hostile, it is refused.) */
static void test_stored_in_events(void **state)
{
	(void)state;
	char today[11];
	today_iso(today);
	const char *event[] = { "kind",        "round_table", "title",      evil, "held_on",  today,
				"place",       evil,          "organisers", evil, "partners", evil,
				"description", evil,          "results",    evil, "migrants", "3",
				"hosts",       "2",           NULL };
	struct resp *r = post_form(web, "/events", event);
	assert_escaped(r, "POST /events");
	EXPECT_STATUS(r, 303);
	char page[96], path[128], edit[128];
	location_of(r, page, sizeof(page));
	const char *publication[] = { "kind",        "publication", "title",  evil,
				      "held_on",     today,         "medium", "bulletin",
				      "circulation", "10",          NULL };
	EXPECT_STATUS(post_form(web, "/events", publication), 303);
	const char *refused[] = { "kind",     evil, "title",       evil, "held_on",     evil,
				  "ends_on",  evil, "place",       evil, "organisers",  evil,
				  "partners", evil, "form",        evil, "function",    evil,
				  "means",    evil, "migrants",    evil, "hosts",       evil,
				  "medium",   evil, "circulation", evil, "description", evil,
				  "results",  evil, NULL };
	r = post_form(web, "/events", refused);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /events (refused)");
	const char *bad_edit[] = { "version", "1",  "kind",  "round_table", "title", evil,
				   "held_on", evil, "place", evil,          NULL };
	r = post_form(web, page, bad_edit);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /events/{id} (refused)");
	char loc[64], person[64];
	hostile_person(loc, sizeof(loc), person, sizeof(person));
	snprintf(path, sizeof(path), "%s/participants", page);
	const char *bad_named[] = { "person_id", evil, "role", evil, NULL };
	r = post_form(web, path, bad_named);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /events/{id}/participants (refused)");
	const char *bad_role[] = { "person_id", person, "role", evil, NULL };
	r = post_form(web, path, bad_role);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /events/{id}/participants (a hostile role)");
	const char *named[] = { "person_id", person, "role", "speaker", NULL };
	EXPECT_STATUS(post_form(web, path, named), 303);
	snprintf(edit, sizeof(edit), "%s/edit", page);
	const char *pages[] = { page, "/events", "/events?kind=round_table", loc, edit };
	pages_escaped((struct client *[]){ web, sup }, 2, pages, 5, 4);
	r = http_get(web, "%s", page);
	assert_true(resp_has(r, "&lt;script&gt;alert(&#39;k1&#39;)&lt;/script&gt;&quot;&gt;"));
}

/* An organisation's programme's name and description, a quota's refused input, an
 * enrolment's note and a person whose names are hostile, support's note (through the API,
 * whose form has none): on the programme's page, its form, the list of programmes, the
 * enrolment's page, the person's page (their programmes), and refused forms with every field
 * hostile. */
static void test_stored_in_programmes(void **state)
{
	(void)state;
	const char *programme[] = { "name",        evil, "kind",      "social_support",
				    "description", evil, "has_quota", "1",
				    "active",      "1",  NULL };
	struct resp *r = post_form(admin, "/programmes", programme);
	assert_escaped(r, "POST /programmes");
	EXPECT_STATUS(r, 303);
	char page[96], path[160], edit[128], epage[128], year[8];
	location_of(r, page, sizeof(page));
	snprintf(year, sizeof(year), "%d", today_year());
	const char *refused[] = { "name",           evil, "kind",    evil, "description", evil,
				  "age_min",        evil, "age_max", evil, "categories",  evil,
				  "legal_statuses", evil, NULL };
	r = post_form(admin, "/programmes", refused);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /programmes (refused)");
	const char *bad_edit[] = { "version", "1",           "name", evil, "kind",
				   evil,      "description", evil,   NULL };
	r = post_form(admin, page, bad_edit);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /programmes/{id} (refused)");
	snprintf(path, sizeof(path), "%s/quotas", page);
	const char *bad_quota[] = { "region", evil, "year", evil, "quota", evil, NULL };
	r = post_form(admin, path, bad_quota);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /programmes/{id}/quotas (refused)");
	const char *quota[] = { "region", "KZ-75", "year", year, "quota", "5", NULL };
	EXPECT_STATUS(post_form(admin, path, quota), 303);
	char loc[64], person[64];
	hostile_person(loc, sizeof(loc), person, sizeof(person));
	snprintf(path, sizeof(path), "%s/enrolments", page);
	const char *bad_enrol[] = { "person_id", evil,   "family_size", evil,          "region",
				    evil,        "year", evil,          "enrolled_on", evil,
				    "note",      evil,   NULL };
	r = post_form(web, path, bad_enrol);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /programmes/{id}/enrolments (refused)");
	const char *enrol[] = { "person_id", person, "family_size", "1", "region",
				"KZ-75",     "note", evil,          NULL };
	r = post_form(web, path, enrol);
	assert_escaped(r, "POST /programmes/{id}/enrolments");
	EXPECT_STATUS(r, 303);
	int64_t enrolment = db_int(&srv, "SELECT MAX(id) FROM enrolments WHERE person_id = ?1",
				   person, (const char *)NULL);
	snprintf(epage, sizeof(epage), "%s/enrolments/%lld", page, (long long)enrolment);
	/* Support with a hostile note, through the API (the form has no note). */
	struct client *api = client_new(&srv);
	assert_int_equal(api_login(api, "worker", DEMO_PASSWORD), 201);
	json_t *body = json_pack("{s:s, s:I, s:s}", "kind", "other", "amount", (json_int_t)10000,
				 "note", evil);
	char *text = json_dumps(body, JSON_COMPACT);
	json_decref(body);
	snprintf(path, sizeof(path), "/api/v1%s/support", epage);
	EXPECT_STATUS(http_post_json(api, path, text), 201);
	free(text);
	client_free(api);
	snprintf(path, sizeof(path), "%s/support", epage);
	const char *bad_support[] = { "kind", evil, "amount", evil, "given_on", evil, NULL };
	r = post_form(web, path, bad_support);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /programmes/{id}/enrolments/{id}/support (refused)");
	snprintf(path, sizeof(path), "%s/withdraw", epage);
	const char *bad_withdraw[] = { "date", evil, NULL };
	r = post_form(web, path, bad_withdraw);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /programmes/{id}/enrolments/{id}/withdraw (refused)");
	snprintf(edit, sizeof(edit), "%s/edit", page);
	const char *pages[] = { page, "/programmes", epage, loc, edit };
	pages_escaped((struct client *[]){ web, admin }, 2, pages, 4, 4);
	pages_escaped((struct client *[]){ admin }, 1, pages + 4, 1, 1);
}

/* A screening's reason for the worker's finding, of a person whose names are hostile, and
 * refused forms with every field hostile: on the result page, the person's screenings, the
 * person's page and the forms. */
static void test_stored_in_screenings(void **state)
{
	(void)state;
	char loc[64], person[64], path[96], result[128], list[96], form[128];
	hostile_person(loc, sizeof(loc), person, sizeof(person));
	snprintf(path, sizeof(path), "%s/screenings", loc);
	const char *refused[] = { "instrument",
				  "ilo_forced_labour",
				  "lang",
				  evil,
				  "screened_on",
				  evil,
				  "indicator",
				  evil,
				  "finding",
				  evil,
				  "finding_reason",
				  evil,
				  NULL };
	struct resp *r = post_form(web, path, refused);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /persons/{id}/screenings (refused)");
	const char *scored[] = { "instrument", "phq9", "item-1", evil, "sdq_norm", evil, NULL };
	r = post_form(web, path, scored);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /persons/{id}/screenings (refused, scored)");
	const char *unknown[] = { "instrument", evil, NULL };
	r = post_form(web, path, unknown);
	assert_escaped(r, "POST /persons/{id}/screenings (unknown instrument)");
	const char *ok[] = {
		"instrument", "ilo_forced_labour", "lang",           "ru", "indicator", "isolation",
		"finding",    "unclear",           "finding_reason", evil, NULL
	};
	r = post_form(web, path, ok);
	EXPECT_STATUS(r, 303);
	location_of(r, result, sizeof(result));
	snprintf(list, sizeof(list), "%s/screenings", loc);
	snprintf(form, sizeof(form), "%s/screenings/new?instrument=sdq", loc);
	const char *pages[] = { result, list, loc, form };
	pages_escaped((struct client *[]){ web }, 1, pages, 4, 1);
}

/* Labour: an employer's text fields, a vacancy's, an employment's job, employer's name and
 * note, a skill's title and place, an alert's resolution, of a person whose names are hostile:
 * on the labour page, the employer's, the vacancy's (with the people it may suit), the
 * employment's, the person's page and vacancies, the alerts; refused forms with every field
 * hostile. */
static void test_stored_in_labour(void **state)
{
	(void)state;
	char loc[64], person[64], path[128], employer[96], vacancy[96], employment[96];
	hostile_person(loc, sizeof(loc), person, sizeof(person));
	const char *bad_employer[] = { "name",  evil,      "bin",  evil,      "region",
				       evil,    "address", evil,   "contact", evil,
				       "phone", evil,      "note", evil,      NULL };
	struct resp *r = post_form(web, "/employers", bad_employer);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /employers (refused)");
	const char *emp[] = { "name",    evil, "region", "KZ-75", "address", evil,
			      "contact", evil, "note",   evil,    NULL };
	r = post_form(web, "/employers", emp);
	EXPECT_STATUS(r, 303);
	location_of(r, employer, sizeof(employer));
	const char *emp_id = strrchr(employer, '/') + 1;
	const char *bad_vacancy[] = {
		"employer_id", evil, "title",          evil, "occupation", evil, "region", evil,
		"wage",        evil, "hours_per_week", evil, "languages",  evil, "places", evil,
		"opened_on",   evil, "closes_on",      evil, "note",       evil, NULL
	};
	r = post_form(web, "/vacancies", bad_vacancy);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /vacancies (refused)");
	const char *vac[] = { "employer_id", emp_id,   "title", evil,      "occupation",
			      "71",          "region", "KZ-75", "housing", "1",
			      "note",        evil,     NULL };
	r = post_form(web, "/vacancies", vac);
	EXPECT_STATUS(r, 303);
	location_of(r, vacancy, sizeof(vacancy));
	snprintf(path, sizeof(path), "%s/employments", loc);
	const char *bad_job[] = { "employer_id",
				  evil,
				  "employer_name",
				  evil,
				  "job_title",
				  evil,
				  "occupation",
				  evil,
				  "region",
				  evil,
				  "wage",
				  evil,
				  "hours_per_week",
				  evil,
				  "started_on",
				  evil,
				  "ended_on",
				  evil,
				  "contract",
				  evil,
				  "documents_held_by",
				  evil,
				  "note",
				  evil,
				  NULL };
	r = post_form(web, path, bad_job);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /persons/{id}/employments (refused)");
	const char *job[] = {
		"employer_name",     evil,       "job_title",  evil,         "wage",     "100",
		"hours_per_week",    "70",       "started_on", "2026-01-01", "contract", "none",
		"documents_held_by", "employer", "note",       evil,         NULL
	};
	r = post_form(web, path, job);
	EXPECT_STATUS(r, 303);
	location_of(r, employment, sizeof(employment));
	snprintf(path, sizeof(path), "%s/skills", loc);
	const char *bad_skill[] = { "kind",      evil,    "title",   evil,    "occupation",
				    evil,        "level", evil,      "place", evil,
				    "from_year", evil,    "to_year", evil,    NULL };
	r = post_form(web, path, bad_skill);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /persons/{id}/skills (refused)");
	const char *skill[] = { "kind", "work", "title", evil, "place", evil, NULL };
	EXPECT_STATUS(post_form(web, path, skill), 303);
	int64_t alert = db_int(&srv,
			       "SELECT MIN(a.id) FROM labour_alerts a JOIN employments e ON e.id ="
			       " a.employment_id WHERE e.person_id = ?1",
			       person, (const char *)NULL);
	snprintf(path, sizeof(path), "/labour/alerts/%lld/resolve", (long long)alert);
	const char *resolve[] = { "resolution", evil, NULL };
	EXPECT_STATUS(post_form(web, path, resolve), 303);
	char vacancies[96], employment_bad[128];
	snprintf(vacancies, sizeof(vacancies), "%s/vacancies", loc);
	snprintf(employment_bad, sizeof(employment_bad), "%s", employment);
	const char *pages[] = { employer, vacancy,  employment, "/labour", "/labour/alerts?open=0",
				loc,      vacancies };
	pages_escaped((struct client *[]){ web }, 1, pages, 7, 3);
}

/* Integration: a review's indicators, evidence and note of a person whose names are hostile,
 * and the refused form with every field hostile: on the person's page (the box) and the
 * form. */
static void test_stored_in_integration(void **state)
{
	(void)state;
	char loc[64], person[64], path[96], form[128];
	hostile_person(loc, sizeof(loc), person, sizeof(person));
	snprintf(path, sizeof(path), "%s/integration", loc);
	const char *refused[] = { "kind",
				  evil,
				  "reviewed_on",
				  evil,
				  "note",
				  evil,
				  "domains.work.status",
				  evil,
				  "domains.work.indicator",
				  evil,
				  "domains.work.evidence",
				  evil,
				  "domains.housing.indicator",
				  evil,
				  NULL };
	struct resp *r = post_form(web, path, refused);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /persons/{id}/integration (refused)");
	const char *ok[] = { "kind",
			     "intake",
			     "note",
			     evil,
			     "domains.work.status",
			     "stable",
			     "domains.work.indicator",
			     evil,
			     "domains.work.evidence",
			     evil,
			     NULL };
	EXPECT_STATUS(post_form(web, path, ok), 303);
	snprintf(form, sizeof(form), "%s/integration/new", loc);
	const char *pages[] = { loc, form, "/integration" };
	pages_escaped((struct client *[]){ web }, 1, pages, 3, 1);
}

/* Public work: a resettlers' organisation's name, initiative group, contact and note, a step's
 * note; a council's name and note, a meeting's place, agenda and minutes, a decision's text
 * (and its note, through the API: the form has none, and no page shows it); a proposal's
 * title, text, addressee and outcome, and the council's name where the proposal says at which
 * meeting it was put forward: on every page that shows them (the hub, the lists, the records,
 * their forms, the meeting's page), and refused forms with every field hostile. A text typed
 * in a textarea is shown line by line: there the hostile text comes twice, on two lines. */
static void test_stored_in_public_work(void **state)
{
	(void)state;
	char today[11], lines[2 * sizeof(evil) + 2];
	today_iso(today);
	snprintf(lines, sizeof(lines), "%s\r\n%s", evil, evil);
	/* A resettlers' organisation and its steps. */
	const char *rog[] = { "name",    evil,    "kind",       "public_association",
			      "region",  "KZ-75", "initiators", evil,
			      "contact", evil,    "note",       lines,
			      NULL };
	struct resp *r = post_form(web, "/resettler-orgs", rog);
	assert_escaped(r, "POST /resettler-orgs");
	EXPECT_STATUS(r, 303);
	char rpage[96], redit[128], path[192];
	location_of(r, rpage, sizeof(rpage));
	const char *bad_rog[] = { "name", evil,      "kind", evil,   "region", evil, "initiators",
				  evil,   "contact", evil,   "note", evil,     NULL };
	r = post_form(web, "/resettler-orgs", bad_rog);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /resettler-orgs (refused)");
	const char *bad_rog_edit[] = { "version", "1",      "name", evil,         "kind",
				       evil,      "region", evil,   "initiators", evil,
				       "contact", evil,     "note", evil,         NULL };
	r = post_form(web, rpage, bad_rog_edit);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /resettler-orgs/{id} (refused)");
	snprintf(path, sizeof(path), "%s/steps", rpage);
	const char *bad_step[] = { "step", evil, "done_on", evil, "note", evil, NULL };
	r = post_form(web, path, bad_step);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /resettler-orgs/{id}/steps (refused)");
	const char *step[] = { "step", "initiative_group", "done_on", today, "note", lines, NULL };
	r = post_form(web, path, step);
	assert_escaped(r, "POST /resettler-orgs/{id}/steps");
	EXPECT_STATUS(r, 303);
	snprintf(redit, sizeof(redit), "%s/edit", rpage);

	/* A council, a meeting, decisions. */
	const char *council[] = { "name", evil,  "kind", "public_council", "region", "KZ-75",
				  "note", lines, NULL };
	r = post_form(web, "/councils", council);
	assert_escaped(r, "POST /councils");
	EXPECT_STATUS(r, 303);
	char kpage[96], kedit[128], mpage[160];
	location_of(r, kpage, sizeof(kpage));
	const char *bad_council[] = {
		"name", evil, "kind", evil, "region", evil, "note", evil, NULL
	};
	r = post_form(web, "/councils", bad_council);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /councils (refused)");
	const char *bad_council_edit[] = { "version", "1",  "name", evil, "kind", evil,
					   "region",  evil, "note", evil, NULL };
	r = post_form(web, kpage, bad_council_edit);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /councils/{id} (refused)");
	snprintf(path, sizeof(path), "%s/meetings", kpage);
	const char *bad_meeting[] = { "held_on", evil,      "place", evil, "agenda",
				      evil,      "minutes", evil,    NULL };
	r = post_form(web, path, bad_meeting);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /councils/{id}/meetings (refused)");
	const char *meeting[] = { "held_on", today,     "place", evil, "agenda",
				  lines,     "minutes", lines,   NULL };
	r = post_form(web, path, meeting);
	assert_escaped(r, "POST /councils/{id}/meetings");
	EXPECT_STATUS(r, 303);
	location_of(r, mpage, sizeof(mpage));
	snprintf(path, sizeof(path), "%s/decisions", mpage);
	const char *bad_decision[] = { "text", evil, "status", evil, "due_on", evil, NULL };
	r = post_form(web, path, bad_decision);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /councils/{id}/meetings/{id}/decisions (refused)");
	const char *decision[] = { "text", lines, "status", "adopted", "due_on", today, NULL };
	r = post_form(web, path, decision);
	assert_escaped(r, "POST /councils/{id}/meetings/{id}/decisions");
	EXPECT_STATUS(r, 303);
	int64_t meeting_id = strtoll(strrchr(mpage, '/') + 1, NULL, 10);
	int64_t decision_id =
	    db_int(&srv, "SELECT MAX(id) FROM council_decisions WHERE meeting_id = ?1",
		   i64s(meeting_id), (const char *)NULL);
	snprintf(path, sizeof(path), "%s/decisions/%lld", mpage, (long long)decision_id);
	const char *bad_status[] = { "status", evil, NULL };
	r = post_form(web, path, bad_status);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /councils/{id}/meetings/{id}/decisions/{id} (refused)");
	/* A decision with a hostile note, through the API. */
	struct client *api = client_new(&srv);
	assert_int_equal(api_login(api, "worker", DEMO_PASSWORD), 201);
	json_t *body =
	    json_pack("{s:s, s:s, s:s}", "text", lines, "status", "in_progress", "note", lines);
	char *text = json_dumps(body, JSON_COMPACT);
	json_decref(body);
	snprintf(path, sizeof(path), "/api/v1%s/decisions", mpage);
	EXPECT_STATUS(http_post_json(api, path, text), 201);
	free(text);
	client_free(api);
	snprintf(kedit, sizeof(kedit), "%s/edit", kpage);

	/* A proposal put forward at that meeting, decided. */
	char meeting_text[24];
	snprintf(meeting_text, sizeof(meeting_text), "%lld", (long long)meeting_id);
	const char *proposal[] = { "title",
				   evil,
				   "text",
				   lines,
				   "addressee",
				   evil,
				   "status",
				   "partly_accepted",
				   "submitted_on",
				   today,
				   "meeting_id",
				   meeting_text,
				   "outcome",
				   lines,
				   "outcome_on",
				   today,
				   NULL };
	r = post_form(web, "/proposals", proposal);
	assert_escaped(r, "POST /proposals");
	EXPECT_STATUS(r, 303);
	char ppage[96], pedit[128];
	location_of(r, ppage, sizeof(ppage));
	const char *bad_proposal[] = { "title",   evil, "text",         evil, "addressee",  evil,
				       "status",  evil, "submitted_on", evil, "meeting_id", evil,
				       "outcome", evil, "outcome_on",   evil, NULL };
	r = post_form(web, "/proposals", bad_proposal);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /proposals (refused)");
	const char *bad_proposal_edit[] = { "version", "1",        "title",        evil,
					    "text",    evil,       "addressee",    evil,
					    "status",  "accepted", "submitted_on", evil,
					    "outcome", evil,       "meeting_id",   evil,
					    NULL };
	r = post_form(web, ppage, bad_proposal_edit);
	EXPECT_STATUS(r, 422);
	assert_escaped(r, "POST /proposals/{id} (refused)");
	snprintf(pedit, sizeof(pedit), "%s/edit", ppage);

	/* Every page that shows them, to the worker and the supervisor; the first of each show
	 * the hostile text (as text). */
	const char *shown[] = { rpage, "/resettler-orgs", redit, kpage,   "/councils", kedit, mpage,
				ppage, "/proposals",      pedit, "/civic" };
	pages_escaped((struct client *[]){ web, sup }, 2, shown, COUNT(shown), COUNT(shown) - 1);
	/* The proposal's page names the council of the meeting it came from. */
	r = http_get(web, "%s", ppage);
	char link[192];
	snprintf(link, sizeof(link), "href=\"%s\"", mpage);
	assert_true(resp_has(r, link));
}

/* pattern with its first {id} replaced by first and any later one by second. */
static void fill_ids(char *out, size_t cap, const char *pattern, const char *first,
		     const char *second)
{
	size_t n = 0;
	bool later = false;
	for (const char *p = pattern; *p && n + 1 < cap;) {
		if (*p == '{') {
			const char *end = strchr(p, '}');
			n += (size_t)snprintf(out + n, cap - n, "%s", later ? second : first);
			later = true;
			p = end ? end + 1 : p + strlen(p);
		} else {
			out[n++] = *p++;
		}
	}
	out[n < cap ? n : cap - 1] = '\0';
}

static void test_reflected_in_every_page_parameter_and_path(void **state)
{
	(void)state;
	struct sbuf q = { 0 };
	for (size_t i = 0; i < COUNT(params); i++)
		sb_form(&q, params[i], evil);
	/* The hostile text as a path segment, percent-encoded as a browser sends it. */
	struct sbuf seg = { 0 };
	sb_form(&seg, "x", evil);
	const char *enc = sb_str(&seg) + 2;
	int64_t id = db_int(&srv,
			    "SELECT MIN(p.id) FROM persons p, users u WHERE u.login = 'worker'"
			    " AND p.org_id = u.org_id AND p.restricted = 0",
			    (const char *)NULL);
	char id_text[32];
	snprintf(id_text, sizeof(id_text), "%lld", (long long)id);
	/* A group's pages get an open group of the worker's organisation and a session of it,
	 * so that they answer with the page and not a 404. */
	char group_text[32], session_text[32];
	snprintf(group_text, sizeof(group_text), "%lld",
		 (long long)db_int(&srv,
				   "SELECT MIN(g.id) FROM work_groups g, users u WHERE u.login ="
				   " 'worker' AND g.org_id = u.org_id AND g.active = 1 AND EXISTS"
				   " (SELECT 1 FROM group_sessions s WHERE s.group_id = g.id)",
				   (const char *)NULL));
	snprintf(session_text, sizeof(session_text), "%lld",
		 (long long)db_int(&srv, "SELECT MIN(id) FROM group_sessions WHERE group_id = ?1",
				   group_text, (const char *)NULL));
	/* A campaign's, an event's and a programme's pages get one of the worker's organisation:
	 * the demo's campaign and round table, and a programme of its own (with the support a
	 * family is entitled to, whose calculator reads family_size and on) with an enrolment of
	 * the person above. */
	char campaign_text[32], event_text[32], programme_text[32], enrolment_text[32];
	snprintf(campaign_text, sizeof(campaign_text), "%lld",
		 (long long)db_int(&srv,
				   "SELECT MIN(k.id) FROM campaigns k, users u WHERE u.login ="
				   " 'worker' AND k.org_id = u.org_id",
				   (const char *)NULL));
	snprintf(event_text, sizeof(event_text), "%lld",
		 (long long)db_int(&srv,
				   "SELECT MIN(e.id) FROM events e, users u WHERE u.login ="
				   " 'worker' AND e.org_id = u.org_id",
				   (const char *)NULL));
	const char *programme[] = { "name",        "Reflected programme",
				    "kind",        "social_support",
				    "mrp_support", "1",
				    "active",      "1",
				    NULL };
	struct resp *made = post_form(admin, "/programmes", programme);
	EXPECT_STATUS(made, 303);
	snprintf(programme_text, sizeof(programme_text), "%s",
		 resp_header(made, "Location") + strlen("/programmes/"));
	char enrol_path[64];
	snprintf(enrol_path, sizeof(enrol_path), "/programmes/%s/enrolments", programme_text);
	const char *enrol[] = { "person_id", id_text, "family_size", "2", NULL };
	EXPECT_STATUS(post_form(web, enrol_path, enrol), 303);
	snprintf(enrolment_text, sizeof(enrolment_text), "%lld",
		 (long long)db_int(&srv,
				   "SELECT MAX(id) FROM enrolments WHERE programme_id = ?1 AND"
				   " person_id = ?2",
				   programme_text, id_text, (const char *)NULL));
	/* Public work's pages get the demo's records of the worker's organisation: its
	 * resettlers' organisation, its council and the council's meeting, its proposal. */
	char rog_text[32], council_text[32], meeting_text[32], proposal_text[32];
	snprintf(rog_text, sizeof(rog_text), "%lld",
		 (long long)db_int(&srv,
				   "SELECT MIN(o.id) FROM resettler_orgs o, users u WHERE u.login ="
				   " 'worker' AND o.org_id = u.org_id",
				   (const char *)NULL));
	snprintf(council_text, sizeof(council_text), "%lld",
		 (long long)db_int(&srv,
				   "SELECT MIN(k.id) FROM councils k, users u WHERE u.login ="
				   " 'worker' AND k.org_id = u.org_id AND EXISTS (SELECT 1 FROM"
				   " council_meetings m WHERE m.council_id = k.id)",
				   (const char *)NULL));
	snprintf(meeting_text, sizeof(meeting_text), "%lld",
		 (long long)db_int(&srv,
				   "SELECT MIN(id) FROM council_meetings WHERE council_id = ?1",
				   council_text, (const char *)NULL));
	snprintf(
	    proposal_text, sizeof(proposal_text), "%lld",
	    (long long)db_int(&srv,
			      "SELECT MIN(p.id) FROM policy_proposals p, users u WHERE u.login ="
			      " 'worker' AND p.org_id = u.org_id",
			      (const char *)NULL));
	size_t pages = 0, group_pages = 0, record_pages = 0, civic_pages = 0;
	for (const struct route_spec *rt = harness_routes; rt->method; rt++) {
		if (strcmp(rt->method, "GET") != 0 || rt->kind == RK_STATIC)
			continue;
		bool group = rt->kind >= RK_GROUP_LIST && rt->kind <= RK_GROUP_SESSION_WRITE;
		bool campaign = rt->kind >= RK_CAMPAIGN_LIST && rt->kind <= RK_CAMPAIGN_MANAGE;
		bool event = rt->kind >= RK_EVENT_LIST && rt->kind <= RK_EVENT_UNNAME;
		bool prog = rt->kind >= RK_PROGRAMME_LIST && rt->kind <= RK_ENROLMENT_ACT;
		bool civic = rt->kind >= RK_CIVIC_LIST && rt->kind <= RK_DECISION_WRITE;
		/* (The API's answer these clients 401: they have no token.) */
		bool group_page = group && !rt->api;
		bool record_page = (campaign || event || prog) && !rt->api;
		struct client *clients[] = { web, admin };
		for (size_t c = 0; c < COUNT(clients); c++) {
			char path[4096], what[4200];
			if (group)
				fill_ids(path, sizeof(path), rt->pattern, group_text, session_text);
			else if (campaign)
				fill_ids(path, sizeof(path), rt->pattern, campaign_text, "0");
			else if (event)
				fill_ids(path, sizeof(path), rt->pattern, event_text, "0");
			else if (prog)
				fill_ids(path, sizeof(path), rt->pattern, programme_text,
					 enrolment_text);
			else if (civic && strstr(rt->pattern, "/resettler-orgs/"))
				fill_ids(path, sizeof(path), rt->pattern, rog_text, "0");
			else if (civic && strstr(rt->pattern, "/councils/"))
				fill_ids(path, sizeof(path), rt->pattern, council_text,
					 meeting_text);
			else if (civic && strstr(rt->pattern, "/proposals/"))
				fill_ids(path, sizeof(path), rt->pattern, proposal_text, "0");
			else
				fill_pattern(path, sizeof(path), rt->pattern, id_text);
			struct resp *r = http_get(clients[c], "%s?%s", path, sb_str(&q));
			snprintf(what, sizeof(what), "GET %s?<hostile parameters>", rt->pattern);
			assert_escaped(r, what);
			if (group_page) {
				if (r->status != 200)
					fail_msg("GET %s?<hostile parameters>: %ld", path,
						 r->status);
				group_pages++;
			}
			/* A campaign's forms are for those who keep the fund, a programme's for
			 * administrators: the worker is refused them. */
			if (record_page) {
				bool refused =
				    clients[c] == web &&
				    (rt->kind == RK_CAMPAIGN_NEW || rt->kind == RK_CAMPAIGN_EDIT ||
				     rt->kind == RK_PROGRAMME_NEW || rt->kind == RK_PROGRAMME_EDIT);
				if (r->status != (refused ? 403 : 200))
					fail_msg("GET %s?<hostile parameters>: %ld", path,
						 r->status);
				record_pages += !refused;
			}
			/* Public work is every role's but the analyst's. */
			if (civic && !rt->api) {
				if (r->status != 200)
					fail_msg("GET %s?<hostile parameters>: %ld", path,
						 r->status);
				civic_pages++;
			}
			if (strchr(rt->pattern, '{')) {
				fill_pattern(path, sizeof(path), rt->pattern, enc);
				r = http_get(clients[c], "%s", path);
				snprintf(what, sizeof(what), "GET %s with hostile path",
					 rt->pattern);
				assert_escaped(r, what);
			}
			pages++;
		}
	}
	assert_true(pages >= 20);
	/* The list, the form, a group, its form, a session and the form of a new one, each as
	 * two users. */
	assert_int_equal(group_pages, 2 * 6);
	/* As both: the three lists, a campaign, an event, its form and that of a new event, a
	 * programme and an enrolment; as the administrator too: the forms of campaigns and
	 * programmes, new and edited. */
	assert_int_equal(record_pages, 2 * 9 + 4);
	/* As both: the hub; the lists, the forms of new records, the records and their forms
	 * of resettlers' organisations, councils and proposals; a council's meeting. */
	assert_int_equal(civic_pages, 2 * 14);
	/* Not found pages name nothing of the path either. */
	struct resp *r = http_get(web, "/no-such-page/%s", enc);
	assert_int_equal(r->status, 404);
	assert_escaped(r, "GET /no-such-page/<hostile>");
	sb_free(&q);
	sb_free(&seg);
}

int main(int argc, char **argv)
{
	harness_init(argc, argv);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stored_in_every_person_field),
		cmocka_unit_test(test_stored_in_a_user_name),
		cmocka_unit_test(test_stored_in_an_import),
		cmocka_unit_test(test_stored_in_every_case_field),
		cmocka_unit_test(test_stored_in_partners_and_referrals),
		cmocka_unit_test(test_stored_in_centres),
		cmocka_unit_test(test_stored_in_groups),
		cmocka_unit_test(test_stored_in_campaigns),
		cmocka_unit_test(test_stored_in_events),
		cmocka_unit_test(test_stored_in_programmes),
		cmocka_unit_test(test_stored_in_public_work),
		cmocka_unit_test(test_stored_in_screenings),
		cmocka_unit_test(test_stored_in_labour),
		cmocka_unit_test(test_stored_in_integration),
		cmocka_unit_test(test_reflected_in_every_page_parameter_and_path),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
