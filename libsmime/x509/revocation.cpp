#include "x509/revocation.hpp"

#include <algorithm>
#include <iterator>
#include <string_view>

#include <smime/error.hpp>

#include "gnutls/handle.hpp"
#include "util/time.hpp"
#include "x509/load.hpp"

namespace smime::x509 {

namespace {

// A CRL we can rely on as complete: no delta CRL (deltaCRLIndicator) and no
// critical extension we do not understand (RFC 5280 §5.2: such a CRL must
// not be used).
bool usable_crl(gnutls_x509_crl_t crl) {
    static constexpr std::string_view k_known[] = {"2.5.29.20", "2.5.29.35", "2.5.29.28", "2.5.29.46", "2.5.29.18"};
    for (unsigned i = 0;; ++i) {
        char oid[128];
        size_t size = sizeof oid;
        unsigned critical = 0;
        if (gnutls_x509_crl_get_extension_info(crl, i, oid, &size, &critical) < 0) {
            return true;
        }
        if (std::string_view(oid) == "2.5.29.27") {
            return false;  // a delta CRL is not a complete list
        }
        if (critical != 0 &&
            std::find(std::begin(k_known), std::end(k_known), std::string_view(oid)) == std::end(k_known)) {
            return false;
        }
    }
}

}  // namespace

std::string describe_cert(const CertInfo& cert, bool leaf) {
    return leaf ? std::string("certificate") : "issuer certificate \"" + display_name(cert) + "\"";
}

// Only CRLs whose signature verifies with the issuer on this path count, so
// the reason can name the certificate and the CA.
std::optional<std::string> check_revocation(Keyring& keyring, std::span<const CertInfo> path, std::size_t index,
                                            const RevocationParams& params, const CrlSignerCheck& /*signer_check*/) {
    const CertInfo& cert = path[index];
    const CertInfo& issuer = path[index + 1];
    auto crl_der = keyring.crl_for_issuer(cert.issuer_der);
    std::optional<gtls::X509Crl> crl;
    if (crl_der) {
        try {
            crl = load_crl(*crl_der);
        } catch (const Error&) {
            crl.reset();
        }
    }
    if (crl) {
        auto issuer_crt = load_crt_der(issuer.der);
        gnutls_x509_crt_t issuers[] = {issuer_crt.get()};
        unsigned status = 0;
        if (gnutls_x509_crl_verify(crl->get(), issuers, 1, 0, &status) < 0 || status != 0 ||
            !usable_crl(crl->get())) {
            crl.reset();  // not from this issuer: as if absent
        }
    }
    if (!crl) {
        if (params.require_crl) {
            return "no CRL from \"" + display_name(issuer) + "\" (--require-crl)";
        }
        return std::nullopt;
    }
    std::time_t next_update = gnutls_x509_crl_get_next_update(crl->get());
    std::time_t this_update = gnutls_x509_crl_get_this_update(crl->get());
    if (params.require_crl && ((next_update != -1 && next_update < params.at) || this_update > params.at)) {
        return "the CRL from \"" + display_name(issuer) + "\" is not current (next update " +
               util::format_date(next_update) + ")";
    }
    auto crt = load_crt_der(cert.der);
    gnutls_x509_crl_t crls[] = {crl->get()};
    int revoked = gnutls_x509_crt_check_revocation(crt.get(), crls, 1);
    if (revoked == 1) {
        return describe_cert(cert, index == 0) + " has been revoked";
    }
    if (revoked < 0) {
        return describe_cert(cert, index == 0) + ": CRL could not be checked (" + gnutls_strerror(revoked) + ")";
    }
    return std::nullopt;
}

}  // namespace smime::x509
