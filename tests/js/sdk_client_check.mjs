#!/usr/bin/env node
// Checks an MCP documentation server (mcpd) with the official TypeScript SDK client.
//
//   node sdk_client_check.mjs --url http://127.0.0.1:PORT --transport streamable|sse
//        [--query WORD] [--fetch-id ID] [--expect-version YYYY-MM-DD] [--timeout-ms N] [--peer]
//
// --transport streamable: StreamableHTTPClientTransport on URL/mcp
// --transport sse:        SSEClientTransport on URL/sse (POSTs go wherever the `endpoint` event says)
// --peer: relax the checks the SDK-based reference peer cannot pass (unknown tool answered with an
//         isError result instead of JSON-RPC error -32602; no structuredContent on search).
//
// Prints "ok - ..." per check; on the first failure prints "not ok - ..." and exits 1
// (exit 2 for usage errors).
import events from 'node:events';
import { parseArgs, isDeepStrictEqual } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';

const USAGE = 'usage: node sdk_client_check.mjs --url http://HOST:PORT --transport streamable|sse ' +
  '[--query WORD] [--fetch-id ID] [--expect-version YYYY-MM-DD] [--timeout-ms N] [--peer]';

let args;
try {
  ({ values: args } = parseArgs({
    options: {
      url: { type: 'string' },
      transport: { type: 'string' },
      query: { type: 'string', default: 'documentation' },
      'fetch-id': { type: 'string' },
      'expect-version': { type: 'string' },
      'timeout-ms': { type: 'string', default: '15000' },
      peer: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false }
    },
    strict: true,
    allowPositionals: false
  }));
} catch (e) {
  console.error(`${e.message}\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!args.url || !['streamable', 'sse'].includes(args.transport)) {
  console.error(USAGE);
  process.exit(2);
}
if (args['expect-version'] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(args['expect-version'])) {
  console.error(`--expect-version must look like YYYY-MM-DD, got '${args['expect-version']}'\n${USAGE}`);
  process.exit(2);
}
const TIMEOUT_MS = Number(args['timeout-ms']);
if (!Number.isFinite(TIMEOUT_MS) || TIMEOUT_MS <= 0) {
  console.error(`--timeout-ms must be a positive number\n${USAGE}`);
  process.exit(2);
}
const PEER = args.peer;
// Node 18's fetch adds one abort listener per request to the transport's single AbortSignal.
events.defaultMaxListeners = 1000;
const TAG = `[${args.transport}]`;
const reqOpts = { timeout: TIMEOUT_MS };

let closing = false;
const transportErrors = [];

function ok(msg) {
  console.log(`ok - ${TAG} ${msg}`);
}
function fail(msg) {
  console.log(`not ok - ${TAG} ${msg}`.trimEnd());
  const extra = transportErrors.filter((e) => !msg.includes(e.trim()));
  if (extra.length) console.log(`# transport errors seen: ${extra.join(' | ')}`);
  process.exit(1);
}
function check(cond, msg) {
  if (!cond) fail(msg);
}
// Runs an SDK call, turning an exception into a failure that names the step.
async function step(what, fn) {
  try {
    return await fn();
  } catch (e) {
    const code = e && e.code !== undefined ? ` (code ${e.code})` : '';
    fail(`${what} failed${code}: ${e && e.message ? e.message : String(e)}`);
  }
}
const short = (v) => {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 200 ? s.slice(0, 200) + '...' : s;
};
const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

// One text item whose text is a JSON object; returns the parsed object.
function parseSingleTextJson(result, what) {
  check(isObj(result), `${what}: result is not an object: ${short(result)}`);
  check(result.isError !== true, `${what}: tool returned isError: ${short(result.content)}`);
  check(Array.isArray(result.content) && result.content.length === 1,
    `${what}: expected exactly one content item, got ${short(result.content)}`);
  const item = result.content[0];
  check(item.type === 'text' && typeof item.text === 'string',
    `${what}: content item is not {type:"text", text:string}: ${short(item)}`);
  let parsed;
  try {
    parsed = JSON.parse(item.text);
  } catch (e) {
    fail(`${what}: text is not JSON (${e.message}): ${short(item.text)}`);
  }
  check(isObj(parsed), `${what}: text JSON is not an object: ${short(parsed)}`);
  return parsed;
}

// Overall watchdog, so a hung stream cannot hang CTest.
setTimeout(() => fail(`gave up after ${(TIMEOUT_MS * 4) / 1000} s overall`), TIMEOUT_MS * 4).unref();

const base = args.url.replace(/\/+$/, '');
const endpoint = new URL(base + (args.transport === 'sse' ? '/sse' : '/mcp'));
const transport = args.transport === 'sse'
  ? new SSEClientTransport(endpoint)
  : new StreamableHTTPClientTransport(endpoint, { reconnectionOptions: { initialReconnectionDelay: 200, maxReconnectionDelay: 1000, reconnectionDelayGrowFactor: 1.5, maxRetries: 1 } });
// The SSE transport keeps the negotiated version private; capture it where the Client hands it over.
let negotiated;
const origSetVersion = transport.setProtocolVersion.bind(transport);
transport.setProtocolVersion = (v) => {
  negotiated = v;
  origSetVersion(v);
};

const client = new Client({ name: 'mcpd-sdk-client-check', version: '1.0.0' }, { capabilities: {} });
client.onerror = (e) => {
  if (!closing) transportErrors.push(e && e.message ? e.message : String(e));
};

// ---------------------------------------------------------------- initialize
// connect() has no deadline of its own while the SSE transport waits for the `endpoint` event.
const connectDeadline = new Promise((_, reject) => {
  const why = `no answer within ${TIMEOUT_MS} ms` + (args.transport === 'sse' ? ' (no `endpoint` event on the SSE stream?)' : '');
  setTimeout(() => reject(new Error(why)), TIMEOUT_MS).unref();
});
await step(`connect/initialize to ${endpoint.href}`, () => Promise.race([client.connect(transport, reqOpts), connectDeadline]));
const info = client.getServerVersion();
check(isObj(info) && typeof info.name === 'string' && info.name.length > 0 && typeof info.version === 'string',
  `initialize: serverInfo lacks name/version: ${short(info)}`);
check(typeof negotiated === 'string' && negotiated.length > 0, 'initialize: no protocolVersion in the result');
const sid = args.transport === 'streamable' ? transport.sessionId : undefined;
ok(`initialize: server ${info.name} ${info.version}, protocol ${negotiated}` +
  (args.transport === 'streamable' ? (sid ? `, Mcp-Session-Id ${sid}` : ', no Mcp-Session-Id (stateless)') : ''));
if (args['expect-version'] !== undefined) {
  check(negotiated === args['expect-version'],
    `initialize: negotiated protocolVersion ${negotiated}, expected ${args['expect-version']}`);
  ok(`protocolVersion is ${negotiated} as expected`);
}
const caps = client.getServerCapabilities();
check(isObj(caps), `initialize: no capabilities object: ${short(caps)}`);
check(isObj(caps.tools), `initialize: server does not advertise the tools capability: ${short(caps)}`);
check(isObj(caps.resources), `initialize: server does not advertise the resources capability: ${short(caps)}`);
ok(`capabilities include tools and resources: ${short(caps)}`);

// ---------------------------------------------------------------- tools/list
const tools = await step('tools/list', () => client.listTools(undefined, reqOpts));
check(Array.isArray(tools.tools), `tools/list: no tools array: ${short(tools)}`);
const byName = new Map(tools.tools.map((t) => [t.name, t]));
for (const [name, param, optional] of [['search', 'query', ['limit', 'language']], ['fetch', 'id', []]]) {
  const t = byName.get(name);
  check(t, `tools/list: no '${name}' tool among [${[...byName.keys()].join(', ')}]`);
  const s = t.inputSchema;
  check(isObj(s) && s.type === 'object', `tools/list: ${name}.inputSchema is not an object schema: ${short(s)}`);
  check(Array.isArray(s.required) && s.required.includes(param),
    `tools/list: ${name}.inputSchema.required does not include '${param}': ${short(s)}`);
  check(isObj(s.properties) && isObj(s.properties[param]) && s.properties[param].type === 'string',
    `tools/list: ${name}.inputSchema.properties.${param} is not a string: ${short(s)}`);
  for (const o of optional) {
    check(!s.required.includes(o), `tools/list: ${name}.inputSchema marks optional '${o}' as required: ${short(s)}`);
  }
}
ok(`tools/list has search (requires query) and fetch (requires id) among ${tools.tools.length} tools`);

// ---------------------------------------------------------------- tools/call search
const searchRes = await step(`tools/call search '${args.query}'`,
  () => client.callTool({ name: 'search', arguments: { query: args.query } }, undefined, reqOpts));
const searchJson = parseSingleTextJson(searchRes, 'search');
check(Array.isArray(searchJson.results), `search: no results array: ${short(searchJson)}`);
check(searchJson.results.length > 0, `search: no results for '${args.query}'`);
searchJson.results.forEach((r, i) => {
  check(isObj(r) && typeof r.id === 'string' && r.id.length > 0 && typeof r.title === 'string' && typeof r.url === 'string',
    `search: results[${i}] lacks string id/title/url: ${short(r)}`);
});
const ids = searchJson.results.map((r) => r.id);
check(new Set(ids).size === ids.length, `search: duplicate ids in results: ${short(ids)}`);
ok(`search returned ${searchJson.results.length} results (first: ${searchJson.results[0].id})`);
// structuredContent arrived with protocol 2025-06-18.
if (searchRes.structuredContent !== undefined || (!PEER && negotiated >= '2025-06-18')) {
  check(searchRes.structuredContent !== undefined,
    `search: no structuredContent although protocol ${negotiated} >= 2025-06-18`);
  check(isDeepStrictEqual(searchRes.structuredContent, searchJson),
    `search: structuredContent differs from the text JSON: ${short(searchRes.structuredContent)}`);
  ok('search structuredContent equals the text JSON');
} else {
  ok(`search structuredContent not checked (${PEER ? '--peer' : `protocol ${negotiated}`})`);
}

const limited = await step('tools/call search limit=1',
  () => client.callTool({ name: 'search', arguments: { query: args.query, limit: 1 } }, undefined, reqOpts));
const limitedJson = parseSingleTextJson(limited, 'search limit=1');
check(Array.isArray(limitedJson.results) && limitedJson.results.length === 1,
  `search limit=1: expected 1 result, got ${short(limitedJson.results)}`);
ok('search honours limit=1');

// ---------------------------------------------------------------- tools/call fetch
const fetchId = args['fetch-id'] ?? searchJson.results[0].id;
const fetchRes = await step(`tools/call fetch '${fetchId}'`,
  () => client.callTool({ name: 'fetch', arguments: { id: fetchId } }, undefined, reqOpts));
const doc = parseSingleTextJson(fetchRes, 'fetch');
check(doc.id === fetchId, `fetch: id is ${short(doc.id)}, expected ${short(fetchId)}`);
check(typeof doc.title === 'string' && doc.title.length > 0, `fetch: no title: ${short(doc)}`);
const hit = searchJson.results.find((r) => r.id === fetchId);
if (hit) check(doc.title === hit.title, `fetch: title ${short(doc.title)} differs from search's ${short(hit.title)}`);
check(typeof doc.text === 'string' && doc.text.length > 0, `fetch: empty or missing text: ${short(doc)}`);
check(typeof doc.url === 'string' && doc.url.length > 0, `fetch: no url: ${short(doc)}`);
if (hit) check(doc.url === hit.url, `fetch: url ${short(doc.url)} differs from search's ${short(hit.url)}`);
check('metadata' in doc && (doc.metadata === null || isObj(doc.metadata)), `fetch: metadata missing or not an object: ${short(doc)}`);
if (fetchRes.structuredContent !== undefined) {
  check(isDeepStrictEqual(fetchRes.structuredContent, doc),
    `fetch: structuredContent differs from the text JSON: ${short(fetchRes.structuredContent)}`);
}
ok(`fetch '${fetchId}' returned '${doc.title}' with ${doc.text.length} chars of text`);

// ---------------------------------------------------------------- unknown tool
const bogus = 'no_such_tool_' + process.pid;
let unknownOutcome;
try {
  unknownOutcome = { result: await client.callTool({ name: bogus, arguments: {} }, undefined, reqOpts) };
} catch (e) {
  unknownOutcome = { error: e };
}
if (unknownOutcome.error) {
  const e = unknownOutcome.error;
  check(e instanceof McpError, `unknown tool: expected an McpError, got ${e && e.constructor ? e.constructor.name : typeof e}: ${e && e.message}`);
  check(e.code === ErrorCode.InvalidParams, `unknown tool: expected error code -32602, got ${e.code} (${e.message})`);
  ok(`unknown tool '${bogus}' -> JSON-RPC error -32602 (${e.message})`);
} else if (PEER && unknownOutcome.result && unknownOutcome.result.isError === true) {
  ok(`unknown tool '${bogus}' -> isError result (accepted with --peer): ${short(unknownOutcome.result.content)}`);
} else {
  fail(`unknown tool: expected JSON-RPC error -32602, got result ${short(unknownOutcome.result)}`);
}

// ---------------------------------------------------------------- resources
const seen = new Set();
let firstUri;
let pages = 0;
let cursor;
const cursors = new Set();
do {
  const page = await step(`resources/list page ${pages + 1}${cursor !== undefined ? ` (cursor ${short(cursor)})` : ''}`,
    () => client.listResources(cursor === undefined ? undefined : { cursor }, reqOpts));
  pages++;
  check(Array.isArray(page.resources), `resources/list: no resources array on page ${pages}: ${short(page)}`);
  for (const r of page.resources) {
    check(isObj(r) && typeof r.uri === 'string' && r.uri.length > 0 && typeof r.name === 'string',
      `resources/list: resource without uri/name on page ${pages}: ${short(r)}`);
    check(!seen.has(r.uri), `resources/list: duplicate uri ${r.uri} (page ${pages})`);
    seen.add(r.uri);
    firstUri ??= r.uri;
  }
  cursor = page.nextCursor;
  if (cursor !== undefined) {
    check(typeof cursor === 'string', `resources/list: nextCursor is not a string: ${short(cursor)}`);
    check(!cursors.has(cursor), `resources/list: nextCursor ${short(cursor)} repeated (pagination loops)`);
    cursors.add(cursor);
    check(page.resources.length > 0, `resources/list: empty page ${pages} with a nextCursor`);
  }
  check(pages <= 100000, 'resources/list: more than 100000 pages');
} while (cursor !== undefined);
check(seen.size > 0, 'resources/list: no resources');
ok(`resources/list returned ${seen.size} resources in ${pages} page(s), no duplicate uri`);

const read = await step(`resources/read ${firstUri}`, () => client.readResource({ uri: firstUri }, reqOpts));
check(Array.isArray(read.contents) && read.contents.length > 0, `resources/read: no contents: ${short(read)}`);
const c0 = read.contents[0];
check(typeof c0.text === 'string' && c0.text.length > 0, `resources/read: first content has no text: ${short(c0)}`);
check(c0.uri === firstUri, `resources/read: contents[0].uri is ${short(c0.uri)}, expected ${firstUri}`);
ok(`resources/read ${firstUri} returned ${c0.text.length} chars${c0.mimeType ? ` (${c0.mimeType})` : ''}`);

// ---------------------------------------------------------------- ping, close
const pong = await step('ping', () => client.ping(reqOpts));
check(isObj(pong), `ping: unexpected result ${short(pong)}`);
ok('ping');

if (transportErrors.length) fail(`transport reported errors: ${transportErrors.join(' | ')}`);

if (args.transport === 'streamable' && transport.sessionId) {
  // DELETE with Mcp-Session-Id; the SDK accepts 2xx or 405.
  await step('session DELETE', () => transport.terminateSession());
  ok('session terminated (DELETE accepted)');
}
closing = true;
await step('close', () => client.close());
ok('closed');
process.exit(0);
