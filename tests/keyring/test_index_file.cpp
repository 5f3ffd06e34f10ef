#include <gtest/gtest.h>

#include "keyring/index_file.hpp"

using namespace smime::keyring;

namespace {
const std::string k_fpr(64, 'a');
}

TEST(IndexFile, RoundTrips) {
    std::vector<IndexEntry> entries{{1, k_fpr, "Alice@Example.org"}, {7, std::string(64, 'b'), "-"}};
    EXPECT_EQ(parse_index(format_index(entries)), entries);
}

TEST(IndexFile, SkipsMalformedAndUnterminatedLines) {
    std::size_t bad = 0;
    auto entries = parse_index("x " + k_fpr + " a@b\n3 nothex a@b\n4 " + k_fpr + " ok@x\n5 " + k_fpr + " cut", &bad);
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].imported, 4u);
    EXPECT_EQ(entries[0].value, "ok@x");
    EXPECT_EQ(bad, 3u);
}

TEST(IndexFile, EmptyIsEmpty) {
    std::size_t bad = 9;
    EXPECT_TRUE(parse_index("", &bad).empty());
    EXPECT_EQ(bad, 0u);
}

TEST(IndexFile, FingerprintShape) {
    EXPECT_TRUE(is_fingerprint(k_fpr));
    EXPECT_FALSE(is_fingerprint(std::string(64, 'A')));
    EXPECT_FALSE(is_fingerprint(std::string(63, 'a')));
}
