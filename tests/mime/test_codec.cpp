// Unit tests for libsmime/mime/codec: bodies decoded by their
// Content-Transfer-Encoding (quoted-printable by GMime's decoder).
#include <gtest/gtest.h>

#include <string>

#include "../lib/library_environment.hpp"
#include "mime/codec.hpp"

namespace smime::mime {
namespace {

std::string text(const std::optional<std::vector<std::uint8_t>>& bytes) {
    return bytes ? std::string(bytes->begin(), bytes->end()) : std::string("<nullopt>");
}

TEST(DecodeBody, QuotedPrintable) {
    EXPECT_EQ(text(decode_body("caf=C3=A9 =3D ok", "quoted-printable")), "caf\xc3\xa9 = ok");
    EXPECT_EQ(text(decode_body("soft=\r\nbreak=\nhere", "Quoted-Printable")), "softbreakhere");
}

TEST(DecodeBody, Base64AndIdentity) {
    EXPECT_EQ(text(decode_body("aGVsbG8=\r\n", "base64")), "hello");
    EXPECT_EQ(text(decode_body("aGVsbG8", "BASE64")), "hello");  // padding may be missing
    EXPECT_FALSE(decode_body("a$b", "base64"));                  // broken base64
    EXPECT_EQ(text(decode_body("as is", "8bit")), "as is");
    EXPECT_EQ(text(decode_body("as is", "")), "as is");
}

TEST(MimeCodec, SevenBitSafety) {
    EXPECT_TRUE(is_7bit_safe("plain\r\ntext\n"));
    EXPECT_FALSE(is_7bit_safe("caf\xc3\xa9"));
    EXPECT_FALSE(is_7bit_safe(std::string_view("nul\0", 4)));
    EXPECT_FALSE(is_7bit_safe("lone\rcr"));
    EXPECT_TRUE(is_7bit_safe(std::string(998, 'x') + "\r\n"));
    EXPECT_FALSE(is_7bit_safe(std::string(999, 'x') + "\n"));
}

}  // namespace
}  // namespace smime::mime
