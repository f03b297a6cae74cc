#include "certd/dns/update_client.h"

#include "certd/dns/rcode.h"

namespace certd::dns {

shared::Status sendUpdate(const shared::net::HostPort& server, const TsigKey& key,
                          const Message& update, std::uint64_t now_seconds, Deadline deadline) {
  const std::string what =
      "update " + (update.authorities.empty() ? std::string("zone") : update.authorities[0].name);
  auto wire = encodeMessage(update);
  if (!wire) return wire.status();
  auto request = tsigSign(*wire, key, now_seconds);
  if (!request) return request.status();
  auto answer = exchange(server, request->wire, deadline);
  if (!answer) return answer.status();
  auto parsed = parseMessage(*answer);
  if (!parsed) return parsed.status().withContext(what + " at " + server.toString());
  const Message& response = parsed->message;
  if (!response.header.qr || response.header.opcode != opcode::kUpdate) {
    return shared::Status::ioError("dns: " + what + " at " + server.toString() +
                                   ": answer is not an UPDATE response");
  }
  auto tsig = findTsig(response);
  const std::uint16_t tsig_error = tsig ? tsig->error : 0;
  // RFC 8945 §5.3.2: answers to a bad signature are unsigned; report the codes as they are.
  if (auto status = rcodeStatus(response.header.rcode, tsig_error, what, server.toString());
      !status) {
    return status;
  }
  if (auto status = tsigVerifyResponse(*answer, *parsed, key, request->mac, now_seconds); !status) {
    return status.withContext("dns: " + what + " at " + server.toString());
  }
  return shared::Status::ok();
}

}  // namespace certd::dns
