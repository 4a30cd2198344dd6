/* harness.c: the real server as a child process, libcurl clients, and read-only looks into
 * the test's database, a SQLite file or a PostgreSQL database of its own (see harness.h).
 *
 * The server's stdout and stderr go to files in its temporary directory: the port is read
 * from the stdout file (no pipe that could fill up or break), and the stderr file is the log
 * shown when a test fails and searched for sanitizer reports. Children ask the kernel to
 * SIGKILL them if the test program dies, so a crashed test leaves no server behind. */
#include "harness.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <libpq-fe.h>
#include <pthread.h>
#include <sqlite3.h>

#include "base/banned.h"

#define SERVERS_MAX 16
#define START_TIMEOUT_MS 60000
#define PG_CONNS_MAX 8
#define PARAMS_MAX 16

static char komek_bin[PATH_MAX];
static struct server *servers[SERVERS_MAX];
/* Every live client, so that a failed test (which returns before its client_free) leaks
 * nothing that a leak checker would report at exit. */
static struct client *clients;

static void pg_conns_close_all(void);

/* ---- small helpers ---- */

char *xstrdup(const char *s)
{
	char *d = strdup(s ? s : "");
	if (!d)
		abort();
	return d;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void today_iso(char out[11])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

int today_year(void)
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	return tm.tm_year + 1900;
}

int64_t json_int_of(json_t *o, const char *key, int64_t dflt)
{
	json_t *v = json_object_get(o, key);
	return json_is_integer(v) ? (int64_t)json_integer_value(v) : dflt;
}

const char *json_str_of(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

const char *i64s(int64_t v)
{
	static char bufs[8][24];
	static unsigned next;
	char *b = bufs[next++ % 8];
	snprintf(b, sizeof(bufs[0]), "%lld", (long long)v);
	return b;
}

/* ---- setup and cleanup ---- */

void harness_init(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s PATH_TO_KOMEK\n", argc ? argv[0] : "test");
		exit(2);
	}
	if (!realpath(argv[1], komek_bin) || access(komek_bin, X_OK)) {
		fprintf(stderr, "harness: %s is not an executable komek binary\n", argv[1]);
		exit(2);
	}
	if (curl_global_init(CURL_GLOBAL_DEFAULT)) {
		fprintf(stderr, "harness: curl_global_init failed\n");
		exit(2);
	}
	signal(SIGPIPE, SIG_IGN);
	atexit(harness_cleanup_all);
}

const char *harness_komek(void)
{
	return komek_bin;
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP || flag == FTW_D)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

static void rm_rf(const char *dir)
{
	if (dir[0])
		nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

void harness_cleanup_all(void)
{
	while (clients)
		client_free(clients);
	/* Every server stopped before any database is dropped: some may share one. */
	for (size_t i = 0; i < SERVERS_MAX; i++)
		if (servers[i])
			server_kill(servers[i]);
	for (size_t i = 0; i < SERVERS_MAX; i++)
		if (servers[i])
			server_free(servers[i]);
	pg_conns_close_all();
	static bool curl_done;
	if (!curl_done) {
		curl_done = true;
		curl_global_cleanup();
	}
}

static void register_server(struct server *s)
{
	for (size_t i = 0; i < SERVERS_MAX; i++)
		if (!servers[i]) {
			servers[i] = s;
			s->registered = true;
			return;
		}
	fprintf(stderr, "harness: too many servers\n");
	abort();
}

static void unregister_server(struct server *s)
{
	for (size_t i = 0; i < SERVERS_MAX; i++)
		if (servers[i] == s)
			servers[i] = NULL;
	s->registered = false;
}

/* ---- PostgreSQL ---- */

bool harness_pg(void)
{
	const char *url = getenv("KOMEK_TEST_PG"), *on = getenv("KOMEK_TEST_HTTP_PG");
	return url && *url && on && strcmp(on, "1") == 0;
}

bool server_is_pg(const struct server *s)
{
	return strncmp(s->db, "postgresql://", 13) == 0 || strncmp(s->db, "postgres://", 11) == 0;
}

bool pg_skips(const struct server *s, const char *why)
{
	if (!server_is_pg(s))
		return false;
	printf("skipped on PostgreSQL: %s\n", why);
	fflush(stdout);
	return true;
}

/* One connection per database URL for the looks into it, made on first use; the mutex
 * because a test may look from a thread. */
static struct {
	char url[HARNESS_PATH_MAX];
	PGconn *pg;
} pg_conns[PG_CONNS_MAX];
static pthread_mutex_t pg_mu = PTHREAD_MUTEX_INITIALIZER;

/* Quiet: "database does not exist, skipping" is no news. */
static void pg_quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

static PGconn *pg_connect(const char *url)
{
	PGconn *pg = PQconnectdb(url);
	if (PQstatus(pg) != CONNECTION_OK) {
		fprintf(stderr, "harness: cannot connect to %s: %s", url, PQerrorMessage(pg));
		PQfinish(pg);
		return NULL;
	}
	PQsetNoticeProcessor(pg, pg_quiet, NULL);
	return pg;
}

/* The cached connection to url (pg_mu held); NULL if it cannot be made. */
static PGconn *pg_conn_for(const char *url)
{
	int free_slot = -1;
	for (int i = 0; i < PG_CONNS_MAX; i++) {
		if (pg_conns[i].pg && strcmp(pg_conns[i].url, url) == 0) {
			if (PQstatus(pg_conns[i].pg) == CONNECTION_OK)
				return pg_conns[i].pg;
			PQfinish(pg_conns[i].pg);
			pg_conns[i].pg = NULL;
		}
		if (!pg_conns[i].pg && free_slot < 0)
			free_slot = i;
	}
	if (free_slot < 0) {
		/* Full: the oldest goes (slot 0), the others move down. */
		PQfinish(pg_conns[0].pg);
		memmove(&pg_conns[0], &pg_conns[1], sizeof(pg_conns[0]) * (PG_CONNS_MAX - 1));
		free_slot = PG_CONNS_MAX - 1;
		pg_conns[free_slot].pg = NULL;
	}
	PGconn *pg = pg_connect(url);
	if (pg) {
		snprintf(pg_conns[free_slot].url, sizeof(pg_conns[free_slot].url), "%s", url);
		pg_conns[free_slot].pg = pg;
	}
	return pg;
}

static void pg_conns_close_all(void)
{
	pthread_mutex_lock(&pg_mu);
	for (int i = 0; i < PG_CONNS_MAX; i++) {
		PQfinish(pg_conns[i].pg);
		pg_conns[i].pg = NULL;
	}
	pthread_mutex_unlock(&pg_mu);
}

static void pg_conn_close(const char *url)
{
	pthread_mutex_lock(&pg_mu);
	for (int i = 0; i < PG_CONNS_MAX; i++)
		if (pg_conns[i].pg && strcmp(pg_conns[i].url, url) == 0) {
			PQfinish(pg_conns[i].pg);
			pg_conns[i].pg = NULL;
		}
	pthread_mutex_unlock(&pg_mu);
}

/* base with its database name replaced by name: "postgresql://u@h:p/x?o" →
 * "postgresql://u@h:p/NAME?o". false if it does not fit. */
static bool pg_url_with_db(const char *base, const char *name, char *out, size_t cap)
{
	const char *auth = strstr(base, "://");
	if (!auth)
		return false;
	auth += 3;
	const char *query = strchr(auth, '?');
	size_t end = query ? (size_t)(query - base) : strlen(base);
	const char *slash = memchr(auth, '/', end - (size_t)(auth - base));
	size_t keep = slash ? (size_t)(slash - base) : end;
	int n = snprintf(out, cap, "%.*s/%s%s", (int)keep, base, name, query ? query : "");
	return n > 0 && (size_t)n < cap;
}

/* Runs a statement without parameters on the cluster's own database (KOMEK_TEST_PG); 0 or
 * -1 (reported). */
static int pg_admin(const char *sql)
{
	PGconn *pg = pg_connect(getenv("KOMEK_TEST_PG"));
	if (!pg)
		return -1;
	PGresult *res = PQexec(pg, sql);
	int rc = PQresultStatus(res) == PGRES_COMMAND_OK ? 0 : -1;
	if (rc)
		fprintf(stderr, "harness: %s: %s", sql, PQresultErrorMessage(res));
	PQclear(res);
	PQfinish(pg);
	return rc;
}

/* A new database for s, its URL in s->db. */
static int pg_create(struct server *s)
{
	static unsigned counter;
	char name[64], sql[160];
	snprintf(name, sizeof(name), "kh_%ld_%u", (long)getpid(), counter++);
	if (!pg_url_with_db(getenv("KOMEK_TEST_PG"), name, s->db, sizeof(s->db))) {
		fprintf(stderr, "harness: KOMEK_TEST_PG is not a URL, or too long\n");
		return -1;
	}
	snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
	if (pg_admin(sql))
		return -1;
	snprintf(sql, sizeof(sql), "CREATE DATABASE %s", name);
	if (pg_admin(sql))
		return -1;
	snprintf(s->pgname, sizeof(s->pgname), "%s", name);
	return 0;
}

static void pg_drop(struct server *s)
{
	if (!s->pgname[0])
		return;
	pg_conn_close(s->db);
	if (getenv("KOMEK_TEST_KEEP")) {
		fprintf(stderr, "harness: keeping the database %s\n", s->db);
	} else {
		char sql[128];
		snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s WITH (FORCE)", s->pgname);
		pg_admin(sql);
	}
	s->pgname[0] = '\0';
}

/* sql with ?N as $N outside quoted text and identifiers, into out; *max is the highest N.
 * false if it does not fit. */
static bool pg_translate(const char *sql, char *out, size_t cap, int *max)
{
	size_t o = 0;
	char quote = 0;
	*max = 0;
	for (const char *p = sql; *p; p++) {
		if (o + 2 >= cap)
			return false;
		char ch = *p;
		if (quote) {
			if (ch == quote)
				quote = 0;
		} else if (ch == '\'' || ch == '"') {
			quote = ch;
		} else if (ch == '?' && p[1] >= '1' && p[1] <= '9') {
			ch = '$';
			int v = 0;
			for (const char *d = p + 1; *d >= '0' && *d <= '9'; d++)
				v = v * 10 + (*d - '0');
			if (v > *max)
				*max = v;
		}
		out[o++] = ch;
	}
	out[o] = '\0';
	return true;
}

static int pg_first(const struct server *s, const char *sql, const char *const *params, int n,
		    char *out, size_t cap, bool *is_null)
{
	char text[8192];
	int max;
	if (!pg_translate(sql, text, sizeof(text), &max) || max > PARAMS_MAX) {
		fprintf(stderr, "harness: the query is too long or has too many parameters: %s\n",
			sql);
		return -1;
	}
	const char *values[PARAMS_MAX] = { 0 };
	for (int i = 0; i < n && i < max; i++)
		values[i] = params[i];
	pthread_mutex_lock(&pg_mu);
	PGconn *pg = pg_conn_for(s->db);
	int rc = -1;
	if (pg) {
		PGresult *res = PQexecParams(pg, text, max, NULL, values, NULL, NULL, 0);
		if (PQresultStatus(res) != PGRES_TUPLES_OK) {
			fprintf(stderr, "harness: %s: %s", sql, PQresultErrorMessage(res));
		} else if (PQntuples(res) == 0 || PQnfields(res) == 0) {
			rc = 0;
		} else {
			bool null = PQgetisnull(res, 0, 0);
			if (out && cap)
				snprintf(out, cap, "%s", null ? "" : PQgetvalue(res, 0, 0));
			if (is_null)
				*is_null = null;
			rc = 1;
		}
		PQclear(res);
	}
	pthread_mutex_unlock(&pg_mu);
	return rc;
}

bool server_sessions_gone(const struct server *s, int timeout_s)
{
	if (!server_is_pg(s))
		return true;
	long start = now_ms();
	for (;;) {
		char n[32];
		if (pg_first(
			s,
			"SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()"
			" AND pid <> pg_backend_pid()",
			NULL, 0, n, sizeof(n), NULL) == 1 &&
		    strcmp(n, "0") == 0)
			return true;
		if (now_ms() - start > (long)timeout_s * 1000) {
			fprintf(stderr, "harness: sessions of %s still open after %d s\n", s->db,
				timeout_s);
			return false;
		}
		sleep_ms(10);
	}
}

/* The text of PostgreSQL's answer as SQLite's sqlite3_column_int64 would read it: a
 * boolean is 0 or 1, a number its leading integer, NULL 0. */
static int64_t pg_int_of(const char *v)
{
	if (strcmp(v, "t") == 0)
		return 1;
	if (strcmp(v, "f") == 0)
		return 0;
	return strtoll(v, NULL, 10);
}

/* In a child: dies with the parent, and closes every descriptor above stderr. */
static void child_prepare(pid_t parent)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(127);
	long max = sysconf(_SC_OPEN_MAX);
	if (max < 0 || max > 65536)
		max = 65536;
	for (int fd = 3; fd < max; fd++)
		close(fd);
}

