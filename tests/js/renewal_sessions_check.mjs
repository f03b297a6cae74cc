#!/usr/bin/env node
// Keeps one legacy SSE session and one Streamable HTTP session of the official TypeScript
// SDK client open across a certificate renewal that someone else performs, calling tools
// on both all the time. It prints "sessions open ..." once each session has answered
// --calls tool calls, then waits until --resume-file exists (the caller renewed and
// checked the new certificate meanwhile), then wants --calls more answers on the SAME
// sessions. It passes when no call failed, neither session closed or changed its id, and
// both kept answering after the renewal.
//
//   NODE_EXTRA_CA_CERTS=root.pem node renewal_sessions_check.mjs --url https://HOST:PORT \
//        --resume-file FILE [--calls N] [--wait-s SECONDS]
//
// Prints one JSON line of counts; exits 1 on failure, 2 on usage errors.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    'resume-file': { type: 'string' },
    calls: { type: 'string', default: '20' },
    'wait-s': { type: 'string', default: '120' }
  }
});
if (!args.url || !args['resume-file']) {
  console.error('usage: renewal_sessions_check.mjs --url URL --resume-file FILE [--calls N] [--wait-s S]');
  process.exit(2);
}
const url = new URL(args.url);
const perPhase = Number(args.calls);
const waitMs = Number(args['wait-s']) * 1000;
function fail(message) {
  console.log(`not ok - ${message}`);
  process.exit(1);
}
setTimeout(() => fail(`gave up after ${(2 * waitMs) / 1000} s`), 2 * waitMs).unref();

const closed = [];
async function connect(kind) {
  const transport = kind === 'sse'
    ? new SSEClientTransport(new URL('/sse', url))
    : new StreamableHTTPClientTransport(new URL('/mcp', url));
  const client = new Client({ name: `e2e-renewal-${kind}`, version: '1.0.0' }, { capabilities: {} });
  await client.connect(transport);
  transport.onclose = () => closed.push(kind);  // after connect: the Client sets its own first
  return { client, transport };
}
// The session id each transport carries: Streamable HTTP's Mcp-Session-Id header, or the
// sessionId of the legacy endpoint URL the SSE stream announced.
function sessionId(kind, transport) {
  return kind === 'sse' ? transport._endpoint?.searchParams.get('sessionId') : transport.sessionId;
}

// One round: search, then fetch the first hit, both through tools/call.
async function round(client) {
  const search = await client.callTool({ name: 'search', arguments: { query: 'certificate' } });
  if (search.isError) throw new Error(`search failed: ${JSON.stringify(search.content)}`);
  const hits = JSON.parse(search.content[0].text).results;
  if (!hits.length) throw new Error('search found nothing');
  const doc = await client.callTool({ name: 'fetch', arguments: { id: hits[0].id } });
  if (doc.isError) throw new Error(`fetch failed: ${JSON.stringify(doc.content)}`);
  if (JSON.parse(doc.content[0].text).id !== hits[0].id) throw new Error('fetch returned another document');
}

const counts = { sse: 0, streamable: 0 };
const failures = [];
let stop = false;
async function loop(kind, client) {
  while (!stop) {
    try {
      await round(client);
      counts[kind]++;
    } catch (e) {
      failures.push(`${kind}: ${e.message}`);
      await new Promise((r) => setTimeout(r, 50));  // a broken session must not spin
    }
  }
}
async function until(predicate, what, ms) {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (failures.length) fail(`calls failed while waiting for ${what}: ${failures.slice(0, 3).join(' | ')}`);
    if (Date.now() > deadline) fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const sessions = { sse: await connect('sse'), streamable: await connect('streamable') };
const ids = { sse: sessionId('sse', sessions.sse.transport),
  streamable: sessionId('streamable', sessions.streamable.transport) };
if (!ids.sse || !ids.streamable) fail(`no session id: ${JSON.stringify(ids)}`);
const loops = Object.entries(sessions).map(([kind, s]) => loop(kind, s.client));
await until(() => counts.sse >= perPhase && counts.streamable >= perPhase, 'calls before the renewal', 30000);
console.log(`sessions open sse=${ids.sse} streamable=${ids.streamable}`);

await until(() => fs.existsSync(args['resume-file']), args['resume-file'], waitMs);
const mark = { ...counts };
await until(() => counts.sse >= mark.sse + perPhase && counts.streamable >= mark.streamable + perPhase,
  'calls after the renewal', 30000);
stop = true;
await Promise.all(loops);
const after = { sse: sessionId('sse', sessions.sse.transport),
  streamable: sessionId('streamable', sessions.streamable.transport) };
const closedDuringRun = closed.length;
await sessions.sse.client.close();
await sessions.streamable.client.close();

console.log(JSON.stringify({ sessions: ids, calls_until_resumed: mark, calls_total: counts,
  failures: failures.length, closed_during_run: closedDuringRun }));
if (failures.length) fail(`calls failed: ${failures.slice(0, 5).join(' | ')}`);
if (closedDuringRun) fail(`a session closed during the run: ${closed.join(', ')}`);
for (const kind of ['sse', 'streamable']) {
  if (after[kind] !== ids[kind]) fail(`${kind} session changed from ${ids[kind]} to ${after[kind]}`);
}
console.log('ok - both sessions answered tool calls before and after the renewal');
