/* test_durability.c: what survives a crash and a full disk.
 *
 * Repeated SIGKILL: several clients, each a thread with a client of its own, register people
 * and edit them through the API while the server is killed at a random moment, again and
 * again, and restarted on the same database. After each kill every write the server
 * acknowledged must be there exactly as acknowledged (name, version, categories), a write in
 * flight may have landed or not but never in part, and the integrity check must pass. The
 * moments of the kills and each client's choices come from a seed that is printed, and set by
 * KOMEK_DURABILITY_SEED; KOMEK_DURABILITY_KILLS sets how many kills (8 by default). The
 * interleaving of the clients is up to the scheduler, so a seed repeats a run closely, not
 * exactly. Under PostgreSQL (harness.h) the same, with the database on the cluster.
 *
 * Full disk: the database and its view log are put on a tmpfs a little larger than they are
 * (it needs root and the right to mount; the test is skipped otherwise), and people are
 * registered until it is full. A write that cannot be stored must be answered 503 with a
 * translated message and leave nothing behind, the server must stay up and go on serving
 * reads, and once space is freed writes must succeed again without a restart. SQLite only:
 * a PostgreSQL server's disk is its own. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "harness.h"

#include "base/banned.h"
#include "base/i18n.h"

#define DEFAULT_SEED 0x4b6f6d656bu /* "Komek" */
#define DEFAULT_KILLS 8
#define WRITERS 4
#define PEOPLE_MAX 2000 /* per writer, over every round */
#define NAME_LEN 48
#define KILL_DELAY_MIN_MS 20
#define KILL_DELAY_SPAN_MS 480

/* The message of a write refused for want of space (src/http/router.c). */
#define MSG_FULL                                                                                   \
	"The server has run out of storage space, so nothing was saved. Please tell your "         \
	"administrator and try again later."

static struct server srv;
static struct client *api; /* worker */
static uint64_t seed = DEFAULT_SEED;
static uint64_t kills = DEFAULT_KILLS;

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* splitmix64: small, and the same sequence on every machine. */
static uint64_t rng_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

static uint64_t rng_below(uint64_t *s, uint64_t n)
{
	return rng_next(s) % n;
}

/* An unsigned number from the environment, if set; false (after saying why) if malformed. */
static bool env_u64(const char *name, uint64_t min, uint64_t max, uint64_t *out)
{
	const char *v = getenv(name);
	if (!v || !*v)
		return true;
	char *end;
	errno = 0;
	unsigned long long x = strtoull(v, &end, 0);
	if (errno || *end || v[0] == '-' || x < min || x > max) {
		fprintf(stderr, "durability: %s=%s is not a number from %llu to %llu\n", name, v,
			(unsigned long long)min, (unsigned long long)max);
		return false;
	}
	*out = x;
	return true;
}

static int group_setup(void **state)
{
	(void)state;
	if (!env_u64("KOMEK_DURABILITY_SEED", 0, UINT64_MAX, &seed) ||
	    !env_u64("KOMEK_DURABILITY_KILLS", 1, 10000, &kills))
		return -1;
	printf("durability: seed %llu (KOMEK_DURABILITY_SEED=%llu repeats it), %llu kills\n",
	       (unsigned long long)seed, (unsigned long long)seed, (unsigned long long)kills);
	fflush(stdout);
	if (i18n_init() || server_new(&srv, true) || server_start(&srv))
		goto fail;
	api = client_new(&srv);
	if (api_login(api, "worker", DEMO_PASSWORD) != 201)
		goto fail;
	return 0;
fail:
	server_free(&srv);
	return -1;
}

static int group_teardown(void **state)
{
	(void)state;
	client_free(api);
	bool ok = !srv.pid || server_stop_graceful(&srv);
	server_free(&srv);
	return ok ? 0 : -1;
}

/* ---- read-only looks into the database, one connection for many queries ---- */

/* A SQLite file opened read-only, or a server whose PostgreSQL database the harness reads. */
struct look {
	sqlite3 *lite;
	const struct server *pg;
};

static bool ro_open(const struct server *s, struct look *h)
{
	*h = (struct look){ 0 };
	if (server_is_pg(s)) {
		h->pg = s;
		return true;
	}
	if (sqlite3_open_v2(s->db, &h->lite, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "durability: cannot open %s: %s\n", s->db,
			h->lite ? sqlite3_errmsg(h->lite) : "?");
		sqlite3_close(h->lite);
		h->lite = NULL;
		return false;
	}
	sqlite3_busy_timeout(h->lite, 10000);
	return true;
}

static void ro_close(struct look *h)
{
	sqlite3_close(h->lite);
	*h = (struct look){ 0 };
}

/* The query in the dialect of h's backend. */
static const char *dialect(const struct look *h, const char *lite, const char *pg)
{
	return h->pg ? pg : lite;
}

/* q_row on PostgreSQL: the parameter as text, its type the one its use implies. */
static int q_row_pg(const struct look *h, const char *sql, int64_t a, const char *t, int64_t *iv,
		    char *out, size_t cap)
{
	const char *param = t ? t : i64s(a);
	char v[64];
	char *dst = out && cap ? out : v;
	bool null = false;
	int rc = db_first(h->pg, sql, &param, 1, dst, out && cap ? cap : sizeof(v), &null);
	if (rc == 1 && iv)
		*iv = null ? -1 : strtoll(dst, NULL, 10);
	return rc;
}

