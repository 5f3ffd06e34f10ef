#include "read_buffer.hpp"

#include <cerrno>
#include <cstring>
#include <string>
#include <sys/mman.h>

#include <smime/error.hpp>

namespace smime::cli {

namespace {
constexpr std::size_t k_first_capacity = std::size_t(1) << 20;
}

ReadBuffer::~ReadBuffer() { reset(); }

void ReadBuffer::reset() noexcept {
    if (m_data != nullptr) {
        ::munmap(m_data, m_capacity);
    }
    m_data = nullptr;
    m_size = 0;
    m_capacity = 0;
}

char* ReadBuffer::reserve_tail(std::size_t want) {
    if (m_capacity - m_size >= want) {
        return m_data + m_size;
    }
    std::size_t capacity = m_capacity == 0 ? k_first_capacity : m_capacity;
    while (capacity - m_size < want) {
        capacity *= 2;
    }
    void* grown = m_data == nullptr
                      ? ::mmap(nullptr, capacity, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
                      : ::mremap(m_data, m_capacity, capacity, MREMAP_MAYMOVE);
    if (grown == MAP_FAILED) {
        throw Error(Errc::io, std::string("reading the message: ") + std::strerror(errno));
    }
    m_data = static_cast<char*>(grown);
    m_capacity = capacity;
    return m_data + m_size;
}

}  // namespace smime::cli
