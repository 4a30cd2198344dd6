/* reference.c: the reference lists of domain.md and the ICU country and language tables.
 *
 * The lists are constant tables in this file, so looking one up needs no initialisation and
 * no lock. Labels follow domain.md word for word where it gives them; where it gives none the
 * Kazakh and Russian follow the wording of the laws of the Republic of Kazakhstan ("On
 * population migration", "On refugees") and the UNHCR's Russian terms. Labels are written
 * in lower case as domain.md writes them (proper names keep their capitals); the interface
 * capitalises a label where it starts a sentence or a field.
 *
 * The country and language codes come from ICU. Validity is checked on every request, so the
 * codes are copied once (pthread_once) into small sorted tables of two-letter codes that are
 * read-only afterwards and searched with bsearch; names are asked of ICU, whose data access
 * is thread-safe. */
#include "domain/reference.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucol.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>
#include <unicode/utypes.h>

#include "domain/integration.h"
#include "domain/labour.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define LIST(var, list_name)                                                                       \
	{                                                                                          \
		.name = (list_name), .items = (var), .n = COUNT(var)                               \
	}

/* domain.md §2.3, in its order. */
static const struct ref_item categories[] = {
	{ .code = "trafficking_victim",
	  .flags = REF_PROTECTED,
	  .kk = "адам саудасының құрбаны",
	  .ru = "жертва торговли людьми",
	  .en = "victim of human trafficking" },
	{ .code = "forced_labour_victim",
	  .flags = REF_PROTECTED,
	  .kk = "мәжбүрлі еңбектен зардап шеккен",
	  .ru = "пострадавший от принудительного труда",
	  .en = "victim of forced labour" },
	{ .code = "kandas_candidate",
	  .kk = "әлеуетті қандас (оралман)",
	  .ru = "потенциальный кандас (оралман)",
	  .en = "potential kandas (oralman)" },
	{ .code = "kandas", .kk = "қандас", .ru = "кандас", .en = "kandas" },
	{ .code = "voluntary_resettler",
	  .kk = "ерікті қоныс аударушы",
	  .ru = "добровольный переселенец",
	  .en = "voluntary resettler" },
	{ .code = "persecution_victim",
	  .flags = REF_PROTECTED,
	  .kk = "этникалық, діни қудалаудан зардап шеккен",
	  .ru = "пострадавший от этнического, религиозного преследования",
	  .en = "victim of ethnic or religious persecution" },
	{ .code = "refugee", .kk = "босқын", .ru = "беженец", .en = "refugee" },
	{ .code = "asylum_seeker",
	  .kk = "баспана іздеуші",
	  .ru = "лицо, ищущее убежище",
	  .en = "asylum seeker" },
	{ .code = "forced_resettler",
	  .kk = "мәжбүрлі қоныс аударушы",
	  .ru = "вынужденный переселенец",
	  .en = "forced resettler" },
	{ .code = "labour_migrant",
	  .kk = "еңбек мигранты",
	  .ru = "трудовой мигрант",
	  .en = "labour migrant" },
	{ .code = "internal_migrant",
	  .kk = "ішкі мигрант",
	  .ru = "внутренний мигрант",
	  .en = "internal migrant" },
};

/* domain.md §5. The Kazakh terms are those of the Kazakh texts of the laws: "еңбекші
 * иммигрант" (On population migration) and "пана іздеуші адам" (On refugees). */
static const struct ref_item legal_statuses[] = {
	{ .code = "kandas", .kk = "қандас", .ru = "кандас", .en = "kandas" },
	{ .code = "kandas_applicant",
	  .kk = "қандас мәртебесіне үміткер",
	  .ru = "претендент на статус кандаса",
	  .en = "applicant for kandas status" },
	{ .code = "resettler", .kk = "қоныс аударушы", .ru = "переселенец", .en = "resettler" },
	{ .code = "labour_immigrant",
	  .kk = "еңбекші иммигрант",
	  .ru = "трудовой иммигрант",
	  .en = "labour immigrant" },
	{ .code = "asylum_seeker",
	  .kk = "пана іздеуші адам",
	  .ru = "лицо, ищущее убежище",
	  .en = "asylum seeker" },
	{ .code = "refugee", .kk = "босқын", .ru = "беженец", .en = "refugee" },
	{ .code = "citizen",
	  .kk = "Қазақстан Республикасының азаматы",
	  .ru = "гражданин Республики Казахстан",
	  .en = "citizen of Kazakhstan" },
	{ .code = "stateless",
	  .kk = "азаматтығы жоқ адам",
	  .ru = "лицо без гражданства",
	  .en = "stateless person" },
	{ .code = "other", .kk = "басқа", .ru = "другое", .en = "other" },
};

/* domain.md §6: the units since 8 June 2022, in ISO 3166-2 code order. English names as
 * domain.md gives them; centres in the spelling the regional akimats use in English. */
static const struct ref_item regions[] = {
	{ .code = "KZ-10",
	  .kk = "Абай облысы",
	  .ru = "область Абай",
	  .en = "Abai",
	  .centre_kk = "Семей",
	  .centre_ru = "Семей",
	  .centre_en = "Semey" },
	{ .code = "KZ-11",
	  .kk = "Ақмола облысы",
	  .ru = "Акмолинская область",
	  .en = "Akmola",
	  .centre_kk = "Көкшетау",
	  .centre_ru = "Кокшетау",
	  .centre_en = "Kokshetau" },
	{ .code = "KZ-15",
	  .kk = "Ақтөбе облысы",
	  .ru = "Актюбинская область",
	  .en = "Aktobe",
	  .centre_kk = "Ақтөбе",
	  .centre_ru = "Актобе",
	  .centre_en = "Aktobe" },
	{ .code = "KZ-19",
	  .kk = "Алматы облысы",
	  .ru = "Алматинская область",
	  .en = "Almaty Region",
	  .centre_kk = "Қонаев",
	  .centre_ru = "Конаев",
	  .centre_en = "Konaev" },
	{ .code = "KZ-23",
	  .kk = "Атырау облысы",
	  .ru = "Атырауская область",
	  .en = "Atyrau",
	  .centre_kk = "Атырау",
	  .centre_ru = "Атырау",
	  .centre_en = "Atyrau" },
	{ .code = "KZ-27",
	  .kk = "Батыс Қазақстан облысы",
	  .ru = "Западно-Казахстанская область",
	  .en = "West Kazakhstan",
	  .centre_kk = "Орал",
	  .centre_ru = "Уральск",
	  .centre_en = "Oral" },
	{ .code = "KZ-31",
	  .kk = "Жамбыл облысы",
	  .ru = "Жамбылская область",
	  .en = "Zhambyl",
	  .centre_kk = "Тараз",
	  .centre_ru = "Тараз",
	  .centre_en = "Taraz" },
	{ .code = "KZ-33",
	  .kk = "Жетісу облысы",
	  .ru = "область Жетісу",
	  .en = "Zhetysu",
	  .centre_kk = "Талдықорған",
	  .centre_ru = "Талдыкорган",
	  .centre_en = "Taldykorgan" },
	{ .code = "KZ-35",
	  .kk = "Қарағанды облысы",
	  .ru = "Карагандинская область",
	  .en = "Karaganda",
	  .centre_kk = "Қарағанды",
	  .centre_ru = "Караганда",
	  .centre_en = "Karaganda" },
	{ .code = "KZ-39",
	  .kk = "Қостанай облысы",
	  .ru = "Костанайская область",
	  .en = "Kostanay",
	  .centre_kk = "Қостанай",
	  .centre_ru = "Костанай",
	  .centre_en = "Kostanay" },
	{ .code = "KZ-43",
	  .kk = "Қызылорда облысы",
	  .ru = "Кызылординская область",
	  .en = "Kyzylorda",
	  .centre_kk = "Қызылорда",
	  .centre_ru = "Кызылорда",
	  .centre_en = "Kyzylorda" },
	{ .code = "KZ-47",
	  .kk = "Маңғыстау облысы",
	  .ru = "Мангистауская область",
	  .en = "Mangystau",
	  .centre_kk = "Ақтау",
	  .centre_ru = "Актау",
	  .centre_en = "Aktau" },
	{ .code = "KZ-55",
	  .kk = "Павлодар облысы",
	  .ru = "Павлодарская область",
	  .en = "Pavlodar",
	  .centre_kk = "Павлодар",
	  .centre_ru = "Павлодар",
	  .centre_en = "Pavlodar" },
	{ .code = "KZ-59",
	  .kk = "Солтүстік Қазақстан облысы",
	  .ru = "Северо-Казахстанская область",
	  .en = "North Kazakhstan",
	  .centre_kk = "Петропавл",
	  .centre_ru = "Петропавловск",
	  .centre_en = "Petropavl" },
	{ .code = "KZ-61",
	  .kk = "Түркістан облысы",
	  .ru = "Туркестанская область",
	  .en = "Turkistan",
	  .centre_kk = "Түркістан",
	  .centre_ru = "Туркестан",
	  .centre_en = "Turkistan" },
	{ .code = "KZ-62",
	  .kk = "Ұлытау облысы",
	  .ru = "область Ұлытау",
	  .en = "Ulytau",
	  .centre_kk = "Жезқазған",
	  .centre_ru = "Жезказган",
	  .centre_en = "Zhezkazgan" },
	{ .code = "KZ-63",
	  .kk = "Шығыс Қазақстан облысы",
	  .ru = "Восточно-Казахстанская область",
	  .en = "East Kazakhstan",
	  .centre_kk = "Өскемен",
	  .centre_ru = "Усть-Каменогорск",
	  .centre_en = "Oskemen" },
	{ .code = "KZ-71", .kk = "Астана", .ru = "Астана", .en = "Astana", .flags = REF_CITY },
	{ .code = "KZ-75", .kk = "Алматы", .ru = "Алматы", .en = "Almaty", .flags = REF_CITY },
	{ .code = "KZ-79", .kk = "Шымкент", .ru = "Шымкент", .en = "Shymkent", .flags = REF_CITY },
};

