// A child process of the lab (opentracker, aria2c, shoal peers): started with its output in a log file,
// always stopped by its PID (SIGTERM, then SIGKILL after a grace period), every wait bounded.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "shoal/swarm/host_tools.h"

namespace shoal::swarm {

class ChildProcess {
public:
    enum class Stdio { Log, Pipes };
    // Starts argv[0] (found on PATH) in its own process group; stdout and stderr go to `log`. With
    // Stdio::Pipes its stdin and stdout are pipes to this process instead (stderr still goes to `log`).
    ChildProcess(const std::vector<std::string>& argv, const std::filesystem::path& log, Stdio stdio = Stdio::Log);
    ~ChildProcess();  // stop()
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    bool started() const { return pid_ > 0; }
    pid_t pid() const { return pid_; }
    bool running();  // false once it has exited (reaped)
    std::optional<int> exitCode() const;  // 128 + N for a signal
    // Waits (bounded) for it to exit on its own; its exit code, or nothing if it still runs.
    std::optional<int> waitExit(std::chrono::milliseconds timeout);
    int stdinFd() const { return in_; }    // Stdio::Pipes only, else -1; closed by closeStdin() or the destructor
    int stdoutFd() const { return out_; }
    void closeStdin();
    int stop(std::chrono::milliseconds grace = std::chrono::seconds(5));
    std::string logText() const;
    // Peak resident memory (VmHWM) in bytes while it runs; 0 when unknown.
    std::int64_t peakRss() const;

private:
    bool reap(int flags);  // true once reaped; call with mutex_ held

    pid_t pid_ = -1;
    std::filesystem::path log_;
    int in_ = -1;
    int out_ = -1;
    mutable std::mutex mutex_;  // the lab's thread stops it while a reader thread may wait for its exit
    std::optional<int> exitCode_;
};


}  // namespace shoal::swarm
