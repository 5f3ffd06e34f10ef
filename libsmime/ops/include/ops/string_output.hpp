// The string-returning form of an operation that writes to a Sink: what
// it writes is collected into Result::output.
#pragma once

#include <string>
#include <utility>

#include <smime/sink.hpp>

namespace smime::ops {

template <typename Result, typename Operation>
Result with_string_output(Operation&& operation) {
    std::string output;
    StringSink sink(output);
    Result result = std::forward<Operation>(operation)(sink);
    result.output = std::move(output);
    return result;
}

}  // namespace smime::ops