/* Runs sql with ?1 bound to a, or to t when t is not NULL. On a row, its first column goes
 * to *iv (-1 for NULL) and, as text, to out. 1 on a row, 0 on none, -1 on an error. */
static int q_row(const struct look *look, const char *sql, int64_t a, const char *t, int64_t *iv,
		 char *out, size_t cap)
{
	if (out && cap)
		out[0] = '\0';
	if (look->pg)
		return q_row_pg(look, sql, a, t, iv, out, cap);
	sqlite3 *h = look->lite;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "durability: %s: %s\n", sql, sqlite3_errmsg(h));
		return -1;
	}
	if (sqlite3_bind_parameter_count(st) >= 1) {
		if (t)
			sqlite3_bind_text(st, 1, t, -1, SQLITE_TRANSIENT);
		else
			sqlite3_bind_int64(st, 1, a);
	}
	int rc = sqlite3_step(st), found = 0;
	if (rc == SQLITE_ROW) {
		found = 1;
		if (iv)
			*iv = sqlite3_column_type(st, 0) == SQLITE_NULL
				  ? -1
				  : sqlite3_column_int64(st, 0);
		if (out && cap) {
			const unsigned char *s = sqlite3_column_text(st, 0);
			snprintf(out, cap, "%s", s ? (const char *)s : "");
		}
	} else if (rc != SQLITE_DONE) {
		fprintf(stderr, "durability: %s: %s\n", sql, sqlite3_errmsg(h));
		found = -1;
	}
	sqlite3_finalize(st);
	return found;
}

/* The integer of the first row; -1 when there is none (or it is NULL), -2 on an error. */
static int64_t q_int(const struct look *h, const char *sql, int64_t a)
{
	int64_t v = -1;
	int rc = q_row(h, sql, a, NULL, &v, NULL, 0);
	return rc < 0 ? -2 : rc ? v : -1;
}

static bool q_text(const struct look *h, const char *sql, int64_t a, char *out, size_t cap)
{
	return q_row(h, sql, a, NULL, NULL, out, cap) == 1;
}

/* ---- repeated SIGKILL ---- */

/* What a person of the test looks like after a write: the test changes these three. */
struct pstate {
	int version;
	int ncat; /* 1: labour_migrant; 2: and internal_migrant */
	char family[NAME_LEN];
};

struct tracked {
	int64_t id;
	struct pstate acked; /* the last state the server acknowledged */
	bool pending;        /* a PATCH to `sent` was unanswered when the server died */
	struct pstate sent;
};

struct writer {
	int no;
	const struct server *s;
	char token[128];
	uint64_t rng;
	atomic_bool *stop;
	struct tracked *people; /* PEOPLE_MAX of them, the first n in use */
	size_t n;
	int seq;             /* creates sent, over every round: given names are unique */
	bool create_pending; /* a create was unanswered when the server died */
	char create_given[NAME_LEN];
	int create_ncat;
	/* this round */
	int acked_creates, acked_edits;
	int unexpected; /* answers other than success or a lost connection */
	char first_unexpected[400];
};

static const char *cats_json(int ncat)
{
	return ncat == 2 ? "[\"labour_migrant\",\"internal_migrant\"]" : "[\"labour_migrant\"]";
}

static void note_unexpected(struct writer *w, const struct resp *r, const char *why)
{
	if (!w->unexpected++)
		snprintf(w->first_unexpected, sizeof(w->first_unexpected), "%s: %ld (%s): %.200s",
			 r->what, r->status, why, r->body ? r->body : "");
}

/* False when the writer should stop: the connection was lost (the server is gone) or the
 * answer was wrong. */
static bool do_create(struct writer *w, struct client *c)
{
	struct tracked *t = &w->people[w->n];
	w->create_ncat = 1 + (int)rng_below(&w->rng, 2);
	snprintf(w->create_given, sizeof(w->create_given), "W%dN%d", w->no, w->seq);
	char body[512];
	snprintf(
	    body, sizeof(body),
	    "{\"family_name\":\"Durable\",\"given_name\":\"%s\",\"sex\":\"female\","
	    "\"categories\":%s,\"documents\":[{\"type\":\"passport\",\"number\":\"DU%d%06d\"}]}",
	    w->create_given, cats_json(w->create_ncat), w->no, w->seq);
	w->seq++;
	w->create_pending = true;
	struct resp *r = http_post_json(c, "/api/v1/persons", body);
	if (r->curl_rc)
		return false;
	w->create_pending = false;
	if (r->status != 201) {
		note_unexpected(w, r, "want 201");
		return false;
	}
	json_t *j = resp_json(r);
	const char *fam = json_str_of(j, "family_name");
	*t = (struct tracked){ .id = json_int_of(j, "id", 0),
			       .acked = { .version = (int)json_int_of(j, "version", 0),
					  .ncat = w->create_ncat } };
	snprintf(t->acked.family, sizeof(t->acked.family), "%s", fam ? fam : "");
	json_decref(j);
	if (t->id <= 0 || t->acked.version != 1 || strcmp(t->acked.family, "Durable") != 0) {
		note_unexpected(w, r, "not the person sent");
		return false;
	}
	w->n++;
	w->acked_creates++;
	return true;
}

