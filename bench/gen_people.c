/* gen_people.c: loads N synthetic people into a Komek database, for the benchmark.
 *
 *   gen_people DB [N] [SEED]
 *
 * The database must exist and hold the demo users (`komek --db DB demo`): the people go
 * into the demo organisation (the one of the user "worker"). Each person is written the way
 * the server writes one: person_validate, then store_person_insert (which makes name_key
 * with person_name_key, the categories, the document with its number_key, the history row,
 * and the worker assignment of a restricted person), then a "person.create" audit row; all
 * in one transaction. The creators are the demo psychologist and lawyer, so that the
 * restricted people (about 2%, those in a protection category) are hidden from the demo
 * worker, as they would be in a real organisation.
 *
 * Names are Kazakh and Russian (Cyrillic), Uzbek (Latin, with oʻ and gʻ) and Chinese (pinyin,
 * with the Han original in name_original); every person is invented, every combination is
 * random. The same N and SEED give the same people. Not part of the product: built by
 * bench/build_gen.sh against libkomek_core.a. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/util.h"
#include "domain/person.h"
#include "store/store.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* xorshift64*: small, fast, reproducible. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;
static uint64_t rnd(void)
{
	uint64_t x = rng_state;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	rng_state = x;
	return x * 0x2545f4914f6cdd1dULL;
}
static unsigned below(unsigned n)
{
	return (unsigned)(rnd() % n);
}
static bool chance(unsigned percent)
{
	return below(100) < percent;
}
#define PICK(arr) ((arr)[below(COUNT(arr))])

/* Kazakh names. A family name ending in -ов/-ев/-ин takes -а for a woman. */
static const char *const kk_family[] = {
	"Абаев",      "Ахметов",      "Әбдірахманов", "Байжанов",   "Бекмұхамедов", "Дәулетов",
	"Ерғалиев",   "Жақсылықов",   "Жұмабаев",     "Исаев",      "Қайратов",     "Қасымов",
	"Құрманов",   "Мұхамеджанов", "Нұрланов",     "Оспанов",    "Өмірзақов",    "Сәрсенбаев",
	"Серікбаев",  "Сұлтанов",     "Тоқтаров",     "Тұрсынбаев", "Уәлиханов",    "Шәріпов",
	"Ыбырайымов", "Есенов",       "Әлімжанов",    "Бақытжанов", "Жантөрин",     "Қалиев",
	"Мамыров",    "Нұрпейісов",   "Рахымжанов",   "Сейітқали",  "Тәжібаев",     "Үсенов",
	"Ибраев",     "Смағұлов",     "Дүйсенов",     "Кенжебаев",
};
static const char *const kk_male[] = {
	"Ерлан",  "Нұрсұлтан", "Бауыржан", "Асқар",   "Дәурен", "Ерболат",  "Жандос", "Қайрат",
	"Мұрат",  "Нұрлан",    "Серік",    "Талғат",  "Әділет", "Айдос",    "Арман",  "Бекзат",
	"Ғалым",  "Дархан",    "Ержан",    "Жасұлан", "Қуаныш", "Мейіржан", "Нұрбол", "Олжас",
	"Рүстем", "Санжар",    "Темірлан", "Ұлан",    "Шыңғыс", "Әлихан",
};
static const char *const kk_female[] = {
	"Айгүл",    "Гүлнар",  "Жанар",   "Әсел",    "Ақмарал", "Балжан",   "Гүлмира", "Дана",
	"Динара",   "Жұлдыз",  "Ләззат",  "Мөлдір",  "Назерке", "Сәуле",    "Толқын",  "Ұлжан",
	"Айжан",    "Аружан",  "Ботагөз", "Гүлжан",  "Іңкәр",   "Қарлығаш", "Меруерт", "Перизат",
	"Салтанат", "Томирис", "Шынар",   "Әйгерім", "Зере",    "Нәзира",
};

