#include "pki/anchors.hpp"

namespace smime::x509 {

std::vector<CertInfo> anchor_certs(Keyring& keyring) {
    std::vector<CertInfo> anchors;
    for (auto& entry : keyring.trust_anchors()) {
        anchors.push_back(std::move(entry.cert));
    }
    return anchors;
}

}  // namespace smime::x509