static bool do_edit(struct writer *w, struct client *c)
{
	struct tracked *t = &w->people[rng_below(&w->rng, w->n)];
	t->sent.version = t->acked.version + 1;
	t->sent.ncat = 3 - t->acked.ncat;
	snprintf(t->sent.family, sizeof(t->sent.family), "D%lldV%d", (long long)t->id,
		 t->sent.version);
	char body[256], path[64];
	snprintf(body, sizeof(body), "{\"version\":%d,\"family_name\":\"%s\",\"categories\":%s}",
		 t->acked.version, t->sent.family, cats_json(t->sent.ncat));
	snprintf(path, sizeof(path), "/api/v1/persons/%lld", (long long)t->id);
	t->pending = true;
	struct resp *r = http_patch_json(c, path, body);
	if (r->curl_rc)
		return false;
	t->pending = false;
	if (r->status != 200) {
		note_unexpected(w, r, "want 200");
		return false;
	}
	json_t *j = resp_json(r);
	const char *fam = json_str_of(j, "family_name");
	bool same = json_int_of(j, "version", 0) == t->sent.version && fam &&
		    strcmp(fam, t->sent.family) == 0;
	json_decref(j);
	if (!same) {
		note_unexpected(w, r, "not the edit sent");
		return false;
	}
	t->acked = t->sent;
	w->acked_edits++;
	return true;
}

static void *writer_main(void *arg)
{
	struct writer *w = arg;
	struct client *c = client_new_unlisted(w->s);
	snprintf(c->bearer, sizeof(c->bearer), "%s", w->token);
	while (!atomic_load(w->stop)) {
		/* A third creates, the rest edit one of this writer's people. */
		bool create = w->n < PEOPLE_MAX && (w->n < 2 || rng_below(&w->rng, 3) == 0);
		if (!(create ? do_create(w, c) : do_edit(w, c)))
			break;
	}
	client_free(c);
	return NULL;
}

/* Whether person id in the database is whole and in state st: its categories, its one
 * document, its audit rows and its history all agree with its version. On failure, why. */
static bool person_whole(const struct look *h, int64_t id, const struct pstate *st, char *why,
			 size_t cap)
{
	char cats[128];
	q_text(h,
	       dialect(h,
		       "SELECT group_concat(category, ' ') FROM (SELECT category FROM"
		       " person_categories WHERE person_id = ?1 ORDER BY category)",
		       "SELECT string_agg(category, ' ' ORDER BY category) FROM person_categories"
		       " WHERE person_id = ?1"),
	       id, cats, sizeof(cats));
	const char *want = st->ncat == 2 ? "internal_migrant labour_migrant" : "labour_migrant";
	int64_t docs = q_int(h, "SELECT COUNT(*) FROM documents WHERE person_id = ?1", id);
	int64_t created = q_int(h,
				"SELECT COUNT(*) FROM audit WHERE action = 'person.create' AND"
				" entity = 'person' AND entity_id = ?1",
				id);
	int64_t updated = q_int(h,
				"SELECT COUNT(*) FROM audit WHERE action = 'person.update' AND"
				" entity = 'person' AND entity_id = ?1",
				id);
	/* Every version from 2 on has its rows in the history, and none is newer. */
	int64_t versions = q_int(h,
				 "SELECT COUNT(DISTINCT version) FROM person_changes WHERE"
				 " person_id = ?1 AND version >= 2",
				 id);
	int64_t newest = q_int(
	    h, "SELECT COALESCE(MAX(version), 1) FROM person_changes WHERE person_id = ?1", id);
	if (strcmp(cats, want) != 0)
		snprintf(why, cap, "categories \"%s\", want \"%s\"", cats, want);
	else if (docs != 1)
		snprintf(why, cap, "%lld documents, want 1", (long long)docs);
	else if (created != 1)
		snprintf(why, cap, "%lld person.create audit rows, want 1", (long long)created);
	else if (updated != st->version - 1)
		snprintf(why, cap, "%lld person.update audit rows, want %d", (long long)updated,
			 st->version - 1);
	else if (versions != st->version - 1 || newest != st->version)
		snprintf(why, cap, "history has %lld versions after the first, newest %lld",
			 (long long)versions, (long long)newest);
	else
		return true;
	return false;
}

/* Checks the database after a kill against what the writers know, and brings their models
 * up to date with the writes in flight that did land. False with why on failure. */