/* Russian and Ukrainian names; a man's name with the patronymics it gives. */
static const char *const ru_family[] = {
	"Иванов",      "Смирнов",    "Кузнецов", "Попов",    "Васильев", "Петров",   "Соколов",
	"Михайлов",    "Новиков",    "Фёдоров",  "Морозов",  "Волков",   "Алексеев", "Лебедев",
	"Семёнов",     "Егоров",     "Павлов",   "Козлов",   "Степанов", "Николаев", "Орлов",
	"Андреев",     "Макаров",    "Никитин",  "Захаров",  "Зайцев",   "Соловьёв", "Борисов",
	"Яковлев",     "Григорьев",  "Романов",  "Воробьёв", "Сергеев",  "Кузьмин",  "Фролов",
	"Александров", "Дмитриев",   "Королёв",  "Гусев",    "Киселёв",  "Петренко", "Шевченко",
	"Коваленко",   "Бондаренко",
};
static const char *const ru_male[][3] = {
	{ "Александр", "Александрович", "Александровна" },
	{ "Алексей", "Алексеевич", "Алексеевна" },
	{ "Андрей", "Андреевич", "Андреевна" },
	{ "Владимир", "Владимирович", "Владимировна" },
	{ "Дмитрий", "Дмитриевич", "Дмитриевна" },
	{ "Евгений", "Евгеньевич", "Евгеньевна" },
	{ "Иван", "Иванович", "Ивановна" },
	{ "Игорь", "Игоревич", "Игоревна" },
	{ "Михаил", "Михайлович", "Михайловна" },
	{ "Николай", "Николаевич", "Николаевна" },
	{ "Олег", "Олегович", "Олеговна" },
	{ "Павел", "Павлович", "Павловна" },
	{ "Сергей", "Сергеевич", "Сергеевна" },
	{ "Юрий", "Юрьевич", "Юрьевна" },
	{ "Виктор", "Викторович", "Викторовна" },
	{ "Пётр", "Петрович", "Петровна" },
	{ "Василий", "Васильевич", "Васильевна" },
	{ "Анатолий", "Анатольевич", "Анатольевна" },
	{ "Константин", "Константинович", "Константиновна" },
	{ "Максим", "Максимович", "Максимовна" },
};
static const char *const ru_female[] = {
	"Мария",    "Анна",      "Елена", "Ольга",   "Наталья", "Татьяна", "Ирина",
	"Светлана", "Екатерина", "Юлия",  "Людмила", "Галина",  "Марина",  "Валентина",
	"Надежда",  "Оксана",    "Дарья", "Ксения",  "Полина",  "Алёна",
};

/* Uzbek names in the Latin alphabet; -ov/-ev take -a for a woman. */
static const char *const uz_family[] = {
	"Abdullayev", "Karimov", "Rahimov",  "Yusupov",     "Tursunov",   "Ergashev", "Xolmatov",
	"Umarov",     "Sobirov", "Mirzayev", "Nazarov",     "Qodirov",    "Rashidov", "Saidov",
	"Toshmatov",  "Usmonov", "Joʻrayev", "Gʻulomov",    "Oʻrinboyev", "Ismoilov", "Hamidov",
	"Nurmatov",   "Boboyev", "Sultonov", "Fayzullayev",
};
static const char *const uz_male[] = {
	"Rustam",  "Jasur",  "Sherzod", "Aziz",     "Bekzod", "Doniyor", "Farrux",
	"Gʻayrat", "Javlon", "Jamshid", "Laziz",    "Mansur", "Nodir",   "Oybek",
	"Otabek",  "Sardor", "Shuhrat", "Ulugʻbek", "Zafar",  "Akmal",   "Bobur",
	"Dilshod", "Elyor",  "Ikrom",   "Oʻktam",
};
static const char *const uz_female[] = {
	"Dilnoza", "Nodira", "Gulnora", "Madina", "Malika",    "Nigora",  "Shahnoza",
	"Zulfiya", "Feruza", "Dilfuza", "Kamola", "Laylo",     "Mohira",  "Munisa",
	"Nilufar", "Sevara", "Umida",   "Yulduz", "Gulchehra", "Mavluda",
};

