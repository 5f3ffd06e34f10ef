// smime: parse the command line, build the per-run Context, run one
// subcommand, and turn every Error into one stderr line and exit 2.
#include <csignal>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>

#include <CLI/CLI.hpp>

#include <smime/context.hpp>
#include <smime/error.hpp>
#include <smime/library.hpp>
#include <smime/status.hpp>

#include "commands.hpp"
#include "global_options.hpp"
#include "output_file.hpp"

namespace {

using namespace smime::cli;
using Run = std::function<int(smime::Context&, const std::optional<smime::Error>& config_error)>;

// What main needs to know of a subcommand besides how to run it.
struct Command {
    CLI::App* app;
    Run run;
    PassphraseOptions* passphrase = nullptr;  // takes --passphrase-file/--passphrase-fd
    Product product = Product::none;          // anything but none: --output applies
    bool filter = false;                      // verify/decrypt: a broken smime.conf still passes mail through
    const MessageArgs* messages = nullptr;    // sign, verify, encrypt, decrypt: FILE or --batch PATH...
};

// --passphrase-file/-fd given before the subcommand's name count as given
// after it; given in both places, the subcommand's own wins.
void inherit_passphrase(const PassphraseOptions& global, PassphraseOptions& own) {
    if (own.file.empty() && own.fd < 0) {
        own = global;
    }
}

// With --json a command that fails before it could report still says so
// in JSON, where its report would have been.
void report_fatal(const std::string& op, const std::string& reason, smime::cli::ReportTo report) {
    if (report.fd >= 0) {
        smime::StatusSink(-1, report.fd).emit({op, smime::Status::error, {{"reason", reason}}});
    }
    if (report.text) {
        std::cerr << "smime: " << reason << '\n';
    }
}

}  // namespace

int main(int argc, char** argv) {
    // A reader that went away (`smime list | head -1`) is a write error,
    // exit 2, not death by SIGPIPE with nothing said.
    std::signal(SIGPIPE, SIG_IGN);

    CLI::App app{"smime: S/MIME keyring, signing and encryption for scripts and mail filters", "smime"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("smime ") + SMIME_VERSION);
    GlobalOptions global;
    add_global_options(app, global);

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
    SendNotificationOptions notify;
    auto plain = [](auto& run, auto& options) {
        return [&run, &options](smime::Context& ctx, const std::optional<smime::Error>&) { return run(options, ctx); };
    };
    const Command commands[] = {
        {setup_import_cert(app, import_cert), plain(run_import_cert, import_cert), &import_cert.passphrase},
        {setup_import_key(app, import_key), plain(run_import_key, import_key), &import_key.passphrase},
        {setup_import_crl(app, import_crl), plain(run_import_crl, import_crl)},
        {setup_list(app, list), plain(run_list, list), nullptr, Product::listing},
        {setup_export(app, export_options), plain(run_export, export_options), nullptr, Product::listing},
        {setup_delete(app, delete_options), plain(run_delete, delete_options)},
        {setup_trust(app, trust), plain(run_trust, trust)},
        {setup_check(app, check), plain(run_check, check)},
        {setup_sign(app, sign), plain(run_sign, sign), &sign.passphrase, Product::message, false, &sign.messages},
        {setup_verify(app, verify),
         [&](smime::Context& ctx, const std::optional<smime::Error>& e) { return run_verify(verify, ctx, e); },
         nullptr, Product::message, true, &verify.messages},
        {setup_encrypt(app, encrypt), plain(run_encrypt, encrypt), &encrypt.passphrase, Product::message, false,
         &encrypt.messages},
        {setup_decrypt(app, decrypt),
         [&](smime::Context& ctx, const std::optional<smime::Error>& e) { return run_decrypt(decrypt, ctx, e); },
         &decrypt.passphrase, Product::message, true, &decrypt.messages},
        {setup_send_notification(app, notify), plain(run_send_notification, notify), &notify.passphrase},
    };

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

    for (const auto& command : commands) {
        if (!*command.app) {
            continue;
        }
        const std::string op = command.app->get_name();
        const ReportTo report = report_to(global, command.product);
        try {
            if (!global.output.empty() && command.product == Product::none) {
                throw smime::Error(smime::Errc::usage, "--output: " + op + " writes no product");
            }
            if (command.messages != nullptr) {
                check_message_args(*command.messages, !global.output.empty());
            }
            if (command.passphrase != nullptr) {
                inherit_passphrase(global.passphrase, *command.passphrase);
            }
            // Before any input is read: a directory that cannot take the file
            // is a usage error of its own, not a lost message.
            std::optional<OutputFile> output;
            if (!global.output.empty()) {
                output.emplace(global.output);
            }
            smime::LibraryInit library;
            std::optional<smime::Error> config_error;
            smime::Context ctx = make_context(global, report, command.filter ? &config_error : nullptr);
            int rc = command.run(ctx, config_error);
            if (output) {
                output->commit(rc);
            }
            return rc;
        } catch (const smime::Error& e) {
            report_fatal(op, e.what(), report);
            return 2;
        } catch (const std::exception& e) {
            report_fatal(op, std::string("internal error: ") + e.what(), report);
            return 2;
        }
    }
    return 2;
}
