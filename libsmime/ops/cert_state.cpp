#include <smime/cert_state.hpp>

#include <algorithm>
#include <vector>

#include "gnutls/handle.hpp"
#include "x509/anchors.hpp"
#include "x509/load.hpp"
#include "x509/revocation.hpp"

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

namespace {

constexpr int k_max_chain = 8;

// The certificate and its issuers found in the keyring, leaf first.
std::vector<CertInfo> build_chain(Keyring& keyring, const CertInfo& leaf) {
    std::vector<CertInfo> chain{leaf};
    while (chain.size() < k_max_chain && chain.back().subject_der != chain.back().issuer_der) {
        auto issuers = keyring.find_by_subject(chain.back().issuer_der);
        // A CA, not a CRL-signing certificate of the same name.
        auto ca = std::find_if(issuers.begin(), issuers.end(), [](const KeyringEntry& e) { return e.cert.is_ca; });
        if (ca == issuers.end()) {
            break;
        }
        chain.push_back(ca->cert);
    }
    return chain;
}

}  // namespace

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

    auto chain = build_chain(keyring, cert);
    std::vector<gtls::X509Crt> owned;
    std::vector<gnutls_x509_crt_t> list;
    for (const auto& link : chain) {
        owned.push_back(x509::load_crt_der(link.der));
        list.push_back(owned.back().get());
    }
    for (std::size_t i = 0; i + 1 < chain.size(); ++i) {
        if (x509::revoked_by_keyring_crls(keyring, chain, i, now)) {
            return CertState::revoked;
        }
    }
    auto trust = x509::trust_list_of_anchors(keyring);
    unsigned status = 0;
    gnutls_typed_vdata_st purpose{GNUTLS_DT_KEY_PURPOSE_OID,
                                  reinterpret_cast<unsigned char*>(const_cast<char*>(GNUTLS_KP_EMAIL_PROTECTION)), 0};
    int rc = gnutls_x509_trust_list_verify_crt2(trust.get(), list.data(), static_cast<unsigned>(list.size()),
                                                &purpose, 1, 0, &status, nullptr);
    if (rc >= 0 && status == 0) {
        return CertState::valid;
    }
    return cert.self_signed ? CertState::self_signed : CertState::untrusted;
}

}  // namespace smime
