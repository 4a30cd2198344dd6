// helpers.mjs: small assertions and locators for the browser tests. playwright-core has no
// expect(), so these wait and then assert with node:assert, with messages that say what the
// page showed instead.
import assert from 'node:assert/strict';

// An element by its exact id (ids such as "f-documents[0].type" are not CSS-safe).
export function byId(page, id) {
	return page.locator(`[id="${id}"]`);
}

// A form control found the way a screen reader user finds it: by its label's text (read
// from the page, so this works in every interface language). Fails if the control has no
// <label for>, or if another control on the page has the same accessible name.
export async function byLabel(page, id) {
	const label = page.locator(`label[for="${id}"]`);
	assert.equal(await label.count(), 1, `#${id}: expected exactly one <label for="${id}">`);
	const name = (await label.innerText()).trim();
	assert.ok(name.length > 0, `#${id}: its label is empty`);
	const control = page.getByLabel(name, { exact: true });
	const n = await control.count();
	assert.equal(n, 1, `#${id}: ${n} controls have the accessible name "${name}"`);
	assert.equal(await control.getAttribute('id'), id,
		`the control labelled "${name}" is not #${id}`);
	return control;
}

// The same within one form (a scope locator), for a page where several forms have controls
// of the same name (the case page: a proposal's "service kind" and a referral's): the label
// is read from the page, and within the scope exactly one control has that name.
export async function byLabelWithin(scope, id) {
	const label = scope.locator(`label[for="${id}"]`);
	assert.equal(await label.count(), 1, `#${id}: expected exactly one <label for="${id}"> in the form`);
	const name = (await label.innerText()).trim();
	assert.ok(name.length > 0, `#${id}: its label is empty`);
	const control = scope.getByLabel(name, { exact: true });
	const n = await control.count();
	assert.equal(n, 1, `#${id}: ${n} controls of the form have the accessible name "${name}"`);
	assert.equal(await control.getAttribute('id'), id,
		`the control labelled "${name}" is not #${id}`);
	return control;
}

// The checkbox with this value, by its accessible name (the label wrapping it).
export async function checkboxByValue(page, name, value) {
	const box = page.locator(`input[type=checkbox][name="${name}"][value="${value}"]`);
	assert.equal(await box.count(), 1, `no checkbox ${name}=${value}`);
	const text = (await box.locator('xpath=ancestor::label[1]').innerText()).trim();
	const byRole = page.getByRole('checkbox', { name: text, exact: true });
	assert.equal(await byRole.count(), 1, `checkbox ${name}=${value}: accessible name "${text}" is not unique`);
	assert.equal(await byRole.getAttribute('value'), value);
	return byRole;
}

// The visible text of the selected option of a select.
export async function selectedText(select) {
	return select.evaluate((s) => s.options[s.selectedIndex]?.text ?? '');
}

