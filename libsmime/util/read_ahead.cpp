#include "util/read_ahead.hpp"

#include <cstdint>
#include <sys/mman.h>
#include <unistd.h>

namespace smime::util {

namespace {
constexpr std::size_t k_window = k_read_ahead_window;
// Mappings up to this size are brought in ahead but not dropped behind.
constexpr std::size_t k_kept_input = std::size_t{12} << 20;

std::uintptr_t page_size() {
    static const auto size = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
    return size;
}
std::uintptr_t down(const char* p) { return reinterpret_cast<std::uintptr_t>(p) & ~(page_size() - 1); }
std::uintptr_t up(const char* p) { return down(p + page_size() - 1); }

thread_local const DroppableInput* t_innermost = nullptr;

bool holds(std::string_view mapping, std::string_view data) noexcept {
    return !mapping.empty() && data.data() >= mapping.data() && data.data() + data.size() <= mapping.data() + mapping.size();
}

void advise(std::uintptr_t from, std::uintptr_t to, int advice) {
    if (from < to) {
        ::madvise(reinterpret_cast<void*>(from), to - from, advice);  // advice only: failure changes nothing
    }
}
}  // namespace

DroppableInput::DroppableInput(std::string_view mapping) noexcept : m_mapping(mapping), m_outer(t_innermost) {
    t_innermost = this;
}

DroppableInput::~DroppableInput() { t_innermost = m_outer; }

std::string_view droppable_for(std::string_view data) noexcept {
    for (const DroppableInput* scope = t_innermost; scope != nullptr; scope = scope->outer()) {
        if (holds(scope->mapping(), data)) {
            return scope->mapping();
        }
    }
    return {};
}

ReadAhead::ReadAhead(std::string_view data, std::string_view droppable) noexcept
    : m_begin(data.data()),
      m_end(data.data() + data.size()),
      m_droppable(holds(droppable, data)),
      // A small mapping stays whole: dropping it would only make the next
      // pass over it fault its pages in again. (Judged by the mapping, not
      // data: many small parts of a large message must not add up.)
      m_dropping(m_droppable && droppable.size() > k_kept_input),
      m_fetched(m_begin),
      m_dropped(m_begin) {
    at(0);
}

ReadAhead::~ReadAhead() {
    if (m_dropping) {
        advise(down(m_dropped), up(m_fetched), MADV_DONTNEED);
    }
}

void ReadAhead::at(std::size_t pos) noexcept {
    if (!m_droppable) {
        return;
    }
    const char* here = m_begin + pos;
    if (m_fetched < m_end && static_cast<std::size_t>(m_fetched - here) < k_window / 2) {
        const char* until = static_cast<std::size_t>(m_end - here) > k_window ? here + k_window : m_end;
        // One batch of page-table work instead of a fault per page.
        advise(down(m_fetched), up(until), MADV_POPULATE_READ);
        m_fetched = until;
    }
    if (m_dropping && static_cast<std::size_t>(here - m_dropped) >= k_window) {
        advise(down(m_dropped), down(here), MADV_DONTNEED);
        m_dropped = here;
    }
}

}  // namespace smime::util
