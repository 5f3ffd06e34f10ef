// smime: parse the command line, build the per-run Context, run one
// subcommand, and turn every Error into one stderr line and exit 2.
#include <cstdlib>
#include <fcntl.h>
#include <iostream>
#include <optional>

#include <CLI/CLI.hpp>

#include <smime/config.hpp>
#include <smime/context.hpp>
#include <smime/error.hpp>
#include <smime/library.hpp>

#include "commands.hpp"

namespace {

struct GlobalOptions {
    std::string home;
    int status_fd = -1;
    bool json = false;
    bool quiet = false;
    bool verbose = false;
    std::string max_message_size;
};

// config_error: when given, a smime.conf that cannot be read is not fatal
// here: the error lands there and the default configuration is used (the
// mail filters still have to pass the message through).
smime::Context make_context(const GlobalOptions& global, std::optional<smime::Error>* config_error = nullptr) {
    if (global.status_fd >= 0 && ::fcntl(global.status_fd, F_GETFD) < 0) {
        throw smime::Error(smime::Errc::usage, "--status-fd " + std::to_string(global.status_fd) + " is not open");
    }
    std::string home = global.home.empty() ? smime::default_home() : global.home;
    auto verbosity = global.quiet     ? smime::Verbosity::quiet
                     : global.verbose ? smime::Verbosity::verbose
                                      : smime::Verbosity::normal;
    smime::Config config;
    try {
        config = smime::load_config(home);
    } catch (const smime::Error& e) {
        if (config_error == nullptr) {
            throw;
        }
        *config_error = e;
    }
    if (!global.max_message_size.empty()) {
        config.max_message_size = smime::parse_byte_size(global.max_message_size, "--max-message-size");
    }
    return smime::Context(home, smime::StatusSink(global.status_fd), smime::Reporter(verbosity, global.json),
                          std::move(config));
}

}  // namespace

int main(int argc, char** argv) {
    using namespace smime::cli;
    CLI::App app{"smime: S/MIME keyring, signing and encryption for scripts and mail filters", "smime"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("smime ") + SMIME_VERSION);

    GlobalOptions global;
    app.add_option("--home", global.home, "keyring directory (else $SMIME_HOME, else XDG data dir)");
    app.add_option("--status-fd", global.status_fd, "write one JSON status object per line to this fd");
    app.add_flag("--json", global.json, "human output as JSON");
    app.add_flag("-q,--quiet", global.quiet, "fewer messages on stderr");
    app.add_flag("-v,--verbose", global.verbose, "more messages on stderr");
    app.add_option("--max-message-size", global.max_message_size,
                   "larger messages are refused (bytes, or with K, M, G; default 256M)");

    ImportCertOptions import_cert;
    ImportKeyOptions import_key;
    ImportCrlOptions import_crl;
    ListOptions list;
    ExportOptions export_options;
    DeleteOptions delete_options;
    TrustOptions trust;
    CheckOptions check;
    SignOptions sign;
    VerifyOptions verify;
    EncryptOptions encrypt;
    DecryptOptions decrypt;
    SendNotificationOptions send_notification;

    auto* import_cert_app = setup_import_cert(app, import_cert);
    auto* import_key_app = setup_import_key(app, import_key);
    auto* import_crl_app = setup_import_crl(app, import_crl);
    auto* list_app = setup_list(app, list);
    auto* export_app = setup_export(app, export_options);
    auto* delete_app = setup_delete(app, delete_options);
    auto* trust_app = setup_trust(app, trust);
    auto* check_app = setup_check(app, check);
    auto* sign_app = setup_sign(app, sign);
    auto* verify_app = setup_verify(app, verify);
    auto* encrypt_app = setup_encrypt(app, encrypt);
    auto* decrypt_app = setup_decrypt(app, decrypt);
    auto* send_notification_app = setup_send_notification(app, send_notification);

    // `smime help CMD` is `smime CMD --help`.
    std::string help_topic;
    auto* help_app = app.add_subcommand("help", "show help for a command");
    help_app->add_option("command", help_topic);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int rc = app.exit(e);
        return rc == 0 ? 0 : 2;  // CLI11 uses codes from 100 up; SPEC says usage is 2
    }

    if (*help_app) {
        for (auto* sub : app.get_subcommands({})) {
            if (sub->get_name() == help_topic) {
                std::cout << sub->help();
                return 0;
            }
        }
        std::cout << app.help();
        return help_topic.empty() ? 0 : 2;
    }

    try {
        smime::LibraryInit library;
        std::optional<smime::Error> config_error;
        bool filter = *verify_app || *decrypt_app;
        smime::Context ctx = make_context(global, filter ? &config_error : nullptr);
        if (*import_cert_app) return run_import_cert(import_cert, ctx);
        if (*import_key_app) return run_import_key(import_key, ctx);
        if (*import_crl_app) return run_import_crl(import_crl, ctx);
        if (*list_app) return run_list(list, ctx);
        if (*export_app) return run_export(export_options, ctx);
        if (*delete_app) return run_delete(delete_options, ctx);
        if (*trust_app) return run_trust(trust, ctx);
        if (*check_app) return run_check(check, ctx);
        if (*sign_app) return run_sign(sign, ctx);
        if (*verify_app) return run_verify(verify, ctx, config_error);
        if (*encrypt_app) return run_encrypt(encrypt, ctx);
        if (*decrypt_app) return run_decrypt(decrypt, ctx, config_error);
        if (*send_notification_app) return run_send_notification(send_notification, ctx);
    } catch (const smime::Error& e) {
        std::cerr << "smime: " << e.what() << '\n';
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "smime: internal error: " << e.what() << '\n';
        return 2;
    }
    return 2;
}
