#include "tasn1/x509_asn1.hpp"

#include <smime/error.hpp>

#include "tasn1/module.hpp"
#include "x509_asn1_tab.h"

namespace smime::x509::asn1 {

namespace {
// The parsed module lives as long as the process, like cms.asn's.
asn1_node definitions() {
    static const gtls::Asn1Node defs = gtls::parse_asn1_module(x509_asn1_tab);
    return defs.get();
}
}  // namespace

gtls::Asn1Node make_node(const char* type) { return gtls::make_node(definitions(), type); }

gtls::Asn1Node decode(const char* type, std::span<const std::uint8_t> der) {
    return gtls::decode(definitions(), type, der);
}

bool has(asn1_node node, const std::string& name) {
    int len = 0;
    int rc = asn1_read_value(node, name.c_str(), nullptr, &len);
    return rc != ASN1_ELEMENT_NOT_FOUND && rc != ASN1_VALUE_NOT_FOUND;
}

int count(asn1_node node, const std::string& name) {
    int items = 0;
    if (asn1_number_of_elements(node, name.c_str(), &items) != ASN1_SUCCESS) {
        return 0;
    }
    return items;
}

std::string item(const std::string& list, int i) {
    return (list.empty() ? "?" : list + ".?") + std::to_string(i);
}

Bytes read_bytes(asn1_node node, const std::string& name) {
    int len = 0;
    int rc = asn1_read_value(node, name.c_str(), nullptr, &len);
    if (rc != ASN1_MEM_ERROR && rc != ASN1_SUCCESS) {
        gtls::check_asn1(rc, "asn1_read_value", name.c_str());
    }
    Bytes value(static_cast<std::size_t>(len) + 1);
    gtls::check_asn1(asn1_read_value(node, name.c_str(), value.data(), &len), "asn1_read_value", name.c_str());
    value.resize(static_cast<std::size_t>(len));
    return value;
}

std::string read_text(asn1_node node, const std::string& name) {
    Bytes value = read_bytes(node, name);
    std::string text(value.begin(), value.end());
    return text.substr(0, text.find('\0'));  // OIDs and choice names come NUL-terminated
}

std::optional<unsigned> read_count(asn1_node node, const std::string& name) {
    if (!has(node, name)) {
        return std::nullopt;
    }
    Bytes value = read_bytes(node, name);
    if (value.empty() || (value.front() & 0x80) != 0) {
        throw Error{Errc::parse, "negative or empty count in " + name};
    }
    unsigned count = 0;
    for (std::uint8_t byte : value) {
        count = count > 0xffffffu ? 0xffffffffu : (count << 8) | byte;
    }
    return count;
}

std::span<const std::uint8_t> der_of(asn1_node node, std::span<const std::uint8_t> der, const std::string& name) {
    int start = 0;
    int end = 0;
    gtls::check_asn1(asn1_der_decoding_startEnd(node, der.data(), static_cast<int>(der.size()), name.c_str(), &start,
                                                &end),
                     "asn1_der_decoding_startEnd", name.c_str());
    return der.subspan(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start + 1));
}

}  // namespace smime::x509::asn1
