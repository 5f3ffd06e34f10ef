// Test helper: puts certificates and keys into a keyring through the
// library (the keyring CLI lands separately). Usage:
//   enc-import HOME cert FILE...      certificates (PEM/DER)
//   enc-import HOME key FILE [PASSFILE]
//   enc-import HOME trust FILE        certificate as trust anchor
#include <fstream>
#include <iostream>
#include <iterator>

#include <smime/error.hpp>
#include <smime/dir_keyring.hpp>
#include <smime/keyring.hpp>
#include <smime/library.hpp>
#include <smime/secret.hpp>

#include "x509/load.hpp"

namespace {
smime::Bytes slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw smime::Error(smime::Errc::io, "cannot read " + path);
    }
    return smime::Bytes(std::istreambuf_iterator<char>(in), {});
}
}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::cerr << "usage: enc-import HOME cert|key|trust FILE...\n";
        return 2;
    }
    try {
        smime::LibraryInit init;
        auto keyring = smime::open_dir_keyring(argv[1]);
        std::string what = argv[2];
        if (what == "cert" || what == "trust") {
            for (int i = 3; i < argc; ++i) {
                auto certs = smime::x509::load_certificates(slurp(argv[i]));
                keyring->store_certs(certs);
                if (what == "trust") {
                    for (const auto& c : certs) {
                        keyring->set_trusted(c.fingerprint, true);
                    }
                }
            }
        } else if (what == "key") {
            std::optional<std::string> pass;
            if (argc > 4) {
                pass = smime::read_passphrase_file(argv[4]).value();
            }
            auto loaded = smime::x509::load_private_key(slurp(argv[3]), pass);
            keyring->store_key(loaded.key_id, loaded.pem);
        } else {
            std::cerr << "unknown: " << what << '\n';
            return 2;
        }
    } catch (const smime::Error& e) {
        std::cerr << "enc-import: " << e.what() << '\n';
        return 2;
    }
    return 0;
}
