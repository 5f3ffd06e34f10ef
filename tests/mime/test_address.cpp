// Unit tests for libsmime/mime/address.
#include <gtest/gtest.h>

#include "../lib/library_environment.hpp"
#include "mime/address.hpp"

using namespace smime::util;

TEST(Address, FoldsOnlyAscii) {
    EXPECT_EQ(fold_address("Alice@Example.ORG"), "alice@example.org");
    EXPECT_EQ(fold_address("J\xC3\x96rg@example.org"), "j\xC3\x96rg@example.org");
}

TEST(Address, LooksLikeAddress) {
    EXPECT_TRUE(looks_like_address("a@b"));
    EXPECT_FALSE(looks_like_address("@b"));
    EXPECT_FALSE(looks_like_address("a@"));
    EXPECT_FALSE(looks_like_address("a b@c"));
    EXPECT_FALSE(looks_like_address("<a@b>"));
    EXPECT_FALSE(looks_like_address("deadbeef"));
}

TEST(Address, ParsesLists) {
    auto list = parse_address_list("Alice <alice@example.org>, bob@example.org, team: c@x.org, d@y.org;");
    ASSERT_EQ(list.size(), 4u);
    EXPECT_EQ(list[0], "alice@example.org");
    EXPECT_EQ(list[1], "bob@example.org");
    EXPECT_EQ(list[3], "d@y.org");
}

TEST(Address, GarbageGivesNoAddresses) {
    EXPECT_TRUE(parse_address_list("").empty());
    EXPECT_TRUE(parse_address_list("\"unterminated").size() <= 1);
}