// Waits until the locator's text contains every expected string; fails with the text seen.
export async function assertText(locator, expected, what = 'element', timeout = 5000) {
	const want = Array.isArray(expected) ? expected : [expected];
	const deadline = Date.now() + timeout;
	let seen = '';
	for (;;) {
		seen = (await locator.count()) ? await locator.first().innerText() : '<missing>';
		const missing = want.filter((w) => (w instanceof RegExp ? !w.test(seen) : !seen.includes(w)));
		if (!missing.length) return seen;
		if (Date.now() > deadline)
			assert.fail(`${what}: missing ${missing.map(String).join(', ')} in:\n${seen.slice(0, 2000)}`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

// Clicks and waits for the navigation that the click starts (a form post and its redirect).
export async function clickAndWait(page, locator, urlTest) {
	// The next page's load first: a form that redirects back to the page it is on would
	// match the URL at once, before the answer has come.
	await Promise.all([page.waitForEvent('load'), locator.click()]);
	await page.waitForURL(urlTest, { waitUntil: 'load' });
}

// Clicks and waits for the next page to load: for a form that redirects back to the same
// URL (the language switch, a rejected login), where waiting for the URL would not wait.
export async function clickAndLoad(page, locator) {
	await Promise.all([page.waitForEvent('load'), locator.click()]);
}

// The status of the last response for the page's main document.
export async function gotoStatus(page, url) {
	const resp = await page.goto(url);
	return resp ? resp.status() : 0;
}

// Clicks a form's button and waits for the answer to its POST and for the page that follows;
// returns the answer, for its status (a form refused or questioned is shown again, 4xx).
export async function clickAndRespond(page, locator) {
	const [resp] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST'),
		page.waitForEvent('load'),
		locator.click(),
	]);
	return resp;
}

// Registers a person through the form at /persons/new: fields by name (family_name, sex,
// birth_date …; a select gets its option by value). Fails unless the person is saved at
// once (a likely duplicate is answered 409 with the form). Returns the new person's id.
export async function registerPerson(page, fields) {
	await page.goto('/persons/new');
	for (const [name, value] of Object.entries(fields)) {
		const control = byId(page, `f-${name}`);
		if (await control.evaluate((e) => e.tagName === 'SELECT')) await control.selectOption(value);
		else await control.fill(value);
	}
	const resp = await clickAndRespond(page, page.locator('form.person button.primary'));
	assert.equal(resp.status(), 303, `registering ${JSON.stringify(fields)} was answered ${resp.status()}, not saved`);
	const m = new URL(page.url()).pathname.match(/^\/persons\/(\d+)$/);
	assert.ok(m, `registering ${JSON.stringify(fields)} led to ${page.url()}, not a person page`);
	return m[1];
}

// What has the keyboard focus, in words for a message: tag, id or name, and text.
async function focused(page) {
	return page.evaluate(() => {
		const e = document.activeElement;
		if (!e || e === document.body) return 'the page';
		const what = e.id ? `#${e.id}` : e.name ? `[name=${e.name}]` : '';
		return `<${e.tagName.toLowerCase()}${what}> ${(e.innerText || e.value || '').trim().slice(0, 40)}`;
	});
}

// Presses Tab until the focused element matches the CSS selector, as a keyboard user moves
// through the page in its order; fails after `max` presses, listing where the focus went.
// Returns the number of presses.
export async function tabTo(page, selector, max = 60) {
	const path = [];
	for (let i = 1; i <= max; i++) {
		await page.keyboard.press('Tab');
		if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return i;
		path.push(await focused(page));
	}
	assert.fail(`${max} presses of Tab did not reach ${selector}; the focus went to:\n  ${path.join('\n  ')}`);
}

// Whether the locator's element has the keyboard focus.
export async function hasFocus(locator) {
	return locator.evaluate((e) => e === document.activeElement);
}

// Uploads a file through the form at /imports (the file input found by its label) and
// returns the new import's id. Fails unless the upload is taken (303 to /imports/{id}).
// content: a string (UTF-8) or a Buffer.
export async function uploadImport(page, name, content, mimeType = 'text/csv') {
	await page.goto('/imports');
	const file = await byLabel(page, 'f-file');
	await file.setInputFiles({ name, mimeType, buffer: Buffer.isBuffer(content) ? content : Buffer.from(content) });
	const resp = await clickAndRespond(page, page.locator('form.upload button.primary'));
	assert.equal(resp.status(), 303, `uploading ${name} was answered ${resp.status()}, not taken`);
	const m = new URL(page.url()).pathname.match(/^\/imports\/(\d+)$/);
	assert.ok(m, `uploading ${name} led to ${page.url()}, not an import's page`);
	return m[1];
}

// Clicks the button of one of an import page's forms (the mapping's "Check every row",
// the run form's "Import") and waits for its answer (a 303 back to the import's page).
export async function postImportForm(page, form, what) {
	const resp = await clickAndRespond(page, form.locator('button.primary'));
	assert.equal(resp.status(), 303, `${what} was answered ${resp.status()}, not started`);
	assert.match(new URL(page.url()).pathname, /^\/imports\/\d+$/, `${what} led to ${page.url()}`);
}

// Waits until an import's page shows the element of the state the job ends in (the run
// form once checked, the summary once done). While the job runs, the page shows a progress
// bar and reloads itself when the job has finished (static/app.js): this waits across those
// reloads. With refresh: true it reloads the page itself every half second instead, as a
// user without the script follows the page's Refresh link (for setting a state up, not for
// testing the script). Fails with the page's status and whether its script loaded.
export async function waitForImport(page, selector, timeout = 60_000, { refresh = false } = {}) {
	const deadline = Date.now() + timeout;
	let error;
	try {
		if (!refresh) {
			await page.locator(selector).first().waitFor({ timeout });
			await page.waitForLoadState('load');
			return;
		}
		for (;;) {
			if (await page.locator(selector).count().catch(() => 0)) return;
			if (Date.now() > deadline) break;
			await new Promise((r) => setTimeout(r, 500));
			await page.reload().catch(() => {});
		}
	} catch (e) {
		error = e;
	}
	const status = await page.locator('main dl.facts dd').first().innerText().catch(() => '?');
	const script = await page.request.get('/static/app.js').then((r) => r.status()).catch((e) => e.message);
	assert.fail(`the import page did not come to show ${selector} in ${timeout} ms (status "${status}", ` +
		`progress bar shown: ${await page.locator('progress').count()}, GET /static/app.js: ${script})` +
		(error ? `: ${error.message}` : ''));
}
