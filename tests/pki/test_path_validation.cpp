// Unit tests for libsmime/pki/path_validation (RFC 5280 §6.1) on chains made
// in the test; NIST PKITS (tests/sign/pkits.sh) covers the whole catalogue.
#include <gtest/gtest.h>

#include <vector>

#include "../lib/library_environment.hpp"
#include "../lib/test_pki.hpp"
#include "pki/path_validation.hpp"

namespace smime::x509 {
namespace {

using smime::fixtures::ca_spec;
using smime::fixtures::make_cert;
using smime::fixtures::TestCert;
using smime::fixtures::user_spec;

struct Chain : ::testing::Test {
    TestCert root = make_cert(ca_spec("Root"), nullptr);
    TestCert sub = make_cert(ca_spec("Sub", 0), &root);
    TestCert leaf = make_cert(user_spec("Alice", "alice@example.org"), &sub);

    static ValidationResult validate(const std::vector<const TestCert*>& path, std::time_t at = std::time(nullptr),
                                     bool email = true) {
        std::vector<CertInfo> infos;
        for (const TestCert* cert : path) {
            infos.push_back(cert->info);
        }
        ValidationParams params;
        params.at = at;
        params.email_protection = email;
        return validate_path(infos, params);
    }
};

TEST_F(Chain, ValidPath) {
    auto result = validate({&leaf, &sub, &root});
    EXPECT_TRUE(result.ok) << result.reason;
}

TEST_F(Chain, ExpiredAndNotYetValid) {
    std::time_t now = std::time(nullptr);
    EXPECT_FALSE(validate({&leaf, &sub, &root}, now + 2 * 365 * 86400).ok);
    EXPECT_FALSE(validate({&leaf, &sub, &root}, now - 2 * 86400).ok);
}

TEST_F(Chain, IssuerMustBeACa) {
    TestCert not_ca = make_cert(user_spec("NotCa", "nc@example.org"), &root);
    TestCert below = make_cert(user_spec("Bob", "bob@example.org"), &not_ca);
    auto result = validate({&below, &not_ca, &root});
    EXPECT_FALSE(result.ok);
    EXPECT_FALSE(result.reason.empty());
}

TEST_F(Chain, PathLengthConstraint) {
    // sub allows no CA below it: a second CA there breaks the path.
    TestCert sub2 = make_cert(ca_spec("Sub2"), &sub);
    TestCert below = make_cert(user_spec("Carol", "carol@example.org"), &sub2);
    EXPECT_FALSE(validate({&below, &sub2, &sub, &root}).ok);
}

TEST_F(Chain, SignatureMustVerify) {
    // Same issuer name, another key: the leaf's signature is not sub's.
    TestCert impostor = make_cert(ca_spec("Sub"), &root);
    TestCert forged = make_cert(user_spec("Mallory", "alice@example.org"), &impostor);
    EXPECT_FALSE(validate({&forged, &sub, &root}).ok);
}

TEST_F(Chain, EmailProtectionPurpose) {
    TestCert server = make_cert(user_spec("Server", "srv@example.org", GNUTLS_KP_TLS_WWW_SERVER), &sub);
    EXPECT_FALSE(validate({&server, &sub, &root}).ok);
    EXPECT_TRUE(validate({&server, &sub, &root}, std::time(nullptr), false).ok);
    TestCert any = make_cert(user_spec("NoEku", "any@example.org", nullptr), &sub);
    EXPECT_TRUE(validate({&any, &sub, &root}).ok);  // no EKU: any purpose
}

}  // namespace
}  // namespace smime::x509
