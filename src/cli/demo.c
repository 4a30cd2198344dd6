/* demo.c: the demo data set: two fictional organisations, a user for every role, and
 * fictional families with Kazakh, Russian, Uzbek and Chinese names across the categories
 * and regions. Every person here is invented. */
#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "base/banned.h"
#include "base/util.h"
#include "cli/cli.h"
#include "store/store.h"
#include "store/store_integration.h"
#include "store/store_labour.h"

#define DEMO_PASSWORD "komek-demo-2026"

struct demo_person {
	int family; /* people with the same family number share a household; 0: alone */
	const char *relation;
	const char *family_name, *given_name, *patronymic, *name_original, *sex, *birth_date;
	const char *citizenship, *origin, *legal_status, *region, *locality, *arrival;
	const char *cats; /* space-separated */
	const char *doc_type, *doc_number;
	const char *lang_kk, *lang_ru;
};

static const struct demo_person people[] = {
	{ 1, "head", "Тұрсынбаев", "Ерлан", "Қайратұлы", NULL, "male", "1979-03-14", "CN", "CN",
	  "kandas", "KZ-55", "Павлодар", "2025-08-20", "kandas", "kandas_certificate", "KC0012345",
	  "native", "basic" },
	{ 1, "spouse", "Тұрсынбаева", "Гүлнар", NULL, "古丽娜尔·吐尔逊巴依", "female", "1983", "CN",
	  "CN", "kandas", "KZ-55", "Павлодар", "2025-08-20", "kandas", "passport", "E81234567",
	  "native", "none" },
	{ 1, "child", "Тұрсынбаев", "Нұрсұлтан", "Ерланұлы", NULL, "male", "2012-06-01", "CN", "CN",
	  "kandas", "KZ-55", "Павлодар", "2025-08-20", "kandas", "birth_certificate", "BC2012-0601",
	  "fluent", "none" },
	{ 2, "head", "Abdullaev", "Rustam", "Karimovich", "Abdullayev Rustam Karim oʻgʻli", "male",
	  "1990-11-23", "UZ", "UZ", "labour_immigrant", "KZ-75", "Алматы", "2026-03-02",
	  "labour_migrant", "passport", "FA1234567", "basic", "fluent" },
	{ 2, "spouse", "Abdullaeva", "Dilnoza", NULL, "Abdullayeva Dilnoza", "female", "1994-02-17",
	  "UZ", "UZ", "labour_immigrant", "KZ-75", "Алматы", "2026-03-02", "labour_migrant",
	  "passport", "FA7654321", "none", "intermediate" },
	{ 0, NULL, "Иванова", "Мария", "Петровна", NULL, "female", "1986-07-09", "RU", "RU",
	  "resettler", "KZ-59", "Петропавловск", "2024-05-15", "voluntary_resettler", "passport",
	  "4510 123456", "basic", "native" },
	{ 0, NULL, "Жақсылықов", "Бауыржан", "Серікұлы", NULL, "male", "1968", "KZ", "KZ",
	  "citizen", "KZ-63", "Өскемен", "2025-10-01", "internal_migrant", "id_card", "041234567",
	  "native", "fluent" },
	{ 3, "head", "Батболд", "Ганбаатар", NULL, "Батболдын Ганбаатар", "male", "1975-01-30",
	  "MN", "MN", "kandas_applicant", "KZ-10", "Семей", "2026-06-11", "kandas_candidate",
	  "passport", "E1234567", "fluent", "basic" },
	{ 3, "spouse", "Батболд", "Сарангэрэл", NULL, "Батболдын Сарангэрэл", "female",
	  "1978-09-05", "MN", "MN", "kandas_applicant", "KZ-10", "Семей", "2026-06-11",
	  "kandas_candidate", "passport", "E7654321", "intermediate", "none" },
	{ 0, NULL, "Karimova", "Nodira", NULL, NULL, "female", "2001-04-12", "UZ", "UZ", "other",
	  "KZ-79", "Шымкент", "2025-12-20", "trafficking_victim labour_migrant", "passport",
	  "FB9988776", "basic", "basic" },
	{ 0, NULL, "Ахмади", "Фарид", NULL, "فرید احمدی", "male", "1997-08-08", "AF", "AF",
	  "asylum_seeker", "KZ-71", "Астана", "2026-09-03", "asylum_seeker persecution_victim",
	  "asylum_seeker_certificate", "AS-2026-0042", "none", "basic" },
	{ 4, "head", "Сейітқали", "Айгүл", NULL, NULL, "female", "1988-12-24", "KZ", "TM", "kandas",
	  "KZ-15", "Ақтөбе", "2024-11-04", "kandas", "id_card", "051112223", "native",
	  "intermediate" },
	{ 4, "child", "Сейітқали", "Дана", NULL, NULL, "female", "2015-05-19", "KZ", "TM", "kandas",
	  "KZ-15", "Ақтөбе", "2024-11-04", "kandas", "birth_certificate", "BC2015-0519", "native",
	  "basic" },
	{ 4, "child", "Сейітқали", "Арман", NULL, NULL, "male", "2018-10-02", "KZ", "TM", "kandas",
	  "KZ-15", "Ақтөбе", "2024-11-04", "kandas", "birth_certificate", "BC2018-1002", "fluent",
	  "none" },
	{ 0, NULL, "Rahimov", "Jasur", NULL, NULL, "male", "1985-03-03", "TJ", "TJ",
	  "labour_immigrant", "KZ-75", "Алматы", "2026-01-15",
	  "forced_labour_victim labour_migrant", "passport", "400123456", "none", "basic" },
	{ 0, NULL, "Петренко", "Олег", "Васильевич", NULL, "male", "1971-06-30", "UA", "UA",
	  "stateless", "KZ-35", "Караганда", "2023-04-01", "forced_resettler", "travel_document",
	  "TD-000777", "basic", "native" },
	{ 0, NULL, "Омарова", "Жанар", "Болатқызы", NULL, "female", "1999-02-14", "KZ", "KZ",
	  "citizen", "KZ-71", "Астана", "2026-02-01", "internal_migrant", "id_card", "039876543",
	  "native", "native" },
	{ 5, "head", "Ма", "Айгүл", NULL, "马艾古丽", "female", "1992-07-07", "CN", "CN", "kandas",
	  "KZ-19", "Қонаев", "2026-04-22", "kandas", "passport", "EG1234567", "fluent", "none" },
	{ 5, "child", "Ма", "Нұрбол", NULL, "马努尔波力", "male", "2019-01-11", "CN", "CN",
	  "kandas", "KZ-19", "Қонаев", "2026-04-22", "kandas", "birth_certificate", "CN2019011",
	  "intermediate", "none" },
	{ 0, NULL, "Yusupov", "Sherzod", NULL, NULL, "male", "2009-09-09", "UZ", "UZ", "refugee",
	  "KZ-61", "Түркістан", "2026-07-07", "refugee", "refugee_certificate", "RC-2026-0011",
	  "basic", "basic" },
};

