// Unit tests for the caches of libsmime/x509: parse_cert_info and
// shared_crt remember what they parsed lately; a hit must be the answer
// for exactly those bytes, never a neighbour's.
#include <gtest/gtest.h>

#include <vector>

#include <smime/cert_info.hpp>
#include <smime/error.hpp>

#include "../lib/library_environment.hpp"
#include "../lib/test_pki.hpp"
#include "gnutls/handle.hpp"
#include "x509/load.hpp"

namespace smime::x509 {
namespace {

using smime::fixtures::ca_spec;
using smime::fixtures::make_cert;
using smime::fixtures::TestCert;
using smime::fixtures::user_spec;

Bytes exported_der(gnutls_x509_crt_t crt) {
    gtls::Datum der;
    gtls::check(gnutls_x509_crt_export2(crt, GNUTLS_X509_FMT_DER, der.out()), "gnutls_x509_crt_export2");
    return Bytes(der.bytes().begin(), der.bytes().end());
}

struct Certs : ::testing::Test {
    TestCert root = make_cert(ca_spec("Root"), nullptr);
    // Names of one length: DERs of (nearly always) one size, differing inside.
    TestCert alice = make_cert(user_spec("Alice", "alice@example.org"), &root);
    TestCert alica = make_cert(user_spec("Alica", "alica@example.org"), &root);
};

TEST_F(Certs, ParsedAgainIsTheSameAnswerForTheSameBytes) {
    for (int round = 0; round < 2; ++round) {
        CertInfo a = parse_cert_info(alice.der);
        CertInfo b = parse_cert_info(alica.der);
        EXPECT_EQ(a.fingerprint, sha256_hex(alice.der));
        EXPECT_EQ(b.fingerprint, sha256_hex(alica.der));
        EXPECT_EQ(a.emails, std::vector<std::string>{"alice@example.org"});
        EXPECT_EQ(b.emails, std::vector<std::string>{"alica@example.org"});
        EXPECT_EQ(a.der, alice.der);
    }
}

TEST_F(Certs, SharedCrtIsOneHandlePerCertificate) {
    SharedCrt first = shared_crt(alice.der);
    SharedCrt again = shared_crt(alice.der);
    SharedCrt other = shared_crt(alica.der);
    EXPECT_EQ(first.get(), again.get());
    EXPECT_NE(first.get(), other.get());
    EXPECT_EQ(exported_der(first.get()), alice.der);
    EXPECT_EQ(exported_der(other.get()), alica.der);
}

TEST_F(Certs, NotACertificateIsRefusedEveryTime) {
    Bytes junk{0x30, 0x03, 0x02, 0x01, 0x00};
    for (int round = 0; round < 2; ++round) {
        EXPECT_THROW(parse_cert_info(junk), Error);
        EXPECT_THROW(shared_crt(junk), Error);
    }
}

// More certificates than the caches hold: each is still its own, and a
// handle held across the clearing stays usable.
TEST_F(Certs, BeyondTheCapacityEveryAnswerIsStillRight) {
    SharedCrt held = shared_crt(alice.der);
    std::vector<TestCert> many;
    for (int i = 0; i < 300; ++i) {
        many.push_back(make_cert(user_spec("User" + std::to_string(i), "u" + std::to_string(i) + "@example.org"), &root));
    }
    for (int round = 0; round < 2; ++round) {
        for (const auto& cert : many) {
            EXPECT_EQ(parse_cert_info(cert.der).fingerprint, sha256_hex(cert.der));
            EXPECT_EQ(exported_der(shared_crt(cert.der).get()), cert.der);
        }
    }
    EXPECT_EQ(exported_der(held.get()), alice.der);
}

}  // namespace
}  // namespace smime::x509
