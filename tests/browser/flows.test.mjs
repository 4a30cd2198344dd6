// flows.test.mjs: a social worker's everyday flows in a real browser, without JavaScript on
// the page: log in, register a person and their child, search, edit and see the history,
// switch the language, a validation error, log out; open a case, note, ask for its closure
// and a supervisor's approval; who sees a confidential note; refer a person to a partner
// organisation, whose worker accepts and completes the referral; add an organisation to the
// directory and find it; a referral refused for lack of consent; a person registered
// already, written in another script, shown as a likely match before anything is saved; a
// supervisor's scan for likely duplicates, a pair compared and linked with the keyboard
// alone, then the link undone; import people from a CSV file: the columns guessed, every
// row checked (a progress bar for a large file), the bad rows and the people registered
// already listed and left out; the import pages' errors, and in Russian; a centre and a room
// added by a supervisor, a person put on its waiting list, placed on a bed, marked seen and
// checked out by a worker, an analyst kept out, and the centre pages in Russian and Kazakh;
// a group added by a worker with two members, a session's attendance counted, a member who
// leaves, the person's page listing the group, an analyst kept out, the group pages in
// Russian and Kazakh; a supervisor's fundraising campaign with a donation in money and one in
// kind, a spending, the balance, a spending beyond it refused, a worker reading the fund
// without its forms; a worker's round table with its audience counted and a registered person
// named and removed; a family enrolled in the kandas programme against Pavlodar's quota, its
// relocation subsidy paid once, the withdrawal giving the places back; a worker's public work:
// a resettlers' organisation's dated steps up to registration, a council's meeting with its
// agenda and decisions, a proposal put forward there and what became of it; an analyst kept
// out of each, and their pages in Russian and Kazakh; a worker's screenings of a person: a
// PHQ-9 given in Russian on a Kazakh page, refused for an item left unanswered, then scored
// with its item-9 alert and a psychologist proposed, and an ILO forced-labour interview whose
// finding leads to the protection pathway and the edit form with the category ticked; a
// worker's labour records: an employer and its vacancy with housing, a person's employment
// below the minimum wage with the passport held by the employer (refused first for 200 hours
// a week), its two alerts, one resolved with a note and one resolved as corrected when the
// wage is, and a supervisor's list of the open alerts; a supervisor's report built with the
// form (cases by region and sex: a table with its totals, a chart, a CSV file), the same axis
// twice refused at the Columns field with the choices kept, and a worker kept out; the
// dashboard: an analyst sent there by the login and by "/", on to the report builder, and a
// worker's "My open cases" card leading to the caseload; a supervisor's monthly activity report
// followed from Reports and asked for this month, its tables' totals agreeing with the month in
// figures, its PDF, the page printed without the navigation and the form, and a worker refused it.
//
// The interface language defaults to Kazakh and the catalogs may still hold English msgids,
// so controls are found by their labels' text as read from the page (byLabel), by role
// where the role alone is enough, or by ids and URLs; never by a hard-coded English label.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { harness, login, switchLang, resultsDir, newPage } from './server.mjs';
import {
	byId, byLabel, byLabelWithin, checkboxByValue, selectedText, assertText, clickAndWait, clickAndLoad,
	gotoStatus, clickAndRespond, registerPerson, tabTo, hasFocus, uploadImport, postImportForm, waitForImport,
} from './helpers.mjs';

const h = harness();
before(h.setUp, { timeout: 60_000 });
after(h.tearDown, { timeout: 30_000 });

// Runs a flow in a fresh context; on failure keeps a screenshot of where it stopped.
// opts: more options of node:test's test() (a todo, a longer timeout).
function flow(name, fn, opts = {}) {
	test(name, { timeout: 60_000, ...opts }, (t) =>
		h.withPage(async (page, context) => {
			try {
				await fn(page, context, t);
			} catch (e) {
				const file = join(resultsDir('flows'), `${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 48).replace(/^-|-$/g, '')}.png`);
				await page.screenshot({ path: file, fullPage: true }).catch(() => {});
				e.message += `\n  at ${page.url()} (screenshot: ${file})`;
				throw e;
			}
		}),
	);
}

const PERSON_URL = /\/persons\/(\d+)$/;

function idOf(page) {
	const m = new URL(page.url()).pathname.match(/^\/persons\/(\d+)$/);
	assert.ok(m, `not on a person page: ${page.url()}`);
	return m[1];
}

// The "Family" section of a person page: the section holding the add-a-member link.
function familySection(page, id) {
	return page.locator('section', { has: page.locator(`a[href="/persons/new?family_of=${id}"]`) });
}

flow('a. a worker logs in through the login form', async (page) => {
	await page.goto('/persons');
	assert.match(new URL(page.url()).pathname, /^\/login/, 'an anonymous visitor is sent to the login page');
	assert.equal(await page.locator('html').getAttribute('lang'), 'kk', 'the default language is Kazakh');
	const loginBox = await byLabel(page, 'f-login');
	const password = await byLabel(page, 'f-password');
	await loginBox.fill('worker');
	await password.fill('wrong password');
	const submit = page.getByRole('main').getByRole('button');
	assert.equal(await submit.count(), 1, 'the login form has one button');
	await clickAndLoad(page, submit);
	assert.equal(await page.locator('#login-error[role=alert]').count(), 1, 'a wrong password is announced');
	assert.equal(await byId(page, 'f-login').inputValue(), 'worker', 'the login is kept after a wrong password');

	await (await byLabel(page, 'f-password')).fill('komek-demo-2026');
	// Logging in leads to the home page, the worker's caseload.
	await clickAndWait(page, page.getByRole('main').getByRole('button'), /\/cases$/);
	await assertText(page.locator('header'), 'worker', 'the header names who is logged in');
	assert.ok(await page.getByRole('navigation').first().getByRole('link').count() >= 2, 'the main navigation has links');
	const cookies = await page.context().cookies();
	const session = cookies.find((c) => c.name === 'komek_session');
	assert.ok(session, 'a session cookie is set');
	assert.ok(session.httpOnly, 'the session cookie is HttpOnly');
	assert.equal(session.sameSite, 'Strict', 'the session cookie is SameSite=Strict');
});

flow('b. register a person, then their child; both are in each one\'s Family section', async (page) => {
	await login(page, 'worker');
	await page.goto('/persons/new');
	await (await byLabel(page, 'f-family_name')).fill('Сәрсенбаева');
	await (await byLabel(page, 'f-given_name')).fill('Әсел');
	await (await byLabel(page, 'f-sex')).selectOption('female');
	await (await byLabel(page, 'f-birth_date')).fill('1991-05-17');
	const citizenship = await byLabel(page, 'f-citizenship');
	await citizenship.selectOption('UZ');
	const countryName = await selectedText(citizenship);
	await (await checkboxByValue(page, 'categories', 'labour_migrant')).check();
	const region = await byLabel(page, 'f-region');
	await region.selectOption('KZ-75');
	const regionName = await selectedText(region);
	await (await byLabel(page, 'f-locality')).fill('Алматы');
	await byId(page, 'f-documents[0].type').selectOption('passport');
	await byId(page, 'f-documents[0].number').fill('FX7654321');
	await byId(page, 'f-documents[0].country').selectOption('UZ');
	await byId(page, 'f-documents[0].expires_on').fill('2031-01-31');
	await clickAndWait(page, page.locator('form.person button.primary'), PERSON_URL);

	const motherId = idOf(page);
	await assertText(page.getByRole('heading', { level: 1 }), 'Сәрсенбаева Әсел', 'the person page heading');
	await assertText(page.getByRole('main'), [countryName, regionName, 'FX7654321', '17.05.1991', 'Алматы'],
		'the person page');
	const tags = page.locator('main .tag');
	assert.ok(await tags.count() >= 1, 'the category is shown');

	const add = page.locator(`a[href="/persons/new?family_of=${motherId}"]`);
	assert.equal(await add.count(), 1, 'the person page has an "Add a family member" link');
	const addName = (await add.innerText()).trim();
	await clickAndWait(page, page.getByRole('link', { name: addName, exact: true }), /\/persons\/new\?family_of=/);
	assert.equal(await byId(page, 'f-family_name').inputValue(), 'Сәрсенбаева', 'the family name is carried over');
	assert.equal(await byId(page, 'f-region').inputValue(), 'KZ-75', 'the region is carried over');
	assert.equal(await byId(page, 'f-citizenship').inputValue(), 'UZ', 'the citizenship is carried over');
	await (await byLabel(page, 'f-family_name')).fill('Сәрсенбаев');
	await (await byLabel(page, 'f-given_name')).fill('Айбек');
	await (await byLabel(page, 'f-sex')).selectOption('male');
	await (await byLabel(page, 'f-birth_date')).fill('2016-09-01');
	const relation = await byLabel(page, 'f-household_relation');
	await relation.selectOption('child');
	const childWord = await selectedText(relation);
	await clickAndWait(page, page.locator('form.person button.primary'), PERSON_URL);

	const childId = idOf(page);
	assert.notEqual(childId, motherId);
	await assertText(page.getByRole('heading', { level: 1 }), 'Сәрсенбаев Айбек');
	const famChild = familySection(page, childId);
	await assertText(famChild, ['Сәрсенбаева Әсел', 'Сәрсенбаев Айбек', childWord], 'the child\'s Family section');
	assert.equal(await famChild.locator(`a[href="/persons/${motherId}"]`).count(), 1, 'the child\'s page links to the mother');

	await page.goto(`/persons/${motherId}`);
	const famMother = familySection(page, motherId);
	await assertText(famMother, ['Сәрсенбаева Әсел', 'Сәрсенбаев Айбек', childWord], 'the mother\'s Family section');
	assert.equal(await famMother.locator(`a[href="/persons/${childId}"]`).count(), 1, 'the mother\'s page links to the child');

	// The person whose page it is is marked in their family's list (checked last, so that a
	// failure here does not hide the rest of the flow).
	const self = await famMother.locator(`a[href="/persons/${motherId}"]`).getAttribute('aria-current');
	assert.equal(self, 'page', 'the person\'s own entry in the Family list has aria-current="page"');
});

flow('c. search from the header: a Latin spelling finds a Cyrillic name', async (page) => {
	await login(page, 'worker');
	await page.goto('/persons/new'); // any page: the search box is in the header
	const box = page.getByRole('search').getByRole('searchbox');
	assert.equal(await box.count(), 1, 'the header has one search box in a search landmark');
	await box.fill('Nursultan');
	await Promise.all([page.waitForURL(/\/persons\?q=Nursultan/), box.press('Enter')]);
	const hit = page.getByRole('main').getByRole('link', { name: /Тұрсынбаев Нұрсұлтан/ });
	await assertText(page.getByRole('main'), 'Тұрсынбаев Нұрсұлтан', 'the search results for "Nursultan"');
	assert.equal(await hit.count(), 1, 'one result links to Тұрсынбаев Нұрсұлтан');
	assert.equal(await byId(page, 'f-q').inputValue(), 'Nursultan', 'the filter form shows the query');
	await clickAndWait(page, hit, PERSON_URL);
	await assertText(page.getByRole('heading', { level: 1 }), 'Тұрсынбаев Нұрсұлтан');

	// A Cyrillic query finds Latin-written names too, and a document number is found.
	await page.goto('/persons?q=' + encodeURIComponent('Абдуллаев'));
	await assertText(page.getByRole('main'), 'Abdullaev Rustam', 'the results for "Абдуллаев"');
	await page.goto('/persons?q=FA1234567');
	await assertText(page.getByRole('main'), 'Abdullaev Rustam', 'the results for a document number');
});

flow('d. edit a person; the change is in the history', async (page) => {
	await login(page, 'worker');
	await page.goto('/persons?q=' + encodeURIComponent('Петренко'));
	await clickAndWait(page, page.getByRole('main').getByRole('link', { name: /Петренко Олег/ }), PERSON_URL);
	const id = idOf(page);
	const edit = page.locator(`a[href="/persons/${id}/edit"]`);
	await clickAndWait(page, page.getByRole('link', { name: (await edit.innerText()).trim(), exact: true }),
		new RegExp(`/persons/${id}/edit$`));
	const locality = await byLabel(page, 'f-locality');
	assert.equal(await locality.inputValue(), 'Караганда');
	await locality.fill('Қарағанды');
	await (await byLabel(page, 'f-phone')).fill('+7 701 555 0101');
	await clickAndWait(page, page.locator('form.person button.primary'), new RegExp(`/persons/${id}$`));
	await assertText(page.getByRole('main'), ['Қарағанды', '+7 701 555 0101'], 'the person page after the edit');

	const hist = page.locator(`a[href="/persons/${id}/history"]`);
	await clickAndWait(page, page.getByRole('link', { name: (await hist.innerText()).trim(), exact: true }),
		new RegExp(`/persons/${id}/history$`));
	const rows = page.locator('main table tbody tr');
	const texts = await rows.allInnerTexts();
	const changed = texts.find((t) => t.includes('Караганда') && t.includes('Қарағанды'));
	assert.ok(changed, `the history has a row from Караганда to Қарағанды; rows:\n${texts.join('\n')}`);
	assert.ok(changed.includes('worker'), `the history row names who changed it: ${changed}`);
	assert.ok(texts.some((t) => t.includes('+7 701 555 0101')), 'the history shows the new phone');
});

// The reference data (regions) are translated in the code; the interface strings come
// from the catalogs.
const LANGS = {
	ru: { button: 'Русский', region: 'Павлодарская область', script: /^[^a-z]*[а-яё][^a-z]*$/i },
	en: { button: 'English', region: 'Pavlodar', script: /^[\x00-\x7f]+$/ },
	kk: { button: 'Қазақша', region: 'Павлодар облысы', script: /^[^a-z]*[а-яёәғқңөұүһі][^a-z]*$/i },
};

flow('e. the language switch: Русский, English, Қазақша', async (page, context, t) => {
	await login(page, 'worker');
	await page.goto('/persons');
	const seen = {}; // lang -> interface strings on the page
	const problems = [];
	for (const [lang, want] of Object.entries(LANGS)) {
		if (lang === 'kk') {
			// The choice is remembered for the user, not only in a cookie: a new session
			// without cookies starts in the language chosen last (English).
			await context.clearCookies();
			await login(page, 'worker');
			assert.equal(await page.locator('html').getAttribute('lang'), 'en',
				'a new session starts in the language the user chose last');
			await page.goto('/persons'); // logging in leads to the caseload
		}
		const button = page.getByRole('button', { name: want.button, exact: true });
		assert.equal(await button.count(), 1, `one "${want.button}" button`);
		assert.equal(await button.getAttribute('lang'), lang, `the "${want.button}" button is marked lang=${lang}`);
		await clickAndLoad(page, button);
		assert.equal(new URL(page.url()).pathname, '/persons', 'the switch returns to the same page');
		assert.equal(await page.locator('html').getAttribute('lang'), lang, `<html lang> after clicking ${want.button}`);
		assert.equal(await button.isDisabled(), true, 'the current language\'s button is disabled');
		const current = await button.getAttribute('aria-current');
		if (current !== 'true')
			problems.push(`${lang}: the current language's button has aria-current=${JSON.stringify(current)}, not "true"`);
		const region = byId(page, 'f-region').locator('option[value="KZ-55"]');
		assert.equal((await region.innerText()).trim(), want.region, `the region names are in ${lang}`);
		seen[lang] = {
			heading: (await page.getByRole('heading', { level: 1 }).innerText()).trim(),
			logout: (await page.locator('form[action="/logout"] button').innerText()).trim(),
			search: (await page.getByRole('search').getByRole('button').innerText()).trim(),
		};
	}
	await t.test('the interface strings are translated', () => {
		const wrong = [];
		for (const [lang, strings] of Object.entries(seen))
			for (const [what, text] of Object.entries(strings)) {
				if (!LANGS[lang].script.test(text)) wrong.push(`${lang} ${what}: "${text}" is not in ${lang}'s script`);
				if (lang === 'kk' && text === seen.ru[what]) wrong.push(`kk ${what}: "${text}" is the same as in Russian`);
			}
		assert.deepEqual(wrong, [], JSON.stringify(seen));
	});
	assert.deepEqual(problems, [], 'the language switch marks the current language');
});

flow('f. a validation error is shown next to the field and the input is kept', async (page) => {
	await login(page, 'worker');
	await page.goto('/persons/new');
	await (await byLabel(page, 'f-given_name')).fill('Тимур');
	await (await byLabel(page, 'f-sex')).selectOption('male');
	await (await byLabel(page, 'f-birth_date')).fill('1987');
	await (await byLabel(page, 'f-citizenship')).selectOption('KG');
	await (await checkboxByValue(page, 'categories', 'labour_migrant')).check();
	await (await byLabel(page, 'f-region')).selectOption('KZ-71');
	await byId(page, 'f-documents[0].type').selectOption('passport');
	await byId(page, 'f-documents[0].number').fill('ID0123456');
	const [resp] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST'),
		page.waitForEvent('load'),
		page.locator('form.person button.primary').click(),
	]);
	assert.equal(resp.status(), 422, 'an invalid form is answered 422');

	const field = byId(page, 'f-family_name');
	assert.equal(await field.getAttribute('aria-invalid'), 'true', 'the empty family name is marked invalid');
	assert.equal(await field.getAttribute('aria-describedby'), 'e-family_name', 'the field points to its message');
	const msg = byId(page, 'e-family_name');
	assert.equal(await msg.count(), 1, 'there is an error message for the family name');
	assert.ok((await msg.innerText()).trim().length > 0, 'the error message is not empty');
	const sameField = page.locator('.field', { has: byId(page, 'f-family_name') });
	assert.equal(await sameField.locator('#e-family_name').count(), 1, 'the message is next to the field');
	assert.equal(await page.locator('[role=alert]').count() >= 1, true, 'a summary is announced');
	assert.equal(await page.locator('[aria-invalid=true]').count(), 1, 'only the family name is invalid');

	assert.equal(await byId(page, 'f-given_name').inputValue(), 'Тимур');
	assert.equal(await byId(page, 'f-sex').inputValue(), 'male');
	assert.equal(await byId(page, 'f-birth_date').inputValue(), '1987');
	assert.equal(await byId(page, 'f-citizenship').inputValue(), 'KG');
	assert.equal(await byId(page, 'f-region').inputValue(), 'KZ-71');
	assert.equal(await page.locator('input[name=categories][value=labour_migrant]').isChecked(), true);
	assert.equal(await byId(page, 'f-documents[0].type').inputValue(), 'passport');
	assert.equal(await byId(page, 'f-documents[0].number').inputValue(), 'ID0123456');

	// Fixing the field saves the person.
	await field.fill('Асанов');
	await clickAndWait(page, page.locator('form.person button.primary'), PERSON_URL);
	await assertText(page.getByRole('heading', { level: 1 }), 'Асанов Тимур');
});

flow('g. log out', async (page, context) => {
	await login(page, 'worker');
	const out = page.locator('form[action="/logout"] button');
	assert.equal(await out.count(), 1, 'the header has a log-out button');
	const name = (await out.innerText()).trim();
	await clickAndWait(page, page.getByRole('button', { name, exact: true }), /\/login$/);
	assert.equal(await page.locator('form[action="/logout"]').count(), 0, 'no log-out button after logging out');
	const session = (await context.cookies()).find((c) => c.name === 'komek_session' && c.value);
	assert.ok(!session, 'the session cookie is cleared');
	const status = await gotoStatus(page, '/persons');
	assert.match(new URL(page.url()).pathname, /^\/login/, `after logging out /persons sends to the login page (status ${status})`);
});

const CASE_URL = /\/cases\/(\d+)$/;

function caseIdOf(page) {
	const m = new URL(page.url()).pathname.match(/^\/cases\/(\d+)$/);
	assert.ok(m, `not on a case page: ${page.url()}`);
	return m[1];
}

// The one button of a form, found by its role and its text as read from the page.
async function buttonOf(page, form) {
	const b = form.locator('button');
	assert.equal(await b.count(), 1, 'the form has one button');
	const name = (await b.innerText()).trim();
	assert.ok(name, 'the button has a text');
	const byRole = page.getByRole('button', { name, exact: true });
	assert.equal(await byRole.count(), 1, `one button is named "${name}"`);
	return byRole;
}

// A date as the Kazakh and Russian pages show it (2026-11-26 → 26.11.2026).
const shown = (iso) => iso.split('-').reverse().join('.');

function daysBefore(iso, days) {
	const d = new Date(iso + 'T00:00:00Z');
	d.setUTCDate(d.getUTCDate() - days);
	return d.toISOString().slice(0, 10);
}

// Runs fn(page) as another user in a context of its own (closed afterwards); on failure
// keeps a screenshot of that page too.
async function asUser(user, lang, fn) {
	const h2 = await newPage(h.browser, h.server);
	try {
		await login(h2.page, user);
		await switchLang(h2.page, lang);
		return await fn(h2.page);
	} catch (e) {
		const file = join(resultsDir('flows'), `as-${user}.png`);
		await h2.page.screenshot({ path: file, fullPage: true }).catch(() => {});
		e.message += `\n  as ${user} at ${h2.page.url()} (screenshot: ${file})`;
		throw e;
	} finally {
		await h2.context.close().catch(() => {});
	}
}

flow('h. open a case, add a confidential note, ask for the closure; a supervisor approves it', async (page) => {
	await login(page, 'worker');
	await page.goto('/persons?q=Abdullaev');
	await clickAndWait(page, page.getByRole('main').getByRole('link', { name: /Abdullaev Rustam/ }), PERSON_URL);
	const personId = idOf(page);

	// "Open a case" on the person's page.
	const open = page.locator(`a[href="/cases/new?person=${personId}"]`);
	assert.equal(await open.count(), 1, 'the person page has an "Open a case" link');
	const openName = (await open.innerText()).trim();
	await clickAndWait(page, page.getByRole('link', { name: openName, exact: true }),
		new RegExp(`/cases/new\\?person=${personId}$`));
	await assertText(page.getByRole('main'), 'Abdullaev Rustam', 'the open-a-case page names the person');

	// An empty reason is refused; the date typed is kept.
	const reason = await byLabel(page, 'f-opening_reason');
	const openedOn = await byLabel(page, 'f-opened_on');
	const today = await openedOn.inputValue();
	assert.match(today, /^\d{4}-\d{2}-\d{2}$/, 'the opening date is filled in with today');
	const opened = daysBefore(today, 3);
	await openedOn.fill(opened);
	const submit = await buttonOf(page, page.locator('form[action="/cases"]'));
	const [resp] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST'),
		page.waitForEvent('load'),
		submit.click(),
	]);
	assert.equal(resp.status(), 422, 'a case without a reason is answered 422');
	const field = byId(page, 'f-opening_reason');
	assert.equal(await field.getAttribute('aria-invalid'), 'true', 'the empty reason is marked invalid');
	assert.ok((await field.getAttribute('aria-describedby') ?? '').split(' ').includes('e-opening_reason'),
		'the reason points to its message');
	const msg = page.locator('.field', { has: field }).locator('#e-opening_reason');
	assert.equal(await msg.count(), 1, 'the message is next to the reason');
	assert.ok((await msg.innerText()).trim().length > 0, 'the error message is not empty');
	assert.ok(await page.locator('[role=alert]').count() >= 1, 'a summary is announced');
	assert.equal(await page.locator('[aria-invalid=true]').count(), 1, 'only the reason is invalid');
	assert.equal(await byId(page, 'f-opened_on').inputValue(), opened, 'the date typed is kept');

	// With a reason, the case opens and its page shows it.
	const why = 'Жұмыс берушісі жалақы төлемеді; құжаттарын қалпына келтіру керек.';
	await (await byLabel(page, 'f-opening_reason')).fill(why);
	await clickAndWait(page, await buttonOf(page, page.locator('form[action="/cases"]')), CASE_URL);
	const caseId = caseIdOf(page);
	await assertText(page.getByRole('heading', { level: 1 }), caseId, 'the case page heading');
	const main = page.getByRole('main');
	await assertText(main, ['Abdullaev Rustam', why, shown(opened)], 'the new case page');
	// (The referral form, folded, may link to the person's page too, to record a consent.)
	const toPerson = `a[href="/persons/${personId}"]`;
	assert.equal(await main.locator(toPerson).count() - await main.locator(`section.referrals ${toPerson}`).count(), 1,
		'the case links to its person');
	const openWord = (await page.locator('h1 .badge').innerText()).trim();

	// A confidential note is listed with its badge.
	const noteText = 'Ол жұмыс берушінің атын айтты; тек осында сақталады.';
	await (await byLabel(page, 'f-text')).fill(noteText);
	await (await checkboxByValue(page, 'confidential', '1')).check();
	await clickAndWait(page, await buttonOf(page, page.locator(`form[action="/cases/${caseId}/notes"]`)),
		new RegExp(`/cases/${caseId}$`));
	const note = page.locator('article', { hasText: noteText });
	assert.equal(await note.count(), 1, 'the note is listed');
	await assertText(note, shown(today), 'the note shows its date');
	const badge = note.locator('.badge');
	assert.equal(await badge.count(), 1, 'the confidential note has a badge');
	assert.ok((await badge.innerText()).trim().length > 0, 'the badge is not empty');

	// Status closed with a reason, an outcome and a date: the closure is requested.
	const status = await byLabel(page, 'f-status');
	await status.selectOption('closed');
	const closedWord = await selectedText(status);
	const closing = await byLabel(page, 'f-closing_reason');
	await closing.selectOption('moved_away');
	const closingText = await selectedText(closing);
	const outcome = 'Отбасымен бірге Алматыға көшті; құжаттары қалпына келтірілді.';
	await (await byLabel(page, 'f-outcome')).fill(outcome);
	await (await byLabel(page, 'f-closed_on')).fill(today);
	await clickAndWait(page, await buttonOf(page, page.locator(`form[action="/cases/${caseId}"]`, { has: byId(page, 'f-status') })),
		new RegExp(`/cases/${caseId}$`));
	const closure = page.locator('section.closure');
	assert.equal(await closure.count(), 1, 'the case page shows the closure requested');
	await assertText(closure, [closingText, outcome, shown(today)], 'the closure requested');
	assert.equal((await page.locator('h1 .badge').innerText()).trim(), openWord,
		'the case stays open until a supervisor approves the closure');
	assert.notEqual(openWord, closedWord);

	// The supervisor (in Russian) finds it under the closures waiting, and approves it.
	const closedRu = await asUser('supervisor', 'ru', async (sup) => {
		await sup.goto('/cases');
		assert.equal(new URL(sup.url()).pathname, '/cases');
		// The word for "closed" in Russian, from the caseload's status filter.
		const closedRu = (await byId(sup, 'f-status').locator('option[value="closed"]').innerText()).trim();
		const sections = sup.getByRole('main').locator('section');
		const link = sup.getByRole('link', { name: `№ ${caseId}`, exact: true });
		assert.equal(await link.count(), 1, 'the supervisor\'s caseload lists the case once');
		const pending = sections.first();
		assert.equal(await pending.locator(`a[href="/cases/${caseId}"]`).count(), 1,
			'the case is in the first section, the closures waiting for approval');
		const row = pending.locator('tr', { has: sup.locator(`a[href="/cases/${caseId}"]`) });
		await assertText(row, 'Abdullaev Rustam', 'the waiting closure\'s row');
		assert.equal(await row.locator('.badge').count(), 1, 'the row is marked as a closure requested');

		await clickAndWait(sup, link, new RegExp(`/cases/${caseId}$`));
		const approve = sup.locator('section.closure form button.primary');
		assert.equal(await approve.count(), 1, 'the closure box has an approve button');
		await clickAndWait(sup, sup.getByRole('button', { name: (await approve.innerText()).trim(), exact: true }),
			new RegExp(`/cases/${caseId}$`));
		assert.equal((await sup.locator('h1 .badge').innerText()).trim(), closedRu, 'the case is closed');
		assert.equal(await sup.locator('section.closure form button.primary').count(), 0, 'nothing left to approve');
		await assertText(sup.locator('section.closure'), [outcome, shown(today)], 'the closure');

		await sup.goto('/cases');
		assert.equal(await sup.getByRole('main').locator('section').first().locator(`a[href="/cases/${caseId}"]`).count(), 0,
			'the case no longer waits for approval');
		return closedRu;
	});
	assert.ok(closedRu.length > 0);

	// The worker sees it closed, and read-only.
	await page.reload();
	assert.equal((await page.locator('h1 .badge').innerText()).trim(), closedWord, 'the worker sees the case closed');
	assert.equal(await page.locator(`form[action="/cases/${caseId}/notes"]`).count(), 0, 'a closed case takes no notes');
	assert.equal(await byId(page, 'f-status').count(), 0, 'a closed case has no status form');
});

