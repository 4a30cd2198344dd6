/* harness.h: what the HTTP integration tests share: a real `komek serve` child on 127.0.0.1
 * with a fresh database, HTTP clients over libcurl with their own cookie jars, login helpers,
 * read-only looks into the test's SQLite database, and the mirror of src/http/routes.c.
 *
 * A test program calls harness_init(argc, argv) first: argv[1] is the komek binary. Every
 * server made with server_new is registered, so harness_cleanup_all (run by atexit too)
 * kills what is still running and removes every temporary directory even when a test has
 * failed half-way. A client keeps only its last response: the struct it returns stays valid
 * until the next request on the same client.
 *
 * PostgreSQL: with KOMEK_TEST_HTTP_PG=1 and KOMEK_TEST_PG the URL of a cluster where its user
 * may create databases (scripts/with-pg.sh), every server gets a new database of its own on
 * that cluster instead of a SQLite file (dropped by server_free), its key file is DIR/k.key,
 * named with --key-file to every komek the harness runs, and db_int/db_text ask PostgreSQL.
 * KOMEK_TEST_PG alone (make test-unit sets it for the driver's unit test) changes nothing. */
#ifndef KOMEK_TESTS_HARNESS_H
#define KOMEK_TESTS_HARNESS_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include <jansson.h>

#define DEMO_PASSWORD "komek-demo-2026"
#define HARNESS_PATH_MAX 512
#define RESP_HEADERS_MAX 64
#define SERVER_ARGS_MAX 4
#define CLIENT_HEADERS_MAX 4

#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))

/* ---- the server ---- */

struct server {
	char dir[64];               /* the temporary directory (mkdtemp) */
	char db[HARNESS_PATH_MAX];  /* dir/k.db, or the postgresql:// URL of its database */
	char key[HARNESS_PATH_MAX]; /* PostgreSQL: the key file (--key-file); else "" */
	char pgname[64];            /* PostgreSQL: the database it made and drops; else "" */
	char log[HARNESS_PATH_MAX]; /* dir/server.log: the child's stderr */
	char out[HARNESS_PATH_MAX]; /* dir/server.out: the child's stdout */
	char base[64];              /* "http://127.0.0.1:PORT" */
	int port;
	pid_t pid; /* 0 when not running */
	bool registered;
	const char
	    *args[SERVER_ARGS_MAX]; /* more arguments of serve (NULL-ended), set by the test */
};

/* Reads the komek binary from argv[1], initialises libcurl; exits with 2 on misuse. */
void harness_init(int argc, char **argv);
const char *harness_komek(void);
/* Stops every registered server (SIGKILL) and removes their directories. Idempotent. */
void harness_cleanup_all(void);

/* Makes a temporary directory with a database path in it (under PostgreSQL, a new database
 * on the cluster); with demo, loads the demo data set (komek --db DB demo). 0 on success. */
int server_new(struct server *s, bool demo);
/* A second server on the database of first, with the same key file and a directory of its
 * own for its log (not started). The database stays first's: free this one first. */
int server_new_shared(struct server *s, const struct server *first);
/* PostgreSQL: waits up to timeout_s until no session but the harness's own is connected to
 * s's database (a server killed a moment ago may have sent a COMMIT that is still landing);
 * false if some still are. At once true under SQLite. */
bool server_sessions_gone(const struct server *s, int timeout_s);
/* Whether the tests run on PostgreSQL (see above), and whether s's database is there. */
bool harness_pg(void);
bool server_is_pg(const struct server *s);
/* For a cmocka test that is about SQLite by nature: on PostgreSQL, says so and skips it. */
#define SKIP_ON_PG(s, why)                                                                         \
	do {                                                                                       \
		if (server_is_pg(s)) {                                                             \
			printf("skipped on PostgreSQL: %s\n", (why));                              \
			fflush(stdout);                                                            \
			skip();                                                                    \
		}                                                                                  \
	} while (0)
/* For the part of a test that is about SQLite: on PostgreSQL, says so and returns true. */
bool pg_skips(const struct server *s, const char *why);
/* Starts `komek --db DB serve --listen 127.0.0.1:0 ARGS...`, reads the port from its stdout and
 * waits until it answers. 0 on success. */
int server_start(struct server *s);
/* Sends sig (SIGTERM or SIGKILL) and waits up to timeout_s for the child: the raw wait
 * status in *status; -1 if it did not end (it is then killed). */
