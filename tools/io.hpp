// What the CLI does with files, so the library only sees bytes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace smime::cli {

// Reads a whole file; "-" or "" is standard input. Throws Error{Errc::io}.
std::string read_input(const std::string& path);

// Writes the product to standard output in one go (all or nothing: call it
// only after the operation succeeded). Throws Error{Errc::io}.
void write_output(std::string_view bytes);

// True when standard input is a terminal (we never prompt otherwise).
bool stdin_is_terminal();

}  // namespace smime::cli