flow('i. a co-worker does not see the worker\'s confidential note; a supervisor does', async (page) => {
	await login(page, 'worker');
	await page.goto('/persons?q=' + encodeURIComponent('Тұрсынбаев Ерлан'));
	await clickAndWait(page, page.getByRole('main').getByRole('link', { name: /Тұрсынбаев Ерлан/ }), PERSON_URL);
	const link = page.getByRole('main').locator('a[href^="/cases/"]:not([href^="/cases/new"])').first();
	await clickAndWait(page, link, CASE_URL);
	const caseId = caseIdOf(page);
	const form = page.locator(`form[action="/cases/${caseId}/notes"]`);
	const secret = 'Құпия жазба: тек қызметкер мен супервизорға.';
	const shared = 'Ортақ жазба: команданың бәріне.';
	await (await byLabel(page, 'f-text')).fill(secret);
	await (await checkboxByValue(page, 'confidential', '1')).check();
	await clickAndWait(page, await buttonOf(page, form), new RegExp(`/cases/${caseId}$`));
	await (await byLabel(page, 'f-text')).fill(shared);
	await clickAndWait(page, await buttonOf(page, form), new RegExp(`/cases/${caseId}$`));
	const notes = page.locator('section.notes');
	await assertText(notes, [secret, shared], 'the worker\'s notes');
	// The confidential notes the worker sees here (the demo data's one too).
	const confidential = (await notes.locator('article', { has: page.locator('.badge') }).locator('p').allInnerTexts())
		.map((t) => t.trim());
	assert.ok(confidential.includes(secret), 'the new note is the worker\'s confidential one');
	assert.ok(!confidential.includes(shared), 'the other note is not confidential');

	const seenBy = async (user) => asUser(user, 'kk', async (p) => {
		const status = await gotoStatus(p, `/cases/${caseId}`);
		assert.equal(status, 200, `${user} may read the case`);
		return (await p.locator('section.notes').innerText());
	});
	const psy = await seenBy('psychologist');
	assert.ok(psy.includes(shared), 'the psychologist, a co-worker, sees the team\'s note');
	for (const text of confidential)
		assert.ok(!psy.includes(text), `the psychologist does not see the worker's confidential note "${text}"`);
	const sup = await seenBy('supervisor');
	for (const text of [...confidential, shared])
		assert.ok(sup.includes(text), `the supervisor sees the note "${text}"`);
});

// ---- Referrals and the directory of partner organisations ----

// A referral's statuses as the pages show them: reference data, translated in the code.
const REFERRAL_STATUS = {
	kk: { sent: 'жіберілді', accepted: 'қабылданды', completed: 'орындалды' },
	ru: { sent: 'отправлено', accepted: 'принято', completed: 'выполнено' },
	en: { sent: 'sent', accepted: 'accepted', completed: 'completed' },
};
// The demo's directory (src/cli/demo.c): the second organisation's entry (it answers its
// referrals in Komek), the first organisation's own entry, one outside Komek.
const NGO_PARTNER = 'Pavlodar NGO «Көмек қолы» (demo)';
const OWN_PARTNER = 'Алматы: бейімделу және интеграция орталығы (demo)';
const STATE_PARTNER = 'Алматы қаласы көші-қон қызметі (demo)';

// Opens a person's case from their page, found by a search for their name.
async function openCaseOf(page, name) {
	await page.goto('/persons?q=' + encodeURIComponent(name));
	await clickAndWait(page, page.getByRole('main').getByRole('link', { name: new RegExp(name) }), PERSON_URL);
	const personId = idOf(page);
	const link = page.getByRole('main').locator('a[href^="/cases/"]:not([href^="/cases/new"])').first();
	await clickAndWait(page, link, CASE_URL);
	return { personId, caseId: caseIdOf(page) };
}

// Opens the case page's "Refer to an organisation" (a details element) by its summary's text.
async function openReferralForm(page) {
	const section = page.locator('section.referrals');
	assert.equal(await section.count(), 1, 'the case page has a Referrals section');
	const summary = section.locator('details > summary');
	assert.equal(await summary.count(), 1, 'the Referrals section has one "Refer to an organisation"');
	const text = (await summary.innerText()).trim();
	assert.ok(text, 'the summary has a text');
	await section.getByText(text, { exact: true }).click();
	const form = section.locator('form.referral');
	assert.ok(await form.isVisible(), 'the referral form opens');
	return form;
}

// The hrefs of the referrals listed on a case page.
async function referralLinks(page) {
	return page.locator('section.referrals article a[href^="/referrals/"]').evaluateAll(
		(as) => as.map((a) => a.getAttribute('href')));
}

// The option of a select whose text contains `name`, selected by its label as a user would.
async function selectOptionContaining(select, name) {
	const texts = (await select.locator('option').allInnerTexts()).map((t) => t.trim());
	const hit = texts.filter((t) => t.includes(name));
	assert.equal(hit.length, 1, `one option names "${name}"; options: ${texts.join(' | ')}`);
	await select.selectOption({ label: hit[0] });
	return hit[0];
}

flow('j. a worker refers a person to a partner organisation; its worker accepts and completes it', async (page) => {
	// (a) The worker (in Kazakh) opens the case of a person who consented to a referral.
	await login(page, 'worker');
	const { personId, caseId } = await openCaseOf(page, 'Тұрсынбаев Ерлан');
	const before = await referralLinks(page);
	const form = await openReferralForm(page);
	assert.equal(await form.locator('.hint a[href^="/persons/"]').count(), 0,
		'no hint about a missing consent: the person consented');

	const to = await byLabelWithin(form, 'f-r-partner_id');
	const options = await to.locator('option').allInnerTexts();
	assert.ok(!options.some((o) => o.includes(OWN_PARTNER)),
		`the worker's own organisation is not offered: ${options.join(' | ')}`);
	await selectOptionContaining(to, NGO_PARTNER);
	const kind = await byLabelWithin(form, 'f-r-service_kind');
	await kind.selectOption('social_psychological');
	const kindKk = await selectedText(kind);
	const message = 'Отбасы Қытайдан келген; жұбайы психологпен сөйлескісі келеді, қазақша сөйлейді.';
	await (await byLabelWithin(form, 'f-r-message')).fill(message);
	await clickAndWait(page, await buttonOf(page, form), new RegExp(`/cases/${caseId}$`));

	const added = (await referralLinks(page)).filter((href) => !before.includes(href));
	assert.equal(added.length, 1, `one new referral is listed on the case (before: ${before}, now: ${await referralLinks(page)})`);
	const rid = added[0].split('/').pop();
	const item = page.locator('section.referrals article', { has: page.locator(`a[href="/referrals/${rid}"]`) });
	await assertText(item.locator('h3'), [NGO_PARTNER, REFERRAL_STATUS.kk.sent], 'the new referral\'s heading');
	await assertText(item, kindKk, 'the new referral');
	assert.equal(await page.locator('section.referrals details[open]').count(), 0, 'the form is closed again');

	// (b) The partner's worker (in Russian) finds it among the new referrals, reads it,
	// accepts it and completes it.
	const outcome = 'Психолог үш рет кездесті; ұйқысы қалпына келді.';
	await asUser('ngo-worker', 'ru', async (ngo) => {
		await ngo.goto('/cases');
		const first = ngo.getByRole('main').locator('section').first();
		const row = first.locator('tr', { has: ngo.locator(`a[href="/referrals/${rid}"]`) });
		assert.equal(await row.count(), 1, 'the referral is in the caseload\'s first section, the new referrals to us');
		await assertText(row, ['Тұрсынбаев Ерлан', OWN_PARTNER, REFERRAL_STATUS.ru.sent], 'the new referral\'s row');
		await clickAndWait(ngo, first.getByRole('link', { name: `№ ${rid}`, exact: true }), new RegExp(`/referrals/${rid}$`));

		const main = ngo.getByRole('main');
		await assertText(main, ['Тұрсынбаев Ерлан Қайратұлы', message, NGO_PARTNER, OWN_PARTNER], 'the referral page');
		await assertText(main.locator('dl'), REFERRAL_STATUS.ru.sent, 'the referral\'s status');
		assert.equal(await main.locator('a[href^="/persons/"]').count(), 0, 'the referral page links to no person');
		assert.equal(await main.locator('a[href^="/cases/"]').count(), 0, 'the referral page links to no case');

		const accept = main.locator('form.answer button[value="accepted"]');
		assert.equal(await accept.count(), 1, 'the referral can be accepted');
		await clickAndWait(ngo, ngo.getByRole('button', { name: (await accept.innerText()).trim(), exact: true }),
			new RegExp(`/referrals/${rid}$`));
		await assertText(main.locator('dl'), [REFERRAL_STATUS.ru.accepted, 'Асель НҰО'], 'the accepted referral');

		await (await byLabel(ngo, `f-a${rid}-outcome`)).fill(outcome);
		const complete = main.locator('form.answer button[value="completed"]');
		assert.equal(await complete.count(), 1, 'the accepted referral can be completed');
		await clickAndWait(ngo, ngo.getByRole('button', { name: (await complete.innerText()).trim(), exact: true }),
			new RegExp(`/referrals/${rid}$`));
		await assertText(main.locator('dl'), REFERRAL_STATUS.ru.completed, 'the completed referral');
		await assertText(main, outcome, 'the completed referral shows its outcome');
		assert.equal(await main.locator('form.answer').count(), 0, 'nothing is left to answer');

		// The referral shares the person's name, not their record.
		assert.notEqual(await gotoStatus(ngo, `/persons/${personId}`), 200, 'the partner may not open the person');
		assert.notEqual(await gotoStatus(ngo, `/cases/${caseId}`), 200, 'the partner may not open the case');
	});

	// (c) The worker sees it completed on the case page.
	await page.reload();
	const done = page.locator('section.referrals article', { has: page.locator(`a[href="/referrals/${rid}"]`) });
	await assertText(done.locator('h3'), REFERRAL_STATUS.kk.completed, 'the referral\'s heading on the case');
	await assertText(done, outcome, 'the referral on the case shows the outcome');
});

flow('k. an administrator adds an organisation to the directory, fixing a bad e-mail, and finds it', async (page) => {
	await login(page, 'admin');
	await switchLang(page, 'en');
	await page.goto('/partners');
	const add = page.getByRole('main').locator('a[href="/partners/new"]');
	assert.equal(await add.count(), 1, 'the directory has an "Add an organisation" link for an administrator');
	await clickAndWait(page, page.getByRole('link', { name: (await add.innerText()).trim(), exact: true }),
		/\/partners\/new$/);

	const entry = {
		'f-name': 'Шығыс Қазақстан көшіп-қонушыларға көмек орталығы (test)',
		'f-description': 'Заң кеңесі және жұмысқа орналастыру, Өскемен.',
		'f-address': 'Өскемен, Қазақстан к-сі 10',
		'f-phone': '+7 7232 50 00 00',
		'f-website': 'https://shygys-komek.example.kz',
		'f-contact_person': 'Нұргүл Есенова',
	};
	for (const [id, value] of Object.entries(entry)) await (await byLabel(page, id)).fill(value);
	const kind = await byLabel(page, 'f-kind');
	await kind.selectOption('ngo');
	const services = ['social_legal', 'social_labour'];
	for (const s of services) await (await checkboxByValue(page, 'services', s)).check();
	await (await checkboxByValue(page, 'regions', 'KZ-63')).check();
	// An address the browser's own check lets through (type=email), but which has no domain.
	const email = await byLabel(page, 'f-email');
	await email.fill('info@shygys-komek');
	assert.equal(await email.evaluate((e) => e.validity.valid), true, 'the browser accepts the address');
	const save = page.locator('form.partner button.primary');
	const [resp] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST'),
		page.waitForEvent('load'),
		save.click(),
	]);
	assert.equal(resp.status(), 422, 'an entry with a bad e-mail address is answered 422');

	const field = byId(page, 'f-email');
	assert.equal(await field.getAttribute('aria-invalid'), 'true', 'the e-mail is marked invalid');
	assert.ok((await field.getAttribute('aria-describedby') ?? '').split(' ').includes('e-email'),
		'the e-mail points to its message');
	const msg = page.locator('.field', { has: field }).locator('#e-email');
	assert.equal(await msg.count(), 1, 'the message is next to the e-mail');
	assert.ok((await msg.innerText()).trim().length > 0, 'the error message is not empty');
	assert.ok(await page.locator('[role=alert]').count() >= 1, 'a summary is announced');
	assert.equal(await page.locator('[aria-invalid=true]').count(), 1, 'only the e-mail is invalid');
	// Everything else typed is kept.
	for (const [id, value] of Object.entries(entry)) assert.equal(await byId(page, id).inputValue(), value, `#${id} is kept`);
	assert.equal(await field.inputValue(), 'info@shygys-komek', 'the address typed is kept, to be fixed');
	assert.equal(await byId(page, 'f-kind').inputValue(), 'ngo', 'the kind is kept');
	for (const s of services)
		assert.equal(await page.locator(`input[name=services][value=${s}]`).isChecked(), true, `the service ${s} is kept`);
	assert.equal(await page.locator('input[name=services]:checked').count(), services.length, 'no other service is checked');
	assert.equal(await page.locator('input[name=regions][value=KZ-63]').isChecked(), true, 'the region is kept');
	assert.equal(await page.locator('input[name=regions]:checked').count(), 1, 'no other region is checked');
	assert.equal(await page.locator('input[name=active]').isChecked(), true, 'the entry stays active');

	// Fixed, it is saved and shown.
	await field.fill('info@shygys-komek.example.kz');
	await clickAndWait(page, page.locator('form.partner button.primary'), /\/partners\/\d+$/);
	const partnerId = new URL(page.url()).pathname.split('/').pop();
	await assertText(page.getByRole('heading', { level: 1 }), entry['f-name'], 'the entry\'s heading');
	assert.equal(await byId(page, 'f-email').inputValue(), 'info@shygys-komek.example.kz', 'the address is saved');

	// The directory filtered by region and service kind finds it, and only what fits.
	await page.goto('/partners');
	const region = await byLabel(page, 'f-region');
	await region.selectOption('KZ-63');
	const regionName = await selectedText(region);
	await (await byLabel(page, 'f-service_kind')).selectOption('social_legal');
	await clickAndWait(page, page.locator('form[action="/partners"] button'),
		(u) => u.pathname === '/partners' && u.searchParams.get('region') === 'KZ-63' &&
			u.searchParams.get('service_kind') === 'social_legal');
	assert.equal(await byId(page, 'f-region').inputValue(), 'KZ-63', 'the filter shows the region chosen');
	assert.equal(await byId(page, 'f-service_kind').inputValue(), 'social_legal', 'the filter shows the service kind');
	const found = page.getByRole('main').locator('article.partner');
	const names = (await found.locator('h2').allInnerTexts()).map((t) => t.trim());
	assert.deepEqual(names, [entry['f-name']], 'the filter finds the new entry alone');
	const card = found.first();
	assert.equal(await card.getByRole('link', { name: entry['f-name'], exact: true }).getAttribute('href'),
		`/partners/${partnerId}`, 'the entry links to its page');
	await assertText(card, [regionName, 'info@shygys-komek.example.kz', '+7 7232 50 00 00'], 'the found entry');
	// Another region does not list it.
	await page.goto('/partners?service_kind=social_legal&region=KZ-75');
	await assertText(page.getByRole('main'), STATE_PARTNER, 'the directory for Almaty');
	assert.equal(await page.locator(`main a[href="/partners/${partnerId}"]`).count(), 0, 'the entry is not listed for Almaty');
});

flow('l. a referral refused for lack of consent keeps the message; with the consent it is sent', async (page) => {
	await login(page, 'worker');
	const { personId, caseId } = await openCaseOf(page, 'Ахмади Фарид');
	const before = await referralLinks(page);
	let form = await openReferralForm(page);
	const hint = form.locator('.hint', { has: page.locator(`a[href="/persons/${personId}"]`) });
	assert.equal(await hint.count(), 1, 'the form says the person has not consented, with a link to their page');

	const to = await byLabelWithin(form, 'f-r-partner_id');
	const chosen = await selectOptionContaining(to, STATE_PARTNER);
	await (await byLabelWithin(form, 'f-r-service_kind')).selectOption('social_legal');
	const message = 'Пана іздеу өтінішін тапсыруға көмек керек; аудармашы (дари) қажет.';
	await (await byLabelWithin(form, 'f-r-message')).fill(message);
	const [resp] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST'),
		page.waitForEvent('load'),
		(await buttonOf(page, form)).click(),
	]);
	assert.equal(resp.status(), 422, 'a referral without the consent is answered 422');
	assert.equal(new URL(page.url()).pathname, `/cases/${caseId}/referrals`, 'the case page is shown again');

	form = page.locator('section.referrals form.referral');
	assert.ok(await form.isVisible(), 'the refused form is open');
	const err = form.locator('#e-r-consent');
	assert.equal(await err.count(), 1, 'the form says the consent is missing');
	assert.ok((await err.innerText()).trim().length > 0, 'the message is not empty');
	assert.ok(await page.locator('[role=alert]').count() >= 1, 'a summary is announced');
	assert.equal(await byId(page, 'f-r-message').inputValue(), message, 'the message typed is kept');
	assert.equal(await selectedText(byId(page, 'f-r-partner_id')), chosen, 'the organisation chosen is kept');
	assert.equal(await byId(page, 'f-r-service_kind').inputValue(), 'social_legal', 'the service kind is kept');
	assert.deepEqual(await referralLinks(page), before, 'nothing was sent');

	// The consent is recorded on the person's page; then the referral goes.
	await clickAndWait(page, page.getByRole('main').locator(`a[href="/persons/${personId}"]`).first(), PERSON_URL);
	const consents = page.locator(`form[action="/persons/${personId}/consents"]`);
	await (await byLabel(page, 'f-purpose')).selectOption('referral_sharing');
	await clickAndWait(page, await buttonOf(page, consents), PERSON_URL);
	await page.goto(`/cases/${caseId}`);
	form = await openReferralForm(page);
	assert.equal(await form.locator('.hint a[href^="/persons/"]').count(), 0, 'the consent is in force now');
	await selectOptionContaining(await byLabelWithin(form, 'f-r-partner_id'), STATE_PARTNER);
	await (await byLabelWithin(form, 'f-r-service_kind')).selectOption('social_legal');
	await (await byLabelWithin(form, 'f-r-message')).fill(message);
	await clickAndWait(page, await buttonOf(page, form), new RegExp(`/cases/${caseId}$`));
	const added = (await referralLinks(page)).filter((href) => !before.includes(href));
	assert.equal(added.length, 1, 'the referral is listed on the case');
	const item = page.locator('section.referrals article', { has: page.locator(`a[href="${added[0]}"]`) });
	await assertText(item.locator('h3'), [STATE_PARTNER, REFERRAL_STATUS.kk.sent], 'the referral sent');
});

// ---- Likely duplicates: at registration, the review queue, links between records ----

// The demo's kandas family head (src/cli/demo.c), registered in Cyrillic; a worker may type
// him again from a document in Latin letters.
const DEMO_ERLAN = 'Тұрсынбаев Ерлан Қайратұлы';

// Fills the registration form for the demo's Тұрсынбаев Ерлан as written in Latin letters.
async function fillErlanInLatin(page) {
	await page.goto('/persons/new');
	await (await byLabel(page, 'f-family_name')).fill('Tursynbaev');
	await (await byLabel(page, 'f-given_name')).fill('Erlan');
	await (await byLabel(page, 'f-sex')).selectOption('male');
	await (await byLabel(page, 'f-birth_date')).fill('1979-03-14');
	await (await byLabel(page, 'f-citizenship')).selectOption('CN');
	await (await byLabel(page, 'f-region')).selectOption('KZ-55');
	await (await byLabel(page, 'f-locality')).fill('Pavlodar');
}

// The section of the registration form that lists the likely matches: a region named by
// its heading.
async function likelySection(page) {
	const box = page.locator('section.likely');
	assert.equal(await box.count(), 1, 'the form shows a section of likely matches');
	const heading = (await box.getByRole('heading', { level: 2 }).innerText()).trim();
	assert.ok(heading, 'the section has a heading');
	const region = page.getByRole('region', { name: heading, exact: true });
	assert.equal(await region.count(), 1, `one region is named "${heading}"`);
	return region;
}

flow('m. a worker registers a person registered already in another script: the likely match is shown, nothing is saved until the worker registers a new person anyway', async (page) => {
	await login(page, 'worker');
	await fillErlanInLatin(page);
	const resp = await clickAndRespond(page, page.locator('form.person button.primary'));
	assert.equal(resp.status(), 409, 'a person likely registered already is answered 409');
	assert.equal(new URL(page.url()).pathname, '/persons', 'the form is shown again');

	const likely = await likelySection(page);
	const table = likely.getByRole('table');
	assert.equal(await table.count(), 1, 'the likely matches are a table');
	assert.ok((await table.locator('caption').innerText()).trim(), 'the table has a caption');
	const match = likely.getByRole('link', { name: DEMO_ERLAN, exact: true });
	assert.equal(await match.count(), 1, `the demo's ${DEMO_ERLAN} is a likely match, linked to his page`);
	const demoId = (await match.getAttribute('href')).match(/^\/persons\/(\d+)$/)?.[1];
	assert.ok(demoId, 'the match links to a person page');
	const row = likely.locator('tbody tr', { has: page.getByRole('link', { name: DEMO_ERLAN, exact: true }) });
	await assertText(row, ['14.03.1979', /\d+%/], 'the likely match\'s row (birth date, score)');
	const why = (await row.locator('td').last().innerText()).replace(/\d+%/, '').replace(/[\s,]/g, '');
	assert.ok(why.length > 0, 'the row gives the reasons of the match in words');

	// Everything typed is kept, and nothing was saved.
	assert.equal(await byId(page, 'f-family_name').inputValue(), 'Tursynbaev');
	assert.equal(await byId(page, 'f-given_name').inputValue(), 'Erlan');
	assert.equal(await byId(page, 'f-sex').inputValue(), 'male');
	assert.equal(await byId(page, 'f-birth_date').inputValue(), '1979-03-14');
	assert.equal(await byId(page, 'f-citizenship').inputValue(), 'CN');
	assert.equal(await byId(page, 'f-region').inputValue(), 'KZ-55');
	assert.equal(await byId(page, 'f-locality').inputValue(), 'Pavlodar');
	await asUser('worker', 'kk', async (w) => {
		await w.goto('/persons?q=Tursynbaev');
		assert.equal(await w.getByRole('main').getByRole('link', { name: 'Tursynbaev Erlan', exact: true }).count(), 0,
			'nothing was saved');
	});

	// The worker judges the match another man and registers him anyway.
	// The button to register anyway ends the form, after Save (so Enter never presses it).
	const confirm = page.locator('form.person button[name=confirm_new]');
	assert.equal(await confirm.count(), 1, 'the form has a button to register a new person anyway');
	assert.equal(await page.locator('form.person button.primary + button[name=confirm_new]').count(), 1,
		'it comes right after the main button');
	const confirmName = (await confirm.innerText()).trim();
	assert.ok(confirmName, 'the button has a text');
	await clickAndWait(page, page.getByRole('button', { name: confirmName, exact: true }), PERSON_URL);
	const newId = idOf(page);
	assert.notEqual(newId, demoId, 'a new record is made');
	await assertText(page.getByRole('heading', { level: 1 }), 'Tursynbaev Erlan', 'the new person\'s page');
	await assertText(page.getByRole('main'), ['14.03.1979', 'Pavlodar'], 'the new person\'s page');

	// A search finds both, ranked, with how each one matches.
	await page.goto('/persons?q=' + encodeURIComponent('Tursynbaev Erlan 1979-03-14'));
	const main = page.getByRole('main');
	const headers = (await main.getByRole('columnheader').allInnerTexts()).map((t) => t.trim());
	const matchHeader = headers[headers.length - 1];
	assert.ok(headers.length >= 6 && matchHeader, `the results have a Match column: ${headers.join(' | ')}`);
	for (const [name, id] of [['Tursynbaev Erlan', newId], [DEMO_ERLAN, demoId]]) {
		const link = main.getByRole('link', { name, exact: true });
		assert.equal(await link.getAttribute('href'), `/persons/${id}`, `the results list ${name}`);
		const cell = main.locator('tbody tr', { has: page.getByRole('link', { name, exact: true }) }).locator('td').last();
		await assertText(cell, /\d+%/, `${name}'s Match cell`);
	}
});

flow('n. a supervisor scans for likely duplicates, compares a pair, links it with the keyboard alone, sees the link and undoes it', async (page) => {
	// A worker registered a man without his birth date, and later the same man from his
	// passport, in Latin letters and with the date: not alike enough then to be asked about.
	// The date of the first record is learnt later. Only the scan can find the pair now.
	const CYR = 'Серікбаев Олжас';
	const LAT = 'Serikbayev Olzhas';
	const { cyr, lat } = await asUser('worker', 'kk', async (w) => {
		const cyr = await registerPerson(w, { family_name: 'Серікбаев', given_name: 'Олжас', sex: 'male' });
		const lat = await registerPerson(w, {
			family_name: 'Serikbayev', given_name: 'Olzhas', sex: 'male', birth_date: '1990-01-01',
		});
		await w.goto(`/persons/${cyr}/edit`);
		await (await byLabel(w, 'f-birth_date')).fill('1990-01-01');
		await clickAndWait(w, w.locator('form.person button.primary'), new RegExp(`/persons/${cyr}$`));
		return { cyr, lat };
	});

	// The supervisor (in Russian) opens the queue from the main navigation and scans.
	await login(page, 'supervisor');
	await switchLang(page, 'ru');
	const nav = page.getByRole('navigation').first();
	const queueLink = nav.locator('a[href="/duplicates"]');
	assert.equal(await queueLink.count(), 1, 'the main navigation links to the likely duplicates');
	await clickAndWait(page, nav.getByRole('link', { name: (await queueLink.innerText()).trim(), exact: true }),
		/\/duplicates$/);
	const main = page.getByRole('main');
	const rowOf = (name) => main.locator('tbody tr', { hasText: name });
	assert.equal(await rowOf(LAT).count(), 0, 'the pair is not in the queue before a scan');
	const scan = main.locator('form[action="/duplicates/scan"] button');
	assert.equal(await scan.count(), 1, 'a supervisor may scan the registry');
	await clickAndWait(page, page.getByRole('button', { name: (await scan.innerText()).trim(), exact: true }),
		/\/duplicates\?found=\d+$/);
	const found = new URL(page.url()).searchParams.get('found');
	assert.ok(Number(found) >= 1, `the scan found a pair (found=${found})`);
	await assertText(main.locator('.notice[role=status]'), found, 'the scan says how many pairs it found');
	const row = rowOf(LAT);
	assert.equal(await row.count(), 1, 'the queue lists the pair once');
	await assertText(row, [CYR, LAT, '01.01.1990', /\d+%/], 'the pair\'s row');
	assert.equal(await rowOf('Tursynbaev Erlan').count(), 0,
		'a pair the worker decided at registration (a new person) is not asked about again');

	// The pair side by side.
	const compare = row.getByRole('link');
	assert.equal(await compare.count(), 1, 'the row links to the comparison');
	await clickAndWait(page, compare, /\/duplicates\/\d+$/);
	const pairId = new URL(page.url()).pathname.split('/').pop();
	for (const [name, id] of [[CYR, cyr], [LAT, lat]]) {
		const record = main.getByRole('region', { name, exact: true });
		assert.equal(await record.count(), 1, `the record of ${name} is a region named by its heading`);
		assert.equal(await record.getByRole('link', { name, exact: true }).getAttribute('href'), `/persons/${id}`,
			`the record of ${name} links to the person`);
		await assertText(record, '01.01.1990', `the record of ${name}`);
	}
	const form = main.locator(`form[action="/duplicates/${pairId}/link"]`);
	assert.equal(await form.count(), 1, 'the pair can be linked');
	assert.equal(await form.getByRole('group').count(), 1, 'the link form\'s choice is a group with a legend');
	assert.ok((await form.locator('legend').innerText()).trim(), 'the legend has a text');
	const keepCyr = form.getByRole('radio', { name: CYR, exact: true });
	const keepLat = form.getByRole('radio', { name: LAT, exact: true });
	assert.equal(await form.getByRole('radio').count(), 2, 'two records to choose from');
	assert.equal(await keepCyr.getAttribute('value'), cyr);
	assert.equal(await keepLat.getAttribute('value'), lat);
	assert.equal(await keepCyr.isChecked(), true, 'the first record is chosen to start with');
	assert.equal(await main.locator(`form[action="/duplicates/${pairId}/dismiss"] button`).count(), 1,
		'the pair can be judged two people');

	// Keep the record with the passport spelling, with the keyboard alone: Tab into the group
	// (the chosen radio takes the focus), an arrow to the other record, Tab to the button, Enter.
	await tabTo(page, 'input[name=keep]');
	assert.equal(await hasFocus(keepCyr), true, 'Tab enters the group at the chosen record');
	await page.keyboard.press('ArrowDown');
	assert.equal(await keepLat.isChecked(), true, 'the arrow key chooses the other record');
	assert.equal(await hasFocus(keepLat), true, 'the focus follows the choice');
	await page.keyboard.press('Tab');
	const linkButton = form.locator('button.primary');
	assert.equal(await hasFocus(linkButton), true, 'Tab leads from the choice to the link button');
	await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
	await page.waitForURL(new RegExp(`/persons/${lat}$`), { waitUntil: 'load' });

	// The kept record's page names the linked one, and can undo the link.
	await assertText(page.getByRole('heading', { level: 1 }), LAT, 'the kept record\'s page');
	const sameHeading = page.locator('#links-h');
	assert.equal(await sameHeading.count(), 1, 'the page has a section about the same person');
	const same = page.getByRole('region', { name: (await sameHeading.innerText()).trim(), exact: true });
	assert.equal(await same.getByRole('link', { name: CYR, exact: true }).getAttribute('href'), `/persons/${cyr}`,
		'the section links to the record linked to this one');
	const undo = same.locator(`form[action^="/persons/${lat}/links/"] button`);
	assert.equal(await undo.count(), 1, 'the section has a button to undo the link');
	// Its accessible name says which link it undoes (several may be on one page).
	const undoName = await undo.getAttribute('aria-label');
	assert.ok(undoName.startsWith((await undo.innerText()).trim()) && undoName.includes(CYR),
		`the undo button's name names the other record: ${undoName}`);

	// The other record's page says it is linked, to which one; the queue no longer lists it.
	await page.goto(`/persons/${cyr}`);
	await assertText(page.getByRole('heading', { level: 1 }), CYR, 'the linked record\'s page');
	assert.equal(await main.locator(`.notice a[href="/persons/${lat}"]`).count(), 1,
		'the linked record\'s page says which record it is linked to');
	assert.equal(await main.locator('form[action*="/links/"]').count(), 0, 'the link is undone from the kept record');
	await page.goto('/duplicates');
	assert.equal(await main.locator(`a[href="/duplicates/${pairId}"]`).count(), 0, 'the linked pair left the queue');

	// Undo the link: both records are apart again.
	await page.goto(`/persons/${lat}`);
	await clickAndWait(page, page.getByRole('button', { name: undoName, exact: true }), new RegExp(`/persons/${lat}$`));
	assert.equal(await page.locator(`form[action^="/persons/${lat}/links/"]`).count(), 0, 'nothing is left to undo');
	assert.equal(await main.locator(`a[href="/persons/${cyr}"]`).count(), 0, 'the page no longer names the other record');
	await page.goto(`/persons/${cyr}`);
	assert.equal(await main.locator(`.notice a[href="/persons/${lat}"]`).count(), 0,
		'the other record\'s page no longer says it is linked');
	await page.goto('/persons?q=' + encodeURIComponent(CYR));
	assert.equal(await main.getByRole('link', { name: CYR, exact: true }).getAttribute('href'), `/persons/${cyr}`,
		'the other record is found again by a search');
}, { timeout: 90_000 });

