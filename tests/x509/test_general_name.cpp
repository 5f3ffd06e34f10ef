#include <gtest/gtest.h>

#include <smime/error.hpp>

#include "name_der.hpp"
#include "tasn1/node.hpp"
#include "x509/general_name.hpp"

using namespace smime;
using namespace smime::test;
using x509::directory_name;
using x509::GeneralName;
using x509::GeneralNames;
using x509::intersects;
using x509::NameKind;

namespace {

Bytes concat(const std::vector<Bytes>& parts) {
    Bytes out;
    for (const auto& part : parts) {
        out.insert(out.end(), part.begin(), part.end());
    }
    return out;
}

GeneralNames decode_names(const Bytes& der) {
    auto node = tasn1::decode("X509.GeneralNames", der);
    return x509::read_general_names(node.get(), der, "");
}

}  // namespace

TEST(ReadGeneralNames, EveryFormWeCompare) {
    Bytes name = name_der({{{k_c, k_printable, "US"}}, {{k_cn, k_utf8, "Alice"}}});
    Bytes other = tlv(0xa0, concat({tlv(0x06, {0x2a, 0x03, 0x04}), tlv(0xa0, tlv(0x0c, bytes_of("x")))}));
    Bytes der = tlv(0x30, concat({tlv(0x81, bytes_of("alice@example.com")), tlv(0x82, bytes_of("example.com")),
                                  tlv(0xa4, name), tlv(0x86, bytes_of("http://example.com/crl")),
                                  tlv(0x87, {192, 168, 0, 1}), other}));
    GeneralNames names = decode_names(der);
    ASSERT_EQ(names.size(), 6u);
    EXPECT_EQ(names[0], (GeneralName{NameKind::rfc822_name, bytes_of("alice@example.com")}));
    EXPECT_EQ(names[1], (GeneralName{NameKind::dns_name, bytes_of("example.com")}));
    EXPECT_EQ(names[2], directory_name(name));  // the Name's DER as it was encoded
    EXPECT_EQ(names[3], (GeneralName{NameKind::uri, bytes_of("http://example.com/crl")}));
    EXPECT_EQ(names[4], (GeneralName{NameKind::ip_address, Bytes{192, 168, 0, 1}}));
    EXPECT_EQ(names[5], (GeneralName{NameKind::other_name, other}));
}

TEST(ReadGeneralNames, DirectoryNameMustBeAName) {
    EXPECT_THROW(decode_names(tlv(0x30, tlv(0xa4, tlv(0x04, {0x00})))), Error);
}

TEST(Intersects, DirectoryNamesCompareByRfc5280Rules) {
    Bytes printable = name_der({{{k_c, k_printable, "US"}}, {{k_o, k_printable, "Test CA"}}});
    Bytes utf8 = name_der({{{k_c, k_printable, "US"}}, {{k_o, k_utf8, "test  ca"}}});
    EXPECT_TRUE(intersects({directory_name(printable)}, {GeneralName{NameKind::uri, {}}, directory_name(utf8)}));
    EXPECT_FALSE(intersects({directory_name(printable)}, {GeneralName{NameKind::other_name, printable}}));
    EXPECT_FALSE(intersects({directory_name(printable)}, {}));
}

TEST(Intersects, OtherFormsCompareByValue) {
    GeneralName uri{NameKind::uri, bytes_of("ldap://example.com/cn=CRL")};
    EXPECT_TRUE(intersects({uri}, {uri}));
    EXPECT_FALSE(intersects({uri}, {GeneralName{NameKind::uri, bytes_of("ldap://EXAMPLE.com/cn=CRL")}}));
}
