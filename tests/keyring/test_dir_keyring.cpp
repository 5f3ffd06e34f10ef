// Unit tests for libsmime/keyring/dir_keyring: certificates, keys and trust
// stored and found again (certificates made in the test), and several CRLs
// per issuer: newest per scope, older keyrings' single file still read.
// The CRLs are NIST PKITS's (Debian's python3-cryptography-vectors); without
// them those tests skip.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include <smime/dir_keyring.hpp>
#include <smime/keyring.hpp>

#include "../lib/library_environment.hpp"
#include "../lib/test_pki.hpp"
#include "gnutls/handle.hpp"
#include "keyring/atomic_file.hpp"
#include "keyring/layout.hpp"
#include "x509/crl_parts.hpp"
#include "x509/load.hpp"

namespace fs = std::filesystem;
using namespace smime;

namespace {

struct TempHome : ::testing::Test {
    std::string home;
    std::unique_ptr<Keyring> keyring;

    void SetUp() override {
        char pattern[] = "/tmp/smime-keyring-XXXXXX";
        home = mkdtemp(pattern);
        keyring = open_dir_keyring(home);
    }
    void TearDown() override { fs::remove_all(home); }
};

using CertsKeysTrust = TempHome;

TEST_F(CertsKeysTrust, StoredCertificatesAreFoundByEveryKey) {
    auto root = fixtures::make_cert(fixtures::ca_spec("Root"), nullptr);
    auto alice = fixtures::make_cert(fixtures::user_spec("Alice", "Alice@Example.org"), &root);
    auto outcomes = keyring->store_certs({root.info, alice.info});
    EXPECT_EQ(outcomes, (std::vector<StoreOutcome>{StoreOutcome::imported, StoreOutcome::imported}));
    EXPECT_EQ(keyring->store_cert(alice.info), StoreOutcome::unchanged);

    auto by_email = keyring->find_by_email("alice@example.org");  // addresses fold case
    ASSERT_EQ(by_email.size(), 1U);
    EXPECT_EQ(by_email[0].cert.fingerprint, alice.info.fingerprint);
    EXPECT_FALSE(by_email[0].has_key);
    EXPECT_FALSE(by_email[0].trusted);
    EXPECT_TRUE(keyring->find_by_fingerprint(root.info.fingerprint).has_value());
    EXPECT_EQ(keyring->find_by_fingerprint_prefix(alice.info.fingerprint.substr(0, 16)).size(), 1U);
    EXPECT_EQ(keyring->find_by_subject(root.info.subject_der).size(), 1U);
    EXPECT_EQ(keyring->find_by_issuer_serial(alice.info.issuer_der, alice.info.serial).size(), 1U);
    EXPECT_EQ(keyring->find_by_ski(alice.info.subject_key_id).size(), 1U);
    EXPECT_EQ(keyring->all().size(), 2U);
    EXPECT_TRUE(keyring->find_by_email("bob@example.org").empty());

    // A second keyring on the same directory sees the same.
    EXPECT_EQ(open_dir_keyring(home)->all().size(), 2U);
}

TEST_F(CertsKeysTrust, KeysTrustAndRemoval) {
    auto root = fixtures::make_cert(fixtures::ca_spec("Root"), nullptr);
    auto alice = fixtures::make_cert(fixtures::user_spec("Alice", "alice@example.org"), &root);
    keyring->store_certs({root.info, alice.info});
    EXPECT_EQ(keyring->store_key(alice.info.key_id, alice.key_pem), StoreOutcome::imported);
    EXPECT_TRUE(keyring->find_by_email("alice@example.org")[0].has_key);
    EXPECT_EQ(keyring->private_key(alice.info), alice.key_pem);
    EXPECT_FALSE(keyring->private_key(root.info).has_value());

    EXPECT_EQ(keyring->set_trusted(root.info.fingerprint, true), StoreOutcome::imported);
    ASSERT_EQ(keyring->trust_anchors().size(), 1U);
    EXPECT_EQ(keyring->trust_anchors()[0].cert.fingerprint, root.info.fingerprint);
    EXPECT_EQ(keyring->set_trusted(root.info.fingerprint, false), StoreOutcome::imported);
    EXPECT_TRUE(keyring->trust_anchors().empty());

    keyring->remove(alice.info.fingerprint, true);  // the key only
    EXPECT_FALSE(keyring->private_key(alice.info).has_value());
    EXPECT_EQ(keyring->find_by_email("alice@example.org").size(), 1U);
    keyring->remove(alice.info.fingerprint, false);
    EXPECT_TRUE(keyring->find_by_email("alice@example.org").empty());
    EXPECT_TRUE(check_dir_keyring(home).empty());
}

const char* const k_pkits_crls = "/usr/lib/python3/dist-packages/cryptography_vectors/x509/PKITS_data/crls/";

struct Crl {
    Bytes der;
    Bytes issuer;
    std::time_t this_update = 0;
};

struct CrlStore : ::testing::Test {
    std::string home;
    std::unique_ptr<Keyring> keyring;