/* Cases of some demo people (by their index above), opened by whoever registered them. */
static const struct {
	size_t person;
	bool household;
	const char *reason, *note, *confidential_note;
	const char *co_worker; /* a login of the same organisation, or NULL */
	const char *needs;     /* an assessment: "need=urgency ...", or NULL */
} demo_cases[] = {
	{ 0, true,
	  "Отбасы Қытайдан қандас ретінде келді: баспана, құжаттар және балаға мектеп керек.",
	  "Бірінші кездесу: отбасы уақытша туыстарында тұрады. Қандас куәлігі бар.",
	  "Жұбайы қатты алаңдаулы, ұйқысы нашар: психологпен кездесу ұсынылды.", "psychologist",
	  "housing=3 legal_status=2 schooling=2 language_ru=1 psychological=2 employment=2" },
	{ 5, false,
	  "Добровольная переселенка из России: нужна помощь с видом на жительство и работой.",
	  "Первая встреча: документы собраны, запись в ЦОН на следующей неделе.", NULL, NULL,
	  "legal_status=2 employment=2 housing=1" },
	{ 9, false, "Referred by the police after leaving a workplace where her passport was held.",
	  "Placed in the temporary accommodation centre; a lawyer will call tomorrow.",
	  "She named the employer and the address of the workplace; details kept here only.", NULL,
	  "housing=3 legal_status=3 psychological=3 medical_care=2 employment=2" },
	{ 10, false, "Пана іздеуші: өтінішті тапсыруға және баспанаға көмек керек.",
	  "Өтініш жергілікті атқарушы органға тапсырылды.", NULL, "lawyer", NULL },
	{ 11, true, "Түрікменстаннан келген қандас отбасы: балаларға орыс тілі курсы керек.",
	  "Балалар мектепке қабылданды.", NULL, NULL, NULL },
	{ 17, false, "Қандас Қытайдан: қазақ тілін (кирилл) үйренгісі келеді, жұмыс іздейді.", NULL,
	  NULL, NULL, "language_kk=3 employment=2" },
};

/* Services given today in the demo's cases (by their index above; none to the people
 * test_access.c's matrix takes as its targets: 0, 5 and 9), the type by its English label. */
static const struct {
	size_t in_case;
	const char *type, *form, *function, *means;
} demo_services[] = {
	{ 3, "legal consultation", "individual", "adaptation", "individual" },
	{ 3, "preparing documents", "individual", "adaptation", "individual" },
	{ 3, "information", "collective", "capacity", "collective" },
	{ 4, "language lesson", "collective", "integration", "collective" },
	{ 5, "language lesson", "collective", "integration", "collective" },
	{ 5, "job placement", "individual", "integration", "individual" },
};

/* Service i of demo_services in case k, opened by who: checked as a worker's is, and written
 * in a transaction of its own, after the case is saved. */
static int demo_service(struct dbconn *c, struct arena *a, const struct actor *who,
			const struct case_rec *k, const struct service_type *types, size_t ntypes,
			size_t i, const char *today)
{
	const struct service_type *type = NULL;
	for (size_t j = 0; j < ntypes; j++)
		if (strcmp(types[j].label_en, demo_services[i].type) == 0)
			type = &types[j];
	struct service_rec s = { .form = demo_services[i].form,
				 .function = demo_services[i].function,
				 .means = demo_services[i].means,
				 .delivered_on = today,
				 .minutes = 45 };
	struct field_errors e = { 0 };
	service_validate(a, &s, type, k->opened_on, today, &e);
	if (e.n) {
		fprintf(stderr, "demo: service %zu refused: %s\n", i, e.e[0].field);
		return K_EINVAL;
	}
	return store_service_write(c, a, who, k, &s);
}

static int demo_case(struct dbconn *c, struct arena *a, const struct actor *who, int64_t person_id,
		     size_t i, const char *today, int64_t *case_id)
{
	struct case_rec k = { .person_id = person_id,
			      .worker_id = who->user_id,
			      .household = demo_cases[i].household,
			      .opening_reason = demo_cases[i].reason,
			      .opened_on = today };
	int rc = store_case_insert(c, who, &k);
	*case_id = k.id;
	if (!rc)
		rc = store_audit(c, who, "case.open", "case", k.id, "demo");
	if (!rc && demo_cases[i].co_worker) {
		struct store_user u;
		rc = store_user_by_login(c, a, demo_cases[i].co_worker, &u);
		if (!rc)
			rc = store_case_member_add(c, who, &k, u.id);
	}
	if (!rc && demo_cases[i].needs) {
		struct assessment x = { .case_id = k.id, .assessed_on = today };
		char buf[256];
		snprintf(buf, sizeof(buf), "%s", demo_cases[i].needs);
		char *save = NULL;
		for (char *t = strtok_r(buf, " ", &save); t && x.n < NEEDS_MAX;
		     t = strtok_r(NULL, " ", &save)) {
			char *eq = strchr(t, '=');
			if (!eq)
				continue;
			*eq = '\0';
			x.needs[x.n++] = (struct need_score){ .need = arena_strdup(a, t),
							      .urgency = eq[1] - '0' };
		}
		struct field_errors e = { 0 };
		rc = assessment_validate(a, &x, today, today, &e);
		if (!rc)
			rc = store_assessment_add(c, a, who, &x);
	}
	const char *notes[] = { demo_cases[i].note, demo_cases[i].confidential_note };
	for (size_t j = 0; !rc && j < 2; j++) {
		if (!notes[j])
			continue;
		struct case_note n = {
			.case_id = k.id, .noted_on = today, .text = notes[j], .confidential = j == 1
		};
		rc = store_case_note_add(c, a, who, &n);
	}
	return rc;
}

/* The directory of partner organisations: the two organisations of the demo (the second
 * answers its referrals in Komek) and a few that are not in it. */
