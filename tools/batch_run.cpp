#include "batch_run.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <new>
#include <set>
#include <sys/stat.h>

#include <smime/error.hpp>

#include "batch_sources.hpp"
#include "file_writeback.hpp"
#include "maildir_writeback.hpp"
#include "paths.hpp"
#include "status_output.hpp"

namespace smime::cli {

namespace {

Outcome error_outcome(const std::string& op, const std::string& reason) {
    return {{{op, Status::error, {{"reason", reason}}}}, 2, {}};
}

// The input mapping is the Context's only while its message is processed.
struct InputMappingScope {
    Context& ctx;
    InputMappingScope(Context& c, std::string_view mapping) : ctx(c) { ctx.set_input_mapping(mapping); }
    ~InputMappingScope() { ctx.set_input_mapping({}); }
};

// An in-place rewrite of a named file replaces the file a link names, not
// the link (as --output does).
std::string resolved(const std::string& path) {
    std::string out = path;
    if (char* real = ::realpath(path.c_str(), nullptr); real != nullptr) {
        out = real;
        std::free(real);
    }
    return out;
}

class Writer {
public:
    explicit Writer(const std::string& output_dir) : m_output_dir(output_dir) {}
    // The renames of plain files made durable once per directory, not once
    // per message: an fsync costs about as much as verifying a message.
    ~Writer() {
        for (const auto& dir : m_unsynced) {
            sync_directory(dir);
        }
    }

    // Returns where the product went.
    std::string write(const BatchMessage& message, const Product& product) {
        struct stat st {};
        if (::stat(message.path.c_str(), &st) != 0) {
            throw Error(Errc::io, message.path + ": " + std::strerror(errno));
        }
        mode_t mode = st.st_mode & 07777;  // a private mail stays private
        if (!m_output_dir.empty()) {
            std::string target = join_path(m_output_dir, base_name(message.path));
            if (!m_taken.insert(base_name(message.path)).second) {
                throw Error(Errc::io, target + ": already written by another message of this batch");
            }
            write_file_atomically(target, product, mode, false);
            m_unsynced.insert(m_output_dir);
            return target;
        }
        if (message.kind != MessageKind::file) {
            return maildir_write_back(message.path, product);
        }
        std::string target = resolved(message.path);
        write_file_atomically(target, product, mode, false);
        m_unsynced.insert(directory_of(target));
        return message.path;
    }

private:
    std::string m_output_dir;
    std::set<std::string> m_taken;     // base names written into the output directory
    std::set<std::string> m_unsynced;  // directories with renames not yet fsync'd
};

Outcome process(Context& ctx, const BatchJob& job, const BatchMessage& message, Writer& writer,
                std::string& written) {
    if (message.error) {
        return error_outcome(job.op, *message.error);
    }
    try {
        InputMessage input(message.path, ctx.config().message_size_limit(), job.reading);
        InputMappingScope scope(ctx, job.reading == InputMessage::Reading::once ? input.mapping() : std::string_view());
        Outcome outcome = job.process(input.view());
        if (job.write_back && outcome.product.present() && !outcome.error() && !outcome.product.same_as(input.view())) {
            written = writer.write(message, outcome.product);
        }
        return outcome;
    } catch (const Error& e) {
        return error_outcome(job.op, e.what());
    } catch (const std::bad_alloc&) {
        return error_outcome(job.op, "out of memory");
    } catch (const std::exception& e) {
        return error_outcome(job.op, std::string("internal error: ") + e.what());
    }
}

void report(Context& ctx, const BatchMessage& message, const Outcome& outcome, const std::string& written) {
    std::string text = message.path + ":";
    for (StatusLine line : outcome.lines) {
        text += " " + summary(line);
        line.fields.emplace_back("file", message.path);
        if (!written.empty()) {
            line.fields.emplace_back("written", written);
        }
        ctx.status().emit(line);
    }
    if (!written.empty() && written != message.path) {
        text += " (now " + written + ")";
    }
    if (outcome.error()) {
        ctx.report().error(text);
    } else {
        ctx.report().info(text);
    }
}

}  // namespace

int run_batch(Context& ctx, const MessageArgs& args, const BatchJob& job) {
    Writer writer(args.output_dir);
    bool any_error = false, any_failed = false, any_ok = false;
    for (const BatchMessage& message : list_messages(args.paths)) {
        std::string written;
        Outcome outcome = process(ctx, job, message, writer, written);
        report(ctx, message, outcome, written);
        any_error |= outcome.exit_code == 2;
        any_failed |= outcome.exit_code == 1;
        any_ok |= outcome.exit_code == 0;
    }
    return any_error ? 2 : any_failed ? 1 : any_ok ? 0 : 3;
}

}  // namespace smime::cli
