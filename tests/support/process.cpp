// Child processes for tests: fork/exec with piped stdout/stderr, a reader thread per pipe, bounded waits,
// and a stop by PID (SIGTERM, then SIGKILL) that always runs.
#include "support/process.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <condition_variable>
#include <cstring>
#include <mutex>
#include <thread>

namespace shoal::test {

struct Process::Impl {
    pid_t pid = -1;
    int outFd = -1;
    int errFd = -1;
    std::thread reader;
    mutable std::mutex mutex;
    std::condition_variable cv;
    std::string partial;
    std::vector<std::string> lines;  // every stdout line
    std::size_t nextLine = 0;        // next one readLine returns
    std::string err;
    bool eof = false;
    bool reaped = false;
    int exitCode = -1;

    void readLoop() {
        pollfd fds[2] = {{outFd, POLLIN, 0}, {errFd, POLLIN, 0}};
        int open = (outFd >= 0) + (errFd >= 0);
        char buf[65536];
        while (open > 0) {
            if (::poll(fds, 2, -1) < 0) {
                if (errno == EINTR) continue;
                break;
            }
            for (auto& fd : fds) {
                if (fd.fd < 0 || !(fd.revents & (POLLIN | POLLHUP | POLLERR))) continue;
                const ssize_t n = ::read(fd.fd, buf, sizeof buf);
                std::lock_guard lock(mutex);
                if (n <= 0) {
                    ::close(fd.fd);
                    fd.fd = -1;
                    --open;
                    continue;
                }
                if (fd.fd == outFd) {
                    partial.append(buf, static_cast<std::size_t>(n));
                    std::size_t pos;
                    while ((pos = partial.find('\n')) != std::string::npos) {
                        lines.push_back(partial.substr(0, pos));
                        partial.erase(0, pos + 1);
                    }
                } else {
                    err.append(buf, static_cast<std::size_t>(n));
                }
                cv.notify_all();
            }
        }
        std::lock_guard lock(mutex);
        if (!partial.empty()) lines.push_back(std::move(partial));
        eof = true;
        cv.notify_all();
    }
};

Process::Process(ProcessOptions options) : impl_(new Impl) {
    int out[2], err[2];
    if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) return;
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e) {
        const std::string entry(*e);
        const std::string key = entry.substr(0, entry.find('='));
        if (!options.env.count(key)) env.push_back(entry);
    }
    for (const auto& [key, value] : options.env) env.push_back(key + "=" + value);
    std::vector<char*> argv, envp;
    for (auto& a : options.argv) argv.push_back(a.data());
    argv.push_back(nullptr);
    for (auto& e : env) envp.push_back(e.data());
    envp.push_back(nullptr);

    const pid_t pid = ::fork();
    if (pid == 0) {
        ::setpgid(0, 0);  // its own group, so a stop reaches its children too
        ::dup2(out[1], STDOUT_FILENO);
        ::dup2(options.captureStderr ? err[1] : STDERR_FILENO, STDERR_FILENO);
        const int devnull = ::open("/dev/null", O_RDONLY);
        if (devnull >= 0) ::dup2(devnull, STDIN_FILENO);
        if (!options.workingDir.empty() && ::chdir(options.workingDir.c_str()) != 0) ::_exit(126);
        ::execvpe(argv[0], argv.data(), envp.data());
        ::_exit(127);
    }
    ::close(out[1]);
    ::close(err[1]);
    if (pid < 0) {
        ::close(out[0]);
        ::close(err[0]);
        return;
    }
    ::setpgid(pid, pid);
    impl_->pid = pid;
    impl_->outFd = out[0];
    impl_->errFd = err[0];
    impl_->reader = std::thread([impl = impl_] { impl->readLoop(); });
}

Process::~Process() {
    stop();
    if (impl_->reader.joinable()) impl_->reader.join();
    delete impl_;
}

bool Process::started() const { return impl_->pid > 0; }
pid_t Process::pid() const { return impl_->pid; }

std::optional<std::string> Process::readLine(std::chrono::milliseconds timeout) {
    std::unique_lock lock(impl_->mutex);
    impl_->cv.wait_for(lock, timeout, [&] { return impl_->nextLine < impl_->lines.size() || impl_->eof; });
    if (impl_->nextLine < impl_->lines.size()) return impl_->lines[impl_->nextLine++];
    return std::nullopt;
}

std::optional<std::string> Process::waitForLine(const std::function<bool(const std::string&)>& match,
                                                std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return std::nullopt;
        auto line = readLine(left);
        if (!line) {
            std::lock_guard lock(impl_->mutex);
            if (impl_->eof) return std::nullopt;
            continue;
        }
        if (match(*line)) return line;
    }
}

std::vector<std::string> Process::linesSoFar() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->lines;
}

std::string Process::stderrText() {
    std::lock_guard lock(impl_->mutex);
    return impl_->err;
}

void Process::signal(int sig) {
    if (impl_->pid > 0 && !impl_->reaped) ::kill(impl_->pid, sig);
}

std::optional<int> Process::wait(std::chrono::milliseconds timeout) {
    if (impl_->pid <= 0) return std::nullopt;
    if (impl_->reaped) return impl_->exitCode;
    // No child-exit notification without a signal handler: poll waitpid on a short, bounded cadence.
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        int status = 0;
        const pid_t r = ::waitpid(impl_->pid, &status, WNOHANG);
        if (r == impl_->pid) {
            impl_->reaped = true;
            impl_->exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            return impl_->exitCode;
        }
        if (r < 0) return std::nullopt;
        if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
        std::unique_lock lock(impl_->mutex);
        impl_->cv.wait_for(lock, std::chrono::milliseconds(20));
    }
}

int Process::stop(std::chrono::milliseconds grace) {
    if (impl_->pid <= 0) return -1;
    if (impl_->reaped) return impl_->exitCode;
    ::kill(impl_->pid, SIGTERM);
    if (auto code = wait(grace)) return *code;
    ::kill(-impl_->pid, SIGKILL);
    ::kill(impl_->pid, SIGKILL);
    return wait(std::chrono::seconds(10)).value_or(-1);
}

RunResult run(const std::vector<std::string>& argv, std::chrono::milliseconds timeout) {
    Process process(ProcessOptions{argv, {}, {}, true});
    RunResult result;
    if (!process.started()) return result;
    auto code = process.wait(timeout);
    if (!code) {
        process.stop(std::chrono::seconds(2));
        result.exitCode = -1;
    } else {
        result.exitCode = *code;
    }
    // Drain what is left of the output: the pipes close when the child is gone.
    while (process.readLine(std::chrono::milliseconds(2000))) {
    }
    for (const auto& line : process.linesSoFar()) result.out += line + "\n";
    result.err = process.stderrText();
    return result;
}

}  // namespace shoal::test
