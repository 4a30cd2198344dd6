/* labour.c: see labour.h. */
#include "domain/labour.h"

#include <string.h>

#include "base/banned.h"
#include "base/util.h"
#include "domain/validate.h"

/* ---- reference lists ---- */

/* ISCO-08 sub-major groups; Russian as in the classifiers harmonised with ISCO-08 (ОК 010-2014
 * (МСКЗ-08), НК РК 01-2017). */
const struct ref_item labour_occupations[] = {
	{ .code = "01",
	  .kk = "қарулы күштердің офицерлері",
	  .ru = "офицеры вооружённых сил",
	  .en = "commissioned armed forces officers" },
	{ .code = "02",
	  .kk = "қарулы күштердің сержанттық құрамы",
	  .ru = "сержантский и старшинский состав вооружённых сил",
	  .en = "non-commissioned armed forces officers" },
	{ .code = "03",
	  .kk = "қарулы күштердің қатардағы құрамы",
	  .ru = "рядовой состав вооружённых сил",
	  .en = "armed forces occupations, other ranks" },
	{ .code = "11",
	  .kk = "заң шығарушылар, жоғары лауазымды адамдар және жоғары буын басшылары",
	  .ru = "законодатели, высшие должностные лица и руководители высшего звена",
	  .en = "chief executives, senior officials and legislators" },
	{ .code = "12",
	  .kk = "әкімшілік және коммерциялық қызмет басшылары",
	  .ru = "руководители в сфере административной и коммерческой деятельности",
	  .en = "administrative and commercial managers" },
	{ .code = "13",
	  .kk = "өндіріс және мамандандырылған қызметтер басшылары",
	  .ru = "руководители подразделений в сфере производства и специализированных услуг",
	  .en = "production and specialised services managers" },
	{ .code = "14",
	  .kk = "қонақ үй, мейрамхана, бөлшек сауда және басқа қызмет көрсету салаларының "
		"басшылары",
	  .ru = "руководители в сфере гостиничного и ресторанного бизнеса, розничной торговли "
		"и других сферах обслуживания",
	  .en = "hospitality, retail and other services managers" },
	{ .code = "21",
	  .kk = "ғылым және техника саласындағы мамандар",
	  .ru = "специалисты в области науки и техники",
	  .en = "science and engineering professionals" },
	{ .code = "22",
	  .kk = "денсаулық сақтау саласындағы мамандар",
	  .ru = "специалисты в области здравоохранения",
	  .en = "health professionals" },
	{ .code = "23",
	  .kk = "білім беру саласындағы мамандар",
	  .ru = "специалисты в области образования",
	  .en = "teaching professionals" },
	{ .code = "24",
	  .kk = "бизнес және әкімшілендіру саласындағы мамандар",
	  .ru = "специалисты в сфере бизнеса и администрирования",
	  .en = "business and administration professionals" },
	{ .code = "25",
	  .kk = "ақпараттық-коммуникациялық технологиялар саласындағы мамандар",
	  .ru = "специалисты по информационно-коммуникационным технологиям",
	  .en = "information and communications technology professionals" },
	{ .code = "26",
	  .kk = "құқық, әлеуметтік сала және мәдениет саласындағы мамандар",
	  .ru = "специалисты в области права, гуманитарных областей и культуры",
	  .en = "legal, social and cultural professionals" },
	{ .code = "31",
	  .kk = "ғылым және техника саласындағы орта деңгейлі мамандар",
	  .ru = "специалисты среднего уровня квалификации в области науки и техники",
	  .en = "science and engineering associate professionals" },
	{ .code = "32",
	  .kk = "денсаулық сақтау саласындағы орта деңгейлі мамандар",
	  .ru = "средний медицинский персонал здравоохранения",
	  .en = "health associate professionals" },
	{ .code = "33",
	  .kk = "бизнес және әкімшілендіру саласындағы орта деңгейлі мамандар",
	  .ru = "специалисты среднего уровня квалификации в сфере бизнеса и администрирования",
	  .en = "business and administration associate professionals" },
	{ .code = "34",
	  .kk = "құқық, әлеуметтік жұмыс, мәдениет және соларға жақын салалардағы орта "
		"деңгейлі мамандар",
	  .ru = "специалисты среднего уровня квалификации в области права, социальной работы, "
		"культуры и родственных занятий",
	  .en = "legal, social, cultural and related associate professionals" },
	{ .code = "35",
	  .kk = "ақпараттық-коммуникациялық технологиялар жөніндегі техниктер",
	  .ru = "специалисты-техники в области информационно-коммуникационных технологий",
	  .en = "information and communications technicians" },
	{ .code = "41",
	  .kk = "жалпы бейіндегі кеңсе қызметкерлері және пернетақтамен жұмыс істейтін "
		"қызметкерлер",
	  .ru = "офисные служащие общего профиля и служащие, работающие с клавиатурой",
	  .en = "general and keyboard clerks" },
	{ .code = "42",
	  .kk = "клиенттерге қызмет көрсететін қызметкерлер",
	  .ru = "служащие, занятые обслуживанием клиентов",
	  .en = "customer services clerks" },
	{ .code = "43",
	  .kk = "сандық ақпаратты өңдейтін және материалдық құндылықтарды есепке алатын "
		"қызметкерлер",
	  .ru = "служащие, занятые обработкой числовой информации и учётом материальных "
		"ценностей",
	  .en = "numerical and material recording clerks" },
	{ .code = "44",
	  .kk = "басқа кеңсе қызметкерлері",
	  .ru = "другие офисные служащие",
	  .en = "other clerical support workers" },
	{ .code = "51",
	  .kk = "жеке қызмет көрсету қызметкерлері",
	  .ru = "работники сферы индивидуальных услуг",
	  .en = "personal service workers" },
	{ .code = "52", .kk = "сатушылар", .ru = "продавцы", .en = "sales workers" },
	{ .code = "53",
	  .kk = "жеке күтім көрсету қызметкерлері",
	  .ru = "работники, оказывающие услуги по индивидуальному уходу",
	  .en = "personal care workers" },
	{ .code = "54",
	  .kk = "азаматтар мен меншікті қорғау қызметтерінің қызметкерлері",
	  .ru = "работники служб, осуществляющих охрану граждан и собственности",
	  .en = "protective services workers" },
	{ .code = "61",
	  .kk = "тауарлы өнім өндіретін ауыл шаруашылығының білікті қызметкерлері",
	  .ru = "квалифицированные работники сельского хозяйства, производящие товарную "
		"продукцию",
	  .en = "market-oriented skilled agricultural workers" },
	{ .code = "62",
	  .kk = "тауарлы өнім өндіретін орман, балық шаруашылығы мен аңшылықтың білікті "
		"қызметкерлері",
	  .ru = "квалифицированные работники лесного хозяйства, рыбоводства, рыболовства и "
		"охоты, производящие товарную продукцию",
	  .en = "market-oriented skilled forestry, fishery and hunting workers" },
	{ .code = "63",
	  .kk = "өз тұтынуы үшін өнім өндіретін фермерлер, балықшылар, аңшылар және "
		"терімшілер",
	  .ru = "фермеры, рыболовы, охотники и собиратели, производящие продукцию для личного "
		"потребления",
	  .en = "subsistence farmers, fishers, hunters and gatherers" },
	{ .code = "71",
	  .kk = "құрылыс және соған жақын салалардағы жұмысшылар (электриктерден басқа)",
	  .ru = "рабочие, занятые в строительстве и родственных отраслях (кроме электриков)",
	  .en = "building and related trades workers, excluding electricians" },
	{ .code = "72",
	  .kk = "металл өңдеу, машина жасау және соған жақын салалардағы жұмысшылар",
	  .ru = "рабочие, занятые в металлообработке, машиностроении и родственных отраслях",
	  .en = "metal, machinery and related trades workers" },
	{ .code = "73",
	  .kk = "қолөнер және полиграфия жұмысшылары",
	  .ru = "рабочие, занятые в ремесленном производстве и полиграфии",
	  .en = "handicraft and printing workers" },
	{ .code = "74",
	  .kk = "электротехника және электроника жұмысшылары",
	  .ru = "рабочие в области электротехники и электроники",
	  .en = "electrical and electronic trades workers" },
	{ .code = "75",
	  .kk = "тамақ, ағаш өңдеу, тігін және басқа қолөнер мен соған жақын салалардағы "
		"жұмысшылар",
	  .ru = "рабочие пищевой, деревообрабатывающей, швейной и других отраслей "
		"ремесленного и родственного производства",
	  .en = "food processing, wood working, garment and other craft and related trades "
		"workers" },
	{ .code = "81",
	  .kk = "стационарлық қондырғылар мен машиналардың операторлары",
	  .ru = "операторы стационарных установок и машин",
	  .en = "stationary plant and machine operators" },
	{ .code = "82", .kk = "құрастырушылар", .ru = "сборщики", .en = "assemblers" },
	{ .code = "83",
	  .kk = "жүргізушілер және жылжымалы жабдық операторлары",
	  .ru = "водители и операторы подвижного оборудования",
	  .en = "drivers and mobile plant operators" },
	{ .code = "91",
	  .kk = "жинаушылар және көмекшілер",
	  .ru = "уборщики и помощники",
	  .en = "cleaners and helpers" },
	{ .code = "92",
	  .kk = "ауыл, орман және балық шаруашылығының біліктілігі жоқ жұмысшылары",
	  .ru = "неквалифицированные рабочие сельского и лесного хозяйства, рыбоводства и "
		"рыболовства",
	  .en = "agricultural, forestry and fishery labourers" },
	{ .code = "93",
	  .kk = "тау-кен өнеркәсібінің, құрылыстың, өңдеу өнеркәсібінің және көліктің "
		"біліктілігі жоқ жұмысшылары",
	  .ru = "неквалифицированные рабочие горнодобывающей промышленности, строительства, "
		"обрабатывающей промышленности и транспорта",
	  .en = "labourers in mining, construction, manufacturing and transport" },
	{ .code = "94",
	  .kk = "тамақ дайындау көмекшілері",
	  .ru = "помощники по приготовлению пищи",
	  .en = "food preparation assistants" },
	{ .code = "95",
	  .kk = "көшедегі сауда және қызмет көрсету қызметкерлері",
	  .ru = "уличные торговцы и работники сферы уличных услуг",
	  .en = "street and related sales and service workers" },
	{ .code = "96",
	  .kk = "қалдық жинаушылар және басқа біліктілігі жоқ жұмысшылар",
	  .ru = "работники по сбору отходов и другие неквалифицированные рабочие",
	  .en = "refuse workers and other elementary workers" },
};

