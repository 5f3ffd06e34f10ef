#include "ops/verify_learn.hpp"

namespace smime::signature {

void learn_signer(Keyring& keyring, const CertInfo& signer, const std::vector<CertInfo>& path,
                  const std::optional<Bytes>& capabilities, std::time_t signing_time) {
    std::vector<CertInfo> certs{signer};
    certs.insert(certs.end(), path.begin(), path.end());
    keyring.store_certs(certs);  // never changes trust: anchors stay the user's decision
    if (!capabilities) {
        return;
    }
    // Only a newer signature may replace what we know (an old mail replayed
    // must not downgrade the cipher choice).
    auto known = keyring.capabilities(signer.fingerprint);
    if (known && signing_time <= known->signing_time) {
        return;
    }
    keyring.store_capabilities(signer.fingerprint, Keyring::Capabilities{*capabilities, signing_time});
}

}  // namespace smime::signature
