// Unit tests for libsmime/mime/line_ends: whole, pieced and in place.
#include <gtest/gtest.h>

#include "mime/line_ends.hpp"

namespace smime::mime {
namespace {

TEST(LineEnds, CrlfCanonicalForm) {
    EXPECT_EQ(to_crlf("a\nb\r\nc"), "a\r\nb\r\nc");
    EXPECT_FALSE(has_bare_lf("a\r\nb\r\n"));
    EXPECT_TRUE(has_bare_lf("a\r\nb\n"));
    EXPECT_EQ(to_lf("a\r\nb\r\n"), "a\nb\n");
}

TEST(LineEnds, ToCrlfKeepsExistingCrlf) {
    EXPECT_EQ(to_crlf("a\nb\r\nc\n"), "a\r\nb\r\nc\r\n");
    EXPECT_EQ(to_crlf("\n"), "\r\n");
    std::string out = "x";
    append_crlf(out, "a\nb\r\n");
    EXPECT_EQ(out, "xa\r\nb\r\n");
}

TEST(LineEnds, ToLfOnlyTouchesCrlf) {
    EXPECT_EQ(to_lf("a\r\nb\rc\n"), "a\nb\rc\n");
    EXPECT_EQ(to_lf("\r\r\n\r"), "\r\n\r");
    EXPECT_EQ(to_lf(""), "");
}

TEST(LineEnds, StreamedPiecesEqualWholeConversions) {
    std::string text;
    for (int i = 0; i < 5000; ++i) {
        text += (i % 7 == 0) ? "\r\n" : (i % 5 == 0 ? "\n" : (i % 11 == 0 ? "\r" : "abc"));
    }
    text += "\n";
    std::string expected = to_crlf(text);
    EXPECT_EQ(crlf_size(text), expected.size());
    for (std::size_t cap : {2UL, 3UL, 7UL, 64UL, 65536UL}) {
        std::string got;
        std::vector<char> buf(cap);
        for (std::size_t pos = 0; pos < text.size();) {
            got.append(buf.data(), crlf_fill(text, pos, buf.data(), cap));
        }
        EXPECT_EQ(got, expected) << cap;
    }
    // move_from_crlf in place, to the left, gives to_lf.
    std::string buffer = std::string(10, '#') + expected;
    std::size_t end = move_from_crlf(buffer.data(), 3, 10, expected.size(), "\n");
    EXPECT_EQ(buffer.substr(3, end - 3), to_lf(expected));
    // With CRLF as the target it only moves.
    buffer = std::string(10, '#') + expected;
    end = move_from_crlf(buffer.data(), 3, 10, expected.size(), "\r\n");
    EXPECT_EQ(buffer.substr(3, end - 3), expected);
}

}  // namespace
}  // namespace smime::mime