/* domain.md §2.4 items 1 and 2. The Kazakh and Russian labels are adjectives of the implied
 * "services" (қызметтер, услуги), as in the standards; English names the services. */
static const struct ref_item service_kinds[] = {
	{ .code = "social_household",
	  .kk = "әлеуметтік-тұрмыстық",
	  .ru = "социально-бытовые",
	  .en = "social and household services" },
	{ .code = "social_medical",
	  .kk = "әлеуметтік-медициналық",
	  .ru = "социально-медицинские",
	  .en = "social and medical services" },
	{ .code = "social_psychological",
	  .kk = "әлеуметтік-психологиялық",
	  .ru = "социально-психологические",
	  .en = "social and psychological services" },
	{ .code = "social_pedagogical",
	  .kk = "әлеуметтік-педагогикалық",
	  .ru = "социально-педагогические",
	  .en = "social and pedagogical services" },
	{ .code = "social_economic",
	  .kk = "әлеуметтік-экономикалық",
	  .ru = "социально-экономические",
	  .en = "social and economic services" },
	{ .code = "social_legal",
	  .kk = "әлеуметтік-құқықтық",
	  .ru = "социально-правовые",
	  .en = "social and legal services" },
	{ .code = "social_labour",
	  .kk = "әлеуметтік-еңбек",
	  .ru = "социально-трудовые",
	  .en = "social and labour services" },
	{ .code = "social_cultural",
	  .kk = "әлеуметтік-мәдени",
	  .ru = "социально-культурные",
	  .en = "social and cultural services" },
	{ .code = "counselling",
	  .kk = "кеңес беру",
	  .ru = "консультационные",
	  .en = "counselling services" },
	{ .code = "information",
	  .kk = "ақпараттық",
	  .ru = "информационные",
	  .en = "information services" },
	{ .code = "care", .kk = "күтім көрсету", .ru = "услуги по уходу", .en = "care services" },
};

/* domain.md §2.4 items 3 and 4. */
static const struct ref_item activity_kinds[] = {
	{ .code = "fundraising",
	  .kk = "мигранттарға көмек қорына қайырымдылық жинау",
	  .ru = "благотворительный сбор в фонд помощи мигрантам",
	  .en = "charity collection for a migrant-assistance fund" },
	{ .code = "ngo_support",
	  .kk = "қоғамдық және коммерциялық емес ұйымдарды қолдау",
	  .ru = "поддержка общественных и некоммерческих организаций",
	  .en = "support for public and non-commercial organisations" },
	{ .code = "conference", .kk = "конференция", .ru = "конференция", .en = "conference" },
	{ .code = "forum", .kk = "форум", .ru = "форум", .en = "forum" },
	{ .code = "round_table",
	  .kk = "дөңгелек үстел",
	  .ru = "круглый стол",
	  .en = "round table" },
	{ .code = "publication",
	  .kk = "газет, журнал, ақпараттық бюллетень шығару",
	  .ru = "выпуск газет, журналов, информационных бюллетеней",
	  .en = "publication of newspapers, journals, information bulletins" },
	{ .code = "creative_contest",
	  .kk = "шығармашылық конкурс",
	  .ru = "творческий конкурс",
	  .en = "creative contest" },
	{ .code = "festival", .kk = "фестиваль", .ru = "фестиваль", .en = "festival" },
	{ .code = "excursion",
	  .kk = "ел тарихы мен мәдениетімен таныстыратын экскурсия",
	  .ru = "экскурсия по истории и культуре страны",
	  .en = "excursion to the country's history and culture" },
	{ .code = "resettler_org_support",
	  .kk = "қоныс аударушылар ұйымдарын құруға жәрдемдесу",
	  .ru = "содействие в создании организаций переселенцев",
	  .en = "help for resettlers to create their organisations" },
	{ .code = "lobbying", .kk = "лоббилеу", .ru = "лоббирование", .en = "lobbying" },
	{ .code = "self_help", .kk = "өзіне-өзі көмек", .ru = "самопомощь", .en = "self-help" },
	{ .code = "mutual_help", .kk = "өзара көмек", .ru = "взаимопомощь", .en = "mutual help" },
};

/* domain.md §3: the three classical forms, then the ten non-classical. */
static const struct ref_item forms[] = {
	{ .code = "individual", .kk = "жеке", .ru = "индивидуальная", .en = "individual" },
	{ .code = "collective",
	  .kk = "ұжымдық",
	  .ru = "коллективная (групповая)",
	  .en = "collective (group)" },
	{ .code = "public_state",
	  .kk = "қоғамдық-мемлекеттік",
	  .ru = "общественно-государственная",
	  .en = "public and state" },
	{ .code = "diagnostics",
	  .kk = "диагностика және зерттеу",
	  .ru = "диагностика и исследование",
	  .en = "diagnostics and research" },
	{ .code = "psychotherapy",
	  .kk = "психологиялық және психотерапевтік жұмыс",
	  .ru = "психологическая и психотерапевтическая работа",
	  .en = "psychological and psychotherapeutic work" },
	{ .code = "game_technology",
	  .kk = "ойын технологиясы",
	  .ru = "игровая технология",
	  .en = "game technology" },
	{ .code = "training", .kk = "оқыту", .ru = "обучение", .en = "training" },
	{ .code = "family_therapy",
	  .kk = "отбасылық терапия",
	  .ru = "семейная терапия",
	  .en = "family therapy" },
	{ .code = "migration_service_work",
	  .kk = "көші-қон қызметтеріндегі әлеуметтік жұмыс",
	  .ru = "социальная работа в миграционных службах",
	  .en = "social work in migration services" },
	{ .code = "temporary_accommodation",
	  .kk = "уақытша орналастыру орталығы",
	  .ru = "центр временного размещения",
	  .en = "temporary accommodation centre" },
	{ .code = "adaptation_centre",
	  .kk = "бейімдеу және интеграция орталығы",
	  .ru = "центр адаптации и интеграции",
	  .en = "adaptation and integration centre" },
	{ .code = "self_help_group",
	  .kk = "өзіне-өзі көмек көрсету тобы",
	  .ru = "группа самопомощи",
	  .en = "self-help group" },
	{ .code = "org_creation_support",
	  .kk = "ұйымдар мен қорларды құруға жәрдемдесу",
	  .ru = "содействие в создании организаций и фондов",
	  .en = "help in creating organisations and foundations" },
};

