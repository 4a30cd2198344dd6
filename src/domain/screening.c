/* screening.c: see screening.h. The instruments, their scales, bands and cut-offs are the
 * static tables below (../shared/instruments.md §1–2); the functions only read them. */
#include "domain/screening.h"

#include <string.h>

#include "base/util.h"
#include "domain/validate.h"

#include "base/banned.h"

/* ---- Refugee Health Screener-15 ---------------------------------------------------------- */

/* "Not at all" of how much, apart from the frequency scale's "Not at all" (how often), which
 * Kazakh and Russian say differently. */
static const char *const rhs15_scale[] = {
	N_("Not at all (how much)"), N_("A little bit"), N_("Moderately"),
	N_("Quite a bit"),           N_("Extremely"),
};

/* Item 14's own answers. */
static const char *const rhs15_coping_scale[] = {
	N_("able to handle (cope with) anything that comes your way"),
	N_("able to handle most things"),
	N_("able to handle some things, but not others"),
	N_("unable to cope with most things"),
	N_("unable to cope with anything"),
};

/* Items 1–9 symptoms, 10–13 since the worst event, 14 coping (0 able to handle anything .. 4
 * unable to cope with anything), 15 the Distress Thermometer (0..10). */
static const struct screen_item rhs15_items[] = {
	{ "1", N_("Muscle, bone, joint pains"), 4, 0, 0, false, NULL },
	{ "2", N_("Feeling down, sad, or blue most of the time"), 4, 0, 0, false, NULL },
	{ "3", N_("Too much thinking or too many thoughts"), 4, 0, 0, false, NULL },
	{ "4", N_("Feeling helpless"), 4, 0, 0, false, NULL },
	{ "5", N_("Suddenly scared for no reason"), 4, 0, 0, false, NULL },
	{ "6", N_("Faintness, dizziness, or weakness"), 4, 0, 0, false, NULL },
	{ "7", N_("Nervousness or shakiness inside"), 4, 0, 0, false, NULL },
	{ "8", N_("Feeling restless, can't sit still"), 4, 0, 0, false, NULL },
	{ "9", N_("Crying easily"), 4, 0, 0, false, NULL },
	{ "10", N_("Reliving the trauma; acting or feeling as if it were happening again"), 4, 0, 0,
	  false, NULL },
	{ "11",
	  N_("Having physical reactions (for example, break out in a sweat, heart beats fast) when "
	     "reminded of the trauma"),
	  4, 0, 0, false, NULL },
	{ "12",
	  N_("Feeling emotionally numb (for example, feel sad but can't cry, unable to have loving "
	     "feelings)"),
	  4, 0, 0, false, NULL },
	{ "13", N_("Being jumpy, easily startled"), 4, 0, 0, false, NULL },
	{ "14", N_("Generally over your life, do you feel that you are:"), 4, 0, 0, false,
	  rhs15_coping_scale },
	{ "15",
	  N_("Distress thermometer: the number from 0 (no distress, things are good) to 10 "
	     "(extreme distress, I feel as bad as I ever have) that best describes how much "
	     "distress you have been experiencing in the past week, including today"),
	  10, 0, 0, false, NULL },
};

/* The published cut-offs (Hollifield et al. 2013). */
static const struct {
	int sum_items;        /* the sum is of items 1..sum_items */
	int sum_from;         /* positive at this sum or more */
	int thermometer_item; /* 1-based */
	int thermometer_from; /* positive at this rating or more */
	int short_items;      /* RHS-13: items 1..short_items */
	int short_from;       /* RHS-13 positive at this sum or more */
} rhs15_rule = { 14, 12, 15, 5, 13, 11 };

/* ---- PHQ-9 and GAD-7 ---------------------------------------------------------------------- */

static const char *const frequency_scale[] = {
	N_("Not at all"),
	N_("Several days"),
	N_("More than half the days"),
	N_("Nearly every day"),
};

static const struct screen_item phq9_items[] = {
	{ "1", N_("Little interest or pleasure in doing things"), 3, 0, 0, false, NULL },
	{ "2", N_("Feeling down, depressed, or hopeless"), 3, 0, 0, false, NULL },
	{ "3", N_("Trouble falling or staying asleep, or sleeping too much"), 3, 0, 0, false,
	  NULL },
	{ "4", N_("Feeling tired or having little energy"), 3, 0, 0, false, NULL },
	{ "5", N_("Poor appetite or overeating"), 3, 0, 0, false, NULL },
	{ "6",
	  N_("Feeling bad about yourself, or that you are a failure or have let yourself or your "
	     "family down"),
	  3, 0, 0, false, NULL },
	{ "7",
	  N_("Trouble concentrating on things, such as reading the newspaper or watching "
	     "television"),
	  3, 0, 0, false, NULL },
	{ "8",
	  N_("Moving or speaking so slowly that other people could have noticed? Or the opposite: "
	     "being so fidgety or restless that you have been moving around a lot more than usual"),
	  3, 0, 0, false, NULL },
	{ "9", N_("Thoughts that you would be better off dead or of hurting yourself in some way"),
	  3, 0, 0, false, NULL },
};

