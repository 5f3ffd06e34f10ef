// smime export QUERY [--der]
#include <smime/dir_keyring.hpp>

#include "commands.hpp"
#include "gnutls/handle.hpp"
#include "io.hpp"
#include "keyring_output.hpp"

namespace smime::cli {

CLI::App* setup_export(CLI::App& app, ExportOptions& options) {
    auto* sub = app.add_subcommand("export", "write one certificate to stdout (PEM, or DER with --der)");
    add_query_argument(*sub, options.query);
    sub->add_flag("--der", options.der, "DER instead of PEM");
    return sub;
}

int run_export(const ExportOptions& options, Context& ctx) {
    auto keyring = open_dir_keyring(ctx.home());
    const auto entry = exactly_one(*keyring, options.query, "export", ctx);
    if (!entry) {
        return 1;
    }
    if (options.der && ctx.report().json()) {
        throw Error(Errc::usage, "--der and --json: JSON carries the certificate as PEM");
    }
    ctx.status().emit({"export", Status::ok, {{"fingerprint", entry->cert.fingerprint}}});
    if (options.der) {
        write_output({reinterpret_cast<const char*>(entry->cert.der.data()), entry->cert.der.size()});
        return 0;
    }
    gtls::Datum pem;
    auto der = gtls::borrow(entry->cert.der);
    gtls::check(gnutls_pem_base64_encode2("CERTIFICATE", &der, pem.out()), "gnutls_pem_base64_encode2");
    if (ctx.report().json()) {
        StatusLine line{"export", Status::ok, {{"fingerprint", entry->cert.fingerprint}, {"pem", std::string(pem.view())}}};
        line.lists = {{"emails", entry->cert.emails}};
        write_output(to_json(line) + "\n");
        return 0;
    }
    write_output(pem.view());
    return 0;
}

}  // namespace smime::cli