static bool verify_after_kill(const struct look *h, struct writer *ws, char *why, size_t cap)
{
	char detail[256], fam[NAME_LEN + 16];
	size_t total = 0;
	for (int i = 0; i < WRITERS; i++) {
		struct writer *w = &ws[i];
		for (size_t k = 0; k < w->n; k++) {
			struct tracked *t = &w->people[k];
			if (!q_text(h, "SELECT family_name FROM persons WHERE id = ?1", t->id, fam,
				    sizeof(fam))) {
				snprintf(why, cap, "acknowledged person %lld (writer %d) is gone",
					 (long long)t->id, w->no);
				return false;
			}
			int64_t ver = q_int(h, "SELECT version FROM persons WHERE id = ?1", t->id);
			const struct pstate *st = NULL;
			if (ver == t->acked.version && strcmp(fam, t->acked.family) == 0)
				st = &t->acked;
			else if (t->pending && ver == t->sent.version &&
				 strcmp(fam, t->sent.family) == 0)
				st = &t->sent;
			if (!st) {
				snprintf(why, cap,
					 "person %lld is version %lld \"%s\"; acknowledged: version"
					 " %d \"%s\"%s",
					 (long long)t->id, (long long)ver, fam, t->acked.version,
					 t->acked.family,
					 t->pending ? " (an edit to the next was in flight)" : "");
				return false;
			}
			if (!person_whole(h, t->id, st, detail, sizeof(detail))) {
				snprintf(why, cap, "person %lld (version %d%s): %s",
					 (long long)t->id, st->version,
					 st == &t->sent ? ", the edit in flight" : "", detail);
				return false;
			}
			t->acked = *st;
			t->pending = false;
		}
		if (w->create_pending) {
			/* Landed whole, or not at all. */
			int64_t id = -1;
			q_row(h, "SELECT id FROM persons WHERE given_name = ?1", 0, w->create_given,
			      &id, NULL, 0);
			if (id > 0) {
				struct tracked *t = &w->people[w->n];
				*t = (struct tracked){
					.id = id, .acked = { .version = 1, .ncat = w->create_ncat }
				};
				snprintf(t->acked.family, sizeof(t->acked.family), "Durable");
				if (!q_text(h, "SELECT family_name FROM persons WHERE id = ?1", id,
					    fam, sizeof(fam)) ||
				    strcmp(fam, "Durable") != 0 ||
				    q_int(h, "SELECT version FROM persons WHERE id = ?1", id) !=
					1 ||
				    !person_whole(h, id, &t->acked, detail, sizeof(detail))) {
					snprintf(
					    why, cap,
					    "the create in flight (%s, person %lld) landed in part:"
					    " %s",
					    w->create_given, (long long)id, detail);
					return false;
				}
				w->n++;
			}
			w->create_pending = false;
		}
		total += w->n;
	}
	/* No person of the test that nobody knows of (each given name is unique). */
	int64_t ours =
	    q_int(h,
		  dialect(h,
			  "SELECT COUNT(*) FROM persons WHERE given_name GLOB"
			  " 'W[0-9]*N[0-9]*'",
			  "SELECT COUNT(*) FROM persons WHERE given_name ~ '^W[0-9].*N[0-9]'"),
		  0);
	if (ours != (int64_t)total) {
		snprintf(why, cap, "%lld people of the test in the database, %zu known",
			 (long long)ours, total);
		return false;
	}
	static const char *const orphans[][3] = {
		{ "audit rows of people who are not there",
		  "SELECT COUNT(*) FROM audit a WHERE a.entity = 'person' AND a.action IN"
		  " ('person.create', 'person.update') AND NOT EXISTS (SELECT 1 FROM persons p"
		  " WHERE p.id = a.entity_id)" },
		{ "history rows newer than their person",
		  "SELECT COUNT(*) FROM person_changes c JOIN persons p ON p.id = c.person_id"
		  " WHERE c.version > p.version" },
		{ "people of the test without a category or a document",
		  "SELECT COUNT(*) FROM persons p WHERE p.given_name GLOB 'W[0-9]*N[0-9]*' AND"
		  " (NOT EXISTS (SELECT 1 FROM person_categories c WHERE c.person_id = p.id)"
		  " OR NOT EXISTS (SELECT 1 FROM documents d WHERE d.person_id = p.id))",
		  "SELECT COUNT(*) FROM persons p WHERE p.given_name ~ '^W[0-9].*N[0-9]' AND"
		  " (NOT EXISTS (SELECT 1 FROM person_categories c WHERE c.person_id = p.id)"
		  " OR NOT EXISTS (SELECT 1 FROM documents d WHERE d.person_id = p.id))" },
	};
	for (size_t i = 0; i < sizeof(orphans) / sizeof(orphans[0]); i++) {
		const char *sql =
		    orphans[i][2] ? dialect(h, orphans[i][1], orphans[i][2]) : orphans[i][1];
		int64_t n = q_int(h, sql, 0);
		if (n != 0) {
			snprintf(why, cap, "%lld %s", (long long)n, orphans[i][0]);
			return false;
		}
	}
	/* PostgreSQL checks every foreign key at every statement, and no constraint of the
	 * schema is deferred or left unvalidated: a row breaking one cannot be stored. */
	if (h->pg) {
		if (q_int(h,
			  "SELECT COUNT(*) FROM pg_constraint WHERE contype = 'f' AND"
			  " (condeferred OR NOT convalidated)",
			  0) != 0) {
			snprintf(why, cap, "a foreign key is deferred or not validated");
			return false;
		}
	} else if (q_int(h, "SELECT COUNT(*) FROM pragma_foreign_key_check", 0) != 0) {
		snprintf(why, cap, "foreign_key_check reports rows");
		return false;
	}
	return true;
}

