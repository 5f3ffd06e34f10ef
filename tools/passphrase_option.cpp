#include "passphrase_option.hpp"

#include <memory>

#include <smime/secret.hpp>

namespace smime::cli {

void add_passphrase_options(CLI::App* sub, PassphraseOptions& options, const std::string& what) {
    auto* file = sub->add_option("--passphrase-file", options.file, "file whose first line is the " + what);
    auto* fd = sub->add_option("--passphrase-fd", options.fd, "read the " + what + " from this descriptor (first line)")
                   ->check(CLI::NonNegativeNumber);
    file->excludes(fd);
}

void use_passphrase(Context& ctx, const PassphraseOptions& options) {
    if (options.fd >= 0) {
        ctx.set_passphrase(std::make_shared<const Secret>(read_passphrase_fd(options.fd)));
    } else if (!options.file.empty()) {
        ctx.set_passphrase_file(options.file);
    }
}

}  // namespace smime::cli
