// The keyring: certificates, private keys, CRLs, trust anchors and learned
// capabilities, indexed so that one lookup reads only what it needs.
#pragma once

#include <smime/export.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <smime/cert_info.hpp>

namespace smime {

struct SMIME_API KeyringEntry {
    CertInfo cert;
    bool has_key = false;   // a private key for this certificate's public key is stored
    bool trusted = false;   // a trust anchor
    std::uint64_t imported = 0;  // import sequence number: larger is newer
};

enum class StoreOutcome { imported, unchanged };

class SMIME_API Keyring {
public:
    virtual ~Keyring() = default;

    // Lookups. find_by_email returns newest first, exact spellings of the
    // address before case-insensitive matches.
    virtual std::vector<KeyringEntry> find_by_email(std::string_view address) = 0;
    virtual std::optional<KeyringEntry> find_by_fingerprint(std::string_view fingerprint) = 0;
    // Every certificate whose fingerprint starts with prefix (lowercase hex).
    virtual std::vector<KeyringEntry> find_by_fingerprint_prefix(std::string_view prefix) = 0;
    virtual std::vector<KeyringEntry> find_by_subject(std::span<const std::uint8_t> subject_der) = 0;
    virtual std::vector<KeyringEntry> find_by_issuer_serial(std::span<const std::uint8_t> issuer_der,
                                                            std::span<const std::uint8_t> serial) = 0;
    virtual std::vector<KeyringEntry> find_by_ski(std::span<const std::uint8_t> ski) = 0;
    // Certificates for one public key (CertInfo::key_id), e.g. a renewed one.
    virtual std::vector<KeyringEntry> find_by_key_id(std::string_view key_id) = 0;
    virtual std::vector<KeyringEntry> all() = 0;
    virtual std::vector<KeyringEntry> trust_anchors() = 0;

    // The stored private key (PEM, possibly encrypted) for a certificate.
    virtual std::optional<std::string> private_key(const CertInfo& cert) = 0;
    // Every stored CRL issued by this name (DER): the newest per scope, where
    // a scope is the CRL's issuingDistributionPoint and whether it is a
    // delta CRL. Also the lookup for indirect CRLs (by their cRLIssuer).
    virtual std::vector<Bytes> crls_for_issuer(std::span<const std::uint8_t> issuer_der) = 0;
    // Learned SMIMECapabilities (DER) for a certificate, with the signing time they came from.
    struct Capabilities { Bytes der; std::time_t signing_time = 0; };
    virtual std::optional<Capabilities> capabilities(std::string_view fingerprint) = 0;
    // The OCSP answer last stored for a certificate (DER, as the responder
    // sent it: whoever reads it checks it again).
    virtual std::optional<Bytes> ocsp_answer(std::string_view fingerprint) = 0;

    // Writes; each is atomic and serialized by the keyring's lock.
    virtual std::vector<StoreOutcome> store_certs(const std::vector<CertInfo>& certs) = 0;
    StoreOutcome store_cert(const CertInfo& cert) { return store_certs({cert}).front(); }
    // key_pem is stored as given (encrypted or not). key_id names the public key.
    virtual StoreOutcome store_key(const std::string& key_id, const std::string& key_pem) = 0;
    // Keeps the CRL unless one of the same issuer and scope is as new
    // (thisUpdate) or newer; a CRL of another scope is never replaced.
    virtual StoreOutcome store_crl(std::span<const std::uint8_t> issuer_der, const Bytes& crl_der,
                                   std::time_t this_update) = 0;
    virtual StoreOutcome set_trusted(std::string_view fingerprint, bool trusted) = 0;
    virtual void store_capabilities(std::string_view fingerprint, const Capabilities& caps) = 0;
    // Replaces the stored OCSP answer for the certificate.
    virtual void store_ocsp_answer(std::string_view fingerprint, const Bytes& answer_der) = 0;
    // Removes the certificate (and, unless it is shared, its key); with
    // key_only only the private key.
    virtual void remove(std::string_view fingerprint, bool key_only) = 0;
};

}  // namespace smime