/* Chinese names: pinyin and Han; given names marked f for women. */
static const char *const cn_family[][2] = {
	{ "Wang", "王" },  { "Li", "李" },    { "Zhang", "张" }, { "Liu", "刘" },  { "Chen", "陈" },
	{ "Yang", "杨" },  { "Huang", "黄" }, { "Zhao", "赵" },  { "Wu", "吴" },   { "Zhou", "周" },
	{ "Xu", "徐" },    { "Sun", "孙" },   { "Ma", "马" },    { "Zhu", "朱" },  { "Hu", "胡" },
	{ "Guo", "郭" },   { "He", "何" },    { "Lin", "林" },   { "Luo", "罗" },  { "Gao", "高" },
	{ "Zheng", "郑" }, { "Liang", "梁" }, { "Xie", "谢" },   { "Song", "宋" }, { "Tang", "唐" },
	{ "Han", "韩" },   { "Feng", "冯" },  { "Deng", "邓" },  { "Cao", "曹" },  { "Peng", "彭" },
};
static const char *const cn_given[][3] = {
	{ "Wei", "伟", "m" },        { "Fang", "芳", "f" },      { "Min", "敏", "f" },
	{ "Jing", "静", "f" },       { "Lei", "磊", "m" },       { "Jun", "军", "m" },
	{ "Yang", "洋", "m" },       { "Yong", "勇", "m" },      { "Yan", "艳", "f" },
	{ "Jie", "杰", "m" },        { "Tao", "涛", "m" },       { "Ming", "明", "m" },
	{ "Chao", "超", "m" },       { "Xiuying", "秀英", "f" }, { "Xia", "霞", "f" },
	{ "Ping", "平", "m" },       { "Gang", "刚", "m" },      { "Hui", "辉", "m" },
	{ "Qiang", "强", "m" },      { "Li", "丽", "f" },        { "Hong", "红", "f" },
	{ "Na", "娜", "f" },         { "Jianguo", "建国", "m" }, { "Guiying", "桂英", "f" },
	{ "Haiyan", "海燕", "f" },   { "Lijuan", "丽娟", "f" },  { "Xiaoming", "小明", "m" },
	{ "Zhiqiang", "志强", "m" }, { "Yuling", "玉玲", "f" },  { "Dongmei", "冬梅", "f" },
};

/* Regions (ISO 3166-2) and their centres, as reference.c has them. */
static const char *const regions[][2] = {
	{ "KZ-10", "Семей" },     { "KZ-11", "Көкшетау" },    { "KZ-15", "Ақтөбе" },
	{ "KZ-19", "Қонаев" },    { "KZ-23", "Атырау" },      { "KZ-27", "Орал" },
	{ "KZ-31", "Тараз" },     { "KZ-33", "Талдықорған" }, { "KZ-35", "Қарағанды" },
	{ "KZ-39", "Қостанай" },  { "KZ-43", "Қызылорда" },   { "KZ-47", "Ақтау" },
	{ "KZ-55", "Павлодар" },  { "KZ-59", "Петропавл" },   { "KZ-61", "Түркістан" },
	{ "KZ-62", "Жезқазған" }, { "KZ-63", "Өскемен" },     { "KZ-71", "Астана" },
	{ "KZ-75", "Алматы" },    { "KZ-79", "Шымкент" },
};
static const char *const protected_cats[] = {
	"trafficking_victim",
	"forced_labour_victim",
	"persecution_victim",
};
static const char *const levels[] = { "none", "basic", "intermediate", "fluent", "native" };

/* Days since 1970-01-01 and back (Howard Hinnant's algorithms). */
static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}
static void civil_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}
static const char *date_text(struct arena *a, long days)
{
	int y, m, d;
	civil_from_days(days, &y, &m, &d);
	return arena_printf(a, "%04d-%02d-%02d", y, m, d);
}

/* "Иванов" → "Иванова", "Abdullayev" → "Abdullayeva"; other endings stay. */
static const char *feminine(struct arena *a, const char *family)
{
	size_t n = strlen(family);
	static const char *const ends[] = { "ов", "ев", "ёв", "ин", "ov", "ev" };
	for (size_t i = 0; i < COUNT(ends); i++) {
		size_t k = strlen(ends[i]);
		if (n > k && strcmp(family + n - k, ends[i]) == 0)
			return arena_printf(a, "%s%s", family, family[n - 1] & 0x80 ? "а" : "a");
	}
	return family;
}

static int64_t user_id(struct dbconn *c, struct arena *a, const char *login, struct actor *out)
{
	struct store_user u;
	if (store_user_by_login(c, a, login, &u))
		return 0;
	*out = (struct actor){ .user_id = u.id, .org_id = u.org_id, .addr = "bench" };
	int r = role_parse(u.role);
	out->role = r < 0 ? ROLE_SOCIAL_WORKER : (enum role)r;
	return u.id;
}