int server_signal_wait(struct server *s, int sig, int timeout_s, int *status);
/* SIGTERM, then true if the child exited with status 0 and its log holds no sanitizer
 * report. */
bool server_stop_graceful(struct server *s);
void server_kill(struct server *s);
/* Kills the child if running and removes the directory. */
void server_free(struct server *s);
/* True if the server's log has an AddressSanitizer, LeakSanitizer or UBSan report. */
bool server_log_has_sanitizer_report(const struct server *s);
/* Whether a line of the server's log (its stderr) contains needle. */
bool server_log_has(const struct server *s, const char *needle);
/* Prints the tail of the server's log to stderr (for a failing test). */
void server_dump_log(const struct server *s);

/* Runs `komek --db DB ARGS... NULL` to completion; its stdout and stderr go to out
 * (truncated to cap). When DB is a server's PostgreSQL database, `--key-file KEY` comes
 * before ARGS (which may name another: the last one counts). Returns the exit status, or -1
 * if it did not exit normally. */
int komek_run(const char *db, char *out, size_t cap, ...);
/* The same with input (or nothing, when NULL) on the command's standard input: a password
 * for `user add`, say. */
int komek_run_input(const char *db, const char *input, char *out, size_t cap, ...);

/* ---- HTTP ---- */

struct header {
	char *name, *value;
};

struct resp {
	long status;
	char *body; /* NUL-terminated */
	size_t len;
	struct header h[RESP_HEADERS_MAX];
	size_t nh;
	int curl_rc;    /* CURLE_OK or the transfer's error */
	char what[160]; /* "METHOD /path" for messages */
};

/* Prints the request, the status and the start of the body to stderr when the status is not
 * want; true when it is. */
bool resp_check(const struct resp *r, long want, const char *file, int line);
/* For cmocka tests: fails the test (with the details above) unless r's status is want. */
#define EXPECT_STATUS(r, want) assert_true(resp_check((r), (want), __FILE__, __LINE__))

struct client {
	const struct server *srv;
	void *curl;           /* CURL * */
	char bearer[128];     /* sent as Authorization: Bearer when set */
	char accept_lang[32]; /* sent as Accept-Language when set */
	char csrf[128];       /* the CSRF token of the logged-in web session */
	char login[64];
	/* More request headers ("Name: value", NULL-ended), sent as they are when set. */
	const char *headers[CLIENT_HEADERS_MAX];
	struct resp r;       /* the last response */
	struct client *next; /* the harness's list of live clients */
};

/* Clients are not thread-safe; a thread makes its own with client_new_unlisted, which is
 * left out of the harness's list (and must be freed by that thread). */
struct client *client_new(const struct server *s);
struct client *client_new_unlisted(const struct server *s);
void client_free(struct client *c);

/* method, path (from "/"), Content-Type (or NULL), body (or NULL) of len bytes. Returns the
 * client's response (status 0 if the transfer failed). */
struct resp *http_do(struct client *c, const char *method, const char *path, const char *ctype,
		     const char *body, size_t len);
struct resp *http_get(struct client *c, const char *fmt, ...) PRINTF_LIKE(2, 3);
struct resp *http_delete(struct client *c, const char *path);
struct resp *http_post_form(struct client *c, const char *path, const char *body);
struct resp *http_post_json(struct client *c, const char *path, const char *json);
/* A multipart/form-data POST: fields as name, value pairs (NULL-ended, may be NULL), and a
 * file part named "file" with that file name (none when filename is NULL). */
struct resp *http_post_file(struct client *c, const char *path, const char *const *fields,
			    const char *filename, const char *data, size_t len);
struct resp *http_patch_json(struct client *c, const char *path, const char *json);

/* The first header of that name (case-insensitive), or NULL. */
const char *resp_header(const struct resp *r, const char *name);
/* The n-th header of that name, or NULL. */
const char *resp_header_nth(const struct resp *r, const char *name, size_t n);
/* The Set-Cookie header setting cookie `name`, or NULL. */
const char *resp_set_cookie(const struct resp *r, const char *name);
bool resp_has(const struct resp *r, const char *needle);
/* A PDF's text as pdftotext -layout reads it (malloc'd), or NULL when the body is no PDF
 * or pdftotext fails. */
