// Small file helpers for the keyring: whole-file reads, and the one atomic
// write used outside transactions (temp file, fsync, rename, fsync dir).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <sys/types.h>

namespace smime::keyring {

// The whole file, or nullopt when it does not exist. Other errors throw Error{Errc::io}.
std::optional<std::string> read_file(const std::string& path);

// Writes data to path atomically with the given mode.
void write_file_atomic(const std::string& path, std::string_view data, mode_t mode);

// Writes data to a new file (no rename); fsync left to the caller.
void write_new_file(const std::string& path, std::string_view data, mode_t mode);

void fsync_path(const std::string& path);  // a file or a directory

// mkdir -p with mode for every directory it creates.
void make_dir(const std::string& path, mode_t mode);

}  // namespace smime::keyring
