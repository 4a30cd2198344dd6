/* labels.c: translatable names for codes the interface shows (fields, roles, actions). */
#include <string.h>

#include "base/banned.h"
#include "base/util.h"
#include "web/labels.h"

struct label {
	const char *code, *msgid;
};

static const struct label field_labels[] = {
	{ "created", N_("Registered") },
	{ "saved", N_("Saved without changes") },
	{ "erased", N_("Personal data erased") },
	{ "linked", N_("Another record linked to this one as the same person") },
	{ "linked_to", N_("Linked to another record as the same person") },
	{ "unlinked", N_("A linked record taken back out") },
	{ "unlinked_from", N_("Taken back out of the record it was linked to") },
	{ "family_name", N_("Family name") },
	{ "given_name", N_("Given name") },
	{ "patronymic", N_("Patronymic") },
	{ "name_original", N_("Name as written in the person's own script") },
	{ "sex", N_("Sex") },
	{ "birth_date", N_("Birth date") },
	{ "citizenship", N_("Citizenship") },
	{ "country_of_origin", N_("Country of origin") },
	{ "legal_status", N_("Legal status") },
	{ "region", N_("Region") },
	{ "locality", N_("Locality") },
	{ "arrival_date", N_("Arrival date") },
	{ "legal_status_since", N_("Legal status granted on") },
	{ "asylum_petition_on", N_("Asylum petition filed on") },
	{ "phone", N_("Phone") },
	{ "lang_kk", N_("Kazakh") },
	{ "lang_ru", N_("Russian") },
	{ "languages", N_("Other languages") },
	{ "categories", N_("Categories") },
	{ "child_status", N_("Unaccompanied or separated child") },
	{ "disability", N_("Disability") },
	{ "household_id", N_("Household") },
	{ "household_relation", N_("Relation to the head of household") },
	{ "documents", N_("Identity documents") },
	{ "protection_reason", N_("Reason for protection") },
	{ NULL, NULL },
};

static const struct label role_labels[] = {
	{ "admin", N_("administrator") },
	{ "supervisor", N_("supervisor") },
	{ "social_worker", N_("social worker") },
	{ "psychologist", N_("psychologist") },
	{ "lawyer", N_("lawyer") },
	{ "analyst", N_("analyst") },
	{ NULL, NULL },
};