static void test_acknowledged_writes_survive_repeated_sigkill(void **state)
{
	(void)state;
	static struct writer ws[WRITERS];
	static struct tracked people[WRITERS][PEOPLE_MAX];
	double t0 = now_s();
	uint64_t main_rng = seed;
	for (int i = 0; i < WRITERS; i++) {
		ws[i] = (struct writer){ .no = i, .s = &srv, .people = people[i] };
		/* A token each, as separate clients of the API would have. */
		struct client *c = client_new(&srv);
		assert_int_equal(api_login(c, "worker", DEMO_PASSWORD), 201);
		snprintf(ws[i].token, sizeof(ws[i].token), "%s", c->bearer);
		client_free(c);
	}
	int total_creates = 0, total_edits = 0;
	for (uint64_t k = 0; k < kills; k++) {
		atomic_bool stop = false;
		pthread_t th[WRITERS];
		int started = 0;
		for (; started < WRITERS; started++) {
			struct writer *w = &ws[started];
			uint64_t s = seed ^ ((k * WRITERS + (uint64_t)started + 1) << 32);
			w->rng = rng_next(&s);
			w->stop = &stop;
			w->acked_creates = w->acked_edits = w->unexpected = 0;
			if (pthread_create(&th[started], NULL, writer_main, w))
				break;
		}
		if (started < WRITERS) {
			atomic_store(&stop, true);
			for (int i = 0; i < started; i++)
				pthread_join(th[i], NULL);
			fail_msg("pthread_create failed");
		}
		long delay = KILL_DELAY_MIN_MS + (long)rng_below(&main_rng, KILL_DELAY_SPAN_MS);
		sleep_ms(delay);
		int st = 0;
		int killed = server_signal_wait(&srv, SIGKILL, 10, &st);
		atomic_store(&stop, true);
		for (int i = 0; i < WRITERS; i++)
			pthread_join(th[i], NULL);
		assert_int_equal(killed, 0);
		assert_true(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);

		int creates = 0, edits = 0, in_flight = 0;
		for (int i = 0; i < WRITERS; i++) {
			struct writer *w = &ws[i];
			if (w->unexpected)
				fail_msg(
				    "kill %llu (seed %llu): writer %d had %d unexpected answers;"
				    " the first: %s",
				    (unsigned long long)k + 1, (unsigned long long)seed, i,
				    w->unexpected, w->first_unexpected);
			creates += w->acked_creates;
			edits += w->acked_edits;
			in_flight += w->create_pending;
			for (size_t p = 0; p < w->n; p++)
				in_flight += w->people[p].pending;
		}
		total_creates += creates;
		total_edits += edits;
		printf("durability: kill %llu/%llu after %ld ms: %d creates and %d edits"
		       " acknowledged, %d in flight\n",
		       (unsigned long long)k + 1, (unsigned long long)kills, delay, creates, edits,
		       in_flight);
		fflush(stdout);

		char out[1024];
		int rc = komek_run(srv.db, out, sizeof(out), "check", (const char *)NULL);
		if (rc != 0 || !strstr(out, "ok"))
			fail_msg("kill %llu (seed %llu): komek check: %d: %s",
				 (unsigned long long)k + 1, (unsigned long long)seed, rc, out);

		/* A commit the server sent just before it died may still land: wait until its
		 * sessions are gone (PostgreSQL) before looking. */
		assert_true(server_sessions_gone(&srv, 10));
		struct look h;
		assert_true(ro_open(&srv, &h));
		char why[512];
		bool ok = verify_after_kill(&h, ws, why, sizeof(why));
		ro_close(&h);
		if (!ok)
			fail_msg("kill %llu (seed %llu): %s", (unsigned long long)k + 1,
				 (unsigned long long)seed, why);

		assert_int_equal(server_start(&srv), 0);
		/* And the restarted server serves what was acknowledged. */
		for (int i = 0; i < WRITERS; i++) {
			if (!ws[i].n)
				continue;
			const struct tracked *t = &ws[i].people[ws[i].n - 1];
			struct resp *r = http_get(api, "/api/v1/persons/%lld", (long long)t->id);
			EXPECT_STATUS(r, 200);
			json_t *j = resp_json(r);
			assert_int_equal(json_int_of(j, "version", 0), t->acked.version);
			assert_string_equal(json_str_of(j, "family_name"), t->acked.family);
			assert_int_equal(json_array_size(json_object_get(j, "categories")),
					 t->acked.ncat);
			json_decref(j);
		}
	}
	printf("durability: %llu kills, %d creates and %d edits acknowledged, all there; %.1f s\n",
	       (unsigned long long)kills, total_creates, total_edits, now_s() - t0);
	fflush(stdout);
	/* The kills came while writes were going on. */
	assert_true(total_creates > 0);
	assert_true(total_edits > 0);
	assert_false(server_log_has_sanitizer_report(&srv));
}

/* ---- full disk ---- */

#define HEADROOM_BYTES (512 * 1024) /* beyond the files at the start: some writes fit */
#define FILLER_BYTES (1024 * 1024)  /* freed later, on the same tmpfs */
#define FULL_TRIES_MAX 5000         /* registrations before giving up on filling it */

static struct server fsrv;
static char mnt[64];
static bool mounted;

static void unmount_disk(void)
{
	if (mounted) {
		if (umount(mnt) == 0 || umount2(mnt, MNT_DETACH) == 0)
			mounted = false;
		else
			fprintf(stderr, "durability: cannot unmount %s: %s\n", mnt,
				strerror(errno));
	}
	if (mnt[0] && !mounted) {
		rmdir(mnt);
		mnt[0] = '\0';
	}
}

static int disk_teardown(void **state)
{
	(void)state;
	server_kill(&fsrv);
	unmount_disk();
	server_free(&fsrv);
	return 0;
}

static off_t file_size(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? st.st_size : 0;
}