flow('o. Enter in a field of the form showing likely matches does not register the person anyway', async (page) => {
	await login(page, 'worker');
	await fillErlanInLatin(page);
	let resp = await clickAndRespond(page, page.locator('form.person button.primary'));
	assert.equal(resp.status(), 409, 'a person likely registered already is answered 409');
	await likelySection(page);
	// The worker corrects a field and presses Enter: the form is sent with its default button.
	// That must ask again (the form's main button), not confirm a new person unseen.
	const locality = await byLabel(page, 'f-locality');
	await locality.fill('Павлодар');
	resp = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST'),
		page.waitForEvent('load'),
		locality.press('Enter'),
	]).then(([r]) => r);
	const sent = new URLSearchParams(resp.request().postData() ?? '');
	assert.equal(sent.get('confirm_new'), null,
		`Enter sent confirm_new=${sent.get('confirm_new')} (answered ${resp.status()}, now at ${page.url()}): ` +
		'the "register a new person" button is the form\'s first submit button, so it is the default one');
	assert.equal(resp.status(), 409, 'the form asks again');
});

// ---- Importing people from a file (src/web/imports.c, static/app.js) ----

const IMPORT_URL = /\/imports\/(\d+)$/;
const DEMO_ZHANAR = 'Омарова Жанар Болатқызы';

function importIdOf(page) {
	const m = new URL(page.url()).pathname.match(/^\/imports\/(\d+)$/);
	assert.ok(m, `not on an import's page: ${page.url()}`);
	return m[1];
}

// The facts at the top of an import's page, in order: [term, value] (status, uploaded,
// size, then once checked: rows, rows with errors, likely registered already; once done:
// registered).
async function importFacts(page) {
	return page.locator('main dl.facts').evaluate((dl) =>
		[...dl.querySelectorAll('dt')].map((dt) => [dt.textContent.trim(), dt.nextElementSibling?.textContent.trim()]));
}

// The table of what the check found: one {row, column, problem, links} per table row.
async function importIssues(page) {
	const rows = page.locator('main table.issues tbody tr');
	const out = [];
	for (let i = 0, n = await rows.count(); i < n; i++) {
		const cells = (await rows.nth(i).locator('td').allInnerTexts()).map((c) => c.trim());
		const links = await rows.nth(i).locator('a').evaluateAll((as) =>
			as.map((a) => ({ href: a.getAttribute('href'), text: a.textContent.trim() })));
		out.push({ row: cells[0], column: cells[1], problem: cells[2], links });
	}
	return out;
}

// The radio button with this value, by its accessible name (the label wrapping it).
async function radioByValue(page, name, value) {
	const radio = page.locator(`input[type=radio][name="${name}"][value="${value}"]`);
	assert.equal(await radio.count(), 1, `no radio button ${name}=${value}`);
	const text = (await radio.locator('xpath=ancestor::label[1]').innerText()).trim();
	assert.ok(text, `radio button ${name}=${value}: its label is empty`);
	const byRole = page.getByRole('radio', { name: text, exact: true });
	assert.equal(await byRole.count(), 1, `radio button ${name}=${value}: accessible name "${text}" is not unique`);
	assert.equal(await byRole.getAttribute('value'), value);
	return byRole;
}

flow('p. a worker imports people from a CSV file: the columns are guessed, the check lists the bad row and the person registered already, the import registers only the good rows', async (page, context, t) => {
	await login(page, 'worker');
	// The file repeats a demo person: her birth date as the persons list shows it.
	await page.goto('/persons?q=' + encodeURIComponent('Омарова Жанар'));
	const demoRow = page.getByRole('main').locator('tbody tr', {
		has: page.getByRole('link', { name: DEMO_ZHANAR, exact: true }),
	});
	assert.equal(await demoRow.count(), 1, `the persons list finds the demo's ${DEMO_ZHANAR}`);
	const demoId = (await demoRow.getByRole('link').getAttribute('href')).match(/^\/persons\/(\d+)$/)?.[1];
	assert.ok(demoId, 'the result links to her page');
	const demoBirth = (await demoRow.locator('td').nth(1).innerText()).trim();
	assert.match(demoBirth, /^\d\d\.\d\d\.\d{4}$/, 'the list shows her birth date');

	// The column names are the registration form's labels in Kazakh. Row 2 and 3 are good
	// (dates written both ways), row 4 has no given name and a 31 February, row 5 is the
	// demo person again.
	const header = ['Тегі', 'Аты', 'Жынысы', 'Туған күні', 'Өңір', 'Санаттар'];
	const csv = [
		header.join(','),
		'Құдайбергенов,Ерсұлтан,male,1993-04-21,KZ-75,labour_migrant',
		'Әбдірахманова,Балауса,female,05.11.1996,KZ-75,labour_migrant',
		'Нұрланов,,male,31.02.1990,KZ-75,labour_migrant',
		`Омарова,Жанар,female,${demoBirth},KZ-71,internal_migrant`,
		'',
	].join('\r\n');

	// "Import" is in the main navigation.
	const navLink = page.locator('header nav a[href="/imports"]');
	assert.equal(await navLink.count(), 1, 'the main navigation links to /imports');
	const navName = (await navLink.innerText()).trim();
	await clickAndWait(page, page.getByRole('navigation').getByRole('link', { name: navName, exact: true }), /\/imports$/);
	assert.equal(await byId(page, 'f-encoding').inputValue(), 'auto', 'the encoding is found out unless chosen');
	await (await byLabel(page, 'f-encoding')).selectOption('auto');
	await (await byLabel(page, 'f-file')).setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
	const resp = await clickAndRespond(page, await buttonOf(page, page.locator('form.upload')));
	assert.equal(resp.status(), 303, 'the upload is taken');
	await page.waitForURL(IMPORT_URL);
	const id = importIdOf(page);
	await assertText(page.getByRole('heading', { level: 1 }), 'people.csv', 'the import page heading');

	// Each column is mapped to the field its name says, shown by that field's label.
	const fields = ['family_name', 'given_name', 'sex', 'birth_date', 'region', 'categories'];
	for (let i = 0; i < header.length; i++) {
		const select = await byLabel(page, `col-${i}`);
		assert.equal((await page.locator(`label[for="col-${i}"]`).innerText()).trim(), header[i],
			`column ${i} is named by its header`);
		assert.equal(await select.inputValue(), fields[i], `the column "${header[i]}" is guessed as ${fields[i]}`);
		assert.equal(await selectedText(select), header[i], `the field guessed for "${header[i]}" is shown by its label`);
	}

	// Check every row. A small file is checked at once; a larger one shows a progress bar
	// and the page reloads itself when the check is done (flow q).
	const mapping = page.locator(`form[action="/imports/${id}/check"]`);
	const loads = [];
	page.on('load', () => loads.push(page.url()));
	await postImportForm(page, mapping, 'the check');
	await waitForImport(page, 'main form.run');
	t.diagnostic(`the check: ${loads.length} page load(s) after the upload`);
	assert.equal(importIdOf(page), id, 'the check comes back to the import\'s page');

	const facts = await importFacts(page);
	assert.deepEqual(facts.slice(3, 6).map((f) => f[1]), ['4', '1', '1'],
		`rows, rows with errors, likely registered already: ${JSON.stringify(facts)}`);
	const issues = await importIssues(page);
	const seen = JSON.stringify(issues);
	assert.deepEqual(issues.map((i) => i.row), ['4', '4', '5'], `the issues are of rows 4 (twice) and 5: ${seen}`);
	assert.deepEqual(issues.filter((i) => i.row === '4').map((i) => i.column).sort(), ['Аты', 'Туған күні'].sort(),
		`row 4: the given name and the birth date: ${seen}`);
	for (const i of issues) assert.ok(i.problem, `every issue says what is wrong: ${seen}`);
	const dup = issues.find((i) => i.row === '5');
	assert.deepEqual(dup.links, [{ href: `/persons/${demoId}`, text: DEMO_ZHANAR }],
		`row 5 links to ${DEMO_ZHANAR}, who is registered already: ${seen}`);

	// Import, leaving the likely duplicate out (the default).
	const run = page.locator('main form.run');
	await assertText(run, /: 2$/m, 'the rows ready to import');
	const skip = await radioByValue(page, 'duplicates', 'skip');
	assert.equal(await skip.isChecked(), true, 'leaving the likely duplicates out is the default');
	assert.equal(await (await radioByValue(page, 'duplicates', 'register')).isChecked(), false);
	await skip.check();
	await postImportForm(page, run, 'the import');
	await waitForImport(page, 'main a[href="/persons"]');
	assert.equal(importIdOf(page), id, 'the import comes back to the import\'s page');
	const done = await importFacts(page);
	assert.equal(done.length, 7, `the summary has the number registered: ${JSON.stringify(done)}`);
	assert.equal(done[6][1], '2', `two people are registered: ${JSON.stringify(done)}`);
	assert.equal(await page.locator('main form').count(), 0, 'a finished import has nothing more to do');
	assert.equal((await importIssues(page)).length, 3, 'the findings stay on the page');

	// The imports so far list it.
	await page.goto('/imports');
	const listed = page.getByRole('main').locator('tbody tr', { has: page.locator(`a[href="/imports/${id}"]`) });
	assert.equal(await listed.count(), 1, 'the list of imports has this one');
	const cells = (await listed.locator('td').allInnerTexts()).map((c) => c.trim());
	assert.deepEqual([cells[0], cells[3], cells[4]], ['people.csv', '4', '2'], `its row: ${cells.join(' | ')}`);

	// The two good rows are people now; the bad row and the demo person's again are not.
	for (const [q, name, birth] of [
		['Құдайбергенов', 'Құдайбергенов Ерсұлтан', '21.04.1993'],
		['Әбдірахманова', 'Әбдірахманова Балауса', '05.11.1996'],
	]) {
		await page.goto('/persons?q=' + encodeURIComponent(q));
		const row = page.getByRole('main').locator('tbody tr', { has: page.getByRole('link', { name, exact: true }) });
		assert.equal(await row.count(), 1, `a search for ${q} finds ${name}`);
		await assertText(row, birth, `${name}'s row`);
		assert.ok(await row.locator('.tag').count() >= 1, `${name}'s category is imported`);
	}
	await page.goto('/persons?q=' + encodeURIComponent('Нұрланов'));
	assert.equal(await page.getByRole('main').getByRole('link', { name: /Нұрланов/ }).count(), 0,
		'the row with errors is not registered');
	await page.goto('/persons?q=' + encodeURIComponent('Омарова Жанар'));
	const zhanars = await page.getByRole('main').getByRole('link', { name: /^Омарова Жанар/ }).allInnerTexts();
	assert.deepEqual(zhanars.map((z) => z.trim()), [DEMO_ZHANAR], 'the likely duplicate is not registered again');
}, { timeout: 90_000 });

// 100,000 rows of one demo person: long enough to check (several seconds) for the page to
// show its progress bar; each row is a likely duplicate, and nothing of it is imported.
function manyRows(n = 100_000) {
	return 'family_name,given_name,sex,birth_date\n' + 'Омарова,Жанар,female,1999-02-14\n'.repeat(n);
}

flow('q. a large file: the check shows a progress bar that moves, the page reloads itself when it is done, the findings come a page at a time, and the file is discarded', async (page) => {
	await login(page, 'worker');
	const id = await uploadImport(page, 'many.csv', manyRows());
	// English field codes as column names are guessed too.
	for (const [i, field] of ['family_name', 'given_name', 'sex', 'birth_date'].entries())
		assert.equal(await (await byLabel(page, `col-${i}`)).inputValue(), field, `column ${i} is guessed as ${field}`);
	const loads = [];
	page.on('load', () => loads.push(page.url()));
	await postImportForm(page, page.locator(`form[action="/imports/${id}/check"]`), 'the check');
	loads.length = 0;
	const bar = await byLabel(page, 'import-progress');
	assert.equal(await bar.evaluate((e) => e.tagName), 'PROGRESS', 'the check shows a progress bar');
	assert.equal(await bar.getAttribute('data-poll'), `/imports/${id}/progress`);
	// The page asks how far the check is, and moves the bar and the count under it.
	await page.waitForFunction(() => {
		const b = document.getElementById('import-progress');
		return b && b.max === 100000 && b.value > 0;
	}, null, { timeout: 20_000 }).catch(async (e) => {
		const script = await page.request.get('/static/app.js').then((r) => r.status());
		assert.fail(`the progress bar did not move (the page's <script src="/static/app.js">: GET answered ${script}): ${e.message}`);
	});
	const status = byId(page, 'import-progress-text');
	assert.equal(await status.getAttribute('role'), 'status', 'the count is a status, read out as it changes');
	assert.match((await status.innerText()).trim(), /^\d+ \/ 100000$/, 'the count says how many rows of how many');
	// Nobody clicks: the page reloads itself once the check has finished.
	await waitForImport(page, 'main form.run', 120_000);
	assert.ok(loads.length >= 1 && loads.every((u) => IMPORT_URL.test(u)), `the page reloaded itself: ${loads.join(', ')}`);
	assert.equal(await page.locator('progress').count(), 0, 'no progress bar once checked');
	const facts = await importFacts(page);
	assert.deepEqual(facts.slice(3, 6).map((f) => f[1]), ['100000', '0', '100000'],
		`rows, rows with errors, likely registered already: ${JSON.stringify(facts)}`);

	// The findings, 200 to a page, with a link to the next ones.
	let issues = await importIssues(page);
	assert.equal(issues.length, 200, 'the first 200 findings are shown');
	assert.deepEqual([issues[0].row, issues[199].row], ['2', '201'], 'from the first row of data');
	const more = page.locator(`main a[href^="/imports/${id}?from="]`);
	assert.equal(await more.count(), 1, 'a link leads to the next findings');
	await clickAndWait(page, page.getByRole('link', { name: (await more.innerText()).trim(), exact: true }), /from=/);
	issues = await importIssues(page);
	assert.equal(issues[0].row, '202', 'the next page goes on from row 202');

	// Discard it: back to the list, which no longer has it; its file is dropped, and its
	// page has nothing more to do.
	const discard = page.locator(`form[action="/imports/${id}/discard"]`);
	await clickAndWait(page, await buttonOf(page, discard), /\/imports$/);
	assert.equal(await page.getByRole('main').locator(`a[href="/imports/${id}"]`).count(), 0,
		'the discarded file is no longer listed');
	await page.goto(`/imports/${id}`);
	assert.equal(await page.locator('main form').count(), 0, 'a discarded file has nothing more to do');
}, { timeout: 180_000 });

flow('r. uploading no file, or a file that cannot be read, says why next to the file field', async (page) => {
	await login(page, 'worker');
	await page.goto('/imports');
	const upload = () => buttonOf(page, page.locator('form.upload'));
	// The browser asks for a file itself (the field is required) and sends nothing.
	let posts = 0;
	page.on('request', (r) => r.method() === 'POST' && posts++);
	await (await upload()).click();
	assert.equal(await byId(page, 'f-file').evaluate((e) => e.validity.valueMissing), true, 'the file field is required');
	await page.waitForTimeout(300);
	assert.equal(posts, 0, 'the browser does not send the form without a file');
	// A browser that does not check sends it anyway: the server says to choose a file.
	await page.locator('form.upload').evaluate((f) => { f.noValidate = true; });
	let resp = await clickAndRespond(page, await upload());
	assert.equal(resp.status(), 422, 'an upload without a file is answered 422');
	assert.equal(new URL(page.url()).pathname, '/imports', 'the upload form is shown again');
	const error = byId(page, 'upload-error');
	assert.equal(await error.getAttribute('role'), 'alert', 'the error is announced');
	const noFile = (await error.innerText()).trim();
	assert.ok(noFile, 'the error says what is wrong');
	const describedBy = [await byId(page, 'f-file').getAttribute('aria-describedby')];

	// A file named .xlsx that is no workbook: the reason it cannot be read.
	await (await byLabel(page, 'f-file')).setInputFiles({
		name: 'people.xlsx',
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		buffer: Buffer.from('Тегі,Аты,Жынысы\nӘлиев,Марат,male\n'),
	});
	resp = await clickAndRespond(page, await upload());
	assert.equal(resp.status(), 422, 'a file that cannot be read is answered 422');
	const why = (await byId(page, 'upload-error').innerText()).trim();
	assert.ok(why && why !== noFile, `the error says why the file cannot be read: "${why}"`);
	assert.equal(await page.getByRole('main').getByRole('link', { name: 'people.xlsx' }).count(), 0,
		'nothing is kept of a file that cannot be read');
	describedBy.push(await byId(page, 'f-file').getAttribute('aria-describedby'));

	// The error is tied to the file field, so that a screen reader reads it with the field
	// (checked last, so that a failure here does not hide the rest).
	assert.deepEqual(describedBy, ['upload-error', 'upload-error'],
		'the file field has aria-describedby="upload-error" (its HTML: ' +
		`${await byId(page, 'f-file').evaluate((e) => e.outerHTML)})`);
});

// The interface strings of the import pages, by what they are (not the data on them).
async function importPageStrings(page) {
	const main = page.getByRole('main');
	const text = async (loc) => ((await loc.count()) ? (await loc.first().innerText()).trim() : '<missing>');
	const out = {};
	out.heading = (await text(page.getByRole('heading', { level: 1 }))).replace(/:.*$/, '');
	for (const [i, dt] of (await main.locator('dl.facts dt').allInnerTexts()).entries()) out[`term ${i + 1}`] = dt.trim();
	out.status = await text(main.locator('dl.facts dd'));
	out.caption = await text(main.locator('table.mapping caption'));
	for (const [i, th] of (await main.locator('table.mapping th[scope=col]').allInnerTexts()).entries())
		out[`mapping column ${i + 1}`] = th.trim();
	out['leave out'] = await text(main.locator('#col-0 option[value=""]'));
	out['check button'] = await text(main.locator('form[action$="/check"] button'));
	out['discard button'] = await text(main.locator('form[action$="/discard"] button'));
	return out;
}

async function importListStrings(page) {
	const main = page.getByRole('main');
	const text = async (loc) => ((await loc.count()) ? (await loc.first().innerText()).trim() : '<missing>');
	const out = {};
	out.heading = await text(page.getByRole('heading', { level: 1 }));
	out.intro = await text(main.locator('h1 + p'));
	out['file label'] = await text(main.locator('label[for="f-file"]'));
	out['encoding label'] = await text(main.locator('label[for="f-encoding"]'));
	out['encoding auto'] = await text(main.locator('#f-encoding option[value=auto]'));
	out['upload button'] = await text(main.locator('form.upload button'));
	out.caption = await text(main.locator('table caption'));
	for (const [i, th] of (await main.locator('table th[scope=col]').allInnerTexts()).entries()) out[`column ${i + 1}`] = th.trim();
	out['nav link'] = await text(page.locator('header nav a[href="/imports"]'));
	return out;
}

flow('s. the import pages in Russian (and Kazakh) show no English', async (page, context, t) => {
	await login(page, 'worker');
	const id = await uploadImport(page, 'people-en.csv',
		'family_name,given_name,sex,birth_date\nИсаев,Марат,male,1985-05-05\n');
	const seen = {};
	try {
		for (const lang of ['en', 'ru', 'kk']) {
			await page.goto(`/imports/${id}`);
			await switchLang(page, lang);
			seen[lang] = { import: await importPageStrings(page) };
			// The field labels are translated already: the guessed field shows in the language.
			seen[lang].field = await selectedText(byId(page, 'col-0'));
			await page.goto('/imports');
			seen[lang].list = await importListStrings(page);
		}
	} finally {
		// The language is remembered for the user: leave the worker in Kazakh.
		await switchLang(page, 'kk').catch(() => {});
	}
	assert.equal(seen.ru.field, 'Фамилия', 'the page is in Russian (the guessed field\'s label)');
	// A string is translated if it is not the English one and is written in the language's
	// letters.
	const untranslated = (lang, letters) => {
		const wrong = [];
		for (const page of ['list', 'import'])
			for (const [what, text] of Object.entries(seen[lang][page]))
				if (text === seen.en[page][what] || !letters.test(text))
					wrong.push(`/imports${page === 'import' ? '/{id}' : ''} ${what}: "${text}"`);
		return wrong;
	};
	await t.test('Kazakh', () => {
		const wrong = untranslated('kk', /[а-яёәғқңөұүһі]/i);
		assert.deepEqual(wrong, [], `${wrong.length} interface strings of the import pages are not in Kazakh:\n  ${wrong.join('\n  ')}`);
	});
	const wrong = untranslated('ru', /[а-яё]/i);
	assert.deepEqual(wrong, [], `${wrong.length} interface strings of the import pages are not in Russian:\n  ${wrong.join('\n  ')}`);
});

flow('t. an analyst, who may not register people, has no Import link and cannot open the import pages', async (page) => {
	const id = await asUser('worker', 'kk', (w) => uploadImport(w, 'people.csv', 'family_name,given_name,sex\nИсаев,Марат,male\n'));
	await login(page, 'analyst');
	assert.equal(await page.locator('header nav a[href="/imports"]').count(), 0, 'no Import link for an analyst');
	assert.equal(await gotoStatus(page, '/imports'), 403, 'the list of imports is forbidden');
	assert.equal(await gotoStatus(page, `/imports/${id}`), 404, 'an import\'s page is not found');
	assert.equal(await gotoStatus(page, `/imports/${id}/progress`), 404, 'its progress is not found');
});

// ---- Centres: temporary accommodation and adaptation centres ----

// The demo's centre of the first organisation (src/cli/demo.c, demo_centres).
const DEMO_CENTRE = 'Алматы: уақытша орналастыру орталығы (demo)';
// A centre's kind as the pages show it: reference data, translated in the code.
const CENTRE_KIND = {
	kk: 'уақытша орналастыру орталығы', ru: 'центр временного размещения', en: 'temporary accommodation centre',
};

function centreIdOf(page) {
	const m = new URL(page.url()).pathname.match(/^\/centres\/(\d+)$/);
	assert.ok(m, `not on a centre's page: ${page.url()}`);
	return m[1];
}

// A form of the centre's page by the end of its action: rooms, waiting, placements, checkout.
function centreForm(page, id, what) {
	return page.locator(`main form[action="/centres/${id}/${what}"]`);
}

// The centre's page again after one of its forms (its answer is a redirect to the page, to
// the section's anchor).
const centreUrl = (id) => new RegExp(`/centres/${id}(#\\w+)?$`);

// The table that follows the heading with this id (the beds, the waiting list).
function tableAfter(page, headingId) {
	return page.locator(`xpath=//main//h2[@id="${headingId}"]/following::table[1]`);
}

// The rows of the centre's beds table: room, bed, the person cell's text and link, the
// other cells, and whether the row has a check-box.
async function bedRows(page) {
	const rows = tableAfter(page, 'beds').locator('tbody tr');
	const out = [];
	for (const row of await rows.all()) {
		const cells = (await row.locator('td').allInnerTexts()).map((c) => c.trim());
		const link = row.locator('a[href^="/persons/"]');
		out.push({
			room: cells[0], bed: cells[1], person: cells[2], cells,
			href: (await link.count()) ? await link.getAttribute('href') : null,
			box: await row.locator('input[type=checkbox]').count(),
		});
	}
	return out;
}

// The values of a select's options that are not empty.
async function optionValues(select) {
	return (await select.locator('option').evaluateAll((os) => os.map((o) => o.value))).filter(Boolean);
}

// The interface strings of the centres list, a centre's page and its presence page (not the
// data on them), by what they are.
async function centreStrings(page, id) {
	const main = page.getByRole('main');
	const text = async (loc) => ((await loc.count()) ? (await loc.first().innerText()).trim() : '<missing>');
	const out = {};
	await page.goto('/centres');
	out['list heading'] = await text(page.getByRole('heading', { level: 1 }));
	out['list intro'] = await text(main.locator('h1 + p'));
	for (const [i, th] of (await main.locator('table th[scope=col]').allInnerTexts()).entries())
		out[`list column ${i + 1}`] = th.trim();
	out['nav link'] = await text(page.locator('header nav a[href="/centres"]'));
	await page.goto(`/centres/${id}`);
	out['all centres link'] = await text(main.locator('a[href="/centres"]'));
	out['presence link'] = await text(main.locator(`a[href="/centres/${id}/presence"]`));
	for (const [i, dt] of (await main.locator('dl dt').allInnerTexts()).entries()) out[`term ${i + 1}`] = dt.trim();
	out.summary = (await text(main.locator('p.summary'))).replace(/[\d·:]+/g, ' ').replace(/\s+/g, ' ').trim();
	for (const h of ['beds', 'place', 'waiting']) out[`heading ${h}`] = await text(main.locator(`h2#${h}`));
	out['beds caption'] = await text(tableAfter(page, 'beds').locator('caption'));
	for (const [i, th] of (await tableAfter(page, 'beds').locator('thead th').allInnerTexts()).entries())
		out[`beds column ${i + 1}`] = th.trim();
	out['free bed'] = (await bedRows(page)).find((b) => !b.href)?.person ?? '<missing>';
	out['check-out date'] = await text(main.locator('label[for="f-co-date"]'));
	out['check-out button'] = await text(centreForm(page, id, 'checkout').locator('button'));
	for (const f of ['person_id', 'bed_id', 'check_in', 'planned_out', 'note'])
		out[`place ${f}`] = await text(main.locator(`label[for="f-p-${f}"]`));
	out['place button'] = await text(main.locator(`form[action="/centres/${id}/placements"] button.primary`));
	for (const [i, th] of (await tableAfter(page, 'waiting').locator('thead th').allInnerTexts()).entries())
		out[`waiting column ${i + 1}`] = th.trim();
	const row = tableAfter(page, 'waiting').locator('tbody tr').first();
	out['waiting place button'] = await text(row.locator('form[action$="/placements"] button'));
	out['waiting withdraw button'] = await text(row.locator('form[action$="/withdraw"] button'));
	out['waiting form heading'] = await text(main.locator('h3'));
	for (const f of ['person_id', 'since', 'note'])
		out[`waiting ${f}`] = await text(main.locator(`label[for="f-w-${f}"]`));
	out['waiting button'] = await text(centreForm(page, id, 'waiting').locator('button'));
	await page.goto(`/centres/${id}/presence`);
	out['presence heading'] = (await text(page.getByRole('heading', { level: 1 }))).split(': ').pop();
	out['presence back link'] = await text(main.locator(`a[href="/centres/${id}"]`));
	out['presence caption'] = await text(main.locator('table caption'));
	for (const [i, th] of (await main.locator('table thead th').allInnerTexts()).entries())
		out[`presence column ${i + 1}`] = th.trim();
	out['presence button'] = await text(main.locator('form button'));
	return out;
}

