// --learn (RFC 8551 §2.7.1): after a valid signature, keep the signer's
// certificate and chain, and its announced capabilities when newer.
#pragma once

#include <ctime>
#include <optional>
#include <vector>

#include <smime/cert_info.hpp>
#include <smime/keyring.hpp>

namespace smime::signature {

void learn_signer(Keyring& keyring, const CertInfo& signer, const std::vector<CertInfo>& path,
                  const std::optional<Bytes>& capabilities, std::time_t signing_time);

}  // namespace smime::signature