static const struct {
	const char *name, *kind, *services, *regions, *phone, *description;
	int org; /* 1 or 2: the demo organisation it is, 0: none */
} demo_partners[] = {
	{ "Pavlodar NGO «Көмек қолы» (demo)", "ngo",
	  "social_legal social_psychological social_household", "KZ-55", "+7 7182 55 00 11",
	  "Заң кеңесі, психологиялық көмек, уақытша баспана.", 2 },
	{ "Алматы: бейімделу және интеграция орталығы (demo)", "adaptation_centre",
	  "social_pedagogical social_cultural social_labour", "KZ-75", "+7 727 300 00 00",
	  "Қазақ тілі курстары, мәдени бейімделу, жұмысқа орналастыру.", 1 },
	{ "Алматы қаласы көші-қон қызметі (demo)", "state_body", "social_legal", "KZ-75",
	  "+7 727 254 00 00", "Құжаттар, тұруға рұқсат, пана іздеушінің өтініші.", 0 },
	{ "Уақытша орналастыру орталығы, Алматы (demo)", "temporary_accommodation",
	  "social_household social_medical", "KZ-75 KZ-19", "+7 727 222 33 44",
	  "Уақытша тұру, тамақ, медициналық тексеру.", 0 },
	{ "«Қамқор» қайырымдылық қоры (demo)", "foundation", "social_economic", "", NULL,
	  "Material assistance and small loans, across Kazakhstan.", 0 },
};

/* Referrals of the demo: person (index of people), partner (index of demo_partners),
 * service kind, message. Each person consents to sharing for a referral first. */
static const struct {
	size_t person, partner;
	const char *service_kind, *message;
} demo_referrals[] = {
	{ 0, 0, "social_legal", "Needs help with the kandas status renewal; speaks Kazakh." },
	{ 9, 0, "social_psychological",
	  "Crisis counselling after exploitation; a female counsellor, please." },
	{ 5, 3, "social_household", "A bed for two weeks while her residence permit is issued." },
};

/* The demo's centres: a temporary accommodation centre of the first organisation with two
 * rooms, two people on beds (one of them a protected person, a victim of trafficking, placed
 * by the worker who holds her record) and one waiting; an adaptation centre of the NGO. Each step
 * in a transaction of its own, after the people are saved. */
static int64_t demo_index(const char *family, const char *given)
{
	for (size_t i = 0; i < sizeof(people) / sizeof(people[0]); i++)
		if (strcmp(people[i].family_name, family) == 0 &&
		    strcmp(people[i].given_name, given) == 0)
			return (int64_t)i;
	return 0;
}

static int demo_centres(struct dbconn *c, struct arena *a, const int64_t *ids,
			const struct actor *whos, const char *today)
{
	static const struct {
		const char *login, *kind, *name, *region, *address;
		const char *rooms[2];
		int64_t beds[2];
	} centres[] = {
		{ "supervisor",
		  "temporary_accommodation",
		  "Алматы: уақытша орналастыру орталығы (demo)",
		  "KZ-75",
		  "Алматы, Жетісу ауданы",
		  { "1", "2" },
		  { 4, 2 } },
		{ "ngo-supervisor",
		  "adaptation_centre",
		  "Павлодар: бейімделу орталығы (demo)",
		  "KZ-55",
		  "Павлодар, Естай көшесі",
		  { "А", NULL },
		  { 3, 0 } },
	};
	int64_t first = 0;
	int rc = 0;
	for (size_t i = 0; !rc && i < sizeof(centres) / sizeof(centres[0]); i++) {
		struct store_user u;
		rc = store_user_by_login(c, a, centres[i].login, &u);
		struct actor who = {
			.user_id = u.id, .org_id = u.org_id, .role = ROLE_SUPERVISOR, .addr = "demo"
		};
		struct centre ce = { .kind = centres[i].kind,
				     .name = centres[i].name,
				     .region = centres[i].region,
				     .address = centres[i].address,
				     .active = true };
		struct field_errors e = { 0 };
		if (!rc)
			rc = centre_validate(a, &ce, &e);
		if (!rc)
			rc = store_centre_save(c, &who, &ce);
		for (size_t k = 0; !rc && k < 2 && centres[i].rooms[k]; k++) {
			struct room room = { .name = centres[i].rooms[k],
					     .beds = centres[i].beds[k] };
			rc = store_room_add(c, a, &who, ce.id, &room, &e);
		}
		if (!first)
			first = ce.id;
	}
	/* On beds 1 and 2 of the first room, placed by whoever registered them. */
	const char *placed[][2] = { { "Karimova", "Nodira" }, { "Жақсылықов", "Бауыржан" } };
	for (size_t i = 0; !rc && i < 2; i++) {
		int64_t k = demo_index(placed[i][0], placed[i][1]);
		struct placement p = { .centre_id = first, .person_id = ids[k], .check_in = today };
		struct field_errors e = { 0 };
		struct store_user u;
		rc = store_user_by_login(c, a, "supervisor", &u);
		int64_t bed = 0;
		if (!rc)
			rc = store_bed_find(c, first, "1", i == 0 ? "1" : "2", &bed);
		p.bed_id = bed;
		if (!rc)
			rc = store_placement_add(c, a, &whos[k], &p, &e);
	}
	int64_t k = demo_index("Батболд", "Сарангэрэл");
	struct waiting w = { .centre_id = first, .person_id = ids[k], .since = today };
	struct field_errors e = { 0 };
	if (!rc)
		rc = store_waiting_add(c, a, &whos[k], &w, &e);
	return rc;
}

/* The demo's groups: a Kazakh language course of the first organisation led by the worker,
 * with four members (one of them the protected person, whose record the worker holds: others
 * see "a protected person") and two sessions a week apart; and a mutual-help group with no
 * session yet. */