flow('u. centres: a supervisor adds a centre and a room; a worker places a person from the waiting list, marks them seen and checks them out; an analyst is kept out; the pages in Russian and Kazakh', async (page, context, t) => {
	const problems = []; // checked last, so that they do not hide the rest of the flow

	// (a) The supervisor adds a centre, then a room of two beds, through the pages.
	const name = 'Шымкент: уақытша орналастыру орталығы (test)';
	const room = 'А-1';
	const cid = await asUser('supervisor', 'kk', async (sup) => {
		await sup.goto('/centres');
		const add = sup.getByRole('main').locator('a[href="/centres/new"]');
		assert.equal(await add.count(), 1, 'the list of centres has an "Add a centre" link for a supervisor');
		await clickAndWait(sup, sup.getByRole('link', { name: (await add.innerText()).trim(), exact: true }),
			/\/centres\/new$/);
		const kind = await byLabel(sup, 'f-kind');
		await kind.selectOption('temporary_accommodation');
		assert.equal(await selectedText(kind), CENTRE_KIND.kk, 'the kinds of centre are in Kazakh');
		await (await byLabel(sup, 'f-name')).fill(name);
		const region = await byLabel(sup, 'f-region');
		await region.selectOption('KZ-79');
		const regionName = await selectedText(region);
		await (await byLabel(sup, 'f-address')).fill('Шымкент, Тәуке хан даңғылы 5');
		const open = sup.locator('main form input[name=active]');
		assert.equal(await open.isChecked(), true, 'a new centre is open (takes people) unless unticked');
		await clickAndWait(sup, await buttonOf(sup, sup.locator('main form[action="/centres"]')), /\/centres\/\d+$/);
		const id = centreIdOf(sup);
		await assertText(sup.getByRole('heading', { level: 1 }), name, 'the new centre\'s heading');
		await assertText(sup.locator('main dl'), [CENTRE_KIND.kk, regionName, 'Тәуке хан'], 'the new centre\'s facts');
		assert.equal(await centreForm(sup, id, 'checkout').count(), 0, 'no bed yet, nobody to check out');

		const rooms = centreForm(sup, id, 'rooms');
		assert.equal(await rooms.count(), 1, 'a supervisor has the form to add a room');
		await (await byLabelWithin(rooms, 'f-r-name')).fill(room);
		await (await byLabelWithin(rooms, 'f-r-beds')).fill('2');
		await clickAndWait(sup, await buttonOf(sup, rooms), centreUrl(id));
		const beds = await bedRows(sup);
		assert.deepEqual(beds.map((b) => [b.room, b.bed, b.href]), [[room, '1', null], [room, '2', null]],
			`the room's two beds are listed, both free: ${JSON.stringify(beds)}`);
		assert.equal(beds[0].person, beds[1].person, 'both beds say the same (free)');
		assert.ok(beds[0].person, 'a free bed says so');

		await sup.goto('/centres');
		const row = sup.getByRole('main').locator('tbody tr', { has: sup.locator(`a[href="/centres/${id}"]`) });
		assert.equal(await row.count(), 1, 'the list of centres has the new one');
		const cells = (await row.locator('td').allInnerTexts()).map((c) => c.trim());
		assert.deepEqual(cells.slice(1), [CENTRE_KIND.kk, regionName, '2', '2', '0'],
			`its row: kind, region, beds, free beds, waiting: ${cells.join(' | ')}`);
		return id;
	});

	// (b) The worker registers a person and puts them on the centre's waiting list.
	await login(page, 'worker');
	const person = 'Мұхамеджанова Ақерке';
	const pid = await registerPerson(page, {
		family_name: 'Мұхамеджанова', given_name: 'Ақерке', sex: 'female', birth_date: '1992-07-19',
	});
	await page.goto('/centres');
	await clickAndWait(page, page.getByRole('main').getByRole('link', { name, exact: true }), /\/centres\/\d+$/);
	assert.equal(centreIdOf(page), cid);
	const waitingForm = centreForm(page, cid, 'waiting');
	const today = await byId(page, 'f-w-since').inputValue();
	assert.match(today, /^\d{4}-\d{2}-\d{2}$/, 'the waiting list\'s date is today\'s');
	await (await byLabelWithin(waitingForm, 'f-w-person_id')).fill(pid);
	const note = 'Екі баласымен келді; бір бөлмеде орын керек.';
	await (await byLabelWithin(waitingForm, 'f-w-note')).fill(note);
	await clickAndWait(page, await buttonOf(page, waitingForm), centreUrl(cid));
	const waiting = tableAfter(page, 'waiting');
	const wrow = waiting.locator('tbody tr', { has: page.locator(`a[href="/persons/${pid}"]`) });
	assert.equal(await wrow.count(), 1, 'the person is on the waiting list');
	await assertText(wrow, [person, note, shown(today)], 'the waiting list\'s row');

	// (c) The worker places them from the waiting list on the first bed, with the row's
	// select and its button.
	const rowSelect = wrow.locator('select');
	assert.equal(await rowSelect.count(), 1, 'the row has a select of the free beds');
	const select = await byLabelWithin(wrow, await rowSelect.getAttribute('id'));
	const rowLabel = wrow.locator(`label[for="${await rowSelect.getAttribute('id')}"]`);
	const box = await rowLabel.boundingBox();
	if (!box || box.width > 1 || box.height > 1)
		problems.push(`the waiting row's bed label is shown (${box?.width}×${box?.height} px), not only to screen readers: ` +
			await rowLabel.evaluate((e) => e.outerHTML));
	const bedIds = await optionValues(select);
	assert.equal(bedIds.length, 2, 'the two free beds are offered');
	const bed1 = `${room} · 1`;
	await select.selectOption({ label: bed1 });
	const bedId = await select.inputValue();
	const placeButton = wrow.locator('form[action$="/placements"] button');
	const placeName = (await placeButton.innerText()).trim();
	assert.ok(placeName, 'the row\'s place button has a text');
	await clickAndWait(page, wrow.getByRole('button', { name: placeName, exact: true }), centreUrl(cid));
	let beds = await bedRows(page);
	assert.deepEqual(beds.map((b) => [b.bed, b.href]), [['1', `/persons/${pid}`], ['2', null]],
		`the person is on bed 1, bed 2 is free: ${JSON.stringify(beds)}`);
	assert.equal(beds[0].person, person, 'bed 1 names the person');
	assert.equal(beds[0].cells[3], shown(today), 'checked in today');
	assert.equal(beds[0].box, 1, 'the worker may check the person out');
	assert.equal(await page.getByRole('main').locator(`a[href="/persons/${pid}"]`).count(), 1,
		'the person is no longer on the waiting list');
	assert.deepEqual(await optionValues(byId(page, 'f-p-bed_id')), bedIds.filter((b) => b !== bedId),
		'the bed taken is no longer offered');

	// (d) The presence page: the person is not seen yet today; the worker marks them seen.
	const presence = page.getByRole('main').locator(`a[href="/centres/${cid}/presence"]`);
	await clickAndWait(page, page.getByRole('link', { name: (await presence.innerText()).trim(), exact: true }),
		new RegExp(`/centres/${cid}/presence$`));
	await assertText(page.getByRole('heading', { level: 1 }), name, 'the presence page\'s heading');
	const prow = page.getByRole('main').locator('tbody tr', { has: page.locator(`a[href="/persons/${pid}"]`) });
	assert.equal(await prow.count(), 1, 'the person is in the centre');
	await assertText(prow, [bed1, shown(today)], 'the person\'s row');
	await assertText(page.locator('main p.summary'), /: 1 · [^:]+: 1$/, 'one in the centre, one not seen yet');
	const rowClass = await prow.getAttribute('class');
	if (!(rowClass ?? '').split(' ').includes('attention'))
		problems.push(`presence: the row of a person not seen yet has class=${JSON.stringify(rowClass)}, not "attention" ` +
			`(its HTML: ${(await prow.evaluate((e) => e.outerHTML)).slice(0, 120)}…)`);
	const seenBox = page.getByRole('checkbox', { name: person });
	assert.equal(await seenBox.count(), 1, 'one check-box names the person');
	assert.equal(await prow.locator('input[type=checkbox]').count(), 1, 'the check-box is in the person\'s row');
	await seenBox.check();
	await clickAndWait(page, await buttonOf(page, page.locator(`main form[action="/centres/${cid}/presence"]`)),
		new RegExp(`/centres/${cid}/presence$`));
	assert.equal(await prow.locator('input[type=checkbox]').count(), 0, 'once seen, nothing left to tick');
	const seenCells = (await prow.locator('td').allInnerTexts()).map((c) => c.trim());
	assert.equal(seenCells[3], shown(today), `last seen today: ${seenCells.join(' | ')}`);
	assert.ok(seenCells[4], 'the row says the person was seen today');
	await assertText(page.locator('main p.summary'), /: 1 · [^:]+: 0$/, 'one in the centre, all seen');

	// (e) Back on the centre's page: last seen today; the worker checks the person out with
	// the check-box and the check-out button; the bed is free again.
	await clickAndWait(page, page.getByRole('main').locator(`a[href="/centres/${cid}"]`), new RegExp(`/centres/${cid}$`));
	beds = await bedRows(page);
	assert.equal(beds[0].cells[5], shown(today), `bed 1: last seen today: ${beds[0].cells.join(' | ')}`);
	const checkout = centreForm(page, cid, 'checkout');
	const outBox = page.getByRole('checkbox', { name: person });
	assert.equal(await outBox.count(), 1, 'one check-box names the person');
	await outBox.check();
	assert.equal(await (await byLabelWithin(checkout, 'f-co-date')).inputValue(), today, 'the check-out date is today');
	await clickAndWait(page, await buttonOf(page, checkout), centreUrl(cid));
	beds = await bedRows(page);
	assert.deepEqual(beds.map((b) => [b.bed, b.href, b.box]), [['1', null, 0], ['2', null, 0]],
		`both beds are free again: ${JSON.stringify(beds)}`);
	assert.equal(beds[0].person, beds[1].person, 'bed 1 says it is free, as bed 2 does');
	assert.equal(await page.getByRole('main').locator(`a[href="/persons/${pid}"]`).count(), 0,
		'the person is on no bed and on no waiting list');
	assert.deepEqual((await optionValues(byId(page, 'f-p-bed_id'))).sort(), [...bedIds].sort(),
		'both beds are offered again');
	await page.goto(`/centres/${cid}/presence`);
	assert.equal(await page.getByRole('main').locator(`a[href="/persons/${pid}"]`).count(), 0,
		'the person is no longer on the presence list');

	// The person's page lists the stay, from today to today.
	await page.goto(`/persons/${pid}`);
	const stays = page.getByRole('main').locator('section', { has: page.locator(`a[href="/centres/${cid}"]`) });
	assert.equal(await stays.count(), 1, 'the person\'s page has a section of stays that links to the centre');
	const stay = (await stays.locator('tbody tr').first().locator('td').allInnerTexts()).map((c) => c.trim());
	assert.deepEqual(stay, [name, bed1, shown(today), shown(today)], `the stay: ${stay.join(' | ')}`);

	// (f) An analyst, who reads no one's record, is kept out of the centres.
	await asUser('analyst', 'kk', async (an) => {
		assert.equal(await an.locator('header nav a[href="/centres"]').count(), 0, 'no Centres link for an analyst');
		for (const path of ['/centres', `/centres/${cid}`, `/centres/${cid}/presence`, '/centres/new']) {
			assert.equal(await gotoStatus(an, path), 403, `${path} is forbidden to an analyst`);
			assert.equal(await an.getByRole('heading', { level: 1 }).count(), 1, `${path}: the error page has its heading`);
			assert.equal(await an.getByRole('main').locator('table, form').count(), 0, `${path}: nothing of a centre is shown`);
			assert.equal(await an.getByRole('main').getByText(name).count(), 0, `${path}: not even the centre's name`);
		}
	});

	// (g) The centre pages in English, Russian and Kazakh (the demo's centre: people on its
	// beds and on its waiting list): the same structure in each; the reference data in the
	// language; the interface strings not yet translated are listed, not failed on.
	await page.goto('/centres');
	const demo = page.getByRole('main').locator('a[href^="/centres/"]', { hasText: DEMO_CENTRE });
	const demoId = (await demo.getAttribute('href')).split('/').pop();
	const seen = {};
	const shape = {};
	try {
		for (const lang of ['en', 'ru', 'kk']) {
			await switchLang(page, lang);
			seen[lang] = await centreStrings(page, demoId);
			await page.goto(`/centres/${demoId}`);
			assert.equal(await page.locator('html').getAttribute('lang'), lang, `<html lang> is ${lang}`);
			await assertText(page.locator('main dl'), CENTRE_KIND[lang], `the centre's kind in ${lang}`);
			shape[lang] = {
				headings: await page.locator('main h2').evaluateAll((hs) => hs.map((x) => x.id)),
				beds: (await bedRows(page)).map((b) => [b.room, b.bed, b.href, b.box]),
				forms: await page.locator('main form').evaluateAll((fs) => fs.map((f) => f.getAttribute('action'))),
				labels: await page.locator('main label').evaluateAll((ls) => ls.map((l) => l.htmlFor || '(wraps)')),
			};
		}
	} finally {
		// The language is remembered for the user: leave the worker in Kazakh.
		await switchLang(page, 'kk').catch(() => {});
	}
	assert.deepEqual(shape.ru, shape.en, 'the centre\'s page has the same structure in Russian as in English');
	assert.deepEqual(shape.kk, shape.en, 'the centre\'s page has the same structure in Kazakh as in English');
	for (const lang of ['ru', 'kk'])
		for (const [what, text] of Object.entries(seen[lang]))
			assert.ok(text && text !== '<missing>', `${lang}: the ${what} is on the page`);
	// A string is translated if it is not the English one and is written in the language's
	// letters.
	const untranslated = {};
	for (const [lang, letters] of [['ru', /[а-яё]/i], ['kk', /[а-яёәғқңөұүһі]/i]]) {
		untranslated[lang] = Object.entries(seen[lang])
			.filter(([what, text]) => text === seen.en[what] || !letters.test(text))
			.map(([what, text]) => `${what}: "${text}"`);
		for (const u of untranslated[lang]) t.diagnostic(`${lang}: not translated yet: ${u}`);
	}
	const count = untranslated.ru.length + untranslated.kk.length;
	// Not failed on while the catalogs are being filled in (locale/*.po): a TODO that lists them.
	await t.test('the centre pages\' interface strings are in Russian and Kazakh',
		{ todo: count ? `${count} strings not translated yet` : false }, () => {
			assert.deepEqual(untranslated, { ru: [], kk: [] }, 'interface strings of the centre pages in English');
		});

	// What a user sees of the page's structure (checked last, so that a failure here does
	// not hide the rest of the flow): every column of the beds and waiting tables has its
	// header, and no markup is shown as text.
	await page.goto(`/centres/${demoId}`);
	const main = await page.getByRole('main').innerText();
	const markup = main.match(/<\/?[a-z][^>]*>/i);
	if (markup) problems.push(`the centre's page shows markup as text: ${markup[0]}`);
	for (const id of ['beds', 'waiting']) {
		const table = tableAfter(page, id);
		const heads = await table.locator('thead th').count();
		const widths = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.cells.length));
		if (!widths.every((w) => w === heads))
			problems.push(`the ${id} table has ${heads} column headers for rows of ${[...new Set(widths)].join(', ')} cells`);
	}
	assert.deepEqual(problems, [], 'the centre pages');
}, { timeout: 180_000 });

// ---- Groups of the collective form: self-help and mutual-help groups, courses … ----

// The demo's course of the first organisation (src/cli/demo.c, demo_groups), led by the worker.
const DEMO_COURSE = 'Қазақ тілі: бастауыш курс (demo)';
// A group's kind as the pages show it: reference data, translated in the code.
const GROUP_KIND = { kk: 'тіл курсы', ru: 'языковые курсы', en: 'language course' };

function groupIdOf(page) {
	const m = new URL(page.url()).pathname.match(/^\/groups\/(\d+)$/);
	assert.ok(m, `not on a group's page: ${page.url()}`);
	return m[1];
}

// The group's page again after one of its forms (a redirect to the page's members).
const groupUrl = (id) => new RegExp(`/groups/${id}(#\\w+)?$`);

// The rows of a group's members table: the person cell's text and link, the other cells
// (joined, left, sessions attended), and whether the row has a leaving form.
async function memberRows(page) {
	const rows = tableAfter(page, 'members').locator('tbody tr');
	const out = [];
	for (const row of await rows.all()) {
		const cells = (await row.locator('td').allInnerTexts()).map((c) => c.trim());
		const link = row.locator('a[href^="/persons/"]');
		out.push({
			person: cells[0], cells,
			href: (await link.count()) ? await link.getAttribute('href') : null,
			leave: await row.locator('form[action$="/leave"]').count(),
		});
	}
	return out;
}

// The member row of a person (by the link to their page).
async function memberRow(page, pid) {
	const row = (await memberRows(page)).find((m) => m.href === `/persons/${pid}`);
	assert.ok(row, `the members table lists /persons/${pid}`);
	return row;
}

// The interface strings of the groups list, a group's page and a session's page (not the
// data on them), by what they are.
async function groupStrings(page, id, sid) {
	const main = page.getByRole('main');
	const text = async (loc) => ((await loc.count()) ? (await loc.first().innerText()).trim() : '<missing>');
	const out = {};
	await page.goto('/groups');
	out['list heading'] = await text(page.getByRole('heading', { level: 1 }));
	out['list intro'] = await text(main.locator('h1 + p'));
	out['add a group link'] = await text(main.locator('a[href="/groups/new"]'));
	for (const [i, th] of (await main.locator('table th[scope=col]').allInnerTexts()).entries())
		out[`list column ${i + 1}`] = th.trim();
	out['nav link'] = await text(page.locator('header nav a[href="/groups"]'));
	await page.goto(`/groups/${id}`);
	out['all groups link'] = await text(main.locator('a[href="/groups"]'));
	out['edit link'] = await text(main.locator(`a[href="/groups/${id}/edit"]`));
	for (const [i, dt] of (await main.locator('dl dt').allInnerTexts()).entries()) out[`term ${i + 1}`] = dt.trim();
	out.summary = (await text(main.locator('p.summary'))).replace(/[\d·:]+/g, ' ').replace(/\s+/g, ' ').trim();
	for (const h of ['members', 'sessions']) out[`heading ${h}`] = await text(main.locator(`h2#${h}`));
	out['members caption'] = await text(tableAfter(page, 'members').locator('caption'));
	for (const [i, th] of (await tableAfter(page, 'members').locator('thead th').allInnerTexts()).entries())
		out[`members column ${i + 1}`] = th.trim();
	const leave = main.locator('form[action$="/leave"]').first();
	out['leave label'] = (await text(leave.locator('label'))).split(':')[0].trim();
	out['leave button'] = await text(leave.locator('button'));
	out['add a member heading'] = await text(main.locator('h3'));
	for (const f of ['person_id', 'joined_on', 'note'])
		out[`member ${f}`] = await text(main.locator(`label[for="f-m-${f}"]`));
	out['add a member button'] = await text(main.locator(`form[action="/groups/${id}/members"] button`));
	out['record a session link'] = await text(main.locator(`a[href="/groups/${id}/sessions/new"]`));
	for (const [i, th] of (await tableAfter(page, 'sessions').locator('thead th').allInnerTexts()).entries())
		out[`sessions column ${i + 1}`] = th.trim();
	await page.goto(`/groups/${id}/sessions/${sid}`);
	out['session back link'] = await text(main.locator(`a[href="/groups/${id}#sessions"]`));
	for (const f of ['held_on', 'unregistered', 'topic', 'note'])
		out[`session ${f}`] = await text(main.locator(`label[for="f-${f}"]`));
	out['attendance caption'] = await text(main.locator('table caption'));
	for (const [i, th] of (await main.locator('table thead th').allInnerTexts()).entries())
		out[`attendance column ${i + 1}`] = th.trim();
	out['present box'] = ((await main.locator('input[type=checkbox]').first().getAttribute('aria-label')) ?? '<missing>')
		.split(':')[0].trim();
	out['session button'] = await text(main.locator('form button.primary'));
	return out;
}

