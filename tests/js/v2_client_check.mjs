// mcpd against the official MCP TypeScript SDK v2 client (@modelcontextprotocol/client
// 2.4.0), in each of its version-negotiation modes:
//   legacy  the default: an initialize handshake and a 2025-era session
//   auto    probes with server/discover and stays in 2026-07-28 when the server offers it
//   pin     {pin: '2026-07-28'}: fails unless the server offers that revision
// and over the legacy HTTP+SSE transport (/sse). For each it connects, checks the
// negotiated revision, lists the tools, searches, fetches the first hit and reads it as a
// resource, then closes. Exits non-zero with a message on the first failure.
//   node v2_client_check.mjs --url http://127.0.0.1:PORT --mode legacy|auto|pin|sse
//     --query WORD [--expect-version V]
// HTTPS: pass an https URL and trust the test CA with NODE_EXTRA_CA_CERTS. Needs Node >= 20.
import { Client, SSEClientTransport, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, value, i, all) => {
    if (value.startsWith('--')) pairs.push([value.slice(2), all[i + 1]]);
    return pairs;
  }, [])
);
const fail = (message) => {
  console.error(`v2_client_check (${args.mode}): ${message}`);
  process.exit(1);
};
if (!args.url || !args.mode || !args.query) fail('usage: --url URL --mode legacy|auto|pin|sse --query WORD');

const expected = args['expect-version'] ?? (args.mode === 'auto' || args.mode === 'pin' ? '2026-07-28' : '2025-11-25');
const negotiation = {
  legacy: undefined,
  sse: undefined,
  auto: { mode: 'auto' },
  pin: { mode: { pin: '2026-07-28' } },
}[args.mode];
if (!(args.mode in { legacy: 1, sse: 1, auto: 1, pin: 1 })) fail(`unknown mode ${args.mode}`);

const client = new Client(
  { name: 'mcpd-v2-client-check', version: '1.0.0' },
  negotiation ? { versionNegotiation: negotiation } : {}
);
const transport =
  args.mode === 'sse'
    ? new SSEClientTransport(new URL('/sse', args.url))
    : new StreamableHTTPClientTransport(new URL('/mcp', args.url));

const timer = setTimeout(() => fail('timed out after 20 s'), 20000);
try {
  await client.connect(transport);
  const version = client.getNegotiatedProtocolVersion();
  if (version !== expected) fail(`negotiated ${version}, expected ${expected}`);
  const server = client.getServerVersion();
  if (server?.name !== 'mcpd') fail(`server name ${JSON.stringify(server)}`);

  const { tools } = await client.listTools();
  const names = tools.map((t) => t.name).sort().join(',');
  if (names !== 'fetch,search') fail(`tools ${names}`);

  const search = await client.callTool({ name: 'search', arguments: { query: args.query } });
  if (search.isError) fail(`search failed: ${JSON.stringify(search.content)}`);
  const hits = JSON.parse(search.content[0].text).results;
  if (!Array.isArray(hits) || hits.length === 0) fail(`no search results for ${args.query}`);

  const fetched = await client.callTool({ name: 'fetch', arguments: { id: hits[0].id } });
  if (fetched.isError) fail(`fetch failed: ${JSON.stringify(fetched.content)}`);
  const page = JSON.parse(fetched.content[0].text);
  if (page.id !== hits[0].id || !page.text) fail(`fetch returned ${fetched.content[0].text.slice(0, 200)}`);

  const { resources } = await client.listResources();
  const resource = resources.find((r) => r.uri === `mcpd://docs/${hits[0].id}`);
  if (!resource) fail(`no resource mcpd://docs/${hits[0].id}`);
  const read = await client.readResource({ uri: resource.uri });
  if (!read.contents?.[0]?.text) fail('resources/read returned no text');

  await client.close();
  clearTimeout(timer);
  console.log(`ok ${args.mode}: ${version}, ${hits.length} hits, fetched ${hits[0].id}`);
} catch (error) {
  fail(error?.stack ?? String(error));
}
