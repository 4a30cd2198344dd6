// server.mjs: helpers for the browser tests. startServer() runs a throwaway Komek (its own
// temp dir, demo data, a free port on 127.0.0.1); launchBrowser() starts Debian's chromium
// through playwright-core. Both are undone by their stop()/close(), and by the exit hook
// below if the test process ends without reaching them.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const PASSWORD = 'komek-demo-2026';
export const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'test-results');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic',
	'--disable-dev-shm-usage',
];

// Whatever is still running when the process exits is killed here (synchronously: an
// 'exit' handler cannot wait), so a crashed test leaves no server or temp dir behind.
const live = new Set();
process.on('exit', () => {
	for (const s of live) s.killNow();
});
for (const sig of ['SIGINT', 'SIGTERM']) {
	process.once(sig, () => process.exit(130));
}

function komekBin() {
	const bin = process.env.KOMEK_BIN;
	if (!bin) throw new Error('KOMEK_BIN is not set: the absolute path of the komek binary');
	return bin;
}

// Starts a Komek with the demo data. Returns {url, dir, stop(), log()}.
export async function startServer() {
	const bin = komekBin();
	const dir = mkdtempSync(join(tmpdir(), 'komek-browser-'));
	const db = join(dir, 'k.db');
	const demo = spawnSync(bin, ['--db', db, 'demo'], { encoding: 'utf8', timeout: 60_000 });
	if (demo.status !== 0) {
		rmSync(dir, { recursive: true, force: true });
		throw new Error(`komek demo failed (${demo.status ?? demo.signal}): ${demo.stderr}`);
	}
	const child = spawn(bin, ['--db', db, 'serve', '--listen', '127.0.0.1:0'], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
	let exited = null;
	const exitP = new Promise((resolve) =>
		child.on('exit', (code, sig) => {
			exited = { code, sig };
			resolve(exited);
		}),
	);
	const entry = {
		killNow() {
			if (!exited) {
				try {
					child.kill('SIGKILL');
				} catch {}
			}
			rmSync(dir, { recursive: true, force: true });
		},
	};
	live.add(entry);

	let url;
	try {
		url = await new Promise((resolve, reject) => {
			const timer = setTimeout(
				() => reject(new Error(`komek serve did not print its address in 15 s: ${stderr}`)),
				15_000,
			);
			child.stdout.setEncoding('utf8').on('data', (d) => {
				stdout += d;
				const m = stdout.match(/listening on (http:\/\/127\.0\.0\.1:\d+)\//);
				if (m && m[1] && !/:0$/.test(m[1])) {
					clearTimeout(timer);
					resolve(m[1]);
				}
			});
			exitP.then((e) => {
				clearTimeout(timer);
				reject(new Error(`komek serve exited (${e.code ?? e.sig}): ${stderr}`));
			});
		});
	} catch (e) {
		entry.killNow();
		live.delete(entry);
		throw e;
	}

	let stopped = false;
	return {
		url,
		dir,
		log: () => stderr,
		async stop() {
			if (stopped) return;
			stopped = true;
			if (!exited) {
				child.kill('SIGTERM');
				// The server lets in-flight requests finish for up to 10 s.
				const t = setTimeout(() => !exited && child.kill('SIGKILL'), 12_000);
				await exitP;
				clearTimeout(t);
			}
			rmSync(dir, { recursive: true, force: true });
			live.delete(entry);
			if (exited.sig && exited.sig !== 'SIGTERM')
				throw new Error(`komek serve ended by ${exited.sig}: ${stderr.slice(-2000)}`);
			if (exited.code)
				throw new Error(`komek serve exited with ${exited.code}: ${stderr.slice(-2000)}`);
		},
	};
}

// Launches chromium. Make one context per test with newContext(): axe needs pages from
// browser.newContext(), and a fresh context means no cookies are carried over.
export async function launchBrowser() {
	return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 30_000 });
}

// A fresh context and page on the server, with short timeouts (the pages are local).
export async function newPage(browser, server) {
	const context = await browser.newContext({
		baseURL: server.url,
		viewport: { width: 1280, height: 900 },
		locale: 'kk-KZ',
	});
	context.setDefaultTimeout(10_000);
	context.setDefaultNavigationTimeout(15_000);
	const page = await context.newPage();
	return { context, page };
}

// Everything a test file needs, for node:test's before/after hooks: one server and one
// browser per file, a fresh context per test (closed by the test's own try/finally).
export function harness() {
	const h = { server: null, browser: null };
	h.setUp = async () => {
		h.server = await startServer();
		h.browser = await launchBrowser();
	};
	h.tearDown = async () => {
		const errors = [];
		if (h.browser) await h.browser.close().catch((e) => errors.push(e));
		if (h.server) await h.server.stop().catch((e) => errors.push(e));
		if (errors.length) throw errors[0];
	};
	// Runs fn(page, context) in a fresh context that is closed whatever happens.
	h.withPage = async (fn) => {
		const { context, page } = await newPage(h.browser, h.server);
		try {
			return await fn(page, context);
		} finally {
			await context.close().catch(() => {});
		}
	};
	return h;
}

// Logs in through the form. Works in any interface language (fields by id).
export async function login(page, user) {
	await page.goto('/login');
	await page.locator('#f-login').fill(user);
	await page.locator('#f-password').fill(PASSWORD);
	await Promise.all([
		page.waitForURL((u) => !u.pathname.startsWith('/login')),
		page.locator('form[action="/login"] button').click(),
	]);
}

// Switches the interface language with the switch in the header.
export async function switchLang(page, lang) {
	const current = await page.locator('html').getAttribute('lang');
	if (current === lang) return;
	// The switch posts and is sent back to the same URL: wait for the new page to load.
	await Promise.all([page.waitForEvent('load'), page.locator(`form.lang button[value="${lang}"]`).click()]);
	const now = await page.locator('html').getAttribute('lang');
	if (now !== lang) throw new Error(`switching the language to ${lang} left <html lang="${now}">`);
}

export function resultsDir(sub) {
	const d = sub ? join(RESULTS_DIR, sub) : RESULTS_DIR;
	mkdirSync(d, { recursive: true });
	return d;
}