flow('v. groups: a worker adds a group and two members, records a session with one present, the attendance is counted, a member leaves, the person\'s page lists the group; an analyst is kept out; the pages in Russian and Kazakh', async (page, context, t) => {
	const problems = []; // checked last, so that they do not hide the rest of the flow

	// (a) The worker registers two people, then adds a group through its form.
	await login(page, 'worker');
	const one = { family_name: 'Сұлтанбекова', given_name: 'Әйгерім', sex: 'female', birth_date: '1994-06-12' };
	const two = { family_name: 'Насриддинов', given_name: 'Фаррух', sex: 'male', birth_date: '1987-11-30' };
	const pid1 = await registerPerson(page, one);
	const pid2 = await registerPerson(page, two);
	const name1 = `${one.family_name} ${one.given_name}`;
	const name2 = `${two.family_name} ${two.given_name}`;
	await page.goto('/groups');
	const add = page.getByRole('main').locator('a[href="/groups/new"]');
	assert.equal(await add.count(), 1, 'the list of groups has an "Add a group" link for a worker');
	await clickAndWait(page, page.getByRole('link', { name: (await add.innerText()).trim(), exact: true }),
		/\/groups\/new$/);
	const name = 'Орыс тілі: сөйлеу курсы (test)';
	const kind = await byLabel(page, 'f-kind');
	await kind.selectOption('language_course');
	assert.equal(await selectedText(kind), GROUP_KIND.kk, 'the kinds of group are in Kazakh');
	await (await byLabel(page, 'f-name')).fill(name);
	const facilitator = await selectedText(await byLabel(page, 'f-facilitator_id'));
	assert.ok(facilitator, 'the worker leads a new group unless another user is chosen');
	await (await byLabel(page, 'f-place')).fill('Алматы, Абай даңғылы 10, 2-бөлме');
	await (await byLabel(page, 'f-schedule')).fill('дүйсенбі 18:00');
	const today = await (await byLabel(page, 'f-starts_on')).inputValue();
	assert.match(today, /^\d{4}-\d{2}-\d{2}$/, 'a new group starts today unless told');
	assert.equal(await page.locator('main form input[name=active]').isChecked(), true, 'a new group is open');
	await clickAndWait(page, await buttonOf(page, page.locator('main form[action="/groups"]')), /\/groups\/\d+$/);
	const gid = groupIdOf(page);
	await assertText(page.getByRole('heading', { level: 1 }), name, 'the new group\'s heading');
	await assertText(page.locator('main dl'), [GROUP_KIND.kk, facilitator, 'Абай даңғылы', 'дүйсенбі 18:00', shown(today)],
		'the new group\'s facts');
	assert.equal(await tableAfter(page, 'members').count(), 0, 'no member yet');

	// (b) Two members, added by their registry numbers.
	const memberForm = page.locator(`main form[action="/groups/${gid}/members"]`);
	for (const pid of [pid1, pid2]) {
		await (await byLabelWithin(memberForm, 'f-m-person_id')).fill(pid);
		assert.equal(await (await byLabelWithin(memberForm, 'f-m-joined_on')).inputValue(), today, 'they join today');
		await clickAndWait(page, await buttonOf(page, memberForm), groupUrl(gid));
		await memberRow(page, pid);
	}
	let members = await memberRows(page);
	assert.equal(members.length, 2, `the group has two members: ${JSON.stringify(members)}`);
	for (const [pid, person] of [[pid1, name1], [pid2, name2]]) {
		const m = await memberRow(page, pid);
		assert.deepEqual(m.cells.slice(0, 4), [person, shown(today), '', '0 / 0'],
			`${person}: joined today, no session yet: ${m.cells.join(' | ')}`);
		assert.equal(m.leave, 1, `${person} may leave`);
	}
	await assertText(page.locator('main p.summary'), /: 2 · [^:]+: 0$/, 'two members, no session');

	// (c) A session today: the worker ticks the first member present, and one came who is not
	// registered.
	const record = page.getByRole('main').locator(`a[href="/groups/${gid}/sessions/new"]`);
	assert.equal(await record.count(), 1, 'the group\'s page has a "Record a session" link');
	await clickAndWait(page, page.getByRole('link', { name: (await record.innerText()).trim(), exact: true }),
		new RegExp(`/groups/${gid}/sessions/new$`));
	assert.equal(await (await byLabel(page, 'f-held_on')).inputValue(), today, 'a new session is today\'s');
	const topic = 'Таныстыру, алғашқы сөздер';
	await (await byLabel(page, 'f-topic')).fill(topic);
	await (await byLabel(page, 'f-unregistered')).fill('3');
	const box = (person) => page.getByRole('main').getByRole('checkbox', { name: person });
	for (const person of [name1, name2]) assert.equal(await box(person).count(), 1, `one check-box names ${person}`);
	await box(name1).check();
	await clickAndWait(page, await buttonOf(page, page.locator(`main form[action="/groups/${gid}/sessions"]`)),
		new RegExp(`/groups/${gid}/sessions/\\d+$`));
	const sid = new URL(page.url()).pathname.split('/').pop();
	assert.equal(await box(name1).isChecked(), true, `${name1} is marked present`);
	assert.equal(await box(name2).isChecked(), false, `${name2} is not`);
	assert.equal(await byId(page, 'f-topic').inputValue(), topic, 'the topic is recorded');
	assert.equal(await byId(page, 'f-unregistered').inputValue(), '3', 'the unregistered attendees are recorded');

	// (d) The group's page counts the attendance: 1 / 1 and 0 / 1; the session is listed.
	const back = page.getByRole('main').locator(`a[href="/groups/${gid}#sessions"]`);
	await clickAndWait(page, page.getByRole('link', { name: (await back.innerText()).trim(), exact: true }),
		groupUrl(gid));
	assert.equal((await memberRow(page, pid1)).cells[3], '1 / 1', `${name1} came to the one session`);
	assert.equal((await memberRow(page, pid2)).cells[3], '0 / 1', `${name2} did not`);
	const sessions = tableAfter(page, 'sessions').locator('tbody tr');
	assert.equal(await sessions.count(), 1, 'one session is listed');
	const srow = (await sessions.first().locator('td').allInnerTexts()).map((c) => c.trim());
	assert.deepEqual(srow, [shown(today), topic, '1', '3'], `the session: date, topic, present, unregistered: ${srow.join(' | ')}`);
	assert.equal(await sessions.first().locator(`a[href="/groups/${gid}/sessions/${sid}"]`).count(), 1,
		'the session links to its attendance');
	await assertText(page.locator('main p.summary'), /: 2 · [^:]+: 1$/, 'two members, one session');

	// (e) The second member leaves today, with the date field and button of their row.
	const row2 = tableAfter(page, 'members').locator('tbody tr', { has: page.locator(`a[href="/persons/${pid2}"]`) });
	const dateId = await row2.locator('input[type=date]').getAttribute('id');
	assert.equal(await (await byLabelWithin(row2, dateId)).inputValue(), today, 'the leaving date is today');
	const leaveButton = page.getByRole('button', { name: name2 });
	assert.equal(await leaveButton.count(), 1, `one button names ${name2}`);
	assert.equal(await row2.locator('button').count(), 1, 'the button is in their row');
	await clickAndWait(page, leaveButton, groupUrl(gid));
	members = await memberRows(page);
	const left = await memberRow(page, pid2);
	assert.deepEqual(left.cells.slice(1, 4), [shown(today), shown(today), '0 / 1'], `${name2} left today: ${left.cells.join(' | ')}`);
	assert.equal(left.leave, 0, `${name2} cannot leave twice`);
	assert.equal((await memberRow(page, pid1)).leave, 1, `${name1} is still a member`);
	assert.equal(members[members.length - 1].href, `/persons/${pid2}`, 'those who left are listed last');
	await assertText(page.locator('main p.summary'), /: 1 · [^:]+: 1$/, 'one member now, one session');

	// The list of groups has the new one.
	await page.goto('/groups');
	const lrow = page.getByRole('main').locator('tbody tr', { has: page.locator(`a[href="/groups/${gid}"]`) });
	assert.equal(await lrow.count(), 1, 'the list of groups has the new one');
	const lcells = (await lrow.locator('td').allInnerTexts()).map((c) => c.trim());
	assert.deepEqual(lcells, [name, GROUP_KIND.kk, facilitator, 'дүйсенбі 18:00', '1', '1'],
		`its row: name, kind, facilitator, schedule, members, sessions: ${lcells.join(' | ')}`);

	// (f) Each person's page lists the group, with their attendance.
	for (const [pid, cells] of [
		[pid1, [`${name} (${GROUP_KIND.kk})`, shown(today), '', '1 / 1']],
		[pid2, [`${name} (${GROUP_KIND.kk})`, shown(today), shown(today), '0 / 1']],
	]) {
		await page.goto(`/persons/${pid}`);
		const box = page.getByRole('main').locator('section', { has: page.locator(`a[href="/groups/${gid}"]`) });
		assert.equal(await box.count(), 1, `/persons/${pid} has a section that links to the group`);
		const got = (await box.locator('tbody tr').first().locator('td').allInnerTexts()).map((c) => c.trim());
		assert.deepEqual(got, cells, `/persons/${pid}: the group, joined, left, attended: ${got.join(' | ')}`);
	}

	// (g) An analyst, who reads no one's record, is kept out of the groups.
	await asUser('analyst', 'kk', async (an) => {
		assert.equal(await an.locator('header nav a[href="/groups"]').count(), 0, 'no Groups link for an analyst');
		for (const path of ['/groups', '/groups/new', `/groups/${gid}`, `/groups/${gid}/edit`,
			`/groups/${gid}/sessions/new`, `/groups/${gid}/sessions/${sid}`]) {
			assert.equal(await gotoStatus(an, path), 403, `${path} is forbidden to an analyst`);
			assert.equal(await an.getByRole('heading', { level: 1 }).count(), 1, `${path}: the error page has its heading`);
			assert.equal(await an.getByRole('main').locator('table, form').count(), 0, `${path}: nothing of a group is shown`);
			assert.equal(await an.getByRole('main').getByText(name).count(), 0, `${path}: not even the group's name`);
			assert.equal(await an.getByRole('main').getByText(one.family_name).count(), 0, `${path}: no member's name`);
		}
	});

	// (h) The group pages in English, Russian and Kazakh (the demo's course: four members,
	// two sessions): the same structure in each; the reference data and dates in the
	// language; the interface strings not yet translated are listed, not failed on.
	await page.goto('/groups');
	const demo = page.getByRole('main').locator('a[href^="/groups/"]', { hasText: DEMO_COURSE });
	const demoId = (await demo.getAttribute('href')).split('/').pop();
	await page.goto(`/groups/${demoId}`);
	const demoSid = (await tableAfter(page, 'sessions').locator('a[href*="/sessions/"]').first().getAttribute('href'))
		.split('/').pop();
	const seen = {};
	const shape = {};
	try {
		for (const lang of ['en', 'ru', 'kk']) {
			await switchLang(page, lang);
			seen[lang] = await groupStrings(page, demoId, demoSid);
			await page.goto(`/groups/${demoId}`);
			assert.equal(await page.locator('html').getAttribute('lang'), lang, `<html lang> is ${lang}`);
			await assertText(page.locator('main dl'), GROUP_KIND[lang], `the group's kind in ${lang}`);
			const rows = await memberRows(page);
			assert.ok(rows.every((m) => (lang === 'en' ? /^\d{4}-\d\d-\d\d$/ : /^\d\d\.\d\d\.\d{4}$/).test(m.cells[1])),
				`the joining dates as ${lang} writes them: ${rows.map((m) => m.cells[1]).join(', ')}`);
			shape[lang] = {
				headings: await page.locator('main h2').evaluateAll((hs) => hs.map((x) => x.id)),
				members: rows.map((m) => [m.href, m.cells[3], m.leave]),
				forms: await page.locator('main form').evaluateAll((fs) => fs.map((f) => f.getAttribute('action'))),
				labels: await page.locator('main label').evaluateAll((ls) => ls.map((l) => l.htmlFor || '(wraps)')),
			};
			await page.goto(`/groups/${demoId}/sessions/${demoSid}`);
			shape[lang].attendance = await page.locator('main input[type=checkbox]')
				.evaluateAll((bs) => bs.map((b) => [b.value, b.checked]));
		}
	} finally {
		// The language is remembered for the user: leave the worker in Kazakh.
		await switchLang(page, 'kk').catch(() => {});
	}
	assert.equal(shape.en.members.length, 4, 'the demo course has four members');
	assert.deepEqual(shape.ru, shape.en, 'the group\'s pages have the same structure in Russian as in English');
	assert.deepEqual(shape.kk, shape.en, 'the group\'s pages have the same structure in Kazakh as in English');
	for (const lang of ['ru', 'kk'])
		for (const [what, text] of Object.entries(seen[lang]))
			assert.ok(text && text !== '<missing>', `${lang}: the ${what} is on the page`);
	// A string is translated if it is not the English one and is written in the language's
	// letters.
	const untranslated = {};
	for (const [lang, letters] of [['ru', /[а-яё]/i], ['kk', /[а-яёәғқңөұүһі]/i]]) {
		untranslated[lang] = Object.entries(seen[lang])
			.filter(([what, text]) => text === seen.en[what] || !letters.test(text))
			.map(([what, text]) => `${what}: "${text}"`);
		for (const u of untranslated[lang]) t.diagnostic(`${lang}: not translated yet: ${u}`);
	}
	const count = untranslated.ru.length + untranslated.kk.length;
	// Not failed on while the catalogs are being filled in (locale/*.po): a TODO that lists them.
	await t.test('the group pages\' interface strings are in Russian and Kazakh',
		{ todo: count ? `${count} strings not translated yet` : false }, () => {
			assert.deepEqual(untranslated, { ru: [], kk: [] }, 'interface strings of the group pages in English');
		});

	// What a user sees of the pages' structure (checked last, so that a failure here does not
	// hide the rest of the flow): every column of their tables has its header, and no markup
	// is shown as text.
	for (const path of [`/groups/${demoId}`, `/groups/${demoId}/sessions/${demoSid}`, `/groups/${gid}`, `/persons/${pid1}`]) {
		await page.goto(path);
		const main = await page.getByRole('main').innerText();
		const markup = main.match(/<\/?[a-z][^>]*>/i);
		if (markup) problems.push(`${path} shows markup as text: ${markup[0]}`);
		for (const table of await page.locator('main table').all()) {
			const heads = await table.locator('thead th').count();
			const widths = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.cells.length));
			if (!widths.every((w) => w === heads))
				problems.push(`${path}: a table has ${heads} column headers for rows of ${[...new Set(widths)].join(', ')} cells`);
		}
	}
	assert.deepEqual(problems, [], 'the group pages');
}, { timeout: 180_000 });

// ---- Fundraising, events and publications, programmes: what the three flows below share ----

// The interface strings of the page at path (not the data on it), keyed by where they are:
// its headings below the first, table captions and column headers, terms, labels, legends and
// buttons; and the page's shape (its forms, labels, and the rows of its tables), which is the
// same in every language.
async function pageStrings(page, path) {
	await page.goto(path);
	return page.locator('main').evaluate((main) => {
		const strings = {};
		const put = (key, el) => {
			const t = (el.innerText ?? '').replace(/\s+/g, ' ').trim();
			if (t) strings[key] = t;
		};
		main.querySelectorAll('h2, h3').forEach((e, i) => put(`heading ${i + 1} (${e.id || e.tagName})`, e));
		main.querySelectorAll('table').forEach((t, i) => {
			const cap = t.querySelector('caption');
			if (cap) put(`table ${i + 1} caption`, cap);
			t.querySelectorAll('thead th').forEach((th, j) => put(`table ${i + 1} column ${j + 1}`, th));
			t.querySelectorAll('tfoot th').forEach((th, j) => put(`table ${i + 1} foot ${j + 1}`, th));
		});
		main.querySelectorAll('dt').forEach((e, i) => put(`term ${i + 1}`, e));
		main.querySelectorAll('label[for]').forEach((e) => put(`label ${e.htmlFor}`, e));
		main.querySelectorAll('legend').forEach((e, i) => put(`legend ${i + 1}`, e));
		main.querySelectorAll('form').forEach((f, i) =>
			f.querySelectorAll('button:not([aria-label])').forEach((b, j) => put(`form ${i + 1} button ${j + 1}`, b)));
		const shape = {
			forms: [...main.querySelectorAll('form')].map((f) => `${f.method} ${f.getAttribute('action')}`),
			labels: [...main.querySelectorAll('label')].map((l) => l.htmlFor || '(wraps)'),
			rows: [...main.querySelectorAll('table')].map((t) => t.querySelectorAll('tbody tr').length),
			links: [...main.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
		};
		return { strings, shape };
	});
}

// Reads the pages at paths in English, Russian and Kazakh (leaving the user in Kazakh, as the
// language is remembered for them): fails unless each page has the same shape in each; lists
// the interface strings not translated yet as a TODO, not failed on while the catalogs are
// being filled in (locale/*.po). extra(page, lang) checks what the pages show in each language.
async function readInLanguages(page, t, what, paths, extra = async () => {}) {
	const seen = {};
	const shape = {};
	try {
		for (const lang of ['en', 'ru', 'kk']) {
			await switchLang(page, lang);
			seen[lang] = {};
			shape[lang] = {};
			for (const path of paths) {
				const got = await pageStrings(page, path);
				assert.equal(await page.locator('html').getAttribute('lang'), lang, `${path}: <html lang> is ${lang}`);
				assert.ok(Object.keys(got.strings).length >= 3,
					`${path}: its interface strings are read: ${JSON.stringify(got.strings)}`);
				for (const [k, v] of Object.entries(got.strings)) seen[lang][`${path} ${k}`] = v;
				shape[lang][path] = got.shape;
			}
			await extra(page, lang);
		}
	} finally {
		await switchLang(page, 'kk').catch(() => {});
	}
	assert.deepEqual(shape.ru, shape.en, `the ${what} have the same shape in Russian as in English`);
	assert.deepEqual(shape.kk, shape.en, `the ${what} have the same shape in Kazakh as in English`);
	for (const lang of ['ru', 'kk'])
		assert.deepEqual(Object.keys(seen[lang]), Object.keys(seen.en), `${lang}: the same interface strings as in English`);
	const untranslated = {};
	for (const [lang, letters] of [['ru', /[а-яё]/i], ['kk', /[а-яёәғқңөұүһі]/i]]) {
		untranslated[lang] = Object.entries(seen[lang])
			.filter(([key, text]) => text === seen.en[key] || !letters.test(text))
			.map(([key, text]) => `${key}: "${text}"`);
		for (const u of untranslated[lang]) t.diagnostic(`${lang}: not translated yet: ${u}`);
	}
	const count = untranslated.ru.length + untranslated.kk.length;
	await t.test(`the ${what}' interface strings are in Russian and Kazakh`,
		{ todo: count ? `${count} strings not translated yet` : false }, () => {
			assert.deepEqual(untranslated, { ru: [], kk: [] }, `interface strings of the ${what} in English`);
		});
}

// What a user sees of the pages' structure: every column of their tables has its header, and
// no markup is shown as text. Returns the problems found (checked last in a flow, so that they
// do not hide the rest of it).
async function structureProblems(page, paths) {
	const problems = [];
	for (const path of paths) {
		await page.goto(path);
		const main = await page.getByRole('main').innerText();
		const markup = main.match(/<\/?[a-z][^>]*>/i);
		if (markup) problems.push(`${path} shows markup as text: ${markup[0]}`);
		for (const table of await page.locator('main table').all()) {
			const heads = await table.locator('thead th').count();
			const widths = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.cells.length));
			if (!widths.every((w) => w === heads))
				problems.push(`${path}: a table has ${heads} column headers for rows of ${[...new Set(widths)].join(', ')} cells`);
		}
	}
	return problems;
}

// The cells of a table's body rows, trimmed.
async function tableCells(table) {
	return table.locator('tbody tr').evaluateAll((rows) =>
		rows.map((r) => [...r.cells].map((c) => c.innerText.replace(/\s+/g, ' ').trim())));
}

// An analyst, who reads no one's record, is kept out of the paths: 403, the error page's
// heading, nothing of the records (no table or form, not the name given).
async function analystKeptOut(navHref, paths, name) {
	await asUser('analyst', 'kk', async (an) => {
		assert.equal(await an.locator(`header nav a[href="${navHref}"]`).count(), 0, `no ${navHref} link for an analyst`);
		for (const path of paths) {
			assert.equal(await gotoStatus(an, path), 403, `${path} is forbidden to an analyst`);
			assert.equal(await an.getByRole('heading', { level: 1 }).count(), 1, `${path}: the error page has its heading`);
			assert.equal(await an.getByRole('main').locator('table, form').count(), 0, `${path}: nothing is shown`);
			assert.equal(await an.getByRole('main').getByText(name).count(), 0, `${path}: not even the name`);
		}
	});
}

// ---- Fundraising: campaigns for a migrant-assistance fund (src/web/campaigns.c) ----

// The demo's fund (src/cli/demo.c, demo_campaign), kept by the supervisor.
const DEMO_FUND = 'Қысқы киім: көмек қоры (demo)';
// A donation's kind as the pages show it: reference data, translated in the code.
const DONATION_KIND = {
	kk: { money: 'ақша', in_kind: 'заттай' },
	ru: { money: 'деньги', in_kind: 'в натуральной форме' },
	en: { money: 'money', in_kind: 'in kind' },
};

const campaignUrl = (id) => new RegExp(`/campaigns/${id}(#\\w+)?$`);

// The fund's balance per currency, from the campaign page's first table: currency →
// [received, spent, balance, given in kind].
async function balances(page) {
	const rows = await tableCells(page.locator('main table').first());
	return Object.fromEntries(rows.map((r) => [r[0], r.slice(1)]));
}

flow('w. fundraising: the supervisor starts a campaign, records a donation in money and one in kind, spends part of it, the balance reads right and a spending beyond it is refused; a worker reads the fund without its forms; an analyst is kept out; the pages in Russian and Kazakh', async (page, context, t) => {
	// (a) The supervisor starts a campaign through its form.
	await login(page, 'supervisor');
	await page.goto('/campaigns');
	const start = page.getByRole('main').locator('a[href="/campaigns/new"]');
	assert.equal(await start.count(), 1, 'the list of campaigns has a "Start a campaign" link for a supervisor');
	await clickAndWait(page, page.getByRole('link', { name: (await start.innerText()).trim(), exact: true }),
		/\/campaigns\/new$/);
	const name = 'Мектепке дайындық: оқушыларға көмек (test)';
	await (await byLabel(page, 'f-name')).fill(name);
	await (await byLabel(page, 'f-purpose')).fill('Кандастардың балаларына мектеп киімі мен құралдары.');
	await (await byLabel(page, 'f-goal')).fill('1 000 000');
	assert.equal(await (await byLabel(page, 'f-currency')).inputValue(), 'KZT', 'a campaign is in tenge unless told');
	const today = await (await byLabel(page, 'f-starts_on')).inputValue();
	assert.match(today, /^\d{4}-\d{2}-\d{2}$/, 'a new campaign starts today unless told');
	assert.equal(await page.locator('main form input[name=active]').isChecked(), true, 'a new campaign is open');
	await clickAndWait(page, await buttonOf(page, page.locator('main form[action="/campaigns"]')), /\/campaigns\/\d+$/);
	const cid = new URL(page.url()).pathname.split('/').pop();
	await assertText(page.getByRole('heading', { level: 1 }), name, 'the new campaign\'s heading');
	await assertText(page.locator('main dl'), ['1 000 000.00 KZT', shown(today)], 'the goal and the start');

	// (b) A donation of 12 500,50 tenge from a person (typed with a space and a comma, as
	// people write it here), then a gift in kind from a shop.
	const donations = page.locator(`main form[action="/campaigns/${cid}/donations"]`);
	assert.equal(await donations.count(), 1, 'the supervisor has the donation form');
	await (await byLabelWithin(donations, 'f-d-donor_kind')).selectOption('person');
	await (await byLabelWithin(donations, 'f-d-donor')).fill('Әбенова Сәуле');
	await (await byLabelWithin(donations, 'f-d-kind')).selectOption('money');
	await (await byLabelWithin(donations, 'f-d-amount')).fill('12 500,50');
	assert.equal(await (await byLabelWithin(donations, 'f-d-received_on')).inputValue(), today, 'received today');
	await clickAndWait(page, await buttonOf(page, donations), campaignUrl(cid));
	await (await byLabelWithin(donations, 'f-d-donor_kind')).selectOption('organisation');
	await (await byLabelWithin(donations, 'f-d-donor')).fill('«Береке» дүкені');
	await (await byLabelWithin(donations, 'f-d-kind')).selectOption('in_kind');
	await (await byLabelWithin(donations, 'f-d-amount')).fill('30000');
	await (await byLabelWithin(donations, 'f-d-description')).fill('20 мектеп сөмкесі');
	await clickAndWait(page, await buttonOf(page, donations), campaignUrl(cid));
	const donated = await tableCells(page.locator('xpath=//main//h2[@id="donations"]/following::table[1]'));
	assert.deepEqual(donated.map((r) => r.slice(0, 4)).sort(), [
		[shown(today), 'Әбенова Сәуле', DONATION_KIND.kk.money, '12 500.50 KZT'],
		[shown(today), '«Береке» дүкені', `${DONATION_KIND.kk.in_kind}: 20 мектеп сөмкесі`, '30 000.00 KZT'],
	].sort(), `the two donations: ${JSON.stringify(donated)}`);
	assert.ok(donated.every((r) => r[4] === 'supervisor'), 'recorded by the supervisor');
	assert.deepEqual(await balances(page), { KZT: ['12 500.50', '0.00', '12 500.50', '30 000.00'] },
		'the fund: the money received, nothing spent, the gift in kind by its value beside it');

	// (c) A spending of 5 000 tenge: the balance is what was received less what was spent.
	const spendings = page.locator(`main form[action="/campaigns/${cid}/spendings"]`);
	await (await byLabelWithin(spendings, 'f-s-amount')).fill('5000');
	await (await byLabelWithin(spendings, 'f-s-purpose')).fill('Дәптерлер мен қаламдар');
	await clickAndWait(page, await buttonOf(page, spendings), campaignUrl(cid));
	const spent = await tableCells(page.locator('xpath=//main//h2[@id="spendings"]/following::table[1]'));
	assert.deepEqual(spent, [[shown(today), 'Дәптерлер мен қаламдар', '5 000.00 KZT', '', 'supervisor']],
		`the spending: ${JSON.stringify(spent)}`);
	assert.deepEqual(await balances(page), { KZT: ['12 500.50', '5 000.00', '7 500.50', '30 000.00'] },
		'12 500.50 received less 5 000.00 spent: 7 500.50 left');
	await assertText(page.locator('main dl'), '12 500.50 KZT (1%)', 'raised towards the goal');

	// (d) Spending 8 000 of the 7 500.50 left is refused: the page again (422) with the amount
	// marked and the input kept; nothing is spent.
	await (await byLabelWithin(spendings, 'f-s-amount')).fill('8 000');
	await (await byLabelWithin(spendings, 'f-s-purpose')).fill('Мектеп формасы, 4 жиынтық');
	await (await byLabelWithin(spendings, 'f-s-note')).fill('Дүкеннің шоты бар.');
	const resp = await clickAndRespond(page, await buttonOf(page, spendings));
	assert.equal(resp.status(), 422, 'a spending beyond the balance is answered 422');
	const amount = byId(page, 'f-s-amount');
	assert.equal(await amount.getAttribute('aria-invalid'), 'true', 'the amount is marked invalid');
	assert.equal(await amount.getAttribute('aria-describedby'), 'e-s-amount', 'the amount points to its message');
	const msg = page.locator('.field', { has: amount }).locator('#e-s-amount');
	assert.equal(await msg.count(), 1, 'the message is next to the amount');
	assert.ok((await msg.innerText()).trim(), 'the message says something');
	assert.ok(await page.locator('main [role=alert]').count() >= 1, 'a summary is announced');
	assert.equal(await page.locator('main [aria-invalid=true]').count(), 1, 'only the amount is marked');
	assert.equal(await amount.inputValue(), '8 000', 'the amount typed is kept');
	assert.equal(await byId(page, 'f-s-purpose').inputValue(), 'Мектеп формасы, 4 жиынтық', 'the purpose is kept');
	assert.equal(await byId(page, 'f-s-note').inputValue(), 'Дүкеннің шоты бар.', 'the note is kept');
	assert.equal(await byId(page, 'f-d-amount').inputValue(), '', 'the donation form is not filled in with it');
	assert.deepEqual(await balances(page), { KZT: ['12 500.50', '5 000.00', '7 500.50', '30 000.00'] },
		'nothing was spent');
	assert.equal((await tableCells(page.locator('xpath=//main//h2[@id="spendings"]/following::table[1]'))).length, 1,
		'one spending is listed');

	// The list of campaigns has the new one with its sums.
	await page.goto('/campaigns');
	const row = page.getByRole('main').locator('tbody tr', { has: page.locator(`a[href="/campaigns/${cid}"]`) });
	assert.equal(await row.count(), 1, 'the list of campaigns has the new one');
	const cells = (await row.locator('td').allInnerTexts()).map((c) => c.trim());
	assert.deepEqual(cells, [name, '1 000 000.00 KZT', '12 500.50 KZT', '5 000.00 KZT', '7 500.50 KZT'],
		`its row: name, goal, received, spent, balance: ${cells.join(' | ')}`);

	// (e) A worker reads the fund, without its forms.
	await asUser('worker', 'kk', async (w) => {
		await w.goto('/campaigns');
		assert.equal(await w.getByRole('main').locator('a[href="/campaigns/new"]').count(), 0,
			'no "Start a campaign" link for a worker');
		await clickAndWait(w, w.getByRole('main').getByRole('link', { name, exact: true }), /\/campaigns\/\d+$/);
		assert.deepEqual(await balances(w), { KZT: ['12 500.50', '5 000.00', '7 500.50', '30 000.00'] },
			'the worker reads the same balance');
		assert.equal(await w.locator('main form').count(), 0, 'no form to record a donation or a spending');
		assert.equal(await w.locator(`main a[href="/campaigns/${cid}/edit"]`).count(), 0, 'no edit link');
		for (const path of ['/campaigns/new', `/campaigns/${cid}/edit`])
			assert.equal(await gotoStatus(w, path), 403, `${path} is forbidden to a worker`);
	});

	// (f) An analyst is kept out of the fund.
	await analystKeptOut('/campaigns', ['/campaigns', `/campaigns/${cid}`, '/campaigns/new', `/campaigns/${cid}/edit`], name);

	// (g) The demo fund's pages in English, Russian and Kazakh: the same shape in each, the
	// reference data and dates in the language.
	await page.goto('/campaigns');
	const demo = page.getByRole('main').locator('a[href^="/campaigns/"]', { hasText: DEMO_FUND });
	const demoId = (await demo.getAttribute('href')).split('/').pop();
	const paths = ['/campaigns', `/campaigns/${demoId}`, `/campaigns/${demoId}/edit`, '/campaigns/new'];
	await readInLanguages(page, t, 'fundraising pages', paths, async (p, lang) => {
		await p.goto(`/campaigns/${demoId}`);
		const rows = await tableCells(p.locator('xpath=//main//h2[@id="donations"]/following::table[1]'));
		assert.ok(rows.some((r) => r[2] === DONATION_KIND[lang].money), `${lang}: a donation in money says so`);
		assert.ok(rows.some((r) => r[2].startsWith(`${DONATION_KIND[lang].in_kind}: `)), `${lang}: a gift in kind says so`);
		assert.ok(rows.every((r) => (lang === 'en' ? /^\d{4}-\d\d-\d\d$/ : /^\d\d\.\d\d\.\d{4}$/).test(r[0])),
			`${lang}: the dates as ${lang} writes them: ${rows.map((r) => r[0]).join(', ')}`);
	});
	const problems = await structureProblems(page, [...paths, `/campaigns/${cid}`]);
	assert.deepEqual(problems, [], 'the fundraising pages');
}, { timeout: 180_000 });

// ---- Events and publications (src/web/events.c) ----

// The demo's round table (src/cli/demo.c, demo_events): two registered people named.
const DEMO_ROUND_TABLE = 'Кандастардың бейімделуі: әкімдік пен ҮЕҰ дөңгелек үстелі (demo)';
// An event's kind and a participant's role as the pages show them: reference data.
const EVENT_KIND = { kk: 'дөңгелек үстел', ru: 'круглый стол', en: 'round table' };
const SPEAKER = { kk: 'баяндамашы', ru: 'докладчик', en: 'speaker' };

const eventUrl = (id) => new RegExp(`/events/${id}(#\\w+)?$`);

// The numbers of an event's audience line: migrants (named ones among them), of them named,
// the host community, in all.
async function audience(page) {
	const text = await page.locator('main p.summary').innerText();
	const n = (text.match(/\d+/g) ?? []).map(Number);
	assert.equal(n.length, 4, `the audience line has four numbers: ${text}`);
	return { migrants: n[0], named: n[1], hosts: n[2], all: n[3], text };
}

