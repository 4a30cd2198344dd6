#!/usr/bin/env bash
# scripts/attack.sh: sqlmap against every input of every route of a live Komek (not a test of
# make test; one of the long checks, see SECURITY.md). In one run on 127.0.0.1:
#   - builds komek (Release) in build-attack/, makes a fresh database with `komek demo`, and
#     serves it on a free loopback port;
#   - logs in once per role it needs (a web session cookie with its CSRF token, an API bearer
#     token) and reuses those sessions for the whole run;
#   - checks that the tooling finds an injection at all: sqlmap must report a deliberately
#     vulnerable loopback server (a few lines of Python over SQLite) as injectable;
#   - runs sqlmap once per input of the ROUTES table below (query parameters, path ids, form
#     fields with the session's _csrf, JSON members, cookies and headers), JOBS at a time;
#   - then checks the server's stderr log (no sanitizer report, crash, error line or 5xx
#     answer; every line well-formed, so that no request forged one, and free of control
#     characters), that the server still answers, stops cleanly on SIGTERM, and `komek check`.
# Fails (exit 1) if the ROUTES table and src/http/routes.c name different routes, if sqlmap
# reports any injectable input, if any run could not test its input, or if a check after the
# run fails. Prints a table: route, input, result.
#
#   scripts/attack.sh [--list]
#
# --list prints the runs (route, input, role) without running anything, once the table is
# found to name the routes of src/http/routes.c (ATTACK_REF's if set, else the work tree's).
# Environment:
#   ATTACK_LEVEL (3), ATTACK_RISK (2)   sqlmap's --level and --risk
#   ATTACK_DBMS (SQLite)                sqlmap's --dbms: the generic payloads and those for
#                                       SQLite, Komek's database. Set empty for the payloads of
#                                       every DBMS sqlmap knows (about five times as many
#                                       requests), or PostgreSQL against such a deployment.
#   ATTACK_JOBS (2)                     sqlmap processes at once (each is one CPU-bound Python)
#   ATTACK_ONLY ("")                    an extended regex on "METHOD PATH INPUT": run a subset
#   ATTACK_BUILD (build-attack)         the build directory (results go under it too)
#   ATTACK_BUILD_TYPE (Release)         CMAKE_BUILD_TYPE of the server attacked
#   ATTACK_SANITIZE (0)                 1: attack a build with ASan+UBSan (clang, Debug),
#                                       made in ATTACK_BUILD/asan
#   ATTACK_REF ("")                     a commit (such as HEAD) to export and build in the
#                                       temporary directory instead of the work tree, so that
#                                       edits in progress are not what is attacked
#   ATTACK_KEEP (0)                     1: keep the temporary directory (database, fixtures)
# Results go to ATTACK_BUILD/attack/: summary.tsv, summary.md, figures.txt, the server's log
# (komek.log.gz) and one sqlmap log per run (sqlmap/).
# Installs what is missing (Debian 12): sqlmap, curl, jq, sqlite3, cmake and the build deps
# through scripts/install-deps.sh. Everything it starts listens on 127.0.0.1 and is stopped
# on exit.
#
# Two things sqlmap could not get past on its own, handled here:
#   - Login throttling: after 20 failed logins from 127.0.0.1 every login answers 429, so sqlmap
#     would test the throttle rather than the login. While sqlmap runs, the script empties the
#     login_failures table five times a second (the throttle itself is tested in
#     tests/http/test_auth.c). The login routes are attacked with the demo lawyer's account,
#     which no other run uses.
#   - One-time values: an edit carries the version it read, a new user needs a new login, an
#     erased person cannot be erased again, nor an answered referral answered again. For those
#     runs sqlmap's --eval reads the record's current version, makes a new login, or makes a
#     new person or referral and puts its id in the path, before every request (not when that
#     value itself is the input under test), so that every payload reaches the write and not
#     just the check that refuses it. Likewise the co-worker that a run takes off a case is
#     put back, a goal is added to a plan that a run approves, the link a run makes between
#     two likely duplicates is undone, the records whose link a run undoes are linked
#     again, and an import that a run uses up (imports or discards it) is a new one, before
#     every request.
#   - Import jobs: a check or an import of an uploaded file runs in a job of its own, one at
#     a time per server: a request that would start one while another runs is answered 503
#     (busy, not broken; but a 5xx fails the run). Whatever starts a job (a fixture, a base
#     request, a request of sqlmap's) first takes a lock (flock on a file of the temporary
#     directory; sqlmap's --eval takes it before every request of its run and gives it up
#     before the next, so that the runs of such routes take turns) and waits until no import
#     is checking or running and the server no longer reports a job for the import last
#     started (its status is written a moment before the job ends).
#   - Growing answers: an API write to a case's plan answers with the whole plan, which would
#     grow with every request and carry sqlmap's earlier payloads back to it, sending its page
#     comparisons astray (one such run took 19 minutes to conclude). Those runs get a new case
#     (with a new goal where the path names one) for every request, the same way. So do a new
#     step of a resettlers' organisation (a new organisation) and a new decision of a council's
#     meeting (a new meeting), whose API answers list all of them.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
LEVEL=${ATTACK_LEVEL:-3}
RISK=${ATTACK_RISK:-2}
DBMS=${ATTACK_DBMS-SQLite}
JOBS=${ATTACK_JOBS:-2}
ONLY=${ATTACK_ONLY:-}
SANITIZE=${ATTACK_SANITIZE:-0}
BUILD=${ATTACK_BUILD:-$ROOT/build-attack}
case $BUILD in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
BUILD_TYPE=${ATTACK_BUILD_TYPE:-Release}
OUT=$BUILD/attack
PASSWORD=komek-demo-2026
LIST=0
case "${1:-}" in
--list) LIST=1 ;;
"") ;;
*) echo "usage: scripts/attack.sh [--list]" >&2; exit 2 ;;
esac

# --- What is attacked -------------------------------------------------------------------------
# Bodies shared by several routes. Every member the server reads is present, with a valid
# value, so that the base request succeeds and each payload reaches the code behind the check.
PERSON_FORM='family_name=Karimov&given_name=Aziz&patronymic=Rustamovich&name_original=Karimov+Aziz&sex=male&birth_date=1988-04-12&citizenship=UZ&country_of_origin=UZ&legal_status=labour_immigrant&region=KZ-75&locality=Almaty&arrival_date=2023-09-01&phone=87011234567&lang_kk=basic&lang_ru=fluent&languages=uz&child_status=none&disability=1&categories=labour_migrant&documents[0].type=passport&documents[0].number=FA1234567&documents[0].country=UZ&documents[0].issued_on=2019-02-01&documents[0].expires_on=2029-02-01'
PERSON_JSON='"family_name":"Қасымова","given_name":"Айгүл","patronymic":"Серікқызы","name_original":"Касымова Айгуль","sex":"female","birth_date":"1991-06-30","citizenship":"CN","country_of_origin":"CN","categories":["kandas_candidate"],"legal_status":"kandas_applicant","region":"KZ-19","locality":"Қонаев","arrival_date":"2024-05-20","phone":"+7 701 555 12 34","lang_kk":"fluent","lang_ru":"basic","languages":["zh"],"child_status":"none","disability":false,"documents":[{"type":"passport","number":"E12345678","country":"CN","issued_on":"2018-03-01","expires_on":"2028-03-01"}]'

# One line per route of src/http/routes.c, in its order (and the API of static/openapi.json);
# a new route is one more line. Columns, separated by " | ":
#   METHOD | PATH | AS | BODY | INPUTS
#   PATH    the route's pattern with placeholders, and for a GET a query string with a valid
#           value for each query parameter the handler reads
#   AS      who sends it: anon (no session; the pre-login CSRF cookie), web:ROLE (that demo
#           user's session cookie), api:ROLE (their bearer token), web-own:ROLE / api-own:ROLE
#           (a session made for each run: the route ends it)
#   BODY    urlencoded form or JSON (sent as application/json), or -; or @NAME: the file
#           NAME holding $IMPORT_CSV, as the body itself (sent as text/csv). A form member
#           NAME=@FILE is a file part of that file name holding the same CSV, and such a
#           form is sent as multipart/form-data (its input NAME is the part's file name).
#   INPUTS  one sqlmap run each: a query or body parameter, a path placeholder, cookie:NAME or
#           header:NAME; @ stands for every query and body parameter except _csrf; - means the
#           route reads no input (it is still requested once and must answer)
# Placeholders, filled for each run (made fresh for it where they name a record):
#   {csrf} the session's CSRF token; {person} a new person (registered through the API by the
#   worker, with "confirm_new": the fixtures' people share a name, and registration would
#   otherwise answer with the likely matches; in a row that names {case}, that case's person);
#   {household} a new household; {member} a new person in a new household; {consent} a
#   consent of {person}; {assigned} the demo psychologist, assigned to {person}; {worker} the
#   demo psychologist's user id; {owner} the demo worker's user id; {user} a new user; {fresh}
#   a new login (a new one per request); {victim} a new person for every request (the route
#   leaves the record unusable); {list} a reference list name.
#   {version} the version of the record the row edits (the {person}, {case}, {rule},
#   {partner}, {import} or {checked} of its path), read again before every request.
#   Cases: {case} a new open case of {person}, opened by the worker on 2025-01-10 (the dates
#   of the bodies fall between it and today); {coworker} the demo psychologist on {case}'s
#   team (put back before every request of a route that takes them off); {goal} a goal of
#   {case}'s plan; {task} a task of {goal}, the worker's; {service} a loan delivered in {case};
#   {proposal} the rule of a proposal for {case} (the fixtures' people are kandas without
#   Kazakh: the demo rule of a Kazakh course); {rule} a new recommendation rule made by the
#   admin, inactive and for no fixture's person; a route that approves the plan has a new goal
#   added to it before every request, so that there is something to approve.
#   Catalogue and directory: {type} a new service type made by the admin; {cashtype} and
#   {loantype} the demo catalogue's cash assistance and loan; {partner} a new directory entry
#   made by the admin (no organisation of Komek answers for it); {recipient} the directory
#   entry of the demo NGO (organisation 2, whose ngo-worker answers referrals).
#   Referrals (the person of {case} has consented to referral_sharing first, on the web form):
#   {referral} a referral sent by the worker from {case} to {recipient}; {accepted} one that
#   the ngo-worker has taken. A route that answers one gets a new one for every request (the
#   answer uses it up), so their versions are constant: 1 sent, 2 accepted.
#   Likely duplicates: {pair} an open pair of likely duplicates that the worker sees: two new
#   people of one made-up name (no other record's), registered by the worker with
#   "confirm_new", the second with a birth year 20 years off (so that registration does not
#   show the first as a likely match, which would record the pair as decided, distinct) and
#   then corrected to the first's birth date, found by the admin's scan (a worker may not
#   scan); its id is read from the database. {kept} its first record, the one the link rows
#   keep. {link} a link the worker made between the two records of a new pair, keeping
#   {survivor}. A route that links {pair} has the link undone before every request, and one
#   that undoes {link} has the records linked again before every request, the new link's id
#   put in the path (in front of the payload when {link} is the input under test: otherwise
#   no request after the first would find a link, whether its payload were true or false). A
#   dismissal uses its pair up; its only input is the pair's id, so (as for {victim} under
#   test) the first request decides it and the rest are answered 409 or 404.
#   Imports: {import} an import the worker uploaded through the API (a CSV of
#   $IMPORT_CSV's columns: one person of a made-up name, a male kandas, so that no other
#   run's search or export finds them, and one row that does not validate), not yet
#   checked: version 1; {checked} one that the worker has then checked through the API (its
#   columns mapped as their headers say): version 3, with what the check found (the row that
#   does not validate). A check may be repeated; before each, its job's end is waited for
#   (see above) and the import's version read again. A route that uses its import up (a
#   run, which imports it; a discard) gets a new one for every request, made as the
#   fixture's was and so at its version, its id put in the path (in front of the payload
#   when the id is the input under test, as for {link}).
#   Centres: {centre} a new centre of the demo's first organisation, made by the supervisor
#   through the API with a room of three beds; {bed} a free bed of it; {stay} the stay of
#   {stayer}, a new person (as {person}) placed by the worker on another of its beds;
#   {waiting} a new person's place on its waiting list. A check-out uses its stay up and a
#   withdrawal its place: as for {victim}, the first request decides and the rest answer 409.
#   Groups: {group} a new open group of the demo's first organisation, made by the worker
#   through the API; {joiner} a new person (as {person}) who joined it on 2025-01-10, and
#   {membership} that membership; {session} a session of {group} held today, with {joiner}
#   present. A leaving uses its membership up: as for {victim}, the first request decides and
#   the rest answer 404 (no open membership). ({member} is not a group's: see above.)
#   Fundraising: {campaign} a new open campaign of the demo's first organisation in KZT, made
#   by the supervisor through the API, given 10,000,000.00 KZT first, so that every request of
#   a run can spend 1.00 from it (a spending's {service} is {case}'s, as above).
#   Events: {event} a new round table of the demo's first organisation, made by the worker
#   through the API; {participant} a new person (as {person}) named at it. A removal uses its
#   participant up: as for {victim}, the first request decides and the rest answer 404. (A
#   second naming of {person} answers 422: named already, as a group's second joining.)
#   Programmes: {programme} a new programme of the demo's first organisation, made by the admin
#   through the API, with quotas and the MRP-based support, and a quota of 1000 places in
#   KZ-75 for this year ($YEAR); {enrolled} a new person (as {person}) whom the worker enrolled
#   in it, a family of two in KZ-75, and {enrolment} that enrolment. A withdrawal uses its
#   enrolment up: the first request decides and the rest answer 409. (A second enrolment of
#   {person} answers 422: enrolled already.) The national programmes ship with Komek and
#   nobody edits them: no row does.
#   Public work (it names no person): {resettlers} a new resettlers' organisation of the demo's
#   first organisation, made by the worker through the API; {council} a new council of it,
#   {meeting} a meeting of {council} held on 2025-01-10 (the meeting a proposal's meeting_id
#   names), and {decision} a decision of {meeting}; {policy} a new policy proposal ({proposal}
#   is a case's), submitted. An API answer to a new step or a new decision lists every step
#   of the organisation, every decision of the meeting, and would grow with every request (see
#   "Growing answers" below): those runs get a new organisation, or a new meeting of
#   {council}, for every request, the way a case's plan does.
TODAY=$(date -u +%F)                     # the server's today (UTC): an answer's date
YEAR=${TODAY%%-*}                        # the server's year: a quota's, an enrolment's
EXPIRES=$(date -u -d '+30 days' +%F)     # a referral's last day, within the year allowed
NEEDS='housing medical_care material_assistance legal_status employment language_kk language_ru law_knowledge culture psychological physical_health schooling family social_ties'
ASSESSMENT_FORM=$(for n in $NEEDS; do printf '&urgency.%s=moderate&note.%s=Said+so+at+intake' "$n" "$n"; done)
PARTNER_FORM='name=Shymkent+Legal+Aid+Clinic&kind=ngo&description=Free+legal+advice+for+migrants&services=social_legal&regions=KZ-79&address=Tauke+Khan+avenue+5&phone=%2B7+7252+55+12+34&email=help%40legalaid.example.kz&website=https%3A%2F%2Flegalaid.example.kz&contact_person=Dana+Seitkali&active=1'
PARTNER_JSON='"name":"Шымкент заң клиникасы","kind":"ngo","description":"Мигранттарға тегін заң кеңесі","services":["social_legal","counselling"],"regions":["KZ-79"],"address":"Тәуке хан даңғылы, 5","phone":"+7 7252 55 12 34","email":"help@legalaid.example.kz","website":"https://legalaid.example.kz","contact_person":"Дана Сейтқали","active":true'
# A rule whose condition no fixture meets (not a kandas, no such assessment), so that the rules
# sqlmap makes propose nothing to the cases of other runs. They are hundreds, and Komek reads
# only the first RULES_MAX (500) active rules by id: a rule made after them would never be
# proposed, which is why {proposal} is a demo rule and not one made for the run.
RULE_FORM='category=internal_migrant&legal_status=resettler&need=social_ties&min_urgency=urgent&function=integration&means=collective&service_kind=social_cultural&form=self_help_group&label_kk=Ozara+komek+tobi&label_ru=Gruppa+vzaimopomoshchi&label_en=A+mutual-help+group&active=1'
# The export's filters select one demo person, and none of the fixtures' people (none is a
# female labour migrant), so that the file stays the same through the run; CSV, since an XLSX
# file is a zip archive with times in it.
EXPORT_QUERY='format=csv&hxl=1&deidentified=0&category=labour_migrant&region=KZ-75&sex=female&age_min=18&age_max=60'
CENTRE_FORM='kind=temporary_accommodation&name=Shelter+of+the+fixture&region=KZ-75&address=Almaty%2C+Zhetysu+district&phone=%2B7+727+255+12+34&active=1'
CENTRE_JSON='"kind":"adaptation_centre","name":"Бейімделу орталығы","region":"KZ-75","address":"Алматы, Жетісу ауданы","phone":"+7 727 255 12 34","active":true'
GROUP_FORM='kind=self_help&form=self_help_group&function=integration&name=Mothers+of+the+fixture&facilitator_id={owner}&place=Almaty%2C+Zhetysu+district%2C+room+4&schedule=Tuesdays+at+18%3A00&starts_on=2025-01-01&ends_on='"$EXPIRES"'&description=Mutual+help+for+mothers+new+to+the+city&active=1'
GROUP_JSON='"kind":"language_course","form":"training","function":"integration","name":"Қазақ тілі курсы","facilitator_id":{owner},"place":"Алматы, Жетісу ауданы","schedule":"Сенбі 10:00","starts_on":"2025-01-01","ends_on":"'"$EXPIRES"'","description":"Бастауыш деңгей","active":true'
CAMPAIGN_FORM='name=Winter+clothes+fund+of+the+fixture&purpose=Warm+clothes+for+families+who+came+in+winter&goal=2000000.00&currency=KZT&starts_on=2025-01-01&ends_on='"$EXPIRES"'&active=1'
CAMPAIGN_JSON='"name":"Қысқы киім қоры","purpose":"Қыста келген отбасыларға жылы киім","currency":"KZT","goal":200000000,"starts_on":"2025-01-01","ends_on":"'"$EXPIRES"'","active":true'
# A publication: every member of an event's form is read (a medium and copies are a
# publication's alone).
EVENT_FORM='kind=publication&title=New+home+bulletin+of+the+fixture&held_on='"$TODAY"'&ends_on='"$TODAY"'&place=Almaty%2C+Abai+avenue+10&organisers=Adaptation+centre&partners=City+akimat&form=public_state&function=integration&means=collective&migrants=14&hosts=9&medium=bulletin&circulation=500&description=Rights+at+work+and+where+to+ask&results=Letters+from+readers'
EVENT_JSON='"kind":"publication","title":"«Жаңа үй» бюллетені","held_on":"'"$TODAY"'","ends_on":"'"$TODAY"'","place":"Алматы, Абай даңғылы 10","organisers":"Бейімдеу орталығы","partners":"Әкімдік","form":"public_state","function":"integration","means":"collective","migrants":14,"hosts":9,"medium":"bulletin","circulation":500,"description":"Еңбек құқықтары","results":"Оқырман хаттары"'
PROGRAMME_FORM='name=Rent+help+of+the+fixture&kind=social_support&description=Rent+for+the+first+year&categories=kandas&legal_statuses=kandas&age_min=18&age_max=63&has_quota=1&mrp_support=1&active=1'
PROGRAMME_JSON='"kind":"social_support","name":"Пәтер ақысына көмек","description":"Бірінші жылғы пәтер ақысы","categories":["kandas"],"legal_statuses":["kandas"],"age_min":18,"age_max":63,"has_quota":true,"mrp_support":true,"active":true'
# Public work; the proposal a decided one, so that every member of its form is read (what
# became of it is a decided proposal's).
RESETTLERS_FORM='name=Atameken+kandas+association+of+the+fixture&kind=public_association&region=KZ-75&initiators=Twelve+families+from+Mongolia&contact=%2B7+701+555+12+34&note=Charter+drafted'
RESETTLERS_JSON='"name":"«Атамекен» кандастар бірлестігі","kind":"ethnocultural_centre","region":"KZ-75","initiators":"Моңғолиядан келген 12 отбасы","contact":"+7 701 555 12 34","note":"Жарғы жобасы дайын"'
COUNCIL_FORM='name=Public+council+of+the+fixture&kind=public_council&region=KZ-75&note=Meets+every+quarter'
COUNCIL_JSON='"name":"Әкімдік жанындағы қоғамдық кеңес","kind":"public_chamber","region":"KZ-75","note":"Тоқсан сайын жиналады"'
PROPOSAL_FORM='title=Longer+temporary+registration&text=Extend+the+temporary+registration+of+kandas+from+90+to+180+days&addressee=Ministry+of+Labour+and+Social+Protection&status=partly_accepted&submitted_on=2025-02-01&outcome=Extended+to+120+days&outcome_on='"$TODAY"
PROPOSAL_JSON='"title":"Уақытша тіркеу мерзімін ұзарту","text":"Кандастардың уақытша тіркеу мерзімін 180 күнге дейін ұзарту","addressee":"Еңбек және халықты әлеуметтік қорғау министрлігі","status":"partly_accepted","submitted_on":"2025-02-01","outcome":"120 күнге ұзартылды","outcome_on":"'"$TODAY"'"'
# The lists' exports: filters that keep them small (what the list shows the worker).
CASES_EXPORT_QUERY='format=csv&hxl=1&status=open&mine=1&open=1'
SERVICES_EXPORT_QUERY='format=csv&hxl=1&service_kind=social_legal&form=individual&function=integration&means=individual&from=2025-01-01&to=2025-12-31&mine=1'
REFERRALS_EXPORT_QUERY='format=csv&hxl=1&box=sent&status=declined'
# The file an import's rows upload, and the imports of the fixtures (with a made-up name in
# place of the first row's): a person to register, and a row without a given name and with
# a date that does not exist, for the check to find. Its headers are the fields' names.
import_csv() { # family given -> CSV
	printf 'family_name,given_name,sex,birth_date,region,categories
'
	printf '%s,%s,male,1990-05-17,KZ-63,kandas
' "$1" "$2"
	printf 'Qatova,,female,31.02.1990,KZ-75,labour_migrant
'
}
IMPORT_CSV=$(import_csv Bekmuratov Sanat)$'\n'
IMPORT_MAPPING='["family_name","given_name","sex","birth_date","region","categories"]'

