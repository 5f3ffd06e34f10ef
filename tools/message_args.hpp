// The message arguments of sign, verify, encrypt and decrypt: at most one
// FILE (none: standard input), or with --batch any number of PATHs, each a
// message file, a directory of them or a Maildir (batch_sources.hpp), each
// message written back in place or, with --output-dir, into DIR.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace smime::cli {

struct MessageArgs {
    std::vector<std::string> paths;
    bool batch = false;
    std::string output_dir;

    // The one FILE of the single-message form ("" is standard input).
    const std::string& file() const;
};

// Adds FILE/PATH..., --batch and --output-dir; what: "message to sign".
void add_message_args(CLI::App* sub, MessageArgs& args, const std::string& what);

// The usage errors, found before anything is read or written (exit 2):
// more than one FILE without --batch, --batch without PATH or with "-",
// --output-dir without --batch or not a directory, --output (one file for
// the product) with --batch. Throws Error{Errc::usage}.
void check_message_args(const MessageArgs& args, bool output_given);

}  // namespace smime::cli
