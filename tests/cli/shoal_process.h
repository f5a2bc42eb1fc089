// The `shoal` binary as a child process of a test: argument sets for loopback swarms and its --json
// NDJSON events read with deadlines. Shared by tests/cli and tests/interop.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "support/process.h"

#ifndef SHOAL_CLI_PATH
#define SHOAL_CLI_PATH ""  // the shoal target does not exist yet: tests skip
#endif

namespace shoal::test {

inline std::string shoalBinary() { return SHOAL_CLI_PATH; }

inline bool shoalBuilt() { return !shoalBinary().empty() && std::filesystem::exists(shoalBinary()); }

// Skips the current test when the binary is absent (a tree where cli/ has no sources yet).
#define SHOAL_REQUIRE_CLI()                                                  \
    do {                                                                     \
        if (!::shoal::test::shoalBuilt()) GTEST_SKIP() << "shoal not built"; \
    } while (0)

// The options every peer of a loopback swarm gets: its own address, its own profile, no discovery but
// what the test gives it, TCP only (uTP is slow on loopback), NDJSON events.
inline std::vector<std::string> loopbackArgs(const std::string& ip, const std::filesystem::path& profile) {
    return {"--listen", ip + ":0",   "--no-dht",       "--no-lsd", "--no-upnp",
            "--no-utp", "--profile", profile.string(), "--json"};
}

inline std::vector<std::string> concat(std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

// Runs `shoal ARGS...` to completion.
inline RunResult runShoal(const std::vector<std::string>& args,
                          std::chrono::milliseconds timeout = std::chrono::seconds(60)) {
    std::vector<std::string> argv{shoalBinary()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run(argv, timeout);
}

// A long-running `shoal download|seed ... --json`: every stdout line is parsed as one JSON event.
class ShoalProcess {
public:
    explicit ShoalProcess(const std::vector<std::string>& args) {
        ProcessOptions options;
        options.argv.push_back(shoalBinary());
        options.argv.insert(options.argv.end(), args.begin(), args.end());
        process_ = std::make_unique<Process>(std::move(options));
    }

    Process& process() { return *process_; }
    pid_t pid() const { return process_->pid(); }

    // Reads events until one matches (returned) or the deadline passes or output ends (nullopt). Lines
    // that are not JSON are kept as {"event":"non-json","line":...} so that a failure can show them.
    std::optional<nlohmann::json> waitEvent(const std::function<bool(const nlohmann::json&)>& match,
                                            std::chrono::milliseconds timeout) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        for (;;) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0) return std::nullopt;
            auto line = process_->readLine(left);
            if (!line) return std::nullopt;
            nlohmann::json event = nlohmann::json::parse(*line, nullptr, false);
            if (event.is_discarded() || !event.is_object()) event = {{"event", "non-json"}, {"line", *line}};
            events_.push_back(event);
            if (match(event)) return event;
        }
    }

    std::optional<nlohmann::json> waitEvent(const std::string& name, std::chrono::milliseconds timeout) {
        return waitEvent([&](const nlohmann::json& e) { return e.value("event", "") == name; }, timeout);
    }

    // The port of the first "listening" event (0 if none came in time).
    int waitListening(std::chrono::milliseconds timeout = std::chrono::seconds(15)) {
        auto event = waitEvent("listening", timeout);
        return event ? event->value("port", 0) : 0;
    }

    bool sawEvent(const std::string& name) const {
        for (const auto& e : events_)
            if (e.value("event", "") == name) return true;
        return false;
    }
    int countEvents(const std::string& name) const {
        int n = 0;
        for (const auto& e : events_)
            if (e.value("event", "") == name) ++n;
        return n;
    }
    const std::vector<nlohmann::json>& events() const { return events_; }

    // What a failed assertion should show: the last events and everything on stderr.
    std::string transcript(std::size_t lastEvents = 12) {
        std::string out = "--- last events of pid " + std::to_string(pid()) + ":\n";
        const std::size_t from = events_.size() > lastEvents ? events_.size() - lastEvents : 0;
        for (std::size_t i = from; i < events_.size(); ++i) out += events_[i].dump() + "\n";
        out += "--- stderr:\n" + process_->stderrText();
        return out;
    }

private:
    std::unique_ptr<Process> process_;
    std::vector<nlohmann::json> events_;
};

inline bool isEvent(const nlohmann::json& e, const std::string& name) { return e.value("event", "") == name; }

}  // namespace shoal::test
