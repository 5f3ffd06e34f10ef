// LibraryInit (GnuTLS set up, GMime on first use) for the whole of a
// unit-test binary, as main holds it for a run of smime: include it in one
// source file of each binary whose code reads MIME or uses GnuTLS. GMime
// is started here too, for the tests that call it directly.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include <smime/library.hpp>

#include "gmime/init.hpp"

namespace smime::fixtures {

class LibraryEnvironment : public ::testing::Environment {
public:
    void SetUp() override {
        m_init = std::make_unique<LibraryInit>();
        gmime::ensure_initialised();
    }
    void TearDown() override { m_init.reset(); }

private:
    std::unique_ptr<LibraryInit> m_init;
};
inline const auto* const k_library_environment = ::testing::AddGlobalTestEnvironment(new LibraryEnvironment);

}  // namespace smime::fixtures
