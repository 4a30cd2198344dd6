/* test_campaigns.c: fundraising over HTTP (issue 7, part 3). The demo's fund as each role
 * sees it; a campaign made through the API; donations of money and in kind; spendings that
 * take from the balance of their currency and name the services they paid for; the balance
 * that always adds up (received less spent, never below zero), also when many spendings race
 * for the last of the money; refusals that name their field and write nothing; the web
 * forms. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <pthread.h>

#include "harness.h"

#include "base/banned.h"

static struct server srv;
static struct client *sup, *worker, *analyst, *ngo_sup, *ngo_worker, *sweb;
static int64_t demo_fund;

static int64_t q(const char *sql, const char *a)
{
	return db_int(&srv, sql, a, (const char *)NULL);
}

static int group_setup(void **state)
{
	(void)state;
	if (server_new(&srv, true) || server_start(&srv))
		goto fail;
	struct client **api[] = { &sup, &worker, &analyst, &ngo_sup, &ngo_worker };
	const char *logins[] = { "supervisor", "worker", "analyst", "ngo-supervisor",
				 "ngo-worker" };
	for (size_t i = 0; i < sizeof(api) / sizeof(api[0]); i++) {
		*api[i] = client_new(&srv);
		if (api_login(*api[i], logins[i], DEMO_PASSWORD) != 201)
			goto fail;
	}
	sweb = client_new(&srv);
	if (web_login(sweb, "supervisor", DEMO_PASSWORD) != 303)
		goto fail;
	demo_fund = q("SELECT MIN(id) FROM campaigns WHERE currency = ?1", "KZT");
	if (demo_fund <= 0)
		goto fail;
	return 0;
fail:
	server_dump_log(&srv);
	server_free(&srv);
	return -1;
}

static int group_teardown(void **state)
{
	(void)state;
	bool ok = server_stop_graceful(&srv);
	server_free(&srv);
	return ok ? 0 : -1;
}

static struct resp *post(struct client *c, const char *body, const char *fmt, int64_t id)
{
	char path[128];
	snprintf(path, sizeof(path), fmt, (long long)id);
	return http_post_json(c, path, body);
}

static int64_t new_campaign(const char *name)
{
	char body[192];
	snprintf(body, sizeof(body), "{\"name\":\"%s\",\"goal\":10000000}", name);
	json_t *j = json_of(http_post_json(sup, "/api/v1/campaigns", body), 201);
	int64_t id = json_int_of(j, "id", 0);
	assert_string_equal(json_str_of(j, "currency"), "KZT"); /* by default */
	json_decref(j);
	return id;
}

static long give(int64_t campaign, int64_t amount, const char *currency)
{
	char body[160];
	snprintf(body, sizeof(body),
		 "{\"donor\":\"Қайырымды адам\",\"amount\":%lld,\"currency\":\"%s\"}",
		 (long long)amount, currency);
	return post(sup, body, "/api/v1/campaigns/%lld/donations", campaign)->status;
}

static struct resp *spend(struct client *c, int64_t campaign, int64_t amount, const char *currency)
{
	char body[160];
	snprintf(body, sizeof(body), "{\"amount\":%lld,\"currency\":\"%s\",\"purpose\":\"Көмек\"}",
		 (long long)amount, currency);
	return post(c, body, "/api/v1/campaigns/%lld/spendings", campaign);
}

/* The invariant, from the rows themselves: per currency, the balance kept is what the money
 * donations brought less what was spent, and not below zero. */
static void assert_adds_up(int64_t campaign)
{
	const char *id = i64s(campaign);
	assert_int_equal(
	    q("SELECT COUNT(*) FROM campaign_balances b WHERE b.campaign_id = ?1 AND (b.balance < 0"
	      " OR b.balance <> (SELECT COALESCE(SUM(d.amount), 0) FROM donations d WHERE"
	      " d.campaign_id = b.campaign_id AND d.currency = b.currency AND d.kind = 'money')"
	      " - (SELECT COALESCE(SUM(s.amount), 0) FROM spendings s WHERE s.campaign_id ="
	      " b.campaign_id AND s.currency = b.currency))",
	      id),
	    0);
	/* Every currency spent in has its line. */
	assert_int_equal(q("SELECT COUNT(*) FROM spendings s WHERE s.campaign_id = ?1 AND NOT"
			   " EXISTS (SELECT 1 FROM campaign_balances b WHERE b.campaign_id ="
			   " s.campaign_id AND b.currency = s.currency)",
			   id),
			 0);
}