/* Fills p with one random person; i makes the document number unique. */
static void make_person(struct arena *a, uint64_t i, long today, struct person *p)
{
	memset(p, 0, sizeof(*p));
	bool female = chance(50);
	p->sex = female ? "female" : "male";
	unsigned group = below(100); /* 0-44 Kazakh, 45-64 Russian, 65-89 Uzbek, 90-99 Chinese */
	long born = days_from_civil(1945, 1, 1) + (long)below(78 * 365);
	int by, bm, bd;
	civil_from_days(born, &by, &bm, &bd);
	int ty, tm, td;
	civil_from_days(today, &ty, &tm, &td);
	int age = ty - by;
	/* Half give a full date, some only the year. */
	p->birth_date = chance(92) ? date_text(a, born) : arena_printf(a, "%04d", by);
	const char *cat = NULL, *status = NULL, *cz = NULL, *langs = NULL;
	const char *lkk = NULL, *lru = NULL;

	if (group < 45) {
		p->family_name = PICK(kk_family);
		if (female)
			p->family_name = feminine(a, p->family_name);
		p->given_name = female ? PICK(kk_female) : PICK(kk_male);
		if (chance(70))
			p->patronymic =
			    arena_printf(a, "%s%s", PICK(kk_male), female ? "қызы" : "ұлы");
		static const char *const from[] = {
			"CN", "CN", "MN", "UZ", "TM", "KZ", "KZ", "RU"
		};
		cz = PICK(from);
		unsigned k = below(100);
		if (strcmp(cz, "KZ") == 0)
			cat = "internal_migrant", status = "citizen";
		else if (k < 60)
			cat = "kandas", status = "kandas";
		else if (k < 90)
			cat = "kandas_candidate", status = "kandas_applicant";
		else
			cat = "voluntary_resettler", status = "resettler";
		lkk = PICK(levels) == levels[0] ? "fluent" : "native";
		lru = PICK(levels);
		if (strcmp(cz, "CN") == 0)
			langs = "zh";
		else if (strcmp(cz, "MN") == 0)
			langs = "mn";
		else if (strcmp(cz, "UZ") == 0)
			langs = "uz";
	} else if (group < 65) {
		p->family_name = PICK(ru_family);
		if (female)
			p->family_name = feminine(a, p->family_name);
		const char *const *m = ru_male[below(COUNT(ru_male))];
		p->given_name = female ? PICK(ru_female) : m[0];
		p->patronymic = ru_male[below(COUNT(ru_male))][female ? 2 : 1];
		static const char *const from[] = { "RU", "RU", "RU", "UA", "KZ", "BY" };
		cz = PICK(from);
		unsigned k = below(100);
		if (strcmp(cz, "KZ") == 0)
			cat = "internal_migrant", status = "citizen";
		else if (k < 50)
			cat = "voluntary_resettler", status = "resettler";
		else if (k < 70)
			cat = "forced_resettler", status = chance(50) ? "stateless" : "resettler";
		else
			cat = "labour_migrant", status = "labour_immigrant";
		lkk = PICK(levels) == levels[4] ? "basic" : "none";
		lru = "native";
		if (strcmp(cz, "UA") == 0)
			langs = "uk";
	} else if (group < 90) {
		p->family_name = PICK(uz_family);
		if (female)
			p->family_name = feminine(a, p->family_name);
		const char *father = PICK(uz_male);
		p->given_name = female ? PICK(uz_female) : PICK(uz_male);
		if (chance(40))
			p->name_original =
			    arena_printf(a, "%s %s %s %s", p->family_name, p->given_name, father,
					 female ? "qizi" : "oʻgʻli");
		cz = chance(85) ? "UZ" : "TJ";
		unsigned k = below(100);
		if (k < 80)
			cat = "labour_migrant", status = "labour_immigrant";
		else if (k < 86)
			cat = "refugee", status = "refugee";
		else if (k < 92)
			cat = "asylum_seeker", status = "asylum_seeker";
		else
			cat = "kandas_candidate", status = "kandas_applicant";
		lkk = PICK(levels) == levels[4] ? "intermediate" : "basic";
		lru = PICK(levels);
		langs = strcmp(cz, "UZ") == 0 ? "uz" : "tg";
	} else {
		const char *const *fam = cn_family[below(COUNT(cn_family))];
		const char *const *giv;
		do
			giv = cn_given[below(COUNT(cn_given))];
		while ((giv[2][0] == 'f') != female);
		p->family_name = fam[0];
		p->given_name = giv[0];
		p->name_original = arena_printf(a, "%s%s", fam[1], giv[1]);
		cz = "CN";
		cat = "labour_migrant", status = chance(90) ? "labour_immigrant" : "other";
		lkk = chance(80) ? "none" : "basic";
		lru = chance(50) ? "none" : "basic";
		langs = "zh";
	}
	p->citizenship = cz;
	p->country_of_origin = cz;
	p->legal_status = status;
	p->lang_kk = lkk;
	p->lang_ru = lru;
	p->languages = langs;
	p->child_status = "none";
	p->categories[p->ncategories++] = cat;
	if (chance(2)) /* a protected category: the record is restricted */
		p->categories[p->ncategories++] = PICK(protected_cats);
	const char *const *reg = regions[below(COUNT(regions))];
	p->region = reg[0];
	p->locality = reg[1];
	long from = born > days_from_civil(2012, 1, 1) ? born : days_from_civil(2012, 1, 1);
	p->arrival_date = date_text(a, from + (long)below((unsigned)(today - from)));
	if (chance(60))
		p->phone = arena_printf(a, "+7 70%u %03u %02u %02u", below(10), below(1000),
					below(100), below(100));

	/* One document; the number is unique (i times a number prime to 10^8). */
	uint64_t num = (i * 7919u + 1234567u) % 100000000u;
	struct person_doc *d = &p->docs[p->ndocs++];
	d->country = cz;
	if (age < 16) {
		d->type = "birth_certificate";
		d->number = arena_printf(a, "BC%08llu", (unsigned long long)num);
	} else if (strcmp(cz, "KZ") == 0) {
		d->type = "id_card";
		d->number = arena_printf(a, "0%08llu", (unsigned long long)num);
	} else if (strcmp(cat, "kandas") == 0 && chance(50)) {
		d->type = "kandas_certificate";
		d->number = arena_printf(a, "KC%08llu", (unsigned long long)num);
	} else if (strcmp(cat, "refugee") == 0) {
		d->type = "refugee_certificate";
		d->number = arena_printf(a, "RC-%08llu", (unsigned long long)num);
	} else if (strcmp(cz, "RU") == 0) {
		d->type = "passport";
		d->number = arena_printf(a, "%04llu %06llu", (unsigned long long)(num % 10000),
					 (unsigned long long)(num / 100));
	} else {
		d->type = "passport";
		d->number = arena_printf(a, "%s%08llu",
					 strcmp(cz, "UZ") == 0   ? "FA"
					 : strcmp(cz, "CN") == 0 ? "EG"
								 : "N",
					 (unsigned long long)num);
	}
	long issued = today - 30 - (long)below(3000);
	if (issued < born)
		issued = born;
	d->issued_on = date_text(a, issued);
	if (strcmp(d->type, "passport") == 0)
		d->expires_on = date_text(a, issued + 3652);
}