/* domain.md §2.1. */
static const struct ref_item functions[] = {
	{ .code = "adaptation",
	  .kk = "оңалту, бейімделу, аккультурация",
	  .ru = "реабилитация, адаптация, аккультурация",
	  .en = "rehabilitation, adaptation, acculturation" },
	{ .code = "integration", .kk = "интеграция", .ru = "интеграция", .en = "integration" },
	{ .code = "capacity",
	  .kk = "өзіндік оңалту қабілеттері",
	  .ru = "собственные реабилитационные способности",
	  .en = "own rehabilitation capacities" },
};

/* domain.md §2.2. */
static const struct ref_item means[] = {
	{ .code = "individual",
	  .kk = "жеке ықпал",
	  .ru = "индивидуальное воздействие",
	  .en = "individual influence" },
	{ .code = "collective",
	  .kk = "ұжымдық әсер",
	  .ru = "коллективное воздействие",
	  .en = "collective influence" },
	{ .code = "policy",
	  .kk = "мемлекеттік саясатқа әсер",
	  .ru = "воздействие на миграционную политику",
	  .en = "influence on migration policy" },
};

/* The answers to "Жынысы" / "Пол". */
static const struct ref_item sexes[] = {
	{ .code = "female", .kk = "әйел", .ru = "женский", .en = "female" },
	{ .code = "male", .kk = "ер", .ru = "мужской", .en = "male" },
};

/* Relation to the head of a household. Kazakh names the relation with the possessive, as
 * census forms do ("басшысының жұбайы"); it has no one word for "sibling". */
static const struct ref_item relations[] = {
	{ .code = "head",
	  .kk = "үй шаруашылығының басшысы",
	  .ru = "глава домохозяйства",
	  .en = "head of household" },
	{ .code = "spouse", .kk = "жұбайы (зайыбы)", .ru = "супруг (супруга)", .en = "spouse" },
	{ .code = "child", .kk = "баласы", .ru = "ребёнок", .en = "child" },
	{ .code = "parent", .kk = "ата-анасы", .ru = "родитель", .en = "parent" },
	{ .code = "sibling",
	  .kk = "аға-інісі немесе апа-сіңлісі",
	  .ru = "брат или сестра",
	  .en = "sibling" },
	{ .code = "other", .kk = "басқа", .ru = "другое", .en = "other" },
};

/* Identity and status documents; the names of the Kazakh documents as the laws give them. */
static const struct ref_item document_types[] = {
	{ .code = "passport", .kk = "паспорт", .ru = "паспорт", .en = "passport" },
	{ .code = "id_card",
	  .kk = "жеке куәлік",
	  .ru = "удостоверение личности",
	  .en = "identity card" },
	{ .code = "birth_certificate",
	  .kk = "туу туралы куәлік",
	  .ru = "свидетельство о рождении",
	  .en = "birth certificate" },
	{ .code = "residence_permit",
	  .kk = "тұруға ықтиярхат",
	  .ru = "вид на жительство",
	  .en = "residence permit" },
	{ .code = "kandas_certificate",
	  .kk = "қандас куәлігі",
	  .ru = "удостоверение кандаса",
	  .en = "kandas certificate" },
	{ .code = "asylum_seeker_certificate",
	  .kk = "пана іздеуші адамның куәлігі",
	  .ru = "свидетельство лица, ищущего убежище",
	  .en = "asylum-seeker certificate" },
	{ .code = "refugee_certificate",
	  .kk = "босқын куәлігі",
	  .ru = "удостоверение беженца",
	  .en = "refugee certificate" },
	{ .code = "travel_document",
	  .kk = "жол жүру құжаты",
	  .ru = "проездной документ",
	  .en = "travel document" },
	{ .code = "stateless_certificate",
	  .kk = "азаматтығы жоқ адамның куәлігі",
	  .ru = "удостоверение лица без гражданства",
	  .en = "stateless person's certificate" },
	{ .code = "other", .kk = "басқа құжат", .ru = "другой документ", .en = "other document" },
};

/* How well a person speaks a language; Russian and Kazakh as answers to "уровень
 * владения" / "меңгеру деңгейі". */
static const struct ref_item language_levels[] = {
	{ .code = "none", .kk = "білмейді", .ru = "не владеет", .en = "none" },
	{ .code = "basic", .kk = "бастапқы", .ru = "начальный", .en = "basic" },
	{ .code = "intermediate", .kk = "орта", .ru = "средний", .en = "intermediate" },
	{ .code = "fluent", .kk = "еркін", .ru = "свободный", .en = "fluent" },
	{ .code = "native", .kk = "ана тілі", .ru = "родной", .en = "native" },
};

/* Why a person's identifying data was erased. */
static const struct ref_item erasure_reasons[] = {
	{ .code = "person_request",
	  .kk = "адамның өз өтініші бойынша",
	  .ru = "по просьбе самого человека",
	  .en = "at the person's own request" },
	{ .code = "consent_withdrawn",
	  .kk = "келісім кері қайтарылды, өңдеуге басқа негіз жоқ",
	  .ru = "согласие отозвано, иных оснований для обработки нет",
	  .en = "consent withdrawn, no other basis for processing" },
	{ .code = "authority_order",
	  .kk = "сот немесе уәкілетті орган шешімі бойынша",
	  .ru = "по решению суда или уполномоченного органа",
	  .en = "by a decision of a court or an authority" },
	{ .code = "retention_ended",
	  .kk = "сақтау мерзімі аяқталды",
	  .ru = "истёк срок хранения",
	  .en = "the retention period ended" },
};

/* The needs a case's assessment scores, as issue 5 lists them from the seed: rehabilitation
 * in the local community (housing, medical care, material assistance), legal status, work,
 * language, knowledge of the host country's law, culture and traditions, psychological
 * state, physical health, children's schooling, family, social ties and tolerance. */
static const struct ref_item needs[] = {
	{ .code = "housing", .kk = "баспана", .ru = "жильё", .en = "housing" },
	{ .code = "medical_care",
	  .kk = "медициналық көмек",
	  .ru = "медицинская помощь",
	  .en = "medical care" },
	{ .code = "material_assistance",
	  .kk = "материалдық көмек",
	  .ru = "материальная помощь",
	  .en = "material assistance" },
	{ .code = "legal_status",
	  .kk = "құқықтық мәртебе және құжаттар",
	  .ru = "правовой статус и документы",
	  .en = "legal status and documents" },
	{ .code = "employment",
	  .kk = "жұмыс, еңбек жағдайы және жалақы",
	  .ru = "работа, условия труда и заработная плата",
	  .en = "employment, working conditions and wages" },
	{ .code = "language_kk",
	  .kk = "қазақ тілі",
	  .ru = "казахский язык",
	  .en = "Kazakh language" },
	{ .code = "language_ru",
	  .kk = "орыс тілі",
	  .ru = "русский язык",
	  .en = "Russian language" },
	{ .code = "law_knowledge",
	  .kk = "ел заңдарын білу",
	  .ru = "знание законов страны",
	  .en = "knowledge of the host country's law" },
	{ .code = "culture",
	  .kk = "мәдениет пен дәстүрлер",
	  .ru = "культура и традиции",
	  .en = "culture and traditions" },
	{ .code = "psychological",
	  .kk = "психологиялық жағдай",
	  .ru = "психологическое состояние",
	  .en = "psychological state" },
	{ .code = "physical_health",
	  .kk = "дене саулығы",
	  .ru = "физическое здоровье",
	  .en = "physical health" },
	{ .code = "schooling",
	  .kk = "балалардың оқуы",
	  .ru = "обучение детей",
	  .en = "children's schooling" },
	{ .code = "family",
	  .kk = "отбасылық жағдай",
	  .ru = "семейное положение",
	  .en = "family situation" },
	{ .code = "social_ties",
	  .kk = "әлеуметтік байланыстар және ортаның төзімділігі",
	  .ru = "социальные связи и толерантность окружения",
	  .en = "social ties and tolerance in the neighbourhood" },
};