const struct ref_item labour_contracts[] = {
	{ .code = "written",
	  .kk = "жазбаша еңбек шарты",
	  .ru = "письменный трудовой договор",
	  .en = "written contract" },
	{ .code = "oral",
	  .kk = "ауызша келісім",
	  .ru = "устная договорённость",
	  .en = "oral agreement" },
	{ .code = "none", .kk = "шарт жоқ", .ru = "без договора", .en = "no contract" },
};

const struct ref_item labour_document_holders[] = {
	{ .code = "worker",
	  .kk = "қызметкердің өзінде",
	  .ru = "у самого работника",
	  .en = "the worker" },
	{ .code = "employer",
	  .kk = "жұмыс берушіде",
	  .ru = "у работодателя",
	  .en = "the employer" },
	{ .code = "agency",
	  .kk = "делдалда немесе агенттікте",
	  .ru = "у посредника или агентства",
	  .en = "an intermediary or agency" },
	{ .code = "other", .kk = "басқа адамда", .ru = "у другого лица", .en = "someone else" },
	{ .code = "unknown", .kk = "белгісіз", .ru = "неизвестно", .en = "not known" },
};

const struct ref_item labour_alert_kinds[] = {
	{ .code = "below_minimum_wage",
	  .kk = "жалақы ең төменгі жалақыдан төмен",
	  .ru = "заработная плата ниже минимальной",
	  .en = "wage below the minimum wage" },
	{ .code = "excessive_hours",
	  .kk = "жұмыс уақыты қалыпты жұмыс аптасынан асады",
	  .ru = "рабочее время сверх нормальной продолжительности",
	  .en = "hours above the legal working week" },
	{ .code = "documents_held",
	  .kk = "жеке басын куәландыратын құжаттарды жұмыс беруші немесе делдал ұстап отыр",
	  .ru = "документы, удостоверяющие личность, удерживает работодатель или посредник",
	  .en = "identity documents held by the employer or an intermediary" },
};

