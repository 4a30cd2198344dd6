// lookup.mjs: the Node reference of bench/run.sh. One process, node:http, better-sqlite3:
// GET /persons/{id} answers that row of the persons table as JSON (a bare primary-key
// lookup: no session, no access rule, no audit, no categories or documents).
//   node lookup.mjs DB PORT
import http from 'node:http';
import Database from 'better-sqlite3';

const [dbPath, port] = process.argv.slice(2);
if (!dbPath || !port) {
  console.error('usage: node lookup.mjs DB PORT');
  process.exit(2);
}
const db = new Database(dbPath, { readonly: true, fileMustExist: true });
const get = db.prepare(
  'SELECT id, org_id, family_name, given_name, patronymic, name_original, sex, birth_date,' +
  ' citizenship, country_of_origin, legal_status, region, locality, arrival_date, phone,' +
  ' lang_kk, lang_ru, languages, child_status, disability, household_id,' +
  ' household_relation, restricted, version, created_at, updated_at FROM persons WHERE id = ?');

const server = http.createServer((req, res) => {
  const m = /^\/persons\/(\d{1,18})$/.exec(req.url);
  const row = m && req.method === 'GET' ? get.get(Number(m[1])) : undefined;
  if (!row) {
    res.writeHead(404, { 'Content-Type': 'application/json' });
    res.end('{"error":"not found"}');
    return;
  }
  const body = JSON.stringify(row);
  res.writeHead(200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
});
server.keepAliveTimeout = 60000;
server.listen(Number(port), '127.0.0.1', () => console.log(`lookup: listening on 127.0.0.1:${port}`));
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
