#pragma once

// Owning handles for libldns objects and the conversions certd/dns needs around them: names
// between text ("a.test", no trailing dot; the root is "") and ldns's wire-form rdf, and
// ldns_status as a Status. Internal to certd/dns (its .cpp files include libldns; its public
// headers do not); include libldns through this header only. Pure; thread-safe.

// libldns's common.h defines the macros `true` and `false` as 1 and 0 unless stdbool.h came
// first, which would turn C++'s bool literals into ints in every file after it.
#include <stdbool.h>  // NOLINT(modernize-deprecated-headers): must precede ldns.h
// clang-format off
#include <ldns/ldns.h>
// clang-format on

#include <memory>
#include <string>
#include <string_view>

#include "shared/result.h"

namespace certd::dns {

struct RdfFree {
  void operator()(ldns_rdf* rdf) const { ldns_rdf_deep_free(rdf); }
};
using RdfPtr = std::unique_ptr<ldns_rdf, RdfFree>;

struct RrFree {
  void operator()(ldns_rr* rr) const { ldns_rr_free(rr); }
};
using RrPtr = std::unique_ptr<ldns_rr, RrFree>;

struct RrListFree {
  void operator()(ldns_rr_list* list) const { ldns_rr_list_deep_free(list); }
};
using RrListPtr = std::unique_ptr<ldns_rr_list, RrListFree>;

// "dns: <what>: <libldns's words for status>", kInvalidArgument.
shared::Status ldnsError(std::string_view what, ldns_status status);

// The absolute name for `text` (a trailing dot is optional). kInvalidArgument naming the name
// for an empty label, a label over 63 bytes or a name over 255 bytes.
shared::Result<RdfPtr> nameRdf(std::string_view text);

// The name as text without the trailing dot ("a.test"; "" for the root), escaped as
// libldns prints names (RFC 1035 §5.1 \DDD for unprintable bytes).
std::string nameText(const ldns_rdf* name);

}  // namespace certd::dns