/* Copies from to to (both small); 0 or -1. A missing source is no error. */
static int copy_file(const char *from, const char *to)
{
	int in = open(from, O_RDONLY);
	if (in < 0)
		return errno == ENOENT ? 0 : -1;
	int out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	int rc = out < 0 ? -1 : 0;
	char buf[65536];
	ssize_t n;
	while (!rc && (n = read(in, buf, sizeof(buf))) != 0) {
		if (n < 0 || write(out, buf, (size_t)n) != n)
			rc = -1;
	}
	close(in);
	if (out >= 0 && close(out))
		rc = -1;
	return rc;
}

/* Writes n bytes that take real space (a tmpfs keeps no pages for holes). */
static int write_filler(const char *path, size_t n)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return -1;
	char buf[65536];
	memset(buf, 'x', sizeof(buf));
	int rc = 0;
	while (!rc && n) {
		size_t k = n < sizeof(buf) ? n : sizeof(buf);
		if (write(fd, buf, k) != (ssize_t)k)
			rc = -1;
		n -= k;
	}
	return close(fd) || rc ? -1 : 0;
}

static bool server_alive(struct server *s)
{
	int st;
	return s->pid && waitpid(s->pid, &st, WNOHANG) == 0;
}

/* POST a person with the given name; the answer. */
static struct resp *register_person(struct client *c, const char *given, const char *cats)
{
	char body[512];
	snprintf(body, sizeof(body),
		 "{\"family_name\":\"Fullness\",\"given_name\":\"%s\",\"sex\":\"male\","
		 "\"categories\":%s,\"documents\":[{\"type\":\"passport\",\"number\":\"FD%s\"}]}",
		 given, cats, given);
	return http_post_json(c, "/api/v1/persons", body);
}

static int64_t persons_named(const struct server *s, const char *given)
{
	return db_int(s, "SELECT COUNT(*) FROM persons WHERE given_name = ?1", given,
		      (const char *)NULL);
}

/* A 503 in the client's language (ru) with the full-disk message, field null. */
static void expect_full_json(const struct resp *r)
{
	EXPECT_STATUS(r, 503);
	json_t *j = resp_json(r);
	json_t *err = json_object_get(j, "error");
	const char *msg = json_str_of(err, "message");
	const char *ru = i18n_tr("ru", MSG_FULL);
	assert_string_not_equal(ru, MSG_FULL); /* the catalog translates it */
	if (!msg || strcmp(msg, ru) != 0)
		fail_msg("%s: 503 with message \"%s\", want \"%s\"", r->what, msg ? msg : "(none)",
			 ru);
	assert_true(json_is_null(json_object_get(err, "field")));
	json_decref(j);
}

