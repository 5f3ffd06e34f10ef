#include "message_args.hpp"

#include <sys/stat.h>

#include <smime/error.hpp>

namespace smime::cli {

const std::string& MessageArgs::file() const {
    static const std::string standard_input;
    return paths.empty() ? standard_input : paths.front();
}

void add_message_args(CLI::App* sub, MessageArgs& args, const std::string& what) {
    sub->add_option("file", args.paths,
                    what + " (default: standard input); with --batch: message files, directories, Maildirs");
    sub->add_flag("--batch", args.batch, "one process for many messages: each PATH's messages are written back in place");
    sub->add_option("--output-dir", args.output_dir, "with --batch: write the products into DIR, originals untouched")
        ->type_name("DIR");
}

void check_message_args(const MessageArgs& args, bool output_given) {
    auto usage = [](const std::string& what) { throw Error(Errc::usage, what); };
    if (!args.batch) {
        if (args.paths.size() > 1) {
            usage("one FILE at most (--batch takes many)");
        }
        if (!args.output_dir.empty()) {
            usage("--output-dir needs --batch");
        }
        return;
    }
    if (args.paths.empty()) {
        usage("--batch needs at least one PATH (a message file, a directory or a Maildir)");
    }
    for (const auto& path : args.paths) {
        if (path.empty() || path == "-") {
            usage("--batch reads files, not standard input");
        }
    }
    if (output_given) {
        usage("--output writes one product; --batch writes each message back, or into --output-dir");
    }
    struct stat st {};
    if (!args.output_dir.empty() && (::stat(args.output_dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))) {
        usage("--output-dir " + args.output_dir + ": not a directory");
    }
}

}  // namespace smime::cli
