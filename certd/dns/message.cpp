#include "certd/dns/message.h"

#include "certd/dns/name.h"
#include "certd/dns/wire_buffer.h"

namespace certd::dns {

namespace {

shared::Status appendRecord(std::string& out, const ResourceRecord& record) {
  auto name = encodeName(record.name);
  if (!name) return name.status();
  if (record.rdata.size() > 0xFFFF) {
    return shared::Status::invalidArgument("dns: rdata of " + record.name + " over 65535 bytes");
  }
  out += *name;
  putU16(out, record.type);
  putU16(out, record.klass);
  putU32(out, record.ttl);
  putU16(out, static_cast<std::uint16_t>(record.rdata.size()));
  out += record.rdata;
  return shared::Status::ok();
}

// Expands the compressed names at the start of NS/CNAME (one name) and SOA (two names
// plus 20 bytes of counters) RDATA, RFC 1035 §3.3.
shared::Result<std::string> expandRdata(std::string_view wire, std::uint16_t type,
                                        std::size_t start, std::size_t length) {
  const std::size_t end = start + length;
  const int names = type == rrtype::kSoa                              ? 2
                    : (type == rrtype::kNs || type == rrtype::kCname) ? 1
                                                                      : 0;
  if (names == 0) return std::string(wire.substr(start, length));
  std::string rdata;
  std::size_t offset = start;
  for (int i = 0; i < names; ++i) {
    auto name = decodeName(wire, offset);
    if (!name) return name.status();
    auto encoded = encodeName(*name);
    if (!encoded) return encoded.status();
    rdata += *encoded;
  }
  if (offset > end) return shared::Status::invalidArgument("dns: rdata names overrun rdata");
  rdata.append(wire.substr(offset, end - offset));
  return rdata;
}

shared::Result<ResourceRecord> readRecord(std::string_view wire, std::size_t& offset) {
  auto name = decodeName(wire, offset);
  if (!name) return name.status();
  WireReader reader(wire, offset);
  ResourceRecord record;
  record.name = *name;
  std::uint16_t length = 0;
  if (!reader.u16(record.type) || !reader.u16(record.klass) || !reader.u32(record.ttl) ||
      !reader.u16(length) || reader.remaining() < length) {
    return shared::Status::invalidArgument("dns: truncated record " + record.name);
  }
  auto rdata = expandRdata(wire, record.type, reader.offset(), length);
  if (!rdata) return rdata.status();
  record.rdata = std::move(*rdata);
  offset = reader.offset() + length;
  return record;
}

}  // namespace

shared::Result<std::string> encodeMessage(const Message& message) {
  for (const auto* section : {&message.answers, &message.authorities, &message.additionals}) {
    if (section->size() > 0xFFFF) return shared::Status::invalidArgument("dns: section too big");
  }
  if (message.questions.size() > 0xFFFF) {
    return shared::Status::invalidArgument("dns: section too big");
  }
  const Header& h = message.header;
  std::string out;
  putU16(out, h.id);
  // RFC 1035 §4.1.1: QR(1) OPCODE(4) AA TC RD RA Z(3) RCODE(4).
  const auto flags = static_cast<std::uint16_t>(
      (h.qr ? 0x8000 : 0) | ((h.opcode & 0xF) << 11) | (h.aa ? 0x0400 : 0) | (h.tc ? 0x0200 : 0) |
      (h.rd ? 0x0100 : 0) | (h.ra ? 0x0080 : 0) | (h.rcode & 0xF));
  putU16(out, flags);
  putU16(out, static_cast<std::uint16_t>(message.questions.size()));
  putU16(out, static_cast<std::uint16_t>(message.answers.size()));
  putU16(out, static_cast<std::uint16_t>(message.authorities.size()));
  putU16(out, static_cast<std::uint16_t>(message.additionals.size()));
  for (const Question& q : message.questions) {
    auto name = encodeName(q.name);
    if (!name) return name.status();
    out += *name;
    putU16(out, q.type);
    putU16(out, q.klass);
  }
  for (const auto* section : {&message.answers, &message.authorities, &message.additionals}) {
    for (const ResourceRecord& record : *section) {
      if (auto status = appendRecord(out, record); !status) return status;
    }
  }
  return out;
}

shared::Result<ParsedMessage> parseMessage(std::string_view wire) {
  WireReader reader(wire, 0);
  ParsedMessage parsed;
  Header& h = parsed.message.header;
  std::uint16_t flags = 0;
  std::uint16_t counts[4] = {};
  if (!reader.u16(h.id) || !reader.u16(flags) || !reader.u16(counts[0]) || !reader.u16(counts[1]) ||
      !reader.u16(counts[2]) || !reader.u16(counts[3])) {
    return shared::Status::invalidArgument("dns: message shorter than its 12-byte header");
  }
  h.qr = (flags & 0x8000) != 0;
  h.opcode = static_cast<std::uint8_t>((flags >> 11) & 0xF);
  h.aa = (flags & 0x0400) != 0;
  h.tc = (flags & 0x0200) != 0;
  h.rd = (flags & 0x0100) != 0;
  h.ra = (flags & 0x0080) != 0;
  h.rcode = static_cast<std::uint8_t>(flags & 0xF);
  std::size_t offset = reader.offset();
  for (int i = 0; i < counts[0]; ++i) {
    auto name = decodeName(wire, offset);
    if (!name) return name.status();
    WireReader fields(wire, offset);
    Question q;
    q.name = *name;
    if (!fields.u16(q.type) || !fields.u16(q.klass)) {
      return shared::Status::invalidArgument("dns: truncated question " + q.name);
    }
    offset = fields.offset();
    parsed.message.questions.push_back(std::move(q));
  }
  std::vector<ResourceRecord>* sections[3] = {&parsed.message.answers, &parsed.message.authorities,
                                              &parsed.message.additionals};
  for (int s = 0; s < 3; ++s) {
    for (int i = 0; i < counts[s + 1]; ++i) {
      if (s == 2) parsed.last_additional_offset = offset;
      auto record = readRecord(wire, offset);
      if (!record) return record.status();
      sections[s]->push_back(std::move(*record));
    }
  }
  return parsed;
}

}  // namespace certd::dns
