#include "certd/dns/query.h"

#include <arpa/inet.h>
#include <openssl/rand.h>

#include <random>

#include "certd/dns/ldns_handles.h"
#include "certd/dns/rcode.h"

namespace certd::dns {

namespace {

std::string typeName(std::uint16_t type) {
  switch (type) {
    case rrtype::kA:
      return "A";
    case rrtype::kNs:
      return "NS";
    case rrtype::kSoa:
      return "SOA";
    case rrtype::kTxt:
      return "TXT";
    default:
      return "TYPE" + std::to_string(type);
  }
}

// TXT RDATA is one or more <character-string>s (RFC 1035 §3.3.14); libldns has checked
// that each length byte fits its rdf.
shared::Result<std::string> txtValue(const ldns_rr* rr) {
  std::string value;
  for (std::size_t i = 0; i < ldns_rr_rd_count(rr); ++i) {
    const ldns_rdf* rdf = ldns_rr_rdf(rr, i);
    const std::uint8_t* data = ldns_rdf_data(rdf);
    const std::size_t size = ldns_rdf_size(rdf);
    if (ldns_rdf_get_type(rdf) != LDNS_RDF_TYPE_STR || size < 1 || data[0] + 1u != size) {
      return shared::Status::invalidArgument("dns: malformed TXT record");
    }
    value.append(reinterpret_cast<const char*>(data) + 1, size - 1);
  }
  return value;
}

shared::Result<std::string> recordValue(const ldns_rr* rr, std::uint16_t type) {
  if (type == rrtype::kTxt) return txtValue(rr);
  const ldns_rdf* rdf = ldns_rr_rd_count(rr) == 1 ? ldns_rr_rdf(rr, 0) : nullptr;
  if (type == rrtype::kA) {
    if (rdf == nullptr || ldns_rdf_get_type(rdf) != LDNS_RDF_TYPE_A || ldns_rdf_size(rdf) != 4) {
      return shared::Status::invalidArgument("dns: malformed A record");
    }
    char text[INET_ADDRSTRLEN] = {};
    ::inet_ntop(AF_INET, ldns_rdf_data(rdf), text, sizeof text);
    return std::string(text);
  }
  if (rdf == nullptr || ldns_rdf_get_type(rdf) != LDNS_RDF_TYPE_DNAME) {
    return shared::Status::invalidArgument("dns: malformed " + typeName(type) + " record");
  }
  return nameText(rdf);
}

// The first record of `type` in `list` owned by `owner` or, when `or_above` is set, by
// one of its ancestors.
const ldns_rr* findRecord(const ldns_rr_list* list, const ldns_rdf* owner, std::uint16_t type,
                          bool or_above) {
  for (std::size_t i = 0; i < ldns_rr_list_rr_count(list); ++i) {
    const ldns_rr* rr = ldns_rr_list_rr(list, i);
    if (ldns_rr_get_type(rr) != type) continue;
    if (ldns_dname_compare(ldns_rr_owner(rr), owner) == 0) return rr;
    if (or_above && ldns_dname_is_subdomain(owner, ldns_rr_owner(rr))) return rr;
  }
  return nullptr;
}

}  // namespace

std::uint16_t randomId() {
  unsigned char bytes[2];
  if (RAND_bytes(bytes, sizeof bytes) != 1) {
    static thread_local std::random_device device;
    return static_cast<std::uint16_t>(device());
  }
  return static_cast<std::uint16_t>((bytes[0] << 8) | bytes[1]);
}

bool answersQuestion(const Message& answer, const Message& request) {
  const ldns_pkt* a = answer.packet();
  const ldns_pkt* r = request.packet();
  if (a == nullptr || r == nullptr || !ldns_pkt_qr(a) || ldns_pkt_qdcount(a) != 1 ||
      ldns_rr_list_rr_count(ldns_pkt_question(a)) != 1 ||
      ldns_rr_list_rr_count(ldns_pkt_question(r)) != 1) {
    return false;
  }
  const ldns_rr* asked = ldns_rr_list_rr(ldns_pkt_question(r), 0);
  const ldns_rr* echoed = ldns_rr_list_rr(ldns_pkt_question(a), 0);
  return ldns_rr_get_type(asked) == ldns_rr_get_type(echoed) &&
         ldns_rr_get_class(asked) == ldns_rr_get_class(echoed) &&
         ldns_dname_compare(ldns_rr_owner(asked), ldns_rr_owner(echoed)) == 0;
}

shared::Result<std::vector<std::string>> answerValues(const Message& answer, std::string_view name,
                                                      std::uint16_t type) {
  auto owner = nameRdf(name);
  if (!owner) return owner.status();
  std::vector<std::string> values;
  if (answer.packet() == nullptr) return values;
  const ldns_rr_list* answers = ldns_pkt_answer(answer.packet());
  for (std::size_t i = 0; i < ldns_rr_list_rr_count(answers); ++i) {
    const ldns_rr* rr = ldns_rr_list_rr(answers, i);
    if (ldns_rr_get_type(rr) != type || ldns_dname_compare(ldns_rr_owner(rr), owner->get()) != 0) {
      continue;
    }
    auto value = recordValue(rr, type);
    if (!value) return value.status();
    values.push_back(std::move(*value));
  }
  return values;
}

shared::Result<Message> query(const shared::net::HostPort& server, std::string_view name,
                              std::uint16_t type, Deadline deadline) {
  auto owner = nameRdf(name);
  if (!owner) return owner.status();
  const std::string text = nameText(owner->get());
  ldns_pkt* packet = ldns_pkt_query_new(owner->release(), static_cast<ldns_rr_type>(type),
                                        LDNS_RR_CLASS_IN, LDNS_RD);
  if (packet == nullptr) return shared::Status::internal("dns: cannot build a query");
  ldns_pkt_set_id(packet, randomId());
  const Message request(packet);
  auto wire = encodeMessage(request);
  if (!wire) return wire.status();
  // Over UDP anyone can send us a datagram with a guessed ID: one that does not answer our
  // question is dropped like one with another ID, and we keep waiting.
  auto answer = exchange(server, *wire, deadline, [&request](std::string_view datagram) {
    auto parsed = parseMessage(datagram);
    return parsed && answersQuestion(*parsed, request);
  });
  if (!answer) return answer.status();
  auto parsed = parseMessage(*answer);
  if (!parsed) return parsed.status().withContext(server.toString());
  if (!answersQuestion(*parsed, request)) {
    return shared::Status::ioError("dns: " + server.toString() +
                                   ": answer does not match the question");
  }
  const auto rcode = static_cast<std::uint16_t>(ldns_pkt_get_rcode(parsed->packet()));
  if (rcode != 0 && rcode != static_cast<std::uint16_t>(Rcode::kNxDomain)) {
    return rcodeStatus(rcode, 0, "query " + text + " " + typeName(type), server.toString());
  }
  return std::move(*parsed);
}

shared::Result<std::vector<std::string>> queryTxt(const shared::net::HostPort& server,
                                                  std::string_view name, Deadline deadline) {
  auto message = query(server, name, rrtype::kTxt, deadline);
  if (!message) return message.status();
  auto values = answerValues(*message, name, rrtype::kTxt);
  if (!values) return values.status().withContext(server.toString());
  return values;
}

shared::Result<std::vector<std::string>> queryNs(const shared::net::HostPort& server,
                                                 std::string_view zone, Deadline deadline) {
  auto message = query(server, zone, rrtype::kNs, deadline);
  if (!message) return message.status();
  auto names = answerValues(*message, zone, rrtype::kNs);
  if (!names) return names.status().withContext(server.toString());
  if (names->empty()) {
    return shared::Status::notFound("dns: " + server.toString() + ": no NS records for " +
                                    nameText(nameRdf(zone)->get()));
  }
  return names;
}

shared::Result<std::vector<std::string>> queryA(const shared::net::HostPort& server,
                                                std::string_view name, Deadline deadline) {
  auto message = query(server, name, rrtype::kA, deadline);
  if (!message) return message.status();
  auto addresses = answerValues(*message, name, rrtype::kA);
  if (!addresses) return addresses.status().withContext(server.toString());
  if (addresses->empty()) {
    return shared::Status::notFound("dns: " + server.toString() + ": no A records for " +
                                    nameText(nameRdf(name)->get()));
  }
  return addresses;
}

shared::Result<std::string> findZone(const std::vector<shared::net::HostPort>& resolvers,
                                     std::string_view name, Deadline deadline) {
  auto start = nameRdf(name);
  if (!start) return start.status();
  const std::string text = nameText(start->get());
  shared::Status last = shared::Status::notFound("dns: no resolvers configured");
  for (const shared::net::HostPort& resolver : resolvers) {
    RdfPtr candidate(ldns_rdf_clone(start->get()));
    while (candidate && ldns_dname_label_count(candidate.get()) > 0) {
      auto message = query(resolver, nameText(candidate.get()), rrtype::kSoa, deadline);
      if (!message) {
        last = message.status();
        break;  // this resolver fails; try the next one
      }
      const ldns_pkt* packet = message->packet();
      if (findRecord(ldns_pkt_answer(packet), candidate.get(), rrtype::kSoa, false) != nullptr) {
        return nameText(candidate.get());
      }
      // RFC 2308 §3: a negative answer carries the zone's SOA in the authority section. Only
      // a zone at or above the name asked counts.
      if (const ldns_rr* soa =
              findRecord(ldns_pkt_authority(packet), candidate.get(), rrtype::kSoa, true)) {
        return nameText(ldns_rr_owner(soa));
      }
      last = shared::Status::notFound("dns: no zone found for " + text + " via " +
                                      resolver.toString());
      candidate.reset(ldns_dname_left_chop(candidate.get()));
    }
  }
  return last;
}

}  // namespace certd::dns
