// Child processes for tests: spawned with their PID kept, their stdout read line by line with deadlines,
// and always stopped (SIGTERM, then SIGKILL) by that PID when the object goes away.
#pragma once

#include <chrono>
#include <csignal>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "shoal/swarm/host_tools.h"

namespace shoal::test {

struct ProcessOptions {
    std::vector<std::string> argv;  // argv[0] is the program (a path, or a name found on PATH)
    std::filesystem::path workingDir;  // empty: the current one
    std::map<std::string, std::string> env;  // added to (or replacing in) the parent's environment
    bool captureStderr = true;
};

class Process {
public:
    explicit Process(ProcessOptions options);  // starts it; check started()
    ~Process();                                // stop()
    Process(const Process&) = delete;
    Process& operator=(const Process&) = delete;

    bool started() const;
    pid_t pid() const;

    // The next stdout line, or nullopt at the deadline or at end of output.
    std::optional<std::string> readLine(std::chrono::milliseconds timeout);
    // Reads lines until one satisfies `match` (returned) or the deadline passes (nullopt).
    std::optional<std::string> waitForLine(const std::function<bool(const std::string&)>& match,
                                           std::chrono::milliseconds timeout);
    std::vector<std::string> linesSoFar() const;  // every stdout line read so far
    std::string stderrText();                     // everything read from stderr so far

    void signal(int sig);
    // Waits for exit; returns the exit code (128+signal if killed), or nullopt at the deadline.
    std::optional<int> wait(std::chrono::milliseconds timeout);
    // SIGTERM, wait up to `grace`, then SIGKILL; returns the exit code.
    int stop(std::chrono::milliseconds grace = std::chrono::seconds(10));

    struct Impl;

private:
    Impl* impl_;
};

// Runs a program to completion (bounded), returning exit code, stdout and stderr.
struct RunResult {
    int exitCode = -1;  // -1 if it timed out (it is then killed)
    std::string out;
    std::string err;
};
RunResult run(const std::vector<std::string>& argv, std::chrono::milliseconds timeout = std::chrono::seconds(60));

// True if `program` is found on PATH (interop tests skip with a stated reason when a peer client is absent).
using swarm::onPath;

}  // namespace shoal::test
