// What the message-level fuzz targets share: the libraries initialised once,
// a quiet Context and an empty keyring in a temporary directory.
#pragma once

#include <cstdlib>
#include <memory>
#include <string>

#include <smime/context.hpp>
#include <smime/dir_keyring.hpp>
#include <smime/keyring.hpp>
#include <smime/library.hpp>

struct FuzzContext {
    smime::LibraryInit library;
    std::string home = make_home();
    smime::Context ctx{home, smime::StatusSink(), smime::Reporter(smime::Verbosity::quiet), smime::Config{}};
    std::unique_ptr<smime::Keyring> keyring = smime::open_dir_keyring(home);

    static std::string make_home() {
        char pattern[] = "/tmp/smime-fuzz-XXXXXX";
        const char* dir = mkdtemp(pattern);
        return dir != nullptr ? dir : "/tmp";
    }
    static FuzzContext& get() {
        static FuzzContext k_context;
        return k_context;
    }
};
