// Test helper: puts certificates and keys into a keyring through the library
// (send-notification's tests must not depend on the import commands).
//   seed_keyring HOME cert:FILE... key:FILE...
#include <fstream>
#include <iostream>
#include <iterator>
#include <span>

#include <smime/error.hpp>
#include <smime/keyring.hpp>
#include <smime/library.hpp>

#include "x509/load.hpp"

namespace {
std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw smime::Error(smime::Errc::io, path + ": cannot read");
    }
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::span<const std::uint8_t> bytes(const std::string& s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}
}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: seed_keyring HOME cert:FILE... key:FILE...\n";
        return 2;
    }
    try {
        smime::LibraryInit library;
        auto keyring = smime::open_dir_keyring(argv[1]);
        for (int i = 2; i < argc; ++i) {
            std::string arg = argv[i];
            std::string data = slurp(arg.substr(arg.find(':') + 1));
            if (arg.starts_with("cert:")) {
                keyring->store_certs(smime::x509::load_certificates(bytes(data)));
            } else if (arg.starts_with("key:")) {
                auto key = smime::x509::load_private_key(bytes(data), std::nullopt);
                keyring->store_key(key.key_id, key.pem);
            } else {
                std::cerr << "seed_keyring: " << arg << ": want cert:FILE or key:FILE\n";
                return 2;
            }
        }
    } catch (const std::exception& e) {
        std::cerr << "seed_keyring: " << e.what() << '\n';
        return 2;
    }
    return 0;
}
