// Unit tests for split_message and parse_content_type (libsmime/mime/entity),
// the top-level reading of encrypt and decrypt.
#include <gtest/gtest.h>

#include "mime/entity.hpp"

namespace smime::mime {
namespace {

TEST(SplitMessage, KeepsRawFieldsAndBody) {
    std::string msg = "From: a@x\r\nSubject: one\r\n two\r\nContent-Type: Text/Plain; charset=\"utf-8\"\r\n\r\nbody\r\n";
    auto split = split_message(msg);
    ASSERT_EQ(split.headers.size(), 3U);
    EXPECT_EQ(split.eol, "\r\n");
    EXPECT_EQ(split.get("subject"), "one two");
    EXPECT_EQ(split.headers[1].raw, "Subject: one\r\n two\r\n");
    EXPECT_EQ(split.body, "body\r\n");
    auto ct = parse_content_type(split.get("Content-Type"));
    EXPECT_TRUE(ct.is("text", "plain"));
    EXPECT_EQ(ct.param("charset"), "utf-8");
    EXPECT_TRUE(parse_content_type("").is("text", "plain"));
}

TEST(SplitMessage, LenientWhereParseEntityIsStrict) {
    // An 8-bit field name is a field here, body for parse_entity.
    std::string_view msg = "Fr\xc3\xb6m: a\nTo: b\nTo: c\n\nbody";
    auto split = split_message(msg);
    ASSERT_EQ(split.headers.size(), 3U);
    EXPECT_EQ(split.eol, "\n");
    EXPECT_EQ(split.get_all("to"), (std::vector<std::string>{"b", "c"}));
    EXPECT_EQ(split.body, "body");
    EXPECT_TRUE(parse_entity(msg).headers.empty());
    // No blank line: the body starts at the first line that is not a field.
    auto no_blank = split_message("A: 1\nnot a field\nB: 2\n");
    ASSERT_EQ(no_blank.headers.size(), 1U);
    EXPECT_EQ(no_blank.body, "not a field\nB: 2\n");
    EXPECT_EQ(split_message("no line end").eol, "\n");
}

TEST(ParseContentType, ParametersAndOddTypes) {
    auto ct = parse_content_type("Application/PKCS7-MIME; Smime-Type=enveloped-data; name=\"a\\\"b.p7m\"; name=x.p7m");
    EXPECT_TRUE(ct.is("application", "pkcs7-mime"));
    EXPECT_EQ(ct.param("smime-type"), "enveloped-data");
    EXPECT_EQ(ct.param("name"), "x.p7m");  // the last one counts
    EXPECT_TRUE(ct.has_param("name"));
    EXPECT_FALSE(ct.has_param("charset"));
    EXPECT_TRUE(parse_content_type("a; q=\"x\\\"y\"").has_param("q"));
    EXPECT_EQ(parse_content_type("a; q=\"x\\\"y\"").param("q"), "x\"y");
    // Without "/" no type matches: "multipart" alone is not multipart/anything.
    auto bare = parse_content_type("multipart");
    EXPECT_EQ(bare.type, "");
    EXPECT_EQ(bare.subtype, "multipart");
    EXPECT_EQ(parse_content_type("multipart/").type, "multipart");
}

}  // namespace
}  // namespace smime::mime
