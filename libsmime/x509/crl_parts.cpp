#include "x509/crl_parts.hpp"

#include <algorithm>

#include <smime/error.hpp>

#include "tasn1/node.hpp"
#include "tasn1/ber.hpp"
#include "x509/extensions.hpp"
#include "x509/names.hpp"

namespace smime::x509 {

namespace {

constexpr const char* k_crl_number = "2.5.29.20";
constexpr const char* k_delta_crl_indicator = "2.5.29.27";
constexpr const char* k_issuing_distribution_point = "2.5.29.28";
constexpr const char* k_reason_code = "2.5.29.21";
constexpr const char* k_certificate_issuer = "2.5.29.29";
constexpr const char* k_crl_distribution_points = "2.5.29.31";

// CRL extensions we process or may ignore even when critical (RFC 5280 §5.2):
// number, authorityKeyIdentifier, issuerAltName, freshestCRL, the two above.
bool known_crl_extension(const std::string& oid) {
    static const char* const k_known[] = {k_crl_number, "2.5.29.35", "2.5.29.18", "2.5.29.46",
                                          k_delta_crl_indicator, k_issuing_distribution_point};
    return std::any_of(std::begin(k_known), std::end(k_known), [&](const char* known) { return oid == known; });
}

// Entry extensions (§5.3): reasonCode, certificateIssuer, invalidityDate, holdInstructionCode.
bool known_entry_extension(const std::string& oid) {
    return oid == k_reason_code || oid == k_certificate_issuer || oid == "2.5.29.24" || oid == "2.5.29.23";
}

std::string read_text(asn1_node node, const std::string& name) {
    auto value = tasn1::read_optional(node, name);
    std::string text = value ? std::string(value->begin(), value->end()) : std::string();
    while (!text.empty() && text.back() == '\0') {
        text.pop_back();
    }
    return text;
}

bool read_flag(asn1_node node, const std::string& name) { return read_text(node, name) == "TRUE"; }

ReasonMask read_reasons(asn1_node node, const std::string& name) {
    Bytes bits = tasn1::read_bit_string(node, name);
    ReasonMask mask = 0;
    for (unsigned n = 1; n <= 8; ++n) {
        if (n / 8 < bits.size() && (bits[n / 8] & (0x80u >> (n % 8))) != 0) {
            mask |= 1u << n;
        }
    }
    return mask;
}

// A nameRelativeToCRLIssuer arrives with its implicit [1] tag: its
// attributes are re-encoded as the SET that a Name holds.
Bytes read_rdn(asn1_node node, const std::string& path) {
    auto rdn = tasn1::make_node("X509.RDNAttributes");
    for (int i = 1, n = tasn1::count(node, path); i <= n; ++i) {
        tasn1::write(rdn.get(), "", std::string("NEW"));
        tasn1::write(rdn.get(), "?LAST", tasn1::read_bytes(node, tasn1::item(path, i)));
    }
    return tasn1::encode(rdn.get());
}

std::optional<DistributionPointName> read_dp_name(asn1_node node, std::span<const std::uint8_t> der,
                                                  const std::string& path) {
    std::string kind = read_text(node, path);
    if (kind.empty()) {
        return std::nullopt;
    }
    DistributionPointName name;
    if (kind == "fullName") {
        name.full_name = read_general_names(node, der, path + ".fullName");
    } else {
        name.relative_name = read_rdn(node, path + ".nameRelativeToCRLIssuer");
    }
    return name;
}

std::optional<ReasonMask> read_optional_reasons(asn1_node node, const std::string& name) {
    if (!tasn1::read_optional(node, name)) {
        return std::nullopt;
    }
    return read_reasons(node, name);
}

IssuingDistributionPoint parse_idp(std::span<const std::uint8_t> der) {
    auto node = tasn1::decode("X509.IssuingDistributionPoint", der);
    IssuingDistributionPoint idp;
    idp.name = read_dp_name(node.get(), der, "distributionPoint");
    idp.only_user_certs = read_flag(node.get(), "onlyContainsUserCerts");
    idp.only_ca_certs = read_flag(node.get(), "onlyContainsCACerts");
    idp.only_attribute_certs = read_flag(node.get(), "onlyContainsAttributeCerts");
    idp.indirect = read_flag(node.get(), "indirectCRL");
    idp.only_some_reasons = read_optional_reasons(node.get(), "onlySomeReasons");
    return idp;
}

Bytes read_integer(std::span<const std::uint8_t> der, const char* type) {
    return trim_integer(tasn1::read_bytes(tasn1::decode(type, der).get(), ""));
}

struct Extension {
    std::string oid;
    bool critical = false;
    Bytes value;
};

std::vector<Extension> read_extensions(asn1_node node, const std::string& list) {
    std::vector<Extension> out;
    for (int i = 1, n = tasn1::count(node, list); i <= n; ++i) {
        std::string path = tasn1::item(list, i);
        out.push_back({tasn1::read_oid(node, path + ".extnID"), read_flag(node, path + ".critical"),
                       tasn1::read_bytes(node, path + ".extnValue")});
    }
    return out;
}

void read_crl_extensions(asn1_node node, CrlParts& parts) {
    for (auto& ext : read_extensions(node, "tbsCertList.crlExtensions")) {
        if (ext.oid == k_crl_number) {
            parts.number = read_integer(ext.value, "X509.CRLNumber");
        } else if (ext.oid == k_delta_crl_indicator) {
            parts.base_number = read_integer(ext.value, "X509.CRLNumber");
        } else if (ext.oid == k_issuing_distribution_point) {
            parts.idp = parse_idp(ext.value);
            parts.idp_der = std::move(ext.value);
        } else if (ext.critical && !known_crl_extension(ext.oid)) {
            parts.unknown_critical = true;
        }
    }
}

// Entries of an indirect CRL name their certificate's issuer in
// certificateIssuer; it carries over to the following entries (§5.3.3).
void read_entries(asn1_node node, CrlParts& parts) {
    GeneralNames issuer{directory_name(parts.issuer_der)};
    const std::string list = "tbsCertList.revokedCertificates";
    for (int i = 1, n = tasn1::count(node, list); i <= n; ++i) {
        std::string path = tasn1::item(list, i);
        CrlEntry entry;
        entry.serial = trim_integer(tasn1::read_bytes(node, path + ".userCertificate"));
        for (auto& ext : read_extensions(node, path + ".crlEntryExtensions")) {
            if (ext.oid == k_reason_code) {
                Bytes code = read_integer(ext.value, "X509.CRLReason");
                entry.reason = code.empty() ? 0 : code.back();
            } else if (ext.oid == k_certificate_issuer) {
                issuer = read_general_names(tasn1::decode("X509.GeneralNames", ext.value).get(), ext.value, "");
            } else if (ext.critical && !known_entry_extension(ext.oid)) {
                parts.unknown_critical = true;
            }
        }
        entry.issuer = issuer;
        parts.entries.push_back(std::move(entry));
    }
}

}  // namespace

GeneralNames DistributionPointName::full_names(std::span<const std::uint8_t> crl_issuer_der) const {
    if (!relative_name) {
        return full_name;
    }
    auto name = tasn1::decode("X509.RDNSequence", crl_issuer_der);
    tasn1::write(name.get(), "", std::string("NEW"));
    tasn1::write(name.get(), "?LAST", *relative_name);
    return {directory_name(tasn1::encode(name.get()))};
}

std::optional<std::vector<DistributionPoint>> distribution_points(gnutls_x509_crt_t crt) {
    gtls::Datum der;
    unsigned critical = 0;
    if (gnutls_x509_crt_get_extension_by_oid2(crt, k_crl_distribution_points, 0, der.out(), &critical) < 0) {
        return std::nullopt;
    }
    try {
        auto node = tasn1::decode("X509.CRLDistributionPoints", der.bytes());
        std::vector<DistributionPoint> points;
        for (int i = 1, n = tasn1::count(node.get(), ""); i <= n; ++i) {
            std::string path = tasn1::item("", i);
            DistributionPoint point;
            point.name = read_dp_name(node.get(), der.bytes(), path + ".distributionPoint");
            point.reasons = read_optional_reasons(node.get(), path + ".reasons");
            point.crl_issuer = read_general_names(node.get(), der.bytes(), path + ".cRLIssuer");
            points.push_back(std::move(point));
        }
        return points;
    } catch (const Error&) {
        return std::nullopt;
    }
}

CrlParts parse_crl_parts(std::span<const std::uint8_t> der) {
    auto node = tasn1::decode("X509.CertificateList", der);
    CrlParts parts;
    parts.issuer_der = gtls::read_der(node.get(), "tbsCertList.issuer");
    read_crl_extensions(node.get(), parts);
    read_entries(node.get(), parts);
    return parts;
}

Bytes crl_scope(const CrlParts& parts) {
    Bytes scope = parts.idp_der;
    scope.push_back(parts.base_number ? 1 : 0);
    return scope;
}

bool may_sign_crls(gnutls_x509_crt_t crt) {
    unsigned usage = 0;
    int rc = gnutls_x509_crt_get_key_usage(crt, &usage, nullptr);
    if (rc == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE) {
        return gnutls_x509_crt_get_ca_status(crt, nullptr) > 0;
    }
    return rc >= 0 && (usage & GNUTLS_KEY_CRL_SIGN) != 0;
}

namespace {
// The CRL's signature checked with the signer's key over tbsCertList, for a
// signer whose subject equals the CRL issuer by RFC 5280 §7.1 but is spelled
// differently (another string type, case, spaces).
bool signature_over_tbs_verifies(gnutls_x509_crl_t crl, gnutls_x509_crt_t signer) {
    gtls::Datum der;
    gtls::Datum subject;
    if (gnutls_x509_crl_export2(crl, GNUTLS_X509_FMT_DER, der.out()) < 0 ||
        gnutls_x509_crt_get_raw_dn(signer, subject.out()) < 0) {
        return false;
    }
    try {
        cms::TlvReader certificate_list(cms::read_tlv(der.bytes()).content);
        cms::Tlv tbs = certificate_list.expect(0x30);
        cms::TlvReader fields(tbs.content);
        if (fields.peek(0x02)) {
            fields.next();  // version
        }
        fields.expect(0x30);  // signature algorithm
        cms::Tlv issuer = fields.expect(0x30);
        if (!same_name(issuer.whole, subject.bytes())) {
            return false;
        }
        std::vector<std::uint8_t> signature(1024);
        size_t size = signature.size();
        int algorithm = gnutls_x509_crl_get_signature_algorithm(crl);
        if (algorithm < 0 || gnutls_x509_crl_get_signature(crl, reinterpret_cast<char*>(signature.data()), &size) < 0) {
            return false;
        }
        gnutls_datum_t data{const_cast<unsigned char*>(tbs.whole.data()), static_cast<unsigned>(tbs.whole.size())};
        gnutls_datum_t sig{signature.data(), static_cast<unsigned>(size)};
        return key_of_verifies(signer, algorithm, data, sig);
    } catch (const Error&) {
        return false;
    }
}
}  // namespace

bool crl_signature_verifies(gnutls_x509_crl_t crl, gnutls_x509_crt_t signer) {
    if (!may_sign_crls(signer)) {
        return false;
    }
    // GnuTLS judges the CRL's times against now whatever the flags say, and
    // marks that INVALID too; only these bits may be set.
    constexpr unsigned k_time_flags = GNUTLS_CERT_REVOCATION_DATA_SUPERSEDED | GNUTLS_CERT_REVOCATION_DATA_ISSUED_IN_FUTURE;
    unsigned status = 0;
    constexpr unsigned k_flags = GNUTLS_VERIFY_DISABLE_TIME_CHECKS | GNUTLS_VERIFY_DISABLE_CA_SIGN;  // checked above
    if (gnutls_x509_crl_verify(crl, &signer, 1, k_flags, &status) < 0) {
        return false;
    }
    if ((status & GNUTLS_CERT_SIGNER_NOT_FOUND) != 0) {
        // GnuTLS pairs CRL and signer by the exact encoding of the name.
        return signature_over_tbs_verifies(crl, signer);
    }
    if ((status & k_time_flags) != 0) {
        status &= ~(k_time_flags | GNUTLS_CERT_INVALID);
    }
    return status == 0;
}

// Only zero octets that do not carry the sign: 00 FF is 255, FF is -1.
Bytes trim_integer(Bytes value) {
    std::size_t zeros = 0;
    while (zeros + 1 < value.size() && value[zeros] == 0 && value[zeros + 1] < 0x80) {
        ++zeros;
    }
    value.erase(value.begin(), value.begin() + static_cast<std::ptrdiff_t>(zeros));
    return value;
}

bool integer_less(const Bytes& a, const Bytes& b) {
    if (a.size() != b.size()) {
        return a.size() < b.size();
    }
    return a < b;
}

}  // namespace smime::x509