/* The urgency of a need, in order: its index is the score stored (0 to 3). */
static const struct ref_item urgency_levels[] = {
	{ .code = "none", .kk = "қажеттілік жоқ", .ru = "нет потребности", .en = "no need" },
	{ .code = "low", .kk = "төмен", .ru = "низкая", .en = "low" },
	{ .code = "moderate", .kk = "орташа", .ru = "средняя", .en = "moderate" },
	{ .code = "urgent", .kk = "шұғыл", .ru = "срочная", .en = "urgent" },
};

/* The status of a case (domain.md §3, the individual form of work). */
static const struct ref_item case_statuses[] = {
	{ .code = "open", .kk = "ашылды", .ru = "открыто", .en = "open" },
	{ .code = "active", .kk = "жұмыста", .ru = "в работе", .en = "active" },
	{ .code = "on_hold", .kk = "тоқтатыла тұрды", .ru = "приостановлено", .en = "on hold" },
	{ .code = "closed", .kk = "жабылды", .ru = "закрыто", .en = "closed" },
};

/* Why a case was closed. */
static const struct ref_item closing_reasons[] = {
	{ .code = "goals_achieved",
	  .kk = "жоспардың мақсаттарына қол жеткізілді",
	  .ru = "цели плана достигнуты",
	  .en = "the plan's goals were achieved" },
	{ .code = "referred_elsewhere",
	  .kk = "басқа ұйымға жолданды",
	  .ru = "передано в другую организацию",
	  .en = "referred to another organisation" },
	{ .code = "moved_away",
	  .kk = "адам басқа жерге көшті",
	  .ru = "человек переехал",
	  .en = "the person moved away" },
	{ .code = "declined_services",
	  .kk = "адам қызметтерден бас тартты",
	  .ru = "человек отказался от услуг",
	  .en = "the person declined services" },
	{ .code = "lost_contact",
	  .kk = "байланыс үзілді",
	  .ru = "связь утрачена",
	  .en = "contact was lost" },
	{ .code = "naturalised",
	  .kk = "азаматтық алды",
	  .ru = "получено гражданство",
	  .en = "the person became a citizen" },
	{ .code = "deceased", .kk = "қайтыс болды", .ru = "умер", .en = "the person died" },
	{ .code = "other", .kk = "басқа себеп", .ru = "другая причина", .en = "another reason" },
};

/* What a person consents to their personal data being used for. */
static const struct ref_item consent_purposes[] = {
	{ .code = "service_provision",
	  .kk = "қызмет көрсету",
	  .ru = "оказание услуг",
	  .en = "provision of services" },
	{ .code = "referral_sharing",
	  .kk = "басқа ұйымға жолдау үшін деректерді беру",
	  .ru = "передача данных при направлении в другую организацию",
	  .en = "sharing data for a referral to another organisation" },
	{ .code = "statistics", .kk = "статистика", .ru = "статистика", .en = "statistics" },
	{ .code = "contact",
	  .kk = "хабарласу (қоңырау, хабарлама)",
	  .ru = "связь (звонки, сообщения)",
	  .en = "contact (calls, messages)" },
};

/* A child on the move without parents: unaccompanied (no adult responsible for them) or
 * separated (from parents or usual carers, perhaps with other relatives). UNHCR's Russian
 * terms. */
static const struct ref_item child_statuses[] = {
	{ .code = "none", .kk = "жоқ", .ru = "нет", .en = "none" },
	{ .code = "unaccompanied",
	  .kk = "ілесуші ересегі жоқ бала",
	  .ru = "несопровождаемый ребёнок",
	  .en = "unaccompanied child" },
	{ .code = "separated",
	  .kk = "ата-анасынан ажырап қалған бала",
	  .ru = "разлучённый ребёнок",
	  .en = "separated child" },
};

/* The kinds of the partner organisations' directory (issue 5): who a referral can go to. */
static const struct ref_item partner_kinds[] = {
	{ .code = "state_body",
	  .kk = "мемлекеттік орган",
	  .ru = "государственный орган",
	  .en = "state body" },
	{ .code = "ngo",
	  .kk = "үкіметтік емес ұйым",
	  .ru = "неправительственная организация",
	  .en = "non-governmental organisation" },
	{ .code = "foundation",
	  .kk = "қайырымдылық қоры",
	  .ru = "благотворительный фонд",
	  .en = "charitable foundation" },
	{ .code = "temporary_accommodation",
	  .kk = "уақытша орналастыру орталығы",
	  .ru = "центр временного размещения",
	  .en = "temporary accommodation centre" },
	{ .code = "adaptation_centre",
	  .kk = "бейімделу және интеграция орталығы",
	  .ru = "центр адаптации и интеграции",
	  .en = "adaptation and integration centre" },
	{ .code = "public_council",
	  .kk = "қоғамдық кеңес",
	  .ru = "общественный совет",
	  .en = "public council" },
	{ .code = "diaspora",
	  .kk = "диаспора қауымдастығы",
	  .ru = "диаспорная община",
	  .en = "diaspora community" },
	{ .code = "other", .kk = "басқа", .ru = "другое", .en = "other" },
};

/* The centres that place people on beds (issue 7; domain.md §3). */
static const struct ref_item centre_kinds[] = {
	{ .code = "temporary_accommodation",
	  .kk = "уақытша орналастыру орталығы",
	  .ru = "центр временного размещения",
	  .en = "temporary accommodation centre" },
	{ .code = "adaptation_centre",
	  .kk = "бейімделу және интеграция орталығы",
	  .ru = "центр адаптации и интеграции",
	  .en = "adaptation and integration centre" },
};

/* A place on a centre's waiting list. */
static const struct ref_item waiting_statuses[] = {
	{ .code = "waiting", .kk = "күтуде", .ru = "ожидает", .en = "waiting" },
	{ .code = "placed", .kk = "орналастырылды", .ru = "размещён", .en = "placed" },
	{ .code = "withdrawn",
	  .kk = "тізімнен шығарылды",
	  .ru = "снят с очереди",
	  .en = "withdrawn" },
};

/* Groups of the collective form (issue 7; domain.md §2.3 item 4, §3): the kind says what
 * the group is; its form (domain.md §3) defaults from the kind (domain/group.c). */
static const struct ref_item group_kinds[] = {
	{ .code = "self_help",
	  .kk = "өзіне-өзі көмек тобы",
	  .ru = "группа самопомощи",
	  .en = "self-help group" },
	{ .code = "mutual_help",
	  .kk = "өзара көмек тобы",
	  .ru = "группа взаимопомощи",
	  .en = "mutual-help group" },
	{ .code = "training",
	  .kk = "оқыту тобы (тренинг)",
	  .ru = "обучающая группа (тренинг)",
	  .en = "training group" },
	{ .code = "language_course",
	  .kk = "тіл курсы",
	  .ru = "языковые курсы",
	  .en = "language course" },
	{ .code = "culture_course",
	  .kk = "мәдениет курсы",
	  .ru = "курсы культуры",
	  .en = "culture course" },
	{ .code = "psychotherapy",
	  .kk = "психотерапиялық топ",
	  .ru = "психотерапевтическая группа",
	  .en = "psychotherapy group" },
	{ .code = "family_therapy",
	  .kk = "отбасылық терапия тобы",
	  .ru = "группа семейной терапии",
	  .en = "family-therapy group" },
	{ .code = "game_technology",
	  .kk = "ойын технологиясы сабақтары",
	  .ru = "занятия по игровой технологии",
	  .en = "game-technology sessions" },
};