static int demo_groups(struct dbconn *c, struct arena *a, const int64_t *ids,
		       const struct actor *whos, const char *today)
{
	struct store_user u;
	int rc = store_user_by_login(c, a, "worker", &u);
	struct actor who = {
		.user_id = u.id, .org_id = u.org_id, .role = ROLE_SOCIAL_WORKER, .addr = "demo"
	};
	char started[11], first[11], second[11];
	date_add_days(today, -30, started);
	date_add_days(today, -14, first);
	date_add_days(today, -7, second);
	struct group g[2] = {
		{ .kind = "language_course",
		  .name = "Қазақ тілі: бастауыш курс (demo)",
		  .function = "integration",
		  .facilitator_id = u.id,
		  .place = "Алматы, орталықтың 3-бөлмесі",
		  .schedule = "сейсенбі, бейсенбі 15:00",
		  .starts_on = started,
		  .active = true },
		{ .kind = "mutual_help",
		  .name = "Кандастардың өзара көмек тобы (demo)",
		  .function = "capacity",
		  .facilitator_id = u.id,
		  .schedule = "айына бір рет",
		  .starts_on = today,
		  .active = true },
	};
	struct field_errors e = { 0 };
	for (size_t i = 0; !rc && i < 2; i++) {
		rc = group_validate(a, &g[i], &e);
		if (!rc)
			rc = store_group_save(c, &who, &g[i], &e);
	}
	const char *members[][2] = { { "Тұрсынбаева", "Гүлнар" },
				     { "Батболд", "Ганбаатар" },
				     { "Ма", "Айгүл" },
				     { "Karimova", "Nodira" } };
	int64_t present[2][4] = { { 0 } };
	for (size_t i = 0; !rc && i < 4; i++) {
		int64_t k = demo_index(members[i][0], members[i][1]);
		struct group_member m = { .group_id = g[0].id,
					  .person_id = ids[k],
					  .joined_on = started };
		rc = store_member_add(c, a, &whos[k], &m, &e);
		present[0][i] = ids[k];
		if (i != 1)
			present[1][i] = ids[k];
	}
	const char *topics[] = { "Сәлемдесу және танысу", "Дүкенде және базарда" };
	const char *days[] = { first, second };
	for (size_t i = 0; !rc && i < 2; i++) {
		struct group_session gs = { .group_id = g[0].id,
					    .held_on = days[i],
					    .topic = topics[i],
					    .unregistered = i ? 1 : 2 };
		int64_t chosen[4];
		size_t n = 0;
		for (size_t k = 0; k < 4; k++)
			if (present[i][k])
				chosen[n++] = present[i][k];
		rc = store_group_session_save(c, a, &who, &gs, chosen, n, &e);
	}
	return rc;
}

/* The demo's fund: a winter-clothing campaign of the first organisation, kept by the
 * supervisor, with gifts of money (in tenge and in dollars) and in kind, and one spending. */
static int demo_campaign(struct dbconn *c, struct arena *a, const char *today)
{
	struct store_user u;
	int rc = store_user_by_login(c, a, "supervisor", &u);
	struct actor who = {
		.user_id = u.id, .org_id = u.org_id, .role = ROLE_SUPERVISOR, .addr = "demo"
	};
	char started[11];
	date_add_days(today, -20, started);
	struct campaign k = { .name = "Қысқы киім: көмек қоры (demo)",
			      .purpose = "Қыста келген кандастар мен босқындардың отбасыларына "
					 "жылы киім мен аяқ киім.",
			      .currency = "KZT",
			      .goal = 200000000,
			      .starts_on = started,
			      .active = true };
	struct field_errors e = { 0 };
	if (!rc)
		rc = campaign_validate(a, &k, &e);
	if (!rc)
		rc = store_campaign_save(c, &who, &k);
	static const struct {
		const char *donor, *donor_kind, *kind, *currency, *description;
		int64_t amount;
	} gifts[] = {
		{ "Алматы кәсіпкерлер қауымдастығы", "organisation", "money", "KZT", NULL,
		  50000000 },
		{ "Сейітжанова Әлия", "person", "money", "KZT", NULL, 2500000 },
		{ NULL, "anonymous", "money", "KZT", NULL, 1000000 },
		{ "Jane Miller", "person", "money", "USD", NULL, 20000 },
		{ "«Ана мен бала» дүкені", "organisation", "in_kind", "KZT", "40 балалар күртешесі",
		  80000000 },
	};
	for (size_t i = 0; !rc && i < sizeof(gifts) / sizeof(gifts[0]); i++) {
		struct donation d = { .campaign_id = k.id,
				      .donor = gifts[i].donor,
				      .donor_kind = gifts[i].donor_kind,
				      .kind = gifts[i].kind,
				      .currency = gifts[i].currency,
				      .description = gifts[i].description,
				      .amount = gifts[i].amount,
				      .received_on = started };
		rc = donation_validate(a, &d, today, &e);
		if (!rc)
			rc = store_donation_add(c, a, &who, &d, &e);
	}
	struct spending x = { .campaign_id = k.id,
			      .amount = 15000000,
			      .currency = "KZT",
			      .spent_on = today,
			      .purpose = "Қысқы аяқ киім, 12 жұп" };
	if (!rc)
		rc = spending_validate(a, &x, today, &e);
	if (!rc)
		rc = store_spending_add(c, a, &who, &x, &e);
	return rc;
}

/* The demo's events of the first organisation, recorded by the worker: a round table with two
 * named participants, a Nauryz festival, and an information bulletin. */
static int demo_events(struct dbconn *c, struct arena *a, const int64_t *ids, const char *today)
{
	struct store_user u;
	int rc = store_user_by_login(c, a, "worker", &u);
	struct actor who = {
		.user_id = u.id, .org_id = u.org_id, .role = ROLE_SOCIAL_WORKER, .addr = "demo"
	};
	char table_on[11], festival_on[11];
	date_add_days(today, -10, table_on);
	date_add_days(today, -3, festival_on);
	struct event e[3] = {
		{ .kind = "round_table",
		  .title = "Кандастардың бейімделуі: әкімдік пен ҮЕҰ дөңгелек үстелі (demo)",
		  .held_on = table_on,
		  .place = "Алматы, Абай даңғылы 10",
		  .organisers = "Бейімдеу орталығы",
		  .partners = "Алматы қаласының әкімдігі; «Көмек» қоғамдық қоры",
		  .results = "Тіл курстарына жазылуды жеңілдету туралы ұсыныс әкімдікке жіберілді.",
		  .migrants = 14,
		  .hosts = 9 },
		{ .kind = "festival",
		  .title = "Наурыз мерекесі: көршілермен бірге (demo)",
		  .held_on = festival_on,
		  .place = "Алматы, орталық аулада",
		  .organisers = "Бейімдеу орталығы",
		  .migrants = 60,
		  .hosts = 45 },
		{ .kind = "publication",
		  .title = "«Жаңа үй» ақпараттық бюллетені, №3 (demo)",
		  .held_on = festival_on,
		  .medium = "bulletin",
		  .circulation = 500 },
	};
	struct field_errors errs = { 0 };
	for (size_t i = 0; !rc && i < 3; i++) {
		rc = event_validate(a, &e[i], &errs);
		if (!rc)
			rc = store_event_save(c, &who, &e[i]);
	}
	const char *named[][3] = { { "Ма", "Айгүл", "speaker" },
				   { "Тұрсынбаева", "Гүлнар", "participant" } };
	for (size_t i = 0; !rc && i < 2; i++) {
		struct event_participant x = { .event_id = e[0].id,
					       .person_id =
						   ids[demo_index(named[i][0], named[i][1])],
					       .role = named[i][2] };
		rc = store_participant_add(c, a, &who, &x, &errs);
	}
	return rc;
}

