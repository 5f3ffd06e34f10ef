// Unit tests for the byte-exact MIME helpers that sign and verify rely on.
#include <gtest/gtest.h>

#include <gmime/gmime.h>

#include "mime/codec.hpp"
#include "mime/entity.hpp"
#include "mime/headers.hpp"
#include "pki/sender.hpp"
#include "../mime/gmime_environment.hpp"

namespace smime::mime {
namespace {

TEST(MimeEntity, HeadersBodyAndFolding) {
    std::string_view bytes = "From: a@b\r\nSubject: one\r\n two\r\n\r\nbody\r\n";
    Entity e = parse_entity(bytes);
    ASSERT_EQ(e.headers.size(), 2u);
    EXPECT_EQ(unfold(e.find("subject")->value), "one two");
    EXPECT_EQ(e.body, "body\r\n");
    EXPECT_EQ(e.eol, "\r\n");
    EXPECT_EQ(std::string(e.header_block), "From: a@b\r\nSubject: one\r\n two\r\n");
}

TEST(MimeEntity, NoHeadersIsAllBody) {
    Entity e = parse_entity("just text\n");
    EXPECT_TRUE(e.headers.empty());
    EXPECT_EQ(e.body, "just text\n");
    EXPECT_EQ(content_type_of(e).type, "text");  // SPEC: no Content-Type is text/plain
}

TEST(MimeMultipart, PartsExcludeTheDelimiterLineEnd) {
    std::string_view body = "pre\r\n--b\r\nA\r\n\r\nx\r\n--b\r\nB\r\n--b--\r\nepi";
    auto parts = split_multipart(body, "b");
    ASSERT_TRUE(parts);
    ASSERT_EQ(parts->parts.size(), 2u);
    EXPECT_EQ(parts->parts[0], "A\r\n\r\nx");
    EXPECT_EQ(parts->parts[1], "B");
    EXPECT_EQ(parts->epilogue, "epi");
}

TEST(MimeMultipart, BoundaryInsideALineIsNotADelimiter) {
    auto parts = split_multipart("--b\nx --b\n--bz\n--b--\n", "b");
    ASSERT_TRUE(parts);
    ASSERT_EQ(parts->parts.size(), 1u);
    EXPECT_EQ(parts->parts[0], "x --b\n--bz");
}

TEST(MimeMultipart, MissingCloseDelimiterFails) {
    EXPECT_FALSE(split_multipart("--b\nx\n--b\ny\n", "b"));
    EXPECT_FALSE(split_multipart("no delimiters", "b"));
}

TEST(MimeHeaders, SmimeHeadersRemovedAtEveryDepth) {
    std::string message =
        "X-SMIME-Signature: ok\nFrom: a@b\nContent-Type: multipart/mixed; boundary=\"q\"\n\n"
        "--q\nx-smime-encryption: ok\nContent-Type: text/plain\n\nhi\n--q--\n";
    std::string out = strip_smime_headers(message);
    EXPECT_EQ(out.find("X-SMIME"), std::string::npos);
    EXPECT_EQ(out.find("x-smime"), std::string::npos);
    EXPECT_NE(out.find("From: a@b\n"), std::string::npos);
    EXPECT_NE(out.find("--q\nContent-Type: text/plain\n\nhi\n--q--\n"), std::string::npos);
}

TEST(MimeHeaders, StatusHeaderQuotesAndDropsLineEnds) {
    EXPECT_EQ(status_header("X-SMIME-Signature", "failed", {{"reason", "a \"b\"\r\nX-Evil: 1"}}, "\n"),
              "X-SMIME-Signature: failed; reason=\"a \\\"b\\\"  X-Evil: 1\"\n");
}

TEST(MimeCodec, SevenBitSafety) {
    EXPECT_TRUE(is_7bit_safe("plain\r\ntext\n"));
    EXPECT_FALSE(is_7bit_safe("caf\xc3\xa9"));
    EXPECT_FALSE(is_7bit_safe(std::string_view("nul\0", 4)));
    EXPECT_FALSE(is_7bit_safe("lone\rcr"));
    EXPECT_TRUE(is_7bit_safe(std::string(998, 'x') + "\r\n"));
    EXPECT_FALSE(is_7bit_safe(std::string(999, 'x') + "\n"));
}

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
