// Test helper: fills a keyring through the library, so sign/verify tests do
// not depend on the import commands. Usage:
//   keyring_tool HOME cert FILE [--trust] | key FILE [PASSFILE] | crl FILE
#include <fstream>
#include <iostream>
#include <iterator>

#include <smime/error.hpp>
#include <smime/keyring.hpp>
#include <smime/library.hpp>
#include <smime/secret.hpp>

#include "x509/load.hpp"

namespace {

smime::Bytes read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw smime::Error(smime::Errc::io, "cannot read " + path);
    }
    return smime::Bytes(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::cerr << "usage: keyring_tool HOME cert FILE [--trust] | key FILE [PASSFILE] | crl FILE\n";
        return 2;
    }
    try {
        smime::LibraryInit library;
        auto keyring = smime::open_dir_keyring(argv[1]);
        std::string what = argv[2];
        smime::Bytes data = read_file(argv[3]);
        if (what == "cert") {
            auto certs = smime::x509::load_certificates(data);
            keyring->store_certs(certs);
            if (argc > 4 && std::string(argv[4]) == "--trust") {
                for (const auto& cert : certs) {
                    keyring->set_trusted(cert.fingerprint, true);
                }
            }
        } else if (what == "key") {
            std::optional<std::string> passphrase;
            if (argc > 4) {
                passphrase = smime::read_passphrase_file(argv[4]).value();
            }
            auto key = smime::x509::load_private_key(data, passphrase);
            keyring->store_key(key.key_id, key.pem);
        } else if (what == "crl") {
            auto crl = smime::x509::load_crl(data);
            smime::gtls::Datum issuer;
            smime::gtls::check(gnutls_x509_crl_get_raw_issuer_dn(crl.get(), issuer.out()), "issuer");
            smime::gtls::Datum der;
            smime::gtls::check(gnutls_x509_crl_export2(crl.get(), GNUTLS_X509_FMT_DER, der.out()), "export");
            keyring->store_crl(issuer.bytes(), smime::Bytes(der.bytes().begin(), der.bytes().end()),
                               gnutls_x509_crl_get_this_update(crl.get()));
        } else {
            std::cerr << "unknown command " << what << "\n";
            return 2;
        }
    } catch (const smime::Error& e) {
        std::cerr << "keyring_tool: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
