// A message file mapped read-only, so a 100 MB message costs no fresh memory
// and no copy. The CLI maps what it can and reads the rest (pipes, stdin);
// the library itself only ever sees bytes.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace smime::mime {

class MappedFile {
public:
    MappedFile(void* data, std::size_t size) noexcept : m_data(data), m_size(size) {}
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    ~MappedFile();  // munmap

    std::string_view view() const noexcept { return {static_cast<const char*>(m_data), m_size}; }

private:
    void* m_data;
    std::size_t m_size;
};

// nullptr when path is "" or "-" (standard input), or names something that
// is not a non-empty regular file: read it instead. Throws Error{Errc::io}
// when the file cannot be opened.
std::unique_ptr<MappedFile> map_file(const std::string& path);

}  // namespace smime::mime
