// GMime set up once for a test binary (as LibraryInit does for smime):
// include it in one source file of each binary that reads MIME.
#pragma once

#include <gtest/gtest.h>

#include <gmime/gmime.h>

namespace smime::testing {

class GMimeEnvironment : public ::testing::Environment {
public:
    void SetUp() override { g_mime_init(); }
    void TearDown() override { g_mime_shutdown(); }
};
inline const auto* const k_gmime_environment = ::testing::AddGlobalTestEnvironment(new GMimeEnvironment);

}  // namespace smime::testing
