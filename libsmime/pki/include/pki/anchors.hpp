// The keyring's trust anchors, as the certificates path building starts
// its trust from.
#pragma once

#include <vector>

#include <smime/keyring.hpp>

namespace smime::x509 {

std::vector<CertInfo> anchor_certs(Keyring& keyring);

}  // namespace smime::x509
