// a11y.test.mjs: axe-core on every page, in each interface language (kk, ru, en). A page
// fails on any violation of impact "serious" or "critical"; lesser ones are printed as
// diagnostics. Each page is also saved as a screenshot in test-results/a11y/ and all the
// violations (every impact) in test-results/a11y/report.json, for a person to look at.
// KOMEK_A11Y_PAGES (a regular expression) checks only the pages whose names match, e.g.
// KOMEK_A11Y_PAGES=centre (node's --test-name-pattern cannot pick them: it matches the
// test "accessibility, kk" before its pages).
// Every page is checked in Kazakh (the longest words, and the interface's first language);
// in Russian and English the variants of a page (its refused form, its edit and new forms,
// another role's or organisation's view) are left out, and the main pages are shared out
// between the two, one in Russian, the next in English (so each area is seen in both),
// unless KOMEK_A11Y_ALL=1 (`KOMEK_A11Y_ALL=1 make test-browser`, about 25 minutes): the
// pages are the same markup in every language, tests/check-catalogs.sh fails on a string
// missing or empty in any catalog, and three full sweeps took more than half of CI's time;
// the main pages in both ru and en then still took 230 s of the browser tests' 770.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { harness, login, switchLang, resultsDir } from './server.mjs';
import {
	byId, clickAndWait, clickAndLoad, clickAndRespond, registerPerson, uploadImport, postImportForm, waitForImport,
} from './helpers.mjs';

const FAIL_IMPACTS = new Set(['serious', 'critical']);
const LANGS = ['kk', 'ru', 'en'];
const ONLY = process.env.KOMEK_A11Y_PAGES ? new RegExp(process.env.KOMEK_A11Y_PAGES) : null;
const ALL_LANGS = process.env.KOMEK_A11Y_ALL === '1';
const VARIANT = /-(errors|error|edit|new|likely|psychologist|supervisor|admin|other-org|readonly|filtered|kind|2025|withdrawn|scanned|empty|analyst|merged|no-consent|consent-error|sender|answer)$/;
/* Whether a page is checked in lang: every page in kk; of the main ones (among those
   KOMEK_A11Y_PAGES picks), the first, third, fifth… in ru and the others in en. */
const inLang = (name, lang) => {
	if (ALL_LANGS || lang === 'kk') return true;
	if (VARIANT.test(name)) return false;
	const main = PAGES.map(([n]) => n).filter((n) => (!ONLY || ONLY.test(n)) && !VARIANT.test(n));
	return main.indexOf(name) % 2 === (lang === 'ru' ? 0 : 1);
};

const h = harness();
const report = [];
let personId; // a person with a family, documents and a history
let erasedId; // a person whose data a supervisor erased
let caseId; // the worker's case of personId (a team with a co-worker, a confidential note)
let closingId; // another case of the worker whose closure the worker asked for
let referralId; // the demo's referral of personId to the partner that works in Komek (ngo-worker's)
let noConsentCaseId; // a case of the worker whose person has not consented to a referral
let ngoCaseId; // ngo-worker's case with a referral to a partner outside Komek (answered on the case)
let partnerId; // a directory entry that is no organisation of this Komek (an admin edits it)
let pairId; // an open pair of the review queue of likely duplicates (found by the scan)
let pairPersonId; // one record of that pair (its page says who it may be the same person as)
let survivorId; // a record another one is linked to as the same person (its page can undo it)
let mergedId; // that other record (its page says it is linked)
let importUploadedId; // an import of the worker's just uploaded (the column mapping form)
let importCheckedId; // one checked, with rows in error and a likely duplicate (the run form)
let importDoneId; // one imported (the summary, and what the check found)
let importFailedId; // one whose check failed (a cell's quotes not closed): the reason, the mapping
let releaseProgress; // lets the held progress requests of the import-checking page go
let centreId; // the demo's centre of the first organisation (two rooms, six beds)
let restrictedId; // Karimova Nodira, restricted, assigned to the worker, on bed 1 of room 1
let stayPersonId; // Жақсылықов Бауыржан, on bed 2 of room 1 (their page lists the stay)
let waitingId; // Батболд Сарангэрэл, on the centre's waiting list
let groupId; // the demo's language course (four members, restrictedId among them; two sessions)
let sessionId; // the first session its page lists (the latest; an attendance page)
let groupMemberId; // Тұрсынбаева Гүлнар, a member of the course (their page lists it)
let campaignId; // the demo's winter-clothing fund (the supervisor's; donations in KZT, USD, in kind)
let roundTableId; // the demo's round table (two named participants; Тұрсынбаева Гүлнар is one)
let festivalId; // the demo's festival, at which the worker names the restricted person
let bulletinId; // the demo's bulletin (a publication: medium and copies, nobody named)
let kandasId; // the kandas resettlement programme (quotas per region, MRP-based support)
let languageId; // the Kazakh language courses (no quota, no MRP-based support)
let ownProgrammeId; // a programme of the first organisation's own, added by the admin, with a quota
let enrolmentId; // the demo's enrolment of the Batbold family in the kandas programme (subsidy paid)
let batboldId; // Батболд Ганбаатар, the head of that family (their page lists the programme)
let withdrawnId; // an enrolment of Батболд Сарангэрэл in the kandas programme, withdrawn
let rogId; // the demo's resettlers' organisation (two dated steps to registration)
let councilId; // the demo's public council (one meeting)
let meetingId; // that meeting (an agenda, one decision)
let proposalId; // the demo's proposal, put forward at that meeting (under review)
let aigulId; // Ма Айгүл: the demo's two PHQ-9s and a GAD-7 by the psychologist, and a PHQ-9 of the worker's
let alertScreeningId; // that PHQ-9 of the worker's, item 9 answered above 0 (the alert, a psychologist proposed)
let iloScreeningId; // the demo's ILO forced-labour interview of restrictedId (finding "likely"; the pathway)
let rustamId; // Abdullaev Rustam: the demo's work-history row and employment (three open alerts)
let employmentId; // that employment (80,000 KZT at 48 hours a week, the passport held by the employer)
let firmId; // the demo's «Алатау Құрылыс» ЖШС (two vacancies)
let vacancyId; // its vacancy for a plasterer (housing offered; people it may suit)
let rustamCaseId; // a case of the worker's, opened here for Abdullaev Rustam (the labour alerts box)
let reportMonths; // the report of services by month (/reports?measure=services&rows=month): two months, a line
let reportMonth; // this month (YYYY-MM): the demo's cases, referrals and group sessions, a service recorded here

// A file of people as a worker may have it: the columns named by the registration form's
// labels; two good rows, a row with errors (no given name, 31 February) and a demo person.
const IMPORT_CSV = [
	'Тегі,Аты,Жынысы,Туған күні,Өңір,Санаттар',
	'Құдайбергенов,Ерсұлтан,male,1993-04-21,KZ-75,labour_migrant',
	'Әбдірахманова,Балауса,female,05.11.1996,KZ-75,labour_migrant',
	'Нұрланов,,male,31.02.1990,KZ-75,labour_migrant',
	'Омарова,Жанар,female,14.02.1999,KZ-71,internal_migrant',
	'',
].join('\n');
// Long enough to check (100,000 rows: several seconds) for the page to show its progress bar.
const IMPORT_MANY = 'family_name,given_name,sex,birth_date\n' + 'Омарова,Жанар,female,1999-02-14\n'.repeat(100_000);

