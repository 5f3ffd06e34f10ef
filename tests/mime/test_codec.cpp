// Unit tests for libsmime/mime/codec: bodies decoded by their
// Content-Transfer-Encoding (quoted-printable by GMime's decoder).
#include <gtest/gtest.h>

#include <random>
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

// The rules byte by byte, as RFC 5322 and RFC 2045 §2.7 state them: no NUL,
// no 8-bit octet, CR only before LF, lines at most 998 octets before CRLF.
bool seven_bit_reference(std::string_view text) {
    std::size_t line = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c == 0 || c >= 0x80 || (c == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) {
            return false;
        }
        if (c == '\n') {
            if (line > 998 && !(line == 999 && text[i - 1] == '\r')) {
                return false;
            }
            line = 0;
        } else {
            ++line;
        }
    }
    return line <= 998;
}

// The 16-byte blocks of is_7bit_safe against the reference: every kind of
// byte at every offset of a block, and line lengths around 998 across blocks.
TEST(MimeCodec, SevenBitSafetySameAsByteByByte) {
    std::mt19937 random(7);
    const char alphabet[] = {'a', 'a', 'a', 'a', '\r', '\n', '\n', '\0', '\x80', '\xff'};
    for (int round = 0; round < 20000; ++round) {
        std::string text(random() % 70, 'a');
        for (auto& c : text) {
            c = alphabet[random() % sizeof alphabet];
        }
        ASSERT_EQ(is_7bit_safe(text), seven_bit_reference(text)) << testing::PrintToString(text);
    }
    for (std::size_t prefix = 0; prefix < 20; ++prefix) {
        for (std::size_t length = 995; length < 1002; ++length) {
            for (const char* end : {"\n", "\r\n", "", "\r", "\r\nnext"}) {
                std::string text = std::string(prefix, 'p') + "\r\n" + std::string(length, 'x') + end;
                ASSERT_EQ(is_7bit_safe(text), seven_bit_reference(text)) << prefix << " " << length << " " << end;
            }
        }
    }
}

}  // namespace
}  // namespace smime::mime
