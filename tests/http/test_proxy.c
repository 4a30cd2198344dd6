/* test_proxy.c: the client's address behind a trusted reverse proxy (--trusted-proxy):
 * taken from X-Forwarded-For only when the connection comes from a trusted proxy, as the
 * rightmost untrusted entry, so that the login throttle and the audit see each client and no
 * client can choose its address; ignored without the option; a bad list refused at start. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "harness.h"

#include "base/banned.h"

static struct server proxied, plain;

static int group_setup(void **state)
{
	(void)state;
	if (server_new(&proxied, true) || server_new(&plain, true))
		return -1;
	proxied.args[0] = "--trusted-proxy";
	proxied.args[1] = "127.0.0.1,10.0.0.0/8";
	if (server_start(&proxied) || server_start(&plain)) {
		server_dump_log(&proxied);
		server_dump_log(&plain);
		return -1;
	}
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	server_free(&proxied);
	server_free(&plain);
	harness_cleanup_all();
	return 0;
}

/* Logs in as the demo worker through the API with the headers given (NULL-ended), and
 * returns the address the audit recorded for that login (static). */
static const char *login_addr(struct server *s, const char *h1, const char *h2)
{
	static char addr[64];
	struct client *c = client_new(s);
	c->headers[0] = h1;
	c->headers[1] = h1 ? h2 : NULL;
	assert_int_equal(api_login(c, "worker", DEMO_PASSWORD), 201);
	client_free(c);
	assert_true(db_text(s, addr, sizeof(addr),
			    "SELECT addr FROM audit WHERE action = 'login'"
			    " ORDER BY id DESC LIMIT 1",
			    (const char *)NULL));
	return addr;
}