/* komek_run and komek_run_input: input (NULL: /dev/null) on the child's standard input. */
static int komek_runv(const char *db, const char *input, char *out, size_t cap, va_list ap)
{
	const char *argv[32];
	size_t n = 0;
	argv[n++] = komek_bin;
	argv[n++] = "--db";
	argv[n++] = db;
	/* A database server has no folder beside the database for the key file. */
	for (size_t i = 0; i < SERVERS_MAX; i++)
		if (servers[i] && servers[i]->key[0] && strcmp(servers[i]->db, db) == 0) {
			argv[n++] = "--key-file";
			argv[n++] = servers[i]->key;
			break;
		}
	const char *a;
	while ((a = va_arg(ap, const char *)) && n < 30)
		argv[n++] = a;
	argv[n] = NULL;

	int fds[2], in[2] = { -1, -1 };
	if (pipe(fds))
		return -1;
	if (input && pipe(in)) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	pid_t parent = getpid();
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		if (input) {
			close(in[0]);
			close(in[1]);
		}
		return -1;
	}
	if (pid == 0) {
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		int devnull = input ? in[0] : open("/dev/null", O_RDONLY);
		if (devnull >= 0)
			dup2(devnull, 0);
		child_prepare(parent);
		execv(komek_bin, (char *const *)(void *)argv);
		_exit(127);
	}
	close(fds[1]);
	if (input) {
		/* A few bytes: they fit in the pipe, so the write does not wait for the child. */
		close(in[0]);
		size_t len = strlen(input), done = 0;
		while (done < len) {
			ssize_t w = write(in[1], input + done, len - done);
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				break;
			done += (size_t)w;
		}
		close(in[1]);
	}
	size_t used = 0;
	char buf[4096];
	ssize_t got;
	while ((got = read(fds[0], buf, sizeof(buf))) != 0) {
		if (got < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (out && cap) {
			size_t room = cap - 1 - used;
			size_t take = (size_t)got < room ? (size_t)got : room;
			memcpy(out + used, buf, take);
			used += take;
		}
	}
	close(fds[0]);
	if (out && cap)
		out[used] = '\0';
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int komek_run(const char *db, char *out, size_t cap, ...)
{
	va_list ap;
	va_start(ap, cap);
	int rc = komek_runv(db, NULL, out, cap, ap);
	va_end(ap);
	return rc;
}

int komek_run_input(const char *db, const char *input, char *out, size_t cap, ...)
{
	va_list ap;
	va_start(ap, cap);
	int rc = komek_runv(db, input, out, cap, ap);
	va_end(ap);
	return rc;
}

int server_new(struct server *s, bool demo)
{
	memset(s, 0, sizeof(*s));
	snprintf(s->dir, sizeof(s->dir), "/tmp/komek-http-XXXXXX");
	if (!mkdtemp(s->dir)) {
		fprintf(stderr, "harness: mkdtemp: %s\n", strerror(errno));
		s->dir[0] = '\0';
		return -1;
	}
	register_server(s);
	snprintf(s->log, sizeof(s->log), "%s/server.log", s->dir);
	snprintf(s->out, sizeof(s->out), "%s/server.out", s->dir);
	if (harness_pg()) {
		snprintf(s->key, sizeof(s->key), "%s/k.key", s->dir);
		if (pg_create(s))
			return -1;
	} else {
		snprintf(s->db, sizeof(s->db), "%s/k.db", s->dir);
	}
	if (!demo)
		return 0;
	char out[4096];
	int rc = komek_run(s->db, out, sizeof(out), "demo", (const char *)NULL);
	if (rc != 0) {
		fprintf(stderr, "harness: komek demo failed (%d):\n%s\n", rc, out);
		return -1;
	}
	return 0;
}

int server_new_shared(struct server *s, const struct server *first)
{
	memset(s, 0, sizeof(*s));
	snprintf(s->dir, sizeof(s->dir), "/tmp/komek-http-XXXXXX");
	if (!mkdtemp(s->dir)) {
		fprintf(stderr, "harness: mkdtemp: %s\n", strerror(errno));
		s->dir[0] = '\0';
		return -1;
	}
	register_server(s);
	snprintf(s->log, sizeof(s->log), "%s/server.log", s->dir);
	snprintf(s->out, sizeof(s->out), "%s/server.out", s->dir);
	snprintf(s->db, sizeof(s->db), "%s", first->db);
	snprintf(s->key, sizeof(s->key), "%s", first->key);
	return 0;
}

/* The port from "listening on http://127.0.0.1:PORT/" in the stdout file, or 0. */
static int read_port(const char *path)
{
	char buf[512];
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	const char *p = strstr(buf, "listening on http://127.0.0.1:");
	if (!p || !strchr(p, '\n'))
		return 0;
	p += strlen("listening on http://127.0.0.1:");
	char *end;
	long port = strtol(p, &end, 10);
	return *end == '/' && port > 0 && port < 65536 ? (int)port : 0;
}

static size_t discard(char *p, size_t size, size_t n, void *arg)
{
	(void)p;
	(void)arg;
	return size * n;
}

static bool probe(const struct server *s)
{
	CURL *h = curl_easy_init();
	if (!h)
		return false;
	char url[128];
	snprintf(url, sizeof(url), "%s/static/app.css", s->base);
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 2000L);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
	long status = 0;
	bool ok = curl_easy_perform(h) == CURLE_OK &&
		  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status) == CURLE_OK &&
		  status == 200;
	curl_easy_cleanup(h);
	return ok;
}

int server_start(struct server *s)
{
	if (s->pid) {
		fprintf(stderr, "harness: server already running\n");
		return -1;
	}
	unlink(s->out);
	pid_t parent = getpid();
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int o = open(s->out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int e = open(s->log, O_WRONLY | O_CREAT | O_APPEND, 0600);
		int devnull = open("/dev/null", O_RDONLY);
		if (o < 0 || e < 0)
			_exit(127);
		dup2(o, 1);
		dup2(e, 2);
		if (devnull >= 0)
			dup2(devnull, 0);
		child_prepare(parent);
		const char *argv[16 + SERVER_ARGS_MAX];
		size_t n = 0;
		argv[n++] = komek_bin;
		argv[n++] = "--db";
		argv[n++] = s->db;
		if (s->key[0]) {
			argv[n++] = "--key-file";
			argv[n++] = s->key;
		}
		const char *serve[] = { "serve", "--listen", "127.0.0.1:0", "--threads", "4" };
		for (size_t i = 0; i < sizeof(serve) / sizeof(serve[0]); i++)
			argv[n++] = serve[i];
		for (size_t i = 0; i < SERVER_ARGS_MAX && s->args[i]; i++)
			argv[n++] = s->args[i];
		argv[n] = NULL;
		execv(komek_bin, (char *const *)(void *)argv);
		_exit(127);
	}
	s->pid = pid;
	long start = now_ms();
	while ((s->port = read_port(s->out)) == 0) {
		int st;
		if (waitpid(pid, &st, WNOHANG) == pid) {
			s->pid = 0;
			fprintf(stderr, "harness: the server exited before listening (status %d)\n",
				st);
			server_dump_log(s);
			return -1;
		}
		if (now_ms() - start > START_TIMEOUT_MS) {
			fprintf(stderr, "harness: the server did not print its port\n");
			server_kill(s);
			server_dump_log(s);
			return -1;
		}
		sleep_ms(10);
	}
	snprintf(s->base, sizeof(s->base), "http://127.0.0.1:%d", s->port);
	while (!probe(s)) {
		if (now_ms() - start > START_TIMEOUT_MS) {
			fprintf(stderr, "harness: the server does not answer on %s\n", s->base);
			server_kill(s);
			server_dump_log(s);
			return -1;
		}
		sleep_ms(20);
	}
	return 0;
}