/* The demo's enrolments, by the worker: the Batbold family (two) in the kandas resettlement
 * programme to Pavlodar with its relocation subsidy paid, Zhaksylykov under the resettlers'
 * quota to North Kazakhstan, and Ma Aigul in the Kazakh language courses. */
static int demo_programmes(struct dbconn *c, struct arena *a, const int64_t *ids,
			   const struct actor *whos, const char *today)
{
	static const struct {
		const char *code, *family, *given, *region;
		int64_t family_size;
	} enrol[] = {
		{ "kandas_resettlement", "Батболд", "Ганбаатар", "KZ-55", 2 },
		{ "resettler_resettlement", "Жақсылықов", "Бауыржан", "KZ-59", 1 },
		{ "kazakh_language", "Ма", "Айгүл", NULL, 1 },
	};
	/* The quotas and rates Komek ships end with 2026: a later demo enrols in December 2026. */
	const char *day = strcmp(today, "2026-12-31") > 0 ? "2026-12-01" : today;
	struct programme *p;
	size_t np;
	int rc = store_programmes(c, a, &whos[0], &p, &np);
	struct field_errors e = { 0 };
	for (size_t i = 0; !rc && i < sizeof(enrol) / sizeof(enrol[0]); i++) {
		const struct programme *prog = NULL;
		for (size_t j = 0; j < np; j++)
			if (p[j].code && strcmp(p[j].code, enrol[i].code) == 0)
				prog = &p[j];
		int64_t k = demo_index(enrol[i].family, enrol[i].given);
		struct enrolment x = { .programme_id = prog ? prog->id : 0,
				       .person_id = ids[k],
				       .region = enrol[i].region,
				       .enrolled_on = day,
				       .family_size = enrol[i].family_size };
		rc = prog ? enrolment_validate(a, &x, prog, today, &e) : K_ENOTFOUND;
		if (!rc)
			rc = store_enrolment_add(c, a, &whos[k], &x, &e);
		if (!rc && i == 0) {
			struct entitlements ent;
			rc = store_entitlements(c, a, x.family_size, day, &ent);
			struct support s = { .enrolment_id = x.id,
					     .kind = "relocation_subsidy",
					     .amount = ent.relocation,
					     .given_on = day };
			if (!rc)
				rc = store_support_add(c, a, &whos[k], prog->id, &s, today, &e);
		}
	}
	return rc;
}

/* The demo's labour, by the worker: a building firm with two vacancies (one offering
 * housing), a café's vacancy for Kazakh and Russian speakers; Abdullaev Rustam's work history
 * as a plasterer in Tashkent and his job with the firm at 80,000 KZT for 48 hours a week with
 * his passport kept by the employer, which raises three working-condition alerts. */
static int demo_labour(struct dbconn *c, struct arena *a, const int64_t *ids, const char *today)
{
	struct store_user u;
	int rc = store_user_by_login(c, a, "worker", &u);
	if (rc)
		return rc;
	struct actor who = {
		.user_id = u.id, .org_id = u.org_id, .role = ROLE_SOCIAL_WORKER, .addr = "demo"
	};
	struct field_errors e = { 0 };
	struct employer firm = { .name = "«Алатау Құрылыс» ЖШС (demo)",
				 .region = "KZ-75",
				 .address = "Алматы, Рысқұлов даңғылы 140",
				 .contact = "Бас инженер Серік Ахметов",
				 .active = true },
			cafe = { .name = "«Дастархан» кафесі (demo)",
				 .region = "KZ-75",
				 .active = true };
	if ((rc = employer_validate(a, &firm, &e)) || (rc = employer_validate(a, &cafe, &e)) ||
	    (rc = store_employer_save(c, &who, &firm)) ||
	    (rc = store_employer_save(c, &who, &cafe)))
		return rc;
	struct vacancy v[3] = {
		{ .employer_id = firm.id,
		  .title = "Сылақшы",
		  .occupation = "71",
		  .region = "KZ-75",
		  .wage = 25000000,
		  .hours_per_week = 40,
		  .housing = true,
		  .places = 3 },
		{ .employer_id = firm.id,
		  .title = "Арматурашы",
		  .occupation = "71",
		  .region = "KZ-75",
		  .wage = 28000000,
		  .hours_per_week = 40,
		  .places = 2 },
		{ .employer_id = cafe.id,
		  .title = "Аспазшының көмекшісі",
		  .occupation = "94",
		  .region = "KZ-75",
		  .wage = 18000000,
		  .hours_per_week = 40,
		  .languages = "kk ru",
		  .places = 1 },
	};
	for (size_t i = 0; !rc && i < 3; i++) {
		v[i].opened_on = today;
		rc = vacancy_validate(a, &v[i], today, &e);
		if (!rc)
			rc = store_vacancy_save(c, &who, &v[i], &e);
	}
	int64_t rustam = ids[demo_index("Abdullaev", "Rustam")];
	struct person_skill s = { .person_id = rustam,
				  .kind = "work",
				  .occupation = "71",
				  .title = "Сылақшы",
				  .place = "Ташкент",
				  .from_year = 2015,
				  .to_year = 2022 };
	if (!rc && !(rc = person_skill_validate(a, &s, today, &e)))
		rc = store_person_skill_add(c, &who, &s);
	char started[11];
	date_add_days(today, -45, started);
	struct employment job = { .person_id = rustam,
				  .employer_id = firm.id,
				  .job_title = "Сылақшы",
				  .occupation = "71",
				  .region = "KZ-75",
				  .wage = 8000000,
				  .hours_per_week = 48,
				  .started_on = arena_strdup(a, started),
				  .contract = "oral",
				  .documents_held_by = "employer" };
	if (!rc && !(rc = employment_validate(a, &job, today, &e)))
		rc = store_employment_save(c, a, &who, &job, today, &e);
	if (rc && e.n)
		fprintf(stderr, "demo: labour refused: %s\n", e.e[0].field);
	return rc;
}

