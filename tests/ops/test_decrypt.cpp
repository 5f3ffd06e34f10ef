// Unit tests for libsmime/ops/decrypt (with ops/encrypt making the
// messages): round trips, the wrong recipient, and decrypt-then-verify, on
// a keyring made in the test. Interop with openssl and gpgsm is in
// tests/encrypt.
#include <smime/decrypt.hpp>
#include <smime/encrypt.hpp>

#include "keyring_fixture.hpp"

namespace smime::fixtures {
namespace {

using Decrypt = KeyringFixture;

std::string encrypt(Context& ctx, Keyring& keyring, Cipher cipher, bool sign = false) {
    EncryptParams params;
    params.to = {"bob@example.org"};
    params.cipher = cipher;
    params.sign = sign;
    EncryptResult result = encrypt_message(ctx, keyring, k_message, params);
    EXPECT_EQ(result.status.back().status, Status::ok) << to_json(result.status.back());
    return result.output;
}

TEST_F(Decrypt, RoundTripsWithEveryModernCipher) {
    for (Cipher cipher : {Cipher::aes128_cbc, Cipher::aes256_cbc, Cipher::aes128_gcm, Cipher::aes256_gcm}) {
        std::string message = encrypt(ctx, *keyring, cipher);
        EXPECT_EQ(message.find("pay 10 EUR"), std::string::npos);
        DecryptResult result = decrypt_message(ctx, *keyring, message, VerifyParams());
        ASSERT_EQ(result.status.size(), 1U);
        EXPECT_EQ(result.status[0].status, Status::ok) << to_json(result.status[0]);
        EXPECT_NE(result.output.find("pay 10 EUR to Alice"), std::string::npos);
    }
}

TEST_F(Decrypt, WithoutTheRecipientsKeyFailsAndKeepsTheMessage) {
    std::string message = encrypt(ctx, *keyring, Cipher::aes256_gcm);
    keyring->remove(bob.info.fingerprint, true);
    DecryptResult result = decrypt_message(ctx, *keyring, message, VerifyParams());
    EXPECT_EQ(result.status[0].status, Status::failed);
    EXPECT_NE(result.output.find(message.substr(message.size() - 200)), std::string::npos);  // attached unchanged
}

TEST_F(Decrypt, SignedInsideIsVerified) {
    DecryptResult result = decrypt_message(ctx, *keyring, encrypt(ctx, *keyring, Cipher::aes256_cbc, true), VerifyParams());
    ASSERT_EQ(result.status.size(), 2U);
    EXPECT_EQ(result.status[0].status, Status::ok);
    EXPECT_EQ(result.status[1].op, "verify");
    EXPECT_EQ(result.status[1].status, Status::ok) << to_json(result.status[1]);
}

TEST_F(Decrypt, NotEncryptedIsNone) {
    DecryptResult result = decrypt_message(ctx, *keyring, k_message, VerifyParams());
    EXPECT_EQ(result.status[0].status, Status::none);
    EXPECT_NE(result.output.find("pay 10 EUR to Alice"), std::string::npos);
}

}  // namespace
}  // namespace smime::fixtures