static const struct screen_item gad7_items[] = {
	{ "1", N_("Feeling nervous, anxious, or on edge"), 3, 0, 0, false, NULL },
	{ "2", N_("Not being able to stop or control worrying"), 3, 0, 0, false, NULL },
	{ "3", N_("Worrying too much about different things"), 3, 0, 0, false, NULL },
	{ "4", N_("Trouble relaxing"), 3, 0, 0, false, NULL },
	{ "5", N_("Being so restless that it is hard to sit still"), 3, 0, 0, false, NULL },
	{ "6", N_("Becoming easily annoyed or irritable"), 3, 0, 0, false, NULL },
	{ "7", N_("Feeling afraid as if something awful might happen"), 3, 0, 0, false, NULL },
};

/* A band of a total: from this score up to the next band's. */
struct band {
	int from;
	const char *code;
};

static const struct band phq9_bands[] = {
	{ 0, "minimal" }, { 5, "mild" }, { 10, "moderate" }, { 15, "moderately_severe" },
	{ 20, "severe" },
};

static const struct band gad7_bands[] = {
	{ 0, "minimal" },
	{ 5, "mild" },
	{ 10, "moderate" },
	{ 15, "severe" },
};

/* Instruments scored by their total: bands, the positive cut-off, an item that raises an
 * alert whatever the total. */
static const struct total_rule {
	const char *instrument;
	const struct band *bands;
	size_t nbands;
	int positive_from;  /* positive at this total or more */
	const char *reason; /* the reason of a positive total */
	int alert_item;     /* 1-based; 0 none: any answer above 0 raises the alert */
	const char *alert;
} total_rules[] = {
	{ "phq9", phq9_bands, ARRAY_SIZE(phq9_bands), 10, "total_10_or_more", 9, "phq9_item9" },
	{ "gad7", gad7_bands, ARRAY_SIZE(gad7_bands), 10, "total_10_or_more", 0, NULL },
};

/* ---- SDQ ----------------------------------------------------------------------------------- */

/* The answers as ticked on the paper form; the reversed items are turned round in scoring. */
static const char *const sdq_scale[] = {
	N_("Not true"),
	N_("Somewhat true"),
	N_("Certainly true"),
};

static const struct screen_group sdq_groups[] = {
	{ "emotional", N_("Emotional symptoms") },
	{ "conduct", N_("Conduct problems") },
	{ "hyperactivity", N_("Hyperactivity/inattention") },
	{ "peer_problems", N_("Peer relationship problems") },
	{ "prosocial", N_("Prosocial behaviour") },
};
/* Which subscales make the total difficulties score: all but the prosocial. */
static const bool sdq_in_total[ARRAY_SIZE(sdq_groups)] = { true, true, true, true, false };

/* The wording is youthinmind's and may not be put in electronic forms without permission:
 * the worker enters the scores from the paper form, so no item has a text. */
static const struct screen_item sdq_items[] = {
	{ "1", NULL, 2, 5, 0, false, NULL },  { "2", NULL, 2, 3, 0, false, NULL },
	{ "3", NULL, 2, 1, 0, false, NULL },  { "4", NULL, 2, 5, 0, false, NULL },
	{ "5", NULL, 2, 2, 0, false, NULL },  { "6", NULL, 2, 4, 0, false, NULL },
	{ "7", NULL, 2, 2, 0, true, NULL },   { "8", NULL, 2, 1, 0, false, NULL },
	{ "9", NULL, 2, 5, 0, false, NULL },  { "10", NULL, 2, 3, 0, false, NULL },
	{ "11", NULL, 2, 4, 0, true, NULL },  { "12", NULL, 2, 2, 0, false, NULL },
	{ "13", NULL, 2, 1, 0, false, NULL }, { "14", NULL, 2, 4, 0, true, NULL },
	{ "15", NULL, 2, 3, 0, false, NULL }, { "16", NULL, 2, 1, 0, false, NULL },
	{ "17", NULL, 2, 5, 0, false, NULL }, { "18", NULL, 2, 2, 0, false, NULL },
	{ "19", NULL, 2, 4, 0, false, NULL }, { "20", NULL, 2, 5, 0, false, NULL },
	{ "21", NULL, 2, 3, 0, true, NULL },  { "22", NULL, 2, 2, 0, false, NULL },
	{ "23", NULL, 2, 4, 0, false, NULL }, { "24", NULL, 2, 1, 0, false, NULL },
	{ "25", NULL, 2, 3, 0, true, NULL },
};

static const struct sdq_norm sdq_norms[] = {
	{ "parent",
	  "uk",
	  N_("UK parent report"),
	  3,
	  { 0, 14, 17 },
	  { "normal", "borderline", "abnormal" } },
	{ "teacher",
	  "uk",
	  N_("UK teacher report"),
	  4,
	  { 0, 12, 16, 19 },
	  { "close_to_average", "slightly_raised", "high", "very_high" } },
	{ "parent",
	  "mn",
	  N_("Mongolian parent norm"),
	  3,
	  { 0, 17, 20 },
	  { "normal", "borderline", "abnormal" } },
};