char *resp_pdf_text(const struct resp *r);
/* The body as JSON (a new reference, NULL if not JSON). */
json_t *resp_json(const struct resp *r);

/* Cookies of the client's jar: the value of cookie name (copied into out), or false. */
bool client_cookie(struct client *c, const char *name, char *out, size_t cap);
/* Puts a cookie for 127.0.0.1 into the jar (as a browser would have been given). */
void client_set_cookie(struct client *c, const char *name, const char *value);
void client_clear_cookies(struct client *c);

/* The value="..." of the first hidden input named _csrf in html, into out; false if none. */
bool extract_csrf(const char *html, char *out, size_t cap);
/* The value="..." of the first input named name, into out (entities are not decoded). */
bool extract_input_value(const char *html, const char *name, char *out, size_t cap);

/* GET /login, POST /login with its CSRF token; on success (303) the client's csrf is that of
 * the new session. Returns the status of the POST. */
long web_login(struct client *c, const char *login, const char *password);
/* POST /api/v1/session; on 201 the client sends the token as a bearer from now on. */
long api_login(struct client *c, const char *login, const char *password);
/* Refreshes c->csrf from a page of the session (after a login the token changes). */
bool web_refresh_csrf(struct client *c);

/* ---- forms ---- */

struct sbuf {
	char *p;
	size_t n, cap;
};
void sb_addf(struct sbuf *b, const char *fmt, ...) PRINTF_LIKE(2, 3);
void sb_addn(struct sbuf *b, const char *s, size_t n);
/* Appends name=value URL-encoded, with a leading & when the buffer is not empty. */
void sb_form(struct sbuf *b, const char *name, const char *value);
/* Appends already-encoded text as is (for deliberately malformed bodies). */
void sb_raw(struct sbuf *b, const char *s);
void sb_free(struct sbuf *b);
const char *sb_str(struct sbuf *b);

/* ---- the test's database, read-only ---- */

/* The first column of the first row of sql, with text parameters ?1.. bound from the
 * NULL-terminated list (parameters after it are NULL); -1 on error (reported on stderr).
 * The SQL must be valid on the server's backend: on PostgreSQL ?N becomes $N outside quoted
 * text and each parameter's type is the one its use implies. */
int64_t db_int(const struct server *s, const char *sql, ...);
/* The same for a text result, copied into out; false when there is no row. */
bool db_text(const struct server *s, char *out, size_t cap, const char *sql, ...);
/* The same with n parameters from an array (NULL binds NULL): 1 with the first column as text
 * in out ("" and *is_null set when NULL), 0 when there is no row, -1 on an error. */
int db_first(const struct server *s, const char *sql, const char *const *params, int n, char *out,
	     size_t cap, bool *is_null);
/* An int64 as text, for binding: one of a few rotating static buffers. */
const char *i64s(int64_t v);

/* ---- the mirror of src/http/routes.c ---- */

