#!/usr/bin/env node
// Runs the judged query set against search servers side by side and prints a table:
// for each server, the share of queries whose expected page is in the top 3 (overall and
// per language) and the share of top-3 results in the query's language.
//
//   node judge.mjs --corpus glossary.json --queries known_items.tsv,natural.tsv \
//     --server mcpd=http://127.0.0.1:P1/mcp --server peer=http://127.0.0.1:P2/mcp \
//     [--assert mcpd:peer] [--json]
//
// --assert NAME:REFERENCE checks the targets on NAME and exits 1 when one is missed:
// top 3 for >= 98% of queries overall and >= 95% in every language with 10 or more pages,
// >= 85% of top-3 results in the query's language, and never below REFERENCE (overall and in
// any language). With --top3-targets known, the 98%/95% targets are checked on the
// known-item queries only (the natural ones still count for the comparison with REFERENCE). Queries are sent as tools/call search {query, limit: 3} with no language.
import fs from 'node:fs';

const argv = process.argv.slice(2);
const opt = (name) => { const i = argv.indexOf('--' + name); return i >= 0 ? argv[i + 1] : undefined; };
const servers = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--server') { const [name, url] = argv[i + 1].split(/=(.*)/s); servers.push({ name, url }); }
}
const here = new URL('.', import.meta.url).pathname;
const corpus = JSON.parse(fs.readFileSync(opt('corpus') ?? here + 'glossary.json', 'utf8'));
const queryFiles = (opt('queries') ?? `${here}known_items.tsv,${here}natural.tsv`).split(',');

// The language of a permalink or result id as the site names it: "/pt-br/x/" -> "pt",
// "/x/" -> "en". Hugo's language keys carry a region; the query's language is the base.
function languageOf(path) {
  const first = path.replace(/^https?:\/\/[^/]+/, '').replace(/^\/+/, '').split('/');
  if (first.length < 2) return 'en';
  const m = /^([a-z]{2})(-[a-z]+)?$/.exec(first[0]);
  return m ? m[1] : 'en';
}
const idOf = (permalink) => permalink.replace(/^\/+/, '').replace(/\/+$/, '');

const queries = [];
for (const file of queryFiles) {
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [lang, kind, expected, query] = line.split('\t');
    queries.push({ lang: lang.split('-')[0], kind, expected: idOf(expected), query });
  }
}
const pagesPerLanguage = {};
for (const page of corpus) {
  const lang = languageOf(page.permalink);
  pagesPerLanguage[lang] = (pagesPerLanguage[lang] ?? 0) + 1;
}

async function rpc(server, body) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream',
    'MCP-Protocol-Version': '2025-06-18' };
  if (server.session) headers['Mcp-Session-Id'] = server.session;
  const res = await fetch(server.url, { method: 'POST', headers, body: JSON.stringify(body) });
  if (!server.session && res.headers.get('mcp-session-id')) server.session = res.headers.get('mcp-session-id');
  const text = await res.text();
  if (res.status === 202) return null;
  if (res.status !== 200) throw new Error(`${server.name}: HTTP ${res.status}: ${text.slice(0, 200)}`);
  const json = (res.headers.get('content-type') ?? '').includes('text/event-stream')
    ? text.split('\n').filter((l) => l.startsWith('data:')).map((l) => JSON.parse(l.slice(5))).find((m) => 'id' in m)
    : JSON.parse(text);
  if (json.error) throw new Error(`${server.name}: ${JSON.stringify(json.error)}`);
  return json.result;
}