static void test_the_address_is_the_rightmost_untrusted_entry(void **state)
{
	(void)state;
	static const struct {
		const char *h1, *h2, *want;
	} cases[] = {
		{ NULL, NULL, "127.0.0.1" },
		{ "X-Forwarded-For: 203.0.113.8", NULL, "203.0.113.8" },
		/* What the client wrote before the proxy's entry cannot move it. */
		{ "X-Forwarded-For: 198.51.100.9, 203.0.113.8", NULL, "203.0.113.8" },
		/* Through a second trusted proxy (10.0.0.0/8). */
		{ "X-Forwarded-For: 203.0.113.8, 10.1.2.3", NULL, "203.0.113.8" },
		{ "X-Forwarded-For: 198.51.100.9,203.0.113.8 ,10.1.2.3", NULL, "203.0.113.8" },
		/* Written canonically. */
		{ "X-Forwarded-For: ::ffff:203.0.113.8", NULL, "203.0.113.8" },
		{ "X-Forwarded-For: 2001:DB8:0:0::1", NULL, "2001:db8::1" },
		/* Two headers: the later one holds the proxy's entry. */
		{ "X-Forwarded-For: 198.51.100.9", "X-Forwarded-For: 203.0.113.8", "203.0.113.8" },
		/* An entry that is not an address ends the walk at the last trusted hop. */
		{ "X-Forwarded-For: <script>alert(1)</script>", NULL, "127.0.0.1" },
		{ "X-Forwarded-For: 203.0.113.8:443", NULL, "127.0.0.1" },
		{ "X-Forwarded-For: 203.0.113.8, unknown", NULL, "127.0.0.1" },
		{ "X-Forwarded-For: 203.0.113.8, garbage, 10.1.2.3", NULL, "10.1.2.3" },
		{ "X-Forwarded-For: 203.0.113.8,", NULL, "127.0.0.1" },
		{ "X-Forwarded-For: 10.9.9.9", NULL, "10.9.9.9" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *got = login_addr(&proxied, cases[i].h1, cases[i].h2);
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("%s | %s: recorded %s, want %s", cases[i].h1 ? cases[i].h1 : "-",
				 cases[i].h2 ? cases[i].h2 : "-", got, cases[i].want);
	}
}

static void test_the_throttle_counts_each_client_behind_the_proxy(void **state)
{
	(void)state;
	struct client *c = client_new(&proxied);
	c->headers[0] = "X-Forwarded-For: 203.0.113.50";
	for (int i = 0; i < 20; i++) {
		char login[32];
		snprintf(login, sizeof(login), "nobody-%d", i);
		assert_int_equal(api_login(c, login, "wrong-password-123"), 401);
	}
	/* That client is throttled, even with a right password ... */
	assert_int_equal(api_login(c, "worker", DEMO_PASSWORD), 429);
	/* ... and cannot get out of it by writing another address before the proxy's. */
	c->headers[0] = "X-Forwarded-For: 203.0.113.51, 203.0.113.50";
	assert_int_equal(api_login(c, "worker", DEMO_PASSWORD), 429);
	/* Another client behind the same proxy is not. */
	c->headers[0] = "X-Forwarded-For: 203.0.113.51";
	assert_int_equal(api_login(c, "worker", DEMO_PASSWORD), 201);
	client_free(c);
}

static void test_without_the_option_the_header_is_ignored(void **state)
{
	(void)state;
	assert_string_equal(login_addr(&plain, "X-Forwarded-For: 203.0.113.8", NULL), "127.0.0.1");
	/* Nor can a client lift the throttle of its address by naming another. */
	struct client *c = client_new(&plain);
	for (int i = 0; i < 20; i++) {
		char xff[64], login[32];
		snprintf(xff, sizeof(xff), "X-Forwarded-For: 203.0.113.%d", i + 1);
		snprintf(login, sizeof(login), "nobody-%d", i);
		c->headers[0] = xff;
		assert_int_equal(api_login(c, login, "wrong-password-123"), 401);
	}
	c->headers[0] = "X-Forwarded-For: 198.51.100.77";
	assert_int_equal(api_login(c, "worker", DEMO_PASSWORD), 429);
	client_free(c);
}

static void test_a_bad_list_is_refused_at_start(void **state)
{
	(void)state;
	const char *bad[] = {
		"",
		"localhost",
		"10.0.0.0/33",
		"::1/129",
		"10.0.0.0/",
		"10.0.0.0/8x",
		"127.0.0.1:8080",
		"127.0.0.1,",
		",127.0.0.1",
		"1.2.3.4,,5.6.7.8",
		"1.2.3.4 5.6.7.8",
		"10.0.0.0/-1",
		"999.1.1.1",
		"fe80::1%eth0",
		NULL, /* 33 addresses: one more than a list may hold */
	};
	char many[33 * 12] = "";
	for (int i = 1; i <= 33; i++)
		snprintf(many + strlen(many), sizeof(many) - strlen(many), "%s10.0.0.%d",
			 i > 1 ? "," : "", i);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (!bad[i])
			bad[i] = many;
		char out[1024];
		/* Were the list taken, the address (no such host) would end the run with 1. */
		int st = komek_run(plain.db, out, sizeof(out), "serve", "--listen", "256.0.0.1:1",
				   "--trusted-proxy", bad[i], (const char *)NULL);
		if (st != 2 || !strstr(out, "--trusted-proxy"))
			fail_msg("--trusted-proxy '%s': exit %d: %s", bad[i], st, out);
	}
	/* A good list gets as far as the address. */
	char out[1024];
	assert_int_equal(komek_run(plain.db, out, sizeof(out), "serve", "--listen", "256.0.0.1:1",
				   "--trusted-proxy", "10.0.0.0/8, ::1/128,192.168.1.1,0.0.0.0/0",
				   (const char *)NULL),
			 1);
	assert_null(strstr(out, "--trusted-proxy"));
}

int main(int argc, char **argv)
{
	harness_init(argc, argv);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_address_is_the_rightmost_untrusted_entry),
		cmocka_unit_test(test_the_throttle_counts_each_client_behind_the_proxy),
		cmocka_unit_test(test_without_the_option_the_header_is_ignored),
		cmocka_unit_test(test_a_bad_list_is_refused_at_start),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
