#include <smime/cert_state.hpp>

#include "x509/anchors.hpp"
#include "x509/path_building.hpp"

namespace smime {

std::string_view to_string(CertState state) noexcept {
    switch (state) {
    case CertState::valid: return "valid";
    case CertState::expired: return "expired";
    case CertState::not_yet_valid: return "not-yet-valid";
    case CertState::revoked: return "revoked";
    case CertState::self_signed: return "self-signed";
    case CertState::untrusted: return "untrusted";
    }
    return "untrusted";
}

CertState cert_state(Keyring& keyring, const KeyringEntry& entry, std::time_t now) {
    const CertInfo& cert = entry.cert;
    if (now < cert.not_before) {
        return CertState::not_yet_valid;
    }
    if (now > cert.not_after) {
        return CertState::expired;
    }
    if (cert.self_signed && !entry.trusted) {
        return CertState::self_signed;
    }

    x509::PathSources sources{keyring, {}, x509::anchor_certs(keyring), nullptr};
    auto path = x509::find_valid_path(sources, cert, {now, false, true});
    if (path.ok) {
        return CertState::valid;
    }
    if (path.revocation) {
        return CertState::revoked;  // without require_crl only a revocation fails the CRL check
    }
    return cert.self_signed ? CertState::self_signed : CertState::untrusted;
}

}  // namespace smime
