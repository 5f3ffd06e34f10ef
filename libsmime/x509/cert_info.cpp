#include <smime/cert_info.hpp>

#include <array>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include <gnutls/crypto.h>

#include <smime/error.hpp>

#include "gnutls/handle.hpp"
#include "x509/load.hpp"

namespace smime {

namespace {

constexpr const char* k_smtp_utf8_mailbox_oid = "1.3.6.1.5.5.7.8.9";

std::string dn_string(gnutls_x509_crt_t crt, int (*get)(gnutls_x509_crt_t, gnutls_datum_t*, unsigned)) {
    gtls::Datum dn;
    if (get(crt, dn.out(), 0) < 0) {
        return {};
    }
    return std::string(dn.view());
}

Bytes raw_dn(gnutls_x509_crt_t crt, int (*get)(gnutls_x509_crt_t, gnutls_datum_t*)) {
    gnutls_datum_t dn{nullptr, 0};
    gtls::check(get(crt, &dn), "gnutls_x509_crt_get_raw_dn");
    Bytes out(dn.data, dn.data + dn.size);
    gnutls_free(dn.data);
    return out;
}

// The UTF8String inside an otherName value (SmtpUTF8Mailbox, RFC 8398).
std::string utf8_string_value(std::span<const std::uint8_t> der) {
    if (der.size() < 2 || der[0] != 0x0c) {
        return {};
    }
    int length_bytes = 0;
    long length = asn1_get_length_der(der.data() + 1, static_cast<int>(der.size() - 1), &length_bytes);
    if (length < 0 || static_cast<size_t>(1 + length_bytes + length) > der.size()) {
        return {};
    }
    return std::string(reinterpret_cast<const char*>(der.data() + 1 + length_bytes), static_cast<size_t>(length));
}

// Keeps well-formed, distinct addresses; a control character or space in an
// address would break the index's line format and is never a real mailbox.
void add_unique(std::vector<std::string>& list, std::string value) {
    if (value.empty() || value.size() > 320) {
        return;
    }
    for (unsigned char c : value) {
        if (c <= ' ' || c == 0x7f) {
            return;
        }
    }
    for (const auto& existing : list) {
        if (existing == value) {
            return;
        }
    }
    list.push_back(std::move(value));
}

std::vector<std::string> emails_of(gnutls_x509_crt_t crt) {
    std::vector<std::string> emails;
    for (unsigned i = 0;; ++i) {
        std::array<char, 1024> buffer{};
        size_t size = buffer.size();
        unsigned type = 0;
        unsigned critical = 0;
        int rc = gnutls_x509_crt_get_subject_alt_name2(crt, i, buffer.data(), &size, &type, &critical);
        if (rc == GNUTLS_E_SHORT_MEMORY_BUFFER) {
            continue;  // longer than any mailbox
        }
        if (rc < 0) {
            break;  // the end, or a malformed SAN: take what we have
        }
        if (rc == GNUTLS_SAN_RFC822NAME) {
            add_unique(emails, std::string(buffer.data(), size));
        } else if (rc == GNUTLS_SAN_OTHERNAME) {
            std::array<char, 128> oid{};
            size_t oid_size = oid.size();
            if (gnutls_x509_crt_get_subject_alt_othername_oid(crt, i, oid.data(), &oid_size) >= 0 &&
                std::string_view(oid.data()) == k_smtp_utf8_mailbox_oid) {
                add_unique(emails, utf8_string_value({reinterpret_cast<const std::uint8_t*>(buffer.data()), size}));
            }
        }
    }
    for (unsigned i = 0;; ++i) {
        std::array<char, 1024> buffer{};
        size_t size = buffer.size();
        int rc = gnutls_x509_crt_get_dn_by_oid(crt, GNUTLS_OID_PKCS9_EMAIL, i, 0, buffer.data(), &size);
        if (rc < 0) {
            break;
        }
        add_unique(emails, std::string(buffer.data(), size));
    }
    return emails;
}

std::string common_name_of(gnutls_x509_crt_t crt) {
    std::array<char, 1024> buffer{};
    size_t size = buffer.size();
    if (gnutls_x509_crt_get_dn_by_oid(crt, GNUTLS_OID_X520_COMMON_NAME, 0, 0, buffer.data(), &size) < 0) {
        return {};
    }
    return std::string(buffer.data(), size);
}

}  // namespace

std::string display_name(const CertInfo& cert) {
    if (!cert.emails.empty()) return cert.emails.front();
    if (!cert.common_name.empty()) return cert.common_name;
    return cert.subject;
}

std::string to_hex(std::span<const std::uint8_t> bytes) {
    static constexpr char k_digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (auto b : bytes) {
        out += k_digits[b >> 4];
        out += k_digits[b & 0x0f];
    }
    return out;
}

std::string sha256_hex(std::span<const std::uint8_t> bytes) {
    std::array<std::uint8_t, 32> digest{};
    gtls::check(gnutls_hash_fast(GNUTLS_DIG_SHA256, bytes.data(), bytes.size(), digest.data()), "gnutls_hash_fast");
    return to_hex(digest);
}

CertInfo cert_info_from(gnutls_x509_crt_t crt, std::span<const std::uint8_t> der) {
    CertInfo info;
    info.der.assign(der.begin(), der.end());
    info.fingerprint = sha256_hex(der);
    std::array<std::uint8_t, 20> sha1{};
    gtls::check(gnutls_hash_fast(GNUTLS_DIG_SHA1, der.data(), der.size(), sha1.data()), "gnutls_hash_fast");
    info.sha1_fingerprint = to_hex(sha1);
    info.emails = emails_of(crt);
    info.subject = dn_string(crt, gnutls_x509_crt_get_dn3);
    info.issuer = dn_string(crt, gnutls_x509_crt_get_issuer_dn3);
    info.common_name = common_name_of(crt);
    info.subject_der = raw_dn(crt, gnutls_x509_crt_get_raw_dn);
    info.issuer_der = raw_dn(crt, gnutls_x509_crt_get_raw_issuer_dn);

    std::array<std::uint8_t, 64> serial{};
    size_t serial_size = serial.size();
    if (gnutls_x509_crt_get_serial(crt, serial.data(), &serial_size) >= 0) {
        info.serial.assign(serial.begin(), serial.begin() + static_cast<long>(serial_size));
    }
    std::array<std::uint8_t, 64> ski{};
    size_t ski_size = ski.size();
    unsigned critical = 0;
    if (gnutls_x509_crt_get_subject_key_id(crt, ski.data(), &ski_size, &critical) >= 0) {
        info.subject_key_id.assign(ski.begin(), ski.begin() + static_cast<long>(ski_size));
    }
    std::array<std::uint8_t, 32> key_id{};
    size_t key_id_size = key_id.size();
    gtls::check(gnutls_x509_crt_get_key_id(crt, GNUTLS_KEYID_USE_SHA256, key_id.data(), &key_id_size),
                "gnutls_x509_crt_get_key_id");
    info.key_id = to_hex({key_id.data(), key_id_size});

    info.not_before = gnutls_x509_crt_get_activation_time(crt);
    info.not_after = gnutls_x509_crt_get_expiration_time(crt);
    info.is_ca = gnutls_x509_crt_get_ca_status(crt, &critical) > 0;
    if (info.subject_der == info.issuer_der) {
        unsigned verify = 0;
        info.self_signed = gnutls_x509_crt_verify(crt, &crt, 1, GNUTLS_VERIFY_DISABLE_TIME_CHECKS, &verify) >= 0 &&
                           (verify & GNUTLS_CERT_SIGNATURE_FAILURE) == 0 && (verify & GNUTLS_CERT_INVALID) == 0;
    }
    return info;
}

namespace {
// The certificates parsed lately, by their DER. A batch meets the same
// signers, issuers and anchors in every message: parsing them again (and
// checking a self-signature) was a third of each message's time. The
// snapshot is a function of the bytes alone, so a hit is always right.
class ParsedCache {
public:
    std::optional<CertInfo> find(std::string_view der) {
        std::lock_guard lock(m_mutex);
        auto it = m_parsed.find(std::string(der));
        if (it == m_parsed.end()) {
            return std::nullopt;
        }
        return it->second;
    }
    void add(std::string_view der, const CertInfo& info) {
        std::lock_guard lock(m_mutex);
        if (m_parsed.size() >= k_capacity) {
            m_parsed.clear();  // bounded memory; the next messages fill it again
        }
        m_parsed.emplace(std::string(der), info);
    }

private:
    static constexpr std::size_t k_capacity = 256;
    std::mutex m_mutex;
    std::unordered_map<std::string, CertInfo> m_parsed;
};

ParsedCache& parsed_cache() {
    static ParsedCache cache;
    return cache;
}
}  // namespace

CertInfo parse_cert_info(std::span<const std::uint8_t> der) {
    std::string_view key(reinterpret_cast<const char*>(der.data()), der.size());
    if (auto cached = parsed_cache().find(key)) {
        return std::move(*cached);
    }
    auto crt = x509::load_crt_der(der);
    CertInfo info = cert_info_from(crt.get(), der);
    parsed_cache().add(key, info);
    return info;
}

}  // namespace smime
