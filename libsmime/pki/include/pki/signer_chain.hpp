// Finding a certificate's issuers (chain building), shared by sign (which
// includes the chain in the signature) and verify (which validates it).
#pragma once

#include <vector>

#include <smime/cert_info.hpp>
#include <smime/keyring.hpp>

namespace smime::signature {

// The issuers of leaf, nearest first, looked up among pool (e.g. the
// certificates carried by a signature) and then in the keyring by subject;
// among several candidates the one whose SKI matches the child's AKI wins.
// Stops after a self-signed certificate (included) or when no issuer is found.
std::vector<CertInfo> find_issuers(Keyring& keyring, const CertInfo& leaf, const std::vector<CertInfo>& pool);

}  // namespace smime::signature
