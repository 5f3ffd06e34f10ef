// A GnuTLS trust list holding the keyring's trust anchors.
#pragma once

#include <smime/keyring.hpp>

#include "gnutls/handle.hpp"

namespace smime::x509 {

gtls::TrustList trust_list_of_anchors(Keyring& keyring);

}  // namespace smime::x509
