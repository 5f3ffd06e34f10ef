#include "read_buffer.hpp"

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>
#include <sys/mman.h>
#include <unistd.h>

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
    if (m_capacity - m_size < want) {
        grow(want);
    }
    // The pages read(2) is about to fill, faulted in as one batch: one by
    // one, inside the kernel's copy, they cost most of the reading.
    const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
    auto from = (reinterpret_cast<std::uintptr_t>(m_data + m_size) + page - 1) & ~(page - 1);
    auto to = (reinterpret_cast<std::uintptr_t>(m_data + m_size + want)) & ~(page - 1);
    if (from < to) {
        ::madvise(reinterpret_cast<void*>(from), to - from, MADV_POPULATE_WRITE);  // advice only
    }
    return m_data + m_size;
}

void ReadBuffer::grow(std::size_t want) {
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
}

}  // namespace smime::cli
