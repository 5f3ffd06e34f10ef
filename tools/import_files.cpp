#include "import_files.hpp"

#include <smime/error.hpp>
#include <smime/status.hpp>

#include "io.hpp"

namespace smime::cli {

int import_each(const std::string& op, const std::vector<std::string>& files, Context& ctx,
                const std::function<void(const std::string& file, std::span<const std::uint8_t> data)>& import) {
    for (const auto& file : files) {
        try {
            std::string data = read_input(file);
            import(file, {reinterpret_cast<const std::uint8_t*>(data.data()), data.size()});
        } catch (const Error& e) {
            if (e.code() == Errc::keyring || e.code() == Errc::internal) {
                throw;  // the keyring itself is unusable: stop
            }
            ctx.report().error((file == "-" ? std::string("standard input") : file) + ": " + e.what());
            ctx.status().emit({op, Status::error, {{"file", file}, {"reason", e.what()}}});
        }
    }
    return exit_code(ctx.status().lines());
}

}  // namespace smime::cli
