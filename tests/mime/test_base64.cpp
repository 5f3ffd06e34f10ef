// Unit tests for libsmime/mime/base64: whole and streamed, both paddings,
// and byte for byte what GMime's decoder makes of valid input (we keep our
// own decoder: strict where GMime skips what is not base64, and faster, see
// bench/mime-decoders).
#include <gtest/gtest.h>

#include <gmime/gmime.h>

#include <random>

#include <smime/error.hpp>

#include "mime/base64.hpp"
#include "mime/codec.hpp"

namespace smime::mime {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes bytes_of(std::string_view text) { return Bytes(text.begin(), text.end()); }

TEST(Base64, LinesOf76AndRoundTrip) {
    Bytes data(1000);
    for (std::size_t i = 0; i < data.size(); ++i) {
        data[i] = static_cast<std::uint8_t>(i);
    }
    std::string text = base64_encode(data, "\n");
    EXPECT_EQ(text.find('\n'), 76U);
    EXPECT_EQ(base64_decode(text), data);
    EXPECT_THROW(base64_decode("!!!!"), Error);
    EXPECT_EQ(base64_encode({}), "");
}

TEST(Base64, RoundTripAndGarbage) {
    Bytes data{0, 1, 2, 250, 251, 252, 253};
    EXPECT_EQ(base64_decode(base64_encode(data)), data);
    EXPECT_EQ(base64_decode(base64_encode(data), Base64Padding::lenient), data);
    for (auto padding : {Base64Padding::required, Base64Padding::lenient}) {
        EXPECT_THROW(base64_decode("ab!d", padding), Error);
        EXPECT_THROW(base64_decode("QQ==QQ", padding), Error);
    }
    // verify reads signature parts through decode_body: broken base64 is nullopt there.
    EXPECT_FALSE(decode_body("ab!d", "base64"));
    EXPECT_FALSE(decode_body("QQ==QQ", "base64"));
    auto decoded = decode_body(base64_encode(data), "Base64");
    ASSERT_TRUE(decoded);
    EXPECT_EQ(*decoded, data);
}

TEST(Base64, PaddingRequiredOrLenient) {
    EXPECT_EQ(base64_decode("QQ=="), bytes_of("A"));
    EXPECT_EQ(base64_decode(" QU\r\nI=\n"), bytes_of("AB"));
    for (std::string_view text : {"QQ", "QQ=", "QQ===", "QUJD=", "=", "Q", "Q==="}) {
        EXPECT_THROW(base64_decode(text), Error) << text;
    }
    EXPECT_EQ(base64_decode("QQ", Base64Padding::lenient), bytes_of("A"));
    EXPECT_EQ(base64_decode("QUI", Base64Padding::lenient), bytes_of("AB"));
    EXPECT_EQ(base64_decode("QQ=====", Base64Padding::lenient), bytes_of("A"));
    EXPECT_EQ(base64_decode("QUJD=", Base64Padding::lenient), bytes_of("ABC"));
    EXPECT_EQ(base64_decode("=", Base64Padding::lenient), Bytes{});
    for (std::string_view text : {"Q", "Q===", "QUJDQ", "QQ=Q"}) {
        EXPECT_THROW(base64_decode(text, Base64Padding::lenient), Error) << text;
    }
    EXPECT_EQ(decode_body("QQ", "base64"), bytes_of("A"));
}

TEST(Base64, ErrorsNameWhatWasDecoded) {
    // decrypt's failure reason quotes these words (SPEC decrypt).
    Bytes out(8);
    try {
        Base64Decoder decoder(Base64Padding::required, "the encrypted part");
        decoder.decode("QU!J", out.data());
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), Errc::parse);
        EXPECT_STREQ(e.what(), "malformed base64 in the encrypted part");
    }
    try {
        Base64Decoder decoder(Base64Padding::required, "the encrypted part");
        decoder.decode("QUJ", out.data());
        decoder.finish(out.data());
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), Errc::parse);
        EXPECT_STREQ(e.what(), "malformed base64 in the encrypted part (truncated)");
    }
}

TEST(Base64, WriterInOddPiecesEqualsWhole) {
    Bytes data(10000);
    for (std::size_t i = 0; i < data.size(); ++i) {
        data[i] = static_cast<std::uint8_t>(i * 7 + 3);
    }
    std::string streamed;
    Base64Writer writer(streamed, "\r\n");
    for (std::size_t off = 0; off < data.size(); off += 13) {
        writer.write(std::span<const std::uint8_t>(data).subspan(off, std::min<std::size_t>(13, data.size() - off)));
    }
    writer.finish();
    EXPECT_EQ(streamed, base64_encode(data, "\r\n"));
    EXPECT_EQ(base64_decode(streamed), data);
}

TEST(Base64, DecoderInPiecesEqualsWhole) {
    Bytes data(1001);
    for (std::size_t i = 0; i < data.size(); ++i) {
        data[i] = static_cast<std::uint8_t>(i * 13 + 1);
    }
    std::string text = base64_encode(data, "\r\n");  // ends with "=" padding
    for (auto padding : {Base64Padding::required, Base64Padding::lenient}) {
        for (std::size_t piece : {1UL, 2UL, 3UL, 5UL, 77UL, 4096UL}) {
            Base64Decoder decoder(padding);
            Bytes out(text.size());
            std::size_t size = 0;
            for (std::size_t pos = 0; pos < text.size(); pos += piece) {
                size += decoder.decode(std::string_view(text).substr(pos, piece), out.data() + size);
            }
            EXPECT_NO_THROW(size += decoder.finish(out.data() + size));
            out.resize(size);
            EXPECT_EQ(out, data) << piece;
        }
    }
    Base64Decoder truncated;
    Bytes out(8);
    truncated.decode("QUJ", out.data());
    EXPECT_THROW(truncated.finish(out.data()), Error);
}

TEST(Base64, SameBytesAsGMimesDecoder) {
    std::mt19937 random(7);
    for (std::size_t size : {0U, 1U, 2U, 3U, 57U, 58U, 1000U, 65536U, 100003U}) {
        Bytes data(size);
        for (auto& byte : data) {
            byte = static_cast<std::uint8_t>(random());
        }
        for (std::string_view eol : {"\r\n", "\n"}) {
            std::string text = base64_encode(data, eol);
            Bytes theirs(text.size() / 4 * 3 + 4);
            int state = 0;
            guint32 save = 0;
            theirs.resize(g_mime_encoding_base64_decode_step(reinterpret_cast<const unsigned char*>(text.data()),
                                                             text.size(), theirs.data(), &state, &save));
            EXPECT_EQ(base64_decode(text), theirs) << size;
            EXPECT_EQ(base64_decode(text), data) << size;
        }
    }
}

}  // namespace
}  // namespace smime::mime