/* Who gave to a migrant-assistance fund, and what (issue 7; domain.md §2.3 item 3). */
static const struct ref_item donor_kinds[] = {
	{ .code = "person", .kk = "жеке тұлға", .ru = "частное лицо", .en = "private person" },
	{ .code = "organisation", .kk = "ұйым", .ru = "организация", .en = "organisation" },
	{ .code = "anonymous", .kk = "аты аталмаған", .ru = "анонимно", .en = "anonymous" },
};

static const struct ref_item donation_kinds[] = {
	{ .code = "money", .kk = "ақша", .ru = "деньги", .en = "money" },
	{ .code = "in_kind", .kk = "заттай", .ru = "в натуральной форме", .en = "in kind" },
};

/* A publication's medium, and what a registered person did at an event (issue 7). */
static const struct ref_item publication_media[] = {
	{ .code = "newspaper", .kk = "газет", .ru = "газета", .en = "newspaper" },
	{ .code = "journal", .kk = "журнал", .ru = "журнал", .en = "journal" },
	{ .code = "bulletin",
	  .kk = "ақпараттық бюллетень",
	  .ru = "информационный бюллетень",
	  .en = "information bulletin" },
	{ .code = "online", .kk = "интернет-басылым", .ru = "интернет-издание", .en = "online" },
};

static const struct ref_item participant_roles[] = {
	{ .code = "participant", .kk = "қатысушы", .ru = "участник", .en = "participant" },
	{ .code = "speaker", .kk = "баяндамашы", .ru = "докладчик", .en = "speaker" },
	{ .code = "performer", .kk = "өнер көрсетуші", .ru = "выступающий", .en = "performer" },
	{ .code = "organiser", .kk = "ұйымдастырушы", .ru = "организатор", .en = "organiser" },
	{ .code = "author", .kk = "автор", .ru = "автор", .en = "author" },
};

/* State and regional programmes (issue 7; domain.md §4), and the support given through them
 * (instruments.md §4). */
static const struct ref_item programme_kinds[] = {
	{ .code = "resettlement",
	  .kk = "қоныс аудару бағдарламасы",
	  .ru = "программа переселения",
	  .en = "resettlement programme" },
	{ .code = "language_course",
	  .kk = "тіл курстары",
	  .ru = "языковые курсы",
	  .en = "language courses" },
	{ .code = "employment",
	  .kk = "жұмыспен қамту бағдарламасы",
	  .ru = "программа занятости",
	  .en = "employment programme" },
	{ .code = "social_support",
	  .kk = "әлеуметтік қолдау",
	  .ru = "социальная поддержка",
	  .en = "social support" },
	{ .code = "other", .kk = "басқа", .ru = "другое", .en = "other" },
};

static const struct ref_item support_kinds[] = {
	{ .code = "relocation_subsidy",
	  .kk = "көшуге арналған субсидия",
	  .ru = "субсидия на переезд",
	  .en = "relocation subsidy" },
	{ .code = "rent_support",
	  .kk = "тұрғын үй жалдау және коммуналдық төлемдер",
	  .ru = "аренда жилья и коммунальные услуги",
	  .en = "rent and utilities" },
	{ .code = "housing_certificate",
	  .kk = "тұрғын үй сертификаты",
	  .ru = "жилищный сертификат",
	  .en = "housing certificate" },
	{ .code = "other", .kk = "басқа қолдау", .ru = "другая поддержка", .en = "other support" },
};

/* The public-state form (issue 7; domain.md §2.2, §3, §4): organisations resettlers create and
 * the steps to their registration, councils and chambers, their decisions, policy proposals. */
static const struct ref_item resettler_org_kinds[] = {
	{ .code = "public_association",
	  .kk = "қоғамдық бірлестік",
	  .ru = "общественное объединение",
	  .en = "public association" },
	{ .code = "ethnocultural_centre",
	  .kk = "этномәдени орталық",
	  .ru = "этнокультурный центр",
	  .en = "ethnocultural centre" },
	{ .code = "foundation",
	  .kk = "қайырымдылық қоры",
	  .ru = "благотворительный фонд",
	  .en = "charitable foundation" },
	{ .code = "non_commercial",
	  .kk = "коммерциялық емес ұйым",
	  .ru = "некоммерческая организация",
	  .en = "non-commercial organisation" },
	{ .code = "cooperative", .kk = "кооператив", .ru = "кооператив", .en = "cooperative" },
	{ .code = "other", .kk = "басқа", .ru = "другое", .en = "other" },
};

static const struct ref_item org_steps[] = {
	{ .code = "initiative_group",
	  .kk = "бастамашыл топ құрылды",
	  .ru = "создана инициативная группа",
	  .en = "initiative group formed" },
	{ .code = "founding_meeting",
	  .kk = "құрылтай жиналысы өтті",
	  .ru = "проведено учредительное собрание",
	  .en = "founding meeting held" },
	{ .code = "charter_drafted",
	  .kk = "жарғы дайындалды",
	  .ru = "подготовлен устав",
	  .en = "charter drafted" },
	{ .code = "documents_submitted",
	  .kk = "тіркеуге құжаттар тапсырылды",
	  .ru = "документы поданы на регистрацию",
	  .en = "registration documents submitted" },
	{ .code = "registered", .kk = "тіркелді", .ru = "зарегистрирована", .en = "registered" },
	{ .code = "refused",
	  .kk = "тіркеуден бас тартылды",
	  .ru = "в регистрации отказано",
	  .en = "registration refused" },
	{ .code = "dissolved", .kk = "таратылды", .ru = "ликвидирована", .en = "dissolved" },
};

static const struct ref_item council_kinds[] = {
	{ .code = "public_council",
	  .kk = "қоғамдық кеңес",
	  .ru = "общественный совет",
	  .en = "public council" },
	{ .code = "public_chamber",
	  .kk = "қоғамдық палата",
	  .ru = "общественная палата",
	  .en = "public chamber" },
	{ .code = "coordination_council",
	  .kk = "үйлестіру кеңесі",
	  .ru = "координационный совет",
	  .en = "coordination council" },
	{ .code = "working_group",
	  .kk = "жұмыс тобы",
	  .ru = "рабочая группа",
	  .en = "working group" },
};

static const struct ref_item decision_statuses[] = {
	{ .code = "adopted", .kk = "қабылданды", .ru = "принято", .en = "adopted" },
	{ .code = "in_progress", .kk = "орындалуда", .ru = "выполняется", .en = "in progress" },
	{ .code = "implemented", .kk = "орындалды", .ru = "выполнено", .en = "implemented" },
	{ .code = "not_implemented",
	  .kk = "орындалмады",
	  .ru = "не выполнено",
	  .en = "not implemented" },
};

static const struct ref_item proposal_statuses[] = {
	{ .code = "drafted", .kk = "дайындалды", .ru = "подготовлено", .en = "drafted" },
	{ .code = "submitted", .kk = "жіберілді", .ru = "направлено", .en = "submitted" },
	{ .code = "under_review", .kk = "қаралуда", .ru = "на рассмотрении", .en = "under review" },
	{ .code = "accepted", .kk = "қабылданды", .ru = "принято", .en = "accepted" },
	{ .code = "partly_accepted",
	  .kk = "ішінара қабылданды",
	  .ru = "принято частично",
	  .en = "partly accepted" },
	{ .code = "rejected", .kk = "қабылданбады", .ru = "отклонено", .en = "rejected" },
	{ .code = "implemented", .kk = "іске асырылды", .ru = "реализовано", .en = "implemented" },
};

/* A worker's finding on an ILO instrument (screening.h). */
static const struct ref_item screening_findings[] = {
	{ .code = "likely",
	  .kk = "мәжбүрлі еңбек немесе адам саудасы ықтимал",
	  .ru = "вероятен принудительный труд или торговля людьми",
	  .en = "forced labour or trafficking is likely" },
	{ .code = "unlikely", .kk = "ықтимал емес", .ru = "маловероятно", .en = "unlikely" },
	{ .code = "unclear",
	  .kk = "анық емес, қосымша анықтау керек",
	  .ru = "неясно, нужно уточнить",
	  .en = "unclear, to be looked into further" },
};

