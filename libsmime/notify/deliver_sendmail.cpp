// A sendmail-style command per message: argv split like a shell would (GLib,
// no shell runs), message on stdin, the child's stdout sent to our stderr
// (our stdout carries only the product), exit status 0 = accepted.
#include <cerrno>
#include <csignal>
#include <cstring>
#include <memory>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#include <smime/error.hpp>

#include "notify/deliver.hpp"

extern char** environ;

namespace smime::notify {

namespace {

struct StrvFree {
    void operator()(gchar** v) const noexcept { g_strfreev(v); }
};
using Argv = std::unique_ptr<gchar*, StrvFree>;

Argv parse_command(const std::string& command) {
    gchar** argv = nullptr;
    GError* error = nullptr;
    if (!g_shell_parse_argv(command.c_str(), nullptr, &argv, &error)) {
        std::string message = "sendmail command \"" + command + "\": " + error->message;
        g_error_free(error);
        throw Error(Errc::usage, message);
    }
    return Argv(argv);
}

// Owns a file descriptor; closes it once.
class Fd {
public:
    explicit Fd(int fd = -1) noexcept : m_fd(fd) {}
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd() { reset(); }
    int get() const noexcept { return m_fd; }
    void reset() noexcept {
        if (m_fd >= 0) {
            ::close(m_fd);
            m_fd = -1;
        }
    }

private:
    int m_fd;
};

// SIGPIPE ignored while we write to a child that may exit early; restored after.
class IgnoreSigpipe {
public:
    IgnoreSigpipe() {
        struct sigaction ignore {};
        ignore.sa_handler = SIG_IGN;
        ::sigaction(SIGPIPE, &ignore, &m_old);
    }
    IgnoreSigpipe(const IgnoreSigpipe&) = delete;
    IgnoreSigpipe& operator=(const IgnoreSigpipe&) = delete;
    ~IgnoreSigpipe() { ::sigaction(SIGPIPE, &m_old, nullptr); }

private:
    struct sigaction m_old {};
};

bool write_all(int fd, std::string_view data) {
    while (!data.empty()) {
        ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return false;
        }
        data.remove_prefix(static_cast<size_t>(n));
    }
    return true;
}

std::string describe(int wstatus) {
    if (WIFEXITED(wstatus)) {
        return "exited with status " + std::to_string(WEXITSTATUS(wstatus));
    }
    if (WIFSIGNALED(wstatus)) {
        return std::string("killed by signal ") + ::strsignal(WTERMSIG(wstatus));
    }
    return "ended abnormally";
}

Delivered run_once(gchar** argv, std::string_view message) {
    int pipe_fds[2];
    if (::pipe2(pipe_fds, O_CLOEXEC) < 0) {
        throw Error(Errc::io, std::string("pipe: ") + std::strerror(errno));
    }
    Fd read_end(pipe_fds[0]);
    Fd write_end(pipe_fds[1]);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, read_end.get(), STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, STDERR_FILENO, STDOUT_FILENO);
    pid_t pid = -1;
    int rc = ::posix_spawnp(&pid, argv[0], &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        return {false, std::string(argv[0]) + ": cannot run: " + std::strerror(rc), {}};
    }
    read_end.reset();
    bool written = write_all(write_end.get(), message);
    write_end.reset();  // EOF for the child

    int wstatus = 0;
    while (::waitpid(pid, &wstatus, 0) < 0) {
        if (errno != EINTR) {
            return {false, std::string("waitpid: ") + std::strerror(errno), {}};
        }
    }
    if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0) {
        if (!written) {
            // It exited 0 without reading the whole message: do not trust it.
            return {false, std::string(argv[0]) + " did not read the whole message", {}};
        }
        return {true, {}, argv[0]};
    }
    return {false, std::string(argv[0]) + " " + describe(wstatus), {}};
}

}  // namespace

std::vector<Delivered> deliver_sendmail(const std::string& command, std::span<const Outgoing> messages) {
    Argv argv = parse_command(command);
    if (argv.get()[0] == nullptr) {
        throw Error(Errc::usage, "sendmail command is empty");
    }
    IgnoreSigpipe guard;
    std::vector<Delivered> results;
    for (const auto& outgoing : messages) {
        results.push_back(run_once(argv.get(), to_lf(outgoing.message)));
    }
    return results;
}

}  // namespace smime::notify