/* The demo's integration reviews, by the worker: an intake a year ago and a review this month
 * for six adults of the first organisation, so that a person's page draws their trajectory
 * and the cohort page has figures (six people: above the small-cell rule). */
static int demo_integration(struct dbconn *c, struct arena *a, const int64_t *ids,
			    const char *today)
{
	struct store_user u;
	int rc = store_user_by_login(c, a, "worker", &u);
	if (rc)
		return rc;
	struct actor who = {
		.user_id = u.id, .org_id = u.org_id, .role = ROLE_SOCIAL_WORKER, .addr = "demo"
	};
	static const struct {
		const char *family, *given;
		int before[4], after[4]; /* work, housing, language, bridges */
	} reviewed[] = {
		{ "Тұрсынбаев", "Ерлан", { 1, 2, 2, 1 }, { 3, 3, 3, 2 } },
		{ "Тұрсынбаева", "Гүлнар", { 1, 2, 1, 1 }, { 2, 3, 2, 2 } },
		{ "Abdullaev", "Rustam", { 2, 1, 2, 2 }, { 2, 2, 3, 2 } },
		{ "Abdullaeva", "Dilnoza", { 1, 1, 2, 1 }, { 1, 2, 3, 3 } },
		{ "Сейітқали", "Айгүл", { 2, 2, 3, 2 }, { 3, 4, 4, 3 } },
		{ "Омарова", "Жанар", { 3, 2, 4, 2 }, { 3, 3, 4, 3 } },
	};
	static const char *const domains[] = { "work", "housing", "language_communication",
					       "bridges" };
	char intake[11], review[11];
	date_add_days(today, -365, intake);
	date_add_days(today, -10, review);
	for (size_t i = 0; !rc && i < ARRAY_SIZE(reviewed); i++) {
		int64_t id = ids[demo_index(reviewed[i].family, reviewed[i].given)];
		for (int k = 0; !rc && k < 2; k++) {
			struct integration_review x = { .person_id = id,
							.kind = k ? "review" : "intake",
							.reviewed_on =
							    arena_strdup(a, k ? review : intake) };
			for (size_t d = 0; d < 4; d++)
				x.scores[x.nscores++] = (struct integration_score){
					.domain = domains[d],
					.status = k ? reviewed[i].after[d] : reviewed[i].before[d],
				};
			struct field_errors e = { 0 };
			rc = integration_review_validate(a, &x, NULL, today, &e);
			if (!rc)
				rc = store_integration_review_add(c, a, &who, &x);
		}
	}
	return rc;
}

/* The demo's screenings: Ma Aigul's PHQ-9 two months ago and this week (moderate, then mild)
 * and a GAD-7, by the psychologist; Karimova's forced-labour interview by the supervisor, with
 * the finding that forced labour is likely. */
static int demo_screenings(struct dbconn *c, struct arena *a, const int64_t *ids, const char *today)
{
	static const char *const by[] = { "psychologist", "psychologist", "psychologist",
					  "supervisor" };
	static const enum role roles[] = { ROLE_PSYCHOLOGIST, ROLE_PSYCHOLOGIST, ROLE_PSYCHOLOGIST,
					   ROLE_SUPERVISOR };
	static const struct {
		const char *family, *given, *instrument, *lang;
		int days_ago;
		int scores[9];
		size_t nscores;
		const char *codes[3];
		size_t ncodes;
		const char *finding, *reason;
	} rows[] = {
		{ "Ма",
		  "Айгүл",
		  "phq9",
		  "kk",
		  60,
		  { 2, 2, 1, 2, 1, 1, 2, 1, 0 },
		  9,
		  { NULL },
		  0,
		  NULL,
		  NULL },
		{ "Ма",
		  "Айгүл",
		  "phq9",
		  "kk",
		  4,
		  { 1, 1, 1, 1, 0, 1, 1, 0, 0 },
		  9,
		  { NULL },
		  0,
		  NULL,
		  NULL },
		{ "Ма",
		  "Айгүл",
		  "gad7",
		  "ru",
		  4,
		  { 1, 2, 1, 1, 0, 1, 1 },
		  7,
		  { NULL },
		  0,
		  NULL,
		  NULL },
		{ "Karimova",
		  "Nodira",
		  "ilo_forced_labour",
		  "ru",
		  20,
		  { 0 },
		  0,
		  { "deception", "retention_of_identity_documents", "withholding_of_wages" },
		  3,
		  "likely",
		  "Жұмыс беруші паспортын алып қойған, үш ай жалақы төлемеген; уәде етілген жұмыс "
		  "басқа болып шықты (demo)." },
	};
	int rc = 0;
	for (size_t i = 0; !rc && i < ARRAY_SIZE(rows); i++) {
		struct store_user u;
		if ((rc = store_user_by_login(c, a, by[i], &u)))
			break;
		struct actor who = {
			.user_id = u.id, .org_id = u.org_id, .role = roles[i], .addr = "demo"
		};
		struct person p;
		int64_t id = ids[demo_index(rows[i].family, rows[i].given)];
		if ((rc = store_person_get(c, a, &who, id, &p)))
			break;
		char on[11];
		date_add_days(today, -rows[i].days_ago, on);
		struct screening x = { .person_id = id,
				       .instrument = rows[i].instrument,
				       .lang = rows[i].lang,
				       .screened_on = arena_strdup(a, on),
				       .finding = rows[i].finding,
				       .finding_reason = rows[i].reason };
		memcpy(x.answers.scores, rows[i].scores, sizeof(rows[i].scores));
		x.answers.nscores = rows[i].nscores;
		for (size_t k = 0; k < rows[i].ncodes; k++)
			x.answers.codes[k] = rows[i].codes[k];
		x.answers.ncodes = rows[i].ncodes;
		struct field_errors e = { 0 };
		rc = screening_record_validate(a, &x, &p, today, &e);
		if (rc && e.n)
			fprintf(stderr, "demo: screening %zu refused: %s\n", i, e.e[0].field);
		if (!rc)
			rc = store_screening_add(c, a, &who, &x);
	}
	return rc;
}

/* The demo's public work, by the worker: a kandas' association on its way to registration, a
 * public council with a meeting and its decisions, and a proposal put forward there. */