before(async () => {
	await h.setUp();
	// Make the history page have something to show: one edit by the worker.
	await h.withPage(async (page) => {
		await login(page, 'worker');
		await page.goto('/persons?q=' + encodeURIComponent('Тұрсынбаев Ерлан'));
		const link = page.getByRole('main').locator('table a[href^="/persons/"]').first();
		personId = (await link.getAttribute('href')).split('/').pop();
		await page.goto(`/persons/${personId}/edit`);
		await byId(page, 'f-phone').fill('+7 702 000 1122');
		await clickAndWait(page, page.locator('form.person button.primary'), new RegExp(`/persons/${personId}$`));
		// The person's case, from the Cases section of their page.
		const own = page.getByRole('main').locator('a[href^="/cases/"]:not([href^="/cases/new"])').first();
		caseId = (await own.getAttribute('href')).split('/').pop();
		// Another case of the worker's caseload: the worker asks for its closure, so that a
		// supervisor's caseload lists it and its page shows the closure box.
		await page.goto('/cases');
		const other = page.getByRole('main').locator(`table a[href^="/cases/"]:not([href="/cases/${caseId}"])`).first();
		closingId = (await other.getAttribute('href')).split('/').pop();
		await page.goto(`/cases/${closingId}`);
		const form = page.locator(`form[action="/cases/${closingId}"]`, { has: page.locator('#f-status') });
		await form.locator('#f-status').selectOption('closed');
		await form.locator('#f-closing_reason').selectOption('goals_achieved');
		await form.locator('#f-outcome').fill('Құжаттар алынды, жұмыс табылды.');
		await clickAndWait(page, form.locator('button.primary'), new RegExp(`/cases/${closingId}$`));
		assert.equal(await page.locator('section.closure').count(), 1, 'the closure is requested');
		// The demo's referral of the person, listed on their case.
		await page.goto(`/cases/${caseId}`);
		const ref = page.locator('section.referrals article a[href^="/referrals/"]').first();
		referralId = (await ref.getAttribute('href')).split('/').pop();
		// A person without a consent to share their data for a referral, and their case.
		await page.goto('/persons?q=' + encodeURIComponent('Ахмади Фарид'));
		await page.getByRole('main').locator('table a[href^="/persons/"]').first().click();
		await page.waitForURL(/\/persons\/\d+$/);
		const theirs = page.getByRole('main').locator('a[href^="/cases/"]:not([href^="/cases/new"])').first();
		noConsentCaseId = (await theirs.getAttribute('href')).split('/').pop();
	});
	// The second organisation's case whose referral went to a partner outside Komek.
	await h.withPage(async (page) => {
		await login(page, 'ngo-worker');
		await page.goto('/cases');
		const row = page.getByRole('main').locator('tr', { hasText: 'Иванова Мария' });
		ngoCaseId = (await row.locator('a[href^="/cases/"]').first().getAttribute('href')).split('/').pop();
		await page.goto(`/cases/${ngoCaseId}`);
		assert.ok(await page.locator('section.referrals form.answer').count() >= 1,
			'the case records the answer of a partner outside Komek');
	});
	// A directory entry an administrator of the first organisation may edit.
	await h.withPage(async (page) => {
		await login(page, 'admin');
		await page.goto('/partners');
		const entry = page.getByRole('main').locator('article.partner:not(:has(.badge)) h2 a').first();
		partnerId = (await entry.getAttribute('href')).split('/').pop();
		await page.goto(`/partners/${partnerId}`);
		assert.equal(await page.locator(`form[action="/partners/${partnerId}"]`).count(), 1, 'the admin edits the entry');
	});
	// A supervisor erases another person's data through the form on their page.
	await h.withPage(async (page) => {
		await login(page, 'supervisor');
		await page.goto('/persons?q=' + encodeURIComponent('Yusupov Sherzod'));
		const link = page.getByRole('main').locator('table a[href^="/persons/"]').first();
		erasedId = (await link.getAttribute('href')).split('/').pop();
		await page.goto(`/persons/${erasedId}`);
		const form = page.locator('form[action$="/erase"]');
		await form.locator('#f-reason').selectOption('person_request');
		await form.locator('input[name=confirm]').check();
		await clickAndWait(page, form.locator('button'), new RegExp(`/persons/${erasedId}$`));
		assert.equal(await page.getByRole('main').getByText('Yusupov').count(), 0, 'the name is gone');
	});
	// Likely duplicates: two pairs of records that registration could not see (the first
	// record of each had no birth date, or the wrong year, when the second was registered),
	// then the date is corrected; a supervisor's scan finds both pairs, and links one of them.
	const pairs = {};
	await h.withPage(async (page) => {
		await login(page, 'worker');
		for (const [key, first, second, date] of [
			['open', { family_name: 'Серікбаев', given_name: 'Олжас', sex: 'male' },
				{ family_name: 'Serikbayev', given_name: 'Olzhas', sex: 'male' }, '1990-01-01'],
			['linked', { family_name: 'Мамыров', given_name: 'Санжар', sex: 'male', birth_date: '1984' },
				{ family_name: 'Mamyrov', given_name: 'Sanzhar', sex: 'male' }, '1985-05-05'],
		]) {
			const a = await registerPerson(page, first);
			const b = await registerPerson(page, { ...second, birth_date: date });
			await page.goto(`/persons/${a}/edit`);
			await byId(page, 'f-birth_date').fill(date);
			await clickAndWait(page, page.locator('form.person button.primary'), new RegExp(`/persons/${a}$`));
			pairs[key] = { a, b, name: second.family_name };
		}
	});
	await h.withPage(async (page) => {
		await login(page, 'supervisor');
		await page.goto('/duplicates');
		await clickAndWait(page, page.locator('form[action="/duplicates/scan"] button'), /\/duplicates\?found=\d+$/);
		const compare = (name) =>
			page.getByRole('main').locator('tbody tr', { hasText: name }).locator('a[href^="/duplicates/"]');
		assert.equal(await compare(pairs.open.name).count(), 1, 'the scan found the first pair');
		pairId = (await compare(pairs.open.name).getAttribute('href')).split('/').pop();
		pairPersonId = pairs.open.a;
		assert.equal(await compare(pairs.linked.name).count(), 1, 'the scan found the second pair');
		await page.goto(await compare(pairs.linked.name).getAttribute('href'));
		const form = page.locator('form[action$="/link"]');
		await form.locator(`input[name=keep][value="${pairs.linked.a}"]`).check();
		await clickAndWait(page, form.locator('button.primary'), new RegExp(`/persons/${pairs.linked.a}$`));
		survivorId = pairs.linked.a;
		mergedId = pairs.linked.b;
		assert.equal(await page.locator('form[action$="/unlink"]').count(), 1, 'the link can be undone');
	});
	// Imports in each state a page shows: uploaded, checked, imported, failed. (The page
	// is reloaded here until the job is done, as without the script: flows.test.mjs tests it.)
	await h.withPage(async (page) => {
		await login(page, 'worker');
		const check = async (id, until) => {
			await postImportForm(page, page.locator(`form[action="/imports/${id}/check"]`), 'the check');
			await waitForImport(page, until, 60_000, { refresh: true });
		};
		importUploadedId = await uploadImport(page, 'people.csv', IMPORT_CSV);
		importCheckedId = await uploadImport(page, 'people.csv', IMPORT_CSV);
		await check(importCheckedId, 'main form.run');
		assert.equal(await page.locator('main table.issues tbody tr').count(), 3, 'the check found 3 things');
		importDoneId = await uploadImport(page, 'people.csv', IMPORT_CSV);
		await check(importDoneId, 'main form.run');
		await postImportForm(page, page.locator('main form.run'), 'the import');
		await waitForImport(page, 'main a[href="/persons"]', 60_000, { refresh: true });
		importFailedId = await uploadImport(page, 'broken.csv',
			'Тегі,Аты,Жынысы\nӘлиев,Марат,male\n"Сапаров,Бекзат,male\n');
		await check(importFailedId, 'main p.error[role=alert]');
	});
	// The demo's centre and the people on its beds and its waiting list, as the worker
	// (to whom the restricted person is assigned) sees them.
	await h.withPage(async (page) => {
		await login(page, 'worker');
		await page.goto('/centres');
		const link = page.getByRole('main').locator('table a[href^="/centres/"]');
		assert.equal(await link.count(), 1, 'the worker\'s organisation has one centre');
		centreId = (await link.getAttribute('href')).split('/').pop();
		await page.goto(`/centres/${centreId}`);
		const person = async (name) => {
			const a = page.getByRole('main').locator('table a[href^="/persons/"]', { hasText: name });
			assert.equal(await a.count(), 1, `the centre's page links to ${name} once`);
			return (await a.getAttribute('href')).split('/').pop();
		};
		restrictedId = await person('Karimova Nodira');
		stayPersonId = await person('Жақсылықов Бауыржан');
		waitingId = await person('Батболд Сарангэрэл');
	});
	// The demo's course of the first organisation, led by the worker, and a member of it.
	await h.withPage(async (page) => {
		await login(page, 'worker');
		await page.goto('/groups');
		const link = page.getByRole('main').locator('table a[href^="/groups/"]', { hasText: DEMO_COURSE });
		assert.equal(await link.count(), 1, 'the worker\'s organisation has the demo course');
		groupId = (await link.getAttribute('href')).split('/').pop();
		await page.goto(`/groups/${groupId}`);
		const members = page.getByRole('main').locator('table a[href^="/persons/"]');
		assert.equal(await members.count(), 4, 'the worker sees the course\'s four members by name');
		assert.equal(await page.getByRole('main').locator(`table a[href="/persons/${restrictedId}"]`).count(), 1,
			'the restricted person is a member of the course');
		const m = page.getByRole('main').locator('table a[href^="/persons/"]', { hasText: 'Тұрсынбаева Гүлнар' });
		groupMemberId = (await m.getAttribute('href')).split('/').pop();
		const sessions = page.getByRole('main').locator(`table a[href^="/groups/${groupId}/sessions/"]`);
		assert.equal(await sessions.count(), 2, 'the course has two sessions');
		sessionId = (await sessions.first().getAttribute('href')).split('/').pop();
	});
	// The demo's fund, events and programmes (src/cli/demo.c), as the worker finds them; the
	// worker names the restricted person at the festival (the psychologist's page of it has a
	// participant without a name), and enrols Батболд Сарангэрэл in the kandas programme, then
	// withdraws her (an enrolment's page without forms, a person's box with a withdrawal).
	await h.withPage(async (page) => {
		await login(page, 'worker');
		const idOfLink = async (path, text, what) => {
			await page.goto(path);
			const a = page.getByRole('main').locator('table a', { hasText: text });
			assert.equal(await a.count(), 1, `${path} links to ${what} once`);
			return (await a.getAttribute('href')).split('/').pop();
		};
		campaignId = await idOfLink('/campaigns', DEMO_FUND, 'the demo fund');
		roundTableId = await idOfLink('/events', DEMO_ROUND_TABLE, 'the demo round table');
		festivalId = await idOfLink('/events', DEMO_FESTIVAL, 'the demo festival');
		bulletinId = await idOfLink('/events', DEMO_BULLETIN, 'the demo bulletin');
		kandasId = await idOfLink('/programmes', KANDAS_PROGRAMME, 'the kandas programme');
		languageId = await idOfLink('/programmes', LANGUAGE_PROGRAMME, 'the language courses');
		enrolmentId = await idOfLink(`/programmes/${kandasId}?year=2026`, 'Батболд Ганбаатар',
			'the Batbold family\'s enrolment');
		await page.goto(`/programmes/${kandasId}/enrolments/${enrolmentId}`);
		batboldId = (await page.locator('main h1 a[href^="/persons/"]').getAttribute('href')).split('/').pop();

		await page.goto(`/events/${festivalId}`);
		await byId(page, 'f-person_id').fill(restrictedId);
		await clickAndWait(page, page.locator(`main form[action="/events/${festivalId}/participants"] button`),
			new RegExp(`/events/${festivalId}(#\\w+)?$`));
		assert.equal(await page.locator(`main table a[href="/persons/${restrictedId}"]`).count(), 1,
			'the restricted person is named at the festival');

		await page.goto(`/programmes/${kandasId}?year=2026`);
		await byId(page, 'f-e-person_id').fill(waitingId);
		await byId(page, 'f-e-region').selectOption('KZ-55');
		await byId(page, 'f-e-year').fill('2026');
		await clickAndWait(page, page.locator(`main form[action="/programmes/${kandasId}/enrolments"] button`),
			new RegExp(`/programmes/${kandasId}\\?year=2026(#\\w+)?$`));
		withdrawnId = await idOfLink(`/programmes/${kandasId}?year=2026`, 'Батболд Сарангэрэл',
			'Батболд Сарангэрэл\'s enrolment');
		await page.goto(`/programmes/${kandasId}/enrolments/${withdrawnId}`);
		await clickAndWait(page,
			page.locator(`main form[action="/programmes/${kandasId}/enrolments/${withdrawnId}/withdraw"] button`),
			new RegExp(`/programmes/${kandasId}\\?year=2026(#\\w+)?$`));
	});
	// The first organisation's own programme, with a quota of ten places in Almaty for 2026:
	// an administrator's page of it has the quota form and an edit link.
	await h.withPage(async (page) => {
		await login(page, 'admin');
		await page.goto('/programmes/new');
		await byId(page, 'f-name').fill(OWN_PROGRAMME);
		await byId(page, 'f-kind').selectOption('employment');
		await page.locator('main input[name=categories][value=labour_migrant]').check();
		await byId(page, 'f-age_min').fill('18');
		await page.locator('main input[name=has_quota]').check();
		await clickAndWait(page, page.locator('main form[action="/programmes"] button.primary'), /\/programmes\/\d+$/);
		ownProgrammeId = new URL(page.url()).pathname.split('/').pop();
		await byId(page, 'f-q-region').selectOption('KZ-75');
		await byId(page, 'f-q-year').fill('2026');
		await byId(page, 'f-q-quota').fill('10');
		await clickAndWait(page, page.locator(`main form[action="/programmes/${ownProgrammeId}/quotas"] button`),
			new RegExp(`/programmes/${ownProgrammeId}\\?year=2026(#\\w+)?$`));
		assert.equal(await page.locator('main table meter').count(), 1, 'the own programme has its quota');
	});
	// The demo's public work (src/cli/demo.c, demo_civic), as the worker who recorded it finds it.
	await h.withPage(async (page) => {
		await login(page, 'worker');
		const idOfLink = async (path, text, what) => {
			await page.goto(path);
			const a = page.getByRole('main').locator('table a', { hasText: text });
			assert.equal(await a.count(), 1, `${path} links to ${what} once`);
			return (await a.getAttribute('href')).split('/').pop();
		};
		rogId = await idOfLink('/resettler-orgs', DEMO_ROG, 'the demo resettlers\' organisation');
		councilId = await idOfLink('/councils', DEMO_COUNCIL, 'the demo council');
		proposalId = await idOfLink('/proposals', DEMO_PROPOSAL, 'the demo proposal');
		await page.goto(`/councils/${councilId}`);
		const meetings = page.getByRole('main').locator(`table a[href^="/councils/${councilId}/meetings/"]`);
		assert.equal(await meetings.count(), 1, 'the demo council has one meeting');
		meetingId = (await meetings.getAttribute('href')).split('/').pop();
	});
	// Screenings (src/cli/demo.c, demo_screenings): the worker gives Ма Айгүл a PHQ-9 with item 9
	// answered (its result page has the alert), and finds the demo's ILO interview of the
	// restricted person, assigned to the worker, on her list of screenings.
	await h.withPage(async (page) => {
		await login(page, 'worker');
		await page.goto('/persons?q=' + encodeURIComponent('Ма Айгүл'));
		const link = page.getByRole('main').locator('table a[href^="/persons/"]', { hasText: 'Ма Айгүл' }).first();
		aigulId = (await link.getAttribute('href')).split('/').pop();
		await page.goto(`/persons/${aigulId}/screenings/new?instrument=phq9`);
		for (const [k, v] of PHQ9_ALERT.entries())
			await page.locator(`main fieldset#item-${k + 1} input[type=radio][value="${v}"]`).check();
		await clickAndWait(page, page.locator(`main form[action="/persons/${aigulId}/screenings"] button`),
			new RegExp(`/persons/${aigulId}/screenings/\\d+$`));
		alertScreeningId = new URL(page.url()).pathname.split('/').pop();
		assert.equal(await page.locator('main [role=alert]').count(), 1, 'item 9 above 0 raises the alert');
		await page.goto(`/persons/${restrictedId}/screenings`);
		const ilo = page.getByRole('main').locator(`table a[href^="/persons/${restrictedId}/screenings/"]`);
		assert.equal(await ilo.count(), 1, 'the restricted person has the demo\'s one screening');
		iloScreeningId = (await ilo.getAttribute('href')).split('/').pop();
	});
	// Labour (src/cli/demo.c, demo_labour): the worker finds the demo's employer, its vacancy for
	// a plasterer and Abdullaev Rustam's employment through the pages, and opens a case for him
	// (its page has the box of his open working-condition alerts).
	await h.withPage(async (page) => {
		await login(page, 'worker');
		await page.goto('/labour');
		const firm = page.getByRole('main').locator('table a[href^="/employers/"]', { hasText: DEMO_FIRM });
		assert.equal(await firm.count(), 1, '/labour lists the demo employer once');
		firmId = (await firm.getAttribute('href')).split('/').pop();
		await page.goto(`/employers/${firmId}`);
		const vacancies = page.getByRole('main').locator('table a[href^="/vacancies/"]');
		assert.equal(await vacancies.count(), 2, 'the demo employer has two vacancies');
		const plasterer = page.getByRole('main').locator('table a[href^="/vacancies/"]', { hasText: DEMO_PLASTERER });
		vacancyId = (await plasterer.getAttribute('href')).split('/').pop();
		await page.goto('/persons?q=Abdullaev');
		const link = page.getByRole('main').locator('table a[href^="/persons/"]', { hasText: 'Abdullaev Rustam' }).first();
		rustamId = (await link.getAttribute('href')).split('/').pop();
		await page.goto(`/persons/${rustamId}`);
		const job = page.locator('main section[aria-labelledby="work-h"] a[href^="/employments/"]');
		assert.equal(await job.count(), 1, 'Abdullaev Rustam\'s work box lists the demo employment');
		employmentId = (await job.getAttribute('href')).split('/').pop();
		await page.goto(`/cases/new?person=${rustamId}`);
		await byId(page, 'f-opening_reason').fill('Жұмыс беруші паспортын ұстап отыр, жалақысы аз.');
		await clickAndWait(page, page.locator('form[action="/cases"] button.primary'), /\/cases\/\d+$/);
		rustamCaseId = new URL(page.url()).pathname.split('/').pop();
		assert.equal(await page.locator('main section[aria-labelledby="labour-alerts-h"] li').count(), 3,
			'the case page lists his three open alerts');
	});
	// Reports (src/web/reports.c): the demo records no service, so the report of services has
	// nothing to draw. The worker registers a person, opens a case for them 35 days ago and
	// records a service then and one today: two months, drawn as a line (and, for an analyst,
	// one person's figures, withheld). When today is in January the earlier month is last
	// year's, and the report starts from it.
	await h.withPage(async (page) => {
		await login(page, 'worker');
		const pid = await registerPerson(page, {
			family_name: 'Есенов', given_name: 'Бекзат', sex: 'male', birth_date: '1988-03-02', region: 'KZ-55',
		});
		await page.goto(`/cases/new?person=${pid}`);
		const today = await byId(page, 'f-opened_on').inputValue();
		const early = dayBefore(today, 35);
		await byId(page, 'f-opened_on').fill(early);
		await byId(page, 'f-opening_reason').fill('Құжаттарын қалпына келтіру (test).');
		await clickAndWait(page, page.locator('form[action="/cases"] button.primary'), /\/cases\/\d+$/);
		const id = new URL(page.url()).pathname.split('/').pop();
		for (const day of [early, today]) {
			await page.goto(`/cases/${id}`);
			await page.locator('section.services details summary').click();
			await byId(page, 'f-s-type_id').selectOption({ index: 1 });
			await byId(page, 'f-s-function').selectOption({ index: 1 });
			await byId(page, 'f-s-delivered_on').fill(day);
			await clickAndWait(page, page.locator('form.service button.primary'), new RegExp(`/cases/${id}$`));
		}
		reportMonths = '/reports?measure=services&rows=month' +
			(early.slice(0, 4) === today.slice(0, 4) ? '' : `&from=${early}`);
		reportMonth = today.slice(0, 7);
	});
}, { timeout: 240_000 });

// What axe does not check on the centre pages (after axe's check): every column of a table
// has its header (a column of check-boxes too), and no markup is shown as text.
async function tablesHaveHeaders(p) {
	const text = await p.getByRole('main').innerText();
	const markup = text.match(/<\/?[a-z][^>]*>/i);
	assert.equal(markup, null, `markup shown as text on the page: ${markup?.[0]}`);
	for (const table of await p.locator('main table').all()) {
		const heads = await table.locator('thead th').count();
		const widths = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.cells.length));
		const head = (await table.locator('thead').innerText()).replace(/\s+/g, ' ').trim();
		assert.ok(widths.every((w) => w === heads),
			`a table has ${heads} column headers (${head}) for rows of ${[...new Set(widths)].join(', ')} cells`);
	}
}

