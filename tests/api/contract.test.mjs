// contract.test.mjs: static/openapi.json against the code.
//
//   (a) the document is valid OpenAPI 3.1 (swagger-parser) and passes `redocly lint`;
//   (b) it describes exactly the /api/v1 routes of src/http/routes.c, with their flags
//       (public or bearer, JSON body or none);
//   (c) a real komek (KOMEK_BIN) answers every operation as documented: each status it gives
//       must be listed for the operation, and each body must match the schema of that status
//       (ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses it).
//
// Run: cd tests/api && KOMEK_BIN=/abs/path/komek node --test
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const DOC_PATH = join(ROOT, 'static', 'openapi.json');
const ROUTES_PATH = join(ROOT, 'src', 'http', 'routes.c');
const PASSWORD = 'komek-demo-2026';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

// Bugs of the code that the document does not adopt: an entry here lets the generic checks
// pass while a todo test shows the bug. Empty while there are none.
const KNOWN_BUGS = new Set([]);

const docText = readFileSync(DOC_PATH, 'utf8');
const doc = JSON.parse(docText);

// ---------------------------------------------------------------------------------------
// Routes of the code

/* Every /api/v1 route of routes.c: {method, path, flags}. */
function codeRoutes() {
  const src = readFileSync(ROUTES_PATH, 'utf8');
  const re = /\{\s*"([A-Z]+)"\s*,\s*"([^"]+)"\s*,\s*(\w+)\s*,\s*([^}]*?)\s*\}/g;
  const out = [];
  for (const m of src.matchAll(re)) {
    if (!m[2].startsWith('/api/v1')) continue;
    const flags = new Set(m[4].split('|').map((s) => s.trim()).filter((s) => s && s !== '0'));
    out.push({ method: m[1], path: m[2], handler: m[3], flags });
  }
  return out;
}

/* A path with its parameter names left out: routes.c names every number {id}, the document
 * names each parameter apart ({id} and {user_id} in one path), as OpenAPI wants. */
function shape(path) {
  return path.replace(/\{\w+\}/g, '{}');
}

/* The document's path for a path of routes.c (the same shape), or undefined. */
function docPath(routePath) {
  return Object.keys(doc.paths ?? {}).find((p) => shape(p) === shape(routePath));
}

function docOperations() {
  const out = [];
  for (const [path, item] of Object.entries(doc.paths ?? {}))
    for (const m of METHODS)
      if (item[m]) out.push({ method: m.toUpperCase(), path, op: item[m] });
  return out;
}

// ---------------------------------------------------------------------------------------
// Schemas

// The document with every $ref resolved (for ajv); null if it cannot be (the validity test
// then says why).
let deref = null;
try {
  deref = await SwaggerParser.dereference(structuredClone(doc));
} catch {
  deref = null;
}
const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, allowUnionTypes: true });
addFormats(ajv);
const compiled = new Map();

function validatorFor(key, schema) {
  if (!compiled.has(key)) compiled.set(key, ajv.compile(schema));
  return compiled.get(key);
}

function explain(errors, body) {
  const lines = errors.slice(0, 8).map((e) => {
    const at = e.instancePath || '(root)';
    const extra = e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : '';
    return `  ${at} ${e.message}${extra} (schema ${e.schemaPath})`;
  });
  return `${lines.join('\n')}\n  body: ${excerpt(JSON.stringify(body))}`;
}

function excerpt(s, n = 600) {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

// ---------------------------------------------------------------------------------------
// The server

let server; // { proc, url, dir, db, log }
const tokens = {};
const seen = new Set(); // "METHOD path status" answered and checked

async function startServer() {
  const bin = process.env.KOMEK_BIN;
  assert.ok(bin, 'Set KOMEK_BIN to the komek binary (an absolute path), e.g. ' +
    'KOMEK_BIN=$PWD/../../build/komek node --test');
  const dir = mkdtempSync(join(tmpdir(), 'komek-api-'));
  const db = join(dir, 'k.db');
  const demo = spawnSync(bin, ['--db', db, 'demo'], { encoding: 'utf8', timeout: 30000 });
  assert.equal(demo.status, 0, `komek demo failed: ${demo.stderr}`);
  const proc = spawn(bin, ['--db', db, 'serve', '--listen', '127.0.0.1:0', '--threads', '2'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stderr.on('data', (d) => { log = (log + d).slice(-20000); });
  const url = await new Promise((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`komek serve printed no URL in 10 s:\n${out}${log}`)), 10000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) { clearTimeout(timer); ok(m[1]); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); fail(new Error(`komek serve exited (${code}):\n${log}`)); });
  });
  return { proc, url, dir, db, get log() { return log; } };
}

/* Calls the API; checks the status against `expect`, then the answer against the document.
 * `path` is the documented template; `params` fill it. Returns {status, headers, body}. */
async function call(method, path, opts = {}) {
  const { params = {}, query, token, body, raw, contentType, lang, expect, checkRequest = true } = opts;
  let url = server.url + path.replace(/\{(\w+)\}/g, (_, k) => {
    assert.ok(k in params, `no value for {${k}} in ${path}`);
    return encodeURIComponent(String(params[k]));
  });
  if (query) url += `?${new URLSearchParams(query)}`;
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (lang) headers['Accept-Language'] = lang;
  let payload;
  if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['Content-Type'] = 'application/json';
    const op = doc.paths[path]?.[method.toLowerCase()];
    const schema = op && deref.paths[path][method.toLowerCase()].requestBody?.content?.['application/json']?.schema;
    if (checkRequest && schema) {
      const v = validatorFor(`request ${method} ${path}`, schema);
      if (!v(body))
        assert.fail(`The request body sent to ${method} ${path} does not match the document's ` +
          `requestBody schema, though the test means it as valid:\n${explain(v.errors, body)}`);
    }
  }
  if (raw !== undefined) payload = raw;
  if (contentType) headers['Content-Type'] = contentType;
  const res = await fetch(url, { method, headers, body: payload });
  const text = await res.text();
  const shown = `${method} ${url.slice(server.url.length)}`;
  if (expect !== undefined)
    assert.equal(res.status, expect, `${shown} answered ${res.status}, expected ${expect}: ${excerpt(text)}`);
  const parsed = checkAgainstDocument(method, path, res, text, shown);
  return { status: res.status, headers: res.headers, body: parsed };
}

function checkAgainstDocument(method, path, res, text, shown) {
  const m = method.toLowerCase();
  const op = doc.paths[path]?.[m];
  assert.ok(op, `${method} ${path} is not in the document`);
  const status = String(res.status);
  const dop = deref.paths[path][m];
  const r = dop.responses[status] ?? dop.responses[`${status[0]}XX`] ?? dop.responses.default;
  assert.ok(r, `${shown} answered ${status}, which the document does not list for ` +
    `${method} ${path} (it lists ${Object.keys(op.responses).join(', ')}): ${excerpt(text)}`);
  seen.add(`${method} ${path} ${status}`);
  for (const [name, h] of Object.entries(r.headers ?? {})) {
    const value = res.headers.get(name);
    if (h.required && value === null && !(status === '401' && KNOWN_BUGS.has('401-no-www-authenticate')))
      assert.fail(`${shown} → ${status}: the document requires header ${name}, absent`);
    if (value !== null && h.schema) {
      const v = validatorFor(`header ${method} ${path} ${status} ${name}`, h.schema);
      if (!v(value))
        assert.fail(`${shown} → ${status}: header ${name}: ${JSON.stringify(value)} does not ` +
          `match the document:\n${explain(v.errors, value)}`);
    }
  }
  if (!r.content) {
    assert.equal(text, '', `${shown} → ${status}: the document gives no body, the server sent one`);
    return undefined;
  }
  const ctype = res.headers.get('content-type') ?? '';
  const media = Object.keys(r.content).find((k) => ctype.split(';')[0].trim() === k);
  assert.ok(media, `${shown} → ${status}: Content-Type ${ctype}, the document lists ` +
    `${Object.keys(r.content).join(', ')}`);
  if (!media.endsWith('json'))
    return text; /* a file (an export): its media type was checked above */
  let body;
  try {
    body = JSON.parse(text);
  } catch (e) {
    assert.fail(`${shown} → ${status}: the body is not JSON (${e.message}): ${excerpt(text)}`);
  }
  const schema = r.content[media].schema;
  if (schema) {
    const v = validatorFor(`${method} ${path} ${status} ${media}`, schema);
    if (!v(body))
      assert.fail(`${shown} → ${status}: the body does not match the document's schema for ` +
        `this status (code and document disagree):\n${explain(v.errors, body)}`);
  }
  return body;
}

/* A request fetch() will not make (a GET with a body); answers like fetch's Response. */
function rawRequest(method, path, headers, body) {
  return new Promise((ok, fail) => {
    const req = httpRequest(`${server.url}${path}`, { method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({
        status: res.statusCode,
        headers: new Headers(Object.entries(res.headers).map(([k, v]) => [k, [].concat(v).join(', ')])),
        text: Buffer.concat(chunks).toString('utf8'),
      }));
    });
    req.on('error', fail);
    req.end(body);
  });
}

async function login(who) {
  const r = await call('POST', '/api/v1/session', {
    body: { login: who, password: PASSWORD }, expect: 201,
  });
  return r.body.token;
}

// Rows of both the audit and the view log (the file beside the database, "k.viewlog.db").
function auditCount(action, entityId) {
  const log = server.db.replace(/\.db$/, '') + '.viewlog.db';
  const where = `WHERE action = '${action}' AND entity = 'person' AND entity_id = ${Number(entityId)}`;
  const out = execFileSync('sqlite3', ['-readonly', server.db,
    `ATTACH '${log}' AS viewlog; SELECT (SELECT count(*) FROM audit ${where}) + (SELECT count(*) FROM viewlog.audit ${where})`],
  { encoding: 'utf8' });
  return Number(out.trim());
}

// Rows of the audit and the view log for any entity, optionally with one detail exactly.
function auditRows(action, entity, entityId, detail) {
  const log = server.db.replace(/\.db$/, '') + '.viewlog.db';
  let where = `WHERE action = '${action}' AND entity = '${entity}' AND entity_id = ${Number(entityId)}`;
  if (detail !== undefined) where += ` AND detail = '${detail.replace(/'/g, "''")}'`;
  const out = execFileSync('sqlite3', ['-readonly', server.db,
    `ATTACH '${log}' AS viewlog; SELECT (SELECT count(*) FROM audit ${where}) + (SELECT count(*) FROM viewlog.audit ${where})`],
  { encoding: 'utf8' });
  return Number(out.trim());
}

function haveSqlite() {
  return spawnSync('sqlite3', ['-version']).status === 0;
}

// ---------------------------------------------------------------------------------------
// (a) the document

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1 (swagger-parser)', async () => {
    assert.equal(doc.openapi, '3.1.0');
    await SwaggerParser.validate(structuredClone(doc));
  });

  it('is formatted as 2-space JSON', () => {
    assert.equal(docText, `${JSON.stringify(doc, null, 2)}\n`,
      'static/openapi.json is not in the canonical format (JSON.stringify(doc, null, 2) plus a newline)');
  });

  it('uses OpenAPI 3.1 types, not 3.0 nullable', () => {
    const bad = [];
    (function walk(node, at) {
      if (!node || typeof node !== 'object') return;
      if (Object.hasOwn(node, 'nullable')) bad.push(at);
      for (const [k, v] of Object.entries(node)) walk(v, `${at}/${k}`);
    })(doc, '#');
    assert.deepEqual(bad, [], `"nullable" found at ${bad.join(', ')}: use type: [T, "null"]`);
  });

  it('passes redocly lint (tests/api/.redocly.yaml), without a warning', () => {
    const r = spawnSync(join(HERE, 'node_modules', '.bin', 'redocly'),
      ['lint', '--config', join(HERE, '.redocly.yaml'), '--format', 'json', DOC_PATH], {
        encoding: 'utf8', timeout: 30000,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
      });
    let report;
    try {
      report = JSON.parse(r.stdout);
    } catch {
      assert.fail(`redocly lint printed no JSON report (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
    }
    const problems = report.problems.map((p) =>
      `  ${p.severity} ${p.ruleId}: ${p.message} at ${p.location?.map((l) => l.pointer).join(', ')}`);
    assert.deepEqual(report.totals, { errors: 0, warnings: 0, ignored: 0 },
      `redocly lint found problems:\n${problems.join('\n')}`);
    assert.equal(r.status, 0, `redocly lint exited ${r.status}:\n${r.stderr}`);
  });
});

// ---------------------------------------------------------------------------------------
// (b) the document against routes.c

describe('the document against src/http/routes.c', () => {
  const routes = codeRoutes();
  const ops = docOperations();

  it('finds the /api/v1 routes in routes.c', () => {
    assert.ok(routes.length >= 10, `only ${routes.length} /api/v1 routes parsed from routes.c`);
  });

  it('documents every /api/v1 route the code serves', () => {
    const documented = new Set(ops.map((o) => `${o.method} ${shape(o.path)}`));
    const missing = routes.filter((r) => !documented.has(`${r.method} ${shape(r.path)}`))
      .map((r) => `${r.method} ${r.path} (${r.handler})`);
    assert.deepEqual(missing, [], `routes.c serves routes the document lacks:\n  ${missing.join('\n  ')}`);
  });

  it('documents no path or method the code does not serve', () => {
    const served = new Set(routes.map((r) => `${r.method} ${shape(r.path)}`));
    const extra = ops.filter((o) => !served.has(`${o.method} ${shape(o.path)}`)).map((o) => `${o.method} ${o.path}`);
    assert.deepEqual(extra, [], `the document has operations routes.c does not serve:\n  ${extra.join('\n  ')}`);
    const nonApi = Object.keys(doc.paths).filter((p) => !p.startsWith('/api/v1/'));
    assert.deepEqual(nonApi, [], 'the document describes paths outside /api/v1');
    const shapes = Object.keys(doc.paths).map(shape);
    assert.equal(new Set(shapes).size, shapes.length, 'two document paths differ only in parameter names');
  });

  it('marks public routes (RT_PUBLIC) public and every other route bearer with 401', () => {
    assert.deepEqual(doc.security, [{ bearerAuth: [] }]);
    for (const r of routes) {
      const op = doc.paths[docPath(r.path)]?.[r.method.toLowerCase()];
      if (!op) continue; // reported above
      const name = `${r.method} ${r.path}`;
      if (r.flags.has('RT_PUBLIC')) {
        assert.deepEqual(op.security, [], `${name} is RT_PUBLIC: its operation needs security: []`);
      } else {
        assert.equal(op.security, undefined, `${name} needs a token: it must inherit bearerAuth`);
        assert.deepEqual(op.responses['401'], { $ref: '#/components/responses/Unauthorized' },
          `${name} needs a token: it must document 401 Unauthorized (with WWW-Authenticate)`);
      }
    }
  });

  it('gives a JSON request body and 415 exactly to the routes that read one (RT_JSON), a file to those that take one (RT_UPLOAD)', () => {
    for (const r of routes) {
      const op = doc.paths[docPath(r.path)]?.[r.method.toLowerCase()];
      if (!op) continue; // reported above
      const name = `${r.method} ${r.path}`;
      if (r.flags.has('RT_JSON')) {
        assert.ok(op.requestBody?.content?.['application/json'], `${name} is RT_JSON: it needs an application/json requestBody`);
        assert.equal(op.requestBody.required, true, `${name}: the body is required`);
        assert.ok(op.responses['415'] && op.responses['400'], `${name} is RT_JSON: it must document 400 and 415`);
      } else if (r.flags.has('RT_UPLOAD')) {
        // In the API the body is the file itself, in any media type: no JSON, no 415.
        const media = Object.keys(op.requestBody?.content ?? {});
        assert.ok(media.length && !media.includes('application/json'),
          `${name} is RT_UPLOAD: it needs a requestBody of the file's media types, not JSON`);
        assert.equal(op.requestBody.required, true, `${name}: the file is required`);
        assert.equal(op.responses['415'], undefined, `${name} takes the file in any media type: no 415`);
        assert.match(op.responses['413']?.description ?? '', /16 MiB/, `${name}: its 413 is past 16 MiB`);
      } else {
        assert.equal(op.requestBody, undefined, `${name} reads no body: no requestBody`);
        assert.equal(op.responses['415'], undefined, `${name} never answers 415`);
      }
      assert.ok(op.responses['413'], `${name}: any route answers 413 to a body over 1 MiB`);
    }
  });

  it('types path parameters as routes.c does ({id} integers, {name} words), each named apart', () => {
    assert.ok(deref, 'static/openapi.json cannot be dereferenced: see the validity test');
    for (const r of routes) {
      const params = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const path = docPath(r.path);
      const item = deref.paths[path];
      if (!item?.[r.method.toLowerCase()]) continue; // reported above
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      assert.equal(new Set(names).size, names.length, `${path}: two path parameters share a name`);
      params.forEach((p, i) => {
        const def = (item.parameters ?? []).concat(item[r.method.toLowerCase()].parameters ?? [])
          .find((x) => x.in === 'path' && x.name === names[i]);
        assert.ok(def, `${r.method} ${path}: no path parameter ${names[i]}`);
        assert.equal(def.schema.type, p === 'name' ? 'string' : 'integer', `${path}: {${names[i]}} (routes.c {${p}}) type`);
      });
    }
  });
});

// ---------------------------------------------------------------------------------------
// (c) a live server against the document

describe('a live komek against the document', { timeout: 180000 }, () => {
  const ctx = {}; // ids made along the way
  const year = new Date().getFullYear();

  before(async () => {
    assert.ok(deref, 'static/openapi.json cannot be dereferenced: see the validity test');
    server = await startServer();
  });

  after(() => {
    if (server?.proc && server.proc.exitCode === null) server.proc.kill('SIGTERM');
    if (server?.dir) rmSync(server.dir, { recursive: true, force: true });
  });

  it('serves this very document at GET /api/v1/openapi.json, without a token', async () => {
    const r = await call('GET', '/api/v1/openapi.json', { expect: 200 });
    assert.ok(JSON.stringify(r.body) === JSON.stringify(doc),
      `${process.env.KOMEK_BIN} serves another openapi.json than ${DOC_PATH}: rebuild it ` +
      '(the file is embedded at build time)');
  });

  it('POST /api/v1/session: 201, 401, 422, 400', async () => {
    tokens.worker = await login('worker');
    tokens.supervisor = await login('supervisor');
    tokens.lawyer = await login('lawyer');
    tokens.analyst = await login('analyst');
    tokens.ngo = await login('ngo-worker');
    tokens.admin = await login('admin');
    tokens.psychologist = await login('psychologist');
    tokens.spare = await login('psychologist');
    const r = await call('POST', '/api/v1/session', {
      body: { login: 'worker', password: 'not-the-password' }, expect: 401,
    });
    assert.equal(r.body.error.field, null);
    const missing = await call('POST', '/api/v1/session', {
      body: { login: 'worker' }, expect: 422, checkRequest: false,
    });
    assert.equal(missing.body.error.field, 'password');
    await call('POST', '/api/v1/session', { raw: '{"login": ', contentType: 'application/json', expect: 400 });
    await call('POST', '/api/v1/session', { raw: '["worker"]', contentType: 'application/json', expect: 400 });
  });

  it('answers 401 without a live token', async () => {
    await call('GET', '/api/v1/persons', { expect: 401 });
    await call('GET', '/api/v1/persons', { token: 'x'.repeat(43), expect: 401 });
    await call('GET', '/api/v1/reference', { expect: 401 });
  });

  it('GET /api/v1/reference and every list; the document\'s enums are the code\'s lists', async () => {
    const idx = await call('GET', '/api/v1/reference', { token: tokens.worker, expect: 200 });
    const names = deref.components.parameters.ListName.schema.enum;
    assert.deepEqual([...idx.body.lists].sort(), [...names].sort(), 'list names: code vs ListName enum');
    const codes = {};
    for (const name of idx.body.lists) {
      const r = await call('GET', '/api/v1/reference/{name}', { params: { name }, token: tokens.worker, expect: 200 });
      assert.equal(r.body.list, name);
      codes[name] = r.body.items.map((i) => i.code);
    }
    const s = doc.components.schemas;
    const same = (list, schemaEnum, what) =>
      assert.deepEqual([...codes[list]].sort(), [...schemaEnum].sort(), `${what}: /reference/${list} vs the document`);
    same('categories', s.Category.enum, 'Category');
    same('legal_statuses', s.LegalStatus.enum, 'LegalStatus');
    same('regions', s.Region.enum, 'Region');
    same('sexes', s.Sex.enum, 'Sex');
    same('language_levels', s.LanguageLevel.enum, 'LanguageLevel');
    same('child_statuses', s.ChildStatus.enum, 'ChildStatus');
    same('relations', s.HouseholdRelation.enum, 'HouseholdRelation');
    same('document_types', s.DocumentType.enum, 'DocumentType');
    same('case_statuses', s.CaseStatus.enum, 'CaseStatus');
    same('closing_reasons', s.ClosingReason.enum, 'ClosingReason');
    same('functions', s.Function.enum, 'Function');
    same('means', s.Means.enum, 'Means');
    same('service_kinds', s.ServiceKind.enum, 'ServiceKind');
    same('forms', s.Form.enum, 'Form');
    same('partner_kinds', s.PartnerKind.enum, 'PartnerKind');
    same('referral_statuses', s.ReferralStatus.enum, 'ReferralStatus');
    same('centre_kinds', s.CentreKind.enum, 'CentreKind');
    same('waiting_statuses', s.WaitingStatus.enum, 'WaitingStatus');
    same('group_kinds', s.GroupKind.enum, 'GroupKind');
    same('donor_kinds', s.DonorKind.enum, 'DonorKind');
    same('donation_kinds', s.DonationKind.enum, 'DonationKind');
    same('publication_media', s.PublicationMedium.enum, 'PublicationMedium');
    same('participant_roles', s.ParticipantRole.enum, 'ParticipantRole');
    same('programme_kinds', s.ProgrammeKind.enum, 'ProgrammeKind');
    same('support_kinds', s.SupportKind.enum, 'SupportKind');
    same('resettler_org_kinds', s.ResettlerOrgKind.enum, 'ResettlerOrgKind');
    same('org_steps', s.RegistrationStep.enum, 'RegistrationStep');
    same('council_kinds', s.CouncilKind.enum, 'CouncilKind');
    same('decision_statuses', s.CouncilDecisionStatus.enum, 'CouncilDecisionStatus');
    same('proposal_statuses', s.PolicyProposalStatus.enum, 'PolicyProposalStatus');
    same('screening_findings', s.ScreeningFinding.enum, 'ScreeningFinding');
    same('screening_proposals', s.ScreeningProposal.enum, 'ScreeningProposal');
    same('occupations', s.Occupation.enum, 'Occupation');
    same('labour_contracts', s.LabourContract.enum, 'LabourContract');
    same('document_holders', s.DocumentHolder.enum, 'DocumentHolder');
    same('labour_alert_kinds', s.LabourAlertKind.enum, 'LabourAlertKind');
    same('education_levels', s.EducationLevel.enum, 'EducationLevel');
    same('skill_kinds', s.SkillKind.enum, 'SkillKind');
    same('vacancy_statuses', s.VacancyStatus.enum, 'VacancyStatus');
    same('integration_review_kinds', s.IntegrationReviewKind.enum, 'IntegrationReviewKind');
    // The domains in the framework's order; a status is its position in integration_statuses.
    assert.deepEqual(codes.integration_domains, s.IntegrationDomain.enum, 'IntegrationDomain: /reference/integration_domains, in order');
    assert.deepEqual(codes.integration_statuses, s.IntegrationStatusCode.enum, 'IntegrationStatusCode: /reference/integration_statuses, in order');
    assert.deepEqual([s.IntegrationStatus.minimum, s.IntegrationStatus.maximum], [1, codes.integration_statuses.length], 'IntegrationStatus: 1..length of integration_statuses');
    assert.deepEqual(codes.integration_groups, ['markers_means', 'social_connections', 'facilitators', 'foundation'], 'integration_groups');
    assert.deepEqual(codes.occupations, s.Occupation.enum, 'Occupation: in code order');
    // screening_results labels the bands, the rules that make a screen positive, the conclusions and the alerts.
    same('screening_results', [...s.ScreeningBand.enum, ...s.ScreeningReason.oneOf[1].enum, ...s.ScreeningConclusion.enum, ...s.ScreeningAlert.enum],
      'ScreeningBand, the rules of ScreeningReason, ScreeningConclusion and ScreeningAlert');
    assert.ok(s.EventKind.enum.every((k) => codes.activity_kinds.includes(k)), 'EventKind: codes of activity_kinds');
    // An assessment lists its needs in the list's order, and scores them by urgency_levels' index.
    assert.deepEqual(codes.needs, s.Need.enum, 'Need: /reference/needs vs the document, in order');
    assert.deepEqual(codes.urgency_levels, ['none', 'low', 'moderate', 'urgent'], 'urgency_levels, in order');
    assert.deepEqual([s.Urgency.minimum, s.Urgency.maximum], [0, codes.urgency_levels.length - 1], 'Urgency: 0..last index of urgency_levels');
    assert.ok(codes.countries.includes('KZ') && codes.countries.every((c) => /^[A-Z]{2}$/.test(c)));
    await call('GET', '/api/v1/reference/{name}', { params: { name: 'planets' }, token: tokens.worker, expect: 404 });
  });

  it('POST /api/v1/households and GET it', async () => {
    const r = await call('POST', '/api/v1/households', { token: tokens.worker, expect: 201 });
    assert.deepEqual(r.body.members, []);
    assert.equal(r.headers.get('location'), `/api/v1/households/${r.body.id}`);
    ctx.household = r.body.id;
    const g = await call('GET', '/api/v1/households/{id}', { params: { id: ctx.household }, token: tokens.worker, expect: 200 });
    assert.deepEqual(g.body, { id: ctx.household, members: [] });
    await call('GET', '/api/v1/households/{id}', { params: { id: 987654321 }, token: tokens.worker, expect: 404 });
  });

  it('POST /api/v1/persons: 201 with Location; the record reads back the same', async () => {
    const input = {
      family_name: 'Сейітқалиева', given_name: 'Айдана', patronymic: 'Мұратқызы',
      name_original: 'Сейітқалиева Айдана', sex: 'female', birth_date: '1983-05-02',
      citizenship: 'mn', country_of_origin: 'MN', categories: ['kandas_candidate', 'kandas'],
      legal_status: 'kandas_applicant', region: 'KZ-10', locality: 'Семей',
      arrival_date: '2025-09-01', phone: '+7 777 123 45 67', lang_kk: 'native', lang_ru: 'basic',
      languages: ['MN', 'ru'], disability: false, household_id: ctx.household,
      household_relation: 'head',
      documents: [{ type: 'passport', number: 'e 1234567', country: 'mn', issued_on: '2019-04-10', expires_on: '2029-04-10' }],
    };
    // The demo's Батболд Ганбаатар holds a passport numbered E 1234567 too: a likely duplicate
    // (409, nothing saved) until the worker confirms a new person.
    const dup = await call('POST', '/api/v1/persons', { token: tokens.worker, body: input, expect: 409 });
    assert.deepEqual([dup.body.error.code, dup.body.error.field], ['possible_duplicates', 'confirm_new']);
    assert.ok(dup.body.matches.some((m) => m.family_name === 'Батболд' && m.reasons.includes('same_document') && m.score === 100),
      `the demo's holder of E 1234567 is a likely match: ${JSON.stringify(dup.body.matches)}`);
    const r = await call('POST', '/api/v1/persons', { token: tokens.worker, body: { ...input, confirm_new: true }, expect: 201 });
    const p = r.body;
    assert.equal(p.confirm_new, undefined, 'confirm_new is not stored');
    assert.equal(r.headers.get('location'), `/api/v1/persons/${p.id}`);
    assert.equal(p.version, 1);
    assert.equal(p.citizenship, 'MN');
    assert.deepEqual(p.categories, ['kandas', 'kandas_candidate']);
    assert.deepEqual(p.languages, ['mn', 'ru']);
    assert.equal(p.documents[0].number, 'E 1234567');
    assert.equal(p.child_status, 'none');
    assert.equal(p.restricted, false);
    assert.deepEqual([p.legal_status_since, p.asylum_petition_on], [null, null], 'dates not sent are null');
    ctx.person = p;
    const g = await call('GET', '/api/v1/persons/{id}', { params: { id: p.id }, token: tokens.worker, expect: 200 });
    assert.deepEqual(g.body, p, 'GET after POST differs from the POST answer');

    const child = await call('POST', '/api/v1/persons', {
      token: tokens.worker, expect: 201,
      body: { family_name: 'Сейітқалиев', given_name: 'Ержан', sex: 'male', birth_date: String(year - 10),
        categories: ['kandas'], child_status: 'separated', household_id: ctx.household, household_relation: 'child' },
    });
    ctx.child = child.body;
    const h = await call('GET', '/api/v1/households/{id}', { params: { id: ctx.household }, token: tokens.worker, expect: 200 });
    assert.deepEqual(h.body.members.map((m) => [m.person_id, m.relation]).sort(),
      [[p.id, 'head'], [child.body.id, 'child']].sort());
  });

  it('POST /api/v1/persons: 422 with fields, 400, 413', async () => {
    // Members of the wrong shape are reported first (the record is not checked further)...
    const shape = await call('POST', '/api/v1/persons', {
      token: tokens.worker, expect: 422, checkRequest: false,
      body: { family_name: 'Жұмабаев', given_name: 'Бауыржан', sex: 'male', nickname: 'Бауке',
        disability: 'no', documents: [{ type: 'passport', number: 'N1', colour: 'blue' }] },
    });
    assert.deepEqual(shape.body.error.fields.map((f) => f.field).sort(),
      ['disability', 'documents[0].colour', 'nickname']);
    // ...then every rule of the record at once.
    const bad = await call('POST', '/api/v1/persons', {
      token: tokens.worker, expect: 422, checkRequest: false,
      body: { family_name: 'Жұмабаев', given_name: ' ', sex: 'male', birth_date: '14.03.1979',
        citizenship: 'XX', region: 'KZ-99', phone: '12', household_relation: 'head',
        documents: [{ type: 'passport', number: '---', issued_on: '2020-01-01', expires_on: '2019-01-01' }] },
    });
    const fields = bad.body.error.fields.map((f) => f.field);
    for (const f of ['given_name', 'birth_date', 'citizenship', 'region', 'phone', 'household_relation',
      'documents[0].number', 'documents[0].expires_on'])
      assert.ok(fields.includes(f), `422 should name ${f}; it names ${fields.join(', ')}`);
    assert.equal(bad.body.error.field, fields[0]);
    assert.equal(bad.body.error.message, bad.body.error.fields[0].message);
    const hh = await call('POST', '/api/v1/persons', {
      token: tokens.worker, expect: 422,
      body: { family_name: 'Жұмабаев', given_name: 'Бауыржан', sex: 'male', household_id: 987654321 },
    });
    assert.equal(hh.body.error.field, 'household_id');
    await call('POST', '/api/v1/persons', { token: tokens.worker, raw: '[]', contentType: 'application/json', expect: 400 });
    await call('POST', '/api/v1/persons', {
      token: tokens.worker, raw: '{"family_name": "a", "family_name": "b"}', contentType: 'application/json', expect: 400,
    });
    await call('POST', '/api/v1/persons', {
      token: tokens.worker, raw: JSON.stringify({ family_name: 'x'.repeat(1100000) }),
      contentType: 'application/json', expect: 413,
    });
  });

  it('PATCH /api/v1/persons/{id}: 200, then 409 on the stale version, 422 without one', async () => {
    const p = ctx.person;
    const r = await call('PATCH', '/api/v1/persons/{id}', {
      params: { id: p.id }, token: tokens.worker, expect: 200,
      body: { version: p.version, region: 'kz-ala', locality: 'Алматы', phone: null, legal_status: 'kandas' },
    });
    assert.equal(r.body.version, p.version + 1);
    assert.equal(r.body.region, 'KZ-75', 'an older letter code is mapped to the current one');
    assert.equal(r.body.phone, null);
    assert.equal(r.body.family_name, p.family_name, 'members not sent are kept');
    assert.deepEqual(r.body.documents, p.documents, 'documents not sent are kept');
    const stale = await call('PATCH', '/api/v1/persons/{id}', {
      params: { id: p.id }, token: tokens.worker, expect: 409,
      body: { version: p.version, locality: 'Қонаев' },
    });
    assert.equal(stale.body.error.field, 'version');
    const g = await call('GET', '/api/v1/persons/{id}', { params: { id: p.id }, token: tokens.worker, expect: 200 });
    assert.equal(g.body.locality, 'Алматы', 'a 409 must save nothing');
    ctx.person = g.body;
    const nov = await call('PATCH', '/api/v1/persons/{id}', {
      params: { id: p.id }, token: tokens.worker, expect: 422, checkRequest: false, body: { locality: 'Қонаев' },
    });
    assert.equal(nov.body.error.field, 'version');
    const invalid = await call('PATCH', '/api/v1/persons/{id}', {
      params: { id: p.id }, token: tokens.worker, expect: 422, checkRequest: false,
      body: { version: ctx.person.version, sex: null, arrival_date: `${year + 1}-01-01` },
    });
    assert.deepEqual(invalid.body.error.fields.map((f) => f.field).sort(), ['arrival_date', 'sex']);
    await call('PATCH', '/api/v1/persons/{id}', {
      params: { id: 987654321 }, token: tokens.worker, expect: 404, body: { version: 1 },
    });
    await call('PATCH', '/api/v1/persons/{id}', {
      params: { id: p.id }, token: tokens.worker, raw: 'version=1', contentType: 'application/json', expect: 400,
    });
  });

  it('GET /api/v1/persons with every filter', async () => {
    const p = ctx.person;
    const list = async (query, token = tokens.worker) =>
      (await call('GET', '/api/v1/persons', { query, token, expect: 200 })).body;
    const ids = (b) => b.items.map((i) => i.id);

    const all = await list({});
    assert.equal(all.limit, 50);
    assert.equal(all.offset, 0);
    assert.ok(all.total >= all.items.length);
    const page = await list({ limit: 2, offset: 1 });
    assert.equal(page.items.length, 2);
    assert.deepEqual(ids(page), ids(all).slice(1, 3), 'limit/offset page through the same order');
    assert.equal(page.total, all.total);
    const max = await list({ limit: 200 });
    assert.equal(max.limit, 200);

    assert.ok(ids(await list({ q: 'Сейітқалиева' })).includes(p.id), 'q: Cyrillic name');
    assert.ok(ids(await list({ q: 'seiitqaliyeva' })).includes(p.id) ||
      ids(await list({ q: 'Seiitkalieva' })).includes(p.id), 'q: a Latin spelling');
    assert.ok(ids(await list({ q: 'E1234567' })).includes(p.id), 'q: document number');
    assert.ok(ids(await list({ category: 'kandas_candidate' })).includes(p.id), 'category');
    assert.ok(!ids(await list({ category: 'refugee' })).includes(p.id), 'category excludes');
    assert.ok(ids(await list({ region: 'KZ-75', sex: 'female' })).includes(p.id), 'region + sex');
    assert.ok(!ids(await list({ sex: 'male' })).includes(p.id), 'sex excludes');
    assert.ok(ids(await list({ age_min: 30, age_max: 60 })).includes(p.id), 'age range');
    assert.ok(!ids(await list({ age_max: 20 })).includes(p.id), 'age_max excludes');
    const hh = await list({ household_id: ctx.household });
    assert.deepEqual(ids(hh).sort(), [p.id, ctx.child.id].sort(), 'household_id');
    const summary = hh.items.find((i) => i.id === p.id);
    for (const k of Object.keys(summary))
      assert.deepEqual(summary[k], p[k], `list item member ${k} differs from the record`);

    const old = await list({ region: 'kz-ala' });
    assert.ok(old.items.length > 0 && old.items.every((i) => i.region === 'KZ-75'),
      'an older region code filters by the current one');

    for (const [q, field] of [[{ limit: 0 }, 'limit'], [{ limit: 201 }, 'limit'], [{ offset: -1 }, 'offset'],
      [{ age_min: 'ten' }, 'age_min'], [{ category: 'tourist' }, 'category'], [{ region: 'KZ-XX' }, 'region'],
      [{ sex: 'f' }, 'sex'], [{ household_id: 0 }, 'household_id']]) {
      const r = await call('GET', '/api/v1/persons', { query: q, token: tokens.worker, expect: 422 });
      assert.equal(r.body.error.field, field);
    }
  });

  it('GET /api/v1/persons/{id}: audited; 404 for unknown, other organisations\' and restricted people', async () => {
    const p = ctx.person;
    if (haveSqlite()) {
      // Views are committed by a batching writer at most 100 ms after they are queued:
      // let earlier ones settle, then wait for this one.
      const settle = () => new Promise((res) => setTimeout(res, 300));
      await settle();
      const before = auditCount('person.view', p.id);
      await call('GET', '/api/v1/persons/{id}', { params: { id: p.id }, token: tokens.supervisor, expect: 200 });
      for (let i = 0; i < 30 && auditCount('person.view', p.id) === before; i++)
        await new Promise((res) => setTimeout(res, 100));
      await settle();
      assert.equal(auditCount('person.view', p.id), before + 1, 'a GET of a person must write one person.view audit row');
    } else {
      console.log('# sqlite3 is not installed: the audit check of GET /api/v1/persons/{id} is skipped');
    }
    await call('GET', '/api/v1/persons/{id}', { params: { id: 987654321 }, token: tokens.worker, expect: 404 });

    // Another organisation: nothing, by any route.
    await call('GET', '/api/v1/persons/{id}', { params: { id: p.id }, token: tokens.ngo, expect: 404 });
    await call('PATCH', '/api/v1/persons/{id}', { params: { id: p.id }, token: tokens.ngo, body: { version: p.version }, expect: 404 });
    await call('GET', '/api/v1/households/{id}', { params: { id: ctx.household }, token: tokens.ngo, expect: 404 });
    const other = await call('GET', '/api/v1/persons', { query: { q: 'Сейітқалиева' }, token: tokens.ngo, expect: 200 });
    assert.ok(!other.body.items.some((i) => i.id === p.id));

    // A restricted person: the worker who registers them and supervisors see them; a lawyer not.
    const r = await call('POST', '/api/v1/persons', {
      token: tokens.worker, expect: 201,
      body: { family_name: 'Нұрланова', given_name: 'Мадина', sex: 'female', birth_date: '2001',
        citizenship: 'UZ', categories: ['trafficking_victim', 'labour_migrant'], region: 'KZ-79' },
    });
    assert.equal(r.body.restricted, true);
    const id = r.body.id;
    await call('GET', '/api/v1/persons/{id}', { params: { id }, token: tokens.worker, expect: 200 });
    await call('GET', '/api/v1/persons/{id}', { params: { id }, token: tokens.supervisor, expect: 200 });
    await call('GET', '/api/v1/persons/{id}', { params: { id }, token: tokens.lawyer, expect: 404 });
    await call('PATCH', '/api/v1/persons/{id}', { params: { id }, token: tokens.lawyer, body: { version: 1 }, expect: 404 });
    const seenByLawyer = await call('GET', '/api/v1/persons', { query: { q: 'Нұрланова' }, token: tokens.lawyer, expect: 200 });
    assert.ok(!seenByLawyer.body.items.some((i) => i.id === id), 'a restricted person is left out of lists');
    const seenByWorker = await call('GET', '/api/v1/persons', { query: { q: 'Нұрланова' }, token: tokens.worker, expect: 200 });
    assert.ok(seenByWorker.body.items.some((i) => i.id === id && i.restricted === true));
  });

  // ---- cases (demo cases 1..6: case 1 is held by 'worker', with 'psychologist' as co-worker)

  /* The demo's case 1, checked to be what the tests below take it for. */
  async function demoCase() {
    const r = await call('GET', '/api/v1/cases/{id}', { params: { id: 1 }, token: tokens.worker, expect: 200 });
    assert.equal(r.body.worker.login, 'worker', 'demo case 1 should be held by worker');
    const psy = r.body.co_workers.find((m) => m.login === 'psychologist');
    assert.ok(psy, 'demo case 1 should have psychologist as co-worker');
    ctx.psychologistId = psy.user_id;
    ctx.workerId = r.body.worker.id;
    return r.body;
  }

  it('GET /api/v1/cases with every filter', async () => {
    await demoCase();
    const list = async (query, token = tokens.worker) =>
      (await call('GET', '/api/v1/cases', { query, token, expect: 200 })).body;
    const ids = (b) => b.items.map((i) => i.id);

    const all = await list({});
    assert.equal(all.limit, 50);
    assert.equal(all.offset, 0);
    assert.ok(ids(all).includes(1), 'the worker\'s list has demo case 1');
    assert.deepEqual(ids(all), [...ids(all)].sort((a, b) => b - a), 'newest first');
    const page = await list({ limit: 2, offset: 1 });
    assert.equal(page.items.length, 2);
    assert.deepEqual(ids(page), ids(all).slice(1, 3), 'limit/offset page through the same order');
    assert.equal((await list({ limit: 200 })).limit, 200);

    // A list item is the case without its team.
    const one = await call('GET', '/api/v1/cases/{id}', { params: { id: 1 }, token: tokens.worker, expect: 200 });
    const { co_workers: _team, ...summary } = one.body;
    assert.deepEqual(all.items.find((i) => i.id === 1), summary, 'list item vs GET of case 1');

    const byPerson = await list({ person_id: one.body.person_id });
    assert.ok(byPerson.items.length >= 1 && byPerson.items.every((i) => i.person_id === one.body.person_id), 'person_id');
    assert.deepEqual(ids(await list({ person_id: 987654321 })), [], 'person_id of nobody');
    const psyMine = await list({ mine: 1 }, tokens.psychologist);
    assert.ok(ids(psyMine).includes(1), 'mine=1: a co-worker\'s caseload has the case');
    assert.ok(ids(await list({ mine: 0 }, tokens.lawyer)).includes(1), 'mine=0: the lawyer sees case 1');
    assert.ok(!ids(await list({ mine: 1 }, tokens.lawyer)).includes(1), 'mine=1: not the lawyer\'s case');
    const open = await list({ status: 'open' });
    assert.ok(open.items.length > 0 && open.items.every((i) => i.status === 'open'), 'status');
    assert.ok((await list({ open: 1 })).items.every((i) => i.status !== 'closed'), 'open=1');
    assert.ok((await list({ closure_pending: 1 })).items.every((i) => i.closure_requested !== null), 'closure_pending=1');
    assert.ok((await list({ closure_pending: 0, open: 0, mine: 0 })).items.length === all.items.length, 'flags at 0 filter nothing');

    // Another organisation: not a case of ours in its list, and the other way round.
    const theirs = await list({}, tokens.ngo);
    assert.ok(theirs.items.length > 0, 'the demo gives the second organisation cases');
    assert.ok(!ids(theirs).some((id) => ids(all).includes(id)), 'organisations share no case');
    ctx.foreignCase = theirs.items[0];

    for (const [q, field] of [[{ status: 'gone' }, 'status'], [{ status: '' }, 'status'], [{ person_id: 0 }, 'person_id'],
      [{ mine: 2 }, 'mine'], [{ open: 'yes' }, 'open'], [{ closure_pending: -1 }, 'closure_pending'],
      [{ limit: 0 }, 'limit'], [{ limit: 201 }, 'limit'], [{ offset: -1 }, 'offset']]) {
      const r = await call('GET', '/api/v1/cases', { query: q, token: tokens.worker, expect: 422 });
      assert.equal(r.body.error.field, field, `${JSON.stringify(q)} names ${field}`);
    }
  });

  it('POST /api/v1/cases: 201 with Location; the case reads back the same; 422, 400', async () => {
    const p = ctx.person;
    const r = await call('POST', '/api/v1/cases', {
      token: tokens.worker, expect: 201,
      body: { person_id: p.id, opening_reason: '  Қандас: needs housing and work.  ', household: true, opened_on: '2025-09-02' },
    });
    const k = r.body;
    assert.equal(r.headers.get('location'), `/api/v1/cases/${k.id}`);
    assert.equal(k.person_id, p.id);
    assert.deepEqual(k.person, { family_name: p.family_name, given_name: p.given_name, patronymic: p.patronymic, restricted: false });
    assert.equal(k.status, 'open');
    assert.equal(k.version, 1);
    assert.equal(k.household, true);
    assert.equal(k.opening_reason, 'Қандас: needs housing and work.', 'trimmed');
    assert.equal(k.opened_on, '2025-09-02');
    assert.equal(k.worker.login, 'worker');
    assert.deepEqual(k.co_workers, []);
    for (const m of ['closing_reason', 'outcome', 'closed_on', 'closed_by', 'closure_requested'])
      assert.equal(k[m], null, `${m} of a new case`);
    ctx.case = k;
    const g = await call('GET', '/api/v1/cases/{id}', { params: { id: k.id }, token: tokens.worker, expect: 200 });
    assert.deepEqual(g.body, k, 'GET after POST differs from the POST answer');
    const dflt = await call('POST', '/api/v1/cases', {
      token: tokens.supervisor, expect: 201, body: { person_id: p.id, opening_reason: 'A second case, opened by a supervisor.' },
    });
    assert.equal(dflt.body.worker.login, 'supervisor', 'the worker is the user by default');
    assert.equal(dflt.body.household, false);
    assert.match(dflt.body.opened_on, /^\d{4}-\d{2}-\d{2}$/, 'opened today by default');
    ctx.case2 = dflt.body;

    const bad = async (body, field, token = tokens.worker) => {
      const x = await call('POST', '/api/v1/cases', { token, expect: 422, checkRequest: false, body });
      assert.equal(x.body.error.field, field, `${JSON.stringify(body)} names ${x.body.error.field}, not ${field}`);
      return x.body.error.fields.map((f) => f.field);
    };
    await bad({}, 'person_id');
    assert.deepEqual((await bad({ opening_reason: ' ', opened_on: `${year + 1}-01-01` }, 'person_id')).sort(),
      ['opened_on', 'opening_reason', 'person_id'], 'every field at fault at once');
    await bad({ person_id: p.id }, 'opening_reason');
    await bad({ person_id: p.id, opening_reason: 'x', opened_on: '01.09.2025' }, 'opened_on');
    await bad({ person_id: p.id, opening_reason: 'x', colour: 'red' }, 'colour');
    await bad({ person_id: p.id, opening_reason: 'x', household: 'yes' }, 'household');
    await bad({ person_id: 'one', opening_reason: 'x' }, 'person_id');
    await bad({ person_id: p.id, opening_reason: 'x'.repeat(4001) }, 'opening_reason');
    // People the user may not see are not found, as a field error.
    await bad({ person_id: ctx.foreignCase.person_id, opening_reason: 'x' }, 'person_id');
    await bad({ person_id: 987654321, opening_reason: 'x' }, 'person_id');
    // Only a supervisor opens a case for another worker (see below); one who is not a worker
    // of the organisation is a field error.
    await bad({ person_id: p.id, opening_reason: 'x', worker_id: ctx.foreignCase.worker.id }, 'worker_id', tokens.supervisor);
    await bad({ person_id: p.id, opening_reason: 'x', worker_id: 987654321 }, 'worker_id', tokens.supervisor);
    await call('POST', '/api/v1/cases', { token: tokens.worker, raw: '[1,2', contentType: 'application/json', expect: 400 });
    await call('POST', '/api/v1/cases', {
      token: tokens.worker, raw: '{"person_id": 1, "person_id": 2}', contentType: 'application/json', expect: 400,
    });
  });

  it('GET /api/v1/cases/{id}: audited; 200 to whoever sees the person; 404 for unknown and other organisations\' cases', async () => {
    const k = ctx.case;
    if (haveSqlite()) {
      const settle = () => new Promise((res) => setTimeout(res, 300));
      await settle();
      const before = auditCount('case.view', k.person_id);
      await call('GET', '/api/v1/cases/{id}', { params: { id: k.id }, token: tokens.supervisor, expect: 200 });
      for (let i = 0; i < 30 && auditCount('case.view', k.person_id) === before; i++)
        await new Promise((res) => setTimeout(res, 100));
      await settle();
      assert.equal(auditCount('case.view', k.person_id), before + 1, 'a GET of a case must write one case.view row under its person');
    } else {
      console.log('# sqlite3 is not installed: the audit check of GET /api/v1/cases/{id} is skipped');
    }
    // Not on the team, but sees the person: reads the case.
    const lw = await call('GET', '/api/v1/cases/{id}', { params: { id: k.id }, token: tokens.lawyer, expect: 200 });
    assert.equal(lw.body.id, k.id);
    await call('GET', '/api/v1/cases/{id}', { params: { id: 987654321 }, token: tokens.worker, expect: 404 });
    await call('GET', '/api/v1/cases/{id}', { params: { id: ctx.foreignCase.id }, token: tokens.worker, expect: 404 });
    await call('GET', '/api/v1/cases/{id}', { params: { id: k.id }, token: tokens.ngo, expect: 404 });
    await call('GET', '/api/v1/cases/{id}', { params: { id: ctx.foreignCase.id }, token: tokens.ngo, expect: 200 });
  });

  it('PATCH /api/v1/cases/{id}: 200, 409 on the stale version, 422, 403 off the team, 404', async () => {
    const k = ctx.case;
    const r = await call('PATCH', '/api/v1/cases/{id}', {
      params: { id: k.id }, token: tokens.worker, expect: 200,
      body: { version: k.version, status: 'active', opening_reason: 'Қандас: needs housing, work and a school place.' },
    });
    assert.equal(r.body.version, k.version + 1);
    assert.equal(r.body.status, 'active');
    assert.equal(r.body.household, k.household, 'members not sent are kept');
    assert.ok(r.body.updated_at >= k.updated_at);
    const stale = await call('PATCH', '/api/v1/cases/{id}', {
      params: { id: k.id }, token: tokens.worker, expect: 409, body: { version: k.version, status: 'on_hold' },
    });
    assert.equal(stale.body.error.field, 'version');
    const g = await call('GET', '/api/v1/cases/{id}', { params: { id: k.id }, token: tokens.worker, expect: 200 });
    assert.equal(g.body.status, 'active', 'a 409 must save nothing');
    ctx.case = g.body;
    const v = g.body.version;

    const bad = async (body, fields) => {
      const x = await call('PATCH', '/api/v1/cases/{id}', { params: { id: k.id }, token: tokens.worker, expect: 422, checkRequest: false, body });
      assert.deepEqual(x.body.error.fields.map((f) => f.field).sort(), fields, `${JSON.stringify(body)}`);
    };
    await bad({ status: 'on_hold' }, ['version']);
    await bad({ version: String(v), status: 'on_hold' }, ['version']);
    await bad({ version: v, status: 'open' }, ['status']); // active → open is no move
    await bad({ version: v, status: 'lost' }, ['status']);
    await bad({ version: v, status: null }, ['status']);
    await bad({ version: v, opening_reason: null }, ['opening_reason']);
    await bad({ version: v, closing_reason: 'bored' }, ['closing_reason']);
    await bad({ version: v, closed_on: `${year + 1}-01-01` }, ['closed_on']);
    await bad({ version: v, status: 'closed', closed_on: '2025-09-01' }, ['closed_on', 'closing_reason', 'outcome']);
    await bad({ version: v, worker_id: 'me', household: 1, colour: 'red' }, ['colour', 'household', 'worker_id']);
    await bad({ version: v, closure_requested: true }, ['closure_requested']);
    // Read-only members are accepted and ignored.
    const ro = await call('PATCH', '/api/v1/cases/{id}', {
      params: { id: k.id }, token: tokens.worker, expect: 200,
      body: { version: v, id: 1, person_id: 1, person: {}, worker: {}, closed_by: null, co_workers: [], created_at: 0, updated_at: 0 },
    });
    assert.equal(ro.body.id, k.id);
    assert.equal(ro.body.person_id, k.person_id);
    ctx.case = ro.body;

    // Seeing the case is not working on it; only a supervisor gives it to another worker.
    await call('PATCH', '/api/v1/cases/{id}', {
      params: { id: k.id }, token: tokens.lawyer, expect: 403, body: { version: ctx.case.version, status: 'on_hold' },
    });
    await call('PATCH', '/api/v1/cases/{id}', {
      params: { id: k.id }, token: tokens.worker, expect: 403, body: { version: ctx.case.version, worker_id: ctx.psychologistId },
    });
    await call('PATCH', '/api/v1/cases/{id}', {
      params: { id: k.id }, token: tokens.supervisor, expect: 422, body: { version: ctx.case.version, worker_id: 987654321 },
    });
    await call('PATCH', '/api/v1/cases/{id}', {
      params: { id: k.id }, token: tokens.ngo, expect: 404, body: { version: ctx.case.version },
    });
    await call('PATCH', '/api/v1/cases/{id}', {
      params: { id: 987654321 }, token: tokens.worker, expect: 404, body: { version: 1 },
    });
    await call('PATCH', '/api/v1/cases/{id}', {
      params: { id: k.id }, token: tokens.worker, raw: 'version=1', contentType: 'application/json', expect: 400,
    });
  });

  it('PATCH /api/v1/cases/{id}: the team asks for a closure (202), a supervisor closes (200); closed is read-only but for reopening', async () => {
    const k = ctx.case;
    const patch = (token, body, expect) => call('PATCH', '/api/v1/cases/{id}', { params: { id: k.id }, token, body, expect });
    const asked = await patch(tokens.worker,
      { version: k.version, status: 'closed', closing_reason: 'goals_achieved', outcome: 'Housed; both adults employed.' }, 202);
    assert.equal(asked.body.status, 'active', 'a request keeps the status');
    assert.equal(asked.body.version, k.version + 1);
    assert.equal(asked.body.closure_requested.by, ctx.workerId);
    assert.equal(asked.body.closing_reason, 'goals_achieved');
    assert.equal(asked.body.closed_by, null);
    assert.match(asked.body.closed_on, /^\d{4}-\d{2}-\d{2}$/, 'closed_on by default today');
    const queue = await call('GET', '/api/v1/cases', { query: { closure_pending: 1, limit: 200 }, token: tokens.supervisor, expect: 200 });
    assert.ok(queue.body.items.some((i) => i.id === k.id), 'in the supervisors\' queue');
    // Withdrawn, asked again.
    const wd = await patch(tokens.worker, { version: asked.body.version, closure_requested: false }, 200);
    assert.equal(wd.body.closure_requested, null);
    const again = await patch(tokens.worker, { version: wd.body.version, status: 'closed', closing_reason: 'goals_achieved', outcome: 'Housed; both adults employed.' }, 202);

    // The supervisor approves: closed.
    const closed = await patch(tokens.supervisor, { version: again.body.version, status: 'closed' }, 200);
    assert.equal(closed.body.status, 'closed');
    assert.equal(closed.body.closure_requested, null);
    assert.ok(closed.body.closed_by >= 1);
    assert.equal(closed.body.outcome, 'Housed; both adults employed.');
    const cv = closed.body.version;
    const lists = async (query) => (await call('GET', '/api/v1/cases', { query: { ...query, limit: 200 }, token: tokens.worker, expect: 200 })).body.items.map((i) => i.id);
    assert.ok(!(await lists({ open: 1 })).includes(k.id), 'open=1 leaves it out');
    assert.ok((await lists({ status: 'closed' })).includes(k.id), 'status=closed has it');

    // Read-only: for the team, and for a supervisor but to reopen it.
    await patch(tokens.worker, { version: cv, status: 'active' }, 403);
    await patch(tokens.worker, { version: cv, outcome: 'Changed my mind' }, 403);
    await patch(tokens.supervisor, { version: cv, status: 'closed', outcome: 'Rewritten' }, 403);
    await call('POST', '/api/v1/cases/{id}/notes', { params: { id: k.id }, token: tokens.worker, body: { text: 'Late' }, expect: 403 });
    await call('POST', '/api/v1/cases/{id}/workers', { params: { id: k.id }, token: tokens.supervisor, body: { user_id: ctx.psychologistId }, expect: 403 });
    await call('DELETE', '/api/v1/cases/{id}/workers/{user_id}', { params: { id: k.id, user_id: ctx.psychologistId }, token: tokens.worker, expect: 403 });
    const notes = await call('GET', '/api/v1/cases/{id}/notes', { params: { id: k.id }, token: tokens.worker, expect: 200 });
    assert.ok(Array.isArray(notes.body.items), 'a closed case\'s notes are read');

    // A supervisor reopens it; the closure is cleared.
    const re = await patch(tokens.supervisor, { version: cv, status: 'active' }, 200);
    assert.equal(re.body.status, 'active');
    for (const m of ['closing_reason', 'outcome', 'closed_on', 'closed_by', 'closure_requested'])
      assert.equal(re.body[m], null, `${m} after reopening`);
    ctx.case = re.body;
    // A supervisor closes a case directly, with no request before.
    const k2 = ctx.case2;
    const direct = await call('PATCH', '/api/v1/cases/{id}', {
      params: { id: k2.id }, token: tokens.supervisor, expect: 200,
      body: { version: k2.version, status: 'closed', closing_reason: 'other', outcome: 'Opened twice by mistake.', closed_on: k2.opened_on },
    });
    assert.equal(direct.body.status, 'closed');
    assert.equal(direct.body.closed_on, k2.opened_on);
    assert.equal(direct.body.closure_requested, null);
  });

  it('GET and POST /api/v1/cases/{id}/notes: confidential notes are for their author and supervisors', async () => {
    const k1 = await demoCase(); // opened the day the demo was made: a note is dated no earlier
    const post = (token, body, expect, checkRequest = true) =>
      call('POST', '/api/v1/cases/{id}/notes', { params: { id: 1 }, token, body, expect, checkRequest });
    const get = async (token) =>
      (await call('GET', '/api/v1/cases/{id}/notes', { params: { id: 1 }, token, expect: 200 })).body.items;
    const secret = await post(tokens.worker, { text: '  Spoke with the mother alone.\nShe is afraid.  ', confidential: true, noted_on: k1.opened_on }, 201);
    assert.equal(secret.body.text, 'Spoke with the mother alone.\nShe is afraid.', 'trimmed, line breaks kept');
    assert.equal(secret.body.confidential, true);
    assert.equal(secret.body.noted_on, k1.opened_on);
    assert.equal(secret.body.author.login, 'worker');
    const open = await post(tokens.psychologist, { text: 'First session held.' }, 201);
    assert.equal(open.body.confidential, false);
    assert.equal(open.body.author.login, 'psychologist');
    assert.match(open.body.noted_on, /^\d{4}-\d{2}-\d{2}$/);

    const mine = await get(tokens.worker);
    assert.deepEqual(mine.find((n) => n.id === secret.body.id), secret.body, 'GET lists the note as POST answered it');
    assert.ok(mine.some((n) => n.id === open.body.id));
    const order = mine.map((n) => [n.noted_on, n.id]);
    assert.deepEqual(order, [...order].sort((a, b) => (a[0] === b[0] ? b[1] - a[1] : a[0] < b[0] ? 1 : -1)), 'newest first');
    assert.ok((await get(tokens.supervisor)).some((n) => n.id === secret.body.id), 'a supervisor reads it');
    for (const who of ['psychologist', 'lawyer']) {
      const items = await get(tokens[who]);
      assert.ok(!items.some((n) => n.id === secret.body.id), `${who} must not read another's confidential note`);
      assert.ok(items.some((n) => n.id === open.body.id), `${who} reads the open note`);
      assert.ok(items.every((n) => !n.confidential || n.author.login === who));
    }

    await post(tokens.lawyer, { text: 'Not on the team' }, 403);
    await call('GET', '/api/v1/cases/{id}/notes', { params: { id: 1 }, token: tokens.ngo, expect: 404 });
    await call('POST', '/api/v1/cases/{id}/notes', { params: { id: 1 }, token: tokens.ngo, body: { text: 'x' }, expect: 404 });
    await call('GET', '/api/v1/cases/{id}/notes', { params: { id: 987654321 }, token: tokens.worker, expect: 404 });
    for (const [body, field] of [[{ text: '  ' }, 'text'], [{}, 'text'], [{ text: 'x', noted_on: 'tomorrow' }, 'noted_on'],
      [{ text: 'x', noted_on: `${year + 1}-01-01` }, 'noted_on'], [{ text: 'x', noted_on: `${year - 1}-01-01` }, 'noted_on'],
      [{ text: 'x', confidential: 'yes' }, 'confidential'],
      [{ text: 'x', colour: 'red' }, 'colour'], [{ text: 'x'.repeat(4001) }, 'text']]) {
      const r = await post(tokens.worker, body, 422, false);
      assert.equal(r.body.error.field, field, JSON.stringify(body).slice(0, 80));
    }
    await call('POST', '/api/v1/cases/{id}/notes', { params: { id: 1 }, token: tokens.worker, raw: '"text"', contentType: 'application/json', expect: 400 });
  });

  it('GET and POST /api/v1/cases/{id}/assessments: every need scored, newest first; the team adds, anyone who sees the case reads', async () => {
    const k1 = await demoCase();
    const needs = doc.components.schemas.Need.enum;
    const list = async (id, token = tokens.worker) =>
      (await call('GET', '/api/v1/cases/{id}/assessments', { params: { id }, token, expect: 200 })).body.items;
    const post = (id, token, body, expect, checkRequest = true) =>
      call('POST', '/api/v1/cases/{id}/assessments', { params: { id }, token, body, expect, checkRequest });
    const urgencies = (a) => Object.fromEntries(a.needs.filter((n) => n.urgency > 0).map((n) => [n.need, n.urgency]));

    // The demo assessed case 1 the day it opened it.
    const before = await list(1);
    assert.ok(before.length >= 1, 'demo case 1 has an assessment');
    for (const a of before)
      assert.deepEqual(a.needs.map((n) => n.need), needs, 'every need of the list, in its order');

    // By the assigned worker: both forms of a need; the rest scored 0; texts trimmed.
    const r = await post(1, tokens.worker, {
      assessed_on: k1.opened_on, summary: '  Housing first.\nThen work.  ',
      needs: { family: { urgency: 1, note: '  Two children at school.  ' }, housing: 3, employment: { urgency: 2, note: null }, culture: 0 },
    }, 201);
    const a = r.body;
    assert.equal(r.headers.get('location'), '/api/v1/cases/1/assessments');
    assert.equal(a.assessed_on, k1.opened_on);
    assert.equal(a.summary, 'Housing first.\nThen work.', 'trimmed, line breaks kept');
    assert.deepEqual([a.assessor.id, a.assessor.login], [ctx.workerId, 'worker']);
    assert.deepEqual(a.needs.map((n) => n.need), needs, 'every need of the list, in its order');
    assert.deepEqual(urgencies(a), { housing: 3, employment: 2, family: 1 });
    assert.equal(a.needs.find((n) => n.need === 'family').note, 'Two children at school.');
    assert.ok(a.needs.filter((n) => n.need !== 'family').every((n) => n.note === null));
    // By a co-worker, with nothing but the needs: dated today, no summary.
    const co = await post(1, tokens.psychologist, { needs: { psychological: { urgency: 2, note: '' } } }, 201);
    assert.equal(co.body.assessor.login, 'psychologist');
    assert.equal(co.body.summary, null);
    assert.match(co.body.assessed_on, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(co.body.needs.find((n) => n.need === 'psychological').note, null, 'an empty note is null');
    // By a supervisor, off the team; and with needs: {} (all 0).
    const sup = await post(1, tokens.supervisor, { needs: {} }, 201);
    assert.ok(sup.body.needs.every((n) => n.urgency === 0 && n.note === null));

    // Read back as POST answered, by anyone who sees the case (the lawyer too), newest first.
    const after = await list(1);
    assert.deepEqual(after.find((x) => x.id === a.id), a, 'GET lists the assessment as POST answered it');
    for (const x of [co.body, sup.body, ...before])
      assert.ok(after.some((y) => y.id === x.id), `assessment ${x.id} is listed`);
    const order = after.map((x) => [x.assessed_on, x.id]);
    assert.deepEqual(order, [...order].sort((p, q) => (p[0] === q[0] ? q[1] - p[1] : p[0] < q[0] ? 1 : -1)), 'newest first');
    assert.deepEqual(await list(1, tokens.lawyer), after, 'the lawyer reads them, as the worker does');

    // Dated by assessed_on, not by when they were made: on the case opened 2025-09-02.
    const k = ctx.case;
    assert.equal(k.opened_on, '2025-09-02');
    const late = await post(k.id, tokens.worker, { assessed_on: '2025-10-01', needs: { housing: 2 } }, 201);
    const early = await post(k.id, tokens.worker, { assessed_on: k.opened_on, needs: { housing: 3 } }, 201);
    assert.deepEqual((await list(k.id)).slice(0, 2).map((x) => x.id), [late.body.id, early.body.id], 'ordered by assessed_on');

    if (haveSqlite()) {
      const settle = () => new Promise((res) => setTimeout(res, 300));
      await settle();
      const was = auditCount('case.view', k.person_id);
      await list(k.id, tokens.supervisor);
      for (let i = 0; i < 30 && auditCount('case.view', k.person_id) === was; i++)
        await new Promise((res) => setTimeout(res, 100));
      await settle();
      assert.equal(auditCount('case.view', k.person_id), was + 1, 'a GET of the assessments must write one case.view row under the person');
    } else {
      console.log('# sqlite3 is not installed: the audit check of GET /api/v1/cases/{id}/assessments is skipped');
    }

    // 422: each field at fault by name.
    for (const [body, field] of [
      [{}, 'needs'], [{ needs: [] }, 'needs'], [{ needs: null }, 'needs'],
      [{ needs: { planet: 1 } }, 'needs.planet'],
      [{ needs: { housing: 4 } }, 'needs.housing.urgency'], [{ needs: { housing: -1 } }, 'needs.housing.urgency'],
      [{ needs: { housing: '3' } }, 'needs.housing.urgency'], [{ needs: { housing: 1.5 } }, 'needs.housing.urgency'],
      [{ needs: { housing: null } }, 'needs.housing.urgency'], [{ needs: { housing: { note: 'No urgency.' } } }, 'needs.housing.urgency'],
      [{ needs: { housing: { urgency: 1, note: 5 } } }, 'needs.housing.note'],
      [{ needs: { housing: { urgency: 1, note: 'ә'.repeat(1001) } } }, 'needs.housing.note'],
      [{ needs: { housing: { urgency: 1, colour: 'red' } } }, 'needs.housing.colour'],
      [{ needs: {}, assessed_on: 'today' }, 'assessed_on'], [{ needs: {}, assessed_on: '02.09.2025' }, 'assessed_on'],
      [{ needs: {}, assessed_on: `${year + 1}-01-01` }, 'assessed_on'], [{ needs: {}, assessed_on: '2025-09-01' }, 'assessed_on'],
      [{ needs: {}, assessed_on: null }, 'assessed_on'],
      [{ needs: {}, summary: 7 }, 'summary'], [{ needs: {}, summary: 'ә'.repeat(4001) }, 'summary'],
      [{ needs: {}, colour: 'red' }, 'colour']]) {
      const x = await post(k.id, tokens.worker, body, 422, false);
      assert.equal(x.body.error.field, field, JSON.stringify(body).slice(0, 80));
    }
    // At the limits: accepted.
    await post(k.id, tokens.worker, { needs: { housing: { urgency: 0, note: 'ә'.repeat(1000) } }, summary: 'ә'.repeat(4000) }, 201);
    // Every field at fault at once.
    const all = await post(k.id, tokens.worker, {
      assessed_on: `${year + 1}-01-01`, summary: 'ә'.repeat(4001), needs: { planet: 1, housing: 9, family: { urgency: 1, note: 'ә'.repeat(1001) } },
    }, 422, false);
    assert.deepEqual(all.body.error.fields.map((f) => f.field).sort(),
      ['assessed_on', 'needs.family.note', 'needs.housing.urgency', 'needs.planet', 'summary']);
    assert.equal((await list(k.id)).length, 3, 'a 422 saves nothing');

    // 403 off the team, and on a closed case (ctx.case2, closed above) even for a supervisor;
    // a closed case's assessments are still read.
    await post(1, tokens.lawyer, { needs: { housing: 1 } }, 403);
    await post(ctx.case2.id, tokens.supervisor, { needs: { housing: 1 } }, 403);
    await list(ctx.case2.id, tokens.supervisor);
    // 404: another organisation, an unknown case, a restricted person's case for the lawyer.
    await call('GET', '/api/v1/cases/{id}/assessments', { params: { id: 1 }, token: tokens.ngo, expect: 404 });
    await post(1, tokens.ngo, { needs: { housing: 1 } }, 404);
    await call('GET', '/api/v1/cases/{id}/assessments', { params: { id: 987654321 }, token: tokens.worker, expect: 404 });
    await post(987654321, tokens.worker, { needs: {} }, 404);
    const cases = await call('GET', '/api/v1/cases', { query: { limit: 200 }, token: tokens.worker, expect: 200 });
    let hidden;
    for (const c of cases.body.items.filter((i) => i.person.restricted)) {
      const g = await call('GET', '/api/v1/cases/{id}', { params: { id: c.id }, token: tokens.worker, expect: 200 });
      if (!g.body.co_workers.some((m) => m.login === 'lawyer')) hidden = c;
    }
    assert.ok(hidden, 'the demo gives the worker a case of a restricted person the lawyer does not work on');
    await list(hidden.id);
    await call('GET', '/api/v1/cases/{id}/assessments', { params: { id: hidden.id }, token: tokens.lawyer, expect: 404 });
    await post(hidden.id, tokens.lawyer, { needs: {} }, 404);
    // 400.
    await call('POST', '/api/v1/cases/{id}/assessments', { params: { id: 1 }, token: tokens.worker, raw: '[]', contentType: 'application/json', expect: 400 });
    await call('POST', '/api/v1/cases/{id}/assessments', {
      params: { id: 1 }, token: tokens.worker, raw: '{"needs": {}, "needs": {"housing": 1}}', contentType: 'application/json', expect: 400,
    });
  });

  it('GET /api/v1/cases/{id}/recommendations: the proposals the rules make now, with their reasons; audited', async () => {
    const cases = (await call('GET', '/api/v1/cases', { query: { limit: 200 }, token: tokens.worker, expect: 200 })).body.items;
    const caseOf = (family) => {
      const c = cases.find((i) => i.person.family_name === family);
      assert.ok(c, `the demo gives the worker a case of ${family}`);
      return c;
    };
    const list = async (id, token = tokens.worker, lang) =>
      (await call('GET', '/api/v1/cases/{id}/recommendations', { params: { id }, token, lang, expect: 200 })).body.items;
    const codes = (p) => [p.function, p.means, p.service_kind, p.form];

    // Karimova Nodira, a trafficking victim, assessed the day her case opened
    // (housing 3, legal_status 3, psychological 3, medical_care 2, employment 2).
    const kn = caseOf('Karimova');
    assert.equal(kn.person.restricted, true);
    ctx.trafficking = kn;
    const items = await list(kn.id);
    assert.ok(items.length > 0 && items.every((p) => p.current === true && p.decision === null), 'all current, none decided yet');
    assert.deepEqual(items.map((p) => p.rule_id), [...items.map((p) => p.rule_id)].sort((a, b) => a - b), 'in rule id order');
    const byCategory = items.filter((p) => p.reasons.some((x) => x.kind === 'category'));
    assert.deepEqual(byCategory.map((p) => p.reasons), Array(3).fill([{ kind: 'category', code: 'trafficking_victim' }]),
      'the three proposals for a trafficking victim, each because of the category');
    assert.deepEqual(byCategory.map(codes), [
      ['adaptation', 'individual', 'social_psychological', 'psychotherapy'],
      ['adaptation', 'individual', 'social_legal', 'individual'],
      ['adaptation', 'individual', 'social_household', 'temporary_accommodation']]);
    const needs = Object.fromEntries(items.flatMap((p) => p.reasons.filter((x) => x.kind === 'need')).map((x) => [x.code, [x.urgency, x.source]]));
    assert.deepEqual(needs, { housing: [3, 'assessment'], legal_status: [3, 'assessment'], psychological: [3, 'assessment'],
      medical_care: [2, 'assessment'], employment: [2, 'assessment'] }, 'a need of the latest assessment at or above the rule\'s urgency');
    assert.ok(items.every((p) => p.label.length > 0));
    // The label follows the language of the answer; the rest does not.
    const en = await list(kn.id, tokens.worker, 'en');
    const ru = await list(kn.id, tokens.worker, 'ru');
    assert.equal(en[0].label, 'social-psychological support');
    assert.equal(ru[0].label, 'социально-психологическая поддержка');
    assert.deepEqual(en.map(({ label: _l, ...p }) => p), ru.map(({ label: _l, ...p }) => p));
    // A supervisor reads the same.
    assert.deepEqual(await list(kn.id, tokens.supervisor), items);

    // Before any assessment the registry's languages stand in (Ахмади Фарид: Russian basic,
    // an asylum seeker and a persecution victim): the three kinds of reason.
    const af = caseOf('Ахмади');
    assert.deepEqual((await call('GET', '/api/v1/cases/{id}/assessments', { params: { id: af.id }, token: tokens.worker, expect: 200 })).body.items, []);
    const reasons = (await list(af.id)).flatMap((p) => p.reasons);
    assert.ok(reasons.some((x) => x.kind === 'category' && x.code === 'persecution_victim'), JSON.stringify(reasons));
    assert.ok(reasons.some((x) => x.kind === 'legal_status' && x.code === 'asylum_seeker'), JSON.stringify(reasons));
    assert.ok(reasons.some((x) => x.kind === 'need' && x.code === 'language_ru' && x.urgency === 2 && x.source === 'registry'),
      `"basic" Russian proposes a course before any assessment: ${JSON.stringify(reasons)}`);
    assert.ok(reasons.filter((x) => x.kind === 'need').every((x) => x.source === 'registry'));
    // A person the rules propose nothing for: an empty list.
    assert.ok(Array.isArray(await list(caseOf('Сейітқали').id)));

    if (haveSqlite()) {
      const settle = () => new Promise((res) => setTimeout(res, 300));
      await settle();
      const was = auditCount('case.view', kn.person_id);
      await list(kn.id);
      for (let i = 0; i < 30 && auditCount('case.view', kn.person_id) === was; i++)
        await new Promise((res) => setTimeout(res, 100));
      await settle();
      assert.equal(auditCount('case.view', kn.person_id), was + 1, 'a GET of the proposals must write one case.view row under the person');
    } else {
      console.log('# sqlite3 is not installed: the audit check of GET /api/v1/cases/{id}/recommendations is skipped');
    }

    // 404: another organisation, an unknown case, a restricted person's case for the lawyer.
    await call('GET', '/api/v1/cases/{id}/recommendations', { params: { id: kn.id }, token: tokens.ngo, expect: 404 });
    await call('GET', '/api/v1/cases/{id}/recommendations', { params: { id: kn.id }, token: tokens.lawyer, expect: 404 });
    await call('GET', '/api/v1/cases/{id}/recommendations', { params: { id: 987654321 }, token: tokens.worker, expect: 404 });
    // A closed case's proposals are still read.
    await list(ctx.case2.id, tokens.supervisor);
  });

  it('POST /api/v1/cases/{id}/recommendations/{rule_id}: accepted, rejected or changed, read back; the team decides', async () => {
    const kn = ctx.trafficking;
    assert.ok(kn, 'set by the GET test above');
    const path = '/api/v1/cases/{id}/recommendations/{rule_id}';
    const decide = (ruleId, token, body, expect, checkRequest = true, id = kn.id) =>
      call('POST', path, { params: { id, rule_id: ruleId }, token, body, expect, checkRequest });
    const list = async () =>
      (await call('GET', '/api/v1/cases/{id}/recommendations', { params: { id: kn.id }, token: tokens.worker, expect: 200 })).body.items;
    const codes = (p) => [p.function, p.means, p.service_kind, p.form];
    const before = await list();
    const [psy, legal, shelter] = before.filter((p) => p.reasons.some((x) => x.kind === 'category'));
    const housing = before.find((p) => p.reasons.some((x) => x.kind === 'need' && x.code === 'housing'));
    const medical = before.find((p) => p.reasons.some((x) => x.kind === 'need' && x.code === 'medical_care'));
    const { decision: _d, ...asListed } = psy;
    const t0 = Math.floor(Date.now() / 1000);

    // accepted: the rule's codes, the note trimmed.
    const acc = (await decide(psy.rule_id, tokens.worker, { decision: 'accepted', note: '  First session booked.\nShe agreed.  ' }, 200)).body;
    assert.deepEqual({ ...acc, decision: undefined }, { ...asListed, decision: undefined }, 'the proposal as GET listed it');
    assert.equal(acc.decision.decision, 'accepted');
    assert.deepEqual(codes(acc.decision), codes(psy), 'accepted: the rule\'s codes');
    assert.equal(acc.decision.note, 'First session booked.\nShe agreed.', 'trimmed, line breaks kept');
    assert.deepEqual([acc.decision.decided_by.id, acc.decision.decided_by.login], [ctx.workerId, 'worker']);
    assert.ok(acc.decision.decided_at >= t0 - 60 && acc.decision.decided_at <= t0 + 600, `decided_at ${acc.decision.decided_at}`);
    // rejected: no codes, whatever is sent.
    const rej = (await decide(legal.rule_id, tokens.worker, { decision: 'rejected', note: 'The lawyer of the shelter has it.', form: 'training' }, 200)).body;
    assert.deepEqual(codes(rej.decision), [null, null, null, null], 'rejected: no codes');
    assert.equal(rej.decision.note, 'The lawyer of the shelter has it.');
    // changed: the codes not given are the rule's; an empty note is null.
    const chg = (await decide(shelter.rule_id, tokens.worker, { decision: 'changed', form: 'individual', note: '   ' }, 200)).body;
    assert.deepEqual(codes(chg.decision), [shelter.function, shelter.means, shelter.service_kind, 'individual']);
    assert.equal(chg.decision.note, null, 'a blank note is null');
    const chg2 = (await decide(housing.rule_id, tokens.worker, {
      decision: 'changed', function: 'integration', means: 'collective', service_kind: 'counselling', form: 'self_help_group', note: null,
    }, 200)).body;
    assert.deepEqual(codes(chg2.decision), ['integration', 'collective', 'counselling', 'self_help_group']);
    assert.deepEqual(codes(chg2), codes(housing), 'the proposal keeps the rule\'s codes');

    // Read back as POST answered.
    let now = await list();
    for (const x of [acc, rej, chg, chg2])
      assert.deepEqual(now.find((p) => p.rule_id === x.rule_id), x, `GET lists rule ${x.rule_id} as POST answered it`);
    assert.deepEqual(now.map((p) => p.rule_id), before.map((p) => p.rule_id), 'deciding adds or removes no proposal');

    // A new decision replaces the earlier one, by a supervisor too (off the team); at the limits.
    const again = (await decide(psy.rule_id, tokens.supervisor, { decision: 'rejected', note: 'ә'.repeat(1000) }, 200)).body;
    assert.equal(again.decision.decided_by.login, 'supervisor');
    now = await list();
    assert.equal(now.filter((p) => p.rule_id === psy.rule_id).length, 1);
    assert.deepEqual(now.find((p) => p.rule_id === psy.rule_id), again, 'the later decision replaced the earlier one');

    // 422: each field at fault by name; nothing is saved.
    for (const [body, field] of [
      [{}, 'decision'], [{ decision: 'maybe' }, 'decision'], [{ decision: null }, 'decision'], [{ decision: 1 }, 'decision'],
      [{ decision: 'changed' }, 'decision'], [{ decision: 'changed', form: shelter.form, means: shelter.means }, 'decision'],
      [{ decision: 'changed', function: 'cure' }, 'function'], [{ decision: 'changed', means: 'magic' }, 'means'],
      [{ decision: 'changed', service_kind: 'banking' }, 'service_kind'], [{ decision: 'changed', form: 'letter' }, 'form'],
      [{ decision: 'changed', form: 7 }, 'form'], [{ decision: 'accepted', function: ['adaptation'] }, 'function'],
      [{ decision: 'accepted', note: 5 }, 'note'], [{ decision: 'accepted', note: 'ә'.repeat(1001) }, 'note'],
      [{ decision: 'accepted', colour: 'red' }, 'colour']]) {
      const x = await decide(shelter.rule_id, tokens.worker, body, 422, false);
      assert.equal(x.body.error.field, field, JSON.stringify(body).slice(0, 80));
    }
    const all = await decide(shelter.rule_id, tokens.worker, { decision: 'changed', means: 'magic', form: 'letter', note: 'ә'.repeat(1001) }, 422, false);
    assert.deepEqual(all.body.error.fields.map((f) => f.field).sort(), ['form', 'means', 'note']);
    assert.deepEqual((await list()).find((p) => p.rule_id === shelter.rule_id), chg, 'a 422 saves nothing');

    // A decided proposal the rules no longer make stays listed, after the current ones;
    // it may be decided again, one never decided may not.
    await call('POST', '/api/v1/cases/{id}/assessments', {
      params: { id: kn.id }, token: tokens.worker, expect: 201, body: { needs: { psychological: 3, legal_status: 2 } },
    });
    now = await list();
    const current = now.filter((p) => p.current);
    const gone = now.filter((p) => !p.current);
    assert.deepEqual(now.slice(0, current.length), current, 'the current proposals come first');
    assert.ok(!current.some((p) => p.rule_id === housing.rule_id || p.rule_id === medical.rule_id), 'housing and medical care are no longer needs');
    assert.deepEqual(gone.map((p) => p.rule_id), [housing.rule_id]);
    assert.deepEqual(gone[0], { ...chg2, current: false, reasons: [] }, 'no longer proposed: no reasons, the decision kept');
    assert.deepEqual(current.filter((p) => p.reasons.some((x) => x.kind === 'category')).map((p) => p.rule_id),
      [psy.rule_id, legal.rule_id, shelter.rule_id], 'the category still holds');
    const re = (await decide(housing.rule_id, tokens.worker, { decision: 'accepted' }, 200)).body;
    assert.equal(re.current, false);
    assert.deepEqual(re.reasons, []);
    assert.deepEqual(codes(re.decision), codes(housing));
    await decide(medical.rule_id, tokens.worker, { decision: 'accepted' }, 404);

    // 404: a rule never proposed for the case, no such rule, a case not seen.
    for (const ruleId of [987654321, 999999999999999999])
      await decide(ruleId, tokens.worker, { decision: 'accepted' }, 404);
    const unproposed = [...Array(30).keys()].map((i) => i + 1).find((id) => !now.some((p) => p.rule_id === id));
    await decide(unproposed, tokens.worker, { decision: 'accepted' }, 404); // a rule of another category
    await decide(psy.rule_id, tokens.ngo, { decision: 'accepted' }, 404);
    await decide(psy.rule_id, tokens.lawyer, { decision: 'accepted' }, 404); // restricted, not the lawyer's
    await decide(psy.rule_id, tokens.worker, { decision: 'accepted' }, 404, true, 987654321);

    // 403: the lawyer sees case 1 but is not on its team; a closed case, even for a supervisor.
    await decide(psy.rule_id, tokens.lawyer, { decision: 'accepted' }, 403, true, 1);
    await decide(psy.rule_id, tokens.supervisor, { decision: 'accepted' }, 403, true, ctx.case2.id);

    // 400.
    await call('POST', path, { params: { id: kn.id, rule_id: psy.rule_id }, token: tokens.worker, raw: '[]', contentType: 'application/json', expect: 400 });
    await call('POST', path, {
      params: { id: kn.id, rule_id: psy.rule_id }, token: tokens.worker, expect: 400,
      raw: '{"decision": "accepted", "decision": "rejected"}', contentType: 'application/json',
    });
  });

  // ---- the individual plan (goals, tasks, reviews, approval) of demo case 1, held by
  // 'worker' with 'psychologist' as co-worker; the lawyer sees it but is not on its team.

  /* date + days, as YYYY-MM-DD (UTC). */
  const addDays = (date, days) => {
    const [y, m, d] = date.split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
  };
  const planOf = async (id, token = tokens.worker) =>
    (await call('GET', '/api/v1/cases/{id}/plan', { params: { id }, token, expect: 200 })).body;
  const goalOf = (plan, goalId) => plan.goals.find((g) => g.id === goalId);
  const taskOf = (plan, taskId) => plan.goals.flatMap((g) => g.tasks).find((t) => t.id === taskId);
  const approve = (id, token, expect) =>
    call('POST', '/api/v1/cases/{id}/plan/approval', { params: { id }, token, expect });

  it('GET /api/v1/cases/{id}/plan: the plan of a case, audited; anyone who sees the case reads it', async () => {
    const k1 = await demoCase();
    const plan = await planOf(1);
    assert.deepEqual(plan, {
      approved: null, changed_since_approval: false, needs_approval: false, review_every_days: 30,
      next_review_on: addDays(k1.opened_on, 30), goals: [], reviews: [],
    }, 'a new case: no goals, no reviews, the first review 30 days after it opened');
    // Seeing the case is enough: a co-worker, a supervisor and the lawyer (off the team) read the same.
    for (const who of ['psychologist', 'supervisor', 'lawyer'])
      assert.deepEqual(await planOf(1, tokens[who]), plan, `${who} reads the plan`);
    // A closed case's plan is read too.
    const closed = await planOf(ctx.case2.id, tokens.supervisor);
    assert.deepEqual(closed.goals, []);

    if (haveSqlite()) {
      const settle = () => new Promise((res) => setTimeout(res, 300));
      await settle();
      const was = auditCount('case.view', k1.person_id);
      await planOf(1);
      for (let i = 0; i < 30 && auditCount('case.view', k1.person_id) === was; i++)
        await new Promise((res) => setTimeout(res, 100));
      await settle();
      assert.equal(auditCount('case.view', k1.person_id), was + 1, 'a GET of the plan must write one case.view row under the person');
    } else {
      console.log('# sqlite3 is not installed: the audit check of GET /api/v1/cases/{id}/plan is skipped');
    }

    // 404: another organisation, an unknown case, a restricted person's case for the lawyer.
    await call('GET', '/api/v1/cases/{id}/plan', { params: { id: 1 }, token: tokens.ngo, expect: 404 });
    await call('GET', '/api/v1/cases/{id}/plan', { params: { id: 987654321 }, token: tokens.worker, expect: 404 });
    await call('GET', '/api/v1/cases/{id}/plan', { params: { id: ctx.trafficking.id }, token: tokens.lawyer, expect: 404 });
    await call('GET', '/api/v1/cases/{id}/plan', { params: { id: ctx.foreignCase.id }, token: tokens.worker, expect: 404 });
  });

  it('POST /api/v1/cases/{id}/goals and PATCH /api/v1/cases/{id}/goals/{goal_id}: the team writes the goals', async () => {
    const post = (token, body, expect, { id = 1, checkRequest = true } = {}) =>
      call('POST', '/api/v1/cases/{id}/goals', { params: { id }, token, body, expect, checkRequest });
    const patch = (goalId, token, body, expect, { id = 1, checkRequest = true } = {}) =>
      call('PATCH', '/api/v1/cases/{id}/goals/{goal_id}', { params: { id, goal_id: goalId }, token, body, expect, checkRequest });

    // By the assigned worker: the codes as given, the title trimmed.
    const r = await post(tokens.worker, {
      title: '  A flat of their own by the spring  ', function: 'adaptation', means: 'individual',
      service_kind: 'social_household', form: 'individual',
    }, 201);
    assert.equal(r.headers.get('location'), null, 'a goal has no path of its own');
    const g1 = r.body.goals.at(-1);
    assert.deepEqual({ ...g1, id: undefined }, {
      id: undefined, title: 'A flat of their own by the spring', rule_id: null, function: 'adaptation', means: 'individual',
      service_kind: 'social_household', form: 'individual', status: 'open', tasks: [],
    });
    assert.equal(r.body.needs_approval, true, 'a plan with goals, never approved, waits for approval');
    assert.equal(r.body.approved, null);
    assert.equal(r.body.changed_since_approval, false, 'never approved: not "changed since"');
    // By a co-worker, with a title alone (empty codes are none); by a supervisor off the team, at the limit.
    const g2 = (await post(tokens.psychologist, { title: 'Kazakh lessons for the children', means: '', form: null }, 201, { checkRequest: false })).body.goals.at(-1);
    assert.deepEqual([g2.function, g2.means, g2.service_kind, g2.form, g2.rule_id], [null, null, null, null, null]);
    const long = 'ә'.repeat(200);
    const g3 = (await post(tokens.supervisor, { title: long }, 201)).body.goals.at(-1);
    assert.equal(g3.title, long);
    const plan = await planOf(1);
    assert.deepEqual(plan.goals.map((g) => g.id), [g1.id, g2.id, g3.id], 'goals by id');
    assert.ok(g1.id < g2.id && g2.id < g3.id);
    assert.deepEqual(goalOf(plan, g1.id), g1, 'GET reads the goal as POST answered it');
    ctx.goal = g1;
    ctx.goal2 = g2;

    // 422: each field at fault by name; then every one at once; nothing is saved.
    for (const [body, field] of [
      [{}, 'title'], [{ title: '   ' }, 'title'], [{ title: null }, 'title'], [{ title: 5 }, 'title'],
      [{ title: 'Two\nlines' }, 'title'], [{ title: 'x'.repeat(201) }, 'title'],
      [{ title: 'x', function: 'cure' }, 'function'], [{ title: 'x', means: 'magic' }, 'means'],
      [{ title: 'x', service_kind: 'banking' }, 'service_kind'], [{ title: 'x', form: 'letter' }, 'form'],
      [{ title: 'x', form: ['individual'] }, 'form'], [{ title: 'x', status: 'open' }, 'status'],
      [{ title: 'x', rule_id: 1 }, 'rule_id'], [{ title: 'x', colour: 'red' }, 'colour']]) {
      const x = await post(tokens.worker, body, 422, { checkRequest: false });
      assert.equal(x.body.error.field, field, JSON.stringify(body).slice(0, 80));
    }
    const all = await post(tokens.worker, { title: '', means: 'magic', form: 7 }, 422, { checkRequest: false });
    assert.deepEqual(all.body.error.fields.map((f) => f.field).sort(), ['form', 'means', 'title']);
    assert.deepEqual((await planOf(1)).goals.map((g) => g.id), plan.goals.map((g) => g.id), 'a 422 saves nothing');

    // 403: the lawyer sees case 1 but is not on its team; a closed case, even for a supervisor.
    await post(tokens.lawyer, { title: 'Not on the team' }, 403);
    await post(tokens.supervisor, { title: 'Closed' }, 403, { id: ctx.case2.id });
    // 404: another organisation, an unknown case, a restricted person's case for the lawyer.
    await post(tokens.ngo, { title: 'x' }, 404);
    await post(tokens.worker, { title: 'x' }, 404, { id: 987654321 });
    await post(tokens.lawyer, { title: 'x' }, 404, { id: ctx.trafficking.id });
    // 400.
    await call('POST', '/api/v1/cases/{id}/goals', { params: { id: 1 }, token: tokens.worker, raw: '[]', contentType: 'application/json', expect: 400 });
    await call('POST', '/api/v1/cases/{id}/goals', {
      params: { id: 1 }, token: tokens.worker, raw: '{"title": "a", "title": "b"}', contentType: 'application/json', expect: 400,
    });

    // PATCH: the status only, each of them, by anyone on the team or a supervisor.
    for (const [status, token] of [['achieved', tokens.worker], ['dropped', tokens.psychologist], ['open', tokens.supervisor]]) {
      const x = await patch(g2.id, token, { status }, 200);
      assert.equal(goalOf(x.body, g2.id).status, status);
      assert.deepEqual({ ...goalOf(x.body, g2.id), status: undefined }, { ...g2, status: undefined }, 'only the status changes');
      assert.deepEqual(x.body, await planOf(1), 'the answer is the plan as GET reads it');
    }
    for (const [body, field] of [[{}, 'status'], [{ status: 'done' }, 'status'], [{ status: null }, 'status'],
      [{ status: 1 }, 'status'], [{ status: 'achieved', title: 'Renamed' }, 'title']]) {
      const x = await patch(g2.id, tokens.worker, body, 422, { checkRequest: false });
      assert.equal(x.body.error.field, field, JSON.stringify(body));
    }
    assert.equal(goalOf(await planOf(1), g2.id).status, 'open', 'a 422 saves nothing');
    // The body is checked before the goal: 422 for a bad body, 404 for a good one.
    await patch(987654321, tokens.worker, { status: 'finished' }, 422, { checkRequest: false });
    await patch(987654321, tokens.worker, { status: 'achieved' }, 404);
    await patch(g2.id, tokens.lawyer, { status: 'achieved' }, 403);
    await patch(g2.id, tokens.supervisor, { status: 'achieved' }, 403, { id: ctx.case2.id }); // closed, checked before the goal
    await patch(g2.id, tokens.ngo, { status: 'achieved' }, 404);
    await patch(g2.id, tokens.worker, { status: 'achieved' }, 404, { id: 987654321 });
    await call('PATCH', '/api/v1/cases/{id}/goals/{goal_id}', {
      params: { id: 1, goal_id: g2.id }, token: tokens.worker, raw: 'status=achieved', contentType: 'application/json', expect: 400,
    });
  });

  it('POST /api/v1/cases/{id}/goals/{goal_id}/tasks and PATCH /api/v1/cases/{id}/tasks/{task_id}: who does what by when', async () => {
    const k1 = await demoCase();
    const g1 = ctx.goal;
    assert.ok(g1, 'set by the goals test above');
    const post = (goalId, token, body, expect, { id = 1, checkRequest = true } = {}) =>
      call('POST', '/api/v1/cases/{id}/goals/{goal_id}/tasks', { params: { id, goal_id: goalId }, token, body, expect, checkRequest });
    const patch = (taskId, token, body, expect, { id = 1, checkRequest = true } = {}) =>
      call('PATCH', '/api/v1/cases/{id}/tasks/{task_id}', { params: { id, task_id: taskId }, token, body, expect, checkRequest });

    const later = addDays(k1.opened_on, 10);
    const r = await post(g1.id, tokens.worker,
      { title: '  Go with the family to the housing department  ', responsible_id: ctx.psychologistId, due_on: later }, 201);
    assert.equal(r.headers.get('location'), null, 'a task has no path of its own');
    const t1 = goalOf(r.body, g1.id).tasks.at(-1);
    assert.deepEqual({ ...t1, id: undefined, responsible: { ...t1.responsible, full_name: undefined } }, {
      id: undefined, goal_id: g1.id, title: 'Go with the family to the housing department',
      responsible: { id: ctx.psychologistId, login: 'psychologist', full_name: undefined }, due_on: later, status: 'todo', done_on: null,
    });
    // Due the day the case opened, by a co-worker.
    const t2 = goalOf((await post(g1.id, tokens.psychologist,
      { title: 'Collect the documents', responsible_id: ctx.workerId, due_on: k1.opened_on }, 201)).body, g1.id).tasks
      .find((t) => t.title === 'Collect the documents');
    assert.equal(t2.responsible.login, 'worker');
    // By a supervisor, for a user who is not on the team (the supervisor, who closed ctx.case2).
    const supervisorId = (await call('GET', '/api/v1/cases/{id}', { params: { id: ctx.case2.id }, token: tokens.supervisor, expect: 200 })).body.closed_by;
    const far = `${Number(k1.opened_on.slice(0, 4)) + 2}-01-15`;
    const t3 = goalOf((await post(g1.id, tokens.supervisor,
      { title: 'x'.repeat(200), responsible_id: supervisorId, due_on: far }, 201)).body, g1.id).tasks.find((t) => t.due_on === far);
    assert.equal(t3.title.length, 200);
    assert.deepEqual([t3.responsible.id, t3.responsible.login], [supervisorId, 'supervisor']);
    // A goal of any status takes tasks: ctx.goal2, dropped for a moment.
    await call('PATCH', '/api/v1/cases/{id}/goals/{goal_id}', { params: { id: 1, goal_id: ctx.goal2.id }, token: tokens.worker, body: { status: 'dropped' }, expect: 200 });
    const t4 = goalOf((await post(ctx.goal2.id, tokens.worker,
      { title: 'Find a teacher', responsible_id: ctx.workerId, due_on: later }, 201)).body, ctx.goal2.id).tasks[0];
    assert.equal(t4.goal_id, ctx.goal2.id);
    await call('PATCH', '/api/v1/cases/{id}/goals/{goal_id}', { params: { id: 1, goal_id: ctx.goal2.id }, token: tokens.worker, body: { status: 'open' }, expect: 200 });

    let plan = await planOf(1);
    assert.deepEqual(goalOf(plan, g1.id).tasks.map((t) => t.id), [t2.id, t1.id, t3.id], 'a goal\'s tasks by due_on, then id');
    assert.deepEqual(taskOf(plan, t1.id), t1, 'GET reads the task as POST answered it');
    assert.deepEqual(goalOf(plan, ctx.goal2.id).tasks, [t4], 'each task under its own goal');
    ctx.task = t1;

    // 422: each field at fault by name; every one at once; nothing is saved.
    const good = { title: 'x', responsible_id: ctx.workerId, due_on: later };
    for (const [body, field] of [
      [{ ...good, title: undefined }, 'title'], [{ ...good, title: ' ' }, 'title'], [{ ...good, title: 'a\tb' }, 'title'],
      [{ ...good, title: 'x'.repeat(201) }, 'title'],
      [{ ...good, responsible_id: undefined }, 'responsible_id'], [{ ...good, responsible_id: 0 }, 'responsible_id'],
      [{ ...good, responsible_id: String(ctx.workerId) }, 'responsible_id'], [{ ...good, responsible_id: null }, 'responsible_id'],
      [{ ...good, responsible_id: 987654321 }, 'responsible_id'], [{ ...good, responsible_id: ctx.foreignCase.worker.id }, 'responsible_id'],
      [{ ...good, due_on: undefined }, 'due_on'], [{ ...good, due_on: 'next week' }, 'due_on'], [{ ...good, due_on: '2026-02-30' }, 'due_on'],
      [{ ...good, due_on: addDays(k1.opened_on, -1) }, 'due_on'], [{ ...good, status: 'done' }, 'status'], [{ ...good, colour: 'red' }, 'colour']]) {
      const x = await post(g1.id, tokens.worker, body, 422, { checkRequest: false });
      assert.equal(x.body.error.field, field, JSON.stringify(body).slice(0, 80));
    }
    const all = await post(g1.id, tokens.worker, {}, 422, { checkRequest: false });
    assert.deepEqual(all.body.error.fields.map((f) => f.field).sort(), ['due_on', 'responsible_id', 'title']);
    if (haveSqlite()) {
      const analystId = Number(execFileSync('sqlite3', ['-readonly', server.db, "SELECT id FROM users WHERE login = 'analyst'"], { encoding: 'utf8' }).trim());
      const x = await post(g1.id, tokens.worker, { ...good, responsible_id: analystId }, 422);
      assert.equal(x.body.error.field, 'responsible_id', 'an analyst is no one to give a task to');
    }
    assert.deepEqual(await planOf(1), plan, 'a 422 saves nothing');
    // The body, then the responsible user, then the goal: 404 only for a good body.
    await post(987654321, tokens.worker, { ...good, due_on: 'soon' }, 422, { checkRequest: false });
    await post(987654321, tokens.worker, { ...good, responsible_id: 987654321 }, 422);
    await post(987654321, tokens.worker, good, 404);
    // A goal of another case: 404 under this one.
    const kn = ctx.trafficking;
    const knGoal = (await planOf(kn.id)).goals[0];
    assert.ok(knGoal, 'the decisions on the proposals for Karimova made goals');
    await post(knGoal.id, tokens.worker, good, 404);
    await post(g1.id, tokens.lawyer, good, 403);
    await post(g1.id, tokens.supervisor, good, 403, { id: ctx.case2.id });
    await post(g1.id, tokens.ngo, good, 404);
    await post(g1.id, tokens.worker, good, 404, { id: 987654321 });
    await call('POST', '/api/v1/cases/{id}/goals/{goal_id}/tasks', {
      params: { id: 1, goal_id: g1.id }, token: tokens.worker, raw: '{"title": "x", "title": "y"}', contentType: 'application/json', expect: 400,
    });
    assert.deepEqual(await planOf(1), plan, 'nothing was added');

    // PATCH: done sets done_on to today, todo and cancelled clear it; anyone on the team, or a supervisor.
    const done = await patch(t1.id, tokens.psychologist, { status: 'done' }, 200);
    const today = taskOf(done.body, t1.id).done_on;
    assert.match(today, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(Math.abs(Date.parse(today) - Date.now()) < 2 * 86400000, `done_on ${today} is today`);
    assert.deepEqual(taskOf(done.body, t1.id), { ...t1, status: 'done', done_on: today }, 'only the status and done_on change');
    assert.deepEqual(done.body, await planOf(1), 'the answer is the plan as GET reads it');
    for (const [status, token] of [['cancelled', tokens.worker], ['todo', tokens.supervisor], ['done', tokens.worker]]) {
      const x = await patch(t2.id, token, { status }, 200);
      assert.deepEqual([taskOf(x.body, t2.id).status, taskOf(x.body, t2.id).done_on], [status, status === 'done' ? today : null]);
    }
    // A goal's status leaves its tasks as they are.
    const dropped = await call('PATCH', '/api/v1/cases/{id}/goals/{goal_id}', { params: { id: 1, goal_id: g1.id }, token: tokens.worker, body: { status: 'dropped' }, expect: 200 });
    assert.deepEqual(goalOf(dropped.body, g1.id).tasks.map((t) => t.status), ['done', 'done', 'todo']);
    await call('PATCH', '/api/v1/cases/{id}/goals/{goal_id}', { params: { id: 1, goal_id: g1.id }, token: tokens.worker, body: { status: 'open' }, expect: 200 });

    plan = await planOf(1);
    for (const [body, field] of [[{}, 'status'], [{ status: 'finished' }, 'status'], [{ status: null }, 'status'],
      [{ status: true }, 'status'], [{ status: 'done', done_on: today }, 'done_on']]) {
      const x = await patch(t3.id, tokens.worker, body, 422, { checkRequest: false });
      assert.equal(x.body.error.field, field, JSON.stringify(body));
    }
    assert.deepEqual(await planOf(1), plan, 'a 422 saves nothing');
    await patch(987654321, tokens.worker, { status: 'finished' }, 422, { checkRequest: false });
    await patch(987654321, tokens.worker, { status: 'done' }, 404);
    // The responsible must see the case: the psychologist is not on this restricted case's
    // team; the assigned worker is.
    await call('POST', '/api/v1/cases/{id}/goals/{goal_id}/tasks', {
      params: { id: kn.id, goal_id: knGoal.id }, token: tokens.worker, expect: 422,
      body: { title: 'Book the first session', responsible_id: ctx.psychologistId, due_on: kn.opened_on },
    });
    const knTask = (await call('POST', '/api/v1/cases/{id}/goals/{goal_id}/tasks', {
      params: { id: kn.id, goal_id: knGoal.id }, token: tokens.worker, expect: 201,
      body: { title: 'Book the first session', responsible_id: ctx.workerId, due_on: kn.opened_on },
    })).body.goals.find((g) => g.id === knGoal.id).tasks[0];
    await patch(knTask.id, tokens.worker, { status: 'done' }, 404); // a task of another case
    await patch(t3.id, tokens.lawyer, { status: 'done' }, 403);
    await patch(t3.id, tokens.supervisor, { status: 'done' }, 403, { id: ctx.case2.id });
    await patch(t3.id, tokens.ngo, { status: 'done' }, 404);
    await patch(t3.id, tokens.worker, { status: 'done' }, 404, { id: 987654321 });
    await call('PATCH', '/api/v1/cases/{id}/tasks/{task_id}', {
      params: { id: 1, task_id: t3.id }, token: tokens.worker, raw: '"done"', contentType: 'application/json', expect: 400,
    });
    assert.deepEqual(await planOf(1), plan, 'nothing was changed');
  });

  it('POST /api/v1/cases/{id}/reviews: the review is dated, the next one follows review_every_days later', async () => {
    const k1 = await demoCase();
    const post = (token, body, expect, { id = 1, checkRequest = true } = {}) =>
      call('POST', '/api/v1/cases/{id}/reviews', { params: { id }, token, body, expect, checkRequest });
    const note = 'Moved into a rented flat.\nNext: school for the son.';
    const r = await post(tokens.worker, { note: `  ${note}  ` }, 201);
    assert.equal(r.headers.get('location'), null, 'a review has no path of its own');
    const rv = r.body.reviews[0];
    assert.deepEqual({ ...rv, id: undefined, reviewer: { ...rv.reviewer, full_name: undefined } }, {
      id: undefined, reviewed_on: rv.reviewed_on, note, reviewer: { id: ctx.workerId, login: 'worker', full_name: undefined },
    }, 'trimmed, line breaks kept');
    const today = rv.reviewed_on; // by default today: case 1 opened today, so the demo's day
    assert.equal(today, k1.opened_on);
    assert.equal(r.body.next_review_on, addDays(today, r.body.review_every_days));
    // The same day again, by a co-worker and a supervisor: newest first, by reviewed_on then id.
    const r2 = (await post(tokens.psychologist, { reviewed_on: k1.opened_on, note: 'Second look.' }, 201)).body;
    const r3 = (await post(tokens.supervisor, { note: 'ә'.repeat(4000) }, 201)).body;
    assert.deepEqual(r3.reviews.map((x) => x.reviewer.login), ['supervisor', 'psychologist', 'worker']);
    assert.deepEqual(r3.reviews.slice(1), r2.reviews, 'earlier reviews are kept as they were');
    assert.deepEqual(await planOf(1), r3, 'GET reads the plan as POST answered it');
    if (haveSqlite()) {
      const plain = Number(execFileSync('sqlite3', ['-readonly', server.db,
        "SELECT count(*) FROM case_reviews WHERE note LIKE '%rented flat%'"], { encoding: 'utf8' }).trim());
      assert.equal(plain, 0, 'a review note is stored encrypted');
    }

    // A case opened earlier (ctx.case, opened 2025-09-02): the first review 30 days after
    // opening; a review dated back sets the next one from its date.
    const k = ctx.case;
    const before = await planOf(k.id);
    assert.equal(before.next_review_on, addDays(k.opened_on, 30));
    const back = (await post(tokens.worker, { reviewed_on: '2025-10-01', note: 'Looked back.' }, 201, { id: k.id })).body;
    assert.equal(back.reviews[0].reviewed_on, '2025-10-01');
    assert.equal(back.next_review_on, addDays('2025-10-01', back.review_every_days));
    const back2 = (await post(tokens.worker, { reviewed_on: k.opened_on, note: 'The day it opened.' }, 201, { id: k.id })).body;
    assert.deepEqual(back2.reviews.map((x) => x.reviewed_on), ['2025-10-01', k.opened_on], 'newest first, by reviewed_on');

    // 422: each field at fault by name; nothing is saved.
    for (const [body, field] of [
      [{}, 'note'], [{ note: '  ' }, 'note'], [{ note: null }, 'note'], [{ note: 5 }, 'note'], [{ note: 'x'.repeat(4001) }, 'note'],
      [{ note: 'x', reviewed_on: null }, 'reviewed_on'], [{ note: 'x', reviewed_on: '' }, 'reviewed_on'],
      [{ note: 'x', reviewed_on: 'today' }, 'reviewed_on'], [{ note: 'x', reviewed_on: `${year + 1}-01-01` }, 'reviewed_on'],
      [{ note: 'x', reviewed_on: addDays(k1.opened_on, -1) }, 'reviewed_on'], [{ note: 'x', colour: 'red' }, 'colour']]) {
      const x = await post(tokens.worker, body, 422, { checkRequest: false });
      assert.equal(x.body.error.field, field, JSON.stringify(body).slice(0, 80));
    }
    const all = await post(tokens.worker, { reviewed_on: `${year + 1}-01-01` }, 422, { checkRequest: false });
    assert.deepEqual(all.body.error.fields.map((f) => f.field).sort(), ['note', 'reviewed_on']);
    assert.deepEqual(await planOf(1), r3, 'a 422 saves nothing');
    await post(tokens.lawyer, { note: 'x' }, 403);
    await post(tokens.supervisor, { note: 'x' }, 403, { id: ctx.case2.id });
    await post(tokens.ngo, { note: 'x' }, 404);
    await post(tokens.worker, { note: 'x' }, 404, { id: 987654321 });
    await post(tokens.lawyer, { note: 'x' }, 404, { id: ctx.trafficking.id });
    await call('POST', '/api/v1/cases/{id}/reviews', { params: { id: 1 }, token: tokens.worker, raw: '{"note": ', contentType: 'application/json', expect: 400 });
  });

  it('POST /api/v1/cases/{id}/plan/approval: a supervisor approves; a change of the plan waits for a new approval', async () => {
    const supervisorId = (await call('GET', '/api/v1/cases/{id}', { params: { id: ctx.case2.id }, token: tokens.supervisor, expect: 200 })).body.closed_by;
    assert.ok(supervisorId >= 1, 'ctx.case2 was closed by the supervisor');
    const before = await planOf(1);
    assert.equal(before.needs_approval, true);
    // Only a supervisor: the team and the lawyer may not; nor anyone who does not see the case.
    await approve(1, tokens.worker, 403);
    await approve(1, tokens.psychologist, 403);
    await approve(1, tokens.lawyer, 403);
    await approve(1, tokens.ngo, 404);
    await approve(987654321, tokens.supervisor, 404);
    assert.deepEqual(await planOf(1), before, 'a 403 approves nothing');

    const t0 = Math.floor(Date.now() / 1000);
    const ok = (await approve(1, tokens.supervisor, 200)).body;
    assert.equal(ok.approved.by, supervisorId);
    assert.ok(ok.approved.at >= t0 - 60 && ok.approved.at <= t0 + 600, `approved.at ${ok.approved.at}`);
    assert.deepEqual([ok.changed_since_approval, ok.needs_approval], [false, false]);
    assert.deepEqual({ ...ok, approved: null, needs_approval: true }, before, 'approving changes nothing else');
    assert.deepEqual(await planOf(1), ok);
    // Nothing waits: 422, field null.
    const again = await approve(1, tokens.supervisor, 422);
    assert.deepEqual([again.body.error.code, again.body.error.field], ['validation_failed', null]);

    // Working the plan is not changing it: a task's status, a review.
    const t = ctx.task;
    const worked = (await call('PATCH', '/api/v1/cases/{id}/tasks/{task_id}', { params: { id: 1, task_id: t.id }, token: tokens.worker, body: { status: 'cancelled' }, expect: 200 })).body;
    assert.deepEqual([worked.approved, worked.changed_since_approval, worked.needs_approval], [ok.approved, false, false]);
    const reviewed = (await call('POST', '/api/v1/cases/{id}/reviews', { params: { id: 1 }, token: tokens.worker, body: { note: 'On track.' }, expect: 201 })).body;
    assert.deepEqual([reviewed.changed_since_approval, reviewed.needs_approval], [false, false]);
    // Changing it is: a task added, a goal's status, a goal added; each waits for a new approval.
    const changes = [
      () => call('POST', '/api/v1/cases/{id}/goals/{goal_id}/tasks', { params: { id: 1, goal_id: ctx.goal.id }, token: tokens.worker, expect: 201,
        body: { title: 'Sign the lease', responsible_id: ctx.workerId, due_on: addDays(before.next_review_on, -1) } }),
      () => call('PATCH', '/api/v1/cases/{id}/goals/{goal_id}', { params: { id: 1, goal_id: ctx.goal2.id }, token: tokens.psychologist, body: { status: 'achieved' }, expect: 200 }),
      () => call('POST', '/api/v1/cases/{id}/goals', { params: { id: 1 }, token: tokens.worker, body: { title: 'Work for the father' }, expect: 201 }),
    ];
    let last = ok;
    for (const change of changes) {
      const x = (await change()).body;
      assert.deepEqual([x.approved, x.changed_since_approval, x.needs_approval], [last.approved, true, true], 'changed since the approval');
      last = (await approve(1, tokens.supervisor, 200)).body;
      assert.deepEqual([last.changed_since_approval, last.needs_approval], [false, false]);
      assert.ok(last.approved.at >= ok.approved.at);
    }

    // A plan without goals has nothing to approve; a closed case nothing at all.
    assert.deepEqual((await planOf(ctx.case.id)).goals, []);
    const none = await approve(ctx.case.id, tokens.supervisor, 422);
    assert.equal(none.body.error.field, null);
    await approve(ctx.case2.id, tokens.supervisor, 403);
  });

  it('accepted and changed proposals become goals of the plan, a rejected one drops its goal', async () => {
    const kn = ctx.trafficking;
    const path = '/api/v1/cases/{id}/recommendations/{rule_id}';
    const decide = (ruleId, body, lang) =>
      call('POST', path, { params: { id: kn.id, rule_id: ruleId }, token: tokens.worker, body, lang, expect: 200 });
    const proposals = (await call('GET', '/api/v1/cases/{id}/recommendations', { params: { id: kn.id }, token: tokens.worker, expect: 200 })).body.items;
    const codes = (x) => [x.function, x.means, x.service_kind, x.form];
    const goalsOf = (plan, ruleId) => plan.goals.filter((g) => g.rule_id === ruleId);
    let plan = await planOf(kn.id);
    assert.ok(plan.goals.every((g) => g.rule_id !== null), 'the team wrote no goal here: each comes from a proposal');
    assert.equal(plan.needs_approval, true);

    // As the decisions of the test above left them: each accepted or changed proposal made one
    // goal, with the codes decided on and the proposal's label; a rejected one dropped it.
    for (const p of proposals.filter((x) => x.decision)) {
      const gs = goalsOf(plan, p.rule_id);
      if (p.decision.decision === 'rejected') {
        assert.ok(gs.every((g) => g.status === 'dropped'), `rule ${p.rule_id}, rejected: no goal that is not dropped`);
        continue;
      }
      assert.equal(gs.length, 1, `rule ${p.rule_id}: one goal`);
      assert.equal(gs[0].title, p.label, `rule ${p.rule_id}: titled with the proposal's label`);
      assert.equal(gs[0].status, 'open');
    }
    const shelter = proposals.find((p) => p.form === 'temporary_accommodation');
    assert.deepEqual(codes(goalsOf(plan, shelter.rule_id)[0]), [...codes(shelter).slice(0, 3), 'individual'], 'changed: the codes chosen');
    const psy = proposals.find((p) => p.form === 'psychotherapy' && p.reasons.some((x) => x.kind === 'category'));
    assert.equal(psy.decision.decision, 'rejected');
    assert.deepEqual(goalsOf(plan, psy.rule_id).map((g) => [g.status, ...codes(g)]), [['dropped', ...codes(psy)]],
      'accepted (the rule\'s codes), then rejected: dropped');

    // A proposal accepted now: an open goal with the rule's codes, titled in the language of the answer.
    const legal = proposals.find((p) => p.service_kind === 'social_legal' && p.reasons.some((x) => x.kind === 'category'));
    assert.equal(legal.decision.decision, 'rejected');
    assert.deepEqual(goalsOf(plan, legal.rule_id), []);
    const en = (await decide(legal.rule_id, { decision: 'accepted' }, 'en')).body;
    plan = await planOf(kn.id);
    const [lg] = goalsOf(plan, legal.rule_id);
    assert.deepEqual({ ...lg, id: undefined }, {
      id: undefined, title: en.label, rule_id: legal.rule_id, function: legal.function, means: legal.means,
      service_kind: legal.service_kind, form: legal.form, status: 'open', tasks: [],
    });
    assert.equal(lg.title, 'social-legal help: documents, protection, claims');
    assert.equal(plan.goals.at(-1).id, lg.id, 'the newest goal');
    // Decided again while it has a goal: no other goal, and that one stays as it is.
    await decide(legal.rule_id, { decision: 'changed', form: 'collective' }, 'ru');
    assert.deepEqual(goalsOf(await planOf(kn.id), legal.rule_id), [lg]);
    // Rejected: the open goal is dropped; accepted again: a new goal.
    await decide(legal.rule_id, { decision: 'rejected' });
    assert.deepEqual(goalsOf(await planOf(kn.id), legal.rule_id), [{ ...lg, status: 'dropped' }]);
    await decide(legal.rule_id, { decision: 'accepted' }, 'en');
    const twice = goalsOf(await planOf(kn.id), legal.rule_id);
    assert.deepEqual(twice.map((g) => g.status), ['dropped', 'open']);
    assert.ok(twice[1].id > lg.id);
    // An achieved goal is not dropped by a rejection, and keeps the rule from making another.
    const sg = goalsOf(await planOf(kn.id), shelter.rule_id)[0];
    await call('PATCH', '/api/v1/cases/{id}/goals/{goal_id}', { params: { id: kn.id, goal_id: sg.id }, token: tokens.worker, body: { status: 'achieved' }, expect: 200 });
    await decide(shelter.rule_id, { decision: 'rejected' });
    await decide(shelter.rule_id, { decision: 'accepted' });
    assert.deepEqual(goalsOf(await planOf(kn.id), shelter.rule_id).map((g) => [g.id, g.status]), [[sg.id, 'achieved']]);
  });

  const openGoalOfProposal = (plan) => plan.goals.find((g) => g.rule_id !== null && g.status === 'open');

  // A rejection that drops the rule's open goal marks an approved plan as changed, as
  // PATCH .../goals/{goal_id} with status dropped does.
  it('a rejected proposal that drops a goal of an approved plan marks it changed', async () => {
    const kn = ctx.trafficking;
    const legal = openGoalOfProposal(await planOf(kn.id));
    assert.ok(legal, 'an open goal of a proposal (set by the test above)');
    await approve(kn.id, tokens.supervisor, 200);
    await call('POST', '/api/v1/cases/{id}/recommendations/{rule_id}', {
      params: { id: kn.id, rule_id: legal.rule_id }, token: tokens.worker, body: { decision: 'rejected' }, expect: 200,
    });
    const plan = await planOf(kn.id);
    assert.equal(goalOf(plan, legal.id).status, 'dropped');
    assert.deepEqual([plan.changed_since_approval, plan.needs_approval], [true, true],
      'a goal dropped after the approval is a change of the plan');
  });


  it('GET /api/v1/service-types: the active catalogue, in the language of the answer, for every role', async () => {
    const read = async (token, lang) => (await call('GET', '/api/v1/service-types', { token, lang, expect: 200 })).body.items;
    const en = await read(tokens.worker, 'en');
    assert.ok(en.length >= 20, 'the seeded catalogue (migration 0009)');
    const order = en.map((t) => [t.service_kind, t.id]);
    assert.deepEqual(order, [...order].sort((a, b) => (a[0] === b[0] ? a[1] - b[1] : a[0] < b[0] ? -1 : 1)), 'by service_kind, then id');
    assert.ok(en.every((t) => !(t.material && t.loan)), 'no entry is both material assistance and a loan');
    const byLabel = (label) => {
      const t = en.find((x) => x.label === label);
      assert.ok(t, `the catalogue has "${label}"`);
      return t;
    };
    const types = {
      session: byLabel('individual session'), cash: byLabel('cash assistance'), inKind: byLabel('in-kind assistance'),
      loan: byLabel('loan'), consultation: byLabel('legal consultation'),
    };
    assert.deepEqual([types.session.service_kind, types.session.material, types.session.loan], ['social_psychological', false, false]);
    assert.deepEqual([types.cash.service_kind, types.cash.material, types.cash.loan], ['social_economic', true, false]);
    assert.deepEqual([types.inKind.material, types.inKind.loan], [true, false]);
    assert.deepEqual([types.loan.service_kind, types.loan.material, types.loan.loan], ['social_economic', false, true]);
    ctx.types = types;
    // The labels follow the language of the answer; the entries are the same.
    const ru = await read(tokens.worker, 'ru');
    const kk = await read(tokens.worker, 'kk');
    assert.deepEqual(ru.map((t) => t.id), en.map((t) => t.id));
    assert.equal(ru.find((t) => t.id === types.loan.id).label, 'заём');
    assert.equal(kk.find((t) => t.id === types.loan.id).label, 'қарыз');
    // Every role reads it: analysts (who see no case), supervisors, the other organisation.
    for (const who of ['analyst', 'supervisor', 'lawyer', 'ngo'])
      assert.deepEqual(await read(tokens[who], 'en'), en, `${who} reads the catalogue`);
  });

  it('POST /api/v1/cases/{id}/services and GET them: services, material assistance and loans; the team records, anyone who sees the case reads', async () => {
    const k1 = await demoCase();
    const T = ctx.types;
    assert.ok(T, 'set by the catalogue test above');
    const today = k1.opened_on; // case 1 opened the day the demo was made: today
    const post = (token, body, expect, { id = 1, checkRequest = true } = {}) =>
      call('POST', '/api/v1/cases/{id}/services', { params: { id }, token, body, expect, checkRequest, lang: 'en' });
    const list = async (id = 1, token = tokens.worker) =>
      (await call('GET', '/api/v1/cases/{id}/services', { params: { id }, token, expect: 200, lang: 'en' })).body.items;
    const one = (id, serviceId, token, expect) =>
      call('GET', '/api/v1/cases/{id}/services/{service_id}', { params: { id, service_id: serviceId }, token, expect, lang: 'en' });
    const codes = { form: 'individual', function: 'adaptation', means: 'individual' };
    assert.deepEqual(await list(), [], 'the demo records no service');

    // A session by the assigned worker, toward a goal of the plan: every member as given, the result trimmed.
    const r = await post(tokens.worker, {
      type_id: T.session.id, ...codes, minutes: 50, result: '  Calmer.\nA second session next week.  ', goal_id: ctx.goal.id,
    }, 201);
    const s1 = r.body;
    assert.equal(r.headers.get('location'), `/api/v1/cases/1/services/${s1.id}`);
    assert.deepEqual({ ...s1, id: undefined, provider: { ...s1.provider, full_name: undefined } }, {
      id: undefined, case_id: 1, person_id: k1.person_id, household: k1.household,
      type: { id: T.session.id, label: 'individual session', service_kind: 'social_psychological' },
      service_kind: 'social_psychological', ...codes, goal_id: ctx.goal.id, delivered_on: today, minutes: 50,
      provider: { id: ctx.workerId, login: 'worker', full_name: undefined }, result: 'Calmer.\nA second session next week.',
      assistance: null, amount: null, currency: null, loan: null,
    });
    assert.deepEqual((await one(1, s1.id, tokens.worker, 200)).body, s1, 'GET reads the service as POST answered it');

    // Cash assistance by a co-worker; assistance in kind (no amount) by a supervisor off the team.
    const cash = (await post(tokens.psychologist, {
      type_id: T.cash.id, form: 'individual', function: 'integration', means: 'individual', delivered_on: today,
      assistance: 'cash', amount: 1500000, currency: 'KZT', result: null, minutes: null, goal_id: null,
    }, 201)).body;
    assert.deepEqual([cash.service_kind, cash.assistance, cash.amount, cash.currency, cash.loan, cash.minutes, cash.result, cash.goal_id],
      ['social_economic', 'cash', 1500000, 'KZT', null, null, null, null]);
    assert.equal(cash.provider.login, 'psychologist');
    const kind = (await post(tokens.supervisor, { type_id: T.inKind.id, ...codes, assistance: 'in_kind' }, 201)).body;
    assert.deepEqual([kind.assistance, kind.amount, kind.currency, kind.provider.login], ['in_kind', null, null, 'supervisor']);
    const kindValued = (await post(tokens.worker, { type_id: T.inKind.id, ...codes, assistance: 'in_kind', amount: 2500000, currency: 'KZT' }, 201)).body;
    assert.deepEqual([kindValued.amount, kindValued.currency], [2500000, 'KZT']);

    // A loan: the schedule in equal parts, the remainder with the last, every 30 days by default.
    const first = addDays(today, 20);
    const loan = (await post(tokens.worker, {
      type_id: T.loan.id, form: 'individual', function: 'integration', means: 'individual',
      amount: 100000, currency: 'KZT', installments: 3, first_due_on: first,
    }, 201)).body;
    assert.deepEqual([loan.service_kind, loan.assistance, loan.amount, loan.currency], ['social_economic', null, 100000, 'KZT']);
    assert.deepEqual(loan.loan, {
      installments: 3, first_due_on: first, every_days: 30, repaid: 0, balance: 100000,
      schedule: [{ due_on: first, amount: 33333 }, { due_on: addDays(first, 30), amount: 33333 }, { due_on: addDays(first, 60), amount: 33334 }],
      repayments: [],
    });
    assert.equal(loan.loan.schedule.reduce((sum, x) => sum + x.amount, 0), loan.amount, 'the schedule adds up to the amount');
    // Due the day it is given, every 14 days, 7 parts of 1000.
    const loan2 = (await post(tokens.worker, {
      type_id: T.loan.id, ...codes, amount: 1000, currency: 'USD', installments: 7, first_due_on: today, every_days: 14,
    }, 201)).body;
    assert.deepEqual(loan2.loan.schedule.map((x) => x.amount), [142, 142, 142, 142, 142, 142, 148]);
    assert.deepEqual(loan2.loan.schedule.map((x) => x.due_on), [0, 1, 2, 3, 4, 5, 6].map((i) => addDays(today, 14 * i)));
    assert.equal(loan2.loan.schedule.reduce((sum, x) => sum + x.amount, 0), 1000);
    ctx.loan = loan;
    ctx.cash = cash;

    // The list: newest first (by delivered_on, then id), each as POST answered it; anyone who sees the case reads it.
    const all = await list();
    assert.deepEqual(all.map((x) => x.id), [loan2.id, loan.id, kindValued.id, kind.id, cash.id, s1.id]);
    assert.deepEqual(all, [loan2, loan, kindValued, kind, cash, s1]);
    for (const who of ['psychologist', 'supervisor', 'lawyer'])
      assert.deepEqual(await list(1, tokens[who]), all, `${who} reads the services`);
    assert.deepEqual((await one(1, loan.id, tokens.lawyer, 200)).body, loan, 'the lawyer, off the team, reads one');

    // Dated back in a case opened earlier (ctx.case, opened 2025-09-02, for the household).
    const k = ctx.case;
    const back = async (on) => (await post(tokens.worker, { type_id: T.consultation.id, ...codes, delivered_on: on }, 201, { id: k.id })).body;
    const b1 = await back('2025-10-01');
    const b2 = await back(k.opened_on);
    const b3 = await back(today);
    assert.deepEqual([b1.case_id, b1.household, b1.service_kind, b1.type.label], [k.id, true, 'social_legal', 'legal consultation']);
    assert.deepEqual((await list(k.id)).map((x) => [x.delivered_on, x.id]), [[today, b3.id], ['2025-10-01', b1.id], [k.opened_on, b2.id]],
      'newest first, by delivered_on');

    // 422: each field at fault by name; nothing is saved.
    const plain = { type_id: T.session.id, ...codes };
    const cashBase = { type_id: T.cash.id, ...codes, assistance: 'cash', amount: 100, currency: 'KZT' };
    const loanBase = { type_id: T.loan.id, ...codes, amount: 100, currency: 'KZT', installments: 2, first_due_on: today };
    const otherGoal = (await planOf(ctx.trafficking.id)).goals[0];
    for (const [body, field] of [
      [{ ...plain, type_id: undefined }, 'type_id'], [{ ...plain, type_id: null }, 'type_id'], [{ ...plain, type_id: 987654321 }, 'type_id'],
      [{ ...plain, type_id: String(T.session.id) }, 'type_id'],
      [{ ...plain, form: undefined }, 'form'], [{ ...plain, form: 'letter' }, 'form'], [{ ...plain, function: 'cure' }, 'function'],
      [{ ...plain, means: 'magic' }, 'means'], [{ ...plain, means: '' }, 'means'], [{ ...plain, form: ['individual'] }, 'form'],
      [{ ...plain, delivered_on: `${year + 1}-01-01` }, 'delivered_on'], [{ ...plain, delivered_on: addDays(today, -1) }, 'delivered_on'],
      [{ ...plain, delivered_on: null }, 'delivered_on'], [{ ...plain, delivered_on: 'today' }, 'delivered_on'],
      [{ ...plain, minutes: 0 }, 'minutes'], [{ ...plain, minutes: 10081 }, 'minutes'], [{ ...plain, minutes: '50' }, 'minutes'],
      [{ ...plain, result: 'x'.repeat(4001) }, 'result'], [{ ...plain, result: 5 }, 'result'],
      [{ ...plain, goal_id: 987654321 }, 'goal_id'], [{ ...plain, goal_id: otherGoal.id }, 'goal_id'],
      // Other entries carry no assistance, amount or loan.
      [{ ...plain, assistance: 'cash' }, 'assistance'], [{ ...plain, amount: 100 }, 'amount'], [{ ...plain, currency: 'KZT' }, 'currency'],
      [{ ...plain, installments: 2 }, 'installments'], [{ ...plain, first_due_on: today }, 'first_due_on'], [{ ...plain, every_days: 30 }, 'every_days'],
      // Material assistance.
      [{ ...cashBase, assistance: undefined }, 'assistance'], [{ ...cashBase, assistance: 'cheque' }, 'assistance'],
      [{ ...cashBase, amount: undefined, currency: undefined }, 'amount'], [{ ...cashBase, amount: 0 }, 'amount'],
      [{ ...cashBase, amount: 10000000001 }, 'amount'], [{ ...cashBase, amount: 1.5 }, 'amount'],
      [{ ...cashBase, currency: undefined }, 'currency'], [{ ...cashBase, currency: 'kzt' }, 'currency'], [{ ...cashBase, currency: 'KZTT' }, 'currency'],
      [{ ...cashBase, installments: 2 }, 'installments'],
      [{ type_id: T.inKind.id, ...codes, assistance: 'in_kind', currency: 'KZT' }, 'currency'],
      // Loans.
      [{ ...loanBase, amount: undefined }, 'amount'], [{ ...loanBase, currency: undefined }, 'currency'],
      [{ ...loanBase, installments: undefined }, 'installments'], [{ ...loanBase, installments: 121 }, 'installments'],
      [{ ...loanBase, installments: 0 }, 'installments'], [{ ...loanBase, first_due_on: undefined }, 'first_due_on'],
      [{ ...loanBase, first_due_on: addDays(today, -1) }, 'first_due_on'], [{ ...loanBase, first_due_on: '2026-02-30' }, 'first_due_on'],
      [{ ...loanBase, every_days: 367 }, 'every_days'], [{ ...loanBase, every_days: 0 }, 'every_days'],
      [{ ...loanBase, assistance: 'cash' }, 'assistance'],
      [{ ...plain, colour: 'red' }, 'colour']]) {
      const x = await post(tokens.worker, body, 422, { checkRequest: false });
      assert.equal(x.body.error.field, field, JSON.stringify(body).slice(0, 160));
    }
    const none = await post(tokens.worker, {}, 422, { checkRequest: false });
    assert.deepEqual(none.body.error.fields.map((f) => f.field).sort(), ['form', 'function', 'means', 'type_id'], 'every field at fault at once');
    const mixed = await post(tokens.worker, { ...plain, minutes: 'long', colour: 'red', means: 'magic' }, 422, { checkRequest: false });
    assert.deepEqual(mixed.body.error.fields.map((f) => f.field).sort(), ['colour', 'means', 'minutes']);
    assert.deepEqual(await list(), all, 'a 422 saves nothing');

    // An entry taken out of use: left out of the catalogue, refused for a new service, kept by the old ones.
    if (haveSqlite()) {
      const setActive = (on) => execFileSync('sqlite3', ['-cmd', '.timeout 5000', server.db,
        `UPDATE service_types SET active = ${on} WHERE id = ${T.session.id}`], { encoding: 'utf8' });
      setActive(0);
      try {
        const cat = (await call('GET', '/api/v1/service-types', { token: tokens.worker, expect: 200 })).body.items;
        assert.ok(!cat.some((t) => t.id === T.session.id), 'an entry out of use is not listed');
        const x = await post(tokens.worker, plain, 422);
        assert.equal(x.body.error.field, 'type_id');
        assert.deepEqual((await one(1, s1.id, tokens.worker, 200)).body, s1, 'a service keeps its entry, out of use');
      } finally {
        setActive(1);
      }
    }

    // 403: the lawyer sees case 1 but is not on its team; a closed case, even for a supervisor.
    await post(tokens.lawyer, plain, 403);
    await post(tokens.supervisor, plain, 403, { id: ctx.case2.id });
    // 404: another organisation, an unknown case, a restricted person's case for the lawyer.
    await post(tokens.ngo, plain, 404);
    await post(tokens.worker, plain, 404, { id: 987654321 });
    await post(tokens.lawyer, plain, 404, { id: ctx.trafficking.id });
    await call('GET', '/api/v1/cases/{id}/services', { params: { id: 1 }, token: tokens.ngo, expect: 404 });
    await call('GET', '/api/v1/cases/{id}/services', { params: { id: 987654321 }, token: tokens.worker, expect: 404 });
    await call('GET', '/api/v1/cases/{id}/services', { params: { id: ctx.trafficking.id }, token: tokens.lawyer, expect: 404 });
    await call('GET', '/api/v1/cases/{id}/services', { params: { id: ctx.foreignCase.id }, token: tokens.worker, expect: 404 });
    await one(k.id, s1.id, tokens.worker, 404); // a service of case 1, under another case
    await one(1, b1.id, tokens.worker, 404);
    await one(1, 987654321, tokens.worker, 404);
    await one(1, s1.id, tokens.ngo, 404);
    await one(987654321, s1.id, tokens.worker, 404);
    // 400.
    await call('POST', '/api/v1/cases/{id}/services', { params: { id: 1 }, token: tokens.worker, raw: '[]', contentType: 'application/json', expect: 400 });
    await call('POST', '/api/v1/cases/{id}/services', {
      params: { id: 1 }, token: tokens.worker, raw: `{"type_id": ${T.session.id}, "type_id": ${T.cash.id}}`, contentType: 'application/json', expect: 400,
    });
    assert.deepEqual(await list(), all, 'nothing was added');

    // Audit: the list and one service are views of the person; a 404 records nothing.
    if (haveSqlite()) {
      const settle = () => new Promise((res) => setTimeout(res, 300));
      const viewed = async (what, fn, rows) => {
        await settle();
        const was = auditCount('case.view', k1.person_id);
        await fn();
        for (let i = 0; i < 30 && rows && auditCount('case.view', k1.person_id) === was; i++)
          await new Promise((res) => setTimeout(res, 100));
        await settle();
        assert.equal(auditCount('case.view', k1.person_id), was + rows, `${what} writes ${rows} case.view row(s) under the person`);
      };
      await viewed('GET of the services', () => list(), 1);
      await viewed('GET of one service', () => one(1, s1.id, tokens.worker, 200), 1);
      await viewed('GET of a service not of the case', () => one(1, b1.id, tokens.worker, 404), 0);
    } else {
      console.log('# sqlite3 is not installed: the audit checks of the services are skipped');
    }
  });

  it('POST /api/v1/cases/{id}/services/{service_id}/repayments: a loan is repaid, never beyond its balance', async () => {
    const k1 = await demoCase();
    const today = k1.opened_on;
    const loan = ctx.loan;
    assert.ok(loan, 'set by the services test above');
    const repay = (serviceId, token, body, expect, { id = 1, checkRequest = true } = {}) =>
      call('POST', '/api/v1/cases/{id}/services/{service_id}/repayments',
        { params: { id, service_id: serviceId }, token, body, expect, checkRequest, lang: 'en' });
    const read = async (id, serviceId) =>
      (await call('GET', '/api/v1/cases/{id}/services/{service_id}', { params: { id, service_id: serviceId }, token: tokens.worker, expect: 200, lang: 'en' })).body;

    const r = await repay(loan.id, tokens.worker, { amount: 40000 }, 201);
    assert.equal(r.headers.get('location'), null, 'a repayment has no path of its own');
    const p1 = r.body.loan.repayments[0];
    assert.deepEqual({ ...r.body, loan: null }, { ...loan, loan: null }, 'the service is otherwise as it was');
    assert.deepEqual({ ...r.body.loan, repayments: null }, { ...loan.loan, repaid: 40000, balance: 60000, repayments: null },
      'the schedule stays; repaid and balance follow');
    assert.deepEqual({ ...p1, id: undefined }, { id: undefined, paid_on: today, amount: 40000 }, 'paid today by default');
    assert.deepEqual(await read(1, loan.id), r.body, 'GET reads the loan as POST answered it');

    // Above the balance: 422 on amount, nothing saved; then the balance exactly, by a co-worker.
    const over = await repay(loan.id, tokens.psychologist, { amount: 60001 }, 422);
    assert.equal(over.body.error.field, 'amount');
    assert.deepEqual(await read(1, loan.id), r.body, 'a 422 saves nothing');
    const paid = (await repay(loan.id, tokens.psychologist, { paid_on: today, amount: 60000 }, 201)).body;
    assert.deepEqual([paid.loan.repaid, paid.loan.balance], [100000, 0]);
    assert.deepEqual(paid.loan.repayments.map((x) => [x.paid_on, x.amount]), [[today, 40000], [today, 60000]], 'oldest first');
    assert.equal((await repay(loan.id, tokens.supervisor, { amount: 1 }, 422)).body.error.field, 'amount', 'nothing is owed');

    // Dated back, on a loan given in ctx.case (opened 2025-09-02) on 2025-10-01, by a supervisor off the team.
    const k = ctx.case;
    const old = (await call('POST', '/api/v1/cases/{id}/services', {
      params: { id: k.id }, token: tokens.worker, expect: 201,
      body: { type_id: ctx.types.loan.id, form: 'individual', function: 'integration', means: 'individual', delivered_on: '2025-10-01',
        amount: 600000, currency: 'KZT', installments: 6, first_due_on: '2025-11-01', every_days: 31 },
    })).body;
    const back = (await repay(old.id, tokens.supervisor, { paid_on: '2025-10-01', amount: 100000 }, 201, { id: k.id })).body;
    assert.deepEqual([back.loan.repayments[0].paid_on, back.loan.balance], ['2025-10-01', 500000]);

    // 422: each field at fault by name.
    for (const [body, field] of [[{}, 'amount'], [{ amount: 0 }, 'amount'], [{ amount: -5 }, 'amount'], [{ amount: '5' }, 'amount'],
      [{ amount: 1.5 }, 'amount'], [{ amount: null }, 'amount'], [{ amount: 500001 }, 'amount'],
      [{ amount: 1, paid_on: '2025-09-30' }, 'paid_on'], [{ amount: 1, paid_on: `${year + 1}-01-01` }, 'paid_on'],
      [{ amount: 1, paid_on: 'soon' }, 'paid_on'], [{ amount: 1, paid_on: null }, 'paid_on'], [{ amount: 1, paid_on: '' }, 'paid_on'],
      [{ amount: 1, colour: 'red' }, 'colour']]) {
      const x = await repay(old.id, tokens.worker, body, 422, { id: k.id, checkRequest: false });
      assert.equal(x.body.error.field, field, JSON.stringify(body));
    }
    assert.deepEqual(await read(k.id, old.id), back, 'a 422 saves nothing');

    // 404: not a loan of the case.
    await repay(ctx.cash.id, tokens.worker, { amount: 1 }, 404); // a service of the case, not a loan
    await repay(old.id, tokens.worker, { amount: 1 }, 404); // a loan of another case
    await repay(987654321, tokens.worker, { amount: 1 }, 404);
    await repay(loan.id, tokens.worker, { amount: 1 }, 404, { id: 987654321 });
    await repay(loan.id, tokens.ngo, { amount: 1 }, 404);
    await repay(loan.id, tokens.lawyer, { amount: 1 }, 404, { id: ctx.trafficking.id });
    // The members of the body are checked before the loan: 422, not 404.
    await repay(987654321, tokens.worker, { amount: 'all' }, 422, { checkRequest: false });
    // 403: off the team; a closed case.
    await repay(old.id, tokens.lawyer, { amount: 1 }, 403, { id: k.id });
    await repay(loan.id, tokens.supervisor, { amount: 1 }, 403, { id: ctx.case2.id });
    // 400.
    await call('POST', '/api/v1/cases/{id}/services/{service_id}/repayments', {
      params: { id: k.id, service_id: old.id }, token: tokens.worker, raw: '{"amount": 1, "amount": 2}', contentType: 'application/json', expect: 400,
    });
    assert.deepEqual(await read(k.id, old.id), back, 'nothing was repaid');
  });

  // A loan whose installments would run past 2100-12-31 (the last date Komek takes) is refused
  // (src/domain/service.c), rather than given a schedule cut short; one that ends by then has
  // every installment.
  it('a loan\'s schedule has every installment and adds up to the amount, however late it runs', async () => {
    const loan = { type_id: ctx.types.loan.id, form: 'individual', function: 'integration', means: 'individual', currency: 'KZT' };
    const post = (body, expect) => call('POST', '/api/v1/cases/{id}/services', { params: { id: ctx.case.id }, token: tokens.worker, body, expect });
    const before = (await call('GET', '/api/v1/cases/{id}/services', { params: { id: ctx.case.id }, token: tokens.worker, expect: 200 })).body.items;
    for (const body of [
      { ...loan, amount: 1000, installments: 3, every_days: 366, first_due_on: '2099-06-01' }, // the third on 2101-06-03
      { ...loan, amount: 1000, installments: 2, every_days: 214, first_due_on: '2100-06-01' }, // the second on 2101-01-01
      { ...loan, amount: 2, installments: 3, every_days: 30, first_due_on: '2099-06-01' }, // a part of 0 tiyn
    ]) {
      const r = await post(body, 422);
      assert.equal(r.body.error.field, 'installments', JSON.stringify(body));
    }
    const after = (await call('GET', '/api/v1/cases/{id}/services', { params: { id: ctx.case.id }, token: tokens.worker, expect: 200 })).body.items;
    assert.deepEqual(after, before, 'a 422 saves nothing');
    // The last installment on 2100-12-31 itself: taken, whole.
    const r = (await post({ ...loan, amount: 1000, installments: 3, every_days: 366, first_due_on: '2098-12-29' }, 201)).body;
    assert.deepEqual(r.loan.schedule.map((x) => x.due_on), ['2098-12-29', '2099-12-30', '2100-12-31'], 'one entry per installment');
    assert.equal(r.loan.schedule.reduce((sum, x) => sum + x.amount, 0), r.amount, 'the schedule adds up to the amount');
  });

  it('GET /api/v1/persons/export: CSV with an HXL row, XLSX, de-identified for an analyst; 422 names the parameter', async () => {
    const csv = await call('GET', '/api/v1/persons/export', { token: tokens.worker, query: { format: 'csv', hxl: '1' }, expect: 200 });
    // (fetch's text() drops the byte-order mark; test_export checks it.)
    const rows = csv.body.split('\r\n');
    assert.ok(rows[1].startsWith('#beneficiary +id,#beneficiary +name +family'), 'the second row is HXL');
    assert.match(csv.headers.get('content-disposition'), /^attachment; filename="komek-persons-\d{4}-\d{2}-\d{2}\.csv"$/);
    const de = await call('GET', '/api/v1/persons/export', { token: tokens.analyst, query: { hxl: '1' }, expect: 200 });
    assert.ok(!de.body.includes('#beneficiary +name'), 'an analyst\'s export has no names');
    assert.ok(!de.body.includes('#beneficiary +document'), 'nor documents');
    const x = await fetch(`${server.url}/api/v1/persons/export?format=xlsx`, { headers: { Authorization: `Bearer ${tokens.worker}` } });
    assert.equal(x.status, 200);
    assert.equal(x.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const bytes = new Uint8Array(await x.arrayBuffer());
    assert.deepEqual([...bytes.slice(0, 4)], [0x50, 0x4b, 0x03, 0x04], 'a zip file');
    seen.add('GET /api/v1/persons/export 200');
    const bad = await call('GET', '/api/v1/persons/export', { token: tokens.worker, query: { format: 'pdf' }, expect: 422 });
    assert.equal(bad.body.error.field, 'format');
  });

  it('GET /api/v1/cases/export, /services/export, /referrals/export: the lists as files, with HXL; analysts 403; 422 names the parameter', async () => {
    for (const [path, hxl] of [
      ['/api/v1/cases/export', '#activity +case +id,#beneficiary +id'],
      ['/api/v1/services/export', '#activity +id,#date,#org +name,#sector +code'],
      ['/api/v1/referrals/export', '#activity +referral +id,#date +start'],
    ]) {
      const r = await call('GET', path, { token: tokens.worker, query: { hxl: '1' }, expect: 200 });
      assert.ok(r.body.split('\r\n')[1].startsWith(hxl), `${path}: the second row is HXL`);
      const name = path.split('/')[3];
      assert.match(r.headers.get('content-disposition'), new RegExp(`^attachment; filename="komek-${name}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
      await call('GET', path, { token: tokens.analyst, expect: 403 });
      seen.add(`GET ${path} 200`);
    }
    const sent = await call('GET', '/api/v1/referrals/export', { token: tokens.worker, query: { direction: 'sent', format: 'xlsx' }, expect: 200 });
    assert.equal(sent.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    for (const [path, query, field] of [
      ['/api/v1/cases/export', { status: 'nonsense' }, 'status'],
      ['/api/v1/services/export', { from: '2026-02-30' }, 'from'],
      ['/api/v1/referrals/export', { direction: 'all' }, 'direction'],
    ]) {
      const bad = await call('GET', path, { token: tokens.worker, query, expect: 422 });
      assert.equal(bad.body.error.field, field);
    }
  });

  it('GET /api/v1/services: the services of every case the user sees, newest first, cut by the classification, the dates, the person and the provider', async () => {
    const k1 = await demoCase();
    const today = k1.opened_on;
    const get = async (query, token = tokens.worker) =>
      (await call('GET', '/api/v1/services', { query, token, expect: 200, lang: 'en' })).body;
    const ids = (b) => b.items.map((x) => x.id);
    const caseServices = async (id, token = tokens.worker) =>
      (await call('GET', '/api/v1/cases/{id}/services', { params: { id }, token, expect: 200, lang: 'en' })).body.items;

    const all = await get({ limit: 200 });
    assert.deepEqual([all.limit, all.offset], [200, 0]);
    assert.ok(all.items.length >= 10 && all.items.length < 200, `the services recorded above: ${all.items.length}`);
    for (let i = 1; i < all.items.length; i++) {
      const [a, b] = [all.items[i - 1], all.items[i]];
      assert.ok(a.delivered_on > b.delivered_on || (a.delivered_on === b.delivered_on && a.id > b.id),
        `newest first (delivered_on, then id): ${a.id} ${a.delivered_on} before ${b.id} ${b.delivered_on}`);
    }
    // Every service of the cases the worker sees, each as its case's list gives it, but that a loan
    // comes without its repayments (its schedule, repaid and balance are there).
    const byCase = new Map();
    for (const x of all.items) if (!byCase.has(x.case_id)) byCase.set(x.case_id, await caseServices(x.case_id));
    assert.ok(byCase.has(1) && byCase.has(ctx.case.id), 'case 1 and the household case');
    for (const [id, items] of byCase) {
      assert.deepEqual(all.items.filter((x) => x.case_id === id).map((x) => x.id), items.map((x) => x.id), `every service of case ${id}`);
      for (const own of items)
        assert.deepEqual(all.items.find((x) => x.id === own.id), own.loan ? { ...own, loan: { ...own.loan, repayments: [] } } : own, `service ${own.id}`);
    }
    const loan = all.items.find((x) => x.id === ctx.loan.id);
    assert.deepEqual(loan.loan, { ...ctx.loan.loan, repaid: 100000, balance: 0, repayments: [] }, 'a loan repaid in full: its sums, no repayments');

    // Pages: 50 by default, limit and offset through the same order.
    const dflt = await get({});
    assert.deepEqual([dflt.limit, dflt.offset], [50, 0]);
    assert.deepEqual(ids(dflt), ids(all).slice(0, 50));
    const page = await get({ limit: 3, offset: 2 });
    assert.deepEqual([ids(page), page.limit, page.offset], [ids(all).slice(2, 5), 3, 2]);
    assert.deepEqual(ids(await get({ offset: all.items.length })), [], 'past the end');

    // Each filter keeps the services it names (checked against the whole list); they combine with AND.
    const want = (pred) => all.items.filter(pred).map((x) => x.id);
    const yesterday = addDays(today, -1);
    const cuts = [
      [{ service_kind: 'social_legal' }, (x) => x.service_kind === 'social_legal'],
      [{ service_kind: 'social_economic' }, (x) => x.service_kind === 'social_economic'],
      [{ form: 'individual' }, (x) => x.form === 'individual'],
      [{ function: 'integration' }, (x) => x.function === 'integration'],
      [{ function: 'adaptation' }, (x) => x.function === 'adaptation'],
      [{ means: 'individual' }, (x) => x.means === 'individual'],
      [{ from: '2025-10-01', to: '2025-10-01' }, (x) => x.delivered_on === '2025-10-01'],
      [{ from: today }, (x) => x.delivered_on >= today],
      [{ to: yesterday }, (x) => x.delivered_on <= yesterday],
      [{ from: ctx.case.opened_on, to: yesterday }, (x) => x.delivered_on >= ctx.case.opened_on && x.delivered_on <= yesterday],
      [{ person_id: k1.person_id }, (x) => x.person_id === k1.person_id],
      [{ person_id: ctx.case.person_id }, (x) => x.person_id === ctx.case.person_id],
      [{ mine: 1 }, (x) => x.provider.id === ctx.workerId],
      [{ service_kind: 'social_economic', mine: 1, from: today }, (x) => x.service_kind === 'social_economic' && x.provider.id === ctx.workerId && x.delivered_on >= today],
      [{ function: 'integration', person_id: k1.person_id, to: today }, (x) => x.function === 'integration' && x.person_id === k1.person_id],
    ];
    for (const [q, pred] of cuts) {
      const w = want(pred);
      assert.ok(w.length > 0 && (w.length < all.items.length || q.form || q.means), `${JSON.stringify(q)} cuts the list: ${w.length}`);
      assert.deepEqual(ids(await get({ limit: 200, ...q })), w, JSON.stringify(q));
    }
    assert.ok(want((x) => x.delivered_on === '2025-10-01').length >= 2, 'from and to are inclusive: the two services of 2025-10-01');
    for (const q of [{ service_kind: '', form: '', function: '', means: '', from: '', to: '' }, { mine: 0 }, { from: '1900-01-01', to: '2100-12-31' }])
      assert.deepEqual(ids(await get({ limit: 200, ...q })), ids(all), `${JSON.stringify(q)} filters nothing`);
    for (const q of [{ from: today, to: yesterday }, { person_id: 987654321 }, { service_kind: 'care' }, { person_id: k1.person_id, form: 'collective' }, { means: 'policy' }])
      assert.deepEqual(ids(await get({ limit: 200, ...q })), [], `${JSON.stringify(q)}: none`);
    const psy = await get({ limit: 200, mine: 1 }, tokens.psychologist);
    assert.ok(psy.items.length > 0 && psy.items.every((x) => x.provider.login === 'psychologist'), 'mine=1: what the user recorded');
    assert.ok(ids(psy).includes(ctx.cash.id));

    // Whose services: a restricted person's for the workers assigned and supervisors, not the lawyer;
    // another organisation's never, either way.
    const codes = { form: 'individual', function: 'adaptation', means: 'individual' };
    const kn = (await call('POST', '/api/v1/cases/{id}/services', {
      params: { id: ctx.trafficking.id }, token: tokens.worker, expect: 201, body: { type_id: ctx.types.session.id, ...codes, result: 'Restricted.' },
    })).body;
    const theirs = (await call('POST', '/api/v1/cases/{id}/services', {
      params: { id: ctx.foreignCase.id }, token: tokens.ngo, expect: 201, body: { type_id: ctx.types.session.id, ...codes, result: 'The NGO\'s.' },
    })).body;
    const worker = await get({ limit: 200 });
    assert.deepEqual(ids(worker), [kn.id, ...ids(all)], 'the worker, assigned to the restricted person, sees the new service first');
    const sup = await get({ limit: 200 }, tokens.supervisor);
    assert.ok(ids(worker).every((id) => ids(sup).includes(id)), 'a supervisor sees every service the worker sees');
    const lw = await get({ limit: 200 }, tokens.lawyer);
    assert.ok(!ids(lw).includes(kn.id), 'not the restricted person\'s for the lawyer');
    assert.ok(byCase.get(1).every((x) => ids(lw).includes(x.id)), 'the lawyer sees case 1, so its services');
    assert.deepEqual(ids(await get({ person_id: ctx.trafficking.person_id }, tokens.lawyer)), []);
    const ngo = await get({ limit: 200 }, tokens.ngo);
    assert.ok(ids(ngo).includes(theirs.id), 'the second organisation sees its own');
    for (const [who, list] of [['worker', worker], ['supervisor', sup], ['lawyer', lw]])
      assert.ok(!ids(list).includes(theirs.id), `${who} never sees the second organisation's`);
    assert.ok(!ids(ngo).some((id) => ids(sup).includes(id)), 'the second organisation never sees the first\'s');
    assert.deepEqual(ids(await get({ person_id: k1.person_id }, tokens.ngo)), []);
    assert.deepEqual(ids(await get({ person_id: ctx.foreignCase.person_id })), []);
    await call('GET', '/api/v1/services', { token: tokens.analyst, expect: 403 });

    // 422, naming the parameter: the first at fault, in the documented order.
    for (const [q, field] of [[{ service_kind: 'banking' }, 'service_kind'], [{ service_kind: 'SOCIAL_LEGAL' }, 'service_kind'],
      [{ form: 'circle' }, 'form'], [{ function: 'cure' }, 'function'], [{ means: 'magic' }, 'means'],
      [{ from: 'yesterday' }, 'from'], [{ from: `${year}-02-30` }, 'from'], [{ from: '1899-12-31' }, 'from'], [{ from: '2101-01-01' }, 'from'],
      [{ to: '01.01.2026' }, 'to'], [{ to: '2026-1-1' }, 'to'], [{ to: `${today}T00:00` }, 'to'],
      [{ person_id: 0 }, 'person_id'], [{ person_id: 'me' }, 'person_id'], [{ person_id: '' }, 'person_id'],
      [{ mine: 2 }, 'mine'], [{ mine: 'yes' }, 'mine'], [{ limit: 0 }, 'limit'], [{ limit: 201 }, 'limit'], [{ offset: -1 }, 'offset'],
      [{ offset: -1, limit: 0, mine: 2, person_id: 0, to: 'x', from: 'x', means: 'x', function: 'x', form: 'x', service_kind: 'x' }, 'service_kind'],
      [{ offset: -1, limit: 0, mine: 2, person_id: 0, to: 'x', from: 'x', means: 'x', function: 'x', form: 'x' }, 'form'],
      [{ offset: -1, limit: 0, mine: 2, person_id: 0, to: 'x', from: 'x', means: 'x', function: 'x' }, 'function'],
      [{ offset: -1, limit: 0, mine: 2, person_id: 0, to: 'x', from: 'x', means: 'x' }, 'means'],
      [{ offset: -1, limit: 0, mine: 2, person_id: 0, to: 'x', from: 'x' }, 'from'],
      [{ offset: -1, limit: 0, mine: 2, person_id: 0, to: 'x' }, 'to'],
      [{ offset: -1, limit: 0, mine: 2, person_id: 0 }, 'person_id'],
      [{ offset: -1, limit: 0, mine: 2 }, 'mine'], [{ offset: -1, limit: 0 }, 'limit']]) {
      const r = await call('GET', '/api/v1/services', { query: q, token: tokens.worker, expect: 422 });
      assert.equal(r.body.error.field, field, `${JSON.stringify(q).slice(0, 80)} names ${field}`);
    }
  });

  it('GET /api/v1/services is a view of the people whose services it lists, as GET /api/v1/cases/{id}/services and /api/v1/deadlines are', async () => {
    if (!haveSqlite()) return;
    const k1 = await demoCase();
    await settleViews();
    const was = auditCount('case.view', k1.person_id);
    const r = await call('GET', '/api/v1/services', { query: { person_id: k1.person_id }, token: tokens.worker, expect: 200 });
    assert.ok(r.body.items.length > 0);
    for (let i = 0; i < 30 && auditCount('case.view', k1.person_id) === was; i++)
      await new Promise((res) => setTimeout(res, 100));
    assert.ok(auditCount('case.view', k1.person_id) > was, 'listing a person\'s services writes a case.view row under them');
  });

  // ---- a person's legal-status dates (migration 0010) and the deadlines they drive
  // (src/domain/deadlines.c): every date below counts from today, the day the demo opened case 1.

  /* The same day a year later (29 February: 1 March), as src/domain/deadlines.c counts a kandas status. */
  const yearLater = (date) => {
    const [y, m, d] = date.split('-');
    return m === '02' && d === '29' ? `${Number(y) + 1}-03-01` : `${Number(y) + 1}-${m}-${d}`;
  };
  const newPerson = async (body) => (await call('POST', '/api/v1/persons', {
    token: tokens.worker, expect: 201, body: { sex: 'female', birth_date: '1985', ...body },
  })).body;
  const patchPerson = async (p, body, expect = 200) => (await call('PATCH', '/api/v1/persons/{id}', {
    params: { id: p.id }, token: tokens.worker, expect, checkRequest: expect === 200, body: { version: p.version, ...body },
  })).body;
  const deadlinesOf = async (id, token = tokens.worker) =>
    (await call('GET', '/api/v1/cases/{id}/deadlines', { params: { id }, token, expect: 200 })).body.items;
  const deadline = (k, kind, due_on, { overdue = false, late = false, document = null } = {}) =>
    ({ case_id: k.id, person_id: k.person_id, kind, due_on, overdue, late, document });
  const byDueOn = (items) => [...items].sort((a, b) => (a.due_on < b.due_on ? -1 : a.due_on > b.due_on ? 1 : 0));

  it('a person\'s legal_status_since and asylum_petition_on: read back, and checked (422)', async () => {
    const today = (await demoCase()).opened_on;
    const base = { family_name: 'Дәулетова', given_name: 'Жанар', sex: 'female', birth_date: '1990' };
    const arrival = addDays(today, -20);

    // Given on creation: POST answers them, GET reads them the same.
    const r = await call('POST', '/api/v1/persons', {
      token: tokens.worker, expect: 201,
      body: { ...base, legal_status: 'asylum_seeker', legal_status_since: addDays(today, -15), arrival_date: arrival, asylum_petition_on: arrival },
    });
    const p = r.body;
    assert.deepEqual([p.legal_status, p.legal_status_since, p.arrival_date, p.asylum_petition_on],
      ['asylum_seeker', addDays(today, -15), arrival, arrival], 'a petition on the day of arrival is taken');
    assert.deepEqual((await call('GET', '/api/v1/persons/{id}', { params: { id: p.id }, token: tokens.worker, expect: 200 })).body, p,
      'GET after POST differs from the POST answer');

    // 422 on POST, each on the member at fault; a 422 saves nothing.
    const bad = async (body) => (await call('POST', '/api/v1/persons', { token: tokens.worker, expect: 422, checkRequest: false, body: { ...base, ...body } })).body.error;
    for (const [body, field] of [
      [{ legal_status: 'kandas', legal_status_since: addDays(today, 1) }, 'legal_status_since'], // in the future
      [{ legal_status_since: addDays(today, -10) }, 'legal_status_since'], // without a legal status
      [{ legal_status: null, legal_status_since: addDays(today, -10) }, 'legal_status_since'],
      [{ legal_status: 'kandas', legal_status_since: '2025-02-29' }, 'legal_status_since'],
      [{ legal_status: 'kandas', legal_status_since: '15.03.2025' }, 'legal_status_since'],
      [{ legal_status: 'kandas', legal_status_since: 20250315 }, 'legal_status_since'],
      [{ legal_status: 'asylum_seeker', arrival_date: arrival, asylum_petition_on: addDays(arrival, -1) }, 'asylum_petition_on'], // before arrival
      [{ legal_status: 'asylum_seeker', asylum_petition_on: addDays(today, 1) }, 'asylum_petition_on'], // in the future
      [{ asylum_petition_on: 'soon' }, 'asylum_petition_on'],
      [{ asylum_petition_on: true }, 'asylum_petition_on'],
    ]) {
      const e = await bad(body);
      assert.equal(e.field, field, JSON.stringify(body));
      assert.deepEqual(e.fields.map((f) => f.field), [field], `${JSON.stringify(body)}: only ${field} is at fault`);
    }
    const both = await bad({ legal_status_since: addDays(today, 1), asylum_petition_on: addDays(today, 1) });
    assert.deepEqual(both.fields.map((f) => f.field).sort(), ['asylum_petition_on', 'legal_status_since'], 'every field at fault at once');
    const seen = await call('GET', '/api/v1/persons', { query: { q: 'Дәулетова' }, token: tokens.worker, expect: 200 });
    assert.deepEqual(seen.body.items.map((i) => i.id), [p.id], 'a 422 saves nothing');

    // PATCH: the rules hold for the record that results.
    const noStatus = await patchPerson(p, { legal_status: null }, 422);
    assert.deepEqual(noStatus.error.fields.map((f) => f.field), ['legal_status_since'], 'a status cleared, its date kept');
    const moved = await patchPerson(p, { arrival_date: addDays(arrival, 1) }, 422);
    assert.deepEqual(moved.error.fields.map((f) => f.field), ['asylum_petition_on'], 'arrival moved past the petition');
    const future = await patchPerson(p, { asylum_petition_on: addDays(today, 1) }, 422);
    assert.equal(future.error.field, 'asylum_petition_on');
    assert.deepEqual((await call('GET', '/api/v1/persons/{id}', { params: { id: p.id }, token: tokens.worker, expect: 200 })).body, p,
      'a 422 saves nothing');
    const p2 = await patchPerson(p, { asylum_petition_on: addDays(arrival, 3), legal_status_since: today });
    assert.deepEqual([p2.version, p2.asylum_petition_on, p2.legal_status_since, p2.arrival_date],
      [p.version + 1, addDays(arrival, 3), today, arrival], 'members not sent are kept');
    const p3 = await patchPerson(p2, { legal_status: null, legal_status_since: null, asylum_petition_on: null });
    assert.deepEqual([p3.legal_status, p3.legal_status_since, p3.asylum_petition_on], [null, null, null], 'null clears them');
    // The record as read, sent back with one date changed.
    const p4 = await patchPerson(p3, { ...p3, legal_status: 'refugee', legal_status_since: addDays(today, -2) });
    assert.deepEqual({ ...p4, version: 0 }, { ...p3, version: 0, legal_status: 'refugee', legal_status_since: addDays(today, -2) });
  });

  it('GET /api/v1/cases/{id}/deadlines: a kandas status, an asylum petition and documents, each from its notice; audited', async () => {
    const today = (await demoCase()).opened_on;
    const openCase = async (p, token = tokens.worker) => (await call('POST', '/api/v1/cases', {
      token, expect: 201, body: { person_id: p.id, opening_reason: 'Status and documents.' },
    })).body;

    // A kandas granted eleven months ago: the status ends within 60 days. Documents expiring in a
    // month and in 90 days are listed, one in 91 days not yet, one without an expiry never, and one
    // expired yesterday is overdue.
    const since = addDays(today, -320);
    const kandas = await newPerson({
      family_name: 'Мұхамедова', given_name: 'Гүлжан', categories: ['kandas'], legal_status: 'kandas', legal_status_since: since,
      arrival_date: addDays(today, -400), documents: [
        { type: 'passport', number: 'mn 2020001', country: 'MN', expires_on: addDays(today, 30) },
        { type: 'kandas_certificate', number: 'KC2020002', expires_on: addDays(today, 90) },
        { type: 'residence_permit', number: 'RP2020003', expires_on: addDays(today, 91) },
        { type: 'id_card', number: 'ID2020004' },
        { type: 'travel_document', number: 'TD2020005', issued_on: addDays(today, -700), expires_on: addDays(today, -1) },
      ],
    });
    const kk = await openCase(kandas);
    const kkWant = [
      deadline(kk, 'document', addDays(today, -1), { overdue: true, document: { type: 'travel_document', number: 'TD2020005' } }),
      deadline(kk, 'document', addDays(today, 30), { document: { type: 'passport', number: 'MN 2020001' } }),
      deadline(kk, 'kandas_status', yearLater(since)),
      deadline(kk, 'document', addDays(today, 90), { document: { type: 'kandas_certificate', number: 'KC2020002' } }),
    ];
    assert.deepEqual(byDueOn(kkWant), kkWant);
    assert.deepEqual(await deadlinesOf(kk.id), kkWant, 'in date order');

    // Anyone who sees the case reads them: a supervisor, the lawyer off the team; a closed case's too.
    assert.deepEqual(await deadlinesOf(kk.id, tokens.supervisor), kkWant);
    assert.deepEqual(await deadlinesOf(kk.id, tokens.lawyer), kkWant);
    assert.ok(Array.isArray(await deadlinesOf(ctx.case2.id, tokens.supervisor)), 'a closed case\'s deadlines are read');

    // The kandas status from 60 days before it ends (not 61), and overdue after.
    const kandas2 = await newPerson({ family_name: 'Мұхамедов', given_name: 'Ерлан', legal_status: 'kandas' });
    const kb = await openCase(kandas2);
    assert.deepEqual(await deadlinesOf(kb.id), [], 'a kandas with no date of grant');
    let kp = kandas2;
    const grantedFor = (due) => `${Number(due.slice(0, 4)) - 1}${due.slice(4)}`; // a year before due
    const grantable = (...dues) => dues.every((d) => d.slice(5) !== '02-29'); // no grant ends on 29 February
    if (grantable(addDays(today, 60), addDays(today, 61))) {
      kp = await patchPerson(kp, { legal_status_since: grantedFor(addDays(today, 61)) });
      assert.deepEqual(await deadlinesOf(kb.id), [], 'ends in 61 days: not yet');
      kp = await patchPerson(kp, { legal_status_since: grantedFor(addDays(today, 60)) });
      assert.deepEqual(await deadlinesOf(kb.id), [deadline(kb, 'kandas_status', addDays(today, 60))], 'ends in 60 days: listed');
    }
    if (grantable(today)) {
      kp = await patchPerson(kp, { legal_status_since: grantedFor(today) });
      assert.deepEqual(await deadlinesOf(kb.id), [deadline(kb, 'kandas_status', today)], 'ends today: not overdue yet');
    }
    kp = await patchPerson(kp, { legal_status_since: addDays(today, -800) });
    assert.deepEqual(await deadlinesOf(kb.id), [deadline(kb, 'kandas_status', yearLater(addDays(today, -800)), { overdue: true })], 'ended: overdue');
    kp = await patchPerson(kp, { legal_status_since: '2024-02-29' });
    assert.deepEqual(await deadlinesOf(kb.id), [deadline(kb, 'kandas_status', '2025-03-01', { overdue: true })], 'granted on 29 February: ends on 1 March');
    kp = await patchPerson(kp, { legal_status: 'citizen', legal_status_since: null }); // a new status, its own date
    assert.deepEqual(await deadlinesOf(kb.id), [], 'another status has no such deadline, whatever its date');

    // An asylum seeker who arrived ten days ago and filed no petition: due five days after arrival, overdue.
    const arrival = addDays(today, -10);
    const asylum = await newPerson({ family_name: 'Рахимова', given_name: 'Малика', legal_status: 'asylum_seeker', arrival_date: arrival });
    const ka = await openCase(asylum);
    const due = addDays(arrival, 5);
    assert.deepEqual(await deadlinesOf(ka.id), [deadline(ka, 'asylum_petition', due, { overdue: true })]);
    // Filed after the date: listed as late, not overdue; filed on the date: nothing.
    let ap = await patchPerson(asylum, { asylum_petition_on: addDays(due, 1) });
    assert.deepEqual(await deadlinesOf(ka.id), [deadline(ka, 'asylum_petition', due, { late: true })], 'filed late');
    ap = await patchPerson(ap, { asylum_petition_on: due });
    assert.deepEqual(await deadlinesOf(ka.id), [], 'filed in time');
    ap = await patchPerson(ap, { asylum_petition_on: null });
    ctx.asylum = { person: ap, case: ka, due };

    // Listed from the day of arrival; overdue only after the fifth day.
    const fresh = await newPerson({ family_name: 'Рахимов', given_name: 'Алишер', legal_status: 'asylum_seeker', arrival_date: today });
    const kf = await openCase(fresh);
    assert.deepEqual(await deadlinesOf(kf.id), [deadline(kf, 'asylum_petition', addDays(today, 5))], 'arrived today');
    let fp = await patchPerson(fresh, { arrival_date: addDays(today, -5) });
    assert.deepEqual(await deadlinesOf(kf.id), [deadline(kf, 'asylum_petition', today)], 'due today: not overdue yet');
    fp = await patchPerson(fp, { arrival_date: addDays(today, -6) });
    assert.deepEqual(await deadlinesOf(kf.id), [deadline(kf, 'asylum_petition', addDays(today, -1), { overdue: true })], 'due yesterday');
    // No date of arrival, no petition deadline; nor for a refugee who arrived and never petitioned.
    fp = await patchPerson(fp, { arrival_date: null });
    assert.deepEqual(await deadlinesOf(kf.id), [], 'no date of arrival');
    fp = await patchPerson(fp, { legal_status: 'refugee', arrival_date: arrival });
    assert.deepEqual(await deadlinesOf(kf.id), [], 'a refugee');
    ctx.deadlineCases = { kandas: kk, kandasWant: kkWant, none: kf };

    // Audited as a view of the person, deadlines or none.
    if (haveSqlite()) {
      const settle = () => new Promise((res) => setTimeout(res, 300));
      for (const k of [kk, kf]) {
        await settle();
        const was = auditCount('case.view', k.person_id);
        await deadlinesOf(k.id);
        for (let i = 0; i < 30 && auditCount('case.view', k.person_id) === was; i++)
          await new Promise((res) => setTimeout(res, 100));
        await settle();
        assert.equal(auditCount('case.view', k.person_id), was + 1, `a GET of case ${k.id}'s deadlines writes one case.view row under the person`);
      }
    } else {
      console.log('# sqlite3 is not installed: the audit check of GET /api/v1/cases/{id}/deadlines is skipped');
    }

    // 404: another organisation, an unknown case, a restricted person's case for the lawyer.
    await call('GET', '/api/v1/cases/{id}/deadlines', { params: { id: kk.id }, token: tokens.ngo, expect: 404 });
    await call('GET', '/api/v1/cases/{id}/deadlines', { params: { id: 987654321 }, token: tokens.worker, expect: 404 });
    await call('GET', '/api/v1/cases/{id}/deadlines', { params: { id: ctx.trafficking.id }, token: tokens.lawyer, expect: 404 });
    await call('GET', '/api/v1/cases/{id}/deadlines', { params: { id: ctx.foreignCase.id }, token: tokens.worker, expect: 404 });
  });

  it('GET /api/v1/deadlines: the deadlines of the user\'s open cases, case by case; audited per person listed', async () => {
    const { kandas: kk, kandasWant, none: kf } = ctx.deadlineCases;
    const ka = ctx.asylum.case;
    const mine = async (token = tokens.worker) => (await call('GET', '/api/v1/deadlines', { token, expect: 200 })).body.items;
    const of = (items, k) => items.filter((d) => d.case_id === k.id);
    const wellOrdered = (items, who) => {
      for (let i = 1; i < items.length; i++) {
        const [a, b] = [items[i - 1], items[i]];
        assert.ok(a.case_id > b.case_id || (a.case_id === b.case_id && a.due_on <= b.due_on),
          `${who}: newest case first, each case's in date order: ${JSON.stringify(a)} then ${JSON.stringify(b)}`);
      }
    };

    const items = await mine();
    wellOrdered(items, 'worker');
    assert.deepEqual(of(items, kk), kandasWant, 'the case\'s deadlines, as its own route gives them');
    assert.deepEqual(of(items, ka), await deadlinesOf(ka.id));
    assert.equal(of(items, ka).length, 1);
    assert.deepEqual(of(items, kf), [], 'a case without deadlines has none');

    // A co-worker's caseload has the case; the lawyer, the supervisor (off the team) and the other
    // organisation do not.
    await call('POST', '/api/v1/cases/{id}/workers', { params: { id: ka.id }, token: tokens.worker, expect: 200, body: { user_id: ctx.psychologistId } });
    const psy = await mine(tokens.psychologist);
    wellOrdered(psy, 'psychologist');
    assert.deepEqual(of(psy, ka), of(items, ka), 'a co-worker lists the case');
    assert.deepEqual(of(psy, kk), [], 'not on the team of the kandas case');
    for (const who of ['lawyer', 'supervisor', 'ngo']) {
      const theirs = await mine(tokens[who]);
      wellOrdered(theirs, who);
      assert.ok(!theirs.some((d) => [kk.id, ka.id].includes(d.case_id)), `${who} is on neither case`);
    }

    // A person with two open cases: theirs under each. A closed case: left out, though its route reads it.
    const second = (await call('POST', '/api/v1/cases', {
      token: tokens.worker, expect: 201, body: { person_id: kk.person_id, opening_reason: 'A second case.' },
    })).body;
    const twice = await mine();
    wellOrdered(twice, 'worker');
    assert.deepEqual(of(twice, second), kandasWant.map((d) => ({ ...d, case_id: second.id })), 'under the second case');
    assert.deepEqual(of(twice, kk), kandasWant, 'and under the first');
    await call('PATCH', '/api/v1/cases/{id}', {
      params: { id: second.id }, token: tokens.supervisor, expect: 200,
      body: { version: second.version, status: 'closed', closing_reason: 'other', outcome: 'Opened twice.' },
    });
    assert.deepEqual(of(await mine(), second), [], 'a closed case is left out');
    assert.deepEqual(await deadlinesOf(second.id), kandasWant.map((d) => ({ ...d, case_id: second.id })), 'its route still reads them');

    // Audit: one case.view row per case whose person has deadlines listed; none for a case without.
    if (haveSqlite()) {
      const settle = () => new Promise((res) => setTimeout(res, 300));
      await settle();
      const was = [kk, ka, kf].map((k) => auditCount('case.view', k.person_id));
      await mine();
      for (let i = 0; i < 30 && auditCount('case.view', ka.person_id) === was[1]; i++)
        await new Promise((res) => setTimeout(res, 100));
      await settle();
      assert.deepEqual([kk, ka, kf].map((k) => auditCount('case.view', k.person_id)), [was[0] + 1, was[1] + 1, was[2]],
        'one case.view row for each person listed, none for a person without deadlines');
    } else {
      console.log('# sqlite3 is not installed: the audit check of GET /api/v1/deadlines is skipped');
    }

    // 403 for analysts.
    const r = await call('GET', '/api/v1/deadlines', { token: tokens.analyst, expect: 403 });
    assert.equal(r.body.error.code, 'forbidden');
  });

  it('POST and DELETE /api/v1/cases/{id}/workers: co-workers join and leave the team', async () => {
    const k = ctx.case;
    const add = (token, body, expect, checkRequest = true) =>
      call('POST', '/api/v1/cases/{id}/workers', { params: { id: k.id }, token, body, expect, checkRequest });
    const del = (token, userId, expect) =>
      call('DELETE', '/api/v1/cases/{id}/workers/{user_id}', { params: { id: k.id, user_id: userId }, token, expect });
    const r = await add(tokens.worker, { user_id: ctx.psychologistId }, 200);
    assert.deepEqual(r.body.co_workers.map((m) => [m.user_id, m.login, m.role]), [[ctx.psychologistId, 'psychologist', 'psychologist']]);
    assert.equal(r.body.version, k.version, 'the team is not a change of the case record');
    const twice = await add(tokens.worker, { user_id: ctx.psychologistId }, 200);
    assert.equal(twice.body.co_workers.length, 1, 'adding a co-worker twice changes nothing');
    // Now on the team: the psychologist works on the case.
    await call('POST', '/api/v1/cases/{id}/notes', { params: { id: k.id }, token: tokens.psychologist, body: { text: 'Joined the case.' }, expect: 201 });
    const mine = await call('GET', '/api/v1/cases', { query: { mine: 1, limit: 200 }, token: tokens.psychologist, expect: 200 });
    assert.ok(mine.body.items.some((i) => i.id === k.id));

    for (const [body, field] of [[{}, 'user_id'], [{ user_id: 987654321 }, 'user_id'], [{ user_id: ctx.foreignCase.worker.id }, 'user_id'],
      [{ user_id: 'psychologist' }, 'user_id'], [{ user_id: ctx.psychologistId, role: 'lawyer' }, 'role']]) {
      const x = await add(tokens.worker, body, 422, false);
      assert.equal(x.body.error.field, field, JSON.stringify(body));
    }
    await add(tokens.lawyer, { user_id: ctx.psychologistId }, 403);
    await call('POST', '/api/v1/cases/{id}/workers', { params: { id: k.id }, token: tokens.ngo, body: { user_id: ctx.psychologistId }, expect: 404 });
    await call('POST', '/api/v1/cases/{id}/workers', { params: { id: k.id }, token: tokens.worker, raw: '[]', contentType: 'application/json', expect: 400 });

    await del(tokens.lawyer, ctx.psychologistId, 403);
    await call('DELETE', '/api/v1/cases/{id}/workers/{user_id}', { params: { id: k.id, user_id: ctx.psychologistId }, token: tokens.ngo, expect: 404 });
    const gone = await del(tokens.worker, ctx.psychologistId, 200);
    assert.deepEqual(gone.body.co_workers, []);
    await del(tokens.worker, ctx.psychologistId, 404);
    await del(tokens.worker, ctx.workerId, 404); // the assigned worker is not a co-worker
    await del(tokens.worker, 987654321, 404);
    await call('POST', '/api/v1/cases/{id}/notes', { params: { id: k.id }, token: tokens.psychologist, body: { text: 'Left.' }, expect: 403 });
  });

  // Bugs the contract review found in the case API, since fixed (src/api/cases.c,
  // src/domain/casework.c, src/store/store_case.c): each test keeps them from coming back.

  it('PATCH /api/v1/cases/{id} takes back the case as GET gave it, with one member changed', async () => {
    const g = await call('GET', '/api/v1/cases/{id}', { params: { id: ctx.case.id }, token: tokens.worker, expect: 200 });
    // checkRequest: false, as the document describes what the code accepts today.
    const r = await call('PATCH', '/api/v1/cases/{id}', {
      params: { id: ctx.case.id }, token: tokens.worker, checkRequest: false, body: { ...g.body, status: 'on_hold' },
    });
    assert.equal(r.status, 200, `the case as read, sent back, answered ${r.status}: ${JSON.stringify(r.body)}`);
    ctx.case = r.body;
  });

  it('a withdrawn closure request leaves no closure behind', async () => {
    const g = await call('GET', '/api/v1/cases/{id}', { params: { id: ctx.case.id }, token: tokens.worker, expect: 200 });
    const asked = await call('PATCH', '/api/v1/cases/{id}', {
      params: { id: ctx.case.id }, token: tokens.worker, expect: 202,
      body: { version: g.body.version, status: 'closed', closing_reason: 'moved_away', outcome: 'Left for Astana.' },
    });
    const wd = await call('PATCH', '/api/v1/cases/{id}', {
      params: { id: ctx.case.id }, token: tokens.worker, expect: 200, body: { version: asked.body.version, closure_requested: false },
    });
    ctx.case = wd.body;
    assert.deepEqual([wd.body.closing_reason, wd.body.outcome, wd.body.closed_on], [null, null, null],
      `a case neither closed nor waiting for a closure still carries one: ${JSON.stringify(wd.body)}`);
  });

  it('only a supervisor opens a case held by another worker', async () => {
    const r = await call('POST', '/api/v1/cases', {
      token: tokens.worker, body: { person_id: ctx.person.id, opening_reason: 'Given to a colleague.', worker_id: ctx.psychologistId },
    });
    assert.ok(r.status === 403 || r.status === 422 || (r.status === 201 && r.body.worker.id === ctx.workerId),
      `a social worker opened a case held by another user: ${r.status} ${JSON.stringify(r.body?.worker)}`);
  });

  it('a case covers a household only for a person who has one', async () => {
    const p = await call('POST', '/api/v1/persons', {
      token: tokens.worker, expect: 201, body: { family_name: 'Бекова', given_name: 'Әсел', sex: 'female' },
    });
    assert.equal(p.body.household_id, null);
    const r = await call('POST', '/api/v1/cases', {
      token: tokens.worker, body: { person_id: p.body.id, opening_reason: 'Alone.', household: true },
    });
    assert.ok(r.status === 422 || (r.status === 201 && r.body.household === false),
      `a case of a person in no household covers "the whole household": ${r.status} household=${r.body?.household}`);
  });

  it('the assigned worker does not become a co-worker of their own case', async () => {
    const r = await call('POST', '/api/v1/cases/{id}/workers', {
      params: { id: ctx.case.id }, token: tokens.worker, body: { user_id: ctx.workerId },
    });
    assert.ok(r.status === 422 || (r.status === 200 && !r.body.co_workers.some((m) => m.user_id === ctx.workerId)),
      `the assigned worker is listed among the co-workers: ${r.status} ${JSON.stringify(r.body?.co_workers)}`);
    if (r.status === 200 && r.body.co_workers.some((m) => m.user_id === ctx.workerId))
      await call('DELETE', '/api/v1/cases/{id}/workers/{user_id}', { params: { id: ctx.case.id, user_id: ctx.workerId }, token: tokens.worker, expect: 200 });
  });

  // ---- the directory of partner organisations and referrals (demo.c: demo_partners and
  // demo_referrals). The demo's directory: the Pavlodar NGO, which is the second organisation
  // (ngo-worker's); the Almaty adaptation centre, which is the first (worker's); the Almaty
  // migration service and a temporary accommodation centre (Almaty and KZ-19), outside Komek;
  // and a foundation that names no region. Its referrals: Тұрсынбаев (demo case 1, consent
  // given) and Karimova (restricted) to the NGO, from the first organisation; Иванова, from
  // the second organisation, to the accommodation centre.

  const settleViews = () => new Promise((res) => setTimeout(res, 300));
  /* Runs fn and checks that it wrote `rows` audit rows of `action` under the person. */
  async function viewsOf(action, personId, what, fn, rows) {
    if (!haveSqlite()) {
      console.log(`# sqlite3 is not installed: the audit check "${what}" is skipped`);
      return fn();
    }
    await settleViews();
    const was = auditCount(action, personId);
    const out = await fn();
    for (let i = 0; i < 30 && rows && auditCount(action, personId) === was; i++)
      await new Promise((res) => setTimeout(res, 100));
    await settleViews();
    assert.equal(auditCount(action, personId), was + rows, `${what} writes ${rows} ${action} row(s) under the person`);
    return out;
  }
  const orgs = async (query, token = tokens.worker) =>
    (await call('GET', '/api/v1/organisations', { query, token, expect: 200 })).body;
  const orgIds = (b) => b.items.map((i) => i.id);

  it('GET /api/v1/organisations: the directory, filtered by service kind, region, kind and name; every role reads it', async () => {
    const all = await orgs({});
    assert.equal(all.limit, 50);
    assert.equal(all.offset, 0);
    const byName = (start) => {
      const e = all.items.find((i) => i.name.startsWith(start));
      assert.ok(e, `the demo's directory has "${start}…": ${all.items.map((i) => i.name).join(' | ')}`);
      return e;
    };
    const ngo = byName('Pavlodar NGO');
    const own = byName('Алматы: бейімделу');
    const migration = byName('Алматы қаласы көші-қон');
    const shelter = byName('Уақытша орналастыру');
    const fund = byName('«Қамқор»');
    assert.ok(ngo.komek_organisation && own.komek_organisation, 'the two demo organisations are entries of the directory');
    assert.notEqual(ngo.komek_organisation.id, own.komek_organisation.id);
    assert.deepEqual([migration.komek_organisation, shelter.komek_organisation, fund.komek_organisation], [null, null, null]);
    assert.equal(ngo.kind, 'ngo');
    assert.deepEqual(ngo.services, ['social_household', 'social_legal', 'social_psychological'], 'sorted');
    assert.deepEqual(ngo.regions, ['KZ-55']);
    assert.deepEqual(shelter.regions, ['KZ-19', 'KZ-75'], 'sorted');
    assert.deepEqual(fund.regions, []);
    assert.ok(all.items.every((i) => i.active), 'only the entries in use');
    Object.assign(ctx, { ngoEntry: ngo, ownEntry: own, migrationEntry: migration, shelterEntry: shelter, fundEntry: fund });

    const page = await orgs({ limit: 2, offset: 1 });
    assert.deepEqual(orgIds(page), orgIds(all).slice(1, 3), 'limit/offset page through the same order');
    assert.deepEqual([page.limit, page.offset], [2, 1]);

    // service_kind: the entries that offer it.
    const legal = await orgs({ service_kind: 'social_legal' });
    assert.ok(legal.items.every((i) => i.services.includes('social_legal')), 'service_kind');
    assert.deepEqual(orgIds(legal).sort(), [ngo.id, migration.id].sort(), 'the NGO and the migration service give legal help');
    // region: the entries that cover it, and those with no region (anywhere).
    const pavlodar = await orgs({ region: 'KZ-55' });
    assert.deepEqual(orgIds(pavlodar).sort(), [ngo.id, fund.id].sort(), 'KZ-55: the NGO, and the foundation that names no region');
    const konaev = await orgs({ region: 'KZ-19' });
    assert.deepEqual(orgIds(konaev).sort(), [shelter.id, fund.id].sort(), 'KZ-19: the second region of the shelter, and the foundation');
    assert.deepEqual(orgIds(await orgs({ region: 'KZ-10' })), [fund.id], 'a region nobody names: only the entries of no region');
    assert.deepEqual(orgIds(await orgs({ service_kind: 'social_household', region: 'KZ-19' })), [shelter.id], 'filters combine with AND');
    assert.deepEqual(orgIds(await orgs({ service_kind: 'social_economic', region: 'KZ-75' })), [fund.id]);
    assert.deepEqual(orgIds(await orgs({ service_kind: 'care' })), [], 'a service nobody offers');
    // kind, and an empty filter is none.
    const ngos = await orgs({ kind: 'ngo' });
    assert.ok(ngos.items.length > 0 && ngos.items.every((i) => i.kind === 'ngo'), 'kind');
    assert.deepEqual(orgIds(await orgs({ kind: '', service_kind: '', region: '' })), orgIds(all), 'empty filters filter nothing');
    // q: part of the name, keyed as people's names are: any case, either script, % and _ literal.
    assert.deepEqual(orgIds(await orgs({ q: 'pavlodar' })), [ngo.id], 'q in lower case');
    assert.deepEqual(orgIds(await orgs({ q: 'Алматы' })).sort(), [own.id, migration.id, shelter.id].sort(), 'q: Cyrillic as written');
    assert.deepEqual(orgIds(await orgs({ q: '%' })), [], '% is itself');
    assert.deepEqual(orgIds(await orgs({ q: '_' })), [], '_ is itself');
    assert.deepEqual(orgIds(await orgs({ q: '' })), orgIds(all), 'an empty q is no search');

    // One entry reads as listed; every role reads the directory, analysts too.
    const one = await call('GET', '/api/v1/organisations/{id}', { params: { id: ngo.id }, token: tokens.ngo, expect: 200 });
    assert.deepEqual(one.body, ngo);
    assert.deepEqual(orgIds(await orgs({}, tokens.analyst)), orgIds(all), 'analysts read the directory');
    assert.deepEqual(orgIds(await orgs({}, tokens.ngo)), orgIds(all), 'one directory for every organisation');
    await call('GET', '/api/v1/organisations/{id}', { params: { id: fund.id }, token: tokens.analyst, expect: 200 });
    await call('GET', '/api/v1/organisations/{id}', { params: { id: 987654321 }, token: tokens.worker, expect: 404 });

    for (const [q, field] of [[{ kind: 'club' }, 'kind'], [{ service_kind: 'banking' }, 'service_kind'],
      [{ region: 'KZ-99' }, 'region'], [{ region: 'kz-55' }, 'region'], [{ region: 'KZ-PAV' }, 'region'],
      [{ include_inactive: 2 }, 'include_inactive'], [{ include_inactive: 'yes' }, 'include_inactive'],
      [{ limit: 0 }, 'limit'], [{ limit: 201 }, 'limit'], [{ offset: -1 }, 'offset'], [{ q: 'ә'.repeat(201) }, 'q'],
      [{ kind: 'club', limit: 0, q: 'x'.repeat(300) }, 'kind']]) {
      const r = await call('GET', '/api/v1/organisations', { query: q, token: tokens.worker, expect: 422 });
      assert.equal(r.body.error.field, field, `${JSON.stringify(q).slice(0, 60)} names ${field}`);
    }
    assert.equal((await orgs({ q: 'ә'.repeat(200) })).items.length, 0, '200 characters are a valid q');
  });

  it('POST and PATCH /api/v1/organisations: administrators keep the directory; 403 for anyone else', async () => {
    const input = {
      name: '  «Жол» legal clinic (test)  ', kind: 'ngo', description: 'Free legal advice.\nTuesdays and Thursdays.',
      services: ['social_legal', 'counselling', 'social_legal', ''], regions: ['KZ-75', 'KZ-19'],
      address: 'Алматы, Абай даңғылы 1', phone: '+7 727 000 11 22', email: 'help@zhol.example.kz',
      website: 'https://zhol.example.kz', contact_person: 'Дина Серікқызы',
    };
    const r = await call('POST', '/api/v1/organisations', { token: tokens.admin, body: input, expect: 201, checkRequest: false });
    const e = r.body;
    assert.equal(r.headers.get('location'), `/api/v1/organisations/${e.id}`);
    assert.equal(e.name, '«Жол» legal clinic (test)', 'trimmed');
    assert.deepEqual(e.services, ['counselling', 'social_legal'], 'sorted, without repeats or empty codes');
    assert.deepEqual(e.regions, ['KZ-19', 'KZ-75']);
    assert.equal(e.description, input.description);
    assert.deepEqual([e.komek_organisation, e.active, e.version], [null, true, 1]);
    for (const k of ['address', 'phone', 'email', 'website', 'contact_person']) assert.equal(e[k], input[k], k);
    const g = await call('GET', '/api/v1/organisations/{id}', { params: { id: e.id }, token: tokens.worker, expect: 200 });
    assert.deepEqual(g.body, e, 'GET after POST differs from the POST answer');
    assert.ok(orgIds(await orgs({ region: 'KZ-75', service_kind: 'counselling' })).includes(e.id), 'listed with its services and regions');
    const bare = await call('POST', '/api/v1/organisations', { token: tokens.admin, body: { name: 'Bare (test)', kind: 'other' }, expect: 201 });
    for (const k of ['description', 'address', 'phone', 'email', 'website', 'contact_person', 'komek_organisation'])
      assert.equal(bare.body[k], null, `${k} not given is null`);
    assert.deepEqual([bare.body.services, bare.body.regions], [[], []]);

    // Administrators only.
    for (const who of ['worker', 'supervisor', 'analyst', 'ngo'])
      await call('POST', '/api/v1/organisations', { token: tokens[who], body: { name: 'Not allowed', kind: 'ngo' }, expect: 403 });

    // 422: each field at fault by name, then every one at once.
    const bad = async (body, field) => {
      const x = await call('POST', '/api/v1/organisations', { token: tokens.admin, body, expect: 422, checkRequest: false });
      assert.equal(x.body.error.field, field, `${JSON.stringify(body).slice(0, 80)} names ${x.body.error.field}, not ${field}`);
      return x.body.error.fields.map((f) => f.field);
    };
    assert.deepEqual((await bad({}, 'name')).sort(), ['kind', 'name']);
    await bad({ name: '   ', kind: 'ngo' }, 'name');
    await bad({ name: 'Two\nlines', kind: 'ngo' }, 'name');
    await bad({ name: 'x'.repeat(201), kind: 'ngo' }, 'name');
    await bad({ name: 'X', kind: 'club' }, 'kind');
    await bad({ name: 'X', kind: 'ngo', services: ['banking'] }, 'services');
    await bad({ name: 'X', kind: 'ngo', services: 'social_legal' }, 'services');
    await bad({ name: 'X', kind: 'ngo', services: [1] }, 'services');
    await bad({ name: 'X', kind: 'ngo', services: Array(17).fill('social_legal') }, 'services');
    await bad({ name: 'X', kind: 'ngo', regions: ['kz-75'] }, 'regions');
    await bad({ name: 'X', kind: 'ngo', regions: ['KZ-ALA'] }, 'regions');
    await bad({ name: 'X', kind: 'ngo', phone: '12' }, 'phone');
    await bad({ name: 'X', kind: 'ngo', email: 'help at zhol' }, 'email');
    await bad({ name: 'X', kind: 'ngo', website: 'ftp://zhol.kz' }, 'website');
    await bad({ name: 'X', kind: 'ngo', description: 'ә'.repeat(2001) }, 'description');
    await bad({ name: 'X', kind: 'ngo', address: 'ә'.repeat(301) }, 'address');
    await bad({ name: 'X', kind: 'ngo', contact_person: 'ә'.repeat(301) }, 'contact_person');
    await bad({ name: 'X', kind: 'ngo', active: 'yes' }, 'active');
    await bad({ name: 'X', kind: 'ngo', version: 1 }, 'version');
    await bad({ name: 'X', kind: 'ngo', colour: 'red' }, 'colour');
    // No member links an entry to an organisation of this Komek: the operator does (komek org link).
    for (const own of [true, false]) {
      const x = await call('POST', '/api/v1/organisations', {
        token: tokens.admin, body: { name: 'X', kind: 'ngo', own_organisation: own }, expect: 422, checkRequest: false, lang: 'en',
      });
      assert.deepEqual(x.body.error.fields, [{ field: 'own_organisation', message: 'Unknown field.' }], `own_organisation: ${own}`);
    }
    await bad({ name: 'X', kind: 'ngo', komek_organisation: { id: 1, name: 'X' } }, 'komek_organisation');
    assert.deepEqual((await bad({ name: '', kind: 'club', phone: '12', website: 'zhol' }, 'name')).sort(), ['kind', 'name', 'phone', 'website']);
    await call('POST', '/api/v1/organisations', { token: tokens.admin, raw: '[]', contentType: 'application/json', expect: 400 });
    await call('POST', '/api/v1/organisations', { token: tokens.admin, raw: '{"name": "a", "name": "b"}', contentType: 'application/json', expect: 400 });

    // PATCH: the members sent change, the others are kept; null clears.
    const patch = (id, token, b, expect, checkRequest = true) =>
      call('PATCH', '/api/v1/organisations/{id}', { params: { id }, token, body: b, expect, checkRequest });
    const p1 = (await patch(e.id, tokens.admin, { version: 1, phone: '+7 727 000 11 33', regions: ['KZ-75'], email: null }, 200)).body;
    assert.equal(p1.version, 2);
    assert.deepEqual([p1.phone, p1.regions, p1.email], ['+7 727 000 11 33', ['KZ-75'], null]);
    assert.deepEqual({ ...p1, phone: 0, regions: 0, email: 0, version: 0, updated_at: 0 }, { ...e, phone: 0, regions: 0, email: 0, version: 0, updated_at: 0 }, 'members not sent are kept');
    assert.ok(p1.updated_at >= e.updated_at);
    const stale = await patch(e.id, tokens.admin, { version: 1, phone: '+7 727 999 99 99' }, 409);
    assert.deepEqual([stale.body.error.code, stale.body.error.field], ['conflict', 'version'], 'a 409 names version');
    // The body is checked before the version: a stale change at fault is a 422.
    assert.equal((await patch(e.id, tokens.admin, { version: 1, phone: '12' }, 422, false)).body.error.field, 'phone');
    assert.equal((await call('GET', '/api/v1/organisations/{id}', { params: { id: e.id }, token: tokens.admin, expect: 200 })).body.phone, p1.phone, 'a 409 and a 422 save nothing');
    assert.equal((await patch(e.id, tokens.admin, { phone: null }, 422, false)).body.error.field, 'version');
    assert.equal((await patch(e.id, tokens.admin, { version: 2, name: null }, 422, false)).body.error.field, 'name');
    assert.equal((await patch(e.id, tokens.admin, { version: 2, kind: '' }, 422, false)).body.error.field, 'kind');
    // The entry as GET gave it is not a change: its read-only members are unknown fields.
    const back = await patch(e.id, tokens.admin, { ...p1 }, 422, false);
    const fields = back.body.error.fields.map((f) => f.field);
    for (const f of ['id', 'komek_organisation', 'created_at', 'updated_at'])
      assert.ok(fields.includes(f), `${f} sent back is a field error: ${fields.join(', ')}`);
    await patch(987654321, tokens.admin, { version: 1 }, 404);
    await call('PATCH', '/api/v1/organisations/{id}', { params: { id: e.id }, token: tokens.admin, raw: 'version=2', contentType: 'application/json', expect: 400 });
    // Administrators only; an entry that is another organisation of this Komek is its own administrators'.
    for (const who of ['worker', 'supervisor', 'analyst', 'ngo'])
      await patch(e.id, tokens[who], { version: 2, phone: null }, 403);
    await patch(ctx.ngoEntry.id, tokens.admin, { version: ctx.ngoEntry.version, phone: null }, 403);
    const mine = await patch(ctx.ownEntry.id, tokens.admin, { version: ctx.ownEntry.version, contact_person: 'Әкімші Демо' }, 200);
    assert.deepEqual(mine.body.komek_organisation, ctx.ownEntry.komek_organisation, 'a change keeps the link');
    // Nor can an administrator unlink their organisation's entry, or link one to theirs.
    for (const [id, version] of [[ctx.ownEntry.id, mine.body.version], [ctx.fundEntry.id, ctx.fundEntry.version]]) {
      const x = await patch(id, tokens.admin, { version, own_organisation: id === ctx.fundEntry.id }, 422, false);
      assert.deepEqual(x.body.error.fields.map((f) => f.field), ['own_organisation']);
    }
    assert.deepEqual((await call('GET', '/api/v1/organisations/{id}', { params: { id: ctx.fundEntry.id }, token: tokens.admin, expect: 200 })).body,
      ctx.fundEntry, 'the foundation is no organisation of this Komek still');
    ctx.ownEntry = mine.body;

    // Out of use: seen by administrators only, and no referral goes to it.
    const off = (await patch(e.id, tokens.admin, { version: 2, active: false }, 200)).body;
    assert.equal(off.active, false);
    await call('GET', '/api/v1/organisations/{id}', { params: { id: e.id }, token: tokens.worker, expect: 404 });
    await patch(e.id, tokens.worker, { version: off.version }, 404);
    assert.equal((await call('GET', '/api/v1/organisations/{id}', { params: { id: e.id }, token: tokens.admin, expect: 200 })).body.active, false);
    assert.ok(!orgIds(await orgs({ limit: 200 }, tokens.admin)).includes(e.id), 'left out of the list');
    assert.ok(orgIds(await orgs({ limit: 200, include_inactive: 1 }, tokens.admin)).includes(e.id), 'include_inactive=1: an administrator gets it');
    assert.ok(!orgIds(await orgs({ limit: 200, include_inactive: 1 }, tokens.worker)).includes(e.id), 'include_inactive=1 is ignored for anyone else');
    ctx.inactiveEntry = off;
  });

  /* `komek --db DB org link ARGS…` against the test's database, beside the running server. */
  const orgLink = (...args) => {
    const r = spawnSync(process.env.KOMEK_BIN, ['--db', server.db, 'org', 'link', ...args.map(String)], { encoding: 'utf8', timeout: 30000 });
    return { status: r.status, out: `${r.stdout}${r.stderr}` };
  };
  const orgEntry = async (id) => (await call('GET', '/api/v1/organisations/{id}', { params: { id }, token: tokens.admin, expect: 200 })).body;

  it('komek org link: only the operator links an entry of the directory to an organisation of this Komek, one entry each', async () => {
    const own = ctx.ownEntry;
    const org = own.komek_organisation; // the first organisation, the administrator's and the worker's
    assert.ok(org, 'the demo links the first organisation to its entry');
    const x = (await call('POST', '/api/v1/organisations', { token: tokens.admin, body: { name: 'Linked by the operator (test)', kind: 'ngo' }, expect: 201 })).body;
    assert.equal(x.komek_organisation, null, 'a new entry is no organisation of this Komek');

    // Linking moves the organisation to the entry: the entry it was drops the link.
    let r = orgLink(org.name, x.id);
    assert.equal(r.status, 0, r.out);
    const linked = await orgEntry(x.id);
    assert.deepEqual(linked.komek_organisation, org);
    assert.equal(linked.version, x.version + 1, 'the link is a change of the entry');
    const was = await orgEntry(own.id);
    assert.equal(was.komek_organisation, null, 'an organisation is one entry at most');
    assert.equal(was.version, own.version + 1);
    // The link decides who receives a referral: to the worker's own organisation, now that entry, none.
    const k1 = await demoCase();
    const toOwn = await call('POST', '/api/v1/referrals', {
      token: tokens.worker, expect: 422, body: { case_id: k1.id, organisation_id: x.id, service_kind: 'social_legal' },
    });
    assert.equal(toOwn.body.error.field, 'organisation_id');
    // Refused, changing nothing: another organisation's entry, an entry or an organisation that does not exist, a bad call.
    const ngoBefore = await orgEntry(ctx.ngoEntry.id);
    r = orgLink(org.name, ctx.ngoEntry.id);
    assert.equal(r.status, 1, r.out);
    assert.match(r.out, /another organisation's/);
    assert.equal(orgLink(org.name, 987654321).status, 1);
    assert.equal(orgLink('No such organisation (test)', x.id).status, 1);
    for (const args of [[org.name], [org.name, 'first'], [org.name, 0]])
      assert.equal(orgLink(...args).status, 2, `usage: ${args.join(' ')}`);
    assert.deepEqual(await orgEntry(ctx.ngoEntry.id), ngoBefore, 'the NGO keeps its entry');
    assert.deepEqual(await orgEntry(x.id), linked);
    // --none unlinks: the organisation is then no entry.
    r = orgLink(org.name, '--none');
    assert.equal(r.status, 0, r.out);
    assert.equal((await orgEntry(x.id)).komek_organisation, null);
    // Back as the demo had it, for the tests below.
    r = orgLink(org.name, own.id);
    assert.equal(r.status, 0, r.out);
    const back = await orgEntry(own.id);
    assert.deepEqual(back.komek_organisation, org);
    assert.deepEqual({ ...back, version: 0 }, { ...own, version: 0 }, 'only the version moved');
    ctx.ownEntry = back;
  });

  it('POST /api/v1/referrals: sent from a case under the person\'s consent, sharing a copy; 422 naming each field, 403 off the team', async () => {
    const k1 = await demoCase();
    const ngo = ctx.ngoEntry;
    // The person's phone, shared with share_contact only.
    const person = (await call('GET', '/api/v1/persons/{id}', { params: { id: k1.person_id }, token: tokens.worker, expect: 200 })).body;
    const phoned = (await call('PATCH', '/api/v1/persons/{id}', {
      params: { id: person.id }, token: tokens.worker, expect: 200, body: { version: person.version, phone: '+7 701 555 01 02' },
    })).body;
    const send = (body, token = tokens.worker, expect = 201, checkRequest = true) =>
      call('POST', '/api/v1/referrals', { token, body, expect, checkRequest });

    const r = await viewsOf('person.disclose', person.id, 'sending a referral', () => send({
      case_id: k1.id, organisation_id: ngo.id, service_kind: 'social_psychological',
      message: '  Counselling for the father, please.\nHe speaks Kazakh.  ', share_contact: true,
    }), 1);
    const f = r.body;
    assert.equal(r.headers.get('location'), `/api/v1/referrals/${f.id}`);
    assert.equal(f.direction, 'sent');
    assert.deepEqual([f.case_id, f.person_id], [k1.id, person.id]);
    assert.ok(f.consent_id >= 1, 'the consent it was sent under');
    assert.deepEqual(f.person, {
      family_name: person.family_name, given_name: person.given_name, patronymic: person.patronymic,
      birth_date: person.birth_date, sex: person.sex, phone: '+7 701 555 01 02', restricted: false,
    }, 'what it shares: a copy of the person, their phone with share_contact');
    assert.deepEqual(f.organisation, { id: ngo.id, name: ngo.name, in_komek: true });
    assert.deepEqual(f.from, { id: ctx.ownEntry.komek_organisation.id, name: ctx.ownEntry.komek_organisation.name });
    assert.equal(f.message, 'Counselling for the father, please.\nHe speaks Kazakh.', 'trimmed, line breaks kept');
    assert.deepEqual([f.service_kind, f.share_contact, f.status, f.version], ['social_psychological', true, 'sent', 1]);
    assert.match(f.sent_on, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(f.expires_on, addDays(f.sent_on, 30), 'expires 30 days on by default');
    assert.equal(f.sent_by, k1.worker.full_name || 'worker');
    for (const m of ['answered_on', 'decline_reason', 'handler', 'completed_on', 'outcome']) assert.equal(f[m], null, `${m} of a new referral`);
    const g = await call('GET', '/api/v1/referrals/{id}', { params: { id: f.id }, token: tokens.worker, expect: 200 });
    assert.deepEqual(g.body, f, 'GET after POST differs from the POST answer');
    ctx.referral = f;
    ctx.today = f.sent_on;

    // A copy: a later change of the person does not reach it.
    await call('PATCH', '/api/v1/persons/{id}', { params: { id: person.id }, token: tokens.worker, expect: 200, body: { version: phoned.version, phone: '+7 701 555 09 09' } });
    assert.equal((await call('GET', '/api/v1/referrals/{id}', { params: { id: f.id }, token: tokens.worker, expect: 200 })).body.person.phone, '+7 701 555 01 02');

    // Without share_contact no phone; expires_on at its limit, a year on.
    const f2 = (await send({ case_id: k1.id, organisation_id: ngo.id, service_kind: 'social_legal', expires_on: addDays(f.sent_on, 365), message: null })).body;
    assert.deepEqual([f2.person.phone, f2.share_contact, f2.message, f2.expires_on], [null, false, null, addDays(f.sent_on, 365)]);
    ctx.referral2 = f2;

    // 422: each field at fault by name; nothing is sent.
    const cases = (await call('GET', '/api/v1/cases', { query: { limit: 200 }, token: tokens.worker, expect: 200 })).body.items;
    const noConsent = cases.find((c) => c.person.family_name === 'Ахмади');
    assert.ok(noConsent && noConsent.status !== 'closed', 'the demo gives the worker an open case of Ахмади, who gave no consent for a referral');
    const sentBefore = (await call('GET', '/api/v1/cases/{id}/referrals', { params: { id: k1.id }, token: tokens.worker, expect: 200 })).body.items;
    const ok = { case_id: k1.id, organisation_id: ngo.id, service_kind: 'social_legal' };
    const bad = async (body, field) => {
      const x = await send(body, tokens.worker, 422, false);
      assert.equal(x.body.error.field, field, `${JSON.stringify(body).slice(0, 90)} names ${x.body.error.field}, not ${field}`);
      return x.body.error.fields.map((y) => y.field);
    };
    assert.deepEqual((await bad({}, 'case_id')).sort(), ['case_id', 'organisation_id', 'service_kind']);
    await bad({ ...ok, service_kind: 'banking' }, 'service_kind');
    await bad({ ...ok, service_kind: null }, 'service_kind');
    await bad({ ...ok, expires_on: f.sent_on }, 'expires_on'); // not after today
    await bad({ ...ok, expires_on: addDays(f.sent_on, 366) }, 'expires_on');
    await bad({ ...ok, expires_on: addDays(f.sent_on, -1) }, 'expires_on');
    await bad({ ...ok, expires_on: '01.01.2027' }, 'expires_on');
    await bad({ ...ok, message: 'ә'.repeat(4001) }, 'message');
    await bad({ ...ok, message: 5 }, 'message');
    await bad({ ...ok, share_contact: 'yes' }, 'share_contact');
    await bad({ ...ok, colour: 'red' }, 'colour');
    await bad({ ...ok, case_id: 'one' }, 'case_id');
    await bad({ ...ok, case_id: 987654321 }, 'case_id');
    await bad({ ...ok, case_id: ctx.foreignCase.id }, 'case_id'); // another organisation's case
    await bad({ ...ok, case_id: ctx.trafficking.id, organisation_id: 0 }, 'organisation_id');
    await bad({ ...ok, organisation_id: 987654321 }, 'organisation_id');
    await bad({ ...ok, organisation_id: ctx.inactiveEntry.id }, 'organisation_id'); // out of use
    await bad({ ...ok, organisation_id: ctx.ownEntry.id }, 'organisation_id'); // the worker's own organisation
    // No consent to share for a referral: the field is "consent".
    const nc = await send({ ...ok, case_id: noConsent.id }, tokens.worker, 422);
    assert.equal(nc.body.error.field, 'consent');
    assert.deepEqual(nc.body.error.fields.map((y) => y.field), ['consent']);
    assert.deepEqual((await call('GET', '/api/v1/cases/{id}/referrals', { params: { id: noConsent.id }, token: tokens.worker, expect: 200 })).body.items, []);
    assert.deepEqual((await call('GET', '/api/v1/cases/{id}/referrals', { params: { id: k1.id }, token: tokens.worker, expect: 200 })).body.items,
      sentBefore, 'a 422 sends nothing');

    // 403: off the team (the lawyer sees case 1), a closed case (even for a supervisor), an analyst.
    await send(ok, tokens.lawyer, 403);
    await send({ ...ok, case_id: ctx.case2.id }, tokens.supervisor, 403);
    await send(ok, tokens.analyst, 403);
    // A co-worker sends too.
    await send({ ...ok, service_kind: 'social_household' }, tokens.psychologist, 201);
    await call('POST', '/api/v1/referrals', { token: tokens.worker, raw: '[]', contentType: 'application/json', expect: 400 });
    await call('POST', '/api/v1/referrals', { token: tokens.worker, raw: '{"case_id": 1, "case_id": 2}', contentType: 'application/json', expect: 400 });
  });

  it('the receiving organisation sees what a referral shares, never the case or the person', async () => {
    const f = ctx.referral;
    const inbox = await call('GET', '/api/v1/referrals', { token: tokens.ngo, expect: 200 });
    const item = inbox.body.items.find((i) => i.id === f.id);
    assert.ok(item, 'the referral is among the received referrals of the NGO');
    assert.ok(inbox.body.items.every((i) => i.direction === 'received'), 'direction received by default');
    assert.deepEqual([item.case_id, item.person_id, item.consent_id], [null, null, null], 'no case, no person, no consent on the receiving side');
    assert.deepEqual({ ...item, direction: 0, case_id: 0, person_id: 0, consent_id: 0 }, { ...f, direction: 0, case_id: 0, person_id: 0, consent_id: 0 },
      'otherwise the receiving side reads what the sender wrote');
    const g = await viewsOf('referral.view', f.person_id, 'a GET of a referral on the receiving side',
      () => call('GET', '/api/v1/referrals/{id}', { params: { id: f.id }, token: tokens.ngo, expect: 200 }), 1);
    assert.deepEqual(g.body, item, 'GET reads it as listed');
    // The person and the case stay out of its reach.
    await call('GET', '/api/v1/persons/{id}', { params: { id: f.person_id }, token: tokens.ngo, expect: 404 });
    await call('GET', '/api/v1/cases/{id}', { params: { id: f.case_id }, token: tokens.ngo, expect: 404 });
    await call('GET', '/api/v1/cases/{id}/referrals', { params: { id: f.case_id }, token: tokens.ngo, expect: 404 });
    assert.ok(!(await call('GET', '/api/v1/referrals', { query: { direction: 'sent', limit: 200 }, token: tokens.ngo, expect: 200 }))
      .body.items.some((i) => i.id === f.id), 'not among what the NGO sent');

    // A restricted person's referral: not on the receiving side but for its supervisors and the
    // worker who took it (the NGO has no supervisor); on the sending side not for the lawyer.
    const sent = (await call('GET', '/api/v1/referrals', { query: { direction: 'sent', limit: 200 }, token: tokens.worker, expect: 200 })).body.items;
    assert.ok(sent.every((i) => i.direction === 'sent' && i.case_id !== null));
    assert.ok(sent.some((i) => i.id === f.id));
    const kn = sent.find((i) => i.person.restricted);
    assert.ok(kn, 'the demo sent a restricted person\'s referral to the NGO');
    assert.equal(kn.person_id, ctx.trafficking.person_id);
    assert.ok(!inbox.body.items.some((i) => i.id === kn.id), 'left out of the NGO worker\'s received referrals');
    await call('GET', '/api/v1/referrals/{id}', { params: { id: kn.id }, token: tokens.ngo, expect: 404 });
    await call('PATCH', '/api/v1/referrals/{id}', { params: { id: kn.id }, token: tokens.ngo, body: { status: 'accepted', version: kn.version }, expect: 404 });
    const lw = (await call('GET', '/api/v1/referrals', { query: { direction: 'sent', limit: 200 }, token: tokens.lawyer, expect: 200 })).body.items;
    assert.ok(lw.some((i) => i.id === f.id) && !lw.some((i) => i.id === kn.id), 'the lawyer sees the referral of case 1, not the restricted one');
    await call('GET', '/api/v1/referrals/{id}', { params: { id: kn.id }, token: tokens.lawyer, expect: 404 });
    await call('GET', '/api/v1/referrals/{id}', { params: { id: kn.id }, token: tokens.supervisor, expect: 200 });
    ctx.restrictedReferral = kn;
    // Neither side: the second organisation's referral to a shelter outside Komek.
    const theirs = (await call('GET', '/api/v1/referrals', { query: { direction: 'sent' }, token: tokens.ngo, expect: 200 })).body.items;
    assert.ok(theirs.length > 0 && theirs.every((i) => i.from.id === ctx.ngoEntry.komek_organisation.id));
    await call('GET', '/api/v1/referrals/{id}', { params: { id: theirs[0].id }, token: tokens.worker, expect: 404 });
    await call('GET', '/api/v1/referrals/{id}', { params: { id: 987654321 }, token: tokens.worker, expect: 404 });
  });

  it('PATCH /api/v1/referrals/{id}: the receiving organisation accepts, then completes; 409 on a stale version; the sender may not answer', async () => {
    const f = ctx.referral;
    const patch = (token, body, expect, checkRequest = true, id = f.id) =>
      call('PATCH', '/api/v1/referrals/{id}', { params: { id }, token, body, expect, checkRequest });
    const read = async (token = tokens.worker, id = f.id) =>
      (await call('GET', '/api/v1/referrals/{id}', { params: { id }, token, expect: 200 })).body;

    // The sending side may not answer a referral to an organisation in this Komek.
    for (const who of ['worker', 'supervisor', 'psychologist'])
      await patch(tokens[who], { status: 'accepted', version: 1 }, 403);
    await patch(tokens.ngo, { status: 'accepted', version: 2 }, 409);

    // 422: each field at fault by name; nothing is saved.
    const tomorrow = addDays(f.sent_on, 1);
    for (const [body, field] of [
      [{ version: 1 }, 'status'], [{ status: 'accepted' }, 'version'], [{ status: 'maybe', version: 1 }, 'status'],
      [{ status: null, version: 1 }, 'status'], [{ status: 'accepted', version: '1' }, 'version'],
      [{ status: 'accepted', version: 1, reason: 'Why not' }, 'reason'], [{ status: 'accepted', version: 1, outcome: 'x' }, 'outcome'],
      [{ status: 'declined', version: 1, outcome: 'x', reason: 'x' }, 'outcome'],
      [{ status: 'completed', version: 1, outcome: 'Too soon' }, 'status'], [{ status: 'declined', version: 1 }, 'reason'],
      [{ status: 'declined', version: 1, reason: '   ' }, 'reason'], [{ status: 'declined', version: 1, reason: 'ә'.repeat(1001) }, 'reason'],
      [{ status: 'accepted', version: 1, on: tomorrow }, 'on'], [{ status: 'accepted', version: 1, on: addDays(f.sent_on, -1) }, 'on'],
      [{ status: 'accepted', version: 1, on: '26.11.2026' }, 'on'], [{ status: 'accepted', version: 1, colour: 'red' }, 'colour']]) {
      const x = await patch(tokens.ngo, body, 422, false);
      assert.equal(x.body.error.field, field, JSON.stringify(body).slice(0, 80));
    }
    assert.deepEqual(await read(), f, 'a 422 saves nothing');

    // Accepted by the NGO's worker, who becomes its handler.
    const acc = (await patch(tokens.ngo, { status: 'accepted', version: 1 }, 200)).body;
    assert.deepEqual([acc.status, acc.answered_on, acc.version, acc.direction, acc.case_id], ['accepted', f.sent_on, 2, 'received', null]);
    assert.ok(typeof acc.handler === 'string' && acc.handler.length > 0, 'the handler is named');
    assert.deepEqual([acc.completed_on, acc.outcome, acc.decline_reason], [null, null, null]);
    const seen = await read();
    assert.deepEqual([seen.status, seen.handler, seen.answered_on, seen.version, seen.direction], ['accepted', acc.handler, acc.answered_on, 2, 'sent'],
      'the sender reads the answer');
    await patch(tokens.ngo, { status: 'accepted', version: 2 }, 422);
    assert.equal((await patch(tokens.ngo, { status: 'declined', version: 2, reason: 'Changed our mind' }, 422)).body.error.field, 'status', 'answered already');
    const list = async (query, token = tokens.ngo) =>
      (await call('GET', '/api/v1/referrals', { query: { limit: 200, ...query }, token, expect: 200 })).body.items.map((i) => i.id);
    assert.ok((await list({ mine: 1 })).includes(f.id), 'mine=1: taken by the user');
    assert.ok((await list({ status: 'accepted' })).includes(f.id));
    assert.ok(!(await list({ status: 'sent' })).includes(f.id));
    assert.ok((await list({ status: 'sent' })).includes(ctx.referral2.id));
    assert.ok(!(await list({ mine: 1 })).includes(ctx.referral2.id), 'mine=1 leaves out those nobody took');

    // Completing: the handler; the sender still may not; 409 on the version before.
    await patch(tokens.worker, { status: 'completed', version: 2, outcome: 'x' }, 403);
    await patch(tokens.ngo, { status: 'completed', version: 1, outcome: 'x' }, 409);
    assert.equal((await patch(tokens.ngo, { status: 'completed', version: 2 }, 422, false)).body.error.field, 'outcome');
    assert.equal((await patch(tokens.ngo, { status: 'completed', version: 2, outcome: 'x', on: addDays(f.sent_on, -1) }, 422)).body.error.field, 'on',
      'not before it was accepted');
    const done = (await patch(tokens.ngo, { status: 'completed', version: 2, outcome: '  Three sessions; he sleeps better.  ' }, 200)).body;
    assert.deepEqual([done.status, done.completed_on, done.outcome, done.version, done.handler], ['completed', f.sent_on, 'Three sessions; he sleeps better.', 3, acc.handler]);
    assert.equal((await patch(tokens.ngo, { status: 'completed', version: 3, outcome: 'Again' }, 422)).body.error.field, 'status');
    assert.ok((await list({ status: 'completed' })).includes(f.id));
    const mineSent = await read();
    assert.deepEqual({ ...mineSent, direction: 0, case_id: 0, person_id: 0, consent_id: 0 }, { ...done, direction: 0, case_id: 0, person_id: 0, consent_id: 0 },
      'the sender reads the outcome');
    const ofCase = (await call('GET', '/api/v1/cases/{id}/referrals', { params: { id: f.case_id }, token: tokens.worker, expect: 200 })).body.items;
    assert.deepEqual(ofCase.find((i) => i.id === f.id), mineSent, 'the case lists it as GET reads it');

    // Declined, with a reason, by the NGO.
    const f2 = ctx.referral2;
    const dec = (await patch(tokens.ngo, { status: 'declined', version: 1, reason: '  No lawyer free this month.  ', on: f2.sent_on }, 200, true, f2.id)).body;
    assert.deepEqual([dec.status, dec.decline_reason, dec.answered_on, dec.handler], ['declined', 'No lawyer free this month.', f2.sent_on, null]);
    assert.equal((await read(tokens.worker, f2.id)).decline_reason, 'No lawyer free this month.');
    assert.equal((await patch(tokens.ngo, { status: 'completed', version: 2, outcome: 'x' }, 422, true, f2.id)).body.error.field, 'status');

    await patch(tokens.ngo, { status: 'accepted', version: 1 }, 404, true, 987654321);
    await call('PATCH', '/api/v1/referrals/{id}', { params: { id: f.id }, token: tokens.ngo, raw: '{"status": "a", "status": "b"}', contentType: 'application/json', expect: 400 });
  });

  it('a referral to an organisation outside Komek: the sending team records its answer', async () => {
    const k1 = await demoCase();
    const send = await call('POST', '/api/v1/referrals', {
      token: tokens.worker, expect: 201,
      body: { case_id: k1.id, organisation_id: ctx.migrationEntry.id, service_kind: 'social_legal', message: 'Kandas certificate renewal.' },
    });
    const f = send.body;
    assert.deepEqual(f.organisation, { id: ctx.migrationEntry.id, name: ctx.migrationEntry.name, in_komek: false });
    const patch = (token, body, expect) => call('PATCH', '/api/v1/referrals/{id}', { params: { id: f.id }, token, body, expect });
    await patch(tokens.lawyer, { status: 'accepted', version: 1 }, 403); // sees the case, not on its team
    await patch(tokens.ngo, { status: 'accepted', version: 1 }, 404);
    const acc = (await patch(tokens.worker, { status: 'accepted', version: 1 }, 200)).body;
    assert.deepEqual([acc.status, acc.handler, acc.direction], ['accepted', null, 'sent'], 'no handler outside Komek');
    const done = (await patch(tokens.psychologist, { status: 'completed', version: 2, outcome: 'Renewed for a year.' }, 200)).body;
    assert.deepEqual([done.status, done.outcome], ['completed', 'Renewed for a year.']);
    // A supervisor records the answer too, off the team.
    const f3 = (await call('POST', '/api/v1/referrals', {
      token: tokens.worker, expect: 201, body: { case_id: k1.id, organisation_id: ctx.shelterEntry.id, service_kind: 'social_household' },
    })).body;
    const dec = await call('PATCH', '/api/v1/referrals/{id}', { params: { id: f3.id }, token: tokens.supervisor, body: { status: 'declined', version: 1, reason: 'Full.' }, expect: 200 });
    assert.equal(dec.body.status, 'declined');
  });

  it('GET /api/v1/referrals: each side, filters; 422 naming the parameter; 403 for analysts', async () => {
    const all = await call('GET', '/api/v1/referrals', { query: { direction: 'sent' }, token: tokens.worker, expect: 200 });
    assert.deepEqual([all.body.limit, all.body.offset], [50, 0]);
    const ids = all.body.items.map((i) => i.id);
    assert.deepEqual(ids, [...ids].sort((a, b) => b - a), 'newest first');
    const page = await call('GET', '/api/v1/referrals', { query: { direction: 'sent', limit: 2, offset: 1 }, token: tokens.worker, expect: 200 });
    assert.deepEqual(page.body.items.map((i) => i.id), ids.slice(1, 3), 'limit/offset page through the same order');
    const received = await call('GET', '/api/v1/referrals', { query: { direction: 'received' }, token: tokens.worker, expect: 200 });
    assert.ok(received.body.items.every((i) => i.direction === 'received'));
    for (const status of ['sent', 'accepted', 'declined', 'completed', 'expired']) {
      const x = await call('GET', '/api/v1/referrals', { query: { direction: 'sent', status, limit: 200 }, token: tokens.worker, expect: 200 });
      assert.ok(x.body.items.every((i) => i.status === status), `status=${status}`);
    }
    assert.deepEqual((await call('GET', '/api/v1/referrals', { query: { direction: 'sent', status: '' }, token: tokens.worker, expect: 200 })).body.items.map((i) => i.id),
      ids, 'an empty status is no filter');
    for (const [q, field] of [[{ direction: 'inbox' }, 'direction'], [{ direction: '' }, 'direction'], [{ status: 'lost' }, 'status'],
      [{ mine: 2 }, 'mine'], [{ limit: 0 }, 'limit'], [{ limit: 201 }, 'limit'], [{ offset: -1 }, 'offset'],
      [{ direction: 'x', status: 'y' }, 'direction'], [{ status: 'y', mine: 'z' }, 'status']]) {
      const r = await call('GET', '/api/v1/referrals', { query: q, token: tokens.worker, expect: 422 });
      assert.equal(r.body.error.field, field, `${JSON.stringify(q)} names ${field}`);
    }
    await call('GET', '/api/v1/referrals', { token: tokens.analyst, expect: 403 });
  });

  it('GET /api/v1/cases/{id}/referrals: the referrals sent from a case, newest first; audited; anyone who sees the case reads them', async () => {
    const k1 = await demoCase();
    const items = await viewsOf('case.view', k1.person_id, 'a GET of a case\'s referrals',
      async () => (await call('GET', '/api/v1/cases/{id}/referrals', { params: { id: k1.id }, token: tokens.worker, expect: 200 })).body.items, 1);
    assert.ok(items.length >= 4 && items.every((i) => i.case_id === k1.id && i.direction === 'sent'));
    assert.deepEqual(items.map((i) => i.id), [...items.map((i) => i.id)].sort((a, b) => b - a), 'newest first');
    const lw = (await call('GET', '/api/v1/cases/{id}/referrals', { params: { id: k1.id }, token: tokens.lawyer, expect: 200 })).body.items;
    assert.deepEqual(lw, items, 'the lawyer sees the case, so its referrals');
    // A closed case's are read; none is an empty list.
    assert.deepEqual((await call('GET', '/api/v1/cases/{id}/referrals', { params: { id: ctx.case2.id }, token: tokens.supervisor, expect: 200 })).body.items, []);
    const kn = ctx.restrictedReferral;
    await call('GET', '/api/v1/cases/{id}/referrals', { params: { id: kn.case_id }, token: tokens.lawyer, expect: 404 });
    await call('GET', '/api/v1/cases/{id}/referrals', { params: { id: kn.case_id }, token: tokens.worker, expect: 200 });
    await call('GET', '/api/v1/cases/{id}/referrals', { params: { id: 987654321 }, token: tokens.worker, expect: 404 });
    await call('GET', '/api/v1/cases/{id}/referrals', { params: { id: ctx.foreignCase.id }, token: tokens.worker, expect: 404 });
  });

  it('GET /api/v1/organisations?q= finds a name in any letter case and either script, as people\'s names are found', async () => {
    const almaty = [ctx.ownEntry.id, ctx.migrationEntry.id, ctx.shelterEntry.id].sort();
    for (const q of ['алматы', 'АЛМАТЫ', 'Алматы', 'almaty', 'ALMATY', 'Almaty', 'aLmAtY'])
      assert.deepEqual(orgIds(await orgs({ q })).sort(), almaty, `q=${q}`);
    // Kazakh letters: the passport and the 2021 Latin spellings, marks and case ignored.
    for (const q of ['қызметі', 'ҚЫЗМЕТІ', 'kyzmeti', 'qyzmeti', 'Köşi-qon', 'көші қон'])
      assert.deepEqual(orgIds(await orgs({ q })), [ctx.migrationEntry.id], `q=${q}`);
    for (const q of ['Көмек қолы', 'komek koly', 'KÖMEK QOLY', 'ngo «көмек'])
      assert.deepEqual(orgIds(await orgs({ q })), [ctx.ngoEntry.id], `q=${q}`);
    assert.deepEqual(orgIds(await orgs({ q: 'almaty', kind: 'state_body' })), orgIds(await orgs({ q: 'алматы', kind: 'state_body' })), 'with other filters');
    // A q with no letter in it is no search; one no name holds finds none.
    const all = orgIds(await orgs({}));
    assert.deepEqual(orgIds(await orgs({ q: ' - ' })), all, 'only a dash: no search');
    assert.deepEqual(orgIds(await orgs({ q: 'zzqx' })), []);
  });

  it('a 409 of PATCH /api/v1/organisations/{id} and /api/v1/referrals/{id} names "version", as persons and cases do', async () => {
    const o = await call('PATCH', '/api/v1/organisations/{id}', { params: { id: ctx.ownEntry.id }, token: tokens.admin, body: { version: ctx.ownEntry.version + 5 }, expect: 409 });
    const f = await call('PATCH', '/api/v1/referrals/{id}', { params: { id: ctx.referral.id }, token: tokens.ngo, body: { status: 'completed', outcome: 'x', version: 1 }, expect: 409 });
    assert.deepEqual([o.body.error.field, f.body.error.field], ['version', 'version']);
    assert.deepEqual(await orgEntry(ctx.ownEntry.id), ctx.ownEntry, 'a 409 saves nothing');
  });

  it('completing a referral with a reason is a field error on reason, as accepting one is; nothing is dropped', async () => {
    const k1 = await demoCase();
    const f = (await call('POST', '/api/v1/referrals', {
      token: tokens.worker, expect: 201, body: { case_id: k1.id, organisation_id: ctx.ngoEntry.id, service_kind: 'social_household' },
    })).body;
    const patch = (body, expect, checkRequest = true) =>
      call('PATCH', '/api/v1/referrals/{id}', { params: { id: f.id }, token: tokens.ngo, body, expect, checkRequest });
    const acc = (await patch({ status: 'accepted', version: 1, reason: null }, 200)).body;
    assert.deepEqual([acc.status, acc.decline_reason], ['accepted', null], 'a null reason is none');
    for (const body of [{ status: 'completed', version: 2, outcome: 'Housed.', reason: 'Stray text' },
      { status: 'completed', version: 2, reason: 'Stray text' }, { version: 2, reason: 'Stray text' }]) {
      const r = await patch(body, 422, false);
      assert.deepEqual(r.body.error.fields.map((x) => x.field).filter((x) => x === 'reason'), ['reason'], JSON.stringify(body));
    }
    // The reason is checked with the members, before the version.
    assert.equal((await patch({ status: 'completed', version: 1, outcome: 'Housed.', reason: 'Stray text' }, 422, false)).body.error.field, 'reason');
    assert.deepEqual((await call('GET', '/api/v1/referrals/{id}', { params: { id: f.id }, token: tokens.ngo, expect: 200 })).body, acc, 'a 422 saves nothing');
    const done = (await patch({ status: 'completed', version: 2, outcome: 'Housed.', reason: '' }, 200)).body;
    assert.deepEqual([done.status, done.outcome, done.decline_reason], ['completed', 'Housed.', null], 'an empty reason is none');
  });

  // ---- centres (centres.c; demo.c: demo_centres). The demo's: a temporary accommodation
  // centre of the first organisation with rooms 1 (four beds) and 2 (two beds), Karimova
  // (restricted, held by 'worker') on bed 1 of room 1 and Жақсылықов on bed 2, Батболд
  // Сарангэрэл on its waiting list; and an adaptation centre of the NGO. The tests below leave
  // the demo's centres as they are and work in a centre they add (ctx.centre).

  const centreOf = async (id, token = tokens.worker, expect = 200) =>
    (await call('GET', '/api/v1/centres/{id}', { params: { id }, token, expect })).body;
  const centreList = async (token = tokens.worker) =>
    (await call('GET', '/api/v1/centres', { token, expect: 200 })).body.items;
  /* The members a CentreDetail shares with the Centre of the list. */
  const centreCore = ({ beds, waiting_list, ...rest }) => rest;
  const bedOf = (centre, person) => centre.beds.find((b) => b.placement?.person.id === person.id);
  /* A day `days` from the day given, as YYYY-MM-DD. */
  const dayFrom = (day, days) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86400000).toISOString().slice(0, 10);
  /* A new person, registered by the worker as new all the same (confirm_new). */
  const lodger = async (family_name, given_name, birth_date) => (await call('POST', '/api/v1/persons', {
    token: tokens.worker, expect: 201, body: { family_name, given_name, sex: 'female', birth_date, confirm_new: true },
  })).body;
  const ngoPerson = async () => {
    const r = await call('GET', '/api/v1/persons', { query: { q: 'Иванова' }, token: tokens.ngo, expect: 200 });
    assert.ok(r.body.items.length > 0, 'the NGO\'s demo person Иванова');
    return r.body.items[0];
  };

  it('GET /api/v1/centres and /api/v1/centres/{id}: the demo centre as each role sees it; audited; 404 for another organisation\'s, 403 for analysts', async () => {
    const list = await centreList();
    const demo = list.find((c) => c.kind === 'temporary_accommodation' && c.name.endsWith('(demo)'));
    assert.ok(demo, `the demo's temporary accommodation centre is listed: ${JSON.stringify(list)}`);
    assert.deepEqual([demo.beds_total, demo.occupied, demo.beds_free, demo.waiting, demo.region, demo.active, demo.version],
      [6, 2, 4, 1, 'KZ-75', true, 1]);
    assert.ok(list.every((c) => c.org_id === demo.org_id), 'only the centres of the user\'s organisation');

    // A supervisor sees everyone: the two on their beds, the one waiting.
    const sup = await centreOf(demo.id, tokens.supervisor);
    assert.deepEqual(centreCore(sup), centreCore(demo), 'the centre reads as listed');
    assert.deepEqual(sup.beds.map((b) => [b.room, b.label, b.active, b.occupied]),
      [['1', '1', true, true], ['1', '2', true, true], ['1', '3', true, false], ['1', '4', true, false], ['2', '1', true, false], ['2', '2', true, false]],
      'every bed, by room, then label');
    const named = sup.beds.filter((b) => b.placement).map((b) => [b.label, b.placement.person.family_name, b.placement.person.given_name]);
    assert.deepEqual(named, [['1', 'Karimova', 'Nodira'], ['2', 'Жақсылықов', 'Бауыржан']]);
    assert.ok(sup.beds.every((b) => (b.placement === null) === !b.occupied), 'a supervisor sees who is on every bed taken');
    assert.deepEqual(sup.waiting_list.map((e) => [e.person.family_name, e.person.given_name, e.status]), [['Батболд', 'Сарангэрэл', 'waiting']]);
    const karimova = sup.beds[0].placement;
    const zhaksylykov = sup.beds[1].placement;
    assert.deepEqual([karimova.planned_out, karimova.last_seen], [null, null]);

    // The worker who holds Karimova's record sees her; the view is audited, under each person named.
    const w = await viewsOf('centre.view', karimova.person.id, 'a GET of a centre naming a restricted person',
      () => centreOf(demo.id), 1);
    assert.deepEqual(w, sup, 'the worker assigned to her sees what a supervisor sees');
    // The psychologist may not see her: her bed is occupied, without a name, and not a view of her.
    const psy = await viewsOf('centre.view', karimova.person.id, 'a GET of a centre by someone who may not see her',
      () => centreOf(demo.id, tokens.psychologist), 0);
    assert.deepEqual([psy.beds[0].occupied, psy.beds[0].placement], [true, null], 'her bed is occupied, placement null');
    assert.deepEqual(psy.beds[1], sup.beds[1], 'Жақсылықов is named');
    assert.ok(!JSON.stringify(psy).includes('Karimova'), 'her name is nowhere in the answer');
    assert.deepEqual(centreCore(psy), centreCore(sup), 'the counts count everyone');
    await viewsOf('centre.view', zhaksylykov.person.id, 'a GET of a centre by the psychologist',
      () => centreOf(demo.id, tokens.psychologist), 1);

    // Today's presence list: the stays on the beds, by family name; nobody marked yet.
    const pres = await call('GET', '/api/v1/centres/{id}/presence', { params: { id: demo.id }, token: tokens.worker, expect: 200 });
    assert.match(pres.body.day, /^\d{4}-\d{2}-\d{2}$/);
    assert.deepEqual(pres.body.items.map((p) => p.id), [karimova.id, zhaksylykov.id], 'Karimova, then Жақсылықов');
    for (const [p, b] of [[pres.body.items[0], sup.beds[0]], [pres.body.items[1], sup.beds[1]]])
      assert.deepEqual(p, {
        id: b.placement.id, centre_id: demo.id, centre: demo.name, bed_id: b.id, room: b.room, bed: b.label,
        person: b.placement.person, check_in: b.placement.check_in, planned_out: null, checked_out: null,
        last_seen: null, note: null, seen_today: false,
      });
    const psyPres = await call('GET', '/api/v1/centres/{id}/presence', { params: { id: demo.id }, token: tokens.psychologist, expect: 200 });
    assert.deepEqual(psyPres.body.items.map((p) => p.id), [zhaksylykov.id], 'a person the psychologist may not see is left out');
    await viewsOf('centre.view', karimova.person.id, 'the presence list naming a restricted person',
      () => call('GET', '/api/v1/centres/{id}/presence', { params: { id: demo.id }, token: tokens.worker, expect: 200 }), 1);

    // A person's stays: for whoever sees the person.
    const stays = await call('GET', '/api/v1/persons/{id}/placements', { params: { id: karimova.person.id }, token: tokens.worker, expect: 200 });
    assert.deepEqual(stays.body.items, [pres.body.items[0]]);
    await viewsOf('centre.view', karimova.person.id, 'a GET of a restricted person\'s stays',
      () => call('GET', '/api/v1/persons/{id}/placements', { params: { id: karimova.person.id }, token: tokens.worker, expect: 200 }), 1);
    await call('GET', '/api/v1/persons/{id}/placements', { params: { id: karimova.person.id }, token: tokens.psychologist, expect: 404 });
    await call('GET', '/api/v1/persons/{id}/placements', { params: { id: karimova.person.id }, token: tokens.analyst, expect: 404 });
    await call('GET', '/api/v1/persons/{id}/placements', { params: { id: zhaksylykov.person.id }, token: tokens.ngo, expect: 404 });
    await call('GET', '/api/v1/persons/{id}/placements', { params: { id: 987654321 }, token: tokens.worker, expect: 404 });
    const none = await call('GET', '/api/v1/persons/{id}/placements', { params: { id: ctx.person.id }, token: tokens.worker, expect: 200 });
    assert.deepEqual(none.body.items, [], 'nobody on a bed: an empty list');

    // Another organisation's centre does not exist for the user; an analyst reads no centre.
    const ngoList = await centreList(tokens.ngo);
    assert.ok(ngoList.length > 0 && !ngoList.some((c) => c.id === demo.id), 'the NGO lists its own centre, not this one');
    assert.deepEqual(ngoList.map((c) => c.kind), ['adaptation_centre']);
    await centreOf(demo.id, tokens.ngo, 404);
    await centreOf(ngoList[0].id, tokens.worker, 404);
    await call('GET', '/api/v1/centres/{id}/presence', { params: { id: demo.id }, token: tokens.ngo, expect: 404 });
    await centreOf(987654321, tokens.worker, 404);
    await call('GET', '/api/v1/centres', { token: tokens.analyst, expect: 403 });
    await centreOf(demo.id, tokens.analyst, 403);
    await call('GET', '/api/v1/centres/{id}/presence', { params: { id: demo.id }, token: tokens.analyst, expect: 403 });
    Object.assign(ctx, { demoCentre: sup, ngoCentre: ngoList[0], today: pres.body.day, karimovaStay: karimova, zhaksylykovStay: zhaksylykov });
  });

  it('POST and PATCH /api/v1/centres, POST /api/v1/centres/{id}/rooms: administrators and supervisors keep centres; 403 for anyone else; 422 naming the field', async () => {
    const input = { kind: 'adaptation_centre', name: '  Бейімделу орталығы (test)  ', region: 'KZ-75', address: 'Алматы, Абай даңғылы 2', phone: '+7 727 000 22 33', active: true };
    const r = await call('POST', '/api/v1/centres', { token: tokens.supervisor, body: input, expect: 201 });
    const c = r.body;
    assert.equal(r.headers.get('location'), `/api/v1/centres/${c.id}`);
    assert.deepEqual([c.kind, c.name, c.region, c.address, c.phone, c.active, c.version, c.org_id],
      ['adaptation_centre', 'Бейімделу орталығы (test)', 'KZ-75', input.address, input.phone, true, 1, ctx.demoCentre.org_id], 'trimmed');
    assert.deepEqual([c.beds, c.waiting_list, c.beds_total, c.occupied, c.beds_free, c.waiting], [[], [], 0, 0, 0, 0], 'no room yet');
    assert.deepEqual(await centreOf(c.id), c, 'GET after POST differs from the POST answer');
    assert.deepEqual((await centreList()).find((x) => x.id === c.id), centreCore(c), 'listed');
    const bare = await call('POST', '/api/v1/centres', { token: tokens.admin, body: { kind: 'temporary_accommodation', name: 'Bare centre (test)' }, expect: 201 });
    assert.deepEqual([bare.body.region, bare.body.address, bare.body.phone, bare.body.active], [null, null, null, true], 'not given: null; open');
    await centreOf(c.id, tokens.ngo, 404);

    // Administrators and supervisors only.
    for (const who of ['worker', 'psychologist', 'lawyer', 'analyst', 'ngo'])
      await call('POST', '/api/v1/centres', { token: tokens[who], body: { kind: 'adaptation_centre', name: 'Not allowed' }, expect: 403 });

    // 422: each field at fault by name.
    const count = (await centreList()).length;
    const bad = async (body, field) => {
      const x = await call('POST', '/api/v1/centres', { token: tokens.supervisor, body, expect: 422, checkRequest: false });
      assert.equal(x.body.error.field, field, `${JSON.stringify(body).slice(0, 80)} names ${x.body.error.field}, not ${field}`);
      return x.body.error.fields.map((f) => f.field);
    };
    assert.deepEqual(await bad({}, 'kind'), ['kind', 'name']);
    const k = { kind: 'adaptation_centre', name: 'X' };
    await bad({ ...k, kind: 'hotel' }, 'kind');
    await bad({ ...k, kind: 'Adaptation_centre' }, 'kind');
    await bad({ ...k, kind: 'ngo' }, 'kind');
    await bad({ ...k, kind: 1 }, 'kind');
    await bad({ ...k, name: '   ' }, 'name');
    await bad({ ...k, name: 'Two\nlines' }, 'name');
    await bad({ ...k, name: 'x'.repeat(201) }, 'name');
    await bad({ ...k, region: 'kz-75' }, 'region');
    await bad({ ...k, region: 'KZ-ALA' }, 'region');
    await bad({ ...k, address: 'a\nb' }, 'address');
    await bad({ ...k, address: 'ә'.repeat(301) }, 'address');
    await bad({ ...k, phone: '12' }, 'phone');
    await bad({ ...k, phone: '<b>' }, 'phone');
    await bad({ ...k, active: null }, 'active');
    await bad({ ...k, active: 'yes' }, 'active');
    await bad({ ...k, version: 1 }, 'version');
    await bad({ ...k, beds: 3 }, 'beds');
    assert.deepEqual((await bad({ kind: 'club', name: '', phone: '12' }, 'kind')).sort(), ['kind', 'name', 'phone'], 'every field at fault');
    await call('POST', '/api/v1/centres', { token: tokens.supervisor, raw: '[]', contentType: 'application/json', expect: 400 });
    await call('POST', '/api/v1/centres', { token: tokens.supervisor, raw: '{"name": "a", "name": "b"}', contentType: 'application/json', expect: 400 });
    assert.equal((await centreList()).length, count, 'a refusal adds no centre');

    // Rooms: a room and its beds, labelled 1, 2, …; by room name, then label in number order.
    const room = (body, expect, token = tokens.supervisor, id = c.id, checkRequest = true) =>
      call('POST', '/api/v1/centres/{id}/rooms', { params: { id }, token, body, expect, checkRequest });
    const r1 = (await room({ name: ' Б ', beds: 3, note: 'Ground floor.\nFor families.' }, 201)).body;
    assert.deepEqual(r1.beds.map((b) => [b.room, b.label, b.active, b.occupied, b.placement]),
      [['Б', '1', true, false, null], ['Б', '2', true, false, null], ['Б', '3', true, false, null]]);
    assert.deepEqual([r1.beds_free, r1.occupied, r1.version], [3, 0, 1], 'a room is no change of the centre\'s version');
    assert.equal(new Set(r1.beds.map((b) => b.room_id)).size, 1, 'one room');
    const r2 = (await room({ name: 'А', beds: 12 }, 201, tokens.admin)).body;
    assert.deepEqual(r2.beds.map((b) => `${b.room}${b.label}`),
      ['А1', 'А2', 'А3', 'А4', 'А5', 'А6', 'А7', 'А8', 'А9', 'А10', 'А11', 'А12', 'Б1', 'Б2', 'Б3']);
    assert.equal(r2.beds_free, 15);
    assert.deepEqual(await centreOf(c.id), r2, 'as GET reads it');
    assert.equal((await centreList()).find((x) => x.id === c.id).beds_total, 15, 'the list counts the beds');
    const roomBad = async (body, field) =>
      assert.equal((await room(body, 422, tokens.supervisor, c.id, false)).body.error.field, field, JSON.stringify(body).slice(0, 60));
    await roomBad({ name: 'Б', beds: 1 }, 'name');
    await roomBad({ name: '', beds: 1 }, 'name');
    await roomBad({ name: 'x'.repeat(201), beds: 1 }, 'name');
    await roomBad({ name: 'В', beds: 0 }, 'beds');
    await roomBad({ name: 'В', beds: 51 }, 'beds');
    await roomBad({ name: 'В', beds: '2' }, 'beds');
    await roomBad({ name: 'В', beds: 2.5 }, 'beds');
    await roomBad({ name: 'В' }, 'beds');
    await roomBad({ name: 'В', beds: 1, note: 'ә'.repeat(2001) }, 'note');
    await roomBad({ name: 'В', beds: 1, floor: 2 }, 'floor');
    assert.deepEqual((await room({}, 422, tokens.supervisor, c.id, false)).body.error.fields.map((f) => f.field).sort(), ['beds', 'name']);
    for (const who of ['worker', 'psychologist', 'analyst', 'ngo'])
      await room({ name: 'В', beds: 1 }, 403, tokens[who]);
    await room({ name: 'В', beds: 1 }, 404, tokens.supervisor, 987654321);
    await room({ name: 'В', beds: 1 }, 404, tokens.admin, ctx.ngoCentre.id);
    await call('POST', '/api/v1/centres/{id}/rooms', { params: { id: c.id }, token: tokens.supervisor, raw: '[1]', contentType: 'application/json', expect: 400 });
    assert.equal((await centreOf(c.id)).beds.length, 15, 'a refusal adds no bed');

    // PATCH: the members sent change, the others are kept; null clears.
    const patch = (body, expect, token = tokens.supervisor, id = c.id, checkRequest = true) =>
      call('PATCH', '/api/v1/centres/{id}', { params: { id }, token, body, expect, checkRequest });
    const p1 = (await patch({ version: 1, phone: null, name: 'Бейімделу орталығы (test, renamed)' }, 200)).body;
    assert.deepEqual([p1.version, p1.phone, p1.name], [2, null, 'Бейімделу орталығы (test, renamed)']);
    assert.deepEqual({ ...p1, version: 0, phone: 0, name: 0 }, { ...r2, version: 0, phone: 0, name: 0 }, 'members not sent are kept');
    const stale = await patch({ version: 1, address: null }, 409);
    assert.deepEqual([stale.body.error.code, stale.body.error.field], ['conflict', 'version'], 'a 409 names version');
    // The body is checked before the version: a stale change at fault is a 422.
    assert.equal((await patch({ version: 1, phone: '12' }, 422, tokens.supervisor, c.id, false)).body.error.field, 'phone');
    assert.equal((await patch({ address: null }, 422, tokens.supervisor, c.id, false)).body.error.field, 'version');
    assert.equal((await patch({ version: 0 }, 422, tokens.supervisor, c.id, false)).body.error.field, 'version');
    assert.equal((await patch({ version: 2, kind: null }, 422, tokens.supervisor, c.id, false)).body.error.field, 'kind');
    assert.equal((await patch({ version: 2, name: '' }, 422, tokens.supervisor, c.id, false)).body.error.field, 'name');
    // The centre as GET gave it is not a change: its read-only members are unknown fields.
    const back = (await patch({ ...p1 }, 422, tokens.supervisor, c.id, false)).body.error.fields.map((f) => f.field);
    for (const f of ['id', 'beds', 'occupied', 'beds_free', 'waiting', 'org_id', 'waiting_list'])
      assert.ok(back.includes(f), `${f} sent back is a field error: ${back.join(', ')}`);
    assert.deepEqual(await centreOf(c.id), p1, 'a 409 and a 422 save nothing');
    for (const who of ['worker', 'psychologist', 'analyst', 'ngo'])
      await patch({ version: 2, phone: null }, 403, tokens[who]);
    await patch({ version: 1 }, 404, tokens.supervisor, 987654321);
    await patch({ version: 1 }, 404, tokens.supervisor, ctx.ngoCentre.id);
    await call('PATCH', '/api/v1/centres/{id}', { params: { id: c.id }, token: tokens.supervisor, raw: 'version=2', contentType: 'application/json', expect: 400 });
    const p2 = (await patch({ version: 2, address: 'Алматы, Абай даңғылы 4' }, 200, tokens.admin)).body;
    assert.deepEqual([p2.version, p2.address], [3, 'Алматы, Абай даңғылы 4'], 'administrators change centres too');
    ctx.centre = p2;
  });

  it('POST /api/v1/centres/{id}/placements, checkout and presence; GET /api/v1/persons/{id}/placements: a bed is given once, a person takes one', async () => {
    const c = ctx.centre;
    const today = ctx.today;
    const [yesterday, tomorrow] = [dayFrom(today, -1), dayFrom(today, 1)];
    const planned = `${Number(today.slice(0, 4)) + 1}-01-31`;
    const bed = (room, label) => c.beds.find((b) => b.room === room && b.label === label);
    const a = await lodger('Жатақханова', 'Әйгерім', '1988-03-04');
    const b = await lodger('Орынбаева', 'Гүлнар', '1975-07-19');
    const d = await lodger('Төсекбаева', 'Сәуле', '1969-11-02');
    const place = (body, expect, token = tokens.worker, id = c.id, checkRequest = true) =>
      call('POST', '/api/v1/centres/{id}/placements', { params: { id }, token, body, expect, checkRequest });
    const stays = async (person, token = tokens.worker) =>
      (await call('GET', '/api/v1/persons/{id}/placements', { params: { id: person.id }, token, expect: 200 })).body.items;

    const sa = (await place({ person_id: a.id, bed_id: bed('А', '1').id, planned_out: planned, note: '  With her son.\nUntil the permit.  ' }, 201)).body;
    assert.deepEqual(sa, {
      id: sa.id, centre_id: c.id, centre: c.name, bed_id: bed('А', '1').id, room: 'А', bed: '1',
      person: { id: a.id, family_name: 'Жатақханова', given_name: 'Әйгерім' }, check_in: today, planned_out: planned,
      checked_out: null, last_seen: null, note: 'With her son.\nUntil the permit.', seen_today: false,
    });
    assert.deepEqual(await stays(a), [sa], 'the person\'s stays list it as placed');
    const after = await centreOf(c.id);
    assert.deepEqual(bedOf(after, a), { ...bed('А', '1'), occupied: true,
      placement: { id: sa.id, person: sa.person, check_in: today, planned_out: planned, last_seen: null } });
    assert.deepEqual([after.occupied, after.beds_free], [1, 14]);

    // The bed for another: taken (422; 409 is for a request that raced another for it). The
    // person on another bed: refused (422).
    const taken = await place({ person_id: b.id, bed_id: bed('А', '1').id }, 422);
    assert.equal(taken.body.error.field, 'bed_id');
    assert.equal((await place({ person_id: a.id, bed_id: bed('А', '2').id }, 422)).body.error.field, 'person_id');
    // Each rule by name; nothing saved.
    const placeBad = async (body, field, token = tokens.worker) =>
      assert.equal((await place(body, 422, token, c.id, false)).body.error.field, field, JSON.stringify(body).slice(0, 80));
    assert.deepEqual((await place({}, 422, tokens.worker, c.id, false)).body.error.fields.map((f) => f.field), ['person_id', 'bed_id']);
    const free = bed('А', '2').id;
    await placeBad({ person_id: b.id, bed_id: ctx.demoCentre.beds[3].id }, 'bed_id'); // a free bed of another centre
    await placeBad({ person_id: b.id, bed_id: 987654321 }, 'bed_id');
    await placeBad({ person_id: b.id, bed_id: free, check_in: tomorrow }, 'check_in');
    await placeBad({ person_id: b.id, bed_id: free, check_in: '01.02.2025' }, 'check_in');
    await placeBad({ person_id: b.id, bed_id: free, check_in: today, planned_out: yesterday }, 'planned_out');
    await placeBad({ person_id: b.id, bed_id: free, note: 'ә'.repeat(2001) }, 'note');
    await placeBad({ person_id: b.id, bed_id: free, colour: 'red' }, 'colour');
    await placeBad({ person_id: String(b.id), bed_id: free }, 'person_id');
    await placeBad({ person_id: 987654321, bed_id: free }, 'person_id');
    await placeBad({ person_id: (await ngoPerson()).id, bed_id: free }, 'person_id'); // another organisation's person
    await placeBad({ person_id: ctx.karimovaStay.person.id, bed_id: free }, 'person_id', tokens.psychologist); // one she may not see
    await place({ person_id: b.id, bed_id: free }, 403, tokens.analyst);
    await place({ person_id: b.id, bed_id: free }, 404, tokens.ngo);
    await place({ person_id: b.id, bed_id: free }, 404, tokens.worker, 987654321);
    await call('POST', '/api/v1/centres/{id}/placements', { params: { id: c.id }, token: tokens.worker, raw: '{"person_id": 1, "person_id": 2}', contentType: 'application/json', expect: 400 });
    assert.deepEqual(await stays(b), [], 'a refusal places nobody');
    // Placed from yesterday, by a psychologist: every role but analysts places people.
    const sb = (await place({ person_id: b.id, bed_id: free, check_in: yesterday }, 201, tokens.psychologist)).body;
    assert.deepEqual([sb.check_in, sb.bed_id, sb.planned_out, sb.note], [yesterday, free, null, null]);

    // The presence list: who is there, who was seen today.
    const presence = async (token = tokens.worker) =>
      (await call('GET', '/api/v1/centres/{id}/presence', { params: { id: c.id }, token, expect: 200 })).body;
    const p0 = await presence();
    assert.equal(p0.day, today);
    assert.deepEqual(p0.items.map((p) => p.id), [sa.id, sb.id], 'by family name');
    assert.deepEqual(p0.items[0], sa, 'a stay reads as placed');
    const mark = (body, expect, token = tokens.worker, id = c.id, checkRequest = true) =>
      call('POST', '/api/v1/centres/{id}/presence', { params: { id }, token, body, expect, checkRequest });
    assert.deepEqual((await mark({ placements: [sa.id] }, 200)).body, { seen: 1, day: today });
    assert.deepEqual((await mark({ placements: [sa.id] }, 200)).body, { seen: 1, day: today }, 'again the same day: no change');
    const p1 = await presence();
    assert.deepEqual(p1.items.map((p) => [p.seen_today, p.last_seen]), [[true, today], [false, null]]);
    assert.equal(bedOf(await centreOf(c.id), a).placement.last_seen, today, 'the bed shows when she was last seen');
    const markBad = async (body, field) =>
      assert.equal((await mark(body, 422, tokens.worker, c.id, false)).body.error.field, field, JSON.stringify(body));
    await markBad({ placements: [] }, 'placements');
    await markBad({}, 'placements');
    await markBad({ placements: null }, 'placements');
    await markBad({ placements: sa.id }, 'placements');
    await markBad({ placements: [0] }, 'placements');
    await markBad({ placements: Array(501).fill(sa.id) }, 'placements');
    await markBad({ placements: [sa.id], date: today }, 'date');
    await mark({ placements: [sb.id, ctx.zhaksylykovStay.id] }, 404); // a stay of another centre
    await mark({ placements: [987654321] }, 404);
    await mark({ placements: [ctx.karimovaStay.id] }, 404, tokens.psychologist, ctx.demoCentre.id); // one she may not see
    await mark({ placements: [sa.id] }, 403, tokens.analyst);
    await mark({ placements: [sa.id] }, 404, tokens.ngo);
    await call('POST', '/api/v1/centres/{id}/presence', { params: { id: c.id }, token: tokens.worker, raw: '[1]', contentType: 'application/json', expect: 400 });
    assert.equal((await presence()).items[1].last_seen, null, 'a refusal marks nobody');

    // Checking out: all of them or none.
    const out = (body, expect, token = tokens.worker, id = c.id, checkRequest = true) =>
      call('POST', '/api/v1/centres/{id}/checkout', { params: { id }, token, body, expect, checkRequest });
    const outBad = async (body, field) =>
      assert.equal((await out(body, 422, tokens.worker, c.id, false)).body.error.field, field, JSON.stringify(body));
    await outBad({ placements: [sa.id], date: yesterday }, 'date'); // before her check-in
    await outBad({ placements: [sb.id, sa.id], date: yesterday }, 'date');
    await outBad({ placements: [sa.id], date: tomorrow }, 'date');
    await outBad({ placements: [sa.id], date: '31.12.2025' }, 'date');
    await outBad({ placements: [] }, 'placements');
    await outBad({ placements: ['x'] }, 'placements');
    await outBad({ placements: [sa.id], colour: 'red' }, 'colour');
    await out({ placements: [sa.id, ctx.zhaksylykovStay.id] }, 404);
    await out({ placements: [ctx.karimovaStay.id] }, 404, tokens.psychologist, ctx.demoCentre.id);
    await out({ placements: [sa.id] }, 403, tokens.analyst);
    await out({ placements: [sa.id] }, 404, tokens.ngo);
    await call('POST', '/api/v1/centres/{id}/checkout', { params: { id: c.id }, token: tokens.worker, raw: '{"placements": [1]', contentType: 'application/json', expect: 400 });
    await out({ placements: [sa.id, sa.id] }, 409); // named twice: out already the second time
    const sd = (await place({ person_id: d.id, bed_id: bed('Б', '1').id }, 201)).body;
    assert.deepEqual((await out({ placements: [sd.id] }, 200)).body, { checked_out: 1, date: today }, 'by default today');
    const twice = await out({ placements: [sa.id, sd.id] }, 409);
    assert.deepEqual([twice.body.error.code, twice.body.error.field], ['conflict', 'placements']);
    await mark({ placements: [sd.id] }, 409); // nobody is marked present after leaving
    assert.deepEqual((await presence()).items.map((p) => [p.id, p.checked_out]), [[sa.id, null], [sb.id, null]], 'a refusal checks nobody out');
    assert.deepEqual((await out({ placements: [sa.id, sb.id], date: today }, 200)).body, { checked_out: 2, date: today });
    assert.deepEqual((await presence()).items, []);
    const left = await centreOf(c.id);
    assert.deepEqual([left.occupied, left.beds_free, bedOf(left, a)], [0, 15, undefined]);
    assert.deepEqual(await stays(a), [{ ...sa, checked_out: today, last_seen: today, seen_today: true }]);

    // The bed takes the next person, from its last check-out on.
    await placeBad({ person_id: d.id, bed_id: bed('А', '1').id, check_in: yesterday }, 'bed_id');
    const sb2 = (await place({ person_id: b.id, bed_id: bed('А', '1').id }, 201)).body;
    assert.deepEqual((await stays(b)).map((s) => [s.id, s.checked_out]), [[sb2.id, null], [sb.id, today]], 'newest first');

    // A closed centre takes nobody new; its people stay.
    const closed = (await call('PATCH', '/api/v1/centres/{id}', { params: { id: c.id }, token: tokens.supervisor, body: { version: c.version, active: false }, expect: 200 })).body;
    assert.deepEqual([closed.active, closed.occupied], [false, 1]);
    await placeBad({ person_id: d.id, bed_id: bed('А', '2').id }, 'bed_id');
    const open = (await call('PATCH', '/api/v1/centres/{id}', { params: { id: c.id }, token: tokens.supervisor, body: { version: closed.version, active: true }, expect: 200 })).body;
    assert.equal(open.active, true);
    ctx.centre = open;
  });

  it('POST /api/v1/centres/{id}/waiting and /waiting/{waiting_id}/withdraw: the waiting list; placing a person takes them off it', async () => {
    const c = await centreOf(ctx.centre.id);
    const today = ctx.today;
    const w1 = await lodger('Кезекова', 'Ләйлә', '1992-08-15');
    const w2 = await lodger('Күтуова', 'Зарина', '1979-01-23');
    const wait = (body, expect, token = tokens.worker, id = c.id, checkRequest = true) =>
      call('POST', '/api/v1/centres/{id}/waiting', { params: { id }, token, body, expect, checkRequest });
    const x1 = (await wait({ person_id: w1.id, note: '  A family of four.\nFrom Monday.  ' }, 201)).body;
    const e1 = x1.waiting_list.find((e) => e.person.id === w1.id);
    assert.deepEqual(e1, { id: e1.id, person: { id: w1.id, family_name: 'Кезекова', given_name: 'Ләйлә' }, since: today,
      note: 'A family of four.\nFrom Monday.', status: 'waiting' });
    assert.equal(x1.waiting, c.waiting + 1);
    assert.deepEqual(await centreOf(c.id), x1, 'as GET reads it');
    const waitBad = async (body, field, token = tokens.worker) =>
      assert.equal((await wait(body, 422, token, c.id, false)).body.error.field, field, JSON.stringify(body).slice(0, 80));
    await waitBad({ person_id: w1.id }, 'person_id'); // on the list already
    await waitBad({}, 'person_id');
    await waitBad({ person_id: 987654321 }, 'person_id');
    await waitBad({ person_id: (await ngoPerson()).id }, 'person_id');
    await waitBad({ person_id: ctx.karimovaStay.person.id }, 'person_id', tokens.psychologist);
    await waitBad({ person_id: w2.id, since: dayFrom(today, 1) }, 'since');
    await waitBad({ person_id: w2.id, since: '2025-02-30' }, 'since');
    await waitBad({ person_id: w2.id, note: 'ә'.repeat(2001) }, 'note');
    await waitBad({ person_id: w2.id, status: 'waiting' }, 'status');
    await wait({ person_id: w2.id }, 403, tokens.analyst);
    await wait({ person_id: w2.id }, 404, tokens.ngo);
    await wait({ person_id: w2.id }, 404, tokens.worker, 987654321);
    await call('POST', '/api/v1/centres/{id}/waiting', { params: { id: c.id }, token: tokens.worker, raw: '"person_id"', contentType: 'application/json', expect: 400 });
    // Longest waiting first.
    const since = dayFrom(today, -10);
    const x2 = (await wait({ person_id: w2.id, since }, 201, tokens.lawyer)).body;
    const order = x2.waiting_list.map((e) => e.person.id).filter((id) => id === w1.id || id === w2.id);
    assert.deepEqual(order, [w2.id, w1.id], 'by since');
    const e2 = x2.waiting_list.find((e) => e.person.id === w2.id);
    assert.deepEqual([e2.since, e2.note, x2.waiting], [since, null, c.waiting + 2]);

    // Withdrawn: off the list, once.
    const withdraw = (waiting_id, expect, token = tokens.worker, id = c.id) =>
      call('POST', '/api/v1/centres/{id}/waiting/{waiting_id}/withdraw', { params: { id, waiting_id }, token, expect });
    const y = (await withdraw(e1.id, 200)).body;
    assert.deepEqual([y.waiting, y.waiting_list.some((e) => e.id === e1.id)], [c.waiting + 1, false]);
    assert.deepEqual(await centreOf(c.id), y);
    const again = await withdraw(e1.id, 409);
    assert.deepEqual([again.body.error.code, again.body.error.field], ['conflict', null]);
    await withdraw(987654321, 404);
    await withdraw(ctx.demoCentre.waiting_list[0].id, 404); // an entry of another centre
    await withdraw(e2.id, 404, tokens.ngo);
    await withdraw(e2.id, 403, tokens.analyst);
    await withdraw(e2.id, 404, tokens.worker, 987654321);
    // Withdrawn, a person may wait again.
    const x3 = (await wait({ person_id: w1.id }, 201)).body;
    assert.ok(x3.waiting_list.some((e) => e.person.id === w1.id && e.id !== e1.id));

    // Placed in the centre, a person leaves its list (status placed).
    const free = x3.beds.find((b) => !b.occupied && b.active);
    await call('POST', '/api/v1/centres/{id}/placements', { params: { id: c.id }, token: tokens.worker, body: { person_id: w2.id, bed_id: free.id }, expect: 201 });
    const z = await centreOf(c.id);
    assert.ok(!z.waiting_list.some((e) => e.person.id === w2.id), 'placed: off the list');
    assert.equal(z.waiting, x3.waiting - 1);
    assert.equal((await withdraw(e2.id, 409)).body.error.code, 'conflict', 'a person placed is no longer waiting');
    assert.deepEqual(await centreOf(ctx.demoCentre.id, tokens.supervisor), ctx.demoCentre, 'the demo centre is as it was');
  });

  // ---- groups (groups.c; demo.c: demo_groups). The demo's, in the first organisation and led
  // by 'worker': a language course that started 30 days ago, with Тұрсынбаева Гүлнар, Батболд
  // Ганбаатар, Ма Айгүл and Karimova Nodira (restricted, held by 'worker') as members since
  // then, and two sessions: 14 days ago, all four present and 2 unregistered; 7 days ago, all
  // but Батболд, and 1 unregistered; and a mutual-help group that starts today, with nobody
  // yet. The tests below leave the demo's groups as they were and work in a group they add
  // (ctx.group), with people they register (ctx.groupPeople).

  const groupOf = async (id, token = tokens.worker, expect = 200) =>
    (await call('GET', '/api/v1/groups/{id}', { params: { id }, token, expect })).body;
  const groupList = async (token = tokens.worker) =>
    (await call('GET', '/api/v1/groups', { token, expect: 200 })).body.items;
  const sessionOf = async (id, session_id, token = tokens.worker, expect = 200) =>
    (await call('GET', '/api/v1/groups/{id}/sessions/{session_id}', { params: { id, session_id }, token, expect })).body;
  const personGroups = async (person, token = tokens.worker) =>
    (await call('GET', '/api/v1/persons/{id}/groups', { params: { id: person.id }, token, expect: 200 })).body.items;
  /* The members a GroupDetail shares with the Group of the list. */
  const groupCore = ({ members, sessions, ...rest }) => rest;
  /* The members a GroupSessionDetail shares with the GroupSession its group lists. */
  const sessionCore = ({ attendance, ...rest }) => rest;
  /* Each membership of a group as [family name, left_on, sessions_attended, sessions_held]. */
  const tally = (g) => g.members.map((m) => [m.person?.family_name ?? null, m.left_on, m.sessions_attended, m.sessions_held]);
  /* Each line of a session's attendance as [family name, present]. */
  const marks = (s) => s.attendance.map((x) => [x.person?.family_name ?? null, x.present]);
  const ref = (p) => ({ id: p.id, family_name: p.family_name, given_name: p.given_name });
  const membershipsOf = (group, person) => group.members.filter((m) => m.person?.id === person.id);

  it('GET /api/v1/groups, /api/v1/groups/{id} and a session: the demo course as each role sees it; a person\'s groups; audited; 404 for another organisation\'s, 403 for analysts', async () => {
    const list = await groupList();
    const course = list.find((g) => g.kind === 'language_course' && g.name.endsWith('(demo)'));
    const mutual = list.find((g) => g.kind === 'mutual_help' && g.name.endsWith('(demo)'));
    assert.ok(course && mutual, `the demo's two groups are listed: ${JSON.stringify(list)}`);
    const today = mutual.starts_on;
    assert.match(today, /^\d{4}-\d{2}-\d{2}$/);
    const started = dayFrom(today, -30);
    assert.deepEqual([course.form, course.function, course.starts_on, course.ends_on, course.active, course.members_now, course.sessions_held, course.version],
      ['training', 'integration', started, null, true, 4, 2, 1], 'a language course is a training, by default');
    assert.deepEqual([mutual.form, mutual.function, mutual.place, mutual.active, mutual.members_now, mutual.sessions_held],
      ['collective', 'capacity', null, true, 0, 0]);
    assert.ok(course.facilitator_id >= 1 && course.facilitator_id === mutual.facilitator_id && course.facilitator === mutual.facilitator,
      'both are led by worker');
    assert.ok(list.every((g) => g.org_id === course.org_id), 'only the groups of the user\'s organisation');

    // A supervisor sees every member, and each one's sessions of those held while a member.
    const sup = await groupOf(course.id, tokens.supervisor);
    assert.deepEqual(groupCore(sup), course, 'the group reads as listed');
    assert.deepEqual(sup.members.map((m) => [m.person.family_name, m.person.given_name, m.group_id, m.joined_on, m.left_on, m.note, m.sessions_attended, m.sessions_held]), [
      ['Karimova', 'Nodira', course.id, started, null, null, 2, 2],
      ['Батболд', 'Ганбаатар', course.id, started, null, null, 1, 2],
      ['Ма', 'Айгүл', course.id, started, null, null, 2, 2],
      ['Тұрсынбаева', 'Гүлнар', course.id, started, null, null, 2, 2],
    ], 'by family name, then given name');
    assert.deepEqual(sup.sessions.map((s) => [s.group_id, s.held_on, s.topic, s.unregistered, s.note, s.present]), [
      [course.id, dayFrom(today, -7), 'Дүкенде және базарда', 1, null, 3],
      [course.id, dayFrom(today, -14), 'Сәлемдесу және танысу', 2, null, 4],
    ], 'newest first');
    const karimova = sup.members[0].person;

    // The worker who holds Karimova's record sees her; the view is audited, under each person named.
    const w = await viewsOf('group.view', karimova.id, 'a GET of a group naming a restricted person', () => groupOf(course.id), 1);
    assert.deepEqual(w, sup, 'the worker assigned to her sees what a supervisor sees');
    // The psychologist may not see her: her membership is there, without her name, note or
    // attendance, and no view of her.
    const psy = await viewsOf('group.view', karimova.id, 'a GET of a group by someone who may not see her',
      () => groupOf(course.id, tokens.psychologist), 0);
    assert.deepEqual(psy.members[0], { ...sup.members[0], person: null, note: null, sessions_attended: null, sessions_held: null });
    assert.deepEqual(psy.members.slice(1), sup.members.slice(1));
    assert.ok(!JSON.stringify(psy).includes('Karimova'), 'her name is nowhere in the answer');
    assert.deepEqual(groupCore(psy), groupCore(sup), 'the counts count everyone');
    assert.deepEqual(psy.sessions, sup.sessions);
    await viewsOf('group.view', sup.members[1].person.id, 'a GET of a group by the psychologist',
      () => groupOf(course.id, tokens.psychologist), 1);

    // A session: a line for each member of its day.
    const [second, first] = sup.sessions;
    const s1 = await sessionOf(course.id, first.id, tokens.supervisor);
    assert.deepEqual(sessionCore(s1), first, 'the session reads as its group lists it');
    assert.deepEqual(marks(s1), [['Karimova', true], ['Батболд', true], ['Ма', true], ['Тұрсынбаева', true]]);
    assert.deepEqual(s1.attendance.map((x) => x.person), sup.members.map((m) => m.person));
    const s2 = await viewsOf('group.view', karimova.id, 'a GET of a session naming a restricted person',
      () => sessionOf(course.id, second.id), 1);
    assert.deepEqual(sessionCore(s2), second);
    assert.deepEqual(marks(s2), [['Karimova', true], ['Батболд', false], ['Ма', true], ['Тұрсынбаева', true]]);
    assert.equal(s2.present, s2.attendance.filter((x) => x.present).length);
    const psy2 = await sessionOf(course.id, second.id, tokens.psychologist);
    assert.deepEqual(psy2.attendance[0], { person: null, present: null }, 'her line: neither name nor mark');
    assert.deepEqual(psy2.attendance.slice(1), s2.attendance.slice(1));
    assert.deepEqual(sessionCore(psy2), sessionCore(s2), 'the count counts her');

    // A person's groups: for whoever sees the person.
    const kg = await viewsOf('group.view', karimova.id, 'a GET of a restricted person\'s groups', () => personGroups(karimova), 1);
    assert.deepEqual(kg, [{ ...sup.members[0], group: course.name, kind: 'language_course' }]);
    for (const [token, id] of [[tokens.psychologist, karimova.id], [tokens.analyst, karimova.id],
      [tokens.ngo, sup.members[1].person.id], [tokens.worker, 987654321]])
      await call('GET', '/api/v1/persons/{id}/groups', { params: { id }, token, expect: 404 });
    assert.deepEqual(await personGroups(ctx.person), [], 'in no group: an empty list');

    // Another organisation's group does not exist for the user; an analyst reads no group.
    assert.ok(!(await groupList(tokens.ngo)).some((g) => g.org_id === course.org_id), 'the NGO lists none of these');
    await groupOf(course.id, tokens.ngo, 404);
    await sessionOf(course.id, first.id, tokens.ngo, 404);
    await groupOf(987654321, tokens.worker, 404);
    await sessionOf(course.id, 987654321, tokens.worker, 404);
    await sessionOf(mutual.id, first.id, tokens.worker, 404); // a session of another group
    await call('GET', '/api/v1/groups', { token: tokens.analyst, expect: 403 });
    await groupOf(course.id, tokens.analyst, 403);
    await sessionOf(course.id, first.id, tokens.analyst, 403);
    Object.assign(ctx, { demoCourse: sup, groupToday: today, groupKarimova: karimova, groupFacilitator: course.facilitator_id });
  });

  it('POST and PATCH /api/v1/groups: every role but analysts keeps groups; 409 on a stale version; 422 naming the field', async () => {
    const today = ctx.groupToday;
    const input = {
      kind: 'culture_course', name: '  Қазақ мәдениеті (test)  ', function: 'integration', facilitator_id: ctx.groupFacilitator,
      place: ' Алматы, 5-бөлме ', schedule: 'жұма 17:00', starts_on: dayFrom(today, -20), ends_on: dayFrom(today, 60),
      description: '  Songs and crafts.\nHolidays.  ', active: true,
    };
    const r = await call('POST', '/api/v1/groups', { token: tokens.worker, body: input, expect: 201 });
    const g = r.body;
    assert.equal(r.headers.get('location'), `/api/v1/groups/${g.id}`);
    assert.deepEqual(g, {
      id: g.id, version: 1, org_id: ctx.demoCourse.org_id, kind: 'culture_course', form: 'training', function: 'integration',
      name: 'Қазақ мәдениеті (test)', facilitator_id: ctx.groupFacilitator, facilitator: ctx.demoCourse.facilitator,
      place: 'Алматы, 5-бөлме', schedule: 'жұма 17:00', starts_on: input.starts_on, ends_on: input.ends_on,
      description: 'Songs and crafts.\nHolidays.', active: true, members_now: 0, sessions_held: 0, members: [], sessions: [],
    }, 'trimmed; the kind\'s form');
    assert.deepEqual(await groupOf(g.id), g, 'GET after POST differs from the POST answer');
    assert.deepEqual((await groupList()).find((x) => x.id === g.id), groupCore(g), 'listed');
    await groupOf(g.id, tokens.ngo, 404);
    // Every role but analysts adds groups; the form may be given; a group may be closed from the start.
    const bare = (await call('POST', '/api/v1/groups', {
      token: tokens.psychologist, body: { kind: 'self_help', name: 'Bare group (test)', facilitator_id: null, active: false }, expect: 201,
    })).body;
    assert.deepEqual([bare.form, bare.function, bare.facilitator_id, bare.facilitator, bare.place, bare.starts_on, bare.active],
      ['self_help_group', null, null, null, null, null, false], 'not given: null');
    const given = (await call('POST', '/api/v1/groups', {
      token: tokens.lawyer, body: { kind: 'mutual_help', form: 'self_help_group', name: 'Given form (test)' }, expect: 201,
    })).body;
    assert.deepEqual([given.kind, given.form, given.active], ['mutual_help', 'self_help_group', true]);
    const order = (await groupList()).map((x) => x.id);
    assert.ok(order.indexOf(bare.id) > order.indexOf(g.id) && order.indexOf(bare.id) > order.indexOf(given.id), 'closed groups after the open ones');
    await call('POST', '/api/v1/groups', { token: tokens.analyst, body: { kind: 'training', name: 'Not allowed' }, expect: 403 });

    // 422: each field at fault by name.
    const count = (await groupList()).length;
    const bad = async (body, field) => {
      const x = await call('POST', '/api/v1/groups', { token: tokens.worker, body, expect: 422, checkRequest: false });
      assert.equal(x.body.error.field, field, `${JSON.stringify(body).slice(0, 80)} names ${x.body.error.field}, not ${field}`);
      return x.body.error.fields.map((f) => f.field);
    };
    assert.deepEqual((await bad({}, 'kind')).sort(), ['kind', 'name']);
    const k = { kind: 'training', name: 'X' };
    await bad({ ...k, kind: 'club' }, 'kind');
    await bad({ ...k, kind: 'Training' }, 'kind');
    await bad({ ...k, kind: 'self_help_group' }, 'kind'); // a form, not a kind
    await bad({ ...k, kind: 1 }, 'kind');
    await bad({ ...k, form: 'club' }, 'form');
    await bad({ ...k, function: 'help' }, 'function');
    await bad({ ...k, name: '   ' }, 'name');
    await bad({ ...k, name: 'Two\nlines' }, 'name');
    await bad({ ...k, name: 'x'.repeat(201) }, 'name');
    await bad({ ...k, place: 'ә'.repeat(301) }, 'place');
    await bad({ ...k, schedule: 'a\tb' }, 'schedule');
    await bad({ ...k, starts_on: '01.09.2026' }, 'starts_on');
    await bad({ ...k, ends_on: '2026-02-30' }, 'ends_on');
    await bad({ ...k, starts_on: today, ends_on: dayFrom(today, -1) }, 'ends_on');
    await bad({ ...k, description: 'ә'.repeat(2001) }, 'description');
    await bad({ ...k, facilitator_id: 0 }, 'facilitator_id');
    await bad({ ...k, facilitator_id: String(ctx.groupFacilitator) }, 'facilitator_id');
    await bad({ ...k, facilitator_id: 987654321 }, 'facilitator_id');
    await bad({ ...k, facilitator_id: ctx.foreignCase.worker.id }, 'facilitator_id'); // a user of another organisation
    if (haveSqlite()) {
      const analystId = Number(execFileSync('sqlite3', ['-readonly', server.db, "SELECT id FROM users WHERE login = 'analyst'"], { encoding: 'utf8' }).trim());
      await bad({ ...k, facilitator_id: analystId }, 'facilitator_id');
    }
    await bad({ ...k, active: null }, 'active');
    await bad({ ...k, active: 'yes' }, 'active');
    await bad({ ...k, version: 1 }, 'version');
    await bad({ ...k, members: [] }, 'members');
    assert.deepEqual((await bad({ kind: 'club', name: '', starts_on: 'soon' }, 'kind')).sort(), ['kind', 'name', 'starts_on'], 'every field at fault');
    await call('POST', '/api/v1/groups', { token: tokens.worker, raw: '[]', contentType: 'application/json', expect: 400 });
    await call('POST', '/api/v1/groups', { token: tokens.worker, raw: '{"name": "a", "name": "b"}', contentType: 'application/json', expect: 400 });
    assert.equal((await groupList()).length, count, 'a refusal adds no group');

    // PATCH: the members sent change, the others are kept; null clears.
    const patch = (body, expect, token = tokens.worker, id = g.id, checkRequest = true) =>
      call('PATCH', '/api/v1/groups/{id}', { params: { id }, token, body, expect, checkRequest });
    const p1 = (await patch({ version: 1, schedule: 'сәрсенбі 16:00', place: null, facilitator_id: null }, 200)).body;
    assert.deepEqual([p1.version, p1.schedule, p1.place, p1.facilitator_id, p1.facilitator], [2, 'сәрсенбі 16:00', null, null, null]);
    const blank = { version: 0, schedule: 0, place: 0, facilitator_id: 0, facilitator: 0 };
    assert.deepEqual({ ...p1, ...blank }, { ...g, ...blank }, 'members not sent are kept');
    const stale = await patch({ version: 1, name: 'Stale (test)' }, 409);
    assert.deepEqual([stale.body.error.code, stale.body.error.field], ['conflict', 'version'], 'a 409 names version');
    // The body is checked before the version: a stale change at fault is a 422.
    assert.equal((await patch({ version: 1, ends_on: dayFrom(today, -21) }, 422, tokens.worker, g.id, false)).body.error.field, 'ends_on');
    assert.equal((await patch({ version: 1, facilitator_id: 987654321 }, 422)).body.error.field, 'facilitator_id');
    assert.equal((await patch({ name: 'No version' }, 422, tokens.worker, g.id, false)).body.error.field, 'version');
    assert.equal((await patch({ version: 0 }, 422, tokens.worker, g.id, false)).body.error.field, 'version');
    assert.equal((await patch({ version: '2' }, 422, tokens.worker, g.id, false)).body.error.field, 'version');
    assert.equal((await patch({ version: 2, kind: null }, 422, tokens.worker, g.id, false)).body.error.field, 'kind');
    assert.equal((await patch({ version: 2, name: '' }, 422, tokens.worker, g.id, false)).body.error.field, 'name');
    // The group as GET gave it is not a change: its read-only members are unknown fields.
    const back = (await patch({ ...p1 }, 422, tokens.worker, g.id, false)).body.error.fields.map((f) => f.field);
    for (const f of ['id', 'org_id', 'facilitator', 'members_now', 'sessions_held', 'members', 'sessions'])
      assert.ok(back.includes(f), `${f} sent back is a field error: ${back.join(', ')}`);
    assert.deepEqual(await groupOf(g.id), p1, 'a 409 and a 422 save nothing');
    await patch({ version: 2 }, 403, tokens.analyst);
    await patch({ version: 2 }, 404, tokens.ngo);
    await patch({ version: 1 }, 404, tokens.worker, 987654321);
    await call('PATCH', '/api/v1/groups/{id}', { params: { id: g.id }, token: tokens.worker, raw: 'version=2', contentType: 'application/json', expect: 400 });
    // Another kind keeps the form; form null goes back to the kind's.
    const p2 = (await patch({ version: 2, kind: 'psychotherapy', facilitator_id: ctx.groupFacilitator }, 200, tokens.psychologist)).body;
    assert.deepEqual([p2.version, p2.kind, p2.form, p2.facilitator_id], [3, 'psychotherapy', 'training', ctx.groupFacilitator]);
    const p3 = (await patch({ version: 3, form: null }, 200)).body;
    assert.deepEqual([p3.version, p3.kind, p3.form], [4, 'psychotherapy', 'psychotherapy']);
    const p4 = (await patch({ version: 4, kind: 'culture_course', form: null, place: 'Алматы, 5-бөлме' }, 200)).body;
    assert.deepEqual({ ...p4, version: 0 }, { ...g, version: 0, schedule: 'сәрсенбі 16:00' });
    assert.equal(p4.version, 5);
    ctx.group = p4;
  });

  it('POST /api/v1/groups/{id}/members and /members/{member_id}/leave: a person joins once at a time, leaves, and may join again later; a person\'s groups', async () => {
    const g = ctx.group;
    const today = ctx.groupToday;
    const a = await lodger('Баянова', 'Әлия', '1990-02-03');
    const b = await lodger('Вахитова', 'Бибігүл', '1985-06-07');
    const c = await lodger('Гусейнова', 'Ырыс', '1979-09-10');
    const d = await lodger('Дамирова', 'Сәуле', '1996-12-01');
    const join = (body, expect, token = tokens.worker, id = g.id, checkRequest = true) =>
      call('POST', '/api/v1/groups/{id}/members', { params: { id }, token, body, expect, checkRequest });
    const leave = (member_id, body, expect, token = tokens.worker, id = g.id, checkRequest = true) =>
      call('POST', '/api/v1/groups/{id}/members/{member_id}/leave', { params: { id, member_id }, token, body, expect, checkRequest });

    const j1 = (await join({ person_id: a.id, joined_on: dayFrom(today, -10), note: '  Came through the course.\nSpeaks Russian.  ' }, 201)).body;
    const ma = membershipsOf(j1, a)[0];
    assert.deepEqual(ma, {
      id: ma.id, group_id: g.id, person: ref(a), joined_on: dayFrom(today, -10), left_on: null,
      note: 'Came through the course.\nSpeaks Russian.', sessions_attended: 0, sessions_held: 0,
    });
    assert.deepEqual([j1.members_now, j1.version], [1, g.version], 'a member is no change of the group\'s version');
    assert.deepEqual(groupCore({ ...j1, members_now: 0 }), groupCore(g));
    assert.deepEqual(await groupOf(g.id), j1, 'as GET reads it');
    // Every role but analysts adds members; by default from today.
    const j2 = (await join({ person_id: b.id, joined_on: dayFrom(today, -10) }, 201, tokens.psychologist)).body;
    const j3 = (await join({ person_id: c.id }, 201)).body;
    assert.deepEqual(membershipsOf(j3, c).map((m) => [m.joined_on, m.note]), [[today, null]]);
    assert.deepEqual(j3.members.map((m) => m.person.id), [a.id, b.id, c.id], 'by family name');
    assert.equal(j3.members_now, 3);

    // Each rule by name; nothing saved.
    const joinBad = async (body, field, token = tokens.worker) =>
      assert.equal((await join(body, 422, token, g.id, false)).body.error.field, field, JSON.stringify(body).slice(0, 80));
    await joinBad({ person_id: a.id }, 'person_id'); // a member already
    await joinBad({}, 'person_id');
    await joinBad({ person_id: 987654321 }, 'person_id');
    await joinBad({ person_id: String(d.id) }, 'person_id');
    await joinBad({ person_id: (await ngoPerson()).id }, 'person_id'); // another organisation's person
    await joinBad({ person_id: ctx.groupKarimova.id }, 'person_id', tokens.psychologist); // one she may not see
    await joinBad({ person_id: d.id, joined_on: dayFrom(today, 1) }, 'joined_on');
    await joinBad({ person_id: d.id, joined_on: '2026-02-30' }, 'joined_on');
    await joinBad({ person_id: d.id, note: 'ә'.repeat(2001) }, 'note');
    await joinBad({ person_id: d.id, role: 'helper' }, 'role');
    await join({ person_id: d.id }, 403, tokens.analyst);
    await join({ person_id: d.id }, 404, tokens.ngo);
    await join({ person_id: d.id }, 404, tokens.worker, 987654321);
    await call('POST', '/api/v1/groups/{id}/members', { params: { id: g.id }, token: tokens.worker, raw: '{"person_id": 1, "person_id": 2}', contentType: 'application/json', expect: 400 });
    assert.deepEqual(await personGroups(d), [], 'a refusal adds nobody');
    assert.deepEqual(await groupOf(g.id), j3);

    // Leaving: from a day not before joining, not after today.
    const mb = membershipsOf(j3, b)[0];
    const l1 = (await leave(mb.id, { date: dayFrom(today, -1) }, 200)).body;
    assert.deepEqual(membershipsOf(l1, b), [{ ...mb, left_on: dayFrom(today, -1) }]);
    assert.deepEqual([l1.members_now, l1.version], [2, g.version]);
    assert.deepEqual(l1.members.map((m) => m.person.id), [a.id, c.id, b.id], 'members now first, then those who left');
    const twice = await leave(mb.id, {}, 409);
    assert.deepEqual([twice.body.error.code, twice.body.error.field], ['conflict', null], 'a membership ends once');
    const leaveBad = async (member_id, body, field) =>
      assert.equal((await leave(member_id, body, 422, tokens.worker, g.id, false)).body.error.field, field, JSON.stringify(body));
    await leaveBad(ma.id, { date: dayFrom(today, -11) }, 'date'); // before she joined
    await leaveBad(ma.id, { date: dayFrom(today, 1) }, 'date');
    await leaveBad(ma.id, { date: '31.12.2025' }, 'date');
    await leaveBad(ma.id, { date: 5 }, 'date');
    await leaveBad(ma.id, { reason: 'moved' }, 'reason');
    await leave(987654321, {}, 404);
    await leave(ctx.demoCourse.members[1].id, {}, 404); // a membership of another group
    await leave(ctx.demoCourse.members[0].id, {}, 404, tokens.psychologist, ctx.demoCourse.id); // Karimova's: she may not see her
    await leave(ma.id, {}, 403, tokens.analyst);
    await leave(ma.id, {}, 404, tokens.ngo);
    await leave(ma.id, {}, 404, tokens.worker, 987654321);
    await call('POST', '/api/v1/groups/{id}/members/{member_id}/leave', { params: { id: g.id, member_id: ma.id }, token: tokens.worker, raw: '[]', contentType: 'application/json', expect: 400 });
    assert.deepEqual(await groupOf(g.id), l1, 'a refusal changes nothing');

    // Joining again: not back into the time she was a member; a new membership.
    await joinBad({ person_id: b.id, joined_on: dayFrom(today, -2) }, 'joined_on');
    const j4 = (await join({ person_id: b.id }, 201)).body;
    const bs = membershipsOf(j4, b);
    assert.deepEqual(bs.map((m) => [m.joined_on, m.left_on]), [[today, null], [dayFrom(today, -10), dayFrom(today, -1)]], 'two memberships: the open one, then the past one');
    assert.notEqual(bs[0].id, bs[1].id);
    assert.equal(j4.members_now, 3);
    // A person's groups: open memberships first, then past ones.
    assert.deepEqual(await personGroups(b), bs.map((m) => ({ ...m, group: g.name, kind: g.kind })));
    assert.deepEqual(await personGroups(a, tokens.lawyer), [{ ...ma, group: g.name, kind: g.kind }], 'for whoever sees the person');
    await call('GET', '/api/v1/persons/{id}/groups', { params: { id: b.id }, token: tokens.ngo, expect: 404 });
    ctx.groupPeople = { a, b, c, d };
  });

  it('POST and PATCH /api/v1/groups/{id}/sessions, GET a session: attendance of the members of its day, unregistered attendees, and each member\'s count', async () => {
    const g = ctx.group;
    const today = ctx.groupToday;
    const { a, b, c, d } = ctx.groupPeople;
    // Members: Баянова (a) from 10 days ago; Вахитова (b) from 10 days ago until yesterday, and
    // again from today; Гусейнова (c) from today; Дамирова (d) not yet.
    const post = (body, expect, token = tokens.worker, id = g.id, checkRequest = true) =>
      call('POST', '/api/v1/groups/{id}/sessions', { params: { id }, token, body, expect, checkRequest });
    const patch = (session_id, body, expect, token = tokens.worker, id = g.id, checkRequest = true) =>
      call('PATCH', '/api/v1/groups/{id}/sessions/{session_id}', { params: { id, session_id }, token, body, expect, checkRequest });

    const r1 = await post({ held_on: dayFrom(today, -8), topic: '  Танысу  ', unregistered: 2, note: ' First.\nA good start. ', present: [a.id, b.id] }, 201);
    const s1 = r1.body;
    assert.equal(r1.headers.get('location'), `/api/v1/groups/${g.id}/sessions/${s1.id}`);
    assert.deepEqual(s1, {
      id: s1.id, group_id: g.id, held_on: dayFrom(today, -8), topic: 'Танысу', unregistered: 2, note: 'First.\nA good start.', present: 2,
      attendance: [{ person: ref(a), present: true }, { person: ref(b), present: true }],
    }, 'the members of its day, by family name');
    assert.deepEqual(await sessionOf(g.id, s1.id), s1, 'GET after POST differs from the POST answer');
    // Every role but analysts records sessions; the members not listed are absent.
    const s2 = (await post({ held_on: dayFrom(today, -2), topic: 'Дүкенде', present: [a.id] }, 201, tokens.psychologist)).body;
    assert.deepEqual([s2.unregistered, s2.note, s2.present], [0, null, 1]);
    assert.deepEqual(marks(s2), [['Баянова', true], ['Вахитова', false]], 'Вахитова was a member until yesterday');
    // By default today; the members of today.
    const s3 = (await post({ topic: 'Тіл', present: [b.id, c.id] }, 201)).body;
    assert.equal(s3.held_on, today);
    assert.deepEqual(marks(s3), [['Баянова', false], ['Вахитова', true], ['Гусейнова', true]]);
    assert.equal(s3.present, 2);
    const g3 = await groupOf(g.id);
    assert.deepEqual(g3.sessions, [s3, s2, s1].map(sessionCore), 'newest first');
    assert.equal(g3.sessions_held, 3);
    // Of the sessions held while a member, those they came to.
    assert.deepEqual(tally(g3), [['Баянова', null, 2, 3], ['Вахитова', null, 1, 1], ['Гусейнова', null, 1, 1], ['Вахитова', dayFrom(today, -1), 1, 2]]);
    assert.deepEqual((await personGroups(b)).map((m) => [m.left_on, m.sessions_attended, m.sessions_held]), [[null, 1, 1], [dayFrom(today, -1), 1, 2]]);

    // Each rule by name; nothing saved.
    const postBad = async (body, field, token = tokens.worker, id = g.id) =>
      assert.equal((await post(body, 422, token, id, false)).body.error.field, field, JSON.stringify(body).slice(0, 80));
    const t = { topic: 'X' };
    assert.deepEqual((await post({}, 422, tokens.worker, g.id, false)).body.error.fields.map((f) => f.field), ['topic']);
    await postBad({ ...t, held_on: dayFrom(today, -8), present: [c.id] }, 'present'); // not a member on that day
    await postBad({ ...t, present: [d.id] }, 'present'); // not a member
    await postBad({ ...t, present: [(await ngoPerson()).id] }, 'present');
    await postBad({ ...t, present: [ctx.groupKarimova.id] }, 'present', tokens.psychologist, ctx.demoCourse.id); // one she may not see
    await postBad({ ...t, held_on: dayFrom(today, 1) }, 'held_on');
    await postBad({ ...t, held_on: dayFrom(today, -21) }, 'held_on'); // before the group started
    await postBad({ ...t, held_on: '2026-02-30' }, 'held_on');
    await postBad({ topic: '   ' }, 'topic');
    await postBad({ topic: 'Two\nlines' }, 'topic');
    await postBad({ topic: 'x'.repeat(301) }, 'topic');
    await postBad({ ...t, unregistered: -1 }, 'unregistered');
    await postBad({ ...t, unregistered: 10001 }, 'unregistered');
    await postBad({ ...t, unregistered: '3' }, 'unregistered');
    await postBad({ ...t, unregistered: 1.5 }, 'unregistered');
    await postBad({ ...t, unregistered: null }, 'unregistered');
    await postBad({ ...t, present: null }, 'present');
    await postBad({ ...t, present: a.id }, 'present');
    await postBad({ ...t, present: [0] }, 'present');
    await postBad({ ...t, present: [String(a.id)] }, 'present');
    await postBad({ ...t, present: Array(501).fill(a.id) }, 'present');
    await postBad({ ...t, note: 'ә'.repeat(2001) }, 'note');
    await postBad({ ...t, version: 1 }, 'version');
    await post(t, 403, tokens.analyst);
    await post(t, 404, tokens.ngo);
    await post(t, 404, tokens.worker, 987654321);
    await call('POST', '/api/v1/groups/{id}/sessions', { params: { id: g.id }, token: tokens.worker, raw: '"topic"', contentType: 'application/json', expect: 400 });
    assert.deepEqual(await groupOf(g.id), g3, 'a refusal records nothing');

    // A member of a session's day who joined after it was saved is not marked (present null).
    const j = (await call('POST', '/api/v1/groups/{id}/members', { params: { id: g.id }, token: tokens.worker, body: { person_id: d.id, joined_on: dayFrom(today, -2) }, expect: 201 })).body;
    assert.deepEqual(tally(j).find((x) => x[0] === 'Дамирова'), ['Дамирова', null, 0, 2]);
    const s2b = await sessionOf(g.id, s2.id);
    assert.deepEqual(marks(s2b), [['Баянова', true], ['Вахитова', false], ['Дамирова', null]]);
    assert.deepEqual(sessionCore(s2b), sessionCore(s2), 'the session is as it was');

    // PATCH: the members sent change, the others are kept; present marks the members of the day again.
    const p1 = (await patch(s2.id, { present: [b.id, d.id], unregistered: 3, note: '  Rain.  ' }, 200)).body;
    assert.deepEqual(p1, { ...s2, unregistered: 3, note: 'Rain.', present: 2,
      attendance: [{ person: ref(a), present: false }, { person: ref(b), present: true }, { person: ref(d), present: true }] });
    assert.deepEqual(await sessionOf(g.id, s2.id), p1, 'as GET reads it');
    assert.deepEqual(tally(await groupOf(g.id)), [['Баянова', null, 1, 3], ['Вахитова', null, 1, 1], ['Гусейнова', null, 1, 1],
      ['Дамирова', null, 1, 2], ['Вахитова', dayFrom(today, -1), 2, 2]]);
    // Moved to a day when the person named was not a member: refused, nothing saved.
    const patchBad = async (session_id, body, field, token = tokens.worker, id = g.id) =>
      assert.equal((await patch(session_id, body, 422, token, id, false)).body.error.field, field, JSON.stringify(body).slice(0, 80));
    await patchBad(s2.id, { held_on: dayFrom(today, -12), present: [a.id] }, 'present');
    await patchBad(s2.id, { held_on: dayFrom(today, 1), present: [a.id] }, 'held_on');
    await patchBad(s2.id, { held_on: dayFrom(today, -21), present: [a.id] }, 'held_on');
    await patchBad(s2.id, { topic: null, present: [a.id] }, 'topic');
    await patchBad(s2.id, { unregistered: null, present: [a.id] }, 'unregistered');
    await patchBad(s2.id, { present: null }, 'present');
    await patchBad(s2.id, { present: [c.id] }, 'present'); // Гусейнова joined today
    await patchBad(s2.id, { version: 1, present: [a.id] }, 'version');
    // The session as GET gave it is not a change: its read-only members are unknown fields.
    const back = (await patch(s2.id, { ...p1 }, 422, tokens.worker, g.id, false)).body.error.fields.map((f) => f.field);
    for (const f of ['id', 'group_id', 'present', 'attendance'])
      assert.ok(back.includes(f), `${f} sent back is a field error: ${back.join(', ')}`);
    await patch(s2.id, { present: [a.id] }, 403, tokens.analyst);
    await patch(s2.id, { present: [a.id] }, 404, tokens.ngo);
    await patch(987654321, { present: [a.id] }, 404);
    await patch(ctx.demoCourse.sessions[0].id, { present: [a.id] }, 404); // a session of another group
    await patch(s2.id, { present: [a.id] }, 404, tokens.worker, 987654321);
    await call('PATCH', '/api/v1/groups/{id}/sessions/{session_id}', { params: { id: g.id, session_id: s2.id }, token: tokens.worker, raw: 'present=1', contentType: 'application/json', expect: 400 });
    assert.deepEqual(await sessionOf(g.id, s2.id), p1, 'a refusal changes nothing');
    // Moved to another day: the marks of those who were not members then go.
    const p2 = (await patch(s2.id, { held_on: dayFrom(today, -9), present: [a.id, b.id] }, 200, tokens.lawyer)).body;
    assert.deepEqual(p2, { ...p1, held_on: dayFrom(today, -9), present: 2,
      attendance: [{ person: ref(a), present: true }, { person: ref(b), present: true }] }, 'Дамирова joined after that day');
    const g4 = await groupOf(g.id);
    assert.deepEqual(g4.sessions.map((s) => s.id), [s3.id, s1.id, s2.id], 'newest first');
    assert.deepEqual(tally(g4), [['Баянова', null, 2, 3], ['Вахитова', null, 1, 1], ['Гусейнова', null, 1, 1],
      ['Дамирова', null, 0, 1], ['Вахитова', dayFrom(today, -1), 2, 2]]);
    assert.deepEqual((await personGroups(d)).map((m) => [m.sessions_attended, m.sessions_held]), [[0, 1]]);
    // A change that does not name who came keeps the marks; a member of the day without one is
    // marked absent (Дамирова joined after the session of today was saved).
    assert.deepEqual(marks(await sessionOf(g.id, s3.id)), [['Баянова', false], ['Вахитова', true], ['Гусейнова', true], ['Дамирова', null]]);
    const kept = (await patch(s3.id, { note: 'Only the note.', unregistered: 1 }, 200)).body;
    assert.deepEqual(kept, { ...s3, note: 'Only the note.', unregistered: 1,
      attendance: [...s3.attendance, { person: ref(d), present: false }] });
    const s1now = await sessionOf(g.id, s1.id);
    assert.deepEqual(marks(s1now), [['Баянова', true], ['Вахитова', true]]);
    assert.deepEqual((await patch(s1.id, { topic: 'Танысу кеші' }, 200)).body, { ...s1now, topic: 'Танысу кеші' });

    // A member the user may not see keeps her mark, and cannot be named.
    const demo = ctx.demoCourse;
    const second = demo.sessions[0];
    const before = await sessionOf(demo.id, second.id);
    const keep = before.attendance.filter((x) => x.present && x.person.family_name !== 'Karimova').map((x) => x.person.id);
    const psy = (await patch(second.id, { present: keep }, 200, tokens.psychologist, demo.id)).body;
    assert.deepEqual(psy.attendance[0], { person: null, present: null });
    assert.deepEqual(sessionCore(psy), sessionCore(before), 'her mark is kept: the count counts her');
    assert.deepEqual(await sessionOf(demo.id, second.id), before, 'the demo session is as it was');
    await patchBad(second.id, { present: [...keep, ctx.groupKarimova.id] }, 'present', tokens.psychologist, demo.id);

    // A closed group takes no member and no session; its members may still leave.
    const closed = (await call('PATCH', '/api/v1/groups/{id}', { params: { id: g.id }, token: tokens.worker, body: { version: g.version, active: false }, expect: 200 })).body;
    assert.equal(closed.active, false);
    assert.equal((await call('POST', '/api/v1/groups/{id}/members', { params: { id: g.id }, token: tokens.worker, body: { person_id: ctx.person.id }, expect: 422 })).body.error.field, 'person_id');
    await postBad(t, 'held_on');
    await patchBad(s3.id, { present: [] }, 'held_on');
    const mc = membershipsOf(closed, c)[0];
    const leave = (expect) => call('POST', '/api/v1/groups/{id}/members/{member_id}/leave', { params: { id: g.id, member_id: mc.id }, token: tokens.worker, body: {}, expect });
    assert.equal((await leave(422)).body.error.field, 'date', 'nobody leaves a closed group');
    assert.deepEqual(await groupOf(g.id), closed, 'a closed group is as it was');
    const open = (await call('PATCH', '/api/v1/groups/{id}', { params: { id: g.id }, token: tokens.worker, body: { version: closed.version, active: true }, expect: 200 })).body;
    assert.deepEqual([open.active, open.members_now, open.sessions_held], [true, 4, 3]);
    const left = (await leave(200)).body;
    assert.deepEqual(membershipsOf(left, c).map((m) => m.left_on), [today], 'by default today');
    assert.deepEqual([left.members_now, left.version], [3, open.version]);
    ctx.group = left;
  });

  // One line per person and day: joining again on the day one left is refused (a person would
  // otherwise be two members of that day's session).
  it('a person who left a group cannot join it again the same day', async () => {
    const today = ctx.groupToday;
    const g = (await call('POST', '/api/v1/groups', { token: tokens.worker, body: { kind: 'training', name: 'Same day (test)' }, expect: 201 })).body;
    const e = await lodger('Ержанова', 'Мәдина', '1987-04-05');
    const j = (await call('POST', '/api/v1/groups/{id}/members', { params: { id: g.id }, token: tokens.worker, body: { person_id: e.id }, expect: 201 })).body;
    await call('POST', '/api/v1/groups/{id}/members/{member_id}/leave', { params: { id: g.id, member_id: j.members[0].id }, token: tokens.worker, body: { date: today }, expect: 200 });
    const again = await call('POST', '/api/v1/groups/{id}/members', { params: { id: g.id }, token: tokens.worker, body: { person_id: e.id }, expect: 422 });
    assert.equal(again.body.error.field, 'joined_on');
    const s = (await call('POST', '/api/v1/groups/{id}/sessions', { params: { id: g.id }, token: tokens.worker, body: { topic: 'Once', present: [e.id] }, expect: 201 })).body;
    assert.deepEqual(marks(s), [['Ержанова', true]]);
  });

  // ---- campaigns (campaigns.c; demo.c: demo_campaign). The demo's fund, of the first
  // organisation and kept by the supervisor: a winter-clothing campaign in KZT that started 20
  // days ago, with a goal of 2 000 000 KZT; the donations of its first day: 500 000 KZT from an
  // association, 25 000 KZT from a private person, 10 000 KZT from someone anonymous, 200 USD
  // from Jane Miller, and 40 children's jackets in kind worth 800 000 KZT; and one spending of
  // today, 150 000 KZT. Amounts are minor units (tiyn, cents). The tests below leave the demo's
  // fund as it was and work in campaigns they start.

  const campaignOf = async (id, token = tokens.supervisor, expect = 200) =>
    (await call('GET', '/api/v1/campaigns/{id}', { params: { id }, token, expect })).body;
  const campaignList = async (token = tokens.supervisor) =>
    (await call('GET', '/api/v1/campaigns', { token, expect: 200 })).body.items;
  /* The members a CampaignDetail shares with the Campaign of the list, but the balances. */
  const campaignCore = ({ donation_list, spending_list, balances, ...rest }) => rest;
  /* Each currency's figures as [currency, received, spent, balance, in_kind]. */
  const figures = (k) => k.balances.map((b) => [b.currency, b.received, b.spent, b.balance, b.in_kind]);
  /* The fund adds up: in every currency received − spent = balance, never below zero, and the
   * figures are those of the donations and spendings listed. */
  const addsUp = (k) => {
    for (const b of k.balances) {
      assert.equal(b.received - b.spent, b.balance, `${b.currency}: received − spent = balance in ${JSON.stringify(b)}`);
      assert.ok(b.balance >= 0, `${b.currency}: never below zero`);
      const money = k.donation_list.filter((x) => x.kind === 'money' && x.currency === b.currency);
      const kind = k.donation_list.filter((x) => x.kind === 'in_kind' && x.currency === b.currency);
      const spent = k.spending_list.filter((x) => x.currency === b.currency);
      assert.equal(b.received, money.reduce((s, x) => s + x.amount, 0), `${b.currency}: received is the money donations listed`);
      assert.equal(b.spent, spent.reduce((s, x) => s + x.amount, 0), `${b.currency}: spent is the spendings listed`);
      assert.equal(b.in_kind, kind.reduce((s, x) => s + (x.amount ?? 0), 0), `${b.currency}: in_kind is the gifts in kind listed`);
    }
    assert.equal(k.balances[0].currency, k.currency, 'the campaign\'s own currency first');
    assert.deepEqual([k.donations, k.spendings], [k.donation_list.length, k.spending_list.length]);
  };

  it('GET /api/v1/campaigns and /api/v1/campaigns/{id}: the demo fund as each role sees it, adding up in each currency; 404 for another organisation\'s, 403 for analysts', async () => {
    const list = await campaignList();
    const demo = list.find((k) => k.name.endsWith('(demo)'));
    assert.ok(demo, `the demo's fund is listed: ${JSON.stringify(list)}`);
    const k = await campaignOf(demo.id);
    const today = k.spending_list[0].spent_on;
    const started = dayFrom(today, -20);
    assert.deepEqual([demo.currency, demo.goal, demo.starts_on, demo.ends_on, demo.active, demo.donations, demo.spendings, demo.version],
      ['KZT', 200000000, started, null, true, 5, 1, 1]);
    assert.deepEqual(figures(demo), [['KZT', 53500000, 15000000, 38500000, 80000000]], 'the list: its own currency only');
    assert.deepEqual(campaignCore(k), campaignCore(demo), 'the campaign reads as listed');
    assert.deepEqual(figures(k), [['KZT', 53500000, 15000000, 38500000, 80000000], ['USD', 20000, 0, 20000, 0]],
      'dollars apart from tenge; the gift in kind beside the money, never in the balance');
    addsUp(k);
    assert.deepEqual(k.donation_list.map((x) => [x.donor, x.donor_kind, x.kind, x.amount, x.currency, x.received_on, x.description, x.recorded_by]), [
      ['«Ана мен бала» дүкені', 'organisation', 'in_kind', 80000000, 'KZT', started, '40 балалар күртешесі', 'supervisor'],
      ['Jane Miller', 'person', 'money', 20000, 'USD', started, null, 'supervisor'],
      [null, 'anonymous', 'money', 1000000, 'KZT', started, null, 'supervisor'],
      ['Сейітжанова Әлия', 'person', 'money', 2500000, 'KZT', started, null, 'supervisor'],
      ['Алматы кәсіпкерлер қауымдастығы', 'organisation', 'money', 50000000, 'KZT', started, null, 'supervisor'],
    ], 'newest first, then newest id; the anonymous donor unnamed');
    assert.deepEqual(k.spending_list.map((x) => [x.campaign_id, x.amount, x.currency, x.spent_on, x.purpose, x.note, x.services]),
      [[k.id, 15000000, 'KZT', today, 'Қысқы аяқ киім, 12 жұп', null, []]]);
    // Every role but analysts reads the fund of its organisation, donors named.
    for (const token of [tokens.worker, tokens.psychologist, tokens.lawyer, tokens.admin])
      assert.deepEqual(await campaignOf(k.id, token), k);
    // Another organisation's campaign does not exist for the user; an analyst reads none.
    tokens.ngoSupervisor ??= await login('ngo-supervisor');
    assert.deepEqual(await campaignList(tokens.ngoSupervisor), [], 'the NGO has no campaign');
    await campaignOf(k.id, tokens.ngoSupervisor, 404);
    await campaignOf(k.id, tokens.ngo, 404);
    await campaignOf(987654321, tokens.supervisor, 404);
    await call('GET', '/api/v1/campaigns', { token: tokens.analyst, expect: 403 });
    await campaignOf(k.id, tokens.analyst, 403);
    Object.assign(ctx, { demoFund: k, fundToday: today });
  });

  it('POST and PATCH /api/v1/campaigns: administrators and supervisors keep campaigns; 409 on a stale version; 422 naming the field', async () => {
    const today = ctx.fundToday;
    const input = {
      name: '  Мектепке дайындық (test)  ', purpose: '  Дәптер мен сөмке.\nБалаларға.  ', currency: 'KZT', goal: 50000000,
      starts_on: dayFrom(today, -5), ends_on: dayFrom(today, 30), active: true,
    };
    const r = await call('POST', '/api/v1/campaigns', { token: tokens.supervisor, body: input, expect: 201 });
    const k = r.body;
    assert.equal(r.headers.get('location'), `/api/v1/campaigns/${k.id}`);
    assert.deepEqual(k, {
      id: k.id, version: 1, org_id: ctx.demoFund.org_id, name: 'Мектепке дайындық (test)', purpose: 'Дәптер мен сөмке.\nБалаларға.',
      currency: 'KZT', goal: 50000000, starts_on: input.starts_on, ends_on: input.ends_on, active: true, donations: 0, spendings: 0,
      balances: [{ currency: 'KZT', received: 0, spent: 0, balance: 0, in_kind: 0 }], donation_list: [], spending_list: [],
    }, 'trimmed; its currency at 0');
    assert.deepEqual(await campaignOf(k.id), k, 'GET after POST differs from the POST answer');
    const { donation_list: _d, spending_list: _s, ...listed } = k;
    assert.deepEqual((await campaignList()).find((x) => x.id === k.id), listed, 'listed');
    // Administrators start campaigns too; by default in tenge, open, with no goal.
    const bare = (await call('POST', '/api/v1/campaigns', { token: tokens.admin, body: { name: 'Bare fund (test)', goal: null }, expect: 201 })).body;
    assert.deepEqual([bare.currency, bare.goal, bare.purpose, bare.starts_on, bare.active], ['KZT', null, null, null, true]);
    const usd = (await call('POST', '/api/v1/campaigns', { token: tokens.supervisor, body: { name: 'Dollar fund (test)', currency: 'USD', active: false }, expect: 201 })).body;
    assert.deepEqual([usd.currency, usd.active, figures(usd)], ['USD', false, [['USD', 0, 0, 0, 0]]]);
    const order = (await campaignList()).map((x) => x.id);
    assert.ok(order.indexOf(usd.id) > order.indexOf(bare.id) && order.indexOf(usd.id) > order.indexOf(k.id), 'closed campaigns after the open ones');
    for (const token of [tokens.worker, tokens.psychologist, tokens.lawyer, tokens.analyst, tokens.ngo])
      await call('POST', '/api/v1/campaigns', { token, body: { name: 'Not allowed' }, expect: 403 });

    // 422: each field at fault by name.
    const count = (await campaignList()).length;
    const bad = async (body, field) => {
      const x = await call('POST', '/api/v1/campaigns', { token: tokens.supervisor, body, expect: 422, checkRequest: false });
      assert.equal(x.body.error.field, field, `${JSON.stringify(body).slice(0, 80)} names ${x.body.error.field}, not ${field}`);
      return x.body.error.fields.map((f) => f.field);
    };
    assert.deepEqual(await bad({}, 'name'), ['name']);
    const n = { name: 'X' };
    await bad({ name: '   ' }, 'name');
    await bad({ name: 'Two\nlines' }, 'name');
    await bad({ name: 'x'.repeat(201) }, 'name');
    await bad({ name: 5 }, 'name');
    await bad({ ...n, purpose: 'ә'.repeat(2001) }, 'purpose');
    await bad({ ...n, currency: 'usd' }, 'currency');
    await bad({ ...n, currency: 'KZTT' }, 'currency');
    await bad({ ...n, currency: 398 }, 'currency');
    await bad({ ...n, goal: 0 }, 'goal');
    await bad({ ...n, goal: -5 }, 'goal');
    await bad({ ...n, goal: 10000000001 }, 'goal');
    await bad({ ...n, goal: '100' }, 'goal');
    await bad({ ...n, goal: 12500.5 }, 'goal');
    await bad({ ...n, starts_on: '01.11.2026' }, 'starts_on');
    await bad({ ...n, ends_on: '2026-02-30' }, 'ends_on');
    await bad({ ...n, starts_on: today, ends_on: dayFrom(today, -1) }, 'ends_on');
    await bad({ ...n, active: null }, 'active');
    await bad({ ...n, active: 'yes' }, 'active');
    await bad({ ...n, version: 1 }, 'version');
    await bad({ ...n, balances: [] }, 'balances');
    assert.deepEqual((await bad({ name: '', currency: 'tenge', goal: 0 }, 'goal')).sort(), ['currency', 'goal', 'name'], 'every field at fault');
    await call('POST', '/api/v1/campaigns', { token: tokens.supervisor, raw: '[]', contentType: 'application/json', expect: 400 });
    await call('POST', '/api/v1/campaigns', { token: tokens.supervisor, raw: '{"name": "a", "name": "b"}', contentType: 'application/json', expect: 400 });
    assert.equal((await campaignList()).length, count, 'a refusal starts no campaign');

    // PATCH: the members sent change, the others are kept; null clears.
    const patch = (body, expect, token = tokens.supervisor, id = k.id, checkRequest = true) =>
      call('PATCH', '/api/v1/campaigns/{id}', { params: { id }, token, body, expect, checkRequest });
    const p1 = (await patch({ version: 1, goal: null, purpose: null, ends_on: dayFrom(today, 60) }, 200, tokens.admin)).body;
    assert.deepEqual(p1, { ...k, version: 2, goal: null, purpose: null, ends_on: dayFrom(today, 60) }, 'members not sent are kept');
    const stale = await patch({ version: 1, name: 'Stale (test)' }, 409);
    assert.deepEqual([stale.body.error.code, stale.body.error.field], ['conflict', 'version'], 'a 409 names version');
    // The body is checked before the version: a stale change at fault is a 422.
    assert.equal((await patch({ version: 1, ends_on: dayFrom(today, -6) }, 422, tokens.supervisor, k.id, false)).body.error.field, 'ends_on');
    assert.equal((await patch({ name: 'No version' }, 422, tokens.supervisor, k.id, false)).body.error.field, 'version');
    assert.equal((await patch({ version: 0 }, 422, tokens.supervisor, k.id, false)).body.error.field, 'version');
    assert.equal((await patch({ version: '2' }, 422, tokens.supervisor, k.id, false)).body.error.field, 'version');
    assert.equal((await patch({ version: 2, name: null }, 422, tokens.supervisor, k.id, false)).body.error.field, 'name');
    assert.equal((await patch({ version: 2, goal: 0 }, 422, tokens.supervisor, k.id, false)).body.error.field, 'goal');
    // The campaign as GET gave it is not a change: its read-only members are unknown fields.
    const back = (await patch({ ...p1 }, 422, tokens.supervisor, k.id, false)).body.error.fields.map((f) => f.field);
    for (const f of ['id', 'org_id', 'donations', 'spendings', 'balances', 'donation_list', 'spending_list'])
      assert.ok(back.includes(f), `${f} sent back is a field error: ${back.join(', ')}`);
    assert.deepEqual(await campaignOf(k.id), p1, 'a 409 and a 422 save nothing');
    for (const token of [tokens.worker, tokens.psychologist, tokens.lawyer, tokens.analyst, tokens.ngo])
      await patch({ version: 2 }, 403, token);
    await patch({ version: 2 }, 404, tokens.ngoSupervisor);
    await patch({ version: 1 }, 404, tokens.supervisor, 987654321);
    await call('PATCH', '/api/v1/campaigns/{id}', { params: { id: k.id }, token: tokens.supervisor, raw: 'version=2', contentType: 'application/json', expect: 400 });
    // Currency null goes back to tenge.
    const p2 = (await patch({ version: 2, currency: 'EUR' }, 200)).body;
    assert.deepEqual([p2.version, p2.currency, figures(p2)], [3, 'EUR', [['EUR', 0, 0, 0, 0]]]);
    const p3 = (await patch({ version: 3, currency: null }, 200)).body;
    assert.deepEqual({ ...p3, version: 0 }, { ...p1, version: 0 });
    ctx.campaign = p3;
  });

  it('POST /api/v1/campaigns/{id}/donations and /spendings: received − spent = balance in each currency; a spending beyond it is refused; a closed campaign takes no donations', async () => {
    const today = ctx.fundToday;
    const k0 = (await call('POST', '/api/v1/campaigns', { token: tokens.supervisor, body: { name: 'Балансы (test)' }, expect: 201 })).body;
    const give = (body, expect, token = tokens.supervisor, id = k0.id, checkRequest = true) =>
      call('POST', '/api/v1/campaigns/{id}/donations', { params: { id }, token, body, expect, checkRequest });
    const spend = (body, expect, token = tokens.supervisor, id = k0.id, checkRequest = true) =>
      call('POST', '/api/v1/campaigns/{id}/spendings', { params: { id }, token, body, expect, checkRequest });

    // Money in tenge and in dollars; gifts in kind beside it.
    const k1 = (await give({ donor: '  Ахметов Серік  ', amount: 1000000, currency: 'KZT', received_on: dayFrom(today, -2), note: ' Қолма-қол. ' }, 201)).body;
    assert.deepEqual(k1.donation_list, [{
      id: k1.donation_list[0].id, campaign_id: k0.id, donor: 'Ахметов Серік', donor_kind: 'person', kind: 'money', currency: 'KZT',
      received_on: dayFrom(today, -2), description: null, note: 'Қолма-қол.', recorded_by: 'supervisor', amount: 1000000,
    }], 'a donor named is a person, by default');
    assert.deepEqual(campaignCore(k1), { ...campaignCore(k0), donations: 1 });
    assert.deepEqual(await campaignOf(k0.id), k1, 'as GET reads it');
    const k2 = (await give({ donor_kind: 'anonymous', donor: 'Not kept', amount: 5000, currency: 'USD' }, 201, tokens.admin)).body;
    assert.deepEqual(k2.donation_list[0], { ...k2.donation_list[0], donor: null, donor_kind: 'anonymous', received_on: today, recorded_by: 'admin' },
      'an anonymous donor is not named; by default today');
    await give({ amount: 250000, currency: 'KZT' }, 201); // nobody named: anonymous
    await give({ donor_kind: 'organisation', donor: 'Дүкен', kind: 'in_kind', description: 'Жылы көрпелер', amount: 300000, currency: 'KZT' }, 201);
    await give({ donor: 'Көрші', kind: 'in_kind', description: 'Киім' }, 201); // of no known value
    const k3 = (await give({ donor: 'Anna Weber', kind: 'in_kind', description: 'Winter boots', amount: 12000, currency: 'EUR' }, 201)).body;
    assert.deepEqual(k3.donation_list.find((x) => x.donor === 'Көрші'), { ...k3.donation_list.find((x) => x.donor === 'Көрші'), amount: null, currency: null });
    assert.equal(k3.donation_list.find((x) => x.donor === null && x.currency === 'KZT').donor_kind, 'anonymous');
    assert.deepEqual(figures(k3), [['KZT', 1250000, 0, 1250000, 300000], ['EUR', 0, 0, 0, 12000], ['USD', 5000, 0, 5000, 0]],
      'the campaign\'s currency first, then the others by code');
    addsUp(k3);

    // Spendings: each from the balance of its currency, never beyond it.
    const services = (await call('GET', '/api/v1/services', { token: tokens.supervisor, query: { limit: 2 }, expect: 200 })).body.items.map((s) => s.id);
    assert.ok(services.length === 2, 'the first organisation has services delivered');
    const s1 = (await spend({ amount: 400000, currency: 'KZT', spent_on: dayFrom(today, -1), purpose: '  Азық-түлік  ', services: [services[1], services[0], services[1]] }, 201)).body;
    assert.deepEqual(s1.spending_list, [{
      id: s1.spending_list[0].id, campaign_id: k0.id, amount: 400000, currency: 'KZT', spent_on: dayFrom(today, -1), purpose: 'Азық-түлік',
      note: null, recorded_by: 'supervisor', services: [...services].sort((a, b) => a - b),
    }], 'trimmed; each service once, ascending');
    assert.deepEqual(figures(s1)[0], ['KZT', 1250000, 400000, 850000, 300000]);
    addsUp(s1);
    const refused = async (body, field) => {
      const x = await spend(body, 422, tokens.supervisor, k0.id, false);
      assert.equal(x.body.error.field, field, `${JSON.stringify(body).slice(0, 80)} names ${x.body.error.field}, not ${field}`);
      return x.body.error.fields.map((f) => f.field);
    };
    await refused({ amount: 850001, currency: 'KZT', purpose: 'Too much' }, 'amount');
    await refused({ amount: 5001, currency: 'USD', purpose: 'Too much' }, 'amount');
    await refused({ amount: 1, currency: 'EUR', purpose: 'Gifts in kind are not money' }, 'amount');
    await refused({ amount: 1, currency: 'GBP', purpose: 'Never held' }, 'amount');
    assert.deepEqual(await campaignOf(k0.id), s1, 'a refused spending writes nothing');
    const s2 = (await spend({ amount: 850000, currency: 'KZT', purpose: 'The rest', note: 'All of it.' }, 201, tokens.admin)).body;
    assert.deepEqual(figures(s2)[0], ['KZT', 1250000, 1250000, 0, 300000], 'down to zero, not below');
    await refused({ amount: 1, currency: 'KZT', purpose: 'Nothing left' }, 'amount');
    const s3 = (await spend({ amount: 5000, currency: 'USD', purpose: 'Dollars' }, 201)).body;
    assert.deepEqual(figures(s3), [['KZT', 1250000, 1250000, 0, 300000], ['EUR', 0, 0, 0, 12000], ['USD', 5000, 5000, 0, 0]]);
    addsUp(s3);
    assert.deepEqual(s3.spending_list.map((x) => [x.amount, x.currency, x.spent_on]), [[5000, 'USD', today], [850000, 'KZT', today], [400000, 'KZT', dayFrom(today, -1)]],
      'newest first, then newest id');
    const more = (await give({ donor: 'Ахметов Серік', amount: 70000, currency: 'KZT' }, 201)).body;
    assert.deepEqual(figures(more)[0], ['KZT', 1320000, 1250000, 70000, 300000], 'a new donation adds to what is left');
    addsUp(more);

    // Each rule by name; nothing saved.
    assert.deepEqual((await refused({}, 'amount')).sort(), ['amount', 'currency', 'purpose']);
    const x = { amount: 100, currency: 'KZT', purpose: 'X' };
    await refused({ ...x, amount: 0 }, 'amount');
    await refused({ ...x, amount: null }, 'amount');
    await refused({ ...x, amount: '100' }, 'amount');
    await refused({ ...x, amount: 10000000001 }, 'amount');
    await refused({ ...x, currency: 'kzt' }, 'currency');
    await refused({ ...x, currency: null }, 'currency');
    await refused({ ...x, purpose: '  ' }, 'purpose');
    await refused({ ...x, purpose: 'Two\nlines' }, 'purpose');
    await refused({ ...x, purpose: 'x'.repeat(301) }, 'purpose');
    await refused({ ...x, spent_on: dayFrom(today, 1) }, 'spent_on');
    await refused({ ...x, spent_on: '2026-13-01' }, 'spent_on');
    await refused({ ...x, note: 'ә'.repeat(2001) }, 'note');
    await refused({ ...x, services: null }, 'services');
    await refused({ ...x, services: services[0] }, 'services');
    await refused({ ...x, services: [0] }, 'services');
    await refused({ ...x, services: Array(51).fill(services[0]) }, 'services');
    await refused({ ...x, services: [987654321] }, 'services');
    await refused({ ...x, campaign_id: k0.id }, 'campaign_id');
    const gave = async (body, field) => {
      const r = await give(body, 422, tokens.supervisor, k0.id, false);
      assert.equal(r.body.error.field, field, `${JSON.stringify(body).slice(0, 80)} names ${r.body.error.field}, not ${field}`);
      return r.body.error.fields.map((f) => f.field);
    };
    assert.deepEqual((await gave({}, 'amount')).sort(), ['amount', 'currency'], 'money by default, from someone anonymous');
    const m = { donor: 'Y', amount: 100, currency: 'KZT' };
    await gave({ ...m, donor: null, donor_kind: 'person' }, 'donor');
    await gave({ ...m, donor: 'Two\nlines' }, 'donor');
    await gave({ ...m, donor: 'x'.repeat(301) }, 'donor');
    await gave({ ...m, donor_kind: 'company' }, 'donor_kind');
    await gave({ ...m, kind: 'goods' }, 'kind');
    await gave({ ...m, amount: 0 }, 'amount');
    await gave({ ...m, amount: -100 }, 'amount');
    await gave({ ...m, amount: 10000000001 }, 'amount');
    await gave({ ...m, currency: 'usd' }, 'currency');
    await gave({ ...m, currency: null }, 'currency');
    await gave({ ...m, received_on: dayFrom(today, 1) }, 'received_on');
    await gave({ ...m, received_on: '20.11.2026' }, 'received_on');
    await gave({ ...m, note: 'ә'.repeat(2001) }, 'note');
    await gave({ ...m, campaign: 1 }, 'campaign');
    await gave({ donor: 'Y', kind: 'in_kind' }, 'description');
    await gave({ donor: 'Y', kind: 'in_kind', description: 'Coats', currency: 'KZT' }, 'currency');
    await gave({ donor: 'Y', kind: 'in_kind', description: 'Coats', amount: 100 }, 'currency');
    await call('POST', '/api/v1/campaigns/{id}/donations', { params: { id: k0.id }, token: tokens.supervisor, raw: '"money"', contentType: 'application/json', expect: 400 });
    await call('POST', '/api/v1/campaigns/{id}/spendings', { params: { id: k0.id }, token: tokens.supervisor, raw: '[100]', contentType: 'application/json', expect: 400 });
    for (const token of [tokens.worker, tokens.psychologist, tokens.lawyer, tokens.analyst, tokens.ngo]) {
      await give(m, 403, token);
      await spend(x, 403, token);
    }
    await give(m, 404, tokens.ngoSupervisor);
    await spend(x, 404, tokens.ngoSupervisor);
    await give(m, 404, tokens.supervisor, 987654321);
    await spend(x, 404, tokens.supervisor, 987654321);
    assert.deepEqual(await campaignOf(k0.id), more, 'a refusal records nothing');

    // The fund keeps at most eight currencies.
    for (const currency of ['RUB', 'CNY', 'GBP', 'TRY', 'UZS'])
      await give({ donor: 'Z', amount: 100, currency }, 201);
    const eight = await campaignOf(k0.id);
    assert.deepEqual(eight.balances.map((b) => b.currency), ['KZT', 'CNY', 'EUR', 'GBP', 'RUB', 'TRY', 'USD', 'UZS']);
    addsUp(eight);
    await gave({ donor: 'Z', amount: 100, currency: 'KGS' }, 'currency');
    await give({ donor: 'Z', amount: 100, currency: 'GBP' }, 201);

    // A closed campaign takes no donations; what it holds may still be spent.
    const closed = (await call('PATCH', '/api/v1/campaigns/{id}', { params: { id: k0.id }, token: tokens.supervisor, body: { version: 1, active: false }, expect: 200 })).body;
    await gave(m, 'amount');
    const last = (await spend({ amount: 70000, currency: 'KZT', purpose: 'Closing' }, 201)).body;
    assert.deepEqual([last.active, figures(last)[0]], [false, ['KZT', 1320000, 1320000, 0, 300000]]);
    addsUp(last);
    assert.equal(last.donations, closed.donations);
    assert.deepEqual(await campaignOf(ctx.demoFund.id), ctx.demoFund, 'the demo fund is as it was');
  });

  // ---- events and publications (events.c; demo.c: demo_events). The demo's, of the first
  // organisation and recorded by 'worker': a round table 10 days ago with 14 migrants and 9
  // members of the host community, Ма Айгүл (speaker) and Тұрсынбаева Гүлнар (participant)
  // named among them; a Nauryz festival 3 days ago (60 and 45); and an information bulletin of
  // 500 copies out the same day. The tests below leave them as they were and work in events
  // they record.

  const eventOf = async (id, token = tokens.worker, expect = 200) =>
    (await call('GET', '/api/v1/events/{id}', { params: { id }, token, expect })).body;
  const eventList = async (token = tokens.worker, query) =>
    (await call('GET', '/api/v1/events', { token, query, expect: 200 })).body.items;
  const personEvents = async (person, token = tokens.worker) =>
    (await call('GET', '/api/v1/persons/{id}/events', { params: { id: person.id }, token, expect: 200 })).body.items;
  /* The members an EventDetail shares with the Event of the list. */
  const eventCore = ({ participants, ...rest }) => rest;
  /* Each participant as [family name, role]. */
  const named = (e) => e.participants.map((x) => [x.person?.family_name ?? null, x.role]);

  it('GET /api/v1/events and /api/v1/events/{id}: the demo\'s round table, festival and bulletin as each role sees them; a person\'s events; audited; 404 for another organisation\'s, 403 for analysts', async () => {
    const list = (await eventList()).filter((e) => e.title.endsWith('(demo)'));
    assert.deepEqual(list.map((e) => e.kind), ['publication', 'festival', 'round_table'], 'newest first, then newest id');
    const [bulletin, festival, table] = list;
    const today = dayFrom(festival.held_on, 3);
    assert.equal(table.held_on, dayFrom(today, -10));
    assert.deepEqual([table.form, table.function, table.means, table.migrants, table.hosts, table.named, table.medium, table.circulation, table.version],
      ['public_state', 'integration', 'policy', 14, 9, 2, null, 0, 1], 'a round table is public-state work, by default');
    assert.deepEqual([table.place, table.organisers, table.ends_on, table.description],
      ['Алматы, Абай даңғылы 10', 'Бейімдеу орталығы', null, null]);
    assert.match(table.results, /ұсыныс/);
    assert.deepEqual([festival.form, festival.means, festival.migrants, festival.hosts, festival.named, festival.partners, festival.results],
      ['collective', 'collective', 60, 45, 0, null, null]);
    assert.deepEqual([bulletin.form, bulletin.means, bulletin.medium, bulletin.circulation, bulletin.held_on, bulletin.place],
      ['public_state', 'collective', 'bulletin', 500, festival.held_on, null]);
    assert.ok(list.every((e) => e.org_id === table.org_id));
    // ?kind= keeps one kind.
    assert.deepEqual((await eventList(tokens.worker, { kind: 'publication' })).filter((e) => e.title.endsWith('(demo)')), [bulletin]);
    assert.ok((await eventList(tokens.worker, { kind: 'festival' })).every((e) => e.kind === 'festival'));
    for (const kind of ['fundraising', 'Festival', ''])
      assert.equal((await call('GET', '/api/v1/events', { token: tokens.worker, query: { kind }, expect: 422 })).body.error.field, 'kind');

    // The people named, by family name; every role but analysts sees them; audited under each.
    const e = await eventOf(table.id);
    assert.deepEqual(eventCore(e), table, 'the event reads as listed');
    assert.deepEqual(e.participants.map((x) => [x.event_id, x.person.family_name, x.person.given_name, x.role]),
      [[table.id, 'Ма', 'Айгүл', 'speaker'], [table.id, 'Тұрсынбаева', 'Гүлнар', 'participant']]);
    const [ma, gulnar] = e.participants.map((x) => x.person);
    await viewsOf('event.view', ma.id, 'a GET of an event naming her', () => eventOf(table.id, tokens.psychologist), 1);
    for (const token of [tokens.supervisor, tokens.lawyer, tokens.admin, tokens.psychologist])
      assert.deepEqual(await eventOf(table.id, token), e);
    assert.deepEqual((await eventOf(festival.id)).participants, [], 'nobody named');

    // A person's events: for whoever sees the person.
    const me = await viewsOf('event.view', gulnar.id, 'a GET of a person\'s events', () => personEvents(gulnar), 1);
    assert.deepEqual(me, [{ event_id: table.id, title: table.title, kind: 'round_table', held_on: table.held_on, role: 'participant' }]);
    assert.deepEqual(await personEvents(ctx.person), [], 'named nowhere: an empty list');
    for (const [token, id] of [[tokens.analyst, ma.id], [tokens.ngo, ma.id], [tokens.worker, 987654321]])
      await call('GET', '/api/v1/persons/{id}/events', { params: { id }, token, expect: 404 });

    // Another organisation's event does not exist for the user; an analyst reads none.
    assert.ok(!(await eventList(tokens.ngo)).some((x) => x.org_id === table.org_id), 'the NGO lists none of these');
    await eventOf(table.id, tokens.ngo, 404);
    await eventOf(987654321, tokens.worker, 404);
    await call('GET', '/api/v1/events', { token: tokens.analyst, expect: 403 });
    await eventOf(table.id, tokens.analyst, 403);
    Object.assign(ctx, { demoTable: e, eventsToday: today });
  });

  it('POST and PATCH /api/v1/events: every role but analysts records events and publications; defaults by kind; 409 on a stale version; 422 naming the field', async () => {
    const today = ctx.eventsToday;
    const input = {
      kind: 'conference', title: '  Көші-қон және еңбек нарығы (test)  ', held_on: dayFrom(today, 14), ends_on: dayFrom(today, 15),
      place: ' Алматы, Достық 5 ', organisers: 'Бейімдеу орталығы', partners: 'ХКҰ; ЮНИСЕФ', description: '  Екі күн.\nҮш секция.  ',
      results: null, migrants: 120, hosts: 80,
    };
    const r = await call('POST', '/api/v1/events', { token: tokens.worker, body: input, expect: 201 });
    const ev = r.body;
    assert.equal(r.headers.get('location'), `/api/v1/events/${ev.id}`);
    assert.deepEqual(ev, {
      id: ev.id, version: 1, org_id: ctx.demoTable.org_id, kind: 'conference', form: 'public_state', function: 'integration', means: 'policy',
      title: 'Көші-қон және еңбек нарығы (test)', held_on: input.held_on, ends_on: input.ends_on, place: 'Алматы, Достық 5',
      organisers: 'Бейімдеу орталығы', partners: 'ХКҰ; ЮНИСЕФ', description: 'Екі күн.\nҮш секция.', results: null,
      migrants: 120, hosts: 80, named: 0, medium: null, circulation: 0, participants: [],
    }, 'trimmed; the kind\'s form and means; planned ahead');
    assert.deepEqual(await eventOf(ev.id), ev, 'GET after POST differs from the POST answer');
    assert.deepEqual((await eventList()).find((x) => x.id === ev.id), eventCore(ev), 'listed');
    await eventOf(ev.id, tokens.ngo, 404);
    // Every role but analysts records; a publication has its medium and copies; form, function and means may be given.
    const pub = (await call('POST', '/api/v1/events', {
      token: tokens.psychologist, body: { kind: 'publication', title: 'Жаңа үй онлайн (test)', held_on: today, medium: 'online', circulation: 1000 }, expect: 201,
    })).body;
    assert.deepEqual([pub.form, pub.function, pub.means, pub.medium, pub.circulation, pub.migrants, pub.hosts], ['public_state', 'integration', 'collective', 'online', 1000, 0, 0]);
    const trip = (await call('POST', '/api/v1/events', {
      token: tokens.lawyer, body: { kind: 'excursion', title: 'Түркістанға саяхат (test)', held_on: dayFrom(today, -1), form: 'individual', function: 'adaptation', means: 'individual', circulation: 0 }, expect: 201,
    })).body;
    assert.deepEqual([trip.form, trip.function, trip.means, trip.medium, trip.circulation], ['individual', 'adaptation', 'individual', null, 0]);
    const order = (await eventList()).map((x) => x.id);
    assert.ok(order.indexOf(ev.id) < order.indexOf(pub.id) && order.indexOf(pub.id) < order.indexOf(trip.id), 'newest held_on first');
    assert.deepEqual((await eventList(tokens.worker, { kind: 'excursion' })).map((x) => x.id), [trip.id]);
    await call('POST', '/api/v1/events', { token: tokens.analyst, body: { kind: 'forum', title: 'Not allowed', held_on: today }, expect: 403 });

    // 422: each field at fault by name.
    const count = (await eventList()).length;
    const bad = async (body, field) => {
      const x = await call('POST', '/api/v1/events', { token: tokens.worker, body, expect: 422, checkRequest: false });
      assert.equal(x.body.error.field, field, `${JSON.stringify(body).slice(0, 80)} names ${x.body.error.field}, not ${field}`);
      return x.body.error.fields.map((f) => f.field);
    };
    assert.deepEqual((await bad({}, 'kind')).sort(), ['held_on', 'kind', 'title']);
    const k = { kind: 'festival', title: 'X', held_on: today };
    await bad({ ...k, kind: 'fundraising' }, 'kind'); // an activity, not an event
    await bad({ ...k, kind: 'Festival' }, 'kind');
    await bad({ ...k, kind: 3 }, 'kind');
    await bad({ ...k, form: 'club' }, 'form');
    await bad({ ...k, function: 'help' }, 'function');
    await bad({ ...k, means: 'money' }, 'means');
    await bad({ ...k, title: '   ' }, 'title');
    await bad({ ...k, title: 'Two\nlines' }, 'title');
    await bad({ ...k, title: 'x'.repeat(301) }, 'title');
    await bad({ ...k, held_on: null }, 'held_on');
    await bad({ ...k, held_on: '16.11.2026' }, 'held_on');
    await bad({ ...k, held_on: '2026-02-30' }, 'held_on');
    await bad({ ...k, ends_on: dayFrom(today, -1) }, 'ends_on');
    await bad({ ...k, place: 'ә'.repeat(501) }, 'place');
    await bad({ ...k, organisers: 'a\tb' }, 'organisers');
    await bad({ ...k, partners: 'Two\nlines' }, 'partners');
    await bad({ ...k, description: 'ә'.repeat(4001) }, 'description');
    await bad({ ...k, results: 'ә'.repeat(4001) }, 'results');
    await bad({ ...k, migrants: -1 }, 'migrants');
    await bad({ ...k, migrants: null }, 'migrants');
    await bad({ ...k, migrants: 1000001 }, 'migrants');
    await bad({ ...k, migrants: '5' }, 'migrants');
    await bad({ ...k, hosts: 1.5 }, 'hosts');
    await bad({ ...k, medium: 'bulletin' }, 'medium'); // only a publication
    await bad({ ...k, circulation: 100 }, 'circulation');
    await bad({ ...k, kind: 'publication' }, 'medium');
    await bad({ ...k, kind: 'publication', medium: 'tv' }, 'medium');
    await bad({ ...k, kind: 'publication', medium: 'journal', circulation: 1000001 }, 'circulation');
    await bad({ ...k, version: 1 }, 'version');
    await bad({ ...k, participants: [] }, 'participants');
    assert.deepEqual((await bad({ kind: 'party', title: '', held_on: 'today', hosts: -2 }, 'hosts')).sort(), ['held_on', 'hosts', 'kind', 'title'], 'every field at fault');
    await call('POST', '/api/v1/events', { token: tokens.worker, raw: '[]', contentType: 'application/json', expect: 400 });
    assert.equal((await eventList()).length, count, 'a refusal records no event');

    // PATCH: the members sent change, the others are kept; null clears.
    const patch = (body, expect, token = tokens.worker, id = ev.id, checkRequest = true) =>
      call('PATCH', '/api/v1/events/{id}', { params: { id }, token, body, expect, checkRequest });
    const p1 = (await patch({ version: 1, results: ' Ұсыныстар жіберілді. ', migrants: 130, partners: null }, 200, tokens.psychologist)).body;
    assert.deepEqual(p1, { ...ev, version: 2, results: 'Ұсыныстар жіберілді.', migrants: 130, partners: null }, 'members not sent are kept');
    const stale = await patch({ version: 1, title: 'Stale (test)' }, 409);
    assert.deepEqual([stale.body.error.code, stale.body.error.field], ['conflict', 'version'], 'a 409 names version');
    assert.equal((await patch({ version: 1, ends_on: dayFrom(today, 13) }, 422, tokens.worker, ev.id, false)).body.error.field, 'ends_on', 'the body is checked before the version');
    assert.equal((await patch({ title: 'No version' }, 422, tokens.worker, ev.id, false)).body.error.field, 'version');
    assert.equal((await patch({ version: 0 }, 422, tokens.worker, ev.id, false)).body.error.field, 'version');
    assert.equal((await patch({ version: '2' }, 422, tokens.worker, ev.id, false)).body.error.field, 'version');
    assert.equal((await patch({ version: 2, kind: null }, 422, tokens.worker, ev.id, false)).body.error.field, 'kind');
    assert.equal((await patch({ version: 2, title: '' }, 422, tokens.worker, ev.id, false)).body.error.field, 'title');
    assert.equal((await patch({ version: 2, held_on: null }, 422, tokens.worker, ev.id, false)).body.error.field, 'held_on');
    assert.equal((await patch({ version: 2, hosts: null }, 422, tokens.worker, ev.id, false)).body.error.field, 'hosts');
    const back = (await patch({ ...p1 }, 422, tokens.worker, ev.id, false)).body.error.fields.map((f) => f.field);
    for (const f of ['id', 'org_id', 'named', 'participants'])
      assert.ok(back.includes(f), `${f} sent back is a field error: ${back.join(', ')}`);
    assert.deepEqual(await eventOf(ev.id), p1, 'a 409 and a 422 save nothing');
    await patch({ version: 2 }, 403, tokens.analyst);
    await patch({ version: 2 }, 404, tokens.ngo);
    await patch({ version: 1 }, 404, tokens.worker, 987654321);
    await call('PATCH', '/api/v1/events/{id}', { params: { id: ev.id }, token: tokens.worker, raw: 'version=2', contentType: 'application/json', expect: 400 });
    // Another kind keeps the form and the means; null goes back to the kind's.
    const p2 = (await patch({ version: 2, kind: 'festival' }, 200)).body;
    assert.deepEqual([p2.version, p2.kind, p2.form, p2.means], [3, 'festival', 'public_state', 'policy']);
    const p3 = (await patch({ version: 3, form: null, means: null, function: null }, 200)).body;
    assert.deepEqual([p3.version, p3.form, p3.means, p3.function], [4, 'collective', 'collective', 'integration']);
    // A publication made another kind leaves its medium and copies in the same change.
    const pp = (body, expect) => patch(body, expect, tokens.worker, pub.id, expect === 200);
    assert.equal((await pp({ version: 1, kind: 'forum' }, 422)).body.error.field, 'medium');
    assert.equal((await pp({ version: 1, kind: 'forum', medium: null }, 422)).body.error.field, 'circulation');
    const forum = (await pp({ version: 1, kind: 'forum', medium: null, circulation: 0 }, 200)).body;
    assert.deepEqual([forum.kind, forum.medium, forum.circulation, forum.form, forum.means], ['forum', null, 0, 'public_state', 'collective']);
  });

  it('POST and DELETE /api/v1/events/{id}/participants: registered people named at an event; a protected person nameless to a psychologist; a person\'s events', async () => {
    const today = ctx.eventsToday;
    const ev = (await call('POST', '/api/v1/events', { token: tokens.worker, body: { kind: 'round_table', title: 'Қорғау (test)', held_on: today, migrants: 5 }, expect: 201 })).body;
    const add = (body, expect, token = tokens.worker, id = ev.id, checkRequest = true) =>
      call('POST', '/api/v1/events/{id}/participants', { params: { id }, token, body, expect, checkRequest });
    const remove = (person_id, expect, token = tokens.worker, id = ev.id) =>
      call('DELETE', '/api/v1/events/{id}/participants/{person_id}', { params: { id, person_id }, token, expect });
    const karimova = ctx.groupKarimova;
    assert.ok(karimova?.id, 'the demo\'s Karimova, restricted and held by worker (see the groups tests)');
    const p = (await call('GET', '/api/v1/persons/{id}', { params: { id: ctx.person.id }, token: tokens.worker, expect: 200 })).body;

    // Named by the worker who holds her record; the answer is a view of each person it names.
    const a1 = (await viewsOf('event.view', karimova.id, 'naming a restricted person', () => add({ person_id: karimova.id, role: 'speaker' }, 201), 1)).body;
    assert.deepEqual(a1, { ...ev, named: 1, participants: [{ event_id: ev.id, person: ref(karimova), role: 'speaker' }] });
    if (haveSqlite()) assert.equal(auditCount('event.participant', p.id), 0);
    const a2 = (await add({ person_id: p.id }, 201, tokens.supervisor)).body;
    assert.deepEqual(a2.participants, [
      { event_id: ev.id, person: ref(karimova), role: 'speaker' },
      { event_id: ev.id, person: ref(p), role: 'participant' },
    ], 'by family name; participant by default');
    assert.equal(a2.named, 2);
    if (haveSqlite()) assert.equal(auditCount('event.participant', p.id), 1, 'audited under the person');
    assert.deepEqual(await eventOf(ev.id), a2, 'as GET reads it');
    assert.deepEqual(await personEvents(karimova), [{ event_id: ev.id, title: ev.title, kind: 'round_table', held_on: today, role: 'speaker' }]);

    // The psychologist may not see her: her line is there, without her name, and no view of her.
    const psy = await viewsOf('event.view', karimova.id, 'a GET of an event by someone who may not see her', () => eventOf(ev.id, tokens.psychologist), 0);
    assert.deepEqual(psy, { ...a2, participants: [{ event_id: ev.id, person: null, role: 'speaker' }, a2.participants[1]] });
    assert.ok(!JSON.stringify(psy).includes('Karimova'), 'her name is nowhere in the answer');
    assert.equal(psy.named, 2, 'the count counts her');
    // Nor may they name her, remove her, or read her events.
    assert.equal((await add({ person_id: karimova.id }, 422, tokens.psychologist)).body.error.field, 'person_id');
    await remove(karimova.id, 404, tokens.psychologist);
    await call('GET', '/api/v1/persons/{id}/events', { params: { id: karimova.id }, token: tokens.psychologist, expect: 404 });

    // Each rule by name; nothing saved.
    const addBad = async (body, field, token = tokens.worker) =>
      assert.equal((await add(body, 422, token, ev.id, false)).body.error.field, field, JSON.stringify(body).slice(0, 80));
    assert.deepEqual((await add({}, 422, tokens.worker, ev.id, false)).body.error.fields.map((f) => f.field), ['person_id']);
    await addBad({ person_id: p.id }, 'person_id'); // named already
    await addBad({ person_id: 987654321 }, 'person_id');
    await addBad({ person_id: (await ngoPerson()).id }, 'person_id');
    await addBad({ person_id: 0 }, 'person_id');
    await addBad({ person_id: String(p.id) }, 'person_id');
    await addBad({ person_id: null }, 'person_id');
    await addBad({ person_id: ctx.demoTable.participants[0].person.id, role: 'boss' }, 'role');
    await addBad({ person_id: ctx.demoTable.participants[0].person.id, role: 1 }, 'role');
    await addBad({ person_id: ctx.demoTable.participants[0].person.id, note: 'x' }, 'note');
    await add({ person_id: p.id }, 403, tokens.analyst);
    await add({ person_id: p.id }, 404, tokens.ngo);
    await add({ person_id: p.id }, 404, tokens.worker, 987654321);
    await call('POST', '/api/v1/events/{id}/participants', { params: { id: ev.id }, token: tokens.worker, raw: 'person_id=1', contentType: 'application/json', expect: 400 });
    assert.deepEqual(await eventOf(ev.id), a2, 'a refusal names nobody');

    // Removed: no longer named; the counted audience is as it was.
    const r1 = (await remove(p.id, 200, tokens.supervisor)).body;
    assert.deepEqual(r1, { ...a1, version: r1.version }, 'back to Karimova alone');
    assert.equal(r1.migrants, 5);
    if (haveSqlite()) assert.equal(auditCount('event.participant_removed', p.id), 1, 'audited under the person');
    await remove(p.id, 404); // not named
    await remove(987654321, 404);
    await remove(karimova.id, 403, tokens.analyst);
    await remove(karimova.id, 404, tokens.ngo);
    await remove(karimova.id, 404, tokens.worker, 987654321);
    await remove(ctx.demoTable.participants[0].person.id, 404); // named at another event
    assert.deepEqual(await personEvents(p), [], 'named nowhere now');
    // Named again, with another role.
    const again = (await add({ person_id: p.id, role: 'organiser' }, 201)).body;
    assert.deepEqual(named(again), [['Karimova', 'speaker'], [p.family_name, 'organiser']]);
    assert.deepEqual(await eventOf(ctx.demoTable.id), ctx.demoTable, 'the demo round table is as it was');
  });

  // ---- programmes (programmes.c; migration 0021_programmes.sql; demo.c: demo_programmes).
  // Komek ships four national programmes: the kandas' and the resettlers' resettlement to the
  // designated regions, with the regional quotas of 2025 and 2026 (instruments.md §4), Kazakh
  // language courses for adults (16 and over) and employment support (16 to 63); the rates of
  // 2025 and 2026 (MRP 3 932 and 4 325 KZT) and the support rules in MRP. The demo's
  // enrolments, by 'worker' on the day of the demo (in 2026): Батболд Ганбаатар's family of two
  // in the kandas programme to Pavlodar (KZ-55), with the relocation subsidy paid (2 × 70 MRP);
  // Жақсылықов under the resettlers' quota to North Kazakhstan (KZ-59); Ма Айгүл in the Kazakh
  // courses. The tests below leave the demo's enrolments as they were; the places they take
  // they give back.

  const programmeOf = async (id, token = tokens.worker, query = undefined, expect = 200) =>
    (await call('GET', '/api/v1/programmes/{id}', { params: { id }, token, query, expect })).body;
  const programmeList = async (token = tokens.worker) =>
    (await call('GET', '/api/v1/programmes', { token, expect: 200 })).body.items;
  const enrolmentOf = async (id, enrolment_id, token = tokens.worker, expect = 200) =>
    (await call('GET', '/api/v1/programmes/{id}/enrolments/{enrolment_id}', { params: { id, enrolment_id }, token, expect })).body;
  const personEnrolments = async (person, token = tokens.worker) =>
    (await call('GET', '/api/v1/persons/{id}/enrolments', { params: { id: person.id }, token, expect: 200 })).body.items;
  const entitled = async (query, token = tokens.worker) =>
    (await call('GET', '/api/v1/entitlements', { query, token, expect: 200 })).body;
  /* The members a ProgrammeDetail shares with the Programme of the list. */
  const programmeCore = ({ year: _y, quota_years: _q, quotas: _u, enrolments: _e, ...rest }) => rest;
  /* The members an EnrolmentDetail shares with the Enrolment of a programme's list. */
  const enrolmentCore = ({ support: _s, entitlements: _e, ...rest }) => rest;
  const quotaMap = (p) => Object.fromEntries(p.quotas.map((q) => [q.region, q.quota]));
  const quotaOf = (p, region) => p.quotas.find((q) => q.region === region);
  const sum = (xs) => xs.reduce((s, x) => s + x, 0);
  /* The monthly calculation index of the year, in tiyn (instruments.md §4). */
  const MRP = { 2025: 393200, 2026: 432500 };
  /* A new person, registered by the worker as new all the same. */
  const enrollee = async (body) => (await call('POST', '/api/v1/persons', {
    token: tokens.worker, expect: 201, body: { sex: 'female', ...body, confirm_new: true },
  })).body;

  it('GET /api/v1/programmes and /api/v1/programmes/{id}: the national programmes, the quotas of 2025 and 2026, the demo\'s enrolments as each role sees them; audited; 403 for analysts', async () => {
    const list = await programmeList();
    assert.deepEqual(list.slice(0, 4).map((p) => [p.code, p.kind, p.national, p.has_quota, p.mrp_support, p.active, p.version]), [
      ['kandas_resettlement', 'resettlement', true, true, true, true, 1],
      ['resettler_resettlement', 'resettlement', true, true, true, true, 1],
      ['kazakh_language', 'language_course', true, false, false, true, 1],
      ['employment_support', 'employment', true, false, false, true, 1],
    ], 'the national programmes first');
    const [kandas, resettlers, kazakh, employment] = list;
    assert.deepEqual([kandas.categories, kandas.legal_statuses, kandas.age_min, kandas.age_max],
      [['kandas', 'kandas_candidate'], ['kandas', 'kandas_applicant'], null, null]);
    assert.deepEqual([resettlers.categories, resettlers.legal_statuses], [['voluntary_resettler', 'internal_migrant'], ['resettler', 'citizen']]);
    assert.deepEqual([kazakh.categories, kazakh.legal_statuses, kazakh.age_min, kazakh.age_max], [[], [], 16, null]);
    assert.deepEqual([employment.age_min, employment.age_max], [16, 63]);
    assert.deepEqual([kandas.name, kandas.name_kk, kandas.name_ru], ['Resettlement of kandas to the designated regions',
      'Қандастарды өңірлерге қоныстандыру', 'Переселение кандасов в определённые регионы']);
    assert.deepEqual(list.slice(0, 4).map((p) => p.enrolled_people), [2, 1, 1, 0], 'the demo\'s: a family of two, one, one');

    // The quotas of the ministry's orders, region by region.
    const k25 = await programmeOf(kandas.id, tokens.worker, { year: 2025 });
    const k26 = await programmeOf(kandas.id, tokens.worker, { year: 2026 });
    const r25 = await programmeOf(resettlers.id, tokens.worker, { year: 2025 });
    const r26 = await programmeOf(resettlers.id, tokens.worker, { year: 2026 });
    assert.deepEqual(quotaMap(k25), { 'KZ-10': 244, 'KZ-11': 285, 'KZ-23': 100, 'KZ-27': 30, 'KZ-39': 150, 'KZ-55': 1056, 'KZ-59': 175, 'KZ-63': 269 });
    assert.deepEqual(quotaMap(k26), { 'KZ-10': 264, 'KZ-11': 285, 'KZ-23': 125, 'KZ-27': 30, 'KZ-39': 200, 'KZ-55': 977, 'KZ-59': 200, 'KZ-63': 200 });
    assert.deepEqual(quotaMap(r25), { 'KZ-10': 255, 'KZ-35': 38, 'KZ-39': 535, 'KZ-55': 3050, 'KZ-59': 2969, 'KZ-62': 125, 'KZ-63': 372 });
    assert.deepEqual(quotaMap(r26), { 'KZ-10': 275, 'KZ-35': 37, 'KZ-39': 485, 'KZ-55': 1655, 'KZ-59': 2820, 'KZ-62': 125, 'KZ-63': 600 });
    assert.deepEqual([k25, k26, r25, r26].map((p) => sum(p.quotas.map((q) => q.quota))), [2309, 2281, 7344, 5997], 'the totals of instruments.md §4');
    for (const p of [k25, k26, r25, r26]) {
      assert.deepEqual(p.quotas.map((q) => q.region), [...p.quotas.map((q) => q.region)].sort(), 'by region code');
      assert.ok(p.quotas.every((q) => q.left === q.quota - q.used), 'left is quota − used');
      assert.deepEqual(p.quota_years, [2025, 2026]);
      assert.deepEqual(programmeCore(p), list.find((x) => x.id === p.id), 'the programme reads as listed');
    }
    assert.deepEqual([k25.year, k26.year], [2025, 2026]);
    assert.ok(k25.quotas.every((q) => q.used === 0) && k25.enrolments.length === 0, '2025: nobody yet');
    assert.deepEqual(quotaOf(k26, 'KZ-55'), { region: 'KZ-55', quota: 977, used: 2, left: 975 }, 'the demo family of two takes two places');
    assert.deepEqual(quotaOf(r26, 'KZ-59'), { region: 'KZ-59', quota: 2820, used: 1, left: 2819 });

    // The demo's enrolments; audited under each person named.
    assert.equal(k26.enrolments.length, 1);
    const demo = k26.enrolments[0];
    const day = demo.enrolled_on;
    assert.equal(day.slice(0, 4), '2026', 'the demo enrols in 2026, whose quotas and rates Komek ships');
    assert.deepEqual(demo, {
      id: demo.id, programme_id: kandas.id, person: demo.person, region: 'KZ-55', year: 2026, family_size: 2, enrolled_on: day,
      status: 'enrolled', withdrawn_on: null, note: null, support_total: 2 * 70 * MRP[2026],
    }, 'the relocation subsidy paid: 70 MRP for each of two');
    assert.deepEqual([demo.person.family_name, demo.person.given_name], ['Батболд', 'Ганбаатар']);
    const batbold = demo.person;
    await viewsOf('programme.view', batbold.id, 'a GET of a programme naming him', () => programmeOf(kandas.id, tokens.worker, { year: 2026 }), 1);
    for (const token of [tokens.supervisor, tokens.lawyer, tokens.psychologist, tokens.admin])
      assert.deepEqual(await programmeOf(kandas.id, token, { year: 2026 }), k26, 'every role but analysts reads it');
    assert.deepEqual((await programmeOf(kazakh.id, tokens.worker, { year: 2026 })).enrolments.map((e) => [e.person.family_name, e.region, e.family_size, e.support_total]),
      [['Ма', null, 1, 0]], 'no quota: no region');

    // An enrolment, with its support and what the family is entitled to today.
    const today = (await entitled({})).on;
    const e = await viewsOf('programme.view', batbold.id, 'a GET of his enrolment', () => enrolmentOf(kandas.id, demo.id), 1);
    const { on: _on, ...two } = await entitled({ family_size: 2 });
    assert.deepEqual(e, { ...demo, support: [{ id: e.support[0].id, kind: 'relocation_subsidy', amount: 2 * 70 * MRP[2026], given_on: day, note: null }], entitlements: two });
    assert.deepEqual(await personEnrolments(batbold), [{ ...demo, programme: kandas.name }]);
    await enrolmentOf(resettlers.id, demo.id, tokens.worker, 404); // an enrolment of another programme
    await enrolmentOf(kandas.id, 987654321, tokens.worker, 404);
    await programmeOf(987654321, tokens.worker, undefined, 404);
    for (const year of [1999, 2101, 'soon', ''])
      assert.equal((await call('GET', '/api/v1/programmes/{id}', { params: { id: kandas.id }, query: { year }, token: tokens.worker, expect: 422 })).body.error.field, 'year');

    // Another organisation reads the national programmes and their shared quotas, not these enrolments.
    const theirs = await programmeList(tokens.ngo);
    assert.deepEqual(theirs.slice(0, 4).map((p) => [p.id, p.enrolled_people]), list.slice(0, 4).map((p) => [p.id, 0]));
    const n26 = await programmeOf(kandas.id, tokens.ngo, { year: 2026 });
    assert.deepEqual([n26.enrolments, quotaOf(n26, 'KZ-55').used], [[], 2], 'the places taken count for everyone');
    await enrolmentOf(kandas.id, demo.id, tokens.ngo, 404);
    await call('GET', '/api/v1/persons/{id}/enrolments', { params: { id: batbold.id }, token: tokens.ngo, expect: 404 });
    // Analysts read no programme.
    await call('GET', '/api/v1/programmes', { token: tokens.analyst, expect: 403 });
    await programmeOf(kandas.id, tokens.analyst, undefined, 403);
    await enrolmentOf(kandas.id, demo.id, tokens.analyst, 403);
    await call('GET', '/api/v1/persons/{id}/enrolments', { params: { id: batbold.id }, token: tokens.analyst, expect: 404 });
    await call('GET', '/api/v1/persons/{id}/enrolments', { params: { id: 987654321 }, token: tokens.worker, expect: 404 });
    assert.deepEqual(await personEnrolments({ id: ctx.person.id }), [], 'enrolled nowhere: an empty list');
    Object.assign(ctx, { programmes: { kandas, resettlers, kazakh, employment }, demoEnrolment: e, enrolDay: day, programmesToday: today, k26 });
  });

  it('GET /api/v1/entitlements: a family\'s relocation subsidy, rent and housing certificate in MRP of the year, in tiyn', async () => {
    // A family of four in 2026 (MRP 4 325 KZT): 4 × 70 MRP to move, 15 to 30 MRP of rent a
    // month for 12 months, a housing certificate of up to 1 625 MRP.
    const m26 = MRP[2026];
    assert.equal(m26, 432500);
    const e26 = await entitled({ family_size: 4, year: 2026 });
    assert.deepEqual(e26, {
      year: 2026, family_size: 4, known: true, mrp: 432500, relocation_subsidy: 4 * 70 * m26,
      rent_support: { month_min: 15 * m26, month_max: 30 * m26, months: 12, total_min: 12 * 15 * m26, total_max: 12 * 30 * m26 },
      housing_certificate_max: 1625 * m26, on: '2026-01-01',
    });
    assert.deepEqual([e26.relocation_subsidy, e26.rent_support.month_min, e26.rent_support.month_max, e26.housing_certificate_max],
      [121100000, 6487500, 12975000, 702812500], 'in tiyn');
    // In 2025 (MRP 3 932 KZT) the certificate was 1 160 MRP.
    const m25 = MRP[2025];
    const e25 = await entitled({ family_size: 4, year: 2025 });
    assert.deepEqual(e25, {
      year: 2025, family_size: 4, known: true, mrp: 393200, relocation_subsidy: 4 * 70 * m25,
      rent_support: { month_min: 15 * m25, month_max: 30 * m25, months: 12, total_min: 12 * 15 * m25, total_max: 12 * 30 * m25 },
      housing_certificate_max: 1160 * m25, on: '2025-01-01',
    });
    assert.equal(e25.housing_certificate_max, 456112000);
    // The day decides: the last day of 2025 and the first of 2026.
    assert.deepEqual(await entitled({ family_size: 4, on: '2025-12-31' }), { ...e25, on: '2025-12-31' });
    assert.deepEqual(await entitled({ family_size: 4, on: '2026-01-01' }), e26);
    assert.deepEqual(await entitled({ family_size: 4, year: 2026, on: '2026-06-30' }), { ...e26, on: '2026-06-30' }, 'on, given, decides the day');
    // One person, today, by default; every role but analysts.
    const today = ctx.programmesToday;
    const one = await entitled({}, tokens.psychologist);
    assert.deepEqual([one.family_size, one.on, one.year], [1, today, Number(today.slice(0, 4))]);
    if (one.known) assert.equal(one.relocation_subsidy, 70 * one.mrp);
    assert.deepEqual(await entitled({ family_size: 30, year: 2026 }, tokens.lawyer), { ...e26, family_size: 30, relocation_subsidy: 30 * 70 * m26 },
      'rent and the certificate are per family');
    // A year without rates: no figures.
    assert.deepEqual(await entitled({ family_size: 4, year: 2024 }), { year: 2024, family_size: 4, known: false, on: '2024-01-01' });
    assert.deepEqual(await entitled({ family_size: 2, on: '2030-05-01' }), { year: 2030, family_size: 2, known: false, on: '2030-05-01' });
    // 422 naming the parameter.
    const bad = async (query, field) =>
      assert.equal((await call('GET', '/api/v1/entitlements', { query, token: tokens.worker, expect: 422 })).body.error.field, field, JSON.stringify(query));
    for (const family_size of [0, 31, 'four', '', -1]) await bad({ family_size }, 'family_size');
    for (const year of [1999, 2101, 'x', '']) await bad({ year }, 'year');
    for (const on of ['2026-02-30', '01.01.2026', '2026']) await bad({ on }, 'on');
    await bad({ family_size: 0, year: 1999, on: 'x' }, 'family_size');
    await bad({ family_size: 4, year: 2025, on: '2026-06-30' }, 'on'); // given with a year, a day of that year
    await call('GET', '/api/v1/entitlements', { token: tokens.analyst, expect: 403 });
  });

  it('POST /api/v1/programmes/{id}/enrolments, /withdraw and /support: a family takes places of its region\'s quota and gives them back; support checked against the entitlements', async () => {
    const { kandas, employment } = ctx.programmes;
    const day = ctx.enrolDay;
    const m = MRP[2026];
    const k2026 = async (token = tokens.worker) => programmeOf(kandas.id, token, { year: 2026 });
    const enrol = (body, expect, token = tokens.worker, id = kandas.id, checkRequest = true) =>
      call('POST', '/api/v1/programmes/{id}/enrolments', { params: { id }, token, body, expect, checkRequest });
    const before = await k2026();
    const u0 = quotaOf(before, 'KZ-39').used;
    const head = await enrollee({ family_name: 'Нұрғалиева', given_name: 'Сәуле', birth_date: '1980-03-03', categories: ['kandas'], legal_status: 'kandas' });

    // A family of four takes four places of Kostanay's quota for 2026.
    const r = await enrol({ person_id: head.id, region: 'KZ-39', year: 2026, family_size: 4, enrolled_on: day, note: '  Төрт адам.  ' }, 201);
    const e = r.body;
    assert.equal(r.headers.get('location'), `/api/v1/programmes/${kandas.id}/enrolments/${e.id}`);
    const { on: _on, ...four } = await entitled({ family_size: 4 });
    assert.deepEqual(e, {
      id: e.id, programme_id: kandas.id, person: ref(head), region: 'KZ-39', year: 2026, family_size: 4, enrolled_on: day,
      status: 'enrolled', withdrawn_on: null, note: 'Төрт адам.', support_total: 0, support: [], entitlements: four,
    }, 'trimmed; what a family of four is entitled to today');
    if (haveSqlite()) assert.equal(auditCount('programme.enrol', head.id), 1, 'audited under the person');
    assert.deepEqual(await enrolmentOf(kandas.id, e.id), e, 'GET after POST differs from the POST answer');
    const after = await k2026();
    assert.deepEqual(quotaOf(after, 'KZ-39'), { region: 'KZ-39', quota: 200, used: u0 + 4, left: 200 - u0 - 4 });
    assert.equal(after.enrolled_people, before.enrolled_people + 4, 'people, not enrolments');
    assert.deepEqual(after.enrolments.find((x) => x.id === e.id), enrolmentCore(e), 'listed');

    // Support, checked against what the family is entitled to on the day given.
    const give = (body, expect, token = tokens.worker, eid = e.id, id = kandas.id, checkRequest = true) =>
      call('POST', '/api/v1/programmes/{id}/enrolments/{enrolment_id}/support', { params: { id, enrolment_id: eid }, token, body, expect, checkRequest });
    const refused = async (body, field, token = tokens.worker, eid = e.id) => {
      const x = await give(body, 422, token, eid, kandas.id, false);
      assert.equal(x.body.error.field, field, `${JSON.stringify(body).slice(0, 80)} names ${x.body.error.field}, not ${field}`);
      return x.body.error.fields.map((f) => f.field);
    };
    const s = (kind, amount, extra = {}) => ({ kind, amount, given_on: day, ...extra });
    await refused(s('relocation_subsidy', 4 * 70 * m + 1), 'amount');
    const g1 = (await give(s('relocation_subsidy', 4 * 70 * m, { note: ' Көшуге. ' }), 201)).body;
    assert.deepEqual(g1, { ...e, support_total: 121100000, support: [{ id: g1.support[0].id, kind: 'relocation_subsidy', amount: 121100000, given_on: day, note: 'Көшуге.' }] });
    if (haveSqlite()) assert.equal(auditCount('programme.support', head.id), 1, 'audited under the person');
    await refused(s('relocation_subsidy', 100), 'kind'); // once
    await refused(s('rent_support', 15 * m - 1), 'amount');
    await refused(s('rent_support', 30 * m + 1), 'amount');
    for (let month = 0; month < 12; month++)
      await give(s('rent_support', month % 2 ? 30 * m : 15 * m), 201, month % 3 ? tokens.worker : tokens.lawyer);
    await refused(s('rent_support', 15 * m), 'kind'); // 12 months at most
    await refused(s('housing_certificate', 1625 * m + 1), 'amount');
    await give(s('housing_certificate', 1625 * m), 201);
    await refused(s('housing_certificate', 1), 'kind'); // once
    const g2 = (await give({ kind: 'other', amount: 1234567 }, 201, tokens.psychologist)).body;
    assert.equal(g2.support.length, 15);
    assert.equal(g2.support_total, 121100000 + 6 * 15 * m + 6 * 30 * m + 1625 * m + 1234567, 'the support added up');
    assert.equal(g2.support_total, sum(g2.support.map((x) => x.amount)));
    assert.deepEqual(g2.support.map((x) => x.kind), ['relocation_subsidy', ...Array(12).fill('rent_support'), 'housing_certificate', 'other'], 'oldest first, then by id');
    // Each rule by name; nothing saved.
    assert.deepEqual(await refused({}, 'kind'), ['kind', 'amount']);
    await refused(s('bonus', 100), 'kind');
    await refused(s(5, 100), 'kind');
    await refused(s('other', 0), 'amount');
    await refused(s('other', -5), 'amount');
    await refused(s('other', '100'), 'amount');
    await refused(s('other', 10000000001), 'amount');
    await refused(s('other', 100, { given_on: dayFrom(day, -1) }), 'given_on'); // before the enrolment
    await refused(s('other', 100, { given_on: dayFrom(ctx.programmesToday, 1) }), 'given_on');
    await refused(s('other', 100, { given_on: '2026-02-30' }), 'given_on');
    await refused(s('other', 100, { note: 'ә'.repeat(4001) }), 'note');
    await refused(s('other', 100, { currency: 'KZT' }), 'currency');
    await give(s('other', 100), 403, tokens.analyst);
    await give(s('other', 100), 404, tokens.ngo);
    await give(s('other', 100), 404, tokens.worker, 987654321);
    await give(s('other', 100), 404, tokens.worker, e.id, ctx.programmes.resettlers.id); // an enrolment of another programme
    await call('POST', '/api/v1/programmes/{id}/enrolments/{enrolment_id}/support', { params: { id: kandas.id, enrolment_id: e.id }, token: tokens.worker, raw: '[]', contentType: 'application/json', expect: 400 });
    assert.deepEqual(await enrolmentOf(kandas.id, e.id), g2, 'a refusal records nothing');
    // A programme without the MRP-based support gives other support only.
    const job = (await enrol({ person_id: head.id, enrolled_on: day }, 201, tokens.worker, employment.id)).body;
    assert.deepEqual([job.region, job.year, job.family_size], [null, 2026, 1], 'no quota, no region; the year of enrolled_on; one person');
    assert.equal((await give(s('rent_support', 15 * m), 422, tokens.worker, job.id, employment.id)).body.error.field, 'kind');
    assert.equal((await give(s('other', 5000000), 201, tokens.worker, job.id, employment.id)).body.support_total, 5000000);

    // Withdrawn: the places go back to the quota, once.
    const withdraw = (body, expect, token = tokens.worker, eid = e.id, id = kandas.id, checkRequest = true) =>
      call('POST', '/api/v1/programmes/{id}/enrolments/{enrolment_id}/withdraw', { params: { id, enrolment_id: eid }, token, body, expect, checkRequest });
    assert.equal((await withdraw({ date: dayFrom(day, -1) }, 422)).body.error.field, 'date');
    assert.equal((await withdraw({ date: '2026-02-30' }, 422, tokens.worker, e.id, kandas.id, false)).body.error.field, 'date');
    assert.equal((await withdraw({ date: 5 }, 422, tokens.worker, e.id, kandas.id, false)).body.error.field, 'date');
    assert.equal((await withdraw({ reason: 'moved' }, 422, tokens.worker, e.id, kandas.id, false)).body.error.field, 'reason');
    await withdraw({}, 403, tokens.analyst);
    await withdraw({}, 404, tokens.ngo);
    await withdraw({}, 404, tokens.worker, 987654321);
    await withdraw({}, 404, tokens.worker, e.id, ctx.programmes.resettlers.id);
    await call('POST', '/api/v1/programmes/{id}/enrolments/{enrolment_id}/withdraw', { params: { id: kandas.id, enrolment_id: e.id }, token: tokens.worker, raw: 'date=x', contentType: 'application/json', expect: 400 });
    assert.deepEqual(quotaOf(await k2026(), 'KZ-39').used, u0 + 4, 'a refusal gives nothing back');
    const w = (await withdraw({ date: day }, 200, tokens.lawyer)).body;
    assert.deepEqual(w, { ...g2, status: 'withdrawn', withdrawn_on: day }, 'the support stays recorded');
    if (haveSqlite()) assert.equal(auditCount('programme.withdraw', head.id), 1, 'audited under the person');
    const back = await k2026();
    assert.deepEqual(quotaOf(back, 'KZ-39'), quotaOf(before, 'KZ-39'), 'the four places are back');
    assert.equal(back.enrolled_people, before.enrolled_people);
    assert.deepEqual(back.enrolments.map((x) => [x.id, x.status]).filter(([id]) => id === e.id), [[e.id, 'withdrawn']], 'listed after those enrolled');
    assert.deepEqual(back.enrolments.map((x) => x.status), [...back.enrolments.map((x) => x.status)].sort(), 'enrolled first, then withdrawn');
    const twice = await withdraw({}, 409);
    assert.deepEqual([twice.body.error.code, twice.body.error.field], ['conflict', null]);
    assert.equal((await give(s('other', 100), 422)).body.error.field, 'kind', 'no support once withdrawn');
    // A person may be enrolled again, as a new enrolment.
    const e2 = (await enrol({ person_id: head.id, region: 'KZ-39', year: 2026, family_size: 3, enrolled_on: day }, 201)).body;
    assert.notEqual(e2.id, e.id);
    assert.equal(quotaOf(await k2026(), 'KZ-39').used, u0 + 3);
    assert.deepEqual((await personEnrolments(head)).map((x) => [x.id, x.programme, x.status, x.support_total]), [
      [e2.id, kandas.name, 'enrolled', 0], [job.id, employment.name, 'enrolled', 5000000], [e.id, kandas.name, 'withdrawn', g2.support_total],
    ], 'newest first, then newest id; every programme');
    const w2 = (await withdraw({}, 200, tokens.worker, e2.id)).body;
    assert.deepEqual([w2.status, w2.withdrawn_on], ['withdrawn', ctx.programmesToday], 'by default today');
    assert.equal(quotaOf(await k2026(), 'KZ-39').used, u0);

    // The last places of a region: a family that does not fit is refused; a withdrawal makes room.
    const west = quotaOf(before, 'KZ-27');
    assert.deepEqual([west.quota, west.used], [30, 0]);
    const big = (await enrol({ person_id: head.id, region: 'KZ-27', year: 2026, family_size: 30, enrolled_on: day }, 201)).body;
    const other = await enrollee({ family_name: 'Нұрғалиев', given_name: 'Ерболат', birth_date: '1978-07-07', categories: ['kandas_candidate'], legal_status: 'kandas_applicant' });
    const full = await enrol({ person_id: other.id, region: 'KZ-27', year: 2026, family_size: 1, enrolled_on: day }, 422);
    assert.equal(full.body.error.field, 'family_size', 'no place left');
    assert.deepEqual(quotaOf(await k2026(), 'KZ-27'), { region: 'KZ-27', quota: 30, used: 30, left: 0 });
    await withdraw({ date: day }, 200, tokens.worker, big.id);
    const fits = (await enrol({ person_id: other.id, region: 'KZ-27', year: 2026, enrolled_on: day }, 201)).body;
    assert.equal(fits.family_size, 1, 'one person by default');
    assert.equal(quotaOf(await k2026(), 'KZ-27').used, 1);
    await withdraw({ date: day }, 200, tokens.worker, fits.id);
    assert.deepEqual(quotaOf(await k2026(), 'KZ-27'), west, 'every place back');

    // Each rule by name; nothing saved.
    const count = (await k2026()).enrolments.length;
    const enrolBad = async (body, field, token = tokens.worker, id = kandas.id) => {
      const x = await enrol(body, 422, token, id, false);
      assert.equal(x.body.error.field, field, `${JSON.stringify(body).slice(0, 80)} names ${x.body.error.field}, not ${field}`);
      return x.body.error.fields.map((f) => f.field);
    };
    assert.deepEqual(await enrolBad({}, 'person_id'), ['person_id', 'region'], 'a region is required where there are quotas');
    const q = { region: 'KZ-39', year: 2026, enrolled_on: day };
    await enrolBad({ ...q, person_id: ctx.groupKarimova.id }, 'person_id'); // neither kandas category nor status
    await enrolBad({ ...q, person_id: ctx.demoEnrolment.person.id }, 'person_id'); // enrolled already
    await enrolBad({ ...q, person_id: (await ngoPerson()).id }, 'person_id');
    await enrolBad({ ...q, person_id: 987654321 }, 'person_id');
    await enrolBad({ ...q, person_id: 0 }, 'person_id');
    await enrolBad({ ...q, person_id: String(other.id) }, 'person_id');
    await enrolBad({ ...q, person_id: other.id, region: 'KZ-75' }, 'region'); // no kandas quota in Almaty
    await enrolBad({ ...q, person_id: other.id, year: 2027 }, 'region'); // no quota that year
    await enrolBad({ ...q, person_id: other.id, region: 'KZ-ALA' }, 'region');
    await enrolBad({ ...q, person_id: other.id, region: null }, 'region');
    await enrolBad({ ...q, person_id: other.id, family_size: 0 }, 'family_size');
    await enrolBad({ ...q, person_id: other.id, family_size: 31 }, 'family_size');
    await enrolBad({ ...q, person_id: other.id, family_size: '4' }, 'family_size');
    await enrolBad({ ...q, person_id: other.id, year: 1999 }, 'year');
    await enrolBad({ ...q, person_id: other.id, enrolled_on: dayFrom(ctx.programmesToday, 1) }, 'enrolled_on');
    await enrolBad({ ...q, person_id: other.id, enrolled_on: '2026-02-30' }, 'enrolled_on');
    await enrolBad({ ...q, person_id: other.id, note: 'ә'.repeat(4001) }, 'note');
    await enrolBad({ ...q, person_id: other.id, status: 'enrolled' }, 'status');
    // The age rules: on the day of enrolment, from the birth date; none recorded, none known.
    const child = await enrollee({ family_name: 'Нұрғалиева', given_name: 'Аружан', birth_date: '2015-01-01' });
    const unknownAge = await enrollee({ family_name: 'Нұрғалиева', given_name: 'Айым' });
    await enrolBad({ person_id: child.id, enrolled_on: day }, 'person_id', tokens.worker, employment.id);
    await enrolBad({ person_id: unknownAge.id, enrolled_on: day }, 'person_id', tokens.worker, employment.id);
    await enrol({ person_id: other.id, ...q }, 403, tokens.analyst);
    await enrol({ person_id: other.id, ...q }, 404, tokens.worker, 987654321);
    await call('POST', '/api/v1/programmes/{id}/enrolments', { params: { id: kandas.id }, token: tokens.worker, raw: '{"person_id": 1, "person_id": 2}', contentType: 'application/json', expect: 400 });
    const now = await k2026();
    assert.equal(now.enrolments.length, count, 'a refusal enrols nobody');
    assert.deepEqual(quotaOf(now, 'KZ-39').used, u0, 'and takes no place');
    assert.deepEqual(await enrolmentOf(kandas.id, ctx.demoEnrolment.id), ctx.demoEnrolment, 'the demo enrolment is as it was');
  });

  it('a protected person\'s enrolment is left out for a psychologist, who cannot open, withdraw or support it; the counts count it', async () => {
    const { kazakh } = ctx.programmes;
    const karimova = ctx.groupKarimova;
    const today = ctx.programmesToday;
    const year = Number(today.slice(0, 4));
    const e = (await viewsOf('programme.view', karimova.id, 'enrolling a restricted person', () => call('POST', '/api/v1/programmes/{id}/enrolments', {
      params: { id: kazakh.id }, token: tokens.worker, body: { person_id: karimova.id, note: 'Кешкі топ.' }, expect: 201,
    }), 1)).body;
    assert.deepEqual([e.person, e.region, e.year, e.enrolled_on, e.note, e.support_total], [ref(karimova), null, year, today, 'Кешкі топ.', 0]);
    const w = await programmeOf(kazakh.id, tokens.worker, { year });
    const psy = await viewsOf('programme.view', karimova.id, 'a GET of a programme by someone who may not see her', () => programmeOf(kazakh.id, tokens.psychologist, { year }), 0);
    const mine = w.enrolments.find((x) => x.id === e.id);
    assert.deepEqual(mine, enrolmentCore(e));
    assert.deepEqual(psy.enrolments, w.enrolments.filter((x) => x.id !== e.id), 'her enrolment is left out, the others are as the worker reads them');
    assert.ok(!JSON.stringify(psy).includes('Karimova'), 'her name is nowhere in the answer');
    assert.deepEqual(programmeCore(psy), programmeCore(w), 'the count counts her');
    await enrolmentOf(kazakh.id, e.id, tokens.psychologist, 404);
    await call('POST', '/api/v1/programmes/{id}/enrolments/{enrolment_id}/withdraw', { params: { id: kazakh.id, enrolment_id: e.id }, token: tokens.psychologist, body: {}, expect: 404 });
    await call('POST', '/api/v1/programmes/{id}/enrolments/{enrolment_id}/support', { params: { id: kazakh.id, enrolment_id: e.id }, token: tokens.psychologist, body: { kind: 'other', amount: 100 }, expect: 404 });
    await call('GET', '/api/v1/persons/{id}/enrolments', { params: { id: karimova.id }, token: tokens.psychologist, expect: 404 });
    assert.equal((await call('POST', '/api/v1/programmes/{id}/enrolments', { params: { id: kazakh.id }, token: tokens.psychologist, body: { person_id: karimova.id }, expect: 422 })).body.error.field, 'person_id');
    // Those who may see her read her enrolment; it is audited.
    const k = await viewsOf('programme.view', karimova.id, 'a GET of a restricted person\'s enrolments', () => personEnrolments(karimova), 1);
    assert.deepEqual(k, [{ ...mine, programme: kazakh.name }]);
    assert.deepEqual(await enrolmentOf(kazakh.id, e.id, tokens.supervisor), e);
  });

  it('POST and PATCH /api/v1/programmes, POST /api/v1/programmes/{id}/quotas: administrators keep their organisation\'s own programmes and quotas; the national ones ship with Komek; 409 on a stale version; 422 naming the field', async () => {
    const { kandas } = ctx.programmes;
    const today = ctx.programmesToday;
    const year = Number(today.slice(0, 4));
    const day = ctx.enrolDay;
    const input = {
      kind: 'employment', name: '  Жастар жұмысы (test)  ', description: '  Жастарға.\nЖұмыс.  ', categories: ['kandas', 'refugee'],
      legal_statuses: ['citizen'], age_min: 18, age_max: 35, has_quota: true, mrp_support: false, active: true,
    };
    const r = await call('POST', '/api/v1/programmes', { token: tokens.admin, body: input, expect: 201 });
    const p = r.body;
    assert.equal(r.headers.get('location'), `/api/v1/programmes/${p.id}`);
    assert.deepEqual(p, {
      id: p.id, version: 1, code: null, kind: 'employment', name: 'Жастар жұмысы (test)', name_kk: null, name_ru: null,
      description: 'Жастарға.\nЖұмыс.', has_quota: true, mrp_support: false, active: true, enrolled_people: 0, national: false,
      categories: ['kandas', 'refugee'], legal_statuses: ['citizen'], age_min: 18, age_max: 35,
      year, quota_years: [], quotas: [], enrolments: [],
    }, 'trimmed; this year');
    assert.deepEqual(await programmeOf(p.id), p, 'GET after POST differs from the POST answer');
    const listed = await programmeList();
    assert.deepEqual(listed.at(-1), programmeCore(p), 'listed after the national ones');
    assert.ok(!(await programmeList(tokens.ngo)).some((x) => x.id === p.id), 'another organisation\'s own programme is not listed');
    await programmeOf(p.id, tokens.ngo, undefined, 404);
    const bare = (await call('POST', '/api/v1/programmes', { token: tokens.admin, body: { kind: 'other', name: 'Bare programme (test)', categories: null, age_min: null }, expect: 201 })).body;
    assert.deepEqual([bare.has_quota, bare.mrp_support, bare.active, bare.categories, bare.legal_statuses, bare.age_min, bare.age_max, bare.description],
      [false, false, true, [], [], null, null, null], 'by default: no quota, no MRP support, open, for anyone');
    for (const token of [tokens.supervisor, tokens.worker, tokens.psychologist, tokens.lawyer, tokens.analyst, tokens.ngo])
      await call('POST', '/api/v1/programmes', { token, body: { kind: 'other', name: 'Not allowed' }, expect: 403 });

    // 422: each field at fault by name.
    const count = (await programmeList()).length;
    const bad = async (body, field) => {
      const x = await call('POST', '/api/v1/programmes', { token: tokens.admin, body, expect: 422, checkRequest: false });
      assert.equal(x.body.error.field, field, `${JSON.stringify(body).slice(0, 80)} names ${x.body.error.field}, not ${field}`);
      return x.body.error.fields.map((f) => f.field);
    };
    assert.deepEqual(await bad({}, 'kind'), ['kind', 'name']);
    const k = { kind: 'other', name: 'X' };
    await bad({ ...k, kind: 'resettlement_programme' }, 'kind');
    await bad({ ...k, kind: 'Other' }, 'kind');
    await bad({ ...k, name: '   ' }, 'name');
    await bad({ ...k, name: 'Two\nlines' }, 'name');
    await bad({ ...k, name: 'x'.repeat(301) }, 'name');
    await bad({ ...k, description: 'ә'.repeat(4001) }, 'description');
    await bad({ ...k, categories: ['martian'] }, 'categories');
    await bad({ ...k, categories: 'kandas' }, 'categories');
    await bad({ ...k, categories: [1] }, 'categories');
    await bad({ ...k, categories: Array(17).fill('kandas') }, 'categories');
    await bad({ ...k, legal_statuses: ['alien'] }, 'legal_statuses');
    await bad({ ...k, age_min: 121 }, 'age_min');
    await bad({ ...k, age_min: -1 }, 'age_min');
    await bad({ ...k, age_min: '18' }, 'age_min');
    await bad({ ...k, age_max: 121 }, 'age_max');
    await bad({ ...k, age_min: 30, age_max: 20 }, 'age_max');
    await bad({ ...k, has_quota: null }, 'has_quota');
    await bad({ ...k, mrp_support: 'no' }, 'mrp_support');
    await bad({ ...k, active: 1 }, 'active');
    await bad({ ...k, version: 1 }, 'version');
    await bad({ ...k, code: 'mine' }, 'code');
    await bad({ ...k, national: false }, 'national');
    assert.deepEqual((await bad({ kind: 'x', name: '', categories: ['x'], age_min: 200 }, 'kind')).sort(), ['age_min', 'categories', 'kind', 'name'], 'every field at fault');
    await call('POST', '/api/v1/programmes', { token: tokens.admin, raw: '[]', contentType: 'application/json', expect: 400 });
    assert.equal((await programmeList()).length, count, 'a refusal adds no programme');

    // PATCH: the members sent change, the others are kept; null clears.
    const patch = (body, expect, token = tokens.admin, id = p.id, checkRequest = true) =>
      call('PATCH', '/api/v1/programmes/{id}', { params: { id }, token, body, expect, checkRequest });
    const p1 = (await patch({ version: 1, categories: ['refugee'], description: null }, 200)).body;
    assert.deepEqual(p1, { ...p, version: 2, categories: ['refugee'], description: null }, 'members not sent are kept');
    const stale = await patch({ version: 1, name: 'Stale (test)' }, 409);
    assert.deepEqual([stale.body.error.code, stale.body.error.field], ['conflict', 'version'], 'a 409 names version');
    assert.equal((await patch({ version: 1, age_max: 10 }, 422, tokens.admin, p.id, false)).body.error.field, 'age_max', 'the body is checked before the version');
    assert.equal((await patch({ name: 'No version' }, 422, tokens.admin, p.id, false)).body.error.field, 'version');
    assert.equal((await patch({ version: 0 }, 422, tokens.admin, p.id, false)).body.error.field, 'version');
    assert.equal((await patch({ version: 2, kind: null }, 422, tokens.admin, p.id, false)).body.error.field, 'kind');
    assert.equal((await patch({ version: 2, name: '' }, 422, tokens.admin, p.id, false)).body.error.field, 'name');
    assert.equal((await patch({ version: 2, active: null }, 422, tokens.admin, p.id, false)).body.error.field, 'active');
    const back = (await patch({ ...p1 }, 422, tokens.admin, p.id, false)).body.error.fields.map((f) => f.field);
    for (const f of ['id', 'code', 'name_kk', 'name_ru', 'national', 'enrolled_people', 'year', 'quota_years', 'quotas', 'enrolments'])
      assert.ok(back.includes(f), `${f} sent back is a field error: ${back.join(', ')}`);
    assert.deepEqual(await programmeOf(p.id), p1, 'a 409 and a 422 save nothing');
    for (const token of [tokens.supervisor, tokens.worker, tokens.analyst, tokens.ngo])
      await patch({ version: 2 }, 403, token);
    await patch({ version: 1 }, 403, tokens.admin, kandas.id); // a national programme
    await patch({ version: 1 }, 404, tokens.admin, 987654321);
    await call('PATCH', '/api/v1/programmes/{id}', { params: { id: p.id }, token: tokens.admin, raw: 'version=2', contentType: 'application/json', expect: 400 });
    assert.equal((await programmeOf(kandas.id)).version, 1, 'the national programme is as it was');

    // Quotas: set and replaced, never below the places used.
    const quota = (body, expect, token = tokens.admin, id = p.id, checkRequest = true) =>
      call('POST', '/api/v1/programmes/{id}/quotas', { params: { id }, token, body, expect, checkRequest });
    const q1 = (await quota({ region: 'KZ-55', year: 2026, quota: 5 }, 200)).body;
    assert.deepEqual({ ...q1, version: 0 }, { ...p1, version: 0, year: 2026, quota_years: [2026], quotas: [{ region: 'KZ-55', quota: 5, used: 0, left: 5 }] }, 'the programme for the quota\'s year');
    if (haveSqlite()) assert.equal(auditRows('programme.quota', 'programme', p.id, 'KZ-55 2026: 5'), 1);
    const q2 = (await quota({ region: 'KZ-10', year: 2027, quota: 3 }, 200)).body;
    assert.deepEqual([q2.year, q2.quota_years, q2.quotas], [2027, [2026, 2027], [{ region: 'KZ-10', quota: 3, used: 0, left: 3 }]]);
    // Enrolments take places of it; the age and eligibility rules hold.
    const young = await enrollee({ family_name: 'Жасұлан', given_name: 'Мадина', birth_date: '1998-02-02', categories: ['refugee'], legal_status: 'refugee' });
    const citizen = await enrollee({ family_name: 'Жасұлан', given_name: 'Дәурен', birth_date: '2000-10-10', legal_status: 'citizen' });
    const enrol = (body, expect) => call('POST', '/api/v1/programmes/{id}/enrolments', { params: { id: p.id }, token: tokens.worker, body, expect, checkRequest: expect === 201 });
    const y1 = (await enrol({ person_id: young.id, region: 'KZ-55', year: 2026, family_size: 4, enrolled_on: day }, 201)).body;
    assert.equal((await enrol({ person_id: citizen.id, region: 'KZ-55', year: 2026, family_size: 2, enrolled_on: day }, 422)).body.error.field, 'family_size', 'one place left');
    assert.equal((await enrol({ person_id: citizen.id, region: 'KZ-19', year: 2026, enrolled_on: day }, 422)).body.error.field, 'region');
    const older = await enrollee({ family_name: 'Жасұлан', given_name: 'Гүлжан', birth_date: '1970-01-01', legal_status: 'citizen' });
    assert.equal((await enrol({ person_id: older.id, region: 'KZ-55', year: 2026, enrolled_on: day }, 422)).body.error.field, 'person_id', 'over 35');
    const migrant = await enrollee({ family_name: 'Жасұлан', given_name: 'Зарина', birth_date: '2000-01-01', categories: ['labour_migrant'], legal_status: 'labour_immigrant' });
    assert.equal((await enrol({ person_id: migrant.id, region: 'KZ-55', year: 2026, enrolled_on: day }, 422)).body.error.field, 'person_id', 'neither category nor status served');
    assert.equal((await quota({ region: 'KZ-55', year: 2026, quota: 3 }, 422)).body.error.field, 'quota', 'fewer places than used');
    assert.deepEqual((await quota({ region: 'KZ-55', year: 2026, quota: 4 }, 200)).body.quotas, [{ region: 'KZ-55', quota: 4, used: 4, left: 0 }]);
    assert.deepEqual((await programmeOf(p.id, tokens.worker, { year: 2026 })).enrolled_people, 4);
    await call('POST', '/api/v1/programmes/{id}/enrolments/{enrolment_id}/withdraw', { params: { id: p.id, enrolment_id: y1.id }, token: tokens.worker, body: { date: day }, expect: 200 });
    const c1 = (await enrol({ person_id: citizen.id, region: 'KZ-55', year: 2026, family_size: 2, enrolled_on: day }, 201)).body;
    assert.deepEqual((await programmeOf(p.id, tokens.worker, { year: 2026 })).quotas, [{ region: 'KZ-55', quota: 4, used: 2, left: 2 }], 'the places given back taken again');
    assert.equal(c1.entitlements.family_size, 2);
    // Closed, it takes nobody new; those enrolled stay.
    const closed = (await patch({ version: 2, active: false }, 200)).body;
    assert.equal(closed.active, false);
    assert.equal((await enrol({ person_id: young.id, region: 'KZ-55', year: 2026, enrolled_on: day }, 422)).body.error.field, 'person_id');
    assert.deepEqual((await programmeOf(p.id, tokens.worker, { year: 2026 })).enrolments.map((x) => [x.person.id, x.status]), [[citizen.id, 'enrolled'], [young.id, 'withdrawn']]);

    // Each rule by name; nothing saved.
    const quotaBad = async (body, field, token = tokens.admin, id = p.id) => {
      const x = await quota(body, 422, token, id, false);
      assert.equal(x.body.error.field, field, `${JSON.stringify(body).slice(0, 80)} names ${x.body.error.field}, not ${field}`);
      return x.body.error.fields.map((f) => f.field);
    };
    assert.deepEqual(await quotaBad({}, 'region'), ['region', 'year', 'quota']);
    const qq = { region: 'KZ-55', year: 2026, quota: 10 };
    await quotaBad({ ...qq, region: 'KZ-ALA' }, 'region');
    await quotaBad({ ...qq, region: 'kz-55' }, 'region');
    await quotaBad({ ...qq, region: null }, 'region');
    await quotaBad({ ...qq, year: 1999 }, 'year');
    await quotaBad({ ...qq, year: 2101 }, 'year');
    await quotaBad({ ...qq, year: '2026' }, 'year');
    await quotaBad({ ...qq, quota: -1 }, 'quota');
    await quotaBad({ ...qq, quota: null }, 'quota');
    await quotaBad({ ...qq, quota: 1000001 }, 'quota');
    await quotaBad({ ...qq, used: 0 }, 'used');
    await quotaBad(qq, 'quota', tokens.admin, bare.id); // a programme without quotas
    await quota(qq, 403, tokens.admin, kandas.id); // the national quotas ship with Komek
    await quota({ ...qq, quota: -1 }, 403, tokens.admin, kandas.id, false); // before the body is read
    for (const token of [tokens.supervisor, tokens.worker, tokens.analyst])
      await quota(qq, 403, token);
    await quota(qq, 404, tokens.admin, 987654321);
    await call('POST', '/api/v1/programmes/{id}/quotas', { params: { id: p.id }, token: tokens.admin, raw: '"KZ-55"', contentType: 'application/json', expect: 400 });
    assert.deepEqual((await programmeOf(p.id, tokens.worker, { year: 2026 })).quotas, [{ region: 'KZ-55', quota: 4, used: 2, left: 2 }], 'a refusal changes no quota');
    assert.deepEqual(quotaMap(await programmeOf(kandas.id, tokens.worker, { year: 2026 })), quotaMap(ctx.k26), 'the national quotas are as they were');
  });

  // ---- public work (civic.c; demo.c: demo_civic). The demo's, of the first organisation and
  // recorded by 'worker': the resettlers' organisation «Атамекен» (a public association in
  // Almaty) with its initiative group formed 60 days ago and its founding meeting 21 days ago;
  // the public council of the Almaty akimat with one meeting 21 days ago and its one decision,
  // in progress; and a proposal under review, submitted that day and put forward at that
  // meeting. The tests below leave them as they were and work in records they add.

  const rogOf = async (id, token = tokens.worker, expect = 200) =>
    (await call('GET', '/api/v1/resettler-orgs/{id}', { params: { id }, token, expect })).body;
  const rogList = async (token = tokens.worker) =>
    (await call('GET', '/api/v1/resettler-orgs', { token, expect: 200 })).body.items;
  const councilOf = async (id, token = tokens.worker, expect = 200) =>
    (await call('GET', '/api/v1/councils/{id}', { params: { id }, token, expect })).body;
  const councilList = async (token = tokens.worker) =>
    (await call('GET', '/api/v1/councils', { token, expect: 200 })).body.items;
  const meetingOf = async (id, meeting_id, token = tokens.worker, expect = 200) =>
    (await call('GET', '/api/v1/councils/{id}/meetings/{meeting_id}', { params: { id, meeting_id }, token, expect })).body;
  const proposalOf = async (id, token = tokens.worker, expect = 200) =>
    (await call('GET', '/api/v1/proposals/{id}', { params: { id }, token, expect })).body;
  const proposalList = async (token = tokens.worker) =>
    (await call('GET', '/api/v1/proposals', { token, expect: 200 })).body.items;
  /* The members a detail shares with the record of its list. */
  const rogCore = ({ steps: _s, ...rest }) => rest;
  const councilCore = ({ meeting_list: _m, ...rest }) => rest;
  const meetingCore = ({ decision_list: _d, ...rest }) => rest;
  /* A 422 of a request: asserts the first field at fault, returns all of them. */
  const refusal = async (method, path, params, body, field, token = tokens.worker) => {
    const x = await call(method, path, { params, token, body, expect: 422, checkRequest: false });
    assert.equal(x.body.error.field, field, `${method} ${path} ${JSON.stringify(body).slice(0, 80)} names ${x.body.error.field}, not ${field}`);
    return x.body.error.fields.map((f) => f.field);
  };

  it('GET /api/v1/resettler-orgs, /api/v1/councils, a meeting and /api/v1/proposals: the demo\'s records as each role sees them; 404 for another organisation\'s, 403 for analysts', async () => {
    const rogs = (await rogList()).filter((o) => o.name.endsWith('(demo)'));
    assert.equal(rogs.length, 1, `the demo's organisation is listed: ${JSON.stringify(rogs)}`);
    const [listedRog] = rogs;
    const today = dayFrom(listedRog.step_on, 21);
    assert.deepEqual(listedRog, {
      id: listedRog.id, version: 1, name: '«Атамекен» кандастар бірлестігі (demo)', kind: 'public_association', region: 'KZ-75',
      initiators: 'Моңғолиядан келген 12 отбасы', contact: null, note: null, step: 'founding_meeting', step_on: dayFrom(today, -21),
    }, 'listed with its latest step');
    const rog = await rogOf(listedRog.id);
    assert.deepEqual(rogCore(rog), listedRog, 'the organisation reads as listed');
    assert.deepEqual(rog.steps.map((s) => [s.step, s.done_on, s.note]),
      [['initiative_group', dayFrom(today, -60), null], ['founding_meeting', dayFrom(today, -21), null]], 'its steps, oldest first');

    const listedCouncil = (await councilList()).find((k) => k.name.endsWith('(demo)'));
    assert.deepEqual(listedCouncil, {
      id: listedCouncil.id, version: 1, name: 'Алматы қаласы әкімдігі жанындағы қоғамдық кеңес (demo)', kind: 'public_council',
      region: 'KZ-75', note: null, meetings: 1,
    });
    const council = await councilOf(listedCouncil.id);
    assert.deepEqual(councilCore(council), listedCouncil, 'the council reads as listed');
    const [m] = council.meeting_list;
    assert.deepEqual(council.meeting_list, [{
      id: m.id, council_id: council.id, held_on: dayFrom(today, -21), place: 'Алматы, әкімдік',
      agenda: '1. Кандастарды тұрғын үймен қамту.\n2. Тіл курстары.', minutes: null, decisions: 1,
    }]);
    const meeting = await meetingOf(council.id, m.id);
    assert.deepEqual(meetingCore(meeting), m, 'the meeting reads as its council lists it');
    assert.deepEqual(meeting.decision_list, [{
      id: meeting.decision_list[0].id, meeting_id: m.id, text: 'Тіл курстарына кешкі топ ашу.', status: 'in_progress', due_on: null, note: null,
    }]);

    const proposal = (await proposalList()).find((p) => p.title.endsWith('(demo)'));
    assert.deepEqual(proposal, {
      id: proposal.id, version: 1, title: 'Уақытша тіркеу мерзімін ұзарту (demo)',
      text: 'Кандастардың уақытша тіркеу мерзімін 90 күннен 180 күнге дейін ұзарту.', addressee: 'ҚР Еңбек және халықты әлеуметтік қорғау министрлігі',
      submitted_on: dayFrom(today, -21), status: 'under_review', outcome: null, outcome_on: null, meeting_id: m.id,
    }, 'put forward at the demo meeting');
    assert.deepEqual(await proposalOf(proposal.id), proposal);

    // Every role but analysts reads the records of its organisation.
    const lists = [await rogList(), await councilList(), await proposalList()];
    for (const token of [tokens.supervisor, tokens.psychologist, tokens.lawyer, tokens.admin]) {
      assert.deepEqual([await rogList(token), await councilList(token), await proposalList(token)], lists);
      assert.deepEqual(await rogOf(rog.id, token), rog);
      assert.deepEqual(await councilOf(council.id, token), council);
      assert.deepEqual(await meetingOf(council.id, m.id, token), meeting);
      assert.deepEqual(await proposalOf(proposal.id, token), proposal);
    }
    // Another organisation's records do not exist for the user, nor under another council.
    tokens.ngoSupervisor ??= await login('ngo-supervisor');
    for (const token of [tokens.ngo, tokens.ngoSupervisor]) {
      assert.deepEqual([await rogList(token), await councilList(token), await proposalList(token)], [[], [], []], 'the NGO has none');
      await rogOf(rog.id, token, 404);
      await councilOf(council.id, token, 404);
      await meetingOf(council.id, m.id, token, 404);
      await proposalOf(proposal.id, token, 404);
    }
    await rogOf(987654321, tokens.worker, 404);
    await councilOf(987654321, tokens.worker, 404);
    await meetingOf(council.id, 987654321, tokens.worker, 404);
    await meetingOf(987654321, m.id, tokens.worker, 404);
    await proposalOf(987654321, tokens.worker, 404);
    // Analysts: 403 on every route, before anything is looked up.
    for (const path of ['/api/v1/resettler-orgs', '/api/v1/councils', '/api/v1/proposals'])
      await call('GET', path, { token: tokens.analyst, expect: 403 });
    await rogOf(rog.id, tokens.analyst, 403);
    await rogOf(987654321, tokens.analyst, 403);
    await councilOf(council.id, tokens.analyst, 403);
    await meetingOf(council.id, m.id, tokens.analyst, 403);
    await proposalOf(proposal.id, tokens.analyst, 403);
    Object.assign(ctx, { civicToday: today, demoRog: rog, demoCouncil: council, demoMeeting: meeting, demoProposal: proposal });
  });

  it('POST and PATCH /api/v1/resettler-orgs, POST /api/v1/resettler-orgs/{id}/steps: every role but analysts keeps them; the latest step shown on the organisation; 409 on a stale version; 422 naming the field', async () => {
    const today = ctx.civicToday;
    const input = {
      name: '  «Жаңа қоныс» бірлестігі (test)  ', kind: 'ethnocultural_centre', region: 'KZ-55', initiators: ' Қытайдан келген 5 отбасы ',
      contact: '+7 701 555 12 34', note: '  Жарғы жобасы бар.\nЗаңгер керек.  ',
    };
    const r = await call('POST', '/api/v1/resettler-orgs', { token: tokens.psychologist, body: input, expect: 201 });
    const o = r.body;
    assert.equal(r.headers.get('location'), `/api/v1/resettler-orgs/${o.id}`);
    assert.deepEqual(o, {
      id: o.id, version: 1, name: '«Жаңа қоныс» бірлестігі (test)', kind: 'ethnocultural_centre', region: 'KZ-55',
      initiators: 'Қытайдан келген 5 отбасы', contact: '+7 701 555 12 34', note: 'Жарғы жобасы бар.\nЗаңгер керек.', step: null, step_on: null, steps: [],
    }, 'trimmed; no step yet');
    assert.deepEqual(await rogOf(o.id), o, 'GET after POST differs from the POST answer');
    assert.deepEqual((await rogList()).find((x) => x.id === o.id), rogCore(o), 'listed');
    await rogOf(o.id, tokens.ngo, 404);
    // Every role but analysts adds them; a text sent as null or empty is not given; listed by name.
    const bare = (await call('POST', '/api/v1/resettler-orgs', {
      token: tokens.lawyer, body: { name: 'Әйелдер кооперативі (test)', kind: 'cooperative', region: null, contact: '', note: '  ' }, expect: 201,
    })).body;
    assert.deepEqual([bare.region, bare.initiators, bare.contact, bare.note, bare.step, bare.steps], [null, null, null, null, null, []]);
    const names = (await rogList()).map((x) => x.name);
    assert.deepEqual(names, [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), 'by name');
    await call('POST', '/api/v1/resettler-orgs', { token: tokens.analyst, body: { name: 'Not allowed', kind: 'other' }, expect: 403 });

    // 422: each field at fault by name.
    const count = (await rogList()).length;
    const bad = (body, field) => refusal('POST', '/api/v1/resettler-orgs', {}, body, field);
    assert.deepEqual(await bad({}, 'name'), ['name', 'kind']);
    const k = { name: 'X (test)', kind: 'other' };
    await bad({ ...k, name: '   ' }, 'name');
    await bad({ ...k, name: 'Two\nlines' }, 'name');
    await bad({ ...k, name: 'x'.repeat(301) }, 'name');
    await bad({ ...k, name: 5 }, 'name');
    await bad({ ...k, kind: null }, 'kind');
    await bad({ ...k, kind: 'party' }, 'kind');
    await bad({ ...k, kind: 'Cooperative' }, 'kind');
    await bad({ ...k, region: 'kz-55' }, 'region');
    await bad({ ...k, region: 'KZ-ALA' }, 'region');
    await bad({ ...k, initiators: 'a\tb' }, 'initiators');
    await bad({ ...k, initiators: 'ә'.repeat(501) }, 'initiators');
    await bad({ ...k, contact: 'Two\nlines' }, 'contact');
    await bad({ ...k, note: 'ә'.repeat(8001) }, 'note');
    await bad({ ...k, version: 1 }, 'version');
    await bad({ ...k, step: 'registered' }, 'step');
    await bad({ ...k, steps: [] }, 'steps');
    assert.deepEqual((await bad({ name: '', kind: 'party', region: 'Almaty', note: 7 }, 'note')).sort(), ['kind', 'name', 'note', 'region'], 'every field at fault');
    await call('POST', '/api/v1/resettler-orgs', { token: tokens.worker, raw: '[]', contentType: 'application/json', expect: 400 });
    await call('POST', '/api/v1/resettler-orgs', { token: tokens.worker, raw: '{"name": "a", "name": "b"}', contentType: 'application/json', expect: 400 });
    assert.equal((await rogList()).length, count, 'a refusal adds nothing');

    // PATCH: the members sent change, the others are kept; null clears.
    const patch = (body, expect, token = tokens.worker, id = o.id, checkRequest = true) =>
      call('PATCH', '/api/v1/resettler-orgs/{id}', { params: { id }, token, body, expect, checkRequest });
    const p1 = (await patch({ version: 1, contact: null, region: 'KZ-75', note: ' Тіркеуге дайын. ' }, 200, tokens.admin)).body;
    assert.deepEqual(p1, { ...o, version: 2, contact: null, region: 'KZ-75', note: 'Тіркеуге дайын.' }, 'members not sent are kept');
    const stale = await patch({ version: 1, name: 'Stale (test)' }, 409);
    assert.deepEqual([stale.body.error.code, stale.body.error.field], ['conflict', 'version'], 'a 409 names version');
    assert.equal((await patch({ version: 1, kind: 'party' }, 422, tokens.worker, o.id, false)).body.error.field, 'kind', 'the body is checked before the version');
    assert.equal((await patch({ name: 'No version' }, 422, tokens.worker, o.id, false)).body.error.field, 'version');
    assert.equal((await patch({ version: 0 }, 422, tokens.worker, o.id, false)).body.error.field, 'version');
    assert.equal((await patch({ version: '2' }, 422, tokens.worker, o.id, false)).body.error.field, 'version');
    assert.equal((await patch({ version: 2, name: null }, 422, tokens.worker, o.id, false)).body.error.field, 'name');
    assert.equal((await patch({ version: 2, kind: '' }, 422, tokens.worker, o.id, false)).body.error.field, 'kind');
    // The organisation as GET gave it is not a change: its read-only members are unknown fields.
    const back = (await patch({ ...p1 }, 422, tokens.worker, o.id, false)).body.error.fields.map((f) => f.field);
    assert.deepEqual(back.sort(), ['id', 'step', 'step_on', 'steps']);
    assert.deepEqual(await rogOf(o.id), p1, 'a 409 and a 422 save nothing');
    await patch({ version: 2 }, 403, tokens.analyst);
    await patch({ version: 2 }, 404, tokens.ngo);
    await patch({ name: '' }, 404, tokens.ngo, o.id, false);
    await patch({ version: 1 }, 404, tokens.worker, 987654321);
    await call('PATCH', '/api/v1/resettler-orgs/{id}', { params: { id: o.id }, token: tokens.worker, raw: 'version=2', contentType: 'application/json', expect: 400 });

    // Steps: dated, by default today, never after it; the organisation shows the latest day's.
    const step = (body, expect, token = tokens.worker, id = o.id, checkRequest = true) =>
      call('POST', '/api/v1/resettler-orgs/{id}/steps', { params: { id }, token, body, expect, checkRequest });
    const r1 = await step({ step: 'initiative_group', done_on: dayFrom(today, -30), note: '  Бес отбасы.  ' }, 201, tokens.lawyer);
    assert.equal(r1.headers.get('location'), null, 'a step has no path of its own');
    const s1 = r1.body;
    assert.deepEqual(s1, {
      ...p1, step: 'initiative_group', step_on: dayFrom(today, -30),
      steps: [{ id: s1.steps[0].id, step: 'initiative_group', done_on: dayFrom(today, -30), note: 'Бес отбасы.' }],
    }, 'the organisation with its step; its version unchanged');
    const s2 = (await step({ step: 'charter_drafted', done_on: null }, 201)).body;
    assert.deepEqual([s2.step, s2.step_on, s2.steps[1].done_on, s2.steps[1].note], ['charter_drafted', today, today, null], 'by default today');
    // A step of an earlier day recorded later takes its place in the list; the latest day's stays shown.
    const s3 = (await step({ step: 'founding_meeting', done_on: dayFrom(today, -10) }, 201, tokens.psychologist)).body;
    assert.deepEqual(s3.steps.map((x) => [x.step, x.done_on]),
      [['initiative_group', dayFrom(today, -30)], ['founding_meeting', dayFrom(today, -10)], ['charter_drafted', today]], 'oldest first');
    assert.deepEqual([s3.step, s3.step_on], ['charter_drafted', today], 'the step of the latest day, not the last recorded');
    // Two steps of one day: the last recorded is shown.
    const s4 = (await step({ step: 'documents_submitted' }, 201, tokens.supervisor)).body;
    assert.deepEqual([s4.step, s4.step_on, s4.version, s4.steps.length], ['documents_submitted', today, 2, 4]);
    assert.deepEqual((await rogList()).find((x) => x.id === o.id), rogCore(s4), 'the list shows the latest step');
    assert.deepEqual(await rogOf(o.id), s4);
    const stepBad = (body, field) => refusal('POST', '/api/v1/resettler-orgs/{id}/steps', { id: o.id }, body, field);
    assert.deepEqual(await stepBad({}, 'step'), ['step']);
    await stepBad({ step: null }, 'step');
    await stepBad({ step: 'founded' }, 'step');
    await stepBad({ step: 'registered', done_on: dayFrom(today, 1) }, 'done_on');
    await stepBad({ step: 'registered', done_on: '2026-02-30' }, 'done_on');
    await stepBad({ step: 'registered', done_on: '20.11.2026' }, 'done_on');
    await stepBad({ step: 'registered', note: 'ә'.repeat(8001) }, 'note');
    await stepBad({ step: 'registered', resettler_org_id: o.id }, 'resettler_org_id');
    assert.deepEqual((await stepBad({ step: 'x', done_on: 'x', note: 5 }, 'note')).sort(), ['done_on', 'note', 'step'], 'every field at fault');
    await step({ step: 'registered' }, 403, tokens.analyst);
    await step({ step: 'registered' }, 404, tokens.ngo);
    await step({ step: 'founded', done_on: 'x' }, 404, tokens.ngo, o.id, false); // the organisation first, whatever the body
    await step({ step: 'registered' }, 404, tokens.worker, 987654321);
    await call('POST', '/api/v1/resettler-orgs/{id}/steps', { params: { id: o.id }, token: tokens.worker, raw: '"registered"', contentType: 'application/json', expect: 400 });
    assert.deepEqual(await rogOf(o.id), s4, 'a refusal records no step');
    // The steps did not move the version; a PATCH keeps them.
    const p2 = (await patch({ version: 2, name: '«Жаңа қоныс» (test)' }, 200)).body;
    assert.deepEqual(p2, { ...s4, version: 3, name: '«Жаңа қоныс» (test)' });
    if (haveSqlite()) {
      assert.equal(auditRows('resettler_org.save', 'resettler_org', o.id), 3, 'each save audited');
      assert.equal(auditRows('resettler_org.step', 'resettler_org', o.id), 4, 'each step audited, under the organisation');
    }
    assert.deepEqual(await rogOf(ctx.demoRog.id), ctx.demoRog, 'the demo organisation is as it was');
    ctx.rog = p2;
  });

  it('POST and PATCH /api/v1/councils, POST /api/v1/councils/{id}/meetings and GET a meeting: every role but analysts keeps councils and records their meetings; 409 on a stale version; 422 naming the field', async () => {
    const today = ctx.civicToday;
    const input = { name: '  Көші-қон мәселелері жөніндегі жұмыс тобы (test)  ', kind: 'working_group', region: 'KZ-75', note: '  Айына бір рет.\nӘкімдікте.  ' };
    const r = await call('POST', '/api/v1/councils', { token: tokens.lawyer, body: input, expect: 201 });
    const k = r.body;
    assert.equal(r.headers.get('location'), `/api/v1/councils/${k.id}`);
    assert.deepEqual(k, {
      id: k.id, version: 1, name: 'Көші-қон мәселелері жөніндегі жұмыс тобы (test)', kind: 'working_group', region: 'KZ-75',
      note: 'Айына бір рет.\nӘкімдікте.', meetings: 0, meeting_list: [],
    }, 'trimmed; no meeting yet');
    assert.deepEqual(await councilOf(k.id), k, 'GET after POST differs from the POST answer');
    assert.deepEqual((await councilList()).find((x) => x.id === k.id), councilCore(k), 'listed');
    await councilOf(k.id, tokens.ngo, 404);
    await call('POST', '/api/v1/councils', { token: tokens.analyst, body: { name: 'Not allowed', kind: 'public_council' }, expect: 403 });

    // 422: each field at fault by name.
    const count = (await councilList()).length;
    const bad = (body, field) => refusal('POST', '/api/v1/councils', {}, body, field);
    assert.deepEqual(await bad({}, 'name'), ['name', 'kind']);
    const c = { name: 'X (test)', kind: 'public_chamber' };
    await bad({ ...c, name: '   ' }, 'name');
    await bad({ ...c, name: 'Two\nlines' }, 'name');
    await bad({ ...c, name: 'x'.repeat(301) }, 'name');
    await bad({ ...c, kind: 'council' }, 'kind');
    await bad({ ...c, kind: 3 }, 'kind');
    await bad({ ...c, region: 'KZ-00' }, 'region');
    await bad({ ...c, note: 'ә'.repeat(8001) }, 'note');
    await bad({ ...c, version: 1 }, 'version');
    await bad({ ...c, meeting_list: [] }, 'meeting_list');
    assert.deepEqual((await bad({ name: 'a\tb', kind: 'club', region: 'almaty', meetings: 1 }, 'meetings')).sort(), ['kind', 'meetings', 'name', 'region'], 'every field at fault');
    await call('POST', '/api/v1/councils', { token: tokens.worker, raw: '[]', contentType: 'application/json', expect: 400 });
    assert.equal((await councilList()).length, count, 'a refusal adds no council');

    // PATCH: the members sent change, the others are kept; null clears.
    const patch = (body, expect, token = tokens.worker, id = k.id, checkRequest = true) =>
      call('PATCH', '/api/v1/councils/{id}', { params: { id }, token, body, expect, checkRequest });
    const p1 = (await patch({ version: 1, note: null, kind: 'coordination_council' }, 200, tokens.psychologist)).body;
    assert.deepEqual(p1, { ...k, version: 2, note: null, kind: 'coordination_council' }, 'members not sent are kept');
    const stale = await patch({ version: 1, name: 'Stale (test)' }, 409);
    assert.deepEqual([stale.body.error.code, stale.body.error.field], ['conflict', 'version'], 'a 409 names version');
    assert.equal((await patch({ version: 1, region: 'KZ' }, 422, tokens.worker, k.id, false)).body.error.field, 'region', 'the body is checked before the version');
    assert.equal((await patch({ note: 'No version' }, 422, tokens.worker, k.id, false)).body.error.field, 'version');
    assert.equal((await patch({ version: -2 }, 422, tokens.worker, k.id, false)).body.error.field, 'version');
    assert.equal((await patch({ version: 2, name: '' }, 422, tokens.worker, k.id, false)).body.error.field, 'name');
    assert.equal((await patch({ version: 2, kind: null }, 422, tokens.worker, k.id, false)).body.error.field, 'kind');
    const back = (await patch({ ...p1 }, 422, tokens.worker, k.id, false)).body.error.fields.map((f) => f.field);
    assert.deepEqual(back.sort(), ['id', 'meeting_list', 'meetings']);
    assert.deepEqual(await councilOf(k.id), p1, 'a 409 and a 422 save nothing');
    await patch({ version: 2 }, 403, tokens.analyst);
    await patch({ version: 2 }, 404, tokens.ngo);
    await patch({ version: 1 }, 404, tokens.worker, 987654321);
    await call('PATCH', '/api/v1/councils/{id}', { params: { id: k.id }, token: tokens.worker, raw: '{"version": 2', contentType: 'application/json', expect: 400 });

    // Meetings: held or planned, newest first; not changed once recorded.
    const meet = (body, expect, token = tokens.worker, id = k.id, checkRequest = true) =>
      call('POST', '/api/v1/councils/{id}/meetings', { params: { id }, token, body, expect, checkRequest });
    const r1 = await meet({ held_on: dayFrom(today, -7), place: ' Әкімдік, 3-зал ', agenda: '  1. Тұрғын үй.\n2. Жұмыс.  ', minutes: ' Екі шешім қабылданды. ' }, 201);
    const m1 = r1.body;
    assert.equal(r1.headers.get('location'), `/api/v1/councils/${k.id}/meetings/${m1.id}`);
    assert.deepEqual(m1, {
      id: m1.id, council_id: k.id, held_on: dayFrom(today, -7), place: 'Әкімдік, 3-зал', agenda: '1. Тұрғын үй.\n2. Жұмыс.',
      minutes: 'Екі шешім қабылданды.', decisions: 0, decision_list: [],
    }, 'trimmed; no decision yet');
    assert.deepEqual(await meetingOf(k.id, m1.id), m1, 'GET after POST differs from the POST answer');
    const m2 = (await meet({ held_on: dayFrom(today, 30), agenda: 'Келесі тоқсанның жоспары', place: '' }, 201, tokens.admin)).body;
    assert.deepEqual([m2.held_on, m2.place, m2.minutes, m2.decisions], [dayFrom(today, 30), null, null, 0], 'planned ahead');
    const m0 = (await meet({ held_on: dayFrom(today, -40), agenda: 'Құрылтай' }, 201, tokens.psychologist)).body;
    const k2 = await councilOf(k.id);
    assert.deepEqual(councilCore(k2), { ...councilCore(p1), meetings: 3 }, 'counted; the council\'s version unchanged');
    assert.deepEqual(k2.meeting_list, [meetingCore(m2), meetingCore(m1), meetingCore(m0)], 'newest first');
    const meetBad = (body, field) => refusal('POST', '/api/v1/councils/{id}/meetings', { id: k.id }, body, field);
    assert.deepEqual(await meetBad({}, 'held_on'), ['held_on', 'agenda']);
    const mm = { held_on: today, agenda: 'X' };
    await meetBad({ ...mm, held_on: null }, 'held_on');
    await meetBad({ ...mm, held_on: '2026-02-30' }, 'held_on');
    await meetBad({ ...mm, held_on: '05.11.2026' }, 'held_on');
    await meetBad({ ...mm, agenda: '   ' }, 'agenda');
    await meetBad({ ...mm, agenda: 'ә'.repeat(8001) }, 'agenda');
    await meetBad({ ...mm, place: 'Two\nlines' }, 'place');
    await meetBad({ ...mm, place: 'ә'.repeat(501) }, 'place');
    await meetBad({ ...mm, minutes: 'ә'.repeat(8001) }, 'minutes');
    await meetBad({ ...mm, version: 1 }, 'version');
    await meetBad({ ...mm, decision_list: [] }, 'decision_list');
    assert.deepEqual((await meetBad({ held_on: 'soon', agenda: '', place: 'a\tb', council_id: k.id }, 'council_id')).sort(), ['agenda', 'council_id', 'held_on', 'place'], 'every field at fault');
    await meet(mm, 403, tokens.analyst);
    await meet(mm, 404, tokens.ngo);
    await meet({ agenda: '' }, 404, tokens.ngo, k.id, false); // the council first, whatever the body
    await meet(mm, 404, tokens.worker, 987654321);
    await call('POST', '/api/v1/councils/{id}/meetings', { params: { id: k.id }, token: tokens.worker, raw: '[]', contentType: 'application/json', expect: 400 });
    assert.equal((await councilOf(k.id)).meetings, 3, 'a refusal records no meeting');
    // A meeting is found only under its own council.
    await meetingOf(ctx.demoCouncil.id, m1.id, tokens.worker, 404);
    await meetingOf(k.id, ctx.demoMeeting.id, tokens.worker, 404);
    await meetingOf(k.id, m1.id, tokens.ngo, 404);
    await meetingOf(k.id, m1.id, tokens.analyst, 403);

    // The NGO keeps its own councils, which the first organisation does not see.
    const nk = (await call('POST', '/api/v1/councils', { token: tokens.ngo, body: { name: 'Павлодар облысы қоғамдық палатасы (test)', kind: 'public_chamber', region: 'KZ-55' }, expect: 201 })).body;
    const nm = (await call('POST', '/api/v1/councils/{id}/meetings', { params: { id: nk.id }, token: tokens.ngo, body: { held_on: today, agenda: 'Кандастар' }, expect: 201 })).body;
    assert.deepEqual((await councilList(tokens.ngoSupervisor)).map((x) => x.id), [nk.id]);
    assert.deepEqual(await meetingOf(nk.id, nm.id, tokens.ngoSupervisor), nm);
    assert.ok(!(await councilList()).some((x) => x.id === nk.id), 'not listed for the first organisation');
    await councilOf(nk.id, tokens.worker, 404);
    await meetingOf(nk.id, nm.id, tokens.worker, 404);
    await meet(mm, 404, tokens.worker, nk.id);
    await meet({}, 404, tokens.worker, nk.id, false);
    await patch({ version: 1 }, 404, tokens.worker, nk.id);
    if (haveSqlite()) {
      assert.equal(auditRows('council.save', 'council', k.id), 2, 'each save audited');
      assert.equal(auditRows('council.meeting', 'council', k.id), 3, 'each meeting audited, under the council');
    }
    assert.deepEqual(await councilOf(ctx.demoCouncil.id), ctx.demoCouncil, 'the demo council is as it was');
    Object.assign(ctx, { council: k2, meeting: m1, ngoCouncil: nk, ngoMeeting: nm });
  });

  it('POST and PATCH /api/v1/councils/{id}/meetings/{meeting_id}/decisions: a meeting\'s decisions; a PATCH moves the status and keeps the text, without a version; 404 under another council or meeting; 422 naming the field', async () => {
    const today = ctx.civicToday;
    const k = ctx.council;
    const m = ctx.meeting;
    const decide = (body, expect, token = tokens.worker, id = k.id, meeting_id = m.id, checkRequest = true) =>
      call('POST', '/api/v1/councils/{id}/meetings/{meeting_id}/decisions', { params: { id, meeting_id }, token, body, expect, checkRequest });
    const change = (decision_id, body, expect, token = tokens.worker, id = k.id, meeting_id = m.id, checkRequest = true) =>
      call('PATCH', '/api/v1/councils/{id}/meetings/{meeting_id}/decisions/{decision_id}', { params: { id, meeting_id, decision_id }, token, body, expect, checkRequest });
    const r1 = await decide({ text: '  Кандастарға арналған\nкеңес беру орталығын ашу.  ', due_on: dayFrom(today, 60), note: ' Әкімдікпен бірге. ' }, 201);
    assert.equal(r1.headers.get('location'), null, 'a decision has no path to GET: its meeting shows it');
    const d1 = r1.body.decision_list[0];
    assert.deepEqual(r1.body, {
      ...m, decisions: 1,
      decision_list: [{ id: d1.id, meeting_id: m.id, text: 'Кандастарға арналған\nкеңес беру орталығын ашу.', status: 'adopted', due_on: dayFrom(today, 60), note: 'Әкімдікпен бірге.' }],
    }, 'the meeting with the decision: trimmed, adopted by default');
    const r2 = await decide({ text: 'Тіл курстарының кестесін жариялау.', status: 'implemented', due_on: dayFrom(today, -30), note: null }, 201, tokens.psychologist);
    const d2 = r2.body.decision_list[1];
    assert.deepEqual([d2.status, d2.due_on, d2.note], ['implemented', dayFrom(today, -30), null], 'a due day may be past');
    const seen = await meetingOf(k.id, m.id);
    assert.deepEqual(seen, r2.body, 'GET after POST differs from the POST answer');
    assert.deepEqual(seen.decision_list.map((x) => x.id), [d1.id, d2.id], 'in the order recorded');
    assert.equal((await councilOf(k.id)).meeting_list.find((x) => x.id === m.id).decisions, 2, 'counted on the council');

    // PATCH: a status moved keeps the text, the due day and the note.
    const c1 = (await change(d1.id, { status: 'in_progress' }, 200, tokens.lawyer)).body;
    assert.deepEqual(c1, { ...seen, decision_list: [{ ...d1, status: 'in_progress' }, d2] }, 'only the status changed');
    assert.deepEqual(await meetingOf(k.id, m.id), c1);
    const c2 = (await change(d1.id, { note: null, due_on: dayFrom(today, 90) }, 200, tokens.admin)).body;
    assert.deepEqual(c2.decision_list, [{ ...d1, status: 'in_progress', note: null, due_on: dayFrom(today, 90) }, d2], 'null clears; the status is kept');
    const c3 = (await change(d1.id, { text: ' Орталық ашылды. ', status: 'implemented' }, 200)).body;
    assert.deepEqual(c3.decision_list[0], { ...c2.decision_list[0], text: 'Орталық ашылды.', status: 'implemented' });
    assert.deepEqual((await change(d1.id, {}, 200)).body, c3, 'an empty change keeps everything');
    const c4 = (await change(d2.id, { status: 'not_implemented', note: 'Кесте кешікті.' }, 200)).body;
    assert.deepEqual(c4.decision_list, [c3.decision_list[0], { ...d2, status: 'not_implemented', note: 'Кесте кешікті.' }], 'each decision apart');
    const c5 = (await change(d1.id, { status: null }, 200)).body;
    assert.equal(c5.decision_list[0].status, 'adopted', 'a status sent as null goes back to adopted');
    assert.deepEqual(c5.decision_list[0], { ...c3.decision_list[0], status: 'adopted' });

    // 422: each field at fault by name; nothing saved.
    const decideBad = (body, field) => refusal('POST', '/api/v1/councils/{id}/meetings/{meeting_id}/decisions', { id: k.id, meeting_id: m.id }, body, field);
    assert.deepEqual(await decideBad({}, 'text'), ['text']);
    await decideBad({ text: '  ' }, 'text');
    await decideBad({ text: 'ә'.repeat(8001) }, 'text');
    await decideBad({ text: 'X', status: 'done' }, 'status');
    await decideBad({ text: 'X', status: 'Adopted' }, 'status');
    await decideBad({ text: 'X', due_on: '2026-13-01' }, 'due_on');
    await decideBad({ text: 'X', note: 'ә'.repeat(8001) }, 'note');
    await decideBad({ text: 'X', version: 1 }, 'version');
    await decideBad({ text: 'X', meeting_id: m.id }, 'meeting_id');
    assert.deepEqual((await decideBad({ text: 3, status: 'x', due_on: 'soon' }, 'text')).sort(), ['due_on', 'status', 'text'], 'every field at fault');
    const changeBad = (body, field) => refusal('PATCH', '/api/v1/councils/{id}/meetings/{meeting_id}/decisions/{decision_id}',
      { id: k.id, meeting_id: m.id, decision_id: d1.id }, body, field);
    await changeBad({ text: null }, 'text');
    await changeBad({ text: '' }, 'text');
    await changeBad({ status: 'cancelled' }, 'status');
    await changeBad({ due_on: 'tomorrow' }, 'due_on');
    await changeBad({ version: 1, status: 'implemented' }, 'version');
    assert.deepEqual((await changeBad(c5.decision_list[0], 'id')).sort(), ['id', 'meeting_id'], 'a decision as read is not a change');
    await call('POST', '/api/v1/councils/{id}/meetings/{meeting_id}/decisions', { params: { id: k.id, meeting_id: m.id }, token: tokens.worker, raw: '[]', contentType: 'application/json', expect: 400 });
    await call('PATCH', '/api/v1/councils/{id}/meetings/{meeting_id}/decisions/{decision_id}', { params: { id: k.id, meeting_id: m.id, decision_id: d1.id }, token: tokens.worker, raw: 'status=implemented', contentType: 'application/json', expect: 400 });
    assert.deepEqual(await meetingOf(k.id, m.id), c5, 'a refusal changes nothing');

    // 403 for analysts; 404 for another organisation, another council's meeting, another meeting's decision.
    const other = k.meeting_list.find((x) => x.id !== m.id);
    await decide({ text: 'X' }, 403, tokens.analyst);
    await change(d1.id, { status: 'implemented' }, 403, tokens.analyst);
    await decide({ text: 'X' }, 404, tokens.ngo);
    await decide({}, 404, tokens.ngo, k.id, m.id, false); // the meeting first, whatever the body
    await decide({ text: '', status: 'x' }, 404, tokens.worker, ctx.demoCouncil.id, m.id, false);
    await change(d1.id, { status: 'bogus' }, 404, tokens.ngo, k.id, m.id, false);
    await change(d1.id, { status: 'implemented' }, 404, tokens.ngo);
    await decide({ text: 'X' }, 404, tokens.worker, ctx.demoCouncil.id, m.id);
    await decide({ text: 'X' }, 404, tokens.worker, k.id, 987654321);
    await decide({ text: 'X' }, 404, tokens.worker, ctx.ngoCouncil.id, ctx.ngoMeeting.id);
    await change(d1.id, { status: 'implemented' }, 404, tokens.worker, ctx.demoCouncil.id, m.id);
    await change(d1.id, { status: 'implemented' }, 404, tokens.worker, k.id, other.id);
    await change(ctx.demoMeeting.decision_list[0].id, { status: 'implemented' }, 404);
    await change(987654321, { status: 'implemented' }, 404);
    assert.deepEqual(await meetingOf(k.id, m.id), c5, 'nothing changed');
    if (haveSqlite())
      assert.equal(auditRows('council.decision', 'council', k.id), 8, 'each decision and change audited, under the council');
    assert.deepEqual(await meetingOf(ctx.demoCouncil.id, ctx.demoMeeting.id), ctx.demoMeeting, 'the demo meeting is as it was');
  });

  it('POST and PATCH /api/v1/proposals: drafted, submitted, decided with its outcome; the outcome not before the submission; a meeting of another organisation refused; 409 on a stale version; 422 naming the field', async () => {
    const today = ctx.civicToday;
    const m = ctx.meeting;
    const input = { title: '  Тіл курстарын кешке ауыстыру (test)  ', text: '  Жұмыс істейтін кандастар үшін\nкешкі топтар.  ', addressee: ' Алматы қаласы әкімдігі ' };
    const r = await call('POST', '/api/v1/proposals', { token: tokens.worker, body: input, expect: 201 });
    const p = r.body;
    assert.equal(r.headers.get('location'), `/api/v1/proposals/${p.id}`);
    assert.deepEqual(p, {
      id: p.id, version: 1, title: 'Тіл курстарын кешке ауыстыру (test)', text: 'Жұмыс істейтін кандастар үшін\nкешкі топтар.',
      addressee: 'Алматы қаласы әкімдігі', submitted_on: null, status: 'drafted', outcome: null, outcome_on: null, meeting_id: null,
    }, 'trimmed; a draft by default');
    assert.deepEqual(await proposalOf(p.id), p, 'GET after POST differs from the POST answer');
    await proposalOf(p.id, tokens.ngo, 404);
    // Recorded decided at once and put forward at a meeting, by any role but analysts.
    const done = (await call('POST', '/api/v1/proposals', {
      token: tokens.psychologist, expect: 201, body: {
        title: 'Емханаларда аудармашы (test)', text: 'Аудармашы ұстау.', addressee: 'Денсаулық сақтау басқармасы', status: 'accepted',
        submitted_on: dayFrom(today, -25), outcome: 'Қабылданды.', outcome_on: dayFrom(today, -20), meeting_id: m.id,
      },
    })).body;
    assert.deepEqual([done.status, done.submitted_on, done.outcome, done.outcome_on, done.meeting_id],
      ['accepted', dayFrom(today, -25), 'Қабылданды.', dayFrom(today, -20), m.id]);
    const order = (await proposalList()).map((x) => x.id);
    assert.ok(order.indexOf(p.id) < order.indexOf(ctx.demoProposal.id) && order.indexOf(ctx.demoProposal.id) < order.indexOf(done.id),
      'not yet submitted first, then the newest submitted');
    assert.deepEqual((await proposalList()).find((x) => x.id === p.id), p, 'listed');
    await call('POST', '/api/v1/proposals', { token: tokens.analyst, body: { title: 'X', text: 'Y', addressee: 'Z' }, expect: 403 });

    // 422: each rule by name.
    const count = (await proposalList()).length;
    const bad = (body, field, token) => refusal('POST', '/api/v1/proposals', {}, body, field, token);
    assert.deepEqual(await bad({}, 'title'), ['title', 'text', 'addressee']);
    const q = { title: 'X (test)', text: 'Y', addressee: 'Z' };
    await bad({ ...q, title: '   ' }, 'title');
    await bad({ ...q, title: 'Two\nlines' }, 'title');
    await bad({ ...q, title: 'x'.repeat(301) }, 'title');
    await bad({ ...q, text: '   ' }, 'text');
    await bad({ ...q, text: 'ә'.repeat(8001) }, 'text');
    await bad({ ...q, addressee: null }, 'addressee');
    await bad({ ...q, addressee: 'a\tb' }, 'addressee');
    await bad({ ...q, addressee: 'ә'.repeat(501) }, 'addressee');
    await bad({ ...q, status: 'sent' }, 'status');
    await bad({ ...q, status: 'Drafted' }, 'status');
    // Any status but drafted needs the day it was submitted, never a day ahead.
    await bad({ ...q, status: 'submitted' }, 'submitted_on');
    await bad({ ...q, status: 'under_review', submitted_on: null }, 'submitted_on');
    await bad({ ...q, status: 'submitted', submitted_on: dayFrom(today, 1) }, 'submitted_on');
    await bad({ ...q, submitted_on: '2026-02-30' }, 'submitted_on');
    // A decided status needs the outcome.
    for (const status of ['accepted', 'partly_accepted', 'rejected', 'implemented'])
      assert.deepEqual(await bad({ ...q, status, submitted_on: today }, 'outcome'), ['outcome'], status);
    await bad({ ...q, status: 'rejected', submitted_on: today, outcome: '   ' }, 'outcome');
    await bad({ ...q, outcome: 'ә'.repeat(8001) }, 'outcome');
    // The outcome's day: not before the submission, not after today.
    await bad({ ...q, status: 'rejected', submitted_on: dayFrom(today, -5), outcome: 'Жоқ.', outcome_on: dayFrom(today, -6) }, 'outcome_on');
    await bad({ ...q, status: 'rejected', submitted_on: today, outcome: 'Жоқ.', outcome_on: dayFrom(today, 1) }, 'outcome_on');
    await bad({ ...q, outcome_on: '31.12.2026' }, 'outcome_on');
    // A meeting of a council of the user's organisation only, checked once the rest is valid.
    assert.deepEqual(await bad({ ...q, meeting_id: ctx.ngoMeeting.id }, 'meeting_id'), ['meeting_id'], 'the NGO\'s meeting');
    assert.deepEqual(await bad({ ...q, meeting_id: m.id }, 'meeting_id', tokens.ngo), ['meeting_id'], 'the first organisation\'s meeting, for the NGO');
    await bad({ ...q, meeting_id: 987654321 }, 'meeting_id');
    assert.deepEqual(await bad({ ...q, title: '', meeting_id: ctx.ngoMeeting.id }, 'title'), ['title'], 'the meeting after the rest');
    await bad({ ...q, meeting_id: 0 }, 'meeting_id');
    await bad({ ...q, meeting_id: String(m.id) }, 'meeting_id');
    await bad({ ...q, version: 1 }, 'version');
    await bad({ ...q, id: 1 }, 'id');
    assert.deepEqual((await bad({ title: '', text: 5, addressee: 'Z', status: 'won', outcome_on: 'x' }, 'text')).sort(), ['outcome_on', 'status', 'text', 'title'], 'every field at fault');
    await call('POST', '/api/v1/proposals', { token: tokens.worker, raw: '[]', contentType: 'application/json', expect: 400 });
    assert.equal((await proposalList()).length, count, 'a refusal records no proposal');
    assert.deepEqual(await proposalList(tokens.ngo), [], 'nor for the NGO');

    // PATCH: submitted at a meeting, under review, then decided with its outcome.
    const patch = (body, expect, token = tokens.worker, id = p.id, checkRequest = true) =>
      call('PATCH', '/api/v1/proposals/{id}', { params: { id }, token, body, expect, checkRequest });
    const p1 = (await patch({ version: 1, status: 'submitted', submitted_on: dayFrom(today, -3), meeting_id: m.id }, 200, tokens.lawyer)).body;
    assert.deepEqual(p1, { ...p, version: 2, status: 'submitted', submitted_on: dayFrom(today, -3), meeting_id: m.id }, 'members not sent are kept');
    const stale = await patch({ version: 1, status: 'under_review' }, 409);
    assert.deepEqual([stale.body.error.code, stale.body.error.field], ['conflict', 'version'], 'a 409 names version');
    assert.equal((await patch({ version: 1, status: 'rejected' }, 422)).body.error.field, 'outcome', 'the body is checked before the version');
    assert.equal((await patch({ version: 1, meeting_id: ctx.ngoMeeting.id }, 422)).body.error.field, 'meeting_id', 'then the meeting, before the version');
    assert.equal((await patch({ title: 'No version' }, 422, tokens.worker, p.id, false)).body.error.field, 'version');
    assert.equal((await patch({ version: 0 }, 422, tokens.worker, p.id, false)).body.error.field, 'version');
    assert.equal((await patch({ version: 2, title: null }, 422, tokens.worker, p.id, false)).body.error.field, 'title');
    assert.equal((await patch({ version: 2, text: '' }, 422, tokens.worker, p.id, false)).body.error.field, 'text');
    assert.equal((await patch({ version: 2, submitted_on: null }, 422)).body.error.field, 'submitted_on', 'a submitted proposal keeps its day');
    assert.equal((await patch({ version: 2, status: 'accepted' }, 422)).body.error.field, 'outcome', 'a decided status needs the outcome');
    assert.equal((await patch({ version: 2, status: 'accepted', outcome: 'Иә.', outcome_on: dayFrom(today, -4) }, 422)).body.error.field, 'outcome_on', 'not before the submission');
    assert.equal((await patch({ version: 2, submitted_on: dayFrom(today, -1), outcome_on: dayFrom(today, -2) }, 422)).body.error.field, 'outcome_on', 'nor the submission moved after it');
    const back = (await patch({ ...p1 }, 422, tokens.worker, p.id, false)).body.error.fields.map((f) => f.field);
    assert.deepEqual(back, ['id'], 'the proposal as read is a change but for its id');
    assert.deepEqual(await proposalOf(p.id), p1, 'a 409 and a 422 save nothing');
    await patch({ version: 2 }, 403, tokens.analyst);
    await patch({ version: 2 }, 404, tokens.ngo);
    await patch({ version: 1 }, 404, tokens.worker, 987654321);
    await call('PATCH', '/api/v1/proposals/{id}', { params: { id: p.id }, token: tokens.worker, raw: '[1]', contentType: 'application/json', expect: 400 });
    const p2 = (await patch({ version: 2, status: 'under_review' }, 200, tokens.supervisor)).body;
    assert.deepEqual(p2, { ...p1, version: 3, status: 'under_review' });
    const p3 = (await patch({ version: 3, status: 'partly_accepted', outcome: '  Кешкі топ бір ғана\nауданда ашылады.  ', outcome_on: dayFrom(today, -3) }, 200, tokens.admin)).body;
    assert.deepEqual(p3, { ...p2, version: 4, status: 'partly_accepted', outcome: 'Кешкі топ бір ғана\nауданда ашылады.', outcome_on: dayFrom(today, -3) },
      'decided on the day it was submitted');
    assert.equal((await patch({ version: 4, outcome: null }, 422)).body.error.field, 'outcome', 'a decided proposal keeps its outcome');
    const p4 = (await patch({ version: 4, status: 'implemented', meeting_id: null }, 200)).body;
    assert.deepEqual(p4, { ...p3, version: 5, status: 'implemented', meeting_id: null }, 'another decided status keeps the outcome; null clears the meeting');
    assert.deepEqual(await proposalOf(p.id), p4);
    assert.deepEqual((await proposalList()).find((x) => x.id === p.id), p4);
    if (haveSqlite())
      assert.equal(auditRows('proposal.save', 'proposal', p.id), 5, 'each save audited');
    assert.deepEqual(await proposalOf(ctx.demoProposal.id), ctx.demoProposal, 'the demo proposal is as it was');
    ctx.proposal = p4;
  });

  // ---- screenings (issue 8; src/api/screenings.c, domain/screening.c). The demo's: Ма Айгүл
  // (PHQ-9 twice and GAD-7, by the psychologist) and Karimova (restricted, held by 'worker': the
  // ILO indicators of forced labour, found likely). The tests below screen people of their own
  // (ctx.screened) and read the demo's.

  const screen = (id, body, expect, token = tokens.worker, checkRequest = true) =>
    call('POST', '/api/v1/persons/{id}/screenings', { params: { id }, token, body, expect, checkRequest });
  const screeningsOf = async (id, token = tokens.worker, expect = 200) =>
    (await call('GET', '/api/v1/persons/{id}/screenings', { params: { id }, token, expect })).body;
  const screeningOf = async (id, screening_id, token = tokens.worker, expect = 200) =>
    (await call('GET', '/api/v1/persons/{id}/screenings/{screening_id}', { params: { id, screening_id }, token, expect })).body;
  const instrumentList = async (query, token = tokens.worker, expect = 200) =>
    (await call('GET', '/api/v1/instruments', { query, token, expect })).body;
  /* The result of a screening, the members scoring sets. */
  const resultOf = (x) => ({
    answers: x.answers, total: x.total, band: x.band, positive: x.positive, reasons: x.reasons, alerts: x.alerts,
    groups: x.groups, conclusion: x.conclusion, finding: x.finding, finding_reason: x.finding_reason, proposals: x.proposals,
  });
  const NO_RESULT = { total: null, band: null, positive: null, reasons: [], alerts: [], groups: {}, conclusion: null, finding: null, finding_reason: null, proposals: [] };
  const PATHWAY = ['restrict_record', 'accommodation', 'social_legal_service', 'social_psychological_service', 'referral'];
  /* A web session (the login form, its cookies and CSRF tokens), for what only a page does. */
  async function webSession(login) {
    const jar = new Map();
    const keep = (res) => {
      for (const c of res.headers.getSetCookie()) {
        const kv = c.split(';')[0];
        jar.set(kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1));
      }
    };
    const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const get = async (path) => {
      const res = await fetch(server.url + path, { headers: { Cookie: cookie() }, redirect: 'manual' });
      keep(res);
      return res.text();
    };
    const post = async (path, form) => {
      const res = await fetch(server.url + path, {
        method: 'POST', redirect: 'manual', body: new URLSearchParams(form),
        headers: { Cookie: cookie(), 'Content-Type': 'application/x-www-form-urlencoded' },
      });
      keep(res);
      await res.text();
      return res.status;
    };
    const csrfOf = (html) => html.match(/name="_csrf" value="([^"]+)"/)?.[1];
    assert.equal(await post('/login', { _csrf: csrfOf(await get('/login')), login, password: PASSWORD }), 303, `${login} logs in on the web`);
    return { get, post, csrfOf };
  }

  it('POST /api/v1/persons/{id}/screenings: each instrument scored by its published rule; 201 with Location; read back as made; audited', async () => {
    const p = (await call('POST', '/api/v1/persons', {
      token: tokens.worker, expect: 201,
      body: { family_name: 'Скринингова', given_name: 'Гүлнар', sex: 'female', birth_date: '1988-04-12', confirm_new: true },
    })).body;
    ctx.screened = p;
    const made = [];
    const add = async (body, result, token = tokens.worker) => {
      const r = await screen(p.id, body, 201, token);
      const x = r.body;
      assert.equal(r.headers.get('location'), `/api/v1/persons/${p.id}/screenings/${x.id}`);
      assert.deepEqual([x.person_id, x.instrument], [p.id, body.instrument]);
      assert.deepEqual(resultOf(x), { ...NO_RESULT, ...result }, `${body.instrument}: ${JSON.stringify(body.answers)}`);
      assert.deepEqual(await screeningOf(p.id, x.id, token), x, 'GET after POST differs from the POST answer');
      made.push(x);
      return x;
    };

    // PHQ-9: an answer above 0 to item 9 is an alert whatever the total, and proposes a psychologist.
    const phq = await add({ instrument: 'phq9', answers: [0, 0, 0, 0, 0, 0, 0, 0, 1] }, {
      answers: [0, 0, 0, 0, 0, 0, 0, 0, 1], total: 1, band: 'minimal', positive: false, alerts: ['phq9_item9'], proposals: ['psychologist_referral'],
    });
    const today = phq.screened_on; // absent: today
    assert.deepEqual([phq.version, phq.lang, phq.informant, phq.norm, phq.screener.id], ['phq9-2001', 'kk', null, null, ctx.workerId],
      'the worker\'s interface language by default; the screener is the user');
    assert.ok(phq.screener.name.length > 0);
    await add({ instrument: 'phq9', answers: [2, 2, 2, 2, 2, 0, 0, 0, 0], lang: 'ru', screened_on: dayFrom(today, -60) }, {
      answers: [2, 2, 2, 2, 2, 0, 0, 0, 0], total: 10, band: 'moderate', positive: true, reasons: ['total_10_or_more'], proposals: ['psychologist_referral'],
    });
    // RHS-15: items 1–14 sum to 12 (positive); the short form, items 1–13, to 12 (≥ 11); the thermometer 4 (< 5).
    await add({ instrument: 'rhs15', answers: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 4], lang: 'en', screened_on: dayFrom(today, -30) }, {
      answers: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 4], total: 12, positive: true, reasons: ['rhs15_sum'],
      conclusion: 'rhs13_positive', proposals: ['psychologist_referral'],
    });
    // GAD-7 below its cut-off: a band, nothing proposed. The lawyer screens too.
    await add({ instrument: 'gad7', answers: [1, 1, 1, 1, 1, 1, 3], screened_on: dayFrom(today, -30) }, {
      answers: [1, 1, 1, 1, 1, 1, 3], total: 9, band: 'mild', positive: false,
    }, tokens.lawyer);
    // SDQ: the reversed items (7, 11, 14, 21, 25) turned round: all 0 scores 2 on each of them.
    const sdq = await add({ instrument: 'sdq', answers: Array(25).fill(0), informant: 'parent', norm: 'uk', screened_on: dayFrom(today, -10) }, {
      answers: Array(25).fill(0), total: 10, band: 'normal', positive: false, reasons: ['normal'],
      groups: { emotional: 0, conduct: 2, hyperactivity: 4, peer_problems: 4, prosocial: 0 },
    });
    assert.deepEqual([sdq.informant, sdq.norm], ['parent', 'uk']);
    const sdq2 = await add({ instrument: 'sdq', answers: Array(25).fill(1), informant: 'teacher', norm: 'uk', screened_on: dayFrom(today, -10) }, {
      answers: Array(25).fill(1), total: 20, band: 'very_high', positive: true, reasons: ['very_high'],
      groups: { emotional: 5, conduct: 5, hyperactivity: 5, peer_problems: 5, prosocial: 5 }, proposals: ['psychologist_referral'],
    });
    assert.deepEqual([sdq2.informant, sdq2.norm], ['teacher', 'uk']);
    // The SDQ's informant and norm are the SDQ's: another instrument drops them.
    const gad = await add({ instrument: 'gad7', answers: [3, 3, 3, 3, 3, 3, 3], informant: 'parent', norm: 'uk' }, {
      answers: [3, 3, 3, 3, 3, 3, 3], total: 21, band: 'severe', positive: true, reasons: ['total_10_or_more'], proposals: ['psychologist_referral'],
    });
    assert.deepEqual([gad.informant, gad.norm], [null, null]);
    // ILO forced labour: the indicators found, in the ILO's order, once each (trimmed, empty ones
    // ignored); no cut-off (positive null); the worker's finding "likely" proposes the protection pathway.
    const fl = await add({
      instrument: 'ilo_forced_labour', answers: ['withholding_of_wages', ' deception ', 'deception', ''], lang: 'kk',
      finding: 'likely', finding_reason: '  Жалақысы үш ай төленбеген;\nуәде етілген жұмыс басқа болып шықты.  ',
    }, {
      answers: ['deception', 'withholding_of_wages'], reasons: ['deception', 'withholding_of_wages'],
      finding: 'likely', finding_reason: 'Жалақысы үш ай төленбеген;\nуәде етілген жұмыс басқа болып шықты.', proposals: PATHWAY,
    });
    // ILO–EC: deceptive recruitment (a strong and a medium), exploitative conditions (a strong and a
    // medium), coercion at destination (two strong): the definition of trafficking is met.
    const ec = ['dr_nature_of_job', 'dr_wages', 'ec_excessive_hours', 'ec_low_or_no_salary', 'cd_confiscation_of_documents', 'cd_debt_bondage'];
    await add({ instrument: 'ilo_ec_trafficking', answers: [...ec].reverse(), finding: 'unclear', finding_reason: 'A second interview is needed.' }, {
      answers: ec, positive: true, reasons: ['deceptive_recruitment', 'exploitative_conditions', 'coercion_at_destination'],
      groups: { deceptive_recruitment: 1, coercive_recruitment: 0, recruitment_abuse_of_vulnerability: 0, exploitative_conditions: 1, coercion_at_destination: 1, abuse_of_vulnerability_at_destination: 0 },
      conclusion: 'trafficking', finding: 'unclear', finding_reason: 'A second interview is needed.',
    });
    // Exploitation alone: an exploited worker, not trafficking; the worker's "likely" still proposes the pathway.
    await add({ instrument: 'ilo_ec_trafficking', answers: ['ec_hazardous_work', 'ec_excessive_hours', 'cd_forced_tasks'], finding: 'likely', finding_reason: 'Works 16 hours a day.' }, {
      answers: ['ec_excessive_hours', 'ec_hazardous_work', 'cd_forced_tasks'], positive: false, reasons: ['exploitative_conditions'],
      groups: { deceptive_recruitment: 0, coercive_recruitment: 0, recruitment_abuse_of_vulnerability: 0, exploitative_conditions: 1, coercion_at_destination: 0, abuse_of_vulnerability_at_destination: 0 },
      conclusion: 'exploited_worker', finding: 'likely', finding_reason: 'Works 16 hours a day.', proposals: PATHWAY,
    });
    // No indicator at all: the definition is not met, and "unlikely" proposes nothing.
    await add({ instrument: 'ilo_ec_trafficking', answers: [], finding: 'unlikely', finding_reason: 'Nothing found.' }, {
      answers: [], positive: false,
      groups: { deceptive_recruitment: 0, coercive_recruitment: 0, recruitment_abuse_of_vulnerability: 0, exploitative_conditions: 0, coercion_at_destination: 0, abuse_of_vulnerability_at_destination: 0 },
      conclusion: 'not_met', finding: 'unlikely', finding_reason: 'Nothing found.',
    });
    assert.deepEqual(made.map((x) => x.version), ['phq9-2001', 'phq9-2001', 'rhs15-2013', 'gad7-2006', 'sdq-goodman', 'sdq-goodman', 'gad7-2006', 'ilo-fl-2012', 'ilo-ec-2009', 'ilo-ec-2009', 'ilo-ec-2009']);
    assert.deepEqual(made.map((x) => x.lang), ['kk', 'ru', 'en', 'kk', 'kk', 'kk', 'kk', 'kk', 'kk', 'kk', 'kk']);
    if (haveSqlite()) {
      // Recording is audited under the person, naming the instrument; the answer is a view of the person.
      assert.equal(auditRows('screening.add', 'person', p.id, 'phq9'), 2);
      assert.equal(auditRows('screening.add', 'person', p.id, 'ilo_ec_trafficking'), 3);
      await viewsOf('screening.view', p.id, 'a POST of a screening', () => screen(p.id, { instrument: 'phq9', answers: Array(9).fill(0) }, 201), 1);
      // Sealed at rest: neither the indicators nor the reason are in the row.
      const row = execFileSync('sqlite3', ['-readonly', server.db, `SELECT detail || ' ' || finding_reason FROM screenings WHERE id = ${fl.id}`], { encoding: 'utf8' });
      assert.ok(!row.includes('deception') && !row.includes('Жалақысы'), `the answers and the reason are sealed: ${row}`);
    }
    ctx.screenings = made;
  });

  it('GET /api/v1/persons/{id}/screenings and one screening: newest first, as made; audited; the restricted person\'s for those who see her; 403 for administrators and analysts, 404 for the rest', async () => {
    const p = ctx.screened;
    const list = (await screeningsOf(p.id)).items;
    const newestFirst = (a, b) => (a.screened_on === b.screened_on ? b.id - a.id : (a.screened_on < b.screened_on ? 1 : -1));
    assert.deepEqual(list.map((x) => x.id), [...list].sort(newestFirst).map((x) => x.id), 'newest screened_on first, then newest id');
    for (const x of ctx.screenings)
      assert.deepEqual(list.find((y) => y.id === x.id), x, `screening ${x.id} is listed as it was made`);
    // Every reader that works with people reads it; each reading is a view of the person.
    const one = ctx.screenings[0];
    for (const token of [tokens.supervisor, tokens.lawyer, tokens.psychologist])
      assert.deepEqual(await screeningOf(p.id, one.id, token), one);
    await viewsOf('screening.view', p.id, 'a GET of a person\'s screenings', () => screeningsOf(p.id), 1);
    await viewsOf('screening.view', p.id, 'a GET of one screening', () => screeningOf(p.id, one.id), 1);

    // The demo's: Ма Айгүл's, by the psychologist; a person with none lists none.
    const ma = (await call('GET', '/api/v1/persons', { query: { q: 'Ма Айгүл' }, token: tokens.worker, expect: 200 })).body.items.find((x) => x.family_name === 'Ма');
    assert.ok(ma, 'the demo\'s Ма Айгүл');
    const maList = (await screeningsOf(ma.id)).items;
    assert.deepEqual(maList.map((x) => [x.instrument, x.band]), [['gad7', 'mild'], ['phq9', 'mild'], ['phq9', 'moderate']]);
    assert.ok(maList.every((x) => x.screener.id === ctx.psychologistId));
    assert.deepEqual((await screeningsOf(ctx.person.id)).items, []);

    // Karimova (restricted): the worker assigned to her reads her screening, stored as a view first;
    // the psychologist may not see her: 404 on the list, the screening and a new one, and no view.
    const karimova = ctx.groupKarimova;
    const kList = await viewsOf('screening.view', karimova.id, 'a GET of a restricted person\'s screenings', () => screeningsOf(karimova.id), 1);
    assert.equal(kList.items.length, 1);
    const kn = kList.items[0];
    assert.deepEqual([kn.instrument, kn.lang, kn.finding, kn.positive, kn.proposals], ['ilo_forced_labour', 'ru', 'likely', null, PATHWAY]);
    assert.deepEqual(kn.answers, kn.reasons, 'the indicators found are what made the result');
    assert.deepEqual(await screeningOf(karimova.id, kn.id, tokens.supervisor), kn);
    await viewsOf('screening.view', karimova.id, 'a GET of her screenings by someone who may not see her', async () => {
      await screeningsOf(karimova.id, tokens.psychologist, 404);
      await screeningOf(karimova.id, kn.id, tokens.psychologist, 404);
      await screen(karimova.id, { instrument: 'gad7', answers: Array(7).fill(0) }, 404, tokens.psychologist);
    }, 0);

    // Not found: an unknown screening, another person's screening under this person's path, an
    // unknown person, another organisation's person.
    await screeningOf(p.id, 987654321, tokens.worker, 404);
    await screeningOf(p.id, kn.id, tokens.supervisor, 404);
    await screeningOf(karimova.id, one.id, tokens.supervisor, 404);
    await screeningsOf(987654321, tokens.worker, 404);
    await screeningsOf(p.id, tokens.ngo, 404);
    await screeningOf(p.id, one.id, tokens.ngo, 404);
    await screen(p.id, { instrument: 'gad7', answers: Array(7).fill(0) }, 404, tokens.ngo);
    const ngoPeople = (await call('GET', '/api/v1/persons', { token: tokens.ngo, expect: 200 })).body.items;
    assert.ok(ngoPeople.length > 0);
    await screeningsOf(ngoPeople[0].id, tokens.worker, 404);

    // Administrators and analysts may neither read nor record screenings: 403, before the person is looked up.
    const before = (await screeningsOf(p.id)).items.length;
    for (const token of [tokens.admin, tokens.analyst]) {
      await screeningsOf(p.id, token, 403);
      await screeningsOf(987654321, token, 403);
      await screeningOf(p.id, one.id, token, 403);
      await screen(p.id, { instrument: 'gad7', answers: Array(7).fill(0) }, 403, token);
      await call('POST', '/api/v1/persons/{id}/screenings', { params: { id: p.id }, token, raw: 'not json', contentType: 'application/json', expect: 403 });
    }
    assert.equal((await screeningsOf(p.id)).items.length, before, 'nothing recorded');
  });

  it('GET /api/v1/instruments: the six instruments with their items, in the language asked; 422 on lang; 403 for administrators and analysts', async () => {
    const s = doc.components.schemas;
    const ru = await instrumentList({ lang: 'ru' });
    assert.equal(ru.lang, 'ru');
    assert.deepEqual(ru.items.map((i) => i.code), s.InstrumentCode.enum, 'every instrument, in the document\'s order');
    const by = Object.fromEntries(ru.items.map((i) => [i.code, i]));
    assert.deepEqual(ru.items.map((i) => [i.code, i.version, i.kind, i.items.length, i.scale.length, i.groups.length, i.finding]), [
      ['rhs15', 'rhs15-2013', 'scored', 15, 5, 0, false],
      ['phq9', 'phq9-2001', 'scored', 9, 4, 0, false],
      ['gad7', 'gad7-2006', 'scored', 7, 4, 0, false],
      ['sdq', 'sdq-goodman', 'scored', 25, 3, 5, false],
      ['ilo_forced_labour', 'ilo-fl-2012', 'checklist', 11, 0, 0, true],
      ['ilo_ec_trafficking', 'ilo-ec-2009', 'checklist', 67, 0, 6, true],
    ]);
    // Scored items are "1".."n", each with its max; the RHS-15's thermometer goes to 10.
    for (const code of ['rhs15', 'phq9', 'gad7', 'sdq'])
      assert.deepEqual(by[code].items.map((i) => i.code), by[code].items.map((_, k) => String(k + 1)));
    assert.deepEqual(by.rhs15.items.map((i) => i.max), [...Array(14).fill(4), 10]);
    // Its item 14 (how one copes) has answers of its own; the others take the instrument's scale.
    assert.deepEqual(by.rhs15.items.map((i) => i.scale?.length), [...Array(13).fill(undefined), 5, undefined]);
    assert.notDeepEqual(by.rhs15.items[13].scale, by.rhs15.scale);
    assert.ok(by.phq9.items.every((i) => i.max === 3 && i.text && i.group === undefined));
    // The SDQ's wording is not reproduced; its items carry their subscale.
    assert.ok(by.sdq.items.every((i) => i.text === null && i.max === 2 && s.SdqSubscale.enum.includes(i.group)));
    assert.deepEqual(by.sdq.groups.map((g) => g.code), s.SdqSubscale.enum);
    // The checklists' codes are the document's enums, in order; ILO–EC indicators are graded by dimension.
    assert.deepEqual(by.ilo_forced_labour.items.map((i) => i.code), s.ForcedLabourIndicator.enum);
    assert.ok(by.ilo_forced_labour.items.every((i) => i.max === undefined && i.group === undefined && i.grade === undefined));
    assert.deepEqual(by.ilo_ec_trafficking.items.map((i) => i.code), s.TraffickingIndicator.enum);
    assert.deepEqual(by.ilo_ec_trafficking.groups.map((g) => g.code), s.TraffickingDimension.enum);
    assert.deepEqual(by.ilo_ec_trafficking.items.filter((i) => i.grade === 'strong').map((i) => i.code),
      ['dr_nature_of_job', 'cr_violence', 'ec_excessive_hours', 'cd_confiscation_of_documents', 'cd_debt_bondage', 'cd_isolation', 'cd_violence']);
    assert.ok(by.ilo_ec_trafficking.items.every((i) => i.code.startsWith({
      deceptive_recruitment: 'dr_', coercive_recruitment: 'cr_', recruitment_abuse_of_vulnerability: 'rv_',
      exploitative_conditions: 'ec_', coercion_at_destination: 'cd_', abuse_of_vulnerability_at_destination: 'vd_',
    }[i.group])), 'each indicator under its dimension');
    // In English, Russian and Kazakh; without lang (or with an empty one) the user's language.
    const en = await instrumentList({ lang: 'en' });
    const phqEn = en.items.find((i) => i.code === 'phq9');
    assert.deepEqual([phqEn.items[0].text, phqEn.scale[0], phqEn.scale[3]], ['Little interest or pleasure in doing things', 'Not at all', 'Nearly every day']);
    assert.notEqual(by.phq9.items[0].text, phqEn.items[0].text, 'the Russian wording');
    assert.deepEqual(en.items.map((i) => [i.code, i.version, i.items.map((x) => x.code)]), ru.items.map((i) => [i.code, i.version, i.items.map((x) => x.code)]));
    const mine = await instrumentList(undefined);
    assert.equal(mine.lang, 'kk', 'the worker\'s interface language');
    assert.deepEqual(await instrumentList({ lang: '' }), mine);
    assert.deepEqual(await instrumentList({ lang: 'kk' }), mine);
    assert.deepEqual((await instrumentList(undefined, tokens.psychologist)).items.map((i) => i.code), s.InstrumentCode.enum);
    for (const lang of ['de', 'RU', 'ru-RU']) {
      const x = await call('GET', '/api/v1/instruments', { query: { lang }, token: tokens.worker, expect: 422 });
      assert.equal(x.body.error.field, 'lang');
    }
    await instrumentList(undefined, tokens.admin, 403);
    await instrumentList({ lang: 'ru' }, tokens.analyst, 403);
  });

  it('POST /api/v1/persons/{id}/screenings: 422 naming each field at fault, nothing saved; 400', async () => {
    const p = ctx.screened;
    const count = async () => (await screeningsOf(p.id)).items.length;
    const before = await count();
    const zeros = (n) => Array(n).fill(0);
    const bad = async (body, fields, checkRequest = false) => {
      const x = await screen(p.id, body, 422, tokens.worker, checkRequest);
      assert.deepEqual(x.body.error.fields.map((f) => f.field), fields, `${JSON.stringify(body).slice(0, 120)}`);
      assert.equal(x.body.error.field, fields[0]);
    };
    await bad({ instrument: 'phq9', answers: zeros(8) }, ['answers'], true);
    await bad({ instrument: 'phq9', answers: zeros(10) }, ['answers'], true);
    await bad({ instrument: 'phq9', answers: [0, 0, 0, 0, 4, 0, 0, 0, 0] }, ['answers.5'], true);
    await bad({ instrument: 'phq9', answers: [0, 0, 0, 0, -1, 0, 0, 0, 0] }, ['answers.5']);
    await bad({ instrument: 'phq9', answers: [0, 0, 'x', 0, 0, 0, 0, 0, 0.5] }, ['answers.3', 'answers.9']);
    await bad({ instrument: 'phq9', answers: '0,0,0' }, ['answers']);
    await bad({ instrument: 'phq9', answers: zeros(81) }, ['answers']);
    await bad({ instrument: 'phq9', answers: null }, ['answers'], true);
    await bad({ instrument: 'phq9' }, ['answers']);
    await bad({ instrument: 'rhs15', answers: [...zeros(14), 11] }, ['answers.15']);
    await bad({ instrument: 'rhs15', answers: [...zeros(13), 5, 0] }, ['answers.14'], true);
    await bad({ instrument: 'sdq', answers: zeros(25) }, ['informant', 'norm'], true);
    await bad({ instrument: 'sdq', answers: zeros(25), informant: 'teacher', norm: 'mn' }, ['informant', 'norm'], true);
    await bad({ instrument: 'sdq', answers: zeros(25), informant: 'self', norm: 'uk' }, ['informant', 'norm']);
    await bad({ instrument: 'ilo_forced_labour', answers: ['nonsense', 'deception'], finding: 'likely', finding_reason: 'x' }, ['answers'], true);
    await bad({ instrument: 'ilo_forced_labour', answers: ['dr_wages'], finding: 'likely', finding_reason: 'x' }, ['answers'], true);
    await bad({ instrument: 'ilo_forced_labour', answers: [1], finding: 'likely', finding_reason: 'x' }, ['answers.1']);
    await bad({ instrument: 'ilo_forced_labour', answers: ['isolation'] }, ['finding', 'finding_reason'], true);
    await bad({ instrument: 'ilo_forced_labour', answers: ['isolation'], finding: 'likely' }, ['finding_reason'], true);
    await bad({ instrument: 'ilo_forced_labour', answers: ['isolation'], finding: 'likely', finding_reason: '   ' }, ['finding_reason'], true);
    await bad({ instrument: 'ilo_forced_labour', answers: [], finding: 'sure', finding_reason: 'x' }, ['finding']);
    await bad({ instrument: 'ilo_ec_trafficking', answers: [], finding: 'unclear', finding_reason: 'ә'.repeat(4001) }, ['finding_reason']);
    await bad({ instrument: 'phq9', answers: zeros(9), finding: 'likely' }, ['finding'], true);
    await bad({ instrument: 'phq9', answers: zeros(9), finding_reason: 'x' }, ['finding'], true);
    await bad({ instrument: 'mmpi', answers: [] }, ['instrument']);
    await bad({ answers: [] }, ['instrument']);
    await bad({ instrument: 'gad7', answers: zeros(7), lang: 'de' }, ['lang']);
    await bad({ instrument: 'gad7', answers: zeros(7), screened_on: '2999-01-01' }, ['screened_on'], true);
    await bad({ instrument: 'gad7', answers: zeros(7), screened_on: '1988-04-11' }, ['screened_on'], true); // the day before her birth
    await bad({ instrument: 'gad7', answers: zeros(7), screened_on: '15.01.2026' }, ['screened_on']);
    await bad({ instrument: 'gad7', answers: zeros(7), extra: 1 }, ['extra']);
    await bad({ instrument: 7, answers: zeros(7) }, ['instrument']);
    // Every field at once, in the order of the rules.
    await bad({ instrument: 'gad7', answers: [0, 0, 0, 0, 0, 0, 9], lang: 'de', screened_on: '2999-01-01', finding: 'likely' },
      ['lang', 'screened_on', 'finding', 'answers.7']);
    await call('POST', '/api/v1/persons/{id}/screenings', { params: { id: p.id }, token: tokens.worker, raw: '[1,2', contentType: 'application/json', expect: 400 });
    await call('POST', '/api/v1/persons/{id}/screenings', { params: { id: p.id }, token: tokens.worker, raw: '["phq9"]', contentType: 'application/json', expect: 400 });
    await call('POST', '/api/v1/persons/{id}/screenings', { params: { id: p.id }, token: tokens.worker, raw: '{"instrument":"gad7","instrument":"phq9"}', contentType: 'application/json', expect: 400 });
    assert.equal(await count(), before, 'a 422 and a 400 save nothing');
  });

  it('erasing a person empties their screenings\' answers, reasons and the worker\'s reason; the figures stay', async () => {
    const e = (await call('POST', '/api/v1/persons', {
      token: tokens.worker, expect: 201, body: { family_name: 'Өшірілетін', given_name: 'Скрининг', sex: 'male', birth_date: '1985-01-01', confirm_new: true },
    })).body;
    const phq = (await screen(e.id, { instrument: 'phq9', answers: [3, 3, 3, 3, 3, 3, 3, 3, 3] }, 201)).body;
    const fl = (await screen(e.id, { instrument: 'ilo_forced_labour', answers: ['debt_bondage'], finding: 'likely', finding_reason: 'Қарызы үшін жұмыс істейді.' }, 201)).body;
    const web = await webSession('supervisor');
    const csrf = web.csrfOf(await web.get(`/persons/${e.id}`));
    assert.equal(await web.post(`/persons/${e.id}/erase`, { _csrf: csrf, reason: 'person_request', confirm: '1' }), 303, 'erased on the web');
    const after = (await screeningsOf(e.id)).items;
    assert.deepEqual(after.find((x) => x.id === phq.id), { ...phq, answers: [], reasons: [], alerts: [] }, 'the total, band and proposals stay');
    assert.deepEqual(after.find((x) => x.id === fl.id), { ...fl, answers: [], reasons: [], finding_reason: null }, 'the finding stays');
    ctx.erasedScreened = e;
  });

  it('an erased person is not screened through the API, as on the web (403)', async () => {
    const e = ctx.erasedScreened;
    assert.ok(e, 'the test above erased a person');
    const r = await screen(e.id, { instrument: 'phq9', answers: [1, 1, 1, 1, 1, 1, 1, 1, 1] });
    assert.equal(r.status, 403, `an erased person was screened: ${r.status} ${JSON.stringify(r.body)}`);
  });

  // ---- labour (issue 8, parts 1 and 2; src/api/labour.c, domain/labour.c, store/store_labour.c).
  // The tests below make their own employers, vacancies, people and employments (ctx.lab) and
  // look for them among whatever else the organisation has (the demo's labour included).
  // Amounts are tiyn: the minimum wage is 85 000 KZT (8500000) from 2024, so employments that
  // start on LAB_START are decided on it and on the 40-hour week.

  const LAB_START = '2025-03-01';
  const employerOf = async (id, token = tokens.worker, expect = 200) =>
    (await call('GET', '/api/v1/employers/{id}', { params: { id }, token, expect })).body;
  const employerList = async (query, token = tokens.worker, expect = 200) =>
    (await call('GET', '/api/v1/employers', { query, token, expect })).body;
  const vacancyOf = async (id, token = tokens.worker, expect = 200) =>
    (await call('GET', '/api/v1/vacancies/{id}', { params: { id }, token, expect })).body;
  const vacancyList = async (query, token = tokens.worker, expect = 200) =>
    (await call('GET', '/api/v1/vacancies', { query, token, expect })).body;
  const skill = (id, body, expect = 201, token = tokens.worker, checkRequest = true) =>
    call('POST', '/api/v1/persons/{id}/skills', { params: { id }, token, body, expect, checkRequest });
  const skillsOf = async (id, token = tokens.worker, expect = 200) =>
    (await call('GET', '/api/v1/persons/{id}/skills', { params: { id }, token, expect })).body;
  const unskill = (id, skill_id, expect = 200, token = tokens.worker) =>
    call('DELETE', '/api/v1/persons/{id}/skills/{skill_id}', { params: { id, skill_id }, token, expect });
  const vacanciesFor = async (id, query, token = tokens.worker, expect = 200) =>
    (await call('GET', '/api/v1/persons/{id}/vacancies', { params: { id }, query, token, expect })).body;
  const candidatesOf = async (id, query, token = tokens.worker, expect = 200) =>
    (await call('GET', '/api/v1/vacancies/{id}/candidates', { params: { id }, query, token, expect })).body;
  const employ = (body, expect = 201, token = tokens.worker, checkRequest = true) =>
    call('POST', '/api/v1/employments', { token, body, expect, checkRequest });
  const employmentOf = async (id, token = tokens.worker, expect = 200) =>
    (await call('GET', '/api/v1/employments/{id}', { params: { id }, token, expect })).body;
  const employmentsOf = async (id, token = tokens.worker, expect = 200) =>
    (await call('GET', '/api/v1/persons/{id}/employments', { params: { id }, token, expect })).body;
  const patchEmployment = (id, body, expect = 200, token = tokens.worker, checkRequest = true) =>
    call('PATCH', '/api/v1/employments/{id}', { params: { id }, token, body, expect, checkRequest });
  const alertList = async (query, token = tokens.worker, expect = 200) =>
    (await call('GET', '/api/v1/labour-alerts', { query, token, expect })).body;
  const resolve = (id, body, expect = 200, token = tokens.worker, checkRequest = true) =>
    call('POST', '/api/v1/labour-alerts/{id}/resolve', { params: { id }, token, body, expect, checkRequest });
  const minimumWages = async (token = tokens.worker, expect = 200) =>
    (await call('GET', '/api/v1/minimum-wages', { token, expect })).body;
  /* A 422 of method path naming exactly `fields`, in order. */
  const labBad = async (method, path, params, body, fields, token = tokens.worker) => {
    const x = await call(method, path, { params, token, body, expect: 422, checkRequest: false });
    assert.deepEqual(x.body.error.fields.map((f) => f.field), fields, `${method} ${path} ${JSON.stringify(body).slice(0, 160)}`);
    assert.equal(x.body.error.field, fields[0]);
    return x;
  };
  const byName = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id);
  const kindsOf = (x) => x.alerts.map((a) => a.kind);
  const rowOf = (detail) => { const { alerts: _a, ...row } = detail; return row; };

  it('POST, GET and PATCH /api/v1/employers: the organisation\'s employers, a BIN with its check digit; 409 on a stale version; 422 naming the field; 404 for another organisation\'s, 403 for analysts and for the roles that do not record labour', async () => {
    const full = {
      name: '  ТОО «Алматы Құрылыс»  ', bin: '050140001238', region: 'kz-ala', address: 'Алматы, Әуезов ауданы',
      contact: 'Серік Омаров, кадр бөлімі', phone: '+7 727 300 40 50', note: 'Бетон жұмыстары.\nҚыста да.',
    };
    const r = await call('POST', '/api/v1/employers', { token: tokens.worker, body: full, expect: 201 });
    const e = r.body;
    assert.equal(r.headers.get('location'), `/api/v1/employers/${e.id}`);
    assert.deepEqual(e, {
      id: e.id, name: 'ТОО «Алматы Құрылыс»', bin: '050140001238', region: 'KZ-75', address: full.address, contact: full.contact,
      phone: full.phone, note: full.note, active: true, open_vacancies: 0, version: 1,
    }, 'trimmed; the older region code stored as the current one');
    assert.deepEqual(await employerOf(e.id), e);
    // Lawyers and supervisors record employers too; a text sent as null is not given.
    const small = (await call('POST', '/api/v1/employers', { token: tokens.lawyer, body: { name: 'ЖК Ахмедов', bin: null, region: null }, expect: 201 })).body;
    assert.deepEqual(small, { id: small.id, name: 'ЖК Ахмедов', bin: null, region: null, address: null, contact: null, phone: null, note: null, active: true, open_vacancies: 0, version: 1 });
    const gone = (await call('POST', '/api/v1/employers', { token: tokens.supervisor, body: { name: 'Жабылған шаруашылық', active: false }, expect: 201 })).body;
    assert.equal(gone.active, false);

    // The list: the active employers by name, then id; all=1 adds the others.
    const act = await employerList();
    assert.deepEqual(act.items.map((x) => x.id), [...act.items].sort(byName).map((x) => x.id), 'by name, then id');
    assert.ok(act.items.every((x) => x.active));
    assert.deepEqual(act.items.find((x) => x.id === e.id), e);
    assert.ok(act.items.some((x) => x.id === small.id) && !act.items.some((x) => x.id === gone.id));
    const all = await employerList({ all: 1 });
    assert.deepEqual(all.items.map((x) => x.id), [...all.items].sort(byName).map((x) => x.id));
    assert.deepEqual(all.items.find((x) => x.id === gone.id), gone);
    assert.deepEqual(await employerList({ all: 0 }), act);
    const q = await call('GET', '/api/v1/employers', { query: { all: 2 }, token: tokens.worker, expect: 422 });
    assert.equal(q.body.error.field, 'all');

    // PATCH: the members sent, at the version read; made inactive, not removed.
    const patch = (id, body, expect = 200, token = tokens.worker, checkRequest = true) =>
      call('PATCH', '/api/v1/employers/{id}', { params: { id }, token, body, expect, checkRequest });
    const s2 = (await patch(small.id, { version: 1, active: false, note: 'Енді жұмыс істемейміз.', phone: '8 (701) 555-12-34' })).body;
    assert.deepEqual(s2, { ...small, active: false, note: 'Енді жұмыс істемейміз.', phone: '8 (701) 555-12-34', version: 2 });
    assert.ok(!(await employerList()).items.some((x) => x.id === small.id), 'an inactive employer leaves the list');
    const stale = await patch(small.id, { version: 1, active: true }, 409);
    assert.equal(stale.body.error.field, 'version');
    const s3 = (await patch(small.id, { version: 2, active: true, note: null, phone: '' }, 200, tokens.supervisor, false)).body;
    assert.deepEqual(s3, { ...small, version: 3 }, 'null and empty clear');
    await labBad('PATCH', '/api/v1/employers/{id}', { id: small.id }, { active: false }, ['version']);
    await labBad('PATCH', '/api/v1/employers/{id}', { id: small.id }, { version: 3, name: null }, ['name']);
    await labBad('PATCH', '/api/v1/employers/{id}', { id: small.id }, { version: 3, bin: '123456789012' }, ['bin']);
    await labBad('PATCH', '/api/v1/employers/{id}', { id: small.id }, { version: 3, open_vacancies: 1 }, ['open_vacancies']);
    await call('PATCH', '/api/v1/employers/{id}', { params: { id: small.id }, token: tokens.worker, raw: '[3]', contentType: 'application/json', expect: 400 });
    assert.deepEqual(await employerOf(small.id), s3, 'a 422 saves nothing');

    // 422 naming each field at fault, every one at once.
    const bad = (body, fields) => labBad('POST', '/api/v1/employers', {}, body, fields);
    await bad({ name: 'x', bin: '050140001230' }, ['bin']); // the check digit
    await bad({ name: 'x', bin: '05014000123' }, ['bin']); // eleven digits
    await bad({ name: 'x', bin: '0501400012ab' }, ['bin']);
    await bad({ name: '   ' }, ['name']);
    await bad({}, ['name']);
    await bad({ name: 'ә'.repeat(301) }, ['name']);
    await bad({ name: 'x', region: 'KZ-XX' }, ['region']);
    await bad({ name: 'x', phone: 'abc' }, ['phone']);
    await bad({ name: 'x', phone: '12' }, ['phone']);
    await bad({ name: 'x', address: 'Абай\nкөшесі' }, ['address']);
    await bad({ name: 'x', note: 'ә'.repeat(4001) }, ['note']);
    await bad({ name: 'x', active: null }, ['active']);
    await bad({ name: 'x', active: 1, version: 1 }, ['active', 'version']);
    await bad({ name: 5, region: 'KZ-XX', bin: '1' }, ['name', 'bin', 'region']);
    await call('POST', '/api/v1/employers', { token: tokens.worker, raw: '{"name":', contentType: 'application/json', expect: 400 });

    // Another organisation's employer does not exist for the user.
    await employerOf(e.id, tokens.ngo, 404);
    await patch(e.id, { version: 1, name: 'x' }, 404, tokens.ngo);
    assert.ok(!(await employerList({ all: 1 }, tokens.ngo)).items.some((x) => x.id === e.id));
    await employerOf(987654321, tokens.worker, 404);
    // Administrators and psychologists read, but do not record; analysts neither (403, before the lookup).
    for (const token of [tokens.admin, tokens.psychologist]) {
      assert.deepEqual(await employerOf(e.id, token), e);
      await call('POST', '/api/v1/employers', { token, body: { name: 'x' }, expect: 403 });
      await patch(e.id, { version: 1, name: 'x' }, 403, token);
    }
    await employerList(undefined, tokens.analyst, 403);
    await employerOf(e.id, tokens.analyst, 403);
    await employerOf(987654321, tokens.analyst, 403);
    await call('POST', '/api/v1/employers', { token: tokens.analyst, body: { name: 'x' }, expect: 403 });
    await patch(e.id, { version: 1 }, 403, tokens.analyst);
    assert.deepEqual(await employerOf(e.id), e, 'nothing changed');
    if (haveSqlite()) {
      assert.equal(auditRows('employer.save', 'employer', small.id), 3, 'each save audited');
      assert.equal(auditRows('employer.save', 'employer', gone.id, 'inactive'), 1);
    }
    ctx.lab = { employer: e, employer2: s3 };
  });

  it('POST, GET and PATCH /api/v1/vacancies, and the list with its filters: vacancies of the organisation\'s employers; languages as codes; 409 on a stale version; 422 naming the field; 404 for another organisation\'s, 403 for analysts', async () => {
    const { employer: e, employer2: e2 } = ctx.lab;
    const r = await call('POST', '/api/v1/vacancies', {
      token: tokens.worker, expect: 201,
      body: {
        employer_id: e.id, title: ' Бетон құюшы ', occupation: '71', region: 'KZ-75', wage: 25000000, hours_per_week: 40, housing: true,
        languages: ['KK', 'ru', 'kk'], places: 3, closes_on: '2099-01-31', note: 'Жатақхана беріледі.',
      },
    });
    const a = r.body;
    assert.equal(r.headers.get('location'), `/api/v1/vacancies/${a.id}`);
    const today = a.opened_on; // absent: today
    assert.deepEqual(a, {
      id: a.id, employer_id: e.id, employer_name: e.name, title: 'Бетон құюшы', occupation: '71', region: 'KZ-75', wage: 25000000,
      hours_per_week: 40, housing: true, languages: ['kk', 'ru'], places: 3, opened_on: today, closes_on: '2099-01-31', status: 'open',
      note: 'Жатақхана беріледі.', version: 1,
    }, 'languages lower case, each once, in the order given');
    assert.deepEqual(await vacancyOf(a.id), a);
    // A wage of 0 and null hours are not given; no languages is an empty list.
    const b = (await call('POST', '/api/v1/vacancies', {
      token: tokens.lawyer, expect: 201,
      body: { employer_id: e.id, title: 'Жүргізуші', occupation: '83', region: 'KZ-79', wage: 0, hours_per_week: null, languages: null },
    })).body;
    assert.deepEqual(b, {
      id: b.id, employer_id: e.id, employer_name: e.name, title: 'Жүргізуші', occupation: '83', region: 'KZ-79', wage: null,
      hours_per_week: null, housing: false, languages: [], places: 1, opened_on: today, closes_on: null, status: 'open', note: null, version: 1,
    });
    const c = (await call('POST', '/api/v1/vacancies', {
      token: tokens.supervisor, expect: 201,
      body: { employer_id: e2.id, title: 'Дәнекерлеуші', occupation: '72', region: 'KZ-19', housing: true, languages: ['uz'], opened_on: '2025-01-15' },
    })).body;
    assert.deepEqual([c.employer_name, c.opened_on, c.languages], [e2.name, '2025-01-15', ['uz']]);
    const d = (await call('POST', '/api/v1/vacancies', {
      token: tokens.worker, expect: 201,
      body: { employer_id: e.id, title: 'Күзетші', occupation: '54', region: 'KZ-75', opened_on: '2025-02-01', hours_per_week: 0 },
    })).body;
    assert.equal(d.hours_per_week, null);

    // PATCH: closed, at the version read; the languages replaced.
    const patch = (id, body, expect = 200, token = tokens.worker, checkRequest = true) =>
      call('PATCH', '/api/v1/vacancies/{id}', { params: { id }, token, body, expect, checkRequest });
    const d2 = (await patch(d.id, { version: 1, status: 'closed', languages: ['RU'], wage: 12000000 })).body;
    assert.deepEqual(d2, { ...d, status: 'closed', languages: ['ru'], wage: 12000000, version: 2 });
    const stale = await patch(d.id, { version: 1, status: 'open' }, 409);
    assert.equal(stale.body.error.field, 'version');
    await labBad('PATCH', '/api/v1/vacancies/{id}', { id: d.id }, { status: 'open' }, ['version']);
    await labBad('PATCH', '/api/v1/vacancies/{id}', { id: d.id }, { version: 2, title: null, region: '' }, ['title', 'region']);
    const ngoEmployer = (await call('POST', '/api/v1/employers', { token: tokens.ngo, body: { name: 'ЖШС «Ертіс»', region: 'KZ-55' }, expect: 201 })).body;
    await labBad('PATCH', '/api/v1/vacancies/{id}', { id: d.id }, { version: 2, employer_id: ngoEmployer.id }, ['employer_id']);
    await call('PATCH', '/api/v1/vacancies/{id}', { params: { id: d.id }, token: tokens.worker, raw: '{"version":2,"version":3}', contentType: 'application/json', expect: 400 });
    await call('POST', '/api/v1/vacancies', { token: tokens.worker, raw: '{"title":', contentType: 'application/json', expect: 400 });
    assert.deepEqual(await vacancyOf(d.id), d2, 'nothing saved');
    assert.equal((await employerOf(e.id)).open_vacancies, 2, 'a, b open; d closed');
    assert.equal((await employerOf(e2.id)).open_vacancies, 1);

    // The list: newest opened_on first, then newest id; each filter alone and together.
    const mine = new Set([a.id, b.id, c.id, d.id]);
    const listed = async (query) => (await vacancyList(query)).items.filter((x) => mine.has(x.id)).map((x) => x.id);
    assert.deepEqual(await listed(), [b.id, a.id, d.id, c.id]);
    assert.deepEqual((await vacancyList()).items.find((x) => x.id === a.id), a);
    assert.deepEqual(await listed({ status: 'open' }), [b.id, a.id, c.id]);
    assert.deepEqual(await listed({ status: 'closed' }), [d.id]);
    assert.deepEqual(await listed({ status: 'filled' }), []);
    assert.deepEqual(await listed({ region: 'KZ-75' }), [a.id, d.id]);
    assert.deepEqual(await listed({ occupation: '83' }), [b.id]);
    assert.deepEqual(await listed({ employer_id: e2.id }), [c.id]);
    assert.deepEqual(await listed({ status: 'open', region: 'KZ-75', employer_id: e.id, occupation: '71' }), [a.id]);
    assert.deepEqual(await listed({ status: '', region: '', occupation: '' }), [b.id, a.id, d.id, c.id], 'empty: any');
    assert.deepEqual((await vacancyList({ employer_id: ngoEmployer.id })).items, [], 'another organisation\'s employer has none');
    for (const [query, field] of [[{ status: 'draft' }, 'status'], [{ region: 'kz-75' }, 'region'], [{ region: 'KZ-ALA' }, 'region'],
      [{ occupation: '7' }, 'occupation'], [{ employer_id: 0 }, 'employer_id'], [{ employer_id: '' }, 'employer_id']]) {
      const x = await call('GET', '/api/v1/vacancies', { query, token: tokens.worker, expect: 422 });
      assert.equal(x.body.error.field, field, JSON.stringify(query));
    }

    // 422 naming each field at fault.
    const good = { employer_id: e.id, title: 'x', occupation: '71', region: 'KZ-75' };
    const bad = (body, fields, token) => labBad('POST', '/api/v1/vacancies', {}, body, fields, token);
    await bad({ ...good, employer_id: ngoEmployer.id }, ['employer_id']); // another organisation's
    await bad({ ...good, employer_id: e.id }, ['employer_id'], tokens.ngo); // the other way round
    await bad({ ...good, employer_id: undefined }, ['employer_id']);
    await bad({ ...good, occupation: '99' }, ['occupation']);
    await bad({ ...good, occupation: '7' }, ['occupation']);
    await bad({ ...good, region: 'KZ-XX' }, ['region']);
    await bad({ ...good, region: null }, ['region']);
    await bad({ ...good, wage: -1 }, ['wage']);
    await bad({ ...good, wage: 1.5 }, ['wage']);
    await bad({ ...good, wage: 100000000001 }, ['wage']);
    await bad({ ...good, hours_per_week: 169 }, ['hours_per_week']);
    await bad({ ...good, languages: ['xx'] }, ['languages']);
    await bad({ ...good, languages: 'kk' }, ['languages']);
    await bad({ ...good, languages: Array(11).fill('kk') }, ['languages']);
    await bad({ ...good, places: 0 }, ['places']);
    await bad({ ...good, places: 10001 }, ['places']);
    await bad({ ...good, opened_on: '2026-02-30' }, ['opened_on']);
    await bad({ ...good, opened_on: '2025-05-01', closes_on: '2025-04-30' }, ['closes_on']);
    await bad({ ...good, status: 'draft' }, ['status']);
    await bad({ ...good, housing: null }, ['housing']);
    await bad({ ...good, version: 1 }, ['version']);
    await bad({}, ['employer_id', 'title', 'occupation', 'region']);
    await bad({ employer_id: '1', title: 5, occupation: 71, region: 'KZ-75', places: '3' }, ['employer_id', 'title', 'occupation', 'places']);

    // Another organisation's vacancy does not exist for the user; analysts may not read them.
    await vacancyOf(a.id, tokens.ngo, 404);
    await patch(a.id, { version: 1, status: 'closed' }, 404, tokens.ngo);
    assert.ok(!(await vacancyList(undefined, tokens.ngo)).items.some((x) => mine.has(x.id)));
    await vacancyOf(987654321, tokens.worker, 404);
    for (const token of [tokens.admin, tokens.psychologist]) {
      assert.deepEqual(await vacancyOf(a.id, token), a);
      await call('POST', '/api/v1/vacancies', { token, body: good, expect: 403 });
      await patch(a.id, { version: 1, status: 'closed' }, 403, token);
    }
    await vacancyList(undefined, tokens.analyst, 403);
    await vacancyOf(a.id, tokens.analyst, 403);
    await call('POST', '/api/v1/vacancies', { token: tokens.analyst, body: good, expect: 403 });
    await patch(a.id, { version: 1 }, 403, tokens.analyst);
    assert.deepEqual(await vacancyOf(a.id), a, 'nothing changed');
    if (haveSqlite()) {
      assert.equal(auditRows('vacancy.save', 'vacancy', d.id), 2, 'each save audited');
      assert.equal(auditRows('vacancy.save', 'vacancy', d.id, 'closed'), 1);
    }
    Object.assign(ctx.lab, { today, a, b, c, d: d2, ngoEmployer });
  });

  it('POST, GET and DELETE /api/v1/persons/{id}/skills: a person\'s skills, education and work history; audited; 422 naming the field; 404 for a person the user may not see, 403 for analysts and for the roles that do not record labour', async () => {
    const p = (await call('POST', '/api/v1/persons', {
      token: tokens.worker, expect: 201,
      body: { family_name: 'Еңбекова', given_name: 'Айна', sex: 'female', birth_date: '1990-01-01', region: 'KZ-75', lang_kk: 'fluent', lang_ru: 'intermediate', languages: ['uz'], confirm_new: true },
    })).body;
    ctx.lab.person = p;
    const add = async (body, token = tokens.worker) => {
      const r = await skill(p.id, body, 201, token);
      assert.equal(r.headers.get('location'), `/api/v1/persons/${p.id}/skills/${r.body.id}`);
      return r.body;
    };
    const work = await add({ kind: 'work', occupation: '71', title: ' Бетоншы ', place: 'Ташкент', from_year: 2015, to_year: 2020, note: 'Құрылыста бес жыл.\nБригадир болды.' });
    assert.deepEqual(work, { id: work.id, kind: 'work', occupation: '71', level: null, title: 'Бетоншы', place: 'Ташкент', from_year: 2015, to_year: 2020, note: 'Құрылыста бес жыл.\nБригадир болды.' });
    const school = await add({ kind: 'education', level: '3', title: 'Орта мектеп', place: 'Ташкент', to_year: 2008 });
    assert.deepEqual(school, { id: school.id, kind: 'education', occupation: null, level: '3', title: 'Орта мектеп', place: 'Ташкент', from_year: null, to_year: 2008, note: null });
    const weld = await add({ kind: 'skill', occupation: '72', title: 'Дәнекерлеу', from_year: null, to_year: null }, tokens.lawyer);
    const older = await add({ kind: 'work', occupation: '93', title: 'Жүк тиеуші', place: 'Алматы', from_year: 2010, to_year: 2014 }, tokens.supervisor);

    // By kind (education, skill, work), the latest first; audited as a view of the person.
    const list = await viewsOf('labour.view', p.id, 'a GET of a person\'s skills', () => skillsOf(p.id), 1);
    assert.deepEqual(list.items, [school, weld, work, older]);
    for (const token of [tokens.supervisor, tokens.lawyer, tokens.psychologist, tokens.admin])
      assert.deepEqual(await skillsOf(p.id, token), list);

    // DELETE: the row of this person, once.
    assert.deepEqual((await unskill(p.id, weld.id)).body, { deleted: true });
    await unskill(p.id, weld.id, 404);
    assert.deepEqual((await skillsOf(p.id)).items, [school, work, older]);
    const other = (await skill(ctx.person.id, { kind: 'skill', occupation: '75', title: 'Тігінші' })).body;
    await unskill(p.id, other.id, 404); // another person's row under this person's path
    await unskill(p.id, 987654321, 404);
    assert.deepEqual((await skillsOf(ctx.person.id)).items, [other]);
    assert.deepEqual((await unskill(ctx.person.id, other.id, 200, tokens.lawyer)).body, { deleted: true });

    // 422 naming each field at fault.
    const bad = (body, fields, token) => labBad('POST', '/api/v1/persons/{id}/skills', { id: p.id }, body, fields, token);
    await bad({ kind: 'education', occupation: '71', title: 'x' }, ['occupation']);
    await bad({ kind: 'skill', level: '3', title: 'x' }, ['level']);
    await bad({ kind: 'education', level: '9', title: 'x' }, ['level']);
    await bad({ kind: 'work', occupation: '7', title: 'x' }, ['occupation']);
    await bad({ kind: 'skill', title: '  ' }, ['title']);
    await bad({ kind: 'hobby', title: 'x' }, ['kind']);
    await bad({ title: 'x' }, ['kind']);
    await bad({ kind: 'work', title: 'x', from_year: 1899 }, ['from_year']);
    await bad({ kind: 'work', title: 'x', to_year: year + 1 }, ['to_year']);
    await bad({ kind: 'work', title: 'x', from_year: 2020, to_year: 2019 }, ['to_year']);
    await bad({ kind: 'work', title: 'x', to_year: 0 }, ['to_year']);
    await bad({ kind: 'work', title: 'x', place: 'a\tb' }, ['place']);
    await bad({ kind: 'work', title: 'x', person_id: p.id }, ['person_id']);
    await bad({ kind: 5, title: 5 }, ['kind', 'title']);
    await bad({ kind: 'education', occupation: '71', level: '9', title: '', from_year: 1800, to_year: year + 1 }, ['occupation', 'level', 'title', 'from_year', 'to_year']);
    await call('POST', '/api/v1/persons/{id}/skills', { params: { id: p.id }, token: tokens.worker, raw: '["skill"]', contentType: 'application/json', expect: 400 });
    assert.deepEqual((await skillsOf(p.id)).items, [school, work, older], 'a 422 and a 400 save nothing');

    // The person's visibility: another organisation's, the restricted Karimova for those who may not
    // see her (404); she is seen, audited before the answer, by the worker assigned to her.
    const karimova = ctx.groupKarimova;
    await skillsOf(p.id, tokens.ngo, 404);
    await skill(p.id, { kind: 'skill', title: 'x' }, 404, tokens.ngo);
    await unskill(p.id, work.id, 404, tokens.ngo);
    await skillsOf(987654321, tokens.worker, 404);
    await viewsOf('labour.view', karimova.id, 'a GET of her skills by someone who may not see her', async () => {
      await skillsOf(karimova.id, tokens.psychologist, 404);
      await skill(karimova.id, { kind: 'skill', title: 'x' }, 404, tokens.lawyer);
    }, 0);
    assert.deepEqual((await viewsOf('labour.view', karimova.id, 'a GET of a restricted person\'s skills', () => skillsOf(karimova.id), 1)).items, []);
    // Administrators and psychologists read but do not record; analysts neither (403, before the lookup).
    for (const token of [tokens.admin, tokens.psychologist]) {
      await skill(p.id, { kind: 'skill', title: 'x' }, 403, token);
      await unskill(p.id, work.id, 403, token);
    }
    await skillsOf(p.id, tokens.analyst, 403);
    await skillsOf(987654321, tokens.analyst, 403);
    await skill(p.id, { kind: 'skill', title: 'x' }, 403, tokens.analyst);
    await unskill(p.id, work.id, 403, tokens.analyst);
    // An erased person gets no new row (403), as the web does not give one.
    await skill(ctx.erasedScreened.id, { kind: 'skill', title: 'x' }, 403);
    assert.deepEqual((await skillsOf(p.id)).items, [school, work, older], 'nothing changed');
    if (haveSqlite()) {
      assert.equal(auditRows('labour.skill_add', 'person', p.id), 4, 'each row added audited, under the person');
      assert.equal(auditRows('labour.skill_add', 'person', p.id, 'work'), 2, 'naming the kind');
      assert.equal(auditRows('labour.skill_delete', 'person', p.id), 1);
    }
    ctx.lab.skills = { school, work, older };
  });

  it('GET /api/v1/persons/{id}/vacancies and /api/v1/vacancies/{id}/candidates: region or housing, occupation or its group, languages; best first; audited; 404 for those who may not see, 403 for analysts', async () => {
    const { person: p, a, b, c, d } = ctx.lab;
    // a: the person's region, her trade (71) and languages she speaks (kk fluent, ru intermediate).
    // c: another region with housing, a trade of the same major group (72 of 7), Uzbek, which she speaks.
    // b: another region without housing, another trade, no language required. d: closed.
    const ours = new Set([a.id, b.id, c.id, d.id]);
    const matches = async (query) => (await vacanciesFor(p.id, query)).items.filter((x) => ours.has(x.id));
    const dflt = await viewsOf('labour.view', p.id, 'a GET of the vacancies that suit a person', () => matches(), 1);
    assert.deepEqual(dflt, [
      { ...a, score: 100, reasons: ['region', 'occupation', 'languages'] },
      { ...c, score: 60, reasons: ['housing', 'occupation_group', 'languages'] },
    ], 'the open vacancies scoring 40 or more, best first');
    assert.deepEqual(await matches({ min_score: 0 }), [...dflt, { ...b, score: 20, reasons: ['languages'] }], 'a closed vacancy never');
    assert.deepEqual((await matches({ min_score: 61 })).map((x) => x.id), [a.id]);
    assert.deepEqual(await matches({ min_score: 100 }), [dflt[0]]);
    for (const min_score of ['101', '-1', 'x', '']) {
      const x = await call('GET', '/api/v1/persons/{id}/vacancies', { params: { id: p.id }, query: { min_score }, token: tokens.worker, expect: 422 });
      assert.equal(x.body.error.field, 'min_score');
    }
    // A person without skills, of another region: only the languages (b requires none) and housing.
    const bare = await vacanciesFor(ctx.person.id, { min_score: 0 });
    const bareOurs = bare.items.filter((x) => ours.has(x.id));
    assert.ok(bareOurs.every((x) => !x.reasons.includes('occupation') && !x.reasons.includes('occupation_group')));
    const all = (await vacanciesFor(p.id, { min_score: 0 })).items;
    assert.deepEqual(all.map((x) => x.score), [...all].map((x) => x.score).sort((x, y) => y - x), 'best first');

    // The people a vacancy may suit: she tops a's list (region, trade, languages).
    const ca = await viewsOf('labour.view', p.id, 'a GET of a vacancy\'s candidates', () => candidatesOf(a.id), 1);
    assert.equal(ca.items[0].id, p.id);
    assert.deepEqual([ca.items[0].score, ca.items[0].reasons, ca.items[0].family_name, ca.items[0].restricted], [100, ['region', 'occupation', 'languages'], 'Еңбекова', false]);
    const summary = (await call('GET', '/api/v1/persons', { query: { q: 'Еңбекова Айна', limit: 200 }, token: tokens.worker, expect: 200 })).body.items.find((x) => x.id === p.id);
    const { score: _s, reasons: _r, ...plain } = summary;
    const { score: _s2, reasons: _r2, ...candidate } = ca.items[0];
    assert.deepEqual(candidate, plain, 'a candidate is the person as lists show them');
    assert.ok(ca.items.every((x) => x.score >= 40));
    assert.deepEqual(ca.items.map((x) => x.id), [...ca.items].sort((x, y) => y.score - x.score || y.id - x.id).map((x) => x.id), 'best first, then newest id');
    assert.ok((await candidatesOf(a.id, { min_score: 100 })).items.every((x) => x.score === 100));
    // b is in Shymkent (KZ-79), requires no language and offers no housing: Karimova (restricted) lives
    // there. The worker assigned to her sees her, stored as a view before the answer; the psychologist
    // does not, and no view is written.
    const karimova = ctx.groupKarimova;
    const cb = await viewsOf('labour.view', karimova.id, 'a GET of candidates naming a restricted person', () => candidatesOf(b.id), 1);
    const k = cb.items.find((x) => x.id === karimova.id);
    assert.deepEqual([k?.score, k?.reasons, k?.restricted], [60, ['region', 'languages'], true]);
    assert.ok(!cb.items.some((x) => x.id === p.id), 'neither her region, nor a trade of the major group, nor housing');
    const psy = await viewsOf('labour.view', karimova.id, 'a GET of candidates by someone who may not see her', () => candidatesOf(b.id, undefined, tokens.psychologist), 0);
    assert.ok(!psy.items.some((x) => x.id === karimova.id));
    const x = await call('GET', '/api/v1/vacancies/{id}/candidates', { params: { id: a.id }, query: { min_score: 'x' }, token: tokens.worker, expect: 422 });
    assert.equal(x.body.error.field, 'min_score');

    // Not found: another organisation's vacancy and person; analysts 403 before the lookup.
    await candidatesOf(a.id, undefined, tokens.ngo, 404);
    await candidatesOf(987654321, undefined, tokens.worker, 404);
    await vacanciesFor(p.id, undefined, tokens.ngo, 404);
    await vacanciesFor(karimova.id, undefined, tokens.psychologist, 404);
    await vacanciesFor(987654321, undefined, tokens.worker, 404);
    await candidatesOf(a.id, undefined, tokens.analyst, 403);
    await vacanciesFor(p.id, undefined, tokens.analyst, 403);
    assert.deepEqual((await vacanciesFor(p.id, undefined, tokens.admin)).items.filter((v) => ours.has(v.id)), dflt);
  });

  it('POST /api/v1/employments: the alerts an employment raises, below the minimum wage pro-rated to the hours, above the legal week, documents held; 201 with Location; read back; a person\'s employments; audited', async () => {
    const { person: p, employer: e, a, today } = ctx.lab;
    const base = { person_id: p.id, employer_id: e.id, job_title: 'Бетоншы', occupation: '71', region: 'KZ-75', hours_per_week: 40, started_on: LAB_START, contract: 'written', documents_held_by: 'worker' };
    const made = [];
    const add = async (body, kinds, token = tokens.worker) => {
      const r = await employ(body, 201, token);
      const x = r.body;
      assert.equal(r.headers.get('location'), `/api/v1/employments/${x.id}`);
      assert.deepEqual(kindsOf(x), kinds, JSON.stringify(body));
      assert.equal(x.open_alerts, kinds.length);
      assert.ok(x.alerts.every((al) => al.employment_id === x.id && al.person_id === body.person_id && al.raised_on === today && al.resolved_on === null));
      assert.deepEqual(await employmentOf(x.id), x, 'GET after POST differs from the POST answer');
      made.push(x);
      return x;
    };
    const alertOf = (x, kind) => x.alerts.find((al) => al.kind === kind);

    // One tiyn below 85 000 KZT for a full week raises below_minimum_wage; exactly 85 000 does not.
    const below = await add({ ...base, wage: 8499999 }, ['below_minimum_wage']);
    assert.deepEqual(below, {
      id: below.id, person_id: p.id, case_id: null, employer_id: e.id, employer_name: null, employer: e.name, vacancy_id: null,
      job_title: 'Бетоншы', occupation: '71', region: 'KZ-75', wage: 8499999, hours_per_week: 40, started_on: LAB_START, ended_on: null,
      contract: 'written', documents_held_by: 'worker', note: null, open_alerts: 1, version: 1,
      alerts: [{
        id: below.alerts[0].id, employment_id: below.id, person_id: p.id, person: { id: p.id, family_name: 'Еңбекова', given_name: 'Айна' },
        case_id: null, kind: 'below_minimum_wage', figures: { wage: 8499999, minimum: 8500000, threshold: 8500000, hours: 40, legal_week: 40 },
        raised_on: today, resolved_on: null, resolution: null, job_title: 'Бетоншы', employer: e.name, restricted: false,
      }],
    });
    await add({ ...base, wage: 8500000 }, []);
    // Part-time is paid in proportion: 20 hours owe half, 4 250 000 tiyn; one tiyn less raises it.
    await add({ ...base, wage: 4250000, hours_per_week: 20 }, []);
    const halfBelow = await add({ ...base, wage: 4249999, hours_per_week: 20 }, ['below_minimum_wage']);
    assert.deepEqual(halfBelow.alerts[0].figures, { wage: 4249999, minimum: 8500000, threshold: 4250000, hours: 20, legal_week: 40 });
    // 41 hours are above the 40-hour week; hours above it do not raise the threshold.
    const long = await add({ ...base, wage: 30000000, hours_per_week: 41 }, ['excessive_hours']);
    assert.deepEqual(long.alerts[0].figures, { hours: 41, legal_week: 40 });
    const longBelow = await add({ ...base, wage: 8499999, hours_per_week: 60 }, ['excessive_hours', 'below_minimum_wage']);
    assert.deepEqual(alertOf(longBelow, 'below_minimum_wage').figures, { wage: 8499999, minimum: 8500000, threshold: 8500000, hours: 60, legal_week: 40 });
    // Work without pay raises it.
    const unpaid = await add({ ...base, wage: 0 }, ['below_minimum_wage']);
    assert.deepEqual(unpaid.alerts[0].figures, { wage: 0, minimum: 8500000, threshold: 8500000, hours: 40, legal_week: 40 });
    // The documents with the employer or an agency raise documents_held; with someone else, nothing.
    const held = await add({ ...base, wage: 8500000, documents_held_by: 'employer' }, ['documents_held']);
    assert.deepEqual(held.alerts[0].figures, { documents_held_by: 'employer' });
    await add({ ...base, wage: 8500000, documents_held_by: 'agency' }, ['documents_held']);
    // The answer of a POST is a view of the person.
    made.push((await viewsOf('labour.view', p.id, 'a POST of an employment', () => employ({ ...base, wage: 8500000, documents_held_by: 'other' }), 1)).body);
    assert.deepEqual(kindsOf(made.at(-1)), []);
    await add({ ...base, wage: 8500000, documents_held_by: 'unknown' }, []);
    // Before the minimum-wage table's first row (2019) the wage is not decided; the week is (from 2016).
    const early = await add({ ...base, wage: 0, hours_per_week: 50, started_on: '2016-06-01' }, ['excessive_hours']);
    // A vacancy gives the employer, the occupation and the region; an employer not registered is named.
    const fromVacancy = await add({ person_id: p.id, vacancy_id: a.id, job_title: 'Бетон құюшы', wage: 25000000, hours_per_week: 40, started_on: today, ended_on: '2099-12-31', contract: 'oral', documents_held_by: 'worker', note: 'Вахта.' }, [], tokens.lawyer);
    assert.deepEqual([fromVacancy.employer_id, fromVacancy.employer, fromVacancy.occupation, fromVacancy.region, fromVacancy.vacancy_id, fromVacancy.ended_on, fromVacancy.note],
      [e.id, e.name, '71', 'KZ-75', a.id, '2099-12-31', 'Вахта.']);
    const named = await add({ person_id: p.id, employer_name: ' ЖК «Береке» ', job_title: 'Сатушы', region: 'KZ-ALA', wage: 9000000, hours_per_week: 40, started_on: LAB_START, contract: 'none', documents_held_by: 'worker' }, [], tokens.supervisor);
    assert.deepEqual([named.employer_id, named.employer_name, named.employer, named.occupation, named.region], [null, 'ЖК «Береке»', 'ЖК «Береке»', null, 'KZ-75']);
    // In a case: its alerts carry the case.
    const k = (await call('POST', '/api/v1/cases', { token: tokens.worker, body: { person_id: p.id, opening_reason: 'Еңбек құқықтары.' }, expect: 201 })).body;
    const inCase = await add({ ...base, case_id: k.id, wage: 8000000 }, ['below_minimum_wage']);
    assert.deepEqual([inCase.case_id, inCase.alerts[0].case_id], [k.id, k.id]);

    // A person's employments: the latest started_on first, then newest id, without their alerts; audited.
    const list = await viewsOf('labour.view', p.id, 'a GET of a person\'s employments', () => employmentsOf(p.id), 1);
    const byStart = (x, y) => (x.started_on === y.started_on ? y.id - x.id : (x.started_on < y.started_on ? 1 : -1));
    assert.deepEqual(list.items, [...made].sort(byStart).map(rowOf));
    assert.equal(list.items.at(-1).id, early.id);
    for (const token of [tokens.supervisor, tokens.lawyer, tokens.psychologist, tokens.admin]) {
      assert.deepEqual(await employmentsOf(p.id, token), list);
      assert.deepEqual(await employmentOf(below.id, token), below);
    }
    await viewsOf('labour.view', p.id, 'a GET of an employment', () => employmentOf(below.id), 1);
    if (haveSqlite()) {
      assert.equal(auditRows('employment.add', 'person', p.id), made.length, 'each employment audited, under the person');
      assert.equal(auditRows('labour.alert', 'person', p.id, `employment ${below.id}: below_minimum_wage`), 1, 'each alert raised audited, naming the kind');
      assert.equal(auditRows('labour.alert', 'person', p.id, `employment ${longBelow.id}: excessive_hours`), 1);
      const row = execFileSync('sqlite3', ['-readonly', server.db, `SELECT group_concat(detail, ' ') FROM audit WHERE entity = 'person' AND entity_id = ${p.id}`], { encoding: 'utf8' });
      assert.ok(!row.includes('8499999') && !row.includes('4249999'), `an audit row never names a wage: ${row}`);
    }
    Object.assign(ctx.lab, { base, below, halfBelow, long, longBelow, held, inCase, k, employments: made });
  });

  it('POST /api/v1/employments: 422 naming each field at fault, nothing saved; the person\'s visibility; 403 for an erased person and for the roles that do not record labour', async () => {
    const { person: p, base, c, ngoEmployer, employments } = ctx.lab;
    const count = async () => (await employmentsOf(p.id)).items.length;
    const before = await count();
    const ok = { ...base, wage: 8500000 };
    const bad = (body, fields, token) => labBad('POST', '/api/v1/employments', {}, body, fields, token);
    await bad({ ...base }, ['wage']); // missing
    await bad({ ...ok, wage: null }, ['wage']);
    await bad({ ...ok, wage: -1 }, ['wage']);
    await bad({ ...ok, wage: '8500000' }, ['wage']);
    await bad({ ...ok, wage: 100000000001 }, ['wage']);
    await bad({ ...ok, hours_per_week: 169 }, ['hours_per_week']);
    await bad({ ...ok, hours_per_week: 0 }, ['hours_per_week']);
    await bad({ ...ok, hours_per_week: undefined }, ['hours_per_week']);
    await bad({ ...ok, occupation: '99' }, ['occupation']);
    await bad({ ...ok, region: 'KZ' }, ['region']);
    await bad({ ...ok, employer_id: null }, ['employer_id']); // none of employer_id, employer_name, vacancy_id
    await bad({ ...ok, employer_id: ngoEmployer.id }, ['employer_id']); // another organisation's
    await bad({ ...ok, vacancy_id: c.id }, ['vacancy_id']); // another employer's vacancy
    await bad({ ...ok, vacancy_id: 987654321 }, ['vacancy_id']);
    await bad({ ...ok, case_id: ctx.case.id }, ['case_id']); // another person's case
    await bad({ ...ok, person_id: undefined }, ['person_id']);
    await bad({ ...ok, person_id: 987654321 }, ['person_id']);
    await bad({ ...ok, started_on: undefined }, ['started_on']);
    await bad({ ...ok, started_on: '2999-01-01' }, ['started_on']);
    await bad({ ...ok, started_on: '01.03.2025' }, ['started_on']);
    await bad({ ...ok, ended_on: '2025-02-28' }, ['ended_on']);
    await bad({ ...ok, contract: 'verbal', documents_held_by: 'police' }, ['contract', 'documents_held_by']);
    await bad({ ...ok, job_title: '  ' }, ['job_title']);
    await bad({ ...ok, employer_name: 'a\nb' }, ['employer_name']);
    await bad({ ...ok, version: 1 }, ['version']);
    await bad({}, ['wage', 'person_id', 'employer_id', 'job_title', 'hours_per_week', 'started_on', 'contract', 'documents_held_by']);
    await bad({ ...ok, person_id: String(p.id), wage: 1.5, employer_name: 5 }, ['person_id', 'wage', 'employer_name']);
    // A person the user may not see is not one to name (422 on person_id): another organisation's,
    // and Karimova for the lawyer, who records labour but is not assigned to her.
    await bad({ ...ok, person_id: ctx.lab.person.id }, ['person_id'], tokens.ngo);
    await bad({ ...ok, employer_id: undefined, employer_name: 'x', person_id: ctx.groupKarimova.id }, ['person_id'], tokens.lawyer);
    await call('POST', '/api/v1/employments', { token: tokens.worker, raw: '{"person_id":1,"person_id":2}', contentType: 'application/json', expect: 400 });
    assert.equal(await count(), before, 'a 422 and a 400 save nothing');
    assert.deepEqual((await employmentsOf(p.id)).items.map((x) => x.id), [...employments].sort((x, y) => (x.started_on === y.started_on ? y.id - x.id : (x.started_on < y.started_on ? 1 : -1))).map((x) => x.id));
    // An erased person is not recorded (403); administrators, psychologists and analysts record nothing (403, before the body is read).
    await employ({ ...ok, person_id: ctx.erasedScreened.id }, 403);
    for (const token of [tokens.admin, tokens.psychologist, tokens.analyst]) {
      await employ(ok, 403, token);
      await call('POST', '/api/v1/employments', { token, raw: 'not json', contentType: 'application/json', expect: 403 });
    }
    assert.equal(await count(), before);
  });

  it('PATCH /api/v1/employments/{id}: raising the wage resolves the alert as corrected, lowering it raises a new one, its figures kept current; 409 on a stale version; 422; 404 for those who may not see, 403 for the roles that do not record labour', async () => {
    const { person: p, below, today } = ctx.lab;
    const first = below.alerts[0];
    const r1 = (await patchEmployment(below.id, { version: 1, wage: 8500000 })).body;
    assert.deepEqual(r1, { ...below, wage: 8500000, open_alerts: 0, version: 2, alerts: [{ ...first, resolved_on: today, resolution: 'corrected' }] },
      'the alert resolved as corrected, with the figures it was raised on');
    assert.deepEqual(await employmentOf(below.id), r1);
    // Lowered again: a new alert; the corrected one stays, after it.
    const r2 = (await patchEmployment(below.id, { version: 2, wage: 8000000 }, 200, tokens.lawyer)).body;
    assert.deepEqual(kindsOf(r2), ['below_minimum_wage', 'below_minimum_wage']);
    const second = r2.alerts[0];
    assert.ok(second.id > first.id && second.resolved_on === null && r2.alerts[1].id === first.id);
    assert.deepEqual([r2.open_alerts, second.figures.wage, second.raised_on], [1, 8000000, today]);
    // A change that still raises it keeps it open, with the figures brought up to date.
    const r3 = (await patchEmployment(below.id, { version: 3, wage: 8100000, note: 'Айлық көтерілді.' }, 200, tokens.supervisor)).body;
    assert.deepEqual(r3.alerts, [{ ...second, figures: { ...second.figures, wage: 8100000 } }, r2.alerts[1]]);
    // The wage up, the hours above the week: one corrected, the other raised.
    const r4 = (await patchEmployment(below.id, { version: 4, wage: 8500000, hours_per_week: 41 })).body;
    assert.deepEqual(r4.alerts.map((al) => [al.kind, al.resolution]), [['excessive_hours', null], ['below_minimum_wage', 'corrected'], ['below_minimum_wage', 'corrected']]);
    assert.equal(r4.open_alerts, 1);
    // A text sent as null clears it; a member absent keeps its value.
    const r5 = (await patchEmployment(below.id, { version: 5, hours_per_week: 40, note: null, occupation: null })).body;
    assert.deepEqual(rowOf(r5), { ...rowOf(below), wage: 8500000, occupation: null, open_alerts: 0, version: 6 });
    assert.deepEqual(r5.alerts.map((al) => al.resolution), ['corrected', 'corrected', 'corrected']);
    const stale = await patchEmployment(below.id, { version: 5, note: 'x' }, 409);
    assert.equal(stale.body.error.field, 'version');
    const bad = (body, fields, token) => labBad('PATCH', '/api/v1/employments/{id}', { id: below.id }, body, fields, token);
    await bad({ wage: 1 }, ['version']);
    await bad({ version: 6, wage: null }, ['wage']);
    await bad({ version: 6, person_id: p.id }, ['person_id']);
    await bad({ version: 6, hours_per_week: 169, started_on: null }, ['hours_per_week', 'started_on']);
    await bad({ version: 6, employer_id: null }, ['employer_id']);
    await bad({ version: 6, case_id: ctx.case.id }, ['case_id']);
    await bad({ version: 6, alerts: [] }, ['alerts']);
    await call('PATCH', '/api/v1/employments/{id}', { params: { id: below.id }, token: tokens.worker, raw: 'null', contentType: 'application/json', expect: 400 });
    assert.deepEqual(await employmentOf(below.id), r5, 'nothing saved');
    if (haveSqlite()) {
      assert.equal(auditRows('employment.update', 'person', p.id, `employment ${below.id}: wage`), 2, 'an update names the fields changed');
      assert.equal(auditRows('employment.update', 'person', p.id, `employment ${below.id}: wage note`), 1);
      assert.equal(auditRows('employment.update', 'person', p.id, `employment ${below.id}: occupation hours_per_week note`), 1);
      assert.equal(auditRows('labour.alert_corrected', 'person', p.id, `employment ${below.id}: below_minimum_wage`), 2);
    }
    // Not found for another organisation and an unknown id; 403 for those who do not record labour.
    await patchEmployment(below.id, { version: 6, note: 'x' }, 404, tokens.ngo);
    await employmentOf(below.id, tokens.ngo, 404);
    await patchEmployment(987654321, { version: 1, note: 'x' }, 404);
    await employmentOf(987654321, tokens.worker, 404);
    for (const token of [tokens.admin, tokens.psychologist, tokens.analyst])
      await patchEmployment(below.id, { version: 6, note: 'x' }, 403, token);
    await employmentOf(below.id, tokens.analyst, 403);
    await employmentsOf(p.id, tokens.analyst, 403);
    await employmentsOf(p.id, tokens.ngo, 404);
    await employmentsOf(987654321, tokens.worker, 404);
    ctx.lab.below = r5;
  });

  it('GET /api/v1/labour-alerts and POST /api/v1/labour-alerts/{id}/resolve: open alerts first; open=0 adds the resolved; filters; resolved by hand once (409 after); a restricted person\'s left out for those who may not see her; audited', async () => {
    const { person: p, halfBelow, long, inCase, k, below, today } = ctx.lab;
    const open = await viewsOf('labour.view', p.id, 'a GET of the alerts', () => alertList(), 1);
    assert.ok(open.items.every((al) => al.resolved_on === null));
    assert.deepEqual(open.items.find((al) => al.id === halfBelow.alerts[0].id), halfBelow.alerts[0]);
    assert.ok(!open.items.some((al) => al.employment_id === below.id), 'the corrected ones are not open');
    const all = await alertList({ open: 0 });
    assert.ok(all.items.length > open.items.length);
    const flags = all.items.map((al) => al.resolved_on !== null);
    assert.deepEqual(flags, [...flags].sort((x, y) => x - y), 'open ones first');
    assert.deepEqual(all.items.filter((al) => al.employment_id === below.id), (await employmentOf(below.id)).alerts);
    const mine = await alertList({ person_id: p.id, open: 0 });
    assert.ok(mine.items.length > 0 && mine.items.every((al) => al.person_id === p.id));
    assert.deepEqual(mine.items, all.items.filter((al) => al.person_id === p.id));
    assert.deepEqual((await alertList({ case_id: k.id })).items, inCase.alerts);
    assert.deepEqual((await alertList({ person_id: 987654321 })).items, []);
    for (const [query, field] of [[{ open: 2 }, 'open'], [{ open: '' }, 'open'], [{ person_id: 0 }, 'person_id'], [{ case_id: 'x' }, 'case_id']]) {
      const x = await call('GET', '/api/v1/labour-alerts', { query, token: tokens.worker, expect: 422 });
      assert.equal(x.body.error.field, field);
    }

    // Resolved by hand, with a note; once.
    const al = long.alerts[0];
    const r = await resolve(al.id, { resolution: '  Жұмыс беруші кестені қайта қарауға уәде берді.\nБір айдан соң тексереміз.  ' });
    assert.deepEqual(r.body, { ...al, resolved_on: today, resolution: 'Жұмыс беруші кестені қайта қарауға уәде берді.\nБір айдан соң тексереміз.' });
    const again = await resolve(al.id, { resolution: 'Тағы.' }, 409);
    assert.equal(again.body.error.field, null);
    await resolve(below.alerts[0].id, { resolution: 'x' }, 409); // resolved as corrected already
    assert.ok(!(await alertList()).items.some((x) => x.id === al.id));
    assert.deepEqual((await alertList({ open: 0 })).items.find((x) => x.id === al.id), r.body);
    assert.deepEqual((await employmentOf(long.id)).alerts, [r.body]);
    assert.equal((await employmentOf(long.id)).open_alerts, 0);
    const open2 = halfBelow.alerts[0];
    const bad = (body, fields, id = open2.id) => labBad('POST', '/api/v1/labour-alerts/{id}/resolve', { id }, body, fields);
    await bad({ resolution: '   ' }, ['resolution']);
    await bad({}, ['resolution']);
    await bad({ resolution: null }, ['resolution']);
    await bad({ resolution: 5 }, ['resolution']);
    await bad({ resolution: 'ә'.repeat(4001) }, ['resolution']);
    await bad({ resolution: 'x', extra: 1 }, ['extra']);
    await bad({ resolution: '' }, ['resolution'], 987654321); // the note first, before the lookup
    await resolve(987654321, { resolution: 'x' }, 404);
    await resolve(open2.id, { resolution: 'x' }, 404, tokens.ngo);
    for (const token of [tokens.admin, tokens.psychologist, tokens.analyst])
      await resolve(open2.id, { resolution: 'x' }, 403, token);
    await call('POST', '/api/v1/labour-alerts/{id}/resolve', { params: { id: open2.id }, token: tokens.worker, raw: '"x"', contentType: 'application/json', expect: 400 });
    assert.deepEqual((await employmentOf(halfBelow.id)).alerts, halfBelow.alerts, 'still open');
    if (haveSqlite())
      assert.equal(auditRows('labour.alert_resolve', 'person', p.id, `employment ${long.id}: excessive_hours`), 1);

    // Karimova (restricted, assigned to the worker): her employment raises its alerts, restricted.
    const karimova = ctx.groupKarimova;
    const ke = (await viewsOf('labour.view', karimova.id, 'a POST of a restricted person\'s employment', () => employ({
      person_id: karimova.id, employer_name: 'Шымкент көтерме базары', job_title: 'Жүк тасушы', region: 'KZ-79', wage: 5000000,
      hours_per_week: 72, started_on: LAB_START, contract: 'none', documents_held_by: 'employer',
    }), 1)).body;
    assert.deepEqual(kindsOf(ke), ['documents_held', 'excessive_hours', 'below_minimum_wage']);
    assert.ok(ke.alerts.every((x) => x.restricted && x.person.family_name === karimova.family_name));
    // The supervisor lists them, stored as a view first; the psychologist and the lawyer may not see her:
    // her alerts are left out, her employment and its alerts are not found, and no view is written.
    const sup = await viewsOf('labour.view', karimova.id, 'the supervisor\'s list of alerts', () => alertList(undefined, tokens.supervisor), 1);
    assert.deepEqual(sup.items.filter((x) => x.person_id === karimova.id), ke.alerts);
    await viewsOf('labour.view', karimova.id, 'the lists of those who may not see her', async () => {
      for (const token of [tokens.psychologist, tokens.lawyer, tokens.admin]) {
        const list = await alertList({ open: 0 }, token);
        assert.ok(list.items.length > 0 && !list.items.some((x) => x.person_id === karimova.id));
        await employmentOf(ke.id, token, 404);
      }
      await employmentsOf(karimova.id, tokens.psychologist, 404);
      await resolve(ke.alerts[0].id, { resolution: 'x' }, 404, tokens.lawyer);
      await patchEmployment(ke.id, { version: 1, note: 'x' }, 404, tokens.lawyer);
      assert.deepEqual((await alertList({ person_id: karimova.id }, tokens.lawyer)).items, []);
    }, 0);
    assert.deepEqual((await viewsOf('labour.view', karimova.id, 'a GET of her employment', () => employmentOf(ke.id), 1)), ke);
    // Another organisation lists only its own; analysts 403.
    assert.ok(!(await alertList({ open: 0 }, tokens.ngo)).items.some((x) => x.person_id === p.id || x.person_id === karimova.id));
    await alertList(undefined, tokens.analyst, 403);
    ctx.lab.karimovaEmployment = ke;
  });

  it('GET and POST /api/v1/minimum-wages: the national table as shipped; administrators add a row or change its amount (403 for anyone else); 422 naming the field', async () => {
    const t = await minimumWages();
    assert.deepEqual(t.items.filter((x) => x.valid_from <= '2026-12-31'), [
      { valid_from: '2019-01-01', amount: 4250000 }, { valid_from: '2022-01-01', amount: 6000000 }, { valid_from: '2023-01-01', amount: 7000000 },
      { valid_from: '2024-01-01', amount: 8500000 }, { valid_from: '2025-01-01', amount: 8500000 }, { valid_from: '2026-01-01', amount: 8500000 },
    ], 'the minimum monthly wages of the budget laws, in tiyn');
    assert.deepEqual(t.items.map((x) => x.valid_from), [...t.items.map((x) => x.valid_from)].sort(), 'by valid_from');
    for (const token of [tokens.admin, tokens.supervisor, tokens.psychologist, tokens.lawyer, tokens.ngo])
      assert.deepEqual(await minimumWages(token), t);
    await minimumWages(tokens.analyst, 403);
    // Only administrators change it (403 before the body is read). The table is national: the row
    // added here is dated 2099, in force on no employment's start, so that no other test is affected.
    for (const token of [tokens.worker, tokens.supervisor, tokens.lawyer, tokens.psychologist, tokens.analyst, tokens.ngo]) {
      await call('POST', '/api/v1/minimum-wages', { token, body: { valid_from: '2099-01-01', amount: 9900000 }, expect: 403 });
      await call('POST', '/api/v1/minimum-wages', { token, raw: 'x', contentType: 'application/json', expect: 403 });
    }
    const far = { valid_from: '2099-01-01', amount: 9900000 };
    const s1 = (await call('POST', '/api/v1/minimum-wages', { token: tokens.admin, body: far, expect: 200 })).body;
    assert.deepEqual(s1.items, [...t.items, far]);
    assert.ok(Number.isInteger(s1.alerts_changed));
    const s2 = (await call('POST', '/api/v1/minimum-wages', { token: tokens.admin, body: { ...far, amount: 9950000 }, expect: 200 })).body;
    assert.deepEqual(s2.items, [...t.items, { ...far, amount: 9950000 }], 'the row of that day has its amount replaced');
    assert.deepEqual((await minimumWages(tokens.ngo)).items, s2.items, 'one table for every organisation');
    const bad = (body, fields) => labBad('POST', '/api/v1/minimum-wages', {}, body, fields, tokens.admin);
    await bad({ valid_from: '2099-02-30', amount: 9900000 }, ['valid_from']);
    await bad({ valid_from: '01.01.2099', amount: 9900000 }, ['valid_from']);
    await bad({ valid_from: '2099-01-01', amount: 0 }, ['amount']);
    await bad({ valid_from: '2099-01-01', amount: -5 }, ['amount']);
    await bad({ valid_from: '2099-01-01', amount: null }, ['amount']);
    await bad({ valid_from: '2099-01-01', amount: 100000000001 }, ['amount']);
    await bad({ valid_from: '2099-01-01', amount: '9900000' }, ['amount']);
    await bad({ valid_from: '2099-01-01', amount: 9900000, note: 'x' }, ['note']);
    await bad({}, ['valid_from', 'amount']);
    await call('POST', '/api/v1/minimum-wages', { token: tokens.admin, raw: '[', contentType: 'application/json', expect: 400 });
    assert.deepEqual((await minimumWages()).items, s2.items, 'a 422 and a 400 save nothing');
    if (haveSqlite()) {
      const n = execFileSync('sqlite3', ['-readonly', server.db, "SELECT count(*) FROM audit WHERE action = 'labour.minimum_wage' AND detail = '2099-01-01 9950000'"], { encoding: 'utf8' });
      assert.equal(Number(n.trim()), 1, 'audited, with the day and the amount');
    }
  });

  // A change of the table decides the employments again; a condition a worker resolved by
  // hand with the same figures stays resolved (a row in force on no start changes nothing).
  it('a minimum wage in force on no employment\'s start changes no alert: one resolved by hand stays resolved', async () => {
    const x = (await employ({ ...ctx.lab.base, wage: 8500000, hours_per_week: 45 })).body;
    assert.deepEqual(kindsOf(x), ['excessive_hours']);
    const al = x.alerts[0];
    await resolve(al.id, { resolution: 'Үстеме жұмыс екі есе төленеді: жазбаша келісім бар.' });
    const set = (await call('POST', '/api/v1/minimum-wages', { token: tokens.admin, body: { valid_from: '2099-01-01', amount: 9950000 }, expect: 200 })).body;
    const after = await employmentOf(x.id);
    assert.deepEqual(after.alerts.map((a) => [a.id, a.resolved_on !== null]), [[al.id, true]], `the alert resolved by hand is raised again: ${JSON.stringify(after.alerts.map((a) => [a.id, a.kind, a.resolution]))}`);
    assert.equal(set.alerts_changed, 0, 'a row in force on no employment\'s start changes no alert');
  });

  // The minimum-wage table is national: a change decides every organisation's employments
  // again (2018's row, before the shipped table's first, is in force on this test's only).
  it('a change of the national minimum-wage table decides the employments of every organisation again', async () => {
    const body = { employer_name: 'Шаруа қожалығы', job_title: 'Малшы', wage: 2000000, hours_per_week: 40, started_on: '2018-05-01', contract: 'oral', documents_held_by: 'worker' };
    const ours = (await employ({ ...body, person_id: ctx.lab.person.id })).body;
    const ngoPerson = (await call('GET', '/api/v1/persons', { token: tokens.ngo, expect: 200 })).body.items[0];
    const theirs = (await employ({ ...body, person_id: ngoPerson.id }, 201, tokens.ngo)).body;
    assert.deepEqual([ours.open_alerts, theirs.open_alerts], [0, 0], 'no minimum in force in 2018 yet');
    await call('POST', '/api/v1/minimum-wages', { token: tokens.admin, body: { valid_from: '2018-01-01', amount: 2828400 }, expect: 200 });
    assert.deepEqual(kindsOf(await employmentOf(ours.id)), ['below_minimum_wage'], 'the administrator\'s organisation\'s employment is decided again');
    assert.deepEqual(kindsOf(await employmentOf(theirs.id, tokens.ngo)), ['below_minimum_wage'], 'another organisation\'s employment, under the same national table, is not');
  });

  // An erased person's work is in the figures only: none listed, none found by id.
  it('an erased person\'s employments: the list and the records agree', async () => {
    const e = (await call('POST', '/api/v1/persons', {
      token: tokens.worker, expect: 201, body: { family_name: 'Өшірілетін', given_name: 'Жұмысшы', sex: 'male', birth_date: '1984-02-02', confirm_new: true },
    })).body;
    const x = (await employ({ ...ctx.lab.base, person_id: e.id, wage: 100 })).body;
    assert.equal(x.open_alerts, 1);
    const web = await webSession('supervisor');
    const csrf = web.csrfOf(await web.get(`/persons/${e.id}`));
    assert.equal(await web.post(`/persons/${e.id}/erase`, { _csrf: csrf, reason: 'person_request', confirm: '1' }), 303, 'erased on the web');
    const listed = (await employmentsOf(e.id)).items;
    const alerts = (await alertList({ person_id: e.id, open: 0 })).items;
    for (const row of listed) {
      const r = await call('GET', '/api/v1/employments/{id}', { params: { id: row.id }, token: tokens.worker });
      assert.equal(r.status, 200, `employment ${row.id} is listed for the erased person, but GET answers ${r.status}`);
      assert.equal(alerts.filter((a) => a.employment_id === row.id && a.resolved_on === null).length, row.open_alerts, 'its open alerts are listed as counted');
    }
  });

  // ---- integration indicators (issue 8, part 5): each test below makes its own people, in
  // regions (KZ-61, KZ-62) whose reviews no other test makes, so the cohort counts only them.

  const INTEGRATION_DOMAINS = ['work', 'education', 'housing', 'health_social_care', 'leisure', 'bonds', 'bridges',
    'links', 'language_communication', 'culture', 'digital_skills', 'safety', 'stability', 'rights_responsibilities'];
  const integrationReview = (id, body, expect, token = tokens.worker, checkRequest = true) =>
    call('POST', '/api/v1/persons/{id}/integration', { params: { id }, token, body, expect, checkRequest });
  const integrationOf = async (id, token = tokens.worker) =>
    (await call('GET', '/api/v1/persons/{id}/integration', { params: { id }, token, expect: 200 })).body;
  const cohort = (query, expect = 200, token = tokens.analyst) =>
    call('GET', '/api/v1/integration/cohort', { query, token, expect });
  const integrationPerson = async (given, region, arrived, extra = {}) => (await call('POST', '/api/v1/persons', {
    token: tokens.worker, expect: 201,
    body: { family_name: 'Интеграциялық', given_name: given, sex: 'female', birth_date: '1987-07-07', region, arrival_date: arrived, confirm_new: true, ...extra },
  })).body;

  it('POST and GET /api/v1/persons/{id}/integration: an intake and reviews, statuses as numbers and codes; 201 with Location; newest first, each domain\'s trajectory in date order; audited', async () => {
    const p = await integrationPerson('Траектория', 'KZ-62', '2024-03-01');
    ctx.integrated = p;
    const views = haveSqlite() ? auditCount('integration.view', p.id) : 0;
    // The latest first, without a day: today. A status as a code, and as a digit in a string.
    const latest = await integrationReview(p.id, { kind: 'review', domains: { housing: { status: '3' }, work: { status: 'thriving' } } }, 201);
    assert.equal(latest.headers.get('location'), `/api/v1/persons/${p.id}/integration`);
    const today = latest.body.reviewed_on;
    assert.deepEqual(latest.body.domains, {
      work: { status: 4, status_code: 'thriving', indicator: null, evidence: null },
      housing: { status: 3, status_code: 'stable', indicator: null, evidence: null },
    });
    assert.deepEqual(Object.keys(latest.body.domains), ['work', 'housing'], 'the domains in the framework\'s order');
    assert.deepEqual([latest.body.person_id, latest.body.kind, latest.body.framework, latest.body.note, latest.body.reviewer.id],
      [p.id, 'review', 'home_office_2019', null, ctx.workerId]);
    // The intake, a year back, given second: statuses as numbers and a code, trimmed texts.
    const d1 = dayFrom(today, -365), d2 = dayFrom(today, -100);
    const intake = (await integrationReview(p.id, {
      kind: 'intake', reviewed_on: d1, note: '  Қабылдау.\nАлғашқы кездесу.  ',
      domains: {
        language_communication: { status: 2, indicator: 'Орысша сөйлейді', evidence: '' },
        housing: { status: 'at_risk', evidence: 'Уақытша баспана,\nкелісімшартсыз.' },
        work: { status: 1, indicator: '  Жұмыссыз  ' },
      },
    }, 201)).body;
    assert.deepEqual(Object.keys(intake.domains), ['work', 'housing', 'language_communication']);
    assert.deepEqual(intake.domains, {
      work: { status: 1, status_code: 'at_risk', indicator: 'Жұмыссыз', evidence: null },
      housing: { status: 1, status_code: 'at_risk', indicator: null, evidence: 'Уақытша баспана,\nкелісімшартсыз.' },
      language_communication: { status: 2, status_code: 'building', indicator: 'Орысша сөйлейді', evidence: null },
    });
    assert.deepEqual([intake.reviewed_on, intake.kind, intake.note], [d1, 'intake', 'Қабылдау.\nАлғашқы кездесу.']);
    // A review between the two, given last; the psychologist and the lawyer record too.
    const mid = (await integrationReview(p.id, { kind: 'review', reviewed_on: d2, domains: { work: { status: 'building' }, bonds: { status: 3 } } }, 201, tokens.psychologist)).body;
    const same = (await integrationReview(p.id, { kind: 'review', reviewed_on: d2, domains: { bonds: { status: 4 } }, note: null }, 201, tokens.lawyer)).body;

    const list = await integrationOf(p.id);
    assert.deepEqual(list.items.map((x) => x.id), [latest.body.id, same.id, mid.id, intake.id], 'newest reviewed_on first, then newest id');
    assert.deepEqual(list.items, [latest.body, same, mid, intake], 'GET lists the reviews as POST answered them');
    assert.deepEqual(Object.keys(list.trajectory), INTEGRATION_DOMAINS, 'every domain, in the framework\'s order');
    const pt = (x, status) => ({ date: x.reviewed_on, status, review_id: x.id });
    assert.deepEqual(list.trajectory.work, [pt(intake, 1), pt(mid, 2), pt(latest.body, 4)]);
    assert.deepEqual(list.trajectory.housing, [pt(intake, 1), pt(latest.body, 3)]);
    assert.deepEqual(list.trajectory.bonds, [pt(mid, 3), pt(same, 4)], 'one day\'s reviews by id');
    assert.deepEqual(list.trajectory.language_communication, [pt(intake, 2)]);
    for (const d of INTEGRATION_DOMAINS.filter((d) => !['work', 'housing', 'bonds', 'language_communication'].includes(d)))
      assert.deepEqual(list.trajectory[d], [], d);
    // Administrators read; a person without reviews has empty lists.
    assert.deepEqual(await integrationOf(p.id, tokens.admin), list);
    const none = await integrationPerson('Бос', 'KZ-62', '2024-03-01');
    const empty = await integrationOf(none.id);
    assert.deepEqual(empty.items, []);
    assert.ok(INTEGRATION_DOMAINS.every((d) => Array.isArray(empty.trajectory[d]) && empty.trajectory[d].length === 0));
    if (haveSqlite()) {
      // Four POSTs and two GETs of the person, each a view (written by the audit writer, in a
      // while); four additions.
      for (let i = 0; i < 50 && auditCount('integration.view', p.id) - views < 6; i++)
        await new Promise((res) => setTimeout(res, 100));
      assert.equal(auditCount('integration.view', p.id) - views, 6, 'each answer showing the reviews is a view of the person');
      assert.equal(auditCount('integration.add', p.id), 4);
    }
  });

  it('/api/v1/persons/{id}/integration: 403 for analysts, and for administrators recording; 404 for another organisation\'s person and an unknown one; 403 for an erased person', async () => {
    const p = ctx.integrated;
    assert.ok(p, 'the test above made a person');
    const body = { kind: 'review', domains: { work: { status: 2 } } };
    const before = (await integrationOf(p.id)).items.length;
    await call('GET', '/api/v1/persons/{id}/integration', { params: { id: p.id }, token: tokens.analyst, expect: 403 });
    await integrationReview(p.id, body, 403, tokens.analyst);
    await integrationReview(p.id, body, 403, tokens.admin);
    await call('GET', '/api/v1/persons/{id}/integration', { params: { id: p.id }, token: tokens.ngo, expect: 404 });
    await integrationReview(p.id, body, 404, tokens.ngo);
    await call('GET', '/api/v1/persons/{id}/integration', { params: { id: 999999999 }, token: tokens.worker, expect: 404 });
    await integrationReview(999999999, body, 404);
    assert.equal((await integrationOf(p.id)).items.length, before, 'nothing recorded');

    // Erased: the workers' words go, the statuses stay; no new review (403); out of the cohort.
    const e = await integrationPerson('Өшірілетін', 'KZ-62', '2024-03-01');
    const x = (await integrationReview(e.id, { kind: 'intake', note: 'Жазба.', domains: { work: { status: 2, indicator: 'Көрсеткіш', evidence: 'Дәлел' } } }, 201)).body;
    const web = await webSession('supervisor');
    const csrf = web.csrfOf(await web.get(`/persons/${e.id}`));
    assert.equal(await web.post(`/persons/${e.id}/erase`, { _csrf: csrf, reason: 'person_request', confirm: '1' }), 303, 'erased on the web');
    const after = await integrationOf(e.id);
    assert.deepEqual(after.items, [{ ...x, note: null, domains: { work: { status: 2, status_code: 'building', indicator: null, evidence: null } } }]);
    await integrationReview(e.id, body, 403);
  });

  it('POST /api/v1/persons/{id}/integration: 422 naming each field at fault, nothing saved; 400', async () => {
    const p = ctx.integrated;
    assert.ok(p, 'the test above made a person');
    const count = async () => (await integrationOf(p.id)).items.length;
    const before = await count();
    const bad = async (body, fields, checkRequest = false) => {
      const x = await integrationReview(p.id, body, 422, tokens.worker, checkRequest);
      assert.deepEqual(x.body.error.fields.map((f) => f.field), fields, JSON.stringify(body).slice(0, 120));
      assert.equal(x.body.error.field, fields[0]);
    };
    const w = (score) => ({ kind: 'review', domains: { work: score } });
    await bad({ kind: 'intake', domains: {} }, ['domains']);
    await bad({ kind: 'intake' }, ['domains']);
    await bad({ kind: 'intake', domains: null }, ['domains']);
    await bad({ kind: 'intake', domains: [1] }, ['domains']);
    await bad({ kind: 'intake', domains: { wealth: { status: 2 } } }, ['domains.wealth']);
    await bad({ kind: 'intake', domains: { work: 3 } }, ['domains.work']);
    await bad(w({ status: 5 }), ['domains.work.status']);
    await bad(w({ status: 0 }), ['domains.work.status']);
    await bad(w({ status: 'excellent' }), ['domains.work.status']);
    await bad(w({ status: null }), ['domains.work.status']);
    await bad(w({}), ['domains.work.status']);
    await bad(w({ status: 2, mood: 1 }), ['domains.work.mood']);
    await bad(w({ status: 2, indicator: 'бір\nекі' }), ['domains.work.indicator'], true);
    await bad(w({ status: 2, indicator: 'ә'.repeat(301) }), ['domains.work.indicator']);
    await bad(w({ status: 2, indicator: 7 }), ['domains.work.indicator']);
    await bad(w({ status: 2, evidence: 'ә'.repeat(2001) }), ['domains.work.evidence']);
    await bad({ ...w({ status: 2 }), kind: 'exit' }, ['kind']);
    await bad({ domains: { work: { status: 2 } } }, ['kind']);
    await bad({ ...w({ status: 2 }), reviewed_on: '2999-01-01' }, ['reviewed_on'], true);
    await bad({ ...w({ status: 2 }), reviewed_on: '1987-07-06' }, ['reviewed_on'], true); // the day before her birth
    await bad({ ...w({ status: 2 }), reviewed_on: '15.01.2026' }, ['reviewed_on']);
    await bad({ ...w({ status: 2 }), note: 'ә'.repeat(4001) }, ['note']);
    await bad({ ...w({ status: 2 }), framework: 'ager_strang_2008' }, ['framework']);
    await bad({ ...w({ status: 2 }), extra: 1 }, ['extra']);
    // The members first (the rules wait for them), then the rules, every field at once.
    await bad({ extra: 1, domains: { work: { status: 2, x: 1 } } }, ['extra', 'domains.work.x']);
    await bad({ kind: 'exit', reviewed_on: '2999-01-01', domains: { work: { status: 9 }, housing: { status: 2, evidence: 'ә'.repeat(2001) } } },
      ['reviewed_on', 'kind', 'domains.work.status', 'domains.housing.evidence']);
    const raw = (payload) => call('POST', '/api/v1/persons/{id}/integration', { params: { id: p.id }, token: tokens.worker, raw: payload, contentType: 'application/json', expect: 400 });
    await raw('{"kind":');
    await raw('[{"kind":"intake"}]');
    await raw('{"kind":"intake","kind":"review","domains":{"work":{"status":2}}}');
    assert.equal(await count(), before, 'a 422 and a 400 save nothing');
  });

  it('GET /api/v1/integration/cohort: per domain between first and latest review; analysts read it; a small cell withheld; 422 naming the parameter', async () => {
    // Five resettlers in KZ-61 who arrived in 2019, work at first and latest review: 1→3,
    // 2→2, 2→1, 3 and 3 (reviewed once). Work: 5 people, mean first (1+2+2+3+3)/5 = 2.2, mean
    // latest (3+2+1+3+3)/5 = 2.4; of the 3 followed, one improved, one stayed, one declined.
    // Housing is scored for the first three only: a small cell.
    const first = [1, 2, 2, 3, 3], latest = [3, 2, 1, null, null];
    let today;
    for (let i = 0; i < 5; i++) {
      const p = await integrationPerson(`Когорта${i}`, 'KZ-61', '2019-05-01', { categories: ['voluntary_resettler'] });
      const x = (await integrationReview(p.id, {
        kind: 'intake', reviewed_on: '2020-01-15',
        domains: { work: { status: first[i] }, ...(i < 3 ? { housing: { status: 'building' } } : {}) },
      }, 201)).body;
      assert.equal(x.reviewed_on, '2020-01-15');
      if (latest[i] !== null)
        today = (await integrationReview(p.id, { kind: 'review', domains: { work: { status: latest[i] } } }, 201)).body.reviewed_on;
    }
    assert.ok(today);
    const domainOf = (c, code) => c.domains.find((d) => d.domain === code);
    const zeros = { suppressed: false, people: 0, followed: 0, mean_first: null, mean_latest: null, improved: 0, stayed: 0, declined: 0 };
    for (const query of [{ region: 'KZ-61' }, { region: 'KZ-61', arrival_year: 2019 }, { region: 'KZ-61', category: 'voluntary_resettler' }]) {
      const c = (await cohort(query)).body;
      assert.deepEqual([c.framework, c.people], ['home_office_2019', 5], JSON.stringify(query));
      assert.deepEqual(c.domains.map((d) => d.domain), INTEGRATION_DOMAINS, 'every domain, in the framework\'s order');
      assert.deepEqual(domainOf(c, 'work'), { domain: 'work', suppressed: false, people: 5, followed: 3, mean_first: 2.2, mean_latest: 2.4, improved: 1, stayed: 1, declined: 1 });
      assert.deepEqual(domainOf(c, 'housing'), { domain: 'housing', ...zeros, suppressed: true }, 'three people: withheld');
      for (const d of c.domains.filter((d) => !['work', 'housing'].includes(d.domain)))
        assert.deepEqual(d, { domain: d.domain, ...zeros }, `${d.domain}: nobody scored, not suppressed`);
    }
    // Every role reads it; another organisation counts none of these people.
    assert.equal((await cohort({ region: 'KZ-61' }, 200, tokens.worker)).body.people, 5);
    assert.equal((await cohort({ region: 'KZ-61' }, 200, tokens.admin)).body.people, 5);
    assert.equal((await cohort({ region: 'KZ-61' }, 200, tokens.ngo)).body.people, 0);
    // Fewer than five people: the number withheld, every domain's figures too.
    const few = (await cohort({ region: 'KZ-62' })).body;
    assert.equal(few.people, null, 'a small cell: the number of people withheld');
    for (const code of ['work', 'housing', 'bonds', 'language_communication'])
      assert.deepEqual(domainOf(few, code), { domain: code, ...zeros, suppressed: true }, code);
    // Nobody: zeros, nothing suppressed.
    const nobody = (await cohort({ region: 'KZ-61', arrival_year: 2020 })).body;
    assert.equal(nobody.people, 0);
    assert.ok(nobody.domains.every((d) => JSON.stringify(d) === JSON.stringify({ domain: d.domain, ...zeros })));
    assert.equal((await cohort({ region: 'KZ-61', programme_id: 999999999 })).body.people, 0, 'no enrolment in it: nobody');
    assert.equal((await cohort({ region: '', category: '' })).body.people >= 5, true, 'empty: any');
    // 422 naming the parameter.
    for (const [query, field] of [[{ region: 'XX' }, 'region'], [{ region: 'kz-61' }, 'region'], [{ category: 'martian' }, 'category'],
      [{ programme_id: 0 }, 'programme_id'], [{ programme_id: 'one' }, 'programme_id'], [{ arrival_year: 1899 }, 'arrival_year'],
      [{ arrival_year: '' }, 'arrival_year'], [{ arrival_year: 2101 }, 'arrival_year']]) {
      const r = await cohort(query, 422);
      assert.deepEqual([r.body.error.code, r.body.error.field], ['validation_failed', field], JSON.stringify(query));
    }
  });

  // The means have two decimals, and are written so (not as the double nearest to them).
  it('GET /api/v1/integration/cohort writes the means with at most two decimals', async () => {
    const res = await fetch(`${server.url}/api/v1/integration/cohort?region=KZ-61`, { headers: { Authorization: `Bearer ${tokens.analyst}` } });
    assert.equal(res.status, 200);
    const text = await res.text();
    const means = [...text.matchAll(/"mean_(?:first|latest)":([^,}]+)/g)].map((m) => m[1]);
    assert.ok(means.includes('2.2') || means.some((m) => m.startsWith('2.2')), `the test's cohort gives work a mean of 2.2: ${text.slice(0, 300)}`);
    const long = means.filter((m) => m !== 'null' && !/^[1-4](\.[0-9]{1,2})?$/.test(m));
    assert.deepEqual(long, [], 'each mean as written on the wire');
  });

  // ---- reports (issue 9): counts cut by up to two axes, small cells withheld for everyone
  // but supervisors. The demo's cases are opened today, so the default period counts them;
  // other tests add records too, so these tests check shapes and rules, not exact figures.

  const report = (query, expect = 200, token = tokens.supervisor) =>
    call('GET', '/api/v1/reports', { query, token, expect, lang: 'en' });
  /* A report as a file (format csv, xlsx or pdf) from an operation of the document at `path`,
   * checked against it: 200, its media type, its first bytes. text: the CSV without its BOM, or
   * the PDF's text read back with pdftotext (poppler-utils; null without it). */
  const FILE_TYPES = {
    csv: /^text\/csv(;|$)/,
    xlsx: /^application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet$/,
    pdf: /^application\/pdf$/,
  };
  const reportFile = async (path, query, format, token = tokens.supervisor) => {
    const url = `${path}?${new URLSearchParams({ ...query, format })}`;
    const res = await fetch(server.url + url, { headers: { Authorization: `Bearer ${token}`, 'Accept-Language': 'en' } });
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.equal(res.status, 200, `GET ${url} answered ${res.status}: ${excerpt(bytes.toString('utf8'))}`);
    checkAgainstDocument('GET', path, res, bytes.toString('utf8'), `GET ${url}`);
    assert.match(res.headers.get('content-type'), FILE_TYPES[format], `GET ${url}: the media type`);
    const magic = { csv: '', xlsx: 'PK\x03\x04', pdf: '%PDF-' }[format];
    assert.equal(bytes.subarray(0, magic.length).toString('latin1'), magic, `GET ${url}: a ${format} file`);
    let text = null;
    if (format === 'csv') text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    if (format === 'pdf') {
      assert.match(bytes.subarray(-16).toString('latin1'), /%%EOF\s*$/, `GET ${url}: the PDF ends with %%EOF`);
      const t = spawnSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: bytes, encoding: 'utf8', timeout: 30000 });
      if (t.status === 0) text = t.stdout;
    }
    return { res, bytes, text, disposition: res.headers.get('content-disposition') };
  };
  /* A report's figures agree with its values and its count of withheld figures. */
  const wellFormed = (b, what) => {
    assert.equal(b.cells.length, b.row_values.length, `${what}: a row of cells per row value`);
    for (const row of b.cells)
      assert.equal(row.length, b.col_values.length, `${what}: a cell per column value in every row`);
    assert.equal(b.row_totals.length, b.row_values.length, `${what}: a total per row`);
    assert.equal(b.col_totals.length, b.col_values.length, `${what}: a total per column`);
    // The figures a reader sees: an axis not cut has its totals in its cells.
    const figures = [...b.cells.flat(), ...(b.cols ? b.row_totals : []), ...(b.rows ? b.col_totals : []),
      ...(b.rows && b.cols ? [b.total] : [])];
    assert.equal(figures.filter((x) => x === null).length, b.withheld, `${what}: withheld counts the null figures`);
    assert.equal(b.small_cell, 5);
    if (!b.suppressed) assert.equal(b.withheld, 0, `${what}: nothing withheld unless suppressed`);
  };

  it('GET /api/v1/reports: a supervisor\'s report, by default services of this year, not cut; every figure shown', async () => {
    const b = (await report({})).body;
    wellFormed(b, 'default');
    const today = new Date();
    assert.equal(b.measure, 'services');
    assert.deepEqual([b.rows, b.cols], [null, null]);
    assert.equal(b.from, `${b.to.slice(0, 4)}-01-01`, 'from 1 January of this year');
    assert.ok(Math.abs(Date.parse(b.to) - Date.parse(today.toISOString().slice(0, 10))) <= 86400000, `to is today: ${b.to}`);
    assert.deepEqual([b.row_values, b.col_values], [[{ code: null, label: 'All' }], [{ code: null, label: 'All' }]],
      'an axis not cut has one value, "All"');
    assert.deepEqual([b.cells, b.row_totals, b.col_totals], [[[b.total]], [b.total], [b.total]], 'one cell: the total');
    assert.equal(b.suppressed, false, 'supervisors see every figure');
    assert.equal(typeof b.total, 'number');
    // The demo's cases were opened today: the supervisor's organisation counts some.
    const cases = (await report({ measure: 'cases', from: '', to: '' })).body;
    wellFormed(cases, 'cases');
    assert.ok(cases.total > 0, `the demo's cases are counted: ${JSON.stringify(cases)}`);
  });

  it('GET /api/v1/reports: rows=region&cols=sex: a row of col_values.length cells per row value; codes and totals', async () => {
    for (const measure of ['cases', 'services', 'referrals', 'persons', 'event_participants']) {
      const b = (await report({ measure, rows: 'region', cols: 'sex' })).body;
      wellFormed(b, measure);
      assert.deepEqual([b.measure, b.rows, b.cols], [measure, 'region', 'sex']);
      for (const v of b.row_values)
        assert.ok(v.code === null || /^KZ-\d{2}$/.test(v.code), `${measure}: a region's code: ${JSON.stringify(v)}`);
      // "Not stated" (code null) only last.
      for (const vals of [b.row_values, b.col_values])
        assert.ok(vals.every((v, i) => v.code !== null || i === vals.length - 1), `${measure}: not stated last`);
      // A supervisor's figures add up: each row's cells to its total, the totals to the total.
      const sum = (xs) => xs.reduce((s, x) => s + x, 0);
      if (measure !== 'persons') {
        b.cells.forEach((row, i) => assert.equal(sum(row), b.row_totals[i], `${measure}: row ${i} adds up`));
        assert.equal(sum(b.col_totals), b.total, `${measure}: the columns add up to the total`);
        assert.equal(sum(b.row_totals), b.total, `${measure}: the rows add up to the total`);
      }
    }
    // The demo's cases give at least one row and one column.
    const k = (await report({ measure: 'cases', rows: 'region', cols: 'sex' })).body;
    assert.ok(k.row_values.length > 0 && k.col_values.length > 0, `cases by region and sex: ${JSON.stringify(k)}`);
    // Cut by one axis only: the other has its one value.
    const byMonth = (await report({ measure: 'cases', cols: 'month' })).body;
    wellFormed(byMonth, 'cols only');
    assert.deepEqual([byMonth.rows, byMonth.cols, byMonth.row_values], [null, 'month', [{ code: null, label: 'All' }]]);
    assert.ok(byMonth.col_values.every((v) => /^\d{4}-\d{2}$/.test(v.code)), JSON.stringify(byMonth.col_values));
    const byQuarter = (await report({ measure: 'cases', rows: 'quarter', cols: 'age_band' })).body;
    wellFormed(byQuarter, 'quarter × age band');
    assert.ok(byQuarter.row_values.every((v) => /^\d{4}-Q[1-4]$/.test(v.code)), JSON.stringify(byQuarter.row_values));
    assert.ok(byQuarter.col_values.every((v) => v.code === null || ['0-4', '5-11', '12-17', '18-59', '60+'].includes(v.code)),
      JSON.stringify(byQuarter.col_values));
    // Group sessions by an axis they have; empty parameters are the defaults.
    wellFormed((await report({ measure: 'group_sessions', rows: 'form', cols: 'quarter' })).body, 'group sessions');
    const empty = (await report({ measure: '', rows: '', cols: '', from: '', to: '', format: '' })).body;
    assert.deepEqual([empty.measure, empty.rows, empty.cols], ['services', null, null]);
  });

  it('GET /api/v1/reports: analysts and administrators get small figures withheld (suppressed); group sessions never', async () => {
    for (const token of [tokens.analyst, tokens.admin]) {
      for (const query of [{}, { measure: 'cases', rows: 'region', cols: 'sex' }, { measure: 'cases', rows: 'organisation' }]) {
        const b = (await report(query, 200, token)).body;
        wellFormed(b, JSON.stringify(query));
        assert.equal(b.suppressed, true, `${JSON.stringify(query)}: small figures withheld for ${token === tokens.analyst ? 'an analyst' : 'an administrator'}`);
        // No figure shown counts 1 to 4 (a count of records may be more than its people, so
        // only a figure under 5 is sure to be small).
        const shown = [...b.cells.flat(), ...b.row_totals, ...b.col_totals, b.total].filter((x) => x !== null);
        assert.deepEqual(shown.filter((x) => x >= 1 && x <= 4), [], `${JSON.stringify(query)}: a small figure shown: ${JSON.stringify(b)}`);
      }
      const g = (await report({ measure: 'group_sessions', rows: 'month' }, 200, token)).body;
      wellFormed(g, 'group sessions');
      assert.deepEqual([g.suppressed, g.withheld], [false, 0], 'group sessions name nobody: never withheld');
    }
    // The demo's six cases in the two organisations, by region and sex, are all small cells:
    // the analyst's table withholds some figure.
    const a = (await report({ measure: 'cases', rows: 'region', cols: 'sex' }, 200, tokens.analyst)).body;
    assert.ok(a.withheld > 0, `an analyst's small cells are withheld: ${JSON.stringify(a)}`);
  });

  it('GET /api/v1/reports: 403 for social workers, psychologists and lawyers', async () => {
    for (const who of ['worker', 'psychologist', 'lawyer']) {
      const r = await report({}, 403, tokens[who]);
      assert.equal(r.body.error.code, 'forbidden', who);
      await report({ format: 'csv' }, 403, tokens[who]);
    }
  });

  const REPORT_422 = [
    [{ measure: 'nope' }, 'measure'],
    [{ measure: 'group_sessions', rows: 'sex' }, 'rows'],
    [{ measure: 'group_sessions', cols: 'region' }, 'cols'],
    [{ measure: 'cases', rows: 'service_kind' }, 'rows'],
    [{ rows: 'nope' }, 'rows'],
    [{ rows: 'Region' }, 'rows'],
    [{ cols: 'nope' }, 'cols'],
    [{ rows: 'sex', cols: 'sex' }, 'cols'],
    [{ from: '2026-13-01' }, 'from'],
    [{ from: '2026-02-30' }, 'from'],
    [{ from: '1 May' }, 'from'],
    [{ to: '2026-04-31' }, 'to'],
    [{ from: '2026-05-01', to: '2026-04-01' }, 'to'],
    [{ from: '2010-01-01', to: '2020-01-01' }, 'to'],
    [{ format: 'PDF' }, 'format'],
    [{ format: 'html' }, 'format'],
  ];

  it('GET /api/v1/reports: 422 naming the parameter', async () => {
    for (const [query, field] of REPORT_422) {
      const r = await report(query, 422);
      assert.deepEqual([r.body.error.code, r.body.error.field], ['validation_failed', field], JSON.stringify(query));
    }
    // Ten years exactly is allowed; from equal to to too.
    await report({ from: '2016-01-01', to: '2025-12-31' });
    await report({ from: '2026-05-01', to: '2026-05-01' });
  });

  it('GET /api/v1/reports?format=csv|xlsx|pdf: the report as a file', async () => {
    const csv = await report({ measure: 'cases', rows: 'region', cols: 'sex', format: 'csv' });
    assert.match(csv.headers.get('content-type'), /^text\/csv/);
    assert.match(csv.headers.get('content-disposition'), /^attachment; filename="komek-report-cases-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = csv.body.split(/\r?\n/);
    assert.match(lines[0], /^Cases opened,\d{4}-\d{2}-\d{2} – \d{4}-\d{2}-\d{2}$/, 'the title and the period');
    assert.match(lines[1], /^Region \\ Sex,/, 'the header names both axes');
    assert.equal((await report({ format: 'csv' }, 200, tokens.analyst)).headers.get('content-type').split(';')[0], 'text/csv');
    const x = await report({ measure: 'cases', rows: 'region', format: 'xlsx' });
    assert.equal(x.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const res = await fetch(`${server.url}/api/v1/reports?format=xlsx`, { headers: { Authorization: `Bearer ${tokens.supervisor}` } });
    assert.equal(res.status, 200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    assert.deepEqual([...bytes.slice(0, 4)], [0x50, 0x4b, 0x03, 0x04], 'a zip file');
    const json = await report({ format: 'json' });
    assert.equal(json.headers.get('content-type').split(';')[0], 'application/json');
    const pdf = await reportFile('/api/v1/reports', { measure: 'cases', rows: 'region', cols: 'sex' }, 'pdf');
    assert.match(pdf.disposition, /^attachment; filename="komek-report-cases-\d{4}-\d{2}-\d{2}\.pdf"$/);
    if (pdf.text !== null) assert.match(pdf.text, /Cases opened/, 'the PDF prints the report\'s title');
    await report({ format: 'pdf' }, 403, tokens.worker);
  });

  // ---- the fixed reports (issue 9 part 3): the monthly activity report, a programme's quota
  // and outcome report and a cohort's integration indicators, each a document of sections as
  // JSON, or the same as a PDF, CSV or XLSX file. Other tests add records, so these check shapes,
  // rules and agreement with the routes the figures come from, not exact figures.

  const fixedReport = (name, query, expect = 200, token = tokens.supervisor) =>
    call('GET', `/api/v1/reports/${name}`, { query, token, expect, lang: 'en' });
  /* The sections' rows have a cell per column: labels as text, then figures (a whole number,
   * a decimal as text, null when withheld, "" when there is none, as a mean of nobody); a
   * total row, "In all", last; the day it was made, last of the lines; withheld is whether
   * some figure is null. */
  const docWellFormed = (b, name, what) => {
    assert.equal(b.report, name, what);
    assert.ok(b.lines.length >= 2, `${what}: lines under the title`);
    assert.match(b.lines.at(-1), /^Made on: \d{4}-\d{2}-\d{2}$/, `${what}: the day it was made, last`);
    for (const s of b.sections) {
      const at = `${what}, ${s.heading}`;
      assert.ok(s.labels >= 1 && s.head.length > s.labels, `${at}: labels, then figures: ${JSON.stringify(s.head)}`);
      for (const row of s.rows) {
        assert.equal(row.length, s.head.length, `${at}: a cell per column: ${JSON.stringify(row)}`);
        assert.ok(row.slice(0, s.labels).every((x) => typeof x === 'string'), `${at}: labels are text: ${JSON.stringify(row)}`);
        assert.ok(row.slice(s.labels).every((x) => x === null || x === '' || (Number.isInteger(x) && x >= 0) ||
          (typeof x === 'string' && /^\d[\d\s]*\.\d{2}$/.test(x))), `${at}: figures: ${JSON.stringify(row)}`);
      }
      if (s.total) assert.equal(s.rows.at(-1)[0], 'In all', `${at}: the total last`);
      assert.equal(s.withheld, s.rows.some((r) => r.slice(s.labels).includes(null)), `${at}: withheld when a figure is null`);
    }
  };
  /* A text as a cell of a CSV line: quoted when it holds a comma, a quote or a line break. */
  const csvCell = (x) => (/[",\r\n]/.test(x) ? `"${x.replace(/"/g, '""')}"` : x);
  /* YYYY-MM-01 and the month's last day. */
  const monthSpan = (month) => {
    const [y, m] = month.split('-').map(Number);
    return [`${month}-01`, `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`];
  };
  const MONTHLY_SECTIONS = ['The month in figures', 'Services by kind and form', 'People served by category and sex',
    'People served by age and sex', 'People served by region', 'Cases opened, by their status now', 'Referrals sent, by service',
    'Group sessions, by form', 'Event participants, by form'];
  // The rows of "The month in figures", in order.
  const MONTHLY_MEASURES = ['persons', 'cases', 'services', 'referrals', 'group_sessions', 'event_participants'];
  const labelsOf = async (list) => Object.fromEntries((await call('GET', '/api/v1/reference/{name}', {
    params: { name: list }, token: tokens.worker, expect: 200,
  })).body.items.map((x) => [x.code, x.en]));

  it('GET /api/v1/reports/monthly: the last month by default; each figure as GET /api/v1/reports counts the month, for supervisors, administrators and analysts', async () => {
    const month = await serverMonth();
    const last = twelveMonths(month)[10];
    const d = (await fixedReport('monthly', {})).body;
    docWellFormed(d, 'monthly', 'default');
    assert.equal(d.title, 'Monthly activity report');
    assert.equal(d.lines[1], monthSpan(last).join(' – '), 'the last month by default');
    assert.deepEqual(d.sections.map((s) => s.heading), MONTHLY_SECTIONS);
    assert.deepEqual((await fixedReport('monthly', { month: last, format: 'json' })).body, d, 'month=the last one and format=json: the same');
    assert.deepEqual((await fixedReport('monthly', { month: '', format: '' })).body, d, 'empty parameters: the defaults');

    const [from, to] = monthSpan(month);
    for (const [who, token] of [['supervisor', tokens.supervisor], ['admin', tokens.admin], ['analyst', tokens.analyst]]) {
      const b = (await fixedReport('monthly', { month }, 200, token)).body;
      docWellFormed(b, 'monthly', `${who}, ${month}`);
      assert.equal(b.lines[0] === 'Every organisation', who === 'analyst', `${who}: whose figures: ${b.lines[0]}`);
      assert.equal(b.lines[1], `${from} – ${to}`);
      assert.deepEqual(b.sections.map((s) => s.heading), MONTHLY_SECTIONS);
      const [figures] = b.sections;
      assert.deepEqual([figures.head, figures.total], [['What', 'Count'], false]);
      for (const [i, measure] of MONTHLY_MEASURES.entries())
        assert.equal(figures.rows[i][1], (await report({ measure, from, to }, 200, token)).body.total,
          `${who}: ${measure} (${figures.rows[i][0]}) as GET /api/v1/reports counts the month`);
      // A table cut by one axis: its rows are the report's, then the total.
      for (const [heading, measure, rows] of [['Cases opened, by their status now', 'cases', 'case_status'], ['Referrals sent, by service', 'referrals', 'service_kind']]) {
        const r = (await report({ measure, rows, from, to }, 200, token)).body;
        assert.deepEqual(b.sections.find((s) => s.heading === heading).rows,
          [...r.row_values.map((v, i) => [v.label, r.cells[i][0]]), ['In all', r.total]], `${who}: ${heading}`);
      }
      if (who === 'supervisor') {
        assert.ok(figures.rows[1][1] > 0, 'the demo\'s cases were opened this month');
        assert.ok(b.sections.every((s) => !s.withheld), 'supervisors see every figure');
      } else {
        // No figure of 1 to 4 (group sessions name nobody: never withheld).
        const shown = b.sections.filter((s) => !/^Group sessions/.test(s.heading))
          .flatMap((s) => s.rows.filter((r) => r[0] !== 'Group sessions held').flatMap((r) => r.slice(s.labels)));
        assert.deepEqual(shown.filter((x) => Number.isInteger(x) && x >= 1 && x <= 4), [], `${who}: a small figure shown`);
      }
    }
    const old = (await fixedReport('monthly', { month: '1900-01' })).body;
    assert.equal(old.lines[1], '1900-01-01 – 1900-01-31');
    assert.deepEqual(old.sections[0].rows.map((r) => r[1]), [0, 0, 0, 0, 0, 0], 'nothing in 1900');
  });

  it('GET /api/v1/reports/monthly: 403 for social workers, psychologists and lawyers; 422 naming month or format', async () => {
    for (const token of [tokens.worker, tokens.psychologist, tokens.lawyer, tokens.ngo]) {
      assert.equal((await fixedReport('monthly', {}, 403, token)).body.error.code, 'forbidden');
      await fixedReport('monthly', { format: 'pdf' }, 403, token);
    }
    const month = await serverMonth();
    const [y, m] = month.split('-').map(Number);
    const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
    for (const [query, field] of [[{ month: next }, 'month'], [{ month: `${y + 1}-${String(m).padStart(2, '0')}` }, 'month'],
      [{ month: '1899-12' }, 'month'], [{ month: `${y}-13` }, 'month'], [{ month: `${y}-00` }, 'month'], [{ month: `${y}-1` }, 'month'],
      [{ month: `${month}-01` }, 'month'], [{ month: 'May 2026' }, 'month'], [{ month: ` ${month}` }, 'month'],
      [{ format: 'txt' }, 'format'], [{ format: 'PDF' }, 'format'], [{ month, format: 'html' }, 'format']]) {
      const r = await fixedReport('monthly', query, 422);
      assert.deepEqual([r.body.error.code, r.body.error.field], ['validation_failed', field], JSON.stringify(query));
    }
    await fixedReport('monthly', { month }); // this month is allowed
  });

  it('GET /api/v1/reports/monthly?format=pdf|csv|xlsx: the report as a file', async () => {
    const month = await serverMonth();
    const name = (ext) => new RegExp(`^attachment; filename="komek-monthly-${month}-\\d{4}-\\d{2}-\\d{2}\\.${ext}"$`);
    const pdf = await reportFile('/api/v1/reports/monthly', { month }, 'pdf');
    assert.match(pdf.disposition, name('pdf'));
    if (pdf.text !== null)
      for (const heading of ['Monthly activity report', ...MONTHLY_SECTIONS])
        assert.ok(pdf.text.includes(heading), `the PDF prints "${heading}"`);
    const csv = await reportFile('/api/v1/reports/monthly', { month }, 'csv');
    assert.match(csv.disposition, name('csv'));
    const lines = csv.text.split(/\r?\n/);
    assert.match(lines[0], new RegExp(`^Monthly activity report,.*,${monthSpan(month).join(' – ')},Made on: \\d{4}-\\d{2}-\\d{2}$`), 'the title and its lines');
    assert.equal(lines[1], 'The month in figures');
    assert.equal(lines[2], 'What,Count');
    for (const heading of MONTHLY_SECTIONS) assert.ok(lines.includes(csvCell(heading)), `the CSV has "${heading}"`);
    const xlsx = await reportFile('/api/v1/reports/monthly', { month }, 'xlsx', tokens.analyst);
    assert.match(xlsx.disposition, name('xlsx'));
    assert.ok((await reportFile('/api/v1/reports/monthly', { month }, 'pdf', tokens.admin)).bytes.length > 1000);
  });

  it('GET /api/v1/reports/programme: the quota by region as GET /api/v1/programmes/{id} gives it, the year\'s enrolments, support and services; analysts read it; 404 for an unknown programme and another organisation\'s own', async () => {
    const { kandas } = ctx.programmes;
    const regions = await labelsOf('regions');
    const thisYear = Number((await serverMonth()).slice(0, 4));
    const b = (await fixedReport('programme', { programme: kandas.id })).body;
    docWellFormed(b, 'programme', 'kandas');
    const today = b.lines.at(-1).slice('Made on: '.length);
    assert.equal(b.title, 'Programme quota and outcome report');
    assert.deepEqual(b.lines.slice(0, 3), [kandas.name, b.lines[1], `${thisYear}-01-01 – ${today}`], 'this year by default, to today');
    assert.notEqual(b.lines[1], 'Every organisation');
    assert.deepEqual(b.sections.map((s) => s.heading), ['Quota by region', 'Enrolments of the year, by region',
      'Support given in the year', 'Services the people enrolled received in the year']);
    assert.deepEqual((await fixedReport('programme', { programme: kandas.id, year: thisYear, format: 'json' })).body, b, 'year=this year: the same');
    // The quota: the programme's, row by row, and the sum.
    for (const year of [thisYear, 2025]) {
      const p = await programmeOf(kandas.id, tokens.supervisor, { year });
      const q = (await fixedReport('programme', { programme: kandas.id, year })).body.sections[0];
      assert.deepEqual([q.head, q.total], [['Region', 'Quota', 'Places taken', 'Places left'], true]);
      const want = p.quotas.map((x) => [regions[x.region], x.quota, x.used, x.left]);
      want.push(['In all', sum(p.quotas.map((x) => x.quota)), sum(p.quotas.map((x) => x.used)), sum(p.quotas.map((x) => x.left))]);
      assert.deepEqual(q.rows, want, `${year}: the quota as GET /api/v1/programmes/{id}?year=${year} gives it`);
    }
    assert.equal((await fixedReport('programme', { programme: kandas.id, year: 2025 })).body.sections[0].rows.at(-1)[1], 2309, '2025: the shipped quotas');
    // The supervisor's enrolments add up; the demo's relocation subsidy is support given.
    const [, enrolled, support, services] = b.sections;
    assert.deepEqual([enrolled.head, enrolled.total], [['Region', 'Enrolled', 'Withdrawn', 'Family members', 'Quota places'], true]);
    for (let c = 1; c <= 4; c++)
      assert.equal(enrolled.rows.at(-1)[c], sum(enrolled.rows.slice(0, -1).map((r) => r[c])), `enrolments: ${enrolled.head[c]} adds up`);
    assert.ok(enrolled.rows.at(-1)[1] + enrolled.rows.at(-1)[2] > 0, 'the demo family was enrolled this year');
    assert.deepEqual(support.head, ['Kind of support', 'People', 'Payments', 'Amount, KZT']);
    assert.ok(support.rows.some((r) => r[0] === 'relocation subsidy' && r[1] > 0), JSON.stringify(support.rows));
    assert.deepEqual(services.head, ['Service kind', 'People']);

    // A programme without a quota has no quota table; nothing given: no rows.
    const own = (await call('POST', '/api/v1/programmes', {
      token: tokens.admin, body: { kind: 'other', name: 'Report test programme (test)' }, expect: 201,
    })).body;
    const o = (await fixedReport('programme', { programme: own.id })).body;
    docWellFormed(o, 'programme', 'own');
    assert.equal(o.lines[0], 'Report test programme (test)');
    assert.deepEqual(o.sections.map((s) => [s.heading, s.rows.length > 1 ? 'rows' : s.rows.length]), [
      ['Enrolments of the year, by region', 1], ['Support given in the year', 0], ['Services the people enrolled received in the year', 0],
    ]);
    assert.equal(o.sections[1].note, 'None in the year.');
    // Another organisation's supervisor reads the national programme, not this one; analysts read every organisation's.
    tokens.ngoSupervisor ??= await login('ngo-supervisor');
    const theirs = (await fixedReport('programme', { programme: kandas.id }, 200, tokens.ngoSupervisor)).body;
    assert.notEqual(theirs.lines[1], b.lines[1], 'whose figures: the NGO\'s');
    assert.deepEqual(theirs.sections[0], b.sections[0], 'the quota is the state\'s: the same for everyone');
    assert.equal(theirs.sections[1].rows.at(-1)[1], 0, 'the NGO enrolled nobody');
    await fixedReport('programme', { programme: own.id }, 404, tokens.ngoSupervisor);
    await fixedReport('programme', { programme: 987654321 }, 404);
    for (const token of [tokens.analyst, tokens.admin]) {
      const a = (await fixedReport('programme', { programme: kandas.id }, 200, token)).body;
      docWellFormed(a, 'programme', token === tokens.analyst ? 'analyst' : 'admin');
      assert.equal(a.lines[1] === 'Every organisation', token === tokens.analyst);
      // No row of 1 to 4 people shown in the enrolments (enrolled and withdrawn), the support
      // or the services (the quota is the state's, and not withheld).
      const [, e, sp, sv] = a.sections;
      const small = (n) => n >= 1 && n <= 4;
      assert.deepEqual(e.rows.filter((r) => r[1] !== null && small(r[1] + r[2])), [], `enrolments: ${JSON.stringify(e.rows)}`);
      assert.deepEqual([...sp.rows, ...sv.rows].filter((r) => r[1] !== null && small(r[1])), [], `support and services: ${JSON.stringify([sp.rows, sv.rows])}`);
    }
    assert.equal((await fixedReport('programme', { programme: own.id }, 200, tokens.analyst)).body.lines[0], 'Report test programme (test)');
  });

  it('GET /api/v1/reports/programme: 403 for social workers, psychologists and lawyers; 422 naming programme, year or format', async () => {
    const { kandas } = ctx.programmes;
    for (const token of [tokens.worker, tokens.psychologist, tokens.lawyer, tokens.ngo]) {
      assert.equal((await fixedReport('programme', { programme: kandas.id }, 403, token)).body.error.code, 'forbidden');
      await fixedReport('programme', { programme: kandas.id, format: 'pdf' }, 403, token);
    }
    const thisYear = Number((await serverMonth()).slice(0, 4));
    const id = kandas.id;
    for (const [query, field] of [[{}, 'programme'], [{ programme: '' }, 'programme'], [{ programme: 0 }, 'programme'],
      [{ programme: -1 }, 'programme'], [{ programme: 'kandas' }, 'programme'], [{ programme: '1.5' }, 'programme'],
      [{ programme: '9223372036854775808' }, 'programme'], [{ programme: 'x', year: 'x' }, 'programme'],
      [{ programme: id, year: 1899 }, 'year'], [{ programme: id, year: thisYear + 1 }, 'year'], [{ programme: id, year: 'soon' }, 'year'],
      [{ programme: id, year: '20x6' }, 'year'], [{ programme: id, format: 'doc' }, 'format']]) {
      const r = await fixedReport('programme', query, 422);
      assert.deepEqual([r.body.error.code, r.body.error.field], ['validation_failed', field], JSON.stringify(query));
    }
    await fixedReport('programme', { programme: id, year: 1900 });
  });

  it('GET /api/v1/reports/programme?format=pdf|csv|xlsx: the report as a file', async () => {
    const { kandas } = ctx.programmes;
    const name = (year, ext) => new RegExp(`^attachment; filename="komek-programme-${kandas.id}-${year}-\\d{4}-\\d{2}-\\d{2}\\.${ext}"$`);
    const pdf = await reportFile('/api/v1/reports/programme', { programme: kandas.id, year: 2025 }, 'pdf');
    assert.match(pdf.disposition, name(2025, 'pdf'));
    if (pdf.text !== null)
      for (const text of ['Programme quota and outcome report', kandas.name, 'Quota by region'])
        assert.ok(pdf.text.includes(text), `the PDF prints "${text}"`);
    const csv = await reportFile('/api/v1/reports/programme', { programme: kandas.id, year: 2025 }, 'csv', tokens.analyst);
    assert.match(csv.disposition, name(2025, 'csv'));
    const lines = csv.text.split(/\r?\n/);
    assert.match(lines[0], /^Programme quota and outcome report,/);
    assert.equal(lines[1], 'Quota by region');
    assert.equal(lines[2], 'Region,Quota,Places taken,Places left');
    assert.ok(lines.includes('In all,2309,0,2309') || lines.some((l) => /^In all,2309,\d+,\d+$/.test(l)), 'the quota\'s total');
    const thisYear = Number((await serverMonth()).slice(0, 4));
    assert.match((await reportFile('/api/v1/reports/programme', { programme: kandas.id }, 'pdf', tokens.admin)).disposition, name(thisYear, 'pdf'));
  });

  it('GET /api/v1/reports/cohort: each domain as GET /api/v1/integration/cohort counts it, for every role; a programme\'s cohort; 404 for an unknown or another organisation\'s programme', async () => {
    const domains = await labelsOf('integration_domains');
    const regions = await labelsOf('regions');
    const { kandas } = ctx.programmes;
    const HEAD = ['Domain', 'People', 'Mean at first (1–4)', 'Mean at latest (1–4)', 'Improved', 'Stayed', 'Declined'];
    const mean = (x) => (x === null ? '' : x.toFixed(2)); // a mean of nobody: no figure
    const cases = [
      [{}, tokens.supervisor, 'Everyone with a review'],
      [{ region: 'KZ-61' }, tokens.analyst, regions['KZ-61']],
      [{ region: 'KZ-61', arrival_year: 2019 }, tokens.worker, `${regions['KZ-61']} · Year of arrival: 2019`],
      [{ region: 'KZ-61', category: 'voluntary_resettler' }, tokens.psychologist, null],
      [{ region: 'KZ-62' }, tokens.lawyer, regions['KZ-62']],
      [{ region: 'KZ-61', arrival_year: 2020 }, tokens.admin, null],
      [{ programme: kandas.id }, tokens.worker, kandas.name],
      [{}, tokens.ngo, 'Everyone with a review'],
    ];
    for (const [query, token, line] of cases) {
      const what = JSON.stringify(query);
      const b = (await fixedReport('cohort', query, 200, token)).body;
      const { programme, ...rest } = query;
      const c = (await cohort(programme ? { ...rest, programme_id: programme } : rest, 200, token)).body;
      docWellFormed(b, 'cohort', what);
      assert.equal(b.title, 'Integration indicators of a cohort');
      if (line !== null) assert.equal(b.lines[1], line, `${what}: whom the cohort takes`);
      assert.equal(b.lines[2], c.people === null ? 'Fewer than five people: no figures are shown.' : `People with a review: ${c.people}`, what);
      assert.equal(b.sections.length, 1);
      const [s] = b.sections;
      assert.deepEqual([s.heading, s.head, s.labels, s.total], ['How each domain moved', HEAD, 1, false]);
      assert.deepEqual(s.rows, c.domains.map((d) => (d.suppressed
        ? [domains[d.domain], null, null, null, null, null, null]
        : [domains[d.domain], d.people, mean(d.mean_first), mean(d.mean_latest), d.improved, d.stayed, d.declined])),
      `${what}: each domain as GET /api/v1/integration/cohort counts it`);
    }
    const kz61 = (await fixedReport('cohort', { region: 'KZ-61' })).body.sections[0].rows;
    assert.deepEqual(kz61.find((r) => r[0] === domains.work), [domains.work, 5, '2.20', '2.40', 1, 1, 1], 'the integration test\'s cohort');
    // Empty parameters are absent ones, as the page's form sends them.
    assert.deepEqual((await fixedReport('cohort', { category: '', region: '', programme: '', arrival_year: '', format: '' })).body,
      (await fixedReport('cohort', {})).body);
    // A programme of another organisation, or none: 404 (GET /api/v1/integration/cohort counts nobody instead).
    const own = (await programmeList(tokens.admin)).find((p) => p.name === 'Report test programme (test)');
    assert.ok(own, 'the programme the programme report test made');
    await fixedReport('cohort', { programme: own.id }, 200, tokens.worker);
    await fixedReport('cohort', { programme: own.id }, 404, tokens.ngo);
    await fixedReport('cohort', { programme: 987654321 }, 404);
  });

  it('GET /api/v1/reports/cohort: 422 naming category, region, programme, arrival_year or format', async () => {
    for (const [query, field] of [[{ category: 'martian' }, 'category'], [{ category: 'Kandas' }, 'category'],
      [{ region: 'KZ-99' }, 'region'], [{ region: 'kz-61' }, 'region'], [{ programme: 0 }, 'programme'], [{ programme: 'kandas' }, 'programme'],
      [{ programme: -3 }, 'programme'], [{ arrival_year: 1899 }, 'arrival_year'], [{ arrival_year: 2101 }, 'arrival_year'],
      [{ arrival_year: 'soon' }, 'arrival_year'], [{ format: 'doc' }, 'format'], [{ category: 'martian', region: 'XX' }, 'category']]) {
      for (const token of [tokens.worker, tokens.analyst]) {
        const r = await fixedReport('cohort', query, 422, token);
        assert.deepEqual([r.body.error.code, r.body.error.field], ['validation_failed', field], JSON.stringify(query));
      }
    }
  });

  it('GET /api/v1/reports/cohort?format=pdf|csv|xlsx: the report as a file, for every role', async () => {
    const domains = await labelsOf('integration_domains');
    const name = (ext) => new RegExp(`^attachment; filename="komek-cohort-\\d{4}-\\d{2}-\\d{2}\\.${ext}"$`);
    const pdf = await reportFile('/api/v1/reports/cohort', { region: 'KZ-61' }, 'pdf', tokens.worker);
    assert.match(pdf.disposition, name('pdf'));
    if (pdf.text !== null)
      for (const text of ['Integration indicators of a cohort', 'How each domain moved', domains.work])
        assert.ok(pdf.text.includes(text), `the PDF prints "${text}"`);
    const csv = await reportFile('/api/v1/reports/cohort', { region: 'KZ-61' }, 'csv', tokens.lawyer);
    assert.match(csv.disposition, name('csv'));
    const lines = csv.text.split(/\r?\n/);
    assert.match(lines[0], /^Integration indicators of a cohort,/);
    assert.deepEqual(lines.slice(1, 3), ['How each domain moved', 'Domain,People,Mean at first (1–4),Mean at latest (1–4),Improved,Stayed,Declined']);
    assert.equal(lines[3], `${domains.work},5,2.20,2.40,1,1,1`);
    assert.ok(lines.includes(`${domains.housing},,,,,,`), 'a withheld domain: empty cells');
    assert.match((await reportFile('/api/v1/reports/cohort', {}, 'csv', tokens.analyst)).disposition, name('csv'));
  });

  it('GET /api/v1/reports/monthly|programme|cohort?format=xlsx: a workbook in every language (a title longer than a sheet name may be is cut)', async () => {
    const failed = [];
    for (const lang of ['kk', 'ru', 'en'])
      for (const [name, query] of [['monthly', {}], ['programme', { programme: ctx.programmes.kandas.id }], ['cohort', {}]]) {
        const url = `/api/v1/reports/${name}?${new URLSearchParams({ ...query, format: 'xlsx' })}`;
        const res = await fetch(server.url + url, { headers: { Authorization: `Bearer ${tokens.supervisor}`, 'Accept-Language': lang } });
        const bytes = Buffer.from(await res.arrayBuffer());
        checkAgainstDocument('GET', `/api/v1/reports/${name}`, res, bytes.toString('utf8'), `GET ${url}`);
        if (res.status !== 200 || bytes.subarray(0, 4).toString('latin1') !== 'PK\x03\x04') failed.push(`${lang} ${name}: ${res.status}`);
      }
    assert.deepEqual(failed, [], 'every fixed report as XLSX');
  });

  it('GET /api/v1/reports/cohort: a section with a withheld domain says so (withheld: true), as the other reports do', async () => {
    const s = (await fixedReport('cohort', { region: 'KZ-61' })).body.sections[0];
    assert.ok(s.rows.some((r) => r[1] === null), 'housing: three people, withheld');
    assert.equal(s.withheld, true, 'ReportDocument: "withheld: some figure of the table is withheld (null)"');
  });

  // ---- the dashboard: what the dashboard page shows each role. Other tests add records, so
  // these check which parts each role has and how they agree, not exact figures.

  const dashboard = (token, expect = 200) => call('GET', '/api/v1/dashboard', { token, expect, lang: 'en' });
  /* This month (YYYY-MM) as the server counts it: the month of a report's default `to` (today). */
  const serverMonth = async () => (await report({})).body.to.slice(0, 7);
  /* The twelve months YYYY-MM from eleven months before `last` to `last`, in order. */
  const twelveMonths = (last) => {
    const [y, m] = last.split('-').map(Number);
    return Array.from({ length: 12 }, (_, i) => {
      const k = y * 12 + (m - 1) - 11 + i;
      return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
    });
  };
  const DASHBOARD_ROLES = {
    admin: { role: 'admin', me: false, team: false, organisation: true, months: true, suppressed: true },
    supervisor: { role: 'supervisor', me: true, team: true, organisation: true, months: true, suppressed: false },
    worker: { role: 'social_worker', me: true, team: false, organisation: true, months: false },
    psychologist: { role: 'psychologist', me: true, team: false, organisation: true, months: false },
    lawyer: { role: 'lawyer', me: true, team: false, organisation: true, months: false },
    analyst: { role: 'analyst', me: false, team: false, organisation: false, months: true, suppressed: true },
  };

  it('GET /api/v1/dashboard: every role gets its parts, the others null; months are the last twelve; 401 without a token', async () => {
    const months = twelveMonths(await serverMonth());
    for (const [who, want] of Object.entries(DASHBOARD_ROLES)) {
      const b = (await dashboard(tokens[who])).body;
      assert.equal(b.role, want.role, who);
      for (const part of ['me', 'team', 'organisation', 'months'])
        assert.equal(b[part] !== null, want[part], `${who}: ${part} ${want[part] ? 'present' : 'null'}: ${JSON.stringify(b[part])}`);
      if (want.me) {
        assert.equal(b.me.login, who, `${who}: me is the user`);
        assert.equal(b.me.role, want.role, `${who}: me.role`);
      }
      if (want.months) {
        assert.deepEqual(b.months.map((m) => m.month), months, `${who}: from eleven months ago to this month, in order`);
        assert.equal(b.suppressed, want.suppressed, `${who}: suppressed`);
      } else {
        assert.ok(!Object.hasOwn(b, 'suppressed'), `${who}: no suppressed without months`);
      }
      if (want.organisation)
        assert.ok(b.organisation.closures_waiting <= b.organisation.open_cases, `${who}: closures waiting are open cases`);
    }
    const r = await dashboard(undefined, 401);
    assert.equal(r.body.error.code, 'unauthorized');
  });

  it('GET /api/v1/dashboard: the supervisor\'s team, by name; each member\'s own figures are their row in it', async () => {
    const sup = (await dashboard(tokens.supervisor)).body;
    const team = sup.team;
    const logins = team.map((w) => w.login);
    for (const who of ['supervisor', 'worker', 'psychologist', 'lawyer'])
      assert.ok(logins.includes(who), `the team has ${who}: ${logins}`);
    for (const who of ['admin', 'analyst', 'ngo-worker', 'ngo-supervisor'])
      assert.ok(!logins.includes(who), `the team has no ${who}: ${logins}`);
    assert.equal(new Set(logins).size, logins.length, 'one row per user');
    for (let i = 1; i < team.length; i++) {
      const [a, b] = [team[i - 1], team[i]];
      assert.ok(a.full_name < b.full_name || (a.full_name === b.full_name && a.login < b.login),
        `by full name, then login: ${a.full_name} (${a.login}) before ${b.full_name} (${b.login})`);
    }
    assert.deepEqual(sup.me, team.find((w) => w.login === 'supervisor'), 'the supervisor\'s me is their row');
    const own = {};
    for (const who of ['worker', 'psychologist', 'lawyer']) {
      own[who] = (await dashboard(tokens[who])).body;
      assert.deepEqual(own[who].me, team.find((w) => w.login === who), `${who}: me is their row in the supervisor's team`);
    }
    // The supervisor sees every person of the organisation and its every referral sent.
    const o = sup.organisation;
    assert.ok(o.open_cases >= own.worker.me.open_cases, 'the organisation\'s open cases include the worker\'s');
    for (const who of ['worker', 'psychologist', 'lawyer']) {
      const x = own[who].organisation;
      assert.ok(o.open_cases >= x.open_cases && o.closures_waiting >= x.closures_waiting && o.labour_alerts >= x.labour_alerts,
        `${who} sees no more than the supervisor: ${JSON.stringify(x)} vs ${JSON.stringify(o)}`);
      assert.ok(o.referrals_to_answer >= x.referrals_to_answer && o.referrals_waiting >= x.referrals_waiting,
        `${who}: referrals: ${JSON.stringify(x)} vs ${JSON.stringify(o)}`);
    }
  });

  it('GET /api/v1/dashboard: months are the reports by month; withheld for analysts and administrators (no figure 1 to 4)', async () => {
    const months = twelveMonths(await serverMonth());
    for (const who of ['supervisor', 'admin', 'analyst']) {
      const b = (await dashboard(tokens[who])).body;
      // The same figures as GET /api/v1/reports by month over the same months (0 for a month not listed).
      for (const measure of ['persons', 'services', 'cases']) {
        const rep = (await report({ measure, rows: 'month', from: `${months[0]}-01`, to: '' }, 200, tokens[who])).body;
        const byMonth = new Map(rep.row_values.map((v, i) => [v.code, rep.row_totals[i]]));
        assert.deepEqual(b.months.map((m) => m[measure]), months.map((m) => (byMonth.has(m) ? byMonth.get(m) : 0)),
          `${who}: ${measure} by month as the report counts them`);
      }
      if (who === 'supervisor') {
        assert.equal(b.suppressed, false);
        assert.ok(b.months.flatMap((m) => [m.persons, m.services, m.cases]).every((x) => x !== null), 'a supervisor sees every figure');
        continue;
      }
      assert.equal(b.suppressed, true, `${who}: suppressed`);
      const shown = b.months.flatMap((m) => [m.persons, m.services, m.cases]).filter((x) => x !== null);
      assert.deepEqual(shown.filter((x) => x >= 1 && x <= 4), [], `${who}: a small figure shown: ${JSON.stringify(b.months)}`);
    }
  });

  // ---- finding people across scripts and likely duplicates (issue 6): each test below makes
  // its own people (names no other test uses) and, where it needs pairs, runs the scan itself.

  /* Registers a person as new all the same (confirm_new), so that the demo or earlier tests
   * cannot make it a 409. */
  const registerNew = async (body, token = tokens.worker) => (await call('POST', '/api/v1/persons', {
    token, expect: 201, body: { sex: 'female', ...body, confirm_new: true },
  })).body;
  /* Two records registration does not take for one person (born in other years), made alike
   * afterwards (the second's birth date set to the first's): only the scan finds the pair. */
  const laterAlike = async (b, birth) => {
    const y = (await call('POST', '/api/v1/persons', {
      token: tokens.worker, expect: 201, body: { sex: 'female', ...b, birth_date: '1950' },
    })).body;
    return (await call('PATCH', '/api/v1/persons/{id}', {
      params: { id: y.id }, token: tokens.worker, expect: 200, body: { version: y.version, birth_date: birth },
    })).body;
  };
  const alikeLater = async (a, b, birth) => [await registerNew({ ...a, birth_date: birth }), await laterAlike(b, birth)];
  const pairsOf = async (query = {}, token = tokens.worker) =>
    (await call('GET', '/api/v1/duplicates', { query: { limit: 200, ...query }, token, expect: 200 })).body;
  /* The pair of records x and y in a status, as token lists it, or undefined. */
  const pairOf = async (x, y, status = 'open', token = tokens.worker) =>
    (await pairsOf({ status }, token)).items.find((d) =>
      d.first.id === Math.min(x.id, y.id) && d.second.id === Math.max(x.id, y.id));
  const scan = async (token = tokens.supervisor) =>
    (await call('POST', '/api/v1/duplicates/scan', { token, expect: 200 })).body;
  const search = async (q, token = tokens.worker, query = {}) =>
    (await call('GET', '/api/v1/persons', { query: { q, limit: 200, ...query }, token, expect: 200 })).body;
  /* Waits for the batching writer of views (at most 100 ms), as the audit tests above do. */
  const settle = () => new Promise((res) => setTimeout(res, 300));
  const viewsAfter = async (ids, action) => {
    await settle();
    const before = ids.map((id) => auditCount('person.view', id));
    await action();
    for (let i = 0; i < 30 && ids.some((id, k) => auditCount('person.view', id) === before[k]); i++)
      await new Promise((res) => setTimeout(res, 100));
    await settle();
    return ids.map((id, k) => auditCount('person.view', id) - before[k]);
  };

  it('GET /api/v1/persons?q=: names in any script, a birth date, a year and a document, ranked by score with reasons', async () => {
    const t1 = await registerNew({ family_name: 'Тілеубердиева', given_name: 'Әсем', birth_date: '1991-06-12',
      documents: [{ type: 'passport', number: 'N 7345123' }] });
    const t2 = await registerNew({ family_name: 'Tileuberdiyeva', given_name: 'Asem', birth_date: '1991-12-06' });
    const t3 = await registerNew({ family_name: 'Тілеубердиева', given_name: 'Айгерім', birth_date: '1970' });
    const byId = (b, p) => b.items.find((i) => i.id === p.id);
    const ranked = (b) => {
      assert.ok(b.items.every((i) => Number.isInteger(i.score) && Array.isArray(i.reasons)), 'every item of a search has score and reasons');
      for (let k = 1; k < b.items.length; k++) {
        const [x, y] = [b.items[k - 1], b.items[k]];
        const order = x.score !== y.score ? x.score > y.score
          : x.family_name !== y.family_name ? x.family_name < y.family_name
            : x.given_name !== y.given_name ? x.given_name < y.given_name : x.id < y.id;
        assert.ok(order, `by score, then family name, given name and id: ${JSON.stringify([x, y])}`);
      }
      assert.equal(b.total, b.items.length, 'one page holds them all');
      return b;
    };

    // A family name in Cyrillic finds it in Latin too, every one with a name reason.
    const fam = ranked(await search('Тілеубердиева'));
    for (const p of [t1, t2, t3]) {
      const i = byId(fam, p);
      assert.ok(i, `${p.family_name} ${p.given_name} is found`);
      assert.ok(i.reasons.includes('same_name') || i.reasons.includes('similar_name'), JSON.stringify(i));
    }
    // The summary of a search is the list's, plus score and reasons.
    const { score: _s, reasons: _r, ...plain } = byId(fam, t1);
    const listed = (await call('GET', '/api/v1/persons', { query: { limit: 1 }, token: tokens.worker, expect: 200 })).body;
    assert.deepEqual(Object.keys(plain).sort(), Object.keys(listed.items[0]).sort());
    for (const k of Object.keys(plain)) assert.deepEqual(plain[k], t1[k], `search item member ${k}`);

    // Names in Latin and a date: the same date first, day and month swapped next.
    const dated = ranked(await search('Tileuberdieva Asem 12.06.1991'));
    assert.equal(dated.items[0].id, t1.id, JSON.stringify(dated.items.slice(0, 3)));
    assert.ok(byId(dated, t1).reasons.includes('same_birth_date'));
    assert.ok(byId(dated, t2).reasons.includes('birth_day_month_swapped'));
    assert.ok(byId(dated, t1).score > byId(dated, t2).score);
    // A name and a year: the one born that year first; another year counts against.
    const year = ranked(await search('Тілеубердиева 1970'));
    assert.equal(year.items[0].id, t3.id);
    assert.ok(byId(year, t3).reasons.includes('same_birth_year'));
    assert.ok(byId(year, t1).reasons.includes('other_birth_year'));
    // A birth date alone (ISO or DD.MM.YYYY) finds the people born that day.
    for (const q of ['1991-06-12', '12.06.1991']) {
      const d = ranked(await search(q));
      assert.deepEqual([byId(d, t1)?.score, byId(d, t1)?.reasons], [90, ['same_birth_date']], q);
    }
    // A document number, with its series apart or not.
    for (const q of ['N 7345123', 'n7345123']) {
      const d = ranked(await search(q));
      assert.equal(d.items[0].id, t1.id, q);
      assert.equal(d.items[0].score, 100);
      assert.ok(d.items[0].reasons.includes('same_document'));
    }
    // A year alone finds nobody; filters still apply to a search.
    assert.deepEqual((await search('1991')).items, []);
    assert.ok(!byId(await search('Тілеубердиева', tokens.worker, { sex: 'male' }), t1));
    // Not a search: no score.
    const all = await call('GET', '/api/v1/persons', { query: { limit: 5 }, token: tokens.worker, expect: 200 });
    assert.ok(all.body.items.every((i) => !('score' in i) && !('reasons' in i)), 'a list without q has no score');
    const empty = await call('GET', '/api/v1/persons', { query: { q: '', limit: 5 }, token: tokens.worker, expect: 200 });
    assert.ok(empty.body.items.every((i) => !('score' in i)), 'an empty q is no search');
    // At most 200 characters (not bytes).
    await call('GET', '/api/v1/persons', { query: { q: 'ә'.repeat(200) }, token: tokens.worker, expect: 200 });
    const long = await call('GET', '/api/v1/persons', { query: { q: 'ә'.repeat(201) }, token: tokens.worker, expect: 422 });
    assert.equal(long.body.error.field, 'q');
    // Another organisation finds none of them.
    assert.ok(!byId(await search('Тілеубердиева', tokens.ngo), t1));
  });

  it('POST /api/v1/persons: 409 possible_duplicates lists the likely matches; confirm_new registers all the same and records the pair; 422 on confirm_new', async () => {
    const k1 = await registerNew({ family_name: 'Құрманғазиева', given_name: 'Балжан', birth_date: '1987-03-09',
      documents: [{ type: 'passport', number: 'N 5512034' }] });
    const k2 = { family_name: 'Kurmangazieva', given_name: 'Balzhan', sex: 'female', birth_date: '1987-03-09' };
    const post = (body, expect, checkRequest = true) =>
      call('POST', '/api/v1/persons', { token: tokens.worker, body, expect, checkRequest });
    const count = async () => (await search('Kurmangazieva')).total;
    const before = await count();

    for (const body of [k2, { ...k2, confirm_new: false }]) {
      const r = await post(body, 409);
      assert.deepEqual([r.body.error.code, r.body.error.field], ['possible_duplicates', 'confirm_new']);
      assert.ok(r.body.error.message.length > 0);
      const m = r.body.matches.find((x) => x.id === k1.id);
      assert.ok(m, `the record registered first is a likely match: ${JSON.stringify(r.body.matches)}`);
      assert.ok(m.reasons.includes('same_birth_date') && m.score >= 90, JSON.stringify(m));
      const order = r.body.matches.map((x) => x.score);
      assert.deepEqual(order, [...order].sort((a, b) => b - a), 'best first');
    }
    // The same document is enough, whatever the name.
    const doc = await post({ family_name: 'Ахметов', given_name: 'Руслан', sex: 'male', documents: [{ type: 'passport', number: 'n5512034' }] }, 409);
    assert.deepEqual(doc.body.matches.filter((x) => x.id === k1.id).map((x) => [x.score, x.reasons.includes('same_document')]), [[100, true]]);
    assert.equal(await count(), before, 'a 409 saves nothing');
    // The record is checked first: 422 before 409; confirm_new must be a boolean.
    const bad = await post({ ...k2, given_name: ' ' }, 422, false);
    assert.equal(bad.body.error.field, 'given_name');
    for (const confirm of ['yes', 1, null]) {
      const r = await post({ ...k2, confirm_new: confirm }, 422, false);
      assert.equal(r.body.error.field, 'confirm_new', JSON.stringify(confirm));
    }
    assert.equal(await count(), before, 'a 422 saves nothing');
    // An analyst may not register anyone, confirmed or not.
    await call('POST', '/api/v1/persons', { token: tokens.analyst, body: { ...k2, confirm_new: true }, expect: 403 });

    // Confirmed: registered; the worker's judgment is a decided pair of the queue.
    const t0 = Math.floor(Date.now() / 1000);
    const created = (await post({ ...k2, confirm_new: true }, 201)).body;
    assert.equal(await count(), before + 1);
    const pair = await pairOf(k1, created, 'distinct');
    assert.ok(pair, 'the pair shown is recorded as distinct');
    assert.deepEqual([pair.found_by, pair.decided_by], ['registration', 'worker']);
    assert.ok(pair.decided_at >= t0 - 60 && pair.found_at >= t0 - 60, JSON.stringify(pair));
    assert.ok(pair.reasons.includes('same_birth_date'));
    assert.equal(await pairOf(k1, created, 'open'), undefined, 'not in the review queue');
    if (haveSqlite())
      assert.equal(auditRows('person.create', 'person', created.id, 'api,confirmed_new'), 1, 'audited as registered despite a likely match');
  });

  it('POST /api/v1/duplicates/scan and GET /api/v1/duplicates: the review queue, a pair read whole (audited) and dismissed; 403, 404, 409, 422', async () => {
    const [d1, d2] = await alikeLater({ family_name: 'Бекмұхамбетова', given_name: 'Індира' },
      { family_name: 'Bekmukhambetova', given_name: 'Indira' }, '1985-02-03');
    // A restricted person (the worker who registered her is assigned to her) and her alike.
    const [r1, r2] = await alikeLater({ family_name: 'Оспанова', given_name: 'Меруерт', categories: ['trafficking_victim'] },
      { family_name: 'Ospanova', given_name: 'Meruert' }, '1993-11-21');
    assert.equal(r1.restricted, true);
    assert.equal(await pairOf(d1, d2), undefined, 'registration did not see the pair');

    // Only supervisors and administrators scan.
    for (const who of ['worker', 'psychologist', 'lawyer', 'analyst'])
      await call('POST', '/api/v1/duplicates/scan', { token: tokens[who], expect: 403 });
    const scans = haveSqlite() ? auditRows('duplicate.scan', 'org', 1) : 0;
    const s1 = await scan(tokens.supervisor);
    assert.ok(s1.found >= 2 && s1.compared >= s1.found, JSON.stringify(s1));
    const s2 = await scan(tokens.admin);
    assert.deepEqual([s2.found, s2.compared], [0, s1.compared], 'a second scan finds nothing new');
    if (haveSqlite()) assert.equal(auditRows('duplicate.scan', 'org', 1), scans + 2, 'each scan is audited');

    // The queue: open pairs, best score first then by id; the records as lists show them.
    const open = await pairsOf();
    assert.equal(open.limit, 200);
    const order = open.items.map((d) => [d.score, d.id]);
    assert.deepEqual(order, [...order].sort((a, b) => b[0] - a[0] || a[1] - b[1]), 'by score, then id');
    assert.ok(open.items.every((d) => d.status === 'open' && d.first.id < d.second.id));
    const p1 = await pairOf(d1, d2);
    assert.ok(p1, 'the scan put the pair in the queue');
    assert.deepEqual([p1.found_by, p1.decided_by, p1.decided_at], ['scan', null, null]);
    assert.ok(p1.reasons.includes('same_birth_date'), JSON.stringify(p1));
    assert.equal(p1.first.family_name, d1.id < d2.id ? d1.family_name : d2.family_name);
    const page = await pairsOf({ limit: 1, offset: 1 });
    assert.deepEqual([page.items.map((d) => d.id), page.total, page.offset], [open.items.slice(1, 2).map((d) => d.id), open.total, 1]);
    await pairsOf({ status: 'distinct' });
    await pairsOf({ status: 'linked' });
    for (const [query, field] of [[{ status: 'closed' }, 'status'], [{ status: '' }, 'status'], [{ limit: 0 }, 'limit'],
      [{ limit: 201 }, 'limit'], [{ offset: -1 }, 'offset'], [{ limit: 'ten' }, 'limit']]) {
      const r = await call('GET', '/api/v1/duplicates', { query, token: tokens.worker, expect: 422 });
      assert.equal(r.body.error.field, field, JSON.stringify(query));
    }
    await call('GET', '/api/v1/duplicates', { token: tokens.analyst, expect: 403 });

    // A pair is seen only by whoever sees both records.
    const pr = await pairOf(r1, r2);
    assert.ok(pr, 'the worker assigned to the restricted person sees her pair');
    assert.ok(await pairOf(r1, r2, 'open', tokens.supervisor), 'a supervisor sees it');
    assert.equal(await pairOf(r1, r2, 'open', tokens.lawyer), undefined, 'the lawyer does not');
    assert.ok(await pairOf(d1, d2, 'open', tokens.lawyer), 'but sees the other pair');
    assert.equal((await pairsOf({}, tokens.ngo)).items.some((d) => d.id === p1.id), false, 'nor another organisation');
    await call('GET', '/api/v1/duplicates/{id}', { params: { id: pr.id }, token: tokens.lawyer, expect: 404 });
    await call('POST', '/api/v1/duplicates/{id}/dismiss', { params: { id: pr.id }, token: tokens.lawyer, expect: 404 });

    // Read whole: each record as GET /api/v1/persons/{id} gives it, and a view of each.
    let got;
    const views = await viewsAfter([d1.id, d2.id], async () => {
      got = (await call('GET', '/api/v1/duplicates/{id}', { params: { id: p1.id }, token: tokens.worker, expect: 200 })).body;
    });
    if (haveSqlite()) assert.deepEqual(views, [1, 1], 'a GET of a pair writes a person.view row under each record');
    const { first, second, ...rest } = got;
    const { first: _f, second: _s, ...listedRest } = p1;
    assert.deepEqual(rest, listedRest);
    for (const [whole, p] of [[first, p1.first], [second, p1.second]]) {
      const g = await call('GET', '/api/v1/persons/{id}', { params: { id: p.id }, token: tokens.worker, expect: 200 });
      assert.deepEqual(whole, g.body);
    }
    for (const [token, id] of [[tokens.worker, 987654321], [tokens.ngo, p1.id], [tokens.analyst, p1.id]])
      await call('GET', '/api/v1/duplicates/{id}', { params: { id }, token, expect: 404 });

    // Dismissed: distinct, with who and when; only once.
    for (const [token, id] of [[tokens.worker, 987654321], [tokens.ngo, p1.id], [tokens.analyst, p1.id]])
      await call('POST', '/api/v1/duplicates/{id}/dismiss', { params: { id }, token, expect: 404 });
    const t0 = Math.floor(Date.now() / 1000);
    const dis = (await call('POST', '/api/v1/duplicates/{id}/dismiss', { params: { id: p1.id }, token: tokens.psychologist, expect: 200 })).body;
    assert.deepEqual([dis.id, dis.status, dis.decided_by, dis.found_by], [p1.id, 'distinct', 'psychologist', 'scan']);
    assert.ok(dis.decided_at >= t0 - 60);
    const again = await call('POST', '/api/v1/duplicates/{id}/dismiss', { params: { id: p1.id }, token: tokens.worker, expect: 409 });
    assert.deepEqual([again.body.error.code, again.body.error.field], ['conflict', 'status']);
    assert.equal(await pairOf(d1, d2), undefined, 'out of the queue');
    assert.equal((await pairOf(d1, d2, 'distinct')).id, p1.id);
    if (haveSqlite()) assert.equal(auditRows('duplicate.dismiss', 'duplicate_pair', p1.id), 1, 'audited');
    const still = await call('GET', '/api/v1/persons/{id}', { params: { id: d2.id }, token: tokens.worker, expect: 200 });
    assert.equal(still.body.version, d2.version, 'the records are not touched');
  });

  it('POST /api/v1/duplicates/{id}/link and DELETE /api/v1/persons/{id}/links/{link_id}: one person, then two again; 400, 404, 409, 415, 422', async () => {
    const [s1, s2] = await alikeLater({ family_name: 'Тоқтарова', given_name: 'Динара', categories: ['kandas'] },
      { family_name: 'Toktarova', given_name: 'Dinara', categories: ['labour_migrant'] }, '1979-08-30');
    const k = (await call('POST', '/api/v1/cases', {
      token: tokens.worker, expect: 201, body: { person_id: s2.id, opening_reason: 'Registered twice: the case of the second record.' },
    })).body;
    // Three records of one person: a record others are linked to is not merged.
    const a = await registerNew({ family_name: 'Байжұманова', given_name: 'Ақерке', birth_date: '1996-04-17' });
    const b = await laterAlike({ family_name: 'Baizhumanova', given_name: 'Akerke' }, '1996-04-17');
    const c = await laterAlike({ family_name: 'Bayzhumanova', given_name: 'Akerke' }, '1996-04-17');
    await scan();
    const pair = await pairOf(s1, s2);
    assert.ok(pair, 'the scan found the pair');
    const ab = await pairOf(a, b);
    const bc = await pairOf(b, c);
    assert.ok(ab && bc, `the scan found a-b and b-c: ${JSON.stringify((await pairsOf()).items.map((d) => [d.first.id, d.second.id]))}`);

    const link = (id, body, expect, token = tokens.worker, checkRequest = true) =>
      call('POST', '/api/v1/duplicates/{id}/link', { params: { id }, token, body, expect, checkRequest });
    const linksOf = async (p, token = tokens.worker) =>
      (await call('GET', '/api/v1/persons/{id}/links', { params: { id: p.id }, token, expect: 200 })).body.items;
    // Refused before anything moves.
    await call('POST', '/api/v1/duplicates/{id}/link', { params: { id: pair.id }, token: tokens.worker, raw: '{"keep": 1}', contentType: 'text/plain', expect: 415 });
    await call('POST', '/api/v1/duplicates/{id}/link', { params: { id: pair.id }, token: tokens.worker, raw: '[1]', contentType: 'application/json', expect: 400 });
    await call('POST', '/api/v1/duplicates/{id}/link', { params: { id: pair.id }, token: tokens.worker, raw: '{"keep": 1, "keep": 2}', contentType: 'application/json', expect: 400 });
    for (const body of [{}, { keep: String(s1.id) }, { keep: 987654321 }, { keep: null }, { keep: a.id }]) {
      const r = await link(pair.id, body, 422, tokens.worker, false);
      assert.deepEqual([r.body.error.code, r.body.error.field], ['validation_failed', 'keep'], JSON.stringify(body));
    }
    await link(987654321, { keep: s1.id }, 404);
    await link(pair.id, { keep: s1.id }, 404, tokens.ngo);
    await link(pair.id, { keep: s1.id }, 404, tokens.analyst);
    assert.deepEqual(await linksOf(s1), [], 'nothing linked yet');

    // Linked: the survivor takes the case and the categories; the merged record leaves lists.
    const made = (await link(pair.id, { keep: s1.id }, 200)).body;
    assert.deepEqual([made.survivor_id, made.merged_id], [s1.id, s2.id]);
    const moved = (await call('GET', '/api/v1/cases/{id}', { params: { id: k.id }, token: tokens.worker, expect: 200 })).body;
    assert.equal(moved.person_id, s1.id, 'the case follows the survivor');
    const sv = (await call('GET', '/api/v1/persons/{id}', { params: { id: s1.id }, token: tokens.worker, expect: 200 })).body;
    assert.deepEqual(sv.categories, ['kandas', 'labour_migrant'], 'the categories of both');
    const found = await search('Toktarova Dinara');
    assert.ok(found.items.some((i) => i.id === s1.id) && !found.items.some((i) => i.id === s2.id), 'found as one person');
    if (haveSqlite()) assert.equal(auditRows('person.link', 'person', s1.id, `api,merged=${s2.id}`), 1, 'audited under the survivor');
    // Each record shows the link, with the other one.
    const [l1] = await linksOf(s1);
    assert.deepEqual([l1.id, l1.survivor_id, l1.merged_id, l1.linked_by, l1.other.id], [made.link_id, s1.id, s2.id, 'worker', s2.id]);
    assert.deepEqual((await linksOf(s2)).map((l) => [l.id, l.other.id]), [[made.link_id, s1.id]]);
    for (const [token, id] of [[tokens.worker, 987654321], [tokens.ngo, s1.id], [tokens.analyst, s1.id]])
      await call('GET', '/api/v1/persons/{id}/links', { params: { id }, token, expect: 404 });

    // A record others are linked to stays the one they are linked to.
    assert.deepEqual((await link(ab.id, { keep: b.id }, 200)).body.merged_id, a.id);
    const conflict = await link(bc.id, { keep: c.id }, 409);
    assert.deepEqual([conflict.body.error.code, conflict.body.error.field], ['conflict', null]);
    assert.deepEqual((await linksOf(b)).map((l) => l.merged_id), [a.id], 'a 409 links nothing');
    assert.equal((await link(bc.id, { keep: b.id }, 200)).body.merged_id, c.id);
    assert.deepEqual((await linksOf(b)).map((l) => l.merged_id), [a.id, c.id], 'oldest first');

    // Undone, through the survivor only: the state before comes back.
    const unlink = (id, linkId, token, expect) =>
      call('DELETE', '/api/v1/persons/{id}/links/{link_id}', { params: { id, link_id: linkId }, token, expect });
    await unlink(s2.id, made.link_id, tokens.worker, 404);
    await unlink(s1.id, 987654321, tokens.worker, 404);
    await unlink(b.id, made.link_id, tokens.worker, 404);
    await unlink(s1.id, made.link_id, tokens.ngo, 404);
    await unlink(s1.id, made.link_id, tokens.analyst, 404);
    const res = await unlink(s1.id, made.link_id, tokens.worker, 204);
    assert.equal(res.body, undefined);
    await unlink(s1.id, made.link_id, tokens.worker, 404);
    assert.deepEqual(await linksOf(s1), []);
    assert.deepEqual(await linksOf(s2), []);
    const back = (await call('GET', '/api/v1/cases/{id}', { params: { id: k.id }, token: tokens.worker, expect: 200 })).body;
    assert.equal(back.person_id, s2.id, 'the case goes back');
    const sv2 = (await call('GET', '/api/v1/persons/{id}', { params: { id: s1.id }, token: tokens.worker, expect: 200 })).body;
    assert.deepEqual(sv2.categories, ['kandas'], 'the categories the link added go');
    assert.ok((await search('Toktarova Dinara')).items.some((i) => i.id === s2.id), 'two people again');
    const judged = await pairOf(s1, s2, 'distinct');
    assert.ok(judged && judged.id === pair.id, 'the pair is judged two people');
    if (haveSqlite()) assert.equal(auditRows('person.unlink', 'person', s1.id, `api,link=${made.link_id}`), 1, 'audited under the survivor');
  });

  // ---- importing people from a file (issue 6): upload, map and check, import, discard. A
  // server process runs one check or import at a time (503 otherwise): each test below waits
  // for the ones it starts. Their people have names no other test uses.

  /* Uploads raw (a string or a Buffer) as a file. */
  const upload = (raw, query = { filename: 'people.csv' }, { token = tokens.worker, expect = 201, contentType = 'text/csv' } = {}) =>
    call('POST', '/api/v1/imports', { token, query, raw, contentType, expect });
  const readImport = async (id, token = tokens.worker) =>
    (await call('GET', '/api/v1/imports/{id}', { params: { id }, token, expect: 200 })).body;
  /* Polls the import until no check or import of it runs (10 s at most). */
  const settled = async (id, token = tokens.worker) => {
    for (let i = 0; i < 200; i++) {
      const x = await readImport(id, token);
      if (x.status !== 'checking' && x.status !== 'running') return x;
      await new Promise((res) => setTimeout(res, 50));
    }
    assert.fail(`import ${id} still runs after 10 s`);
  };
  const issuesOf = async (id, query = {}, token = tokens.worker) =>
    (await call('GET', '/api/v1/imports/{id}/issues', { params: { id }, query, token, expect: 200 })).body.items;
  const importAction = (action, id, body, expect, { token = tokens.worker, checkRequest = true } = {}) =>
    call('POST', `/api/v1/imports/{id}/${action}`, { params: { id }, token, body, expect, checkRequest });
  const csvOf = (rows) => `${rows.join('\r\n')}\r\n`;

  it('POST /api/v1/imports, check, issues, run: a CSV file registers its valid rows; the findings name row, column and field', async () => {
    const header = ['family_name', 'given_name', 'sex', 'birth_date', 'region', 'categories'];
    const csv = csvOf([
      header.join(','),
      'Сарыарқаева,Мөлдір,female,1996-03-08,KZ-75,labour_migrant',
      'Тоғызбаев,Әділет,male,15.10.1988,KZ-75,labour_migrant', // a date as a spreadsheet writes it
      'Қаражігітова,Ботагөз,robot,1991-01-01,KZ-75,', // no such sex: left out
      'Сарыарқаева,Мөлдір,female,1996-03-08,KZ-75,labour_migrant', // row 2 again
    ]);
    const t0 = Math.floor(Date.now() / 1000);
    const up = await upload(csv);
    const x = up.body;
    assert.equal(up.headers.get('location'), `/api/v1/imports/${x.id}`);
    assert.deepEqual([x.filename, x.format, x.encoding, x.status, x.version, x.bytes],
      ['people.csv', 'csv', 'auto', 'uploaded', 1, Buffer.byteLength(csv)]);
    assert.deepEqual(x.columns, header);
    assert.deepEqual(x.mapping, header, 'the headers name the targets: the mapping is guessed');
    assert.deepEqual([x.rows_total, x.rows_invalid, x.rows_duplicate, x.persons_created], [0, 0, 0, 0]);
    assert.deepEqual([x.duplicates, x.checked_at, x.finished_at, x.error, x.progress], [null, null, null, null, null]);
    assert.ok(x.created_at >= t0 - 60 && x.created_by.length > 0, JSON.stringify(x));
    if (haveSqlite()) assert.equal(auditRows('import.upload', 'import', x.id), 1, 'the upload is audited');
    const list = (await call('GET', '/api/v1/imports', { token: tokens.worker, expect: 200 })).body.items;
    assert.deepEqual(list[0], x, 'listed, newest first');

    // Check with the mapping read; the answer comes at once, the check runs on.
    const got = await readImport(x.id);
    const started = (await importAction('check', x.id, { version: got.version, mapping: got.mapping }, 202)).body;
    assert.ok(['checking', 'checked'].includes(started.status) && started.version > got.version, JSON.stringify(started));
    const checked = await settled(x.id);
    assert.equal(checked.status, 'checked', JSON.stringify(checked));
    assert.deepEqual([checked.rows_total, checked.rows_invalid, checked.rows_duplicate, checked.persons_created], [4, 1, 1, 0]);
    assert.ok(checked.checked_at >= t0 - 60 && checked.finished_at === null && checked.error === null && checked.progress === null,
      JSON.stringify(checked));
    assert.equal((await search('Сарыарқаева')).total, 0, 'a check registers nobody');

    // What it found: row 4's sex (column 2), row 5 the same person as row 2.
    const issues = await issuesOf(x.id);
    assert.deepEqual(issues.map((i) => [i.row, i.column, i.column_name, i.field, i.person, i.score, i.other_row]), [
      [4, 2, 'sex', 'sex', null, null, null],
      [5, null, null, 'duplicate', null, null, 2],
    ]);
    assert.ok(issues.every((i) => i.message.length > 0));
    assert.deepEqual((await issuesOf(x.id, { from: 5 })).map((i) => i.row), [5], 'from: the first row wanted');
    assert.deepEqual((await issuesOf(x.id, { limit: 1 })).map((i) => i.row), [4]);
    for (const [query, field] of [[{ limit: 0 }, 'limit'], [{ limit: 1001 }, 'limit'], [{ from: -1 }, 'from'], [{ limit: 'all' }, 'limit']]) {
      const r = await call('GET', '/api/v1/imports/{id}/issues', { params: { id: x.id }, query, token: tokens.worker, expect: 422 });
      assert.equal(r.body.error.field, field, JSON.stringify(query));
    }

    // The version read moves on with every change of status: the one of the upload is stale.
    for (const [action, body] of [['check', { version: 1, mapping: got.mapping }], ['run', { version: 1, duplicates: 'skip' }], ['discard', { version: 1 }]]) {
      const r = await importAction(action, x.id, body, 409);
      assert.equal(r.body.error.field, 'version', action);
    }

    // Import, leaving the likely duplicate out.
    const running = (await importAction('run', x.id, { version: checked.version, duplicates: 'skip' }, 202)).body;
    assert.ok(['running', 'done'].includes(running.status) && running.duplicates === 'skip', JSON.stringify(running));
    const done = await settled(x.id);
    assert.equal(done.status, 'done', JSON.stringify(done));
    assert.deepEqual([done.rows_total, done.rows_invalid, done.rows_duplicate, done.persons_created], [4, 1, 1, 2]);
    assert.ok(done.finished_at >= done.checked_at && done.error === null, JSON.stringify(done));
    if (haveSqlite()) assert.equal(auditRows('import.done', 'import', x.id), 1, 'the import is audited');
    // (Reading row 5's finding after the import shows the known bug below: it names row 2's person.)
    assert.deepEqual((await issuesOf(x.id, { limit: 1 })).map((i) => [i.row, i.field]), [[4, 'sex']], 'the import found what the check found');

    // The people are registered, their values read as the registration form reads them.
    const s = (await search('Сарыарқаева Мөлдір')).items;
    assert.equal(s.length, 1, `row 2 once, row 5 left out: ${JSON.stringify(s)}`);
    assert.deepEqual([s[0].sex, s[0].birth_date, s[0].region, s[0].categories], ['female', '1996-03-08', 'KZ-75', ['labour_migrant']]);
    const t = (await search('Тоғызбаев Әділет')).items;
    assert.deepEqual(t.map((p) => [p.sex, p.birth_date]), [['male', '1988-10-15']], 'DD.MM.YYYY is a date');
    assert.equal((await search('Қаражігітова')).total, 0, 'the invalid row is left out');
    assert.equal((await search('Сарыарқаева', tokens.ngo)).total, 0, 'another organisation does not see them');

    // done is final.
    await importAction('check', x.id, { version: done.version, mapping: got.mapping }, 409);
    await importAction('run', x.id, { version: done.version, duplicates: 'register' }, 409);
    await importAction('discard', x.id, { version: done.version }, 409);
  });

  it('POST /api/v1/imports: 422 naming filename, encoding or file; an XLSX export reads back with its columns mapped; discard', async () => {
    const csv = csvOf(['family_name,given_name', 'Жолдасбекова,Ару']);
    for (const [query, field] of [[{}, 'filename'], [{ filename: '' }, 'filename'], [{ filename: 'dir/people.csv' }, 'filename'],
      [{ filename: 'C:\\people.csv' }, 'filename'], [{ filename: 'x'.repeat(256) }, 'filename'],
      [{ filename: 'people.csv', encoding: 'latin1' }, 'encoding'], [{ filename: 'people.csv', encoding: '' }, 'encoding']]) {
      const r = await upload(csv, query, { expect: 422 });
      assert.equal(r.body.error.field, field, JSON.stringify(query));
    }
    assert.equal((await upload('', { filename: 'people.csv' }, { expect: 422 })).body.error.field, 'file', 'an empty body');
    // Every encoding is taken; a CSV in Windows-1251 reads as Cyrillic.
    for (const encoding of ['auto', 'utf8', 'cp1251', 'kz1048'])
      assert.equal((await upload(csv, { filename: 'people.csv', encoding })).body.encoding, encoding);
    // (Russian letters only: Windows-1251 has А..я at 0xC0..0xFF.)
    const cp1251 = (text) => Buffer.from([...text].map((ch) => (ch.charCodeAt(0) >= 0x410 ? ch.charCodeAt(0) - 0x410 + 0xc0 : ch.charCodeAt(0))));
    const cp = (await upload(cp1251('Фамилия;Имя\r\nСидорова;Анна\r\n'), { filename: 'cp.csv' }, { contentType: 'application/octet-stream' })).body;
    assert.deepEqual([cp.format, cp.columns, cp.mapping], ['csv', ['Фамилия', 'Имя'], ['family_name', 'given_name']],
      'not UTF-8: read as Windows-1251; a ; separates; Russian labels map');
    // Only people-workers import: an analyst gets 403 on the list and the upload.
    await call('GET', '/api/v1/imports', { token: tokens.analyst, expect: 403 });
    await upload(csv, { filename: 'people.csv' }, { token: tokens.analyst, expect: 403 });

    // An export of Komek as XLSX: its headers (labels in the user's language) map by themselves.
    const x = await fetch(`${server.url}/api/v1/persons/export?format=xlsx`, { headers: { Authorization: `Bearer ${tokens.worker}` } });
    assert.equal(x.status, 200);
    const xlsx = Buffer.from(await x.arrayBuffer());
    const xi = (await upload(xlsx, { filename: 'export.xlsx' },
      { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })).body;
    assert.equal(xi.format, 'xlsx');
    assert.equal(xi.columns.length, xi.mapping.length);
    for (const target of ['family_name', 'given_name', 'birth_date', 'region', 'categories', 'documents'])
      assert.ok(xi.mapping.includes(target), `the export's column for ${target} is recognised: ${JSON.stringify([xi.columns, xi.mapping])}`);
    // A ZIP body is XLSX whatever its name and type.
    assert.equal((await upload(xlsx, { filename: 'export' }, { contentType: 'application/octet-stream' })).body.format, 'xlsx');

    // Discard: from uploaded; the import leaves the list and keeps its record.
    const d = (await importAction('discard', xi.id, { version: xi.version }, 200)).body;
    assert.deepEqual([d.status, d.version], ['discarded', xi.version + 1]);
    assert.deepEqual(await readImport(xi.id), d);
    assert.ok(!(await call('GET', '/api/v1/imports', { token: tokens.worker, expect: 200 })).body.items.some((i) => i.id === xi.id));
    assert.deepEqual(await issuesOf(xi.id), []);
    await importAction('discard', xi.id, { version: d.version }, 409);
    await importAction('check', xi.id, { version: d.version, mapping: xi.mapping }, 409);
    if (haveSqlite()) assert.equal(auditRows('import.discarded', 'import', xi.id), 1, 'the discard is audited');
  });

  it('POST /api/v1/imports/{id}/check and run: 422 naming the mapping, its entry or the member; 400, 415', async () => {
    const x = (await upload(csvOf(['Фамилия,Имя,Пол,Заметка', 'Жолдасбекова,Ару,female,x']))).body;
    assert.deepEqual(x.mapping, ['family_name', 'given_name', 'sex', null], 'Russian labels are recognised, an unknown header is left out');
    const v = x.version;
    for (const [body, field] of [
      [{ version: v, mapping: ['family_name', 'given_name', 'sex'] }, 'mapping'], // one entry short
      [{ version: v, mapping: ['family_name', 'given_name', 'sex', null, null] }, 'mapping'],
      [{ version: v, mapping: 'family_name' }, 'mapping'],
      [{ version: v }, 'mapping'],
      [{ version: v, mapping: ['family_name', 'given_name', 'gender', null] }, 'mapping[2]'],
      [{ version: v, mapping: ['family_name', 7, 'sex', null] }, 'mapping[1]'],
      [{ version: v, mapping: ['sex', null, null, null] }, 'mapping'], // no name mapped
      [{ version: v, mapping: ['family_name', 'family_name', null, null] }, 'mapping'], // a target twice
      [{ version: v, mapping: ['family_name', 'documents', 'document_number', null] }, 'mapping'], // both document forms
      [{ mapping: x.mapping }, 'version'],
      [{ version: 0, mapping: x.mapping }, 'version'],
      [{ version: String(v), mapping: x.mapping }, 'version'],
      [{ version: v, mapping: x.mapping, duplicates: 'skip' }, 'duplicates'], // not a member of check
    ]) {
      const r = await importAction('check', x.id, body, 422, { checkRequest: false });
      assert.equal(r.body.error.field, field, JSON.stringify(body));
    }
    assert.deepEqual(await readImport(x.id), x, 'a 422 changes nothing');
    await call('POST', '/api/v1/imports/{id}/check', { params: { id: x.id }, token: tokens.worker, raw: '{"version": 1, ', contentType: 'application/json', expect: 400 });
    await call('POST', '/api/v1/imports/{id}/check', { params: { id: x.id }, token: tokens.worker, raw: JSON.stringify({ version: v, mapping: x.mapping }), contentType: 'text/plain', expect: 415 });
    await call('POST', '/api/v1/imports/{id}/run', { params: { id: x.id }, token: tokens.worker, raw: '[1]', contentType: 'application/json', expect: 400 });
    await call('POST', '/api/v1/imports/{id}/discard', { params: { id: x.id }, token: tokens.worker, raw: 'version=1', contentType: 'application/x-www-form-urlencoded', expect: 415 });
    // run: duplicates is skip or register; version a positive integer; no other member.
    for (const [body, field] of [[{ version: v }, 'duplicates'], [{ version: v, duplicates: 'merge' }, 'duplicates'],
      [{ version: v, duplicates: null }, 'duplicates'], [{ version: 0, duplicates: 'skip' }, 'version'], [{ duplicates: 'skip' }, 'version'],
      [{ version: v, duplicates: 'skip', mapping: x.mapping }, 'mapping']]) {
      const r = await importAction('run', x.id, body, 422, { checkRequest: false });
      assert.equal(r.body.error.field, field, JSON.stringify(body));
    }
    // An import not checked yet is not run.
    await importAction('run', x.id, { version: v, duplicates: 'skip' }, 409);
    for (const [body, field] of [[{}, 'version'], [{ version: 0 }, 'version'], [{ version: v, reason: 'x' }, 'reason']]) {
      const r = await importAction('discard', x.id, body, 422, { checkRequest: false });
      assert.equal(r.body.error.field, field, JSON.stringify(body));
    }
    // The mapping sent is the one kept: "" leaves a column out as null does.
    const started = (await importAction('check', x.id, { version: v, mapping: ['given_name', 'family_name', 'sex', ''] }, 202)).body;
    assert.deepEqual(started.mapping, ['given_name', 'family_name', 'sex', null]);
    const c = await settled(x.id);
    assert.deepEqual([c.status, c.rows_total, c.rows_invalid], ['checked', 1, 0]);
    await importAction('discard', x.id, { version: c.version }, 200);
  });

  it('GET /api/v1/imports/{id}: the uploader\'s, and every one of the organisation for supervisors; 404 for anyone else, analysts included', async () => {
    const x = (await upload(csvOf(['family_name,given_name', 'Жолдасбекова,Ару']))).body;
    const listed = async (token) =>
      (await call('GET', '/api/v1/imports', { token, expect: 200 })).body.items.some((i) => i.id === x.id);
    assert.ok(await listed(tokens.supervisor), 'a supervisor sees the worker\'s import');
    assert.ok(await listed(tokens.admin), 'so does an administrator');
    assert.deepEqual(await readImport(x.id, tokens.supervisor), x);
    assert.equal(await listed(tokens.lawyer), false, 'another worker does not');
    assert.equal(await listed(tokens.ngo), false, 'nor another organisation');
    for (const token of [tokens.lawyer, tokens.ngo, tokens.analyst]) {
      await call('GET', '/api/v1/imports/{id}', { params: { id: x.id }, token, expect: 404 });
      await call('GET', '/api/v1/imports/{id}/issues', { params: { id: x.id }, token, expect: 404 });
      await importAction('check', x.id, { version: x.version, mapping: x.mapping }, 404, { token });
      await importAction('run', x.id, { version: x.version, duplicates: 'skip' }, 404, { token });
      await importAction('discard', x.id, { version: x.version }, 404, { token });
    }
    await call('GET', '/api/v1/imports/{id}', { params: { id: 987654321 }, token: tokens.worker, expect: 404 });
    assert.deepEqual(await readImport(x.id), x, 'nothing changed');
    // A supervisor may discard it.
    assert.equal((await importAction('discard', x.id, { version: x.version }, 200, { token: tokens.supervisor })).body.status, 'discarded');
  });

  it('POST /api/v1/imports/{id}/check: 503 while another check runs in the process; progress while it runs', async () => {
    const rows = ['family_name,given_name,sex,birth_date'];
    for (let i = 0; i < 3000; i++) rows.push(`Жолдасбеков${i},Нұрлан${i},male,1980-01-01`);
    const big = (await upload(csvOf(rows), { filename: 'big.csv' })).body;
    const small = (await upload(csvOf(['family_name,given_name,sex', 'Жолдасбекова,Ару,female']))).body;
    const started = (await importAction('check', big.id, { version: big.version, mapping: big.mapping }, 202)).body;
    assert.equal(started.status, 'checking', 'a check of 3,000 rows does not end at once');
    const busy = await importAction('check', small.id, { version: small.version, mapping: small.mapping }, 503);
    assert.deepEqual([busy.body.error.code, busy.body.error.field], ['unavailable', null]);
    assert.deepEqual(await readImport(small.id), small, 'nothing started');
    const during = await readImport(big.id);
    if (during.status === 'checking')
      assert.ok(during.progress && during.progress.done <= Math.max(during.progress.total, during.progress.done), JSON.stringify(during));
    const c = await settled(big.id);
    assert.deepEqual([c.status, c.rows_total, c.progress], ['checked', 3000, null]);
    // Free again.
    await importAction('check', small.id, { version: small.version, mapping: small.mapping }, 202);
    const s = await settled(small.id);
    await importAction('discard', small.id, { version: s.version }, 200);
    await importAction('discard', big.id, { version: c.version }, 200);
  });

  it('an issue\'s likely duplicate is the person as lists show them', async () => {
    const p = await registerNew({ family_name: 'Ермекбаева', given_name: 'Сымбат', birth_date: '1989-09-09', region: 'KZ-75',
      categories: ['trafficking_victim'] });
    assert.equal(p.restricted, true);
    const x = (await upload(csvOf(['family_name,given_name,sex,birth_date', 'Ермекбаева,Сымбат,female,1989-09-09']))).body;
    await importAction('check', x.id, { version: x.version, mapping: x.mapping }, 202);
    const c = await settled(x.id);
    const r = await fetch(`${server.url}/api/v1/imports/${x.id}/issues`, { headers: { Authorization: `Bearer ${tokens.worker}` } });
    const issue = (await r.json()).items[0];
    await importAction('discard', x.id, { version: c.version }, 200);
    assert.equal(issue?.person?.id, p.id, JSON.stringify(issue));
    const summary = (await search('Ермекбаева Сымбат')).items.find((i) => i.id === p.id);
    const { score: _s, reasons: _r, ...plain } = summary;
    assert.deepEqual(issue.person, plain, 'the person as GET /api/v1/persons lists them');
  });

  it('a file that cannot be read is a 422 with code validation_failed', async () => {
    const r = await upload(Buffer.from('not a workbook'), { filename: 'people.xlsx' }, { expect: 422 });
    assert.equal(r.body.error.field, 'file');
    const wide = await upload(csvOf([Array.from({ length: 65 }, (_, i) => `c${i}`).join(',')]), { filename: 'wide.csv' }, { expect: 422 });
    assert.deepEqual([wide.body.error.field, wide.body.error.row], ['file', 1]);
  });

  it('analysts: 403 on lists and writes, 404 on records', async () => {
    await call('GET', '/api/v1/persons', { token: tokens.analyst, expect: 403 });
    await call('POST', '/api/v1/persons', {
      token: tokens.analyst, expect: 403, body: { family_name: 'Әлиев', given_name: 'Арман', sex: 'male' },
    });
    await call('POST', '/api/v1/households', { token: tokens.analyst, expect: 403 });
    await call('GET', '/api/v1/persons/{id}', { params: { id: ctx.person.id }, token: tokens.analyst, expect: 404 });
    await call('PATCH', '/api/v1/persons/{id}', {
      params: { id: ctx.person.id }, token: tokens.analyst, expect: 404, body: { version: 1 },
    });
    await call('GET', '/api/v1/households/{id}', { params: { id: ctx.household }, token: tokens.analyst, expect: 404 });
    await call('GET', '/api/v1/cases', { token: tokens.analyst, expect: 403 });
    await call('POST', '/api/v1/cases', {
      token: tokens.analyst, expect: 403, body: { person_id: ctx.person.id, opening_reason: 'Analysts open no case.' },
    });
    const id = ctx.case.id;
    await call('GET', '/api/v1/cases/{id}', { params: { id }, token: tokens.analyst, expect: 404 });
    await call('PATCH', '/api/v1/cases/{id}', { params: { id }, token: tokens.analyst, expect: 404, body: { version: 1 } });
    await call('GET', '/api/v1/cases/{id}/notes', { params: { id }, token: tokens.analyst, expect: 404 });
    await call('POST', '/api/v1/cases/{id}/notes', { params: { id }, token: tokens.analyst, expect: 404, body: { text: 'x' } });
    await call('GET', '/api/v1/cases/{id}/assessments', { params: { id }, token: tokens.analyst, expect: 404 });
    await call('POST', '/api/v1/cases/{id}/assessments', { params: { id }, token: tokens.analyst, expect: 404, body: { needs: {} } });
    await call('GET', '/api/v1/cases/{id}/recommendations', { params: { id }, token: tokens.analyst, expect: 404 });
    await call('POST', '/api/v1/cases/{id}/recommendations/{rule_id}', {
      params: { id, rule_id: 1 }, token: tokens.analyst, expect: 404, body: { decision: 'accepted' },
    });
    await call('POST', '/api/v1/cases/{id}/workers', { params: { id }, token: tokens.analyst, expect: 404, body: { user_id: 1 } });
    await call('DELETE', '/api/v1/cases/{id}/workers/{user_id}', { params: { id, user_id: 1 }, token: tokens.analyst, expect: 404 });
    await call('GET', '/api/v1/cases/{id}/plan', { params: { id }, token: tokens.analyst, expect: 404 });
    await call('POST', '/api/v1/cases/{id}/plan/approval', { params: { id }, token: tokens.analyst, expect: 404 });
    await call('POST', '/api/v1/cases/{id}/goals', { params: { id }, token: tokens.analyst, expect: 404, body: { title: 'x' } });
    await call('PATCH', '/api/v1/cases/{id}/goals/{goal_id}', {
      params: { id, goal_id: ctx.goal.id }, token: tokens.analyst, expect: 404, body: { status: 'achieved' },
    });
    await call('POST', '/api/v1/cases/{id}/goals/{goal_id}/tasks', {
      params: { id, goal_id: ctx.goal.id }, token: tokens.analyst, expect: 404, body: { title: 'x', responsible_id: 1, due_on: '2026-01-01' },
    });
    await call('PATCH', '/api/v1/cases/{id}/tasks/{task_id}', {
      params: { id, task_id: ctx.task.id }, token: tokens.analyst, expect: 404, body: { status: 'done' },
    });
    await call('POST', '/api/v1/cases/{id}/reviews', { params: { id }, token: tokens.analyst, expect: 404, body: { note: 'x' } });
    await call('GET', '/api/v1/cases/{id}/services', { params: { id: 1 }, token: tokens.analyst, expect: 404 });
    await call('POST', '/api/v1/cases/{id}/services', {
      params: { id: 1 }, token: tokens.analyst, expect: 404,
      body: { type_id: ctx.types.session.id, form: 'individual', function: 'adaptation', means: 'individual' },
    });
    await call('GET', '/api/v1/cases/{id}/services/{service_id}', { params: { id: 1, service_id: ctx.loan.id }, token: tokens.analyst, expect: 404 });
    await call('POST', '/api/v1/cases/{id}/services/{service_id}/repayments', {
      params: { id: 1, service_id: ctx.loan.id }, token: tokens.analyst, expect: 404, body: { amount: 1 },
    });
    await call('GET', '/api/v1/service-types', { token: tokens.analyst, expect: 200 });
    await call('GET', '/api/v1/cases/{id}/deadlines', { params: { id: 1 }, token: tokens.analyst, expect: 404 });
    await call('GET', '/api/v1/deadlines', { token: tokens.analyst, expect: 403 });
    await call('GET', '/api/v1/reference', { token: tokens.analyst, expect: 200 });
    // The directory is for every role; referrals are not for analysts.
    await call('GET', '/api/v1/organisations', { token: tokens.analyst, expect: 200 });
    await call('GET', '/api/v1/organisations/{id}', { params: { id: ctx.ngoEntry.id }, token: tokens.analyst, expect: 200 });
    await call('POST', '/api/v1/organisations', { token: tokens.analyst, expect: 403, body: { name: 'x', kind: 'ngo' } });
    await call('PATCH', '/api/v1/organisations/{id}', { params: { id: ctx.fundEntry.id }, token: tokens.analyst, expect: 403, body: { version: 1 } });
    await call('GET', '/api/v1/referrals', { token: tokens.analyst, expect: 403 });
    await call('POST', '/api/v1/referrals', {
      token: tokens.analyst, expect: 403, body: { case_id: 1, organisation_id: ctx.ngoEntry.id, service_kind: 'social_legal' },
    });
    await call('GET', '/api/v1/referrals/{id}', { params: { id: ctx.referral.id }, token: tokens.analyst, expect: 404 });
    await call('PATCH', '/api/v1/referrals/{id}', { params: { id: ctx.referral.id }, token: tokens.analyst, expect: 404, body: { status: 'accepted', version: 1 } });
    await call('GET', '/api/v1/cases/{id}/referrals', { params: { id: 1 }, token: tokens.analyst, expect: 404 });
  });

  // The envelope's code follows the status (router_error once built it from K_EINVAL's 422).
  it('415 with code unsupported_media_type on a body that is not application/json', async () => {
      await call('POST', '/api/v1/session', {
        raw: '{"login":"worker","password":"komek-demo-2026"}', contentType: 'text/plain', expect: 415,
      });
      await call('POST', '/api/v1/persons', {
        token: tokens.worker, raw: 'family_name=X', contentType: 'application/x-www-form-urlencoded', expect: 415,
      });
      await call('PATCH', '/api/v1/persons/{id}', {
        params: { id: ctx.person.id }, token: tokens.worker, raw: '{"version":1}', expect: 415,
      });
      await call('POST', '/api/v1/cases', {
        token: tokens.worker, raw: '{"person_id":1}', contentType: 'text/plain', expect: 415,
      });
      await call('PATCH', '/api/v1/cases/{id}', {
        params: { id: 1 }, token: tokens.worker, raw: '{"version":1}', expect: 415,
      });
      await call('POST', '/api/v1/cases/{id}/notes', {
        params: { id: 1 }, token: tokens.worker, raw: '{"text":"x"}', contentType: 'text/plain', expect: 415,
      });
      await call('POST', '/api/v1/cases/{id}/workers', {
        params: { id: 1 }, token: tokens.worker, raw: 'user_id=1', contentType: 'application/x-www-form-urlencoded', expect: 415,
      });
      await call('POST', '/api/v1/cases/{id}/assessments', {
        params: { id: 1 }, token: tokens.worker, raw: '{"needs":{}}', contentType: 'text/plain', expect: 415,
      });
      await call('POST', '/api/v1/cases/{id}/recommendations/{rule_id}', {
        params: { id: 1, rule_id: 1 }, token: tokens.worker, raw: '{"decision":"accepted"}', contentType: 'text/plain', expect: 415,
      });
      await call('POST', '/api/v1/cases/{id}/goals', {
        params: { id: 1 }, token: tokens.worker, raw: '{"title":"x"}', contentType: 'text/plain', expect: 415,
      });
      await call('PATCH', '/api/v1/cases/{id}/goals/{goal_id}', {
        params: { id: 1, goal_id: ctx.goal.id }, token: tokens.worker, raw: 'status=achieved', contentType: 'application/x-www-form-urlencoded', expect: 415,
      });
      await call('POST', '/api/v1/cases/{id}/goals/{goal_id}/tasks', {
        params: { id: 1, goal_id: ctx.goal.id }, token: tokens.worker, raw: '{"title":"x"}', expect: 415,
      });
      await call('PATCH', '/api/v1/cases/{id}/tasks/{task_id}', {
        params: { id: 1, task_id: ctx.task.id }, token: tokens.worker, raw: '{"status":"done"}', contentType: 'text/plain', expect: 415,
      });
      await call('POST', '/api/v1/cases/{id}/reviews', {
        params: { id: 1 }, token: tokens.worker, raw: '{"note":"x"}', contentType: 'text/plain', expect: 415,
      });
      await call('POST', '/api/v1/cases/{id}/services', {
        params: { id: 1 }, token: tokens.worker, raw: '{"type_id":1}', contentType: 'text/plain', expect: 415,
      });
      await call('POST', '/api/v1/cases/{id}/services/{service_id}/repayments', {
        params: { id: 1, service_id: ctx.loan.id }, token: tokens.worker, raw: 'amount=1', contentType: 'application/x-www-form-urlencoded', expect: 415,
      });
      await call('POST', '/api/v1/organisations', {
        token: tokens.admin, raw: '{"name":"x","kind":"ngo"}', contentType: 'text/plain', expect: 415,
      });
      await call('PATCH', '/api/v1/organisations/{id}', {
        params: { id: ctx.fundEntry.id }, token: tokens.admin, raw: 'version=1', contentType: 'application/x-www-form-urlencoded', expect: 415,
      });
      await call('POST', '/api/v1/referrals', {
        token: tokens.worker, raw: '{"case_id":1}', expect: 415,
      });
      await call('PATCH', '/api/v1/referrals/{id}', {
        params: { id: ctx.referral.id }, token: tokens.ngo, raw: '{"status":"accepted","version":1}', contentType: 'text/plain', expect: 415,
      });
      await call('POST', '/api/v1/centres', {
        token: tokens.supervisor, raw: '{"kind":"adaptation_centre","name":"x"}', contentType: 'text/plain', expect: 415,
      });
      await call('PATCH', '/api/v1/centres/{id}', {
        params: { id: ctx.centre.id }, token: tokens.supervisor, raw: 'version=1', contentType: 'application/x-www-form-urlencoded', expect: 415,
      });
      await call('POST', '/api/v1/centres/{id}/rooms', {
        params: { id: ctx.centre.id }, token: tokens.supervisor, raw: '{"name":"x","beds":1}', expect: 415,
      });
      await call('POST', '/api/v1/centres/{id}/placements', {
        params: { id: ctx.centre.id }, token: tokens.worker, raw: '{"person_id":1,"bed_id":1}', contentType: 'text/plain', expect: 415,
      });
      await call('POST', '/api/v1/centres/{id}/checkout', {
        params: { id: ctx.centre.id }, token: tokens.worker, raw: 'placements=1', contentType: 'application/x-www-form-urlencoded', expect: 415,
      });
      await call('POST', '/api/v1/centres/{id}/presence', {
        params: { id: ctx.centre.id }, token: tokens.worker, raw: '{"placements":[1]}', contentType: 'text/plain', expect: 415,
      });
      await call('POST', '/api/v1/centres/{id}/waiting', {
        params: { id: ctx.centre.id }, token: tokens.worker, raw: '{"person_id":1}', expect: 415,
      });
      await call('POST', '/api/v1/groups', {
        token: tokens.worker, raw: '{"kind":"training","name":"x"}', contentType: 'text/plain', expect: 415,
      });
      await call('PATCH', '/api/v1/groups/{id}', {
        params: { id: ctx.group.id }, token: tokens.worker, raw: 'version=1', contentType: 'application/x-www-form-urlencoded', expect: 415,
      });
      await call('POST', '/api/v1/groups/{id}/members', {
        params: { id: ctx.group.id }, token: tokens.worker, raw: '{"person_id":1}', expect: 415,
      });
      await call('POST', '/api/v1/groups/{id}/members/{member_id}/leave', {
        params: { id: ctx.group.id, member_id: 1 }, token: tokens.worker, raw: '{}', contentType: 'text/plain', expect: 415,
      });
      await call('POST', '/api/v1/groups/{id}/sessions', {
        params: { id: ctx.group.id }, token: tokens.worker, raw: 'topic=x', contentType: 'application/x-www-form-urlencoded', expect: 415,
      });
      await call('PATCH', '/api/v1/groups/{id}/sessions/{session_id}', {
        params: { id: ctx.group.id, session_id: 1 }, token: tokens.worker, raw: '{"present":[]}', expect: 415,
      });
      await call('POST', '/api/v1/campaigns', {
        token: tokens.supervisor, raw: '{"name":"x"}', contentType: 'text/plain', expect: 415,
      });
      await call('PATCH', '/api/v1/campaigns/{id}', {
        params: { id: ctx.campaign.id }, token: tokens.supervisor, raw: 'version=1', contentType: 'application/x-www-form-urlencoded', expect: 415,
      });
      await call('POST', '/api/v1/campaigns/{id}/donations', {
        params: { id: ctx.campaign.id }, token: tokens.supervisor, raw: '{"amount":100,"currency":"KZT"}', expect: 415,
      });
      await call('POST', '/api/v1/campaigns/{id}/spendings', {
        params: { id: ctx.campaign.id }, token: tokens.supervisor, raw: '{"amount":100}', contentType: 'text/plain', expect: 415,
      });
      await call('POST', '/api/v1/events', {
        token: tokens.worker, raw: '{"kind":"forum"}', contentType: 'text/plain', expect: 415,
      });
      await call('PATCH', '/api/v1/events/{id}', {
        params: { id: ctx.demoTable.id }, token: tokens.worker, raw: 'version=1', contentType: 'application/x-www-form-urlencoded', expect: 415,
      });
      await call('POST', '/api/v1/events/{id}/participants', {
        params: { id: ctx.demoTable.id }, token: tokens.worker, raw: '{"person_id":1}', expect: 415,
      });
      await call('POST', '/api/v1/programmes', {
        token: tokens.admin, raw: '{"kind":"other","name":"x"}', contentType: 'text/plain', expect: 415,
      });
      await call('PATCH', '/api/v1/programmes/{id}', {
        params: { id: ctx.programmes.kandas.id }, token: tokens.admin, raw: 'version=1', contentType: 'application/x-www-form-urlencoded', expect: 415,
      });
      await call('POST', '/api/v1/programmes/{id}/quotas', {
        params: { id: ctx.programmes.kandas.id }, token: tokens.admin, raw: '{"region":"KZ-55"}', expect: 415,
      });
      await call('POST', '/api/v1/programmes/{id}/enrolments', {
        params: { id: ctx.programmes.kandas.id }, token: tokens.worker, raw: '{"person_id":1}', contentType: 'text/plain', expect: 415,
      });
      await call('POST', '/api/v1/programmes/{id}/enrolments/{enrolment_id}/withdraw', {
        params: { id: ctx.programmes.kandas.id, enrolment_id: ctx.demoEnrolment.id }, token: tokens.worker, raw: '{}', contentType: 'text/plain', expect: 415,
      });
      await call('POST', '/api/v1/programmes/{id}/enrolments/{enrolment_id}/support', {
        params: { id: ctx.programmes.kandas.id, enrolment_id: ctx.demoEnrolment.id }, token: tokens.worker, raw: 'kind=other', contentType: 'application/x-www-form-urlencoded', expect: 415,
      });
      await call('POST', '/api/v1/resettler-orgs', {
        token: tokens.worker, raw: '{"name":"x","kind":"other"}', contentType: 'text/plain', expect: 415,
      });
      await call('PATCH', '/api/v1/resettler-orgs/{id}', {
        params: { id: ctx.rog.id }, token: tokens.worker, raw: 'version=1', contentType: 'application/x-www-form-urlencoded', expect: 415,
      });
      await call('POST', '/api/v1/resettler-orgs/{id}/steps', {
        params: { id: ctx.rog.id }, token: tokens.worker, raw: '{"step":"registered"}', expect: 415,
      });
      await call('POST', '/api/v1/councils', {
        token: tokens.worker, raw: '{"name":"x","kind":"public_council"}', contentType: 'text/plain', expect: 415,
      });
      await call('PATCH', '/api/v1/councils/{id}', {
        params: { id: ctx.council.id }, token: tokens.worker, raw: 'version=1', contentType: 'application/x-www-form-urlencoded', expect: 415,
      });
      await call('POST', '/api/v1/councils/{id}/meetings', {
        params: { id: ctx.council.id }, token: tokens.worker, raw: '{"held_on":"2026-01-01","agenda":"x"}', expect: 415,
      });
      await call('POST', '/api/v1/councils/{id}/meetings/{meeting_id}/decisions', {
        params: { id: ctx.council.id, meeting_id: ctx.meeting.id }, token: tokens.worker, raw: '{"text":"x"}', contentType: 'text/plain', expect: 415,
      });
      await call('PATCH', '/api/v1/councils/{id}/meetings/{meeting_id}/decisions/{decision_id}', {
        params: { id: ctx.council.id, meeting_id: ctx.meeting.id, decision_id: 1 }, token: tokens.worker, raw: 'status=implemented', contentType: 'application/x-www-form-urlencoded', expect: 415,
      });
      await call('POST', '/api/v1/proposals', {
        token: tokens.worker, raw: '{"title":"x","text":"y","addressee":"z"}', contentType: 'text/plain', expect: 415,
      });
      await call('PATCH', '/api/v1/proposals/{id}', {
        params: { id: ctx.proposal.id }, token: tokens.worker, raw: 'version=1', contentType: 'application/x-www-form-urlencoded', expect: 415,
      });
      await call('POST', '/api/v1/persons/{id}/screenings', {
        params: { id: ctx.screened.id }, token: tokens.worker, raw: '{"instrument":"gad7","answers":[0,0,0,0,0,0,0]}', contentType: 'text/plain', expect: 415,
      });
      await call('POST', '/api/v1/employers', {
        token: tokens.worker, raw: '{"name":"x"}', contentType: 'text/plain', expect: 415,
      });
      await call('PATCH', '/api/v1/employers/{id}', {
        params: { id: ctx.lab.employer.id }, token: tokens.worker, raw: 'version=1', contentType: 'application/x-www-form-urlencoded', expect: 415,
      });
      await call('POST', '/api/v1/vacancies', {
        token: tokens.worker, raw: '{"employer_id":1}', expect: 415,
      });
      await call('PATCH', '/api/v1/vacancies/{id}', {
        params: { id: ctx.lab.a.id }, token: tokens.worker, raw: '{"version":1}', contentType: 'text/plain', expect: 415,
      });
      await call('POST', '/api/v1/persons/{id}/skills', {
        params: { id: ctx.lab.person.id }, token: tokens.worker, raw: 'kind=skill', contentType: 'application/x-www-form-urlencoded', expect: 415,
      });
      await call('POST', '/api/v1/employments', {
        token: tokens.worker, raw: '{"person_id":1}', contentType: 'text/plain', expect: 415,
      });
      await call('PATCH', '/api/v1/employments/{id}', {
        params: { id: ctx.lab.below.id }, token: tokens.worker, raw: '{"version":1}', expect: 415,
      });
      await call('POST', '/api/v1/labour-alerts/{id}/resolve', {
        params: { id: 1 }, token: tokens.worker, raw: '{"resolution":"x"}', contentType: 'text/plain', expect: 415,
      });
      await call('POST', '/api/v1/minimum-wages', {
        token: tokens.admin, raw: 'valid_from=2099-01-01', contentType: 'application/x-www-form-urlencoded', expect: 415,
      });
    });

  it('405 with code method_not_allowed on a method a path does not serve', async () => {
      const res = await fetch(`${server.url}/api/v1/persons/${ctx.person.id}`, {
        method: 'PUT', headers: { Authorization: `Bearer ${tokens.worker}`, 'Content-Type': 'application/json' }, body: '{}',
      });
      const body = await res.json();
      assert.equal(res.status, 405);
      const v = validatorFor('Error', deref.components.schemas.Error);
      if (!v(body)) assert.fail(`405: not the error envelope:\n${explain(v.errors, body)}`);
      assert.equal(body.error.code, 'method_not_allowed', `405 answered with ${JSON.stringify(body)}`);
    });

  it('401 carries WWW-Authenticate: Bearer', async () => {
      for (const path of ['/api/v1/persons', '/api/v1/reference']) {
        const res = await fetch(`${server.url}${path}`);
        assert.equal(res.status, 401);
        assert.equal(res.headers.get('www-authenticate'), 'Bearer', `GET ${path} → 401 without WWW-Authenticate`);
      }
    });

  it('every operation: 401 without a token (unless public), 413 on a body over 1 MiB (over 16 MiB for a file, RT_UPLOAD)', async () => {
    const big = JSON.stringify({ note: 'ә'.repeat(600000) }); // 1.2 MB
    const file = Buffer.alloc((16 << 20) + 1, 'a'); // one byte past 16 MiB
    const uploads = new Set(codeRoutes().filter((r) => r.flags.has('RT_UPLOAD')).map((r) => `${r.method} ${shape(r.path)}`));
    const params = { id: ctx.person.id, user_id: 1, rule_id: 1, goal_id: 1, task_id: 1, service_id: 1, link_id: 1, waiting_id: 1, member_id: 1, session_id: 1, person_id: 1, enrolment_id: 1, meeting_id: 1, decision_id: 1, screening_id: 1, skill_id: 1, name: 'regions' };
    for (const { method, path, op } of docOperations()) {
      const url = path.replace(/\{(\w+)\}/g, (_, k) => params[k]);
      if (op.security === undefined) {
        const res = await rawRequest(method, url, {});
        assert.equal(res.status, 401, `${method} ${url} without a token answered ${res.status}: ${excerpt(res.text)}`);
        checkAgainstDocument(method, path, res, res.text, `${method} ${url}`);
      }
      const headers = { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(big) };
      if (op.security === undefined) headers.Authorization = `Bearer ${tokens.worker}`;
      const res = await rawRequest(method, url, headers, big);
      if (uploads.has(`${method} ${shape(path)}`)) {
        // 1.2 MB is a file it takes (here refused for want of a filename), 16 MiB and a byte not.
        assert.notEqual(res.status, 413, `${method} ${url} refused a 1.2 MB file: ${excerpt(res.text)}`);
        checkAgainstDocument(method, path, res, res.text, `${method} ${url}`);
        const up = await rawRequest(method, `${url}?filename=big.csv`,
          { ...headers, 'Content-Type': 'text/csv', 'Content-Length': file.length }, file);
        assert.equal(up.status, 413, `${method} ${url} with a file over 16 MiB answered ${up.status}: ${excerpt(up.text)}`);
        checkAgainstDocument(method, path, up, up.text, `${method} ${url}`);
        continue;
      }
      assert.equal(res.status, 413, `${method} ${url} with a 1.2 MB body answered ${res.status}: ${excerpt(res.text)}`);
      checkAgainstDocument(method, path, res, res.text, `${method} ${url}`);
    }
  });

  it('POST /api/v1/session: 429 after five failures for one login', async () => {
    for (let i = 0; i < 5; i++)
      await call('POST', '/api/v1/session', { body: { login: 'no-such-user', password: `guess-${i}` }, expect: 401 });
    await call('POST', '/api/v1/session', { body: { login: 'no-such-user', password: 'guess-5' }, expect: 429 });
  });

  it('DELETE /api/v1/session: 204, and the token is dead', async () => {
    await call('DELETE', '/api/v1/session', { token: tokens.spare, expect: 204 });
    await call('DELETE', '/api/v1/session', { token: tokens.spare, expect: 401 });
    await call('GET', '/api/v1/reference', { token: tokens.spare, expect: 401 });
    await call('DELETE', '/api/v1/session', { expect: 401 });
  });

  it('called every documented operation, with a success', () => {
    const missing = docOperations().filter(({ method, path, op }) =>
      !Object.keys(op.responses).some((s) => s.startsWith('2') && seen.has(`${method} ${path} ${s}`)))
      .map(({ method, path }) => `${method} ${path}`);
    assert.deepEqual(missing, [], `operations never answered with success: ${missing.join(', ')}`);
    const untested = [];
    for (const { method, path, op } of docOperations())
      for (const s of Object.keys(op.responses))
        if (!seen.has(`${method} ${path} ${s}`)) untested.push(`${method} ${path} ${s}`);
    // Not a failure: 500 (a database failure), 403 on PATCH /api/v1/persons/{id} and on DELETE
    // /api/v1/persons/{id}/links/{link_id} (unreachable while the roles that may read people may
    // also write them), the 409 of an unlink raced by another one, and the 415s behind the known
    // bug are not provoked.
    console.log(`# documented responses not exercised (${untested.length}):\n#   ${untested.join('\n#   ')}`);
  });
});