static int demo_civic(struct dbconn *c, struct arena *a, const char *today)
{
	struct store_user u;
	int rc = store_user_by_login(c, a, "worker", &u);
	struct actor who = {
		.user_id = u.id, .org_id = u.org_id, .role = ROLE_SOCIAL_WORKER, .addr = "demo"
	};
	char d1[11], d2[11];
	date_add_days(today, -60, d1);
	date_add_days(today, -21, d2);
	struct field_errors e = { 0 };
	struct resettler_org o = { .name = "«Атамекен» кандастар бірлестігі (demo)",
				   .kind = "public_association",
				   .region = "KZ-75",
				   .initiators = "Моңғолиядан келген 12 отбасы" };
	if (!rc)
		rc = store_resettler_org_save(c, &who, &o);
	const char *steps[][2] = { { "initiative_group", d1 }, { "founding_meeting", d2 } };
	for (size_t i = 0; !rc && i < 2; i++) {
		struct org_step x = { .resettler_org_id = o.id,
				      .step = steps[i][0],
				      .done_on = steps[i][1] };
		rc = store_org_step_add(c, a, &who, &x);
	}
	struct council k = { .name = "Алматы қаласы әкімдігі жанындағы қоғамдық кеңес (demo)",
			     .kind = "public_council",
			     .region = "KZ-75" };
	if (!rc)
		rc = store_council_save(c, &who, &k);
	struct council_meeting m = { .council_id = k.id,
				     .held_on = d2,
				     .place = "Алматы, әкімдік",
				     .agenda =
					 "1. Кандастарды тұрғын үймен қамту.\n2. Тіл курстары." };
	if (!rc)
		rc = store_meeting_add(c, a, &who, &m);
	struct decision d = { .meeting_id = m.id,
			      .text = "Тіл курстарына кешкі топ ашу.",
			      .status = "in_progress" };
	if (!rc)
		rc = decision_validate(a, &d, &e);
	if (!rc)
		rc = store_decision_save(c, a, &who, k.id, &d);
	struct proposal p = { .title = "Уақытша тіркеу мерзімін ұзарту (demo)",
			      .text = "Кандастардың уақытша тіркеу мерзімін 90 күннен 180 күнге "
				      "дейін ұзарту.",
			      .addressee = "ҚР Еңбек және халықты әлеуметтік қорғау министрлігі",
			      .submitted_on = d2,
			      .status = "under_review",
			      .meeting_id = m.id };
	if (!rc)
		rc = proposal_validate(a, &p, today, &e);
	if (!rc)
		rc = store_proposal_save(c, &who, &p, &e);
	return rc;
}

static int demo_directory(struct dbconn *c, struct arena *a, const struct actor *admin,
			  const int64_t orgs[2], int64_t *partner_ids)
{
	int rc = 0;
	for (size_t i = 0; !rc && i < sizeof(demo_partners) / sizeof(demo_partners[0]); i++) {
		struct partner p = { .name = demo_partners[i].name,
				     .kind = demo_partners[i].kind,
				     .phone = demo_partners[i].phone,
				     .description = demo_partners[i].description,
				     .active = true };
		char *save = NULL;
		char *sv = arena_strdup(a, demo_partners[i].services);
		char *rg = arena_strdup(a, demo_partners[i].regions);
		for (char *t = strtok_r(sv, " ", &save); t && p.nservices < PARTNER_SERVICES_MAX;
		     t = strtok_r(NULL, " ", &save))
			p.services[p.nservices++] = t;
		for (char *t = strtok_r(rg, " ", &save); t && p.nregions < PARTNER_REGIONS_MAX;
		     t = strtok_r(NULL, " ", &save))
			p.regions[p.nregions++] = t;
		struct field_errors e = { 0 };
		if (partner_validate(a, &p, &e)) {
			fprintf(stderr, "demo: partner %zu invalid: %s\n", i, e.e[0].field);
			return K_EINVAL;
		}
		rc = store_partner_put(c, admin, &p);
		partner_ids[i] = p.id;
		if (!rc && demo_partners[i].org)
			rc = store_partner_link(c, orgs[demo_partners[i].org - 1], p.id);
	}
	return rc;
}

static void split_cats(char *buf, struct person *p)
{
	char *save = NULL;
	for (char *t = strtok_r(buf, " ", &save); t && p->ncategories < PERSON_MAX_CATEGORIES;
	     t = strtok_r(NULL, " ", &save))
		p->categories[p->ncategories++] = t;
}

static int add_user(struct dbconn *c, int64_t org, const char *login, const char *role,
		    const char *name, const char *hash, int64_t *id)
{
	return store_user_add(c, org, login, hash, role, name, "kk", id);
}