/* The bands that make an SDQ positive: "abnormal" of the three-band sets and both "high" and
 * "very_high" of the four-band ones (together about the top 10% of the reference population,
 * as "abnormal" is); "borderline" and "slightly_raised" are not. */
static const char *const sdq_positive_bands[] = { "abnormal", "high", "very_high" };

/* ---- ILO indicators of forced labour (2012) ------------------------------------------------ */

static const struct screen_item ilo_fl_items[] = {
	{ "abuse_of_vulnerability", N_("Abuse of vulnerability"), 0, 0, 0, false, NULL },
	{ "deception", N_("Deception"), 0, 0, 0, false, NULL },
	{ "restriction_of_movement", N_("Restriction of movement"), 0, 0, 0, false, NULL },
	{ "isolation", N_("Isolation"), 0, 0, 0, false, NULL },
	{ "physical_and_sexual_violence", N_("Physical and sexual violence"), 0, 0, 0, false,
	  NULL },
	{ "intimidation_and_threats", N_("Intimidation and threats"), 0, 0, 0, false, NULL },
	{ "retention_of_identity_documents", N_("Retention of identity documents"), 0, 0, 0, false,
	  NULL },
	{ "withholding_of_wages", N_("Withholding of wages"), 0, 0, 0, false, NULL },
	{ "debt_bondage", N_("Debt bondage"), 0, 0, 0, false, NULL },
	{ "abusive_working_and_living_conditions", N_("Abusive working and living conditions"), 0,
	  0, 0, false, NULL },
	{ "excessive_overtime", N_("Excessive overtime"), 0, 0, 0, false, NULL },
};

/* ---- ILO–EC operational indicators of trafficking (2009) ----------------------------------- */

/* The six dimensions of the list for adults trafficked for labour exploitation. */
static const struct screen_group ilo_ec_groups[] = {
	{ "deceptive_recruitment", N_("Deceptive recruitment") },
	{ "coercive_recruitment", N_("Coercive recruitment") },
	{ "recruitment_abuse_of_vulnerability", N_("Recruitment by abuse of vulnerability") },
	{ "exploitative_conditions", N_("Exploitative conditions of work") },
	{ "coercion_at_destination", N_("Coercion at destination") },
	{ "abuse_of_vulnerability_at_destination", N_("Abuse of vulnerability at destination") },
};

/* The element of the definition of trafficking each dimension stands for. */
enum ec_element { EC_RECRUITMENT_MEANS, EC_EXPLOITATION, EC_DESTINATION_MEANS };
static const enum ec_element ilo_ec_element[ARRAY_SIZE(ilo_ec_groups)] = {
	EC_RECRUITMENT_MEANS, EC_RECRUITMENT_MEANS, EC_RECRUITMENT_MEANS,
	EC_EXPLOITATION,      EC_DESTINATION_MEANS, EC_DESTINATION_MEANS,
};

/* Operational indicators of trafficking in human beings (ILO and European Commission, March
 * 2009, revised September 2009), the list "adults, labour exploitation", in the published
 * order: within each dimension the strong indicators, then the medium, then the weak. Codes
 * carry the dimension's prefix (dr, cr, rv, ec, cd, vd) so that an indicator listed under two
 * dimensions ("Debt bondage", "Economic reasons") has a code for each.
 *
 * The grades follow a published cross-walk of the brochure's table (WCMS_105023), read
 * against the brochure by a second engineer: under recruitment by abuse of vulnerability,
 * "Difficulties in the past" and "Difficulty to organise the travel" are weak (the cross-walk
 * had them medium), which makes that dimension 12 medium and 4 weak. They agree with
 * instruments.md's examples and the published counts per dimension. A correction of a grade
 * is a new version of the instrument. */