/* What a screening's result carries: bands, reasons, conclusions, alerts (screening.h). */
static const struct ref_item screening_results[] = {
	{ .code = "minimal", .kk = "минималды", .ru = "минимальная", .en = "minimal" },
	{ .code = "mild", .kk = "жеңіл", .ru = "лёгкая", .en = "mild" },
	{ .code = "moderate", .kk = "орташа", .ru = "умеренная", .en = "moderate" },
	{ .code = "moderately_severe",
	  .kk = "орташадан ауыр",
	  .ru = "умеренно тяжёлая",
	  .en = "moderately severe" },
	{ .code = "severe", .kk = "ауыр", .ru = "тяжёлая", .en = "severe" },
	{ .code = "normal", .kk = "қалыпты", .ru = "норма", .en = "normal" },
	{ .code = "borderline", .kk = "шекаралық", .ru = "пограничный", .en = "borderline" },
	{ .code = "abnormal", .kk = "қалыптан тыс", .ru = "отклонение", .en = "abnormal" },
	{ .code = "close_to_average",
	  .kk = "орташаға жақын",
	  .ru = "близко к среднему",
	  .en = "close to average" },
	{ .code = "slightly_raised",
	  .kk = "сәл жоғары",
	  .ru = "слегка повышен",
	  .en = "slightly raised" },
	{ .code = "high", .kk = "жоғары", .ru = "высокий", .en = "high" },
	{ .code = "very_high", .kk = "өте жоғары", .ru = "очень высокий", .en = "very high" },
	{ .code = "rhs15_sum",
	  .kk = "1–14 сұрақтардың қосындысы 12 немесе одан көп",
	  .ru = "сумма пунктов 1–14 равна 12 или больше",
	  .en = "the sum of items 1–14 is 12 or more" },
	{ .code = "rhs15_thermometer",
	  .kk = "күйзеліс термометрі 5 немесе одан жоғары",
	  .ru = "термометр дистресса 5 или выше",
	  .en = "the Distress Thermometer is 5 or more" },
	{ .code = "total_10_or_more",
	  .kk = "жалпы балл 10 немесе одан көп",
	  .ru = "общий балл 10 или больше",
	  .en = "the total is 10 or more" },
	{ .code = "rhs13_positive",
	  .kk = "қысқа нұсқа (RHS-13) оң: 1–13 сұрақтардың қосындысы 11 немесе одан көп",
	  .ru = "короткая форма (RHS-13) положительна: сумма пунктов 1–13 равна 11 или больше",
	  .en = "the short form (RHS-13) is positive: items 1–13 sum to 11 or more" },
	{ .code = "rhs13_negative",
	  .kk = "қысқа нұсқа (RHS-13) теріс",
	  .ru = "короткая форма (RHS-13) отрицательна",
	  .en = "the short form (RHS-13) is negative" },
	{ .code = "trafficking",
	  .kk = "белгілер еңбек қанау мақсатындағы адам саудасының анықтамасына сәйкес келеді",
	  .ru = "признаки отвечают определению торговли людьми в целях трудовой эксплуатации",
	  .en = "the indicators meet the definition of trafficking for labour exploitation" },
	{ .code = "exploited_worker",
	  .kk = "қаналған жұмысшы: қанау бар, бірақ әдіс белгілері жоқ (еңбек құқығы ісі)",
	  .ru = "эксплуатируемый работник: эксплуатация без признаков средств (дело о трудовых "
		"правах)",
	  .en = "an exploited worker: exploitation without a positive means dimension (a "
		"labour-rights case)" },
	{ .code = "not_met",
	  .kk = "анықтамаға сәйкес келмейді",
	  .ru = "определению не отвечает",
	  .en = "the definition is not met" },
	{ .code = "phq9_item9",
	  .kk = "9-сұрақ: өзіне зиян келтіру ойлары — қауіпсіздікті дереу бағалау керек",
	  .ru = "Пункт 9: мысли о самоповреждении — нужна немедленная оценка безопасности",
	  .en = "Item 9: thoughts of self-harm — an immediate safety follow-up is needed" },
};

/* What a screening proposes (screening_proposals). */
static const struct ref_item screening_proposals[] = {
	{ .code = "psychologist_referral",
	  .kk = "психологқа жолдау",
	  .ru = "направление к психологу",
	  .en = "referral to a psychologist" },
	{ .code = "restrict_record",
	  .kk = "жазбаны шектеу (қорғау санаты)",
	  .ru = "ограничить доступ к записи (категория защиты)",
	  .en = "restrict the record (a protection category)" },
	{ .code = "accommodation",
	  .kk = "орталықта баспана беру",
	  .ru = "размещение в центре",
	  .en = "accommodation in a centre" },
	{ .code = "social_legal_service",
	  .kk = "әлеуметтік-құқықтық қызметтер",
	  .ru = "социально-правовые услуги",
	  .en = "social-legal services" },
	{ .code = "social_psychological_service",
	  .kk = "әлеуметтік-психологиялық қызметтер",
	  .ru = "социально-психологические услуги",
	  .en = "social-psychological services" },
	{ .code = "referral",
	  .kk = "серіктес ұйымға жолдау",
	  .ru = "направление в партнёрскую организацию",
	  .en = "referral to a partner organisation" },
};

/* A referral's steps; "expired" is a sent referral nobody answered by its date. */
static const struct ref_item referral_statuses[] = {
	{ .code = "sent", .kk = "жіберілді", .ru = "отправлено", .en = "sent" },
	{ .code = "accepted", .kk = "қабылданды", .ru = "принято", .en = "accepted" },
	{ .code = "declined", .kk = "бас тартылды", .ru = "отклонено", .en = "declined" },
	{ .code = "completed", .kk = "орындалды", .ru = "выполнено", .en = "completed" },
	{ .code = "expired", .kk = "мерзімі өтті", .ru = "истёк срок", .en = "expired" },
};

static const struct ref_list list_categories = LIST(categories, "categories");
static const struct ref_list list_legal_statuses = LIST(legal_statuses, "legal_statuses");
static const struct ref_list list_regions = LIST(regions, "regions");
static const struct ref_list list_service_kinds = LIST(service_kinds, "service_kinds");
static const struct ref_list list_activity_kinds = LIST(activity_kinds, "activity_kinds");
static const struct ref_list list_forms = LIST(forms, "forms");
static const struct ref_list list_functions = LIST(functions, "functions");
static const struct ref_list list_means = LIST(means, "means");
static const struct ref_list list_sexes = LIST(sexes, "sexes");
static const struct ref_list list_relations = LIST(relations, "relations");
static const struct ref_list list_document_types = LIST(document_types, "document_types");
static const struct ref_list list_language_levels = LIST(language_levels, "language_levels");
static const struct ref_list list_consent_purposes = LIST(consent_purposes, "consent_purposes");
static const struct ref_list list_erasure_reasons = LIST(erasure_reasons, "erasure_reasons");
static const struct ref_list list_child_statuses = LIST(child_statuses, "child_statuses");
static const struct ref_list list_case_statuses = LIST(case_statuses, "case_statuses");
static const struct ref_list list_closing_reasons = LIST(closing_reasons, "closing_reasons");
static const struct ref_list list_needs = LIST(needs, "needs");
static const struct ref_list list_urgency_levels = LIST(urgency_levels, "urgency_levels");
static const struct ref_list list_partner_kinds = LIST(partner_kinds, "partner_kinds");
static const struct ref_list list_referral_statuses = LIST(referral_statuses, "referral_statuses");
static const struct ref_list list_centre_kinds = LIST(centre_kinds, "centre_kinds");
static const struct ref_list list_waiting_statuses = LIST(waiting_statuses, "waiting_statuses");
static const struct ref_list list_group_kinds = LIST(group_kinds, "group_kinds");
static const struct ref_list list_donor_kinds = LIST(donor_kinds, "donor_kinds");
static const struct ref_list list_donation_kinds = LIST(donation_kinds, "donation_kinds");
static const struct ref_list list_publication_media = LIST(publication_media, "publication_media");
static const struct ref_list list_participant_roles = LIST(participant_roles, "participant_roles");
static const struct ref_list list_programme_kinds = LIST(programme_kinds, "programme_kinds");
static const struct ref_list list_support_kinds = LIST(support_kinds, "support_kinds");
static const struct ref_list list_resettler_org_kinds =
    LIST(resettler_org_kinds, "resettler_org_kinds");
