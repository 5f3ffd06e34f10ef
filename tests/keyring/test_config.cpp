#include <gtest/gtest.h>

#include <smime/config.hpp>
#include <smime/error.hpp>

using namespace smime;

TEST(Config, ReadsKnownKeys) {
    auto config = parse_config("[smime]\nnotification-sender-email=helpdesk@example.org\n"
                               "default-cipher=aes128-gcm\nsystem-trust=true\nrequire-crl=false\n");
    EXPECT_EQ(config.notification_sender_email, "helpdesk@example.org");
    EXPECT_EQ(config.default_cipher, "aes128-gcm");
    EXPECT_EQ(config.system_trust, true);
    EXPECT_EQ(config.require_crl, false);
    EXPECT_FALSE(config.digest.has_value());
}

TEST(Config, RejectsGarbage) {
    EXPECT_THROW(parse_config("this is not a key file"), Error);
    EXPECT_THROW(parse_config("[smime]\nsystem-trust=maybe\n"), Error);
}

TEST(Config, MissingFileIsEmpty) {
    auto config = load_config("/nonexistent/smime-home");
    EXPECT_FALSE(config.smtp_url.has_value());
}
