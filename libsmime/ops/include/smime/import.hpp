// Importing certificates, private keys and CRLs into a keyring.
#pragma once

#include <smime/export.hpp>

#include <ctime>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <smime/keyring.hpp>
#include <smime/secret.hpp>

namespace smime {

enum class ImportOutcome { imported, unchanged, refused };
SMIME_API std::string_view to_string(ImportOutcome outcome) noexcept;

struct SMIME_API CertImport {
    std::string fingerprint;
    std::vector<std::string> emails;
    std::string subject;
    ImportOutcome outcome = ImportOutcome::refused;
    std::string reason;  // for refused
};

// How a stored key is encrypted. as_imported keeps the protection it came
// with (an encrypted PEM or PKCS#12 bag as it is; OpenSSL 3 makes 2,048
// PBKDF2 iterations, about 1 ms to unlock); strong re-encrypts it under
// the passphrase with GnuTLS's PBES2 default (600,000, about 70 ms).
enum class KeyProtection { as_imported, strong };

// PEM (one or many), DER, PKCS#7 bundles, or PKCS#12 (certificates and key,
// with the passphrase). End-entity certificates without an address are
// refused; with trust, CA certificates become trust anchors.
SMIME_API std::vector<CertImport> import_certificates(Keyring& keyring, std::span<const std::uint8_t> data,
                                            const std::optional<Secret>& passphrase, bool trust,
                                            KeyProtection protection = KeyProtection::as_imported);

struct SMIME_API KeyImport {
    std::string key_id;
    std::vector<std::string> fingerprints;  // the certificates it belongs to
    ImportOutcome outcome = ImportOutcome::refused;
    std::string reason;
};

SMIME_API KeyImport import_private_key(Keyring& keyring, std::span<const std::uint8_t> data,
                             const std::optional<Secret>& passphrase,
                             KeyProtection protection = KeyProtection::as_imported);

struct SMIME_API CrlImport {
    std::string issuer;
    ImportOutcome outcome = ImportOutcome::refused;
    std::string reason;
};

// Refused unless the CRL's signature verifies with a certificate in the keyring.
SMIME_API CrlImport import_crl(Keyring& keyring, std::span<const std::uint8_t> data);

}  // namespace smime
