#include "cms/pss_params.hpp"

#include <smime/error.hpp>

#include "tasn1/node.hpp"
#include "cms/oids.hpp"

namespace smime::signature {

namespace {

// RFC 4055 §3.1 DEFAULTs; cms.asn has the fields OPTIONAL.
constexpr gnutls_digest_algorithm_t k_default_hash = GNUTLS_DIG_SHA1;  // and mgf1SHA1
constexpr unsigned k_default_salt_length = 20;
constexpr unsigned k_trailer_field_bc = 1;
// Larger INTEGER fields are refused as malformed: far above any salt a key
// can carry (emLen - hLen - 2), and small arithmetic.
constexpr unsigned k_max_integer = 0xffff;

// A hash AlgorithmIdentifier, whose parameters are NULL or absent (RFC 4055
// §2.1); GNUTLS_DIG_UNKNOWN for anything else.
gnutls_digest_algorithm_t hash_of(const tasn1::AlgorithmId& alg) {
    bool plain = alg.parameters.empty() || alg.parameters == Bytes{0x05, 0x00};
    return plain ? gnutls_oid_to_digest(alg.oid.c_str()) : GNUTLS_DIG_UNKNOWN;
}

// An OPTIONAL INTEGER field up to k_max_integer, else `absent`; throws
// Error{Errc::parse} when it is negative or larger.
unsigned small_integer(asn1_node node, const char* name, unsigned absent) {
    auto octets = tasn1::read_optional(node, name);  // two's complement
    if (!octets) {
        return absent;
    }
    if (octets->empty() || ((*octets)[0] & 0x80) != 0) {
        throw Error(Errc::parse, std::string("negative ") + name);
    }
    unsigned value = 0;
    for (std::uint8_t octet : *octets) {
        value = value * 256 + octet;
        if (value > k_max_integer) {
            throw Error(Errc::parse, std::string("too large ") + name);
        }
    }
    return value;
}

std::string name_of(gnutls_digest_algorithm_t hash) {
    const char* name = gnutls_digest_get_name(hash);
    return name != nullptr ? name : "an unknown hash";
}

}  // namespace

std::optional<PssParams> parse_pss_params(std::span<const std::uint8_t> der) {
    try {
        auto node = tasn1::decode("CMS.RSASSAPSSParams", der);
        asn1_node n = node.get();
        PssParams params;
        params.hash = k_default_hash;
        if (tasn1::read_optional(n, "hashAlgorithm.algorithm")) {
            params.hash = hash_of(tasn1::read_algorithm(n, "hashAlgorithm"));
        }
        params.mgf1 = true;
        params.mgf1_hash = k_default_hash;
        if (tasn1::read_optional(n, "maskGenAlgorithm.algorithm")) {
            params.mgf1 = tasn1::read_oid(n, "maskGenAlgorithm.algorithm") == cms::oid::mgf1;
            params.mgf1_hash = params.mgf1 ? hash_of(tasn1::parse_algorithm(
                                                 tasn1::read_bytes(n, "maskGenAlgorithm.parameters")))
                                           : GNUTLS_DIG_UNKNOWN;
        }
        params.salt_length = small_integer(n, "saltLength", k_default_salt_length);
        params.trailer_field = small_integer(n, "trailerField", k_trailer_field_bc);
        return params;
    } catch (const Error&) {
        return std::nullopt;
    }
}

std::optional<std::string> unverifiable(const PssParams& signature) {
    if (gnutls_pk_to_sign(GNUTLS_PK_RSA_PSS, signature.hash) == GNUTLS_SIGN_UNKNOWN) {
        return "RSASSA-PSS hash algorithm not supported";
    }
    if (!signature.mgf1) {
        return "RSASSA-PSS mask generation function is not MGF1";
    }
    // Nettle runs MGF1 with the message hash only.
    if (signature.mgf1_hash != signature.hash) {
        return "RSASSA-PSS MGF1 hash differs from the message hash (not supported)";
    }
    if (signature.trailer_field != k_trailer_field_bc) {
        return "RSASSA-PSS trailerField is not 1";
    }
    return std::nullopt;
}

std::optional<std::string> not_allowed(const PssParams& key, const PssParams& signature) {
    if (key.hash == signature.hash && key.mgf1 && key.mgf1_hash == signature.mgf1_hash &&
        key.trailer_field == signature.trailer_field && signature.salt_length >= key.salt_length) {
        return std::nullopt;
    }
    std::string mgf = key.mgf1 ? "MGF1 with " + name_of(key.mgf1_hash) : "another mask generation function";
    return "RSASSA-PSS parameters not allowed by the certificate (it wants " + name_of(key.hash) + ", " + mgf +
           ", a salt of at least " + std::to_string(key.salt_length) + " octets)";
}

}  // namespace smime::signature