/* ISCED 2011 levels, with the names of Kazakhstan's levels of education where they meet. */
const struct ref_item education_levels[] = {
	{ .code = "0",
	  .kk = "мектепке дейінгі тәрбие және оқыту",
	  .ru = "дошкольное воспитание и обучение",
	  .en = "early childhood education" },
	{ .code = "1",
	  .kk = "бастауыш білім",
	  .ru = "начальное образование",
	  .en = "primary education" },
	{ .code = "2",
	  .kk = "негізгі орта білім",
	  .ru = "основное среднее образование",
	  .en = "lower secondary education" },
	{ .code = "3",
	  .kk = "жалпы орта білім",
	  .ru = "общее среднее образование",
	  .en = "upper secondary education" },
	{ .code = "4",
	  .kk = "орта білімнен кейінгі білім",
	  .ru = "послесреднее образование",
	  .en = "post-secondary non-tertiary education" },
	{ .code = "5",
	  .kk = "қысқа циклді жоғары білім",
	  .ru = "высшее образование короткого цикла",
	  .en = "short-cycle tertiary education" },
	{ .code = "6",
	  .kk = "бакалавриат немесе оған тең деңгей",
	  .ru = "бакалавриат или равноценный уровень",
	  .en = "bachelor's or equivalent level" },
	{ .code = "7",
	  .kk = "магистратура немесе оған тең деңгей",
	  .ru = "магистратура или равноценный уровень",
	  .en = "master's or equivalent level" },
	{ .code = "8",
	  .kk = "докторантура немесе оған тең деңгей",
	  .ru = "докторантура или равноценный уровень",
	  .en = "doctoral or equivalent level" },
};

