// Precompiled for every file of the smime executable: CLI11 is header-only
// and parsing it took most of each file's compile time. Sources still
// include what they use; this only makes it cheaper.
#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>