int cli_demo(const char *path, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (auth_init())
		return 1;
	struct db *db;
	if (cli_open_db(path, 1, &db))
		return 1;
	struct dbconn *c = db_acquire(db);
	int64_t users = 0;
	int rc = store_count_users(c, &users);
	if (rc || users) {
		db_release(db, c);
		db_close(db);
		if (!rc)
			printf("demo: the database has users already; nothing loaded\n");
		return rc ? 1 : 0;
	}
	char hash[128];
	if (auth_hash_password(DEMO_PASSWORD, hash, sizeof(hash))) {
		db_release(db, c);
		db_close(db);
		return 1;
	}
	struct arena a;
	arena_init(&a);
	int64_t org1, org2, uid, admin_id = 0;
	struct actor worker = { .addr = "demo" };
	rc = store_begin(c);
	if (!rc)
		rc = store_org_add(c, "Алматы: бейімделу және интеграция орталығы (demo)", &org1);
	if (!rc)
		rc = store_org_add(c, "Pavlodar NGO «Көмек қолы» (demo)", &org2);
	static const char *const roles[][3] = {
		{ "admin", "admin", "Әкімші Демо" },
		{ "supervisor", "supervisor", "Сәуле Супервизор" },
		{ "worker", "social_worker", "Айжан Әлеуметтік" },
		{ "psychologist", "psychologist", "Марат Психолог" },
		{ "lawyer", "lawyer", "Дина Заңгер" },
		{ "analyst", "analyst", "Нұрлан Талдаушы" },
	};
	for (size_t i = 0; !rc && i < sizeof(roles) / sizeof(roles[0]); i++) {
		rc = add_user(c, org1, roles[i][0], roles[i][1], roles[i][2], hash, &uid);
		if (!rc && strcmp(roles[i][0], "admin") == 0)
			admin_id = uid;
		if (!rc && strcmp(roles[i][0], "worker") == 0)
			worker = (struct actor){ .user_id = uid,
						 .org_id = org1,
						 .role = ROLE_SOCIAL_WORKER,
						 .addr = "demo" };
	}
	int64_t uid2 = 0;
	if (!rc)
		rc = add_user(c, org2, "ngo-worker", "social_worker", "Асель НҰО", hash, &uid2);
	/* The NGO's supervisor: the one there who sees a restricted person's referral first. */
	if (!rc)
		rc = add_user(c, org2, "ngo-supervisor", "supervisor", "Гүлмира НҰО", hash, &uid);
	int64_t households[8] = { 0 };
	int64_t ids[sizeof(people) / sizeof(people[0])] = { 0 };
	struct actor whos[sizeof(people) / sizeof(people[0])];
	char today[11];
	date_today(today);
	for (size_t i = 0; !rc && i < sizeof(people) / sizeof(people[0]); i++) {
		const struct demo_person *d = &people[i];
		/* The second organisation gets a few people, so that each one has
		 * records the other may not see. */
		struct actor who = worker;
		if (i % 3 == 2 && d->family == 0)
			who = (struct actor){ .user_id = uid2,
					      .org_id = org2,
					      .role = ROLE_SOCIAL_WORKER,
					      .addr = "demo" };
		struct person p = {
			.family_name = d->family_name,
			.given_name = d->given_name,
			.patronymic = d->patronymic,
			.name_original = d->name_original,
			.sex = d->sex,
			.birth_date = d->birth_date,
			.citizenship = d->citizenship,
			.country_of_origin = d->origin,
			.legal_status = d->legal_status,
			.region = d->region,
			.locality = d->locality,
			.arrival_date = d->arrival,
			.lang_kk = d->lang_kk,
			.lang_ru = d->lang_ru,
			.child_status = "none",
			.household_relation = d->relation,
		};
		split_cats(arena_strdup(&a, d->cats), &p);
		p.docs[0] = (struct person_doc){ .type = d->doc_type,
						 .number = d->doc_number,
						 .country = d->citizenship };
		p.ndocs = 1;
		if (d->family) {
			if (!households[d->family])
				rc = store_household_create(c, &who, &households[d->family]);
			p.household_id = households[d->family];
		}
		struct field_errors e = { 0 };
		if (!rc && person_validate(&a, &p, today, &e)) {
			fprintf(stderr, "demo: person %zu invalid: %s: %s\n", i, e.e[0].field,
				e.e[0].msg);
			rc = K_EINVAL;
		}
		if (!rc)
			rc = store_person_insert(c, &a, &who, &p);
		if (!rc)
			rc =
			    store_consent_add(c, &who, p.id, "service_provision", d->arrival, &uid);
		if (!rc)
			rc = store_audit(c, &who, "person.create", "person", p.id, "demo");
		ids[i] = p.id;
		whos[i] = who;
	}
	int64_t case_of[sizeof(people) / sizeof(people[0])] = { 0 };
	for (size_t i = 0; !rc && i < sizeof(demo_cases) / sizeof(demo_cases[0]); i++)
		rc = demo_case(c, &a, &whos[demo_cases[i].person], ids[demo_cases[i].person], i,
			       today, &case_of[demo_cases[i].person]);
	int64_t partner_ids[sizeof(demo_partners) / sizeof(demo_partners[0])] = { 0 };
	const int64_t orgs[2] = { org1, org2 };
	struct actor admin = {
		.user_id = admin_id, .org_id = org1, .role = ROLE_ADMIN, .addr = "demo"
	};
	if (!rc)
		rc = demo_directory(c, &a, &admin, orgs, partner_ids);
	for (size_t i = 0; !rc && i < sizeof(demo_referrals) / sizeof(demo_referrals[0]); i++) {
		size_t pi = demo_referrals[i].person;
		struct case_rec k;
		struct referral f = { .partner_id = partner_ids[demo_referrals[i].partner],
				      .service_kind = demo_referrals[i].service_kind,
				      .message = demo_referrals[i].message };
		struct field_errors e = { 0 };
		int64_t consent;
		rc = store_consent_add(c, &whos[pi], ids[pi], "referral_sharing", today, &consent);
		if (!rc)
			rc = store_case_get(c, &a, &whos[pi], case_of[pi], &k);
		if (!rc)
			rc = referral_validate_send(&a, &f, today, &e);
		if (!rc)
			rc = store_referral_add(c, &a, &whos[pi], &k, &f, &e);
		if (rc && e.n)
			fprintf(stderr, "demo: referral %zu refused: %s\n", i, e.e[0].field);
	}
	rc = store_finish(c, rc);
	struct service_type *types = NULL;
	size_t ntypes = 0;
	if (!rc)
		rc = store_service_types(c, &a, true, &types, &ntypes);
	for (size_t i = 0; !rc && i < sizeof(demo_services) / sizeof(demo_services[0]); i++) {
		size_t pi = demo_cases[demo_services[i].in_case].person;
		struct case_rec k;
		rc = store_case_get(c, &a, &whos[pi], case_of[pi], &k);
		if (!rc)
			rc = demo_service(c, &a, &whos[pi], &k, types, ntypes, i, today);
	}
	if (!rc)
		rc = demo_centres(c, &a, ids, whos, today);
	if (!rc)
		rc = demo_groups(c, &a, ids, whos, today);
	if (!rc)
		rc = demo_campaign(c, &a, today);
	if (!rc)
		rc = demo_events(c, &a, ids, today);
	if (!rc)
		rc = demo_programmes(c, &a, ids, whos, today);
	if (!rc)
		rc = demo_civic(c, &a, today);
	if (!rc)
		rc = demo_screenings(c, &a, ids, today);
	if (!rc)
		rc = demo_labour(c, &a, ids, today);
	if (!rc)
		rc = demo_integration(c, &a, ids, today);
	arena_release(&a);
	db_release(db, c);
	db_close(db);
	if (rc) {
		fprintf(stderr, "demo: loading failed\n");
		return 1;
	}
	printf("demo: loaded %zu people and %zu cases; logins admin, supervisor, worker, "
	       "psychologist, lawyer, "
	       "analyst, ngo-worker, ngo-supervisor; password %s\n",
	       sizeof(people) / sizeof(people[0]), sizeof(demo_cases) / sizeof(demo_cases[0]),
	       DEMO_PASSWORD);
	return 0;
}
