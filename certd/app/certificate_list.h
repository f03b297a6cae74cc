#pragma once

// The YAML `certificates:` list (many certificates per daemon): parsing its items into
// CertificateConfig, printing it for check-config, and filling each item's empty fields
// from the top-level settings. Validation with YAML paths is in checkCertificates().
//
//   certificates:
//     - name: shop
//       domains: [shop.example.com, www.shop.example.com]
//       key_type: rsa2048
//       solver: webroot
//       webroot: /srv/www

#include <string>
#include <vector>

#include "certd/app/config.h"
#include "shared/config/raw_value.h"

namespace certd::app {

// Structure only: a YAML sequence of maps with known keys and values of the right kind.
// Errors name the item: "certificates[1]: unknown key \"domian\"". Environment and flag
// text is refused (the list is YAML only).
shared::Result<std::vector<CertificateConfig>> parseCertificateList(
    const shared::config::RawValue& raw);

// The name of a certificate whose configuration names none: its first domain, with each
// ':' of an IPv6 address made '_' ("::1" -> "__1") since the certs directory's file names
// hold no ':' (store/paths.h).
std::string defaultCertificateName(const std::string& first_domain);

// "shop (shop.example.com, www.shop.example.com); api (api.example.com)"; "" when empty.
std::string describeCertificateList(const std::vector<CertificateConfig>& certificates);

}  // namespace certd::app
