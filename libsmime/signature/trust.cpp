#include "signature/trust.hpp"

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <string_view>

#include <smime/error.hpp>

#include "gnutls/handle.hpp"
#include "signature/path.hpp"
#include "x509/load.hpp"
#include "x509/revocation.hpp"

namespace smime::signature {

namespace {

std::string name_of(const CertInfo& cert) {
    if (!cert.emails.empty()) return cert.emails.front();
    if (!cert.common_name.empty()) return cert.common_name;
    return cert.subject;
}

// "certificate" for the signer, "issuer certificate X" for a CA on the path.
std::string which(const CertInfo& cert, bool leaf) { return x509::describe_cert(cert, leaf); }

bool key_usage_allows_signing(const CertInfo& cert) {
    auto crt = x509::load_crt_der(cert.der);
    unsigned usage = 0;
    unsigned critical = 0;
    if (gnutls_x509_crt_get_key_usage(crt.get(), &usage, &critical) < 0) {
        return true;  // no KeyUsage: no restriction
    }
    return (usage & (GNUTLS_KEY_DIGITAL_SIGNATURE | GNUTLS_KEY_NON_REPUDIATION)) != 0;
}

// The reason for a GnuTLS verification status (gnutls_certificate_status_t
// bits), most specific first.
std::string reason_from_status(unsigned status, const std::vector<CertInfo>& chain) {
    if (status & GNUTLS_CERT_REVOKED) return "a certificate on the path has been revoked";
    if (status & GNUTLS_CERT_SIGNER_NOT_FOUND) {
        const CertInfo& top = chain.back();
        if (top.self_signed && chain.size() > 1) {
            return "certificate chains to \"" + name_of(top) + "\", which is not a trust anchor";
        }
        return "certificate does not chain to a trust anchor (issuer \"" + top.issuer + "\" not found or not trusted)";
    }
    if (status & GNUTLS_CERT_SIGNATURE_FAILURE) return "a certificate signature on the path is invalid";
    if (status & GNUTLS_CERT_SIGNER_NOT_CA) return "an issuer on the path is not a CA";
    if (status & GNUTLS_CERT_INSECURE_ALGORITHM) return "a certificate on the path uses an insecure algorithm";
    if (status & GNUTLS_CERT_PURPOSE_MISMATCH) return "certificate is not valid for email protection (ExtendedKeyUsage)";
    if (status & GNUTLS_CERT_SIGNER_CONSTRAINTS_FAILURE) {
        return "a CA constraint on the path is violated (path length, name constraints or key usage)";
    }
    if (status & GNUTLS_CERT_UNEXPECTED_OWNER) return "certificate owner is not the expected one";
    if (status & GNUTLS_CERT_UNKNOWN_CRIT_EXTENSIONS) {
        return "a certificate on the path has a critical extension that is not supported";
    }
    return "certificate path is invalid (GnuTLS status 0x" + [&] {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%x", status);
        return std::string(buf);
    }() + ")";
}

std::optional<std::string> check_validity(const std::vector<CertInfo>& chain, std::time_t at) {
    for (std::size_t i = 0; i < chain.size(); ++i) {
        const CertInfo& cert = chain[i];
        if (at < cert.not_before) {
            return which(cert, i == 0) + " is not valid before " + format_date(cert.not_before);
        }
        if (at > cert.not_after) {
            return which(cert, i == 0) + " expired on " + format_date(cert.not_after);
        }
    }
    return std::nullopt;
}


}  // namespace

PathVerdict validate_signer(Keyring& keyring, const CertInfo& signer, const std::vector<CertInfo>& pool,
                            const TrustParams& params) {
    PathVerdict verdict;
    if (signer.self_signed) {
        verdict.reason = "certificate is self-signed and not trusted";
        return verdict;
    }
    verdict.path = find_issuers(keyring, signer, pool);

    // The path ends at the first keyring trust anchor; what lies above it
    // (e.g. the root of a trusted intermediate) does not matter.
    std::vector<CertInfo> anchors;
    for (auto& entry : keyring.trust_anchors()) {
        anchors.push_back(std::move(entry.cert));
    }
    std::vector<CertInfo> chain{signer};
    for (const auto& cert : verdict.path) {
        chain.push_back(cert);
        bool anchor = std::any_of(anchors.begin(), anchors.end(),
                                  [&](const CertInfo& a) { return a.fingerprint == cert.fingerprint; });
        if (anchor) {
            break;
        }
    }

    if (!key_usage_allows_signing(signer)) {
        verdict.reason = "certificate key usage does not allow signing";
        return verdict;
    }

    auto list = gtls::make_trust_list();
    {
        std::vector<gnutls_x509_crt_t> cas;
        for (const auto& anchor : anchors) {
            cas.push_back(x509::load_crt_der(anchor.der).release());  // the list takes ownership
        }
        int added = gnutls_x509_trust_list_add_cas(list.get(), cas.data(), static_cast<unsigned>(cas.size()), 0);
        if (added < static_cast<int>(cas.size())) {
            for (std::size_t i = static_cast<std::size_t>(std::max(added, 0)); i < cas.size(); ++i) {
                gnutls_x509_crt_deinit(cas[i]);  // duplicates the list refused stay ours
            }
        }
    }
    if (params.system_trust) {
        gtls::check(gnutls_x509_trust_list_add_system_trust(list.get(), 0, 0),
                    "gnutls_x509_trust_list_add_system_trust");
    }

    std::vector<gtls::X509Crt> owners;
    std::vector<gnutls_x509_crt_t> certs;
    for (const auto& cert : chain) {
        owners.push_back(x509::load_crt_der(cert.der));
        certs.push_back(owners.back().get());
    }
    gnutls_typed_vdata_st purpose{GNUTLS_DT_KEY_PURPOSE_OID,
                                  reinterpret_cast<unsigned char*>(const_cast<char*>(GNUTLS_KP_EMAIL_PROTECTION)), 0};
    unsigned status = 0;
    // Times are judged below against params.at (--at), which GnuTLS cannot do.
    unsigned flags = GNUTLS_VERIFY_DISABLE_TIME_CHECKS | GNUTLS_VERIFY_DISABLE_TRUSTED_TIME_CHECKS;
    gtls::check(gnutls_x509_trust_list_verify_crt2(list.get(), certs.data(), static_cast<unsigned>(certs.size()),
                                                   &purpose, 1, flags, &status, nullptr),
                "gnutls_x509_trust_list_verify_crt2");
    if (status != 0) {
        verdict.reason = reason_from_status(status, chain);
        return verdict;
    }
    if (auto problem = check_validity(chain, params.at)) {
        verdict.reason = *problem;
        return verdict;
    }
    x509::RevocationParams revocation{params.at, params.require_crl};
    // Until path validation is our own, a CRL must be signed by the issuer on the path.
    auto no_other_signer = [](const CertInfo&) { return false; };
    for (std::size_t i = 0; i + 1 < chain.size(); ++i) {
        if (auto problem = x509::check_revocation(keyring, chain, i, revocation, no_other_signer)) {
            verdict.reason = *problem;
            return verdict;
        }
    }
    verdict.ok = true;
    return verdict;
}

}  // namespace smime::signature