static int64_t balance_of(int64_t campaign, const char *currency)
{
	return db_int(
	    &srv, "SELECT balance FROM campaign_balances WHERE campaign_id = ?1 AND currency = ?2",
	    i64s(campaign), currency, (const char *)NULL);
}

static void test_the_demo_fund_as_each_role_sees_it(void **state)
{
	(void)state;
	json_t *j = json_of(http_get(worker, "/api/v1/campaigns/%lld", (long long)demo_fund), 200);
	json_t *kzt = json_array_get(json_object_get(j, "balances"), 0);
	assert_string_equal(json_str_of(kzt, "currency"), "KZT");
	assert_int_equal(json_int_of(kzt, "balance", -1),
			 json_int_of(kzt, "received", 0) - json_int_of(kzt, "spent", 0));
	assert_true(json_int_of(kzt, "in_kind", 0) > 0);
	assert_int_equal(json_array_size(json_object_get(j, "balances")), 2); /* and USD */
	json_decref(j);
	assert_adds_up(demo_fund);
	/* Workers read but do not keep the fund; analysts see none; another organisation finds
	 * none. */
	EXPECT_STATUS(spend(worker, demo_fund, 100, "KZT"), 403);
	EXPECT_STATUS(http_get(analyst, "/api/v1/campaigns"), 403);
	EXPECT_STATUS(http_get(analyst, "/api/v1/campaigns/%lld", (long long)demo_fund), 403);
	EXPECT_STATUS(http_get(ngo_sup, "/api/v1/campaigns/%lld", (long long)demo_fund), 404);
	EXPECT_STATUS(spend(ngo_sup, demo_fund, 100, "KZT"), 404);
	char path[64];
	snprintf(path, sizeof(path), "/api/v1/campaigns/%lld", (long long)demo_fund);
	EXPECT_STATUS(http_patch_json(ngo_sup, path, "{\"version\":1,\"name\":\"x\"}"), 404);
	struct resp *r = http_get(ngo_sup, "/api/v1/campaigns");
	EXPECT_STATUS(r, 200);
	assert_false(resp_has(r, "(demo)\""));
}

