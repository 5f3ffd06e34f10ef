// Unit tests for libsmime/util/read_ahead.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "util/read_ahead.hpp"

namespace smime {
namespace {

// Dropping the pages already read from a file mapping must not change what
// is read again later (decrypt re-reads the input for its failure output).
TEST(ReadAhead, DroppedPagesReadTheSameAgain) {
    std::string data(10 << 20, '\0');
    for (std::size_t i = 0; i < data.size(); ++i) {
        data[i] = static_cast<char>('a' + i % 23);
    }
    char path[] = "/tmp/read-ahead-XXXXXX";
    int fd = ::mkstemp(path);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(::write(fd, data.data(), data.size()), static_cast<ssize_t>(data.size()));
    void* map = ::mmap(nullptr, data.size(), PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    ::unlink(path);
    ASSERT_NE(map, MAP_FAILED);
    std::string_view mapping(static_cast<const char*>(map), data.size());
    std::string_view body = mapping.substr(1234);
    util::ReadAhead ahead(body, mapping);
    std::size_t sum = 0;
    for (std::size_t pos = 0; pos < body.size(); pos += 65536) {
        sum += static_cast<unsigned char>(body[pos]);
        ahead.at(std::min(body.size(), pos + 65536));
    }
    EXPECT_GT(sum, 0U);
    EXPECT_EQ(mapping, data);  // every page, dropped or not, reads as before
    ::munmap(map, data.size());
    // Ordinary memory is never touched.
    std::string copy = data;
    util::ReadAhead on_heap(copy, {});
    on_heap.at(copy.size());
    EXPECT_EQ(copy, data);
}

}  // namespace
}  // namespace smime