static const struct label action_labels[] = {
	{ "login", N_("logged in") },
	{ "login.failed", N_("failed login") },
	{ "logout", N_("logged out") },
	{ "person.create", N_("registered a person") },
	{ "person.update", N_("edited a person") },
	{ "person.link", N_("linked two records as one person") },
	{ "person.unlink", N_("undid a link between two records") },
	{ "duplicate.dismiss", N_("judged a likely duplicate another person") },
	{ "duplicate.scan", N_("scanned the registry for likely duplicates") },
	{ "persons.export", N_("exported the registry") },
	{ "person.view", N_("viewed a person") },
	{ "person.export", N_("exported a person") },
	{ "person.assign", N_("assigned a worker") },
	{ "person.unassign", N_("removed a worker") },
	{ "household.create", N_("created a household") },
	{ "consent.add", N_("recorded consent") },
	{ "consent.withdraw", N_("recorded withdrawal of consent") },
	{ "person.erase", N_("erased the person's data") },
	{ "case.open", N_("opened a case") },
	{ "case.view", N_("viewed a case") },
	{ "case.update", N_("edited a case") },
	{ "case.status", N_("changed a case's status") },
	{ "case.closure_request", N_("asked to close a case") },
	{ "case.note", N_("wrote a case note") },
	{ "case.assessment", N_("assessed the needs of a case") },
	{ "case.decision", N_("decided on a proposed technology") },
	{ "plan.goal", N_("added a goal to a plan") },
	{ "plan.goal_status", N_("changed a goal's status") },
	{ "plan.task", N_("added a task to a plan") },
	{ "plan.task_status", N_("changed a task's status") },
	{ "plan.approve", N_("approved a plan") },
	{ "plan.review", N_("reviewed a plan") },
	{ "service.add", N_("recorded a service") },
	{ "service.repayment", N_("recorded a loan repayment") },
	{ "service_type.save", N_("changed the service catalogue") },
	{ "rule.create", N_("added a recommendation rule") },
	{ "rule.update", N_("changed a recommendation rule") },
	{ "case.team_add", N_("added a co-worker to a case") },
	{ "case.team_remove", N_("removed a co-worker from a case") },
	{ "user.create", N_("created a user") },
	{ "user.update", N_("changed a user") },
	{ "user.password", N_("changed a password") },
	{ "case.anonymise", N_("anonymised a closed case at the end of its retention") },
	{ "person.anonymise", N_("anonymised a person at the end of the retention period") },
	{ "retention.set", N_("changed the retention periods") },
	{ "referral.send", N_("sent a referral") },
	{ "referral.view", N_("viewed a referral") },
	{ "partner.save", N_("changed a partner organisation") },
	{ "partner.link", N_("linked a partner organisation to Komek") },
	{ "partner.unlink", N_("unlinked a partner organisation from Komek") },
	{ "import.upload", N_("uploaded a file to import") },
	{ "import.done", N_("imported people from a file") },
	{ "import.expired", N_("discarded an import left undecided") },
	{ "centre.save", N_("changed a centre") },
	{ "centre.room", N_("added a room to a centre") },
	{ "centre.view", N_("viewed a person in a centre") },
	{ "placement.add", N_("placed a person on a bed") },
	{ "placement.checkout", N_("checked a person out of a centre") },
	{ "centre.presence", N_("marked people present in a centre") },
	{ "centre.waiting", N_("put a person on a waiting list") },
	{ "centre.withdraw", N_("took a person off a waiting list") },
	{ "group.save", N_("changed a group") },
	{ "group.join", N_("added a person to a group") },
	{ "group.leave", N_("recorded that a person left a group") },
	{ "group.session", N_("recorded a group session and its attendance") },
	{ "group.view", N_("viewed a person in a group") },
	{ "campaign.save", N_("changed a fundraising campaign") },
	{ "campaign.donation", N_("recorded a donation") },
	{ "campaign.spending", N_("recorded a spending from a fund") },
	{ "event.save", N_("changed an event or a publication") },
	{ "programme.save", N_("changed a programme") },
	{ "resettler_org.save", N_("changed a resettlers' organisation") },
	{ "resettler_org.step", N_("recorded a step of a resettlers' organisation") },
	{ "council.save", N_("changed a council or chamber") },
	{ "council.meeting", N_("recorded a council meeting") },
	{ "council.decision", N_("recorded a council decision") },
	{ "proposal.save", N_("changed a policy proposal") },
	{ "programme.quota", N_("set a programme's quota") },
	{ "programme.enrol", N_("enrolled a person in a programme") },
	{ "programme.withdraw", N_("withdrew a person from a programme") },
	{ "programme.support", N_("recorded support given through a programme") },
	{ "programme.view", N_("viewed a person in a programme") },
	{ "event.view", N_("viewed a person among an event's participants") },
	{ "event.participant", N_("named a person among an event's participants") },
	{ "event.participant_removed", N_("removed a person from an event's participants") },
	{ NULL, NULL },
};

static const struct label match_labels[] = {
	{ "same_document", N_("same document") },
	{ "same_name", N_("same name") },
	{ "similar_name", N_("similar name") },
	{ "same_birth_date", N_("same birth date") },
	{ "birth_day_month_swapped", N_("birth date with day and month swapped") },
	{ "same_birth_year", N_("same birth year") },
	{ "other_birth_year", N_("another birth year") },
	{ NULL, NULL },
};

static const char *find(const struct label *t, const char *code)
{
	for (; code && t->code; t++)
		if (strcmp(t->code, code) == 0)
			return t->msgid;
	return code;
}

const char *label_field(const char *code)
{
	return find(field_labels, code);
}

const char *label_role(const char *code)
{
	return find(role_labels, code);
}

const char *label_match_reason(const char *code)
{
	return find(match_labels, code);
}

const char *label_action(const char *code)
{
	return find(action_labels, code);
}

const char *label_action_at(size_t i)
{
	return i < sizeof(action_labels) / sizeof(action_labels[0]) ? action_labels[i].code : NULL;
}