async function run(server) {
  await rpc(server, { jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-06-18',
    capabilities: {}, clientInfo: { name: 'judge', version: '1' } } });
  await rpc(server, { jsonrpc: '2.0', method: 'notifications/initialized' });
  const perLanguage = {};
  const misses = [];
  let found = 0, inLanguage = 0, results = 0;
  let id = 1;
  for (const q of queries) {
    const result = await rpc(server, { jsonrpc: '2.0', id: id++, method: 'tools/call',
      params: { name: 'search', arguments: { query: q.query, limit: 3 } } });
    const top = JSON.parse(result.content[0].text).results.slice(0, 3).map((r) => r.id);
    const hit = top.includes(q.expected);
    const stats = (perLanguage[q.lang] ??= { queries: 0, found: 0, known: 0, knownFound: 0 });
    stats.queries++;
    if (q.kind !== 'natural') { stats.known++; if (hit) stats.knownFound++; }
    if (hit) { found++; stats.found++; } else misses.push(`${q.lang} ${q.kind} "${q.query}" -> ${top.join(', ') || '(nothing)'} (want ${q.expected})`);
    for (const rid of top) { results++; if (languageOf('/' + rid) === q.lang) inLanguage++; }
  }
  return { name: server.name, found, queries: queries.length, inLanguage, results, perLanguage, misses };
}

const pct = (a, b) => (b ? (100 * a / b).toFixed(1) : '-');
const outcomes = [];
for (const server of servers) outcomes.push(await run(server));

const languages = Object.keys(outcomes[0].perLanguage).sort();
const row = (cells) => console.log(cells.map((c, i) => String(c).padEnd(i ? 14 : 34)).join(''));
console.log(`${queries.length} queries (${queries.filter((q) => q.kind === 'natural').length} natural), ${corpus.length} pages`);
row(['expected page in top 3', ...outcomes.map((o) => o.name)]);
row(['  all languages', ...outcomes.map((o) => `${pct(o.found, o.queries)}%`)]);
for (const lang of languages) {
  row([`  ${lang} (${pagesPerLanguage[lang] ?? 0} pages, ${outcomes[0].perLanguage[lang].queries} queries)`,
    ...outcomes.map((o) => `${pct(o.perLanguage[lang].found, o.perLanguage[lang].queries)}%`)]);
}
row(["top-3 results in the query's language", ...outcomes.map((o) => `${pct(o.inLanguage, o.results)}%`)]);
for (const o of outcomes) for (const miss of o.misses) console.log(`miss ${o.name}: ${miss}`);
if (argv.includes('--json')) console.log('JUDGEDJSON ' + JSON.stringify(outcomes.map(({ misses, ...o }) => o)));

const assertion = opt('assert');
if (assertion) {
  const [name, reference] = assertion.split(':');
  const o = outcomes.find((x) => x.name === name);
  const ref = outcomes.find((x) => x.name === reference);
  const failures = [];
  const knownOnly = opt('top3-targets') === 'known';
  const sum = (f) => languages.reduce((n, lang) => n + f(o.perLanguage[lang]), 0);
  const [found, asked] = knownOnly ? [sum((s) => s.knownFound), sum((s) => s.known)] : [o.found, o.queries];
  const scope = knownOnly ? ' (known-item queries)' : '';
  console.log(`top 3${scope}: ${pct(found, asked)}% overall; ` + languages.map((lang) => {
    const s = o.perLanguage[lang];
    return `${lang} ${pct(knownOnly ? s.knownFound : s.found, knownOnly ? s.known : s.queries)}%`;
  }).join(', '));
  if (found < 0.98 * asked) failures.push(`top 3${scope} overall ${pct(found, asked)}% < 98%`);
  for (const lang of languages) {
    const s = o.perLanguage[lang];
    const [f, n] = knownOnly ? [s.knownFound, s.known] : [s.found, s.queries];
    if ((pagesPerLanguage[lang] ?? 0) >= 10 && f < 0.95 * n) failures.push(`top 3${scope} in ${lang} ${pct(f, n)}% < 95%`);
    if (ref && s.found < ref.perLanguage[lang].found) failures.push(`${lang}: ${s.found} found, below ${reference}'s ${ref.perLanguage[lang].found}`);
  }
  if (o.inLanguage < 0.85 * o.results) failures.push(`results in the query's language ${pct(o.inLanguage, o.results)}% < 85%`);
  if (ref && o.found < ref.found) failures.push(`${o.found} found, below ${reference}'s ${ref.found}`);
  if (failures.length) { console.error(`FAIL: ${failures.join('; ')}`); process.exit(1); }
  console.log(`ok: ${name} meets every target and is not below ${reference}`);
}
