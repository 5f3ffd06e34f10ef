#include "x509/names.hpp"

#include <algorithm>
#include <memory>

#include <glib.h>

#include <smime/error.hpp>

#include "gnutls/handle.hpp"

namespace smime::x509 {

namespace {

using Dn = gtls::Owner<gnutls_x509_dn_t, gnutls_x509_dn_deinit>;

// PKCS #9 emailAddress.
constexpr std::string_view k_email_address_oid = "1.2.840.113549.1.9.1";

// Universal tags of the string types a DirectoryString (and its relatives)
// may use, with the charset g_convert knows them by.
const char* charset_of(unsigned long tag) {
    switch (tag) {
        case 12: return "UTF-8";       // UTF8String
        case 19: return "UTF-8";       // PrintableString (ASCII)
        case 22: return "UTF-8";       // IA5String (ASCII)
        case 26: return "UTF-8";       // VisibleString (ASCII)
        case 20: return "ISO-8859-1";  // TeletexString, as most software reads it
        case 30: return "UTF-16BE";    // BMPString
        case 28: return "UTF-32BE";    // UniversalString
        default: return nullptr;
    }
}

struct GFree {
    void operator()(gchar* p) const noexcept { g_free(p); }
};
using GString = std::unique_ptr<gchar, GFree>;

NameAttribute attribute_of(const gnutls_x509_ava_st& ava) {
    NameAttribute attribute;
    attribute.type.assign(reinterpret_cast<const char*>(ava.oid.data), ava.oid.size);  // dotted text
    attribute.type = attribute.type.substr(0, attribute.type.find('\0'));
    std::string_view raw(reinterpret_cast<const char*>(ava.value.data), ava.value.size);
    attribute.value = std::string(raw);
    const char* charset = charset_of(ava.value_tag);
    if (charset == nullptr) {
        return attribute;
    }
    GString utf8(g_convert(raw.data(), static_cast<gssize>(raw.size()), "UTF-8", charset, nullptr, nullptr, nullptr));
    if (!utf8 || !g_utf8_validate(utf8.get(), -1, nullptr)) {
        return attribute;  // undecodable: compared as raw bytes
    }
    attribute.value = prepare_text(utf8.get());
    attribute.text = true;
    return attribute;
}

}  // namespace

std::string prepare_text(std::string_view utf8) {
    GString normal(g_utf8_normalize(utf8.data(), static_cast<gssize>(utf8.size()), G_NORMALIZE_NFKC));
    if (!normal) {
        return std::string(utf8);
    }
    GString folded(g_utf8_casefold(normal.get(), -1));
    std::string out;
    bool pending_space = false;
    for (const char* p = folded.get(); *p != '\0'; ++p) {
        if (g_ascii_isspace(*p)) {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) {
            out += ' ';
            pending_space = false;
        }
        out += *p;
    }
    return out;
}

DistinguishedName parse_name(std::span<const std::uint8_t> der) {
    gnutls_x509_dn_t raw = nullptr;
    gtls::check(gnutls_x509_dn_init(&raw), "gnutls_x509_dn_init");
    Dn dn(raw);
    gnutls_datum_t datum = gtls::borrow(der);
    if (gnutls_x509_dn_import(dn.get(), &datum) < 0) {
        throw Error{Errc::parse, "not a distinguished name"};
    }
    DistinguishedName name;
    for (int irdn = 0;; ++irdn) {
        Rdn rdn;
        for (int iava = 0;; ++iava) {
            gnutls_x509_ava_st ava{};
            if (gnutls_x509_dn_get_rdn_ava(dn.get(), irdn, iava, &ava) < 0) {
                break;
            }
            rdn.push_back(attribute_of(ava));
        }
        if (rdn.empty()) {
            break;
        }
        std::sort(rdn.begin(), rdn.end());
        name.rdns.push_back(std::move(rdn));
    }
    return name;
}

bool same_name(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b) {
    if (std::ranges::equal(a, b)) {
        return true;
    }
    try {
        return parse_name(a) == parse_name(b);
    } catch (const Error&) {
        return false;
    }
}

bool name_within(const DistinguishedName& base, const DistinguishedName& name) {
    return base.rdns.size() <= name.rdns.size() &&
           std::equal(base.rdns.begin(), base.rdns.end(), name.rdns.begin());
}

std::vector<std::string> email_attributes(const DistinguishedName& name) {
    std::vector<std::string> emails;
    for (const auto& rdn : name.rdns) {
        for (const auto& attribute : rdn) {
            if (std::string_view(attribute.type) == k_email_address_oid) {
                emails.push_back(attribute.value);
            }
        }
    }
    return emails;
}

}  // namespace smime::x509