ROUTES=$(
	cat <<EOF
GET    | /                                           | web:worker     | - | cookie:komek_session
GET    | /login                                      | anon           | - | cookie:komek_csrf cookie:lang header:Accept-Language
POST   | /login                                      | anon           | _csrf={csrf}&login=lawyer&password=$PASSWORD | @ _csrf cookie:komek_csrf
POST   | /logout                                     | web-own:worker | _csrf={csrf} | @ _csrf cookie:komek_session
POST   | /lang                                       | web:analyst    | _csrf={csrf}&to=en&back=/persons | @ _csrf
GET    | /static/app.css                             | anon           | - | -
GET    | /static/app.js                              | anon           | - | -
GET    | /persons?q=karimov&category=labour_migrant&region=KZ-75&sex=male&age_min=18&age_max=60&page=1 | web:worker | - | @ cookie:komek_session
POST   | /persons                                    | web:worker     | _csrf={csrf}&$PERSON_FORM&household_relation=child&family_of={person}&confirm_new=1 | @
GET    | /persons/new?family_of={person}             | web:worker     | - | @
GET    | /persons/export?$EXPORT_QUERY               | web:worker     | - | @
GET    | /exports                                    | web:worker     | - | -
GET    | /cases/export?$CASES_EXPORT_QUERY           | web:worker     | - | @
GET    | /services/export?$SERVICES_EXPORT_QUERY     | web:worker     | - | @
GET    | /referrals/export?$REFERRALS_EXPORT_QUERY   | web:worker     | - | @
GET    | /imports                                    | web:worker     | - | -
POST   | /imports                                    | web:worker     | _csrf={csrf}&encoding=utf8&file=@people.csv | @
GET    | /imports/{checked}?from=2                   | web:worker     | - | @ {checked}
GET    | /imports/{import}/progress                  | web:worker     | - | {import}
POST   | /imports/{import}/check                     | web:worker     | _csrf={csrf}&version={version}&col.0=family_name&col.1=given_name&col.2=sex&col.3=birth_date&col.4=region&col.5=categories | @ {import}
POST   | /imports/{checked}/run                      | web:worker     | _csrf={csrf}&version={version}&duplicates=skip | @ {checked}
POST   | /imports/{import}/discard                   | web:worker     | _csrf={csrf}&version={version} | @ {import}
GET    | /persons/{person}                           | web:worker     | - | {person}
POST   | /persons/{person}                           | web:worker     | _csrf={csrf}&version={version}&$PERSON_FORM | @ {person}
GET    | /persons/{person}/edit                      | web:worker     | - | {person}
GET    | /persons/{person}/employments/new          | web:worker     | - | {person}
POST   | /persons/{person}/employments              | web:worker     | _csrf={csrf}&employer_id={employer}&employer_name=&job_title=Сылақшы&occupation=71&region=KZ-75&wage=84999.99&hours_per_week=48&started_on=2026-02-01&ended_on=&contract=oral&documents_held_by=employer&note=Паспорт | @ {person} {employer}
POST   | /persons/{person}/skills                   | web:worker     | _csrf={csrf}&kind=work&title=Сылақшы&occupation=71&level=&place=Ташкент&from_year=2015&to_year=2020 | @ {person}
POST   | /persons/{skilled}/skills/{skill}/delete   | web:worker     | _csrf={csrf} | {skilled} {skill}
GET    | /persons/{person}/vacancies                | web:worker     | - | {person}
GET    | /labour                                     | web:worker     | - | -
GET    | /labour/alerts?open=0                       | web:worker     | - | -
POST   | /labour/alerts/{alert}/resolve             | web:worker     | _csrf={csrf}&resolution=Паспорт+қайтарылды | @ {alert}
GET    | /employers/new                              | web:worker     | - | -
POST   | /employers                                  | web:worker     | _csrf={csrf}&name=ЖШС+Құрылыс&bin=&region=KZ-75&address=Алматы&contact=Инженер&phone=87010000000&note=Жатақхана | @
GET    | /employers/{employer}                       | web:worker     | - | {employer}
POST   | /employers/{employer}                       | web:worker     | _csrf={csrf}&version={version}&name=ЖШС+Құрылыс&region=KZ-75&active=1 | @ {employer}
GET    | /vacancies/new?employer={employer}          | web:worker     | - | {employer}
POST   | /vacancies                                  | web:worker     | _csrf={csrf}&employer_id={employer}&title=Сылақшы&occupation=71&region=KZ-75&wage=250000&hours_per_week=40&languages=kk+ru&places=2&opened_on=$TODAY&closes_on=&housing=1&note=Тәжірибе | @ {employer}
GET    | /vacancies/{vacancy}                        | web:worker     | - | {vacancy}
POST   | /vacancies/{vacancy}                        | web:worker     | _csrf={csrf}&version={version}&employer_id={employer}&title=Сылақшы&occupation=71&region=KZ-75&status=open&places=1 | @ {vacancy} {employer}
GET    | /employments/{employment}                   | web:worker     | - | {employment}
POST   | /employments/{employment}                   | web:worker     | _csrf={csrf}&version={version}&employer_id={employer}&job_title=Сылақшы&wage=90000&hours_per_week=40&started_on=2026-01-01&contract=written&documents_held_by=worker | @ {employment} {employer}
GET    | /minimum-wages                              | web:worker     | - | -
POST   | /minimum-wages                              | web:admin      | _csrf={csrf}&valid_from=2099-01-01&amount=90000 | @
GET    | /persons/{person}/integration/new          | web:worker     | - | {person}
POST   | /persons/{person}/integration              | web:worker     | _csrf={csrf}&kind=intake&reviewed_on=$TODAY&note=Бірінші+кездесу&domains.work.status=building&domains.work.indicator=Жұмыс+шарты&domains.work.evidence=Шарт+көрілді&domains.housing.status=2 | @ {person}
GET    | /integration?category=kandas&region=KZ-75&programme=1&arrival_year=2025 | web:analyst | - | -
GET    | /reports?measure=services&rows=region&cols=sex&from=2026-01-01&to=$TODAY | web:supervisor | - | @
GET    | /reports/export?format=csv&measure=cases&rows=category&cols=quarter&from=2026-01-01&to=$TODAY | web:analyst | - | @
GET    | /reports/monthly?month=2025-12&format=csv | web:supervisor | - | @
GET    | /reports/programme?programme=1&year=2025&format=csv | web:analyst | - | @
GET    | /reports/cohort?category=kandas&region=KZ-75&programme=1&arrival_year=2025&format=csv | web:worker | - | @
GET    | /dashboard                                 | web:worker     | - | -
GET    | /persons/{person}/screenings                | web:worker     | - | {person}
POST   | /persons/{person}/screenings                | web:worker     | _csrf={csrf}&instrument=phq9&lang=ru&screened_on=$TODAY&item-1=1&item-2=1&item-3=1&item-4=1&item-5=1&item-6=1&item-7=1&item-8=1&item-9=1 | @ {person}
GET    | /persons/{person}/screenings/new?instrument=rhs15&lang=kk | web:worker | - | {person}
GET    | /persons/{screened}/screenings/{screening}  | web:worker     | - | {screened} {screening}
GET    | /persons/{person}/history                   | web:worker     | - | {person}
GET    | /persons/{person}/disclosures               | web:supervisor | - | {person}
POST   | /persons/{person}/workers                   | web:supervisor | _csrf={csrf}&user_id={worker} | @ {person}
POST   | /persons/{person}/workers/{assigned}/remove | web:supervisor | _csrf={csrf} | {person} {assigned}
POST   | /persons/{person}/consents                  | web:worker     | _csrf={csrf}&purpose=service_provision&given_on=2025-01-15 | @ {person}
POST   | /persons/{person}/consents/{consent}/withdraw | web:worker   | _csrf={csrf} | {person} {consent}
POST   | /persons/{victim}/erase                     | web:supervisor | _csrf={csrf}&reason=person_request&confirm=1 | @ {victim}
POST   | /persons/{survivor}/links/{link}/unlink     | web:worker     | _csrf={csrf} | {survivor} {link}
GET    | /duplicates?page=1&found=1                  | web:worker     | - | @
POST   | /duplicates/scan                            | web:supervisor | _csrf={csrf} | -
GET    | /duplicates/{pair}                          | web:worker     | - | {pair}
POST   | /duplicates/{pair}/link                     | web:worker     | _csrf={csrf}&keep={kept} | @ {pair}
POST   | /duplicates/{pair}/dismiss                  | web:worker     | _csrf={csrf} | {pair}
GET    | /cases?scope=all&status=open                | web:worker     | - | @
POST   | /cases                                      | web:supervisor | _csrf={csrf}&person_id={member}&opening_reason=Came+for+help+with+documents&opened_on=2025-01-10&household=1&worker_id={owner} | @
GET    | /cases/new?person={person}                  | web:worker     | - | @
GET    | /cases/{case}                               | web:worker     | - | {case}
POST   | /cases/{case}                               | web:worker     | _csrf={csrf}&version={version}&status=closed&opening_reason=Came+for+help+with+documents&closing_reason=goals_achieved&outcome=Housed+and+employed&closed_on=2025-03-01&withdraw=1 | @ {case}
POST   | /cases/{case}/notes                         | web:worker     | _csrf={csrf}&text=Called+the+landlord+about+the+deposit&noted_on=2025-02-01&confidential=1 | @ {case}
POST   | /cases/{case}/workers                       | web:worker     | _csrf={csrf}&user_id={worker} | @ {case}
POST   | /cases/{case}/workers/{coworker}/remove     | web:worker     | _csrf={csrf} | {case} {coworker}
GET    | /cases/{case}/assessments                   | web:worker     | - | {case}
GET    | /cases/{case}/assessments/new               | web:worker     | - | {case}
POST   | /cases/{case}/assessments                   | web:worker     | _csrf={csrf}&assessed_on=2025-02-01&summary=Needs+housing+first${ASSESSMENT_FORM} | @ {case}
POST   | /cases/{case}/recommendations/{proposal}    | web:worker     | _csrf={csrf}&decision=changed&function=capacity&means=individual&service_kind=counselling&form=individual&note=Evening+sessions%3A+she+works+by+day | @ {case} {proposal}
POST   | /cases/{case}/goals                         | web:worker     | _csrf={csrf}&goal_title=Open+a+bank+account | @ {case}
POST   | /cases/{case}/goals/{goal}/status           | web:worker     | _csrf={csrf}&status=achieved | @ {case} {goal}
POST   | /cases/{case}/goals/{goal}/tasks            | web:worker     | _csrf={csrf}&title=Visit+the+rental+office&due_on=2025-03-01&responsible_id={owner} | @ {case} {goal}
POST   | /cases/{case}/tasks/{task}/status           | web:worker     | _csrf={csrf}&status=done | @ {case} {task}
POST   | /cases/{case}/plan/approve                  | web:supervisor | _csrf={csrf} | {case}
POST   | /cases/{case}/reviews                       | web:worker     | _csrf={csrf}&reviewed_on=2025-02-01&note=Housed%3B+next%3A+work | @ {case}
POST   | /cases/{case}/services                      | web:worker     | _csrf={csrf}&type_id={cashtype}&form=individual&function=adaptation&means=individual&delivered_on=2025-02-01&minutes=45&result=For+the+rent+deposit&assistance=cash&amount=25000.50&currency=KZT | @ {case}
POST   | /cases/{case}/services/{service}/repayments | web:worker     | _csrf={csrf}&paid_on=2025-03-01&amount=1.00 | @ {case} {service}
POST   | /cases/{case}/referrals                     | web:worker     | _csrf={csrf}&partner_id={recipient}&service_kind=social_legal&message=Needs+a+lawyer+for+the+residence+permit&expires_on=$EXPIRES&share_contact=1 | @ {case}
GET    | /referrals?box=sent&status=sent             | web:worker     | - | @
GET    | /referrals/{referral}                       | web:ngo-worker | - | {referral}
POST   | /referrals/{referral}                       | web:ngo-worker | _csrf={csrf}&version=1&status=declined&on=$TODAY&reason=No+lawyer+free+this+month | @ {referral}
GET    | /partners?q=pavlodar&kind=ngo&service_kind=social_legal&region=KZ-55 | web:worker | - | @
POST   | /partners                                   | web:admin      | _csrf={csrf}&$PARTNER_FORM | @
GET    | /partners/new                               | web:admin      | - | -
GET    | /partners/{partner}                         | web:worker     | - | {partner}
POST   | /partners/{partner}                         | web:admin      | _csrf={csrf}&version={version}&$PARTNER_FORM | @ {partner}
GET    | /centres                                    | web:worker     | - | -
POST   | /centres                                    | web:supervisor | _csrf={csrf}&$CENTRE_FORM | @
GET    | /centres/new                                | web:supervisor | - | -
GET    | /centres/{centre}                           | web:worker     | - | {centre}
POST   | /centres/{centre}                           | web:supervisor | _csrf={csrf}&version={version}&$CENTRE_FORM | @ {centre}
GET    | /centres/{centre}/edit                      | web:supervisor | - | {centre}
GET    | /centres/{centre}/presence                  | web:worker     | - | {centre}
POST   | /centres/{centre}/presence                  | web:worker     | _csrf={csrf}&placement={stay} | @ {centre}
POST   | /centres/{centre}/rooms                     | web:supervisor | _csrf={csrf}&name={fresh}&beds=2&note=Second+floor | @ {centre}
POST   | /centres/{centre}/placements                | web:worker     | _csrf={csrf}&person_id={person}&bed_id={bed}&check_in=$TODAY&planned_out=$EXPIRES&note=Family+of+three | @ {centre}
POST   | /centres/{centre}/checkout                  | web:worker     | _csrf={csrf}&placement={stay}&date=$TODAY | @ {centre}
POST   | /centres/{centre}/waiting                   | web:worker     | _csrf={csrf}&person_id={person}&since=$TODAY&note=Needs+a+ground+floor+room | @ {centre}
POST   | /centres/{centre}/waiting/{waiting}/withdraw | web:worker    | _csrf={csrf} | {centre} {waiting}
GET    | /groups                                     | web:worker     | - | -
POST   | /groups                                     | web:worker     | _csrf={csrf}&$GROUP_FORM | @
GET    | /groups/new                                 | web:worker     | - | -
GET    | /groups/{group}                             | web:worker     | - | {group}
POST   | /groups/{group}                             | web:worker     | _csrf={csrf}&version={version}&$GROUP_FORM | @ {group}
GET    | /groups/{group}/edit                        | web:worker     | - | {group}
POST   | /groups/{group}/members                     | web:worker     | _csrf={csrf}&person_id={person}&joined_on=$TODAY&note=Came+with+her+sister | @ {group}
POST   | /groups/{group}/members/{membership}/leave  | web:worker     | _csrf={csrf}&date=$TODAY | @ {group} {membership}
GET    | /groups/{group}/sessions/new                | web:worker     | - | {group}
POST   | /groups/{group}/sessions                    | web:worker     | _csrf={csrf}&held_on=$TODAY&topic=Rights+at+work&unregistered=2&note=Two+came+with+a+neighbour&present={joiner} | @ {group}
GET    | /groups/{group}/sessions/{session}          | web:worker     | - | {group} {session}
POST   | /groups/{group}/sessions/{session}          | web:worker     | _csrf={csrf}&held_on=$TODAY&topic=Rights+at+work&unregistered=3&note=One+more+came+late&present={joiner} | @ {group} {session}
GET    | /campaigns                                  | web:worker     | - | -
POST   | /campaigns                                  | web:supervisor | _csrf={csrf}&$CAMPAIGN_FORM | @
GET    | /campaigns/new                              | web:supervisor | - | -
GET    | /campaigns/{campaign}                       | web:worker     | - | {campaign}
POST   | /campaigns/{campaign}                       | web:supervisor | _csrf={csrf}&version={version}&$CAMPAIGN_FORM | @ {campaign}
GET    | /campaigns/{campaign}/edit                  | web:supervisor | - | {campaign}
POST   | /campaigns/{campaign}/donations             | web:supervisor | _csrf={csrf}&donor_kind=organisation&donor=Almaty+business+association&kind=money&amount=5000.00&currency=KZT&received_on=$TODAY&description=Transfer+to+the+fund&note=Pledged+at+the+forum | @ {campaign}
POST   | /campaigns/{campaign}/spendings             | web:supervisor | _csrf={csrf}&amount=1.00&currency=KZT&spent_on=$TODAY&purpose=Winter+boots&services={service}&note=Two+pairs | @ {campaign}
GET    | /events?kind=round_table                    | web:worker     | - | @
POST   | /events                                     | web:worker     | _csrf={csrf}&$EVENT_FORM | @
GET    | /events/new                                 | web:worker     | - | -
GET    | /events/{event}                             | web:worker     | - | {event}
POST   | /events/{event}                             | web:worker     | _csrf={csrf}&version={version}&$EVENT_FORM | @ {event}
GET    | /events/{event}/edit                        | web:worker     | - | {event}
POST   | /events/{event}/participants                | web:worker     | _csrf={csrf}&person_id={person}&role=speaker | @ {event}
POST   | /events/{event}/participants/{participant}/remove | web:worker | _csrf={csrf} | {event} {participant}
GET    | /programmes                                 | web:worker     | - | -
POST   | /programmes                                 | web:admin      | _csrf={csrf}&$PROGRAMME_FORM | @
GET    | /programmes/new                             | web:admin      | - | -
GET    | /programmes/{programme}?year=$YEAR&family_size=2&on=$TODAY | web:worker | - | @ {programme}
POST   | /programmes/{programme}                     | web:admin      | _csrf={csrf}&version={version}&$PROGRAMME_FORM | @ {programme}
GET    | /programmes/{programme}/edit                | web:admin      | - | {programme}
POST   | /programmes/{programme}/quotas              | web:admin      | _csrf={csrf}&region=KZ-75&year=$YEAR&quota=900 | @ {programme}
POST   | /programmes/{programme}/enrolments          | web:worker     | _csrf={csrf}&person_id={person}&region=KZ-75&year=$YEAR&family_size=2&enrolled_on=$TODAY&note=Came+with+her+husband | @ {programme}
GET    | /programmes/{programme}/enrolments/{enrolment} | web:worker  | - | {programme} {enrolment}
POST   | /programmes/{programme}/enrolments/{enrolment}/support | web:worker | _csrf={csrf}&kind=other&amount=1500.00&given_on=$TODAY | @ {programme} {enrolment}
POST   | /programmes/{programme}/enrolments/{enrolment}/withdraw | web:worker | _csrf={csrf}&date=$TODAY | @ {programme} {enrolment}
GET    | /civic                                      | web:worker     | - | -
GET    | /resettler-orgs                             | web:worker     | - | -
POST   | /resettler-orgs                             | web:worker     | _csrf={csrf}&$RESETTLERS_FORM | @
GET    | /resettler-orgs/new                         | web:worker     | - | -
GET    | /resettler-orgs/{resettlers}                | web:worker     | - | {resettlers}
POST   | /resettler-orgs/{resettlers}                | web:worker     | _csrf={csrf}&version={version}&$RESETTLERS_FORM | @ {resettlers}
GET    | /resettler-orgs/{resettlers}/edit           | web:worker     | - | {resettlers}
POST   | /resettler-orgs/{resettlers}/steps          | web:worker     | _csrf={csrf}&step=founding_meeting&done_on=$TODAY&note=Twelve+families+came | @ {resettlers}
GET    | /councils                                   | web:worker     | - | -
POST   | /councils                                   | web:worker     | _csrf={csrf}&$COUNCIL_FORM | @
GET    | /councils/new                               | web:worker     | - | -
GET    | /councils/{council}                         | web:worker     | - | {council}
POST   | /councils/{council}                         | web:worker     | _csrf={csrf}&version={version}&$COUNCIL_FORM | @ {council}
GET    | /councils/{council}/edit                    | web:worker     | - | {council}
POST   | /councils/{council}/meetings                | web:worker     | _csrf={csrf}&held_on=$TODAY&place=Almaty+akimat%2C+hall+2&agenda=Housing+for+kandas&minutes=Heard+the+department+of+housing | @ {council}
GET    | /councils/{council}/meetings/{meeting}      | web:worker     | - | {council} {meeting}
POST   | /councils/{council}/meetings/{meeting}/decisions | web:worker | _csrf={csrf}&text=Open+an+evening+language+group&status=adopted&due_on=$EXPIRES | @ {council} {meeting}
POST   | /councils/{council}/meetings/{meeting}/decisions/{decision} | web:worker | _csrf={csrf}&status=in_progress | @ {council} {meeting} {decision}
GET    | /proposals                                  | web:worker     | - | -
POST   | /proposals                                  | web:worker     | _csrf={csrf}&$PROPOSAL_FORM&meeting_id={meeting} | @
GET    | /proposals/new                              | web:worker     | - | -
GET    | /proposals/{policy}                         | web:worker     | - | {policy}
POST   | /proposals/{policy}                         | web:worker     | _csrf={csrf}&version={version}&$PROPOSAL_FORM&meeting_id={meeting} | @ {policy}
GET    | /proposals/{policy}/edit                    | web:worker     | - | {policy}
GET    | /rules                                      | web:admin      | - | -
POST   | /rules                                      | web:admin      | _csrf={csrf}&$RULE_FORM | @
GET    | /rules/new                                  | web:admin      | - | -
GET    | /rules/{rule}                               | web:admin      | - | {rule}
POST   | /rules/{rule}                               | web:admin      | _csrf={csrf}&version={version}&$RULE_FORM | @ {rule}
GET    | /service-types                              | web:admin      | - | -
POST   | /service-types                              | web:admin      | _csrf={csrf}&service_kind=care&label_kk=Uige+baru&label_ru=Poseshchenie+na+domu&label_en=Home+visits&material=1 | @
POST   | /service-types/{type}                       | web:admin      | _csrf={csrf}&active=1 | @ {type}
GET    | /retention                                  | web:admin      | - | -
POST   | /retention                                  | web:admin      | _csrf={csrf}&rule=1&months=1200 | @
POST   | /retention/apply                            | web:admin      | _csrf={csrf} | -
GET    | /audit?action=login&login=admin&from=2025-01-01&to=2025-12-31&page=1 | web:admin | - | @
GET    | /users                                      | web:admin      | - | -
POST   | /users                                      | web:admin      | _csrf={csrf}&login={fresh}&full_name=Gulnara+Seitova&role=social_worker&password=correct-horse-42 | @
GET    | /users/{user}                               | web:admin      | - | {user}
POST   | /users/{user}                               | web:admin      | _csrf={csrf}&full_name=Gulnara+Seitova&role=lawyer&active=1&password=correct-horse-43 | @ {user}
POST   | /api/v1/session                             | anon           | {"login":"lawyer","password":"$PASSWORD"} | @
DELETE | /api/v1/session                             | api-own:worker | - | header:Authorization
GET    | /api/v1/persons?q=karimov&category=labour_migrant&region=KZ-75&sex=male&age_min=18&age_max=60&household_id={household}&limit=20&offset=0 | api:worker | - | @ header:Authorization header:Accept-Language
POST   | /api/v1/persons                             | api:worker     | {$PERSON_JSON,"household_id":{household},"household_relation":"spouse","confirm_new":true} | @
GET    | /api/v1/persons/export?$EXPORT_QUERY        | api:worker     | - | @
GET    | /api/v1/cases/export?$CASES_EXPORT_QUERY    | api:worker     | - | @
GET    | /api/v1/services/export?$SERVICES_EXPORT_QUERY | api:worker  | - | @
GET    | /api/v1/referrals/export?$REFERRALS_EXPORT_QUERY | api:worker | - | @
GET    | /api/v1/persons/{person}                    | api:worker     | - | {person}
PATCH  | /api/v1/persons/{person}                    | api:worker     | {"version":{version},$PERSON_JSON,"household_id":{household},"household_relation":"head"} | @ {person}
GET    | /api/v1/persons/{survivor}/links            | api:worker     | - | {survivor}
DELETE | /api/v1/persons/{survivor}/links/{link}     | api:worker     | - | {survivor} {link}
GET    | /api/v1/imports                             | api:worker     | - | -
POST   | /api/v1/imports?filename=people.csv&encoding=utf8 | api:worker | @people.csv | @
GET    | /api/v1/imports/{checked}                   | api:worker     | - | {checked}
GET    | /api/v1/imports/{checked}/issues?from=2&limit=20 | api:worker | - | @ {checked}
POST   | /api/v1/imports/{import}/check              | api:worker     | {"version":{version},"mapping":$IMPORT_MAPPING} | @ {import}
POST   | /api/v1/imports/{checked}/run               | api:worker     | {"version":{version},"duplicates":"skip"} | @ {checked}
POST   | /api/v1/imports/{import}/discard            | api:worker     | {"version":{version}} | @ {import}
GET    | /api/v1/duplicates?status=open&limit=20&offset=0 | api:worker | - | @
POST   | /api/v1/duplicates/scan                     | api:supervisor | - | -
GET    | /api/v1/duplicates/{pair}                   | api:worker     | - | {pair}
POST   | /api/v1/duplicates/{pair}/link              | api:worker     | {"keep":{kept}} | @ {pair}
POST   | /api/v1/duplicates/{pair}/dismiss           | api:worker     | - | {pair}
POST   | /api/v1/households                          | api:worker     | - | -
GET    | /api/v1/households/{household}              | api:worker     | - | {household}
GET    | /api/v1/cases?status=open&person_id={person}&mine=1&open=1&closure_pending=0&limit=20&offset=0 | api:worker | - | @
POST   | /api/v1/cases                               | api:worker     | {"person_id":{member},"worker_id":{owner},"household":true,"opening_reason":"Пришла за помощью с документами","opened_on":"2025-01-10"} | @
GET    | /api/v1/cases/{case}                        | api:worker     | - | {case}
PATCH  | /api/v1/cases/{case}                        | api:worker     | {"version":{version},"status":"closed","opening_reason":"Пришла за помощью с документами","closing_reason":"goals_achieved","outcome":"Жильё и работа найдены","closed_on":"2025-03-01","worker_id":{owner},"household":false,"closure_requested":false} | @ {case}
GET    | /api/v1/cases/{case}/notes                  | api:worker     | - | {case}
POST   | /api/v1/cases/{case}/notes                  | api:worker     | {"text":"Пәтер иесіне қоңырау шалдым","noted_on":"2025-02-01","confidential":true} | @ {case}
POST   | /api/v1/cases/{case}/workers                | api:worker     | {"user_id":{worker}} | @ {case}
DELETE | /api/v1/cases/{case}/workers/{coworker}     | api:worker     | - | {case} {coworker}
GET    | /api/v1/cases/{case}/assessments            | api:worker     | - | {case}
POST   | /api/v1/cases/{case}/assessments            | api:worker     | {"assessed_on":"2025-02-01","summary":"Сначала жильё","needs":{"housing":{"urgency":3,"note":"Ночует у знакомых"}}} | @ {case}
GET    | /api/v1/cases/{case}/recommendations        | api:worker     | - | {case}
POST   | /api/v1/cases/{case}/recommendations/{proposal} | api:worker | {"decision":"changed","function":"capacity","means":"individual","service_kind":"counselling","form":"individual","note":"Кешкі сабақтар"} | @ {case} {proposal}
GET    | /api/v1/cases/{case}/plan                   | api:worker     | - | {case}
POST   | /api/v1/cases/{case}/plan/approval          | api:supervisor | - | {case}
POST   | /api/v1/cases/{case}/goals                  | api:worker     | {"title":"Банк шотын ашу","function":"integration","means":"individual","service_kind":"social_economic","form":"individual"} | @ {case}
PATCH  | /api/v1/cases/{case}/goals/{goal}           | api:worker     | {"status":"achieved"} | @ {case} {goal}
POST   | /api/v1/cases/{case}/goals/{goal}/tasks     | api:worker     | {"title":"Сходить в банк","due_on":"2025-03-01","responsible_id":{owner}} | @ {case} {goal}
PATCH  | /api/v1/cases/{case}/tasks/{task}           | api:worker     | {"status":"done"} | @ {case} {task}
POST   | /api/v1/cases/{case}/reviews                | api:worker     | {"reviewed_on":"2025-02-01","note":"Жильё есть; дальше работа"} | @ {case}
GET    | /api/v1/cases/{case}/services               | api:worker     | - | {case}
POST   | /api/v1/cases/{case}/services               | api:worker     | {"type_id":{loantype},"form":"individual","function":"adaptation","means":"individual","delivered_on":"2025-02-01","result":"Заем на залог за квартиру","goal_id":{goal},"minutes":30,"amount":10000000,"currency":"KZT","installments":3,"first_due_on":"2025-03-01","every_days":30} | @ {case}
GET    | /api/v1/cases/{case}/services/{service}     | api:worker     | - | {case} {service}
POST   | /api/v1/cases/{case}/services/{service}/repayments | api:worker | {"paid_on":"2025-03-01","amount":100} | @ {case} {service}
GET    | /api/v1/cases/{case}/referrals              | api:worker     | - | {case}
GET    | /api/v1/services?service_kind=social_economic&form=individual&function=adaptation&means=individual&from=2025-01-01&to=$TODAY&person_id={person}&mine=1&limit=20&offset=0 | api:worker | - | @
GET    | /api/v1/service-types                       | api:worker     | - | -
GET    | /api/v1/organisations?q=pavlodar&kind=ngo&service_kind=social_legal&region=KZ-55&include_inactive=1&limit=20&offset=0 | api:admin | - | @
POST   | /api/v1/organisations                       | api:admin      | {$PARTNER_JSON} | @
GET    | /api/v1/organisations/{partner}             | api:worker     | - | {partner}
PATCH  | /api/v1/organisations/{partner}             | api:admin      | {"version":{version},$PARTNER_JSON} | @ {partner}
GET    | /api/v1/referrals?direction=sent&status=sent&mine=0&limit=20&offset=0 | api:worker | - | @
POST   | /api/v1/referrals                           | api:worker     | {"case_id":{case},"organisation_id":{recipient},"service_kind":"social_legal","message":"Нужен юрист для вида на жительство","share_contact":true,"expires_on":"$EXPIRES"} | @
GET    | /api/v1/referrals/{referral}                | api:worker     | - | {referral}
PATCH  | /api/v1/referrals/{accepted}                | api:ngo-worker | {"version":2,"status":"completed","on":"$TODAY","outcome":"Виза продлена"} | @ {accepted}
GET    | /api/v1/centres                             | api:worker     | - | -
POST   | /api/v1/centres                             | api:supervisor | {$CENTRE_JSON} | @
GET    | /api/v1/centres/{centre}                    | api:worker     | - | {centre}
PATCH  | /api/v1/centres/{centre}                    | api:supervisor | {"version":{version},$CENTRE_JSON} | @ {centre}
POST   | /api/v1/centres/{centre}/rooms              | api:supervisor | {"name":"{fresh}","beds":2,"note":"Екінші қабат"} | @ {centre}
POST   | /api/v1/centres/{centre}/placements         | api:worker     | {"person_id":{person},"bed_id":{bed},"check_in":"$TODAY","planned_out":"$EXPIRES","note":"Үш адамдық отбасы"} | @ {centre}
POST   | /api/v1/centres/{centre}/checkout           | api:worker     | {"placements":[{stay}],"date":"$TODAY"} | @ {centre}
GET    | /api/v1/centres/{centre}/presence           | api:worker     | - | {centre}
POST   | /api/v1/centres/{centre}/presence           | api:worker     | {"placements":[{stay}]} | @ {centre}
POST   | /api/v1/centres/{centre}/waiting            | api:worker     | {"person_id":{person},"since":"$TODAY","note":"Бірінші қабат керек"} | @ {centre}
POST   | /api/v1/centres/{centre}/waiting/{waiting}/withdraw | api:worker | - | {centre} {waiting}
GET    | /api/v1/persons/{stayer}/placements         | api:worker     | - | {stayer}
GET    | /api/v1/persons/{joiner}/groups             | api:worker     | - | {joiner}
GET    | /api/v1/persons/{participant}/events        | api:worker     | - | {participant}
GET    | /api/v1/persons/{enrolled}/enrolments       | api:worker     | - | {enrolled}
GET    | /api/v1/persons/{screened}/screenings       | api:worker     | - | {screened}
POST   | /api/v1/persons/{person}/screenings         | api:worker     | {"instrument":"ilo_forced_labour","answers":["deception","isolation"],"finding":"likely","finding_reason":"Жұмыс беруші паспортын ұстап отыр"} | @ {person}
GET    | /api/v1/persons/{screened}/screenings/{screening} | api:worker | - | {screened} {screening}
GET    | /api/v1/instruments                         | api:worker     | - | -
GET    | /api/v1/persons/{person}/integration       | api:worker     | - | {person}
POST   | /api/v1/persons/{person}/integration       | api:worker     | {"kind":"intake","reviewed_on":"$TODAY","note":"Бірінші кездесу","domains":{"work":{"status":2,"indicator":"Жұмыс шарты","evidence":"Шарт көрілді"},"housing":{"status":"stable"}}} | @ {person}
GET    | /api/v1/integration/cohort?category=kandas&region=KZ-75&programme_id=1&arrival_year=2025 | api:worker | - | -
GET    | /api/v1/reports?measure=persons&rows=age_band&cols=month&from=2026-01-01&to=$TODAY | api:analyst | - | @
GET    | /api/v1/reports/monthly?month=2025-12&format=json | api:supervisor | - | @
GET    | /api/v1/reports/programme?programme=1&year=2025&format=json | api:analyst | - | @
GET    | /api/v1/reports/cohort?category=kandas&region=KZ-75&programme=1&arrival_year=2025&format=json | api:worker | - | @
GET    | /api/v1/dashboard                          | api:supervisor | - | -
GET    | /api/v1/persons/{employed}/employments    | api:worker     | - | {employed}
GET    | /api/v1/persons/{person}/skills            | api:worker     | - | {person}
POST   | /api/v1/persons/{person}/skills            | api:worker     | {"kind":"work","occupation":"71","title":"Сылақшы","place":"Ташкент","from_year":2015,"to_year":2020,"note":"Бригадир болған"} | @ {person}
DELETE | /api/v1/persons/{skilled}/skills/{skill}   | api:worker     | - | {skilled} {skill}
GET    | /api/v1/persons/{person}/vacancies?min_score=20 | api:worker | - | {person}
GET    | /api/v1/employers?all=1                     | api:worker     | - | -
POST   | /api/v1/employers                           | api:worker     | {"name":"ЖШС Құрылыс","bin":"000740000728","region":"KZ-75","address":"Алматы","contact":"Бас инженер","phone":"+7 701 000 00 00","note":"Жатақхана бар"} | @
GET    | /api/v1/employers/{employer}                | api:worker     | - | {employer}
PATCH  | /api/v1/employers/{employer}                | api:worker     | {"version":{version},"name":"ЖШС Құрылыс","region":"KZ-75","active":true} | @ {employer}
GET    | /api/v1/vacancies?status=open&region=KZ-75&occupation=71&employer_id={employer} | api:worker | - | {employer}
POST   | /api/v1/vacancies                           | api:worker     | {"employer_id":{employer},"title":"Сылақшы","occupation":"71","region":"KZ-75","wage":30000000,"hours_per_week":40,"housing":true,"languages":["kk","ru"],"places":3,"opened_on":"$TODAY","note":"Тәжірибе керек"} | @ {employer}
GET    | /api/v1/vacancies/{vacancy}                 | api:worker     | - | {vacancy}
PATCH  | /api/v1/vacancies/{vacancy}                 | api:worker     | {"version":{version},"title":"Сылақшы","status":"open"} | @ {vacancy}
GET    | /api/v1/vacancies/{vacancy}/candidates?min_score=20 | api:worker | - | {vacancy}
POST   | /api/v1/employments                         | api:worker     | {"person_id":{person},"employer_id":{employer},"job_title":"Сылақшы","occupation":"71","region":"KZ-75","wage":8499999,"hours_per_week":48,"started_on":"2026-02-01","contract":"oral","documents_held_by":"employer","note":"Паспорты жұмыс берушіде"} | @ {person} {employer}
GET    | /api/v1/employments/{employment}            | api:worker     | - | {employment}
PATCH  | /api/v1/employments/{employment}            | api:worker     | {"version":{version},"wage":9000000,"hours_per_week":40} | @ {employment}
GET    | /api/v1/labour-alerts?open=0&person_id={employed} | api:worker | - | {employed}
POST   | /api/v1/labour-alerts/{alert}/resolve       | api:worker     | {"resolution":"Паспорт қайтарылды"} | @ {alert}
GET    | /api/v1/minimum-wages                       | api:worker     | - | -
POST   | /api/v1/minimum-wages                       | api:admin      | {"valid_from":"2099-01-01","amount":9000000} | @
GET    | /api/v1/groups                              | api:worker     | - | -
POST   | /api/v1/groups                              | api:worker     | {$GROUP_JSON} | @
GET    | /api/v1/groups/{group}                      | api:worker     | - | {group}
PATCH  | /api/v1/groups/{group}                      | api:worker     | {"version":{version},$GROUP_JSON} | @ {group}
POST   | /api/v1/groups/{group}/members              | api:worker     | {"person_id":{person},"joined_on":"$TODAY","note":"Апасымен бірге келді"} | @ {group}
POST   | /api/v1/groups/{group}/members/{membership}/leave | api:worker | {"date":"$TODAY"} | @ {group} {membership}
POST   | /api/v1/groups/{group}/sessions             | api:worker     | {"held_on":"$TODAY","topic":"Еңбек құқықтары","unregistered":2,"note":"Екеуі көршісімен келді","present":[{joiner}]} | @ {group}
GET    | /api/v1/groups/{group}/sessions/{session}   | api:worker     | - | {group} {session}
PATCH  | /api/v1/groups/{group}/sessions/{session}   | api:worker     | {"held_on":"$TODAY","topic":"Еңбек құқықтары","unregistered":3,"note":"Біреуі кешігіп келді","present":[{joiner}]} | @ {group} {session}
GET    | /api/v1/campaigns                           | api:worker     | - | -
POST   | /api/v1/campaigns                           | api:supervisor | {$CAMPAIGN_JSON} | @
GET    | /api/v1/campaigns/{campaign}                | api:worker     | - | {campaign}
PATCH  | /api/v1/campaigns/{campaign}                | api:supervisor | {"version":{version},$CAMPAIGN_JSON} | @ {campaign}
POST   | /api/v1/campaigns/{campaign}/donations      | api:supervisor | {"donor":"Алматы кәсіпкерлер қауымдастығы","donor_kind":"organisation","kind":"money","amount":500000,"currency":"KZT","received_on":"$TODAY","description":"Қорға аударым","note":"Форумда уәде етілген"} | @ {campaign}
POST   | /api/v1/campaigns/{campaign}/spendings      | api:supervisor | {"amount":100,"currency":"KZT","spent_on":"$TODAY","purpose":"Қысқы аяқ киім","note":"Екі жұп","services":[{service}]} | @ {campaign}
GET    | /api/v1/events?kind=round_table             | api:worker     | - | @
POST   | /api/v1/events                              | api:worker     | {$EVENT_JSON} | @
GET    | /api/v1/events/{event}                      | api:worker     | - | {event}
PATCH  | /api/v1/events/{event}                      | api:worker     | {"version":{version},$EVENT_JSON} | @ {event}
POST   | /api/v1/events/{event}/participants         | api:worker     | {"person_id":{person},"role":"speaker"} | @ {event}
DELETE | /api/v1/events/{event}/participants/{participant} | api:worker | - | {event} {participant}
GET    | /api/v1/programmes                          | api:worker     | - | -
POST   | /api/v1/programmes                          | api:admin      | {$PROGRAMME_JSON} | @
GET    | /api/v1/programmes/{programme}?year=$YEAR   | api:worker     | - | @ {programme}
PATCH  | /api/v1/programmes/{programme}              | api:admin      | {"version":{version},$PROGRAMME_JSON} | @ {programme}
POST   | /api/v1/programmes/{programme}/quotas       | api:admin      | {"region":"KZ-75","year":$YEAR,"quota":900} | @ {programme}
POST   | /api/v1/programmes/{programme}/enrolments   | api:worker     | {"person_id":{person},"region":"KZ-75","year":$YEAR,"family_size":2,"enrolled_on":"$TODAY","note":"Күйеуімен бірге келді"} | @ {programme}
GET    | /api/v1/programmes/{programme}/enrolments/{enrolment} | api:worker | - | {programme} {enrolment}
POST   | /api/v1/programmes/{programme}/enrolments/{enrolment}/withdraw | api:worker | {"date":"$TODAY"} | @ {programme} {enrolment}
POST   | /api/v1/programmes/{programme}/enrolments/{enrolment}/support | api:worker | {"kind":"other","amount":150000,"given_on":"$TODAY","note":"Жол ақысы"} | @ {programme} {enrolment}
GET    | /api/v1/entitlements?family_size=2&year=$YEAR&on=$TODAY | api:worker | - | @
GET    | /api/v1/resettler-orgs                      | api:worker     | - | -
POST   | /api/v1/resettler-orgs                      | api:worker     | {$RESETTLERS_JSON} | @
GET    | /api/v1/resettler-orgs/{resettlers}         | api:worker     | - | {resettlers}
PATCH  | /api/v1/resettler-orgs/{resettlers}         | api:worker     | {"version":{version},$RESETTLERS_JSON} | @ {resettlers}
POST   | /api/v1/resettler-orgs/{resettlers}/steps   | api:worker     | {"step":"charter_drafted","done_on":"$TODAY","note":"Жарғы жобасы талқыланды"} | @ {resettlers}
GET    | /api/v1/councils                            | api:worker     | - | -
POST   | /api/v1/councils                            | api:worker     | {$COUNCIL_JSON} | @
GET    | /api/v1/councils/{council}                  | api:worker     | - | {council}
PATCH  | /api/v1/councils/{council}                  | api:worker     | {"version":{version},$COUNCIL_JSON} | @ {council}
POST   | /api/v1/councils/{council}/meetings         | api:worker     | {"held_on":"$TODAY","place":"Алматы, әкімдік","agenda":"Кандастарды тұрғын үймен қамту","minutes":"Тұрғын үй басқармасы тыңдалды"} | @ {council}
GET    | /api/v1/councils/{council}/meetings/{meeting} | api:worker   | - | {council} {meeting}
POST   | /api/v1/councils/{council}/meetings/{meeting}/decisions | api:worker | {"text":"Тіл курстарына кешкі топ ашу","status":"adopted","due_on":"$EXPIRES","note":"Білім басқармасымен бірге"} | @ {council} {meeting}
PATCH  | /api/v1/councils/{council}/meetings/{meeting}/decisions/{decision} | api:worker | {"text":"Тіл курстарына кешкі топ ашу","status":"in_progress","due_on":"$EXPIRES","note":"Топ жиналып жатыр"} | @ {council} {meeting} {decision}
GET    | /api/v1/proposals                           | api:worker     | - | -
POST   | /api/v1/proposals                           | api:worker     | {$PROPOSAL_JSON,"meeting_id":{meeting}} | @
GET    | /api/v1/proposals/{policy}                  | api:worker     | - | {policy}
PATCH  | /api/v1/proposals/{policy}                  | api:worker     | {"version":{version},$PROPOSAL_JSON,"meeting_id":{meeting}} | @ {policy}
GET    | /api/v1/cases/{case}/deadlines              | api:worker     | - | {case}
GET    | /api/v1/deadlines                           | api:worker     | - | -
GET    | /api/v1/reference                           | api:worker     | - | header:Accept-Language
GET    | /api/v1/reference/{list}                    | api:worker     | - | {list}
GET    | /api/v1/openapi.json                        | anon           | - | -
EOF
)