static const struct screen_item ilo_ec_items[] = {
	/* 1. Deceptive recruitment (incl. transport and transfer): 10. */
	{ "dr_nature_of_job", N_("Deceived about the nature of the job, location or employer"), 0,
	  1, 's', false, NULL },
	{ "dr_conditions_of_work", N_("Deceived about conditions of work"), 0, 1, 'm', false,
	  NULL },
	{ "dr_work_contract", N_("Deceived about content or legality of work contract"), 0, 1, 'm',
	  false, NULL },
	{ "dr_family_reunification", N_("Deceived about family reunification"), 0, 1, 'm', false,
	  NULL },
	{ "dr_housing", N_("Deceived about housing and living conditions"), 0, 1, 'm', false,
	  NULL },
	{ "dr_legal_documentation",
	  N_("Deceived about legal documentation or obtaining legal migrant status"), 0, 1, 'm',
	  false, NULL },
	{ "dr_travel_recruitment", N_("Deceived about travel and recruitment conditions"), 0, 1,
	  'm', false, NULL },
	{ "dr_wages", N_("Deceived about wages/earnings"), 0, 1, 'm', false, NULL },
	{ "dr_marriage_adoption", N_("Deceived through promises of marriage or adoption"), 0, 1,
	  'm', false, NULL },
	{ "dr_education", N_("Deceived about access to education opportunities"), 0, 1, 'w', false,
	  NULL },
	/* 2. Coercive recruitment: 10. */
	{ "cr_violence", N_("Violence on victims"), 0, 2, 's', false, NULL },
	{ "cr_abduction", N_("Abduction, forced marriage, forced adoption or selling of victim"), 0,
	  2, 'm', false, NULL },
	{ "cr_confiscation_of_documents", N_("Confiscation of documents"), 0, 2, 'm', false, NULL },
	{ "cr_debt_bondage", N_("Debt bondage"), 0, 2, 'm', false, NULL },
	{ "cr_isolation", N_("Isolation, confinement or surveillance"), 0, 2, 'm', false, NULL },
	{ "cr_threat_of_denunciation", N_("Threat of denunciation to authorities"), 0, 2, 'm',
	  false, NULL },
	{ "cr_threat_of_violence", N_("Threat of violence against victim"), 0, 2, 'm', false,
	  NULL },
	{ "cr_threat_to_inform", N_("Threat to inform family, community or public"), 0, 2, 'm',
	  false, NULL },
	{ "cr_violence_on_family", N_("Violence on family (threats or effective)"), 0, 2, 'm',
	  false, NULL },
	{ "cr_withholding_of_money", N_("Withholding of money"), 0, 2, 'm', false, NULL },
	/* 3. Recruitment by abuse of vulnerability: 16, none strong. */
	{ "rv_difficult_family_situation", N_("Abuse of difficult family situation"), 0, 3, 'm',
	  false, NULL },
	{ "rv_illegal_status", N_("Abuse of illegal status"), 0, 3, 'm', false, NULL },
	{ "rv_lack_of_education", N_("Abuse of lack of education (language)"), 0, 3, 'm', false,
	  NULL },
	{ "rv_lack_of_information", N_("Abuse of lack of information"), 0, 3, 'm', false, NULL },
	{ "rv_control_of_exploiters", N_("Control of exploiters"), 0, 3, 'm', false, NULL },
	{ "rv_economic_reasons", N_("Economic reasons"), 0, 3, 'm', false, NULL },
	{ "rv_false_information_law", N_("False information about law, attitude of authorities"), 0,
	  3, 'm', false, NULL },
	{ "rv_false_information_migration", N_("False information about successful migration"), 0,
	  3, 'm', false, NULL },
	{ "rv_family_situation", N_("Family situation"), 0, 3, 'm', false, NULL },
	{ "rv_personal_situation", N_("Personal situation"), 0, 3, 'm', false, NULL },
	{ "rv_emotional_dependency", N_("Psychological and emotional dependency"), 0, 3, 'm', false,
	  NULL },
	{ "rv_relationship_with_authorities", N_("Relationship with authorities/legal status"), 0,
	  3, 'm', false, NULL },
	{ "rv_difficulties_in_the_past", N_("Difficulties in the past"), 0, 3, 'w', false, NULL },
	{ "rv_difficulty_to_travel", N_("Difficulty to organise the travel"), 0, 3, 'w', false,
	  NULL },
	{ "rv_cultural_beliefs", N_("Abuse of cultural/religious beliefs"), 0, 3, 'w', false,
	  NULL },
	{ "rv_general_context", N_("General context"), 0, 3, 'w', false, NULL },
	/* 4. Exploitative conditions of work: 9. */
	{ "ec_excessive_hours", N_("Excessive working days or hours"), 0, 4, 's', false, NULL },
	{ "ec_bad_living_conditions", N_("Bad living conditions"), 0, 4, 'm', false, NULL },
	{ "ec_hazardous_work", N_("Hazardous work"), 0, 4, 'm', false, NULL },
	{ "ec_low_or_no_salary", N_("Low or no salary"), 0, 4, 'm', false, NULL },
	{ "ec_no_respect_of_labour_laws", N_("No respect of labour laws or contract signed"), 0, 4,
	  'm', false, NULL },
	{ "ec_no_social_protection", N_("No social protection (contract, social insurance, etc.)"),
	  0, 4, 'm', false, NULL },
	{ "ec_very_bad_working_conditions", N_("Very bad working conditions"), 0, 4, 'm', false,
	  NULL },
	{ "ec_wage_manipulation", N_("Wage manipulation"), 0, 4, 'm', false, NULL },
	{ "ec_no_access_to_education", N_("No access to education"), 0, 4, 'w', false, NULL },
	/* 5. Coercion at destination: 15. */
	{ "cd_confiscation_of_documents", N_("Confiscation of documents"), 0, 5, 's', false, NULL },
	{ "cd_debt_bondage", N_("Debt bondage"), 0, 5, 's', false, NULL },
	{ "cd_isolation", N_("Isolation, confinement or surveillance"), 0, 5, 's', false, NULL },
	{ "cd_violence", N_("Violence on victims"), 0, 5, 's', false, NULL },
	{ "cd_illicit_activities", N_("Forced into illicit/criminal activities"), 0, 5, 'm', false,
	  NULL },
	{ "cd_forced_tasks", N_("Forced tasks or clients"), 0, 5, 'm', false, NULL },
	{ "cd_act_against_peers", N_("Forced to act against peers"), 0, 5, 'm', false, NULL },
	{ "cd_lie_to_authorities", N_("Forced to lie to authorities, family, etc."), 0, 5, 'm',
	  false, NULL },
	{ "cd_threat_of_denunciation", N_("Threat of denunciation to authorities"), 0, 5, 'm',
	  false, NULL },
	{ "cd_threat_of_worse_conditions", N_("Threat to impose even worse working conditions"), 0,
	  5, 'm', false, NULL },
	{ "cd_threat_of_violence", N_("Threats of violence against victim"), 0, 5, 'm', false,
	  NULL },
	{ "cd_strong_influence", N_("Under strong influence"), 0, 5, 'm', false, NULL },
	{ "cd_violence_on_family", N_("Violence on family (threats or effective)"), 0, 5, 'm',
	  false, NULL },
	{ "cd_withholding_of_wages", N_("Withholding of wages"), 0, 5, 'm', false, NULL },
	{ "cd_threat_to_inform", N_("Threats to inform family, community or public"), 0, 5, 'w',
	  false, NULL },
	/* 6. Abuse of vulnerability at destination: 7, none strong. */
	{ "vd_dependency_on_exploiters", N_("Dependency on exploiters"), 0, 6, 'm', false, NULL },
	{ "vd_unknown_area", N_("Difficulty to live in an unknown area"), 0, 6, 'm', false, NULL },
	{ "vd_economic_reasons", N_("Economic reasons"), 0, 6, 'm', false, NULL },
	{ "vd_family_situation", N_("Family situation"), 0, 6, 'm', false, NULL },
	{ "vd_relationship_with_authorities", N_("Relationship with authorities/legal status"), 0,
	  6, 'm', false, NULL },
	{ "vd_difficulties_in_the_past", N_("Difficulties in the past"), 0, 6, 'w', false, NULL },
	{ "vd_personal_characteristics", N_("Personal characteristics"), 0, 6, 'w', false, NULL },
};

