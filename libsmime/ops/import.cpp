#include <smime/import.hpp>

#include <smime/error.hpp>

#include "x509/crl_parts.hpp"
#include "x509/load.hpp"

namespace smime {

std::string_view to_string(ImportOutcome outcome) noexcept {
    switch (outcome) {
    case ImportOutcome::imported: return "imported";
    case ImportOutcome::unchanged: return "unchanged";
    case ImportOutcome::refused: return "refused";
    }
    return "refused";
}

namespace {

ImportOutcome from_store(StoreOutcome outcome) {
    return outcome == StoreOutcome::imported ? ImportOutcome::imported : ImportOutcome::unchanged;
}

KeyImport store_key_for_certs(Keyring& keyring, x509::LoadedKey key, const std::optional<Secret>& passphrase,
                              KeyProtection protection) {
    if (protection == KeyProtection::strong) {
        key.pem = x509::protect_key_strongly(key.pem, passphrase ? passphrase->value() : std::string());
    }
    KeyImport report;
    report.key_id = key.key_id;
    for (const auto& entry : keyring.find_by_key_id(key.key_id)) {
        report.fingerprints.push_back(entry.cert.fingerprint);
    }
    if (report.fingerprints.empty()) {
        report.reason = "no certificate in the keyring matches this key; import the certificate first";
        return report;
    }
    report.outcome = from_store(keyring.store_key(key.key_id, key.pem));
    return report;
}

std::vector<CertImport> store_certificates(Keyring& keyring, const std::vector<CertInfo>& certs, bool trust) {
    std::vector<CertImport> reports;
    std::vector<CertInfo> accepted;
    for (const auto& cert : certs) {
        CertImport report{cert.fingerprint, cert.emails, cert.subject, ImportOutcome::refused, {}};
        // CA and CRL-signing certificates are kept for chains and CRLs.
        if (!cert.is_ca && cert.emails.empty() && !x509::may_sign_crls(x509::load_crt_der(cert.der).get())) {
            report.reason = "end-entity certificate without an email address";
        } else {
            accepted.push_back(cert);
        }
        reports.push_back(std::move(report));
    }
    auto outcomes = keyring.store_certs(accepted);
    size_t next = 0;
    for (auto& report : reports) {
        if (report.reason.empty()) {
            report.outcome = from_store(outcomes[next]);
            const CertInfo& cert = accepted[next++];
            if (trust && cert.is_ca && keyring.set_trusted(cert.fingerprint, true) == StoreOutcome::imported) {
                report.outcome = ImportOutcome::imported;  // newly made an anchor
            }
        }
    }
    return reports;
}

}  // namespace

std::vector<CertImport> import_certificates(Keyring& keyring, std::span<const std::uint8_t> data,
                                            const std::optional<Secret>& passphrase, bool trust,
                                            KeyProtection protection) {
    if (!x509::looks_like_pkcs12(data)) {
        return store_certificates(keyring, x509::load_certificates(data), trust);
    }
    auto p12 = x509::load_pkcs12(data, passphrase ? passphrase->value() : std::string());
    auto reports = store_certificates(keyring, p12.certs, trust);
    for (const auto& pem : p12.keys_pem) {
        auto key = x509::load_private_key(
            {reinterpret_cast<const std::uint8_t*>(pem.data()), pem.size()},
            passphrase && !passphrase->value().empty() ? std::optional<std::string>(passphrase->value())
                                                       : std::nullopt);
        store_key_for_certs(keyring, std::move(key), passphrase, protection);
    }
    return reports;
}

KeyImport import_private_key(Keyring& keyring, std::span<const std::uint8_t> data,
                             const std::optional<Secret>& passphrase, KeyProtection protection) {
    auto key = x509::load_private_key(data, passphrase ? std::optional<std::string>(passphrase->value())
                                                       : std::nullopt);
    return store_key_for_certs(keyring, std::move(key), passphrase, protection);
}

CrlImport import_crl(Keyring& keyring, std::span<const std::uint8_t> data) {
    auto crl = x509::load_crl(data);
    CrlImport report;
    gtls::Datum issuer_text;
    if (gnutls_x509_crl_get_issuer_dn3(crl.get(), issuer_text.out(), 0) >= 0) {
        report.issuer = std::string(issuer_text.view());
    }
    gnutls_datum_t issuer_der{nullptr, 0};
    gtls::check(gnutls_x509_crl_get_raw_issuer_dn(crl.get(), &issuer_der), "gnutls_x509_crl_get_raw_issuer_dn");
    Bytes issuer(issuer_der.data, issuer_der.data + issuer_der.size);
    gnutls_free(issuer_der.data);

    bool verified = false;
    // Candidates by the issuer name as the CRL spells it, then by its
    // authority key identifier (the CA may spell its own name differently).
    std::vector<KeyringEntry> candidates = keyring.find_by_subject(issuer);
    std::uint8_t aki[64];
    size_t aki_size = sizeof aki;
    if (gnutls_x509_crl_get_authority_key_id(crl.get(), aki, &aki_size, nullptr) >= 0) {
        for (auto& entry : keyring.find_by_ski(std::span<const std::uint8_t>(aki, aki_size))) {
            candidates.push_back(std::move(entry));
        }
    }
    for (const auto& candidate : candidates) {
        if (x509::crl_signature_verifies(crl.get(), x509::load_crt_der(candidate.cert.der).get())) {
            verified = true;
            break;
        }
    }
    if (!verified) {
        report.reason = "the CRL's signature does not verify with any certificate in the keyring";
        return report;
    }
    gtls::Datum der;
    gtls::check(gnutls_x509_crl_export2(crl.get(), GNUTLS_X509_FMT_DER, der.out()), "gnutls_x509_crl_export2");
    try {
        (void)x509::parse_crl_parts(der.bytes());  // what revocation checks will read
    } catch (const Error& e) {
        report.reason = std::string("the CRL's extensions cannot be decoded: ") + e.what();
        return report;
    }
    report.outcome = from_store(keyring.store_crl(issuer, Bytes(der.bytes().begin(), der.bytes().end()),
                                                  gnutls_x509_crl_get_this_update(crl.get())));
    return report;
}

}  // namespace smime