trim() { local s=$1; s=${s#"${s%%[![:space:]]*}"}; s=${s%"${s##*[![:space:]]}"}; printf '%s' "$s"; }
is_json() { [[ $1 == '{'* ]]; }

# Every query and body parameter of a row (not _csrf), in order.
params_of() { # path body
	local path=$1 body=$2 q='' kv
	[[ $path == *\?* ]] && q=${path#*\?}
	if [[ -n $q ]]; then
		local IFS='&'
		for kv in $q; do echo "${kv%%=*}"; done
	fi
	if [[ $body == - || $body == @* ]]; then
		return
	elif is_json "$body"; then
		# The JSON members holding a value, by path (documents[0].number; an array of
		# strings by its name); placeholders such as {version} are not JSON: 1 to parse.
		sed 's/{[a-z]*}/1/g' <<<"$body" |
			jq -r 'paths(type != "object" and type != "array") |
				map(if type == "number" then "[\(.)]" else ".\(.)" end) | join("") |
				ltrimstr(".") | sub("\\[[0-9]+\\]$"; "")' |
			awk '!seen[$0]++'
	else
		local IFS='&'
		for kv in $body; do [[ ${kv%%=*} == _csrf ]] || echo "${kv%%=*}"; done
	fi
}

# The runs: "row-number<TAB>input" for each input of each row.
RUNS=()
ROWS=()
while IFS= read -r line; do
	[[ -z $(trim "$line") ]] && continue
	ROWS+=("$line")
done <<<"$ROUTES"
for i in "${!ROWS[@]}"; do
	IFS='|' read -r m p as body inputs <<<"${ROWS[$i]}"
	m=$(trim "$m"); p=$(trim "$p"); as=$(trim "$as"); body=$(trim "$body"); inputs=$(trim "$inputs")
	list=()
	for x in $inputs; do
		if [[ $x == @ ]]; then
			while IFS= read -r y; do [[ -n $y ]] && list+=("$y"); done < <(params_of "$p" "$body")
		elif [[ $x != - ]]; then
			list+=("$x")
		fi
	done
	((${#list[@]})) || list=(-)
	for x in "${list[@]}"; do
		if [[ -n $ONLY ]] && ! [[ "$m ${p%%\?*} $x" =~ $ONLY ]]; then continue; fi
		RUNS+=("$i"$'\t'"$x")
	done
done
# Whether the table names the routes of FILE (src/http/routes.c), placeholders aside; if not,
# says which differ.
routes_match() { # FILE
	local a b
	a=$(grep -oE '^[[:space:]]*\{ "[A-Z]+", "/[^"]*"' "$1" |
		sed -E 's/^[[:space:]]*\{ "([A-Z]+)", "([^"]*)"/\1 \2/; s/\{[a-z]+\}/{}/g' | sort)
	b=$(for r in "${ROWS[@]}"; do
		IFS='|' read -r m p _ <<<"$r"
		echo "$(trim "$m") $(trim "${p%%\?*}")"
	done | sed -E 's/\{[a-z]+\}/{}/g' | sort)
	[[ -n $a && $a == "$b" ]] && return 0
	echo "attack: the ROUTES table and src/http/routes.c differ (< routes.c only, > table only):" >&2
	diff <(echo "$a") <(echo "$b") | grep '^[<>]' >&2 || true
	return 1
}
if ((LIST)); then
	if [[ -n ${ATTACK_REF:-} ]]; then
		routes_match <(git -C "$ROOT" show "$ATTACK_REF:src/http/routes.c") || exit 1
	else
		routes_match "$ROOT/src/http/routes.c" || exit 1
	fi
	for r in "${RUNS[@]}"; do
		i=${r%%$'\t'*}
		IFS='|' read -r m p as _ <<<"${ROWS[$i]}"
		printf '%-7s %-48s %-26s %s\n' "$(trim "$m")" "$(trim "${p%%\?*}")" "${r#*$'\t'}" "$(trim "$as")"
	done
	echo "${#RUNS[@]} runs" >&2
	exit 0
fi
((${#RUNS[@]})) || { echo "attack: ATTACK_ONLY=$ONLY selects nothing" >&2; exit 2; }

# --- Setup ------------------------------------------------------------------------------------
T=$(mktemp -d /tmp/komek-attack.XXXXXX)
PIDS=()
START=$SECONDS
log() { printf '[%4ds] %s\n' $((SECONDS - START)) "$*" >&2; }

kill_tree() { # pid: the process and its children (sqlmap runs in a subshell)
	local c
	for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do kill_tree "$c"; done
	kill -TERM "$1" 2>/dev/null || true
}
cleanup() {
	local p
	for p in $(jobs -p) "${PIDS[@]}"; do kill_tree "$p"; done
	for p in $(jobs -p) "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
	if [[ ${ATTACK_KEEP:-0} == 1 ]]; then
		echo "kept $T" >&2
	else
		rm -rf "$T"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

apt_missing=()
command -v sqlmap >/dev/null || apt_missing+=(sqlmap)
command -v curl >/dev/null || apt_missing+=(curl)
command -v jq >/dev/null || apt_missing+=(jq)
command -v sqlite3 >/dev/null || apt_missing+=(sqlite3)
command -v ps >/dev/null || apt_missing+=(procps)
if ((${#apt_missing[@]})); then
	log "installing ${apt_missing[*]}"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		"${apt_missing[@]}" >/dev/null
fi
"$ROOT/scripts/install-deps.sh" >&2 # the compilers and libraries (nothing if all are there)
SQLMAP_VERSION=$(sqlmap --version 2>/dev/null | head -1 | sed 's/#.*//')

# The work tree by default; with ATTACK_REF=COMMIT that commit, exported and built in the
# temporary directory.
SRC=$ROOT
KBUILD=$BUILD
((SANITIZE)) && KBUILD=$BUILD/asan
if [[ -n ${ATTACK_REF:-} ]]; then
	SRC=$T/src
	KBUILD=$T/build
	mkdir -p "$SRC"
	git -C "$ROOT" archive "$ATTACK_REF" | tar -x -C "$SRC"
	COMMIT=$(git -C "$ROOT" rev-parse --short "$ATTACK_REF")
	DIRTY=0
else
	COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
	DIRTY=$(git -C "$ROOT" status --porcelain --untracked-files=no -- src CMakeLists.txt 2>/dev/null | wc -l)
fi
if ((SANITIZE)); then
	BUILD_WHAT="ASan+UBSan build (clang, Debug)"
	log "building komek, $BUILD_WHAT, from $SRC in $KBUILD"
	cmake -S "$SRC" -B "$KBUILD" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug \
		-DKOMEK_SANITIZE=ON >"$T/build.log" 2>&1 || { tail -30 "$T/build.log" >&2; exit 1; }
else
	BUILD_WHAT="$BUILD_TYPE build"
	log "building komek, $BUILD_WHAT, from $SRC in $KBUILD"
	cmake -S "$SRC" -B "$KBUILD" -DCMAKE_BUILD_TYPE="$BUILD_TYPE" >"$T/build.log" 2>&1 ||
		{ tail -30 "$T/build.log" >&2; exit 1; }
fi
cmake --build "$KBUILD" -j2 --target komek >>"$T/build.log" 2>&1 || { tail -30 "$T/build.log" >&2; exit 1; }

# The table and routes.c must name the same routes (placeholders aside): a route added to
# routes.c and not here fails the run (and --list).
routes_match "$SRC/src/http/routes.c" || exit 1

DB=$T/komek.db
"$KBUILD/komek" --db "$DB" demo >"$T/demo.log" 2>&1 || { cat "$T/demo.log" >&2; exit 1; }

. "$ROOT/scripts/ports.sh"
KOMEK_PORT=$(pick_port 18380 28380 38380 48380)
CONTROL_PORT=$(pick_port 18381 28381 38381 48381)

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
"$KBUILD/komek" --db "$DB" serve --listen "127.0.0.1:$KOMEK_PORT" >"$T/komek.log" 2>&1 &
KOMEK_PID=$!
PIDS+=("$KOMEK_PID")
wait_port "$KOMEK_PORT" "$KOMEK_PID" || { cat "$T/komek.log" >&2; exit 1; }
K=http://127.0.0.1:$KOMEK_PORT

# --- Sessions (once per role; reused by every run) --------------------------------------------
hidden_csrf() { grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//'; }
web_login() { # role -> "SESSION CSRF"
	local jar=$T/jar.$1.$RANDOM csrf session
	curl -sf -c "$jar" -b "$jar" "$K/login" -o "$jar.html"
	csrf=$(hidden_csrf <"$jar.html")
	curl -sf -c "$jar" -b "$jar" -o /dev/null --data-urlencode "_csrf=$csrf" \
		--data-urlencode "login=$1" --data-urlencode "password=$PASSWORD" "$K/login"
	session=$(awk '$6 == "komek_session" { print $7 }' "$jar")
	[[ -n $session ]] || { echo "attack: web login as $1 failed" >&2; return 1; }
	# The session's own CSRF token, from the hidden field of any page's forms.
	csrf=$(curl -sfL -b "komek_session=$session" "$K/" | hidden_csrf)
	[[ -n $csrf ]] || { echo "attack: no CSRF token in $1's page" >&2; return 1; }
	echo "$session $csrf"
}
api_login() { # role -> token
	local tok
	tok=$(curl -sf -X POST -H 'Content-Type: application/json' \
		-d "{\"login\":\"$1\",\"password\":\"$PASSWORD\"}" "$K/api/v1/session" | jq -r .token)
	[[ -n $tok && $tok != null ]] || { echo "attack: API login as $1 failed" >&2; return 1; }
	echo "$tok"
}
declare -A SESSION CSRF TOKEN
for r in "${ROWS[@]}"; do
	IFS='|' read -r _ _ as _ <<<"$r"
	as=$(trim "$as")
	case $as in
	web:*) [[ -n ${SESSION[${as#web:}]:-} ]] || read -r "SESSION[${as#web:}]" "CSRF[${as#web:}]" < <(web_login "${as#web:}") ;;
	esac
done
for r in "${ROWS[@]}"; do
	IFS='|' read -r _ _ as _ <<<"$r"
	as=$(trim "$as")
	case $as in api:*) [[ -n ${TOKEN[${as#api:}]:-} ]] || TOKEN[${as#api:}]=$(api_login "${as#api:}") ;; esac
done
# The fixtures act through the API as these (and through the web as worker, supervisor, admin).
for r in worker supervisor admin ngo-worker; do [[ -n ${TOKEN[$r]:-} ]] || TOKEN[$r]=$(api_login "$r"); done
ANON_JAR=$T/jar.anon
curl -sf -c "$ANON_JAR" "$K/login" -o "$T/login.html"
ANON_CSRF=$(hidden_csrf <"$T/login.html")
[[ -n $ANON_CSRF ]] || { echo "attack: no pre-login CSRF token" >&2; exit 1; }
for r in "${!SESSION[@]}"; do [[ -n ${SESSION[$r]} ]] || { echo "attack: no session for $r" >&2; exit 1; }; done
for r in "${!TOKEN[@]}"; do [[ -n ${TOKEN[$r]} ]] || { echo "attack: no API token for $r" >&2; exit 1; }; done
for r in worker supervisor admin; do [[ -n ${SESSION[$r]:-} ]] || { echo "attack: no session for $r" >&2; exit 1; }; done
db() { sqlite3 -cmd '.timeout 10000' "$DB" "$1"; } # a read while the server writes
uid() { db "SELECT id FROM users WHERE login = '$1'"; }
PSYCHOLOGIST_ID=$(uid psychologist)
WORKER_ID=$(uid worker)
NGO_PARTNER=$(db "SELECT p.id FROM partners p JOIN users u ON u.org_id = p.org_id WHERE u.login = 'ngo-worker'")
CASH_TYPE=$(db "SELECT id FROM service_types WHERE label_en = 'cash assistance' AND material = 1")
LOAN_TYPE=$(db "SELECT id FROM service_types WHERE label_en = 'loan' AND loan = 1")
for r in PSYCHOLOGIST_ID WORKER_ID NGO_PARTNER CASH_TYPE LOAN_TYPE; do
	[[ ${!r} =~ ^[0-9]+$ ]] || { echo "attack: no $r in the demo data" >&2; exit 1; }
done
log "server on $K; sessions for ${!SESSION[*]}; API tokens for ${!TOKEN[*]}"

IMPORT_LOCK=$T/import.lock IMPORT_LAST=$T/import.last

# Helpers for the --eval of sqlmap (see the top of this file): each runs before every request.
cat >"$T/komek_eval.py" <<EOF
import fcntl, json, random, re, sqlite3, time, urllib.request, uuid
TOKENS = {"worker": "${TOKEN[worker]}", "ngo-worker": "${TOKEN[ngo-worker]}"}
def call(method, path, body=None, who="worker"):
    data = json.dumps(body).encode() if body is not None else None
    r = urllib.request.Request("$K" + path, data=data, method=method,
                               headers={"Authorization": "Bearer " + TOKENS[who],
                                        "Content-Type": "application/json"})
    with urllib.request.urlopen(r, timeout=30) as f:
        data = f.read()
        return json.loads(data) if data else None  # 204: no body
# The version of a record as it is now (the fixtures' own records; read from the database).
def version(table, rid):
    assert table in ("persons", "cases", "recommendation_rules", "partners", "imports",
                     "centres", "work_groups", "campaigns", "events", "programmes",
                     "resettler_orgs", "councils", "policy_proposals", "employers",
                     "vacancies", "employments")
    db = sqlite3.connect("$DB", timeout=30)
    try:
        return db.execute("SELECT version FROM " + table + " WHERE id = ?", (rid,)).fetchone()[0]
    finally:
        db.close()
def fresh():
    return "sq" + uuid.uuid4().hex[:16]
# What a removal uses up, put back before every request so that the original request still
# finds it (a removal's path names it by id): a person's skill row, written into the database
# as it was (the row is the fixture's own); a person named at an event again (named already:
# refused, which is as good).
def restore_skill(sid, person):
    db = sqlite3.connect("$DB", timeout=30)
    try:
        db.execute("INSERT OR IGNORE INTO person_skills (id, person_id, kind, title, created_at)"
                   " VALUES (?, ?, 'skill', 'Fixture skill', 0)", (sid, person))
        db.commit()
    finally:
        db.close()
def rename(event, person):
    try:
        call("POST", "/api/v1/events/%d/participants" % event, {"person_id": person})
    except Exception:
        pass
# A path the code changed: sqlmap (1.7) sends each variable that --eval changed as a member of
# the body too, and a JSON API refuses an unknown member "uri" (so every request would be
# refused). A str that compares as unchanged is used as the URL all the same.
class NewPath(str):
    def __ne__(self, other):
        return False
def fresh_person(uri, old):
    new = call("POST", "/api/v1/persons",
               {"family_name": "Жұмабаева", "given_name": "Ләззат", "sex": "female",
                "birth_date": "1979-11-02", "citizenship": "CN", "region": "KZ-10",
                "confirm_new": True})["id"]
    return NewPath(uri.replace("/persons/%d/" % old, "/persons/%d/" % new, 1))
# A new referral from the case to the partner in place of old at the end of the path; taken
# by the receiving organisation's worker first if accepted.
def fresh_referral(uri, old, case, partner, accepted):
    new = call("POST", "/api/v1/referrals",
               {"case_id": case, "organisation_id": partner, "service_kind": "social_legal"})["id"]
    if accepted:
        call("PATCH", "/api/v1/referrals/%d" % new, {"version": 1, "status": "accepted"},
             "ngo-worker")
    tail = "/referrals/%d" % old
    assert uri.endswith(tail)
    return NewPath(uri[:-len(tail)] + "/referrals/%d" % new)
# Something for the route to use up: a goal that the plan's approval waits for, a co-worker
# on the case's team to take off.
def add_goal(case):
    call("POST", "/api/v1/cases/%d/goals" % case, {"title": "Тіркеуге тұру"})
# A new case of the person in place of old_case in the path, and a goal of it in place of
# old_goal if there is one.
def fresh_case(uri, person, old_case, old_goal):
    new = call("POST", "/api/v1/cases", {"person_id": person, "opened_on": "2025-01-10",
                                         "opening_reason": "Fixture case"})["id"]
    uri = uri.replace("/cases/%d/" % old_case, "/cases/%d/" % new, 1)
    if old_goal:
        plan = call("POST", "/api/v1/cases/%d/goals" % new, {"title": "Тұрғын үй табу"})
        goal = max(g["id"] for g in plan["goals"])
        uri = uri.replace("/goals/%d/" % old_goal, "/goals/%d/" % goal, 1)
    return NewPath(uri)
def add_coworker(case, user):
    call("POST", "/api/v1/cases/%d/workers" % case, {"user_id": user})
# Public work: a new resettlers' organisation in place of old in the path of its steps, and a
# new meeting of the council in place of old in the path of its decisions (their API answers
# list every step and every decision).
def fresh_resettlers(uri, old):
    new = call("POST", "/api/v1/resettler-orgs",
               {"name": "Fixture resettlers " + fresh(), "kind": "public_association"})["id"]
    return NewPath(uri.replace("/resettler-orgs/%d/" % old, "/resettler-orgs/%d/" % new, 1))
def fresh_meeting(uri, council, old):
    new = call("POST", "/api/v1/councils/%d/meetings" % council,
               {"held_on": "2025-01-10", "agenda": "Fixture agenda"})["id"]
    return NewPath(uri.replace("/meetings/%d/" % old, "/meetings/%d/" % new, 1))
# The live links that person survives (GET answers the links either way round).
def links_of(person):
    return [l["id"] for l in call("GET", "/api/v1/persons/%d/links" % person)["items"]
            if l["survivor_id"] == person]
# A link undone, so that the pair's records can be linked again.
def unlink(person):
    for link in links_of(person):
        call("DELETE", "/api/v1/persons/%d/links/%d" % (person, link))
# The records of the pair linked again (keeping person) if a request undid the link, and the
# live link's id in place of old in the path (in front of the payload when the link's id is
# the input under test).
def relink(uri, pair, person, old):
    live = links_of(person)
    new = live[0] if live else call("POST", "/api/v1/duplicates/%d/link" % pair,
                                    {"keep": person})["link_id"]
    return NewPath(re.sub(r"/links/%d(?!\d)" % old, "/links/%d" % new, uri, count=1))
# Imports (see the top of this file): the lock that whatever starts a job holds, the file
# naming the import whose job was last started, and waiting for the jobs to end.
LOCK, LAST = "$IMPORT_LOCK", "$IMPORT_LAST"
def job_over(iid):
    x = call("GET", "/api/v1/imports/%d" % iid)
    return x["progress"] is None and x["status"] not in ("checking", "running")
def imports_idle():
    deadline = time.time() + 60
    while True:
        try:
            with open(LAST) as f:
                last = int(f.read().strip() or 0)
        except (OSError, ValueError):
            last = 0
        db = sqlite3.connect("$DB", timeout=30)
        try:
            busy = db.execute("SELECT count(*) FROM imports"
                              " WHERE status IN ('checking', 'running')").fetchone()[0]
        finally:
            db.close()
        if not busy and (not last or job_over(last)):
            return
        if time.time() > deadline:
            raise RuntimeError("an import's check or run did not end within 60 s")
        time.sleep(0.02)
def job_starts(iid):
    with open(LAST, "w") as f:
        f.write("%d\n" % iid)
_lock = None
# Before a request that may start a job for import iid: the lock (given up first if this
# process held it, so that other runs' fixtures get their turn), and no job running.
def import_turn(iid):
    global _lock
    if _lock is None:
        _lock = open(LOCK, "a")
    else:
        fcntl.flock(_lock, fcntl.LOCK_UN)
        time.sleep(0.005)  # a waiter's turn (flock would hand it back at once)
    fcntl.flock(_lock, fcntl.LOCK_EX)
    imports_idle()
    job_starts(iid)
def made_up(syllables):
    return "".join(random.choice("bdgklmnprstvz") + random.choice("aiu")
                   for _ in range(syllables)).capitalize()
# A new import in place of old in the path (in front of the payload when the id is the input
# under test), uploaded as the fixtures' are, and checked if checked (under the lock that
# import_turn took).
def fresh_import(uri, old, checked):
    csv = ("family_name,given_name,sex,birth_date,region,categories\n"
           "%sev,%s,male,1990-05-17,KZ-63,kandas\n"
           "Qatova,,female,31.02.1990,KZ-75,labour_migrant\n" % (made_up(3), made_up(2)))
    r = urllib.request.Request("$K/api/v1/imports?filename=fixture.csv", data=csv.encode(),
                               method="POST",
                               headers={"Authorization": "Bearer " + TOKENS["worker"],
                                        "Content-Type": "text/csv"})
    with urllib.request.urlopen(r, timeout=30) as f:
        new = json.load(f)["id"]
    if checked:
        job_starts(new)
        call("POST", "/api/v1/imports/%d/check" % new, {"version": 1, "mapping": $IMPORT_MAPPING})
        imports_idle()
        assert version("imports", new) == 3, "the new import's check failed"
    return NewPath(re.sub(r"/imports/%d(?!\d)" % old, "/imports/%d" % new, uri, count=1))
EOF

# --- Fixtures: fresh records for a run ----------------------------------------------------------
api_as() { # role method path [json] -> body
	local a=(-sf -X "$2" -H "Authorization: Bearer ${TOKEN[$1]}")
	[[ -n ${4:-} ]] && a+=(-H 'Content-Type: application/json' -d "$4")
	curl "${a[@]}" "$K$3"
}
api() { api_as worker "$@"; } # method path [json] -> body
web_post() { # role path body
	local code
	code=$(curl -s -o /dev/null -w '%{http_code}' -b "komek_session=${SESSION[$1]}" \
		--data "_csrf=${CSRF[$1]}&$3" "$K$2")
	[[ $code == 303 ]] || { echo "attack: fixture POST $2 as $1 answered $code" >&2; return 1; }
}
new_person() { # [household] -> id: a kandas without Kazakh (the demo rules propose a course)
	api POST /api/v1/persons '{"family_name":"Омаров","given_name":"Бекзат","sex":"male","birth_date":"1985-01-20","citizenship":"MN","categories":["kandas"],"lang_kk":"none","region":"KZ-63","confirm_new":true'"${1:+,\"household_id\":$1,\"household_relation\":\"head\"}"'}' | jq -r .id
}
new_name() { # syllables -> a made-up name: no other record's, nor alike in sound
	local c=bdgklmnprstvz v=aiu s='' i
	for ((i = 0; i < $1; i++)); do s+=${c:RANDOM % 13:1}${v:RANDOM % 3:1}; done
	printf '%s' "${s^}"
}
new_pair() { # -> "pair first": an open pair of likely duplicates (see the top of this file)
	local n=$RANDOM year md who a b
	year=$((1960 + n % 40)) md=$(printf '%02d-%02d' $((1 + n / 40 % 12)) $((1 + n / 480 % 28)))
	who="\"family_name\":\"$(new_name 3)ova\",\"given_name\":\"$(new_name 3)\",\"sex\":\"female\",\"citizenship\":\"KG\",\"region\":\"KZ-75\",\"confirm_new\":true"
	a=$(api POST /api/v1/persons "{$who,\"birth_date\":\"$year-$md\"}" | jq -r .id)
	b=$(api POST /api/v1/persons "{$who,\"birth_date\":\"$((year - 20))-$md\"}" | jq -r .id)
	[[ $a =~ ^[0-9]+$ && $b =~ ^[0-9]+$ ]] || return 1
	api PATCH "/api/v1/persons/$b" "{\"version\":1,\"birth_date\":\"$year-$md\"}" >/dev/null &&
		api_as admin POST /api/v1/duplicates/scan >/dev/null || return 1
	echo "$(db "SELECT id FROM duplicate_pairs WHERE first_id = $a AND second_id = $b AND status = 'open'") $a"
}
# Imports (see the top of this file). Whether the job of import $1 is over, as the server says.
import_over() { # id
	api GET "/api/v1/imports/$1" | jq -e '.progress == null and (.status | IN("checking", "running") | not)' >/dev/null
}
imports_idle() { # waits (60 s at most) until no check or import runs
	local i last
	for ((i = 0; i < 3000; i++)); do
		last=$(cat "$IMPORT_LAST" 2>/dev/null || true)
		if [[ $(db "SELECT count(*) FROM imports WHERE status IN ('checking', 'running')") == 0 ]] &&
			{ [[ -z $last ]] || import_over "$last"; }; then
			return 0
		fi
		sleep 0.02
	done
	echo "attack: an import's check or run did not end within 60 s" >&2
	return 1
}
new_import() { # [checked] -> id: uploaded by the worker (and checked)
	local id
	id=$(import_csv "$(new_name 3)ev" "$(new_name 2)" |
		curl -sf -X POST -H "Authorization: Bearer ${TOKEN[worker]}" -H 'Content-Type: text/csv' \
			--data-binary @- "$K/api/v1/imports?filename=fixture.csv" | jq -r .id)
	[[ $id =~ ^[0-9]+$ ]] || return 1
	if [[ ${1:-} == checked ]]; then
		{
			flock 9 && imports_idle && echo "$id" >"$IMPORT_LAST" &&
				api POST "/api/v1/imports/$id/check" "{\"version\":1,\"mapping\":$IMPORT_MAPPING}" >/dev/null &&
				imports_idle
		} 9>>"$IMPORT_LOCK" || return 1
		[[ $(db "SELECT status || ' ' || version FROM imports WHERE id = $id") == 'checked 3' ]] || return 1
	fi
	echo "$id"
}
new_user() { # login -> id
	web_post admin /users "login=$1&full_name=Fixture+User&role=psychologist&password=fixture-password-1" &&
		uid "$1"
}
new_case() { # person -> id: opened by the worker in the past, so that the bodies' dates fit
	api POST /api/v1/cases "{\"person_id\":$1,\"opening_reason\":\"Fixture case\",\"opened_on\":\"2025-01-10\"}" | jq -r .id
}
new_referral() { # case -> id: to the demo NGO's entry (the person has consented)
	api POST /api/v1/referrals "{\"case_id\":$1,\"organisation_id\":$NGO_PARTNER,\"service_kind\":\"social_legal\"}" | jq -r .id
}
# The table and placeholder of the record whose version a row sends: the one of its path.
versioned() { # path
	case $1 in
	*'{person}'*) echo "persons person" ;;
	*'{case}'*) echo "cases case" ;;
	*'{employer}'*) echo "employers employer" ;;
	*'{vacancy}'*) echo "vacancies vacancy" ;;
	*'{employment}'*) echo "employments employment" ;;
	*'{rule}'*) echo "recommendation_rules rule" ;;
	*'{partner}'*) echo "partners partner" ;;
	*'{import}'*) echo "imports import" ;;
	*'{checked}'*) echo "imports checked" ;;
	*'{centre}'*) echo "centres centre" ;;
	*'{group}'*) echo "work_groups group" ;;
	*'{campaign}'*) echo "campaigns campaign" ;;
	*'{event}'*) echo "events event" ;;
	*'{programme}'*) echo "programmes programme" ;;
	*'{resettlers}'*) echo "resettler_orgs resettlers" ;;
	*'{council}'*) echo "councils council" ;;
	*'{policy}'*) echo "policy_proposals policy" ;;
	*) return 1 ;;
	esac
}
# Fills the placeholders of $1 with the values in the associative array V.
declare -A V
fill() {
	local s=$1 k
	for k in "${!V[@]}"; do s=${s//\{$k\}/${V[$k]}}; done
	printf '%s' "$s"
}
fixtures() { # "path body" run-id: sets V for every placeholder the text names
	local s=$1 label="sqfix$2x$RANDOM"
	V=([list]=countries [worker]=$PSYCHOLOGIST_ID [owner]=$WORKER_ID [recipient]=$NGO_PARTNER
		[cashtype]=$CASH_TYPE [loantype]=$LOAN_TYPE [fresh]="sq$2x$RANDOM")
	local want_case=0
	[[ $s =~ \{(case|coworker|goal|task|service|proposal|referral|accepted)\} ]] && want_case=1
	if ((want_case)) || [[ $s =~ \{(person|consent|assigned)\} ]]; then V[person]=$(new_person); fi
	if [[ $s == *'{victim}'* ]]; then V[victim]=$(new_person); fi
	if [[ $s == *'{household}'* ]]; then V[household]=$(api POST /api/v1/households | jq -r .id); fi
	if [[ $s == *'{member}'* ]]; then
		V[member]=$(new_person "$(api POST /api/v1/households | jq -r .id)")
	fi
	if [[ $s == *'{consent}'* ]]; then
		web_post worker "/persons/${V[person]}/consents" "purpose=service_provision&given_on=2025-02-01"
		V[consent]=$(db "SELECT max(id) FROM consents WHERE person_id = ${V[person]}")
	fi
	if [[ $s == *'{assigned}'* ]]; then
		web_post supervisor "/persons/${V[person]}/workers" "user_id=$PSYCHOLOGIST_ID"
		V[assigned]=$PSYCHOLOGIST_ID
	fi
	if [[ $s == *'{user}'* ]]; then V[user]=$(new_user "sqfix$2x$RANDOM"); fi
	if ((want_case)); then
		V[case]=$(new_case "${V[person]}")
		[[ ${V[case]} =~ ^[0-9]+$ ]] || { echo "attack: fixture {case} failed" >&2; return 1; }
	fi
	if [[ $s == *'{coworker}'* ]]; then
		api POST "/api/v1/cases/${V[case]}/workers" "{\"user_id\":$PSYCHOLOGIST_ID}" >/dev/null &&
			V[coworker]=$PSYCHOLOGIST_ID
	fi
	# The plan's approval needs a goal waiting for it (and a new one before every request).
	if [[ $s =~ \{(goal|task)\} || $s == *'/plan/approv'* ]]; then
		V[goal]=$(api POST "/api/v1/cases/${V[case]}/goals" '{"title":"Тұрғын үй табу"}' |
			jq -r '[.goals[].id] | max')
	fi
	if [[ $s == *'{task}'* ]]; then
		V[task]=$(api POST "/api/v1/cases/${V[case]}/goals/${V[goal]}/tasks" \
			"{\"title\":\"Пәтер іздеу\",\"responsible_id\":$WORKER_ID,\"due_on\":\"2025-03-01\"}" |
			jq -r '[.goals[].tasks[].id] | max')
	fi
	if [[ $s == *'{service}'* ]]; then # a loan of 10,000,000.00: room for many repayments
		V[service]=$(api POST "/api/v1/cases/${V[case]}/services" \
			"{\"type_id\":$LOAN_TYPE,\"form\":\"individual\",\"function\":\"adaptation\",\"means\":\"individual\",\"delivered_on\":\"2025-02-01\",\"amount\":1000000000,\"currency\":\"KZT\",\"installments\":12,\"first_due_on\":\"2025-03-01\"}" |
			jq -r .id)
	fi
	if [[ $s =~ \{(recipient|referral|accepted)\} ]] && ((want_case)); then
		web_post worker "/persons/${V[person]}/consents" "purpose=referral_sharing&given_on=2025-01-15"
	fi
	if [[ $s == *'{referral}'* ]]; then V[referral]=$(new_referral "${V[case]}"); fi
	if [[ $s == *'{accepted}'* ]]; then
		V[accepted]=$(new_referral "${V[case]}")
		api_as ngo-worker PATCH "/api/v1/referrals/${V[accepted]}" '{"version":1,"status":"accepted"}' >/dev/null ||
			{ echo "attack: fixture {accepted} failed" >&2; return 1; }
	fi
	if [[ $s == *'{rule}'* ]]; then # inactive, and for no fixture's person: proposes nothing
		web_post admin /rules "category=internal_migrant&function=integration&means=collective&service_kind=information&form=training&label_kk=$label&label_ru=$label&label_en=$label" &&
			V[rule]=$(db "SELECT id FROM recommendation_rules WHERE label_en = '$label'")
	fi
	if [[ $s == *'{proposal}'* ]]; then # the demo rules' first (a kandas without Kazakh: a course)
		V[proposal]=$(api GET "/api/v1/cases/${V[case]}/recommendations" | jq -r '[.items[].rule_id] | min')
	fi
	if [[ $s == *'{type}'* ]]; then
		web_post admin /service-types "service_kind=care&label_kk=$label&label_ru=$label&label_en=$label" &&
			V[type]=$(db "SELECT id FROM service_types WHERE label_en = '$label'")
	fi
	if [[ $s =~ \{(pair|kept|link|survivor)\} ]]; then
		local pair
		pair=$(new_pair) || true
		V[pair]=${pair% *} V[kept]=${pair#* }
	fi
	if [[ $s =~ \{(link|survivor)\} ]]; then # the worker links the pair, keeping its first
		V[survivor]=${V[kept]}
		V[link]=$(api POST "/api/v1/duplicates/${V[pair]}/link" "{\"keep\":${V[kept]}}" | jq -r .link_id)
	fi
	if [[ $s =~ \{(centre|bed|stay|stayer|waiting)\} ]]; then
		V[centre]=$(api_as supervisor POST /api/v1/centres "{\"kind\":\"temporary_accommodation\",\"name\":\"Fixture centre $label\"}" | jq -r .id)
		api_as supervisor POST "/api/v1/centres/${V[centre]}/rooms" '{"name":"1","beds":3}' >/dev/null || return 1
		V[bed]=$(db "SELECT MIN(id) FROM beds WHERE centre_id = ${V[centre]}")
	fi
	if [[ $s =~ \{(stay|stayer)\} ]]; then
		V[stayer]=$(new_person)
		V[stay]=$(api POST "/api/v1/centres/${V[centre]}/placements" "{\"person_id\":${V[stayer]},\"bed_id\":$((V[bed] + 1))}" | jq -r .id)
	fi
	if [[ $s == *'{waiting}'* ]]; then
		local waiter
		waiter=$(new_person)
		api POST "/api/v1/centres/${V[centre]}/waiting" "{\"person_id\":$waiter}" >/dev/null || return 1
		V[waiting]=$(db "SELECT id FROM centre_waiting WHERE person_id = $waiter")
	fi
	if [[ $s =~ \{(group|joiner|membership|session)\} ]]; then
		V[group]=$(api POST /api/v1/groups "{\"kind\":\"self_help\",\"name\":\"Fixture group $label\"}" | jq -r .id)
	fi
	if [[ $s =~ \{(joiner|membership|session)\} ]]; then
		V[joiner]=$(new_person)
		api POST "/api/v1/groups/${V[group]}/members" "{\"person_id\":${V[joiner]},\"joined_on\":\"2025-01-10\"}" >/dev/null || return 1
		V[membership]=$(db "SELECT id FROM group_members WHERE group_id = ${V[group]} AND person_id = ${V[joiner]}")
	fi
	if [[ $s == *'{session}'* ]]; then
		V[session]=$(api POST "/api/v1/groups/${V[group]}/sessions" "{\"topic\":\"Fixture session\",\"present\":[${V[joiner]}]}" | jq -r .id)
	fi
	if [[ $s == *'{campaign}'* ]]; then
		V[campaign]=$(api_as supervisor POST /api/v1/campaigns "{\"name\":\"Fixture campaign $label\",\"currency\":\"KZT\"}" | jq -r .id)
		api_as supervisor POST "/api/v1/campaigns/${V[campaign]}/donations" '{"donor":"Fixture donor","amount":1000000000,"currency":"KZT"}' >/dev/null || return 1
	fi
	if [[ $s =~ \{(event|participant)\} ]]; then
		V[event]=$(api POST /api/v1/events "{\"kind\":\"round_table\",\"title\":\"Fixture event $label\",\"held_on\":\"$TODAY\"}" | jq -r .id)
	fi
	if [[ $s == *'{participant}'* ]]; then
		V[participant]=$(new_person)
		api POST "/api/v1/events/${V[event]}/participants" "{\"person_id\":${V[participant]}}" >/dev/null || return 1
	fi
	if [[ $s =~ \{(programme|enrolment|enrolled)\} ]]; then
		V[programme]=$(api_as admin POST /api/v1/programmes "{\"kind\":\"social_support\",\"name\":\"Fixture programme $label\",\"has_quota\":true,\"mrp_support\":true}" | jq -r .id)
		api_as admin POST "/api/v1/programmes/${V[programme]}/quotas" "{\"region\":\"KZ-75\",\"year\":$YEAR,\"quota\":1000}" >/dev/null || return 1
	fi
	if [[ $s =~ \{(enrolment|enrolled)\} ]]; then
		V[enrolled]=$(new_person)
		V[enrolment]=$(api POST "/api/v1/programmes/${V[programme]}/enrolments" "{\"person_id\":${V[enrolled]},\"region\":\"KZ-75\",\"family_size\":2}" | jq -r .id)
	fi
	if [[ $s =~ \{(employer|vacancy|employment|employed|alert)\} ]]; then
		V[employer]=$(api POST /api/v1/employers "{\"name\":\"Fixture employer $label\",\"region\":\"KZ-75\"}" | jq -r .id)
	fi
	if [[ $s == *'{vacancy}'* ]]; then
		V[vacancy]=$(api POST /api/v1/vacancies "{\"employer_id\":${V[employer]},\"title\":\"Fixture vacancy\",\"occupation\":\"71\",\"region\":\"KZ-75\"}" | jq -r .id)
	fi
	if [[ $s =~ \{(employment|employed|alert)\} ]]; then
		V[employed]=$(new_person)
		V[employment]=$(api POST /api/v1/employments "{\"person_id\":${V[employed]},\"employer_id\":${V[employer]},\"job_title\":\"Fixture job\",\"wage\":100,\"hours_per_week\":40,\"started_on\":\"2026-01-01\",\"contract\":\"oral\",\"documents_held_by\":\"employer\"}" | jq -r .id)
		V[alert]=$(api GET "/api/v1/labour-alerts?person_id=${V[employed]}" | jq -r '.items[0].id')
	fi
	if [[ $s =~ \{(skilled|skill)\} ]]; then
		V[skilled]=$(new_person)
		V[skill]=$(api POST "/api/v1/persons/${V[skilled]}/skills" '{"kind":"skill","title":"Fixture skill"}' | jq -r .id)
	fi
	if [[ $s =~ \{(screened|screening)\} ]]; then
		V[screened]=$(new_person)
		V[screening]=$(api POST "/api/v1/persons/${V[screened]}/screenings" '{"instrument":"gad7","answers":[1,1,1,1,1,1,1]}' | jq -r .id)
	fi
	if [[ $s == *'{resettlers}'* ]]; then
		V[resettlers]=$(api POST /api/v1/resettler-orgs "{\"name\":\"Fixture resettlers $label\",\"kind\":\"public_association\"}" | jq -r .id)
	fi
	if [[ $s =~ \{(council|meeting|decision)\} ]]; then
		V[council]=$(api POST /api/v1/councils "{\"name\":\"Fixture council $label\",\"kind\":\"public_council\"}" | jq -r .id)
	fi
	if [[ $s =~ \{(meeting|decision)\} ]]; then
		V[meeting]=$(api POST "/api/v1/councils/${V[council]}/meetings" '{"held_on":"2025-01-10","agenda":"Fixture agenda"}' | jq -r .id)
	fi
	if [[ $s == *'{decision}'* ]]; then
		V[decision]=$(api POST "/api/v1/councils/${V[council]}/meetings/${V[meeting]}/decisions" '{"text":"Fixture decision"}' |
			jq -r '[.decision_list[].id] | max')
	fi
	if [[ $s == *'{policy}'* ]]; then
		V[policy]=$(api POST /api/v1/proposals "{\"title\":\"Fixture proposal $label\",\"text\":\"Fixture text\",\"addressee\":\"Fixture addressee\",\"status\":\"submitted\",\"submitted_on\":\"2025-02-01\"}" | jq -r .id)
	fi
	if [[ $s == *'{import}'* ]]; then V[import]=$(new_import); fi
	if [[ $s == *'{checked}'* ]]; then V[checked]=$(new_import checked); fi
	if [[ $s == *'{partner}'* ]]; then
		V[partner]=$(api_as admin POST /api/v1/organisations "{\"name\":\"Fixture partner $label\",\"kind\":\"ngo\",\"services\":[\"social_legal\"],\"regions\":[\"KZ-75\"]}" | jq -r .id)
	fi
	if [[ $s == *'{version}'* ]]; then
		local table key
		read -r table key < <(versioned "${s%% *}") || { echo "attack: {version} of what?" >&2; return 1; }
		V[version]=$(db "SELECT version FROM $table WHERE id = ${V[$key]:-0}")
	fi
	local k
	for k in "${!V[@]}"; do
		[[ -n ${V[$k]} && ${V[$k]} != null ]] || { echo "attack: fixture {$k} failed" >&2; return 1; }
	done
}

# The credentials of AS: sets CRED_COOKIE, CRED_AUTH, V[csrf].
credentials() { # as
	local as=$1 s c
	CRED_COOKIE='' CRED_AUTH=''
	case $as in
	anon) CRED_COOKIE="komek_csrf=$ANON_CSRF; lang=en"; V[csrf]=$ANON_CSRF ;;
	web:*) CRED_COOKIE="komek_session=${SESSION[${as#web:}]}"; V[csrf]=${CSRF[${as#web:}]} ;;
	web-own:*) read -r s c < <(web_login "${as#web-own:}"); CRED_COOKIE="komek_session=$s"; V[csrf]=$c ;;
	api:*) CRED_AUTH="Bearer ${TOKEN[${as#api:}]}" ;;
	api-own:*) CRED_AUTH="Bearer $(api_login "${as#api-own:}")" ;;
	esac
	[[ -n $CRED_COOKIE || -n $CRED_AUTH ]]
}

# Appends the marker * to the value of parameter NAME in an a=1&b=2 string.
mark_kv() { # string name
	local IFS='&' kv out='' done=0
	for kv in $1; do
		if ((!done)) && [[ ${kv%%=*} == "$2" ]]; then kv+='*'; done=1; fi
		out+=${out:+&}$kv
	done
	((done)) && printf '%s' "$out"
}
# Appends the marker to the value of member NAME of a JSON text (in a string value, before its
# closing quote; in an array, to its first element, a string or a number or placeholder).
mark_json() { # json name (a path such as documents[0].number names its last member)
	local name=${2##*.}
	NAME=${name%%\[*} perl -0pe '
		my $n = quotemeta $ENV{NAME};
		s/("$n"\s*:\s*"(?:[^"\\]|\\.)*)"/$1*"/ and $::ok = 1 or
		s/("$n"\s*:\s*(?:-?\d+(?:\.\d+)?|true|false|null|\{[a-z]+\}))/$1*/ and $::ok = 1 or
		s/("$n"\s*:\s*\[\s*"(?:[^"\\]|\\.)*)"/$1*"/ and $::ok = 1 or
		s/("$n"\s*:\s*\[\s*(?:-?\d+|\{[a-z]+\}))/$1*/ and $::ok = 1;
		END { exit($::ok ? 0 : 1) }' <<<"$1"
}

# A form with file members (NAME=@FILE, holding $IMPORT_CSV) as a multipart/form-data body,
# in MULTIPART_BODY (its Content-Type: MULTIPART_TYPE). Values are urldecoded.
MULTIPART_BOUNDARY=komek-attack-5e1c0b7a
MULTIPART_TYPE="multipart/form-data; boundary=$MULTIPART_BOUNDARY"
multipart() { # form
	local IFS='&' kv k v out=''
	for kv in $1; do
		k=${kv%%=*} v=${kv#*=}
		out+="--$MULTIPART_BOUNDARY"$'\r\n'
		if [[ $v == @* ]]; then
			out+="Content-Disposition: form-data; name=\"$k\"; filename=\"${v#@}\""$'\r\n'
			out+=$'Content-Type: text/csv\r\n\r\n'"$IMPORT_CSV"$'\r\n'
		else
			v=${v//+/ }
			printf -v v '%b' "${v//%/\\x}"
			out+="Content-Disposition: form-data; name=\"$k\""$'\r\n\r\n'"$v"$'\r\n'
		fi
	done
	MULTIPART_BODY=$out"--$MULTIPART_BOUNDARY--"$'\r\n'
}
is_multipart() { [[ $1 != - && $1 != '{'* && $1 =~ (^|&)[^=\&]+=@ ]]; }

# --- The runs ---------------------------------------------------------------------------------
mkdir -p "$OUT/sqlmap" "$T/results"
rm -f "$OUT"/sqlmap/*.log
# --ignore-code 401: a wrong password or token is an answer to compare, not a reason to stop.
# --param-exclude: only the input marked with * is tested (sqlmap would otherwise also test
# every form field beside a marked path id or cookie); marked inputs are named "#1*".
SQLMAP=(sqlmap --batch --disable-coloring --flush-session --level "$LEVEL" --risk "$RISK"
	--drop-set-cookie --ignore-code 401 --param-exclude '^[^#]*$' --timeout 30 --retries 2)
[[ -n $DBMS ]] && SQLMAP+=(--dbms "$DBMS")

verdict() { # sqlmap log -> INJECTABLE | not injectable | ERROR
	if grep -qE "sqlmap identified the following injection point|parameter '.*' is vulnerable" "$1"; then
		echo INJECTABLE
	elif grep -qE "does not seem to be injectable|all tested parameters do not appear to be injectable" "$1"; then
		echo "not injectable"
	else
		echo ERROR
	fi
}

run_one() { # number row input
	local n=$1 row=${ROWS[$2]} input=$3 m p as body inputs t0=$SECONDS
	IFS='|' read -r m p as body inputs <<<"$row"
	m=$(trim "$m"); p=$(trim "$p"); as=$(trim "$as"); body=$(trim "$body")
	local route="$m ${p%%\?*}" name slog result note=
	if [[ $input == - ]]; then
		printf '%s\t-\t%s\trequested\t0\tanswered %s\n' "$route" "$as" "${BASE_CODE[$2]}" >"$T/results/$n"
		return
	fi
	name=$(printf '%03d-%s-%s' "$n" "$(tr -c 'a-zA-Z0-9' '_' <<<"${route#* }")" "$(tr -c 'a-zA-Z0-9' '_' <<<"$input")")
	name=${name%_}
	slog=$OUT/sqlmap/$name.log
	{
		fixtures "$p $body" "$n" && credentials "$as"
	} 2>"$slog" || { printf '%s\t%s\t%s\tERROR\t%s\tfixtures failed\n' "$route" "$input" "$as" $((SECONDS - t0)) >"$T/results/$n"; return; }
	local url=$p data=$body cookie=$CRED_COOKIE auth=$CRED_AUTH lang='' evals=() ok=1 q
	case $input in
	'{'*'}') url=${url//"$input"/"$input*"} ;;
	cookie:*) [[ $cookie == *"${input#cookie:}="* ]] || cookie+="; ${input#cookie:}=en"
		cookie=$(sed -E "s/(^|; )(${input#cookie:}=[^;]*)/\\1\\2*/" <<<"$cookie") ;;
	header:Authorization) auth+='*' ;;
	header:Accept-Language) lang='kk,ru;q=0.8,en;q=0.5*' ;;
	*)
		if [[ $url == *\?* ]] && q=$(mark_kv "${url#*\?}" "$input"); then
			url="${url%%\?*}?$q"
		elif is_json "$data"; then
			data=$(mark_json "$data" "$input") || ok=0
		else
			data=$(mark_kv "$data" "$input") || ok=0
		fi ;;
	esac
	if ((!ok)); then
		printf '%s\t%s\t%s\tERROR\t0\tno such parameter\n' "$route" "$input" "$as" >"$T/results/$n"
		return
	fi
	# Imports: before a request that may start a job (a check, a run), the lock, and the end
	# of the job before; a new import for every request of a route that uses it up (a run,
	# which needs it checked; a discard). Before the version is read (see the top of this
	# file).
	case "$m $p" in
	*'/imports/{import}/check') evals+=("komek_eval.import_turn(${V[import]})") ;;
	*'/imports/{checked}/run')
		evals+=("komek_eval.import_turn(${V[checked]})" "uri=komek_eval.fresh_import(uri, ${V[checked]}, True)") ;;
	*'/imports/{import}/discard') evals+=("uri=komek_eval.fresh_import(uri, ${V[import]}, False)") ;;
	esac
	# One-time values refreshed before every request (not the input under test).
	if [[ $input != version && ($data == *'version={version}'* || $data == *'"version":{version}'*) ]]; then
		local table key
		read -r table key < <(versioned "$p")
		evals+=("version=komek_eval.version('$table', ${V[$key]})")
	fi
	if [[ $input != login && $data == *'login={fresh}'* ]]; then evals+=("login=komek_eval.fresh()"); fi
	if [[ $input != '{victim}' && $url == *'{victim}'* ]]; then
		evals+=("uri=komek_eval.fresh_person(uri, ${V[victim]})")
	fi
	# An answer uses its referral up: a new one for every request (sent, or taken first).
	local x
	for x in referral accepted; do
		if [[ $m != GET && $input != "{$x}" && $url == *"/referrals/{$x}" ]]; then
			evals+=("uri=komek_eval.fresh_referral(uri, ${V[$x]}, ${V[case]}, $NGO_PARTNER, $([[ $x == accepted ]] && echo True || echo False))")
		fi
	done
	# Taking a co-worker off, or approving the plan, leaves nothing to do a second time: the
	# co-worker is put back, a goal added, before every request (the path is left as it is).
	if [[ $url == *'{coworker}'* ]]; then evals+=("komek_eval.add_coworker(${V[case]}, ${V[coworker]})"); fi
	if [[ $url == *'/plan/approv'* ]]; then evals+=("komek_eval.add_goal(${V[case]})"); fi
	# Linking a pair's records leaves nothing to link a second time: the link is undone before
	# every request. Undoing a link likewise: the records are linked again, and the new link's
	# id put in the path; when the link's id is the input, in front of the payload, since
	# otherwise every request after the first would find no link, with or without a payload
	# that is true, and an injection there could not show.
	if [[ $p == *'/duplicates/{pair}/link' ]]; then evals+=("komek_eval.unlink(${V[kept]})"); fi
	if [[ $p == *'/links/{link}'* ]]; then
		evals+=("uri=komek_eval.relink(uri, ${V[pair]}, ${V[survivor]}, ${V[link]})")
	fi
	# Answers that list the whole plan: a new case (and goal) for every request, so that they
	# do not grow (see the top of this file).
	case "$m $p" in
	'POST /api/v1/cases/{case}/goals' | 'POST /api/v1/cases/{case}/goals/{goal}/tasks' | 'POST /api/v1/cases/{case}/reviews')
		if [[ $input != '{case}' && $input != '{goal}' ]]; then
			evals+=("uri=komek_eval.fresh_case(uri, ${V[person]}, ${V[case]}, ${V[goal]:-0})")
		fi ;;
	'DELETE /api/v1/persons/{skilled}/skills/{skill}' | 'POST /persons/{skilled}/skills/{skill}/delete')
		evals+=("komek_eval.restore_skill(${V[skill]}, ${V[skilled]})") ;;
	'DELETE /api/v1/events/{event}/participants/{participant}' | 'POST /events/{event}/participants/{participant}/remove')
		evals+=("komek_eval.rename(${V[event]}, ${V[participant]})") ;;
	'POST /api/v1/resettler-orgs/{resettlers}/steps')
		if [[ $input != '{resettlers}' ]]; then
			evals+=("uri=komek_eval.fresh_resettlers(uri, ${V[resettlers]})")
		fi ;;
	'POST /api/v1/councils/{council}/meetings/{meeting}/decisions')
		if [[ $input != '{council}' && $input != '{meeting}' ]]; then
			evals+=("uri=komek_eval.fresh_meeting(uri, ${V[council]}, ${V[meeting]})")
		fi ;;
	esac
	url=$(fill "$K$url")
	# A GET that redirects is followed; a write's redirect is its answer (the page it leads to
	# changes with every write, which only adds noise to sqlmap's comparisons).
	local follow=N
	[[ $m == GET ]] && follow=Y
	local args=("${SQLMAP[@]}" --answers "follow=$follow,resend=N" --output-dir "$T/sqlmap.$n"
		-u "$url" --method "$m")
	if is_multipart "$data"; then
		multipart "$(fill "$data")"
		args+=(--data "$MULTIPART_BODY" -H "Content-Type: $MULTIPART_TYPE")
	elif [[ $data == @* ]]; then
		args+=(--data "$IMPORT_CSV" -H "Content-Type: text/csv")
	elif [[ $data != - ]]; then
		args+=(--data "$(fill "$data")")
	fi
	is_json "$data" && args+=(-H "Content-Type: application/json")
	[[ -n $cookie ]] && args+=(--cookie "$cookie")
	[[ -n $auth ]] && args+=(-H "Authorization: $auth")
	[[ -n $lang ]] && args+=(-H "Accept-Language: $lang")
	((${#evals[@]})) && args+=(--eval "import komek_eval; $(IFS=';'; echo "${evals[*]}")")
	{
		printf '# %s, input %s, as %s\n# sqlmap' "$route" "$input" "$as"
		printf ' %q' "${args[@]}"
		printf '\n'
	} >>"$slog"
	PYTHONPATH=$T TERM=dumb "${args[@]}" </dev/null >>"$slog" 2>&1 || note="sqlmap exit $?"
	result=$(verdict "$slog")
	[[ $result == ERROR && -z $note ]] && note="no verdict; see $slog"
	[[ $result == INJECTABLE ]] && note=$(grep -m1 -E "^Parameter: |Type: " "$slog" | head -1)
	rm -rf "$T/sqlmap.$n"
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$route" "$input" "$as" "$result" $((SECONDS - t0)) "$note" >"$T/results/$n"
}

# The base request of every row, once, without sqlmap: it must succeed (2xx or 3xx), or the
# row is wrong (a role that may not, a missing field) and its runs would test an error page.
base_check() { # row
	local m p as body inputs code
	IFS='|' read -r m p as body inputs <<<"${ROWS[$1]}"
	m=$(trim "$m"); p=$(trim "$p"); as=$(trim "$as"); body=$(trim "$body")
	fixtures "$p $body" "b$1" && credentials "$as" || return 1
	local a=(-s -o "$T/base.$1" -w '%{http_code}' -X "$m") stdin=
	if is_multipart "$body"; then
		multipart "$(fill "$body")"
		stdin=$MULTIPART_BODY
		a+=(--data-binary @- -H "Content-Type: $MULTIPART_TYPE")
	elif [[ $body == @* ]]; then
		stdin=$IMPORT_CSV
		a+=(--data-binary @- -H "Content-Type: text/csv")
	elif [[ $body != - ]]; then
		a+=(--data "$(fill "$body")")
	fi
	is_json "$body" && a+=(-H "Content-Type: application/json")
	[[ -n $CRED_COOKIE ]] && a+=(-b "$CRED_COOKIE")
	[[ -n $CRED_AUTH ]] && a+=(-H "Authorization: $CRED_AUTH")
	# A check or an import starts a job: its turn, as for sqlmap's requests.
	local job=
	[[ $p =~ /imports/\{(import|checked)\}/(check|run)$ ]] && job=${V[${BASH_REMATCH[1]}]}
	code=$(
		exec 9>>"$IMPORT_LOCK"
		if [[ -n $job ]]; then
			flock 9 && imports_idle && echo "$job" >"$IMPORT_LAST" || exit 1
		fi
		printf '%s' "$stdin" | curl "${a[@]}" "$(fill "$K$p")"
	)
	BASE_CODE[$1]=$code
	[[ $code =~ ^[23] ]] || { echo "attack: $m $p as $as answered $code" >&2; head -c 300 "$T/base.$1" >&2; echo >&2; return 1; }
}
declare -A BASE_CODE
declare -A SEEN
for r in "${RUNS[@]}"; do
	i=${r%%$'\t'*}
	[[ -n ${SEEN[$i]:-} ]] && continue
	SEEN[$i]=1
	base_check "$i" || exit 1
done
log "every route answers its base request"
# Two requests whose paths carry an encoded line feed and an escape sequence: the log must
# not take them as two lines or as terminal control (checked after the run, with the rest).
curl -s -o /dev/null "$K/persons/1%0aGET%20/forged-by-attack-sh%20200%200%200.1ms" || true
curl -s -o /dev/null "$K/static/x%1b%5b31mred%1b%5b0m" || true

# The control: sqlmap must find the flaw of a deliberately vulnerable server.
cat >"$T/vulnerable.py" <<'EOF'
# A deliberately injectable server for the control run: GET /?name=... pastes name into SQL.
import http.server, sqlite3, sys, urllib.parse
db = sqlite3.connect(":memory:", check_same_thread=False)
db.execute("CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT)")
db.executemany("INSERT INTO people (name) VALUES (?)", [("Aigul",), ("Bolat",), ("Chen",)])
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        name = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query).get("name", [""])[0]
        try:
            rows = db.execute("SELECT id, name FROM people WHERE name = '%s'" % name).fetchall()
            code, body = 200, "".join("<li>%s %s</li>" % r for r in rows)
        except Exception:
            code, body = 500, "error"
        data = ("<html><body><ul>%s</ul></body></html>" % body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
EOF
/usr/bin/python3 "$T/vulnerable.py" "$CONTROL_PORT" &
CONTROL_PID=$!
PIDS+=("$CONTROL_PID")
wait_port "$CONTROL_PORT" "$CONTROL_PID" || { echo "attack: the control server did not start" >&2; exit 1; }
log "control: sqlmap against a deliberately injectable server"
TERM=dumb "${SQLMAP[@]}" --answers "follow=N" --output-dir "$T/sqlmap.control" -u "http://127.0.0.1:$CONTROL_PORT/?name=Bolat" \
	-p name --technique BEU </dev/null >"$OUT/sqlmap/000-control.log" 2>&1 || true
CONTROL=$(verdict "$OUT/sqlmap/000-control.log")
kill "$CONTROL_PID" 2>/dev/null || true
if [[ $CONTROL != INJECTABLE ]]; then
	echo "attack: sqlmap did not find the control server's injection ($CONTROL): the tooling is broken; see $OUT/sqlmap/000-control.log" >&2
	exit 1
fi
log "control: found, as it must be"

# The throttle would lock the login routes after 20 failures (see the top of this file).
(while :; do
	sqlite3 -cmd '.timeout 5000' "$DB" 'DELETE FROM login_failures' >/dev/null 2>&1 || true
	sleep 0.2
done) &

THROTTLE_PID=$!
PIDS+=("$THROTTLE_PID")

log "${#RUNS[@]} sqlmap runs, $JOBS at a time (level $LEVEL, risk $RISK${DBMS:+, dbms $DBMS})"
ATTACK_T0=$SECONDS
declare -A RUNNING
running() { # how many runs are still going
	local p c=0
	for p in $(jobs -rp); do [[ -n ${RUNNING[$p]:-} ]] && c=$((c + 1)); done
	echo "$c"
}
n=0
for r in "${RUNS[@]}"; do
	n=$((n + 1))
	while (($(running) >= JOBS)); do sleep 0.5; done
	run_one "$n" "${r%%$'\t'*}" "${r#*$'\t'}" &
	RUNNING[$!]=1
	if ((n % 10 == 0)); then log "started $n of ${#RUNS[@]}"; fi
done
for p in "${!RUNNING[@]}"; do wait "$p" || true; done
ATTACK_SECS=$((SECONDS - ATTACK_T0))
kill "$THROTTLE_PID" 2>/dev/null || true
log "sqlmap done in ${ATTACK_SECS} s"

# --- After the run: the server -------------------------------------------------------------------
CHECKS=()
fail_check() { CHECKS+=("FAILED: $*"); }
if kill -0 "$KOMEK_PID" 2>/dev/null; then
	person=$(new_person || true)
	c1=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer ${TOKEN[worker]}" "$K/api/v1/persons/${person:-0}")
	c2=$(curl -s -o /dev/null -w '%{http_code}' -b "komek_session=${SESSION[worker]}" "$K/persons/${person:-0}")
	c3=$(curl -s -o /dev/null -w '%{http_code}' "$K/login")
	if [[ $c1 == 200 && $c2 == 200 && $c3 == 200 ]]; then
		CHECKS+=("server still answering: API 200, page 200, login 200")
	else
		fail_check "server answers API $c1, page $c2, login $c3 after the run"
	fi
	kill -TERM "$KOMEK_PID"
	rc=0
	wait "$KOMEK_PID" || rc=$?
	[[ $rc == 0 ]] && CHECKS+=("stopped cleanly on SIGTERM") || fail_check "server exit status $rc on SIGTERM"
else
	wait "$KOMEK_PID" && rc=0 || rc=$?
	fail_check "the server died during the run (exit status $rc)"
fi
if "$KBUILD/komek" --db "$DB" check >"$T/check.log" 2>&1; then
	CHECKS+=("komek check: $(tail -1 "$T/check.log")")
else
	fail_check "komek check: $(tail -3 "$T/check.log" | tr '\n' ' ')"
fi
LOGF=$T/komek.log
SAN=$(grep -cE 'Sanitizer|runtime error:|SUMMARY: |Segmentation fault|Aborted|core dumped|stack smashing|double free|corrupted|malloc\(\)|free\(\)' "$LOGF" || true)
((SAN == 0)) && CHECKS+=("no sanitizer report or crash in the server's log") ||
	fail_check "$SAN sanitizer/crash lines in the server's log"
# Access-log lines end with: STATUS BYTES TIME.
read -r NREQ N2 N3 N4 N5 < <(awk 'NF >= 4 && $(NF - 2) ~ /^[1-5][0-9][0-9]$/ {
	n++; c[substr($(NF - 2), 1, 1)]++ } END { print n + 0, c[2] + 0, c[3] + 0, c[4] + 0, c[5] + 0 }' "$LOGF")
((N5 == 0)) && CHECKS+=("no 5xx answer among $NREQ requests") || fail_check "$N5 answers 5xx (see komek.log.gz)"
NERR=$(grep -cE '^[0-9T:-]+Z (error|crit|fatal)' "$LOGF" || true)
((NERR == 0)) && CHECKS+=("no error line in the server's log") || fail_check "$NERR error lines in the server's log"
# Every line is an access-log line (METHOD PATH STATUS BYTES TIMEms), an operator line
# (TIMESTAMP LEVEL ...) or the start line; and none carries a control character.
NODD=$(grep -vcE '^[A-Z]+ /.* [1-5][0-9][0-9] [0-9]+ [0-9.]+ms$|^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z [a-z]+ |^listening on ' "$LOGF" || true)
NCTL=$(LC_ALL=C grep -c $'[\x01-\x08\x0b-\x1f\x7f]' "$LOGF" || true)
if ((NODD + NCTL == 0)); then
	CHECKS+=("every log line well-formed, no control characters")
else
	fail_check "$NODD log lines not in the log's formats and $NCTL with control characters (a request can forge or colour log lines; first: $(
		LC_ALL=C grep -vE '^[A-Z]+ /.* [1-5][0-9][0-9] [0-9]+ [0-9.]+ms$|^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z [a-z]+ |^listening on ' "$LOGF" | head -1 | cat -v))"
