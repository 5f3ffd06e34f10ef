// Unit tests for libsmime/cms/rsa_ktri: PKCS#1 v1.5 and OAEP key transport
// round trips, and a damaged key that must not tell itself apart.
#include <gtest/gtest.h>

#include "../lib/library_environment.hpp"
#include "cms/rsa_ktri.hpp"
#include "gnutls/handle.hpp"

namespace smime::cms {
namespace {

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

}  // namespace
}  // namespace smime::cms
