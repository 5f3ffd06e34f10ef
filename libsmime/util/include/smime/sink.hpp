// Where an operation writes its product as it makes it, so a 1 GiB message
// never has to be held in memory. The caller decides what "written" means:
// smime spools to an unnamed temporary file and passes the product on only
// once the operation has succeeded (all or nothing); StringSink collects it.
#pragma once

#include <smime/export.hpp>

#include <string>
#include <string_view>

namespace smime {

class SMIME_API Sink {
public:
    virtual ~Sink() = default;
    // Throws Error{Errc::io} when the bytes cannot be kept.
    virtual void write(std::string_view bytes) = 0;
};

class SMIME_API StringSink final : public Sink {
public:
    explicit StringSink(std::string& out) noexcept : m_out(out) {}
    void write(std::string_view bytes) override { m_out.append(bytes); }

private:
    std::string& m_out;
};

}  // namespace smime
