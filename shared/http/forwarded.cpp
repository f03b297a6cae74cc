#include "shared/http/forwarded.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "shared/text.h"

namespace shared::http {
namespace {

using net::IpBytes;

// One hop as a header names it: an address, or none (unknown, obfuscated, absent).
struct Hop {
  std::optional<IpBytes> address;
  std::string proto;  // lower case; empty: not given
  std::string host;   // empty: not given
};

template <class T>
struct Parsed {
  std::vector<T> items;
  std::string problem;  // non-empty: malformed
};

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool allOf(std::string_view text, bool (*ok)(char)) {
  return !text.empty() && std::all_of(text.begin(), text.end(), ok);
}

// RFC 7239 §6.3: obfuscated identifiers are "_" followed by ALPHA / DIGIT / "." / "_" / "-".
bool isObfuscated(std::string_view text) {
  return text.size() > 1 && text[0] == '_' && allOf(text.substr(1), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
         });
}

bool isPort(std::string_view text) {
  if (isObfuscated(text)) return true;
  return text.size() <= 5 &&
         allOf(text, [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

// A Host value: a name, an IPv4 address or a bracketed IPv6 one, with an optional port.
bool isHost(std::string_view text) {
  return text.size() <= 255 && allOf(text, [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_' ||
                  c == ':' || c == '[' || c == ']';
         });
}

// RFC 7239 §6: node = nodename [ ":" node-port ]; nodename = IPv4 / "[" IPv6 "]" /
// "unknown" / obfnode. Also accepts a bare IPv6 address (X-Forwarded-For writes them so).
// false: malformed; `address` stays empty for a node that names no address.
bool parseNode(std::string_view text, std::optional<IpBytes>& address) {
  address.reset();
  if (text == "unknown" || text == "UNKNOWN" || isObfuscated(text)) return true;
  std::string_view name = text;
  if (text.starts_with('[')) {
    const auto close = text.find(']');
    if (close == std::string_view::npos) return false;
    name = text.substr(1, close - 1);
    const std::string_view rest = text.substr(close + 1);
    if (!rest.empty() && !(rest[0] == ':' && isPort(rest.substr(1)))) return false;
    address = net::parseIp(name);
    return address.has_value() && name.find(':') != std::string_view::npos;  // IPv6 (or mapped)
  }
  if (const auto colon = text.find(':');
      colon != std::string_view::npos && text.find(':', colon + 1) == std::string_view::npos) {
    if (!isPort(text.substr(colon + 1))) return false;  // IPv4:port
    name = text.substr(0, colon);
    if (name == "unknown" || isObfuscated(name)) return true;
  }
  address = net::parseIp(name);
  return address.has_value();
}

// "http"/"https", or empty for another (well-formed) scheme; false when malformed.
bool parseProto(std::string_view text, std::string& proto) {
  const bool ok =
      !text.empty() && std::isalpha(static_cast<unsigned char>(text[0])) && allOf(text, [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
      });
  if (!ok) return false;
  proto = asciiLowered(text);
  if (proto != "http" && proto != "https") proto.clear();
  return true;
}

// Splits `line` at `separator` outside quoted strings; false on an unterminated quote.
bool splitOutsideQuotes(std::string_view line, char separator, std::vector<std::string_view>& out) {
  bool quoted = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted && c == '\\') {
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (!quoted && c == separator) {
      out.push_back(line.substr(start, i - start));
      start = i + 1;
    }
  }
  if (quoted) return false;
  out.push_back(line.substr(start));
  return true;
}

// A token or a quoted-string (RFC 7230 §3.2.6), unquoted; nullopt when malformed.
std::optional<std::string> parseValue(std::string_view text) {
  if (!text.starts_with('"')) {
    if (!allOf(text, isHttpTokenChar)) return std::nullopt;
    return std::string(text);
  }
  if (text.size() < 2 || !text.ends_with('"')) return std::nullopt;
  std::string value;
  for (std::size_t i = 1; i + 1 < text.size(); ++i) {
    char c = text[i];
    if (c == '\\') {
      if (i + 2 >= text.size()) return std::nullopt;
      c = text[++i];
    } else if (c == '"') {
      return std::nullopt;
    }
    if (static_cast<unsigned char>(c) < 0x20 && c != '\t') return std::nullopt;
    value.push_back(c);
  }
  return value;
}

Parsed<Hop> parseForwarded(const std::vector<std::string>& lines) {
  Parsed<Hop> parsed;
  auto bad = [&parsed](std::string why) {
    parsed.items.clear();
    parsed.problem = "Forwarded: " + std::move(why);
    return parsed;
  };
  for (const std::string& line : lines) {
    std::vector<std::string_view> elements;
    if (!splitOutsideQuotes(line, ',', elements)) return bad("unterminated quoted string");
    for (std::string_view element : elements) {
      element = trim(element);
      if (element.empty()) continue;  // RFC 7230 §7: empty list elements are allowed
      if (parsed.items.size() == kMaxForwardedHops) return bad("too many elements");
      std::vector<std::string_view> pairs;
      (void)splitOutsideQuotes(element, ';', pairs);
      Hop hop;
      bool seen_for = false, seen_proto = false, seen_host = false;
      for (std::string_view pair : pairs) {
        pair = trim(pair);
        if (pair.empty()) continue;
        const auto equals = pair.find('=');
        if (equals == std::string_view::npos || !allOf(pair.substr(0, equals), isHttpTokenChar))
          return bad("a parameter is not name=value");
        const std::string name = asciiLowered(pair.substr(0, equals));
        const auto value = parseValue(pair.substr(equals + 1));
        if (!value) return bad("malformed value of " + name);
        // RFC 7239 §4: each parameter at most once per element.
        if (name == "for") {
          if (seen_for) return bad("for= twice in one element");
          seen_for = true;
          if (!parseNode(*value, hop.address)) return bad("for= is not a node");
        } else if (name == "proto") {
          if (seen_proto) return bad("proto= twice in one element");
          seen_proto = true;
          if (!parseProto(*value, hop.proto)) return bad("proto= is not a scheme");
        } else if (name == "host") {
          if (seen_host) return bad("host= twice in one element");
          seen_host = true;
          if (!isHost(*value)) return bad("host= is not a host");
          hop.host = *value;
        }  // by= and extensions: not needed here
      }
      parsed.items.push_back(std::move(hop));
    }
  }
  return parsed;
}

// The comma-separated values of one header's lines, trimmed; empty items are skipped.
Parsed<std::string> listValues(const std::vector<std::string>& lines, std::string_view header) {
  Parsed<std::string> parsed;
  for (const std::string& line : lines) {
    std::size_t start = 0;
    while (start <= line.size()) {
      const auto comma = std::min(line.find(',', start), line.size());
      const std::string_view item = trim(std::string_view(line).substr(start, comma - start));
      start = comma + 1;
      if (item.empty()) continue;
      if (parsed.items.size() == kMaxForwardedHops) {
        parsed.items.clear();
        parsed.problem = std::string(header) + ": too many values";
        return parsed;
      }
      parsed.items.emplace_back(item);
    }
  }
  return parsed;
}

Parsed<Hop> parseXForwarded(const ForwardingHeaders& headers) {
  Parsed<Hop> parsed;
  auto bad = [&parsed](std::string why) {
    parsed.items.clear();
    parsed.problem = std::move(why);
    return parsed;
  };
  const auto addresses = listValues(headers.x_forwarded_for, "X-Forwarded-For");
  if (!addresses.problem.empty()) return bad(addresses.problem);
  for (const std::string& item : addresses.items) {
    Hop hop;
    if (item != "unknown" && !parseNode(item, hop.address))
      return bad("X-Forwarded-For: \"" + item.substr(0, 64) + "\" is not an address");
    parsed.items.push_back(std::move(hop));
  }
  // Scheme and host: one value for the whole chain, or one per hop.
  const auto protos = listValues(headers.x_forwarded_proto, "X-Forwarded-Proto");
  const auto hosts = listValues(headers.x_forwarded_host, "X-Forwarded-Host");
  for (const auto& [values, name] :
       {std::pair{&protos, "X-Forwarded-Proto"}, std::pair{&hosts, "X-Forwarded-Host"}}) {
    if (!values->problem.empty()) return bad(values->problem);
    if (values->items.size() > 1 && values->items.size() != parsed.items.size())
      return bad(std::string(name) + ": as many values as X-Forwarded-For, or one");
  }
  if (parsed.items.empty() && (!protos.items.empty() || !hosts.items.empty()))
    parsed.items.emplace_back();  // the trusted peer speaks for a client it does not name
  for (std::size_t i = 0; i < parsed.items.size(); ++i) {
    Hop& hop = parsed.items[i];
    if (!protos.items.empty()) {
      const std::string& proto = protos.items.size() == 1 ? protos.items[0] : protos.items[i];
      if (!parseProto(proto, hop.proto)) return bad("X-Forwarded-Proto: not a scheme");
    }
    if (!hosts.items.empty()) {
      hop.host = hosts.items.size() == 1 ? hosts.items[0] : hosts.items[i];
      if (!isHost(hop.host)) return bad("X-Forwarded-Host: not a host");
    }
  }
  return parsed;
}

}  // namespace

ForwardingSource forwardingSourceNamed(const std::string& name) {
  if (name == "forwarded") return ForwardingSource::kForwarded;
  if (name == "x-forwarded-for") return ForwardingSource::kXForwarded;
  return ForwardingSource::kEither;
}

Forwarding resolveForwarded(const RequestOrigin& direct, const ForwardingHeaders& headers,
                            const net::AddressSet& trusted) {
  Forwarding result{.origin = direct};
  const auto peer = net::parseIp(direct.client);
  if (!peer || !trusted.contains(*peer)) return result;

  Parsed<Hop> hops;
  if (!headers.forwarded.empty()) {
    hops = parseForwarded(headers.forwarded);
    if (!hops.problem.empty()) result.problem = hops.problem;
  }
  if (hops.items.empty()) {
    const std::string forwarded_problem = result.problem;
    hops = parseXForwarded(headers);
    if (!hops.problem.empty())
      result.problem =
          forwarded_problem.empty() ? hops.problem : forwarded_problem + "; " + hops.problem;
  }

  IpBytes current = *peer;
  for (auto it = hops.items.rbegin(); it != hops.items.rend(); ++it) {
    if (!trusted.contains(current)) break;  // the client: nothing it says is believed
    result.forwarded = true;
    if (!it->proto.empty()) result.origin.scheme = it->proto;
    if (!it->host.empty()) result.origin.host = it->host;
    if (!it->address) break;  // the hop does not name its client: the proxy is as far as we see
    current = *it->address;
  }
  result.origin.client = net::ipText(current);
  return result;
}

}  // namespace shared::http