/* A dimension is positive when its counts of strong, medium and weak indicators found reach
 * one of these: two strong; one strong and one medium or weak; three medium; two medium and
 * one weak. */
static const struct {
	int strong, medium, weak;
} ilo_ec_dimension_rule[] = {
	{ 2, 0, 0 }, { 1, 1, 0 }, { 1, 0, 1 }, { 0, 3, 0 }, { 0, 2, 1 },
};

/* ---- The instruments ----------------------------------------------------------------------- */

static const struct instrument instruments[] = {
	{
	    .code = "rhs15",
	    .version = "rhs15-2013",
	    .name = N_("Refugee Health Screener-15 (RHS-15)"),
	    .intro = N_("Using the scale beside each symptom, please indicate how much it has "
			"bothered you over the past month. For items 10 to 13, think of the worst "
			"event that has happened to you."),
	    .source = "Hollifield M et al., The Refugee Health Screener-15 (RHS-15), General "
		      "Hospital Psychiatry 35(2), 2013; Pathways to Wellness, Seattle",
	    .kind = SCREEN_SCORED,
	    .items = rhs15_items,
	    .nitems = ARRAY_SIZE(rhs15_items),
	    .scale = rhs15_scale,
	    .scale_max = 4,
	    .mental = true,
	},
	{
	    .code = "phq9",
	    .version = "phq9-2001",
	    .name = N_("Patient Health Questionnaire-9 (PHQ-9)"),
	    .intro = N_("Over the last 2 weeks, how often have you been bothered by any of the "
			"following problems?"),
	    .source = "Kroenke K, Spitzer RL, Williams JBW, The PHQ-9, Journal of General Internal "
		      "Medicine 16(9), 2001; Pfizer, free to reproduce",
	    .kind = SCREEN_SCORED,
	    .items = phq9_items,
	    .nitems = ARRAY_SIZE(phq9_items),
	    .scale = frequency_scale,
	    .scale_max = 3,
	    .mental = true,
	},
	{
	    .code = "gad7",
	    .version = "gad7-2006",
	    .name = N_("Generalized Anxiety Disorder-7 (GAD-7)"),
	    .intro = N_("Over the last 2 weeks, how often have you been bothered by the following "
			"problems?"),
	    .source = "Spitzer RL, Kroenke K, Williams JBW, Löwe B, A brief measure for assessing "
		      "generalized anxiety disorder: the GAD-7, Archives of Internal Medicine "
		      "166(10), 2006; Pfizer, free to reproduce",
	    .kind = SCREEN_SCORED,
	    .items = gad7_items,
	    .nitems = ARRAY_SIZE(gad7_items),
	    .scale = frequency_scale,
	    .scale_max = 3,
	    .mental = true,
	},
	{
	    .code = "sdq",
	    .version = "sdq-goodman",
	    .name = N_("Strengths and Difficulties Questionnaire (SDQ)"),
	    .intro = N_("Enter each answer as it was ticked on the paper form (the child's "
			"behaviour over the last six months). The reverse-scored items are "
			"turned round when the form is scored."),
	    .source = "Goodman R, The Strengths and Difficulties Questionnaire, Journal of Child "
		      "Psychology and Psychiatry 38, 1997; youthinmind, sdqinfo.org (the wording "
		      "is not reproduced)",
	    .kind = SCREEN_SCORED,
	    .items = sdq_items,
	    .nitems = ARRAY_SIZE(sdq_items),
	    .groups = sdq_groups,
	    .ngroups = ARRAY_SIZE(sdq_groups),
	    .scale = sdq_scale,
	    .scale_max = 2,
	    .mental = true,
	    .informant = true,
	},
	{
	    .code = "ilo_forced_labour",
	    .version = "ilo-fl-2012",
	    .name = N_("ILO indicators of forced labour"),
	    .intro = N_("Mark each indicator that the person described or that you observed. There "
			"is no cut-off: a single indicator may point to forced labour, or several "
			"together; assess the whole situation."),
	    .source = "ILO Special Action Programme to Combat Forced Labour, ILO Indicators of "
		      "Forced Labour, Geneva 2012",
	    .kind = SCREEN_CHECKLIST,
	    .items = ilo_fl_items,
	    .nitems = ARRAY_SIZE(ilo_fl_items),
	    .finding = true,
	},
	{
	    .code = "ilo_ec_trafficking",
	    .version = "ilo-ec-2009",
	    .name = N_("ILO–EC operational indicators of trafficking (adults, labour "
		       "exploitation)"),
	    .intro = N_("Mark each indicator found in the person's account or in the evidence. A "
			"dimension is met with two strong indicators, one strong and one medium or "
			"weak, three medium, or two medium and one weak."),
	    .source = "ILO and European Commission, Operational indicators of trafficking in human "
		      "beings: results from a Delphi survey, March 2009, revised September 2009; "
		      "indicators of trafficking of adults for labour exploitation",
	    .kind = SCREEN_CHECKLIST,
	    .items = ilo_ec_items,
	    .nitems = ARRAY_SIZE(ilo_ec_items),
	    .groups = ilo_ec_groups,
	    .ngroups = ARRAY_SIZE(ilo_ec_groups),
	    .finding = true,
	},
};

