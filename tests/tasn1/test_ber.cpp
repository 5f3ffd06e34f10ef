// Unit tests for libsmime/tasn1/ber: definite and indefinite lengths, and
// the lengths that must be refused.
#include <gtest/gtest.h>

#include <smime/error.hpp>

#include "../lib/library_environment.hpp"
#include "tasn1/ber.hpp"

namespace smime::cms {
namespace {

TEST(Ber, DefiniteAndIndefinite) {
    const Bytes der{0x30, 0x03, 0x02, 0x01, 0x05};
    Tlv tlv = read_tlv(der);
    EXPECT_EQ(tlv.tag, 0x30);
    EXPECT_EQ(tlv.content.size(), 3U);
    // constructed OCTET STRING, indefinite, two segments
    const Bytes ber{0x24, 0x80, 0x04, 0x02, 'a', 'b', 0x04, 0x01, 'c', 0x00, 0x00, 0xff};
    Tlv os = read_tlv(ber);
    EXPECT_EQ(os.whole.size(), 11U);
    auto chunks = octet_string_chunks(os);
    ASSERT_EQ(chunks.size(), 2U);
    EXPECT_EQ(chunks[1][0], 'c');
}

TEST(Ber, TruncatedAndAbsurdLengthsThrow) {
    const Bytes truncated{0x30, 0x05, 0x02, 0x01};
    EXPECT_THROW(read_tlv(truncated), Error);
    const Bytes huge{0x04, 0x88, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    EXPECT_THROW(read_tlv(huge), Error);
    const Bytes unterminated{0x30, 0x80, 0x02, 0x01, 0x00};
    EXPECT_THROW(read_tlv(unterminated), Error);
    Bytes deep;
    for (int i = 0; i < 100; ++i) {
        deep.insert(deep.end(), {0x30, 0x80});
    }
    EXPECT_THROW(read_tlv(deep), Error);
}

TEST(Ber, HeaderSizeMatchesEncoding) {
    for (std::size_t len : {0UL, 127UL, 128UL, 255UL, 256UL, 65536UL, 100000000UL}) {
        Bytes out;
        append_header(out, 0x04, len);
        EXPECT_EQ(out.size(), header_size(len)) << len;
    }
    EXPECT_EQ(oid_der("1.2.840.113549.1.7.3"), (Bytes{0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x03}));
}

}  // namespace
}  // namespace smime::cms
