#include "certd/dns/update.h"

#include "certd/dns/ldns_handles.h"

namespace certd::dns {

namespace {

// The TXT record as rdfs of type STR, each a <character-string> of at most 255 bytes (RFC
// 1035 §3.3.14); an empty value is still one (empty) string.
shared::Result<RrPtr> txtRecord(std::string_view name, std::string_view value, ldns_rr_class klass,
                                std::uint32_t ttl) {
  auto owner = nameRdf(name);
  if (!owner) return owner.status();
  RrPtr rr(ldns_rr_new());
  if (!rr) return shared::Status::internal("dns: out of memory");
  ldns_rr_set_owner(rr.get(), owner->release());
  ldns_rr_set_type(rr.get(), LDNS_RR_TYPE_TXT);
  ldns_rr_set_class(rr.get(), klass);
  ldns_rr_set_ttl(rr.get(), ttl);
  do {
    const std::size_t chunk = value.size() < 255 ? value.size() : 255;
    std::string text(1, static_cast<char>(chunk));
    text.append(value.substr(0, chunk));
    value.remove_prefix(chunk);
    ldns_rdf* rdf = ldns_rdf_new_frm_data(LDNS_RDF_TYPE_STR, text.size(), text.data());
    if (rdf == nullptr || !ldns_rr_push_rdf(rr.get(), rdf)) {
      ldns_rdf_deep_free(rdf);
      return shared::Status::internal("dns: out of memory");
    }
  } while (!value.empty());
  return rr;
}

Message updateFor(std::string_view zone, std::string_view name, std::string_view value,
                  ldns_rr_class klass, std::uint32_t ttl, std::uint16_t id) {
  auto zone_name = nameRdf(zone);
  if (!zone_name) return Message(zone_name.status());
  auto record = txtRecord(name, value, klass, ttl);
  if (!record) return Message(record.status());
  RrListPtr updates(ldns_rr_list_new());
  if (!updates || !ldns_rr_list_push_rr(updates.get(), record->get())) {
    return Message(shared::Status::internal("dns: out of memory"));
  }
  record->release();  // owned by the list now
  // RFC 2136 §2.3: ZTYPE SOA, ZCLASS IN. ldns takes the zone name and copies the list.
  ldns_pkt* packet =
      ldns_update_pkt_new(zone_name->release(), LDNS_RR_CLASS_IN, nullptr, updates.get(), nullptr);
  if (packet == nullptr) return Message(shared::Status::internal("dns: cannot build an update"));
  ldns_pkt_set_rd(packet, false);  // ldns starts from a query; an UPDATE asks no recursion
  ldns_pkt_set_id(packet, id);
  return Message(packet);
}

}  // namespace

Message addTxtUpdate(std::string_view zone, std::string_view name, std::string_view value,
                     std::uint32_t ttl, std::uint16_t id) {
  return updateFor(zone, name, value, LDNS_RR_CLASS_IN, ttl, id);
}

Message deleteTxtUpdate(std::string_view zone, std::string_view name, std::string_view value,
                        std::uint16_t id) {
  return updateFor(zone, name, value, LDNS_RR_CLASS_NONE, 0, id);
}

}  // namespace certd::dns
