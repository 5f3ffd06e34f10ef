// smime import-cert FILE... [--passphrase-file F | --passphrase-fd N] [--trust]
#include <smime/dir_keyring.hpp>
#include <smime/import.hpp>
#include <smime/secret.hpp>

#include "commands.hpp"
#include "import_files.hpp"
#include "passphrase_option.hpp"

namespace smime::cli {

CLI::App* setup_import_cert(CLI::App& app, ImportCertOptions& options) {
    auto* sub = app.add_subcommand("import-cert", "import certificates (PEM, DER, PKCS#7, PKCS#12)");
    sub->add_option("files", options.files, "files to import; - is standard input")->required();
    add_passphrase_options(sub, options.passphrase, "passphrase of a PKCS#12 file");
    sub->add_flag("--trust", options.trust, "make imported CA certificates trust anchors");
    sub->add_flag("--strong-protection", options.strong_protection,
                  "re-encrypt the key under the passphrase with 600,000 PBKDF2 iterations (slower unlock)");
    return sub;
}

namespace {
// One status line per certificate (also the --json report), and a line of
// text for people on stderr: fingerprint, addresses, subject, outcome.
void report(const std::string& file, const CertImport& import, Context& ctx) {
    StatusLine line{"import-cert", import.outcome == ImportOutcome::refused ? Status::failed : Status::ok, {}};
    line.fields = {{"file", file}, {"fingerprint", import.fingerprint}, {"subject", import.subject}, {"result", std::string(to_string(import.outcome))}};
    line.lists = {{"emails", import.emails}};
    if (!import.reason.empty()) {
        line.fields.emplace_back("reason", import.reason);
    }
    ctx.status().emit(line);

    std::string emails;
    for (const auto& email : import.emails) {
        emails += (emails.empty() ? "" : ",") + email;
    }
    std::string text = import.fingerprint + " " + (emails.empty() ? "-" : emails) + " " + import.subject + ": " +
                       std::string(to_string(import.outcome)) + (import.reason.empty() ? "" : ": " + import.reason);
    if (import.outcome == ImportOutcome::refused) {
        ctx.report().error(text);
    } else {
        ctx.report().info(text);
    }
}
}  // namespace

int run_import_cert(const ImportCertOptions& options, Context& ctx) {
    use_passphrase(ctx, options.passphrase);
    const auto passphrase = context_passphrase(ctx);
    auto keyring = open_dir_keyring(ctx.home());
    return import_each("import-cert", options.files, ctx, [&](const std::string& file, std::span<const std::uint8_t> data) {
        for (const auto& import : import_certificates(*keyring, data, passphrase, options.trust, options.strong_protection ? KeyProtection::strong : KeyProtection::as_imported)) {
            report(file, import, ctx);
        }
    });
}

}  // namespace smime::cli