static const struct ref_list list_org_steps = LIST(org_steps, "org_steps");
static const struct ref_list list_council_kinds = LIST(council_kinds, "council_kinds");
static const struct ref_list list_decision_statuses = LIST(decision_statuses, "decision_statuses");
static const struct ref_list list_proposal_statuses = LIST(proposal_statuses, "proposal_statuses");

static const struct ref_list list_screening_findings =
    LIST(screening_findings, "screening_findings");
static const struct ref_list list_screening_results = LIST(screening_results, "screening_results");
static const struct ref_list list_screening_proposals =
    LIST(screening_proposals, "screening_proposals");

/* Labour (domain/labour.c keeps the lists with its rules). */
static const struct ref_list list_occupations = LIST(labour_occupations, "occupations");
static const struct ref_list list_labour_contracts = LIST(labour_contracts, "labour_contracts");
static const struct ref_list list_document_holders =
    LIST(labour_document_holders, "document_holders");
static const struct ref_list list_labour_alert_kinds =
    LIST(labour_alert_kinds, "labour_alert_kinds");
static const struct ref_list list_education_levels = LIST(education_levels, "education_levels");
static const struct ref_list list_skill_kinds = LIST(labour_skill_kinds, "skill_kinds");
static const struct ref_list list_vacancy_statuses = LIST(vacancy_statuses, "vacancy_statuses");

/* Integration (domain/integration.c keeps the framework). */
static const struct ref_list list_integration_domains =
    LIST(integration_domains, "integration_domains");
static const struct ref_list list_integration_groups =
    LIST(integration_groups, "integration_groups");
static const struct ref_list list_integration_statuses =
    LIST(integration_statuses, "integration_statuses");
static const struct ref_list list_integration_review_kinds =
    LIST(integration_review_kinds, "integration_review_kinds");

static const struct ref_list *const all_lists[] = {
	&list_categories,
	&list_legal_statuses,
	&list_regions,
	&list_service_kinds,
	&list_activity_kinds,
	&list_forms,
	&list_functions,
	&list_means,
	&list_sexes,
	&list_relations,
	&list_document_types,
	&list_language_levels,
	&list_consent_purposes,
	&list_child_statuses,
	&list_erasure_reasons,
	&list_case_statuses,
	&list_closing_reasons,
	&list_needs,
	&list_urgency_levels,
	&list_partner_kinds,
	&list_referral_statuses,
	&list_centre_kinds,
	&list_waiting_statuses,
	&list_group_kinds,
	&list_donor_kinds,
	&list_donation_kinds,
	&list_publication_media,
	&list_participant_roles,
	&list_programme_kinds,
	&list_support_kinds,
	&list_resettler_org_kinds,
	&list_org_steps,
	&list_council_kinds,
	&list_decision_statuses,
	&list_proposal_statuses,
	&list_screening_findings,
	&list_screening_results,
	&list_screening_proposals,
	&list_occupations,
	&list_labour_contracts,
	&list_document_holders,
	&list_labour_alert_kinds,
	&list_education_levels,
	&list_skill_kinds,
	&list_vacancy_statuses,
	&list_integration_domains,
	&list_integration_groups,
	&list_integration_statuses,
	&list_integration_review_kinds,
	NULL,
};

/* The ISO 3166-2:KZ letter codes in use until the numeric codes of November 2020 (KZ-AST
 * kept its code when the capital was called Nur-Sultan; KZ-YUZ was renamed Turkistan in 2018
 * and kept its code). A region split in 2022 maps to the part that kept the name: KZ-ALM to
 * Almaty Region, though its old centre Taldykorgan is now Zhetysu's; KZ-VOS to East
 * Kazakhstan (Abai split off); KZ-KAR to Karaganda (Ulytau split off). No earlier numeric
 * code differs from today's, so none is mapped; KZ-BAY (Baikonur, withdrawn in 2002) is
 * not a region. */
static const struct {
	const char *old, *current;
} region_letter_codes[] = {
	{ .old = "KZ-AKM", .current = "KZ-11" }, { .old = "KZ-AKT", .current = "KZ-15" },
	{ .old = "KZ-ALA", .current = "KZ-75" }, { .old = "KZ-ALM", .current = "KZ-19" },
	{ .old = "KZ-AST", .current = "KZ-71" }, { .old = "KZ-ATY", .current = "KZ-23" },
	{ .old = "KZ-KAR", .current = "KZ-35" }, { .old = "KZ-KUS", .current = "KZ-39" },
	{ .old = "KZ-KZY", .current = "KZ-43" }, { .old = "KZ-MAN", .current = "KZ-47" },
	{ .old = "KZ-PAV", .current = "KZ-55" }, { .old = "KZ-SEV", .current = "KZ-59" },
	{ .old = "KZ-SHY", .current = "KZ-79" }, { .old = "KZ-VOS", .current = "KZ-63" },
	{ .old = "KZ-YUZ", .current = "KZ-61" }, { .old = "KZ-ZAP", .current = "KZ-27" },
	{ .old = "KZ-ZHA", .current = "KZ-31" },
};

const struct ref_list *ref_list_find(const char *name)
{
	if (!name)
		return NULL;
	for (size_t i = 0; all_lists[i]; i++)
		if (strcmp(all_lists[i]->name, name) == 0)
			return all_lists[i];
	return NULL;
}

const struct ref_list *const *ref_lists(void)
{
	return all_lists;
}

const struct ref_item *ref_find(const struct ref_list *list, const char *code)
{
	if (!list || !code)
		return NULL;
	for (size_t i = 0; i < list->n; i++)
		if (strcmp(list->items[i].code, code) == 0)
			return &list->items[i];
	return NULL;
}

bool ref_valid(const char *list_name, const char *code)
{
	return ref_find(ref_list_find(list_name), code) != NULL;
}

const char *ref_label(const struct ref_item *item, const char *lang)
{
	if (!item)
		return NULL;
	if (lang && strcmp(lang, "kk") == 0)
		return item->kk;
	if (lang && strcmp(lang, "ru") == 0)
		return item->ru;
	return item->en;
}

