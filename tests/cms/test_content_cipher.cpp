// Unit tests for libsmime/cms/content_cipher: PKCS#7 padding, and every
// cipher round-tripping in chunks, in place (self round trips; interop with
// real peers is in tests/encrypt).
#include <gtest/gtest.h>

#include <smime/error.hpp>

#include "../lib/library_environment.hpp"
#include "cms/content_cipher.hpp"

namespace smime::cms {
namespace {

TEST(Padding, OnlyValidPkcs7PaddingPasses) {
    Bytes block(16, 0x10);
    EXPECT_EQ(unpad(Cipher::aes256_cbc, block), 0U);
    Bytes good(32, 'x');
    good[31] = 3; good[30] = 3; good[29] = 3;
    EXPECT_EQ(unpad(Cipher::aes256_cbc, good), 29U);
    good[30] = 2;
    EXPECT_FALSE(unpad(Cipher::aes256_cbc, good));
    good[31] = 0;
    EXPECT_FALSE(unpad(Cipher::aes256_cbc, good));
    good[31] = 17;
    EXPECT_FALSE(unpad(Cipher::aes256_cbc, good));
    EXPECT_FALSE(unpad(Cipher::aes256_cbc, Bytes(15, 1)));
}

class CipherRoundTrip : public ::testing::TestWithParam<Cipher> {};

TEST_P(CipherRoundTrip, ChunkedUpdatesInPlace) {
    ContentAlgorithm alg = new_content_algorithm(GetParam());
    Bytes key(key_size(alg), 7);
    Bytes plain(100003);
    for (std::size_t i = 0; i < plain.size(); ++i) {
        plain[i] = static_cast<std::uint8_t>(i * 31);
    }
    Bytes ct(ciphertext_size(alg.cipher, plain.size()));
    ContentCipher enc(alg, key, ContentCipher::Direction::encrypt);
    std::size_t n = 0;
    for (std::size_t off = 0; off < plain.size(); off += 777) {
        n += enc.update(ByteView(plain).subspan(off, std::min<std::size_t>(777, plain.size() - off)), ct.data() + n);
    }
    n += enc.finish(ct.data() + n);
    ASSERT_EQ(n, ct.size());
    Bytes tag = is_aead(alg.cipher) ? enc.tag() : Bytes{};

    ContentAlgorithm parsed = parse_content_algorithm(encode_content_algorithm(alg));
    EXPECT_EQ(parsed.cipher, alg.cipher);
    EXPECT_EQ(parsed.iv, alg.iv);
    ContentCipher dec(parsed, key, ContentCipher::Direction::decrypt);
    Bytes buffer = ct;  // decrypt in place, as decrypt does
    std::size_t m = 0;
    for (std::size_t off = 0; off < buffer.size(); off += 1000) {
        ByteView piece = ByteView(buffer).subspan(off, std::min<std::size_t>(1000, buffer.size() - off));
        m += dec.update(piece, buffer.data() + m);
    }
    m += dec.finish(buffer.data() + m);
    if (is_aead(alg.cipher)) {
        EXPECT_EQ(dec.tag(), tag);
    } else {
        auto len = unpad(alg.cipher, ByteView(buffer.data(), m));
        ASSERT_TRUE(len);
        m = *len;
    }
    ASSERT_EQ(m, plain.size());
    EXPECT_TRUE(std::equal(plain.begin(), plain.end(), buffer.begin()));
}

INSTANTIATE_TEST_SUITE_P(All, CipherRoundTrip,
                         ::testing::Values(Cipher::aes128_cbc, Cipher::aes192_cbc, Cipher::aes256_cbc,
                                           Cipher::aes128_gcm, Cipher::aes256_gcm, Cipher::des3_cbc));

}  // namespace
}  // namespace smime::cms
