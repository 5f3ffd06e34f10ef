// x509::check_revocation on NIST PKITS (Debian's python3-cryptography-vectors;
// the tests skip without it): the CRLs whose signer is not the path's
// issuer count only when path validation's CrlSignerCheck accepts that
// signer. pkits.sh runs the whole suite through smime verify; this shows
// what the check does once a real CrlSignerCheck is passed.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include <smime/dir_keyring.hpp>
#include <smime/error.hpp>
#include <smime/import.hpp>
#include <smime/library.hpp>

#include "keyring/atomic_file.hpp"
#include "pki/revocation.hpp"

namespace fs = std::filesystem;
using namespace smime;

namespace {

const fs::path k_pkits = "/usr/lib/python3/dist-packages/cryptography_vectors/x509/PKITS_data";

Bytes read_bytes(const fs::path& path) {
    auto text = keyring::read_file(path.string());
    return text ? Bytes(text->begin(), text->end()) : Bytes{};
}

// One keyring for the whole suite, filled as pkits.sh fills it.
struct PkitsKeyring {
    std::string home;
    std::unique_ptr<LibraryInit> library = std::make_unique<LibraryInit>();
    std::unique_ptr<Keyring> keyring;

    PkitsKeyring() {
        char pattern[] = "/tmp/smime-revocation-XXXXXX";
        home = mkdtemp(pattern);
        keyring = open_dir_keyring(home);
        for (const auto& file : fs::directory_iterator(k_pkits / "certs")) {
            try {
                import_certificates(*keyring, read_bytes(file.path()), std::nullopt, false);
            } catch (const Error&) {
                // deliberately broken PKITS certificates
            }
        }
        for (const auto& file : fs::directory_iterator(k_pkits / "crls")) {
            try {
                import_crl(*keyring, read_bytes(file.path()));
            } catch (const Error&) {
            }
        }
    }
    ~PkitsKeyring() { fs::remove_all(home); }
};

struct Revocation : ::testing::Test {
    static inline std::unique_ptr<PkitsKeyring> s_pkits;

    static void SetUpTestSuite() {
        if (fs::is_directory(k_pkits / "crls")) {
            s_pkits = std::make_unique<PkitsKeyring>();
        }
    }
    static void TearDownTestSuite() { s_pkits.reset(); }
    void SetUp() override {
        if (!s_pkits) {
            GTEST_SKIP() << "PKITS (python3-cryptography-vectors) not installed";
        }
    }

    // The end-entity certificate of a PKITS test, checked against its issuer.
    static std::optional<std::string> check(const std::string& test, bool accept_other_signers) {
        CertInfo leaf = parse_cert_info(read_bytes(k_pkits / "certs" / (test + "EE.crt")));
        // The CA, not a CRL-signing certificate of the same name.
        auto issuers = s_pkits->keyring->find_by_subject(leaf.issuer_der);
        auto ca = std::find_if(issuers.begin(), issuers.end(), [](const KeyringEntry& e) { return e.cert.is_ca; });
        EXPECT_NE(ca, issuers.end()) << test;
        if (ca == issuers.end()) {
            return "no issuer";
        }
        const CertInfo path[] = {leaf, ca->cert};
        x509::CrlSignerCheck signer_check = [&](const CertInfo&) { return accept_other_signers; };
        return x509::check_revocation(*s_pkits->keyring, path, 0, {std::time(nullptr), true}, signer_check);
    }
};

const char* const k_other_signer_valid[] = {
    "ValidcRLIssuerTest28",          "ValidcRLIssuerTest29",           "ValidcRLIssuerTest30",
    "ValidcRLIssuerTest33",          "ValidIDPwithindirectCRLTest24",  "ValidIDPwithindirectCRLTest25",
    "ValidBasicSelfIssuedCRLSigningKeyTest6", "ValidSeparateCertificateandCRLKeysTest19",
};

}  // namespace

TEST_F(Revocation, OtherCrlSignersCountOnlyWhenPathValidationAcceptsThem) {
    for (const char* test : k_other_signer_valid) {
        EXPECT_EQ(check(test, true), std::nullopt) << test;
        auto refused = check(test, false);
        ASSERT_TRUE(refused.has_value()) << test;
        EXPECT_NE(refused->find("no CRL from"), std::string::npos) << test << ": " << *refused;
    }
}

TEST_F(Revocation, RevokedOnACrlOfAnotherSigner) {
    for (const char* test : {"InvalidcRLIssuerTest31", "InvalidcRLIssuerTest34", "InvalidSeparateCertificateandCRLKeysTest20"}) {
        EXPECT_EQ(check(test, true), "certificate has been revoked") << test;
    }
}

TEST_F(Revocation, DeltaCrlsAndHolds) {
    EXPECT_EQ(check("ValiddeltaCRLTest5", false), std::nullopt);  // hold lifted by removeFromCRL in the delta
    EXPECT_EQ(check("InvaliddeltaCRLTest4", false), "certificate has been revoked");  // revoked in the delta only
    EXPECT_EQ(check("InvaliddeltaCRLTest6", false), "certificate has been revoked");  // hold, then revoked
    auto stale = check("InvaliddeltaCRLTest10", false);
    ASSERT_TRUE(stale.has_value());
    EXPECT_NE(stale->find("is not current"), std::string::npos) << *stale;
}

TEST_F(Revocation, ScopesAndReasonPartitions) {
    EXPECT_EQ(check("ValidonlySomeReasonsTest18", false), std::nullopt);
    EXPECT_EQ(check("InvalidonlySomeReasonsTest16", false), "certificate has been revoked");
    EXPECT_NE(check("InvaliddistributionPointTest9", false), std::nullopt);
    EXPECT_EQ(check("ValiddistributionPointTest5", false), std::nullopt);
    EXPECT_NE(check("InvalidonlyContainsAttributeCertsTest14", false), std::nullopt);
}