size_t instrument_count(void)
{
	return ARRAY_SIZE(instruments);
}

const struct instrument *instrument_at(size_t i)
{
	return i < ARRAY_SIZE(instruments) ? &instruments[i] : NULL;
}

const struct instrument *instrument_find(const char *code)
{
	for (size_t i = 0; code && i < ARRAY_SIZE(instruments); i++)
		if (strcmp(instruments[i].code, code) == 0)
			return &instruments[i];
	return NULL;
}

size_t sdq_norm_count(void)
{
	return ARRAY_SIZE(sdq_norms);
}

const struct sdq_norm *sdq_norm_at(size_t i)
{
	return i < ARRAY_SIZE(sdq_norms) ? &sdq_norms[i] : NULL;
}

const struct sdq_norm *sdq_norm_find(const char *informant, const char *norm)
{
	for (size_t i = 0; informant && norm && i < ARRAY_SIZE(sdq_norms); i++)
		if (strcmp(sdq_norms[i].informant, informant) == 0 &&
		    strcmp(sdq_norms[i].norm, norm) == 0)
			return &sdq_norms[i];
	return NULL;
}

/* The index of an item by its code, or -1. */
static int item_index(const struct instrument *in, const char *code)
{
	for (size_t i = 0; code && i < in->nitems; i++)
		if (strcmp(in->items[i].code, code) == 0)
			return (int)i;
	return -1;
}

static void validate_scored(struct arena *a, const struct instrument *in,
			    struct screen_answers *ans, struct field_errors *errs)
{
	if (ans->nscores < in->nitems)
		field_error_add(errs, "answers", N_("Answer every item."));
	else if (ans->nscores > in->nitems)
		field_error_add(errs, "answers", N_("Too many answers."));
	size_t n = ans->nscores < in->nitems ? ans->nscores : in->nitems;
	for (size_t i = 0; i < n && i < SCREEN_ITEMS_MAX; i++)
		if (ans->scores[i] < 0 || ans->scores[i] > in->items[i].max)
			field_error_add(errs, arena_printf(a, "answers.%zu", i + 1),
					N_("Out of range for this item."));
	if (in->informant) {
		ans->informant = val_trim(a, ans->informant);
		ans->norm = val_trim(a, ans->norm);
		if (!sdq_norm_find(ans->informant, ans->norm)) {
			field_error_add(errs, "informant",
					N_("Choose who answered and the norms."));
			field_error_add(errs, "norm", N_("Choose who answered and the norms."));
		}
	}
}