/* One CSV cell, quoted when it must be. */
static void csv_cell(const char *v, bool last)
{
	v = v ? v : "";
	if (strpbrk(v, ",\"\r\n")) {
		putchar('"');
		for (const char *q = v; *q; q++) {
			if (*q == '"')
				putchar('"');
			putchar(*q);
		}
		putchar('"');
	} else {
		fputs(v, stdout);
	}
	putchar(last ? '\n' : ',');
}

/* gen_people --csv N [SEED]: the same people as a CSV file with a header of field names
 * (the columns an import maps by itself), on standard output, for the import benchmark. */
static int write_csv(long n, long today)
{
	static const char *const cols[] = {
		"family_name",	   "given_name",       "patronymic",	"name_original",
		"sex",		   "birth_date",       "citizenship",	"country_of_origin",
		"legal_status",	   "region",	       "locality",	"arrival_date",
		"phone",	   "lang_kk",	       "lang_ru",	"languages",
		"categories",	   "document_type",    "document_number", "document_country",
		"document_issued_on", "document_expires_on",
	};
	for (size_t i = 0; i < COUNT(cols); i++)
		csv_cell(cols[i], i + 1 == COUNT(cols));
	struct arena a;
	arena_init(&a);
	for (long i = 0; i < n; i++) {
		struct person p;
		make_person(&a, (uint64_t)i, today, &p);
		const char *cats = "";
		for (size_t k = 0; k < p.ncategories; k++)
			cats = arena_printf(&a, "%s%s%s", cats, k ? " " : "", p.categories[k]);
		const struct person_doc *d = p.ndocs ? &p.docs[0] : &(struct person_doc){ 0 };
		const char *v[] = { p.family_name,  p.given_name,	 p.patronymic, p.name_original,
				    p.sex,	    p.birth_date,	 p.citizenship, p.country_of_origin,
				    p.legal_status, p.region,		 p.locality,   p.arrival_date,
				    p.phone,	    p.lang_kk,		 p.lang_ru,    p.languages,
				    cats,	    d->type,		 d->number,    d->country,
				    d->issued_on,   d->expires_on };
		for (size_t k = 0; k < COUNT(v); k++)
			csv_cell(v[k], k + 1 == COUNT(v));
		arena_release(&a);
	}
	return fflush(stdout) ? 1 : 0;
}

