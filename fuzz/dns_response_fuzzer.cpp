// libFuzzer target: arbitrary bytes as a DNS answer, through everything certd does with one
// (certd/dns): libldns's parser behind parseMessage and certd's check that a TSIG record
// comes last, the match against our question, the TXT, A and NS values read as text, the
// zone walk's SOA lookups, and for an UPDATE answer the TSIG error and the verification of
// its signature (with the key of the seeds' signed packets). None may crash, leak or trip
// a sanitizer; errors must come back as Status. libldns itself is Debian's build: not
// instrumented, but its leaks and out-of-bounds writes into our buffers still show.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "certd/dns/ldns_handles.h"
#include "certd/dns/message.h"
#include "certd/dns/query.h"
#include "certd/dns/tsig.h"
#include "certd/dns/update.h"

namespace {

using namespace certd::dns;

// What the answer is checked against: a TXT question, and an update signed by "certd-key"
// (the key of fuzz/seeds/dns/nsupdate_signed).
Message txtQuestion() {
  ldns_pkt* packet = nullptr;
  ldns_pkt_query_new_frm_str(&packet, "a.test", LDNS_RR_TYPE_TXT, LDNS_RR_CLASS_IN, LDNS_RD);
  return Message(packet);
}

struct Fixture {
  Message question = txtQuestion();
  TsigKey key =
      *makeTsigKey("certd-key", "hmac-sha256", "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXh5eg==");
  SignedRequest request =
      *tsigSign(addTxtUpdate("test", "_acme-challenge.foo.test", "hello", 60, 0x124b), key);
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Fixture fixture;
  const std::string_view wire(reinterpret_cast<const char*>(data), size);
  auto parsed = parseMessage(wire);
  if (!parsed) return 0;
  (void)answersQuestion(*parsed, fixture.question);
  for (std::uint16_t type : {rrtype::kTxt, rrtype::kA, rrtype::kNs, rrtype::kSoa}) {
    (void)answerValues(*parsed, "a.test", type);
  }
  // The name the answer claims to answer, as query() would then look it up.
  const ldns_rr_list* questions = ldns_pkt_question(parsed->packet());
  if (ldns_rr_list_rr_count(questions) > 0) {
    const std::string name = nameText(ldns_rr_owner(ldns_rr_list_rr(questions, 0)));
    if (!name.empty()) (void)answerValues(*parsed, name, rrtype::kTxt);
  }
  (void)tsigError(*parsed);
  (void)tsigVerifyResponse(wire, *parsed, fixture.key, fixture.request.mac, 0x6b027450);
  return 0;
}