const struct ref_item labour_skill_kinds[] = {
	{ .code = "skill", .kk = "дағды", .ru = "навык", .en = "skill" },
	{ .code = "education", .kk = "білім", .ru = "образование", .en = "education" },
	{ .code = "work", .kk = "жұмыс тәжірибесі", .ru = "опыт работы", .en = "work experience" },
};

const struct ref_item vacancy_statuses[] = {
	{ .code = "open", .kk = "ашық", .ru = "открыта", .en = "open" },
	{ .code = "filled", .kk = "орын толды", .ru = "заполнена", .en = "filled" },
	{ .code = "closed", .kk = "жабық", .ru = "закрыта", .en = "closed" },
};

static bool listed(const struct ref_item *items, size_t n, const char *code)
{
	for (size_t i = 0; code && i < n; i++)
		if (strcmp(items[i].code, code) == 0)
			return true;
	return false;
}

#define LISTED(items, code) listed((items), sizeof(items) / sizeof((items)[0]), (code))

/* A code of one of the lists above: required, and known. */
static void val_item(struct field_errors *errs, const char *field, const struct ref_item *items,
		     size_t n, const char *v, bool required)
{
	if (!v) {
		if (required)
			field_error_add(errs, field, N_("This field is required."));
		return;
	}
	if (!listed(items, n, v))
		field_error_add(errs, field, N_("Choose a value from the list."));
}

#define VAL_ITEM(errs, field, items, v, required)                                                  \
	val_item((errs), (field), (items), sizeof(items) / sizeof((items)[0]), (v), (required))

bool labour_occupation_valid(const char *code)
{
	return LISTED(labour_occupations, code);
}

/* ---- rules ---- */

const struct minimum_wage *minimum_wage_on(const struct minimum_wage *t, size_t n, const char *date)
{
	const struct minimum_wage *best = NULL;
	for (size_t i = 0; date && i < n; i++)
		if (t[i].valid_from && strcmp(t[i].valid_from, date) <= 0 &&
		    (!best || strcmp(t[i].valid_from, best->valid_from) > 0))
			best = &t[i];
	return best;
}

int legal_week_on(const struct labour_rule *t, size_t n, const char *date)
{
	const struct labour_rule *best = NULL;
	for (size_t i = 0; date && i < n; i++)
		if (t[i].valid_from && strcmp(t[i].valid_from, date) <= 0 &&
		    (!best || strcmp(t[i].valid_from, best->valid_from) > 0))
			best = &t[i];
	return best ? (int)best->legal_week_hours : 0;
}

