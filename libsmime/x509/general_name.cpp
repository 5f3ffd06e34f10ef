#include "x509/general_name.hpp"

#include <algorithm>
#include <array>

#include <smime/error.hpp>

#include "tasn1/module.hpp"
#include "tasn1/node.hpp"
#include "x509/names.hpp"

namespace smime::x509 {

namespace {

// The CHOICE alternatives' names in x509.asn, indexed by NameKind.
constexpr std::array<const char*, 9> k_alternatives = {
    "otherName", "rfc822Name", "dNSName", "x400Address", "directoryName",
    "ediPartyName", "uniformResourceIdentifier", "iPAddress", "registeredID",
};

NameKind kind_of(const std::string& alternative) {
    auto found = std::find(k_alternatives.begin(), k_alternatives.end(), alternative);
    if (found == k_alternatives.end()) {
        throw Error{Errc::parse, "unknown GeneralName form " + alternative};
    }
    return static_cast<NameKind>(found - k_alternatives.begin());
}

// libtasn1 gives the range with the explicit [4] around the Name.
Bytes directory_name_der(asn1_node node, std::span<const std::uint8_t> der, const std::string& path) {
    auto name = tasn1::der_of(node, der, path);
    int tag_length = 0;
    long length = name.size() > 1 ? asn1_get_length_der(name.data() + 1, static_cast<int>(name.size() - 1), &tag_length)
                                  : -1;
    if (name.empty() || name.front() != 0xa4 || length < 0) {
        throw Error{Errc::parse, "malformed directoryName"};
    }
    auto inner = name.subspan(1 + static_cast<std::size_t>(tag_length));
    return Bytes(inner.begin(), inner.end());
}

}  // namespace

GeneralName directory_name(std::span<const std::uint8_t> name_der) {
    return {NameKind::directory_name, Bytes(name_der.begin(), name_der.end())};
}

bool intersects(const GeneralNames& a, const GeneralNames& b) {
    auto same = [](const GeneralName& x, const GeneralName& y) {
        return x.kind == y.kind &&
               (x.kind == NameKind::directory_name ? same_name(x.value, y.value) : x.value == y.value);
    };
    return std::any_of(a.begin(), a.end(), [&](const GeneralName& x) {
        return std::any_of(b.begin(), b.end(), [&](const GeneralName& y) { return same(x, y); });
    });
}

GeneralName read_general_name(asn1_node node, std::span<const std::uint8_t> der, const std::string& path) {
    std::string alternative = tasn1::read_text(node, path);
    NameKind kind = kind_of(alternative);
    std::string value_path = path + "." + alternative;
    switch (kind) {
        case NameKind::directory_name: return {kind, directory_name_der(node, der, value_path)};
        case NameKind::other_name:
        case NameKind::x400_address:
        case NameKind::edi_party_name: return {kind, gtls::read_der(node, value_path)};
        case NameKind::rfc822_name:
        case NameKind::dns_name:
        case NameKind::uri:
        case NameKind::ip_address:
        case NameKind::registered_id: return {kind, tasn1::read_bytes(node, value_path)};
    }
    throw Error{Errc::internal, "unhandled GeneralName form"};
}

GeneralNames read_general_names(asn1_node node, std::span<const std::uint8_t> der, const std::string& list,
                                const std::string& suffix) {
    GeneralNames names;
    for (int i = 1, n = tasn1::count(node, list); i <= n; ++i) {
        names.push_back(read_general_name(node, der, tasn1::item(list, i) + suffix));
    }
    return names;
}

}  // namespace smime::x509