int main(int argc, char **argv)
{
	bool csv = argc > 1 && strcmp(argv[1], "--csv") == 0;
	if (argc < 2 || argc > 4) {
		fprintf(stderr, "usage: gen_people DB [N=100000] [SEED=1]\n"
				"       gen_people --csv N [SEED=1] > FILE.csv\n");
		return 2;
	}
	long n = argc > 2 ? strtol(argv[2], NULL, 10) : 100000;
	long seed = argc > 3 ? strtol(argv[3], NULL, 10) : 1;
	if (n < 1 || n > 10000000) {
		fprintf(stderr, "gen_people: N must be 1..10000000\n");
		return 2;
	}
	rng_state ^= (uint64_t)seed * 0x100000001b3ULL;
	for (int k = 0; k < 16; k++)
		rnd();
	if (csv) {
		char t[11];
		date_today(t);
		return write_csv(n, days_from_civil((int)strtol(t, NULL, 10),
						    (int)strtol(t + 5, NULL, 10),
						    (int)strtol(t + 8, NULL, 10)));
	}

	struct db *db;
	if (db_open(argv[1], 1, &db)) {
		fprintf(stderr, "gen_people: cannot open %s\n", argv[1]);
		return 1;
	}
	struct dbconn *c = db_acquire(db);
	struct arena a;
	arena_init(&a);
	struct actor creators[2], worker;
	if (!user_id(c, &a, "psychologist", &creators[0]) ||
	    !user_id(c, &a, "lawyer", &creators[1]) || !user_id(c, &a, "worker", &worker)) {
		fprintf(stderr, "gen_people: run `komek --db %s demo` first\n", argv[1]);
		return 1;
	}
	arena_release(&a);
	char today_s[11];
	date_today(today_s);
	long today =
	    days_from_civil((int)strtol(today_s, NULL, 10), (int)strtol(today_s + 5, NULL, 10),
			    (int)strtol(today_s + 8, NULL, 10));

	int64_t t0 = clock_us();
	/* A larger page cache for the load on SQLite; PostgreSQL would refuse the PRAGMA. */
	bool pg =
	    strncmp(argv[1], "postgresql://", 13) == 0 || strncmp(argv[1], "postgres://", 11) == 0;
	int rc = pg ? 0 : db_exec_script(c, "PRAGMA cache_size=-262144");
	if (!rc)
		rc = store_begin(c);
	long restricted = 0;
	for (long i = 0; !rc && i < n; i++) {
		struct person p;
		make_person(&a, (uint64_t)i, today, &p);
		struct field_errors e = { 0 };
		if (person_validate(&a, &p, today_s, &e)) {
			fprintf(stderr, "gen_people: person %ld invalid: %s: %s\n", i, e.e[0].field,
				e.e[0].msg);
			rc = K_EINVAL;
			break;
		}
		const struct actor *who = &creators[i & 1];
		rc = store_person_insert(c, &a, who, &p);
		if (!rc)
			rc = store_audit(c, who, "person.create", "person", p.id, "bench");
		restricted += p.restricted;
		arena_release(&a);
	}
	if (!rc)
		rc = store_commit(c);
	else
		store_rollback(c);
	int64_t t1 = clock_us();
	db_release(db, c);
	db_close(db);
	if (rc) {
		fprintf(stderr, "gen_people: loading failed (%d)\n", rc);
		return 1;
	}
	double s = (double)(t1 - t0) / 1e6;
	printf("gen_people: loaded %ld people (%ld restricted) into org %lld in %.1f s (%.0f/s)\n",
	       n, restricted, (long long)worker.org_id, s, (double)n / s);
	return 0;
}