flow('x. events: a worker records a round table with its audience counted, names a registered person who spoke there, the audience adds up, the person\'s page lists the event, then removes them; an analyst is kept out; the pages in Russian and Kazakh', async (page, context, t) => {
	// (a) A person who will speak at the round table.
	await login(page, 'worker');
	const person = { family_name: 'Жұмабаева', given_name: 'Ақмарал', sex: 'female', birth_date: '1990-03-08' };
	const pid = await registerPerson(page, person);
	const personName = `${person.family_name} ${person.given_name}`;

	// (b) The round table, through the form: 18 migrants not named, 7 of the host community.
	await page.goto('/events');
	const add = page.getByRole('main').locator('a[href="/events/new"]');
	assert.equal(await add.count(), 1, 'the list of events has a "Record an event" link for a worker');
	await clickAndWait(page, page.getByRole('link', { name: (await add.innerText()).trim(), exact: true }),
		/\/events\/new$/);
	const kind = await byLabel(page, 'f-kind');
	await kind.selectOption('round_table');
	assert.equal(await selectedText(kind), EVENT_KIND.kk, 'the kinds of event are in Kazakh');
	const title = 'Еңбек көші-қоны: жұмыс берушілермен дөңгелек үстел (test)';
	await (await byLabel(page, 'f-title')).fill(title);
	const today = await (await byLabel(page, 'f-held_on')).inputValue();
	assert.match(today, /^\d{4}-\d{2}-\d{2}$/, 'a new event is today\'s unless told');
	const held = daysBefore(today, 2);
	await (await byLabel(page, 'f-held_on')).fill(held);
	await (await byLabel(page, 'f-place')).fill('Алматы, Достық даңғылы 5');
	await (await byLabel(page, 'f-organisers')).fill('Бейімдеу орталығы');
	await (await byLabel(page, 'f-partners')).fill('Алматы кәсіпкерлер палатасы');
	await (await byLabel(page, 'f-migrants')).fill('18');
	await (await byLabel(page, 'f-hosts')).fill('7');
	const results = 'Үш жұмыс беруші бос орындарын орталыққа жібереді.';
	await (await byLabel(page, 'f-results')).fill(results);
	await clickAndWait(page, await buttonOf(page, page.locator('main form[action="/events"]')), /\/events\/\d+$/);
	const eid = new URL(page.url()).pathname.split('/').pop();
	await assertText(page.getByRole('heading', { level: 1 }), title, 'the new event\'s heading');
	await assertText(page.locator('main dl'), [EVENT_KIND.kk, shown(held), 'Достық даңғылы', 'Бейімдеу орталығы',
		'кәсіпкерлер палатасы'], 'the event\'s facts');
	await assertText(page.getByRole('main'), results, 'the results');
	let a = await audience(page);
	assert.deepEqual([a.migrants, a.named, a.hosts, a.all], [18, 0, 7, 25], `the audience: ${a.text}`);
	assert.equal(await page.locator('main table').count(), 0, 'nobody is named yet');

	// (c) The worker names the person, a speaker, by their registry number.
	const named = page.locator(`main form[action="/events/${eid}/participants"]`);
	await (await byLabelWithin(named, 'f-person_id')).fill(pid);
	const role = await byLabelWithin(named, 'f-role');
	await role.selectOption('speaker');
	assert.equal(await selectedText(role), SPEAKER.kk, 'the roles are in Kazakh');
	await clickAndWait(page, await buttonOf(page, named), eventUrl(eid));
	const people = await tableCells(page.locator('main table'));
	assert.equal(people.length, 1, `one person is named: ${JSON.stringify(people)}`);
	assert.deepEqual(people[0].slice(0, 2), [personName, SPEAKER.kk], `the person and their role: ${people[0].join(' | ')}`);
	assert.equal(await page.locator(`main table a[href="/persons/${pid}"]`).count(), 1, 'the name links to their page');
	// The audience adds up: the migrants are those counted and those named; in all, the
	// migrants and the host community.
	a = await audience(page);
	assert.deepEqual([a.migrants, a.named, a.hosts, a.all], [19, 1, 7, 26], `the audience: ${a.text}`);
	assert.equal(a.migrants, 18 + a.named, 'the migrants are the 18 counted and the one named');
	assert.equal(a.all, a.migrants + a.hosts, 'in all: the migrants and the host community');

	// The list of events has it, with its counts.
	await page.goto('/events');
	const row = page.getByRole('main').locator('tbody tr', { has: page.locator(`a[href="/events/${eid}"]`) });
	assert.equal(await row.count(), 1, 'the list of events has the new one');
	const cells = (await row.locator('td').allInnerTexts()).map((c) => c.trim());
	assert.deepEqual(cells, [shown(held), title, EVENT_KIND.kk, '19', '7', '1'],
		`its row: date, title, kind, migrants (the 18 counted and the one named), host community, named: ${cells.join(' | ')}`);
	await page.goto('/events?kind=festival');
	assert.equal(await page.locator(`main a[href="/events/${eid}"]`).count(), 0, 'it is not among the festivals');

	// (d) The person's page lists the event, with their role.
	await page.goto(`/persons/${pid}`);
	const box = page.getByRole('main').locator('section', { has: page.locator(`a[href="/events/${eid}"]`) });
	assert.equal(await box.count(), 1, 'the person\'s page has a section that links to the event');
	const theirs = await tableCells(box.locator('table'));
	assert.deepEqual(theirs, [[shown(held), `${title} (${EVENT_KIND.kk})`, SPEAKER.kk]],
		`the person's events: ${JSON.stringify(theirs)}`);

	// (e) The worker removes them, with the button that names them.
	await page.goto(`/events/${eid}`);
	const remove = page.getByRole('button', { name: personName });
	assert.equal(await remove.count(), 1, `one button names ${personName}`);
	await clickAndWait(page, remove, eventUrl(eid));
	assert.equal(await page.locator(`main a[href="/persons/${pid}"]`).count(), 0, 'the person is no longer named');
	a = await audience(page);
	assert.deepEqual([a.migrants, a.named, a.hosts, a.all], [18, 0, 7, 25], `the audience again: ${a.text}`);
	await page.goto(`/persons/${pid}`);
	assert.equal(await page.locator(`main a[href="/events/${eid}"]`).count(), 0, 'the person\'s page no longer lists it');

	// (f) An analyst is kept out of the events.
	await analystKeptOut('/events', ['/events', '/events/new', `/events/${eid}`, `/events/${eid}/edit`], title);

	// (g) The demo's round table and the pages around it in English, Russian and Kazakh.
	await page.goto('/events');
	const demo = page.getByRole('main').locator('a[href^="/events/"]', { hasText: DEMO_ROUND_TABLE });
	const demoId = (await demo.getAttribute('href')).split('/').pop();
	await page.goto(`/events/${demoId}`);
	const demoPerson = (await page.locator('main table a[href^="/persons/"]').first().getAttribute('href'));
	const paths = ['/events', `/events/${demoId}`, `/events/${demoId}/edit`, '/events/new', demoPerson];
	await readInLanguages(page, t, 'event pages', paths, async (p, lang) => {
		await p.goto(`/events/${demoId}`);
		await assertText(p.locator('main dl'), EVENT_KIND[lang], `the event's kind in ${lang}`);
		const rows = await tableCells(p.locator('main table'));
		assert.ok(rows.some((r) => r[1] === SPEAKER[lang]), `${lang}: the speaker's role: ${JSON.stringify(rows)}`);
		const d = await audience(p);
		assert.equal(d.all, d.migrants + d.hosts, `${lang}: the demo's audience adds up: ${d.text}`);
	});
	const problems = await structureProblems(page, [...paths, `/events/${eid}`]);
	assert.deepEqual(problems, [], 'the event pages');
}, { timeout: 180_000 });

// ---- Programmes: state and regional programmes, quotas, enrolments (src/web/programmes.c) ----

// The kandas programme (src/store/migrations/0021_programmes.sql) as its link reads in Kazakh.
const KANDAS_KK = 'Қандастарды өңірлерге қоныстандыру';
// Pavlodar region as the pages show it.
const PAVLODAR = { kk: 'Павлодар облысы', ru: 'Павлодарская область', en: 'Pavlodar' };
const RELOCATION = { kk: 'көшуге арналған субсидия', ru: 'субсидия на переезд', en: 'relocation subsidy' };

// The quota table of a programme's page: region → {quota, used, left, meter: [value, max]}.
async function quotaUse(page) {
	const rows = page.locator('xpath=//main//h2[@id="quotas"]/following::table[1]').locator('tbody tr');
	const out = {};
	for (const row of await rows.all()) {
		const cells = (await row.locator('td').allInnerTexts()).map((c) => c.trim());
		const meter = row.locator('meter');
		out[cells[0]] = {
			quota: Number(cells[1]), used: Number(cells[2]), left: Number(cells[3]),
			meter: [await meter.getAttribute('value'), await meter.getAttribute('max')].map(Number),
		};
	}
	return out;
}

