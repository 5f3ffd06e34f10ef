#include "pki/recipient_cert.hpp"

#include <algorithm>

#include <smime/cert_state.hpp>
#include <smime/error.hpp>
#include <smime/query.hpp>

#include "pki/anchors.hpp"
#include "x509/load.hpp"
#include "pki/path_building.hpp"

namespace smime::cms {

namespace {
// The certificate has a valid path (RFC 5280, CRLs applied) through CA
// certificates of the keyring to a trust anchor.
bool chains_to_anchor(Keyring& keyring, const CertInfo& cert, std::time_t now) {
    x509::PathSources sources{keyring, {}, x509::anchor_certs(keyring), nullptr};
    return x509::find_valid_path(sources, cert, {now, false, true}).ok;
}
}  // namespace

RecipientId recipient_id(const CertInfo& cert) {
    RecipientId rid;
    rid.issuer_der = cert.issuer_der;
    rid.serial = cert.serial;
    return rid;
}

std::optional<RecipientCert> usable_for_encryption(Keyring& keyring, const KeyringEntry& entry, std::time_t now,
                                                   bool require_trusted, std::string& why_not) {
    const CertInfo& cert = entry.cert;
    if (cert.is_ca) {
        why_not = "certificate is a CA certificate";
        return std::nullopt;
    }
    if (now < cert.not_before) {
        why_not = "certificate is not yet valid";
        return std::nullopt;
    }
    if (now > cert.not_after) {
        why_not = "certificate has expired";
        return std::nullopt;
    }
    auto crt = x509::shared_crt(cert.der);
    auto pubkey = gtls::make_pubkey();
    gtls::check(gnutls_pubkey_import_x509(pubkey.get(), crt.get(), 0), "gnutls_pubkey_import_x509");
    int algo = gnutls_pubkey_get_pk_algorithm(pubkey.get(), nullptr);
    bool is_ec = algo == GNUTLS_PK_ECDSA;
    if (algo != GNUTLS_PK_RSA && !is_ec) {
        why_not = "certificate key cannot be used for encryption";
        return std::nullopt;
    }
    if (is_ec) {
        gnutls_ecc_curve_t curve = GNUTLS_ECC_CURVE_INVALID;
        if (gnutls_pubkey_export_ecc_raw2(pubkey.get(), &curve, nullptr, nullptr, 0) < 0 ||
            (curve != GNUTLS_ECC_CURVE_SECP256R1 && curve != GNUTLS_ECC_CURVE_SECP384R1 &&
             curve != GNUTLS_ECC_CURVE_SECP521R1)) {
            why_not = "certificate key is on a curve we cannot encrypt to (P-256, P-384, P-521 only)";
            return std::nullopt;
        }
    }
    unsigned usage = 0, critical = 0;
    if (gnutls_x509_crt_get_key_usage(crt.get(), &usage, &critical) >= 0) {
        unsigned needed = is_ec ? GNUTLS_KEY_KEY_AGREEMENT : GNUTLS_KEY_KEY_ENCIPHERMENT;
        if ((usage & needed) == 0) {
            why_not = "certificate key usage does not allow encryption";
            return std::nullopt;
        }
    }
    bool has_eku = false, eku_ok = false;
    for (unsigned i = 0;; ++i) {
        char oid[128];
        size_t size = sizeof oid;
        int rc = gnutls_x509_crt_get_key_purpose_oid(crt.get(), i, oid, &size, nullptr);
        if (rc < 0) {
            break;
        }
        has_eku = true;
        std::string purpose(oid);
        eku_ok = eku_ok || purpose == GNUTLS_KP_EMAIL_PROTECTION || purpose == GNUTLS_KP_ANY;
    }
    if (has_eku && !eku_ok) {
        why_not = "certificate is not for email protection";
        return std::nullopt;
    }
    if (revoked_by_keyring(keyring, cert, now)) {
        why_not = "certificate is revoked";
        return std::nullopt;
    }
    if (require_trusted && !chains_to_anchor(keyring, cert, now)) {
        why_not = "certificate does not chain to a trusted root";
        return std::nullopt;
    }
    return RecipientCert{entry, std::move(pubkey), is_ec};
}

std::optional<RecipientCert> choose_recipient_cert(Keyring& keyring, const std::string& address, std::time_t now,
                                                   bool require_trusted, std::string& why_not) {
    auto entries = named_certificates(keyring, address);
    if (entries.empty()) {
        why_not = "no certificate for recipient";
        return std::nullopt;
    }
    if (auto ambiguous = fingerprint_ambiguity(address, entries.size())) {
        why_not = *ambiguous;
        return std::nullopt;
    }
    for (const auto& entry : entries) {  // newest first
        if (auto usable = usable_for_encryption(keyring, entry, now, require_trusted, why_not)) {
            return usable;
        }
    }
    why_not = "no usable certificate for recipient: " + why_not;
    return std::nullopt;
}

}  // namespace smime::cms