int64_t labour_wage_threshold(int64_t min_wage, int64_t hours, int legal_week)
{
	if (legal_week <= 0 || hours >= legal_week)
		return min_wage;
	if (hours <= 0)
		return 0;
	/* At most a billion KZT (1e11 tiyn) times 168: no overflow. */
	return min_wage * hours / legal_week;
}

static bool is(const char *s, const char *code)
{
	return s && strcmp(s, code) == 0;
}

size_t employment_alerts(struct arena *a, const struct employment *e, int64_t min_wage,
			 int legal_week, struct labour_finding out[LABOUR_ALERT_KINDS])
{
	size_t n = 0;
	if (min_wage > 0 && legal_week > 0) {
		int64_t threshold = labour_wage_threshold(min_wage, e->hours_per_week, legal_week);
		if (e->wage < threshold)
			out[n++] = (struct labour_finding){
				.kind = "below_minimum_wage",
				.detail = arena_printf(a,
						       "wage=%lld minimum=%lld threshold=%lld "
						       "hours=%lld legal_week=%d",
						       (long long)e->wage, (long long)min_wage,
						       (long long)threshold,
						       (long long)e->hours_per_week, legal_week),
			};
	}
	if (legal_week > 0 && e->hours_per_week > legal_week)
		out[n++] = (struct labour_finding){
			.kind = "excessive_hours",
			.detail = arena_printf(a, "hours=%lld legal_week=%d",
					       (long long)e->hours_per_week, legal_week),
		};
	if (is(e->documents_held_by, "employer") || is(e->documents_held_by, "agency"))
		out[n++] = (struct labour_finding){
			.kind = "documents_held",
			.detail = arena_printf(a, "documents_held_by=%s", e->documents_held_by),
		};
	return n;
}

/* ---- matching ---- */

const struct labour_match_weight labour_match_weights[] = {
	{ LABOUR_MATCH_REGION, 40 },     { LABOUR_MATCH_HOUSING, 20 },
	{ LABOUR_MATCH_OCCUPATION, 40 }, { LABOUR_MATCH_OCCUPATION_GROUP, 20 },
	{ LABOUR_MATCH_LANGUAGES, 20 },
};

/* Whether the space-separated list holds the word w of length n. */
static bool has_word(const char *list, const char *w, size_t n)
{
	for (const char *p = list; p && *p;) {
		while (*p == ' ')
			p++;
		const char *start = p;
		while (*p && *p != ' ')
			p++;
		if ((size_t)(p - start) == n && n && memcmp(start, w, n) == 0)
			return true;
	}
	return false;
}

/* A level of Kazakh or Russian good enough for work. */
static bool level_speaks(const char *level)
{
	return is(level, "intermediate") || is(level, "fluent") || is(level, "native");
}

static bool speaks(const struct person *p, const char *code, size_t n)
{
	if (n == 2 && memcmp(code, "kk", 2) == 0 && level_speaks(p->lang_kk))
		return true;
	if (n == 2 && memcmp(code, "ru", 2) == 0 && level_speaks(p->lang_ru))
		return true;
	return has_word(p->languages, code, n);
}

bool labour_speaks(const struct person *p, const char *code)
{
	return code && speaks(p, code, strlen(code));
}

int vacancy_match(const struct vacancy *v, const struct person *p,
		  const struct person_skill *skills, size_t n, unsigned *reasons)
{
	unsigned r = 0;
	if (v->region && p->region && strcmp(v->region, p->region) == 0)
		r |= LABOUR_MATCH_REGION;
	else if (v->housing)
		r |= LABOUR_MATCH_HOUSING;
	for (size_t i = 0; v->occupation && i < n; i++) {
		const struct person_skill *s = &skills[i];
		if (!s->occupation || !(is(s->kind, "skill") || is(s->kind, "work")))
			continue;
		if (strcmp(s->occupation, v->occupation) == 0)
			r |= LABOUR_MATCH_OCCUPATION;
		else if (s->occupation[0] && s->occupation[0] == v->occupation[0])
			r |= LABOUR_MATCH_OCCUPATION_GROUP;
	}
	if (r & LABOUR_MATCH_OCCUPATION)
		r &= ~(unsigned)LABOUR_MATCH_OCCUPATION_GROUP;
	bool all = true;
	for (const char *q = v->languages; all && q && *q;) {
		while (*q == ' ')
			q++;
		const char *start = q;
		while (*q && *q != ' ')
			q++;
		if (q > start && !speaks(p, start, (size_t)(q - start)))
			all = false;
	}
	if (all)
		r |= LABOUR_MATCH_LANGUAGES;
	int score = 0;
	for (size_t i = 0; i < LABOUR_MATCH_WEIGHTS_N; i++)
		if (r & labour_match_weights[i].reason)
			score += labour_match_weights[i].points;
	if (reasons)
		*reasons = r;
	return score > 100 ? 100 : score;
}