static void validate_checklist(struct arena *a, const struct instrument *in,
			       struct screen_answers *ans, struct field_errors *errs)
{
	bool found[SCREEN_ITEMS_MAX] = { false };
	bool unknown = false;
	size_t n = ans->ncodes < SCREEN_ITEMS_MAX ? ans->ncodes : SCREEN_ITEMS_MAX;
	for (size_t i = 0; i < n; i++) {
		const char *code = val_trim(a, ans->codes[i]);
		if (!code)
			continue; /* an empty field of the form */
		int k = item_index(in, code);
		if (k < 0)
			unknown = true;
		else
			found[k] = true;
	}
	if (ans->ncodes > SCREEN_ITEMS_MAX)
		field_error_add(errs, "answers", N_("Too many answers."));
	else if (unknown)
		field_error_add(errs, "answers", N_("Unknown indicator."));
	if (unknown || ans->ncodes > SCREEN_ITEMS_MAX)
		return; /* what was sent stays, to be shown again */
	/* In the instrument's order, once each; the static codes stand for the caller's. */
	ans->ncodes = 0;
	for (size_t k = 0; k < in->nitems; k++)
		if (found[k])
			ans->codes[ans->ncodes++] = in->items[k].code;
}

int screening_validate(struct arena *a, const struct instrument *in, struct screen_answers *ans,
		       struct field_errors *errs)
{
	size_t before = errs->n;
	if (in->kind == SCREEN_SCORED)
		validate_scored(a, in, ans, errs);
	else
		validate_checklist(a, in, ans, errs);
	return errs->n > before ? K_EINVAL : 0;
}

static void add_reason(struct screen_result *out, const char *code)
{
	if (out->nreasons < SCREEN_REASONS_MAX)
		out->reasons[out->nreasons++] = code;
}

static void add_alert(struct screen_result *out, const char *code)
{
	if (out->nalerts < SCREEN_ALERTS_MAX)
		out->alerts[out->nalerts++] = code;
}

/* The sum of the scores of items first..last (1-based). */
static int sum_items(const struct screen_answers *ans, int first, int last)
{
	int sum = 0;
	for (int i = first; i <= last && (size_t)i <= ans->nscores; i++)
		sum += ans->scores[i - 1];
	return sum;
}

static void score_rhs15(const struct screen_answers *ans, struct screen_result *out)
{
	out->total = sum_items(ans, 1, rhs15_rule.sum_items);
	int thermometer = sum_items(ans, rhs15_rule.thermometer_item, rhs15_rule.thermometer_item);
	if (out->total >= rhs15_rule.sum_from)
		add_reason(out, "rhs15_sum");
	if (thermometer >= rhs15_rule.thermometer_from)
		add_reason(out, "rhs15_thermometer");
	out->positive = out->nreasons > 0;
	out->conclusion = sum_items(ans, 1, rhs15_rule.short_items) >= rhs15_rule.short_from
			      ? "rhs13_positive"
			      : "rhs13_negative";
}

static const char *band_of(const struct band *bands, size_t n, int total)
{
	const char *code = NULL;
	for (size_t i = 0; i < n; i++)
		if (total >= bands[i].from)
			code = bands[i].code;
	return code;
}

static void score_total(const struct total_rule *rule, const struct instrument *in,
			const struct screen_answers *ans, struct screen_result *out)
{
	out->total = sum_items(ans, 1, (int)in->nitems);
	out->band = band_of(rule->bands, rule->nbands, out->total);
	out->positive = out->total >= rule->positive_from;
	if (out->positive)
		add_reason(out, rule->reason);
	if (rule->alert_item > 0 && sum_items(ans, rule->alert_item, rule->alert_item) > 0)
		add_alert(out, rule->alert);
}

static void score_sdq(const struct instrument *in, const struct screen_answers *ans,
		      struct screen_result *out)
{
	for (size_t i = 0; i < in->nitems && i < ans->nscores; i++) {
		const struct screen_item *it = &in->items[i];
		int score = it->reversed ? it->max - ans->scores[i] : ans->scores[i];
		if (it->group > 0 && (size_t)it->group <= in->ngroups)
			out->groups[it->group - 1] += score;
	}
	out->total = 0;
	for (size_t g = 0; g < in->ngroups; g++)
		if (sdq_in_total[g])
			out->total += out->groups[g];
	const struct sdq_norm *norm = sdq_norm_find(ans->informant, ans->norm);
	if (!norm)
		return; /* not validated: no band, positive stays -1 */
	for (int b = 0; b < norm->nbands; b++)
		if (out->total >= norm->from[b])
			out->band = norm->band[b];
	out->positive = 0;
	for (size_t i = 0; out->band && i < ARRAY_SIZE(sdq_positive_bands); i++)
		if (strcmp(out->band, sdq_positive_bands[i]) == 0)
			out->positive = 1;
	if (out->band)
		add_reason(out, out->band);
}

static bool answered(const struct screen_answers *ans, const char *code)
{
	for (size_t i = 0; i < ans->ncodes; i++)
		if (ans->codes[i] && strcmp(ans->codes[i], code) == 0)
			return true;
	return false;
}

/* The ILO sets no cut-off: the indicators found, in the instrument's order. */
static void score_forced_labour(const struct instrument *in, const struct screen_answers *ans,
				struct screen_result *out)
{
	for (size_t i = 0; i < in->nitems; i++)
		if (answered(ans, in->items[i].code))
			add_reason(out, in->items[i].code);
}