    void SetUp() override {
        if (!fs::is_directory(k_pkits_crls)) {
            GTEST_SKIP() << "PKITS (python3-cryptography-vectors) not installed";
        }
        char pattern[] = "/tmp/smime-crl-XXXXXX";
        home = mkdtemp(pattern);
        keyring = open_dir_keyring(home);
    }
    void TearDown() override {
        if (!home.empty()) {
            fs::remove_all(home);
        }
    }

    static Crl pkits(const std::string& name) {
        auto text = keyring::read_file(k_pkits_crls + name + ".crl");
        EXPECT_TRUE(text.has_value()) << name;
        Crl crl;
        crl.der.assign(text->begin(), text->end());
        crl.issuer = x509::parse_crl_parts(crl.der).issuer_der;
        crl.this_update = gnutls_x509_crl_get_this_update(x509::load_crl(crl.der).get());
        return crl;
    }

    StoreOutcome store(const Crl& crl) { return keyring->store_crl(crl.issuer, crl.der, crl.this_update); }

    // Two CRLs of one issuer and different scopes: the second keeps the first.
    void expect_both_kept(const Crl& first, const Crl& second) {
        ASSERT_EQ(first.issuer, second.issuer);
        EXPECT_EQ(store(first), StoreOutcome::imported);
        EXPECT_EQ(store(second), StoreOutcome::imported);
        auto crls = keyring->crls_for_issuer(first.issuer);
        EXPECT_EQ(crls.size(), 2u);
        EXPECT_NE(std::find(crls.begin(), crls.end(), first.der), crls.end());
        EXPECT_NE(std::find(crls.begin(), crls.end(), second.der), crls.end());
    }
    std::size_t stored(const Crl& crl) { return keyring->crls_for_issuer(crl.issuer).size(); }
};

}  // namespace

TEST_F(CrlStore, KeepsOneCrlPerScope) {
    auto compromise = pkits("onlySomeReasonsCA1compromiseCRL");
    auto other = pkits("onlySomeReasonsCA1otherreasonsCRL");
    expect_both_kept(compromise, other);
    EXPECT_EQ(store(compromise), StoreOutcome::unchanged);
    EXPECT_EQ(store(other), StoreOutcome::unchanged);
    EXPECT_TRUE(check_dir_keyring(home).empty());
}

TEST_F(CrlStore, DeltaNeverReplacesTheCompleteCrl) {
    auto complete = pkits("deltaCRLCA1CRL");
    auto delta = pkits("deltaCRLCA1deltaCRL");
    ASSERT_GT(delta.this_update, complete.this_update);  // newer, but not a complete list
    expect_both_kept(complete, delta);
}

TEST_F(CrlStore, OlderCrlOfTheSameScopeIsUnchanged) {
    auto crl = pkits("GoodCACRL");
    EXPECT_EQ(store(crl), StoreOutcome::imported);
    EXPECT_EQ(keyring->store_crl(crl.issuer, crl.der, crl.this_update - 60), StoreOutcome::unchanged);
    EXPECT_EQ(keyring->store_crl(crl.issuer, crl.der, crl.this_update + 60), StoreOutcome::imported);
    EXPECT_EQ(stored(crl), 1u);
}

TEST_F(CrlStore, LookupIsByIssuerName) {
    auto good = pkits("GoodCACRL");
    store(good);
    EXPECT_EQ(stored(pkits("GoodsubCACRL")), 0u);
    EXPECT_EQ(stored(good), 1u);
}

TEST_F(CrlStore, ReadsAndMovesTheOldSingleFileLayout) {
    auto compromise = pkits("onlySomeReasonsCA1compromiseCRL");
    auto other = pkits("onlySomeReasonsCA1otherreasonsCRL");
    std::string legacy = home + "/" + keyring::layout::legacy_crl_path(compromise.issuer);
    keyring::make_dir(home + "/crls", 0700);
    keyring::write_file_atomic(legacy, std::string(compromise.der.begin(), compromise.der.end()), 0644);
    ASSERT_EQ(keyring->crls_for_issuer(compromise.issuer), std::vector<Bytes>{compromise.der});
    EXPECT_TRUE(check_dir_keyring(home).empty());

    EXPECT_EQ(store(compromise), StoreOutcome::unchanged);  // same scope, same CRL
    EXPECT_EQ(store(other), StoreOutcome::imported);
    EXPECT_FALSE(fs::exists(legacy));
    EXPECT_EQ(stored(compromise), 2u);
    EXPECT_TRUE(check_dir_keyring(home).empty());
}

TEST_F(CrlStore, CheckReportsAMisfiledCrl) {
    auto good = pkits("GoodCACRL");
    store(good);
    auto sub = pkits("GoodsubCACRL");
    std::string path = home + "/" + keyring::layout::crl_path(good.issuer, Bytes{0});
    keyring::write_file_atomic(path, std::string(sub.der.begin(), sub.der.end()), 0644);
    EXPECT_FALSE(check_dir_keyring(home).empty());
}