enum route_kind {
	RK_HOME,          /* GET / */
	RK_LOGIN_GET,     /* GET /login */
	RK_LOGIN_POST,    /* POST /login */
	RK_LOGOUT,        /* POST /logout */
	RK_LANG,          /* POST /lang */
	RK_STATIC,        /* GET /static/... */
	RK_LIST,          /* GET /persons, GET /api/v1/persons */
	RK_CREATE,        /* POST /persons, POST /api/v1/persons */
	RK_NEW,           /* GET /persons/new */
	RK_PERSON_READ,   /* GET /persons/{id}, /edit, /history, GET /api/v1/persons/{id} */
	RK_PERSON_EDIT,   /* GET /persons/{id}/edit */
	RK_PERSON_WRITE,  /* POST /persons/{id}, PATCH /api/v1/persons/{id} */
	RK_DISCLOSURES,   /* GET /persons/{id}/disclosures */
	RK_ASSIGN,        /* POST /persons/{id}/workers */
	RK_UNASSIGN,      /* POST /persons/{id}/workers/{id}/remove */
	RK_CONSENT_ADD,   /* POST /persons/{id}/consents */
	RK_CONSENT_WD,    /* POST /persons/{id}/consents/{id}/withdraw */
	RK_ERASE,         /* POST /persons/{id}/erase */
	RK_ADMIN_GET,     /* GET /audit, GET /users */
	RK_ADMIN_POST,    /* POST /users */
	RK_USER_GET,      /* GET /users/{id} */
	RK_USER_POST,     /* POST /users/{id} */
	RK_SESSION_POST,  /* POST /api/v1/session */
	RK_SESSION_DEL,   /* DELETE /api/v1/session */
	RK_HH_CREATE,     /* POST /api/v1/households */
	RK_HH_GET,        /* GET /api/v1/households/{id} */
	RK_REF,           /* GET /api/v1/reference, /api/v1/reference/{name} */
	RK_OPENAPI,       /* GET /api/v1/openapi.json */
	RK_CASE_LIST,     /* GET /cases, GET /api/v1/cases */
	RK_CASE_CREATE,   /* POST /cases, POST /api/v1/cases */
	RK_CASE_NEW,      /* GET /cases/new?person={person} */
	RK_CASE_READ,     /* GET /cases/{id}, GET /api/v1/cases/{id}, /notes */
	RK_CASE_WRITE,    /* POST /cases/{id}, PATCH /api/v1/cases/{id} */
	RK_CASE_ADD,      /* POST .../notes, .../assessments under a case (page and API) */
	RK_CASE_FORM,     /* GET /cases/{id}/assessments/new */
	RK_CASE_TEAM,     /* POST /cases/{id}/workers, POST /api/v1/cases/{id}/workers */
	RK_CASE_UNTEAM,   /* POST /cases/{id}/workers/{id}/remove, DELETE /api/.../workers/{id} */
	RK_CASE_DECIDE,   /* POST /cases/{id}/recommendations/{id}, and in the API */
	RK_CASE_STATUS,   /* a goal's or task's status under a case (page and API) */
	RK_CASE_APPROVE,  /* POST /cases/{id}/plan/approve, POST /api/v1/cases/{id}/plan/approval */
	RK_CASE_ITEM,     /* GET /api/v1/cases/{id}/services/{id} (of no such item: 404) */
	RK_RULE_GET,      /* GET /rules/{id} */
	RK_RULE_POST,     /* POST /rules/{id}, /service-types/{id}: an administrator's record */
	RK_PARTNER_GET,   /* GET /partners/{id}, GET /api/v1/organisations/{id} (the admin's own) */
	RK_PARTNER_POST,  /* POST /partners/{id}, PATCH /api/v1/organisations/{id} */
	RK_REFERRAL_READ, /* GET /referrals/{id}, GET /api/v1/referrals/{id} */
	RK_REFERRAL_ANSWER,   /* POST /referrals/{id}, PATCH /api/v1/referrals/{id} */
	RK_PERSON_LINKS,      /* GET /api/v1/persons/{id}/links */
	RK_UNLINK,            /* POST /persons/{id}/links/{id}/unlink, DELETE /api/.../links/{id} */
	RK_DUP_LIST,          /* GET /duplicates, GET /api/v1/duplicates */
	RK_DUP_SCAN,          /* POST /duplicates/scan, POST /api/v1/duplicates/scan */
	RK_DUP_READ,          /* GET /duplicates/{id}, GET /api/v1/duplicates/{id} (a pair) */
	RK_DUP_LINK,          /* POST /duplicates/{id}/link, POST /api/v1/duplicates/{id}/link */
	RK_DUP_DISMISS,       /* POST /duplicates/{id}/dismiss, and in the API */
	RK_EXPORT,            /* GET /exports, /persons/export, /api/v1/persons/export (any role) */
	RK_LIST_EXPORT,       /* GET /cases/export, /services/export, /referrals/export, and API */
	RK_IMPORT_LIST,       /* GET /imports, GET /api/v1/imports */
	RK_IMPORT_UPLOAD,     /* POST /imports (multipart), POST /api/v1/imports (the file) */
	RK_IMPORT_READ,       /* GET /imports/{id}, /progress, /api/v1/imports/{id}, /issues */
	RK_IMPORT_ACTION,     /* POST /imports/{id}/check, /run, /discard, and in the API */
	RK_CENTRE_LIST,       /* GET /centres, GET /api/v1/centres */
	RK_CENTRE_NEW,        /* GET /centres/new */
	RK_CENTRE_CREATE,     /* POST /centres, POST /api/v1/centres */
	RK_CENTRE_READ,       /* GET /centres/{id}, /presence, and in the API */
	RK_CENTRE_EDIT,       /* GET /centres/{id}/edit */
	RK_CENTRE_MANAGE,     /* POST /centres/{id}, /rooms; PATCH /api/v1/centres/{id}, /rooms */
	RK_CENTRE_ACT,        /* POST placements, checkout, presence, waiting (page and API) */
	RK_CENTRE_WITHDRAW,   /* POST /centres/{id}/waiting/{id}/withdraw, and in the API */
	RK_GROUP_LIST,        /* GET /groups, GET /api/v1/groups */
	RK_GROUP_NEW,         /* GET /groups/new */
	RK_GROUP_CREATE,      /* POST /groups, POST /api/v1/groups */
	RK_GROUP_READ,        /* GET /groups/{id}, GET /api/v1/groups/{id} */
	RK_GROUP_EDIT,        /* GET /groups/{id}/edit */
	RK_GROUP_MANAGE,      /* POST /groups/{id}, PATCH /api/v1/groups/{id} */
	RK_GROUP_ACT,         /* POST /groups/{id}/members, /sessions (page and API) */
	RK_GROUP_LEAVE,       /* POST /groups/{id}/members/{id}/leave, and in the API */
	RK_GROUP_SESSION_NEW, /* GET /groups/{id}/sessions/new */
	RK_GROUP_SESSION_READ,  /* GET /groups/{id}/sessions/{id}, and in the API */
	RK_GROUP_SESSION_WRITE, /* POST /groups/{id}/sessions/{id}, PATCH in the API */
	RK_CAMPAIGN_LIST,       /* GET /campaigns, GET /api/v1/campaigns */
	RK_CAMPAIGN_NEW,        /* GET /campaigns/new */
	RK_CAMPAIGN_CREATE,     /* POST /campaigns, POST /api/v1/campaigns */
	RK_CAMPAIGN_READ,       /* GET /campaigns/{id}, GET /api/v1/campaigns/{id} */
	RK_CAMPAIGN_EDIT,       /* GET /campaigns/{id}/edit */
	RK_CAMPAIGN_MANAGE,     /* POST /campaigns/{id}, /donations, /spendings, and in the API */
	RK_EVENT_LIST,          /* GET /events, GET /api/v1/events */
	RK_EVENT_NEW,           /* GET /events/new */
	RK_EVENT_CREATE,        /* POST /events, POST /api/v1/events */
	RK_EVENT_READ,          /* GET /events/{id}, GET /api/v1/events/{id} */
	RK_EVENT_EDIT,          /* GET /events/{id}/edit */
	RK_EVENT_ACT,           /* POST /events/{id}, /participants; PATCH and POST in the API */
	RK_EVENT_UNNAME,        /* POST /events/{id}/participants/{id}/remove, DELETE in the API */
	RK_PROGRAMME_LIST,      /* GET /programmes, GET /api/v1/programmes */
	RK_PROGRAMME_NEW,       /* GET /programmes/new */
	RK_PROGRAMME_CREATE,    /* POST /programmes, POST /api/v1/programmes */
	RK_PROGRAMME_READ,      /* GET /programmes/{id}, GET /api/v1/programmes/{id} */
	RK_PROGRAMME_EDIT,      /* GET /programmes/{id}/edit */
	RK_PROGRAMME_MANAGE,    /* POST /programmes/{id}, PATCH /api/v1/programmes/{id} */
	RK_PROGRAMME_QUOTA,     /* POST /programmes/{id}/quotas, and in the API */
	RK_PROGRAMME_ENROL,     /* POST /programmes/{id}/enrolments, and in the API */
	RK_ENROLMENT_READ,      /* GET /programmes/{id}/enrolments/{id}, and in the API */
	RK_ENROLMENT_ACT,       /* POST .../enrolments/{id}/support, /withdraw, and in the API */
	RK_ENTITLEMENTS,        /* GET /api/v1/entitlements */
	RK_CIVIC_LIST,          /* GET /civic, /resettler-orgs, /councils, /proposals, and API */
	RK_CIVIC_NEW,           /* GET /resettler-orgs/new, /councils/new, /proposals/new */
	RK_CIVIC_CREATE,        /* POST /resettler-orgs, /councils, /proposals, and in the API */
	RK_CIVIC_READ,          /* GET /resettler-orgs/{id}, /councils/{id}, /proposals/{id}, API */
	RK_CIVIC_EDIT,          /* GET /resettler-orgs/{id}/edit, /councils/..., /proposals/... */
	RK_CIVIC_MANAGE,        /* POST .../{id}, /steps, /meetings; PATCH and POST in the API */
	RK_MEETING_READ,        /* GET /councils/{id}/meetings/{id}, and in the API */
	RK_MEETING_DECIDE,      /* POST /councils/{id}/meetings/{id}/decisions, and in the API */
	RK_DECISION_WRITE,      /* POST .../decisions/{id}, PATCH in the API */
	RK_SCREENING_READ,      /* GET /persons/{id}/screenings, .../{id}, and in the API */
	RK_SCREENING_NEW,       /* GET /persons/{id}/screenings/new */
	RK_SCREENING_WRITE,     /* POST /persons/{id}/screenings, and in the API */
	RK_INSTRUMENTS,         /* GET /api/v1/instruments */
	RK_LABOUR_LIST,         /* GET /api/v1/employers, /vacancies, /labour-alerts, ... */
	RK_LABOUR_CREATE,       /* POST /api/v1/employers, /vacancies, /employments */
	RK_RATES_SET,           /* POST /api/v1/minimum-wages */
	RK_EMPLOYER_READ,       /* GET /api/v1/employers/{id} */
	RK_EMPLOYER_WRITE,      /* PATCH /api/v1/employers/{id} */
	RK_VACANCY_READ,        /* GET /api/v1/vacancies/{id}, /candidates */
	RK_VACANCY_WRITE,       /* PATCH /api/v1/vacancies/{id} */
	RK_EMPLOYMENT_READ,     /* GET /api/v1/employments/{id} */
	RK_EMPLOYMENT_WRITE,    /* PATCH /api/v1/employments/{id} */
	RK_PERSON_LABOUR,       /* GET /api/v1/persons/{id}/employments, /skills, /vacancies */
	RK_SKILL_ADD,           /* POST /api/v1/persons/{id}/skills */
	RK_SKILL_DELETE,        /* DELETE /api/v1/persons/{id}/skills/{id} */
	RK_ALERT_RESOLVE,       /* POST /api/v1/labour-alerts/{id}/resolve, and the page's */
	RK_LABOUR_NEW,          /* GET /employers/new, /vacancies/new */
	RK_EMPLOYMENT_NEW,      /* GET /persons/{id}/employments/new */
	RK_INTEGRATION_READ,    /* GET /api/v1/persons/{id}/integration */
	RK_INTEGRATION_NEW,     /* GET /persons/{id}/integration/new */
	RK_INTEGRATION_WRITE,   /* POST /persons/{id}/integration, and in the API */
	RK_COHORT,              /* GET /integration, /api/v1/integration/cohort */
	RK_REPORT,              /* GET /reports, /reports/export, /api/v1/reports, monthly */
	RK_REPORT_PARAMS,       /* GET /api/v1/reports/programme (no programme: 422) */
	RK_DASHBOARD,           /* GET /dashboard, /api/v1/dashboard */
};

