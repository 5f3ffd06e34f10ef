// Unit tests for libsmime/pki/sender: the From address must be in the
// signer's certificate (SPEC verify).
#include <gtest/gtest.h>

#include "../lib/library_environment.hpp"
#include "mime/entity.hpp"
#include "pki/sender.hpp"

namespace smime::mime {
namespace {

TEST(SenderMatch, FromMustBeInTheCertificate) {
    auto check = [](std::string_view headers, std::vector<std::string> emails) {
        Entity e = parse_entity(headers);
        return signature::match_sender(e, emails);
    };
    EXPECT_TRUE(check("From: Alice <ALICE@example.org>\n\n", {"alice@example.org"}).ok);
    EXPECT_FALSE(check("From: bob@example.org\n\n", {"alice@example.org"}).ok);
    EXPECT_FALSE(check("From: bob@example.org\nSender: alice@example.org\n\n", {"alice@example.org"}).ok);
    EXPECT_FALSE(check("Subject: x\n\n", {"alice@example.org"}).ok);
    EXPECT_FALSE(check("From: a@x\nFrom: a@x\n\n", {"a@x"}).ok);
    EXPECT_FALSE(check("From: a@x\n\n", {}).ok);
    EXPECT_TRUE(check("From: a@x, b@x\nSender: b@x\n\n", {"b@x"}).ok);
    EXPECT_FALSE(check("From: a@x, b@x\nSender: c@x\n\n", {"c@x"}).ok);
}

}  // namespace
}  // namespace smime::mime
