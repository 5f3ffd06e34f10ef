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

TEST(Config, MaxMessageSize) {
    EXPECT_EQ(parse_config("[smime]\n").message_size_limit(), std::uint64_t{1} << 30);
    EXPECT_EQ(parse_config("[smime]\nmax-message-size=64K\n").message_size_limit(), 65536u);
    EXPECT_EQ(parse_byte_size("1048576", "test"), 1048576u);
    EXPECT_EQ(parse_byte_size("300M", "test"), std::uint64_t{300} << 20);
    EXPECT_EQ(parse_byte_size("2g", "test"), std::uint64_t{2} << 30);
    for (const char* bad : {"", "0", "12X", "M", "-5", "1.5M", "99999999999999999999", "17179869184G"}) {
        EXPECT_THROW(parse_byte_size(bad, "test"), Error) << bad;
    }
    Config config;
    config.max_message_size = 10;
    EXPECT_FALSE(oversize_reason(config, 10).has_value());
    EXPECT_EQ(oversize_reason(config, 11), "the message is larger than max-message-size (10 bytes)");
}

TEST(Config, RevocationKeys) {
    auto config = parse_config("[smime]\nrevocation=hard\noffline=true\nocsp-nonce=false\n"
                               "revocation-timeout=2\nocsp-max-age=600\n");
    EXPECT_EQ(config.revocation, RevocationPolicy::hard);
    EXPECT_EQ(config.offline, true);
    EXPECT_EQ(config.ocsp_nonce, false);
    EXPECT_EQ(config.revocation_timeout, 2u);
    EXPECT_EQ(config.ocsp_max_age, 600u);
    EXPECT_FALSE(parse_config("[smime]\n").revocation.has_value());
    EXPECT_EQ(parse_config("[smime]\nrevocation=off\n").revocation, RevocationPolicy::off);
    EXPECT_EQ(parse_config("[smime]\nrevocation=soft\n").revocation, RevocationPolicy::soft);
    for (const char* bad : {"revocation=strict", "revocation=", "revocation-timeout=0", "revocation-timeout=5s",
                            "ocsp-max-age=-1", "offline=perhaps"}) {
        EXPECT_THROW(parse_config(std::string("[smime]\n") + bad + "\n"), Error) << bad;
    }
}
