// A sendmail-style command per message: argv split like a shell would (GLib,
// no shell runs), message on stdin, the child's stdout sent to our stderr
// (our stdout carries only the product), exit status 0 = accepted. A command
// that takes longer than the timeout is killed and its message is not sent.
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <memory>
#include <optional>
#include <thread>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#include <smime/error.hpp>

#include "mime/line_ends.hpp"
#include "ops/notify_deliver.hpp"

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

using SteadyClock = std::chrono::steady_clock;

int milliseconds_until(SteadyClock::time_point deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now()).count();
    return left <= 0 ? 0 : static_cast<int>(std::min<long long>(left, 60'000));
}

// Writes everything to a non-blocking fd, or gives up at the deadline or
// when the reader is gone.
bool write_all(int fd, std::string_view data, SteadyClock::time_point deadline) {
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    while (!data.empty()) {
        ssize_t n = ::write(fd, data.data(), data.size());
        if (n > 0) {
            data.remove_prefix(static_cast<size_t>(n));
            continue;
        }
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0 && errno == EAGAIN) {
            pollfd ready{fd, POLLOUT, 0};
            if (::poll(&ready, 1, milliseconds_until(deadline)) == 0 && SteadyClock::now() >= deadline) {
                return false;
            }
            continue;
        }
        return false;
    }
    return true;
}

// The child's wait status, or nullopt after killing it at the deadline.
std::optional<int> wait_until(pid_t pid, SteadyClock::time_point deadline) {
    int wstatus = 0;
    for (;;) {
        pid_t done = ::waitpid(pid, &wstatus, WNOHANG);
        if (done == pid) {
            return wstatus;
        }
        if (done < 0 && errno != EINTR) {
            return std::nullopt;
        }
        if (SteadyClock::now() >= deadline) {
            ::kill(-pid, SIGKILL);  // its own process group: a wrapper script's children too
            while (::waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
            }
            return std::nullopt;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
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

Delivered run_once(gchar** argv, std::string_view message, long timeout_seconds) {
    auto deadline = SteadyClock::now() + std::chrono::seconds(timeout_seconds);
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
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    // The child's SIGPIPE is its own: smime ignores it (a closed reader is a
    // write error there), and an ignored signal would survive the exec.
    sigset_t default_signals;
    sigemptyset(&default_signals);
    sigaddset(&default_signals, SIGPIPE);
    posix_spawnattr_setsigdefault(&attributes, &default_signals);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF);
    posix_spawnattr_setpgroup(&attributes, 0);
    pid_t pid = -1;
    int rc = ::posix_spawnp(&pid, argv[0], &actions, &attributes, argv, environ);
    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        return {false, std::string(argv[0]) + ": cannot run: " + std::strerror(rc), {}};
    }
    read_end.reset();
    bool written = write_all(write_end.get(), message, deadline);
    write_end.reset();  // EOF for the child

    std::optional<int> status = wait_until(pid, deadline);
    if (!status) {
        return {false, std::string(argv[0]) + " did not finish within " + std::to_string(timeout_seconds) +
                           " seconds and was stopped", {}};
    }
    int wstatus = *status;
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

std::vector<Delivered> deliver_sendmail(const std::string& command, long timeout_seconds,
                                        std::span<const Outgoing> messages) {
    Argv argv = parse_command(command);
    if (argv.get()[0] == nullptr) {
        throw Error(Errc::usage, "sendmail command is empty");
    }
    IgnoreSigpipe guard;
    std::vector<Delivered> results;
    for (const auto& outgoing : messages) {
        results.push_back(run_once(argv.get(), mime::to_lf(outgoing.message), std::max(1L, timeout_seconds)));
    }
    return results;
}

}  // namespace smime::notify
