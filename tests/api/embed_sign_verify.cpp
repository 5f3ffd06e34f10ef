// A program an embedder writes against the installed libsmime (built by
// tests/api/embed.sh with `pkg-config libsmime`, public headers only):
// imports a CA, a certificate and its key into a keyring under HOME, signs
// a message as alice, verifies it, and checks that a changed byte fails.
//   embed_sign_verify HOME CA.pem ALICE-AND-CHAIN.pem ALICE.key
#include <smime/context.hpp>
#include <smime/error.hpp>
#include <smime/import.hpp>
#include <smime/dir_keyring.hpp>
#include <smime/keyring.hpp>
#include <smime/library.hpp>
#include <smime/sign.hpp>
#include <smime/verify.hpp>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace {

std::vector<std::uint8_t> read_file(const char* path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

int fail(const std::string& why) {
    std::fprintf(stderr, "embed: %s\n", why.c_str());
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 5) {
        return fail("usage: embed_sign_verify HOME CA.pem ALICE.pem ALICE.key");
    }
    try {
        smime::LibraryInit library;
        smime::Context ctx(argv[1], smime::StatusSink(), smime::Reporter(), smime::Config());
        auto keyring = smime::open_dir_keyring(ctx.home());
        for (const auto& imported : smime::import_certificates(*keyring, read_file(argv[2]), std::nullopt, true)) {
            if (imported.outcome == smime::ImportOutcome::refused) {
                return fail("CA refused: " + imported.reason);
            }
        }
        smime::import_certificates(*keyring, read_file(argv[3]), std::nullopt, false);
        auto key = smime::import_private_key(*keyring, read_file(argv[4]), std::nullopt);
        if (key.outcome == smime::ImportOutcome::refused) {
            return fail("key refused: " + key.reason);
        }

        const std::string message = "From: alice@example.org\r\nTo: bob@example.org\r\nSubject: embedded\r\n\r\nhello\r\n";
        smime::SignResult signed_message = smime::sign_message(ctx, *keyring, message, smime::SignParams());
        if (signed_message.status.status != smime::Status::ok) {
            return fail("sign: " + smime::to_json(signed_message.status));
        }
        smime::VerifyResult verified = smime::verify_message(ctx, *keyring, signed_message.output, smime::VerifyParams());
        if (verified.status.status != smime::Status::ok) {
            return fail("verify: " + smime::to_json(verified.status));
        }
        std::string tampered = signed_message.output;
        tampered.replace(tampered.find("hello"), 5, "jello");
        if (smime::verify_message(ctx, *keyring, tampered, smime::VerifyParams()).status.status != smime::Status::failed) {
            return fail("a changed message verified");
        }
        std::printf("%s\n", smime::to_json(verified.status).c_str());
        return 0;
    } catch (const smime::Error& e) {  // the exception type crosses the library boundary
        return fail(std::string("smime::Error: ") + e.what());
    }
}
