#include "tasn1/node.hpp"

#include <cstring>

#include <smime/error.hpp>

#include "cms_asn1_tab.h"
#include "tasn1/module.hpp"
#include "x509_asn1_tab.h"

namespace smime::tasn1 {

namespace {
// The parsed modules live as long as the process (gnutls keeps pkix.asn the
// same way); each is parsed when a type of it is first asked for.
asn1_node definitions(const char* type) {
    if (std::strncmp(type, "CMS.", 4) == 0) {
        static const gtls::Asn1Node cms = gtls::parse_asn1_module(cms_asn1_tab);
        return cms.get();
    }
    if (std::strncmp(type, "X509.", 5) == 0) {
        static const gtls::Asn1Node x509 = gtls::parse_asn1_module(x509_asn1_tab);
        return x509.get();
    }
    throw Error(Errc::internal, std::string("no ASN.1 module for type ") + type);
}
}  // namespace

gtls::Asn1Node make_node(const char* type) { return gtls::make_node(definitions(type), type); }

gtls::Asn1Node decode(const char* type, std::span<const std::uint8_t> der) {
    return gtls::decode(definitions(type), type, der);
}

Bytes encode(asn1_node node) {
    int len = 0;
    int rc = asn1_der_coding(node, "", nullptr, &len, nullptr);
    if (rc != ASN1_MEM_ERROR) {
        gtls::check_asn1(rc, "asn1_der_coding");
    }
    Bytes out(static_cast<size_t>(len));
    char detail[ASN1_MAX_ERROR_DESCRIPTION_SIZE] = {};
    gtls::check_asn1(asn1_der_coding(node, "", out.data(), &len, detail), "asn1_der_coding", detail);
    out.resize(static_cast<size_t>(len));
    return out;
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

std::optional<Bytes> read_optional(asn1_node node, const std::string& name) {
    int len = 0;
    int rc = asn1_read_value(node, name.c_str(), nullptr, &len);
    if (rc == ASN1_ELEMENT_NOT_FOUND || rc == ASN1_VALUE_NOT_FOUND) {
        return std::nullopt;
    }
    if (rc != ASN1_MEM_ERROR && rc != ASN1_SUCCESS) {
        gtls::check_asn1(rc, "asn1_read_value", name.c_str());
    }
    Bytes out(static_cast<size_t>(len) + 1);
    gtls::check_asn1(asn1_read_value(node, name.c_str(), out.data(), &len), "asn1_read_value", name.c_str());
    out.resize(static_cast<size_t>(len));
    return out;
}

Bytes read_bytes(asn1_node node, const std::string& name) {
    auto value = read_optional(node, name);
    if (!value) {
        throw Error(Errc::parse, "missing ASN.1 field " + name);
    }
    return std::move(*value);
}

std::string read_text(asn1_node node, const std::string& name) {
    Bytes value = read_bytes(node, name);
    std::string text(value.begin(), value.end());
    return text.substr(0, text.find('\0'));
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

void write(asn1_node node, const std::string& name, std::span<const std::uint8_t> value) {
    gtls::check_asn1(asn1_write_value(node, name.c_str(), value.data(), static_cast<int>(value.size())),
                     "asn1_write_value", name.c_str());
}

void write(asn1_node node, const std::string& name, const std::string& text) {
    gtls::check_asn1(asn1_write_value(node, name.c_str(), text.c_str(), 0), "asn1_write_value", name.c_str());
}

void write_absent(asn1_node node, const std::string& name) {
    gtls::check_asn1(asn1_write_value(node, name.c_str(), nullptr, 0), "asn1_write_value", name.c_str());
}

AlgorithmId read_algorithm(asn1_node node, const std::string& prefix) {
    AlgorithmId alg;
    alg.oid = read_oid(node, prefix + ".algorithm");
    if (auto params = read_optional(node, prefix + ".parameters")) {
        alg.parameters = std::move(*params);
    }
    return alg;
}

void write_algorithm(asn1_node node, const std::string& prefix, const AlgorithmId& alg) {
    write(node, prefix + ".algorithm", alg.oid);
    if (alg.parameters.empty()) {
        write_absent(node, prefix + ".parameters");
    } else {
        write(node, prefix + ".parameters", alg.parameters);
    }
}

AlgorithmId parse_algorithm(std::span<const std::uint8_t> der) {
    auto node = decode("CMS.AlgorithmIdentifier", der);
    AlgorithmId alg;
    alg.oid = read_oid(node.get(), "algorithm");
    if (auto params = read_optional(node.get(), "parameters")) {
        alg.parameters = std::move(*params);
    }
    return alg;
}

Bytes read_bit_string(asn1_node node, const std::string& name) {
    int bits = 0;
    int rc = asn1_read_value(node, name.c_str(), nullptr, &bits);
    if (rc != ASN1_MEM_ERROR) {
        gtls::check_asn1(rc, "asn1_read_value", name.c_str());
    }
    Bytes out(static_cast<size_t>(bits + 7) / 8 + 1);
    int len = static_cast<int>(out.size());
    gtls::check_asn1(asn1_read_value(node, name.c_str(), out.data(), &len), "asn1_read_value", name.c_str());
    out.resize(static_cast<size_t>(len + 7) / 8);
    return out;
}

void write_bit_string(asn1_node node, const std::string& name, std::span<const std::uint8_t> bytes) {
    gtls::check_asn1(asn1_write_value(node, name.c_str(), bytes.data(), static_cast<int>(bytes.size() * 8)),
                     "asn1_write_value", name.c_str());
}

Bytes algorithm_identifier(const std::string& oid, std::span<const std::uint8_t> parameters_der) {
    auto node = make_node("CMS.AlgorithmIdentifier");
    write(node.get(), "algorithm", oid);
    if (parameters_der.empty()) {
        write_absent(node.get(), "parameters");
    } else {
        write(node.get(), "parameters", parameters_der);
    }
    return encode(node.get());
}

}  // namespace smime::tasn1