static void test_the_balance_adds_up(void **state)
{
	(void)state;
	int64_t k = new_campaign("Қор");
	/* Nothing to spend yet. */
	struct resp *r = spend(sup, k, 100, "KZT");
	assert_string_equal(error_field(r), "amount");
	assert_int_equal(give(k, 100000, "KZT"), 201);
	assert_int_equal(give(k, 5000, "USD"), 201);
	/* In kind: a description, counted apart at its value. */
	json_decref(json_of(post(sup,
				 "{\"donor\":\"Дүкен\",\"donor_kind\":\"organisation\",\"kind\":"
				 "\"in_kind\",\"description\":\"Көрпелер\",\"amount\":70000,"
				 "\"currency\":\"KZT\"}",
				 "/api/v1/campaigns/%lld/donations", k),
			    201));
	json_t *j = json_of(spend(sup, k, 30000, "KZT"), 201);
	json_t *kzt = json_array_get(json_object_get(j, "balances"), 0);
	assert_int_equal(json_int_of(kzt, "received", 0), 100000);
	assert_int_equal(json_int_of(kzt, "spent", 0), 30000);
	assert_int_equal(json_int_of(kzt, "balance", 0), 70000);
	assert_int_equal(json_int_of(kzt, "in_kind", 0), 70000);
	json_decref(j);
	/* Dollars are not tenge: 5000 USD cents do not pay 60000 tiyn of tenge beyond the 70000
	 * left, nor does the value of a gift in kind. */
	assert_string_equal(error_field(spend(sup, k, 70001, "KZT")), "amount");
	assert_string_equal(error_field(spend(sup, k, 5001, "USD")), "amount");
	assert_string_equal(error_field(spend(sup, k, 1, "EUR")), "amount");
	assert_int_equal(spend(sup, k, 5000, "USD")->status, 201);
	assert_int_equal(spend(sup, k, 70000, "KZT")->status, 201);
	assert_int_equal(balance_of(k, "KZT"), 0);
	assert_int_equal(balance_of(k, "USD"), 0);
	assert_adds_up(k);
	/* Refusals name their field and write nothing. */
	int64_t before =
	    q("SELECT COUNT(*) FROM donations", NULL) + q("SELECT COUNT(*) FROM spendings", NULL);
	assert_string_equal(error_field(post(sup,
					     "{\"donor\":\"x\",\"amount\":100,\"currency\":"
					     "\"tenge\"}",
					     "/api/v1/campaigns/%lld/donations", k)),
			    "currency");
	assert_string_equal(error_field(post(sup, "{\"donor\":\"x\",\"currency\":\"KZT\"}",
					     "/api/v1/campaigns/%lld/donations", k)),
			    "amount");
	assert_string_equal(error_field(post(sup,
					     "{\"amount\":100,\"currency\":\"KZT\","
					     "\"donor_kind\":\"person\"}",
					     "/api/v1/campaigns/%lld/donations", k)),
			    "donor");
	assert_string_equal(error_field(post(sup, "{\"donor\":\"x\",\"kind\":\"in_kind\"}",
					     "/api/v1/campaigns/%lld/donations", k)),
			    "description");
	assert_string_equal(error_field(post(sup,
					     "{\"donor\":\"x\",\"amount\":-5,\"currency\":"
					     "\"KZT\"}",
					     "/api/v1/campaigns/%lld/donations", k)),
			    "amount");
	assert_string_equal(error_field(post(sup,
					     "{\"donor\":\"x\",\"amount\":5,\"currency\":"
					     "\"KZT\",\"received_on\":\"2999-01-01\"}",
					     "/api/v1/campaigns/%lld/donations", k)),
			    "received_on");
	assert_string_equal(error_field(post(sup, "{\"amount\":5,\"currency\":\"KZT\"}",
					     "/api/v1/campaigns/%lld/spendings", k)),
			    "purpose");
	assert_string_equal(error_field(post(sup,
					     "{\"amount\":5,\"currency\":\"KZT\",\"purpose\":"
					     "\"x\",\"services\":[999999]}",
					     "/api/v1/campaigns/%lld/spendings", k)),
			    "services");
	assert_int_equal(q("SELECT COUNT(*) FROM donations", NULL) +
			     q("SELECT COUNT(*) FROM spendings", NULL),
			 before);
	/* An anonymous gift names nobody. */
	json_decref(json_of(post(sup,
				 "{\"donor_kind\":\"anonymous\",\"donor\":\"Кім де болсын\","
				 "\"amount\":500,\"currency\":\"KZT\"}",
				 "/api/v1/campaigns/%lld/donations", k),
			    201));
	assert_int_equal(q("SELECT COUNT(*) FROM donations WHERE campaign_id = ?1 AND donor_kind ="
			   " 'anonymous' AND donor IS NULL",
			   i64s(k)),
			 1);
	assert_adds_up(k);
	/* A closed campaign takes no gift, but what is left may still be spent. */
	char path[64];
	snprintf(path, sizeof(path), "/api/v1/campaigns/%lld", (long long)k);
	json_decref(json_of(http_patch_json(sup, path, "{\"version\":1,\"active\":false}"), 200));
	EXPECT_STATUS(http_patch_json(sup, path, "{\"version\":1,\"active\":true}"), 409);
	assert_int_equal(give(k, 100, "KZT"), 422);
	assert_int_equal(spend(sup, k, 500, "KZT")->status, 201);
}

/* A consultation delivered by c in a new case of a person of their organisation: its id. */
static int64_t service_of(struct client *c, const char *login)
{
	int64_t person = q("SELECT MIN(id) FROM persons WHERE restricted = 0 AND org_id = (SELECT"
			   " org_id FROM users WHERE login = ?1)",
			   login);
	char body[256];
	snprintf(body, sizeof(body), "{\"person_id\": %lld, \"opening_reason\": \"Қор\"}",
		 (long long)person);
	json_t *j = json_of(http_post_json(c, "/api/v1/cases", body), 201);
	int64_t case_id = json_int_of(j, "id", 0);
	json_decref(j);
	int64_t type = q("SELECT id FROM service_types WHERE label_en = ?1", "legal consultation");
	snprintf(body, sizeof(body),
		 "{\"form\": \"individual\", \"function\": \"adaptation\", \"means\":"
		 " \"individual\", \"type_id\": %lld, \"minutes\": 30}",
		 (long long)type);
	j = json_of(post(c, body, "/api/v1/cases/%lld/services", case_id), 201);
	int64_t id = json_int_of(j, "id", 0);
	json_decref(j);
	assert_true(id > 0);
	return id;
}

