// A keyring in a temporary directory holding a root (trusted), a CA and
// the certificates and keys of alice and bob, made in the test process,
// with a Context over it: what the operations' unit tests start from.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include <smime/context.hpp>
#include <smime/dir_keyring.hpp>
#include <smime/keyring.hpp>

#include "../lib/library_environment.hpp"
#include "../lib/test_pki.hpp"

namespace smime::fixtures {

struct KeyringFixture : ::testing::Test {
    std::string home = make_home();
    std::unique_ptr<Keyring> keyring = open_dir_keyring(home);
    Context ctx{home, StatusSink(), Reporter(Verbosity::quiet), Config()};
    TestCert root = make_cert(ca_spec("Root"), nullptr);
    TestCert ca = make_cert(ca_spec("Mail CA"), &root);
    TestCert alice = make_cert(user_spec("Alice", "alice@example.org"), &ca);
    TestCert bob = make_cert(user_spec("Bob", "bob@example.org"), &ca);

    void SetUp() override {
        keyring->store_certs({root.info, ca.info, alice.info, bob.info});
        keyring->set_trusted(root.info.fingerprint, true);
        keyring->store_key(alice.info.key_id, alice.key_pem);
        keyring->store_key(bob.info.key_id, bob.key_pem);
    }
    void TearDown() override { std::filesystem::remove_all(home); }

    static std::string make_home() {
        char pattern[] = "/tmp/smime-ops-XXXXXX";
        return mkdtemp(pattern);
    }
};

inline const std::string k_message =
    "From: Alice <alice@example.org>\r\nTo: Bob <bob@example.org>\r\nSubject: numbers\r\n"
    "Content-Type: text/plain\r\n\r\npay 10 EUR to Alice\r\n";

}  // namespace smime::fixtures