int server_signal_wait(struct server *s, int sig, int timeout_s, int *status)
{
	if (!s->pid)
		return -1;
	kill(s->pid, sig);
	long start = now_ms();
	for (;;) {
		int st;
		pid_t got = waitpid(s->pid, &st, WNOHANG);
		if (got == s->pid) {
			s->pid = 0;
			if (status)
				*status = st;
			return 0;
		}
		if (got < 0 && errno != EINTR) {
			s->pid = 0;
			return -1;
		}
		if (now_ms() - start > (long)timeout_s * 1000) {
			fprintf(stderr,
				"harness: the server did not stop within %d s of signal %d\n",
				timeout_s, sig);
			kill(s->pid, SIGKILL);
			waitpid(s->pid, &st, 0);
			s->pid = 0;
			return -1;
		}
		sleep_ms(10);
	}
}

/* Whether a line of the server's log holds any of the needles (a NULL-ended list). */
static bool log_has_any(const struct server *s, const char *const *needles)
{
	FILE *f = fopen(s->log, "r");
	if (!f)
		return false;
	char line[4096];
	bool found = false;
	while (!found && fgets(line, sizeof(line), f))
		for (const char *const *n = needles; !found && *n; n++)
			found = strstr(line, *n) != NULL;
	fclose(f);
	return found;
}

bool server_log_has_sanitizer_report(const struct server *s)
{
	static const char *const reports[] = { "ERROR: AddressSanitizer", "ERROR: LeakSanitizer",
					       "runtime error:",
					       "SUMMARY: UndefinedBehaviorSanitizer", NULL };
	return log_has_any(s, reports);
}

bool server_log_has(const struct server *s, const char *needle)
{
	const char *const needles[] = { needle, NULL };
	return log_has_any(s, needles);
}

bool server_stop_graceful(struct server *s)
{
	int st = 0;
	if (server_signal_wait(s, SIGTERM, 30, &st)) {
		server_dump_log(s);
		return false;
	}
	bool ok = WIFEXITED(st) && WEXITSTATUS(st) == 0;
	if (!ok)
		fprintf(stderr, "harness: the server ended with %s %d after SIGTERM\n",
			WIFEXITED(st) ? "exit status" : "signal",
			WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
	if (server_log_has_sanitizer_report(s)) {
		fprintf(stderr, "harness: the server's log has a sanitizer report\n");
		ok = false;
	}
	if (!ok)
		server_dump_log(s);
	return ok;
}

void server_kill(struct server *s)
{
	if (s->pid)
		server_signal_wait(s, SIGKILL, 10, NULL);
}

void server_free(struct server *s)
{
	server_kill(s);
	pg_drop(s);
	if (getenv("KOMEK_TEST_KEEP") && s->dir[0])
		fprintf(stderr, "harness: keeping %s\n", s->dir);
	else
		rm_rf(s->dir);
	s->dir[0] = '\0';
	if (s->registered)
		unregister_server(s);
}

void server_dump_log(const struct server *s)
{
	FILE *f = fopen(s->log, "r");
	if (!f)
		return;
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	long from = size > 6000 ? size - 6000 : 0;
	fseek(f, from, SEEK_SET);
	fprintf(stderr, "---- server log (%s, last %ld bytes) ----\n", s->log, size - from);
	char buf[1024];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		fwrite(buf, 1, n, stderr);
	fprintf(stderr, "---- end of server log ----\n");
	fclose(f);
}

/* ---- HTTP ---- */

static size_t on_body(char *p, size_t size, size_t n, void *arg)
{
	struct resp *r = arg;
	size_t add = size * n;
	char *nb = realloc(r->body, r->len + add + 1);
	if (!nb)
		return 0;
	memcpy(nb + r->len, p, add);
	r->body = nb;
	r->len += add;
	r->body[r->len] = '\0';
	return add;
}

static size_t on_header(char *p, size_t size, size_t n, void *arg)
{
	struct resp *r = arg;
	size_t len = size * n;
	if (len >= 5 && strncmp(p, "HTTP/", 5) == 0) {
		/* A new status line (after a 1xx): forget what came before. */
		for (size_t i = 0; i < r->nh; i++) {
			free(r->h[i].name);
			free(r->h[i].value);
		}
		r->nh = 0;
		return len;
	}
	const char *colon = memchr(p, ':', len);
	if (!colon || r->nh >= RESP_HEADERS_MAX)
		return len;
	size_t nl = (size_t)(colon - p);
	const char *v = colon + 1;
	size_t vl = len - nl - 1;
	while (vl && (*v == ' ' || *v == '\t'))
		v++, vl--;
	while (vl && (v[vl - 1] == '\r' || v[vl - 1] == '\n' || v[vl - 1] == ' '))
		vl--;
	r->h[r->nh].name = strndup(p, nl);
	r->h[r->nh].value = strndup(v, vl);
	if (!r->h[r->nh].name || !r->h[r->nh].value)
		abort();
	r->nh++;
	return len;
}

struct client *client_new_unlisted(const struct server *s)
{
	struct client *c = calloc(1, sizeof(*c));
	if (!c)
		abort();
	c->srv = s;
	c->curl = curl_easy_init();
	if (!c->curl)
		abort();
	CURL *h = c->curl;
	curl_easy_setopt(h, CURLOPT_COOKIEFILE, ""); /* an in-memory jar */
	/* The path exactly as given: no "/../" squashing, so that tests can send them. */
	curl_easy_setopt(h, CURLOPT_PATH_AS_IS, 1L);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 120L);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &c->r);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, &c->r);
	return c;
}

struct client *client_new(const struct server *s)
{
	struct client *c = client_new_unlisted(s);
	c->next = clients;
	clients = c;
	return c;
}

static void resp_clear(struct resp *r)
{
	free(r->body);
	for (size_t i = 0; i < r->nh; i++) {
		free(r->h[i].name);
		free(r->h[i].value);
	}
	memset(r, 0, sizeof(*r));
}

void client_free(struct client *c)
{
	if (!c)
		return;
	for (struct client **p = &clients; *p; p = &(*p)->next)
		if (*p == c) {
			*p = c->next;
			break;
		}
	resp_clear(&c->r);
	curl_easy_cleanup(c->curl);
	free(c);
}

struct resp *http_do(struct client *c, const char *method, const char *path, const char *ctype,
		     const char *body, size_t len)
{
	CURL *h = c->curl;
	resp_clear(&c->r);
	c->r.body = xstrdup("");
	char url[4096];
	snprintf(url, sizeof(url), "%s%s", c->srv->base, path);
	curl_easy_setopt(h, CURLOPT_URL, url);

	struct curl_slist *hdrs = NULL;
	char line[512];
	hdrs = curl_slist_append(hdrs, "Expect:");
	if (c->bearer[0]) {
		snprintf(line, sizeof(line), "Authorization: Bearer %s", c->bearer);
		hdrs = curl_slist_append(hdrs, line);
	}
	if (c->accept_lang[0]) {
		snprintf(line, sizeof(line), "Accept-Language: %s", c->accept_lang);
		hdrs = curl_slist_append(hdrs, line);
	}
	if (ctype) {
		snprintf(line, sizeof(line), "Content-Type: %s", ctype);
		hdrs = curl_slist_append(hdrs, line);
	}
	for (size_t i = 0; i < CLIENT_HEADERS_MAX && c->headers[i]; i++)
		hdrs = curl_slist_append(hdrs, c->headers[i]);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);

	/* The handle is reused (its cookies and connection with it), so every request sets
	 * its method from scratch: HTTPGET clears NOBODY and a POST. */
	curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
	curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, (char *)NULL);
	if (strcmp(method, "HEAD") == 0) {
		curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
	} else if (strcmp(method, "GET") != 0) {
		if (body || strcmp(method, "POST") == 0) {
			curl_easy_setopt(h, CURLOPT_POST, 1L);
			curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
			curl_easy_setopt(h, CURLOPT_POSTFIELDS, body ? body : "");
		}
		if (strcmp(method, "POST") != 0)
			curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
	}
	snprintf(c->r.what, sizeof(c->r.what), "%s %.140s", method, path);
	CURLcode rc = curl_easy_perform(h);
	c->r.curl_rc = (int)rc;
	if (rc == CURLE_OK)
		curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &c->r.status);
	else
		fprintf(stderr, "harness: %s %s: %s\n", method, path, curl_easy_strerror(rc));
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, (struct curl_slist *)NULL);
	curl_slist_free_all(hdrs);
	return &c->r;
}

