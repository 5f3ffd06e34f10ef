// smime import-crl FILE...
#include <smime/dir_keyring.hpp>
#include <smime/import.hpp>

#include "commands.hpp"
#include "import_files.hpp"

namespace smime::cli {

CLI::App* setup_import_crl(CLI::App& app, ImportCrlOptions& options) {
    auto* sub = app.add_subcommand("import-crl", "import CRLs (PEM or DER) signed by a CA in the keyring");
    sub->add_option("files", options.files, "CRL files; - is standard input")->required();
    return sub;
}

int run_import_crl(const ImportCrlOptions& options, Context& ctx) {
    auto keyring = open_dir_keyring(ctx.home());
    return import_each("import-crl", options.files, ctx, [&](const std::string& file, std::span<const std::uint8_t> data) {
        auto import = import_crl(*keyring, data);
        StatusLine line{"import-crl", import.outcome == ImportOutcome::refused ? Status::failed : Status::ok,
                        {{"file", file}, {"issuer", import.issuer}, {"result", std::string(to_string(import.outcome))}}};
        if (!import.reason.empty()) {
            line.fields.emplace_back("reason", import.reason);
            ctx.report().error(file + ": refused: " + import.reason);
        } else {
            ctx.report().info(file + ": CRL of " + import.issuer + ": " + std::string(to_string(import.outcome)));
        }
        ctx.status().emit(line);
    });
}

}  // namespace smime::cli