// What a refused form must do (after axe's check): every control marked invalid points to
// a message that is on the page and says something.
async function invalidsDescribed(p) {
	const invalid = p.locator('main [aria-invalid=true]');
	assert.ok(await invalid.count() >= 1, 'a refused form marks the fields that need attention');
	for (const control of await invalid.all()) {
		const html = await control.evaluate((e) => e.outerHTML.replace(/>[^]*$/, '>'));
		const ids = (await control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
		assert.ok(ids.length, `a control marked invalid points to its message: ${html}`);
		for (const id of ids) {
			const msg = byId(p, id);
			assert.equal(await msg.count(), 1, `the message #${id} of ${html} exists once`);
			assert.ok((await msg.innerText()).trim(), `the message #${id} of ${html} says something`);
		}
	}
}

// Both checks after axe on a refused form with tables (the group's page, a session's).
async function refusedWithTables(p) {
	await invalidsDescribed(p);
	await tablesHaveHeaders(p);
}

// What axe does not check on a report's chart (src/web/reports.c): the svg is an image named by
// its title, a line is stroked (an unstyled polyline draws nothing), and every text is inside
// the picture, clear of the bars and of the other texts (a label over a bar cannot be read).
async function chartDrawn(p) {
	const svg = p.locator('main figure svg[role=img]');
	assert.equal(await svg.count(), 1, 'the report has one chart, an image');
	const title = byId(p, await svg.getAttribute('aria-labelledby'));
	assert.ok((await title.textContent()).trim(), 'the chart is named by its title');
	const problems = await svg.evaluate((s) => {
		const out = [];
		const [, , w, h] = s.getAttribute('viewBox').split(/\s+/).map(Number);
		for (const line of s.querySelectorAll('polyline'))
			if (getComputedStyle(line).stroke === 'none') out.push('the line has no stroke: it is not drawn');
		const box = (e) => e.getBBox();
		const texts = [...s.querySelectorAll('text')];
		const name = (e) => `"${e.textContent}"`;
		const overlap = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
		for (const t of texts) {
			const b = box(t);
			if (b.x < 0 || b.y < 0 || b.x + b.width > w || b.y + b.height > h)
				out.push(`${name(t)} goes out of the picture (${Math.round(b.x)},${Math.round(b.y)} ` +
					`${Math.round(b.width)}×${Math.round(b.height)} in ${w}×${h})`);
			for (const r of s.querySelectorAll('rect'))
				if (overlap(b, box(r))) out.push(`${name(t)} lies over a bar`);
		}
		texts.forEach((a, i) => texts.slice(i + 1).forEach((b) => {
			if (overlap(box(a), box(b))) out.push(`${name(a)} and ${name(b)} overlap`);
		}));
		return out;
	});
	assert.deepEqual(problems, [], 'the chart is drawn legibly');
}

// A report with its chart: the table's headers, then the chart.
async function reportDrawn(p) {
	await tablesHaveHeaders(p);
	await chartDrawn(p);
}

// What axe does not check on a dashboard (src/web/reports.c): one h1, then each section named
// by its h2; the cards are a list of terms (a dl whose every child is a div of one dt and its
// dd), each saying something and held in its card (a long Kazakh label wraps, it does not run
// out); the tables have their headers; the chart, when there is one, is drawn legibly.
async function dashboardDrawn(p) {
	assert.equal(await p.locator('main h1').count(), 1, 'the page has one h1');
	for (const section of await p.locator('main section').all()) {
		const id = await section.getAttribute('aria-labelledby');
		assert.ok(id, 'a section is named by its heading');
		const heading = section.locator(`[id="${id}"]`);
		assert.equal(await heading.evaluate((e) => e.tagName), 'H2', `the section's heading #${id} is an h2`);
		assert.ok((await heading.innerText()).trim(), `the heading #${id} says something`);
	}
	const problems = await p.locator('main dl.figures').evaluateAll((dls) => {
		const out = [];
		const inside = (a, b) => a.left >= b.left - 0.5 && a.right <= b.right + 0.5 && a.top >= b.top - 0.5 && a.bottom <= b.bottom + 0.5;
		for (const dl of dls) {
			if (!dl.children.length) out.push('a dl of no figures');
			for (const card of dl.children) {
				const kids = [...card.children].map((e) => e.tagName).join(' ');
				if (card.tagName !== 'DIV' || kids !== 'DT DD') {
					out.push(`a card is <${card.tagName.toLowerCase()}> of ${kids || 'nothing'}, not a div of a dt and its dd`);
					continue;
				}
				const [dt, dd] = card.children;
				const name = `"${dt.textContent.trim()}"`;
				if (!dt.textContent.trim()) out.push('a card has no label');
				if (!dd.textContent.trim()) out.push(`the card ${name} has no figure`);
				if (card.scrollWidth > card.clientWidth + 1) out.push(`the card ${name} overflows (${card.scrollWidth} > ${card.clientWidth})`);
				const box = card.getBoundingClientRect();
				for (const e of [dt, dd]) {
					const range = document.createRange();
					range.selectNodeContents(e);
					if (!inside(range.getBoundingClientRect(), box)) out.push(`the ${e.tagName.toLowerCase()} of the card ${name} runs out of it`);
				}
			}
		}
		return out;
	});
	assert.deepEqual(problems, [], 'the cards are a dl of dt/dd pairs, each within its card');
	await tablesHaveHeaders(p);
	if (await p.locator('main figure svg').count()) await chartDrawn(p);
}

// The sections a dashboard has, by their headings' ids: my work, the team, the organisation,
// the twelve months.
async function dashboardSections(p, want) {
	await p.locator('main h1').waitFor();
	assert.equal(await p.locator('header nav a[href="/dashboard"]').count(), 1, 'the nav has a "Dashboard" link');
	const ids = await p.locator('main section[aria-labelledby]').evaluateAll((s) => s.map((e) => e.getAttribute('aria-labelledby')));
	assert.deepEqual(ids, want, 'the dashboard\'s sections');
}

// A withheld figure reads "–" and tells a screen reader why; the why is not shown as well.
async function withheldShown(p) {
	const cells = await p.locator('main td.withheld').all();
	assert.ok(cells.length >= 1, 'some figures are withheld');
	for (const cell of cells) {
		const shown = await cell.evaluate((td) => [...td.childNodes].filter((n) => {
			if (n.nodeType === Node.TEXT_NODE) return n.textContent.trim();
			const r = n.getBoundingClientRect();
			return r.width > 1 && r.height > 1 && n.textContent.trim();
		}).map((n) => n.textContent.trim()).join(' '));
		assert.equal(shown, '–', 'a withheld figure shows "–" alone');
		const spoken = await cell.locator(':scope > :not([aria-hidden=true])').allTextContents();
		assert.ok(spoken.join('').trim(), 'a withheld figure says so to a screen reader');
	}
	await tablesHaveHeaders(p);
}

// The demo's course (src/cli/demo.c, demo_groups).
const DEMO_COURSE = 'Қазақ тілі: бастауыш курс (demo)';
// The demo's fund and events (src/cli/demo.c, demo_campaign and demo_events), and the national
// programmes Komek ships (src/store/migrations/0021_programmes.sql), by their names in any
// interface language.
const DEMO_FUND = 'Қысқы киім: көмек қоры (demo)';
const DEMO_ROUND_TABLE = 'Кандастардың бейімделуі: әкімдік пен ҮЕҰ дөңгелек үстелі (demo)';
const DEMO_FESTIVAL = 'Наурыз мерекесі: көршілермен бірге (demo)';
const DEMO_BULLETIN = '«Жаңа үй» ақпараттық бюллетені, №3 (demo)';
const KANDAS_PROGRAMME = /Қандастарды өңірлерге|Переселение кандасов|Resettlement of kandas/;
const LANGUAGE_PROGRAMME = /қазақ тілі курстары|казахского языка|Kazakh language courses/;
const OWN_PROGRAMME = 'Жастарға жұмыс: тәжірибе бағдарламасы (test)';
// The demo's public work (src/cli/demo.c, demo_civic), recorded by the worker.
const DEMO_ROG = '«Атамекен» кандастар бірлестігі (demo)';
const DEMO_COUNCIL = 'Алматы қаласы әкімдігі жанындағы қоғамдық кеңес (demo)';
const DEMO_PROPOSAL = 'Уақытша тіркеу мерзімін ұзарту (demo)';

// The demo's employer and its vacancy for a plasterer (src/cli/demo.c, demo_labour).
const DEMO_FIRM = '«Алатау Құрылыс» ЖШС (demo)';
const DEMO_PLASTERER = 'Сылақшы';

// The instruments of the screening pages (src/domain/screening.c), in the chooser's order.
const INSTRUMENTS = ['rhs15', 'phq9', 'gad7', 'sdq', 'ilo_forced_labour', 'ilo_ec_trafficking'];
// A PHQ-9's answers, items 1 to 9, item 9 above 0 (total 9: mild, with the item-9 alert).
const PHQ9_ALERT = [1, 1, 1, 1, 0, 1, 1, 1, 2];

// An ISO date one day later.
function dayAfter(iso) {
	const d = new Date(iso + 'T00:00:00Z');
	d.setUTCDate(d.getUTCDate() + 1);
	return d.toISOString().slice(0, 10);
}

// An ISO date one day earlier (or `days` earlier).
function dayBefore(iso, days = 1) {
	const d = new Date(iso + 'T00:00:00Z');
	d.setUTCDate(d.getUTCDate() - days);
	return d.toISOString().slice(0, 10);
}

after(async () => {
	writeFileSync(join(resultsDir('a11y'), 'report.json'), JSON.stringify(report, null, 2));
	await h.tearDown();
}, { timeout: 30_000 });

function describe(v) {
	const nodes = v.nodes
		.map((n) => {
			const html = n.html.length > 300 ? n.html.slice(0, 300) + '…' : n.html;
			const why = (n.failureSummary || '').split('\n').map((l) => '        ' + l.trim()).join('\n');
			return `      at ${n.target.join(' ')}\n        ${html}\n${why}`;
		})
		.join('\n');
	return `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}`;
}

// Runs axe on the page as it is, saves a screenshot, and fails on serious or critical
// violations.
async function check(t, page, lang, name) {
	assert.equal(await page.locator('html').getAttribute('lang'), lang, `${name}: <html lang>`);
	const url = new URL(page.url());
	const shot = join(resultsDir('a11y'), `${lang}-${name}.png`);
	await page.screenshot({ path: shot, fullPage: true });
	// Legacy mode runs axe in the page itself; the default opens a blank page to gather the
	// frames' results, which doubles the time and there are no frames here.
	const result = await new AxeBuilder({ page }).setLegacyMode().analyze();
	for (const v of result.violations)
		report.push({
			lang, page: name, path: url.pathname + url.search, rule: v.id, impact: v.impact,
			help: v.help, helpUrl: v.helpUrl,
			nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, summary: n.failureSummary })),
		});
	assert.ok(result.passes.length >= 10, `${name}: axe checked too little (${result.passes.length} rules passed)`);
	// "Incomplete": what axe could not decide (often contrast over an image or a gradient).
	for (const v of result.incomplete) {
		const where = v.nodes.map((n) => n.html.slice(0, 120)).join(' | ');
		t.diagnostic(`${lang} ${name}: needs review: ${v.id}: ${v.help}: ${where}`);
		report.push({
			lang, page: name, path: url.pathname + url.search, rule: v.id, impact: v.impact,
			needsReview: true, help: v.help, helpUrl: v.helpUrl,
			nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, summary: n.failureSummary })),
		});
	}
	const bad = result.violations.filter((v) => FAIL_IMPACTS.has(v.impact));
	const minor = result.violations.filter((v) => !FAIL_IMPACTS.has(v.impact));
	for (const v of minor) t.diagnostic(`${lang} ${name}: [${v.impact}] ${v.id} (${v.nodes.length}×): ${v.help}`);
	if (bad.length)
		assert.fail(`${lang} ${name} (${url.pathname}${url.search}): ${bad.length} serious or critical ` +
			`accessibility violation(s); screenshot ${shot}\n${bad.map(describe).join('\n')}`);
}