/* A spending names the services it paid for: services of the organisation only. */
static void test_a_spending_pays_for_services(void **state)
{
	(void)state;
	int64_t k = new_campaign("Қызметтер");
	assert_int_equal(give(k, 50000, "KZT"), 201);
	int64_t svc = service_of(worker, "worker"), foreign = service_of(ngo_worker, "ngo-worker");
	char body[192];
	snprintf(body, sizeof(body),
		 "{\"amount\":1000,\"currency\":\"KZT\",\"purpose\":\"Жол ақысы\",\"services\":"
		 "[%lld,%lld]}",
		 (long long)svc, (long long)svc);
	json_t *j = json_of(post(sup, body, "/api/v1/campaigns/%lld/spendings", k), 201);
	json_t *x = json_array_get(json_object_get(j, "spending_list"), 0);
	assert_int_equal(json_array_size(json_object_get(x, "services")), 1);
	json_decref(j);
	/* Another organisation's service is none of this fund's business. */
	snprintf(body, sizeof(body),
		 "{\"amount\":1000,\"currency\":\"KZT\",\"purpose\":\"x\",\"services\":[%lld]}",
		 (long long)foreign);
	assert_string_equal(error_field(post(sup, body, "/api/v1/campaigns/%lld/spendings", k)),
			    "services");
	assert_int_equal(balance_of(k, "KZT"), 49000);
}

/* One of the racers: spends 30 from the fund when all are ready. */
struct racer {
	const char *token;
	pthread_barrier_t *go;
	int64_t campaign;
	long status;
};

static void *race(void *arg)
{
	struct racer *x = arg;
	struct client *c = client_new_unlisted(&srv);
	snprintf(c->bearer, sizeof(c->bearer), "%s", x->token);
	http_get(c, "/api/v1/campaigns/%lld", (long long)x->campaign); /* connected first */
	pthread_barrier_wait(x->go);
	x->status = spend(c, x->campaign, 3000, "KZT")->status;
	client_free(c);
	return NULL;
}

static void test_many_spendings_racing_for_the_last_money(void **state)
{
	(void)state;
	enum { N = 8 };
	int64_t k = new_campaign("Жарыс");
	assert_int_equal(give(k, 10000, "KZT"), 201);
	struct racer x[N];
	pthread_t t[N];
	pthread_barrier_t go;
	pthread_barrier_init(&go, NULL, N);
	for (int i = 0; i < N; i++)
		x[i] = (struct racer){ .token = sup->bearer, .go = &go, .campaign = k };
	for (int i = 0; i < N; i++)
		assert_int_equal(pthread_create(&t[i], NULL, race, &x[i]), 0);
	int paid = 0, refused = 0;
	for (int i = 0; i < N; i++) {
		pthread_join(t[i], NULL);
		paid += x[i].status == 201;
		refused += x[i].status == 422;
	}
	pthread_barrier_destroy(&go);
	/* 10000 pays three of 3000, whatever the order: exactly three, 1000 left. */
	assert_int_equal(paid, 3);
	assert_int_equal(refused, N - 3);
	assert_int_equal(balance_of(k, "KZT"), 1000);
	assert_int_equal(q("SELECT COUNT(*) FROM spendings WHERE campaign_id = ?1", i64s(k)), 3);
	assert_adds_up(k);
}

