#include "cms/capabilities.hpp"

#include <cstdlib>
#include <string>

#include <smime/error.hpp>

namespace smime::signature {

namespace {

void append_length(Bytes& out, std::size_t length) {
    if (length < 0x80) {
        out.push_back(static_cast<std::uint8_t>(length));
        return;
    }
    Bytes digits;
    for (std::size_t n = length; n != 0; n >>= 8) {
        digits.insert(digits.begin(), static_cast<std::uint8_t>(n & 0xff));
    }
    out.push_back(static_cast<std::uint8_t>(0x80 | digits.size()));
    out.insert(out.end(), digits.begin(), digits.end());
}

Bytes tlv(std::uint8_t tag, const Bytes& content) {
    Bytes out{tag};
    append_length(out, content.size());
    out.insert(out.end(), content.begin(), content.end());
    return out;
}

void append_base128(Bytes& out, unsigned long value) {
    Bytes digits{static_cast<std::uint8_t>(value & 0x7f)};
    for (value >>= 7; value != 0; value >>= 7) {
        digits.insert(digits.begin(), static_cast<std::uint8_t>(0x80 | (value & 0x7f)));
    }
    out.insert(out.end(), digits.begin(), digits.end());
}

}  // namespace

Bytes der_oid(const char* dotted) {
    std::vector<unsigned long> arcs;
    const char* p = dotted;
    while (*p != '\0') {
        char* end = nullptr;
        arcs.push_back(std::strtoul(p, &end, 10));
        if (end == p) {
            throw Error(Errc::internal, std::string("bad OID ") + dotted);
        }
        p = *end == '.' ? end + 1 : end;
    }
    if (arcs.size() < 2) {
        throw Error(Errc::internal, std::string("bad OID ") + dotted);
    }
    Bytes content;
    append_base128(content, arcs[0] * 40 + arcs[1]);
    for (std::size_t i = 2; i < arcs.size(); ++i) {
        append_base128(content, arcs[i]);
    }
    return tlv(0x06, content);
}

Bytes our_capabilities_der() {
    static constexpr const char* k_ciphers[] = {
        "2.16.840.1.101.3.4.1.46",  // aes256-GCM
        "2.16.840.1.101.3.4.1.6",   // aes128-GCM
        "2.16.840.1.101.3.4.1.42",  // aes256-CBC
        "2.16.840.1.101.3.4.1.2",   // aes128-CBC
    };
    Bytes list;
    for (const char* oid : k_ciphers) {
        Bytes capability = tlv(0x30, der_oid(oid));
        list.insert(list.end(), capability.begin(), capability.end());
    }
    return tlv(0x30, list);
}

}  // namespace smime::signature
