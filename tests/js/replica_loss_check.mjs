#!/usr/bin/env node
// What the official v1 TypeScript SDK client does when the replica holding its session dies
// behind a load balancer (tests/e2e/replicas_behind_haproxy_test.sh):
//
//   node replica_loss_check.mjs --url http://127.0.0.1:LB_PORT
//
// Connects over Streamable HTTP, calls `search`, prints "session ID" and waits for a line on
// stdin (the test kills that session's replica, then writes one). Then calls `search` again
// and prints what the SDK reports ("after-loss error CODE MESSAGE" or "after-loss ok"), and
// whether a fresh Client on the same URL gets a new session and answers ("reconnect ok
// session ID"). Exits 1 on anything else.
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const { values: args } = parseArgs({ options: { url: { type: 'string' } } });
const endpoint = new URL('/mcp', args.url);

async function connect() {
  const client = new Client({ name: 'replica-loss-check', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(endpoint);
  await client.connect(transport);
  return { client, transport };
}
const search = (client) => client.callTool({ name: 'search', arguments: { query: 'certificate' } });

const first = await connect();
await search(first.client);
console.log(`session ${first.transport.sessionId}`);

const lines = readline.createInterface({ input: process.stdin });
await new Promise((resolve) => lines.once('line', resolve));
lines.close();

try {
  await search(first.client);
  console.log('after-loss ok');
} catch (e) {
  console.log(`after-loss error ${e.code ?? ''} ${String(e.message).replace(/\s+/g, ' ')}`);
}
await first.client.close().catch(() => {});

const second = await connect();
const result = await search(second.client);
if (result.isError) {
  console.log('reconnect failed: the search result is an error');
  process.exit(1);
}
console.log(`reconnect ok session ${second.transport.sessionId}`);
await second.client.close();