const char *ref_region_canonical(const char *code)
{
	char up[8];
	size_t len = 0;

	if (!code)
		return NULL;
	while (len < sizeof(up) && code[len])
		len++;
	if (len < 5 || len > 6)
		return NULL;
	for (size_t i = 0; i < len; i++) {
		char c = code[i];

		up[i] = (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
	}
	up[len] = '\0';
	for (size_t i = 0; i < COUNT(regions); i++)
		if (strcmp(regions[i].code, up) == 0)
			return regions[i].code;
	for (size_t i = 0; i < COUNT(region_letter_codes); i++)
		if (strcmp(region_letter_codes[i].old, up) == 0)
			return region_letter_codes[i].current;
	return NULL;
}

/* ---- ICU countries and languages ---- */

/* ICU's country list holds the 249 ISO 3166-1 codes and four more that are not country
 * codes: DG, EA and IC are "exceptionally reserved" (Diego Garcia, Ceuta and Melilla, the
 * Canary Islands: parts of IO and ES) and XK is a user-assigned code for Kosovo, which
 * Kazakhstan does not recognise. ICU already leaves out the withdrawn codes (SU, YU, CS, AN…). */
static const char *const country_excluded[] = { "DG", "EA", "IC", "XK" };
/* ISO 639-1 codes missing from ICU's list: Tagalog, which CLDR treats as Filipino ("fil"),
 * is a living language of labour migrants and keeps its ISO 639-1 code. */
static const char *const language_added[] = { "tl" };

#define CODE_MAX (26 * 26) /* every possible two-letter code */

struct code_table {
	char codes[CODE_MAX][3];
	size_t n;
};

static struct code_table countries, languages;
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

/* Country names in each interface language and the order of the codes by name, made once:
 * a form with five country lists would otherwise ask ICU over a thousand times. */
#define NAME_LANGS 3
/* Used only inside tables_build, which pthread_once runs on one thread. */
static UCollator *collator_in_use;
#define NAME_MAX_BYTES 96
static const char *const name_langs[NAME_LANGS] = { "kk", "ru", "en" };
static char country_names[NAME_LANGS][CODE_MAX][NAME_MAX_BYTES];
static unsigned short country_order[NAME_LANGS][CODE_MAX];

static bool is_upper2(const char *s)
{
	return s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' && s[2] == '\0';
}

static bool is_lower2(const char *s)
{
	return s[0] >= 'a' && s[0] <= 'z' && s[1] >= 'a' && s[1] <= 'z' && s[2] == '\0';
}

static int code_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

static void table_add(struct code_table *t, const char *code)
{
	if (t->n < CODE_MAX) {
		memcpy(t->codes[t->n], code, 3);
		t->n++;
	}
}

/* Sort and drop duplicates, so that bsearch and the code-order walk are sound whatever
 * order a future ICU returns. */
static void table_finish(struct code_table *t)
{
	size_t out = 0;

	qsort(t->codes, t->n, sizeof(t->codes[0]), code_cmp);
	for (size_t i = 0; i < t->n; i++)
		if (out == 0 || strcmp(t->codes[out - 1], t->codes[i]) != 0)
			memcpy(t->codes[out++], t->codes[i], 3);
	t->n = out;
}

static bool in_list(const char *code, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], code) == 0)
			return true;
	return false;
}

static size_t lang_index(const char *lang)
{
	for (size_t i = 0; lang && i < NAME_LANGS; i++)
		if (strcmp(lang, name_langs[i]) == 0)
			return i;
	return NAME_LANGS - 1; /* English */
}

static const char *name_out(const UChar *u, int32_t ulen, UErrorCode err, const char *code,
			    char *buf, size_t cap);

static int by_name(const void *a, const void *b, void *arg)
{
	const char *const *names = arg;
	const char *x = names[*(const unsigned short *)a], *y = names[*(const unsigned short *)b];
	UErrorCode err = U_ZERO_ERROR;
	return ucol_strcollUTF8(collator_in_use, x, -1, y, -1, &err);
}

static void build_country_names(void)
{
	for (size_t li = 0; li < NAME_LANGS; li++) {
		const char *names[CODE_MAX];
		for (size_t i = 0; i < countries.n; i++) {
			UChar u[128];
			UErrorCode err = U_ZERO_ERROR;
			char loc[4] = { '_', countries.codes[i][0], countries.codes[i][1], '\0' };
			int32_t ulen =
			    uloc_getDisplayCountry(loc, name_langs[li], u, (int32_t)COUNT(u), &err);
			const char *n = name_out(u, ulen, err, countries.codes[i],
						 country_names[li][i], NAME_MAX_BYTES);
			if (n != country_names[li][i])
				memcpy(country_names[li][i], countries.codes[i], 3);
			names[i] = country_names[li][i];
			country_order[li][i] = (unsigned short)i;
		}
		UErrorCode err = U_ZERO_ERROR;
		collator_in_use = ucol_open(name_langs[li], &err);
		if (U_SUCCESS(err))
			qsort_r(country_order[li], countries.n, sizeof(country_order[li][0]),
				by_name, names);
		ucol_close(collator_in_use);
		collator_in_use = NULL;
	}
}

static void tables_build(void)
{
	const char *const *c = uloc_getISOCountries();
	const char *const *l = uloc_getISOLanguages();

	for (size_t i = 0; c && c[i]; i++)
		if (is_upper2(c[i]) && !in_list(c[i], country_excluded, COUNT(country_excluded)))
			table_add(&countries, c[i]);
	table_finish(&countries);

	build_country_names();

	for (size_t i = 0; l && l[i]; i++)
		if (is_lower2(l[i]))
			table_add(&languages, l[i]);
	for (size_t i = 0; i < COUNT(language_added); i++)
		table_add(&languages, language_added[i]);
	table_finish(&languages);
}

static void tables_init(void)
{
	pthread_once(&tables_once, tables_build);
}

static bool table_has(const struct code_table *t, const char *code)
{
	return bsearch(code, t->codes, t->n, sizeof(t->codes[0]), code_cmp) != NULL;
}

/* ICU's display locale for a label language; anything but kk and ru gives English. */
static const char *display_locale(const char *lang)
{
	if (lang && strcmp(lang, "kk") == 0)
		return "kk";
	if (lang && strcmp(lang, "ru") == 0)
		return "ru";
	return "en";
}

/* Convert an ICU display name to UTF-8 in buf. A name that ICU made up from the code
 * (U_USING_DEFAULT_WARNING) or that does not fit gives code, with buf left empty. */
static const char *name_out(const UChar *u, int32_t ulen, UErrorCode err, const char *code,
			    char *buf, size_t cap)
{
	UErrorCode e = U_ZERO_ERROR;
	int32_t len = 0;
	int32_t icap = cap > INT32_MAX ? INT32_MAX : (int32_t)cap;

	if (U_FAILURE(err) || err == U_USING_DEFAULT_WARNING || ulen <= 0) {
		buf[0] = '\0';
		return code;
	}
	u_strToUTF8(buf, icap, &len, u, ulen, &e);
	if (U_FAILURE(e) || len >= icap) {
		buf[0] = '\0';
		return code;
	}
	return buf;
}

bool ref_country_valid(const char *code)
{
	if (!code || !is_upper2(code))
		return false;
	tables_init();
	return table_has(&countries, code);
}

const char *ref_country_name(const char *code, const char *lang, char *buf, size_t cap)
{
	if (!buf || cap == 0)
		return code;
	buf[0] = '\0';
	if (!ref_country_valid(code))
		return code;
	const struct code_table *t = &countries;
	const char(*hit)[3] = bsearch(code, t->codes, t->n, sizeof(t->codes[0]), code_cmp);
	const char *name = country_names[lang_index(display_locale(lang))][hit - t->codes];
	size_t n = strlen(name);
	if (n >= cap)
		return code;
	memcpy(buf, name, n + 1);
	return buf;
}

void ref_countries_by_name(const char *lang, void (*fn)(const char *code, void *arg), void *arg)
{
	if (!fn)
		return;
	tables_init();
	size_t li = lang_index(display_locale(lang));
	for (size_t i = 0; i < countries.n; i++)
		fn(countries.codes[country_order[li][i]], arg);
}

void ref_countries_each(void (*fn)(const char *code, void *arg), void *arg)
{
	if (!fn)
		return;
	tables_init();
	for (size_t i = 0; i < countries.n; i++)
		fn(countries.codes[i], arg);
}

bool ref_language_valid(const char *code)
{
	if (!code || !is_lower2(code))
		return false;
	tables_init();
	return table_has(&languages, code);
}

const char *ref_language_name(const char *code, const char *lang, char *buf, size_t cap)
{
	UChar u[128];
	UErrorCode err = U_ZERO_ERROR;
	int32_t ulen;

	if (!buf || cap == 0)
		return code;
	buf[0] = '\0';
	if (!ref_language_valid(code))
		return code;
	ulen = uloc_getDisplayLanguage(code, display_locale(lang), u, (int32_t)COUNT(u), &err);
	return name_out(u, ulen, err, code, buf, cap);
}
