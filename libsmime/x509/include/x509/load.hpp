// Loading certificates, CRLs and keys from the formats users hand us.
#pragma once

#include <memory>
#include <optional>
#include <type_traits>
#include <span>
#include <string>
#include <vector>

#include <smime/cert_info.hpp>

#include "gnutls/handle.hpp"

namespace smime {
CertInfo cert_info_from(gnutls_x509_crt_t crt, std::span<const std::uint8_t> der);
}

namespace smime::x509 {

gtls::X509Crt load_crt_der(std::span<const std::uint8_t> der);

// The same, shared with every other asker of these bytes lately: path
// building and validation look at the same few certificates many times a
// message, and a batch in every message, and each import decodes the whole
// DER (a third of a batch verify). Only for reading: never pass it to a
// GnuTLS setter. Throws Error{Errc::parse} like load_crt_der.
using SharedCrt = std::shared_ptr<std::remove_pointer_t<gnutls_x509_crt_t>>;
SharedCrt shared_crt(std::span<const std::uint8_t> der);

// Every certificate in a PEM (one or many), DER, or PKCS#7 bundle (PEM or
// DER). Throws Error{Errc::parse} when the data holds none of these.
std::vector<CertInfo> load_certificates(std::span<const std::uint8_t> data);

// A PKCS#12 file: its certificates and its private keys, as PEM to store:
// a key's own encrypted PKCS#8 bag when it has one (its protection kept),
// else re-encrypted under the passphrase (unencrypted when it is empty).
// A wrong passphrase throws Error{Errc::parse}.
struct Pkcs12Contents {
    std::vector<CertInfo> certs;
    std::vector<std::string> keys_pem;
};
Pkcs12Contents load_pkcs12(std::span<const std::uint8_t> data, const std::string& passphrase);
bool looks_like_pkcs12(std::span<const std::uint8_t> data);

// A key re-encrypted as PKCS#8 PBES2 AES-256 under GnuTLS's default PBKDF2
// cost (600,000 iterations in GnuTLS 3.7: about 70 ms per unlock), for
// those who want that over the faster protection keys usually arrive with.
// pem is a stored key that passphrase opens (or an unencrypted one).
std::string protect_key_strongly(gnutls_x509_privkey_t key, const std::string& passphrase);
std::string protect_key_strongly(const std::string& pem, const std::string& passphrase);

// A private key in PEM or DER, PKCS#1, PKCS#8 (encrypted or not), EC.
// Returns the key's public-key id (SHA-256 hex, as CertInfo::key_id) and the
// PEM to store (the original PEM; DER input is stored as PEM).
struct LoadedKey {
    std::string key_id;
    std::string pem;
};
LoadedKey load_private_key(std::span<const std::uint8_t> data, const std::optional<std::string>& passphrase);

// Opens a stored key for use (signing, decryption).
gtls::Privkey open_private_key(const std::string& pem, const std::optional<std::string>& passphrase);

// A CRL in PEM or DER.
gtls::X509Crl load_crl(std::span<const std::uint8_t> data);

}  // namespace smime::x509