static void test_full_disk_refuses_writes_with_503_and_keeps_serving(void **state)
{
	(void)state;
	if (harness_pg()) {
		printf("skipped on PostgreSQL: the full disk is a tmpfs under the SQLite files; a"
		       " PostgreSQL database's disk is the database server's\n");
		skip();
	}
	if (geteuid() != 0) {
		printf("durability: SKIP full disk: it mounts a tmpfs, which needs root\n");
		skip();
	}
	assert_int_equal(server_new(&fsrv, true), 0);
	snprintf(mnt, sizeof(mnt), "/tmp/komek-full-XXXXXX");
	if (!mkdtemp(mnt)) {
		mnt[0] = '\0';
		fail_msg("mkdtemp: %s", strerror(errno));
	}
	char viewlog[HARNESS_PATH_MAX + 16];
	snprintf(viewlog, sizeof(viewlog), "%.*s.viewlog.db", (int)(strlen(fsrv.db) - 3), fsrv.db);
	/* The two files, their -shm (32 KiB each), headroom and the filler. */
	size_t files = (size_t)(file_size(fsrv.db) + file_size(viewlog) + 4095) / 4096 * 4096;
	size_t size = files + 4096 /* the key file */ + 64 * 1024 + HEADROOM_BYTES + FILLER_BYTES;
	char opts[64];
	snprintf(opts, sizeof(opts), "size=%zu,mode=0700", size);
	if (mount("tmpfs", mnt, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, opts) != 0) {
		printf("durability: SKIP full disk: cannot mount a tmpfs on %s (%s); this test"
		       " needs root with the right to mount\n",
		       mnt, strerror(errno));
		fflush(stdout);
		rmdir(mnt);
		mnt[0] = '\0';
		skip();
	}
	mounted = true;
	char path[HARNESS_PATH_MAX], filler[128];
	snprintf(path, sizeof(path), "%s/k.db", mnt);
	assert_int_equal(copy_file(fsrv.db, path), 0);
	char wal[HARNESS_PATH_MAX + 8], to[HARNESS_PATH_MAX + 16];
	snprintf(wal, sizeof(wal), "%s-wal", fsrv.db);
	snprintf(to, sizeof(to), "%s-wal", path);
	assert_int_equal(copy_file(wal, to), 0);
	snprintf(to, sizeof(to), "%s/k.viewlog.db", mnt);
	assert_int_equal(copy_file(viewlog, to), 0);
	/* The key file: the demo's case notes are sealed under it. */
	char key[HARNESS_PATH_MAX + 16];
	snprintf(key, sizeof(key), "%.*s.key", (int)(strlen(fsrv.db) - 3), fsrv.db);
	snprintf(to, sizeof(to), "%s/k.key", mnt);
	assert_int_equal(copy_file(key, to), 0);
	assert_int_equal(chmod(to, 0600), 0);
	snprintf(fsrv.db, sizeof(fsrv.db), "%s", path);
	snprintf(filler, sizeof(filler), "%s/filler", mnt);
	assert_int_equal(write_filler(filler, FILLER_BYTES), 0);
	printf("durability: full disk: a tmpfs of %zu KiB: %zu KiB of database, %d KiB of"
	       " headroom, %d KiB of filler\n",
	       size / 1024, files / 1024, HEADROOM_BYTES / 1024, FILLER_BYTES / 1024);
	fflush(stdout);

	assert_int_equal(server_start(&fsrv), 0);
	struct client *c = client_new(&fsrv);
	assert_int_equal(api_login(c, "worker", DEMO_PASSWORD), 201);
	snprintf(c->accept_lang, sizeof(c->accept_lang), "ru");
	struct client *web = client_new(&fsrv);
	assert_int_equal(web_login(web, "worker", DEMO_PASSWORD), 303);

	/* Made while there is space: one to read and edit, one restricted (its views must be
	 * on disk before it is shown). */
	struct resp *r = register_person(c, "Editable", "[\"labour_migrant\"]");
	EXPECT_STATUS(r, 201);
	json_t *j = resp_json(r);
	int64_t edit_id = json_int_of(j, "id", 0);
	json_decref(j);
	r = register_person(c, "Protected", "[\"trafficking_victim\"]");
	EXPECT_STATUS(r, 201);
	j = resp_json(r);
	int64_t restricted_id = json_int_of(j, "id", 0);
	assert_true(json_is_true(json_object_get(j, "restricted")));
	json_decref(j);

	/* Register until the disk is full. */
	static int64_t acked[FULL_TRIES_MAX + 16];
	int nacked = 0, tries = 0;
	char given[32];
	int64_t before = db_int(&fsrv, "SELECT COUNT(*) FROM persons", (const char *)NULL);
	for (; tries < FULL_TRIES_MAX; tries++) {
		snprintf(given, sizeof(given), "F%d", tries);
		r = register_person(c, given, "[\"labour_migrant\",\"refugee\"]");
		if (r->status != 201)
			break;
		j = resp_json(r);
		acked[nacked++] = json_int_of(j, "id", 0);
		json_decref(j);
	}
	printf("durability: full disk: %d people registered, then %ld for %s\n", nacked, r->status,
	       given);
	fflush(stdout);
	assert_true(nacked > 0);
	assert_true(server_alive(&fsrv));
	expect_full_json(r);
	/* Nothing of it was written. */
	assert_int_equal(persons_named(&fsrv, given), 0);
	assert_int_equal(db_int(&fsrv, "SELECT COUNT(*) FROM persons", (const char *)NULL),
			 before + nacked);

	/* While it is full: more writes, through the API and the form, each either stored
	 * whole (when it fits where a failed one was) or refused with 503 and not there. */
	int refused = 0;
	for (int i = 0; i < 10; i++, tries++) {
		snprintf(given, sizeof(given), "F%d", tries);
		r = register_person(c, given, "[\"labour_migrant\",\"refugee\"]");
		if (r->status == 201) {
			j = resp_json(r);
			acked[nacked++] = json_int_of(j, "id", 0);
			json_decref(j);
			continue;
		}
		expect_full_json(r);
		assert_int_equal(persons_named(&fsrv, given), 0);
		refused++;
	}
	char epath[64];
	snprintf(epath, sizeof(epath), "/api/v1/persons/%lld", (long long)edit_id);
	r = http_patch_json(c, epath,
			    "{\"version\":1,\"family_name\":\"Edited while full\","
			    "\"categories\":[\"refugee\"]}");
	int edit_version = 1;
	if (r->status == 200) {
		edit_version = 2;
	} else {
		expect_full_json(r);
		refused++;
	}
	assert_int_equal(db_int(&fsrv, "SELECT version FROM persons WHERE id = ?1", i64s(edit_id),
				(const char *)NULL),
			 edit_version);
	assert_int_equal(db_int(&fsrv,
				"SELECT COUNT(*) FROM person_categories WHERE person_id = ?1 AND"
				" category = 'refugee'",
				i64s(edit_id), (const char *)NULL),
			 edit_version == 2 ? 1 : 0);

	struct sbuf b = { 0 };
	sb_form(&b, "_csrf", web->csrf);
	sb_form(&b, "family_name", "Fullness");
	sb_form(&b, "given_name", "Form");
	sb_form(&b, "sex", "female");
	sb_form(&b, "categories", "labour_migrant");
	r = http_post_form(web, "/persons", sb_str(&b));
	sb_free(&b);
	if (r->status == 303) {
		assert_int_equal(persons_named(&fsrv, "Form"), 1);
	} else {
		EXPECT_STATUS(r, 503);
		/* A page in the user's language (kk by default) with the message. */
		const char *kk = i18n_tr("kk", MSG_FULL);
		assert_string_not_equal(kk, MSG_FULL);
		if (!resp_has(r, kk))
			fail_msg("the form's 503 page lacks \"%s\"", kk);
		assert_int_equal(persons_named(&fsrv, "Form"), 0);
		refused++;
	}
	printf("durability: full disk: %d of 12 more writes refused while full\n", refused);
	fflush(stdout);
	assert_true(refused > 0);

	/* Reads go on. Their view rows are counted, to say below how many reached the view log. */
	static const char views_sql[] = "SELECT COUNT(*) FROM viewlog.audit WHERE action ="
					" 'person.view' AND entity_id IN (?1, ?2, ?3)";
	const int64_t viewed[3] = { edit_id, acked[0], acked[nacked - 1] };
	int64_t views_before = db_int(&fsrv, views_sql, i64s(viewed[0]), i64s(viewed[1]),
				      i64s(viewed[2]), (const char *)NULL);
	r = http_get(c, "/api/v1/persons/%lld", (long long)viewed[1]);
	EXPECT_STATUS(r, 200);
	r = http_get(c, "/api/v1/persons/%lld", (long long)viewed[0]);
	EXPECT_STATUS(r, 200);
	j = resp_json(r);
	assert_int_equal(json_int_of(j, "version", 0), edit_version);
	json_decref(j);
	r = http_get(c, "/api/v1/persons?limit=5&q=Fullness");
	EXPECT_STATUS(r, 200);
	r = http_get(web, "/persons");
	EXPECT_STATUS(r, 200);
	r = http_get(web, "/persons/%lld", (long long)viewed[2]);
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "Fullness"));
	/* A restricted person is shown only once the view is on disk: refused if it cannot be. */
	static const char restricted_views_sql[] = "SELECT COUNT(*) FROM viewlog.audit WHERE action"
						   " = 'person.view' AND entity_id = ?1";
	int64_t views =
	    db_int(&fsrv, restricted_views_sql, i64s(restricted_id), (const char *)NULL);
	r = http_get(c, "/api/v1/persons/%lld", (long long)restricted_id);
	printf("durability: full disk: a restricted person's view: %ld\n", r->status);
	if (r->status == 200) {
		assert_int_equal(
		    db_int(&fsrv, restricted_views_sql, i64s(restricted_id), (const char *)NULL),
		    ++views);
	} else {
		expect_full_json(r);
		assert_false(resp_has(r, "Protected"));
	}
	assert_true(server_alive(&fsrv));

	/* Space comes back: writes work again, without a restart. */
	assert_int_equal(unlink(filler), 0);
	for (int i = 0; i < 3; i++, tries++) {
		snprintf(given, sizeof(given), "F%d", tries);
		r = register_person(c, given, "[\"labour_migrant\"]");
		EXPECT_STATUS(r, 201);
		j = resp_json(r);
		acked[nacked++] = json_int_of(j, "id", 0);
		json_decref(j);
	}
	r = http_patch_json(c, epath,
			    edit_version == 1 ? "{\"version\":1,\"family_name\":\"Edited after\"}"
					      : "{\"version\":2,\"family_name\":\"Edited after\"}");
	EXPECT_STATUS(r, 200);
	r = http_get(c, "/api/v1/persons/%lld", (long long)restricted_id);
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "Protected"));
	assert_int_equal(
	    db_int(&fsrv, restricted_views_sql, i64s(restricted_id), (const char *)NULL),
	    views + 1);

	/* Everything acknowledged is there, whole; nothing else is. */
	for (int i = 0; i < nacked; i++) {
		const char *id = i64s(acked[i]);
		if (db_int(&fsrv, "SELECT COUNT(*) FROM documents WHERE person_id = ?1", id,
			   (const char *)NULL) != 1 ||
		    db_int(&fsrv, "SELECT COUNT(*) FROM person_categories WHERE person_id = ?1", id,
			   (const char *)NULL) < 1 ||
		    db_int(&fsrv,
			   "SELECT COUNT(*) FROM audit WHERE action = 'person.create' AND"
			   " entity_id = ?1",
			   id, (const char *)NULL) != 1)
			fail_msg("acknowledged person %s is not whole", id);
	}
	assert_int_equal(db_int(&fsrv,
				"SELECT COUNT(*) FROM persons WHERE family_name = 'Fullness' AND"
				" given_name GLOB 'F[0-9]*'",
				(const char *)NULL),
			 nacked);
	assert_true(server_stop_graceful(&fsrv));
	/* The rows of the ordinary views served while the disk was full were kept and written
	 * once there was space again (audit_writer.c retries a failed batch), at the latest by
	 * the graceful stop. */
	int64_t views_after = db_int(&fsrv, views_sql, i64s(viewed[0]), i64s(viewed[1]),
				     i64s(viewed[2]), (const char *)NULL);
	assert_int_equal(views_after - views_before, 3);
	char out[1024];
	int rc = komek_run(fsrv.db, out, sizeof(out), "check", (const char *)NULL);
	if (rc != 0 || !strstr(out, "ok"))
		fail_msg("komek check after the full disk: %d: %s", rc, out);
	client_free(web);
	client_free(c);
}

int main(int argc, char **argv)
{
	harness_init(argc, argv);
	/* Runs before the harness's own cleanup (atexit is last in, first out): a tmpfs left
	 * behind by a crash is detached even while a server still holds it. */
	atexit(unmount_disk);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_acknowledged_writes_survive_repeated_sigkill),
		cmocka_unit_test_teardown(test_full_disk_refuses_writes_with_503_and_keeps_serving,
					  disk_teardown),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