/* ---- validation ---- */

bool labour_bin_valid(const char *bin)
{
	int d[12];
	if (!bin || strlen(bin) != 12)
		return false;
	for (int i = 0; i < 12; i++) {
		if (bin[i] < '0' || bin[i] > '9')
			return false;
		d[i] = bin[i] - '0';
	}
	/* Weights 1..11; when the sum's remainder is 10, again with weights 3..11, 1, 2; a
	 * second 10 is a number never issued. */
	int sum = 0;
	for (int i = 0; i < 11; i++)
		sum += d[i] * (i + 1);
	int check = sum % 11;
	if (check == 10) {
		sum = 0;
		for (int i = 0; i < 11; i++)
			sum += d[i] * ((i + 2) % 11 + 1);
		check = sum % 11;
	}
	return check < 10 && check == d[11];
}

static const char *region_of(struct arena *a, const char *v)
{
	v = val_trim(a, v);
	const char *canon = v ? ref_region_canonical(v) : NULL;
	return canon ? canon : v;
}

int employer_validate(struct arena *a, struct employer *e, struct field_errors *errs)
{
	size_t before = errs->n;
	e->name = val_trim(a, e->name);
	e->bin = val_trim(a, e->bin);
	e->region = region_of(a, e->region);
	e->address = val_trim(a, e->address);
	e->contact = val_trim(a, e->contact);
	e->phone = val_trim(a, e->phone);
	e->note = val_trim(a, e->note);
	val_text(errs, "name", e->name, true, LABOUR_NAME_MAX);
	if (e->bin) {
		bool twelve = strlen(e->bin) == 12 && strspn(e->bin, "0123456789") == 12;
		if (!twelve)
			field_error_add(errs, "bin", N_("Enter the 12 digits of the BIN."));
		else if (!labour_bin_valid(e->bin))
			field_error_add(
			    errs, "bin",
			    N_("The BIN's check digit does not match: check the number."));
	}
	val_ref(errs, "region", "regions", e->region, false);
	val_text(errs, "address", e->address, false, LABOUR_NAME_MAX);
	val_text(errs, "contact", e->contact, false, LABOUR_NAME_MAX);
	val_phone(errs, "phone", e->phone);
	val_note(errs, "note", e->note, LABOUR_NOTE_MAX);
	return errs->n > before ? K_EINVAL : 0;
}

/* Lower-cases, checks and de-duplicates a list of ISO 639-1 codes ("uz, zh" or "uz zh"),
 * stored space-separated; NULL when empty. */
