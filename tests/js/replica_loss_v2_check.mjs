#!/usr/bin/env node
// What the official v2 TypeScript SDK client (@modelcontextprotocol/client 2.4.0) does when
// its replica dies behind a load balancer (tests/e2e/replicas_behind_haproxy_test.sh), in
// two modes:
//   session  the default negotiation: an initialize and a 2025-era session, held by one
//            replica; connects again (at most 9 times) until the session id starts with
//            --replica, so that the test can kill that one
//   pin      {pin: '2026-07-28'}: stateless, no session
//
//   node replica_loss_v2_check.mjs --url http://127.0.0.1:LB_PORT --mode session|pin
//     [--replica mcpd-N]
//
// Connects over Streamable HTTP, calls `search`, prints "session ID" (or "session none")
// and waits for a line on stdin (the test kills the replica, then writes one). Then calls
// `search` five times and prints what the SDK reports: "after-loss ok 5 calls" or
// "after-loss error STATUS MESSAGE" at the first failure; after an error, whether a fresh
// Client gets a new session and answers ("reconnect ok session ID"). Needs Node >= 20.
import readline from 'node:readline';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, value, i, all) => {
    if (value.startsWith('--')) pairs.push([value.slice(2), all[i + 1]]);
    return pairs;
  }, [])
);
const fail = (message) => {
  console.log(`failed ${message}`);
  process.exit(1);
};
if (!args.url || !(args.mode in { session: 1, pin: 1 })) fail('usage: --url URL --mode session|pin');
const endpoint = new URL('/mcp', args.url);

async function connect() {
  const client = new Client(
    { name: 'replica-loss-v2-check', version: '1.0.0' },
    args.mode === 'pin' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {}
  );
  const transport = new StreamableHTTPClientTransport(endpoint);
  await client.connect(transport);
  return { client, transport };
}
const search = async (client) => {
  const result = await client.callTool({ name: 'search', arguments: { query: 'certificate' } });
  if (result.isError) throw new Error(`search result is an error: ${JSON.stringify(result.content)}`);
};

let first = await connect();
for (let i = 0; args.mode === 'session' && args.replica && !first.transport.sessionId?.startsWith(`${args.replica}.`); ++i) {
  if (i === 8) fail(`no session on ${args.replica} in 9 connects`);
  await first.client.close().catch(() => {});
  first = await connect();
}
await search(first.client);
console.log(`session ${first.transport.sessionId ?? 'none'} ${first.client.getNegotiatedProtocolVersion()}`);

const lines = readline.createInterface({ input: process.stdin });
await new Promise((resolve) => lines.once('line', resolve));
lines.close();

let lost = false;
for (let call = 0; call < 5 && !lost; ++call) {
  try {
    await search(first.client);
  } catch (e) {
    lost = true;
    console.log(`after-loss error ${e.status ?? e.code ?? ''} ${String(e.message).replace(/\s+/g, ' ')}`);
  }
}
if (!lost) console.log('after-loss ok 5 calls');
await first.client.close().catch(() => {});
if (!lost) process.exit(0);

const second = await connect();
await search(second.client);
console.log(`reconnect ok session ${second.transport.sessionId ?? 'none'}`);
await second.client.close();
