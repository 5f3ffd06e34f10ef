// smime import-key FILE... [--passphrase-file F | --passphrase-fd N]
#include <smime/dir_keyring.hpp>
#include <smime/import.hpp>
#include <smime/secret.hpp>

#include "commands.hpp"
#include "import_files.hpp"
#include "passphrase_option.hpp"

namespace smime::cli {

CLI::App* setup_import_key(CLI::App& app, ImportKeyOptions& options) {
    auto* sub = app.add_subcommand("import-key", "import private keys for certificates already in the keyring");
    sub->add_option("files", options.files, "PEM or DER keys; - is standard input")->required();
    add_passphrase_options(sub, options.passphrase, "passphrase of an encrypted key");
    sub->add_flag("--strong-protection", options.strong_protection,
                  "re-encrypt the key under the passphrase with 600,000 PBKDF2 iterations (slower unlock)");
    return sub;
}

int run_import_key(const ImportKeyOptions& options, Context& ctx) {
    use_passphrase(ctx, options.passphrase);
    const auto passphrase = context_passphrase(ctx);
    auto keyring = open_dir_keyring(ctx.home());
    return import_each("import-key", options.files, ctx, [&](const std::string& file, std::span<const std::uint8_t> data) {
        auto import = import_private_key(*keyring, data, passphrase, options.strong_protection ? KeyProtection::strong : KeyProtection::as_imported);
        StatusLine line{"import-key", import.outcome == ImportOutcome::refused ? Status::failed : Status::ok,
                        {{"file", file}, {"key_id", import.key_id}, {"result", std::string(to_string(import.outcome))}}};
        line.lists = {{"fingerprints", import.fingerprints}};
        if (!import.reason.empty()) {
            line.fields.emplace_back("reason", import.reason);
            ctx.report().error(file + ": refused: " + import.reason);
        } else {
            ctx.report().info(file + ": key for " + import.fingerprints.front() + ": " +
                              std::string(to_string(import.outcome)));
        }
        ctx.status().emit(line);
    });
}

}  // namespace smime::cli