struct resp *http_get(struct client *c, const char *fmt, ...)
{
	char path[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(path, sizeof(path), fmt, ap);
	va_end(ap);
	return http_do(c, "GET", path, NULL, NULL, 0);
}

struct resp *http_delete(struct client *c, const char *path)
{
	return http_do(c, "DELETE", path, NULL, NULL, 0);
}

struct resp *http_post_form(struct client *c, const char *path, const char *body)
{
	return http_do(c, "POST", path, "application/x-www-form-urlencoded", body, strlen(body));
}

struct resp *http_post_file(struct client *c, const char *path, const char *const *fields,
			    const char *filename, const char *data, size_t len)
{
	static const char boundary[] = "komekTestBoundary7MA4YWxkTrZu0gW";
	struct sbuf b = { 0 };
	for (size_t i = 0; fields && fields[i]; i += 2)
		sb_addf(&b, "--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n",
			boundary, fields[i], fields[i + 1]);
	if (filename) {
		sb_addf(&b,
			"--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n"
			"Content-Type: application/octet-stream\r\n\r\n",
			boundary, filename);
		sb_addn(&b, data, len);
		sb_addf(&b, "\r\n");
	}
	sb_addf(&b, "--%s--\r\n", boundary);
	char ctype[96];
	snprintf(ctype, sizeof(ctype), "multipart/form-data; boundary=%s", boundary);
	struct resp *r = http_do(c, "POST", path, ctype, b.p, b.n);
	sb_free(&b);
	return r;
}

struct resp *http_post_json(struct client *c, const char *path, const char *json)
{
	return http_do(c, "POST", path, "application/json", json, strlen(json));
}

struct resp *http_patch_json(struct client *c, const char *path, const char *json)
{
	return http_do(c, "PATCH", path, "application/json", json, strlen(json));
}

const char *resp_header_nth(const struct resp *r, const char *name, size_t n)
{
	for (size_t i = 0; i < r->nh; i++)
		if (strcasecmp(r->h[i].name, name) == 0 && n-- == 0)
			return r->h[i].value;
	return NULL;
}

const char *resp_header(const struct resp *r, const char *name)
{
	return resp_header_nth(r, name, 0);
}

const char *resp_set_cookie(const struct resp *r, const char *name)
{
	size_t nl = strlen(name);
	const char *v;
	for (size_t i = 0; (v = resp_header_nth(r, "Set-Cookie", i)); i++)
		if (strncmp(v, name, nl) == 0 && v[nl] == '=')
			return v;
	return NULL;
}

bool resp_check(const struct resp *r, long want, const char *file, int line)
{
	if (r->status == want)
		return true;
	const char *b = r->body ? r->body : "";
	const char *main_ = strstr(b, "<main");
	fprintf(stderr, "%s:%d: %s: status %ld, expected %ld; body: %.600s\n", file, line, r->what,
		r->status, want, main_ ? main_ : b);
	return false;
}

bool resp_has(const struct resp *r, const char *needle)
{
	return r->body && strstr(r->body, needle) != NULL;
}

char *resp_pdf_text(const struct resp *r)
{
	if (!r->body || r->len < 5 || memcmp(r->body, "%PDF-", 5) != 0)
		return NULL;
	char path[] = "/tmp/komek-test-pdf-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return NULL;
	bool ok = write(fd, r->body, r->len) == (ssize_t)r->len;
	close(fd);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "pdftotext -q -layout %s - 2>/dev/null", path);
	FILE *p = ok ? popen(cmd, "r") : NULL;
	char *text = NULL;
	size_t n = 0;
	if (p) {
		FILE *m = open_memstream(&text, &n);
		char chunk[4096];
		size_t k;
		while (m && (k = fread(chunk, 1, sizeof chunk, p)) > 0)
			fwrite(chunk, 1, k, m);
		if (m)
			fclose(m);
		if (pclose(p) != 0) {
			free(text);
			text = NULL;
		}
	}
	unlink(path);
	return text;
}

json_t *resp_json(const struct resp *r)
{
	json_error_t e;
	return json_loadb(r->body ? r->body : "", r->len, 0, &e);
}

bool client_cookie(struct client *c, const char *name, char *out, size_t cap)
{
	struct curl_slist *list = NULL;
	bool found = false;
	if (curl_easy_getinfo(c->curl, CURLINFO_COOKIELIST, &list) != CURLE_OK)
		return false;
	for (struct curl_slist *l = list; l && !found; l = l->next) {
		/* domain, tailmatch, path, secure, expires, name, value: tab-separated */
		const char *f = l->data;
		for (int i = 0; i < 5 && f; i++) {
			f = strchr(f, '\t');
			if (f)
				f++;
		}
		if (!f)
			continue;
		const char *tab = strchr(f, '\t');
		if (!tab || (size_t)(tab - f) != strlen(name) || strncmp(f, name, strlen(name)))
			continue;
		snprintf(out, cap, "%s", tab + 1);
		found = true;
	}
	curl_slist_free_all(list);
	return found;
}

void client_set_cookie(struct client *c, const char *name, const char *value)
{
	char line[1024];
	snprintf(line, sizeof(line), "127.0.0.1\tFALSE\t/\tFALSE\t0\t%s\t%s", name, value);
	curl_easy_setopt(c->curl, CURLOPT_COOKIELIST, line);
}

void client_clear_cookies(struct client *c)
{
	curl_easy_setopt(c->curl, CURLOPT_COOKIELIST, "ALL");
}

/* The value="..." after the attribute `attr` (e.g. name="_csrf") inside the same tag. */
static bool value_after(const char *html, const char *attr, char *out, size_t cap)
{
	const char *p = html ? strstr(html, attr) : NULL;
	if (!p)
		return false;
	const char *end = strchr(p, '>');
	const char *v = strstr(p, "value=\"");
	if (!v || (end && v > end)) {
		/* value may come before name in the tag */
		const char *open = p;
		while (open > html && *open != '<')
			open--;
		v = strstr(open, "value=\"");
		if (!v || (end && v > end))
			return false;
	}
	v += 7;
	const char *q = strchr(v, '"');
	if (!q)
		return false;
	snprintf(out, cap, "%.*s", (int)(q - v), v);
	return true;
}

bool extract_csrf(const char *html, char *out, size_t cap)
{
	return value_after(html, "name=\"_csrf\"", out, cap);
}

bool extract_input_value(const char *html, const char *name, char *out, size_t cap)
{
	char attr[128];
	snprintf(attr, sizeof(attr), "name=\"%s\"", name);
	return value_after(html, attr, out, cap);
}

bool web_refresh_csrf(struct client *c)
{
	struct resp *r = http_get(c, "/persons/new");
	return extract_csrf(r->body, c->csrf, sizeof(c->csrf));
}

long web_login(struct client *c, const char *login, const char *password)
{
	struct resp *r = http_get(c, "/login");
	char csrf[128];
	if (r->status != 200 || !extract_csrf(r->body, csrf, sizeof(csrf)))
		return -1;
	struct sbuf b = { 0 };
	sb_form(&b, "_csrf", csrf);
	sb_form(&b, "login", login);
	sb_form(&b, "password", password);
	r = http_post_form(c, "/login", sb_str(&b));
	sb_free(&b);
	long status = r->status;
	if (status == 303) {
		snprintf(c->login, sizeof(c->login), "%s", login);
		if (!web_refresh_csrf(c))
			return -1;
	}
	return status;
}

long api_login(struct client *c, const char *login, const char *password)
{
	json_t *in = json_pack("{s:s, s:s}", "login", login, "password", password);
	char *s = json_dumps(in, JSON_COMPACT);
	json_decref(in);
	c->bearer[0] = '\0';
	struct resp *r = http_post_json(c, "/api/v1/session", s);
	free(s);
	if (r->status == 201) {
		json_t *j = resp_json(r);
		const char *tok = json_str_of(j, "token");
		if (tok)
			snprintf(c->bearer, sizeof(c->bearer), "%s", tok);
		json_decref(j);
		snprintf(c->login, sizeof(c->login), "%s", login);
	}
	return r->status;
}

/* ---- forms ---- */

void sb_addn(struct sbuf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->n + n + 1)
			cap *= 2;
		char *p = realloc(b->p, cap);
		if (!p)
			abort();
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

void sb_addf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		abort();
	char *tmp = malloc((size_t)n + 1);
	if (!tmp)
		abort();
	va_start(ap, fmt);
	vsnprintf(tmp, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sb_addn(b, tmp, (size_t)n);
	free(tmp);
}

static void sb_encode(struct sbuf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (isalnum(*p) || *p == '-' || *p == '_' || *p == '.' || *p == '~') {
			sb_addn(b, (const char *)p, 1);
		} else {
			char e[3] = { '%', hex[*p >> 4], hex[*p & 15] };
			sb_addn(b, e, 3);
		}
	}
}

void sb_form(struct sbuf *b, const char *name, const char *value)
{
	if (b->n)
		sb_addn(b, "&", 1);
	sb_encode(b, name);
	sb_addn(b, "=", 1);
	sb_encode(b, value ? value : "");
}

void sb_raw(struct sbuf *b, const char *s)
{
	sb_addn(b, s, strlen(s));
}

void sb_free(struct sbuf *b)
{
	free(b->p);
	memset(b, 0, sizeof(*b));
}

const char *sb_str(struct sbuf *b)
{
	return b->p ? b->p : "";
}

/* ---- the database ---- */

static sqlite3_stmt *db_query(const struct server *s, sqlite3 **h, const char *sql,
			      const char *const *params, int n)
{
	*h = NULL;
	if (sqlite3_open_v2(s->db, h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "harness: cannot open %s: %s\n", s->db,
			*h ? sqlite3_errmsg(*h) : "?");
		sqlite3_close(*h);
		*h = NULL;
		return NULL;
	}
	sqlite3_busy_timeout(*h, 10000);
	/* The view log beside the database (store/db.h), as the server names it. */
	char log[4096];
	size_t len = strlen(s->db);
	if (len > 3 && strcmp(s->db + len - 3, ".db") == 0)
		len -= 3;
	snprintf(log, sizeof(log), "%.*s.viewlog.db", (int)len, s->db);
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(*h, "ATTACH ?1 AS viewlog", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, log, -1, SQLITE_STATIC);
		sqlite3_step(st);
	}
	sqlite3_finalize(st);
	st = NULL;
	if (sqlite3_prepare_v2(*h, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "harness: %s: %s\n", sql, sqlite3_errmsg(*h));
		sqlite3_close(*h);
		*h = NULL;
		return NULL;
	}
	for (int i = 0; i < n; i++)
		sqlite3_bind_text(st, i + 1, params[i], -1, SQLITE_TRANSIENT);
	return st;
}