struct route_spec {
	const char *method, *pattern;
	enum route_kind kind;
	bool api, form, json, public_;
};

/* NULL-terminated. Must stay in step with src/http/routes.c: test_access checks it does. */
extern const struct route_spec harness_routes[];

/* The path of src/http/routes.c next to this file, or NULL if the sources are not there. */
const char *harness_routes_source(void);

/* ---- small helpers ---- */

char *xstrdup(const char *s);
/* A JSON object member as an integer/string, or a default. */
int64_t json_int_of(json_t *o, const char *key, int64_t dflt);
const char *json_str_of(json_t *o, const char *key);
/* Today as YYYY-MM-DD (UTC, as the server counts it) and its year. */
void today_iso(char out[11]);
int today_year(void);

/* For cmocka tests (cmocka.h included first): r's body as JSON (a new reference), failing
 * the test unless its status is want; and the field a 422 names first ("" if none). */
#ifdef cmocka_unit_test
static inline json_t *json_of(struct resp *r, long want)
{
	EXPECT_STATUS(r, want);
	json_t *j = resp_json(r);
	assert_non_null(j);
	return j;
}

static inline const char *error_field(struct resp *r)
{
	static char field[64];
	json_t *j = json_of(r, 422);
	const char *f = json_str_of(json_object_get(j, "error"), "field");
	snprintf(field, sizeof(field), "%s", f ? f : "");
	json_decref(j);
	return field;
}
#endif

#endif