static void test_the_web_forms(void **state)
{
	(void)state;
	struct sbuf f = { 0 };
	sb_form(&f, "_csrf", sweb->csrf);
	sb_form(&f, "name", "Мектеп <сөмкелері>");
	sb_form(&f, "goal", "бір миллион");
	sb_form(&f, "currency", "KZT");
	struct resp *r = http_post_form(sweb, "/campaigns", sb_str(&f));
	sb_free(&f);
	EXPECT_STATUS(r, 422);
	assert_true(resp_has(r, "Мектеп &lt;сөмкелері&gt;"));
	assert_true(resp_has(r, "aria-describedby=\"e-goal\""));
	f = (struct sbuf){ 0 };
	sb_form(&f, "_csrf", sweb->csrf);
	sb_form(&f, "name", "Мектеп сөмкелері");
	sb_form(&f, "goal", "1 000 000");
	sb_form(&f, "currency", "KZT");
	sb_form(&f, "active", "1");
	EXPECT_STATUS(http_post_form(sweb, "/campaigns", sb_str(&f)), 303);
	sb_free(&f);
	int64_t k = q("SELECT id FROM campaigns WHERE name = ?1", "Мектеп сөмкелері");
	assert_int_equal(q("SELECT goal FROM campaigns WHERE id = ?1", i64s(k)), 100000000);
	char path[64];
	snprintf(path, sizeof(path), "/campaigns/%lld/donations", (long long)k);
	f = (struct sbuf){ 0 };
	sb_form(&f, "_csrf", sweb->csrf);
	sb_form(&f, "donor_kind", "person");
	sb_form(&f, "donor", "Әлия");
	sb_form(&f, "kind", "money");
	sb_form(&f, "amount", "12 500,50");
	sb_form(&f, "currency", "KZT");
	EXPECT_STATUS(http_post_form(sweb, path, sb_str(&f)), 303);
	sb_free(&f);
	assert_int_equal(balance_of(k, "KZT"), 1250050);
	/* Spending more than is left: the page again, the input kept, nothing taken. */
	snprintf(path, sizeof(path), "/campaigns/%lld/spendings", (long long)k);
	f = (struct sbuf){ 0 };
	sb_form(&f, "_csrf", sweb->csrf);
	sb_form(&f, "amount", "20000");
	sb_form(&f, "currency", "KZT");
	sb_form(&f, "purpose", "Сөмкелер <20>");
	r = http_post_form(sweb, path, sb_str(&f));
	sb_free(&f);
	EXPECT_STATUS(r, 422);
	assert_true(resp_has(r, "Сөмкелер &lt;20&gt;"));
	assert_true(resp_has(r, "aria-describedby=\"e-s-amount\""));
	assert_int_equal(balance_of(k, "KZT"), 1250050);
	f = (struct sbuf){ 0 };
	sb_form(&f, "_csrf", sweb->csrf);
	sb_form(&f, "amount", "12000");
	sb_form(&f, "currency", "KZT");
	sb_form(&f, "purpose", "Сөмкелер");
	sb_form(&f, "services", "1, x");
	r = http_post_form(sweb, path, sb_str(&f));
	sb_free(&f);
	EXPECT_STATUS(r, 422);
	f = (struct sbuf){ 0 };
	sb_form(&f, "_csrf", sweb->csrf);
	sb_form(&f, "amount", "12000");
	sb_form(&f, "currency", "KZT");
	sb_form(&f, "purpose", "Сөмкелер");
	EXPECT_STATUS(http_post_form(sweb, path, sb_str(&f)), 303);
	sb_free(&f);
	assert_int_equal(balance_of(k, "KZT"), 50050);
	r = http_get(sweb, "/campaigns/%lld", (long long)k);
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "500.50"));
	/* Workers read the pages without the forms; analysts are kept out. */
	struct client *wweb = client_new(&srv), *aweb = client_new(&srv);
	assert_int_equal(web_login(wweb, "worker", DEMO_PASSWORD), 303);
	assert_int_equal(web_login(aweb, "analyst", DEMO_PASSWORD), 303);
	r = http_get(wweb, "/campaigns/%lld", (long long)k);
	EXPECT_STATUS(r, 200);
	assert_false(resp_has(r, "/spendings\""));
	EXPECT_STATUS(http_get(wweb, "/campaigns/new"), 403);
	EXPECT_STATUS(http_get(aweb, "/campaigns"), 403);
	client_free(wweb);
	client_free(aweb);
	assert_adds_up(k);
}

int main(int argc, char **argv)
{
	harness_init(argc, argv);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_demo_fund_as_each_role_sees_it),
		cmocka_unit_test(test_the_balance_adds_up),
		cmocka_unit_test(test_a_spending_pays_for_services),
		cmocka_unit_test(test_many_spendings_racing_for_the_last_money),
		cmocka_unit_test(test_the_web_forms),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