static bool ilo_ec_dimension_met(int strong, int medium, int weak)
{
	for (size_t i = 0; i < ARRAY_SIZE(ilo_ec_dimension_rule); i++)
		if (strong >= ilo_ec_dimension_rule[i].strong &&
		    medium >= ilo_ec_dimension_rule[i].medium &&
		    weak >= ilo_ec_dimension_rule[i].weak)
			return true;
	return false;
}

/* The definition of trafficking for labour exploitation, for an adult: a positive recruitment
 * dimension (deceptive, coercive or by abuse of vulnerability) AND exploitative conditions AND
 * a positive means at destination (coercion or abuse of vulnerability). For a child the means
 * are not required (Palermo Protocol art. 3(c)): the act (recruitment, transport, transfer,
 * harbouring or receipt) with the purpose of exploitation suffices. This list has no dimension
 * for the act alone, so for a child the exploitative conditions dimension decides, and the
 * worker's finding confirms that the child was recruited, moved or received into the work:
 * that reading is Komek's, not the ILO's. Exploitation without the rest: an exploited worker,
 * a labour-rights case. */
static void score_trafficking(const struct instrument *in, const struct screen_answers *ans,
			      struct screen_result *out)
{
	int count[SCREEN_GROUPS_MAX][3] = { { 0 } }; /* strong, medium, weak */
	for (size_t i = 0; i < in->nitems; i++) {
		const struct screen_item *it = &in->items[i];
		if (it->group < 1 || it->group > SCREEN_GROUPS_MAX || !answered(ans, it->code))
			continue;
		int grade = it->grade == 's' ? 0 : it->grade == 'm' ? 1 : it->grade == 'w' ? 2 : -1;
		if (grade >= 0)
			count[it->group - 1][grade]++;
	}
	bool element[3] = { false, false, false };
	for (size_t g = 0; g < in->ngroups && g < SCREEN_GROUPS_MAX; g++) {
		out->groups[g] = ilo_ec_dimension_met(count[g][0], count[g][1], count[g][2]);
		if (out->groups[g]) {
			add_reason(out, in->groups[g].code);
			element[ilo_ec_element[g]] = true;
		}
	}
	bool trafficking = ans->child ? element[EC_EXPLOITATION]
				      : element[EC_RECRUITMENT_MEANS] && element[EC_EXPLOITATION] &&
					    element[EC_DESTINATION_MEANS];
	out->positive = trafficking;
	out->conclusion = trafficking                ? "trafficking"
			  : element[EC_EXPLOITATION] ? "exploited_worker"
						     : "not_met";
}

void screening_score(const struct instrument *in, const struct screen_answers *ans,
		     struct screen_result *out)
{
	*out = (struct screen_result){ .total = -1, .positive = -1 };
	if (strcmp(in->code, "rhs15") == 0) {
		score_rhs15(ans, out);
	} else if (strcmp(in->code, "sdq") == 0) {
		score_sdq(in, ans, out);
	} else if (strcmp(in->code, "ilo_forced_labour") == 0) {
		score_forced_labour(in, ans, out);
	} else if (strcmp(in->code, "ilo_ec_trafficking") == 0) {
		score_trafficking(in, ans, out);
	} else {
		for (size_t i = 0; i < ARRAY_SIZE(total_rules); i++)
			if (strcmp(in->code, total_rules[i].instrument) == 0)
				score_total(&total_rules[i], in, ans, out);
	}
}

bool screening_finding_valid(const char *code)
{
	static const char *const findings[] = { "likely", "unlikely", "unclear" };
	for (size_t i = 0; code && i < ARRAY_SIZE(findings); i++)
		if (strcmp(findings[i], code) == 0)
			return true;
	return false;
}

/* The protection pathway a likely case of forced labour or trafficking opens, in order. */
static const char *const protection_pathway[] = {
	"restrict_record", "accommodation", "social_legal_service", "social_psychological_service",
	"referral",
};

size_t screening_proposals(const struct instrument *in, const struct screen_result *r,
			   const char *finding, const char *out[SCREEN_PROPOSALS_MAX])
{
	size_t n = 0;
	if (in->mental && (r->positive == 1 || r->nalerts > 0))
		out[n++] = "psychologist_referral";
	if (in->finding && finding && strcmp(finding, "likely") == 0)
		for (size_t i = 0; i < ARRAY_SIZE(protection_pathway) && n < SCREEN_PROPOSALS_MAX;
		     i++)
			out[n++] = protection_pathway[i];
	return n;
}

/* Those who work with people; not administrators or analysts. */
static bool works_with_people(const struct actor *a)
{
	switch (a->role) {
	case ROLE_SUPERVISOR:
	case ROLE_SOCIAL_WORKER:
	case ROLE_PSYCHOLOGIST:
	case ROLE_LAWYER: return true;
	case ROLE_ADMIN:
	case ROLE_ANALYST:
	case ROLE_COUNT: break;
	}
	return false;
}

bool screening_may_read(const struct actor *a)
{
	return works_with_people(a);
}

bool screening_may_write(const struct actor *a)
{
	return works_with_people(a);
}