flow('y. programmes: a worker opens the kandas programme for 2026, reads the quota use per region, works out a family\'s entitlements, enrols a kandas family in Pavlodar and sees its places used, records the relocation subsidy, is refused a second one, withdraws them and sees the places come back; an analyst is kept out; the pages in Russian and Kazakh', async (page, context, t) => {
	// (a) A kandas head of family, registered by the worker.
	await login(page, 'worker');
	await page.goto('/persons/new');
	await (await byLabel(page, 'f-family_name')).fill('Құдайбергенов');
	await (await byLabel(page, 'f-given_name')).fill('Жандос');
	await (await byLabel(page, 'f-sex')).selectOption('male');
	await (await byLabel(page, 'f-birth_date')).fill('1983-05-14');
	await (await checkboxByValue(page, 'categories', 'kandas')).check();
	const reg = await clickAndRespond(page, page.locator('form.person button.primary'));
	assert.equal(reg.status(), 303, 'the person is registered');
	const pid = idOf(page);
	const personName = 'Құдайбергенов Жандос';

	// (b) The kandas programme, from the list, for 2026.
	await page.goto('/programmes');
	assert.equal(await page.getByRole('main').locator('a[href="/programmes/new"]').count(), 0,
		'a worker adds no programme');
	await clickAndWait(page, page.getByRole('main').getByRole('link', { name: KANDAS_KK, exact: true }),
		/\/programmes\/\d+$/);
	const prog = new URL(page.url()).pathname.split('/').pop();
	const year2026 = page.getByRole('main').locator(`a[href="/programmes/${prog}?year=2026#quotas"]`);
	if (await year2026.count()) await clickAndWait(page, year2026, /year=2026/);
	else assert.equal((await page.locator('main h2#quotas + p strong').innerText()).trim(), '2026', 'the page is 2026\'s');
	const programmeUrl = new RegExp(`/programmes/${prog}\\?year=2026(#\\w+)?$`);
	const before = await quotaUse(page);
	assert.ok(Object.keys(before).length >= 8, `the quota use of eight regions: ${Object.keys(before).join(', ')}`);
	const pav = before[PAVLODAR.kk];
	assert.ok(pav, `Pavlodar region is listed: ${Object.keys(before).join(', ')}`);
	assert.equal(pav.quota, 977, 'Pavlodar region takes 977 kandas in 2026');
	assert.equal(pav.left, pav.quota - pav.used, 'the places left are the quota less those used');
	assert.deepEqual(pav.meter, [pav.used, pav.quota], 'the meter shows the places used of the quota');
	const meterName = await page.locator('main table meter').first().getAttribute('aria-label');
	assert.ok(meterName && /\d+ \/ \d+/.test(meterName), `the meter is named: ${meterName}`);

	// (c) What a family of four is entitled to in 2026: the relocation subsidy is 70 MRP per
	// member, rent support 15 to 30 MRP a month, the housing certificate 1 625 MRP.
	const calculator = page.locator('main form[method=get]');
	await (await byLabelWithin(calculator, 'f-c-family')).fill('4');
	await (await byLabelWithin(calculator, 'f-c-on')).fill('2026-06-01');
	await clickAndLoad(page, await buttonOf(page, calculator));
	assert.equal(new URL(page.url()).searchParams.get('family_size'), '4', 'the calculator was asked for four');
	const facts = (await page.locator('xpath=//main//h2[@id="entitlements"]/following::dl[1]').locator('dd').allInnerTexts())
		.map((d) => d.trim());
	assert.deepEqual(facts, ['4 325.00 KZT', '1 211 000.00 KZT', '64 875.00 KZT – 129 750.00 KZT',
		'778 500.00 KZT – 1 557 000.00 KZT', '7 028 125.00 KZT'],
	`the MRP, the subsidy (4 × 70 MRP), the rent a month and for a year, the certificate: ${facts.join(' | ')}`);

	// (d) The worker enrols the person, a family of three, in Pavlodar region.
	await page.goto(`/programmes/${prog}?year=2026`);
	const enrol = page.locator(`main form[action="/programmes/${prog}/enrolments"]`);
	await (await byLabelWithin(enrol, 'f-e-person_id')).fill(pid);
	await (await byLabelWithin(enrol, 'f-e-family_size')).fill('3');
	const region = await byLabelWithin(enrol, 'f-e-region');
	await region.selectOption('KZ-55');
	assert.equal(await selectedText(region), PAVLODAR.kk, 'the regions are in Kazakh');
	assert.equal(await (await byLabelWithin(enrol, 'f-e-year')).inputValue(), '2026', 'the page\'s year');
	const enrolledOn = await (await byLabelWithin(enrol, 'f-e-enrolled_on')).inputValue();
	await clickAndWait(page, await buttonOf(page, enrol), programmeUrl);
	let now = await quotaUse(page);
	assert.equal(now[PAVLODAR.kk].used, pav.used + 3, 'the family of three takes three of Pavlodar\'s places');
	assert.equal(now[PAVLODAR.kk].left, pav.left - 3, 'three places fewer are left');
	assert.deepEqual(now[PAVLODAR.kk].meter, [pav.used + 3, 977], 'the meter shows it');
	for (const [r, q] of Object.entries(before))
		if (r !== PAVLODAR.kk) assert.deepEqual(now[r], q, `${r}: unchanged`);
	const enrolments = page.locator('xpath=//main//h2[@id="enrolments"]/following::table[1]');
	const erow = enrolments.locator('tbody tr', { has: page.locator('a', { hasText: personName }) });
	assert.equal(await erow.count(), 1, 'the enrolments list the person');
	const ecells = (await erow.locator('td').allInnerTexts()).map((c) => c.trim());
	assert.deepEqual([ecells[0], ecells[1], ecells[2], ecells[3], ecells[5]],
		[personName, PAVLODAR.kk, '3', shown(enrolledOn), '0.00 KZT'], `the enrolment: ${ecells.join(' | ')}`);
	const enrolledWord = ecells[4];
	assert.ok(enrolledWord, 'the enrolment says it is open');

	// (e) The enrolment's page: what the family of three is entitled to; the relocation
	// subsidy, 3 × 70 MRP, paid.
	await clickAndWait(page, erow.getByRole('link', { name: personName }), /\/programmes\/\d+\/enrolments\/\d+$/);
	const enrolmentPath = new URL(page.url()).pathname;
	assert.equal(await page.locator(`main h1 a[href="/persons/${pid}"]`).count(), 1, 'the heading links to the person');
	await assertText(page.locator('main dl'), [PAVLODAR.kk, '2026', '908 250.00 KZT'], 'the enrolment\'s facts');
	const support = page.locator(`main form[action="${enrolmentPath}/support"]`);
	const kindSel = await byLabelWithin(support, 'f-s-kind');
	await kindSel.selectOption('relocation_subsidy');
	assert.equal(await selectedText(kindSel), RELOCATION.kk, 'the kinds of support are in Kazakh');
	await (await byLabelWithin(support, 'f-s-amount')).fill('908 250');
	await clickAndWait(page, await buttonOf(page, support), new RegExp(`${enrolmentPath}(#\\w+)?$`));
	const given = await tableCells(page.locator('main table'));
	assert.deepEqual(given, [[shown(await byId(page, 'f-s-given_on').inputValue()), RELOCATION.kk, '908 250.00 KZT', '']],
		`the support given: ${JSON.stringify(given)}`);

	// (f) A second relocation subsidy is refused: the kind marked, the input kept.
	await (await byLabelWithin(support, 'f-s-kind')).selectOption('relocation_subsidy');
	await (await byLabelWithin(support, 'f-s-amount')).fill('100 000');
	const resp = await clickAndRespond(page, await buttonOf(page, support));
	assert.equal(resp.status(), 422, 'a second relocation subsidy is answered 422');
	const kindField = byId(page, 'f-s-kind');
	assert.equal(await kindField.getAttribute('aria-invalid'), 'true', 'the kind of support is marked invalid');
	const ids = (await kindField.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
	assert.ok(ids.length, 'the kind points to its message');
	for (const id of ids) assert.ok((await byId(page, id).innerText()).trim(), `the message #${id} says something`);
	assert.ok(await page.locator('main [role=alert]').count() >= 1, 'a summary is announced');
	assert.equal(await kindField.inputValue(), 'relocation_subsidy', 'the kind is kept');
	assert.equal(await byId(page, 'f-s-amount').inputValue(), '100 000', 'the amount is kept');
	assert.equal((await tableCells(page.locator('main table'))).length, 1, 'nothing more was given');

	// (g) The person leaves the programme: their places come back.
	const withdraw = page.locator(`main form[action="${enrolmentPath}/withdraw"]`);
	await clickAndWait(page, await buttonOf(page, withdraw), programmeUrl);
	now = await quotaUse(page);
	assert.deepEqual(now, before, 'Pavlodar\'s places come back; every region is as it was');
	const wcells = (await enrolments.locator('tbody tr', { has: page.locator('a', { hasText: personName }) })
		.locator('td').allInnerTexts()).map((c) => c.trim());
	assert.notEqual(wcells[4], enrolledWord, `the enrolment says the person left: ${wcells.join(' | ')}`);
	assert.equal(wcells[5], '908 250.00 KZT', 'with the support given');
	const withdrawnWord = wcells[4];
	await page.goto(enrolmentPath);
	assert.equal(await page.locator('main form').count(), 0, 'nothing more is recorded once the person has left');

	// (h) The person's page lists the programme.
	await page.goto(`/persons/${pid}`);
	const box = page.getByRole('main').locator('section', { has: page.locator(`a[href="${enrolmentPath}"]`) });
	assert.equal(await box.count(), 1, 'the person\'s page has a section that links to the enrolment');
	const theirs = await tableCells(box.locator('table'));
	assert.deepEqual(theirs, [[`${KANDAS_KK} (2026)`, PAVLODAR.kk, withdrawnWord, '908 250.00 KZT']],
		`the person's programmes: ${JSON.stringify(theirs)}`);

	// (i) An analyst is kept out of the programmes.
	await analystKeptOut('/programmes', ['/programmes', `/programmes/${prog}`, enrolmentPath], personName);

	// (j) The programme's page, the demo's enrolment (the Batbold family's) and the list in
	// English, Russian and Kazakh.
	await page.goto(`/programmes/${prog}?year=2026`);
	const demo = enrolments.locator('a', { hasText: 'Батболд Ганбаатар' });
	const demoPath = await demo.getAttribute('href');
	const paths = ['/programmes', `/programmes/${prog}?year=2026`, demoPath, `/programmes/${prog}?year=2026&family_size=4&on=2026-06-01`];
	await readInLanguages(page, t, 'programme pages', paths, async (p, lang) => {
		await p.goto(`/programmes/${prog}?year=2026`);
		const q = await quotaUse(p);
		assert.equal(q[PAVLODAR[lang]]?.quota, 977, `${lang}: Pavlodar region by its name in ${lang}: ${Object.keys(q).join(', ')}`);
		await p.goto(demoPath);
		const rows = await tableCells(p.locator('main table'));
		assert.ok(rows.some((r) => r[1] === RELOCATION[lang]), `${lang}: the subsidy paid: ${JSON.stringify(rows)}`);
	});
	const problems = await structureProblems(page, [...paths, enrolmentPath, `/persons/${pid}`]);
	assert.deepEqual(problems, [], 'the programme pages');
}, { timeout: 180_000 });

// ---- Public work: resettlers' organisations, councils, policy proposals (src/web/civic.c) ----

// Reference data as the pages show them, translated in the code.
const ORG_STEP = {
	kk: { initiative_group: 'бастамашыл топ құрылды', registered: 'тіркелді' },
	ru: { initiative_group: 'создана инициативная группа', registered: 'зарегистрирована' },
	en: { initiative_group: 'initiative group formed', registered: 'registered' },
};
const ROG_KIND = { kk: 'этномәдени орталық', ru: 'этнокультурный центр', en: 'ethnocultural centre' };
const COUNCIL_KIND = { kk: 'үйлестіру кеңесі', ru: 'координационный совет', en: 'coordination council' };
const DECISION_STATUS = {
	kk: { adopted: 'қабылданды', in_progress: 'орындалуда', implemented: 'орындалды' },
	ru: { adopted: 'принято', in_progress: 'выполняется', implemented: 'выполнено' },
	en: { adopted: 'adopted', in_progress: 'in progress', implemented: 'implemented' },
};
const PROPOSAL_STATUS = {
	kk: { drafted: 'дайындалды', submitted: 'жіберілді', partly_accepted: 'ішінара қабылданды' },
	ru: { drafted: 'подготовлено', submitted: 'направлено', partly_accepted: 'принято частично' },
	en: { drafted: 'drafted', submitted: 'submitted', partly_accepted: 'partly accepted' },
};

// The rows of the table that follows the heading with this id.
function tableAfterHeading(page, id) {
	return page.locator(`xpath=//main//h2[@id="${id}"]/following::table[1]`);
}

// The row of a list (the first table of the page) that links to href: its cells, trimmed.
async function listRow(page, href) {
	const row = page.getByRole('main').locator('tbody tr', { has: page.locator(`a[href="${href}"]`) });
	assert.equal(await row.count(), 1, `the list has one row for ${href}`);
	return (await row.locator('td').allInnerTexts()).map((c) => c.replace(/\s+/g, ' ').trim());
}

// Follows the link of a list page that leads to path (an "Add …" link), by its role and text.
async function followAddLink(page, path, what) {
	const a = page.getByRole('main').locator(`a[href="${path}"]`);
	assert.equal(await a.count(), 1, `${what}: the list has one link to ${path}`);
	await clickAndWait(page, page.getByRole('main').getByRole('link', { name: (await a.innerText()).trim(), exact: true }),
		new RegExp(`${path}$`));
}

flow('z. public work: a worker adds a resettlers\' organisation and records its steps up to registered, adds a council, records a meeting with its agenda and two decisions, moves one to implemented, writes a proposal at that meeting, submits it and marks it partly accepted with what became of it; an analyst is kept out; the pages in Russian and Kazakh', async (page, context, t) => {
	// (a) The worker reaches the hub through the nav link; it leads to the three lists.
	await login(page, 'worker');
	const nav = page.locator('header nav a[href="/civic"]');
	assert.equal(await nav.count(), 1, 'the nav has a "Public work" link');
	await clickAndWait(page, page.locator('header nav').getByRole('link', { name: (await nav.innerText()).trim(), exact: true }),
		/\/civic$/);
	for (const path of ['/resettler-orgs', '/councils', '/proposals'])
		assert.equal(await page.getByRole('main').locator(`a[href="${path}"]`).count(), 1, `the hub links to ${path}`);

	// (b) A resettlers' organisation, through its form.
	await clickAndWait(page, page.getByRole('main').locator('a[href="/resettler-orgs"]'), /\/resettler-orgs$/);
	await followAddLink(page, '/resettler-orgs/new', 'the organisations');
	const rogName = '«Жаңа өмір» этномәдени орталығы (test)';
	await (await byLabel(page, 'f-name')).fill(rogName);
	const rogKind = await byLabel(page, 'f-kind');
	await rogKind.selectOption('ethnocultural_centre');
	assert.equal(await selectedText(rogKind), ROG_KIND.kk, 'the kinds are in Kazakh');
	await (await byLabel(page, 'f-region')).selectOption('KZ-55');
	await (await byLabel(page, 'f-initiators')).fill('Қарақалпақстаннан келген 7 отбасы');
	await (await byLabel(page, 'f-contact')).fill('+7 718 000 1234');
	await clickAndWait(page, await buttonOf(page, page.locator('main form[action="/resettler-orgs"]')),
		/\/resettler-orgs\/\d+$/);
	const rid = new URL(page.url()).pathname.split('/').pop();
	const rogPath = `/resettler-orgs/${rid}`;
	await assertText(page.getByRole('heading', { level: 1 }), rogName, 'the organisation\'s heading');
	await assertText(page.locator('main dl'), [ROG_KIND.kk, PAVLODAR.kk, 'Қарақалпақстаннан келген 7 отбасы',
		'+7 718 000 1234'], 'the organisation\'s facts');
	assert.equal(await page.locator('main table').count(), 0, 'no step yet');

	// (c) Its steps, one by one, up to "registered" today.
	const steps = page.locator(`main form[action="${rogPath}/steps"]`);
	const today = await (await byLabelWithin(steps, 'f-done_on')).inputValue();
	assert.match(today, /^\d{4}-\d{2}-\d{2}$/, 'a step is today\'s unless told');
	const record = [
		['initiative_group', daysBefore(today, 45), ''],
		['founding_meeting', daysBefore(today, 30), ''],
		['charter_drafted', daysBefore(today, 20), ''],
		['documents_submitted', daysBefore(today, 10), 'Павлодар облысының әділет департаменті'],
		['registered', today, 'Тіркеу куәлігі №1234'],
	];
	const labels = {};
	for (const [i, [step, on, note]] of record.entries()) {
		const select = await byLabelWithin(steps, 'f-step');
		await select.selectOption(step);
		labels[step] = await selectedText(select);
		await (await byLabelWithin(steps, 'f-done_on')).fill(on);
		await (await byLabelWithin(steps, 'f-note')).fill(note);
		await clickAndWait(page, await buttonOf(page, steps), new RegExp(`${rogPath}(#steps)?$`));
		const rows = await tableCells(tableAfterHeading(page, 'steps'));
		assert.equal(rows.length, i + 1, `${i + 1} steps listed: ${JSON.stringify(rows)}`);
		if (i === 0) {
			assert.equal(labels[step], ORG_STEP.kk.initiative_group, 'the steps are in Kazakh');
			await page.goto('/resettler-orgs');
			assert.deepEqual((await listRow(page, rogPath)).slice(3), [`${ORG_STEP.kk.initiative_group} ${shown(on)}`],
				'the list shows the first step as the latest');
			await page.goto(rogPath);
		}
	}
	assert.deepEqual(await tableCells(tableAfterHeading(page, 'steps')),
		record.map(([step, on, note]) => [shown(on), labels[step], note]), 'the steps, dated, in order');
	assert.equal(labels.registered, ORG_STEP.kk.registered);
	await page.goto('/resettler-orgs');
	assert.deepEqual(await listRow(page, rogPath),
		[rogName, ROG_KIND.kk, PAVLODAR.kk, `${ORG_STEP.kk.registered} ${shown(today)}`],
		'the list: name, kind, region, and the latest step with its date');

	// (d) A council, through its form.
	await page.goto('/councils');
	await followAddLink(page, '/councils/new', 'the councils');
	const councilName = 'Павлодар облысы әкімдігі жанындағы этносаралық үйлестіру кеңесі (test)';
	await (await byLabel(page, 'f-name')).fill(councilName);
	const councilKind = await byLabel(page, 'f-kind');
	await councilKind.selectOption('coordination_council');
	assert.equal(await selectedText(councilKind), COUNCIL_KIND.kk, 'the kinds of council are in Kazakh');
	await (await byLabel(page, 'f-region')).selectOption('KZ-55');
	await clickAndWait(page, await buttonOf(page, page.locator('main form[action="/councils"]')), /\/councils\/\d+$/);
	const kid = new URL(page.url()).pathname.split('/').pop();
	const councilPath = `/councils/${kid}`;
	await assertText(page.getByRole('heading', { level: 1 }), councilName, 'the council\'s heading');
	await assertText(page.locator('main dl'), [COUNCIL_KIND.kk, PAVLODAR.kk], 'the council\'s facts');

	// (e) A meeting with its agenda: the meeting's page follows.
	const meetingForm = page.locator(`main form[action="${councilPath}/meetings"]`);
	const held = daysBefore(today, 3);
	await (await byLabelWithin(meetingForm, 'f-held_on')).fill(held);
	await (await byLabelWithin(meetingForm, 'f-place')).fill('Павлодар, Академик Сәтбаев к-сі 49');
	const agenda = '1. Кандастарды жұмысқа орналастыру.\n2. Мемлекеттік тіл курстары.';
	await (await byLabelWithin(meetingForm, 'f-agenda')).fill(agenda);
	await (await byLabelWithin(meetingForm, 'f-minutes')).fill('Кеңестің 9 мүшесі қатысты.');
	await clickAndWait(page, await buttonOf(page, meetingForm), /\/councils\/\d+\/meetings\/\d+$/);
	const meetingPath = new URL(page.url()).pathname;
	const mid = meetingPath.split('/').pop();
	assert.equal(meetingPath, `${councilPath}/meetings/${mid}`, 'the meeting is the council\'s');
	await assertText(page.getByRole('heading', { level: 1 }), [councilName, shown(held)], 'the meeting\'s heading');
	const agendaShown = (await page.locator('main p.note').first().innerText()).trim();
	assert.equal(agendaShown, agenda, 'the agenda, line by line');
	await assertText(page.getByRole('main'), 'Кеңестің 9 мүшесі қатысты.', 'the minutes');

	// (f) Two decisions.
	const decisionForm = page.locator(`main form[action="${meetingPath}/decisions"]`);
	const due = `${Number(today.slice(0, 4)) + 1}-03-01`;
	const decisions = [
		['Кандастарға арналған бос жұмыс орындарының тізімін ай сайын жариялау.', 'adopted', due],
		['Тіл курстарына кешкі топ ашу.', 'in_progress', ''],
	];
	for (const [text, status, on] of decisions) {
		await (await byLabelWithin(decisionForm, 'f-text')).fill(text);
		const select = await byLabelWithin(decisionForm, 'f-status');
		await select.selectOption(status);
		assert.equal(await selectedText(select), DECISION_STATUS.kk[status], 'the statuses are in Kazakh');
		await (await byLabelWithin(decisionForm, 'f-due_on')).fill(on);
		await clickAndWait(page, await buttonOf(page, decisionForm), new RegExp(`${meetingPath}(#decisions)?$`));
	}
	const decisionTable = tableAfterHeading(page, 'decisions');
	const decided = async () => {
		const out = [];
		for (const row of await decisionTable.locator('tbody tr').all()) {
			const cells = (await row.locator('td').allInnerTexts()).map((c) => c.trim());
			out.push([cells[0], cells[1], await selectedText(row.locator('select'))]);
		}
		return out;
	};
	assert.deepEqual(await decided(), [
		[decisions[0][0], shown(due), DECISION_STATUS.kk.adopted],
		[decisions[1][0], '', DECISION_STATUS.kk.in_progress],
	], 'the two decisions with their due dates and statuses');

	// (g) The first one is implemented: its own select, found by its label (which names the
	// decision), and its own button.
	const row = decisionTable.locator('tbody tr', { hasText: decisions[0][0] });
	const selectId = await row.locator('select').getAttribute('id');
	const status = await byLabel(page, selectId);
	await status.selectOption('implemented');
	const save = row.locator('button');
	const saveName = await save.getAttribute('aria-label');
	assert.ok(saveName && saveName.includes(decisions[0][0]), `the row's button names its decision: ${saveName}`);
	const saveByRole = page.getByRole('button', { name: saveName, exact: true });
	assert.equal(await saveByRole.count(), 1, `one button is named "${saveName}"`);
	await clickAndWait(page, saveByRole, new RegExp(`${meetingPath}(#decisions)?$`));
	assert.deepEqual(await decided(), [
		[decisions[0][0], shown(due), DECISION_STATUS.kk.implemented],
		[decisions[1][0], '', DECISION_STATUS.kk.in_progress],
	], 'the first decision is implemented, the second unchanged');

	// The council's page lists the meeting with its two decisions; the list, the council with
	// its one meeting.
	await page.goto(councilPath);
	const meetings = await tableCells(tableAfterHeading(page, 'meetings'));
	assert.deepEqual(meetings, [[shown(held), 'Павлодар, Академик Сәтбаев к-сі 49', '2']],
		`the meetings: ${JSON.stringify(meetings)}`);
	await page.goto('/councils');
	assert.deepEqual(await listRow(page, councilPath), [councilName, COUNCIL_KIND.kk, PAVLODAR.kk, '1'],
		'the list: name, kind, region, meetings');

	// (h) A proposal put forward at that meeting, drafted first.
	await page.goto('/proposals');
	await followAddLink(page, '/proposals/new', 'the proposals');
	const title = 'Кандастарға мемлекеттік тіл курстарын тегін ету (test)';
	const addressee = 'Павлодар облысы әкімдігі';
	await (await byLabel(page, 'f-title')).fill(title);
	await (await byLabel(page, 'f-text')).fill('Облыста тұратын кандастарға мемлекеттік тіл курстарын тегін ұйымдастыру.');
	await (await byLabel(page, 'f-addressee')).fill(addressee);
	assert.equal(await selectedText(await byLabel(page, 'f-status')), PROPOSAL_STATUS.kk.drafted,
		'a new proposal is drafted unless told');
	await (await byLabel(page, 'f-meeting_id')).fill(mid);
	await clickAndWait(page, await buttonOf(page, page.locator('main form[action="/proposals"]')), /\/proposals\/\d+$/);
	const pid = new URL(page.url()).pathname.split('/').pop();
	const proposalPath = `/proposals/${pid}`;
	await assertText(page.getByRole('heading', { level: 1 }), title, 'the proposal\'s heading');
	await assertText(page.locator('main dl'), [addressee, PROPOSAL_STATUS.kk.drafted], 'the proposal\'s facts');
	const from = page.getByRole('main').locator(`a[href="${meetingPath}"]`);
	assert.equal(await from.count(), 1, 'the proposal links to the meeting it came from');
	await assertText(from, [councilName, shown(held)], 'the meeting, by its council and day');

	// (i) Submitted two days ago, through the edit form.
	const edit = async () => {
		await clickAndWait(page, page.getByRole('main').locator(`a[href="${proposalPath}/edit"]`),
			new RegExp(`${proposalPath}/edit$`));
		return page.locator(`main form[action="${proposalPath}"]`);
	};
	let form = await edit();
	assert.equal(await (await byLabelWithin(form, 'f-meeting_id')).inputValue(), mid, 'the meeting is kept');
	const submitted = daysBefore(today, 2);
	await (await byLabelWithin(form, 'f-status')).selectOption('submitted');
	await (await byLabelWithin(form, 'f-submitted_on')).fill(submitted);
	await clickAndWait(page, await buttonOf(page, form), new RegExp(`${proposalPath}$`));
	await assertText(page.locator('main dl'), [PROPOSAL_STATUS.kk.submitted, shown(submitted)], 'submitted, and when');

	// (j) Partly accepted: refused until it says what became of it, then saved.
	form = await edit();
	await (await byLabelWithin(form, 'f-status')).selectOption('partly_accepted');
	const resp = await clickAndRespond(page, await buttonOf(page, form));
	assert.equal(resp.status(), 422, 'partly accepted without what became of it is answered 422');
	const outcome = byId(page, 'f-outcome');
	assert.equal(await outcome.getAttribute('aria-invalid'), 'true', 'what became of it is marked invalid');
	assert.equal(await outcome.getAttribute('aria-describedby'), 'e-outcome', 'it points to its message');
	assert.ok((await page.locator('.field', { has: outcome }).locator('#e-outcome').innerText()).trim(),
		'the message, next to the field, says something');
	assert.equal(await page.locator('main [aria-invalid=true]').count(), 1, 'only what became of it is marked');
	assert.equal(await byId(page, 'f-status').inputValue(), 'partly_accepted', 'the status chosen is kept');
	assert.equal(await byId(page, 'f-submitted_on').inputValue(), submitted, 'the day submitted is kept');
	const result = 'Кешкі топтар тегін болады; демалыс күнгі топтар ақылы болып қалады.';
	form = page.locator(`main form[action="${proposalPath}"]`);
	await (await byLabelWithin(form, 'f-outcome')).fill(result);
	await (await byLabelWithin(form, 'f-outcome_on')).fill(today);
	await clickAndWait(page, await buttonOf(page, form), new RegExp(`${proposalPath}$`));
	await assertText(page.locator('main dl'), [PROPOSAL_STATUS.kk.partly_accepted, shown(submitted), result, shown(today)],
		'partly accepted, what became of it and when');
	await page.goto('/proposals');
	assert.deepEqual(await listRow(page, proposalPath),
		[title, addressee, shown(submitted), PROPOSAL_STATUS.kk.partly_accepted],
		'the list: title, to whom, submitted on, status');

	// (k) An analyst is kept out of all of it.
	await analystKeptOut('/civic', ['/civic', '/resettler-orgs', '/resettler-orgs/new', rogPath, `${rogPath}/edit`],
		rogName);
	await analystKeptOut('/civic', ['/councils', '/councils/new', councilPath, `${councilPath}/edit`, meetingPath],
		councilName);
	await analystKeptOut('/civic', ['/proposals', '/proposals/new', proposalPath, `${proposalPath}/edit`], title);

	// (l) The pages in English, Russian and Kazakh: the same shape in each, the reference data
	// and the dates in the language; the hub counts what the lists list.
	const paths = ['/resettler-orgs', rogPath, `${rogPath}/edit`, '/councils', councilPath, meetingPath,
		'/proposals', proposalPath, `${proposalPath}/edit`];
	await readInLanguages(page, t, 'public work pages', paths, async (p, lang) => {
		const date = (iso) => (lang === 'en' ? iso : shown(iso));
		await p.goto(rogPath);
		const rows = await tableCells(tableAfterHeading(p, 'steps'));
		assert.deepEqual([rows[0].slice(0, 2), rows.at(-1).slice(0, 2)],
			[[date(record[0][1]), ORG_STEP[lang].initiative_group], [date(today), ORG_STEP[lang].registered]],
			`${lang}: the first and the latest step: ${JSON.stringify(rows)}`);
		await p.goto(meetingPath);
		assert.equal(await selectedText(byId(p, selectId)), DECISION_STATUS[lang].implemented,
			`${lang}: the decision implemented`);
		await p.goto(proposalPath);
		await assertText(p.locator('main dl'), [PROPOSAL_STATUS[lang].partly_accepted, date(submitted)],
			`${lang}: the proposal's status and day`);
		await p.goto('/civic');
		const hub = (await p.locator('main ul li').allInnerTexts()).map((s) => s.trim());
		const counts = [];
		for (const path of ['/resettler-orgs', '/councils', '/proposals']) {
			await p.goto(path);
			counts.push(await p.locator('main table tbody tr').count());
		}
		assert.deepEqual(hub.map((s) => Number(s.match(/\((\d+)\)$/)?.[1])), counts,
			`${lang}: the hub counts what the lists list: ${hub.join(' | ')}`);
	});
	const problems = await structureProblems(page, ['/civic', ...paths]);
	assert.deepEqual(problems, [], 'the public work pages');
}, { timeout: 180_000 });

// ---- Screenings of a person (src/web/screenings.c, src/domain/screening.c) ----

// The PHQ-9 as the Russian catalog gives it (locale/ru.po): the first item and the answers.
const PHQ9_RU_ITEM1 = 'Вам не хотелось ничего делать';
const FREQUENCY_RU = ['Ни разу', 'Несколько дней', 'Более недели', 'Почти каждый день'];
// What a result says, in Kazakh (src/domain/reference.c: screening_results, screening_findings,
// screening_proposals).
const SCREENING_KK = {
	moderate: 'орташа',
	positive: 'оң',
	item9: '9-сұрақ: өзіне зиян келтіру ойлары — қауіпсіздікті дереу бағалау керек',
	psychologist: 'психологқа жолдау',
	likely: 'мәжбүрлі еңбек немесе адам саудасы ықтимал',
	pathway: ['жазбаны шектеу (қорғау санаты)', 'орталықта баспана беру', 'әлеуметтік-құқықтық қызметтер',
		'әлеуметтік-психологиялық қызметтер', 'серіктес ұйымға жолдау'],
};
// A PHQ-9's answers, items 1 to 9: total 10 (moderate, positive), item 9 above 0.
const PHQ9_ANSWERS = [2, 1, 2, 1, 1, 1, 1, 0, 1];

// Follows the link of the main part of the page to href, by its role and its text.
async function followLink(page, href, urlTest, what) {
	const a = page.getByRole('main').locator(`a[href="${href}"]`);
	assert.equal(await a.count(), 1, `${what}: one link to ${href}`);
	const name = (await a.innerText()).trim();
	assert.ok(name, `${what}: the link has a text`);
	await clickAndWait(page, page.getByRole('main').getByRole('link', { name, exact: true }), urlTest);
	return name;
}

// The values of a page's <dl>, by term.
async function facts(page) {
	return page.locator('main dl').evaluate((dl) => Object.fromEntries(
		[...dl.querySelectorAll('dt')].map((dt) => [dt.innerText.trim(), dt.nextElementSibling.innerText.trim()])));
}

flow('za. screenings: a worker gives a person a PHQ-9 in Russian on a Kazakh page, is told of the item left unanswered, sees the total, the band, the item-9 alert and a psychologist proposed; records an ILO forced-labour interview found likely, sees the protection pathway and the edit form with the protection category ticked, unsaved; an administrator and an analyst are kept out', async (page) => {
	// (a) The worker opens the person's page; its Screenings box leads to the instruments.
	await login(page, 'worker');
	const pid = await registerPerson(page, {
		family_name: 'Сейітова', given_name: 'Ақмарал', sex: 'female', birth_date: '1994-08-12',
	});
	const base = `/persons/${pid}/screenings`;
	await page.goto(`/persons/${pid}`);
	const box = page.locator('main section[aria-labelledby="screenings-h"]');
	assert.equal(await box.count(), 1, 'the person\'s page has a Screenings box');
	assert.equal(await box.locator('table').count(), 0, 'no screening yet');
	await followLink(page, `${base}/new`, new RegExp(`${base}/new$`), 'the Screenings box');
	const phq9 = await followLink(page, `${base}/new?instrument=phq9`, /\?instrument=phq9$/, 'the instruments');

	// (b) The language of the screening, Russian: the items and their answers in Russian, the
	// page still in Kazakh.
	const form = page.locator(`main form[action="${base}"]`);
	const heading = (await page.getByRole('heading', { level: 1 }).innerText()).trim();
	const save = (await form.locator('button').innerText()).trim();
	const kkItem1 = (await form.locator('fieldset#item-1 legend').innerText()).trim();
	const nav = page.locator('main nav[aria-label]');
	assert.equal(await nav.count(), 1, 'the form has the switch of the language of the screening');
	const switchName = await nav.getAttribute('aria-label');
	assert.ok(switchName.trim(), 'the switch is named');
	await clickAndWait(page, page.getByRole('navigation', { name: switchName, exact: true })
		.getByRole('link', { name: 'Русский', exact: true }), /\?instrument=phq9&lang=ru$/);
	assert.equal(await page.locator('html').getAttribute('lang'), 'kk', 'the interface stays Kazakh');
	assert.equal((await page.getByRole('heading', { level: 1 }).innerText()).trim(), heading, 'the same heading');
	assert.equal((await form.locator('button').innerText()).trim(), save, 'the same button');
	assert.equal((await nav.locator('[aria-current=true]').innerText()).trim(), 'Русский', 'Russian is current');
	assert.equal(await form.locator('fieldset.item legend span[lang="ru"]').count(), 9, 'the nine items are marked Russian');
	const legends = (await form.locator('fieldset.item legend').allInnerTexts()).map((l) => l.trim());
	assert.equal(legends[0], `1. ${PHQ9_RU_ITEM1}`, 'the first item in Russian');
	assert.notEqual(legends[0], kkItem1, 'not as in Kazakh');

	// (c) Every item answered but the fifth: refused, the answers kept, the fifth named.
	const answer = async (k) => {
		const group = page.getByRole('group', { name: legends[k], exact: true });
		await group.getByRole('radio', { name: `${PHQ9_ANSWERS[k]} ${FREQUENCY_RU[PHQ9_ANSWERS[k]]}`, exact: true }).check();
	};
	for (const k of PHQ9_ANSWERS.keys()) if (k !== 4) await answer(k);
	const resp = await clickAndRespond(page, await buttonOf(page, form));
	assert.equal(resp.status(), 422, 'a PHQ-9 with an item unanswered is answered 422');
	assert.equal(await page.locator('main [role=alert]').count(), 1, 'the refusal is announced');
	const kept = await form.locator('fieldset.item input[type=radio]:checked')
		.evaluateAll((rs) => rs.map((r) => `${r.name}=${r.value}`));
	assert.deepEqual(kept, PHQ9_ANSWERS.map((v, k) => `item-${k + 1}=${v}`).filter((_, k) => k !== 4),
		'the other answers are kept checked');
	const marked = form.locator('fieldset.item', { has: page.locator('p.error') });
	assert.equal(await marked.count(), 1, 'one item is marked');
	assert.equal((await marked.locator('legend').innerText()).trim(), legends[4], 'the fifth, by its wording');
	assert.ok((await marked.locator('p.error').innerText()).trim(), 'its message says something');
	assert.equal(await form.locator('fieldset.item legend span[lang="ru"]').count(), 9, 'still in Russian');

	// (d) The fifth answered: saved, and the result.
	await answer(4);
	await clickAndWait(page, await buttonOf(page, form), new RegExp(`${base}/\\d+$`));
	const phq9Path = new URL(page.url()).pathname;
	await assertText(page.getByRole('heading', { level: 1 }), phq9, 'the result names the instrument');
	const alert = page.getByRole('main').getByRole('alert');
	assert.equal(await alert.count(), 1, 'item 9 above 0 raises an alert');
	assert.equal((await alert.innerText()).trim(), SCREENING_KK.item9, 'the alert says what to do');
	const got = Object.values(await facts(page));
	for (const want of ['10', SCREENING_KK.moderate, SCREENING_KK.positive, 'Русский'])
		assert.ok(got.includes(want), `the result shows ${want}: ${got.join(' | ')}`);
	const proposed = (await page.locator('main section.proposals li').allInnerTexts()).map((l) => l.trim());
	assert.equal(proposed.length, 1, `one step proposed: ${proposed.join(' | ')}`);
	assert.ok(proposed[0].startsWith(SCREENING_KK.psychologist), `a psychologist is proposed: ${proposed[0]}`);
	const scores = await page.locator('main section[aria-labelledby="answers-h"] tbody tr td:last-child').allInnerTexts();
	assert.deepEqual(scores.map(Number), PHQ9_ANSWERS, 'the answers as given');

	// (e) An ILO forced-labour interview, from the person's list of screenings.
	await followLink(page, base, new RegExp(`${base}$`), 'the result');
	assert.equal(await page.locator('main tbody tr').count(), 1, 'the list has the PHQ-9');
	await followLink(page, `${base}/new`, new RegExp(`${base}/new$`), 'the list');
	const ilo = await followLink(page, `${base}/new?instrument=ilo_forced_labour`, /\?instrument=ilo_forced_labour$/,
		'the instruments');
	const indicators = [];
	for (const code of ['deception', 'retention_of_identity_documents']) {
		const tick = await checkboxByValue(page, 'indicator', code);
		await tick.check();
		indicators.push((await tick.locator('xpath=ancestor::label[1]').innerText()).trim());
	}
	await page.getByRole('radio', { name: SCREENING_KK.likely, exact: true }).check();
	const reason = 'Жұмыс беруші паспортын алып қойды; уәде етілген жұмыс басқа болып шықты (test).';
	await (await byLabel(page, 'f-finding_reason')).fill(reason);
	await clickAndWait(page, await buttonOf(page, page.locator(`main form[action="${base}"]`)), new RegExp(`${base}/\\d+$`));
	const iloPath = new URL(page.url()).pathname;
	await assertText(page.getByRole('heading', { level: 1 }), ilo, 'the result names the instrument');
	const iloFacts = Object.values(await facts(page));
	for (const want of [SCREENING_KK.likely, reason])
		assert.ok(iloFacts.includes(want), `the result shows ${want}: ${iloFacts.join(' | ')}`);
	const found = (await page.locator('main section[aria-labelledby="answers-h"] li').allInnerTexts()).map((l) => l.trim());
	assert.deepEqual(found, indicators, 'the two indicators found');

	// (f) The protection pathway; its first step leads to the edit form, the category ticked.
	const pathway = (await page.locator('main section.proposals li').allInnerTexts()).map((l) => l.trim());
	assert.equal(pathway.length, SCREENING_KK.pathway.length, `the pathway's steps: ${pathway.join(' | ')}`);
	SCREENING_KK.pathway.forEach((step, i) =>
		assert.ok(pathway[i].startsWith(step), `step ${i + 1} is ${step}: ${pathway[i]}`));
	const edit = `/persons/${pid}/edit?category=forced_labour_victim`;
	await followLink(page, edit, /\/edit\?category=forced_labour_victim$/, 'the pathway');
	assert.equal(await page.locator(`main form[action="/persons/${pid}"]`).count(), 1, 'the person\'s edit form');
	assert.equal(await (await checkboxByValue(page, 'categories', 'forced_labour_victim')).isChecked(), true,
		'the protection category is ticked');
	// Not saved: the form without the proposal has it unticked.
	await page.goto(`/persons/${pid}/edit`);
	assert.equal(await (await checkboxByValue(page, 'categories', 'forced_labour_victim')).isChecked(), false,
		'nothing was saved');

	// (g) The person's page lists both, the PHQ-9 with its alert marked.
	await page.goto(`/persons/${pid}`);
	assert.equal(await box.locator('tbody tr').count(), 2, 'the box lists the two screenings');
	assert.equal(await box.locator(`tbody tr a[href="${iloPath}"]`).count(), 1, 'the interview is listed');
	const phq9Row = box.locator('tbody tr', { has: page.locator(`a[href="${phq9Path}"]`) });
	assert.equal(await phq9Row.locator('.alert').count(), 1, 'the PHQ-9\'s row shows its alert');

	// (h) An administrator and an analyst are kept out.
	for (const user of ['admin', 'analyst'])
		await asUser(user, 'kk', async (p) => {
			for (const path of [base, `${base}/new`, `${base}/new?instrument=phq9`, phq9Path, iloPath])
				assert.equal(await gotoStatus(p, path), 403, `${path} is forbidden to ${user}`);
			// Whoever of them reads the person's page finds no Screenings box on it.
			if (await gotoStatus(p, `/persons/${pid}`) === 200)
				assert.equal(await p.locator('main section[aria-labelledby="screenings-h"]').count(), 0,
					`${user} sees no Screenings box`);
		});
}, { timeout: 120_000 });

// ---- Labour: employers, vacancies, employments and their alerts (src/web/labour.c) ----

// What the labour pages say, in Kazakh (src/domain/labour.c: labour_alert_kinds,
// labour_document_holders; locale/kk.po).
const LABOUR_KK = {
	belowMinimum: 'жалақы ең төменгі жалақыдан төмен',
	documentsHeld: 'жеке басын куәландыратын құжаттарды жұмыс беруші немесе делдал ұстап отыр',
	heldByEmployer: 'жұмыс берушіде',
	offered: 'беріледі',
	corrected: 'жазба түзетілді',
};

// A BIN: the eleven digits given and the check digit (src/domain/labour.c, labour_bin_valid).
function binOf(eleven) {
	const d = [...eleven].map(Number);
	const sum = (weight) => d.reduce((s, x, i) => s + x * weight(i), 0) % 11;
	let check = sum((i) => i + 1);
	if (check === 10) check = sum((i) => ((i + 2) % 11) + 1);
	assert.ok(check < 10, `${eleven}: no BIN is issued with these digits`);
	return eleven + check;
}

// The alerts of an employment's page: [what, its box] for each, in the page's order.
async function employmentAlerts(page) {
	const boxes = await page.locator('main section[aria-labelledby="alerts-h"] .alert-box').all();
	const out = [];
	for (const box of boxes) out.push([(await box.locator('strong').innerText()).trim(), box]);
	return out;
}

flow('zb. labour: a worker adds an employer and a vacancy for it with housing, records a person\'s employment below the minimum wage with the passport held by the employer (refused first for 200 hours a week, the input kept), resolves the documents alert with a note, corrects the wage and the wage alert is resolved as corrected; a supervisor\'s list of open alerts shows others\' and not these; an analyst is kept out', async (page) => {
	// (a) The worker reaches the labour page through the nav link, and adds an employer.
	await login(page, 'worker');
	const nav = page.locator('header nav a[href="/labour"]');
	assert.equal(await nav.count(), 1, 'the nav has a "Labour" link');
	await clickAndWait(page, page.locator('header nav').getByRole('link', { name: (await nav.innerText()).trim(), exact: true }),
		/\/labour$/);
	await followAddLink(page, '/employers/new', 'the labour page');
	const employerName = '«Ертіс Бетон» ЖШС (test)';
	const bin = binOf('23054001234');
	await (await byLabel(page, 'f-name')).fill(employerName);
	await (await byLabel(page, 'f-bin')).fill(bin);
	await (await byLabel(page, 'f-region')).selectOption('KZ-55');
	await (await byLabel(page, 'f-address')).fill('Павлодар, Естай к-сі 81');
	await (await byLabel(page, 'f-contact')).fill('Кадр бөлімі, Айжан Серікова');
	await (await byLabel(page, 'f-phone')).fill('+7 718 255 0101');
	await clickAndWait(page, await buttonOf(page, page.locator('main form[action="/employers"]')), /\/employers\/\d+$/);
	const eid = new URL(page.url()).pathname.split('/').pop();
	const employerPath = `/employers/${eid}`;
	await assertText(page.getByRole('heading', { level: 1 }), employerName, 'the employer\'s heading');
	const employerFacts = Object.values(await facts(page));
	for (const want of [bin, PAVLODAR.kk, 'Павлодар, Естай к-сі 81', 'Кадр бөлімі, Айжан Серікова', '+7 718 255 0101'])
		assert.ok(employerFacts.includes(want), `the employer's page shows ${want}: ${employerFacts.join(' | ')}`);
	assert.equal(await page.locator('main table').count(), 0, 'no vacancy yet');

	// (b) A vacancy for it, from its page: the employer chosen already; housing offered, for
	// people who speak Kazakh and Russian.
	const newVacancy = `/vacancies/new?employer=${eid}`;
	await followLink(page, newVacancy, /\/vacancies\/new\?employer=\d+$/, 'the employer\'s page');
	assert.equal(await selectedText(await byLabel(page, 'f-employer_id')), employerName, 'the employer is chosen');
	const job = 'Бетон құюшы (test)';
	await (await byLabel(page, 'f-title')).fill(job);
	const occupation = await byLabel(page, 'f-occupation');
	await occupation.selectOption('71');
	const occupationText = await selectedText(occupation);
	assert.match(occupationText, /құрылыс/, 'the occupations are in Kazakh');
	await (await byLabel(page, 'f-region')).selectOption('KZ-55');
	await (await byLabel(page, 'f-wage')).fill('250000');
	await (await byLabel(page, 'f-hours_per_week')).fill('40');
	await (await byLabel(page, 'f-languages')).fill('kk ru');
	await (await byLabel(page, 'f-places')).fill('2');
	await (await checkboxByValue(page, 'housing', '1')).check();
	await clickAndWait(page, await buttonOf(page, page.locator('main form[action="/vacancies"]')), /\/vacancies\/\d+$/);
	const vacancyPath = new URL(page.url()).pathname;
	await assertText(page.getByRole('heading', { level: 1 }), job, 'the vacancy\'s heading');
	assert.equal(await page.getByRole('main').locator(`a[href="${employerPath}"]`).count(), 1, 'it links to its employer');
	const vacancyFacts = Object.values(await facts(page));
	for (const want of [occupationText, PAVLODAR.kk, '250 000.00 KZT', '40', LABOUR_KK.offered, 'kk ru', '2'])
		assert.ok(vacancyFacts.includes(want), `the vacancy's page shows ${want}: ${vacancyFacts.join(' | ')}`);
	const vacancyRow = [job, employerName, occupationText, PAVLODAR.kk, '250 000.00 KZT', '40', LABOUR_KK.offered];
	await page.goto(employerPath);
	assert.deepEqual(await listRow(page, vacancyPath), vacancyRow, 'the employer\'s page lists the vacancy');
	await page.goto('/labour');
	assert.deepEqual(await listRow(page, vacancyPath), vacancyRow, 'the labour page lists it with the open vacancies');
	assert.deepEqual(await listRow(page, employerPath), [employerName, PAVLODAR.kk, '1'],
		'the labour page lists the employer with its one open vacancy');

	// (c) A person's employment, from the Work box of their page.
	const pid = await registerPerson(page, {
		family_name: 'Қасымов', given_name: 'Дәулет', sex: 'male', birth_date: '1991-05-17',
	});
	const personPath = `/persons/${pid}`;
	const work = page.locator('main section[aria-labelledby="work-h"]');
	assert.equal(await work.count(), 1, 'the person\'s page has a Work box');
	assert.equal(await work.locator('table').count(), 0, 'no employment yet');
	await followLink(page, `${personPath}/employments/new`, new RegExp(`${personPath}/employments/new$`), 'the Work box');
	const form = page.locator(`main form[action="${personPath}/employments"]`);
	const employer = await byLabel(page, 'f-employer_id');
	await employer.selectOption(eid);
	assert.equal(await selectedText(employer), employerName, 'the new employer is in the list');
	await (await byLabel(page, 'f-job_title')).fill(job);
	await (await byLabel(page, 'f-occupation')).selectOption('71');
	await (await byLabel(page, 'f-region')).selectOption('KZ-55');
	await (await byLabel(page, 'f-wage')).fill('84999.99');
	await (await byLabel(page, 'f-hours_per_week')).fill('200');
	const today = await (await byLabel(page, 'f-started_on')).inputValue();
	assert.match(today, /^\d{4}-\d{2}-\d{2}$/, 'an employment starts today unless told');
	await (await byLabel(page, 'f-contract')).selectOption('written');
	const holder = await byLabel(page, 'f-documents_held_by');
	await holder.selectOption('employer');
	assert.equal(await selectedText(holder), LABOUR_KK.heldByEmployer, 'who holds the documents, in Kazakh');

	// 200 hours a week: refused, the hours marked, everything typed kept.
	const resp = await clickAndRespond(page, await buttonOf(page, form));
	assert.equal(resp.status(), 422, '200 hours a week is answered 422');
	const hours = byId(page, 'f-hours_per_week');
	assert.equal(await hours.getAttribute('aria-invalid'), 'true', 'the hours are marked invalid');
	assert.equal(await hours.getAttribute('aria-describedby'), 'e-hours_per_week', 'they point to their message');
	assert.ok((await page.locator('.field', { has: hours }).locator('#e-hours_per_week').innerText()).trim(),
		'the message, next to the hours, says something');
	assert.equal(await page.locator('main [aria-invalid=true]').count(), 1, 'only the hours are marked');
	assert.ok(await page.locator('main [role=alert]').count() >= 1, 'the refusal is announced');
	const kept = {
		'f-employer_id': eid, 'f-job_title': job, 'f-occupation': '71', 'f-region': 'KZ-55', 'f-wage': '84999.99',
		'f-hours_per_week': '200', 'f-started_on': today, 'f-contract': 'written', 'f-documents_held_by': 'employer',
	};
	for (const [id, value] of Object.entries(kept))
		assert.equal(await byId(page, id).inputValue(), value, `${id} is kept as typed`);

	// 40 hours: recorded; the employment's page has the two alerts.
	await (await byLabel(page, 'f-hours_per_week')).fill('40');
	await clickAndWait(page, await buttonOf(page, form), /\/employments\/\d+$/);
	const employmentPath = new URL(page.url()).pathname;
	await assertText(page.getByRole('heading', { level: 1 }), 'Қасымов Дәулет', 'the employment\'s heading names the person');
	assert.equal(await page.getByRole('heading', { level: 1 }).locator(`a[href="${personPath}"]`).count(), 1,
		'and links to their page');
	const employmentFacts = Object.values(await facts(page));
	for (const want of [employerName, job, '84 999.99 KZT', '40', shown(today), LABOUR_KK.heldByEmployer])
		assert.ok(employmentFacts.includes(want), `the employment's page shows ${want}: ${employmentFacts.join(' | ')}`);
	let alerts = await employmentAlerts(page);
	assert.deepEqual(alerts.map(([what]) => what).sort(), [LABOUR_KK.belowMinimum, LABOUR_KK.documentsHeld].sort(),
		'two alerts: below the minimum wage, documents held');
	for (const [what, box] of alerts)
		assert.equal(await box.locator('form').count(), 1, `the alert "${what}" has its resolve form`);
	await page.goto(personPath);
	assert.deepEqual(await listRow(page, employmentPath), [job, employerName, shown(today), '2'],
		'the Work box lists the employment with its two open alerts');

	// (d) The documents alert resolved with a note, through its own form.
	await page.goto(employmentPath);
	const note = 'Паспорт қызметкердің өзіне қайтарылды (test).';
	const documents = new Map(await employmentAlerts(page)).get(LABOUR_KK.documentsHeld);
	const noteId = await documents.locator('input[name=resolution]').getAttribute('id');
	await (await byLabelWithin(documents, noteId)).fill(note);
	const resolve = documents.getByRole('button');
	assert.equal(await resolve.count(), 1, 'the alert\'s form has one button');
	await clickAndWait(page, resolve, new RegExp(`${employmentPath}(#alerts-h)?$`));
	alerts = new Map(await employmentAlerts(page));
	await assertText(alerts.get(LABOUR_KK.documentsHeld), `${shown(today)}: ${note}`, 'resolved today, with the note');
	assert.equal(await alerts.get(LABOUR_KK.documentsHeld).locator('form').count(), 0, 'no form left for it');
	assert.equal(await alerts.get(LABOUR_KK.belowMinimum).locator('form').count(), 1, 'the wage alert is still open');

	// (e) The wage corrected to 90,000 KZT: the wage alert resolved as corrected, none open.
	const edit = page.locator(`main form[action="${employmentPath}"]`);
	const wage = await byLabelWithin(edit, 'f-wage');
	assert.equal(await wage.inputValue(), '84 999.99', 'the edit form has the wage');
	await wage.fill('90000');
	await clickAndWait(page, await buttonOf(page, edit), new RegExp(`${employmentPath}$`));
	assert.ok(Object.values(await facts(page)).includes('90 000.00 KZT'), 'the new wage');
	alerts = new Map(await employmentAlerts(page));
	await assertText(alerts.get(LABOUR_KK.belowMinimum), `${shown(today)}: ${LABOUR_KK.corrected}`,
		'the wage alert is resolved today as corrected');
	// Saving the record again does not raise anew the documents alert the worker resolved.
	assert.equal(await page.locator('main form[action$="/resolve"]').count(), 0,
		`no alert is open, the documents alert resolved by hand not raised again: ${
			(await page.locator('main section[aria-labelledby="alerts-h"] .alert-box:has(form) strong').allInnerTexts()).join(' | ')}`);
	assert.equal((await employmentAlerts(page)).length, 2, 'the two alerts, both resolved');
	await page.goto(personPath);
	assert.deepEqual(await listRow(page, employmentPath), [job, employerName, shown(today), ''],
		'the Work box shows no open alert');

	// (f) A supervisor's list of open alerts: the demo's others, not these; with the resolved
	// ones too, these two, resolved today.
	await asUser('supervisor', 'kk', async (p) => {
		await p.goto('/labour/alerts');
		const rows = p.getByRole('main').locator('tbody tr');
		assert.ok(await rows.count() >= 3, 'the open alerts of other people are listed');
		assert.ok(await rows.filter({ hasText: 'Abdullaev Rustam' }).count() >= 3, 'Abdullaev Rustam\'s among them');
		assert.equal(await p.getByRole('main').locator(`a[href="${personPath}"], a[href="${employmentPath}#alerts-h"]`).count(),
			0, 'not the two resolved');
		await followLink(p, '/labour/alerts?open=0', /\/labour\/alerts\?open=0$/, 'the list of open alerts');
		const ours = (await tableCells(p.getByRole('main').locator('table')))
			.filter((cells) => cells[1] === 'Қасымов Дәулет');
		assert.deepEqual(ours.map((cells) => cells[0]).sort(), [LABOUR_KK.belowMinimum, LABOUR_KK.documentsHeld].sort(),
			`with the resolved ones, these two: ${JSON.stringify(ours)}`);
		for (const cells of ours)
			assert.deepEqual(cells.slice(2), [`${job} · ${employerName}`, shown(today), shown(today)],
				'raised and resolved today');
	});

	// (g) An analyst is kept out.
	await analystKeptOut('/labour', ['/labour', '/labour/alerts', '/minimum-wages', employerPath, vacancyPath,
		employmentPath, `${personPath}/vacancies`, `${personPath}/employments/new`], employerName);
	const problems = await structureProblems(page, ['/labour', '/labour/alerts', employerPath, vacancyPath,
		employmentPath, personPath, `${personPath}/vacancies`]);
	assert.deepEqual(problems, [], 'the labour pages');
}, { timeout: 120_000 });

// ---- Reports: the report builder (src/web/reports.c) ----

// Waits for the answer to the page's own GET of `path` and the page that follows (the report
// form is a GET form: a refused one is answered 422 with the form again).
async function clickAndGet(page, locator, path) {
	const [resp] = await Promise.all([
		page.waitForResponse((r) => r.request().isNavigationRequest() && new URL(r.url()).pathname === path),
		page.waitForEvent('load'),
		locator.click(),
	]);
	return resp;
}

// The figures of a report's table as numbers: its body rows and its footer, without the
// row headers (a withheld figure is NaN).
async function reportFigures(table) {
	const read = (rows) => rows.map((r) => [...r.querySelectorAll('td')].map((c) => Number(c.innerText.trim())));
	return {
		rows: await table.locator('tbody tr').evaluateAll(read),
		foot: await table.locator('tfoot tr').evaluateAll(read),
	};
}

flow('zc. reports: a supervisor opens Reports from the navigation, cuts cases by region and sex with the form, reads the table with its totals and the chart, downloads the CSV; the same axis twice is refused at the Columns field, the other choices kept; a worker has no Reports link and is refused the page', async (page) => {
	// (a) The supervisor reaches the report builder through the nav link.
	await login(page, 'supervisor');
	const nav = page.locator('header nav a[href="/reports"]');
	assert.equal(await nav.count(), 1, 'the nav has a "Reports" link');
	await clickAndWait(page, page.locator('header nav').getByRole('link', { name: (await nav.innerText()).trim(), exact: true }),
		/\/reports$/);
	const form = page.locator('main form[action="/reports"]');
	assert.equal(await form.count(), 1, 'the page has the report form');

	// (b) Cases opened, by region and by sex, through the form's labelled controls.
	const measure = await byLabel(page, 'f-measure');
	await measure.selectOption('cases');
	const measureText = await selectedText(measure);
	const rows = await byLabel(page, 'f-rows');
	await rows.selectOption('region');
	const rowsText = await selectedText(rows);
	const cols = await byLabel(page, 'f-cols');
	await cols.selectOption('sex');
	const from = await (await byLabel(page, 'f-from')).inputValue();
	const to = await (await byLabel(page, 'f-to')).inputValue();
	assert.match(from, /^\d{4}-01-01$/, 'a report starts on the first of January unless told');
	assert.match(to, /^\d{4}-\d{2}-\d{2}$/, 'and ends today');
	const show = await buttonOf(page, form);
	let resp = await clickAndGet(page, show, '/reports');
	assert.equal(resp.status(), 200, 'the report is shown');
	const query = new URL(page.url()).searchParams;
	assert.deepEqual([query.get('measure'), query.get('rows'), query.get('cols'), query.get('from'), query.get('to')],
		['cases', 'region', 'sex', from, to], 'the form asks for what was chosen');
	assert.equal(await byId(page, 'f-measure').inputValue(), 'cases', 'the measure stays chosen');
	assert.equal(await byId(page, 'f-rows').inputValue(), 'region', 'the rows stay chosen');
	assert.equal(await byId(page, 'f-cols').inputValue(), 'sex', 'the columns stay chosen');

	// (c) The table: its caption names the measure and the period; a row per region, a column
	// per sex and the totals, which add up.
	const table = page.getByRole('main').locator('table');
	assert.equal(await table.count(), 1, 'one table');
	const caption = await assertText(table.locator('caption'), [measureText, from, to], 'the table\'s caption');
	assert.equal(await page.getByRole('table', { name: caption.trim(), exact: true }).count(), 1,
		'the caption names the table');
	const heads = (await table.locator('thead th').allInnerTexts()).map((t) => t.trim());
	assert.equal(heads[0], rowsText, 'the first column heads the regions');
	assert.ok(heads.length >= 3, `a column per sex and the totals: ${heads.join(' | ')}`);
	assert.equal(await table.locator('tbody th[scope=row]').count(), await table.locator('tbody tr').count(),
		'each row is headed by its region');
	const figures = await reportFigures(table);
	assert.ok(figures.rows.length >= 2, 'a row per region');
	assert.equal(figures.foot.length, 1, 'a row of totals');
	const flat = [...figures.rows.flat(), ...figures.foot.flat()];
	assert.ok(flat.every(Number.isInteger), `a supervisor sees every figure: ${JSON.stringify(figures)}`);
	for (const r of figures.rows)
		assert.equal(r.slice(0, -1).reduce((a, b) => a + b, 0), r.at(-1), `a row adds up to its total: ${r}`);
	const foot = figures.foot[0];
	foot.forEach((total, c) => assert.equal(figures.rows.reduce((a, r) => a + r[c], 0), total,
		`column ${c + 1} adds up to its total: ${JSON.stringify(figures)}`));
	assert.ok(foot.at(-1) >= 2, 'the demo\'s cases are counted');

	// (d) The chart: an image named by its title, which names the measure and the rows.
	const svg = page.getByRole('main').locator('svg[role=img]');
	assert.equal(await svg.count(), 1, 'one chart');
	const titleId = await svg.getAttribute('aria-labelledby');
	assert.ok(titleId, 'the chart is labelled');
	const title = byId(page, titleId);
	assert.equal(await title.evaluate((e) => e.tagName.toLowerCase()), 'title', 'by its <title>');
	const titleText = (await title.textContent()).trim();
	assert.ok(titleText.includes(measureText) && titleText.includes(rowsText),
		`the title names the measure and the rows: "${titleText}"`);
	assert.equal(await page.getByRole('img', { name: titleText, exact: true }).count(), 1,
		'the chart is an image named by its title');
	const bars = await svg.locator('rect').count();
	assert.ok(bars >= 1 && bars <= figures.rows.length, `a bar for each region (${bars} for ${figures.rows.length})`);

	// (e) The CSV file: downloaded through its link, the same report; its first line names the
	// measure (and the period).
	const csvLink = page.getByRole('main').locator('a[href^="/reports/export?format=csv"]');
	assert.equal(await csvLink.count(), 1, 'one link to the CSV file');
	const csvQuery = new URL(await csvLink.getAttribute('href'), page.url()).searchParams;
	assert.deepEqual([csvQuery.get('measure'), csvQuery.get('rows'), csvQuery.get('cols'), csvQuery.get('from'), csvQuery.get('to')],
		['cases', 'region', 'sex', from, to], 'the file is the same report');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('main').getByRole('link', { name: (await csvLink.innerText()).trim(), exact: true }).click(),
	]);
	assert.match(download.suggestedFilename(), /\.csv$/, `a CSV file: ${download.suggestedFilename()}`);
	const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
	const lines = csv.split(/\r?\n/).filter(Boolean);
	assert.equal(lines[0].split(',')[0].replace(/^"|"$/g, ''), measureText, `the file's first line names the measure: ${lines[0]}`);
	assert.ok(lines[0].includes(from) && lines[0].includes(to), `and the period: ${lines[0]}`);
	assert.equal(lines.length, 2 + figures.rows.length + 1, `the heading, a line per region and the totals:\n${csv}`);
	const xlsxHref = await page.getByRole('main').locator('a[href^="/reports/export?format=xlsx"]').getAttribute('href');
	const xlsx = await page.request.get(xlsxHref);
	assert.equal(xlsx.status(), 200, 'the XLSX file is given');
	assert.equal((await xlsx.body()).subarray(0, 2).toString('latin1'), 'PK', 'an XLSX file (a zip)');
	assert.equal(new URL(page.url()).pathname, '/reports', 'the downloads leave the page where it was');

	// (f) The same axis twice: refused (422), the message tied to the Columns field, the other
	// choices kept, no report.
	await (await byLabel(page, 'f-cols')).selectOption('region');
	resp = await clickAndGet(page, await buttonOf(page, form), '/reports');
	assert.equal(resp.status(), 422, 'the same axis twice is answered 422');
	const colsField = byId(page, 'f-cols');
	assert.equal(await colsField.getAttribute('aria-invalid'), 'true', 'the columns are marked invalid');
	const described = await colsField.getAttribute('aria-describedby');
	assert.ok(described, 'the columns point to their message');
	const message = byId(page, described);
	assert.equal(await message.count(), 1, `the message #${described} is on the page`);
	assert.equal(await page.locator('.field', { has: colsField }).locator(`[id="${described}"]`).count(), 1,
		'the message is next to the columns');
	assert.ok((await message.innerText()).trim(), 'the message says something');
	assert.equal(await page.locator('main [aria-invalid=true]').count(), 1, 'only the columns are marked');
	assert.ok(await page.locator('main [role=alert]').count() >= 1, 'the refusal is announced');
	assert.equal(await byId(page, 'f-measure').inputValue(), 'cases', 'the measure is kept');
	assert.equal(await byId(page, 'f-rows').inputValue(), 'region', 'the rows are kept');
	assert.equal(await colsField.inputValue(), 'region', 'the columns are kept as chosen');
	assert.equal(await byId(page, 'f-from').inputValue(), from, 'the start is kept');
	assert.equal(await byId(page, 'f-to').inputValue(), to, 'the end is kept');
	assert.equal(await page.getByRole('main').locator('table, svg, a[href^="/reports/export"]').count(), 0,
		'no report is shown for a refused form');

	// (g) A social worker has no Reports link and is refused the page and its files.
	await asUser('worker', 'kk', async (w) => {
		assert.ok(await w.locator('header nav a').count() >= 2, 'the worker has the navigation');
		assert.equal(await w.locator('header nav a[href^="/reports"]').count(), 0, 'no Reports link for a worker');
		assert.equal(await gotoStatus(w, '/reports'), 403, '/reports is forbidden to a worker');
		assert.equal(await w.getByRole('heading', { level: 1 }).count(), 1, 'the error page has its heading');
		assert.equal(await w.getByRole('main').locator('table, form, svg').count(), 0, 'nothing of a report is shown');
		const file = await w.request.get(`/reports/export?format=csv&measure=cases&rows=region&cols=sex`);
		assert.equal(file.status(), 403, 'the CSV file is forbidden to a worker');
	});
}, { timeout: 90_000 });

