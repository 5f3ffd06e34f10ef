// SignedData is written here, not by gnutls_pkcs7_sign: GnuTLS hashes the
// content twice there (88 % of a 10 MiB sign), and it needs the content in
// one piece, where a digest computed as the content flows is enough here.
// The structures are small: the outer layers are DER by tasn1/ber.hpp, the
// signed attributes (what the signature covers, in DER order) by libtasn1,
// the signature by GnuTLS's private-key API.
#include "cms/signed_data.hpp"

#include <ctime>

#include <smime/error.hpp>

#include "cms/capabilities.hpp"
#include "cms/oids.hpp"
#include "cms/spki.hpp"
#include "tasn1/ber.hpp"
#include "tasn1/node.hpp"

namespace smime::signature {

namespace {

constexpr const char* k_oid_content_type = "1.2.840.113549.1.9.3";
constexpr const char* k_oid_message_digest = "1.2.840.113549.1.9.4";
constexpr const char* k_oid_signing_time = "1.2.840.113549.1.9.5";
constexpr const char* k_oid_rsassa_pss = "1.2.840.113549.1.1.10";
constexpr const char* k_oid_ed25519 = "1.3.101.112";

gnutls_digest_algorithm_t to_gnutls(Digest digest) noexcept {
    switch (digest) {
    case Digest::sha256: return GNUTLS_DIG_SHA256;
    case Digest::sha384: return GNUTLS_DIG_SHA384;
    case Digest::sha512: return GNUTLS_DIG_SHA512;
    }
    return GNUTLS_DIG_SHA256;
}

const char* digest_oid(Digest digest) noexcept {
    switch (digest) {
    case Digest::sha256: return cms::oid::sha256;
    case Digest::sha384: return cms::oid::sha384;
    case Digest::sha512: return cms::oid::sha512;
    }
    return cms::oid::sha256;
}

const char* ecdsa_oid(Digest digest) noexcept {  // RFC 5758 §3.2
    switch (digest) {
    case Digest::sha256: return "1.2.840.10045.4.3.2";
    case Digest::sha384: return "1.2.840.10045.4.3.3";
    case Digest::sha512: return "1.2.840.10045.4.3.4";
    }
    return "1.2.840.10045.4.3.2";
}

// RSASSA-PSS-params with the digest for the hash and MGF1, a salt as long
// as the digest, the trailer field left at its default (RFC 4055 §3.1).
Bytes pss_params_der(Digest digest) {
    auto node = tasn1::make_node("CMS.RSASSAPSSParams");
    tasn1::write_algorithm(node.get(), "hashAlgorithm", {digest_oid(digest), {}});
    tasn1::write_algorithm(node.get(), "maskGenAlgorithm",
                           {cms::oid::mgf1, tasn1::algorithm_identifier(digest_oid(digest))});
    tasn1::write(node.get(), "saltLength", std::to_string(gnutls_hash_get_len(to_gnutls(digest))));
    tasn1::write_absent(node.get(), "trailerField");
    return tasn1::encode(node.get());
}

struct Scheme {
    gnutls_sign_algorithm_t sign = GNUTLS_SIGN_UNKNOWN;
    Bytes algorithm;  // the SignerInfo's signatureAlgorithm, DER
};

Scheme scheme_for(gnutls_privkey_t key, Digest digest, bool pss) {
    static const Bytes k_null{0x05, 0x00};
    auto dig = to_gnutls(digest);
    switch (gnutls_privkey_get_pk_algorithm(key, nullptr)) {
    case GNUTLS_PK_RSA:
        if (!pss) {  // rsaEncryption, as GnuTLS, OpenSSL and gpgsm write it
            return {gnutls_pk_to_sign(GNUTLS_PK_RSA, dig), tasn1::algorithm_identifier(cms::oid::rsa_encryption, k_null)};
        }
        [[fallthrough]];
    case GNUTLS_PK_RSA_PSS:
        return {gnutls_pk_to_sign(GNUTLS_PK_RSA_PSS, dig),
                tasn1::algorithm_identifier(k_oid_rsassa_pss, pss_params_der(digest))};
    case GNUTLS_PK_ECDSA: return {gnutls_pk_to_sign(GNUTLS_PK_ECDSA, dig), tasn1::algorithm_identifier(ecdsa_oid(digest))};
    case GNUTLS_PK_EDDSA_ED25519: return {GNUTLS_SIGN_EDDSA_ED25519, tasn1::algorithm_identifier(k_oid_ed25519)};
    default: throw Error(Errc::usage, "signing with this kind of key is not supported (RSA, ECDSA or Ed25519)");
    }
}

// RSA-PSS with the salt as long as the digest (RFC 4056 §3, what openssl and
// gpgsm accept), set on the key so GnuTLS signs with exactly those parameters.
void use_pss(gnutls_privkey_t key, Digest digest) {
    auto dig = to_gnutls(digest);
    Spki spki = rsa_pss_spki(dig, gnutls_hash_get_len(dig));
    gtls::check(gnutls_privkey_set_spki(key, spki.get(), 0), "gnutls_privkey_set_spki");
}

Bytes tlv(std::uint8_t tag, cms::ByteView content) {
    Bytes out;
    cms::append_tlv(out, tag, content);
    return out;
}

Bytes cat(std::initializer_list<cms::ByteView> parts) {
    Bytes out;
    for (auto part : parts) {
        out.insert(out.end(), part.begin(), part.end());
    }
    return out;
}

// signingTime: UTCTime for 1950-2049, GeneralizedTime otherwise (RFC 5652 §11.3).
Bytes signing_time_der(std::time_t now) {
    std::tm utc{};
    gmtime_r(&now, &utc);
    int year = utc.tm_year + 1900;
    char text[32];
    bool utc_time = year >= 1950 && year < 2050;
    std::size_t n = std::strftime(text, sizeof text, "%Y%m%d%H%M%SZ", &utc);
    std::size_t skip = utc_time ? 2 : 0;  // UTCTime: two digits of the year
    auto bytes = std::span(reinterpret_cast<const std::uint8_t*>(text) + skip, n - skip);
    return tlv(utc_time ? 0x17 : 0x18, bytes);
}

// The SET OF Attribute the signature covers, DER (tag 0x31).
Bytes signed_attributes(cms::ByteView message_digest) {
    auto node = tasn1::make_node("CMS.SignedAttributes");
    auto add = [&](const char* type, const Bytes& value) {
        tasn1::write(node.get(), "", std::string("NEW"));
        tasn1::write(node.get(), "?LAST.attrType", std::string(type));
        tasn1::write(node.get(), "?LAST.attrValues", std::string("NEW"));
        tasn1::write(node.get(), "?LAST.attrValues.?LAST", value);
    };
    add(k_oid_content_type, cms::oid_der(cms::oid::data));
    add(k_oid_signing_time, signing_time_der(std::time(nullptr)));
    add(k_oid_message_digest, tlv(0x04, message_digest));
    add(k_oid_smime_capabilities, our_capabilities_der());
    return tasn1::encode(node.get());
}

Bytes issuer_and_serial(const CertInfo& signer) {
    auto crt = x509::shared_crt(signer.der);
    gnutls_datum_t issuer{nullptr, 0};
    gtls::check(gnutls_x509_crt_get_raw_issuer_dn(crt.get(), &issuer), "gnutls_x509_crt_get_raw_issuer_dn");
    Bytes issuer_der(issuer.data, issuer.data + issuer.size);
    gnutls_free(issuer.data);
    std::uint8_t serial[64];
    std::size_t serial_size = sizeof serial;
    gtls::check(gnutls_x509_crt_get_serial(crt.get(), serial, &serial_size), "gnutls_x509_crt_get_serial");
    Bytes serial_der = tlv(0x02, cms::ByteView(serial, serial_size));
    return tlv(0x30, cat({issuer_der, serial_der}));
}

}  // namespace

ContentHasher::ContentHasher(Digest digest) : ContentHasher(to_gnutls(digest)) {}

ContentHasher::ContentHasher(gnutls_digest_algorithm_t algorithm) : m_size(gnutls_hash_get_len(algorithm)) {
    gtls::check(gnutls_hash_init(&m_hash, algorithm), "gnutls_hash_init");
}

ContentHasher::~ContentHasher() { gnutls_hash_deinit(m_hash, nullptr); }

void ContentHasher::update(std::string_view bytes) {
    gtls::check(gnutls_hash(m_hash, bytes.data(), bytes.size()), "gnutls_hash");
}

Bytes ContentHasher::finish() {
    Bytes out(m_size);
    gnutls_hash_output(m_hash, out.data());
    return out;
}

Digest effective_digest(gnutls_privkey_t key, Digest asked) {
    int pk = gnutls_privkey_get_pk_algorithm(key, nullptr);
    return pk == GNUTLS_PK_EDDSA_ED25519 ? Digest::sha512 : asked;
}

const char* micalg_name(Digest digest) noexcept {
    switch (digest) {
    case Digest::sha256: return "sha-256";
    case Digest::sha384: return "sha-384";
    case Digest::sha512: return "sha-512";
    }
    return "sha-256";
}

namespace {

// What follows the content in a SignedData: certificates and the one
// SignerInfo; and the digest algorithm it names.
struct SignerParts {
    Bytes digest_algorithm;
    Bytes certificates;
    Bytes signer_info;
};

SignerParts signer_parts(const SignInput& input) {
    Scheme scheme = scheme_for(input.key, input.digest, input.pss);
    if (scheme.sign == GNUTLS_SIGN_UNKNOWN) {
        throw Error(Errc::usage, std::string("this key cannot sign with ") + micalg_name(input.digest));
    }
    if (gnutls_sign_get_pk_algorithm(scheme.sign) == GNUTLS_PK_RSA_PSS) {
        use_pss(input.key, input.digest);
    }
    Bytes digest;
    if (input.content_digest) {
        digest = *input.content_digest;
    } else {
        ContentHasher hasher(input.digest);
        hasher.update(input.content);
        digest = hasher.finish();
    }
    Bytes attributes = signed_attributes(digest);
    gtls::Datum signature;
    gnutls_datum_t to_sign = gtls::borrow(attributes);
    gtls::check(gnutls_privkey_sign_data2(input.key, scheme.sign, 0, &to_sign, signature.out()),
                "gnutls_privkey_sign_data2");

    // SignerInfo (RFC 5652 §5.3): the attributes as signed, retagged [0] IMPLICIT.
    SignerParts parts;
    parts.digest_algorithm = tasn1::algorithm_identifier(digest_oid(input.digest));
    cms::Tlv attribute_set = cms::read_tlv(attributes);
    parts.signer_info = tlv(0x30, cat({tlv(0x02, Bytes{1}), issuer_and_serial(*input.signer), parts.digest_algorithm,
                                       tlv(0xa0, attribute_set.content), scheme.algorithm,
                                       tlv(0x04, signature.bytes())}));
    parts.certificates = input.signer->der;
    for (const auto& issuer : input.chain) {
        parts.certificates.insert(parts.certificates.end(), issuer.der.begin(), issuer.der.end());
    }
    return parts;
}

}  // namespace

SignedDataFrame signed_data_frame(const SignInput& input, std::size_t content_size) {
    SignerParts parts = signer_parts(input);
    SignedDataFrame frame;
    frame.tail = cat({tlv(0xa0, parts.certificates), tlv(0x31, parts.signer_info)});
    // DER lengths from the inside out: the content is counted, not held.
    Bytes version = tlv(0x02, Bytes{1});
    Bytes digest_algorithms = tlv(0x31, parts.digest_algorithm);
    Bytes data_oid = cms::oid_der(cms::oid::data);
    Bytes signed_data_oid = cms::oid_der(cms::oid::signed_data);
    std::size_t octets = cms::header_size(content_size) + content_size;
    std::size_t explicit_content = cms::header_size(octets) + octets;
    std::size_t encapsulated = data_oid.size() + explicit_content;
    std::size_t fields = version.size() + digest_algorithms.size() + cms::header_size(encapsulated) + encapsulated +
                         frame.tail.size();
    std::size_t signed_data = cms::header_size(fields) + fields;
    std::size_t info = signed_data_oid.size() + cms::header_size(signed_data) + signed_data;
    Bytes& head = frame.head;
    cms::append_header(head, 0x30, info);
    head.insert(head.end(), signed_data_oid.begin(), signed_data_oid.end());
    cms::append_header(head, 0xa0, signed_data);
    cms::append_header(head, 0x30, fields);
    head.insert(head.end(), version.begin(), version.end());
    head.insert(head.end(), digest_algorithms.begin(), digest_algorithms.end());
    cms::append_header(head, 0x30, encapsulated);
    head.insert(head.end(), data_oid.begin(), data_oid.end());
    cms::append_header(head, 0xa0, octets);
    cms::append_header(head, 0x04, content_size);
    return frame;
}

Bytes create_signed_data(const SignInput& input) {
    if (input.embed) {
        SignedDataFrame frame = signed_data_frame(input, input.content.size());
        auto content = std::span(reinterpret_cast<const std::uint8_t*>(input.content.data()), input.content.size());
        return cat({frame.head, Bytes(content.begin(), content.end()), frame.tail});
    }
    SignerParts parts = signer_parts(input);
    Bytes signed_data = tlv(0x30, cat({tlv(0x02, Bytes{1}), tlv(0x31, parts.digest_algorithm),
                                       tlv(0x30, cms::oid_der(cms::oid::data)), tlv(0xa0, parts.certificates),
                                       tlv(0x31, parts.signer_info)}));
    return tlv(0x30, cat({cms::oid_der(cms::oid::signed_data), tlv(0xa0, signed_data)}));
}

}  // namespace smime::signature
