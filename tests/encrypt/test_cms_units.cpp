// Unit tests for the CMS building blocks of libsmime/cms (self round trips
// only; interop with real peers is in the shell tests).
#include <gtest/gtest.h>

#include <smime/error.hpp>
#include <smime/library.hpp>

#include "tasn1/ber.hpp"
#include "cms/content_cipher.hpp"
#include "cms/ecdh_kari.hpp"
#include "cms/rsa_ktri.hpp"
#include "util/read_ahead.hpp"

#include <cstdio>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

namespace smime::cms {
namespace {

struct Library : ::testing::Environment {
    void SetUp() override { m_init = std::make_unique<LibraryInit>(); }
    void TearDown() override { m_init.reset(); }
    std::unique_ptr<LibraryInit> m_init;
};
const auto* const k_env = ::testing::AddGlobalTestEnvironment(new Library);

TEST(Ber, DefiniteAndIndefinite) {
    const Bytes der{0x30, 0x03, 0x02, 0x01, 0x05};
    Tlv tlv = read_tlv(der);
    EXPECT_EQ(tlv.tag, 0x30);
    EXPECT_EQ(tlv.content.size(), 3U);
    // constructed OCTET STRING, indefinite, two segments
    const Bytes ber{0x24, 0x80, 0x04, 0x02, 'a', 'b', 0x04, 0x01, 'c', 0x00, 0x00, 0xff};
    Tlv os = read_tlv(ber);
    EXPECT_EQ(os.whole.size(), 11U);
    auto chunks = octet_string_chunks(os);
    ASSERT_EQ(chunks.size(), 2U);
    EXPECT_EQ(chunks[1][0], 'c');
}

TEST(Ber, TruncatedAndAbsurdLengthsThrow) {
    const Bytes truncated{0x30, 0x05, 0x02, 0x01};
    EXPECT_THROW(read_tlv(truncated), Error);
    const Bytes huge{0x04, 0x88, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    EXPECT_THROW(read_tlv(huge), Error);
    const Bytes unterminated{0x30, 0x80, 0x02, 0x01, 0x00};
    EXPECT_THROW(read_tlv(unterminated), Error);
    Bytes deep;
    for (int i = 0; i < 100; ++i) {
        deep.insert(deep.end(), {0x30, 0x80});
    }
    EXPECT_THROW(read_tlv(deep), Error);
}

TEST(Ber, HeaderSizeMatchesEncoding) {
    for (std::size_t len : {0UL, 127UL, 128UL, 255UL, 256UL, 65536UL, 100000000UL}) {
        Bytes out;
        append_header(out, 0x04, len);
        EXPECT_EQ(out.size(), header_size(len)) << len;
    }
    EXPECT_EQ(oid_der("1.2.840.113549.1.7.3"), (Bytes{0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x03}));
}

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

TEST(RsaKeyTransport, OaepAndPkcs1RoundTripAndWrongKeyFails) {
    auto key = gtls::make_privkey();
    ASSERT_GE(gnutls_privkey_generate(key.get(), GNUTLS_PK_RSA, 2048, 0), 0);
    auto pub = gtls::make_pubkey();
    ASSERT_GE(gnutls_pubkey_import_privkey(pub.get(), key.get(), 0, 0), 0);
    Bytes cek(32, 0x42);
    for (bool oaep : {false, true}) {
        Bytes wrapped = rsa_wrap_key(pub.get(), cek, oaep);
        auto unwrapped = rsa_unwrap_key(key.get(), rsa_key_encryption_algorithm(oaep), wrapped, cek.size());
        EXPECT_TRUE(unwrapped.ok);
        EXPECT_EQ(unwrapped.key, cek);
        wrapped[100] ^= 1;
        auto broken = rsa_unwrap_key(key.get(), rsa_key_encryption_algorithm(oaep), wrapped, cek.size());
        EXPECT_FALSE(broken.ok);
        EXPECT_EQ(broken.key.size(), cek.size());  // random stand-in, same size
        EXPECT_NE(broken.key, cek);
    }
}

// Dropping the pages already read from a file mapping must not change what
// is read again later (decrypt re-reads the input for its failure output).
TEST(ReadAhead, DroppedPagesReadTheSameAgain) {
    std::string data(10 << 20, '\0');
    for (std::size_t i = 0; i < data.size(); ++i) {
        data[i] = static_cast<char>('a' + i % 23);
    }
    char path[] = "/tmp/read-ahead-XXXXXX";
    int fd = ::mkstemp(path);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(::write(fd, data.data(), data.size()), static_cast<ssize_t>(data.size()));
    void* map = ::mmap(nullptr, data.size(), PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    ::unlink(path);
    ASSERT_NE(map, MAP_FAILED);
    std::string_view mapping(static_cast<const char*>(map), data.size());
    std::string_view body = mapping.substr(1234);
    util::ReadAhead ahead(body, mapping);
    std::size_t sum = 0;
    for (std::size_t pos = 0; pos < body.size(); pos += 65536) {
        sum += static_cast<unsigned char>(body[pos]);
        ahead.at(std::min(body.size(), pos + 65536));
    }
    EXPECT_GT(sum, 0U);
    EXPECT_EQ(mapping, data);  // every page, dropped or not, reads as before
    ::munmap(map, data.size());
    // Ordinary memory is never touched.
    std::string copy = data;
    util::ReadAhead on_heap(copy, {});
    on_heap.at(copy.size());
    EXPECT_EQ(copy, data);
}

}  // namespace
}  // namespace smime::cms
