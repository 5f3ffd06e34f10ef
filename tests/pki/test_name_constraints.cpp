#include <gtest/gtest.h>

#include "../x509/name_der.hpp"
#include "pki/name_constraints.hpp"

using namespace smime;
using namespace smime::test;
using x509::allowed_by;
using x509::GeneralName;
using x509::in_subtree;
using x509::NameConstraints;
using x509::NameKind;

namespace {
GeneralName text(NameKind kind, const std::string& value) { return {kind, bytes_of(value)}; }
GeneralName email(const std::string& value) { return text(NameKind::rfc822_name, value); }
GeneralName dns(const std::string& value) { return text(NameKind::dns_name, value); }
GeneralName uri(const std::string& value) { return text(NameKind::uri, value); }
GeneralName ip(Bytes value) { return {NameKind::ip_address, std::move(value)}; }
GeneralName dn(const Bytes& der) { return x509::directory_name(der); }
GeneralName registered_id(const std::string& oid) { return text(NameKind::registered_id, oid); }
GeneralName other_name(Bytes der) { return {NameKind::other_name, std::move(der)}; }
}  // namespace

TEST(InSubtree, Rfc822) {
    EXPECT_TRUE(in_subtree(email("example.com"), email("alice@Example.COM")));
    EXPECT_FALSE(in_subtree(email("example.com"), email("alice@sub.example.com")));
    EXPECT_TRUE(in_subtree(email(".example.com"), email("alice@sub.example.com")));
    EXPECT_FALSE(in_subtree(email(".example.com"), email("alice@example.com")));
    EXPECT_TRUE(in_subtree(email("alice@example.com"), email("alice@example.com")));
    EXPECT_FALSE(in_subtree(email("alice@example.com"), email("bob@example.com")));
    EXPECT_FALSE(in_subtree(email("example.com"), email("not-an-address")));
}

TEST(InSubtree, DnsName) {
    EXPECT_TRUE(in_subtree(dns("example.com"), dns("example.com")));
    EXPECT_TRUE(in_subtree(dns("example.com"), dns("www.EXAMPLE.com")));
    EXPECT_FALSE(in_subtree(dns("example.com"), dns("badexample.com")));
    EXPECT_TRUE(in_subtree(dns(""), dns("anything.org")));
}

TEST(InSubtree, UriHost) {
    EXPECT_TRUE(in_subtree(uri("host.example.com"), uri("http://host.example.com/path")));
    EXPECT_TRUE(in_subtree(uri("host.example.com"), uri("ldap://user@host.example.com:389/")));
    EXPECT_FALSE(in_subtree(uri("example.com"), uri("http://host.example.com/")));
    EXPECT_TRUE(in_subtree(uri(".example.com"), uri("http://host.example.com/")));
    EXPECT_FALSE(in_subtree(uri(".example.com"), uri("http://example.com/")));
}

TEST(InSubtree, IpAddressWithMask) {
    GeneralName net{ip({192, 168, 0, 0, 255, 255, 0, 0})};
    EXPECT_TRUE(in_subtree(net, ip({192, 168, 7, 1})));
    EXPECT_FALSE(in_subtree(net, ip({192, 169, 7, 1})));
    EXPECT_FALSE(in_subtree(net, ip(Bytes(16, 0))));  // IPv6 never inside an IPv4 subtree
}

TEST(InSubtree, DirectoryName) {
    Bytes base = name_der({{{k_c, k_printable, "US"}}, {{k_o, k_printable, "Test"}}});
    Bytes inside = name_der({{{k_c, k_printable, "US"}}, {{k_o, k_utf8, "test"}}, {{k_cn, k_utf8, "A"}}});
    Bytes outside = name_der({{{k_c, k_printable, "US"}}, {{k_cn, k_utf8, "A"}}});
    EXPECT_TRUE(in_subtree(dn(base), dn(inside)));
    EXPECT_FALSE(in_subtree(dn(base), dn(outside)));
}

TEST(AllowedBy, PermittedAppliesPerType) {
    NameConstraints constraints{{email("example.com")}, {}};
    EXPECT_TRUE(allowed_by(constraints, {email("a@example.com"), dns("other.org")}));  // no dNSName constraint
    EXPECT_FALSE(allowed_by(constraints, {email("a@example.com"), email("b@other.org")}));
    EXPECT_TRUE(allowed_by(constraints, {}));
}

TEST(AllowedBy, ExcludedWins) {
    Bytes permitted = name_der({{{k_c, k_printable, "US"}}});
    Bytes excluded = name_der({{{k_c, k_printable, "US"}}, {{k_o, k_printable, "Bad"}}});
    NameConstraints constraints{{dn(permitted)}, {dn(excluded)}};
    EXPECT_TRUE(allowed_by(constraints, {dn(name_der({{{k_c, k_printable, "US"}}, {{k_o, k_utf8, "Good"}}}))}));
    EXPECT_FALSE(allowed_by(constraints, {dn(name_der({{{k_c, k_printable, "US"}}, {{k_o, k_utf8, "bad"}}}))}));
    EXPECT_FALSE(allowed_by(constraints, {dn(name_der({{{k_c, k_printable, "DE"}}}))}));
}

TEST(AllowedBy, FormsWeCannotCompareAreOneForm) {
    NameConstraints constraints{{registered_id("1.2.3")}, {}};
    EXPECT_FALSE(allowed_by(constraints, {registered_id("1.2.3")}));  // never inside a subtree
    EXPECT_FALSE(allowed_by(constraints, {other_name({0xa0, 0x00})}));
    EXPECT_TRUE(allowed_by(constraints, {email("a@example.com")}));
    EXPECT_TRUE(allowed_by(NameConstraints{{}, {registered_id("1.2.3")}}, {registered_id("1.2.3")}));
}
