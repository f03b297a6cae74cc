// Preload (node --import ./resolve_override.mjs ...) that answers chosen host names with
// fixed addresses, as curl's --resolve does, so a client can reach a certificate's real
// name on loopback without the system resolver ever seeing it (all test traffic stays on
// the machine). MCP_TEST_RESOLVE="name=127.0.0.1[,name2=::1]"; other names resolve as usual.
//
// Node's net.connect, which the fetch behind the SDK's transports uses, looks up names
// through dns.lookup at call time, so replacing that one function covers every connection.
import dns from 'node:dns';
import net from 'node:net';

const table = new Map();
for (const entry of (process.env.MCP_TEST_RESOLVE ?? '').split(',').filter(Boolean)) {
  const [name, address] = entry.split('=');
  if (!name || !net.isIP(address ?? '')) {
    console.error(`resolve_override: bad MCP_TEST_RESOLVE entry '${entry}' (want name=ip)`);
    process.exit(2);
  }
  table.set(name.toLowerCase(), address);
}

const systemLookup = dns.lookup;
dns.lookup = function lookup(hostname, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = {};
  } else if (typeof options === 'number') {
    options = { family: options };
  }
  const address = table.get(String(hostname).toLowerCase());
  if (address === undefined) return systemLookup.call(dns, hostname, options, callback);
  const family = net.isIP(address);
  process.nextTick(() => {
    if (options?.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  });
  return {};
};