// ---- The dashboard (src/web/reports.c, page_dashboard_get) ----

// The ids of the headings naming the main's sections, in order.
async function sectionIds(page) {
	return page.getByRole('main').locator('section[aria-labelledby]')
		.evaluateAll((s) => s.map((e) => e.getAttribute('aria-labelledby')));
}

flow('zd. dashboard: the analyst lands on the dashboard when logging in and at "/", sees the twelve months only and follows "Build a report" to the report builder; a worker lands on the caseload, opens the dashboard from the navigation and follows the "My open cases" card to the caseload', async (page) => {
	// (a) The analyst, who sees aggregates only, is sent to the dashboard by the login and by "/".
	await login(page, 'analyst');
	assert.equal(new URL(page.url()).pathname, '/dashboard', 'the login sends the analyst to the dashboard');
	const home = await page.goto('/');
	assert.equal(new URL(home.request().redirectedFrom()?.url() ?? page.url()).pathname, '/', 'the request was for "/"');
	assert.equal(new URL(page.url()).pathname, '/dashboard', '"/" sends the analyst to the dashboard');
	const nav = page.locator('header nav a[href="/dashboard"]');
	assert.equal(await nav.count(), 1, 'the nav has a "Dashboard" link');
	assert.equal((await page.getByRole('heading', { level: 1 }).innerText()).trim(), (await nav.innerText()).trim(),
		'the page is headed as the nav names it');
	assert.deepEqual(await sectionIds(page), ['trend-h'], 'the analyst sees the twelve months, not "My work" nor "The organisation"');
	assert.equal(await page.getByRole('main').locator('dl, a[href^="/cases"], a[href^="/referrals"]').count(), 0,
		'no figure cards, no link to records');

	// (b) "Build a report" leads to the report builder.
	const build = page.getByRole('main').locator('section[aria-labelledby="trend-h"] a[href="/reports"]');
	assert.equal(await build.count(), 1, 'the twelve months end with a link to the report builder');
	await clickAndWait(page, page.getByRole('main').getByRole('link', { name: (await build.innerText()).trim(), exact: true }),
		/\/reports$/);
	assert.equal(await page.locator('main form[action="/reports"]').count(), 1, 'the report builder\'s form');

	// (c) A social worker starts from the caseload; the dashboard's "My open cases" card leads
	// back to it, and the caseload lists as many open cases as the card counts.
	await asUser('worker', 'kk', async (w) => {
		assert.equal(new URL(w.url()).pathname, '/cases', 'the login sends a worker to the caseload');
		const link = w.locator('header nav a[href="/dashboard"]');
		assert.equal(await link.count(), 1, 'the worker has the "Dashboard" link too');
		await clickAndWait(w, w.locator('header nav').getByRole('link', { name: (await link.innerText()).trim(), exact: true }),
			/\/dashboard$/);
		assert.deepEqual(await sectionIds(w), ['mine-h', 'org-h'], 'a worker sees "My work" and "The organisation"');
		const card = w.locator('main section[aria-labelledby="mine-h"] dl.figures > div').first();
		const label = (await card.locator('dt').innerText()).trim();
		// The card's label is its link (the link's name says what it counts), its figure beside.
		const link2 = card.locator('dt a[href="/cases"]');
		assert.equal(await link2.count(), 1, `the card "${label}" links to the caseload`);
		const count = Number((await card.locator('dd').innerText()).trim());
		assert.ok(Number.isInteger(count) && count >= 1, `the demo worker has open cases: "${await card.locator('dd').innerText()}"`);
		await clickAndWait(w, card.getByRole('link', { name: label, exact: true }), /\/cases$/);
		// The caseload's list of open cases is headed as the card is labelled ("My open cases").
		const listed = w.getByRole('main').locator('section', { has: w.getByRole('heading', { level: 2, name: label, exact: true }) });
		assert.equal(await listed.count(), 1, `the caseload has a section "${label}"`);
		assert.equal(await listed.locator('tbody tr').count(), count, `it lists the ${count} open cases the card counts`);
	});
}, { timeout: 90_000 });

// ---- The fixed reports (src/web/documents.c, src/export/fixed.c) ----

// The month after a YYYY-MM month, and the last day of a month (YYYY-MM-DD).
function monthAfter(ym) {
	const d = new Date(`${ym}-01T00:00:00Z`);
	d.setUTCMonth(d.getUTCMonth() + 1);
	return d.toISOString().slice(0, 7);
}
function lastDayOf(ym) {
	const d = new Date(`${monthAfter(ym)}-01T00:00:00Z`);
	d.setUTCDate(0);
	return d.toISOString().slice(0, 10);
}

// The cells of a line of a CSV file (quoted cells with "" inside them, as the files write them).
function csvCells(line) {
	const cells = [];
	for (const m of line.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g))
		cells.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]);
	return cells;
}

flow('ze. fixed reports: a supervisor follows "Monthly activity report" from Reports, asks for this month with the form, reads the month in figures (as its CSV file has it) and the tables cut by an axis, whose totals agree with it, downloads the PDF, and prints the page without the navigation and the form; a worker is refused the report and its PDF, and reads a cohort\'s report', async (page) => {
	// (a) Reports lists the three fixed reports; the monthly one is followed by its link.
	await login(page, 'supervisor');
	await page.goto('/reports');
	const main = page.getByRole('main');
	for (const path of ['/reports/monthly', '/reports/programme', '/reports/cohort'])
		assert.equal(await main.locator(`a[href="${path}"]`).count(), 1, `/reports links to ${path}`);
	const name = (await main.locator('a[href="/reports/monthly"]').innerText()).trim();
	await clickAndWait(page, main.getByRole('link', { name, exact: true }), /\/reports\/monthly$/);
	assert.equal((await page.getByRole('heading', { level: 1 }).innerText()).trim(), name,
		'the report is headed as the link names it');

	// (b) Its form asks for a month, the last one by default; this month is asked for.
	const form = main.locator('form.filters[action="/reports/monthly"]');
	assert.equal(await form.count(), 1, 'the page has the report\'s form');
	assert.equal(await form.getAttribute('method'), 'get', 'a report is asked for with GET');
	const month = await byLabel(page, 'f-month');
	const last = await month.inputValue();
	assert.match(last, /^\d{4}-\d{2}$/, `the last month by default: "${last}"`);
	const thisMonth = monthAfter(last);
	await month.fill(thisMonth);
	const resp = await clickAndGet(page, await buttonOf(page, form), '/reports/monthly');
	assert.equal(resp.status(), 200, 'the month\'s report is shown');
	assert.equal(new URL(page.url()).searchParams.get('month'), thisMonth, 'the form asks for this month');
	assert.equal(await byId(page, 'f-month').inputValue(), thisMonth, 'the month stays chosen');
	assert.equal((await page.getByRole('heading', { level: 1 }).innerText()).trim(), name, 'the report\'s heading');
	await assertText(main.locator('p.doc-line').filter({ hasText: `${thisMonth}-01` }),
		[`${thisMonth}-01`, lastDayOf(thisMonth)], 'the line of the period');

	// (c) The tables, each under its heading; the first is the month in figures: a column of
	// what and one of counts, headed as the CSV file of the same report heads them, a row per
	// measure, no totals (the measures do not add up).
	const tables = main.locator('table.report');
	const n = await tables.count();
	const headings = (await main.locator('h2').allInnerTexts()).map((t) => t.trim());
	assert.equal(n, 9, `the month in figures and eight tables cut by an axis: ${headings.join(' | ')}`);
	assert.equal(headings.length, n, 'each table under its heading');
	const csvHref = await main.locator('p.noprint a[href^="/reports/monthly?format=csv"]').getAttribute('href');
	const csvResp = await page.request.get(csvHref);
	assert.equal(csvResp.status(), 200, 'the CSV file is given');
	const lines = (await csvResp.text()).replace(/^\uFEFF/, '').split(/\r?\n/).filter(Boolean);
	const first = tables.first();
	const head = (await first.locator('thead th[scope=col]').allInnerTexts()).map((t) => t.trim());
	assert.equal(headings[0], csvCells(lines[1])[0], 'the first table\'s heading is the file\'s');
	assert.deepEqual(head, csvCells(lines[2]), 'the first table\'s head is the file\'s');
	assert.equal(head.length, 2, `a column of what and one of counts: ${head.join(' | ')}`);
	assert.equal(await first.locator('thead th.num').count(), 1, 'the counts\' column is of figures');
	const measures = await first.locator('tbody th[scope=row]').allInnerTexts();
	const counts = (await reportFigures(first)).rows.map((r) => r[0]);
	assert.equal(measures.length, 6, `a row per measure: ${measures.join(' | ')}`);
	assert.equal(await first.locator('tbody td.num').count(), 6, 'each a figure');
	assert.deepEqual(measures.map((m, i) => [m.trim(), String(counts[i])]), lines.slice(3, 9).map(csvCells),
		'the rows are the file\'s');
	assert.equal(await first.locator('tfoot').count(), 0, 'the measures are not added up');
	// People served, cases opened, services, referrals sent, group sessions, event participants.
	const [people, cases, services, referrals, sessions, participants] = counts;
	assert.ok(counts.every(Number.isInteger), `a supervisor sees every figure: ${counts}`);
	assert.ok(cases >= 1 && referrals >= 1 && sessions >= 1, `the demo's month: ${counts}`);

	// Each table cut by an axis ends in one row of totals, in its tfoot, headed by its row
	// header; its last figure is the month's figure of its measure.
	const totals = [];
	for (let i = 1; i < n; i++) {
		const t = tables.nth(i);
		assert.equal(await t.locator('tfoot tr').count(), 1, `"${headings[i]}" ends in a row of totals`);
		assert.equal(await t.locator('tfoot tr > th[scope=row]:first-child').count(), 1,
			`the totals of "${headings[i]}" are headed`);
		assert.equal(await t.locator('tbody th[scope=row]').count(), await t.locator('tbody tr').count(),
			`each row of "${headings[i]}" is headed`);
		totals.push((await reportFigures(t)).foot[0].at(-1));
	}
	assert.deepEqual(totals, [services, people, people, people, cases, referrals, sessions, participants],
		`the tables' totals agree with the month in figures (${headings.slice(1).join(' | ')})`);
	assert.equal(await main.locator('td.withheld').count(), 0, 'a supervisor sees every figure');

	// (d) "Download as PDF": the same month, a PDF file.
	const pdfLink = main.locator('p.noprint a[href^="/reports/monthly?format=pdf"]');
	assert.equal(await pdfLink.count(), 1, 'one link to the PDF');
	const pdfHref = await pdfLink.getAttribute('href');
	assert.equal(new URL(pdfHref, page.url()).searchParams.get('month'), thisMonth, 'the PDF is of the same month');
	const pdf = await page.request.get(pdfHref);
	assert.equal(pdf.status(), 200, 'the PDF is given');
	assert.match(pdf.headers()['content-type'] ?? '', /^application\/pdf\b/, 'as application/pdf');
	assert.match(pdf.headers()['content-disposition'] ?? '', new RegExp(`^attachment; filename="komek-monthly-${thisMonth}-[^"]*\\.pdf"$`),
		'a file named for the month');
	assert.equal((await pdf.body()).subarray(0, 5).toString('latin1'), '%PDF-', 'a PDF file');
	assert.equal(new URL(page.url()).pathname, '/reports/monthly', 'the downloads leave the page where it was');

	// (e) Printed: the report alone, without the navigation, the form and the links.
	const report = [page.getByRole('heading', { level: 1 }), main.locator('p.doc-line').first(), first, tables.last()];
	const dropped = { 'header.top': page.locator('header.top'), 'form.filters': form, 'the links to the files': pdfLink };
	for (const [what, l] of Object.entries(dropped)) assert.ok(await l.isVisible(), `${what} is shown on the screen`);
	await page.emulateMedia({ media: 'print' });
	try {
		for (const [what, l] of Object.entries(dropped)) assert.equal(await l.isVisible(), false, `${what} is not printed`);
		assert.equal(await page.locator('footer').isVisible(), false, 'the footer is not printed');
		for (const l of report) assert.ok(await l.isVisible(), 'the heading, the lines and the tables are printed');
	} finally {
		await page.emulateMedia({ media: 'screen' });
	}

	// (f) A social worker is refused the monthly report and its files, and reads a cohort's.
	await asUser('worker', 'kk', async (w) => {
		assert.equal(await gotoStatus(w, '/reports/monthly'), 403, '/reports/monthly is forbidden to a worker');
		assert.equal(await w.getByRole('main').locator('table, form').count(), 0, 'nothing of the report is shown');
		const file = await w.request.get(`/reports/monthly?format=pdf&month=${thisMonth}`);
		assert.equal(file.status(), 403, 'the PDF is forbidden to a worker');
		assert.equal(await gotoStatus(w, '/reports/cohort'), 200, 'a cohort\'s report is for everyone');
		assert.equal(await w.getByRole('main').locator('table.report tbody tr').count(), 14, 'a row per domain');
	});
}, { timeout: 90_000 });