fi
gzip -c "$LOGF" >"$OUT/komek.log.gz"

# --- Report -----------------------------------------------------------------------------------
TSV=$OUT/summary.tsv
printf 'route\tinput\tas\tresult\tseconds\tnote\n' >"$TSV"
for n in $(seq "${#RUNS[@]}"); do
	if [[ -f $T/results/$n ]]; then cat "$T/results/$n"; else
		r=${RUNS[$((n - 1))]}
		IFS='|' read -r m p as _ <<<"${ROWS[${r%%$'\t'*}]}"
		printf '%s %s\t%s\t%s\tERROR\t0\tdid not finish\n' "$(trim "$m")" "$(trim "${p%%\?*}")" "${r#*$'\t'}" "$(trim "$as")"
	fi
done >>"$TSV"
NRUN=${#RUNS[@]}
NINJ=$(awk -F'\t' 'NR > 1 && $4 == "INJECTABLE"' "$TSV" | wc -l)
NERRRUN=$(awk -F'\t' 'NR > 1 && $4 == "ERROR"' "$TSV" | wc -l)
NNOIN=$(awk -F'\t' 'NR > 1 && $2 == "-"' "$TSV" | wc -l)
NTESTED=$((NRUN - NNOIN))
NROUTES=$(cut -f1 "$TSV" | tail -n +2 | sort -u | wc -l)
TOTAL=$((SECONDS - START))
printf '\n%-52s %-26s %-15s %-16s %6s\n' route input as result time
awk -F'\t' 'NR > 1 { printf "%-52s %-26s %-15s %-16s %5ss %s\n", $1, $2, $3, $4, $5, $6 }' "$TSV"
echo
SUMMARY=$OUT/summary.md
{
	echo "sqlmap $SQLMAP_VERSION, \`--level $LEVEL --risk $RISK\`${DBMS:+ \`--dbms $DBMS\`}, $JOBS runs at a time;"
	echo "Komek commit $COMMIT$( ((DIRTY)) && echo " with $DIRTY uncommitted change(s) under src/"), $BUILD_WHAT."
	[[ -n $ONLY ]] && echo "**Subset only**: ATTACK_ONLY='$ONLY'."
	echo "$NROUTES routes, $NTESTED inputs attacked ($NNOIN of the routes read no input and were only requested):"
	echo "**$NINJ injectable**, $NERRRUN not tested (errors); $NREQ requests answered"
	echo "($N2 2xx, $N3 3xx, $N4 4xx, $N5 5xx) in $((ATTACK_SECS / 60)) min $((ATTACK_SECS % 60)) s of sqlmap, $((TOTAL / 60)) min in all."
	echo "Control (a deliberately injectable server): $CONTROL. After the run: $(printf '%s; ' "${CHECKS[@]}" | sed 's/; $/./')"
} >"$SUMMARY"
{
	echo "runs=$NRUN"
	echo "routes=$NROUTES"
	echo "inputs=$NTESTED"
	echo "injectable=$NINJ"
	echo "errors=$NERRRUN"
	echo "requests=$NREQ"
	echo "status_5xx=$N5"
	echo "seconds=$TOTAL"
	echo "sqlmap_seconds=$ATTACK_SECS"
	echo "level=$LEVEL"
	echo "risk=$RISK"
	echo "subset=$ONLY"
	echo "failed_checks=$(printf '%s\n' "${CHECKS[@]}" | sed -n 's/^FAILED: //p' | sed 's/ (.*//' | paste -sd';' - | sed 's/;/; /g')"
} >"$OUT/figures.txt"
cat "$SUMMARY"
awk -F'\t' 'NR > 1 && ($4 != "not injectable") && $2 != "-" { print "attack: " $4 ": " $1 " " $2 " (" $6 ")" }' "$TSV" >&2
FAILED=0
((NINJ + NERRRUN)) && FAILED=1
for c in "${CHECKS[@]}"; do [[ $c == FAILED:* ]] && { echo "attack: $c" >&2; FAILED=1; }; done
((FAILED)) && { log "FAILED (results in $OUT)"; exit 1; }
log "passed (results in $OUT)"
