#include "certd/dns/rcode.h"

namespace certd::dns {

std::string rcodeName(std::uint16_t code) {
  switch (static_cast<Rcode>(code)) {
    case Rcode::kNoError:
      return "NOERROR";
    case Rcode::kFormErr:
      return "FORMERR";
    case Rcode::kServFail:
      return "SERVFAIL";
    case Rcode::kNxDomain:
      return "NXDOMAIN";
    case Rcode::kNotImp:
      return "NOTIMP";
    case Rcode::kRefused:
      return "REFUSED";
    case Rcode::kYxDomain:
      return "YXDOMAIN";
    case Rcode::kYxRrset:
      return "YXRRSET";
    case Rcode::kNxRrset:
      return "NXRRSET";
    case Rcode::kNotAuth:
      return "NOTAUTH";
    case Rcode::kNotZone:
      return "NOTZONE";
    case Rcode::kBadSig:
      return "BADSIG";
    case Rcode::kBadKey:
      return "BADKEY";
    case Rcode::kBadTime:
      return "BADTIME";
    case Rcode::kBadTrunc:
      return "BADTRUNC";
  }
  return "RCODE" + std::to_string(code);
}

shared::Status rcodeStatus(std::uint16_t rcode, std::uint16_t tsig_error, std::string_view what,
                           std::string_view server) {
  if (rcode == 0 && tsig_error == 0) return shared::Status::ok();
  std::string message =
      "dns: " + std::string(what) + " at " + std::string(server) + ": " + rcodeName(rcode);
  if (tsig_error != 0) message += " (TSIG error " + rcodeName(tsig_error) + ")";
  const auto code = static_cast<Rcode>(tsig_error != 0 ? tsig_error : rcode);
  switch (code) {
    case Rcode::kNotAuth:
    case Rcode::kRefused:
    case Rcode::kBadKey:
    case Rcode::kBadSig:
      return shared::Status::permissionDenied(std::move(message));
    case Rcode::kServFail:
    case Rcode::kBadTime:
      return shared::Status::unavailable(std::move(message));
    case Rcode::kNxDomain:
      return shared::Status::notFound(std::move(message));
    default:
      return shared::Status::ioError(std::move(message));
  }
}

}  // namespace certd::dns
