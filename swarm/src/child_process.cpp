// ChildProcess: fork/exec with output to a file or pipes, reaping by PID with bounded waits.
#include "child_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

namespace shoal::swarm {

ChildProcess::ChildProcess(const std::vector<std::string>& argv, const std::filesystem::path& log, Stdio stdio)
    : log_(log) {
    std::vector<std::string> args = argv;
    std::vector<char*> raw;
    for (auto& a : args) raw.push_back(a.data());
    raw.push_back(nullptr);
    // A peer process's log collects all its runs (it rejoins after churn); other logs start afresh.
    const int mode = stdio == Stdio::Pipes ? O_APPEND : O_TRUNC;
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | mode | O_CLOEXEC, 0644);
    if (fd < 0) return;
    int toChild[2] = {-1, -1};
    int fromChild[2] = {-1, -1};
    if (stdio == Stdio::Pipes && (::pipe2(toChild, O_CLOEXEC) != 0 || ::pipe2(fromChild, O_CLOEXEC) != 0)) {
        for (int p : {toChild[0], toChild[1], fromChild[0], fromChild[1]}) if (p >= 0) ::close(p);
        ::close(fd);
        return;
    }
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::setpgid(0, 0);  // its own group: a stop reaches its children too
        if (stdio == Stdio::Pipes) {
            ::dup2(toChild[0], STDIN_FILENO);
            ::dup2(fromChild[1], STDOUT_FILENO);
        } else {
            ::dup2(fd, STDOUT_FILENO);
            const int devnull = ::open("/dev/null", O_RDONLY);
            if (devnull >= 0) ::dup2(devnull, STDIN_FILENO);
        }
        ::dup2(fd, STDERR_FILENO);
        ::execvp(raw[0], raw.data());
        ::_exit(127);
    }
    ::close(fd);
    if (stdio == Stdio::Pipes) {
        ::close(toChild[0]);
        ::close(fromChild[1]);
        if (pid < 0) {
            ::close(toChild[1]);
            ::close(fromChild[0]);
        } else {
            in_ = toChild[1];
            out_ = fromChild[0];
        }
    }
    if (pid < 0) return;
    ::setpgid(pid, pid);
    pid_ = pid;
}

ChildProcess::~ChildProcess() {
    stop();
    closeStdin();
    if (out_ >= 0) ::close(out_);
}

void ChildProcess::closeStdin() {
    std::lock_guard lock(mutex_);
    if (in_ >= 0) ::close(in_);
    in_ = -1;
}

bool ChildProcess::reap(int flags) {
    if (exitCode_) return true;
    int status = 0;
    if (::waitpid(pid_, &status, flags) != pid_) return false;
    exitCode_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return true;
}

bool ChildProcess::running() {
    if (pid_ <= 0) return false;
    std::lock_guard lock(mutex_);
    return !reap(WNOHANG);
}

std::optional<int> ChildProcess::exitCode() const {
    std::lock_guard lock(mutex_);
    return exitCode_;
}

std::optional<int> ChildProcess::waitExit(std::chrono::milliseconds timeout) {
    // No SIGCHLD handler in a library: poll waitpid on a short cadence, bounded by `timeout`.
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        if (!running()) return exitCode();
        if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

int ChildProcess::stop(std::chrono::milliseconds grace) {
    if (pid_ <= 0) return -1;
    if (!running()) return exitCode().value_or(-1);
    ::kill(pid_, SIGTERM);
    if (auto code = waitExit(grace)) return *code;
    ::kill(-pid_, SIGKILL);
    ::kill(pid_, SIGKILL);
    std::lock_guard lock(mutex_);
    reap(0);
    return exitCode_.value_or(-1);
}

std::string ChildProcess::logText() const {
    std::ifstream in(log_);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::int64_t ChildProcess::peakRss() const {
    if (pid_ <= 0) return 0;
    std::ifstream in("/proc/" + std::to_string(pid_) + "/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("VmHWM:", 0) == 0) return std::stoll(line.substr(6)) * 1024;
    }
    return 0;
}

}  // namespace shoal::swarm
