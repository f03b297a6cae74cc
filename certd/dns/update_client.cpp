#include "certd/dns/update_client.h"

#include "certd/dns/ldns_handles.h"
#include "certd/dns/rcode.h"

namespace certd::dns {

namespace {

// "update <the first updated name>", as errors name the update.
std::string describe(const Message& update) {
  const ldns_rr_list* updates = update.packet() ? ldns_pkt_authority(update.packet()) : nullptr;
  if (updates == nullptr || ldns_rr_list_rr_count(updates) == 0) return "update zone";
  return "update " + nameText(ldns_rr_owner(ldns_rr_list_rr(updates, 0)));
}

}  // namespace

shared::Status sendUpdate(const shared::net::HostPort& server, const TsigKey& key,
                          const Message& update, std::uint64_t now_seconds, Deadline deadline) {
  auto request = tsigSign(update, key);
  if (!request) return request.status();
  return sendSignedUpdate(server, key, update, *request, now_seconds, deadline);
}

shared::Status sendSignedUpdate(const shared::net::HostPort& server, const TsigKey& key,
                                const Message& update, const SignedRequest& signed_request,
                                std::uint64_t now_seconds, Deadline deadline) {
  const std::string what = describe(update);
  const std::string where = what + " at " + server.toString();
  // Over UDP a datagram with a guessed ID could claim success: a NOERROR answer that does not
  // verify is dropped and we keep waiting for the server's own.
  auto answer = exchange(server, signed_request.wire, deadline, [&](std::string_view datagram) {
    auto candidate = parseMessage(datagram);
    if (!candidate) return false;
    const ldns_pkt* packet = candidate->packet();
    if (ldns_pkt_get_rcode(packet) != LDNS_RCODE_NOERROR || tsigError(*candidate) != 0) return true;
    return tsigVerifyResponse(datagram, *candidate, key, signed_request.mac, now_seconds).isOk();
  });
  if (!answer) return answer.status();
  auto parsed = parseMessage(*answer);
  if (!parsed) return parsed.status().withContext(where);
  const ldns_pkt* response = parsed->packet();
  if (!ldns_pkt_qr(response) || ldns_pkt_get_opcode(response) != LDNS_PACKET_UPDATE) {
    return shared::Status::ioError("dns: " + where + ": answer is not an UPDATE response");
  }
  // RFC 8945 §5.3.2: answers to a bad signature are unsigned; report the codes as they are.
  if (auto status = rcodeStatus(static_cast<std::uint16_t>(ldns_pkt_get_rcode(response)),
                                tsigError(*parsed), what, server.toString());
      !status) {
    return status;
  }
  if (auto status = tsigVerifyResponse(*answer, *parsed, key, signed_request.mac, now_seconds);
      !status) {
    return status.withContext("dns: " + where);
  }
  return shared::Status::ok();
}

}  // namespace certd::dns
