// DER Names for the tests, built from (string tag, text) attributes so the
// same name can be spelled with different string types.
#pragma once

#include <string>
#include <vector>

#include <smime/cert_info.hpp>

namespace smime::test {

constexpr std::uint8_t k_printable = 19;
constexpr std::uint8_t k_utf8 = 12;
constexpr std::uint8_t k_ia5 = 22;

struct Attr {
    std::string oid_der;  // contents octets of the attribute type OID
    std::uint8_t tag;
    std::string value;
};

inline const std::string k_cn{"\x55\x04\x03", 3};
inline const std::string k_o{"\x55\x04\x0a", 3};
inline const std::string k_c{"\x55\x04\x06", 3};
inline const std::string k_email{"\x2a\x86\x48\x86\xf7\x0d\x01\x09\x01", 9};

inline Bytes tlv(std::uint8_t tag, const Bytes& content) {
    Bytes out{tag, static_cast<std::uint8_t>(content.size())};  // short form: test names stay < 128 bytes
    out.insert(out.end(), content.begin(), content.end());
    return out;
}

inline Bytes bytes_of(const std::string& text) { return Bytes(text.begin(), text.end()); }

// rdns: each inner vector is one RDN (a SET of attributes).
inline Bytes name_der(const std::vector<std::vector<Attr>>& rdns) {
    Bytes name;
    for (const auto& rdn : rdns) {
        Bytes set;
        for (const auto& attr : rdn) {
            Bytes pair = tlv(0x06, bytes_of(attr.oid_der));
            Bytes value = tlv(attr.tag, bytes_of(attr.value));
            pair.insert(pair.end(), value.begin(), value.end());
            Bytes seq = tlv(0x30, pair);
            set.insert(set.end(), seq.begin(), seq.end());
        }
        Bytes encoded = tlv(0x31, set);
        name.insert(name.end(), encoded.begin(), encoded.end());
    }
    return tlv(0x30, name);
}

}  // namespace smime::test
