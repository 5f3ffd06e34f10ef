#include "pki/trust.hpp"

#include <iterator>

#include <smime/error.hpp>

#include "gnutls/handle.hpp"
#include "pki/anchors.hpp"
#include "x509/load.hpp"
#include "pki/path_building.hpp"

namespace smime::signature {

namespace {

bool key_usage_allows_signing(const CertInfo& cert) {
    auto crt = x509::shared_crt(cert.der);
    unsigned usage = 0;
    unsigned critical = 0;
    if (gnutls_x509_crt_get_key_usage(crt.get(), &usage, &critical) < 0) {
        return true;  // no KeyUsage: no restriction
    }
    return (usage & (GNUTLS_KEY_DIGITAL_SIGNATURE | GNUTLS_KEY_NON_REPUDIATION)) != 0;
}

// The system's CA store, loaded only when asked for (it is large).
gtls::TrustList system_trust_list() {
    auto list = gtls::make_trust_list();
    gtls::check(gnutls_x509_trust_list_add_system_trust(list.get(), 0, 0), "gnutls_x509_trust_list_add_system_trust");
    return list;
}

}  // namespace

PathVerdict validate_signer(Keyring& keyring, const CertInfo& signer, const std::vector<CertInfo>& pool,
                            const TrustParams& params) {
    PathVerdict verdict;
    if (signer.self_signed) {
        verdict.reason = "certificate is self-signed and not trusted";
        return verdict;
    }
    if (!key_usage_allows_signing(signer)) {
        verdict.reason = "certificate key usage does not allow signing";
        return verdict;
    }
    x509::PathSources sources{keyring, pool, x509::anchor_certs(keyring), nullptr};
    gtls::TrustList system;
    if (params.system_trust) {
        system = system_trust_list();
        sources.system = system.get();
    }
    auto result = x509::find_valid_path(sources, signer, {params.at, params.require_crl, true});
    verdict.ok = result.ok;
    verdict.reason = std::move(result.reason);
    if (!result.path.empty()) {
        verdict.path.assign(std::make_move_iterator(result.path.begin() + 1), std::make_move_iterator(result.path.end()));
    }
    return verdict;
}

}  // namespace smime::signature
