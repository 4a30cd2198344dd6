// a11y.test.mjs: axe-core on every page, in each interface language (kk, ru, en). A page
// fails on any violation of impact "serious" or "critical"; lesser ones are printed as
// diagnostics. Each page is also saved as a screenshot in test-results/a11y/ and all the
// violations (every impact) in test-results/a11y/report.json, for a person to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { harness, login, switchLang, resultsDir } from './server.mjs';
import { byId, clickAndWait, clickAndLoad } from './helpers.mjs';

const FAIL_IMPACTS = new Set(['serious', 'critical']);
const LANGS = ['kk', 'ru', 'en'];

const h = harness();
const report = [];
let personId; // a person with a family, documents and a history
let erasedId; // a person whose data a supervisor erased
let caseId; // the worker's case of personId (a team with a co-worker, a confidential note)
let closingId; // another case of the worker whose closure the worker asked for

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
}, { timeout: 120_000 });

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

// Each page: [name, role (null: not logged in), how to get there].
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
	['person-new', 'worker', (p) => p.goto('/persons/new')],
	['person-new-errors', 'worker', async (p) => {
		await p.goto('/persons/new');
		await byId(p, 'f-birth_date').fill('not a date');
		await Promise.all([p.waitForEvent('load'), p.locator('form.person button.primary').click()]);
		await p.locator('[aria-invalid=true]').first().waitFor();
	}],
	['person', 'worker', (p) => p.goto(`/persons/${personId}`)],
	['person-edit', 'worker', (p) => p.goto(`/persons/${personId}/edit`)],
	['person-history', 'worker', (p) => p.goto(`/persons/${personId}/history`)],
	['error-404', 'worker', async (p) => {
		const resp = await p.goto('/persons/987654321');
		assert.equal(resp.status(), 404, 'a missing person is a 404');
	}],
	['person-disclosures', 'supervisor', (p) => p.goto(`/persons/${personId}/disclosures`)],
	['person-supervisor', 'supervisor', (p) => p.goto(`/persons/${personId}`)],
	['person-erased', 'supervisor', (p) => p.goto(`/persons/${erasedId}`)],
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
	['service-types', 'admin', (p) => p.goto('/service-types')],
	['rules', 'admin', (p) => p.goto('/rules')],
	['rule', 'admin', (p) => p.goto('/rules/1')],
	['rule-errors', 'admin', async (p) => {
		await p.goto('/rules/new');
		await clickAndLoad(p, p.locator('form.rule button.primary'));
		await p.locator('[aria-invalid=true]').first().waitFor();
	}],
	['audit', 'admin', (p) => p.goto('/audit')],
	['users', 'admin', (p) => p.goto('/users')],
];

for (const lang of LANGS) {
	// The timeouts are generous: on a loaded machine axe slows down, and a slow run should
	// not read as an accessibility failure. Unloaded, a language takes about 30 s.
	test(`accessibility, ${lang}`, { timeout: 400_000 }, async (t) => {
		// One context per role, in this language: a fresh one per test, as axe needs.
		const contexts = new Map();
		try {
			for (const [name, role, go] of PAGES) {
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
					await check(st, page, lang, name);
				});
			}
		} finally {
			for (const page of contexts.values()) await page.context().close().catch(() => {});
		}
	});
}