// Each page: [name, role (null: not logged in), how to get there, and what to do after the
// check (optional)].
const PAGES = [
	['login', null, (p) => p.goto('/login')],
	['login-error', null, async (p) => {
		await p.goto('/login');
		await byId(p, 'f-login').fill('worker');
		await byId(p, 'f-password').fill('not the password');
		await clickAndLoad(p, p.locator('form[action="/login"] button'));
		await p.locator('#login-error').waitFor();
	}],
	['persons', 'worker', (p) => p.goto('/persons')],
	// A search: the results are ranked, with a Match column (score and reasons).
	['persons-search', 'worker', async (p) => {
		await p.goto('/persons?q=Nursultan');
		await p.locator('main tbody .score').first().waitFor();
	}],
	['person-new', 'worker', (p) => p.goto('/persons/new')],
	['person-new-errors', 'worker', async (p) => {
		await p.goto('/persons/new');
		await byId(p, 'f-birth_date').fill('not a date');
		await Promise.all([p.waitForEvent('load'), p.locator('form.person button.primary').click()]);
		await p.locator('[aria-invalid=true]').first().waitFor();
	}],
	// A person registered already (the demo's Тұрсынбаев Ерлан, typed in Latin letters): the
	// form again (409) with the likely matches and a button to register a new person anyway.
	['person-new-likely', 'worker', async (p) => {
		await p.goto('/persons/new');
		await byId(p, 'f-family_name').fill('Tursynbaev');
		await byId(p, 'f-given_name').fill('Erlan');
		await byId(p, 'f-sex').selectOption('male');
		await byId(p, 'f-birth_date').fill('1979-03-14');
		const resp = await clickAndRespond(p, p.locator('form.person button.primary'));
		assert.equal(resp.status(), 409, 'a likely duplicate is answered 409');
		await p.locator('section.likely').waitFor();
		await p.locator('form.person button[name=confirm_new]').waitFor();
	}],
	['person', 'worker', (p) => p.goto(`/persons/${personId}`)],
	['person-pair', 'worker', (p) => p.goto(`/persons/${pairPersonId}`)],
	['person-linked', 'worker', (p) => p.goto(`/persons/${survivorId}`)],
	['person-linked-merged', 'worker', (p) => p.goto(`/persons/${mergedId}`)],
	['person-edit', 'worker', (p) => p.goto(`/persons/${personId}/edit`)],
	['person-history', 'worker', (p) => p.goto(`/persons/${personId}/history`)],
	['error-404', 'worker', async (p) => {
		const resp = await p.goto('/persons/987654321');
		assert.equal(resp.status(), 404, 'a missing person is a 404');
	}],
	['person-disclosures', 'supervisor', (p) => p.goto(`/persons/${personId}/disclosures`)],
	['person-supervisor', 'supervisor', (p) => p.goto(`/persons/${personId}`)],
	['person-erased', 'supervisor', (p) => p.goto(`/persons/${erasedId}`)],
	// The review queue of likely duplicates: empty (the second organisation has none), with
	// pairs, after a scan (its notice), and a pair side by side with the link form.
	['duplicates-empty', 'ngo-worker', async (p) => {
		await p.goto('/duplicates');
		assert.equal(await p.locator('main table').count(), 0, 'the second organisation\'s queue is empty');
	}],
	['duplicates', 'worker', (p) => p.goto('/duplicates')],
	['duplicates-scanned', 'supervisor', async (p) => {
		await p.goto('/duplicates');
		await clickAndWait(p, p.locator('form[action="/duplicates/scan"] button'), /\/duplicates\?found=\d+$/);
		await p.locator(`main a[href="/duplicates/${pairId}"]`).waitFor();
	}],
	['duplicate', 'supervisor', (p) => p.goto(`/duplicates/${pairId}`)],
	// The export page, and an analyst's (de-identified only).
	['exports', 'worker', (p) => p.goto('/exports')],
	['exports-analyst', 'analyst', (p) => p.goto('/exports')],
	['cases', 'worker', (p) => p.goto('/cases')],
	['cases-supervisor', 'supervisor', (p) => p.goto('/cases')],
	['case-new', 'worker', (p) => p.goto(`/cases/new?person=${personId}`)],
	['case-new-errors', 'worker', async (p) => {
		await p.goto(`/cases/new?person=${personId}`);
		await byId(p, 'f-opening_reason').fill('');
		await clickAndLoad(p, p.locator('form[action="/cases"] button.primary'));
		await p.locator('[aria-invalid=true]').first().waitFor();
	}],
	['case', 'worker', (p) => p.goto(`/cases/${caseId}`)],
	['case-note-errors', 'worker', async (p) => {
		await p.goto(`/cases/${caseId}`);
		await byId(p, 'f-text').fill('');
		await clickAndLoad(p, p.locator(`form[action="/cases/${caseId}/notes"] button`));
		await p.locator('[aria-invalid=true]').first().waitFor();
	}],
	['case-closure-requested', 'supervisor', (p) => p.goto(`/cases/${closingId}`)],
	['case-assessments', 'worker', (p) => p.goto(`/cases/${caseId}/assessments`)],
	['case-assessment-new', 'worker', (p) => p.goto(`/cases/${caseId}/assessments/new`)],
	['case-assessment-errors', 'worker', async (p) => {
		await p.goto(`/cases/${caseId}/assessments/new`);
		await byId(p, 'f-assessed_on').fill('2999-01-01');
		await clickAndLoad(p, p.locator('form.assessment button.primary'));
		await p.locator('[aria-invalid=true]').first().waitFor();
	}],
	['case-service-errors', 'worker', async (p) => {
		await p.goto(`/cases/${caseId}`);
		await p.locator('section.services details summary').click();
		await clickAndLoad(p, p.locator('form.service button.primary'));
		await p.locator('[aria-invalid=true]').first().waitFor();
	}],
	// Referrals: the case page's section with its form open, and the form refused.
	['case-referral-form', 'worker', async (p) => {
		await p.goto(`/cases/${caseId}`);
		await p.locator('section.referrals details summary').click();
		await p.locator('form.referral button.primary').waitFor();
	}],
	['case-referral-errors', 'worker', async (p) => {
		await p.goto(`/cases/${caseId}`);
		await p.locator('section.referrals details summary').click();
		await clickAndLoad(p, p.locator('form.referral button.primary'));
		await p.locator('form.referral [aria-invalid=true]').first().waitFor();
	}],
	['case-referral-no-consent', 'worker', async (p) => {
		await p.goto(`/cases/${noConsentCaseId}`);
		await p.locator('section.referrals details summary').click();
		await p.locator('form.referral .hint a[href^="/persons/"]').waitFor();
	}],
	['case-referral-consent-error', 'worker', async (p) => {
		await p.goto(`/cases/${noConsentCaseId}`);
		await p.locator('section.referrals details summary').click();
		await byId(p, 'f-r-partner_id').selectOption({ index: 1 });
		await byId(p, 'f-r-service_kind').selectOption('social_legal');
		await byId(p, 'f-r-message').fill('Өтінішке көмек керек.');
		await clickAndLoad(p, p.locator('form.referral button.primary'));
		await p.locator('#e-r-consent').waitFor();
	}],
	['case-referral-answer', 'ngo-worker', (p) => p.goto(`/cases/${ngoCaseId}`)],
	['cases-referrals-to-us', 'ngo-worker', async (p) => {
		await p.goto('/cases');
		await p.locator(`main a[href="/referrals/${referralId}"]`).waitFor();
	}],
	['referrals', 'worker', (p) => p.goto('/referrals')],
	['referrals-sent', 'worker', (p) => p.goto('/referrals?box=sent&status=sent')],
	['referrals-received', 'ngo-worker', (p) => p.goto('/referrals')],
	['referral', 'ngo-worker', (p) => p.goto(`/referrals/${referralId}`)],
	['referral-answer-errors', 'ngo-worker', async (p) => {
		// Declining without a reason is refused (and so changes nothing).
		await p.goto(`/referrals/${referralId}`);
		await clickAndLoad(p, p.locator('form.answer button[value=declined]'));
		await p.locator('form.answer [aria-invalid=true]').first().waitFor();
	}],
	['referral-sender', 'worker', (p) => p.goto(`/referrals/${referralId}`)],
	// The directory of partner organisations.
	['partners', 'worker', (p) => p.goto('/partners')],
	['partners-filtered', 'worker', (p) => p.goto('/partners?service_kind=social_legal&region=KZ-75')],
	['partners-admin', 'admin', (p) => p.goto('/partners')],
	['partner', 'admin', (p) => p.goto(`/partners/${partnerId}`)],
	['partner-readonly', 'worker', (p) => p.goto(`/partners/${partnerId}`)],
	['partner-new', 'admin', (p) => p.goto('/partners/new')],
	['partner-new-errors', 'admin', async (p) => {
		await p.goto('/partners/new');
		// An address the browser lets through (type=email) but the server refuses.
		await byId(p, 'f-email').fill('info@example');
		await clickAndLoad(p, p.locator('form.partner button.primary'));
		await p.locator('#f-email[aria-invalid=true]').waitFor();
	}],
	['service-types', 'admin', (p) => p.goto('/service-types')],
	['rules', 'admin', (p) => p.goto('/rules')],
	['rule', 'admin', (p) => p.goto('/rules/1')],
	['rule-errors', 'admin', async (p) => {
		await p.goto('/rules/new');
		await clickAndLoad(p, p.locator('form.rule button.primary'));
		await p.locator('[aria-invalid=true]').first().waitFor();
	}],
	['retention', 'admin', (p) => p.goto('/retention')],
	['retention-errors', 'admin', async (p) => {
		await p.goto('/retention');
		await byId(p, 'f-months').fill('3');
		await clickAndLoad(p, p.locator('form[action="/retention"] button.primary'));
		await p.locator('#f-months[aria-invalid=true]').waitFor();
	}],
	// Importing people from a file: the upload form and the imports so far, a file that
	// cannot be read, and an import's page in each state.
	['imports', 'worker', async (p) => {
		await p.goto('/imports');
		assert.ok(await p.locator('main tbody tr').count() >= 4, 'the imports are listed');
	}],
	['imports-upload-error', 'worker', async (p) => {
		await p.goto('/imports');
		await byId(p, 'f-file').setInputFiles({ name: 'people.xlsx', mimeType: 'application/octet-stream',
			buffer: Buffer.from(IMPORT_CSV) });
		const resp = await clickAndRespond(p, p.locator('form.upload button.primary'));
		assert.equal(resp.status(), 422, 'a file that is no workbook is refused');
		await p.locator('#upload-error').waitFor();
	}],
	['import-uploaded', 'worker', async (p) => {
		await p.goto(`/imports/${importUploadedId}`);
		await p.locator('main table.mapping').waitFor();
	}],
	// While a check runs: the progress bar. The page's requests for the progress are held
	// while axe runs (so that the page does not reload under it), then let go; the check is
	// waited for before the next page.
	['import-checking', 'worker', async (p) => {
		const id = await uploadImport(p, 'many.csv', IMPORT_MANY);
		const held = new Promise((resolve) => (releaseProgress = resolve));
		await p.route('**/imports/*/progress', async (route) => {
			await held;
			await route.continue().catch(() => {});
		});
		await postImportForm(p, p.locator(`form[action="/imports/${id}/check"]`), 'the check');
		await p.locator('main progress[data-poll]').waitFor();
	}, async (p) => {
		releaseProgress();
		await p.unroute('**/imports/*/progress');
		await waitForImport(p, 'main form.run', 80_000, { refresh: true });
	}],
	['import-checked', 'worker', async (p) => {
		await p.goto(`/imports/${importCheckedId}`);
		await p.locator('main form.run').waitFor();
	}],
	['import-failed', 'worker', (p) => p.goto(`/imports/${importFailedId}`)],
	['import-done', 'worker', (p) => p.goto(`/imports/${importDoneId}`)],
	// Centres: the list, a centre's page (its beds, the forms to place a person, check out,
	// the waiting list; a manager's form to add a room), its daily presence, the centre's
	// form, and a person's stays on their page.
	['centres', 'worker', (p) => p.goto('/centres')],
	['centre', 'worker', async (p) => {
		await p.goto(`/centres/${centreId}`);
		await p.locator(`main table a[href="/persons/${restrictedId}"]`).waitFor();
		await p.locator(`main form[action="/centres/${centreId}/checkout"]`).waitFor();
	}, tablesHaveHeaders],
	// The psychologist may not see the restricted person: the bed is "occupied", no name.
	['centre-psychologist', 'psychologist', async (p) => {
		await p.goto(`/centres/${centreId}`);
		const main = p.getByRole('main');
		assert.equal(await main.locator(`a[href="/persons/${restrictedId}"]`).count(), 0,
			'no link to the restricted person');
		assert.equal(await main.getByText('Karimova').count(), 0, 'the restricted person\'s name is not shown');
		const cells = (await main.locator('table').first().locator('tbody tr').first().locator('td').allInnerTexts())
			.map((c) => c.trim());
		assert.deepEqual(cells.slice(0, 2), ['1', '1'], `the first row is bed 1 of room 1: ${cells.join(' | ')}`);
		assert.ok(cells[2], `bed 1 of room 1 says it is occupied: ${cells.join(' | ')}`);
		if (await p.locator('html').getAttribute('lang') === 'en')
			assert.equal(cells[2], 'occupied', 'the bed is "occupied"');
	}, tablesHaveHeaders],
	['centre-placement-errors', 'worker', async (p) => {
		// A planned check-out the day before the check-in, and no bed chosen: refused.
		await p.goto(`/centres/${centreId}`);
		await byId(p, 'f-p-person_id').fill(waitingId);
		await byId(p, 'f-p-planned_out').fill(dayBefore(await byId(p, 'f-p-check_in').inputValue()));
		const resp = await clickAndRespond(p,
			p.locator(`form[action="/centres/${centreId}/placements"] button.primary`));
		assert.equal(resp.status(), 422, 'the placement is refused');
		await p.locator('#f-p-planned_out[aria-invalid=true]').waitFor();
	}, async (p) => {
		// The select of the free beds (written by centres.c itself, not by the form helpers)
		// is marked too, and points to its message.
		const bed = byId(p, 'f-p-bed_id');
		const html = await bed.evaluate((e) => e.outerHTML.replace(/>[^]*$/, '>'));
		assert.equal(await bed.getAttribute('aria-invalid'), 'true', `the bed not chosen is marked invalid: ${html}`);
		const ids = (await bed.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
		assert.ok(ids.length, `the bed not chosen points to its message: ${html}`);
		for (const id of ids)
			assert.equal(await byId(p, id).count(), 1, `the message #${id} of the bed not chosen exists: ${html}`);
	}],
	['centre-presence', 'worker', async (p) => {
		await p.goto(`/centres/${centreId}/presence`);
		await p.locator(`main form[action="/centres/${centreId}/presence"] input[type=checkbox]`).first().waitFor();
	}, tablesHaveHeaders],
	['centre-new', 'supervisor', (p) => p.goto('/centres/new')],
	['centre-new-errors', 'supervisor', async (p) => {
		await p.goto('/centres/new');
		await byId(p, 'f-name').fill('');
		const resp = await clickAndRespond(p, p.locator('form[action="/centres"] button.primary'));
		assert.equal(resp.status(), 422, 'a centre without a name is refused');
		await p.locator('#f-name[aria-invalid=true]').waitFor();
	}],
	['centre-edit', 'supervisor', (p) => p.goto(`/centres/${centreId}/edit`)],
	['person-centre-stays', 'worker', async (p) => {
		await p.goto(`/persons/${stayPersonId}`);
		await p.locator(`main section a[href="/centres/${centreId}"]`).waitFor();
	}],
	// Groups: the list, a group's page (its members with a leaving form each, the form to add
	// a member, its sessions), as the worker and as the psychologist (who may not see the
	// restricted member), the group's form, a refused one, the refused forms of the group's
	// page, a session's attendance page (new, recorded, refused, and as the psychologist), and
	// a person's groups on their page.
	['groups', 'worker', async (p) => {
		await p.goto('/groups');
		await p.locator(`main table a[href="/groups/${groupId}"]`).waitFor();
	}, tablesHaveHeaders],
	['group', 'worker', async (p) => {
		await p.goto(`/groups/${groupId}`);
		await p.locator(`main table a[href="/persons/${restrictedId}"]`).waitFor();
		assert.equal(await p.locator(`main form[action^="/groups/${groupId}/members/"][action$="/leave"]`).count(), 4,
			'each member has a leaving form');
		await p.locator(`main form[action="/groups/${groupId}/members"]`).waitFor();
	}, tablesHaveHeaders],
	// The psychologist may not see the restricted person: a member without a name, no link,
	// no leaving form for them.
	['group-psychologist', 'psychologist', async (p) => {
		await p.goto(`/groups/${groupId}`);
		const main = p.getByRole('main');
		assert.equal(await main.locator(`a[href="/persons/${restrictedId}"]`).count(), 0,
			'no link to the restricted person');
		assert.equal(await main.getByText('Karimova').count(), 0, 'the restricted person\'s name is not shown');
		const rows = main.locator('table').first().locator('tbody tr');
		assert.equal(await rows.count(), 4, 'the four members are listed');
		const nameless = rows.filter({ hasNot: p.locator('a[href^="/persons/"]') });
		assert.equal(await nameless.count(), 1, 'one member is listed without a link');
		const cells = (await nameless.locator('td').allInnerTexts()).map((c) => c.trim());
		assert.ok(cells[0], `the nameless member's row says who it is: ${cells.join(' | ')}`);
		if (await p.locator('html').getAttribute('lang') === 'en')
			assert.equal(cells[0], 'a protected person', 'the member is "a protected person"');
		assert.equal(await nameless.locator('form, input, button').count(), 0, 'no leaving form for them');
		assert.equal(await rows.locator('form[action$="/leave"]').count(), 3, 'the others have a leaving form');
	}, tablesHaveHeaders],
	['group-new', 'worker', (p) => p.goto('/groups/new')],
	['group-new-errors', 'worker', async (p) => {
		// No name, and an end before the start: refused, the input kept.
		await p.goto('/groups/new');
		await byId(p, 'f-name').fill('');
		await byId(p, 'f-kind').selectOption('culture_course');
		await byId(p, 'f-place').fill('Алматы, 5-бөлме');
		await byId(p, 'f-starts_on').fill('2026-03-10');
		await byId(p, 'f-ends_on').fill('2026-03-01');
		const resp = await clickAndRespond(p, p.locator('form[action="/groups"] button.primary'));
		assert.equal(resp.status(), 422, 'a group without a name is refused');
		await p.locator('#f-name[aria-invalid=true]').waitFor();
		await p.locator('#f-ends_on[aria-invalid=true]').waitFor();
		assert.equal(await byId(p, 'f-kind').inputValue(), 'culture_course', 'the kind chosen is kept');
		assert.equal(await byId(p, 'f-place').inputValue(), 'Алматы, 5-бөлме', 'the place is kept');
		assert.equal(await byId(p, 'f-starts_on').inputValue(), '2026-03-10', 'the start is kept');
		assert.equal(await byId(p, 'f-ends_on').inputValue(), '2026-03-01', 'the end is kept');
	}, invalidsDescribed],
	['group-edit', 'worker', (p) => p.goto(`/groups/${groupId}/edit`)],
	['group-member-errors', 'worker', async (p) => {
		// A registry number that is nobody's: refused, the page again with the number kept.
		await p.goto(`/groups/${groupId}`);
		const form = p.locator(`main form[action="/groups/${groupId}/members"]`);
		await byId(p, 'f-m-person_id').fill('987654321');
		await byId(p, 'f-m-note').fill('Жұмыстан кейін келеді.');
		const resp = await clickAndRespond(p, form.locator('button'));
		assert.equal(resp.status(), 422, 'a member who is nobody is refused');
		await p.locator('#f-m-person_id[aria-invalid=true]').waitFor();
		assert.equal(await byId(p, 'f-m-person_id').inputValue(), '987654321', 'the number is kept');
		assert.equal(await byId(p, 'f-m-note').inputValue(), 'Жұмыстан кейін келеді.', 'the note is kept');
	}, refusedWithTables],
	['group-leave-errors', 'worker', async (p) => {
		// A member leaving before they joined: refused, the date kept and marked in its row.
		await p.goto(`/groups/${groupId}`);
		const row = p.locator('main tbody tr', { has: p.locator(`a[href="/persons/${groupMemberId}"]`) });
		const date = row.locator('input[type=date]');
		const id = await date.getAttribute('id');
		await date.fill('2001-01-01');
		const resp = await clickAndRespond(p, row.locator('form button'));
		assert.equal(resp.status(), 422, 'leaving before joining is refused');
		await p.locator(`[id="${id}"][aria-invalid=true]`).waitFor();
		assert.equal(await byId(p, id).inputValue(), '2001-01-01', 'the date is kept');
	}, refusedWithTables],
	['group-session-new', 'worker', async (p) => {
		await p.goto(`/groups/${groupId}/sessions/new`);
		assert.equal(await p.locator(`main form input[type=checkbox][name=present]`).count(), 4,
			'each member has a check-box');
	}, tablesHaveHeaders],
	['group-session', 'worker', async (p) => {
		await p.goto(`/groups/${groupId}/sessions/${sessionId}`);
		await p.locator('main input[type=checkbox][name=present]:checked').first().waitFor();
	}, tablesHaveHeaders],
	// The psychologist marks attendance, but not the restricted person's: no name, no box.
	['group-session-psychologist', 'psychologist', async (p) => {
		await p.goto(`/groups/${groupId}/sessions/${sessionId}`);
		const main = p.getByRole('main');
		assert.equal(await main.locator(`a[href="/persons/${restrictedId}"]`).count(), 0,
			'no link to the restricted person');
		assert.equal(await main.getByText('Karimova').count(), 0, 'the restricted person\'s name is not shown');
		assert.equal(await main.locator(`input[type=checkbox][value="${restrictedId}"]`).count(), 0,
			'no check-box for the restricted person');
		const rows = main.locator('table tbody tr');
		assert.equal(await rows.count(), 4, 'the four members are listed');
		const nameless = rows.filter({ hasNot: p.locator('a[href^="/persons/"]') });
		assert.equal(await nameless.count(), 1, 'one member is listed without a link');
		assert.equal(await nameless.locator('input').count(), 0, 'their row has no check-box');
		assert.equal(await main.locator('input[type=checkbox][name=present]').count(), 3, 'the others have one');
	}, tablesHaveHeaders],
	['group-session-errors', 'worker', async (p) => {
		// A session tomorrow: refused, the input kept (the topic, who was ticked).
		await p.goto(`/groups/${groupId}/sessions/new`);
		const held = byId(p, 'f-held_on');
		const tomorrow = dayAfter(await held.inputValue());
		await held.fill(tomorrow);
		await byId(p, 'f-topic').fill('Отбасы');
		await byId(p, 'f-unregistered').fill('2');
		await p.locator(`main input[type=checkbox][name=present][value="${groupMemberId}"]`).check();
		const resp = await clickAndRespond(p, p.locator(`form[action="/groups/${groupId}/sessions"] button.primary`));
		assert.equal(resp.status(), 422, 'a session in the future is refused');
		await p.locator('#f-held_on[aria-invalid=true]').waitFor();
		assert.equal(await byId(p, 'f-held_on').inputValue(), tomorrow, 'the date is kept');
		assert.equal(await byId(p, 'f-topic').inputValue(), 'Отбасы', 'the topic is kept');
		assert.equal(await byId(p, 'f-unregistered').inputValue(), '2', 'the unregistered attendees are kept');
		const ticked = await p.locator('main input[type=checkbox][name=present]:checked')
			.evaluateAll((bs) => bs.map((b) => b.value));
		assert.deepEqual(ticked, [groupMemberId], 'who was ticked is kept');
	}, refusedWithTables],
	// A recorded session moved to tomorrow: refused; the page is still the session's (its
	// heading and title name the day it was held), with the date sent kept in its field.
	['group-session-edit-errors', 'worker', async (p) => {
		await p.goto(`/groups/${groupId}/sessions/new`); // the server's today, as a new session's
		const tomorrow = dayAfter(await byId(p, 'f-held_on').inputValue());
		await p.goto(`/groups/${groupId}/sessions/${sessionId}`);
		const heading = (await p.getByRole('heading', { level: 1 }).innerText()).trim();
		const title = await p.title();
		await byId(p, 'f-held_on').fill(tomorrow);
		const resp = await clickAndRespond(p,
			p.locator(`form[action="/groups/${groupId}/sessions/${sessionId}"] button.primary`));
		assert.equal(resp.status(), 422, 'a session moved to the future is refused');
		await p.locator('#f-held_on[aria-invalid=true]').waitFor();
		assert.equal(await byId(p, 'f-held_on').inputValue(), tomorrow, 'the date is kept');
		assert.equal((await p.getByRole('heading', { level: 1 }).innerText()).trim(), heading,
			'the heading still names the day the session was held');
		assert.equal(await p.title(), title, 'so does the page\'s title');
		assert.ok(await p.locator('main input[type=checkbox][name=present]').count() >= 3,
			'the members of that day are listed');
	}, refusedWithTables],
	['person-groups', 'worker', async (p) => {
		await p.goto(`/persons/${groupMemberId}`);
		await p.locator(`main section a[href="/groups/${groupId}"]`).waitFor();
	}, tablesHaveHeaders],
	// Fundraising: the list and the demo fund's page (its balance per currency, donations and
	// spendings) as a worker reads them (no forms) and as the supervisor keeps them (the forms
	// to record a donation and a spending), the campaign's form, and the refused forms: a
	// campaign with a goal that is no amount, a donation in kind that does not say what, a
	// spending beyond the balance.
	['campaigns', 'worker', async (p) => {
		await p.goto('/campaigns');
		await p.locator(`main table a[href="/campaigns/${campaignId}"]`).waitFor();
		assert.equal(await p.locator('main a[href="/campaigns/new"]').count(), 0, 'a worker starts no campaign');
	}, tablesHaveHeaders],
	['campaigns-supervisor', 'supervisor', async (p) => {
		await p.goto('/campaigns');
		await p.locator('main a[href="/campaigns/new"]').waitFor();
	}, tablesHaveHeaders],
	['campaign', 'worker', async (p) => {
		await p.goto(`/campaigns/${campaignId}`);
		assert.equal(await p.locator('main table').count(), 3, 'the balance, the donations and the spendings');
		assert.equal(await p.locator('main form').count(), 0, 'a worker reads the fund without its forms');
		assert.equal(await p.locator(`main a[href="/campaigns/${campaignId}/edit"]`).count(), 0, 'nor an edit link');
	}, tablesHaveHeaders],
	['campaign-supervisor', 'supervisor', async (p) => {
		await p.goto(`/campaigns/${campaignId}`);
		await p.locator(`main form[action="/campaigns/${campaignId}/donations"]`).waitFor();
		await p.locator(`main form[action="/campaigns/${campaignId}/spendings"]`).waitFor();
	}, tablesHaveHeaders],
	['campaign-new', 'supervisor', (p) => p.goto('/campaigns/new')],
	['campaign-new-errors', 'supervisor', async (p) => {
		// A goal that is no amount: refused, the input kept.
		await p.goto('/campaigns/new');
		await byId(p, 'f-name').fill('Мектепке дайындық (test)');
		await byId(p, 'f-goal').fill('екі миллион');
		await byId(p, 'f-ends_on').fill('2027-09-01');
		const resp = await clickAndRespond(p, p.locator('form[action="/campaigns"] button.primary'));
		assert.equal(resp.status(), 422, 'a goal that is no amount is refused');
		await p.locator('#f-goal[aria-invalid=true]').waitFor();
		assert.equal(await byId(p, 'f-name').inputValue(), 'Мектепке дайындық (test)', 'the name is kept');
		assert.equal(await byId(p, 'f-goal').inputValue(), 'екі миллион', 'the goal typed is kept');
		assert.equal(await byId(p, 'f-ends_on').inputValue(), '2027-09-01', 'the end is kept');
	}, invalidsDescribed],
	['campaign-edit', 'supervisor', (p) => p.goto(`/campaigns/${campaignId}/edit`)],
	['campaign-donation-errors', 'supervisor', async (p) => {
		// A gift in kind that does not say what was given: refused, the input kept.
		await p.goto(`/campaigns/${campaignId}`);
		await byId(p, 'f-d-donor_kind').selectOption('organisation');
		await byId(p, 'f-d-donor').fill('«Береке» дүкені');
		await byId(p, 'f-d-kind').selectOption('in_kind');
		await byId(p, 'f-d-amount').fill('40 000');
		const resp = await clickAndRespond(p, p.locator(`form[action="/campaigns/${campaignId}/donations"] button`));
		assert.equal(resp.status(), 422, 'a gift in kind without what it was is refused');
		await p.locator('#f-d-description[aria-invalid=true]').waitFor();
		assert.equal(await byId(p, 'f-d-donor').inputValue(), '«Береке» дүкені', 'the donor is kept');
		assert.equal(await byId(p, 'f-d-kind').inputValue(), 'in_kind', 'the kind is kept');
		assert.equal(await byId(p, 'f-d-amount').inputValue(), '40 000', 'the value is kept');
	}, refusedWithTables],
	['campaign-spending-errors', 'supervisor', async (p) => {
		// Ten million tenge from a fund that has less: refused, the input kept.
		await p.goto(`/campaigns/${campaignId}`);
		await byId(p, 'f-s-amount').fill('10 000 000');
		await byId(p, 'f-s-purpose').fill('Жылы киім, 500 жиынтық');
		const resp = await clickAndRespond(p, p.locator(`form[action="/campaigns/${campaignId}/spendings"] button`));
		assert.equal(resp.status(), 422, 'a spending beyond the balance is refused');
		await p.locator('#f-s-amount[aria-invalid=true]').waitFor();
		assert.equal(await byId(p, 'f-s-amount').inputValue(), '10 000 000', 'the amount is kept');
		assert.equal(await byId(p, 'f-s-purpose').inputValue(), 'Жылы киім, 500 жиынтық', 'the purpose is kept');
		assert.equal(await p.locator('main [aria-invalid=true]').count(), 1, 'only the amount is marked');
	}, refusedWithTables],
	// Events and publications: the list (and one kind of it), the round table's page (its
	// audience and the people named, with a form each to remove them and one to name more), the
	// festival as the psychologist sees it (the restricted person named there is not), the
	// bulletin, the form, the refused forms (a count below zero, a person who is nobody), and a
	// person's events on their page.
	['events', 'worker', async (p) => {
		await p.goto('/events');
		await p.locator(`main table a[href="/events/${roundTableId}"]`).waitFor();
	}, tablesHaveHeaders],
	['events-kind', 'worker', async (p) => {
		await p.goto('/events?kind=round_table');
		await p.locator(`main table a[href="/events/${roundTableId}"]`).waitFor();
		assert.equal(await p.locator(`main a[href="/events/${festivalId}"]`).count(), 0, 'only round tables are listed');
	}, tablesHaveHeaders],
	['event', 'worker', async (p) => {
		await p.goto(`/events/${roundTableId}`);
		await p.locator(`main table a[href="/persons/${groupMemberId}"]`).waitFor();
		assert.equal(await p.locator(`main form[action^="/events/${roundTableId}/participants/"][action$="/remove"]`).count(), 2,
			'each person named has a form to remove them');
		await p.locator(`main form[action="/events/${roundTableId}/participants"]`).waitFor();
	}, tablesHaveHeaders],
	['event-psychologist', 'psychologist', async (p) => {
		await p.goto(`/events/${festivalId}`);
		const main = p.getByRole('main');
		assert.equal(await main.locator(`a[href="/persons/${restrictedId}"]`).count(), 0, 'no link to the restricted person');
		assert.equal(await main.getByText('Karimova').count(), 0, 'the restricted person\'s name is not shown');
		const rows = main.locator('table tbody tr');
		assert.equal(await rows.count(), 1, 'the one person named is listed');
		assert.equal(await rows.first().locator('form, button').count(), 0, 'without a form to remove them');
		if (await p.locator('html').getAttribute('lang') === 'en')
			assert.equal((await rows.first().locator('td').first().innerText()).trim(), 'a protected person');
	}, tablesHaveHeaders],
	['event-publication', 'worker', async (p) => {
		await p.goto(`/events/${bulletinId}`);
		assert.equal(await p.locator('main table').count(), 0, 'nobody is named in the bulletin');
	}],
	['event-new', 'worker', (p) => p.goto('/events/new')],
	['event-new-errors', 'worker', async (p) => {
		// A count below zero: refused, the input kept.
		await p.goto('/events/new');
		await byId(p, 'f-kind').selectOption('forum');
		await byId(p, 'f-title').fill('Көші-қон форумы (test)');
		await byId(p, 'f-migrants').fill('-5');
		await byId(p, 'f-hosts').fill('12');
		const resp = await clickAndRespond(p, p.locator('form[action="/events"] button.primary'));
		assert.equal(resp.status(), 422, 'a count below zero is refused');
		await p.locator('#f-migrants[aria-invalid=true]').waitFor();
		assert.equal(await byId(p, 'f-kind').inputValue(), 'forum', 'the kind is kept');
		assert.equal(await byId(p, 'f-title').inputValue(), 'Көші-қон форумы (test)', 'the title is kept');
		assert.equal(await byId(p, 'f-migrants').inputValue(), '-5', 'the count typed is kept');
		assert.equal(await byId(p, 'f-hosts').inputValue(), '12', 'the other count is kept');
	}, invalidsDescribed],
	['event-edit', 'worker', (p) => p.goto(`/events/${roundTableId}/edit`)],
	['event-participant-errors', 'worker', async (p) => {
		// A registry number that is nobody's: refused, the page again with the number kept.
		await p.goto(`/events/${roundTableId}`);
		await byId(p, 'f-person_id').fill('987654321');
		await byId(p, 'f-role').selectOption('performer');
		const resp = await clickAndRespond(p, p.locator(`form[action="/events/${roundTableId}/participants"] button`));
		assert.equal(resp.status(), 422, 'a participant who is nobody is refused');
		await p.locator('#f-person_id[aria-invalid=true]').waitFor();
		assert.equal(await byId(p, 'f-person_id').inputValue(), '987654321', 'the number is kept');
		assert.equal(await byId(p, 'f-role').inputValue(), 'performer', 'the role is kept');
	}, refusedWithTables],
	['person-events', 'worker', async (p) => {
		await p.goto(`/persons/${groupMemberId}`);
		await p.locator(`main section a[href="/events/${roundTableId}"]`).waitFor();
	}, tablesHaveHeaders],
	// Programmes: the list (an administrator's has the link to add one), the kandas programme
	// for 2026 (eligibility, the quota use per region with a meter each, the enrolments, the
	// enrol form and the entitlements calculator) and for 2025, the calculator worked out, a
	// programme without quotas, the organisation's own programme as its administrator sees it
	// (the quota form), the programme's form, an enrolment (the support given and its forms)
	// and a withdrawn one, the refused forms (a family of 40, support beyond the entitlement,
	// a withdrawal before the enrolment, a programme whose ages are the wrong way round, a quota
	// without a region), and a person's programmes on their page.
	['programmes', 'worker', async (p) => {
		await p.goto('/programmes');
		await p.locator(`main table a[href="/programmes/${kandasId}"]`).waitFor();
		assert.equal(await p.locator('main a[href="/programmes/new"]').count(), 0, 'a worker adds no programme');
	}, tablesHaveHeaders],
	['programmes-admin', 'admin', async (p) => {
		await p.goto('/programmes');
		await p.locator('main a[href="/programmes/new"]').waitFor();
		await p.locator(`main table a[href="/programmes/${ownProgrammeId}"]`).waitFor();
	}, tablesHaveHeaders],
	['programme', 'worker', async (p) => {
		await p.goto(`/programmes/${kandasId}?year=2026`);
		assert.ok(await p.locator('main table meter').count() >= 8, 'a meter per region');
		await p.locator(`main table a[href="/programmes/${kandasId}/enrolments/${enrolmentId}"]`).waitFor();
		await p.locator(`main form[action="/programmes/${kandasId}/enrolments"]`).waitFor();
		await p.locator('main form[method=get] #f-c-family').waitFor();
	}, tablesHaveHeaders],
	['programme-2025', 'worker', async (p) => {
		await p.goto(`/programmes/${kandasId}?year=2025`);
		assert.ok(await p.locator('main table meter').count() >= 8, 'a meter per region');
	}, tablesHaveHeaders],
	['programme-entitlements', 'worker', async (p) => {
		await p.goto(`/programmes/${kandasId}?year=2026`);
		await byId(p, 'f-c-family').fill('4');
		await clickAndLoad(p, p.locator('main form[method=get] button'));
		assert.equal(new URL(p.url()).searchParams.get('family_size'), '4', 'the calculator was asked for four');
		assert.equal(await byId(p, 'f-c-family').inputValue(), '4', 'the family size is kept');
	}, tablesHaveHeaders],
	['programme-no-quota', 'worker', async (p) => {
		await p.goto(`/programmes/${languageId}`);
		assert.equal(await p.locator('main meter').count(), 0, 'no quota');
	}, tablesHaveHeaders],
	['programme-own', 'admin', async (p) => {
		await p.goto(`/programmes/${ownProgrammeId}?year=2026`);
		await p.locator(`main form[action="/programmes/${ownProgrammeId}/quotas"]`).waitFor();
		await p.locator(`main a[href="/programmes/${ownProgrammeId}/edit"]`).waitFor();
	}, tablesHaveHeaders],
	['programme-new', 'admin', (p) => p.goto('/programmes/new')],
	['programme-new-errors', 'admin', async (p) => {
		// The oldest age below the youngest: refused, the input kept.
		await p.goto('/programmes/new');
		await byId(p, 'f-name').fill('Қарттарға көмек (test)');
		await byId(p, 'f-kind').selectOption('social_support');
		await byId(p, 'f-age_min').fill('63');
		await byId(p, 'f-age_max').fill('18');
		await p.locator('main input[name=mrp_support]').check();
		const resp = await clickAndRespond(p, p.locator('form[action="/programmes"] button.primary'));
		assert.equal(resp.status(), 422, 'ages the wrong way round are refused');
		await p.locator('#f-age_max[aria-invalid=true]').waitFor();
		assert.equal(await byId(p, 'f-name').inputValue(), 'Қарттарға көмек (test)', 'the name is kept');
		assert.equal(await byId(p, 'f-age_min').inputValue(), '63', 'the youngest age is kept');
		assert.equal(await byId(p, 'f-age_max').inputValue(), '18', 'the oldest age is kept');
		assert.equal(await p.locator('main input[name=mrp_support]').isChecked(), true, 'the box ticked is kept');
	}, invalidsDescribed],
	['programme-edit', 'admin', (p) => p.goto(`/programmes/${ownProgrammeId}/edit`)],
	['programme-quota-errors', 'admin', async (p) => {
		// A quota without a region: refused, the number kept.
		await p.goto(`/programmes/${ownProgrammeId}?year=2026`);
		await byId(p, 'f-q-quota').fill('25');
		const resp = await clickAndRespond(p, p.locator(`form[action="/programmes/${ownProgrammeId}/quotas"] button`));
		assert.equal(resp.status(), 422, 'a quota without a region is refused');
		await p.locator('#f-q-region[aria-invalid=true]').waitFor();
		assert.equal(await byId(p, 'f-q-quota').inputValue(), '25', 'the places are kept');
	}, refusedWithTables],
	['programme-enrol-errors', 'worker', async (p) => {
		// A family of 40: refused, the input kept.
		await p.goto(`/programmes/${kandasId}?year=2026`);
		await byId(p, 'f-e-person_id').fill(waitingId);
		await byId(p, 'f-e-family_size').fill('40');
		await byId(p, 'f-e-region').selectOption('KZ-10');
		await byId(p, 'f-e-note').fill('Семейден көшеді.');
		const resp = await clickAndRespond(p, p.locator(`form[action="/programmes/${kandasId}/enrolments"] button`));
		assert.equal(resp.status(), 422, 'a family of 40 is refused');
		await p.locator('#f-e-family_size[aria-invalid=true]').waitFor();
		assert.equal(await byId(p, 'f-e-person_id').inputValue(), waitingId, 'the person is kept');
		assert.equal(await byId(p, 'f-e-family_size').inputValue(), '40', 'the family size is kept');
		assert.equal(await byId(p, 'f-e-region').inputValue(), 'KZ-10', 'the region is kept');
		assert.equal(await byId(p, 'f-e-note').inputValue(), 'Семейден көшеді.', 'the note is kept');
	}, refusedWithTables],
	['programme-enrolment', 'worker', async (p) => {
		await p.goto(`/programmes/${kandasId}/enrolments/${enrolmentId}`);
		await p.locator('main table tbody tr').first().waitFor();
		await p.locator(`main form[action$="/enrolments/${enrolmentId}/support"]`).waitFor();
		await p.locator(`main form[action$="/enrolments/${enrolmentId}/withdraw"]`).waitFor();
	}, tablesHaveHeaders],
	['programme-enrolment-withdrawn', 'worker', async (p) => {
		await p.goto(`/programmes/${kandasId}/enrolments/${withdrawnId}`);
		assert.equal(await p.locator('main form').count(), 0, 'a withdrawn enrolment takes nothing more');
	}, tablesHaveHeaders],
	['programme-support-errors', 'worker', async (p) => {
		// A housing certificate above its ceiling: refused, the input kept.
		await p.goto(`/programmes/${kandasId}/enrolments/${enrolmentId}`);
		await byId(p, 'f-s-kind').selectOption('housing_certificate');
		await byId(p, 'f-s-amount').fill('99 000 000');
		const resp = await clickAndRespond(p, p.locator(`form[action$="/enrolments/${enrolmentId}/support"] button`));
		assert.equal(resp.status(), 422, 'support beyond the entitlement is refused');
		await p.locator('#f-s-amount[aria-invalid=true]').waitFor();
		assert.equal(await byId(p, 'f-s-kind').inputValue(), 'housing_certificate', 'the kind is kept');
		assert.equal(await byId(p, 'f-s-amount').inputValue(), '99 000 000', 'the amount is kept');
	}, refusedWithTables],
	['programme-withdraw-errors', 'worker', async (p) => {
		// Leaving the day before the enrolment: refused, the date kept and marked.
		await p.goto(`/programmes/${kandasId}/enrolments/${enrolmentId}`);
		const date = byId(p, 'f-w-date');
		const before = dayBefore(await date.inputValue());
		await date.fill(before);
		const resp = await clickAndRespond(p, p.locator(`form[action$="/enrolments/${enrolmentId}/withdraw"] button`));
		assert.equal(resp.status(), 422, 'leaving before the enrolment is refused');
		await p.locator('#f-w-date[aria-invalid=true]').waitFor();
		assert.equal(await byId(p, 'f-w-date').inputValue(), before, 'the date is kept');
	}, refusedWithTables],
	['person-programmes', 'worker', async (p) => {
		await p.goto(`/persons/${batboldId}`);
		await p.locator(`main section a[href="/programmes/${kandasId}/enrolments/${enrolmentId}"]`).waitFor();
	}, tablesHaveHeaders],
	['person-programmes-withdrawn', 'worker', async (p) => {
		await p.goto(`/persons/${waitingId}`);
		await p.locator(`main section a[href="/programmes/${kandasId}/enrolments/${withdrawnId}"]`).waitFor();
	}, tablesHaveHeaders],
	// Public work: the hub; resettlers' organisations (the list with each one's latest step,
	// the demo's with its dated steps and the form to record one), councils (the list, the
	// demo council with its meetings and the form to record one, a meeting's page with its
	// agenda, its decisions with a status select each and the form to record one), policy
	// proposals (the list, the demo's put forward at that meeting); every form, and the
	// refused ones: an organisation without a name, a step dated tomorrow, a council without a
	// name, a meeting without an agenda, a decision without its text, a proposal marked
	// accepted without what became of it. Every role but the analyst's keeps this work (there is
	// no read-only page); the second organisation's lists are empty (they see none of it).
	['civic', 'worker', async (p) => {
		await p.goto('/civic');
		for (const path of ['/resettler-orgs', '/councils', '/proposals'])
			await p.locator(`main a[href="${path}"]`).waitFor();
	}, tablesHaveHeaders],
	['civic-other-org', 'ngo-worker', async (p) => {
		await p.goto('/civic');
		await p.locator('main a[href="/councils"]').waitFor();
	}, tablesHaveHeaders],
	['resettler-orgs', 'worker', async (p) => {
		await p.goto('/resettler-orgs');
		await p.locator(`main table a[href="/resettler-orgs/${rogId}"]`).waitFor();
		await p.locator('main a[href="/resettler-orgs/new"]').waitFor();
	}, tablesHaveHeaders],
	['resettler-orgs-other-org', 'ngo-worker', async (p) => {
		await p.goto('/resettler-orgs');
		assert.equal(await p.locator('main table').count(), 0, 'the second organisation has none');
		assert.equal(await p.getByRole('main').getByText(DEMO_ROG).count(), 0, 'nor sees the first\'s');
	}, tablesHaveHeaders],
	['resettler-org', 'worker', async (p) => {
		await p.goto(`/resettler-orgs/${rogId}`);
		assert.equal(await p.locator('main table tbody tr').count(), 2, 'the two steps');
		await p.locator(`main form[action="/resettler-orgs/${rogId}/steps"]`).waitFor();
		await p.locator(`main a[href="/resettler-orgs/${rogId}/edit"]`).waitFor();
	}, tablesHaveHeaders],
	['resettler-org-new', 'worker', (p) => p.goto('/resettler-orgs/new')],
	['resettler-org-new-errors', 'worker', async (p) => {
		// No name: refused, the input kept.
		await p.goto('/resettler-orgs/new');
		await byId(p, 'f-kind').selectOption('ethnocultural_centre');
		await byId(p, 'f-region').selectOption('KZ-55');
		await byId(p, 'f-initiators').fill('Қытайдан келген 8 отбасы');
		await byId(p, 'f-contact').fill('+7 701 000 0001');
		const resp = await clickAndRespond(p, p.locator('form[action="/resettler-orgs"] button.primary'));
		assert.equal(resp.status(), 422, 'an organisation without a name is refused');
		await p.locator('#f-name[aria-invalid=true]').waitFor();
		assert.equal(await byId(p, 'f-kind').inputValue(), 'ethnocultural_centre', 'the kind is kept');
		assert.equal(await byId(p, 'f-region').inputValue(), 'KZ-55', 'the region is kept');
		assert.equal(await byId(p, 'f-initiators').inputValue(), 'Қытайдан келген 8 отбасы', 'the initiators are kept');
		assert.equal(await byId(p, 'f-contact').inputValue(), '+7 701 000 0001', 'the contact is kept');
	}, invalidsDescribed],
	['resettler-org-edit', 'worker', (p) => p.goto(`/resettler-orgs/${rogId}/edit`)],
	['resettler-org-step-errors', 'worker', async (p) => {
		// A step dated tomorrow: refused, the input kept; nothing recorded.
		await p.goto(`/resettler-orgs/${rogId}`);
		const date = byId(p, 'f-done_on');
		const tomorrow = dayAfter(await date.inputValue());
		await byId(p, 'f-step').selectOption('charter_drafted');
		await date.fill(tomorrow);
		await byId(p, 'f-note').fill('Жарғының жобасы заңгерде.');
		const resp = await clickAndRespond(p, p.locator(`form[action="/resettler-orgs/${rogId}/steps"] button`));
		assert.equal(resp.status(), 422, 'a step in the future is refused');
		await p.locator('#f-done_on[aria-invalid=true]').waitFor();
		assert.equal(await byId(p, 'f-step').inputValue(), 'charter_drafted', 'the step is kept');
		assert.equal(await byId(p, 'f-done_on').inputValue(), tomorrow, 'the date is kept');
		assert.equal(await byId(p, 'f-note').inputValue(), 'Жарғының жобасы заңгерде.', 'the note is kept');
		assert.equal(await p.locator('main table tbody tr').count(), 2, 'still two steps');
	}, refusedWithTables],
	['councils', 'worker', async (p) => {
		await p.goto('/councils');
		await p.locator(`main table a[href="/councils/${councilId}"]`).waitFor();
		await p.locator('main a[href="/councils/new"]').waitFor();
	}, tablesHaveHeaders],
	['councils-other-org', 'ngo-worker', async (p) => {
		await p.goto('/councils');
		assert.equal(await p.locator('main table').count(), 0, 'the second organisation has none');
	}, tablesHaveHeaders],
	['council', 'worker', async (p) => {
		await p.goto(`/councils/${councilId}`);
		await p.locator(`main table a[href="/councils/${councilId}/meetings/${meetingId}"]`).waitFor();
		await p.locator(`main form[action="/councils/${councilId}/meetings"]`).waitFor();
	}, tablesHaveHeaders],
	['council-new', 'worker', (p) => p.goto('/councils/new')],
	['council-new-errors', 'worker', async (p) => {
		// No name: refused, the input kept.
		await p.goto('/councils/new');
		await byId(p, 'f-kind').selectOption('public_chamber');
		await byId(p, 'f-region').selectOption('KZ-75');
		await byId(p, 'f-note').fill('Жылына екі отырыс.');
		const resp = await clickAndRespond(p, p.locator('form[action="/councils"] button.primary'));
		assert.equal(resp.status(), 422, 'a council without a name is refused');
		await p.locator('#f-name[aria-invalid=true]').waitFor();
		assert.equal(await byId(p, 'f-kind').inputValue(), 'public_chamber', 'the kind is kept');
		assert.equal(await byId(p, 'f-region').inputValue(), 'KZ-75', 'the region is kept');
		assert.equal(await byId(p, 'f-note').inputValue(), 'Жылына екі отырыс.', 'the note is kept');
	}, invalidsDescribed],
	['council-edit', 'worker', (p) => p.goto(`/councils/${councilId}/edit`)],
	['council-meeting-errors', 'worker', async (p) => {
		// A meeting without an agenda: refused, the input kept; nothing recorded.
		await p.goto(`/councils/${councilId}`);
		const held = dayBefore(await byId(p, 'f-held_on').inputValue());
		await byId(p, 'f-held_on').fill(held);
		await byId(p, 'f-place').fill('Алматы, Абай даңғылы 10');
		await byId(p, 'f-minutes').fill('Он екі мүше қатысты.');
		const resp = await clickAndRespond(p, p.locator(`form[action="/councils/${councilId}/meetings"] button`));
		assert.equal(resp.status(), 422, 'a meeting without an agenda is refused');
		await p.locator('#f-agenda[aria-invalid=true]').waitFor();
		assert.equal(await byId(p, 'f-held_on').inputValue(), held, 'the date is kept');
		assert.equal(await byId(p, 'f-place').inputValue(), 'Алматы, Абай даңғылы 10', 'the place is kept');
		assert.equal(await byId(p, 'f-minutes').inputValue(), 'Он екі мүше қатысты.', 'the minutes are kept');
		assert.equal(await p.locator('main table tbody tr').count(), 1, 'still one meeting');
	}, refusedWithTables],
	['council-meeting', 'worker', async (p) => {
		await p.goto(`/councils/${councilId}/meetings/${meetingId}`);
		const select = p.locator('main table tbody tr select[name=status]');
		assert.equal(await select.count(), 1, 'the decision has its status select');
		// The row's select and button name the decision (not "Status" and "Save" alone, the
		// same as the new decision's select and every other row's).
		const decision = (await p.locator('main table tbody tr td').first().innerText()).trim();
		const label = (await p.locator(`label[for="${await select.getAttribute('id')}"]`).innerText()).trim();
		assert.ok(label.endsWith(`: ${decision}`), `the select's label names the decision: ${label}`);
		const button = await p.locator('main table tbody tr button').getAttribute('aria-label');
		assert.ok(button?.endsWith(`: ${decision}`), `the button names the decision: ${button}`);
		assert.equal(await p.locator('main p.note').first().locator('br').count(), 1, 'the agenda\'s two lines kept apart');
		await p.locator(`main form[action="/councils/${councilId}/meetings/${meetingId}/decisions"]`).waitFor();
	}, tablesHaveHeaders],
	['council-decision-errors', 'worker', async (p) => {
		// A decision without its text: refused, the input kept; nothing recorded.
		await p.goto(`/councils/${councilId}/meetings/${meetingId}`);
		const form = p.locator(`form[action="/councils/${councilId}/meetings/${meetingId}/decisions"]`);
		await byId(p, 'f-status').selectOption('in_progress');
		await byId(p, 'f-due_on').fill('2027-06-30');
		const resp = await clickAndRespond(p, form.locator('button'));
		assert.equal(resp.status(), 422, 'a decision without its text is refused');
		await p.locator('#f-text[aria-invalid=true]').waitFor();
		assert.equal(await byId(p, 'f-status').inputValue(), 'in_progress', 'the status is kept');
		assert.equal(await byId(p, 'f-due_on').inputValue(), '2027-06-30', 'the due date is kept');
		assert.equal(await p.locator('main [aria-invalid=true]').count(), 1, 'only the text is marked');
		assert.equal(await p.locator('main table tbody tr').count(), 1, 'still one decision');
	}, refusedWithTables],
	['proposals', 'worker', async (p) => {
		await p.goto('/proposals');
		await p.locator(`main table a[href="/proposals/${proposalId}"]`).waitFor();
		await p.locator('main a[href="/proposals/new"]').waitFor();
	}, tablesHaveHeaders],
	['proposals-other-org', 'ngo-worker', async (p) => {
		await p.goto('/proposals');
		assert.equal(await p.locator('main table').count(), 0, 'the second organisation has none');
	}, tablesHaveHeaders],
	['proposal', 'worker', async (p) => {
		await p.goto(`/proposals/${proposalId}`);
		await p.locator(`main a[href="/councils/${councilId}/meetings/${meetingId}"]`).waitFor();
		await p.locator(`main a[href="/proposals/${proposalId}/edit"]`).waitFor();
	}, tablesHaveHeaders],
	['proposal-new', 'worker', (p) => p.goto('/proposals/new')],
	['proposal-new-errors', 'worker', async (p) => {
		// Marked accepted without saying what became of it: refused, the input kept.
		await p.goto('/proposals/new');
		await byId(p, 'f-title').fill('Тіл курстарын тегін ету (test)');
		await byId(p, 'f-text').fill('Кандастарға арналған тіл курстарын тегін ету.');
		await byId(p, 'f-addressee').fill('Алматы қаласы әкімдігі');
		await byId(p, 'f-status').selectOption('accepted');
		await byId(p, 'f-submitted_on').fill('2025-03-10');
		await byId(p, 'f-meeting_id').fill(meetingId);
		const resp = await clickAndRespond(p, p.locator('form[action="/proposals"] button.primary'));
		assert.equal(resp.status(), 422, 'an accepted proposal without its outcome is refused');
		await p.locator('#f-outcome[aria-invalid=true]').waitFor();
		assert.equal(await p.locator('main [aria-invalid=true]').count(), 1, 'only what became of it is marked');
		assert.equal(await byId(p, 'f-title').inputValue(), 'Тіл курстарын тегін ету (test)', 'the title is kept');
		assert.equal(await byId(p, 'f-text').inputValue(), 'Кандастарға арналған тіл курстарын тегін ету.',
			'what is proposed is kept');
		assert.equal(await byId(p, 'f-addressee').inputValue(), 'Алматы қаласы әкімдігі', 'to whom is kept');
		assert.equal(await byId(p, 'f-status').inputValue(), 'accepted', 'the status is kept');
		assert.equal(await byId(p, 'f-submitted_on').inputValue(), '2025-03-10', 'the day submitted is kept');
		assert.equal(await byId(p, 'f-meeting_id').inputValue(), meetingId, 'the meeting is kept');
	}, invalidsDescribed],
	['proposal-edit', 'worker', (p) => p.goto(`/proposals/${proposalId}/edit`)],
	// Screenings (issue 8): a person's list (Ма Айгүл's: the demo's PHQ-9s and GAD-7 and the
	// worker's PHQ-9 with the alert), the instrument chooser, the form of each instrument (the
	// items in the language the screening is given in, here and there another than the
	// interface's: the RHS-15 in Kazakh, the PHQ-9 in Russian, the GAD-7 in English), a PHQ-9
	// refused for an item left unanswered, a PHQ-9's result with the item-9 alert, the demo's
	// ILO forced-labour interview with the protection pathway, and the restricted person's page
	// with its screenings box.
	['person-screenings', 'worker', async (p) => {
		await p.goto(`/persons/${aigulId}/screenings`);
		assert.ok(await p.locator(`main table a[href^="/persons/${aigulId}/screenings/"]`).count() >= 4,
			'the demo\'s three screenings and the worker\'s are listed');
		await p.locator(`main table a[href="/persons/${aigulId}/screenings/${alertScreeningId}"]`).waitFor();
		await p.locator(`main a[href="/persons/${aigulId}/screenings/new"]`).waitFor();
	}, tablesHaveHeaders],
	['screening-new', 'worker', async (p) => {
		await p.goto(`/persons/${aigulId}/screenings/new`);
		const links = await p.locator(`main a[href^="/persons/${aigulId}/screenings/new?instrument="]`)
			.evaluateAll((as) => as.map((a) => new URL(a.href).searchParams.get('instrument')));
		assert.deepEqual(links, INSTRUMENTS, 'a link to each instrument');
	}],
	...[['rhs15', 'kk', 15], ['phq9', 'ru', 9], ['gad7', 'en', 7], ['sdq', null, 25],
		['ilo_forced_labour', null, 0], ['ilo_ec_trafficking', null, 0]].map(([code, given, items]) => [
		`screening-form-${code.replace('ilo_forced_labour', 'ilo-fl').replace('ilo_ec_trafficking', 'ilo-ec')}`,
		'worker', async (p) => {
			await p.goto(`/persons/${aigulId}/screenings/new?instrument=${code}` + (given ? `&lang=${given}` : ''));
			const lang = given ?? await p.locator('html').getAttribute('lang');
			assert.equal(await p.locator('main form input[name=lang]').inputValue(), lang, 'the language given in is sent');
			assert.ok(await p.locator(`main form [lang="${lang}"]`).count() >= 1, `the items are marked lang=${lang}`);
			assert.equal(await p.locator('main nav [aria-current=true]').count(), 1, 'the language switch shows the current one');
			if (items)
				assert.equal(await p.locator('main form fieldset.item').count(), items, `${items} items`);
			else
				assert.ok(await p.locator('main form input[type=checkbox][name=indicator]').count() >= 11, 'the indicators');
		}]),
	['screening-form-phq9-errors', 'worker', async (p) => {
		// Item 5 left unanswered: refused, the other answers kept, the language given in too.
		await p.goto(`/persons/${aigulId}/screenings/new?instrument=phq9&lang=ru`);
		for (const [k, v] of PHQ9_ALERT.entries())
			if (k !== 4) await p.locator(`main fieldset#item-${k + 1} input[value="${v}"]`).check();
		const resp = await clickAndRespond(p, p.locator(`main form[action="/persons/${aigulId}/screenings"] button`));
		assert.equal(resp.status(), 422, 'a PHQ-9 with an item unanswered is refused');
		await p.locator('main fieldset#item-5.invalid p.error').waitFor();
		await p.locator('main p.error[role=alert]').waitFor();
	}, async (p) => {
		assert.equal(await p.locator('main fieldset.invalid').count(), 1, 'only the unanswered item is marked');
		assert.ok((await p.locator('main fieldset#item-5 p.error').innerText()).trim(), 'its message says something');
		const kept = await p.locator('main fieldset.item input[type=radio]:checked')
			.evaluateAll((rs) => rs.map((r) => `${r.name}=${r.value}`));
		assert.deepEqual(kept, PHQ9_ALERT.map((v, k) => `item-${k + 1}=${v}`).filter((_, k) => k !== 4),
			'the other answers are kept');
		assert.equal(await p.locator('main form fieldset.item legend span[lang="ru"]').count(), 9, 'still in Russian');
	}],
	['screening-phq9-alert', 'worker', async (p) => {
		await p.goto(`/persons/${aigulId}/screenings/${alertScreeningId}`);
		assert.equal(await p.locator('main [role=alert]').count(), 1, 'the item-9 alert');
		assert.equal(await p.locator('main section.proposals li').count(), 1, 'a psychologist is proposed');
	}, tablesHaveHeaders],
	['screening-ilo-fl', 'worker', async (p) => {
		await p.goto(`/persons/${restrictedId}/screenings/${iloScreeningId}`);
		assert.equal(await p.locator('main section.proposals li').count(), 5, 'the protection pathway');
		await p.locator('main section.proposals a[href="/centres"]').waitFor();
	}, tablesHaveHeaders],
	['person-screenings-likely', 'worker', async (p) => {
		await p.goto(`/persons/${restrictedId}`);
		await p.locator(`main section a[href="/persons/${restrictedId}/screenings/${iloScreeningId}"]`).waitFor();
		await p.locator(`main section a[href="/persons/${restrictedId}/screenings/new"]`).waitFor();
	}, tablesHaveHeaders],
	// Labour (issue 8, parts 1 and 2): the labour page (open vacancies, employers), the list of
	// working-condition alerts, the demo employer's page with its edit form, its vacancy for a
	// plasterer with the people it may suit and its edit form, the new employer's and vacancy's
	// forms and the vacancy's refused, Abdullaev Rustam's employment with its three alerts and
	// their resolve forms, the employment form and its refusal, his page's Work box, the
	// vacancies that suit him, the minimum wage (an administrator's form, a worker's table), and
	// the supervisor's page of his case with the box of his open alerts.
	['labour', 'worker', async (p) => {
		await p.goto('/labour');
		await p.locator(`main table a[href="/vacancies/${vacancyId}"]`).waitFor();
		await p.locator(`main table a[href="/employers/${firmId}"]`).waitFor();
		await p.locator('main a[href="/vacancies/new"]').waitFor();
		await p.locator('main a[href="/employers/new"]').waitFor();
	}, tablesHaveHeaders],
	['labour-alerts', 'worker', async (p) => {
		await p.goto('/labour/alerts');
		assert.equal(await p.locator(`main table tbody a[href="/employments/${employmentId}#alerts-h"]`).count(), 3,
			'Abdullaev Rustam\'s three open alerts are listed');
		await p.locator('main a[href="/labour/alerts?open=0"]').waitFor();
	}, tablesHaveHeaders],
	['employer', 'worker', async (p) => {
		await p.goto(`/employers/${firmId}`);
		assert.equal(await p.locator('main table tbody tr').count(), 2, 'its two vacancies');
		await p.locator(`main a[href="/vacancies/new?employer=${firmId}"]`).waitFor();
		await p.locator(`main form[action="/employers/${firmId}"]`).waitFor();
	}, tablesHaveHeaders],
	['employer-new', 'worker', (p) => p.goto('/employers/new')],
	['vacancy', 'worker', async (p) => {
		await p.goto(`/vacancies/${vacancyId}`);
		await p.locator(`main a[href="/employers/${firmId}"]`).waitFor();
		assert.ok(await p.locator('main section[aria-labelledby="candidates-h"] tbody a[href^="/persons/"]').count() >= 1,
			'the people it may suit are listed');
		await p.locator(`main form[action="/vacancies/${vacancyId}"]`).waitFor();
	}, tablesHaveHeaders],
	['vacancy-new', 'worker', async (p) => {
		await p.goto(`/vacancies/new?employer=${firmId}`);
		assert.equal(await byId(p, 'f-employer_id').inputValue(), firmId, 'the employer is chosen');
	}],
	['vacancy-new-errors', 'worker', async (p) => {
		// No job, a language code that is none, no place: refused, the input kept.
		await p.goto(`/vacancies/new?employer=${firmId}`);
		await byId(p, 'f-occupation').selectOption('71');
		await byId(p, 'f-region').selectOption('KZ-75');
		await byId(p, 'f-wage').fill('260 000');
		await byId(p, 'f-languages').fill('kk qaz');
		await byId(p, 'f-places').fill('0');
		await p.locator('main input[name=housing]').check();
		const resp = await clickAndRespond(p, p.locator('form[action="/vacancies"] button.primary'));
		assert.equal(resp.status(), 422, 'a vacancy without its job is refused');
		for (const id of ['f-title', 'f-languages', 'f-places'])
			await p.locator(`[id="${id}"][aria-invalid=true]`).waitFor();
		assert.equal(await p.locator('main [aria-invalid=true]').count(), 3, 'only the three are marked');
		assert.equal(await byId(p, 'f-employer_id').inputValue(), firmId, 'the employer is kept');
		assert.equal(await byId(p, 'f-occupation').inputValue(), '71', 'the occupation is kept');
		assert.equal(await byId(p, 'f-wage').inputValue(), '260 000', 'the wage is kept as typed');
		assert.equal(await byId(p, 'f-languages').inputValue(), 'kk qaz', 'the languages are kept as typed');
		assert.equal(await p.locator('main input[name=housing]').isChecked(), true, 'housing is kept');
	}, invalidsDescribed],
	['employment', 'worker', async (p) => {
		await p.goto(`/employments/${employmentId}`);
		assert.equal(await p.locator('main form[action^="/labour/alerts/"][action$="/resolve"]').count(), 3,
			'each of the three alerts has its resolve form');
		await p.locator(`main form[action="/employments/${employmentId}"]`).waitFor();
	}],
	['employment-new', 'worker', (p) => p.goto(`/persons/${rustamId}/employments/new`)],
	['employment-new-errors', 'worker', async (p) => {
		// No job, a wage that is no amount: refused, the input kept; nothing recorded.
		await p.goto(`/persons/${rustamId}/employments/new`);
		await byId(p, 'f-employer_id').selectOption(firmId);
		await byId(p, 'f-occupation').selectOption('71');
		await byId(p, 'f-wage').fill('сексен мың');
		await byId(p, 'f-hours_per_week').fill('60');
		await byId(p, 'f-contract').selectOption('oral');
		await byId(p, 'f-documents_held_by').selectOption('agency');
		const resp = await clickAndRespond(p, p.locator(`form[action="/persons/${rustamId}/employments"] button.primary`));
		assert.equal(resp.status(), 422, 'an employment without its job is refused');
		await p.locator('#f-job_title[aria-invalid=true]').waitFor();
		await p.locator('#f-wage[aria-invalid=true]').waitFor();
		assert.equal(await p.locator('main [aria-invalid=true]').count(), 2, 'only the job and the wage are marked');
		assert.equal(await byId(p, 'f-employer_id').inputValue(), firmId, 'the employer is kept');
		assert.equal(await byId(p, 'f-wage').inputValue(), 'сексен мың', 'the wage is kept as typed');
		assert.equal(await byId(p, 'f-hours_per_week').inputValue(), '60', 'the hours are kept');
		assert.equal(await byId(p, 'f-documents_held_by').inputValue(), 'agency', 'who holds the documents is kept');
	}, invalidsDescribed],
	['person-work', 'worker', async (p) => {
		await p.goto(`/persons/${rustamId}`);
		const box = p.locator('main section[aria-labelledby="work-h"]');
		await box.locator(`table a[href="/employments/${employmentId}"]`).waitFor();
		await box.locator(`a[href="/persons/${rustamId}/vacancies"]`).waitFor();
		await box.locator(`a[href="/persons/${rustamId}/employments/new"]`).waitFor();
		await box.locator(`form[action="/persons/${rustamId}/skills"]`).waitFor({ state: 'attached' });
	}, tablesHaveHeaders],
	['person-vacancies', 'worker', async (p) => {
		await p.goto(`/persons/${rustamId}/vacancies`);
		await p.locator(`main table a[href="/vacancies/${vacancyId}"]`).waitFor();
	}, tablesHaveHeaders],
	// Integration (issue 8, part 5): the demo's reviews of Abdullaev Rustam (an intake a year
	// ago and a review this month) on his page with each domain's line; the review form with
	// the fourteen domains; a refused one; the cohort, as the analyst (aggregates only).
	['person-integration', 'worker', async (p) => {
		await p.goto(`/persons/${rustamId}`);
		await p.locator('main #integration-h').waitFor();
		assert.equal(await p.locator('main svg.trajectory[role=img]').count(), 4, 'four domains drawn');
	}, tablesHaveHeaders],
	['integration-new', 'worker', async (p) => {
		await p.goto(`/persons/${rustamId}/integration/new`);
		assert.equal(await p.locator('main form fieldset.domain').count(), 14, 'the fourteen domains');
	}],
	['integration-new-errors', 'worker', async (p) => {
		await p.goto(`/persons/${rustamId}/integration/new`);
		await p.locator('main [name="domains.work.indicator"]').fill('Жұмыс шарты');
		const resp = await clickAndRespond(p, p.locator(`main form[action="/persons/${rustamId}/integration"] button`));
		assert.equal(resp.status(), 422, 'an indicator without a status is refused');
		await p.locator('main p.error[role=alert]').waitFor();
		assert.equal(await p.locator('main [name="domains.work.indicator"]').inputValue(), 'Жұмыс шарты', 'kept');
	}],
	['integration-cohort', 'analyst', async (p) => {
		await p.goto('/integration');
		assert.equal(await p.locator('main table tbody tr').count(), 14, 'a row per domain');
		await p.locator('main a[href^="/reports/cohort?"]').waitFor();
	}, tablesHaveHeaders],
	['minimum-wages', 'admin', async (p) => {
		await p.goto('/minimum-wages');
		assert.ok(await p.locator('main table tbody tr').count() >= 1, 'the minimum wages are listed');
		await p.locator('main form[action="/minimum-wages"]').waitFor();
	}, tablesHaveHeaders],
	['minimum-wages-readonly', 'worker', async (p) => {
		await p.goto('/minimum-wages');
		assert.equal(await p.locator('main form').count(), 0, 'a worker reads the table without the form');
	}, tablesHaveHeaders],
	['case-labour-supervisor', 'supervisor', async (p) => {
		await p.goto(`/cases/${rustamCaseId}`);
		assert.equal(await p.locator('main section[aria-labelledby="labour-alerts-h"] li').count(), 3,
			'the box lists his three open alerts');
		await p.locator(`main section[aria-labelledby="labour-alerts-h"] a[href="/employments/${employmentId}#alerts-h"]`)
			.waitFor();
	}],
	// Reports (issue 9): the builder as a supervisor (its nav link; services, not cut), cases
	// cut by region and sex (a table with totals, bars), services by month (a line); as the
	// analyst, the small figures withheld with the hint; a form refused (group sessions have
	// no sex), the rows marked and the choices kept.
	['reports', 'supervisor', async (p) => {
		await p.goto('/reports');
		assert.equal(await p.locator('header nav a[href="/reports"]').count(), 1, 'the nav has a "Reports" link');
		await p.locator('main form[action="/reports"] #f-measure').waitFor();
		assert.equal(await byId(p, 'f-measure').inputValue(), 'services', 'services by default');
		assert.equal(await p.locator('main table caption').count(), 1, 'the report\'s table has its caption');
		for (const fixed of ['monthly', 'programme', 'cohort'])
			await p.locator(`main a[href="/reports/${fixed}"]`).waitFor();
	}, tablesHaveHeaders],
	['reports-cases-by-region-and-sex', 'supervisor', async (p) => {
		await p.goto('/reports?measure=cases&rows=region&cols=sex');
		assert.ok(await p.locator('main table tbody tr').count() >= 2, 'a row per region');
		assert.equal(await p.locator('main table tfoot tr').count(), 1, 'the totals');
		await p.locator('main svg[role=img] rect.bar').first().waitFor();
		assert.equal(await p.locator('main td.withheld').count(), 0, 'a supervisor sees every figure');
	}, reportDrawn],
	['reports-services-by-month', 'supervisor', async (p) => {
		await p.goto(reportMonths);
		assert.ok(await p.locator('main table tbody tr').count() >= 2, 'a row per month');
		await p.locator('main svg[role=img] polyline').waitFor({ state: 'attached' });
	}, reportDrawn],
	['reports-analyst', 'analyst', async (p) => {
		await p.goto('/reports');
		assert.equal(await p.locator('header nav a[href="/reports"]').count(), 1, 'the nav has a "Reports" link');
		await p.locator('main p.hint').waitFor();
		assert.ok(await p.locator('main td.withheld').count() >= 1, 'one person\'s services are withheld');
	}, withheldShown],
	['reports-errors', 'supervisor', async (p) => {
		const resp = await p.goto('/reports?measure=group_sessions&rows=sex');
		assert.equal(resp.status(), 422, 'group sessions cut by sex are refused');
		await p.locator('#f-rows[aria-invalid=true]').waitFor();
		assert.equal(await p.locator('main [aria-invalid=true]').count(), 1, 'only the rows are marked');
		assert.equal(await byId(p, 'f-measure').inputValue(), 'group_sessions', 'the measure is kept');
		assert.equal(await p.locator('main table, main svg').count(), 0, 'no report is shown');
	}, invalidsDescribed],
	// The fixed reports (src/web/documents.c, export/fixed.c), printable pages: this month's
	// activity (the demo's cases, referrals and group sessions, the service recorded above), a
	// table per measure and per axis with its totals; the kandas programme's quota and outcomes
	// in 2026 (the quota by region, the enrolments with the withdrawal above, the support), and
	// the same as the analyst, small figures withheld; a cohort's integration indicators, which
	// every role reads (a worker's).
	['reports-monthly', 'supervisor', async (p) => {
		await p.goto(`/reports/monthly?month=${reportMonth}`);
		assert.equal(await byId(p, 'f-month').inputValue(), reportMonth, 'the month is chosen');
		assert.equal(await p.locator('main table.report').count(), 9, 'the month in figures and eight tables');
		assert.equal(await p.locator('main table.report tfoot tr').count(), 8, 'the eight cut by an axis have totals');
		await p.locator('main p.noprint a[href^="/reports/monthly?format=pdf"]').waitFor();
		assert.equal(await p.locator('main td.withheld').count(), 0, 'a supervisor sees every figure');
	}, tablesHaveHeaders],
	['reports-programme', 'supervisor', async (p) => {
		await p.goto(`/reports/programme?programme=${kandasId}&year=2026`);
		assert.equal(await byId(p, 'f-programme').inputValue(), kandasId, 'the programme is chosen');
		assert.ok(await p.locator('main table.report').count() >= 3, 'the quota, the enrolments, the support');
		assert.ok(await p.locator('main table.report').first().locator('tbody tr').count() >= 2, 'a row per region');
		assert.equal(await p.locator('main td.withheld').count(), 0, 'a supervisor sees every figure');
	}, tablesHaveHeaders],
	['reports-programme-analyst', 'analyst', async (p) => {
		await p.goto(`/reports/programme?programme=${kandasId}&year=2026`);
		await p.locator('main p.hint').first().waitFor();
		assert.ok(await p.locator('main td.withheld').count() >= 1, 'the family\'s figures are withheld');
	}, withheldShown],
	['reports-cohort', 'worker', async (p) => {
		await p.goto('/reports/cohort');
		assert.equal(await p.locator('main table.report tbody tr').count(), 14, 'a row per domain');
		await p.locator('main p.noprint a[href^="/reports/cohort?format=pdf"]').waitFor();
	}, tablesHaveHeaders],
	// Dashboards (src/web/reports.c, page_dashboard_get): a worker's own figures (cards to the
	// caseload) and the organisation's; a supervisor's, with the team (a row per worker) and
	// the twelve months (a table and a line); an administrator's, the organisation and the twelve
	// months; the analyst's, the twelve months alone, small figures withheld.
	['dashboard', 'worker', async (p) => {
		await p.goto('/dashboard');
		await dashboardSections(p, ['mine-h', 'org-h']);
		assert.ok(await p.locator('main section[aria-labelledby="mine-h"] dl.figures dt a[href="/cases"]').count() >= 1,
			'the worker\'s open cases lead to the caseload');
	}, dashboardDrawn],
	['dashboard-supervisor', 'supervisor', async (p) => {
		await p.goto('/dashboard');
		await dashboardSections(p, ['mine-h', 'team-h', 'org-h', 'trend-h']);
		const team = p.locator('main section[aria-labelledby="team-h"] table');
		assert.equal(await team.locator('thead tr').count(), 1, 'the team\'s table has a header row');
		assert.equal(await team.locator('thead th[scope=col]').count(), 6, 'a column header per figure');
		const workers = (await team.locator('tbody tr > th[scope=row]:first-child').allInnerTexts()).join(' | ');
		assert.equal(await team.locator('tbody tr').count(), 4, `a row per worker of the organisation: ${workers}`);
		for (const name of ['Сәуле Супервизор', 'Айжан Әлеуметтік', 'Марат Психолог', 'Дина Заңгер'])
			assert.ok(workers.includes(name), `the team lists ${name}: ${workers}`);
		const months = p.locator('main section[aria-labelledby="trend-h"] table');
		assert.equal(await months.locator('tbody tr').count(), 12, 'a row per month');
		assert.equal(await months.locator('td.withheld').count(), 0, 'a supervisor sees every figure');
		await p.locator('main section[aria-labelledby="trend-h"] figure svg[role=img] polyline').waitFor({ state: 'attached' });
		await p.locator('main section[aria-labelledby="trend-h"] a[href="/reports"]').waitFor();
	}, dashboardDrawn],
	['dashboard-analyst', 'analyst', async (p) => {
		await p.goto('/dashboard');
		// No "My work", no "The organisation", no team: the twelve months alone.
		await dashboardSections(p, ['trend-h']);
		assert.equal(await p.locator('main dl.figures').count(), 0, 'no cards');
		assert.equal(await p.locator('main a[href^="/cases"], main a[href^="/referrals"]').count(), 0, 'no link to records');
		assert.equal(await p.locator('main section[aria-labelledby="trend-h"] tbody tr').count(), 12, 'a row per month');
		await p.locator('main p.hint').waitFor();
		assert.ok(await p.locator('main td.withheld').count() >= 1, 'one person\'s figures are withheld');
	}, async (p) => {
		await withheldShown(p);
		await dashboardDrawn(p);
	}],
	['dashboard-admin', 'admin', async (p) => {
		await p.goto('/dashboard');
		await dashboardSections(p, ['org-h', 'trend-h']);
	}, dashboardDrawn],
	['audit', 'admin', (p) => p.goto('/audit')],
	['users', 'admin', (p) => p.goto('/users')],
];

for (const lang of LANGS) {
	// The timeouts are generous: on a loaded machine axe slows down, and a slow run should
	// not read as an accessibility failure. Unloaded, a language took about 30 s before the
	// referral and directory pages came (48 pages then, from 28); with them, 200 s was seen on a
	// machine at a load average of 7. With the likely duplicates' pages (59 pages), 220-290 s
	// at a load average of 7-8. With the import pages (66 pages; one uploads and checks a file
	// of 100,000 rows), 300-335 s at a load average of 5-7. With the centre pages (77 pages),
	// 205-280 s at a load average of 4-6, 137-185 s at 2-5. The fundraising, event and
	// programme pages alone (KOMEK_A11Y_PAGES='campaign|event|programme', 37 pages): 98-169 s
	// a language at a load average of 3-5. The public work pages alone
	// (KOMEK_A11Y_PAGES='civic|resettler|council|proposal', 24 pages): 58-115 s a language.
	// The screening pages alone (KOMEK_A11Y_PAGES=screening, 12 pages in kk, 9 in ru and en):
	// 29-33 s for Russian and for English. The labour pages alone (KOMEK_A11Y_PAGES=
	// 'labour|employer|vacanc|employment|person-work|minimum-wages|case-labour', 15 pages in kk,
	// 8 in ru and en): about 41 s of the whole Kazakh run, 34-44 s alone for Russian and for
	// English (the contexts' logins included). The fixed reports' pages (KOMEK_A11Y_PAGES=
	// '^reports-(monthly|programme|programme-analyst|cohort)$', 4 pages in kk, 2 in ru, 1 in
	// en): 2-6 s a page, about 23 s in all three languages at a load average of 5-8.
	test(`accessibility, ${lang}`, { timeout: 900_000 }, async (t) => {
		// One context per role, in this language: a fresh one per test, as axe needs.
		const contexts = new Map();
		try {
			for (const [name, role, go, afterCheck] of PAGES.filter(
				([name]) => (!ONLY || ONLY.test(name)) && inLang(name, lang))) {
				await t.test(name, { timeout: 90_000 }, async (st) => {
					const key = role ?? 'anonymous';
					if (!contexts.has(key)) {
						const context = await h.browser.newContext({
							baseURL: h.server.url, viewport: { width: 1280, height: 900 }, locale: 'kk-KZ',
						});
						context.setDefaultTimeout(10_000);
						const page = await context.newPage();
						if (role) await login(page, role);
						else await page.goto('/login');
						await switchLang(page, lang);
						contexts.set(key, page);
					}
					const page = contexts.get(key);
					await go(page);
					let checked = false;
					try {
						await check(st, page, lang, name);
						checked = true;
					} finally {
						// What comes after runs either way; if axe failed, its failure is the
						// one reported (and this one a diagnostic).
						if (afterCheck)
							await afterCheck(page).catch((e) => {
								if (checked) throw e;
								st.diagnostic(`${lang} ${name}: after the check: ${e.message.split('\n')[0]}`);
							});
					}
				});
			}
		} finally {
			for (const page of contexts.values()) await page.context().close().catch(() => {});
		}
	});
}
