// Unit tests for libsmime/ops/verify (with ops/sign making the messages):
// the verdicts SPEC gives, on a keyring made in the test. Interop with
// openssl and gpgsm signatures is in tests/sign.
#include <smime/sign.hpp>
#include <smime/verify.hpp>

#include "keyring_fixture.hpp"

namespace smime::fixtures {
namespace {

using Verify = KeyringFixture;

std::string sign(Context& ctx, Keyring& keyring, bool opaque = false) {
    SignParams params;
    params.opaque = opaque;
    SignResult result = sign_message(ctx, keyring, k_message, params);
    EXPECT_EQ(result.status.status, Status::ok) << to_json(result.status);
    return result.output;
}

TEST_F(Verify, DetachedAndOpaqueSignaturesVerify) {
    for (bool opaque : {false, true}) {
        VerifyResult result = verify_message(ctx, *keyring, sign(ctx, *keyring, opaque), VerifyParams());
        EXPECT_EQ(result.status.status, Status::ok) << to_json(result.status);
        EXPECT_NE(result.output.find("pay 10 EUR to Alice"), std::string::npos);
        EXPECT_NE(result.output.find("X-SMIME-Signature: ok"), std::string::npos);
    }
}

TEST_F(Verify, ChangedContentFails) {
    std::string message = sign(ctx, *keyring);
    message.replace(message.find("10 EUR"), 6, "99 EUR");
    VerifyResult result = verify_message(ctx, *keyring, message, VerifyParams());
    EXPECT_EQ(result.status.status, Status::failed);
    EXPECT_NE(result.output.find("99 EUR"), std::string::npos);  // the message comes back, flagged
}

TEST_F(Verify, UntrustedRootFails) {
    std::string message = sign(ctx, *keyring);
    keyring->set_trusted(root.info.fingerprint, false);
    EXPECT_EQ(verify_message(ctx, *keyring, message, VerifyParams()).status.status, Status::failed);
}

TEST_F(Verify, FromMustMatchTheSigner) {
    std::string message = sign(ctx, *keyring);
    std::string forged = message;
    forged.replace(forged.find("From: Alice <alice@example.org>"), 31, "From: Mallory <bob@example.org>");
    EXPECT_EQ(verify_message(ctx, *keyring, forged, VerifyParams()).status.status, Status::failed);
    VerifyParams no_check;
    no_check.sender_check = false;
    EXPECT_EQ(verify_message(ctx, *keyring, forged, no_check).status.status, Status::ok);
}

TEST_F(Verify, UnsignedIsNone) {
    VerifyResult result = verify_message(ctx, *keyring, k_message, VerifyParams());
    EXPECT_EQ(result.status.status, Status::none);
    EXPECT_NE(result.output.find("pay 10 EUR to Alice"), std::string::npos);
}

TEST_F(Verify, AtATimeBeforeTheCertificatesIsNotValid) {
    VerifyParams params;
    params.at = std::time(nullptr) - 30 * 86400;
    EXPECT_EQ(verify_message(ctx, *keyring, sign(ctx, *keyring), params).status.status, Status::failed);
}

}  // namespace
}  // namespace smime::fixtures
