#include "certd/dns/rdata.h"

#include "certd/dns/name.h"

namespace certd::dns {

std::string txtRdata(std::string_view value) {
  std::string rdata;
  // An empty value is still one (empty) <character-string>.
  do {
    const std::size_t chunk = value.size() < 255 ? value.size() : 255;
    rdata.push_back(static_cast<char>(chunk));
    rdata.append(value.substr(0, chunk));
    value.remove_prefix(chunk);
  } while (!value.empty());
  return rdata;
}

shared::Result<std::string> parseTxtRdata(std::string_view rdata) {
  std::string value;
  std::size_t offset = 0;
  while (offset < rdata.size()) {
    const auto length = static_cast<unsigned char>(rdata[offset]);
    if (offset + 1 + length > rdata.size()) {
      return shared::Status::invalidArgument("dns: TXT character-string runs past its rdata");
    }
    value.append(rdata.substr(offset + 1, length));
    offset += 1 + length;
  }
  return value;
}

shared::Result<std::string> parseARdata(std::string_view rdata) {
  if (rdata.size() != 4) return shared::Status::invalidArgument("dns: A rdata is not 4 bytes");
  std::string text;
  for (int i = 0; i < 4; ++i) {
    if (i > 0) text.push_back('.');
    text += std::to_string(static_cast<unsigned char>(rdata[i]));
  }
  return text;
}

shared::Result<std::string> parseNameRdata(std::string_view rdata) {
  std::size_t offset = 0;
  return decodeName(rdata, offset);
}

}  // namespace certd::dns
