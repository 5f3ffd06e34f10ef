#include <gtest/gtest.h>

#include <smime/error.hpp>

#include "name_der.hpp"
#include "x509/names.hpp"

using namespace smime;
using namespace smime::test;
using x509::name_within;
using x509::parse_name;
using x509::prepare_text;
using x509::same_name;

TEST(PrepareText, FoldsCaseAndInsignificantSpaces) {
    EXPECT_EQ(prepare_text("  Good   CA\t Root "), "good ca root");
    EXPECT_EQ(prepare_text("\xef\xac\x81le"), "file");  // U+FB01 ligature, NFKC
    EXPECT_EQ(prepare_text("STRASSE"), prepare_text("strasse"));
    EXPECT_NE(prepare_text("good ca"), prepare_text("goodca"));
}

TEST(SameName, IgnoresStringTypeCaseAndSpaces) {
    Bytes printable = name_der({{{k_c, k_printable, "US"}}, {{k_o, k_printable, "Test Certificates 2011"}}});
    Bytes utf8 = name_der({{{k_c, k_printable, "US"}}, {{k_o, k_utf8, "  test   CERTIFICATES 2011"}}});
    EXPECT_TRUE(same_name(printable, utf8));
}

TEST(SameName, DifferentValuesOrTypesDiffer) {
    Bytes a = name_der({{{k_o, k_printable, "Test"}}, {{k_cn, k_utf8, "Alice"}}});
    EXPECT_FALSE(same_name(a, name_der({{{k_o, k_printable, "Test"}}, {{k_cn, k_utf8, "Bob"}}})));
    EXPECT_FALSE(same_name(a, name_der({{{k_o, k_printable, "Test"}}, {{k_o, k_utf8, "Alice"}}})));
    EXPECT_FALSE(same_name(a, name_der({{{k_o, k_printable, "Test"}}})));
    EXPECT_FALSE(same_name(a, name_der({{{k_cn, k_utf8, "Alice"}}, {{k_o, k_printable, "Test"}}})));  // RDN order
}

TEST(SameName, MultiValuedRdnIsASet) {
    Bytes ab = name_der({{{k_o, k_utf8, "Test"}, {k_cn, k_utf8, "Alice"}}});
    Bytes ba = name_der({{{k_cn, k_utf8, "alice"}, {k_o, k_utf8, "Test"}}});
    EXPECT_TRUE(same_name(ab, ba));
}

TEST(SameName, GarbageIsNoName) {
    Bytes garbage{0x30, 0x05, 0x01};
    EXPECT_THROW(parse_name(garbage), Error);
    EXPECT_FALSE(same_name(garbage, name_der({{{k_cn, k_utf8, "x"}}})));
}

TEST(NameWithin, LeadingRdnsMatch) {
    auto base = parse_name(name_der({{{k_c, k_printable, "US"}}, {{k_o, k_printable, "Test"}}}));
    auto inside = parse_name(name_der({{{k_c, k_printable, "us"}}, {{k_o, k_utf8, "TEST"}}, {{k_cn, k_utf8, "Alice"}}}));
    auto outside = parse_name(name_der({{{k_c, k_printable, "US"}}, {{k_o, k_printable, "Other"}}, {{k_cn, k_utf8, "A"}}}));
    EXPECT_TRUE(name_within(base, inside));
    EXPECT_TRUE(name_within(base, base));
    EXPECT_FALSE(name_within(base, outside));
    EXPECT_FALSE(name_within(inside, base));
}

TEST(EmailAttributes, FoundInSubject) {
    auto name = parse_name(name_der({{{k_cn, k_utf8, "Alice"}}, {{k_email, k_ia5, "Alice@Example.org"}}}));
    ASSERT_EQ(x509::email_attributes(name).size(), 1u);
    EXPECT_EQ(x509::email_attributes(name).front(), "alice@example.org");
}