/* The NULL-terminated list of text parameters into params; their number. */
static int collect_params(va_list ap, const char **params)
{
	int n = 0;
	const char *p;
	while (n < PARAMS_MAX && (p = va_arg(ap, const char *)))
		params[n++] = p;
	return n;
}

int db_first(const struct server *s, const char *sql, const char *const *params, int n, char *out,
	     size_t cap, bool *is_null)
{
	if (out && cap)
		out[0] = '\0';
	if (is_null)
		*is_null = false;
	if (server_is_pg(s))
		return pg_first(s, sql, params, n, out, cap, is_null);
	sqlite3 *h;
	sqlite3_stmt *st = db_query(s, &h, sql, params, n);
	if (!st)
		return -1;
	int rc = sqlite3_step(st), found = 0;
	if (rc == SQLITE_ROW) {
		found = 1;
		const unsigned char *t = sqlite3_column_text(st, 0);
		if (out && cap)
			snprintf(out, cap, "%s", t ? (const char *)t : "");
		if (is_null)
			*is_null = !t;
	} else if (rc != SQLITE_DONE) {
		fprintf(stderr, "harness: %s: %s\n", sql, sqlite3_errmsg(h));
		found = -1;
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
	return found;
}

int64_t db_int(const struct server *s, const char *sql, ...)
{
	const char *params[PARAMS_MAX];
	va_list ap;
	va_start(ap, sql);
	int n = collect_params(ap, params);
	va_end(ap);
	if (server_is_pg(s)) {
		char v[64];
		return pg_first(s, sql, params, n, v, sizeof(v), NULL) == 1 ? pg_int_of(v) : -1;
	}
	sqlite3 *h;
	sqlite3_stmt *st = db_query(s, &h, sql, params, n);
	if (!st)
		return -1;
	int64_t v = -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		fprintf(stderr, "harness: %s: %s\n", sql, sqlite3_errmsg(h));
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

bool db_text(const struct server *s, char *out, size_t cap, const char *sql, ...)
{
	const char *params[PARAMS_MAX];
	va_list ap;
	va_start(ap, sql);
	int n = collect_params(ap, params);
	va_end(ap);
	if (server_is_pg(s))
		return pg_first(s, sql, params, n, out, cap, NULL) == 1;
	sqlite3 *h;
	sqlite3_stmt *st = db_query(s, &h, sql, params, n);
	if (!st)
		return false;
	bool found = false;
	if (sqlite3_step(st) == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(st, 0);
		snprintf(out, cap, "%s", t ? (const char *)t : "");
		found = true;
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
	return found;
}

/* ---- the mirror of src/http/routes.c ---- */

/* Keep in step with src/http/routes.c: same methods, same patterns, same order.
 * test_access's first test compares the two and fails when they drift apart. */
const struct route_spec harness_routes[] = {
	{ "GET", "/", RK_HOME, false, false, false, false },
	{ "GET", "/login", RK_LOGIN_GET, false, false, false, true },
	{ "POST", "/login", RK_LOGIN_POST, false, true, false, true },
	{ "POST", "/logout", RK_LOGOUT, false, true, false, false },
	{ "POST", "/lang", RK_LANG, false, true, false, true },
	{ "GET", "/static/app.css", RK_STATIC, false, false, false, true },
	{ "GET", "/static/app.js", RK_STATIC, false, false, false, true },

	{ "GET", "/persons", RK_LIST, false, false, false, false },
	{ "POST", "/persons", RK_CREATE, false, true, false, false },
	{ "GET", "/persons/new", RK_NEW, false, false, false, false },
	{ "GET", "/persons/export", RK_EXPORT, false, false, false, false },
	{ "GET", "/exports", RK_EXPORT, false, false, false, false },
	{ "GET", "/cases/export", RK_LIST_EXPORT, false, false, false, false },
	{ "GET", "/services/export", RK_LIST_EXPORT, false, false, false, false },
	{ "GET", "/referrals/export", RK_LIST_EXPORT, false, false, false, false },
	{ "GET", "/imports", RK_IMPORT_LIST, false, false, false, false },
	{ "POST", "/imports", RK_IMPORT_UPLOAD, false, false, false, false },
	{ "GET", "/imports/{id}", RK_IMPORT_READ, false, false, false, false },
	{ "GET", "/imports/{id}/progress", RK_IMPORT_READ, false, false, false, false },
	{ "POST", "/imports/{id}/check", RK_IMPORT_ACTION, false, true, false, false },
	{ "POST", "/imports/{id}/run", RK_IMPORT_ACTION, false, true, false, false },
	{ "POST", "/imports/{id}/discard", RK_IMPORT_ACTION, false, true, false, false },
	{ "GET", "/persons/{id}", RK_PERSON_READ, false, false, false, false },
	{ "POST", "/persons/{id}", RK_PERSON_WRITE, false, true, false, false },
	{ "GET", "/persons/{id}/edit", RK_PERSON_EDIT, false, false, false, false },
	{ "GET", "/persons/{id}/history", RK_PERSON_READ, false, false, false, false },
	{ "GET", "/persons/{id}/disclosures", RK_DISCLOSURES, false, false, false, false },
	{ "POST", "/persons/{id}/workers", RK_ASSIGN, false, true, false, false },
	{ "POST", "/persons/{id}/workers/{id}/remove", RK_UNASSIGN, false, true, false, false },
	{ "POST", "/persons/{id}/consents", RK_CONSENT_ADD, false, true, false, false },
	{ "POST", "/persons/{id}/consents/{id}/withdraw", RK_CONSENT_WD, false, true, false,
	  false },
	{ "POST", "/persons/{id}/erase", RK_ERASE, false, true, false, false },
	{ "POST", "/persons/{id}/links/{id}/unlink", RK_UNLINK, false, true, false, false },
	{ "GET", "/persons/{id}/screenings", RK_SCREENING_READ, false, false, false, false },
	{ "POST", "/persons/{id}/screenings", RK_SCREENING_WRITE, false, true, false, false },
	{ "GET", "/persons/{id}/screenings/new", RK_SCREENING_NEW, false, false, false, false },
	{ "GET", "/persons/{id}/screenings/{id}", RK_SCREENING_READ, false, false, false, false },
	{ "GET", "/persons/{id}/employments/new", RK_EMPLOYMENT_NEW, false, false, false, false },
	{ "POST", "/persons/{id}/employments", RK_SKILL_ADD, false, true, false, false },
	{ "POST", "/persons/{id}/skills", RK_SKILL_ADD, false, true, false, false },
	{ "POST", "/persons/{id}/skills/{id}/delete", RK_SKILL_DELETE, false, true, false, false },
	{ "GET", "/persons/{id}/vacancies", RK_PERSON_LABOUR, false, false, false, false },
	{ "GET", "/labour", RK_LABOUR_LIST, false, false, false, false },
	{ "GET", "/labour/alerts", RK_LABOUR_LIST, false, false, false, false },
	{ "POST", "/labour/alerts/{id}/resolve", RK_ALERT_RESOLVE, false, true, false, false },
	{ "GET", "/employers/new", RK_LABOUR_NEW, false, false, false, false },
	{ "POST", "/employers", RK_LABOUR_CREATE, false, true, false, false },
	{ "GET", "/employers/{id}", RK_EMPLOYER_READ, false, false, false, false },
	{ "POST", "/employers/{id}", RK_EMPLOYER_WRITE, false, true, false, false },
	{ "GET", "/vacancies/new", RK_LABOUR_NEW, false, false, false, false },
	{ "POST", "/vacancies", RK_LABOUR_CREATE, false, true, false, false },
	{ "GET", "/vacancies/{id}", RK_VACANCY_READ, false, false, false, false },
	{ "POST", "/vacancies/{id}", RK_VACANCY_WRITE, false, true, false, false },
	{ "GET", "/employments/{id}", RK_EMPLOYMENT_READ, false, false, false, false },
	{ "POST", "/employments/{id}", RK_EMPLOYMENT_WRITE, false, true, false, false },
	{ "GET", "/persons/{id}/integration/new", RK_INTEGRATION_NEW, false, false, false, false },
	{ "POST", "/persons/{id}/integration", RK_INTEGRATION_WRITE, false, true, false, false },
	{ "GET", "/integration", RK_COHORT, false, false, false, false },
	{ "GET", "/reports", RK_REPORT, false, false, false, false },
	{ "GET", "/reports/export", RK_REPORT, false, false, false, false },
	{ "GET", "/reports/monthly", RK_REPORT, false, false, false, false },
	{ "GET", "/reports/programme", RK_REPORT, false, false, false, false },
	{ "GET", "/reports/cohort", RK_COHORT, false, false, false, false },
	{ "GET", "/dashboard", RK_DASHBOARD, false, false, false, false },
	{ "GET", "/minimum-wages", RK_LABOUR_LIST, false, false, false, false },
	{ "POST", "/minimum-wages", RK_RATES_SET, false, true, false, false },
	{ "GET", "/duplicates", RK_DUP_LIST, false, false, false, false },
	{ "POST", "/duplicates/scan", RK_DUP_SCAN, false, true, false, false },
	{ "GET", "/duplicates/{id}", RK_DUP_READ, false, false, false, false },
	{ "POST", "/duplicates/{id}/link", RK_DUP_LINK, false, true, false, false },
	{ "POST", "/duplicates/{id}/dismiss", RK_DUP_DISMISS, false, true, false, false },
	{ "GET", "/cases", RK_CASE_LIST, false, false, false, false },
	{ "POST", "/cases", RK_CASE_CREATE, false, true, false, false },
	{ "GET", "/cases/new", RK_CASE_NEW, false, false, false, false },
	{ "GET", "/cases/{id}", RK_CASE_READ, false, false, false, false },
	{ "POST", "/cases/{id}", RK_CASE_WRITE, false, true, false, false },
	{ "POST", "/cases/{id}/notes", RK_CASE_ADD, false, true, false, false },
	{ "POST", "/cases/{id}/workers", RK_CASE_TEAM, false, true, false, false },
	{ "POST", "/cases/{id}/workers/{id}/remove", RK_CASE_UNTEAM, false, true, false, false },
	{ "GET", "/cases/{id}/assessments", RK_CASE_READ, false, false, false, false },
	{ "GET", "/cases/{id}/assessments/new", RK_CASE_FORM, false, false, false, false },
	{ "POST", "/cases/{id}/assessments", RK_CASE_ADD, false, true, false, false },
	{ "POST", "/cases/{id}/recommendations/{id}", RK_CASE_DECIDE, false, true, false, false },
	{ "POST", "/cases/{id}/goals", RK_CASE_ADD, false, true, false, false },
	{ "POST", "/cases/{id}/goals/{id}/status", RK_CASE_STATUS, false, true, false, false },
	{ "POST", "/cases/{id}/goals/{id}/tasks", RK_CASE_ADD, false, true, false, false },
	{ "POST", "/cases/{id}/tasks/{id}/status", RK_CASE_STATUS, false, true, false, false },
	{ "POST", "/cases/{id}/plan/approve", RK_CASE_APPROVE, false, true, false, false },
	{ "POST", "/cases/{id}/reviews", RK_CASE_ADD, false, true, false, false },
	{ "POST", "/cases/{id}/services", RK_CASE_ADD, false, true, false, false },
	{ "POST", "/cases/{id}/services/{id}/repayments", RK_CASE_DECIDE, false, true, false,
	  false },
	{ "POST", "/cases/{id}/referrals", RK_CASE_ADD, false, true, false, false },
	{ "GET", "/referrals", RK_CASE_LIST, false, false, false, false },
	{ "GET", "/referrals/{id}", RK_REFERRAL_READ, false, false, false, false },
	{ "POST", "/referrals/{id}", RK_REFERRAL_ANSWER, false, true, false, false },
	{ "GET", "/partners", RK_REF, false, false, false, false },
	{ "POST", "/partners", RK_ADMIN_POST, false, true, false, false },
	{ "GET", "/partners/new", RK_ADMIN_GET, false, false, false, false },
	{ "GET", "/partners/{id}", RK_PARTNER_GET, false, false, false, false },
	{ "POST", "/partners/{id}", RK_PARTNER_POST, false, true, false, false },
	{ "GET", "/centres", RK_CENTRE_LIST, false, false, false, false },
	{ "POST", "/centres", RK_CENTRE_CREATE, false, true, false, false },
	{ "GET", "/centres/new", RK_CENTRE_NEW, false, false, false, false },
	{ "GET", "/centres/{id}", RK_CENTRE_READ, false, false, false, false },
	{ "POST", "/centres/{id}", RK_CENTRE_MANAGE, false, true, false, false },
	{ "GET", "/centres/{id}/edit", RK_CENTRE_EDIT, false, false, false, false },
	{ "GET", "/centres/{id}/presence", RK_CENTRE_READ, false, false, false, false },
	{ "POST", "/centres/{id}/presence", RK_CENTRE_ACT, false, true, false, false },
	{ "POST", "/centres/{id}/rooms", RK_CENTRE_MANAGE, false, true, false, false },
	{ "POST", "/centres/{id}/placements", RK_CENTRE_ACT, false, true, false, false },
	{ "POST", "/centres/{id}/checkout", RK_CENTRE_ACT, false, true, false, false },
	{ "POST", "/centres/{id}/waiting", RK_CENTRE_ACT, false, true, false, false },
	{ "POST", "/centres/{id}/waiting/{id}/withdraw", RK_CENTRE_WITHDRAW, false, true, false,
	  false },
	{ "GET", "/groups", RK_GROUP_LIST, false, false, false, false },
	{ "POST", "/groups", RK_GROUP_CREATE, false, true, false, false },
	{ "GET", "/groups/new", RK_GROUP_NEW, false, false, false, false },
	{ "GET", "/groups/{id}", RK_GROUP_READ, false, false, false, false },
	{ "POST", "/groups/{id}", RK_GROUP_MANAGE, false, true, false, false },
	{ "GET", "/groups/{id}/edit", RK_GROUP_EDIT, false, false, false, false },
	{ "POST", "/groups/{id}/members", RK_GROUP_ACT, false, true, false, false },
	{ "POST", "/groups/{id}/members/{id}/leave", RK_GROUP_LEAVE, false, true, false, false },
	{ "GET", "/groups/{id}/sessions/new", RK_GROUP_SESSION_NEW, false, false, false, false },
	{ "POST", "/groups/{id}/sessions", RK_GROUP_ACT, false, true, false, false },
	{ "GET", "/groups/{id}/sessions/{id}", RK_GROUP_SESSION_READ, false, false, false, false },
	{ "POST", "/groups/{id}/sessions/{id}", RK_GROUP_SESSION_WRITE, false, true, false, false },
	{ "GET", "/campaigns", RK_CAMPAIGN_LIST, false, false, false, false },
	{ "POST", "/campaigns", RK_CAMPAIGN_CREATE, false, true, false, false },
	{ "GET", "/campaigns/new", RK_CAMPAIGN_NEW, false, false, false, false },
	{ "GET", "/campaigns/{id}", RK_CAMPAIGN_READ, false, false, false, false },
	{ "POST", "/campaigns/{id}", RK_CAMPAIGN_MANAGE, false, true, false, false },
	{ "GET", "/campaigns/{id}/edit", RK_CAMPAIGN_EDIT, false, false, false, false },
	{ "POST", "/campaigns/{id}/donations", RK_CAMPAIGN_MANAGE, false, true, false, false },
	{ "POST", "/campaigns/{id}/spendings", RK_CAMPAIGN_MANAGE, false, true, false, false },
	{ "GET", "/events", RK_EVENT_LIST, false, false, false, false },
	{ "POST", "/events", RK_EVENT_CREATE, false, true, false, false },
	{ "GET", "/events/new", RK_EVENT_NEW, false, false, false, false },
	{ "GET", "/events/{id}", RK_EVENT_READ, false, false, false, false },
	{ "POST", "/events/{id}", RK_EVENT_ACT, false, true, false, false },
	{ "GET", "/events/{id}/edit", RK_EVENT_EDIT, false, false, false, false },
	{ "POST", "/events/{id}/participants", RK_EVENT_ACT, false, true, false, false },
	{ "POST", "/events/{id}/participants/{id}/remove", RK_EVENT_UNNAME, false, true, false,
	  false },
	{ "GET", "/programmes", RK_PROGRAMME_LIST, false, false, false, false },
	{ "POST", "/programmes", RK_PROGRAMME_CREATE, false, true, false, false },
	{ "GET", "/programmes/new", RK_PROGRAMME_NEW, false, false, false, false },
	{ "GET", "/programmes/{id}", RK_PROGRAMME_READ, false, false, false, false },
	{ "POST", "/programmes/{id}", RK_PROGRAMME_MANAGE, false, true, false, false },
	{ "GET", "/programmes/{id}/edit", RK_PROGRAMME_EDIT, false, false, false, false },
	{ "POST", "/programmes/{id}/quotas", RK_PROGRAMME_QUOTA, false, true, false, false },
	{ "POST", "/programmes/{id}/enrolments", RK_PROGRAMME_ENROL, false, true, false, false },
	{ "GET", "/programmes/{id}/enrolments/{id}", RK_ENROLMENT_READ, false, false, false,
	  false },
	{ "POST", "/programmes/{id}/enrolments/{id}/support", RK_ENROLMENT_ACT, false, true, false,
	  false },
	{ "POST", "/programmes/{id}/enrolments/{id}/withdraw", RK_ENROLMENT_ACT, false, true, false,
	  false },
	{ "GET", "/civic", RK_CIVIC_LIST, false, false, false, false },
	{ "GET", "/resettler-orgs", RK_CIVIC_LIST, false, false, false, false },
	{ "POST", "/resettler-orgs", RK_CIVIC_CREATE, false, true, false, false },
	{ "GET", "/resettler-orgs/new", RK_CIVIC_NEW, false, false, false, false },
	{ "GET", "/resettler-orgs/{id}", RK_CIVIC_READ, false, false, false, false },
	{ "POST", "/resettler-orgs/{id}", RK_CIVIC_MANAGE, false, true, false, false },
	{ "GET", "/resettler-orgs/{id}/edit", RK_CIVIC_EDIT, false, false, false, false },
	{ "POST", "/resettler-orgs/{id}/steps", RK_CIVIC_MANAGE, false, true, false, false },
	{ "GET", "/councils", RK_CIVIC_LIST, false, false, false, false },
	{ "POST", "/councils", RK_CIVIC_CREATE, false, true, false, false },
	{ "GET", "/councils/new", RK_CIVIC_NEW, false, false, false, false },
	{ "GET", "/councils/{id}", RK_CIVIC_READ, false, false, false, false },
	{ "POST", "/councils/{id}", RK_CIVIC_MANAGE, false, true, false, false },
	{ "GET", "/councils/{id}/edit", RK_CIVIC_EDIT, false, false, false, false },
	{ "POST", "/councils/{id}/meetings", RK_CIVIC_MANAGE, false, true, false, false },
	{ "GET", "/councils/{id}/meetings/{id}", RK_MEETING_READ, false, false, false, false },
	{ "POST", "/councils/{id}/meetings/{id}/decisions", RK_MEETING_DECIDE, false, true, false,
	  false },
	{ "POST", "/councils/{id}/meetings/{id}/decisions/{id}", RK_DECISION_WRITE, false, true,
	  false, false },
	{ "GET", "/proposals", RK_CIVIC_LIST, false, false, false, false },
	{ "POST", "/proposals", RK_CIVIC_CREATE, false, true, false, false },
	{ "GET", "/proposals/new", RK_CIVIC_NEW, false, false, false, false },
	{ "GET", "/proposals/{id}", RK_CIVIC_READ, false, false, false, false },
	{ "POST", "/proposals/{id}", RK_CIVIC_MANAGE, false, true, false, false },
	{ "GET", "/proposals/{id}/edit", RK_CIVIC_EDIT, false, false, false, false },
	{ "GET", "/rules", RK_ADMIN_GET, false, false, false, false },
	{ "POST", "/rules", RK_ADMIN_POST, false, true, false, false },
	{ "GET", "/rules/new", RK_ADMIN_GET, false, false, false, false },
	{ "GET", "/rules/{id}", RK_RULE_GET, false, false, false, false },
	{ "POST", "/rules/{id}", RK_RULE_POST, false, true, false, false },
	{ "GET", "/service-types", RK_ADMIN_GET, false, false, false, false },
	{ "POST", "/service-types", RK_ADMIN_POST, false, true, false, false },
	{ "POST", "/service-types/{id}", RK_RULE_POST, false, true, false, false },
	{ "GET", "/retention", RK_ADMIN_GET, false, false, false, false },
	{ "POST", "/retention", RK_ADMIN_POST, false, true, false, false },
	{ "POST", "/retention/apply", RK_ADMIN_GET, false, true, false, false },
	{ "GET", "/audit", RK_ADMIN_GET, false, false, false, false },
	{ "GET", "/users", RK_ADMIN_GET, false, false, false, false },
	{ "POST", "/users", RK_ADMIN_POST, false, true, false, false },
	{ "GET", "/users/{id}", RK_USER_GET, false, false, false, false },
	{ "POST", "/users/{id}", RK_USER_POST, false, true, false, false },

	{ "POST", "/api/v1/session", RK_SESSION_POST, true, false, true, true },
	{ "DELETE", "/api/v1/session", RK_SESSION_DEL, true, false, false, false },
	{ "GET", "/api/v1/persons", RK_LIST, true, false, false, false },
	{ "POST", "/api/v1/persons", RK_CREATE, true, false, true, false },
	{ "GET", "/api/v1/persons/export", RK_EXPORT, true, false, false, false },
	{ "GET", "/api/v1/cases/export", RK_LIST_EXPORT, true, false, false, false },
	{ "GET", "/api/v1/services/export", RK_LIST_EXPORT, true, false, false, false },
	{ "GET", "/api/v1/referrals/export", RK_LIST_EXPORT, true, false, false, false },
	{ "GET", "/api/v1/persons/{id}", RK_PERSON_READ, true, false, false, false },
	{ "PATCH", "/api/v1/persons/{id}", RK_PERSON_WRITE, true, false, true, false },
	{ "GET", "/api/v1/persons/{id}/links", RK_PERSON_LINKS, true, false, false, false },
	{ "DELETE", "/api/v1/persons/{id}/links/{id}", RK_UNLINK, true, false, false, false },
	{ "GET", "/api/v1/imports", RK_IMPORT_LIST, true, false, false, false },
	{ "POST", "/api/v1/imports", RK_IMPORT_UPLOAD, true, false, false, false },
	{ "GET", "/api/v1/imports/{id}", RK_IMPORT_READ, true, false, false, false },
	{ "GET", "/api/v1/imports/{id}/issues", RK_IMPORT_READ, true, false, false, false },
	{ "POST", "/api/v1/imports/{id}/check", RK_IMPORT_ACTION, true, false, true, false },
	{ "POST", "/api/v1/imports/{id}/run", RK_IMPORT_ACTION, true, false, true, false },
	{ "POST", "/api/v1/imports/{id}/discard", RK_IMPORT_ACTION, true, false, true, false },
	{ "GET", "/api/v1/duplicates", RK_DUP_LIST, true, false, false, false },
	{ "POST", "/api/v1/duplicates/scan", RK_DUP_SCAN, true, false, false, false },
	{ "GET", "/api/v1/duplicates/{id}", RK_DUP_READ, true, false, false, false },
	{ "POST", "/api/v1/duplicates/{id}/link", RK_DUP_LINK, true, false, true, false },
	{ "POST", "/api/v1/duplicates/{id}/dismiss", RK_DUP_DISMISS, true, false, false, false },
	{ "POST", "/api/v1/households", RK_HH_CREATE, true, false, false, false },
	{ "GET", "/api/v1/households/{id}", RK_HH_GET, true, false, false, false },
	{ "GET", "/api/v1/cases", RK_CASE_LIST, true, false, false, false },
	{ "POST", "/api/v1/cases", RK_CASE_CREATE, true, false, true, false },
	{ "GET", "/api/v1/cases/{id}", RK_CASE_READ, true, false, false, false },
	{ "PATCH", "/api/v1/cases/{id}", RK_CASE_WRITE, true, false, true, false },
	{ "GET", "/api/v1/cases/{id}/notes", RK_CASE_READ, true, false, false, false },
	{ "POST", "/api/v1/cases/{id}/notes", RK_CASE_ADD, true, false, true, false },
	{ "POST", "/api/v1/cases/{id}/workers", RK_CASE_TEAM, true, false, true, false },
	{ "DELETE", "/api/v1/cases/{id}/workers/{id}", RK_CASE_UNTEAM, true, false, false, false },
	{ "GET", "/api/v1/cases/{id}/assessments", RK_CASE_READ, true, false, false, false },
	{ "POST", "/api/v1/cases/{id}/assessments", RK_CASE_ADD, true, false, true, false },
	{ "GET", "/api/v1/cases/{id}/recommendations", RK_CASE_READ, true, false, false, false },
	{ "POST", "/api/v1/cases/{id}/recommendations/{id}", RK_CASE_DECIDE, true, false, true,
	  false },
	{ "GET", "/api/v1/cases/{id}/plan", RK_CASE_READ, true, false, false, false },
	{ "POST", "/api/v1/cases/{id}/plan/approval", RK_CASE_APPROVE, true, false, false, false },
	{ "POST", "/api/v1/cases/{id}/goals", RK_CASE_ADD, true, false, true, false },
	{ "PATCH", "/api/v1/cases/{id}/goals/{id}", RK_CASE_STATUS, true, false, true, false },
	{ "POST", "/api/v1/cases/{id}/goals/{id}/tasks", RK_CASE_ADD, true, false, true, false },
	{ "PATCH", "/api/v1/cases/{id}/tasks/{id}", RK_CASE_STATUS, true, false, true, false },
	{ "POST", "/api/v1/cases/{id}/reviews", RK_CASE_ADD, true, false, true, false },
	{ "GET", "/api/v1/cases/{id}/services", RK_CASE_READ, true, false, false, false },
	{ "POST", "/api/v1/cases/{id}/services", RK_CASE_ADD, true, false, true, false },
	{ "GET", "/api/v1/cases/{id}/services/{id}", RK_CASE_ITEM, true, false, false, false },
	{ "POST", "/api/v1/cases/{id}/services/{id}/repayments", RK_CASE_DECIDE, true, false, true,
	  false },
	{ "GET", "/api/v1/cases/{id}/referrals", RK_CASE_READ, true, false, false, false },
	{ "GET", "/api/v1/services", RK_CASE_LIST, true, false, false, false },
	{ "GET", "/api/v1/service-types", RK_REF, true, false, false, false },
	{ "GET", "/api/v1/organisations", RK_REF, true, false, false, false },
	{ "POST", "/api/v1/organisations", RK_ADMIN_POST, true, false, true, false },
	{ "GET", "/api/v1/organisations/{id}", RK_PARTNER_GET, true, false, false, false },
	{ "PATCH", "/api/v1/organisations/{id}", RK_PARTNER_POST, true, false, true, false },
	{ "GET", "/api/v1/referrals", RK_CASE_LIST, true, false, false, false },
	{ "POST", "/api/v1/referrals", RK_CASE_CREATE, true, false, true, false },
	{ "GET", "/api/v1/referrals/{id}", RK_REFERRAL_READ, true, false, false, false },
	{ "PATCH", "/api/v1/referrals/{id}", RK_REFERRAL_ANSWER, true, false, true, false },
	{ "GET", "/api/v1/centres", RK_CENTRE_LIST, true, false, false, false },
	{ "POST", "/api/v1/centres", RK_CENTRE_CREATE, true, false, true, false },
	{ "GET", "/api/v1/centres/{id}", RK_CENTRE_READ, true, false, false, false },
	{ "PATCH", "/api/v1/centres/{id}", RK_CENTRE_MANAGE, true, false, true, false },
	{ "POST", "/api/v1/centres/{id}/rooms", RK_CENTRE_MANAGE, true, false, true, false },
	{ "POST", "/api/v1/centres/{id}/placements", RK_CENTRE_ACT, true, false, true, false },
	{ "POST", "/api/v1/centres/{id}/checkout", RK_CENTRE_ACT, true, false, true, false },
	{ "GET", "/api/v1/centres/{id}/presence", RK_CENTRE_READ, true, false, false, false },
	{ "POST", "/api/v1/centres/{id}/presence", RK_CENTRE_ACT, true, false, true, false },
	{ "POST", "/api/v1/centres/{id}/waiting", RK_CENTRE_ACT, true, false, true, false },
	{ "POST", "/api/v1/centres/{id}/waiting/{id}/withdraw", RK_CENTRE_WITHDRAW, true, false,
	  false, false },
	{ "GET", "/api/v1/persons/{id}/placements", RK_PERSON_LINKS, true, false, false, false },
	{ "GET", "/api/v1/persons/{id}/groups", RK_PERSON_LINKS, true, false, false, false },
	{ "GET", "/api/v1/persons/{id}/events", RK_PERSON_LINKS, true, false, false, false },
	{ "GET", "/api/v1/persons/{id}/enrolments", RK_PERSON_LINKS, true, false, false, false },
	{ "GET", "/api/v1/persons/{id}/screenings", RK_SCREENING_READ, true, false, false, false },
	{ "POST", "/api/v1/persons/{id}/screenings", RK_SCREENING_WRITE, true, false, true, false },
	{ "GET", "/api/v1/persons/{id}/screenings/{id}", RK_SCREENING_READ, true, false, false,
	  false },
	{ "GET", "/api/v1/instruments", RK_INSTRUMENTS, true, false, false, false },
	{ "GET", "/api/v1/persons/{id}/employments", RK_PERSON_LABOUR, true, false, false, false },
	{ "GET", "/api/v1/persons/{id}/skills", RK_PERSON_LABOUR, true, false, false, false },
	{ "POST", "/api/v1/persons/{id}/skills", RK_SKILL_ADD, true, false, true, false },
	{ "DELETE", "/api/v1/persons/{id}/skills/{id}", RK_SKILL_DELETE, true, false, false,
	  false },
	{ "GET", "/api/v1/persons/{id}/vacancies", RK_PERSON_LABOUR, true, false, false, false },
	{ "GET", "/api/v1/employers", RK_LABOUR_LIST, true, false, false, false },
	{ "POST", "/api/v1/employers", RK_LABOUR_CREATE, true, false, true, false },
	{ "GET", "/api/v1/employers/{id}", RK_EMPLOYER_READ, true, false, false, false },
	{ "PATCH", "/api/v1/employers/{id}", RK_EMPLOYER_WRITE, true, false, true, false },
	{ "GET", "/api/v1/vacancies", RK_LABOUR_LIST, true, false, false, false },
	{ "POST", "/api/v1/vacancies", RK_LABOUR_CREATE, true, false, true, false },
	{ "GET", "/api/v1/vacancies/{id}", RK_VACANCY_READ, true, false, false, false },
	{ "PATCH", "/api/v1/vacancies/{id}", RK_VACANCY_WRITE, true, false, true, false },
	{ "GET", "/api/v1/vacancies/{id}/candidates", RK_VACANCY_READ, true, false, false, false },
	{ "POST", "/api/v1/employments", RK_LABOUR_CREATE, true, false, true, false },
	{ "GET", "/api/v1/employments/{id}", RK_EMPLOYMENT_READ, true, false, false, false },
	{ "PATCH", "/api/v1/employments/{id}", RK_EMPLOYMENT_WRITE, true, false, true, false },
	{ "GET", "/api/v1/labour-alerts", RK_LABOUR_LIST, true, false, false, false },
	{ "POST", "/api/v1/labour-alerts/{id}/resolve", RK_ALERT_RESOLVE, true, false, true,
	  false },
	{ "GET", "/api/v1/persons/{id}/integration", RK_INTEGRATION_READ, true, false, false,
	  false },
	{ "POST", "/api/v1/persons/{id}/integration", RK_INTEGRATION_WRITE, true, false, true,
	  false },
	{ "GET", "/api/v1/integration/cohort", RK_COHORT, true, false, false, false },
	{ "GET", "/api/v1/reports", RK_REPORT, true, false, false, false },
	{ "GET", "/api/v1/reports/monthly", RK_REPORT, true, false, false, false },
	{ "GET", "/api/v1/reports/programme", RK_REPORT_PARAMS, true, false, false, false },
	{ "GET", "/api/v1/reports/cohort", RK_COHORT, true, false, false, false },
	{ "GET", "/api/v1/dashboard", RK_DASHBOARD, true, false, false, false },
	{ "GET", "/api/v1/minimum-wages", RK_LABOUR_LIST, true, false, false, false },
	{ "POST", "/api/v1/minimum-wages", RK_RATES_SET, true, false, true, false },
	{ "GET", "/api/v1/groups", RK_GROUP_LIST, true, false, false, false },
	{ "POST", "/api/v1/groups", RK_GROUP_CREATE, true, false, true, false },
	{ "GET", "/api/v1/groups/{id}", RK_GROUP_READ, true, false, false, false },
	{ "PATCH", "/api/v1/groups/{id}", RK_GROUP_MANAGE, true, false, true, false },
	{ "POST", "/api/v1/groups/{id}/members", RK_GROUP_ACT, true, false, true, false },
	{ "POST", "/api/v1/groups/{id}/members/{id}/leave", RK_GROUP_LEAVE, true, false, true,
	  false },
	{ "POST", "/api/v1/groups/{id}/sessions", RK_GROUP_ACT, true, false, true, false },
	{ "GET", "/api/v1/groups/{id}/sessions/{id}", RK_GROUP_SESSION_READ, true, false, false,
	  false },
	{ "PATCH", "/api/v1/groups/{id}/sessions/{id}", RK_GROUP_SESSION_WRITE, true, false, true,
	  false },
	{ "GET", "/api/v1/campaigns", RK_CAMPAIGN_LIST, true, false, false, false },
	{ "POST", "/api/v1/campaigns", RK_CAMPAIGN_CREATE, true, false, true, false },
	{ "GET", "/api/v1/campaigns/{id}", RK_CAMPAIGN_READ, true, false, false, false },
	{ "PATCH", "/api/v1/campaigns/{id}", RK_CAMPAIGN_MANAGE, true, false, true, false },
	{ "POST", "/api/v1/campaigns/{id}/donations", RK_CAMPAIGN_MANAGE, true, false, true,
	  false },
	{ "POST", "/api/v1/campaigns/{id}/spendings", RK_CAMPAIGN_MANAGE, true, false, true,
	  false },
	{ "GET", "/api/v1/events", RK_EVENT_LIST, true, false, false, false },
	{ "POST", "/api/v1/events", RK_EVENT_CREATE, true, false, true, false },
	{ "GET", "/api/v1/events/{id}", RK_EVENT_READ, true, false, false, false },
	{ "PATCH", "/api/v1/events/{id}", RK_EVENT_ACT, true, false, true, false },
	{ "POST", "/api/v1/events/{id}/participants", RK_EVENT_ACT, true, false, true, false },
	{ "DELETE", "/api/v1/events/{id}/participants/{id}", RK_EVENT_UNNAME, true, false, false,
	  false },
	{ "GET", "/api/v1/programmes", RK_PROGRAMME_LIST, true, false, false, false },
	{ "POST", "/api/v1/programmes", RK_PROGRAMME_CREATE, true, false, true, false },
	{ "GET", "/api/v1/programmes/{id}", RK_PROGRAMME_READ, true, false, false, false },
	{ "PATCH", "/api/v1/programmes/{id}", RK_PROGRAMME_MANAGE, true, false, true, false },
	{ "POST", "/api/v1/programmes/{id}/quotas", RK_PROGRAMME_QUOTA, true, false, true, false },
	{ "POST", "/api/v1/programmes/{id}/enrolments", RK_PROGRAMME_ENROL, true, false, true,
	  false },
	{ "GET", "/api/v1/programmes/{id}/enrolments/{id}", RK_ENROLMENT_READ, true, false, false,
	  false },
	{ "POST", "/api/v1/programmes/{id}/enrolments/{id}/withdraw", RK_ENROLMENT_ACT, true, false,
	  true, false },
	{ "POST", "/api/v1/programmes/{id}/enrolments/{id}/support", RK_ENROLMENT_ACT, true, false,
	  true, false },
	{ "GET", "/api/v1/entitlements", RK_ENTITLEMENTS, true, false, false, false },
	{ "GET", "/api/v1/resettler-orgs", RK_CIVIC_LIST, true, false, false, false },
	{ "POST", "/api/v1/resettler-orgs", RK_CIVIC_CREATE, true, false, true, false },
	{ "GET", "/api/v1/resettler-orgs/{id}", RK_CIVIC_READ, true, false, false, false },
	{ "PATCH", "/api/v1/resettler-orgs/{id}", RK_CIVIC_MANAGE, true, false, true, false },
	{ "POST", "/api/v1/resettler-orgs/{id}/steps", RK_CIVIC_MANAGE, true, false, true, false },
	{ "GET", "/api/v1/councils", RK_CIVIC_LIST, true, false, false, false },
	{ "POST", "/api/v1/councils", RK_CIVIC_CREATE, true, false, true, false },
	{ "GET", "/api/v1/councils/{id}", RK_CIVIC_READ, true, false, false, false },
	{ "PATCH", "/api/v1/councils/{id}", RK_CIVIC_MANAGE, true, false, true, false },
	{ "POST", "/api/v1/councils/{id}/meetings", RK_CIVIC_MANAGE, true, false, true, false },
	{ "GET", "/api/v1/councils/{id}/meetings/{id}", RK_MEETING_READ, true, false, false,
	  false },
	{ "POST", "/api/v1/councils/{id}/meetings/{id}/decisions", RK_MEETING_DECIDE, true, false,
	  true, false },
	{ "PATCH", "/api/v1/councils/{id}/meetings/{id}/decisions/{id}", RK_DECISION_WRITE, true,
	  false, true, false },
	{ "GET", "/api/v1/proposals", RK_CIVIC_LIST, true, false, false, false },
	{ "POST", "/api/v1/proposals", RK_CIVIC_CREATE, true, false, true, false },
	{ "GET", "/api/v1/proposals/{id}", RK_CIVIC_READ, true, false, false, false },
	{ "PATCH", "/api/v1/proposals/{id}", RK_CIVIC_MANAGE, true, false, true, false },
	{ "GET", "/api/v1/cases/{id}/deadlines", RK_CASE_READ, true, false, false, false },
	{ "GET", "/api/v1/deadlines", RK_CASE_LIST, true, false, false, false },
	{ "GET", "/api/v1/reference", RK_REF, true, false, false, false },
	{ "GET", "/api/v1/reference/{name}", RK_REF, true, false, false, false },
	{ "GET", "/api/v1/openapi.json", RK_OPENAPI, true, false, false, true },
	{ NULL, NULL, RK_HOME, false, false, false, false },
};

const char *harness_routes_source(void)
{
	static char path[PATH_MAX];
	const char *me = __FILE__;
	const char *tail = strstr(me, "tests/http/harness.c");
	if (!tail || me[0] != '/')
		return NULL;
	snprintf(path, sizeof(path), "%.*ssrc/http/routes.c", (int)(tail - me), me);
	return access(path, R_OK) == 0 ? path : NULL;
}