static const char *languages_of(struct arena *a, const char *v, const char *field,
				struct field_errors *errs)
{
	v = val_trim(a, v);
	if (!v)
		return NULL;
	size_t len = strlen(v);
	char *out = arena_alloc(a, len + 1), *tok = arena_alloc(a, len + 1);
	size_t n = 0, count = 0;
	for (const char *p = v; *p;) {
		while (*p == ' ' || *p == ',' || *p == ';')
			p++;
		size_t k = 0;
		while (*p && *p != ' ' && *p != ',' && *p != ';') {
			char c = *p++;
			tok[k++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
		}
		tok[k] = '\0';
		if (!k)
			continue;
		if (!ref_language_valid(tok) || ++count > LABOUR_LANGUAGES_MAX) {
			field_error_add(errs, field, N_("Give language codes such as uz, zh, mn."));
			return v;
		}
		if (has_word(out, tok, k))
			continue;
		if (n)
			out[n++] = ' ';
		memcpy(out + n, tok, k);
		n += k;
		out[n] = '\0';
	}
	return n ? out : NULL;
}

int vacancy_validate(struct arena *a, struct vacancy *v, const char *today,
		     struct field_errors *errs)
{
	size_t before = errs->n;
	v->title = val_trim(a, v->title);
	v->occupation = val_trim(a, v->occupation);
	v->region = region_of(a, v->region);
	v->opened_on = val_trim(a, v->opened_on);
	v->closes_on = val_trim(a, v->closes_on);
	v->status = val_trim(a, v->status);
	v->note = val_trim(a, v->note);
	if (!v->opened_on)
		v->opened_on = today;
	if (!v->status)
		v->status = "open";
	if (v->employer_id <= 0 && !field_error_for(errs, "employer_id"))
		field_error_add(errs, "employer_id", N_("This field is required."));
	val_text(errs, "title", v->title, true, LABOUR_NAME_MAX);
	VAL_ITEM(errs, "occupation", labour_occupations, v->occupation, true);
	val_ref(errs, "region", "regions", v->region, true);
	if ((v->wage < 0 || v->wage > LABOUR_WAGE_MAX) && !field_error_for(errs, "wage"))
		field_error_add(errs, "wage",
				N_("The wage is out of range: zero or more, at most a billion."));
	if ((v->hours_per_week < 0 || v->hours_per_week > LABOUR_HOURS_MAX) &&
	    !field_error_for(errs, "hours_per_week"))
		field_error_add(errs, "hours_per_week",
				N_("Enter a number of hours from 1 to 168."));
	v->languages = languages_of(a, v->languages, "languages", errs);
	if ((v->places < 1 || v->places > LABOUR_PLACES_MAX) && !field_error_for(errs, "places"))
		field_error_add(errs, "places", N_("Enter a number of places from 1 to 10000."));
	val_date(errs, "opened_on", v->opened_on, today, false);
	val_date(errs, "closes_on", v->closes_on, today, false);
	if (v->closes_on && date_valid(v->closes_on) && date_valid(v->opened_on) &&
	    strcmp(v->closes_on, v->opened_on) < 0)
		field_error_add(errs, "closes_on", N_("The end is before the start."));
	VAL_ITEM(errs, "status", vacancy_statuses, v->status, true);
	val_note(errs, "note", v->note, LABOUR_NOTE_MAX);
	return errs->n > before ? K_EINVAL : 0;
}

/* The year of a date YYYY-MM-DD, or 9999 when it is not one. */
static int64_t year_of(const char *date)
{
	int64_t y = 0;
	for (int i = 0; date && i < 4; i++) {
		if (date[i] < '0' || date[i] > '9')
			return 9999;
		y = y * 10 + (date[i] - '0');
	}
	return date ? y : 9999;
}

int person_skill_validate(struct arena *a, struct person_skill *s, const char *today,
			  struct field_errors *errs)
{
	size_t before = errs->n;
	s->kind = val_trim(a, s->kind);
	s->occupation = val_trim(a, s->occupation);
	s->level = val_trim(a, s->level);
	s->title = val_trim(a, s->title);
	s->place = val_trim(a, s->place);
	s->note = val_trim(a, s->note);
	if (s->person_id <= 0 && !field_error_for(errs, "person_id"))
		field_error_add(errs, "person_id", N_("Choose a person."));
	VAL_ITEM(errs, "kind", labour_skill_kinds, s->kind, true);
	if (s->occupation && is(s->kind, "education"))
		field_error_add(
		    errs, "occupation",
		    N_("An occupation is given for a skill or a job, not for education."));
	else
		VAL_ITEM(errs, "occupation", labour_occupations, s->occupation, false);
	if (s->level && s->kind && !is(s->kind, "education"))
		field_error_add(errs, "level", N_("A level is given for education only."));
	else
		VAL_ITEM(errs, "level", education_levels, s->level, false);
	val_text(errs, "title", s->title, true, LABOUR_NAME_MAX);
	val_text(errs, "place", s->place, false, LABOUR_NAME_MAX);
	int64_t year = year_of(today);
	if (s->from_year && (s->from_year < 1900 || s->from_year > year))
		field_error_add(errs, "from_year", N_("Enter a year from 1900 to this year."));
	if (s->to_year && (s->to_year < 1900 || s->to_year > year))
		field_error_add(errs, "to_year", N_("Enter a year from 1900 to this year."));
	if (s->from_year && s->to_year && s->to_year < s->from_year &&
	    !field_error_for(errs, "to_year"))
		field_error_add(errs, "to_year", N_("The end is before the start."));
	val_note(errs, "note", s->note, LABOUR_NOTE_MAX);
	return errs->n > before ? K_EINVAL : 0;
}

int employment_validate(struct arena *a, struct employment *e, const char *today,
			struct field_errors *errs)
{
	size_t before = errs->n;
	e->employer_name = val_trim(a, e->employer_name);
	e->job_title = val_trim(a, e->job_title);
	e->occupation = val_trim(a, e->occupation);
	e->region = region_of(a, e->region);
	e->started_on = val_trim(a, e->started_on);
	e->ended_on = val_trim(a, e->ended_on);
	e->contract = val_trim(a, e->contract);
	e->documents_held_by = val_trim(a, e->documents_held_by);
	e->note = val_trim(a, e->note);
	if (e->person_id <= 0 && !field_error_for(errs, "person_id"))
		field_error_add(errs, "person_id", N_("Choose a person."));
	if (e->employer_id <= 0 && e->vacancy_id <= 0 && !e->employer_name)
		field_error_add(errs, "employer_id",
				N_("Choose an employer or give the employer's name."));
	val_text(errs, "employer_name", e->employer_name, false, LABOUR_NAME_MAX);
	val_text(errs, "job_title", e->job_title, true, LABOUR_NAME_MAX);
	VAL_ITEM(errs, "occupation", labour_occupations, e->occupation, false);
	val_ref(errs, "region", "regions", e->region, false);
	if ((e->wage < 0 || e->wage > LABOUR_WAGE_MAX) && !field_error_for(errs, "wage"))
		field_error_add(errs, "wage",
				N_("The wage is out of range: zero or more, at most a billion."));
	if ((e->hours_per_week < 1 || e->hours_per_week > LABOUR_HOURS_MAX) &&
	    !field_error_for(errs, "hours_per_week"))
		field_error_add(errs, "hours_per_week",
				N_("Enter a number of hours from 1 to 168."));
	if (!e->started_on)
		field_error_add(errs, "started_on", N_("Enter a date as YYYY-MM-DD."));
	else
		val_date(errs, "started_on", e->started_on, today, true);
	val_date(errs, "ended_on", e->ended_on, today, false);
	if (e->ended_on && e->started_on && date_valid(e->ended_on) && date_valid(e->started_on) &&
	    strcmp(e->ended_on, e->started_on) < 0)
		field_error_add(errs, "ended_on", N_("The end is before the start."));
	VAL_ITEM(errs, "contract", labour_contracts, e->contract, true);
	VAL_ITEM(errs, "documents_held_by", labour_document_holders, e->documents_held_by, true);
	val_note(errs, "note", e->note, LABOUR_NOTE_MAX);
	return errs->n > before ? K_EINVAL : 0;
}

int minimum_wage_validate(struct arena *a, struct minimum_wage *m, struct field_errors *errs)
{
	size_t before = errs->n;
	m->valid_from = val_trim(a, m->valid_from);
	if (!m->valid_from)
		field_error_add(errs, "valid_from", N_("Enter a date as YYYY-MM-DD."));
	else
		val_date(errs, "valid_from", m->valid_from, NULL, false);
	if ((m->amount <= 0 || m->amount > LABOUR_WAGE_MAX) && !field_error_for(errs, "amount"))
		field_error_add(errs, "amount",
				N_("Enter an amount above 0, such as 12500 or 12500.50."));
	return errs->n > before ? K_EINVAL : 0;
}

int labour_resolution_validate(struct arena *a, const char **resolution, struct field_errors *errs)
{
	size_t before = errs->n;
	*resolution = val_trim(a, *resolution);
	if (!*resolution)
		field_error_add(errs, "resolution", N_("Write what was done about the alert."));
	else
		val_note(errs, "resolution", *resolution, LABOUR_NOTE_MAX);
	return errs->n > before ? K_EINVAL : 0;
}

/* ---- who may ---- */

bool labour_may_read(const struct actor *a)
{
	return access_may_read_persons(a);
}

bool labour_may_write(const struct actor *a)
{
	return a->role == ROLE_SOCIAL_WORKER || a->role == ROLE_LAWYER ||
	       a->role == ROLE_SUPERVISOR;
}

bool labour_may_keep_rates(const struct actor *a)
{
	return a->role == ROLE_ADMIN;
}
